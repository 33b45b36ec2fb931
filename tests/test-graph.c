/* test-graph.c
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The graphs: decimation (random series: every column keeps its extremes,
 * at most four points, in order; the tree-backed decimation of a track is
 * the same as the plain one), the mapping between data and pixels, zoom,
 * pan and reset, the hit test and the readout on a capture written here,
 * the warning of a capture picked up mid-stream, the exports (the SVG is
 * read back: series colours, labels in its text layer, one mark per
 * retransmission; the PNG with cairo), the errors, and the cost of
 * painting a million points, counted (not timed).
 *
 * The crafted connection ("story", client 10.0.0.1:40000, server
 * 10.0.0.2:80, ISNs 1000 and 5000, window scale 7, times in ms):
 *    0-20     handshake
 *    21, 30   a request, its ACK
 *    31-34    server data 5001, 6001, 7001, (8001 lost), 9001
 *    40-43    the client ACKs 7001, then two dup ACKs with SACK 9001-10001
 *    50       fast retransmission of 8001; 60: ACK 10001
 *    70, 370  data 10001 and its retransmission after a timeout; 380: ACK
 *    385, 390 data 11001; ACK 12001 with a zero window
 *    600-601  zero-window probe, its ACK (still zero)
 *    900      window update
 *    1000-    four-packet close
 * HS_TEST_KEEP=1 keeps the files written (and prints where). */

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo.h>
#include <pango/pangocairo.h>
#include <glib/gstdio.h>

#include "handshake.h"
#include "hs-graph-export.h"
#include "hs-graph-private.h"
#include "hs-test-utils.h"

#define T0 G_GINT64_CONSTANT (1700000000000000000)
#define MS G_GINT64_CONSTANT (1000000)

#define CLI "10.0.0.1", "10.0.0.2", 40000, 80
#define SRV "10.0.0.2", "10.0.0.1", 80, 40000
#define SYN HS_TCP_SYN
#define ACK HS_TCP_ACK
#define PSH HS_TCP_PSH
#define FIN HS_TCP_FIN

#define W 1200.0
#define H 700.0

/* The legend's swatch (or a heading's chip) and the gap before its text. */
#define LEGEND_SWATCH_WIDTH 36.0

static char *tmp_dir;
static HsCapture *sample_cap;
static HsCapture *story_cap;
static HsCapture *midstream_cap;
static HsCapture *lonely_cap;
static HsCapture *scales_cap;
static HsCapture *short_cap;
static HsCapture *scatter_cap;

typedef HsTestPacket Packet;

static const guint8 syn_options[] = {
  2, 4, 0x05, 0xb4,   /* MSS 1460 */
  4, 2,               /* SACK permitted */
  1, 3, 3, 7,         /* NOP, window scale 7 */
};

/* NOP, NOP, SACK 9001-10001 */
static const guint8 sack_options[] = {
  1, 1, 5, 10, 0x00, 0x00, 0x23, 0x29, 0x00, 0x00, 0x27, 0x11,
};

static const Packet story[] = {
  /* 0-2 handshake */
  { 0, { CLI, 1000, 0, SYN, 64240, 0, NULL, syn_options, sizeof syn_options } },
  { 10, { SRV, 5000, 1001, SYN | ACK, 65160, 0, NULL, syn_options, sizeof syn_options } },
  { 20, { CLI, 1001, 5001, ACK, 502, 0 } },
  /* 3, 4: request and its ACK */
  { 21, { CLI, 1001, 5001, PSH | ACK, 502, 100 } },
  { 30, { SRV, 5001, 1101, ACK, 509, 0 } },
  /* 5-8: data, 8001-9000 never captured */
  { 31, { SRV, 5001, 1101, ACK, 509, 1000 } },
  { 32, { SRV, 6001, 1101, ACK, 509, 1000 } },
  { 33, { SRV, 7001, 1101, ACK, 509, 1000 } },
  { 34, { SRV, 9001, 1101, ACK, 509, 1000 } },
  /* 9-11: ACK, two dup ACKs with SACK */
  { 40, { CLI, 1101, 8001, ACK, 502, 0 } },
  { 42, { CLI, 1101, 8001, ACK, 502, 0, NULL, sack_options, sizeof sack_options } },
  { 43, { CLI, 1101, 8001, ACK, 502, 0, NULL, sack_options, sizeof sack_options } },
  /* 12, 13: fast retransmission, ACK of everything */
  { 50, { SRV, 8001, 1101, ACK, 509, 1000 } },
  { 60, { CLI, 1101, 10001, ACK, 502, 0 } },
  /* 14-16: data, its retransmission after a timeout, its ACK */
  { 70, { SRV, 10001, 1101, PSH | ACK, 509, 1000 } },
  { 370, { SRV, 10001, 1101, PSH | ACK, 509, 1000 } },
  { 380, { CLI, 1101, 11001, ACK, 502, 0 } },
  /* 17, 18: data, ACK with a zero window */
  { 385, { SRV, 11001, 1101, ACK, 509, 1000 } },
  { 390, { CLI, 1101, 12001, ACK, 0, 0 } },
  /* 19-21: probe, its ACK, window update */
  { 600, { SRV, 12001, 1101, ACK, 509, 1 } },
  { 601, { CLI, 1101, 12001, ACK, 0, 0 } },
  { 900, { CLI, 1101, 12001, ACK, 502, 0 } },
  /* 22-25: close */
  { 1000, { CLI, 1101, 12001, FIN | ACK, 502, 0 } },
  { 1010, { SRV, 12001, 1102, ACK, 509, 0 } },
  { 1020, { SRV, 12001, 1102, FIN | ACK, 509, 0 } },
  { 1030, { CLI, 1102, 12002, ACK, 502, 0 } },
};

#define STORY_RETRANSMISSIONS 2

/* Picked up mid-stream: no window scale known. */
static const Packet midstream[] = {
  { 0, { SRV, 5001, 1001, ACK, 509, 1000 } },
  { 1, { CLI, 1001, 6001, ACK, 502, 0 } },
  { 2, { SRV, 6001, 1001, ACK, 509, 1000 } },
  { 3, { CLI, 1001, 7001, ACK, 502, 0 } },
};

/* A SYN and nothing else. */
static const Packet lonely[] = {
  { 0, { CLI, 1000, 0, SYN, 64240, 0, NULL, syn_options, sizeof syn_options } },
};

/* MSS 1460, SACK permitted, window scale 6 */
static const guint8 syn_options_ws6[] = { 2, 4, 0x05, 0xb4, 4, 2, 1, 3, 3, 6 };

/* Windows of very different sizes: the client advertises 8 KiB (64 << 7),
 * the server 4 MiB (65535 << 6); a request, eight segments back. */
static const Packet scales[] = {
  { 0, { CLI, 1000, 0, SYN, 64, 0, NULL, syn_options, sizeof syn_options } },
  { 5, { SRV, 5000, 1001, SYN | ACK, 65535, 0, NULL, syn_options_ws6, sizeof syn_options_ws6 } },
  { 10, { CLI, 1001, 5001, ACK, 64, 0 } },
  { 11, { CLI, 1001, 5001, PSH | ACK, 64, 100 } },
  { 15, { SRV, 5001, 1101, ACK, 65535, 1000 } },
  { 16, { SRV, 6001, 1101, ACK, 65535, 1000 } },
  { 17, { SRV, 7001, 1101, ACK, 65535, 1000 } },
  { 18, { SRV, 8001, 1101, ACK, 65535, 1000 } },
  { 19, { CLI, 1101, 9001, ACK, 64, 0 } },
  { 20, { SRV, 9001, 1101, ACK, 65535, 1000 } },
  { 21, { SRV, 10001, 1101, ACK, 65535, 1000 } },
  { 22, { SRV, 11001, 1101, ACK, 65535, 1000 } },
  { 23, { SRV, 12001, 1101, PSH | ACK, 65535, 1000 } },
  { 26, { CLI, 1101, 13001, ACK, 64, 0 } },
  { 30, { CLI, 1101, 13001, FIN | ACK, 64, 0 } },
  { 31, { SRV, 13001, 1102, FIN | ACK, 65535, 0 } },
  { 32, { CLI, 1102, 13002, ACK, 64, 0 } },
};

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static HsCapture *
write_and_load (const char   *name,
                const Packet *packets,
                guint         n)
{
  g_autofree char *path = tmp_path (name);

  hs_test_write_packets (path, T0, packets, n);
  return hs_test_load (path);
}

static HsCapture *
story_capture (void)
{
  if (story_cap == NULL)
    story_cap = write_and_load ("story.pcap", story, G_N_ELEMENTS (story));
  return story_cap;
}

static HsCapture *
midstream_capture (void)
{
  if (midstream_cap == NULL)
    midstream_cap = write_and_load ("midstream.pcap", midstream, G_N_ELEMENTS (midstream));
  return midstream_cap;
}

static HsCapture *
lonely_capture (void)
{
  if (lonely_cap == NULL)
    lonely_cap = write_and_load ("lonely.pcap", lonely, G_N_ELEMENTS (lonely));
  return lonely_cap;
}

static HsCapture *
scales_capture (void)
{
  if (scales_cap == NULL)
    scales_cap = write_and_load ("scales.pcap", scales, G_N_ELEMENTS (scales));
  return scales_cap;
}

/* 37 ms: the handshake, 30 segments of 1448 bytes 1 ms apart, each ACKed
 * half a millisecond later (in the same ms granularity: the next ms), the
 * close. */
static HsCapture *
short_capture (void)
{
  if (short_cap == NULL)
    {
      g_autofree char *path = tmp_path ("short.pcap");
      HsTestWriter *w = hs_test_writer_new (path, HS_TEST_PCAP_NSEC, 1, FALSE);
      HsTestSegment syn = { CLI, 1000, 0, SYN, 64240, 0, NULL, syn_options, sizeof syn_options };
      HsTestSegment syn_ack = { SRV, 5000, 1001, SYN | ACK, 65160, 0, NULL, syn_options,
                                sizeof syn_options };
      HsTestSegment ack = { CLI, 1001, 5001, ACK, 502, 0 };
      guint i;

      hs_test_writer_segment (w, T0, &syn);
      hs_test_writer_segment (w, T0 + 1 * MS, &syn_ack);
      hs_test_writer_segment (w, T0 + 2 * MS, &ack);
      for (i = 0; i < 30; i++)
        {
          HsTestSegment data = { CLI, 1001 + i * 1448, 5001, PSH | ACK, 502, 1448 };
          HsTestSegment data_ack = { SRV, 5001, 1001 + (i + 1) * 1448, ACK, 509, 0 };

          hs_test_writer_segment (w, T0 + (3 + i) * MS, &data);
          hs_test_writer_segment (w, T0 + (3 + i) * MS + MS / 2, &data_ack);
        }
      {
        HsTestSegment fin = { CLI, 1001 + 30 * 1448, 5001, FIN | ACK, 502, 0 };
        HsTestSegment fin_ack = { SRV, 5001, 1002 + 30 * 1448, FIN | ACK, 509, 0 };
        HsTestSegment last = { CLI, 1002 + 30 * 1448, 5002, ACK, 502, 0 };

        hs_test_writer_segment (w, T0 + 35 * MS, &fin);
        hs_test_writer_segment (w, T0 + 36 * MS, &fin_ack);
        hs_test_writer_segment (w, T0 + 37 * MS, &last);
      }
      hs_test_writer_close (w);
      short_cap = hs_test_load (path);
    }
  return short_cap;
}

/* 2,000 segments from the client 2 ms apart, each ACKed after a random
 * 20 µs to 1.95 ms: round-trip times all over the graph's height. */
static HsCapture *
scatter_capture (void)
{
  if (scatter_cap == NULL)
    {
      g_autofree char *path = tmp_path ("scatter.pcap");
      HsTestWriter *w = hs_test_writer_new (path, HS_TEST_PCAP_NSEC, 1, FALSE);
      HsTestSegment syn = { CLI, 1000, 0, SYN, 64240, 0, NULL, syn_options, sizeof syn_options };
      HsTestSegment syn_ack = { SRV, 5000, 1001, SYN | ACK, 65160, 0, NULL, syn_options,
                                sizeof syn_options };
      HsTestSegment ack = { CLI, 1001, 5001, ACK, 502, 0 };
      GRand *rand = g_rand_new_with_seed (5);
      guint i;

      hs_test_writer_segment (w, T0, &syn);
      hs_test_writer_segment (w, T0 + MS, &syn_ack);
      hs_test_writer_segment (w, T0 + 2 * MS, &ack);
      for (i = 0; i < 2000; i++)
        {
          HsTestSegment data = { CLI, 1001 + i * 100, 5001, PSH | ACK, 502, 100 };
          HsTestSegment data_ack = { SRV, 5001, 1001 + (i + 1) * 100, ACK, 509, 0 };
          gint64 t = T0 + (4 + 2 * (gint64) i) * MS;

          hs_test_writer_segment (w, t, &data);
          hs_test_writer_segment (w, t + g_rand_int_range (rand, 20000, 1950000), &data_ack);
        }
      hs_test_writer_close (w);
      g_rand_free (rand);
      scatter_cap = hs_test_load (path);
    }
  return scatter_cap;
}

static HsCapture *
sample_capture (void)
{
  if (sample_cap == NULL)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                     "sample.pcapng", NULL);
      g_autoptr(GError) error = NULL;

      sample_cap = hs_capture_load (path, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  return sample_cap;
}

static gint64
story_t (guint pos)
{
  return story[pos].ms * MS;
}

static guint
count_analysis (HsCapture *capture,
                guint      dir,
                guint      flags)
{
  const guint32 *frames;
  guint n, i, count = 0;

  frames = hs_capture_get_stream_packets (capture, 0, &n);
  for (i = 0; i < n; i++)
    {
      const HsPacketRecord *r = hs_capture_get_record (capture, frames[i]);

      if (r->direction == dir && (r->analysis & flags))
        count++;
    }
  return count;
}

/* ------------------------------------------------------------------------ */
/* 1. Decimation                                                             */

static void
test_decimate (void)
{
  GRand *rand = g_rand_new_with_seed (7);
  guint round;

  g_assert_cmpuint (hs_graph_decimate (NULL, 0, NULL), ==, 0);

  for (round = 0; round < 40; round++)
    {
      guint n = g_rand_int_range (rand, 1, 6000);
      HsGraphPoint *points = g_new (HsGraphPoint, n);
      HsGraphPoint *out = g_new (HsGraphPoint, n);
      HsGraphPoint *copy = g_new (HsGraphPoint, n);
      double x = g_rand_double_range (rand, -3, 3);
      guint n_out, i, k;

      /* columns of one point, of many, and empty ones; ties in y */
      for (i = 0; i < n; i++)
        {
          x += round % 3 == 0 ? g_rand_double_range (rand, 0, 2.5)
                              : g_rand_double_range (rand, 0, 0.02);
          points[i].x = x;
          points[i].y = round % 2 == 0 ? g_rand_double_range (rand, -100, 100)
                                       : (double) g_rand_int_range (rand, 0, 8);
        }
      memcpy (copy, points, n * sizeof *points);

      n_out = hs_graph_decimate (points, n, out);
      g_assert_cmpuint (n_out, >=, 1);
      g_assert_cmpuint (n_out, <=, n);

      /* column by column */
      i = 0;
      k = 0;
      while (i < n)
        {
          double col = floor (points[i].x);
          double lo = points[i].y, hi = points[i].y;
          guint end = i;
          guint kept = 0;
          guint last_index = 0;
          gboolean has_lo = FALSE, has_hi = FALSE, has_first = FALSE, has_last = FALSE;

          while (end < n && floor (points[end].x) == col)
            {
              lo = MIN (lo, points[end].y);
              hi = MAX (hi, points[end].y);
              end++;
            }

          for (; k < n_out && floor (out[k].x) == col; k++, kept++)
            {
              guint j;
              gboolean found = FALSE;

              /* a point of the column, after the one kept before it */
              for (j = i; j < end; j++)
                {
                  if (points[j].x == out[k].x && points[j].y == out[k].y)
                    {
                      found = TRUE;
                      break;
                    }
                }
              g_assert_true (found);
              if (kept > 0)
                g_assert_cmpuint (j, >, last_index);
              last_index = j;
              has_first |= j == i;
              has_last |= j == end - 1;
              has_lo |= out[k].y == lo;
              has_hi |= out[k].y == hi;
            }

          g_assert_cmpuint (kept, >=, 1);
          g_assert_cmpuint (kept, <=, 4);
          g_assert_true (has_first && has_last && has_lo && has_hi);
          i = end;
        }
      g_assert_cmpuint (k, ==, n_out);

      /* x never goes back */
      for (i = 1; i < n_out; i++)
        g_assert_cmpfloat (out[i].x, >=, out[i - 1].x);

      /* in place gives the same */
      g_assert_cmpuint (hs_graph_decimate (copy, n, copy), ==, n_out);
      g_assert_cmpint (memcmp (copy, out, n_out * sizeof *out), ==, 0);

      g_free (points);
      g_free (out);
      g_free (copy);
    }

  g_rand_free (rand);
}

/* The track's tree-backed decimation is the plain one on the visible
 * points, plus one neighbour on each side. */
static void
test_decimate_track (void)
{
  GRand *rand = g_rand_new_with_seed (11);
  guint round;

  for (round = 0; round < 60; round++)
    {
      guint n = g_rand_int_range (rand, 1, 20000);
      HsGraphTrack *track = _hs_graph_track_new (n, FALSE);
      g_autoptr(GArray) idx = g_array_new (FALSE, FALSE, sizeof (guint32));
      HsGraphPoint *points = g_new (HsGraphPoint, n);
      HsGraphPoint *plain = g_new (HsGraphPoint, n);
      HsGraphMap map;
      gint64 t = 0;
      guint64 visits = 0;
      guint first, end, n_plain, i, k;

      for (i = 0; i < n; i++)
        {
          /* equal times now and then, values with ties */
          t += g_rand_int_range (rand, 0, 4) == 0 ? 0 : g_rand_int_range (rand, 1, 5000);
          track->t[i] = t;
          track->lo[i] = round % 2 ? (double) g_rand_int_range (rand, 0, 5)
                                   : g_rand_double_range (rand, -1e6, 1e6);
          track->pos[i] = i;
        }
      track->n = n;
      _hs_graph_track_finish (track);

      memset (&map, 0, sizeof map);
      map.width = g_rand_double_range (rand, 50, 900);
      map.height = 300;
      map.t0 = g_rand_int_range (rand, -10000, (gint32) MAX (t / 2, 1));
      map.t1 = map.t0 + MAX (1, g_rand_int_range (rand, 1, (gint32) MAX (t, 2)));
      map.pad = round % 3 == 0 ? 0 : 6;
      map.x_scale = (map.width - 2 * map.pad) / (double) (map.t1 - map.t0);
      map.v0 = -1e6;
      map.v1 = 1e6;
      map.y_scale = 300 / 2e6;

      _hs_graph_track_decimate (track, &map, idx, &visits);

      /* the plain way: the points with x in [0, ceil (width)) */
      first = 0;
      while (first < n && hs_graph_map_x (&map, track->t[first]) < 0)
        first++;
      end = first;
      while (end < n && hs_graph_map_x (&map, track->t[end]) < ceil (map.width))
        end++;
      for (i = first; i < end; i++)
        {
          points[i - first].x = hs_graph_map_x (&map, track->t[i]);
          points[i - first].y = track->lo[i];
        }
      n_plain = hs_graph_decimate (points, end - first, plain);

      k = 0;
      if (first > 0)
        {
          g_assert_cmpuint (g_array_index (idx, guint32, 0), ==, first - 1);
          k++;
        }
      for (i = 0; i < n_plain; i++, k++)
        {
          guint32 j;

          g_assert_cmpuint (k, <, idx->len);
          j = g_array_index (idx, guint32, k);
          g_assert_cmpfloat (hs_graph_map_x (&map, track->t[j]), ==, plain[i].x);
          g_assert_cmpfloat (track->lo[j], ==, plain[i].y);
        }
      if (end < n)
        {
          g_assert_cmpuint (g_array_index (idx, guint32, k), ==, end);
          k++;
        }
      g_assert_cmpuint (k, ==, idx->len);

      /* and the range query agrees with a scan */
      for (i = 0; i < 20; i++)
        {
          guint a = g_rand_int_range (rand, 0, n);
          guint b = g_rand_int_range (rand, a + 1, n + 1);
          guint imin, imax, smin = a, smax = a, j;

          _hs_graph_track_range (track, a, b, &imin, &imax, &visits);
          for (j = a + 1; j < b; j++)
            {
              if (track->lo[j] < track->lo[smin])
                smin = j;
              if (track->lo[j] > track->lo[smax])
                smax = j;
            }
          g_assert_cmpuint (imin, ==, smin);
          g_assert_cmpuint (imax, ==, smax);
        }

      _hs_graph_track_free (track);
      g_free (points);
      g_free (plain);
    }

  g_rand_free (rand);
}

/* ------------------------------------------------------------------------ */
/* 2. Kinds, options, data                                                   */

static void
test_kinds (void)
{
  HsGraphKind kind;
  guint k;

  for (k = 0; k < HS_GRAPH_N_KINDS; k++)
    {
      const char *name = hs_graph_kind_to_name ((HsGraphKind) k);

      g_assert_nonnull (name);
      g_assert_true (hs_graph_kind_from_name (name, &kind));
      g_assert_cmpint (kind, ==, k);
      g_assert_nonnull (hs_graph_kind_get_title ((HsGraphKind) k));
    }
  g_assert_true (hs_graph_kind_from_name ("TCPTRACE", &kind));
  g_assert_cmpint (kind, ==, HS_GRAPH_TCPTRACE);
  g_assert_false (hs_graph_kind_from_name ("pie", &kind));
  g_assert_false (hs_graph_kind_from_name (NULL, &kind));
  g_assert_cmpstr (hs_graph_kind_get_title (HS_GRAPH_RTT), ==, "Round-Trip Time");
}

static void
test_options (void)
{
  HsCapture *capture = story_capture ();
  HsGraph *graph;
  gint64 t0, t1;
  double v0, v1, old_v1;

  /* time-sequence: the server sent more */
  graph = hs_graph_new (capture, 0, HS_GRAPH_TCPTRACE);
  g_assert_cmpint (hs_graph_get_kind (graph), ==, HS_GRAPH_TCPTRACE);
  g_assert_cmpuint (hs_graph_get_stream (graph), ==, 0);
  g_assert_true (hs_graph_get_capture (graph) == capture);
  g_assert_cmpint (hs_graph_get_directions (graph), ==, HS_GRAPH_DIR_1);
  g_assert_cmpstr (hs_graph_get_direction_name (graph, 1), ==,
                   "server 10.0.0.2:80 → client 10.0.0.1:40000");
  g_assert_cmpstr (hs_graph_get_direction_name (graph, 0), ==,
                   "client 10.0.0.1:40000 → server 10.0.0.2:80");
  g_assert_cmpstr (hs_graph_get_endpoint_name (graph, 1), ==, "10.0.0.2:80");
  g_assert_true (hs_graph_set_directions (graph, HS_GRAPH_DIR_0));
  g_assert_cmpint (hs_graph_get_directions (graph), ==, HS_GRAPH_DIR_0);
  g_assert_false (hs_graph_set_directions (graph, HS_GRAPH_DIR_0));
  /* both: one sequence space only, the default one */
  g_assert_true (hs_graph_set_directions (graph, HS_GRAPH_DIR_BOTH));
  g_assert_cmpint (hs_graph_get_directions (graph), ==, HS_GRAPH_DIR_1);
  hs_graph_free (graph);

  /* the others: both directions */
  graph = hs_graph_new (capture, 0, HS_GRAPH_THROUGHPUT);
  g_assert_cmpint (hs_graph_get_directions (graph), ==, HS_GRAPH_DIR_BOTH);
  /* the window that fits the connection, by default */
  g_assert_cmpint (hs_graph_get_average_window (graph), ==,
                   hs_graph_get_auto_average_window (graph));
  g_assert_true (hs_graph_set_average_window (graph, 1000 * MS));
  g_assert_cmpint (hs_graph_get_average_window (graph), ==, 1000 * MS);
  hs_graph_get_extent (graph, NULL, NULL, NULL, &old_v1);
  g_assert_true (hs_graph_set_average_window (graph, 100 * MS));
  g_assert_false (hs_graph_set_average_window (graph, 100 * MS));
  hs_graph_get_extent (graph, &t0, &t1, &v0, &v1);
  /* a shorter window: higher peaks */
  g_assert_cmpfloat (v1, >, old_v1);
  g_assert_cmpint (t0, ==, 0);
  g_assert_cmpint (t1, ==, story_t (G_N_ELEMENTS (story) - 1));
  g_assert_cmpfloat (v0, ==, 0);
  g_assert_true (hs_graph_set_average_window (graph, 1));
  g_assert_cmpint (hs_graph_get_average_window (graph), ==, HS_GRAPH_MIN_AVERAGE_NS);
  g_assert_cmpint (HS_GRAPH_MIN_AVERAGE_NS, ==, MS / 10);
  g_assert_true (hs_graph_set_average_window (graph, G_GINT64_CONSTANT (3600000000000)));
  g_assert_cmpint (hs_graph_get_average_window (graph), ==, 60000 * MS);
  /* 0: the fitting one again */
  g_assert_true (hs_graph_set_average_window (graph, 0));
  g_assert_false (hs_graph_set_average_window (graph, 0));
  g_assert_cmpint (hs_graph_get_average_window (graph), ==,
                   hs_graph_get_auto_average_window (graph));
  g_assert_true (hs_graph_set_directions (graph, HS_GRAPH_DIR_0));
  g_assert_false (hs_graph_set_directions (graph, HS_GRAPH_DIR_0));
  g_assert_true (hs_graph_set_directions (graph, 0));
  g_assert_cmpint (hs_graph_get_directions (graph), ==, HS_GRAPH_DIR_BOTH);
  hs_graph_free (graph);
}

/* The throughput's average fits the connection: a 37 ms connection is not
 * averaged over a second (one flat value), and windows below 10 ms can be
 * chosen. */
static void
test_average_fits (void)
{
  HsCapture *capture = short_capture ();
  const HsConnection *conn = hs_capture_get_connection (capture, 0);
  gint64 duration = conn->last_ts_ns - conn->first_ts_ns;
  HsGraph *graph = hs_graph_new (capture, 0, HS_GRAPH_THROUGHPUT);
  gint64 window = hs_graph_get_average_window (graph);
  const HsGraphTrack *track = NULL;
  double lo = G_MAXDOUBLE, hi = 0;
  guint i;

  g_assert_cmpint (duration, ==, 37 * MS);
  /* a point averages a few segments (1 ms apart), and the connection
   * holds many windows */
  g_assert_cmpint (window, <=, duration / 5);
  g_assert_cmpint (window, >=, 2 * MS);

  /* so the line shows the transfer ramp up and stop: its plateau is the
   * rate sent, 1448 bytes per ms */
  for (i = 0; i < _hs_graph_get_n_tracks (graph) && track == NULL; i++)
    {
      const HsGraphTrack *t = _hs_graph_get_track (graph, i);

      if (t->dir == 0 && t->style == HS_GRAPH_STYLE_LINE && !t->dashed)
        track = t;
    }
  g_assert_nonnull (track);
  for (i = 0; i < track->n; i++)
    {
      if (track->t[i] >= 15 * MS && track->t[i] <= 30 * MS)
        {
          lo = MIN (lo, track->lo[i]);
          hi = MAX (hi, track->lo[i]);
        }
    }
  g_assert_cmpfloat (hi, >, 0.8 * 1448 * 8 * 1000);
  g_assert_cmpfloat (hi, <, 1.25 * 1448 * 8 * 1000);
  g_assert_cmpfloat (lo, >, 0.5 * hi);

  /* below 10 ms, to a tenth of a millisecond */
  g_assert_true (hs_graph_set_average_window (graph, MS / 2));
  g_assert_cmpint (hs_graph_get_average_window (graph), ==, MS / 2);
  g_assert_true (hs_graph_set_average_window (graph, MS / 10));
  g_assert_cmpint (hs_graph_get_average_window (graph), ==, MS / 10);
  hs_graph_free (graph);
}

/* The tracks hold what the capture says. */
static void
test_data (void)
{
  HsCapture *capture = story_capture ();
  HsGraph *graph;
  const HsGraphBand *band;
  guint i;
  guint n_window_updates = 0;
  guint n_sack = 0;
  guint n_retrans_marks = 0;
  gboolean seen_zwp = FALSE;

  /* window: one zero-window period, from the zero window to the update */
  graph = hs_graph_new (capture, 0, HS_GRAPH_WINDOW);
  g_assert_null (hs_graph_get_warning (graph));
  /* in the pane of the server's data, which it stalls */
  g_assert_cmpuint (hs_graph_get_n_panes (graph), ==, 2);
  g_assert_cmpuint (graph->bands[hs_graph_get_pane (graph, 0)]->len, ==, 0);
  g_assert_cmpuint (graph->bands[hs_graph_get_pane (graph, 1)]->len, ==, 1);
  band = &g_array_index (graph->bands[hs_graph_get_pane (graph, 1)], HsGraphBand, 0);
  g_assert_cmpint (band->t0, ==, story_t (18));
  g_assert_cmpint (band->t1, ==, story_t (21));
  g_assert_cmpuint (band->dir, ==, 1);
  for (i = 0; i < _hs_graph_get_n_tracks (graph); i++)
    {
      const HsGraphTrack *track = _hs_graph_get_track (graph, i);

      if (track->style == HS_GRAPH_STYLE_MARKS && track->shape == HS_GRAPH_SHAPE_TRIANGLE_UP &&
          track->n > 0)
        {
          n_window_updates += track->n;
          g_assert_cmpuint (track->pos[0], ==, 21);
          g_assert_cmpfloat (track->lo[0], ==, 502 << 7);
          g_assert_cmpuint (track->dir, ==, 1);
        }
      /* the scaled window the server advertises, for the client's data */
      if (track->style == HS_GRAPH_STYLE_STEP && track->dir == 0)
        g_assert_cmpfloat (track->lo[track->n - 1], ==, 509 << 7);
    }
  g_assert_cmpuint (n_window_updates, ==, 1);
  hs_graph_free (graph);

  /* tcptrace: SACK blocks, retransmission marks, the zero-window probe */
  graph = hs_graph_new (capture, 0, HS_GRAPH_TCPTRACE);
  for (i = 0; i < _hs_graph_get_n_tracks (graph); i++)
    {
      const HsGraphTrack *track = _hs_graph_get_track (graph, i);
      guint k;

      if (track->color.role == HS_GRAPH_COLOR_SACK)
        {
          n_sack += track->n;
          for (k = 0; k < track->n; k++)
            {
              g_assert_cmpfloat (track->lo[k], ==, 4001);
              g_assert_cmpfloat (track->hi[k], ==, 5001);
            }
        }
      if (track->style == HS_GRAPH_STYLE_MARKS && track->color.role == HS_GRAPH_COLOR_ANOMALY &&
          track->color.index == HS_ANOMALY_CLASS_RETRANSMISSION)
        {
          n_retrans_marks += track->n;
          for (k = 0; k < track->n; k++)
            g_assert_true (track->pos[k] == 12 || track->pos[k] == 15);
        }
      if (track->style == HS_GRAPH_STYLE_MARKS && track->shape == HS_GRAPH_SHAPE_DIAMOND &&
          track->n > 0)
        {
          g_assert_cmpuint (track->pos[0], ==, 19);
          /* at the top of the probe's byte */
          g_assert_cmpfloat (track->lo[0], ==, 7002);
          seen_zwp = TRUE;
        }
    }
  g_assert_cmpuint (n_sack, ==, 2);
  g_assert_cmpuint (n_retrans_marks, ==, STORY_RETRANSMISSIONS);
  g_assert_true (seen_zwp);
  g_assert_false (hs_graph_is_empty (graph));
  g_assert_true (hs_graph_has_data_between (graph, 31 * MS, 31 * MS));
  g_assert_false (hs_graph_has_data_between (graph, 440 * MS, 550 * MS));
  hs_graph_free (graph);

  /* RTT of a lone SYN: nothing */
  graph = hs_graph_new (lonely_capture (), 0, HS_GRAPH_RTT);
  g_assert_true (hs_graph_is_empty (graph));
  hs_graph_free (graph);
}

/* ------------------------------------------------------------------------ */
/* 3. Mapping, zoom, pan                                                     */

static void
test_mapping (void)
{
  HsGraph *graph = hs_graph_new (story_capture (), 0, HS_GRAPH_WINDOW);
  double px, py, pw, ph;
  gint64 t0, t1, e0, e1;
  double v0, v1, ev0, ev1;
  guint i, pane;

  hs_graph_get_plot_area (graph, W, H, &px, &py, &pw, &ph);
  g_assert_cmpfloat (px, >, 30);
  g_assert_cmpfloat (py, >, 0);
  g_assert_cmpfloat (px + pw, <, W);
  g_assert_cmpfloat (py + ph, <, H - 30);

  /* the extent: the connection, values from 0 */
  hs_graph_get_extent (graph, &e0, &e1, &ev0, &ev1);
  g_assert_cmpint (e0, ==, 0);
  g_assert_cmpint (e1, ==, story_t (G_N_ELEMENTS (story) - 1));
  g_assert_cmpfloat (ev0, ==, 0);
  g_assert_cmpfloat (ev1, >, 509 << 7);
  hs_graph_get_view (graph, &t0, &t1, &v0, &v1);
  g_assert_cmpint (t0, ==, e0);
  g_assert_cmpint (t1, ==, e1);

  /* the time range inside the plot */
  g_assert_cmpfloat (hs_graph_time_to_x (graph, W, H, e0), >=, px);
  g_assert_cmpfloat (hs_graph_time_to_x (graph, W, H, e1), <=, px + pw);

  /* both directions: a pane each, stacked in the plot, the client's
   * above; values upwards in each, from its own extent */
  g_assert_cmpuint (hs_graph_get_n_panes (graph), ==, 2);
  for (pane = 0; pane < 2; pane++)
    {
      double x, y, w, h, a, b;

      g_assert_cmpuint (hs_graph_get_pane (graph, pane), ==, pane);
      g_assert_cmpuint (hs_graph_get_pane_direction (graph, pane), ==, pane);
      hs_graph_get_pane_area (graph, W, H, pane, &x, &y, &w, &h);
      g_assert_cmpfloat (x, ==, px);
      g_assert_cmpfloat (w, ==, pw);
      g_assert_cmpfloat (h, >, ph / 2 - 20);
      g_assert_cmpfloat (pane == 0 ? y : y + h, ==, pane == 0 ? py : py + ph);
      g_assert_cmpuint (hs_graph_pane_at (graph, W, H, y + h / 2), ==, pane);
      hs_graph_get_pane_extent (graph, pane, &a, &b);
      g_assert_cmpfloat (a, ==, 0);
      g_assert_cmpfloat_with_epsilon (hs_graph_pane_value_to_y (graph, W, H, pane, a), y + h, 1e-9);
      g_assert_cmpfloat_with_epsilon (hs_graph_pane_value_to_y (graph, W, H, pane, b), y, 1e-9);
      if (pane == 0)
        {
          g_assert_cmpfloat (a, ==, ev0);
          g_assert_cmpfloat (b, ==, ev1);
          g_assert_cmpuint (hs_graph_pane_at (graph, W, H, y + h + 2), ==, G_MAXUINT);
        }

      /* round trips */
      for (i = 0; i <= 20; i++)
        {
          gint64 t = e0 + (e1 - e0) * i / 20;
          double v = a + (b - a) * i / 20;
          double tx = hs_graph_time_to_x (graph, W, H, t);
          double ty = hs_graph_pane_value_to_y (graph, W, H, pane, v);

          g_assert_cmpint (llabs (hs_graph_x_to_time (graph, W, H, tx) - t), <=, 1);
          g_assert_cmpfloat_with_epsilon (hs_graph_y_to_value (graph, W, H, ty), v, 1e-6 * b);
          g_assert_cmpfloat_with_epsilon (hs_graph_pane_y_to_value (graph, W, H, pane, ty), v,
                                          1e-6 * b);
          g_assert_cmpfloat_with_epsilon (hs_graph_time_to_x (graph, W, H,
                                                              hs_graph_x_to_time (graph, W, H,
                                                                                  tx + 0.3)),
                                          tx + 0.3, 1e-3);
        }
    }
  g_assert_cmpfloat (hs_graph_value_to_y (graph, W, H, ev1),
                     ==, hs_graph_pane_value_to_y (graph, W, H, 0, ev1));

  /* one direction: one pane, the whole plot */
  g_assert_true (hs_graph_set_directions (graph, HS_GRAPH_DIR_1));
  g_assert_cmpuint (hs_graph_get_n_panes (graph), ==, 1);
  g_assert_cmpuint (hs_graph_get_pane (graph, 1), ==, 0);
  g_assert_cmpuint (hs_graph_get_pane_direction (graph, 0), ==, 1);
  hs_graph_get_extent (graph, NULL, NULL, &ev0, &ev1);
  /* (a legend of fewer rows above it) */
  hs_graph_get_plot_area (graph, W, H, &px, &py, &pw, &ph);
  g_assert_cmpfloat_with_epsilon (hs_graph_value_to_y (graph, W, H, ev0), py + ph, 1e-9);
  g_assert_cmpfloat_with_epsilon (hs_graph_value_to_y (graph, W, H, ev1), py, 1e-9);

  /* a small drawing still has a plot */
  hs_graph_get_plot_area (graph, 100, 80, &px, &py, &pw, &ph);
  g_assert_cmpfloat (pw, >=, 50);
  g_assert_cmpfloat (ph, >=, 30);

  hs_graph_free (graph);
}

static double
track_top (const HsGraphTrack *track,
           guint               i)
{
  return track->hi != NULL ? track->hi[i] : track->lo[i];
}

/* Whether a pixel (ARGB32) is about `color`. */
static gboolean
pixel_is (guint32       pixel,
          const HsRgba *color)
{
  int r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

  return abs (r - (int) (color->red * 255 + 0.5)) <= 24 &&
         abs (g - (int) (color->green * 255 + 0.5)) <= 24 &&
         abs (b - (int) (color->blue * 255 + 0.5)) <= 24;
}

/* The longest run of pixels about `color` down one column of the box. */
static int
longest_column_run (cairo_surface_t *surface,
                    const HsRgba    *color,
                    int              x0,
                    int              y0,
                    int              x1,
                    int              y1)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int best = 0;
  int x, y;

  cairo_surface_flush (surface);
  for (x = x0; x < x1; x++)
    {
      int run = 0;

      for (y = y0; y < y1; y++)
        {
          guint32 pixel = *(const guint32 *) (gconstpointer) (data + (gsize) y * stride + x * 4);

          run = pixel_is (pixel, color) ? run + 1 : 0;
          best = MAX (best, run);
        }
    }
  return best;
}

/* Both directions of a connection whose sides advertise 4 MiB and 8 KiB:
 * each direction's window rises over a good part of the plot, not the
 * small one along the bottom of a scale made for the big one. */
static void
test_panes_scales (void)
{
  static const HsGraphKind kinds[] = { HS_GRAPH_WINDOW };
  const HsPalette *palette = hs_palette_get (HS_PALETTE_LIGHT);
  guint k, d;

  for (k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      HsGraph *graph = hs_graph_new (scales_capture (), 0, kinds[k]);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) W,
                                                             (int) H);
      cairo_t *cr = cairo_create (surface);
      double px, py, pw, ph;

      g_assert_cmpint (hs_graph_get_directions (graph), ==, HS_GRAPH_DIR_BOTH);
      hs_graph_paint (cr, graph, palette, W, H, NULL);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      hs_graph_get_plot_area (graph, W, H, &px, &py, &pw, &ph);

      /* the window's step up from the SYN's, in each direction's colour,
       * inside the plot */
      for (d = 0; d < 2; d++)
        {
          int run = longest_column_run (surface, &palette->series[d], (int) px + 3, (int) py,
                                        (int) (px + pw), (int) (py + ph));

          g_test_message ("%s, direction %u: %d of %.0f px", hs_graph_kind_to_name (kinds[k]), d,
                          run, ph);
          g_assert_cmpfloat (run, >=, 0.3 * ph);
        }

      cairo_destroy (cr);
      cairo_surface_destroy (surface);
      hs_graph_free (graph);
    }
}

/* The panes of that connection: one per direction, each scaled to its
 * own values, in the window, throughput and RTT graphs. */
static void
test_panes (void)
{
  static const HsGraphKind kinds[] = { HS_GRAPH_WINDOW, HS_GRAPH_THROUGHPUT, HS_GRAPH_RTT };
  HsGraph *graph;
  guint k, d;

  for (k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      double px, py, pw, ph;

      graph = hs_graph_new (scales_capture (), 0, kinds[k]);
      hs_graph_get_plot_area (graph, W, H, &px, &py, &pw, &ph);
      g_assert_cmpuint (hs_graph_get_n_panes (graph), ==, 2);
      for (d = 0; d < 2; d++)
        {
          guint pane = hs_graph_get_pane (graph, d);
          double y, h, v0, v1, top = G_MAXDOUBLE, bottom = -G_MAXDOUBLE;
          guint i;

          hs_graph_get_pane_area (graph, W, H, pane, NULL, &y, NULL, &h);
          hs_graph_get_pane_view (graph, pane, &v0, &v1);
          g_assert_cmpfloat (h, >, 0.4 * ph);
          if (kinds[k] == HS_GRAPH_WINDOW)
            {
              /* the window of direction d's data: the 4 MiB and the 8 KiB */
              g_assert_cmpfloat (v1, >, d == 0 ? 4194240 : 8192);
              g_assert_cmpfloat (v1, <, d == 0 ? 1.2 * 4194240 : 1.2 * 8192);
            }
          for (i = 0; i < _hs_graph_get_n_tracks (graph); i++)
            {
              const HsGraphTrack *track = _hs_graph_get_track (graph, i);
              guint j;

              if (track->dir != d)
                continue;
              g_assert_cmpuint (track->pane, ==, pane);
              for (j = 0; j < track->n; j++)
                {
                  double ty = hs_graph_pane_value_to_y (graph, W, H, pane, track_top (track, j));

                  top = MIN (top, ty);
                  bottom = MAX (bottom, hs_graph_pane_value_to_y (graph, W, H, pane,
                                                                  track->lo[j]));
                }
            }
          /* what it draws spans most of its pane's height */
          g_test_message ("%s, direction %u: %.0f to %.0f in %.0f to %.0f",
                          hs_graph_kind_to_name (kinds[k]), d, top, bottom, y, y + h);
          g_assert_cmpfloat (top, >=, y - 1e-6);
          g_assert_cmpfloat (bottom, <=, y + h + 1e-6);
          if (kinds[k] != HS_GRAPH_RTT)
            g_assert_cmpfloat (bottom - top, >, 0.8 * h);
          else
            g_assert_cmpfloat (top, <, y + 0.15 * h);
        }
      hs_graph_free (graph);
    }

  /* the time-sequence graphs and one direction: one pane */
  graph = hs_graph_new (scales_capture (), 0, HS_GRAPH_WINDOW);
  g_assert_true (hs_graph_set_directions (graph, HS_GRAPH_DIR_0));
  g_assert_cmpuint (hs_graph_get_n_panes (graph), ==, 1);
  hs_graph_free (graph);
  graph = hs_graph_new (scales_capture (), 0, HS_GRAPH_TCPTRACE);
  g_assert_cmpuint (hs_graph_get_n_panes (graph), ==, 1);
  hs_graph_free (graph);

  /* a direction without round-trip times (the client of the mid-stream
   * capture sends no data) gets no pane */
  graph = hs_graph_new (midstream_capture (), 0, HS_GRAPH_RTT);
  g_assert_cmpint (hs_graph_get_directions (graph), ==, HS_GRAPH_DIR_BOTH);
  g_assert_cmpuint (hs_graph_get_n_panes (graph), ==, 1);
  g_assert_cmpuint (hs_graph_get_pane_direction (graph, 0), ==, 0);
  hs_graph_free (graph);
  /* nor, when the first sender sends no data, its throughput */
  {
    static const Packet quiet_client[] = {
      { 0, { CLI, 1001, 5001, ACK, 502, 0 } },
      { 1, { SRV, 5001, 1001, ACK, 509, 1000 } },
      { 2, { CLI, 1001, 6001, ACK, 502, 0 } },
      { 3, { SRV, 6001, 1001, ACK, 509, 1000 } },
      { 4, { CLI, 1001, 7001, ACK, 502, 0 } },
    };
    HsCapture *capture = write_and_load ("quiet-client.pcap", quiet_client,
                                         G_N_ELEMENTS (quiet_client));

    graph = hs_graph_new (capture, 0, HS_GRAPH_THROUGHPUT);
    g_assert_cmpuint (hs_graph_get_n_panes (graph), ==, 1);
    g_assert_cmpuint (hs_graph_get_pane_direction (graph, 0), ==, 1);
    g_assert_cmpuint (hs_graph_get_pane (graph, 1), ==, 0);
    hs_graph_free (graph);
    g_object_unref (capture);
  }
}

static void
test_zoom_pan (void)
{
  HsGraph *graph = hs_graph_new (story_capture (), 0, HS_GRAPH_TCPTRACE);
  gint64 e0, e1, t0, t1, t_at;
  double ev0, ev1, v0, v1, v_at;
  double x = 420, y = 300;
  double x2;

  hs_graph_get_extent (graph, &e0, &e1, &ev0, &ev1);

  /* zoom in around a point: it stays under the pointer */
  t_at = hs_graph_x_to_time (graph, W, H, x);
  v_at = hs_graph_y_to_value (graph, W, H, y);
  hs_graph_zoom_at (graph, W, H, x, y, 4.0, FALSE);
  hs_graph_get_view (graph, &t0, &t1, &v0, &v1);
  g_assert_cmpint (llabs ((t1 - t0) - (e1 - e0) / 4), <=, 2);
  g_assert_cmpfloat_with_epsilon (v1 - v0, (ev1 - ev0) / 4, 1e-6 * (ev1 - ev0));
  g_assert_cmpfloat_with_epsilon (hs_graph_time_to_x (graph, W, H, t_at), x, 0.01);
  g_assert_cmpfloat_with_epsilon (hs_graph_value_to_y (graph, W, H, v_at), y, 0.01);

  /* again, time only */
  hs_graph_zoom_at (graph, W, H, x, y, 2.0, TRUE);
  hs_graph_get_view (graph, &t0, &t1, NULL, NULL);
  g_assert_cmpint (llabs ((t1 - t0) - (e1 - e0) / 8), <=, 4);
  g_assert_cmpfloat_with_epsilon (hs_graph_time_to_x (graph, W, H, t_at), x, 0.01);
  {
    double nv0, nv1;

    hs_graph_get_view (graph, NULL, NULL, &nv0, &nv1);
    g_assert_cmpfloat (nv0, ==, v0);
    g_assert_cmpfloat (nv1, ==, v1);
  }

  /* pan: the picture follows the pointer */
  x2 = hs_graph_time_to_x (graph, W, H, t_at);
  hs_graph_pan (graph, W, H, 50, -20);
  g_assert_cmpfloat_with_epsilon (hs_graph_time_to_x (graph, W, H, t_at), x2 + 50, 0.01);
  g_assert_cmpfloat_with_epsilon (hs_graph_value_to_y (graph, W, H, v_at), y - 20, 0.01);

  /* panning far stops at the extent */
  hs_graph_pan (graph, W, H, 1e6, -1e6);
  hs_graph_get_view (graph, &t0, &t1, &v0, &v1);
  g_assert_cmpint (t0, ==, e0);
  g_assert_cmpfloat (v0, ==, ev0);
  hs_graph_pan (graph, W, H, -1e7, 1e7);
  hs_graph_get_view (graph, &t0, &t1, &v0, &v1);
  g_assert_cmpint (t1, ==, e1);
  g_assert_cmpfloat (v1, ==, ev1);

  /* zooming in without end stops at 1 µs */
  hs_graph_zoom_at (graph, W, H, x, y, 1e12, FALSE);
  hs_graph_get_view (graph, &t0, &t1, NULL, NULL);
  g_assert_cmpint (t1 - t0, ==, 1000);

  /* zooming out stops at the extent; reset shows it all */
  hs_graph_zoom_at (graph, W, H, x, y, 1e-9, FALSE);
  hs_graph_get_view (graph, &t0, &t1, &v0, &v1);
  g_assert_cmpint (t0, ==, e0);
  g_assert_cmpint (t1, ==, e1);
  g_assert_cmpfloat (v0, ==, ev0);
  g_assert_cmpfloat (v1, ==, ev1);

  hs_graph_set_view (graph, 30 * MS, 40 * MS, 1000, 2000);
  hs_graph_get_view (graph, &t0, &t1, &v0, &v1);
  g_assert_cmpint (t0, ==, 30 * MS);
  g_assert_cmpint (t1, ==, 40 * MS);
  g_assert_cmpfloat (v0, ==, 1000);
  g_assert_cmpfloat (v1, ==, 2000);
  /* fitting the values to the time range: the segments, and the window
   * edge the client's ACK at 20 ms set (1 + 502 << 7) */
  hs_graph_fit_values (graph);
  hs_graph_get_view (graph, NULL, NULL, &v0, &v1);
  g_assert_cmpfloat (v0, <=, 1);
  g_assert_cmpfloat (v1, >=, 1 + (502 << 7));
  g_assert_cmpfloat (v1, <, 1.2 * (1 + (502 << 7)));

  /* outside the extent: clamped */
  hs_graph_set_view (graph, -5000 * MS, -4000 * MS, ev0, ev1);
  hs_graph_get_view (graph, &t0, &t1, NULL, NULL);
  g_assert_cmpint (t0, ==, e0);
  g_assert_cmpint (t1, ==, e0 + 1000 * MS);

  hs_graph_reset_view (graph);
  hs_graph_get_view (graph, &t0, &t1, &v0, &v1);
  g_assert_cmpint (t0, ==, e0);
  g_assert_cmpint (t1, ==, e1);
  g_assert_cmpfloat (v0, ==, ev0);
  g_assert_cmpfloat (v1, ==, ev1);

  hs_graph_free (graph);
}

/* ------------------------------------------------------------------------ */
/* 4. Hit test, readout, warning                                             */

/* The height of the middle of a pane, for a W x H drawing. */
static double
pane_middle (HsGraph *graph,
             guint    pane)
{
  double y, h;

  hs_graph_get_pane_area (graph, W, H, pane, NULL, &y, NULL, &h);
  return y + h / 2;
}

static void
test_hit (void)
{
  HsCapture *capture = story_capture ();
  HsGraph *graph = hs_graph_new (capture, 0, HS_GRAPH_TCPTRACE);
  g_autofree char *readout = NULL;
  static const guint server_data[] = { 5, 6, 7, 8, 12, 14, 15, 17, 19 };
  const guint32 *frames;
  guint n_frames;
  guint i;

  frames = hs_capture_get_stream_packets (capture, 0, &n_frames);
  g_assert_cmpuint (n_frames, ==, G_N_ELEMENTS (story));

  /* the middle of each segment's bar, on a view of the data part */
  hs_graph_set_view (graph, 25 * MS, 620 * MS, -500, 7500);
  for (i = 0; i < G_N_ELEMENTS (server_data); i++)
    {
      guint pos = server_data[i];
      guint32 seq = hs_capture_relative_seq (capture, frames[pos]);
      double len = story[pos].seg.payload_len;
      double x = hs_graph_time_to_x (graph, W, H, story_t (pos));
      double y = hs_graph_value_to_y (graph, W, H, seq + len / 2);

      g_assert_cmpuint (hs_graph_hit (graph, W, H, x, y, 6), ==, pos);
      /* a little off, still it */
      g_assert_cmpuint (hs_graph_hit (graph, W, H, x + 0.4, y + 2, 6), ==, pos);
    }

  /* the ACK line: the ACK at 60 ms (10001 is relative 5001) */
  g_assert_cmpuint (hs_graph_hit (graph, W, H, hs_graph_time_to_x (graph, W, H, story_t (13)),
                                  hs_graph_value_to_y (graph, W, H, 5001), 4),
                    ==, 13);

  /* nothing there; outside the plot */
  g_assert_cmpuint (hs_graph_hit (graph, W, H, hs_graph_time_to_x (graph, W, H, 500 * MS),
                                  hs_graph_value_to_y (graph, W, H, 100), 8),
                    ==, G_MAXUINT);
  g_assert_cmpuint (hs_graph_hit (graph, W, H, 2, 2, 8), ==, G_MAXUINT);

  /* the whole connection: the retransmission after the timeout, alone
   * in its part of the time */
  hs_graph_reset_view (graph);
  g_assert_cmpuint (hs_graph_hit (graph, W, H, hs_graph_time_to_x (graph, W, H, story_t (15)),
                                  hs_graph_value_to_y (graph, W, H, 5501), 8),
                    ==, 15);

  /* readout */
  readout = hs_graph_dup_readout (graph, W, H, hs_graph_time_to_x (graph, W, H, 500 * MS),
                                  hs_graph_value_to_y (graph, W, H, 4000));
  g_assert_nonnull (readout);
  g_assert_true (g_str_has_prefix (readout, "0.50"));
  g_assert_nonnull (strstr (readout, " s, Seq 4,0"));
  g_assert_null (hs_graph_dup_readout (graph, W, H, 1, 1));
  hs_graph_free (graph);

  /* RTT: the ACK's position */
  graph = hs_graph_new (capture, 0, HS_GRAPH_RTT);
  {
    HsGraphTrack const *track = NULL;

    for (i = 0; i < _hs_graph_get_n_tracks (graph); i++)
      {
        const HsGraphTrack *tr = _hs_graph_get_track (graph, i);

        if (tr->dir == 1 && tr->n > 0)
          track = tr;
      }
    g_assert_nonnull (track);
    for (i = 0; i < track->n; i++)
      {
        double x = hs_graph_time_to_x (graph, W, H, track->t[i]);
        double y = hs_graph_pane_value_to_y (graph, W, H, track->pane, track->lo[i]);
        guint hit = hs_graph_hit (graph, W, H, x, y, 3);

        /* the nearest: this one, or one drawn at the same place */
        g_assert_cmpuint (hit, !=, G_MAXUINT);
        if (hit != track->pos[i])
          {
            guint j;
            gboolean same = FALSE;

            for (j = 0; j < track->n; j++)
              same |= track->pos[j] == hit &&
                      fabs (hs_graph_time_to_x (graph, W, H, track->t[j]) - x) < 0.01 &&
                      fabs (hs_graph_pane_value_to_y (graph, W, H, track->pane,
                                                      track->lo[j]) - y) < 0.01;
            g_assert_true (same);
          }
      }
    readout = (g_free (readout), hs_graph_dup_readout (graph, W, H, 600, pane_middle (graph, 1)));
    g_assert_nonnull (strstr (readout, " ms"));
    /* between the panes: none */
    g_assert_null (hs_graph_dup_readout (graph, W, H, 600,
                                         (pane_middle (graph, 0) + pane_middle (graph, 1)) / 2));
  }
  hs_graph_free (graph);

  /* window: bytes */
  graph = hs_graph_new (capture, 0, HS_GRAPH_WINDOW);
  readout = (g_free (readout), hs_graph_dup_readout (graph, W, H, 600, pane_middle (graph, 0)));
  g_assert_nonnull (strstr (readout, " s, "));
  g_assert_nonnull (strstr (readout, "KiB"));
  hs_graph_free (graph);
}

static void
test_warning (void)
{
  HsGraph *graph;
  const char *warning;

  graph = hs_graph_new (midstream_capture (), 0, HS_GRAPH_WINDOW);
  warning = hs_graph_get_warning (graph);
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "window scales of"));
  g_assert_nonnull (strstr (warning, "10.0.0.2:80"));
  g_assert_nonnull (strstr (warning, "10.0.0.1:40000"));
  g_assert_nonnull (strstr (warning, "unscaled"));
  /* room for it above the plot */
  {
    double y_with, y_without;
    HsGraph *story_graph = hs_graph_new (story_capture (), 0, HS_GRAPH_WINDOW);

    /* (their legends above the plot differ) */
    hs_graph_set_show_legend (graph, FALSE);
    hs_graph_set_show_legend (story_graph, FALSE);
    hs_graph_get_plot_area (graph, W, H, NULL, &y_with, NULL, NULL);
    hs_graph_get_plot_area (story_graph, W, H, NULL, &y_without, NULL, NULL);
    g_assert_cmpfloat (y_with, >, y_without + 20);
    hs_graph_free (story_graph);
  }
  hs_graph_free (graph);

  /* tcptrace of the server's data: the client's window edge */
  graph = hs_graph_new (midstream_capture (), 0, HS_GRAPH_TCPTRACE);
  warning = hs_graph_get_warning (graph);
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "The window scale of 10.0.0.1:40000 is unknown"));
  hs_graph_free (graph);

  /* not for throughput, nor with the handshake */
  graph = hs_graph_new (midstream_capture (), 0, HS_GRAPH_THROUGHPUT);
  g_assert_null (hs_graph_get_warning (graph));
  hs_graph_free (graph);
  graph = hs_graph_new (story_capture (), 0, HS_GRAPH_TCPTRACE);
  g_assert_null (hs_graph_get_warning (graph));
  hs_graph_free (graph);
}

/* ------------------------------------------------------------------------ */
/* 5. Exports                                                                */

static char *
cairo_svg_color (const HsRgba *c)
{
  return hs_test_svg_color (c->red, c->green, c->blue);
}

/* The baseline of a text of the text layer. */
static double
text_y (const char *svg,
        const char *text)
{
  g_autofree char *needle = g_strdup_printf (">%s</text>", text);
  const char *hit = strstr (svg, needle);
  const char *start;
  const char *y;

  g_assert_nonnull (hit);
  start = hit;
  while (start > svg && strncmp (start, "<text ", 6) != 0)
    start--;
  y = strstr (start, " y=\"");
  g_assert_nonnull (y);
  return g_ascii_strtod (y + 4, NULL);
}

/* Closed shapes filled with `color` above `max_y` (the marks in the plot,
 * not the legend's swatches): one "Z" each. */
static guint
count_filled_shapes (const char *svg,
                     const char *color,
                     double      max_y)
{
  g_autofree char *fill = g_strdup_printf ("fill:%s;", color);
  const char *p;
  guint n = 0;

  for (p = strstr (svg, "<path "); p != NULL; p = strstr (p + 1, "<path "))
    {
      const char *end = strchr (p, '>');
      g_autofree char *elem = g_strndup (p, end - p);
      const char *d = strstr (elem, " d=\"M ");
      const char *tr = strstr (elem, "transform=\"matrix(");
      double y, ty = 0;
      const char *q;
      char *next;

      if (strstr (elem, fill) == NULL || d == NULL)
        continue;
      q = d + strlen (" d=\"M ");
      g_ascii_strtod (q, &next);
      y = g_ascii_strtod (next, NULL);
      if (tr != NULL)
        {
          guint i;

          q = tr + strlen ("transform=\"matrix(");
          for (i = 0; i < 6; i++)
            {
              ty = g_ascii_strtod (q, &next);
              q = next + 1;
            }
        }
      if (y + ty > max_y)
        continue;
      for (q = d + strlen (" d=\""); *q != '\0' && *q != '"'; q++)
        n += *q == 'Z';
    }
  return n;
}

static void
test_export_svg (void)
{
  HsCapture *capture = story_capture ();
  const HsPalette *palette = hs_palette_get (HS_PALETTE_LIGHT);
  g_autofree char *path = tmp_path ("story-tcptrace.svg");
  g_autofree char *svg = NULL;
  g_autofree char *red = cairo_svg_color (&palette->anomaly[HS_ANOMALY_CLASS_RETRANSMISSION]);
  g_autofree char *series0 = cairo_svg_color (&palette->series[0]);
  g_autofree char *series1 = cairo_svg_color (&palette->series[1]);
  g_autoptr(GError) error = NULL;
  HsGraphExportOptions options;
  guint expected;
  double plot_bottom;

  hs_graph_export_options_init (&options);
  g_assert_cmpint (options.palette, ==, HS_PALETTE_LIGHT);
  options.kind = HS_GRAPH_TCPTRACE;
  g_assert_true (hs_graph_export (capture, 0, &options, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &svg, NULL, &error));

  g_assert_true (g_str_has_prefix (svg, "<?xml"));
  g_assert_true (g_str_has_suffix (svg, "</svg>\n"));
  g_assert_nonnull (strstr (svg, "<g id=\"labels\""));
  g_assert_nonnull (strstr (svg, "width=\"1200\""));
  g_assert_nonnull (strstr (svg, "height=\"700\""));

  /* the segments in the server's colour, the ACK line in the client's */
  g_assert_nonnull (strstr (svg, series0));
  g_assert_nonnull (strstr (svg, series1));
  g_assert_cmpstr (red, ==, "rgb(87.843137%,10.588235%,14.117647%)");

  /* the text layer: title, axes with units, legend */
  g_assert_nonnull (strstr (svg, ">story.pcap — Time-Sequence (tcptrace) — 10.0.0.1:40000 ⇄ "
                                 "10.0.0.2:80 (stream 0)</text>"));
  g_assert_nonnull (strstr (svg, ">Time since the first packet (s)</text>"));
  g_assert_nonnull (strstr (svg, ">Relative sequence number (KiB)</text>"));
  g_assert_nonnull (strstr (svg, "transform=\"rotate(-90"));
  g_assert_nonnull (strstr (svg, ">server 10.0.0.2:80 → client 10.0.0.1:40000</text>"));
  g_assert_nonnull (strstr (svg, ">Retransmission</text>"));
  g_assert_nonnull (strstr (svg, ">SACK block (received beyond a gap)</text>"));
  g_assert_nonnull (strstr (svg, ">Duplicate ACK</text>"));
  g_assert_nonnull (strstr (svg, ">Zero-window probe</text>"));
  g_assert_nonnull (strstr (svg, ">SYN</text>"));
  g_assert_nonnull (strstr (svg, ">FIN</text>"));
  g_assert_null (strstr (svg, ">RST</text>"));
  g_assert_nonnull (strstr (svg, ">0.5</text>"));

  /* one red mark per retransmission of the server, in the plot */
  expected = count_analysis (capture, 1, HS_ANALYSIS_RETRANSMISSION |
                                         HS_ANALYSIS_FAST_RETRANSMISSION |
                                         HS_ANALYSIS_SPURIOUS_RETRANSMISSION);
  g_assert_cmpuint (expected, ==, STORY_RETRANSMISSIONS);
  plot_bottom = text_y (svg, "Time since the first packet (s)");
  g_assert_cmpuint (count_filled_shapes (svg, red, plot_bottom), ==, expected);
  /* and its swatch in the legend */
  g_assert_cmpuint (count_filled_shapes (svg, red, 1e9), ==, expected + 1);
  g_clear_pointer (&svg, g_free);

  /* the client's data: its one retransmission */
  options.directions = HS_GRAPH_DIR_0;
  options.title = "A & B";
  g_assert_true (hs_graph_export (capture, 0, &options, path, &error));
  g_assert_true (g_file_get_contents (path, &svg, NULL, &error));
  g_assert_nonnull (strstr (svg, ">A &amp; B</text>"));
  g_assert_nonnull (strstr (svg, ">client 10.0.0.1:40000 → server 10.0.0.2:80</text>"));
  g_assert_cmpuint (count_filled_shapes (svg, red, text_y (svg, "Time since the first "
                                                                "packet (s)")),
                    ==, count_analysis (capture, 0, HS_ANALYSIS_RETRANSMISSION));
  g_clear_pointer (&svg, g_free);

  /* the window of a mid-stream capture: the warning is drawn */
  options.kind = HS_GRAPH_WINDOW;
  options.directions = 0;
  options.title = NULL;
  g_assert_true (hs_graph_export (midstream_capture (), 0, &options, path, &error));
  g_assert_true (g_file_get_contents (path, &svg, NULL, &error));
  g_assert_nonnull (strstr (svg, "the handshake was not captured"));
  g_assert_nonnull (strstr (svg, ">Receiver’s window</text>"));
  g_assert_nonnull (strstr (svg, ">Bytes in flight</text>"));
  g_assert_nonnull (strstr (svg, series0));
  g_assert_nonnull (strstr (svg, series1));
  g_clear_pointer (&svg, g_free);

  /* throughput: bit rates, the average; a range of time */
  options.kind = HS_GRAPH_THROUGHPUT;
  options.average_window_ns = 200 * MS;
  options.t0_ns = 20 * MS;
  options.t1_ns = 400 * MS;
  g_assert_true (hs_graph_export (capture, 0, &options, path, &error));
  g_assert_true (g_file_get_contents (path, &svg, NULL, &error));
  g_assert_nonnull (strstr (svg, ">Throughput (kbit/s)</text>"));
  g_assert_nonnull (strstr (svg, ">Moving average over 200 ms</text>"));
  g_assert_nonnull (strstr (svg, ">Time since the first packet (ms)</text>"));
  g_assert_nonnull (strstr (svg, "from 0.020 s to 0.400 s"));
}

static void
test_export_png_pdf (void)
{
  HsCapture *capture = story_capture ();
  const HsPalette *palette = hs_palette_get (HS_PALETTE_DARK);
  g_autofree char *png = tmp_path ("story-window.png");
  g_autofree char *pdf = tmp_path ("story-rtt.pdf");
  g_autofree char *pdf_data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) colors = g_hash_table_new (NULL, NULL);
  HsGraphExportOptions options;
  cairo_surface_t *surface;
  gboolean seen[2] = { FALSE, FALSE };
  guint32 want[2];
  guchar *data;
  gsize len;
  int stride;
  int x, y;
  guint s;

  for (s = 0; s < 2; s++)
    want[s] = 0xff000000u | (guint32) (palette->series[s].red * 255 + 0.5) << 16 |
              (guint32) (palette->series[s].green * 255 + 0.5) << 8 |
              (guint32) (palette->series[s].blue * 255 + 0.5);

  hs_graph_export_options_init (&options);
  options.kind = HS_GRAPH_WINDOW;
  options.palette = HS_PALETTE_DARK;
  options.width = 900;
  options.height = 520;
  g_assert_true (hs_graph_export (capture, 0, &options, png, &error));
  g_assert_no_error (error);

  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 900);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 520);

  /* not blank: lines, fills, antialiased text, both directions' colours */
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (y = 0; y < 520; y++)
    {
      const guint32 *row = (const guint32 *) (gpointer) (data + (gsize) y * stride);

      for (x = 0; x < 900; x++)
        {
          g_hash_table_add (colors, GUINT_TO_POINTER (row[x]));
          for (s = 0; s < 2; s++)
            seen[s] |= row[x] == want[s];
        }
    }
  cairo_surface_destroy (surface);
  g_assert_cmpuint (g_hash_table_size (colors), >, 200);
  g_assert_true (seen[0] && seen[1]);

  /* the default size */
  hs_graph_export_options_init (&options);
  options.kind = HS_GRAPH_STEVENS;
  g_assert_true (hs_graph_export (capture, 0, &options, png, &error));
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1200);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 700);
  cairo_surface_destroy (surface);

  /* PDF: one page */
  options.kind = HS_GRAPH_RTT;
  options.palette = HS_PALETTE_PRINT;
  g_assert_true (hs_graph_export (capture, 0, &options, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &pdf_data, &len, &error));
  g_assert_true (g_str_has_prefix (pdf_data, "%PDF"));
  g_assert_cmpuint (hs_test_count_pdf_pages (pdf_data, len), ==, 1);
}

static void
test_export_errors (void)
{
  HsCapture *capture = story_capture ();
  g_autofree char *jpg = tmp_path ("graph.jpg");
  g_autofree char *png = tmp_path ("graph.png");
  g_autofree char *bad = g_build_filename (tmp_dir, "no-such-dir", "graph.svg", NULL);
  g_autoptr(GError) error = NULL;
  HsGraphExportOptions options;
  HsExportFormat format;

  g_assert_true (hs_export_format_from_path ("graph.PDF", &format));
  g_assert_cmpint (format, ==, HS_EXPORT_PDF);

  hs_graph_export_options_init (&options);

  g_assert_false (hs_graph_export (capture, 0, &options, jpg, &error));
  g_assert_error (error, HS_EXPORT_ERROR, HS_EXPORT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, jpg));
  g_assert_false (g_file_test (jpg, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (hs_graph_export (capture, 9, &options, png, &error));
  g_assert_error (error, HS_EXPORT_ERROR, HS_EXPORT_ERROR_EMPTY);
  g_clear_error (&error);

  /* a graph with nothing in it */
  options.kind = HS_GRAPH_RTT;
  g_assert_false (hs_graph_export (lonely_capture (), 0, &options, png, &error));
  g_assert_error (error, HS_EXPORT_ERROR, HS_EXPORT_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "Round-Trip Time"));
  g_clear_error (&error);

  /* a time range with nothing in it, backwards, or beyond the end */
  options.kind = HS_GRAPH_TCPTRACE;
  options.t0_ns = 440 * MS;
  options.t1_ns = 550 * MS;
  g_assert_false (hs_graph_export (capture, 0, &options, png, &error));
  g_assert_error (error, HS_EXPORT_ERROR, HS_EXPORT_ERROR_EMPTY);
  g_clear_error (&error);
  options.t0_ns = 500 * MS;
  options.t1_ns = 100 * MS;
  g_assert_false (hs_graph_export (capture, 0, &options, png, &error));
  g_assert_error (error, HS_EXPORT_ERROR, HS_EXPORT_ERROR_EMPTY);
  g_clear_error (&error);
  options.t0_ns = 5000 * MS;
  options.t1_ns = 6000 * MS;
  g_assert_false (hs_graph_export (capture, 0, &options, png, &error));
  g_assert_error (error, HS_EXPORT_ERROR, HS_EXPORT_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));

  /* a file that cannot be written: the message names it, not a
   * temporary file */
  hs_graph_export_options_init (&options);
  g_assert_false (hs_graph_export (capture, 0, &options, bad, &error));
  g_assert_error (error, HS_EXPORT_ERROR, HS_EXPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, bad));
  g_assert_null (strstr (error->message, "graph.svg."));
  g_clear_error (&error);

  /* a directory in the way */
  {
    g_autofree char *dir = tmp_path ("a-dir.png");

    g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
    g_assert_false (hs_graph_export (capture, 0, &options, dir, &error));
    g_assert_error (error, HS_EXPORT_ERROR, HS_EXPORT_ERROR_WRITE);
    g_assert_nonnull (strstr (error->message, dir));
    g_clear_error (&error);
    g_rmdir (dir);
  }

  /* over an existing file, and nothing left beside it */
  g_assert_true (g_file_set_contents (png, "old", -1, NULL));
  g_assert_true (hs_graph_export (capture, 0, &options, png, &error));
  g_assert_no_error (error);
  {
    g_autofree char *contents = NULL;
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;
    gsize len;

    g_assert_true (g_file_get_contents (png, &contents, &len, NULL));
    g_assert_cmpuint (len, >, 1000);
    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_false (g_str_has_prefix (name, "graph.png."));
  }
}

/* ------------------------------------------------------------------------ */
/* 6. Painting                                                               */

/* Every kind, palette and option on an image surface and into a text
 * layer: no cairo error, the expected texts. */
static void
test_paint_all (void)
{
  HsCapture *captures[] = { story_capture (), midstream_capture (), lonely_capture (),
                            sample_capture () };
  guint c, k, pal;

  for (c = 0; c < G_N_ELEMENTS (captures); c++)
    for (k = 0; k < HS_GRAPH_N_KINDS; k++)
      for (pal = 0; pal < 3; pal++)
        {
          HsGraph *graph = hs_graph_new (captures[c], 0, (HsGraphKind) k);
          cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640, 400);
          cairo_t *cr = cairo_create (surface);
          g_autoptr(GString) text = g_string_new (NULL);
          HsGraphPaintOptions options;

          hs_graph_paint_options_init (&options);
          g_assert_true (hs_graph_get_show_legend (graph));
          g_assert_cmpuint (options.selected_pos, ==, G_MAXUINT);
          options.selected_pos = c == 0 ? 12 : 1;
          options.crosshair = TRUE;
          options.pointer_x = 300;
          options.pointer_y = 200;
          options.text_layer = text;
          hs_graph_paint (cr, graph, hs_palette_get ((HsPaletteKind) pal), 640, 400, &options);
          g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

          if (hs_graph_is_empty (graph))
            g_assert_nonnull (strstr (text->str, "No "));
          else
            g_assert_nonnull (strstr (text->str, "Time since the first packet"));
          if (hs_graph_get_warning (graph) != NULL)
            g_assert_nonnull (strstr (text->str, "unscaled"));

          /* a HiDPI surface (the marks are stamped at device pixels) */
          {
            cairo_surface_t *hidpi = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 800);
            cairo_t *cr2;

            cairo_surface_set_device_scale (hidpi, 2, 2);
            cr2 = cairo_create (hidpi);
            hs_graph_paint (cr2, graph, hs_palette_get ((HsPaletteKind) pal), 640, 400, &options);
            g_assert_cmpint (cairo_status (cr2), ==, CAIRO_STATUS_SUCCESS);
            cairo_destroy (cr2);
            cairo_surface_destroy (hidpi);
          }

          /* zoomed far in, and a tiny drawing */
          hs_graph_zoom_at (graph, 640, 400, 200, 200, 1e6, FALSE);
          hs_graph_paint (cr, graph, hs_palette_get ((HsPaletteKind) pal), 640, 400, NULL);
          hs_graph_paint (cr, graph, hs_palette_get ((HsPaletteKind) pal), 30, 20, NULL);
          g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

          cairo_destroy (cr);
          cairo_surface_destroy (surface);
          hs_graph_free (graph);
        }
}

/* A text of a paint's SVG text layer: where its baseline starts, its size
 * and an estimate of its box (wide enough for the widest letters). */
typedef struct
{
  char   *text;
  double  x;
  double  y;
  double  size;
  double  x1;
  double  top;
  double  bottom;
} LayerText;

static void
layer_text_clear (gpointer data)
{
  g_free (((LayerText *) data)->text);
}

static GArray *
parse_text_layer (const char *layer)
{
  GArray *texts = g_array_new (FALSE, TRUE, sizeof (LayerText));
  const char *p;

  g_array_set_clear_func (texts, layer_text_clear);
  for (p = strstr (layer, "<text x=\""); p != NULL; p = strstr (p + 1, "<text x=\""))
    {
      LayerText t = { 0 };
      const char *q = p + strlen ("<text x=\"");
      const char *start;
      const char *end;
      char *next;

      t.x = g_ascii_strtod (q, &next);
      q = strstr (next, "y=\"") + 3;
      t.y = g_ascii_strtod (q, &next);
      q = strstr (next, "font-size=\"") + strlen ("font-size=\"");
      t.size = g_ascii_strtod (q, &next);
      start = strchr (next, '>') + 1;
      end = strstr (start, "</text>");
      t.text = g_strndup (start, end - start);
      /* rotated texts (the value axis's title) are left out */
      if (g_strstr_len (p, start - p, "rotate(") == NULL)
        {
          t.x1 = t.x + 0.7 * t.size * g_utf8_strlen (t.text, -1);
          t.top = t.y - 1.1 * t.size;
          t.bottom = t.y + 0.4 * t.size;
          g_array_append_val (texts, t);
        }
      else
        g_free (t.text);
    }
  return texts;
}

/* The boxes of the legend's texts in a paint, their swatches before them
 * (a legend text is one of the graph's legend items' labels). */
static GArray *
legend_boxes (HsGraph    *graph,
              const char *layer)
{
  g_autoptr(GArray) texts = parse_text_layer (layer);
  GArray *boxes = g_array_new (FALSE, TRUE, sizeof (LayerText));
  guint i, j;

  for (i = 0; i < texts->len; i++)
    {
      const LayerText *t = &g_array_index (texts, LayerText, i);

      for (j = 0; j < graph->legend->len; j++)
        {
          const HsGraphLegendItem *item = g_ptr_array_index (graph->legend, j);
          g_autofree char *escaped = item->label != NULL ? g_markup_escape_text (item->label, -1)
                                                         : NULL;

          if (escaped != NULL && g_str_equal (escaped, t->text))
            {
              LayerText box = *t;

              box.text = NULL;
              box.x -= LEGEND_SWATCH_WIDTH;
              g_array_append_val (boxes, box);
              break;
            }
        }
    }
  return boxes;
}

static gboolean
in_box (const LayerText *box,
        double           x,
        double           y,
        double           margin)
{
  return x >= box->x - margin && x <= box->x1 + margin &&
         y >= box->top - margin && y <= box->bottom + margin;
}

/* Dense round-trip times and segments, zoomed in at the start, the middle
 * and the end: no point drawn lies under the legend's box, which is out
 * of the plot. */
static void
test_legend_outside (void)
{
  static const HsGraphKind kinds[] = { HS_GRAPH_RTT, HS_GRAPH_STEVENS };
  const HsPalette *palette = hs_palette_get (HS_PALETTE_LIGHT);
  guint k, place;

  for (k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (place = 0; place < 4; place++)
      {
        HsGraph *graph = hs_graph_new (scatter_capture (), 0, kinds[k]);
        cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) W,
                                                               (int) H);
        cairo_t *cr = cairo_create (surface);
        g_autoptr(GString) layer = g_string_new (NULL);
        g_autoptr(GArray) boxes = NULL;
        HsGraphPaintOptions options;
        double px, py, pw, ph;
        gint64 t0, t1;
        double v0, v1;
        guint n_points = 0;
        guint i, b, j;

        /* the whole connection, or a quarter of it */
        hs_graph_get_plot_area (graph, W, H, &px, &py, &pw, &ph);
        if (place > 0)
          {
            hs_graph_zoom_at (graph, W, H, px + pw * (place - 1) / 2, py + ph / 2, 4, TRUE);
            hs_graph_fit_values (graph);
          }
        hs_graph_get_view (graph, &t0, &t1, &v0, &v1);

        hs_graph_paint_options_init (&options);
        options.text_layer = layer;
        hs_graph_paint (cr, graph, palette, W, H, &options);
        boxes = legend_boxes (graph, layer->str);
        g_assert_cmpuint (boxes->len, >=, 2);
        hs_graph_get_plot_area (graph, W, H, &px, &py, &pw, &ph);

        for (b = 0; b < boxes->len; b++)
          {
            const LayerText *box = &g_array_index (boxes, LayerText, b);

            /* above the plot: what is drawn is clipped to it */
            g_assert_cmpfloat (box->bottom, <=, py - 2);
          }

        for (i = 0; i < _hs_graph_get_n_tracks (graph); i++)
          {
            const HsGraphTrack *track = _hs_graph_get_track (graph, i);

            for (j = 0; j < track->n; j++)
              {
                double x, y;

                if (track->t[j] < t0 || track->t[j] > t1 || track->lo[j] < v0 ||
                    track->lo[j] > v1)
                  continue;
                x = hs_graph_time_to_x (graph, W, H, track->t[j]);
                y = hs_graph_value_to_y (graph, W, H, track->lo[j]);
                n_points++;
                for (b = 0; b < boxes->len; b++)
                  g_assert_false (in_box (&g_array_index (boxes, LayerText, b), x, y, 3));
              }
          }
        g_assert_cmpuint (n_points, >, 200);

        cairo_destroy (cr);
        cairo_surface_destroy (surface);
        hs_graph_free (graph);
      }
}

/* The crosshair is lines only: its readout is beside the drawing, not
 * over the legend or the axes' labels. */
static void
test_crosshair_no_text (void)
{
  HsCapture *captures[] = { scatter_capture (), story_capture () };
  guint c, k;

  for (c = 0; c < G_N_ELEMENTS (captures); c++)
    for (k = 0; k < HS_GRAPH_N_KINDS; k++)
      {
        HsGraph *graph = hs_graph_new (captures[c], 0, (HsGraphKind) k);
        cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) W,
                                                               (int) H);
        cairo_t *cr = cairo_create (surface);
        g_autoptr(GString) plain = g_string_new (NULL);
        g_autoptr(GString) crossed = g_string_new (NULL);
        HsGraphPaintOptions options;
        double px, py, pw, ph;
        guint i;

        hs_graph_paint_options_init (&options);
        options.text_layer = plain;
        hs_graph_paint (cr, graph, hs_palette_get (HS_PALETTE_LIGHT), W, H, &options);
        hs_graph_get_plot_area (graph, W, H, &px, &py, &pw, &ph);

        /* the pointer at places all over the plot */
        for (i = 0; i < 9; i++)
          {
            g_string_truncate (crossed, 0);
            options.text_layer = crossed;
            options.crosshair = TRUE;
            options.pointer_x = px + pw * (0.05 + 0.45 * (i % 3));
            options.pointer_y = py + ph * (0.05 + 0.45 * (i / 3));
            hs_graph_paint (cr, graph, hs_palette_get (HS_PALETTE_LIGHT), W, H, &options);
            g_assert_cmpstr (crossed->str, ==, plain->str);
          }

        cairo_destroy (cr);
        cairo_surface_destroy (surface);
        hs_graph_free (graph);
      }
}

/* The box of a text of the text layer, measured in the painters' font
 * (the layer has where its baseline starts, its size and weight). */
static void
measure_layer_text (PangoLayout *layout,
                    const char  *element,
                    LayerText   *t)
{
  PangoFontDescription *font = pango_font_description_from_string ("Sans");
  g_autofree char *text = NULL;
  PangoRectangle logical;
  double w, h, baseline;

  pango_font_description_set_absolute_size (font, t->size * PANGO_SCALE);
  if (strstr (element, "font-weight=\"bold\"") != NULL)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  /* the layer's text is escaped XML */
  text = g_strdup (t->text);
  {
    GString *plain = g_string_new (NULL);
    const char *c;

    for (c = text; *c != '\0'; c++)
      {
        if (g_str_has_prefix (c, "&amp;"))
          g_string_append_c (plain, '&'), c += 4;
        else if (g_str_has_prefix (c, "&lt;"))
          g_string_append_c (plain, '<'), c += 3;
        else if (g_str_has_prefix (c, "&gt;"))
          g_string_append_c (plain, '>'), c += 3;
        else
          g_string_append_c (plain, *c);
      }
    pango_layout_set_text (layout, plain->str, -1);
    g_string_free (plain, TRUE);
  }
  pango_layout_get_extents (layout, NULL, &logical);
  w = (double) logical.width / PANGO_SCALE;
  h = (double) logical.height / PANGO_SCALE;
  baseline = (double) pango_layout_get_baseline (layout) / PANGO_SCALE;

  if (strstr (element, "rotate(") != NULL)
    {
      /* a quarter turn anticlockwise about the start of its baseline */
      t->x = t->x - baseline;
      t->x1 = t->x + h;
      t->top = t->y - w;
      t->bottom = t->y;
    }
  else
    {
      t->x1 = t->x + w;
      t->top = t->y - baseline;
      t->bottom = t->top + h;
    }
}

/* Every text of a paint, measured: inside the drawing, none over another
 * (a text shortened with an ellipsis is measured whole, so it shows as
 * running out of its room). */
static void
check_texts_fit (HsGraph    *graph,
                 const char *layer,
                 double      width,
                 double      height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 4, 4);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  cairo_font_options_t *font_options = cairo_font_options_create ();
  g_autoptr(GArray) texts = g_array_new (FALSE, TRUE, sizeof (LayerText));
  const char *p;
  guint i, j;

  /* the painters' metrics: unhinted */
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), font_options);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (font_options);

  g_array_set_clear_func (texts, layer_text_clear);
  for (p = strstr (layer, "<text x=\""); p != NULL; p = strstr (p + 1, "<text x=\""))
    {
      LayerText t = { 0 };
      const char *start = strchr (p, '>') + 1;
      g_autofree char *element = g_strndup (p, start - p);
      char *next;

      t.x = g_ascii_strtod (p + strlen ("<text x=\""), &next);
      t.y = g_ascii_strtod (strstr (next, "y=\"") + 3, &next);
      t.size = g_ascii_strtod (strstr (next, "font-size=\"") + strlen ("font-size=\""), NULL);
      t.text = g_strndup (start, strstr (start, "</text>") - start);
      measure_layer_text (layout, element, &t);
      g_array_append_val (texts, t);
    }

  for (i = 0; i < texts->len; i++)
    {
      const LayerText *a = &g_array_index (texts, LayerText, i);

      if (a->x < -0.5 || a->x1 > width + 0.5 || a->top < -0.5 || a->bottom > height + 0.5)
        g_error ("%s, %.0f x %.0f: “%s” (%.1f, %.1f to %.1f, %.1f) is not all in the drawing",
                 hs_graph_kind_to_name (hs_graph_get_kind (graph)), width, height, a->text,
                 a->x, a->top, a->x1, a->bottom);
      for (j = i + 1; j < texts->len; j++)
        {
          const LayerText *b = &g_array_index (texts, LayerText, j);
          double ox = MIN (a->x1, b->x1) - MAX (a->x, b->x);
          double oy = MIN (a->bottom, b->bottom) - MAX (a->top, b->top);

          if (ox > 0.5 && oy > 0.5)
            g_error ("%s, %.0f x %.0f: “%s” (%.1f, %.1f to %.1f, %.1f) and “%s” (%.1f, %.1f to %.1f, %.1f) overlap",
                     hs_graph_kind_to_name (hs_graph_get_kind (graph)), width, height, a->text,
                     a->x, a->top, a->x1, a->bottom, b->text, b->x, b->top, b->x1, b->bottom);
        }
    }

  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* At the sizes the window gives the graph (1280 x 800, half a 1366-pixel
 * screen, a short one, the narrowest), every graph of every direction,
 * whole and zoomed, with its warning, its legend or its message: each text
 * in its own room. */
static void
test_texts_fit (void)
{
  HsCapture *captures[] = { story_capture (), sample_capture (), scales_capture (),
                            midstream_capture (), scatter_capture (), lonely_capture () };
  static const double sizes[][2] = { { 970, 390 }, { 697, 350 }, { 697, 240 }, { 1200, 700 },
                                     { 300, 300 } };
  static const HsGraphDirections directions[] = { HS_GRAPH_DIR_BOTH, HS_GRAPH_DIR_0,
                                                  HS_GRAPH_DIR_1 };
  guint c, k, d, z, size;

  for (c = 0; c < G_N_ELEMENTS (captures); c++)
    for (k = 0; k < HS_GRAPH_N_KINDS; k++)
      for (d = 0; d < G_N_ELEMENTS (directions); d++)
        {
          HsGraph *graph = hs_graph_new (captures[c], 0, (HsGraphKind) k);

          hs_graph_set_directions (graph, directions[d]);
          for (size = 0; size < G_N_ELEMENTS (sizes); size++)
            for (z = 0; z < 3; z++)
              {
                double w = sizes[size][0], h = sizes[size][1];
                cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                                       (int) w, (int) h);
                cairo_t *cr = cairo_create (surface);
                g_autoptr(GString) layer = g_string_new (NULL);
                HsGraphPaintOptions options;

                hs_graph_reset_view (graph);
                if (z > 0)
                  hs_graph_zoom_at (graph, w, h, w / 2, h / 2, z == 1 ? 4 : 1e4, z == 2);
                hs_graph_paint_options_init (&options);
                options.text_layer = layer;
                hs_graph_paint (cr, graph, hs_palette_get (HS_PALETTE_LIGHT), w, h, &options);
                check_texts_fit (graph, layer->str, w, h);

                cairo_destroy (cr);
                cairo_surface_destroy (surface);
              }
          hs_graph_free (graph);
        }
}

/* A million points paint through O(width) drawn points and O(width log n)
 * visits: counted, not timed. */
static void
test_paint_cost (void)
{
  const guint n = 1000000;
  HsGraphKind kinds[] = { HS_GRAPH_THROUGHPUT, HS_GRAPH_RTT, HS_GRAPH_TCPTRACE };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) W, (int) H);
  cairo_t *cr = cairo_create (surface);
  GRand *rand = g_rand_new_with_seed (3);
  HsSeries walk, seq;
  double value = 5e6;
  guint i, k;

  walk.n = seq.n = n;
  walk.points = g_new (HsSeriesPoint, n);
  seq.points = g_new (HsSeriesPoint, n);
  for (i = 0; i < n; i++)
    {
      /* over 100 s, a random walk (throughput, RTT) and a transfer of
       * 1448-byte segments (tcptrace), 1% of them sent again later */
      value = MAX (0, value + g_rand_double_range (rand, -2e4, 2e4));
      walk.points[i].t_ns = (gint64) i * 100000;
      walk.points[i].value = value;
      walk.points[i].pos = i;
      seq.points[i].t_ns = (gint64) i * 100000;
      seq.points[i].value = (double) (g_rand_int_range (rand, 0, 100) == 0 && i > 50 ? i - 50 : i) *
                            1448;
      seq.points[i].pos = i;
    }

  for (k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      HsGraph *graph = hs_graph_new (story_capture (), 0, kinds[k]);
      HsGraphStats stats;
      double pw, ph;
      guint index = G_MAXUINT;
      guint64 small_visits;
      guint zoom;

      /* the first line (throughput) or dots (RTT) track, or the plain
       * segments' bars (tcptrace) */
      for (i = 0; i < _hs_graph_get_n_tracks (graph) && index == G_MAXUINT; i++)
        {
          const HsGraphTrack *track = _hs_graph_get_track (graph, i);

          if (track->style == HS_GRAPH_STYLE_LINE || track->style == HS_GRAPH_STYLE_DOTS ||
              (track->style == HS_GRAPH_STYLE_BARS &&
               track->color.role == HS_GRAPH_COLOR_SERIES))
            index = i;
        }
      g_assert_cmpuint (index, !=, G_MAXUINT);
      hs_graph_get_plot_area (graph, W, H, NULL, NULL, &pw, &ph);

      /* the story's few points */
      _hs_graph_reset_stats (graph);
      hs_graph_paint (cr, graph, hs_palette_get (HS_PALETTE_LIGHT), W, H, NULL);
      _hs_graph_get_stats (graph, &stats);
      small_visits = stats.visits;

      _hs_graph_replace_points (graph, index, kinds[k] == HS_GRAPH_TCPTRACE ? &seq : &walk, 1448);
      g_assert_cmpuint (_hs_graph_get_track (graph, index)->n, ==, n);

      for (zoom = 0; zoom < 3; zoom++)
        {
          /* all, then a tenth and a thousandth of the time, in the middle */
          if (zoom > 0)
            hs_graph_zoom_at (graph, W, H, W / 2, H / 2, zoom == 1 ? 10 : 100, TRUE);

          _hs_graph_reset_stats (graph);
          hs_graph_paint (cr, graph, hs_palette_get (HS_PALETTE_LIGHT), W, H, NULL);
          g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
          _hs_graph_get_stats (graph, &stats);
          g_assert_cmpuint (stats.paints, ==, 1);

          if (g_test_verbose ())
            g_printerr ("%s zoom %u: %" G_GUINT64_FORMAT " drawn, %" G_GUINT64_FORMAT
                        " visits (%" G_GUINT64_FORMAT " for the story alone)\n",
                        hs_graph_kind_to_name (kinds[k]), zoom, stats.points_drawn,
                        stats.visits, small_visits);

          /* drawn: at most four per pixel column for a line or a bar, for
           * dots (2 px cells) what a column of the walk spans, a few cells */
          if (kinds[k] == HS_GRAPH_RTT)
            g_assert_cmpuint (stats.points_drawn, <=, 16 * (guint64) ceil (pw));
          else
            g_assert_cmpuint (stats.points_drawn, <=, 4 * (guint64) ceil (pw) + 600);
          /* looked at: O(log n) per column and per point drawn, far from
           * a million */
          g_assert_cmpuint (stats.visits, <=, 40 * stats.points_drawn + 160 * (guint64) ceil (pw) +
                                              small_visits);
          g_assert_cmpuint (stats.visits, <, n / 4);
        }

      hs_graph_free (graph);
    }

  g_free (walk.points);
  g_free (seq.points);
  g_rand_free (rand);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* ------------------------------------------------------------------------ */
/* Live: extending a graph as the connection grows                           */

static void
assert_tracks_equal (const HsGraphTrack *a,
                     const HsGraphTrack *b)
{
  g_assert_cmpuint (a->n, ==, b->n);
  g_assert_cmpmem (a->t, a->n * sizeof (gint64), b->t, b->n * sizeof (gint64));
  g_assert_cmpmem (a->lo, a->n * sizeof (double), b->lo, b->n * sizeof (double));
  g_assert_cmpmem (a->pos, a->n * sizeof (guint32), b->pos, b->n * sizeof (guint32));
  g_assert_true ((a->hi == NULL) == (b->hi == NULL));
  if (a->hi != NULL)
    g_assert_cmpmem (a->hi, a->n * sizeof (double), b->hi, b->n * sizeof (double));
  g_assert_cmpuint (a->n_levels, ==, b->n_levels);
  g_assert_cmpint (a->style, ==, b->style);
  g_assert_cmpint (a->shape, ==, b->shape);
  g_assert_cmpint (a->color.role, ==, b->color.role);
  g_assert_cmpuint (a->color.index, ==, b->color.index);
  g_assert_cmpuint (a->dir, ==, b->dir);
  g_assert_cmpuint (a->pane, ==, b->pane);
  g_assert_cmpint (a->layer, ==, b->layer);
}

/* Every track, point, band, legend item, extent and view equal. */
static void
assert_graphs_equal (HsGraph *a,
                     HsGraph *b)
{
  gint64 at0, at1, bt0, bt1;
  double av0, av1, bv0, bv1;
  guint i, pane;

  g_assert_cmpuint (hs_graph_get_n_packets (a), ==, hs_graph_get_n_packets (b));
  g_assert_cmpuint (hs_graph_get_directions (a), ==, hs_graph_get_directions (b));
  g_assert_cmpint (hs_graph_get_average_window (a), ==, hs_graph_get_average_window (b));
  g_assert_cmpuint (_hs_graph_get_n_tracks (a), ==, _hs_graph_get_n_tracks (b));
  for (i = 0; i < _hs_graph_get_n_tracks (b); i++)
    assert_tracks_equal (_hs_graph_get_track (a, i), _hs_graph_get_track (b, i));

  g_assert_cmpuint (a->legend->len, ==, b->legend->len);
  for (i = 0; i < b->legend->len; i++)
    {
      const HsGraphLegendItem *la = g_ptr_array_index (a->legend, i);
      const HsGraphLegendItem *lb = g_ptr_array_index (b->legend, i);

      g_assert_cmpint (la->kind, ==, lb->kind);
      g_assert_cmpint (la->style, ==, lb->style);
      g_assert_cmpstr (la->label, ==, lb->label);
    }
  g_assert_cmpstr (hs_graph_get_warning (a), ==, hs_graph_get_warning (b));
  g_assert_cmpstr (hs_graph_get_direction_name (a, 0), ==, hs_graph_get_direction_name (b, 0));

  g_assert_cmpuint (hs_graph_get_n_panes (a), ==, hs_graph_get_n_panes (b));
  for (pane = 0; pane < HS_GRAPH_MAX_PANES; pane++)
    {
      g_assert_cmpuint (a->bands[pane]->len, ==, b->bands[pane]->len);
      g_assert_cmpmem (a->bands[pane]->data, a->bands[pane]->len * sizeof (HsGraphBand),
                       b->bands[pane]->data, b->bands[pane]->len * sizeof (HsGraphBand));
    }
  for (pane = 0; pane < hs_graph_get_n_panes (b); pane++)
    {
      hs_graph_get_pane_extent (a, pane, &av0, &av1);
      hs_graph_get_pane_extent (b, pane, &bv0, &bv1);
      g_assert_cmpfloat (av0, ==, bv0);
      g_assert_cmpfloat (av1, ==, bv1);
    }
  hs_graph_get_extent (a, &at0, &at1, &av0, &av1);
  hs_graph_get_extent (b, &bt0, &bt1, &bv0, &bv1);
  g_assert_cmpint (at0, ==, bt0);
  g_assert_cmpint (at1, ==, bt1);
  hs_graph_get_view (a, &at0, &at1, &av0, &av1);
  hs_graph_get_view (b, &bt0, &bt1, &bv0, &bv1);
  g_assert_cmpint (at0, ==, bt0);
  g_assert_cmpint (at1, ==, bt1);
  g_assert_cmpfloat (av0, ==, bv0);
  g_assert_cmpfloat (av1, ==, bv1);
}

/* A graph with the settings of a variant: 0 the defaults, 1 and 2 one
 * direction, 3 a chosen average window. */
static HsGraph *
live_graph_new (HsCapture *capture,
                guint      stream,
                guint      kind,
                guint      variant)
{
  HsGraph *graph = hs_graph_new (capture, stream, kind);

  if (variant == 1)
    hs_graph_set_directions (graph, HS_GRAPH_DIR_0);
  else if (variant == 2)
    hs_graph_set_directions (graph, HS_GRAPH_DIR_1);
  else if (variant == 3)
    hs_graph_set_average_window (graph, 5 * MS);
  return graph;
}

/* Every kind (in every variant) grown batch by batch equals a graph made
 * anew over the same packets; and growing is what extend did, mostly (it
 * builds again only for packets out of time order or other default
 * directions; another automatic average window averages the segments kept
 * again). */
static void
check_live_extend (HsCapture *full)
{
  guint n = hs_capture_get_n_packets (full);
  guint kind, variant;

  for (kind = 0; kind < HS_GRAPH_N_KINDS; kind++)
    for (variant = 0; variant < 4; variant++)
    {
      g_autoptr(HsCapture) live = NULL;
      g_autoptr(GPtrArray) graphs = NULL;
      guint extends = 0, grows = 0, builds = 0;
      guint upto = 0;
      guint step = 1;
      guint s;

      /* a time-sequence graph's one direction chosen is its default when
       * it is the one that sent more: it then follows the connection, as
       * the default does; an average window is the throughput's */
      if (((kind == HS_GRAPH_TCPTRACE || kind == HS_GRAPH_STEVENS) && (variant == 1 || variant == 2)) ||
          (variant == 3 && kind != HS_GRAPH_THROUGHPUT))
        continue;
      live = hs_test_live_new (full);
      graphs = g_ptr_array_new_with_free_func ((GDestroyNotify) hs_graph_free);

      while (upto < n)
        {
          upto = MIN (n, upto + step);
          step = step < 3 ? step + 1 : step + step / 2;
          if (upto % 5 == 0)
            step = 1;
          hs_test_live_grow (live, full, upto);

          for (s = 0; s < hs_capture_get_n_connections (live); s++)
            {
              HsGraph *fresh = live_graph_new (live, s, kind, variant);

              if (s >= graphs->len)
                g_ptr_array_add (graphs, live_graph_new (live, s, kind, variant));
              else
                {
                  g_assert_true (hs_graph_extend (g_ptr_array_index (graphs, s)));
                  extends++;
                }

              assert_graphs_equal (g_ptr_array_index (graphs, s), fresh);
              hs_graph_free (fresh);
            }
        }

      for (s = 0; s < graphs->len; s++)
        {
          HsGraph *graph = g_ptr_array_index (graphs, s);

          grows += graph->n_grows;
          builds += graph->n_builds;
        }
      /* an extend that added nothing does neither */
      g_assert_cmpuint (grows + builds, <=, extends + graphs->len * 2);
      if (extends >= 10)
        g_assert_cmpuint (grows, >, extends / 2);
    }
}

static void
test_live_extend (void)
{
  const char *files[] = {
    "linux-dsack.pcap", "linux-http.pcap", "linux-out-of-order.pcap",
    "linux-resets.pcap", "linux-zero-window.pcap",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", files[i], NULL);
      g_autoptr(HsCapture) capture = hs_test_load (path);

      check_live_extend (capture);
    }
  check_live_extend (sample_capture ());
  check_live_extend (short_capture ());
}

/* What the user chose stays: a zoomed view's times, one direction. */
static void
test_live_extend_keeps (void)
{
  HsCapture *full = scatter_capture ();
  g_autoptr(HsCapture) live = hs_test_live_new (full);
  HsGraph *graph;
  gint64 t0, t1;

  hs_test_live_grow (live, full, 400);
  graph = hs_graph_new (live, 0, HS_GRAPH_RTT);
  g_assert_true (hs_graph_set_directions (graph, HS_GRAPH_DIR_0));
  hs_graph_set_time_range (graph, 10 * MS, 20 * MS);
  hs_test_live_grow (live, full, 800);
  g_assert_true (hs_graph_extend (graph));
  g_assert_cmpuint (hs_graph_get_n_packets (graph), ==,
                    hs_capture_get_connection (live, 0)->n_packets);
  g_assert_cmpuint (hs_graph_get_directions (graph), ==, HS_GRAPH_DIR_0);
  hs_graph_get_view (graph, &t0, &t1, NULL, NULL);
  g_assert_cmpint (t0, ==, 10 * MS);
  g_assert_cmpint (t1, ==, 20 * MS);
  hs_graph_free (graph);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  tmp_dir = g_dir_make_tmp ("hs-test-graph-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/handshake/graph/decimate", test_decimate);
  g_test_add_func ("/handshake/graph/decimate-track", test_decimate_track);
  g_test_add_func ("/handshake/graph/kinds", test_kinds);
  g_test_add_func ("/handshake/graph/options", test_options);
  g_test_add_func ("/handshake/graph/average-fits", test_average_fits);
  g_test_add_func ("/handshake/graph/data", test_data);
  g_test_add_func ("/handshake/graph/mapping", test_mapping);
  g_test_add_func ("/handshake/graph/panes-scales", test_panes_scales);
  g_test_add_func ("/handshake/graph/panes", test_panes);
  g_test_add_func ("/handshake/graph/zoom-pan", test_zoom_pan);
  g_test_add_func ("/handshake/graph/hit", test_hit);
  g_test_add_func ("/handshake/graph/warning", test_warning);
  g_test_add_func ("/handshake/graph/export/svg", test_export_svg);
  g_test_add_func ("/handshake/graph/export/png-pdf", test_export_png_pdf);
  g_test_add_func ("/handshake/graph/export/errors", test_export_errors);
  g_test_add_func ("/handshake/graph/paint/all", test_paint_all);
  g_test_add_func ("/handshake/graph/paint/legend-outside", test_legend_outside);
  g_test_add_func ("/handshake/graph/paint/crosshair-no-text", test_crosshair_no_text);
  g_test_add_func ("/handshake/graph/paint/texts-fit", test_texts_fit);
  g_test_add_func ("/handshake/graph/paint/cost", test_paint_cost);
  g_test_add_func ("/handshake/graph/live/extend", test_live_extend);
  g_test_add_func ("/handshake/graph/live/extend-keeps", test_live_extend_keeps);

  status = g_test_run ();

  g_clear_object (&sample_cap);
  g_clear_object (&story_cap);
  g_clear_object (&midstream_cap);
  g_clear_object (&lonely_cap);
  g_clear_object (&scales_cap);
  g_clear_object (&short_cap);
  g_clear_object (&scatter_cap);

  hs_test_remove_tmp_dir (tmp_dir);

  return status;
}
