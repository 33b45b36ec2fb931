/* hs-decoder.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hs-types.h"

G_BEGIN_DECLS

#define HS_MAX_SACK_BLOCKS 4

/* The link types we decode (libpcap DLT_/LINKTYPE_ values). */
#define HS_LINKTYPE_NULL                 0
#define HS_LINKTYPE_ETHERNET             1
#define HS_LINKTYPE_PPP                  9
#define HS_LINKTYPE_FDDI                 10
#define HS_LINKTYPE_RAW                  101
#define HS_LINKTYPE_C_HDLC               104
#define HS_LINKTYPE_IEEE802_11           105
#define HS_LINKTYPE_LOOP                 108
#define HS_LINKTYPE_LINUX_SLL            113
#define HS_LINKTYPE_ARCNET_LINUX         129
#define HS_LINKTYPE_PPI                  192
#define HS_LINKTYPE_IEEE802_11_RADIOTAP  127
#define HS_LINKTYPE_IPV4                 228
#define HS_LINKTYPE_IPV6                 229
#define HS_LINKTYPE_NFLOG                239
#define HS_LINKTYPE_IPOIB                242
#define HS_LINKTYPE_LINUX_SLL2           276

/* More values we accept: DLT_ numbers libpcap reports for some of the link
 * types above (pcap_datalink() on Linux gives 12 for raw IP, 11 for RFC 1483),
 * and a few simple framings. */
#define HS_LINKTYPE_ARCNET_BSD           7    /* ARCNET without the Linux offset field */
#define HS_LINKTYPE_ATM_RFC1483_DLT      11   /* DLT_ATM_RFC1483: LLC/SNAP */
#define HS_LINKTYPE_RAW_DLT12            12   /* DLT_RAW on most systems */
#define HS_LINKTYPE_RAW_DLT14            14   /* DLT_RAW on OpenBSD */
#define HS_LINKTYPE_PPP_HDLC             50   /* PPP in HDLC-like framing (or Cisco HDLC) */
#define HS_LINKTYPE_PPP_ETHER            51   /* PPPoE session header, no Ethernet */
#define HS_LINKTYPE_ATM_RFC1483          100  /* LLC/SNAP */

/* Capture headers of BSD, Apple and 802.11 drivers in front of a link or
 * network layer. */
#define HS_LINKTYPE_PFLOG                117  /* OpenBSD/FreeBSD pf log header, then IP */
#define HS_LINKTYPE_IEEE802_11_PRISM     119  /* Prism monitor-mode header, then 802.11 */
#define HS_LINKTYPE_IEEE802_11_AVS       163  /* AVS monitor-mode header, then 802.11 */
#define HS_LINKTYPE_PKTAP                258  /* Apple PKTAP: header naming the inner link type */
#define HS_LINKTYPE_IPNET                226  /* Solaris ipnet: 24-byte header, then IP */
#define HS_LINKTYPE_NETANALYZER          240  /* Hilscher netANALYZER: 4 bytes, then Ethernet + FCS */
#define HS_LINKTYPE_NETANALYZER_TRANSPARENT 241 /* the same with preamble and SFD: not decoded */
#define HS_LINKTYPE_ENC                  109  /* OpenBSD IPsec enc(4): family, SPI, flags, then IP */

/* One layer the decoder walked through, for the details pane. */
typedef enum
{
  HS_LAYER_LINK = 0,   /* the capture's link-layer header (Ethernet, SLL, ...) */
  HS_LAYER_VLAN,
  HS_LAYER_PPPOE,
  HS_LAYER_PPP,
  HS_LAYER_LLC,
  HS_LAYER_IEEE802_11,
  HS_LAYER_IPV4,
  HS_LAYER_IPV6,
  HS_LAYER_IPV6_EXT,   /* one IPv6 extension header */
  HS_LAYER_AH,
  HS_LAYER_IPCOMP,
  HS_LAYER_GRE,
  HS_LAYER_UDP,
  HS_LAYER_GTP,
  HS_LAYER_ICMP,
  HS_LAYER_TCP,
  HS_LAYER_PAYLOAD,
  HS_LAYER_MPLS,       /* one MPLS label stack entry */
  HS_LAYER_TUNNEL,     /* another tunnel or tag header: detail is an HsTunnelKind */
} HsLayerKind;

/* HsLayer.detail of a HS_LAYER_TUNNEL layer. */
typedef enum
{
  HS_TUNNEL_VXLAN = 1,
  HS_TUNNEL_ERSPAN,
  HS_TUNNEL_TEREDO,
  HS_TUNNEL_L2TP,
  HS_TUNNEL_GENEVE,
  HS_TUNNEL_VXLAN_GPE,
  HS_TUNNEL_CAPWAP,
  HS_TUNNEL_LISP,
  HS_TUNNEL_NSH,
  HS_TUNNEL_CISCO_METADATA,   /* Cisco SGT / CMD, ethertype 0x8909 */
  HS_TUNNEL_FABRICPATH,
  HS_TUNNEL_PBB,              /* IEEE 802.1ah I-TAG and customer addresses */
  HS_TUNNEL_VNTAG,
  HS_TUNNEL_ETAG,             /* IEEE 802.1BR */
  HS_TUNNEL_MACSEC,           /* the SecTAG (and the ethertype after it) */
  HS_TUNNEL_ISL,
  HS_TUNNEL_ETHERIP,
} HsTunnelKind;

#define HS_MAX_LAYERS 16

typedef struct
{
  guint8  kind;     /* HsLayerKind */
  guint8  detail;   /* e.g. the IPv6 extension header number, the link type low byte */
  guint16 offset;   /* byte offset in the frame (or in the reassembled buffer) */
  guint16 length;   /* header length in bytes */
} HsLayer;

struct _HsDecodedPacket
{
  HsDecodeStatus status;
  guint          problems;          /* HsPacketProblems */
  const char    *problem_text;      /* static, untranslated English: why MALFORMED etc. */

  HsLayer        layers[HS_MAX_LAYERS];
  guint          n_layers;

  /* innermost IP header carrying the TCP segment */
  guint8         ip_version;        /* 4 or 6, 0 if none */
  guint8         ip_proto;          /* last next-header / protocol value */
  guint8         ttl;               /* TTL or hop limit */
  guint8         src[16];           /* IPv4 uses the first 4 bytes */
  guint8         dst[16];
  gboolean       reassembled;       /* the segment was rebuilt from IP fragments */

  /* TCP */
  guint16        sport;
  guint16        dport;
  guint32        seq;
  guint32        ack;
  guint16        flags;             /* HsTcpFlags */
  guint16        window;
  guint16        urgent;
  guint16        checksum;
  guint8         header_len;        /* TCP header length in bytes (data offset * 4) */
  guint32        payload_len;       /* from the IP length: tcp.len */
  const guint8  *payload;           /* captured payload bytes (may be fewer than payload_len) */
  guint32        payload_captured;

  /* TCP options */
  gboolean       has_options;
  gboolean       has_mss;
  guint16        mss;
  gboolean       has_wscale;
  guint8         wscale;            /* shift as sent (not clamped) */
  gboolean       sack_permitted;
  gboolean       has_timestamps;
  guint32        ts_val;
  guint32        ts_ecr;
  guint          n_sack;            /* SACK blocks, raw sequence numbers */
  guint32        sack_left[HS_MAX_SACK_BLOCKS];
  guint32        sack_right[HS_MAX_SACK_BLOCKS];
  gboolean       has_mptcp;
  gboolean       has_tfo;           /* TCP Fast Open cookie option */

  HsAppTag       app;               /* one-line application summary tag */

  /* Added after the first version of this struct. */

  /* sport .. urgent and header_len hold a TCP header.  Always TRUE for
   * HS_DECODE_TCP.  Also TRUE for a HS_DECODE_MALFORMED segment whose data
   * offset points beyond the IP payload ("short segment"): Wireshark lists
   * such a frame as TCP, with ports, seq, ack and window but no tcp.len and
   * no sequence analysis. */
  gboolean       has_tcp_header;

  /* layers[0 .. n_frame_layers) have offsets in the frame bytes; the layers
   * after them (if any) are in the reassembled or decompressed buffer. */
  guint          n_frame_layers;

  /* HS_DECODE_TCP: an option Wireshark's dissector throws on (a SACK
   * option shorter than one block, an MPTCP option without a subtype): the
   * segment is tracked, but Wireshark shows it "Malformed" without its
   * SEQ/ACK analysis (no flags, no acknowledged frame).  The options after
   * it are not read. */
  gboolean       options_exception;

  /* HS_DECODE_ICMP_QUOTED: how many bytes of the quoted TCP header were
   * captured.  With 16 or more (up to the window), Wireshark's TCP dissector
   * gets as far as the conversation and gives the quoted header a tcp.stream
   * of its own when no such connection was seen. */
  guint          quoted_tcp_len;
};

/* Decode one captured frame.  `data` holds `caplen` captured bytes of a frame
 * that was `orig_len` bytes long on the wire.  Never reads beyond caplen.
 * `defrag` may be NULL; with it, IPv4/IPv6 fragments are collected and the
 * frame that completes a TCP segment decodes as that segment (pointers in
 * `out` then point into the defragmenter's buffer, valid until the next call;
 * the same holds for a payload decompressed from IPComp, whose buffer belongs
 * to `defrag`, or to the calling thread when `defrag` is NULL).
 * `frame` is the 1-based frame number, used by the defragmenter.
 * Returns out->status == HS_DECODE_TCP.
 *
 * What the statuses mean, following Wireshark 4.0:
 *  - HS_DECODE_TCP: payload_len is tcp.len, computed from the IP length (a
 *    snap-length cut does not change it; an IPv4 total length of 0 is taken
 *    as TSO and the frame length is used).  A data offset below 20 bytes
 *    sets HS_PROBLEM_BAD_HEADER_LENGTH, payload_len is then the IP payload
 *    minus that bogus header length and no options are parsed.
 *  - HS_DECODE_ICMP_QUOTED: ip_version, src, dst, sport, dport and seq
 *    describe the quoted segment (as far as captured).
 *  - HS_DECODE_FRAGMENT / _MALFORMED: problem_text says why.
 * problem_text is a static string, or a thread-local buffer that stays valid
 * until the next hs_decode_frame() call in the same thread. */
gboolean     hs_decode_frame        (int                    linktype,
                                     const guint8          *data,
                                     guint                  caplen,
                                     guint                  orig_len,
                                     guint32                frame,
                                     HsDefrag              *defrag,
                                     HsDecodedPacket       *out);

/* The one-line application summary ("TLS Client Hello", "GET /index.html
 * HTTP/1.1", "HTTP/1.1 200 OK") of a TCP payload, or NULL. */
char        *hs_decode_app_summary  (const guint8          *payload,
                                     gsize                  len);

/* Classifies a payload's first bytes (used by hs_decode_frame). */
HsAppTag     hs_decode_app_tag      (const guint8          *payload,
                                     gsize                  len);

/* Whether libpcap link type `linktype` is one we decode. */
gboolean     hs_decode_linktype_supported (int              linktype);

/* A short name for a link type ("Ethernet", "Linux cooked (SLL2)", ...). */
const char  *hs_decode_linktype_name (int                   linktype);

/* Format an address from HsDecodedPacket.src/dst (or an HsConnection). */
char        *hs_format_address      (guint8                 ip_version,
                                     const guint8          *addr);

/* The IP defragmenter: keeps incomplete datagrams between hs_decode_frame()
 * calls (at most 256, dropped when 100000 frames old).  Not thread-safe: one
 * per decoding thread.  hs_decode_frame() itself keeps no other state. */
HsDefrag    *hs_defrag_new          (void);
void         hs_defrag_free         (HsDefrag              *defrag);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsDefrag, hs_defrag_free)

G_END_DECLS
