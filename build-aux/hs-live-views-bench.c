/* hs-live-views-bench.c — how the window's views keep up with a live capture
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: hs-live-views-bench CAPTURE BATCH VIEW
 *
 * Shows a live document in a real Handshake window (run it under a
 * display, e.g. xvfb-run) and grows it from CAPTURE in batches of BATCH
 * packets, 20 a second, as HsLiveCapture hands them over, with VIEW
 * ("ladder", "packets" or "graphs") on screen and the capture's biggest
 * connection selected.  The records are the loaded file's (the tracker is
 * single-pass); each batch's connections are the file's with the counts
 * (packets, bytes, flags, last frame and time) summed up to the batch, so
 * the sidebar has as much to update as in a real capture.
 *
 * Measures, per batch: the time spent in the packets-added handlers (every
 * view's), and the longest time the main loop went without running a 1 ms
 * high-priority timer in the 50 ms that follow (the batch itself, the
 * throttled rebuilds of the ladder and graphs, drawing).  Prints one
 * tab-separated line per batch:
 *   batch  n_packets  handlers_ms  stall_ms
 * With HS_BENCH_SCREENSHOT=FILE.png it also saves the window as it is
 * half-way (for a look, not for the figures).
 */

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <string.h>

#include "hs-application.h"
#include "hs-bench-util.h"
#include "hs-capture-private.h"
#include "hs-window-private.h"

#define BATCH_INTERVAL_MS 50

static gint64 last_tick;
static gint64 max_gap;
static gint64 handler_start;
static gint64 handler_time;

static gboolean
tick (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_tick != 0 && now - last_tick > max_gap)
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

/* Connected first and last: the time between is every view's handler. */
static void
before_views (HsCapture *capture,
              guint      old_n_packets,
              guint      old_n_connections)
{
  handler_start = g_get_monotonic_time ();
}

static void
after_views (HsCapture *capture,
             guint      old_n_packets,
             guint      old_n_connections)
{
  handler_time = g_get_monotonic_time () - handler_start;
}

static void
save_window (GtkWidget  *window,
             const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_printerr ("could not write %s\n", path);
}

/* The stall is measured from here: what a real capture's batch costs. */
static void
start_stall_clock (gpointer data)
{
  max_gap = 0;
  last_tick = g_get_monotonic_time ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(HsApplication) app = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCapture) full = NULL;
  g_autoptr(HsCapture) live = NULL;
  HsWindow *window;
  HsBenchGrower grower = { 0 };
  guint batch;
  guint biggest = 0;
  guint n_batches = 0;
  gboolean selected = FALSE;
  const char *view;

  if (argc < 4)
    {
      g_printerr ("usage: hs-live-views-bench CAPTURE BATCH ladder|packets|graphs\n");
      return 2;
    }
  batch = (guint) atoi (argv[2]);
  view = argv[3];

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
  full = hs_capture_load (g_file_peek_path (file), NULL, NULL, NULL, &error);
  if (full == NULL)
    g_error ("%s", error->message);
  for (guint s = 0; s < hs_capture_get_n_connections (full); s++)
    if (hs_capture_get_connection (full, s)->n_packets >
        hs_capture_get_connection (full, biggest)->n_packets)
      biggest = s;

  live = _hs_capture_new_live (g_file_peek_path (file), hs_capture_get_interface (full, 0));
  g_signal_connect (live, "packets-added", G_CALLBACK (before_views), NULL);

  window = hs_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", view);
  _hs_window_set_capture (window, live, file);
  g_signal_connect_after (live, "packets-added", G_CALLBACK (after_views), NULL);
  spin (300);

  hs_bench_grower_init (&grower, full, live);
  grower.before_append = start_stall_clock;
  g_timeout_add_full (G_PRIORITY_HIGH, 1, tick, NULL, NULL);

  while (grower.n_packets < hs_capture_get_n_packets (full))
    {
      gint64 next = g_get_monotonic_time () + BATCH_INTERVAL_MS * 1000;

      handler_time = 0;
      hs_bench_grower_batch (&grower, batch);
      if (!selected && biggest < hs_capture_get_n_connections (live))
        {
          hs_window_select_stream (window, biggest);
          selected = TRUE;
        }
      /* the main loop until the next batch is due (at least once: a batch
       * that took longer than the interval is followed at once) */
      do
        g_main_context_iteration (NULL, FALSE);
      while (g_get_monotonic_time () < next || last_tick < handler_start);
      g_print ("%u\t%u\t%.2f\t%.2f\n", n_batches++, grower.n_packets,
               handler_time / 1000.0, max_gap / 1000.0);
      if (g_getenv ("HS_BENCH_SCREENSHOT") != NULL &&
          grower.n_packets >= hs_capture_get_n_packets (full) / 2 &&
          grower.n_packets - batch < hs_capture_get_n_packets (full) / 2)
        save_window (GTK_WIDGET (window), g_getenv ("HS_BENCH_SCREENSHOT"));
    }

  _hs_capture_finish_live (live);
  spin (200);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (100);
  hs_bench_grower_clear (&grower);

  return 0;
}
