/* hs-tcp-tracker.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hs-decoder.h"
#include "hs-packet-record.h"

G_BEGIN_DECLS

/* What one side of a connection negotiated and sent, as the capture shows. */
typedef struct
{
  guint8   addr[16];          /* address (IPv4 in the first 4 bytes) */
  guint16  port;
  guint8   syn_seen : 1;      /* a SYN (or SYN/ACK) from this side was captured */
  guint8   fin_seen : 1;
  guint8   rst_seen : 1;
  guint8   has_mss : 1;
  guint8   has_wscale : 1;
  guint8   sack_permitted : 1;
  guint8   has_timestamps : 1;
  guint16  mss;
  gint8    wscale;            /* shift: -1 unknown, -2 not in use, else 0..14 */
  guint8   final_state;       /* HsTcpState at the end of the capture */
  guint32  isn;               /* base sequence number (relative 0) */
  guint64  packets;
  guint64  bytes;             /* TCP payload bytes (tcp.len summed) */
  guint64  wire_bytes;        /* frame lengths summed */
} HsEndpoint;

/* One TCP connection (one Wireshark tcp.stream).  endpoint[0] is the side
 * that sent the stream's first packet (the client when the SYN is seen). */
struct _HsConnection
{
  guint32     stream;
  guint8      ip_version;
  guint8      conn_state;       /* HsConnState */
  guint8      completeness;     /* Wireshark tcp.completeness bits: after
                                 * hs_tcp_tracker_finish() the value tshark -2
                                 * and the GUI show on the stream's last
                                 * segment, before it the single-pass value */
  guint8      rst_by;           /* 0: none, 1: endpoint 0, 2: endpoint 1 */
  HsEndpoint  endpoint[2];
  guint32     first_frame;
  guint32     last_frame;
  gint64      first_ts_ns;
  gint64      last_ts_ns;
  gint64      irtt_ns;          /* initial RTT (tcp.analysis.initial_rtt), -1 unknown */
  guint32     flag_counts[HS_ANALYSIS_N_FLAGS]; /* per HsAnalysisFlags bit */
  guint32     n_packets;
  /* base-sequence changes (SYN/ACK with a new ISN, Wireshark 4.0 overwrite):
   * a packet at or after from_frame uses the new base for that direction */
  guint32     n_base_changes;
  struct {
    guint32 from_frame;
    guint32 dir;
    guint32 old_base;
  }          *base_changes;
};

HsTcpTracker        *hs_tcp_tracker_new            (void);
void                 hs_tcp_tracker_free           (HsTcpTracker          *self);

/* Process one TCP segment (pkt->status == HS_DECODE_TCP) in file order.
 * Fills the TCP/analysis fields of `rec` (stream, seq, ack, payload_len,
 * window, tcp_flags, direction, analysis, dupack_num, related_frame,
 * bytes_in_flight, win_shift, win_scale_state, states, has_sack, has_options).
 *
 * rec->analysis holds the tcp.analysis.* fields Wireshark sets, so a Fast or
 * Spurious Retransmission also carries HS_ANALYSIS_RETRANSMISSION (as the
 * display filter tcp.analysis.retransmission matches them); the Info column
 * shows only the specific label.  rec->related_frame is the dup-ACK frame
 * (tcp.analysis.duplicate_ack_frame) on a duplicate ACK, otherwise the frame
 * this segment acknowledges (tcp.analysis.acks_frame), 0 if none; the ACK
 * RTT (tcp.analysis.ack_rtt) is this segment's time minus that frame's.
 * rec->states holds both sides' inferred RFC 9293 states after the segment.
 * pkt->payload is looked at only for Wireshark's VNC heuristic, which makes
 * tshark start a new tcp.stream after an "RFB xxx.yyy\n" segment.
 * Costs O(1) amortised per segment and no allocation on the common path. */
void                 hs_tcp_tracker_add            (HsTcpTracker          *self,
                                                    guint32                frame,
                                                    gint64                 ts_ns,
                                                    guint32                orig_len,
                                                    const HsDecodedPacket *pkt,
                                                    HsPacketRecord        *rec);

/* A TCP header quoted in an ICMP or ICMPv6 error (HS_DECODE_ICMP_QUOTED):
 * not a segment, but Wireshark's TCP dissector gives it a tcp.stream when
 * at least 16 of its bytes were captured: the connection's when one was
 * seen (either way round), else a new number, whose connection has no
 * packets until a segment with those addresses and ports comes (it then
 * starts afresh).  A connection with no packets is not one to show. */
void                 hs_tcp_tracker_add_quoted     (HsTcpTracker          *self,
                                                    guint32                frame,
                                                    gint64                 ts_ns,
                                                    const HsDecodedPacket *pkt);

/* A TCP header whose segment length Wireshark cannot know (the header runs
 * past the IP payload: "Short segment"): tshark still gives it a tcp.stream
 * (with the port-reuse rules) but no analysis, and shows seq, ack and window
 * raw.  Fills the same fields as hs_tcp_tracker_add (payload_len 0, no
 * analysis, win_scale_state 1).  The caller sets rec->decode_status to a
 * value other than HS_DECODE_TCP, which makes hs_connection_relative_seq()
 * and _ack() return the raw numbers for it. */
void                 hs_tcp_tracker_add_header_only (HsTcpTracker         *self,
                                                    guint32                frame,
                                                    gint64                 ts_ns,
                                                    guint32                orig_len,
                                                    const HsDecodedPacket *pkt,
                                                    HsPacketRecord        *rec);

/* Fills conn_state and the final completeness of every connection
 * (final_state, isn and wscale of the endpoints are kept current while
 * adding).  May be called again after more segments were added (live
 * capture). */
void                 hs_tcp_tracker_finish         (HsTcpTracker          *self);
/* The same for one connection only: what a live capture calls for the
 * connections that received packets in a batch (a connection changes only
 * through its own segments), so a batch costs O(its connections). */
void                 hs_tcp_tracker_finish_stream  (HsTcpTracker          *self,
                                                    guint                  stream);

guint                hs_tcp_tracker_get_n_connections (HsTcpTracker       *self);
/* Borrowed; valid until the next hs_tcp_tracker_add() (the array grows). */
HsConnection        *hs_tcp_tracker_get_connection (HsTcpTracker          *self,
                                                    guint                  stream);

/* Hands the connection array over (n_out receives its length); the tracker
 * is empty afterwards.  Free with hs_connections_free(). */
HsConnection        *hs_tcp_tracker_steal_connections (HsTcpTracker       *self,
                                                    guint                 *n_out);
void                 hs_connections_free           (HsConnection          *conns,
                                                    guint                  n);

/* Relative sequence / acknowledgement numbers of a record, as Wireshark
 * shows them (base of the sender for seq, of the receiver for ack; when the
 * ACK flag is not set, the raw acknowledgement number as Wireshark does).
 * `frame` is the record's frame number: a SYN/ACK with a new ISN changes a
 * base from its frame on (conn->base_changes), as tshark's single pass does. */
guint32              hs_connection_relative_seq    (const HsConnection    *conn,
                                                    guint32                frame,
                                                    const HsPacketRecord  *rec);
guint32              hs_connection_relative_ack    (const HsConnection    *conn,
                                                    guint32                frame,
                                                    const HsPacketRecord  *rec);

/* "10.0.0.1:443", "[2001:db8::1]:443": one side of a connection. */
char                *hs_connection_dup_endpoint    (const HsConnection    *conn,
                                                    guint                  side);

const char          *hs_tcp_state_to_string        (HsTcpState             state);
const char          *hs_conn_state_to_string       (HsConnState            state);
/* A plain-language description, translated ("Closed normally (FIN both ways)"). */
const char          *hs_conn_state_describe        (HsConnState            state);
/* Wireshark field name of one HsAnalysisFlags bit ("duplicate_ack"). */
const char          *hs_analysis_flag_name         (HsAnalysisFlags        flag);
/* Wireshark's Info-column text of one flag ("TCP Dup ACK"), translated. */
const char          *hs_analysis_flag_label        (HsAnalysisFlags        flag);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsTcpTracker, hs_tcp_tracker_free)

G_END_DECLS
