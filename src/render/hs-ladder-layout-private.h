/* hs-ladder-layout-private.h
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hs-explain.h"
#include "hs-format.h"
#include "hs-ladder-layout.h"

G_BEGIN_DECLS

/* Shared by the layout, the painters and the tests; not for the widget. */

/* Where things lie inside a row of height h (see hs_ladder_layout_get_arrow),
 * as offsets from the row's top: a packet's arrow is centred and drops 0.2 h
 * but at most 12 px (the slope only says which way it goes; a steep one
 * would run through its label); a collapsed row's bar is centred, 0.44 h
 * tall but at most 22 px. */
static inline double
hs_ladder_arrow_top (double h)
{
  return h / 2 - MIN (0.1 * h, 6.0);
}

static inline double
hs_ladder_arrow_bottom (double h)
{
  return h / 2 + MIN (0.1 * h, 6.0);
}

static inline double
hs_ladder_bar_top (double h)
{
  return h / 2 - MIN (0.22 * h, 11.0);
}

static inline double
hs_ladder_bar_bottom (double h)
{
  return h / 2 + MIN (0.22 * h, 11.0);
}

/* Time-true: a gap is at most this many row heights; a longer one is
 * compressed to it and marked. */
#define HS_LADDER_GAP_CAP    3.0

/* What the layout did since the last reset, so that the tests can check
 * that painting costs what is visible (not a timing). */
typedef struct
{
  guint64 records_read;   /* records looked at through the layout */
  guint64 labels_built;   /* labels and badges made (text cache misses, each counted) */
} HsLadderLayoutStats;

/* The record at a position (counted in the stats). */
const HsPacketRecord *_hs_ladder_layout_get_record       (HsLadderLayout      *self,
                                                          guint                pos);
/* The position of the segment a retransmission sends again, or
 * HS_LADDER_NO_POS (cached with the position's texts). */
guint                 _hs_ladder_layout_get_original     (HsLadderLayout      *self,
                                                          guint                pos);
/* Capture time of the connection's first packet. */
gint64                _hs_ladder_layout_get_start_ns     (HsLadderLayout      *self);
/* Time-true: the scale of the range, px per ns at zoom 1 (0 when flat). */
double                _hs_ladder_layout_get_time_scale   (HsLadderLayout      *self);
/* The side that sent the first SYN (the client), -1 when none was seen. */
int                   _hs_ladder_layout_get_client_side  (HsLadderLayout      *self);
/* Time between the last packet of row - 1 and the first of row (0 for
 * row 0): the idle time a compressed gap stands for. */
gint64                _hs_ladder_layout_get_idle_before  (HsLadderLayout      *self,
                                                          guint                row);
/* How notable a packet is, for choosing what to draw where rows are closer
 * than their arrows and texts: its anomaly class, most serious first
 * (HS_ANOMALY_CLASS_MALFORMED = 1 … HS_ANOMALY_CLASS_HANDSHAKE for SYN and
 * FIN), then HS_LADDER_RANK_LANDMARK for a packet of no class that changes
 * a side's TCP state or carries an application message other than TLS
 * application data; 0 (not notable) for the others. */
#define HS_LADDER_RANK_LANDMARK    ((guint) HS_ANOMALY_CLASS_LAST)
#define HS_LADDER_EITHER_DIRECTION 2

/* The first position among first .. last (inclusive) of the most notable
 * packets of rank 1 .. max_rank going from endpoint `dir` (0, 1, or
 * HS_LADDER_EITHER_DIRECTION), and its rank; HS_LADDER_NO_POS if none.
 * From an index built with the layout: no record is read, O(ranks × log n). */
guint                 _hs_ladder_layout_find_notable     (HsLadderLayout      *self,
                                                          guint                first,
                                                          guint                last,
                                                          guint                dir,
                                                          guint                max_rank,
                                                          guint               *rank);
/* Whether a packet among first .. last goes from endpoint `dir` (0 or 1).
 * O(1), no record read. */
gboolean              _hs_ladder_layout_has_direction    (HsLadderLayout      *self,
                                                          guint                first,
                                                          guint                last,
                                                          guint                dir);
/* How many rows have their top strictly above y.  O(log n). */
guint                 _hs_ladder_layout_rows_above       (HsLadderLayout      *self,
                                                          double               y);
void                  _hs_ladder_layout_get_stats        (HsLadderLayout      *self,
                                                          HsLadderLayoutStats *stats);
void                  _hs_ladder_layout_reset_stats      (HsLadderLayout      *self);

G_END_DECLS
