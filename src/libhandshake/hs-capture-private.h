/* hs-capture-private.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hs-capture.h"

G_BEGIN_DECLS

HsPacketRecord *_hs_capture_append      (HsCapture *self);
void            _hs_capture_set_problem (HsCapture *self,
                                         GError    *error,
                                         guint64    offset,
                                         guint      frame);

G_END_DECLS
