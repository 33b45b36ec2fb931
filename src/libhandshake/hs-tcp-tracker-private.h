/* hs-tcp-tracker-private.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hs-tcp-tracker.h"

G_BEGIN_DECLS

/* Wireshark's TCP_MAX_UNACKED_SEGMENTS */
#define HS_MAX_UNACKED       10000
/* Measured: 4.0 keeps only the first three SACK blocks of an ACK for bytes
 * in flight (a fourth block is not subtracted). */
#define HS_MAX_SACK_STORED   3
/* Out-of-order threshold without an iRTT, and the fast retransmission window */
#define HS_OOO_DEFAULT_NS    G_GINT64_CONSTANT (3000000)
#define HS_FAST_RETRANS_NS   G_GINT64_CONSTANT (20000000)
/* The fast paths of the unACKed list only handle numbers this close */
#define HS_SEQ_NEAR          0x40000000u

/* Sequence comparisons, literally as Wireshark writes them (a difference of
 * exactly 2^31 is both "greater" and "less"). */
#define GT_SEQ(x, y) ((gint32)((guint32)(y) - (guint32)(x)) < 0)
#define LT_SEQ(x, y) ((gint32)((guint32)(x) - (guint32)(y)) < 0)
#define GE_SEQ(x, y) ((gint32)((guint32)(y) - (guint32)(x)) <= 0)
#define LE_SEQ(x, y) ((gint32)((guint32)(x) - (guint32)(y)) <= 0)

/* One segment not yet acknowledged (the ACK RTT is the time between its
 * frame and the acknowledging one, so no time is kept) */
typedef struct
{
  guint32 frame;
  guint32 seq;
  guint32 end;           /* seq + len, + 1 for SYN or FIN */
} HsUnacked;

/* Segments not yet acknowledged, eldest first, in a ring buffer.  Wireshark
 * walks the whole list for every ACK and every bytes-in-flight figure; to
 * stay O(1) per segment in the common cases we keep:
 * - `compact`: every seq and end lies in [lo, hi] with hi - lo < HS_SEQ_NEAR,
 *   so sequence comparisons among them are a total order;
 * - `sorted` (implies compact): seq and end never decrease from eldest to
 *   newest, so an ACK removes a prefix and trims the next few;
 * - the relative extremes for bytes in flight, kept up to date while
 *   segments are only added (a one-sided capture never removes any).
 * Anything else falls back to Wireshark's walk over every segment. */
typedef struct
{
  HsUnacked *items;
  guint      cap;
  guint      head;
  guint      len;
  guint32    lo;          /* lowest seq, when compact */
  guint32    hi;          /* highest end, when compact */
  guint32    rel_base;    /* base of rel_min and rel_max */
  guint32    rel_min;     /* lowest seq - rel_base (unsigned) */
  guint32    rel_max;     /* highest end - rel_base (unsigned) */
  guint      sorted : 1;
  guint      compact : 1;
  guint      rel_valid : 1;
} HsUnackedList;

/* What one side did, for the RFC 9293 state inference. */
typedef struct
{
  guint   seen : 1;
  guint   sent_syn : 1;
  guint   sent_synack : 1;
  guint   sent_other : 1;        /* a segment with neither SYN nor RST */
  guint   sent_nonsyn_ack : 1;   /* a segment without SYN, with ACK */
  guint   syn_acked : 1;         /* the peer acknowledged this side's SYN */
  guint   fin_sent : 1;
  guint   fin_acked : 1;         /* the peer acknowledged this side's FIN */
  guint   active_close : 1;      /* this side's FIN did not acknowledge a FIN */
  guint   rst_sent : 1;
  guint   rst_got : 1;
  guint32 syn_seq;
  guint32 fin_seq;               /* the sequence number the FIN occupies */
} HsSide;

/* One direction: Wireshark's tcp_flow_t and tcp_analyze_seq_flow_info_t. */
typedef struct
{
  HsUnackedList unacked;
  guint32       base_seq;
  guint32       nextseq;
  guint32       maxseqtobeacked;
  guint32       lastack;
  guint32       window;          /* raw window of the last segment */
  guint32       lastnondupack;
  guint32       dupacknum;       /* unsigned as in Wireshark: G_MAXUINT32 is its -1 */
  gint64        nextseq_ts;
  gint64        lastack_ts;
  guint32       sack_left[HS_MAX_SACK_STORED];
  guint32       sack_right[HS_MAX_SACK_STORED];
  guint8        n_sack;
  gint8         win_scale;       /* -1 unknown, -2 not used */
  guint16       lastsegmentflags;
  guint8        mp_operations;   /* the conversation's mask at this side's last segment */
  guint         base_set : 1;
  guint         valid_bif : 1;
  guint         is_first_ack : 1;
  HsSide        side;
} HsFlow;

/* The unordered address/port pair of a conversation, 40 bytes, no holes. */
typedef struct
{
  guint8  addr[2][16];
  guint16 port[2];
  guint8  ip_version;
  guint8  pad[3];
} HsConnKey;

G_STATIC_ASSERT (sizeof (HsConnKey) == 40);

/* Following a SOCKS handshake (_hs_tcp_socks_step) on its port */
#define HS_SOCKS_PORT 1080

typedef enum
{
  HS_SOCKS_NONE = 0,    /* not a SOCKS connection (or no longer followed) */
  HS_SOCKS_START,       /* port 1080: the client's first bytes are awaited */
  HS_SOCKS_V5_METHOD,   /* the proxy's choice of method */
  HS_SOCKS_V5_AUTH,     /* username and password, then the proxy's answer */
  HS_SOCKS_V5_REQUEST,  /* the client's request */
  HS_SOCKS_V5_REPLY,    /* the proxy's reply */
  HS_SOCKS_V4_REPLY,
  HS_SOCKS_DONE,        /* proxied bytes next */
  HS_SOCKS_PROXIED,     /* the extra stream number was taken */
} HsSocksState;

typedef struct
{
  HsConnKey key;
  HsFlow    flow[2];
  gint64    ts_mru_syn;      /* 0: no pure SYN seen (as Wireshark) */
  gint64    ts_first_rtt;    /* 0: unknown (as Wireshark) */
  guint8    first_bits;      /* completeness bits of the first segment */
  guint8    mp_operations;   /* MPTCP option kinds seen so far (bit mask) */
  guint     has_mptcp : 1;   /* Wireshark's tcpd->mptcp_analysis exists */
  guint     first_was_synack : 1;
  guint     app_conversation : 1; /* a heuristic dissector took it (VNC) */
  guint     detached : 1;    /* the next segment starts a new stream */
  guint     placeholder : 1; /* a stream number with no segment yet: taken by a
                              * TCP header quoted in an ICMP error (its first
                              * segment starts it afresh), or by SOCKS (never
                              * found) */
  guint8    socks;           /* HsSocksState */
  guint8    socks_client;    /* the direction of the SOCKS client */
} HsTrack;

typedef struct
{
  guint32 hash;
  guint32 index1;            /* connection index + 1, 0 for an empty slot */
} HsSlot;

struct _HsTcpTracker
{
  HsConnection *conns;
  HsTrack      *tracks;
  guint         n_conns;
  guint         cap_conns;
  HsSlot       *slots;
  guint         n_slots;     /* a power of two */
  guint         n_used;
};

/* What the checks of one segment found. */
typedef struct
{
  guint16 flags;
  guint32 dupack_num;
  guint32 dupack_frame;
  guint32 acks_frame;
  guint32 bytes_in_flight;
} HsVerdict;

/* hs-tcp-tracker-unacked.c */
void    _hs_tcp_unacked_clear (HsUnackedList *l);
void    _hs_tcp_unacked_push  (HsUnackedList *l,
                               guint32        frame,
                               guint32        seq,
                               guint32        end);
/* Applies an acknowledgement number to the list, as Wireshark does for every
 * segment (ACK flag or not): segments ending at or below it go, a segment it
 * falls inside is trimmed, and the eldest segment ending exactly at it is
 * the one acknowledged.  Returns that segment's frame, or 0. */
guint32 _hs_tcp_unacked_ack   (HsUnackedList *l,
                               guint32        ack);
/* Wireshark's default bytes-in-flight: highest end minus lowest start, both
 * relative to the base sequence number (unsigned). */
guint32 _hs_tcp_unacked_span  (HsUnackedList *l,
                               guint32        base);

/* hs-tcp-tracker-analysis.c */
/* Wireshark's VNC heuristic (packet-vnc.c, test_vnc_protocol) creates a new
 * conversation on the same addresses and ports when a 12-byte payload looks
 * like an RFB version message ("RFB xxx.yyy\n").  The TCP dissector then
 * finds that conversation for the following segments and gives them a new
 * tcp.stream with fresh analysis state.  Plainly an artefact, but tshark
 * 4.0 does it, so we do it too (measured on vnc.pcap). */
gboolean _hs_tcp_socks_step           (HsTrack               *track,
                                       gboolean               from_client,
                                       const HsDecodedPacket *pkt,
                                       guint16                analysis);
gboolean _hs_tcp_vnc_heuristic_splits (const HsDecodedPacket *pkt,
                                       guint16                analysis);
void     _hs_tcp_analyze_segment      (HsTrack               *track,
                                       HsFlow                *fwd,
                                       HsFlow                *rev,
                                       guint32                frame,
                                       gint64                 ts_ns,
                                       const HsDecodedPacket *pkt,
                                       HsVerdict             *v);

/* hs-tcp-tracker-state.c */
HsTcpState  _hs_tcp_side_state    (const HsSide *e,
                                   const HsSide *p);
void        _hs_tcp_sides_update  (HsSide  *s,
                                   HsSide  *r,
                                   guint16  flags,
                                   guint32  seq,
                                   guint32  ack,
                                   guint32  seglen);
/* Zeek's conn_state() (base/protocols/conn/main.zeek) over our endpoint
 * summaries. */
HsConnState _hs_tcp_conn_state_of (const HsConnection *conn,
                                   const HsTrack      *track);

G_END_DECLS
