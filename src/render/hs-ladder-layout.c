/* hs-ladder-layout.c
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The geometry of the ladder diagram of one connection.
 *
 * Everything that depends on the whole connection is computed once, in
 * O(n), when the layout is made or a setting changes: the rows (16 bytes
 * each, in one exactly-sized array), the phases, the anomaly positions and,
 * in time-true mode, the time scale and the bundles (a zoom there builds
 * the rows again: the scale decides which packets are too close to draw
 * apart).  Everything the painters ask for while
 * drawing is O(1) or O(log n): rows are found by binary search on y or on
 * the first position, a position's frame by binary search in the
 * connection's frame index.  The text of a row (label, badge) is built on
 * demand and kept in a small cache that is dropped when it grows, so
 * scrolling through a million packets does not keep a million strings.
 *
 * For the painters, where one row stands for several packets (a bundle in
 * time-true mode), two indexes answer without reading the records in
 * between: the notable packets (anomalies, SYN/FIN, state changes,
 * application messages) sorted by rank and direction, and one bit per
 * packet for its direction with the counts of set bits per 64, so that
 * "the most serious anomaly among these positions" costs a binary search
 * per rank and "does any of these go that way" costs O(1).  One more bit
 * per packet says whether it is notable at all, for the time-true rows:
 * only ordinary packets share a bundle. */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "hs-explain.h"
#include "hs-ladder-layout-private.h"

/* Dropped and started again past this many positions' texts. */
#define TEXT_CACHE_MAX 4096

/* Closest hits looked at around a point in dense time-true rows. */
#define HIT_MAX_CANDIDATES 64

#define SEQ_GE(a, b) ((gint32)((guint32)(a) - (guint32)(b)) >= 0)

#define MALFORMED_PROBLEMS (HS_PROBLEM_BAD_TCP_OPTION | \
                            HS_PROBLEM_BAD_HEADER_LENGTH | \
                            HS_PROBLEM_BAD_IP_LENGTH)

#define RETRANSMISSION_FAMILY (HS_ANALYSIS_RETRANSMISSION | \
                               HS_ANALYSIS_FAST_RETRANSMISSION | \
                               HS_ANALYSIS_SPURIOUS_RETRANSMISSION)

/* A position's texts, each made when first asked for: drawing the arrow of
 * a retransmission needs its original, not its label. */
typedef struct
{
  char  *label;
  char  *badge;
  guint  original;        /* position of the original of a retransmission */
  guint  original_frame;  /* its capture frame index, G_MAXUINT if not found */
  guint  has_label : 1;
  guint  has_badge : 1;
  guint  has_original : 1;
} Text;

/* The notable packets, by rank and direction: bucket (rank - 1) * 2 + dir. */
#define N_RANKS   HS_LADDER_RANK_LANDMARK
#define N_BUCKETS (2 * N_RANKS)

/* A collapsed row's or a bundle's payload bytes, so that its summary costs
 * O(log n). */
typedef struct
{
  guint32 first;
  guint64 bytes;
} Run;

/* What scan_packets() has found so far, so that a live connection's new
 * packets are scanned on their own (hs_ladder_layout_extend()). */
typedef struct
{
  guint first_syn;
  guint synack;
  guint first_non_syn;
  guint completing;
  guint close_before_syn;  /* the first FIN or RST before the first SYN */
  guint close_after_syn;   /* the first FIN or RST after it */
} Scan;

/* teardown_kind(), resumable: where it stopped and what it had seen. */
typedef struct
{
  guint            start;     /* the close it follows, HS_LADDER_NO_POS before any */
  guint            next;      /* the next position to look at */
  gboolean         decided;
  HsLadderTeardown result;
  guint            fin1;
  guint            fin2;
  guint            side;
  guint32          fin1_end;
  guint32          fin2_end;
  gboolean         acked_before;
  gboolean         piggybacked;
} Teardown;

/* Time-true rows, placed one after the other as build_rows() makes them.
 * A row goes below the row before by the time between their first packets
 * at the scale, but at least by the floor (below a collapsed run, whose
 * time is not drawn: by a row height); a gap longer than the cap is drawn
 * at the cap.  An ordinary packet sent less than the floor's worth of time
 * after the first packet of an ordinary row joins that row, which becomes
 * a bundle: a crowd of packets takes the place its time does, and each of
 * the others keeps an arrow and a label of its own.  Where a phase begins,
 * the floor has room for the caption of the phase before. */
typedef struct
{
  double   h;           /* row height */
  double   floor;
  double   cap;         /* the longest gap drawn as it is, and the height of a longer one */
  double   scale;       /* px per ns at the current zoom */
  double   time_y;      /* the last row's y plus the time since its first packet */
  gint64   last_ns;     /* the latest time placed */
  guint64  last_bytes;  /* the payload of the last row */
  gboolean last_plain;  /* the last row is of ordinary packets: a bundle may grow from it */
} Placer;

/* The rows as they were before the uneventful run that reaches the last
 * packet began, so that extending redoes that run only: it may grow, and
 * collapse once long enough. */
typedef struct
{
  guint       first;    /* the run's first position, HS_LADDER_NO_POS if none */
  guint       end;      /* its last position (the range's last) */
  guint64     bytes;    /* its payload */
  guint       n_rows;   /* rows before it */
  guint       n_runs;
  HsLadderRow last_row; /* the row before it, and its Run, as they were */
  Run         last_run;
  Placer      placer;
} Tail;

struct _HsLadderLayout
{
  HsCapture          *capture;
  guint               stream;
  const HsConnection *conn;
  const guint32      *pkts;
  guint               n_pkts;
  int                 client_side;

  HsLadderMode        mode;
  double              zoom;          /* as used: within the mode's range */
  double              zoom_asked;    /* as set, kept across modes */
  gboolean            collapse;
  guint               range_first;
  guint               range_last;
  char               *names[2];
  char               *default_names[2];
  HsLadderColumns     columns;

  HsLadderRow        *rows;
  guint               n_rows;
  guint               rows_alloc;
  GArray             *runs;          /* Run, one per collapsed row and bundle, in order */
  double              height;
  double              time_scale;    /* px per ns at zoom 1 (time-true) */
  double              time_max_zoom; /* where the closest packets are the floor apart */
  gboolean            time_flat;     /* no time passes in the range: rows evenly */
  GHashTable         *expanded;      /* first positions of the runs the user expanded */
  Placer              placer;        /* after the last row */
  Tail                tail;

  HsLadderPhase       phases[3];
  guint               n_phases;
  GArray             *anomalies;     /* guint32 positions */
  GArray             *notable[N_BUCKETS]; /* guint32 positions of each bucket, in order */
  guint64            *dir_bits;      /* bit p: position p goes from endpoint 1 */
  guint32            *dir_ones;      /* set bits in the words before each word */
  guint64            *notable_bits;  /* bit p: position p is notable (of some rank) */
  guint               bits_alloc;    /* words in each of the three */
  Scan                scan;
  Teardown            teardown;

  GHashTable         *texts;         /* position -> Text */
  HsLadderLayoutStats stats;
};

static void
text_free (gpointer data)
{
  Text *text = data;

  g_free (text->label);
  g_free (text->badge);
  g_free (text);
}

const HsPacketRecord *
_hs_ladder_layout_get_record (HsLadderLayout *self,
                              guint           pos)
{
  g_assert (pos < self->n_pkts);

  self->stats.records_read++;
  return hs_capture_get_record (self->capture, self->pkts[pos]);
}

static inline gint64
pos_time (HsLadderLayout *self,
          guint           pos)
{
  return _hs_ladder_layout_get_record (self, pos)->ts_ns;
}

/* In time-true mode, zooming in spreads the time and leaves the rows the
 * size they have at zoom 1. */
static inline double
row_height (HsLadderLayout *self)
{
  if (self->mode == HS_LADDER_TIME_TRUE)
    return HS_LADDER_ROW_HEIGHT * MIN (self->zoom, 1.0);
  return HS_LADDER_ROW_HEIGHT * self->zoom;
}

/* The least distance between two time-true rows: at zoom 1 and more, 26
 * px, an arrow's drop (8 px) and a line of label text above the next
 * arrow, so that consecutive notable packets keep their labels; smaller
 * with the rows when zoomed out. */
static inline double
row_floor (HsLadderLayout *self)
{
  return 0.65 * row_height (self);
}

static inline gboolean
pos_notable (HsLadderLayout *self,
             guint           pos)
{
  return (self->notable_bits[pos / 64] >> (pos % 64)) & 1;
}

/* ------------------------------------------------------------------------ */
/* Connection-wide facts: phases, anomalies, the client                      */

/* A packet that says nothing new: such runs collapse into one row.  TLS
 * application data is the bulk of any HTTPS transfer and collapses; the
 * other TLS and HTTP messages are landmarks and do not. */
static gboolean
is_uneventful (const HsPacketRecord *r)
{
  if (r->tcp_flags & (HS_TCP_SYN | HS_TCP_FIN | HS_TCP_RST))
    return FALSE;
  if (r->analysis != 0)
    return FALSE;
  if (r->decode_status != HS_DECODE_TCP || (r->problems & MALFORMED_PROBLEMS) != 0)
    return FALSE;
  if (hs_packet_record_sender_state (r) != HS_TCP_STATE_ESTABLISHED ||
      hs_packet_record_receiver_state (r) != HS_TCP_STATE_ESTABLISHED)
    return FALSE;

  switch ((HsAppTag) r->app)
    {
    case HS_APP_NONE:
    case HS_APP_TLS_APPLICATION_DATA:
    case HS_APP_TLS_OTHER:
      return TRUE;

    case HS_APP_TLS_CLIENT_HELLO:
    case HS_APP_TLS_SERVER_HELLO:
    case HS_APP_TLS_HANDSHAKE:
    case HS_APP_TLS_CHANGE_CIPHER_SPEC:
    case HS_APP_TLS_ALERT:
    case HS_APP_HTTP_REQUEST:
    case HS_APP_HTTP_RESPONSE:
    default:
      return FALSE;
    }
}

static HsTcpState
side_state (const HsPacketRecord *r,
            guint                 side)
{
  return r->direction == side ? hs_packet_record_sender_state (r)
                              : hs_packet_record_receiver_state (r);
}

/* An uneventful packet that also leaves the states as they were: the ACK
 * that completes the handshake makes both sides ESTABLISHED, but it is the
 * handshake's last step, not data. */
static gboolean
pos_uneventful (HsLadderLayout *self,
                guint           pos)
{
  const HsPacketRecord *prev;

  if (!is_uneventful (_hs_ladder_layout_get_record (self, pos)) || pos == 0)
    return FALSE;

  prev = _hs_ladder_layout_get_record (self, pos - 1);
  return side_state (prev, 0) == HS_TCP_STATE_ESTABLISHED &&
         side_state (prev, 1) == HS_TCP_STATE_ESTABLISHED;
}

static guint32
segment_end (const HsPacketRecord *r)
{
  return r->seq + r->payload_len +
         ((r->tcp_flags & HS_TCP_SYN) ? 1 : 0) +
         ((r->tcp_flags & HS_TCP_FIN) ? 1 : 0);
}

/* How the close that starts at `first` went: a RST before the close
 * completes makes it a reset; FIN from one side, FIN from the other and
 * the last ACK make it complete, in three packets when the second FIN
 * also acknowledges the first and no separate ACK did before it.
 *
 * Resumable: it goes on from where it stopped when the same close is
 * asked for again after packets were added, and once decided the answer
 * does not change. */
static HsLadderTeardown
teardown_kind (HsLadderLayout *self,
               guint           first)
{
  Teardown *t = &self->teardown;
  guint pos;

  g_assert (first < self->n_pkts);

  if (t->start != first)
    {
      memset (t, 0, sizeof *t);
      t->start = first;
      t->next = first;
      t->fin1 = HS_LADDER_NO_POS;
      t->fin2 = HS_LADDER_NO_POS;
    }
  if (t->decided)
    return t->result;

  for (pos = t->next; pos < self->n_pkts; pos++)
    {
      const HsPacketRecord *r = _hs_ladder_layout_get_record (self, pos);
      gboolean acks;

      if (r->tcp_flags & HS_TCP_RST)
        {
          t->decided = TRUE;
          t->result = HS_LADDER_TEARDOWN_RESET;
          return t->result;
        }

      if (t->fin1 == HS_LADDER_NO_POS)
        {
          if (r->tcp_flags & HS_TCP_FIN)
            {
              t->fin1 = pos;
              t->side = r->direction;
              t->fin1_end = segment_end (r);
            }
          continue;
        }

      if (t->fin2 == HS_LADDER_NO_POS)
        {
          if (r->direction == t->side)
            continue;
          acks = (r->tcp_flags & HS_TCP_ACK) && SEQ_GE (r->ack, t->fin1_end);
          if (r->tcp_flags & HS_TCP_FIN)
            {
              t->fin2 = pos;
              t->fin2_end = segment_end (r);
              t->piggybacked = acks && !t->acked_before;
            }
          else if (acks)
            t->acked_before = TRUE;
          continue;
        }

      if (r->direction == t->side && (r->tcp_flags & HS_TCP_ACK) && SEQ_GE (r->ack, t->fin2_end))
        {
          t->decided = TRUE;
          t->result = t->piggybacked ? HS_LADDER_TEARDOWN_THREE : HS_LADDER_TEARDOWN_FOUR;
          return t->result;
        }
    }

  t->next = self->n_pkts;
  return HS_LADDER_TEARDOWN_PARTIAL;
}

static void
add_phase (HsLadderLayout    *self,
           HsLadderPhaseKind  kind,
           guint              first,
           guint              last)
{
  HsLadderPhase *phase;

  if (first > last || last >= self->n_pkts)
    return;

  phase = &self->phases[self->n_phases++];
  phase->kind = kind;
  phase->first = first;
  phase->last = last;
  phase->teardown = HS_LADDER_TEARDOWN_FOUR;
}

/* How notable a packet is (see HS_LADDER_RANK_LANDMARK), given the one
 * before it in the connection (NULL for the first). */
static guint
packet_rank (const HsPacketRecord *r,
             const HsPacketRecord *prev)
{
  HsAnomalyClass klass = hs_anomaly_class_for_record (r);
  guint side;

  if (klass != HS_ANOMALY_CLASS_NONE)
    return klass;

  switch ((HsAppTag) r->app)
    {
    case HS_APP_NONE:
    case HS_APP_TLS_APPLICATION_DATA:
    case HS_APP_TLS_OTHER:
      break;

    case HS_APP_TLS_CLIENT_HELLO:
    case HS_APP_TLS_SERVER_HELLO:
    case HS_APP_TLS_HANDSHAKE:
    case HS_APP_TLS_CHANGE_CIPHER_SPEC:
    case HS_APP_TLS_ALERT:
    case HS_APP_HTTP_REQUEST:
    case HS_APP_HTTP_RESPONSE:
    default:
      return HS_LADDER_RANK_LANDMARK;
    }

  for (side = 0; side < 2; side++)
    {
      HsTcpState before = prev != NULL ? side_state (prev, side) : HS_TCP_STATE_UNKNOWN;

      if (side_state (r, side) != before)
        return HS_LADDER_RANK_LANDMARK;
    }

  return 0;
}

/* Room for the bits of n packets, zeroed, grown by doubling. */
static void
ensure_bits (HsLadderLayout *self,
             guint           n)
{
  guint words = n / 64 + 1;
  guint alloc;

  if (words <= self->bits_alloc)
    return;

  alloc = MAX (words, 2 * self->bits_alloc);
  self->dir_bits = g_renew (guint64, self->dir_bits, alloc);
  self->dir_ones = g_renew (guint32, self->dir_ones, alloc);
  self->notable_bits = g_renew (guint64, self->notable_bits, alloc);
  memset (self->dir_bits + self->bits_alloc, 0, (alloc - self->bits_alloc) * sizeof (guint64));
  memset (self->dir_ones + self->bits_alloc, 0, (alloc - self->bits_alloc) * sizeof (guint32));
  memset (self->notable_bits + self->bits_alloc, 0,
          (alloc - self->bits_alloc) * sizeof (guint64));
  self->bits_alloc = alloc;
}

static void
scan_init (HsLadderLayout *self)
{
  guint b;

  self->scan.first_syn = HS_LADDER_NO_POS;
  self->scan.synack = HS_LADDER_NO_POS;
  self->scan.first_non_syn = HS_LADDER_NO_POS;
  self->scan.completing = HS_LADDER_NO_POS;
  self->scan.close_before_syn = HS_LADDER_NO_POS;
  self->scan.close_after_syn = HS_LADDER_NO_POS;
  self->teardown.start = HS_LADDER_NO_POS;
  for (b = 0; b < N_BUCKETS; b++)
    self->notable[b] = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->client_side = -1;
}

/* The phases from what the scan found:
 *  - the handshake runs from the first SYN to the ACK that completes it
 *    (the first packet of the SYN/ACK's receiver after the SYN/ACK); with
 *    no SYN/ACK, over the SYNs;
 *  - the teardown from the first FIN or RST (after the handshake started)
 *    to the end;
 *  - the data phase in between, listed only when one of the others is. */
static void
find_phases (HsLadderLayout *self)
{
  const Scan *sc = &self->scan;
  guint first_close = sc->first_syn != HS_LADDER_NO_POS ? sc->close_after_syn
                                                         : sc->close_before_syn;
  guint hs_last = HS_LADDER_NO_POS;
  guint data_first;

  self->client_side = -1;
  self->n_phases = 0;

  if (sc->first_syn != HS_LADDER_NO_POS)
    {
      const HsPacketRecord *r = _hs_ladder_layout_get_record (self, sc->first_syn);

      if (r->tcp_flags & HS_TCP_ACK)
        self->client_side = !r->direction;
      else
        self->client_side = r->direction;

      /* a close that comes before the first SYN belongs to an earlier
       * incarnation: the teardown is the one after the handshake (that is
       * close_after_syn) */
      if (sc->synack != HS_LADDER_NO_POS)
        hs_last = sc->completing != HS_LADDER_NO_POS ? sc->completing : self->n_pkts - 1;
      else
        hs_last = sc->first_non_syn != HS_LADDER_NO_POS ? sc->first_non_syn - 1
                                                        : self->n_pkts - 1;
      if (first_close != HS_LADDER_NO_POS && first_close <= hs_last)
        hs_last = first_close - 1;

      add_phase (self, HS_LADDER_PHASE_HANDSHAKE, sc->first_syn, hs_last);
    }

  if (sc->first_syn == HS_LADDER_NO_POS && first_close == HS_LADDER_NO_POS)
    return;

  data_first = hs_last != HS_LADDER_NO_POS ? hs_last + 1 : 0;
  if (first_close == HS_LADDER_NO_POS)
    add_phase (self, HS_LADDER_PHASE_DATA, data_first, self->n_pkts - 1);
  else if (first_close > data_first)
    add_phase (self, HS_LADDER_PHASE_DATA, data_first, first_close - 1);

  if (first_close != HS_LADDER_NO_POS)
    {
      add_phase (self, HS_LADDER_PHASE_TEARDOWN, first_close, self->n_pkts - 1);
      self->phases[self->n_phases - 1].teardown = teardown_kind (self, first_close);
    }
}

/* One pass over positions from .. n_pkts - 1 for the anomalies, the
 * landmarks and what the phases need, then the phases (find_phases()).
 * From 0 when the layout is made; from the first new packet when a live
 * connection grew. */
static void
scan_packets (HsLadderLayout *self,
              guint           from)
{
  Scan *sc = &self->scan;
  const HsPacketRecord *prev = from > 0 ? _hs_ladder_layout_get_record (self, from - 1) : NULL;
  guint pos;
  guint b;

  g_assert (from <= self->n_pkts);

  ensure_bits (self, self->n_pkts);

  for (pos = from; pos < self->n_pkts; pos++)
    {
      const HsPacketRecord *r = _hs_ladder_layout_get_record (self, pos);
      guint flags = r->tcp_flags;
      guint rank = packet_rank (r, prev);

      if (hs_packet_record_is_anomaly (r))
        {
          guint32 p = pos;

          g_array_append_val (self->anomalies, p);
        }
      if (rank != 0)
        {
          guint32 p = pos;

          g_assert (rank <= N_RANKS);
          g_array_append_val (self->notable[(rank - 1) * 2 + (r->direction ? 1 : 0)], p);
          self->notable_bits[pos / 64] |= G_GUINT64_CONSTANT (1) << (pos % 64);
        }
      if (r->direction)
        self->dir_bits[pos / 64] |= G_GUINT64_CONSTANT (1) << (pos % 64);
      prev = r;

      if (sc->first_syn == HS_LADDER_NO_POS)
        {
          if (flags & HS_TCP_SYN)
            sc->first_syn = pos;
          else if (sc->close_before_syn == HS_LADDER_NO_POS &&
                   (flags & (HS_TCP_FIN | HS_TCP_RST)))
            sc->close_before_syn = pos;
          if (sc->first_syn == HS_LADDER_NO_POS)
            continue;
        }

      if (pos > sc->first_syn)
        {
          if (sc->close_after_syn == HS_LADDER_NO_POS && (flags & (HS_TCP_FIN | HS_TCP_RST)))
            sc->close_after_syn = pos;
          if (sc->first_non_syn == HS_LADDER_NO_POS && !(flags & HS_TCP_SYN))
            sc->first_non_syn = pos;
        }

      if (sc->synack == HS_LADDER_NO_POS)
        {
          if ((flags & (HS_TCP_SYN | HS_TCP_ACK)) == (HS_TCP_SYN | HS_TCP_ACK))
            sc->synack = pos;
        }
      else if (sc->completing == HS_LADDER_NO_POS &&
               r->direction != _hs_ladder_layout_get_record (self, sc->synack)->direction)
        sc->completing = pos;
    }

  /* the counts of the words after the first one that changed */
  for (b = from / 64 + 1; b <= self->n_pkts / 64; b++)
    self->dir_ones[b] = self->dir_ones[b - 1] +
                        (guint32) __builtin_popcountll (self->dir_bits[b - 1]);

  if (self->n_pkts > 0)
    find_phases (self);
}

/* ------------------------------------------------------------------------ */
/* Rows                                                                      */

static HsLadderRow *
append_row (HsLadderLayout  *self,
            guint            first,
            guint            n,
            HsLadderRowKind  kind)
{
  HsLadderRow *row = &self->rows[self->n_rows++];

  row->y = 0;
  row->first = first;
  row->n = n;
  row->kind = kind;
  row->gap_before = 0;
  return row;
}

/* The time-true scale (px per ns at zoom 1): the one that makes the gaps
 * between the packets of the range, each capped at HS_LADDER_GAP_CAP rows,
 * add up to one row height per packet, so that the diagram is about as
 * tall as in packet order.  The total is monotonic in the scale:
 * bisection, on a copy of the gaps.
 *
 * But with an initial round-trip time to go by, a round trip is between a
 * quarter of a row and a row.  At most a row: bursts of back-to-back
 * segments separated by round trips would otherwise get their
 * microseconds stretched to fill the height and every round trip capped
 * and drawn as idle time; with this bound only gaps longer than a few
 * round trips are shortened, and the picture may be shorter.  At least a
 * quarter: a few packets over seconds would otherwise squeeze the
 * handshake and every exchange into a fraction of a pixel, and no zoom
 * would draw them apart. */
static void
compute_time_scale (HsLadderLayout *self)
{
  guint n = self->range_last - self->range_first;
  double cap = HS_LADDER_GAP_CAP * HS_LADDER_ROW_HEIGHT;
  double target = n * HS_LADDER_ROW_HEIGHT;
  double min_gap = G_MAXDOUBLE;
  double sum = 0;
  double lo;
  double hi;
  double *gaps;
  gint64 prev;
  guint i;
  int iter;

  self->time_flat = TRUE;
  self->time_scale = 0;
  self->time_max_zoom = HS_LADDER_MAX_ZOOM;

  if (n == 0)
    return;

  gaps = g_new (double, n);
  prev = pos_time (self, self->range_first);
  for (i = 0; i < n; i++)
    {
      gint64 t = pos_time (self, self->range_first + 1 + i);
      double gap = t > prev ? (double)(t - prev) : 0.0;

      gaps[i] = gap;
      sum += gap;
      if (gap > 0 && gap < min_gap)
        min_gap = gap;
      prev = MAX (prev, t);
    }

  if (sum <= 0)
    {
      g_free (gaps);
      return;
    }

  self->time_flat = FALSE;

  /* at lo the gaps add up to the target even uncapped; at hi every gap
   * that is not zero is at the cap, the tallest the picture gets */
  lo = target / sum;
  hi = cap / min_gap;

  for (iter = 0; iter < 100 && lo < hi && hi / lo > 1.0 + 1e-9; iter++)
    {
      double mid = sqrt (lo * hi);
      double total = 0;

      for (i = 0; i < n; i++)
        total += MIN (gaps[i] * mid, cap);

      if (total < target)
        lo = mid;
      else
        hi = mid;
    }

  self->time_scale = lo < hi ? sqrt (lo * hi) : hi;
  g_free (gaps);

  if (self->conn->irtt_ns > 0)
    self->time_scale = CLAMP (self->time_scale,
                              HS_LADDER_ROW_HEIGHT / 4 / (double) self->conn->irtt_ns,
                              HS_LADDER_ROW_HEIGHT / (double) self->conn->irtt_ns);

  /* zooming in goes on until the two closest packets are the floor apart,
   * each in a row of its own */
  self->time_max_zoom = CLAMP (0.65 * HS_LADDER_ROW_HEIGHT / (min_gap * self->time_scale),
                               HS_LADDER_MAX_ZOOM, HS_LADDER_MAX_TIME_ZOOM);
}

/* The greatest zoom of the current mode. */
static double
max_zoom (HsLadderLayout *self)
{
  if (self->mode == HS_LADDER_TIME_TRUE && !self->time_flat && self->n_pkts > 0)
    return self->time_max_zoom;
  return HS_LADDER_MAX_ZOOM;
}

/* y of every row at the current zoom, evenly spaced: packet order, or
 * time-true when no time passes (the time-true rows are placed as they
 * are made, see Placer). */
static void
place_rows_from (HsLadderLayout *self,
                 guint           first_row)
{
  double h = row_height (self);
  guint i;

  for (i = first_row; i < self->n_rows; i++)
    {
      self->rows[i].y = i * h;
      self->rows[i].gap_before = 0;
    }

  self->height = self->n_rows > 0 ? self->rows[self->n_rows - 1].y + h : 0;
}

static void
place_rows (HsLadderLayout *self)
{
  place_rows_from (self, 0);
}

static void
placer_init (HsLadderLayout *self,
             Placer         *pl)
{
  memset (pl, 0, sizeof *pl);
  pl->h = row_height (self);
  pl->floor = row_floor (self);
  pl->cap = HS_LADDER_GAP_CAP * pl->h;
  pl->scale = self->time_scale * self->zoom;
}

/* Whether a phase other than the first begins at pos. */
static gboolean
starts_phase (HsLadderLayout *self,
              guint           pos)
{
  guint i;

  for (i = 1; i < self->n_phases; i++)
    if (self->phases[i].first == pos)
      return TRUE;
  return FALSE;
}

static void
add_run (HsLadderLayout *self,
         guint           first,
         guint64         bytes)
{
  Run run = { first, bytes };

  g_array_append_val (self->runs, run);
}

/* Positions first .. first + n - 1 (one packet, or a collapsed run of
 * them) as the next row, or a packet into the bundle before it. */
static void
place_time_true (HsLadderLayout  *self,
                 Placer          *pl,
                 guint            first,
                 guint            n,
                 HsLadderRowKind  kind,
                 guint64          bytes)
{
  HsLadderRow *last = self->n_rows > 0 ? &self->rows[self->n_rows - 1] : NULL;
  gboolean plain = kind == HS_LADDER_ROW_PACKET && !pos_notable (self, first);
  gint64 t0 = pos_time (self, first);
  gboolean gap = FALSE;
  HsLadderRow *row;
  double y = 0;

  if (last != NULL)
    {
      double dt = t0 > pl->last_ns ? (double)(t0 - pl->last_ns) : 0.0;
      double after = last->kind == HS_LADDER_ROW_COLLAPSED ? pl->h : pl->floor;

      /* a bundle never spans two phases */
      if (starts_phase (self, first))
        {
          after += 0.35 * pl->h;
          plain = FALSE;
        }

      /* zoomed in, what is a long pause at that scale is compressed too,
       * so that the picture stays a few rows per packet at any zoom */
      if (dt * pl->scale > pl->cap)
        {
          gap = TRUE;
          y = last->y + (last->kind == HS_LADDER_ROW_COLLAPSED ? pl->h : 0) +
              MAX (pl->cap, pl->floor);
          pl->time_y = y;
        }
      else
        {
          pl->time_y += dt * pl->scale;
          if (plain && pl->last_plain && pl->time_y < last->y + pl->floor)
            {
              if (last->n == 1)
                {
                  last->kind = HS_LADDER_ROW_BUNDLE;
                  add_run (self, last->first, pl->last_bytes);
                }
              last->n++;
              g_array_index (self->runs, Run, self->runs->len - 1).bytes += bytes;
              pl->last_ns = MAX (pl->last_ns, t0);
              return;
            }
          y = MAX (pl->time_y, last->y + after);
        }
    }

  row = append_row (self, first, n, kind);
  row->y = y;
  row->gap_before = gap;
  pl->time_y = y;
  pl->last_plain = kind == HS_LADDER_ROW_PACKET && !pos_notable (self, first);
  pl->last_bytes = bytes;
  pl->last_ns = MAX (pl->last_ns, t0);
  if (kind == HS_LADDER_ROW_COLLAPSED)
    {
      /* the time inside a collapsed run is not drawn: one row */
      add_run (self, first, bytes);
      pl->time_y = y + pl->h;
      pl->last_ns = MAX (pl->last_ns, pos_time (self, first + n - 1));
    }
}

/* Room for n rows, grown by doubling while a live connection grows. */
static void
ensure_rows (HsLadderLayout *self,
             guint           n)
{
  if (n <= self->rows_alloc)
    return;

  self->rows_alloc = MAX (n, 2 * self->rows_alloc);
  self->rows = g_renew (HsLadderRow, self->rows, self->rows_alloc);
}

/* Makes the rows of positions pos .. range_last after the rows there are.
 * A run that reaches range_last is remembered (self->tail), so that
 * extending starts again from it; resume is that run, to go on from its
 * last position instead of looking at it again. */
static void
build_rows_from (HsLadderLayout *self,
                 guint           pos,
                 Placer         *pl,
                 const Tail     *resume)
{
  gboolean by_time = self->mode == HS_LADDER_TIME_TRUE && !self->time_flat;

  g_assert (self->n_rows + (self->range_last + 1 - pos) <= self->rows_alloc);

  self->tail.first = HS_LADDER_NO_POS;

  while (pos <= self->range_last)
    {
      const HsPacketRecord *r = _hs_ladder_layout_get_record (self, pos);
      guint64 bytes = r->payload_len;
      guint end = pos;
      guint p;

      if (resume != NULL || (self->collapse && pos_uneventful (self, pos)))
        {
          if (resume != NULL)
            {
              g_assert (resume->first == pos);
              end = resume->end;
              bytes = resume->bytes;
              resume = NULL;
            }

          while (end < self->range_last && pos_uneventful (self, end + 1))
            {
              bytes += _hs_ladder_layout_get_record (self, end + 1)->payload_len;
              end++;
            }

          if (end == self->range_last)
            {
              Tail *t = &self->tail;

              t->first = pos;
              t->end = end;
              t->bytes = bytes;
              t->n_rows = self->n_rows;
              t->n_runs = self->runs->len;
              if (self->n_rows > 0)
                t->last_row = self->rows[self->n_rows - 1];
              if (self->runs->len > 0)
                t->last_run = g_array_index (self->runs, Run, self->runs->len - 1);
              t->placer = *pl;
            }

          if (end - pos + 1 >= HS_LADDER_MIN_COLLAPSE &&
              !g_hash_table_contains (self->expanded, GUINT_TO_POINTER (pos)))
            {
              if (by_time)
                place_time_true (self, pl, pos, end - pos + 1, HS_LADDER_ROW_COLLAPSED, bytes);
              else
                {
                  append_row (self, pos, end - pos + 1, HS_LADDER_ROW_COLLAPSED);
                  add_run (self, pos, bytes);
                }
              pos = end + 1;
              continue;
            }
        }

      /* packet rows, one per packet of the run (or the one packet) */
      for (p = pos; p <= end; p++)
        {
          if (by_time)
            place_time_true (self, pl, p, 1, HS_LADDER_ROW_PACKET,
                             p == pos ? r->payload_len
                                      : _hs_ladder_layout_get_record (self, p)->payload_len);
          else
            append_row (self, p, 1, HS_LADDER_ROW_PACKET);
        }
      pos = end + 1;
    }

  self->placer = *pl;
  if (by_time)
    self->height = self->n_rows > 0 ? self->rows[self->n_rows - 1].y + pl->h : 0;
}

static void
build_rows (HsLadderLayout *self)
{
  guint n_range = self->range_last - self->range_first + 1;
  gboolean by_time = self->mode == HS_LADDER_TIME_TRUE && !self->time_flat;
  Placer pl;

  self->rows = g_renew (HsLadderRow, self->rows, n_range);
  self->rows_alloc = n_range;
  self->n_rows = 0;
  g_array_set_size (self->runs, 0);
  placer_init (self, &pl);

  build_rows_from (self, self->range_first, &pl, NULL);

  /* the exact size: the rows are most of the layout's memory */
  if (self->n_rows != n_range)
    {
      self->rows_alloc = MAX (self->n_rows, 1);
      self->rows = g_renew (HsLadderRow, self->rows, self->rows_alloc);
    }

  if (!by_time)
    place_rows (self);
}

/* The rows of the positions after old_last (the range's last before the
 * connection grew, now range_last), made as build_rows() would: from the
 * run that reached old_last, if any (it may grow and collapse; the row
 * before it is put back as it was, as one of its packets may have joined
 * that row's bundle), else from the first new position, the placer going
 * on where it was. */
static void
extend_rows (HsLadderLayout *self,
             guint           old_last)
{
  gboolean by_time = self->mode == HS_LADDER_TIME_TRUE && !self->time_flat;
  guint first_row;
  Tail tail = self->tail;
  Placer pl;

  g_assert (old_last < self->range_last);

  if (tail.first != HS_LADDER_NO_POS)
    {
      g_assert (tail.end == old_last);
      self->n_rows = tail.n_rows;
      g_array_set_size (self->runs, tail.n_runs);
      if (tail.n_rows > 0)
        self->rows[tail.n_rows - 1] = tail.last_row;
      if (tail.n_runs > 0)
        g_array_index (self->runs, Run, tail.n_runs - 1) = tail.last_run;
      pl = tail.placer;
      ensure_rows (self, self->n_rows + (self->range_last + 1 - tail.first));
      first_row = self->n_rows;
      build_rows_from (self, tail.first, &pl, &tail);
    }
  else
    {
      pl = self->placer;
      ensure_rows (self, self->n_rows + (self->range_last - old_last));
      first_row = self->n_rows;
      build_rows_from (self, old_last + 1, &pl, NULL);
    }

  /* the row put back was saved before packet order placed it */
  if (!by_time)
    place_rows_from (self, first_row > 0 ? first_row - 1 : 0);
}

static void
update_columns (HsLadderLayout *self)
{
  HsLadderColumns *c = &self->columns;
  /* at the default window size (about 950 px), room for the longest badge
   * of one finding ("Previous segment not captured") on one line; the
   * painter wraps what is longer into two, so that at the narrowest the
   * badges' longest words still fit */
  double badge_width = CLAMP (c->width * 0.24, 184.0, 300.0);
  /* narrower than 800 px (a window tiled on half a screen), the gutter and
   * the margins beside the lifelines give the lane what they can spare:
   * frame numbers of five digits, and half a state name */
  double f = CLAMP ((c->width - HS_LADDER_MIN_WIDTH) / (800.0 - HS_LADDER_MIN_WIDTH), 0.0, 1.0);
  double margin = 44 + 16 * f;

  c->gutter = 72 + 16 * f;
  c->badge = c->width - badge_width;
  c->lifeline[0] = c->gutter + margin;
  c->lifeline[1] = c->badge - margin;
}

/* ------------------------------------------------------------------------ */
/* Life cycle                                                                */

HsLadderLayout *
hs_ladder_layout_new (HsCapture *capture,
                      guint      stream)
{
  HsLadderLayout *self;

  g_return_val_if_fail (HS_IS_CAPTURE (capture), NULL);
  g_return_val_if_fail (stream < hs_capture_get_n_connections (capture), NULL);

  self = g_new0 (HsLadderLayout, 1);
  self->capture = g_object_ref (capture);
  self->stream = stream;
  self->conn = hs_capture_get_connection (capture, stream);
  self->pkts = hs_capture_get_stream_packets (capture, stream, &self->n_pkts);
  self->mode = HS_LADDER_PACKET_ORDER;
  self->zoom = 1.0;
  self->zoom_asked = 1.0;
  self->time_max_zoom = HS_LADDER_MAX_ZOOM;
  self->collapse = FALSE;
  self->range_first = 0;
  self->range_last = self->n_pkts > 0 ? self->n_pkts - 1 : 0;
  self->default_names[0] = hs_connection_dup_endpoint (self->conn, 0);
  self->default_names[1] = hs_connection_dup_endpoint (self->conn, 1);
  self->columns.width = 1000;
  self->runs = g_array_new (FALSE, FALSE, sizeof (Run));
  self->expanded = g_hash_table_new (NULL, NULL);
  self->anomalies = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->texts = g_hash_table_new_full (NULL, NULL, NULL, text_free);

  update_columns (self);
  scan_init (self);
  self->tail.first = HS_LADDER_NO_POS;

  if (self->n_pkts > 0)
    {
      scan_packets (self, 0);
      build_rows (self);
    }

  return self;
}

void
hs_ladder_layout_free (HsLadderLayout *self)
{
  guint b;

  if (self == NULL)
    return;

  g_clear_object (&self->capture);
  g_free (self->names[0]);
  g_free (self->names[1]);
  g_free (self->default_names[0]);
  g_free (self->default_names[1]);
  g_free (self->rows);
  g_array_unref (self->runs);
  g_hash_table_unref (self->expanded);
  g_array_unref (self->anomalies);
  for (b = 0; b < N_BUCKETS; b++)
    g_array_unref (self->notable[b]);
  g_free (self->dir_bits);
  g_free (self->dir_ones);
  g_free (self->notable_bits);
  g_hash_table_unref (self->texts);
  g_free (self);
}

HsCapture *
hs_ladder_layout_get_capture (HsLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->capture;
}

guint
hs_ladder_layout_get_stream (HsLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->stream;
}

guint
hs_ladder_layout_get_n_packets (HsLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_pkts;
}

guint
hs_ladder_layout_get_frame (HsLadderLayout *self,
                            guint           pos)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (pos < self->n_pkts, 0);
  return self->pkts[pos];
}

guint
hs_ladder_layout_find_frame (HsLadderLayout *self,
                             guint           frame)
{
  guint pos;

  g_return_val_if_fail (self != NULL, HS_LADDER_NO_POS);

  /* HS_LADDER_NO_POS is G_MAXUINT, what the capture says for "none"; a
   * live capture's packets newer than the layout are not in it */
  pos = hs_capture_find_stream_position (self->capture, self->stream, frame);
  return pos < self->n_pkts ? pos : HS_LADDER_NO_POS;
}

void
hs_ladder_layout_capture_grew (HsLadderLayout *self)
{
  guint n;

  g_return_if_fail (self != NULL);

  /* the packets drawn are still the first n_pkts of the connection */
  self->conn = hs_capture_get_connection (self->capture, self->stream);
  self->pkts = hs_capture_get_stream_packets (self->capture, self->stream, &n);
  g_return_if_fail (n >= self->n_pkts);
}

/* Whether a phase other than the first begins at one of the positions
 * before `end` in one list of phases and not in the other. */
static gboolean
phase_starts_differ (const HsLadderPhase *a,
                     guint                n_a,
                     const HsLadderPhase *b,
                     guint                n_b,
                     guint                end)
{
  guint i = 1;
  guint j = 1;

  for (;;)
    {
      while (i < n_a && a[i].first >= end)
        i++;
      while (j < n_b && b[j].first >= end)
        j++;
      if (i >= n_a || j >= n_b)
        return (i < n_a) != (j < n_b);
      if (a[i].first != b[j].first)
        return TRUE;
      i++;
      j++;
    }
}

gboolean
hs_ladder_layout_extend (HsLadderLayout *self)
{
  HsLadderPhase old_phases[G_N_ELEMENTS (self->phases)];
  guint old_n_phases;
  guint old_n;
  guint n;
  const guint32 *pkts;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->stream < hs_capture_get_n_connections (self->capture), FALSE);

  pkts = hs_capture_get_stream_packets (self->capture, self->stream, &n);
  old_n = self->n_pkts;
  if (n < old_n)
    return FALSE;
  /* a range for an export is not a live view's */
  if (old_n > 0 && (self->range_first != 0 || self->range_last != old_n - 1))
    return FALSE;

  self->conn = hs_capture_get_connection (self->capture, self->stream);
  self->pkts = pkts;
  if (n == old_n)
    return TRUE;

  memcpy (old_phases, self->phases, sizeof old_phases);
  old_n_phases = self->n_phases;

  self->n_pkts = n;
  /* texts are made again on demand, as in a new layout */
  g_hash_table_remove_all (self->texts);
  scan_packets (self, old_n);
  self->range_first = 0;
  self->range_last = n - 1;

  if (self->mode == HS_LADDER_TIME_TRUE)
    {
      double scale = self->time_scale;
      double max = self->time_max_zoom;
      gboolean flat = self->time_flat;
      double zoom = self->zoom;

      /* the scale is the whole range's: when it moved, every row does */
      compute_time_scale (self);
      self->zoom = CLAMP (self->zoom_asked, HS_LADDER_MIN_ZOOM, max_zoom (self));
      if (old_n == 0 || scale != self->time_scale || max != self->time_max_zoom ||
          flat != self->time_flat || zoom != self->zoom ||
          phase_starts_differ (old_phases, old_n_phases, self->phases, self->n_phases, old_n))
        {
          build_rows (self);
          return TRUE;
        }
    }
  else if (old_n == 0)
    {
      build_rows (self);
      return TRUE;
    }

  extend_rows (self, old_n - 1);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Settings                                                                  */

gboolean
hs_ladder_layout_set_mode (HsLadderLayout *self,
                           HsLadderMode    mode)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (mode == HS_LADDER_PACKET_ORDER || mode == HS_LADDER_TIME_TRUE, FALSE);

  if (self->mode == mode)
    return FALSE;

  self->mode = mode;
  if (self->n_pkts == 0)
    return TRUE;
  if (mode == HS_LADDER_TIME_TRUE)
    compute_time_scale (self);
  self->zoom = CLAMP (self->zoom_asked, HS_LADDER_MIN_ZOOM, max_zoom (self));
  build_rows (self);
  return TRUE;
}

HsLadderMode
hs_ladder_layout_get_mode (HsLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, HS_LADDER_PACKET_ORDER);
  return self->mode;
}

gboolean
hs_ladder_layout_set_zoom (HsLadderLayout *self,
                           double          zoom)
{
  g_return_val_if_fail (self != NULL, FALSE);

  self->zoom_asked = CLAMP (zoom, HS_LADDER_MIN_ZOOM, HS_LADDER_MAX_TIME_ZOOM);
  zoom = CLAMP (zoom, HS_LADDER_MIN_ZOOM, max_zoom (self));
  if (zoom == self->zoom)
    return FALSE;

  self->zoom = zoom;
  /* time-true: the bundles follow the scale */
  if (self->n_pkts > 0 && self->mode == HS_LADDER_TIME_TRUE && !self->time_flat)
    build_rows (self);
  else if (self->n_pkts > 0)
    place_rows (self);
  return TRUE;
}

double
hs_ladder_layout_get_max_zoom (HsLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, HS_LADDER_MAX_ZOOM);
  return max_zoom (self);
}

double
hs_ladder_layout_get_zoom (HsLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, 1.0);
  return self->zoom;
}

gboolean
hs_ladder_layout_set_width (HsLadderLayout *self,
                            double          width)
{
  g_return_val_if_fail (self != NULL, FALSE);

  width = MAX (width, HS_LADDER_MIN_WIDTH);
  if (width == self->columns.width)
    return FALSE;

  self->columns.width = width;
  update_columns (self);
  return TRUE;
}

gboolean
hs_ladder_layout_set_collapse (HsLadderLayout *self,
                               gboolean        collapse)
{
  g_return_val_if_fail (self != NULL, FALSE);

  collapse = !!collapse;
  if (collapse == self->collapse)
    return FALSE;

  self->collapse = collapse;
  if (!collapse)
    g_hash_table_remove_all (self->expanded);
  if (self->n_pkts > 0)
    build_rows (self);
  return TRUE;
}

gboolean
hs_ladder_layout_get_collapse (HsLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->collapse;
}

gboolean
hs_ladder_layout_toggle_run (HsLadderLayout *self,
                             guint           row)
{
  const HsLadderRow *r;
  guint first;

  g_return_val_if_fail (self != NULL, FALSE);

  if (row >= self->n_rows || !self->collapse)
    return FALSE;

  r = &self->rows[row];
  if (r->kind == HS_LADDER_ROW_COLLAPSED)
    {
      g_hash_table_add (self->expanded, GUINT_TO_POINTER (r->first));
      build_rows (self);
      return TRUE;
    }

  /* a packet row: the start of the uneventful run around it, if the user
   * expanded that run */
  first = r->first;
  if (!pos_uneventful (self, first))
    return FALSE;
  while (first > self->range_first && pos_uneventful (self, first - 1))
    first--;

  if (!g_hash_table_remove (self->expanded, GUINT_TO_POINTER (first)))
    return FALSE;

  build_rows (self);
  return TRUE;
}

gboolean
hs_ladder_layout_set_range (HsLadderLayout *self,
                            guint           first,
                            guint           last)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->n_pkts == 0)
    return FALSE;

  first = MIN (first, self->n_pkts - 1);
  last = MIN (last, self->n_pkts - 1);
  last = MAX (first, last);

  if (first == self->range_first && last == self->range_last)
    return FALSE;

  self->range_first = first;
  self->range_last = last;
  if (self->mode == HS_LADDER_TIME_TRUE)
    {
      compute_time_scale (self);
      self->zoom = CLAMP (self->zoom_asked, HS_LADDER_MIN_ZOOM, max_zoom (self));
    }
  build_rows (self);
  return TRUE;
}

void
hs_ladder_layout_get_range (HsLadderLayout *self,
                            guint          *first,
                            guint          *last)
{
  g_return_if_fail (self != NULL);

  if (first != NULL)
    *first = self->range_first;
  if (last != NULL)
    *last = self->range_last;
}

void
hs_ladder_layout_set_endpoint_name (HsLadderLayout *self,
                                    guint           side,
                                    const char     *name)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (side <= 1);

  g_free (self->names[side]);
  self->names[side] = (name != NULL && *name != '\0') ? g_strdup (name) : NULL;
}

const char *
hs_ladder_layout_get_endpoint_name (HsLadderLayout *self,
                                    guint           side)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (side <= 1, NULL);

  return self->names[side] != NULL ? self->names[side] : self->default_names[side];
}

/* ------------------------------------------------------------------------ */
/* Geometry                                                                  */

const HsLadderColumns *
hs_ladder_layout_get_columns (HsLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->columns;
}

double
hs_ladder_layout_get_row_height (HsLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, HS_LADDER_ROW_HEIGHT);
  return row_height (self);
}

double
hs_ladder_layout_get_row_floor (HsLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return row_floor (self);
}

double
hs_ladder_layout_get_height (HsLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->height;
}

guint
hs_ladder_layout_get_n_rows (HsLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_rows;
}

const HsLadderRow *
hs_ladder_layout_get_row (HsLadderLayout *self,
                          guint           row)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (row < self->n_rows, NULL);
  return &self->rows[row];
}

guint
hs_ladder_layout_row_for_pos (HsLadderLayout *self,
                              guint           pos)
{
  guint lo = 0;
  guint hi;

  g_return_val_if_fail (self != NULL, HS_LADDER_NO_POS);

  if (self->n_rows == 0 || pos < self->range_first || pos > self->range_last)
    return HS_LADDER_NO_POS;
  if (self->n_rows == self->range_last - self->range_first + 1)
    return pos - self->range_first;

  /* the last row whose first position is at or before pos */
  hi = self->n_rows;
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->rows[mid].first <= pos)
        lo = mid;
      else
        hi = mid;
    }

  return lo;
}

/* How many rows have their top at or above y (rows are in y order). */
static guint
rows_with_top_before (HsLadderLayout *self,
                      double          y)
{
  guint lo = 0;
  guint hi = self->n_rows;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->rows[mid].y <= y)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

guint
_hs_ladder_layout_rows_above (HsLadderLayout *self,
                              double          y)
{
  guint lo = 0;
  guint hi = self->n_rows;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->rows[mid].y < y)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

guint
hs_ladder_layout_row_at_y (HsLadderLayout *self,
                           double          y)
{
  guint n;

  g_return_val_if_fail (self != NULL, 0);

  n = rows_with_top_before (self, y);
  return n > 0 ? n - 1 : 0;
}

/* A row covers [top, top + row height); it intersects y0 .. y1 when its
 * top is at or above y1 and its bottom below y0. */
gboolean
hs_ladder_layout_visible_rows (HsLadderLayout *self,
                               double          y0,
                               double          y1,
                               guint          *first,
                               guint          *last)
{
  double h;
  guint a;
  guint b;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->n_rows == 0 || y1 < y0)
    return FALSE;

  h = row_height (self);
  a = rows_with_top_before (self, y0 - h);
  b = rows_with_top_before (self, y1);
  if (b == 0 || a >= b)
    return FALSE;

  if (first != NULL)
    *first = a;
  if (last != NULL)
    *last = b - 1;
  return TRUE;
}

void
hs_ladder_layout_get_arrow (HsLadderLayout *self,
                            guint           row,
                            double         *x0,
                            double         *y0,
                            double         *x1,
                            double         *y1)
{
  const HsLadderRow *r;
  double h;
  guint dir = 0;
  double top;
  double bottom;

  g_return_if_fail (self != NULL);
  g_return_if_fail (row < self->n_rows);

  r = &self->rows[row];
  h = row_height (self);

  if (r->kind == HS_LADDER_ROW_COLLAPSED)
    {
      top = hs_ladder_bar_top (h);
      bottom = hs_ladder_bar_bottom (h);
    }
  else
    {
      top = hs_ladder_arrow_top (h);
      bottom = hs_ladder_arrow_bottom (h);
      dir = _hs_ladder_layout_get_record (self, r->first)->direction;
    }

  if (x0 != NULL)
    *x0 = self->columns.lifeline[dir];
  if (x1 != NULL)
    *x1 = self->columns.lifeline[!dir];
  if (y0 != NULL)
    *y0 = r->y + top;
  if (y1 != NULL)
    *y1 = r->y + bottom;
}

/* The arrow's y at x (its end's y beyond its ends). */
static double
arrow_y_at (HsLadderLayout *self,
            guint           row,
            double          x)
{
  double x0, y0, x1, y1, t;

  hs_ladder_layout_get_arrow (self, row, &x0, &y0, &x1, &y1);
  if (self->rows[row].kind != HS_LADDER_ROW_PACKET)
    return (y0 + y1) / 2;

  t = (x - x0) / (x1 - x0);
  t = CLAMP (t, 0.0, 1.0);
  return y0 + t * (y1 - y0);
}

guint
hs_ladder_layout_hit (HsLadderLayout *self,
                      double          x,
                      double          y)
{
  double h;
  double best_dist = G_MAXDOUBLE;
  guint best = HS_LADDER_NO_POS;
  guint n;
  guint i;
  guint steps;

  g_return_val_if_fail (self != NULL, HS_LADDER_NO_POS);

  if (self->n_rows == 0 || x < 0 || x > self->columns.width)
    return HS_LADDER_NO_POS;

  h = row_height (self);

  /* candidates: the rows whose top is within a row above y (their arrow
   * can be within half a row), nearest first, and the one just below */
  n = rows_with_top_before (self, y);
  if (n < self->n_rows)
    n++;
  for (i = n, steps = 0; i > 0 && steps < HIT_MAX_CANDIDATES; i--, steps++)
    {
      const HsLadderRow *r = &self->rows[i - 1];
      double dist;

      if (r->y + 1.5 * h < y)
        break;

      if (r->kind != HS_LADDER_ROW_PACKET)
        {
          /* the whole bar or band counts, and half a row around it */
          double b0, b1;

          hs_ladder_layout_get_arrow (self, i - 1, NULL, &b0, NULL, &b1);
          dist = y < b0 ? b0 - y : (y > b1 ? y - b1 : 0);
        }
      else
        dist = fabs (y - arrow_y_at (self, i - 1, x));

      if (dist < best_dist)
        {
          best_dist = dist;
          best = i - 1;
        }
    }

  if (best != HS_LADDER_NO_POS && best_dist <= h / 2)
    return best;
  return HS_LADDER_NO_POS;
}

/* ------------------------------------------------------------------------ */
/* Phases, states, anomalies                                                 */

guint
hs_ladder_layout_get_n_phases (HsLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_phases;
}

const HsLadderPhase *
hs_ladder_layout_get_phase (HsLadderLayout *self,
                            guint           i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->n_phases, NULL);
  return &self->phases[i];
}

HsTcpState
hs_ladder_layout_get_state (HsLadderLayout *self,
                            guint           pos,
                            guint           side,
                            gboolean       *changed)
{
  HsTcpState state;

  g_return_val_if_fail (self != NULL, HS_TCP_STATE_UNKNOWN);
  g_return_val_if_fail (side <= 1, HS_TCP_STATE_UNKNOWN);

  if (pos >= self->n_pkts)
    {
      if (changed != NULL)
        *changed = FALSE;
      return HS_TCP_STATE_UNKNOWN;
    }

  state = side_state (_hs_ladder_layout_get_record (self, pos), side);
  if (changed != NULL)
    {
      HsTcpState before = HS_TCP_STATE_UNKNOWN;

      if (pos > 0)
        before = side_state (_hs_ladder_layout_get_record (self, pos - 1), side);
      *changed = state != before;
    }

  return state;
}

const guint32 *
hs_ladder_layout_get_anomalies (HsLadderLayout *self,
                                guint          *n)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n != NULL)
    *n = self->anomalies->len;
  return (const guint32 *) self->anomalies->data;
}

guint
hs_ladder_layout_next_anomaly (HsLadderLayout *self,
                               guint           pos,
                               gboolean        forward)
{
  const guint32 *a;
  guint n;
  guint lo = 0;
  guint hi;

  g_return_val_if_fail (self != NULL, HS_LADDER_NO_POS);

  a = (const guint32 *) self->anomalies->data;
  n = self->anomalies->len;
  if (n == 0)
    return HS_LADDER_NO_POS;

  /* from nowhere: the first going forward, the last going back */
  if (pos == HS_LADDER_NO_POS)
    return forward ? a[0] : a[n - 1];

  /* lo: the number of anomalies at or before pos */
  hi = n;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (a[mid] <= pos)
        lo = mid + 1;
      else
        hi = mid;
    }

  if (forward)
    return lo < n ? a[lo] : HS_LADDER_NO_POS;

  /* skip pos itself */
  if (lo > 0 && a[lo - 1] == pos)
    lo--;
  return lo > 0 ? a[lo - 1] : HS_LADDER_NO_POS;
}

/* ------------------------------------------------------------------------ */
/* Text                                                                      */

static void
append_part (GString    *str,
             const char *part)
{
  if (str->len > 0)
    g_string_append (str, " · ");
  g_string_append (str, part);
}

static char *
build_label (HsLadderLayout       *self,
             guint                 pos,
             const HsPacketRecord *r)
{
  guint index = self->pkts[pos];
  g_autofree char *flags = hs_tcp_flags_to_string (r->tcp_flags);
  GString *str = g_string_new (flags);

  /* Wireshark's words, untranslated, as in the Info column */
  g_string_append_printf (str, "  Seq=%u", hs_capture_relative_seq (self->capture, index));
  if (r->tcp_flags & HS_TCP_ACK)
    g_string_append_printf (str, " Ack=%u", hs_capture_relative_ack (self->capture, index));
  g_string_append_printf (str, " Win=%u", hs_packet_record_window (r));
  if (r->decode_status == HS_DECODE_TCP)
    g_string_append_printf (str, " Len=%u", r->payload_len);
  else
    g_string_append_printf (str, " · %s", _("Malformed packet"));

  /* the bytes only for the packets that have something to say: the
   * options of a SYN and SACK blocks as in the Info column, the summary */
  if (r->app != HS_APP_NONE || (r->tcp_flags & HS_TCP_SYN) || r->has_sack)
    {
      g_autoptr(GBytes) bytes = hs_capture_read_packet (self->capture, index, NULL);
      g_autofree char *options = hs_explain_info_options (self->capture, index, bytes,
                                                          !(r->tcp_flags & HS_TCP_SYN));
      g_autofree char *summary = hs_explain_app_summary (self->capture, index, bytes);

      g_string_append (str, options);

      /* the Info column's trailing space after an HTTP request line */
      if (summary != NULL && *g_strchomp (summary) != '\0')
        g_string_append_printf (str, " · %s", summary);
    }
  else if (r->payload_len > 0)
    {
      /* the end of an HTTP message, which the Info column shows there */
      g_autofree char *summary = hs_explain_app_summary (self->capture, index, NULL);

      if (summary != NULL && *g_strchomp (summary) != '\0')
        g_string_append_printf (str, " · %s", summary);
    }

  return g_string_free (str, FALSE);
}

static char *
build_badge (HsLadderLayout       *self,
             guint                 pos,
             const HsPacketRecord *r,
             guint                 orig)
{
  GString *str = g_string_new (NULL);
  guint a = r->analysis;

  if (r->decode_status == HS_DECODE_MALFORMED || (r->problems & MALFORMED_PROBLEMS))
    append_part (str, _("Malformed"));
  if (r->tcp_flags & HS_TCP_RST)
    append_part (str, _("Reset"));
  if (a & HS_ANALYSIS_LOST_SEGMENT)
    append_part (str, _("Previous segment not captured"));
  if (a & HS_ANALYSIS_ACK_LOST_SEGMENT)
    append_part (str, _("ACKed unseen segment"));

  if (a & RETRANSMISSION_FAMILY)
    {
      g_autofree char *text = NULL;

      /* Translators: %u is a frame number, as in the packet list */
      if (orig != G_MAXUINT && (a & HS_ANALYSIS_SPURIOUS_RETRANSMISSION))
        text = g_strdup_printf (_("Spurious retransmission of #%u"), orig + 1);
      else if (orig != G_MAXUINT && (a & HS_ANALYSIS_FAST_RETRANSMISSION))
        text = g_strdup_printf (_("Fast retransmission of #%u"), orig + 1);
      else if (orig != G_MAXUINT)
        text = g_strdup_printf (_("Retransmission of #%u"), orig + 1);
      else if (a & HS_ANALYSIS_SPURIOUS_RETRANSMISSION)
        text = g_strdup (_("Spurious retransmission"));
      else if (a & HS_ANALYSIS_FAST_RETRANSMISSION)
        text = g_strdup (_("Fast retransmission"));
      else
        text = g_strdup (_("Retransmission"));
      append_part (str, text);
    }

  if (a & HS_ANALYSIS_OUT_OF_ORDER)
    append_part (str, _("Out of order"));
  if (a & HS_ANALYSIS_DUPLICATE_ACK)
    {
      /* Translators: the n-th duplicate of an ACK, as Wireshark counts them */
      g_autofree char *text = g_strdup_printf (_("Dup ACK #%u"),
                                               hs_packet_record_dupack_num (r));

      append_part (str, text);
    }
  if (a & HS_ANALYSIS_ZERO_WINDOW_PROBE)
    append_part (str, _("Zero window probe"));
  if (a & HS_ANALYSIS_ZERO_WINDOW_PROBE_ACK)
    append_part (str, _("Zero window probe ACK"));
  /* a probe's ACK says the window is still zero: once is enough */
  if ((a & HS_ANALYSIS_ZERO_WINDOW) && !(a & HS_ANALYSIS_ZERO_WINDOW_PROBE_ACK))
    append_part (str, _("Zero window"));
  if (a & HS_ANALYSIS_WINDOW_FULL)
    append_part (str, _("Window full"));
  if (a & HS_ANALYSIS_WINDOW_UPDATE)
    append_part (str, _("Window update"));
  /* Linux probes a zero window with an old byte, which Wireshark calls a
   * keep-alive */
  if ((a & HS_ANALYSIS_KEEP_ALIVE) &&
      hs_explain_keep_alive_probes_window (self->capture, self->pkts[pos]))
    append_part (str, _("Zero window probe (keep-alive)"));
  else if (a & HS_ANALYSIS_KEEP_ALIVE)
    append_part (str, _("Keep-alive"));
  if (a & HS_ANALYSIS_KEEP_ALIVE_ACK)
    append_part (str, _("Keep-alive ACK"));
  if (a & HS_ANALYSIS_REUSED_PORTS)
    append_part (str, _("Ports reused"));

  if (str->len == 0)
    {
      g_string_free (str, TRUE);
      return NULL;
    }

  return g_string_free (str, FALSE);
}

/* The cache entry of a position, empty when new. */
static Text *
get_text (HsLadderLayout *self,
          guint           pos)
{
  Text *text;

  text = g_hash_table_lookup (self->texts, GUINT_TO_POINTER (pos));
  if (text != NULL)
    return text;

  /* bounded: the painters ask for what is on screen, over and over */
  if (g_hash_table_size (self->texts) >= TEXT_CACHE_MAX)
    g_hash_table_remove_all (self->texts);

  text = g_new0 (Text, 1);
  text->original = HS_LADDER_NO_POS;
  text->original_frame = G_MAXUINT;
  g_hash_table_insert (self->texts, GUINT_TO_POINTER (pos), text);

  return text;
}

/* The original of a retransmission, looked for once. */
static void
text_find_original (HsLadderLayout       *self,
                    Text                 *text,
                    guint                 pos,
                    const HsPacketRecord *r)
{
  if (text->has_original)
    return;

  text->has_original = TRUE;
  if ((r->analysis & RETRANSMISSION_FAMILY) == 0)
    return;

  text->original_frame = hs_capture_find_original (self->capture, self->pkts[pos]);
  if (text->original_frame != G_MAXUINT)
    text->original = hs_ladder_layout_find_frame (self, text->original_frame);
}

const char *
hs_ladder_layout_get_label (HsLadderLayout *self,
                            guint           pos)
{
  Text *text;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (pos < self->n_pkts, NULL);

  text = get_text (self, pos);
  if (!text->has_label)
    {
      text->label = build_label (self, pos, _hs_ladder_layout_get_record (self, pos));
      text->has_label = TRUE;
      self->stats.labels_built++;
    }

  return text->label;
}

const char *
hs_ladder_layout_get_badge (HsLadderLayout *self,
                            guint           pos)
{
  Text *text;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (pos < self->n_pkts, NULL);

  text = get_text (self, pos);
  if (!text->has_badge)
    {
      const HsPacketRecord *r = _hs_ladder_layout_get_record (self, pos);

      text_find_original (self, text, pos, r);
      text->badge = build_badge (self, pos, r, text->original_frame);
      text->has_badge = TRUE;
      self->stats.labels_built++;
    }

  return text->badge;
}

char *
hs_ladder_layout_dup_run_summary (HsLadderLayout *self,
                                  guint           row)
{
  const HsLadderRow *r;
  const Run *runs;
  g_autofree char *count = NULL;
  g_autofree char *size = NULL;
  guint lo = 0;
  guint hi;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (row < self->n_rows, NULL);

  r = &self->rows[row];
  if (r->kind == HS_LADDER_ROW_PACKET)
    return NULL;

  runs = (const Run *) self->runs->data;
  hi = self->runs->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (runs[mid].first < r->first)
        lo = mid + 1;
      else
        hi = mid;
    }
  g_assert (lo < self->runs->len && runs[lo].first == r->first);

  count = hs_format_count (r->n);
  size = g_format_size (runs[lo].bytes);

  if (r->kind == HS_LADDER_ROW_BUNDLE)
    {
      g_autofree char *duration = hs_format_duration (pos_time (self, r->first + r->n - 1) -
                                                      pos_time (self, r->first));

      /* Translators: time-true ladder, packets too close together in time
       * to be drawn one by one: "40 packets in 1.2 ms, 57.9 kB" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s packet in %s, %s",
                                           "%s packets in %s, %s", r->n),
                              count, duration, size);
    }

  /* Translators: a collapsed run of ordinary packets: "1,204 segments, 3.1 MB" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s segment, %s", "%s segments, %s",
                                       r->n),
                          count, size);
}

/* ------------------------------------------------------------------------ */
/* Private                                                                   */

guint
_hs_ladder_layout_get_original (HsLadderLayout *self,
                                guint           pos)
{
  const HsPacketRecord *r;
  Text *text;

  g_assert (pos < self->n_pkts);

  r = _hs_ladder_layout_get_record (self, pos);
  if ((r->analysis & RETRANSMISSION_FAMILY) == 0)
    return HS_LADDER_NO_POS;

  text = get_text (self, pos);
  text_find_original (self, text, pos, r);
  return text->original;
}

guint
_hs_ladder_layout_find_notable (HsLadderLayout *self,
                                guint           first,
                                guint           last,
                                guint           dir,
                                guint           max_rank,
                                guint          *rank)
{
  guint k;

  g_assert (self != NULL);

  if (first > last)
    return HS_LADDER_NO_POS;

  for (k = 1; k <= MIN (max_rank, N_RANKS); k++)
    {
      guint best = HS_LADDER_NO_POS;
      guint d;

      for (d = 0; d < 2; d++)
        {
          guint b = (k - 1) * 2 + d;
          const guint32 *a = (const guint32 *) self->notable[b]->data;
          guint n = self->notable[b]->len;
          guint i;

          if (n == 0 || (dir != HS_LADDER_EITHER_DIRECTION && d != dir))
            continue;
          i = hs_lower_bound_u32 (a, n, first);
          if (i < n && a[i] <= last && a[i] < best)
            best = a[i];
        }

      if (best != HS_LADDER_NO_POS)
        {
          if (rank != NULL)
            *rank = k;
          return best;
        }
    }

  return HS_LADDER_NO_POS;
}

/* Positions before p that go from endpoint 1. */
static guint
ones_before (HsLadderLayout *self,
             guint           p)
{
  guint64 mask = (G_GUINT64_CONSTANT (1) << (p % 64)) - 1;

  return self->dir_ones[p / 64] + (guint) __builtin_popcountll (self->dir_bits[p / 64] & mask);
}

gboolean
_hs_ladder_layout_has_direction (HsLadderLayout *self,
                                 guint           first,
                                 guint           last,
                                 guint           dir)
{
  guint ones;

  g_assert (self != NULL);

  if (first > last || last >= self->n_pkts)
    return FALSE;

  ones = ones_before (self, last + 1) - ones_before (self, first);
  return dir ? ones > 0 : ones < last - first + 1;
}

gint64
_hs_ladder_layout_get_start_ns (HsLadderLayout *self)
{
  return self->conn->first_ts_ns;
}

int
_hs_ladder_layout_get_client_side (HsLadderLayout *self)
{
  return self->client_side;
}

gint64
_hs_ladder_layout_get_idle_before (HsLadderLayout *self,
                                   guint           row)
{
  const HsLadderRow *prev;
  gint64 t0;
  gint64 t1;

  if (row == 0 || row >= self->n_rows)
    return 0;

  prev = &self->rows[row - 1];
  t0 = pos_time (self, prev->first + prev->n - 1);
  t1 = pos_time (self, self->rows[row].first);
  return t1 > t0 ? t1 - t0 : 0;
}

void
_hs_ladder_layout_get_stats (HsLadderLayout      *self,
                             HsLadderLayoutStats *stats)
{
  *stats = self->stats;
}

void
_hs_ladder_layout_reset_stats (HsLadderLayout *self)
{
  memset (&self->stats, 0, sizeof self->stats);
}
