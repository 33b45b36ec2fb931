/* hs-explain-prose.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The plain-language explanation of a packet: the paragraphs' common
 * ground, the states line, the problems and the order in which the parts
 * (hs-explain-prose-segment.c, hs-explain-prose-anomaly.c) are written. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hs-explain-prose-private.h"

/* ------------------------------------------------------------------------ */
/* The explanation                                                           */

static void
explain_init (Explain   *e,
              HsCapture *capture,
              guint      index,
              GBytes    *bytes)
{
  const HsConnection *conn;
  int client;
  guint dir;

  memset (e, 0, sizeof *e);
  e->pool = g_ptr_array_new_with_free_func (g_free);
  e->paras = g_ptr_array_new_with_free_func (g_free);
  _hs_decoded_init (&e->d, capture, index, bytes);

  if (!_hs_stream_init (&e->st, capture, index))
    return;

  conn = e->st.conn;
  client = _hs_stream_client_dir (&e->st);

  for (dir = 0; dir < 2; dir++)
    {
      e->addr[dir] = keep (e->pool, hs_format_address (conn->ip_version,
                                                       conn->endpoint[dir].addr));
      e->base[dir] = _hs_stream_base (&e->st, dir);

      if (client >= 0)
        {
          gboolean is_client = (int) dir == client;

          e->who[dir] = is_client ? _("the client") : _("the server");
          e->Who[dir] = is_client ? _("The client") : _("The server");
          e->role[dir] = is_client ? _("Client") : _("Server");
        }
      else
        {
          e->who[dir] = keep (e->pool, hs_connection_dup_endpoint (conn, dir));
          e->Who[dir] = e->who[dir];
          e->role[dir] = e->who[dir];
        }
    }

  e->rseq = hs_capture_relative_seq (capture, index);
  e->rack = hs_capture_relative_ack (capture, index);
}

static void
explain_clear (Explain *e)
{
  g_clear_pointer (&e->pool, g_ptr_array_unref);
  g_clear_pointer (&e->paras, g_ptr_array_unref);
}

/* Between two sentences of a paragraph: a space, except after a wide
 * character, such as the full-width punctuation that ends a Chinese
 * sentence ("。", "，", "："), which takes none. */
void
_hs_append_sentence_space (GString *str)
{
  const char *last;

  if (str->len == 0)
    return;

  last = g_utf8_find_prev_char (str->str, str->str + str->len);
  if (last != NULL && g_unichar_iswide (g_utf8_get_char (last)))
    return;

  g_string_append_c (str, ' ');
}

/* `text` (freed) and `more` as one paragraph. */
char *
_hs_join_sentences (char       *text,
                    const char *more)
{
  GString *str = g_string_new (text);

  g_free (text);
  _hs_append_sentence_space (str);
  g_string_append (str, more);

  return g_string_free (str, FALSE);
}

/* "Client: SYN-SENT → ESTABLISHED", a line for each side whose state this
 * packet changes; NULL when it changes none. */
static char *
explain_states (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  const HsPacketRecord *prev = e->st.pos > 0 ? stream_record (&e->st, e->st.pos - 1) : NULL;
  GString *str = g_string_new (NULL);
  gboolean refused = _hs_rst_refuses_syn (e);
  guint order[2];
  guint k;

  /* the client first */
  order[0] = _hs_stream_client_dir (&e->st) == 1 ? 1 : 0;
  order[1] = !order[0];

  for (k = 0; k < 2; k++)
    {
      guint d = order[k];
      HsTcpState before = HS_TCP_STATE_UNKNOWN;
      HsTcpState after;

      if (prev != NULL)
        before = prev->direction == d ? hs_packet_record_sender_state (prev)
                                      : hs_packet_record_receiver_state (prev);
      after = rec->direction == d ? hs_packet_record_sender_state (rec)
                                  : hs_packet_record_receiver_state (rec);

      if (after == before || after == HS_TCP_STATE_UNKNOWN)
        continue;

      /* before its SYN (or SYN/ACK) a side is closed (or listening) */
      if (before == HS_TCP_STATE_UNKNOWN && rec->direction == d &&
          (rec->tcp_flags & HS_TCP_SYN))
        before = (rec->tcp_flags & HS_TCP_ACK) ? HS_TCP_STATE_LISTEN : HS_TCP_STATE_CLOSED;

      if (str->len > 0)
        g_string_append_c (str, '\n');
      if (before == HS_TCP_STATE_UNKNOWN)
        g_string_append_printf (str, _("%s: %s"), e->role[d], hs_tcp_state_to_string (after));
      else
        /* Translators: a side's TCP state change, "Client: SYN-SENT → ESTABLISHED" */
        g_string_append_printf (str, _("%s: %s → %s"), e->role[d],
                                hs_tcp_state_to_string (before),
                                hs_tcp_state_to_string (after));

      /* RFC 9293 has no reset state: say how the side got there */
      if ((rec->tcp_flags & HS_TCP_RST) && refused)
        /* Translators: after a state change, "Client: SYN-SENT → CLOSED (connection refused)" */
        g_string_append (str, _(" (connection refused)"));
      else if (rec->tcp_flags & HS_TCP_RST)
        /* Translators: after a state change, "Client: ESTABLISHED → CLOSED (reset by the
         * server)"; %s is "the server", "the client" or an address and port */
        g_string_append_printf (str, _(" (reset by %s)"), e->who[rec->direction]);
    }

  if (str->len > 0)
    return g_string_free (str, FALSE);

  g_string_free (str, TRUE);
  return NULL;
}

static void
explain_problems (Explain   *e,
                  HsCapture *capture,
                  guint      index)
{
  const HsPacketRecord *rec = hs_capture_get_record (capture, index);

  if (rec->problems & HS_PROBLEM_SNAPLEN_TRUNCATED)
    {
      guint32 orig_len = hs_capture_get_orig_len (capture, index);

      if (e->d.ok)
        para (e, g_strdup_printf (_("Only %s of the %s of this frame were captured (the "
                                    "capture’s snapshot length), so the end of the packet is "
                                    "missing; the lengths shown come from the IP header."),
                                  count (e->pool, e->d.caplen),
                                  count_bytes (e->pool, orig_len)));
      else
        para (e, g_strdup_printf (_("Not all of the %s of this frame were captured (the "
                                    "capture’s snapshot length), so the end of the packet is "
                                    "missing; the lengths shown come from the IP header."),
                                  count_bytes (e->pool, orig_len)));
    }
  if (rec->problems & HS_PROBLEM_BAD_TCP_OPTION)
    para (e, g_strdup (_("A TCP option has an impossible length: the options after it cannot be "
                         "read.")));
  if (hs_packet_record_header_bogus (rec))
    para (e, g_strdup (_("The TCP header length is below the minimum of 20 bytes, so the header "
                         "cannot be read correctly.")));
  if (rec->problems & HS_PROBLEM_BAD_IP_LENGTH)
    para (e, g_strdup (_("The IP header announces more bytes than the frame holds.")));
}

/* The connection (stream) whose addresses and ports a TCP header quoted in
 * an ICMP error has, either way round, or HS_NO_STREAM: the one the
 * tracker gave it (hs_tcp_tracker_add_quoted), when it gave one.  A walk
 * over the connections: for one packet's explanation only. */
static guint
quoted_stream (HsCapture             *capture,
               const HsDecodedPacket *dec)
{
  guint n = hs_capture_get_n_connections (capture);

  if (dec->quoted_tcp_len < 16)
    return HS_NO_STREAM;
  for (guint s = 0; s < n; s++)
    {
      if (_hs_connection_between (hs_capture_get_connection (capture, s), dec->ip_version,
                                  dec->src, dec->sport, dec->dst, dec->dport))
        return s;
    }
  return HS_NO_STREAM;
}

static void
explain_not_tcp (Explain              *e,
                 const HsPacketRecord *rec)
{
  g_autofree char *what = _hs_info_not_tcp (rec, &e->d);

  switch (rec->decode_status)
    {
    case HS_DECODE_FRAGMENT:
      para (e, g_strdup_printf (_("%s: a piece of an IP packet that was split on the way. It "
                                  "does not complete a TCP segment by itself; the frame with "
                                  "the last missing piece shows the rebuilt segment."), what));
      break;

    case HS_DECODE_ICMP_QUOTED:
      {
        guint stream = quoted_stream (e->st.capture, &e->d.dec);

        para (e, g_strdup_printf (_("%s: a router or the destination reports a problem with a "
                                    "TCP segment (for example, that its destination cannot be "
                                    "reached) and quotes the start of it. It is not part of the "
                                    "connection itself."), what));
        if (stream != HS_NO_STREAM &&
            hs_capture_get_connection (e->st.capture, stream)->n_packets > 0)
          para (e, g_strdup_printf (_("It is about connection %u."), stream));
        else if (stream != HS_NO_STREAM)
          para (e, g_strdup_printf (_("The capture has no packet of that connection, but "
                                      "Wireshark gives the quoted header a stream number of its "
                                      "own, %u, so that number is missing from the list of "
                                      "connections."), stream));
      }
      break;

    case HS_DECODE_UNSUPPORTED_LINK:
      para (e, g_strdup_printf (_("%s: Handshake cannot decode this link type, so the packet is "
                                  "listed but not analysed."), what));
      break;

    case HS_DECODE_MALFORMED:
      para (e, g_strdup_printf (_("%s. The packet cannot be decoded as far as TCP, so it is "
                                  "listed but not analysed."), what));
      break;

    case HS_DECODE_NOT_TCP:
    case HS_DECODE_TCP:
    default:
      para (e, g_strdup_printf (_("%s: not a TCP segment, so the packet is listed but not "
                                  "analysed."), what));
      break;
    }
}

/* Explains packet `index` into `e_out`: the caller reads e_out->paras and
 * frees them with explain_clear(); the packet's bytes are gone by then, so
 * nothing else of it may be used.  The states line, when there is one, is
 * the paragraph at *states_para (G_MAXUINT if none). */
static void
explain_run (Explain   *e_out,
             HsCapture *capture,
             guint      index,
             guint     *states_para)
{
  g_autoptr(GBytes) bytes = NULL;
  const HsPacketRecord *rec;
  Explain e;
  guint i;

  *states_para = G_MAXUINT;
  rec = hs_capture_get_record (capture, index);
  /* the bytes add the options, the SACK blocks and the payload summary;
   * without them (file gone) the explanation is a little shorter */
  bytes = hs_capture_read_packet (capture, index, NULL);
  explain_init (&e, capture, index, bytes);

  if (e.st.conn == NULL)
    {
      explain_not_tcp (&e, rec);
    }
  else if (rec->decode_status != HS_DECODE_TCP)
    {
      para (&e, g_strdup (_("This TCP header is malformed: its header length points beyond the "
                            "end of the segment, so the length of the data is unknown and the "
                            "segment is not analysed.")));
    }
  else
    {
      guint a = rec->analysis;

      if (rec->tcp_flags & HS_TCP_RST)
        _hs_explain_rst (&e);
      else if (rec->tcp_flags & HS_TCP_SYN)
        _hs_explain_syn (&e);
      else if (rec->tcp_flags & HS_TCP_FIN)
        _hs_explain_fin (&e);

      if (rec->payload_len > 0 && !(a & (HS_ANALYSIS_ZERO_WINDOW_PROBE | HS_ANALYSIS_KEEP_ALIVE)))
        _hs_explain_data (&e);
      else if (rec->payload_len == 0 &&
               (rec->tcp_flags & (HS_TCP_ACK | HS_TCP_SYN | HS_TCP_FIN | HS_TCP_RST)) ==
               HS_TCP_ACK)
        _hs_explain_ack (&e);

      for (i = 0; i < G_N_ELEMENTS (info_flag_order); i++)
        {
          guint flag = info_flag_order[i];

          if ((a & flag) == 0)
            continue;
          if (flag == RETRANSMISSION_FAMILY)
            flag = retransmission_kind (a);

          switch (flag)
            {
            case HS_ANALYSIS_ZERO_WINDOW_PROBE_ACK:
              _hs_explain_zero_window_probe_ack (&e);
              break;
            case HS_ANALYSIS_ZERO_WINDOW:
              _hs_explain_zero_window (&e);
              break;
            case HS_ANALYSIS_ZERO_WINDOW_PROBE:
              _hs_explain_zero_window_probe (&e);
              break;
            case HS_ANALYSIS_DUPLICATE_ACK:
              _hs_explain_dup_ack (&e);
              break;
            case HS_ANALYSIS_KEEP_ALIVE_ACK:
              _hs_explain_keep_alive_ack (&e);
              break;
            case HS_ANALYSIS_KEEP_ALIVE:
              _hs_explain_keep_alive (&e);
              break;
            case HS_ANALYSIS_WINDOW_FULL:
              _hs_explain_window_full (&e);
              break;
            case HS_ANALYSIS_WINDOW_UPDATE:
              _hs_explain_window_update (&e);
              break;
            case HS_ANALYSIS_ACK_LOST_SEGMENT:
              _hs_explain_ack_unseen (&e);
              break;
            case HS_ANALYSIS_LOST_SEGMENT:
              _hs_explain_lost (&e);
              break;
            case HS_ANALYSIS_OUT_OF_ORDER:
              _hs_explain_out_of_order (&e);
              break;
            case HS_ANALYSIS_SPURIOUS_RETRANSMISSION:
              _hs_explain_spurious (&e);
              break;
            case HS_ANALYSIS_FAST_RETRANSMISSION:
              _hs_explain_fast_retransmission (&e);
              break;
            case HS_ANALYSIS_RETRANSMISSION:
              _hs_explain_retransmission (&e);
              break;
            case HS_ANALYSIS_REUSED_PORTS:
              _hs_explain_reused_ports (&e);
              break;
            default:
              break;
            }
        }

      {
        char *states = explain_states (&e);

        if (states != NULL)
          {
            *states_para = e.paras->len;
            para (&e, states);
          }
      }
    }

  explain_problems (&e, capture, index);

  *e_out = e;
}

char *
hs_explain_packet (HsCapture *capture,
                   guint      index)
{
  Explain e;
  GString *out;
  guint states;
  guint i;

  g_return_val_if_fail (HS_IS_CAPTURE (capture), NULL);
  g_return_val_if_fail (index < hs_capture_get_n_packets (capture), NULL);

  explain_run (&e, capture, index, &states);

  out = g_string_new (NULL);
  for (i = 0; i < e.paras->len; i++)
    {
      if (i > 0)
        g_string_append (out, "\n\n");
      g_string_append (out, g_ptr_array_index (e.paras, i));
    }

  explain_clear (&e);

  return g_string_free (out, FALSE);
}

char **
hs_explain_paragraphs (HsCapture  *capture,
                       guint       index,
                       char      **states)
{
  GStrvBuilder *builder;
  Explain e;
  guint states_para;
  guint i;
  char **ret;

  g_return_val_if_fail (HS_IS_CAPTURE (capture), NULL);
  g_return_val_if_fail (index < hs_capture_get_n_packets (capture), NULL);

  explain_run (&e, capture, index, &states_para);

  builder = g_strv_builder_new ();
  for (i = 0; i < e.paras->len; i++)
    {
      if (i != states_para)
        g_strv_builder_add (builder, g_ptr_array_index (e.paras, i));
    }
  if (states != NULL)
    *states = states_para != G_MAXUINT ? g_strdup (g_ptr_array_index (e.paras, states_para))
                                       : NULL;

  explain_clear (&e);
  ret = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return ret;
}

char *
hs_explain_title (HsCapture *capture,
                  guint      index)
{
  HsAnomalyClass klass;

  g_return_val_if_fail (HS_IS_CAPTURE (capture), NULL);
  g_return_val_if_fail (index < hs_capture_get_n_packets (capture), NULL);

  klass = hs_anomaly_class_for_record (hs_capture_get_record (capture, index));
  if (klass == HS_ANOMALY_CLASS_KEEP_ALIVE &&
      hs_explain_keep_alive_probes_window (capture, index))
    /* Translators: details pane heading of a Linux zero-window probe, which
     * Wireshark flags as a keep-alive */
    return g_strdup_printf (_("Packet %u · Keep-alive, a zero-window probe"), index + 1);
  if (klass != HS_ANOMALY_CLASS_NONE && klass != HS_ANOMALY_CLASS_HANDSHAKE)
    /* Translators: details pane heading, "Packet 12 · Retransmission" */
    return g_strdup_printf (_("Packet %u · %s"), index + 1, hs_anomaly_class_label (klass));

  return g_strdup_printf (_("Packet %u"), index + 1);
}
