/* hs-connection-item.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hs-capture.h"

G_BEGIN_DECLS

#define HS_TYPE_CONNECTION_ITEM (hs_connection_item_get_type ())

G_DECLARE_FINAL_TYPE (HsConnectionItem, hs_connection_item, HS, CONNECTION_ITEM, GObject)

/* One row of the conversations sidebar: a capture and a stream number. */
HsConnectionItem   *hs_connection_item_new            (HsCapture        *capture,
                                                       guint             stream);
HsCapture          *hs_connection_item_get_capture    (HsConnectionItem *self);
guint               hs_connection_item_get_stream     (HsConnectionItem *self);
const HsConnection *hs_connection_item_get_connection (HsConnectionItem *self);
/* Sum of the connection's anomaly flag counts (what "problems first" sorts
 * by): every analysis flag except window updates and keep-alive ACKs. */
guint               hs_connection_item_get_n_problems (HsConnectionItem *self);
/* "10.0.0.1:51234 → 93.184.216.34:443" (IPv6 addresses in brackets). */
char               *hs_connection_item_dup_title      (HsConnectionItem *self);
/* Whether the addresses or ports contain `needle` (case-insensitive). */
gboolean            hs_connection_item_matches        (HsConnectionItem *self,
                                                       const char       *needle);

/* Says that a live capture changed the connection: emits ::changed (and
 * notify::n-problems), for the rows showing it. */
void                hs_connection_item_changed        (HsConnectionItem *self);

/* A GListModel (a GListStore) of HsConnectionItem, one per connection, in
 * stream order. */
GListModel         *hs_capture_list_connections       (HsCapture        *capture);
/* Appends the items of the connections a live capture added since, in one
 * items-changed; returns how many. */
guint               hs_connection_list_grow           (GListModel       *list,
                                                       HsCapture        *capture);

G_END_DECLS
