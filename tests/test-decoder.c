/* test-decoder.c
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

#undef G_DISABLE_ASSERT

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "hs-decoder.h"
#include "hs-defrag-private.h"
#include "hs-test-utils.h"

/* ------------------------------------------------------------------------ */
/* Frame builders                                                            */

static const guint8 ip4_a[4] = { 10, 0, 0, 1 };
static const guint8 ip4_b[4] = { 10, 0, 0, 2 };
static const guint8 ip6_a[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
static const guint8 ip6_b[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2 };

static void
put8 (GByteArray *b,
      guint8      v)
{
  g_byte_array_append (b, &v, 1);
}

static void
put16 (GByteArray *b,
       guint16     v)
{
  guint8 d[2] = { v >> 8, v & 0xff };

  g_byte_array_append (b, d, 2);
}

static void
put32 (GByteArray *b,
       guint32     v)
{
  put16 (b, v >> 16);
  put16 (b, v & 0xffff);
}

static void
put16le (GByteArray *b,
         guint16     v)
{
  guint8 d[2] = { v & 0xff, v >> 8 };

  g_byte_array_append (b, d, 2);
}

static void
put32le (GByteArray *b,
         guint32     v)
{
  put16le (b, v & 0xffff);
  put16le (b, v >> 16);
}

static void
put_bytes (GByteArray *b,
           const void *data,
           gsize       len)
{
  g_byte_array_append (b, data, len);
}

static void
put_zeros (GByteArray *b,
           gsize       len)
{
  for (gsize i = 0; i < len; i++)
    put8 (b, 0);
}

static void
prepend (GByteArray *b,
         GByteArray *header)
{
  g_byte_array_prepend (b, header->data, header->len);
  g_byte_array_unref (header);
}

/* A TCP segment: PSH|ACK, seq 1000, ack 2000, window 512; options padded
 * with NOPs to a multiple of 4; `data_offset` 0 means the right one. */
static GByteArray *
tcp_full (guint16       sport,
          guint16       dport,
          guint16       flags,
          const guint8 *opts,
          guint         opts_len,
          guint         data_offset,
          const char   *payload)
{
  GByteArray *b = g_byte_array_new ();
  guint padded = (opts_len + 3) & ~3u;

  if (data_offset == 0)
    data_offset = (20 + padded) / 4;

  put16 (b, sport);
  put16 (b, dport);
  put32 (b, 1000);
  put32 (b, 2000);
  put16 (b, (guint16)((data_offset << 12) | flags));
  put16 (b, 512);
  put16 (b, 0xbeef);          /* checksum */
  put16 (b, 7);               /* urgent pointer */
  if (opts_len > 0)
    put_bytes (b, opts, opts_len);
  for (guint i = opts_len; i < padded; i++)
    put8 (b, 1);
  if (payload != NULL)
    put_bytes (b, payload, strlen (payload));

  return b;
}

static GByteArray *
tcp_seg (const char *payload)
{
  return tcp_full (1234, 80, HS_TCP_PSH | HS_TCP_ACK, NULL, 0, 0, payload);
}

typedef struct
{
  guint8        ihl_options_len;   /* bytes of IPv4 options (multiple of 4) */
  guint16       total_len;         /* 0: computed; G_MAXUINT16 + 1 impossible */
  gboolean      total_len_set;
  guint16       id;
  guint16       frag;              /* flags + offset field */
  const guint8 *src;
  const guint8 *dst;
} Ipv4Opts;

static GByteArray *
ipv4_full (guint8          proto,
           GByteArray     *payload,
           const Ipv4Opts *o)
{
  GByteArray *h = g_byte_array_new ();
  guint hlen = 20 + (o ? o->ihl_options_len : 0);
  guint16 tot = (guint16)(hlen + payload->len);

  if (o != NULL && o->total_len_set)
    tot = o->total_len;

  put8 (h, 0x40 | (hlen / 4));
  put8 (h, 0);
  put16 (h, tot);
  put16 (h, o ? o->id : 1);
  put16 (h, o ? o->frag : 0x4000);
  put8 (h, 64);
  put8 (h, proto);
  put16 (h, 0);
  put_bytes (h, o && o->src ? o->src : ip4_a, 4);
  put_bytes (h, o && o->dst ? o->dst : ip4_b, 4);
  for (guint i = 20; i < hlen; i++)
    put8 (h, i == 20 ? 0x94 : (i == 21 ? 4 : 0));   /* router alert + padding */

  prepend (payload, h);
  return payload;
}

static GByteArray *
ipv4 (guint8      proto,
      GByteArray *payload)
{
  return ipv4_full (proto, payload, NULL);
}

static GByteArray *
ipv6_full (guint8      nh,
           GByteArray *payload,
           gint        plen)     /* < 0: computed */
{
  GByteArray *h = g_byte_array_new ();

  put32 (h, 0x60000000);
  put16 (h, plen < 0 ? (guint16)payload->len : (guint16)plen);
  put8 (h, nh);
  put8 (h, 63);
  put_bytes (h, ip6_a, 16);
  put_bytes (h, ip6_b, 16);

  prepend (payload, h);
  return payload;
}

static GByteArray *
ipv6 (guint8      nh,
      GByteArray *payload)
{
  return ipv6_full (nh, payload, -1);
}

/* A generic IPv6 extension header of 8 bytes. */
static GByteArray *
ext8 (guint8      nh,
      GByteArray *payload)
{
  GByteArray *h = g_byte_array_new ();

  put8 (h, nh);
  put8 (h, 0);
  put8 (h, 1);      /* PadN */
  put8 (h, 4);
  put32 (h, 0);

  prepend (payload, h);
  return payload;
}

static GByteArray *
ether (guint16     type,
       GByteArray *payload)
{
  GByteArray *h = g_byte_array_new ();
  static const guint8 macs[12] = { 0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6 };

  put_bytes (h, macs, 12);
  put16 (h, type);

  prepend (payload, h);
  return payload;
}

static GByteArray *
with_header (GByteArray   *payload,
             const guint8 *header,
             guint         len)
{
  g_byte_array_prepend (payload, header, len);
  return payload;
}

/* Decodes an exact-size heap copy (so that sanitizers catch over-reads).
 * The copy is returned for tests that look at payload pointers. */
static guint8 *
decode_copy (int              linktype,
             GByteArray      *frame,
             guint            caplen,
             guint            orig_len,
             HsDefrag        *defrag,
             guint32          number,
             HsDecodedPacket *out)
{
  guint8 *copy = g_memdup2 (frame->data, MAX (caplen, 1));
  gboolean ret;

  ret = hs_decode_frame (linktype, copy, caplen, orig_len, number, defrag, out);
  g_assert_cmpint (ret, ==, out->status == HS_DECODE_TCP);

  return copy;
}

static void
decode (int              linktype,
        GByteArray      *frame,
        HsDecodedPacket *out)
{
  g_autofree guint8 *copy = decode_copy (linktype, frame, frame->len, frame->len, NULL, 1, out);
}

static void
assert_layers (const HsDecodedPacket *pkt,
               const HsLayerKind     *kinds,
               guint                  n_kinds)
{
  g_assert_cmpuint (pkt->n_layers, ==, n_kinds);
  for (guint i = 0; i < n_kinds; i++)
    g_assert_cmpint (pkt->layers[i].kind, ==, kinds[i]);
}

/* Checks the usual result for tcp_seg (payload) over 10.0.0.1 -> 10.0.0.2. */
static void
assert_plain_tcp4 (const HsDecodedPacket *pkt,
                   guint                  payload_len)
{
  g_assert_cmpint (pkt->status, ==, HS_DECODE_TCP);
  g_assert_true (pkt->has_tcp_header);
  g_assert_cmpuint (pkt->ip_version, ==, 4);
  g_assert_cmpuint (pkt->ip_proto, ==, 6);
  g_assert_cmpmem (pkt->src, 4, ip4_a, 4);
  g_assert_cmpmem (pkt->dst, 4, ip4_b, 4);
  g_assert_cmpuint (pkt->sport, ==, 1234);
  g_assert_cmpuint (pkt->dport, ==, 80);
  g_assert_cmpuint (pkt->seq, ==, 1000);
  g_assert_cmpuint (pkt->ack, ==, 2000);
  g_assert_cmpuint (pkt->payload_len, ==, payload_len);
}

static void
assert_plain_tcp6 (const HsDecodedPacket *pkt,
                   guint                  payload_len)
{
  g_assert_cmpint (pkt->status, ==, HS_DECODE_TCP);
  g_assert_cmpuint (pkt->ip_version, ==, 6);
  g_assert_cmpmem (pkt->src, 16, ip6_a, 16);
  g_assert_cmpmem (pkt->dst, 16, ip6_b, 16);
  g_assert_cmpuint (pkt->sport, ==, 1234);
  g_assert_cmpuint (pkt->dport, ==, 80);
  g_assert_cmpuint (pkt->payload_len, ==, payload_len);
}

/* ------------------------------------------------------------------------ */
/* Link layers                                                               */

static void
test_ethernet_ipv4 (void)
{
  g_autoptr(GByteArray) frame = ether (0x0800, ipv4 (6, tcp_seg ("hello")));
  static const HsLayerKind kinds[] = {
    HS_LAYER_LINK, HS_LAYER_IPV4, HS_LAYER_TCP, HS_LAYER_PAYLOAD,
  };
  HsDecodedPacket pkt;
  g_autofree guint8 *copy = NULL;

  copy = decode_copy (HS_LINKTYPE_ETHERNET, frame, frame->len, frame->len, NULL, 1, &pkt);

  assert_plain_tcp4 (&pkt, 5);
  g_assert_cmpuint (pkt.flags, ==, HS_TCP_PSH | HS_TCP_ACK);
  g_assert_cmpuint (pkt.window, ==, 512);
  g_assert_cmpuint (pkt.checksum, ==, 0xbeef);
  g_assert_cmpuint (pkt.urgent, ==, 7);
  g_assert_cmpuint (pkt.ttl, ==, 64);
  g_assert_cmpuint (pkt.header_len, ==, 20);
  g_assert_false (pkt.has_options);
  g_assert_false (pkt.reassembled);
  g_assert_cmpuint (pkt.problems, ==, 0);
  g_assert_null (pkt.problem_text);
  g_assert_true (pkt.payload == copy + 54);
  g_assert_cmpuint (pkt.payload_captured, ==, 5);
  g_assert_cmpint (pkt.app, ==, HS_APP_NONE);

  assert_layers (&pkt, kinds, G_N_ELEMENTS (kinds));
  g_assert_cmpuint (pkt.n_frame_layers, ==, 4);
  g_assert_cmpuint (pkt.layers[0].offset, ==, 0);
  g_assert_cmpuint (pkt.layers[0].length, ==, 14);
  g_assert_cmpuint (pkt.layers[1].offset, ==, 14);
  g_assert_cmpuint (pkt.layers[1].length, ==, 20);
  g_assert_cmpuint (pkt.layers[2].offset, ==, 34);
  g_assert_cmpuint (pkt.layers[2].length, ==, 20);
  g_assert_cmpuint (pkt.layers[3].offset, ==, 54);
  g_assert_cmpuint (pkt.layers[3].length, ==, 5);
}

static void
test_ethernet_padding (void)
{
  g_autoptr(GByteArray) frame = ether (0x0800, ipv4 (6, tcp_seg (NULL)));
  HsDecodedPacket pkt;

  /* Pad to the 60-byte minimum with non-zero bytes: not payload. */
  while (frame->len < 60)
    put8 (frame, 0xaa);

  decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
  assert_plain_tcp4 (&pkt, 0);
  g_assert_cmpuint (pkt.payload_captured, ==, 0);
  g_assert_null (pkt.payload);
  g_assert_cmpuint (pkt.n_layers, ==, 3);
}

static void
test_ethernet_vlan (void)
{
  g_autoptr(GByteArray) frame = ipv4 (6, tcp_seg ("x"));
  static const guint8 tag[4] = { 0x00, 0x64, 0x08, 0x00 };
  static const HsLayerKind kinds[] = {
    HS_LAYER_LINK, HS_LAYER_VLAN, HS_LAYER_IPV4, HS_LAYER_TCP, HS_LAYER_PAYLOAD,
  };
  HsDecodedPacket pkt;

  frame = ether (0x8100, with_header (frame, tag, 4));
  decode (HS_LINKTYPE_ETHERNET, frame, &pkt);

  assert_plain_tcp4 (&pkt, 1);
  assert_layers (&pkt, kinds, G_N_ELEMENTS (kinds));
  g_assert_cmpuint (pkt.layers[1].offset, ==, 14);
  g_assert_cmpuint (pkt.layers[2].offset, ==, 18);
}

static void
test_ethernet_qinq (void)
{
  g_autoptr(GByteArray) frame = ipv6 (6, tcp_seg ("abc"));
  static const guint8 tags[12] = {
    0x00, 0x0a, 0x81, 0x00,   /* 802.1ad S-tag, then 802.1Q */
    0x00, 0x14, 0x91, 0x00,   /* 802.1Q, then old QinQ 0x9100 */
    0x00, 0x1e, 0x86, 0xdd,   /* 0x9100 tag, then IPv6 */
  };
  HsDecodedPacket pkt;
  guint n_vlan = 0;

  frame = ether (0x88a8, with_header (frame, tags, sizeof tags));
  decode (HS_LINKTYPE_ETHERNET, frame, &pkt);

  assert_plain_tcp6 (&pkt, 3);
  for (guint i = 0; i < pkt.n_layers; i++)
    n_vlan += pkt.layers[i].kind == HS_LAYER_VLAN;
  g_assert_cmpuint (n_vlan, ==, 3);
  g_assert_cmpint (pkt.layers[4].kind, ==, HS_LAYER_IPV6);
  g_assert_cmpuint (pkt.layers[4].offset, ==, 26);
}

static void
test_ethernet_pppoe (void)
{
  HsDecodedPacket pkt;
  static const guint8 tags[8] = { 0x00, 0x0a, 0x81, 0x00, 0x00, 0x14, 0x88, 0x64 };
  static const HsLayerKind kinds[] = {
    HS_LAYER_LINK, HS_LAYER_VLAN, HS_LAYER_VLAN, HS_LAYER_PPPOE, HS_LAYER_PPP,
    HS_LAYER_IPV4, HS_LAYER_TCP, HS_LAYER_PAYLOAD,
  };
  g_autoptr(GByteArray) f4 = ipv4 (6, tcp_seg ("pppoe"));
  g_autoptr(GByteArray) f6 = ipv6 (6, tcp_seg ("pppoe6"));
  GByteArray *h;

  /* QinQ + PPPoE session + PPP + IPv4, as in pppoe-over-qinq.pcap */
  h = g_byte_array_new ();
  put_bytes (h, tags, sizeof tags);
  put8 (h, 0x11);
  put8 (h, 0x00);
  put16 (h, 0x0007);
  put16 (h, (guint16)(f4->len + 2));
  put16 (h, 0x0021);
  prepend (f4, h);
  f4 = ether (0x88a8, f4);
  /* Ethernet padding after the PPPoE payload */
  put_zeros (f4, 8);

  decode (HS_LINKTYPE_ETHERNET, f4, &pkt);
  assert_plain_tcp4 (&pkt, 5);
  assert_layers (&pkt, kinds, G_N_ELEMENTS (kinds));
  g_assert_cmpuint (pkt.layers[3].offset, ==, 22);
  g_assert_cmpuint (pkt.layers[4].length, ==, 2);

  /* PPPoE + IPv6 */
  h = g_byte_array_new ();
  put8 (h, 0x11);
  put8 (h, 0x00);
  put16 (h, 0x0001);
  put16 (h, (guint16)(f6->len + 2));
  put16 (h, 0x0057);
  prepend (f6, h);
  f6 = ether (0x8864, f6);
  decode (HS_LINKTYPE_ETHERNET, f6, &pkt);
  assert_plain_tcp6 (&pkt, 6);

  /* PPPoE discovery is not TCP */
  f6->data[13] = 0x63;
  decode (HS_LINKTYPE_ETHERNET, f6, &pkt);
  g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);
}

static void
test_ethernet_llc_snap (void)
{
  g_autoptr(GByteArray) snap = ipv4 (6, tcp_seg ("snap"));
  g_autoptr(GByteArray) sap = ipv4 (6, tcp_seg ("sap"));
  static const guint8 snap_hdr[8] = { 0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x08, 0x00 };
  static const guint8 sap_hdr[3] = { 0x06, 0x06, 0x03 };
  HsDecodedPacket pkt;
  guint len;

  /* 802.3 length field, LLC/SNAP, then trailing padding */
  with_header (snap, snap_hdr, sizeof snap_hdr);
  len = snap->len;
  snap = ether ((guint16)len, snap);
  put_zeros (snap, 10);
  decode (HS_LINKTYPE_ETHERNET, snap, &pkt);
  assert_plain_tcp4 (&pkt, 4);
  g_assert_cmpint (pkt.layers[1].kind, ==, HS_LAYER_LLC);
  g_assert_cmpuint (pkt.layers[1].length, ==, 8);

  /* 802.3 length shorter than the IP datagram: the IP length is clamped */
  snap->data[12] = 0;
  snap->data[13] = (guint8)(len - 2);
  decode (HS_LINKTYPE_ETHERNET, snap, &pkt);
  g_assert_cmpint (pkt.status, ==, HS_DECODE_TCP);
  g_assert_cmpuint (pkt.payload_len, ==, 2);
  g_assert_true (pkt.problems & HS_PROBLEM_BAD_IP_LENGTH);

  /* the IP SAP */
  with_header (sap, sap_hdr, sizeof sap_hdr);
  sap = ether ((guint16)sap->len, sap);
  decode (HS_LINKTYPE_ETHERNET, sap, &pkt);
  assert_plain_tcp4 (&pkt, 3);

  /* another SAP: not TCP */
  sap->data[14] = sap->data[15] = 0x42;
  decode (HS_LINKTYPE_ETHERNET, sap, &pkt);
  g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);
}

static void
test_ethernet_mpls (void)
{
  g_autoptr(GByteArray) frame = ipv4 (6, tcp_seg ("mpls"));
  static const guint8 labels[8] = { 0x00, 0x01, 0x00, 0x40, 0x00, 0x02, 0x01, 0x40 };
  HsDecodedPacket pkt;

  frame = ether (0x8847, with_header (frame, labels, sizeof labels));
  decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
  assert_plain_tcp4 (&pkt, 4);
  g_assert_cmpint (pkt.layers[1].kind, ==, HS_LAYER_MPLS);
  g_assert_cmpint (pkt.layers[2].kind, ==, HS_LAYER_MPLS);
  g_assert_cmpint (pkt.layers[3].kind, ==, HS_LAYER_IPV4);
}

static void
test_linux_sll (void)
{
  g_autoptr(GByteArray) v1 = ipv4 (6, tcp_seg ("sll"));
  g_autoptr(GByteArray) v2 = ipv6 (6, tcp_seg ("sll2"));
  g_autoptr(GByteArray) llc = ipv4 (6, tcp_seg ("llc"));
  static const guint8 snap_hdr[8] = { 0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x08, 0x00 };
  GByteArray *h;
  HsDecodedPacket pkt;

  h = g_byte_array_new ();
  put16 (h, 4);                 /* outgoing */
  put16 (h, 1);                 /* ARPHRD_ETHER */
  put16 (h, 6);
  put_zeros (h, 8);
  put16 (h, 0x0800);
  prepend (v1, h);
  decode (HS_LINKTYPE_LINUX_SLL, v1, &pkt);
  assert_plain_tcp4 (&pkt, 3);
  g_assert_cmpuint (pkt.layers[0].length, ==, 16);

  h = g_byte_array_new ();
  put16 (h, 0x86dd);
  put16 (h, 0);
  put32 (h, 2);                 /* interface index */
  put16 (h, 1);
  put8 (h, 0);
  put8 (h, 6);
  put_zeros (h, 8);
  prepend (v2, h);
  decode (HS_LINKTYPE_LINUX_SLL2, v2, &pkt);
  assert_plain_tcp6 (&pkt, 4);
  g_assert_cmpuint (pkt.layers[0].length, ==, 20);

  /* SLL with protocol 0x0004: 802.2 LLC follows */
  with_header (llc, snap_hdr, sizeof snap_hdr);
  h = g_byte_array_new ();
  put16 (h, 0);
  put16 (h, 1);
  put16 (h, 6);
  put_zeros (h, 8);
  put16 (h, 0x0004);
  prepend (llc, h);
  decode (HS_LINKTYPE_LINUX_SLL, llc, &pkt);
  assert_plain_tcp4 (&pkt, 3);

  /* GRE tunnel device (ARPHRD_IPGRE) carrying Ethernet */
  {
    g_autoptr(GByteArray) teb = ether (0x0800, ipv4 (6, tcp_seg ("teb")));

    h = g_byte_array_new ();
    put16 (h, 0);
    put16 (h, 778);
    put16 (h, 0);
    put_zeros (h, 8);
    put16 (h, 0x6558);
    prepend (teb, h);
    decode (HS_LINKTYPE_LINUX_SLL, teb, &pkt);
    assert_plain_tcp4 (&pkt, 3);
    g_assert_cmpint (pkt.layers[1].kind, ==, HS_LAYER_LINK);
  }

  /* Netlink is not TCP */
  llc->data[2] = 0x03;
  llc->data[3] = 0x38;
  decode (HS_LINKTYPE_LINUX_SLL, llc, &pkt);
  g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);
}

static void
test_raw_ip (void)
{
  g_autoptr(GByteArray) v4 = ipv4 (6, tcp_seg ("raw4"));
  g_autoptr(GByteArray) v6 = ipv6 (6, tcp_seg ("raw6!"));
  static const int raw_types[] = {
    HS_LINKTYPE_RAW, HS_LINKTYPE_RAW_DLT12, HS_LINKTYPE_RAW_DLT14,
  };
  HsDecodedPacket pkt;

  for (guint i = 0; i < G_N_ELEMENTS (raw_types); i++)
    {
      decode (raw_types[i], v4, &pkt);
      assert_plain_tcp4 (&pkt, 4);
      g_assert_cmpint (pkt.layers[0].kind, ==, HS_LAYER_IPV4);
      decode (raw_types[i], v6, &pkt);
      assert_plain_tcp6 (&pkt, 5);
    }

  decode (HS_LINKTYPE_IPV4, v4, &pkt);
  assert_plain_tcp4 (&pkt, 4);
  decode (HS_LINKTYPE_IPV6, v6, &pkt);
  assert_plain_tcp6 (&pkt, 5);

  /* An IPv4 header where IPv6 is announced: not decoded (Wireshark agrees) */
  decode (HS_LINKTYPE_IPV6, v4, &pkt);
  g_assert_cmpint (pkt.status, ==, HS_DECODE_MALFORMED);
  /* the other way round Wireshark hands it to IPv6 */
  decode (HS_LINKTYPE_IPV4, v6, &pkt);
  assert_plain_tcp6 (&pkt, 5);

  /* neither version */
  v4->data[0] = 0x55;
  decode (HS_LINKTYPE_RAW, v4, &pkt);
  g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);
}

static void
test_null_loop (void)
{
  struct {
    int      linktype;
    guint8   family[4];
    gboolean v6;
  } cases[] = {
    { HS_LINKTYPE_NULL, { 2, 0, 0, 0 }, FALSE },     /* little-endian host */
    { HS_LINKTYPE_NULL, { 0, 0, 0, 2 }, FALSE },     /* big-endian host */
    { HS_LINKTYPE_NULL, { 24, 0, 0, 0 }, TRUE },     /* NetBSD/OpenBSD */
    { HS_LINKTYPE_NULL, { 28, 0, 0, 0 }, TRUE },     /* FreeBSD */
    { HS_LINKTYPE_NULL, { 0, 0, 0, 30 }, TRUE },     /* Darwin, big-endian */
    { HS_LINKTYPE_NULL, { 10, 0, 0, 0 }, TRUE },     /* Linux */
    { HS_LINKTYPE_LOOP, { 0, 0, 0, 2 }, FALSE },     /* always network order */
    { HS_LINKTYPE_LOOP, { 0, 0, 0, 24 }, TRUE },
  };
  HsDecodedPacket pkt;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GByteArray) frame = NULL;

      if (cases[i].v6)
        frame = ipv6 (6, tcp_seg ("lo"));
      else
        frame = ipv4 (6, tcp_seg ("lo"));
      with_header (frame, cases[i].family, 4);

      decode (cases[i].linktype, frame, &pkt);
      if (cases[i].v6)
        assert_plain_tcp6 (&pkt, 2);
      else
        assert_plain_tcp4 (&pkt, 2);
      g_assert_cmpint (pkt.layers[0].kind, ==, HS_LAYER_LINK);
      g_assert_cmpuint (pkt.layers[0].length, ==, 4);

      /* LOOP is network order only: the swapped value is unknown */
      if (cases[i].linktype == HS_LINKTYPE_LOOP)
        {
          frame->data[0] = frame->data[3];
          frame->data[3] = 0;
          decode (HS_LINKTYPE_LOOP, frame, &pkt);
          g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);
        }
    }

  /* unknown family */
  {
    g_autoptr(GByteArray) frame = ipv4 (6, tcp_seg (NULL));
    static const guint8 fam[4] = { 7, 0, 0, 0 };

    with_header (frame, fam, 4);
    decode (HS_LINKTYPE_NULL, frame, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);
  }
}

static void
test_ppp (void)
{
  static const guint8 addr_ctl[4] = { 0xff, 0x03, 0x00, 0x21 };
  static const guint8 no_addr[2] = { 0x00, 0x21 };
  static const guint8 pfc_v6[1] = { 0x57 };
  static const guint8 chdlc[4] = { 0x0f, 0x00, 0x08, 0x00 };
  static const guint8 vj[4] = { 0xff, 0x03, 0x00, 0x2d };
  static const int ppp_types[] = { HS_LINKTYPE_PPP, HS_LINKTYPE_PPP_HDLC };
  HsDecodedPacket pkt;

  for (guint i = 0; i < G_N_ELEMENTS (ppp_types); i++)
    {
      g_autoptr(GByteArray) a = with_header (ipv4 (6, tcp_seg ("a")), addr_ctl, 4);
      g_autoptr(GByteArray) b = with_header (ipv4 (6, tcp_seg ("b")), no_addr, 2);
      g_autoptr(GByteArray) c = with_header (ipv6 (6, tcp_seg ("c")), pfc_v6, 1);
      g_autoptr(GByteArray) d = with_header (ipv4 (6, tcp_seg ("d")), chdlc, 4);
      g_autoptr(GByteArray) e = with_header (ipv4 (6, tcp_seg ("e")), vj, 4);

      decode (ppp_types[i], a, &pkt);
      assert_plain_tcp4 (&pkt, 1);
      g_assert_cmpint (pkt.layers[0].kind, ==, HS_LAYER_PPP);
      g_assert_cmpuint (pkt.layers[0].length, ==, 4);

      decode (ppp_types[i], b, &pkt);
      assert_plain_tcp4 (&pkt, 1);
      g_assert_cmpuint (pkt.layers[0].length, ==, 2);

      /* protocol field compression, as in frag-ppp-ipv6-tcp.pcap */
      decode (ppp_types[i], c, &pkt);
      assert_plain_tcp6 (&pkt, 1);
      g_assert_cmpuint (pkt.layers[0].length, ==, 1);

      /* Cisco HDLC framing in a PPP link type */
      decode (ppp_types[i], d, &pkt);
      assert_plain_tcp4 (&pkt, 1);

      decode (ppp_types[i], e, &pkt);
      g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);
    }
}

static void
test_chdlc (void)
{
  static const guint8 v4[4] = { 0x0f, 0x00, 0x08, 0x00 };
  static const guint8 v6[4] = { 0x8f, 0x00, 0x86, 0xdd };
  static const guint8 slarp[4] = { 0x8f, 0x00, 0x80, 0x35 };
  g_autoptr(GByteArray) a = with_header (ipv4 (6, tcp_seg ("hdlc")), v4, 4);
  g_autoptr(GByteArray) b = with_header (ipv6 (6, tcp_seg ("hdlc")), v6, 4);
  g_autoptr(GByteArray) c = with_header (g_byte_array_new (), slarp, 4);
  HsDecodedPacket pkt;

  put_zeros (c, 18);

  decode (HS_LINKTYPE_C_HDLC, a, &pkt);
  assert_plain_tcp4 (&pkt, 4);
  g_assert_cmpuint (pkt.layers[0].length, ==, 4);
  decode (HS_LINKTYPE_C_HDLC, b, &pkt);
  assert_plain_tcp6 (&pkt, 4);
  decode (HS_LINKTYPE_C_HDLC, c, &pkt);
  g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);
}

static void
test_fddi (void)
{
  static const guint8 hdr[21] = {
    0x50,                                   /* async LLC frame */
    0, 4, 0, 0x83, 0xa7, 0xaa, 0, 4, 0, 0x82, 0xa7, 0xaa,
    0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00,  /* LLC/SNAP */
  };
  g_autoptr(GByteArray) frame = with_header (ipv4 (6, tcp_seg ("fddi")), hdr, sizeof hdr);
  HsDecodedPacket pkt;

  decode (HS_LINKTYPE_FDDI, frame, &pkt);
  assert_plain_tcp4 (&pkt, 4);
  g_assert_cmpuint (pkt.layers[0].length, ==, 13);
  g_assert_cmpint (pkt.layers[1].kind, ==, HS_LAYER_LLC);

  /* a MAC frame carries no LLC */
  frame->data[0] = 0x41;
  decode (HS_LINKTYPE_FDDI, frame, &pkt);
  g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);

  /* RFC 1483 is LLC/SNAP alone */
  g_byte_array_remove_range (frame, 0, 13);
  decode (HS_LINKTYPE_ATM_RFC1483, frame, &pkt);
  assert_plain_tcp4 (&pkt, 4);
  decode (HS_LINKTYPE_ATM_RFC1483_DLT, frame, &pkt);
  assert_plain_tcp4 (&pkt, 4);
}

static void
test_arcnet (void)
{
  /* Linux: src, dst, 2 offset bytes, protocol, split flag, 2 sequence bytes */
  static const guint8 rfc1201[8] = { 0xbe, 0x50, 0xa8, 0xe7, 0xd4, 0x00, 0x01, 0x66 };
  static const guint8 rfc1051[5] = { 0xbe, 0x50, 0x00, 0x00, 0xf0 };
  static const guint8 arp[8] = { 0xbe, 0x50, 0x00, 0x00, 0xd5, 0x00, 0x01, 0x65 };
  static const guint8 bsd[6] = { 0xbe, 0x50, 0xd4, 0x00, 0x01, 0x66 };
  g_autoptr(GByteArray) a = with_header (ipv4 (6, tcp_seg ("arc")), rfc1201, 8);
  g_autoptr(GByteArray) b = with_header (ipv4 (6, tcp_seg ("arc")), rfc1051, 5);
  g_autoptr(GByteArray) c = with_header (ipv4 (6, tcp_seg ("arc")), arp, 8);
  g_autoptr(GByteArray) d = with_header (ipv4 (6, tcp_seg ("arc")), bsd, 6);
  HsDecodedPacket pkt;

  decode (HS_LINKTYPE_ARCNET_LINUX, a, &pkt);
  assert_plain_tcp4 (&pkt, 3);
  g_assert_cmpuint (pkt.layers[0].length, ==, 8);
  decode (HS_LINKTYPE_ARCNET_LINUX, b, &pkt);
  assert_plain_tcp4 (&pkt, 3);
  g_assert_cmpuint (pkt.layers[0].length, ==, 5);
  decode (HS_LINKTYPE_ARCNET_LINUX, c, &pkt);
  g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);
  decode (HS_LINKTYPE_ARCNET_BSD, d, &pkt);
  assert_plain_tcp4 (&pkt, 3);
}

/* An 802.11 data frame header: fc, duration, addresses, sequence. */
static GByteArray *
wlan_header (guint8 fc0,
             guint8 fc1)
{
  GByteArray *h = g_byte_array_new ();

  put8 (h, fc0);
  put8 (h, fc1);
  put16 (h, 0);
  put_zeros (h, 18);            /* three addresses */
  put16 (h, 0x7d80);            /* sequence control */
  if ((fc1 & 0x03) == 0x03)
    put_zeros (h, 6);           /* address 4 */
  if (fc0 & 0x80)               /* QoS */
    {
      put16 (h, 0);
      if (fc1 & 0x80)
        put32 (h, 0);           /* HT control */
    }

  return h;
}

static GByteArray *
wlan_frame (guint8      fc0,
            guint8      fc1,
            GByteArray *ip)
{
  static const guint8 snap_hdr[8] = { 0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x08, 0x00 };

  with_header (ip, snap_hdr, sizeof snap_hdr);
  prepend (ip, wlan_header (fc0, fc1));
  return ip;
}

static void
test_ieee80211 (void)
{
  struct {
    guint8 fc0;
    guint8 fc1;
    guint  hlen;
    gint   status;
  } cases[] = {
    { 0x08, 0x01, 24, HS_DECODE_TCP },        /* data, ToDS */
    { 0x08, 0x02, 24, HS_DECODE_TCP },        /* data, FromDS */
    { 0x88, 0x01, 26, HS_DECODE_TCP },        /* QoS data */
    { 0x88, 0x03, 32, HS_DECODE_TCP },        /* QoS data, 4 addresses */
    { 0x88, 0x83, 36, HS_DECODE_TCP },        /* + HT control */
    { 0x88, 0x41, 26, HS_DECODE_NOT_TCP },    /* protected */
    { 0x48, 0x01, 24, HS_DECODE_NOT_TCP },    /* null function */
    { 0xc8, 0x01, 26, HS_DECODE_NOT_TCP },    /* QoS null */
    { 0x80, 0x00, 24, HS_DECODE_NOT_TCP },    /* beacon */
  };
  HsDecodedPacket pkt;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GByteArray) frame = wlan_frame (cases[i].fc0, cases[i].fc1,
                                                ipv4 (6, tcp_seg ("wifi")));

      decode (HS_LINKTYPE_IEEE802_11, frame, &pkt);
      g_assert_cmpint (pkt.status, ==, cases[i].status);
      g_assert_cmpint (pkt.layers[0].kind, ==, HS_LAYER_IEEE802_11);
      if (cases[i].status == HS_DECODE_TCP)
        {
          assert_plain_tcp4 (&pkt, 4);
          g_assert_cmpuint (pkt.layers[0].length, ==, cases[i].hlen);
          g_assert_cmpint (pkt.layers[1].kind, ==, HS_LAYER_LLC);
        }
    }
}

/* Radiotap: TSFT, Flags, and `flags`; the 802.11 frame follows. */
static GByteArray *
radiotap (GByteArray *wlan,
          guint8      flags)
{
  GByteArray *h = g_byte_array_new ();

  put8 (h, 0);
  put8 (h, 0);
  put16le (h, 28);
  put32le (h, 0x80000003);      /* TSFT, Flags, another presence word */
  put32le (h, 0x00000000);
  put32le (h, 0);               /* padding to align TSFT to 8 */
  put32le (h, 0x11223344);      /* TSFT */
  put32le (h, 0);
  put8 (h, flags);
  put8 (h, 0);
  put16 (h, 0);
  g_assert_cmpuint (h->len, ==, 28);

  prepend (wlan, h);
  return wlan;
}

static void
test_radiotap (void)
{
  HsDecodedPacket pkt;

  /* plain */
  {
    g_autoptr(GByteArray) frame = radiotap (wlan_frame (0x08, 0x01, ipv4 (6, tcp_seg ("rt"))), 0);

    decode (HS_LINKTYPE_IEEE802_11_RADIOTAP, frame, &pkt);
    assert_plain_tcp4 (&pkt, 2);
    g_assert_cmpint (pkt.layers[0].kind, ==, HS_LAYER_LINK);
    g_assert_cmpuint (pkt.layers[0].length, ==, 28);
    g_assert_cmpint (pkt.layers[1].kind, ==, HS_LAYER_IEEE802_11);
  }

  /* with an FCS: with IP total length 0 (TSO) the FCS is not payload */
  {
    Ipv4Opts o = { 0, 0, TRUE, 1, 0x4000, NULL, NULL };
    g_autoptr(GByteArray) frame = radiotap (wlan_frame (0x08, 0x01,
                                                        ipv4_full (6, tcp_seg ("fcs"), &o)), 0x10);

    put32 (frame, 0xdeadbeef);
    decode (HS_LINKTYPE_IEEE802_11_RADIOTAP, frame, &pkt);
    assert_plain_tcp4 (&pkt, 3);
  }

  /* data padding: the 26-byte QoS header is padded to 28 */
  {
    GByteArray *ip = ipv4 (6, tcp_seg ("pad"));
    static const guint8 snap_hdr[8] = { 0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x08, 0x00 };
    static const guint8 pad[2] = { 0, 0 };
    g_autoptr(GByteArray) frame = NULL;

    with_header (ip, snap_hdr, sizeof snap_hdr);
    with_header (ip, pad, 2);
    prepend (ip, wlan_header (0x88, 0x01));
    frame = radiotap (ip, 0x20);

    decode (HS_LINKTYPE_IEEE802_11_RADIOTAP, frame, &pkt);
    assert_plain_tcp4 (&pkt, 3);
  }
}

static void
test_ppi (void)
{
  g_autoptr(GByteArray) frame = wlan_frame (0x08, 0x02, ipv4 (6, tcp_seg ("ppi")));
  GByteArray *h = g_byte_array_new ();
  HsDecodedPacket pkt;

  put8 (h, 0);
  put8 (h, 0);
  put16le (h, 8 + 4 + 20);
  put32le (h, HS_LINKTYPE_IEEE802_11);
  put16le (h, 2);               /* 802.11-common */
  put16le (h, 20);
  put_zeros (h, 8);             /* TSF */
  put16le (h, 0x0001);          /* flags: FCS present */
  put_zeros (h, 10);
  prepend (frame, h);
  put32 (frame, 0x01020304);    /* FCS */

  decode (HS_LINKTYPE_PPI, frame, &pkt);
  assert_plain_tcp4 (&pkt, 3);
  g_assert_cmpint (pkt.layers[0].kind, ==, HS_LAYER_LINK);
  g_assert_cmpuint (pkt.layers[0].length, ==, 32);
  g_assert_cmpint (pkt.layers[1].kind, ==, HS_LAYER_IEEE802_11);

  /* PPI around Ethernet */
  {
    g_autoptr(GByteArray) eth = ether (0x0800, ipv4 (6, tcp_seg ("ppie")));
    GByteArray *e = g_byte_array_new ();

    put8 (e, 0);
    put8 (e, 0);
    put16le (e, 8);
    put32le (e, HS_LINKTYPE_ETHERNET);
    prepend (eth, e);
    decode (HS_LINKTYPE_PPI, eth, &pkt);
    assert_plain_tcp4 (&pkt, 4);
  }
}

static void
tlv (GByteArray   *b,
     gboolean      le,
     guint16       type,
     const guint8 *value,
     guint         len)
{
  if (le)
    {
      put16le (b, (guint16)(len + 4));
      put16le (b, type);
    }
  else
    {
      put16 (b, (guint16)(len + 4));
      put16 (b, type);
    }
  put_bytes (b, value, len);
  while (b->len % 4 != 0)
    put8 (b, 0);
}

static void
test_nflog (void)
{
  HsDecodedPacket pkt;

  for (guint le = 0; le < 2; le++)
    {
      g_autoptr(GByteArray) ip = ipv4 (6, tcp_seg ("nflog"));
      g_autoptr(GByteArray) frame = g_byte_array_new ();
      static const guint8 hdr[4] = { 0, 0, 0x03, 0 };
      static const guint8 prefix[1] = { 0 };
      guint before;

      put8 (frame, 2);          /* AF_INET */
      put8 (frame, 0);
      put16 (frame, 42);
      tlv (frame, le, 1, hdr, 4);
      tlv (frame, le, 10, prefix, 1);   /* padded to 8 */
      before = frame->len;
      tlv (frame, le, 9, ip->data, ip->len);

      decode (HS_LINKTYPE_NFLOG, frame, &pkt);
      assert_plain_tcp4 (&pkt, 5);
      g_assert_cmpint (pkt.layers[0].kind, ==, HS_LAYER_LINK);
      g_assert_cmpuint (pkt.layers[0].length, ==, before + 4);
      g_assert_cmpuint (pkt.layers[1].offset, ==, before + 4);
    }

  /* IPv6 family, no payload TLV */
  {
    g_autoptr(GByteArray) ip = ipv6 (6, tcp_seg ("nflog6"));
    g_autoptr(GByteArray) frame = g_byte_array_new ();
    static const guint8 uid[4] = { 0, 0, 0, 0 };

    put8 (frame, 10);
    put8 (frame, 0);
    put16 (frame, 1);
    tlv (frame, TRUE, 9, ip->data, ip->len);
    decode (HS_LINKTYPE_NFLOG, frame, &pkt);
    assert_plain_tcp6 (&pkt, 6);

    g_byte_array_set_size (frame, 4);
    tlv (frame, TRUE, 11, uid, 4);
    decode (HS_LINKTYPE_NFLOG, frame, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);
  }
}

static void
test_ipoib (void)
{
  g_autoptr(GByteArray) frame = ipv4 (6, tcp_seg ("ib"));
  GByteArray *h = g_byte_array_new ();
  HsDecodedPacket pkt;

  /* 40-byte pseudo-header (as in tcpdump's ipoib.pcap), then type + reserved */
  put_zeros (h, 16);
  put32 (h, 0x30200003);
  put32 (h, 0x80000550);
  put_zeros (h, 16);
  put16 (h, 0x0800);
  put16 (h, 0);
  prepend (frame, h);

  decode (HS_LINKTYPE_IPOIB, frame, &pkt);
  assert_plain_tcp4 (&pkt, 2);
  g_assert_cmpuint (pkt.layers[0].length, ==, 44);

  /* ARP */
  frame->data[40] = 0x08;
  frame->data[41] = 0x06;
  decode (HS_LINKTYPE_IPOIB, frame, &pkt);
  g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);
}

/* pf log headers as OpenBSD and FreeBSD write them: the length byte, the
 * family, action, reason, interface "em0", ruleset, rule numbers... zero
 * padded to the word-aligned length.  Checked with tshark 4.0.17 on the same
 * bytes in a LINKTYPE_PFLOG pcap: pflog:ip:tcp, tcp.srcport 1234, tcp.seq_raw
 * 1000 for lengths 5 to 255 (IP at the length rounded up to 4) and families
 * 2, 24, 28, 30; "pflog:data" for family 10; nothing for lengths 1 to 4. */
static GByteArray *
pflog_header (guint8 length,
              guint8 af)
{
  GByteArray *h = g_byte_array_new ();
  guint hlen = (length + 3u) & ~3u;

  put8 (h, length);
  put8 (h, af);
  put8 (h, 0);                  /* action: pass */
  put8 (h, 0);                  /* reason: match */
  put_bytes (h, "em0", 3);
  while (h->len < hlen)
    put8 (h, 0);
  g_byte_array_set_size (h, hlen);

  return h;
}

static void
test_pflog (void)
{
  static const guint8 lengths[] = { 5, 45, 61, 62, 64, 100, 101, 255 };
  HsDecodedPacket pkt;

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      g_autoptr(GByteArray) frame = ipv4 (6, tcp_seg ("pf"));

      prepend (frame, pflog_header (lengths[i], 2));
      decode (HS_LINKTYPE_PFLOG, frame, &pkt);
      assert_plain_tcp4 (&pkt, 2);
      g_assert_cmpint (pkt.layers[0].kind, ==, HS_LAYER_LINK);
      g_assert_cmpuint (pkt.layers[0].length, ==, (lengths[i] + 3u) & ~3u);
      g_assert_cmpint (pkt.layers[1].kind, ==, HS_LAYER_IPV4);
    }

  /* IPv6 in the BSD families; Linux's 10 is not one pf uses */
  {
    static const guint8 families[] = { 24, 28, 30 };

    for (guint i = 0; i < G_N_ELEMENTS (families); i++)
      {
        g_autoptr(GByteArray) frame = ipv6 (6, tcp_seg ("pf6"));

        prepend (frame, pflog_header (61, families[i]));
        decode (HS_LINKTYPE_PFLOG, frame, &pkt);
        assert_plain_tcp6 (&pkt, 3);
      }
  }
  {
    g_autoptr(GByteArray) frame = ipv6 (6, tcp_seg ("pf6"));

    prepend (frame, pflog_header (61, 10));
    decode (HS_LINKTYPE_PFLOG, frame, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);
  }

  /* a length that leaves no room for the header; a cut header */
  {
    g_autoptr(GByteArray) frame = ipv4 (6, tcp_seg ("pf"));

    prepend (frame, pflog_header (4, 2));
    decode (HS_LINKTYPE_PFLOG, frame, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_MALFORMED);
    g_assert_cmpuint (pkt.n_layers, ==, 0);

    frame->data[0] = 100;
    g_byte_array_set_size (frame, 60);
    decode (HS_LINKTYPE_PFLOG, frame, &pkt);
    g_assert_cmpint (pkt.status, !=, HS_DECODE_TCP);
  }
}

/* A Prism header: message code 0x44 (or 0x41) in host byte order, length
 * 144, device name, ten DID items of 12 bytes. */
static GByteArray *
prism_header (guint32  code,
              gboolean le)
{
  GByteArray *h = g_byte_array_new ();

  if (le)
    {
      put32le (h, code);
      put32le (h, 144);
    }
  else
    {
      put32 (h, code);
      put32 (h, 144);
    }
  put_bytes (h, "wlan0", 5);
  put_zeros (h, 11);
  for (guint i = 0; i < 10; i++)
    {
      if (le)
        {
          put32le (h, 0x1041 + (i << 12));
          put16le (h, 0);
          put16le (h, 4);
          put32le (h, i);
        }
      else
        {
          put32 (h, 0x1041 + (i << 12));
          put16 (h, 0);
          put16 (h, 4);
          put32 (h, i);
        }
    }
  g_assert_cmpuint (h->len, ==, 144);

  return h;
}

/* An AVS (wlancap) header: magic with the version, big-endian length. */
static GByteArray *
avs_header (guint32 magic,
            guint   len)
{
  GByteArray *h = g_byte_array_new ();

  put32 (h, magic);
  put32 (h, len);
  put_zeros (h, len - 8);

  return h;
}

/* Checked with tshark 4.0.17 on the same bytes (prism:wlan_radio:wlan:llc:
 * ip:tcp, tcp.srcport 1234, tcp.seq_raw 1000): Prism codes 0x44 and 0x41
 * in either byte order; an AVS magic in a Prism capture is an AVS header
 * (prism:wlancap:...); another code is no header at all (prism:wlan).  In
 * LINKTYPE_IEEE802_11_AVS the length field is used whatever the magic. */
static void
test_prism_avs (void)
{
  HsDecodedPacket pkt;

  for (guint le = 0; le < 2; le++)
    for (guint c = 0; c < 2; c++)
      {
        g_autoptr(GByteArray) frame = wlan_frame (0x08, 0x01, ipv4 (6, tcp_seg ("prism")));

        prepend (frame, prism_header (c ? 0x41 : 0x44, le));
        decode (HS_LINKTYPE_IEEE802_11_PRISM, frame, &pkt);
        assert_plain_tcp4 (&pkt, 5);
        g_assert_cmpint (pkt.layers[0].kind, ==, HS_LAYER_LINK);
        g_assert_cmpuint (pkt.layers[0].length, ==, 144);
        g_assert_cmpint (pkt.layers[1].kind, ==, HS_LAYER_IEEE802_11);
        g_assert_cmpuint (pkt.layers[1].offset, ==, 144);
      }

  /* AVS inside a Prism capture, then on its own with lengths 64 and 72 */
  {
    g_autoptr(GByteArray) frame = wlan_frame (0x08, 0x01, ipv4 (6, tcp_seg ("avs")));

    prepend (frame, avs_header (0x80211001, 64));
    decode (HS_LINKTYPE_IEEE802_11_PRISM, frame, &pkt);
    assert_plain_tcp4 (&pkt, 3);
    g_assert_cmpuint (pkt.layers[0].length, ==, 64);

    decode (HS_LINKTYPE_IEEE802_11_AVS, frame, &pkt);
    assert_plain_tcp4 (&pkt, 3);
    g_assert_cmpint (pkt.layers[0].kind, ==, HS_LAYER_LINK);
    g_assert_cmpuint (pkt.layers[0].length, ==, 64);
    g_assert_cmpint (pkt.layers[1].kind, ==, HS_LAYER_IEEE802_11);
  }
  {
    g_autoptr(GByteArray) frame = wlan_frame (0x08, 0x01, ipv4 (6, tcp_seg ("avs2")));

    prepend (frame, avs_header (0x80211002, 72));
    decode (HS_LINKTYPE_IEEE802_11_AVS, frame, &pkt);
    assert_plain_tcp4 (&pkt, 4);
    g_assert_cmpuint (pkt.layers[0].length, ==, 72);

    /* a length past the captured bytes */
    frame->data[6] = 0x10;
    decode (HS_LINKTYPE_IEEE802_11_AVS, frame, &pkt);
    g_assert_cmpint (pkt.status, !=, HS_DECODE_TCP);
  }

  /* an unknown code in a Prism capture: the frame is plain 802.11 */
  {
    g_autoptr(GByteArray) frame = wlan_frame (0x08, 0x01, ipv4 (6, tcp_seg ("bare")));

    decode (HS_LINKTYPE_IEEE802_11_PRISM, frame, &pkt);
    assert_plain_tcp4 (&pkt, 4);
    g_assert_cmpint (pkt.layers[0].kind, ==, HS_LAYER_IEEE802_11);
  }
}

/* An Apple PKTAP header: little-endian length, record type, DLT, then the
 * interface name "en0" and zeros up to `len`. */
static GByteArray *
pktap_header (guint32 len,
              guint32 rectype,
              guint32 dlt)
{
  GByteArray *h = g_byte_array_new ();

  put32le (h, len);
  put32le (h, rectype);
  put32le (h, dlt);
  put_bytes (h, "en0", 3);
  put_zeros (h, len - 15);

  return h;
}

/* Checked with tshark 4.0.17 on the same bytes in a LINKTYPE_PKTAP pcap:
 * pktap:pcap_pktdata:eth:ethertype:ip:tcp (and null:ip:tcp, raw:ip:tcp,
 * ip:tcp for DLTs 0, 12, 228), tcp.srcport 1234, tcp.seq_raw 1000, with
 * header lengths 108 and 112; "pktap" only for record type 0 and for a
 * length of 100 ("Header length is too short"). */
static void
test_pktap (void)
{
  HsDecodedPacket pkt;

  {
    g_autoptr(GByteArray) frame = ether (0x0800, ipv4 (6, tcp_seg ("pktap")));

    prepend (frame, pktap_header (108, 1, HS_LINKTYPE_ETHERNET));
    decode (HS_LINKTYPE_PKTAP, frame, &pkt);
    assert_plain_tcp4 (&pkt, 5);
    g_assert_cmpint (pkt.layers[0].kind, ==, HS_LAYER_LINK);
    g_assert_cmpuint (pkt.layers[0].length, ==, 108);
    g_assert_cmpint (pkt.layers[1].kind, ==, HS_LAYER_LINK);
    g_assert_cmpuint (pkt.layers[1].detail, ==, HS_LINKTYPE_ETHERNET);
    g_assert_cmpuint (pkt.layers[1].offset, ==, 108);
  }
  {
    g_autoptr(GByteArray) frame = ether (0x0800, ipv4 (6, tcp_seg ("pktap")));

    prepend (frame, pktap_header (112, 1, HS_LINKTYPE_ETHERNET));
    decode (HS_LINKTYPE_PKTAP, frame, &pkt);
    assert_plain_tcp4 (&pkt, 5);
    g_assert_cmpuint (pkt.layers[1].offset, ==, 112);
  }
  {
    g_autoptr(GByteArray) frame = ipv4 (6, tcp_seg ("loop"));
    GByteArray *family = g_byte_array_new ();

    put32le (family, 2);
    prepend (frame, family);
    prepend (frame, pktap_header (108, 1, HS_LINKTYPE_NULL));
    decode (HS_LINKTYPE_PKTAP, frame, &pkt);
    assert_plain_tcp4 (&pkt, 4);
  }
  {
    static const int raw[] = { HS_LINKTYPE_RAW_DLT12, HS_LINKTYPE_IPV4 };

    for (guint i = 0; i < G_N_ELEMENTS (raw); i++)
      {
        g_autoptr(GByteArray) frame = ipv4 (6, tcp_seg ("raw"));

        prepend (frame, pktap_header (108, 1, raw[i]));
        decode (HS_LINKTYPE_PKTAP, frame, &pkt);
        assert_plain_tcp4 (&pkt, 3);
      }
  }

  /* not a packet record; a short header; PKTAP inside PKTAP */
  {
    g_autoptr(GByteArray) frame = ether (0x0800, ipv4 (6, tcp_seg ("x")));

    prepend (frame, pktap_header (108, 0, HS_LINKTYPE_ETHERNET));
    decode (HS_LINKTYPE_PKTAP, frame, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);
    g_assert_cmpuint (pkt.n_layers, ==, 1);

    frame->data[4] = 1;
    frame->data[0] = 100;
    decode (HS_LINKTYPE_PKTAP, frame, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_MALFORMED);

    frame->data[0] = 108;
    frame->data[8] = HS_LINKTYPE_PKTAP & 0xff;
    frame->data[9] = HS_LINKTYPE_PKTAP >> 8;
    decode (HS_LINKTYPE_PKTAP, frame, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);
  }
}

/* Solaris ipnet: version 1, family, type, length, ifindex, zones.
 * Checked with tshark 4.0.17 on the same bytes: ipnet:ip:tcp (family 2),
 * ipnet:ipv6:tcp (26) and ipnet:ip:ipv6:tcp (family 2, an IPv6 packet), all
 * tcp.srcport 1234, tcp.seq_raw 1000; version 2 the same; "ipnet:data" for
 * family 24 and for family 26 with an IPv4 packet. */
static GByteArray *
ipnet_header (guint8 version,
              guint8 family,
              guint  len)
{
  GByteArray *h = g_byte_array_new ();

  put8 (h, version);
  put8 (h, family);
  put16 (h, 0);
  put32 (h, len);
  put32 (h, 1);
  put_zeros (h, 12);

  return h;
}

static void
test_ipnet (void)
{
  HsDecodedPacket pkt;

  for (guint v = 1; v <= 2; v++)
    {
      g_autoptr(GByteArray) frame = ipv4 (6, tcp_seg ("ipnet"));

      prepend (frame, ipnet_header (v, 2, frame->len));
      decode (HS_LINKTYPE_IPNET, frame, &pkt);
      assert_plain_tcp4 (&pkt, 5);
      g_assert_cmpint (pkt.layers[0].kind, ==, HS_LAYER_LINK);
      g_assert_cmpuint (pkt.layers[0].length, ==, 24);
    }
  {
    g_autoptr(GByteArray) frame = ipv6 (6, tcp_seg ("ipnet6"));

    prepend (frame, ipnet_header (1, 26, frame->len));
    decode (HS_LINKTYPE_IPNET, frame, &pkt);
    assert_plain_tcp6 (&pkt, 6);

    frame->data[1] = 2;
    decode (HS_LINKTYPE_IPNET, frame, &pkt);
    assert_plain_tcp6 (&pkt, 6);

    frame->data[1] = 24;
    decode (HS_LINKTYPE_IPNET, frame, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);
  }
  {
    g_autoptr(GByteArray) frame = ipv4 (6, tcp_seg ("ipnet"));

    prepend (frame, ipnet_header (1, 26, frame->len));
    decode (HS_LINKTYPE_IPNET, frame, &pkt);
    g_assert_cmpint (pkt.status, !=, HS_DECODE_TCP);

    g_byte_array_set_size (frame, 20);
    decode (HS_LINKTYPE_IPNET, frame, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_MALFORMED);
  }
}

/* netANALYZER: status, flags (0x04: version 1), little-endian length; the
 * Ethernet frame ends with its FCS.  Checked with tshark 4.0.17 on the same
 * bytes: netanalyzer:eth:ethertype:ip:tcp, tcp.srcport 1234, tcp.seq_raw
 * 1000 also with flags 0x08 (version 2), 0x44, 0x06 and an error status;
 * flags 0x05 (a GPIO event) is "netanalyzer" only.  In transparent mode
 * (241) tshark shows netanalyzer:data whatever follows. */
static GByteArray *
netanalyzer_header (guint8 status,
                    guint8 flags,
                    guint  len)
{
  GByteArray *h = g_byte_array_new ();

  put8 (h, status);
  put8 (h, flags);
  put16le (h, len);

  return h;
}

static void
test_netanalyzer (void)
{
  static const guint8 flags[] = { 0x04, 0x08, 0x44, 0x06 };
  HsDecodedPacket pkt;

  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      g_autoptr(GByteArray) frame = ether (0x0800, ipv4 (6, tcp_seg ("na")));

      put32 (frame, 0xdeadbeef);
      prepend (frame, netanalyzer_header (i == 3 ? 0x04 : 0, flags[i], frame->len));
      decode (HS_LINKTYPE_NETANALYZER, frame, &pkt);
      assert_plain_tcp4 (&pkt, 2);
      g_assert_cmpint (pkt.layers[0].kind, ==, HS_LAYER_LINK);
      g_assert_cmpuint (pkt.layers[0].length, ==, 4);
      g_assert_cmpuint (pkt.layers[1].detail, ==, HS_LINKTYPE_ETHERNET);
    }

  /* with IP total length 0 (TSO) the FCS is not payload */
  {
    Ipv4Opts o = { 0, 0, TRUE, 1, 0x4000, NULL, NULL };
    g_autoptr(GByteArray) frame = ether (0x0800, ipv4_full (6, tcp_seg ("tso"), &o));

    put32 (frame, 0xdeadbeef);
    prepend (frame, netanalyzer_header (0, 0x04, frame->len));
    decode (HS_LINKTYPE_NETANALYZER, frame, &pkt);
    assert_plain_tcp4 (&pkt, 3);
  }

  /* a GPIO event; transparent mode */
  {
    g_autoptr(GByteArray) frame = ether (0x0800, ipv4 (6, tcp_seg ("na")));
    static const guint8 preamble[8] = { 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0xd5 };

    put32 (frame, 0xdeadbeef);
    prepend (frame, netanalyzer_header (0, 0x05, frame->len));
    decode (HS_LINKTYPE_NETANALYZER, frame, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);
    g_assert_cmpuint (pkt.n_layers, ==, 1);

    g_byte_array_remove_range (frame, 0, 4);
    with_header (frame, preamble, sizeof preamble);
    prepend (frame, netanalyzer_header (0, 0x06, frame->len));
    decode (HS_LINKTYPE_NETANALYZER_TRANSPARENT, frame, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);
    g_assert_cmpuint (pkt.n_layers, ==, 1);
    g_assert_cmpuint (pkt.layers[0].length, ==, 4);
  }
}

/* OpenBSD enc(4): family (host byte order), SPI, flags.  Checked with
 * tshark 4.0.17 on the same bytes: enc:ip:tcp for family 2 in either byte
 * order, enc:ipv6:tcp for 24 and enc:ip:ipv6:tcp for 2 with an IPv6 packet
 * (tcp.srcport 1234, tcp.seq_raw 1000); enc:data for 0, 10, 28 and 30, and
 * for 24 with an IPv4 packet. */
static GByteArray *
enc_header (guint32  family,
            gboolean le)
{
  GByteArray *h = g_byte_array_new ();

  if (le)
    put32le (h, family);
  else
    put32 (h, family);
  put32 (h, 0x1000);            /* SPI */
  put32 (h, 0);                 /* flags */

  return h;
}

static void
test_enc (void)
{
  HsDecodedPacket pkt;

  for (guint le = 0; le < 2; le++)
    {
      g_autoptr(GByteArray) frame = ipv4 (6, tcp_seg ("enc"));
      g_autoptr(GByteArray) frame6 = ipv6 (6, tcp_seg ("enc6"));

      prepend (frame, enc_header (2, le));
      decode (HS_LINKTYPE_ENC, frame, &pkt);
      assert_plain_tcp4 (&pkt, 3);
      g_assert_cmpint (pkt.layers[0].kind, ==, HS_LAYER_LINK);
      g_assert_cmpuint (pkt.layers[0].length, ==, 12);

      prepend (frame6, enc_header (24, le));
      decode (HS_LINKTYPE_ENC, frame6, &pkt);
      assert_plain_tcp6 (&pkt, 4);
    }

  {
    static const guint32 others[] = { 0, 10, 28, 30 };
    g_autoptr(GByteArray) frame = ipv6 (6, tcp_seg ("enc6"));

    prepend (frame, enc_header (2, TRUE));
    decode (HS_LINKTYPE_ENC, frame, &pkt);
    assert_plain_tcp6 (&pkt, 4);

    for (guint i = 0; i < G_N_ELEMENTS (others); i++)
      {
        frame->data[0] = (guint8)others[i];
        decode (HS_LINKTYPE_ENC, frame, &pkt);
        g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);
      }
  }
  {
    g_autoptr(GByteArray) frame = ipv4 (6, tcp_seg ("enc"));

    prepend (frame, enc_header (24, TRUE));
    decode (HS_LINKTYPE_ENC, frame, &pkt);
    g_assert_cmpint (pkt.status, !=, HS_DECODE_TCP);
  }
}

static void
test_unsupported_link (void)
{
  g_autoptr(GByteArray) frame = ether (0x0800, ipv4 (6, tcp_seg ("x")));
  static const int unsupported[] = { 147, 2, 6, 0xffff, -1, 1000 };
  HsDecodedPacket pkt;

  for (guint i = 0; i < G_N_ELEMENTS (unsupported); i++)
    {
      decode (unsupported[i], frame, &pkt);
      g_assert_cmpint (pkt.status, ==, HS_DECODE_UNSUPPORTED_LINK);
      g_assert_nonnull (pkt.problem_text);
      g_assert_cmpuint (pkt.n_layers, ==, 0);
      g_assert_false (hs_decode_linktype_supported (unsupported[i]));
      g_assert_cmpstr (hs_decode_linktype_name (unsupported[i]), ==, "Unknown");
    }

  /* an empty frame */
  hs_decode_frame (HS_LINKTYPE_ETHERNET, NULL, 0, 0, 1, NULL, &pkt);
  g_assert_cmpint (pkt.status, ==, HS_DECODE_MALFORMED);
}

static const int supported_linktypes[] = {
  HS_LINKTYPE_NULL, HS_LINKTYPE_ETHERNET, HS_LINKTYPE_PPP, HS_LINKTYPE_FDDI,
  HS_LINKTYPE_RAW, HS_LINKTYPE_C_HDLC, HS_LINKTYPE_IEEE802_11, HS_LINKTYPE_LOOP,
  HS_LINKTYPE_LINUX_SLL, HS_LINKTYPE_ARCNET_LINUX, HS_LINKTYPE_PPI,
  HS_LINKTYPE_IEEE802_11_RADIOTAP, HS_LINKTYPE_IPV4, HS_LINKTYPE_IPV6,
  HS_LINKTYPE_NFLOG, HS_LINKTYPE_IPOIB, HS_LINKTYPE_LINUX_SLL2,
  HS_LINKTYPE_ARCNET_BSD, HS_LINKTYPE_ATM_RFC1483_DLT, HS_LINKTYPE_RAW_DLT12,
  HS_LINKTYPE_RAW_DLT14, HS_LINKTYPE_PPP_HDLC, HS_LINKTYPE_PPP_ETHER,
  HS_LINKTYPE_ATM_RFC1483, HS_LINKTYPE_PFLOG, HS_LINKTYPE_IEEE802_11_PRISM,
  HS_LINKTYPE_IEEE802_11_AVS, HS_LINKTYPE_PKTAP, HS_LINKTYPE_IPNET,
  HS_LINKTYPE_NETANALYZER, HS_LINKTYPE_NETANALYZER_TRANSPARENT, HS_LINKTYPE_ENC,
};

static void
test_linktype_names (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < G_N_ELEMENTS (supported_linktypes); i++)
    {
      const char *name = hs_decode_linktype_name (supported_linktypes[i]);

      g_assert_true (hs_decode_linktype_supported (supported_linktypes[i]));
      g_assert_nonnull (name);
      g_assert_cmpstr (name, !=, "Unknown");
      g_hash_table_add (seen, (gpointer)name);
    }

  g_assert_cmpstr (hs_decode_linktype_name (HS_LINKTYPE_ETHERNET), ==, "Ethernet");
  g_assert_cmpstr (hs_decode_linktype_name (HS_LINKTYPE_LINUX_SLL2), ==, "Linux cooked (SLL2)");
  /* distinct link types mostly have distinct names */
  g_assert_cmpuint (g_hash_table_size (seen), >=, 18);
}

/* ------------------------------------------------------------------------ */
/* IPv4                                                                      */

static void
test_ipv4_options (void)
{
  Ipv4Opts o = { 8, 0, FALSE, 1, 0x4000, NULL, NULL };
  g_autoptr(GByteArray) frame = ether (0x0800, ipv4_full (6, tcp_seg ("opts"), &o));
  HsDecodedPacket pkt;

  decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
  assert_plain_tcp4 (&pkt, 4);
  g_assert_cmpuint (pkt.layers[1].length, ==, 28);
  g_assert_cmpuint (pkt.layers[2].offset, ==, 42);
  g_assert_cmpmem (pkt.dst, 4, ip4_b, 4);

  /* Source routing, as Wireshark reads it: the destination is the route's
   * last address while the pointer is inside the route, else the header's */
  {
    static const guint8 last_hop[4] = { 5, 6, 7, 8 };
    Ipv4Opts route = { 12, 0, FALSE, 1, 0x4000, NULL, NULL };
    /* loose route: type, length 11, pointer 4, 1.2.3.4, 5.6.7.8, EOL */
    static const guint8 lsrr[12] = { 131, 11, 4, 1, 2, 3, 4, 5, 6, 7, 8, 0 };
    /* no-operation first, then a strict route of one address */
    static const guint8 ssrr[8] = { 1, 137, 7, 4, 5, 6, 7, 8 };
    g_autoptr(GByteArray) routed = ether (0x0800, ipv4_full (6, tcp_seg ("r"), &route));

    memcpy (routed->data + 14 + 20, lsrr, sizeof lsrr);
    decode (HS_LINKTYPE_ETHERNET, routed, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_TCP);
    g_assert_cmpmem (pkt.src, 4, ip4_a, 4);
    g_assert_cmpmem (pkt.dst, 4, last_hop, 4);

    /* the route is used up (pointer past its end): the header's address */
    routed->data[14 + 22] = 12;
    decode (HS_LINKTYPE_ETHERNET, routed, &pkt);
    g_assert_cmpmem (pkt.dst, 4, ip4_b, 4);

    /* a pointer that is not a multiple of 4 is bogus: the header's */
    routed->data[14 + 22] = 5;
    decode (HS_LINKTYPE_ETHERNET, routed, &pkt);
    g_assert_cmpmem (pkt.dst, 4, ip4_b, 4);

    /* an option running past the header stops the search */
    routed->data[14 + 22] = 4;
    routed->data[14 + 21] = 40;
    decode (HS_LINKTYPE_ETHERNET, routed, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_TCP);
    g_assert_cmpmem (pkt.dst, 4, ip4_b, 4);

    memset (routed->data + 14 + 20, 0, 12);
    memcpy (routed->data + 14 + 20, ssrr, sizeof ssrr);
    decode (HS_LINKTYPE_ETHERNET, routed, &pkt);
    g_assert_cmpmem (pkt.dst, 4, last_hop, 4);

    /* the record route option (7) looks alike but routes nothing */
    routed->data[14 + 21] = 7;
    decode (HS_LINKTYPE_ETHERNET, routed, &pkt);
    g_assert_cmpmem (pkt.dst, 4, ip4_b, 4);
  }

  /* header length below 20 */
  frame->data[14] = 0x44;
  decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
  g_assert_cmpint (pkt.status, ==, HS_DECODE_MALFORMED);
  g_assert_nonnull (pkt.problem_text);

  /* header length beyond the frame */
  frame->data[14] = 0x4f;
  g_byte_array_set_size (frame, 14 + 40);
  decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
  g_assert_cmpint (pkt.status, ==, HS_DECODE_MALFORMED);
}

static void
test_ipv4_snaplen (void)
{
  g_autoptr(GByteArray) frame = ether (0x0800, ipv4 (6, tcp_seg ("0123456789abcdefghij")));
  HsDecodedPacket pkt;
  g_autofree guint8 *copy = NULL;

  /* captured: headers + 6 payload bytes; tcp.len still comes from the IP length */
  copy = decode_copy (HS_LINKTYPE_ETHERNET, frame, 60, frame->len, NULL, 1, &pkt);
  assert_plain_tcp4 (&pkt, 20);
  g_assert_cmpuint (pkt.payload_captured, ==, 6);
  g_assert_true (pkt.payload == copy + 54);
  g_assert_true (pkt.problems & HS_PROBLEM_SNAPLEN_TRUNCATED);
  g_assert_false (pkt.problems & HS_PROBLEM_BAD_IP_LENGTH);
  g_clear_pointer (&copy, g_free);

  /* cut inside the TCP header: not analysable */
  copy = decode_copy (HS_LINKTYPE_ETHERNET, frame, 44, frame->len, NULL, 1, &pkt);
  g_assert_cmpint (pkt.status, ==, HS_DECODE_MALFORMED);
  g_assert_false (pkt.has_tcp_header);
  g_assert_true (pkt.problems & HS_PROBLEM_SNAPLEN_TRUNCATED);
  g_clear_pointer (&copy, g_free);

  /* cut inside the IP header */
  copy = decode_copy (HS_LINKTYPE_ETHERNET, frame, 20, frame->len, NULL, 1, &pkt);
  g_assert_cmpint (pkt.status, ==, HS_DECODE_MALFORMED);
  g_assert_true (pkt.problems & HS_PROBLEM_SNAPLEN_TRUNCATED);
}

static void
test_ipv4_total_length (void)
{
  HsDecodedPacket pkt;

  /* 0: TCP segmentation offload, the frame length rules (trailer included,
   * as in Wireshark and zeek/kerberos_tso.pcapng) */
  {
    Ipv4Opts o = { 0, 0, TRUE, 1, 0x4000, NULL, NULL };
    g_autoptr(GByteArray) frame = ether (0x0800, ipv4_full (6, tcp_seg ("tso!"), &o));

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp4 (&pkt, 4);

    put_zeros (frame, 6);
    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp4 (&pkt, 10);
  }

  /* bigger than the frame: clamped, flagged */
  {
    Ipv4Opts o = { 0, 200, TRUE, 1, 0x4000, NULL, NULL };
    g_autoptr(GByteArray) frame = ether (0x0800, ipv4_full (6, tcp_seg ("big"), &o));

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp4 (&pkt, 3);
    g_assert_true (pkt.problems & HS_PROBLEM_BAD_IP_LENGTH);
  }

  /* smaller than the header */
  {
    Ipv4Opts o = { 0, 10, TRUE, 1, 0x4000, NULL, NULL };
    g_autoptr(GByteArray) frame = ether (0x0800, ipv4_full (6, tcp_seg ("small"), &o));

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_MALFORMED);
  }

  /* too small for a TCP header */
  {
    Ipv4Opts o = { 0, 30, TRUE, 1, 0x4000, NULL, NULL };
    g_autoptr(GByteArray) frame = ether (0x0800, ipv4_full (6, tcp_seg ("small"), &o));

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_MALFORMED);
    g_assert_false (pkt.has_tcp_header);
    g_assert_false (pkt.problems & HS_PROBLEM_SNAPLEN_TRUNCATED);
  }

  /* bogus version */
  {
    g_autoptr(GByteArray) frame = ether (0x0800, ipv4 (6, tcp_seg ("v")));

    frame->data[14] = 0x55;
    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_MALFORMED);
  }
}

/* Fragments of the IPv4 datagram carrying `seg`: `sizes` bytes each. */
static GPtrArray *
ipv4_fragments (GByteArray  *seg,
                guint16      id,
                const guint *sizes,
                guint        n_sizes)
{
  GPtrArray *frames = g_ptr_array_new_with_free_func ((GDestroyNotify)g_byte_array_unref);
  guint off = 0;

  for (guint i = 0; i < n_sizes; i++)
    {
      GByteArray *part = g_byte_array_new ();
      Ipv4Opts o = { 0, 0, FALSE, id, 0, NULL, NULL };
      guint len = MIN (sizes[i], seg->len - off);

      put_bytes (part, seg->data + off, len);
      o.frag = (guint16)((off / 8) | (i + 1 < n_sizes ? 0x2000 : 0));
      g_ptr_array_add (frames, ether (0x0800, ipv4_full (6, part, &o)));
      off += len;
    }
  g_assert_cmpuint (off, ==, seg->len);

  return frames;
}

static void
test_ipv4_fragments (void)
{
  g_autoptr(GByteArray) seg = tcp_seg ("GET /fragmented HTTP/1.1\r\nHost: example\r\n\r\n");
  static const guint sizes[] = { 24, 16, 100 };
  g_autoptr(GPtrArray) frames = ipv4_fragments (seg, 0x1234, sizes, G_N_ELEMENTS (sizes));
  g_autoptr(HsDefrag) defrag = hs_defrag_new ();
  static const guint order[] = { 2, 0, 1 };   /* out of order */
  HsDecodedPacket pkt;

  /* without a defragmenter, every fragment says what it is */
  for (guint i = 0; i < frames->len; i++)
    {
      decode (HS_LINKTYPE_ETHERNET, g_ptr_array_index (frames, i), &pkt);
      g_assert_cmpint (pkt.status, ==, HS_DECODE_FRAGMENT);
      g_assert_false (pkt.has_tcp_header);
    }
  decode (HS_LINKTYPE_ETHERNET, g_ptr_array_index (frames, 0), &pkt);
  g_assert_cmpstr (pkt.problem_text, ==, "IPv4 fragment (offset 0): not a whole TCP segment");
  decode (HS_LINKTYPE_ETHERNET, g_ptr_array_index (frames, 1), &pkt);
  g_assert_cmpstr (pkt.problem_text, ==, "IPv4 fragment (offset 24): not a whole TCP segment");

  /* with one, the frame completing the datagram decodes the whole segment */
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      GByteArray *frame = g_ptr_array_index (frames, order[i]);
      g_autofree guint8 *copy = decode_copy (HS_LINKTYPE_ETHERNET, frame, frame->len,
                                             frame->len, defrag, i + 1, &pkt);

      if (i + 1 < G_N_ELEMENTS (order))
        {
          g_assert_cmpint (pkt.status, ==, HS_DECODE_FRAGMENT);
          g_assert_false (pkt.reassembled);
          g_assert_cmpuint (_hs_defrag_get_n_pending (defrag), ==, 1);
          continue;
        }

      assert_plain_tcp4 (&pkt, seg->len - 20);
      g_assert_true (pkt.reassembled);
      g_assert_cmpuint (_hs_defrag_get_n_pending (defrag), ==, 0);
      g_assert_cmpmem (pkt.payload, pkt.payload_captured, seg->data + 20, seg->len - 20);
      g_assert_cmpint (pkt.app, ==, HS_APP_HTTP_REQUEST);
      /* Ethernet + IPv4 in the frame, TCP and payload in the reassembled buffer */
      g_assert_cmpuint (pkt.n_frame_layers, ==, 2);
      g_assert_cmpuint (pkt.n_layers, ==, 4);
      g_assert_cmpint (pkt.layers[2].kind, ==, HS_LAYER_TCP);
      g_assert_cmpuint (pkt.layers[2].offset, ==, 0);
      g_assert_cmpuint (pkt.layers[3].offset, ==, 20);
    }

  /* a duplicate of the first fragment afterwards starts nothing harmful */
  {
    GByteArray *frame = g_ptr_array_index (frames, 0);
    g_autofree guint8 *copy = decode_copy (HS_LINKTYPE_ETHERNET, frame, frame->len,
                                           frame->len, defrag, 11, &pkt);

    g_assert_cmpint (pkt.status, ==, HS_DECODE_FRAGMENT);
    g_assert_cmpuint (_hs_defrag_get_n_pending (defrag), ==, 1);
  }
}

static void
test_ipv4_fragments_interleaved (void)
{
  g_autoptr(GByteArray) seg_a = tcp_seg ("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  g_autoptr(GByteArray) seg_b = tcp_seg ("BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB");
  static const guint sizes[] = { 32, 32 };
  g_autoptr(GPtrArray) fa = ipv4_fragments (seg_a, 7, sizes, 2);
  g_autoptr(GPtrArray) fb = ipv4_fragments (seg_b, 8, sizes, 2);
  g_autoptr(HsDefrag) defrag = hs_defrag_new ();
  HsDecodedPacket pkt;
  g_autofree guint8 *c1 = NULL;
  g_autofree guint8 *c2 = NULL;
  g_autofree guint8 *c3 = NULL;
  g_autofree guint8 *c4 = NULL;
  GByteArray *f;

  f = g_ptr_array_index (fa, 0);
  c1 = decode_copy (HS_LINKTYPE_ETHERNET, f, f->len, f->len, defrag, 1, &pkt);
  f = g_ptr_array_index (fb, 0);
  c2 = decode_copy (HS_LINKTYPE_ETHERNET, f, f->len, f->len, defrag, 2, &pkt);
  g_assert_cmpuint (_hs_defrag_get_n_pending (defrag), ==, 2);

  f = g_ptr_array_index (fb, 1);
  c3 = decode_copy (HS_LINKTYPE_ETHERNET, f, f->len, f->len, defrag, 3, &pkt);
  g_assert_cmpint (pkt.status, ==, HS_DECODE_TCP);
  g_assert_cmpuint (pkt.payload_len, ==, 40);
  g_assert_cmpint (pkt.payload[0], ==, 'B');

  f = g_ptr_array_index (fa, 1);
  c4 = decode_copy (HS_LINKTYPE_ETHERNET, f, f->len, f->len, defrag, 4, &pkt);
  g_assert_cmpint (pkt.status, ==, HS_DECODE_TCP);
  g_assert_cmpint (pkt.payload[0], ==, 'A');
  g_assert_cmpint (pkt.payload[39], ==, 'A');
  g_assert_cmpuint (_hs_defrag_get_n_pending (defrag), ==, 0);
}

static void
test_defrag_limits (void)
{
  g_autoptr(HsDefrag) defrag = hs_defrag_new ();
  g_autoptr(GByteArray) seg = tcp_seg ("0123456789012345678901234567890123456789");
  static const guint sizes[] = { 32, 32 };
  HsDecodedPacket pkt;

  /* many first fragments that never complete: bounded */
  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(GPtrArray) frames = ipv4_fragments (seg, (guint16)i, sizes, 2);
      GByteArray *f = g_ptr_array_index (frames, 0);
      g_autofree guint8 *copy = decode_copy (HS_LINKTYPE_ETHERNET, f, f->len, f->len,
                                             defrag, i + 1, &pkt);

      g_assert_cmpint (pkt.status, ==, HS_DECODE_FRAGMENT);
      g_assert_cmpuint (_hs_defrag_get_n_pending (defrag), <=, 256);
    }
  g_assert_cmpuint (_hs_defrag_get_n_pending (defrag), ==, 256);

  /* the most recent ones are still there: id 999 completes */
  {
    g_autoptr(GPtrArray) frames = ipv4_fragments (seg, 999, sizes, 2);
    GByteArray *f = g_ptr_array_index (frames, 1);
    g_autofree guint8 *copy = decode_copy (HS_LINKTYPE_ETHERNET, f, f->len, f->len,
                                           defrag, 1001, &pkt);

    g_assert_cmpint (pkt.status, ==, HS_DECODE_TCP);
    g_assert_true (pkt.reassembled);
  }

  /* the oldest ones were dropped: id 0 does not complete */
  {
    g_autoptr(GPtrArray) frames = ipv4_fragments (seg, 0, sizes, 2);
    GByteArray *f = g_ptr_array_index (frames, 1);
    g_autofree guint8 *copy = decode_copy (HS_LINKTYPE_ETHERNET, f, f->len, f->len,
                                           defrag, 1002, &pkt);

    g_assert_cmpint (pkt.status, ==, HS_DECODE_FRAGMENT);
  }

  /* much later, everything pending has aged out */
  {
    g_autoptr(GPtrArray) frames = ipv4_fragments (seg, 5000, sizes, 2);
    GByteArray *f = g_ptr_array_index (frames, 0);
    g_autofree guint8 *copy = decode_copy (HS_LINKTYPE_ETHERNET, f, f->len, f->len,
                                           defrag, 10000000, &pkt);

    g_assert_cmpuint (_hs_defrag_get_n_pending (defrag), ==, 1);
  }
}

static void
test_defrag_direct (void)
{
  g_autoptr(HsDefrag) defrag = hs_defrag_new ();
  guint8 data[64];
  HsDefragFragment frag = { 4, 6, ip4_a, ip4_b, 42, 0, TRUE, data, 16 };
  const guint8 *whole;
  guint len = 0;

  for (guint i = 0; i < sizeof data; i++)
    data[i] = (guint8)i;

  g_assert_null (_hs_defrag_add (defrag, 1, &frag, &len));

  /* misaligned offsets and oversized fragments are refused */
  frag.offset = 12;
  g_assert_null (_hs_defrag_add (defrag, 2, &frag, &len));
  frag.offset = HS_DEFRAG_MAX_DATAGRAM - 8;
  g_assert_null (_hs_defrag_add (defrag, 3, &frag, &len));

  /* a different protocol is a different datagram */
  frag.offset = 16;
  frag.more = FALSE;
  frag.proto = 17;
  frag.data = data + 16;
  g_assert_null (_hs_defrag_add (defrag, 4, &frag, &len));
  g_assert_cmpuint (_hs_defrag_get_n_pending (defrag), ==, 2);

  /* overlapping final fragment completes the TCP one */
  frag.proto = 6;
  frag.offset = 8;
  frag.data = data + 8;
  frag.len = 30;
  whole = _hs_defrag_add (defrag, 5, &frag, &len);
  g_assert_nonnull (whole);
  g_assert_cmpuint (len, ==, 38);
  g_assert_cmpmem (whole, len, data, 38);
  g_assert_cmpuint (_hs_defrag_get_n_pending (defrag), ==, 1);

  /* IPv6 keys use 16-byte addresses */
  {
    HsDefragFragment f6 = { 6, 6, ip6_a, ip6_b, 0xa1bc6572, 8, FALSE, data, 8 };

    g_assert_null (_hs_defrag_add (defrag, 6, &f6, &len));
    f6.offset = 0;
    f6.more = TRUE;
    f6.dst = ip6_a;
    g_assert_null (_hs_defrag_add (defrag, 7, &f6, &len));
    f6.dst = ip6_b;
    whole = _hs_defrag_add (defrag, 8, &f6, &len);
    g_assert_nonnull (whole);
    g_assert_cmpuint (len, ==, 16);
  }
}

/* ------------------------------------------------------------------------ */
/* IPv6                                                                      */

static void
test_ipv6_extension_headers (void)
{
  g_autoptr(GByteArray) frame = NULL;
  GByteArray *b;
  HsDecodedPacket pkt;
  static const HsLayerKind kinds[] = {
    HS_LAYER_LINK, HS_LAYER_IPV6, HS_LAYER_IPV6_EXT, HS_LAYER_IPV6_EXT,
    HS_LAYER_IPV6_EXT, HS_LAYER_TCP, HS_LAYER_PAYLOAD,
  };

  /* hop-by-hop, routing, destination options */
  b = ext8 (6, tcp_seg ("ext"));
  b = ext8 (60, b);
  b = ext8 (43, b);
  frame = ether (0x86dd, ipv6 (0, b));

  decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
  assert_plain_tcp6 (&pkt, 3);
  g_assert_cmpuint (pkt.ip_proto, ==, 6);
  g_assert_cmpuint (pkt.ttl, ==, 63);
  assert_layers (&pkt, kinds, G_N_ELEMENTS (kinds));
  g_assert_cmpuint (pkt.layers[2].detail, ==, 0);
  g_assert_cmpuint (pkt.layers[3].detail, ==, 43);
  g_assert_cmpuint (pkt.layers[4].detail, ==, 60);
  g_assert_cmpuint (pkt.layers[5].offset, ==, 14 + 40 + 24);

  /* an extension header running past the payload */
  frame->data[14 + 40 + 1] = 200;
  decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
  g_assert_cmpint (pkt.status, ==, HS_DECODE_MALFORMED);

  /* no next header */
  {
    g_autoptr(GByteArray) none = ether (0x86dd, ipv6 (59, g_byte_array_new ()));

    decode (HS_LINKTYPE_ETHERNET, none, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);
  }

  /* ESP */
  {
    g_autoptr(GByteArray) esp = ether (0x86dd, ipv6 (50, tcp_seg ("secret")));

    decode (HS_LINKTYPE_ETHERNET, esp, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);
    g_assert_nonnull (pkt.problem_text);
  }
}

static void
test_ipv6_payload_length (void)
{
  HsDecodedPacket pkt;

  /* payload length beyond the frame: clamped */
  {
    g_autoptr(GByteArray) frame = ether (0x86dd, ipv6_full (6, tcp_seg ("long"), 100));

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp6 (&pkt, 4);
    g_assert_true (pkt.problems & HS_PROBLEM_BAD_IP_LENGTH);
  }

  /* trailer after the payload is ignored */
  {
    g_autoptr(GByteArray) frame = ether (0x86dd, ipv6 (6, tcp_seg ("trail")));

    put_zeros (frame, 12);
    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp6 (&pkt, 5);
  }

  /* payload length 0 without a jumbo option: Wireshark gives up */
  {
    g_autoptr(GByteArray) frame = ether (0x86dd, ipv6_full (6, tcp_seg ("zero"), 0));

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_MALFORMED);
  }
}

static GByteArray *
jumbo_frame (guint32 jumbo_len,
             guint   extra_payload)
{
  GByteArray *b = tcp_seg (NULL);
  GByteArray *h = g_byte_array_new ();

  for (guint i = 0; i < extra_payload; i++)
    put8 (b, 'J');
  put8 (h, 6);
  put8 (h, 0);
  put8 (h, 0xc2);
  put8 (h, 4);
  put32 (h, jumbo_len);
  prepend (b, h);

  return ether (0x86dd, ipv6_full (0, b, 0));
}

static void
test_ipv6_jumbo (void)
{
  HsDecodedPacket pkt;

  /* BIG TCP (tcpdump/bigtcp-ipv6-hbh.pcap): payload length 0 + jumbo
   * option, captured with a small snapshot length */
  {
    g_autoptr(GByteArray) frame = jumbo_frame (80040, 100);
    g_autofree guint8 *copy = decode_copy (HS_LINKTYPE_ETHERNET, frame, frame->len,
                                           14 + 40 + 80040, NULL, 1, &pkt);

    assert_plain_tcp6 (&pkt, 80040 - 8 - 20);
    g_assert_cmpuint (pkt.payload_captured, ==, 100);
    g_assert_true (pkt.problems & HS_PROBLEM_SNAPLEN_TRUNCATED);
    g_assert_cmpint (pkt.layers[2].kind, ==, HS_LAYER_IPV6_EXT);
  }

  /* a jumbo length that fits in 16 bits is not honoured */
  {
    g_autoptr(GByteArray) frame = jumbo_frame (8 + 20 + 10, 10);

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_MALFORMED);
  }
}

static void
test_ipv6_fragments (void)
{
  g_autoptr(GByteArray) seg = tcp_seg ("0123456789abcdef0123456789abcdefXYZ");
  g_autoptr(HsDefrag) defrag = hs_defrag_new ();
  HsDecodedPacket pkt;
  guint off = 0;
  guint i = 0;
  static const guint sizes[] = { 24, 16, 15 };

  for (i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      GByteArray *b = g_byte_array_new ();
      g_autoptr(GByteArray) frame = NULL;
      g_autofree guint8 *copy = NULL;
      gboolean last = i + 1 == G_N_ELEMENTS (sizes);

      put8 (b, 6);
      put8 (b, 0);
      put16 (b, (guint16)(off | (last ? 0 : 1)));
      put32 (b, 0xa1bc6572);
      put_bytes (b, seg->data + off, sizes[i]);
      frame = ipv6 (44, b);

      /* without a defragmenter */
      decode (HS_LINKTYPE_RAW, frame, &pkt);
      g_assert_cmpint (pkt.status, ==, HS_DECODE_FRAGMENT);
      g_assert_nonnull (strstr (pkt.problem_text, "IPv6 fragment"));

      copy = decode_copy (HS_LINKTYPE_RAW, frame, frame->len, frame->len, defrag, i + 1, &pkt);
      if (!last)
        {
          g_assert_cmpint (pkt.status, ==, HS_DECODE_FRAGMENT);
        }
      else
        {
          assert_plain_tcp6 (&pkt, seg->len - 20);
          g_assert_true (pkt.reassembled);
          g_assert_cmpmem (pkt.payload, pkt.payload_captured, seg->data + 20, seg->len - 20);
        }
      off += sizes[i];
    }

  /* an atomic fragment (offset 0, no more) is the whole datagram */
  {
    GByteArray *b = tcp_seg ("atomic");
    GByteArray *h = g_byte_array_new ();
    g_autoptr(GByteArray) frame = NULL;

    put8 (h, 6);
    put8 (h, 0);
    put16 (h, 0);
    put32 (h, 99);
    prepend (b, h);
    frame = ipv6 (44, b);
    decode (HS_LINKTYPE_RAW, frame, &pkt);
    assert_plain_tcp6 (&pkt, 6);
  }
}

static void
test_ah (void)
{
  HsDecodedPacket pkt;
  GByteArray *ah;

  /* AH in IPv4: 12 bytes + 12-byte ICV, length field (24 / 4) - 2 */
  {
    g_autoptr(GByteArray) frame = NULL;
    GByteArray *b = tcp_seg ("ah4");

    ah = g_byte_array_new ();
    put8 (ah, 6);
    put8 (ah, 4);
    put16 (ah, 0);
    put32 (ah, 0x52d5c7bf);
    put32 (ah, 2);
    put_zeros (ah, 12);
    prepend (b, ah);
    frame = ether (0x0800, ipv4 (51, b));

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp4 (&pkt, 3);
    g_assert_cmpint (pkt.layers[2].kind, ==, HS_LAYER_AH);
    g_assert_cmpuint (pkt.layers[2].length, ==, 24);
  }

  /* AH in IPv6, then destination options */
  {
    g_autoptr(GByteArray) frame = NULL;
    GByteArray *b = ext8 (6, tcp_seg ("ah6"));

    ah = g_byte_array_new ();
    put8 (ah, 60);
    put8 (ah, 4);
    put16 (ah, 0);
    put32 (ah, 1);
    put32 (ah, 1);
    put_zeros (ah, 12);
    prepend (b, ah);
    frame = ether (0x86dd, ipv6 (51, b));

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp6 (&pkt, 3);
    g_assert_cmpint (pkt.layers[2].kind, ==, HS_LAYER_AH);
    g_assert_cmpint (pkt.layers[3].kind, ==, HS_LAYER_IPV6_EXT);
  }
}

static GByteArray *
raw_deflate (const guint8 *data,
             guint         len)
{
  GByteArray *out = g_byte_array_sized_new (len + 64);
  z_stream zs;

  memset (&zs, 0, sizeof zs);
  g_assert_cmpint (deflateInit2 (&zs, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY), ==, Z_OK);
  g_byte_array_set_size (out, len + 64);
  zs.next_in = (Bytef *)data;
  zs.avail_in = len;
  zs.next_out = out->data;
  zs.avail_out = out->len;
  g_assert_cmpint (deflate (&zs, Z_FINISH), ==, Z_STREAM_END);
  g_byte_array_set_size (out, zs.total_out);
  deflateEnd (&zs);

  return out;
}

static void
test_ipcomp (void)
{
  g_autoptr(GByteArray) inner = ipv6 (6, tcp_seg ("HTTP/1.1 200 OK\r\n\r\n compressible"));
  g_autoptr(GByteArray) frame = NULL;
  g_autoptr(HsDefrag) defrag = hs_defrag_new ();
  GByteArray *b;
  HsDecodedPacket pkt;
  guint n_frame;

  /* IPv6 + AH + IPComp (next header IPv6) as in libpcap/AH-IPcomp-IPv6.pcap */
  b = raw_deflate (inner->data, inner->len);
  {
    GByteArray *h = g_byte_array_new ();

    put8 (h, 41);
    put8 (h, 0);
    put16 (h, 0xe3de);
    prepend (b, h);
  }
  frame = ether (0x86dd, ipv6 (108, b));

  for (guint pass = 0; pass < 2; pass++)
    {
      g_autofree guint8 *copy = decode_copy (HS_LINKTYPE_ETHERNET, frame, frame->len, frame->len,
                                             pass ? defrag : NULL, 1, &pkt);

      assert_plain_tcp6 (&pkt, inner->len - 60);
      g_assert_cmpint (pkt.app, ==, HS_APP_HTTP_RESPONSE);
      g_assert_cmpint (pkt.layers[2].kind, ==, HS_LAYER_IPCOMP);
      n_frame = pkt.n_frame_layers;
      g_assert_cmpuint (n_frame, ==, 3);
      g_assert_cmpint (pkt.layers[3].kind, ==, HS_LAYER_IPV6);
      g_assert_cmpuint (pkt.layers[3].offset, ==, 0);
      g_assert_cmpmem (pkt.payload, pkt.payload_captured, inner->data + 60, inner->len - 60);
    }

  /* garbage instead of deflate data */
  memset (frame->data + 14 + 40 + 4, 0xff, 8);
  decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
  g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);
}

/* ------------------------------------------------------------------------ */
/* Tunnels                                                                   */

static void
test_ip_in_ip (void)
{
  HsDecodedPacket pkt;
  static const guint8 outer_src[4] = { 192, 0, 2, 1 };

  /* IPv4 in IPv4 */
  {
    Ipv4Opts o = { 0, 0, FALSE, 5, 0, outer_src, outer_src };
    g_autoptr(GByteArray) frame = ether (0x0800, ipv4_full (4, ipv4 (6, tcp_seg ("ipip")), &o));

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp4 (&pkt, 4);
    g_assert_cmpint (pkt.layers[1].kind, ==, HS_LAYER_IPV4);
    g_assert_cmpint (pkt.layers[2].kind, ==, HS_LAYER_IPV4);
  }

  /* IPv6 in IPv4 */
  {
    g_autoptr(GByteArray) frame = ether (0x0800, ipv4 (41, ipv6 (6, tcp_seg ("6in4"))));

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp6 (&pkt, 4);
  }

  /* IPv4 in IPv6 */
  {
    g_autoptr(GByteArray) frame = ether (0x86dd, ipv6 (4, ipv4 (6, tcp_seg ("4in6"))));

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp4 (&pkt, 4);
  }

  /* too deep: no crash, no recursion without end */
  {
    g_autoptr(GByteArray) frame = ipv4 (6, tcp_seg ("deep"));

    for (guint i = 0; i < 100; i++)
      frame = ipv4 (4, frame);
    decode (HS_LINKTYPE_RAW, frame, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);
    g_assert_cmpuint (pkt.n_layers, <=, HS_MAX_LAYERS);
  }
}

static GByteArray *
gre (guint16     flags,
     guint16     proto,
     GByteArray *payload)
{
  GByteArray *h = g_byte_array_new ();

  put16 (h, flags);
  put16 (h, proto);
  if (flags & 0x8000)
    put32 (h, 0);
  if (flags & 0x2000)
    put32 (h, 0x01020304);
  if (flags & 0x1000)
    put32 (h, 77);
  if ((flags & 0x0007) == 1 && (flags & 0x0080))
    put32 (h, 76);

  prepend (payload, h);
  return payload;
}

static void
test_gre (void)
{
  HsDecodedPacket pkt;

  /* IPv4 in GRE with checksum, key and sequence number */
  {
    GByteArray *inner = ipv4 (6, tcp_seg ("gre"));
    g_autoptr(GByteArray) frame = ether (0x0800, ipv4 (47, gre (0xb000, 0x0800, inner)));

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp4 (&pkt, 3);
    g_assert_cmpint (pkt.layers[2].kind, ==, HS_LAYER_GRE);
    g_assert_cmpuint (pkt.layers[2].length, ==, 16);
  }

  /* Ethernet over GRE */
  {
    GByteArray *inner = ether (0x86dd, ipv6 (6, tcp_seg ("teb")));
    g_autoptr(GByteArray) frame = ether (0x0800, ipv4 (47, gre (0, 0x6558, inner)));

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp6 (&pkt, 3);
  }

  /* Aruba ERM: 802.11 frames in GRE (zeek/gre-aruba.pcap) */
  {
    GByteArray *inner = wlan_frame (0x88, 0x01, ipv4 (6, tcp_seg ("aruba")));
    g_autoptr(GByteArray) frame = ether (0x0800, ipv4 (47, gre (0, 0x8200, inner)));

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp4 (&pkt, 5);
    g_assert_cmpint (pkt.layers[3].kind, ==, HS_LAYER_IEEE802_11);
  }

  /* PPTP: enhanced GRE (version 1) with PPP */
  {
    static const guint8 ppp[4] = { 0xff, 0x03, 0x00, 0x21 };
    GByteArray *inner = with_header (ipv4 (6, tcp_seg ("pptp")), ppp, 4);
    g_autoptr(GByteArray) frame = ether (0x0800, ipv4 (47, gre (0x3081, 0x880b, inner)));

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp4 (&pkt, 4);
    g_assert_cmpuint (pkt.layers[2].length, ==, 16);
  }

  /* unknown version */
  {
    g_autoptr(GByteArray) frame = ether (0x0800, ipv4 (47, gre (0x0002, 0x0800,
                                                                ipv4 (6, tcp_seg ("v2")))));

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);
  }
}

static GByteArray *
udp (guint16     sport,
     guint16     dport,
     GByteArray *payload)
{
  GByteArray *h = g_byte_array_new ();

  put16 (h, sport);
  put16 (h, dport);
  put16 (h, (guint16)(payload->len + 8));
  put16 (h, 0);

  prepend (payload, h);
  return payload;
}

static void
test_gtp (void)
{
  HsDecodedPacket pkt;

  /* GTP-U with sequence number and a PDU session container extension */
  {
    GByteArray *inner = ipv6 (6, tcp_seg ("gtp"));
    GByteArray *h = g_byte_array_new ();
    g_autoptr(GByteArray) frame = NULL;
    guint inner_len = inner->len;

    put8 (h, 0x36);             /* version 1, PT, E, S */
    put8 (h, 0xff);             /* G-PDU */
    put16 (h, (guint16)(inner_len + 4 + 8));
    put32 (h, 0x11223344);
    put16 (h, 1);               /* sequence */
    put8 (h, 0);                /* N-PDU */
    put8 (h, 0x85);             /* next extension: PDU session container */
    put8 (h, 2);                /* 8 bytes */
    put8 (h, 0x10);
    put8 (h, 0x09);
    put8 (h, 0);
    put16 (h, 0);
    put8 (h, 0);
    put8 (h, 0);                /* no more extensions */
    prepend (inner, h);
    frame = ether (0x0800, ipv4 (17, udp (2152, 2152, inner)));
    /* trailer after the UDP datagram */
    put_zeros (frame, 4);

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp6 (&pkt, 3);
    g_assert_cmpint (pkt.layers[2].kind, ==, HS_LAYER_UDP);
    g_assert_cmpint (pkt.layers[3].kind, ==, HS_LAYER_GTP);
    g_assert_cmpuint (pkt.layers[3].length, ==, 20);
  }

  /* plain GTP-U, IPv4 inside */
  {
    GByteArray *inner = ipv4 (6, tcp_seg ("gtp4"));
    GByteArray *h = g_byte_array_new ();
    g_autoptr(GByteArray) frame = NULL;

    put8 (h, 0x30);
    put8 (h, 0xff);
    put16 (h, (guint16)inner->len);
    put32 (h, 1);
    prepend (inner, h);
    frame = ether (0x0800, ipv4 (17, udp (40000, 2152, inner)));

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp4 (&pkt, 4);

    /* an echo request is not a G-PDU */
    frame->data[14 + 20 + 8 + 1] = 0x01;
    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);
  }

  /* other UDP is not TCP */
  {
    g_autoptr(GByteArray) frame = ether (0x0800, ipv4 (17, udp (53, 53, tcp_seg ("dns"))));

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);
  }
}

static void
test_vxlan (void)
{
  GByteArray *inner = ether (0x0800, ipv4 (6, tcp_seg ("vxlan")));
  GByteArray *h = g_byte_array_new ();
  g_autoptr(GByteArray) frame = NULL;
  HsDecodedPacket pkt;

  put32 (h, 0x08000000);
  put32 (h, 0x00012300);
  prepend (inner, h);
  frame = ether (0x0800, ipv4 (17, udp (50000, 4789, inner)));

  decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
  assert_plain_tcp4 (&pkt, 5);
  g_assert_cmpint (pkt.layers[3].kind, ==, HS_LAYER_TUNNEL);
  g_assert_cmpint (pkt.layers[4].kind, ==, HS_LAYER_LINK);
}

/* The outer headers and Geneve option of gopacket's testPacketGeneve3 (a
 * capture of Open vSwitch traffic, layers/geneve_test.go): Ethernet, IPv4
 * 20.0.0.1 -> 20.0.0.2, UDP 12618 -> 6081, Geneve with the critical-option
 * bit, VNI 10 and one 8-byte option (class 0, type 0x80), then the inner
 * Ethernet frame carrying an ICMP echo request 30.0.0.1 -> 30.0.0.2. */
static const guint8 geneve_capture[] = {
  0x00, 0x1b, 0x21, 0x3c, 0xac, 0x30, 0x00, 0x1b, 0x21, 0x3c, 0xab, 0x64, 0x08, 0x00, 0x45, 0x00,
  0x00, 0x8e, 0xdf, 0xad, 0x40, 0x00, 0x40, 0x11, 0x32, 0xaf, 0x14, 0x00, 0x00, 0x01, 0x14, 0x00,
  0x00, 0x02, 0x31, 0x4a, 0x17, 0xc1, 0x00, 0x7a, 0x00, 0x00, 0x02, 0x40, 0x65, 0x58, 0x00, 0x00,
  0x0a, 0x00, 0x00, 0x00, 0x80, 0x01, 0x00, 0x00, 0x00, 0x0c, 0xfe, 0x71, 0xd8, 0x83, 0x72, 0x4f,
  0xb6, 0x9e, 0xd2, 0x49, 0x51, 0x48, 0x08, 0x00, 0x45, 0x00, 0x00, 0x54, 0xbd, 0xa2, 0x40, 0x00,
  0x40, 0x01, 0x41, 0x04, 0x1e, 0x00, 0x00, 0x01, 0x1e, 0x00, 0x00, 0x02, 0x08, 0x00, 0x2c, 0x54,
  0x29, 0x52, 0x00, 0x17, 0xf1, 0xa2, 0xce, 0x54, 0x00, 0x00, 0x00, 0x00, 0x17, 0x78, 0x0c, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b,
  0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x2b,
  0x2c, 0x2d, 0x2e, 0x2f, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37,
};

static void
test_geneve (void)
{
  HsDecodedPacket pkt;

  /* the real capture: walked down to the inner ICMP */
  {
    g_autoptr(GByteArray) frame = g_byte_array_new ();
    static const guint8 inner_dst[4] = { 30, 0, 0, 2 };

    put_bytes (frame, geneve_capture, sizeof geneve_capture);
    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);
    g_assert_cmpint (pkt.layers[3].kind, ==, HS_LAYER_TUNNEL);
    g_assert_cmpuint (pkt.layers[3].detail, ==, HS_TUNNEL_GENEVE);
    g_assert_cmpuint (pkt.layers[3].offset, ==, 42);
    g_assert_cmpuint (pkt.layers[3].length, ==, 16);
    g_assert_cmpint (pkt.layers[4].kind, ==, HS_LAYER_LINK);
    g_assert_cmpuint (pkt.layers[4].offset, ==, 58);
    g_assert_cmpint (pkt.layers[5].kind, ==, HS_LAYER_IPV4);
    g_assert_cmpuint (pkt.ip_proto, ==, 1);
    g_assert_cmpmem (pkt.dst, 4, inner_dst, 4);
  }

  /* crafted: Ethernet, and IPv4 right away (protocol type 0x0800) */
  {
    GByteArray *inner = ether (0x0800, ipv4 (6, tcp_seg ("geneve")));
    GByteArray *h = g_byte_array_new ();
    g_autoptr(GByteArray) frame = NULL;

    put32 (h, 0x00006558);
    put32 (h, 0x00001200);
    prepend (inner, h);
    frame = ether (0x0800, ipv4 (17, udp (40000, 6081, inner)));
    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp4 (&pkt, 6);
    g_assert_cmpuint (pkt.layers[3].detail, ==, HS_TUNNEL_GENEVE);
    g_assert_cmpuint (pkt.layers[3].length, ==, 8);
  }
  {
    GByteArray *inner = ipv6 (6, tcp_seg ("g6"));
    GByteArray *h = g_byte_array_new ();
    g_autoptr(GByteArray) frame = NULL;

    put32 (h, 0x010086dd);      /* one option word */
    put32 (h, 0x00001200);
    put32 (h, 0x01020304);
    prepend (inner, h);
    frame = ether (0x0800, ipv4 (17, udp (6081, 40000, inner)));
    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp6 (&pkt, 2);
    g_assert_cmpuint (pkt.layers[3].length, ==, 12);

    /* options longer than the datagram */
    frame->data[14 + 20 + 8] = 0x3f;
    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_MALFORMED);
  }
}

static void
test_vxlan_gpe (void)
{
  static const struct { guint8 next; gboolean tcp; } cases[] = {
    { 1, TRUE }, { 3, TRUE }, { 4, TRUE }, { 9, FALSE },
  };
  HsDecodedPacket pkt;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GByteArray *inner = ipv4 (6, tcp_seg ("gpe"));
      GByteArray *h = g_byte_array_new ();
      g_autoptr(GByteArray) frame = NULL;

      if (cases[i].next == 3)
        inner = ether (0x0800, inner);
      if (cases[i].next == 4)
        {
          /* NSH, MD type 1 (fixed 24-byte header), carrying IPv4 */
          GByteArray *nsh = g_byte_array_new ();

          put16 (nsh, 0x0006);
          put8 (nsh, 1);
          put8 (nsh, 1);
          put32 (nsh, 0x00002aff);
          put_zeros (nsh, 16);
          prepend (inner, nsh);
        }
      put32 (h, 0x0c000000 | cases[i].next);
      put32 (h, 0x00000500);
      prepend (inner, h);
      frame = ether (0x0800, ipv4 (17, udp (50000, 4790, inner)));

      decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
      if (!cases[i].tcp)
        {
          g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);
          continue;
        }
      assert_plain_tcp4 (&pkt, 3);
      g_assert_cmpuint (pkt.layers[3].detail, ==, HS_TUNNEL_VXLAN_GPE);
      if (cases[i].next == 4)
        {
          g_assert_cmpuint (pkt.layers[4].detail, ==, HS_TUNNEL_NSH);
          g_assert_cmpuint (pkt.layers[4].length, ==, 24);
        }
    }
}

static void
test_nsh (void)
{
  HsDecodedPacket pkt;

  /* ethertype 0x894f, MD type 2 with one 4-byte metadata TLV, Ethernet */
  {
    GByteArray *inner = ether (0x0800, ipv4 (6, tcp_seg ("nsh")));
    GByteArray *h = g_byte_array_new ();
    g_autoptr(GByteArray) frame = NULL;

    put16 (h, 0x0003);          /* 3 words */
    put8 (h, 2);
    put8 (h, 3);
    put32 (h, 0x00000aff);
    put32 (h, 0x00000000);
    prepend (inner, h);
    frame = ether (0x894f, inner);
    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp4 (&pkt, 3);
    g_assert_cmpuint (pkt.layers[1].detail, ==, HS_TUNNEL_NSH);
    g_assert_cmpuint (pkt.layers[1].length, ==, 12);
  }

  /* in GRE, IPv6 inside; a length below 2 words is taken as 2 */
  {
    GByteArray *inner = ipv6 (6, tcp_seg ("n6"));
    GByteArray *h = g_byte_array_new ();
    g_autoptr(GByteArray) frame = NULL;

    put16 (h, 0x0001);
    put8 (h, 2);
    put8 (h, 2);
    put32 (h, 0x00000aff);
    prepend (inner, h);
    frame = ether (0x0800, ipv4 (47, gre (0, 0x894f, inner)));
    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp6 (&pkt, 2);
    g_assert_cmpuint (pkt.layers[3].length, ==, 8);
  }
}

static void
test_capwap (void)
{
  HsDecodedPacket pkt;

  /* 802.3 payload (T clear), HLEN 2 words */
  {
    GByteArray *inner = ether (0x0800, ipv4 (6, tcp_seg ("capwap")));
    GByteArray *h = g_byte_array_new ();
    g_autoptr(GByteArray) frame = NULL;

    put8 (h, 0x00);
    put8 (h, 0x10);             /* HLEN 2 */
    put8 (h, 0x42);             /* RID 1, WBID 1, T 0 */
    put8 (h, 0x00);
    put32 (h, 0);
    prepend (inner, h);
    frame = ether (0x0800, ipv4 (17, udp (12345, 5247, inner)));
    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp4 (&pkt, 6);
    g_assert_cmpuint (pkt.layers[3].detail, ==, HS_TUNNEL_CAPWAP);
    g_assert_cmpuint (pkt.layers[3].length, ==, 8);

    /* a fragment is not decoded */
    frame->data[14 + 20 + 8 + 3] = 0x80;
    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);

    /* nor is DTLS */
    frame->data[14 + 20 + 8] = 0x01;
    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);
  }

  /* native 802.11 (T set, WBID 1): frame control bytes swapped */
  {
    GByteArray *inner = wlan_frame (0x01, 0x08, ipv4 (6, tcp_seg ("wlan")));
    GByteArray *h = g_byte_array_new ();
    g_autoptr(GByteArray) frame = NULL;

    put8 (h, 0x00);
    put8 (h, 0x10);
    put8 (h, 0x43);
    put8 (h, 0x00);
    put32 (h, 0);
    prepend (inner, h);
    frame = ether (0x0800, ipv4 (17, udp (5247, 12345, inner)));
    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp4 (&pkt, 4);
    g_assert_cmpint (pkt.layers[4].kind, ==, HS_LAYER_IEEE802_11);
  }
}

static void
test_lisp (void)
{
  static const guint8 lisp[8] = { 0x88, 0, 0, 0x01, 0, 0, 0x10, 0x01 };
  HsDecodedPacket pkt;

  {
    GByteArray *inner = with_header (ipv4 (6, tcp_seg ("lisp")), lisp, 8);
    g_autoptr(GByteArray) frame = ether (0x0800, ipv4 (17, udp (61000, 4341, inner)));

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp4 (&pkt, 4);
    g_assert_cmpuint (pkt.layers[3].detail, ==, HS_TUNNEL_LISP);
  }
  {
    GByteArray *inner = with_header (ipv6 (6, tcp_seg ("l6")), lisp, 8);
    g_autoptr(GByteArray) frame = ether (0x0800, ipv4 (17, udp (4341, 4341, inner)));

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp6 (&pkt, 2);
  }
}

static void
test_udp_ports (void)
{
  HsDecodedPacket pkt;

  /* MPLS in UDP (RFC 7510) */
  {
    GByteArray *inner = ipv4 (6, tcp_seg ("mplsudp"));
    GByteArray *h = g_byte_array_new ();
    g_autoptr(GByteArray) frame = NULL;

    put32 (h, 0x00010140);
    prepend (inner, h);
    frame = ether (0x0800, ipv4 (17, udp (50000, 6635, inner)));
    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp4 (&pkt, 7);
    g_assert_cmpint (pkt.layers[3].kind, ==, HS_LAYER_MPLS);
  }

  /* both ports are tunnel ports: the lower one wins, as in Wireshark */
  {
    GByteArray *inner = ether (0x0800, ipv4 (6, tcp_seg ("low")));
    GByteArray *h = g_byte_array_new ();
    g_autoptr(GByteArray) frame = NULL;

    put32 (h, 0x08000000);
    put32 (h, 0x00012300);
    prepend (inner, h);
    frame = ether (0x0800, ipv4 (17, udp (6081, 4789, inner)));
    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp4 (&pkt, 3);
    g_assert_cmpuint (pkt.layers[3].detail, ==, HS_TUNNEL_VXLAN);
  }
}

static void
test_erspan (void)
{
  HsDecodedPacket pkt;

  /* type I: GRE without flags, no ERSPAN header */
  {
    GByteArray *inner = ether (0x0800, ipv4 (6, tcp_seg ("type1")));
    g_autoptr(GByteArray) frame = ether (0x0800, ipv4 (47, gre (0, 0x88be, inner)));

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp4 (&pkt, 5);
    g_assert_cmpint (pkt.layers[3].kind, ==, HS_LAYER_LINK);
  }

  /* type II: sequence number, 8-byte header, version 1 */
  {
    GByteArray *inner = ether (0x0800, ipv4 (6, tcp_seg ("type2")));
    GByteArray *h = g_byte_array_new ();
    g_autoptr(GByteArray) frame = NULL;

    put32 (h, 0x10010100);
    put32 (h, 0x00000007);
    prepend (inner, h);
    frame = ether (0x0800, ipv4 (47, gre (0x1000, 0x88be, inner)));
    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp4 (&pkt, 5);
    g_assert_cmpuint (pkt.layers[3].detail, ==, HS_TUNNEL_ERSPAN);
    g_assert_cmpuint (pkt.layers[3].length, ==, 8);

    /* an unknown version stops there */
    frame->data[14 + 20 + 8] = 0x30;
    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);
  }

  /* type III with the platform specific subheader */
  {
    GByteArray *inner = ether (0x0800, ipv4 (6, tcp_seg ("type3")));
    GByteArray *h = g_byte_array_new ();
    g_autoptr(GByteArray) frame = NULL;

    put32 (h, 0x20010100);
    put32 (h, 0x12345678);
    put32 (h, 0x00000001);      /* O: subheader follows */
    put32 (h, 0x1c000000);
    put32 (h, 0);
    prepend (inner, h);
    frame = ether (0x0800, ipv4 (47, gre (0x1000, 0x22eb, inner)));
    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp4 (&pkt, 5);
    g_assert_cmpuint (pkt.layers[3].length, ==, 20);
  }
}

static void
test_gre_more (void)
{
  HsDecodedPacket pkt;

  /* WCCPv2: a 4-byte redirect header, part of GRE */
  {
    static const guint8 redirect[4] = { 0x00, 0x00, 0x00, 0x00 };
    GByteArray *inner = with_header (ipv4 (6, tcp_seg ("wccp")), redirect, 4);
    g_autoptr(GByteArray) frame = ether (0x0800, ipv4 (47, gre (0, 0x883e, inner)));

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp4 (&pkt, 4);
    g_assert_cmpint (pkt.layers[2].kind, ==, HS_LAYER_GRE);
    g_assert_cmpuint (pkt.layers[2].length, ==, 8);
  }

  /* WCCPv1: IPv4 right away */
  {
    g_autoptr(GByteArray) frame = ether (0x0800, ipv4 (47, gre (0, 0x883e,
                                                                ipv4 (6, tcp_seg ("w1")))));

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp4 (&pkt, 2);
    g_assert_cmpuint (pkt.layers[2].length, ==, 4);
  }

  /* NVGRE: key flag, transparent Ethernet bridging */
  {
    GByteArray *inner = ether (0x0800, ipv4 (6, tcp_seg ("nvgre")));
    g_autoptr(GByteArray) frame = ether (0x0800, ipv4 (47, gre (0x2000, 0x6558, inner)));

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp4 (&pkt, 5);
    g_assert_cmpuint (pkt.layers[2].length, ==, 8);
  }

  /* EtherIP (IP protocol 97) and MPLS in IP (137) */
  {
    static const guint8 etherip[2] = { 0x30, 0x00 };
    GByteArray *inner = with_header (ether (0x0800, ipv4 (6, tcp_seg ("eip"))), etherip, 2);
    g_autoptr(GByteArray) frame = ether (0x0800, ipv4 (97, inner));

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp4 (&pkt, 3);
    g_assert_cmpuint (pkt.layers[2].detail, ==, HS_TUNNEL_ETHERIP);
  }
  {
    static const guint8 label[4] = { 0x00, 0x01, 0x01, 0x40 };
    GByteArray *inner = with_header (ipv4 (6, tcp_seg ("mip")), label, 4);
    g_autoptr(GByteArray) frame = ether (0x0800, ipv4 (137, inner));

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp4 (&pkt, 3);
    g_assert_cmpint (pkt.layers[2].kind, ==, HS_LAYER_MPLS);
  }
}

/* An Ethernet tag: `tag` bytes after the outer Ethernet header, the inner
 * ethertype last. */
static GByteArray *
tagged (guint16       outer_type,
        const guint8 *tag,
        guint         tag_len,
        GByteArray   *payload)
{
  return ether (outer_type, with_header (payload, tag, tag_len));
}

static void
test_ethernet_tags (void)
{
  static const guint8 cmd[8] = { 0x01, 0x01, 0x00, 0x01, 0x00, 0x10, 0x08, 0x00 };
  static const guint8 vntag[6] = { 0x80, 0x05, 0x00, 0x07, 0x08, 0x00 };
  static const guint8 etag[8] = { 0x20, 0x00, 0x00, 0x05, 0x00, 0x00, 0x86, 0xdd };
  static const guint8 pbb[18] = { 0x00, 0x00, 0x01, 0x00,
                                  0x00, 0x11, 0x22, 0x33, 0x44, 0x55,
                                  0x00, 0x11, 0x22, 0x33, 0x44, 0x66, 0x08, 0x00 };
  HsDecodedPacket pkt;

  /* Cisco SGT metadata */
  {
    g_autoptr(GByteArray) frame = tagged (0x8909, cmd, 8, ipv4 (6, tcp_seg ("sgt")));

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp4 (&pkt, 3);
    g_assert_cmpuint (pkt.layers[1].detail, ==, HS_TUNNEL_CISCO_METADATA);
    g_assert_cmpuint (pkt.layers[1].length, ==, 8);
  }

  /* VN-Tag, behind an 802.1Q tag */
  {
    static const guint8 vlan[4] = { 0x00, 0x64, 0x89, 0x26 };
    GByteArray *inner = with_header (with_header (ipv4 (6, tcp_seg ("vn")), vntag, 6), vlan, 4);
    g_autoptr(GByteArray) frame = ether (0x8100, inner);

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp4 (&pkt, 2);
    g_assert_cmpint (pkt.layers[1].kind, ==, HS_LAYER_VLAN);
    g_assert_cmpuint (pkt.layers[2].detail, ==, HS_TUNNEL_VNTAG);
  }

  /* E-Tag */
  {
    g_autoptr(GByteArray) frame = tagged (0x893f, etag, 8, ipv6 (6, tcp_seg ("etag")));

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp6 (&pkt, 4);
    g_assert_cmpuint (pkt.layers[1].detail, ==, HS_TUNNEL_ETAG);
    g_assert_cmpuint (pkt.layers[1].length, ==, 8);
  }

  /* 802.1ah PBB behind its B-TAG */
  {
    static const guint8 btag[4] = { 0x00, 0x0a, 0x88, 0xe7 };
    GByteArray *inner = with_header (with_header (ipv4 (6, tcp_seg ("pbb")), pbb, 18), btag, 4);
    g_autoptr(GByteArray) frame = ether (0x88a8, inner);

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp4 (&pkt, 3);
    g_assert_cmpuint (pkt.layers[2].detail, ==, HS_TUNNEL_PBB);
    g_assert_cmpuint (pkt.layers[2].length, ==, 18);

    /* cut inside the I-TAG */
    frame->len = 14 + 4 + 10;
    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_MALFORMED);
  }
}

static void
test_macsec (void)
{
  static const guint8 icv[16] = { 0 };
  HsDecodedPacket pkt;

  /* integrity only (E and C clear), with an SCI: the user data follows */
  {
    GByteArray *inner = ipv4 (6, tcp_seg ("macsec"));
    GByteArray *h = g_byte_array_new ();
    g_autoptr(GByteArray) frame = NULL;

    put8 (h, 0x20);             /* SC */
    put8 (h, 0);                /* short length: none */
    put32 (h, 42);              /* packet number */
    put_bytes (h, "\x00\x01\x02\x03\x04\x05\x00\x01", 8);
    put16 (h, 0x0800);
    prepend (inner, h);
    put_bytes (inner, icv, 16);
    frame = ether (0x88e5, inner);
    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp4 (&pkt, 6);
    g_assert_cmpuint (pkt.layers[1].detail, ==, HS_TUNNEL_MACSEC);
    g_assert_cmpuint (pkt.layers[1].length, ==, 16);
    g_assert_cmpuint (pkt.problems & HS_PROBLEM_BAD_IP_LENGTH, ==, 0);

    /* encrypted (E and C set): Wireshark shows data */
    frame->data[14] = 0x2c;
    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);
    g_assert_cmpuint (pkt.layers[1].length, ==, 14);

    /* C alone: also not decoded */
    frame->data[14] = 0x24;
    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);
  }

  /* no SCI, short length giving the data length */
  {
    GByteArray *inner = ipv4 (6, tcp_seg ("m"));
    GByteArray *h = g_byte_array_new ();
    g_autoptr(GByteArray) frame = NULL;
    guint data_len = inner->len + 2;

    put8 (h, 0x00);
    put8 (h, (guint8) data_len);
    put32 (h, 1);
    put16 (h, 0x0800);
    prepend (inner, h);
    put_bytes (inner, icv, 16);
    put_zeros (inner, 6);       /* Ethernet padding */
    frame = ether (0x88e5, inner);
    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp4 (&pkt, 1);
    g_assert_cmpuint (pkt.layers[1].length, ==, 8);
  }
}

static void
test_fabricpath (void)
{
  static const guint8 fp[16] = { 0x02, 0x00, 0x0a, 0x00, 0x00, 0x01,
                                 0x02, 0x00, 0x0b, 0x00, 0x00, 0x02,
                                 0x89, 0x03, 0x00, 0x5f };
  static const guint8 fcs[4] = { 0xde, 0xad, 0xbe, 0xef };
  HsDecodedPacket pkt;

  /* the FabricPath header replaces the outer Ethernet header; the frame
   * ends with the FabricPath FCS */
  {
    GByteArray *inner = ether (0x0800, ipv4 (6, tcp_seg ("fp")));
    g_autoptr(GByteArray) frame = with_header (inner, fp, 16);

    put_bytes (frame, fcs, 4);
    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp4 (&pkt, 2);
    g_assert_cmpint (pkt.layers[0].kind, ==, HS_LAYER_TUNNEL);
    g_assert_cmpuint (pkt.layers[0].detail, ==, HS_TUNNEL_FABRICPATH);
    g_assert_cmpuint (pkt.layers[0].length, ==, 16);
    g_assert_cmpuint (pkt.layers[1].offset, ==, 16);
    g_assert_cmpuint (pkt.problems & HS_PROBLEM_BAD_IP_LENGTH, ==, 0);
  }

  /* with an 802.1ad tag before the FabricPath tag */
  {
    static const guint8 fp_ad[20] = { 0x02, 0x00, 0x0a, 0x00, 0x00, 0x01,
                                      0x02, 0x00, 0x0b, 0x00, 0x00, 0x02,
                                      0x88, 0xa8, 0x00, 0x64, 0x89, 0x03, 0x00, 0x5f };
    GByteArray *inner = ether (0x86dd, ipv6 (6, tcp_seg ("fp6")));
    g_autoptr(GByteArray) frame = with_header (inner, fp_ad, 20);

    put_bytes (frame, fcs, 4);
    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp6 (&pkt, 3);
    g_assert_cmpuint (pkt.layers[0].length, ==, 20);
  }
}

static void
test_isl (void)
{
  static const guint8 fcs[4] = { 0, 0, 0, 0 };
  GByteArray *inner = ether (0x0800, ipv4 (6, tcp_seg ("isl")));
  GByteArray *h = g_byte_array_new ();
  g_autoptr(GByteArray) frame = NULL;
  HsDecodedPacket pkt;
  guint inner_len;

  put_bytes (inner, fcs, 4);    /* the encapsulated frame's FCS */
  inner_len = inner->len;
  put_bytes (h, "\x01\x00\x0c\x00\x00", 5);
  put8 (h, 0x00);               /* type Ethernet, user 0 */
  put_bytes (h, "\x00\x0c\x0c\x0c\x0c\x0c", 6);
  put16 (h, (guint16)(inner_len + 12));
  put_bytes (h, "\xaa\xaa\x03\x00\x0c\x0c", 6);
  put16 (h, 0x0014);            /* VLAN 10 */
  put16 (h, 0);
  put16 (h, 0);
  prepend (inner, h);
  frame = inner;
  put_bytes (frame, fcs, 4);    /* the ISL CRC */

  decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
  assert_plain_tcp4 (&pkt, 3);
  g_assert_cmpuint (pkt.layers[0].detail, ==, HS_TUNNEL_ISL);
  g_assert_cmpuint (pkt.layers[0].length, ==, 26);
}

static void
test_teredo (void)
{
  HsDecodedPacket pkt;

  /* plain */
  {
    g_autoptr(GByteArray) frame = ether (0x0800, ipv4 (17, udp (40000, 3544,
                                                                ipv6 (6, tcp_seg ("teredo")))));

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp6 (&pkt, 6);
    g_assert_cmpint (pkt.layers[3].kind, ==, HS_LAYER_IPV6);
  }

  /* with an origin indication */
  {
    static const guint8 origin[8] = { 0x00, 0x00, 0x9c, 0x40, 1, 2, 3, 4 };
    GByteArray *inner = with_header (ipv6 (6, tcp_seg ("o")), origin, 8);
    g_autoptr(GByteArray) frame = ether (0x0800, ipv4 (17, udp (3544, 40000, inner)));

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp6 (&pkt, 1);
    g_assert_cmpint (pkt.layers[3].kind, ==, HS_LAYER_TUNNEL);
    g_assert_cmpuint (pkt.layers[3].detail, ==, 3);
    g_assert_cmpuint (pkt.layers[3].length, ==, 8);
  }

  /* not IPv6 */
  {
    g_autoptr(GByteArray) frame = ether (0x0800, ipv4 (17, udp (3544, 40000,
                                                                ipv4 (6, tcp_seg ("4")))));

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);
  }
}

static void
test_l2tp (void)
{
  static const guint8 ppp[4] = { 0xff, 0x03, 0x00, 0x21 };
  HsDecodedPacket pkt;

  /* minimal data message: flags, tunnel, session */
  {
    static const guint8 l2tp[6] = { 0x00, 0x02, 0x00, 0x01, 0x00, 0x02 };
    GByteArray *b = with_header (with_header (ipv4 (6, tcp_seg ("l2tp")), ppp, 4), l2tp, 6);
    g_autoptr(GByteArray) frame = ether (0x0800, ipv4 (17, udp (1701, 1701, b)));

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp4 (&pkt, 4);
    g_assert_cmpint (pkt.layers[3].kind, ==, HS_LAYER_TUNNEL);
    g_assert_cmpuint (pkt.layers[3].detail, ==, 4);
    g_assert_cmpint (pkt.layers[4].kind, ==, HS_LAYER_PPP);
  }

  /* length, sequence numbers and an offset pad */
  {
    GByteArray *b = with_header (ipv4 (6, tcp_seg ("l2tp")), ppp, 4);
    GByteArray *h = g_byte_array_new ();
    g_autoptr(GByteArray) frame = NULL;

    put16 (h, 0x4a02);
    put16 (h, (guint16)(14 + 2 + b->len));
    put16 (h, 1);
    put16 (h, 2);
    put16 (h, 0);
    put16 (h, 0);
    put16 (h, 2);               /* offset size */
    put16 (h, 0);               /* offset pad */
    prepend (b, h);
    frame = ether (0x0800, ipv4 (17, udp (1701, 1701, b)));

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    assert_plain_tcp4 (&pkt, 4);
    g_assert_cmpuint (pkt.layers[3].length, ==, 16);

    /* a control message is not TCP */
    frame->data[14 + 20 + 8] = 0xca;
    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);
  }
}

static void
test_icmp_quoted (void)
{
  HsDecodedPacket pkt;

  /* port unreachable quoting an IPv4 + TCP header */
  {
    static const guint8 icmp_hdr[8] = { 3, 3, 0, 0, 0, 0, 0, 0 };
    static const guint8 router[4] = { 192, 0, 2, 99 };
    Ipv4Opts o = { 0, 0, FALSE, 1, 0, router, ip4_a };
    g_autoptr(GByteArray) quoted = ipv4 (6, tcp_seg (NULL));
    g_autoptr(GByteArray) frame = NULL;
    GByteArray *b = g_byte_array_new ();

    put_bytes (b, icmp_hdr, 8);
    put_bytes (b, quoted->data, 28);      /* IP header + 8 bytes of TCP */
    frame = ether (0x0800, ipv4_full (1, b, &o));

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_ICMP_QUOTED);
    g_assert_false (pkt.has_tcp_header);
    g_assert_cmpuint (pkt.sport, ==, 1234);
    g_assert_cmpuint (pkt.dport, ==, 80);
    g_assert_cmpuint (pkt.seq, ==, 1000);
    g_assert_cmpmem (pkt.src, 4, ip4_a, 4);
    g_assert_cmpmem (pkt.dst, 4, ip4_b, 4);
    g_assert_cmpint (pkt.layers[2].kind, ==, HS_LAYER_ICMP);
    g_assert_nonnull (pkt.problem_text);

    /* an echo request is just not TCP */
    frame->data[14 + 20] = 8;
    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);
  }

  /* ICMPv6 packet too big quoting IPv6 + TCP */
  {
    g_autoptr(GByteArray) quoted = ipv6 (6, tcp_seg ("quoted"));
    g_autoptr(GByteArray) frame = NULL;
    GByteArray *b = g_byte_array_new ();

    put8 (b, 2);
    put8 (b, 0);
    put16 (b, 0);
    put32 (b, 1280);
    put_bytes (b, quoted->data, quoted->len);
    frame = ether (0x86dd, ipv6 (58, b));

    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_ICMP_QUOTED);
    g_assert_cmpuint (pkt.ip_version, ==, 6);
    g_assert_cmpuint (pkt.sport, ==, 1234);
    g_assert_cmpuint (pkt.ack, ==, 2000);

    /* echo request */
    frame->data[14 + 40] = 128;
    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_NOT_TCP);
  }
}

/* ------------------------------------------------------------------------ */
/* TCP                                                                       */

static void
test_tcp_options (void)
{
  static const guint8 syn_opts[] = {
    2, 4, 0x05, 0xb4,                         /* MSS 1460 */
    1,                                        /* NOP */
    3, 3, 14,                                 /* window scale 14 */
    4, 2,                                     /* SACK permitted */
    8, 10, 0, 0, 0, 1, 0, 0, 0, 2,            /* timestamps 1 / 2 */
    34, 2,                                    /* TFO cookie request */
    30, 4, 0x00, 0x81,                        /* MPTCP MP_CAPABLE */
    99, 4, 0xaa, 0xbb,                        /* unknown: skipped */
    0,                                        /* end of options */
    2, 4, 0x00, 0x01,                         /* after EOL: ignored */
  };
  static const guint8 sack_opts[] = {
    1, 1,
    5, 34,
    0, 0, 0, 1, 0, 0, 0, 2,
    0, 0, 0, 3, 0, 0, 0, 4,
    0, 0, 0, 5, 0, 0, 0, 6,
    0, 0, 0, 7, 0, 0, 0, 8,
  };
  static const guint8 exp_tfo[] = { 254, 6, 0xf9, 0x89, 0x12, 0x34 };
  g_autoptr(GByteArray) a = ether (0x0800, ipv4 (6, tcp_full (1234, 80, HS_TCP_SYN, syn_opts,
                                                              sizeof syn_opts, 0, NULL)));
  g_autoptr(GByteArray) b = ether (0x0800, ipv4 (6, tcp_full (1234, 80, HS_TCP_ACK, sack_opts,
                                                              sizeof sack_opts, 0, "x")));
  g_autoptr(GByteArray) c = ether (0x0800, ipv4 (6, tcp_full (1234, 80, HS_TCP_SYN, exp_tfo,
                                                              sizeof exp_tfo, 0, NULL)));
  HsDecodedPacket pkt;

  decode (HS_LINKTYPE_ETHERNET, a, &pkt);
  assert_plain_tcp4 (&pkt, 0);
  g_assert_cmpuint (pkt.flags, ==, HS_TCP_SYN);
  g_assert_true (pkt.has_options);
  g_assert_cmpuint (pkt.header_len, ==, 20 + 36);
  g_assert_cmpuint (pkt.mss, ==, 1460);   /* not the MSS after the EOL */
  g_assert_true (pkt.has_mss);
  g_assert_cmpuint (pkt.mss, ==, 1460);
  g_assert_true (pkt.has_wscale);
  g_assert_cmpuint (pkt.wscale, ==, 14);
  g_assert_true (pkt.sack_permitted);
  g_assert_true (pkt.has_timestamps);
  g_assert_cmpuint (pkt.ts_val, ==, 1);
  g_assert_cmpuint (pkt.ts_ecr, ==, 2);
  g_assert_true (pkt.has_tfo);
  g_assert_true (pkt.has_mptcp);
  g_assert_cmpuint (pkt.n_sack, ==, 0);
  g_assert_cmpuint (pkt.problems, ==, 0);

  decode (HS_LINKTYPE_ETHERNET, b, &pkt);
  assert_plain_tcp4 (&pkt, 1);
  g_assert_cmpuint (pkt.n_sack, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpuint (pkt.sack_left[i], ==, 2 * i + 1);
      g_assert_cmpuint (pkt.sack_right[i], ==, 2 * i + 2);
    }
  g_assert_false (pkt.has_mss);
  g_assert_false (pkt.has_timestamps);
  g_assert_cmpuint (pkt.problems, ==, 0);

  decode (HS_LINKTYPE_ETHERNET, c, &pkt);
  g_assert_true (pkt.has_tfo);
  g_assert_false (pkt.has_mptcp);

  /* a SYN without options */
  {
    GByteArray *seg = tcp_full (1, 2, HS_TCP_SYN, NULL, 0, 0, NULL);
    g_autoptr(GByteArray) d = ether (0x0800, ipv4 (6, seg));

    decode (HS_LINKTYPE_ETHERNET, d, &pkt);
    g_assert_false (pkt.has_options);
    g_assert_false (pkt.has_mss);
  }
}

static void
test_tcp_bad_options (void)
{
  HsDecodedPacket pkt;

  /* length 0: parsing stops, the segment is still TCP */
  {
    static const guint8 opts[] = { 2, 0, 0, 0, 3, 3, 7, 1 };
    g_autoptr(GByteArray) f = ether (0x0800, ipv4 (6, tcp_full (1234, 80, HS_TCP_ACK, opts,
                                                                sizeof opts, 0, "ab")));

    decode (HS_LINKTYPE_ETHERNET, f, &pkt);
    assert_plain_tcp4 (&pkt, 2);
    g_assert_true (pkt.problems & HS_PROBLEM_BAD_TCP_OPTION);
    g_assert_false (pkt.has_mss);
    g_assert_false (pkt.has_wscale);
  }

  /* an option running past the header */
  {
    static const guint8 opts[] = { 8, 10, 0, 0, 0, 1, 0, 0, 0, 2, 5, 10, 0, 0, 0, 1 };
    g_autoptr(GByteArray) f = ether (0x0800, ipv4 (6, tcp_full (1234, 80, HS_TCP_ACK, opts,
                                                                sizeof opts, 0, "abcd")));

    decode (HS_LINKTYPE_ETHERNET, f, &pkt);
    assert_plain_tcp4 (&pkt, 4);
    g_assert_true (pkt.problems & HS_PROBLEM_BAD_TCP_OPTION);
    g_assert_true (pkt.has_timestamps);
    g_assert_cmpuint (pkt.n_sack, ==, 0);
  }

  /* a kind byte with no room for its length */
  {
    static const guint8 opts[] = { 1, 1, 1, 2 };
    g_autoptr(GByteArray) f = ether (0x0800, ipv4 (6, tcp_full (1234, 80, HS_TCP_ACK, opts,
                                                                sizeof opts, 0, NULL)));

    decode (HS_LINKTYPE_ETHERNET, f, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_TCP);
    g_assert_true (pkt.problems & HS_PROBLEM_BAD_TCP_OPTION);
  }

  /* a known option with the wrong length: flagged, skipped by its length,
   * and the next option is still read (as Wireshark does) */
  {
    static const guint8 opts[] = { 8, 9, 0, 0, 0, 1, 0, 0, 0, 3, 3, 5 };
    g_autoptr(GByteArray) f = ether (0x0800, ipv4 (6, tcp_full (1234, 80, HS_TCP_SYN, opts,
                                                                sizeof opts, 0, NULL)));

    decode (HS_LINKTYPE_ETHERNET, f, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_TCP);
    g_assert_true (pkt.problems & HS_PROBLEM_BAD_TCP_OPTION);
    g_assert_false (pkt.has_timestamps);
    g_assert_true (pkt.has_wscale);
    g_assert_cmpuint (pkt.wscale, ==, 5);
  }

  /* options cut by the snapshot length are not bad options */
  {
    static const guint8 opts[] = { 2, 4, 5, 0xb4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2 };
    g_autoptr(GByteArray) f = ether (0x0800, ipv4 (6, tcp_full (1234, 80, HS_TCP_SYN, opts,
                                                                sizeof opts, 0, NULL)));
    g_autofree guint8 *copy = decode_copy (HS_LINKTYPE_ETHERNET, f, 14 + 20 + 20 + 8,
                                           f->len, NULL, 1, &pkt);

    g_assert_cmpint (pkt.status, ==, HS_DECODE_TCP);
    g_assert_true (pkt.has_mss);
    g_assert_true (pkt.sack_permitted);
    g_assert_false (pkt.has_timestamps);
    g_assert_true (pkt.problems & HS_PROBLEM_SNAPLEN_TRUNCATED);
    g_assert_false (pkt.problems & HS_PROBLEM_BAD_TCP_OPTION);
  }
}

static void
test_tcp_data_offset (void)
{
  HsDecodedPacket pkt;

  /* below 20 bytes: Wireshark 4.0 still counts tcp.len from the bogus
   * length (IP payload 24 - 16 = 8) */
  {
    g_autoptr(GByteArray) f = ether (0x0800, ipv4 (6, tcp_full (1234, 80, HS_TCP_ACK, NULL, 0,
                                                                4, "abcd")));

    decode (HS_LINKTYPE_ETHERNET, f, &pkt);
    assert_plain_tcp4 (&pkt, 8);
    g_assert_true (pkt.problems & HS_PROBLEM_BAD_HEADER_LENGTH);
    g_assert_cmpuint (pkt.header_len, ==, 16);
    g_assert_null (pkt.payload);
    g_assert_nonnull (pkt.problem_text);
  }

  /* data offset 0 */
  {
    g_autoptr(GByteArray) f = ether (0x0800, ipv4 (6, tcp_full (1234, 80, HS_TCP_ACK, NULL, 0,
                                                                0, NULL)));

    f->data[14 + 20 + 12] = 0x00;
    decode (HS_LINKTYPE_ETHERNET, f, &pkt);
    assert_plain_tcp4 (&pkt, 20);
    g_assert_true (pkt.problems & HS_PROBLEM_BAD_HEADER_LENGTH);
  }

  /* beyond the segment: "short segment", TCP fields but no length */
  {
    g_autoptr(GByteArray) f = ether (0x0800, ipv4 (6, tcp_full (1234, 80, HS_TCP_ACK, NULL, 0,
                                                                15, "abcd")));

    decode (HS_LINKTYPE_ETHERNET, f, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_MALFORMED);
    g_assert_true (pkt.has_tcp_header);
    g_assert_true (pkt.problems & HS_PROBLEM_BAD_HEADER_LENGTH);
    g_assert_cmpuint (pkt.sport, ==, 1234);
    g_assert_cmpuint (pkt.seq, ==, 1000);
    g_assert_cmpuint (pkt.payload_len, ==, 0);
  }

  /* an IP length smaller than the header (as in nDPI/reasm_crash_anon) */
  {
    static const guint8 opts[12] = { 1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2 };
    Ipv4Opts o = { 0, 40, TRUE, 1, 0x4000, NULL, NULL };
    g_autoptr(GByteArray) f = ether (0x0800, ipv4_full (6, tcp_full (1234, 80, HS_TCP_ACK, opts,
                                                                     sizeof opts, 0, NULL), &o));

    decode (HS_LINKTYPE_ETHERNET, f, &pkt);
    g_assert_cmpint (pkt.status, ==, HS_DECODE_MALFORMED);
    g_assert_true (pkt.has_tcp_header);
  }
}

/* ------------------------------------------------------------------------ */
/* Application tags and summaries                                            */

static GByteArray *
tls_record (guint8        type,
            guint16       version,
            const guint8 *body,
            guint         len)
{
  GByteArray *b = g_byte_array_new ();

  put8 (b, type);
  put16 (b, version);
  put16 (b, (guint16)len);
  put_bytes (b, body, len);

  return b;
}

static void
put_handshake (GByteArray *b,
               guint8      type,
               guint       len)
{
  put8 (b, type);
  put8 (b, 0);
  put16 (b, (guint16)len);
  for (guint i = 0; i < len; i++)
    put8 (b, (guint8)(i == 0 ? 3 : 0x42));
}

static void
test_app_tls (void)
{
  g_autoptr(GByteArray) hs = g_byte_array_new ();
  g_autoptr(GByteArray) ch = NULL;
  g_autoptr(GByteArray) sh = NULL;
  g_autoptr(GByteArray) cert = NULL;
  g_autoptr(GByteArray) enc = NULL;
  static const guint8 one[1] = { 1 };
  static const guint8 alert[2] = { 2, 40 };
  static const guint8 appdata[16] = { 0 };
  static const guint8 encrypted[40] = { 0x14, 0xaa, 0xbb, 0xcc, 0xdd };
  char *s;

  put_handshake (hs, 1, 60);
  ch = tls_record (22, 0x0301, hs->data, hs->len);
  g_assert_cmpint (hs_decode_app_tag (ch->data, ch->len), ==, HS_APP_TLS_CLIENT_HELLO);
  s = hs_decode_app_summary (ch->data, ch->len);
  g_assert_cmpstr (s, ==, "TLS Client Hello");
  g_free (s);
  /* the record header alone is enough to classify */
  g_assert_cmpint (hs_decode_app_tag (ch->data, 5), ==, HS_APP_TLS_HANDSHAKE);
  g_assert_cmpint (hs_decode_app_tag (ch->data, 4), ==, HS_APP_NONE);

  /* Server Hello, Certificate, Server Hello Done in one record */
  g_byte_array_set_size (hs, 0);
  put_handshake (hs, 2, 70);
  put_handshake (hs, 11, 300);
  put_handshake (hs, 14, 0);
  sh = tls_record (22, 0x0303, hs->data, hs->len);
  g_assert_cmpint (hs_decode_app_tag (sh->data, sh->len), ==, HS_APP_TLS_SERVER_HELLO);
  s = hs_decode_app_summary (sh->data, sh->len);
  g_assert_cmpstr (s, ==, "TLS Server Hello, Certificate, Server Hello Done");
  g_free (s);

  /* a certificate alone */
  g_byte_array_set_size (hs, 0);
  put_handshake (hs, 11, 100);
  cert = tls_record (22, 0x0303, hs->data, hs->len);
  g_assert_cmpint (hs_decode_app_tag (cert->data, cert->len), ==, HS_APP_TLS_HANDSHAKE);

  /* an encrypted Finished looks like a handshake record with nonsense */
  enc = tls_record (22, 0x0303, encrypted, sizeof encrypted);
  g_assert_cmpint (hs_decode_app_tag (enc->data, enc->len), ==, HS_APP_TLS_HANDSHAKE);
  s = hs_decode_app_summary (enc->data, enc->len);
  g_assert_cmpstr (s, ==, "TLS Encrypted Handshake Message");
  g_free (s);

  /* Change Cipher Spec + encrypted handshake in one segment */
  {
    g_autoptr(GByteArray) two = tls_record (20, 0x0303, one, 1);

    g_byte_array_append (two, enc->data, enc->len);
    g_assert_cmpint (hs_decode_app_tag (two->data, two->len), ==, HS_APP_TLS_CHANGE_CIPHER_SPEC);
    s = hs_decode_app_summary (two->data, two->len);
    g_assert_cmpstr (s, ==, "TLS Change Cipher Spec, Encrypted Handshake Message");
    g_free (s);
  }

  {
    g_autoptr(GByteArray) a = tls_record (21, 0x0303, alert, 2);
    g_autoptr(GByteArray) d = tls_record (23, 0x0303, appdata, sizeof appdata);
    g_autoptr(GByteArray) hb = tls_record (24, 0x0302, appdata, 3);
    g_autoptr(GByteArray) ssl3 = tls_record (23, 0x0300, appdata, 4);
    g_autoptr(GByteArray) tls13 = tls_record (23, 0x0304, appdata, 4);
    g_autoptr(GByteArray) bad = tls_record (23, 0x0305, appdata, 4);
    g_autoptr(GByteArray) bad2 = tls_record (25, 0x0303, appdata, 4);
    g_autoptr(GByteArray) empty = tls_record (23, 0x0303, appdata, 0);

    g_assert_cmpint (hs_decode_app_tag (a->data, a->len), ==, HS_APP_TLS_ALERT);
    s = hs_decode_app_summary (a->data, a->len);
    g_assert_true (g_str_has_prefix (s, "TLS "));
    g_free (s);
    g_assert_cmpint (hs_decode_app_tag (d->data, d->len), ==, HS_APP_TLS_APPLICATION_DATA);
    s = hs_decode_app_summary (d->data, d->len);
    g_assert_cmpstr (s, ==, "TLS Application Data");
    g_free (s);
    g_assert_cmpint (hs_decode_app_tag (hb->data, hb->len), ==, HS_APP_TLS_OTHER);
    g_assert_cmpint (hs_decode_app_tag (ssl3->data, ssl3->len), ==, HS_APP_TLS_APPLICATION_DATA);
    g_assert_cmpint (hs_decode_app_tag (tls13->data, tls13->len), ==, HS_APP_TLS_APPLICATION_DATA);
    g_assert_cmpint (hs_decode_app_tag (bad->data, bad->len), ==, HS_APP_NONE);
    g_assert_cmpint (hs_decode_app_tag (bad2->data, bad2->len), ==, HS_APP_NONE);
    g_assert_cmpint (hs_decode_app_tag (empty->data, empty->len), ==, HS_APP_NONE);
  }

  /* a segment is tagged from its payload */
  {
    GByteArray *seg = tcp_seg (NULL);     /* owned by frame below */
    g_autoptr(GByteArray) frame = NULL;
    HsDecodedPacket pkt;

    g_byte_array_append (seg, ch->data, ch->len);
    frame = ether (0x0800, ipv4 (6, seg));
    decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
    g_assert_cmpint (pkt.app, ==, HS_APP_TLS_CLIENT_HELLO);
  }
}

static void
test_app_http (void)
{
  static const char * const requests[] = {
    "GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n",
    "POST /form HTTP/1.0\r\n",
    "HEAD / HTTP/1.1\r\n",
    "PUT /x HTTP/1.1\r\n",
    "DELETE /x HTTP/1.1\r\n",
    "OPTIONS * HTTP/1.1\r\n",
    "PATCH /x HTTP/1.1\r\n",
    "CONNECT example.com:443 HTTP/1.1\r\n",
    "TRACE / HTTP/1.1\r\n",
  };
  static const char * const not_http[] = {
    "GETX / HTTP/1.1\r\n",
    "get / HTTP/1.1\r\n",
    "GET ",
    "HTTP/2 200\r\n",
    "HTTP/1.1 20\r\n",
    "SSH-2.0-OpenSSH_9.0\r\n",
    "",
  };
  char *s;

  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      const char *line_end = strstr (requests[i], "\r\n");

      g_assert_cmpint (hs_decode_app_tag ((const guint8 *)requests[i], strlen (requests[i])),
                       ==, HS_APP_HTTP_REQUEST);
      s = hs_decode_app_summary ((const guint8 *)requests[i], strlen (requests[i]));
      g_assert_cmpuint (strlen (s), ==, (gsize)(line_end - requests[i]));
      g_assert_true (strncmp (s, requests[i], strlen (s)) == 0);
      g_free (s);
    }

  for (guint i = 0; i < G_N_ELEMENTS (not_http); i++)
    {
      g_assert_cmpint (hs_decode_app_tag ((const guint8 *)not_http[i], strlen (not_http[i])),
                       ==, HS_APP_NONE);
      g_assert_null (hs_decode_app_summary ((const guint8 *)not_http[i], strlen (not_http[i])));
    }

  s = hs_decode_app_summary ((const guint8 *)"HTTP/1.1 200 OK\r\nServer: x\r\n", 28);
  g_assert_cmpstr (s, ==, "HTTP/1.1 200 OK");
  g_free (s);
  g_assert_cmpint (hs_decode_app_tag ((const guint8 *)"HTTP/1.0 404 Not Found\n", 23),
                   ==, HS_APP_HTTP_RESPONSE);

  /* cut at LF too; non-printable bytes replaced */
  s = hs_decode_app_summary ((const guint8 *)"GET /a\tb\x01\xff HTTP/1.1\nHost", 24);
  g_assert_cmpstr (s, ==, "GET /a.b.. HTTP/1.1");
  g_assert_true (g_utf8_validate (s, -1, NULL));
  g_free (s);

  /* no end of line captured: the captured part */
  s = hs_decode_app_summary ((const guint8 *)"GET /partial", 12);
  g_assert_cmpstr (s, ==, "GET /partial");
  g_free (s);

  /* a long line is shortened */
  {
    g_autoptr(GString) line = g_string_new ("GET /");

    for (guint i = 0; i < 300; i++)
      g_string_append_c (line, 'a' + (i % 26));
    g_string_append (line, " HTTP/1.1\r\n");
    s = hs_decode_app_summary ((const guint8 *)line->str, line->len);
    g_assert_cmpuint (g_utf8_strlen (s, -1), <=, 101);
    g_assert_true (g_str_has_prefix (s, "GET /abcdef"));
    g_assert_true (g_str_has_suffix (s, "…"));
    g_assert_true (g_utf8_validate (s, -1, NULL));
    g_free (s);
  }

  g_assert_null (hs_decode_app_summary (NULL, 0));
}

static void
test_format_address (void)
{
  static const guint8 v4[4] = { 192, 168, 1, 254 };
  static const guint8 v6_full[16] = {
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
  };
  static const guint8 v6_mapped[16] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 1,
  };
  static const guint8 v6_loopback[16] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
  static const guint8 v6_lead[16] = {
    0x26, 0x04, 0x13, 0x80, 0x40, 0x91, 0xce, 0x00, 0, 0, 0, 0, 0, 0, 0, 0x0d,
  };
  char *s;

  s = hs_format_address (4, v4);
  g_assert_cmpstr (s, ==, "192.168.1.254");
  g_free (s);
  s = hs_format_address (6, v6_full);
  g_assert_cmpstr (s, ==, "2001:db8::1:0:0:1");
  g_free (s);
  s = hs_format_address (6, v6_mapped);
  g_assert_cmpstr (s, ==, "::ffff:10.0.0.1");
  g_free (s);
  s = hs_format_address (6, v6_loopback);
  g_assert_cmpstr (s, ==, "::1");
  g_free (s);
  s = hs_format_address (6, v6_lead);
  g_assert_cmpstr (s, ==, "2604:1380:4091:ce00::d");
  g_free (s);
  s = hs_format_address (0, v4);
  g_assert_cmpstr (s, ==, "?");
  g_free (s);
}

/* ------------------------------------------------------------------------ */
/* Robustness                                                                */

static void
check_invariants (const HsDecodedPacket *pkt,
                  const guint8          *data,
                  guint                  caplen)
{
  g_assert_cmpint (pkt->status, >=, HS_DECODE_TCP);
  g_assert_cmpint (pkt->status, <=, HS_DECODE_MALFORMED);
  g_assert_cmpuint (pkt->n_layers, <=, HS_MAX_LAYERS);
  g_assert_cmpuint (pkt->n_frame_layers, <=, pkt->n_layers);

  for (guint i = 0; i < pkt->n_frame_layers; i++)
    g_assert_cmpuint ((guint)pkt->layers[i].offset + pkt->layers[i].length, <=, caplen);

  if (pkt->status == HS_DECODE_TCP)
    {
      g_assert_true (pkt->has_tcp_header);
      g_assert_true (pkt->ip_version == 4 || pkt->ip_version == 6);
      g_assert_cmpuint (pkt->payload_captured, <=, pkt->payload_len);
    }
  else
    {
      g_assert_null (pkt->payload);
      g_assert_cmpint (pkt->app, ==, HS_APP_NONE);
    }

  if (pkt->payload != NULL && !pkt->reassembled && pkt->n_frame_layers == pkt->n_layers)
    {
      g_assert_true (pkt->payload >= data);
      g_assert_true (pkt->payload + pkt->payload_captured <= data + caplen);
    }
}

static void
fuzz_one (int           linktype,
          const guint8 *bytes,
          guint         len,
          guint         orig_len,
          HsDefrag     *defrag,
          guint32       frame)
{
  g_autofree guint8 *copy = g_memdup2 (bytes, MAX (len, 1));
  HsDecodedPacket pkt;
  gboolean ret;

  ret = hs_decode_frame (linktype, len ? copy : NULL, len, orig_len, frame, defrag, &pkt);
  g_assert_cmpint (ret, ==, pkt.status == HS_DECODE_TCP);
  check_invariants (&pkt, copy, len);

  if (!hs_decode_linktype_supported (linktype))
    g_assert_cmpint (pkt.status, ==, HS_DECODE_UNSUPPORTED_LINK);
}

static void
test_garbage (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (0x5eed);
  g_autoptr(HsDefrag) defrag = hs_defrag_new ();
  static const int unsupported[] = { 147, 3, 0xffff };
  guint8 buf[400];
  guint32 frame = 0;

  for (guint t = 0; t < G_N_ELEMENTS (supported_linktypes) + G_N_ELEMENTS (unsupported); t++)
    {
      int linktype = t < G_N_ELEMENTS (supported_linktypes)
        ? supported_linktypes[t]
        : unsupported[t - G_N_ELEMENTS (supported_linktypes)];

      for (guint len = 0; len <= 300; len++)
        {
          for (guint round = 0; round < 8; round++)
            {
              for (guint i = 0; i < len; i++)
                buf[i] = (guint8)g_rand_int (rand);

              /* some rounds look like plausible headers to get deeper */
              if (round % 2 == 1 && len > 20)
                {
                  guint at = g_rand_int_range (rand, 0, (gint)len - 1);

                  buf[at] = (round % 4 == 1) ? 0x45 : 0x60;
                }

              fuzz_one (linktype, buf, len, len, (round & 4) ? defrag : NULL, ++frame);
              fuzz_one (linktype, buf, len, len + g_rand_int_range (rand, 1, 70000),
                        defrag, ++frame);
            }
        }
    }
}

/* Valid frames of every kind, then each of them cut at every length and
 * with random bytes changed. */
static GPtrArray *
sample_frames (GArray *linktypes)
{
  GPtrArray *frames = g_ptr_array_new_with_free_func ((GDestroyNotify)g_byte_array_unref);
  static const guint8 opts[] = { 2, 4, 5, 0xb4, 1, 3, 3, 7, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2 };
  static const guint8 sll[16] = { 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x00 };
  static const guint8 null4[4] = { 2, 0, 0, 0 };
  static const guint8 ppp[4] = { 0xff, 0x03, 0x00, 0x21 };
  static const guint8 tags[8] = { 0x00, 0x0a, 0x81, 0x00, 0x00, 0x14, 0x88, 0x64 };
  static const guint8 pppoe[8] = { 0x11, 0x00, 0x00, 0x01, 0x00, 0x50, 0x00, 0x21 };
  static const guint8 gtp[8] = { 0x30, 0xff, 0x00, 0x2b, 0x00, 0x00, 0x00, 0x01 };
  static const guint8 icmp[8] = { 3, 3, 0, 0, 0, 0, 0, 0 };
  GByteArray *inner;
  int lt;

#define ADD(type, arr) G_STMT_START { lt = (type); g_array_append_val (linktypes, lt); \
                                      g_ptr_array_add (frames, (arr)); } G_STMT_END

  inner = tcp_full (1, 2, HS_TCP_SYN, opts, sizeof opts, 0, "GET / HTTP/1.1\r\n");
  ADD (HS_LINKTYPE_ETHERNET, ether (0x0800, ipv4 (6, inner)));
  ADD (HS_LINKTYPE_ETHERNET, ether (0x86dd, ipv6 (0, ext8 (60, ext8 (6, tcp_seg ("six"))))));
  ADD (HS_LINKTYPE_ETHERNET, ether (0x88a8, with_header (with_header (ipv4 (6, tcp_seg ("q")),
                                                                      pppoe, 8), tags, 8)));
  inner = wlan_frame (0x88, 0x03, ipv4 (6, tcp_seg ("g")));
  ADD (HS_LINKTYPE_ETHERNET, ether (0x0800, ipv4 (47, gre (0xb000, 0x8200, inner))));
  inner = with_header (ipv4 (6, tcp_seg ("u")), gtp, 8);
  ADD (HS_LINKTYPE_ETHERNET, ether (0x0800, ipv4 (17, udp (2152, 2152, inner))));
  ADD (HS_LINKTYPE_LINUX_SLL, with_header (ipv4 (6, tcp_seg ("sll")), sll, 16));
  inner = with_header (ipv4 (6, tcp_seg ("icmp")), icmp, 8);
  ADD (HS_LINKTYPE_NULL, with_header (ipv4 (1, inner), null4, 4));
  ADD (HS_LINKTYPE_PPP, with_header (ipv4 (6, tcp_seg ("ppp")), ppp, 4));
  {
    GByteArray *rt = radiotap (wlan_frame (0x88, 0x83, ipv4 (6, tcp_seg ("r"))), 0x30);

    put32 (rt, 0x12345678);     /* FCS */
    ADD (HS_LINKTYPE_IEEE802_11_RADIOTAP, rt);
  }
  ADD (HS_LINKTYPE_RAW, ipv6 (51, with_header (ipv6 (6, tcp_seg ("ah")),
                                               (const guint8 *)"\x29\x00\0\0\0\0\0\1", 8)));
  ADD (HS_LINKTYPE_RAW, ipv6 (44, with_header (tcp_seg ("frag"),
                                               (const guint8 *)"\x06\0\0\x01\0\0\0\x09", 8)));
  {
    GByteArray *comp;

    inner = ipv6 (6, tcp_seg ("compressed compressed compressed"));
    comp = raw_deflate (inner->data, inner->len);
    g_byte_array_unref (inner);
    ADD (HS_LINKTYPE_RAW, ipv6 (108, with_header (comp, (const guint8 *)"\x29\0\xe3\xde", 4)));
  }
  {
    GByteArray *frame = g_byte_array_new ();
    g_autoptr(GByteArray) ip = ipv4 (6, tcp_seg ("nflog"));

    put8 (frame, 2);
    put8 (frame, 0);
    put16 (frame, 0);
    tlv (frame, TRUE, 9, ip->data, ip->len);
    ADD (HS_LINKTYPE_NFLOG, frame);
  }

#undef ADD

  return frames;
}

static void
test_mutations (void)
{
  g_autoptr(GArray) linktypes = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GPtrArray) frames = sample_frames (linktypes);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(HsDefrag) defrag = hs_defrag_new ();
  guint32 number = 0;

  for (guint f = 0; f < frames->len; f++)
    {
      GByteArray *frame = g_ptr_array_index (frames, f);
      int linktype = g_array_index (linktypes, int, f);
      HsDecodedPacket pkt;
      g_autofree guint8 *copy = NULL;

      /* the samples themselves are TCP (or quoted, or a fragment) */
      copy = decode_copy (linktype, frame, frame->len, frame->len, NULL, 1, &pkt);
      g_assert_cmpint (pkt.status, !=, HS_DECODE_MALFORMED);
      g_assert_cmpint (pkt.status, !=, HS_DECODE_NOT_TCP);

      /* every truncation, as a snapshot length and as a short frame */
      for (guint len = 0; len <= frame->len; len++)
        {
          fuzz_one (linktype, frame->data, len, frame->len, defrag, ++number);
          fuzz_one (linktype, frame->data, len, len, defrag, ++number);
        }

      /* random changes */
      for (guint round = 0; round < 3000; round++)
        {
          g_autoptr(GByteArray) m = g_byte_array_new ();
          guint n_changes = g_rand_int_range (rand, 1, 4);

          g_byte_array_append (m, frame->data, frame->len);
          for (guint i = 0; i < n_changes; i++)
            {
              guint at = g_rand_int_range (rand, 0, (gint)m->len);

              if (g_rand_boolean (rand))
                m->data[at] = (guint8)g_rand_int (rand);
              else
                m->data[at] ^= (guint8)(1u << g_rand_int_range (rand, 0, 8));
            }
          fuzz_one (linktype, m->data, m->len, m->len, (round & 1) ? defrag : NULL, ++number);
        }
    }
}

static void
test_many_layers (void)
{
  g_autoptr(GByteArray) frame = ipv4 (6, tcp_seg ("deep"));
  HsDecodedPacket pkt;
  static const guint8 tag[4] = { 0x00, 0x01, 0x81, 0x00 };
  static const guint8 last[4] = { 0x00, 0x01, 0x08, 0x00 };

  with_header (frame, last, 4);
  for (guint i = 0; i < 30; i++)
    with_header (frame, tag, 4);
  frame = ether (0x8100, frame);

  decode (HS_LINKTYPE_ETHERNET, frame, &pkt);
  assert_plain_tcp4 (&pkt, 4);
  g_assert_cmpuint (pkt.n_layers, ==, HS_MAX_LAYERS);
  /* the TCP header and the payload are always recorded */
  g_assert_cmpint (pkt.layers[HS_MAX_LAYERS - 2].kind, ==, HS_LAYER_TCP);
  g_assert_cmpint (pkt.layers[HS_MAX_LAYERS - 1].kind, ==, HS_LAYER_PAYLOAD);
  g_assert_cmpuint (pkt.layers[HS_MAX_LAYERS - 2].offset, ==, 14 + 31 * 4 + 20);
}

/* The real captures: every frame Wireshark 4.0 lists as TCP in
 * expected/NAME.tsv must decode as TCP with its tcp.len, and no other frame
 * may decode as TCP.  A tiny pcap / pcapng reader keeps this test
 * independent of the capture reader. */

typedef struct
{
  int           linktype;
  const guint8 *data;
  guint         caplen;
  guint         orig_len;
} RawFrame;

static guint32
rd32 (const guint8 *p,
      gboolean      be)
{
  return be ? ((guint32)p[0] << 24 | (guint32)p[1] << 16 | (guint32)p[2] << 8 | p[3])
            : ((guint32)p[3] << 24 | (guint32)p[2] << 16 | (guint32)p[1] << 8 | p[0]);
}

static GArray *
read_frames (const guint8 *file,
             gsize         len)
{
  GArray *frames = g_array_new (FALSE, FALSE, sizeof (RawFrame));
  guint32 magic;

  g_assert_cmpuint (len, >=, 24);
  magic = rd32 (file, FALSE);

  if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d || magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1)
    {
      gboolean be = magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1;
      int linktype = (int)(rd32 (file + 20, be) & 0x03ffffff);
      gsize off = 24;

      while (off + 16 <= len)
        {
          RawFrame f = { linktype, file + off + 16, rd32 (file + off + 8, be),
                         rd32 (file + off + 12, be) };

          if (off + 16 + f.caplen > len)
            break;
          g_array_append_val (frames, f);
          off += 16 + f.caplen;
        }
    }
  else
    {
      g_autoptr(GArray) ifaces = g_array_new (FALSE, FALSE, sizeof (int));
      gboolean be = FALSE;
      gsize off = 0;

      g_assert_cmphex (magic, ==, 0x0a0d0d0a);
      while (off + 12 <= len)
        {
          guint32 type = rd32 (file + off, be);
          guint32 blen;
          const guint8 *body = file + off + 8;

          if (type == 0x0a0d0d0a)
            {
              be = rd32 (file + off + 8, FALSE) != 0x1a2b3c4d;
              g_array_set_size (ifaces, 0);
            }
          blen = rd32 (file + off + 4, be);
          if (blen < 12 || off + blen > len)
            break;

          if (type == 1)
            {
              int lt = be ? (body[0] << 8 | body[1]) : (body[1] << 8 | body[0]);

              g_array_append_val (ifaces, lt);
            }
          else if (type == 6 && blen >= 32)
            {
              guint32 iface = rd32 (body, be);
              RawFrame f = { 0, body + 20, rd32 (body + 12, be), rd32 (body + 16, be) };

              g_assert_cmpuint (iface, <, ifaces->len);
              f.linktype = g_array_index (ifaces, int, iface);
              g_assert_cmpuint (20 + f.caplen, <=, blen - 12);
              g_array_append_val (frames, f);
            }
          off += blen;
        }
    }

  return frames;
}

static void
test_corpus (void)
{
  static const char * const captures[] = {
    "tcpdump/arcnet-rfc1201-arp-icmp-http.pcap",
    "tcpdump/ipoib.pcap",
    "zeek/nflog-http.pcap",
    "libpcap/http_PPI.pcap",
    "arkime/80211http.pcap",
    "zeek/dns-inverse-query.pcap",
    "suricata-verify/hdlc-http_1tx.pcap",
    "suricata-verify/frag-ip-tcp.pcap",
    "suricata-verify/frag-ppp-ipv6-tcp.pcap",
    "libpcap/AH-IPcomp-IPv6.pcap",
    "tcpdump/bigtcp-ipv6-hbh.pcap",
    "zeek/gre-aruba.pcap",
    "zeek/pppoe-over-qinq.pcap",
    "arkime/gtp-iphone.pcap",
    "debian-gopacket/test_loopback.pcap",
    "suricata-verify/detect-ipopts-input.pcap",
    "suricata-verify/decode-sll2-01-input.pcap",
    "zeek/truncated-header.pcap",
    "tcpdump/tcp_rst_diag_payload-trunc.pcap",
    "tcpdump/bgp-as-path-oobr.pcap",
    "zeek/kerberos_tso.pcapng",
    "PcapPlusPlus/many_interfaces-1.pcapng",
    "PcapPlusPlus/pcapng-example.pcapng",
    "nDPI/reasm_crash_anon.pcapng",
    "zeek/smtp.pcap",
    "suricata-verify/kill_router6.pcap",
  };
  const char *corpus = hs_test_corpus_dir ();

  if (corpus == NULL)
    {
      g_test_skip ("../shared/corpus not found");
      return;
    }

  for (guint c = 0; c < G_N_ELEMENTS (captures); c++)
    {
      g_autofree char *path = g_build_filename (corpus, captures[c], NULL);
      g_autofree char *base = g_path_get_basename (captures[c]);
      g_autofree char *tsv_name = NULL;
      g_autofree char *tsv_path = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *tsv = NULL;
      g_autoptr(GArray) frames = NULL;
      g_autoptr(GHashTable) expected = g_hash_table_new (NULL, NULL);
      g_autoptr(HsDefrag) defrag = hs_defrag_new ();
      g_auto(GStrv) lines = NULL;
      gsize len = 0;
      guint n_tcp = 0;

      *strrchr (base, '.') = '\0';
      tsv_name = g_strconcat (base, ".tsv", NULL);
      tsv_path = g_build_filename (corpus, "expected", tsv_name, NULL);

      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      g_assert_true (g_file_get_contents (tsv_path, &tsv, NULL, NULL));

      /* frame -> len + 1 (0: listed without a length, a "short segment") */
      lines = g_strsplit (tsv, "\n", -1);
      for (guint i = 1; lines[i] != NULL; i++)
        {
          g_auto(GStrv) cols = g_strsplit (lines[i], "\t", -1);

          if (g_strv_length (cols) < 5)
            continue;
          g_hash_table_insert (expected,
                               GUINT_TO_POINTER (atoi (cols[0])),
                               GUINT_TO_POINTER (cols[4][0] ? (guint)atoi (cols[4]) + 1 : 0));
        }
      g_assert_cmpuint (g_hash_table_size (expected), >, 0);

      frames = read_frames ((const guint8 *)contents, len);
      for (guint i = 0; i < frames->len; i++)
        {
          const RawFrame *f = &g_array_index (frames, RawFrame, i);
          guint32 number = i + 1;
          gpointer value = NULL;
          HsDecodedPacket pkt;

          hs_decode_frame (f->linktype, f->data, f->caplen, f->orig_len, number, defrag, &pkt);
          check_invariants (&pkt, f->data, f->caplen);

          if (!g_hash_table_lookup_extended (expected, GUINT_TO_POINTER (number), NULL, &value))
            {
              if (pkt.status == HS_DECODE_TCP)
                g_error ("%s frame %u: TCP, but not for Wireshark", captures[c], number);
              continue;
            }

          n_tcp++;
          if (GPOINTER_TO_UINT (value) == 0)
            {
              g_assert_cmpint (pkt.status, ==, HS_DECODE_MALFORMED);
              g_assert_true (pkt.has_tcp_header);
            }
          else if (pkt.status != HS_DECODE_TCP ||
                   pkt.payload_len != GPOINTER_TO_UINT (value) - 1)
            {
              g_error ("%s frame %u: status %d len %u, Wireshark says TCP len %u",
                       captures[c], number, pkt.status, pkt.payload_len,
                       GPOINTER_TO_UINT (value) - 1);
            }
        }

      g_assert_cmpuint (n_tcp, ==, g_hash_table_size (expected));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/handshake/decoder/ethernet-ipv4", test_ethernet_ipv4);
  g_test_add_func ("/handshake/decoder/ethernet-padding", test_ethernet_padding);
  g_test_add_func ("/handshake/decoder/ethernet-vlan", test_ethernet_vlan);
  g_test_add_func ("/handshake/decoder/ethernet-qinq", test_ethernet_qinq);
  g_test_add_func ("/handshake/decoder/ethernet-pppoe", test_ethernet_pppoe);
  g_test_add_func ("/handshake/decoder/ethernet-llc-snap", test_ethernet_llc_snap);
  g_test_add_func ("/handshake/decoder/ethernet-mpls", test_ethernet_mpls);
  g_test_add_func ("/handshake/decoder/linux-sll", test_linux_sll);
  g_test_add_func ("/handshake/decoder/raw-ip", test_raw_ip);
  g_test_add_func ("/handshake/decoder/null-loop", test_null_loop);
  g_test_add_func ("/handshake/decoder/ppp", test_ppp);
  g_test_add_func ("/handshake/decoder/cisco-hdlc", test_chdlc);
  g_test_add_func ("/handshake/decoder/fddi", test_fddi);
  g_test_add_func ("/handshake/decoder/arcnet", test_arcnet);
  g_test_add_func ("/handshake/decoder/ieee80211", test_ieee80211);
  g_test_add_func ("/handshake/decoder/radiotap", test_radiotap);
  g_test_add_func ("/handshake/decoder/ppi", test_ppi);
  g_test_add_func ("/handshake/decoder/nflog", test_nflog);
  g_test_add_func ("/handshake/decoder/ipoib", test_ipoib);
  g_test_add_func ("/handshake/decoder/pflog", test_pflog);
  g_test_add_func ("/handshake/decoder/prism-avs", test_prism_avs);
  g_test_add_func ("/handshake/decoder/pktap", test_pktap);
  g_test_add_func ("/handshake/decoder/ipnet", test_ipnet);
  g_test_add_func ("/handshake/decoder/netanalyzer", test_netanalyzer);
  g_test_add_func ("/handshake/decoder/enc", test_enc);
  g_test_add_func ("/handshake/decoder/unsupported-link", test_unsupported_link);
  g_test_add_func ("/handshake/decoder/linktype-names", test_linktype_names);
  g_test_add_func ("/handshake/decoder/ipv4-options", test_ipv4_options);
  g_test_add_func ("/handshake/decoder/ipv4-snaplen", test_ipv4_snaplen);
  g_test_add_func ("/handshake/decoder/ipv4-total-length", test_ipv4_total_length);
  g_test_add_func ("/handshake/decoder/ipv4-fragments", test_ipv4_fragments);
  g_test_add_func ("/handshake/decoder/ipv4-fragments-interleaved",
                   test_ipv4_fragments_interleaved);
  g_test_add_func ("/handshake/decoder/defrag-limits", test_defrag_limits);
  g_test_add_func ("/handshake/decoder/defrag-direct", test_defrag_direct);
  g_test_add_func ("/handshake/decoder/ipv6-extension-headers", test_ipv6_extension_headers);
  g_test_add_func ("/handshake/decoder/ipv6-payload-length", test_ipv6_payload_length);
  g_test_add_func ("/handshake/decoder/ipv6-jumbo", test_ipv6_jumbo);
  g_test_add_func ("/handshake/decoder/ipv6-fragments", test_ipv6_fragments);
  g_test_add_func ("/handshake/decoder/ah", test_ah);
  g_test_add_func ("/handshake/decoder/ipcomp", test_ipcomp);
  g_test_add_func ("/handshake/decoder/ip-in-ip", test_ip_in_ip);
  g_test_add_func ("/handshake/decoder/gre", test_gre);
  g_test_add_func ("/handshake/decoder/gtp", test_gtp);
  g_test_add_func ("/handshake/decoder/vxlan", test_vxlan);
  g_test_add_func ("/handshake/decoder/geneve", test_geneve);
  g_test_add_func ("/handshake/decoder/vxlan-gpe", test_vxlan_gpe);
  g_test_add_func ("/handshake/decoder/nsh", test_nsh);
  g_test_add_func ("/handshake/decoder/capwap", test_capwap);
  g_test_add_func ("/handshake/decoder/lisp", test_lisp);
  g_test_add_func ("/handshake/decoder/udp-ports", test_udp_ports);
  g_test_add_func ("/handshake/decoder/erspan", test_erspan);
  g_test_add_func ("/handshake/decoder/gre-more", test_gre_more);
  g_test_add_func ("/handshake/decoder/ethernet-tags", test_ethernet_tags);
  g_test_add_func ("/handshake/decoder/macsec", test_macsec);
  g_test_add_func ("/handshake/decoder/fabricpath", test_fabricpath);
  g_test_add_func ("/handshake/decoder/isl", test_isl);
  g_test_add_func ("/handshake/decoder/teredo", test_teredo);
  g_test_add_func ("/handshake/decoder/l2tp", test_l2tp);
  g_test_add_func ("/handshake/decoder/icmp-quoted", test_icmp_quoted);
  g_test_add_func ("/handshake/decoder/tcp-options", test_tcp_options);
  g_test_add_func ("/handshake/decoder/tcp-bad-options", test_tcp_bad_options);
  g_test_add_func ("/handshake/decoder/tcp-data-offset", test_tcp_data_offset);
  g_test_add_func ("/handshake/decoder/app-tls", test_app_tls);
  g_test_add_func ("/handshake/decoder/app-http", test_app_http);
  g_test_add_func ("/handshake/decoder/format-address", test_format_address);
  g_test_add_func ("/handshake/decoder/many-layers", test_many_layers);
  g_test_add_func ("/handshake/decoder/garbage", test_garbage);
  g_test_add_func ("/handshake/decoder/mutations", test_mutations);
  g_test_add_func ("/handshake/decoder/corpus", test_corpus);

  return g_test_run ();
}
