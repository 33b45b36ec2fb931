/* hs-graph-shapes.c
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The graphs' fonts and colours, the shapes of their marks, and the stamps
 * that put thousands of them on an image surface quickly. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "hs-graph-paint-impl.h"

/* tick labels in figures of one width, so that they line up */
static const HsInkFont font_specs[N_FONTS] = {
  [FONT_TICK] = { TICK_SIZE, PANGO_WEIGHT_NORMAL, TRUE },
  [FONT_AXIS] = { AXIS_SIZE, PANGO_WEIGHT_BOLD },
  [FONT_LEGEND] = { LEGEND_SIZE, PANGO_WEIGHT_NORMAL },
  [FONT_LEGEND_BOLD] = { LEGEND_SIZE, PANGO_WEIGHT_BOLD },
  [FONT_WARNING] = { WARNING_SIZE, PANGO_WEIGHT_NORMAL },
  [FONT_MESSAGE] = { MESSAGE_SIZE, PANGO_WEIGHT_NORMAL },
  [FONT_TITLE] = { TITLE_SIZE, PANGO_WEIGHT_BOLD },
  [FONT_SUBTITLE] = { SUBTITLE_SIZE, PANGO_WEIGHT_NORMAL },
};



/* Text drawing for one paint, in the graphs' fonts. */
void
_hs_graph_ink_init (HsInk   *ink,
                    cairo_t *cr,
                    GString *text_layer)
{
  guint i;

  for (i = 0; i < N_FONTS; i++)
    g_assert (font_specs[i].size > 0);

  _hs_ink_init (ink, cr, text_layer, font_specs, N_FONTS);
}

/* A text turned a quarter anticlockwise, centred on (x, y). */
void
_hs_graph_ink_text_vertical (HsInk        *ink,
                             Font          font,
                             const char   *text,
                             double        x,
                             double        y,
                             double        max_width,
                             const HsRgba *color)
{
  PangoRectangle logical;
  double w, h;

  if (ink->cr == NULL)
    return;

  _hs_ink_prepare (ink, font, text, max_width);
  pango_layout_get_extents (ink->layout, NULL, &logical);
  w = (double) logical.width / PANGO_SCALE;
  h = (double) logical.height / PANGO_SCALE;

  cairo_save (ink->cr);
  cairo_translate (ink->cr, x - h / 2, y + w / 2);
  cairo_rotate (ink->cr, -G_PI / 2);
  _hs_set_color (ink->cr, color);
  cairo_move_to (ink->cr, 0, 0);
  pango_cairo_update_layout (ink->cr, ink->layout);
  pango_cairo_show_layout (ink->cr, ink->layout);
  cairo_restore (ink->cr);
  pango_cairo_update_layout (ink->cr, ink->layout);

  if (ink->text_layer != NULL)
    {
      double bx = x - h / 2 + (double) pango_layout_get_baseline (ink->layout) / PANGO_SCALE;
      double by = y + w / 2;

      _hs_ink_record (ink, font, text, bx, by, -90);
    }
}

const HsRgba *
_hs_graph_color_of (const HsPalette *palette,
                    HsGraphColor     color)
{
  switch (color.role)
    {
    case HS_GRAPH_COLOR_SERIES:
      return &palette->series[MIN (color.index, 1)];
    case HS_GRAPH_COLOR_SACK:
      return &palette->sack;
    case HS_GRAPH_COLOR_ANOMALY:
    default:
      return &palette->anomaly[MIN (color.index, HS_ANOMALY_CLASS_LAST - 1)];
    }
}


/* ------------------------------------------------------------------------ */
/* Shapes                                                                    */

static gboolean
shape_is_stroked (HsGraphShape shape)
{
  return shape == HS_GRAPH_SHAPE_CROSS || shape == HS_GRAPH_SHAPE_TICK;
}

/* The shape centred at (x, y), as a new sub-path. */
void
_hs_graph_shape_path (cairo_t      *cr,
                      HsGraphShape  shape,
                      double        x,
                      double        y,
                      double        r)
{
  switch (shape)
    {
    case HS_GRAPH_SHAPE_SQUARE:
      cairo_rectangle (cr, x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7);
      break;

    case HS_GRAPH_SHAPE_DIAMOND:
      cairo_move_to (cr, x, y - r * 1.2);
      cairo_line_to (cr, x + r * 1.2, y);
      cairo_line_to (cr, x, y + r * 1.2);
      cairo_line_to (cr, x - r * 1.2, y);
      cairo_close_path (cr);
      break;

    case HS_GRAPH_SHAPE_TRIANGLE_UP:
      cairo_move_to (cr, x, y - r * 1.25);
      cairo_line_to (cr, x + r * 1.2, y + r * 0.85);
      cairo_line_to (cr, x - r * 1.2, y + r * 0.85);
      cairo_close_path (cr);
      break;

    case HS_GRAPH_SHAPE_TRIANGLE_DOWN:
      cairo_move_to (cr, x, y + r * 1.25);
      cairo_line_to (cr, x + r * 1.2, y - r * 0.85);
      cairo_line_to (cr, x - r * 1.2, y - r * 0.85);
      cairo_close_path (cr);
      break;

    case HS_GRAPH_SHAPE_CROSS:
      cairo_move_to (cr, x - r, y - r);
      cairo_line_to (cr, x + r, y + r);
      cairo_move_to (cr, x + r, y - r);
      cairo_line_to (cr, x - r, y + r);
      break;

    case HS_GRAPH_SHAPE_TICK:
      cairo_move_to (cr, x, y - r * 1.3);
      cairo_line_to (cr, x, y + r * 1.3);
      break;

    case HS_GRAPH_SHAPE_DOT:
    case HS_GRAPH_SHAPE_CIRCLE:
    default:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      cairo_close_path (cr);
      break;
    }
}

/* Shapes at the points of `v`: a halo of the background (the shape a
 * little larger, filled: cheaper than a stroke around it), then the shape
 * in its colour.  Crosses and ticks are strokes: a wide stroke of the
 * background under a narrow one. */
void
_hs_graph_draw_shapes (cairo_t         *cr,
                       const HsPalette *palette,
                       HsGraphShape     shape,
                       gboolean         halo,
                       const HsRgba    *color,
                       double           alpha,
                       const Vertex    *v,
                       guint            n,
                       double           r)
{
  guint i;

  cairo_new_path (cr);
  if (shape_is_stroked (shape))
    {
      for (i = 0; i < n; i++)
        _hs_graph_shape_path (cr, shape, v[i].x, v[i].y, r);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      if (halo)
        {
          _hs_set_color (cr, &palette->background);
          cairo_set_line_width (cr, 4.5);
          cairo_stroke_preserve (cr);
        }
      _hs_set_color_alpha (cr, color, alpha);
      cairo_set_line_width (cr, 2.0);
      cairo_stroke (cr);
      return;
    }

  if (halo)
    {
      for (i = 0; i < n; i++)
        _hs_graph_shape_path (cr, shape, v[i].x, v[i].y, r + 1.3);
      _hs_set_color (cr, &palette->background);
      cairo_fill (cr);
    }
  for (i = 0; i < n; i++)
    _hs_graph_shape_path (cr, shape, v[i].x, v[i].y, r);
  _hs_set_color_alpha (cr, color, alpha);
  cairo_fill (cr);
}


/* --- stamps --------------------------------------------------------------- */

/* On an image surface, thousands of small shapes spread over the plot are
 * slow to fill as one path (the scan converter walks every shape on every
 * line it crosses).  There they are stamped instead: each shape is drawn
 * once into a small coverage image, copied (max-blended) into a coverage
 * mask of the plot at each point, and the mask is composited once in the
 * colour, over the box the stamps touched.  A point lands on the nearest
 * device pixel's centre.  Vector surfaces (SVG, PDF) keep real shapes. */


/* Whether marks can be stamped on this context, and at what scale: an
 * image surface, drawn to without rotation or shear. */
static gboolean
stamp_scale (cairo_t *cr,
             double  *scale)
{
  cairo_surface_t *target = cairo_get_target (cr);
  cairo_matrix_t m;
  double sx, sy;

  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE)
    return FALSE;
  cairo_get_matrix (cr, &m);
  cairo_surface_get_device_scale (target, &sx, &sy);
  if (m.xy != 0 || m.yx != 0 || m.xx != m.yy || m.xx <= 0 || sx != sy || m.xx * sx > 8)
    return FALSE;
  *scale = m.xx * sx;
  return TRUE;
}

static Stamper *
stamper_new (double scale,
             double width,
             double height)
{
  Stamper *st = g_new0 (Stamper, 1);

  st->scale = scale;
  st->margin = STAMP_MARGIN;
  st->width = (int) ceil ((width + 2 * st->margin) * st->scale);
  st->height = (int) ceil ((height + 2 * st->margin) * st->scale);
  st->mask = cairo_image_surface_create (CAIRO_FORMAT_A8, st->width, st->height);
  if (cairo_surface_status (st->mask) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (st->mask);
      g_free (st);
      return NULL;
    }
  cairo_surface_set_device_scale (st->mask, st->scale, st->scale);
  st->x0 = st->y0 = G_MAXINT;
  st->x1 = st->y1 = G_MININT;

  return st;
}

void
_hs_graph_stamper_free (gpointer data)
{
  Stamper *st = data;

  if (st == NULL)
    return;
  cairo_surface_destroy (st->mask);
  g_free (st);
}

/* The graph's stamper, kept from one paint to the next while the size
 * and scale stay (the mask is left clear after each use). */
Stamper *
_hs_graph_stamper_get (HsGraph *graph,
                       cairo_t *cr,
                       double   width,
                       double   height)
{
  Stamper *st = graph->stamper;
  double scale;

  if (!stamp_scale (cr, &scale))
    return NULL;
  if (st != NULL && st->scale == scale &&
      st->width == (int) ceil ((width + 2 * STAMP_MARGIN) * scale) &&
      st->height == (int) ceil ((height + 2 * STAMP_MARGIN) * scale))
    return st;

  g_clear_pointer (&graph->stamper, _hs_graph_stamper_free);
  graph->stamper = stamper_new (scale, width, height);
  return graph->stamper;
}

/* The coverage of one shape (or of its halo), centred on the middle pixel
 * of an odd-sized image. */
static cairo_surface_t *
stamp_new (Stamper      *st,
           HsGraphShape  shape,
           double        r,
           gboolean      halo)
{
  int size = 2 * (int) ceil ((r * 1.3 + 3) * st->scale) + 1;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, size, size);
  cairo_t *cr = cairo_create (surface);

  cairo_translate (cr, size / 2.0, size / 2.0);
  cairo_scale (cr, st->scale, st->scale);
  cairo_set_source_rgba (cr, 0, 0, 0, 1);
  if (shape_is_stroked (shape))
    {
      _hs_graph_shape_path (cr, shape, 0, 0, r);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_width (cr, halo ? 4.5 : 2.0);
      cairo_stroke (cr);
    }
  else
    {
      _hs_graph_shape_path (cr, shape, 0, 0, halo ? r + 1.3 : r);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static void
stamp_at (Stamper         *st,
          cairo_surface_t *stamp,
          double           x,
          double           y)
{
  int size = cairo_image_surface_get_width (stamp);
  int sstride = cairo_image_surface_get_stride (stamp);
  const guint8 *sdata = cairo_image_surface_get_data (stamp);
  int stride = cairo_image_surface_get_stride (st->mask);
  guint8 *data = cairo_image_surface_get_data (st->mask);
  int left = (int) floor ((x + st->margin) * st->scale) - size / 2;
  int top = (int) floor ((y + st->margin) * st->scale) - size / 2;
  int a0 = MAX (0, -left), a1 = MIN (size, st->width - left);
  int b0 = MAX (0, -top), b1 = MIN (size, st->height - top);
  int a, b;

  if (a0 >= a1 || b0 >= b1)
    return;

  for (b = b0; b < b1; b++)
    {
      const guint8 *srow = sdata + b * sstride;
      guint8 *row = data + (gsize) (top + b) * stride + left;

      for (a = a0; a < a1; a++)
        row[a] = MAX (row[a], srow[a]);
    }

  st->x0 = MIN (st->x0, left + a0);
  st->x1 = MAX (st->x1, left + a1);
  st->y0 = MIN (st->y0, top + b0);
  st->y1 = MAX (st->y1, top + b1);
}

/* Composites what was stamped in `color`, and clears the mask. */
static void
stamper_flush (Stamper      *st,
               cairo_t      *cr,
               const HsRgba *color,
               double        alpha)
{
  int stride = cairo_image_surface_get_stride (st->mask);
  guint8 *data = cairo_image_surface_get_data (st->mask);
  int b;

  if (st->x0 >= st->x1 || st->y0 >= st->y1)
    return;

  cairo_surface_mark_dirty (st->mask);
  cairo_save (cr);
  cairo_rectangle (cr, st->x0 / st->scale - st->margin, st->y0 / st->scale - st->margin,
                   (st->x1 - st->x0) / st->scale, (st->y1 - st->y0) / st->scale);
  cairo_clip (cr);
  _hs_set_color_alpha (cr, color, alpha);
  cairo_mask_surface (cr, st->mask, -st->margin, -st->margin);
  cairo_restore (cr);

  cairo_surface_flush (st->mask);
  for (b = st->y0; b < st->y1; b++)
    memset (data + (gsize) b * stride + st->x0, 0, st->x1 - st->x0);
  st->x0 = st->y0 = G_MAXINT;
  st->x1 = st->y1 = G_MININT;
}

/* draw_shapes() through the stamper. */
void
_hs_graph_stamp_shapes (Stamper         *st,
                        cairo_t         *cr,
                        const HsPalette *palette,
                        HsGraphShape     shape,
                        gboolean         halo,
                        const HsRgba    *color,
                        double           alpha,
                        const Vertex    *v,
                        guint            n,
                        double           r)
{
  cairo_surface_t *stamp;
  guint i;

  if (halo)
    {
      stamp = stamp_new (st, shape, r, TRUE);
      for (i = 0; i < n; i++)
        stamp_at (st, stamp, v[i].x, v[i].y);
      cairo_surface_destroy (stamp);
      stamper_flush (st, cr, &palette->background, 1.0);
    }

  stamp = stamp_new (st, shape, r, FALSE);
  for (i = 0; i < n; i++)
    stamp_at (st, stamp, v[i].x, v[i].y);
  cairo_surface_destroy (stamp);
  stamper_flush (st, cr, color, alpha);
}
