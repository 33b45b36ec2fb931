/* hs-graph-throughput.c
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The throughput graph: the moving average of each direction's segments
 * (throughput and goodput), the average window that fits the connection,
 * and going on from a packet as a live connection grows (the segments and
 * the window's place kept). */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "hs-graph-impl.h"

/* The smallest of 1, 2 and 5 times a power of ten that is at least `ns`. */
static gint64
round_up_125 (gint64 ns)
{
  gint64 unit = 1;

  while (unit <= G_MAXINT64 / 10 && unit * 10 <= ns)
    unit *= 10;
  if (ns <= unit)
    return unit;
  if (ns <= 2 * unit)
    return 2 * unit;
  if (ns <= 5 * unit)
    return 5 * unit;
  return 10 * unit;
}

/* The average window that fits the connection: about a 50th of its
 * duration, so that the line shows how the rate changes over it, and at
 * least four times the usual gap between its data segments, so that a
 * point averages several of them rather than jumping from one segment to
 * the next.  The usual gap is the median, found in a histogram of powers
 * of two (an idle minute does not count for more than any other gap) and
 * taken at its bucket's top. */
gint64
_hs_graph_choose_average_window (HsGraph *self)
{
  const HsConnection *conn = hs_capture_get_connection (self->capture, self->stream);
  const guint32 *frames;
  gint64 window = self->duration_ns / 50;
  guint n, pos, b;

  /* the gaps are counted as the connection grows: from where they were */
  frames = hs_capture_get_stream_packets (self->capture, self->stream, &n);
  if (self->gap_pos > n)
    {
      memset (self->gap_counts, 0, sizeof self->gap_counts);
      self->n_gaps = 0;
      self->gap_pos = 0;
    }
  if (self->gap_pos == 0)
    self->gap_last = G_MININT64;
  for (pos = self->gap_pos; pos < n; pos++)
    {
      const HsPacketRecord *r = _hs_graph_stream_record (self, frames, pos);
      gint64 t;

      if (r == NULL || r->payload_len == 0)
        continue;
      t = r->ts_ns - conn->first_ts_ns;
      if (self->gap_last != G_MININT64 && t >= self->gap_last)
        {
          guint64 gap = (guint64) (t - self->gap_last);

          self->gap_counts[gap == 0 ? 0 : 64 - __builtin_clzll (gap)]++;
          self->n_gaps++;
        }
      self->gap_last = t;
    }
  self->gap_pos = n;

  if (self->n_gaps > 0)
    {
      guint seen = 0;

      /* the bucket of the median: gaps below 2^b ns (past 2^40 ns, 18
       * minutes, the window is at its longest anyway) */
      for (b = 0; b < 40; b++)
        {
          seen += self->gap_counts[b];
          if (seen * 2 >= self->n_gaps)
            break;
        }
      window = MAX (window, 4 * (G_GINT64_CONSTANT (1) << b));
    }

  return CLAMP (round_up_125 (MAX (window, 1)), HS_GRAPH_MIN_AVERAGE_NS, HS_GRAPH_MAX_AVERAGE_NS);
}

/* An average window as the toolbar offers it, "100 µs", "5 ms", "2 s";
 * one that is not a whole number of them as hs_format_duration() says it. */
static char *
format_window (gint64 ns)
{
  if (ns < G_GINT64_CONSTANT (1000000) && ns % 1000 == 0)
    /* Translators: an averaging window of the throughput graph, in
     * microseconds: "100 µs" */
    return g_strdup_printf (_("%.0f µs"), ns / 1e3);
  if (ns < G_GINT64_CONSTANT (1000000000) && ns % G_GINT64_CONSTANT (1000000) == 0)
    /* Translators: an averaging window of the throughput graph, in
     * milliseconds: "100 ms" */
    return g_strdup_printf (_("%.0f ms"), ns / 1e6);
  if (ns % G_GINT64_CONSTANT (1000000000) == 0)
    /* Translators: an averaging window of the throughput graph, in
     * seconds: "10 s" */
    return g_strdup_printf (_("%.0f s"), ns / 1e9);
  return hs_format_duration (ns);
}

gint64
_hs_graph_average_window (HsGraph *self)
{
  return self->average_auto ? hs_graph_get_auto_average_window (self) : self->average_ns;
}

/* Throughput or goodput in bits per second, with the zero the average
 * falls to in a gap longer than the window (and before the first
 * segment): the segments from `first` on of `avg` taken into its track, as
 * hs_series_throughput() averages them (trailing window: the bytes of the
 * segments in (t - w, t] over w). */
static void
average_segments (HsGraph        *self,
                  HsGraphAverage *avg,
                  HsGraphTrack   *track,
                  guint           first)
{
  const HsSeriesPoint *seg = (const HsSeriesPoint *) (gpointer) avg->segments->data;
  guint n = avg->segments->len;
  gint64 w = self->grow.average_ns;
  guint i;

  /* the zero after the last segment moves on with the data */
  if (avg->tail_zero)
    track->n--;

  for (i = first; i < n; i++)
    {
      gint64 t = seg[i].t_ns;
      double value;

      while (avg->hi < n && seg[avg->hi].t_ns <= t)
        avg->sum += (guint32) seg[avg->hi++].value;
      while (avg->lo < avg->hi && t - seg[avg->lo].t_ns >= w)
        avg->sum -= (guint32) seg[avg->lo++].value;
      value = (double) avg->sum * 1e9 / (double) w;

      if (i == 0 || t - seg[i - 1].t_ns > w)
        {
          if (i > 0)
            _hs_graph_track_push (track, seg[i - 1].t_ns + w, 0, 0, HS_GRAPH_NO_POS);
          _hs_graph_track_push (track, t, 0, 0, HS_GRAPH_NO_POS);
        }
      _hs_graph_track_push (track, t, value * 8, 0, seg[i].pos);
    }

  avg->tail_zero = n > 0 && seg[n - 1].t_ns + w <= self->duration_ns;
  if (avg->tail_zero)
    _hs_graph_track_push (track, seg[n - 1].t_ns + w, 0, 0, HS_GRAPH_NO_POS);
}

/* As above, over the whole connection, when its segments are not in time
 * order (hs_series_throughput() sorts them): such a graph is built again
 * when it grows. */
static void
average_unsorted (HsGraph      *self,
                  HsGraphTrack *track,
                  guint         dir,
                  gboolean      goodput)
{
  HsSeries series;
  gint64 w = self->grow.average_ns;
  guint i;

  hs_series_throughput (self->capture, self->stream, dir, w, goodput, &series);
  for (i = 0; i < series.n; i++)
    {
      const HsSeriesPoint *p = &series.points[i];

      if (i == 0 || p->t_ns - series.points[i - 1].t_ns > w)
        {
          if (i > 0)
            _hs_graph_track_push (track, series.points[i - 1].t_ns + w, 0, 0, HS_GRAPH_NO_POS);
          _hs_graph_track_push (track, p->t_ns, 0, 0, HS_GRAPH_NO_POS);
        }
      _hs_graph_track_push (track, p->t_ns, p->value * 8, 0, p->pos);
    }
  if (series.n > 0 && series.points[series.n - 1].t_ns + w <= self->duration_ns)
    _hs_graph_track_push (track, series.points[series.n - 1].t_ns + w, 0, 0, HS_GRAPH_NO_POS);

  hs_series_clear (&series);
  self->grow.can_grow = FALSE;
}

/* The segments of packets `from` on taken into a throughput track; FALSE
 * when they are not after the others in time (the graph is built again:
 * a segment at the time of the last one changes that one's average). */
static gboolean
throughput_grow (HsGraph  *self,
                 guint     from,
                 guint     dir,
                 gboolean  goodput)
{
  HsGraphAverage *avg = &self->grow.average[dir][goodput];
  HsGraphTrack *track = self->grow.role[dir * 2 + goodput];
  HsSeries series;
  guint first = avg->segments->len;
  guint i;

  hs_series_segments_from (self->capture, self->stream, dir, goodput, from, &series);
  for (i = 0; i < series.n; i++)
    {
      gint64 before = i > 0 ? series.points[i - 1].t_ns
                            : first > 0 ? g_array_index (avg->segments, HsSeriesPoint,
                                                         first - 1).t_ns
                                        : G_MININT64;

      if (series.points[i].t_ns < before || (i == 0 && series.points[i].t_ns == before))
        {
          hs_series_clear (&series);
          if (from > 0)
            return FALSE;
          average_unsorted (self, track, dir, goodput);
          return TRUE;
        }
    }
  g_array_append_vals (avg->segments, series.points, series.n);
  hs_series_clear (&series);

  average_segments (self, avg, track, first);
  return TRUE;
}

gboolean
_hs_graph_build_throughput (HsGraph *self,
                            guint    from)
{
  HsGraphTrack *(*tracks)[2] = (HsGraphTrack *(*)[2]) self->grow.role;
  g_autofree char *average = NULL;
  g_autofree char *note = NULL;
  guint d, g;

  self->value_kind = HS_GRAPH_VALUE_BITRATE;

  if (from == 0)
    {
      self->grow.average_ns = _hs_graph_average_window (self);
      for (d = 0; d < 2; d++)
        {
          HsGraphTrack *track;

          if (!_hs_graph_shows (self, d))
            continue;

          tracks[d][0] = track = _hs_graph_add_track (self, _hs_graph_track_new (0, FALSE),
                                                      HS_GRAPH_STYLE_LINE,
                                                      _hs_graph_series_color (d), d);
          track->line_width = 2.0;
          tracks[d][1] = track = _hs_graph_add_track (self, _hs_graph_track_new (0, FALSE),
                                                      HS_GRAPH_STYLE_LINE,
                                                      _hs_graph_series_color (d), d);
          track->line_width = 1.5;
          track->dashed = TRUE;
        }
    }
  /* the automatic window follows the connection's length (at the steps
   * of round_up_125()): the tracks averaged again over the segments kept,
   * the records not read again */
  else if (self->grow.average_ns != _hs_graph_average_window (self))
    {
      self->grow.average_ns = _hs_graph_average_window (self);
      for (d = 0; d < 2; d++)
        {
          if (!_hs_graph_shows (self, d))
            continue;
          for (g = 0; g < 2; g++)
            {
              HsGraphAverage *avg = &self->grow.average[d][g];

              tracks[d][g]->n = 0;
              tracks[d][g]->finished_n = 0;
              avg->lo = avg->hi = 0;
              avg->sum = 0;
              avg->tail_zero = FALSE;
              average_segments (self, avg, tracks[d][g], 0);
            }
        }
    }

  for (d = 0; d < 2; d++)
    {
      if (!_hs_graph_shows (self, d))
        continue;
      for (g = 0; g < 2; g++)
        {
          if (!throughput_grow (self, from, d, g))
            return FALSE;
        }
    }

  for (d = 0; d < 2; d++)
    {
      if (!_hs_graph_shows (self, d))
        continue;
      _hs_graph_legend_heading (self, d);
      if (tracks[d][0]->n == 0)
        {
          _hs_graph_legend_add (self, HS_GRAPH_LEGEND_NOTE, HS_GRAPH_STYLE_LINE, HS_GRAPH_SHAPE_DOT,
                                _hs_graph_series_color (d), _("No data sent"));
          continue;
        }
      _hs_graph_legend_add (self, HS_GRAPH_LEGEND_ITEM, HS_GRAPH_STYLE_LINE, HS_GRAPH_SHAPE_DOT,
                            _hs_graph_series_color (d), _("Throughput"));
      _hs_graph_legend_add (self, HS_GRAPH_LEGEND_ITEM, HS_GRAPH_STYLE_LINE, HS_GRAPH_SHAPE_DOT,
                            _hs_graph_series_color (d),
                            _("Goodput (without retransmissions)"))->dashed = TRUE;
    }

  average = format_window (_hs_graph_average_window (self));
  /* Translators: %s is a duration, "100 ms" */
  note = g_strdup_printf (_("Moving average over %s"), average);
  _hs_graph_legend_add (self, HS_GRAPH_LEGEND_BREAK, HS_GRAPH_STYLE_LINE, HS_GRAPH_SHAPE_DOT,
                        _hs_graph_series_color (0), NULL);
  _hs_graph_legend_add (self, HS_GRAPH_LEGEND_NOTE, HS_GRAPH_STYLE_LINE, HS_GRAPH_SHAPE_DOT,
                        _hs_graph_series_color (0), note);
  return TRUE;
}
