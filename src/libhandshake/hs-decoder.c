/* hs-decoder.c
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

/* Frame bytes -> link layer -> IPv4/IPv6 (+ tunnels) -> TCP.
 *
 * Every layer function (hs-decoder-*.c) walks one header with three
 * numbers: `p` points at the header, `cap` bytes of it were captured and
 * `rep` bytes were on the wire (Wireshark's "reported length").
 * cap <= rep always holds.  Lengths come from `rep` (so a snap-length cut
 * does not change tcp.len) and bytes are only read below `cap`.  IP and
 * other length fields shrink `rep` (so Ethernet padding is ignored); a
 * length field larger than `rep` is clamped to it, as Wireshark does.
 *
 * Nothing is allocated on the common path; only IPComp decompression and IP
 * reassembly use buffers (owned by the HsDefrag, or one per thread).
 *
 * This file starts the walk and names the link types; the layers are in
 * hs-decoder-link.c, hs-decoder-ip.c, hs-decoder-tunnel.c and
 * hs-decoder-tcp.c (their shared state in hs-decoder-private.h), the
 * application tag in hs-app-summary.c. */

#include "config.h"

#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>

#include "hs-decoder-private.h"

/* ------------------------------------------------------------------------ */
/* Public API                                                                */

gboolean
hs_decode_frame (int                    linktype,
                 const guint8          *data,
                 guint                  caplen,
                 guint                  orig_len,
                 guint32                frame,
                 HsDefrag              *defrag,
                 HsDecodedPacket       *out)
{
  DecodeCtx ctx;

  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  out->status = HS_DECODE_NOT_TCP;

  if (data == NULL)
    caplen = 0;
  if (orig_len < caplen)
    orig_len = caplen;
  if (caplen < orig_len)
    out->problems |= HS_PROBLEM_SNAPLEN_TRUNCATED;

  ctx.out = out;
  ctx.defrag = defrag;
  ctx.base = data;
  ctx.frame = frame;
  ctx.depth = 0;
  ctx.switched = FALSE;
  ctx.reassembled = FALSE;
  ctx.inflated = FALSE;

  if (!hs_decode_linktype_supported (linktype))
    {
      set_status (&ctx, HS_DECODE_UNSUPPORTED_LINK, "Unsupported link type");
      return FALSE;
    }

  _hs_decode_link (&ctx, linktype, data, caplen, orig_len);

  /* The payload of anything but a segment is of no interest. */
  if (out->status != HS_DECODE_TCP)
    {
      out->payload = NULL;
      out->payload_captured = 0;
      out->app = HS_APP_NONE;
    }

  return out->status == HS_DECODE_TCP;
}

gboolean
hs_decode_linktype_supported (int linktype)
{
  switch (linktype)
    {
    case HS_LINKTYPE_NULL:
    case HS_LINKTYPE_ETHERNET:
    case HS_LINKTYPE_ARCNET_BSD:
    case HS_LINKTYPE_PPP:
    case HS_LINKTYPE_FDDI:
    case HS_LINKTYPE_ATM_RFC1483_DLT:
    case HS_LINKTYPE_RAW_DLT12:
    case HS_LINKTYPE_RAW_DLT14:
    case HS_LINKTYPE_PPP_HDLC:
    case HS_LINKTYPE_PPP_ETHER:
    case HS_LINKTYPE_ATM_RFC1483:
    case HS_LINKTYPE_RAW:
    case HS_LINKTYPE_C_HDLC:
    case HS_LINKTYPE_IEEE802_11:
    case HS_LINKTYPE_LOOP:
    case HS_LINKTYPE_LINUX_SLL:
    case HS_LINKTYPE_IEEE802_11_RADIOTAP:
    case HS_LINKTYPE_ARCNET_LINUX:
    case HS_LINKTYPE_PPI:
    case HS_LINKTYPE_IPV4:
    case HS_LINKTYPE_IPV6:
    case HS_LINKTYPE_NFLOG:
    case HS_LINKTYPE_IPOIB:
    case HS_LINKTYPE_LINUX_SLL2:
    case HS_LINKTYPE_PFLOG:
    case HS_LINKTYPE_IEEE802_11_PRISM:
    case HS_LINKTYPE_IEEE802_11_AVS:
    case HS_LINKTYPE_PKTAP:
    case HS_LINKTYPE_IPNET:
    case HS_LINKTYPE_NETANALYZER:
    case HS_LINKTYPE_NETANALYZER_TRANSPARENT:
    case HS_LINKTYPE_ENC:
      return TRUE;

    default:
      return FALSE;
    }
}

const char *
hs_decode_linktype_name (int linktype)
{
  switch (linktype)
    {
    case HS_LINKTYPE_NULL:
      return "BSD loopback";
    case HS_LINKTYPE_ETHERNET:
      return "Ethernet";
    case HS_LINKTYPE_ARCNET_BSD:
      return "ARCNET";
    case HS_LINKTYPE_PPP:
      return "PPP";
    case HS_LINKTYPE_FDDI:
      return "FDDI";
    case HS_LINKTYPE_ATM_RFC1483_DLT:
      return "RFC 1483 LLC/SNAP";
    case HS_LINKTYPE_RAW_DLT12:
      return "Raw IP";
    case HS_LINKTYPE_RAW_DLT14:
      return "Raw IP";
    case HS_LINKTYPE_PPP_HDLC:
      return "PPP in HDLC-like framing";
    case HS_LINKTYPE_PPP_ETHER:
      return "PPPoE";
    case HS_LINKTYPE_ATM_RFC1483:
      return "RFC 1483 LLC/SNAP";
    case HS_LINKTYPE_RAW:
      return "Raw IP";
    case HS_LINKTYPE_C_HDLC:
      return "Cisco HDLC";
    case HS_LINKTYPE_IEEE802_11:
      return "IEEE 802.11";
    case HS_LINKTYPE_LOOP:
      return "OpenBSD loopback";
    case HS_LINKTYPE_LINUX_SLL:
      return "Linux cooked (SLL)";
    case HS_LINKTYPE_IEEE802_11_RADIOTAP:
      return "IEEE 802.11 + radiotap";
    case HS_LINKTYPE_ARCNET_LINUX:
      return "ARCNET (Linux)";
    case HS_LINKTYPE_PPI:
      return "PPI";
    case HS_LINKTYPE_IPV4:
      return "Raw IPv4";
    case HS_LINKTYPE_IPV6:
      return "Raw IPv6";
    case HS_LINKTYPE_NFLOG:
      return "Linux netfilter log (NFLOG)";
    case HS_LINKTYPE_IPOIB:
      return "IP over InfiniBand";
    case HS_LINKTYPE_LINUX_SLL2:
      return "Linux cooked (SLL2)";
    case HS_LINKTYPE_PFLOG:
      return "OpenBSD pf log (PFLOG)";
    case HS_LINKTYPE_IEEE802_11_PRISM:
      return "IEEE 802.11 + Prism header";
    case HS_LINKTYPE_IEEE802_11_AVS:
      return "IEEE 802.11 + AVS header";
    case HS_LINKTYPE_PKTAP:
      return "Apple PKTAP";
    case HS_LINKTYPE_IPNET:
      return "Solaris ipnet";
    case HS_LINKTYPE_NETANALYZER:
      return "netANALYZER";
    case HS_LINKTYPE_NETANALYZER_TRANSPARENT:
      return "netANALYZER (transparent mode)";
    case HS_LINKTYPE_ENC:
      return "OpenBSD IPsec (enc)";
    default:
      return "Unknown";
    }
}

char *
hs_format_address (guint8        ip_version,
                   const guint8 *addr)
{
  char buf[INET6_ADDRSTRLEN];

  g_return_val_if_fail (addr != NULL, NULL);

  if (ip_version == 4)
    {
      if (inet_ntop (AF_INET, addr, buf, sizeof buf) != NULL)
        return g_strdup (buf);
    }
  else if (ip_version == 6)
    {
      if (inet_ntop (AF_INET6, addr, buf, sizeof buf) != NULL)
        return g_strdup (buf);
    }

  return g_strdup ("?");
}
