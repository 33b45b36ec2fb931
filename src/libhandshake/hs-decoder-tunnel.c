/* hs-decoder-tunnel.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Tunnels and the UDP they ride on: MPLS, GTP-U, VXLAN, VXLAN-GPE, Geneve,
 * Teredo, L2TP, CAPWAP data, LISP data, MPLS in UDP, GRE (with ERSPAN,
 * WCCP, NSH and Aruba). */

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

  add_layer (ctx, HS_LAYER_TUNNEL, HS_TUNNEL_VXLAN, p, 8);
  _hs_decode_ethernet (ctx, p + 8, cap - 8, rep - 8);
}

/* The next protocol numbers of VXLAN-GPE (and NSH). */
static void
decode_next_protocol (DecodeCtx    *ctx,
                      guint8        next,
                      const guint8 *p,
                      guint         cap,
                      guint         rep)
{
  switch (next)
    {
    case 1:
      _hs_decode_ipv4 (ctx, p, cap, rep);
      break;

    case 2:
      _hs_decode_ipv6 (ctx, p, cap, rep);
      break;

    case 3:
      _hs_decode_ethernet (ctx, p, cap, rep);
      break;

    case 4:
      _hs_decode_nsh (ctx, p, cap, rep);
      break;

    case 5:
      _hs_decode_mpls (ctx, p, cap, rep);
      break;

    default:
      break;
    }
}

static void
decode_vxlan_gpe (DecodeCtx    *ctx,
                  const guint8 *p,
                  guint         cap,
                  guint         rep)
{
  if (cap < 8)
    {
      truncated (ctx, cap, rep, "VXLAN-GPE header truncated");
      return;
    }

  add_layer (ctx, HS_LAYER_TUNNEL, HS_TUNNEL_VXLAN_GPE, p, 8);
  decode_next_protocol (ctx, p[3], p + 8, cap - 8, rep - 8);
}

/* Geneve (RFC 8926): options, then an ethertype's payload. */
static void
decode_geneve (DecodeCtx    *ctx,
               const guint8 *p,
               guint         cap,
               guint         rep)
{
  guint len;

  if (cap < 8)
    {
      truncated (ctx, cap, rep, "Geneve header truncated");
      return;
    }

  len = 8 + (p[0] & 0x3f) * 4u;
  if (len > cap)
    {
      truncated (ctx, cap, rep, "Geneve options truncated");
      return;
    }

  add_layer (ctx, HS_LAYER_TUNNEL, HS_TUNNEL_GENEVE, p, len);
  _hs_decode_ethertype (ctx, RD16 (p + 2), FALSE, p + len, cap - len, rep - len);
}

/* CAPWAP data channel (RFC 5415): the header, then an 802.3 frame or, with
 * the T bit and the IEEE 802.11 binding, an 802.11 frame whose frame
 * control bytes are swapped (Wireshark's default). */
static void
decode_capwap (DecodeCtx    *ctx,
               const guint8 *p,
               guint         cap,
               guint         rep)
{
  guint len, wbid;
  gboolean native;

  if (cap < 1)
    {
      truncated (ctx, cap, rep, "CAPWAP header truncated");
      return;
    }

  if ((p[0] & 0x0f) == 1)
    {
      add_layer (ctx, HS_LAYER_TUNNEL, HS_TUNNEL_CAPWAP, p, MIN (cap, 4u));
      set_status (ctx, HS_DECODE_NOT_TCP, "CAPWAP data in DTLS: encrypted");
      return;
    }

  if (cap < 8)
    {
      truncated (ctx, cap, rep, "CAPWAP header truncated");
      return;
    }

  len = (p[1] >> 3) * 4u;
  wbid = (p[2] >> 1) & 0x1f;
  native = (p[2] & 0x01) != 0;

  if (len < 8)
    {
      set_status (ctx, HS_DECODE_MALFORMED, "Bogus CAPWAP header length");
      return;
    }
  if (len > cap)
    {
      truncated (ctx, cap, rep, "CAPWAP header truncated");
      return;
    }

  add_layer (ctx, HS_LAYER_TUNNEL, HS_TUNNEL_CAPWAP, p, len);

  if (p[3] & 0x80)
    {
      set_status (ctx, HS_DECODE_NOT_TCP, "CAPWAP fragment: not reassembled");
      return;
    }
  if (p[3] & 0x08)              /* keep-alive */
    return;

  p += len;
  cap -= len;
  rep -= len;

  if (!native)
    _hs_decode_ethernet (ctx, p, cap, rep);
  else if (wbid == 1)
    _hs_decode_ieee80211 (ctx, p, cap, rep, FALSE, TRUE);
}

/* LISP data (RFC 6830): eight bytes, then IPv4 or IPv6. */
static void
decode_lisp (DecodeCtx    *ctx,
             const guint8 *p,
             guint         cap,
             guint         rep)
{
  /* Wireshark does not take a shorter datagram for LISP. */
  if (rep < 8)
    return;
  if (cap < 8)
    {
      truncated (ctx, cap, rep, "LISP header truncated");
      return;
    }

  add_layer (ctx, HS_LAYER_TUNNEL, HS_TUNNEL_LISP, p, 8);
  if (cap > 8 && ((p[8] >> 4) == 4 || (p[8] >> 4) == 6))
    _hs_decode_ip (ctx, p + 8, cap - 8, rep - 8);
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
    add_layer (ctx, HS_LAYER_TUNNEL, HS_TUNNEL_TEREDO, p, off);
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

  add_layer (ctx, HS_LAYER_TUNNEL, HS_TUNNEL_L2TP, p, off);
  _hs_decode_ppp_hdlc (ctx, p + off, cap - off, rep - off);
}

typedef void (*UdpTunnelFunc) (DecodeCtx    *ctx,
                               const guint8 *p,
                               guint         cap,
                               guint         rep);

/* The tunnels on Wireshark's default UDP ports. */
static UdpTunnelFunc
udp_tunnel_for_port (guint16 port)
{
  switch (port)
    {
    case 1701: return decode_l2tp;
    case 2152: return decode_gtp;
    case 3544: return decode_teredo;
    case 4341: return decode_lisp;
    case 4789: return decode_vxlan;
    case 4790: return decode_vxlan_gpe;
    case 5247: return decode_capwap;
    case 6081: return decode_geneve;
    case 6635: return _hs_decode_mpls;
    default:   return NULL;
    }
}

void
_hs_decode_udp (DecodeCtx    *ctx,
                const guint8 *p,
                guint         cap,
                guint         rep)
{
  guint16 sport, dport, ulen;
  UdpTunnelFunc func;

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

  /* Like Wireshark, try the lower port first. */
  func = udp_tunnel_for_port (MIN (sport, dport));
  if (func == NULL)
    func = udp_tunnel_for_port (MAX (sport, dport));
  if (func != NULL)
    func (ctx, p + 8, cap - 8, rep - 8);
}

/* ERSPAN, on either GRE protocol, as Wireshark 4.0 tells the types apart:
 * GRE without any flags is type I (no ERSPAN header), otherwise the
 * header's version says: 1 type II, 2 type III (with an optional platform
 * specific subheader); other versions are not decoded. */
static void
decode_erspan (DecodeCtx    *ctx,
               guint16       gre_flags,
               const guint8 *p,
               guint         cap,
               guint         rep)
{
  guint len;

  if (gre_flags == 0)
    {
      _hs_decode_ethernet (ctx, p, cap, rep);
      return;
    }

  if (cap < 2)
    {
      truncated (ctx, cap, rep, "ERSPAN header truncated");
      return;
    }

  switch (p[0] >> 4)
    {
    case 1:
      len = 8;
      break;

    case 2:
      len = 12;
      if (cap >= 12 && (p[11] & 0x01))
        len += 8;
      break;

    default:
      add_layer (ctx, HS_LAYER_TUNNEL, HS_TUNNEL_ERSPAN, p, 2);
      set_status (ctx, HS_DECODE_NOT_TCP, "Unknown ERSPAN version");
      return;
    }

  if (cap < len)
    {
      truncated (ctx, cap, rep, "ERSPAN header truncated");
      return;
    }

  add_layer (ctx, HS_LAYER_TUNNEL, HS_TUNNEL_ERSPAN, p, len);
  _hs_decode_ethernet (ctx, p + len, cap - len, rep - len);
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

  /* WCCPv2 adds a 4-byte redirect header, seen as part of GRE; WCCPv1
   * has IPv4 right away. */
  if (proto == 0x883e && off < cap && (p[off] & 0xf0) != 0x40)
    {
      off += 4;
      if (off > cap)
        {
          truncated (ctx, cap, rep, "WCCP redirect header truncated");
          return;
        }
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

    case 0x883e:                /* WCCP */
      _hs_decode_ipv4 (ctx, p, cap, rep);
      break;

    case 0x894f:
      _hs_decode_nsh (ctx, p, cap, rep);
      break;

    case 0x88be:
    case 0x22eb:
      decode_erspan (ctx, flags, p, cap, rep);
      break;

    default:
      if (is_aruba_gre (proto))
        _hs_decode_ieee80211 (ctx, p, cap, rep, FALSE, FALSE);
      break;
    }
}
