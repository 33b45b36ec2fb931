/* hs-ladder-view-private.h — HsLadderView's struct and what its files share
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hs-ladder-canvas-private.h"
#include "hs-ladder-paint.h"
#include "hs-ladder-view.h"
#include "hs-palette.h"
#include "hs-session-follower.h"
#include "hs-view-util.h"

G_BEGIN_DECLS

/* HsLadderView is one class in six files:
 *
 *   hs-ladder-view.c         the class, its properties and actions, zoom,
 *                            following the session
 *   hs-ladder-view-layout.c  the layout shown: built, grown with a live
 *                            capture, the runs the user expanded
 *   hs-ladder-view-scroll.c  geometry, scrolling, anchoring, selecting,
 *                            the session's time range
 *   hs-ladder-view-draw.c    the canvas, overview and legend drawn
 *   hs-ladder-view-input.c   pointer, clicks, keys, context menu, tooltips
 *   hs-ladder-view-names.c   the lifelines' names, the rename dialog */

#define ZOOM_STEP      1.25
#define BRACKET_WIDTH  14.0  /* the strip at the left edge that marks expanded runs */
#define SCROLL_MARGIN  8.0   /* kept between a packet scrolled to and the edge */

typedef enum
{
  SCROLL_MINIMAL,  /* just enough to show the row */
  SCROLL_CENTER,   /* the row in the middle, unless it is already visible */
} ScrollKind;

/* A collapsed run the user expanded: positions first .. last. */
typedef struct
{
  guint first;
  guint last;
} ExpandedRun;

/* Lifeline names the user gave one connection. */
typedef struct
{
  char *name[2];
} EndpointNames;

/* What stays put when the geometry changes: the packet at a height of the
 * rows area, and how far into its row that height is. */
typedef struct
{
  guint  pos;
  double fraction;
  double area_y;
} Anchor;

struct _HsLadderView
{
  GtkWidget          parent_instance;

  /* the session, and what it shows of it: capture, stream, selected_index
   * (capture frame index, G_MAXUINT for none) */
  HsSessionFollower  follower;
  HsLadderMode       mode;
  double             zoom;
  gboolean           collapse;
  gboolean           dark;

  HsLadderLayout    *layout;           /* NULL in the empty state */
  GHashTable        *names;            /* stream -> EndpointNames */
  GArray            *expanded;         /* ExpandedRun, what the user expanded */
  guint              selected_pos;     /* HS_LADDER_NO_POS for none */
  guint              hover_pos;
  guint              menu_row;         /* the row the context menu is about */
  guint              pending_pos;      /* to scroll to once the canvas has a size */
  ScrollKind         pending_kind;
  double             pointer_y;        /* canvas y of the pointer, -1 when outside */
  double             overview_drag_y;
  guint              legend_idle;
  /* the session's time range: what the ladder last set there (the capture
   * times of its visible rows), published on idle after a scroll or zoom;
   * and another view's, gone to when the ladder is next shown */
  guint              range_idle;
  gboolean           range_set;
  gint64             range_set_start;
  gint64             range_set_end;
  gboolean           range_pending;
  gint64             range_pending_start;
  guint              range_tick;
  HsViewThrottle     live_update;      /* following a live capture */

  /* template children */
  GtkStack          *stack;
  AdwStatusPage     *empty_page;
  GtkScrolledWindow *scroller;
  HsLadderCanvas    *canvas;
  GtkDrawingArea    *overview;
  GtkDrawingArea    *legend_area;
  GtkRevealer       *legend_revealer;
  GtkButton         *zoom_button;
};

/* For the tests: the layout y at the top of the rows area, the widget
 * coordinates of a layout point (the canvas scrolls and keeps the lifeline
 * names on top), and a click at a point of the drawing widget. */
double   hs_ladder_view_get_scroll_y          (HsLadderView      *self);
void     hs_ladder_view_layout_to_canvas      (HsLadderView      *self,
                                               double             layout_x,
                                               double             layout_y,
                                               double            *canvas_x,
                                               double            *canvas_y);
void     hs_ladder_view_click_at              (HsLadderView      *self,
                                               double             canvas_x,
                                               double             canvas_y);

/* hs-ladder-view.c */
void     _hs_ladder_view_update_zoom_controls (HsLadderView      *self);
/* Zooms keeping the packet at `area_y` of the rows area (negative: the
 * selected packet or the middle) where it is. */
void     _hs_ladder_view_zoom_around          (HsLadderView      *self,
                                               double             zoom,
                                               double             area_y);
void     _hs_ladder_view_sync_zoom            (HsLadderView      *self);

/* hs-ladder-view-layout.c */
void     _hs_ladder_view_rebuild_layout       (HsLadderView      *self);
void     _hs_ladder_view_update_actions       (HsLadderView      *self);
void     _hs_ladder_view_update_empty_page    (HsLadderView      *self);
void     _hs_ladder_view_live_relayout        (gpointer           data);
void     _hs_ladder_view_packets_added        (gpointer           data,
                                               guint              old_n_packets,
                                               guint              old_n_connections);
void     _hs_ladder_view_forget_expanded      (HsLadderView      *self);
int      _hs_ladder_view_find_expanded        (HsLadderView      *self,
                                               guint              pos);
gboolean _hs_ladder_view_expand_row           (HsLadderView      *self,
                                               guint              row);
gboolean _hs_ladder_view_collapse_run         (HsLadderView      *self,
                                               int                i);

/* hs-ladder-view-scroll.c */
double   _hs_ladder_view_rows_area_height     (HsLadderView      *self);
double   _hs_ladder_view_scroll_y             (HsLadderView      *self);
double   _hs_ladder_view_scroll_x             (HsLadderView      *self);
void     _hs_ladder_view_set_scroll_y         (HsLadderView      *self,
                                               double             y);
/* The layout y range of a row: its top and the top of the next one. */
void     _hs_ladder_view_row_extent           (HsLadderView      *self,
                                               guint              row,
                                               double            *top,
                                               double            *bottom);
void     _hs_ladder_view_update_adjustments   (HsLadderView      *self);
void     _hs_ladder_view_scroll_to_pos        (HsLadderView      *self,
                                               guint              pos,
                                               ScrollKind         kind);
gboolean _hs_ladder_view_anchor_at            (HsLadderView      *self,
                                               double             area_y,
                                               Anchor            *anchor);
/* Anchors the selected packet when it is on screen, else the middle. */
gboolean _hs_ladder_view_anchor_default       (HsLadderView      *self,
                                               Anchor            *anchor);
void     _hs_ladder_view_restore_anchor       (HsLadderView      *self,
                                               const Anchor      *anchor);
/* The geometry changed: size, scrollbars, overview and legend follow. */
void     _hs_ladder_view_geometry_changed     (HsLadderView      *self);
/* A packet hidden in a collapsed run is shown by expanding the run. */
void     _hs_ladder_view_reveal_pos           (HsLadderView      *self,
                                               guint              pos);
/* Selects a position of the connection, from a click or a key. */
void     _hs_ladder_view_select_pos           (HsLadderView      *self,
                                               guint              pos,
                                               ScrollKind         kind);

/* The visible rows moved: their time range is set in the session once the
 * frame is drawn (coalesced, on idle). */
void     _hs_ladder_view_queue_publish_range  (HsLadderView      *self);
/* HsSessionFollowerFuncs.time_range_changed */
void     _hs_ladder_view_follow_time_range    (gpointer           data);
/* In the view's dispose. */
void     _hs_ladder_view_clear_range          (HsLadderView      *self);

/* hs-ladder-view-draw.c */
void     _hs_ladder_view_init_drawing         (HsLadderView      *self);
void     _hs_ladder_view_queue_legend_update  (HsLadderView      *self);
void     _hs_ladder_view_redraw_all           (HsLadderView      *self);
/* The expanded run whose bracket is at a canvas point, or -1. */
int      _hs_ladder_view_bracket_at           (HsLadderView      *self,
                                               double             x,
                                               double             y);

/* hs-ladder-view-input.c */
void     _hs_ladder_view_init_input           (HsLadderView      *self);
void     _hs_ladder_view_toggle_run_action    (GtkWidget         *widget,
                                               const char        *action_name,
                                               GVariant          *param);

/* hs-ladder-view-names.c */
void     _hs_ladder_view_endpoint_names_free  (gpointer           data);
void     _hs_ladder_view_apply_names          (HsLadderView      *self);
void     _hs_ladder_view_rename_action        (GtkWidget         *widget,
                                               const char        *action_name,
                                               GVariant          *param);

G_END_DECLS
