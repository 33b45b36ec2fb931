/* hs-app-summary.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The application layer as the decoder and the Info column see it: which
 * protocol a payload starts with (TLS record, HTTP message) and its
 * one-line summary. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hs-decoder-private.h"

/* ------------------------------------------------------------------------ */
/* Application layer                                                         */

static gboolean
is_tls_record_header (const guint8 *p,
                      gsize         len)
{
  guint rec_len;

  if (len < 5)
    return FALSE;
  if (p[0] < 20 || p[0] > 24)
    return FALSE;
  if (p[1] != 3 || p[2] > 4)
    return FALSE;

  rec_len = RD16 (p + 3);

  /* RFC 8446: at most 2^14 + 256 (+ 2048 for TLS 1.2 ciphertext). */
  return rec_len > 0 && rec_len <= 16384 + 2048;
}

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
  guint i;

  if (payload == NULL || len == 0)
    return HS_APP_NONE;

  if (is_tls_record_header (payload, len))
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

static const char *
tls_handshake_name (guint8 type)
{
  /* Wireshark's names: protocol terms, not translated. */
  switch (type)
    {
    case 0:
      return "Hello Request";
    case 1:
      return "Client Hello";
    case 2:
      return "Server Hello";
    case 4:
      return "New Session Ticket";
    case 5:
      return "End of Early Data";
    case 8:
      return "Encrypted Extensions";
    case 11:
      return "Certificate";
    case 12:
      return "Server Key Exchange";
    case 13:
      return "Certificate Request";
    case 14:
      return "Server Hello Done";
    case 15:
      return "Certificate Verify";
    case 16:
      return "Client Key Exchange";
    case 20:
      return "Finished";
    case 24:
      return "Key Update";
    default:
      return NULL;
    }
}

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
  while (off < len && is_tls_record_header (payload + off, len - off))
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
                  const char *msg = tls_handshake_name (rec[moff]);

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
