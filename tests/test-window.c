/* test-window.c — the Handshake window in a real display (run under Xvfb)
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "hs-application.h"
#include "hs-connection-row.h"
#include "hs-test-utils.h"
#include "hs-window-private.h"

#define T0 G_GINT64_CONSTANT (1700000000000000000)

static HsApplication *app;

static char *
sample_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "sample.pcapng", NULL);
}

static char *
tmp_path (const char *name)
{
  return g_build_filename (g_get_tmp_dir (), name, NULL);
}

typedef gboolean (*Condition) (gpointer data);

static void
spin_until (Condition condition,
            gpointer  data,
            guint     timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        g_error ("timed out waiting for the window");
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
    }
}

static gboolean
not_loading (gpointer data)
{
  return !_hs_window_is_loading (data);
}

static gboolean
rows_bound (gpointer data)
{
  HsWindow *window = data;

  return hs_packet_list_get_row_widget (window->packet_list, 0) != NULL;
}

static gboolean
n_connections_is (HsWindow *window,
                  guint     n)
{
  return g_list_model_get_n_items (G_LIST_MODEL (window->connection_selection)) == n;
}

static gboolean
no_connection (gpointer data)
{
  return n_connections_is (data, 0);
}

static gboolean
one_connection (gpointer data)
{
  return n_connections_is (data, 1);
}

static gboolean
two_connections (gpointer data)
{
  return n_connections_is (data, 2);
}

static void
spin_frames (guint n)
{
  for (guint i = 0; i < n; i++)
    {
      gint64 end = g_get_monotonic_time () + 20000;

      while (g_get_monotonic_time () < end)
        g_main_context_iteration (NULL, FALSE);
    }
}

static HsWindow *
open_window (const char *path)
{
  HsWindow *window = hs_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));

  if (path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      hs_window_open_file (window, file);
      g_assert_true (_hs_window_is_loading (window));
      spin_until (not_loading, window, 20000);
    }

  return window;
}

static void
close_window (HsWindow *window)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&window);
  gtk_window_destroy (GTK_WINDOW (window));
  /* a load still running holds the window until its callback has run */
  while (window != NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (window);
}

static const char *
visible_page (HsWindow *window)
{
  return gtk_stack_get_visible_child_name (window->main_stack);
}

/* Renders a widget the way the window draws it and returns the pixels
 * (RGBA, premultiplied, stride width * 4). */
static guchar *
render_widget (GtkWidget *widget,
               int       *width,
               int       *height)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer;
  guchar *pixels;

  *width = gtk_widget_get_width (widget);
  *height = gtk_widget_get_height (widget);
  g_assert_cmpint (*width, >, 0);
  g_assert_cmpint (*height, >, 0);

  gdk_paintable_snapshot (paintable, snapshot, *width, *height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, *width, *height));
  pixels = g_malloc ((gsize)*width * *height * 4);
  gdk_texture_download (texture, pixels, *width * 4);
  return pixels;
}

/* Mean red minus mean green over a row, and the colour of its first pixels
 * (the class stripe). */
static void
row_colour (GtkWidget *row,
            double    *red_excess,
            guint32   *stripe)
{
  int w, h;
  g_autofree guchar *px = render_widget (row, &w, &h);
  double r = 0, g = 0;

  /* gdk_texture_download gives native-endian ARGB32 (B, G, R, A in memory) */
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guchar *p = px + (y * w + x) * 4;

        r += p[2];
        g += p[1];
      }
  *red_excess = (r - g) / (w * h);

  {
    const guchar *p = px + ((h / 2) * w + 1) * 4;

    *stripe = ((guint32)p[2] << 16) | ((guint32)p[1] << 8) | p[0];
  }
}

static void
test_welcome (void)
{
  HsWindow *window = open_window (NULL);

  spin_frames (2);
  g_assert_true (hs_window_is_empty (window));
  g_assert_cmpstr (visible_page (window), ==, "welcome");
  g_assert_null (hs_window_get_capture (window));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (window)));
  /* the sample capture is found (HANDSHAKE_SAMPLE points at it) */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL));
  g_assert_true (_hs_window_is_loading (window));
  g_assert_cmpstr (visible_page (window), ==, "loading");
  spin_until (not_loading, window, 20000);
  g_assert_cmpstr (visible_page (window), ==, "capture");
  g_assert_false (hs_window_is_empty (window));

  close_window (window);
}

static void
test_sample_views (void)
{
  g_autofree char *path = sample_path ();
  HsWindow *window = open_window (path);
  HsCapture *capture = hs_window_get_capture (window);
  GListModel *conns = G_LIST_MODEL (window->connection_selection);
  g_autofree char *cell = NULL;
  g_autofree char *subtitle = NULL;
  g_autoptr(HsConnectionItem) first = NULL;

  g_assert_nonnull (capture);
  g_assert_cmpstr (visible_page (window), ==, "capture");
  g_assert_cmpstr (adw_window_title_get_title (window->window_title), ==, "sample.pcapng");
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (window->window_title), "43"));
  g_assert_false (gtk_info_bar_get_revealed (window->problem_bar));

  /* conversations: two connections, the first selected, the list scoped to it */
  g_assert_cmpuint (g_list_model_get_n_items (conns), ==, 2);
  first = g_list_model_get_item (conns, 0);
  g_assert_cmpuint (hs_connection_item_get_stream (first), ==, 0);
  g_assert_cmpuint (hs_window_get_stream (window), ==, 0);
  g_assert_cmpuint (hs_packet_list_get_n_shown (window->packet_list), ==, 41);
  g_assert_nonnull (strstr (gtk_label_get_text (window->connections_count), "2"));

  /* packet list contents as Wireshark users read them */
  cell = hs_packet_list_dup_cell_text (window->packet_list, 12, HS_PACKET_LIST_COLUMN_NUMBER);
  g_assert_cmpstr (cell, ==, "13");
  g_clear_pointer (&cell, g_free);
  cell = hs_packet_list_dup_cell_text (window->packet_list, 12, HS_PACKET_LIST_COLUMN_INFO);
  g_assert_true (g_str_has_prefix (cell, "[TCP Dup ACK 11#1]"));
  g_clear_pointer (&cell, g_free);
  cell = hs_packet_list_dup_cell_text (window->packet_list, 17, HS_PACKET_LIST_COLUMN_INFO);
  g_assert_true (g_str_has_prefix (cell, "[TCP Fast Retransmission]"));
  g_clear_pointer (&cell, g_free);
  cell = hs_packet_list_dup_cell_text (window->packet_list, 0, HS_PACKET_LIST_COLUMN_FLAGS);
  g_assert_cmpstr (cell, ==, "SYN");
  g_clear_pointer (&cell, g_free);
  cell = hs_packet_list_dup_cell_text (window->packet_list, 8, HS_PACKET_LIST_COLUMN_SEQ);  /* frame 9: Seq */
  g_assert_cmpstr (cell, ==, "2660");
  g_clear_pointer (&cell, g_free);
  cell = hs_packet_list_dup_cell_text (window->packet_list, 26, HS_PACKET_LIST_COLUMN_WIN); /* frame 27: zero window */
  g_assert_cmpstr (cell, ==, "0");
  g_clear_pointer (&cell, g_free);
  cell = hs_packet_list_dup_cell_text (window->packet_list, 1, HS_PACKET_LIST_COLUMN_TIME);  /* time of frame 2 */
  g_assert_true (g_str_has_prefix (cell, "0."));
  g_clear_pointer (&cell, g_free);

  spin_until (rows_bound, window, 5000);

  close_window (window);
}

static void
test_colours (void)
{
  g_autofree char *path = sample_path ();
  HsWindow *window = open_window (path);
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *plain, *retrans, *dupack;
  double plain_red, retrans_red, dupack_red;
  guint32 stripe;

  spin_until (rows_bound, window, 5000);
  spin_frames (3);
  g_assert_cmpstr (hs_packet_list_get_row_class (window->packet_list, 0), ==, "hs-handshake");

  /* frames 14, 18 and 13 are at positions 13, 17 and 12 */
  hs_packet_list_scroll_to (window->packet_list, 17);
  spin_frames (3);
  g_assert_cmpstr (hs_packet_list_get_row_class (window->packet_list, 13), ==, NULL);
  g_assert_cmpstr (hs_packet_list_get_row_class (window->packet_list, 17), ==, "hs-retransmission");
  g_assert_cmpstr (hs_packet_list_get_row_class (window->packet_list, 12), ==, "hs-dup-ack");
  g_assert_cmpstr (hs_packet_list_get_row_class (window->packet_list, 11), ==, "hs-lost");

  for (int pass = 0; pass < 2; pass++)
    {
      plain = hs_packet_list_get_row_widget (window->packet_list, 13);
      retrans = hs_packet_list_get_row_widget (window->packet_list, 17);
      dupack = hs_packet_list_get_row_widget (window->packet_list, 12);
      g_assert_nonnull (plain);
      g_assert_nonnull (retrans);
      g_assert_nonnull (dupack);

      row_colour (plain, &plain_red, &stripe);
      row_colour (retrans, &retrans_red, &stripe);
      /* the stripe is the retransmission colour, #e01b24, in both themes */
      g_assert_cmpuint (stripe, ==, 0xe01b24);
      g_assert_cmpfloat (retrans_red, >, plain_red + 8);
      row_colour (dupack, &dupack_red, &stripe);
      g_assert_cmpuint (stripe, ==, 0xe5a50a);

      /* again in dark mode */
      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
      spin_frames (3);
    }
  g_assert_true (adw_style_manager_get_dark (style));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  close_window (window);
}

static void
test_selection (void)
{
  g_autofree char *path = sample_path ();
  HsWindow *window = open_window (path);
  const char *explanation;
  guint position;

  spin_until (rows_bound, window, 5000);

  /* a dup ACK (frame 13): the ACK it repeats (frame 11) is marked */
  hs_window_select_index (window, 12);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, 12);
  g_assert_cmpuint (hs_packet_list_get_selected_index (window->packet_list), ==, 12);
  explanation = hs_details_view_get_explanation (window->details_view);
  g_assert_nonnull (explanation);
  g_assert_nonnull (strstr (explanation, "11"));
  spin_frames (2);
  g_assert_true (gtk_widget_has_css_class (hs_packet_list_get_row_widget (window->packet_list, 10),
                                           "hs-related"));
  g_assert_false (gtk_widget_has_css_class (hs_packet_list_get_row_widget (window->packet_list, 9),
                                            "hs-related"));
  {
    g_autofree char *mark = hs_packet_list_dup_cell_text (window->packet_list, 10, HS_PACKET_LIST_COLUMN_RELATED);
    g_autofree char *none = hs_packet_list_dup_cell_text (window->packet_list, 9, HS_PACKET_LIST_COLUMN_RELATED);

    g_assert_cmpstr (mark, ==, "=");
    g_assert_null (none);
  }
  {
    g_autofree char *hex = hs_details_view_dup_hex_text (window->details_view);

    g_assert_true (g_str_has_prefix (hex, "0000 "));
  }

  /* an ACK (frame 19): the segment it acknowledges (frame 16) is marked */
  hs_window_select_index (window, 18);
  spin_frames (2);
  g_assert_true (gtk_widget_has_css_class (hs_packet_list_get_row_widget (window->packet_list, 15),
                                           "hs-related"));
  g_assert_false (gtk_widget_has_css_class (hs_packet_list_get_row_widget (window->packet_list, 10),
                                            "hs-related"));

  /* a packet of the other connection moves the sidebar to it */
  hs_window_select_index (window, 42);
  g_assert_cmpuint (hs_window_get_stream (window), ==, 1);
  g_assert_cmpuint (hs_packet_list_get_selected_index (window->packet_list), ==, 42);
  g_assert_true (hs_index_model_find (HS_INDEX_MODEL (hs_packet_list_get_model (window->packet_list)),
                                      42, &position));
  {
    g_autoptr(HsConnectionItem) item =
      gtk_single_selection_get_selected_item (window->connection_selection)
        ? g_object_ref (gtk_single_selection_get_selected_item (window->connection_selection))
        : NULL;

    g_assert_nonnull (item);
    g_assert_cmpuint (hs_connection_item_get_stream (item), ==, 1);
  }

  /* next/previous connection from the keyboard actions */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-connection", NULL);
  g_assert_cmpuint (hs_window_get_stream (window), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-connection", NULL);
  g_assert_cmpuint (hs_window_get_stream (window), ==, 1);

  close_window (window);
}

static void
test_filters (void)
{
  g_autofree char *path = sample_path ();
  HsWindow *window = open_window (path);
  HsCapture *capture = hs_window_get_capture (window);
  guint anomalies = 0;

  for (guint i = 0; i < hs_capture_get_n_packets (capture); i++)
    {
      const HsPacketRecord *rec = hs_capture_get_record (capture, i);

      if (rec->stream == 0 && hs_packet_record_is_anomaly (rec))
        anomalies++;
    }
  g_assert_cmpuint (anomalies, >=, 10);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.anomalies-only", NULL);
  g_assert_cmpuint (hs_packet_list_get_n_shown (window->packet_list), ==, anomalies);

  /* one kind: the three duplicate ACKs */
  g_object_set (window->packet_list, "kind", 2, NULL);
  g_assert_cmpuint (hs_packet_list_get_n_shown (window->packet_list), ==, 3);

  /* every packet of the capture */
  g_object_set (window->packet_list, "kind", 0, "anomalies-only", FALSE, "show-all", TRUE, NULL);
  g_assert_cmpuint (hs_packet_list_get_n_shown (window->packet_list), ==, 43);

  /* the next-anomaly action walks the anomalies in order */
  g_assert_true (hs_packet_list_select_anomaly (window->packet_list, 1));
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, 11);
  g_assert_true (hs_packet_list_select_anomaly (window->packet_list, 1));
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, 12);

  /* the time format setting changes the Time column */
  {
    g_autoptr(GSettings) settings = g_settings_new ("io.github.handshake.Handshake");
    g_autofree char *time = NULL;

    g_settings_set_string (settings, "time-format", "absolute");
    time = hs_packet_list_dup_cell_text (window->packet_list, 1, HS_PACKET_LIST_COLUMN_TIME);
    g_assert_nonnull (strchr (time, ':'));
    g_settings_set_string (settings, "time-format", "relative");
  }

  /* the connection search */
  gtk_editable_set_text (GTK_EDITABLE (window->connection_search), "8443");
  spin_until (one_connection, window, 3000);
  {
    g_autoptr(HsConnectionItem) item = g_list_model_get_item (G_LIST_MODEL (window->connection_selection), 0);

    g_assert_cmpuint (hs_connection_item_get_stream (item), ==, 1);
    g_assert_nonnull (strstr (gtk_label_get_text (window->connections_count), "1"));
  }
  gtk_editable_set_text (GTK_EDITABLE (window->connection_search), "no-such-host");
  spin_until (no_connection, window, 3000);
  gtk_editable_set_text (GTK_EDITABLE (window->connection_search), "");
  spin_until (two_connections, window, 3000);

  close_window (window);
}

static void
write_conversation (const char *path,
                    guint       n_repeats)
{
  HsTestWriter *w = hs_test_writer_new (path, HS_TEST_PCAP_USEC, 1, FALSE);
  guint k = 0;

  for (guint r = 0; r < n_repeats; r++)
    {
      HsTestSegment segs[] = {
        { "10.0.0.1", "10.0.0.2", 40000 + r % 20000, 80, 1000, 0, HS_TCP_SYN, 64240, 0 },
        { "10.0.0.2", "10.0.0.1", 80, 40000 + r % 20000, 5000, 1001, HS_TCP_SYN | HS_TCP_ACK, 65160, 0 },
        { "10.0.0.1", "10.0.0.2", 40000 + r % 20000, 80, 1001, 5001, HS_TCP_ACK, 64240, 0 },
        { "10.0.0.1", "10.0.0.2", 40000 + r % 20000, 80, 1001, 5001, HS_TCP_ACK | HS_TCP_PSH, 64240, 100 },
      };

      for (guint i = 0; i < G_N_ELEMENTS (segs); i++)
        {
          g_autoptr(GByteArray) f = hs_test_build_frame (&segs[i]);

          hs_test_writer_packet (w, 0, T0 + (k++) * G_GINT64_CONSTANT (1000000), f->data, f->len, f->len);
        }
    }
  hs_test_writer_close (w);
}

static void
test_damaged (void)
{
  g_autofree char *path = tmp_path ("damaged.pcap");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  HsWindow *window;
  gsize len;

  write_conversation (path, 1);
  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, contents, len - 10, &error);
  g_assert_no_error (error);

  window = open_window (path);
  g_assert_cmpstr (visible_page (window), ==, "capture");
  g_assert_cmpuint (hs_capture_get_n_packets (hs_window_get_capture (window)), ==, 3);
  g_assert_true (gtk_info_bar_get_revealed (window->problem_bar));
  /* the message says what and where: the last record's offset */
  {
    g_autofree char *offset = g_strdup_printf ("%u", (guint)(24 + 3 * (16 + 54)));

    g_assert_nonnull (strstr (gtk_label_get_text (window->problem_label), offset));
  }
  g_assert_cmpuint (hs_packet_list_get_n_shown (window->packet_list), ==, 3);
  close_window (window);
}

static void
test_not_a_capture (void)
{
  g_autofree char *path = tmp_path ("notes.txt");
  g_autoptr(GError) error = NULL;
  HsWindow *window;

  g_file_set_contents (path, "These are my notes, not a capture file.\n", -1, &error);
  g_assert_no_error (error);

  window = open_window (path);
  g_assert_cmpstr (visible_page (window), ==, "error");
  g_assert_nonnull (strstr (adw_status_page_get_title (window->error_page), "notes.txt"));
  g_assert_nonnull (adw_status_page_get_description (window->error_page));
  g_assert_null (hs_window_get_capture (window));
  g_assert_true (hs_window_is_empty (window));
  close_window (window);
}

static void
test_cancel (void)
{
  g_autofree char *path = tmp_path ("big.pcap");
  g_autofree char *sample = sample_path ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) sample_file = g_file_new_for_path (sample);
  HsWindow *window;

  write_conversation (path, 100000);
  file = g_file_new_for_path (path);

  /* from the welcome page: back to it */
  window = open_window (NULL);
  hs_window_open_file (window, file);
  g_assert_cmpstr (visible_page (window), ==, "loading");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-load", NULL);
  spin_until (not_loading, window, 5000);
  g_assert_cmpstr (visible_page (window), ==, "welcome");
  g_assert_null (hs_window_get_capture (window));

  /* over a shown capture: the capture stays */
  hs_window_open_file (window, sample_file);
  spin_until (not_loading, window, 5000);
  hs_window_open_file (window, file);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-load", NULL);
  spin_until (not_loading, window, 5000);
  g_assert_cmpstr (visible_page (window), ==, "capture");
  g_assert_cmpuint (hs_capture_get_n_packets (hs_window_get_capture (window)), ==, 43);

  /* closing while loading */
  hs_window_open_file (window, file);
  close_window (window);
}

static void
test_recent (void)
{
  g_autofree char *path = sample_path ();
  HsWindow *window = open_window (path);
  HsWindow *second;

  close_window (window);
  spin_frames (2);

  /* a new window lists the capture just opened */
  second = open_window (NULL);
  spin_frames (3);
  g_assert_true (gtk_widget_get_visible (second->recent_group));
  g_assert_nonnull (gtk_widget_get_first_child (GTK_WIDGET (second->recent_list)));
  close_window (second);
}

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

  if (gdk_display_open (NULL) == NULL)
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
  g_test_add_func ("/handshake/window/sample-views", test_sample_views);
  g_test_add_func ("/handshake/window/colours", test_colours);
  g_test_add_func ("/handshake/window/selection", test_selection);
  g_test_add_func ("/handshake/window/filters", test_filters);
  g_test_add_func ("/handshake/window/damaged", test_damaged);
  g_test_add_func ("/handshake/window/not-a-capture", test_not_a_capture);
  g_test_add_func ("/handshake/window/cancel", test_cancel);
  g_test_add_func ("/handshake/window/recent", test_recent);

  ret = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return ret;
}
