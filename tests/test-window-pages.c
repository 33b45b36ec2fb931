/* test-window-pages.c
 *
 * The welcome, error and loading pages, the sidebar, the recent files, the
 * help and shortcuts, and what a capture shows first.
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-window-util.h"

/* Drags from the middle of `widget` by `dx` pixels with the first button */
static void
drag_widget (HsWindow  *window,
             GtkWidget *widget,
             int        dx)
{
  int rx, ry;
  Display *display = widget_centre_on_screen (window, widget, &rx, &ry);

  input_expected = input_seen + 1;
  fake_motion_event (display, -1, rx, ry, CurrentTime);
  fake_button_event (display, 1, True, CurrentTime);
  for (int step = 1; step <= 4; step++)
    fake_motion_event (display, -1, rx + dx * step / 4, ry, CurrentTime);
  fake_button_event (display, 1, False, CurrentTime);
  XFlush (display);
  spin_until (input_handled, NULL, 5000);
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

void
test_welcome (void)
{
  HsWindow *window = open_window (NULL);

  spin_frames (2);
  g_assert_true (hs_window_is_empty (window));
  g_assert_cmpstr (visible_page (window), ==, "welcome");
  g_assert_null (hs_window_get_capture (window));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (window)));
  /* no sidebar to show without a capture */
  g_assert_false (gtk_widget_get_visible (window->sidebar_button));
  /* the sample capture is found (HANDSHAKE_SAMPLE points at it) */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL));
  g_assert_true (_hs_window_is_loading (window));
  g_assert_cmpstr (visible_page (window), ==, "loading");
  spin_until (not_loading, window, 20000);
  g_assert_cmpstr (visible_page (window), ==, "capture");
  g_assert_false (hs_window_is_empty (window));
  g_assert_true (gtk_widget_get_visible (window->sidebar_button));

  close_window (window);
}

/* Run from the build tree (as the tests are), without HANDSHAKE_SAMPLE, the
 * sample is the source tree's; when there is none, the button says why. */
void
test_sample_button (void)
{
  g_autofree char *sample = g_strdup (g_getenv ("HANDSHAKE_SAMPLE"));
  g_autofree char *expected = sample_path ();
  g_autofree char *missing = tmp_path ("no-such-folder/sample.pcapng");
  g_autoptr(GFile) expected_file = g_file_new_for_path (expected);
  g_autoptr(GFile) file = NULL;
  HsWindow *window;

  g_unsetenv ("HANDSHAKE_SAMPLE");
  file = hs_application_dup_sample_file (NULL);
  g_assert_nonnull (file);
  {
    char *a = realpath (g_file_peek_path (file), NULL);
    char *b = realpath (expected, NULL);

    g_assert_cmpstr (a, ==, b);
    free (a);
    free (b);
  }

  window = open_window (NULL);
  g_assert_true (gtk_widget_is_sensitive (window->sample_button));
  g_assert_null (gtk_widget_get_tooltip_text (window->sample_button));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->sample_status)));
  g_signal_emit_by_name (window->sample_button, "clicked");
  g_assert_cmpstr (visible_page (window), ==, "loading");
  spin_until (not_loading, window, 20000);
  g_assert_cmpstr (visible_page (window), ==, "capture");
  g_assert_cmpstr (adw_view_switcher_title_get_title (window->window_title), ==, "sample.pcapng");
  close_window (window);

  /* no sample: disabled, and it says where it should be */
  g_setenv ("HANDSHAKE_SAMPLE", missing, TRUE);
  window = open_window (NULL);
  spin_frames (2);
  g_assert_false (gtk_widget_is_sensitive (window->sample_button));
  g_assert_nonnull (gtk_widget_get_tooltip_text (window->sample_button));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (window->sample_button), missing));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window->sample_status)));
  g_assert_cmpstr (gtk_label_get_text (window->sample_status), ==,
                   gtk_widget_get_tooltip_text (window->sample_button));
  close_window (window);

  g_setenv ("HANDSHAKE_SAMPLE", sample, TRUE);
}

/* Run from the build tree, the help is the source tree's pages; without a
 * help viewer, the help action says what to install. */
void
test_help (void)
{
  g_autofree char *expected = g_test_build_filename (G_TEST_DIST, "..", "help", "C", NULL);
  g_autofree char *path = g_strdup (g_getenv ("PATH"));
  g_autofree char *empty = g_dir_make_tmp ("handshake-path-XXXXXX", NULL);
  g_autofree char *location = NULL;
  g_autofree char *index = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  HsWindow *window;

  location = hs_application_dup_help_location (&error);
  g_assert_no_error (error);
  g_assert_nonnull (location);
  g_assert_false (g_str_has_prefix (location, "help:"));
  index = g_build_filename (location, "index.page", NULL);
  g_assert_true (g_file_test (index, G_FILE_TEST_IS_REGULAR));
  {
    char *a = realpath (location, NULL);
    char *b = realpath (expected, NULL);

    g_assert_cmpstr (a, ==, b);
    free (a);
    free (b);
  }

  /* no Yelp in the PATH */
  window = open_window (NULL);
  g_assert_null (find_message_dialog ());
  g_setenv ("PATH", empty, TRUE);
  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  g_setenv ("PATH", path, TRUE);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "“yelp”"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), location));
  g_assert_true (adw_message_dialog_has_response (dialog, "close"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin_frames (2);
  g_assert_null (find_message_dialog ());

  close_window (window);
  g_rmdir (empty);
}

static char *
row_tooltip_over (HsConnectionRow *row,
                  GtkWidget       *child)
{
  graphene_point_t centre = GRAPHENE_POINT_INIT (gtk_widget_get_width (child) / 2.0,
                                                 gtk_widget_get_height (child) / 2.0);
  graphene_point_t p;

  g_assert_true (gtk_widget_compute_point (child, GTK_WIDGET (row), &centre, &p));
  return hs_connection_row_dup_tooltip (row, p.x, p.y);
}

void
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

  /* the sidebar row: its badges, and tooltips made when asked for */
  {
    HsConnectionRow *row;
    g_auto(GStrv) badges = NULL;
    g_autofree char *title = hs_connection_item_dup_title (first);
    g_autofree char *tip = NULL;
    const char *state;
    GtkWidget *badge;

    spin_until (sidebar_row_drawn, window, 5000);
    row = find_row_with_badges (window);
    g_assert_nonnull (row);
    g_assert_true (gtk_widget_get_has_tooltip (GTK_WIDGET (row)));
    badges = hs_connection_row_dup_badges (row);
    g_assert_true (g_strv_contains ((const char * const *)badges, "3 dup ACKs"));
    badge = find_widget (GTK_WIDGET (row), shows_text, "3 dup ACKs");
    g_assert_nonnull (badge);
    tip = row_tooltip_over (row, badge);
    g_assert_cmpstr (tip, ==, hs_anomaly_class_description (HS_ANOMALY_CLASS_DUP_ACK));
    g_clear_pointer (&tip, g_free);
    state = hs_conn_state_describe (hs_connection_item_get_connection (first)->conn_state);
    tip = row_tooltip_over (row, find_widget (GTK_WIDGET (row), shows_text, state));
    g_assert_cmpstr (tip, ==, title);
  }

  close_window (window);
}

/* Zero windows and window full are named apart in the sidebar, each with
 * its own tooltip; window updates are no badge at all (a Linux capture:
 * tests/data/linux-zero-window.pcap). */
void
test_sidebar_window_badges (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "linux-zero-window.pcap",
                                                 NULL);
  g_autoptr(HsCapture) capture = hs_test_load (path);
  HsWindow *window = open_window (path);
  HsConnectionRow *row;
  g_auto(GStrv) badges = NULL;
  g_autofree char *zero = NULL;
  g_autofree char *full = NULL;
  g_autofree char *zero_tip = NULL;
  g_autofree char *full_tip = NULL;
  guint n_zero = 0, n_full = 0, n_update = 0;
  guint i;

  for (i = 0; i < hs_capture_get_n_packets (capture); i++)
    {
      guint a = hs_capture_get_record (capture, i)->analysis;

      n_zero += (a & HS_ANALYSIS_ZERO_WINDOW) != 0;
      n_full += (a & HS_ANALYSIS_WINDOW_FULL) != 0;
      n_update += (a & HS_ANALYSIS_WINDOW_UPDATE) != 0;
    }
  g_assert_cmpuint (n_zero, >, 1);
  g_assert_cmpuint (n_full, >, 1);
  g_assert_cmpuint (n_update, >, 0);
  zero = g_strdup_printf ("%u zero windows", n_zero);
  full = g_strdup_printf ("%u window full", n_full);

  spin_until (sidebar_row_drawn, window, 5000);
  row = find_row_with_badges (window);
  g_assert_nonnull (row);
  badges = hs_connection_row_dup_badges (row);
  g_assert_cmpuint (g_strv_length (badges), ==, 2);
  g_assert_cmpstr (badges[0], ==, zero);
  g_assert_cmpstr (badges[1], ==, full);

  zero_tip = row_tooltip_over (row, find_widget (GTK_WIDGET (row), shows_text, zero));
  full_tip = row_tooltip_over (row, find_widget (GTK_WIDGET (row), shows_text, full));
  g_assert_true (g_str_has_prefix (zero_tip, "Zero window: "));
  g_assert_true (g_str_has_prefix (full_tip, "Window full: "));
  g_assert_nonnull (strstr (full_tip, "Often normal"));

  close_window (window);
}

void
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

void
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

void
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

  /* the selected packet stays selected, and its row too, as the list
   * changes between its connection and all packets */
  for (guint k = 0; k < 2; k++)
    {
      g_object_set (window->packet_list, "show-all", k == 1, NULL);
      g_assert_cmpuint (hs_packet_list_get_n_shown (window->packet_list), ==, k == 1 ? 43 : 41);
      g_assert_cmpuint (hs_window_get_selected_index (window), ==, 12);
      g_assert_cmpuint (hs_packet_list_get_selected_index (window->packet_list), ==, 12);
      {
        g_autofree char *cell = hs_packet_list_dup_cell_text (window->packet_list, 12,
                                                              HS_PACKET_LIST_COLUMN_NUMBER);

        g_assert_cmpstr (cell, ==, "13");
      }
    }

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

void
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

void
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

/* The action of the window's shortcut for `accelerator` that activates
 * `action_name`, as a key press would. */
static GtkShortcutAction *
find_shortcut (GtkWidget  *widget,
               const char *accelerator,
               const char *action_name)
{
  g_autoptr(GtkShortcutTrigger) trigger = gtk_shortcut_trigger_parse_string (accelerator);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  g_assert_nonnull (trigger);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_NAMED_ACTION (action) &&
              g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                           action_name) &&
              gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), trigger))
            return action;
        }
    }
  return NULL;
}

static void
assert_at_start (HsWindow *window)
{
  g_assert_cmpstr (visible_page (window), ==, "welcome");
  g_assert_true (hs_window_is_empty (window));
  g_assert_null (hs_window_get_capture (window));
  g_assert_false (adw_view_switcher_title_get_view_switcher_enabled (window->window_title));
  g_assert_cmpstr (adw_view_switcher_title_get_title (window->window_title), ==, "Handshake");
}

/* The error page goes back to the start: its Back button, Escape and
 * Alt+Left, which do nothing elsewhere. */
void
test_error_back (void)
{
  g_autofree char *path = tmp_path ("notes.txt");
  g_autofree char *sample = sample_path ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) sample_file = g_file_new_for_path (sample);
  g_autoptr(GError) error = NULL;
  GtkShortcutAction *escape, *alt_left;
  GtkWidget *back;
  HsWindow *window;

  g_file_set_contents (path, "These are my notes, not a capture file.\n", -1, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);

  window = open_window (path);
  g_assert_cmpstr (visible_page (window), ==, "error");
  escape = find_shortcut (GTK_WIDGET (window), "Escape", "win.go-back");
  alt_left = find_shortcut (GTK_WIDGET (window), "<Alt>Left", "win.go-back");
  g_assert_nonnull (escape);
  g_assert_nonnull (alt_left);

  /* the button */
  back = find_widget (GTK_WIDGET (window->error_page), has_action_name, "win.go-back");
  g_assert_nonnull (back);
  g_assert_true (gtk_widget_is_sensitive (back));
  g_assert_true (gtk_widget_get_mapped (back));
  g_signal_emit_by_name (back, "clicked");
  assert_at_start (window);
  g_assert_false (gtk_widget_is_sensitive (back));
  /* on the start page the keys are free for others */
  g_assert_false (gtk_shortcut_action_activate (escape, 0, GTK_WIDGET (window), NULL));
  g_assert_false (gtk_shortcut_action_activate (alt_left, 0, GTK_WIDGET (window), NULL));

  /* Escape */
  hs_window_open_file (window, file);
  spin_until (not_loading, window, 5000);
  g_assert_cmpstr (visible_page (window), ==, "error");
  g_assert_true (gtk_shortcut_action_activate (escape, 0, GTK_WIDGET (window), NULL));
  assert_at_start (window);

  /* Alt+Left */
  hs_window_open_file (window, file);
  spin_until (not_loading, window, 5000);
  g_assert_true (gtk_shortcut_action_activate (alt_left, 0, GTK_WIDGET (window), NULL));
  assert_at_start (window);

  /* and from there, a capture opens as from a new window */
  hs_window_open_file (window, sample_file);
  spin_until (not_loading, window, 5000);
  g_assert_cmpstr (visible_page (window), ==, "capture");
  g_assert_true (adw_view_switcher_title_get_view_switcher_enabled (window->window_title));
  g_assert_false (gtk_shortcut_action_activate (escape, 0, GTK_WIDGET (window), NULL));
  g_assert_cmpstr (visible_page (window), ==, "capture");

  close_window (window);
}

static void
collect_group_titles (GtkWidget *widget,
                      GString   *titles)
{
  if (GTK_IS_SHORTCUTS_GROUP (widget))
    {
      g_autofree char *title = NULL;

      g_object_get (widget, "title", &title, NULL);
      g_string_append_printf (titles, "%s; ", title);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_group_titles (child, titles);
}

/* The shortcuts window shows its groups in the order of its file (GTK 4.8
 * shuffles the pages of a section that has several). */
void
test_shortcuts_window (void)
{
  HsWindow *window = open_window (NULL);
  GtkShortcutsWindow *overlay;
  g_autoptr(GString) titles = g_string_new (NULL);

  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  spin_frames (2);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (overlay)));
  collect_group_titles (GTK_WIDGET (overlay), titles);
  g_assert_cmpstr (titles->str, ==,
                   "Captures; Connections; Views; General; Ladder Diagram; Packets; Graphs; ");
  gtk_window_close (GTK_WINDOW (overlay));
  close_window (window);
}

/* The welcome and error pages fit a window tiled on half a 1366-pixel
 * screen. */
void
test_narrow_pages (void)
{
  g_autofree char *path = tmp_path ("notes.txt");
  g_autoptr(GError) error = NULL;
  HsWindow *window = open_window (NULL);
  int min_width;

  gtk_widget_measure (GTK_WIDGET (window->welcome_page), GTK_ORIENTATION_HORIZONTAL, -1,
                      &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 683);

  g_file_set_contents (path, "These are my notes, not a capture file.\n", -1, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);

    hs_window_open_file (window, file);
    spin_until (not_loading, window, 5000);
  }
  g_assert_cmpstr (visible_page (window), ==, "error");
  gtk_widget_measure (GTK_WIDGET (window->error_page), GTK_ORIENTATION_HORIZONTAL, -1,
                      &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 683);
  close_window (window);
}

void
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

/* A capture with hundreds of connections: the sidebar appears with its
 * first rows and fills in steps (GTK makes a widget per row for the first
 * 200), while the count, the selection and going to any connection work
 * at once. */
static gboolean
sidebar_filled (gpointer data)
{
  return n_connections_is (data, 300);
}

void
test_sidebar_fill (void)
{
  g_autofree char *path = tmp_path ("many.pcap");
  g_autoptr(GFile) file = NULL;
  g_autoptr(HsConnectionItem) first = NULL;
  HsWindow *window;
  guint shown;

  write_conversation (path, 300);
  file = g_file_new_for_path (path);
  window = open_window (NULL);

  hs_window_open_file (window, file);
  spin_until (not_loading, window, 10000);
  g_assert_cmpstr (visible_page (window), ==, "capture");
  shown = g_list_model_get_n_items (G_LIST_MODEL (window->connection_selection));
  g_assert_cmpuint (shown, >, 0);
  g_assert_cmpuint (shown, <, 300);
  g_assert_cmpstr (gtk_label_get_text (window->connections_count), ==, "300 TCP connections");
  g_assert_cmpuint (hs_window_get_stream (window), ==, 0);

  spin_until (sidebar_filled, window, 5000);
  first = g_list_model_get_item (G_LIST_MODEL (window->connection_selection), 0);
  g_assert_cmpuint (hs_connection_item_get_stream (first), ==, 0);
  g_assert_cmpuint (gtk_single_selection_get_selected (window->connection_selection), ==, 0);
  g_assert_cmpuint (hs_window_get_stream (window), ==, 0);

  /* going to the last connection before the sidebar has it */
  hs_window_open_file (window, file);
  spin_until (not_loading, window, 10000);
  g_assert_false (n_connections_is (window, 300));
  hs_window_select_stream (window, 299);
  g_assert_cmpuint (hs_window_get_stream (window), ==, 299);
  g_assert_true (n_connections_is (window, 300));
  g_assert_cmpuint (gtk_single_selection_get_selected (window->connection_selection), ==, 299);

  close_window (window);
}

void
test_recent (void)
{
  g_autofree char *path = sample_path ();
  HsWindow *window = open_window (path);
  HsWindow *second;

  close_window (window);
  spin_frames (2);

  /* a new window lists the capture just opened (the recent manager adds
   * it once it has read the file's type, in the background) */
  second = open_window (NULL);
  spin_until (recent_listed, second, 5000);
  g_assert_nonnull (gtk_widget_get_first_child (GTK_WIDGET (second->recent_list)));
  close_window (second);
}

/* The sidebar is resized by dragging its edge, as the paned it was in was;
 * the width is remembered, and never under the sidebar's minimum. */
void
test_sidebar_resize (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.handshake.Handshake");
  g_autofree char *path = sample_path ();
  HsWindow *window = open_window_sized (path, 1280, 800);
  int width;

  spin_until (sidebar_row_drawn, window, 5000);
  width = gtk_widget_get_width (window->sidebar);
  g_assert_cmpint (width, ==, g_settings_get_int (settings, "sidebar-width"));

  drag_widget (window, window->sidebar_handle, 80);
  spin_frames (2);
  g_assert_cmpint (abs (gtk_widget_get_width (window->sidebar) - (width + 80)), <=, 2);
  g_assert_cmpint (g_settings_get_int (settings, "sidebar-width"), ==,
                   gtk_widget_get_width (window->sidebar));
  g_assert_false (adw_flap_get_folded (window->sidebar_flap));

  drag_widget (window, window->sidebar_handle, -400);
  spin_frames (2);
  g_assert_cmpint (gtk_widget_get_width (window->sidebar), ==, 260);
  g_assert_cmpint (g_settings_get_int (settings, "sidebar-width"), ==, 260);

  g_settings_reset (settings, "sidebar-width");
  close_window (window);
}

/* Stream numbers without a segment (tests/data/linux-socks.pcapng: the
 * numbers Wireshark's SOCKS dissector takes) are not listed: the sidebar,
 * its count and the subtitle have the 11 connections, numbered as tshark
 * numbers them. */
void
test_sidebar_empty_streams (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "linux-socks.pcapng", NULL);
  HsWindow *window = open_window (path);
  GListModel *conns = G_LIST_MODEL (window->connection_selection);
  const guint expected[] = { 0, 1, 3, 4, 6, 7, 9, 10, 12, 13, 15 };

  g_assert_cmpuint (hs_capture_get_n_connections (hs_window_get_capture (window)), ==, 16);
  g_assert_cmpuint (g_list_model_get_n_items (conns), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(HsConnectionItem) item = g_list_model_get_item (conns, i);

      g_assert_cmpuint (hs_connection_item_get_stream (item), ==, expected[i]);
    }
  g_assert_cmpuint (hs_window_get_stream (window), ==, 0);
  g_assert_cmpstr (gtk_label_get_text (window->connections_count), ==, "11 TCP connections");
  g_assert_nonnull (strstr (adw_view_switcher_title_get_subtitle (window->window_title),
                            "· 11 TCP connections"));
  close_window (window);
}
