/* hs-details-view.h
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

#define HS_TYPE_DETAILS_VIEW (hs_details_view_get_type ())

G_DECLARE_FINAL_TYPE (HsDetailsView, hs_details_view, HS, DETAILS_VIEW, GtkWidget)

/* The details of one packet: a plain-language explanation, the decoded
 * headers as a tree, and a hex + ASCII dump of the bytes read back from the
 * file; selecting a header field highlights its bytes. */
GtkWidget  *hs_details_view_new             (void);
/* The session whose selected packet it explains; a link to a related
 * packet selects that packet in the session. */
void        hs_details_view_set_session     (HsDetailsView *self,
                                             HsSession     *session);
HsSession  *hs_details_view_get_session     (HsDetailsView *self);
/* A live capture changed the shown packet's connection (the pane watches
 * its batches): the explanation,
 * the links to related packets and, if a row changed (iRTT, conversation
 * completeness), the header tree are made again; open rows and the
 * selected row stay. */
void        hs_details_view_refresh         (HsDetailsView *self);

G_END_DECLS
