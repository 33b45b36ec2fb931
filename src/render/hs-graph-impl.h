/* hs-graph-impl.h
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hs-graph-private.h"

G_BEGIN_DECLS

/* What the files of HsGraph share, for themselves only: hs-graph.c (life
 * cycle, settings), hs-graph-track.c (the tracks' points and trees,
 * decimation), hs-graph-build.c, hs-graph-throughput.c and hs-graph-seq.c
 * (the tracks of each kind), hs-graph-viewport.c (extent, view, mapping, hit test, readout). */

#define MIN_TIME_SPAN       G_GINT64_CONSTANT (1000)


static inline gboolean
_hs_graph_is_time_sequence (HsGraphKind kind)
{
  return kind == HS_GRAPH_TCPTRACE || kind == HS_GRAPH_STEVENS;
}

inline void
_hs_graph_track_push (HsGraphTrack *track,
                      gint64        t,
                      double        lo,
                      double        hi,
                      guint32       pos)
{
  guint i;

  if (track->n == track->capacity)
    {
      track->capacity = MAX (16, track->capacity * 2);
      track->t = g_renew (gint64, track->t, track->capacity);
      track->lo = g_renew (double, track->lo, track->capacity);
      if (track->hi != NULL)
        track->hi = g_renew (double, track->hi, track->capacity);
      track->pos = g_renew (guint32, track->pos, track->capacity);
    }
  i = track->n++;

  track->t[i] = t;
  track->lo[i] = lo;
  if (track->hi != NULL)
    track->hi[i] = hi;
  track->pos[i] = pos;
}

inline double
_hs_graph_track_hi (const HsGraphTrack *track,
                    guint               i)
{
  return track->hi != NULL ? track->hi[i] : track->lo[i];
}

/* hs-graph-build.c */
gboolean _hs_graph_shows (HsGraph *self,
                          guint    dir);
const HsPacketRecord *_hs_graph_stream_record (HsGraph       *self,
                                               const guint32 *frames,
                                               guint          pos);
HsGraphColor _hs_graph_series_color (guint dir);
HsGraphColor _hs_graph_anomaly_color (HsAnomalyClass klass);
HsGraphTrack *_hs_graph_add_track (HsGraph      *self,
                                   HsGraphTrack *track,
                                   HsGraphStyle  style,
                                   HsGraphColor  color,
                                   guint         dir);
HsGraphLegendItem *_hs_graph_legend_add (HsGraph           *self,
                                         HsGraphLegendKind  kind,
                                         HsGraphStyle       style,
                                         HsGraphShape       shape,
                                         HsGraphColor       color,
                                         const char        *label);
void _hs_graph_legend_heading (HsGraph *self,
                               guint    dir);
void _hs_graph_legend_item_free (gpointer data);
void _hs_graph_set_scale_warning (HsGraph  *self,
                                  gboolean  unknown[2]);
gint64 _hs_graph_choose_average_window (HsGraph *self);
gint64 _hs_graph_average_window (HsGraph *self);
void _hs_graph_compute_extent (HsGraph *self);
void _hs_graph_clear_data (HsGraph *self);
void _hs_graph_free_data (HsGraph *self);
void _hs_graph_build (HsGraph *self);
/* The packets added since the last build or growth appended (the series
 * from a position, the trees grown): O(those packets + log n), where a new
 * build costs O(n).  FALSE when they cannot be (out of time order, another
 * automatic average window): then _hs_graph_build(). */
gboolean _hs_graph_grow (HsGraph *self);

/* hs-graph-throughput.c: as the builders of hs-graph-build.c; FALSE when
 * the segments added cannot be appended */
gboolean _hs_graph_build_throughput (HsGraph *self,
                                     guint    from);

/* hs-graph-seq.c: as the builders of hs-graph-build.c, from packet `from`
 * on (0: the tracks made first) */
void _hs_graph_build_time_sequence (HsGraph *self,
                                    guint    from);

G_END_DECLS
