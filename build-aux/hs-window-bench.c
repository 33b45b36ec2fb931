/* hs-window-bench.c — how the window behaves while a big capture loads
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens CAPTURE in a real Handshake window (run it under a display, e.g.
 * xvfb-run) and reports, for each run:
 *   - first rows: from hs_window_open_file() until the packet list has
 *     drawn its first rows;
 *   - longest stall: the longest time the main loop went without running a
 *     1 ms high-priority timer, from the open until the rows are drawn
 *     (what a user feels as the window freezing);
 *   - the time the same load takes without a window (hs_capture_load in
 *     this process), so the window's overhead shows as a ratio;
 *   - closing: how long destroying the window with the capture shown takes;
 *   - All Packets: how long the packet list takes to go from the first
 *     connection's packets to all of them (the button above the list).
 * Prints one tab-separated line per run: first_rows_ms stall_ms core_ms
 * close_ms all_packets_ms.
 */

#include "config.h"

#include <adwaita.h>

#include "hs-application.h"
#include "hs-packet-list-private.h"
#include "hs-window-private.h"

static gint64 last_tick;
static gint64 max_gap;
static gboolean measuring;

static gboolean
tick (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (measuring && last_tick != 0 && now - last_tick > max_gap)
    max_gap = now - last_tick;
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

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
  int runs = argc > 2 ? atoi (argv[2]) : 3;

  if (argc < 2)
    {
      g_printerr ("usage: hs-window-bench CAPTURE [RUNS]\n");
      return 2;
    }

  hs_application_init_i18n ();
  gtk_init ();
  adw_init ();

  app = g_object_new (HS_TYPE_APPLICATION,
                      "application-id", "io.github.handshake.Handshake.Bench",
                      "flags", G_APPLICATION_NON_UNIQUE,
                      "resource-base-path", "/io/github/handshake/Handshake",
                      NULL);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);

  file = g_file_new_for_commandline_arg (argv[1]);
  g_timeout_add_full (G_PRIORITY_HIGH, 1, tick, NULL, NULL);

  for (int run = 0; run < runs; run++)
    {
      HsWindow *window = hs_window_new (app);
      g_autoptr(HsCapture) capture = NULL;
      gint64 t0, t_rows, t_core, t_close, t_all;

      gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
      gtk_window_present (GTK_WINDOW (window));
      /* the packet list draws rows only on its page */
      gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "packets");
      spin (300);

      max_gap = 0;
      last_tick = 0;
      measuring = TRUE;
      t0 = g_get_monotonic_time ();
      hs_window_open_file (window, file);
      while (hs_packet_list_get_row_widget (window->packet_list, 0) == NULL)
        {
          if (g_get_monotonic_time () - t0 > G_USEC_PER_SEC * 120)
            g_error ("no rows after two minutes");
          g_main_context_iteration (NULL, FALSE);
        }
      /* the rows are bound; wait for the frame that shows them */
      {
        GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
        gint64 frame = gdk_frame_clock_get_frame_counter (clock);

        while (gdk_frame_clock_get_frame_counter (clock) == frame)
          g_main_context_iteration (NULL, FALSE);
      }
      t_rows = g_get_monotonic_time () - t0;
      measuring = FALSE;

      t0 = g_get_monotonic_time ();
      g_object_set (window->packet_list, "show-all", TRUE, NULL);
      t_all = g_get_monotonic_time () - t0;
      g_assert_cmpuint (hs_packet_list_get_n_shown (window->packet_list), ==,
                        hs_capture_get_n_packets (hs_window_get_capture (window)));
      spin (200);

      t0 = g_get_monotonic_time ();
      gtk_window_destroy (GTK_WINDOW (window));
      t_close = g_get_monotonic_time () - t0;
      spin (200);

      t0 = g_get_monotonic_time ();
      capture = hs_capture_load (g_file_peek_path (file), NULL, NULL, NULL, &error);
      t_core = g_get_monotonic_time () - t0;
      if (capture == NULL)
        g_error ("%s", error->message);

      g_print ("%.1f\t%.1f\t%.1f\t%.1f\t%.1f\n", t_rows / 1000.0, max_gap / 1000.0,
               t_core / 1000.0, t_close / 1000.0, t_all / 1000.0);
    }

  return 0;
}
