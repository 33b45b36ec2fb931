/* hs-packet-list.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "handshake.h"
#include "hs-session.h"

G_BEGIN_DECLS

typedef enum
{
  HS_PACKET_LIST_COLUMN_RELATED = 0,  /* a mark on the packets related to the selected one */
  HS_PACKET_LIST_COLUMN_NUMBER,
  HS_PACKET_LIST_COLUMN_TIME,
  HS_PACKET_LIST_COLUMN_SOURCE,
  HS_PACKET_LIST_COLUMN_DESTINATION,
  HS_PACKET_LIST_COLUMN_FLAGS,
  HS_PACKET_LIST_COLUMN_SEQ,
  HS_PACKET_LIST_COLUMN_ACK,
  HS_PACKET_LIST_COLUMN_LEN,
  HS_PACKET_LIST_COLUMN_WIN,
  HS_PACKET_LIST_COLUMN_INFO,
  HS_PACKET_LIST_N_COLUMNS
} HsPacketListColumn;

#define HS_TYPE_PACKET_LIST (hs_packet_list_get_type ())

G_DECLARE_FINAL_TYPE (HsPacketList, hs_packet_list, HS, PACKET_LIST, GtkWidget)

/* The packet list: a virtualized GtkColumnView over an HsIndexModel, with a
 * filter bar (this connection / all packets, anomalies only, anomaly kind),
 * rows coloured by anomaly class, a legend, and the packets related to the
 * selected one marked.
 *
 * Properties: "session" (whose capture, connection and packet it shows;
 * the session's selected packet is selected and scrolled to, the filter
 * widened first, all kinds then all packets, when it hides the packet),
 * "show-all" (all packets rather than the connection's),
 * "anomalies-only", "kind" (index into the kind list, 0 = every kind),
 * "time-format" ("relative", "absolute" or "delta"), "selected-index"
 * (0-based packet index or G_MAXUINT), "n-shown" (rows in the view). */

GtkWidget   *hs_packet_list_new                (void);
/* The session whose capture, connection and selected packet it shows;
 * a row selected in the list selects its packet in the session. */
void         hs_packet_list_set_session        (HsPacketList *self,
                                                HsSession    *session);
HsSession   *hs_packet_list_get_session        (HsPacketList *self);
guint        hs_packet_list_get_selected_index (HsPacketList *self);
/* Moves the selection to the next (direction 1) or previous (-1) anomaly of
 * the view; returns FALSE when there is none. */
gboolean     hs_packet_list_select_anomaly     (HsPacketList *self,
                                                int           direction);
/* Gives the keyboard focus to the selected row (scrolled to, once the
 * list has its size), or to the list when no row is selected. */
void         hs_packet_list_focus_rows         (HsPacketList *self);
/* Scrolls row `position` into view without selecting it. */
void         hs_packet_list_scroll_to          (HsPacketList *self,
                                                guint         position);
guint        hs_packet_list_get_n_shown        (HsPacketList *self);
GListModel  *hs_packet_list_get_model          (HsPacketList *self);

G_END_DECLS
