/* hs-gen-send.c
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

/* The simulated TCP endpoints sending: segments, windows, SACK blocks, the
 * congestion window, and the request/response application above them. */

#include "hs-gen-sim.h"

/* -- sending ---------------------------------------------------------------- */

static guint32
ep_tsval (Endpoint *e,
          gint64    now)
{
  return e->ts_offset + (guint32)(now / USEC_PER_MSEC);
}

/* The receive window this endpoint announces now (raw, unscaled value),
 * following Linux: never shrink the window already offered, announce 0
 * rather than less than one MSS (receiver-side silly window avoidance). */
static guint16
ep_select_window (Endpoint *e)
{
  guint32 gran = 1u << e->wscale;
  guint32 free_space = e->buf > e->unread ? e->buf - e->unread : 0;
  guint32 cur = ep_window_left (e);
  guint32 win;
  guint32 raw;

  if (free_space < e->mss)
    win = 0;
  else
    win = free_space & ~(gran - 1);
  if (win < cur)
    win = (cur + gran - 1) & ~(gran - 1);
  raw = MIN (win >> e->wscale, 65535u);
  e->rcv_wnd = raw << e->wscale;
  e->rcv_wup = e->rcv_nxt;
  return (guint16) raw;
}

/* SACK blocks for the next ACK: a pending D-SACK first, then the block of the
 * most recent out-of-order segment, then the others from the top. */
static guint
ep_sack_blocks (Endpoint *e,
                guint32  *out)
{
  guint n = 0;
  gint recent = -1;

  if (e->has_dsack)
    {
      out[0] = e->dsack.start;
      out[1] = e->dsack.end;
      n = 1;
      e->has_dsack = FALSE;
    }
  for (guint i = 0; i < e->n_ooo; i++)
    if (SEQ_LEQ (e->ooo[i].start, e->last_ooo) && SEQ_LT (e->last_ooo, e->ooo[i].end))
      recent = i;
  if (recent >= 0 && n < 3)
    {
      out[2 * n] = e->ooo[recent].start;
      out[2 * n + 1] = e->ooo[recent].end;
      n++;
    }
  for (gint i = (gint) e->n_ooo - 1; i >= 0 && n < 3; i--)
    {
      if (i == recent)
        continue;
      out[2 * n] = e->ooo[i].start;
      out[2 * n + 1] = e->ooo[i].end;
      n++;
    }
  return n;
}

/* Decides the fate of a packet and queues it toward the capture point. */
static void
conn_launch (Sim  *sim,
             Conn *c,
             Pkt  *p)
{
  guint d = p->dir;
  gint64 t;
  double size = p->len + 66;
  double loss = c->loss_pre[d];

  /* Losses come in small bursts. */
  if (c->last_lost[d])
    loss = MAX (loss, c->burst);

  if (loss > 0 && rng_chance (&sim->rng, loss))
    {
      c->last_lost[d] = TRUE;
      return;
    }
  c->last_lost[d] = FALSE;

  t = sim->now + c->pre_delay[d];
  if (c->reorder_pre[d] > 0 && p->len > 0 && rng_chance (&sim->rng, c->reorder_pre[d]))
    {
      /* Takes another path and arrives late; does not hold back the others. */
      t += (gint64) rng_uniform (&sim->rng, 300, 3000);
    }
  else
    {
      gint64 ser = (gint64)(size * c->pre_us_per_byte[d]);

      if (t < c->last_tap[d] + ser)
        t = c->last_tap[d] + ser;
      c->last_tap[d] = t;
    }

  p->kind = EV_TAP;
  p->time = t;
  p->serial = sim->serial++;
  pq_push (c, p);
}

void
conn_send (Sim     *sim,
           Conn    *c,
           guint    ei,
           guint8   flags,
           guint32  seq,
           guint    len,
           guint8   hdr)
{
  Endpoint *e = &c->ep[ei];
  Pkt p;

  memset (&p, 0, sizeof p);
  p.dir = ei;
  p.flags = flags;
  p.seq = seq;
  p.len = len;
  p.hdr = hdr;
  p.msg_len = e->msg_len;

  if (flags & TH_SYN)
    {
      p.opt = OPT_SYN;
      p.win = e->syn_win;
      p.tsval = ep_tsval (e, sim->now);
      p.tsecr = (flags & TH_ACK) ? e->ts_recent : 0;
      if (flags & TH_ACK)
        p.ack = e->rcv_nxt;
      e->rcv_wnd = e->syn_win;
      e->rcv_wup = e->rcv_nxt;
    }
  else if (flags & TH_RST)
    {
      p.opt = OPT_NONE;
      p.ack = e->rcv_nxt;
      p.win = 0;
    }
  else
    {
      p.opt = OPT_TS;
      p.tsval = ep_tsval (e, sim->now);
      p.tsecr = e->ts_recent;
      p.ack = e->rcv_nxt;
      p.win = ep_select_window (e);
      p.nsack = ep_sack_blocks (e, p.sack);
      /* Any ACK-bearing segment satisfies a pending (delayed) ACK. */
      e->delack_at = NEVER;
      e->ack_now = FALSE;
      e->unacked_bytes = 0;
    }

  conn_launch (sim, c, &p);
}

/* A RST from an endpoint that does not know the connection (any more). */
void
conn_send_reset_reply (Sim       *sim,
                       Conn      *c,
                       guint      ei,
                       const Pkt *in)
{
  Pkt p;

  memset (&p, 0, sizeof p);
  p.dir = ei;
  p.opt = OPT_NONE;
  if (in->flags & TH_ACK)
    {
      p.flags = TH_RST;
      p.seq = in->ack;
    }
  else
    {
      p.flags = TH_RST | TH_ACK;
      p.seq = 0;
      p.ack = in->seq + in->len + ((in->flags & (TH_SYN | TH_FIN)) ? 1 : 0);
    }
  conn_launch (sim, c, &p);
}

void
ep_send_ack (Sim   *sim,
             Conn  *c,
             guint  ei)
{
  Endpoint *e = &c->ep[ei];

  conn_send (sim, c, ei, TH_ACK, e->snd_nxt, 0, HDR_NONE);
}

void
ep_clear_timers (Endpoint *e)
{
  e->rto_at = NEVER;
  e->persist_at = NEVER;
  e->delack_at = NEVER;
  e->app_at = NEVER;
  e->read_at = NEVER;
  e->ka_at = NEVER;
}

static guint32
ep_pipe (Endpoint *e)
{
  guint32 outstanding = e->snd_nxt - e->snd_una;
  guint32 sacked = ranges_covered (e->sb, e->n_sb, e->snd_una, e->snd_nxt);
  guint32 pipe = outstanding - sacked;

  if (e->cstate != CS_OPEN)
    {
      guint32 limit = e->recover;
      guint32 from = SEQ_GT (e->retx_nxt, e->snd_una) ? e->retx_nxt : e->snd_una;

      if (e->cstate == CS_RECOVERY)
        {
          limit = e->n_sb ? e->sb[e->n_sb - 1].end : e->snd_una;
          if (SEQ_GT (limit, e->recover))
            limit = e->recover;
        }
      if (SEQ_LT (from, limit))
        {
          guint32 lost = (limit - from) - ranges_covered (e->sb, e->n_sb, from, limit);

          pipe = pipe > lost ? pipe - lost : 0;
        }
    }
  return pipe;
}

/* Which header the segment starting at `seq` gets. */
guint8
ep_segment_hdr (Endpoint *e,
                guint32   seq)
{
  return seq == e->msg_start ? e->msg_hdr : HDR_NONE;
}

/* Data is waiting but the peer's window does not let a segment out. */
gboolean
ep_window_stuck (Endpoint *e)
{
  guint32 avail = e->app_end - e->snd_nxt;
  gint32 wnd_left = (gint32)(e->peer_edge - e->snd_nxt);

  if (avail == 0 || e->fin_sent)
    return FALSE;
  return wnd_left <= 0
         || ((guint32) wnd_left < MIN (avail, (guint32) e->mss)
             && (guint32) wnd_left < e->max_peer_wnd / 2);
}

void
ep_try_send (Sim   *sim,
             Conn  *c,
             guint  ei)
{
  Endpoint *e = &c->ep[ei];
  guint guard = 0;

  if (e->state != ST_EST)
    return;

  while (guard++ < 256)
    {
      guint32 pipe = ep_pipe (e);

      /* Retransmissions first. */
      if (e->cstate != CS_OPEN)
        {
          guint32 limit = e->recover;
          guint32 from = SEQ_GT (e->retx_nxt, e->snd_una) ? e->retx_nxt : e->snd_una;
          guint32 hole;
          guint32 hole_end;

          if (e->cstate == CS_RECOVERY)
            {
              guint32 high = e->n_sb ? e->sb[e->n_sb - 1].end : e->snd_una + 1;

              if (SEQ_LT (high, limit))
                limit = high;
            }
          if (ranges_next_hole (e->sb, e->n_sb, from, limit, &hole, &hole_end))
            {
              guint32 len = MIN (hole_end - hole, e->mss);

              if (e->force_retx || pipe + len <= e->cwnd)
                {
                  gboolean fin = e->fin_sent && SEQ_LEQ (hole, e->fin_seq)
                                 && SEQ_GT (hole + len, e->fin_seq);
                  guint32 dlen = fin ? e->fin_seq - hole : len;
                  guint8 flags = TH_ACK | (fin ? TH_FIN : 0);

                  if (hole + dlen == e->app_end && dlen > 0)
                    flags |= TH_PSH;
                  conn_send (sim, c, ei, flags, hole, dlen, ep_segment_hdr (e, hole));
                  e->retx_nxt = hole + len;
                  e->force_retx = FALSE;
                  continue;
                }
              break;
            }
          e->force_retx = FALSE;
        }

      /* New data. */
      if (e->snd_nxt != e->app_end && !(e->fin_sent))
        {
          guint32 avail = e->app_end - e->snd_nxt;
          gint32 wnd_left = (gint32)(e->peer_edge - e->snd_nxt);
          guint32 len;
          guint8 flags = TH_ACK;

          if (wnd_left <= 0 || (pipe > 0 && pipe + MIN (avail, e->mss) > e->cwnd))
            break;
          len = MIN (avail, e->mss);
          if ((guint32) wnd_left < len)
            {
              /* Sender-side silly window avoidance: a piece of a segment
               * only when it is at least half the largest window offered. */
              if ((guint32) wnd_left < e->max_peer_wnd / 2)
                break;
              len = wnd_left;
            }
          if (e->snd_nxt + len == e->app_end)
            flags |= TH_PSH;
          conn_send (sim, c, ei, flags, e->snd_nxt, len, ep_segment_hdr (e, e->snd_nxt));
          e->snd_nxt += len;
          if (!e->rtt_timing)
            {
              e->rtt_timing = TRUE;
              e->rtt_seq = e->snd_nxt;
              e->rtt_time = sim->now;
            }
          continue;
        }

      if (e->fin_queued && !e->fin_sent && e->snd_nxt == e->app_end)
        {
          e->fin_seq = e->snd_nxt;
          conn_send (sim, c, ei, TH_FIN | TH_ACK, e->snd_nxt, 0, HDR_NONE);
          e->snd_nxt++;
          e->fin_sent = TRUE;
          continue;
        }
      break;
    }

  if (SEQ_LT (e->snd_una, e->snd_nxt) && e->rto_at == NEVER)
    e->rto_at = sim->now + e->rto;

  /* Window too small to send, data waiting, nothing in flight: persist timer. */
  if (e->snd_una == e->snd_nxt && ep_window_stuck (e) && e->persist_at == NEVER)
    e->persist_at = sim->now + MAX (e->rto, 200 * USEC_PER_MSEC);
}

/* -- application ------------------------------------------------------------ */

static void
ep_queue_message (Endpoint *e,
                  guint32   len,
                  guint8    hdr)
{
  e->msg_start = e->app_end;
  e->msg_len = len;
  e->msg_hdr = hdr;
  e->app_end += len;
}

static void
conn_schedule_close (Sim  *sim,
                     Conn *c)
{
  Endpoint *cl = &c->ep[0];
  Endpoint *sv = &c->ep[1];

  switch (c->close_mode)
    {
    case CLOSE_CLIENT_FIN:
      cl->app_act = ACT_FIN;
      cl->app_at = sim->now + (gint64) rng_exp (&sim->rng, 150 * USEC_PER_MSEC);
      break;
    case CLOSE_CLIENT_RST:
      cl->app_act = ACT_RST;
      cl->app_at = sim->now + (gint64) rng_exp (&sim->rng, 50 * USEC_PER_MSEC);
      break;
    case CLOSE_SERVER_FIN:
      sv->app_act = ACT_FIN;
      sv->app_at = sim->now + c->idle_close;
      break;
    case CLOSE_SERVER_RST:
    default:
      sv->app_act = ACT_RST;
      sv->app_at = sim->now + c->idle_close;
      break;
    }
}

/* Response size of the current exchange. */
static guint32
conn_response_size (Sim  *sim,
                    Conn *c)
{
  guint left = c->n_ex - c->ex;
  double share;
  double bytes;

  if (c->ex == 0 && c->app == APP_TLS)
    return (guint32) rng_uniform (&sim->rng, 2600, 5200);
  if (c->ex == c->upload_ex)
    return (guint32) rng_uniform (&sim->rng, 150, 600);
  if (left <= 1)
    bytes = (double) c->bytes_left;
  else
    {
      share = rng_uniform (&sim->rng, 0.2, 1.8) / left;
      bytes = c->bytes_left * share;
    }
  bytes = CLAMP (bytes, 120.0, 8.0e6);
  c->bytes_left = c->bytes_left > bytes ? c->bytes_left - (guint64) bytes : 0;
  return (guint32) bytes;
}

static guint32
conn_request_size (Sim  *sim,
                   Conn *c)
{
  if (c->ex == 0 && c->app == APP_TLS)
    return 517;
  if (c->ex == c->upload_ex)
    {
      double bytes = MAX ((double) c->bytes_left * 0.6, 3000.0);

      bytes = MIN (bytes, 4.0e6);
      c->bytes_left = c->bytes_left > bytes ? c->bytes_left - (guint64) bytes : 0;
      return (guint32) bytes;
    }
  if (c->app == APP_HTTP)
    return (guint32) CLAMP (rng_lognormal (&sim->rng, 480, 0.3), 300, c->ep[0].mss);
  return (guint32) CLAMP (rng_lognormal (&sim->rng, 450, 0.6), 120, c->ep[0].mss);
}

void
ep_app_fire (Sim   *sim,
             Conn  *c,
             guint  ei)
{
  Endpoint *e = &c->ep[ei];
  guint8 act = e->app_act;

  e->app_act = ACT_NONE;
  switch (act)
    {
    case ACT_CONNECT:
      e->state = ST_SYN_SENT;
      e->snd_una = e->iss;
      e->snd_nxt = e->iss + 1;
      e->app_end = e->iss + 1;
      conn_send (sim, c, ei, TH_SYN, e->iss, 0, HDR_NONE);
      e->rto = USEC_PER_SEC;
      e->rto_at = sim->now + e->rto;
      e->rtt_time = sim->now;
      break;

    case ACT_REQUEST:
      {
        guint32 len;
        guint8 hdr;

        if (e->state != ST_EST || e->fin_sent)
          break;
        len = conn_request_size (sim, c);
        if (c->app == APP_TLS)
          hdr = (c->ex == 0) ? HDR_TLS_CH : HDR_TLS_DATA;
        else
          hdr = (c->ex == c->upload_ex) ? HDR_HTTP_POST : HDR_HTTP_REQ;
        ep_queue_message (e, len, hdr);
        c->req_end = e->app_end;
        c->req_pending = TRUE;
        ep_try_send (sim, c, ei);
      }
      break;

    case ACT_RESPONSE:
      {
        guint32 len;
        guint8 hdr;

        if (e->state != ST_EST || e->fin_sent)
          break;
        len = conn_response_size (sim, c);
        if (c->app == APP_TLS)
          hdr = (c->ex == 0) ? HDR_TLS_SH : HDR_TLS_DATA;
        else
          hdr = HDR_HTTP_RESP;
        ep_queue_message (e, len, hdr);
        c->resp_end = e->app_end;
        c->resp_pending = TRUE;
        if (c->close_mode == CLOSE_ABORT && c->ex + 1 == c->n_ex && len > 20000)
          {
            c->abort_armed = TRUE;
            c->abort_seq = e->msg_start + (guint32)(len * rng_uniform (&sim->rng, 0.2, 0.8));
          }
        ep_try_send (sim, c, ei);
      }
      break;

    case ACT_FIN:
      if (e->state != ST_EST || e->fin_queued)
        break;
      e->fin_queued = TRUE;
      ep_try_send (sim, c, ei);
      break;

    case ACT_RST:
      if (e->state == ST_DEAD || e->state == ST_IDLE)
        break;
      conn_send (sim, c, ei, TH_RST | TH_ACK, e->snd_nxt, 0, HDR_NONE);
      e->state = ST_DEAD;
      ep_clear_timers (e);
      break;

    default:
      break;
    }
}

/* Called after `ei` received data: moves the request/response dialogue on. */
void
conn_app_progress (Sim   *sim,
                   Conn  *c,
                   guint  ei)
{
  Endpoint *e = &c->ep[ei];

  if (ei == 1 && c->req_pending && SEQ_GEQ (e->rcv_nxt, c->req_end))
    {
      gint64 service;

      c->req_pending = FALSE;
      if (c->ex == 0 && c->app == APP_TLS)
        service = (gint64) rng_uniform (&sim->rng, 150, 900);
      else
        service = (gint64) MIN (rng_lognormal (&sim->rng, 4000, 1.2), 400000.0);
      e->app_act = ACT_RESPONSE;
      e->app_at = sim->now + service;
    }
  else if (ei == 0 && c->abort_armed && SEQ_GEQ (e->rcv_nxt, c->abort_seq))
    {
      c->abort_armed = FALSE;
      c->resp_pending = FALSE;
      e->app_act = ACT_RST;
      e->app_at = sim->now + (gint64) rng_uniform (&sim->rng, 100, 5000);
    }
  else if (ei == 0 && c->resp_pending && SEQ_GEQ (e->rcv_nxt, c->resp_end))
    {
      c->resp_pending = FALSE;
      c->ex++;
      if (c->ex < c->n_ex)
        {
          gint64 think;

          if (c->ex == 1 && c->app == APP_TLS)
            think = (gint64) rng_uniform (&sim->rng, 100, 1500);
          else
            think = (gint64) rng_exp (&sim->rng, (double) c->think_mean);
          e->app_act = ACT_REQUEST;
          e->app_at = sim->now + think;
        }
      else
        conn_schedule_close (sim, c);
    }
}

/* The peer closed its side: close ours after a short while. */
void
ep_peer_fin (Sim   *sim,
             Conn  *c,
             guint  ei)
{
  Endpoint *e = &c->ep[ei];
  double delay;

  e->fin_rcvd = TRUE;
  e->ack_now = TRUE;
  if (e->fin_queued)
    return;
  e->app_act = ACT_FIN;
  delay = rng_chance (&sim->rng, 0.6) ? 0 : rng_exp (&sim->rng, 3000);
  if (delay < 1)
    e->fin_queued = TRUE;         /* goes out together with the ACK */
  else
    e->app_at = sim->now + (gint64) delay;
}
