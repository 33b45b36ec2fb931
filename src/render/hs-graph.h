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
  HS_GRAPH_N_KINDS
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
/* Throughput: the moving-average window (default 1 s; clamped 1 ms .. 60 s). */
gboolean      hs_graph_set_average_window  (HsGraph           *self,
                                            gint64             window_ns);
gint64        hs_graph_get_average_window  (HsGraph           *self);

/* The data extent: time 0 .. duration (ns since the connection's first
 * packet) and the value range of what is drawn (0-based for sizes). */
void          hs_graph_get_extent          (HsGraph           *self,
                                            gint64            *t0_ns,
                                            gint64            *t1_ns,
                                            double            *v0,
                                            double            *v1);
/* The part shown (zoom and pan); the whole extent by default.  Clamped to
 * the extent; a span never shrinks below 1 µs. */
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
void          hs_graph_reset_view          (HsGraph           *self);
/* Keeps the time range and fits the values to what is drawn in it (from
 * 0 for sizes, rates and times). */
void          hs_graph_fit_values          (HsGraph           *self);
/* Zoom by `factor` (> 1 zooms in) around the point at (x, y) of a plot
 * of the given size; pan by a pixel offset. */
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

/* Where the plot area lies inside a width x height drawing (axes and
 * their labels around it). */
void          hs_graph_get_plot_area       (HsGraph           *self,
                                            double             width,
                                            double             height,
                                            double            *x,
                                            double            *y,
                                            double            *plot_width,
                                            double            *plot_height);
/* Pixel <-> data, for a drawing of the given size. */
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
double        hs_graph_y_to_value          (HsGraph           *self,
                                            double             width,
                                            double             height,
                                            double             y);

/* The packet (position in the connection) whose mark is nearest to (x, y)
 * within `radius` pixels, or G_MAXUINT.  O(log n + marks near x). */
guint         hs_graph_hit                 (HsGraph           *self,
                                            double             width,
                                            double             height,
                                            double             x,
                                            double             y,
                                            double             radius);

/* "12.345 s, 64.2 KiB" style readout for the crosshair at (x, y). */
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
  gboolean crosshair;      /* draw a crosshair at (pointer_x, pointer_y) */
  double   pointer_x;
  double   pointer_y;
  gboolean show_legend;    /* a legend inside the plot (exports: always) */
  GString *text_layer;     /* SVG text layer, as for the ladder */
} HsGraphPaintOptions;

void          hs_graph_paint_options_init  (HsGraphPaintOptions *options);

/* Background, grid, axes with units, the series (decimated), marks, the
 * selected packet, crosshair, legend, warning. */
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
