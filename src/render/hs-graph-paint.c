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
#include <pango/pangocairo.h>

#include "hs-graph-private.h"
#include "hs-render-private.h"

#define TICK_SIZE       10.0
#define AXIS_SIZE       10.5
#define LEGEND_SIZE     11.0
#define WARNING_SIZE    11.5
#define MESSAGE_SIZE    13.0
#define TITLE_SIZE      17.0
#define SUBTITLE_SIZE   10.5

#define TITLE_HEIGHT    58.0
#define TITLE_MARGIN    16.0
#define LEGEND_SWATCH   26.0
#define FLOW_ROW        20.0
#define DOT_CELL        2.0
#define MARK_CELL       7.0
#define MARK_RADIUS     3.6
#define DENSE_MARKS     80

typedef enum
{
  FONT_TICK = 0,
  FONT_AXIS,
  FONT_LEGEND,
  FONT_LEGEND_BOLD,
  FONT_WARNING,
  FONT_MESSAGE,
  FONT_TITLE,
  FONT_SUBTITLE,
  N_FONTS
} Font;

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

typedef struct
{
  double x;
  double y;
} Vertex;

/* Text drawing for one paint, in the graphs' fonts. */
static void
ink_init (HsInk   *ink,
          cairo_t *cr,
          GString *text_layer)
{
  _hs_ink_init (ink, cr, text_layer, font_specs, N_FONTS);
}

/* A text turned a quarter anticlockwise, centred on (x, y). */
static void
ink_text_vertical (HsInk        *ink,
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

static const HsRgba *
color_of (const HsPalette *palette,
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
static void
shape_path (cairo_t      *cr,
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
static void
draw_shapes (cairo_t         *cr,
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
        shape_path (cr, shape, v[i].x, v[i].y, r);
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
        shape_path (cr, shape, v[i].x, v[i].y, r + 1.3);
      _hs_set_color (cr, &palette->background);
      cairo_fill (cr);
    }
  for (i = 0; i < n; i++)
    shape_path (cr, shape, v[i].x, v[i].y, r);
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

#define STAMP_MIN 24

typedef struct
{
  double           scale;      /* device pixels per user unit */
  double           margin;     /* user units of mask around the plot */
  int              width;      /* device pixels */
  int              height;
  cairo_surface_t *mask;       /* A8 */
  int              x0, y0, x1, y1;  /* box touched since the last composite */
} Stamper;

#define STAMP_MARGIN 8.0

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
static Stamper *
stamper_get (HsGraph *graph,
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
      shape_path (cr, shape, 0, 0, r);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_width (cr, halo ? 4.5 : 2.0);
      cairo_stroke (cr);
    }
  else
    {
      shape_path (cr, shape, 0, 0, halo ? r + 1.3 : r);
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
static void
stamp_shapes (Stamper         *st,
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

/* ------------------------------------------------------------------------ */
/* Axes                                                                      */

typedef struct
{
  double      factor;    /* data units per axis unit */
  const char *unit;
} Unit;

static void
time_unit (gint64  t0,
           gint64  t1,
           Unit   *u)
{
  double m = MAX (fabs ((double) t0), fabs ((double) t1));

  if (m >= 1e9)
    {
      u->factor = 1e9;
      u->unit = C_("time unit", "s");
    }
  else if (m >= 1e6)
    {
      u->factor = 1e6;
      u->unit = C_("time unit", "ms");
    }
  else if (m >= 1e3)
    {
      u->factor = 1e3;
      u->unit = C_("time unit", "µs");
    }
  else
    {
      u->factor = 1;
      u->unit = C_("time unit", "ns");
    }
}

static void
value_unit (HsGraphValueKind  kind,
            double            v0,
            double            v1,
            Unit             *u)
{
  double m = MAX (fabs (v0), fabs (v1));

  switch (kind)
    {
    case HS_GRAPH_VALUE_BITRATE:
      u->factor = m >= 1e9 ? 1e9 : m >= 1e6 ? 1e6 : m >= 1e3 ? 1e3 : 1;
      u->unit = u->factor == 1e9 ? C_("bit rate", "Gbit/s")
              : u->factor == 1e6 ? C_("bit rate", "Mbit/s")
              : u->factor == 1e3 ? C_("bit rate", "kbit/s")
              : C_("bit rate", "bit/s");
      break;

    case HS_GRAPH_VALUE_SECONDS:
      if (m >= 10)
        {
          u->factor = 1;
          u->unit = C_("time unit", "s");
        }
      else if (m >= 1e-3)
        {
          u->factor = 1e-3;
          u->unit = C_("time unit", "ms");
        }
      else
        {
          u->factor = 1e-6;
          u->unit = C_("time unit", "µs");
        }
      break;

    case HS_GRAPH_VALUE_BYTES:
    case HS_GRAPH_VALUE_SEQ:
    default:
      if (m >= 1024.0 * 1024 * 1024)
        {
          u->factor = 1024.0 * 1024 * 1024;
          u->unit = C_("byte unit", "GiB");
        }
      else if (m >= 1024.0 * 1024)
        {
          u->factor = 1024.0 * 1024;
          u->unit = C_("byte unit", "MiB");
        }
      else if (m >= 1024.0)
        {
          u->factor = 1024.0;
          u->unit = C_("byte unit", "KiB");
        }
      else
        {
          u->factor = 1;
          u->unit = C_("byte unit", "B");
        }
      break;
    }
}

/* 1, 2 or 5 times a power of ten, at least `raw`. */
static double
nice_step (double raw)
{
  double e, f;

  if (!(raw > 0))
    return 1;
  e = pow (10, floor (log10 (raw)));
  f = raw / e;
  if (f <= 1.0001)
    return e;
  if (f <= 2.0001)
    return 2 * e;
  if (f <= 5.0001)
    return 5 * e;
  return 10 * e;
}

static guint
decimals_for_step (double step)
{
  double d;

  if (!(step > 0))
    return 0;
  d = ceil (-log10 (step) - 1e-9);
  return (guint) CLAMP (d, 0, 9);
}

static char *
format_tick (double value,
             double step)
{
  /* no "-0" */
  if (fabs (value) < step * 1e-6)
    value = 0;
  return g_strdup_printf ("%.*f", (int) decimals_for_step (step), value);
}

/* ------------------------------------------------------------------------ */
/* The painter                                                               */

typedef struct
{
  cairo_t         *cr;
  HsGraph         *graph;
  const HsPalette *palette;
  HsGraphMap       map;
  HsInk            ink;
  HsGraphStats    *stats;

  GArray          *indexes;     /* guint32, scratch */
  GArray          *spans;       /* Span, scratch */

  /* cell rows of the current column (dots, marks, bars): a row is taken
   * when stamps[row] == stamp */
  guint32         *stamps;
  guint            n_rows;
  guint32          stamp;
  double           cell;

  Stamper         *stamper;     /* image surfaces only; NULL: paths */
  gboolean         stamps_usable;
  double           bar_width;   /* dense bars: whole pixels */
  gboolean         no_coverage; /* dense bars: from 0 */
  guint            pane;        /* the pane being painted, whose mapping `map` is */
  gboolean         short_titles; /* the value axes titled by their units alone */
  double           width;       /* the drawing */
  double           height;
} Painter;

typedef struct
{
  double  top;
  double  bottom;
  guint32 index;      /* a point of it */
  gboolean single;    /* one point, drawn exactly */
} Span;

/* Pixel y of a value, kept where cairo's fixed point still works. */
static inline double
py (const Painter *p,
    double         v)
{
  return CLAMP (hs_graph_map_y (&p->map, v), -1e5, 1e5);
}

static inline double
px (const Painter *p,
    gint64         t)
{
  return hs_graph_map_x (&p->map, t);
}

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
  const HsRgba *color = color_of (p->palette, track->color);
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

static void
paint_cells_track (Painter            *p,
                   const HsGraphTrack *track)
{
  cairo_t *cr = p->cr;
  const HsRgba *color = color_of (p->palette, track->color);
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
      p->stamper = stamper_get (p->graph, cr, p->map.width, p->map.height);
      p->stamps_usable = p->stamper != NULL;
    }
  if (p->stamper != NULL && n >= STAMP_MIN)
    stamp_shapes (p->stamper, cr, p->palette, dots ? HS_GRAPH_SHAPE_DOT : track->shape, halo,
                  color, alpha, v, n, r);
  else if (dots)
    {
      cairo_new_path (cr);
      for (k = 0; k < n; k++)
        shape_path (cr, HS_GRAPH_SHAPE_DOT, v[k].x, v[k].y, r);
      _hs_set_color_alpha (cr, color, alpha);
      cairo_fill (cr);
    }
  else
    draw_shapes (cr, p->palette, track->shape, halo, color, alpha, v, n, r);

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

static void
paint_bars_track (Painter            *p,
                  const HsGraphTrack *track)
{
  cairo_t *cr = p->cr;
  const HsRgba *color = color_of (p->palette, track->color);
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

static void
paint_bands (Painter *p)
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

/* --- grid and axes ------------------------------------------------------- */

typedef struct
{
  Unit   unit;
  double step;       /* in axis units */
  double first;      /* first tick, in axis units */
  guint  n;
} Ticks;

/* The next smaller of 1, 2 and 5 times a power of ten. */
static double
smaller_nice_step (double step)
{
  double e = pow (10, floor (log10 (step) + 1e-9));
  double f = step / e;

  return f > 4.999 ? 2 * e : f > 1.999 ? e : e / 2;
}

/* Ticks about spacing_px apart, at least `at_least` of them. */
static void
ticks_for (double  lo,
           double  hi,
           double  length_px,
           double  spacing_px,
           double  at_least,
           Ticks  *ticks)
{
  double span = hi - lo;
  double target = MAX (at_least, floor (length_px / spacing_px));
  guint attempt;

  ticks->step = nice_step (span / target);
  /* the step below, when its ticks are still three quarters of the
   * spacing apart: not up to twice and a half as far apart as asked */
  if (ticks->step > 0 && span > 0)
    {
      double smaller = smaller_nice_step (ticks->step);

      if (length_px * smaller / span >= 0.75 * spacing_px)
        ticks->step = smaller;
    }
  for (attempt = 0; attempt < 4; attempt++)
    {
      ticks->first = ceil (lo / ticks->step - 1e-9) * ticks->step;
      ticks->n = 0;
      if (ticks->step > 0 && span > 0)
        ticks->n = (guint) MIN (floor ((hi - ticks->first) / ticks->step + 1e-9) + 1, 200.0);
      if (ticks->n >= at_least || !(ticks->step > 0))
        break;

      /* rounded up too far for `at_least` (a 43 ms range in steps of 50) */
      ticks->step = smaller_nice_step (ticks->step);
    }
}

static char *
value_axis_title (HsGraphValueKind  kind,
                  const char       *unit)
{
  switch (kind)
    {
    case HS_GRAPH_VALUE_SEQ:
      /* Translators: the value axis of a time-sequence graph; %s is a unit, "KiB" */
      return g_strdup_printf (_("Relative sequence number (%s)"), unit);
    case HS_GRAPH_VALUE_BITRATE:
      /* Translators: the value axis of the throughput graph; %s is a unit, "Mbit/s" */
      return g_strdup_printf (_("Throughput (%s)"), unit);
    case HS_GRAPH_VALUE_SECONDS:
      /* Translators: the value axis of the RTT graph; %s is a unit, "ms" */
      return g_strdup_printf (_("Round-trip time (%s)"), unit);
    case HS_GRAPH_VALUE_BYTES:
    default:
      /* Translators: the value axis of the window graph; %s is a unit, "KiB" */
      return g_strdup_printf (_("Window and bytes in flight (%s)"), unit);
    }
}

static void
paint_grid (Painter *p,
            gboolean time_labels,
            double   label_top,
            double   label_bottom)
{
  cairo_t *cr = p->cr;
  const HsGraphMap *m = &p->map;
  HsGraph *graph = p->graph;
  Ticks xt, yt;
  double label_w = 0;
  double label_h, title_h;
  gboolean time_labels_fit;
  guint attempt;
  guint i;

  /* time: labels at least their width apart */
  time_unit (m->t0, m->t1, &xt.unit);
  ticks_for ((double) m->t0 / xt.unit.factor, (double) m->t1 / xt.unit.factor, m->width, 100, 1,
             &xt);
  for (attempt = 0; attempt < 6 && xt.n > 1; attempt++)
    {
      g_autofree char *a = format_tick (xt.first, xt.step);
      g_autofree char *b = format_tick (xt.first + (xt.n - 1) * xt.step, xt.step);
      double wa, wb;

      _hs_ink_measure (&p->ink, FONT_TICK, a, 0, &wa, NULL);
      _hs_ink_measure (&p->ink, FONT_TICK, b, 0, &wb, NULL);
      label_w = MAX (wa, wb);
      if (xt.step * m->width / ((double) (m->t1 - m->t0) / xt.unit.factor) >= label_w + 16)
        break;
      ticks_for ((double) m->t0 / xt.unit.factor, (double) m->t1 / xt.unit.factor, m->width,
                 100 * (attempt + 2), 1, &xt);
    }

  value_unit (graph->value_kind, m->v0, m->v1, &yt.unit);
  /* a pane of two directions is short: two values at least, to read it by */
  ticks_for (m->v0 / yt.unit.factor, m->v1 / yt.unit.factor, m->height, 48,
             m->height >= 60 ? 2 : 1, &yt);

  /* the grid */
  cairo_save (cr);
  cairo_translate (cr, m->x, m->y);
  cairo_set_line_width (cr, 1.0);
  _hs_set_color (cr, &p->palette->grid);
  for (i = 0; i < xt.n; i++)
    {
      double v = xt.first + i * xt.step;
      double x = floor (m->pad + ((v * xt.unit.factor) - (double) m->t0) * m->x_scale) + 0.5;

      if (x < 0 || x > m->width)
        continue;
      cairo_move_to (cr, x, 0);
      cairo_line_to (cr, x, m->height);
    }
  for (i = 0; i < yt.n; i++)
    {
      double v = (yt.first + i * yt.step) * yt.unit.factor;
      double y = floor (hs_graph_map_y (m, v)) + 0.5;

      if (y < 0 || y > m->height + 0.5)
        continue;
      cairo_move_to (cr, 0, y);
      cairo_line_to (cr, m->width, y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);

  /* time tick labels and ticks, under the last pane (a tiny drawing may
   * have no room for them, nor for the axis titles) */
  _hs_ink_measure (&p->ink, FONT_TICK, "0", 0, NULL, &label_h);
  _hs_ink_measure (&p->ink, FONT_AXIS, "0", 0, NULL, &title_h);
  time_labels_fit = m->y + m->height + 6 + label_h <= p->height;
  for (i = 0; time_labels && time_labels_fit && i < xt.n; i++)
    {
      double v = xt.first + i * xt.step;
      double x = floor (m->pad + ((v * xt.unit.factor) - (double) m->t0) * m->x_scale) + 0.5;
      g_autofree char *text = NULL;

      if (x < 0 || x > m->width)
        continue;
      text = format_tick (v, xt.step);
      _hs_set_color_alpha (cr, &p->palette->dim, 0.6);
      cairo_move_to (cr, m->x + x, m->y + m->height);
      cairo_line_to (cr, m->x + x, m->y + m->height + 4);
      cairo_stroke (cr);
      _hs_ink_text (&p->ink, FONT_TICK, text, m->x + x, m->y + m->height + 6, 0, HS_INK_CENTER,
                    &p->palette->dim);
    }

  /* value tick labels, those that stay between label_top and label_bottom
   * (not over the next pane's) */
  for (i = 0; i < yt.n; i++)
    {
      double v = (yt.first + i * yt.step) * yt.unit.factor;
      double y = floor (hs_graph_map_y (m, v)) + 0.5;
      g_autofree char *text = NULL;
      double w, h;

      if (y < 0 || y > m->height + 0.5)
        continue;
      text = format_tick (yt.first + i * yt.step, yt.step);
      _hs_ink_measure (&p->ink, FONT_TICK, text, 0, &w, &h);
      if (m->y + y - h / 2 < label_top || m->y + y + h / 2 > label_bottom || w > m->x - 24)
        continue;
      _hs_set_color_alpha (cr, &p->palette->dim, 0.6);
      cairo_move_to (cr, m->x - 4, m->y + y);
      cairo_line_to (cr, m->x, m->y + y);
      cairo_stroke (cr);
      _hs_ink_text (&p->ink, FONT_TICK, text, m->x - 7, m->y + y - h / 2, m->x - 24, HS_INK_RIGHT,
                    &p->palette->dim);
    }

  /* axis titles, with their units: the value's along the pane, whole if
   * it fits (in every pane), else its unit alone */
  if (m->x >= 60)
    {
      g_autofree char *y_title = value_axis_title (graph->value_kind, yt.unit.unit);

      ink_text_vertical (&p->ink, FONT_AXIS, p->short_titles ? yt.unit.unit : y_title,
                         MAX (10.0, m->x - 60), m->y + m->height / 2, m->height, &p->palette->dim);
    }
  if (time_labels && m->y + m->height + 24 + title_h <= p->height)
    {
      /* Translators: the time axis of a graph; %s is a unit, "s" or "ms" */
      g_autofree char *x_title = g_strdup_printf (_("Time since the first packet (%s)"),
                                                  xt.unit.unit);

      _hs_ink_text (&p->ink, FONT_AXIS, x_title, m->x + m->width / 2, m->y + m->height + 24,
                    m->width, HS_INK_CENTER, &p->palette->dim);
    }
}

/* The axis lines of the pane; with two panes, the value axis in the
 * colour of the pane's direction. */
static void
paint_axes (Painter *p)
{
  cairo_t *cr = p->cr;
  const HsGraphMap *m = &p->map;

  _hs_set_color_alpha (cr, &p->palette->dim, 0.7);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, m->x - 0.5, m->y);
  cairo_line_to (cr, m->x - 0.5, m->y + m->height + 0.5);
  cairo_line_to (cr, m->x + m->width, m->y + m->height + 0.5);
  cairo_stroke (cr);

  if (p->graph->n_panes > 1)
    {
      _hs_set_color (cr, &p->palette->series[MIN (p->graph->pane_dir[p->pane], 1)]);
      cairo_set_line_width (cr, 2.0);
      cairo_move_to (cr, m->x - 1, m->y);
      cairo_line_to (cr, m->x - 1, m->y + m->height);
      cairo_stroke (cr);
    }
}

/* --- warning, empty graph, selection, crosshair ------------------------- */

double
_hs_graph_warning_text_height (HsGraph *self,
                               double   width)
{
  HsInk ink;
  double height;

  ink_init (&ink, NULL, NULL);
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

/* --- legend -------------------------------------------------------------- */

static void
draw_swatch (cairo_t                 *cr,
             const HsPalette         *palette,
             const HsGraphLegendItem *item,
             double                   x,
             double                   mid)
{
  const HsRgba *color = color_of (palette, item->color);
  double w = LEGEND_SWATCH;

  cairo_save (cr);
  switch (item->style)
    {
    case HS_GRAPH_STYLE_STEP:
      cairo_move_to (cr, x, mid + 3);
      cairo_line_to (cr, x + w / 2, mid + 3);
      cairo_line_to (cr, x + w / 2, mid - 3);
      cairo_line_to (cr, x + w, mid - 3);
      _hs_set_color_alpha (cr, color, item->alpha);
      cairo_set_line_width (cr, 2.0);
      if (item->dashed)
        cairo_set_dash (cr, (double[]) { 4, 2 }, 2, 0);
      cairo_stroke (cr);
      break;

    case HS_GRAPH_STYLE_BARS:
      {
        guint i;
        gboolean sack = item->color.role == HS_GRAPH_COLOR_SACK;
        gboolean caps = item->shape == HS_GRAPH_SHAPE_SQUARE;

        if (!sack && !caps)
          {
            /* spikes from a base line */
            _hs_set_color_alpha (cr, color, item->alpha);
            cairo_set_line_width (cr, 1.0);
            for (i = 0; i < 9; i++)
              {
                double bx = x + 2.5 + i * 2.7;
                double top = mid - 6 + fabs (4.0 - i) * 1.4;

                cairo_move_to (cr, floor (bx) + 0.5, mid + 7);
                cairo_line_to (cr, floor (bx) + 0.5, top);
              }
            cairo_stroke (cr);
            break;
          }

        _hs_set_color_alpha (cr, color, sack ? 0.75 : 1.0);
        cairo_set_line_width (cr, sack ? 3.0 : 1.5);
        for (i = 0; i < 3; i++)
          {
            double bx = x + 5 + i * 8;
            double top = mid + 4 - i * 4;

            cairo_move_to (cr, bx, top - 5);
            cairo_line_to (cr, bx, top + 2);
            if (caps)
              {
                cairo_move_to (cr, bx - 2, top - 5);
                cairo_line_to (cr, bx + 2, top - 5);
                cairo_move_to (cr, bx - 2, top + 2);
                cairo_line_to (cr, bx + 2, top + 2);
              }
          }
        cairo_stroke (cr);
      }
      break;

    case HS_GRAPH_STYLE_DOTS:
      {
        guint i;

        _hs_set_color_alpha (cr, color, 0.9);
        for (i = 0; i < 4; i++)
          {
            cairo_new_sub_path (cr);
            cairo_arc (cr, x + 4 + i * 6.5, mid + 4 - i * 2.6, 1.9, 0, 2 * G_PI);
          }
        cairo_fill (cr);
      }
      break;

    case HS_GRAPH_STYLE_MARKS:
      {
        Vertex v = { x + w / 2, mid };

        draw_shapes (cr, palette, item->shape, TRUE, color, item->alpha, &v, 1, MARK_RADIUS);
      }
      break;

    case HS_GRAPH_STYLE_BAND:
      {
        guint i;

        cairo_rectangle (cr, x + 3, mid - 7, w - 6, 14);
        if (palette->kind != HS_PALETTE_PRINT)
          {
            _hs_set_color_alpha (cr, color, palette->kind == HS_PALETTE_DARK ? 0.12 : 0.07);
            cairo_fill_preserve (cr);
          }
        cairo_clip (cr);
        _hs_set_color_alpha (cr, color, palette->kind == HS_PALETTE_DARK ? 0.45 : 0.38);
        cairo_set_line_width (cr, 1.0);
        for (i = 0; i < 8; i++)
          {
            cairo_move_to (cr, x + i * 7.0, mid - 7);
            cairo_line_to (cr, x + i * 7.0 - 14, mid + 7);
          }
        cairo_stroke (cr);
      }
      break;

    case HS_GRAPH_STYLE_LINE:
    default:
      cairo_move_to (cr, x, mid + 3);
      cairo_line_to (cr, x + w * 0.45, mid - 2);
      cairo_line_to (cr, x + w, mid);
      _hs_set_color_alpha (cr, color, item->alpha);
      cairo_set_line_width (cr, 2.0);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      if (item->dashed)
        cairo_set_dash (cr, (double[]) { 4, 2 }, 2, 0);
      cairo_stroke (cr);
      break;
    }
  cairo_restore (cr);
}

/* A coloured chip before a direction's name. */
static void
draw_heading_chip (cairo_t         *cr,
                   const HsPalette *palette,
                   HsGraphColor     color,
                   double           x,
                   double           mid)
{
  _hs_rounded_rect (cr, x, mid - 5, 10, 10, 2.5);
  _hs_set_color (cr, color_of (palette, color));
  cairo_fill (cr);
}

/* The legend flowing in rows from x0 to x1, the first row's top at y0: a
 * row per direction (its name, then what its lines mean), then the marks;
 * an item that does not fit on the row goes to the next, and one too long
 * for a whole row takes several lines.  Painted when the ink has a cairo
 * context.  Returns the height of the rows. */
static double
legend_flow (HsInk           *ink,
             HsGraph         *graph,
             const HsPalette *palette,
             double           x0,
             double           x1,
             double           y0)
{
  double x = x0;
  double y = y0;
  double row_height = FLOW_ROW;
  guint i;

  for (i = 0; i < graph->legend->len; i++)
    {
      const HsGraphLegendItem *item = g_ptr_array_index (graph->legend, i);
      Font font = item->kind == HS_GRAPH_LEGEND_HEADING ? FONT_LEGEND_BOLD : FONT_LEGEND;
      double lead = item->kind == HS_GRAPH_LEGEND_HEADING ? 16
                  : item->kind == HS_GRAPH_LEGEND_ITEM ? LEGEND_SWATCH + 8 : 0;
      double tw, th, max_text, item_width;
      double wrapped_height = 0;

      if (item->kind == HS_GRAPH_LEGEND_BREAK ||
          (item->kind == HS_GRAPH_LEGEND_HEADING && x > x0))
        {
          if (x > x0)
            {
              x = x0;
              y += row_height;
              row_height = FLOW_ROW;
            }
          if (item->kind == HS_GRAPH_LEGEND_BREAK)
            continue;
        }

      _hs_ink_measure (ink, font, item->label, 0, &tw, &th);
      item_width = lead + tw;
      if (x > x0 && x + item_width > x1)
        {
          x = x0 + 16;
          y += row_height;
          row_height = FLOW_ROW;
        }

      /* too long for the row even alone: on lines of its own */
      max_text = x1 - x - lead;
      if (tw > max_text)
        {
          wrapped_height = _hs_ink_text_wrapped (ink, font, item->label, 0, 0, max_text,
                                             PANGO_ALIGN_LEFT, NULL);
          row_height = MAX (row_height, wrapped_height + FLOW_ROW - th);
          item_width = x1 - x;
        }

      if (ink->cr != NULL)
        {
          double mid = y + FLOW_ROW / 2;
          const HsRgba *color = item->kind == HS_GRAPH_LEGEND_NOTE ? &palette->dim
                                                                   : &palette->foreground;

          if (item->kind == HS_GRAPH_LEGEND_HEADING)
            draw_heading_chip (ink->cr, palette, item->color, x, mid);
          else if (item->kind == HS_GRAPH_LEGEND_ITEM)
            draw_swatch (ink->cr, palette, item, x, mid);
          if (wrapped_height > 0)
            _hs_ink_text_wrapped (ink, font, item->label, x + lead, mid - th / 2, max_text,
                              PANGO_ALIGN_LEFT, color);
          else
            _hs_ink_text (ink, font, item->label, x + lead, mid - th / 2, 0, HS_INK_LEFT, color);
        }
      x += item_width + (item->kind == HS_GRAPH_LEGEND_HEADING ? 26 : 20);
    }

  return y - y0 + (x > x0 ? row_height : 0);
}

double
_hs_graph_legend_flow_height (HsGraph *self,
                              double   width)
{
  HsInk ink;
  double height;

  ink_init (&ink, NULL, NULL);
  height = legend_flow (&ink, self, hs_palette_get (HS_PALETTE_LIGHT), TITLE_MARGIN,
                        width - TITLE_MARGIN, 0);
  _hs_ink_clear (&ink);

  return height;
}

void
_hs_graph_paint_legend_flow (cairo_t         *cr,
                             HsGraph         *self,
                             const HsPalette *palette,
                             double           width,
                             GString         *text_layer)
{
  HsInk ink;

  cairo_save (cr);
  ink_init (&ink, cr, text_layer);
  legend_flow (&ink, self, palette, TITLE_MARGIN, width - TITLE_MARGIN, 0);
  _hs_ink_clear (&ink);
  cairo_restore (cr);
}

double
_hs_graph_title_height (void)
{
  return TITLE_HEIGHT;
}

void
_hs_graph_paint_title (cairo_t         *cr,
                       const HsPalette *palette,
                       double           width,
                       const char      *title,
                       const char      *subtitle,
                       GString         *text_layer)
{
  HsInk ink;
  double th;

  cairo_save (cr);
  ink_init (&ink, cr, text_layer);

  _hs_ink_measure (&ink, FONT_TITLE, title, width - 2 * TITLE_MARGIN, NULL, &th);
  _hs_ink_text (&ink, FONT_TITLE, title, TITLE_MARGIN, 10, width - 2 * TITLE_MARGIN, HS_INK_LEFT,
                &palette->foreground);
  if (subtitle != NULL)
    _hs_ink_text (&ink, FONT_SUBTITLE, subtitle, TITLE_MARGIN, 10 + th + 2,
                  width - 2 * TITLE_MARGIN, HS_INK_LEFT, &palette->dim);

  _hs_ink_clear (&ink);
  cairo_restore (cr);
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
  paint_grid (p, last, label_top, label_bottom);

  /* the data, clipped to the pane (marks may reach a little beyond) */
  cairo_save (cr);
  cairo_translate (cr, p->map.x, p->map.y);
  cairo_rectangle (cr, -1, -6, p->map.width + 7, p->map.height + 7);
  cairo_clip (cr);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, p->map.width, p->map.height);
  cairo_clip (cr);
  paint_bands (p);
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
          paint_bars_track (p, track);
          cairo_restore (cr);
          break;

        case HS_GRAPH_STYLE_DOTS:
        case HS_GRAPH_STYLE_MARKS:
        case HS_GRAPH_STYLE_BAND:
        default:
          paint_cells_track (p, track);
          break;
        }
    }

  if (options->selected_pos != G_MAXUINT)
    paint_selection (p, options->selected_pos);

  cairo_restore (cr);

  paint_axes (p);
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
  ink_init (&p.ink, cr, options->text_layer);

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
      legend_flow (&p.ink, self, palette, TITLE_MARGIN, width - TITLE_MARGIN, 0);
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
      value_unit (self->value_kind, p.map.v0, p.map.v1, &unit);
      title = value_axis_title (self->value_kind, unit.unit);
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
      ink_init (&measure, NULL, NULL);
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
