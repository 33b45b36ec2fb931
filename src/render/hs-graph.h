/* hs-graph.h
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "hs-capture.h"
#include "hs-palette.h"
#include "hs-tcp-series.h"

G_BEGIN_DECLS

/* The graphs of one connection, both directions at once: the series come
 * from the core (hs-tcp-series.h), the axes, decimation and painting are
 * here, with no GTK, so the widget and the exporters draw the same
 * picture.  Cost per paint is O(pixels), not O(points): a series is
 * decimated to the pixel grid (each pixel column keeps its minimum and
 * maximum, so spikes and zero-window dips survive). */

typedef struct _HsGraph HsGraph;

typedef enum
{
  HS_GRAPH_WINDOW = 0,   /* advertised receive window and bytes in flight, per direction */
  HS_GRAPH_TCPTRACE,     /* time-sequence, tcptrace style: segment bars, ACK line, window line, SACKs */
  HS_GRAPH_STEVENS,      /* time-sequence, Stevens style: one dot per segment */
  HS_GRAPH_THROUGHPUT,   /* throughput and goodput, moving average */
  HS_GRAPH_RTT,          /* round-trip time samples */
  HS_GRAPH_N_KINDS /*< skip >*/
} HsGraphKind;

/* "window", "tcptrace", "stevens", "throughput", "rtt" <-> kind. */
const char   *hs_graph_kind_to_name        (HsGraphKind   kind);
gboolean      hs_graph_kind_from_name      (const char   *name,
                                            HsGraphKind  *kind);
/* "Window Size", ..., translated: for the switcher and titles. */
const char   *hs_graph_kind_get_title      (HsGraphKind   kind);

/* Which directions are drawn (time-sequence kinds draw one direction's
 * sequence space; the default is the direction that sent more bytes). */
typedef enum
{
  HS_GRAPH_DIR_0    = 1 << 0,
  HS_GRAPH_DIR_1    = 1 << 1,
  HS_GRAPH_DIR_BOTH = HS_GRAPH_DIR_0 | HS_GRAPH_DIR_1,
} HsGraphDirections;

HsGraph      *hs_graph_new                 (HsCapture         *capture,
                                            guint              stream,
                                            HsGraphKind        kind);
void          hs_graph_free                (HsGraph           *self);
/* A live capture added packets: the graph takes in the connection's new
 * packets and is then what hs_graph_new() would make over the same
 * packets, with the settings the user changed (directions, average
 * window, view when zoomed, legend) kept.  It costs what the new packets
 * added: their points are appended to the tracks (the core's series from
 * a position, the trees grown in place; a throughput's automatic window,
 * which follows the connection's duration, changes at the 1-2-5 steps and
 * then averages the segments kept again).  The tracks are made again,
 * O(packets of the connection), only when the new packets come earlier
 * than the last ones or the default directions changed.  FALSE, and
 * nothing changed, when it cannot
 * (the connection has fewer packets than the graph); the caller then
 * makes a new graph. */
gboolean      hs_graph_extend              (HsGraph           *self);

HsGraphKind   hs_graph_get_kind            (HsGraph           *self);
/* The connection's packets when the graph was built (a live capture adds
 * more afterwards). */
guint         hs_graph_get_n_packets       (HsGraph           *self);
guint         hs_graph_get_stream          (HsGraph           *self);
HsCapture    *hs_graph_get_capture         (HsGraph           *self);
/* "client 10.0.0.1:40000 → server 10.0.0.2:80" (roles when the handshake
 * shows them, else "10.0.0.1:40000 → 10.0.0.2:80"): the data that endpoint
 * `dir` sends; translated. */
const char   *hs_graph_get_direction_name  (HsGraph           *self,
                                            guint              dir);
/* "10.0.0.1:40000" */
const char   *hs_graph_get_endpoint_name   (HsGraph           *self,
                                            guint              side);
/* Nothing to draw (no point in any series: an RTT graph of a connection
 * without ACKed data, ...); and whether a series has a packet's point
 * between two times (inclusive). */
gboolean      hs_graph_is_empty            (HsGraph           *self);
gboolean      hs_graph_has_data_between    (HsGraph           *self,
                                            gint64             t0_ns,
                                            gint64             t1_ns);
gboolean      hs_graph_set_directions      (HsGraph           *self,
                                            HsGraphDirections  directions);
HsGraphDirections hs_graph_get_directions  (HsGraph           *self);
/* Throughput: the moving-average window, clamped 100 µs .. 60 s; 0 (the
 * default) for the one that fits the connection,
 * hs_graph_get_auto_average_window().  get: the window in use. */
gboolean      hs_graph_set_average_window  (HsGraph           *self,
                                            gint64             window_ns);
gint64        hs_graph_get_average_window  (HsGraph           *self);
/* About a 50th of the connection's duration, and at least four times the
 * usual gap between its data segments (so that a point averages several
 * of them), as 1, 2 or 5 times a power of ten: 5 ms for a 37 ms exchange
 * of 40 packets, 100 ms for a transfer of 3 s. */
gint64        hs_graph_get_auto_average_window (HsGraph       *self);
#define HS_GRAPH_MIN_AVERAGE_NS G_GINT64_CONSTANT (100000)
#define HS_GRAPH_MAX_AVERAGE_NS G_GINT64_CONSTANT (60000000000)

/* Both directions of the window, throughput and RTT graphs are drawn in
 * two panes stacked on one time axis, each with a value axis of its own
 * (one side may advertise megabytes and the other kilobytes): pane 0 for
 * direction 0 above, pane 1 for direction 1.  A direction without data
 * gets no pane; the time-sequence graphs and the graphs of one direction
 * have one pane. */
guint         hs_graph_get_n_panes         (HsGraph           *self);
/* The pane a direction's data is drawn in (0 with one pane). */
guint         hs_graph_get_pane            (HsGraph           *self,
                                            guint              dir);
/* The direction a pane draws (with one pane: the first direction shown). */
guint         hs_graph_get_pane_direction  (HsGraph           *self,
                                            guint              pane);

/* A legend above the plot, in rows of its own that flow across the
 * drawing, so that it never covers data (on by default; the exporters
 * draw it under the graph instead).  A drawing too small for it (the plot
 * would be left smaller than the legend, or than 100 pixels) goes
 * without. */
void          hs_graph_set_show_legend     (HsGraph           *self,
                                            gboolean           show);
gboolean      hs_graph_get_show_legend     (HsGraph           *self);

/* The data extent: time 0 .. duration (ns since the connection's first
 * packet) and the value range of what is drawn in pane 0 (0-based for
 * sizes); and of any pane. */
void          hs_graph_get_extent          (HsGraph           *self,
                                            gint64            *t0_ns,
                                            gint64            *t1_ns,
                                            double            *v0,
                                            double            *v1);
void          hs_graph_get_pane_extent     (HsGraph           *self,
                                            guint              pane,
                                            double            *v0,
                                            double            *v1);
/* The part shown (zoom and pan); the whole extent by default.  Clamped to
 * the extent; a span never shrinks below 1 µs.  set_view() and get_view()
 * take the values of pane 0 (set_view() leaves another pane's); the
 * pane_view ones those of any pane. */
void          hs_graph_set_view            (HsGraph           *self,
                                            gint64             t0_ns,
                                            gint64             t1_ns,
                                            double             v0,
                                            double             v1);
void          hs_graph_get_view            (HsGraph           *self,
                                            gint64            *t0_ns,
                                            gint64            *t1_ns,
                                            double            *v0,
                                            double            *v1);
void          hs_graph_set_pane_view       (HsGraph           *self,
                                            guint              pane,
                                            double             v0,
                                            double             v1);
void          hs_graph_get_pane_view       (HsGraph           *self,
                                            guint              pane,
                                            double            *v0,
                                            double            *v1);
/* Shows the times t0 .. t1; every pane keeps its values. */
void          hs_graph_set_time_range      (HsGraph           *self,
                                            gint64             t0_ns,
                                            gint64             t1_ns);
void          hs_graph_reset_view          (HsGraph           *self);
/* Whether the view is not the whole extent, in time or in a pane's values. */
gboolean      hs_graph_is_zoomed           (HsGraph           *self);
/* Keeps the time range and fits every pane's values to what is drawn in
 * it (from 0 for sizes, rates and times). */
void          hs_graph_fit_values          (HsGraph           *self);
/* Zoom by `factor` (> 1 zooms in) around the point at (x, y) of a drawing
 * of the given size (every pane's values around the same height in it);
 * pan by a pixel offset. */
void          hs_graph_zoom_at             (HsGraph           *self,
                                            double             width,
                                            double             height,
                                            double             x,
                                            double             y,
                                            double             factor,
                                            gboolean           time_only);
void          hs_graph_pan                 (HsGraph           *self,
                                            double             width,
                                            double             height,
                                            double             dx,
                                            double             dy);
/* Zooms to the rectangle from (x0, y0) to (x1, y1) of a drawing: to its
 * times when `times`, and when `values` to its values if it lies in one
 * pane (the others, and every pane of a rectangle across panes, fitted to
 * what the times hold). */
void          hs_graph_zoom_to_area        (HsGraph           *self,
                                            double             width,
                                            double             height,
                                            double             x0,
                                            double             y0,
                                            double             x1,
                                            double             y1,
                                            gboolean           times,
                                            gboolean           values);

/* Where the plot area (all the panes) lies inside a width x height
 * drawing (axes and their labels around it, the warning and the legend
 * above it); where a pane lies; the pane at a height of the drawing
 * (G_MAXUINT above, below or between them). */
void          hs_graph_get_plot_area       (HsGraph           *self,
                                            double             width,
                                            double             height,
                                            double            *x,
                                            double            *y,
                                            double            *plot_width,
                                            double            *plot_height);
void          hs_graph_get_pane_area       (HsGraph           *self,
                                            double             width,
                                            double             height,
                                            guint              pane,
                                            double            *x,
                                            double            *y,
                                            double            *pane_width,
                                            double            *pane_height);
/* Where the warning's band lies (above the plot and the legend; as high
 * as its lines); FALSE without a warning. */
gboolean      hs_graph_get_warning_area    (HsGraph           *self,
                                            double             width,
                                            double             height,
                                            double            *x,
                                            double            *y,
                                            double            *area_width,
                                            double            *area_height);
guint         hs_graph_pane_at             (HsGraph           *self,
                                            double             width,
                                            double             height,
                                            double             y);
/* Pixel <-> data, for a drawing of the given size: a value's y in pane 0
 * (value_to_y) or in any pane; the value at a y in the pane there (or the
 * nearest one), or in a given pane. */
double        hs_graph_time_to_x           (HsGraph           *self,
                                            double             width,
                                            double             height,
                                            gint64             t_ns);
gint64        hs_graph_x_to_time           (HsGraph           *self,
                                            double             width,
                                            double             height,
                                            double             x);
double        hs_graph_value_to_y          (HsGraph           *self,
                                            double             width,
                                            double             height,
                                            double             value);
double        hs_graph_pane_value_to_y     (HsGraph           *self,
                                            double             width,
                                            double             height,
                                            guint              pane,
                                            double             value);
double        hs_graph_y_to_value          (HsGraph           *self,
                                            double             width,
                                            double             height,
                                            double             y);
double        hs_graph_pane_y_to_value     (HsGraph           *self,
                                            double             width,
                                            double             height,
                                            guint              pane,
                                            double             y);

/* The packet (position in the connection) whose mark is nearest to (x, y)
 * within `radius` pixels, or G_MAXUINT.  O(log n + marks near x). */
guint         hs_graph_hit                 (HsGraph           *self,
                                            double             width,
                                            double             height,
                                            double             x,
                                            double             y,
                                            double             radius);

/* "12.345 s, 64.2 KiB" style readout of the point (x, y) of a pane, NULL
 * outside the panes (the widget shows it under the graph). */
char         *hs_graph_dup_readout         (HsGraph           *self,
                                            double             width,
                                            double             height,
                                            double             x,
                                            double             y);

/* A warning to show with the graph, or NULL: "The window scale of the
 * server is unknown: the handshake was not captured, so its windows are
 * shown unscaled." (translated). */
const char   *hs_graph_get_warning         (HsGraph           *self);

typedef struct
{
  guint    selected_pos;   /* G_MAXUINT: none; else the packet is marked */
  gboolean crosshair;      /* draw a crosshair's lines at (pointer_x, pointer_y),
                            * no text: the readout is beside the graph */
  double   pointer_x;
  double   pointer_y;
  GString *text_layer;     /* SVG text layer, as for the ladder */
  gboolean marked;         /* a light band over the plot from marked_t0 to
                            * marked_t1 (ns since the connection's first
                            * packet): the times another view shows; the
                            * exports leave it out */
  gint64   marked_t0;
  gint64   marked_t1;
} HsGraphPaintOptions;

void          hs_graph_paint_options_init  (HsGraphPaintOptions *options);

/* Background, the warning, the legend (when shown), then per pane the
 * grid, axes with units, the series (decimated), marks, the selected
 * packet; the crosshair. */
void          hs_graph_paint               (cairo_t                   *cr,
                                            HsGraph                   *self,
                                            const HsPalette           *palette,
                                            double                     width,
                                            double                     height,
                                            const HsGraphPaintOptions *options);

/* Decimation to the pixel grid, exposed for the tests: reduces points
 * (sorted by x) to at most 4 per pixel column (first, min, max, last),
 * keeping the extremes of each column.  Returns the number written to
 * `out` (which has room for n points). */
typedef struct
{
  double x;
  double y;
} HsGraphPoint;

guint         hs_graph_decimate            (const HsGraphPoint *points,
                                            guint               n,
                                            HsGraphPoint       *out);

G_END_DECLS
