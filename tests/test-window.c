/* test-window.c — the Handshake window in a real display (run under Xvfb)
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "hs-application.h"
#include "hs-connection-row.h"
#include "hs-ladder-paint.h"
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

/* Opens a window on `view` ("ladder" or "packets"; NULL: as the settings
 * say) and loads `path` in it. */
static HsWindow *
open_window_on (const char *path,
                const char *view)
{
  HsWindow *window = hs_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  if (view != NULL)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", view));

  if (path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      hs_window_open_file (window, file);
      g_assert_true (_hs_window_is_loading (window));
      spin_until (not_loading, window, 20000);
    }

  return window;
}

/* The packet list's rows exist only where it is shown: most cases look at
 * the Packets page. */
static HsWindow *
open_window (const char *path)
{
  return open_window_on (path, "packets");
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
  g_assert_cmpstr (adw_view_switcher_title_get_title (window->window_title), ==, "sample.pcapng");
  g_assert_nonnull (strstr (adw_view_switcher_title_get_subtitle (window->window_title), "43"));
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

/* Ladder ------------------------------------------------------------------- */

static gboolean
canvas_ready (gpointer data)
{
  HsWindow *window = data;
  GtkWidget *canvas = hs_ladder_view_get_canvas (window->ladder_view);

  return gtk_widget_get_mapped (canvas) && gtk_widget_get_height (canvas) > 100 &&
         hs_ladder_view_get_layout (window->ladder_view) != NULL;
}

static gboolean
no_export_running (gpointer data)
{
  HsWindow *window = data;

  return window->exports_running == 0;
}

static HsWindow *
open_ladder (void)
{
  g_autofree char *path = sample_path ();
  HsWindow *window = open_window_on (path, "ladder");

  spin_until (canvas_ready, window, 5000);
  spin_frames (2);
  return window;
}

/* The rows of the ladder cover every packet of the connection once. */
static guint
count_packets_in_rows (HsLadderLayout *layout)
{
  guint n = 0;

  for (guint r = 0; r < hs_ladder_layout_get_n_rows (layout); r++)
    n += hs_ladder_layout_get_row (layout, r)->n;
  return n;
}

/* Whether a position's row lies wholly in the rows area on screen. */
static gboolean
pos_on_screen (HsWindow *window,
               guint     pos)
{
  HsLadderLayout *layout = hs_ladder_view_get_layout (window->ladder_view);
  GtkWidget *canvas = hs_ladder_view_get_canvas (window->ladder_view);
  guint row = hs_ladder_layout_row_for_pos (layout, pos);
  double x0, y0, x1, y1, cx, cy0, cy1;

  g_assert_cmpuint (row, !=, HS_LADDER_NO_POS);
  hs_ladder_layout_get_arrow (layout, row, &x0, &y0, &x1, &y1);
  hs_ladder_view_layout_to_canvas (window->ladder_view, x0, y0, &cx, &cy0);
  hs_ladder_view_layout_to_canvas (window->ladder_view, x1, y1, &cx, &cy1);
  return cy0 >= hs_ladder_header_height () && cy1 <= gtk_widget_get_height (canvas);
}

/* Mean luminance and number of distinct colours of a rendered widget. */
static void
canvas_pixels (GtkWidget *widget,
               double    *luminance,
               guint     *n_colours,
               double    *non_background)
{
  int w, h;
  g_autofree guchar *px = render_widget (widget, &w, &h);
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  guint32 background;
  double sum = 0;
  guint differ = 0;

  /* the bottom-left corner is background below the last row or beside it */
  background = *(guint32 *)(px + ((gsize)(h - 1) * w) * 4);
  for (int i = 0; i < w * h; i++)
    {
      const guchar *p = px + (gsize)i * 4;
      guint32 value = *(const guint32 *)p;

      sum += 0.2126 * p[2] + 0.7152 * p[1] + 0.0722 * p[0];
      if (value != background)
        differ++;
      if (g_hash_table_size (colours) < 1000)
        g_hash_table_add (colours, GUINT_TO_POINTER (value));
    }

  *luminance = sum / (w * h);
  *n_colours = g_hash_table_size (colours);
  *non_background = (double)differ / (w * h);
}

static void
test_ladder_page (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.handshake.Handshake");
  g_autofree char *path = sample_path ();
  AdwStyleManager *style = adw_style_manager_get_default ();
  HsWindow *window;
  HsLadderLayout *layout;
  GtkWidget *canvas;
  guint n_packets = 0;
  double light, dark, non_background;
  guint n_colours;

  /* the ladder is the first thing shown of a capture */
  g_settings_reset (settings, "view");
  window = open_window_on (path, NULL);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "ladder");
  spin_until (canvas_ready, window, 5000);
  spin_frames (2);

  /* the first connection, every one of its packets in a row */
  g_assert_cmpuint (hs_ladder_view_get_stream (window->ladder_view), ==, 0);
  layout = hs_ladder_view_get_layout (window->ladder_view);
  g_assert_nonnull (layout);
  hs_capture_get_stream_packets (hs_window_get_capture (window), 0, &n_packets);
  g_assert_cmpuint (n_packets, ==, 41);
  g_assert_cmpuint (hs_ladder_layout_get_n_packets (layout), ==, n_packets);
  g_assert_true (hs_ladder_view_get_collapse (window->ladder_view));
  g_assert_cmpuint (count_packets_in_rows (layout), ==, n_packets);
  g_settings_set_boolean (settings, "ladder-collapse", FALSE);
  g_assert_false (hs_ladder_view_get_collapse (window->ladder_view));
  g_assert_true (layout == hs_ladder_view_get_layout (window->ladder_view));
  g_assert_cmpuint (hs_ladder_layout_get_n_rows (layout), ==, n_packets);
  g_settings_reset (settings, "ladder-collapse");
  g_assert_true (hs_ladder_view_get_collapse (window->ladder_view));

  /* the first packet is selected and shown */
  g_assert_cmpuint (hs_ladder_view_get_selected_index (window->ladder_view), ==, 0);
  g_assert_cmpfloat (hs_ladder_view_get_scroll_y (window->ladder_view), ==, 0);

  /* it is drawn: lifelines, arrows and labels, not a blank area */
  canvas = hs_ladder_view_get_canvas (window->ladder_view);
  spin_frames (2);
  canvas_pixels (canvas, &light, &n_colours, &non_background);
  g_assert_cmpuint (n_colours, >, 20);
  g_assert_cmpfloat (non_background, >, 0.02);
  g_assert_cmpfloat (non_background, <, 0.9);
  /* the overview strip too */
  canvas_pixels (GTK_WIDGET (window->ladder_view), &light, &n_colours, &non_background);
  g_assert_cmpuint (n_colours, >, 20);

  /* the palette follows the style */
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  spin_frames (3);
  g_assert_true (hs_ladder_view_is_dark (window->ladder_view));
  canvas_pixels (canvas, &dark, &n_colours, &non_background);
  g_assert_cmpuint (n_colours, >, 20);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  spin_frames (3);
  g_assert_false (hs_ladder_view_is_dark (window->ladder_view));
  g_assert_cmpfloat (dark, <, light - 50);

  /* no connection (the search finds none): an empty state */
  gtk_editable_set_text (GTK_EDITABLE (window->connection_search), "no-such-host");
  spin_until (no_connection, window, 3000);
  g_assert_cmpuint (hs_window_get_stream (window), ==, HS_NO_STREAM);
  g_assert_null (hs_ladder_view_get_layout (window->ladder_view));
  spin_frames (2);
  g_assert_false (gtk_widget_get_mapped (canvas));
  gtk_editable_set_text (GTK_EDITABLE (window->connection_search), "");
  spin_until (two_connections, window, 3000);
  g_assert_cmpuint (hs_window_get_stream (window), ==, 0);
  g_assert_nonnull (hs_ladder_view_get_layout (window->ladder_view));

  /* Alt+2 and Alt+1: the two pages */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "packets"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "packets");
  {
    g_autofree char *view = g_settings_get_string (settings, "view");

    g_assert_cmpstr (view, ==, "packets");
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "ladder"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "ladder");

  close_window (window);
}

/* The message dialog the window shows, if any. */
static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not a new reference */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static void
test_ladder_click (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.handshake.Handshake");
  HsWindow *window = open_ladder ();
  HsLadderLayout *layout = hs_ladder_view_get_layout (window->ladder_view);
  const char *explanation;
  double x0, y0, x1, y1, cx, cy;
  guint pos, row, n_rows;
  guint run_first = HS_LADDER_NO_POS;

  /* an arrow: the dup ACK of frame 13 */
  pos = hs_ladder_layout_find_frame (layout, 12);
  g_assert_cmpuint (pos, !=, HS_LADDER_NO_POS);
  row = hs_ladder_layout_row_for_pos (layout, pos);
  g_assert_cmpuint (hs_ladder_layout_get_row (layout, row)->kind, ==, HS_LADDER_ROW_PACKET);
  hs_ladder_layout_get_arrow (layout, row, &x0, &y0, &x1, &y1);
  hs_ladder_view_layout_to_canvas (window->ladder_view, (x0 + x1) / 2, (y0 + y1) / 2, &cx, &cy);
  hs_ladder_view_click_at (window->ladder_view, cx, cy);

  /* ... is selected everywhere */
  g_assert_cmpuint (hs_ladder_view_get_selected_index (window->ladder_view), ==, 12);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, 12);
  g_assert_cmpuint (hs_packet_list_get_selected_index (window->packet_list), ==, 12);
  explanation = hs_details_view_get_explanation (window->details_view);
  g_assert_nonnull (explanation);
  g_assert_nonnull (strstr (explanation, "11"));
  g_assert_true (pos_on_screen (window, pos));

  /* the lifeline names are not a packet */
  hs_ladder_view_click_at (window->ladder_view, cx, 2);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, 12);

  /* a collapsed run opens on a click, and folds again from its bracket */
  n_rows = hs_ladder_layout_get_n_rows (layout);
  for (row = 0; row < n_rows; row++)
    {
      if (hs_ladder_layout_get_row (layout, row)->kind == HS_LADDER_ROW_COLLAPSED)
        break;
    }
  if (row < n_rows)
    {
      const HsLadderRow *r = hs_ladder_layout_get_row (layout, row);
      guint n = r->n;
      guint first = r->first;

      run_first = first;

      g_assert_cmpuint (n, >=, HS_LADDER_MIN_COLLAPSE);
      hs_ladder_layout_get_arrow (layout, row, &x0, &y0, &x1, &y1);
      hs_ladder_view_layout_to_canvas (window->ladder_view, (x0 + x1) / 2, (y0 + y1) / 2, &cx, &cy);
      hs_ladder_view_click_at (window->ladder_view, cx, cy);
      g_assert_cmpuint (hs_ladder_layout_get_n_rows (layout), ==, n_rows + n - 1);
      /* opening does not select */
      g_assert_cmpuint (hs_window_get_selected_index (window), ==, 12);

      /* its packets are arrows that select */
      row = hs_ladder_layout_row_for_pos (layout, first + 1);
      g_assert_cmpuint (hs_ladder_layout_get_row (layout, row)->kind, ==, HS_LADDER_ROW_PACKET);
      hs_ladder_layout_get_arrow (layout, row, &x0, &y0, &x1, &y1);
      hs_ladder_view_layout_to_canvas (window->ladder_view, (x0 + x1) / 2, (y0 + y1) / 2, &cx, &cy);
      hs_ladder_view_click_at (window->ladder_view, cx, cy);
      g_assert_cmpuint (hs_window_get_selected_index (window), ==,
                        hs_ladder_layout_get_frame (layout, first + 1));

      /* the bracket at the left edge folds the run again */
      spin_frames (2);
      hs_ladder_layout_get_arrow (layout, row, &x0, &y0, &x1, &y1);
      hs_ladder_view_layout_to_canvas (window->ladder_view, x0, (y0 + y1) / 2, &cx, &cy);
      hs_ladder_view_click_at (window->ladder_view, 5, cy);
      g_assert_cmpuint (hs_ladder_layout_get_n_rows (layout), ==, n_rows);
    }
  else
    g_test_message ("the sample's first connection has no collapsed run");

  /* renamed endpoints are kept per connection */
  hs_ladder_view_set_endpoint_name (window->ladder_view, 0, "Laptop");
  g_assert_cmpstr (hs_ladder_layout_get_endpoint_name (layout, 0), ==, "Laptop");
  hs_window_select_stream (window, 1);
  g_assert_null (hs_ladder_view_get_endpoint_name (window->ladder_view, 0));
  layout = hs_ladder_view_get_layout (window->ladder_view);
  g_assert_cmpstr (hs_ladder_layout_get_endpoint_name (layout, 0), !=, "Laptop");
  hs_window_select_stream (window, 0);
  layout = hs_ladder_view_get_layout (window->ladder_view);
  g_assert_cmpstr (hs_ladder_layout_get_endpoint_name (layout, 0), ==, "Laptop");
  hs_ladder_view_set_endpoint_name (window->ladder_view, 0, NULL);
  g_assert_cmpstr (hs_ladder_layout_get_endpoint_name (layout, 0), !=, "Laptop");

  /* the same from the Rename Endpoints dialog */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->ladder_view), "ladder.rename", NULL));
  {
    AdwMessageDialog *dialog = find_message_dialog ();
    GtkEditable *entry;

    g_assert_nonnull (dialog);
    entry = g_object_get_data (G_OBJECT (dialog), "hs-entry-1");
    g_assert_true (GTK_IS_EDITABLE (entry));
    gtk_editable_set_text (entry, "  Web server ");
    /* what the Rename button does */
    adw_message_dialog_response (dialog, "rename");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  g_assert_cmpstr (hs_ladder_layout_get_endpoint_name (layout, 1), ==, "Web server");
  g_assert_null (hs_ladder_view_get_endpoint_name (window->ladder_view, 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->ladder_view), "ladder.rename", NULL));
  {
    AdwMessageDialog *dialog = find_message_dialog ();

    adw_message_dialog_response (dialog, "reset");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  g_assert_null (hs_ladder_view_get_endpoint_name (window->ladder_view, 1));
  spin_frames (2);
  g_assert_null (find_message_dialog ());

  /* the context menu, from the keyboard, opens the run of the selected
   * packet (folded again by the bracket above) and folds it again */
  if (run_first != HS_LADDER_NO_POS)
    {
      hs_window_select_index (window, hs_ladder_layout_get_frame (layout, run_first));
      n_rows = hs_ladder_layout_get_n_rows (layout);
      g_assert_true (hs_ladder_view_key_press (window->ladder_view, GDK_KEY_Menu, 0));
      spin_frames (2);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->ladder_view),
                                                 "ladder.toggle-run", NULL));
      g_assert_cmpuint (hs_ladder_layout_get_n_rows (layout), <, n_rows);
      g_assert_true (hs_ladder_view_key_press (window->ladder_view, GDK_KEY_Return, 0));
      g_assert_cmpuint (hs_ladder_layout_get_n_rows (layout), ==, n_rows);
      spin_frames (2);
    }

  g_settings_reset (settings, "ladder-collapse");
  close_window (window);
}

static void
test_ladder_follows_selection (void)
{
  HsWindow *window = open_ladder ();
  HsLadderLayout *layout = hs_ladder_view_get_layout (window->ladder_view);
  guint last;

  /* the last packet of the connection, chosen in the packet list, is
   * selected on the ladder and scrolled to */
  last = hs_ladder_layout_get_frame (layout, hs_ladder_layout_get_n_packets (layout) - 1);
  g_assert_cmpfloat (hs_ladder_view_get_scroll_y (window->ladder_view), ==, 0);
  g_assert_false (pos_on_screen (window, hs_ladder_layout_get_n_packets (layout) - 1));
  hs_packet_list_select_index (window->packet_list, last);
  g_assert_cmpuint (hs_ladder_view_get_selected_index (window->ladder_view), ==, last);
  g_assert_cmpfloat (hs_ladder_view_get_scroll_y (window->ladder_view), >, 0);
  g_assert_true (pos_on_screen (window, hs_ladder_layout_get_n_packets (layout) - 1));

  /* and back to the first */
  hs_packet_list_select_index (window->packet_list, 0);
  g_assert_cmpuint (hs_ladder_view_get_selected_index (window->ladder_view), ==, 0);
  g_assert_true (pos_on_screen (window, 0));

  /* a packet of the other connection, in the all-packets list: the ladder
   * shows that connection */
  g_object_set (window->packet_list, "show-all", TRUE, NULL);
  hs_packet_list_select_index (window->packet_list, 42);
  g_assert_cmpuint (hs_window_get_stream (window), ==, 1);
  g_assert_cmpuint (hs_ladder_view_get_stream (window->ladder_view), ==, 1);
  layout = hs_ladder_view_get_layout (window->ladder_view);
  g_assert_nonnull (layout);
  g_assert_cmpuint (hs_ladder_layout_get_stream (layout), ==, 1);
  g_assert_cmpuint (hs_ladder_layout_find_frame (layout, 42), !=, HS_LADDER_NO_POS);
  g_assert_cmpuint (hs_ladder_view_get_selected_index (window->ladder_view), ==, 42);

  /* the selection made on the Packets page is there on the Ladder page */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "packets");
  hs_window_select_index (window, 40);
  g_assert_cmpuint (hs_ladder_view_get_stream (window->ladder_view), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "ladder");
  spin_until (canvas_ready, window, 5000);
  spin_frames (3);
  layout = hs_ladder_view_get_layout (window->ladder_view);
  g_assert_true (pos_on_screen (window, hs_ladder_layout_find_frame (layout, 40)));

  close_window (window);
}

static void
test_ladder_keyboard (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.handshake.Handshake");
  HsWindow *window = open_ladder ();
  HsLadderView *ladder = window->ladder_view;
  HsLadderLayout *layout = hs_ladder_view_get_layout (ladder);
  const guint32 *anomalies;
  guint n_anomalies = 0;
  guint n = hs_ladder_layout_get_n_packets (layout);
  guint first_anomaly, second_anomaly;
  double height, y5;

  gtk_widget_grab_focus (hs_ladder_view_get_canvas (ladder));
  hs_window_select_index (window, 0);

  /* n and p walk the anomalies */
  anomalies = hs_ladder_layout_get_anomalies (layout, &n_anomalies);
  g_assert_cmpuint (n_anomalies, >=, 3);
  first_anomaly = hs_ladder_layout_get_frame (layout, anomalies[0]);
  second_anomaly = hs_ladder_layout_get_frame (layout, anomalies[1]);
  g_assert_true (hs_ladder_view_key_press (ladder, GDK_KEY_n, 0));
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, first_anomaly);
  g_assert_true (hs_ladder_view_key_press (ladder, GDK_KEY_n, 0));
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, second_anomaly);
  g_assert_cmpuint (hs_packet_list_get_selected_index (window->packet_list), ==, second_anomaly);
  g_assert_true (hs_ladder_view_key_press (ladder, GDK_KEY_p, 0));
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, first_anomaly);

  /* Ctrl+. (the packet list's next anomaly) works on the ladder page too */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-anomaly", NULL));
  g_assert_cmpuint (hs_ladder_view_get_selected_index (ladder), ==, second_anomaly);
  /* Ctrl+N is not the ladder's */
  g_assert_false (hs_ladder_view_key_press (ladder, GDK_KEY_n, GDK_CONTROL_MASK));

  /* Up, Down, Home, End */
  hs_window_select_index (window, hs_ladder_layout_get_frame (layout, 5));
  g_assert_true (hs_ladder_view_key_press (ladder, GDK_KEY_Down, 0));
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, hs_ladder_layout_get_frame (layout, 6));
  g_assert_true (hs_ladder_view_key_press (ladder, GDK_KEY_Up, 0));
  g_assert_true (hs_ladder_view_key_press (ladder, GDK_KEY_Up, 0));
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, hs_ladder_layout_get_frame (layout, 4));
  g_assert_true (hs_ladder_view_key_press (ladder, GDK_KEY_End, 0));
  g_assert_cmpuint (hs_window_get_selected_index (window), ==,
                    hs_ladder_layout_get_frame (layout, n - 1));
  g_assert_true (pos_on_screen (window, n - 1));
  g_assert_true (hs_ladder_view_key_press (ladder, GDK_KEY_Home, 0));
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, hs_ladder_layout_get_frame (layout, 0));
  g_assert_true (pos_on_screen (window, 0));

  /* + and - zoom */
  height = hs_ladder_layout_get_height (layout);
  g_assert_true (hs_ladder_view_key_press (ladder, GDK_KEY_plus, GDK_SHIFT_MASK));
  g_assert_cmpfloat_with_epsilon (hs_ladder_view_get_zoom (ladder), 1.25, 1e-9);
  g_assert_cmpfloat (hs_ladder_layout_get_zoom (layout), >, 1.2);
  g_assert_cmpfloat (hs_ladder_layout_get_height (layout), >, height * 1.1);
  g_assert_true (hs_ladder_view_key_press (ladder, GDK_KEY_minus, 0));
  g_assert_true (hs_ladder_view_key_press (ladder, GDK_KEY_minus, 0));
  g_assert_cmpfloat_with_epsilon (hs_ladder_view_get_zoom (ladder), 0.8, 1e-9);
  g_assert_cmpfloat (hs_ladder_layout_get_height (layout), <, height);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ladder), "ladder.zoom-reset", NULL));
  g_assert_cmpfloat_with_epsilon (hs_ladder_view_get_zoom (ladder), 1.0, 1e-9);
  for (guint i = 0; i < 30; i++)
    hs_ladder_view_key_press (ladder, GDK_KEY_equal, 0);
  g_assert_cmpfloat (hs_ladder_view_get_zoom (ladder), ==, HS_LADDER_MAX_ZOOM);
  g_assert_true (pos_on_screen (window, 0));
  gtk_widget_activate_action (GTK_WIDGET (ladder), "ladder.zoom-reset", NULL);

  /* time-true spaces the rows by time, and is remembered */
  g_settings_set_boolean (settings, "ladder-collapse", FALSE);
  y5 = hs_ladder_layout_get_row (layout, 5)->y;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ladder), "ladder.mode", "s", "time-true"));
  g_assert_cmpint (hs_ladder_view_get_mode (ladder), ==, HS_LADDER_TIME_TRUE);
  g_assert_cmpint (hs_ladder_layout_get_mode (layout), ==, HS_LADDER_TIME_TRUE);
  {
    g_autofree char *mode = g_settings_get_string (settings, "ladder-mode");

    g_assert_cmpstr (mode, ==, "time-true");
  }
  g_assert_cmpfloat (fabs (hs_ladder_layout_get_row (layout, 5)->y - y5), >, 1);
  g_settings_set_string (settings, "ladder-mode", "packet-order");
  g_assert_cmpint (hs_ladder_layout_get_mode (layout), ==, HS_LADDER_PACKET_ORDER);
  g_assert_cmpfloat (hs_ladder_layout_get_row (layout, 5)->y, ==, y5);

  g_settings_reset (settings, "ladder-collapse");
  g_settings_reset (settings, "ladder-mode");
  close_window (window);
}

static gboolean
is_png (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  return g_file_get_contents (path, &contents, &len, NULL) && len > 8 &&
         memcmp (contents, "\x89PNG\r\n\x1a\n", 8) == 0;
}

static void
test_ladder_export (void)
{
  g_autofree char *png = tmp_path ("ladder-export.png");
  g_autofree char *svg = tmp_path ("ladder-export.svg");
  g_autofree char *bad = tmp_path ("no-such-directory/ladder.png");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  HsWindow *window = open_ladder ();
  gsize len;

  g_unlink (png);
  g_unlink (svg);

  hs_ladder_view_set_endpoint_name (window->ladder_view, 1, "Web server");

  /* the whole connection as on screen, and the part on screen for print */
  _hs_window_export_ladder (window, png, FALSE, FALSE);
  _hs_window_export_ladder (window, svg, TRUE, TRUE);
  g_assert_cmpuint (window->exports_running, ==, 2);
  spin_until (no_export_running, window, 30000);

  g_assert_true (is_png (png));
  texture = gdk_texture_new_from_filename (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), >=, (int)HS_LADDER_MIN_WIDTH);
  g_assert_cmpint (gdk_texture_get_height (texture), >, 41 * 10);

  g_file_get_contents (svg, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "Web server"));
  pixbuf = gdk_pixbuf_new_from_file (svg, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), >, 0);

  /* a failure is a toast, not a crash */
  _hs_window_export_ladder (window, bad, FALSE, FALSE);
  spin_until (no_export_running, window, 30000);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));

  g_unlink (png);
  g_unlink (svg);
  close_window (window);
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
  g_test_add_func ("/handshake/window/ladder-page", test_ladder_page);
  g_test_add_func ("/handshake/window/ladder-click", test_ladder_click);
  g_test_add_func ("/handshake/window/ladder-follows-selection", test_ladder_follows_selection);
  g_test_add_func ("/handshake/window/ladder-keyboard", test_ladder_keyboard);
  g_test_add_func ("/handshake/window/ladder-export", test_ladder_export);

  ret = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return ret;
}
