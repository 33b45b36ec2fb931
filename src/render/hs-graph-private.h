/* hs-graph-private.h
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hs-format.h"
#include "hs-graph.h"

G_BEGIN_DECLS

/* Shared by hs-graph.c (the data, the view, the lookups), hs-graph-paint.c
 * (the painters), hs-graph-export.c and the tests; not for the widget. */

/* A point that stands for no packet (the zero a moving average falls to
 * in an idle gap). */
#define HS_GRAPH_NO_POS G_MAXUINT32

/* Points per leaf block of a track's min/max tree. */
#define HS_GRAPH_BLOCK 16

/* A graph of both directions draws each in a pane of its own. */
#define HS_GRAPH_MAX_PANES 2

typedef enum
{
  HS_GRAPH_STYLE_LINE = 0,  /* polyline through the points */
  HS_GRAPH_STYLE_STEP,      /* a value holds until the next point */
  HS_GRAPH_STYLE_DOTS,      /* a small dot per point, one per 2 px cell */
  HS_GRAPH_STYLE_BARS,      /* a vertical bar lo .. hi per point */
  HS_GRAPH_STYLE_MARKS,     /* a shape per point, one per shape-sized cell */
  HS_GRAPH_STYLE_BAND,      /* (legend only) a shaded period */
} HsGraphStyle;

typedef enum
{
  HS_GRAPH_SHAPE_DOT = 0,
  HS_GRAPH_SHAPE_CIRCLE,
  HS_GRAPH_SHAPE_SQUARE,
  HS_GRAPH_SHAPE_DIAMOND,
  HS_GRAPH_SHAPE_TRIANGLE_UP,
  HS_GRAPH_SHAPE_TRIANGLE_DOWN,
  HS_GRAPH_SHAPE_CROSS,
  HS_GRAPH_SHAPE_TICK,      /* a short vertical stroke across the value */
} HsGraphShape;

typedef enum
{
  HS_GRAPH_COLOR_SERIES = 0,  /* palette->series[index] (a direction) */
  HS_GRAPH_COLOR_ANOMALY,     /* palette->anomaly[index] */
  HS_GRAPH_COLOR_SACK,        /* palette->sack */
} HsGraphColorRole;

typedef struct
{
  HsGraphColorRole role;
  guint            index;
} HsGraphColor;

/* One drawn series: the points (by time) and how they look.  The points
 * are kept as columns; a tree over blocks of HS_GRAPH_BLOCK points gives
 * the least `lo` and the greatest `hi` of any index range in O(log n), so
 * that a pixel column costs the same whatever the number of points in it. */
typedef struct
{
  guint         n;
  guint         capacity;
  gint64       *t;          /* ns since the connection's first packet, sorted */
  double       *lo;         /* the value (bars: the bottom) */
  double       *hi;         /* bars: the top; NULL otherwise (hi == lo) */
  guint32      *pos;        /* packet position, HS_GRAPH_NO_POS for none */

  /* the tree: level 0 has one node per block, each level above one per
   * pair of nodes below; a node holds the index of its least lo and of
   * its greatest hi (the earliest one on ties), and those values (so that
   * walking the tree does not read the points) */
  guint         n_levels;
  guint        *level_start;
  guint        *level_size;
  guint32      *node_min;
  guint32      *node_max;
  double       *node_min_v;
  double       *node_max_v;
  gint64       *block_t;    /* time of each block's first point: seeking in
                             * time reads this small array, not t */
  guint         finished_n; /* the points the tree was made for */
  guint         tree_capacity; /* the points the levels have room for (a
                             * growing track's are laid out for more) */

  /* looks */
  HsGraphStyle  style;
  HsGraphShape  shape;
  HsGraphColor  color;
  double        line_width;
  gboolean      dashed;
  gboolean      caps;       /* bars: end ticks when they can be told apart */
  gboolean      from_zero;  /* bars: all from 0, so that a group of them covers
                             * 0 .. its greatest top */
  double        alpha;      /* of the colour (1: opaque) */
  gboolean      hittable;
  guint         dir;        /* the direction it belongs to */
  guint         pane;       /* the pane it is drawn in */
  int           layer;      /* painted in increasing layers */
} HsGraphTrack;

HsGraphTrack *_hs_graph_track_new         (guint                n,
                                           gboolean             bars);
/* Builds the tree once t, lo (and hi) are filled. */
void          _hs_graph_track_finish      (HsGraphTrack        *track);
/* Takes in the points pushed since the tree was made (or last grown; a
 * point taken off the end since is allowed), at O(new points + log n):
 * FALSE when they are not in time order after the others (the track is to
 * be built again). */
gboolean      _hs_graph_track_grow        (HsGraphTrack        *track);
void          _hs_graph_track_free        (HsGraphTrack        *track);
/* The least lo and greatest hi of the points first .. end - 1 (end >
 * first), as indexes.  `visits` counts the nodes and points looked at. */
void          _hs_graph_track_range       (const HsGraphTrack  *track,
                                           guint                first,
                                           guint                end,
                                           guint               *imin,
                                           guint               *imax,
                                           guint64             *visits);
/* The first index whose time is >= t. */
guint         _hs_graph_track_lower_bound (const HsGraphTrack  *track,
                                           gint64               t);

/* The mapping of one pane of a paint: data to pane-relative pixels (x
 * from the plot's left, y from the pane's top).  Every pane has the time
 * axis of the others. */
typedef struct
{
  double x;                 /* the pane in the drawing */
  double y;
  double width;
  double height;
  gint64 t0;
  gint64 t1;
  double v0;
  double v1;
  double pad;               /* t0 lies this far right of the plot's left edge,
                             * t1 as far left of its right edge */
  double x_scale;           /* px per ns */
  double y_scale;           /* px per value unit */
} HsGraphMap;

static inline double
hs_graph_map_x (const HsGraphMap *m,
                gint64            t)
{
  return m->pad + (double) (t - m->t0) * m->x_scale;
}

/* The time at a plot-relative x. */
static inline double
hs_graph_map_t (const HsGraphMap *m,
                double            x)
{
  return (double) m->t0 + (x - m->pad) / m->x_scale;
}

static inline double
hs_graph_map_y (const HsGraphMap *m,
                double            v)
{
  return m->height - (v - m->v0) * m->y_scale;
}

/* The first index in first .. end - 1 whose plot x (hs_graph_map_x()) is
 * >= limit, or end: galloping from `first` through the blocks' times,
 * then a scan of one block. */
guint         _hs_graph_track_seek_x      (const HsGraphTrack  *track,
                                           const HsGraphMap    *map,
                                           guint                first,
                                           guint                end,
                                           double               limit,
                                           guint64             *visits);

/* The line decimation of a track for a plot: for each pixel column
 * (floor of the plot-relative x) the first, least, greatest and last
 * point, in index order, plus the last point before the plot and the
 * first after it (so that lines run on to the edges).  Appends indexes
 * to `out` (guint32).  Same result as hs_graph_decimate() on the mapped
 * points of the visible range. */
void          _hs_graph_track_decimate    (const HsGraphTrack  *track,
                                           const HsGraphMap    *map,
                                           GArray              *out,
                                           guint64             *visits);

/* Graph-level values. */
typedef enum
{
  HS_GRAPH_VALUE_BYTES = 0,  /* window, bytes in flight */
  HS_GRAPH_VALUE_SEQ,        /* relative sequence numbers (bytes) */
  HS_GRAPH_VALUE_BITRATE,    /* bits per second */
  HS_GRAPH_VALUE_SECONDS,    /* round-trip times */
} HsGraphValueKind;

typedef enum
{
  HS_GRAPH_LEGEND_HEADING = 0,  /* a direction's name (a new line in a flow) */
  HS_GRAPH_LEGEND_ITEM,         /* swatch and label */
  HS_GRAPH_LEGEND_NOTE,         /* dim text */
  HS_GRAPH_LEGEND_BREAK,        /* a new line in a flow (marks after the series) */
} HsGraphLegendKind;

typedef struct
{
  HsGraphLegendKind kind;
  HsGraphStyle      style;
  HsGraphShape      shape;
  HsGraphColor      color;
  gboolean          dashed;
  double            alpha;
  char             *label;
} HsGraphLegendItem;

/* A shaded period (zero window) of direction `dir`'s data. */
typedef struct
{
  gint64 t0;
  gint64 t1;
  guint  dir;
} HsGraphBand;

/* Where the parts of a drawing lie (hs_graph_get_plot_area() and the
 * painters): the warning band, the legend's rows, the plot, and in it the
 * panes, stacked with a gap between them. */
/* The warning's band is at least this high; its text starts 32 pixels
 * right of its left edge and wraps 12 before its right one. */
#define WARNING_BAND       26.0
#define WARNING_TEXT_INSET 44.0

typedef struct
{
  double warning_y;         /* the warning band's top; warning_height 0: none */
  double warning_height;
  double legend_y;          /* the legend's first row; legend_height 0: none */
  double legend_height;
  double x;                 /* the plot: every pane and the gaps */
  double y;
  double width;
  double height;
  guint  n_panes;
  double pane_height;
  double pane_gap;
} HsGraphLayout;

/* What painting did since the last reset, so that the tests can check
 * that a paint costs O(width), not O(points) (not a timing). */
typedef struct
{
  guint64 visits;         /* points and tree nodes looked at */
  guint64 points_drawn;   /* vertices, dots, bars and marks put on the surface */
  guint64 paints;
} HsGraphStats;

/* The moving average of one throughput track: the direction's segments so
 * far (value: their bytes), and where the window stood after the last. */
typedef struct
{
  GArray           *segments;  /* HsSeriesPoint */
  guint             lo;        /* the window holds segments lo .. hi - 1 */
  guint             hi;
  guint64           sum;
  gboolean          tail_zero; /* the track ends with the zero after the last */
} HsGraphAverage;

/* The tracks of a graph's kind by what they draw, and what its builder
 * carried from one packet to the next: hs_graph_extend() goes on from
 * there with the packets a live connection added. */
#define HS_GRAPH_MAX_ROLES 24

typedef struct
{
  gboolean          can_grow;       /* FALSE: the next extend builds again */
  guint             n_packets;      /* the packets built from */
  HsGraphTrack     *role[HS_GRAPH_MAX_ROLES];
  gboolean          unknown[2];     /* a window scale unknown */
  guint             unknown_pos;    /* packets looked at for it */
  /* window: the zero-window periods, closed and open */
  GArray           *bands;          /* HsGraphBand, as found */
  gboolean          zero_open[2];
  gint64            zero_start[2];
  /* throughput */
  gint64            average_ns;     /* the window the tracks averaged over */
  HsGraphAverage    average[2][2];  /* [dir][goodput] */
  /* time-sequence: sequence numbers unwrapped so far */
  gboolean          useg_started;
  gint64            useg_last;
  gboolean          uack_started;
  gint64            uack_last;
} HsGraphGrowth;

struct _HsGraph
{
  HsCapture         *capture;
  guint              stream;
  HsGraphKind        kind;
  HsGraphDirections  directions;
  gint64             average_ns;
  guint              seq_dir;          /* time-sequence: the direction drawn */
  guint              default_seq_dir;
  int                client_side;      /* -1: unknown */
  char              *endpoint_names[2];
  char              *direction_names[2];
  gint64             duration_ns;
  guint              n_packets;

  gint64             auto_average_ns;  /* the average window that fits the connection */
  gboolean           average_auto;     /* average_ns is auto_average_ns */
  /* the gaps between data segments (for the average window), counted in
   * powers of two, up to packet gap_pos */
  guint              gap_counts[64];
  guint              n_gaps;
  gint64             gap_last;
  guint              gap_pos;
  guint              client_pos;       /* packets looked at for a SYN */

  HsGraphGrowth      grow;
  guint              n_builds;         /* for the tests: whole builds ... */
  guint              n_grows;          /* ... and growths */

  /* rebuilt when the directions or the average window change */
  GPtrArray         *tracks;           /* HsGraphTrack, in painting order */
  guint              n_panes;          /* 1, or 2 for both directions side by side */
  guint              pane_dir[HS_GRAPH_MAX_PANES];
  GArray            *bands[HS_GRAPH_MAX_PANES];     /* HsGraphBand of a pane, by t0 */
  gint64            *band_ends[HS_GRAPH_MAX_PANES]; /* running maximum of their t1 */
  GPtrArray         *legend;           /* HsGraphLegendItem */
  char              *warning;
  HsGraphValueKind   value_kind;
  guint              n_points;         /* in all tracks */

  /* the time is one for all panes, the values are each pane's */
  gint64             ext_t0;
  gint64             ext_t1;
  double             ext_v0[HS_GRAPH_MAX_PANES];
  double             ext_v1[HS_GRAPH_MAX_PANES];
  gint64             view_t0;
  gint64             view_t1;
  double             view_v0[HS_GRAPH_MAX_PANES];
  double             view_v1[HS_GRAPH_MAX_PANES];

  gboolean           show_legend;
  double             legend_width;     /* the width legend_height was measured for */
  double             legend_height;    /* 0: not measured */
  double             warning_width;    /* the width of the warning's text ... */
  double             warning_text_height; /* ... and its height then; 0: not measured */

  HsGraphStats       stats;
  gpointer           stamper;          /* the painters' coverage mask, kept */
};

void          _hs_graph_get_layout        (HsGraph             *self,
                                           double               width,
                                           double               height,
                                           HsGraphLayout       *layout);
/* The mapping of pane 0, and of any pane. */
void          _hs_graph_get_map           (HsGraph             *self,
                                           double               width,
                                           double               height,
                                           HsGraphMap          *map);
void          _hs_graph_get_pane_map      (HsGraph             *self,
                                           double               width,
                                           double               height,
                                           guint                pane,
                                           HsGraphMap          *map);
/* Time of the packet at a position, ns since the connection's first packet. */
gint64        _hs_graph_pos_time          (HsGraph             *self,
                                           guint                pos);
/* Formats for the axes and the readout. */
char         *_hs_graph_format_time       (gint64               t_ns,
                                           double               resolution_ns);
char         *_hs_graph_format_value      (HsGraph             *self,
                                           double               value,
                                           double               resolution);

void          _hs_graph_stamper_free      (gpointer             stamper);

void          _hs_graph_get_stats         (HsGraph             *self,
                                           HsGraphStats        *stats);
void          _hs_graph_reset_stats       (HsGraph             *self);
/* Replaces the points of the track at `index` (painting order) by those of
 * `series` (the tests' synthetic million points; bars get value ..
 * value + bar), and the extent. */
void          _hs_graph_replace_points    (HsGraph             *self,
                                           guint                index,
                                           const HsSeries      *series,
                                           double               bar);
guint         _hs_graph_get_n_tracks      (HsGraph             *self);
const HsGraphTrack *_hs_graph_get_track   (HsGraph             *self,
                                           guint                index);

/* The legend flowing in rows across a drawing `width` wide (above the
 * plot in the widget, under it in the exports), painted from y = 0 of
 * `cr`; its height.  And the title block of the exports. */
double        _hs_graph_legend_flow_height (HsGraph            *self,
                                            double              width);
void          _hs_graph_paint_legend_flow (cairo_t             *cr,
                                           HsGraph             *self,
                                           const HsPalette     *palette,
                                           double               width,
                                           GString             *text_layer);
/* The height of the warning's text wrapped at `width`. */
double        _hs_graph_warning_text_height (HsGraph           *self,
                                             double             width);
double        _hs_graph_title_height      (void);
void          _hs_graph_paint_title       (cairo_t             *cr,
                                           const HsPalette     *palette,
                                           double               width,
                                           const char          *title,
                                           const char          *subtitle,
                                           GString             *text_layer);

G_END_DECLS
