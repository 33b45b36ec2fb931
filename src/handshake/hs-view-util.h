/* hs-view-util.h — what the drawing views (the ladder, the graphs) share
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "hs-palette.h"

G_BEGIN_DECLS

/* The class of a view's drawing widget: its CSS name, and an image for
 * assistive technologies (what it shows is described elsewhere). */
void             hs_view_canvas_class_setup  (GtkWidgetClass              *widget_class,
                                              const char                  *css_name);
/* A drawing widget instance: it takes the focus for the keyboard, shows
 * tooltips and clips what it draws to its allocation. */
void             hs_view_canvas_setup        (GtkWidget                   *canvas);

/* Whether the style is dark now; `on_changed` (a function of `view`
 * alone) is called when that changes, as long as `view` lives. */
gboolean         hs_view_watch_dark          (gpointer                     view,
                                              GCallback                    on_changed);
/* The palette for the screen in that style. */
const HsPalette *hs_view_palette             (gboolean                     dark);

/* Installs the actions `group`.zoom-in, .zoom-out and .zoom-reset, all run
 * by `activate`, with the usual keys: Ctrl+plus (or Ctrl+equal), Ctrl+minus
 * and Ctrl+0. */
void             hs_view_class_install_zoom  (GtkWidgetClass              *widget_class,
                                              const char                  *group,
                                              GtkWidgetActionActivateFunc  activate);

G_END_DECLS
