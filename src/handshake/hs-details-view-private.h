/* hs-details-view-private.h — what the tests read of HsDetailsView
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hs-details-view.h"

G_BEGIN_DECLS

/* The explanation text shown, the hex dump text, the rows of the header
 * tree as shown (one a line: "> " before an open row, "* " before the
 * selected one, two spaces a level) and the links' labels. */
const char *hs_details_view_get_explanation (HsDetailsView *self);
char       *hs_details_view_dup_hex_text    (HsDetailsView *self);
char       *hs_details_view_dup_tree_text   (HsDetailsView *self);
char       *hs_details_view_dup_links_text  (HsDetailsView *self);

G_END_DECLS
