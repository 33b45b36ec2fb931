/* hs-ladder-layout-impl.h
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hs-ladder-layout-private.h"

G_BEGIN_DECLS

/* The inside of HsLadderLayout, for its own files only (not the painters,
 * not the tests: they have hs-ladder-layout-private.h). */


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

/* Time-true: the gaps between the range's packets, added up as far as
 * `last`, so that a growing connection adds only its new ones.  They are
 * added one by one in position order, by a new layout as by one extended,
 * so the sums come out the same to the bit. */
typedef struct
{
  gboolean valid;
  guint    first;      /* the range's first position */
  guint    last;       /* the last position added */
  gint64   prev_ns;    /* the latest time so far */
  double   sum;        /* the gaps, ns */
  double   min_gap;    /* the shortest gap that is not zero, ns */
  double   scale_lo;   /* the scale's bounds from the initial RTT (0: none) */
  double   scale_hi;
  double   capped_lo;  /* the gaps' heights at scale_lo, each capped */
  double   capped_hi;  /* and at scale_hi */
} TimeGaps;

/* The layout.  Its files: hs-ladder-layout.c (life cycle, settings,
 * extending), hs-ladder-scan.c (connection-wide facts), hs-ladder-rows.c
 * (rows and geometry), hs-ladder-text.c (labels, badges, summaries). */
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
  TimeGaps            time_gaps;
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

/* hs-ladder-scan.c: the connection-wide facts, made as the packets come
 * (scan_packets from 0 when the layout is made, from the first new packet
 * when a live connection grew). */
void          _hs_ladder_scan_init               (HsLadderLayout *self);
void          _hs_ladder_scan_clear              (HsLadderLayout *self);
void          _hs_ladder_scan_packets            (HsLadderLayout *self,
                                                  guint           from);
/* An uneventful packet that leaves the states as they were: runs of them
 * collapse. */
gboolean      _hs_ladder_pos_uneventful          (HsLadderLayout *self,
                                                  guint           pos);

/* hs-ladder-rows.c: the rows, the time scale, the columns. */
void          _hs_ladder_rows_build              (HsLadderLayout *self);
void          _hs_ladder_rows_extend             (HsLadderLayout *self,
                                                  guint           old_last);
void          _hs_ladder_rows_place              (HsLadderLayout *self);
void          _hs_ladder_rows_compute_time_scale (HsLadderLayout *self);
double        _hs_ladder_rows_max_zoom           (HsLadderLayout *self);
void          _hs_ladder_rows_update_columns     (HsLadderLayout *self);

/* hs-ladder-text.c: for the texts' cache. */
void          _hs_ladder_text_free               (gpointer        data);

G_END_DECLS
