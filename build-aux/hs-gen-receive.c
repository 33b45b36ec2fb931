/* hs-gen-receive.c
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

/* The simulated TCP endpoints receiving (ACKs, data, RTT samples) and their
 * timers (RTO, persist, delayed reads, keep-alive). */

#include "hs-gen-sim.h"

/* -- receiving --------------------------------------------------------------- */

static void
ep_rtt_sample (Endpoint *e,
               gint64    sample)
{
  if (e->srtt == 0)
    {
      e->srtt = sample;
      e->rttvar = sample / 2;
    }
  else
    {
      gint64 err = sample - e->srtt;

      e->srtt += err / 8;
      e->rttvar += ((err < 0 ? -err : err) - e->rttvar) / 4;
    }
  e->rto = MAX (e->srtt + 4 * e->rttvar, e->rto_min);
  e->rto = MIN (e->rto, 60 * USEC_PER_SEC);
}

static void
ep_on_ack (Sim       *sim,
           Conn      *c,
           guint      ei,
           const Pkt *p)
{
  Endpoint *e = &c->ep[ei];
  guint32 ack = p->ack;
  guint32 wnd = (guint32) p->win << e->peer_wscale;
  guint32 old_edge = e->peer_edge;

  if (SEQ_GT (ack, e->snd_nxt))
    {
      if (e->probe_out && ack == e->snd_nxt + 1)
        e->snd_nxt++;       /* the receiver kept the probe byte */
      else
        return;
    }
  e->probe_out = FALSE;

  for (guint i = 0; i < p->nsack; i++)
    {
      guint32 s = p->sack[2 * i];
      guint32 en = p->sack[2 * i + 1];

      if (SEQ_GT (s, ack) && SEQ_LEQ (en, e->snd_nxt))
        ranges_add (e->sb, &e->n_sb, s, en);
    }

  if (SEQ_GT (ack, e->snd_una))
    {
      guint32 acked = ack - e->snd_una;

      e->snd_una = ack;
      ranges_trim (e->sb, &e->n_sb, ack);
      if (e->fin_sent && SEQ_GT (ack, e->fin_seq))
        e->fin_acked = TRUE;
      if (e->rtt_timing && SEQ_GEQ (ack, e->rtt_seq))
        {
          e->rtt_timing = FALSE;
          ep_rtt_sample (e, sim->now - e->rtt_time);
        }
      e->dupacks = 0;
      e->retries = 0;
      switch (e->cstate)
        {
        case CS_OPEN:
          if (e->cwnd < e->ssthresh)
            e->cwnd += MIN (acked, 2u * e->mss);
          else
            e->cwnd += MAX (1u, (guint32)((guint64) e->mss * e->mss / e->cwnd));
          break;
        case CS_RECOVERY:
          if (SEQ_GEQ (ack, e->recover))
            {
              e->cstate = CS_OPEN;
              e->cwnd = e->ssthresh;
            }
          break;
        case CS_LOSS:
          e->cwnd += MIN (acked, 2u * e->mss);
          if (SEQ_GEQ (ack, e->recover))
            e->cstate = CS_OPEN;
          break;
        default:
          break;
        }
      e->cwnd = MIN (e->cwnd, 160u * e->mss);
      if (SEQ_LT (e->retx_nxt, e->snd_una))
        e->retx_nxt = e->snd_una;
      e->rto_at = (e->snd_una == e->snd_nxt) ? NEVER : sim->now + e->rto;
    }
  else if (ack == e->snd_una && p->len == 0 && !(p->flags & (TH_SYN | TH_FIN))
           && SEQ_LT (e->snd_una, e->snd_nxt) && ack + wnd == old_edge)
    {
      e->dupacks++;
      if (e->cstate == CS_OPEN
          && (e->dupacks >= 3
              || ranges_covered (e->sb, e->n_sb, e->snd_una, e->snd_nxt) >= 3u * e->mss))
        {
          guint32 flight = e->snd_nxt - e->snd_una;

          e->ssthresh = MAX (flight / 2, 2u * e->mss);
          e->cwnd = e->ssthresh;
          e->recover = e->snd_nxt;
          e->retx_nxt = e->snd_una;
          e->cstate = CS_RECOVERY;
          e->force_retx = TRUE;
          e->rtt_timing = FALSE;
        }
    }

  e->peer_edge = ack + wnd;
  e->max_peer_wnd = MAX (e->max_peer_wnd, wnd);
  if (!ep_window_stuck (e))
    {
      e->persist_at = NEVER;
      e->persist_backoff = 0;
    }
}

static void
ep_on_data (Sim       *sim,
            Conn      *c,
            guint      ei,
            const Pkt *p)
{
  Endpoint *e = &c->ep[ei];
  guint32 seq = p->seq;
  guint32 end = seq + p->len;
  gboolean fin = (p->flags & TH_FIN) != 0;
  guint32 seg_end = end + (fin ? 1 : 0);
  guint32 cur_win;
  guint32 newbytes;
  gboolean had_ooo;
  gboolean overlap;

  if (p->len == 0 && !fin)
    {
      /* A bare ACK below the window (keep-alive, Linux zero-window probe)
       * is not acceptable and is answered with an ACK (RFC 9293 3.10.7.4). */
      if (SEQ_LT (seq, e->rcv_nxt))
        e->ack_now = TRUE;
      return;
    }

  /* Old or duplicate (keep-alives, spurious retransmissions) */
  if (SEQ_LEQ (seg_end, e->rcv_nxt))
    {
      if (p->len > 1)
        {
          e->dsack.start = seq;
          e->dsack.end = end;
          e->has_dsack = TRUE;
        }
      e->ack_now = TRUE;
      return;
    }

  cur_win = ep_window_left (e);

  if (SEQ_GT (seq, e->rcv_nxt))
    {
      /* A hole before it: keep it, answer with a duplicate ACK at once. */
      if (SEQ_LEQ (end, e->rcv_nxt + cur_win) && p->len > 0)
        {
          ranges_add (e->ooo, &e->n_ooo, seq, end);
          e->last_ooo = seq;
        }
      e->ack_now = TRUE;
      return;
    }

  if (cur_win == 0 && p->len > 0)
    {
      /* Zero window: the byte (a probe) is dropped and answered. */
      e->ack_now = TRUE;
      return;
    }

  overlap = SEQ_LT (seq, e->rcv_nxt);
  newbytes = end - e->rcv_nxt;
  if (newbytes > cur_win)
    {
      newbytes = cur_win;
      fin = FALSE;
    }
  had_ooo = e->n_ooo > 0;
  e->rcv_nxt += newbytes;
  e->unread += newbytes;
  e->rcvd_total += newbytes;
  e->unacked_bytes += newbytes;

  /* Out-of-order data now in sequence */
  while (e->n_ooo > 0 && SEQ_LEQ (e->ooo[0].start, e->rcv_nxt))
    {
      if (SEQ_GT (e->ooo[0].end, e->rcv_nxt))
        {
          guint32 more = e->ooo[0].end - e->rcv_nxt;

          e->rcv_nxt += more;
          e->unread += more;
          e->rcvd_total += more;
        }
      memmove (&e->ooo[0], &e->ooo[1], (e->n_ooo - 1) * sizeof (Range));
      e->n_ooo--;
    }

  if (fin && e->rcv_nxt == end && !e->fin_rcvd)
    {
      e->rcv_nxt++;
      ep_peer_fin (sim, c, ei);
    }

  /* Receive buffer auto-tuning */
  if (!e->slow_reader && e->buf < e->buf_max)
    e->buf = (guint32) MIN ((guint64) e->buf_max, (guint64) e->syn_win + 2 * e->rcvd_total);

  if (e->slow_reader)
    {
      if (e->read_at == NEVER)
        e->read_at = sim->now + e->read_iv;
    }
  else
    e->unread = 0;

  if (had_ooo || overlap || e->unacked_bytes >= 2u * e->mss)
    e->ack_now = TRUE;
  else if (e->delack_at == NEVER)
    e->delack_at = sim->now + e->delack_time;
}

void
ep_receive (Sim       *sim,
            Conn      *c,
            guint      ei,
            const Pkt *p)
{
  Endpoint *e = &c->ep[ei];

  if (e->state == ST_DEAD)
    {
      if (!(p->flags & TH_RST))
        conn_send_reset_reply (sim, c, ei, p);
      return;
    }
  if (p->flags & TH_RST)
    {
      if (e->state != ST_IDLE)
        {
          e->state = ST_DEAD;
          ep_clear_timers (e);
        }
      return;
    }

  /* Server side of the handshake */
  if (ei == 1 && (p->flags & TH_SYN) && !(p->flags & TH_ACK))
    {
      if (e->state == ST_IDLE)
        {
          if (c->kind == KIND_REFUSED)
            {
              conn_send_reset_reply (sim, c, ei, p);
              e->state = ST_DEAD;
              return;
            }
          if (c->syn_drops > 0)
            {
              c->syn_drops--;    /* accept queue overflow: silently dropped */
              return;
            }
          e->state = ST_SYN_RCVD;
          e->irs = p->seq;
          e->rcv_nxt = p->seq + 1;
          e->ts_recent = p->tsval;
          e->snd_una = e->iss;
          e->snd_nxt = e->iss + 1;
          e->app_end = e->iss + 1;
          e->rtt_time = sim->now;
          conn_send (sim, c, ei, TH_SYN | TH_ACK, e->iss, 0, HDR_NONE);
          e->rto = USEC_PER_SEC;
          e->rto_at = sim->now + e->rto;
        }
      else if (e->state == ST_SYN_RCVD && p->seq == e->irs)
        conn_send (sim, c, ei, TH_SYN | TH_ACK, e->iss, 0, HDR_NONE);
      return;
    }

  /* Client side of the handshake */
  if (ei == 0 && (p->flags & TH_SYN))
    {
      if (e->state == ST_SYN_SENT && (p->flags & TH_ACK) && p->ack == e->iss + 1)
        {
          e->state = ST_EST;
          e->irs = p->seq;
          e->rcv_nxt = p->seq + 1;
          e->rcv_wup = e->rcv_nxt;
          e->rcv_wnd = e->syn_win;
          e->ts_recent = p->tsval;
          e->snd_una = e->iss + 1;
          e->peer_edge = e->snd_una + p->win;
          e->max_peer_wnd = p->win;
          e->rto_at = NEVER;
          e->retries = 0;
          if (!e->syn_retx)
            ep_rtt_sample (e, sim->now - e->rtt_time);
          else
            e->rto = MAX (e->rto_min, USEC_PER_SEC);
          e->buf = e->syn_win;
          ep_send_ack (sim, c, ei);
          e->app_act = ACT_REQUEST;
          e->app_at = sim->now + (gint64) rng_uniform (&sim->rng, 20, 400);
          if (e->keepalive)
            e->ka_at = sim->now + e->ka_idle;
        }
      else if (e->state == ST_EST)
        ep_send_ack (sim, c, ei);     /* our ACK of the SYN/ACK was lost */
      return;
    }

  if (e->state == ST_IDLE || e->state == ST_SYN_SENT)
    {
      if (ei == 1 && !(p->flags & TH_SYN))
        conn_send_reset_reply (sim, c, ei, p);
      return;
    }

  if (SEQ_GT (p->tsval, e->ts_recent))
    e->ts_recent = p->tsval;

  if (e->state == ST_SYN_RCVD)
    {
      if (!(p->flags & TH_ACK) || p->ack != e->iss + 1)
        return;
      e->state = ST_EST;
      e->snd_una = e->iss + 1;
      e->rto_at = NEVER;
      e->retries = 0;
      if (!e->syn_retx)
        ep_rtt_sample (e, sim->now - e->rtt_time);
      else
        e->rto = MAX (e->rto_min, USEC_PER_SEC);
      e->buf = e->syn_win;
      e->peer_edge = e->snd_una;
      if (e->keepalive)
        e->ka_at = sim->now + e->ka_idle;
    }

  if (p->flags & TH_ACK)
    ep_on_ack (sim, c, ei, p);
  ep_on_data (sim, c, ei, p);

  if (e->keepalive && e->state == ST_EST)
    e->ka_at = sim->now + e->ka_idle;

  conn_app_progress (sim, c, ei);
  ep_try_send (sim, c, ei);
  if (e->ack_now && e->state == ST_EST)
    ep_send_ack (sim, c, ei);
}

/* -- timers ------------------------------------------------------------------ */

void
ep_on_rto (Sim   *sim,
           Conn  *c,
           guint  ei)
{
  Endpoint *e = &c->ep[ei];

  e->retries++;
  e->syn_retx = TRUE;
  if (e->state == ST_SYN_SENT || e->state == ST_SYN_RCVD)
    {
      if (e->retries > 5)
        {
          e->state = ST_DEAD;
          ep_clear_timers (e);
          return;
        }
      conn_send (sim, c, ei, (e->state == ST_SYN_SENT) ? TH_SYN : TH_SYN | TH_ACK,
                 e->iss, 0, HDR_NONE);
      e->rto = MIN (e->rto * 2, 60 * USEC_PER_SEC);
      e->rto_at = sim->now + e->rto;
      return;
    }
  if (e->state != ST_EST || e->snd_una == e->snd_nxt)
    return;
  if (e->retries > 8)
    {
      e->app_act = ACT_RST;
      ep_app_fire (sim, c, ei);
      return;
    }

  e->ssthresh = MAX ((e->snd_nxt - e->snd_una) / 2, 2u * e->mss);
  e->cwnd = e->mss;
  e->cstate = CS_LOSS;
  e->recover = e->snd_nxt;
  e->retx_nxt = e->snd_una;
  e->force_retx = TRUE;
  e->rtt_timing = FALSE;
  e->dupacks = 0;
  e->rto = MIN (e->rto * 2, 60 * USEC_PER_SEC);
  ep_try_send (sim, c, ei);
  e->rto_at = sim->now + e->rto;
}

void
ep_on_persist (Sim   *sim,
               Conn  *c,
               guint  ei)
{
  Endpoint *e = &c->ep[ei];

  gint32 wnd_left = (gint32)(e->peer_edge - e->snd_nxt);

  if (e->state != ST_EST || e->snd_una != e->snd_nxt || !ep_window_stuck (e))
    return;

  if (wnd_left > 0)
    {
      /* A window smaller than a segment: send what fits (Linux's
       * tcp_write_wakeup), which fills the receiver's window exactly. */
      guint32 len = MIN ((guint32) wnd_left, e->app_end - e->snd_nxt);

      conn_send (sim, c, ei, TH_ACK | (e->snd_nxt + len == e->app_end ? TH_PSH : 0),
                 e->snd_nxt, len, ep_segment_hdr (e, e->snd_nxt));
      e->snd_nxt += len;
      e->rto_at = sim->now + e->rto;
      return;
    }

  if (e->os == OS_LINUX)
    conn_send (sim, c, ei, TH_ACK, e->snd_una - 1, 0, HDR_NONE);
  else
    {
      /* One byte of new data, without advancing snd_nxt. */
      conn_send (sim, c, ei, TH_ACK, e->snd_nxt, 1, ep_segment_hdr (e, e->snd_nxt));
      e->probe_out = TRUE;
    }
  e->persist_backoff = MIN (e->persist_backoff + 1, 6u);
  e->persist_at = sim->now + MIN (MAX (e->rto, 200 * USEC_PER_MSEC) << e->persist_backoff,
                                  60 * USEC_PER_SEC);
}

void
ep_on_read (Sim   *sim,
            Conn  *c,
            guint  ei)
{
  Endpoint *e = &c->ep[ei];
  guint32 before = ep_window_left (e);
  guint32 free_space;
  guint32 gran = 1u << e->wscale;

  if (e->state != ST_EST)
    return;
  /* Now and then the application stops reading for a while. */
  if (rng_chance (&sim->rng, 0.03))
    {
      e->read_at = sim->now + (gint64)(rng_uniform (&sim->rng, 0.4, 4.0) * USEC_PER_SEC);
      return;
    }
  e->unread -= MIN (e->unread, e->read_chunk);
  e->read_at = e->unread > 0 ? sim->now + e->read_iv : NEVER;

  /* Window update when the window at least doubled (Linux tcp_cleanup_rbuf) */
  free_space = e->buf > e->unread ? e->buf - e->unread : 0;
  free_space &= ~(gran - 1);
  if (2 * before <= e->buf && free_space >= e->mss && free_space >= 2 * before)
    ep_send_ack (sim, c, ei);
}

void
ep_on_keepalive (Sim   *sim,
                 Conn  *c,
                 guint  ei)
{
  Endpoint *e = &c->ep[ei];

  if (e->state != ST_EST || e->fin_sent || e->fin_rcvd)
    return;
  if (e->snd_una == e->snd_nxt && e->snd_nxt == e->app_end)
    {
      if (e->os == OS_WINDOWS)
        conn_send (sim, c, ei, TH_ACK, e->snd_nxt - 1, 1, HDR_ZERO_BYTE);
      else
        conn_send (sim, c, ei, TH_ACK, e->snd_nxt - 1, 0, HDR_NONE);
      e->ka_at = sim->now + MIN (e->ka_idle, 5 * USEC_PER_SEC);
    }
  else
    e->ka_at = sim->now + e->ka_idle;
}
