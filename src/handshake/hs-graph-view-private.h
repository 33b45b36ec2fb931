/* hs-graph-view-private.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hs-graph-canvas-private.h"
#include "hs-graph-view.h"
#include "hs-session-follower.h"
#include "hs-view-util.h"

G_BEGIN_DECLS

/* HsGraphView's struct and what its files share: hs-graph-view.c (life
 * cycle, properties, following the session, the public API's getters and
 * setters), hs-graph-view-toolbar.c (toolbar, empty page, readout),
 * hs-graph-view-build.c (building the graph, live growth) and
 * hs-graph-view-input.c (drawing, zoom and pan, selection, input).  Also
 * for the tests: what the pointer and the keyboard do at a point. */

/* The averaging windows the toolbar offers after "Auto" */
#define HS_GRAPH_VIEW_N_PRESETS 18


/* The view -------------------------------------------------------------- */

typedef enum
{
  DRAG_NONE,
  DRAG_PAN,
  DRAG_BAND,
} DragKind;


struct _HsGraphView
{
  GtkWidget             parent_instance;

  /* the session, and what it shows of it: capture, stream, selected_index
   * (a capture frame index, G_MAXUINT for none) */
  HsSessionFollower     follower;
  HsGraphKind           kind;
  HsGraphViewDirection  direction;
  double                average_window;  /* seconds; 0: the one that fits the connection */
  gboolean              show_legend;
  gboolean              dark;

  gboolean              has_connection;
  HsGraph              *graph;           /* the graph shown, built on demand; NULL in the
                                          * empty state */
  gboolean              graph_stale;     /* `graph` is the previous settings', shown while
                                          * its replacement is built */
  GCancellable         *build_cancellable; /* a build running in a worker, or NULL */
  const guint32        *frames;          /* the connection's frame indexes */
  guint                 n_frames;
  guint                 selected_pos;    /* G_MAXUINT for none */

  /* the session's time range (hs_session_set_time_range()): what the graph
   * last set there, in capture times, and a range another view set, marked
   * on the plot (ns since the connection's first packet) */
  gboolean              range_shared;
  gint64                shared_t0;
  gint64                shared_t1;
  gboolean              marked;
  gint64                marked_t0;
  gint64                marked_t1;

  /* the time range shown, shared by the kinds: kept across rebuilds */
  gboolean              time_zoomed;
  gint64                view_t0;
  gint64                view_t1;

  gboolean              pointer_inside;
  double                pointer_x;
  double                pointer_y;
  char                 *readout;

  DragKind              drag;
  double                drag_x;          /* where the drag started */
  double                drag_y;
  double                drag_dx;         /* how far it went */
  double                drag_dy;

  guint                 updating : 1;    /* the toolbar is being set from the state */

  HsViewThrottle        live_update;     /* following a live capture */

  /* template children */
  GtkStack             *stack;
  AdwStatusPage        *empty_page;
  GtkDropDown          *kind_dropdown;
  GtkWidget            *direction_box;
  GtkToggleButton      *both_button;
  GtkToggleButton      *client_button;
  GtkToggleButton      *server_button;
  GtkWidget            *average_box;
  GtkDropDown          *average_dropdown;
  GtkStringList        *averages;        /* the dropdown's: "Auto (…)", the presets
                                          * and the window chosen when it is none of them */
  double                average_items[HS_GRAPH_VIEW_N_PRESETS + 2];
  HsGraphCanvas        *canvas;
  GtkLabel             *readout_label;
  GtkLabel             *hint_label;
};

/* Helpers ------------------------------------------------------------------ */

static inline gboolean
_hs_graph_view_is_time_sequence (HsGraphKind kind)
{
  return kind == HS_GRAPH_TCPTRACE || kind == HS_GRAPH_STEVENS;
}

static inline double
_hs_graph_view_canvas_width (HsGraphView *self)
{
  return gtk_widget_get_width (GTK_WIDGET (self->canvas));
}

static inline double
_hs_graph_view_canvas_height (HsGraphView *self)
{
  return gtk_widget_get_height (GTK_WIDGET (self->canvas));
}

static inline gboolean
_hs_graph_view_canvas_has_size (HsGraphView *self)
{
  return _hs_graph_view_canvas_width (self) > 0 && _hs_graph_view_canvas_height (self) > 0;
}

/* hs-graph-view.c */
guint             _hs_graph_view_find_pos                  (HsGraphView *self,
                                                            guint        index);
gint64            _hs_graph_view_pos_time                  (HsGraphView *self,
                                                            guint        pos);
HsGraphDirections _hs_graph_view_wanted_directions         (HsGraphView *self);
void              _hs_graph_view_share_time_range          (HsGraphView *self);

/* hs-graph-view-toolbar.c */
void              _hs_graph_view_update_actions            (HsGraphView *self);
void              _hs_graph_view_update_direction_tooltips (HsGraphView *self);
void              _hs_graph_view_update_toolbar            (HsGraphView *self);
void              _hs_graph_view_update_warning            (HsGraphView *self);
void              _hs_graph_view_set_readout               (HsGraphView *self,
                                                            char        *text);
void              _hs_graph_view_update_empty_page         (HsGraphView *self);
void              _hs_graph_view_init_toolbar              (HsGraphView *self);

/* hs-graph-view-build.c */
void              _hs_graph_view_remember_view             (HsGraphView *self);
void              _hs_graph_view_cancel_build              (HsGraphView *self);
void              _hs_graph_view_ensure_graph              (HsGraphView *self);
void              _hs_graph_view_invalidate_graph          (HsGraphView *self);
void              _hs_graph_view_rebuild                   (HsGraphView *self);
void              _hs_graph_view_live_rebuild              (gpointer data);
void              _hs_graph_view_on_capture_packets_added  (gpointer data,
                                                            guint    old_n_packets,
                                                            guint    old_n_connections);

/* hs-graph-view-input.c */
void              _hs_graph_view_view_changed              (HsGraphView *self);
void              _hs_graph_view_reveal_pos                (HsGraphView *self,
                                                            guint        pos);
void              _hs_graph_view_zoom_action               (GtkWidget  *widget,
                                                            const char *action_name,
                                                            GVariant   *param);
void              _hs_graph_view_init_input                (HsGraphView *self);

/* For the tests ------------------------------------------------------------ */

/* The directions the graph draws (after the kind's rules), 0 when nothing
 * is shown or the graph is being built. */
HsGraphDirections hs_graph_view_get_graph_directions (HsGraphView     *self);
/* The graph shown (built on demand; NULL in the empty state and while a
 * large connection's graph is built in a worker thread, the previous graph
 * staying on screen meanwhile), the position of the marked packet
 * (G_MAXUINT for none), the readout under the plot, the warning, and what
 * the pointer does at a point of the drawing widget. */
HsGraph        *hs_graph_view_get_graph          (HsGraphView          *self);
/* The session's time range another view set, marked on the plot (ns since
 * the connection's first packet); FALSE when none is. */
gboolean        hs_graph_view_get_marked_range   (HsGraphView          *self,
                                                  gint64               *t0_ns,
                                                  gint64               *t1_ns);
guint           hs_graph_view_get_selected_pos   (HsGraphView          *self);
const char     *hs_graph_view_get_readout        (HsGraphView          *self);
const char     *hs_graph_view_get_warning        (HsGraphView          *self);
/* The tooltip at a point of the drawing widget: the packet whose mark is
 * there, or the whole warning over the band the painter draws it in;
 * NULL for none.  (-1, -1): the selected packet. */
char           *hs_graph_view_dup_tooltip        (HsGraphView          *self,
                                                  double                x,
                                                  double                y);
void            hs_graph_view_click_at           (HsGraphView          *self,
                                                  double                x,
                                                  double                y);
void            hs_graph_view_pointer_at         (HsGraphView          *self,
                                                  double                x,
                                                  double                y);
/* A scroll of `dy` steps with the modifiers `state` at (x, y). */
gboolean        hs_graph_view_scroll_at          (HsGraphView          *self,
                                                  double                x,
                                                  double                y,
                                                  double                dy,
                                                  GdkModifierType       state);
/* A drag from (x, y) by (dx, dy): pans, or with `rubber_band` zooms to the
 * rectangle. */
void            hs_graph_view_drag               (HsGraphView          *self,
                                                  double                x,
                                                  double                y,
                                                  double                dx,
                                                  double                dy,
                                                  gboolean              rubber_band);

G_END_DECLS
