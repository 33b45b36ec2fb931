/* hs-graph-paint-impl.h
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pangocairo.h>

#include "hs-graph-private.h"
#include "hs-render-private.h"

G_BEGIN_DECLS

/* What the graphs' painters share, for their own files only:
 * hs-graph-paint.c (lines, the warning and overlays, the whole paint),
 * hs-graph-cells.c (dots, marks, bars, zero-window periods),
 * hs-graph-axes.c (units, ticks, grid and axes), hs-graph-shapes.c (fonts,
 * colours, mark shapes and their stamps), hs-graph-legend.c (the legend
 * and the exporters' title). */

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


typedef struct
{
  double x;
  double y;
} Vertex;

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

typedef struct
{
  double      factor;    /* data units per axis unit */
  const char *unit;
} Unit;

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

/* hs-graph-shapes.c */
void _hs_graph_ink_init (HsInk   *ink,
                         cairo_t *cr,
                         GString *text_layer);
void _hs_graph_ink_text_vertical (HsInk        *ink,
                                  Font          font,
                                  const char   *text,
                                  double        x,
                                  double        y,
                                  double        max_width,
                                  const HsRgba *color);
const HsRgba *_hs_graph_color_of (const HsPalette *palette,
                                  HsGraphColor     color);
void _hs_graph_shape_path (cairo_t      *cr,
                           HsGraphShape  shape,
                           double        x,
                           double        y,
                           double        r);
void _hs_graph_draw_shapes (cairo_t         *cr,
                            const HsPalette *palette,
                            HsGraphShape     shape,
                            gboolean         halo,
                            const HsRgba    *color,
                            double           alpha,
                            const Vertex    *v,
                            guint            n,
                            double           r);
Stamper *_hs_graph_stamper_get (HsGraph *graph,
                                cairo_t *cr,
                                double   width,
                                double   height);
void _hs_graph_stamp_shapes (Stamper         *st,
                             cairo_t         *cr,
                             const HsPalette *palette,
                             HsGraphShape     shape,
                             gboolean         halo,
                             const HsRgba    *color,
                             double           alpha,
                             const Vertex    *v,
                             guint            n,
                             double           r);

/* hs-graph-axes.c */
void _hs_graph_value_unit (HsGraphValueKind  kind,
                           double            v0,
                           double            v1,
                           Unit             *u);
char *_hs_graph_value_axis_title (HsGraphValueKind  kind,
                                  const char       *unit);
void _hs_graph_paint_grid (Painter *p,
                           gboolean time_labels,
                           double   label_top,
                           double   label_bottom);
void _hs_graph_paint_axes (Painter *p);

/* hs-graph-cells.c */
void _hs_graph_paint_cells_track (Painter            *p,
                                  const HsGraphTrack *track);
void _hs_graph_paint_bars_track (Painter            *p,
                                 const HsGraphTrack *track);
void _hs_graph_paint_bands (Painter *p);

/* hs-graph-legend.c */
double _hs_graph_legend_flow (HsInk           *ink,
                              HsGraph         *graph,
                              const HsPalette *palette,
                              double           x0,
                              double           x1,
                              double           y0);

G_END_DECLS
