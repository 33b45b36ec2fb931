/* hs-gen-sample.c
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

/* The bundled sample capture (data/sample.pcapng), hs-gen-capture --sample. */

#include "hs-gen-capture.h"

/* ------------------------------------------------------------------------ */
/* The bundled sample capture, scripted packet by packet.  It is seen from   */
/* the client: a laptop at 192.168.1.20 fetching a page over TLS from        */
/* 93.184.216.34, 14 ms away.                                                */

#define SAMPLE_MSS 1448

enum
{
  SEND_NORMAL,
  SEND_LOST,      /* sent, but lost before reaching the client: not captured */
  SEND_PROBE,     /* zero-window probe: does not advance the sequence number */
};

typedef struct
{
  Writer  *w;
  Tuple    tu;
  Rng      rng;
  guint8   ws[2];
  guint32  isn[2];
  guint32  nxt[2];      /* next sequence number each side sends (relative) */
  guint32  rcv[2];      /* what each side has received in order (relative) */
  guint32  ts[2];
  guint32  ts_recent[2];
  guint16  server_win;

  /* The client's receive buffer, windows chosen as Linux does */
  guint32  buf;
  guint32  unread;
  guint32  rcv_wup;
  guint32  rcv_wnd;
} Script;

static void
script_init (Script       *s,
             Writer       *w,
             const guint8  caddr[4],
             guint16       cport,
             const guint8  saddr[4],
             guint16       sport,
             guint64       seed)
{
  static const guint8 client_mac[6] = { 0x3c, 0x22, 0xfb, 0x5a, 0x81, 0x0e };
  static const guint8 router_mac[6] = { 0xa0, 0x63, 0x91, 0x7d, 0x24, 0xc3 };

  memset (s, 0, sizeof *s);
  s->w = w;
  rng_init (&s->rng, seed);
  memcpy (s->tu.addr[0], caddr, 4);
  memcpy (s->tu.addr[1], saddr, 4);
  s->tu.port[0] = cport;
  s->tu.port[1] = sport;
  memcpy (s->tu.mac[0], client_mac, 6);
  memcpy (s->tu.mac[1], router_mac, 6);
  s->tu.ttl[0] = 64;
  s->tu.ttl[1] = 55;
  s->tu.ip_id[0] = (guint16) rng_next (&s->rng);
  s->tu.ip_id[1] = (guint16) rng_next (&s->rng);
  s->isn[0] = (guint32) rng_next (&s->rng);
  s->isn[1] = (guint32) rng_next (&s->rng);
  s->ts[0] = (guint32) rng_next (&s->rng);
  s->ts[1] = (guint32) rng_next (&s->rng);
  s->ws[0] = 7;
  s->ws[1] = 9;
  s->server_win = 131;
  s->buf = 14720;
}

/* The window the client announces (the same rules as ep_select_window). */
static guint16
script_client_window (Script *s)
{
  guint32 gran = 1u << s->ws[0];
  guint32 free_space = s->buf > s->unread ? s->buf - s->unread : 0;
  guint32 edge = s->rcv_wup + s->rcv_wnd;
  guint32 cur = SEQ_GT (edge, s->rcv[0]) ? edge - s->rcv[0] : 0;
  guint32 win = free_space < SAMPLE_MSS ? 0 : free_space & ~(gran - 1);

  if (win < cur)
    win = (cur + gran - 1) & ~(gran - 1);
  s->rcv_wnd = win;
  s->rcv_wup = s->rcv[0];
  return (guint16)(win >> s->ws[0]);
}

/* Writes one packet of side `dir` at `ms` milliseconds. */
static void
script_send (Script        *s,
             guint          dir,
             double         ms,
             guint8         flags,
             const guint8  *payload,
             guint          len,
             guint          nsack,
             const guint32 *sack_rel,
             guint          mode)
{
  guint8 hdr[160];
  Segment seg;
  guint32 sack[6];
  gint64 t = (gint64)(ms * 1000.0 + 0.5);

  memset (&seg, 0, sizeof seg);
  seg.flags = flags;
  seg.seq = s->isn[dir] + s->nxt[dir];
  seg.ack = s->isn[!dir] + s->rcv[dir];
  seg.len = len;
  seg.tsval = s->ts[dir] + (guint32)(t / 1000);
  seg.tsecr = s->ts_recent[dir];
  if (flags & TH_SYN)
    {
      seg.opt = OPT_SYN;
      seg.syn_mss = 1460;
      seg.syn_ws = s->ws[dir];
      seg.win = dir == 0 ? 14600 : 65160;
    }
  else
    {
      seg.opt = (flags & TH_RST) ? OPT_NONE : OPT_TS;
      if (flags & TH_RST)
        seg.win = 0;
      else
        seg.win = dir == 0 ? script_client_window (s) : s->server_win;
    }
  for (guint i = 0; i < nsack; i++)
    {
      sack[2 * i] = s->isn[!dir] + sack_rel[2 * i];
      sack[2 * i + 1] = s->isn[!dir] + sack_rel[2 * i + 1];
    }
  seg.nsack = nsack;
  seg.sack = sack;
  seg.sum = csum_bytes (0, payload, len);

  if (mode != SEND_LOST)
    {
      gsize hlen = build_headers (&s->tu, dir, &seg, hdr);

      writer_packet (s->w, t, hdr, hlen, payload, len);
      s->ts_recent[!dir] = seg.tsval;
    }
  if (mode != SEND_PROBE)
    s->nxt[dir] += len + ((flags & (TH_SYN | TH_FIN)) ? 1 : 0);
}

/* The client received (in order) everything the server sent so far. */
static void
script_client_got_all (Script   *s,
                       gboolean  app_reads)
{
  s->unread += s->nxt[1] - s->rcv[0];
  s->rcv[0] = s->nxt[1];
  if (app_reads)
    s->unread = 0;
}

/* `n` bytes of TLS application data records (one record, or `n` = 0). */
static const guint8 *
script_tls_data (Script *s,
                 guint8 *buf,
                 gsize   n,
                 guint8  type)
{
  rng_fill (&s->rng, buf, n);
  tls_data_header (buf, n - 5);
  buf[0] = type;
  return buf;
}

gboolean
write_sample (const char  *path,
              GError     **error)
{
  static const guint8 client[4] = { 192, 168, 1, 20 };
  static const guint8 server[4] = { 93, 184, 216, 34 };
  const double rtt = 14.2;
  Writer w;
  Script s;
  guint8 buf[2048];
  guint32 sack[2];
  guint32 hole;
  double t;
  gsize n;

  g_assert (path != NULL);

  if (!writer_open (&w, path, TRUE, 262144, error))
    return FALSE;

  script_init (&s, &w, client, 50412, server, 443, 0x5a3b1e);

  /* Three-way handshake */
  t = 0;
  script_send (&s, 0, t, TH_SYN, NULL, 0, 0, NULL, SEND_NORMAL);
  s.rcv[1] = 1;
  t += rtt;
  script_send (&s, 1, t, TH_SYN | TH_ACK, NULL, 0, 0, NULL, SEND_NORMAL);
  s.rcv[0] = 1;
  s.rcv_wup = 1;
  s.rcv_wnd = 14600;
  t += 0.08;
  script_send (&s, 0, t, TH_ACK, NULL, 0, 0, NULL, SEND_NORMAL);

  /* TLS 1.3: Client Hello; Server Hello, Change Cipher Spec and the
   * encrypted rest of the server's handshake in two segments */
  t += 0.31;
  n = tls_client_hello (buf, 517, "example.com", &s.rng);
  script_send (&s, 0, t, TH_PSH | TH_ACK, buf, n, 0, NULL, SEND_NORMAL);
  s.rcv[1] = s.nxt[0];
  t += rtt + 0.52;
  n = tls_server_hello (buf, &s.rng);
  script_tls_data (&s, buf + n, SAMPLE_MSS - n, 0x17);
  script_send (&s, 1, t, TH_ACK, buf, SAMPLE_MSS, 0, NULL, SEND_NORMAL);
  t += 0.04;
  script_send (&s, 1, t, TH_PSH | TH_ACK, script_tls_data (&s, buf, 1211, 0x17), 1211,
               0, NULL, SEND_NORMAL);
  script_client_got_all (&s, TRUE);
  t += 0.09;
  script_send (&s, 0, t, TH_ACK, NULL, 0, 0, NULL, SEND_NORMAL);

  /* Change Cipher Spec, Finished and the HTTP request, encrypted */
  t += 2.37;
  memcpy (buf, "\x14\x03\x03\x00\x01\x01", 6);
  script_tls_data (&s, buf + 6, 74, 0x17);
  script_tls_data (&s, buf + 80, 412, 0x17);
  script_send (&s, 0, t, TH_PSH | TH_ACK, buf, 492, 0, NULL, SEND_NORMAL);
  s.rcv[1] = s.nxt[0];

  /* The response.  From now on the browser is busy and does not read.
   * The third segment is lost on the way: each one after the hole brings
   * a duplicate ACK with a SACK block. */
  t += rtt + 4.1;
  script_send (&s, 1, t, TH_ACK, script_tls_data (&s, buf, SAMPLE_MSS, 0x17), SAMPLE_MSS,
               0, NULL, SEND_NORMAL);
  t += 0.12;
  script_send (&s, 1, t, TH_ACK, script_tls_data (&s, buf, SAMPLE_MSS, 0x17), SAMPLE_MSS,
               0, NULL, SEND_NORMAL);
  script_client_got_all (&s, FALSE);
  t += 0.05;
  script_send (&s, 0, t, TH_ACK, NULL, 0, 0, NULL, SEND_NORMAL);
  hole = s.nxt[1];
  t += 0.07;
  script_send (&s, 1, t, TH_ACK, script_tls_data (&s, buf, SAMPLE_MSS, 0x17), SAMPLE_MSS,
               0, NULL, SEND_LOST);
  for (guint i = 0; i < 3; i++)
    {
      t += 0.12;
      script_send (&s, 1, t, TH_ACK, script_tls_data (&s, buf, SAMPLE_MSS, 0x17), SAMPLE_MSS,
                   0, NULL, SEND_NORMAL);
      sack[0] = hole + SAMPLE_MSS;
      sack[1] = s.nxt[1];
      t += 0.05;
      script_send (&s, 0, t, TH_ACK, NULL, 0, 1, sack, SEND_NORMAL);
    }

  /* Three duplicate ACKs: the server resends the missing segment at once
   * (fast retransmission), the client acknowledges everything. */
  {
    guint32 save = s.nxt[1];

    t += rtt + 0.1;
    s.nxt[1] = hole;
    script_send (&s, 1, t, TH_ACK, script_tls_data (&s, buf, SAMPLE_MSS, 0x17), SAMPLE_MSS,
                 0, NULL, SEND_NORMAL);
    s.nxt[1] = save;
  }
  script_client_got_all (&s, FALSE);
  t += 0.06;
  script_send (&s, 0, t, TH_ACK, NULL, 0, 0, NULL, SEND_NORMAL);

  /* The receive window closes: four more segments, two ACKs with smaller
   * windows; the server then waits rather than send a sliver... */
  t += rtt;
  for (guint i = 0; i < 2; i++)
    {
      script_send (&s, 1, t, TH_ACK, script_tls_data (&s, buf, SAMPLE_MSS, 0x17), SAMPLE_MSS,
                   0, NULL, SEND_NORMAL);
      t += 0.12;
      script_send (&s, 1, t, TH_ACK, script_tls_data (&s, buf, SAMPLE_MSS, 0x17), SAMPLE_MSS,
                   0, NULL, SEND_NORMAL);
      script_client_got_all (&s, FALSE);
      t += 0.05;
      script_send (&s, 0, t, TH_ACK, NULL, 0, 0, NULL, SEND_NORMAL);
      t += 0.07;
    }

  /* ... until its persist timer fires: it fills the window exactly
   * (Window Full) and the client's ACK closes it (Zero Window). */
  {
    guint32 left = s.rcv_wup + s.rcv_wnd - s.nxt[1];

    t += 212.0;
    script_send (&s, 1, t, TH_ACK, script_tls_data (&s, buf, left, 0x17), left,
                 0, NULL, SEND_NORMAL);
    script_client_got_all (&s, FALSE);
    t += 0.06;
    script_send (&s, 0, t, TH_ACK, NULL, 0, 0, NULL, SEND_NORMAL);
  }

  /* Zero-window probes carry one byte of the next segment; the client
   * drops it and answers with the same ACK and window 0. */
  {
    double backoff = 230.0;

    script_tls_data (&s, buf, SAMPLE_MSS, 0x17);
    for (guint i = 0; i < 2; i++)
      {
        t += backoff;
        script_send (&s, 1, t, TH_ACK, buf, 1, 0, NULL, SEND_PROBE);
        t += 0.05;
        script_send (&s, 0, t, TH_ACK, NULL, 0, 0, NULL, SEND_NORMAL);
        backoff *= 2;
      }
  }

  /* The browser reads everything: a window update, and the rest of the
   * response follows. */
  t += 171.4;
  s.unread = 0;
  script_send (&s, 0, t, TH_ACK, NULL, 0, 0, NULL, SEND_NORMAL);
  t += rtt;
  script_send (&s, 1, t, TH_ACK, buf, SAMPLE_MSS, 0, NULL, SEND_NORMAL);
  t += 0.12;
  script_send (&s, 1, t, TH_ACK, script_tls_data (&s, buf, SAMPLE_MSS, 0x17), SAMPLE_MSS,
               0, NULL, SEND_NORMAL);
  script_client_got_all (&s, TRUE);
  t += 0.05;
  script_send (&s, 0, t, TH_ACK, NULL, 0, 0, NULL, SEND_NORMAL);
  t += 0.07;
  script_send (&s, 1, t, TH_PSH | TH_ACK, script_tls_data (&s, buf, 690, 0x17), 690,
               0, NULL, SEND_NORMAL);
  script_client_got_all (&s, TRUE);
  t += 40.0;                                   /* delayed ACK */
  script_send (&s, 0, t, TH_ACK, NULL, 0, 0, NULL, SEND_NORMAL);

  /* The tab is closed: close_notify alert, then FIN both ways. */
  t += 1870.3;
  script_send (&s, 0, t, TH_PSH | TH_ACK, script_tls_data (&s, buf, 24, 0x15), 24,
               0, NULL, SEND_NORMAL);
  t += 0.04;
  script_send (&s, 0, t, TH_FIN | TH_ACK, NULL, 0, 0, NULL, SEND_NORMAL);
  s.rcv[1] = s.nxt[0];
  t += rtt;
  script_send (&s, 1, t, TH_FIN | TH_ACK, NULL, 0, 0, NULL, SEND_NORMAL);
  s.rcv[0] = s.nxt[1];
  t += 0.05;
  script_send (&s, 0, t, TH_ACK, NULL, 0, 0, NULL, SEND_NORMAL);

  /* Later, a connection to a port nobody listens on is refused. */
  {
    Script r;
    double t2 = t + 1123.7;

    script_init (&r, &w, client, 50418, server, 8443, 0x2e5e7);
    r.tu.ip_id[0] = s.tu.ip_id[0];
    script_send (&r, 0, t2, TH_SYN, NULL, 0, 0, NULL, SEND_NORMAL);
    r.rcv[1] = 1;
    r.isn[1] = 0;
    t2 += rtt + 0.1;
    script_send (&r, 1, t2, TH_RST | TH_ACK, NULL, 0, 0, NULL, SEND_NORMAL);
  }

  return writer_close (&w, error);
}
