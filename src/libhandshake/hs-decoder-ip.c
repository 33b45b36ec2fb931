/* hs-decoder-ip.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* IPv4 and IPv6 with their extension headers, AH, IPComp (inflated) and
 * fragments (handed to the HsDefrag), down to the protocol they carry. */

#include "config.h"

#include <string.h>
#include <zlib.h>

#include "hs-decoder-private.h"
#include "hs-defrag-private.h"

static _Thread_local char problem_buffer[128];
static GPrivate inflate_buffer_key = G_PRIVATE_INIT (g_free);

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
    case 97:    /* EtherIP */
    case 108:   /* IPComp */
    case 137:   /* MPLS in IP */
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
          _hs_decode_tcp (ctx, p, cap, rep);
          return;

        case 17:
          _hs_decode_udp (ctx, p, cap, rep);
          return;

        case 47:
          _hs_decode_gre (ctx, p, cap, rep);
          return;

        case 4:
          _hs_decode_ipv4 (ctx, p, cap, rep);
          return;

        case 41:
          _hs_decode_ipv6 (ctx, p, cap, rep);
          return;

        case 97:    /* EtherIP (RFC 3378): version and reserved bits */
          if (cap < 2)
            {
              truncated (ctx, cap, rep, "EtherIP header truncated");
              return;
            }
          add_layer (ctx, HS_LAYER_TUNNEL, HS_TUNNEL_ETHERIP, p, 2);
          _hs_decode_ethernet (ctx, p + 2, cap - 2, rep - 2);
          return;

        case 137:
          _hs_decode_mpls (ctx, p, cap, rep);
          return;

        case 1:
          if (ip_version == 4)
            _hs_decode_icmp (ctx, 4, p, cap, rep);
          return;

        case 58:
          if (ip_version == 6)
            _hs_decode_icmp (ctx, 6, p, cap, rep);
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

void
_hs_decode_ipv6 (DecodeCtx    *ctx,
                 const guint8 *p,
                 guint         cap,
                 guint         rep)
{
  HsDecodedPacket *out = ctx->out;
  guint32 plen;
  guint8 nh;

  g_assert (ctx != NULL && ctx->out != NULL);
  g_assert (p != NULL || cap == 0);

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

void
_hs_decode_ipv4 (DecodeCtx    *ctx,
                 const guint8 *p,
                 guint         cap,
                 guint         rep)
{
  HsDecodedPacket *out = ctx->out;
  guint ihl, tot, frag_off;
  gboolean more;

  g_assert (ctx != NULL && ctx->out != NULL);
  g_assert (p != NULL || cap == 0);

  if (cap < 1)
    {
      truncated (ctx, cap, rep, "IPv4 header missing");
      return;
    }

  /* Wireshark hands an IPv6 header found where IPv4 was announced on. */
  if ((p[0] >> 4) == 6)
    {
      _hs_decode_ipv6 (ctx, p, cap, rep);
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
  memcpy (out->dst, _hs_ipv4_final_destination (p, ihl), 4);
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
void
_hs_decode_ip (DecodeCtx    *ctx,
               const guint8 *p,
               guint         cap,
               guint         rep)
{
  g_assert (ctx != NULL && ctx->out != NULL);
  g_assert (p != NULL || cap == 0);

  if (cap < 1)
    {
      truncated (ctx, cap, rep, "IP header missing");
      return;
    }

  switch (p[0] >> 4)
    {
    case 4:
      _hs_decode_ipv4 (ctx, p, cap, rep);
      break;

    case 6:
      _hs_decode_ipv6 (ctx, p, cap, rep);
      break;

    default:
      set_status (ctx, HS_DECODE_NOT_TCP, "Not an IP packet");
      break;
    }
}
