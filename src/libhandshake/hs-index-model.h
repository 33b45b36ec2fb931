/* hs-index-model.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hs-capture.h"

G_BEGIN_DECLS

#define HS_TYPE_INDEX_MODEL (hs_index_model_get_type ())

G_DECLARE_FINAL_TYPE (HsIndexModel, hs_index_model, HS, INDEX_MODEL, GObject)

/* A GListModel of HsPacketItem over a subset of a capture's packets, given
 * as an array of 0-based packet indexes in ascending order.  Items are made
 * on demand in get_item; the model holds 4 bytes per row.  A new filter
 * makes a new model.  Over a loaded file a model never changes; over a live
 * document (hs_capture_is_live) the models of new_all and new_filtered
 * follow it: on each HsCapture::packets-added they append the new packets
 * they keep, in one items-changed (old n-items, 0, added) per batch (none
 * when nothing matched).  A model of given indexes (new_take) stays as it
 * is. */

/* Every packet of the capture (no index array at all). */
HsIndexModel *hs_index_model_new_all        (HsCapture       *capture);
/* Takes ownership of `indices` (g_free'd), n_indices entries. */
HsIndexModel *hs_index_model_new_take       (HsCapture       *capture,
                                             guint32         *indices,
                                             guint            n_indices);

/* What a filtered view keeps.  `stream` is a tcp.stream or HS_NO_STREAM
 * for all packets; `analysis_mask` keeps packets having any of those
 * HsAnalysisFlags bits (0: no analysis filter); `problems_only` keeps only
 * packets with an anomaly (hs_packet_record_is_anomaly()).  Scans the
 * stream's index (or every record), about 10 ms per million packets. */
HsIndexModel *hs_index_model_new_filtered   (HsCapture       *capture,
                                             guint32          stream,
                                             guint            analysis_mask,
                                             gboolean         problems_only);

HsCapture    *hs_index_model_get_capture    (HsIndexModel    *self);
/* The 0-based packet index at `position`. */
guint         hs_index_model_get_index      (HsIndexModel    *self,
                                             guint            position);
/* The position of packet `index` in this view, by binary search; FALSE when
 * the view does not contain it (then *position is where it would go, the
 * first row after it, clamped to the last row). */
gboolean      hs_index_model_find           (HsIndexModel    *self,
                                             guint            index,
                                             guint           *position);

G_END_DECLS
