/* hs-types.h
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

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TCP header flag bits, as on the wire (the 9 low bits of byte 12-13). */
typedef enum
{
  HS_TCP_FIN = 1 << 0,
  HS_TCP_SYN = 1 << 1,
  HS_TCP_RST = 1 << 2,
  HS_TCP_PSH = 1 << 3,
  HS_TCP_ACK = 1 << 4,
  HS_TCP_URG = 1 << 5,
  HS_TCP_ECE = 1 << 6,
  HS_TCP_CWR = 1 << 7,
  HS_TCP_AE  = 1 << 8,
} HsTcpFlags;

/* Wireshark's tcp.analysis.* flags.  The bit order is the alphabetical order
 * of their Wireshark field names, which is also the order the CLI prints. */
typedef enum
{
  HS_ANALYSIS_ACK_LOST_SEGMENT        = 1 << 0,
  HS_ANALYSIS_DUPLICATE_ACK           = 1 << 1,
  HS_ANALYSIS_FAST_RETRANSMISSION     = 1 << 2,
  HS_ANALYSIS_KEEP_ALIVE              = 1 << 3,
  HS_ANALYSIS_KEEP_ALIVE_ACK          = 1 << 4,
  HS_ANALYSIS_LOST_SEGMENT            = 1 << 5,
  HS_ANALYSIS_OUT_OF_ORDER            = 1 << 6,
  HS_ANALYSIS_RETRANSMISSION          = 1 << 7,
  HS_ANALYSIS_REUSED_PORTS            = 1 << 8,
  HS_ANALYSIS_SPURIOUS_RETRANSMISSION = 1 << 9,
  HS_ANALYSIS_WINDOW_FULL             = 1 << 10,
  HS_ANALYSIS_WINDOW_UPDATE           = 1 << 11,
  HS_ANALYSIS_ZERO_WINDOW             = 1 << 12,
  HS_ANALYSIS_ZERO_WINDOW_PROBE       = 1 << 13,
  HS_ANALYSIS_ZERO_WINDOW_PROBE_ACK   = 1 << 14,
} HsAnalysisFlags;

#define HS_ANALYSIS_N_FLAGS 15

/* How far the decoder got with one frame. */
typedef enum
{
  HS_DECODE_TCP = 0,          /* a TCP segment, analysed */
  HS_DECODE_NOT_TCP,          /* decoded, but not TCP (UDP, ARP, ICMP, ...) */
  HS_DECODE_FRAGMENT,         /* an IP fragment that does not complete a TCP segment */
  HS_DECODE_ICMP_QUOTED,      /* TCP header quoted inside an ICMP error: not a segment */
  HS_DECODE_UNSUPPORTED_LINK, /* link type we do not decode; kept and listed */
  HS_DECODE_MALFORMED,        /* a header is truncated or inconsistent */
} HsDecodeStatus;

/* Extra per-packet problem bits (HsPacketRecord.problems). */
typedef enum
{
  HS_PROBLEM_SNAPLEN_TRUNCATED = 1 << 0, /* captured length < original length */
  HS_PROBLEM_BAD_TCP_OPTION    = 1 << 1, /* malformed TCP option */
  HS_PROBLEM_BAD_HEADER_LENGTH = 1 << 2, /* TCP data offset < 5 or beyond the IP payload */
  HS_PROBLEM_BAD_IP_LENGTH     = 1 << 3, /* IP total length inconsistent with the frame */
} HsPacketProblems;

/* A one-line application-layer tag, the summary text is built on demand. */
typedef enum
{
  HS_APP_NONE = 0,
  HS_APP_TLS_CLIENT_HELLO,
  HS_APP_TLS_SERVER_HELLO,
  HS_APP_TLS_HANDSHAKE,          /* other handshake messages (Certificate, Finished, ...) */
  HS_APP_TLS_CHANGE_CIPHER_SPEC,
  HS_APP_TLS_APPLICATION_DATA,
  HS_APP_TLS_ALERT,
  HS_APP_TLS_OTHER,
  HS_APP_HTTP_REQUEST,
  HS_APP_HTTP_RESPONSE,
} HsAppTag;

/* RFC 9293 connection states, as inferred from the capture.  A RST leaves
 * a side CLOSED (or LISTEN, for a passively opened side reset in
 * SYN-RECEIVED); "reset" is how it got there, not a state. */
typedef enum
{
  HS_TCP_STATE_UNKNOWN = 0,   /* nothing seen yet from this side (mid-stream) */
  HS_TCP_STATE_CLOSED,
  HS_TCP_STATE_LISTEN,
  HS_TCP_STATE_SYN_SENT,
  HS_TCP_STATE_SYN_RECEIVED,
  HS_TCP_STATE_ESTABLISHED,
  HS_TCP_STATE_FIN_WAIT_1,
  HS_TCP_STATE_FIN_WAIT_2,
  HS_TCP_STATE_CLOSING,
  HS_TCP_STATE_TIME_WAIT,
  HS_TCP_STATE_CLOSE_WAIT,
  HS_TCP_STATE_LAST_ACK,
} HsTcpState;

/* How a connection ended, in Zeek's conn_state vocabulary. */
typedef enum
{
  HS_CONN_OTH = 0,  /* no SYN seen: picked up mid-stream */
  HS_CONN_S0,       /* SYN seen, no reply */
  HS_CONN_S1,       /* established, not closed */
  HS_CONN_SF,       /* established and closed normally (FIN both ways) */
  HS_CONN_REJ,      /* SYN answered by RST */
  HS_CONN_S2,       /* established, originator sent FIN, no FIN from responder */
  HS_CONN_S3,       /* established, responder sent FIN, no FIN from originator */
  HS_CONN_RSTO,     /* established, originator aborted with RST */
  HS_CONN_RSTR,     /* established, responder aborted with RST */
  HS_CONN_RSTOS0,   /* originator sent SYN then RST, no SYN-ACK */
  HS_CONN_RSTRH,    /* responder sent SYN-ACK then RST, no SYN seen */
  HS_CONN_SH,       /* originator sent SYN then FIN, no SYN-ACK */
  HS_CONN_SHR,      /* responder sent SYN-ACK then FIN, no SYN seen */
} HsConnState;

typedef struct _HsCapture        HsCapture;
typedef struct _HsConnection     HsConnection;
typedef struct _HsDecodedPacket  HsDecodedPacket;
typedef struct _HsDefrag         HsDefrag;
typedef struct _HsPacketRecord   HsPacketRecord;
typedef struct _HsTcpTracker     HsTcpTracker;

G_END_DECLS
