/* test-tcp-tracker.c
 *
 * Copyright 2026 The Handshake authors
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

/* The TCP tracker against hand-computed expectations.  Most scenarios are
 * the crafted captures of ../shared/design/TCP-ANALYSIS.md section 9,
 * rebuilt segment by segment (client 10.0.0.1:40000 with ISN 1000000,
 * server 10.0.0.2:50000 with ISN 5000000, times in ms from 1700000000 s);
 * the expected values are what tshark 4.0.17 reports for them. */

#include "config.h"

#include <string.h>

#include "handshake.h"
#include "hs-tcp-tracker.h"
#include "hs-test-utils.h"

#define CLI 0
#define SRV 1

#define LOST   HS_ANALYSIS_LOST_SEGMENT
#define UNSEEN HS_ANALYSIS_ACK_LOST_SEGMENT
#define DUP    HS_ANALYSIS_DUPLICATE_ACK
#define RETR   HS_ANALYSIS_RETRANSMISSION
#define FAST   (HS_ANALYSIS_FAST_RETRANSMISSION | HS_ANALYSIS_RETRANSMISSION)
#define SPUR   (HS_ANALYSIS_SPURIOUS_RETRANSMISSION | HS_ANALYSIS_RETRANSMISSION)
#define OOO    HS_ANALYSIS_OUT_OF_ORDER
#define ZW     HS_ANALYSIS_ZERO_WINDOW
#define ZWP    HS_ANALYSIS_ZERO_WINDOW_PROBE
#define ZWPA   HS_ANALYSIS_ZERO_WINDOW_PROBE_ACK
#define WU     HS_ANALYSIS_WINDOW_UPDATE
#define WF     HS_ANALYSIS_WINDOW_FULL
#define KA     HS_ANALYSIS_KEEP_ALIVE
#define KAA    HS_ANALYSIS_KEEP_ALIVE_ACK
#define REUSED HS_ANALYSIS_REUSED_PORTS

#define BASE_NS G_GINT64_CONSTANT (1700000000000000000)

/* A capture being built: two endpoints and the records the tracker filled */
typedef struct
{
  HsTcpTracker *tracker;
  GArray       *recs;          /* HsPacketRecord, index frame - 1 */
  guint8        ip_version;
  guint8        addr[2][16];
  guint16       port[2];
  guint32       isn[2];
  gint64        base_ns;
} Cap;

/* Options of one segment */
typedef struct
{
  gint          wscale;        /* -1: no window scale option */
  guint16       mss;           /* 0: none */
  gboolean      sack_perm;
  gboolean      timestamps;
  guint         n_sack;
  guint32       sack[HS_MAX_SACK_BLOCKS][2]; /* relative to the peer's ISN */
  const char   *payload;       /* payload bytes (length: the segment's len) */
  gboolean      raw_ack;       /* `ack` is the raw number, ACK flag or not */
  gboolean      mptcp;         /* carries an MPTCP option */
  guint8        header_len;    /* 0: 20 plus nothing (the options are not counted) */
  gboolean      exception;     /* an option Wireshark's dissector throws on */
} Opts;

static const Opts WS7 = { .wscale = 7, .mss = 1460, .sack_perm = TRUE };
static const Opts NOWS = { .wscale = -1, .mss = 1460 };

static Cap *
cap_new (void)
{
  Cap *cap = g_new0 (Cap, 1);

  cap->tracker = hs_tcp_tracker_new ();
  cap->recs = g_array_new (FALSE, TRUE, sizeof (HsPacketRecord));
  cap->ip_version = 4;
  cap->addr[CLI][0] = 10;
  cap->addr[CLI][3] = 1;
  cap->addr[SRV][0] = 10;
  cap->addr[SRV][3] = 2;
  cap->port[CLI] = 40000;
  cap->port[SRV] = 50000;
  cap->isn[CLI] = 1000000;
  cap->isn[SRV] = 5000000;
  cap->base_ns = BASE_NS;

  return cap;
}

static void
cap_free (Cap *cap)
{
  hs_tcp_tracker_free (cap->tracker);
  g_array_free (cap->recs, TRUE);
  g_free (cap);
}

static guint16
parse_flags (const char *flags)
{
  guint16 f = 0;

  for (; *flags; flags++)
    {
      switch (*flags)
        {
        case 'F': f |= HS_TCP_FIN; break;
        case 'S': f |= HS_TCP_SYN; break;
        case 'R': f |= HS_TCP_RST; break;
        case 'P': f |= HS_TCP_PSH; break;
        case 'A': f |= HS_TCP_ACK; break;
        case 'U': f |= HS_TCP_URG; break;
        default: g_assert_not_reached ();
        }
    }

  return f;
}

/* Adds one segment at `ms` milliseconds; seq is relative to the sender's
 * ISN, ack to the receiver's.  Returns the frame number. */
static guint32
seg (Cap        *cap,
     double      ms,
     int         from,
     const char *flags,
     guint32     seq,
     guint32     ack,
     guint16     win,
     guint32     len,
     const Opts *opts)
{
  HsDecodedPacket pkt;
  HsPacketRecord rec;
  guint8 payload[2048];
  guint32 frame = cap->recs->len + 1;
  gint64 ts = cap->base_ns + (gint64)(ms * 1000000.0 + 0.5);
  guint i;

  memset (&pkt, 0, sizeof pkt);
  memset (&rec, 0, sizeof rec);
  pkt.status = HS_DECODE_TCP;
  pkt.ip_version = cap->ip_version;
  memcpy (pkt.src, cap->addr[from], 16);
  memcpy (pkt.dst, cap->addr[!from], 16);
  pkt.sport = cap->port[from];
  pkt.dport = cap->port[!from];
  pkt.flags = parse_flags (flags);
  pkt.seq = cap->isn[from] + seq;
  if (opts != NULL && opts->raw_ack)
    pkt.ack = ack;
  else
    pkt.ack = (pkt.flags & HS_TCP_ACK) ? cap->isn[!from] + ack : 0;
  pkt.window = win;
  pkt.header_len = opts != NULL && opts->header_len != 0 ? opts->header_len : 20;
  if (pkt.header_len < 20)
    pkt.problems |= HS_PROBLEM_BAD_HEADER_LENGTH;
  pkt.payload_len = len;

  g_assert_cmpuint (len, <=, sizeof payload);
  for (i = 0; i < len; i++)
    payload[i] = (guint8)((i % 251) + 1);
  if (opts != NULL && opts->payload != NULL)
    memcpy (payload, opts->payload, len);
  pkt.payload = payload;
  pkt.payload_captured = len;

  if (opts != NULL)
    {
      pkt.has_options = TRUE;
      if (opts->wscale >= 0)
        {
          pkt.has_wscale = TRUE;
          pkt.wscale = (guint8)opts->wscale;
        }
      if (opts->mss)
        {
          pkt.has_mss = TRUE;
          pkt.mss = opts->mss;
        }
      pkt.sack_permitted = opts->sack_perm;
      pkt.has_timestamps = opts->timestamps;
      pkt.has_mptcp = opts->mptcp;
      pkt.options_exception = opts->exception;
      pkt.n_sack = opts->n_sack;
      for (i = 0; i < opts->n_sack; i++)
        {
          pkt.sack_left[i] = cap->isn[!from] + opts->sack[i][0];
          pkt.sack_right[i] = cap->isn[!from] + opts->sack[i][1];
        }
    }

  hs_tcp_tracker_add (cap->tracker, frame, ts, 54 + len, &pkt, &rec);
  g_array_append_val (cap->recs, rec);

  return frame;
}

static const HsPacketRecord *
rec_of (Cap     *cap,
        guint32  frame)
{
  g_assert_cmpuint (frame, >=, 1);
  g_assert_cmpuint (frame, <=, cap->recs->len);

  return &g_array_index (cap->recs, HsPacketRecord, frame - 1);
}

/* Adds a segment and returns its record (valid until the next segment) */
static const HsPacketRecord *
seg_rec (Cap        *cap,
         double      ms,
         int         from,
         const char *flags,
         guint32     seq,
         guint32     ack,
         guint16     win,
         guint32     len,
         const Opts *opts)
{
  return rec_of (cap, seg (cap, ms, from, flags, seq, ack, win, len, opts));
}

static HsConnection *
conn_of (Cap     *cap,
         guint32  frame)
{
  HsConnection *conn = hs_tcp_tracker_get_connection (cap->tracker, rec_of (cap, frame)->stream);

  g_assert_nonnull (conn);

  return conn;
}

static guint32
rel_seq (Cap     *cap,
         guint32  frame)
{
  return hs_connection_relative_seq (conn_of (cap, frame), frame, rec_of (cap, frame));
}

static guint32
rel_ack (Cap     *cap,
         guint32  frame)
{
  return hs_connection_relative_ack (conn_of (cap, frame), frame, rec_of (cap, frame));
}

/* The SYN, SYN/ACK, ACK of the crafted captures: iRTT 20 ms */
static void
handshake (Cap      *cap,
           gboolean  ws,
           guint16   srv_win)
{
  seg (cap, 0, CLI, "S", 0, 0, 64240, 0, ws ? &WS7 : &NOWS);
  seg (cap, 10, SRV, "SA", 0, 1, srv_win, 0, ws ? &WS7 : &NOWS);
  seg (cap, 20, CLI, "A", 1, 1, ws ? 502 : 64240, 0, NULL);
}

/* What one frame should look like */
typedef struct
{
  guint32 frame;
  guint32 flags;
  guint32 dupack_num;
  guint32 related;     /* dup-ACK frame, else acks_frame */
  guint32 bif;
  guint32 win;         /* tcp.window_size */
} Expect;

static void
check_frames (Cap          *cap,
              const Expect *e,
              guint         n)
{
  guint i;

  g_assert_cmpuint (cap->recs->len, ==, n);

  for (i = 0; i < n; i++)
    {
      const HsPacketRecord *r = rec_of (cap, e[i].frame);

      g_test_message ("frame %u", e[i].frame);
      g_assert_cmpuint (e[i].frame, ==, i + 1);
      g_assert_cmphex (r->analysis, ==, e[i].flags);
      g_assert_cmpuint (hs_packet_record_dupack_num (r), ==, e[i].dupack_num);
      g_assert_cmpuint (r->related_frame, ==, e[i].related);
      g_assert_cmpuint (hs_packet_record_bytes_in_flight (r), ==, e[i].bif);
      g_assert_cmpuint (hs_packet_record_window (r), ==, e[i].win);
    }
}

static void
check_states (Cap        *cap,
              guint32     frame,
              HsTcpState  sender,
              HsTcpState  receiver)
{
  const HsPacketRecord *r = rec_of (cap, frame);

  g_test_message ("states of frame %u", frame);
  g_assert_cmpstr (hs_tcp_state_to_string (hs_packet_record_sender_state (r)), ==,
                   hs_tcp_state_to_string (sender));
  g_assert_cmpstr (hs_tcp_state_to_string (hs_packet_record_receiver_state (r)), ==,
                   hs_tcp_state_to_string (receiver));
}

/* 01: handshake, data both ways, FIN, FIN/ACK (piggybacked), ACK */
static void
test_handshake_data_fin (void)
{
  Cap *cap = cap_new ();
  HsConnection *conn;
  static const Expect e[] = {
    { 1, 0, 0, 0, 0, 64240 },
    { 2, 0, 0, 1, 0, 65160 },
    { 3, 0, 0, 2, 0, 64256 },
    { 4, 0, 0, 0, 100, 64256 },
    { 5, 0, 0, 4, 0, 65152 },
    { 6, 0, 0, 0, 300, 65152 },
    { 7, 0, 0, 6, 0, 64128 },
    { 8, 0, 0, 0, 0, 64128 },
    { 9, 0, 0, 8, 0, 65152 },
    { 10, 0, 0, 9, 0, 64128 },
  };

  handshake (cap, TRUE, 65160);
  seg (cap, 21, CLI, "PA", 1, 1, 502, 100, NULL);
  seg (cap, 31, SRV, "A", 1, 101, 509, 0, NULL);
  seg (cap, 32, SRV, "PA", 1, 101, 509, 300, NULL);
  seg (cap, 42, CLI, "A", 101, 301, 501, 0, NULL);
  seg (cap, 50, CLI, "FA", 101, 301, 501, 0, NULL);
  seg (cap, 60, SRV, "FA", 301, 102, 509, 0, NULL);
  seg (cap, 70, CLI, "A", 102, 302, 501, 0, NULL);
  hs_tcp_tracker_finish (cap->tracker);

  check_frames (cap, e, G_N_ELEMENTS (e));

  /* relative numbers (tcp.seq / tcp.ack) */
  g_assert_cmpuint (rel_seq (cap, 1), ==, 0);
  g_assert_cmpuint (rel_ack (cap, 1), ==, 0);
  g_assert_cmpuint (rel_seq (cap, 2), ==, 0);
  g_assert_cmpuint (rel_ack (cap, 2), ==, 1);
  g_assert_cmpuint (rel_seq (cap, 9), ==, 301);
  g_assert_cmpuint (rel_ack (cap, 9), ==, 102);
  g_assert_cmpuint (rel_seq (cap, 10), ==, 102);
  g_assert_cmpuint (rel_ack (cap, 10), ==, 302);
  g_assert_cmpuint (rec_of (cap, 4)->direction, ==, 0);
  g_assert_cmpuint (rec_of (cap, 5)->direction, ==, 1);

  /* windows: SYNs never scaled, then 7 both ways */
  g_assert_cmpuint (rec_of (cap, 1)->win_scale_state, ==, 3);
  g_assert_cmpuint (rec_of (cap, 3)->win_scale_state, ==, 0);
  g_assert_cmpuint (rec_of (cap, 3)->win_shift, ==, 7);

  /* states along the handshake and the 3-packet close */
  check_states (cap, 1, HS_TCP_STATE_SYN_SENT, HS_TCP_STATE_UNKNOWN);
  check_states (cap, 2, HS_TCP_STATE_SYN_RECEIVED, HS_TCP_STATE_ESTABLISHED);
  check_states (cap, 3, HS_TCP_STATE_ESTABLISHED, HS_TCP_STATE_ESTABLISHED);
  check_states (cap, 7, HS_TCP_STATE_ESTABLISHED, HS_TCP_STATE_ESTABLISHED);
  check_states (cap, 8, HS_TCP_STATE_FIN_WAIT_1, HS_TCP_STATE_CLOSE_WAIT);
  check_states (cap, 9, HS_TCP_STATE_LAST_ACK, HS_TCP_STATE_TIME_WAIT);
  check_states (cap, 10, HS_TCP_STATE_TIME_WAIT, HS_TCP_STATE_CLOSED);

  /* the connection */
  g_assert_cmpuint (hs_tcp_tracker_get_n_connections (cap->tracker), ==, 1);
  conn = conn_of (cap, 1);
  g_assert_cmpuint (conn->stream, ==, 0);
  g_assert_cmpuint (conn->ip_version, ==, 4);
  g_assert_cmpuint (conn->completeness, ==, 31);
  g_assert_cmpint (conn->irtt_ns, ==, 20000000);
  g_assert_cmpuint (conn->conn_state, ==, HS_CONN_SF);
  g_assert_cmpuint (conn->rst_by, ==, 0);
  g_assert_cmpuint (conn->n_packets, ==, 10);
  g_assert_cmpuint (conn->first_frame, ==, 1);
  g_assert_cmpuint (conn->last_frame, ==, 10);
  g_assert_cmpint (conn->first_ts_ns, ==, BASE_NS);
  g_assert_cmpint (conn->last_ts_ns, ==, BASE_NS + 70000000);
  g_assert_cmpuint (conn->endpoint[0].port, ==, 40000);
  g_assert_cmpuint (conn->endpoint[1].port, ==, 50000);
  g_assert_cmpuint (conn->endpoint[0].addr[3], ==, 1);
  g_assert_cmpuint (conn->endpoint[0].packets, ==, 6);
  g_assert_cmpuint (conn->endpoint[1].packets, ==, 4);
  g_assert_cmpuint (conn->endpoint[0].bytes, ==, 100);
  g_assert_cmpuint (conn->endpoint[1].bytes, ==, 300);
  g_assert_cmpuint (conn->endpoint[0].wire_bytes, ==, 6 * 54 + 100);
  g_assert_cmpuint (conn->endpoint[0].isn, ==, 1000000);
  g_assert_cmpuint (conn->endpoint[1].isn, ==, 5000000);
  g_assert_true (conn->endpoint[0].syn_seen);
  g_assert_true (conn->endpoint[1].syn_seen);
  g_assert_true (conn->endpoint[0].fin_seen);
  g_assert_false (conn->endpoint[0].rst_seen);
  g_assert_true (conn->endpoint[0].has_mss);
  g_assert_cmpuint (conn->endpoint[0].mss, ==, 1460);
  g_assert_true (conn->endpoint[1].has_wscale);
  g_assert_cmpint (conn->endpoint[1].wscale, ==, 7);
  g_assert_true (conn->endpoint[0].sack_permitted);
  g_assert_false (conn->endpoint[0].has_timestamps);
  g_assert_cmpuint (conn->endpoint[0].final_state, ==, HS_TCP_STATE_TIME_WAIT);
  g_assert_cmpuint (conn->endpoint[1].final_state, ==, HS_TCP_STATE_CLOSED);
  g_assert_cmpuint (conn->flag_counts[0], ==, 0);

  cap_free (cap);
}

/* 02: a segment never captured, one dup ACK, an RTO retransmission */
static void
test_lost_segment_rto (void)
{
  Cap *cap = cap_new ();
  static const Expect e[] = {
    { 1, 0, 0, 0, 0, 64240 },
    { 2, 0, 0, 1, 0, 65160 },
    { 3, 0, 0, 2, 0, 64256 },
    { 4, 0, 0, 0, 100, 64256 },
    { 5, LOST, 0, 0, 0, 64256 },        /* no bytes in flight after a hole */
    { 6, 0, 0, 4, 0, 65152 },
    { 7, DUP, 1, 6, 0, 65152 },
    { 8, RETR, 0, 0, 200, 64256 },
    { 9, 0, 0, 5, 0, 65152 },
  };

  handshake (cap, TRUE, 65160);
  seg (cap, 100, CLI, "PA", 1, 1, 502, 100, NULL);
  seg (cap, 102, CLI, "PA", 201, 1, 502, 100, NULL);
  seg (cap, 110, SRV, "A", 1, 101, 509, 0, NULL);
  seg (cap, 112, SRV, "A", 1, 101, 509, 0, NULL);
  seg (cap, 400, CLI, "PA", 101, 1, 502, 100, NULL);
  seg (cap, 410, SRV, "A", 1, 301, 509, 0, NULL);

  check_frames (cap, e, G_N_ELEMENTS (e));
  g_assert_cmpuint (conn_of (cap, 1)->flag_counts[5], ==, 1);  /* lost_segment */
  g_assert_cmpuint (conn_of (cap, 1)->flag_counts[1], ==, 1);  /* duplicate_ack */
  g_assert_cmpuint (conn_of (cap, 1)->flag_counts[7], ==, 1);  /* retransmission */

  cap_free (cap);
}

/* 03: three dup ACKs, the resend 2 ms later is a Fast Retransmission */
static void
test_fast_retransmission (void)
{
  Cap *cap = cap_new ();
  static const Expect e[] = {
    { 1, 0, 0, 0, 0, 64240 },
    { 2, 0, 0, 1, 0, 65160 },
    { 3, 0, 0, 2, 0, 64256 },
    { 4, 0, 0, 0, 100, 64256 },
    { 5, LOST, 0, 0, 0, 64256 },
    { 6, 0, 0, 0, 0, 64256 },
    { 7, 0, 0, 0, 0, 64256 },
    { 8, 0, 0, 4, 0, 65152 },
    { 9, DUP, 1, 8, 0, 65152 },
    { 10, DUP, 2, 8, 0, 65152 },
    { 11, DUP, 3, 8, 0, 65152 },
    { 12, FAST, 0, 0, 400, 64256 },
    { 13, 0, 0, 7, 0, 65152 },
  };

  handshake (cap, TRUE, 65160);
  seg (cap, 100, CLI, "PA", 1, 1, 502, 100, NULL);
  seg (cap, 102, CLI, "PA", 201, 1, 502, 100, NULL);
  seg (cap, 103, CLI, "PA", 301, 1, 502, 100, NULL);
  seg (cap, 104, CLI, "PA", 401, 1, 502, 100, NULL);
  seg (cap, 110, SRV, "A", 1, 101, 509, 0, NULL);
  seg (cap, 111, SRV, "A", 1, 101, 509, 0, NULL);
  seg (cap, 112, SRV, "A", 1, 101, 509, 0, NULL);
  seg (cap, 113, SRV, "A", 1, 101, 509, 0, NULL);
  seg (cap, 115, CLI, "PA", 101, 1, 502, 100, NULL);
  seg (cap, 125, SRV, "A", 1, 501, 509, 0, NULL);

  check_frames (cap, e, G_N_ELEMENTS (e));
  g_assert_cmpuint (conn_of (cap, 1)->flag_counts[2], ==, 1);  /* fast_retransmission */

  cap_free (cap);
}

/* 04: a resend of bytes already ACKed; the receiver repeats its ACK */
static void
test_spurious_retransmission (void)
{
  Cap *cap = cap_new ();
  static const Expect e[] = {
    { 1, 0, 0, 0, 0, 64240 },
    { 2, 0, 0, 1, 0, 65160 },
    { 3, 0, 0, 2, 0, 64256 },
    { 4, 0, 0, 0, 100, 64256 },
    { 5, 0, 0, 4, 0, 65152 },
    { 6, SPUR, 0, 0, 100, 64256 },
    { 7, DUP, 1, 5, 0, 65152 },      /* also acks frame 6 (related = dup frame) */
  };

  handshake (cap, TRUE, 65160);
  seg (cap, 100, CLI, "PA", 1, 1, 502, 100, NULL);
  seg (cap, 110, SRV, "A", 1, 101, 509, 0, NULL);
  seg (cap, 400, CLI, "PA", 1, 1, 502, 100, NULL);
  seg (cap, 410, SRV, "A", 1, 101, 509, 0, NULL);

  check_frames (cap, e, G_N_ELEMENTS (e));

  cap_free (cap);
}

/* 05: Out-Of-Order within the iRTT, Retransmission beyond it, and a copy
 * of an unACKed segment 0.5 ms later */
static void
test_out_of_order_irtt (void)
{
  Cap *cap = cap_new ();
  static const Expect e[] = {
    { 1, 0, 0, 0, 0, 64240 },
    { 2, 0, 0, 1, 0, 65160 },
    { 3, 0, 0, 2, 0, 64256 },
    { 4, 0, 0, 0, 100, 64256 },
    { 5, LOST, 0, 0, 0, 64256 },
    { 6, OOO, 0, 0, 0, 64256 },
    { 7, 0, 0, 5, 0, 65152 },
    { 8, LOST, 0, 0, 0, 64256 },
    { 9, RETR, 0, 0, 0, 64256 },
    { 10, 0, 0, 8, 0, 65152 },
    { 11, 0, 0, 0, 100, 64256 },
    { 12, 0, 0, 0, 200, 64256 },
    { 13, OOO, 0, 0, 200, 64256 },
    { 14, 0, 0, 12, 0, 65152 },
  };

  handshake (cap, TRUE, 65160);
  seg (cap, 100, CLI, "PA", 1, 1, 502, 100, NULL);
  seg (cap, 101, CLI, "PA", 201, 1, 502, 100, NULL);
  seg (cap, 104, CLI, "PA", 101, 1, 502, 100, NULL);
  seg (cap, 110, SRV, "A", 1, 301, 509, 0, NULL);
  seg (cap, 200, CLI, "PA", 401, 1, 502, 100, NULL);
  seg (cap, 300, CLI, "PA", 301, 1, 502, 100, NULL);
  seg (cap, 310, SRV, "A", 1, 501, 509, 0, NULL);
  seg (cap, 400, CLI, "PA", 501, 1, 502, 100, NULL);
  seg (cap, 400.5, CLI, "PA", 601, 1, 502, 100, NULL);
  seg (cap, 401, CLI, "PA", 501, 1, 502, 100, NULL);
  seg (cap, 410, SRV, "A", 1, 701, 509, 0, NULL);

  check_frames (cap, e, G_N_ELEMENTS (e));
  g_assert_cmpint (conn_of (cap, 1)->irtt_ns, ==, 20000000);

  cap_free (cap);
}

/* 06: no handshake: no iRTT (3 ms threshold), window scale unknown */
static void
test_out_of_order_no_handshake (void)
{
  Cap *cap = cap_new ();
  HsConnection *conn;
  static const Expect e[] = {
    { 1, 0, 0, 0, 100, 502 },
    { 2, LOST, 0, 0, 0, 502 },
    { 3, OOO, 0, 0, 0, 502 },          /* 1 ms later */
    { 4, 0, 0, 2, 0, 509 },
    { 5, LOST, 0, 0, 0, 502 },
    { 6, RETR, 0, 0, 0, 502 },         /* 4 ms later */
    { 7, 0, 0, 5, 0, 509 },
  };

  seg (cap, 0, CLI, "PA", 1, 1, 502, 100, NULL);
  seg (cap, 1, CLI, "PA", 201, 1, 502, 100, NULL);
  seg (cap, 2, CLI, "PA", 101, 1, 502, 100, NULL);
  seg (cap, 10, SRV, "A", 1, 301, 509, 0, NULL);
  seg (cap, 100, CLI, "PA", 401, 1, 502, 100, NULL);
  seg (cap, 104, CLI, "PA", 301, 1, 502, 100, NULL);
  seg (cap, 110, SRV, "A", 1, 501, 509, 0, NULL);
  hs_tcp_tracker_finish (cap->tracker);

  check_frames (cap, e, G_N_ELEMENTS (e));
  g_assert_cmpuint (rec_of (cap, 1)->win_scale_state, ==, 1);
  g_assert_cmpuint (rec_of (cap, 4)->win_scale_state, ==, 1);
  /* the first segment of each side is relative 1 */
  g_assert_cmpuint (rel_seq (cap, 1), ==, 1);
  g_assert_cmpuint (rel_ack (cap, 1), ==, 1);
  g_assert_cmpuint (rel_seq (cap, 4), ==, 1);
  g_assert_cmpuint (rel_ack (cap, 4), ==, 301);

  conn = conn_of (cap, 1);
  g_assert_cmpint (conn->irtt_ns, ==, -1);
  g_assert_cmpuint (conn->completeness, ==, 12);   /* first segment not folded in */
  g_assert_cmpuint (conn->conn_state, ==, HS_CONN_OTH);
  g_assert_cmpint (conn->endpoint[0].wscale, ==, -1);
  check_states (cap, 1, HS_TCP_STATE_ESTABLISHED, HS_TCP_STATE_UNKNOWN);
  check_states (cap, 4, HS_TCP_STATE_ESTABLISHED, HS_TCP_STATE_ESTABLISHED);

  cap_free (cap);
}

/* 07: Window Full, Zero Window, probes, probe ACKs, Window Update */
static void
test_zero_window (void)
{
  Cap *cap = cap_new ();
  static const Expect e[] = {
    { 1, 0, 0, 0, 0, 64240 },
    { 2, 0, 0, 1, 0, 1000 },
    { 3, 0, 0, 2, 0, 64240 },
    { 4, WF, 0, 0, 1000, 64240 },
    { 5, ZW, 0, 4, 0, 0 },
    { 6, ZWP, 0, 0, 1, 64240 },
    { 7, ZW | ZWPA, 0, 0, 0, 0 },
    { 8, ZWP, 0, 0, 1, 64240 },
    { 9, ZW | ZWPA, 0, 0, 0, 0 },
    { 10, WU, 0, 0, 0, 4000 },
    { 11, 0, 0, 0, 500, 64240 },
    { 12, 0, 0, 11, 0, 4000 },
  };

  handshake (cap, FALSE, 1000);
  seg (cap, 30, CLI, "PA", 1, 1, 64240, 1000, NULL);
  seg (cap, 40, SRV, "A", 1, 1001, 0, 0, NULL);
  seg (cap, 540, CLI, "A", 1001, 1, 64240, 1, NULL);
  seg (cap, 550, SRV, "A", 1, 1001, 0, 0, NULL);
  seg (cap, 1550, CLI, "A", 1001, 1, 64240, 1, NULL);
  seg (cap, 1560, SRV, "A", 1, 1001, 0, 0, NULL);
  seg (cap, 2000, SRV, "A", 1, 1001, 4000, 0, NULL);
  seg (cap, 2010, CLI, "PA", 1001, 1, 64240, 500, NULL);
  seg (cap, 2020, SRV, "A", 1, 1501, 4000, 0, NULL);

  check_frames (cap, e, G_N_ELEMENTS (e));
  /* no window scaling: -2 both ways */
  g_assert_cmpuint (rec_of (cap, 3)->win_scale_state, ==, 2);
  g_assert_cmpuint (rec_of (cap, 5)->win_scale_state, ==, 2);

  cap_free (cap);
}

/* 08: the receiver accepts the probe byte: ACKed unseen, then a false
 * "previous segment not captured" (ws#10745, kept as in 4.0) */
static void
test_zero_window_probe_byte_acked (void)
{
  Cap *cap = cap_new ();
  static const Expect e[] = {
    { 1, 0, 0, 0, 0, 64240 },
    { 2, 0, 0, 1, 0, 1000 },
    { 3, 0, 0, 2, 0, 64240 },
    { 4, WF, 0, 0, 1000, 64240 },
    { 5, ZW, 0, 4, 0, 0 },
    { 6, ZWP, 0, 0, 1, 64240 },
    { 7, UNSEEN | ZW, 0, 6, 0, 0 },
    { 8, WU, 0, 0, 0, 2000 },
    { 9, LOST, 0, 0, 0, 64240 },
    { 10, UNSEEN, 0, 9, 0, 2000 },
  };

  handshake (cap, FALSE, 1000);
  seg (cap, 30, CLI, "PA", 1, 1, 64240, 1000, NULL);
  seg (cap, 40, SRV, "A", 1, 1001, 0, 0, NULL);
  seg (cap, 540, CLI, "A", 1001, 1, 64240, 1, NULL);
  seg (cap, 550, SRV, "A", 1, 1002, 0, 0, NULL);
  seg (cap, 1000, SRV, "A", 1, 1002, 2000, 0, NULL);
  seg (cap, 1010, CLI, "PA", 1002, 1, 64240, 100, NULL);
  seg (cap, 1020, SRV, "A", 1, 1102, 2000, 0, NULL);

  check_frames (cap, e, G_N_ELEMENTS (e));

  cap_free (cap);
}

/* 09: 0-byte and 1-byte keep-alives; identical ACKs stay Keep-Alive ACKs */
static void
test_keep_alive (void)
{
  Cap *cap = cap_new ();
  static const Opts zero_byte = { .wscale = -1, .payload = "\0" };
  static const Expect e[] = {
    { 1, 0, 0, 0, 0, 64240 },
    { 2, 0, 0, 1, 0, 65160 },
    { 3, 0, 0, 2, 0, 64256 },
    { 4, 0, 0, 0, 100, 64256 },
    { 5, 0, 0, 4, 0, 65152 },
    { 6, KA, 0, 0, 0, 64256 },
    { 7, KAA, 0, 0, 0, 65152 },
    { 8, KA, 0, 0, 1, 64256 },
    { 9, KAA, 0, 8, 0, 65152 },
    { 10, KAA, 0, 0, 0, 65152 },
  };

  handshake (cap, TRUE, 65160);
  seg (cap, 30, CLI, "PA", 1, 1, 502, 100, NULL);
  seg (cap, 40, SRV, "A", 1, 101, 509, 0, NULL);
  seg (cap, 45040, CLI, "A", 100, 1, 502, 0, NULL);
  seg (cap, 45050, SRV, "A", 1, 101, 509, 0, NULL);
  seg (cap, 90050, CLI, "A", 100, 1, 502, 1, &zero_byte);
  seg (cap, 90060, SRV, "A", 1, 101, 509, 0, NULL);
  seg (cap, 95000, SRV, "A", 1, 101, 509, 0, NULL);

  check_frames (cap, e, G_N_ELEMENTS (e));

  cap_free (cap);
}

/* 10: data then RST/ACK from the server; a refused connection */
static void
test_rst (void)
{
  Cap *cap = cap_new ();
  HsConnection *conn;
  static const Expect e[] = {
    { 1, 0, 0, 0, 0, 64240 },
    { 2, 0, 0, 1, 0, 65160 },
    { 3, 0, 0, 2, 0, 64256 },
    { 4, 0, 0, 0, 100, 64256 },
    { 5, 0, 0, 4, 0, 0 },          /* no Zero Window on a RST */
    { 6, 0, 0, 0, 0, 64240 },
    { 7, 0, 0, 6, 0, 0 },
  };

  handshake (cap, TRUE, 65160);
  seg (cap, 30, CLI, "PA", 1, 1, 502, 100, NULL);
  seg (cap, 40, SRV, "RA", 1, 101, 0, 0, NULL);
  cap->port[CLI] = 40001;
  cap->isn[CLI] = 7000000;
  seg (cap, 1000, CLI, "S", 0, 0, 64240, 0, &WS7);
  seg (cap, 1001, SRV, "RA", 0, 1, 0, 0, NULL);
  hs_tcp_tracker_finish (cap->tracker);

  check_frames (cap, e, G_N_ELEMENTS (e));
  g_assert_cmpuint (rec_of (cap, 6)->stream, ==, 1);
  g_assert_cmpuint (rec_of (cap, 7)->win_scale_state, ==, 1);  /* server scale unknown */

  conn = conn_of (cap, 1);
  g_assert_cmpuint (conn->completeness, ==, 47);
  g_assert_cmpuint (conn->conn_state, ==, HS_CONN_RSTR);
  g_assert_cmpuint (conn->rst_by, ==, 2);
  g_assert_true (conn->endpoint[1].rst_seen);
  /* a RST closes both sides (RFC 9293 has no RESET state) */
  check_states (cap, 5, HS_TCP_STATE_CLOSED, HS_TCP_STATE_CLOSED);

  conn = conn_of (cap, 6);
  g_assert_cmpuint (conn->completeness, ==, 37);
  g_assert_cmpint (conn->irtt_ns, ==, 1000000);   /* the RST/ACK sets iRTT */
  g_assert_cmpuint (conn->conn_state, ==, HS_CONN_REJ);
  check_states (cap, 6, HS_TCP_STATE_SYN_SENT, HS_TCP_STATE_UNKNOWN);
  /* the refusing side never left CLOSED, the client is back there */
  check_states (cap, 7, HS_TCP_STATE_CLOSED, HS_TCP_STATE_CLOSED);
  g_assert_cmpstr (hs_conn_state_to_string (conn->conn_state), ==, "REJ");

  cap_free (cap);
}

/* 11: a SYN with a new ISN starts stream 1 (reused_ports); the same SYN
 * resent is a Retransmission */
static void
test_reused_ports (void)
{
  Cap *cap = cap_new ();
  static const Expect e[] = {
    { 1, 0, 0, 0, 0, 64240 },
    { 2, 0, 0, 1, 0, 65160 },
    { 3, 0, 0, 2, 0, 64256 },
    { 4, 0, 0, 0, 0, 64256 },
    { 5, 0, 0, 4, 0, 65152 },
    { 6, 0, 0, 5, 0, 64256 },
    { 7, REUSED, 0, 0, 0, 64240 },
    { 8, RETR, 0, 0, 0, 64240 },
    { 9, 0, 0, 7, 0, 65160 },          /* the eldest of two equal SYNs */
    { 10, 0, 0, 9, 0, 64256 },
  };

  handshake (cap, TRUE, 65160);
  seg (cap, 30, CLI, "FA", 1, 1, 502, 0, NULL);
  seg (cap, 40, SRV, "FA", 1, 2, 509, 0, NULL);
  seg (cap, 50, CLI, "A", 2, 2, 502, 0, NULL);
  cap->isn[CLI] = 1500000;
  cap->isn[SRV] = 5500000;
  seg (cap, 10000, CLI, "S", 0, 0, 64240, 0, &WS7);
  seg (cap, 11000, CLI, "S", 0, 0, 64240, 0, &WS7);
  seg (cap, 11010, SRV, "SA", 0, 1, 65160, 0, &WS7);
  seg (cap, 11020, CLI, "A", 1, 1, 502, 0, NULL);
  hs_tcp_tracker_finish (cap->tracker);

  check_frames (cap, e, G_N_ELEMENTS (e));
  g_assert_cmpuint (hs_tcp_tracker_get_n_connections (cap->tracker), ==, 2);
  g_assert_cmpuint (rec_of (cap, 6)->stream, ==, 0);
  g_assert_cmpuint (rec_of (cap, 7)->stream, ==, 1);
  g_assert_cmpuint (rec_of (cap, 10)->stream, ==, 1);
  g_assert_cmpuint (rel_seq (cap, 10), ==, 1);
  g_assert_cmpuint (rel_ack (cap, 10), ==, 1);
  g_assert_cmpuint (conn_of (cap, 1)->completeness, ==, 23);
  g_assert_cmpuint (conn_of (cap, 1)->conn_state, ==, HS_CONN_SF);
  g_assert_cmpuint (conn_of (cap, 7)->completeness, ==, 7);
  g_assert_cmpuint (conn_of (cap, 7)->conn_state, ==, HS_CONN_S1);
  g_assert_cmpuint (conn_of (cap, 7)->first_frame, ==, 7);
  g_assert_cmpuint (conn_of (cap, 7)->flag_counts[8], ==, 1);  /* reused_ports */

  cap_free (cap);
}

/* 12: the server ACKs client bytes never captured */
static void
test_ack_unseen (void)
{
  Cap *cap = cap_new ();
  static const Expect e[] = {
    { 1, 0, 0, 0, 0, 64240 },
    { 2, 0, 0, 1, 0, 65160 },
    { 3, 0, 0, 2, 0, 64256 },
    { 4, 0, 0, 0, 100, 64256 },
    { 5, UNSEEN, 0, 0, 0, 65152 },
    { 6, LOST, 0, 0, 0, 64256 },
    { 7, UNSEEN, 0, 6, 0, 65152 },
  };

  handshake (cap, TRUE, 65160);
  seg (cap, 100, CLI, "PA", 1, 1, 502, 100, NULL);
  seg (cap, 110, SRV, "A", 1, 201, 509, 0, NULL);
  seg (cap, 120, CLI, "PA", 201, 1, 502, 100, NULL);
  seg (cap, 130, SRV, "A", 1, 301, 509, 0, NULL);

  check_frames (cap, e, G_N_ELEMENTS (e));

  cap_free (cap);
}

/* 13: WS in both SYNs (128), in neither (-2), only in the SYN (-2), and a
 * capture starting mid-stream (-1); Window Update on the first server ACK */
static void
test_window_scaling (void)
{
  Cap *cap = cap_new ();
  static const Expect e[] = {
    { 1, 0, 0, 0, 0, 64240 },
    { 2, 0, 0, 1, 0, 65160 },
    { 3, 0, 0, 2, 0, 64256 },
    { 4, WU, 0, 0, 0, 65152 },
    { 5, 0, 0, 0, 0, 64240 },
    { 6, 0, 0, 5, 0, 65160 },
    { 7, 0, 0, 6, 0, 502 },
    { 8, WU, 0, 0, 0, 509 },
    { 9, 0, 0, 0, 0, 64240 },
    { 10, 0, 0, 9, 0, 65160 },
    { 11, 0, 0, 10, 0, 502 },
    { 12, WU, 0, 0, 0, 509 },
    { 13, 0, 0, 0, 50, 502 },
    { 14, 0, 0, 13, 0, 509 },
  };
  static const struct { const Opts *syn; const Opts *synack; } cases[] = {
    { &WS7, &WS7 }, { &NOWS, &NOWS }, { &WS7, &NOWS },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double t = 1000.0 * i;

      cap->port[CLI] = 41000 + i;
      cap->isn[CLI] = 2000000 + i * 100000;
      seg (cap, t, CLI, "S", 0, 0, 64240, 0, cases[i].syn);
      seg (cap, t + 10, SRV, "SA", 0, 1, 65160, 0, cases[i].synack);
      seg (cap, t + 20, CLI, "A", 1, 1, 502, 0, NULL);
      seg (cap, t + 30, SRV, "A", 1, 1, 509, 0, NULL);
    }
  cap->port[CLI] = 41003;
  cap->isn[CLI] = 2900000;
  seg (cap, 3000, CLI, "PA", 1, 1, 502, 50, NULL);
  seg (cap, 3010, SRV, "A", 1, 51, 509, 0, NULL);
  hs_tcp_tracker_finish (cap->tracker);

  check_frames (cap, e, G_N_ELEMENTS (e));
  for (i = 0; i < 4; i++)
    g_assert_cmpuint (rec_of (cap, 4 * i + 1)->stream, ==, i);
  g_assert_cmpuint (rec_of (cap, 3)->win_scale_state, ==, 0);
  g_assert_cmpuint (rec_of (cap, 7)->win_scale_state, ==, 2);
  g_assert_cmpuint (rec_of (cap, 12)->win_scale_state, ==, 2);
  g_assert_cmpuint (rec_of (cap, 13)->win_scale_state, ==, 1);
  g_assert_cmpint (conn_of (cap, 1)->endpoint[1].wscale, ==, 7);
  g_assert_cmpint (conn_of (cap, 5)->endpoint[0].wscale, ==, -2);
  g_assert_cmpint (conn_of (cap, 9)->endpoint[0].wscale, ==, -2);
  g_assert_cmpint (conn_of (cap, 9)->endpoint[1].wscale, ==, -2);
  g_assert_cmpint (conn_of (cap, 13)->endpoint[0].wscale, ==, -1);
  g_assert_cmpuint (conn_of (cap, 1)->completeness, ==, 7);
  /* mid-stream: the first segment counts only after the second pass */
  g_assert_cmpuint (conn_of (cap, 13)->completeness, ==, 12);

  cap_free (cap);
}

/* 14: Window Full at raw 8 << 7 */
static void
test_window_full_scaled (void)
{
  Cap *cap = cap_new ();
  static const Expect e[] = {
    { 1, 0, 0, 0, 0, 64240 },
    { 2, 0, 0, 1, 0, 65160 },
    { 3, 0, 0, 2, 0, 64256 },
    { 4, WU, 0, 0, 0, 1024 },
    { 5, WF, 0, 0, 1024, 64256 },
    { 6, ZW, 0, 5, 0, 0 },
    { 7, WU, 0, 0, 0, 12800 },
  };

  handshake (cap, TRUE, 65160);
  seg (cap, 25, SRV, "A", 1, 1, 8, 0, NULL);
  seg (cap, 30, CLI, "PA", 1, 1, 502, 1024, NULL);
  seg (cap, 40, SRV, "A", 1, 1025, 0, 0, NULL);
  seg (cap, 500, SRV, "A", 1, 1025, 100, 0, NULL);

  check_frames (cap, e, G_N_ELEMENTS (e));

  cap_free (cap);
}

/* 15: bytes in flight over a burst and a partial cumulative ACK */
static void
test_bytes_in_flight (void)
{
  Cap *cap = cap_new ();
  static const Expect e[] = {
    { 1, 0, 0, 0, 0, 64240 },
    { 2, 0, 0, 1, 0, 65160 },
    { 3, 0, 0, 2, 0, 64256 },
    { 4, 0, 0, 0, 1000, 64256 },
    { 5, 0, 0, 0, 2000, 64256 },
    { 6, 0, 0, 0, 2500, 64256 },
    { 7, 0, 0, 0, 3200, 64256 },
    { 8, 0, 0, 5, 0, 65152 },
    { 9, 0, 0, 0, 1300, 64256 },
    { 10, 0, 0, 9, 0, 65152 },
  };

  handshake (cap, TRUE, 65160);
  seg (cap, 100, CLI, "A", 1, 1, 502, 1000, NULL);
  seg (cap, 101, CLI, "A", 1001, 1, 502, 1000, NULL);
  seg (cap, 102, CLI, "PA", 2001, 1, 502, 500, NULL);
  seg (cap, 103, CLI, "A", 2501, 1, 502, 700, NULL);
  seg (cap, 110, SRV, "A", 1, 2001, 509, 0, NULL);
  seg (cap, 111, CLI, "PA", 3201, 1, 502, 100, NULL);
  seg (cap, 120, SRV, "A", 1, 3301, 509, 0, NULL);

  check_frames (cap, e, G_N_ELEMENTS (e));

  cap_free (cap);
}

/* 16: two unACKed segments, the second resent; the ACK matches the eldest
 * copy (frame 5, not the resend) */
static void
test_retransmission_acks_eldest (void)
{
  Cap *cap = cap_new ();
  static const Expect e[] = {
    { 1, 0, 0, 0, 0, 64240 },
    { 2, 0, 0, 1, 0, 65160 },
    { 3, 0, 0, 2, 0, 64256 },
    { 4, 0, 0, 0, 100, 64256 },
    { 5, 0, 0, 0, 200, 64256 },
    { 6, RETR, 0, 0, 200, 64256 },
    { 7, 0, 0, 5, 0, 65152 },
  };

  handshake (cap, TRUE, 65160);
  seg (cap, 100, CLI, "PA", 1, 1, 502, 100, NULL);
  seg (cap, 200, CLI, "PA", 101, 1, 502, 100, NULL);
  seg (cap, 500, CLI, "PA", 101, 1, 502, 100, NULL);
  seg (cap, 510, SRV, "A", 1, 201, 509, 0, NULL);

  check_frames (cap, e, G_N_ELEMENTS (e));

  cap_free (cap);
}

/* 17: Fast needs >= 2 dup ACKs and < 20 ms since the peer's last segment */
static void
test_fast_retransmission_thresholds (void)
{
  Cap *cap = cap_new ();
  static const Expect e[] = {
    { 1, 0, 0, 0, 0, 64240 },
    { 2, 0, 0, 1, 0, 65160 },
    { 3, 0, 0, 2, 0, 64256 },
    { 4, 0, 0, 0, 100, 64256 },
    { 5, LOST, 0, 0, 0, 64256 },
    { 6, 0, 0, 4, 0, 65152 },
    { 7, DUP, 1, 6, 0, 65152 },
    { 8, DUP, 2, 6, 0, 65152 },
    { 9, FAST, 0, 0, 200, 64256 },
    { 10, 0, 0, 5, 0, 65152 },
    { 11, 0, 0, 0, 100, 64256 },
    { 12, LOST, 0, 0, 0, 64256 },
    { 13, 0, 0, 11, 0, 65152 },
    { 14, DUP, 1, 13, 0, 65152 },
    { 15, DUP, 2, 13, 0, 65152 },
    { 16, DUP, 3, 13, 0, 65152 },
    { 17, RETR, 0, 0, 200, 64256 },
    { 18, 0, 0, 12, 0, 65152 },
  };

  handshake (cap, TRUE, 65160);
  seg (cap, 100, CLI, "PA", 1, 1, 502, 100, NULL);
  seg (cap, 102, CLI, "PA", 201, 1, 502, 100, NULL);
  seg (cap, 110, SRV, "A", 1, 101, 509, 0, NULL);
  seg (cap, 111, SRV, "A", 1, 101, 509, 0, NULL);
  seg (cap, 112, SRV, "A", 1, 101, 509, 0, NULL);
  seg (cap, 113, CLI, "PA", 101, 1, 502, 100, NULL);
  seg (cap, 120, SRV, "A", 1, 301, 509, 0, NULL);
  seg (cap, 200, CLI, "PA", 301, 1, 502, 100, NULL);
  seg (cap, 202, CLI, "PA", 501, 1, 502, 100, NULL);
  seg (cap, 210, SRV, "A", 1, 401, 509, 0, NULL);
  seg (cap, 211, SRV, "A", 1, 401, 509, 0, NULL);
  seg (cap, 212, SRV, "A", 1, 401, 509, 0, NULL);
  seg (cap, 213, SRV, "A", 1, 401, 509, 0, NULL);
  seg (cap, 243, CLI, "PA", 401, 1, 502, 100, NULL);
  seg (cap, 250, SRV, "A", 1, 601, 509, 0, NULL);

  check_frames (cap, e, G_N_ELEMENTS (e));

  cap_free (cap);
}

/* 18: Linux probes a zero window with 0 bytes at snd_una - 1: Keep-Alive */
static void
test_linux_zero_window_probe (void)
{
  Cap *cap = cap_new ();
  static const Expect e[] = {
    { 1, 0, 0, 0, 0, 64240 },
    { 2, 0, 0, 1, 0, 1000 },
    { 3, 0, 0, 2, 0, 64240 },
    { 4, WF, 0, 0, 1000, 64240 },
    { 5, ZW, 0, 4, 0, 0 },
    { 6, KA, 0, 0, 0, 64240 },
    { 7, ZW, 0, 0, 0, 0 },             /* never a Keep-Alive ACK with window 0 */
    { 8, KA, 0, 0, 0, 64240 },
    { 9, WU, 0, 0, 0, 3000 },
  };

  handshake (cap, FALSE, 1000);
  seg (cap, 30, CLI, "PA", 1, 1, 64240, 1000, NULL);
  seg (cap, 40, SRV, "A", 1, 1001, 0, 0, NULL);
  seg (cap, 300, CLI, "A", 1000, 1, 64240, 0, NULL);
  seg (cap, 310, SRV, "A", 1, 1001, 0, 0, NULL);
  seg (cap, 900, CLI, "A", 1000, 1, 64240, 0, NULL);
  seg (cap, 910, SRV, "A", 1, 1001, 3000, 0, NULL);

  check_frames (cap, e, G_N_ELEMENTS (e));

  cap_free (cap);
}

/* 19: a SYN with the same ISN after FIN stays in stream 0 (4.0) */
static void
test_same_isn_after_fin (void)
{
  Cap *cap = cap_new ();
  static const Expect e[] = {
    { 1, 0, 0, 0, 0, 64240 },
    { 2, 0, 0, 1, 0, 65160 },
    { 3, 0, 0, 2, 0, 64256 },
    { 4, 0, 0, 0, 0, 64256 },
    { 5, 0, 0, 4, 0, 65152 },
    { 6, 0, 0, 5, 0, 64256 },
    { 7, RETR, 0, 0, 0, 64240 },
    { 8, RETR, 0, 7, 0, 65160 },
    { 9, KA, 0, 8, 0, 64256 },
  };

  handshake (cap, TRUE, 65160);
  seg (cap, 30, CLI, "FA", 1, 1, 502, 0, NULL);
  seg (cap, 40, SRV, "FA", 1, 2, 509, 0, NULL);
  seg (cap, 50, CLI, "A", 2, 2, 502, 0, NULL);
  seg (cap, 5000, CLI, "S", 0, 0, 64240, 0, &WS7);
  seg (cap, 5010, SRV, "SA", 0, 1, 65160, 0, &WS7);
  seg (cap, 5020, CLI, "A", 1, 1, 502, 0, NULL);
  hs_tcp_tracker_finish (cap->tracker);

  check_frames (cap, e, G_N_ELEMENTS (e));
  g_assert_cmpuint (hs_tcp_tracker_get_n_connections (cap->tracker), ==, 1);
  /* 4-packet close, then a new incarnation of the connection */
  check_states (cap, 4, HS_TCP_STATE_FIN_WAIT_1, HS_TCP_STATE_CLOSE_WAIT);
  check_states (cap, 5, HS_TCP_STATE_LAST_ACK, HS_TCP_STATE_TIME_WAIT);
  check_states (cap, 6, HS_TCP_STATE_TIME_WAIT, HS_TCP_STATE_CLOSED);
  check_states (cap, 7, HS_TCP_STATE_SYN_SENT, HS_TCP_STATE_UNKNOWN);
  check_states (cap, 8, HS_TCP_STATE_SYN_RECEIVED, HS_TCP_STATE_ESTABLISHED);
  check_states (cap, 9, HS_TCP_STATE_ESTABLISHED, HS_TCP_STATE_ESTABLISHED);
  g_assert_cmpuint (conn_of (cap, 1)->conn_state, ==, HS_CONN_S1);

  cap_free (cap);
}

/* 20: a segment starting one byte below next-seq; a retransmitted FIN */
static void
test_fin_retransmission_overlap (void)
{
  Cap *cap = cap_new ();
  static const Expect e[] = {
    { 1, 0, 0, 0, 0, 64240 },
    { 2, 0, 0, 1, 0, 65160 },
    { 3, 0, 0, 2, 0, 64256 },
    { 4, 0, 0, 0, 100, 64256 },
    { 5, 0, 0, 4, 0, 65152 },
    { 6, 0, 0, 0, 50, 64256 },         /* new data at next - 1 */
    { 7, UNSEEN, 0, 6, 0, 65152 },     /* false positive, as 4.0 */
    { 8, 0, 0, 0, 0, 64256 },
    { 9, RETR, 0, 0, 0, 64256 },
    { 10, 0, 0, 8, 0, 65152 },
    { 11, 0, 0, 10, 0, 64256 },
  };

  handshake (cap, TRUE, 65160);
  seg (cap, 30, CLI, "PA", 1, 1, 502, 100, NULL);
  seg (cap, 40, SRV, "A", 1, 101, 509, 0, NULL);
  seg (cap, 50, CLI, "PA", 100, 1, 502, 50, NULL);
  seg (cap, 60, SRV, "A", 1, 150, 509, 0, NULL);
  seg (cap, 70, CLI, "FA", 150, 1, 502, 0, NULL);
  seg (cap, 470, CLI, "FA", 150, 1, 502, 0, NULL);
  seg (cap, 480, SRV, "FA", 1, 151, 509, 0, NULL);
  seg (cap, 490, CLI, "A", 151, 2, 502, 0, NULL);

  check_frames (cap, e, G_N_ELEMENTS (e));

  cap_free (cap);
}

/* 21: Window Full against the SYN/ACK's window, which is never scaled */
static void
test_window_full_synack_window (void)
{
  Cap *cap = cap_new ();
  static const Expect e[] = {
    { 1, 0, 0, 0, 0, 64240 },
    { 2, 0, 0, 1, 0, 1000 },
    { 3, 0, 0, 2, 0, 64256 },
    { 4, WF, 0, 0, 1000, 64256 },
    { 5, 0, 0, 4, 0, 1024 },
  };

  handshake (cap, TRUE, 1000);
  seg (cap, 30, CLI, "PA", 1, 1, 502, 1000, NULL);
  seg (cap, 40, SRV, "A", 1, 1001, 8, 0, NULL);

  check_frames (cap, e, G_N_ELEMENTS (e));

  cap_free (cap);
}

/* 22: a SYN/ACK with a new ISN keeps the stream and overwrites the server
 * base from its frame on (single pass: no flag on the first SYN/ACK) */
static void
test_synack_new_isn (void)
{
  Cap *cap = cap_new ();
  HsConnection *conn;
  static const Expect e[] = {
    { 1, 0, 0, 0, 0, 64240 },
    { 2, 0, 0, 1, 0, 65160 },
    { 3, 0, 0, 2, 0, 64256 },
    { 4, 0, 0, 0, 0, 64256 },
    { 5, 0, 0, 4, 0, 65152 },
    { 6, 0, 0, 5, 0, 64256 },
    { 7, UNSEEN | LOST | REUSED, 0, 0, 0, 65160 },
    { 8, UNSEEN | LOST, 0, 7, 0, 64256 },
    { 9, 0, 0, 0, 0, 64256 },
  };

  handshake (cap, TRUE, 65160);
  seg (cap, 30, CLI, "FA", 1, 1, 502, 0, NULL);
  seg (cap, 40, SRV, "FA", 1, 2, 509, 0, NULL);
  seg (cap, 50, CLI, "A", 2, 2, 502, 0, NULL);
  cap->isn[CLI] = 1500000;
  cap->isn[SRV] = 5500000;
  seg (cap, 5010, SRV, "SA", 0, 1, 65160, 0, &WS7);
  seg (cap, 5020, CLI, "A", 1, 1, 502, 0, NULL);
  seg (cap, 5030, CLI, "PA", 1, 1, 502, 10, NULL);

  check_frames (cap, e, G_N_ELEMENTS (e));

  conn = conn_of (cap, 1);
  g_assert_cmpuint (conn->n_base_changes, ==, 1);
  g_assert_cmpuint (conn->base_changes[0].from_frame, ==, 7);
  g_assert_cmpuint (conn->base_changes[0].dir, ==, 1);
  g_assert_cmpuint (conn->base_changes[0].old_base, ==, 5000000);
  /* before the change: the old server base */
  g_assert_cmpuint (rel_seq (cap, 5), ==, 1);
  g_assert_cmpuint (rel_ack (cap, 5), ==, 2);
  g_assert_cmpuint (rel_ack (cap, 6), ==, 2);
  /* from it on: the new one; the client's numbers become "garbage" */
  g_assert_cmpuint (rel_seq (cap, 7), ==, 0);
  g_assert_cmpuint (rel_ack (cap, 7), ==, 500001);
  g_assert_cmpuint (rel_seq (cap, 8), ==, 500001);
  g_assert_cmpuint (rel_ack (cap, 8), ==, 1);
  g_assert_cmpuint (rel_seq (cap, 9), ==, 500001);

  cap_free (cap);
}

/* 23: ACKed unseen re-arms after a hole, stays silent for in-order pairs;
 * the late hole fill is Spurious */
static void
test_ack_unseen_after_hole (void)
{
  Cap *cap = cap_new ();
  static const Expect e[] = {
    { 1, 0, 0, 0, 0, 64240 },
    { 2, 0, 0, 1, 0, 65160 },
    { 3, 0, 0, 2, 0, 64256 },
    { 4, 0, 0, 0, 100, 64256 },
    { 5, UNSEEN, 0, 0, 0, 65152 },
    { 6, LOST, 0, 0, 0, 64256 },
    { 7, UNSEEN, 0, 6, 0, 65152 },
    { 8, 0, 0, 0, 100, 64256 },
    { 9, 0, 0, 8, 0, 65152 },
    { 10, 0, 0, 0, 100, 64256 },
    { 11, 0, 0, 10, 0, 65152 },
    { 12, SPUR, 0, 0, 100, 64256 },
    { 13, 0, 0, 0, 500, 64256 },
    { 14, 0, 0, 13, 0, 65152 },
  };

  handshake (cap, TRUE, 65160);
  seg (cap, 100, CLI, "PA", 1, 1, 502, 100, NULL);
  seg (cap, 110, SRV, "A", 1, 201, 509, 0, NULL);
  seg (cap, 120, CLI, "PA", 201, 1, 502, 100, NULL);
  seg (cap, 130, SRV, "A", 1, 301, 509, 0, NULL);
  seg (cap, 140, CLI, "PA", 301, 1, 502, 100, NULL);
  seg (cap, 150, SRV, "A", 1, 401, 509, 0, NULL);
  seg (cap, 160, CLI, "PA", 401, 1, 502, 100, NULL);
  seg (cap, 170, SRV, "A", 1, 501, 509, 0, NULL);
  seg (cap, 180, CLI, "PA", 101, 1, 502, 100, NULL);
  seg (cap, 190, CLI, "PA", 501, 1, 502, 100, NULL);
  seg (cap, 200, SRV, "A", 1, 601, 509, 0, NULL);

  check_frames (cap, e, G_N_ELEMENTS (e));

  cap_free (cap);
}

/* 24: repeats of an unseen ACK stay silent until the peer shows a hole */
static void
test_ack_unseen_suppression (void)
{
  Cap *cap = cap_new ();
  static const Expect e[] = {
    { 1, 0, 0, 0, 0, 64240 },
    { 2, 0, 0, 1, 0, 65160 },
    { 3, 0, 0, 2, 0, 64256 },
    { 4, 0, 0, 0, 100, 64256 },
    { 5, UNSEEN, 0, 0, 0, 65152 },
    { 6, DUP, 1, 5, 0, 65152 },
    { 7, DUP, 1, 3, 0, 64256 },
    { 8, DUP, 2, 5, 0, 65152 },
    { 9, WU, 0, 0, 0, 51200 },
    { 10, DUP, 3, 5, 0, 65152 },
    { 11, LOST, 0, 0, 0, 51200 },
    { 12, UNSEEN | DUP, 4, 5, 0, 65152 },
    { 13, 0, 0, 0, 0, 65152 },
    { 14, 0, 0, 11, 0, 65152 },
  };

  handshake (cap, TRUE, 65160);
  seg (cap, 100, CLI, "PA", 1, 1, 502, 100, NULL);
  seg (cap, 110, SRV, "A", 1, 201, 509, 0, NULL);
  seg (cap, 111, SRV, "A", 1, 201, 509, 0, NULL);
  seg (cap, 112, CLI, "A", 101, 1, 502, 0, NULL);
  seg (cap, 113, SRV, "A", 1, 201, 509, 0, NULL);
  seg (cap, 114, CLI, "A", 101, 1, 400, 0, NULL);
  seg (cap, 115, SRV, "A", 1, 201, 509, 0, NULL);
  seg (cap, 120, CLI, "PA", 201, 1, 400, 100, NULL);
  seg (cap, 121, SRV, "A", 1, 201, 509, 0, NULL);
  seg (cap, 130, SRV, "A", 1, 251, 509, 0, NULL);
  seg (cap, 140, SRV, "A", 1, 301, 509, 0, NULL);

  check_frames (cap, e, G_N_ELEMENTS (e));

  cap_free (cap);
}

/* 25: dup ACKs with growing SACK blocks; bytes in flight minus SACKed */
static void
test_sack_bytes_in_flight (void)
{
  Cap *cap = cap_new ();
  Opts sack = { .wscale = -1, .n_sack = 1 };
  static const Expect e[] = {
    { 1, 0, 0, 0, 0, 64240 },
    { 2, 0, 0, 1, 0, 65160 },
    { 3, 0, 0, 2, 0, 64256 },
    { 4, 0, 0, 0, 100, 64256 },
    { 5, LOST, 0, 0, 0, 64256 },
    { 6, 0, 0, 4, 0, 65152 },
    { 7, 0, 0, 0, 100, 64256 },
    { 8, DUP, 1, 6, 0, 65152 },
    { 9, 0, 0, 0, 100, 64256 },
    { 10, DUP, 2, 6, 0, 65152 },
    { 11, FAST, 0, 0, 100, 64256 },
    { 12, 0, 0, 9, 0, 65152 },
  };

  handshake (cap, TRUE, 65160);
  seg (cap, 100, CLI, "PA", 1, 1, 502, 100, NULL);
  seg (cap, 102, CLI, "PA", 201, 1, 502, 100, NULL);
  sack.sack[0][0] = 201;
  sack.sack[0][1] = 301;
  seg (cap, 110, SRV, "A", 1, 101, 509, 0, &sack);
  seg (cap, 112, CLI, "PA", 301, 1, 502, 100, NULL);
  sack.sack[0][1] = 401;
  seg (cap, 114, SRV, "A", 1, 101, 509, 0, &sack);
  seg (cap, 116, CLI, "PA", 401, 1, 502, 100, NULL);
  sack.sack[0][1] = 501;
  seg (cap, 118, SRV, "A", 1, 101, 509, 0, &sack);
  seg (cap, 120, CLI, "PA", 101, 1, 502, 100, NULL);
  seg (cap, 130, SRV, "A", 1, 501, 509, 0, NULL);

  check_frames (cap, e, G_N_ELEMENTS (e));
  g_assert_true (rec_of (cap, 6)->has_sack);
  g_assert_false (rec_of (cap, 7)->has_sack);

  cap_free (cap);
}

/* Measured: of four SACK blocks only the first three are subtracted */
static void
test_sack_four_blocks (void)
{
  Cap *cap = cap_new ();
  Opts sack = { .wscale = -1, .n_sack = 4,
                .sack = { { 201, 301 }, { 401, 501 }, { 601, 701 }, { 801, 901 } } };
  guint32 f;

  handshake (cap, TRUE, 65160);
  seg (cap, 100, CLI, "PA", 1, 1, 502, 100, NULL);
  seg (cap, 101, CLI, "PA", 201, 1, 502, 100, NULL);
  seg (cap, 102, CLI, "PA", 401, 1, 502, 100, NULL);
  seg (cap, 103, CLI, "PA", 601, 1, 502, 100, NULL);
  seg (cap, 104, CLI, "PA", 801, 1, 502, 100, NULL);
  seg (cap, 110, SRV, "A", 1, 101, 509, 0, &sack);
  /* 201..1001 = 800, minus 3 x 100 */
  f = seg (cap, 112, CLI, "PA", 901, 1, 502, 100, NULL);
  g_assert_cmpuint (rec_of (cap, f)->bytes_in_flight, ==, 500);
  sack.n_sack = 3;
  g_assert_cmphex (seg_rec (cap, 114, SRV, "A", 1, 101, 509, 0, &sack)->analysis, ==, DUP);
  f = seg (cap, 116, CLI, "PA", 1001, 1, 502, 100, NULL);
  g_assert_cmpuint (rec_of (cap, f)->bytes_in_flight, ==, 600);

  cap_free (cap);
}

/* Wireshark's dup-ACK counter is unsigned: parked at -1 by an ACKed-unseen
 * check it counts as ">= 2", so a resent FIN right after is "Fast"
 * (measured on reassembly.pcap) */
static void
test_dup_counter_unsigned (void)
{
  Cap *cap = cap_new ();

  handshake (cap, FALSE, 16430);
  seg (cap, 30, CLI, "PA", 1, 1, 17520, 274, NULL);
  seg (cap, 31, SRV, "A", 1, 275, 16156, 0, NULL);
  seg (cap, 32, SRV, "FA", 1, 275, 16430, 0, NULL);
  seg (cap, 100, CLI, "A", 275, 1, 17520, 1440, NULL);
  /* acks 8 bytes beyond anything seen, and resends the FIN */
  seg (cap, 101, SRV, "FA", 1, 1723, 16430, 0, NULL);

  g_assert_cmphex (rec_of (cap, 8)->analysis, ==, UNSEEN | FAST);
  g_assert_cmphex (rec_of (cap, 6)->analysis, ==, 0);

  cap_free (cap);
}

/* Measured: the dup-ACK count goes on across a lost segment; an ACK beyond
 * the peer's contiguous edge is flagged while the peer has a hole, even with
 * a positive dup-ACK count, and not without a hole */
static void
test_ack_unseen_hole_rule (void)
{
  Cap *cap = cap_new ();

  handshake (cap, TRUE, 65160);
  seg (cap, 30, SRV, "PA", 1, 1, 509, 100, NULL);
  seg (cap, 40, CLI, "A", 1, 101, 502, 0, NULL);
  g_assert_cmpuint (seg_rec (cap, 41, CLI, "A", 1, 101, 502, 0, NULL)->dupack_num, ==, 1);
  g_assert_cmpuint (seg_rec (cap, 42, CLI, "A", 1, 101, 502, 0, NULL)->dupack_num, ==, 2);
  g_assert_cmphex (seg_rec (cap, 43, CLI, "PA", 201, 101, 502, 100, NULL)->analysis, ==, LOST);
  g_assert_cmpuint (seg_rec (cap, 44, CLI, "A", 301, 101, 502, 0, NULL)->dupack_num, ==, 3);
  g_assert_cmpuint (rec_of (cap, 9)->related_frame, ==, 5);
  /* the client has a hole (1..201): flagged, and the edge catches up */
  g_assert_cmphex (seg_rec (cap, 50, SRV, "A", 101, 301, 509, 0, NULL)->analysis, ==, UNSEEN);
  g_assert_cmpuint (rec_of (cap, 10)->related_frame, ==, 8);
  /* no hole any more and a dup count of 3: silent */
  g_assert_cmphex (seg_rec (cap, 51, SRV, "A", 101, 401, 509, 0, NULL)->analysis, ==, 0);

  cap_free (cap);
}

/* MPTCP: Wireshark ignores a duplicate ACK when a new kind of MPTCP option
 * appeared in the conversation since that side's previous segment (here:
 * the first one); the count goes on afterwards */
static void
test_mptcp_dup_ack (void)
{
  Cap *cap = cap_new ();
  static const Opts dss = { .wscale = -1, .mptcp = TRUE };

  handshake (cap, TRUE, 65160);
  seg (cap, 30, SRV, "PA", 1, 1, 509, 100, NULL);
  seg (cap, 40, CLI, "A", 1, 101, 502, 0, NULL);
  g_assert_cmphex (seg_rec (cap, 41, CLI, "A", 1, 101, 502, 0, &dss)->analysis, ==, DUP);
  g_assert_cmphex (seg_rec (cap, 42, CLI, "A", 1, 101, 502, 0, &dss)->analysis, ==, 0);
  g_assert_cmpuint (seg_rec (cap, 43, CLI, "A", 1, 101, 502, 0, &dss)->dupack_num, ==, 2);
  /* the same kind again changes nothing */
  g_assert_cmphex (seg_rec (cap, 44, SRV, "A", 101, 1, 509, 0, &dss)->analysis, ==, 0);
  g_assert_cmpuint (seg_rec (cap, 45, CLI, "A", 1, 101, 502, 0, &dss)->dupack_num, ==, 3);

  cap_free (cap);
}

/* Wireshark matches ACK numbers whether or not the ACK flag is set, and
 * shows them raw then */
static void
test_ack_without_ack_flag (void)
{
  Cap *cap = cap_new ();
  static const Opts raw = { .wscale = -1, .raw_ack = TRUE };

  handshake (cap, TRUE, 65160);
  seg (cap, 30, SRV, "PA", 1, 1, 509, 100, NULL);
  seg (cap, 40, CLI, "R", 1, 5000101, 502, 0, &raw);

  g_assert_cmpuint (rec_of (cap, 5)->related_frame, ==, 4);
  g_assert_cmpuint (rel_ack (cap, 5), ==, 5000101);
  g_assert_cmphex (rec_of (cap, 5)->analysis, ==, 0);

  cap_free (cap);
}

/* A SYN with the same ISN after a RST restores next-seq: data after the
 * reconnect is not a retransmission */
static void
test_same_isn_restores_nextseq (void)
{
  Cap *cap = cap_new ();

  handshake (cap, TRUE, 65160);
  seg (cap, 30, CLI, "PA", 1, 1, 502, 100, NULL);
  seg (cap, 40, SRV, "A", 1, 101, 509, 0, NULL);
  seg (cap, 50, CLI, "R", 5000, 0, 502, 0, NULL);
  seg (cap, 5000, CLI, "S", 0, 0, 64240, 0, &WS7);
  seg (cap, 5010, SRV, "SA", 0, 1, 65160, 0, &WS7);
  seg (cap, 5020, CLI, "A", 1, 1, 502, 0, NULL);
  seg (cap, 5030, CLI, "PA", 101, 1, 502, 100, NULL);

  g_assert_cmphex (rec_of (cap, 7)->analysis, ==, RETR);
  g_assert_cmphex (rec_of (cap, 8)->analysis, ==, RETR);
  g_assert_cmphex (rec_of (cap, 10)->analysis, ==, 0);
  g_assert_cmpuint (rec_of (cap, 10)->bytes_in_flight, ==, 100);
  g_assert_cmpuint (rec_of (cap, 10)->stream, ==, 0);
  check_states (cap, 6, HS_TCP_STATE_CLOSED, HS_TCP_STATE_CLOSED);
  check_states (cap, 7, HS_TCP_STATE_SYN_SENT, HS_TCP_STATE_UNKNOWN);

  cap_free (cap);
}

/* tshark's VNC heuristic starts a new stream after an RFB version message
 * on ports without a registered dissector */
static void
test_vnc_heuristic_split (void)
{
  Cap *cap = cap_new ();
  static const Opts rfb = { .wscale = -1, .payload = "RFB 003.008\n" };

  cap->port[SRV] = 6900;
  handshake (cap, TRUE, 65160);
  seg (cap, 30, SRV, "PA", 1, 1, 509, 12, &rfb);
  seg (cap, 40, CLI, "PA", 1, 13, 502, 12, &rfb);
  seg (cap, 50, SRV, "PA", 13, 13, 509, 8, NULL);
  seg (cap, 60, CLI, "PA", 13, 21, 502, 12, &rfb);
  seg (cap, 70, SRV, "A", 21, 25, 509, 0, NULL);

  g_assert_cmpuint (rec_of (cap, 4)->stream, ==, 0);
  g_assert_cmpuint (rec_of (cap, 5)->stream, ==, 1);
  g_assert_cmpuint (rec_of (cap, 8)->stream, ==, 1);   /* VNC owns it now */
  g_assert_cmpuint (hs_tcp_tracker_get_n_connections (cap->tracker), ==, 2);
  /* fresh analysis: the first segment of each side is relative 1 and the
   * window scale is unknown */
  g_assert_cmpuint (rel_seq (cap, 5), ==, 1);
  g_assert_cmpuint (rel_ack (cap, 5), ==, 1);
  g_assert_cmpuint (rel_seq (cap, 6), ==, 1);
  g_assert_cmpuint (rel_ack (cap, 6), ==, 13);
  g_assert_cmpuint (hs_packet_record_window (rec_of (cap, 5)), ==, 502);
  g_assert_cmpuint (rec_of (cap, 5)->win_scale_state, ==, 1);
  cap_free (cap);

  /* port 80 belongs to HTTP: no heuristic, no split */
  cap = cap_new ();
  cap->port[SRV] = 80;
  handshake (cap, TRUE, 65160);
  seg (cap, 30, SRV, "PA", 1, 1, 509, 12, &rfb);
  seg (cap, 40, CLI, "PA", 1, 13, 502, 12, &rfb);
  g_assert_cmpuint (rec_of (cap, 5)->stream, ==, 0);
  cap_free (cap);
}

/* 4-packet close and simultaneous close */
static void
test_states_close (void)
{
  Cap *cap = cap_new ();

  handshake (cap, TRUE, 65160);
  seg (cap, 30, CLI, "FA", 1, 1, 502, 0, NULL);
  seg (cap, 31, SRV, "A", 1, 2, 509, 0, NULL);
  seg (cap, 40, SRV, "FA", 1, 2, 509, 0, NULL);
  seg (cap, 41, CLI, "A", 2, 2, 502, 0, NULL);
  hs_tcp_tracker_finish (cap->tracker);

  check_states (cap, 4, HS_TCP_STATE_FIN_WAIT_1, HS_TCP_STATE_CLOSE_WAIT);
  check_states (cap, 5, HS_TCP_STATE_CLOSE_WAIT, HS_TCP_STATE_FIN_WAIT_2);
  check_states (cap, 6, HS_TCP_STATE_LAST_ACK, HS_TCP_STATE_TIME_WAIT);
  check_states (cap, 7, HS_TCP_STATE_TIME_WAIT, HS_TCP_STATE_CLOSED);
  g_assert_cmpuint (conn_of (cap, 1)->conn_state, ==, HS_CONN_SF);
  g_assert_cmpstr (hs_conn_state_describe (conn_of (cap, 1)->conn_state), ==,
                   "Closed normally (FIN both ways)");
  cap_free (cap);

  /* both FINs cross: CLOSING on both sides, then TIME-WAIT */
  cap = cap_new ();
  handshake (cap, TRUE, 65160);
  seg (cap, 30, CLI, "FA", 1, 1, 502, 0, NULL);
  seg (cap, 31, SRV, "FA", 1, 1, 509, 0, NULL);
  seg (cap, 40, CLI, "A", 2, 2, 502, 0, NULL);
  seg (cap, 41, SRV, "A", 2, 2, 509, 0, NULL);

  check_states (cap, 4, HS_TCP_STATE_FIN_WAIT_1, HS_TCP_STATE_CLOSE_WAIT);
  check_states (cap, 5, HS_TCP_STATE_CLOSING, HS_TCP_STATE_CLOSING);
  check_states (cap, 6, HS_TCP_STATE_CLOSING, HS_TCP_STATE_TIME_WAIT);
  check_states (cap, 7, HS_TCP_STATE_TIME_WAIT, HS_TCP_STATE_TIME_WAIT);
  cap_free (cap);
}

/* A RST leaves RFC 9293 states only, on a real Linux capture
 * (tests/data/linux-resets.pcap): a refused SYN (frames 1-2), a server
 * aborting an established connection (frame 8) and a SYN/ACK reset by a
 * client that sent no SYN (frames 9-11), which returns the server from
 * SYN-RECEIVED to LISTEN (3.10.7.4). */
static void
test_states_reset (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "linux-resets.pcap",
                                                 NULL);
  g_autoptr(HsCapture) capture = hs_test_load (path);
  static const struct {
    guint      frame;
    HsTcpState sender;
    HsTcpState receiver;
  } e[] = {
    { 1, HS_TCP_STATE_SYN_SENT, HS_TCP_STATE_UNKNOWN },
    { 2, HS_TCP_STATE_CLOSED, HS_TCP_STATE_CLOSED },
    { 7, HS_TCP_STATE_ESTABLISHED, HS_TCP_STATE_ESTABLISHED },
    { 8, HS_TCP_STATE_CLOSED, HS_TCP_STATE_CLOSED },
    { 10, HS_TCP_STATE_SYN_RECEIVED, HS_TCP_STATE_ESTABLISHED },
    { 11, HS_TCP_STATE_CLOSED, HS_TCP_STATE_LISTEN },
  };
  guint i;

  g_assert_cmpuint (hs_capture_get_n_packets (capture), ==, 11);
  for (i = 0; i < G_N_ELEMENTS (e); i++)
    {
      const HsPacketRecord *r = hs_capture_get_record (capture, e[i].frame - 1);

      g_test_message ("states of frame %u", e[i].frame);
      g_assert_cmpstr (hs_tcp_state_to_string (hs_packet_record_sender_state (r)), ==,
                       hs_tcp_state_to_string (e[i].sender));
      g_assert_cmpstr (hs_tcp_state_to_string (hs_packet_record_receiver_state (r)), ==,
                       hs_tcp_state_to_string (e[i].receiver));
    }

  /* how each side ended */
  g_assert_cmpuint (hs_capture_get_connection (capture, 0)->endpoint[1].final_state, ==,
                    HS_TCP_STATE_CLOSED);
  g_assert_cmpuint (hs_capture_get_connection (capture, 2)->endpoint[1].final_state, ==,
                    HS_TCP_STATE_LISTEN);
}

/* conn_state in Zeek's vocabulary */
static void
test_conn_states (void)
{
  Cap *cap;

  /* S0: SYN, no reply */
  cap = cap_new ();
  seg (cap, 0, CLI, "S", 0, 0, 64240, 0, &WS7);
  seg (cap, 1000, CLI, "S", 0, 0, 64240, 0, &WS7);
  hs_tcp_tracker_finish (cap->tracker);
  g_assert_cmpuint (conn_of (cap, 1)->conn_state, ==, HS_CONN_S0);
  g_assert_cmphex (rec_of (cap, 2)->analysis, ==, RETR);
  g_assert_cmpstr (hs_conn_state_to_string (HS_CONN_S0), ==, "S0");
  cap_free (cap);

  /* S1, then S2 (client FIN only) */
  cap = cap_new ();
  handshake (cap, TRUE, 65160);
  hs_tcp_tracker_finish (cap->tracker);
  g_assert_cmpuint (conn_of (cap, 1)->conn_state, ==, HS_CONN_S1);
  g_assert_cmpstr (hs_conn_state_describe (HS_CONN_S1), ==, "Still open");
  seg (cap, 30, CLI, "FA", 1, 1, 502, 0, NULL);
  hs_tcp_tracker_finish (cap->tracker);
  g_assert_cmpuint (conn_of (cap, 1)->conn_state, ==, HS_CONN_S2);
  cap_free (cap);

  /* S3: server FIN only */
  cap = cap_new ();
  handshake (cap, TRUE, 65160);
  seg (cap, 30, SRV, "FA", 1, 1, 509, 0, NULL);
  hs_tcp_tracker_finish (cap->tracker);
  g_assert_cmpuint (conn_of (cap, 1)->conn_state, ==, HS_CONN_S3);
  cap_free (cap);

  /* RSTO: established, the client resets */
  cap = cap_new ();
  handshake (cap, TRUE, 65160);
  seg (cap, 30, CLI, "RA", 1, 1, 0, 0, NULL);
  hs_tcp_tracker_finish (cap->tracker);
  g_assert_cmpuint (conn_of (cap, 1)->conn_state, ==, HS_CONN_RSTO);
  g_assert_cmpuint (conn_of (cap, 1)->rst_by, ==, 1);
  g_assert_cmpstr (hs_conn_state_describe (HS_CONN_RSTO), ==, "Reset by the client");
  cap_free (cap);

  /* RSTOS0: SYN then RST from the client, no reply */
  cap = cap_new ();
  seg (cap, 0, CLI, "S", 0, 0, 64240, 0, &WS7);
  seg (cap, 10, CLI, "R", 1, 0, 0, 0, NULL);
  hs_tcp_tracker_finish (cap->tracker);
  g_assert_cmpuint (conn_of (cap, 1)->conn_state, ==, HS_CONN_RSTOS0);
  cap_free (cap);

  /* SH: SYN then FIN from the client, no reply */
  cap = cap_new ();
  seg (cap, 0, CLI, "S", 0, 0, 64240, 0, &WS7);
  seg (cap, 10, CLI, "F", 1, 0, 64240, 0, NULL);
  hs_tcp_tracker_finish (cap->tracker);
  g_assert_cmpuint (conn_of (cap, 1)->conn_state, ==, HS_CONN_SH);
  cap_free (cap);

  /* RSTRH and SHR: a SYN/ACK without its SYN, then RST or FIN from the
   * responder (the SYN/ACK receiver is the originator) */
  cap = cap_new ();
  seg (cap, 0, SRV, "SA", 0, 1, 65160, 0, &WS7);
  seg (cap, 10, SRV, "RA", 1, 1, 0, 0, NULL);
  hs_tcp_tracker_finish (cap->tracker);
  g_assert_cmpuint (conn_of (cap, 1)->conn_state, ==, HS_CONN_RSTRH);
  cap_free (cap);

  cap = cap_new ();
  seg (cap, 0, SRV, "SA", 0, 1, 65160, 0, &WS7);
  seg (cap, 10, SRV, "FA", 1, 1, 509, 0, NULL);
  hs_tcp_tracker_finish (cap->tracker);
  g_assert_cmpuint (conn_of (cap, 1)->conn_state, ==, HS_CONN_SHR);
  cap_free (cap);

  /* OTH: mid-stream, never closed */
  cap = cap_new ();
  seg (cap, 0, CLI, "PA", 1, 1, 502, 10, NULL);
  seg (cap, 10, SRV, "A", 1, 11, 509, 0, NULL);
  hs_tcp_tracker_finish (cap->tracker);
  g_assert_cmpuint (conn_of (cap, 1)->conn_state, ==, HS_CONN_OTH);
  g_assert_cmpstr (hs_conn_state_describe (HS_CONN_OTH), ==, "Picked up mid-stream");
  cap_free (cap);
}

/* A SYN with a zero timestamp leaves iRTT unknown (Wireshark treats a zero
 * SYN time as "unset") */
static void
test_irtt_zero_timestamp (void)
{
  Cap *cap = cap_new ();

  cap->base_ns = 0;
  handshake (cap, TRUE, 65160);
  g_assert_cmpint (conn_of (cap, 1)->irtt_ns, ==, -1);
  cap_free (cap);
}

/* Sequence numbers wrapping past 2^32 */
static void
test_sequence_wraparound (void)
{
  Cap *cap = cap_new ();
  guint32 f;
  guint i;

  cap->isn[CLI] = G_MAXUINT32 - 250;
  handshake (cap, TRUE, 65160);
  for (i = 0; i < 5; i++)
    {
      f = seg (cap, 30 + i, CLI, "A", 1 + i * 100, 1, 502, 100, NULL);
      g_assert_cmphex (rec_of (cap, f)->analysis, ==, 0);
      g_assert_cmpuint (rec_of (cap, f)->bytes_in_flight, ==, (i + 1) * 100);
      g_assert_cmpuint (rel_seq (cap, f), ==, 1 + i * 100);
    }
  f = seg (cap, 40, SRV, "A", 1, 301, 509, 0, NULL);
  g_assert_cmphex (rec_of (cap, f)->analysis, ==, 0);
  g_assert_cmpuint (rec_of (cap, f)->related_frame, ==, 6);
  f = seg (cap, 41, CLI, "A", 201, 1, 502, 100, NULL);
  g_assert_cmphex (rec_of (cap, f)->analysis, ==, SPUR);
  f = seg (cap, 42, SRV, "A", 1, 501, 509, 0, NULL);
  g_assert_cmpuint (rec_of (cap, f)->related_frame, ==, 8);
  g_assert_cmpuint (rel_ack (cap, f), ==, 501);

  cap_free (cap);
}

/* The unACKed list holds at most 10 000 segments, as Wireshark's */
static void
test_unacked_limit (void)
{
  Cap *cap = cap_new ();
  guint32 f = 0;
  guint i;

  handshake (cap, TRUE, 65160);
  for (i = 0; i < 10001; i++)
    f = seg (cap, 100 + i * 0.01, CLI, "A", 1 + i * 10, 1, 502, 10, NULL);
  /* the 10 001st is not stored: in flight stays at the list's span */
  g_assert_cmpuint (rec_of (cap, f - 1)->bytes_in_flight, ==, 100000);
  g_assert_cmpuint (rec_of (cap, f)->bytes_in_flight, ==, 100000);
  g_assert_cmphex (rec_of (cap, f)->analysis, ==, 0);
  /* a partial ACK still finds its segment */
  f = seg (cap, 300, SRV, "A", 1, 50001, 509, 0, NULL);
  g_assert_cmpuint (rec_of (cap, f)->related_frame, ==, 3 + 5000);

  cap_free (cap);
}

/* Keys: both directions of an IPv6 pair share a stream; another port or
 * another address family does not */
static void
test_conversation_keys (void)
{
  Cap *cap = cap_new ();
  guint32 f;

  cap->ip_version = 6;
  memset (cap->addr, 0, sizeof cap->addr);
  cap->addr[CLI][0] = 0x20;
  cap->addr[CLI][1] = 0x01;
  cap->addr[CLI][15] = 1;
  cap->addr[SRV][0] = 0x20;
  cap->addr[SRV][1] = 0x01;
  cap->addr[SRV][15] = 2;
  handshake (cap, TRUE, 65160);
  g_assert_cmpuint (rec_of (cap, 2)->stream, ==, 0);
  g_assert_cmpuint (rec_of (cap, 3)->stream, ==, 0);
  g_assert_cmpuint (conn_of (cap, 1)->ip_version, ==, 6);
  g_assert_cmpuint (conn_of (cap, 1)->endpoint[1].addr[15], ==, 2);

  cap->port[CLI] = 40002;
  f = seg (cap, 30, CLI, "S", 0, 0, 64240, 0, &WS7);
  g_assert_cmpuint (rec_of (cap, f)->stream, ==, 1);

  /* the same bytes as IPv4 addresses: a different conversation */
  cap->ip_version = 4;
  f = seg (cap, 40, SRV, "A", 1, 1, 509, 0, NULL);
  g_assert_cmpuint (rec_of (cap, f)->stream, ==, 2);
  g_assert_cmpuint (rec_of (cap, f)->direction, ==, 0);

  /* many conversations: the table grows and keeps finding them */
  for (f = 0; f < 3000; f++)
    {
      cap->port[CLI] = 10000 + f;
      seg (cap, 50, CLI, "S", 0, 0, 64240, 0, &WS7);
    }
  for (f = 0; f < 3000; f++)
    {
      cap->port[CLI] = 10000 + f;
      g_assert_cmpuint (seg_rec (cap, 60, SRV, "SA", 0, 1, 65160, 0, &WS7)->stream, ==, 3 + f);
    }

  cap_free (cap);
}

/* A data offset below 20 bytes: Wireshark still tracks the segment (the
 * sequence space moves on) but shows no analysis for it; the next segment
 * is judged against what it saw. */
static void
test_bogus_header_length (void)
{
  Cap *cap = cap_new ();
  static const Opts bogus = { .wscale = -1, .header_len = 16 };
  const HsPacketRecord *r;
  HsConnection *conn;

  handshake (cap, FALSE, 65535);
  seg (cap, 30, CLI, "PA", 1, 1, 64240, 100, NULL);
  /* a copy of the data with a bogus offset: a retransmission, not shown */
  r = seg_rec (cap, 40, CLI, "PA", 1, 1, 64240, 100, &bogus);
  g_assert_cmphex (r->analysis, ==, 0);
  g_assert_cmpuint (r->related_frame, ==, HS_NO_FRAME);
  g_assert_cmpuint (r->stream, ==, 0);
  /* new data with a bogus offset ... */
  r = seg_rec (cap, 50, CLI, "PA", 101, 1, 64240, 100, &bogus);
  g_assert_cmphex (r->analysis, ==, 0);
  /* ... was tracked: the same bytes again are a retransmission */
  r = seg_rec (cap, 60, CLI, "PA", 101, 1, 64240, 100, NULL);
  g_assert_cmphex (r->analysis, ==, RETR);

  conn = conn_of (cap, 5);
  g_assert_cmpuint (conn->flag_counts[g_bit_nth_lsf (HS_ANALYSIS_RETRANSMISSION, -1)], ==, 1);
  g_assert_cmpuint (conn->endpoint[CLI].packets, ==, 6);
  cap_free (cap);
}

/* A segment Wireshark cannot give a length gets a stream, no analysis, and
 * raw numbers */
static void
test_header_only (void)
{
  Cap *cap = cap_new ();
  HsDecodedPacket pkt;
  HsPacketRecord rec;

  handshake (cap, TRUE, 65160);

  memset (&pkt, 0, sizeof pkt);
  memset (&rec, 0, sizeof rec);
  pkt.status = HS_DECODE_MALFORMED;
  pkt.ip_version = 4;
  memcpy (pkt.src, cap->addr[CLI], 16);
  memcpy (pkt.dst, cap->addr[SRV], 16);
  pkt.sport = cap->port[CLI];
  pkt.dport = cap->port[SRV];
  pkt.seq = 1006331126;
  pkt.ack = 3717338411u;
  pkt.flags = HS_TCP_ACK;
  pkt.window = 8507;
  rec.decode_status = HS_DECODE_MALFORMED;
  hs_tcp_tracker_add_header_only (cap->tracker, 4, BASE_NS + 30000000, 56, &pkt, &rec);
  g_array_append_val (cap->recs, rec);

  g_assert_cmpuint (rec.stream, ==, 0);
  g_assert_cmpuint (rec.analysis, ==, 0);
  g_assert_cmpuint (hs_packet_record_window (&rec), ==, 8507);
  g_assert_cmpuint (hs_connection_relative_seq (conn_of (cap, 1), 4, &rec), ==, 1006331126);
  g_assert_cmpuint (hs_connection_relative_ack (conn_of (cap, 1), 4, &rec), ==, 3717338411u);
  g_assert_cmpuint (conn_of (cap, 1)->n_packets, ==, 4);

  /* and the analysis state did not move */
  g_assert_cmphex (seg_rec (cap, 40, CLI, "PA", 1, 1, 502, 10, NULL)->analysis, ==, 0);

  cap_free (cap);
}

static void
test_steal_connections (void)
{
  Cap *cap = cap_new ();
  HsConnection *conns;
  guint n = 0;

  handshake (cap, TRUE, 65160);
  cap->port[CLI] = 40001;
  seg (cap, 30, CLI, "S", 0, 0, 64240, 0, &WS7);
  hs_tcp_tracker_finish (cap->tracker);

  conns = hs_tcp_tracker_steal_connections (cap->tracker, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (conns[1].stream, ==, 1);
  g_assert_cmpuint (conns[1].conn_state, ==, HS_CONN_S0);
  g_assert_cmpuint (hs_tcp_tracker_get_n_connections (cap->tracker), ==, 0);
  g_assert_null (hs_tcp_tracker_get_connection (cap->tracker, 0));
  hs_connections_free (conns, n);

  /* usable again, from stream 0 */
  g_assert_cmpuint (seg_rec (cap, 40, CLI, "S", 0, 0, 64240, 0, &WS7)->stream, ==, 0);

  cap_free (cap);
}

static void
test_names (void)
{
  static const char * const names[HS_ANALYSIS_N_FLAGS] = {
    "ack_lost_segment", "duplicate_ack", "fast_retransmission", "keep_alive",
    "keep_alive_ack", "lost_segment", "out_of_order", "retransmission",
    "reused_ports", "spurious_retransmission", "window_full", "window_update",
    "zero_window", "zero_window_probe", "zero_window_probe_ack",
  };
  guint i;

  for (i = 0; i < HS_ANALYSIS_N_FLAGS; i++)
    {
      g_assert_cmpstr (hs_analysis_flag_name (1u << i), ==, names[i]);
      g_assert_nonnull (hs_analysis_flag_label (1u << i));
      g_assert_true (g_str_has_prefix (hs_analysis_flag_label (1u << i), "TCP "));
    }
  g_assert_null (hs_analysis_flag_name (HS_ANALYSIS_DUPLICATE_ACK | HS_ANALYSIS_LOST_SEGMENT));
  g_assert_cmpstr (hs_analysis_flag_label (HS_ANALYSIS_DUPLICATE_ACK), ==, "TCP Dup ACK");
  g_assert_cmpstr (hs_analysis_flag_label (HS_ANALYSIS_ZERO_WINDOW), ==, "TCP ZeroWindow");
  g_assert_cmpstr (hs_analysis_flag_label (HS_ANALYSIS_LOST_SEGMENT), ==,
                   "TCP Previous segment not captured");
  g_assert_cmpstr (hs_analysis_flag_label (HS_ANALYSIS_ACK_LOST_SEGMENT), ==,
                   "TCP ACKed unseen segment");

  g_assert_cmpstr (hs_tcp_state_to_string (HS_TCP_STATE_SYN_SENT), ==, "SYN-SENT");
  g_assert_cmpstr (hs_tcp_state_to_string (HS_TCP_STATE_SYN_RECEIVED), ==, "SYN-RECEIVED");
  g_assert_cmpstr (hs_tcp_state_to_string (HS_TCP_STATE_FIN_WAIT_2), ==, "FIN-WAIT-2");
  g_assert_cmpstr (hs_tcp_state_to_string (HS_TCP_STATE_CLOSE_WAIT), ==, "CLOSE-WAIT");
  g_assert_cmpstr (hs_tcp_state_to_string (HS_TCP_STATE_LAST_ACK), ==, "LAST-ACK");
  g_assert_cmpstr (hs_tcp_state_to_string (HS_TCP_STATE_TIME_WAIT), ==, "TIME-WAIT");

  g_assert_cmpstr (hs_conn_state_to_string (HS_CONN_SF), ==, "SF");
  g_assert_cmpstr (hs_conn_state_to_string (HS_CONN_RSTO), ==, "RSTO");
  g_assert_cmpstr (hs_conn_state_to_string (HS_CONN_RSTOS0), ==, "RSTOS0");
  g_assert_cmpstr (hs_conn_state_to_string (HS_CONN_SHR), ==, "SHR");
  g_assert_cmpstr (hs_conn_state_describe (HS_CONN_RSTR), ==, "Reset by the server");
  for (i = HS_CONN_OTH; i <= HS_CONN_SHR; i++)
    {
      g_assert_nonnull (hs_conn_state_describe (i));
      g_assert_cmpuint (strlen (hs_conn_state_to_string (i)), >=, 2);
    }
}

/* A duplicate ACK may acknowledge a segment too: here a retransmitted
 * SYN/ACK (as in nDPI's fix2.pcap, frames 12-13, checked against tshark
 * 4.0.17 by tests/corpus-extras.py): tcp.analysis.acks_frame and
 * duplicate_ack_frame are both set. */
static void
test_dup_ack_acks_frame (void)
{
  Cap *cap = cap_new ();
  const HsPacketRecord *r;

  handshake (cap, FALSE, 64240);
  seg (cap, 30, SRV, "SA", 0, 1, 64240, 0, &NOWS);       /* 4: the SYN/ACK again */
  r = seg_rec (cap, 40, CLI, "A", 1, 1, 64240, 0, NULL); /* 5 */

  g_assert_cmphex (r->analysis, ==, DUP);
  g_assert_cmpuint (hs_packet_record_dupack_num (r), ==, 1);
  g_assert_cmpuint (hs_packet_record_dupack_frame (r), ==, 3);
  g_assert_cmpuint (hs_packet_record_acks_frame (r), ==, 4);

  /* an ACK that is no duplicate has one related frame, the acknowledged */
  r = rec_of (cap, 3);
  g_assert_cmpuint (hs_packet_record_acks_frame (r), ==, 2);
  g_assert_cmpuint (hs_packet_record_dupack_frame (r), ==, HS_NO_FRAME);
  cap_free (cap);
}

/* A SACK option without a whole block (or MPTCP without a subtype) makes
 * Wireshark's dissector throw: the segment is still tracked (the next dup
 * ACK is #2) but shows no analysis.  tshark 4.0.17 on the same segments:
 * frame 5 no flags, no acks_frame, no dup-ACK number; frame 6 Dup ACK #2
 * of frame 4. */
static void
test_option_exception (void)
{
  Cap *cap = cap_new ();
  static const Opts bad_sack = { .wscale = -1, .exception = TRUE };
  const HsPacketRecord *r;

  handshake (cap, FALSE, 64240);
  seg (cap, 30, CLI, "PA", 1, 1, 64240, 10, NULL);       /* 4 */
  seg (cap, 40, SRV, "A", 1, 11, 64240, 0, NULL);        /* 5: acks 4 */
  r = seg_rec (cap, 50, SRV, "A", 1, 11, 64240, 0, &bad_sack); /* 6 */
  g_assert_cmphex (r->analysis, ==, 0);
  g_assert_cmpuint (hs_packet_record_acks_frame (r), ==, HS_NO_FRAME);
  g_assert_cmpuint (hs_packet_record_dupack_num (r), ==, 0);
  r = seg_rec (cap, 60, SRV, "A", 1, 11, 64240, 0, NULL); /* 7 */
  g_assert_cmphex (r->analysis, ==, DUP);
  g_assert_cmpuint (hs_packet_record_dupack_num (r), ==, 2);
  g_assert_cmpuint (hs_packet_record_dupack_frame (r), ==, 5);
  cap_free (cap);
}

/* A TCP header quoted in an ICMP error, as the decoder gives it */
static void
quoted (Cap     *cap,
        int      from,
        guint16  sport,
        guint16  dport,
        guint    captured)
{
  HsDecodedPacket pkt;

  memset (&pkt, 0, sizeof pkt);
  pkt.status = HS_DECODE_ICMP_QUOTED;
  pkt.ip_version = cap->ip_version;
  memcpy (pkt.src, cap->addr[from], 16);
  memcpy (pkt.dst, cap->addr[!from], 16);
  pkt.sport = sport;
  pkt.dport = dport;
  pkt.seq = 12345;
  pkt.quoted_tcp_len = captured;
  hs_tcp_tracker_add_quoted (cap->tracker, cap->recs->len + 1, cap->base_ns, &pkt);
  /* the ICMP packet's own record: no connection's */
  g_array_set_size (cap->recs, cap->recs->len + 1);
  g_array_index (cap->recs, HsPacketRecord, cap->recs->len - 1).stream = HS_NO_STREAM;
}

/* Wireshark's stream numbers around ICMP errors (measured with tshark
 * 4.0.17 on crafted captures and tests/data/linux-icmp-errors.pcapng): a
 * quoted header of an unseen connection takes a number when 16 bytes or
 * more of it were captured; one of a connection seen (either way round)
 * takes that connection's; a later connection with those addresses and
 * ports gets the quoted header's number and starts afresh. */
static void
test_icmp_quoted_streams (void)
{
  Cap *cap = cap_new ();
  const HsPacketRecord *r;
  const HsConnection *conn;

  handshake (cap, FALSE, 64240);                         /* stream 0 */
  quoted (cap, CLI, 2000, 81, 20);                       /* stream 1, no packet */
  quoted (cap, CLI, cap->port[CLI], cap->port[SRV], 20); /* stream 0's */
  quoted (cap, SRV, cap->port[SRV], cap->port[CLI], 20); /* the same, other way */
  quoted (cap, CLI, 2001, 82, 15);                       /* too short: none */
  quoted (cap, SRV, 83, 3000, 16);                       /* stream 2 */
  quoted (cap, SRV, 83, 3000, 40);                       /* stream 2 again */
  g_assert_cmpuint (hs_tcp_tracker_get_n_connections (cap->tracker), ==, 3);
  g_assert_cmpuint (hs_tcp_tracker_get_connection (cap->tracker, 1)->n_packets, ==, 0);
  g_assert_cmpuint (hs_tcp_tracker_get_connection (cap->tracker, 2)->n_packets, ==, 0);

  /* the connection the second error was about: stream 2, from its SYN */
  cap->port[CLI] = 3000;
  cap->port[SRV] = 83;
  r = seg_rec (cap, 100, CLI, "S", 0, 0, 64240, 0, &NOWS);
  g_assert_cmpuint (r->stream, ==, 2);
  g_assert_cmphex (r->analysis, ==, 0);
  conn = hs_tcp_tracker_get_connection (cap->tracker, 2);
  g_assert_cmpuint (conn->n_packets, ==, 1);
  g_assert_cmpuint (conn->endpoint[0].port, ==, 3000);   /* its first sender */
  g_assert_cmpuint (rel_seq (cap, cap->recs->len), ==, 0);

  /* and one on 2001: the short quote took no number, so stream 3 */
  cap->port[CLI] = 2001;
  cap->port[SRV] = 82;
  r = seg_rec (cap, 110, CLI, "S", 0, 0, 64240, 0, &NOWS);
  g_assert_cmpuint (r->stream, ==, 3);
  cap_free (cap);
}

/* One SOCKS connection through its handshake; `version` 4 or 5 */
static void
socks_handshake (Cap      *cap,
                 int       version,
                 gboolean  auth,
                 gboolean  reply,
                 int       first)    /* who sends the first proxied bytes, -1: nobody */
{
  guint32 c = 1, s = 1;

  handshake (cap, FALSE, 64240);
  if (version == 5)
    {
      const char *hello = auth ? "\x05\x02\x00\x02" : "\x05\x01\x00";
      guint hello_len = auth ? 4 : 3;
      Opts ph = { .wscale = -1, .payload = hello };
      Opts pm = { .wscale = -1, .payload = auth ? "\x05\x02" : "\x05\x00" };
      Opts preq = { .wscale = -1, .payload = "\x05\x01\x00\x01\x0a\x00\x00\x03\x27\x0f" };
      Opts prep = { .wscale = -1, .payload = "\x05\x00\x00\x01\x0a\x00\x00\x03\x27\x0f" };

      seg (cap, 30, CLI, "PA", c, s, 64240, hello_len, &ph); c += hello_len;
      seg (cap, 31, SRV, "PA", s, c, 64240, 2, &pm); s += 2;
      if (auth)
        {
          Opts pa = { .wscale = -1, .payload = "\x01\x01u\x01p" };
          Opts pok = { .wscale = -1, .payload = "\x01\x00" };

          seg (cap, 32, CLI, "PA", c, s, 64240, 5, &pa); c += 5;
          seg (cap, 33, SRV, "PA", s, c, 64240, 2, &pok); s += 2;
        }
      seg (cap, 34, CLI, "PA", c, s, 64240, 10, &preq); c += 10;
      if (reply)
        {
          seg (cap, 35, SRV, "PA", s, c, 64240, 10, &prep);
          s += 10;
        }
    }
  else
    {
      Opts preq = { .wscale = -1, .payload = "\x04\x01\x27\x0f\x0a\x00\x00\x03u\x00" };
      Opts prep = { .wscale = -1, .payload = "\x00\x5a\x27\x0f\x0a\x00\x00\x03" };

      seg (cap, 30, CLI, "PA", c, s, 64240, 10, &preq); c += 10;
      if (reply)
        {
          seg (cap, 31, SRV, "PA", s, c, 64240, 8, &prep);
          s += 8;
        }
    }
  /* as build-aux's crafted captures measured with tshark: connection X,
   * the first proxied bytes (the client's, or the server's), connection Y,
   * more bytes both ways, connection Z */
  cap->port[CLI] += 1;
  seg (cap, 40, CLI, "S", 0, 0, 64240, 0, &NOWS);         /* X */
  cap->port[CLI] -= 1;
  if (first == CLI)
    {
      seg (cap, 41, CLI, "PA", c, s, 64240, 5, NULL);
      c += 5;
    }
  else if (first == SRV)
    {
      seg (cap, 41, SRV, "PA", s, c, 64240, 8, NULL);
      s += 8;
    }
  cap->port[CLI] += 2;
  seg (cap, 42, CLI, "S", 0, 0, 64240, 0, &NOWS);         /* Y */
  cap->port[CLI] -= 2;
  seg (cap, 43, CLI, "PA", c, s, 64240, 4, NULL);
  c += 4;
  seg (cap, 44, SRV, "PA", s, c, 64240, 4, NULL);
  cap->port[CLI] += 3;
  seg (cap, 45, CLI, "S", 0, 0, 64240, 0, &NOWS);         /* Z */
  cap->port[CLI] -= 3;
}

/* Wireshark's SOCKS dissector takes a stream number at the first proxied
 * bytes after the proxy's reply (either way; SOCKS 4 and 5, with or
 * without a password); without a reply, none.  Measured with tshark 4.0.17
 * on crafted captures and tests/data/linux-socks.pcapng. */
static void
test_socks_streams (void)
{
  struct { int version; gboolean auth, reply; int first; guint x, y, z; } cases[] = {
    { 5, FALSE, TRUE, CLI, 1, 3, 4 },
    { 5, FALSE, TRUE, SRV, 1, 3, 4 },
    { 5, TRUE, TRUE, CLI, 1, 3, 4 },
    { 4, FALSE, TRUE, CLI, 1, 3, 4 },
    { 5, FALSE, TRUE, -1, 1, 2, 4 },     /* the number is taken later */
    { 5, FALSE, FALSE, CLI, 1, 2, 3 },   /* no reply: the server's bytes are
                                          * taken for it, nothing follows */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Cap *cap = cap_new ();
      guint n;

      g_test_message ("SOCKS %d, auth %d, reply %d, first %d", cases[i].version,
                      cases[i].auth, cases[i].reply, cases[i].first);
      cap->port[SRV] = 1080;
      socks_handshake (cap, cases[i].version, cases[i].auth, cases[i].reply, cases[i].first);
      n = cap->recs->len;
      g_assert_cmpuint (rec_of (cap, n)->stream, ==, cases[i].z);
      g_assert_cmpuint (rec_of (cap, n - 3)->stream, ==, cases[i].y);
      g_assert_cmpuint (rec_of (cap, n - 1)->stream, ==, 0);  /* proxied bytes */
      g_assert_cmpuint (rec_of (cap, n - 2)->stream, ==, 0);
      /* the number SOCKS took has no packet */
      if (cases[i].z == 4)
        g_assert_cmpuint (hs_tcp_tracker_get_connection (cap->tracker, cases[i].y == 3 ? 2 : 3)->n_packets,
                          ==, 0);
      cap_free (cap);
    }

  /* not on port 1080: nothing taken */
  {
    Cap *cap = cap_new ();

    socks_handshake (cap, 5, FALSE, TRUE, CLI);
    g_assert_cmpuint (rec_of (cap, cap->recs->len)->stream, ==, 3);
    cap_free (cap);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define TEST(path, func) g_test_add_func ("/handshake/tcp-tracker/" path, func)
  TEST ("dup-ack-acks-frame", test_dup_ack_acks_frame);
  TEST ("option-exception", test_option_exception);
  TEST ("icmp-quoted-streams", test_icmp_quoted_streams);
  TEST ("socks-streams", test_socks_streams);

  TEST ("handshake-data-fin", test_handshake_data_fin);
  TEST ("lost-segment", test_lost_segment_rto);
  TEST ("fast-retransmission", test_fast_retransmission);
  TEST ("spurious-retransmission", test_spurious_retransmission);
  TEST ("out-of-order", test_out_of_order_irtt);
  TEST ("out-of-order-no-handshake", test_out_of_order_no_handshake);
  TEST ("zero-window", test_zero_window);
  TEST ("zero-window-probe-byte-acked", test_zero_window_probe_byte_acked);
  TEST ("keep-alive", test_keep_alive);
  TEST ("rst", test_rst);
  TEST ("reused-ports", test_reused_ports);
  TEST ("ack-unseen", test_ack_unseen);
  TEST ("window-scaling", test_window_scaling);
  TEST ("window-full", test_window_full_scaled);
  TEST ("bytes-in-flight", test_bytes_in_flight);
  TEST ("retransmission-acks-eldest", test_retransmission_acks_eldest);
  TEST ("fast-retransmission-thresholds", test_fast_retransmission_thresholds);
  TEST ("linux-zero-window-probe", test_linux_zero_window_probe);
  TEST ("same-isn-after-fin", test_same_isn_after_fin);
  TEST ("fin-retransmission", test_fin_retransmission_overlap);
  TEST ("window-full-synack-window", test_window_full_synack_window);
  TEST ("synack-new-isn", test_synack_new_isn);
  TEST ("ack-unseen-after-hole", test_ack_unseen_after_hole);
  TEST ("ack-unseen-suppression", test_ack_unseen_suppression);
  TEST ("ack-unseen-hole-rule", test_ack_unseen_hole_rule);
  TEST ("sack-bytes-in-flight", test_sack_bytes_in_flight);
  TEST ("sack-four-blocks", test_sack_four_blocks);
  TEST ("dup-ack-counter-unsigned", test_dup_counter_unsigned);
  TEST ("ack-without-ack-flag", test_ack_without_ack_flag);
  TEST ("mptcp-dup-ack", test_mptcp_dup_ack);
  TEST ("same-isn-restores-nextseq", test_same_isn_restores_nextseq);
  TEST ("vnc-heuristic-split", test_vnc_heuristic_split);
  TEST ("states-close", test_states_close);
  TEST ("states-reset", test_states_reset);
  TEST ("conn-states", test_conn_states);
  TEST ("irtt-zero-timestamp", test_irtt_zero_timestamp);
  TEST ("sequence-wraparound", test_sequence_wraparound);
  TEST ("unacked-limit", test_unacked_limit);
  TEST ("conversation-keys", test_conversation_keys);
  TEST ("header-only", test_header_only);
  TEST ("bogus-header-length", test_bogus_header_length);
  TEST ("steal-connections", test_steal_connections);
  TEST ("names", test_names);

  return g_test_run ();
}
