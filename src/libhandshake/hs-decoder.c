/* hs-decoder.c
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

/* Frame bytes -> link layer -> IPv4/IPv6 (+ tunnels) -> TCP.
 *
 * Every function below walks one header with three numbers: `p` points at
 * the header, `cap` bytes of it were captured and `rep` bytes were on the
 * wire (Wireshark's "reported length").  cap <= rep always holds.  Lengths
 * come from `rep` (so a snap-length cut does not change tcp.len) and bytes
 * are only read below `cap`.  IP and other length fields shrink `rep` (so
 * Ethernet padding is ignored); a length field larger than `rep` is clamped
 * to it, as Wireshark does.
 *
 * Nothing is allocated on the common path; only IPComp decompression and IP
 * reassembly use buffers (owned by the HsDefrag, or one per thread). */

#include "config.h"

#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>
#include <zlib.h>

#include <glib/gi18n-lib.h>

#include "hs-decoder.h"
#include "hs-defrag-private.h"

/* Nested encapsulations we follow before giving up (tunnel in tunnel ...). */
#define MAX_DEPTH 24

#define RD16(p)   ((guint16)(((guint)(p)[0] << 8) | (p)[1]))
#define RD32(p)   (((guint32)(p)[0] << 24) | ((guint32)(p)[1] << 16) | \
                   ((guint32)(p)[2] << 8) | (guint32)(p)[3])
#define RD16LE(p) ((guint16)(((guint)(p)[1] << 8) | (p)[0]))
#define RD32LE(p) (((guint32)(p)[3] << 24) | ((guint32)(p)[2] << 16) | \
                   ((guint32)(p)[1] << 8) | (guint32)(p)[0])

typedef struct
{
  HsDecodedPacket *out;
  HsDefrag        *defrag;
  const guint8    *base;           /* the buffer layer offsets refer to */
  guint32          frame;
  guint            depth;
  gboolean         switched;       /* base is no longer the frame */
  gboolean         reassembled;    /* used the defragmenter's result once */
  gboolean         inflated;       /* used the inflate buffer once */
} DecodeCtx;

static _Thread_local char problem_buffer[128];
static GPrivate inflate_buffer_key = G_PRIVATE_INIT (g_free);

static void decode_link      (DecodeCtx    *ctx,
                              int           linktype,
                              const guint8 *p,
                              guint         cap,
                              guint         rep);
static void decode_ethertype (DecodeCtx    *ctx,
                              guint16       type,
                              gboolean      allow_length,
                              const guint8 *p,
                              guint         cap,
                              guint         rep);
static void decode_ethernet  (DecodeCtx    *ctx,
                              const guint8 *p,
                              guint         cap,
                              guint         rep);
static void decode_ip        (DecodeCtx    *ctx,
                              const guint8 *p,
                              guint         cap,
                              guint         rep);
static void decode_ipv4      (DecodeCtx    *ctx,
                              const guint8 *p,
                              guint         cap,
                              guint         rep);
static void decode_ipv6      (DecodeCtx    *ctx,
                              const guint8 *p,
                              guint         cap,
                              guint         rep);
static void decode_ieee80211 (DecodeCtx    *ctx,
                              const guint8 *p,
                              guint         cap,
                              guint         rep,
                              gboolean      datapad);
static void decode_ppp_hdlc  (DecodeCtx    *ctx,
                              const guint8 *p,
                              guint         cap,
                              guint         rep);

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */

static void
set_status (DecodeCtx      *ctx,
            HsDecodeStatus  status,
            const char     *text)
{
  ctx->out->status = status;
  ctx->out->problem_text = text;
}

/* A header needs more bytes than we have. */
static void
truncated (DecodeCtx  *ctx,
           guint       cap,
           guint       rep,
           const char *text)
{
  if (cap < rep)
    ctx->out->problems |= HS_PROBLEM_SNAPLEN_TRUNCATED;
  set_status (ctx, HS_DECODE_MALFORMED, text);
}

static void
add_layer (DecodeCtx    *ctx,
           HsLayerKind   kind,
           guint8        detail,
           const guint8 *p,
           guint         len)
{
  HsDecodedPacket *out = ctx->out;
  HsLayer *layer;
  gsize offset;

  /* Keep two slots for the TCP header and its payload. */
  if (out->n_layers >= HS_MAX_LAYERS ||
      (out->n_layers >= HS_MAX_LAYERS - 2 &&
       kind != HS_LAYER_TCP && kind != HS_LAYER_PAYLOAD))
    return;

  offset = (gsize)(p - ctx->base);

  layer = &out->layers[out->n_layers++];
  layer->kind = (guint8)kind;
  layer->detail = detail;
  layer->offset = (guint16)MIN (offset, (gsize)G_MAXUINT16);
  layer->length = (guint16)MIN (len, (guint)G_MAXUINT16);

  if (!ctx->switched)
    out->n_frame_layers = out->n_layers;
}

/* The next layers are in `buffer` (reassembled or decompressed). */
static void
switch_base (DecodeCtx    *ctx,
             const guint8 *buffer)
{
  if (!ctx->switched)
    ctx->out->n_frame_layers = ctx->out->n_layers;
  ctx->switched = TRUE;
  ctx->base = buffer;
}

/* Counts one more nested header; FALSE (and a status) if too deep. */
static gboolean
enter (DecodeCtx *ctx)
{
  if (++ctx->depth > MAX_DEPTH)
    {
      set_status (ctx, HS_DECODE_NOT_TCP, "Too many nested encapsulations");
      return FALSE;
    }

  return TRUE;
}

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

/* ------------------------------------------------------------------------ */
/* TCP                                                                       */

/* Options: `hdr_len` bytes according to the data offset, of which `cap_len`
 * were captured.  Running past `hdr_len` is a bad option; running past
 * `cap_len` only means the capture stopped there. */
static void
parse_tcp_options (HsDecodedPacket *out,
                   const guint8    *o,
                   guint            hdr_len,
                   guint            cap_len)
{
  guint i = 0;

  while (i < hdr_len)
    {
      guint8 kind;
      guint olen;
      gboolean bad = FALSE;

      if (i >= cap_len)
        return;

      kind = o[i];
      if (kind == 0)          /* End of option list */
        return;
      if (kind == 1)          /* No-Operation */
        {
          i++;
          continue;
        }

      if (i + 1 >= hdr_len)
        {
          out->problems |= HS_PROBLEM_BAD_TCP_OPTION;
          return;
        }
      if (i + 1 >= cap_len)
        return;

      olen = o[i + 1];
      if (olen < 2 || i + olen > hdr_len)
        {
          out->problems |= HS_PROBLEM_BAD_TCP_OPTION;
          return;
        }
      if (i + olen > cap_len)
        return;

      switch (kind)
        {
        case 2:   /* Maximum segment size */
          if (olen == 4)
            {
              out->has_mss = TRUE;
              out->mss = RD16 (o + i + 2);
            }
          else
            bad = TRUE;
          break;

        case 3:   /* Window scale */
          if (olen == 3)
            {
              out->has_wscale = TRUE;
              out->wscale = o[i + 2];
            }
          else
            bad = TRUE;
          break;

        case 4:   /* SACK permitted */
          if (olen == 2)
            out->sack_permitted = TRUE;
          else
            bad = TRUE;
          break;

        case 5:   /* SACK */
          if ((olen - 2) % 8 == 0 && olen > 2)
            {
              for (guint b = 2; b + 8 <= olen && out->n_sack < HS_MAX_SACK_BLOCKS; b += 8)
                {
                  out->sack_left[out->n_sack] = RD32 (o + i + b);
                  out->sack_right[out->n_sack] = RD32 (o + i + b + 4);
                  out->n_sack++;
                }
            }
          else
            bad = TRUE;
          break;

        case 8:   /* Timestamps */
          if (olen == 10)
            {
              out->has_timestamps = TRUE;
              out->ts_val = RD32 (o + i + 2);
              out->ts_ecr = RD32 (o + i + 6);
            }
          else
            bad = TRUE;
          break;

        case 30:  /* Multipath TCP */
          if (olen >= 3)
            out->has_mptcp = TRUE;
          else
            bad = TRUE;
          break;

        case 34:  /* TCP Fast Open cookie */
          if (olen == 2 || (olen >= 6 && olen <= 18))
            out->has_tfo = TRUE;
          else
            bad = TRUE;
          break;

        case 254: /* experimental: Fast Open before it had a number */
          if (olen >= 4 && RD16 (o + i + 2) == 0xf989)
            out->has_tfo = TRUE;
          break;

        default:  /* unknown: skipped by its length */
          break;
        }

      /* A wrong length for a known option: Wireshark complains and goes on
       * with the next option, which is still well delimited. */
      if (bad)
        out->problems |= HS_PROBLEM_BAD_TCP_OPTION;

      i += olen;
    }
}

static void
decode_tcp (DecodeCtx    *ctx,
            const guint8 *p,
            guint         cap,
            guint         rep)
{
  HsDecodedPacket *out = ctx->out;
  guint hlen;

  if (cap < 20)
    {
      truncated (ctx, cap, rep,
                 rep < 20 ? "TCP header truncated: the IP payload is shorter than 20 bytes"
                          : "TCP header cut short by the capture's snapshot length");
      return;
    }

  out->sport = RD16 (p);
  out->dport = RD16 (p + 2);
  out->seq = RD32 (p + 4);
  out->ack = RD32 (p + 8);
  out->flags = RD16 (p + 12) & 0x1ff;
  out->window = RD16 (p + 14);
  out->checksum = RD16 (p + 16);
  out->urgent = RD16 (p + 18);
  out->has_tcp_header = TRUE;

  hlen = (p[12] >> 4) * 4;
  out->header_len = (guint8)hlen;

  if (hlen < 20)
    {
      /* Wireshark 4.0 still computes tcp.len (from the bogus header length)
       * and tracks the segment, but dissects nothing after the sequence
       * number: no acknowledgement, window or analysis is shown. */
      add_layer (ctx, HS_LAYER_TCP, 0, p, 20);
      out->problems |= HS_PROBLEM_BAD_HEADER_LENGTH;
      out->payload_len = rep - hlen;
      set_status (ctx, HS_DECODE_TCP, "Bogus TCP header length (must be at least 20 bytes)");
      return;
    }

  if (rep < hlen)
    {
      /* Wireshark: "Short segment", listed as TCP but with no tcp.len. */
      add_layer (ctx, HS_LAYER_TCP, 0, p, MIN (hlen, cap));
      out->problems |= HS_PROBLEM_BAD_HEADER_LENGTH;
      set_status (ctx, HS_DECODE_MALFORMED,
                  "TCP data offset points beyond the end of the segment");
      return;
    }

  add_layer (ctx, HS_LAYER_TCP, 0, p, MIN (hlen, cap));

  out->has_options = hlen > 20;
  if (out->has_options)
    parse_tcp_options (out, p + 20, hlen - 20, MIN (cap, hlen) - 20);

  out->payload_len = rep - hlen;
  if (cap > hlen)
    {
      out->payload = p + hlen;
      out->payload_captured = MIN (cap - hlen, out->payload_len);
      add_layer (ctx, HS_LAYER_PAYLOAD, 0, out->payload, out->payload_captured);
      out->app = hs_decode_app_tag (out->payload, out->payload_captured);
    }

  set_status (ctx, HS_DECODE_TCP, NULL);
}

/* ------------------------------------------------------------------------ */
/* ICMP errors quoting a TCP header                                          */

static void
decode_quoted_tcp (DecodeCtx    *ctx,
                   const guint8 *p,
                   guint         cap)
{
  HsDecodedPacket *out = ctx->out;

  if (cap >= 4)
    {
      out->sport = RD16 (p);
      out->dport = RD16 (p + 2);
    }
  if (cap >= 8)
    out->seq = RD32 (p + 4);
  if (cap >= 12)
    out->ack = RD32 (p + 8);

  set_status (ctx, HS_DECODE_ICMP_QUOTED,
              "TCP header quoted in an ICMP error: not a segment of the connection");
}

/* The address an IPv4 packet is finally bound for, as Wireshark takes it:
 * with a loose or strict source route option (131, 137) whose pointer
 * still points into the route, the route's last address; otherwise the
 * header's destination.  `p` holds at least `ihl` bytes. */
static const guint8 *
ipv4_final_destination (const guint8 *p,
                        guint         ihl)
{
  guint off = 20;

  while (off < ihl)
    {
      guint8 opt = p[off];
      guint len;

      if (opt == 0)               /* end of option list */
        break;
      if (opt == 1)               /* no-operation */
        {
          off++;
          continue;
        }
      if (off + 1 >= ihl)
        break;
      len = p[off + 1];
      if (len < 2 || off + len > ihl)
        break;
      if (opt == 131 || opt == 137)
        {
          /* a pointer past the route: the header holds the final hop */
          guint8 ptr = len >= 4 ? p[off + 2] : 0;

          if (ptr < 4 || (ptr & 3) != 0 || ptr > len)
            break;
          return p + off + len - 4;
        }
      off += len;
    }

  return p + 16;
}

static void
decode_icmp (DecodeCtx    *ctx,
             guint8        ip_version,
             const guint8 *p,
             guint         cap,
             guint         rep)
{
  HsDecodedPacket *out = ctx->out;
  const guint8 *q;
  guint qcap;
  guint8 type;
  gboolean error;

  if (cap < 8)
    {
      truncated (ctx, cap, rep, "ICMP header truncated");
      return;
    }

  add_layer (ctx, HS_LAYER_ICMP, ip_version, p, 8);

  type = p[0];
  if (ip_version == 4)
    error = type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
  else
    error = type >= 1 && type <= 4;

  if (!error)
    return;

  q = p + 8;
  qcap = cap - 8;

  if (ip_version == 4)
    {
      guint ihl;

      if (qcap < 20 || (q[0] >> 4) != 4)
        return;
      ihl = (q[0] & 0x0f) * 4;
      if (ihl < 20 || ihl > qcap || q[9] != 6)
        return;

      out->ip_version = 4;
      out->ip_proto = 6;
      out->ttl = q[8];
      memset (out->src, 0, sizeof out->src);
      memset (out->dst, 0, sizeof out->dst);
      memcpy (out->src, q + 12, 4);
      memcpy (out->dst, ipv4_final_destination (q, ihl), 4);
      decode_quoted_tcp (ctx, q + ihl, qcap - ihl);
    }
  else
    {
      guint8 nh;
      guint off = 40;

      if (qcap < 40 || (q[0] >> 4) != 6)
        return;

      nh = q[6];
      /* Skip the simple extension headers that were captured. */
      while ((nh == 0 || nh == 43 || nh == 60 || nh == 44) && off + 8 <= qcap)
        {
          guint len = nh == 44 ? 8 : ((guint)q[off + 1] + 1) * 8;

          nh = q[off];
          off += len;
        }
      if (nh != 6 || off > qcap)
        return;

      out->ip_version = 6;
      out->ip_proto = 6;
      out->ttl = q[7];
      memcpy (out->src, q + 8, 16);
      memcpy (out->dst, q + 24, 16);
      decode_quoted_tcp (ctx, q + off, qcap - off);
    }
}

/* ------------------------------------------------------------------------ */
/* Tunnels                                                                   */

static void
decode_mpls (DecodeCtx    *ctx,
             const guint8 *p,
             guint         cap,
             guint         rep)
{
  for (;;)
    {
      gboolean bottom;

      if (cap < 4)
        {
          truncated (ctx, cap, rep, "MPLS label truncated");
          return;
        }

      bottom = (p[2] & 0x01) != 0;
      add_layer (ctx, HS_LAYER_MPLS, 0, p, 4);
      p += 4;
      cap -= 4;
      rep -= 4;

      if (bottom)
        break;
    }

  /* Wireshark guesses the payload from its first nibble. */
  if (cap >= 1 && ((p[0] >> 4) == 4 || (p[0] >> 4) == 6))
    decode_ip (ctx, p, cap, rep);
}

static void
decode_gtp (DecodeCtx    *ctx,
            const guint8 *p,
            guint         cap,
            guint         rep)
{
  guint off = 8;
  guint len;

  if (cap < 8)
    {
      truncated (ctx, cap, rep, "GTP header truncated");
      return;
    }

  /* GTPv1 with protocol type GTP, message G-PDU. */
  if ((p[0] >> 5) != 1 || (p[0] & 0x10) == 0 || p[1] != 0xff)
    {
      add_layer (ctx, HS_LAYER_GTP, 0, p, 8);
      return;
    }

  len = RD16 (p + 2);
  if (8 + len < rep)
    {
      rep = 8 + len;
      cap = MIN (cap, rep);
    }

  if (p[0] & 0x07)
    {
      guint8 next_ext;

      if (cap < 12)
        {
          truncated (ctx, cap, rep, "GTP header truncated");
          return;
        }

      next_ext = (p[0] & 0x04) ? p[11] : 0;
      off = 12;

      while (next_ext != 0)
        {
          guint ext_len;

          if (off >= cap)
            {
              truncated (ctx, cap, rep, "GTP extension header truncated");
              return;
            }
          ext_len = (guint)p[off] * 4;
          if (ext_len == 0 || off + ext_len > cap)
            {
              if (ext_len == 0)
                set_status (ctx, HS_DECODE_MALFORMED, "GTP extension header of length 0");
              else
                truncated (ctx, cap, rep, "GTP extension header truncated");
              return;
            }
          next_ext = p[off + ext_len - 1];
          off += ext_len;
        }
    }

  if (off > rep)
    {
      set_status (ctx, HS_DECODE_MALFORMED, "GTP header longer than its message");
      return;
    }

  add_layer (ctx, HS_LAYER_GTP, 1, p, off);
  if (cap > off)
    decode_ip (ctx, p + off, cap - off, rep - off);
  else
    truncated (ctx, cap, rep, "GTP payload missing");
}

static void
decode_vxlan (DecodeCtx    *ctx,
              const guint8 *p,
              guint         cap,
              guint         rep)
{
  if (cap < 8)
    {
      truncated (ctx, cap, rep, "VXLAN header truncated");
      return;
    }

  add_layer (ctx, HS_LAYER_TUNNEL, 1, p, 8);
  decode_ethernet (ctx, p + 8, cap - 8, rep - 8);
}

/* Teredo (RFC 4380): optional authentication and origin indications, then
 * IPv6. */
static void
decode_teredo (DecodeCtx    *ctx,
               const guint8 *p,
               guint         cap,
               guint         rep)
{
  guint off = 0;

  if (cap >= 4 && RD16 (p) == 0x0001)
    off = 4 + (guint)p[2] + p[3] + 8 + 1;
  if (off + 2 <= cap && RD16 (p + off) == 0x0000)
    off += 8;

  if (off >= cap || (p[off] >> 4) != 6)
    return;

  if (off > 0)
    add_layer (ctx, HS_LAYER_TUNNEL, 3, p, off);
  decode_ipv6 (ctx, p + off, cap - off, rep - off);
}

/* L2TP version 2 data messages carry PPP. */
static void
decode_l2tp (DecodeCtx    *ctx,
             const guint8 *p,
             guint         cap,
             guint         rep)
{
  guint16 flags;
  guint off = 2;

  if (cap < 6)
    {
      truncated (ctx, cap, rep, "L2TP header truncated");
      return;
    }

  flags = RD16 (p);
  if ((flags & 0x000f) != 2 || (flags & 0x8000) != 0)   /* v2, data message */
    return;

  if (flags & 0x4000)           /* length */
    {
      guint len = RD16 (p + off);

      if (len < rep)
        {
          rep = len;
          cap = MIN (cap, rep);
        }
      off += 2;
    }
  off += 4;                     /* tunnel and session ids */
  if (flags & 0x0800)           /* Ns, Nr */
    off += 4;
  if (flags & 0x0200)           /* offset size, then padding */
    {
      if (off + 2 > cap)
        {
          truncated (ctx, cap, rep, "L2TP header truncated");
          return;
        }
      off += 2 + RD16 (p + off);
    }

  if (off > cap)
    {
      truncated (ctx, cap, rep, "L2TP header truncated");
      return;
    }

  add_layer (ctx, HS_LAYER_TUNNEL, 4, p, off);
  decode_ppp_hdlc (ctx, p + off, cap - off, rep - off);
}

static void
decode_udp (DecodeCtx    *ctx,
            const guint8 *p,
            guint         cap,
            guint         rep)
{
  guint16 sport, dport, ulen;

  if (cap < 8)
    {
      truncated (ctx, cap, rep, "UDP header truncated");
      return;
    }

  sport = RD16 (p);
  dport = RD16 (p + 2);
  ulen = RD16 (p + 4);

  add_layer (ctx, HS_LAYER_UDP, 0, p, 8);

  if (ulen >= 8 && ulen < rep)
    {
      rep = ulen;
      cap = MIN (cap, rep);
    }

  if (sport == 2152 || dport == 2152)
    decode_gtp (ctx, p + 8, cap - 8, rep - 8);
  else if (sport == 4789 || dport == 4789)
    decode_vxlan (ctx, p + 8, cap - 8, rep - 8);
  else if (sport == 3544 || dport == 3544)
    decode_teredo (ctx, p + 8, cap - 8, rep - 8);
  else if (sport == 1701 || dport == 1701)
    decode_l2tp (ctx, p + 8, cap - 8, rep - 8);
}

static gboolean
is_aruba_gre (guint16 proto)
{
  return (proto >= 0x8200 && proto <= 0x8370 && (proto & 0x000f) == 0) || proto == 0x9000;
}

static void
decode_gre (DecodeCtx    *ctx,
            const guint8 *p,
            guint         cap,
            guint         rep)
{
  guint16 flags, proto;
  guint version;
  guint off = 4;

  if (cap < 4)
    {
      truncated (ctx, cap, rep, "GRE header truncated");
      return;
    }

  flags = RD16 (p);
  proto = RD16 (p + 2);
  version = flags & 0x0007;

  if (version > 1)
    {
      add_layer (ctx, HS_LAYER_GRE, (guint8)version, p, 4);
      return;
    }

  if (flags & 0xc000)           /* checksum (and offset) */
    off += 4;
  if (flags & 0x2000)           /* key, or PPTP payload length + call id */
    off += 4;
  if (flags & 0x1000)           /* sequence number */
    off += 4;
  if (version == 1 && (flags & 0x0080))  /* PPTP acknowledgement */
    off += 4;

  if (flags & 0x4000)           /* RFC 1701 source routing entries */
    {
      for (;;)
        {
          guint af, sre_len;

          if (off + 4 > cap)
            {
              truncated (ctx, cap, rep, "GRE routing entry truncated");
              return;
            }
          af = RD16 (p + off);
          sre_len = p[off + 3];
          off += 4 + sre_len;
          if (af == 0 && sre_len == 0)
            break;
        }
    }

  if (off > cap)
    {
      truncated (ctx, cap, rep, "GRE header truncated");
      return;
    }

  add_layer (ctx, HS_LAYER_GRE, (guint8)version, p, off);
  p += off;
  cap -= off;
  rep -= off;

  switch (proto)
    {
    case 0x0800:
      decode_ipv4 (ctx, p, cap, rep);
      break;

    case 0x86dd:
      decode_ipv6 (ctx, p, cap, rep);
      break;

    case 0x6558:                /* transparent Ethernet bridging */
      decode_ethernet (ctx, p, cap, rep);
      break;

    case 0x880b:                /* PPP (PPTP) */
      decode_ppp_hdlc (ctx, p, cap, rep);
      break;

    case 0x8847:
    case 0x8848:
      decode_mpls (ctx, p, cap, rep);
      break;

    case 0x88be:                /* ERSPAN type II, or type I without sequence */
      if (flags & 0x1000)
        {
          if (cap < 8)
            {
              truncated (ctx, cap, rep, "ERSPAN header truncated");
              return;
            }
          add_layer (ctx, HS_LAYER_TUNNEL, 2, p, 8);
          decode_ethernet (ctx, p + 8, cap - 8, rep - 8);
        }
      else
        {
          decode_ethernet (ctx, p, cap, rep);
        }
      break;

    case 0x22eb:                /* ERSPAN type III */
      {
        guint elen = 12;

        if (cap >= 12 && (p[11] & 0x01))
          elen += 8;
        if (cap < elen)
          {
            truncated (ctx, cap, rep, "ERSPAN header truncated");
            return;
          }
        add_layer (ctx, HS_LAYER_TUNNEL, 2, p, elen);
        decode_ethernet (ctx, p + elen, cap - elen, rep - elen);
      }
      break;

    default:
      if (is_aruba_gre (proto))
        decode_ieee80211 (ctx, p, cap, rep, FALSE);
      break;
    }
}

/* ------------------------------------------------------------------------ */
/* IP                                                                        */

static guint8 *
get_inflate_buffer (DecodeCtx *ctx)
{
  guint8 *buffer;

  if (ctx->defrag != NULL)
    return _hs_defrag_get_inflate_buffer (ctx->defrag);

  buffer = g_private_get (&inflate_buffer_key);
  if (buffer == NULL)
    {
      buffer = g_malloc (HS_INFLATE_BUFFER_SIZE);
      g_private_set (&inflate_buffer_key, buffer);
    }

  return buffer;
}

/* Decompresses an IPComp payload (raw deflate, or zlib).  Returns the number
 * of bytes produced, with `complete` telling whether the stream ended. */
static gboolean
ipcomp_inflate (const guint8 *in,
                guint         in_len,
                guint8       *outbuf,
                guint        *out_len,
                gboolean     *complete)
{
  z_stream zs;
  int window_bits = -MAX_WBITS;
  int ret;

  *out_len = 0;
  *complete = FALSE;

  if (in_len >= 2 && (in[0] & 0x0f) == 8 && (in[0] >> 4) <= 7 && RD16 (in) % 31 == 0)
    window_bits = MAX_WBITS;

  memset (&zs, 0, sizeof zs);
  if (inflateInit2 (&zs, window_bits) != Z_OK)
    return FALSE;

  zs.next_in = (Bytef *)in;
  zs.avail_in = in_len;
  zs.next_out = outbuf;
  zs.avail_out = HS_INFLATE_BUFFER_SIZE;

  ret = inflate (&zs, Z_SYNC_FLUSH);
  *out_len = HS_INFLATE_BUFFER_SIZE - zs.avail_out;
  *complete = ret == Z_STREAM_END;
  inflateEnd (&zs);

  return ret == Z_STREAM_END || ret == Z_OK || (ret == Z_BUF_ERROR && *out_len > 0);
}

static gboolean
can_carry_tcp (guint8 proto)
{
  switch (proto)
    {
    case 0:     /* hop-by-hop */
    case 4:     /* IPv4 */
    case 6:     /* TCP */
    case 17:    /* UDP: GTP-U, VXLAN, ... */
    case 41:    /* IPv6 */
    case 43:    /* routing */
    case 47:    /* GRE */
    case 51:    /* AH */
    case 60:    /* destination options */
    case 108:   /* IPComp */
      return TRUE;

    default:
      return FALSE;
    }
}

static void decode_ip_proto (DecodeCtx    *ctx,
                             guint8        ip_version,
                             guint8        proto,
                             const guint8 *p,
                             guint         cap,
                             guint         rep);

static void
decode_fragment (DecodeCtx    *ctx,
                 guint8        ip_version,
                 guint8        proto,
                 guint32       id,
                 guint32       offset,
                 gboolean      more,
                 const guint8 *p,
                 guint         cap,
                 guint         rep)
{
  HsDecodedPacket *out = ctx->out;

  if (ctx->defrag != NULL && !ctx->reassembled && cap == rep && can_carry_tcp (proto))
    {
      HsDefragFragment frag;
      const guint8 *whole;
      guint whole_len = 0;

      frag.ip_version = ip_version;
      frag.proto = proto;
      frag.src = out->src;
      frag.dst = out->dst;
      frag.id = id;
      frag.offset = offset;
      frag.more = more;
      frag.data = p;
      frag.len = cap;

      whole = _hs_defrag_add (ctx->defrag, ctx->frame, &frag, &whole_len);
      if (whole != NULL)
        {
          ctx->reassembled = TRUE;
          out->reassembled = TRUE;
          switch_base (ctx, whole);
          decode_ip_proto (ctx, ip_version, proto, whole, whole_len, whole_len);
          return;
        }
    }

  g_snprintf (problem_buffer, sizeof problem_buffer,
              "IPv%u fragment (offset %u): not a whole TCP segment",
              (guint)ip_version, offset);
  set_status (ctx, HS_DECODE_FRAGMENT, problem_buffer);
}

/* What follows an IPv4 header or the fixed IPv6 header. */
static void
decode_ip_proto (DecodeCtx    *ctx,
                 guint8        ip_version,
                 guint8        proto,
                 const guint8 *p,
                 guint         cap,
                 guint         rep)
{
  HsDecodedPacket *out = ctx->out;

  for (;;)
    {
      out->ip_proto = proto;

      switch (proto)
        {
        case 6:
          decode_tcp (ctx, p, cap, rep);
          return;

        case 17:
          decode_udp (ctx, p, cap, rep);
          return;

        case 47:
          decode_gre (ctx, p, cap, rep);
          return;

        case 4:
          decode_ipv4 (ctx, p, cap, rep);
          return;

        case 41:
          decode_ipv6 (ctx, p, cap, rep);
          return;

        case 1:
          if (ip_version == 4)
            decode_icmp (ctx, 4, p, cap, rep);
          return;

        case 58:
          if (ip_version == 6)
            decode_icmp (ctx, 6, p, cap, rep);
          return;

        case 0:     /* hop-by-hop options */
        case 43:    /* routing */
        case 60:    /* destination options */
        case 139:   /* HIP */
        case 140:   /* Shim6 */
        case 253:   /* experimental */
        case 254:
          {
            guint len;

            if (ip_version != 6)
              return;
            if (cap < 2)
              {
                truncated (ctx, cap, rep, "IPv6 extension header truncated");
                return;
              }
            len = ((guint)p[1] + 1) * 8;
            if (len > rep)
              {
                set_status (ctx, HS_DECODE_MALFORMED,
                            "IPv6 extension header longer than the payload");
                return;
              }
            if (len > cap)
              {
                truncated (ctx, cap, rep, "IPv6 extension header truncated");
                return;
              }
            add_layer (ctx, HS_LAYER_IPV6_EXT, proto, p, len);
            proto = p[0];
            p += len;
            cap -= len;
            rep -= len;
          }
          break;

        case 44:    /* IPv6 fragment */
          {
            guint32 offset;
            gboolean more;
            guint8 next;

            if (ip_version != 6)
              return;
            if (cap < 8)
              {
                if (rep < 8)
                  set_status (ctx, HS_DECODE_MALFORMED, "IPv6 fragment header truncated");
                else
                  truncated (ctx, cap, rep, "IPv6 fragment header truncated");
                return;
              }
            add_layer (ctx, HS_LAYER_IPV6_EXT, 44, p, 8);
            next = p[0];
            offset = RD16 (p + 2) & 0xfff8;
            more = (p[3] & 0x01) != 0;

            if (offset == 0 && !more)
              {
                /* An atomic fragment: the whole datagram. */
                proto = next;
                p += 8;
                cap -= 8;
                rep -= 8;
                break;
              }

            out->ip_proto = next;
            decode_fragment (ctx, 6, next, RD32 (p + 4), offset, more,
                             p + 8, cap - 8, rep - 8);
            return;
          }

        case 51:    /* authentication header */
          {
            guint len;

            if (cap < 2)
              {
                truncated (ctx, cap, rep, "AH header truncated");
                return;
              }
            len = ((guint)p[1] + 2) * 4;
            if (len > rep)
              {
                set_status (ctx, HS_DECODE_MALFORMED, "AH header longer than the payload");
                return;
              }
            if (len > cap)
              {
                truncated (ctx, cap, rep, "AH header truncated");
                return;
              }
            add_layer (ctx, HS_LAYER_AH, 0, p, len);
            proto = p[0];
            p += len;
            cap -= len;
            rep -= len;
          }
          break;

        case 108:   /* IP payload compression */
          {
            guint8 *buffer;
            guint produced = 0;
            gboolean complete = FALSE;

            if (cap < 4)
              {
                truncated (ctx, cap, rep, "IPComp header truncated");
                return;
              }
            add_layer (ctx, HS_LAYER_IPCOMP, 0, p, 4);

            if (ctx->inflated)
              {
                set_status (ctx, HS_DECODE_NOT_TCP, "Nested IPComp payloads");
                return;
              }
            ctx->inflated = TRUE;

            buffer = get_inflate_buffer (ctx);
            if (!ipcomp_inflate (p + 4, cap - 4, buffer, &produced, &complete) ||
                produced == 0)
              {
                if (cap < rep)
                  truncated (ctx, cap, rep, "IPComp payload cut short by the snapshot length");
                else
                  set_status (ctx, HS_DECODE_NOT_TCP, "IPComp payload cannot be decompressed");
                return;
              }

            proto = p[0];
            switch_base (ctx, buffer);
            p = buffer;
            cap = produced;
            /* A stream cut by the snapshot length: the inner lengths rule. */
            rep = complete ? produced : G_MAXUINT;
          }
          break;

        case 50:
          set_status (ctx, HS_DECODE_NOT_TCP, "ESP: encrypted payload");
          return;

        case 59:    /* no next header */
        default:
          return;
        }
    }
}

/* The jumbo payload length from a hop-by-hop header (RFC 2675), or 0. */
static guint32
find_jumbo_length (const guint8 *h,
                   guint         cap)
{
  guint len;
  guint off = 2;

  if (cap < 2)
    return 0;

  len = ((guint)h[1] + 1) * 8;
  if (len > cap)
    return 0;

  while (off < len)
    {
      guint8 type = h[off];

      if (type == 0)            /* Pad1 */
        {
          off++;
          continue;
        }
      if (off + 2 > len || off + 2 + h[off + 1] > len)
        return 0;
      if (type == 0xc2 && h[off + 1] == 4)
        return RD32 (h + off + 2);
      off += 2 + h[off + 1];
    }

  return 0;
}

static void
decode_ipv6 (DecodeCtx    *ctx,
             const guint8 *p,
             guint         cap,
             guint         rep)
{
  HsDecodedPacket *out = ctx->out;
  guint32 plen;
  guint8 nh;

  if (!enter (ctx))
    return;

  if (cap < 1)
    {
      truncated (ctx, cap, rep, "IPv6 header missing");
      return;
    }
  if ((p[0] >> 4) != 6)
    {
      set_status (ctx, HS_DECODE_MALFORMED, "Bogus IPv6 version");
      return;
    }
  if (cap < 40)
    {
      truncated (ctx, cap, rep, "IPv6 header truncated");
      return;
    }

  plen = RD16 (p + 4);
  nh = p[6];

  out->ip_version = 6;
  out->ip_proto = nh;
  out->ttl = p[7];
  memcpy (out->src, p + 8, 16);
  memcpy (out->dst, p + 24, 16);
  add_layer (ctx, HS_LAYER_IPV6, 0, p, 40);

  if (plen == 0 && nh == 59)    /* nothing follows: a valid, empty packet */
    return;

  if (plen == 0)
    {
      guint32 jumbo = 0;

      /* A jumbogram (BIG TCP): the length is in a hop-by-hop option, and
       * Wireshark only takes it when above 65535. */
      if (nh == 0)
        jumbo = find_jumbo_length (p + 40, cap - 40);

      if (jumbo <= 65535)
        {
          if (nh == 0 && cap < rep && jumbo == 0)
            truncated (ctx, cap, rep, "IPv6 jumbo payload option cut short by the snapshot length");
          else
            set_status (ctx, HS_DECODE_MALFORMED,
                        nh == 0 ? "IPv6 payload length 0 without a Jumbo Payload option"
                                : "IPv6 payload length 0 (TCP segmentation offload?)");
          return;
        }
      plen = jumbo;
    }

  rep -= 40;
  cap -= 40;
  if (plen > rep)
    {
      out->problems |= HS_PROBLEM_BAD_IP_LENGTH;
      plen = rep;
    }
  rep = plen;
  cap = MIN (cap, rep);

  decode_ip_proto (ctx, 6, nh, p + 40, cap, rep);
}

static void
decode_ipv4 (DecodeCtx    *ctx,
             const guint8 *p,
             guint         cap,
             guint         rep)
{
  HsDecodedPacket *out = ctx->out;
  guint ihl, tot, frag_off;
  gboolean more;

  if (cap < 1)
    {
      truncated (ctx, cap, rep, "IPv4 header missing");
      return;
    }

  /* Wireshark hands an IPv6 header found where IPv4 was announced on. */
  if ((p[0] >> 4) == 6)
    {
      decode_ipv6 (ctx, p, cap, rep);
      return;
    }

  if (!enter (ctx))
    return;

  if ((p[0] >> 4) != 4)
    {
      set_status (ctx, HS_DECODE_MALFORMED, "Bogus IPv4 version");
      return;
    }
  if (cap < 20)
    {
      truncated (ctx, cap, rep, "IPv4 header truncated");
      return;
    }

  ihl = (p[0] & 0x0f) * 4;
  if (ihl < 20)
    {
      set_status (ctx, HS_DECODE_MALFORMED, "Bogus IPv4 header length (less than 20 bytes)");
      return;
    }
  if (ihl > cap)
    {
      truncated (ctx, cap, rep, "IPv4 header truncated");
      return;
    }

  tot = RD16 (p + 2);
  if (tot == 0)
    {
      /* TCP segmentation offload: Wireshark uses the frame's length. */
      tot = rep;
    }
  if (tot < ihl)
    {
      set_status (ctx, HS_DECODE_MALFORMED, "Bogus IPv4 total length (less than the header)");
      return;
    }
  if (tot > rep)
    {
      out->problems |= HS_PROBLEM_BAD_IP_LENGTH;
      tot = rep;
    }
  rep = tot;
  cap = MIN (cap, rep);

  out->ip_version = 4;
  out->ip_proto = p[9];
  out->ttl = p[8];
  memset (out->src, 0, sizeof out->src);
  memset (out->dst, 0, sizeof out->dst);
  memcpy (out->src, p + 12, 4);
  memcpy (out->dst, ipv4_final_destination (p, ihl), 4);
  add_layer (ctx, HS_LAYER_IPV4, 0, p, ihl);

  frag_off = (RD16 (p + 6) & 0x1fff) * 8;
  more = (p[6] & 0x20) != 0;

  if (frag_off != 0 || more)
    decode_fragment (ctx, 4, p[9], RD16 (p + 4), frag_off, more,
                     p + ihl, cap - ihl, rep - ihl);
  else
    decode_ip_proto (ctx, 4, p[9], p + ihl, cap - ihl, rep - ihl);
}

/* IPv4 or IPv6, from the version nibble. */
static void
decode_ip (DecodeCtx    *ctx,
           const guint8 *p,
           guint         cap,
           guint         rep)
{
  if (cap < 1)
    {
      truncated (ctx, cap, rep, "IP header missing");
      return;
    }

  switch (p[0] >> 4)
    {
    case 4:
      decode_ipv4 (ctx, p, cap, rep);
      break;

    case 6:
      decode_ipv6 (ctx, p, cap, rep);
      break;

    default:
      set_status (ctx, HS_DECODE_NOT_TCP, "Not an IP packet");
      break;
    }
}

/* ------------------------------------------------------------------------ */
/* Link layers                                                               */

/* LLC, with SNAP: as in 802.3, 802.11, FDDI, RFC 1483. */
static void
decode_llc (DecodeCtx    *ctx,
            const guint8 *p,
            guint         cap,
            guint         rep)
{
  if (cap < 3)
    {
      truncated (ctx, cap, rep, "LLC header truncated");
      return;
    }

  if (p[0] == 0xaa && p[1] == 0xaa)
    {
      guint32 oui;

      if (p[2] != 0x03)
        return;
      if (cap < 8)
        {
          truncated (ctx, cap, rep, "SNAP header truncated");
          return;
        }
      add_layer (ctx, HS_LAYER_LLC, 0xaa, p, 8);
      oui = ((guint32)p[3] << 16) | ((guint32)p[4] << 8) | p[5];
      if (oui == 0x000000 || oui == 0x0000f8)
        decode_ethertype (ctx, RD16 (p + 6), FALSE, p + 8, cap - 8, rep - 8);
      return;
    }

  if (p[0] == 0x06 && p[1] == 0x06)
    {
      /* The IP SAP; U frames have a 1-byte control field, I and S 2. */
      guint len = (p[2] & 0x03) == 0x03 ? 3 : 4;

      if (cap < len)
        {
          truncated (ctx, cap, rep, "LLC header truncated");
          return;
        }
      add_layer (ctx, HS_LAYER_LLC, 0x06, p, len);
      decode_ipv4 (ctx, p + len, cap - len, rep - len);
      return;
    }

  add_layer (ctx, HS_LAYER_LLC, p[0], p, 3);
}

static void
decode_ppp_protocol (DecodeCtx    *ctx,
                     const guint8 *header,
                     guint         header_len,
                     const guint8 *p,
                     guint         cap,
                     guint         rep)
{
  guint16 proto;
  guint len;

  if (cap < 1)
    {
      truncated (ctx, cap, rep, "PPP header truncated");
      return;
    }

  /* Protocol field compression: an odd first byte is the whole field. */
  if (p[0] & 0x01)
    {
      proto = p[0];
      len = 1;
    }
  else
    {
      if (cap < 2)
        {
          truncated (ctx, cap, rep, "PPP header truncated");
          return;
        }
      proto = RD16 (p);
      len = 2;
    }

  add_layer (ctx, HS_LAYER_PPP, 0, header, header_len + len);
  p += len;
  cap -= len;
  rep -= len;

  switch (proto)
    {
    case 0x0021:
      decode_ipv4 (ctx, p, cap, rep);
      break;

    case 0x0057:
      decode_ipv6 (ctx, p, cap, rep);
      break;

    case 0x0281:
    case 0x0283:
      decode_mpls (ctx, p, cap, rep);
      break;

    case 0x002d:
    case 0x002f:
      set_status (ctx, HS_DECODE_NOT_TCP, "Van Jacobson compressed TCP/IP: not decoded");
      break;

    default:
      break;
    }
}

static void
decode_chdlc (DecodeCtx    *ctx,
              const guint8 *p,
              guint         cap,
              guint         rep)
{
  if (cap < 4)
    {
      truncated (ctx, cap, rep, "Cisco HDLC header truncated");
      return;
    }

  add_layer (ctx, HS_LAYER_LINK, HS_LINKTYPE_C_HDLC, p, 4);
  decode_ethertype (ctx, RD16 (p + 2), FALSE, p + 4, cap - 4, rep - 4);
}

/* PPP, with or without the 0xff 0x03 address and control bytes; Cisco HDLC
 * shows up in the same link types. */
static void
decode_ppp_hdlc (DecodeCtx    *ctx,
                 const guint8 *p,
                 guint         cap,
                 guint         rep)
{
  if (cap < 2)
    {
      truncated (ctx, cap, rep, "PPP header truncated");
      return;
    }

  if (p[0] == 0x0f || p[0] == 0x8f)
    {
      decode_chdlc (ctx, p, cap, rep);
      return;
    }

  if (p[0] == 0xff && p[1] == 0x03)
    decode_ppp_protocol (ctx, p, 2, p + 2, cap - 2, rep - 2);
  else
    decode_ppp_protocol (ctx, p, 0, p, cap, rep);
}

/* A PPPoE session header, then PPP. */
static void
decode_pppoe (DecodeCtx    *ctx,
              const guint8 *p,
              guint         cap,
              guint         rep)
{
  guint len;

  if (cap < 6)
    {
      truncated (ctx, cap, rep, "PPPoE header truncated");
      return;
    }

  add_layer (ctx, HS_LAYER_PPPOE, 0, p, 6);
  if (p[0] != 0x11 || p[1] != 0x00)
    return;

  len = RD16 (p + 4);
  p += 6;
  cap -= 6;
  rep -= 6;
  if (len < rep)
    {
      rep = len;
      cap = MIN (cap, rep);
    }

  decode_ppp_protocol (ctx, p, 0, p, cap, rep);
}

/* Ethernet type (after Ethernet, VLAN tags, SNAP, SLL, ...). */
static void
decode_ethertype (DecodeCtx    *ctx,
                  guint16       type,
                  gboolean      allow_length,
                  const guint8 *p,
                  guint         cap,
                  guint         rep)
{
  if (!enter (ctx))
    return;

  /* Any number of 802.1Q / 802.1ad / old QinQ tags. */
  while (type == 0x8100 || type == 0x88a8 || type == 0x9100 ||
         type == 0x9200 || type == 0x9300)
    {
      if (cap < 4)
        {
          truncated (ctx, cap, rep, "VLAN tag truncated");
          return;
        }
      add_layer (ctx, HS_LAYER_VLAN, 0, p, 4);
      type = RD16 (p + 2);
      p += 4;
      cap -= 4;
      rep -= 4;
      allow_length = TRUE;
    }

  if (type <= 1500)
    {
      /* IEEE 802.3: a length, then LLC (or Novell raw IPX: 0xffff). */
      if (!allow_length)
        return;
      if (type < rep)
        {
          rep = type;
          cap = MIN (cap, rep);
        }
      if (cap >= 2 && p[0] == 0xff && p[1] == 0xff)
        return;
      decode_llc (ctx, p, cap, rep);
      return;
    }

  switch (type)
    {
    case 0x0800:
      decode_ipv4 (ctx, p, cap, rep);
      break;

    case 0x86dd:
      decode_ipv6 (ctx, p, cap, rep);
      break;

    case 0x8864:
      decode_pppoe (ctx, p, cap, rep);
      break;

    case 0x880b:
      decode_ppp_hdlc (ctx, p, cap, rep);
      break;

    case 0x8847:
    case 0x8848:
      decode_mpls (ctx, p, cap, rep);
      break;

    default:
      break;
    }
}

static void
decode_ethernet (DecodeCtx    *ctx,
                 const guint8 *p,
                 guint         cap,
                 guint         rep)
{
  if (cap < 14)
    {
      truncated (ctx, cap, rep, "Ethernet header truncated");
      return;
    }

  add_layer (ctx, HS_LAYER_LINK, HS_LINKTYPE_ETHERNET, p, 14);
  decode_ethertype (ctx, RD16 (p + 12), TRUE, p + 14, cap - 14, rep - 14);
}

static void
decode_ieee80211 (DecodeCtx    *ctx,
                  const guint8 *p,
                  guint         cap,
                  guint         rep,
                  gboolean      datapad)
{
  guint8 fc0, fc1, subtype;
  guint hlen = 24;
  guint body;
  gboolean qos;

  if (!enter (ctx))
    return;

  if (cap < 2)
    {
      truncated (ctx, cap, rep, "802.11 header truncated");
      return;
    }

  fc0 = p[0];
  fc1 = p[1];
  subtype = fc0 >> 4;

  /* Only data frames (type 2, protocol version 0) that carry data. */
  if ((fc0 & 0x03) != 0 || ((fc0 >> 2) & 0x03) != 2 || (subtype & 0x04) != 0)
    {
      add_layer (ctx, HS_LAYER_IEEE802_11, fc0, p, MIN (cap, 24u));
      return;
    }

  qos = (subtype & 0x08) != 0;
  if ((fc1 & 0x03) == 0x03)     /* ToDS and FromDS: address 4 */
    hlen += 6;
  if (qos)
    {
      hlen += 2;
      if (fc1 & 0x80)           /* +HTC */
        hlen += 4;
    }

  if (cap < hlen)
    {
      truncated (ctx, cap, rep, "802.11 header truncated");
      return;
    }

  add_layer (ctx, HS_LAYER_IEEE802_11, fc0, p, hlen);

  if (fc1 & 0x40)
    {
      set_status (ctx, HS_DECODE_NOT_TCP, "802.11 frame is protected (encrypted)");
      return;
    }

  body = datapad ? (hlen + 3) & ~3u : hlen;
  if (body > cap)
    {
      truncated (ctx, cap, rep, "802.11 header truncated");
      return;
    }

  /* A-MSDU: decode the first subframe. */
  if (qos && (p[hlen - (fc1 & 0x80 ? 6 : 2)] & 0x80))
    {
      guint len;

      if (cap < body + 14)
        {
          truncated (ctx, cap, rep, "A-MSDU subframe header truncated");
          return;
        }
      len = RD16 (p + body + 12);
      body += 14;
      rep -= body;
      cap -= body;
      if (len < rep)
        {
          rep = len;
          cap = MIN (cap, rep);
        }
      decode_llc (ctx, p + body, cap, rep);
      return;
    }

  decode_llc (ctx, p + body, cap - body, rep - body);
}

static void
decode_radiotap (DecodeCtx    *ctx,
                 const guint8 *p,
                 guint         cap,
                 guint         rep)
{
  guint hlen, off;
  guint32 present, first;
  guint8 flags = 0;

  if (cap < 8)
    {
      truncated (ctx, cap, rep, "Radiotap header truncated");
      return;
    }

  hlen = RD16LE (p + 2);
  if (p[0] != 0 || hlen < 8)
    {
      set_status (ctx, HS_DECODE_MALFORMED, "Bogus radiotap header");
      return;
    }
  if (hlen > cap)
    {
      truncated (ctx, cap, rep, "Radiotap header truncated");
      return;
    }

  /* Find the Flags field: after the presence words and the TSFT field. */
  first = RD32LE (p + 4);
  off = 4;
  do
    {
      present = RD32LE (p + off);
      off += 4;
    }
  while ((present & 0x80000000u) && off + 4 <= hlen);

  if (first & 0x01)             /* TSFT: 8 bytes, aligned to 8 */
    off = ((off + 7) & ~7u) + 8;
  if ((first & 0x02) && off < hlen)
    flags = p[off];

  add_layer (ctx, HS_LAYER_LINK, HS_LINKTYPE_IEEE802_11_RADIOTAP, p, hlen);
  p += hlen;
  cap -= hlen;
  rep -= hlen;

  if ((flags & 0x10) && rep >= 4)  /* frame ends with an FCS */
    {
      rep -= 4;
      cap = MIN (cap, rep);
    }

  decode_ieee80211 (ctx, p, cap, rep, (flags & 0x20) != 0);
}

static void
decode_ppi (DecodeCtx    *ctx,
            const guint8 *p,
            guint         cap,
            guint         rep)
{
  guint hlen, off = 8;
  guint32 dlt;
  gboolean fcs = FALSE;

  if (cap < 8)
    {
      truncated (ctx, cap, rep, "PPI header truncated");
      return;
    }

  hlen = RD16LE (p + 2);
  dlt = RD32LE (p + 4);
  if (hlen < 8)
    {
      set_status (ctx, HS_DECODE_MALFORMED, "Bogus PPI header length");
      return;
    }
  if (hlen > cap)
    {
      truncated (ctx, cap, rep, "PPI header truncated");
      return;
    }

  /* The 802.11-common field (type 2) says whether there is an FCS. */
  while (off + 4 <= hlen)
    {
      guint ftype = RD16LE (p + off);
      guint flen = RD16LE (p + off + 2);

      if (off + 4 + flen > hlen)
        break;
      if (ftype == 2 && flen >= 10)
        fcs = (RD16LE (p + off + 4 + 8) & 0x0001) != 0;
      off += 4 + flen;
    }

  add_layer (ctx, HS_LAYER_LINK, HS_LINKTYPE_PPI, p, hlen);
  p += hlen;
  cap -= hlen;
  rep -= hlen;

  if (dlt == HS_LINKTYPE_IEEE802_11)
    {
      if (fcs && rep >= 4)
        {
          rep -= 4;
          cap = MIN (cap, rep);
        }
      decode_ieee80211 (ctx, p, cap, rep, FALSE);
    }
  else if (dlt != HS_LINKTYPE_PPI && hs_decode_linktype_supported ((int)dlt))
    {
      decode_link (ctx, (int)dlt, p, cap, rep);
    }
}

static void
decode_sll_protocol (DecodeCtx    *ctx,
                     guint16       hatype,
                     guint16       proto,
                     const guint8 *p,
                     guint         cap,
                     guint         rep)
{
  switch (hatype)
    {
    case 801:                   /* ARPHRD_IEEE80211 */
      decode_ieee80211 (ctx, p, cap, rep, FALSE);
      return;

    case 803:                   /* ARPHRD_IEEE80211_RADIOTAP */
      decode_radiotap (ctx, p, cap, rep);
      return;

    case 824:                   /* ARPHRD_NETLINK */
      return;

    case 778:                   /* ARPHRD_IPGRE: the protocol is a GRE type */
      if (proto == 0x6558)
        {
          decode_ethernet (ctx, p, cap, rep);
          return;
        }
      break;

    default:
      break;
    }

  if (proto == 0x0004)          /* ETH_P_802_2 */
    decode_llc (ctx, p, cap, rep);
  else if (proto > 1500)
    decode_ethertype (ctx, proto, FALSE, p, cap, rep);
}

static void
decode_nflog (DecodeCtx    *ctx,
              const guint8 *p,
              guint         cap,
              guint         rep)
{
  guint off = 4;
  gboolean le = TRUE;
  guint8 family;

  if (cap < 4)
    {
      truncated (ctx, cap, rep, "NFLOG header truncated");
      return;
    }

  family = p[0];

  /* The TLV lengths and types are in the capturing host's byte order. */
  if (cap >= 8)
    {
      guint len_le = RD16LE (p + 4);
      guint len_be = RD16 (p + 4);

      if ((len_le < 4 || len_le > rep - 4) && len_be >= 4 && len_be <= rep - 4)
        le = FALSE;
    }

  while (off + 4 <= cap)
    {
      guint tlen = le ? RD16LE (p + off) : RD16 (p + off);
      guint ttype = (le ? RD16LE (p + off + 2) : RD16 (p + off + 2)) & 0x7fff;

      if (tlen < 4)
        {
          set_status (ctx, HS_DECODE_MALFORMED, "NFLOG TLV length below 4");
          return;
        }

      if (ttype == 9)           /* NFULA_PAYLOAD */
        {
          guint prep = tlen - 4;
          guint pcap;
          const guint8 *payload = p + off + 4;

          add_layer (ctx, HS_LAYER_LINK, HS_LINKTYPE_NFLOG & 0xff, p, off + 4);
          if (off + 4 + prep > rep)
            prep = rep - off - 4;
          pcap = MIN (cap - off - 4, prep);

          if (family == AF_INET)
            decode_ipv4 (ctx, payload, pcap, prep);
          else if (family == 10)  /* Linux AF_INET6 */
            decode_ipv6 (ctx, payload, pcap, prep);
          else
            decode_ip (ctx, payload, pcap, prep);
          return;
        }

      off += (tlen + 3) & ~3u;
    }

  add_layer (ctx, HS_LAYER_LINK, HS_LINKTYPE_NFLOG & 0xff, p, MIN (off, cap));
  if (cap < rep)
    truncated (ctx, cap, rep, "NFLOG payload not captured");
}

static void
decode_arcnet (DecodeCtx    *ctx,
               const guint8 *p,
               guint         cap,
               guint         rep,
               gboolean      linux_header)
{
  guint off = linux_header ? 4 : 2;
  guint8 proto;

  if (cap < off + 1)
    {
      truncated (ctx, cap, rep, "ARCNET header truncated");
      return;
    }

  proto = p[off++];
  switch (proto)
    {
    case 240:                   /* IP, RFC 1051 */
      break;

    case 212:                   /* IP, RFC 1201 */
    case 196:                   /* IPv6 */
      /* split flag (+ exception header on Linux), sequence number */
      if (cap < off + 1)
        {
          truncated (ctx, cap, rep, "ARCNET header truncated");
          return;
        }
      if (linux_header && p[off] == 0xff)
        off += 4;
      off += 3;
      break;

    default:
      add_layer (ctx, HS_LAYER_LINK, HS_LINKTYPE_ARCNET_LINUX, p, off);
      return;
    }

  if (cap < off)
    {
      truncated (ctx, cap, rep, "ARCNET header truncated");
      return;
    }

  add_layer (ctx, HS_LAYER_LINK, HS_LINKTYPE_ARCNET_LINUX, p, off);
  if (proto == 196)
    decode_ipv6 (ctx, p + off, cap - off, rep - off);
  else
    decode_ipv4 (ctx, p + off, cap - off, rep - off);
}

/* BSD loopback: the address family, in host or network byte order. */
static void
decode_null (DecodeCtx    *ctx,
             int           linktype,
             const guint8 *p,
             guint         cap,
             guint         rep)
{
  guint32 family;

  if (cap < 4)
    {
      truncated (ctx, cap, rep, "Loopback header truncated");
      return;
    }

  if (linktype == HS_LINKTYPE_NULL && p[0] == 0xff && p[1] == 0x03)
    {
      decode_ppp_hdlc (ctx, p, cap, rep);
      return;
    }

  if (linktype == HS_LINKTYPE_LOOP)
    family = RD32 (p);
  else
    {
      family = RD32LE (p);
      if (family & 0xffff0000u)
        family = GUINT32_SWAP_LE_BE (family);
    }

  add_layer (ctx, HS_LAYER_LINK, (guint8)linktype, p, 4);

  switch (family)
    {
    case 2:                     /* AF_INET */
      decode_ipv4 (ctx, p + 4, cap - 4, rep - 4);
      break;

    case 10:                    /* Linux */
    case 24:                    /* NetBSD, OpenBSD, BSD/OS */
    case 28:                    /* FreeBSD, DragonFly BSD */
    case 30:                    /* Darwin */
      decode_ipv6 (ctx, p + 4, cap - 4, rep - 4);
      break;

    default:
      break;
    }
}

static void
decode_link (DecodeCtx    *ctx,
             int           linktype,
             const guint8 *p,
             guint         cap,
             guint         rep)
{
  if (!enter (ctx))
    return;

  switch (linktype)
    {
    case HS_LINKTYPE_ETHERNET:
      decode_ethernet (ctx, p, cap, rep);
      break;

    case HS_LINKTYPE_NULL:
    case HS_LINKTYPE_LOOP:
      decode_null (ctx, linktype, p, cap, rep);
      break;

    case HS_LINKTYPE_PPP:
    case HS_LINKTYPE_PPP_HDLC:
      decode_ppp_hdlc (ctx, p, cap, rep);
      break;

    case HS_LINKTYPE_PPP_ETHER:
      decode_pppoe (ctx, p, cap, rep);
      break;

    case HS_LINKTYPE_C_HDLC:
      decode_chdlc (ctx, p, cap, rep);
      break;

    case HS_LINKTYPE_FDDI:
      if (cap < 13)
        {
          truncated (ctx, cap, rep, "FDDI header truncated");
          break;
        }
      add_layer (ctx, HS_LAYER_LINK, HS_LINKTYPE_FDDI, p, 13);
      /* Only LLC frames carry data. */
      if ((p[0] & 0x30) == 0x10)
        decode_llc (ctx, p + 13, cap - 13, rep - 13);
      break;

    case HS_LINKTYPE_ATM_RFC1483:
    case HS_LINKTYPE_ATM_RFC1483_DLT:
      decode_llc (ctx, p, cap, rep);
      break;

    case HS_LINKTYPE_RAW:
    case HS_LINKTYPE_RAW_DLT12:
    case HS_LINKTYPE_RAW_DLT14:
      decode_ip (ctx, p, cap, rep);
      break;

    case HS_LINKTYPE_IPV4:
      decode_ipv4 (ctx, p, cap, rep);
      break;

    case HS_LINKTYPE_IPV6:
      decode_ipv6 (ctx, p, cap, rep);
      break;

    case HS_LINKTYPE_IEEE802_11:
      decode_ieee80211 (ctx, p, cap, rep, FALSE);
      break;

    case HS_LINKTYPE_IEEE802_11_RADIOTAP:
      decode_radiotap (ctx, p, cap, rep);
      break;

    case HS_LINKTYPE_PPI:
      decode_ppi (ctx, p, cap, rep);
      break;

    case HS_LINKTYPE_LINUX_SLL:
      if (cap < 16)
        {
          truncated (ctx, cap, rep, "Linux cooked header truncated");
          break;
        }
      add_layer (ctx, HS_LAYER_LINK, HS_LINKTYPE_LINUX_SLL, p, 16);
      decode_sll_protocol (ctx, RD16 (p + 2), RD16 (p + 14), p + 16, cap - 16, rep - 16);
      break;

    case HS_LINKTYPE_LINUX_SLL2:
      if (cap < 20)
        {
          truncated (ctx, cap, rep, "Linux cooked v2 header truncated");
          break;
        }
      add_layer (ctx, HS_LAYER_LINK, HS_LINKTYPE_LINUX_SLL2 & 0xff, p, 20);
      decode_sll_protocol (ctx, RD16 (p + 8), RD16 (p), p + 20, cap - 20, rep - 20);
      break;

    case HS_LINKTYPE_ARCNET_LINUX:
    case HS_LINKTYPE_ARCNET_BSD:
      decode_arcnet (ctx, p, cap, rep, linktype == HS_LINKTYPE_ARCNET_LINUX);
      break;

    case HS_LINKTYPE_NFLOG:
      decode_nflog (ctx, p, cap, rep);
      break;

    case HS_LINKTYPE_IPOIB:
      /* A 40-byte pseudo-header (the GRH / destination address), then the
       * 4-byte IPoIB header: type and reserved. */
      if (cap < 44)
        {
          truncated (ctx, cap, rep, "IPoIB header truncated");
          break;
        }
      add_layer (ctx, HS_LAYER_LINK, HS_LINKTYPE_IPOIB, p, 44);
      decode_ethertype (ctx, RD16 (p + 40), FALSE, p + 44, cap - 44, rep - 44);
      break;

    default:
      set_status (ctx, HS_DECODE_UNSUPPORTED_LINK, "Unsupported link type");
      break;
    }
}

/* ------------------------------------------------------------------------ */
/* Public API                                                                */

gboolean
hs_decode_frame (int                    linktype,
                 const guint8          *data,
                 guint                  caplen,
                 guint                  orig_len,
                 guint32                frame,
                 HsDefrag              *defrag,
                 HsDecodedPacket       *out)
{
  DecodeCtx ctx;

  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  out->status = HS_DECODE_NOT_TCP;

  if (data == NULL)
    caplen = 0;
  if (orig_len < caplen)
    orig_len = caplen;
  if (caplen < orig_len)
    out->problems |= HS_PROBLEM_SNAPLEN_TRUNCATED;

  ctx.out = out;
  ctx.defrag = defrag;
  ctx.base = data;
  ctx.frame = frame;
  ctx.depth = 0;
  ctx.switched = FALSE;
  ctx.reassembled = FALSE;
  ctx.inflated = FALSE;

  if (!hs_decode_linktype_supported (linktype))
    {
      set_status (&ctx, HS_DECODE_UNSUPPORTED_LINK, "Unsupported link type");
      return FALSE;
    }

  decode_link (&ctx, linktype, data, caplen, orig_len);

  /* The payload of anything but a segment is of no interest. */
  if (out->status != HS_DECODE_TCP)
    {
      out->payload = NULL;
      out->payload_captured = 0;
      out->app = HS_APP_NONE;
    }

  return out->status == HS_DECODE_TCP;
}

gboolean
hs_decode_linktype_supported (int linktype)
{
  switch (linktype)
    {
    case HS_LINKTYPE_NULL:
    case HS_LINKTYPE_ETHERNET:
    case HS_LINKTYPE_ARCNET_BSD:
    case HS_LINKTYPE_PPP:
    case HS_LINKTYPE_FDDI:
    case HS_LINKTYPE_ATM_RFC1483_DLT:
    case HS_LINKTYPE_RAW_DLT12:
    case HS_LINKTYPE_RAW_DLT14:
    case HS_LINKTYPE_PPP_HDLC:
    case HS_LINKTYPE_PPP_ETHER:
    case HS_LINKTYPE_ATM_RFC1483:
    case HS_LINKTYPE_RAW:
    case HS_LINKTYPE_C_HDLC:
    case HS_LINKTYPE_IEEE802_11:
    case HS_LINKTYPE_LOOP:
    case HS_LINKTYPE_LINUX_SLL:
    case HS_LINKTYPE_IEEE802_11_RADIOTAP:
    case HS_LINKTYPE_ARCNET_LINUX:
    case HS_LINKTYPE_PPI:
    case HS_LINKTYPE_IPV4:
    case HS_LINKTYPE_IPV6:
    case HS_LINKTYPE_NFLOG:
    case HS_LINKTYPE_IPOIB:
    case HS_LINKTYPE_LINUX_SLL2:
      return TRUE;

    default:
      return FALSE;
    }
}

const char *
hs_decode_linktype_name (int linktype)
{
  switch (linktype)
    {
    case HS_LINKTYPE_NULL:
      return "BSD loopback";
    case HS_LINKTYPE_ETHERNET:
      return "Ethernet";
    case HS_LINKTYPE_ARCNET_BSD:
      return "ARCNET";
    case HS_LINKTYPE_PPP:
      return "PPP";
    case HS_LINKTYPE_FDDI:
      return "FDDI";
    case HS_LINKTYPE_ATM_RFC1483_DLT:
      return "RFC 1483 LLC/SNAP";
    case HS_LINKTYPE_RAW_DLT12:
      return "Raw IP";
    case HS_LINKTYPE_RAW_DLT14:
      return "Raw IP";
    case HS_LINKTYPE_PPP_HDLC:
      return "PPP in HDLC-like framing";
    case HS_LINKTYPE_PPP_ETHER:
      return "PPPoE";
    case HS_LINKTYPE_ATM_RFC1483:
      return "RFC 1483 LLC/SNAP";
    case HS_LINKTYPE_RAW:
      return "Raw IP";
    case HS_LINKTYPE_C_HDLC:
      return "Cisco HDLC";
    case HS_LINKTYPE_IEEE802_11:
      return "IEEE 802.11";
    case HS_LINKTYPE_LOOP:
      return "OpenBSD loopback";
    case HS_LINKTYPE_LINUX_SLL:
      return "Linux cooked (SLL)";
    case HS_LINKTYPE_IEEE802_11_RADIOTAP:
      return "IEEE 802.11 + radiotap";
    case HS_LINKTYPE_ARCNET_LINUX:
      return "ARCNET (Linux)";
    case HS_LINKTYPE_PPI:
      return "PPI";
    case HS_LINKTYPE_IPV4:
      return "Raw IPv4";
    case HS_LINKTYPE_IPV6:
      return "Raw IPv6";
    case HS_LINKTYPE_NFLOG:
      return "Linux netfilter log (NFLOG)";
    case HS_LINKTYPE_IPOIB:
      return "IP over InfiniBand";
    case HS_LINKTYPE_LINUX_SLL2:
      return "Linux cooked (SLL2)";
    default:
      return "Unknown";
    }
}

char *
hs_format_address (guint8        ip_version,
                   const guint8 *addr)
{
  char buf[INET6_ADDRSTRLEN];

  g_return_val_if_fail (addr != NULL, NULL);

  if (ip_version == 4)
    {
      if (inet_ntop (AF_INET, addr, buf, sizeof buf) != NULL)
        return g_strdup (buf);
    }
  else if (ip_version == 6)
    {
      if (inet_ntop (AF_INET6, addr, buf, sizeof buf) != NULL)
        return g_strdup (buf);
    }

  return g_strdup ("?");
}
