/* hs-explain-app.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The application part of the Info column: what tshark's TLS and HTTP
 * dissectors make of a segment, with what it takes from the packets
 * before it (a message that began earlier, a resent record start). */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hs-explain-private.h"

/* Whether the connection carries TLS: a TLS record seen in it before this
 * packet, or the HTTPS port. */
static gboolean
stream_is_tls (const Stream *st)
{
  guint i;
  guint steps = 0;

  if (st->conn->endpoint[0].port == 443 || st->conn->endpoint[1].port == 443)
    return TRUE;

  for (i = st->pos; i > 0 && steps < SEARCH_LIMIT; i--, steps++)
    {
      if (_hs_app_tag_is_tls (stream_record (st, i - 1)->app))
        return TRUE;
    }

  return FALSE;
}

/* tshark's reassembly hands a segment that starts where an unfinished PDU
 * of an earlier copy starts, and ends inside it, to no dissector: it is
 * "retransmitted TCP segment data" and keeps the TCP line.  The earlier
 * copy was unfinished when it was shorter than a record header (tshark
 * then asked for one more byte) or than the record (`record_len`, 0 when
 * not known). */
static gboolean
stream_resends_pdu_start (const Stream *st,
                          guint         record_len)
{
  guint32 end = st->rec->seq + st->rec->payload_len;
  guint i;
  guint steps = 0;

  for (i = st->pos; i > 0 && steps < SEARCH_LIMIT; i--, steps++)
    {
      const HsPacketRecord *r = stream_record (st, i - 1);
      guint32 pdu_end;

      if (r->direction != st->rec->direction || r->decode_status != HS_DECODE_TCP ||
          r->seq != st->rec->seq || r->payload_len == 0)
        continue;

      if (r->payload_len < 5)
        pdu_end = r->seq + r->payload_len + 1;
      else if (record_len > 0 && r->payload_len < 5 + record_len)
        pdu_end = r->seq + 5 + record_len;
      else
        continue;

      if (SEQ_LE (end, pdu_end))
        return TRUE;
    }

  return FALSE;
}

/* Appends the payload of the stream's packet at `pos` to `message` when it
 * is data of the same direction as this packet; FALSE when its bytes
 * cannot be read back whole. */
static gboolean
append_payload (const Stream *st,
                guint         pos,
                GByteArray   *message)
{
  const HsPacketRecord *r = stream_record (st, pos);
  g_autoptr(GBytes) bytes = NULL;
  Decoded d;

  if (r->direction != st->rec->direction || r->payload_len == 0)
    return TRUE;

  bytes = hs_capture_read_packet (st->capture, st->pkts[pos], NULL);
  _hs_decoded_init (&d, st->capture, st->pkts[pos], bytes);
  if (!d.ok || d.payload == NULL || d.payload_captured != r->payload_len)
    return FALSE;

  g_byte_array_append (message, d.payload, d.payload_captured);
  return TRUE;
}

/* tshark reassembles an HTTP message whose headers give its length: each
 * later segment that does not finish it keeps the TCP line and gets
 * " [TCP segment of a reassembled PDU]", and the one that finishes it shows
 * the message ("HTTP/1.1 200 OK  (text/html)").  Only for a message sent in
 * order, without losses or retransmissions, whose first segment holds all
 * its headers and a Content-Length, or chunks (read back up to
 * CHUNKED_SEGMENTS segments); anything else keeps the TCP line. */
#define CHUNKED_SEGMENTS 64

AppInfo
_hs_http_continuation (const Stream *st,
                       GString      *out,
                       guint        *start_out)
{
  const HsPacketRecord *rec = st->rec;
  guint32 expected = rec->seq;
  guint start = G_MAXUINT;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GByteArray) message = NULL;
  g_autofree char *content_length = NULL;
  g_autofree char *encoding = NULL;
  const HsPacketRecord *first;
  const char *text;
  const char *hdr_end;
  guint64 length;
  guint32 msg_end;
  guint32 seg_end;
  Decoded fd;
  gsize headers_len;
  guint steps = 0;
  guint i;

  g_assert (st != NULL && st->rec != NULL);
  g_assert (out != NULL);

  if (rec->payload_len == 0 || stream_is_tls (st))
    return APP_NONE;

  /* back to the message's first segment, through contiguous data */
  for (i = st->pos; i > 0 && steps < SEARCH_LIMIT; i--)
    {
      const HsPacketRecord *r = stream_record (st, i - 1);

      if (r->direction != rec->direction || r->payload_len == 0)
        {
          if (r->direction == rec->direction && (r->tcp_flags & (HS_TCP_FIN | HS_TCP_RST)))
            return APP_NONE;
          continue;
        }
      steps++;
      if (r->decode_status != HS_DECODE_TCP ||
          (r->analysis & (RETRANSMISSION_FAMILY | HS_ANALYSIS_OUT_OF_ORDER |
                          HS_ANALYSIS_LOST_SEGMENT)) ||
          r->seq + r->payload_len != expected)
        return APP_NONE;
      if (r->app == HS_APP_HTTP_REQUEST || r->app == HS_APP_HTTP_RESPONSE)
        {
          start = i - 1;
          break;
        }
      if (r->app != HS_APP_NONE)
        return APP_NONE;
      expected = r->seq;
    }
  if (start == G_MAXUINT)
    return APP_NONE;
  if (start_out != NULL)
    *start_out = start;

  first = stream_record (st, start);
  bytes = hs_capture_read_packet (st->capture, st->pkts[start], NULL);
  _hs_decoded_init (&fd, st->capture, st->pkts[start], bytes);
  if (!fd.ok || fd.payload == NULL || fd.payload_captured != first->payload_len)
    return APP_NONE;

  text = (const char *) fd.payload;
  hdr_end = g_strstr_len (text, fd.payload_captured, "\r\n\r\n");
  if (hdr_end == NULL)
    return APP_NONE;
  headers_len = (gsize)(hdr_end + 4 - text);
  content_length = _hs_http_header (text, headers_len, "Content-Length");
  encoding = _hs_http_header (text, headers_len, "Transfer-Encoding");
  seg_end = rec->seq + rec->payload_len;
  message = g_byte_array_new ();
  g_byte_array_append (message, fd.payload, fd.payload_captured);

  if (content_length != NULL)
    {
      if (!g_ascii_string_to_unsigned (content_length, 10, 0, G_MAXUINT32, &length, NULL) ||
          headers_len + length <= first->payload_len)
        return APP_NONE;

      msg_end = first->seq + (guint32)(headers_len + length);
      if (SEQ_LT (seg_end, msg_end))
        return APP_CONTINUED;
      if (seg_end != msg_end)
        return APP_NONE;

      /* the beginning of the body, for the media type tshark names from
       * the bytes (PNG, GIF, JPEG) */
      for (i = start + 1; i <= st->pos && message->len < headers_len + 16; i++)
        if (!append_payload (st, i, message))
          break;
    }
  else if (encoding != NULL && g_ascii_strcasecmp (encoding, "chunked") == 0)
    {
      gsize before;

      if (_hs_http_chunked_complete (fd.payload + headers_len, fd.payload_captured - headers_len) ||
          st->pos - start > CHUNKED_SEGMENTS)
        return APP_NONE;

      /* every segment of the message so far */
      for (i = start + 1; i < st->pos; i++)
        if (!append_payload (st, i, message))
          return APP_NONE;
      before = message->len;
      if (_hs_http_chunked_complete (message->data + headers_len, before - headers_len) ||
          !append_payload (st, st->pos, message) || message->len != before + rec->payload_len)
        return APP_NONE;
      if (!_hs_http_chunked_complete (message->data + headers_len, message->len - headers_len))
        return APP_CONTINUED;
    }
  else
    return APP_NONE;

  return _hs_http_info (message->data, message->len, first->app == HS_APP_HTTP_RESPONSE, TRUE, out);
}

/* What tshark's application dissectors make of the payload. */
AppInfo
_hs_info_app (const Stream  *st,
              const Decoded *d,
              GString       *out)
{
  const HsPacketRecord *rec = st->rec;

  g_assert (st != NULL && st->rec != NULL);
  g_assert (d != NULL && out != NULL);

  /* tshark (tcp.no_subdissector_on_error) does not dissect plain
   * retransmissions and out-of-order segments; fast and spurious
   * retransmissions it does */
  if ((rec->analysis & HS_ANALYSIS_OUT_OF_ORDER) ||
      ((rec->analysis & HS_ANALYSIS_RETRANSMISSION) &&
       !(rec->analysis & (HS_ANALYSIS_FAST_RETRANSMISSION |
                          HS_ANALYSIS_SPURIOUS_RETRANSMISSION))))
    return APP_NONE;

  if (rec->payload_len == 0 || rec->decode_status != HS_DECODE_TCP)
    return APP_NONE;

  if (!d->ok)
    {
      /* no bytes: the generic name the record's tag gives */
      switch (rec->app)
        {
        case HS_APP_TLS_CLIENT_HELLO:
          g_string_append (out, "Client Hello");
          return APP_APPEND;
        case HS_APP_TLS_SERVER_HELLO:
          g_string_append (out, "Server Hello");
          return APP_APPEND;
        case HS_APP_TLS_HANDSHAKE:
          g_string_append (out, "Handshake");
          return APP_APPEND;
        case HS_APP_TLS_CHANGE_CIPHER_SPEC:
          g_string_append (out, "Change Cipher Spec");
          return APP_APPEND;
        case HS_APP_TLS_APPLICATION_DATA:
          g_string_append (out, "Application Data");
          return APP_APPEND;
        case HS_APP_TLS_ALERT:
          g_string_append (out, "Alert");
          return APP_APPEND;
        case HS_APP_TLS_OTHER:
          g_string_append (out, "TLS");
          return APP_APPEND;
        case HS_APP_HTTP_REQUEST:
          g_string_append (out, _("HTTP request"));
          return APP_SET;
        case HS_APP_HTTP_RESPONSE:
          g_string_append (out, _("HTTP response"));
          return APP_SET;
        case HS_APP_NONE:
          /* the end of an HTTP message: its start's bytes are read back */
          return _hs_http_continuation (st, out, NULL);
        default:
          return APP_NONE;
        }
    }

  if (d->payload == NULL || d->payload_captured == 0)
    return APP_NONE;

  if (_hs_tls_record_header_ok (d->payload, d->payload_captured))
    {
      if (_hs_tls_info_names (d->payload, d->payload_captured, out) > 0)
        return APP_APPEND;
      if (stream_resends_pdu_start (st, RD16 (d->payload + 3)))
        return APP_NONE;
      return APP_REASSEMBLED;
    }

  if (d->payload_captured < 5 && d->payload[0] >= 20 && d->payload[0] <= 24 &&
      stream_is_tls (st))
    {
      /* too short to say how long the record is: tshark waits for more */
      if (stream_resends_pdu_start (st, 0))
        return APP_NONE;
      return APP_REASSEMBLED;
    }

  switch (hs_decode_app_tag (d->payload, d->payload_captured))
    {
    case HS_APP_HTTP_REQUEST:
      return _hs_http_info (d->payload, d->payload_captured, FALSE, FALSE, out);
    case HS_APP_HTTP_RESPONSE:
      return _hs_http_info (d->payload, d->payload_captured, TRUE, FALSE, out);
    default:
      return _hs_http_continuation (st, out, NULL);
    }
}

/* The application-layer part of the Info column alone ("Client Hello",
 * "GET /index.html HTTP/1.1"), or NULL when the packet has none. */
char *
hs_explain_app_summary (HsCapture *capture,
                        guint      index,
                        GBytes    *bytes)
{
  const HsPacketRecord *rec;
  g_autoptr(GString) app = NULL;
  g_autoptr(GBytes) read_back = NULL;
  Decoded d;
  Stream st;

  g_return_val_if_fail (HS_IS_CAPTURE (capture), NULL);
  g_return_val_if_fail (index < hs_capture_get_n_packets (capture), NULL);

  /* data may end an HTTP message that started earlier */
  rec = hs_capture_get_record (capture, index);
  if (rec->app == HS_APP_NONE && rec->payload_len == 0)
    return NULL;

  /* as in hs_explain_info(): an HTTP message's line needs its bytes */
  if (bytes == NULL && (rec->app == HS_APP_HTTP_REQUEST || rec->app == HS_APP_HTTP_RESPONSE))
    bytes = read_back = hs_capture_read_packet (capture, index, NULL);
  _hs_decoded_init (&d, capture, index, bytes);
  if (!_hs_stream_init (&st, capture, index))
    return NULL;

  app = g_string_new (NULL);
  switch (_hs_info_app (&st, &d, app))
    {
    case APP_SET:
    case APP_APPEND:
      return g_string_free (g_steal_pointer (&app), FALSE);

    case APP_NONE:
    case APP_REASSEMBLED:
    case APP_CONTINUED:
    default:
      return NULL;
    }
}
