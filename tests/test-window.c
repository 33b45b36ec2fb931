/* test-window.c
 *
 * The Handshake window in a real display (run under Xvfb).  One test
 * program: the tests are in test-window-*.c by what they look at, the
 * harness they share in test-window-util.c; main() runs them in one
 * order (the settings one test leaves are the next one's).
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-window-util.h"

int
main (int   argc,
      char *argv[])
{
  g_autofree char *sample = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  g_autofree char *home = NULL;

  /* Private user directories (recent files, settings), but the system data
   * directories stay: G_TEST_OPTION_ISOLATE_DIRS would hide the MIME
   * database, and without it GTK cannot load the SVG icons. */
  home = g_dir_make_tmp ("handshake-test-window-XXXXXX", NULL);
  g_assert_nonnull (home);
  g_setenv ("HOME", home, TRUE);
  for (guint i = 0; i < 4; i++)
    {
      const char *vars[] = { "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" };
      g_autofree char *dir = g_build_filename (home, vars[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (vars[i], dir, TRUE);
    }

  g_test_init (&argc, &argv, NULL);
  hs_application_init_i18n ();

  /* gtk_init_check() reads GDK_DEBUG before it opens the display (the
   * sanitizer run keeps GL out with it); gdk_display_open() would not */
  if (!gtk_init_check ())
    {
      g_printerr ("test-window needs a display: run it under xvfb-run\n");
      return 1;
    }

  sample = sample_path ();
  g_setenv ("HANDSHAKE_SAMPLE", sample, TRUE);

  app = g_object_new (HS_TYPE_APPLICATION,
                      "application-id", "io.github.handshake.Handshake.Test",
                      "flags", G_APPLICATION_NON_UNIQUE,
                      "resource-base-path", "/io/github/handshake/Handshake",
                      NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/handshake/window/welcome", test_welcome);
  g_test_add_func ("/handshake/window/sample-button", test_sample_button);
  g_test_add_func ("/handshake/window/help", test_help);
  g_test_add_func ("/handshake/window/sample-views", test_sample_views);
  g_test_add_func ("/handshake/window/sidebar-empty-streams", test_sidebar_empty_streams);
  g_test_add_func ("/handshake/window/sidebar-window-badges", test_sidebar_window_badges);
  g_test_add_func ("/handshake/window/colours", test_colours);
  g_test_add_func ("/handshake/window/selection", test_selection);
  g_test_add_func ("/handshake/window/filters", test_filters);
  g_test_add_func ("/handshake/window/packet-list-first-visit", test_packet_list_first_visit);
  g_test_add_func ("/handshake/window/damaged", test_damaged);
  g_test_add_func ("/handshake/window/not-a-capture", test_not_a_capture);
  g_test_add_func ("/handshake/window/error-back", test_error_back);
  g_test_add_func ("/handshake/window/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/handshake/window/narrow-pages", test_narrow_pages);
  g_test_add_func ("/handshake/window/cancel", test_cancel);
  g_test_add_func ("/handshake/window/recent", test_recent);
  g_test_add_func ("/handshake/window/recent-no-exports", test_recent_no_exports);
  g_test_add_func ("/handshake/window/sidebar-fill", test_sidebar_fill);
  g_test_add_func ("/handshake/window/ladder-page", test_ladder_page);
  g_test_add_func ("/handshake/window/ladder-click", test_ladder_click);
  g_test_add_func ("/handshake/window/ladder-follows-selection", test_ladder_follows_selection);
  g_test_add_func ("/handshake/window/ladder-keyboard", test_ladder_keyboard);
  g_test_add_func ("/handshake/window/ladder-export", test_ladder_export);
  g_test_add_func ("/handshake/window/ladder-narrow", test_ladder_narrow);
  g_test_add_func ("/handshake/window/ladder-toolbar-fits", test_ladder_toolbar_fits);
  g_test_add_func ("/handshake/window/ladder-time-true", test_ladder_time_true);
  g_test_add_func ("/handshake/window/ladder-time-range", test_ladder_time_range);
  g_test_add_func ("/handshake/window/graph-page", test_graph_page);
  g_test_add_func ("/handshake/window/graph-click", test_graph_click);
  g_test_add_func ("/handshake/window/graph-zoom", test_graph_zoom);
  g_test_add_func ("/handshake/window/graph-export", test_graph_export);
  g_test_add_func ("/handshake/window/export-dialog", test_export_dialog);
  g_test_add_func ("/handshake/window/graph-warning", test_graph_warning);
  g_test_add_func ("/handshake/window/graph-average", test_graph_average);
  g_test_add_func ("/handshake/window/graph-texts", test_graph_texts);
  g_test_add_func ("/handshake/window/graph-large", test_graph_large);
  g_test_add_func ("/handshake/window/keyboard-views", test_keyboard_views);
  g_test_add_func ("/handshake/window/popup-tooltips", test_popup_tooltips);
  g_test_add_func ("/handshake/window/window-fits", test_window_fits);
  g_test_add_func ("/handshake/window/details-hex-fits", test_details_hex_fits);
  g_test_add_func ("/handshake/window/sidebar-resize", test_sidebar_resize);
  g_test_add_func ("/handshake/window/columns-fit-big", test_columns_fit_big);
  g_test_add_func ("/handshake/window/capture-page", test_capture_page);
  g_test_add_func ("/handshake/window/live-capture", test_live_capture);
  g_test_add_func ("/handshake/window/live-close-unsaved", test_live_close_unsaved);
  g_test_add_func ("/handshake/window/live-open-over-unsaved", test_live_open_over_unsaved);
  g_test_add_func ("/handshake/window/live-views", test_live_views);
  g_test_add_func ("/handshake/window/live-details", test_live_details);
  g_test_add_func ("/handshake/window/live-ring-buffer", test_live_ring_buffer);

  ret = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return ret;
}
