/* hs-screenshot.c — the screenshots in data/screenshots, reproducibly
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: hs-screenshot CAPTURE FRAME OUT.png [dark] [packets|ladder|graphs[:KIND]]
 *                     [time=FROM:TO]
 * Opens CAPTURE in a Handshake window (under a display, e.g. xvfb-run),
 * selects packet FRAME (1-based), and saves the window as it is drawn:
 * the packet list (the default), the ladder diagram or the graphs (KIND:
 * window, tcptrace, stevens, throughput or rtt; as the settings say when
 * left out), in the light or the dark style; time=FROM:TO zooms the graphs
 * into those seconds of the connection.  The options come in any order.  Run it with GSETTINGS_BACKEND=memory to leave the settings as
 * they are.
 * The language follows the environment (LANGUAGE=zh_CN, HANDSHAKE_LOCALEDIR).
 *
 * CAPTURE can also be "capture-page" (the Capture page; FRAME is ignored)
 * or "capture:IFACE" (a live capture on IFACE, "lo" for instance, while
 * this program makes a few TCP connections to itself over 127.0.0.1; FRAME
 * is the connection to select, 1-based).  Capturing needs CAP_NET_RAW.
 */

#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

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

/* Live traffic for the capture screenshots ----------------------------------- */

static int server_fd = -1;
static guint16 server_port;

static gpointer
serve (gpointer data)
{
  for (;;)
    {
      int fd = accept (server_fd, NULL, NULL);
      char request[256];
      gsize size;
      char *body;
      ssize_t n;

      if (fd < 0)
        return NULL;
      n = read (fd, request, sizeof request - 1);
      request[MAX (n, 0)] = 0;
      /* "GET /SIZE": SIZE bytes in answer */
      size = (gsize)g_ascii_strtoull (request + MIN (5, (gsize)MAX (n, 0)), NULL, 10);
      body = g_malloc0 (MAX (size, 1));
      for (gsize done = 0; done < size; )
        {
          ssize_t w = write (fd, body + done, size - done);

          if (w <= 0)
            break;
          done += w;
          g_usleep (2000);
        }
      g_free (body);
      /* the last one stays open: an established connection */
      if (size != 777)
        close (fd);
    }
  return NULL;
}

static int
request (gsize    size,
         gboolean keep)
{
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons (server_port) };
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  g_autofree char *text = g_strdup_printf ("GET /%" G_GSIZE_FORMAT " HTTP/1.1\r\n\r\n", size);
  char buffer[65536];
  gsize got = 0;

  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (fd < 0 || connect (fd, (struct sockaddr *)&addr, sizeof addr) != 0)
    g_error ("cannot connect to 127.0.0.1:%u", server_port);
  if (write (fd, text, strlen (text)) < 0)
    g_error ("cannot write");
  while (got < size)
    {
      ssize_t n = read (fd, buffer, sizeof buffer);

      if (n <= 0)
        break;
      got += n;
    }
  if (!keep)
    close (fd);
  return fd;
}

static gpointer
make_traffic (gpointer data)
{
  request (1200, FALSE);
  g_usleep (150000);
  request (300000, FALSE);
  g_usleep (100000);
  request (40000, FALSE);
  g_usleep (100000);
  request (777, TRUE);
  return NULL;
}

static void
start_server (void)
{
  struct sockaddr_in addr = { .sin_family = AF_INET };
  socklen_t len = sizeof addr;

  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  server_fd = socket (AF_INET, SOCK_STREAM, 0);
  if (server_fd < 0 || bind (server_fd, (struct sockaddr *)&addr, sizeof addr) != 0 ||
      listen (server_fd, 8) != 0 || getsockname (server_fd, (struct sockaddr *)&addr, &len) != 0)
    g_error ("cannot listen on 127.0.0.1");
  server_port = ntohs (addr.sin_port);
  g_thread_unref (g_thread_new ("serve", serve, NULL));
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
  const char *graph_kind = NULL;
  HsGraphKind kind = HS_GRAPH_WINDOW;
  gboolean dark = FALSE;
  double time_from = -1, time_to = -1;
  int width, height;

  for (int i = 4; i < argc; i++)
    {
      if (g_str_equal (argv[i], "dark"))
        dark = TRUE;
      else if (g_str_equal (argv[i], "ladder") || g_str_equal (argv[i], "packets"))
        view = argv[i];
      else if (g_str_equal (argv[i], "graphs"))
        view = "graphs";
      else if (g_str_has_prefix (argv[i], "graphs:") &&
               hs_graph_kind_from_name (argv[i] + strlen ("graphs:"), &kind))
        {
          view = "graphs";
          graph_kind = argv[i] + strlen ("graphs:");
        }
      else if (g_str_has_prefix (argv[i], "time=") &&
               sscanf (argv[i] + strlen ("time="), "%lf:%lf", &time_from, &time_to) == 2 &&
               time_from >= 0 && time_to > time_from)
        ;
      else
        argc = 0;
    }

  if (argc < 4)
    {
      g_printerr ("usage: hs-screenshot CAPTURE FRAME OUT.png [dark] "
                  "[packets|ladder|graphs[:window|tcptrace|stevens|throughput|rtt]] "
                  "[time=FROM:TO]\n");
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

  /* the graphs get the height of the window, the details pane less */
  if (g_str_equal (view, "graphs"))
    {
      g_autoptr(GSettings) settings = g_settings_new ("io.github.handshake.Handshake");

      g_settings_set_int (settings, "details-height", 200);
    }

  window = hs_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", view);
  if (graph_kind != NULL)
    hs_graph_view_set_kind (window->graph_view, kind);

  if (g_str_equal (argv[1], "capture-page"))
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.capture", NULL);
      hs_capture_page_select_interface (window->capture_page, "lo");
      hs_capture_page_set_filter (window->capture_page, "tcp port 8080 and host 127.0.0.1");
      spin (800);
    }
  else if (g_str_has_prefix (argv[1], "capture:"))
    {
      g_autofree char *filter = NULL;

      start_server ();
      filter = g_strdup_printf ("tcp port %u", server_port);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.capture", NULL);
      if (!hs_capture_page_select_interface (window->capture_page, argv[1] + strlen ("capture:")))
        g_error ("no interface %s", argv[1] + strlen ("capture:"));
      hs_capture_page_set_filter (window->capture_page, filter);
      gtk_widget_activate_action (GTK_WIDGET (window->capture_page), "capture-page.start", NULL);
      /* without the permission, the page says why */
      if (window->live == NULL)
        g_printerr ("cannot capture: %s\n", hs_capture_page_get_error (window->capture_page));
      else
        {
          g_thread_unref (g_thread_new ("traffic", make_traffic, NULL));
          spin (4000);
          hs_window_select_stream (window, (guint)atoi (argv[2]) - 1);
        }
      spin (1500);
    }
  else
    {
      file = g_file_new_for_commandline_arg (argv[1]);
      hs_window_open_file (window, file);
      while (_hs_window_is_loading (window))
        g_main_context_iteration (NULL, TRUE);
      spin (500);

      hs_window_select_index (window, (guint)atoi (argv[2]) - 1);
    }
  spin (500);
  if (time_to > 0)
    hs_graph_view_set_time_range (window->graph_view, (gint64)(time_from * 1e9),
                                  (gint64)(time_to * 1e9));
  spin (500);

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

  _hs_window_drop_live (window);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (100);
  return 0;
}
