/* hs-connection-row-private.h — what the row and the tests read of
 * HsConnectionRow
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hs-connection-row.h"

G_BEGIN_DECLS

/* The badge texts ("3 retransmissions", ...), NULL-terminated. */
char **hs_connection_row_dup_badges  (HsConnectionRow *self);
/* The tooltip at (x, y) in the row: the badge's meaning over a badge, the
 * connection's endpoints elsewhere; NULL without a connection. */
char  *hs_connection_row_dup_tooltip (HsConnectionRow *self,
                                      double           x,
                                      double           y);

G_END_DECLS
