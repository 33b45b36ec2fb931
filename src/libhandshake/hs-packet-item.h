/* hs-packet-item.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "hs-capture.h"

G_BEGIN_DECLS

#define HS_TYPE_PACKET_ITEM (hs_packet_item_get_type ())

G_DECLARE_FINAL_TYPE (HsPacketItem, hs_packet_item, HS, PACKET_ITEM, GObject)

/* One row of a packet list: a capture and a 0-based packet index, created on
 * demand by HsIndexModel's get_item.  Everything shown is derived from the
 * record when a row is bound; nothing is stored per packet. */
HsPacketItem         *hs_packet_item_new         (HsCapture    *capture,
                                                  guint         index);
HsCapture            *hs_packet_item_get_capture (HsPacketItem *self);
/* 0-based index into the capture (the frame number is index + 1). */
guint                 hs_packet_item_get_index   (HsPacketItem *self);
const HsPacketRecord *hs_packet_item_get_record  (HsPacketItem *self);

G_END_DECLS
