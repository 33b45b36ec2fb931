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

/* Scrolls a GtkListView (or a column view's inner one) so that row
 * `position` is shown, through its list.scroll-to-item action (GTK 4.8
 * has no gtk_list_view_scroll_to), then calls `then` if not NULL.  GTK
 * 4.8's list view scrolled before it has a size (a page not shown yet, or
 * not laid out since it was mapped) places its rows from an empty viewport
 * and shows only its first row until it is scrolled by hand, so then the
 * scroll waits: it is made after the layout that gives the list its size,
 * in the same frame, before that frame is drawn; of the scrolls asked for
 * meanwhile, the last is made, and the last `then` given is called.
 * `then_data` must live as long as the list is mapped. */
typedef void (*HsViewScrolledFunc) (gpointer data);

void             hs_view_scroll_list_to      (GtkWidget                   *list_view,
                                              guint                        position,
                                              HsViewScrolledFunc           then,
                                              gpointer                     then_data);

/* Following a live document: a view's update (rebuilding a layout or a
 * graph over the grown document) run at a pace set by its own cost.  When
 * an update took t, the next one runs no sooner than 5 t later, so the
 * updates take at most about a fifth of the main loop; one asked for
 * meanwhile runs when that time is up (a timeout), so the latest state is
 * always shown in the end.  Nothing runs while `widget` is not mapped (a
 * page not shown): the update waits until it is.  Embed it in the view and
 * clear it in dispose. */
typedef void (*HsViewUpdateFunc) (gpointer view);

typedef struct
{
  GtkWidget        *widget;       /* not a reference: the view owning it, or a child */
  HsViewUpdateFunc  func;
  gpointer          view;
  gint64            not_before;   /* monotonic µs */
  gint64            last_cost;    /* µs the last update took */
  gulong            map_handler;
  guint             timeout_id;
  guint             pending : 1;
} HsViewThrottle;

void             hs_view_throttle_init       (HsViewThrottle              *throttle,
                                              GtkWidget                   *widget,
                                              HsViewUpdateFunc             func,
                                              gpointer                     view);
/* Asks for an update: runs it now when allowed, else when it is. */
void             hs_view_throttle_queue      (HsViewThrottle              *throttle);
/* Forgets an update asked for (the view was rebuilt anyway). */
void             hs_view_throttle_cancel     (HsViewThrottle              *throttle);
gboolean         hs_view_throttle_is_pending (HsViewThrottle              *throttle);
void             hs_view_throttle_clear      (HsViewThrottle              *throttle);

G_END_DECLS
