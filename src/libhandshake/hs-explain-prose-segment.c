/* hs-explain-prose-segment.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The explanation of what a segment does in the connection: handshake
 * step (SYN), reset, teardown step (FIN), ACK, data. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hs-explain-prose-private.h"

/* "MSS 1,460 bytes, window scale 7 (windows ×128), SACK and timestamps",
 * from the packet's bytes; NULL without them. */
static char *
syn_options_text (Explain *e)
{
  const HsDecodedPacket *dec = &e->d.dec;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  GString *str;
  guint i;

  if (!e->d.ok || !dec->has_tcp_header)
    return NULL;

  if (dec->has_mss)
    g_ptr_array_add (items, g_strdup_printf (_("MSS %s"), count_bytes (e->pool, dec->mss)));
  if (dec->has_wscale)
    g_ptr_array_add (items, g_strdup_printf (_("window scale %u (windows ×%s)"), dec->wscale,
                                             count (e->pool, 1u << MIN (dec->wscale, 14))));
  if (dec->sack_permitted)
    g_ptr_array_add (items, g_strdup (_("SACK")));
  if (dec->has_timestamps)
    g_ptr_array_add (items, g_strdup (_("timestamps")));
  if (dec->has_tfo)
    g_ptr_array_add (items, g_strdup (_("TCP Fast Open")));
  if (dec->has_mptcp)
    g_ptr_array_add (items, g_strdup (_("Multipath TCP")));

  if (items->len == 0)
    return g_strdup (_("It offers no TCP options."));

  str = g_string_new (g_ptr_array_index (items, 0));
  for (i = 1; i < items->len; i++)
    {
      const char *item = g_ptr_array_index (items, i);

      if (i + 1 == items->len)
        /* Translators: before the last item of a list: "MSS 1,460 bytes, SACK and timestamps" */
        g_string_append_printf (str, _(" and %s"), item);
      else
        g_string_append_printf (str, _(", %s"), item);
    }

  {
    g_autofree char *list = g_string_free (str, FALSE);

    return g_strdup_printf (_("It offers %s."), list);
  }
}

void
_hs_explain_syn (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  guint dir = rec->direction;
  g_autofree char *options = syn_options_text (e);
  char *text;

  g_assert (e != NULL);
  g_assert (e->st.conn != NULL);

  if (!(rec->tcp_flags & HS_TCP_ACK))
    {
      text = g_strdup_printf (_("First step of the three-way handshake: %s asks %s to open a "
                                "connection to port %u and announces its initial sequence "
                                "number (%u; shown as relative sequence number 0). The SYN "
                                "itself takes one sequence number, so the data will start at "
                                "relative byte 1."),
                              e->addr[dir], e->addr[!dir], e->st.conn->endpoint[!dir].port,
                              rec->seq);
    }
  else
    {
      text = g_strdup_printf (_("Second step of the three-way handshake: %s accepts the "
                                "connection. It acknowledges the SYN with Ack=%u (the SYN took "
                                "one sequence number) and announces its own initial sequence "
                                "number (%u; shown as relative sequence number 0)."),
                              e->addr[dir], e->rack, rec->seq);
    }

  if (options != NULL)
    text = _hs_join_sentences (text, options);

  /* options only one side offered */
  if ((rec->tcp_flags & HS_TCP_ACK) && e->d.ok && e->d.dec.has_tcp_header)
    {
      const HsEndpoint *peer = &e->st.conn->endpoint[!dir];

      if (peer->syn_seen && peer->has_wscale != e->d.dec.has_wscale)
        text = _hs_join_sentences (text, _("Only one side offered window scaling, so neither side "
                                           "scales its window."));
      if (peer->syn_seen && peer->sack_permitted != e->d.dec.sack_permitted)
        text = _hs_join_sentences (text, _("Only one side offered SACK, so it is not used."));
    }

  para (e, text);
}

/* Whether this RST answers the peer's SYN (the packet before it): a
 * refused connection. */
gboolean
_hs_rst_refuses_syn (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  const HsPacketRecord *prev = e->st.pos > 0 ? stream_record (&e->st, e->st.pos - 1) : NULL;

  return (rec->tcp_flags & HS_TCP_RST) && prev != NULL && prev->direction != rec->direction &&
         (prev->tcp_flags & (HS_TCP_SYN | HS_TCP_ACK)) == HS_TCP_SYN;
}

void
_hs_explain_rst (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  guint dir = rec->direction;
  const HsPacketRecord *prev = e->st.pos > 0 ? stream_record (&e->st, e->st.pos - 1) : NULL;

  g_assert (e != NULL);
  g_assert (e->st.conn != NULL);

  if (_hs_rst_refuses_syn (e))
    {
      para (e, g_strdup_printf (_("Reset: %s refuses the connection. Nothing accepts "
                                  "connections on port %u there (or a firewall rejects them), "
                                  "so it answers the SYN of frame %u with a RST, and the "
                                  "connection attempt ends here."),
                                e->addr[dir], e->st.conn->endpoint[dir].port,
                                frame_of (e, e->st.pos - 1)));
      return;
    }

  /* the SYN/ACK of a connection this side does not know (RFC 9293 3.10.7.4) */
  if (prev != NULL && prev->direction != dir &&
      (prev->tcp_flags & (HS_TCP_SYN | HS_TCP_ACK)) == (HS_TCP_SYN | HS_TCP_ACK) &&
      hs_packet_record_receiver_state (rec) == HS_TCP_STATE_LISTEN)
    {
      para (e, g_strdup_printf (_("Reset: %s answers the SYN/ACK of frame %u with a RST: it has "
                                  "no connection attempt this SYN/ACK belongs to (it did not "
                                  "send that SYN, or it has given up on it). %s, which was "
                                  "waiting in SYN-RECEIVED for the last step of the handshake, "
                                  "drops the half-open connection and goes back to LISTEN."),
                                e->who[dir], frame_of (e, e->st.pos - 1), e->Who[!dir]));
      return;
    }

  para (e, g_strdup_printf (_("Reset (RST): %s aborts the connection at once. Unlike a FIN, a "
                              "RST does not wait for data to be delivered or acknowledged: "
                              "both sides forget the connection immediately and data still "
                              "in flight is lost. Typical causes: the application closed the "
                              "connection while unread data was waiting, a timeout, or a "
                              "segment for a connection this host does not know."),
                            e->who[dir]));
}

/* The stream position of the first FIN of the connection, G_MAXUINT if none. */
static guint
stream_first_fin (const Stream *st)
{
  guint i;

  for (i = 0; i <= st->pos && i < SEARCH_LIMIT; i++)
    {
      const HsPacketRecord *r = stream_record (st, i);

      if (r->decode_status == HS_DECODE_TCP && (r->tcp_flags & HS_TCP_FIN))
        return i;
    }

  return G_MAXUINT;
}

void
_hs_explain_fin (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  guint dir = rec->direction;
  HsTcpState state = hs_packet_record_sender_state (rec);
  guint peer_fin = _hs_stream_find_prev (&e->st, !dir, 0, HS_TCP_FIN);

  g_assert (e != NULL);
  g_assert (e->st.conn != NULL);

  if (state == HS_TCP_STATE_FIN_WAIT_1)
    {
      para (e, g_strdup_printf (_("First FIN: %s has no more data to send and starts closing "
                                  "the connection; it moves to FIN-WAIT-1. %s may still send "
                                  "data until it closes its side with a FIN too."),
                                e->who[dir], e->Who[!dir]));
      return;
    }

  if (state == HS_TCP_STATE_LAST_ACK && peer_fin != G_MAXUINT)
    {
      guint32 fin_end = segment_end (stream_record (&e->st, peer_fin));
      gboolean acked_before = FALSE;
      guint i;

      for (i = peer_fin + 1; i < e->st.pos; i++)
        {
          const HsPacketRecord *r = stream_record (&e->st, i);

          if (r->direction == dir && (r->tcp_flags & HS_TCP_ACK) && SEQ_LE (fin_end, r->ack))
            {
              acked_before = TRUE;
              break;
            }
        }

      if (acked_before)
        para (e, g_strdup_printf (_("Second FIN: %s, which already acknowledged the FIN of "
                                    "frame %u, has no more data to send either and closes its "
                                    "side; it moves to LAST-ACK and waits for the last ACK. "
                                    "This is the third packet of a four-packet teardown."),
                                  e->who[dir], frame_of (e, peer_fin)));
      else
        para (e, g_strdup_printf (_("Second FIN, together with the ACK of the FIN of frame "
                                    "%u: %s has no more data to send either and closes its "
                                    "side; it moves to LAST-ACK and waits for the last ACK. "
                                    "Because one packet carries both the ACK and the FIN, this "
                                    "teardown takes three packets instead of four."),
                                  frame_of (e, peer_fin), e->who[dir]));
      return;
    }

  if (state == HS_TCP_STATE_CLOSING)
    {
      para (e, g_strdup_printf (_("FIN: %s closes its side while its own FIN crosses the FIN "
                                  "of %s: both sides close at the same time (simultaneous "
                                  "close), and %s moves to CLOSING."),
                                e->who[dir], e->who[!dir], e->who[dir]));
      return;
    }

  para (e, g_strdup_printf (_("FIN: %s has no more data to send."), e->who[dir]));
}

/* Sentence about the frame an ACK acknowledges, or NULL. */
static char *
acked_frame_text (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  const HsPacketRecord *acked;
  guint n = hs_capture_get_n_packets (e->st.capture);

  if (rec->related_frame == HS_NO_FRAME || rec->related_frame > n ||
      (rec->analysis & HS_ANALYSIS_DUPLICATE_ACK))
    return NULL;

  acked = hs_capture_get_record (e->st.capture, rec->related_frame - 1);

  return g_strdup_printf (_("frame %u carried the last of them, RTT %s"), rec->related_frame,
                          duration (e->pool, rec->ts_ns - acked->ts_ns));
}

static char *
window_text (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;

  if (rec->win_scale_state == 1 && rec->window != 0)
    return g_strdup_printf (_("Its window field is %s; the scale factor is unknown because the "
                              "handshake was not captured, so the real window may be larger."),
                            count (e->pool, rec->window));

  return g_strdup_printf (_("Its window says it can receive %s more."),
                          count_bytes (e->pool, hs_packet_record_window (rec)));
}

/* The number of packets from the first FIN to this one, when all of them
 * are part of the teardown (no data); 0 otherwise. */
static guint
teardown_packets (Explain *e)
{
  guint first = stream_first_fin (&e->st);
  guint i;

  if (first == G_MAXUINT || first > e->st.pos)
    return 0;

  for (i = first; i <= e->st.pos; i++)
    {
      const HsPacketRecord *r = stream_record (&e->st, i);

      if (r->payload_len > 0 || (r->tcp_flags & (HS_TCP_RST | HS_TCP_SYN)) ||
          (r->analysis & RETRANSMISSION_FAMILY))
        return 0;
    }

  return e->st.pos - first + 1;
}

void
_hs_explain_ack (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  guint dir = rec->direction;
  const HsPacketRecord *acked = NULL;
  HsTcpState state = hs_packet_record_sender_state (rec);
  g_autofree char *window = NULL;
  g_autofree char *frame = NULL;

  g_assert (e != NULL);
  g_assert (e->st.conn != NULL);

  if (rec->related_frame != HS_NO_FRAME &&
      rec->related_frame <= hs_capture_get_n_packets (e->st.capture) &&
      !(rec->analysis & HS_ANALYSIS_DUPLICATE_ACK))
    acked = hs_capture_get_record (e->st.capture, rec->related_frame - 1);

  if (acked != NULL && (acked->tcp_flags & (HS_TCP_SYN | HS_TCP_ACK)) == (HS_TCP_SYN | HS_TCP_ACK))
    {
      para (e, g_strdup_printf (_("Third step of the three-way handshake: %s acknowledges the "
                                  "SYN/ACK of frame %u (Ack=%u). The connection is now "
                                  "established and both sides can send data."),
                                e->addr[dir], rec->related_frame, e->rack));
      return;
    }

  if (state == HS_TCP_STATE_TIME_WAIT && (acked == NULL || (acked->tcp_flags & HS_TCP_FIN)))
    {
      guint n = teardown_packets (e);
      guint fin = _hs_stream_find_prev (&e->st, !dir, 0, HS_TCP_FIN);
      char *text;

      if (fin != G_MAXUINT)
        text = g_strdup_printf (_("Last packet of the teardown: %s acknowledges the FIN of frame "
                                  "%u and moves to TIME-WAIT. It waits there for twice the "
                                  "maximum segment lifetime (2 MSL), so that it can repeat this "
                                  "ACK if it gets lost; %s closes as soon as the ACK arrives."),
                                e->who[dir], frame_of (e, fin), e->who[!dir]);
      else
        text = g_strdup_printf (_("Last packet of the teardown: %s acknowledges the FIN of %s "
                                  "and moves to TIME-WAIT."), e->who[dir], e->who[!dir]);
      para (e, text);

      if (n == 3)
        para (e, g_strdup (_("This teardown took three packets (FIN, FIN+ACK, ACK): the second "
                             "side acknowledged the first FIN and sent its own in one packet.")));
      else if (n == 4)
        para (e, g_strdup (_("This teardown took the classic four packets: FIN, ACK, FIN, "
                             "ACK.")));
      return;
    }

  if (state == HS_TCP_STATE_CLOSE_WAIT && acked != NULL && (acked->tcp_flags & HS_TCP_FIN))
    {
      para (e, g_strdup_printf (_("Acknowledges the FIN of frame %u: %s knows now that %s has "
                                  "finished sending and moves to CLOSE-WAIT, and %s moves to "
                                  "FIN-WAIT-2. %s may still send data before it closes its own "
                                  "side with a FIN."),
                                rec->related_frame, e->who[dir], e->who[!dir], e->who[!dir],
                                e->Who[dir]));
      return;
    }

  if (acked != NULL && (acked->tcp_flags & HS_TCP_FIN) && acked->payload_len == 0)
    {
      para (e, g_strdup_printf (_("Acknowledges the FIN of frame %u."), rec->related_frame));
      return;
    }

  /* the flags with a paragraph of their own say what such an ACK means */
  if (rec->analysis & (HS_ANALYSIS_DUPLICATE_ACK | HS_ANALYSIS_WINDOW_UPDATE |
                       HS_ANALYSIS_KEEP_ALIVE_ACK | HS_ANALYSIS_ZERO_WINDOW_PROBE_ACK |
                       HS_ANALYSIS_KEEP_ALIVE))
    return;

  window = window_text (e);
  frame = acked_frame_text (e);
  if (frame != NULL)
    para (e, g_strdup_printf (_("Acknowledges everything up to byte %u: %s has received all "
                                "bytes before it (%s). %s"),
                              e->rack, e->who[dir], frame, window));
  else
    para (e, g_strdup_printf (_("Acknowledges everything up to byte %u: %s has received all "
                                "bytes before it. %s"),
                              e->rack, e->who[dir], window));
}

void
_hs_explain_data (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  guint dir = rec->direction;
  guint32 bif = hs_packet_record_bytes_in_flight (rec);
  GString *str = g_string_new (NULL);

  /* a SYN's data starts one past its sequence number */
  guint32 first = e->rseq + ((rec->tcp_flags & HS_TCP_SYN) ? 1 : 0);

  g_assert (e != NULL);
  g_assert (e->st.conn != NULL);

  g_string_append_printf (str, _("Data: %s from %s, bytes %u–%u of its byte stream (relative "
                                 "sequence numbers)."),
                          count_bytes (e->pool, rec->payload_len), e->who[dir],
                          first, first + rec->payload_len - 1);

  if (e->d.ok && e->d.payload != NULL && e->d.payload_captured > 0)
    {
      g_autofree char *summary = hs_decode_app_summary (e->d.payload, e->d.payload_captured);

      if (summary != NULL)
        {
          _hs_append_sentence_space (str);
          switch (hs_decode_app_tag (e->d.payload, e->d.payload_captured))
            {
            case HS_APP_HTTP_REQUEST:
              g_string_append_printf (str, _("The payload is an HTTP request: %s."), summary);
              break;
            case HS_APP_HTTP_RESPONSE:
              g_string_append_printf (str, _("The payload is an HTTP response: %s."), summary);
              break;
            default:
              /* "TLS Client Hello" */
              g_string_append_printf (str, _("The payload is %s."), summary);
              break;
            }
        }
      else
        {
          /* the rest of an HTTP message that began in an earlier segment */
          g_autoptr(GString) line = g_string_new (NULL);
          guint start = G_MAXUINT;
          AppInfo part = _hs_http_continuation (&e->st, line, &start);

          if ((part == APP_SET || part == APP_CONTINUED) && start != G_MAXUINT)
            {
              gboolean response = stream_record (&e->st, start)->app == HS_APP_HTTP_RESPONSE;

              _hs_append_sentence_space (str);
              if (part == APP_SET && response)
                g_string_append_printf (str, _("It completes the HTTP response that began in "
                                               "frame %u."), frame_of (e, start));
              else if (part == APP_SET)
                g_string_append_printf (str, _("It completes the HTTP request that began in "
                                               "frame %u."), frame_of (e, start));
              else if (response)
                g_string_append_printf (str, _("It continues the HTTP response that began in "
                                               "frame %u."), frame_of (e, start));
              else
                g_string_append_printf (str, _("It continues the HTTP request that began in "
                                               "frame %u."), frame_of (e, start));
            }
        }
    }

  if (bif > 0)
    {
      _hs_append_sentence_space (str);
      g_string_append_printf (str, _("%s are now in flight: sent by %s but not yet "
                                     "acknowledged."),
                              count_bytes (e->pool, bif), e->who[dir]);
    }

  if (rec->tcp_flags & HS_TCP_ACK)
    {
      g_autofree char *frame = acked_frame_text (e);

      if (frame != NULL)
        {
          _hs_append_sentence_space (str);
          g_string_append_printf (str, _("It also acknowledges everything up to byte %u (%s)."),
                                  e->rack, frame);
        }
    }

  para (e, g_string_free (str, FALSE));
}
