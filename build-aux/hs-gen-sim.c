/* hs-gen-sim.c
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

/* The simulation's connections (the tap, one step, set-up of clients and
 * workloads) and its event loop, run_simulation(). */

#include "hs-gen-sim.h"

/* -- connections ------------------------------------------------------------- */

static gint64
conn_next_time (Conn *c)
{
  gint64 t = c->qlen ? c->q[0].time : NEVER;

  for (guint i = 0; i < 2; i++)
    {
      Endpoint *e = &c->ep[i];

      t = MIN (t, e->rto_at);
      t = MIN (t, e->persist_at);
      t = MIN (t, e->delack_at);
      t = MIN (t, e->app_at);
      t = MIN (t, e->read_at);
      t = MIN (t, e->ka_at);
    }
  return t;
}

static void
conn_tap (Sim  *sim,
          Conn *c,
          Pkt  *p)
{
  guint8 hdr[160];
  guint8 body[2048];
  const guint8 *payload = NULL;
  Segment s;
  gsize hlen;
  guint d = p->dir;
  Endpoint *e = &c->ep[d];

  memset (&s, 0, sizeof s);
  s.flags = p->flags;
  s.seq = p->seq;
  s.ack = p->ack;
  s.win = p->win;
  s.opt = p->opt;
  s.syn_mss = e->mss_opt;
  s.syn_ws = e->wscale;
  s.tsval = p->tsval;
  s.tsecr = p->tsecr;
  s.nsack = p->nsack;
  s.sack = p->sack;
  s.len = p->len;

  if (p->len > 0)
    {
      guint off = p->seq & (PAYLOAD_PERIOD - 1);

      if (p->hdr == HDR_NONE)
        {
          payload = payload_block + off;
          s.sum = payload_sum (off, p->len);
        }
      else
        {
          Rng r;

          memcpy (body, payload_block + off, p->len);
          rng_init (&r, p->seq ^ ((guint64) c->id << 32));
          switch (p->hdr)
            {
            case HDR_TLS_CH:
              {
                guint8 hello[600];
                gsize n = tls_client_hello (hello, 517, "www.example.net", &r);

                memcpy (body, hello, MIN (n, p->len));
              }
              break;
            case HDR_TLS_SH:
              {
                guint8 hello[160];
                gsize n = tls_server_hello (hello, &r);

                memcpy (body, hello, MIN (n, p->len));
                if (p->len >= n + 5 + 16)
                  tls_data_header (body + n, p->len - n - 5);
              }
              break;
            case HDR_TLS_DATA:
              if (p->len > 5 + 16)
                tls_data_header (body, p->len - 5);
              break;
            case HDR_HTTP_REQ:
              http_request (body, p->len, p->msg_len, p->seq, FALSE, "www.example.net");
              break;
            case HDR_HTTP_POST:
              http_request (body, p->len, p->msg_len, p->seq, TRUE, "www.example.net");
              break;
            case HDR_HTTP_RESP:
              http_response (body, p->len, p->msg_len);
              break;
            case HDR_ZERO_BYTE:
              body[0] = 0;
              break;
            default:
              break;
            }
          payload = body;
          s.sum = csum_bytes (0, body, p->len);
        }
    }

  hlen = build_headers (&c->tu, d, &s, hdr);
  writer_packet (sim->w, p->time, hdr, hlen, payload, p->len);


  if (!p->drop_post)
    {
      double loss = c->loss_post[d];
      gint64 t = p->time + c->post_delay[d];

      if (c->last_lost[d] && loss > 0)
        loss = MAX (loss, c->burst);
      if (loss > 0 && rng_chance (&sim->rng, loss))
        return;
      if (c->reorder_post[d] > 0 && p->len > 0 && rng_chance (&sim->rng, c->reorder_post[d]))
        t += (gint64) rng_uniform (&sim->rng, 300, 3000);
      else
        {
          gint64 ser = (gint64)((p->len + 66) * c->post_us_per_byte[d]);

          if (t < c->last_arr[d] + ser)
            t = c->last_arr[d] + ser;
          c->last_arr[d] = t;
        }
      p->kind = EV_ARRIVE;
      p->time = t;
      p->serial = sim->serial++;
      pq_push (c, p);
    }
}

/* Runs the earliest event of the connection (its key). */
static void
conn_step (Sim  *sim,
           Conn *c)
{
  gint64 t = c->key;

  sim->now = t;
  if (c->qlen > 0 && c->q[0].time == t)
    {
      Pkt p;

      pq_pop (c, &p);
      if (p.kind == EV_TAP)
        conn_tap (sim, c, &p);
      else
        ep_receive (sim, c, !p.dir, &p);
      return;
    }

  for (guint i = 0; i < 2; i++)
    {
      Endpoint *e = &c->ep[i];

      if (e->rto_at == t)
        {
          e->rto_at = NEVER;
          ep_on_rto (sim, c, i);
          return;
        }
      if (e->persist_at == t)
        {
          e->persist_at = NEVER;
          ep_on_persist (sim, c, i);
          return;
        }
      if (e->delack_at == t)
        {
          e->delack_at = NEVER;
          if (e->state == ST_EST)
            ep_send_ack (sim, c, i);
          return;
        }
      if (e->app_at == t)
        {
          e->app_at = NEVER;
          ep_app_fire (sim, c, i);
          return;
        }
      if (e->read_at == t)
        {
          e->read_at = NEVER;
          ep_on_read (sim, c, i);
          return;
        }
      if (e->ka_at == t)
        {
          e->ka_at = NEVER;
          ep_on_keepalive (sim, c, i);
          return;
        }
    }
}

static void
ep_setup (Sim      *sim,
          Endpoint *e,
          guint8    os,
          gboolean  server,
          gboolean  v6)
{
  Rng *r = &sim->rng;

  memset (e, 0, sizeof *e);
  e->os = os;
  e->iss = (guint32) rng_next (r);
  e->ts_offset = (guint32) rng_next (r);
  ep_clear_timers (e);
  e->rto = USEC_PER_SEC;
  e->ssthresh = G_MAXUINT32 / 2;

  switch (os)
    {
    case OS_WINDOWS:
      e->wscale = 8;
      e->syn_win = 64240;
      e->delack_time = 40 * USEC_PER_MSEC;
      e->rto_min = 300 * USEC_PER_MSEC;
      e->buf_max = 4 << 20;
      break;
    case OS_BSD:
      e->wscale = 6;
      e->syn_win = 65535;
      e->delack_time = 100 * USEC_PER_MSEC;
      e->rto_min = 230 * USEC_PER_MSEC;
      e->buf_max = 2 << 20;
      break;
    case OS_LINUX:
    default:
      e->wscale = 7;
      e->syn_win = server ? 65160 : 64240;
      e->delack_time = 40 * USEC_PER_MSEC;
      e->rto_min = 200 * USEC_PER_MSEC;
      e->buf_max = 6 << 20;
      break;
    }
  if (server && os == OS_LINUX && rng_chance (r, 0.5))
    e->wscale = 9;
  e->mss_opt = v6 ? 1440 : 1460;
  e->buf = e->syn_win;
}

static Client *
sim_pick_client (Sim *sim)
{
  Rng *r = &sim->rng;
  Client *cl;

  /* Browsers open several connections: often reuse a recent client. */
  if (sim->client_cursor > 0 && rng_chance (r, 0.55))
    {
      guint back = MIN (sim->client_cursor, 24u);

      cl = &sim->clients[(sim->client_cursor - 1 - rng_below (r, back)) % N_CLIENT_SLOTS];
      return cl;
    }

  cl = &sim->clients[sim->client_cursor++ % N_CLIENT_SLOTS];
  memset (cl, 0, sizeof *cl);
  cl->v6 = rng_chance (r, 0.12);
  if (!cl->v6)
    {
      cl->addr[0] = 10;
      cl->addr[1] = 16 + rng_below (r, 230);
      cl->addr[2] = rng_below (r, 256);
      cl->addr[3] = 1 + rng_below (r, 254);
    }
  else
    {
      static const guint8 prefix[6] = { 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00 };

      memcpy (cl->addr, prefix, 6);
      cl->addr[4] = rng_below (r, 256);
      cl->addr[5] = rng_below (r, 256);
      for (guint i = 6; i < 16; i++)
        cl->addr[i] = rng_below (r, 256);
    }

  {
    double u = rng_double (r);

    cl->os = u < 0.45 ? OS_WINDOWS : u < 0.70 ? OS_BSD : OS_LINUX;
  }
  cl->ttl = (cl->os == OS_WINDOWS ? 128 : 64) - 6 - rng_below (r, 14);
  if (cl->os == OS_WINDOWS)
    cl->next_port = 49152 + rng_below (r, 16000);
  else
    cl->next_port = 32768 + rng_below (r, 28000);
  cl->mss = rng_chance (r, 0.15) ? 1380 + 20 * rng_below (r, 4) : 0;
  cl->rtt_ms = CLAMP (rng_lognormal (r, 45, 0.8), 1.5, 600);
  cl->down_mbps = CLAMP (rng_lognormal (r, 60, 1.0), 2, 900);

  /* Most paths are clean, some lossy, a few bad. */
  {
    double u = rng_double (r);

    if (u < 0.76)
      cl->loss = rng_uniform (r, 0, 0.0004);
    else if (u < 0.96)
      cl->loss = rng_uniform (r, 0.001, 0.008);
    else
      cl->loss = rng_uniform (r, 0.015, 0.04);
  }
  cl->reorder = rng_chance (r, 0.08) ? rng_uniform (r, 0.004, 0.02) : 0;
  return cl;
}

static guint32
sim_draw_budget (Sim *sim)
{
  return (guint32) CLAMP (rng_lognormal (&sim->rng, MAX ((double) sim->mean_budget, 12.0), 1.1),
                          10, 2.0e6);
}

/* Fills in workload and behaviour of a new connection. */
static void
conn_setup_workload (Sim  *sim,
                     Conn *c)
{
  Rng *r = &sim->rng;
  guint32 budget = sim_draw_budget (sim);
  double u;
  double data_packets;


  u = rng_double (r);
  if (u < 0.006)
    c->kind = KIND_REFUSED;
  else if (u < 0.06)
    c->kind = KIND_IDLE;
  else
    c->kind = KIND_WEB;

  c->syn_drops = rng_chance (r, 0.004) ? 1 + rng_below (r, 2) : 0;

  if (c->kind == KIND_IDLE)
    {
      c->n_ex = 2 + rng_below (r, 5);
      c->think_mean = (gint64)(rng_uniform (r, 4, 20) * USEC_PER_SEC);
      c->ep[rng_chance (r, 0.5) ? 0 : 1].keepalive = TRUE;
    }
  else
    {
      c->n_ex = 1;
      while (c->n_ex < 16 && rng_chance (r, 0.55))
        c->n_ex++;
      c->think_mean = (gint64)(rng_exp (r, 0.4) * USEC_PER_SEC) + 2 * USEC_PER_MSEC;
    }
  if (c->app == APP_TLS)
    c->n_ex++;            /* the TLS handshake comes first */

  c->ep[0].ka_idle = (gint64)(rng_uniform (r, 2, 10) * USEC_PER_SEC);
  c->ep[1].ka_idle = (gint64)(rng_uniform (r, 2, 10) * USEC_PER_SEC);

  data_packets = (double) budget - 7 - 2.0 * c->n_ex;
  if (c->app == APP_TLS)
    data_packets -= 6;
  data_packets = MAX (data_packets, 1);
  c->bytes_left = (guint64)(data_packets / 1.55 * 1400);

  c->upload_ex = G_MAXUINT;
  if (c->kind == KIND_WEB && rng_chance (r, 0.07))
    c->upload_ex = c->n_ex - 1;

  u = rng_double (r);
  if (u < 0.50)
    c->close_mode = CLOSE_CLIENT_FIN;
  else if (u < 0.80)
    c->close_mode = CLOSE_SERVER_FIN;
  else if (u < 0.90)
    c->close_mode = CLOSE_CLIENT_RST;
  else if (u < 0.98)
    c->close_mode = CLOSE_SERVER_RST;
  else
    c->close_mode = CLOSE_ABORT;
  c->idle_close = (gint64)(rng_uniform (r, 0.5, 8) * USEC_PER_SEC);

  /* A slow application that lets the receive buffer fill up */
  if (c->kind == KIND_WEB && rng_chance (r, 0.03))
    {
      guint slow = (c->upload_ex != G_MAXUINT && rng_chance (r, 0.5)) ? 1 : 0;
      Endpoint *e = &c->ep[slow];

      e->slow_reader = TRUE;
      e->buf_max = e->syn_win;
      e->read_iv = (gint64) rng_uniform (r, 5, 40) * USEC_PER_MSEC;
      e->read_chunk = (guint32) rng_uniform (r, 1500, 12000);
      c->bytes_left = MAX (c->bytes_left, (guint64) 200000);
    }
}

static Conn *
sim_new_conn (Sim   *sim,
              gint64 start,
              Conn  *previous)
{
  Rng *r = &sim->rng;
  Conn *c = g_new0 (Conn, 1);
  Client *cl;
  guint8 server_os;
  double rtt_us;
  double down;
  double up;

  c->id = sim->next_id++;
  sim->spawned++;

  if (previous == NULL)
    {
      static const guint8 server_v4[2][4] = { { 198, 51, 100, 10 }, { 198, 51, 100, 11 } };
      static const guint8 server_v6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x01, 0x00, 0, 0, 0, 0, 0, 0,
                                            0, 0, 0, 0x10 };
      static const guint8 server_mac[6] = { 0x00, 0x25, 0x90, 0x4e, 0x1a, 0x7c };
      static const guint8 gateway_mac[6] = { 0x00, 0x1c, 0x73, 0x2b, 0x9d, 0x01 };
      double u;

      cl = sim_pick_client (sim);
      c->client_slot = cl - sim->clients;
      c->tu.v6 = cl->v6;
      memcpy (c->tu.addr[0], cl->addr, 16);
      if (cl->v6)
        memcpy (c->tu.addr[1], server_v6, 16);
      else
        memcpy (c->tu.addr[1], server_v4[rng_below (r, 2)], 4);
      memcpy (c->tu.mac[0], gateway_mac, 6);
      memcpy (c->tu.mac[1], server_mac, 6);

      c->tu.port[0] = cl->next_port;
      if (cl->os == OS_WINDOWS)
        cl->next_port = cl->next_port >= 65535 ? 49152 : cl->next_port + 1;
      else
        {
          cl->next_port += 2 + 2 * rng_below (r, 40);
          if (cl->next_port < 32768 || cl->next_port > 60999)
            cl->next_port = 32768 + rng_below (r, 1000);
        }
      u = rng_double (r);
      c->tu.port[1] = u < 0.80 ? 443 : u < 0.95 ? 80 : 8080;
      c->tu.ttl[0] = cl->ttl;
      c->tu.ttl[1] = 64;
      c->tu.flow_label[0] = rng_below (r, 1 << 20);
      c->tu.flow_label[1] = rng_below (r, 1 << 20);
    }
  else
    {
      /* Port reuse: same four-tuple, new ISNs */
      c->tu = previous->tu;
      c->client_slot = previous->client_slot;
      cl = &sim->clients[c->client_slot];
      sim->reused++;
    }
  c->tu.ip_id[0] = (guint16) rng_next (r);
  c->tu.ip_id[1] = (guint16) rng_next (r);
  c->app = c->tu.port[1] == 443 ? APP_TLS : APP_HTTP;

  server_os = rng_chance (r, 0.7) ? OS_LINUX : OS_BSD;
  ep_setup (sim, &c->ep[0], cl->os, FALSE, c->tu.v6);
  ep_setup (sim, &c->ep[1], server_os, TRUE, c->tu.v6);
  if (cl->mss)
    c->ep[0].mss_opt = cl->mss - (c->tu.v6 ? 20 : 0);
  for (guint i = 0; i < 2; i++)
    {
      c->ep[i].peer_wscale = c->ep[!i].wscale;
      c->ep[i].mss = MIN (c->ep[0].mss_opt, c->ep[1].mss_opt) - 12;
      c->ep[i].cwnd = 10u * c->ep[i].mss;
    }

  /* The path.  The capture point is a tap on the server's uplink, a few
   * tens of microseconds from the server; the client is about rtt/2 away.
   * Client paths lose what the clients send before it is captured and what
   * the server sends after; a busy top-of-rack switch now and then drops
   * the server's segments before the tap. */
  rtt_us = cl->rtt_ms * 1000.0 * rng_uniform (r, 0.9, 1.1);
  down = cl->down_mbps;
  up = down * rng_uniform (r, 0.2, 1.0);
  c->pre_delay[0] = (gint64)(rtt_us / 2);
  c->post_delay[0] = 15 + rng_below (r, 60);
  c->pre_delay[1] = 15 + rng_below (r, 60);
  c->post_delay[1] = (gint64)(rtt_us / 2);
  c->pre_us_per_byte[0] = us_per_byte (up);
  c->post_us_per_byte[0] = us_per_byte (10000);
  c->pre_us_per_byte[1] = us_per_byte (10000);
  c->post_us_per_byte[1] = us_per_byte (down);
  c->loss_pre[0] = cl->loss;
  c->loss_post[1] = cl->loss;
  c->loss_post[0] = 1e-5;
  c->loss_pre[1] = rng_chance (r, 0.2) ? rng_uniform (r, 0.001, 0.005) : 0;
  c->burst = 0.25;
  c->reorder_pre[0] = cl->reorder;
  c->reorder_post[1] = cl->reorder;

  conn_setup_workload (sim, c);

  if (sim->single)
    {
      /* One web connection long enough for every packet: responses of a
       * few megabytes each, a little more data than the packets need. */
      c->kind = KIND_WEB;
      c->syn_drops = 0;
      c->upload_ex = G_MAXUINT;
      c->close_mode = CLOSE_CLIENT_FIN;
      c->bytes_left = (guint64)((double) sim->target_packets / 1.55 * 1400 * 1.5) + 100000;
      c->n_ex = (guint)(c->bytes_left / 3000000) + 2 + (c->app == APP_TLS ? 1 : 0);
    }

  c->ep[0].app_act = ACT_CONNECT;
  c->ep[0].app_at = start;
  c->key = start;
  return c;
}

static void
sim_finish_conn (Sim  *sim,
                 Conn *c)
{
  /* Now and then a client opens the next connection from the same port. */
  if (!sim->single && c->kind != KIND_REFUSED && rng_chance (&sim->rng, 0.02))
    {
      gint64 start = sim->now + (gint64)(rng_uniform (&sim->rng, 0.01, 2.0) * USEC_PER_SEC);
      Conn *next = sim_new_conn (sim, start, c);

      heap_push (sim, next);
    }
  g_free (c->q);
  g_free (c);
}

gboolean
run_simulation (const char  *path,
                gboolean     pcapng,
                guint32      snaplen,
                guint64      packets,
                guint64      conns,
                guint64      seed,
                gboolean     verbose,
                GError     **error)
{
  Sim sim;
  Writer w;
  gint64 t0 = g_get_monotonic_time ();

  g_assert (path != NULL);
  g_assert (packets > 0);
  g_assert (snaplen == 0 || snaplen >= 64);

  memset (&sim, 0, sizeof sim);
  rng_init (&sim.rng, seed);
  payload_init (seed);
  if (!writer_open (&w, path, pcapng, snaplen, error))
    return FALSE;

  sim.w = &w;
  sim.target_packets = packets;
  sim.target_conns = MAX (conns, 1);
  sim.single = sim.target_conns == 1;
  sim.mean_budget = MAX (packets / sim.target_conns, 12);
  /* About 20 000 packets per second, whatever the connection size. */
  sim.arrival_mean = (double) sim.mean_budget / 20000.0 * USEC_PER_SEC;
  sim.next_arrival = 0;

  while (w.packets < packets && !w.failed)
    {
      Conn *top = sim.heap_len ? sim.heap[0] : NULL;

      /* Clients keep arriving until the capture is long enough (with a
       * single connection, one client and no more). */
      if (top == NULL && sim.single && sim.spawned > 0)
        break;
      if (top == NULL || sim.next_arrival <= top->key)
        {
          Conn *c;

          sim.now = sim.next_arrival;
          c = sim_new_conn (&sim, sim.next_arrival, NULL);
          heap_push (&sim, c);
          if (sim.single)
            sim.next_arrival = NEVER;
          else
            sim.next_arrival += (gint64) MAX (1.0, rng_exp (&sim.rng, sim.arrival_mean));
          continue;
        }
      conn_step (&sim, top);
      top->key = conn_next_time (top);
      if (top->key == NEVER)
        {
          heap_remove_top (&sim);
          sim_finish_conn (&sim, top);
        }
      else
        heap_sift_down (&sim, 0);
    }

  if (verbose)
    {
      double secs = (g_get_monotonic_time () - t0) / 1e6;

      g_printerr ("hs-gen-capture: %" G_GUINT64_FORMAT " packets, %" G_GUINT64_FORMAT
                  " bytes, %" G_GUINT64_FORMAT " connections (%" G_GUINT64_FORMAT
                  " port reuses), %.1f s of traffic, at most %u open; %.2f s\n",
                  w.packets, w.bytes, sim.spawned, sim.reused, sim.now / 1e6,
                  sim.max_active, secs);
    }

  for (guint i = 0; i < sim.heap_len; i++)
    {
      g_free (sim.heap[i]->q);
      g_free (sim.heap[i]);
    }
  g_free (sim.heap);

  return writer_close (&w, error);
}
