/* hs-decoder-private.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hs-decoder.h"

G_BEGIN_DECLS

/* What the decoder's files share: the walk's state, the byte readers and
 * one entry point per layer family.  hs-decoder.c starts the walk at the
 * link layer (hs-decoder-link.c), which hands over to the Ethernet tags and
 * shims (hs-decoder-encap.c), IP (hs-decoder-ip.c), tunnels
 * (hs-decoder-tunnel.c) and TCP (hs-decoder-tcp.c); the application
 * tag is in hs-app-summary.c. */

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

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */

static inline void
set_status (DecodeCtx      *ctx,
            HsDecodeStatus  status,
            const char     *text)
{
  ctx->out->status = status;
  ctx->out->problem_text = text;
}

/* A header needs more bytes than we have. */
static inline void
truncated (DecodeCtx  *ctx,
           guint       cap,
           guint       rep,
           const char *text)
{
  if (cap < rep)
    ctx->out->problems |= HS_PROBLEM_SNAPLEN_TRUNCATED;
  set_status (ctx, HS_DECODE_MALFORMED, text);
}

static inline void
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
static inline void
switch_base (DecodeCtx    *ctx,
             const guint8 *buffer)
{
  if (!ctx->switched)
    ctx->out->n_frame_layers = ctx->out->n_layers;
  ctx->switched = TRUE;
  ctx->base = buffer;
}

/* Counts one more nested header; FALSE (and a status) if too deep. */
static inline gboolean
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
/* One entry point per layer: each walks the header at `p` (`cap` bytes
 * captured of `rep` on the wire) and what it carries. */

/* hs-decoder-capture.c: FALSE for a link type it does not know */
gboolean       _hs_decode_capture_header  (DecodeCtx    *ctx,
                                           int           linktype,
                                           const guint8 *p,
                                           guint         cap,
                                           guint         rep);

/* hs-decoder-link.c */
void           _hs_decode_link            (DecodeCtx    *ctx,
                                           int           linktype,
                                           const guint8 *p,
                                           guint         cap,
                                           guint         rep);
void           _hs_decode_ethernet        (DecodeCtx    *ctx,
                                           const guint8 *p,
                                           guint         cap,
                                           guint         rep);
void           _hs_decode_ethertype       (DecodeCtx    *ctx,
                                           guint16       type,
                                           gboolean      allow_length,
                                           const guint8 *p,
                                           guint         cap,
                                           guint         rep);
void           _hs_decode_ieee80211       (DecodeCtx    *ctx,
                                           const guint8 *p,
                                           guint         cap,
                                           guint         rep,
                                           gboolean      datapad,
                                           gboolean      swapped_fc);
void           _hs_decode_ppp_hdlc        (DecodeCtx    *ctx,
                                           const guint8 *p,
                                           guint         cap,
                                           guint         rep);

/* hs-decoder-encap.c: tags and shims between Ethernet and its payload.
 * _hs_decode_encap_ethernet() looks at a whole Ethernet frame first
 * (FabricPath, ISL) and returns TRUE if it took it;
 * _hs_decode_encap_ethertype() likewise for an ethertype's payload. */
gboolean       _hs_decode_encap_ethernet  (DecodeCtx    *ctx,
                                           const guint8 *p,
                                           guint         cap,
                                           guint         rep);
gboolean       _hs_decode_encap_ethertype (DecodeCtx    *ctx,
                                           guint16       type,
                                           const guint8 *p,
                                           guint         cap,
                                           guint         rep);
void           _hs_decode_nsh             (DecodeCtx    *ctx,
                                           const guint8 *p,
                                           guint         cap,
                                           guint         rep);

/* hs-decoder-ip.c */
void           _hs_decode_ip              (DecodeCtx    *ctx,
                                           const guint8 *p,
                                           guint         cap,
                                           guint         rep);
void           _hs_decode_ipv4            (DecodeCtx    *ctx,
                                           const guint8 *p,
                                           guint         cap,
                                           guint         rep);
void           _hs_decode_ipv6            (DecodeCtx    *ctx,
                                           const guint8 *p,
                                           guint         cap,
                                           guint         rep);

/* hs-decoder-tunnel.c */
void           _hs_decode_mpls            (DecodeCtx    *ctx,
                                           const guint8 *p,
                                           guint         cap,
                                           guint         rep);
void           _hs_decode_udp             (DecodeCtx    *ctx,
                                           const guint8 *p,
                                           guint         cap,
                                           guint         rep);
void           _hs_decode_gre             (DecodeCtx    *ctx,
                                           const guint8 *p,
                                           guint         cap,
                                           guint         rep);

/* hs-decoder-tcp.c */
void           _hs_decode_tcp             (DecodeCtx    *ctx,
                                           const guint8 *p,
                                           guint         cap,
                                           guint         rep);
void           _hs_decode_icmp            (DecodeCtx    *ctx,
                                           guint8        ip_version,
                                           const guint8 *p,
                                           guint         cap,
                                           guint         rep);
const guint8  *_hs_ipv4_final_destination (const guint8 *p,
                                           guint         ihl);

G_END_DECLS
