/* hs-graph-paint.c
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The painters of the graphs, on any cairo context: the widget and the
 * PNG, SVG and PDF exporters call the same code.
 *
 * A drawing, outside in: the background; the warning above the plot when
 * there is one; the grid with its tick labels and the axis titles with
 * their units; inside the plot (clipped), the zero-window periods, then
 * the tracks (areas, lines and steps, bars, dots, marks), the selected
 * packet; the axis lines; the legend in the emptiest corner of the plot;
 * the crosshair with its readout.
 *
 * Cost: every track is reduced to the pixel grid before it is drawn.
 *  - A line (or step) keeps the first, least, greatest and last point of
 *    each pixel column (_hs_graph_track_decimate()); a column whose points
 *    lie far apart is filled as a pixel box rather than stroked as a
 *    zigzag.
 *  - Dots and marks keep one point per cell (2 px for dots, about the
 *    shape's size for marks): a column's points are found through the
 *    track's min/max tree, and a node whose points all fall in one cell
 *    row gives one point without being opened.  On an image surface, many
 *    of them are stamped into a coverage mask (see "stamps").
 *  - Bars (tcptrace segments, SACK blocks, bytes in flight) keep, per
 *    pixel column, the union of their spans, through the same tree.
 * So the cost is O(columns × log n) plus what is drawn, which is bounded
 * by the number of pixels; counted in HsGraphStats for the tests. */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "hs-graph-paint-impl.h"

/* --- lines ---------------------------------------------------------------- */

/* A line track after decimation, column by column.  Where a column holds
 * points far apart (a noisy series squeezed into a pixel), its first, least,
 * greatest and last points would make a stroke zigzag the whole span, which
 * cairo rasterises slowly; such a column is drawn as a span (a pixel-wide
 * box from its least to its greatest value, including the step in from the
 * column before): the same pixels, a fraction of the cost.  Elsewhere the
 * points make an ordinary polyline (or steps). */

#define DENSE_SPAN 3.0
#define STEEP_JUMP 8.0

typedef struct
{
  Painter            *p;
  const HsGraphTrack *track;
  gboolean            step;
  gboolean            pen;       /* the path's current point is `prev` */
  gboolean            in_span;   /* `prev` ends a span */
  gboolean            has_prev;
  Vertex              prev;
  GArray             *spans;     /* Vertex pairs: (x, top), (x, bottom) */
} LineWalk;

static void
walk_line_to (LineWalk *w,
              Vertex    v)
{
  cairo_t *cr = w->p->cr;

  if (!w->pen)
    {
      if (w->has_prev)
        cairo_move_to (cr, w->prev.x, w->prev.y);
      else
        cairo_move_to (cr, v.x, v.y);
      w->pen = TRUE;
    }
  if (w->has_prev)
    {
      if (w->step)
        {
          cairo_line_to (cr, v.x, w->prev.y);
          cairo_line_to (cr, v.x, v.y);
        }
      else
        {
          cairo_line_to (cr, v.x, v.y);
        }
    }
  w->prev = v;
  w->has_prev = TRUE;
}

/* One column's vertices (in order).  A column whose own points lie more
 * than DENSE_SPAN apart is a span (noise squeezed into a pixel); a steep
 * but smooth line has columns of one or two close points, which stay a
 * polyline, antialiased. */
static void
walk_column (LineWalk     *w,
             const Vertex *v,
             guint         n)
{
  gboolean adjacent = w->has_prev && v[0].x - w->prev.x <= 2.0;
  double top = v[0].y, bottom = v[0].y;
  guint i;

  for (i = 1; i < n; i++)
    {
      top = MIN (top, v[i].y);
      bottom = MAX (bottom, v[i].y);
    }

  /* a near-vertical jump in from the column next to it counts as part of
   * the column: a box draws it as well as a line, much faster */
  if (adjacent && fabs (v[0].y - w->prev.y) >= STEEP_JUMP)
    {
      top = MIN (top, w->prev.y);
      bottom = MAX (bottom, w->prev.y);
      w->in_span = TRUE;
    }

  if (bottom - top <= DENSE_SPAN)
    {
      for (i = 0; i < n; i++)
        walk_line_to (w, v[i]);
      w->in_span = FALSE;
      return;
    }

  /* a span: the way in from a span next to it is inside the two; from
   * anything else it is a line */
  if (adjacent && w->in_span)
    {
      top = MIN (top, w->prev.y);
      bottom = MAX (bottom, w->prev.y);
    }
  else if (w->has_prev)
    walk_line_to (w, v[0]);
  {
    Vertex a = { floor (v[0].x) + 0.5, top };
    Vertex b = { floor (v[0].x) + 0.5, bottom };

    g_array_append_val (w->spans, a);
    g_array_append_val (w->spans, b);
  }
  w->pen = FALSE;
  w->in_span = TRUE;
  w->prev = v[n - 1];
  w->has_prev = TRUE;
}

static void
paint_line_track (Painter            *p,
                  const HsGraphTrack *track)
{
  cairo_t *cr = p->cr;
  const guint32 *idx;
  const HsRgba *color = _hs_graph_color_of (p->palette, track->color);
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Vertex));
  Vertex column[8];
  guint n_column = 0;
  double column_x = 0;
  LineWalk w;
  guint n;
  guint k;

  g_array_set_size (p->indexes, 0);
  _hs_graph_track_decimate (track, &p->map, p->indexes, &p->stats->visits);
  n = p->indexes->len;
  if (n == 0)
    return;
  idx = (const guint32 *) (gpointer) p->indexes->data;
  p->stats->points_drawn += n;

  memset (&w, 0, sizeof w);
  w.p = p;
  w.track = track;
  w.step = track->style == HS_GRAPH_STYLE_STEP;
  w.spans = spans;

  cairo_new_path (cr);
  for (k = 0; k < n; k++)
    {
      Vertex v = { px (p, track->t[idx[k]]), py (p, track->lo[idx[k]]) };

      /* the points beyond the edges, brought back to them along their
       * segment (a step holds its value) */
      if (k == 0 && n > 1 && v.x < -4)
        {
          double nx = px (p, track->t[idx[1]]);
          double ny = py (p, track->lo[idx[1]]);

          if (!w.step && nx > v.x)
            v.y += (ny - v.y) * (-4 - v.x) / (nx - v.x);
          v.x = -4;
        }
      else if (k == n - 1 && k > 0 && v.x > p->map.width + 4)
        {
          Vertex last = n_column > 0 ? column[n_column - 1] : w.prev;

          if (!w.step && v.x > last.x)
            v.y = last.y + (v.y - last.y) * (p->map.width + 4 - last.x) / (v.x - last.x);
          v.x = p->map.width + 4;
        }

      if (n_column > 0 && (floor (v.x) != column_x || n_column == G_N_ELEMENTS (column)))
        {
          walk_column (&w, column, n_column);
          n_column = 0;
        }
      if (n_column == 0)
        column_x = floor (v.x);
      column[n_column++] = v;
    }
  if (n_column > 0)
    walk_column (&w, column, n_column);

  /* a step holds its last value to the end of the connection */
  if (w.step && idx[n - 1] == track->n - 1)
    {
      double end = MIN (px (p, p->graph->duration_ns), p->map.width + 4);

      if (end > w.prev.x)
        walk_line_to (&w, (Vertex) { end, w.prev.y });
    }

  _hs_set_color_alpha (cr, color, track->alpha);
  cairo_set_line_width (cr, track->line_width);
  /* round joins are costly by the thousand; steps turn square anyway */
  cairo_set_line_join (cr, w.step ? CAIRO_LINE_JOIN_MITER
                                  : n <= 600 ? CAIRO_LINE_JOIN_ROUND : CAIRO_LINE_JOIN_BEVEL);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  /* dashes are costly by the thousand: a dense dashed series is lighter
   * instead, as its spans are */
  if (track->dashed && n <= 1200)
    cairo_set_dash (cr, (double[]) { 5, 3 }, 2, 0);
  else if (track->dashed)
    _hs_set_color_alpha (cr, color, track->alpha * 0.55);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  /* the spans: boxes on whole pixels (a dashed series lighter, as its
   * dashes would be), each stopping where the next begins: boxes that do
   * not overlap are what cairo fills fastest */
  if (spans->len > 0)
    {
      const Vertex *sv = (const Vertex *) (gpointer) spans->data;
      double half = MAX (1.0, round (track->line_width)) / 2;

      for (k = 0; k + 1 < spans->len; k += 2)
        {
          double x = floor (sv[k].x + 0.5 - half);
          double right = x + 2 * half;

          if (k + 3 < spans->len)
            right = MIN (right, floor (sv[k + 2].x + 0.5 - half));
          if (right <= x)
            continue;
          cairo_rectangle (cr, x, floor (sv[k].y - half), right - x,
                           ceil (sv[k + 1].y + half) - floor (sv[k].y - half));
        }
      _hs_set_color_alpha (cr, color, track->alpha * (track->dashed ? 0.55 : 1.0));
      cairo_fill (cr);
    }
}


/* --- warning, empty graph, selection, crosshair ------------------------- */

double
_hs_graph_warning_text_height (HsGraph *self,
                               double   width)
{
  HsInk ink;
  double height;

  _hs_graph_ink_init (&ink, NULL, NULL);
  height = _hs_ink_text_wrapped (&ink, FONT_WARNING, self->warning, 0, 0, width, PANGO_ALIGN_LEFT,
                             NULL);
  _hs_ink_clear (&ink);

  return height;
}

/* The warning in its band above the plot, on as many lines as it takes
 * (the band is as high as they are). */
static void
paint_warning (Painter       *p,
               HsGraphLayout *layout)
{
  cairo_t *cr = p->cr;
  const HsRgba *orange = &p->palette->anomaly[HS_ANOMALY_CLASS_LOST];
  double x = layout->x;
  double y = layout->warning_y;
  double h = layout->warning_height;
  double w = layout->width;
  double ix, iy;

  if (p->graph->warning == NULL || h <= 0)
    return;

  _hs_rounded_rect (cr, x, y, w, h, 6);
  if (p->palette->kind == HS_PALETTE_PRINT)
    {
      _hs_set_color (cr, orange);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
    }
  else
    {
      _hs_set_color_alpha (cr, orange, p->palette->kind == HS_PALETTE_DARK ? 0.22 : 0.13);
      cairo_fill (cr);
    }

  /* a warning sign, beside the text */
  ix = x + 16;
  iy = y + h / 2;
  cairo_move_to (cr, ix, iy - 7);
  cairo_line_to (cr, ix + 7.5, iy + 6);
  cairo_line_to (cr, ix - 7.5, iy + 6);
  cairo_close_path (cr);
  _hs_set_color (cr, orange);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke_preserve (cr);
  cairo_fill (cr);
  _hs_set_color (cr, &p->palette->background);
  cairo_rectangle (cr, ix - 0.9, iy - 3, 1.8, 5);
  cairo_rectangle (cr, ix - 0.9, iy + 3, 1.8, 1.6);
  cairo_fill (cr);

  {
    /* measured by the layout for this width */
    double th = p->graph->warning_text_height;

    cairo_save (cr);
    cairo_rectangle (cr, x, y, w, h);
    cairo_clip (cr);
    _hs_ink_text_wrapped (&p->ink, FONT_WARNING, p->graph->warning, x + 32, y + (h - th) / 2,
                      w - WARNING_TEXT_INSET, PANGO_ALIGN_LEFT, &p->palette->foreground);
    cairo_restore (cr);
  }
}

static const char *
empty_message (HsGraph *graph)
{
  switch (graph->kind)
    {
    case HS_GRAPH_WINDOW:
      return _("No window information in this connection");
    case HS_GRAPH_TCPTRACE:
    case HS_GRAPH_STEVENS:
      return _("No data segments in this direction");
    case HS_GRAPH_THROUGHPUT:
      return _("No data was sent on this connection");
    case HS_GRAPH_RTT:
    case HS_GRAPH_N_KINDS:
    default:
      return _("No round-trip time samples: no data segment was acknowledged");
    }
}

static void
paint_selection (Painter *p,
                 guint    pos)
{
  cairo_t *cr = p->cr;
  HsGraph *graph = p->graph;
  gint64 t = _hs_graph_pos_time (graph, pos);
  double x;
  guint i;

  if (t == G_MININT64)
    return;
  x = px (p, t);
  if (x < -8 || x > p->map.width + 8)
    return;

  _hs_set_color_alpha (cr, &p->palette->connector, 0.85);
  cairo_set_line_width (cr, 1.0);
  cairo_set_dash (cr, (double[]) { 3, 2 }, 2, 0);
  cairo_move_to (cr, floor (x) + 0.5, 0);
  cairo_line_to (cr, floor (x) + 0.5, p->map.height);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  /* the packet's own mark: its bar drawn over, or a ring around its point
   * (not around the window edge an ACK also sets) */
  for (i = 0; i < graph->tracks->len; i++)
    {
      const HsGraphTrack *track = g_ptr_array_index (graph->tracks, i);
      guint k = _hs_graph_track_lower_bound (track, t);
      guint guard;

      if (!track->hittable || track->dashed || track->pane != p->pane)
        continue;

      for (guard = 0; k < track->n && track->t[k] == t && guard < 64; k++, guard++)
        {
          double y, kx;

          if (track->pos[k] != pos)
            continue;
          kx = px (p, track->t[k]);
          y = hs_graph_map_y (&p->map, track->hi != NULL ? track->hi[k] : track->lo[k]);
          if (y < -8 || y > p->map.height + 8)
            continue;

          if (track->hi != NULL)
            {
              double bottom = CLAMP (hs_graph_map_y (&p->map, track->lo[k]), -8,
                                     p->map.height + 8);

              /* a frame around the bar, which stays visible in it */
              y = CLAMP (y, -8, p->map.height + 8);
              _hs_rounded_rect (cr, kx - 5, y - 5, 10, bottom - y + 10, 4);
              _hs_set_color (cr, &p->palette->background);
              cairo_set_line_width (cr, 4.5);
              cairo_stroke_preserve (cr);
              _hs_set_color (cr, &p->palette->foreground);
              cairo_set_line_width (cr, 2.0);
              cairo_stroke (cr);
              continue;
            }

          cairo_new_sub_path (cr);
          cairo_arc (cr, kx, y, 6.5, 0, 2 * G_PI);
          _hs_set_color (cr, &p->palette->background);
          cairo_set_line_width (cr, 4.5);
          cairo_stroke_preserve (cr);
          _hs_set_color (cr, &p->palette->foreground);
          cairo_set_line_width (cr, 2.0);
          cairo_stroke (cr);
        }
    }
}

/* The crosshair's lines: across every pane in time, across the pane
 * under the pointer in value.  No text: the readout has its own place,
 * beside the drawing. */
static void
paint_crosshair (Painter       *p,
                 HsGraphLayout *layout,
                 double         x,
                 double         y)
{
  cairo_t *cr = p->cr;
  guint pane;

  if (x < layout->x || x > layout->x + layout->width)
    return;

  cairo_new_path (cr);
  for (pane = 0; pane < layout->n_panes; pane++)
    {
      double top = layout->y + pane * (layout->pane_height + layout->pane_gap);

      cairo_move_to (cr, floor (x) + 0.5, top);
      cairo_line_to (cr, floor (x) + 0.5, top + layout->pane_height);
      if (y >= top && y <= top + layout->pane_height)
        {
          cairo_move_to (cr, layout->x, floor (y) + 0.5);
          cairo_line_to (cr, layout->x + layout->width, floor (y) + 0.5);
        }
      else if (pane == layout->n_panes - 1 && (y < layout->y || y > top + layout->pane_height))
        {
          /* outside the panes: no crosshair at all */
          cairo_new_path (cr);
          return;
        }
    }
  _hs_set_color_alpha (cr, &p->palette->foreground, 0.45);
  cairo_set_line_width (cr, 1.0);
  cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}


/* ------------------------------------------------------------------------ */
/* Painting                                                                  */

void
hs_graph_paint_options_init (HsGraphPaintOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->selected_pos = G_MAXUINT;
  options->crosshair = FALSE;
  options->text_layer = NULL;
}

/* The times another view shows, as a light band behind the data; at
 * least a pixel wide, so that a range narrower than one still shows. */
static void
paint_marked (Painter *p,
              gint64   t0,
              gint64   t1)
{
  double x0 = hs_graph_map_x (&p->map, MIN (t0, t1));
  double x1 = hs_graph_map_x (&p->map, MAX (t0, t1));

  if (x1 < 0 || x0 > p->map.width)
    return;
  x0 = MAX (x0, -1.0);
  x1 = MIN (MAX (x1, x0 + 1), p->map.width + 1);

  cairo_rectangle (p->cr, x0, 0, x1 - x0, p->map.height);
  /* lighter than the selection's band in the ladder: the data shows through */
  _hs_set_color_alpha (p->cr, &p->palette->selection, 0.7);
  cairo_fill (p->cr);
}

/* One pane: its grid and labels, then inside it (clipped) the
 * zero-window periods, its tracks and the selected packet; its axes. */
static void
paint_pane (Painter                   *p,
            HsGraphLayout             *layout,
            guint                      pane,
            const HsGraphPaintOptions *options)
{
  cairo_t *cr = p->cr;
  HsGraph *self = p->graph;
  gboolean last = pane + 1 == layout->n_panes;
  double label_top, label_bottom;
  guint i;

  p->pane = pane;
  _hs_graph_get_pane_map (self, p->width, p->height, pane, &p->map);

  /* a value label stays out of the gap's half of the next pane */
  label_top = pane == 0 ? p->map.y - MAX (8.0, layout->pane_gap / 2)
                        : p->map.y - layout->pane_gap / 2;
  label_bottom = p->map.y + p->map.height + (last ? 8 : layout->pane_gap / 2);
  _hs_graph_paint_grid (p, last, label_top, label_bottom);

  /* the data, clipped to the pane (marks may reach a little beyond) */
  cairo_save (cr);
  cairo_translate (cr, p->map.x, p->map.y);
  cairo_rectangle (cr, -1, -6, p->map.width + 7, p->map.height + 7);
  cairo_clip (cr);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, p->map.width, p->map.height);
  cairo_clip (cr);
  _hs_graph_paint_bands (p);
  if (options->marked)
    paint_marked (p, options->marked_t0, options->marked_t1);
  cairo_restore (cr);

  for (i = 0; i < self->tracks->len; i++)
    {
      const HsGraphTrack *track = g_ptr_array_index (self->tracks, i);

      if (track->n == 0 || track->pane != pane)
        continue;

      switch (track->style)
        {
        case HS_GRAPH_STYLE_LINE:
        case HS_GRAPH_STYLE_STEP:
          cairo_save (cr);
          cairo_rectangle (cr, 0, -1, p->map.width, p->map.height + 1);
          cairo_clip (cr);
          paint_line_track (p, track);
          cairo_restore (cr);
          break;

        case HS_GRAPH_STYLE_BARS:
          cairo_save (cr);
          cairo_rectangle (cr, 0, -1, p->map.width, p->map.height + 1);
          cairo_clip (cr);
          _hs_graph_paint_bars_track (p, track);
          cairo_restore (cr);
          break;

        case HS_GRAPH_STYLE_DOTS:
        case HS_GRAPH_STYLE_MARKS:
        case HS_GRAPH_STYLE_BAND:
        default:
          _hs_graph_paint_cells_track (p, track);
          break;
        }
    }

  if (options->selected_pos != G_MAXUINT)
    paint_selection (p, options->selected_pos);

  cairo_restore (cr);

  _hs_graph_paint_axes (p);
}

void
hs_graph_paint (cairo_t                   *cr,
                HsGraph                   *self,
                const HsPalette           *palette,
                double                     width,
                double                     height,
                const HsGraphPaintOptions *options)
{
  HsGraphPaintOptions defaults;
  HsGraphLayout layout;
  Painter p;
  guint pane;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (self != NULL);
  g_return_if_fail (palette != NULL);

  if (options == NULL)
    {
      hs_graph_paint_options_init (&defaults);
      options = &defaults;
    }

  memset (&p, 0, sizeof p);
  p.cr = cr;
  p.graph = self;
  p.palette = palette;
  p.width = width;
  p.height = height;
  p.stats = &self->stats;
  p.stats->paints++;
  _hs_graph_get_layout (self, width, height, &layout);
  p.indexes = g_array_new (FALSE, FALSE, sizeof (guint32));
  p.spans = g_array_new (FALSE, FALSE, sizeof (Span));

  cairo_save (cr);
  _hs_graph_ink_init (&p.ink, cr, options->text_layer);

  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  _hs_set_color (cr, &palette->background);
  cairo_paint (cr);

  paint_warning (&p, &layout);

  /* the legend in rows of its own above the plot, never over the data */
  if (layout.legend_height > 0)
    {
      cairo_save (cr);
      cairo_translate (cr, 0, layout.legend_y);
      _hs_graph_legend_flow (&p.ink, self, palette, TITLE_MARGIN, width - TITLE_MARGIN, 0);
      cairo_restore (cr);
    }

  /* a value axis's whole title where every pane has the height for its
   * own, the units alone otherwise */
  for (pane = 0; pane < layout.n_panes; pane++)
    {
      g_autofree char *title = NULL;
      Unit unit;
      double tw;

      _hs_graph_get_pane_map (self, width, height, pane, &p.map);
      _hs_graph_value_unit (self->value_kind, p.map.v0, p.map.v1, &unit);
      title = _hs_graph_value_axis_title (self->value_kind, unit.unit);
      _hs_ink_measure (&p.ink, FONT_AXIS, title, 0, &tw, NULL);
      p.short_titles |= tw > p.map.height - 4;
    }

  p.stamps_usable = TRUE;
  for (pane = 0; pane < layout.n_panes; pane++)
    paint_pane (&p, &layout, pane, options);

  if (hs_graph_is_empty (self))
    {
      const char *message = empty_message (self);
      HsInk measure;
      double th;

      /* on as many lines as the plot's width takes */
      _hs_graph_ink_init (&measure, NULL, NULL);
      th = _hs_ink_text_wrapped (&measure, FONT_MESSAGE, message, 0, 0, layout.width - 20,
                             PANGO_ALIGN_CENTER, NULL);
      _hs_ink_clear (&measure);
      _hs_ink_text_wrapped (&p.ink, FONT_MESSAGE, message, layout.x + 10,
                        layout.y + (layout.height - th) / 2, layout.width - 20, PANGO_ALIGN_CENTER,
                        &palette->dim);
    }

  if (options->crosshair)
    paint_crosshair (&p, &layout, options->pointer_x, options->pointer_y);

  _hs_ink_clear (&p.ink);
  cairo_restore (cr);

  g_array_unref (p.indexes);
  g_array_unref (p.spans);
  g_free (p.stamps);
}
