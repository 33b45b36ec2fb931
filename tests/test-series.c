/* test-series.c
 *
 * Copyright 2026 Handshake developers
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The graph series (hs-tcp-series.h) against values worked out by hand on
 * captures written here, and against an independent tracker pass (and the
 * `handshake-cli analyze` columns, when the CLI is built) on
 * data/sample.pcapng.
 *
 * The story capture (story_write) is one connection: client 10.0.0.1:40000
 * with ISN 0xffffff00 (so relative numbers wrap), server 10.0.0.2:443 with
 * ISN 3000000000; times in ms from T0.
 *
 *  frame  ms  from  flags  rel seq  rel ack  win    len  options
 *    1     0  C     S         0       -      64240   0   MSS, SACK_PERM, WS 7
 *    2    20  S     SA        0       1      65160   0   MSS, SACK_PERM, WS 9
 *    3    30  C     A         1       1        501   0
 *    4    40  C     PA        1       1        501 1000
 *    5    70  S     A         1    1001        128   0
 *    6    75  S     PA        1    1001        128  500
 *    7    90  C     PA     1001     501        501 1000
 *    8   100  C     PA     2001     501        501 1000   (lost after the capture point)
 *    9   110  C     PA     3001     501        501 1000
 *   10   115  C     PA     4001     501        501 1000   (lost too)
 *   11   120  C     PA     5001     501        501 1000
 *   12   125  S     A       501    2001        128   0
 *   13   130  S     A       501    2001        128   0   SACK 3001-4001       Dup ACK 12#1
 *   14   135  S     A       501    2001        128   0   SACK 5001-6001, 3001-4001  Dup ACK 12#2
 *   15   150  C     PA     2001     501        501 1000   Fast Retransmission (2 dup ACKs,
 *                                                         seq = peer's ACK, 15 ms < 20 ms)
 *   16   180  S     A       501    4001        128   0   SACK 5001-6001
 *   17   190  C     PA     4001     501        501 1000   Retransmission (70 ms since the
 *                                                         last advance > iRTT 30 ms)
 *   18   220  S     A       501    6001          0   0   Zero Window
 *   19   300  S     A       501    6001        128   0   Window Update
 *   20   310  C     FA     6001     501        501   0
 *   21   320  S     FA      501    6002        128   0
 *   22   330  C     A      6002     502        501   0
 *
 * Both sides scale (WS 7 and WS 9), so after the SYNs the client's window
 * is 501 << 7 = 64128 and the server's 128 << 9 = 65536. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "handshake.h"
#include "hs-capture-reader.h"
#include "hs-test-utils.h"

#define T0 G_GINT64_CONSTANT (1700000000000000000)
#define MS G_GINT64_CONSTANT (1000000)

#define FIN HS_TCP_FIN
#define SYN HS_TCP_SYN
#define RST HS_TCP_RST
#define PSH HS_TCP_PSH
#define ACK HS_TCP_ACK

#define C 0
#define S 1

#define EPS 1e-12

static char *tmp_dir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

/* ------------------------------------------------------------------------ */
/* Writing captures                                                          */

/* One connection to write segments of: numbers are relative to `isn`. */
typedef struct
{
  const char *addr[2];
  guint16     port[2];
  guint32     isn[2];      /* raw number of relative 0 (mid-stream: first seq - 1) */
} Conn;

typedef struct
{
  guint8 bytes[40];
  guint  len;
} Options;

/* MSS 1460, SACK_PERM and (if wscale >= 0) a window scale option */
static Options
syn_options (int wscale)
{
  Options o = { { 2, 4, 0x05, 0xb4, 4, 2 }, 6 };

  if (wscale >= 0)
    {
      o.bytes[o.len++] = 1;  /* NOP */
      o.bytes[o.len++] = 3;
      o.bytes[o.len++] = 3;
      o.bytes[o.len++] = (guint8) wscale;
    }
  return o;
}

static void
put32 (guint8  *p,
       guint32  v)
{
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

/* SACK blocks about `data_dir`'s data: pairs of relative left, right edges */
static Options
sack_options (const Conn    *conn,
              guint          data_dir,
              guint          n,
              const guint32 *blocks)
{
  Options o = { { 1, 1, 5, (guint8)(2 + 8 * n) }, 4 };
  guint i;

  for (i = 0; i < 2 * n; i++)
    {
      put32 (o.bytes + o.len, conn->isn[data_dir] + blocks[i]);
      o.len += 4;
    }
  return o;
}

static void
seg (HsTestWriter  *w,
     const Conn    *conn,
     gint64         ms,
     guint          from,
     guint16        flags,
     guint32        seq,
     guint32        ack,
     guint16        win,
     guint          len,
     const Options *opts)
{
  HsTestSegment s = { 0 };

  s.src = conn->addr[from];
  s.dst = conn->addr[!from];
  s.sport = conn->port[from];
  s.dport = conn->port[!from];
  s.seq = conn->isn[from] + seq;
  s.ack = (flags & ACK) ? conn->isn[!from] + ack : 0;
  s.flags = flags;
  s.window = win;
  s.payload_len = len;
  if (opts != NULL)
    {
      s.options = opts->bytes;
      s.options_len = opts->len;
    }

  hs_test_writer_segment (w, T0 + ms * MS, &s);
}

static const Conn story_conn = {
  { "10.0.0.1", "10.0.0.2" }, { 40000, 443 }, { 0xffffff00u, 3000000000u }
};

/* The capture of the table at the top of this file. */
static void
story_write_conn (const char   *path,
                  HsTestFormat  format,
                  gboolean      gzip,
                  const Conn   *c)
{
  HsTestWriter *w = hs_test_writer_new (path, format, 1, gzip);
  Options syn_c = syn_options (7), syn_s = syn_options (9);
  static const guint32 sack13[] = { 3001, 4001 };
  static const guint32 sack14[] = { 5001, 6001, 3001, 4001 };
  static const guint32 sack16[] = { 5001, 6001 };
  Options o13 = sack_options (c, C, 1, sack13);
  Options o14 = sack_options (c, C, 2, sack14);
  Options o16 = sack_options (c, C, 1, sack16);

  seg (w, c,   0, C, SYN,       0,    0, 64240,    0, &syn_c);   /*  1 */
  seg (w, c,  20, S, SYN | ACK, 0,    1, 65160,    0, &syn_s);   /*  2 */
  seg (w, c,  30, C, ACK,       1,    1,   501,    0, NULL);     /*  3 */
  seg (w, c,  40, C, PSH | ACK, 1,    1,   501, 1000, NULL);     /*  4 */
  seg (w, c,  70, S, ACK,       1, 1001,   128,    0, NULL);     /*  5 */
  seg (w, c,  75, S, PSH | ACK, 1, 1001,   128,  500, NULL);     /*  6 */
  seg (w, c,  90, C, PSH | ACK, 1001, 501, 501, 1000, NULL);     /*  7 */
  seg (w, c, 100, C, PSH | ACK, 2001, 501, 501, 1000, NULL);     /*  8 */
  seg (w, c, 110, C, PSH | ACK, 3001, 501, 501, 1000, NULL);     /*  9 */
  seg (w, c, 115, C, PSH | ACK, 4001, 501, 501, 1000, NULL);     /* 10 */
  seg (w, c, 120, C, PSH | ACK, 5001, 501, 501, 1000, NULL);     /* 11 */
  seg (w, c, 125, S, ACK,       501, 2001, 128,    0, NULL);     /* 12 */
  seg (w, c, 130, S, ACK,       501, 2001, 128,    0, &o13);     /* 13 */
  seg (w, c, 135, S, ACK,       501, 2001, 128,    0, &o14);     /* 14 */
  seg (w, c, 150, C, PSH | ACK, 2001, 501, 501, 1000, NULL);     /* 15 */
  seg (w, c, 180, S, ACK,       501, 4001, 128,    0, &o16);     /* 16 */
  seg (w, c, 190, C, PSH | ACK, 4001, 501, 501, 1000, NULL);     /* 17 */
  seg (w, c, 220, S, ACK,       501, 6001,   0,    0, NULL);     /* 18 */
  seg (w, c, 300, S, ACK,       501, 6001, 128,    0, NULL);     /* 19 */
  seg (w, c, 310, C, FIN | ACK, 6001, 501, 501,    0, NULL);     /* 20 */
  seg (w, c, 320, S, FIN | ACK, 501, 6002, 128,    0, NULL);     /* 21 */
  seg (w, c, 330, C, ACK,       6002, 502, 501,    0, NULL);     /* 22 */

  hs_test_writer_close (w);
}

static void
story_write (const char   *path,
             HsTestFormat  format,
             gboolean      gzip)
{
  story_write_conn (path, format, gzip, &story_conn);
}

static HsCapture *story_capture;

static HsCapture *
story (void)
{
  if (story_capture == NULL)
    {
      g_autofree char *path = tmp_path ("story.pcap");

      story_write (path, HS_TEST_PCAP_NSEC, FALSE);
      story_capture = hs_test_load (path);
      g_assert_cmpuint (hs_capture_get_n_packets (story_capture), ==, 22);
      g_assert_cmpuint (hs_capture_get_n_connections (story_capture), ==, 1);
    }

  return story_capture;
}

/* Two connections, interleaved:
 *  stream 0 (M), picked up mid-stream: 10.0.0.3:40001 -> 10.0.0.4:8080, the
 *    client's first seq is 7000000 (relative 1, so base 6999999), the
 *    server's 9000000 (base 8999999, set from the client's first ACK);
 *  stream 1 (N), a handshake without window scaling: 10.0.0.5:40002 ->
 *    10.0.0.6:80, ISNs 100 and 200, ended by a RST from the client.
 *
 *  frame  ms  conn  from  flags  rel seq  rel ack  win    len  options
 *    1     0   M    C     PA        1        1      1000  100
 *    2     5   N    C     S         0        -      8192    0  MSS, SACK_PERM
 *    3    10   M    S     A         1      101      2000    0
 *    4    12   N    S     SA        0        1     16384    0  MSS, SACK_PERM
 *    5    20   M    C     PA      101        1      1000  100
 *    6    20   M    C     PA      201        1      1000  100  (same time as 5)
 *    7    22   N    C     A         1        1      8192    0
 *    8    40   M    S     A         1      101      2000    0  SACK 201-301: Dup ACK 3#1
 *    9    45   N    C     PA        1        1      8192  300
 *   10    50   N    S     A         1      301     16384    0
 *   11    60   N    C     R       301        -         0    0 */
static const Conn mid_conn = {
  { "10.0.0.3", "10.0.0.4" }, { 40001, 8080 }, { 6999999u, 8999999u }
};
static const Conn noscale_conn = {
  { "10.0.0.5", "10.0.0.6" }, { 40002, 80 }, { 100u, 200u }
};

static void
mixed_write (const char *path)
{
  HsTestWriter *w = hs_test_writer_new (path, HS_TEST_PCAP_NSEC, 1, FALSE);
  const Conn *m = &mid_conn, *n = &noscale_conn;
  Options syn = syn_options (-1);
  static const guint32 sack8[] = { 201, 301 };
  Options o8 = sack_options (m, C, 1, sack8);

  seg (w, m,  0, C, PSH | ACK, 1,     1,  1000, 100, NULL);  /*  1 */
  seg (w, n,  5, C, SYN,       0,     0,  8192,   0, &syn);  /*  2 */
  seg (w, m, 10, S, ACK,       1,   101,  2000,   0, NULL);  /*  3 */
  seg (w, n, 12, S, SYN | ACK, 0,     1, 16384,   0, &syn);  /*  4 */
  seg (w, m, 20, C, PSH | ACK, 101,   1,  1000, 100, NULL);  /*  5 */
  seg (w, m, 20, C, PSH | ACK, 201,   1,  1000, 100, NULL);  /*  6 */
  seg (w, n, 22, C, ACK,       1,     1,  8192,   0, NULL);  /*  7 */
  seg (w, m, 40, S, ACK,       1,   101,  2000,   0, &o8);   /*  8 */
  seg (w, n, 45, C, PSH | ACK, 1,     1,  8192, 300, NULL);  /*  9 */
  seg (w, n, 50, S, ACK,       1,   301, 16384,   0, NULL);  /* 10 */
  seg (w, n, 60, C, RST,       301,   0,     0,   0, NULL);  /* 11 */

  hs_test_writer_close (w);
}

static HsCapture *mixed_capture;

static HsCapture *
mixed (void)
{
  if (mixed_capture == NULL)
    {
      g_autofree char *path = tmp_path ("mixed.pcap");

      mixed_write (path);
      mixed_capture = hs_test_load (path);
      g_assert_cmpuint (hs_capture_get_n_packets (mixed_capture), ==, 11);
      g_assert_cmpuint (hs_capture_get_n_connections (mixed_capture), ==, 2);
    }

  return mixed_capture;
}

/* ------------------------------------------------------------------------ */
/* Checking series                                                           */

typedef struct
{
  gint64 ms;       /* time since the connection's first packet */
  double value;
  guint  pos;
} Point;

static void
assert_series (const HsSeries *s,
               const Point    *expected,
               guint           n)
{
  guint i;

  for (i = 0; i < MIN (s->n, n); i++)
    g_test_message ("point %u: t %" G_GINT64_FORMAT " ns, value %g, pos %u",
                    i, s->points[i].t_ns, s->points[i].value, s->points[i].pos);

  g_assert_cmpuint (s->n, ==, n);
  if (n == 0)
    g_assert_null (s->points);

  for (i = 0; i < n; i++)
    {
      g_assert_cmpint (s->points[i].t_ns, ==, expected[i].ms * MS);
      g_assert_cmpfloat_with_epsilon (s->points[i].value, expected[i].value,
                                      EPS * MAX (1.0, expected[i].value));
      g_assert_cmpuint (s->points[i].pos, ==, expected[i].pos);
    }
}

/* ------------------------------------------------------------------------ */
/* The story                                                                 */

static void
test_window_scaled (void)
{
  HsCapture *capture = story ();
  HsSeries s = { 0 };
  gboolean unknown = TRUE;
  /* client: the SYN's 64240 unscaled, then 501 << 7 = 64128 on frames
   * 3, 4, 7-11, 15, 17, 20 and 22 (positions = frame - 1) */
  static const Point client[] = {
    {   0, 64240,  0 }, {  30, 64128,  2 }, {  40, 64128,  3 }, {  90, 64128,  6 },
    { 100, 64128,  7 }, { 110, 64128,  8 }, { 115, 64128,  9 }, { 120, 64128, 10 },
    { 150, 64128, 14 }, { 190, 64128, 16 }, { 310, 64128, 19 }, { 330, 64128, 21 },
  };
  /* server: the SYN/ACK's 65160 unscaled, then 128 << 9 = 65536, and 0 on
   * the zero window of frame 18 */
  static const Point server[] = {
    {  20, 65160,  1 }, {  70, 65536,  4 }, {  75, 65536,  5 }, { 125, 65536, 11 },
    { 130, 65536, 12 }, { 135, 65536, 13 }, { 180, 65536, 15 }, { 220,     0, 17 },
    { 300, 65536, 18 }, { 320, 65536, 20 },
  };

  hs_series_window (capture, 0, C, &s, &unknown);
  g_assert_false (unknown);
  assert_series (&s, client, G_N_ELEMENTS (client));
  hs_series_clear (&s);

  unknown = TRUE;
  hs_series_window (capture, 0, S, &s, &unknown);
  g_assert_false (unknown);
  assert_series (&s, server, G_N_ELEMENTS (server));
  hs_series_clear (&s);

  /* scale_unknown may be NULL */
  hs_series_window (capture, 0, S, &s, NULL);
  g_assert_cmpuint (s.n, ==, G_N_ELEMENTS (server));
  hs_series_clear (&s);
}

static void
test_bytes_in_flight (void)
{
  HsCapture *capture = story ();
  HsSeries s = { 0 };
  /* client data, highest end minus lowest unACKed start, less what the
   * server's last SACK blocks cover:
   *  4: 1..1001 = 1000;  7: frame 4 ACKed by 5, 1001..2001 = 1000;
   *  8: 1001..3001 = 2000;  9: 3000;  10: 4000;  11: 1001..6001 = 5000;
   * 15: frame 12 ACKed 2001, 2001..6001 = 4000 - SACK of 14 (1000 + 1000) = 2000;
   * 17: frame 16 ACKed 4001, 4001..6001 = 2000 - SACK of 16 (1000) = 1000;
   * pure ACKs and the FIN (no payload) report none */
  static const Point client[] = {
    {  40, 1000,  3 }, {  90, 1000,  6 }, { 100, 2000,  7 }, { 110, 3000,  8 },
    { 115, 4000,  9 }, { 120, 5000, 10 }, { 150, 2000, 14 }, { 190, 1000, 16 },
  };
  /* server: frame 6, 500 bytes */
  static const Point server[] = { { 75, 500, 5 } };

  hs_series_bytes_in_flight (capture, 0, C, &s);
  assert_series (&s, client, G_N_ELEMENTS (client));
  hs_series_clear (&s);

  hs_series_bytes_in_flight (capture, 0, S, &s);
  assert_series (&s, server, G_N_ELEMENTS (server));
  hs_series_clear (&s);
}

static void
test_rtt (void)
{
  HsCapture *capture = story ();
  HsSeries s = { 0 };
  /* the client's segments, ACKed by the server (the eldest segment ending
   * exactly at the ACK number is the one acknowledged):
   *  2 acks the SYN (1):   20 -   0 = 0.020 s
   *  5 acks 4:             70 -  40 = 0.030 s
   * 12 acks 7 (end 2001): 125 -  90 = 0.035 s
   * 13, 14: dup ACKs, no sample
   * 16 acks 9 (end 4001): 180 - 110 = 0.070 s
   * 18 acks 11 (end 6001): 220 - 120 = 0.100 s
   * 19: nothing left to acknowledge
   * 21 acks the FIN (20): 320 - 310 = 0.010 s */
  static const Point client[] = {
    {  20, 0.020,  1 }, {  70, 0.030,  4 }, { 125, 0.035, 11 },
    { 180, 0.070, 15 }, { 220, 0.100, 17 }, { 320, 0.010, 20 },
  };
  /* the server's segments, ACKed by the client:
   *  3 acks the SYN/ACK (2): 30 - 20 = 0.010 s
   *  7 acks 6 (end 501):     90 - 75 = 0.015 s
   * 22 acks the FIN (21):   330 - 320 = 0.010 s */
  static const Point server[] = {
    { 30, 0.010, 2 }, { 90, 0.015, 6 }, { 330, 0.010, 21 },
  };

  hs_series_rtt (capture, 0, C, &s);
  assert_series (&s, client, G_N_ELEMENTS (client));
  hs_series_clear (&s);

  hs_series_rtt (capture, 0, S, &s);
  assert_series (&s, server, G_N_ELEMENTS (server));
  hs_series_clear (&s);
}

static void
test_throughput (void)
{
  HsCapture *capture = story ();
  HsSeries thr = { 0 }, good = { 0 };
  guint i;
  gboolean less = FALSE;
  /* Window 50 ms: bytes of the client's segments in (t - 50 ms, t], over
   * 0.05 s.  Segments: 4 @40, 7 @90, 8 @100, 9 @110, 10 @115, 11 @120,
   * 15 @150 (fast retransmission), 17 @190 (retransmission), 1000 B each.
   *  4: (-10, 40]  {4}              1000 / 0.05 =  20000
   *  7: (40, 90]   {7} (4 is out: the window is open on the left)  20000
   *  8: (50, 100]  {7, 8}           2000 / 0.05 =  40000
   *  9: (60, 110]  {7, 8, 9}                       60000
   * 10: (65, 115]  {7..10}                         80000
   * 11: (70, 120]  {7..11}                        100000
   * 15: (100, 150] {9, 10, 11, 15} (8 is out)      80000, goodput {9, 10, 11} 60000
   * 17: (140, 190] {15, 17}                        40000, goodput {}          0 */
  static const Point throughput[] = {
    {  40,  20000,  3 }, {  90,  20000,  6 }, { 100,  40000,  7 }, { 110, 60000,  8 },
    { 115,  80000,  9 }, { 120, 100000, 10 }, { 150,  80000, 14 }, { 190, 40000, 16 },
  };
  static const Point goodput[] = {
    {  40,  20000,  3 }, {  90,  20000,  6 }, { 100,  40000,  7 }, { 110, 60000,  8 },
    { 115,  80000,  9 }, { 120, 100000, 10 }, { 150,  60000, 14 }, { 190,     0, 16 },
  };
  /* Window 1 s: everything so far, over 1 s; at 190 ms 8 segments = 8000 B/s,
   * goodput 6 = 6000 B/s.  The server's one segment: 500 B/s. */
  static const Point server[] = { { 75, 500, 5 } };

  hs_series_throughput (capture, 0, C, 50 * MS, FALSE, &thr);
  assert_series (&thr, throughput, G_N_ELEMENTS (throughput));
  hs_series_throughput (capture, 0, C, 50 * MS, TRUE, &good);
  assert_series (&good, goodput, G_N_ELEMENTS (goodput));

  /* goodput never above throughput, and below it where a retransmission
   * is in the window */
  for (i = 0; i < thr.n; i++)
    {
      g_assert_cmpfloat (good.points[i].value, <=, thr.points[i].value);
      less |= good.points[i].value < thr.points[i].value;
    }
  g_assert_true (less);
  hs_series_clear (&thr);
  hs_series_clear (&good);

  hs_series_throughput (capture, 0, C, 1000 * MS, FALSE, &thr);
  g_assert_cmpuint (thr.n, ==, 8);
  g_assert_cmpfloat_with_epsilon (thr.points[7].value, 8000, EPS * 8000);
  hs_series_clear (&thr);
  hs_series_throughput (capture, 0, C, 1000 * MS, TRUE, &thr);
  g_assert_cmpuint (thr.n, ==, 8);
  g_assert_cmpfloat_with_epsilon (thr.points[7].value, 6000, EPS * 6000);
  hs_series_clear (&thr);

  hs_series_throughput (capture, 0, S, 1000 * MS, FALSE, &thr);
  assert_series (&thr, server, G_N_ELEMENTS (server));
  hs_series_clear (&thr);
}

typedef struct
{
  gint64  ms;
  guint32 seq;
  guint32 len;
  guint   pos;
  guint32 marks;
} Segment;

typedef struct
{
  gint64  ms;
  guint32 ack;
  guint32 win_edge;
  guint   pos;
  guint32 dup_ack;
  guint   n_sack;
  guint32 sack[4][2];
} Ack;

static void
assert_seq_series (const HsSeqSeries *s,
                   const Segment     *segments,
                   guint              n_segments,
                   const Ack         *acks,
                   guint              n_acks)
{
  guint i, j;

  g_assert_cmpuint (s->n_segments, ==, n_segments);
  for (i = 0; i < n_segments; i++)
    {
      const HsSeqSegment *got = &s->segments[i];

      g_test_message ("segment %u: pos %u seq %u len %u marks 0x%x",
                      i, got->pos, got->seq, got->len, got->marks);
      g_assert_cmpint (got->t_ns, ==, segments[i].ms * MS);
      g_assert_cmpuint (got->seq, ==, segments[i].seq);
      g_assert_cmpuint (got->len, ==, segments[i].len);
      g_assert_cmpuint (got->pos, ==, segments[i].pos);
      g_assert_cmphex (got->marks, ==, segments[i].marks);
    }

  g_assert_cmpuint (s->n_acks, ==, n_acks);
  for (i = 0; i < n_acks; i++)
    {
      const HsSeqAck *got = &s->acks[i];

      g_test_message ("ack %u: pos %u ack %u edge %u dup %u sacks %u",
                      i, got->pos, got->ack, got->win_edge, got->dup_ack, got->n_sack);
      g_assert_cmpint (got->t_ns, ==, acks[i].ms * MS);
      g_assert_cmpuint (got->ack, ==, acks[i].ack);
      g_assert_cmpuint (got->win_edge, ==, acks[i].win_edge);
      g_assert_cmpuint (got->pos, ==, acks[i].pos);
      g_assert_cmpuint (got->dup_ack, ==, acks[i].dup_ack);
      g_assert_cmpuint (got->n_sack, ==, acks[i].n_sack);
      for (j = 0; j < acks[i].n_sack; j++)
        {
          g_assert_cmpuint (got->sack_left[j], ==, acks[i].sack[j][0]);
          g_assert_cmpuint (got->sack_right[j], ==, acks[i].sack[j][1]);
        }
    }
}

#define RETR HS_SEGMENT_RETRANSMISSION

/* The client's sequence space: its segments (SYN and FIN count 1), the
 * server's ACKs with window edges ack + 65536 (ack + 65160 on the SYN/ACK,
 * ack + 0 on the zero window) and the SACK blocks relative to the client's
 * ISN. */
static const Segment story_client_segments[] = {
  {   0,    0,    1,  0, HS_SEGMENT_SYN },
  {  40,    1, 1000,  3, 0 },
  {  90, 1001, 1000,  6, 0 },
  { 100, 2001, 1000,  7, 0 },
  { 110, 3001, 1000,  8, 0 },
  { 115, 4001, 1000,  9, 0 },
  { 120, 5001, 1000, 10, 0 },
  { 150, 2001, 1000, 14, RETR },   /* fast retransmission */
  { 190, 4001, 1000, 16, RETR },
  { 310, 6001,    1, 19, HS_SEGMENT_FIN },
};

static const Ack story_server_acks[] = {
  {  20,    1,    1 + 65160,  1, 0, 0, { { 0 } } },
  {  70, 1001, 1001 + 65536,  4, 0, 0, { { 0 } } },
  {  75, 1001, 1001 + 65536,  5, 0, 0, { { 0 } } },
  { 125, 2001, 2001 + 65536, 11, 0, 0, { { 0 } } },
  { 130, 2001, 2001 + 65536, 12, 1, 1, { { 3001, 4001 } } },
  { 135, 2001, 2001 + 65536, 13, 2, 2, { { 5001, 6001 }, { 3001, 4001 } } },
  { 180, 4001, 4001 + 65536, 15, 0, 1, { { 5001, 6001 } } },
  { 220, 6001, 6001,         17, 0, 0, { { 0 } } },
  { 300, 6001, 6001 + 65536, 18, 0, 0, { { 0 } } },
  { 320, 6002, 6002 + 65536, 20, 0, 0, { { 0 } } },
};

static void
test_seq_client (void)
{
  HsSeqSeries s = { 0 };

  hs_seq_series_compute (story (), 0, C, &s);
  assert_seq_series (&s, story_client_segments, G_N_ELEMENTS (story_client_segments),
                     story_server_acks, G_N_ELEMENTS (story_server_acks));
  hs_seq_series_clear (&s);
}

static void
test_seq_server (void)
{
  HsSeqSeries s = { 0 };
  /* the server's SYN/ACK, 500 bytes and FIN */
  static const Segment segments[] = {
    {  20,   0,   1,  1, HS_SEGMENT_SYN },
    {  75,   1, 500,  5, 0 },
    { 320, 501,   1, 20, HS_SEGMENT_FIN },
  };
  /* every client packet but the SYN carries an ACK; window 64128 after the
   * SYN */
  static const Ack acks[] = {
    {  30,   1,   1 + 64128,  2, 0, 0, { { 0 } } },
    {  40,   1,   1 + 64128,  3, 0, 0, { { 0 } } },
    {  90, 501, 501 + 64128,  6, 0, 0, { { 0 } } },
    { 100, 501, 501 + 64128,  7, 0, 0, { { 0 } } },
    { 110, 501, 501 + 64128,  8, 0, 0, { { 0 } } },
    { 115, 501, 501 + 64128,  9, 0, 0, { { 0 } } },
    { 120, 501, 501 + 64128, 10, 0, 0, { { 0 } } },
    { 150, 501, 501 + 64128, 14, 0, 0, { { 0 } } },
    { 190, 501, 501 + 64128, 16, 0, 0, { { 0 } } },
    { 310, 501, 501 + 64128, 19, 0, 0, { { 0 } } },
    { 330, 502, 502 + 64128, 21, 0, 0, { { 0 } } },
  };

  hs_seq_series_compute (story (), 0, S, &s);
  assert_seq_series (&s, segments, G_N_ELEMENTS (segments), acks, G_N_ELEMENTS (acks));
  hs_seq_series_clear (&s);
}

/* The same story as pcapng and gzip-compressed pcapng: the SACK blocks are
 * read back through the other readers too. */
static void
test_seq_formats (void)
{
  static const struct { const char *name; HsTestFormat format; gboolean gzip; } files[] = {
    { "story.pcapng", HS_TEST_PCAPNG, FALSE },
    { "story-be.pcapng.gz", HS_TEST_PCAPNG_BE, TRUE },
    { "story-us.pcap.gz", HS_TEST_PCAP_USEC, TRUE },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = tmp_path (files[i].name);
      g_autoptr(HsCapture) capture = NULL;
      HsSeqSeries s = { 0 };

      story_write (path, files[i].format, files[i].gzip);
      capture = hs_test_load (path);
      hs_seq_series_compute (capture, 0, C, &s);
      assert_seq_series (&s, story_client_segments, G_N_ELEMENTS (story_client_segments),
                         story_server_acks, G_N_ELEMENTS (story_server_acks));
      hs_seq_series_clear (&s);
    }
}

/* The file is gone, or is another file now: the ACKs stay, without SACK
 * blocks. */
static void
test_seq_file_gone (void)
{
  g_autofree char *path = tmp_path ("gone.pcap");
  g_autofree char *other = tmp_path ("other.pcap");
  g_autoptr(HsCapture) capture = NULL;
  Ack acks[G_N_ELEMENTS (story_server_acks)];
  HsSeqSeries s = { 0 };
  guint i;

  memcpy (acks, story_server_acks, sizeof acks);
  for (i = 0; i < G_N_ELEMENTS (acks); i++)
    acks[i].n_sack = 0;

  story_write (path, HS_TEST_PCAP_NSEC, FALSE);
  capture = hs_test_load (path);

  /* replaced by the same story with other ISNs: the bytes at the offsets
   * of frames 13, 14 and 16 are ACKs with SACK blocks, but not these */
  {
    Conn moved = story_conn;

    moved.isn[C] += 100000;
    moved.isn[S] += 100000;
    story_write_conn (other, HS_TEST_PCAP_NSEC, FALSE, &moved);
    g_assert_cmpint (g_rename (other, path), ==, 0);
  }
  hs_seq_series_compute (capture, 0, C, &s);
  assert_seq_series (&s, story_client_segments, G_N_ELEMENTS (story_client_segments),
                     acks, G_N_ELEMENTS (acks));
  hs_seq_series_clear (&s);

  /* replaced by a shorter capture: the offsets are past its end */
  mixed_write (other);
  g_assert_cmpint (g_rename (other, path), ==, 0);
  hs_seq_series_compute (capture, 0, C, &s);
  assert_seq_series (&s, story_client_segments, G_N_ELEMENTS (story_client_segments),
                     acks, G_N_ELEMENTS (acks));
  hs_seq_series_clear (&s);

  /* removed */
  g_assert_cmpint (g_unlink (path), ==, 0);
  hs_seq_series_compute (capture, 0, C, &s);
  assert_seq_series (&s, story_client_segments, G_N_ELEMENTS (story_client_segments),
                     acks, G_N_ELEMENTS (acks));
  hs_seq_series_clear (&s);

  /* the series that read no bytes are unchanged */
  {
    HsSeries w = { 0 };
    gboolean unknown = TRUE;

    hs_series_window (capture, 0, S, &w, &unknown);
    g_assert_false (unknown);
    g_assert_cmpuint (w.n, ==, 10);
    g_assert_cmpfloat (w.points[7].value, ==, 0);
    hs_series_clear (&w);
  }
}

/* SACK packets more than a megabyte apart in the file, so that reading
 * them back seeks instead of walking forward record by record.  Stream 0
 * (the mid-stream connection): the client sends 1..401 in four segments of
 * 100 bytes at 0-3 ms; the server ACKs 101 three times (10, 20, 30 ms), each
 * time after 1000 filler segments of 1200 bytes (stream 1):
 *   SACK 201-301;  SACK 301-401, 201-301;  SACK 201-401 */
static void
test_seq_far_sacks (void)
{
  static const Conn filler = {
    { "10.0.0.9", "10.0.0.10" }, { 5000, 6000 }, { 1000u, 2000u }
  };
  static const guint32 b1[] = { 201, 301 };
  static const guint32 b2[] = { 301, 401, 201, 301 };
  static const guint32 b3[] = { 201, 401 };
  static const Ack acks[] = {
    { 10, 101, 101 + 2000, 4, 0, 1, { { 201, 301 } } },
    { 20, 101, 101 + 2000, 5, 1, 2, { { 301, 401 }, { 201, 301 } } },
    { 30, 101, 101 + 2000, 6, 2, 1, { { 201, 401 } } },
  };
  static const struct { const char *name; HsTestFormat format; gboolean gzip; } files[] = {
    { "far.pcap", HS_TEST_PCAP_NSEC, FALSE },
    { "far.pcapng.gz", HS_TEST_PCAPNG, TRUE },
  };
  const Conn *m = &mid_conn;
  Options o1 = sack_options (m, C, 1, b1);
  Options o2 = sack_options (m, C, 2, b2);
  Options o3 = sack_options (m, C, 1, b3);
  const Options *opts[] = { &o1, &o2, &o3 };
  guint f, i, k;

  for (f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autofree char *path = tmp_path (files[f].name);
      g_autoptr(HsCapture) capture = NULL;
      HsTestWriter *w = hs_test_writer_new (path, files[f].format, 1, files[f].gzip);
      HsSeqSeries q = { 0 };
      guint32 filler_seq = 1;

      for (i = 0; i < 4; i++)
        seg (w, m, i, C, PSH | ACK, 1 + 100 * i, 1, 1000, 100, NULL);
      for (k = 0; k < 3; k++)
        {
          for (i = 0; i < 1000; i++)
            {
              seg (w, &filler, 4 + 10 * k, C, PSH | ACK, filler_seq, 1, 1000, 1200, NULL);
              filler_seq += 1200;
            }
          seg (w, m, 10 + 10 * k, S, ACK, 1, 101, 2000, 0, opts[k]);
        }
      hs_test_writer_close (w);

      capture = hs_test_load (path);
      g_assert_cmpuint (hs_capture_get_n_packets (capture), ==, 3007);
      hs_seq_series_compute (capture, 0, C, &q);
      g_assert_cmpuint (q.n_segments, ==, 4);
      assert_seq_series (&q, (const Segment[]) {
                           { 0, 1, 100, 0, 0 }, { 1, 101, 100, 1, 0 },
                           { 2, 201, 100, 2, 0 }, { 3, 301, 100, 3, 0 },
                         }, 4, acks, G_N_ELEMENTS (acks));
      hs_seq_series_clear (&q);
    }
}

/* ------------------------------------------------------------------------ */
/* Mid-stream and unscaled                                                   */

static void
test_mid_stream (void)
{
  HsCapture *capture = mixed ();
  HsSeries s = { 0 };
  HsSeqSeries q = { 0 };
  gboolean unknown = FALSE;
  /* no SYN seen: the scale is unknown and the raw windows are shown
   * (stream 0 is frames 1, 3, 5, 6, 8 at positions 0..4) */
  static const Point client_win[] = { { 0, 1000, 0 }, { 20, 1000, 2 }, { 20, 1000, 3 } };
  static const Point server_win[] = { { 10, 2000, 1 }, { 40, 2000, 4 } };
  /* frame 3 acks frame 1: 10 - 0 = 0.010 s; frame 8 is a dup ACK */
  static const Point rtt[] = { { 10, 0.010, 1 } };
  /* 1: 100; 5: frame 1 ACKed, 101..201 = 100; 6: 101..301 = 200 */
  static const Point bif[] = { { 0, 100, 0 }, { 20, 100, 2 }, { 20, 200, 3 } };
  /* window 1 s: frames 5 and 6 share a time, so both points count both
   * (the window is (t - 1 s, t]): 100, then 300 and 300 B/s */
  static const Point thr[] = { { 0, 100, 0 }, { 20, 300, 2 }, { 20, 300, 3 } };
  static const Segment segments[] = {
    {  0,   1, 100, 0, 0 }, { 20, 101, 100, 2, 0 }, { 20, 201, 100, 3, 0 },
  };
  /* the SACK block 7000200-7000300 less the base 7000100 - 101 = 6999999 */
  static const Ack acks[] = {
    { 10, 101, 101 + 2000, 1, 0, 0, { { 0 } } },
    { 40, 101, 101 + 2000, 4, 1, 1, { { 201, 301 } } },
  };

  hs_series_window (capture, 0, C, &s, &unknown);
  g_assert_true (unknown);
  assert_series (&s, client_win, G_N_ELEMENTS (client_win));
  hs_series_clear (&s);

  unknown = FALSE;
  hs_series_window (capture, 0, S, &s, &unknown);
  g_assert_true (unknown);
  assert_series (&s, server_win, G_N_ELEMENTS (server_win));
  hs_series_clear (&s);

  hs_series_rtt (capture, 0, C, &s);
  assert_series (&s, rtt, G_N_ELEMENTS (rtt));
  hs_series_clear (&s);

  hs_series_bytes_in_flight (capture, 0, C, &s);
  assert_series (&s, bif, G_N_ELEMENTS (bif));
  hs_series_clear (&s);

  hs_series_throughput (capture, 0, C, 1000 * MS, FALSE, &s);
  assert_series (&s, thr, G_N_ELEMENTS (thr));
  hs_series_clear (&s);

  /* the server sent no data */
  hs_series_throughput (capture, 0, S, 1000 * MS, FALSE, &s);
  assert_series (&s, NULL, 0);
  hs_series_clear (&s);
  hs_series_rtt (capture, 0, S, &s);
  assert_series (&s, NULL, 0);
  hs_series_clear (&s);

  hs_seq_series_compute (capture, 0, C, &q);
  assert_seq_series (&q, segments, G_N_ELEMENTS (segments), acks, G_N_ELEMENTS (acks));
  hs_seq_series_clear (&q);
}

static void
test_no_scaling (void)
{
  HsCapture *capture = mixed ();
  HsSeries s = { 0 };
  HsSeqSeries q = { 0 };
  gboolean unknown = TRUE;
  /* stream 1 is frames 2, 4, 7, 9, 10, 11 (positions 0..5), its time 0 at
   * frame 2 (5 ms).  No window scale option: the windows are the raw
   * field, known to be unscaled; the RST (frame 11) has no point */
  static const Point client_win[] = { { 0, 8192, 0 }, { 17, 8192, 2 }, { 40, 8192, 3 } };
  static const Point server_win[] = { { 7, 16384, 1 }, { 45, 16384, 4 } };
  /* 4 acks the SYN: 12 - 5 = 0.007 s; 10 acks 9: 50 - 45 = 0.005 s */
  static const Point rtt[] = { { 7, 0.007, 1 }, { 45, 0.005, 4 } };
  static const Segment segments[] = {
    {  0,   0,   1, 0, HS_SEGMENT_SYN },
    { 40,   1, 300, 3, 0 },
    { 55, 301,   0, 5, HS_SEGMENT_RST },   /* a bare RST: no length */
  };
  static const Ack acks[] = {
    {  7,   1,   1 + 16384, 1, 0, 0, { { 0 } } },
    { 45, 301, 301 + 16384, 4, 0, 0, { { 0 } } },
  };

  hs_series_window (capture, 1, C, &s, &unknown);
  g_assert_false (unknown);
  assert_series (&s, client_win, G_N_ELEMENTS (client_win));
  hs_series_clear (&s);

  unknown = TRUE;
  hs_series_window (capture, 1, S, &s, &unknown);
  g_assert_false (unknown);
  assert_series (&s, server_win, G_N_ELEMENTS (server_win));
  hs_series_clear (&s);

  hs_series_rtt (capture, 1, C, &s);
  assert_series (&s, rtt, G_N_ELEMENTS (rtt));
  hs_series_clear (&s);

  hs_seq_series_compute (capture, 1, C, &q);
  assert_seq_series (&q, segments, G_N_ELEMENTS (segments), acks, G_N_ELEMENTS (acks));
  hs_seq_series_clear (&q);
}

/* Timestamps that go backwards: the points still come in time order (a
 * stable sort), each with its own position.
 *  frame  ms  from  flags  rel seq  len
 *    1     0  C     PA        1     100
 *    2    30  C     PA      101     100
 *    3    20  C     PA      201     100   (earlier than frame 2)
 *    4    40  C     PA      301     100 */
static void
test_time_order (void)
{
  g_autofree char *path = tmp_path ("backwards.pcap");
  g_autoptr(HsCapture) capture = NULL;
  HsTestWriter *w = hs_test_writer_new (path, HS_TEST_PCAP_NSEC, 1, FALSE);
  HsSeries s = { 0 };
  HsSeqSeries q = { 0 };
  static const Point win[] = { { 0, 1000, 0 }, { 20, 1000, 2 }, { 30, 1000, 1 }, { 40, 1000, 3 } };
  /* window 1 s over the time-ordered segments: 100, 200, 300, 400 B/s */
  static const Point thr[] = { { 0, 100, 0 }, { 20, 200, 2 }, { 30, 300, 1 }, { 40, 400, 3 } };

  seg (w, &mid_conn,  0, C, PSH | ACK,   1, 1, 1000, 100, NULL);
  seg (w, &mid_conn, 30, C, PSH | ACK, 101, 1, 1000, 100, NULL);
  seg (w, &mid_conn, 20, C, PSH | ACK, 201, 1, 1000, 100, NULL);
  seg (w, &mid_conn, 40, C, PSH | ACK, 301, 1, 1000, 100, NULL);
  hs_test_writer_close (w);
  capture = hs_test_load (path);

  hs_series_window (capture, 0, C, &s, NULL);
  assert_series (&s, win, G_N_ELEMENTS (win));
  hs_series_clear (&s);

  hs_series_throughput (capture, 0, C, 1000 * MS, FALSE, &s);
  assert_series (&s, thr, G_N_ELEMENTS (thr));
  hs_series_clear (&s);

  hs_seq_series_compute (capture, 0, C, &q);
  g_assert_cmpuint (q.n_segments, ==, 4);
  g_assert_cmpuint (q.segments[1].pos, ==, 2);
  g_assert_cmpuint (q.segments[1].seq, ==, 201);
  g_assert_cmpint (q.segments[1].t_ns, ==, 20 * MS);
  g_assert_cmpuint (q.segments[2].pos, ==, 1);
  g_assert_cmpuint (q.segments[2].seq, ==, 101);
  hs_seq_series_clear (&q);
}

static void
test_clear (void)
{
  HsSeries s = { 0 };
  HsSeqSeries q = { 0 };

  /* zeroed, twice */
  hs_series_clear (&s);
  hs_series_clear (&s);
  hs_seq_series_clear (&q);
  hs_seq_series_clear (&q);

  /* filled, twice */
  hs_series_window (story (), 0, C, &s, NULL);
  g_assert_nonnull (s.points);
  hs_series_clear (&s);
  g_assert_null (s.points);
  g_assert_cmpuint (s.n, ==, 0);
  hs_series_clear (&s);

  hs_seq_series_compute (story (), 0, C, &q);
  g_assert_nonnull (q.segments);
  g_assert_nonnull (q.acks);
  hs_seq_series_clear (&q);
  g_assert_null (q.segments);
  g_assert_null (q.acks);
  g_assert_cmpuint (q.n_segments, ==, 0);
  g_assert_cmpuint (q.n_acks, ==, 0);
  hs_seq_series_clear (&q);
}

/* ------------------------------------------------------------------------ */
/* data/sample.pcapng against an independent tracker pass and the CLI       */

typedef struct
{
  guint   n;
  guint32 left[HS_MAX_SACK_BLOCKS];
  guint32 right[HS_MAX_SACK_BLOCKS];
} RawSack;

/* What the loader does, done again here: read, decode, track. */
typedef struct
{
  GArray       *recs;     /* HsPacketRecord, index frame - 1 */
  GArray       *sacks;    /* RawSack, index frame - 1 */
  HsConnection *conns;
  guint         n_conns;
} Pass;

static void
pass_run (Pass       *p,
          const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCaptureReader) reader = hs_capture_reader_open (path, &error);
  g_autoptr(HsDefrag) defrag = hs_defrag_new ();
  g_autoptr(HsTcpTracker) tracker = hs_tcp_tracker_new ();
  HsReaderPacket pkt;
  HsReaderResult r;
  guint32 frame = 0;

  g_assert_no_error (error);
  p->recs = g_array_new (FALSE, TRUE, sizeof (HsPacketRecord));
  p->sacks = g_array_new (FALSE, TRUE, sizeof (RawSack));

  while ((r = hs_capture_reader_next (reader, &pkt, &error)) == HS_READER_PACKET)
    {
      GArray *ifaces = hs_capture_reader_get_interfaces (reader);
      HsDecodedPacket dec;
      HsPacketRecord rec;
      RawSack sack = { 0 };
      guint i;

      frame++;
      memset (&rec, 0, sizeof rec);
      hs_decode_frame (g_array_index (ifaces, HsInterface, pkt.iface).linktype,
                       pkt.data, pkt.caplen, pkt.orig_len, frame, defrag, &dec);
      rec.ts_ns = pkt.ts_ns;
      rec.stream = HS_NO_STREAM;
      rec.decode_status = dec.status;
      if (dec.status == HS_DECODE_TCP)
        hs_tcp_tracker_add (tracker, frame, pkt.ts_ns, pkt.orig_len, &dec, &rec);
      else if (dec.status == HS_DECODE_MALFORMED && dec.has_tcp_header)
        hs_tcp_tracker_add_header_only (tracker, frame, pkt.ts_ns, pkt.orig_len, &dec, &rec);

      if (dec.status == HS_DECODE_TCP)
        {
          sack.n = dec.n_sack;
          for (i = 0; i < dec.n_sack; i++)
            {
              sack.left[i] = dec.sack_left[i];
              sack.right[i] = dec.sack_right[i];
            }
        }

      g_array_append_val (p->recs, rec);
      g_array_append_val (p->sacks, sack);
    }
  g_assert_no_error (error);
  g_assert_cmpint (r, ==, HS_READER_EOF);

  hs_tcp_tracker_finish (tracker);
  p->conns = hs_tcp_tracker_steal_connections (tracker, &p->n_conns);
}

static void
pass_clear (Pass *p)
{
  g_array_unref (p->recs);
  g_array_unref (p->sacks);
  hs_connections_free (p->conns, p->n_conns);
}

static const HsPacketRecord *
pass_rec (const Pass *p,
          guint       index)
{
  g_assert_cmpuint (index, <, p->recs->len);
  return &g_array_index (p->recs, HsPacketRecord, index);
}

/* The frame index (0-based) of position `pos` in `stream`. */
static guint
frame_of (HsCapture *capture,
          guint      stream,
          guint      pos)
{
  guint n;
  const guint32 *frames = hs_capture_get_stream_packets (capture, stream, &n);

  g_assert_cmpuint (pos, <, n);
  return frames[pos];
}

typedef enum
{
  EXPECT_WINDOW,
  EXPECT_BIF,
  EXPECT_RTT,
} ExpectKind;

/* The series the pass's records call for, frame by frame. */
static void
check_against_pass (HsCapture      *capture,
                    const Pass     *p,
                    guint           stream,
                    guint           dir,
                    ExpectKind      kind,
                    const HsSeries *s)
{
  const HsConnection *conn = &p->conns[stream];
  guint i, k = 0;

  for (i = 0; i < p->recs->len; i++)
    {
      const HsPacketRecord *rec = pass_rec (p, i);
      double value;

      if (rec->stream != stream || rec->decode_status != HS_DECODE_TCP)
        continue;

      switch (kind)
        {
        case EXPECT_WINDOW:
          if (rec->direction != dir || (rec->tcp_flags & HS_TCP_RST))
            continue;
          value = hs_packet_record_window (rec);
          break;

        case EXPECT_BIF:
          if (rec->direction != dir || hs_packet_record_bytes_in_flight (rec) == 0)
            continue;
          value = hs_packet_record_bytes_in_flight (rec);
          break;

        case EXPECT_RTT:
        default:
          if (rec->direction == dir || rec->related_frame == 0 ||
              (rec->analysis & HS_ANALYSIS_DUPLICATE_ACK) ||
              pass_rec (p, rec->related_frame - 1)->direction != dir)
            continue;
          value = (rec->ts_ns - pass_rec (p, rec->related_frame - 1)->ts_ns) / 1e9;
          break;
        }

      g_assert_cmpuint (k, <, s->n);
      g_assert_cmpuint (frame_of (capture, stream, s->points[k].pos), ==, i);
      g_assert_cmpint (s->points[k].t_ns, ==, rec->ts_ns - conn->first_ts_ns);
      g_assert_cmpfloat_with_epsilon (s->points[k].value, value, EPS * MAX (1.0, value));
      k++;
    }

  g_assert_cmpuint (k, ==, s->n);
}

static void
check_seq_against_pass (HsCapture         *capture,
                        const Pass        *p,
                        guint              stream,
                        guint              dir,
                        const HsSeqSeries *q,
                        guint             *n_sack_acks)
{
  const HsConnection *conn = &p->conns[stream];
  guint i, j, ks = 0, ka = 0;

  for (i = 0; i < p->recs->len; i++)
    {
      const HsPacketRecord *rec = pass_rec (p, i);
      const RawSack *sack = &g_array_index (p->sacks, RawSack, i);

      if (rec->stream != stream || rec->decode_status != HS_DECODE_TCP)
        continue;

      if (rec->direction == dir &&
          (rec->payload_len > 0 || (rec->tcp_flags & (HS_TCP_SYN | HS_TCP_FIN | HS_TCP_RST))))
        {
          const HsSeqSegment *got;

          g_assert_cmpuint (ks, <, q->n_segments);
          got = &q->segments[ks++];
          g_assert_cmpuint (frame_of (capture, stream, got->pos), ==, i);
          g_assert_cmpuint (got->seq, ==, hs_connection_relative_seq (conn, i + 1, rec));
          g_assert_cmpuint (got->len, ==,
                            rec->payload_len ? rec->payload_len
                                             : (rec->tcp_flags & (HS_TCP_SYN | HS_TCP_FIN)) ? 1
                                                                                            : 0);
          g_assert_cmpuint (!!(got->marks & HS_SEGMENT_RETRANSMISSION), ==,
                            !!(rec->analysis & HS_ANALYSIS_RETRANSMISSION));
        }
      else if (rec->direction != dir && (rec->tcp_flags & HS_TCP_ACK))
        {
          const HsSeqAck *got;
          guint32 rel_ack = hs_connection_relative_ack (conn, i + 1, rec);
          /* the receiver's base: the ISN of dir's data */
          guint32 base = conn->endpoint[dir].isn;

          g_assert_cmpuint (ka, <, q->n_acks);
          got = &q->acks[ka++];
          g_assert_cmpuint (frame_of (capture, stream, got->pos), ==, i);
          g_assert_cmpuint (got->ack, ==, rel_ack);
          g_assert_cmpuint (got->win_edge, ==, rel_ack + hs_packet_record_window (rec));
          g_assert_cmpuint (got->dup_ack, ==, hs_packet_record_dupack_num (rec));
          g_assert_cmpuint (got->n_sack, ==, sack->n);
          for (j = 0; j < sack->n; j++)
            {
              g_assert_cmpuint (got->sack_left[j], ==, sack->left[j] - base);
              g_assert_cmpuint (got->sack_right[j], ==, sack->right[j] - base);
            }
          if (sack->n > 0)
            (*n_sack_acks)++;
        }
    }

  g_assert_cmpuint (ks, ==, q->n_segments);
  g_assert_cmpuint (ka, ==, q->n_acks);
}

/* The bytes_in_flight and ack_rtt columns of `handshake-cli analyze` for
 * `stream`: every non-zero bytes in flight is a point of the sender's
 * series, every ACK RTT a point of the RTT series of the acknowledged
 * frame's direction, and nothing else is. */
static void
check_against_cli (HsCapture      *capture,
                   const char     *path,
                   guint           stream,
                   const HsSeries  bif[2],
                   const HsSeries  rtt[2])
{
  const char *argv[] = { hs_test_cli_path (), "analyze", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_bif[2] = { 0, 0 }, n_rtt[2] = { 0, 0 };
  guint i, rows = 0;

  g_assert_cmpint (hs_test_run (argv, &out, &err), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "frame\tstream\t"));

  for (i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) col = g_strsplit (lines[i], "\t", -1);
      guint frame, dir;
      guint64 in_flight;

      /* frame stream seq ack len win analysis time src sport dst dport
       * flags acked_frame ack_rtt dupack_num dupack_frame bytes_in_flight
       * state */
      g_assert_cmpuint (g_strv_length (col), ==, 19);
      if (strtoul (col[1], NULL, 10) != stream)
        continue;
      rows++;

      frame = (guint) strtoul (col[0], NULL, 10);
      dir = hs_capture_get_record (capture, frame - 1)->direction;
      in_flight = g_ascii_strtoull (col[17], NULL, 10);

      if (in_flight != 0)
        {
          const HsSeriesPoint *pt;

          g_assert_cmpuint (n_bif[dir], <, bif[dir].n);
          pt = &bif[dir].points[n_bif[dir]];
          g_assert_cmpuint (frame_of (capture, stream, pt->pos), ==, frame - 1);
          g_assert_cmpfloat (pt->value, ==, (double) in_flight);
          n_bif[dir]++;
        }

      /* an acknowledged frame: an RTT point (its ack_rtt is left out when
       * it is 0, as Wireshark does) */
      if (!g_str_equal (col[13], "-"))
        {
          guint acked = (guint) strtoul (col[13], NULL, 10);
          guint adir = hs_capture_get_record (capture, acked - 1)->direction;
          const HsSeriesPoint *pt;

          g_assert_cmpuint (adir, !=, dir);
          g_assert_cmpuint (n_rtt[adir], <, rtt[adir].n);
          pt = &rtt[adir].points[n_rtt[adir]];
          g_assert_cmpuint (frame_of (capture, stream, pt->pos), ==, frame - 1);
          /* printed with 9 decimals: exact to the nanosecond */
          g_assert_cmpfloat_with_epsilon (pt->value,
                                          g_str_equal (col[14], "-") ? 0.0 : g_ascii_strtod (col[14], NULL),
                                          1e-10);
          n_rtt[adir]++;
        }
    }

  g_assert_cmpuint (rows, >, 0);
  for (i = 0; i < 2; i++)
    {
      g_assert_cmpuint (n_bif[i], ==, bif[i].n);
      g_assert_cmpuint (n_rtt[i], ==, rtt[i].n);
    }
}

static void
test_sample (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "sample.pcapng",
                                                 NULL);
  g_autoptr(HsCapture) capture = hs_test_load (path);
  HsSeries bif[2] = { { 0 } }, rtt[2] = { { 0 } };
  guint n_sack_acks = 0;
  guint stream = 0;
  Pass p = { 0 };
  guint dir;

  pass_run (&p, path);
  g_assert_cmpuint (p.recs->len, ==, hs_capture_get_n_packets (capture));
  g_assert_cmpuint (p.n_conns, ==, hs_capture_get_n_connections (capture));

  for (dir = 0; dir < 2; dir++)
    {
      HsSeries win = { 0 };
      HsSeqSeries q = { 0 };
      gboolean unknown = TRUE;

      hs_series_window (capture, stream, dir, &win, &unknown);
      g_assert_false (unknown);  /* the handshake is in the file */
      check_against_pass (capture, &p, stream, dir, EXPECT_WINDOW, &win);
      hs_series_clear (&win);

      hs_series_bytes_in_flight (capture, stream, dir, &bif[dir]);
      check_against_pass (capture, &p, stream, dir, EXPECT_BIF, &bif[dir]);

      hs_series_rtt (capture, stream, dir, &rtt[dir]);
      check_against_pass (capture, &p, stream, dir, EXPECT_RTT, &rtt[dir]);

      hs_seq_series_compute (capture, stream, dir, &q);
      check_seq_against_pass (capture, &p, stream, dir, &q, &n_sack_acks);
      hs_seq_series_clear (&q);
    }

  /* not vacuous: the sample has both kinds of points and SACK blocks */
  g_assert_cmpuint (bif[0].n + bif[1].n, >, 10);
  g_assert_cmpuint (rtt[0].n + rtt[1].n, >, 10);
  g_assert_cmpuint (n_sack_acks, >, 0);

  if (g_file_test (hs_test_cli_path (), G_FILE_TEST_IS_EXECUTABLE))
    check_against_cli (capture, path, stream, bif, rtt);
  else
    g_test_message ("%s is not built: the CLI columns are not compared", hs_test_cli_path ());

  for (dir = 0; dir < 2; dir++)
    {
      hs_series_clear (&bif[dir]);
      hs_series_clear (&rtt[dir]);
    }
  pass_clear (&p);
}

/* The series from a position are the whole series' points of the packets
 * from there, in packet order (the sample's are in time order, so the
 * same as the whole series' tail). */
static void
assert_tail (const HsSeries *all,
             const HsSeries *from,
             guint           first_pos)
{
  guint k = 0;

  while (k < all->n && all->points[k].pos < first_pos)
    k++;
  g_assert_cmpuint (from->n, ==, all->n - k);
  for (guint i = 0; i < from->n; i++)
    {
      g_assert_cmpint (from->points[i].t_ns, ==, all->points[k + i].t_ns);
      g_assert_cmpfloat (from->points[i].value, ==, all->points[k + i].value);
      g_assert_cmpuint (from->points[i].pos, ==, all->points[k + i].pos);
    }
}

static void
test_from (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "sample.pcapng",
                                                 NULL);
  g_autoptr(HsCapture) capture = hs_test_load (path);
  const guint32 *frames;
  guint n, dir, i;

  frames = hs_capture_get_stream_packets (capture, 0, &n);
  g_assert_cmpuint (n, >, 20);

  for (dir = 0; dir < 2; dir++)
    {
      guint firsts[] = { 0, 1, n / 3, n / 2, n - 1, n };

      for (i = 0; i < G_N_ELEMENTS (firsts); i++)
        {
          HsSeries all, from;
          HsSeqSeries seq_all, seq_from;
          gboolean unknown_all, unknown_from;
          guint k;

          hs_series_window (capture, 0, dir, &all, &unknown_all);
          hs_series_window_from (capture, 0, dir, firsts[i], &from, &unknown_from);
          assert_tail (&all, &from, firsts[i]);
          g_assert_true (!unknown_from || unknown_all);
          hs_series_clear (&all);
          hs_series_clear (&from);

          hs_series_bytes_in_flight (capture, 0, dir, &all);
          hs_series_bytes_in_flight_from (capture, 0, dir, firsts[i], &from);
          assert_tail (&all, &from, firsts[i]);
          hs_series_clear (&all);
          hs_series_clear (&from);

          hs_series_rtt (capture, 0, dir, &all);
          hs_series_rtt_from (capture, 0, dir, firsts[i], &from);
          assert_tail (&all, &from, firsts[i]);
          hs_series_clear (&all);
          hs_series_clear (&from);

          /* the segments whose bytes the throughput averages: its points */
          hs_series_throughput (capture, 0, dir, 1000, FALSE, &all);
          hs_series_segments_from (capture, 0, dir, FALSE, firsts[i], &from);
          for (k = 0; k < all.n && all.points[k].pos < firsts[i]; k++)
            ;
          g_assert_cmpuint (from.n, ==, all.n - k);
          for (guint j = 0; j < from.n; j++)
            {
              g_assert_cmpuint (from.points[j].pos, ==, all.points[k + j].pos);
              g_assert_cmpuint (from.points[j].value, ==,
                                hs_capture_get_record (capture,
                                                       frames[from.points[j].pos])->payload_len);
            }
          hs_series_clear (&all);
          hs_series_clear (&from);

          hs_seq_series_compute (capture, 0, dir, &seq_all);
          hs_seq_series_compute_from (capture, 0, dir, firsts[i], &seq_from);
          for (k = 0; k < seq_all.n_segments && seq_all.segments[k].pos < firsts[i]; k++)
            ;
          g_assert_cmpuint (seq_from.n_segments, ==, seq_all.n_segments - k);
          g_assert_cmpmem (seq_from.segments, seq_from.n_segments * sizeof (HsSeqSegment),
                           seq_all.segments + k, seq_from.n_segments * sizeof (HsSeqSegment));
          for (k = 0; k < seq_all.n_acks && seq_all.acks[k].pos < firsts[i]; k++)
            ;
          g_assert_cmpuint (seq_from.n_acks, ==, seq_all.n_acks - k);
          g_assert_cmpmem (seq_from.acks, seq_from.n_acks * sizeof (HsSeqAck),
                           seq_all.acks + k, seq_from.n_acks * sizeof (HsSeqAck));
          hs_seq_series_clear (&seq_all);
          hs_seq_series_clear (&seq_from);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  tmp_dir = g_dir_make_tmp ("hs-test-series-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/handshake/series/window/scaled", test_window_scaled);
  g_test_add_func ("/handshake/series/bytes-in-flight", test_bytes_in_flight);
  g_test_add_func ("/handshake/series/rtt", test_rtt);
  g_test_add_func ("/handshake/series/throughput", test_throughput);
  g_test_add_func ("/handshake/series/seq/client", test_seq_client);
  g_test_add_func ("/handshake/series/seq/server", test_seq_server);
  g_test_add_func ("/handshake/series/seq/formats", test_seq_formats);
  g_test_add_func ("/handshake/series/seq/file-gone", test_seq_file_gone);
  g_test_add_func ("/handshake/series/seq/far-sacks", test_seq_far_sacks);
  g_test_add_func ("/handshake/series/mid-stream", test_mid_stream);
  g_test_add_func ("/handshake/series/no-scaling", test_no_scaling);
  g_test_add_func ("/handshake/series/time-order", test_time_order);
  g_test_add_func ("/handshake/series/clear", test_clear);
  g_test_add_func ("/handshake/series/sample", test_sample);
  g_test_add_func ("/handshake/series/from", test_from);

  status = g_test_run ();

  g_clear_object (&story_capture);
  g_clear_object (&mixed_capture);

  hs_test_remove_tmp_dir (tmp_dir);

  return status;
}
