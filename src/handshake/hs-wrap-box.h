/* hs-wrap-box.h — a toolbar whose children wrap onto more rows
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HS_TYPE_WRAP_BOX (hs_wrap_box_get_type ())

G_DECLARE_FINAL_TYPE (HsWrapBox, hs_wrap_box, HS, WRAP_BOX, GtkWidget)

G_END_DECLS
