/* hs-format.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Small helpers every layer shares. */

char  *hs_format_count    (guint64        value) G_GNUC_WARN_UNUSED_RESULT;
guint  hs_lower_bound_u32 (const guint32 *values,
                           guint          n,
                           guint32        value);

G_END_DECLS
