/* hs-tcp-tracker.c
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

/* The TCP state tracker: one pass over the segments in file order, with the
 * per-direction state and the checks of Wireshark 4.0's TCP analysis (see
 * ../shared/design/TCP-ANALYSIS.md for the rules and their order).  Where the
 * stored Wireshark source and tshark 4.0.17 disagree, tshark wins; those
 * places are marked "measured" below.
 *
 * Beyond Wireshark, every side gets an RFC 9293 state inferred from what the
 * capture shows, and every connection a Zeek-style conn_state at the end. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hs-tcp-tracker.h"

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

/* ------------------------------------------------------------------------ */
/* The unACKed segment list                                                  */

static inline HsUnacked *
unacked_at (HsUnackedList *l,
            guint          i)
{
  g_assert (l != NULL);
  g_assert (i < l->cap);

  return &l->items[(l->head + i) & (l->cap - 1)];
}

static void
unacked_clear (HsUnackedList *l)
{
  g_clear_pointer (&l->items, g_free);
  memset (l, 0, sizeof *l);
}

/* Recomputes lo, hi, compact and sorted after segments went away. */
static void
unacked_rescan (HsUnackedList *l)
{
  guint i;

  l->rel_valid = FALSE;
  if (l->len == 0)
    {
      l->head = 0;
      l->compact = FALSE;
      l->sorted = FALSE;
      return;
    }

  l->lo = unacked_at (l, 0)->seq;
  l->hi = unacked_at (l, 0)->end;
  l->compact = (guint32)(l->hi - l->lo) < HS_SEQ_NEAR;
  l->sorted = l->compact;

  for (i = 1; i < l->len && l->compact; i++)
    {
      const HsUnacked *prev = unacked_at (l, i - 1);
      const HsUnacked *u = unacked_at (l, i);
      guint32 lo = LT_SEQ (u->seq, l->lo) ? u->seq : l->lo;
      guint32 hi = GT_SEQ (u->end, l->hi) ? u->end : l->hi;

      l->compact = (guint32)(hi - lo) < HS_SEQ_NEAR &&
                   (guint32)(u->seq - lo) < HS_SEQ_NEAR &&
                   (guint32)(u->end - lo) < HS_SEQ_NEAR &&
                   (guint32)(l->lo - lo) < HS_SEQ_NEAR &&
                   (guint32)(l->hi - lo) < HS_SEQ_NEAR;
      l->lo = lo;
      l->hi = hi;
      l->sorted = l->sorted && l->compact &&
                  LE_SEQ (prev->seq, u->seq) &&
                  LE_SEQ (prev->end, u->end);
    }
  if (!l->compact)
    l->sorted = FALSE;
}

static void
unacked_push (HsUnackedList *l,
              guint32        frame,
              guint32        seq,
              guint32        end)
{
  HsUnacked *u;

  g_assert (l != NULL);

  if (l->len == l->cap)
    {
      guint new_cap = l->cap ? l->cap * 2 : 4;
      HsUnacked *items = g_new (HsUnacked, new_cap);
      guint i;

      for (i = 0; i < l->len; i++)
        items[i] = *unacked_at (l, i);
      g_free (l->items);
      l->items = items;
      l->cap = new_cap;
      l->head = 0;
    }

  if (l->len == 0)
    {
      l->lo = seq;
      l->hi = end;
      l->compact = (guint32)(end - seq) < HS_SEQ_NEAR;
      l->sorted = l->compact;
      l->rel_valid = FALSE;
    }
  else
    {
      const HsUnacked *last = unacked_at (l, l->len - 1);

      if (l->compact)
        {
          guint32 lo = LT_SEQ (seq, l->lo) ? seq : l->lo;
          guint32 hi = GT_SEQ (end, l->hi) ? end : l->hi;

          l->compact = (guint32)(hi - lo) < HS_SEQ_NEAR &&
                       (guint32)(seq - lo) < HS_SEQ_NEAR &&
                       (guint32)(end - lo) < HS_SEQ_NEAR &&
                       (guint32)(l->lo - lo) < HS_SEQ_NEAR &&
                       (guint32)(l->hi - lo) < HS_SEQ_NEAR;
          l->lo = lo;
          l->hi = hi;
        }
      l->sorted = l->sorted && l->compact &&
                  LE_SEQ (last->seq, seq) &&
                  LE_SEQ (last->end, end);

      if (l->rel_valid)
        {
          if (seq - l->rel_base < l->rel_min)
            l->rel_min = seq - l->rel_base;
          if (end - l->rel_base > l->rel_max)
            l->rel_max = end - l->rel_base;
        }
    }

  u = unacked_at (l, l->len);
  u->frame = frame;
  u->seq = seq;
  u->end = end;
  l->len++;
}

/* Applies an acknowledgement number to the list, as Wireshark does for every
 * segment (ACK flag or not): segments ending at or below it go, a segment it
 * falls inside is trimmed, and the eldest segment ending exactly at it is
 * the one acknowledged.  Returns that segment's frame, or 0. */
static guint32
unacked_ack (HsUnackedList *l,
             guint32        ack)
{
  guint32 acked_frame = 0;
  guint i;
  guint w;

  g_assert (l != NULL);

  if (l->len == 0)
    return 0;

  /* Within HS_SEQ_NEAR of the data, comparisons with the ACK are monotonic */
  if (l->compact && (guint32)(ack - l->lo + HS_SEQ_NEAR) < 2 * HS_SEQ_NEAR)
    {
      /* at or below every segment: nothing to do (duplicate ACKs) */
      if (LE_SEQ (ack, l->lo))
        return 0;

      if (l->sorted)
        {
          while (l->len > 0)
            {
              HsUnacked *u = unacked_at (l, 0);

              if (!LE_SEQ (u->end, ack))
                break;
              if (u->end == ack && acked_frame == 0)
                acked_frame = u->frame;
              l->head = (l->head + 1) & (l->cap - 1);
              l->len--;
            }
          for (i = 0; i < l->len; i++)
            {
              HsUnacked *u = unacked_at (l, i);

              if (!GT_SEQ (ack, u->seq))
                break;
              u->seq = ack;
            }
          l->rel_valid = FALSE;
          if (l->len == 0)
            {
              l->head = 0;
              l->compact = FALSE;
              l->sorted = FALSE;
            }
          else
            {
              /* sorted: the extremes are at the two ends */
              l->lo = unacked_at (l, 0)->seq;
              l->hi = unacked_at (l, l->len - 1)->end;
            }
          return acked_frame;
        }
    }

  /* General case, Wireshark's walk: every segment on its own, in order */
  w = 0;
  for (i = 0; i < l->len; i++)
    {
      HsUnacked u = *unacked_at (l, i);

      if (ack == u.end)
        {
          if (acked_frame == 0)
            acked_frame = u.frame;
          continue;
        }
      else if (GT_SEQ (ack, u.seq) && LE_SEQ (ack, u.end))
        {
          u.seq = ack;
        }
      else if (!GT_SEQ (u.end, ack))
        {
          continue;
        }
      *unacked_at (l, w++) = u;
    }
  l->len = w;
  unacked_rescan (l);

  return acked_frame;
}

/* Wireshark's default bytes-in-flight: highest end minus lowest start, both
 * relative to the base sequence number (unsigned). */
static guint32
unacked_span (HsUnackedList *l,
              guint32        base)
{
  guint i;

  /* no wrap of the relative numbers between the two extremes */
  if (l->compact && l->lo - base <= l->hi - base)
    return l->hi - l->lo;

  if (!l->rel_valid || l->rel_base != base)
    {
      l->rel_base = base;
      l->rel_min = unacked_at (l, 0)->seq - base;
      l->rel_max = unacked_at (l, 0)->end - base;
      for (i = 1; i < l->len; i++)
        {
          const HsUnacked *u = unacked_at (l, i);

          if (u->end - base > l->rel_max)
            l->rel_max = u->end - base;
          if (u->seq - base < l->rel_min)
            l->rel_min = u->seq - base;
        }
      l->rel_valid = TRUE;
    }

  return l->rel_max - l->rel_min;
}

/* ------------------------------------------------------------------------ */
/* Conversation table                                                        */

static guint32
key_hash (const HsConnKey *key)
{
  guint64 w[5];
  guint64 h = G_GUINT64_CONSTANT (0x243f6a8885a308d3);
  guint i;

  memcpy (w, key, sizeof w);
  for (i = 0; i < G_N_ELEMENTS (w); i++)
    {
      h ^= w[i];
      h *= G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
      h ^= h >> 29;
    }

  return (guint32)(h ^ (h >> 32));
}

/* Fills the canonical key of a segment's address/port pair. */
static void
key_from_packet (const HsDecodedPacket *pkt,
                 HsConnKey             *key)
{
  guint alen = pkt->ip_version == 6 ? 16 : 4;
  int cmp;

  g_assert (pkt != NULL);
  g_assert (key != NULL);

  memset (key, 0, sizeof *key);
  key->ip_version = pkt->ip_version;

  cmp = memcmp (pkt->src, pkt->dst, alen);
  if (cmp == 0)
    cmp = (int)pkt->sport - (int)pkt->dport;

  if (cmp <= 0)
    {
      memcpy (key->addr[0], pkt->src, alen);
      memcpy (key->addr[1], pkt->dst, alen);
      key->port[0] = pkt->sport;
      key->port[1] = pkt->dport;
    }
  else
    {
      memcpy (key->addr[0], pkt->dst, alen);
      memcpy (key->addr[1], pkt->src, alen);
      key->port[0] = pkt->dport;
      key->port[1] = pkt->sport;
    }
}

/* Returns the slot holding `key`, or the empty slot where it belongs. */
static HsSlot *
table_lookup (HsTcpTracker    *self,
              const HsConnKey *key,
              guint32          hash)
{
  guint mask = self->n_slots - 1;
  guint i = hash & mask;

  g_assert (self != NULL);
  g_assert (key != NULL);
  g_assert (self->n_slots > 0);

  for (;;)
    {
      HsSlot *slot = &self->slots[i];

      if (slot->index1 == 0)
        return slot;
      if (slot->hash == hash &&
          memcmp (&self->tracks[slot->index1 - 1].key, key, sizeof *key) == 0)
        return slot;
      i = (i + 1) & mask;
    }
}

static void
table_grow (HsTcpTracker *self)
{
  HsSlot *old = self->slots;
  guint n_old = self->n_slots;
  guint i;

  g_assert (self != NULL);

  self->n_slots = n_old ? n_old * 2 : 1024;
  self->slots = g_new0 (HsSlot, self->n_slots);

  for (i = 0; i < n_old; i++)
    {
      guint mask = self->n_slots - 1;
      guint j;

      if (old[i].index1 == 0)
        continue;
      j = old[i].hash & mask;
      while (self->slots[j].index1 != 0)
        j = (j + 1) & mask;
      self->slots[j] = old[i];
    }

  g_free (old);
}

static void
flow_init (HsFlow *flow)
{
  memset (flow, 0, sizeof *flow);
  flow->window = G_MAXUINT32;
  flow->win_scale = -1;
  flow->valid_bif = TRUE;
}

/* Appends a new conversation (the next tcp.stream) whose first sender is the
 * source of `pkt`. */
static guint
tracker_new_connection (HsTcpTracker          *self,
                        const HsConnKey       *key,
                        const HsDecodedPacket *pkt,
                        guint32                frame,
                        gint64                 ts_ns)
{
  HsConnection *conn;
  HsTrack *track;
  guint alen = pkt->ip_version == 6 ? 16 : 4;
  guint idx;

  if (self->n_conns == self->cap_conns)
    {
      self->cap_conns = self->cap_conns ? self->cap_conns * 2 : 64;
      self->conns = g_renew (HsConnection, self->conns, self->cap_conns);
      self->tracks = g_renew (HsTrack, self->tracks, self->cap_conns);
    }

  idx = self->n_conns++;

  conn = &self->conns[idx];
  memset (conn, 0, sizeof *conn);
  conn->stream = idx;
  conn->ip_version = pkt->ip_version;
  memcpy (conn->endpoint[0].addr, pkt->src, alen);
  memcpy (conn->endpoint[1].addr, pkt->dst, alen);
  conn->endpoint[0].port = pkt->sport;
  conn->endpoint[1].port = pkt->dport;
  conn->endpoint[0].wscale = -1;
  conn->endpoint[1].wscale = -1;
  conn->first_frame = frame;
  conn->last_frame = frame;
  conn->first_ts_ns = ts_ns;
  conn->last_ts_ns = ts_ns;
  conn->irtt_ns = -1;

  track = &self->tracks[idx];
  memset (track, 0, sizeof *track);
  track->key = *key;
  flow_init (&track->flow[0]);
  flow_init (&track->flow[1]);
  track->first_was_synack =
    (pkt->flags & (HS_TCP_SYN | HS_TCP_ACK)) == (HS_TCP_SYN | HS_TCP_ACK);

  return idx;
}

/* Which endpoint sent `pkt`: 0 for the conversation's first sender. */
static guint
sender_direction (const HsConnection    *conn,
                  const HsDecodedPacket *pkt)
{
  guint alen = pkt->ip_version == 6 ? 16 : 4;

  g_assert (conn != NULL);
  g_assert (pkt != NULL);

  if (conn->endpoint[0].port == pkt->sport &&
      memcmp (conn->endpoint[0].addr, pkt->src, alen) == 0)
    return 0;

  return 1;
}

/* The TCP ports tshark 4.0.17 hands to a port-based dissector ("tshark -G
 * decodes", tcp.port): those dissectors get the payload before any
 * heuristic does. */
static const guint16 ws_registered_ports[] = {
      0,     7,    13,    19,    20,    21,    22,    23,    25,    37,    42,    43,
     49,    53,    70,    79,    80,    88,   102,   104,   110,   111,   119,   123,
    139,   143,   161,   162,   179,   199,   210,   323,   324,   389,   427,   443,
    445,   464,   465,   473,   500,   502,   512,   513,   514,   515,   524,   547,
    548,   554,   564,   587,   631,   636,   639,   646,   647,   674,   705,   802,
    829,   853,   854,   862,   873,   925,   988,   993,   995,  1080,  1090,  1099,
   1102,  1153,  1194,  1213,  1300,  1344,  1433,  1521,  1533,  1547,  1723,  1755,
   1861,  1863,  1883,  1900,  1935,  1978,  1979,  1998,  2000,  2001,  2065,  2099,
   2123,  2126,  2152,  2190,  2221,  2234,  2240,  2269,  2321,  2322,  2345,  2401,
   2404,  2424,  2427,  2433,  2443,  2501,  2502,  2571,  2575,  2600,  2710,  2727,
   2812,  2855,  2869,  2944,  2945,  3002,  3003,  3006,  3014,  3016,  3017,  3018,
   3019,  3050,  3128,  3132,  3205,  3245,  3246,  3247,  3248,  3249,  3250,  3251,
   3252,  3268,  3288,  3306,  3333,  3334,  3357,  3369,  3386,  3389,  3452,  3478,
   3496,  3567,  3632,  3671,  3689,  3724,  3804,  3860,  3863,  3868,  3918,  4002,
   4058,  4155,  4189,  4222,  4223,  4224,  4249,  4250,  4321,  4342,  4369,  4420,
   4551,  4555,  4556,  4661,  4662,  4663,  4712,  4730,  4737,  4739,  4788,  4840,
   4880,  5000,  5010,  5060,  5061,  5066,  5084,  5094,  5190,  5222,  5253,  5353,
   5432,  5445,  5500,  5501,  5534,  5555,  5671,  5672,  5683,  5684,  5701,  5721,
   5868,  5900,  5901,  5985,  5997,  6000,  6001,  6002,  6003,  6004,  6005,  6006,
   6007,  6008,  6009,  6010,  6011,  6012,  6013,  6014,  6015,  6016,  6017,  6018,
   6019,  6020,  6021,  6022,  6023,  6024,  6025,  6026,  6027,  6028,  6029,  6030,
   6031,  6032,  6033,  6034,  6035,  6036,  6037,  6038,  6039,  6040,  6041,  6042,
   6043,  6044,  6045,  6046,  6047,  6048,  6049,  6050,  6051,  6052,  6053,  6054,
   6055,  6056,  6057,  6058,  6059,  6060,  6061,  6062,  6063,  6068,  6075,  6084,
   6121,  6160,  6346,  6379,  6417,  6653,  6666,  6667,  6668,  6881,  6882,  6883,
   6884,  6885,  6886,  6887,  6888,  6889,  7000,  7075,  7171,  7172,  7236,  7275,
   7276,  7871,  7890,  7900,  7911,  7930,  8004,  8009,  8010,  8023,  8074,  8080,
   8085,  8088,  8554,  8567,  8883,  9000,  9009,  9042,  9092,  9168,  9300,  9418,
   9600,  9955,  9956,  9999, 10000, 10288, 11207, 11210, 11211, 11371, 13400, 13819,
  14001, 15740, 17500, 17755, 17756, 19006, 19042, 19043, 19506, 19543, 19999, 20000,
  20256, 21064, 22222, 24800, 27017, 29418, 30000, 30001, 30002, 30003, 30004, 30005,
  30006, 30007, 30008, 30009, 30010, 30011, 30012, 30013, 30014, 30015, 30016, 30017,
  30018, 30019, 30020, 30021, 30022, 30023, 30024, 30025, 30026, 30027, 30028, 30029,
  30030, 30031, 30032, 30033, 30034, 30035, 30036, 30037, 30038, 30039, 30040, 30041,
  30042, 30043, 30044, 30045, 30046, 30047, 30048, 30049, 30050, 30051, 30052, 30053,
  30054, 30055, 30056, 30057, 30058, 30059, 30060, 30061, 30062, 30063, 30064, 30065,
  30066, 30067, 30068, 30069, 30070, 30071, 30072, 30073, 30074, 30075, 30076, 30077,
  30078, 30079, 30080, 30081, 30082, 30083, 30084, 30085, 30086, 30087, 30088, 30089,
  30090, 30091, 30092, 30093, 30094, 30095, 30096, 30097, 30098, 30099, 30100, 30101,
  30102, 30103, 30104, 30105, 30106, 30107, 30108, 30109, 30110, 30111, 30112, 30113,
  30114, 30115, 30116, 30117, 30118, 30119, 30120, 30121, 30122, 30123, 30124, 30125,
  30126, 30127, 30128, 30129, 30130, 30131, 30132, 30133, 30134, 30135, 30136, 30137,
  30138, 30139, 30140, 30141, 30142, 30143, 30144, 30145, 30146, 30147, 30148, 30149,
  30150, 30151, 30152, 30153, 30154, 30155, 30156, 30157, 30158, 30159, 30160, 30161,
  30162, 30163, 30164, 30165, 30166, 30167, 30168, 30169, 30170, 30171, 30172, 30173,
  30174, 30175, 30176, 30177, 30178, 30179, 30180, 30181, 30182, 30183, 30184, 30185,
  30186, 30187, 30188, 30189, 30190, 30191, 30192, 30193, 30194, 30195, 30196, 30197,
  30198, 30199, 30200, 34980, 44321, 44322, 44818, 48049, 48898, 57000,
};

static gboolean
is_registered_port (guint16 port)
{
  guint lo = 0;
  guint hi = G_N_ELEMENTS (ws_registered_ports);

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (ws_registered_ports[mid] == port)
        return TRUE;
      if (ws_registered_ports[mid] < port)
        lo = mid + 1;
      else
        hi = mid;
    }

  return FALSE;
}

/* Wireshark's VNC heuristic (packet-vnc.c, test_vnc_protocol) creates a new
 * conversation on the same addresses and ports when a 12-byte payload looks
 * like an RFB version message ("RFB xxx.yyy\n").  The TCP dissector then
 * finds that conversation for the following segments and gives them a new
 * tcp.stream with fresh analysis state.  Plainly an artefact, but tshark
 * 4.0 does it, so we do it too (measured on vnc.pcap). */
static gboolean
vnc_heuristic_splits (const HsDecodedPacket *pkt,
                      guint16                analysis)
{
  const guint8 *p = pkt->payload;

  if (p == NULL || pkt->payload_captured != 12)
    return FALSE;

  /* TCP does not hand these to sub-dissectors (keep-alives go to "data";
   * tcp.no_subdissector_on_error covers plain retransmissions and
   * out-of-order segments) */
  if (analysis & (HS_ANALYSIS_KEEP_ALIVE | HS_ANALYSIS_OUT_OF_ORDER))
    return FALSE;
  if ((analysis & HS_ANALYSIS_RETRANSMISSION) &&
      !(analysis & (HS_ANALYSIS_FAST_RETRANSMISSION | HS_ANALYSIS_SPURIOUS_RETRANSMISSION)))
    return FALSE;

  if (is_registered_port (pkt->sport) || is_registered_port (pkt->dport))
    return FALSE;

  if (g_ascii_tolower (p[0]) != 'r' ||
      g_ascii_tolower (p[1]) != 'f' ||
      g_ascii_tolower (p[2]) != 'b' ||
      p[3] != ' ' ||
      p[7] != '.')
    return FALSE;

  return p[11] == '\n' || p[11] == 0;
}

/* ------------------------------------------------------------------------ */
/* RFC 9293 state inference                                                  */

static HsTcpState
side_state (const HsSide *e,
            const HsSide *p)
{
  if (!e->seen)
    return HS_TCP_STATE_UNKNOWN;

  /* RFC 9293 3.10.7.4: a RST closes the connection on both sides, except
   * that a passively opened side still in SYN-RECEIVED returns to LISTEN;
   * a side that refused a SYN with a RST never left CLOSED */
  if (e->rst_sent || e->rst_got)
    {
      if (!e->rst_sent && e->sent_synack && !e->sent_syn && !e->syn_acked && !e->sent_other)
        return HS_TCP_STATE_LISTEN;
      return HS_TCP_STATE_CLOSED;
    }

  if (e->fin_sent)
    {
      if (p->fin_sent)
        {
          if (e->active_close)
            return e->fin_acked ? HS_TCP_STATE_TIME_WAIT : HS_TCP_STATE_CLOSING;
          return e->fin_acked ? HS_TCP_STATE_CLOSED : HS_TCP_STATE_LAST_ACK;
        }
      return e->fin_acked ? HS_TCP_STATE_FIN_WAIT_2 : HS_TCP_STATE_FIN_WAIT_1;
    }

  if (p->fin_sent)
    return HS_TCP_STATE_CLOSE_WAIT;

  if (e->sent_synack)
    return (e->syn_acked || e->sent_other) ? HS_TCP_STATE_ESTABLISHED
                                           : HS_TCP_STATE_SYN_RECEIVED;

  if (e->sent_syn)
    {
      if (p->sent_synack || e->syn_acked || e->sent_nonsyn_ack)
        return HS_TCP_STATE_ESTABLISHED;
      if (p->sent_syn)
        return HS_TCP_STATE_SYN_RECEIVED;   /* simultaneous open */
      return HS_TCP_STATE_SYN_SENT;
    }

  /* picked up mid-stream: it sends, so it is connected */
  return HS_TCP_STATE_ESTABLISHED;
}

static void
sides_update (HsSide  *s,
              HsSide  *r,
              guint16  flags,
              guint32  seq,
              guint32  ack,
              guint32  seglen)
{
  if (flags & HS_TCP_SYN)
    {
      HsTcpState cur = side_state (s, r);

      /* A SYN from a side that was past the handshake starts a new
       * incarnation of the connection on the same ports (same stream in
       * Wireshark 4.0 when the ISN is reused): forget both sides. */
      if (cur != HS_TCP_STATE_UNKNOWN &&
          cur != HS_TCP_STATE_SYN_SENT &&
          cur != HS_TCP_STATE_SYN_RECEIVED &&
          !(cur == HS_TCP_STATE_ESTABLISHED && (flags & HS_TCP_ACK)))
        {
          memset (s, 0, sizeof *s);
          memset (r, 0, sizeof *r);
        }

      if (flags & HS_TCP_ACK)
        s->sent_synack = TRUE;
      else
        s->sent_syn = TRUE;
      s->syn_seq = seq;
    }

  s->seen = TRUE;
  if (!(flags & (HS_TCP_SYN | HS_TCP_RST)))
    s->sent_other = TRUE;
  if (!(flags & HS_TCP_SYN) && (flags & HS_TCP_ACK))
    s->sent_nonsyn_ack = TRUE;

  /* what the peer's SYN and FIN got acknowledged by (a RST aborts instead) */
  if ((flags & (HS_TCP_ACK | HS_TCP_RST)) == HS_TCP_ACK)
    {
      if ((r->sent_syn || r->sent_synack) && GE_SEQ (ack, r->syn_seq + 1))
        r->syn_acked = TRUE;
      if (r->fin_sent && GE_SEQ (ack, r->fin_seq + 1))
        r->fin_acked = TRUE;
    }

  if (flags & HS_TCP_FIN)
    {
      if (!s->fin_sent)
        {
          s->fin_sent = TRUE;
          s->active_close = !(r->fin_sent &&
                              (flags & HS_TCP_ACK) &&
                              GE_SEQ (ack, r->fin_seq + 1));
        }
      s->fin_seq = seq + seglen + ((flags & HS_TCP_SYN) ? 1 : 0);
    }

  if (flags & HS_TCP_RST)
    {
      s->rst_sent = TRUE;
      r->rst_got = TRUE;
    }
}

/* ------------------------------------------------------------------------ */
/* The checks, in Wireshark's order (tcp_analyze_sequence_number)            */

static void
analyze_segment (HsTrack               *track,
                 HsFlow                *fwd,
                 HsFlow                *rev,
                 guint32                frame,
                 gint64                 ts_ns,
                 const HsDecodedPacket *pkt,
                 HsVerdict             *v)
{
  guint32 seq = pkt->seq;
  guint32 ack = pkt->ack;
  guint32 seglen = pkt->payload_len;
  guint32 window = pkt->window;
  guint16 flags = pkt->flags;
  guint32 nextseq;
  guint32 acked_frame;

  g_assert (track != NULL);
  g_assert (fwd != NULL && rev != NULL);
  g_assert (pkt != NULL);
  g_assert (v != NULL);

  /* Base sequence numbers: the sender's from its first segment, the
   * receiver's from the first acknowledgement when it has none. */
  if (!fwd->base_set)
    {
      fwd->base_seq = (flags & HS_TCP_SYN) ? seq : seq - 1;
      fwd->base_set = TRUE;
    }
  if (!rev->base_set && (flags & HS_TCP_ACK))
    {
      rev->base_seq = ack - 1;
      rev->base_set = TRUE;
    }

  if (flags & HS_TCP_ACK)
    rev->valid_bif = TRUE;

  /* 1. Zero window probe: skips 2-9 */
  if (seglen == 1 && seq == fwd->nextseq && rev->window == 0)
    {
      v->flags |= HS_ANALYSIS_ZERO_WINDOW_PROBE;
      goto finished_fwd;
    }

  /* 2. Zero window */
  if (window == 0 && (flags & (HS_TCP_RST | HS_TCP_FIN | HS_TCP_SYN)) == 0)
    v->flags |= HS_ANALYSIS_ZERO_WINDOW;

  /* 3. Previous segment not captured */
  if (fwd->nextseq &&
      GT_SEQ (seq, fwd->nextseq) &&
      (flags & HS_TCP_RST) == 0)
    {
      v->flags |= HS_ANALYSIS_LOST_SEGMENT;
      /* no bytes in flight until the peer sends an ACK */
      fwd->valid_bif = FALSE;
    }

  /* 4. Keep-alive */
  if ((seglen == 0 || seglen == 1) &&
      seq == fwd->nextseq - 1 &&
      (flags & (HS_TCP_SYN | HS_TCP_FIN | HS_TCP_RST)) == 0)
    v->flags |= HS_ANALYSIS_KEEP_ALIVE;

  /* 5. Window update */
  if (seglen == 0 &&
      window != 0 &&
      window != fwd->window &&
      seq == fwd->nextseq &&
      ack == fwd->lastack &&
      (flags & (HS_TCP_SYN | HS_TCP_FIN | HS_TCP_RST)) == 0)
    v->flags |= HS_ANALYSIS_WINDOW_UPDATE;

  /* 6. Window full: exact edge of the peer's window, scaled unless the
   * peer's last window came from its SYN or SYN/ACK */
  if (seglen > 0 &&
      rev->win_scale != -1 &&
      (flags & (HS_TCP_SYN | HS_TCP_FIN | HS_TCP_RST)) == 0)
    {
      guint shift = (rev->is_first_ack || rev->win_scale == -2) ? 0 : (guint)rev->win_scale;

      if ((guint32)(seq + seglen) == (guint32)(rev->lastack + (rev->window << shift)))
        v->flags |= HS_ANALYSIS_WINDOW_FULL;
    }

  /* 7. Keep-alive ACK: skips 8-9 */
  if (seglen == 0 &&
      window != 0 &&
      window == fwd->window &&
      seq == fwd->nextseq &&
      ack == fwd->lastack &&
      (rev->lastsegmentflags & HS_ANALYSIS_KEEP_ALIVE) &&
      (flags & (HS_TCP_SYN | HS_TCP_FIN | HS_TCP_RST)) == 0)
    {
      v->flags |= HS_ANALYSIS_KEEP_ALIVE_ACK;
      goto finished_fwd;
    }

  /* 8. Zero window probe ACK: skips 9 */
  if (seglen == 0 &&
      window == 0 &&
      window == fwd->window &&
      seq == fwd->nextseq &&
      ack == fwd->lastack &&
      (rev->lastsegmentflags & HS_ANALYSIS_ZERO_WINDOW_PROBE) &&
      (flags & (HS_TCP_SYN | HS_TCP_FIN | HS_TCP_RST)) == 0)
    {
      v->flags |= HS_ANALYSIS_ZERO_WINDOW_PROBE_ACK;
      goto finished_fwd;
    }

  /* 9. Duplicate ACK */
  if (seglen == 0 &&
      window != 0 &&
      window == fwd->window &&
      seq == fwd->nextseq &&
      ack == fwd->lastack &&
      (flags & (HS_TCP_SYN | HS_TCP_FIN | HS_TCP_RST)) == 0)
    {
      /* MPTCP tolerates duplicate ACKs in some circumstances (RFC 8684
       * 4): Wireshark ignores one when a kind of MPTCP option appeared in
       * the conversation since this side's previous segment */
      if (!(track->has_mptcp && track->mp_operations != fwd->mp_operations))
        {
          if (fwd->dupacknum == G_MAXUINT32)
            fwd->dupacknum = 1;
          else
            fwd->dupacknum++;
          v->flags |= HS_ANALYSIS_DUPLICATE_ACK;
          v->dupack_num = fwd->dupacknum;
          v->dupack_frame = fwd->lastnondupack;
        }
    }

finished_fwd:
  /* 10. a new ACK value restarts the duplicate count */
  if (ack != fwd->lastack)
    {
      fwd->lastnondupack = frame;
      fwd->dupacknum = 0;
    }

  /* 11. ACKed unseen segment */
  if (rev->maxseqtobeacked &&
      GT_SEQ (ack, rev->maxseqtobeacked) &&
      (flags & HS_TCP_ACK))
    {
      /* Measured (4.0.17): when the peer's contiguous edge lags behind its
       * highest sequence number (a hole), the ACK is flagged and the edge
       * catches up; otherwise it is flagged only if the peer's dup-ACK
       * counter is 0, which is then parked at -1 so repeats stay silent.
       * (The stored 3.7 source has "edge > nextseq" here, which never
       * holds; tshark behaves as a sequence-space "edge < nextseq".) */
      if (LT_SEQ (rev->maxseqtobeacked, rev->nextseq))
        {
          rev->maxseqtobeacked = rev->nextseq;
          v->flags |= HS_ANALYSIS_ACK_LOST_SEGMENT;
        }
      else
        {
          if (rev->dupacknum == 0)
            v->flags |= HS_ANALYSIS_ACK_LOST_SEGMENT;
          rev->dupacknum = G_MAXUINT32;
        }
    }

  /* 12. The retransmission family */
  if (seglen > 0 || (flags & (HS_TCP_SYN | HS_TCP_FIN)))
    {
      gboolean not_advanced = fwd->nextseq && LT_SEQ (seq, fwd->nextseq);
      guint64 t;
      guint64 ooo_thres;

      if (v->flags & HS_ANALYSIS_KEEP_ALIVE)
        goto finished_checking;

      /* new data restarting at the byte of a probe or keep-alive */
      if (seglen > 1 && fwd->nextseq - 1 == seq)
        not_advanced = FALSE;

      if (seglen > 0 &&
          rev->lastack &&
          LE_SEQ (seq + seglen, rev->lastack))
        {
          /* also tcp.analysis.retransmission, as in Wireshark's tree */
          v->flags |= HS_ANALYSIS_SPURIOUS_RETRANSMISSION | HS_ANALYSIS_RETRANSMISSION;
          goto finished_checking;
        }

      /* tcp.fastrt_supersedes_ooo (default): Fast before Out-Of-Order.
       * Time differences are unsigned, as in Wireshark: a packet older than
       * the reference never counts as "within".  The dup-ACK counter is
       * unsigned too, so its parked -1 counts as ">= 2" (measured). */
      t = (guint64)ts_ns - (guint64)rev->lastack_ts;
      if (not_advanced &&
          rev->dupacknum >= 2 &&
          rev->lastack == seq &&
          t < (guint64)HS_FAST_RETRANS_NS)
        {
          v->flags |= HS_ANALYSIS_FAST_RETRANSMISSION | HS_ANALYSIS_RETRANSMISSION;
          goto finished_checking;
        }

      t = (guint64)ts_ns - (guint64)fwd->nextseq_ts;
      ooo_thres = track->ts_first_rtt == 0 ? (guint64)HS_OOO_DEFAULT_NS
                                           : (guint64)track->ts_first_rtt;
      if (not_advanced &&
          t < ooo_thres &&
          fwd->nextseq != seq + seglen + ((flags & (HS_TCP_SYN | HS_TCP_FIN)) ? 1 : 0))
        {
          v->flags |= HS_ANALYSIS_OUT_OF_ORDER;
          goto finished_checking;
        }

      if (not_advanced)
        v->flags |= HS_ANALYSIS_RETRANSMISSION;
    }

finished_checking:
  /* 13. State update */
  nextseq = seq + seglen;
  if ((seglen || (flags & (HS_TCP_SYN | HS_TCP_FIN))) &&
      fwd->unacked.len < HS_MAX_UNACKED)
    {
      /* SYN and FIN take one sequence number (only counted here, as in
       * Wireshark, so not once the list is full) */
      if (flags & (HS_TCP_SYN | HS_TCP_FIN))
        nextseq += 1;
      unacked_push (&fwd->unacked, frame, seq, nextseq);
    }

  if (GT_SEQ (nextseq, fwd->nextseq) || !fwd->nextseq)
    {
      if (!(v->flags & HS_ANALYSIS_ZERO_WINDOW_PROBE))
        {
          fwd->nextseq = nextseq;
          fwd->nextseq_ts = ts_ns;
        }
    }

  if (seq == fwd->maxseqtobeacked || !fwd->maxseqtobeacked)
    {
      if (!(v->flags & HS_ANALYSIS_ZERO_WINDOW_PROBE))
        fwd->maxseqtobeacked = fwd->nextseq;
    }

  fwd->window = window;
  fwd->lastack = ack;
  fwd->lastack_ts = ts_ns;
  if (track->has_mptcp)
    fwd->mp_operations = track->mp_operations;
  fwd->lastsegmentflags = v->flags;

  /* ACK matching against the peer's segments (ACK flag or not: measured) */
  acked_frame = unacked_ack (&rev->unacked, ack);
  if (acked_frame != 0)
    v->acks_frame = acked_frame;

  /* Bytes in flight (payload method) and the SACK subtraction */
  if (seglen != 0 && fwd->unacked.len > 0 && fwd->valid_bif)
    {
      guint32 in_flight = unacked_span (&fwd->unacked, fwd->base_seq);
      guint i;

      if (rev->n_sack > 0)
        {
          guint32 delivered = 0;

          for (i = 0; i < rev->n_sack; i++)
            delivered += rev->sack_right[i] - rev->sack_left[i];
          in_flight -= delivered;
        }

      if (in_flight > 0 && in_flight < 2000000000)
        {
          v->bytes_in_flight = in_flight;
          if (flags & (HS_TCP_SYN | HS_TCP_FIN))
            v->bytes_in_flight -= 1;
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Public API                                                                */

HsTcpTracker *
hs_tcp_tracker_new (void)
{
  HsTcpTracker *self = g_new0 (HsTcpTracker, 1);

  table_grow (self);

  return self;
}

static void
tracker_clear (HsTcpTracker *self,
               gboolean      free_conns)
{
  guint i;

  for (i = 0; i < self->n_conns; i++)
    {
      unacked_clear (&self->tracks[i].flow[0].unacked);
      unacked_clear (&self->tracks[i].flow[1].unacked);
    }

  if (free_conns)
    hs_connections_free (self->conns, self->n_conns);

  g_clear_pointer (&self->tracks, g_free);
  g_clear_pointer (&self->slots, g_free);
  self->conns = NULL;
  self->n_conns = 0;
  self->cap_conns = 0;
  self->n_slots = 0;
  self->n_used = 0;
}

void
hs_tcp_tracker_free (HsTcpTracker *self)
{
  if (self == NULL)
    return;

  tracker_clear (self, TRUE);
  g_free (self);
}

static void
record_base_change (HsConnection *conn,
                    guint32       frame,
                    guint         dir,
                    guint32       old_base)
{
  conn->base_changes = g_renew (__typeof__ (*conn->base_changes),
                                conn->base_changes,
                                conn->n_base_changes + 1);
  conn->base_changes[conn->n_base_changes].from_frame = frame;
  conn->base_changes[conn->n_base_changes].dir = dir;
  conn->base_changes[conn->n_base_changes].old_base = old_base;
  conn->n_base_changes++;
}

/* Finds the conversation of `pkt` (creating it, or a new one for port
 * reuse, as Wireshark 4.0 does) and returns its index; *dir_out receives
 * the sender's direction, *is_new whether the conversation was created for
 * this segment, and `flags_out` gets HS_ANALYSIS_REUSED_PORTS if set. */
static guint
tracker_resolve (HsTcpTracker          *self,
                 guint32                frame,
                 gint64                 ts_ns,
                 const HsDecodedPacket *pkt,
                 guint                 *dir_out,
                 gboolean              *is_new,
                 guint16               *flags_out)
{
  HsConnKey key;
  HsSlot *slot;
  HsFlow *fwd;
  guint32 hash;
  guint16 flags = pkt->flags & 0x1ff;
  guint idx;
  guint dir;

  g_assert (self != NULL);
  g_assert (pkt != NULL);
  g_assert (dir_out != NULL && is_new != NULL && flags_out != NULL);

  *is_new = FALSE;

  key_from_packet (pkt, &key);
  hash = key_hash (&key);
  slot = table_lookup (self, &key, hash);
  if (slot->index1 == 0)
    {
      if (2 * (self->n_used + 1) > self->n_slots)
        {
          table_grow (self);
          slot = table_lookup (self, &key, hash);
        }
      idx = tracker_new_connection (self, &key, pkt, frame, ts_ns);
      slot->hash = hash;
      slot->index1 = idx + 1;
      self->n_used++;
      *is_new = TRUE;
    }
  else
    {
      idx = slot->index1 - 1;
      if (self->tracks[idx].detached)
        {
          /* the conversation a heuristic dissector created (see
           * vnc_heuristic_splits): found, but without TCP data */
          idx = tracker_new_connection (self, &key, pkt, frame, ts_ns);
          slot->index1 = idx + 1;
          self->tracks[idx].app_conversation = TRUE;
        }
    }

  dir = sender_direction (&self->conns[idx], pkt);
  fwd = &self->tracks[idx].flow[dir];

  /* Port reuse (Wireshark 4.0): a pure SYN with a new ISN on a direction
   * that has a base starts a new stream... */
  if ((flags & (HS_TCP_SYN | HS_TCP_ACK)) == HS_TCP_SYN && fwd->base_set)
    {
      if (pkt->seq != fwd->base_seq)
        {
          idx = tracker_new_connection (self, &key, pkt, frame, ts_ns);
          slot->index1 = idx + 1;
          dir = 0;
          *flags_out |= HS_ANALYSIS_REUSED_PORTS;
          self->conns[idx].completeness = 1;
        }
      else
        {
          /* ...a SYN with the same ISN stays, and its direction's next
           * sequence number is restored (measured, no flag in 4.0) */
          fwd->nextseq = fwd->maxseqtobeacked;
        }
    }
  /* ...while a SYN/ACK with a new ISN overwrites the base of its direction */
  else if ((flags & (HS_TCP_SYN | HS_TCP_ACK)) == (HS_TCP_SYN | HS_TCP_ACK) &&
           fwd->base_set &&
           pkt->seq != fwd->base_seq)
    {
      record_base_change (&self->conns[idx], frame, dir, fwd->base_seq);
      fwd->base_seq = pkt->seq;
      *flags_out |= HS_ANALYSIS_REUSED_PORTS;
    }

  *dir_out = dir;

  return idx;
}

void
hs_tcp_tracker_add (HsTcpTracker          *self,
                    guint32                frame,
                    gint64                 ts_ns,
                    guint32                orig_len,
                    const HsDecodedPacket *pkt,
                    HsPacketRecord        *rec)
{
  HsConnection *conn;
  HsTrack *track;
  HsFlow *fwd;
  HsFlow *rev;
  HsEndpoint *ep;
  HsVerdict v = { 0, };
  guint idx;
  guint dir;
  guint16 flags;
  guint32 seglen;
  gboolean is_new;
  guint8 completeness;
  HsTcpState sender_state;
  HsTcpState receiver_state;
  guint i;

  g_return_if_fail (self != NULL);
  g_return_if_fail (pkt != NULL);
  g_return_if_fail (rec != NULL);

  flags = pkt->flags & 0x1ff;
  seglen = pkt->payload_len;

  idx = tracker_resolve (self, frame, ts_ns, pkt, &dir, &is_new, &v.flags);
  conn = &self->conns[idx];
  track = &self->tracks[idx];
  fwd = &track->flow[dir];
  rev = &track->flow[!dir];

  /* This direction's SACK blocks are those of its latest segment */
  fwd->n_sack = 0;

  analyze_segment (track, fwd, rev, frame, ts_ns, pkt, &v);

  /* A data offset below 20 bytes: Wireshark tracks the segment but gives
   * up dissecting it before the analysis is shown, so it has no flags, no
   * acknowledged frame and counts in no total */
  if (pkt->header_len < 20)
    {
      v.flags = 0;
      v.acks_frame = HS_NO_FRAME;
      v.dupack_frame = HS_NO_FRAME;
    }

  /* Window as Wireshark shows it: scaled with the sender's shift as known
   * before this segment's own options; SYNs never scaled */
  rec->window = pkt->window;
  rec->win_shift = 0;
  if (flags & HS_TCP_SYN)
    {
      rec->win_scale_state = 3;
    }
  else if (fwd->win_scale >= 0)
    {
      rec->win_scale_state = 0;
      rec->win_shift = (guint)fwd->win_scale & 0xf;
    }
  else
    {
      rec->win_scale_state = fwd->win_scale == -1 ? 1 : 2;
    }

  if (flags & HS_TCP_SYN)
    {
      if (!(flags & HS_TCP_ACK))
        track->ts_mru_syn = ts_ns;
      fwd->is_first_ack = TRUE;
    }

  /* iRTT: the first ACK without SYN after a pure SYN */
  if ((flags & (HS_TCP_SYN | HS_TCP_ACK)) == HS_TCP_ACK &&
      track->ts_mru_syn != 0 &&
      track->ts_first_rtt == 0)
    track->ts_first_rtt = (gint64)((guint64)ts_ns - (guint64)track->ts_mru_syn);

  if ((flags & (HS_TCP_SYN | HS_TCP_ACK)) == HS_TCP_ACK)
    fwd->is_first_ack = FALSE;

  /* Options (dissected after the checks in Wireshark) */
  if (pkt->has_wscale)
    fwd->win_scale = (gint8)MIN (pkt->wscale, 14);
  if (pkt->n_sack > 0)
    {
      fwd->n_sack = (guint8)MIN (pkt->n_sack, HS_MAX_SACK_STORED);
      for (i = 0; i < fwd->n_sack; i++)
        {
          fwd->sack_left[i] = pkt->sack_left[i];
          fwd->sack_right[i] = pkt->sack_right[i];
        }
    }

  /* MPTCP option kinds (mptcp_add_analysis_subtree ORs one bit per kind:
   * MP_CAPABLE 0x01, MP_JOIN 0x02, DSS 0x04, ADD_ADDR 0x08, ...).  The
   * decoder only says whether a segment has MPTCP options: a SYN's are
   * taken for MP_CAPABLE, any other's for DSS, the common cases. */
  if (pkt->has_mptcp)
    {
      track->has_mptcp = TRUE;
      track->mp_operations |= (flags & HS_TCP_SYN) ? 0x01 : 0x04;
    }

  /* verify_tcp_window_scaling */
  if (flags & HS_TCP_SYN)
    {
      if (fwd->win_scale == -1)
        {
          fwd->win_scale = -2;
          rev->win_scale = -2;
        }
      else if ((flags & HS_TCP_ACK) && rev->win_scale == -2)
        {
          fwd->win_scale = -2;
        }
    }

  /* tcp.completeness: a new conversation only counts a pure SYN (with
   * data: TFO); later segments add their bits */
  completeness = 0;
  if ((flags & (HS_TCP_SYN | HS_TCP_ACK)) == (HS_TCP_SYN | HS_TCP_ACK))
    completeness |= 2;
  if ((flags & (HS_TCP_SYN | HS_TCP_ACK)) == HS_TCP_ACK)
    completeness |= seglen > 0 ? 8 : 4;
  if ((flags & (HS_TCP_FIN | HS_TCP_ACK)) == (HS_TCP_FIN | HS_TCP_ACK))
    completeness |= 16;
  if (flags & HS_TCP_RST)
    completeness |= 32;
  if (is_new)
    {
      /* folded in by Wireshark's second pass only (hs_tcp_tracker_finish) */
      track->first_bits = completeness;
      completeness = 0;
      if ((flags & (HS_TCP_SYN | HS_TCP_ACK)) == HS_TCP_SYN)
        completeness = seglen > 0 ? 1 | 8 : 1;
    }
  conn->completeness |= completeness;

  /* Inferred RFC 9293 states */
  sides_update (&fwd->side, &rev->side, flags, pkt->seq, pkt->ack, seglen);

  /* Connection summary */
  ep = &conn->endpoint[dir];
  ep->packets++;
  ep->bytes += seglen;
  ep->wire_bytes += orig_len;
  if (flags & HS_TCP_SYN)
    ep->syn_seen = TRUE;
  if (flags & HS_TCP_FIN)
    ep->fin_seen = TRUE;
  if (flags & HS_TCP_RST)
    {
      ep->rst_seen = TRUE;
      if (conn->rst_by == 0)
        conn->rst_by = dir + 1;
    }
  if (pkt->has_mss)
    {
      ep->has_mss = TRUE;
      ep->mss = pkt->mss;
    }
  if (pkt->has_wscale)
    ep->has_wscale = TRUE;
  if (pkt->sack_permitted)
    ep->sack_permitted = TRUE;
  if (pkt->has_timestamps)
    ep->has_timestamps = TRUE;

  /* kept current, so relative numbers work before hs_tcp_tracker_finish() */
  conn->endpoint[dir].isn = fwd->base_seq;
  conn->endpoint[!dir].isn = rev->base_seq;
  conn->endpoint[dir].wscale = fwd->win_scale;
  conn->endpoint[!dir].wscale = rev->win_scale;

  conn->last_frame = frame;
  conn->last_ts_ns = ts_ns;
  conn->n_packets++;
  conn->irtt_ns = track->ts_first_rtt != 0 ? track->ts_first_rtt : -1;
  for (i = 0; i < HS_ANALYSIS_N_FLAGS; i++)
    {
      if (v.flags & (1u << i))
        conn->flag_counts[i]++;
    }

  if (!track->app_conversation && vnc_heuristic_splits (pkt, v.flags))
    track->detached = TRUE;

  /* The record */
  rec->stream = conn->stream;
  rec->seq = pkt->seq;
  rec->ack = pkt->ack;
  rec->payload_len = seglen;
  rec->tcp_flags = flags;
  rec->direction = dir;
  rec->has_sack = pkt->n_sack > 0;
  rec->has_options = pkt->has_options ? 1 : 0;
  rec->analysis = v.flags;
  rec->related_frame = (v.flags & HS_ANALYSIS_DUPLICATE_ACK) ? v.dupack_frame : v.acks_frame;
  /* one field holds both (see hs-packet-record.h) */
  if (v.flags & HS_ANALYSIS_DUPLICATE_ACK)
    rec->dupack_num = v.dupack_num;
  else
    rec->bytes_in_flight = v.bytes_in_flight;
  sender_state = side_state (&fwd->side, &rev->side);
  receiver_state = side_state (&rev->side, &fwd->side);
  rec->states = (guint8)(sender_state | (receiver_state << 4));
  conn->endpoint[dir].final_state = sender_state;
  conn->endpoint[!dir].final_state = receiver_state;
}

void
hs_tcp_tracker_add_header_only (HsTcpTracker          *self,
                                guint32                frame,
                                gint64                 ts_ns,
                                guint32                orig_len,
                                const HsDecodedPacket *pkt,
                                HsPacketRecord        *rec)
{
  HsConnection *conn;
  guint16 flags = 0;
  gboolean is_new;
  guint idx;
  guint dir;

  g_return_if_fail (self != NULL);
  g_return_if_fail (pkt != NULL);
  g_return_if_fail (rec != NULL);

  idx = tracker_resolve (self, frame, ts_ns, pkt, &dir, &is_new, &flags);
  conn = &self->conns[idx];

  conn->endpoint[dir].packets++;
  conn->endpoint[dir].wire_bytes += orig_len;
  conn->last_frame = frame;
  conn->last_ts_ns = ts_ns;
  conn->n_packets++;

  rec->stream = conn->stream;
  rec->seq = pkt->seq;
  rec->ack = pkt->ack;
  rec->payload_len = 0;
  rec->window = pkt->window;
  rec->win_shift = 0;
  rec->win_scale_state = 1;
  rec->tcp_flags = pkt->flags & 0x1ff;
  rec->direction = dir;
  rec->has_sack = FALSE;
  rec->has_options = pkt->has_options ? 1 : 0;
  rec->analysis = 0;
  rec->related_frame = 0;
  rec->bytes_in_flight = 0;
  rec->states = (guint8)(conn->endpoint[dir].final_state |
                         (conn->endpoint[!dir].final_state << 4));
}

/* Zeek's endpoint states, from what a side sent. */
typedef enum
{
  ZEEK_INACTIVE,
  ZEEK_SYN_SENT,
  ZEEK_SYN_ACK_SENT,
  ZEEK_PARTIAL,
  ZEEK_ESTABLISHED,
  ZEEK_CLOSED,
  ZEEK_RESET,
} ZeekState;

static ZeekState
zeek_state (const HsSide *e,
            const HsSide *p)
{
  if (e->rst_sent)
    return ZEEK_RESET;
  if (e->fin_sent)
    return ZEEK_CLOSED;
  if (e->sent_synack)
    return (e->syn_acked || e->sent_other) ? ZEEK_ESTABLISHED : ZEEK_SYN_ACK_SENT;
  if (e->sent_syn)
    return (p->sent_synack || e->syn_acked || e->sent_nonsyn_ack) ? ZEEK_ESTABLISHED
                                                                 : ZEEK_SYN_SENT;
  if (e->seen)
    return ZEEK_PARTIAL;
  return ZEEK_INACTIVE;
}

/* Zeek's conn_state() (base/protocols/conn/main.zeek) over our endpoint
 * summaries. */
static HsConnState
conn_state_of (const HsConnection *conn,
               const HsTrack      *track)
{
  guint o = track->first_was_synack ? 1 : 0;
  const HsSide *orig = &track->flow[o].side;
  const HsSide *resp = &track->flow[!o].side;
  ZeekState os = zeek_state (orig, resp);
  ZeekState rs = zeek_state (resp, orig);
  gboolean o_inactive = os == ZEEK_INACTIVE || os == ZEEK_PARTIAL;
  gboolean r_inactive = rs == ZEEK_INACTIVE || rs == ZEEK_PARTIAL;

  if (rs == ZEEK_RESET)
    {
      if (os == ZEEK_SYN_SENT || os == ZEEK_SYN_ACK_SENT ||
          (os == ZEEK_RESET &&
           conn->endpoint[o].bytes == 0 && conn->endpoint[!o].bytes == 0))
        return HS_CONN_REJ;
      if (o_inactive)
        return HS_CONN_RSTRH;
      return HS_CONN_RSTR;
    }
  if (os == ZEEK_RESET)
    {
      if (r_inactive)
        {
          /* history S...R with nothing else from the originator */
          if (orig->sent_syn && !orig->sent_synack && !orig->sent_other)
            return HS_CONN_RSTOS0;
          return HS_CONN_OTH;
        }
      return HS_CONN_RSTO;
    }
  if (rs == ZEEK_CLOSED && os == ZEEK_CLOSED)
    return HS_CONN_SF;
  if (os == ZEEK_CLOSED)
    return r_inactive ? HS_CONN_SH : HS_CONN_S2;
  if (rs == ZEEK_CLOSED)
    return o_inactive ? HS_CONN_SHR : HS_CONN_S3;
  if (os == ZEEK_SYN_SENT && rs == ZEEK_INACTIVE)
    return HS_CONN_S0;
  if (os == ZEEK_ESTABLISHED && rs == ZEEK_ESTABLISHED)
    return HS_CONN_S1;
  return HS_CONN_OTH;
}

static void
finish_connection (HsTcpTracker *self,
                   guint         i)
{
  HsConnection *conn = &self->conns[i];
  HsTrack *track = &self->tracks[i];
  guint d;

  g_assert (self != NULL);
  g_assert (i < self->n_conns);

  for (d = 0; d < 2; d++)
    {
      HsEndpoint *ep = &conn->endpoint[d];
      const HsFlow *flow = &track->flow[d];

      ep->final_state = side_state (&flow->side, &track->flow[!d].side);
      ep->wscale = flow->win_scale;
      ep->isn = flow->base_seq;
    }
  conn->conn_state = conn_state_of (conn, track);
  /* the value tshark -2 and the GUI show on the stream's last segment:
   * mid-stream, the first segment's bits count too (refolded on the
   * second pass, but shown only on later segments) */
  if (conn->n_packets > 1)
    conn->completeness |= track->first_bits;
  conn->irtt_ns = track->ts_first_rtt != 0 ? track->ts_first_rtt : -1;
}

void
hs_tcp_tracker_finish (HsTcpTracker *self)
{
  guint i;

  g_return_if_fail (self != NULL);

  for (i = 0; i < self->n_conns; i++)
    finish_connection (self, i);
}

void
hs_tcp_tracker_finish_stream (HsTcpTracker *self,
                              guint         stream)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (stream < self->n_conns);

  finish_connection (self, stream);
}

guint
hs_tcp_tracker_get_n_connections (HsTcpTracker *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_conns;
}

HsConnection *
hs_tcp_tracker_get_connection (HsTcpTracker *self,
                               guint         stream)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (stream >= self->n_conns)
    return NULL;

  return &self->conns[stream];
}

HsConnection *
hs_tcp_tracker_steal_connections (HsTcpTracker *self,
                                  guint        *n_out)
{
  HsConnection *conns;

  g_return_val_if_fail (self != NULL, NULL);

  conns = self->conns;
  if (n_out != NULL)
    *n_out = self->n_conns;

  self->conns = NULL;
  tracker_clear (self, FALSE);
  table_grow (self);

  return conns;
}

void
hs_connections_free (HsConnection *conns,
                     guint         n)
{
  guint i;

  if (conns == NULL)
    return;

  for (i = 0; i < n; i++)
    g_free (conns[i].base_changes);
  g_free (conns);
}

/* The base sequence number of direction `dir` in effect at `frame`. */
static guint32
connection_base (const HsConnection *conn,
                 guint               dir,
                 guint32             frame)
{
  guint32 base = conn->endpoint[dir].isn;
  guint i;

  for (i = conn->n_base_changes; i > 0; i--)
    {
      if (conn->base_changes[i - 1].dir == dir &&
          frame < conn->base_changes[i - 1].from_frame)
        base = conn->base_changes[i - 1].old_base;
    }

  return base;
}

guint32
hs_connection_relative_seq (const HsConnection   *conn,
                            guint32               frame,
                            const HsPacketRecord *rec)
{
  g_return_val_if_fail (conn != NULL, 0);
  g_return_val_if_fail (rec != NULL, 0);

  /* not analysed (hs_tcp_tracker_add_header_only): shown raw */
  if (rec->decode_status != HS_DECODE_TCP)
    return rec->seq;

  return rec->seq - connection_base (conn, rec->direction, frame);
}

guint32
hs_connection_relative_ack (const HsConnection   *conn,
                            guint32               frame,
                            const HsPacketRecord *rec)
{
  g_return_val_if_fail (conn != NULL, 0);
  g_return_val_if_fail (rec != NULL, 0);

  /* measured: without the ACK flag tshark shows the raw number; so it
   * does for segments it did not analyse */
  if (!(rec->tcp_flags & HS_TCP_ACK) || rec->decode_status != HS_DECODE_TCP)
    return rec->ack;

  return rec->ack - connection_base (conn, !rec->direction, frame);
}

/* ------------------------------------------------------------------------ */
/* Names and descriptions                                                    */

const char *
hs_tcp_state_to_string (HsTcpState state)
{
  switch (state)
    {
    case HS_TCP_STATE_UNKNOWN:      return "UNKNOWN";
    case HS_TCP_STATE_CLOSED:       return "CLOSED";
    case HS_TCP_STATE_LISTEN:       return "LISTEN";
    case HS_TCP_STATE_SYN_SENT:     return "SYN-SENT";
    case HS_TCP_STATE_SYN_RECEIVED: return "SYN-RECEIVED";
    case HS_TCP_STATE_ESTABLISHED:  return "ESTABLISHED";
    case HS_TCP_STATE_FIN_WAIT_1:   return "FIN-WAIT-1";
    case HS_TCP_STATE_FIN_WAIT_2:   return "FIN-WAIT-2";
    case HS_TCP_STATE_CLOSING:      return "CLOSING";
    case HS_TCP_STATE_TIME_WAIT:    return "TIME-WAIT";
    case HS_TCP_STATE_CLOSE_WAIT:   return "CLOSE-WAIT";
    case HS_TCP_STATE_LAST_ACK:     return "LAST-ACK";
    default:                        return "UNKNOWN";
    }
}

const char *
hs_conn_state_to_string (HsConnState state)
{
  switch (state)
    {
    case HS_CONN_OTH:    return "OTH";
    case HS_CONN_S0:     return "S0";
    case HS_CONN_S1:     return "S1";
    case HS_CONN_SF:     return "SF";
    case HS_CONN_REJ:    return "REJ";
    case HS_CONN_S2:     return "S2";
    case HS_CONN_S3:     return "S3";
    case HS_CONN_RSTO:   return "RSTO";
    case HS_CONN_RSTR:   return "RSTR";
    case HS_CONN_RSTOS0: return "RSTOS0";
    case HS_CONN_RSTRH:  return "RSTRH";
    case HS_CONN_SH:     return "SH";
    case HS_CONN_SHR:    return "SHR";
    default:             return "OTH";
    }
}

char *
hs_connection_dup_endpoint (const HsConnection *conn,
                            guint               side)
{
  const HsEndpoint *ep;
  g_autofree char *addr = NULL;

  g_return_val_if_fail (conn != NULL, NULL);
  g_return_val_if_fail (side < 2, NULL);

  ep = &conn->endpoint[side];
  addr = hs_format_address (conn->ip_version, ep->addr);
  if (conn->ip_version == 6)
    return g_strdup_printf ("[%s]:%u", addr, (guint) ep->port);
  return g_strdup_printf ("%s:%u", addr, (guint) ep->port);
}

const char *
hs_conn_state_describe (HsConnState state)
{
  switch (state)
    {
    case HS_CONN_OTH:    return _("Picked up mid-stream");
    case HS_CONN_S0:     return _("Connection attempt, no reply");
    case HS_CONN_S1:     return _("Still open");
    case HS_CONN_SF:     return _("Closed normally (FIN both ways)");
    case HS_CONN_REJ:    return _("Connection refused (SYN answered by RST)");
    case HS_CONN_S2:     return _("Closed by the client, no FIN from the server");
    case HS_CONN_S3:     return _("Closed by the server, no FIN from the client");
    case HS_CONN_RSTO:   return _("Reset by the client");
    case HS_CONN_RSTR:   return _("Reset by the server");
    case HS_CONN_RSTOS0: return _("Client sent SYN then RST, no reply");
    case HS_CONN_RSTRH:  return _("Server sent SYN/ACK then RST, no SYN seen");
    case HS_CONN_SH:     return _("Client sent SYN then FIN, no reply");
    case HS_CONN_SHR:    return _("Server sent SYN/ACK then FIN, no SYN seen");
    default:             return _("Picked up mid-stream");
    }
}

static guint
flag_index (HsAnalysisFlags flag)
{
  guint i;

  for (i = 0; i < HS_ANALYSIS_N_FLAGS; i++)
    {
      if ((guint)flag == (1u << i))
        return i;
    }

  return G_MAXUINT;
}

const char *
hs_analysis_flag_name (HsAnalysisFlags flag)
{
  static const char * const names[] = {
    "ack_lost_segment",
    "duplicate_ack",
    "fast_retransmission",
    "keep_alive",
    "keep_alive_ack",
    "lost_segment",
    "out_of_order",
    "retransmission",
    "reused_ports",
    "spurious_retransmission",
    "window_full",
    "window_update",
    "zero_window",
    "zero_window_probe",
    "zero_window_probe_ack",
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (names) == HS_ANALYSIS_N_FLAGS);
  guint i = flag_index (flag);

  return i < HS_ANALYSIS_N_FLAGS ? names[i] : NULL;
}

const char *
hs_analysis_flag_label (HsAnalysisFlags flag)
{
  static const char * const labels[] = {
    N_("TCP ACKed unseen segment"),
    N_("TCP Dup ACK"),
    N_("TCP Fast Retransmission"),
    N_("TCP Keep-Alive"),
    N_("TCP Keep-Alive ACK"),
    N_("TCP Previous segment not captured"),
    N_("TCP Out-Of-Order"),
    N_("TCP Retransmission"),
    N_("TCP Port numbers reused"),
    N_("TCP Spurious Retransmission"),
    N_("TCP Window Full"),
    N_("TCP Window Update"),
    N_("TCP ZeroWindow"),
    N_("TCP ZeroWindowProbe"),
    N_("TCP ZeroWindowProbeAck"),
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (labels) == HS_ANALYSIS_N_FLAGS);
  guint i = flag_index (flag);

  return i < HS_ANALYSIS_N_FLAGS ? _(labels[i]) : NULL;
}
