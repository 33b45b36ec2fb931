/* hs-decoder-link.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Link layers: Ethernet and the ethertypes (VLAN, PPPoE, LLC/SNAP), PPP and
 * Cisco HDLC, 802.11 (radiotap, PPI), Linux cooked, NFLOG, ARCNET, BSD
 * loopback, raw IP: the start of every frame.  The capture headers of
 * BSD, Apple, Solaris and 802.11 drivers are in hs-decoder-capture.c. */

#include "config.h"

#include <string.h>
#include <sys/socket.h>

#include "hs-decoder-private.h"

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
        _hs_decode_ethertype (ctx, RD16 (p + 6), FALSE, p + 8, cap - 8, rep - 8);
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
      _hs_decode_ipv4 (ctx, p + len, cap - len, rep - len);
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
      _hs_decode_ipv4 (ctx, p, cap, rep);
      break;

    case 0x0057:
      _hs_decode_ipv6 (ctx, p, cap, rep);
      break;

    case 0x0281:
    case 0x0283:
      _hs_decode_mpls (ctx, p, cap, rep);
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
  _hs_decode_ethertype (ctx, RD16 (p + 2), FALSE, p + 4, cap - 4, rep - 4);
}

/* PPP, with or without the 0xff 0x03 address and control bytes; Cisco HDLC
 * shows up in the same link types. */
void
_hs_decode_ppp_hdlc (DecodeCtx    *ctx,
                     const guint8 *p,
                     guint         cap,
                     guint         rep)
{
  g_assert (ctx != NULL && ctx->out != NULL);
  g_assert (p != NULL || cap == 0);

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
void
_hs_decode_ethertype (DecodeCtx    *ctx,
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
      _hs_decode_ipv4 (ctx, p, cap, rep);
      break;

    case 0x86dd:
      _hs_decode_ipv6 (ctx, p, cap, rep);
      break;

    case 0x8864:
      decode_pppoe (ctx, p, cap, rep);
      break;

    case 0x880b:
      _hs_decode_ppp_hdlc (ctx, p, cap, rep);
      break;

    case 0x8847:
    case 0x8848:
      _hs_decode_mpls (ctx, p, cap, rep);
      break;

    case 0x6558:                /* transparent Ethernet bridging (Geneve, NSH) */
      _hs_decode_ethernet (ctx, p, cap, rep);
      break;

    default:
      _hs_decode_encap_ethertype (ctx, type, p, cap, rep);
      break;
    }
}

void
_hs_decode_ethernet (DecodeCtx    *ctx,
                     const guint8 *p,
                     guint         cap,
                     guint         rep)
{
  g_assert (ctx != NULL && ctx->out != NULL);
  g_assert (p != NULL || cap == 0);

  if (cap < 14)
    {
      truncated (ctx, cap, rep, "Ethernet header truncated");
      return;
    }

  /* FabricPath and ISL replace the Ethernet header. */
  if (_hs_decode_encap_ethernet (ctx, p, cap, rep))
    return;

  add_layer (ctx, HS_LAYER_LINK, HS_LINKTYPE_ETHERNET, p, 14);
  _hs_decode_ethertype (ctx, RD16 (p + 12), TRUE, p + 14, cap - 14, rep - 14);
}

void
_hs_decode_ieee80211 (DecodeCtx    *ctx,
                      const guint8 *p,
                      guint         cap,
                      guint         rep,
                      gboolean      datapad,
                      gboolean      swapped_fc)
{
  guint8 fc0, fc1, subtype;
  guint hlen = 24;
  guint body;
  gboolean qos;

  g_assert (ctx != NULL && ctx->out != NULL);
  g_assert (p != NULL || cap == 0);

  if (!enter (ctx))
    return;

  if (cap < 2)
    {
      truncated (ctx, cap, rep, "802.11 header truncated");
      return;
    }

  /* CAPWAP's 802.11 frames have the frame control bytes swapped. */
  fc0 = swapped_fc ? p[1] : p[0];
  fc1 = swapped_fc ? p[0] : p[1];
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

  _hs_decode_ieee80211 (ctx, p, cap, rep, (flags & 0x20) != 0, FALSE);
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
      _hs_decode_ieee80211 (ctx, p, cap, rep, FALSE, FALSE);
    }
  else if (dlt != HS_LINKTYPE_PPI && hs_decode_linktype_supported ((int)dlt))
    {
      _hs_decode_link (ctx, (int)dlt, p, cap, rep);
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
      _hs_decode_ieee80211 (ctx, p, cap, rep, FALSE, FALSE);
      return;

    case 803:                   /* ARPHRD_IEEE80211_RADIOTAP */
      decode_radiotap (ctx, p, cap, rep);
      return;

    case 824:                   /* ARPHRD_NETLINK */
      return;

    case 778:                   /* ARPHRD_IPGRE: the protocol is a GRE type */
      /* Without the GRE flags Wireshark takes ERSPAN for type I (no
       * ERSPAN header). */
      if (proto == 0x6558 || proto == 0x88be || proto == 0x22eb)
        {
          _hs_decode_ethernet (ctx, p, cap, rep);
          return;
        }
      break;

    default:
      break;
    }

  if (proto == 0x0004)          /* ETH_P_802_2 */
    decode_llc (ctx, p, cap, rep);
  else if (proto > 1500)
    _hs_decode_ethertype (ctx, proto, FALSE, p, cap, rep);
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
            _hs_decode_ipv4 (ctx, payload, pcap, prep);
          else if (family == 10)  /* Linux AF_INET6 */
            _hs_decode_ipv6 (ctx, payload, pcap, prep);
          else
            _hs_decode_ip (ctx, payload, pcap, prep);
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
    _hs_decode_ipv6 (ctx, p + off, cap - off, rep - off);
  else
    _hs_decode_ipv4 (ctx, p + off, cap - off, rep - off);
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
      _hs_decode_ppp_hdlc (ctx, p, cap, rep);
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
      _hs_decode_ipv4 (ctx, p + 4, cap - 4, rep - 4);
      break;

    case 10:                    /* Linux */
    case 24:                    /* NetBSD, OpenBSD, BSD/OS */
    case 28:                    /* FreeBSD, DragonFly BSD */
    case 30:                    /* Darwin */
      _hs_decode_ipv6 (ctx, p + 4, cap - 4, rep - 4);
      break;

    default:
      break;
    }
}

void
_hs_decode_link (DecodeCtx    *ctx,
                 int           linktype,
                 const guint8 *p,
                 guint         cap,
                 guint         rep)
{
  g_assert (ctx != NULL && ctx->out != NULL);
  g_assert (p != NULL || cap == 0);

  if (!enter (ctx))
    return;

  switch (linktype)
    {
    case HS_LINKTYPE_ETHERNET:
      _hs_decode_ethernet (ctx, p, cap, rep);
      break;

    case HS_LINKTYPE_NULL:
    case HS_LINKTYPE_LOOP:
      decode_null (ctx, linktype, p, cap, rep);
      break;

    case HS_LINKTYPE_PPP:
    case HS_LINKTYPE_PPP_HDLC:
      _hs_decode_ppp_hdlc (ctx, p, cap, rep);
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
      _hs_decode_ip (ctx, p, cap, rep);
      break;

    case HS_LINKTYPE_IPV4:
      _hs_decode_ipv4 (ctx, p, cap, rep);
      break;

    case HS_LINKTYPE_IPV6:
      _hs_decode_ipv6 (ctx, p, cap, rep);
      break;

    case HS_LINKTYPE_IEEE802_11:
      _hs_decode_ieee80211 (ctx, p, cap, rep, FALSE, FALSE);
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
      _hs_decode_ethertype (ctx, RD16 (p + 40), FALSE, p + 44, cap - 44, rep - 44);
      break;

    default:
      /* The capture headers of hs-decoder-capture.c. */
      if (!_hs_decode_capture_header (ctx, linktype, p, cap, rep))
        set_status (ctx, HS_DECODE_UNSUPPORTED_LINK, "Unsupported link type");
      break;
    }
}
