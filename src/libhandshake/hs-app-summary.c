/* hs-app-summary.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The application layer from a payload's bytes: which protocol it starts
 * with (the decoder's tag), the names tshark gives its TLS records and
 * its HTTP Info text, and the one-line summary of the explanation.  One
 * table of TLS names serves all of them. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hs-app-summary-private.h"

#define RD16(p) ((guint)(((p)[0] << 8) | (p)[1]))

/* ------------------------------------------------------------------------ */
/* TLS records, named as Wireshark names them                                */

gboolean
_hs_tls_record_header_ok (const guint8 *p,
                          gsize         len)
{
  guint rlen;

  g_assert (p != NULL || len == 0);

  if (len < 5 || p[0] < 20 || p[0] > 24 || p[1] != 3 || p[2] > 4)
    return FALSE;

  rlen = RD16 (p + 3);

  /* RFC 8446: at most 2^14 + 256 (+ 2048 for TLS 1.2 ciphertext). */
  return rlen > 0 && rlen <= 16384 + 2048;
}

const char *
_hs_tls_handshake_name (guint8 type)
{
  /* Wireshark's names: protocol terms, not translated */
  switch (type)
    {
    case 0:   return "Hello Request";
    case 1:   return "Client Hello";
    case 2:   return "Server Hello";
    case 3:   return "Hello Verify Request";
    case 4:   return "New Session Ticket";
    case 5:   return "End of Early Data";
    case 6:   return "Hello Retry Request";
    case 8:   return "Encrypted Extensions";
    case 11:  return "Certificate";
    case 12:  return "Server Key Exchange";
    case 13:  return "Certificate Request";
    case 14:  return "Server Hello Done";
    case 15:  return "Certificate Verify";
    case 16:  return "Client Key Exchange";
    case 20:  return "Finished";
    case 21:  return "Certificate URL";
    case 22:  return "Certificate Status";
    case 23:  return "Supplemental Data";
    case 24:  return "Key Update";
    case 25:  return "Compressed Certificate";
    case 254: return "Message Hash";
    default:  return NULL;
    }
}

static const char *
tls_alert_name (guint8 description)
{
  switch (description)
    {
    case 0:   return "Close Notify";
    case 10:  return "Unexpected Message";
    case 20:  return "Bad Record MAC";
    case 21:  return "Decryption Failed";
    case 22:  return "Record Overflow";
    case 30:  return "Decompression Failure";
    case 40:  return "Handshake Failure";
    case 41:  return "No Certificate";
    case 42:  return "Bad Certificate";
    case 43:  return "Unsupported Certificate";
    case 44:  return "Certificate Revoked";
    case 45:  return "Certificate Expired";
    case 46:  return "Certificate Unknown";
    case 47:  return "Illegal Parameter";
    case 48:  return "Unknown CA";
    case 49:  return "Access Denied";
    case 50:  return "Decode Error";
    case 51:  return "Decrypt Error";
    case 60:  return "Export Restriction";
    case 70:  return "Protocol Version";
    case 71:  return "Insufficient Security";
    case 80:  return "Internal Error";
    case 86:  return "Inappropriate Fallback";
    case 90:  return "User Canceled";
    case 100: return "No Renegotiation";
    case 109: return "Missing Extension";
    case 110: return "Unsupported Extension";
    case 111: return "Certificate Unobtainable";
    case 112: return "Unrecognized Name";
    case 113: return "Bad Certificate Status Response";
    case 114: return "Bad Certificate Hash Value";
    case 115: return "Unknown PSK Identity";
    case 116: return "Certificate Required";
    case 120: return "No Application Protocol";
    default:  return NULL;
    }
}

const char *
_hs_tls_version_name (guint version)
{
  switch (version)
    {
    case 0x0300: return "SSLv3";
    case 0x0301: return "TLSv1";
    case 0x0302: return "TLSv1.1";
    case 0x0303: return "TLSv1.2";
    case 0x0304: return "TLSv1.3";
    default:     return "TLS";
    }
}

const char *
_hs_tls_content_name (guint8 type)
{
  switch (type)
    {
    case 20: return "Change Cipher Spec";
    case 21: return "Alert";
    case 22: return "Handshake";
    case 23: return "Application Data";
    case 24: return "Heartbeat";
    default: return "Unknown";
    }
}

/* Whether a handshake record holds plaintext messages that fill it exactly
 * (otherwise it is encrypted, like a Finished after Change Cipher Spec). */
gboolean
_hs_tls_handshake_plain (const guint8 *body,
                         guint         len)
{
  guint off = 0;

  g_assert (body != NULL || len == 0);

  while (off + 4 <= len)
    {
      guint32 mlen = ((guint32) body[off + 1] << 16) | ((guint32) body[off + 2] << 8) |
                     body[off + 3];

      if (_hs_tls_handshake_name (body[off]) == NULL || off + 4 + mlen > len)
        return FALSE;
      off += 4 + mlen;
    }

  return off == len && len > 0;
}

static void
append_sep (GString    *str,
            const char *text)
{
  if (str->len > 0)
    g_string_append (str, ", ");
  g_string_append (str, text);
}

/* Appends the names of one complete TLS record, as tshark lists them. */
void
_hs_tls_record_names (const guint8 *rec,
                      GString      *names)
{
  guint rlen = RD16 (rec + 3);
  const guint8 *body = rec + 5;

  g_assert (rec != NULL);
  g_assert (names != NULL);

  switch (rec[0])
    {
    case 20:
      append_sep (names, "Change Cipher Spec");
      break;

    case 21:
      if (rlen == 2)
        {
          const char *desc = tls_alert_name (body[1]);
          g_autofree char *level = NULL;
          g_autofree char *text = NULL;

          if (body[0] == 1)
            level = g_strdup ("Warning");
          else if (body[0] == 2)
            level = g_strdup ("Fatal");
          else
            level = g_strdup_printf ("Unknown (%u)", body[0]);
          if (desc != NULL)
            text = g_strdup_printf ("Alert (Level: %s, Description: %s)", level, desc);
          else
            text = g_strdup_printf ("Alert (Level: %s, Description: Unknown (%u))",
                                    level, body[1]);
          append_sep (names, text);
        }
      else
        append_sep (names, "Encrypted Alert");
      break;

    case 22:
      if (_hs_tls_handshake_plain (body, rlen))
        {
          guint off = 0;

          while (off + 4 <= rlen)
            {
              guint32 mlen = ((guint32) body[off + 1] << 16) |
                             ((guint32) body[off + 2] << 8) | body[off + 3];

              append_sep (names, _hs_tls_handshake_name (body[off]));
              off += 4 + mlen;
            }
        }
      else
        append_sep (names, "Encrypted Handshake Message");
      break;

    case 23:
      append_sep (names, "Application Data");
      break;

    case 24:
      if (rlen >= 3 && (body[0] == 1 || body[0] == 2) && 3 + RD16 (body + 1) + 16 <= rlen)
        append_sep (names, body[0] == 1 ? "Heartbeat Request" : "Heartbeat Response");
      else
        append_sep (names, "Encrypted Heartbeat");
      break;

    default:
      break;
    }
}

/* The names of the complete TLS records at the start of `payload`; returns
 * how many there are (0: the first one continues in later segments). */
guint
_hs_tls_info_names (const guint8 *payload,
                    gsize         len,
                    GString      *names)
{
  gsize off = 0;
  guint n = 0;

  g_assert (payload != NULL);
  g_assert (names != NULL);

  while (_hs_tls_record_header_ok (payload + off, len - off))
    {
      guint rlen = RD16 (payload + off + 3);

      if (off + 5 + rlen > len)
        break;
      _hs_tls_record_names (payload + off, names);
      n++;
      off += 5 + rlen;
      if (off >= len)
        break;
    }

  return n;
}

gboolean
_hs_app_tag_is_tls (guint app)
{
  return app >= HS_APP_TLS_CLIENT_HELLO && app <= HS_APP_TLS_OTHER;
}

/* ------------------------------------------------------------------------ */
/* HTTP messages, as tshark's Info column shows them                         */

/* A header of an HTTP message: its value (trimmed), or NULL. */
char *
_hs_http_header (const char *headers,
                 gsize       len,
                 const char *name)
{
  gsize name_len = strlen (name);
  const char *p = headers;
  const char *end = headers + len;

  g_assert (headers != NULL);
  g_assert (name != NULL);

  while (p < end)
    {
      const char *eol = memchr (p, '\n', (gsize)(end - p));
      const char *line_end = eol != NULL ? eol : end;

      if ((gsize)(line_end - p) > name_len && p[name_len] == ':' &&
          g_ascii_strncasecmp (p, name, name_len) == 0)
        {
          const char *v = p + name_len + 1;
          const char *ve = line_end;

          while (v < ve && (*v == ' ' || *v == '\t'))
            v++;
          while (ve > v && (ve[-1] == '\r' || ve[-1] == ' ' || ve[-1] == '\t'))
            ve--;
          return g_strndup (v, (gsize)(ve - v));
        }

      if (eol == NULL)
        break;
      p = eol + 1;
    }

  return NULL;
}

/* Whether a chunked body is complete in `len` captured bytes. */
gboolean
_hs_http_chunked_complete (const guint8 *body,
                           gsize         len)
{
  gsize off = 0;

  g_assert (body != NULL || len == 0);

  while (off < len)
    {
      guint64 size = 0;
      gboolean digits = FALSE;
      const guint8 *eol;

      while (off < len && g_ascii_isxdigit (body[off]))
        {
          size = size * 16 + (guint64) g_ascii_xdigit_value (body[off]);
          digits = TRUE;
          off++;
          if (size > G_MAXUINT32)
            return FALSE;
        }
      if (!digits)
        return FALSE;

      eol = memchr (body + off, '\n', len - off);
      if (eol == NULL)
        return FALSE;
      off = (gsize)(eol - body) + 1;

      if (size == 0)
        return TRUE;   /* trailers: tshark waits for them too, close enough */

      off += size + 2;
    }

  return FALSE;
}

/* tshark's HTTP Info: the first line and a space, then " (media type)" for
 * a message with a body and a Content-Type, or "[TCP segment of a
 * reassembled PDU]" when the headers or the body continue in later
 * segments (a response with neither a length nor chunks lasts until FIN). */
AppInfo
_hs_http_info (const guint8 *payload,
               gsize         len,
               gboolean      response,
               gboolean      reassembled,
               GString      *out)
{
  const char *text = (const char *) payload;
  const char *hdr_end = NULL;
  g_autofree char *content_length = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *encoding = NULL;
  gsize headers_len;
  gsize body_len;
  gsize i;
  guint status = 0;
  gboolean has_body;
  gboolean complete = TRUE;

  g_assert (payload != NULL);
  g_assert (out != NULL);

  for (i = 0; i + 3 < len; i++)
    {
      if (memcmp (text + i, "\r\n\r\n", 4) == 0)
        {
          hdr_end = text + i + 4;
          break;
        }
    }
  if (hdr_end == NULL)
    return APP_REASSEMBLED;

  headers_len = (gsize)(hdr_end - text);
  body_len = len - headers_len;

  for (i = 0; i < headers_len && text[i] != '\r' && text[i] != '\n'; i++)
    {
      guint8 c = payload[i];

      if (c >= 0x20 && c < 0x7f)
        g_string_append_c (out, (char) c);
      else
        g_string_append_printf (out, "\\x%02x", c);
    }
  g_string_append_c (out, ' ');

  content_length = _hs_http_header (text, headers_len, "Content-Length");
  content_type = _hs_http_header (text, headers_len, "Content-Type");
  encoding = _hs_http_header (text, headers_len, "Transfer-Encoding");

  if (response && len >= 12)
    status = (guint) g_ascii_strtoull (text + 9, NULL, 10);

  if (response && ((status >= 100 && status < 200) || status == 204 || status == 304))
    has_body = FALSE;
  else if (content_length != NULL)
    {
      guint64 cl = g_ascii_strtoull (content_length, NULL, 10);

      has_body = cl > 0;
      complete = body_len >= cl;
    }
  else if (encoding != NULL && g_ascii_strcasecmp (encoding, "chunked") == 0)
    {
      has_body = TRUE;
      complete = _hs_http_chunked_complete ((const guint8 *) hdr_end, body_len);
    }
  else if (response)
    {
      has_body = TRUE;
      complete = FALSE;
    }
  else
    has_body = FALSE;

  if (!complete && !reassembled)
    {
      g_string_append_printf (out, " %s", _("[TCP segment of a reassembled PDU]"));
      return APP_SET;
    }

  if (has_body && content_type != NULL)
    {
      const guint8 *body = (const guint8 *) hdr_end;
      char *semi = strchr (content_type, ';');
      g_autofree char *lower = NULL;

      if (semi != NULL)
        *semi = 0;
      g_strstrip (content_type);
      lower = g_ascii_strdown (content_type, -1);

      /* what tshark's media dissectors add for the common types */
      if (g_str_equal (lower, "application/json"))
        g_string_append (out, ", JavaScript Object Notation (application/json)");
      else if (g_str_equal (lower, "image/png") && body_len >= 8 &&
               memcmp (body, "\x89PNG\r\n\x1a\n", 8) == 0)
        g_string_append (out, " (PNG)");
      else if (g_str_equal (lower, "image/gif") && body_len >= 6 &&
               (memcmp (body, "GIF87a", 6) == 0 || memcmp (body, "GIF89a", 6) == 0))
        g_string_append_printf (out, " (%.6s)", (const char *) body);
      /* tshark's JFIF dissector takes any JPEG, Exif ones too */
      else if (g_str_has_prefix (lower, "image/jp") && body_len >= 3 &&
               body[0] == 0xff && body[1] == 0xd8 && body[2] == 0xff)
        g_string_append (out, " (JPEG JFIF image)");
      else
        g_string_append_printf (out, " (%s)", lower);
    }

  return APP_SET;
}

/* ------------------------------------------------------------------------ */
/* The decoder's tag: what a payload starts with                             */

/* A handshake message whose header is consistent with its record: otherwise
 * it is most likely an encrypted one (Finished after Change Cipher Spec). */
static gboolean
is_plain_handshake (const guint8 *rec,
                    gsize         captured)
{
  guint rec_len = RD16 (rec + 3);
  guint32 msg_len;

  if (captured < 9 || rec_len < 4)
    return FALSE;

  msg_len = ((guint32)rec[6] << 16) | ((guint32)rec[7] << 8) | rec[8];

  return msg_len + 4 <= rec_len;
}

HsAppTag
hs_decode_app_tag (const guint8 *payload,
                   gsize         len)
{
  static const struct {
    const char *name;
    gsize       len;
  } methods[] = {
#define METHOD(m) { m, sizeof m - 1 }
    METHOD ("GET "), METHOD ("POST "), METHOD ("HEAD "), METHOD ("PUT "), METHOD ("DELETE "),
    METHOD ("OPTIONS "), METHOD ("PATCH "), METHOD ("CONNECT "), METHOD ("TRACE "),
#undef METHOD
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (methods) == 9);
  guint i;

  if (payload == NULL || len == 0)
    return HS_APP_NONE;

  if (_hs_tls_record_header_ok (payload, len))
    {
      switch (payload[0])
        {
        case 20:
          return HS_APP_TLS_CHANGE_CIPHER_SPEC;
        case 21:
          return HS_APP_TLS_ALERT;
        case 22:
          if (len >= 6 && is_plain_handshake (payload, len))
            {
              if (payload[5] == 1)
                return HS_APP_TLS_CLIENT_HELLO;
              if (payload[5] == 2)
                return HS_APP_TLS_SERVER_HELLO;
            }
          return HS_APP_TLS_HANDSHAKE;
        case 23:
          return HS_APP_TLS_APPLICATION_DATA;
        default:
          return HS_APP_TLS_OTHER;
        }
    }

  /* this runs on every segment: reject encrypted or binary data at once */
  switch (payload[0])
    {
    case 'C': case 'D': case 'G': case 'H': case 'O': case 'P': case 'T':
      break;
    default:
      return HS_APP_NONE;
    }

  if (len >= 12 &&
      memcmp (payload, "HTTP/1.", 7) == 0 &&
      g_ascii_isdigit (payload[7]) &&
      payload[8] == ' ' &&
      g_ascii_isdigit (payload[9]) &&
      g_ascii_isdigit (payload[10]) &&
      g_ascii_isdigit (payload[11]))
    return HS_APP_HTTP_RESPONSE;

  for (i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      gsize mlen = methods[i].len;

      /* A method alone on the wire is not enough: want the target too. */
      if (len > mlen && payload[0] == methods[i].name[0] &&
          memcmp (payload, methods[i].name, mlen) == 0 &&
          payload[mlen] > ' ' && payload[mlen] < 0x7f)
        return HS_APP_HTTP_REQUEST;
    }

  return HS_APP_NONE;
}

/* ------------------------------------------------------------------------ */
/* The one-line summary ("TLS Client Hello", "GET / HTTP/1.1")               */

#define SUMMARY_MAX 100

/* Appends `text` to `str` unless that makes the summary too long. */
static gboolean
summary_append (GString    *str,
                const char *text)
{
  gsize add = strlen (text) + (str->len > 4 ? 2 : 0);

  if (str->len + add > SUMMARY_MAX)
    {
      g_string_append (str, "…");
      return FALSE;
    }

  if (str->len > 4)
    g_string_append (str, ", ");
  g_string_append (str, text);

  return TRUE;
}

static char *
tls_summary (const guint8 *payload,
             gsize         len)
{
  GString *str = g_string_new ("TLS ");
  gsize off = 0;
  guint n_records = 0;

  /* Walk the records (and handshake messages) that start in the payload. */
  while (off < len && _hs_tls_record_header_ok (payload + off, len - off))
    {
      const guint8 *rec = payload + off;
      guint rec_len = RD16 (rec + 3);
      const char *name = NULL;
      gboolean more = TRUE;

      n_records++;

      switch (rec[0])
        {
        case 20:
          name = "Change Cipher Spec";
          break;
        case 21:
          name = _("Alert");
          break;
        case 23:
          name = "Application Data";
          break;
        case 24:
          name = "Heartbeat";
          break;
        case 22:
          if (!is_plain_handshake (rec, len - off))
            {
              name = "Encrypted Handshake Message";
              break;
            }
          else
            {
              gsize moff = 5;
              gsize end = MIN (len - off, (gsize)rec_len + 5);

              while (more && moff + 4 <= end)
                {
                  guint32 msg_len = ((guint32)rec[moff + 1] << 16) |
                                    ((guint32)rec[moff + 2] << 8) | rec[moff + 3];
                  const char *msg = _hs_tls_handshake_name (rec[moff]);

                  if (msg == NULL || moff + 4 + msg_len > (gsize)rec_len + 5)
                    {
                      more = summary_append (str, "Encrypted Handshake Message");
                      break;
                    }
                  more = summary_append (str, msg);
                  moff += 4 + msg_len;
                }
            }
          break;
        default:
          break;
        }

      if (name != NULL)
        more = summary_append (str, name);
      if (!more)
        break;

      off += 5 + (gsize)rec_len;
    }

  if (n_records == 0 || str->len <= 4)
    {
      g_string_free (str, TRUE);
      return g_strdup (_("TLS record"));
    }

  return g_string_free (str, FALSE);
}

/* The first line of an HTTP message, printable ASCII only. */
static char *
http_summary (const guint8 *payload,
              gsize         len)
{
  GString *str = g_string_new (NULL);

  for (gsize i = 0; i < len; i++)
    {
      guint8 c = payload[i];

      if (c == '\r' || c == '\n')
        break;
      if (str->len >= SUMMARY_MAX)
        {
          g_string_append (str, "…");
          break;
        }
      g_string_append_c (str, (c >= 0x20 && c < 0x7f) ? (char)c : '.');
    }

  return g_string_free (str, FALSE);
}

char *
hs_decode_app_summary (const guint8 *payload,
                       gsize         len)
{
  switch (hs_decode_app_tag (payload, len))
    {
    case HS_APP_TLS_CLIENT_HELLO:
    case HS_APP_TLS_SERVER_HELLO:
    case HS_APP_TLS_HANDSHAKE:
    case HS_APP_TLS_CHANGE_CIPHER_SPEC:
    case HS_APP_TLS_APPLICATION_DATA:
    case HS_APP_TLS_ALERT:
    case HS_APP_TLS_OTHER:
      return tls_summary (payload, len);

    case HS_APP_HTTP_REQUEST:
    case HS_APP_HTTP_RESPONSE:
      return http_summary (payload, len);

    case HS_APP_NONE:
    default:
      return NULL;
    }
}
