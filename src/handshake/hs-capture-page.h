/* hs-capture-page.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HS_TYPE_CAPTURE_PAGE (hs_capture_page_get_type ())

G_DECLARE_FINAL_TYPE (HsCapturePage, hs_capture_page, HS, CAPTURE_PAGE, GtkWidget)

/* The Capture page: the interfaces libpcap finds, a capture filter checked
 * while it is typed (against the chosen interface's link type), the recent
 * filters, snap length, promiscuous mode and ring buffer options, and a
 * Start button.  The choices are remembered in GSettings.
 *
 * Signals:
 *   start (void): Start was pressed with an interface chosen and a valid
 *     filter; the filter is already in the recent filters.
 *   cancel (void): Cancel (or Escape) when the window has something to go
 *     back to (hs_capture_page_set_can_cancel). */
GtkWidget  *hs_capture_page_new               (void);
/* Lists the interfaces again, keeping the chosen one if it is still there. */
void        hs_capture_page_refresh           (HsCapturePage *self);
/* The chosen interface's name, or NULL. */
const char *hs_capture_page_get_interface     (HsCapturePage *self);
gboolean    hs_capture_page_select_interface  (HsCapturePage *self,
                                               const char    *name);
/* The filter as typed, stripped. */
const char *hs_capture_page_get_filter        (HsCapturePage *self);
void        hs_capture_page_set_filter        (HsCapturePage *self,
                                               const char    *filter);
/* pcap_compile's message for the filter, or NULL when it is valid. */
const char *hs_capture_page_get_filter_error  (HsCapturePage *self);
guint       hs_capture_page_get_snaplen       (HsCapturePage *self);
gboolean    hs_capture_page_get_promiscuous   (HsCapturePage *self);
/* Megabytes, 0 when the ring buffer is off. */
guint       hs_capture_page_get_ring_buffer   (HsCapturePage *self);
/* Whether Start can be pressed. */
gboolean    hs_capture_page_can_start         (HsCapturePage *self);
/* Shows why the capture could not start (NULL hides it); the text wraps
 * and can be selected, since it may hold a command to copy. */
void        hs_capture_page_set_error         (HsCapturePage *self,
                                               const char    *message);
const char *hs_capture_page_get_error         (HsCapturePage *self);
void        hs_capture_page_set_can_cancel    (HsCapturePage *self,
                                               gboolean       can_cancel);

G_END_DECLS
