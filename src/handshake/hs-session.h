/* hs-session.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "handshake.h"

G_BEGIN_DECLS

/* What a window shows, shared by its views: the capture (the document),
 * the selected connection, the selected packet and the time range the
 * user is looking at.  The views bind to it
 * (their "session" property) and follow it; a view that selects a packet
 * or a connection says so to the session, and the others follow.  No
 * widgets: the window owns one, declared in its template. */
#define HS_TYPE_SESSION (hs_session_get_type ())

G_DECLARE_FINAL_TYPE (HsSession, hs_session, HS, SESSION, GObject)

HsSession *hs_session_new                (void);
HsCapture *hs_session_get_capture        (HsSession *self);
/* Shows `capture` (or nothing), its connection `stream` first (or
 * HS_NO_STREAM), no packet selected.  "capture" is notified first: a
 * view reads the stream and the selection with it, and changes once. */
void       hs_session_set_capture        (HsSession *self,
                                          HsCapture *capture,
                                          guint      stream);
/* The selected connection (tcp.stream) or HS_NO_STREAM. */
guint      hs_session_get_stream         (HsSession *self);
/* Selects a connection; the selected packet stays (the window selects
 * one of the connection's). */
void       hs_session_set_stream         (HsSession *self,
                                          guint      stream);
/* The selected packet (record index in the capture) or G_MAXUINT. */
guint      hs_session_get_selected_index (HsSession *self);
/* Selects a packet (G_MAXUINT: none); a packet of another connection
 * selects its connection too ("stream" is notified before
 * "selected-index").  An index past the capture's packets is ignored. */
void       hs_session_select_index       (HsSession *self,
                                          guint      index);

/* The times shown of the connection (capture times, ns since the epoch,
 * as HsPacketRecord's ts_ns): the ladder's visible rows, the graph's time
 * axis when zoomed.  A view that shows times set it; the others mark it or
 * go to it.  Cleared (FALSE from get) with a new capture or connection.
 * "time-range" is notified when it changes. */
void       hs_session_set_time_range     (HsSession *self,
                                          gint64     start_ns,
                                          gint64     end_ns);
void       hs_session_clear_time_range   (HsSession *self);
gboolean   hs_session_get_time_range     (HsSession *self,
                                          gint64    *start_ns,
                                          gint64    *end_ns);

G_END_DECLS
