/* hs-capture-page-private.h — what the tests read of HsCapturePage
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hs-capture-page.h"

G_BEGIN_DECLS

/* The interface names listed, in order. */
char **hs_capture_page_dup_interfaces (HsCapturePage *self);

G_END_DECLS
