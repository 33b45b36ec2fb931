/* hs-gen-frame.c
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

/* The frames the generator writes: payload bytes, Ethernet + IPv4/IPv6 +
 * TCP headers with options and checksums, and the TLS 1.3 and HTTP/1.1
 * application payload templates. */

#include "hs-gen-capture.h"

/* ------------------------------------------------------------------------ */
/* Payload bytes.  Ordinary payload comes from a fixed random block that     */
/* repeats every 64 KiB of sequence space, so a retransmission carries the    */
/* same bytes as the original.  Prefix sums of its 16-bit words (at even and   */
/* at odd offsets) give any slice's checksum in O(1).                         */

guint8  payload_block[PAYLOAD_PERIOD + PAYLOAD_MARGIN];
guint64 payload_prefix[2][(PAYLOAD_PERIOD + PAYLOAD_MARGIN) / 2 + 1];

void
payload_init (guint64 seed)
{
  Rng r;

  rng_init (&r, seed ^ G_GUINT64_CONSTANT (0x5eed0fda7a));
  rng_fill (&r, payload_block, PAYLOAD_PERIOD);
  /* No line ends or colons, so that text dissectors (HTTP without
   * reassembly) see binary data as body continuation and do not look for
   * header lines in it. */
  for (guint i = 0; i < PAYLOAD_PERIOD; i++)
    if (payload_block[i] == '\n' || payload_block[i] == '\r' || payload_block[i] == ':')
      payload_block[i] |= 0x80;
  memcpy (payload_block + PAYLOAD_PERIOD, payload_block, PAYLOAD_MARGIN);

  for (guint a = 0; a < 2; a++)
    {
      payload_prefix[a][0] = 0;
      for (guint i = 0; i < (PAYLOAD_PERIOD + PAYLOAD_MARGIN) / 2; i++)
        {
          guint off = a + 2 * i;
          guint32 word = 0;

          if (off + 1 < PAYLOAD_PERIOD + PAYLOAD_MARGIN)
            word = ((guint32) payload_block[off] << 8) | payload_block[off + 1];
          payload_prefix[a][i + 1] = payload_prefix[a][i] + word;
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Frame building: Ethernet + IPv4/IPv6 + TCP with options.                  */

/* Writes the headers of a frame sent by side `dir` (0 client, 1 server) into
 * out (at least 128 bytes) and returns their length. */
gsize
build_headers (Tuple         *tu,
               guint          dir,
               const Segment *s,
               guint8        *out)
{
  guint8 *ip = out + 14;
  guint8 *tcp;
  guint8 *o;
  gsize iphl = tu->v6 ? 40 : 20;
  gsize thl;
  gsize optlen = 0;
  guint64 sum;
  guint16 tcplen;

  g_assert (tu != NULL && s != NULL && out != NULL);
  g_assert (dir <= 1);
  g_assert (s->nsack == 0 || s->sack != NULL);

  memcpy (out, tu->mac[!dir], 6);
  memcpy (out + 6, tu->mac[dir], 6);
  put16 (out + 12, tu->v6 ? 0x86dd : 0x0800);

  tcp = ip + iphl;
  o = tcp + 20;
  if (s->opt == OPT_SYN)
    {
      o[0] = 2; o[1] = 4; put16 (o + 2, s->syn_mss);
      o[4] = 4; o[5] = 2;
      o[6] = 8; o[7] = 10; put32 (o + 8, s->tsval); put32 (o + 12, s->tsecr);
      o[16] = 1;
      o[17] = 3; o[18] = 3; o[19] = s->syn_ws;
      optlen = 20;
    }
  else if (s->opt == OPT_TS)
    {
      o[0] = 1; o[1] = 1;
      o[2] = 8; o[3] = 10; put32 (o + 4, s->tsval); put32 (o + 8, s->tsecr);
      optlen = 12;
      if (s->nsack > 0)
        {
          o[12] = 1; o[13] = 1;
          o[14] = 5; o[15] = 2 + 8 * s->nsack;
          for (guint i = 0; i < s->nsack; i++)
            {
              put32 (o + 16 + 8 * i, s->sack[2 * i]);
              put32 (o + 20 + 8 * i, s->sack[2 * i + 1]);
            }
          optlen += 4 + 8 * s->nsack;
        }
    }
  thl = 20 + optlen;
  tcplen = (guint16)(thl + s->len);

  put16 (tcp, tu->port[dir]);
  put16 (tcp + 2, tu->port[!dir]);
  put32 (tcp + 4, s->seq);
  put32 (tcp + 8, (s->flags & TH_ACK) ? s->ack : 0);
  tcp[12] = (guint8)((thl / 4) << 4);
  tcp[13] = (guint8) s->flags;
  put16 (tcp + 14, s->win);
  put16 (tcp + 16, 0);
  put16 (tcp + 18, 0);

  if (!tu->v6)
    {
      ip[0] = 0x45;
      ip[1] = 0;
      put16 (ip + 2, (guint16)(20 + tcplen));
      put16 (ip + 4, (s->flags & TH_RST) ? 0 : tu->ip_id[dir]++);
      put16 (ip + 6, 0x4000);
      ip[8] = tu->ttl[dir];
      ip[9] = 6;
      put16 (ip + 10, 0);
      memcpy (ip + 12, tu->addr[dir], 4);
      memcpy (ip + 16, tu->addr[!dir], 4);
      put16 (ip + 10, csum_fold (csum_bytes (0, ip, 20)));
      sum = csum_bytes (0, ip + 12, 8);
    }
  else
    {
      put32 (ip, 0x60000000u | (tu->flow_label[dir] & 0xfffff));
      put16 (ip + 4, tcplen);
      ip[6] = 6;
      ip[7] = tu->ttl[dir];
      memcpy (ip + 8, tu->addr[dir], 16);
      memcpy (ip + 24, tu->addr[!dir], 16);
      sum = csum_bytes (0, ip + 8, 32);
    }
  sum += 6 + tcplen;
  sum = csum_bytes (sum, tcp, thl);
  sum += s->sum;
  put16 (tcp + 16, csum_fold (sum));

  return 14 + iphl + thl;
}

/* ------------------------------------------------------------------------ */
/* Application payload templates (TLS 1.3 and HTTP/1.1).                     */

static guint8 *
put_ext (guint8  *p,
         guint16  type,
         guint16  len)
{
  put16 (p, type);
  put16 (p + 2, len);
  return p + 4;
}

/* A complete TLS 1.3 ClientHello record of exactly `total` bytes (>= 300). */
gsize
tls_client_hello (guint8     *out,
                  gsize       total,
                  const char *sni,
                  Rng        *r)
{
  static const guint8 suites[] = {
    0x13, 0x01, 0x13, 0x02, 0x13, 0x03, 0xc0, 0x2b, 0xc0, 0x2f, 0xc0, 0x2c, 0xc0, 0x30,
    0xcc, 0xa9, 0xcc, 0xa8, 0xc0, 0x13, 0xc0, 0x14, 0x00, 0x9c, 0x00, 0x9d, 0x00, 0x2f,
    0x00, 0x35,
  };
  static const guint8 sigalgs[] = {
    0x04, 0x03, 0x08, 0x04, 0x04, 0x01, 0x05, 0x03, 0x08, 0x05, 0x05, 0x01, 0x08, 0x06,
    0x06, 0x01,
  };
  gsize snilen = strlen (sni);
  guint8 *p = out + 9;
  guint8 *ext_start;
  gsize used;
  gsize pad;

  g_assert (r != NULL);

  *p++ = 0x03; *p++ = 0x03;
  rng_fill (r, p, 32); p += 32;
  *p++ = 32;
  rng_fill (r, p, 32); p += 32;
  put16 (p, sizeof suites); p += 2;
  memcpy (p, suites, sizeof suites); p += sizeof suites;
  *p++ = 1; *p++ = 0;
  ext_start = p;
  p += 2;

  p = put_ext (p, 0x0000, (guint16)(snilen + 5));                 /* server_name */
  put16 (p, (guint16)(snilen + 3)); p[2] = 0; put16 (p + 3, (guint16) snilen);
  memcpy (p + 5, sni, snilen); p += 5 + snilen;
  p = put_ext (p, 0x0017, 0);                                     /* extended_master_secret */
  p = put_ext (p, 0xff01, 1); *p++ = 0;                           /* renegotiation_info */
  p = put_ext (p, 0x000a, 8);                                     /* supported_groups */
  put16 (p, 6); put16 (p + 2, 0x001d); put16 (p + 4, 0x0017); put16 (p + 6, 0x0018); p += 8;
  p = put_ext (p, 0x000b, 2); *p++ = 1; *p++ = 0;                 /* ec_point_formats */
  p = put_ext (p, 0x0023, 0);                                     /* session_ticket */
  p = put_ext (p, 0x0010, 14);                                    /* ALPN */
  put16 (p, 12); p += 2;
  *p++ = 2; memcpy (p, "h2", 2); p += 2;
  *p++ = 8; memcpy (p, "http/1.1", 8); p += 8;
  p = put_ext (p, 0x0005, 5);                                     /* status_request */
  *p++ = 1; put16 (p, 0); put16 (p + 2, 0); p += 4;
  p = put_ext (p, 0x000d, sizeof sigalgs + 2);                    /* signature_algorithms */
  put16 (p, sizeof sigalgs); p += 2;
  memcpy (p, sigalgs, sizeof sigalgs); p += sizeof sigalgs;
  p = put_ext (p, 0x0033, 38);                                    /* key_share */
  put16 (p, 36); put16 (p + 2, 0x001d); put16 (p + 4, 32); p += 6;
  rng_fill (r, p, 32); p += 32;
  p = put_ext (p, 0x002d, 2); *p++ = 1; *p++ = 1;                 /* psk_key_exchange_modes */
  p = put_ext (p, 0x002b, 5);                                     /* supported_versions */
  *p++ = 4; put16 (p, 0x0304); put16 (p + 2, 0x0303); p += 4;

  used = p - out;
  pad = total > used + 4 ? total - used - 4 : 0;
  p = put_ext (p, 0x0015, (guint16) pad);                         /* padding */
  memset (p, 0, pad);
  p += pad;

  used = p - out;
  put16 (ext_start, (guint16)(p - ext_start - 2));
  out[0] = 0x16; out[1] = 0x03; out[2] = 0x01;
  put16 (out + 3, (guint16)(used - 5));
  out[5] = 0x01;
  out[6] = 0; put16 (out + 7, (guint16)(used - 9));
  return used;
}

/* ServerHello + ChangeCipherSpec records (133 bytes). */
gsize
tls_server_hello (guint8 *out,
                  Rng    *r)
{
  guint8 *p = out + 9;

  g_assert (out != NULL && r != NULL);

  *p++ = 0x03; *p++ = 0x03;
  rng_fill (r, p, 32); p += 32;
  *p++ = 32;
  rng_fill (r, p, 32); p += 32;
  put16 (p, 0x1301); p += 2;
  *p++ = 0;
  put16 (p, 46); p += 2;
  p = put_ext (p, 0x002b, 2); put16 (p, 0x0304); p += 2;
  p = put_ext (p, 0x0033, 36); put16 (p, 0x001d); put16 (p + 2, 32); p += 4;
  rng_fill (r, p, 32); p += 32;

  out[0] = 0x16; out[1] = 0x03; out[2] = 0x03;
  put16 (out + 3, (guint16)(p - out - 5));
  out[5] = 0x02;
  out[6] = 0; put16 (out + 7, (guint16)(p - out - 9));

  p[0] = 0x14; p[1] = 0x03; p[2] = 0x03; p[3] = 0; p[4] = 1; p[5] = 1;
  p += 6;
  return p - out;
}

/* A TLS application data record header for `len` bytes of ciphertext. */
void
tls_data_header (guint8 *out,
                 gsize   len)
{
  out[0] = 0x17; out[1] = 0x03; out[2] = 0x03;
  put16 (out + 3, (guint16) MIN (len, 16384 + 256));
}

static const char *const http_paths[] = {
  "/", "/index.html", "/api/v2/items?page=2", "/static/js/app.4f2a9c.js",
  "/static/css/main.css", "/images/hero.jpg", "/download/release-1.4.2.tar.gz",
  "/api/v2/session", "/favicon.ico", "/video/segment-0042.m4s",
};

/* An HTTP/1.1 request message of `total` bytes: a GET padded with a cookie
 * to that size, or the headers of a POST whose body makes up the rest.
 * Writes at most `room` bytes to out; returns the length of the text. */
gsize
http_request (guint8     *out,
              gsize       room,
              gsize       total,
              guint       variant,
              gboolean    post,
              const char *host)
{
  char buf[2048];
  gsize len = 0;

  if (post)
    {
      /* The header length depends on the digits of the body length. */
      for (guint i = 0; i < 3; i++)
        len = g_snprintf (buf, sizeof buf,
                          "POST /upload HTTP/1.1\r\nHost: %s\r\n"
                          "Content-Type: application/octet-stream\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n",
                          host, total > len ? total - len : 0);
    }
  else
    {
      gsize pad;

      len = g_snprintf (buf, sizeof buf,
                        "GET %s HTTP/1.1\r\nHost: %s\r\n"
                        "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) "
                        "Gecko/20100101 Firefox/128.0\r\n"
                        "Accept: */*\r\nAccept-Encoding: gzip, deflate\r\n",
                        http_paths[variant % G_N_ELEMENTS (http_paths)], host);
      /* "Cookie: sid=" + pad + CRLF + CRLF */
      pad = total > len + 16 ? MIN (total - len - 16, sizeof buf - len - 32) : 0;
      if (pad > 0)
        {
          memcpy (buf + len, "Cookie: sid=", 12);
          len += 12;
          for (gsize i = 0; i < pad; i++)
            buf[len++] = "0123456789abcdef"[(variant * 7 + i * 13) & 15];
          memcpy (buf + len, "\r\n", 2);
          len += 2;
        }
      memcpy (buf + len, "\r\n", 2);
      len += 2;
    }
  memcpy (out, buf, MIN (len, room));
  return len;
}

/* HTTP/1.1 response headers for a message of `total` bytes, at most `room`
 * of them written to out. */
gsize
http_response (guint8 *out,
               gsize   room,
               gsize   total)
{
  gsize hlen = 0;
  char buf[256];

  /* The header length depends on the digits of the body length. */
  for (guint i = 0; i < 3; i++)
    {
      gsize body = total > hlen ? total - hlen : 0;

      hlen = g_snprintf (buf, sizeof buf,
                         "HTTP/1.1 200 OK\r\nServer: nginx/1.24.0\r\n"
                         "Content-Type: application/octet-stream\r\n"
                         "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                         "Connection: keep-alive\r\n\r\n", body);
    }
  memcpy (out, buf, MIN (hlen, room));
  return hlen;
}
