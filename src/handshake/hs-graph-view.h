/* hs-graph-view.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "handshake.h"
#include "hs-session.h"
#include "hs-graph.h"

G_BEGIN_DECLS

/* Which direction the graphs draw, as the user chose it: both ("both"),
 * what the client (endpoint 0, the first sender) sends
 * ("client-to-server"), or what the server sends ("server-to-client").
 * The time-sequence graphs draw one direction: "both" leaves them theirs
 * (the direction that sent more data). */
typedef enum
{
  HS_GRAPH_VIEW_BOTH = 0,
  HS_GRAPH_VIEW_CLIENT_TO_SERVER,
  HS_GRAPH_VIEW_SERVER_TO_CLIENT,
} HsGraphViewDirection;


#define HS_TYPE_GRAPH_VIEW (hs_graph_view_get_type ())

G_DECLARE_FINAL_TYPE (HsGraphView, hs_graph_view, HS, GRAPH_VIEW, GtkWidget)

/* The graphs of one connection: a toolbar (which graph, which direction,
 * the throughput's averaging window, legend, zoom, export) that wraps onto
 * more rows when narrow, the plot drawn through src/render at the size of
 * the widget (the graph's warning and its legend above it; both directions
 * in two panes), and a line under it that reads out the time and value
 * under the pointer, beside a hint that wraps when narrow.
 *
 * Properties: "session" (HsSession: its capture and connection are shown,
 * HS_NO_STREAM as an empty state; its selected packet is marked, and a
 * packet clicked is selected in it), "kind" (HsGraphKind, whose GType
 * HS_TYPE_GRAPH_KIND hs-handshake-enums.h makes: "window", "tcptrace",
 * "stevens", "throughput", "rtt", the names of hs_graph_kind_to_name(),
 * for its action and the graph-kind setting), "direction"
 * (HsGraphViewDirection), "average-window" (seconds, 0.0001 to 60; 0, the
 * default, for the window that fits the connection's length), "show-legend"
 * (a legend above the plot).
 *
 * The time range shown is shared by the kinds: switching from one graph to
 * another keeps it.  A click selects the packet whose mark is under the
 * pointer; a drag pans; Shift+drag or a drag with the secondary button
 * zooms to the rectangle drawn; Ctrl+scroll zooms around the pointer
 * (Ctrl+Shift+scroll in time only); a double click resets the zoom.  From
 * the keyboard: + and - zoom, 0 or Home reset, the arrows pan.
 *
 * Actions: graph.kind ('window', …), graph.show-legend, graph.zoom-in,
 * graph.zoom-out, graph.zoom-reset. */

GtkWidget      *hs_graph_view_new                (void);
/* The session whose capture, connection and selected packet it shows;
 * a packet selected in the view is selected in the session. */
void            hs_graph_view_set_session        (HsGraphView          *self,
                                                  HsSession            *session);
HsSession      *hs_graph_view_get_session        (HsGraphView          *self);
/* What the view shows: the session's, once it followed. */
guint           hs_graph_view_get_stream         (HsGraphView          *self);
guint           hs_graph_view_get_selected_index (HsGraphView          *self);
void            hs_graph_view_set_kind           (HsGraphView          *self,
                                                  HsGraphKind           kind);
HsGraphKind     hs_graph_view_get_kind           (HsGraphView          *self);
void            hs_graph_view_set_direction      (HsGraphView          *self,
                                                  HsGraphViewDirection  direction);
HsGraphViewDirection hs_graph_view_get_direction (HsGraphView          *self);
void            hs_graph_view_set_average_window (HsGraphView          *self,
                                                  double                seconds);
double          hs_graph_view_get_average_window (HsGraphView          *self);

/* TRUE when a connection with packets is shown (the empty state otherwise),
 * whether or not its graph has been built yet. */
gboolean        hs_graph_view_has_connection     (HsGraphView          *self);
/* TRUE when the style is dark (the palette the graph is drawn with). */
gboolean        hs_graph_view_is_dark            (HsGraphView          *self);
/* The time range shown, in ns since the connection's first packet; FALSE
 * when nothing is shown. */
gboolean        hs_graph_view_get_time_range     (HsGraphView          *self,
                                                  gint64               *t0_ns,
                                                  gint64               *t1_ns);
/* Shows the times t0 .. t1 (ns since the connection's first packet) with
 * the values fitted to what is drawn there, as a rubber band would. */
void            hs_graph_view_set_time_range     (HsGraphView          *self,
                                                  gint64                t0_ns,
                                                  gint64                t1_ns);
/* The drawing widget: the graph is drawn at its size, so hs_graph_time_to_x()
 * and the others take its width and height. */
GtkWidget      *hs_graph_view_get_canvas         (HsGraphView          *self);
/* A key pressed on the view (the window passes its page's keys on): TRUE
 * when it was one of the view's (zoom, reset, pan). */
gboolean        hs_graph_view_key_press          (HsGraphView          *self,
                                                  guint                 keyval,
                                                  GdkModifierType       state);

G_END_DECLS
