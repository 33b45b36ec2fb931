/* test-ladder.c
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The ladder diagram: the layout's geometry, phases, states, collapsing
 * and time scale on captures written here segment by segment; the painters
 * through the exporters (the SVG is read back: one arrow per packet, in
 * order, in the anomaly colours, with the labels in its text layer; the
 * PNG is read back with cairo); and the cost of painting, counted in
 * records read, on a connection of 200,003 packets.
 *
 * The crafted connection ("story", client 10.0.0.1:40000, server
 * 10.0.0.2:80, client ISN 1000, server ISN 5000, times in ms):
 *    1-3   handshake
 *    4, 5  a request and its retransmission 300 ms later
 *    6-8   the server ACKs it and sends data, the segment before 8 lost
 *    9-12  the client ACKs 7, then two dup ACKs around more data (11)
 *    13    the hole sent again (fast retransmission)
 *    14-17 zero window, probe, probe ACK, window update
 *    18-21 four-packet close after 4.1 s idle
 * HS_TEST_KEEP=1 keeps the files written (and prints where). */

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo.h>
#include <glib/gstdio.h>

#include "handshake.h"
#include "hs-export.h"
#include "hs-ladder-layout-private.h"
#include "hs-ladder-paint-private.h"
#include "hs-palette.h"
#include "hs-test-utils.h"

#define T0 G_GINT64_CONSTANT (1700000000000000000)
#define MS G_GINT64_CONSTANT (1000000)
#define US G_GINT64_CONSTANT (1000)

#define CLI "10.0.0.1", "10.0.0.2", 40000, 80
#define SRV "10.0.0.2", "10.0.0.1", 80, 40000
#define SYN HS_TCP_SYN
#define ACK HS_TCP_ACK
#define PSH HS_TCP_PSH
#define FIN HS_TCP_FIN
#define RST HS_TCP_RST

#define BIG_PAIRS 100000

static char *tmp_dir;
static HsCapture *story_cap;
static HsCapture *three_cap;
static HsCapture *reset_cap;
static HsCapture *bulk_cap;
static HsCapture *midstream_cap;
static HsCapture *big_cap;
static HsCapture *dense_cap;
static HsCapture *long_cap;
static HsCapture *bulk10k_cap;

typedef HsTestPacket Packet;

static const guint8 syn_options[] = {
  2, 4, 0x05, 0xb4,   /* MSS 1460 */
  4, 2,               /* SACK permitted */
  1, 3, 3, 7,         /* NOP, window scale 7 */
};

static const char http_request[] = "GET /index.html HTTP/1.1\r\nHost: example.com\r\n\r\n";
#define REQ_LEN (sizeof http_request - 1)

static const Packet story[] = {
  /* 1-3: handshake */
  { 0, { CLI, 1000, 0, SYN, 64240, 0, NULL, syn_options, sizeof syn_options } },
  { 10, { SRV, 5000, 1001, SYN | ACK, 65160, 0, NULL, syn_options, sizeof syn_options } },
  { 20, { CLI, 1001, 5001, ACK, 502, 0 } },
  /* 4: request, 5: its retransmission */
  { 21, { CLI, 1001, 5001, PSH | ACK, 502, 100 } },
  { 321, { CLI, 1001, 5001, PSH | ACK, 502, 100 } },
  /* 6: ACK of it; 7, 8: data, 6001..7000 never captured */
  { 330, { SRV, 5001, 1101, ACK, 509, 0 } },
  { 331, { SRV, 5001, 1101, ACK, 509, 1000 } },
  { 332, { SRV, 7001, 1101, ACK, 509, 1000 } },
  /* 9: ACK of 7; 10, 12: dup ACKs; 11: more data */
  { 340, { CLI, 1101, 6001, ACK, 502, 0 } },
  { 341, { CLI, 1101, 6001, ACK, 502, 0 } },
  { 342, { SRV, 8001, 1101, ACK, 509, 1000 } },
  { 343, { CLI, 1101, 6001, ACK, 502, 0 } },
  /* 13: the hole sent again; 14: everything ACKed, window zero */
  { 350, { SRV, 6001, 1101, ACK, 509, 1000 } },
  { 360, { CLI, 1101, 9001, ACK, 0, 0 } },
  /* 15: probe, 16: its ACK, 17: window update */
  { 600, { SRV, 9001, 1101, ACK, 509, 1 } },
  { 601, { CLI, 1101, 9001, ACK, 0, 0 } },
  { 900, { CLI, 1101, 9001, ACK, 502, 0 } },
  /* 18-21: four-packet close */
  { 5000, { CLI, 1101, 9001, FIN | ACK, 502, 0 } },
  { 5010, { SRV, 9001, 1102, ACK, 509, 0 } },
  { 5020, { SRV, 9001, 1102, FIN | ACK, 509, 0 } },
  { 5030, { CLI, 1102, 9002, ACK, 502, 0 } },
};

/* A request, then a close with the server's ACK riding on its FIN. */
static const Packet three[] = {
  { 0, { CLI, 1000, 0, SYN, 64240, 0, NULL, syn_options, sizeof syn_options } },
  { 10, { SRV, 5000, 1001, SYN | ACK, 65160, 0, NULL, syn_options, sizeof syn_options } },
  { 20, { CLI, 1001, 5001, ACK, 502, 0 } },
  { 21, { CLI, 1001, 5001, PSH | ACK, 502, REQ_LEN, http_request } },
  { 30, { SRV, 5001, 1001 + REQ_LEN, ACK, 509, 0 } },
  { 40, { CLI, 1001 + REQ_LEN, 5001, FIN | ACK, 502, 0 } },
  { 50, { SRV, 5001, 1002 + REQ_LEN, FIN | ACK, 509, 0 } },
  { 60, { CLI, 1002 + REQ_LEN, 5002, ACK, 502, 0 } },
};

/* Closed by the client's RST. */
static const Packet reset[] = {
  { 0, { CLI, 1000, 0, SYN, 64240, 0, NULL, syn_options, sizeof syn_options } },
  { 10, { SRV, 5000, 1001, SYN | ACK, 65160, 0, NULL, syn_options, sizeof syn_options } },
  { 20, { CLI, 1001, 5001, ACK, 502, 0 } },
  { 21, { CLI, 1001, 5001, PSH | ACK, 502, 10 } },
  { 30, { SRV, 5001, 1011, ACK, 509, 0 } },
  { 40, { CLI, 1011, 5001, RST | ACK, 0, 0 } },
};

/* Picked up mid-stream, never closed. */
static const Packet midstream[] = {
  { 0, { SRV, 5001, 1001, ACK, 509, 1000 } },
  { 1, { CLI, 1001, 6001, ACK, 502, 0 } },
  { 2, { SRV, 6001, 1001, ACK, 509, 1000 } },
  { 3, { CLI, 1001, 7001, ACK, 502, 0 } },
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

/* A capture in the temporary folder that starts with the story's
 * handshake; the next packet may come at T0 + 30 ms. */
static HsTestWriter *
handshake_writer (const char  *name,
                  char       **path)
{
  HsTestWriter *w;
  guint i;

  *path = tmp_path (name);
  w = hs_test_writer_new (*path, HS_TEST_PCAP_NSEC, 1, FALSE);
  for (i = 0; i < 3; i++)
    hs_test_writer_segment (w, T0 + story[i].ms * MS, &story[i].seg);
  return w;
}

/* Handshake, `pairs` data segments of 1000 bytes each ACKed, the 20th
 * sent again (spurious: already ACKed), four-packet close. */
#define BULK_PAIRS 40
#define BULK_RESENT 20

static HsCapture *
bulk_capture (void)
{
  g_autofree char *path = NULL;
  HsTestWriter *w;
  gint64 ts = T0;
  guint32 seq = 5001;
  guint i;

  if (bulk_cap != NULL)
    return bulk_cap;

  w = handshake_writer ("bulk.pcap", &path);
  ts = T0 + 30 * MS;

  for (i = 0; i < BULK_PAIRS; i++)
    {
      HsTestSegment data = { SRV, seq, 1001, ACK, 509, 1000 };
      HsTestSegment ack = { CLI, 1001, seq + 1000, ACK, 502, 0 };

      hs_test_writer_segment (w, ts, &data);
      ts += MS;
      hs_test_writer_segment (w, ts, &ack);
      ts += MS;
      if (i == BULK_RESENT)
        {
          hs_test_writer_segment (w, ts, &data);
          ts += MS;
        }
      seq += 1000;
    }

  {
    HsTestSegment fin1 = { CLI, 1001, seq, FIN | ACK, 502, 0 };
    HsTestSegment ack1 = { SRV, seq, 1002, ACK, 509, 0 };
    HsTestSegment fin2 = { SRV, seq, 1002, FIN | ACK, 509, 0 };
    HsTestSegment ack2 = { CLI, 1002, seq + 1, ACK, 502, 0 };

    hs_test_writer_segment (w, ts, &fin1);
    hs_test_writer_segment (w, ts + MS, &ack1);
    hs_test_writer_segment (w, ts + 2 * MS, &fin2);
    hs_test_writer_segment (w, ts + 3 * MS, &ack2);
  }
  hs_test_writer_close (w);

  bulk_cap = hs_test_load (path);
  return bulk_cap;
}

/* 200,003 packets: handshake, then BIG_PAIRS data/ACK pairs 100 µs apart,
 * every 1000th ACK announcing a zero window and the next one reopening it. */
static HsCapture *
big_capture (void)
{
  g_autofree char *path = NULL;
  HsTestWriter *w;
  guint32 seq = 5001;
  gint64 ts;
  guint i;

  if (big_cap != NULL)
    return big_cap;

  w = handshake_writer ("big.pcap", &path);
  ts = T0 + 30 * MS;

  for (i = 0; i < BIG_PAIRS; i++)
    {
      HsTestSegment data = { SRV, seq, 1001, ACK, 509, 100 };
      HsTestSegment ack = { CLI, 1001, seq + 100, ACK, i % 1000 == 500 ? 0 : 502, 0 };

      hs_test_writer_segment (w, ts, &data);
      hs_test_writer_segment (w, ts + 50000, &ack);
      ts += 100000;
      seq += 100;
    }
  hs_test_writer_close (w);

  big_cap = hs_test_load (path);
  g_assert_cmpuint (hs_capture_get_n_packets (big_cap), ==, 2 * BIG_PAIRS + 3);
  return big_cap;
}

/* Handshake with a 20 ms round trip, then DENSE_PAIRS data/ACK pairs 1 µs
 * apart, the data segment of pair DENSE_RESENT sent again after its ACK:
 * in time-true mode (a round trip a row) 40,000 rows in 80 pixels. */
#define DENSE_PAIRS 20000
#define DENSE_RESENT 10000

static HsCapture *
dense_capture (void)
{
  g_autofree char *path = NULL;
  HsTestWriter *w;
  guint32 seq = 5001;
  gint64 ts;
  guint i;

  if (dense_cap != NULL)
    return dense_cap;

  w = handshake_writer ("dense.pcap", &path);
  ts = T0 + 30 * MS;

  for (i = 0; i < DENSE_PAIRS; i++)
    {
      HsTestSegment data = { SRV, seq, 1001, ACK, 509, 100 };
      HsTestSegment ack = { CLI, 1001, seq + 100, ACK, 502, 0 };

      hs_test_writer_segment (w, ts, &data);
      hs_test_writer_segment (w, ts + US, &ack);
      ts += 2 * US;
      if (i == DENSE_RESENT)
        {
          hs_test_writer_segment (w, ts, &data);
          ts += US;
        }
      seq += 100;
    }
  hs_test_writer_close (w);

  dense_cap = hs_test_load (path);
  return dense_cap;
}

/* A 1 ms round trip in a connection of 10 s: the handshake (the capture
 * taken at the client: the SYN/ACK 0.95 ms after the SYN, the ACK 50 µs
 * after it), a request, its answer and the ACK of that every second, and
 * a three-packet close at 10 s. */
static HsCapture *
long_capture (void)
{
  g_autofree char *path = tmp_path ("long.pcap");
  HsTestWriter *w;
  guint32 cli = 1001;
  guint32 srv = 5001;
  guint k;

  if (long_cap != NULL)
    return long_cap;

  w = hs_test_writer_new (path, HS_TEST_PCAP_NSEC, 1, FALSE);
  {
    HsTestSegment syn = { CLI, 1000, 0, SYN, 64240, 0, NULL, syn_options, sizeof syn_options };
    HsTestSegment synack = { SRV, 5000, 1001, SYN | ACK, 65160, 0, NULL, syn_options,
                             sizeof syn_options };
    HsTestSegment ack = { CLI, 1001, 5001, ACK, 502, 0 };

    hs_test_writer_segment (w, T0, &syn);
    hs_test_writer_segment (w, T0 + 950 * US, &synack);
    hs_test_writer_segment (w, T0 + 1000 * US, &ack);
  }
  for (k = 1; k < 10; k++)
    {
      gint64 t = T0 + k * 1000 * MS;
      HsTestSegment request = { CLI, cli, srv, PSH | ACK, 502, 100 };
      HsTestSegment answer = { SRV, srv, cli + 100, PSH | ACK, 509, 500 };
      HsTestSegment ack = { CLI, cli + 100, srv + 500, ACK, 502, 0 };

      hs_test_writer_segment (w, t, &request);
      hs_test_writer_segment (w, t + 1000 * US, &answer);
      hs_test_writer_segment (w, t + 1050 * US, &ack);
      cli += 100;
      srv += 500;
    }
  {
    gint64 t = T0 + 10000 * MS;
    HsTestSegment fin1 = { CLI, cli, srv, FIN | ACK, 502, 0 };
    HsTestSegment fin2 = { SRV, srv, cli + 1, FIN | ACK, 509, 0 };
    HsTestSegment ack = { CLI, cli + 1, srv + 1, ACK, 502, 0 };

    hs_test_writer_segment (w, t, &fin1);
    hs_test_writer_segment (w, t + 1000 * US, &fin2);
    hs_test_writer_segment (w, t + 1050 * US, &ack);
  }
  hs_test_writer_close (w);

  long_cap = hs_test_load (path);
  return long_cap;
}

/* Bulk data: the story's handshake (a 20 ms round trip), then 10,000
 * packets in 1 s, data segments of 1000 bytes and their ACKs 100 µs
 * apart, the data of pair BULK10K_RESENT sent again right after its ACK,
 * and a four-packet close. */
#define BULK10K_PAIRS 5000
#define BULK10K_RESENT 2500

static HsCapture *
bulk10k_capture (void)
{
  g_autofree char *path = NULL;
  HsTestWriter *w;
  guint32 seq = 5001;
  gint64 ts;
  guint i;

  if (bulk10k_cap != NULL)
    return bulk10k_cap;

  w = handshake_writer ("bulk10k.pcap", &path);
  ts = T0 + 30 * MS;
  for (i = 0; i < BULK10K_PAIRS; i++)
    {
      HsTestSegment data = { SRV, seq, 1001, ACK, 509, 1000 };
      HsTestSegment ack = { CLI, 1001, seq + 1000, ACK, 502, 0 };

      hs_test_writer_segment (w, ts, &data);
      hs_test_writer_segment (w, ts + 100 * US, &ack);
      ts += 200 * US;
      if (i == BULK10K_RESENT)
        hs_test_writer_segment (w, ts - 50 * US, &data);
      seq += 1000;
    }
  {
    HsTestSegment fin1 = { CLI, 1001, seq, FIN | ACK, 502, 0 };
    HsTestSegment ack1 = { SRV, seq, 1002, ACK, 509, 0 };
    HsTestSegment fin2 = { SRV, seq, 1002, FIN | ACK, 509, 0 };
    HsTestSegment ack2 = { CLI, 1002, seq + 1, ACK, 502, 0 };

    hs_test_writer_segment (w, ts + 10 * MS, &fin1);
    hs_test_writer_segment (w, ts + 30 * MS, &ack1);
    hs_test_writer_segment (w, ts + 31 * MS, &fin2);
    hs_test_writer_segment (w, ts + 32 * MS, &ack2);
  }
  hs_test_writer_close (w);

  bulk10k_cap = hs_test_load (path);
  g_assert_cmpuint (hs_capture_get_n_packets (bulk10k_cap), ==, 3 + 2 * BULK10K_PAIRS + 1 + 4);
  return bulk10k_cap;
}

static HsCapture *
sample_capture (void)
{
  static HsCapture *sample;

  if (sample == NULL)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                     "sample.pcapng", NULL);

      sample = hs_test_load (path);
    }
  return sample;
}

/* ------------------------------------------------------------------------ */
/* 1. Geometry                                                               */

static void
test_geometry (void)
{
  HsCapture *capture = story_capture ();
  HsLadderLayout *layout = hs_ladder_layout_new (capture, 0);
  const HsLadderColumns *cols;
  double h;
  guint n;
  guint i;

  n = hs_ladder_layout_get_n_packets (layout);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (story));
  g_assert_cmpuint (hs_ladder_layout_get_n_rows (layout), ==, n);
  g_assert_cmpfloat (hs_ladder_layout_get_row_height (layout), ==, HS_LADDER_ROW_HEIGHT);

  cols = hs_ladder_layout_get_columns (layout);
  g_assert_cmpfloat (cols->width, ==, 1000);
  g_assert_cmpfloat (cols->gutter, <, cols->lifeline[0]);
  g_assert_cmpfloat (cols->lifeline[0], <, cols->lifeline[1]);
  g_assert_cmpfloat (cols->lifeline[1], <, cols->badge);
  g_assert_cmpfloat (cols->badge, <, cols->width);

  /* evenly spaced rows, arrows from the sender to the receiver, downwards */
  for (i = 0; i < n; i++)
    {
      const HsLadderRow *row = hs_ladder_layout_get_row (layout, i);
      guint dir = hs_capture_get_record (capture, hs_ladder_layout_get_frame (layout, i))->direction;
      double x0, y0, x1, y1;

      g_assert_cmpuint (row->first, ==, i);
      g_assert_cmpuint (row->n, ==, 1);
      g_assert_cmpuint (row->kind, ==, HS_LADDER_ROW_PACKET);
      g_assert_false (row->gap_before);
      g_assert_cmpfloat_with_epsilon (row->y, i * HS_LADDER_ROW_HEIGHT, 1e-9);

      hs_ladder_layout_get_arrow (layout, i, &x0, &y0, &x1, &y1);
      g_assert_cmpuint (dir, ==, story[i].seg.sport == 80 ? 1 : 0);
      if (dir == 0)
        {
          g_assert_cmpfloat (x0, ==, cols->lifeline[0]);
          g_assert_cmpfloat (x1, ==, cols->lifeline[1]);
        }
      else
        {
          g_assert_cmpfloat (x0, ==, cols->lifeline[1]);
          g_assert_cmpfloat (x1, ==, cols->lifeline[0]);
        }
      g_assert_cmpfloat (y1, >, y0);
      g_assert_cmpfloat (y0, >=, row->y);
      g_assert_cmpfloat (y1, <=, row->y + HS_LADDER_ROW_HEIGHT);
    }
  g_assert_cmpfloat (hs_ladder_layout_get_height (layout), ==, n * HS_LADDER_ROW_HEIGHT);

  /* zoom */
  g_assert_true (hs_ladder_layout_set_zoom (layout, 2.0));
  g_assert_false (hs_ladder_layout_set_zoom (layout, 2.0));
  h = hs_ladder_layout_get_row_height (layout);
  g_assert_cmpfloat (h, ==, 2 * HS_LADDER_ROW_HEIGHT);
  g_assert_cmpfloat (hs_ladder_layout_get_row (layout, 7)->y, ==, 7 * h);
  g_assert_cmpfloat (hs_ladder_layout_get_height (layout), ==, n * h);
  g_assert_true (hs_ladder_layout_set_zoom (layout, 100));
  g_assert_cmpfloat (hs_ladder_layout_get_zoom (layout), ==, HS_LADDER_MAX_ZOOM);
  g_assert_true (hs_ladder_layout_set_zoom (layout, 0.01));
  g_assert_cmpfloat (hs_ladder_layout_get_zoom (layout), ==, HS_LADDER_MIN_ZOOM);
  g_assert_true (hs_ladder_layout_set_zoom (layout, 1.0));

  /* width */
  g_assert_true (hs_ladder_layout_set_width (layout, 100));
  g_assert_cmpfloat (cols->width, ==, HS_LADDER_MIN_WIDTH);
  g_assert_cmpfloat (cols->lifeline[1], <, cols->badge);
  g_assert_false (hs_ladder_layout_set_width (layout, 10));
  g_assert_true (hs_ladder_layout_set_width (layout, 1600));
  g_assert_cmpfloat (cols->width, ==, 1600);
  g_assert_cmpfloat (cols->lifeline[1], <, cols->badge);

  /* hits: on an arrow, near it, across the width, far away */
  for (i = 0; i < n; i++)
    {
      double x0, y0, x1, y1;

      hs_ladder_layout_get_arrow (layout, i, &x0, &y0, &x1, &y1);
      g_assert_cmpuint (hs_ladder_layout_hit (layout, (x0 + x1) / 2, (y0 + y1) / 2), ==, i);
      g_assert_cmpuint (hs_ladder_layout_hit (layout, x0, y0 - 5), ==, i);
      g_assert_cmpuint (hs_ladder_layout_hit (layout, 5, (y0 + y1) / 2), ==, i);
      g_assert_cmpuint (hs_ladder_layout_hit (layout, cols->width - 5, (y0 + y1) / 2), ==, i);
    }
  g_assert_cmpuint (hs_ladder_layout_hit (layout, 500, hs_ladder_layout_get_height (layout) + 500),
                    ==, HS_LADDER_NO_POS);
  g_assert_cmpuint (hs_ladder_layout_hit (layout, 500, -300), ==, HS_LADDER_NO_POS);
  g_assert_cmpuint (hs_ladder_layout_hit (layout, -10, 20), ==, HS_LADDER_NO_POS);
  g_assert_cmpuint (hs_ladder_layout_hit (layout, cols->width + 10, 20), ==, HS_LADDER_NO_POS);

  /* names */
  g_assert_cmpstr (hs_ladder_layout_get_endpoint_name (layout, 0), ==, "10.0.0.1:40000");
  g_assert_cmpstr (hs_ladder_layout_get_endpoint_name (layout, 1), ==, "10.0.0.2:80");
  hs_ladder_layout_set_endpoint_name (layout, 1, "web server");
  g_assert_cmpstr (hs_ladder_layout_get_endpoint_name (layout, 1), ==, "web server");
  hs_ladder_layout_set_endpoint_name (layout, 1, NULL);
  g_assert_cmpstr (hs_ladder_layout_get_endpoint_name (layout, 1), ==, "10.0.0.2:80");

  g_assert_true (hs_ladder_layout_get_capture (layout) == capture);
  g_assert_cmpuint (hs_ladder_layout_get_stream (layout), ==, 0);

  hs_ladder_layout_free (layout);
}

/* ------------------------------------------------------------------------ */
/* 2. Visible range, lookups                                                 */

static void
check_visible (HsLadderLayout *layout,
               double          y0,
               double          y1)
{
  double h = hs_ladder_layout_get_row_height (layout);
  guint n = hs_ladder_layout_get_n_rows (layout);
  guint first = 0, last = 0;
  guint want_first = G_MAXUINT, want_last = G_MAXUINT;
  gboolean any;
  guint i;

  for (i = 0; i < n; i++)
    {
      const HsLadderRow *row = hs_ladder_layout_get_row (layout, i);

      if (row->y <= y1 && row->y + h > y0)
        {
          if (want_first == G_MAXUINT)
            want_first = i;
          want_last = i;
        }
    }

  any = hs_ladder_layout_visible_rows (layout, y0, y1, &first, &last);
  if (want_first == G_MAXUINT)
    {
      g_assert_false (any);
      return;
    }

  g_assert_true (any);
  g_assert_cmpuint (first, ==, want_first);
  g_assert_cmpuint (last, ==, want_last);
}

static void
check_row_at_y (HsLadderLayout *layout,
                double          y)
{
  guint n = hs_ladder_layout_get_n_rows (layout);
  guint want = 0;
  guint i;

  for (i = 0; i < n; i++)
    {
      if (hs_ladder_layout_get_row (layout, i)->y <= y)
        want = i;
    }
  g_assert_cmpuint (hs_ladder_layout_row_at_y (layout, y), ==, want);
}

static void
check_lookups (HsLadderLayout *layout)
{
  double height = hs_ladder_layout_get_height (layout);
  double h = hs_ladder_layout_get_row_height (layout);
  double windows[][2] = {
    { -100, -1 }, { -100, 0 }, { 0, 0 }, { 0, 1 }, { 10, 100 }, { h - 0.5, h },
    { h, h }, { 3 * h + 1, 7 * h - 1 }, { height / 3, height / 2 }, { height - 1, height + 100 },
    { height, height + 100 }, { height + 1, height + 1000 }, { -1000, height + 1000 },
  };
  guint i;

  guint range_first, range_last;
  guint pos;

  /* the rows, top to bottom, show the range's positions in order, each
   * once, and a position's row is the one that shows it */
  hs_ladder_layout_get_range (layout, &range_first, &range_last);
  pos = range_first;
  for (i = 0; i < hs_ladder_layout_get_n_rows (layout); i++)
    {
      const HsLadderRow *row = hs_ladder_layout_get_row (layout, i);
      guint k;

      g_assert_cmpuint (row->first, ==, pos);
      g_assert_cmpuint (row->n, >=, 1);
      g_assert_true (row->n == 1 || row->kind != HS_LADDER_ROW_PACKET);
      if (i > 0)
        g_assert_cmpfloat (row->y, >, hs_ladder_layout_get_row (layout, i - 1)->y);
      for (k = 0; k < row->n; k++)
        g_assert_cmpuint (hs_ladder_layout_row_for_pos (layout, pos + k), ==, i);
      pos += row->n;
    }
  g_assert_cmpuint (pos, ==, range_last + 1);

  for (i = 0; i < G_N_ELEMENTS (windows); i++)
    check_visible (layout, windows[i][0], windows[i][1]);
  for (i = 0; i < 200; i++)
    {
      double y0 = g_test_rand_double_range (-50, height + 50);
      double y1 = y0 + g_test_rand_double_range (0, height / 4);

      check_visible (layout, y0, y1);
      check_row_at_y (layout, y0);
    }
  check_row_at_y (layout, -10);
  check_row_at_y (layout, 0);
  check_row_at_y (layout, height + 10);
}

static void
test_visible (void)
{
  HsCapture *capture = story_capture ();
  HsLadderLayout *layout = hs_ladder_layout_new (capture, 0);
  HsLadderLayout *bulk;
  HsLadderLayout *refused;
  guint n_rows;
  guint pos;

  check_lookups (layout);
  hs_ladder_layout_set_zoom (layout, 0.5);
  check_lookups (layout);
  hs_ladder_layout_set_mode (layout, HS_LADDER_TIME_TRUE);
  check_lookups (layout);
  hs_ladder_layout_set_zoom (layout, 3);
  check_lookups (layout);

  /* in packet order, one row per position, the frame a position's own */
  hs_ladder_layout_set_mode (layout, HS_LADDER_PACKET_ORDER);
  for (pos = 0; pos < hs_ladder_layout_get_n_packets (layout); pos++)
    {
      g_assert_cmpuint (hs_ladder_layout_row_for_pos (layout, pos), ==, pos);
      g_assert_cmpuint (hs_ladder_layout_find_frame (layout,
                                                     hs_ladder_layout_get_frame (layout, pos)),
                        ==, pos);
    }
  g_assert_cmpuint (hs_ladder_layout_row_for_pos (layout, 1000), ==, HS_LADDER_NO_POS);
  g_assert_cmpuint (hs_ladder_layout_find_frame (layout, 1000), ==, HS_LADDER_NO_POS);
  hs_ladder_layout_free (layout);

  /* a connection that does not start the capture: its frames are not 0.. */
  refused = hs_ladder_layout_new (sample_capture (), 1);
  g_assert_cmpuint (hs_ladder_layout_get_n_packets (refused), ==, 2);
  g_assert_cmpuint (hs_ladder_layout_get_frame (refused, 0), ==, 41);
  g_assert_cmpuint (hs_ladder_layout_get_frame (refused, 1), ==, 42);
  g_assert_cmpuint (hs_ladder_layout_find_frame (refused, 42), ==, 1);
  g_assert_cmpuint (hs_ladder_layout_find_frame (refused, 0), ==, HS_LADDER_NO_POS);
  g_assert_cmpuint (hs_ladder_layout_find_frame (refused, 40), ==, HS_LADDER_NO_POS);
  hs_ladder_layout_free (refused);

  /* collapsed rows: every position maps to the row that shows it */
  bulk = hs_ladder_layout_new (bulk_capture (), 0);
  hs_ladder_layout_set_collapse (bulk, TRUE);
  n_rows = hs_ladder_layout_get_n_rows (bulk);
  g_assert_cmpuint (n_rows, <, hs_ladder_layout_get_n_packets (bulk));
  for (pos = 0; pos < hs_ladder_layout_get_n_packets (bulk); pos++)
    {
      guint row = hs_ladder_layout_row_for_pos (bulk, pos);
      const HsLadderRow *r;

      g_assert_cmpuint (row, <, n_rows);
      r = hs_ladder_layout_get_row (bulk, row);
      g_assert_cmpuint (r->first, <=, pos);
      g_assert_cmpuint (pos, <, r->first + r->n);
    }
  check_lookups (bulk);
  hs_ladder_layout_set_mode (bulk, HS_LADDER_TIME_TRUE);
  check_lookups (bulk);

  /* a range */
  hs_ladder_layout_set_collapse (bulk, FALSE);
  hs_ladder_layout_set_mode (bulk, HS_LADDER_PACKET_ORDER);
  g_assert_true (hs_ladder_layout_set_range (bulk, 10, 19));
  g_assert_cmpuint (hs_ladder_layout_get_n_rows (bulk), ==, 10);
  g_assert_cmpuint (hs_ladder_layout_row_for_pos (bulk, 9), ==, HS_LADDER_NO_POS);
  g_assert_cmpuint (hs_ladder_layout_row_for_pos (bulk, 10), ==, 0);
  g_assert_cmpuint (hs_ladder_layout_row_for_pos (bulk, 19), ==, 9);
  g_assert_cmpuint (hs_ladder_layout_row_for_pos (bulk, 20), ==, HS_LADDER_NO_POS);
  g_assert_cmpfloat (hs_ladder_layout_get_row (bulk, 0)->y, ==, 0);
  g_assert_true (hs_ladder_layout_set_range (bulk, 0, G_MAXUINT));
  g_assert_cmpuint (hs_ladder_layout_get_n_rows (bulk), ==, hs_ladder_layout_get_n_packets (bulk));
  hs_ladder_layout_free (bulk);
}

/* ------------------------------------------------------------------------ */
/* 3. Phases and states                                                      */

static void
assert_phase (HsLadderLayout    *layout,
              guint              i,
              HsLadderPhaseKind  kind,
              guint              first,
              guint              last)
{
  const HsLadderPhase *phase = hs_ladder_layout_get_phase (layout, i);

  g_assert_cmpint (phase->kind, ==, kind);
  g_assert_cmpuint (phase->first, ==, first);
  g_assert_cmpuint (phase->last, ==, last);
}

static void
assert_state (HsLadderLayout *layout,
              guint           pos,
              guint           side,
              HsTcpState      state,
              gboolean        changed)
{
  gboolean c = !changed;

  g_assert_cmpstr (hs_tcp_state_to_string (hs_ladder_layout_get_state (layout, pos, side, &c)),
                   ==, hs_tcp_state_to_string (state));
  g_assert_cmpint (c, ==, changed);
}

static void
test_phases (void)
{
  HsLadderLayout *layout = hs_ladder_layout_new (story_capture (), 0);
  HsLadderLayout *l3;
  HsLadderLayout *lr;
  HsLadderLayout *lm;
  guint pos;
  guint n_changes = 0;

  g_assert_cmpuint (hs_ladder_layout_get_n_phases (layout), ==, 3);
  assert_phase (layout, 0, HS_LADDER_PHASE_HANDSHAKE, 0, 2);
  assert_phase (layout, 1, HS_LADDER_PHASE_DATA, 3, 16);
  assert_phase (layout, 2, HS_LADDER_PHASE_TEARDOWN, 17, 20);
  g_assert_cmpint (hs_ladder_layout_get_phase (layout, 2)->teardown, ==, HS_LADDER_TEARDOWN_FOUR);

  /* states along the lifelines: client on the left */
  assert_state (layout, 0, 0, HS_TCP_STATE_SYN_SENT, TRUE);
  assert_state (layout, 0, 1, HS_TCP_STATE_UNKNOWN, FALSE);
  assert_state (layout, 1, 1, HS_TCP_STATE_SYN_RECEIVED, TRUE);
  assert_state (layout, 1, 0, HS_TCP_STATE_ESTABLISHED, TRUE);
  assert_state (layout, 2, 1, HS_TCP_STATE_ESTABLISHED, TRUE);
  assert_state (layout, 2, 0, HS_TCP_STATE_ESTABLISHED, FALSE);
  assert_state (layout, 3, 0, HS_TCP_STATE_ESTABLISHED, FALSE);
  assert_state (layout, 17, 0, HS_TCP_STATE_FIN_WAIT_1, TRUE);
  assert_state (layout, 17, 1, HS_TCP_STATE_CLOSE_WAIT, TRUE);
  assert_state (layout, 18, 0, HS_TCP_STATE_FIN_WAIT_2, TRUE);
  assert_state (layout, 18, 1, HS_TCP_STATE_CLOSE_WAIT, FALSE);
  assert_state (layout, 19, 0, HS_TCP_STATE_TIME_WAIT, TRUE);
  assert_state (layout, 19, 1, HS_TCP_STATE_LAST_ACK, TRUE);
  assert_state (layout, 20, 1, HS_TCP_STATE_CLOSED, TRUE);
  assert_state (layout, 20, 0, HS_TCP_STATE_TIME_WAIT, FALSE);

  /* changed only where it changes: nothing during the data */
  for (pos = 0; pos < hs_ladder_layout_get_n_packets (layout); pos++)
    {
      guint side;

      for (side = 0; side < 2; side++)
        {
          gboolean changed;
          HsTcpState now = hs_ladder_layout_get_state (layout, pos, side, &changed);
          HsTcpState before = pos > 0 ? hs_ladder_layout_get_state (layout, pos - 1, side, NULL)
                                      : HS_TCP_STATE_UNKNOWN;

          g_assert_cmpint (changed, ==, now != before);
          if (changed)
            n_changes++;
          if (pos >= 3 && pos <= 16)
            g_assert_false (changed);
        }
    }
  g_assert_cmpuint (n_changes, ==, 10);
  hs_ladder_layout_free (layout);

  /* the server's ACK rides on its FIN */
  if (three_cap == NULL)
    three_cap = write_and_load ("three.pcap", three, G_N_ELEMENTS (three));
  l3 = hs_ladder_layout_new (three_cap, 0);
  g_assert_cmpuint (hs_ladder_layout_get_n_phases (l3), ==, 3);
  assert_phase (l3, 0, HS_LADDER_PHASE_HANDSHAKE, 0, 2);
  assert_phase (l3, 1, HS_LADDER_PHASE_DATA, 3, 4);
  assert_phase (l3, 2, HS_LADDER_PHASE_TEARDOWN, 5, 7);
  g_assert_cmpint (hs_ladder_layout_get_phase (l3, 2)->teardown, ==, HS_LADDER_TEARDOWN_THREE);
  hs_ladder_layout_free (l3);

  /* reset */
  if (reset_cap == NULL)
    reset_cap = write_and_load ("reset.pcap", reset, G_N_ELEMENTS (reset));
  lr = hs_ladder_layout_new (reset_cap, 0);
  g_assert_cmpuint (hs_ladder_layout_get_n_phases (lr), ==, 3);
  assert_phase (lr, 2, HS_LADDER_PHASE_TEARDOWN, 5, 5);
  g_assert_cmpint (hs_ladder_layout_get_phase (lr, 2)->teardown, ==, HS_LADDER_TEARDOWN_RESET);
  assert_state (lr, 5, 0, HS_TCP_STATE_CLOSED, TRUE);
  hs_ladder_layout_free (lr);

  /* the sample's refused connection: SYN answered by RST */
  lr = hs_ladder_layout_new (sample_capture (), 1);
  g_assert_cmpuint (hs_ladder_layout_get_n_phases (lr), ==, 2);
  assert_phase (lr, 0, HS_LADDER_PHASE_HANDSHAKE, 0, 0);
  assert_phase (lr, 1, HS_LADDER_PHASE_TEARDOWN, 1, 1);
  g_assert_cmpint (hs_ladder_layout_get_phase (lr, 1)->teardown, ==, HS_LADDER_TEARDOWN_RESET);
  hs_ladder_layout_free (lr);

  /* and its first one closes with FIN, FIN+ACK, ACK */
  lr = hs_ladder_layout_new (sample_capture (), 0);
  g_assert_cmpuint (hs_ladder_layout_get_n_phases (lr), ==, 3);
  assert_phase (lr, 0, HS_LADDER_PHASE_HANDSHAKE, 0, 2);
  assert_phase (lr, 2, HS_LADDER_PHASE_TEARDOWN, 38, 40);
  g_assert_cmpint (hs_ladder_layout_get_phase (lr, 2)->teardown, ==, HS_LADDER_TEARDOWN_THREE);
  hs_ladder_layout_free (lr);

  /* picked up mid-stream and never closed: no phases */
  if (midstream_cap == NULL)
    midstream_cap = write_and_load ("midstream.pcap", midstream, G_N_ELEMENTS (midstream));
  lm = hs_ladder_layout_new (midstream_cap, 0);
  g_assert_cmpuint (hs_ladder_layout_get_n_phases (lm), ==, 0);
  g_assert_cmpuint (hs_ladder_layout_get_n_rows (lm), ==, 4);
  hs_ladder_layout_free (lm);
}

/* ------------------------------------------------------------------------ */
/* 4. Collapsing                                                             */

static void
test_collapse (void)
{
  HsCapture *capture = bulk_capture ();
  HsLadderLayout *layout = hs_ladder_layout_new (capture, 0);
  guint n = hs_ladder_layout_get_n_packets (layout);
  /* positions: 0-2 handshake, 3 .. 3 + 2 * 21 - 1 data and ACKs up to the
   * resent segment, which comes after the 21st ACK */
  guint resent = 3 + 2 * (BULK_RESENT + 1);
  guint fin = n - 4;
  const HsLadderRow *row;
  g_autofree char *summary = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *size = NULL;
  guint i;

  g_assert_cmpuint (n, ==, 3 + 2 * BULK_PAIRS + 1 + 4);
  g_assert_true (hs_packet_record_is_anomaly (
    hs_capture_get_record (capture, hs_ladder_layout_get_frame (layout, resent))));
  g_assert_false (hs_ladder_layout_get_collapse (layout));
  g_assert_false (hs_ladder_layout_toggle_run (layout, 5));

  g_assert_true (hs_ladder_layout_set_collapse (layout, TRUE));
  g_assert_false (hs_ladder_layout_set_collapse (layout, TRUE));

  /* handshake rows, a run, the resent segment alone, a run, the close */
  g_assert_cmpuint (hs_ladder_layout_get_n_rows (layout), ==, 3 + 1 + 1 + 1 + 4);
  for (i = 0; i < 3; i++)
    g_assert_cmpuint (hs_ladder_layout_get_row (layout, i)->kind, ==, HS_LADDER_ROW_PACKET);

  row = hs_ladder_layout_get_row (layout, 3);
  g_assert_cmpuint (row->kind, ==, HS_LADDER_ROW_COLLAPSED);
  g_assert_cmpuint (row->first, ==, 3);
  g_assert_cmpuint (row->n, ==, resent - 3);

  row = hs_ladder_layout_get_row (layout, 4);
  g_assert_cmpuint (row->kind, ==, HS_LADDER_ROW_PACKET);
  g_assert_cmpuint (row->first, ==, resent);

  row = hs_ladder_layout_get_row (layout, 5);
  g_assert_cmpuint (row->kind, ==, HS_LADDER_ROW_COLLAPSED);
  g_assert_cmpuint (row->first, ==, resent + 1);
  g_assert_cmpuint (row->n, ==, fin - resent - 1);
  g_assert_cmpuint (hs_ladder_layout_get_row (layout, 6)->first, ==, fin);

  /* rows stay evenly spaced, a collapsed row one row tall */
  for (i = 0; i < hs_ladder_layout_get_n_rows (layout); i++)
    g_assert_cmpfloat (hs_ladder_layout_get_row (layout, i)->y, ==, i * HS_LADDER_ROW_HEIGHT);

  /* "42 segments, 21.0 kB": 21 data segments of 1000 bytes and 21 ACKs */
  summary = hs_ladder_layout_dup_run_summary (layout, 3);
  size = g_format_size (1000 * (BULK_RESENT + 1));
  expected = g_strdup_printf ("%u segments, %s", resent - 3, size);
  g_assert_cmpstr (summary, ==, expected);
  g_assert_null (hs_ladder_layout_dup_run_summary (layout, 4));

  /* the summary bar is the row's arrow, between the lifelines */
  {
    const HsLadderColumns *cols = hs_ladder_layout_get_columns (layout);
    double x0, y0, x1, y1;

    hs_ladder_layout_get_arrow (layout, 3, &x0, &y0, &x1, &y1);
    g_assert_cmpfloat (x0, ==, cols->lifeline[0]);
    g_assert_cmpfloat (x1, ==, cols->lifeline[1]);
    g_assert_cmpfloat (y1, >, y0);
    g_assert_cmpuint (hs_ladder_layout_hit (layout, 500, (y0 + y1) / 2), ==, 3);
  }

  /* expand the first run, collapse it again from one of its rows */
  g_assert_false (hs_ladder_layout_toggle_run (layout, 4));
  g_assert_true (hs_ladder_layout_toggle_run (layout, 3));
  g_assert_cmpuint (hs_ladder_layout_get_n_rows (layout), ==, 3 + (resent - 3) + 1 + 1 + 4);
  row = hs_ladder_layout_get_row (layout, 10);
  g_assert_cmpuint (row->kind, ==, HS_LADDER_ROW_PACKET);
  g_assert_cmpuint (row->first, ==, 10);
  g_assert_cmpuint (hs_ladder_layout_row_for_pos (layout, resent + 3), ==, resent + 1);

  /* the handshake rows are not part of a run */
  g_assert_false (hs_ladder_layout_toggle_run (layout, 1));
  g_assert_true (hs_ladder_layout_toggle_run (layout, 10));
  g_assert_cmpuint (hs_ladder_layout_get_n_rows (layout), ==, 10);
  g_assert_cmpuint (hs_ladder_layout_get_row (layout, 3)->kind, ==, HS_LADDER_ROW_COLLAPSED);

  /* an expanded run stays expanded while collapsing is on */
  g_assert_true (hs_ladder_layout_toggle_run (layout, 5));
  g_assert_cmpuint (hs_ladder_layout_get_n_rows (layout), ==, 10 - 1 + (fin - resent - 1));
  hs_ladder_layout_set_zoom (layout, 2);
  hs_ladder_layout_set_mode (layout, HS_LADDER_TIME_TRUE);
  hs_ladder_layout_set_mode (layout, HS_LADDER_PACKET_ORDER);
  g_assert_cmpuint (hs_ladder_layout_get_n_rows (layout), ==, 10 - 1 + (fin - resent - 1));

  /* and is collapsed again after collapsing is turned off and on */
  g_assert_true (hs_ladder_layout_set_collapse (layout, FALSE));
  g_assert_cmpuint (hs_ladder_layout_get_n_rows (layout), ==, n);
  g_assert_true (hs_ladder_layout_set_collapse (layout, TRUE));
  g_assert_cmpuint (hs_ladder_layout_get_n_rows (layout), ==, 10);

  /* anomalies never collapse: every anomaly has a packet row of its own */
  {
    const guint32 *anomalies;
    guint n_anomalies;

    anomalies = hs_ladder_layout_get_anomalies (layout, &n_anomalies);
    g_assert_cmpuint (n_anomalies, >=, 1);
    for (i = 0; i < n_anomalies; i++)
      {
        guint r = hs_ladder_layout_row_for_pos (layout, anomalies[i]);

        g_assert_cmpuint (hs_ladder_layout_get_row (layout, r)->kind, ==, HS_LADDER_ROW_PACKET);
      }
  }

  hs_ladder_layout_free (layout);

  /* the story has no run long enough */
  layout = hs_ladder_layout_new (story_capture (), 0);
  hs_ladder_layout_set_collapse (layout, TRUE);
  g_assert_cmpuint (hs_ladder_layout_get_n_rows (layout), ==, G_N_ELEMENTS (story));
  hs_ladder_layout_free (layout);
}

/* The first FIN after a collapsed run: a packet row of its own, and its
 * label painted (the SVG carries the labels as text), in both spacings.
 * The data phase ends with the run, so the phase's caption goes under the
 * run's bar, where it must leave the FIN's label its place. */
static void
test_collapse_label_after_run (void)
{
  HsCapture *capture = bulk_capture ();
  HsLadderLayout *layout = hs_ladder_layout_new (capture, 0);
  guint fin = hs_ladder_layout_get_n_packets (layout) - 4;
  g_autofree char *path = tmp_path ("bulk-collapsed.svg");
  HsLadderExportOptions options;
  guint modes[] = { HS_LADDER_PACKET_ORDER, HS_LADDER_TIME_TRUE };
  guint row;
  guint m;

  g_assert_true (hs_capture_get_record (capture, hs_ladder_layout_get_frame (layout, fin))->
                 tcp_flags & FIN);
  hs_ladder_layout_set_collapse (layout, TRUE);
  row = hs_ladder_layout_row_for_pos (layout, fin);
  g_assert_cmpuint (hs_ladder_layout_get_row (layout, row - 1)->kind, ==,
                    HS_LADDER_ROW_COLLAPSED);
  g_assert_cmpuint (hs_ladder_layout_get_row (layout, row - 1)->first +
                    hs_ladder_layout_get_row (layout, row - 1)->n, ==, fin);
  g_assert_cmpuint (hs_ladder_layout_get_row (layout, row)->kind, ==, HS_LADDER_ROW_PACKET);
  g_assert_cmpuint (hs_ladder_layout_get_row (layout, row)->first, ==, fin);
  g_assert_cmpuint (hs_ladder_layout_get_row (layout, row)->n, ==, 1);

  for (m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *svg = NULL;
      g_autofree char *text = NULL;
      g_autofree char *caption = g_strdup_printf (">%s</text>", "Data transfer");
      g_autofree char *size = g_format_size (1000 * (BULK_PAIRS - BULK_RESENT - 1));
      g_autofree char *summary = g_strdup_printf (">%u segments, %s</text>",
                                                  2 * (BULK_PAIRS - BULK_RESENT - 1), size);

      hs_ladder_export_options_init (&options);
      options.collapse = TRUE;
      options.mode = modes[m];
      g_assert_true (hs_ladder_export (capture, 0, &options, path, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &svg, NULL, &error));
      g_assert_no_error (error);

      /* the run and the FIN, each with its text */
      g_assert_nonnull (strstr (svg, summary));
      text = g_markup_printf_escaped (">%s</text>", hs_ladder_layout_get_label (layout, fin));
      g_test_message ("%s: %s", modes[m] == HS_LADDER_TIME_TRUE ? "time-true" : "packet order",
                      text);
      g_assert_nonnull (strstr (svg, text));
      g_assert_nonnull (strstr (svg, ">#85</text>"));
      /* and the caption of the phase that ends with the run, in packet order */
      if (modes[m] == HS_LADDER_PACKET_ORDER)
        g_assert_nonnull (strstr (svg, caption));
    }

  hs_ladder_layout_free (layout);
}

/* ------------------------------------------------------------------------ */
/* 5. Time-true spacing                                                      */

/* What time-true spacing promises between row i - 1 and row i (not after
 * a compressed gap): the time between their first packets at the scale,
 * but at least the floor (and the room of a phase caption where a phase
 * begins).  Returns that distance in time, in ns. */
static gint64
check_time_spacing (HsLadderLayout *layout,
                    guint           i,
                    double          px_per_ms)
{
  const HsLadderRow *row = hs_ladder_layout_get_row (layout, i);
  const HsLadderRow *prev = hs_ladder_layout_get_row (layout, i - 1);
  double floor = hs_ladder_layout_get_row_floor (layout);
  double dy = row->y - prev->y;
  gint64 dt = _hs_ladder_layout_get_record (layout, row->first)->ts_ns -
              _hs_ladder_layout_get_record (layout, prev->first)->ts_ns;
  double by_time = dt / (double) MS * px_per_ms;
  gboolean phase_start = FALSE;
  guint k;

  for (k = 1; k < hs_ladder_layout_get_n_phases (layout); k++)
    phase_start |= hs_ladder_layout_get_phase (layout, k)->first == row->first;

  g_assert_cmpfloat (dy, >=, floor - 1e-9);
  if (by_time > floor + (phase_start ? 0.35 * hs_ladder_layout_get_row_height (layout) : 0))
    g_assert_cmpfloat_with_epsilon (dy, by_time, 1e-6);
  else
    g_assert_cmpfloat (dy, <=, floor + 0.35 * hs_ladder_layout_get_row_height (layout) + 1e-6);
  return dt;
}

static void
test_time_true (void)
{
  HsCapture *capture = story_capture ();
  HsLadderLayout *layout = hs_ladder_layout_new (capture, 0);
  guint n_packets = hs_ladder_layout_get_n_packets (layout);
  double h = HS_LADDER_ROW_HEIGHT;
  double px_per_ms = HS_LADDER_ROW_HEIGHT / 20.0;
  guint n_by_time = 0;
  guint n_gaps = 0;
  guint n;
  guint i;

  g_assert_true (hs_ladder_layout_set_mode (layout, HS_LADDER_TIME_TRUE));
  g_assert_false (hs_ladder_layout_set_mode (layout, HS_LADDER_TIME_TRUE));
  g_assert_cmpint (hs_ladder_layout_get_mode (layout), ==, HS_LADDER_TIME_TRUE);
  n = hs_ladder_layout_get_n_rows (layout);
  g_assert_cmpfloat (hs_ladder_layout_get_row_floor (layout), >=, 0.6 * h);
  g_assert_cmpfloat (hs_ladder_layout_get_row_height (layout), ==, h);

  /* the scale: the gaps would add up to a row per packet at about 3.5
   * px/ms, but a round trip (20 ms) gets at most a row: 2 px/ms, and the
   * rows are that far apart by time, or the floor apart, or a compressed
   * gap apart: every gap of 60 ms and more (three rows) is, and so is the
   * 4.1 s before the close */
  g_assert_cmpfloat (hs_ladder_layout_get_row (layout, 0)->y, ==, 0);
  for (i = 1; i < n; i++)
    {
      const HsLadderRow *row = hs_ladder_layout_get_row (layout, i);
      const HsLadderRow *prev = hs_ladder_layout_get_row (layout, i - 1);

      if (row->gap_before)
        {
          g_assert_cmpfloat_with_epsilon (row->y - prev->y, HS_LADDER_GAP_CAP * h, 1e-6);
          g_assert_cmpint (_hs_ladder_layout_get_idle_before (layout, i), >=, 60 * MS);
          n_gaps++;
          continue;
        }

      g_assert_cmpint (_hs_ladder_layout_get_idle_before (layout, i), <, 60 * MS);
      check_time_spacing (layout, i, px_per_ms);
    }
  g_assert_cmpuint (n_gaps, ==, 4);
  i = hs_ladder_layout_row_for_pos (layout, 17);
  g_assert_true (hs_ladder_layout_get_row (layout, i)->gap_before);
  g_assert_cmpint (_hs_ladder_layout_get_idle_before (layout, i), ==, 4100 * MS);

  /* the handshake's packets, the anomalies and the close have rows of
   * their own; ordinary packets closer than the floor share one: the
   * server's ACK and data 1 ms apart (positions 5 and 6) */
  for (i = 0; i < n_packets; i++)
    {
      const HsLadderRow *row = hs_ladder_layout_get_row (layout,
                                                         hs_ladder_layout_row_for_pos (layout, i));

      if (i == 5 || i == 6)
        {
          g_assert_cmpuint (row->kind, ==, HS_LADDER_ROW_BUNDLE);
          g_assert_cmpuint (row->first, ==, 5);
          g_assert_cmpuint (row->n, ==, 2);
        }
      else if (i <= 4 || i == 7 || i >= 9)
        g_assert_cmpuint (row->kind, ==, HS_LADDER_ROW_PACKET);
    }
  {
    g_autofree char *summary = NULL;
    g_autofree char *size = g_format_size (1000);

    summary = hs_ladder_layout_dup_run_summary (layout, hs_ladder_layout_row_for_pos (layout, 5));
    g_assert_true (g_str_has_prefix (summary, "2 packets in 1.0"));
    g_assert_true (g_str_has_suffix (summary, size));
  }
  g_assert_cmpfloat (hs_ladder_layout_get_height (layout), ==,
                     hs_ladder_layout_get_row (layout, n - 1)->y + h);

  /* mid-stream, without a round trip to go by, the gaps fill a row per
   * packet: three of 1 ms, 40 px each */
  {
    HsLadderLayout *lm;

    if (midstream_cap == NULL)
      midstream_cap = write_and_load ("midstream.pcap", midstream, G_N_ELEMENTS (midstream));
    lm = hs_ladder_layout_new (midstream_cap, 0);
    hs_ladder_layout_set_mode (lm, HS_LADDER_TIME_TRUE);
    g_assert_cmpuint (hs_ladder_layout_get_n_rows (lm), ==, 4);
    for (i = 0; i < 4; i++)
      g_assert_cmpfloat_with_epsilon (hs_ladder_layout_get_row (lm, i)->y, i * h, 1e-6);
    hs_ladder_layout_free (lm);
  }

  /* zooming spreads the time, not the rows: the same rules at 2.5 times
   * the scale, the rows the size they have at zoom 1; a gap is compressed
   * when it is longer than three rows at that scale (24 ms), to the same
   * height as before */
  hs_ladder_layout_set_zoom (layout, 2.5);
  g_assert_cmpfloat (hs_ladder_layout_get_row_height (layout), ==, h);
  g_assert_cmpuint (hs_ladder_layout_get_n_rows (layout), >=, n);
  n_gaps = 0;
  for (i = 1; i < hs_ladder_layout_get_n_rows (layout); i++)
    {
      const HsLadderRow *row = hs_ladder_layout_get_row (layout, i);

      if (row->gap_before)
        {
          g_assert_cmpfloat_with_epsilon (row->y - hs_ladder_layout_get_row (layout, i - 1)->y,
                                          HS_LADDER_GAP_CAP * h, 1e-6);
          g_assert_cmpint (_hs_ladder_layout_get_idle_before (layout, i), >, 24 * MS);
          n_gaps++;
        }
      else if (_hs_ladder_layout_get_idle_before (layout, i) > 24 * MS)
        g_error ("row %u: %" G_GINT64_FORMAT " ns idle, not compressed", i,
                 _hs_ladder_layout_get_idle_before (layout, i));
      else if (check_time_spacing (layout, i, 2.5 * px_per_ms) / (double) MS * 2.5 * px_per_ms >
               hs_ladder_layout_get_row_floor (layout) + 0.35 * h)
        n_by_time++;
    }
  /* (the story's 10 ms steps: 50 px) */
  g_assert_cmpuint (n_by_time, >=, 5);
  g_assert_cmpuint (n_gaps, ==, 4);
  g_assert_true (hs_ladder_layout_get_row (layout, hs_ladder_layout_row_for_pos (layout, 17))->
                 gap_before);

  /* back to packet order */
  g_assert_true (hs_ladder_layout_set_mode (layout, HS_LADDER_PACKET_ORDER));
  g_assert_cmpuint (hs_ladder_layout_get_n_rows (layout), ==, n_packets);
  for (i = 0; i < n_packets; i++)
    {
      g_assert_cmpfloat (hs_ladder_layout_get_row (layout, i)->y, ==, i * 2.5 * h);
      g_assert_false (hs_ladder_layout_get_row (layout, i)->gap_before);
      g_assert_cmpuint (hs_ladder_layout_get_row (layout, i)->kind, ==, HS_LADDER_ROW_PACKET);
    }

  hs_ladder_layout_free (layout);
}

/* What hs_ladder_paint() draws in a viewport of the layout (on a recording
 * surface: no pixels), as HsLadderItems. */
static GArray *
paint_items (HsLadderLayout *layout,
             double          scroll_y,
             double          height,
             guint           selected,
             guint           hover)
{
  GArray *items = g_array_new (FALSE, FALSE, sizeof (HsLadderItem));
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  HsLadderViewport viewport;

  hs_ladder_viewport_init (&viewport);
  viewport.scroll_y = scroll_y;
  viewport.height = height;
  viewport.selected_pos = selected;
  viewport.hover_pos = hover;
  _hs_ladder_paint_items (cr, layout, hs_palette_get (HS_PALETTE_LIGHT), &viewport, items);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return items;
}

static double
point_segment_distance (double px,
                        double py,
                        double x0,
                        double y0,
                        double x1,
                        double y1)
{
  double dx = x1 - x0;
  double dy = y1 - y0;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? CLAMP (((px - x0) * dx + (py - y0) * dy) / len2, 0, 1) : 0;

  return hypot (px - (x0 + t * dx), py - (y0 + t * dy));
}

static double
cross (double ax,
       double ay,
       double bx,
       double by)
{
  return ax * by - ay * bx;
}

/* The least distance between two arrows' lines (0 where they cross). */
static double
arrows_distance (const HsLadderItem *a,
                 const HsLadderItem *b)
{
  double d1 = cross (a->x1 - a->x0, a->y1 - a->y0, b->x0 - a->x0, b->y0 - a->y0);
  double d2 = cross (a->x1 - a->x0, a->y1 - a->y0, b->x1 - a->x0, b->y1 - a->y0);
  double d3 = cross (b->x1 - b->x0, b->y1 - b->y0, a->x0 - b->x0, a->y0 - b->y0);
  double d4 = cross (b->x1 - b->x0, b->y1 - b->y0, a->x1 - b->x0, a->y1 - b->y0);

  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
    return 0;

  return MIN (MIN (point_segment_distance (a->x0, a->y0, b->x0, b->y0, b->x1, b->y1),
                   point_segment_distance (a->x1, a->y1, b->x0, b->y0, b->x1, b->y1)),
              MIN (point_segment_distance (b->x0, b->y0, a->x0, a->y0, a->x1, a->y1),
                   point_segment_distance (b->x1, b->y1, a->x0, a->y0, a->x1, a->y1)));
}

/* Pairs of arrows whose strokes touch or overlap. */
static guint
count_arrow_overlaps (GArray *items)
{
  guint n = 0;
  guint i, j;

  for (i = 0; i < items->len; i++)
    {
      const HsLadderItem *a = &g_array_index (items, HsLadderItem, i);

      if (a->kind != HS_LADDER_ITEM_ARROW)
        continue;
      for (j = i + 1; j < items->len; j++)
        {
          const HsLadderItem *b = &g_array_index (items, HsLadderItem, j);

          if (b->kind == HS_LADDER_ITEM_ARROW &&
              arrows_distance (a, b) < (a->width + b->width) / 2)
            n++;
        }
    }

  return n;
}

static gboolean
boxes_overlap (const HsLadderItem *a,
               const HsLadderItem *b)
{
  /* half a pixel of antialiasing either way is not an overlap */
  return a->x0 < b->x1 - 0.5 && b->x0 < a->x1 - 0.5 && a->y0 < b->y1 - 0.5 && b->y0 < a->y1 - 0.5;
}

static gboolean
is_lane_text (const HsLadderItem *item)
{
  return item->kind == HS_LADDER_ITEM_LABEL || item->kind == HS_LADDER_ITEM_SUMMARY ||
         item->kind == HS_LADDER_ITEM_CAPTION;
}

/* No two texts of one column overlap (labels, summaries and captions share
 * the lane), no arrow runs through a text of the lane, and the badges are
 * whole. */
static void
assert_texts_apart (GArray *items)
{
  guint i, j;

  for (i = 0; i < items->len; i++)
    {
      const HsLadderItem *a = &g_array_index (items, HsLadderItem, i);

      if (a->kind == HS_LADDER_ITEM_BADGE)
        g_assert_false (a->ellipsized);
      for (j = i + 1; j < items->len; j++)
        {
          const HsLadderItem *b = &g_array_index (items, HsLadderItem, j);

          if (a->kind == HS_LADDER_ITEM_ARROW || b->kind == HS_LADDER_ITEM_ARROW)
            {
              const HsLadderItem *arrow = a->kind == HS_LADDER_ITEM_ARROW ? a : b;
              const HsLadderItem *text = a->kind == HS_LADDER_ITEM_ARROW ? b : a;
              double x, y;

              if (!is_lane_text (text))
                continue;
              /* the arrow's y where it passes under the text, at both ends
               * of the text and in its middle */
              for (x = text->x0 + 1; x <= text->x1 - 1; x += (text->x1 - text->x0 - 2) / 2)
                {
                  double t = (x - arrow->x0) / (arrow->x1 - arrow->x0);

                  if (t < 0 || t > 1)
                    continue;
                  y = arrow->y0 + t * (arrow->y1 - arrow->y0);
                  if (y > text->y0 + 0.5 && y < text->y1 - 0.5)
                    g_error ("an arrow of #%u runs through a text of #%u at y %.1f",
                             arrow->pos + 1, text->pos + 1, y);
                }
              continue;
            }

          /* a state name is on a lifeline, under its arrow; a label or a
           * badge must not cover it */
          if (a->kind == b->kind || (is_lane_text (a) && is_lane_text (b)) ||
              ((a->kind == HS_LADDER_ITEM_STATE) != (b->kind == HS_LADDER_ITEM_STATE) &&
               (a->kind == HS_LADDER_ITEM_LABEL || b->kind == HS_LADDER_ITEM_LABEL ||
                a->kind == HS_LADDER_ITEM_BADGE || b->kind == HS_LADDER_ITEM_BADGE)))
            {
              if (boxes_overlap (a, b))
                g_error ("texts overlap: kind %d of #%u (%.1f..%.1f) and kind %d of #%u "
                         "(%.1f..%.1f)", a->kind, a->pos + 1, a->y0, a->y1, b->kind, b->pos + 1,
                         b->y0, b->y1);
            }
        }
    }
}

/* Whether the items have one of `kind` for position `pos`. */
static gboolean
has_item (GArray           *items,
          HsLadderItemKind  kind,
          guint             pos)
{
  guint i;

  for (i = 0; i < items->len; i++)
    {
      const HsLadderItem *item = &g_array_index (items, HsLadderItem, i);

      if (item->kind == kind && item->pos == pos)
        return TRUE;
    }
  return FALSE;
}

/* Paints the whole layout in viewports of 800 px and checks each: no
 * arrows' strokes meet, no texts overlap.  Returns the items of all. */
static GArray *
check_whole_picture (HsLadderLayout *layout)
{
  GArray *all = g_array_new (FALSE, FALSE, sizeof (HsLadderItem));
  double height = hs_ladder_layout_get_height (layout);
  double y;

  for (y = 0; y < height; y += 800)
    {
      g_autoptr(GArray) items = paint_items (layout, y, 800, HS_LADDER_NO_POS, HS_LADDER_NO_POS);
      guint overlaps = count_arrow_overlaps (items);

      if (overlaps > 0)
        g_error ("zoom %g, y %.0f: %u pairs of arrows touch", hs_ladder_layout_get_zoom (layout),
                 y, overlaps);
      assert_texts_apart (items);
      g_array_append_vals (all, items->data, items->len);
    }

  return all;
}

/* A 1 ms round trip in 10 s: the handshake's three packets get three rows,
 * the floor apart at least, and their arrows and labels, at the default
 * zoom and zoomed in; nothing overlaps at any zoom. */
static void
test_time_true_handshake (void)
{
  HsLadderLayout *layout = hs_ladder_layout_new (long_capture (), 0);
  double zooms[] = { 1.0, HS_LADDER_MIN_ZOOM, 0.5, 2.0, HS_LADDER_MAX_ZOOM };
  guint z;

  g_assert_cmpint (hs_capture_get_connection (long_capture (), 0)->irtt_ns, ==, 1000 * US);
  hs_ladder_layout_set_mode (layout, HS_LADDER_TIME_TRUE);

  for (z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      double floor, h;
      guint rows[3];
      guint i;

      hs_ladder_layout_set_zoom (layout, zooms[z]);
      floor = hs_ladder_layout_get_row_floor (layout);
      h = hs_ladder_layout_get_row_height (layout);
      g_assert_cmpfloat (floor, >=, hs_ladder_arrow_bottom (h) - hs_ladder_arrow_top (h) + 4);
      for (i = 0; i < 3; i++)
        {
          rows[i] = hs_ladder_layout_row_for_pos (layout, i);
          g_assert_cmpuint (hs_ladder_layout_get_row (layout, rows[i])->kind, ==,
                            HS_LADDER_ROW_PACKET);
          if (i > 0)
            {
              g_assert_cmpuint (rows[i], ==, rows[i - 1] + 1);
              g_assert_cmpfloat (hs_ladder_layout_get_row (layout, rows[i])->y -
                                 hs_ladder_layout_get_row (layout, rows[i - 1])->y, >=, floor);
            }
        }

      /* each its arrow and, from the default zoom on, its label */
      {
        g_autoptr(GArray) items = check_whole_picture (layout);

        for (i = 0; i < 3; i++)
          {
            g_assert_true (has_item (items, HS_LADDER_ITEM_ARROW, i));
            if (zooms[z] >= 1.0)
              g_assert_true (has_item (items, HS_LADDER_ITEM_LABEL, i));
          }
      }
    }

  hs_ladder_layout_free (layout);
}

/* 10,000 packets in 1 s: no arrows' strokes meet, no texts overlap, at
 * every zoom; the retransmission in the middle keeps a row, an arrow and a
 * badge of its own; zooming in draws the packets further apart, in more
 * rows that hold fewer packets, until each has its own. */
static void
test_time_true_bulk (void)
{
  HsLadderLayout *layout = hs_ladder_layout_new (bulk10k_capture (), 0);
  double zooms[] = { 1.0, HS_LADDER_MIN_ZOOM, 2.0, HS_LADDER_MAX_ZOOM };
  guint resent = 3 + 2 * (BULK10K_RESENT + 1);
  guint last_rows = 0;
  guint z;

  g_assert_cmpint (hs_anomaly_class_for_record (_hs_ladder_layout_get_record (layout, resent)),
                   ==, HS_ANOMALY_CLASS_RETRANSMISSION);
  hs_ladder_layout_set_mode (layout, HS_LADDER_TIME_TRUE);

  for (z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      g_autoptr(GArray) items = NULL;
      guint n_rows;
      guint row;

      hs_ladder_layout_set_zoom (layout, zooms[z]);
      n_rows = hs_ladder_layout_get_n_rows (layout);
      g_test_message ("zoom %g: %u rows, %.0f px", zooms[z], n_rows,
                      hs_ladder_layout_get_height (layout));
      check_lookups (layout);
      items = check_whole_picture (layout);

      row = hs_ladder_layout_row_for_pos (layout, resent);
      g_assert_cmpuint (hs_ladder_layout_get_row (layout, row)->n, ==, 1);
      g_assert_true (has_item (items, HS_LADDER_ITEM_ARROW, resent));
      if (zooms[z] >= 1.0)
        g_assert_true (has_item (items, HS_LADDER_ITEM_BADGE, resent));

      /* zoom 1 first, then out (the rows shrink with the time), then in
       * twice (the time grows, the rows do not) */
      if (z == 1)
        g_assert_cmpuint (n_rows, <=, last_rows);
      else if (z > 1)
        g_assert_cmpuint (n_rows, >, last_rows + last_rows / 2);
      if (z != 1)
        last_rows = n_rows;
    }

  /* zooming in goes on until every packet has a row of its own (the
   * closest, 50 µs apart, the floor apart): past packet order's zoom */
  g_assert_cmpfloat (hs_ladder_layout_get_max_zoom (layout), >, HS_LADDER_MAX_ZOOM);
  g_assert_cmpfloat (hs_ladder_layout_get_max_zoom (layout), <, HS_LADDER_MAX_TIME_ZOOM);
  hs_ladder_layout_set_zoom (layout, HS_LADDER_MAX_TIME_ZOOM);
  g_assert_cmpfloat (hs_ladder_layout_get_zoom (layout), ==,
                     hs_ladder_layout_get_max_zoom (layout));
  g_assert_cmpuint (hs_ladder_layout_get_n_rows (layout), ==,
                    hs_ladder_layout_get_n_packets (layout));
  {
    double y;

    /* (a few screens: the picture is now some 300,000 px tall) */
    for (y = 0; y < 8000; y += 800)
      {
        g_autoptr(GArray) items = paint_items (layout, y, 800, HS_LADDER_NO_POS,
                                               HS_LADDER_NO_POS);

        g_assert_cmpuint (count_arrow_overlaps (items), ==, 0);
        assert_texts_apart (items);
      }
  }
  /* packet order has its own range; time-true comes back to the zoom asked */
  hs_ladder_layout_set_mode (layout, HS_LADDER_PACKET_ORDER);
  g_assert_cmpfloat (hs_ladder_layout_get_zoom (layout), ==, HS_LADDER_MAX_ZOOM);
  hs_ladder_layout_set_mode (layout, HS_LADDER_TIME_TRUE);
  g_assert_cmpfloat (hs_ladder_layout_get_zoom (layout), ==,
                     hs_ladder_layout_get_max_zoom (layout));

  /* the selected packet in a bundle: its arrow and label, drawn in full */
  hs_ladder_layout_set_zoom (layout, 1.0);
  {
    guint selected = 3 + 2 * 1000 + 1;
    guint row = hs_ladder_layout_row_for_pos (layout, selected);
    const HsLadderRow *r = hs_ladder_layout_get_row (layout, row);
    g_autoptr(GArray) items = NULL;

    g_assert_cmpuint (r->kind, ==, HS_LADDER_ROW_BUNDLE);
    items = paint_items (layout, r->y - 300, 800, selected, HS_LADDER_NO_POS);
    g_assert_true (has_item (items, HS_LADDER_ITEM_ARROW, selected));
    g_assert_true (has_item (items, HS_LADDER_ITEM_LABEL, selected));
    g_assert_true (has_item (items, HS_LADDER_ITEM_GUTTER, selected));
    g_assert_false (has_item (items, HS_LADDER_ITEM_ARROW, r->first));
    g_assert_cmpuint (count_arrow_overlaps (items), ==, 0);
    assert_texts_apart (items);
  }

  hs_ladder_layout_free (layout);
}


/* Whatever the capture, spacing, collapsing, width and zoom (up to
 * time-true's greatest): no arrows' strokes meet and no texts overlap,
 * anywhere in the picture. */
static void
test_paint_apart (void)
{
  HsCapture *captures[] = { story_capture (), sample_capture (), bulk_capture (), long_capture () };
  double zooms[] = {
    HS_LADDER_MIN_ZOOM, 0.5, 1.0, 2.0, HS_LADDER_MAX_ZOOM, HS_LADDER_MAX_TIME_ZOOM
  };
  guint c, m, z;

  for (c = 0; c < G_N_ELEMENTS (captures); c++)
    for (m = 0; m < 8; m++)
      {
        HsLadderLayout *layout = hs_ladder_layout_new (captures[c], 0);

        hs_ladder_layout_set_mode (layout, m & 1 ? HS_LADDER_TIME_TRUE : HS_LADDER_PACKET_ORDER);
        hs_ladder_layout_set_collapse (layout, (m & 2) != 0);
        hs_ladder_layout_set_width (layout, m & 4 ? HS_LADDER_MIN_WIDTH : 1000);
        for (z = 0; z < G_N_ELEMENTS (zooms); z++)
          {
            g_autoptr(GArray) items = NULL;

            g_test_message ("capture %u, %s, %s, width %g, zoom %g", c,
                            m & 1 ? "time-true" : "packet order", m & 2 ? "collapsed" : "expanded",
                            hs_ladder_layout_get_columns (layout)->width, zooms[z]);
            hs_ladder_layout_set_zoom (layout, zooms[z]);
            items = check_whole_picture (layout);
          }
        hs_ladder_layout_free (layout);
      }
}


/* The analysis column shows every badge whole, from the narrowest ladder
 * (a window on half a screen) to a wide one: on one line from the default
 * window's width (about 950 px) on, on two where the column is narrower,
 * inside the column and the picture. */
static void
test_paint_badges (void)
{
  HsCapture *captures[] = { story_capture (), sample_capture (), bulk_capture () };
  double widths[] = { HS_LADDER_MIN_WIDTH, 700, 760, 952, 1000, 1600 };
  guint c, w;

  for (c = 0; c < G_N_ELEMENTS (captures); c++)
    for (w = 0; w < G_N_ELEMENTS (widths); w++)
      {
        HsLadderLayout *layout = hs_ladder_layout_new (captures[c], 0);
        const HsLadderColumns *cols = hs_ladder_layout_get_columns (layout);
        g_autoptr(GArray) items = NULL;
        const guint32 *anomalies;
        double one_line = G_MAXDOUBLE;
        guint n_anomalies;
        guint n_badges = 0;
        guint i;

        hs_ladder_layout_set_width (layout, widths[w]);
        g_assert_cmpfloat (cols->width, ==, widths[w]);
        g_assert_cmpfloat (cols->gutter, <, cols->lifeline[0]);
        g_assert_cmpfloat (cols->lifeline[0], <, cols->lifeline[1]);
        g_assert_cmpfloat (cols->lifeline[1], <, cols->badge);
        items = paint_items (layout, 0, hs_ladder_layout_get_height (layout), HS_LADDER_NO_POS,
                             HS_LADDER_NO_POS);
        assert_texts_apart (items);

        for (i = 0; i < items->len; i++)
          {
            const HsLadderItem *item = &g_array_index (items, HsLadderItem, i);

            if (item->kind == HS_LADDER_ITEM_BADGE)
              one_line = MIN (one_line, item->y1 - item->y0);
          }

        for (i = 0; i < items->len; i++)
          {
            const HsLadderItem *item = &g_array_index (items, HsLadderItem, i);

            if (item->kind != HS_LADDER_ITEM_BADGE)
              continue;
            n_badges++;
            g_test_message ("width %g: #%u %s, %.0f x %.0f", widths[w], item->pos + 1,
                            hs_ladder_layout_get_badge (layout, item->pos), item->x1 - item->x0,
                            item->y1 - item->y0);
            g_assert_false (item->ellipsized);
            g_assert_cmpfloat (item->x0, >=, cols->badge);
            g_assert_cmpfloat (item->x1, <=, cols->width - 4);
            if (widths[w] >= 940)
              g_assert_cmpfloat (item->y1 - item->y0, <, one_line + 1);
          }

        /* every anomaly of the connection shows its badge (in packet order
         * at zoom 1 there is room for all) */
        anomalies = hs_ladder_layout_get_anomalies (layout, &n_anomalies);
        for (i = 0; i < n_anomalies; i++)
          if (hs_ladder_layout_get_badge (layout, anomalies[i]) != NULL)
            g_assert_true (has_item (items, HS_LADDER_ITEM_BADGE, anomalies[i]));
        g_assert_cmpuint (n_badges, >=, 1);

        hs_ladder_layout_free (layout);
      }
}

/* ------------------------------------------------------------------------ */
/* 6. Labels and badges                                                      */

static void
test_labels (void)
{
  HsLadderLayout *layout = hs_ladder_layout_new (story_capture (), 0);
  HsLadderLayout *l3;
  HsLadderLayoutStats stats;
  const char *label;

  /* a SYN's options as the Info column shows them */
  g_assert_cmpstr (hs_ladder_layout_get_label (layout, 0), ==,
                   "SYN  Seq=0 Win=64240 Len=0 MSS=1460 SACK_PERM WS=128");
  g_assert_cmpstr (hs_ladder_layout_get_label (layout, 1), ==,
                   "SYN, ACK  Seq=0 Ack=1 Win=65160 Len=0 MSS=1460 SACK_PERM WS=128");
  /* scaled window: 502 << 7 */
  g_assert_cmpstr (hs_ladder_layout_get_label (layout, 2), ==, "ACK  Seq=1 Ack=1 Win=64256 Len=0");
  g_assert_cmpstr (hs_ladder_layout_get_label (layout, 3), ==,
                   "PSH, ACK  Seq=1 Ack=1 Win=64256 Len=100");
  g_assert_cmpstr (hs_ladder_layout_get_label (layout, 17), ==,
                   "FIN, ACK  Seq=101 Ack=4001 Win=64256 Len=0");

  g_assert_null (hs_ladder_layout_get_badge (layout, 0));
  g_assert_null (hs_ladder_layout_get_badge (layout, 3));
  g_assert_null (hs_ladder_layout_get_badge (layout, 17));
  g_assert_cmpstr (hs_ladder_layout_get_badge (layout, 4), ==, "Retransmission of #4");
  g_assert_cmpuint (_hs_ladder_layout_get_original (layout, 4), ==, 3);
  g_assert_cmpuint (_hs_ladder_layout_get_original (layout, 3), ==, HS_LADDER_NO_POS);
  g_assert_cmpstr (hs_ladder_layout_get_badge (layout, 7), ==, "Previous segment not captured");
  g_assert_cmpstr (hs_ladder_layout_get_badge (layout, 9), ==, "Dup ACK #1");
  g_assert_cmpstr (hs_ladder_layout_get_badge (layout, 11), ==, "Dup ACK #2");
  g_assert_cmpstr (hs_ladder_layout_get_badge (layout, 12), ==, "Fast retransmission");
  g_assert_cmpstr (hs_ladder_layout_get_badge (layout, 13), ==, "Zero window");
  g_assert_cmpstr (hs_ladder_layout_get_badge (layout, 14), ==, "Zero window probe");
  g_assert_cmpstr (hs_ladder_layout_get_badge (layout, 15), ==, "Zero window probe ACK");
  g_assert_cmpstr (hs_ladder_layout_get_badge (layout, 16), ==, "Window update");

  /* asked again: from the cache */
  _hs_ladder_layout_reset_stats (layout);
  label = hs_ladder_layout_get_label (layout, 1);
  g_assert_cmpstr (label, ==, "SYN, ACK  Seq=0 Ack=1 Win=65160 Len=0 MSS=1460 SACK_PERM WS=128");
  hs_ladder_layout_get_badge (layout, 11);
  _hs_ladder_layout_get_stats (layout, &stats);
  g_assert_cmpuint (stats.labels_built, ==, 0);
  hs_ladder_layout_free (layout);

  /* the application summary, read from the packet once */
  if (three_cap == NULL)
    three_cap = write_and_load ("three.pcap", three, G_N_ELEMENTS (three));
  l3 = hs_ladder_layout_new (three_cap, 0);
  g_assert_cmpstr (hs_ladder_layout_get_label (l3, 3), ==,
                   "PSH, ACK  Seq=1 Ack=1 Win=64256 Len=47 · GET /index.html HTTP/1.1");
  _hs_ladder_layout_get_stats (l3, &stats);
  g_assert_cmpuint (stats.labels_built, ==, 1);
  g_assert_cmpstr (hs_ladder_layout_get_label (l3, 3), ==,
                   "PSH, ACK  Seq=1 Ack=1 Win=64256 Len=47 · GET /index.html HTTP/1.1");
  _hs_ladder_layout_get_stats (l3, &stats);
  g_assert_cmpuint (stats.labels_built, ==, 1);
  g_assert_cmpstr (hs_ladder_layout_get_label (l3, 6), ==,
                   "FIN, ACK  Seq=1 Ack=49 Win=65152 Len=0");
  hs_ladder_layout_free (l3);

  /* the sample: TLS names, and a RST */
  layout = hs_ladder_layout_new (sample_capture (), 0);
  g_assert_cmpstr (hs_ladder_layout_get_label (layout, 3), ==,
                   "PSH, ACK  Seq=1 Ack=1 Win=14720 Len=517 · Client Hello");
  g_assert_cmpstr (hs_ladder_layout_get_badge (layout, 12), ==, "Dup ACK #1");
  hs_ladder_layout_free (layout);
  layout = hs_ladder_layout_new (sample_capture (), 1);
  g_assert_cmpstr (hs_ladder_layout_get_badge (layout, 1), ==, "Reset");
  hs_ladder_layout_free (layout);
}

/* ------------------------------------------------------------------------ */
/* Anomaly navigation, overview mapping                                      */


/* The labels end with the options the Info column shows, as tshark writes
 * them (tests/data/linux-info.txt): all of a SYN's, the SACK blocks of the
 * others (a D-SACK "SLE=1 SRE=1001" here), nothing else. */
static void
test_labels_options (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "linux-dsack.pcap", NULL);
  g_autofree char *info_path = g_test_build_filename (G_TEST_DIST, "data", "linux-info.txt",
                                                      NULL);
  g_autoptr(HsCapture) capture = hs_test_load (path);
  HsLadderLayout *layout = hs_ladder_layout_new (capture, 0);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_sack = 0;
  guint n_syn = 0;
  guint i;

  g_assert_true (g_file_get_contents (info_path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = g_strsplit (lines[i], "\t", 3);
      const HsPacketRecord *rec;
      const char *label;
      const char *tail;
      guint frame;

      if (g_strv_length (cols) != 3 || !g_str_equal (cols[0], "linux-dsack.pcap"))
        continue;

      frame = (guint) g_ascii_strtoull (cols[1], NULL, 10);
      rec = hs_capture_get_record (capture, frame - 1);
      label = hs_ladder_layout_get_label (layout, hs_ladder_layout_find_frame (layout, frame - 1));
      g_test_message ("frame %u: “%s”, tshark “%s”", frame, label, cols[2]);

      if (rec->tcp_flags & HS_TCP_SYN)
        {
          /* everything after the length */
          tail = strstr (cols[2], " Len=0") + strlen (" Len=0");
          g_assert_true (g_str_has_suffix (label, tail));
          g_assert_nonnull (strstr (label, " MSS=1460 SACK_PERM TSval="));
          n_syn++;
        }
      else if ((tail = strstr (cols[2], " SLE=")) != NULL)
        {
          g_assert_true (g_str_has_suffix (label, tail));
          n_sack++;
        }
      else
        g_assert_null (strstr (label, "TSval="));
    }

  g_assert_cmpuint (n_syn, ==, 2);
  g_assert_cmpuint (n_sack, ==, 1);
  hs_ladder_layout_free (layout);
}

/* A Linux zero-window probe, which Wireshark flags as a keep-alive, is
 * badged as the probe it is; the keep-alive flag stays in the badge. */
static void
test_badge_linux_probe (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "linux-zero-window.pcap",
                                                 NULL);
  g_autoptr(HsCapture) capture = hs_test_load (path);
  HsLadderLayout *layout = hs_ladder_layout_new (capture, 0);
  const guint probes[] = { 8, 10, 11 };

  for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
    {
      guint pos = hs_ladder_layout_find_frame (layout, probes[i] - 1);

      g_assert_true (hs_capture_get_record (capture, probes[i] - 1)->analysis &
                     HS_ANALYSIS_KEEP_ALIVE);
      g_assert_cmpstr (hs_ladder_layout_get_badge (layout, pos), ==,
                       "Zero window probe (keep-alive)");
    }
  /* the zero window it probes */
  g_assert_cmpstr (hs_ladder_layout_get_badge (layout, hs_ladder_layout_find_frame (layout, 6)),
                   ==, "Zero window");
  hs_ladder_layout_free (layout);
}

static void
test_anomalies (void)
{
  HsLadderLayout *layout = hs_ladder_layout_new (story_capture (), 0);
  const guint32 *a;
  guint n;
  guint i;

  a = hs_ladder_layout_get_anomalies (layout, &n);
  for (i = 0; i < hs_ladder_layout_get_n_packets (layout); i++)
    {
      const HsPacketRecord *r = hs_capture_get_record (story_capture (),
                                                       hs_ladder_layout_get_frame (layout, i));
      gboolean listed = FALSE;
      guint k;

      for (k = 0; k < n; k++)
        listed |= a[k] == i;
      g_assert_cmpint (listed, ==, hs_packet_record_is_anomaly (r));
    }
  for (i = 1; i < n; i++)
    g_assert_cmpuint (a[i - 1], <, a[i]);

  /* retransmission, lost, dup ACK, dup ACK, fast retransmission, ... */
  g_assert_cmpuint (n, >=, 6);
  g_assert_cmpuint (a[0], ==, 4);
  g_assert_cmpuint (hs_ladder_layout_next_anomaly (layout, HS_LADDER_NO_POS, TRUE), ==, 4);
  g_assert_cmpuint (hs_ladder_layout_next_anomaly (layout, 0, TRUE), ==, 4);
  g_assert_cmpuint (hs_ladder_layout_next_anomaly (layout, 4, TRUE), ==, a[1]);
  g_assert_cmpuint (hs_ladder_layout_next_anomaly (layout, 4, FALSE), ==, HS_LADDER_NO_POS);
  g_assert_cmpuint (hs_ladder_layout_next_anomaly (layout, a[1], FALSE), ==, 4);
  g_assert_cmpuint (hs_ladder_layout_next_anomaly (layout, a[1] + 1, FALSE), ==, a[1]);
  g_assert_cmpuint (hs_ladder_layout_next_anomaly (layout, 20, TRUE), ==, HS_LADDER_NO_POS);
  g_assert_cmpuint (hs_ladder_layout_next_anomaly (layout, HS_LADDER_NO_POS, FALSE), ==,
                    a[n - 1]);

  g_assert_cmpfloat (hs_ladder_overview_to_layout (layout, 200, 0), ==, 0);
  g_assert_cmpfloat (hs_ladder_overview_to_layout (layout, 200, 100), ==,
                     hs_ladder_layout_get_height (layout) / 2);
  g_assert_cmpfloat (hs_ladder_overview_to_layout (layout, 200, 500), ==,
                     hs_ladder_layout_get_height (layout));

  hs_ladder_layout_free (layout);

  g_assert_true (hs_palette_get (HS_PALETTE_DARK)->kind == HS_PALETTE_DARK);
  {
    HsPaletteKind kind = HS_PALETTE_LIGHT;

    g_assert_true (hs_palette_kind_from_name ("print", &kind));
    g_assert_cmpint (kind, ==, HS_PALETTE_PRINT);
    g_assert_true (hs_palette_kind_from_name ("Dark", &kind));
    g_assert_cmpint (kind, ==, HS_PALETTE_DARK);
    g_assert_false (hs_palette_kind_from_name ("sepia", &kind));
    g_assert_cmpint (kind, ==, HS_PALETTE_DARK);
  }
}

/* ------------------------------------------------------------------------ */
/* 7. SVG                                                                    */

static char *
cairo_svg_color (const HsRgba *c)
{
  return hs_test_svg_color (c->red, c->green, c->blue);
}

typedef struct
{
  double x0, y0, x1, y1;
  char  *stroke;
} Line;

static void
line_clear (gpointer data)
{
  g_free (((Line *) data)->stroke);
}

static double
attr_number (const char **p)
{
  char *end;
  double v = g_ascii_strtod (*p, &end);

  g_assert_true (end != *p);
  *p = end;
  while (**p == ' ' || **p == ',')
    (*p)++;
  return v;
}

/* The stroked two-point paths of the document ("M x0 y0 L x1 y1"), with
 * their transform's translation applied. */
static GArray *
svg_lines (const char *svg)
{
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (Line));
  const char *body = strstr (svg, "</defs>");
  const char *p;

  g_array_set_clear_func (lines, line_clear);
  g_assert_nonnull (body);

  for (p = strstr (body, "<path "); p != NULL; p = strstr (p + 1, "<path "))
    {
      const char *end = strchr (p, '>');
      g_autofree char *elem = g_strndup (p, end - p);
      const char *stroke = strstr (elem, ";stroke:rgb(");
      const char *d = strstr (elem, " d=\"M ");
      const char *tr = strstr (elem, "transform=\"matrix(");
      const char *q;
      Line line = { 0 };
      double m[6] = { 1, 0, 0, 1, 0, 0 };
      guint i;

      if (stroke == NULL || d == NULL || strstr (elem, "fill:none") == NULL)
        continue;

      q = d + strlen (" d=\"M ");
      line.x0 = attr_number (&q);
      line.y0 = attr_number (&q);
      if (*q != 'L')
        continue;
      q++;
      while (*q == ' ')
        q++;
      line.x1 = attr_number (&q);
      line.y1 = attr_number (&q);
      if (*q != '"')
        continue;

      if (tr != NULL)
        {
          q = tr + strlen ("transform=\"matrix(");
          for (i = 0; i < 6; i++)
            m[i] = attr_number (&q);
        }
      line.x0 += m[4];
      line.x1 += m[4];
      line.y0 += m[5];
      line.y1 += m[5];
      stroke += strlen (";stroke:");
      line.stroke = g_strndup (stroke, strchr (stroke, ')') + 1 - stroke);
      g_array_append_val (lines, line);
    }

  return lines;
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  const Line *la = a;
  const Line *lb = b;

  return la->y0 < lb->y0 ? -1 : (la->y0 > lb->y0 ? 1 : 0);
}

static void
test_export_svg (void)
{
  HsCapture *capture = story_capture ();
  g_autofree char *path = tmp_path ("story.svg");
  g_autofree char *svg = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) lines = NULL;
  const HsPalette *palette = hs_palette_get (HS_PALETTE_LIGHT);
  HsLadderExportOptions options;
  HsLadderLayout *layout;
  const HsLadderColumns *cols;
  g_autofree char *retransmission = NULL;
  g_autofree char *dup_ack = NULL;
  g_autofree char *normal = NULL;
  g_autofree char *lost = NULL;
  double last_y = -1;
  guint n_arrows = 0;
  guint i;

  hs_ladder_export_options_init (&options);
  g_assert_cmpint (options.palette, ==, HS_PALETTE_LIGHT);
  g_assert_cmpuint (options.last_pos, ==, G_MAXUINT);
  g_assert_true (hs_ladder_export (capture, 0, &options, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &svg, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_str_has_prefix (svg, "<?xml"));
  g_assert_true (g_str_has_suffix (svg, "</svg>\n"));
  g_assert_nonnull (strstr (svg, "<g id=\"labels\""));

  /* the same columns as a layout of the default width */
  layout = hs_ladder_layout_new (capture, 0);
  cols = hs_ladder_layout_get_columns (layout);
  g_assert_cmpfloat (cols->width, ==, 1000);

  retransmission = cairo_svg_color (&palette->anomaly[HS_ANOMALY_CLASS_RETRANSMISSION]);
  g_assert_cmpstr (retransmission, ==, "rgb(87.843137%,10.588235%,14.117647%)");
  dup_ack = cairo_svg_color (&palette->anomaly[HS_ANOMALY_CLASS_DUP_ACK]);
  lost = cairo_svg_color (&palette->anomaly[HS_ANOMALY_CLASS_LOST]);
  normal = cairo_svg_color (&palette->foreground);

  /* arrows: from one lifeline to (the arrowhead at) the other, one per
   * packet, in order (the anomalies are drawn after the plain arrows, over
   * them), each in its direction and colour */
  lines = svg_lines (svg);
  g_array_sort (lines, compare_lines);
  for (i = 0; i < lines->len; i++)
    {
      Line *line = &g_array_index (lines, Line, i);
      guint dir;
      guint pos;

      if (fabs (line->x0 - cols->lifeline[0]) < 0.01 && fabs (line->x1 - cols->lifeline[1]) < 12)
        dir = 0;
      else if (fabs (line->x0 - cols->lifeline[1]) < 0.01 &&
               fabs (line->x1 - cols->lifeline[0]) < 12)
        dir = 1;
      else
        continue;

      pos = n_arrows++;
      g_assert_cmpuint (pos, <, G_N_ELEMENTS (story));
      g_assert_cmpuint (dir, ==, story[pos].seg.sport == 80 ? 1 : 0);
      g_assert_cmpfloat (line->y1, >, line->y0);
      g_assert_cmpfloat (line->y0, >, last_y);
      last_y = line->y0;

      if (pos == 4 || pos == 12)
        g_assert_cmpstr (line->stroke, ==, retransmission);
      else if (pos == 9 || pos == 11)
        g_assert_cmpstr (line->stroke, ==, dup_ack);
      else if (pos == 7)
        g_assert_cmpstr (line->stroke, ==, lost);
      else if (pos == 3 || pos == 5 || pos == 6)
        g_assert_cmpstr (line->stroke, ==, normal);
    }
  g_assert_cmpuint (n_arrows, ==, G_N_ELEMENTS (story));

  /* the text layer */
  g_assert_nonnull (strstr (svg, ">SYN, ACK  Seq=0 Ack=1 Win=65160 Len=0 MSS=1460 SACK_PERM "
                                 "WS=128</text>"));
  g_assert_nonnull (strstr (svg, ">Retransmission of #4</text>"));
  g_assert_nonnull (strstr (svg, ">Dup ACK #2</text>"));
  g_assert_nonnull (strstr (svg, ">Teardown — four packets</text>"));
  g_assert_nonnull (strstr (svg, ">Three-way handshake</text>"));
  g_assert_nonnull (strstr (svg, ">SYN-SENT</text>"));
  g_assert_nonnull (strstr (svg, ">#21</text>"));
  g_assert_nonnull (strstr (svg, ">10.0.0.1:40000</text>"));
  g_assert_nonnull (strstr (svg, ">story.pcap — 10.0.0.1:40000 → 10.0.0.2:80 (stream 0)</text>"));
  g_assert_nonnull (strstr (svg, ">Legend</text>"));
  g_assert_null (strstr (svg, " idle</text>"));

  /* time-true: the idle gaps are marked, with their real length */
  g_clear_pointer (&svg, g_free);
  options.mode = HS_LADDER_TIME_TRUE;
  options.names[1] = "web <server>";
  options.title = "A & B";
  g_assert_true (hs_ladder_export (capture, 0, &options, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &svg, NULL, &error));
  g_assert_nonnull (strstr (svg, ">4.10 s idle</text>"));
  g_assert_nonnull (strstr (svg, ">web &lt;server&gt;</text>"));
  g_assert_nonnull (strstr (svg, ">A &amp; B</text>"));

  hs_ladder_layout_free (layout);
}

/* ------------------------------------------------------------------------ */
/* 8. PNG, PDF, errors                                                       */

static void
test_export_png_pdf (void)
{
  HsCapture *capture = story_capture ();
  const HsPalette *palette = hs_palette_get (HS_PALETTE_LIGHT);
  const HsRgba *red = &palette->anomaly[HS_ANOMALY_CLASS_RETRANSMISSION];
  guint32 red_pixel = 0xff000000u | (guint32)(red->red * 255 + 0.5) << 16 |
                      (guint32)(red->green * 255 + 0.5) << 8 | (guint32)(red->blue * 255 + 0.5);
  g_autofree char *png = tmp_path ("story.png");
  g_autofree char *pdf = tmp_path ("story.pdf");
  g_autofree char *bulk_pdf = tmp_path ("bulk.pdf");
  g_autofree char *jpg = tmp_path ("story.jpg");
  g_autofree char *pdf_data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) colors = g_hash_table_new (NULL, NULL);
  HsLadderExportOptions options;
  cairo_surface_t *surface;
  double width, height;
  gboolean red_seen = FALSE;
  HsExportFormat format;
  gsize len;
  guchar *data;
  int stride;
  int x, y;

  g_assert_true (hs_export_format_from_path ("a.PNG", &format));
  g_assert_cmpint (format, ==, HS_EXPORT_PNG);
  g_assert_true (hs_export_format_from_path ("/tmp/x.svg", &format));
  g_assert_cmpint (format, ==, HS_EXPORT_SVG);
  g_assert_true (hs_export_format_from_path ("ladder.Pdf", &format));
  g_assert_cmpint (format, ==, HS_EXPORT_PDF);
  g_assert_false (hs_export_format_from_path ("ladder.jpg", &format));
  g_assert_false (hs_export_format_from_path (".png", &format));
  g_assert_false (hs_export_format_from_path ("png", &format));

  hs_ladder_export_options_init (&options);
  g_assert_true (hs_ladder_export_measure (capture, 0, &options, &width, &height, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (width, ==, 1000);
  g_assert_cmpfloat (height, >, hs_ladder_header_height () +
                                G_N_ELEMENTS (story) * HS_LADDER_ROW_HEIGHT);

  g_assert_true (hs_ladder_export (capture, 0, &options, png, &error));
  g_assert_no_error (error);

  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, (int) width);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, (int) height);

  /* not blank: the colours of arrows, bands, badges and antialiased text,
   * and the retransmission red itself (inside its arrowhead and dot) */
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (y = 0; y < cairo_image_surface_get_height (surface); y++)
    {
      const guint32 *row = (const guint32 *)(gpointer)(data + (gsize) y * stride);

      for (x = 0; x < cairo_image_surface_get_width (surface); x++)
        {
          g_hash_table_add (colors, GUINT_TO_POINTER (row[x]));
          red_seen |= row[x] == red_pixel;
        }
    }
  cairo_surface_destroy (surface);
  g_assert_cmpuint (g_hash_table_size (colors), >, 200);
  g_assert_true (red_seen);

  /* PDF: one page for the story, several for a longer connection */
  g_assert_true (hs_ladder_export (capture, 0, &options, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &pdf_data, &len, &error));
  g_assert_true (g_str_has_prefix (pdf_data, "%PDF"));
  g_assert_cmpuint (hs_test_count_pdf_pages (pdf_data, len), ==, 1);
  g_clear_pointer (&pdf_data, g_free);

  options.palette = HS_PALETTE_PRINT;
  g_assert_true (hs_ladder_export (bulk_capture (), 0, &options, bulk_pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (bulk_pdf, &pdf_data, &len, &error));
  g_assert_true (g_str_has_prefix (pdf_data, "%PDF"));
  g_assert_cmpuint (hs_test_count_pdf_pages (pdf_data, len), >=, 3);
  g_clear_pointer (&pdf_data, g_free);

  /* the same, collapsed, fits on one page */
  options.collapse = TRUE;
  g_assert_true (hs_ladder_export (bulk_capture (), 0, &options, bulk_pdf, &error));
  g_assert_true (g_file_get_contents (bulk_pdf, &pdf_data, &len, &error));
  g_assert_cmpuint (hs_test_count_pdf_pages (pdf_data, len), ==, 1);
  options.collapse = FALSE;
  options.palette = HS_PALETTE_LIGHT;

  /* errors */
  g_assert_false (hs_ladder_export (capture, 0, &options, jpg, &error));
  g_assert_error (error, HS_EXPORT_ERROR, HS_EXPORT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, jpg));
  g_clear_error (&error);
  g_assert_false (g_file_test (jpg, G_FILE_TEST_EXISTS));

  g_assert_false (hs_ladder_export (capture, 7, &options, png, &error));
  g_assert_error (error, HS_EXPORT_ERROR, HS_EXPORT_ERROR_EMPTY);
  g_clear_error (&error);

  options.first_pos = 50;
  g_assert_false (hs_ladder_export (capture, 0, &options, png, &error));
  g_assert_error (error, HS_EXPORT_ERROR, HS_EXPORT_ERROR_EMPTY);
  g_clear_error (&error);
  options.first_pos = 5;
  options.last_pos = 2;
  g_assert_false (hs_ladder_export (capture, 0, &options, png, &error));
  g_assert_error (error, HS_EXPORT_ERROR, HS_EXPORT_ERROR_EMPTY);
  g_clear_error (&error);

  /* a range is the same picture with fewer rows */
  options.first_pos = 3;
  options.last_pos = 6;
  {
    double range_height;

    g_assert_true (hs_ladder_export_measure (capture, 0, &options, NULL, &range_height, &error));
    g_assert_no_error (error);
    g_assert_cmpfloat (range_height, ==, height - (G_N_ELEMENTS (story) - 4) * HS_LADDER_ROW_HEIGHT);
  }
  hs_ladder_export_options_init (&options);

  /* a file that cannot be written: the message names the file asked for
   * (not the temporary file it is first written to, "x.png.RJ67Y3") and
   * says why, whatever the format */
  {
    static const char * const names[] = { "x.png", "x.svg", "x.pdf" };
    g_autofree char *folder = tmp_path ("folder.svg");
    guint k;

    for (k = 0; k < G_N_ELEMENTS (names); k++)
      {
        g_autofree char *bad = g_build_filename (tmp_dir, "no-such-dir", names[k], NULL);
        g_autofree char *temporary = g_strconcat (bad, ".", NULL);
        g_autofree char *expected = g_strdup_printf ("Cannot write “%s”: the folder it "
                                                     "should go in does not exist", bad);

        g_assert_false (hs_ladder_export (capture, 0, &options, bad, &error));
        g_assert_error (error, HS_EXPORT_ERROR, HS_EXPORT_ERROR_WRITE);
        g_test_message ("%s", error->message);
        g_assert_cmpstr (error->message, ==, expected);
        g_assert_null (strstr (error->message, temporary));
        g_clear_error (&error);
      }

    /* a folder in the way: the temporary file is written, the rename fails */
    g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
    g_assert_false (hs_ladder_export (capture, 0, &options, folder, &error));
    g_assert_error (error, HS_EXPORT_ERROR, HS_EXPORT_ERROR_WRITE);
    g_test_message ("%s", error->message);
    g_assert_true (g_str_has_prefix (error->message, "Cannot write “"));
    g_assert_nonnull (strstr (error->message, folder));
    g_assert_true (g_str_has_suffix (error->message, "”: a folder has that name"));
    g_clear_error (&error);
    g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
    g_rmdir (folder);
  }

  /* 200,003 packets do not fit in a PNG */
  g_assert_false (hs_ladder_export (big_capture (), 0, &options, png, &error));
  g_assert_error (error, HS_EXPORT_ERROR, HS_EXPORT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "SVG"));
  g_clear_error (&error);
}

/* ------------------------------------------------------------------------ */
/* 9. The cost of painting                                                   */

static void
paint_window (HsLadderLayout *layout,
              double          scroll_y,
              guint           hover)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1000, 800);
  cairo_t *cr = cairo_create (surface);
  HsLadderViewport viewport;

  hs_ladder_viewport_init (&viewport);
  g_assert_cmpuint (viewport.selected_pos, ==, HS_LADDER_NO_POS);
  g_assert_true (viewport.show_phases);
  viewport.scroll_y = scroll_y;
  viewport.height = 800;
  viewport.hover_pos = hover;
  viewport.selected_pos = hover;
  hs_ladder_paint (cr, layout, hs_palette_get (HS_PALETTE_LIGHT), &viewport);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_paint_cost (void)
{
  HsCapture *capture = big_capture ();
  HsLadderLayout *layout = hs_ladder_layout_new (capture, 0);
  HsLadderLayoutStats stats;
  double h = HS_LADDER_ROW_HEIGHT;
  guint n = hs_ladder_layout_get_n_packets (layout);
  guint visible = 800 / (guint) h + 2;
  const guint32 *anomalies;
  guint n_anomalies;
  cairo_surface_t *surface;
  cairo_t *cr;
  double middle;

  g_assert_cmpuint (n, ==, 2 * BIG_PAIRS + 3);
  g_assert_cmpuint (hs_ladder_layout_get_n_rows (layout), ==, n);
  anomalies = hs_ladder_layout_get_anomalies (layout, &n_anomalies);
  g_assert_cmpuint (n_anomalies, >=, BIG_PAIRS / 1000);
  g_assert_cmpuint (n_anomalies, <, 600);
  g_assert_cmpuint (anomalies[0], ==, 3 + 2 * 500 + 1);

  /* a window in the middle: only its rows are read and labelled */
  middle = hs_ladder_layout_get_row (layout, n / 2)->y;
  _hs_ladder_layout_reset_stats (layout);
  paint_window (layout, middle, n / 2 + 3);
  _hs_ladder_layout_get_stats (layout, &stats);
  g_test_message ("painting %u rows: %" G_GUINT64_FORMAT " records, %" G_GUINT64_FORMAT
                  " labels", visible, stats.records_read, stats.labels_built);
  g_assert_cmpuint (stats.labels_built, >=, visible - 3);
  g_assert_cmpuint (stats.labels_built, <=, visible + 2);
  g_assert_cmpuint (stats.records_read, <, 40 * visible);

  /* the same again: no label is built twice */
  _hs_ladder_layout_reset_stats (layout);
  paint_window (layout, middle, HS_LADDER_NO_POS);
  _hs_ladder_layout_get_stats (layout, &stats);
  g_assert_cmpuint (stats.labels_built, ==, 0);

  /* near the end, and at the start */
  _hs_ladder_layout_reset_stats (layout);
  paint_window (layout, hs_ladder_layout_get_height (layout) - 400, HS_LADDER_NO_POS);
  paint_window (layout, 0, HS_LADDER_NO_POS);
  _hs_ladder_layout_get_stats (layout, &stats);
  g_assert_cmpuint (stats.labels_built, <=, 2 * visible);
  g_assert_cmpuint (stats.records_read, <, 2 * 40 * visible);

  /* the same in time-true mode, collapsed */
  hs_ladder_layout_set_mode (layout, HS_LADDER_TIME_TRUE);
  hs_ladder_layout_set_collapse (layout, TRUE);
  g_assert_cmpuint (hs_ladder_layout_get_n_rows (layout), <, n);
  _hs_ladder_layout_reset_stats (layout);
  paint_window (layout, hs_ladder_layout_get_height (layout) / 2, HS_LADDER_NO_POS);
  _hs_ladder_layout_get_stats (layout, &stats);
  g_assert_cmpuint (stats.records_read, <, 40 * visible);

  /* a run of a thousand and more gets separators */
  {
    g_autofree char *summary = NULL;
    guint r;

    hs_ladder_layout_set_mode (layout, HS_LADDER_PACKET_ORDER);
    for (r = 0; r < hs_ladder_layout_get_n_rows (layout); r++)
      if (hs_ladder_layout_get_row (layout, r)->kind == HS_LADDER_ROW_COLLAPSED)
        break;
    g_assert_cmpuint (r, <, hs_ladder_layout_get_n_rows (layout));
    summary = hs_ladder_layout_dup_run_summary (layout, r);
    g_test_message ("%s", summary);
    g_assert_cmpuint (hs_ladder_layout_get_row (layout, r)->n, >, 1000);
    g_assert_true (g_regex_match_simple ("^[1-9],[0-9]{3} segments, [0-9.]+\\x{a0}kB$", summary, 0, 0));
  }

  /* the overview strip: one tick per anomaly when they fit, bucketed by
   * pixel when they do not; never all the rows */
  hs_ladder_layout_set_collapse (layout, FALSE);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 16, 600);
  cr = cairo_create (surface);
  _hs_ladder_layout_reset_stats (layout);
  hs_ladder_paint_overview (cr, layout, hs_palette_get (HS_PALETTE_DARK), 16, 600, middle,
                            middle + 800);
  _hs_ladder_layout_get_stats (layout, &stats);
  g_test_message ("overview, 600 px: %" G_GUINT64_FORMAT " records", stats.records_read);
  g_assert_cmpuint (stats.records_read, ==, n_anomalies);

  _hs_ladder_layout_reset_stats (layout);
  hs_ladder_paint_overview (cr, layout, hs_palette_get (HS_PALETTE_DARK), 16, 40, middle,
                            middle + 800);
  _hs_ladder_layout_get_stats (layout, &stats);
  g_test_message ("overview, 40 px: %" G_GUINT64_FORMAT " records", stats.records_read);
  g_assert_cmpuint (stats.records_read, <=, 40 * 8);
  g_assert_cmpuint (stats.records_read, >, 0);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  hs_ladder_layout_free (layout);
}

static guint
count_substrings (const char *haystack,
                  const char *needle)
{
  guint n = 0;
  const char *p;

  for (p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* Whether a pixel of the image is close to a colour. */
static gboolean
pixel_is (cairo_surface_t *surface,
          int              x,
          int              y,
          const HsRgba    *color)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 px;
  int rgb[3];
  double want[3] = { color->red, color->green, color->blue };
  guint i;

  if (x < 0 || y < 0 || x >= cairo_image_surface_get_width (surface) ||
      y >= cairo_image_surface_get_height (surface))
    return FALSE;

  /* ARGB32, native endian; the background is opaque */
  px = *(const guint32 *) (data + y * stride + 4 * x);
  rgb[0] = (px >> 16) & 0xff;
  rgb[1] = (px >> 8) & 0xff;
  rgb[2] = px & 0xff;
  for (i = 0; i < 3; i++)
    if (ABS (rgb[i] - (int) round (want[i] * 255)) > 40)
      return FALSE;
  return TRUE;
}

/* The packets of the rows first .. last. */
static guint
rows_packets (HsLadderLayout *layout,
              guint           first,
              guint           last)
{
  const HsLadderRow *a = hs_ladder_layout_get_row (layout, first);
  const HsLadderRow *b = hs_ladder_layout_get_row (layout, last);

  return b->first + b->n - a->first;
}

/* Time-true on 40,003 packets in a few hundred pixels: the ordinary ones
 * in a few bundles, so that painting costs the viewport's pixels, not its
 * packets (and only the texts that have room are made); the anomaly in the
 * middle of the crowd has a row of its own in its colour, with its badge;
 * and the selected and hovered packets, plain ones inside bundles, are
 * drawn in full. */
static void
test_paint_dense (void)
{
  HsCapture *capture = dense_capture ();
  HsLadderLayout *layout = hs_ladder_layout_new (capture, 0);
  const HsPalette *palette = hs_palette_get (HS_PALETTE_LIGHT);
  const int view_height = 800;
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *selected_label = NULL;
  g_autofree char *hover_label = NULL;
  HsLadderLayoutStats stats;
  HsLadderViewport viewport;
  const HsPacketRecord *rec;
  HsAnomalyClass klass;
  guint n = hs_ladder_layout_get_n_packets (layout);
  guint resent = 3 + 2 * (DENSE_RESENT + 1);
  guint selected = 3 + 2 * (DENSE_RESENT / 2) + 1;   /* an ACK, a plain row */
  guint hover = 3 + 2 * (DENSE_RESENT + DENSE_RESENT / 2);
  guint first, last, row, k, n_hits = 0;
  double x0, y0, x1, y1;

  g_assert_cmpuint (n, ==, 3 + 2 * DENSE_PAIRS + 1);
  hs_ladder_layout_set_mode (layout, HS_LADDER_TIME_TRUE);
  g_assert_cmpfloat (hs_ladder_layout_get_height (layout), <, view_height);
  g_assert_true (hs_ladder_layout_visible_rows (layout, 0, view_height, &first, &last));
  g_assert_cmpuint (first, ==, 0);
  g_assert_cmpuint (rows_packets (layout, first, last), ==, n);
  g_assert_cmpuint (last - first + 1, <=, view_height / hs_ladder_layout_get_row_floor (layout));
  row = hs_ladder_layout_row_for_pos (layout, resent);
  g_assert_cmpuint (hs_ladder_layout_get_row (layout, row)->n, ==, 1);
  row = hs_ladder_layout_row_for_pos (layout, selected);
  g_assert_cmpuint (hs_ladder_layout_get_row (layout, row)->kind, ==, HS_LADDER_ROW_BUNDLE);
  row = hs_ladder_layout_row_for_pos (layout, hover);
  g_assert_cmpuint (hs_ladder_layout_get_row (layout, row)->kind, ==, HS_LADDER_ROW_BUNDLE);

  rec = _hs_ladder_layout_get_record (layout, resent);
  klass = hs_anomaly_class_for_record (rec);
  g_assert_cmpint (klass, ==, HS_ANOMALY_CLASS_RETRANSMISSION);
  g_assert_cmpint (hs_anomaly_class_for_record (_hs_ladder_layout_get_record (layout, selected)),
                   ==, HS_ANOMALY_CLASS_NONE);
  selected_label = g_strdup (hs_ladder_layout_get_label (layout, selected));
  hover_label = g_strdup (hs_ladder_layout_get_label (layout, hover));

  /* a new layout, so that no text is cached */
  hs_ladder_layout_free (layout);
  layout = hs_ladder_layout_new (capture, 0);
  hs_ladder_layout_set_mode (layout, HS_LADDER_TIME_TRUE);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1000, view_height);
  cr = cairo_create (surface);
  hs_ladder_viewport_init (&viewport);
  viewport.height = view_height;
  viewport.selected_pos = selected;
  viewport.hover_pos = hover;
  viewport.text_layer = text;

  _hs_ladder_layout_reset_stats (layout);
  hs_ladder_paint (cr, layout, palette, &viewport);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  _hs_ladder_layout_get_stats (layout, &stats);
  g_test_message ("%u rows in an %d-pixel view: %" G_GUINT64_FORMAT " records, %"
                  G_GUINT64_FORMAT " texts", n, view_height, stats.records_read,
                  stats.labels_built);
  /* a few per slot of two pixels, a text per line of text, not per row */
  g_assert_cmpuint (stats.records_read, <=, (guint) view_height / 4);
  g_assert_cmpuint (stats.labels_built, <=, (guint) view_height / 10);
  /* and every label or badge made was drawn (once each: one label has
   * " Seq=", the one badge "retransmission") */
  g_assert_cmpuint (stats.labels_built, ==,
                    count_substrings (text->str, " Seq=") +
                    count_substrings (text->str, "etransmission"));

  /* the retransmission's arrow is in its colour along its length (away
   * from its head), over the plain arrows that cross it or run next to it */
  row = hs_ladder_layout_row_for_pos (layout, resent);
  hs_ladder_layout_get_arrow (layout, row, &x0, &y0, &x1, &y1);
  for (k = 1; k <= 8; k++)
    {
      double t = k / 10.0;
      int x = (int) floor (x0 + t * (x1 - x0));
      int y = (int) floor (y0 + t * (y1 - y0));
      int dy;

      for (dy = -1; dy <= 1; dy++)
        {
          if (pixel_is (surface, x, y + dy, &palette->anomaly[klass]))
            {
              n_hits++;
              break;
            }
        }
    }
  g_assert_cmpuint (n_hits, ==, 8);
  /* and its badge is the one drawn in its slot */
  g_assert_nonnull (strstr (text->str, "etransmission of #"));

  /* the selected and hovered rows, plain ones in the crowd, in full */
  {
    g_autofree char *escaped = g_markup_escape_text (selected_label, -1);
    g_autofree char *element = g_strdup_printf (">%s</text>", escaped);

    g_assert_nonnull (strstr (text->str, element));
  }
  {
    g_autofree char *escaped = g_markup_escape_text (hover_label, -1);
    g_autofree char *element = g_strdup_printf (">%s</text>", escaped);
    g_autofree char *frame = g_strdup_printf (">#%u</text>",
                                              hs_ladder_layout_get_frame (layout, hover) + 1);

    g_assert_nonnull (strstr (text->str, element));
    g_assert_nonnull (strstr (text->str, frame));
  }

  if (g_getenv ("HS_TEST_KEEP") != NULL)
    {
      g_autofree char *png = tmp_path ("dense-selected.png");

      cairo_surface_write_to_png (surface, png);
    }

  /* the pointer resting on the next packet but one, a fraction of a pixel
   * away: the selected row keeps its texts, the hovered one gives way */
  {
    g_autofree char *frame = g_strdup_printf (">#%u</text>",
                                              hs_ladder_layout_get_frame (layout, selected) + 1);
    g_autofree char *next = g_strdup_printf (">#%u</text>",
                                             hs_ladder_layout_get_frame (layout, selected + 2) + 1);

    g_string_truncate (text, 0);
    viewport.hover_pos = selected + 2;
    hs_ladder_paint (cr, layout, palette, &viewport);
    g_assert_nonnull (strstr (text->str, frame));
    g_assert_null (strstr (text->str, next));
    g_assert_cmpuint (count_substrings (text->str, selected_label), ==, 1);
  }

  /* zoomed in as far as it goes, a viewport in the middle of the crowd:
   * the bundles are smaller, but still hold the packets a microsecond
   * apart */
  hs_ladder_layout_set_zoom (layout, HS_LADDER_MAX_ZOOM);
  g_assert_true (hs_ladder_layout_visible_rows (layout, 500, 500 + view_height, &first, &last));
  g_assert_cmpuint (rows_packets (layout, first, last), >, 10 * view_height);
  g_assert_cmpuint (last - first + 1, <=,
                    view_height / hs_ladder_layout_get_row_floor (layout) + 2);
  viewport.scroll_y = 500;
  viewport.selected_pos = HS_LADDER_NO_POS;
  viewport.hover_pos = HS_LADDER_NO_POS;
  viewport.text_layer = NULL;
  _hs_ladder_layout_reset_stats (layout);
  hs_ladder_paint (cr, layout, palette, &viewport);
  _hs_ladder_layout_get_stats (layout, &stats);
  g_test_message ("zoom %g: %u rows, %" G_GUINT64_FORMAT " records, %" G_GUINT64_FORMAT
                  " texts", HS_LADDER_MAX_ZOOM, last - first + 1, stats.records_read,
                  stats.labels_built);
  g_assert_cmpuint (stats.records_read, <=, (guint) view_height / 4);
  g_assert_cmpuint (stats.labels_built, <=, (guint) view_height / 10);

  if (g_getenv ("HS_TEST_KEEP") != NULL)
    {
      g_autofree char *png = tmp_path ("dense-zoomed.png");

      cairo_surface_write_to_png (surface, png);
    }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  hs_ladder_layout_free (layout);
}

/* The painters on every palette and mode, with hover and selection, and
 * the header, legend and overview: they must draw without errors, and the
 * hovered ACK's connector must show its RTT. */
static void
test_paint_all (void)
{
  HsLadderLayout *layout = hs_ladder_layout_new (story_capture (), 0);
  guint kind;

  for (kind = HS_PALETTE_LIGHT; kind <= HS_PALETTE_PRINT; kind++)
    {
      const HsPalette *palette = hs_palette_get (kind);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1000, 1200);
      cairo_t *cr = cairo_create (surface);
      g_autoptr(GString) text = g_string_new (NULL);
      HsLadderViewport viewport;

      hs_ladder_viewport_init (&viewport);
      viewport.height = 1200;
      viewport.hover_pos = 8;     /* the ACK of frame 7 */
      viewport.selected_pos = 4;
      viewport.text_layer = text;
      hs_ladder_layout_set_mode (layout, kind == HS_PALETTE_DARK ? HS_LADDER_TIME_TRUE
                                                                 : HS_LADDER_PACKET_ORDER);
      hs_ladder_paint (cr, layout, palette, &viewport);
      hs_ladder_paint_header (cr, layout, palette, text);
      hs_ladder_paint_legend (cr, layout, palette, text);
      hs_ladder_paint_overview (cr, layout, palette, 20, 300, 0, 400);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      g_assert_nonnull (strstr (text->str, ">RTT 9.0 ms</text>"));
      g_assert_nonnull (strstr (text->str, ">client</text>"));
      g_assert_nonnull (strstr (text->str, ">server</text>"));

      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }

  g_assert_cmpfloat (hs_ladder_legend_height (layout), >, 40);
  hs_ladder_layout_free (layout);
}

/* ------------------------------------------------------------------------ */
/* Live: extending a layout as the connection grows                          */

static HsLadderLayout *
live_layout_new (HsCapture *capture,
                 guint      stream,
                 guint      mode)
{
  HsLadderLayout *layout = hs_ladder_layout_new (capture, stream);

  hs_ladder_layout_set_mode (layout, (mode & 1) ? HS_LADDER_TIME_TRUE : HS_LADDER_PACKET_ORDER);
  hs_ladder_layout_set_collapse (layout, (mode & 2) != 0);
  return layout;
}

/* Everything a painter or a view asks a layout for, equal in both. */
static void
assert_layouts_equal (HsLadderLayout *a,
                      HsLadderLayout *b)
{
  const guint32 *an, *bn;
  guint n_a, n_b;
  guint n = hs_ladder_layout_get_n_packets (b);
  guint i;

  g_assert_cmpuint (hs_ladder_layout_get_n_packets (a), ==, n);
  g_assert_cmpuint (hs_ladder_layout_get_n_rows (a), ==, hs_ladder_layout_get_n_rows (b));
  g_assert_cmpfloat (hs_ladder_layout_get_height (a), ==, hs_ladder_layout_get_height (b));
  g_assert_cmpfloat (hs_ladder_layout_get_zoom (a), ==, hs_ladder_layout_get_zoom (b));
  g_assert_cmpfloat (hs_ladder_layout_get_max_zoom (a), ==, hs_ladder_layout_get_max_zoom (b));
  for (i = 0; i < hs_ladder_layout_get_n_rows (b); i++)
    {
      const HsLadderRow *ra = hs_ladder_layout_get_row (a, i);
      const HsLadderRow *rb = hs_ladder_layout_get_row (b, i);

      g_assert_cmpfloat (ra->y, ==, rb->y);
      g_assert_cmpuint (ra->first, ==, rb->first);
      g_assert_cmpuint (ra->n, ==, rb->n);
      g_assert_cmpuint (ra->kind, ==, rb->kind);
      g_assert_cmpuint (ra->gap_before, ==, rb->gap_before);
      if (ra->kind != HS_LADDER_ROW_PACKET)
        {
          g_autofree char *sa = hs_ladder_layout_dup_run_summary (a, i);
          g_autofree char *sb = hs_ladder_layout_dup_run_summary (b, i);

          g_assert_cmpstr (sa, ==, sb);
        }
    }

  g_assert_cmpuint (hs_ladder_layout_get_n_phases (a), ==, hs_ladder_layout_get_n_phases (b));
  for (i = 0; i < hs_ladder_layout_get_n_phases (b); i++)
    g_assert_cmpmem (hs_ladder_layout_get_phase (a, i), sizeof (HsLadderPhase),
                     hs_ladder_layout_get_phase (b, i), sizeof (HsLadderPhase));
  g_assert_cmpint (_hs_ladder_layout_get_client_side (a), ==, _hs_ladder_layout_get_client_side (b));

  an = hs_ladder_layout_get_anomalies (a, &n_a);
  bn = hs_ladder_layout_get_anomalies (b, &n_b);
  g_assert_cmpmem (an, n_a * sizeof (guint32), bn, n_b * sizeof (guint32));

  /* the indexes, over ranges of a few sizes */
  for (i = 0; i < n; i += 1 + i / 3)
    {
      guint last = MIN (n - 1, i + i / 2 + 3);
      guint ra = 0, rb = 0;
      guint d;

      for (d = 0; d <= HS_LADDER_EITHER_DIRECTION; d++)
        {
          g_assert_cmpuint (_hs_ladder_layout_find_notable (a, i, last, d, HS_LADDER_RANK_LANDMARK, &ra),
                            ==,
                            _hs_ladder_layout_find_notable (b, i, last, d, HS_LADDER_RANK_LANDMARK, &rb));
          g_assert_cmpuint (ra, ==, rb);
          if (d < 2)
            g_assert_cmpint (_hs_ladder_layout_has_direction (a, i, last, d), ==,
                             _hs_ladder_layout_has_direction (b, i, last, d));
        }
    }
  if (n > 0)
    g_assert_cmpstr (hs_ladder_layout_get_label (a, n - 1), ==, hs_ladder_layout_get_label (b, n - 1));
}

static void
check_live_extend (HsCapture *full)
{
  guint n = hs_capture_get_n_packets (full);
  guint mode;

  for (mode = 0; mode < 4; mode++)
    {
      g_autoptr(HsCapture) live = hs_test_live_new (full);
      g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func ((GDestroyNotify) hs_ladder_layout_free);
      guint upto = 0;
      guint step = 1;

      while (upto < n)
        {
          guint s;

          /* batches of 1, 2, 3, 5, 8 … packets, some of one packet */
          upto = MIN (n, upto + step);
          step = step < 3 ? step + 1 : step + step / 2;
          if (upto % 5 == 0)
            step = 1;
          hs_test_live_grow (live, full, upto);

          for (s = 0; s < hs_capture_get_n_connections (live); s++)
            {
              HsLadderLayout *fresh = live_layout_new (live, s, mode);

              if (s >= layouts->len)
                g_ptr_array_add (layouts, live_layout_new (live, s, mode));
              else
                g_assert_true (hs_ladder_layout_extend (g_ptr_array_index (layouts, s)));

              assert_layouts_equal (g_ptr_array_index (layouts, s), fresh);
              hs_ladder_layout_free (fresh);
            }
        }
    }
}

static void
test_live_extend (void)
{
  const char *files[] = {
    "linux-dsack.pcap", "linux-http.pcap", "linux-out-of-order.pcap",
    "linux-resets.pcap", "linux-zero-window.pcap",
  };
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "data", "sample.pcapng",
                                                   NULL);
  g_autoptr(HsCapture) sample_cap = hs_test_load (sample);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", files[i], NULL);
      g_autoptr(HsCapture) capture = hs_test_load (path);

      check_live_extend (capture);
    }

  check_live_extend (sample_cap);
  check_live_extend (story_capture ());
  check_live_extend (bulk_capture ());
  check_live_extend (long_capture ());
}

/* A layout that shows a range, or a connection that has fewer packets
 * than the layout, cannot be extended; one that has not grown can. */
static void
test_live_extend_cannot (void)
{
  HsCapture *full = bulk_capture ();
  g_autoptr(HsCapture) live = hs_test_live_new (full);
  HsLadderLayout *layout;

  hs_test_live_grow (live, full, 20);
  layout = hs_ladder_layout_new (live, 0);
  g_assert_true (hs_ladder_layout_extend (layout));
  g_assert_cmpuint (hs_ladder_layout_get_n_packets (layout), ==, 20);
  g_assert_true (hs_ladder_layout_set_range (layout, 2, 10));
  hs_test_live_grow (live, full, 30);
  g_assert_false (hs_ladder_layout_extend (layout));
  g_assert_cmpuint (hs_ladder_layout_get_n_packets (layout), ==, 20);
  hs_ladder_layout_free (layout);
}

/* The time-true scale as it was first defined: the bisection over every
 * gap of the range, then the initial RTT's bounds. */
static double
reference_time_scale (HsCapture *capture,
                      guint      stream)
{
  const HsConnection *conn = hs_capture_get_connection (capture, stream);
  double cap = HS_LADDER_GAP_CAP * HS_LADDER_ROW_HEIGHT;
  const guint32 *pkts;
  g_autofree double *gaps = NULL;
  double sum = 0, min_gap = G_MAXDOUBLE, target, lo, hi, scale;
  gint64 prev;
  guint n, i;
  int iter;

  pkts = hs_capture_get_stream_packets (capture, stream, &n);
  if (n < 2)
    return 0;
  n--;
  target = n * HS_LADDER_ROW_HEIGHT;
  gaps = g_new (double, n);
  prev = hs_capture_get_record (capture, pkts[0])->ts_ns;
  for (i = 0; i < n; i++)
    {
      gint64 t = hs_capture_get_record (capture, pkts[i + 1])->ts_ns;

      gaps[i] = t > prev ? (double)(t - prev) : 0.0;
      sum += gaps[i];
      if (gaps[i] > 0 && gaps[i] < min_gap)
        min_gap = gaps[i];
      prev = MAX (prev, t);
    }
  if (sum <= 0)
    return 0;

  lo = target / sum;
  hi = cap / min_gap;
  for (iter = 0; iter < 100 && lo < hi && hi / lo > 1.0 + 1e-9; iter++)
    {
      double mid = sqrt (lo * hi);
      double total = 0;

      for (i = 0; i < n; i++)
        total += MIN (gaps[i] * mid, cap);
      if (total < target)
        lo = mid;
      else
        hi = mid;
    }
  scale = lo < hi ? sqrt (lo * hi) : hi;
  if (conn->irtt_ns > 0)
    scale = CLAMP (scale, HS_LADDER_ROW_HEIGHT / 4 / (double) conn->irtt_ns,
                   HS_LADDER_ROW_HEIGHT / (double) conn->irtt_ns);
  return scale;
}

/* The scale a layout finds from its running sums of the gaps (at a bound
 * of the initial RTT without the bisection) is the bisection's, on whole
 * captures and on a live one at every batch. */
static void
check_time_scale (HsCapture *full)
{
  g_autoptr(HsCapture) live = hs_test_live_new (full);
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func ((GDestroyNotify) hs_ladder_layout_free);
  guint n = hs_capture_get_n_packets (full);
  guint upto = 0;

  while (upto < n)
    {
      upto = MIN (n, upto + 1 + upto / 4);
      hs_test_live_grow (live, full, upto);
      for (guint s = 0; s < hs_capture_get_n_connections (live); s++)
        {
          HsLadderLayout *layout;
          double want = reference_time_scale (live, s);

          if (s >= layouts->len)
            g_ptr_array_add (layouts, live_layout_new (live, s, 1));
          else
            g_assert_true (hs_ladder_layout_extend (g_ptr_array_index (layouts, s)));
          layout = g_ptr_array_index (layouts, s);
          if (want == 0)
            g_assert_cmpfloat (_hs_ladder_layout_get_time_scale (layout), ==, 0);
          else
            g_assert_cmpfloat_with_epsilon (_hs_ladder_layout_get_time_scale (layout), want,
                                            want * 1e-6);
        }
    }
}

static void
test_live_time_scale (void)
{
  const char *files[] = {
    "linux-dsack.pcap", "linux-http.pcap", "linux-out-of-order.pcap",
    "linux-resets.pcap", "linux-zero-window.pcap",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", files[i], NULL);
      g_autoptr(HsCapture) capture = hs_test_load (path);

      check_time_scale (capture);
    }
  check_time_scale (story_capture ());
  check_time_scale (bulk_capture ());
  check_time_scale (long_capture ());
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  tmp_dir = g_dir_make_tmp ("hs-test-ladder-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/handshake/ladder/geometry", test_geometry);
  g_test_add_func ("/handshake/ladder/visible", test_visible);
  g_test_add_func ("/handshake/ladder/phases", test_phases);
  g_test_add_func ("/handshake/ladder/collapse", test_collapse);
  g_test_add_func ("/handshake/ladder/collapse/label-after-run", test_collapse_label_after_run);
  g_test_add_func ("/handshake/ladder/time-true", test_time_true);
  g_test_add_func ("/handshake/ladder/time-true/handshake", test_time_true_handshake);
  g_test_add_func ("/handshake/ladder/time-true/bulk", test_time_true_bulk);
  g_test_add_func ("/handshake/ladder/paint/apart", test_paint_apart);
  g_test_add_func ("/handshake/ladder/paint/badges", test_paint_badges);
  g_test_add_func ("/handshake/ladder/labels", test_labels);
  g_test_add_func ("/handshake/ladder/labels-options", test_labels_options);
  g_test_add_func ("/handshake/ladder/badge-linux-probe", test_badge_linux_probe);
  g_test_add_func ("/handshake/ladder/anomalies", test_anomalies);
  g_test_add_func ("/handshake/ladder/export/svg", test_export_svg);
  g_test_add_func ("/handshake/ladder/export/png-pdf", test_export_png_pdf);
  g_test_add_func ("/handshake/ladder/paint/cost", test_paint_cost);
  g_test_add_func ("/handshake/ladder/paint/dense", test_paint_dense);
  g_test_add_func ("/handshake/ladder/paint/all", test_paint_all);
  g_test_add_func ("/handshake/ladder/live/extend", test_live_extend);
  g_test_add_func ("/handshake/ladder/live/extend-cannot", test_live_extend_cannot);
  g_test_add_func ("/handshake/ladder/live/time-scale", test_live_time_scale);

  status = g_test_run ();

  g_clear_object (&story_cap);
  g_clear_object (&three_cap);
  g_clear_object (&reset_cap);
  g_clear_object (&bulk_cap);
  g_clear_object (&midstream_cap);
  g_clear_object (&big_cap);
  g_clear_object (&dense_cap);

  hs_test_remove_tmp_dir (tmp_dir);

  return status;
}
