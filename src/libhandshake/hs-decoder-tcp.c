/* hs-decoder-tcp.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The TCP header and its options (hs_decode_frame() ends here for a
 * segment), and the TCP header an ICMP error quotes. */

#include "config.h"

#include <string.h>

#include "hs-decoder-private.h"

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
          /* whole blocks are taken, a partial one left (Wireshark: "suboption
           * would go past end of option"); shorter than one block, its
           * dissector throws an exception (below) */
          if (olen < 10)
            out->options_exception = TRUE;
          for (guint b = 2; b + 8 <= olen && out->n_sack < HS_MAX_SACK_BLOCKS; b += 8)
            {
              out->sack_left[out->n_sack] = RD32 (o + i + b);
              out->sack_right[out->n_sack] = RD32 (o + i + b + 4);
              out->n_sack++;
            }
          if ((olen - 2) % 8 != 0)
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
            out->options_exception = TRUE;   /* no subtype to read */
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
       * with the next option, which is still well delimited.  An option too
       * short to read (SACK without a block, MPTCP without a subtype) makes
       * its dissector throw: Wireshark stops dissecting the segment there,
       * "Malformed Packet", and shows no SEQ/ACK analysis for it (the
       * tracking itself went on). */
      if (out->options_exception)
        {
          out->problems |= HS_PROBLEM_BAD_TCP_OPTION;
          return;
        }
      if (bad)
        out->problems |= HS_PROBLEM_BAD_TCP_OPTION;

      i += olen;
    }
}

void
_hs_decode_tcp (DecodeCtx    *ctx,
                const guint8 *p,
                guint         cap,
                guint         rep)
{
  HsDecodedPacket *out = ctx->out;
  guint hlen;

  g_assert (ctx != NULL && ctx->out != NULL);
  g_assert (p != NULL || cap == 0);

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
  out->quoted_tcp_len = cap;

  set_status (ctx, HS_DECODE_ICMP_QUOTED,
              "TCP header quoted in an ICMP error: not a segment of the connection");
}

/* The address an IPv4 packet is finally bound for, as Wireshark takes it:
 * with a loose or strict source route option (131, 137) whose pointer
 * still points into the route, the route's last address; otherwise the
 * header's destination.  `p` holds at least `ihl` bytes. */
const guint8 *
_hs_ipv4_final_destination (const guint8 *p,
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

void
_hs_decode_icmp (DecodeCtx    *ctx,
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

  g_assert (ctx != NULL && ctx->out != NULL);
  g_assert (p != NULL || cap == 0);

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
      memcpy (out->dst, _hs_ipv4_final_destination (q, ihl), 4);
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
