/* hs-connection-row.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "handshake.h"

G_BEGIN_DECLS

#define HS_TYPE_CONNECTION_ROW (hs_connection_row_get_type ())

G_DECLARE_FINAL_TYPE (HsConnectionRow, hs_connection_row, HS, CONNECTION_ROW, GtkWidget)

/* One row of the conversations sidebar: endpoints, how the connection ended
 * in words, packets, bytes each way, duration, initial RTT, and a coloured
 * badge per kind of anomaly with its count. */
GtkWidget *hs_connection_row_new      (void);
void       hs_connection_row_set_item (HsConnectionRow  *self,
                                       HsConnectionItem *item);

G_END_DECLS
