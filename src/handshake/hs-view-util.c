/* hs-view-util.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

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
