/* hs-packet-record.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hs-types.h"

G_BEGIN_DECLS

#define HS_NO_STREAM G_MAXUINT32
#define HS_NO_FRAME  0

/* One packet of a capture, packed: 56 bytes.  The packet bytes are not
 * kept: they are read back from the file by offset when needed. */
struct _HsPacketRecord
{
  gint64   ts_ns;            /* capture time, nanoseconds since the epoch */
  guint64  offset : 48;      /* byte offset of the record (block) in the file */
  guint64  iface : 16;       /* interface index (pcapng IDB), 0 for pcap */
  guint32  stream;           /* tcp.stream, HS_NO_STREAM if not an analysed TCP segment */
  guint32  seq;              /* raw sequence number */
  guint32  ack;              /* raw acknowledgement number */
  guint32  payload_len;      /* tcp.len: from the IP length, not the captured length */
  guint32  related_frame;    /* dup ACK: the frame it duplicates; else the frame this ACK
                              * acknowledges (tcp.analysis.acks_frame); 0 if none */
  union
  {
    guint32 bytes_in_flight; /* tcp.analysis.bytes_in_flight, 0 if not reported */
    guint32 dupack_num;      /* tcp.analysis.duplicate_ack_num on duplicate ACKs, which
                              * carry no payload and so never have bytes in flight;
                              * read both through the accessors below */
  };
  guint16  orig_len;         /* length on the wire; G_MAXUINT16 for 65535 and more:
                              * then hs_capture_get_orig_len() has it */
  guint16  window;           /* raw 16-bit window */
  guint16  tcp_flags : 9;    /* HsTcpFlags */
  guint16  direction : 1;    /* 0: from the connection's first sender (client), 1: reverse */
  guint16  has_sack : 1;     /* carries SACK blocks */
  guint16  has_options : 1;  /* carries TCP options */
  guint16  win_shift : 4;    /* window scale shift that applies (see win_scale_state) */
  guint16  analysis;         /* HsAnalysisFlags */
  guint8   decode_status : 3;    /* HsDecodeStatus */
  guint8   win_scale_state : 2;  /* 0: shift applies, 1: unknown (-1), 2: not used (-2),
                                  * 3: SYN packet, never scaled */
  guint8   is_ipv6 : 1;
  guint8   unused : 2;
  guint8   problems;         /* HsPacketProblems */
  guint8   app;              /* HsAppTag */
  guint8   states;           /* low nibble: sender's HsTcpState after this packet,
                              * high nibble: receiver's */
  guint32  dupack_acks_frame; /* dup ACK: the frame it acknowledges all the same
                               * (tcp.analysis.acks_frame: a keep-alive's or a
                               * retransmission's, say), 0 if none; read through
                               * hs_packet_record_acks_frame() */
} __attribute__ ((packed, aligned (4)));

G_STATIC_ASSERT (sizeof (HsPacketRecord) == 56);

/* tcp.analysis.acks_frame: the frame this ACK acknowledges, 0 if none
 * (a duplicate ACK may acknowledge one too). */
static inline guint32
hs_packet_record_acks_frame (const HsPacketRecord *r)
{
  return (r->analysis & HS_ANALYSIS_DUPLICATE_ACK) ? r->dupack_acks_frame : r->related_frame;
}

/* tcp.analysis.duplicate_ack_frame: the frame a duplicate ACK duplicates,
 * 0 if it is not one. */
static inline guint32
hs_packet_record_dupack_frame (const HsPacketRecord *r)
{
  return (r->analysis & HS_ANALYSIS_DUPLICATE_ACK) ? r->related_frame : HS_NO_FRAME;
}

static inline guint32
hs_packet_record_dupack_num (const HsPacketRecord *r)
{
  return (r->analysis & HS_ANALYSIS_DUPLICATE_ACK) ? r->dupack_num : 0;
}

static inline guint32
hs_packet_record_bytes_in_flight (const HsPacketRecord *r)
{
  return (r->analysis & HS_ANALYSIS_DUPLICATE_ACK) ? 0 : r->bytes_in_flight;
}

static inline guint32
hs_packet_record_window (const HsPacketRecord *r)
{
  if (r->win_scale_state == 0)
    return (guint32)r->window << r->win_shift;
  return r->window;
}

/* A TCP header whose data offset is below 20 bytes: only the ports, the
 * sequence number and the length can be trusted (Wireshark shows no
 * acknowledgement number, window or analysis for it). */
static inline gboolean
hs_packet_record_header_bogus (const HsPacketRecord *r)
{
  return (r->problems & HS_PROBLEM_BAD_HEADER_LENGTH) && r->decode_status == HS_DECODE_TCP;
}

static inline HsTcpState
hs_packet_record_sender_state (const HsPacketRecord *r)
{
  return (HsTcpState)(r->states & 0x0f);
}

static inline HsTcpState
hs_packet_record_receiver_state (const HsPacketRecord *r)
{
  return (HsTcpState)(r->states >> 4);
}

G_END_DECLS
