/* hs-screenshot.c — the screenshots in data/screenshots, reproducibly
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: hs-screenshot CAPTURE FRAME OUT.png [dark] [packets|ladder]
 * Opens CAPTURE in a Handshake window (under a display, e.g. xvfb-run),
 * selects packet FRAME (1-based), and saves the window as it is drawn:
 * the packet list (the default) or the ladder diagram, in the light or the
 * dark style.  The options come in any order.
 * The language follows the environment (LANGUAGE=zh_CN, HANDSHAKE_LOCALEDIR).
 */

#include "config.h"

#include <stdlib.h>

#include <adwaita.h>

#include "hs-application.h"
#include "hs-window-private.h"

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(HsApplication) app = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  HsWindow *window;
  const char *view = "packets";
  gboolean dark = FALSE;
  int width, height;

  for (int i = 4; i < argc; i++)
    {
      if (g_str_equal (argv[i], "dark"))
        dark = TRUE;
      else if (g_str_equal (argv[i], "ladder") || g_str_equal (argv[i], "packets"))
        view = argv[i];
      else
        argc = 0;
    }

  if (argc < 4)
    {
      g_printerr ("usage: hs-screenshot CAPTURE FRAME OUT.png [dark] [packets|ladder]\n");
      return 2;
    }

  hs_application_init_i18n ();
  gtk_init ();
  adw_init ();

  app = g_object_new (HS_TYPE_APPLICATION,
                      "application-id", "io.github.handshake.Handshake.Screenshot",
                      "flags", G_APPLICATION_NON_UNIQUE,
                      "resource-base-path", "/io/github/handshake/Handshake",
                      NULL);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);

  if (dark)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        ADW_COLOR_SCHEME_FORCE_DARK);

  window = hs_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", view);

  file = g_file_new_for_commandline_arg (argv[1]);
  hs_window_open_file (window, file);
  while (_hs_window_is_loading (window))
    g_main_context_iteration (NULL, TRUE);
  spin (500);

  hs_window_select_index (window, (guint)atoi (argv[2]) - 1);
  spin (1000);

  width = gtk_widget_get_width (GTK_WIDGET (window));
  height = gtk_widget_get_height (GTK_WIDGET (window));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, argv[3]))
    g_error ("could not write %s", argv[3]);

  gtk_window_destroy (GTK_WINDOW (window));
  spin (100);
  return 0;
}
