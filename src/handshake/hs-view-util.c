/* hs-view-util.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "hs-view-util.h"

void
hs_view_canvas_class_setup (GtkWidgetClass *widget_class,
                            const char     *css_name)
{
  gtk_widget_class_set_css_name (widget_class, css_name);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

void
hs_view_canvas_setup (GtkWidget *canvas)
{
  gtk_widget_set_focusable (canvas, TRUE);
  gtk_widget_set_has_tooltip (canvas, TRUE);
  gtk_widget_set_overflow (canvas, GTK_OVERFLOW_HIDDEN);
}

gboolean
hs_view_watch_dark (gpointer  view,
                    GCallback on_changed)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  /* connected to the object: no handler outlives the view */
  g_signal_connect_object (manager, "notify::dark", on_changed, view, G_CONNECT_SWAPPED);
  return adw_style_manager_get_dark (manager);
}

const HsPalette *
hs_view_palette (gboolean dark)
{
  return hs_palette_get (dark ? HS_PALETTE_DARK : HS_PALETTE_LIGHT);
}

void
hs_view_class_install_zoom (GtkWidgetClass              *widget_class,
                            const char                  *group,
                            GtkWidgetActionActivateFunc  activate)
{
  g_autofree char *zoom_in = g_strconcat (group, ".zoom-in", NULL);
  g_autofree char *zoom_out = g_strconcat (group, ".zoom-out", NULL);
  g_autofree char *zoom_reset = g_strconcat (group, ".zoom-reset", NULL);

  /* GTK keeps copies of the names */
  gtk_widget_class_install_action (widget_class, zoom_in, NULL, activate);
  gtk_widget_class_install_action (widget_class, zoom_out, NULL, activate);
  gtk_widget_class_install_action (widget_class, zoom_reset, NULL, activate);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, zoom_in, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, zoom_in, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, zoom_out, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, zoom_reset, NULL);
}

/* Scrolling a list ---------------------------------------------------------- */

#define PENDING_SCROLL "hs-pending-scroll"

/* A list's scroll waiting for its size */
typedef struct
{
  guint               position;        /* G_MAXUINT: none */
  GdkFrameClock      *clock;           /* while waiting for the list's layout */
  gulong              layout_handler;
  HsViewScrolledFunc  then;            /* called once scrolled */
  gpointer            then_data;
} PendingScroll;

static gboolean
list_has_size (GtkWidget *list)
{
  return gtk_widget_get_mapped (list) && gtk_widget_get_width (list) > 0 &&
         gtk_widget_get_height (list) > 0;
}

static void
stop_waiting (PendingScroll *pending)
{
  if (pending->layout_handler != 0)
    g_signal_handler_disconnect (pending->clock, pending->layout_handler);
  pending->layout_handler = 0;
  pending->clock = NULL;
}

static void
scroll_now (GtkWidget          *list,
            guint               position,
            HsViewScrolledFunc  then,
            gpointer            then_data)
{
  gtk_widget_activate_action (list, "list.scroll-to-item", "u", position);
  if (then != NULL)
    then (then_data);
}

/* The frame clock's layout phase, after the window's layout: the list has
 * its size now.  Scrolling queues another layout, which the frame clock
 * runs before it paints. */
static void
on_list_layout (GtkWidget *list)
{
  PendingScroll *pending = g_object_get_data (G_OBJECT (list), PENDING_SCROLL);
  HsViewScrolledFunc then;
  guint position;

  if (pending == NULL || !list_has_size (list))
    return;

  position = pending->position;
  then = pending->then;
  pending->position = G_MAXUINT;
  pending->then = NULL;
  stop_waiting (pending);
  if (position != G_MAXUINT)
    scroll_now (list, position, then, pending->then_data);
}

static void
on_list_mapped (GtkWidget *list)
{
  PendingScroll *pending = g_object_get_data (G_OBJECT (list), PENDING_SCROLL);

  if (pending == NULL || pending->position == G_MAXUINT || pending->layout_handler != 0)
    return;

  /* a mapped widget is realized: the clock lives until it is unmapped */
  pending->clock = gtk_widget_get_frame_clock (list);
  pending->layout_handler = g_signal_connect_object (pending->clock, "layout",
                                                     G_CALLBACK (on_list_layout), list,
                                                     G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}

static void
on_list_unmapped (GtkWidget *list)
{
  PendingScroll *pending = g_object_get_data (G_OBJECT (list), PENDING_SCROLL);

  if (pending != NULL)
    stop_waiting (pending);
}

void
hs_view_scroll_list_to (GtkWidget          *list_view,
                        guint               position,
                        HsViewScrolledFunc  then,
                        gpointer            then_data)
{
  PendingScroll *pending;

  g_return_if_fail (GTK_IS_LIST_VIEW (list_view));

  pending = g_object_get_data (G_OBJECT (list_view), PENDING_SCROLL);
  if (pending == NULL)
    {
      pending = g_new0 (PendingScroll, 1);
      pending->position = G_MAXUINT;
      g_object_set_data_full (G_OBJECT (list_view), PENDING_SCROLL, pending, g_free);
      g_signal_connect (list_view, "map", G_CALLBACK (on_list_mapped), NULL);
      g_signal_connect (list_view, "unmap", G_CALLBACK (on_list_unmapped), NULL);
    }

  if (list_has_size (list_view) && pending->layout_handler == 0)
    {
      pending->position = G_MAXUINT;
      scroll_now (list_view, position, then, then_data);
      return;
    }

  /* hidden, or mapped and not laid out yet: the latest scroll asked for
   * is made, and what was to follow any of them */
  pending->position = position;
  if (then != NULL)
    {
      pending->then = then;
      pending->then_data = then_data;
    }
  if (gtk_widget_get_mapped (list_view))
    on_list_mapped (list_view);
}

/* Live documents --------------------------------------------------------- */

#define THROTTLE_FACTOR 5
/* Whatever an update cost, the latest state shows within this */
#define THROTTLE_MAX_US (2 * G_USEC_PER_SEC)

static void throttle_run (HsViewThrottle *throttle);

static void
throttle_timeout_cb (gpointer data)
{
  HsViewThrottle *throttle = data;

  throttle->timeout_id = 0;
  if (throttle->pending)
    throttle_run (throttle);
}

static void
throttle_run (HsViewThrottle *throttle)
{
  gint64 now = g_get_monotonic_time ();
  gint64 end;

  if (!gtk_widget_get_mapped (throttle->widget))
    return;   /* on map */

  if (now < throttle->not_before)
    {
      if (throttle->timeout_id == 0)
        throttle->timeout_id = g_timeout_add_once ((guint)((throttle->not_before - now + 999) / 1000),
                                                   throttle_timeout_cb, throttle);
      return;
    }

  g_clear_handle_id (&throttle->timeout_id, g_source_remove);
  throttle->pending = FALSE;
  throttle->func (throttle->view);
  end = g_get_monotonic_time ();
  throttle->last_cost = end - now;
  throttle->not_before = end + MIN (THROTTLE_FACTOR * throttle->last_cost, THROTTLE_MAX_US);
}

static void
throttle_mapped (GtkWidget *widget,
                 gpointer   data)
{
  HsViewThrottle *throttle = data;

  /* after this frame's layout, not while mapping */
  if (throttle->pending && throttle->timeout_id == 0)
    throttle->timeout_id = g_timeout_add_once (0, throttle_timeout_cb, throttle);
}

void
hs_view_throttle_init (HsViewThrottle   *throttle,
                       GtkWidget        *widget,
                       HsViewUpdateFunc  func,
                       gpointer          view)
{
  memset (throttle, 0, sizeof *throttle);
  throttle->widget = widget;
  throttle->func = func;
  throttle->view = view;
  throttle->map_handler = g_signal_connect (widget, "map", G_CALLBACK (throttle_mapped), throttle);
}

void
hs_view_throttle_queue (HsViewThrottle *throttle)
{
  throttle->pending = TRUE;
  throttle_run (throttle);
}

void
hs_view_throttle_cancel (HsViewThrottle *throttle)
{
  throttle->pending = FALSE;
  g_clear_handle_id (&throttle->timeout_id, g_source_remove);
}

gboolean
hs_view_throttle_is_pending (HsViewThrottle *throttle)
{
  return throttle->pending;
}

void
hs_view_throttle_clear (HsViewThrottle *throttle)
{
  hs_view_throttle_cancel (throttle);
  if (throttle->widget != NULL && throttle->map_handler != 0)
    g_signal_handler_disconnect (throttle->widget, throttle->map_handler);
  throttle->map_handler = 0;
  throttle->widget = NULL;
}
