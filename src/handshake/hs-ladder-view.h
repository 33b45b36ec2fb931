/* hs-ladder-view.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "handshake.h"
#include "hs-session.h"
#include "hs-ladder-layout.h"

G_BEGIN_DECLS

/* HsLadderMode as the "mode" property, its action and the ladder-mode
 * setting know it: the same values, nicks "packet-order" and "time-true".
 * Its GType, HS_TYPE_LADDER_VIEW_MODE, is made by glib-mkenums
 * (hs-handshake-enums.h). */
typedef enum
{
  HS_LADDER_VIEW_PACKET_ORDER = HS_LADDER_PACKET_ORDER, /*< nick=packet-order >*/
  HS_LADDER_VIEW_TIME_TRUE = HS_LADDER_TIME_TRUE,       /*< nick=time-true >*/
} HsLadderViewMode;

#define HS_TYPE_LADDER_VIEW (hs_ladder_view_get_type ())

G_DECLARE_FINAL_TYPE (HsLadderView, hs_ladder_view, HS, LADDER_VIEW, GtkWidget)

/* The ladder diagram of one connection: a toolbar (packet order or
 * time-true, collapsing quiet data, zoom, legend, endpoint names, export),
 * the diagram drawn through src/render for the visible rows only, and an
 * overview strip of the whole connection with its anomalies.
 *
 * Properties: "session" (HsSession: its capture and connection are shown,
 * HS_NO_STREAM as an empty state; its selected packet is scrolled to, and
 * a packet clicked or chosen from the keyboard is selected in it), "mode"
 * (HsLadderMode), "collapse", "zoom".  While it is shown, the capture
 * times of its visible rows are the session's time range; a range another
 * view sets there is gone to when it is next shown (the first packet at or
 * after its start at the top).
 *
 * Actions (for the toolbar and shortcuts): ladder.mode ('packet-order' or
 * 'time-true'), ladder.collapse, ladder.zoom-in, ladder.zoom-out,
 * ladder.zoom-reset, ladder.rename. */

GtkWidget      *hs_ladder_view_new                (void);
/* The session whose capture, connection and selected packet it shows;
 * a packet selected in the view is selected in the session. */
void            hs_ladder_view_set_session        (HsLadderView *self,
                                                   HsSession    *session);
HsSession      *hs_ladder_view_get_session        (HsLadderView *self);
/* What the view shows: the session's, once it followed. */
guint           hs_ladder_view_get_stream         (HsLadderView *self);
guint           hs_ladder_view_get_selected_index (HsLadderView *self);
void            hs_ladder_view_set_mode           (HsLadderView *self,
                                                   HsLadderMode  mode);
HsLadderMode    hs_ladder_view_get_mode           (HsLadderView *self);
void            hs_ladder_view_set_collapse       (HsLadderView *self,
                                                   gboolean      collapse);
gboolean        hs_ladder_view_get_collapse       (HsLadderView *self);
void            hs_ladder_view_set_zoom           (HsLadderView *self,
                                                   double        zoom);
double          hs_ladder_view_get_zoom           (HsLadderView *self);

/* The lifeline names the user gave the shown connection (NULL: the
 * addresses); kept per connection while the capture is open. */
const char     *hs_ladder_view_get_endpoint_name  (HsLadderView *self,
                                                   guint         side);
void            hs_ladder_view_set_endpoint_name  (HsLadderView *self,
                                                   guint         side,
                                                   const char   *name);

/* The positions (indexes into the connection's packets) of the rows on
 * screen, inclusive; FALSE when nothing is shown. */
gboolean        hs_ladder_view_get_visible_range  (HsLadderView *self,
                                                   guint        *first_pos,
                                                   guint        *last_pos);
/* TRUE when the style is dark (the palette the diagram is drawn with). */
gboolean        hs_ladder_view_is_dark            (HsLadderView *self);

/* For the window: the layout shown (NULL in the empty state), the drawing
 * widget, and a key pressed in the view. */
HsLadderLayout *hs_ladder_view_get_layout         (HsLadderView *self);
GtkWidget      *hs_ladder_view_get_canvas         (HsLadderView *self);
gboolean        hs_ladder_view_key_press          (HsLadderView *self,
                                                   guint         keyval,
                                                   GdkModifierType state);

G_END_DECLS
