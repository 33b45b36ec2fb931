/* hs-graph-cells.c
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The graphs' tracks drawn by cells: dots and marks (one per cell, found
 * through the track's min/max tree), bars (the union of their spans per
 * pixel column), and the shaded zero-window periods. */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "hs-graph-paint-impl.h"

/* --- cells: dots, marks, bars ------------------------------------------- */

static void
cells_begin (Painter *p,
             double   cell)
{
  guint rows = (guint) ceil (p->map.height / cell) + 4;

  p->cell = cell;
  if (rows > p->n_rows)
    {
      g_free (p->stamps);
      p->stamps = g_new0 (guint32, rows);
      p->n_rows = rows;
      p->stamp = 0;
    }
}

static void
next_column (Painter *p)
{
  if (++p->stamp == 0)
    {
      memset (p->stamps, 0, p->n_rows * sizeof *p->stamps);
      p->stamp = 1;
    }
}

/* The cell row of a plot y, or -1 outside (one cell of slack around). */
static inline int
cell_row (Painter *p,
          double   y)
{
  double r = floor ((y + p->cell) / p->cell);

  if (r < 0 || r >= p->n_rows)
    return -1;
  return (int) r;
}

static gboolean
rows_taken (Painter *p,
            int      r0,
            int      r1)
{
  int r;

  for (r = r0; r <= r1; r++)
    {
      if (p->stamps[r] != p->stamp)
        return FALSE;
    }
  return TRUE;
}

static void
take_rows (Painter *p,
           int      r0,
           int      r1)
{
  int r;

  for (r = r0; r <= r1; r++)
    p->stamps[r] = p->stamp;
}

/* Dots and marks: one point per free cell. */
static void
cells_point (Painter            *p,
             const HsGraphTrack *track,
             guint               i)
{
  int row = cell_row (p, hs_graph_map_y (&p->map, track->lo[i]));

  p->stats->visits++;
  if (row < 0 || p->stamps[row] == p->stamp)
    return;
  p->stamps[row] = p->stamp;
  g_array_append_val (p->indexes, i);
}

static void
cells_node (Painter            *p,
            const HsGraphTrack *track,
            guint               level,
            guint               j)
{
  guint base = track->level_start[level];
  guint32 imin = track->node_min[base + j];
  guint32 imax = track->node_max[base + j];
  double y_bottom = hs_graph_map_y (&p->map, track->node_min_v[base + j]);
  double y_top = hs_graph_map_y (&p->map, track->node_max_v[base + j]);
  int r0, r1;

  p->stats->visits++;

  /* entirely above or below the plot */
  if (y_bottom < -p->cell || y_top >= p->map.height + 2 * p->cell)
    return;

  r0 = cell_row (p, MAX (y_top, -p->cell));
  r1 = cell_row (p, MIN (y_bottom, p->map.height + 2 * p->cell - 1e-6));
  if (r0 < 0 || r1 < 0)
    return;

  if (r0 == r1)
    {
      /* all its points in one cell: one of them (one that is inside) */
      if (p->stamps[r0] != p->stamp)
        {
          guint32 keep = cell_row (p, y_bottom) == r0 ? imin : imax;

          p->stamps[r0] = p->stamp;
          g_array_append_val (p->indexes, keep);
        }
      return;
    }

  if (rows_taken (p, r0, r1))
    return;

  if (level == 0)
    {
      guint first = j * HS_GRAPH_BLOCK;
      guint end = MIN (track->n, first + HS_GRAPH_BLOCK);
      guint i;

      for (i = first; i < end; i++)
        cells_point (p, track, i);
    }
  else
    {
      cells_node (p, track, level - 1, 2 * j);
      if (2 * j + 1 < track->level_size[level - 1])
        cells_node (p, track, level - 1, 2 * j + 1);
    }
}

/* Bars: the spans of a column, merged later. */
static void
bars_add (Painter *p,
          double   top,
          double   bottom,
          guint32  index,
          gboolean single)
{
  Span span;
  int r0, r1;

  top = MAX (top, -2);
  bottom = MIN (bottom, p->map.height + 2);

  /* next to the last one (sequence numbers come in order): one span */
  if (p->spans->len > 0)
    {
      Span *last = &g_array_index (p->spans, Span, p->spans->len - 1);

      if (top <= last->bottom + 1.0 && bottom >= last->top - 1.0)
        {
          last->top = MIN (last->top, top);
          last->bottom = MAX (last->bottom, bottom);
          last->single = FALSE;
          goto covered;
        }
    }

  span.top = top;
  span.bottom = bottom;
  span.index = index;
  span.single = single;
  g_array_append_val (p->spans, span);

covered:

  /* rows covered: to skip what lies under them (not needed when every
   * bar starts at 0, as one node gives all its bars at once) */
  if (p->no_coverage)
    return;
  r0 = cell_row (p, top);
  r1 = cell_row (p, bottom);
  if (r0 >= 0 && r1 >= 0)
    take_rows (p, r0, r1);
}

static void
bars_point (Painter            *p,
            const HsGraphTrack *track,
            guint               i)
{
  double top = hs_graph_map_y (&p->map, track->hi[i]);
  double bottom = hs_graph_map_y (&p->map, track->lo[i]);

  p->stats->visits++;
  if (bottom < -2 || top > p->map.height + 2)
    return;
  bars_add (p, top, bottom, i, TRUE);
}

static void
bars_node (Painter            *p,
           const HsGraphTrack *track,
           guint               level,
           guint               j)
{
  guint base = track->level_start[level];
  guint32 imin = track->node_min[base + j];
  double top = hs_graph_map_y (&p->map, track->node_max_v[base + j]);
  double bottom = hs_graph_map_y (&p->map, track->node_min_v[base + j]);
  int r0, r1;

  p->stats->visits++;
  if (bottom < -2 || top > p->map.height + 2)
    return;

  /* all within a pixel, or all from the same base: one span */
  if (bottom - top <= 1.0 || track->from_zero)
    {
      bars_add (p, top, bottom, imin, FALSE);
      return;
    }

  r0 = cell_row (p, MAX (top, -2));
  r1 = cell_row (p, MIN (bottom, p->map.height + 2));
  if (r0 >= 0 && r1 >= 0 && rows_taken (p, r0, r1))
    return;

  if (level == 0)
    {
      guint first = j * HS_GRAPH_BLOCK;
      guint end = MIN (track->n, first + HS_GRAPH_BLOCK);
      guint i;

      for (i = first; i < end; i++)
        bars_point (p, track, i);
    }
  else
    {
      bars_node (p, track, level - 1, 2 * j);
      if (2 * j + 1 < track->level_size[level - 1])
        bars_node (p, track, level - 1, 2 * j + 1);
    }
}

/* The points first .. end - 1 of one column, through the tree. */
static void
visit_column (Painter            *p,
              const HsGraphTrack *track,
              guint               first,
              guint               end)
{
  gboolean bars = track->style == HS_GRAPH_STYLE_BARS;
  guint ja, jb, l, r, level, i;

  next_column (p);

  ja = (first + HS_GRAPH_BLOCK - 1) / HS_GRAPH_BLOCK;
  jb = end / HS_GRAPH_BLOCK;
  if (end - first <= 8 || ja >= jb)
    {
      for (i = first; i < end; i++)
        {
          if (bars)
            bars_point (p, track, i);
          else
            cells_point (p, track, i);
        }
      return;
    }

  for (i = first; i < ja * HS_GRAPH_BLOCK; i++)
    {
      if (bars)
        bars_point (p, track, i);
      else
        cells_point (p, track, i);
    }
  for (i = jb * HS_GRAPH_BLOCK; i < end; i++)
    {
      if (bars)
        bars_point (p, track, i);
      else
        cells_point (p, track, i);
    }

  l = ja;
  r = jb;
  level = 0;
  while (l < r)
    {
      if (l & 1)
        {
          if (bars)
            bars_node (p, track, level, l);
          else
            cells_node (p, track, level, l);
          l++;
        }
      if (r & 1)
        {
          r--;
          if (bars)
            bars_node (p, track, level, r);
          else
            cells_node (p, track, level, r);
        }
      l >>= 1;
      r >>= 1;
      level++;
    }
}

/* The first and end index of the points whose x lies in [x0, x1). */
static void
visible_range (Painter            *p,
               const HsGraphTrack *track,
               double              x0,
               double              x1,
               guint              *first,
               guint              *end)
{
  gint64 t0 = (gint64) floor (hs_graph_map_t (&p->map, x0)) - 1;
  gint64 t1 = (gint64) ceil (hs_graph_map_t (&p->map, x1)) + 1;

  *first = _hs_graph_track_lower_bound (track, t0);
  *end = _hs_graph_track_lower_bound (track, t1);
  while (*first < *end && px (p, track->t[*first]) < x0)
    (*first)++;
  while (*end > *first && px (p, track->t[*end - 1]) >= x1)
    (*end)--;
  p->stats->visits += 64;
}

/* Walks the columns of `width` px from x0 to x1 through the points. */
static void
walk_columns (Painter            *p,
              const HsGraphTrack *track,
              double              column,
              double              x0,
              double              x1,
              void              (*flush) (Painter *, const HsGraphTrack *, double))
{
  guint first, end, i;

  visible_range (p, track, x0, x1, &first, &end);

  i = first;
  while (i < end)
    {
      double col = floor (px (p, track->t[i]) / column);
      guint next = _hs_graph_track_seek_x (track, &p->map, i + 1, end, (col + 1) * column,
                                           &p->stats->visits);

      visit_column (p, track, i, next);
      if (flush != NULL)
        flush (p, track, col);
      i = next;
    }
}

static double
dot_radius (const HsGraphTrack *track)
{
  return track->style == HS_GRAPH_STYLE_DOTS ? (track->color.role == HS_GRAPH_COLOR_SERIES
                                                ? 1.9 : 2.3)
                                             : MARK_RADIUS;
}

void
_hs_graph_paint_cells_track (Painter            *p,
                             const HsGraphTrack *track)
{
  cairo_t *cr = p->cr;
  const HsRgba *color = _hs_graph_color_of (p->palette, track->color);
  gboolean dots = track->style == HS_GRAPH_STYLE_DOTS;
  double cell = dots ? DOT_CELL : MARK_CELL;
  double r = dot_radius (track);
  const guint32 *idx;
  Vertex *v;
  double alpha;
  gboolean halo;
  guint n, k;

  g_array_set_size (p->indexes, 0);
  cells_begin (p, cell);
  walk_columns (p, track, cell, -cell, p->map.width + cell, NULL);
  if (p->indexes->len == 0)
    return;

  idx = (const guint32 *) (gpointer) p->indexes->data;
  n = p->indexes->len;
  p->stats->points_drawn += n;
  /* a few dots: a little bigger */
  if (dots && n < 400)
    r += 0.6;

  v = g_new (Vertex, n);
  for (k = 0; k < n; k++)
    {
      v[k].x = px (p, track->t[idx[k]]);
      v[k].y = hs_graph_map_y (&p->map, track->lo[idx[k]]);
    }

  /* marks by the hundred: smaller, and without the halo that sets a few
   * apart from what they lie on (many would hide it) */
  halo = !dots && n < DENSE_MARKS;
  if (!dots && n >= DENSE_MARKS)
    r *= 0.75;

  alpha = dots && track->color.role == HS_GRAPH_COLOR_SERIES ? 0.9 : track->alpha;
  if (n >= STAMP_MIN && p->stamper == NULL && p->stamps_usable)
    {
      p->stamper = _hs_graph_stamper_get (p->graph, cr, p->map.width, p->map.height);
      p->stamps_usable = p->stamper != NULL;
    }
  if (p->stamper != NULL && n >= STAMP_MIN)
    _hs_graph_stamp_shapes (p->stamper, cr, p->palette, dots ? HS_GRAPH_SHAPE_DOT : track->shape,
                            halo, color, alpha, v, n, r);
  else if (dots)
    {
      cairo_new_path (cr);
      for (k = 0; k < n; k++)
        _hs_graph_shape_path (cr, HS_GRAPH_SHAPE_DOT, v[k].x, v[k].y, r);
      _hs_set_color_alpha (cr, color, alpha);
      cairo_fill (cr);
    }
  else
    _hs_graph_draw_shapes (cr, p->palette, track->shape, halo, color, alpha, v, n, r);

  g_free (v);
}

/* Bars: flushed column by column, merged spans. */
static void
flush_bars (Painter            *p,
            const HsGraphTrack *track,
            double              col)
{
  Span *spans = (Span *) (gpointer) p->spans->data;
  guint n = p->spans->len;
  guint i, out;

  if (n == 0)
    return;
  /* by top; a column has a few */
  for (i = 1; i < n; i++)
    {
      Span tmp = spans[i];
      guint k = i;

      while (k > 0 && spans[k - 1].top > tmp.top)
        {
          spans[k] = spans[k - 1];
          k--;
        }
      spans[k] = tmp;
    }

  out = 0;
  for (i = 1; i < n; i++)
    {
      if (spans[i].top <= spans[out].bottom + 1.0)
        {
          spans[out].bottom = MAX (spans[out].bottom, spans[i].bottom);
          spans[out].single = FALSE;
        }
      else
        spans[++out] = spans[i];
    }
  n = out + 1;

  for (i = 0; i < n; i++)
    {
      double x = n == 1 && spans[i].single ? px (p, track->t[spans[i].index]) : col + 0.5;
      double top = spans[i].top;
      double bottom = spans[i].bottom;

      /* a box on whole pixels, at least a dot's height */
      if (bottom - top < 1.5)
        {
          double mid = (top + bottom) / 2;

          top = mid - 0.75;
          bottom = mid + 0.75;
        }
      cairo_rectangle (p->cr, floor (x + 0.5 - p->bar_width / 2), floor (top), p->bar_width,
                       ceil (bottom) - floor (top));
    }
  p->stats->points_drawn += n;
  g_array_set_size (p->spans, 0);
}

void
_hs_graph_paint_bars_track (Painter            *p,
                            const HsGraphTrack *track)
{
  cairo_t *cr = p->cr;
  const HsRgba *color = _hs_graph_color_of (p->palette, track->color);
  gboolean sparse;
  guint first, end;

  if (track->n == 0)
    return;

  visible_range (p, track, -2, p->map.width + 2, &first, &end);
  cairo_new_path (cr);
  sparse = end - first <= p->map.width / 6;

  if (sparse)
    {
      guint i;

      /* few enough to be told apart: each bar with its end ticks, as
       * tcptrace draws them */
      for (i = first; i < end; i++)
        {
          double x = px (p, track->t[i]);
          double top = py (p, track->hi[i]);
          double bottom = py (p, track->lo[i]);
          double cap = track->caps ? 2.5 : 0;

          if (bottom - top < 1.5)
            {
              top = (top + bottom) / 2 - 0.75;
              bottom = top + 1.5;
            }
          cairo_move_to (cr, x, top);
          cairo_line_to (cr, x, bottom);
          if (cap > 0 && bottom - top >= 4)
            {
              cairo_move_to (cr, x - cap, top);
              cairo_line_to (cr, x + cap, top);
              cairo_move_to (cr, x - cap, bottom);
              cairo_line_to (cr, x + cap, bottom);
            }
        }
      p->stats->points_drawn += end - first;
      p->stats->visits += end - first;
    }
  else
    {
      cells_begin (p, 1.0);
      g_array_set_size (p->spans, 0);
      /* one pixel: boxes in next columns do not overlap (cairo fills
       * boxes that overlap much more slowly) */
      p->bar_width = 1.0;
      p->no_coverage = track->from_zero;
      walk_columns (p, track, 1.0, -2, p->map.width + 2, flush_bars);
    }

  if (track->color.role == HS_GRAPH_COLOR_SACK)
    _hs_set_color_alpha (cr, color, 0.75);
  else if (sparse)
    /* spikes from 0 (bytes in flight) alone: stronger than where they
     * make an area */
    _hs_set_color_alpha (cr, color, MIN (1.0, track->alpha * 1.8));
  else
    _hs_set_color_alpha (cr, color, track->alpha);

  if (sparse)
    {
      cairo_set_line_width (cr, track->line_width);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      cairo_stroke (cr);
    }
  else
    cairo_fill (cr);
}


/* --- zero-window periods ------------------------------------------------- */

void
_hs_graph_paint_bands (Painter *p)
{
  HsGraph *graph = p->graph;
  const HsGraphBand *bands = (const HsGraphBand *) (gpointer) graph->bands[p->pane]->data;
  const gint64 *band_ends = graph->band_ends[p->pane];
  const HsRgba *color = &p->palette->anomaly[HS_ANOMALY_CLASS_WINDOW];
  guint n = graph->bands[p->pane]->len;
  gint64 px_ns = (gint64) ceil (1.0 / p->map.x_scale);
  guint lo, hi, i;

  if (n == 0)
    return;

  /* the first band that ends in the view (band_ends is non-decreasing) */
  lo = 0;
  hi = n;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (band_ends[mid] < p->map.t0)
        lo = mid + 1;
      else
        hi = mid;
    }

  cairo_new_path (p->cr);
  i = lo;
  while (i < n && bands[i].t0 <= p->map.t1)
    {
      gint64 start = bands[i].t0;
      gint64 end = band_ends[i];
      double x0, x1;

      /* the union of the bands closer than a pixel */
      for (;;)
        {
          gint64 limit = end + px_ns;
          guint a = i + 1, b = n;

          while (a < b)
            {
              guint mid = a + (b - a) / 2;

              if (bands[mid].t0 <= limit)
                a = mid + 1;
              else
                b = mid;
            }
          p->stats->visits += 16;
          if (a == i + 1)
            break;
          i = a - 1;
          if (band_ends[i] <= end)
            break;
          end = band_ends[i];
        }
      i++;

      x0 = CLAMP (px (p, start), -2, p->map.width + 2);
      x1 = CLAMP (px (p, end), -2, p->map.width + 2);
      if (x1 - x0 < 1.5)
        {
          x0 = (x0 + x1) / 2 - 0.75;
          x1 = x0 + 1.5;
        }
      cairo_rectangle (p->cr, x0, 0, x1 - x0, p->map.height);
      p->stats->points_drawn += 2;
    }

  /* a light tint (none on paper) under a hatching: not to be taken for
   * the translucent areas of bytes in flight */
  cairo_save (p->cr);
  if (p->palette->kind != HS_PALETTE_PRINT)
    {
      _hs_set_color_alpha (p->cr, color, p->palette->kind == HS_PALETTE_DARK ? 0.12 : 0.07);
      cairo_fill_preserve (p->cr);
    }
  cairo_clip (p->cr);
  _hs_set_color_alpha (p->cr, color, p->palette->kind == HS_PALETTE_DARK ? 0.45 : 0.38);
  cairo_set_line_width (p->cr, 1.0);
  for (i = 0; i * 7.0 < p->map.width + p->map.height; i++)
    {
      cairo_move_to (p->cr, i * 7.0, 0);
      cairo_line_to (p->cr, i * 7.0 - p->map.height, p->map.height);
    }
  cairo_stroke (p->cr);
  cairo_restore (p->cr);
}
