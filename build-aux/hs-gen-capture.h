/* hs-gen-capture.h
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

/* What the parts of hs-gen-capture share: the constants, the frame builder
 * and application payloads (hs-gen-frame.c), the output file
 * (hs-gen-output.c), the simulation (hs-gen-sim.c, with hs-gen-sim.h) and
 * the scripted sample (hs-gen-sample.c). */

#pragma once

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "hs-capture-writer.h"

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

#include "hs-gen-random.h"

/* ------------------------------------------------------------------------ */
/* Big-endian fields of the frames.                                          */

static inline void
put16 (guint8  *p,
       guint16  v)
{
  p[0] = v >> 8;
  p[1] = v & 0xff;
}

static inline void
put32 (guint8  *p,
       guint32  v)
{
  p[0] = v >> 24;
  p[1] = (v >> 16) & 0xff;
  p[2] = (v >> 8) & 0xff;
  p[3] = v & 0xff;
}

/* ------------------------------------------------------------------------ */
/* Internet checksum.                                                        */

static inline guint64
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

static inline guint16
csum_fold (guint64 sum)
{
  while (sum >> 16)
    sum = (sum & 0xffff) + (sum >> 16);
  return (guint16) ~sum;
}

/* ------------------------------------------------------------------------ */
/* Payload bytes (hs-gen-frame.c).                                           */

#define PAYLOAD_PERIOD 65536
#define PAYLOAD_MARGIN 2048

extern guint8  payload_block[PAYLOAD_PERIOD + PAYLOAD_MARGIN];
extern guint64 payload_prefix[2][(PAYLOAD_PERIOD + PAYLOAD_MARGIN) / 2 + 1];

void
payload_init (guint64 seed);

/* Sum of the 16-bit words of payload_block[off, off + len), as they would be
 * summed when the slice starts at an even offset in the TCP segment (the
 * TCP header length is always a multiple of 4). */
static inline guint64
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
gsize
build_headers (Tuple         *tu,
               guint          dir,
               const Segment *s,
               guint8        *out);

/* A complete TLS 1.3 ClientHello record of exactly `total` bytes (>= 300). */
gsize
tls_client_hello (guint8     *out,
                  gsize       total,
                  const char *sni,
                  Rng        *r);

/* ServerHello + ChangeCipherSpec records (133 bytes). */
gsize
tls_server_hello (guint8 *out,
                  Rng    *r);

/* A TLS application data record header for `len` bytes of ciphertext. */
void
tls_data_header (guint8 *out,
                 gsize   len);

/* An HTTP/1.1 request message of `total` bytes: a GET padded with a cookie
 * to that size, or the headers of a POST whose body makes up the rest.
 * Writes at most `room` bytes to out; returns the length of the text. */
gsize
http_request (guint8     *out,
              gsize       room,
              gsize       total,
              guint       variant,
              gboolean    post,
              const char *host);

/* HTTP/1.1 response headers for a message of `total` bytes, at most `room`
 * of them written to out. */
gsize
http_response (guint8 *out,
               gsize   room,
               gsize   total);

/* ------------------------------------------------------------------------ */
/* The output file (hs-gen-output.c): HsCaptureWriter, little-endian, one    */
/* Ethernet interface; frames cut to the snaplen.                            */

typedef struct
{
  FILE            *fp;
  HsCaptureWriter *cw;
  guint32          snaplen;
  guint64          packets;
  guint64          bytes;
  gboolean         failed;
} Writer;

gboolean writer_open   (Writer        *w,
                        const char    *path,
                        gboolean       pcapng,
                        guint32        snaplen,
                        GError       **error);
/* Writes one Ethernet frame made of headers + payload; t is sim time in µs. */
void     writer_packet (Writer        *w,
                        gint64         t,
                        const guint8  *hdr,
                        gsize          hdr_len,
                        const guint8  *payload,
                        gsize          payload_len);
gboolean writer_close  (Writer        *w,
                        GError       **error);

/* ------------------------------------------------------------------------ */
/* The two captures: the simulation (hs-gen-sim.c) and the sample            */
/* (hs-gen-sample.c).                                                        */

gboolean
run_simulation (const char  *path,
                gboolean     pcapng,
                guint32      snaplen,
                guint64      packets,
                guint64      conns,
                guint64      seed,
                gboolean     verbose,
                GError     **error);

gboolean
write_sample (const char  *path,
              GError     **error);
