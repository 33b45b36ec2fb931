/* hs-decoder-capture.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Capture headers that systems put in front of a frame's link or network
 * layer: OpenBSD/FreeBSD pf log, OpenBSD IPsec enc(4), Apple PKTAP, Solaris
 * ipnet, the Prism and AVS monitor-mode headers of 802.11 drivers, and
 * Hilscher netANALYZER.  Each is read as Wireshark 4.0 reads it, so that the
 * same packets reach TCP. */

#include "config.h"

#include "hs-decoder-private.h"

/* OpenBSD / FreeBSD pf log: the header's first byte is its length, padded
 * to a 32-bit word; the second the address family.  As Wireshark 4.0 does,
 * a length below the real header's (45) is only a warning there, but one of
 * 4 or less leaves no room for the fields, and nothing is decoded. */
static void
decode_pflog (DecodeCtx    *ctx,
              const guint8 *p,
              guint         cap,
              guint         rep)
{
  guint hlen;

  if (cap < 2)
    {
      truncated (ctx, cap, rep, "PFLOG header truncated");
      return;
    }

  if (p[0] <= 4)
    {
      set_status (ctx, HS_DECODE_MALFORMED, "Bogus PFLOG header length");
      return;
    }

  hlen = (p[0] + 3u) & ~3u;
  if (cap < hlen)
    {
      truncated (ctx, cap, rep, "PFLOG header truncated");
      return;
    }

  add_layer (ctx, HS_LAYER_LINK, HS_LINKTYPE_PFLOG, p, hlen);

  /* BSD address families; not Linux's 10, which pf never logs. */
  switch (p[1])
    {
    case 2:                     /* AF_INET */
      _hs_decode_ipv4 (ctx, p + hlen, cap - hlen, rep - hlen);
      break;

    case 24:                    /* OpenBSD, NetBSD */
    case 28:                    /* FreeBSD */
    case 30:                    /* Darwin */
      _hs_decode_ipv6 (ctx, p + hlen, cap - hlen, rep - hlen);
      break;

    default:
      break;
    }
}

/* AVS (wlancap) monitor-mode header: magic, then its big-endian length. */
static void
decode_avs (DecodeCtx    *ctx,
            const guint8 *p,
            guint         cap,
            guint         rep)
{
  guint32 hlen;

  if (cap < 8)
    {
      truncated (ctx, cap, rep, "AVS header truncated");
      return;
    }

  hlen = RD32 (p + 4);
  if (hlen < 8)
    {
      set_status (ctx, HS_DECODE_MALFORMED, "Bogus AVS header length");
      return;
    }
  if (hlen > cap)
    {
      truncated (ctx, cap, rep, "AVS header truncated");
      return;
    }

  add_layer (ctx, HS_LAYER_LINK, HS_LINKTYPE_IEEE802_11_AVS, p, hlen);
  _hs_decode_ieee80211 (ctx, p + hlen, cap - hlen, rep - hlen, FALSE, FALSE);
}

/* Prism monitor-mode header: a message code (0x44 or 0x41, in either byte
 * order), length, device name and ten DID items: 144 bytes.  As Wireshark
 * does, an AVS magic here means an AVS header, and any other code no
 * header at all (the frame is 802.11). */
static void
decode_prism (DecodeCtx    *ctx,
              const guint8 *p,
              guint         cap,
              guint         rep)
{
  guint32 code_be, code_le;

  if (cap < 4)
    {
      truncated (ctx, cap, rep, "Prism header truncated");
      return;
    }

  code_be = RD32 (p);
  code_le = RD32LE (p);
  if (code_be == 0x80211001 || code_be == 0x80211002)
    {
      decode_avs (ctx, p, cap, rep);
      return;
    }

  if (code_be != 0x44 && code_be != 0x41 && code_le != 0x44 && code_le != 0x41)
    {
      _hs_decode_ieee80211 (ctx, p, cap, rep, FALSE, FALSE);
      return;
    }

  if (cap < 144)
    {
      truncated (ctx, cap, rep, "Prism header truncated");
      return;
    }

  add_layer (ctx, HS_LAYER_LINK, HS_LINKTYPE_IEEE802_11_PRISM, p, 144);
  _hs_decode_ieee80211 (ctx, p + 144, cap - 144, rep - 144, FALSE, FALSE);
}

/* Apple PKTAP: a little-endian header of pth_length bytes (at least 108)
 * whose record type 1 is a packet of link type pth_dlt. */
static void
decode_pktap (DecodeCtx    *ctx,
              const guint8 *p,
              guint         cap,
              guint         rep)
{
  guint32 hlen, dlt;

  if (cap < 12)
    {
      truncated (ctx, cap, rep, "PKTAP header truncated");
      return;
    }

  hlen = RD32LE (p);
  if (hlen < 108)
    {
      set_status (ctx, HS_DECODE_MALFORMED, "Bogus PKTAP header length");
      return;
    }
  if (hlen > cap)
    {
      truncated (ctx, cap, rep, "PKTAP header truncated");
      return;
    }

  add_layer (ctx, HS_LAYER_LINK, HS_LINKTYPE_PKTAP & 0xff, p, hlen);
  if (RD32LE (p + 4) != 1)      /* PKT_REC_PACKET */
    return;

  dlt = RD32LE (p + 8);
  if (dlt != HS_LINKTYPE_PKTAP && hs_decode_linktype_supported ((int)dlt))
    _hs_decode_link (ctx, (int)dlt, p + hlen, cap - hlen, rep - hlen);
}

/* Solaris ipnet: version, family, type, length, interface and zone ids.
 * As Wireshark does, family 2 goes to the IP decoder, which takes either
 * version, and 26 to IPv6 only. */
static void
decode_ipnet (DecodeCtx    *ctx,
              const guint8 *p,
              guint         cap,
              guint         rep)
{
  if (cap < 24)
    {
      truncated (ctx, cap, rep, "ipnet header truncated");
      return;
    }

  add_layer (ctx, HS_LAYER_LINK, HS_LINKTYPE_IPNET, p, 24);
  if (p[1] == 2)
    _hs_decode_ip (ctx, p + 24, cap - 24, rep - 24);
  else if (p[1] == 26)
    _hs_decode_ipv6 (ctx, p + 24, cap - 24, rep - 24);
}

/* netANALYZER: status, flags (bit 0: a GPIO event, not a frame), frame
 * length; then Ethernet with its FCS.  Wireshark 4.0 ignores the version
 * bits and the error status for this.  In transparent mode it shows the
 * bytes (preamble, SFD, frame) as data, and so do we. */
static void
decode_netanalyzer (DecodeCtx    *ctx,
                    const guint8 *p,
                    guint         cap,
                    guint         rep,
                    gboolean      transparent)
{
  if (cap < 4)
    {
      truncated (ctx, cap, rep, "netANALYZER header truncated");
      return;
    }

  add_layer (ctx, HS_LAYER_LINK,
             transparent ? HS_LINKTYPE_NETANALYZER_TRANSPARENT : HS_LINKTYPE_NETANALYZER, p, 4);
  if (transparent)
    {
      set_status (ctx, HS_DECODE_NOT_TCP, "netANALYZER transparent mode: not decoded");
      return;
    }
  if (p[1] & 0x01)
    {
      set_status (ctx, HS_DECODE_NOT_TCP, "netANALYZER GPIO event");
      return;
    }

  p += 4;
  cap -= 4;
  rep -= 4;
  if (rep >= 4)
    {
      rep -= 4;
      cap = MIN (cap, rep);
    }
  _hs_decode_ethernet (ctx, p, cap, rep);
}

/* OpenBSD enc(4): the address family in host byte order (read as BSD
 * loopback's), SPI and flags.  Wireshark takes only family 2 (to the IP
 * decoder, either version) and OpenBSD's 24. */
static void
decode_enc (DecodeCtx    *ctx,
            const guint8 *p,
            guint         cap,
            guint         rep)
{
  guint32 family;

  if (cap < 12)
    {
      truncated (ctx, cap, rep, "enc header truncated");
      return;
    }

  family = RD32LE (p);
  if (family & 0xffff0000u)
    family = GUINT32_SWAP_LE_BE (family);

  add_layer (ctx, HS_LAYER_LINK, HS_LINKTYPE_ENC, p, 12);
  if (family == 2)
    _hs_decode_ip (ctx, p + 12, cap - 12, rep - 12);
  else if (family == 24)
    _hs_decode_ipv6 (ctx, p + 12, cap - 12, rep - 12);
}

gboolean
_hs_decode_capture_header (DecodeCtx    *ctx,
                           int           linktype,
                           const guint8 *p,
                           guint         cap,
                           guint         rep)
{
  g_assert (ctx != NULL && ctx->out != NULL);
  g_assert (p != NULL || cap == 0);

  switch (linktype)
    {
    case HS_LINKTYPE_PFLOG:
      decode_pflog (ctx, p, cap, rep);
      return TRUE;

    case HS_LINKTYPE_IEEE802_11_PRISM:
      decode_prism (ctx, p, cap, rep);
      return TRUE;

    case HS_LINKTYPE_IEEE802_11_AVS:
      decode_avs (ctx, p, cap, rep);
      return TRUE;

    case HS_LINKTYPE_PKTAP:
      decode_pktap (ctx, p, cap, rep);
      return TRUE;

    case HS_LINKTYPE_IPNET:
      decode_ipnet (ctx, p, cap, rep);
      return TRUE;

    case HS_LINKTYPE_NETANALYZER:
    case HS_LINKTYPE_NETANALYZER_TRANSPARENT:
      decode_netanalyzer (ctx, p, cap, rep, linktype == HS_LINKTYPE_NETANALYZER_TRANSPARENT);
      return TRUE;

    case HS_LINKTYPE_ENC:
      decode_enc (ctx, p, cap, rep);
      return TRUE;

    default:
      return FALSE;
    }
}
