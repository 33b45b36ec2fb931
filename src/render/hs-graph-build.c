/* hs-graph-build.c
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The tracks, bands and legend of a graph from the connection's series
 * (hs-tcp-series.h): the window graph and RTT here, throughput in
 * hs-graph-throughput.c, the time-sequence graphs in hs-graph-seq.c; then
 * the extent and the panes.  Each builder goes on from a packet (0: all),
 * from what it kept in HsGraphGrowth, for hs_graph_extend(). */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "hs-explain.h"
#include "hs-graph-impl.h"

/* ------------------------------------------------------------------------ */
/* Building the tracks                                                       */

static int
style_layer (HsGraphStyle style)
{
  switch (style)
    {
    case HS_GRAPH_STYLE_STEP:
    case HS_GRAPH_STYLE_LINE:
      return 1;
    case HS_GRAPH_STYLE_BARS:
      return 2;
    case HS_GRAPH_STYLE_DOTS:
      return 3;
    case HS_GRAPH_STYLE_MARKS:
    case HS_GRAPH_STYLE_BAND:
    default:
      return 4;
    }
}

HsGraphTrack *
_hs_graph_add_track (HsGraph      *self,
                     HsGraphTrack *track,
                     HsGraphStyle  style,
                     HsGraphColor  color,
                     guint         dir)
{
  /* its tree is made when it is filled (_hs_graph_build()) */
  track->style = style;
  track->color = color;
  track->dir = dir;
  track->layer = style_layer (style);
  g_ptr_array_add (self->tracks, track);
  self->n_points += track->n;

  return track;
}

HsGraphColor
_hs_graph_series_color (guint dir)
{
  HsGraphColor c = { HS_GRAPH_COLOR_SERIES, dir };

  return c;
}

HsGraphColor
_hs_graph_anomaly_color (HsAnomalyClass klass)
{
  HsGraphColor c = { HS_GRAPH_COLOR_ANOMALY, klass };

  return c;
}

HsGraphLegendItem *
_hs_graph_legend_add (HsGraph           *self,
                      HsGraphLegendKind  kind,
                      HsGraphStyle       style,
                      HsGraphShape       shape,
                      HsGraphColor       color,
                      const char        *label)
{
  HsGraphLegendItem *item = g_new0 (HsGraphLegendItem, 1);

  item->kind = kind;
  item->style = style;
  item->shape = shape;
  item->color = color;
  item->alpha = 1.0;
  item->label = g_strdup (label);
  g_ptr_array_add (self->legend, item);

  return item;
}

void
_hs_graph_legend_item_free (gpointer data)
{
  HsGraphLegendItem *item = data;

  g_free (item->label);
  g_free (item);
}

void
_hs_graph_legend_heading (HsGraph *self,
                          guint    dir)
{
  HsGraphColor c = _hs_graph_series_color (dir);

  _hs_graph_legend_add (self, HS_GRAPH_LEGEND_HEADING, HS_GRAPH_STYLE_LINE, HS_GRAPH_SHAPE_DOT, c,
                        self->direction_names[dir]);
}

gboolean
_hs_graph_shows (HsGraph *self,
                 guint    dir)
{
  return (self->directions & (1u << dir)) != 0;
}

const HsPacketRecord *
_hs_graph_stream_record (HsGraph       *self,
                         const guint32 *frames,
                         guint          pos)
{
  const HsPacketRecord *r = hs_capture_get_record (self->capture, frames[pos]);

  return r->decode_status == HS_DECODE_TCP ? r : NULL;
}

void
_hs_graph_set_scale_warning (HsGraph  *self,
                             gboolean  unknown[2])
{
  g_clear_pointer (&self->warning, g_free);

  if (unknown[0] && unknown[1])
    {
      /* Translators: both %s are endpoints, "10.0.0.1:443" */
      self->warning = g_strdup_printf (_("The window scales of %s and %s are unknown: the "
                                         "handshake was not captured, so their windows are "
                                         "shown unscaled."),
                                       self->endpoint_names[0], self->endpoint_names[1]);
    }
  else if (unknown[0] || unknown[1])
    {
      guint side = unknown[0] ? 0 : 1;
      const char *name = self->endpoint_names[side];

      if (self->client_side < 0)
        /* Translators: %s is an endpoint, "10.0.0.1:443" */
        self->warning = g_strdup_printf (_("The window scale of %s is unknown: the handshake "
                                           "was not captured, so its windows are shown "
                                           "unscaled."), name);
      else if ((int) side == self->client_side)
        /* Translators: %s is an endpoint, "10.0.0.1:443" */
        self->warning = g_strdup_printf (_("The window scale of the client (%s) is unknown: "
                                           "the handshake was not captured, so its windows are "
                                           "shown unscaled."), name);
      else
        /* Translators: %s is an endpoint, "10.0.0.1:443" */
        self->warning = g_strdup_printf (_("The window scale of the server (%s) is unknown: "
                                           "the handshake was not captured, so its windows are "
                                           "shown unscaled."), name);
    }
}

/* The tracks a kind's builder fills, by role in HsGraphGrowth. */
enum
{
  WINDOW_IN_FLIGHT = 0,   /* + dir */
  WINDOW_ADVERTISED = 2,  /* + dir: the window the other side advertises */
  WINDOW_FULL = 4,        /* + dir */
  WINDOW_UPDATE = 6,      /* + dir */
};

/* A zero-window period, its padding zeroed: the bands are compared as
 * bytes (a grown graph's with a new one's). */
static void
append_band (GArray *bands,
             gint64  t0,
             gint64  t1,
             guint   dir)
{
  HsGraphBand band;

  memset (&band, 0, sizeof band);
  band.t0 = t0;
  band.t1 = t1;
  band.dir = dir;
  g_array_append_val (bands, band);
}

/* A series' points appended to a track; bars go from 0 to the value. */
static void
append_series (HsGraphTrack   *track,
               const HsSeries *series,
               gboolean        bars)
{
  guint i;

  for (i = 0; i < series->n; i++)
    {
      const HsSeriesPoint *p = &series->points[i];

      if (bars)
        _hs_graph_track_push (track, p->t_ns, 0, p->value, p->pos);
      else
        _hs_graph_track_push (track, p->t_ns, p->value, 0, p->pos);
    }
}

/* The window graph from packet `from` on (0: all of them, the tracks made
 * first). */
static void
build_window (HsGraph *self,
              guint    from)
{
  HsGraphGrowth *grow = &self->grow;
  const guint32 *frames;
  const HsConnection *conn = hs_capture_get_connection (self->capture, self->stream);
  HsGraphTrack **full = &grow->role[WINDOW_FULL];
  HsGraphTrack **update = &grow->role[WINDOW_UPDATE];
  guint n;
  guint pos;
  guint d;

  self->value_kind = HS_GRAPH_VALUE_BYTES;
  frames = hs_capture_get_stream_packets (self->capture, self->stream, &n);

  if (from == 0)
    {
      for (d = 0; d < 2; d++)
        {
          HsGraphTrack *track;

          full[d] = _hs_graph_track_new (0, FALSE);
          update[d] = _hs_graph_track_new (0, FALSE);
          if (!_hs_graph_shows (self, d))
            continue;

          /* bytes in flight of d (known at each of its data segments: a
           * spike from 0 each, an area where they are dense), under the
           * window the other side advertises */
          track = _hs_graph_add_track (self, _hs_graph_track_new (0, TRUE), HS_GRAPH_STYLE_BARS,
                                       _hs_graph_series_color (d), d);
          track->line_width = 1.5;
          track->alpha = 0.45;
          track->layer = 0;
          track->from_zero = TRUE;
          grow->role[WINDOW_IN_FLIGHT + d] = track;

          track = _hs_graph_add_track (self, _hs_graph_track_new (0, FALSE), HS_GRAPH_STYLE_STEP,
                                       _hs_graph_series_color (d), d);
          track->line_width = 2.0;
          grow->role[WINDOW_ADVERTISED + d] = track;
        }
      for (d = 0; d < 2; d++)
        {
          HsGraphTrack *track;

          track = _hs_graph_add_track (self, full[d], HS_GRAPH_STYLE_MARKS,
                                       _hs_graph_anomaly_color (HS_ANOMALY_CLASS_WINDOW), d);
          track->shape = HS_GRAPH_SHAPE_DIAMOND;
          track = _hs_graph_add_track (self, update[d], HS_GRAPH_STYLE_MARKS,
                                       _hs_graph_anomaly_color (HS_ANOMALY_CLASS_WINDOW_UPDATE), d);
          track->shape = HS_GRAPH_SHAPE_TRIANGLE_UP;
        }
    }

  for (d = 0; d < 2; d++)
    {
      HsSeries series;
      gboolean scale_unknown = FALSE;

      if (!_hs_graph_shows (self, d))
        continue;

      /* the whole connection's in time order; new packets as they come */
      if (from == 0)
        hs_series_bytes_in_flight (self->capture, self->stream, d, &series);
      else
        hs_series_bytes_in_flight_from (self->capture, self->stream, d, from, &series);
      append_series (grow->role[WINDOW_IN_FLIGHT + d], &series, TRUE);
      hs_series_clear (&series);

      if (from == 0)
        hs_series_window (self->capture, self->stream, 1 - d, &series, &scale_unknown);
      else
        hs_series_window_from (self->capture, self->stream, 1 - d, from, &series, &scale_unknown);
      append_series (grow->role[WINDOW_ADVERTISED + d], &series, FALSE);
      hs_series_clear (&series);
      grow->unknown[1 - d] |= scale_unknown;
    }

  /* the marks and the zero-window periods, from the records; full[d] and
   * update[d] belong to the data of direction d */
  for (pos = from; pos < n; pos++)
    {
      const HsPacketRecord *r = _hs_graph_stream_record (self, frames, pos);
      guint dir;
      gint64 t;

      if (r == NULL)
        continue;
      dir = r->direction;
      t = r->ts_ns - conn->first_ts_ns;

      if ((r->analysis & HS_ANALYSIS_WINDOW_FULL) && _hs_graph_shows (self, dir))
        _hs_graph_track_push (full[dir], t, hs_packet_record_bytes_in_flight (r), 0, pos);

      if (r->tcp_flags & HS_TCP_RST)
        continue;

      if ((r->analysis & HS_ANALYSIS_WINDOW_UPDATE) && _hs_graph_shows (self, 1 - dir))
        _hs_graph_track_push (update[1 - dir], t, hs_packet_record_window (r), 0, pos);

      /* a zero window from `dir` stalls the data of the other direction */
      if (grow->zero_open[dir] && hs_packet_record_window (r) > 0)
        {
          append_band (grow->bands, grow->zero_start[dir], t, 1 - dir);
          grow->zero_open[dir] = FALSE;
        }
      else if (!grow->zero_open[dir] && (r->analysis & HS_ANALYSIS_ZERO_WINDOW) &&
               _hs_graph_shows (self, 1 - dir))
        {
          grow->zero_open[dir] = TRUE;
          grow->zero_start[dir] = t;
        }
    }

  /* the periods closed, then those still open, to the end of the data */
  g_array_append_vals (self->bands[0], grow->bands->data, grow->bands->len);
  for (d = 0; d < 2; d++)
    {
      if (grow->zero_open[d])
        append_band (self->bands[0], grow->zero_start[d],
                     MAX (grow->zero_start[d], self->duration_ns), 1 - d);
    }

  /* the legend: one group per direction, then the marks */
  for (d = 0; d < 2; d++)
    {
      HsGraphLegendItem *item;

      if (!_hs_graph_shows (self, d))
        continue;
      _hs_graph_legend_heading (self, d);
      _hs_graph_legend_add (self, HS_GRAPH_LEGEND_ITEM, HS_GRAPH_STYLE_STEP, HS_GRAPH_SHAPE_DOT,
                            _hs_graph_series_color (d), _("Receiver’s window"));
      item = _hs_graph_legend_add (self, HS_GRAPH_LEGEND_ITEM, HS_GRAPH_STYLE_BARS,
                                   HS_GRAPH_SHAPE_DOT,
                                   _hs_graph_series_color (d), _("Bytes in flight"));
      item->alpha = 0.45;
    }
  _hs_graph_legend_add (self, HS_GRAPH_LEGEND_BREAK, HS_GRAPH_STYLE_LINE, HS_GRAPH_SHAPE_DOT,
                        _hs_graph_series_color (0), NULL);
  if (self->bands[0]->len > 0)
    _hs_graph_legend_add (self, HS_GRAPH_LEGEND_ITEM, HS_GRAPH_STYLE_BAND, HS_GRAPH_SHAPE_DOT,
                          _hs_graph_anomaly_color (HS_ANOMALY_CLASS_WINDOW),
                          _("Zero window: the sender must wait"));
  if (full[0]->n + full[1]->n > 0)
    _hs_graph_legend_add (self, HS_GRAPH_LEGEND_ITEM, HS_GRAPH_STYLE_MARKS, HS_GRAPH_SHAPE_DIAMOND,
                          _hs_graph_anomaly_color (HS_ANOMALY_CLASS_WINDOW), _("Window full"));
  if (update[0]->n + update[1]->n > 0)
    _hs_graph_legend_add (self, HS_GRAPH_LEGEND_ITEM, HS_GRAPH_STYLE_MARKS,
                          HS_GRAPH_SHAPE_TRIANGLE_UP,
                          _hs_graph_anomaly_color (HS_ANOMALY_CLASS_WINDOW_UPDATE),
                          _("Window update"));

  _hs_graph_set_scale_warning (self, grow->unknown);
}

static void
build_rtt (HsGraph *self,
           guint    from)
{
  guint d;

  self->value_kind = HS_GRAPH_VALUE_SECONDS;

  for (d = 0; d < 2; d++)
    {
      HsSeries series;
      HsGraphTrack *track;

      if (!_hs_graph_shows (self, d))
        continue;

      if (from == 0)
        self->grow.role[d] = _hs_graph_add_track (self, _hs_graph_track_new (0, FALSE),
                                                  HS_GRAPH_STYLE_DOTS,
                                                  _hs_graph_series_color (d), d);
      track = self->grow.role[d];
      if (from == 0)
        hs_series_rtt (self->capture, self->stream, d, &series);
      else
        hs_series_rtt_from (self->capture, self->stream, d, from, &series);
      append_series (track, &series, FALSE);
      hs_series_clear (&series);

      _hs_graph_legend_heading (self, d);
      if (track->n == 0)
        _hs_graph_legend_add (self, HS_GRAPH_LEGEND_NOTE, HS_GRAPH_STYLE_DOTS, HS_GRAPH_SHAPE_DOT,
                              _hs_graph_series_color (d), _("No round-trip time samples"));
      else
        _hs_graph_legend_add (self, HS_GRAPH_LEGEND_ITEM, HS_GRAPH_STYLE_DOTS, HS_GRAPH_SHAPE_DOT,
                              _hs_graph_series_color (d), _("RTT sample (when the ACK arrives)"));
    }
}

static int
compare_layers (gconstpointer a,
                gconstpointer b)
{
  const HsGraphTrack *x = *(HsGraphTrack * const *) a;
  const HsGraphTrack *y = *(HsGraphTrack * const *) b;

  return x->layer - y->layer;
}

static int
compare_bands (gconstpointer a,
               gconstpointer b)
{
  const HsGraphBand *x = a;
  const HsGraphBand *y = b;

  return x->t0 < y->t0 ? -1 : (x->t0 > y->t0);
}

/* The extent: the time of the whole connection, and for each pane the
 * values of its tracks (from 0 for sizes, with room above the highest). */
void
_hs_graph_compute_extent (HsGraph *self)
{
  gint64 t0 = 0;
  gint64 t1 = self->duration_ns;
  double v0[HS_GRAPH_MAX_PANES];
  double v1[HS_GRAPH_MAX_PANES];
  guint64 visits = 0;
  guint i, pane;

  for (pane = 0; pane < HS_GRAPH_MAX_PANES; pane++)
    {
      v0[pane] = G_MAXDOUBLE;
      v1[pane] = -G_MAXDOUBLE;
    }

  for (i = 0; i < self->tracks->len; i++)
    {
      const HsGraphTrack *track = g_ptr_array_index (self->tracks, i);
      guint imin, imax;

      if (track->n == 0)
        continue;
      t0 = MIN (t0, track->t[0]);
      t1 = MAX (t1, track->t[track->n - 1]);
      _hs_graph_track_range (track, 0, track->n, &imin, &imax, &visits);
      v0[track->pane] = MIN (v0[track->pane], track->lo[imin]);
      v1[track->pane] = MAX (v1[track->pane], _hs_graph_track_hi (track, imax));
    }

  for (pane = 0; pane < HS_GRAPH_MAX_PANES; pane++)
    {
      double lo = v0[pane];
      double hi = v1[pane];

      if (lo > hi)
        {
          lo = 0;
          hi = 1;
        }

      if (self->value_kind == HS_GRAPH_VALUE_SEQ)
        {
          double span = MAX (hi - lo, 1.0);

          lo -= span * 0.02;
          hi += span * 0.04;
        }
      else
        {
          lo = MIN (lo, 0.0);
          hi = hi > lo ? hi + (hi - lo) * 0.08 : lo + 1;
          if (self->value_kind == HS_GRAPH_VALUE_SECONDS && hi - lo < 1e-6)
            hi = lo + 1e-6;
        }
      self->ext_v0[pane] = lo;
      self->ext_v1[pane] = hi;
    }

  if (t1 - t0 < MIN_TIME_SPAN)
    t1 = t0 + MIN_TIME_SPAN;

  self->ext_t0 = t0;
  self->ext_t1 = t1;
}

/* What the builders carried, for another build. */
static void
clear_growth (HsGraph *self)
{
  HsGraphGrowth *grow = &self->grow;
  guint d, g;

  g_clear_pointer (&grow->bands, g_array_unref);
  for (d = 0; d < 2; d++)
    for (g = 0; g < 2; g++)
      g_clear_pointer (&grow->average[d][g].segments, g_array_unref);
  memset (grow, 0, sizeof *grow);

  grow->can_grow = TRUE;
  grow->bands = g_array_new (FALSE, FALSE, sizeof (HsGraphBand));
  for (d = 0; d < 2; d++)
    for (g = 0; g < 2; g++)
      grow->average[d][g].segments = g_array_new (FALSE, FALSE, sizeof (HsSeriesPoint));
}

/* What is made again from the tracks after a build or growth: the legend,
 * the warning, the panes' bands. */
static void
clear_derived (HsGraph *self)
{
  guint pane;

  g_ptr_array_set_size (self->legend, 0);
  for (pane = 0; pane < HS_GRAPH_MAX_PANES; pane++)
    {
      g_array_set_size (self->bands[pane], 0);
      g_clear_pointer (&self->band_ends[pane], g_free);
    }
  g_clear_pointer (&self->warning, g_free);
  self->n_panes = 1;
  self->legend_height = 0;
  self->warning_text_height = 0;
}

void
_hs_graph_clear_data (HsGraph *self)
{
  g_ptr_array_set_size (self->tracks, 0);
  clear_derived (self);
  clear_growth (self);
  self->n_points = 0;
}

void
_hs_graph_free_data (HsGraph *self)
{
  _hs_graph_clear_data (self);
  g_clear_pointer (&self->grow.bands, g_array_unref);
  for (guint d = 0; d < 2; d++)
    for (guint g = 0; g < 2; g++)
      g_clear_pointer (&self->grow.average[d][g].segments, g_array_unref);
}

/* Whether a track of direction `dir` has a packet's point. */
static gboolean
has_data (HsGraph *self,
          guint    dir)
{
  guint i, k;

  for (i = 0; i < self->tracks->len; i++)
    {
      const HsGraphTrack *track = g_ptr_array_index (self->tracks, i);

      if (track->dir != dir)
        continue;
      for (k = 0; k < track->n; k++)
        {
          if (track->pos[k] != HS_GRAPH_NO_POS)
            return TRUE;
        }
    }

  return FALSE;
}

/* Both directions of the window, throughput and RTT graphs, when both
 * have data, get a pane each; then the tracks and bands know theirs.  The
 * bands were all put in bands[0]. */
static void
assign_panes (HsGraph *self)
{
  GArray *all = self->bands[0];
  guint first_dir = _hs_graph_shows (self, 0) ? 0 : 1;
  guint i, pane;

  self->n_panes = 1;
  self->pane_dir[0] = first_dir;
  self->pane_dir[1] = 1 - first_dir;
  if (!_hs_graph_is_time_sequence (self->kind) && self->directions == HS_GRAPH_DIR_BOTH)
    {
      gboolean data[2] = { has_data (self, 0), has_data (self, 1) };

      if (data[0] && data[1])
        {
          self->n_panes = 2;
          self->pane_dir[0] = 0;
          self->pane_dir[1] = 1;
        }
      else if (data[1])
        {
          self->pane_dir[0] = 1;
          self->pane_dir[1] = 0;
        }
    }

  for (i = 0; i < self->tracks->len; i++)
    {
      HsGraphTrack *track = g_ptr_array_index (self->tracks, i);

      track->pane = self->n_panes > 1 ? track->dir : 0;
    }

  self->bands[0] = g_array_new (FALSE, FALSE, sizeof (HsGraphBand));
  for (i = 0; i < all->len; i++)
    {
      const HsGraphBand *band = &g_array_index (all, HsGraphBand, i);

      g_array_append_val (self->bands[self->n_panes > 1 ? band->dir : 0], *band);
    }
  g_array_unref (all);

  for (pane = 0; pane < HS_GRAPH_MAX_PANES; pane++)
    {
      GArray *bands = self->bands[pane];

      g_array_sort (bands, compare_bands);
      self->band_ends[pane] = g_new (gint64, MAX (bands->len, 1));
      for (i = 0; i < bands->len; i++)
        {
          gint64 end = g_array_index (bands, HsGraphBand, i).t1;

          self->band_ends[pane][i] = i > 0 ? MAX (self->band_ends[pane][i - 1], end) : end;
        }
    }
}

/* The tracks of the kind from packet `from` on (0: a new build); FALSE
 * when they cannot be appended (the graph is to be built again). */
static gboolean
build_kind (HsGraph *self,
            guint    from)
{
  switch (self->kind)
    {
    case HS_GRAPH_WINDOW:
      build_window (self, from);
      return TRUE;
    case HS_GRAPH_TCPTRACE:
    case HS_GRAPH_STEVENS:
      _hs_graph_build_time_sequence (self, from);
      return TRUE;
    case HS_GRAPH_THROUGHPUT:
      return _hs_graph_build_throughput (self, from);
    case HS_GRAPH_RTT:
    case HS_GRAPH_N_KINDS:
    default:
      build_rtt (self, from);
      return TRUE;
    }
}

/* Then the trees, panes and extent; the view as it was (a new average
 * window or other directions: the same time, the values of the new
 * data). */
static gboolean
finish_build (HsGraph  *self,
              gboolean  grown,
              gint64    keep_t0,
              gint64    keep_t1,
              gboolean  had_view)
{
  guint i;

  self->n_points = 0;
  for (i = 0; i < self->tracks->len; i++)
    {
      HsGraphTrack *track = g_ptr_array_index (self->tracks, i);

      if (!grown)
        _hs_graph_track_finish (track);
      else if (!_hs_graph_track_grow (track))
        return FALSE;
      self->n_points += track->n;
    }
  if (!grown)
    g_ptr_array_sort (self->tracks, compare_layers);
  assign_panes (self);
  _hs_graph_compute_extent (self);

  hs_graph_reset_view (self);
  if (had_view)
    hs_graph_set_time_range (self, keep_t0, keep_t1);
  return TRUE;
}

void
_hs_graph_build (HsGraph *self)
{
  gint64 keep_t0 = self->view_t0;
  gint64 keep_t1 = self->view_t1;
  gboolean had_view = self->view_t1 > self->view_t0;

  _hs_graph_clear_data (self);
  build_kind (self, 0);
  finish_build (self, FALSE, keep_t0, keep_t1, had_view);
  self->grow.n_packets = self->n_packets;
  self->n_builds++;
}

gboolean
_hs_graph_grow (HsGraph *self)
{
  gint64 keep_t0 = self->view_t0;
  gint64 keep_t1 = self->view_t1;
  gboolean had_view = self->view_t1 > self->view_t0;

  if (!self->grow.can_grow || self->grow.n_packets == 0 ||
      self->grow.n_packets > self->n_packets)
    return FALSE;

  clear_derived (self);
  if (!build_kind (self, self->grow.n_packets) ||
      !finish_build (self, TRUE, keep_t0, keep_t1, had_view))
    return FALSE;
  self->grow.n_packets = self->n_packets;
  self->n_grows++;
  return TRUE;
}
