/* hs-tcp-tracker-state.c
 *
 * The per-side RFC 9293 state, Zeek's conn_state, and the names and
 * descriptions of states and analysis flags.
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

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hs-tcp-tracker-private.h"

/* ------------------------------------------------------------------------ */
/* RFC 9293 state inference                                                  */

HsTcpState
_hs_tcp_side_state (const HsSide *e,
                    const HsSide *p)
{
  if (!e->seen)
    return HS_TCP_STATE_UNKNOWN;

  /* RFC 9293 3.10.7.4: a RST closes the connection on both sides, except
   * that a passively opened side still in SYN-RECEIVED returns to LISTEN;
   * a side that refused a SYN with a RST never left CLOSED */
  if (e->rst_sent || e->rst_got)
    {
      if (!e->rst_sent && e->sent_synack && !e->sent_syn && !e->syn_acked && !e->sent_other)
        return HS_TCP_STATE_LISTEN;
      return HS_TCP_STATE_CLOSED;
    }

  if (e->fin_sent)
    {
      if (p->fin_sent)
        {
          if (e->active_close)
            return e->fin_acked ? HS_TCP_STATE_TIME_WAIT : HS_TCP_STATE_CLOSING;
          return e->fin_acked ? HS_TCP_STATE_CLOSED : HS_TCP_STATE_LAST_ACK;
        }
      return e->fin_acked ? HS_TCP_STATE_FIN_WAIT_2 : HS_TCP_STATE_FIN_WAIT_1;
    }

  if (p->fin_sent)
    return HS_TCP_STATE_CLOSE_WAIT;

  if (e->sent_synack)
    return (e->syn_acked || e->sent_other) ? HS_TCP_STATE_ESTABLISHED
                                           : HS_TCP_STATE_SYN_RECEIVED;

  if (e->sent_syn)
    {
      if (p->sent_synack || e->syn_acked || e->sent_nonsyn_ack)
        return HS_TCP_STATE_ESTABLISHED;
      if (p->sent_syn)
        return HS_TCP_STATE_SYN_RECEIVED;   /* simultaneous open */
      return HS_TCP_STATE_SYN_SENT;
    }

  /* picked up mid-stream: it sends, so it is connected */
  return HS_TCP_STATE_ESTABLISHED;
}

void
_hs_tcp_sides_update (HsSide  *s,
                      HsSide  *r,
                      guint16  flags,
                      guint32  seq,
                      guint32  ack,
                      guint32  seglen)
{
  if (flags & HS_TCP_SYN)
    {
      HsTcpState cur = _hs_tcp_side_state (s, r);

      /* A SYN from a side that was past the handshake starts a new
       * incarnation of the connection on the same ports (same stream in
       * Wireshark 4.0 when the ISN is reused): forget both sides. */
      if (cur != HS_TCP_STATE_UNKNOWN &&
          cur != HS_TCP_STATE_SYN_SENT &&
          cur != HS_TCP_STATE_SYN_RECEIVED &&
          !(cur == HS_TCP_STATE_ESTABLISHED && (flags & HS_TCP_ACK)))
        {
          memset (s, 0, sizeof *s);
          memset (r, 0, sizeof *r);
        }

      if (flags & HS_TCP_ACK)
        s->sent_synack = TRUE;
      else
        s->sent_syn = TRUE;
      s->syn_seq = seq;
    }

  s->seen = TRUE;
  if (!(flags & (HS_TCP_SYN | HS_TCP_RST)))
    s->sent_other = TRUE;
  if (!(flags & HS_TCP_SYN) && (flags & HS_TCP_ACK))
    s->sent_nonsyn_ack = TRUE;

  /* what the peer's SYN and FIN got acknowledged by (a RST aborts instead) */
  if ((flags & (HS_TCP_ACK | HS_TCP_RST)) == HS_TCP_ACK)
    {
      if ((r->sent_syn || r->sent_synack) && GE_SEQ (ack, r->syn_seq + 1))
        r->syn_acked = TRUE;
      if (r->fin_sent && GE_SEQ (ack, r->fin_seq + 1))
        r->fin_acked = TRUE;
    }

  if (flags & HS_TCP_FIN)
    {
      if (!s->fin_sent)
        {
          s->fin_sent = TRUE;
          s->active_close = !(r->fin_sent &&
                              (flags & HS_TCP_ACK) &&
                              GE_SEQ (ack, r->fin_seq + 1));
        }
      s->fin_seq = seq + seglen + ((flags & HS_TCP_SYN) ? 1 : 0);
    }

  if (flags & HS_TCP_RST)
    {
      s->rst_sent = TRUE;
      r->rst_got = TRUE;
    }
}

/* Zeek's endpoint states, from what a side sent. */
typedef enum
{
  ZEEK_INACTIVE,
  ZEEK_SYN_SENT,
  ZEEK_SYN_ACK_SENT,
  ZEEK_PARTIAL,
  ZEEK_ESTABLISHED,
  ZEEK_CLOSED,
  ZEEK_RESET,
} ZeekState;

static ZeekState
zeek_state (const HsSide *e,
            const HsSide *p)
{
  if (e->rst_sent)
    return ZEEK_RESET;
  if (e->fin_sent)
    return ZEEK_CLOSED;
  if (e->sent_synack)
    return (e->syn_acked || e->sent_other) ? ZEEK_ESTABLISHED : ZEEK_SYN_ACK_SENT;
  if (e->sent_syn)
    return (p->sent_synack || e->syn_acked || e->sent_nonsyn_ack) ? ZEEK_ESTABLISHED
                                                                 : ZEEK_SYN_SENT;
  if (e->seen)
    return ZEEK_PARTIAL;
  return ZEEK_INACTIVE;
}

/* Zeek's conn_state() (base/protocols/conn/main.zeek) over our endpoint
 * summaries. */
HsConnState
_hs_tcp_conn_state_of (const HsConnection *conn,
                       const HsTrack      *track)
{
  guint o = track->first_was_synack ? 1 : 0;
  const HsSide *orig = &track->flow[o].side;
  const HsSide *resp = &track->flow[!o].side;
  ZeekState os = zeek_state (orig, resp);
  ZeekState rs = zeek_state (resp, orig);
  gboolean o_inactive = os == ZEEK_INACTIVE || os == ZEEK_PARTIAL;
  gboolean r_inactive = rs == ZEEK_INACTIVE || rs == ZEEK_PARTIAL;

  if (rs == ZEEK_RESET)
    {
      if (os == ZEEK_SYN_SENT || os == ZEEK_SYN_ACK_SENT ||
          (os == ZEEK_RESET &&
           conn->endpoint[o].bytes == 0 && conn->endpoint[!o].bytes == 0))
        return HS_CONN_REJ;
      if (o_inactive)
        return HS_CONN_RSTRH;
      return HS_CONN_RSTR;
    }
  if (os == ZEEK_RESET)
    {
      if (r_inactive)
        {
          /* history S...R with nothing else from the originator */
          if (orig->sent_syn && !orig->sent_synack && !orig->sent_other)
            return HS_CONN_RSTOS0;
          return HS_CONN_OTH;
        }
      return HS_CONN_RSTO;
    }
  if (rs == ZEEK_CLOSED && os == ZEEK_CLOSED)
    return HS_CONN_SF;
  if (os == ZEEK_CLOSED)
    return r_inactive ? HS_CONN_SH : HS_CONN_S2;
  if (rs == ZEEK_CLOSED)
    return o_inactive ? HS_CONN_SHR : HS_CONN_S3;
  if (os == ZEEK_SYN_SENT && rs == ZEEK_INACTIVE)
    return HS_CONN_S0;
  if (os == ZEEK_ESTABLISHED && rs == ZEEK_ESTABLISHED)
    return HS_CONN_S1;
  return HS_CONN_OTH;
}
/* ------------------------------------------------------------------------ */
/* Names and descriptions                                                    */

const char *
hs_tcp_state_to_string (HsTcpState state)
{
  switch (state)
    {
    case HS_TCP_STATE_UNKNOWN:      return "UNKNOWN";
    case HS_TCP_STATE_CLOSED:       return "CLOSED";
    case HS_TCP_STATE_LISTEN:       return "LISTEN";
    case HS_TCP_STATE_SYN_SENT:     return "SYN-SENT";
    case HS_TCP_STATE_SYN_RECEIVED: return "SYN-RECEIVED";
    case HS_TCP_STATE_ESTABLISHED:  return "ESTABLISHED";
    case HS_TCP_STATE_FIN_WAIT_1:   return "FIN-WAIT-1";
    case HS_TCP_STATE_FIN_WAIT_2:   return "FIN-WAIT-2";
    case HS_TCP_STATE_CLOSING:      return "CLOSING";
    case HS_TCP_STATE_TIME_WAIT:    return "TIME-WAIT";
    case HS_TCP_STATE_CLOSE_WAIT:   return "CLOSE-WAIT";
    case HS_TCP_STATE_LAST_ACK:     return "LAST-ACK";
    default:                        return "UNKNOWN";
    }
}

const char *
hs_conn_state_to_string (HsConnState state)
{
  switch (state)
    {
    case HS_CONN_OTH:    return "OTH";
    case HS_CONN_S0:     return "S0";
    case HS_CONN_S1:     return "S1";
    case HS_CONN_SF:     return "SF";
    case HS_CONN_REJ:    return "REJ";
    case HS_CONN_S2:     return "S2";
    case HS_CONN_S3:     return "S3";
    case HS_CONN_RSTO:   return "RSTO";
    case HS_CONN_RSTR:   return "RSTR";
    case HS_CONN_RSTOS0: return "RSTOS0";
    case HS_CONN_RSTRH:  return "RSTRH";
    case HS_CONN_SH:     return "SH";
    case HS_CONN_SHR:    return "SHR";
    default:             return "OTH";
    }
}

char *
hs_connection_dup_endpoint (const HsConnection *conn,
                            guint               side)
{
  const HsEndpoint *ep;
  g_autofree char *addr = NULL;

  g_return_val_if_fail (conn != NULL, NULL);
  g_return_val_if_fail (side < 2, NULL);

  ep = &conn->endpoint[side];
  addr = hs_format_address (conn->ip_version, ep->addr);
  if (conn->ip_version == 6)
    return g_strdup_printf ("[%s]:%u", addr, (guint) ep->port);
  return g_strdup_printf ("%s:%u", addr, (guint) ep->port);
}

const char *
hs_conn_state_describe (HsConnState state)
{
  switch (state)
    {
    case HS_CONN_OTH:    return _("Picked up mid-stream");
    case HS_CONN_S0:     return _("Connection attempt, no reply");
    case HS_CONN_S1:     return _("Still open");
    case HS_CONN_SF:     return _("Closed normally (FIN both ways)");
    case HS_CONN_REJ:    return _("Connection refused (SYN answered by RST)");
    case HS_CONN_S2:     return _("Closed by the client, no FIN from the server");
    case HS_CONN_S3:     return _("Closed by the server, no FIN from the client");
    case HS_CONN_RSTO:   return _("Reset by the client");
    case HS_CONN_RSTR:   return _("Reset by the server");
    case HS_CONN_RSTOS0: return _("Client sent SYN then RST, no reply");
    case HS_CONN_RSTRH:  return _("Server sent SYN/ACK then RST, no SYN seen");
    case HS_CONN_SH:     return _("Client sent SYN then FIN, no reply");
    case HS_CONN_SHR:    return _("Server sent SYN/ACK then FIN, no SYN seen");
    default:             return _("Picked up mid-stream");
    }
}

static guint
flag_index (HsAnalysisFlags flag)
{
  guint i;

  for (i = 0; i < HS_ANALYSIS_N_FLAGS; i++)
    {
      if ((guint)flag == (1u << i))
        return i;
    }

  return G_MAXUINT;
}

const char *
hs_analysis_flag_name (HsAnalysisFlags flag)
{
  static const char * const names[] = {
    "ack_lost_segment",
    "duplicate_ack",
    "fast_retransmission",
    "keep_alive",
    "keep_alive_ack",
    "lost_segment",
    "out_of_order",
    "retransmission",
    "reused_ports",
    "spurious_retransmission",
    "window_full",
    "window_update",
    "zero_window",
    "zero_window_probe",
    "zero_window_probe_ack",
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (names) == HS_ANALYSIS_N_FLAGS);
  guint i = flag_index (flag);

  return i < HS_ANALYSIS_N_FLAGS ? names[i] : NULL;
}

const char *
hs_analysis_flag_label (HsAnalysisFlags flag)
{
  static const char * const labels[] = {
    N_("TCP ACKed unseen segment"),
    N_("TCP Dup ACK"),
    N_("TCP Fast Retransmission"),
    N_("TCP Keep-Alive"),
    N_("TCP Keep-Alive ACK"),
    N_("TCP Previous segment not captured"),
    N_("TCP Out-Of-Order"),
    N_("TCP Retransmission"),
    N_("TCP Port numbers reused"),
    N_("TCP Spurious Retransmission"),
    N_("TCP Window Full"),
    N_("TCP Window Update"),
    N_("TCP ZeroWindow"),
    N_("TCP ZeroWindowProbe"),
    N_("TCP ZeroWindowProbeAck"),
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (labels) == HS_ANALYSIS_N_FLAGS);
  guint i = flag_index (flag);

  return i < HS_ANALYSIS_N_FLAGS ? _(labels[i]) : NULL;
}
