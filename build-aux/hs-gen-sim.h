/* hs-gen-sim.h
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

/* The simulation's state (connections, endpoints, packets in flight) and
 * what its parts call in one another: the heaps and scoreboards
 * (hs-gen-queue.c), sending and the application (hs-gen-send.c), receiving
 * and the timers (hs-gen-receive.c), and the connections and the event loop
 * (hs-gen-sim.c). */

#pragma once

#include "hs-gen-capture.h"

/* ------------------------------------------------------------------------ */
/* The simulation.                                                          */

#define MAX_RANGES 8

typedef struct
{
  guint32 start;
  guint32 end;
} Range;

enum
{
  EV_TAP,      /* the packet reaches the capture point */
  EV_ARRIVE,   /* the packet reaches the receiving endpoint */
};

enum
{
  HDR_NONE,
  HDR_TLS_CH,
  HDR_TLS_SH,
  HDR_TLS_DATA,
  HDR_HTTP_REQ,
  HDR_HTTP_POST,
  HDR_HTTP_RESP,
  HDR_ZERO_BYTE,
};

typedef struct
{
  gint64  time;
  guint32 serial;
  guint8  kind;
  guint8  dir;          /* sender: 0 client, 1 server */
  guint8  drop_post;    /* lost between the capture point and the receiver */
  guint8  nsack;
  guint8  flags;
  guint8  opt;
  guint8  hdr;
  guint16 len;
  guint16 win;
  guint32 seq;
  guint32 ack;
  guint32 tsval;
  guint32 tsecr;
  guint32 msg_len;
  guint32 sack[6];
} Pkt;

enum
{
  OS_LINUX,
  OS_WINDOWS,
  OS_BSD,      /* macOS, iOS, FreeBSD */
};

enum
{
  ST_IDLE,     /* client not yet connecting; server listening */
  ST_SYN_SENT,
  ST_SYN_RCVD,
  ST_EST,
  ST_DEAD,     /* reset or aborted */
};

enum
{
  CS_OPEN,
  CS_RECOVERY,
  CS_LOSS,
};

enum
{
  ACT_NONE,
  ACT_CONNECT,
  ACT_REQUEST,
  ACT_RESPONSE,
  ACT_FIN,
  ACT_RST,
};

typedef struct
{
  guint8   os;
  guint8   wscale;
  guint8   peer_wscale;
  guint8   state;
  guint8   cstate;
  guint8   retries;
  guint8   app_act;
  guint8   msg_hdr;
  guint16  mss_opt;
  guint16  mss;
  guint16  syn_win;
  guint    slow_reader : 1;
  guint    keepalive : 1;
  guint    fin_queued : 1;
  guint    fin_sent : 1;
  guint    fin_acked : 1;
  guint    fin_rcvd : 1;
  guint    force_retx : 1;
  guint    ack_now : 1;
  guint    probe_out : 1;
  guint    rtt_timing : 1;
  guint    has_dsack : 1;
  guint    syn_retx : 1;

  guint32  iss;
  guint32  ts_offset;
  gint64   delack_time;
  gint64   rto_min;

  /* sender */
  guint32  snd_una;
  guint32  snd_nxt;
  guint32  app_end;
  guint32  fin_seq;
  guint32  peer_edge;
  guint32  max_peer_wnd;
  guint32  cwnd;
  guint32  ssthresh;
  guint32  recover;
  guint32  retx_nxt;
  guint32  dupacks;
  guint32  rtt_seq;
  gint64   rtt_time;
  gint64   srtt;
  gint64   rttvar;
  gint64   rto;
  guint    persist_backoff;
  guint32  msg_start;
  guint32  msg_len;
  guint    n_sb;
  Range    sb[MAX_RANGES];

  /* receiver */
  guint32  irs;
  guint32  rcv_nxt;
  guint32  rcv_wup;
  guint32  rcv_wnd;
  guint32  buf;
  guint32  buf_max;
  guint32  unread;
  guint32  unacked_bytes;
  guint32  ts_recent;
  guint32  read_chunk;
  guint32  last_ooo;
  guint    n_ooo;
  Range    ooo[MAX_RANGES];
  Range    dsack;
  guint64  rcvd_total;

  /* timers */
  gint64   rto_at;
  gint64   persist_at;
  gint64   delack_at;
  gint64   app_at;
  gint64   read_at;
  gint64   ka_at;
  gint64   ka_idle;
  gint64   read_iv;
} Endpoint;

enum
{
  KIND_WEB,
  KIND_IDLE,       /* long-lived, mostly idle, with keep-alives */
  KIND_REFUSED,    /* SYN answered by RST */
};

enum
{
  CLOSE_CLIENT_FIN,
  CLOSE_SERVER_FIN,
  CLOSE_CLIENT_RST,
  CLOSE_SERVER_RST,
  CLOSE_ABORT,     /* client resets in the middle of a response */
};

enum
{
  APP_TLS,
  APP_HTTP,
};

typedef struct
{
  guint    heap_index;
  gint64   key;
  guint64  id;
  Tuple    tu;
  Endpoint ep[2];

  gint64   pre_delay[2];
  gint64   post_delay[2];
  double   pre_us_per_byte[2];
  double   post_us_per_byte[2];
  double   loss_pre[2];
  double   loss_post[2];
  double   reorder_pre[2];
  double   reorder_post[2];
  double   burst;
  gint64   last_tap[2];
  gint64   last_arr[2];
  gboolean last_lost[2];

  Pkt     *q;
  guint    qlen;
  guint    qcap;

  guint8   kind;
  guint8   close_mode;
  guint8   app;
  guint8   syn_drops;
  guint    ex;
  guint    n_ex;
  guint    upload_ex;
  guint32  req_end;
  guint32  resp_end;
  guint32  abort_seq;
  gboolean req_pending;
  gboolean resp_pending;
  gboolean abort_armed;
  guint64  bytes_left;
  gint64   think_mean;
  gint64   idle_close;
  guint    client_slot;
} Conn;

typedef struct
{
  guint8   addr[16];
  gboolean v6;
  guint8   os;
  guint8   ttl;
  guint16  next_port;
  guint16  mss;
  double   rtt_ms;
  double   down_mbps;
  double   loss;
  double   reorder;
  guint    live;
} Client;

#define N_CLIENT_SLOTS 512

typedef struct
{
  Rng      rng;
  Writer  *w;
  guint64  target_packets;
  guint64  target_conns;
  guint64  spawned;
  guint64  next_id;
  guint32  serial;
  gint64   now;
  gint64   next_arrival;
  double   arrival_mean;
  guint64  mean_budget;

  Conn   **heap;
  guint    heap_len;
  guint    heap_cap;
  guint    max_active;

  Client   clients[N_CLIENT_SLOTS];
  guint    client_cursor;

  guint64  reused;
  gboolean single;      /* --connections 1: one connection of target_packets */
} Sim;

/* -- inline helpers ---------------------------------------------------------- */

static inline double
us_per_byte (double mbps)
{
  return 8.0 / mbps;
}

/* What is left of the receive window this endpoint last announced. */
static inline guint32
ep_window_left (Endpoint *e)
{
  guint32 edge = e->rcv_wup + e->rcv_wnd;

  return SEQ_GT (edge, e->rcv_nxt) ? edge - e->rcv_nxt : 0;
}

/* -- hs-gen-queue.c ------------------------------------------------------------ */

void
pq_push (Conn      *c,
         const Pkt *p);

void
pq_pop (Conn *c,
        Pkt  *out);

/* Bytes of [a, b) covered by the ranges. */
guint32
ranges_covered (const Range *r,
                guint        n,
                guint32      a,
                guint32      b);

/* The first byte at or after `from` (and below `limit`) not covered. */
gboolean
ranges_next_hole (const Range *r,
                  guint        n,
                  guint32      from,
                  guint32      limit,
                  guint32     *hole,
                  guint32     *hole_end);

void
ranges_add (Range   *r,
            guint   *n,
            guint32  start,
            guint32  end);

/* Drops everything below `una`. */
void
ranges_trim (Range   *r,
             guint   *n,
             guint32  una);

void
heap_sift_down (Sim  *sim,
                guint i);

void
heap_push (Sim  *sim,
           Conn *c);

void
heap_remove_top (Sim *sim);

/* -- hs-gen-send.c ------------------------------------------------------------- */

void
conn_send (Sim     *sim,
           Conn    *c,
           guint    ei,
           guint8   flags,
           guint32  seq,
           guint    len,
           guint8   hdr);

/* A RST from an endpoint that does not know the connection (any more). */
void
conn_send_reset_reply (Sim       *sim,
                       Conn      *c,
                       guint      ei,
                       const Pkt *in);

void
ep_send_ack (Sim   *sim,
             Conn  *c,
             guint  ei);

void
ep_clear_timers (Endpoint *e);

/* Which header the segment starting at `seq` gets. */
guint8
ep_segment_hdr (Endpoint *e,
                guint32   seq);

/* Data is waiting but the peer's window does not let a segment out. */
gboolean
ep_window_stuck (Endpoint *e);

void
ep_try_send (Sim   *sim,
             Conn  *c,
             guint  ei);

void
ep_app_fire (Sim   *sim,
             Conn  *c,
             guint  ei);

/* Called after `ei` received data: moves the request/response dialogue on. */
void
conn_app_progress (Sim   *sim,
                   Conn  *c,
                   guint  ei);

/* The peer closed its side: close ours after a short while. */
void
ep_peer_fin (Sim   *sim,
             Conn  *c,
             guint  ei);

/* -- hs-gen-receive.c ---------------------------------------------------------- */

void
ep_receive (Sim       *sim,
            Conn      *c,
            guint      ei,
            const Pkt *p);

void
ep_on_rto (Sim   *sim,
           Conn  *c,
           guint  ei);

void
ep_on_persist (Sim   *sim,
               Conn  *c,
               guint  ei);

void
ep_on_read (Sim   *sim,
            Conn  *c,
            guint  ei);

void
ep_on_keepalive (Sim   *sim,
                 Conn  *c,
                 guint  ei);
