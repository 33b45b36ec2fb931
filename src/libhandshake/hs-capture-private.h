/* hs-capture-private.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hs-capture.h"

G_BEGIN_DECLS

HsPacketRecord       *_hs_capture_append      (HsCapture *self);
void                  _hs_capture_set_problem (HsCapture *self,
                                               GError    *error,
                                               guint64    offset,
                                               guint      frame);
/* For scans over every record without an index computation per record:
 * the records of storage chunk `chunk` (packets *first to
 * *first + *n_records - 1, contiguous), or NULL past the last chunk. */
const HsPacketRecord *_hs_capture_get_chunk   (HsCapture *self,
                                               guint      chunk,
                                               guint     *first,
                                               guint     *n_records);

G_END_DECLS
