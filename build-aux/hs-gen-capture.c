/* hs-gen-capture.c
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

/* Writes synthetic but realistic TCP captures (classic pcap or pcapng).
 *
 *   hs-gen-capture --packets N [--connections C] [--seed S]
 *                  [--format pcap|pcapng] [--snaplen L] -o FILE
 *   hs-gen-capture --sample -o FILE.pcapng
 *
 * The first form runs a discrete-event simulation of a busy server: clients
 * connect at exponentially distributed intervals, every connection is a pair
 * of simplified TCP endpoints (handshake with MSS/SACK-permitted/timestamps/
 * window scale, slow start and congestion avoidance, delayed ACKs, SACK-based
 * fast recovery, RTO with back-off, persist timer and zero-window probes,
 * keep-alives, receive-buffer auto-tuning, FIN and RST teardown) that run
 * request/response exchanges over a path with a delay, a bottleneck rate,
 * random loss and occasional reordering.  The capture point is a tap next to
 * the server: what the clients send can be lost or reordered before it is
 * captured, what the server sends is captured and can be lost later (and is
 * now and then dropped by a busy switch before the tap).  Nothing is flagged
 * by hand: Wireshark's analysis flags follow from those causes.  About 20 000
 * packets are written per second of capture time, whatever N and C are.
 *
 * Memory stays bounded: connections live in a binary heap keyed by their
 * next event time, each with a small heap of its packets in flight, and
 * packets are written as soon as they reach the capture point.
 *
 * With --connections 1 the capture is one long connection instead: a single
 * client fetching responses one after the other until N packets are written
 * (the capture then ends in the middle of the transfer, without a teardown).
 * The ladder benchmark (bench-ladder.sh) draws it.
 *
 * The second form writes the small, hand-scripted sample capture that the
 * application offers to new users.
 */

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#define NEVER G_MAXINT64

#define SEQ_LT(a, b)  ((gint32)((guint32)(a) - (guint32)(b)) < 0)
#define SEQ_LEQ(a, b) ((gint32)((guint32)(a) - (guint32)(b)) <= 0)
#define SEQ_GT(a, b)  SEQ_LT (b, a)
#define SEQ_GEQ(a, b) SEQ_LEQ (b, a)

#define TH_FIN 0x01
#define TH_SYN 0x02
#define TH_RST 0x04
#define TH_PSH 0x08
#define TH_ACK 0x10

#define USEC_PER_MSEC G_GINT64_CONSTANT (1000)
#define USEC_PER_SEC  G_GINT64_CONSTANT (1000000)

/* Sim time 0 is this wall-clock time (2025-03-14 09:26:53 UTC). */
#define CAPTURE_EPOCH_SEC G_GINT64_CONSTANT (1741944413)

/* ------------------------------------------------------------------------ */
/* Random numbers: xoshiro256** seeded through splitmix64.                   */

typedef struct
{
  guint64 s[4];
} Rng;

static inline guint64
rotl64 (guint64 x,
        int     k)
{
  return (x << k) | (x >> (64 - k));
}

static guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static void
rng_init (Rng     *r,
          guint64  seed)
{
  for (guint i = 0; i < 4; i++)
    r->s[i] = splitmix64 (&seed);
}

static inline guint64
rng_next (Rng *r)
{
  guint64 result = rotl64 (r->s[1] * 5, 7) * 9;
  guint64 t = r->s[1] << 17;

  r->s[2] ^= r->s[0];
  r->s[3] ^= r->s[1];
  r->s[1] ^= r->s[2];
  r->s[0] ^= r->s[3];
  r->s[2] ^= t;
  r->s[3] = rotl64 (r->s[3], 45);
  return result;
}

static inline double
rng_double (Rng *r)
{
  return (rng_next (r) >> 11) * 0x1.0p-53;
}

/* Uniform in [0, n). */
static inline guint32
rng_below (Rng     *r,
           guint32  n)
{
  return (guint32)(((rng_next (r) >> 32) * (guint64) n) >> 32);
}

static inline double
rng_uniform (Rng    *r,
             double  lo,
             double  hi)
{
  return lo + (hi - lo) * rng_double (r);
}

static inline gboolean
rng_chance (Rng    *r,
            double  p)
{
  return rng_double (r) < p;
}

static double
rng_exp (Rng    *r,
         double  mean)
{
  return -mean * log (1.0 - rng_double (r));
}

static double
rng_normal (Rng *r)
{
  double u1 = 1.0 - rng_double (r);
  double u2 = rng_double (r);

  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

/* Log-normal with the given mean (not median) and shape. */
static double
rng_lognormal (Rng    *r,
               double  mean,
               double  sigma)
{
  double mu = log (mean) - sigma * sigma / 2.0;

  return exp (mu + sigma * rng_normal (r));
}

static void
rng_fill (Rng    *r,
          guint8 *buf,
          gsize   len)
{
  for (gsize i = 0; i < len; i++)
    buf[i] = (guint8)(rng_next (r) >> 56);
}

/* ------------------------------------------------------------------------ */
/* Internet checksum.                                                        */

static guint64
csum_bytes (guint64       sum,
            const guint8 *p,
            gsize         len)
{
  gsize i = 0;

  for (; i + 1 < len; i += 2)
    sum += ((guint32) p[i] << 8) | p[i + 1];
  if (i < len)
    sum += (guint32) p[i] << 8;
  return sum;
}

static guint16
csum_fold (guint64 sum)
{
  while (sum >> 16)
    sum = (sum & 0xffff) + (sum >> 16);
  return (guint16) ~sum;
}

/* ------------------------------------------------------------------------ */
/* Payload bytes.  Ordinary payload comes from a fixed random block that     */
/* repeats every 64 KiB of sequence space, so a retransmission carries the    */
/* same bytes as the original.  Prefix sums of its 16-bit words (at even and   */
/* at odd offsets) give any slice's checksum in O(1).                         */

#define PAYLOAD_PERIOD 65536
#define PAYLOAD_MARGIN 2048

static guint8  payload_block[PAYLOAD_PERIOD + PAYLOAD_MARGIN];
static guint64 payload_prefix[2][(PAYLOAD_PERIOD + PAYLOAD_MARGIN) / 2 + 1];

static void
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

/* Sum of the 16-bit words of payload_block[off, off + len), as they would be
 * summed when the slice starts at an even offset in the TCP segment (the
 * TCP header length is always a multiple of 4). */
static guint64
payload_sum (guint off,
             guint len)
{
  guint a = off & 1;
  guint first = (off - a) / 2;
  guint64 sum = payload_prefix[a][first + len / 2] - payload_prefix[a][first];

  if (len & 1)
    sum += (guint32) payload_block[off + len - 1] << 8;
  return sum;
}

/* ------------------------------------------------------------------------ */
/* Capture file writer.                                                      */

#define WRITER_BUFFER_SIZE (1 << 20)

typedef struct
{
  FILE    *fp;
  gboolean pcapng;
  guint32  snaplen;
  guint64  packets;
  guint64  bytes;
  gboolean failed;
  gsize    len;
  guint8  *buf;
} Writer;

static void
put16 (guint8  *p,
       guint16  v)
{
  p[0] = v >> 8;
  p[1] = v & 0xff;
}

static void
put32 (guint8  *p,
       guint32  v)
{
  p[0] = v >> 24;
  p[1] = (v >> 16) & 0xff;
  p[2] = (v >> 8) & 0xff;
  p[3] = v & 0xff;
}

static void
putle16 (guint8  *p,
         guint16  v)
{
  p[0] = v & 0xff;
  p[1] = v >> 8;
}

static void
putle32 (guint8  *p,
         guint32  v)
{
  p[0] = v & 0xff;
  p[1] = (v >> 8) & 0xff;
  p[2] = (v >> 16) & 0xff;
  p[3] = v >> 24;
}

static void
writer_flush (Writer *w)
{
  if (w->len > 0 && fwrite (w->buf, 1, w->len, w->fp) != w->len)
    w->failed = TRUE;
  w->len = 0;
}

static inline void
writer_raw (Writer     *w,
            const void *data,
            gsize       len)
{
  if (len == 0)
    return;
  if (w->len + len > WRITER_BUFFER_SIZE)
    {
      writer_flush (w);
      if (len > WRITER_BUFFER_SIZE)
        {
          if (fwrite (data, 1, len, w->fp) != len)
            w->failed = TRUE;
          return;
        }
    }
  memcpy (w->buf + w->len, data, len);
  w->len += len;
}

static gsize
pcapng_option (guint8     *p,
               guint16     code,
               const void *data,
               guint16     len)
{
  gsize padded = (len + 3u) & ~3u;

  putle16 (p, code);
  putle16 (p + 2, len);
  if (len > 0)
    memcpy (p + 4, data, len);
  memset (p + 4 + len, 0, padded - len);
  return 4 + padded;
}

static gboolean
writer_open (Writer      *w,
             const char  *path,
             gboolean     pcapng,
             guint32      snaplen,
             GError     **error)
{
  guint8 hdr[256];

  memset (w, 0, sizeof *w);
  w->pcapng = pcapng;
  w->snaplen = snaplen ? snaplen : 262144;

  if (g_strcmp0 (path, "-") == 0)
    w->fp = stdout;
  else
    w->fp = fopen (path, "wb");
  if (w->fp == NULL)
    {
      int errsv = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                   "Cannot create %s: %s", path, g_strerror (errsv));
      return FALSE;
    }
  w->buf = g_malloc (WRITER_BUFFER_SIZE);

  if (!pcapng)
    {
      putle32 (hdr, 0xa1b2c3d4);        /* microsecond timestamps */
      putle16 (hdr + 4, 2);
      putle16 (hdr + 6, 4);
      putle32 (hdr + 8, 0);
      putle32 (hdr + 12, 0);
      putle32 (hdr + 16, w->snaplen);
      putle32 (hdr + 20, 1);            /* LINKTYPE_ETHERNET */
      writer_raw (w, hdr, 24);
    }
  else
    {
      static const char appl[] = "hs-gen-capture (Handshake)";
      static const char ifname[] = "eth0";
      static const guint8 tsresol = 6;
      gsize n = 0;

      /* Section Header Block */
      putle32 (hdr + 0, 0x0a0d0d0a);
      putle32 (hdr + 8, 0x1a2b3c4d);
      putle16 (hdr + 12, 1);
      putle16 (hdr + 14, 0);
      putle32 (hdr + 16, 0xffffffff);
      putle32 (hdr + 20, 0xffffffff);
      n = 24;
      n += pcapng_option (hdr + n, 4, appl, sizeof appl - 1);      /* shb_userappl */
      n += pcapng_option (hdr + n, 0, NULL, 0);
      n += 4;
      putle32 (hdr + 4, n);
      putle32 (hdr + n - 4, n);
      writer_raw (w, hdr, n);

      /* Interface Description Block */
      putle32 (hdr + 0, 1);
      putle16 (hdr + 8, 1);
      putle16 (hdr + 10, 0);
      putle32 (hdr + 12, w->snaplen);
      n = 16;
      n += pcapng_option (hdr + n, 2, ifname, sizeof ifname - 1);  /* if_name */
      n += pcapng_option (hdr + n, 9, &tsresol, 1);               /* if_tsresol */
      n += pcapng_option (hdr + n, 0, NULL, 0);
      n += 4;
      putle32 (hdr + 4, n);
      putle32 (hdr + n - 4, n);
      writer_raw (w, hdr, n);
    }

  return !w->failed;
}

/* Writes one Ethernet frame made of headers + payload; t is sim time in µs. */
static void
writer_packet (Writer       *w,
               gint64        t,
               const guint8 *hdr,
               gsize         hdr_len,
               const guint8 *payload,
               gsize         payload_len)
{
  guint8 rec[32];
  gsize orig = hdr_len + payload_len;
  gsize caplen = MIN (orig, w->snaplen);
  gsize cap_hdr = MIN (hdr_len, caplen);
  gsize cap_payload = caplen - cap_hdr;
  guint64 ts = (guint64)(CAPTURE_EPOCH_SEC * USEC_PER_SEC + t);

  if (!w->pcapng)
    {
      putle32 (rec, (guint32)(ts / USEC_PER_SEC));
      putle32 (rec + 4, (guint32)(ts % USEC_PER_SEC));
      putle32 (rec + 8, caplen);
      putle32 (rec + 12, orig);
      writer_raw (w, rec, 16);
      writer_raw (w, hdr, cap_hdr);
      writer_raw (w, payload, cap_payload);
    }
  else
    {
      static const guint8 zeros[4] = { 0 };
      gsize pad = (4 - (caplen & 3)) & 3;
      guint32 total = 28 + caplen + pad + 4;

      putle32 (rec, 6);                 /* Enhanced Packet Block */
      putle32 (rec + 4, total);
      putle32 (rec + 8, 0);
      putle32 (rec + 12, (guint32)(ts >> 32));
      putle32 (rec + 16, (guint32) ts);
      putle32 (rec + 20, caplen);
      putle32 (rec + 24, orig);
      writer_raw (w, rec, 28);
      writer_raw (w, hdr, cap_hdr);
      writer_raw (w, payload, cap_payload);
      writer_raw (w, zeros, pad);
      putle32 (rec, total);
      writer_raw (w, rec, 4);
    }

  w->packets++;
  w->bytes += orig;
}

static gboolean
writer_close (Writer  *w,
              GError **error)
{
  writer_flush (w);
  g_clear_pointer (&w->buf, g_free);
  if (w->fp != stdout)
    {
      if (fclose (w->fp) != 0)
        w->failed = TRUE;
    }
  else if (fflush (w->fp) != 0)
    w->failed = TRUE;
  w->fp = NULL;

  if (w->failed)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO, "Write error: %s", g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Frame building: Ethernet + IPv4/IPv6 + TCP with options.                  */

typedef struct
{
  gboolean v6;
  guint8   addr[2][16];   /* [0] client, [1] server */
  guint16  port[2];
  guint8   mac[2][6];
  guint8   ttl[2];        /* as seen at the capture point */
  guint32  flow_label[2];
  guint16  ip_id[2];
} Tuple;

enum
{
  OPT_NONE,
  OPT_TS,
  OPT_SYN,
};

typedef struct
{
  guint16        flags;
  guint32        seq;
  guint32        ack;
  guint16        win;
  guint8         opt;
  guint16        syn_mss;
  guint8         syn_ws;
  guint32        tsval;
  guint32        tsecr;
  guint          nsack;
  const guint32 *sack;
  guint          len;
  guint64        sum;       /* payload word sum */
} Segment;

/* Writes the headers of a frame sent by side `dir` (0 client, 1 server) into
 * out (at least 128 bytes) and returns their length. */
static gsize
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
static gsize
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
static gsize
tls_server_hello (guint8 *out,
                  Rng    *r)
{
  guint8 *p = out + 9;

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
static void
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
static gsize
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
static gsize
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

/* ------------------------------------------------------------------------ */
/* The simulation.                                                          */

#define MAX_RANGES 8

typedef struct
{
  guint32 start;
  guint32 end;
} Range;

enum
{
  EV_TAP,      /* the packet reaches the capture point */
  EV_ARRIVE,   /* the packet reaches the receiving endpoint */
};

enum
{
  HDR_NONE,
  HDR_TLS_CH,
  HDR_TLS_SH,
  HDR_TLS_DATA,
  HDR_HTTP_REQ,
  HDR_HTTP_POST,
  HDR_HTTP_RESP,
  HDR_ZERO_BYTE,
};

typedef struct
{
  gint64  time;
  guint32 serial;
  guint8  kind;
  guint8  dir;          /* sender: 0 client, 1 server */
  guint8  drop_post;    /* lost between the capture point and the receiver */
  guint8  nsack;
  guint8  flags;
  guint8  opt;
  guint8  hdr;
  guint16 len;
  guint16 win;
  guint32 seq;
  guint32 ack;
  guint32 tsval;
  guint32 tsecr;
  guint32 msg_len;
  guint32 sack[6];
} Pkt;

enum
{
  OS_LINUX,
  OS_WINDOWS,
  OS_BSD,      /* macOS, iOS, FreeBSD */
};

enum
{
  ST_IDLE,     /* client not yet connecting; server listening */
  ST_SYN_SENT,
  ST_SYN_RCVD,
  ST_EST,
  ST_DEAD,     /* reset or aborted */
};

enum
{
  CS_OPEN,
  CS_RECOVERY,
  CS_LOSS,
};

enum
{
  ACT_NONE,
  ACT_CONNECT,
  ACT_REQUEST,
  ACT_RESPONSE,
  ACT_FIN,
  ACT_RST,
};

typedef struct
{
  guint8   os;
  guint8   wscale;
  guint8   peer_wscale;
  guint8   state;
  guint8   cstate;
  guint8   retries;
  guint8   app_act;
  guint8   msg_hdr;
  guint16  mss_opt;
  guint16  mss;
  guint16  syn_win;
  guint    slow_reader : 1;
  guint    keepalive : 1;
  guint    fin_queued : 1;
  guint    fin_sent : 1;
  guint    fin_acked : 1;
  guint    fin_rcvd : 1;
  guint    force_retx : 1;
  guint    ack_now : 1;
  guint    probe_out : 1;
  guint    rtt_timing : 1;
  guint    has_dsack : 1;
  guint    syn_retx : 1;

  guint32  iss;
  guint32  ts_offset;
  gint64   delack_time;
  gint64   rto_min;

  /* sender */
  guint32  snd_una;
  guint32  snd_nxt;
  guint32  app_end;
  guint32  fin_seq;
  guint32  peer_edge;
  guint32  max_peer_wnd;
  guint32  cwnd;
  guint32  ssthresh;
  guint32  recover;
  guint32  retx_nxt;
  guint32  dupacks;
  guint32  rtt_seq;
  gint64   rtt_time;
  gint64   srtt;
  gint64   rttvar;
  gint64   rto;
  guint    persist_backoff;
  guint32  msg_start;
  guint32  msg_len;
  guint    n_sb;
  Range    sb[MAX_RANGES];

  /* receiver */
  guint32  irs;
  guint32  rcv_nxt;
  guint32  rcv_wup;
  guint32  rcv_wnd;
  guint32  buf;
  guint32  buf_max;
  guint32  unread;
  guint32  unacked_bytes;
  guint32  ts_recent;
  guint32  read_chunk;
  guint32  last_ooo;
  guint    n_ooo;
  Range    ooo[MAX_RANGES];
  Range    dsack;
  guint64  rcvd_total;

  /* timers */
  gint64   rto_at;
  gint64   persist_at;
  gint64   delack_at;
  gint64   app_at;
  gint64   read_at;
  gint64   ka_at;
  gint64   ka_idle;
  gint64   read_iv;
} Endpoint;

enum
{
  KIND_WEB,
  KIND_IDLE,       /* long-lived, mostly idle, with keep-alives */
  KIND_REFUSED,    /* SYN answered by RST */
};

enum
{
  CLOSE_CLIENT_FIN,
  CLOSE_SERVER_FIN,
  CLOSE_CLIENT_RST,
  CLOSE_SERVER_RST,
  CLOSE_ABORT,     /* client resets in the middle of a response */
};

enum
{
  APP_TLS,
  APP_HTTP,
};

typedef struct
{
  guint    heap_index;
  gint64   key;
  guint64  id;
  Tuple    tu;
  Endpoint ep[2];

  gint64   pre_delay[2];
  gint64   post_delay[2];
  double   pre_us_per_byte[2];
  double   post_us_per_byte[2];
  double   loss_pre[2];
  double   loss_post[2];
  double   reorder_pre[2];
  double   reorder_post[2];
  double   burst;
  gint64   last_tap[2];
  gint64   last_arr[2];
  gboolean last_lost[2];

  Pkt     *q;
  guint    qlen;
  guint    qcap;

  guint8   kind;
  guint8   close_mode;
  guint8   app;
  guint8   syn_drops;
  guint    ex;
  guint    n_ex;
  guint    upload_ex;
  guint32  req_end;
  guint32  resp_end;
  guint32  abort_seq;
  gboolean req_pending;
  gboolean resp_pending;
  gboolean abort_armed;
  guint64  bytes_left;
  gint64   think_mean;
  gint64   idle_close;
  guint    client_slot;
} Conn;

typedef struct
{
  guint8   addr[16];
  gboolean v6;
  guint8   os;
  guint8   ttl;
  guint16  next_port;
  guint16  mss;
  double   rtt_ms;
  double   down_mbps;
  double   loss;
  double   reorder;
  guint    live;
} Client;

#define N_CLIENT_SLOTS 512

typedef struct
{
  Rng      rng;
  Writer  *w;
  guint64  target_packets;
  guint64  target_conns;
  guint64  spawned;
  guint64  next_id;
  guint32  serial;
  gint64   now;
  gint64   next_arrival;
  double   arrival_mean;
  guint64  mean_budget;

  Conn   **heap;
  guint    heap_len;
  guint    heap_cap;
  guint    max_active;

  Client   clients[N_CLIENT_SLOTS];
  guint    client_cursor;

  guint64  reused;
  gboolean single;      /* --connections 1: one connection of target_packets */
} Sim;

/* -- the per-connection heap of packets in flight ------------------------ */

static inline gboolean
pkt_before (const Pkt *a,
            const Pkt *b)
{
  return a->time < b->time || (a->time == b->time && (gint32)(a->serial - b->serial) < 0);
}

static void
pq_push (Conn      *c,
         const Pkt *p)
{
  guint i;

  if (c->qlen == c->qcap)
    {
      c->qcap = c->qcap ? c->qcap * 2 : 16;
      c->q = g_renew (Pkt, c->q, c->qcap);
    }
  i = c->qlen++;
  while (i > 0)
    {
      guint parent = (i - 1) / 2;

      if (!pkt_before (p, &c->q[parent]))
        break;
      c->q[i] = c->q[parent];
      i = parent;
    }
  c->q[i] = *p;
}

static void
pq_pop (Conn *c,
        Pkt  *out)
{
  Pkt last;
  guint i = 0;

  *out = c->q[0];
  last = c->q[--c->qlen];
  for (;;)
    {
      guint l = 2 * i + 1;
      guint m;

      if (l >= c->qlen)
        break;
      m = (l + 1 < c->qlen && pkt_before (&c->q[l + 1], &c->q[l])) ? l + 1 : l;
      if (!pkt_before (&c->q[m], &last))
        break;
      c->q[i] = c->q[m];
      i = m;
    }
  if (c->qlen > 0)
    c->q[i] = last;
}

/* -- the global heap of connections ---------------------------------------- */

static inline gboolean
conn_before (const Conn *a,
             const Conn *b)
{
  return a->key < b->key || (a->key == b->key && a->id < b->id);
}

static void
heap_sift_up (Sim  *sim,
              guint i)
{
  Conn *c = sim->heap[i];

  while (i > 0)
    {
      guint parent = (i - 1) / 2;

      if (!conn_before (c, sim->heap[parent]))
        break;
      sim->heap[i] = sim->heap[parent];
      sim->heap[i]->heap_index = i;
      i = parent;
    }
  sim->heap[i] = c;
  c->heap_index = i;
}

static void
heap_sift_down (Sim  *sim,
                guint i)
{
  Conn *c = sim->heap[i];

  for (;;)
    {
      guint l = 2 * i + 1;
      guint m;

      if (l >= sim->heap_len)
        break;
      m = (l + 1 < sim->heap_len && conn_before (sim->heap[l + 1], sim->heap[l])) ? l + 1 : l;
      if (!conn_before (sim->heap[m], c))
        break;
      sim->heap[i] = sim->heap[m];
      sim->heap[i]->heap_index = i;
      i = m;
    }
  sim->heap[i] = c;
  c->heap_index = i;
}

static void
heap_push (Sim  *sim,
           Conn *c)
{
  if (sim->heap_len == sim->heap_cap)
    {
      sim->heap_cap = sim->heap_cap ? sim->heap_cap * 2 : 256;
      sim->heap = g_renew (Conn *, sim->heap, sim->heap_cap);
    }
  sim->heap[sim->heap_len] = c;
  c->heap_index = sim->heap_len++;
  heap_sift_up (sim, c->heap_index);
  sim->max_active = MAX (sim->max_active, sim->heap_len);
}

static void
heap_remove_top (Sim *sim)
{
  sim->heap_len--;
  if (sim->heap_len > 0)
    {
      sim->heap[0] = sim->heap[sim->heap_len];
      sim->heap[0]->heap_index = 0;
      heap_sift_down (sim, 0);
    }
}

/* -- scoreboards (sorted, non-overlapping ranges) ---------------------------- */

static void
ranges_add (Range   *r,
            guint   *n,
            guint32  start,
            guint32  end)
{
  guint i = 0;
  guint j;

  if (!SEQ_LT (start, end))
    return;

  while (i < *n && SEQ_LT (r[i].end, start))
    i++;
  /* r[i] is the first range that ends at or after start: merge from there */
  j = i;
  while (j < *n && SEQ_LEQ (r[j].start, end))
    {
      if (SEQ_LT (r[j].start, start))
        start = r[j].start;
      if (SEQ_GT (r[j].end, end))
        end = r[j].end;
      j++;
    }
  if (j > i)
    {
      r[i].start = start;
      r[i].end = end;
      memmove (&r[i + 1], &r[j], (*n - j) * sizeof (Range));
      *n -= j - i - 1;
      return;
    }
  if (*n == MAX_RANGES)
    {
      if (i == MAX_RANGES)
        return;
      (*n)--;
    }
  memmove (&r[i + 1], &r[i], (*n - i) * sizeof (Range));
  r[i].start = start;
  r[i].end = end;
  (*n)++;
}

/* Drops everything below `una`. */
static void
ranges_trim (Range   *r,
             guint   *n,
             guint32  una)
{
  guint k = 0;

  for (guint i = 0; i < *n; i++)
    {
      if (SEQ_LEQ (r[i].end, una))
        continue;
      r[k] = r[i];
      if (SEQ_LT (r[k].start, una))
        r[k].start = una;
      k++;
    }
  *n = k;
}

/* Bytes of [a, b) covered by the ranges. */
static guint32
ranges_covered (const Range *r,
                guint        n,
                guint32      a,
                guint32      b)
{
  guint32 total = 0;

  for (guint i = 0; i < n; i++)
    {
      guint32 s = SEQ_GT (r[i].start, a) ? r[i].start : a;
      guint32 e = SEQ_LT (r[i].end, b) ? r[i].end : b;

      if (SEQ_LT (s, e))
        total += e - s;
    }
  return total;
}

/* The first byte at or after `from` (and below `limit`) not covered. */
static gboolean
ranges_next_hole (const Range *r,
                  guint        n,
                  guint32      from,
                  guint32      limit,
                  guint32     *hole,
                  guint32     *hole_end)
{
  guint32 pos = from;

  for (guint i = 0; i < n && SEQ_LT (pos, limit); i++)
    {
      if (SEQ_LEQ (r[i].end, pos))
        continue;
      if (SEQ_LT (pos, r[i].start))
        {
          *hole = pos;
          *hole_end = SEQ_LT (r[i].start, limit) ? r[i].start : limit;
          return TRUE;
        }
      pos = r[i].end;
    }
  if (SEQ_LT (pos, limit))
    {
      *hole = pos;
      *hole_end = limit;
      return TRUE;
    }
  return FALSE;
}

/* -- sending ---------------------------------------------------------------- */

static inline double
us_per_byte (double mbps)
{
  return 8.0 / mbps;
}

static guint32
ep_tsval (Endpoint *e,
          gint64    now)
{
  return e->ts_offset + (guint32)(now / USEC_PER_MSEC);
}

/* What is left of the receive window this endpoint last announced. */
static inline guint32
ep_window_left (Endpoint *e)
{
  guint32 edge = e->rcv_wup + e->rcv_wnd;

  return SEQ_GT (edge, e->rcv_nxt) ? edge - e->rcv_nxt : 0;
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

static void
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
static void
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

static void
ep_send_ack (Sim   *sim,
             Conn  *c,
             guint  ei)
{
  Endpoint *e = &c->ep[ei];

  conn_send (sim, c, ei, TH_ACK, e->snd_nxt, 0, HDR_NONE);
}

static void
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
static guint8
ep_segment_hdr (Endpoint *e,
                guint32   seq)
{
  return seq == e->msg_start ? e->msg_hdr : HDR_NONE;
}

/* Data is waiting but the peer's window does not let a segment out. */
static gboolean
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

static void
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

static void
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
static void
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
static void
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

/* -- receiving --------------------------------------------------------------- */

static void
ep_rtt_sample (Endpoint *e,
               gint64    sample)
{
  if (e->srtt == 0)
    {
      e->srtt = sample;
      e->rttvar = sample / 2;
    }
  else
    {
      gint64 err = sample - e->srtt;

      e->srtt += err / 8;
      e->rttvar += ((err < 0 ? -err : err) - e->rttvar) / 4;
    }
  e->rto = MAX (e->srtt + 4 * e->rttvar, e->rto_min);
  e->rto = MIN (e->rto, 60 * USEC_PER_SEC);
}

static void
ep_on_ack (Sim       *sim,
           Conn      *c,
           guint      ei,
           const Pkt *p)
{
  Endpoint *e = &c->ep[ei];
  guint32 ack = p->ack;
  guint32 wnd = (guint32) p->win << e->peer_wscale;
  guint32 old_edge = e->peer_edge;

  if (SEQ_GT (ack, e->snd_nxt))
    {
      if (e->probe_out && ack == e->snd_nxt + 1)
        e->snd_nxt++;       /* the receiver kept the probe byte */
      else
        return;
    }
  e->probe_out = FALSE;

  for (guint i = 0; i < p->nsack; i++)
    {
      guint32 s = p->sack[2 * i];
      guint32 en = p->sack[2 * i + 1];

      if (SEQ_GT (s, ack) && SEQ_LEQ (en, e->snd_nxt))
        ranges_add (e->sb, &e->n_sb, s, en);
    }

  if (SEQ_GT (ack, e->snd_una))
    {
      guint32 acked = ack - e->snd_una;

      e->snd_una = ack;
      ranges_trim (e->sb, &e->n_sb, ack);
      if (e->fin_sent && SEQ_GT (ack, e->fin_seq))
        e->fin_acked = TRUE;
      if (e->rtt_timing && SEQ_GEQ (ack, e->rtt_seq))
        {
          e->rtt_timing = FALSE;
          ep_rtt_sample (e, sim->now - e->rtt_time);
        }
      e->dupacks = 0;
      e->retries = 0;
      switch (e->cstate)
        {
        case CS_OPEN:
          if (e->cwnd < e->ssthresh)
            e->cwnd += MIN (acked, 2u * e->mss);
          else
            e->cwnd += MAX (1u, (guint32)((guint64) e->mss * e->mss / e->cwnd));
          break;
        case CS_RECOVERY:
          if (SEQ_GEQ (ack, e->recover))
            {
              e->cstate = CS_OPEN;
              e->cwnd = e->ssthresh;
            }
          break;
        case CS_LOSS:
          e->cwnd += MIN (acked, 2u * e->mss);
          if (SEQ_GEQ (ack, e->recover))
            e->cstate = CS_OPEN;
          break;
        default:
          break;
        }
      e->cwnd = MIN (e->cwnd, 160u * e->mss);
      if (SEQ_LT (e->retx_nxt, e->snd_una))
        e->retx_nxt = e->snd_una;
      e->rto_at = (e->snd_una == e->snd_nxt) ? NEVER : sim->now + e->rto;
    }
  else if (ack == e->snd_una && p->len == 0 && !(p->flags & (TH_SYN | TH_FIN))
           && SEQ_LT (e->snd_una, e->snd_nxt) && ack + wnd == old_edge)
    {
      e->dupacks++;
      if (e->cstate == CS_OPEN
          && (e->dupacks >= 3
              || ranges_covered (e->sb, e->n_sb, e->snd_una, e->snd_nxt) >= 3u * e->mss))
        {
          guint32 flight = e->snd_nxt - e->snd_una;

          e->ssthresh = MAX (flight / 2, 2u * e->mss);
          e->cwnd = e->ssthresh;
          e->recover = e->snd_nxt;
          e->retx_nxt = e->snd_una;
          e->cstate = CS_RECOVERY;
          e->force_retx = TRUE;
          e->rtt_timing = FALSE;
        }
    }

  e->peer_edge = ack + wnd;
  e->max_peer_wnd = MAX (e->max_peer_wnd, wnd);
  if (!ep_window_stuck (e))
    {
      e->persist_at = NEVER;
      e->persist_backoff = 0;
    }
}

static void
ep_on_data (Sim       *sim,
            Conn      *c,
            guint      ei,
            const Pkt *p)
{
  Endpoint *e = &c->ep[ei];
  guint32 seq = p->seq;
  guint32 end = seq + p->len;
  gboolean fin = (p->flags & TH_FIN) != 0;
  guint32 seg_end = end + (fin ? 1 : 0);
  guint32 cur_win;
  guint32 newbytes;
  gboolean had_ooo;
  gboolean overlap;

  if (p->len == 0 && !fin)
    {
      /* A bare ACK below the window (keep-alive, Linux zero-window probe)
       * is not acceptable and is answered with an ACK (RFC 9293 3.10.7.4). */
      if (SEQ_LT (seq, e->rcv_nxt))
        e->ack_now = TRUE;
      return;
    }

  /* Old or duplicate (keep-alives, spurious retransmissions) */
  if (SEQ_LEQ (seg_end, e->rcv_nxt))
    {
      if (p->len > 1)
        {
          e->dsack.start = seq;
          e->dsack.end = end;
          e->has_dsack = TRUE;
        }
      e->ack_now = TRUE;
      return;
    }

  cur_win = ep_window_left (e);

  if (SEQ_GT (seq, e->rcv_nxt))
    {
      /* A hole before it: keep it, answer with a duplicate ACK at once. */
      if (SEQ_LEQ (end, e->rcv_nxt + cur_win) && p->len > 0)
        {
          ranges_add (e->ooo, &e->n_ooo, seq, end);
          e->last_ooo = seq;
        }
      e->ack_now = TRUE;
      return;
    }

  if (cur_win == 0 && p->len > 0)
    {
      /* Zero window: the byte (a probe) is dropped and answered. */
      e->ack_now = TRUE;
      return;
    }

  overlap = SEQ_LT (seq, e->rcv_nxt);
  newbytes = end - e->rcv_nxt;
  if (newbytes > cur_win)
    {
      newbytes = cur_win;
      fin = FALSE;
    }
  had_ooo = e->n_ooo > 0;
  e->rcv_nxt += newbytes;
  e->unread += newbytes;
  e->rcvd_total += newbytes;
  e->unacked_bytes += newbytes;

  /* Out-of-order data now in sequence */
  while (e->n_ooo > 0 && SEQ_LEQ (e->ooo[0].start, e->rcv_nxt))
    {
      if (SEQ_GT (e->ooo[0].end, e->rcv_nxt))
        {
          guint32 more = e->ooo[0].end - e->rcv_nxt;

          e->rcv_nxt += more;
          e->unread += more;
          e->rcvd_total += more;
        }
      memmove (&e->ooo[0], &e->ooo[1], (e->n_ooo - 1) * sizeof (Range));
      e->n_ooo--;
    }

  if (fin && e->rcv_nxt == end && !e->fin_rcvd)
    {
      e->rcv_nxt++;
      ep_peer_fin (sim, c, ei);
    }

  /* Receive buffer auto-tuning */
  if (!e->slow_reader && e->buf < e->buf_max)
    e->buf = (guint32) MIN ((guint64) e->buf_max, (guint64) e->syn_win + 2 * e->rcvd_total);

  if (e->slow_reader)
    {
      if (e->read_at == NEVER)
        e->read_at = sim->now + e->read_iv;
    }
  else
    e->unread = 0;

  if (had_ooo || overlap || e->unacked_bytes >= 2u * e->mss)
    e->ack_now = TRUE;
  else if (e->delack_at == NEVER)
    e->delack_at = sim->now + e->delack_time;
}

static void
ep_receive (Sim       *sim,
            Conn      *c,
            guint      ei,
            const Pkt *p)
{
  Endpoint *e = &c->ep[ei];

  if (e->state == ST_DEAD)
    {
      if (!(p->flags & TH_RST))
        conn_send_reset_reply (sim, c, ei, p);
      return;
    }
  if (p->flags & TH_RST)
    {
      if (e->state != ST_IDLE)
        {
          e->state = ST_DEAD;
          ep_clear_timers (e);
        }
      return;
    }

  /* Server side of the handshake */
  if (ei == 1 && (p->flags & TH_SYN) && !(p->flags & TH_ACK))
    {
      if (e->state == ST_IDLE)
        {
          if (c->kind == KIND_REFUSED)
            {
              conn_send_reset_reply (sim, c, ei, p);
              e->state = ST_DEAD;
              return;
            }
          if (c->syn_drops > 0)
            {
              c->syn_drops--;    /* accept queue overflow: silently dropped */
              return;
            }
          e->state = ST_SYN_RCVD;
          e->irs = p->seq;
          e->rcv_nxt = p->seq + 1;
          e->ts_recent = p->tsval;
          e->snd_una = e->iss;
          e->snd_nxt = e->iss + 1;
          e->app_end = e->iss + 1;
          e->rtt_time = sim->now;
          conn_send (sim, c, ei, TH_SYN | TH_ACK, e->iss, 0, HDR_NONE);
          e->rto = USEC_PER_SEC;
          e->rto_at = sim->now + e->rto;
        }
      else if (e->state == ST_SYN_RCVD && p->seq == e->irs)
        conn_send (sim, c, ei, TH_SYN | TH_ACK, e->iss, 0, HDR_NONE);
      return;
    }

  /* Client side of the handshake */
  if (ei == 0 && (p->flags & TH_SYN))
    {
      if (e->state == ST_SYN_SENT && (p->flags & TH_ACK) && p->ack == e->iss + 1)
        {
          e->state = ST_EST;
          e->irs = p->seq;
          e->rcv_nxt = p->seq + 1;
          e->rcv_wup = e->rcv_nxt;
          e->rcv_wnd = e->syn_win;
          e->ts_recent = p->tsval;
          e->snd_una = e->iss + 1;
          e->peer_edge = e->snd_una + p->win;
          e->max_peer_wnd = p->win;
          e->rto_at = NEVER;
          e->retries = 0;
          if (!e->syn_retx)
            ep_rtt_sample (e, sim->now - e->rtt_time);
          else
            e->rto = MAX (e->rto_min, USEC_PER_SEC);
          e->buf = e->syn_win;
          ep_send_ack (sim, c, ei);
          e->app_act = ACT_REQUEST;
          e->app_at = sim->now + (gint64) rng_uniform (&sim->rng, 20, 400);
          if (e->keepalive)
            e->ka_at = sim->now + e->ka_idle;
        }
      else if (e->state == ST_EST)
        ep_send_ack (sim, c, ei);     /* our ACK of the SYN/ACK was lost */
      return;
    }

  if (e->state == ST_IDLE || e->state == ST_SYN_SENT)
    {
      if (ei == 1 && !(p->flags & TH_SYN))
        conn_send_reset_reply (sim, c, ei, p);
      return;
    }

  if (SEQ_GT (p->tsval, e->ts_recent))
    e->ts_recent = p->tsval;

  if (e->state == ST_SYN_RCVD)
    {
      if (!(p->flags & TH_ACK) || p->ack != e->iss + 1)
        return;
      e->state = ST_EST;
      e->snd_una = e->iss + 1;
      e->rto_at = NEVER;
      e->retries = 0;
      if (!e->syn_retx)
        ep_rtt_sample (e, sim->now - e->rtt_time);
      else
        e->rto = MAX (e->rto_min, USEC_PER_SEC);
      e->buf = e->syn_win;
      e->peer_edge = e->snd_una;
      if (e->keepalive)
        e->ka_at = sim->now + e->ka_idle;
    }

  if (p->flags & TH_ACK)
    ep_on_ack (sim, c, ei, p);
  ep_on_data (sim, c, ei, p);

  if (e->keepalive && e->state == ST_EST)
    e->ka_at = sim->now + e->ka_idle;

  conn_app_progress (sim, c, ei);
  ep_try_send (sim, c, ei);
  if (e->ack_now && e->state == ST_EST)
    ep_send_ack (sim, c, ei);
}

/* -- timers ------------------------------------------------------------------ */

static void
ep_on_rto (Sim   *sim,
           Conn  *c,
           guint  ei)
{
  Endpoint *e = &c->ep[ei];

  e->retries++;
  e->syn_retx = TRUE;
  if (e->state == ST_SYN_SENT || e->state == ST_SYN_RCVD)
    {
      if (e->retries > 5)
        {
          e->state = ST_DEAD;
          ep_clear_timers (e);
          return;
        }
      conn_send (sim, c, ei, (e->state == ST_SYN_SENT) ? TH_SYN : TH_SYN | TH_ACK,
                 e->iss, 0, HDR_NONE);
      e->rto = MIN (e->rto * 2, 60 * USEC_PER_SEC);
      e->rto_at = sim->now + e->rto;
      return;
    }
  if (e->state != ST_EST || e->snd_una == e->snd_nxt)
    return;
  if (e->retries > 8)
    {
      e->app_act = ACT_RST;
      ep_app_fire (sim, c, ei);
      return;
    }

  e->ssthresh = MAX ((e->snd_nxt - e->snd_una) / 2, 2u * e->mss);
  e->cwnd = e->mss;
  e->cstate = CS_LOSS;
  e->recover = e->snd_nxt;
  e->retx_nxt = e->snd_una;
  e->force_retx = TRUE;
  e->rtt_timing = FALSE;
  e->dupacks = 0;
  e->rto = MIN (e->rto * 2, 60 * USEC_PER_SEC);
  ep_try_send (sim, c, ei);
  e->rto_at = sim->now + e->rto;
}

static void
ep_on_persist (Sim   *sim,
               Conn  *c,
               guint  ei)
{
  Endpoint *e = &c->ep[ei];

  gint32 wnd_left = (gint32)(e->peer_edge - e->snd_nxt);

  if (e->state != ST_EST || e->snd_una != e->snd_nxt || !ep_window_stuck (e))
    return;

  if (wnd_left > 0)
    {
      /* A window smaller than a segment: send what fits (Linux's
       * tcp_write_wakeup), which fills the receiver's window exactly. */
      guint32 len = MIN ((guint32) wnd_left, e->app_end - e->snd_nxt);

      conn_send (sim, c, ei, TH_ACK | (e->snd_nxt + len == e->app_end ? TH_PSH : 0),
                 e->snd_nxt, len, ep_segment_hdr (e, e->snd_nxt));
      e->snd_nxt += len;
      e->rto_at = sim->now + e->rto;
      return;
    }

  if (e->os == OS_LINUX)
    conn_send (sim, c, ei, TH_ACK, e->snd_una - 1, 0, HDR_NONE);
  else
    {
      /* One byte of new data, without advancing snd_nxt. */
      conn_send (sim, c, ei, TH_ACK, e->snd_nxt, 1, ep_segment_hdr (e, e->snd_nxt));
      e->probe_out = TRUE;
    }
  e->persist_backoff = MIN (e->persist_backoff + 1, 6u);
  e->persist_at = sim->now + MIN (MAX (e->rto, 200 * USEC_PER_MSEC) << e->persist_backoff,
                                  60 * USEC_PER_SEC);
}

static void
ep_on_read (Sim   *sim,
            Conn  *c,
            guint  ei)
{
  Endpoint *e = &c->ep[ei];
  guint32 before = ep_window_left (e);
  guint32 free_space;
  guint32 gran = 1u << e->wscale;

  if (e->state != ST_EST)
    return;
  /* Now and then the application stops reading for a while. */
  if (rng_chance (&sim->rng, 0.03))
    {
      e->read_at = sim->now + (gint64)(rng_uniform (&sim->rng, 0.4, 4.0) * USEC_PER_SEC);
      return;
    }
  e->unread -= MIN (e->unread, e->read_chunk);
  e->read_at = e->unread > 0 ? sim->now + e->read_iv : NEVER;

  /* Window update when the window at least doubled (Linux tcp_cleanup_rbuf) */
  free_space = e->buf > e->unread ? e->buf - e->unread : 0;
  free_space &= ~(gran - 1);
  if (2 * before <= e->buf && free_space >= e->mss && free_space >= 2 * before)
    ep_send_ack (sim, c, ei);
}

static void
ep_on_keepalive (Sim   *sim,
                 Conn  *c,
                 guint  ei)
{
  Endpoint *e = &c->ep[ei];

  if (e->state != ST_EST || e->fin_sent || e->fin_rcvd)
    return;
  if (e->snd_una == e->snd_nxt && e->snd_nxt == e->app_end)
    {
      if (e->os == OS_WINDOWS)
        conn_send (sim, c, ei, TH_ACK, e->snd_nxt - 1, 1, HDR_ZERO_BYTE);
      else
        conn_send (sim, c, ei, TH_ACK, e->snd_nxt - 1, 0, HDR_NONE);
      e->ka_at = sim->now + MIN (e->ka_idle, 5 * USEC_PER_SEC);
    }
  else
    e->ka_at = sim->now + e->ka_idle;
}

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

static gboolean
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

/* ------------------------------------------------------------------------ */
/* The bundled sample capture, scripted packet by packet.  It is seen from   */
/* the client: a laptop at 192.168.1.20 fetching a page over TLS from        */
/* 93.184.216.34, 14 ms away.                                                */

#define SAMPLE_MSS 1448

enum
{
  SEND_NORMAL,
  SEND_LOST,      /* sent, but lost before reaching the client: not captured */
  SEND_PROBE,     /* zero-window probe: does not advance the sequence number */
};

typedef struct
{
  Writer  *w;
  Tuple    tu;
  Rng      rng;
  guint8   ws[2];
  guint32  isn[2];
  guint32  nxt[2];      /* next sequence number each side sends (relative) */
  guint32  rcv[2];      /* what each side has received in order (relative) */
  guint32  ts[2];
  guint32  ts_recent[2];
  guint16  server_win;

  /* The client's receive buffer, windows chosen as Linux does */
  guint32  buf;
  guint32  unread;
  guint32  rcv_wup;
  guint32  rcv_wnd;
} Script;

static void
script_init (Script       *s,
             Writer       *w,
             const guint8  caddr[4],
             guint16       cport,
             const guint8  saddr[4],
             guint16       sport,
             guint64       seed)
{
  static const guint8 client_mac[6] = { 0x3c, 0x22, 0xfb, 0x5a, 0x81, 0x0e };
  static const guint8 router_mac[6] = { 0xa0, 0x63, 0x91, 0x7d, 0x24, 0xc3 };

  memset (s, 0, sizeof *s);
  s->w = w;
  rng_init (&s->rng, seed);
  memcpy (s->tu.addr[0], caddr, 4);
  memcpy (s->tu.addr[1], saddr, 4);
  s->tu.port[0] = cport;
  s->tu.port[1] = sport;
  memcpy (s->tu.mac[0], client_mac, 6);
  memcpy (s->tu.mac[1], router_mac, 6);
  s->tu.ttl[0] = 64;
  s->tu.ttl[1] = 55;
  s->tu.ip_id[0] = (guint16) rng_next (&s->rng);
  s->tu.ip_id[1] = (guint16) rng_next (&s->rng);
  s->isn[0] = (guint32) rng_next (&s->rng);
  s->isn[1] = (guint32) rng_next (&s->rng);
  s->ts[0] = (guint32) rng_next (&s->rng);
  s->ts[1] = (guint32) rng_next (&s->rng);
  s->ws[0] = 7;
  s->ws[1] = 9;
  s->server_win = 131;
  s->buf = 14720;
}

/* The window the client announces (the same rules as ep_select_window). */
static guint16
script_client_window (Script *s)
{
  guint32 gran = 1u << s->ws[0];
  guint32 free_space = s->buf > s->unread ? s->buf - s->unread : 0;
  guint32 edge = s->rcv_wup + s->rcv_wnd;
  guint32 cur = SEQ_GT (edge, s->rcv[0]) ? edge - s->rcv[0] : 0;
  guint32 win = free_space < SAMPLE_MSS ? 0 : free_space & ~(gran - 1);

  if (win < cur)
    win = (cur + gran - 1) & ~(gran - 1);
  s->rcv_wnd = win;
  s->rcv_wup = s->rcv[0];
  return (guint16)(win >> s->ws[0]);
}

/* Writes one packet of side `dir` at `ms` milliseconds. */
static void
script_send (Script        *s,
             guint          dir,
             double         ms,
             guint8         flags,
             const guint8  *payload,
             guint          len,
             guint          nsack,
             const guint32 *sack_rel,
             guint          mode)
{
  guint8 hdr[160];
  Segment seg;
  guint32 sack[6];
  gint64 t = (gint64)(ms * 1000.0 + 0.5);

  memset (&seg, 0, sizeof seg);
  seg.flags = flags;
  seg.seq = s->isn[dir] + s->nxt[dir];
  seg.ack = s->isn[!dir] + s->rcv[dir];
  seg.len = len;
  seg.tsval = s->ts[dir] + (guint32)(t / 1000);
  seg.tsecr = s->ts_recent[dir];
  if (flags & TH_SYN)
    {
      seg.opt = OPT_SYN;
      seg.syn_mss = 1460;
      seg.syn_ws = s->ws[dir];
      seg.win = dir == 0 ? 14600 : 65160;
    }
  else
    {
      seg.opt = (flags & TH_RST) ? OPT_NONE : OPT_TS;
      if (flags & TH_RST)
        seg.win = 0;
      else
        seg.win = dir == 0 ? script_client_window (s) : s->server_win;
    }
  for (guint i = 0; i < nsack; i++)
    {
      sack[2 * i] = s->isn[!dir] + sack_rel[2 * i];
      sack[2 * i + 1] = s->isn[!dir] + sack_rel[2 * i + 1];
    }
  seg.nsack = nsack;
  seg.sack = sack;
  seg.sum = csum_bytes (0, payload, len);

  if (mode != SEND_LOST)
    {
      gsize hlen = build_headers (&s->tu, dir, &seg, hdr);

      writer_packet (s->w, t, hdr, hlen, payload, len);
      s->ts_recent[!dir] = seg.tsval;
    }
  if (mode != SEND_PROBE)
    s->nxt[dir] += len + ((flags & (TH_SYN | TH_FIN)) ? 1 : 0);
}

/* The client received (in order) everything the server sent so far. */
static void
script_client_got_all (Script   *s,
                       gboolean  app_reads)
{
  s->unread += s->nxt[1] - s->rcv[0];
  s->rcv[0] = s->nxt[1];
  if (app_reads)
    s->unread = 0;
}

/* `n` bytes of TLS application data records (one record, or `n` = 0). */
static const guint8 *
script_tls_data (Script *s,
                 guint8 *buf,
                 gsize   n,
                 guint8  type)
{
  rng_fill (&s->rng, buf, n);
  tls_data_header (buf, n - 5);
  buf[0] = type;
  return buf;
}

static gboolean
write_sample (const char  *path,
              GError     **error)
{
  static const guint8 client[4] = { 192, 168, 1, 20 };
  static const guint8 server[4] = { 93, 184, 216, 34 };
  const double rtt = 14.2;
  Writer w;
  Script s;
  guint8 buf[2048];
  guint32 sack[2];
  guint32 hole;
  double t;
  gsize n;

  if (!writer_open (&w, path, TRUE, 262144, error))
    return FALSE;

  script_init (&s, &w, client, 50412, server, 443, 0x5a3b1e);

  /* Three-way handshake */
  t = 0;
  script_send (&s, 0, t, TH_SYN, NULL, 0, 0, NULL, SEND_NORMAL);
  s.rcv[1] = 1;
  t += rtt;
  script_send (&s, 1, t, TH_SYN | TH_ACK, NULL, 0, 0, NULL, SEND_NORMAL);
  s.rcv[0] = 1;
  s.rcv_wup = 1;
  s.rcv_wnd = 14600;
  t += 0.08;
  script_send (&s, 0, t, TH_ACK, NULL, 0, 0, NULL, SEND_NORMAL);

  /* TLS 1.3: Client Hello; Server Hello, Change Cipher Spec and the
   * encrypted rest of the server's handshake in two segments */
  t += 0.31;
  n = tls_client_hello (buf, 517, "example.com", &s.rng);
  script_send (&s, 0, t, TH_PSH | TH_ACK, buf, n, 0, NULL, SEND_NORMAL);
  s.rcv[1] = s.nxt[0];
  t += rtt + 0.52;
  n = tls_server_hello (buf, &s.rng);
  script_tls_data (&s, buf + n, SAMPLE_MSS - n, 0x17);
  script_send (&s, 1, t, TH_ACK, buf, SAMPLE_MSS, 0, NULL, SEND_NORMAL);
  t += 0.04;
  script_send (&s, 1, t, TH_PSH | TH_ACK, script_tls_data (&s, buf, 1211, 0x17), 1211,
               0, NULL, SEND_NORMAL);
  script_client_got_all (&s, TRUE);
  t += 0.09;
  script_send (&s, 0, t, TH_ACK, NULL, 0, 0, NULL, SEND_NORMAL);

  /* Change Cipher Spec, Finished and the HTTP request, encrypted */
  t += 2.37;
  memcpy (buf, "\x14\x03\x03\x00\x01\x01", 6);
  script_tls_data (&s, buf + 6, 74, 0x17);
  script_tls_data (&s, buf + 80, 412, 0x17);
  script_send (&s, 0, t, TH_PSH | TH_ACK, buf, 492, 0, NULL, SEND_NORMAL);
  s.rcv[1] = s.nxt[0];

  /* The response.  From now on the browser is busy and does not read.
   * The third segment is lost on the way: each one after the hole brings
   * a duplicate ACK with a SACK block. */
  t += rtt + 4.1;
  script_send (&s, 1, t, TH_ACK, script_tls_data (&s, buf, SAMPLE_MSS, 0x17), SAMPLE_MSS,
               0, NULL, SEND_NORMAL);
  t += 0.12;
  script_send (&s, 1, t, TH_ACK, script_tls_data (&s, buf, SAMPLE_MSS, 0x17), SAMPLE_MSS,
               0, NULL, SEND_NORMAL);
  script_client_got_all (&s, FALSE);
  t += 0.05;
  script_send (&s, 0, t, TH_ACK, NULL, 0, 0, NULL, SEND_NORMAL);
  hole = s.nxt[1];
  t += 0.07;
  script_send (&s, 1, t, TH_ACK, script_tls_data (&s, buf, SAMPLE_MSS, 0x17), SAMPLE_MSS,
               0, NULL, SEND_LOST);
  for (guint i = 0; i < 3; i++)
    {
      t += 0.12;
      script_send (&s, 1, t, TH_ACK, script_tls_data (&s, buf, SAMPLE_MSS, 0x17), SAMPLE_MSS,
                   0, NULL, SEND_NORMAL);
      sack[0] = hole + SAMPLE_MSS;
      sack[1] = s.nxt[1];
      t += 0.05;
      script_send (&s, 0, t, TH_ACK, NULL, 0, 1, sack, SEND_NORMAL);
    }

  /* Three duplicate ACKs: the server resends the missing segment at once
   * (fast retransmission), the client acknowledges everything. */
  {
    guint32 save = s.nxt[1];

    t += rtt + 0.1;
    s.nxt[1] = hole;
    script_send (&s, 1, t, TH_ACK, script_tls_data (&s, buf, SAMPLE_MSS, 0x17), SAMPLE_MSS,
                 0, NULL, SEND_NORMAL);
    s.nxt[1] = save;
  }
  script_client_got_all (&s, FALSE);
  t += 0.06;
  script_send (&s, 0, t, TH_ACK, NULL, 0, 0, NULL, SEND_NORMAL);

  /* The receive window closes: four more segments, two ACKs with smaller
   * windows; the server then waits rather than send a sliver... */
  t += rtt;
  for (guint i = 0; i < 2; i++)
    {
      script_send (&s, 1, t, TH_ACK, script_tls_data (&s, buf, SAMPLE_MSS, 0x17), SAMPLE_MSS,
                   0, NULL, SEND_NORMAL);
      t += 0.12;
      script_send (&s, 1, t, TH_ACK, script_tls_data (&s, buf, SAMPLE_MSS, 0x17), SAMPLE_MSS,
                   0, NULL, SEND_NORMAL);
      script_client_got_all (&s, FALSE);
      t += 0.05;
      script_send (&s, 0, t, TH_ACK, NULL, 0, 0, NULL, SEND_NORMAL);
      t += 0.07;
    }

  /* ... until its persist timer fires: it fills the window exactly
   * (Window Full) and the client's ACK closes it (Zero Window). */
  {
    guint32 left = s.rcv_wup + s.rcv_wnd - s.nxt[1];

    t += 212.0;
    script_send (&s, 1, t, TH_ACK, script_tls_data (&s, buf, left, 0x17), left,
                 0, NULL, SEND_NORMAL);
    script_client_got_all (&s, FALSE);
    t += 0.06;
    script_send (&s, 0, t, TH_ACK, NULL, 0, 0, NULL, SEND_NORMAL);
  }

  /* Zero-window probes carry one byte of the next segment; the client
   * drops it and answers with the same ACK and window 0. */
  {
    double backoff = 230.0;

    script_tls_data (&s, buf, SAMPLE_MSS, 0x17);
    for (guint i = 0; i < 2; i++)
      {
        t += backoff;
        script_send (&s, 1, t, TH_ACK, buf, 1, 0, NULL, SEND_PROBE);
        t += 0.05;
        script_send (&s, 0, t, TH_ACK, NULL, 0, 0, NULL, SEND_NORMAL);
        backoff *= 2;
      }
  }

  /* The browser reads everything: a window update, and the rest of the
   * response follows. */
  t += 171.4;
  s.unread = 0;
  script_send (&s, 0, t, TH_ACK, NULL, 0, 0, NULL, SEND_NORMAL);
  t += rtt;
  script_send (&s, 1, t, TH_ACK, buf, SAMPLE_MSS, 0, NULL, SEND_NORMAL);
  t += 0.12;
  script_send (&s, 1, t, TH_ACK, script_tls_data (&s, buf, SAMPLE_MSS, 0x17), SAMPLE_MSS,
               0, NULL, SEND_NORMAL);
  script_client_got_all (&s, TRUE);
  t += 0.05;
  script_send (&s, 0, t, TH_ACK, NULL, 0, 0, NULL, SEND_NORMAL);
  t += 0.07;
  script_send (&s, 1, t, TH_PSH | TH_ACK, script_tls_data (&s, buf, 690, 0x17), 690,
               0, NULL, SEND_NORMAL);
  script_client_got_all (&s, TRUE);
  t += 40.0;                                   /* delayed ACK */
  script_send (&s, 0, t, TH_ACK, NULL, 0, 0, NULL, SEND_NORMAL);

  /* The tab is closed: close_notify alert, then FIN both ways. */
  t += 1870.3;
  script_send (&s, 0, t, TH_PSH | TH_ACK, script_tls_data (&s, buf, 24, 0x15), 24,
               0, NULL, SEND_NORMAL);
  t += 0.04;
  script_send (&s, 0, t, TH_FIN | TH_ACK, NULL, 0, 0, NULL, SEND_NORMAL);
  s.rcv[1] = s.nxt[0];
  t += rtt;
  script_send (&s, 1, t, TH_FIN | TH_ACK, NULL, 0, 0, NULL, SEND_NORMAL);
  s.rcv[0] = s.nxt[1];
  t += 0.05;
  script_send (&s, 0, t, TH_ACK, NULL, 0, 0, NULL, SEND_NORMAL);

  /* Later, a connection to a port nobody listens on is refused. */
  {
    Script r;
    double t2 = t + 1123.7;

    script_init (&r, &w, client, 50418, server, 8443, 0x2e5e7);
    r.tu.ip_id[0] = s.tu.ip_id[0];
    script_send (&r, 0, t2, TH_SYN, NULL, 0, 0, NULL, SEND_NORMAL);
    r.rcv[1] = 1;
    r.isn[1] = 0;
    t2 += rtt + 0.1;
    script_send (&r, 1, t2, TH_RST | TH_ACK, NULL, 0, 0, NULL, SEND_NORMAL);
  }

  return writer_close (&w, error);
}

/* ------------------------------------------------------------------------ */

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *format = NULL;
  gint64 packets = 0;
  gint64 conns = 0;
  gint64 seed = 1;
  gint snaplen = 0;
  gboolean sample = FALSE;
  gboolean quiet = FALSE;
  gboolean pcapng;
  GOptionEntry entries[] = {
    { "packets", 'n', 0, G_OPTION_ARG_INT64, &packets, "Number of packets to write", "N" },
    { "connections", 'c', 0, G_OPTION_ARG_INT64, &conns,
      "Number of connections (default N/200); 1 writes one connection of N packets", "C" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Random seed (default 1)", "S" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, "pcap (default) or pcapng", "FORMAT" },
    { "snaplen", 0, 0, G_OPTION_ARG_INT, &snaplen,
      "Capture at most L bytes of each frame (default: whole frames)", "L" },
    { "sample", 0, 0, G_OPTION_ARG_NONE, &sample, "Write the bundled sample capture", NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Output file ('-' for stdout)", "FILE" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "Do not print a summary", NULL },
    G_OPTION_ENTRY_NULL
  };

  context = g_option_context_new ("- write a synthetic TCP capture");
  g_option_context_set_summary (context,
                                "Writes a realistic synthetic capture of a busy server "
                                "(Ethernet, IPv4 and IPv6, TCP with\nloss, reordering, "
                                "zero windows, keep-alives and port reuse), or with --sample\n"
                                "the small sample capture bundled with Handshake.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("hs-gen-capture: %s\n", error->message);
      return 2;
    }
  if (output == NULL)
    {
      g_printerr ("hs-gen-capture: an output file is required (-o FILE)\n");
      return 2;
    }

  if (sample)
    {
      if (!write_sample (output, &error))
        {
          g_printerr ("hs-gen-capture: %s\n", error->message);
          return 1;
        }
      return 0;
    }

  if (packets <= 0)
    {
      g_printerr ("hs-gen-capture: --packets N (N > 0) is required\n");
      return 2;
    }
  if (format == NULL || g_strcmp0 (format, "pcap") == 0)
    pcapng = FALSE;
  else if (g_strcmp0 (format, "pcapng") == 0)
    pcapng = TRUE;
  else
    {
      g_printerr ("hs-gen-capture: unknown format '%s' (pcap or pcapng)\n", format);
      return 2;
    }
  if (conns <= 0)
    conns = MAX (packets / 200, 1);
  if (snaplen < 0 || (snaplen > 0 && snaplen < 64))
    {
      g_printerr ("hs-gen-capture: --snaplen must be 0 or at least 64\n");
      return 2;
    }

  if (!run_simulation (output, pcapng, (guint32) snaplen, (guint64) packets, (guint64) conns,
                       (guint64) seed, !quiet, &error))
    {
      g_printerr ("hs-gen-capture: %s\n", error->message);
      return 1;
    }
  return 0;
}
