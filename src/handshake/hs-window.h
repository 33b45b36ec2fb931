/* hs-window.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "handshake.h"
#include "hs-application.h"

G_BEGIN_DECLS

#define HS_TYPE_WINDOW (hs_window_get_type ())

G_DECLARE_FINAL_TYPE (HsWindow, hs_window, HS, WINDOW, AdwApplicationWindow)

HsWindow   *hs_window_new                (HsApplication *application);
/* Loads `file` in the background; the current capture (if any) stays shown
 * until the new one is ready, and comes back if loading is cancelled. */
void        hs_window_open_file          (HsWindow      *self,
                                          GFile         *file);
/* TRUE when the window shows the welcome page (nothing open or loading). */
gboolean    hs_window_is_empty           (HsWindow      *self);
/* The shown capture, or NULL. */
HsCapture  *hs_window_get_capture        (HsWindow      *self);
/* The selected connection (tcp.stream) or HS_NO_STREAM. */
guint       hs_window_get_stream         (HsWindow      *self);
void        hs_window_select_stream      (HsWindow      *self,
                                          guint          stream);
/* The selected packet (0-based index) or G_MAXUINT. */
guint       hs_window_get_selected_index (HsWindow      *self);
/* Selects a packet everywhere: its connection in the sidebar, its row in
 * the packet list (scrolled into view) and the details pane. */
void        hs_window_select_index       (HsWindow      *self,
                                          guint          index);

G_END_DECLS
