/* hs-decoder-tunnel.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Tunnels and the UDP they ride on: MPLS, GTP-U, VXLAN, Teredo, L2TP, GRE
 * (with ERSPAN and Aruba). */

#include "config.h"

#include <string.h>

#include "hs-decoder-private.h"

/* ------------------------------------------------------------------------ */
/* Tunnels                                                                   */

void
_hs_decode_mpls (DecodeCtx    *ctx,
                 const guint8 *p,
                 guint         cap,
                 guint         rep)
{
  g_assert (ctx != NULL && ctx->out != NULL);
  g_assert (p != NULL || cap == 0);

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
    _hs_decode_ip (ctx, p, cap, rep);
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
    _hs_decode_ip (ctx, p + off, cap - off, rep - off);
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
  _hs_decode_ethernet (ctx, p + 8, cap - 8, rep - 8);
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
  _hs_decode_ipv6 (ctx, p + off, cap - off, rep - off);
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
  _hs_decode_ppp_hdlc (ctx, p + off, cap - off, rep - off);
}

void
_hs_decode_udp (DecodeCtx    *ctx,
                const guint8 *p,
                guint         cap,
                guint         rep)
{
  guint16 sport, dport, ulen;

  g_assert (ctx != NULL && ctx->out != NULL);
  g_assert (p != NULL || cap == 0);

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

void
_hs_decode_gre (DecodeCtx    *ctx,
                const guint8 *p,
                guint         cap,
                guint         rep)
{
  guint16 flags, proto;
  guint version;
  guint off = 4;

  g_assert (ctx != NULL && ctx->out != NULL);
  g_assert (p != NULL || cap == 0);

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
      _hs_decode_ipv4 (ctx, p, cap, rep);
      break;

    case 0x86dd:
      _hs_decode_ipv6 (ctx, p, cap, rep);
      break;

    case 0x6558:                /* transparent Ethernet bridging */
      _hs_decode_ethernet (ctx, p, cap, rep);
      break;

    case 0x880b:                /* PPP (PPTP) */
      _hs_decode_ppp_hdlc (ctx, p, cap, rep);
      break;

    case 0x8847:
    case 0x8848:
      _hs_decode_mpls (ctx, p, cap, rep);
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
          _hs_decode_ethernet (ctx, p + 8, cap - 8, rep - 8);
        }
      else
        {
          _hs_decode_ethernet (ctx, p, cap, rep);
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
        _hs_decode_ethernet (ctx, p + elen, cap - elen, rep - elen);
      }
      break;

    default:
      if (is_aruba_gre (proto))
        _hs_decode_ieee80211 (ctx, p, cap, rep, FALSE);
      break;
    }
}
