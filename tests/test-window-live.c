/* test-window-live.c
 *
 * The Capture page and live captures: every view follows a growing
 * document.
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hs-ladder-view-private.h"
#include "hs-graph-view-private.h"
#include "test-window-util.h"
/* The live tests': 1,000-byte segments, and four short connections
 * starting while it runs, one a millisecond apart. */
#define LIVE_CONVERSATIONS(n) (&(LongConnection) { (n), 1000, FALSE, TRUE, FALSE })

static gboolean
is_label_showing (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

static HsWindow *
open_capture_page (void)
{
  HsWindow *window = open_window_on (NULL, "packets");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.capture", NULL));
  g_assert_cmpstr (visible_page (window), ==, "live");
  spin_frames (2);
  return window;
}

void
test_capture_page (void)
{
  HsWindow *window = open_capture_page ();
  HsCapturePage *page = window->capture_page;
  g_auto(GStrv) interfaces = hs_capture_page_dup_interfaces (page);
  GtkWidget *start = find_widget (GTK_WIDGET (page), has_action_name, "capture-page.start");
  const char *message;

  /* libpcap lists the loopback interface without any privilege */
  g_assert_true (g_strv_contains ((const char * const *)interfaces, "lo"));
  g_assert_true (hs_capture_page_select_interface (page, "lo"));
  g_assert_cmpstr (hs_capture_page_get_interface (page), ==, "lo");
  g_assert_nonnull (start);

  /* a filter that does not compile: pcap's message under the entry, no Start */
  hs_capture_page_set_filter (page, "tcp port");
  message = hs_capture_page_get_filter_error (page);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "syntax error"));
  g_assert_nonnull (find_widget (GTK_WIDGET (page), is_label_showing, message));
  g_assert_false (hs_capture_page_can_start (page));
  g_assert_false (gtk_widget_is_sensitive (start));

  hs_capture_page_set_filter (page, "tcp port 443 and not host 192.0.2.7");
  g_assert_null (hs_capture_page_get_filter_error (page));
  g_assert_true (hs_capture_page_can_start (page));
  g_assert_true (gtk_widget_is_sensitive (start));

  /* a filter that parses but makes no sense is refused too */
  hs_capture_page_set_filter (page, "port 99999");
  g_assert_nonnull (hs_capture_page_get_filter_error (page));
  g_assert_false (gtk_widget_is_sensitive (start));
  hs_capture_page_set_filter (page, "");
  g_assert_null (hs_capture_page_get_filter_error (page));
  g_assert_true (gtk_widget_is_sensitive (start));

  /* nothing to go back to: no Cancel */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (page), "capture-page.cancel", NULL) &&
                  !g_str_equal (visible_page (window), "live"));

  close_window (window);
}

/* A listening TCP socket on 127.0.0.1 and its port. */
static GSocket *
listen_on_loopback (guint16 *port)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  GSocket *server;

  server = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (server, any_port, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (server, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (server, &error);
  g_assert_no_error (error);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  return server;
}

/* One whole TCP connection to `server`: the handshake, a request and a
 * response, and a FIN teardown from each side. */
static void
talk_to (GSocket *server,
         guint16  port)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoptr(GSocket) client = NULL;
  g_autoptr(GSocket) accepted = NULL;
  g_autoptr(GError) error = NULL;
  char buffer[64];

  client = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_connect (client, address, NULL, &error);
  g_assert_no_error (error);
  accepted = g_socket_accept (server, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (g_socket_send (client, "GET / HTTP/1.0\r\n\r\n", 18, NULL, &error), ==, 18);
  g_assert_cmpint (g_socket_receive (accepted, buffer, sizeof buffer, NULL, &error), ==, 18);
  g_assert_cmpint (g_socket_send (accepted, "HTTP/1.0 200 OK\r\n\r\n", 19, NULL, &error), ==, 19);
  g_assert_cmpint (g_socket_receive (client, buffer, sizeof buffer, NULL, &error), ==, 19);
  g_assert_no_error (error);

  g_socket_shutdown (client, FALSE, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_socket_receive (accepted, buffer, sizeof buffer, NULL, &error), ==, 0);
  g_socket_close (accepted, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_socket_receive (client, buffer, sizeof buffer, NULL, &error), ==, 0);
  g_socket_close (client, &error);
  g_assert_no_error (error);
}

static guint
shown_packets (HsWindow *window)
{
  HsCapture *capture = hs_window_get_capture (window);

  return capture != NULL ? hs_capture_get_n_packets (capture) : 0;
}

/* Each connection: 3 handshake, 2 data, 2 ACKs, 4 for the teardown (the
 * last ACKs may be piggybacked: at least 9). */
#define PACKETS_PER_CONNECTION 9

static gboolean
connection_complete (gpointer data)
{
  HsWindow *window = data;
  HsCapture *capture = hs_window_get_capture (window);
  guint n = 0;

  if (!one_connection (window) || capture == NULL)
    return FALSE;
  hs_capture_get_stream_packets (capture, 0, &n);
  return n >= PACKETS_PER_CONNECTION;
}

static gboolean
has_two_complete_connections (gpointer data)
{
  HsWindow *window = data;

  return two_connections (window) && shown_packets (window) >= 2 * PACKETS_PER_CONNECTION;
}

static gboolean
counters_show_packets (gpointer data)
{
  HsWindow *window = data;
  HsLiveStats stats = { 0 };
  g_autofree char *count = NULL;

  hs_live_capture_get_stats (window->live, &stats);
  count = g_strdup_printf ("%'" G_GUINT64_FORMAT " packets", stats.captured);
  return stats.captured >= PACKETS_PER_CONNECTION &&
         g_str_has_prefix (gtk_label_get_text (window->capture_counts_label), count);
}

/* Paused, with the packets of a connection captured and not shown. */
static gboolean
packets_waiting (gpointer data)
{
  HsWindow *window = data;
  const char *state = gtk_label_get_text (window->capture_state_label);
  g_autofree char *expected = NULL;
  HsLiveStats stats = { 0 };

  hs_live_capture_get_stats (window->live, &stats);
  if (stats.captured < shown_packets (window) + PACKETS_PER_CONNECTION)
    return FALSE;
  expected = g_strdup_printf ("Paused — %" G_GUINT64_FORMAT " ", stats.captured - shown_packets (window));
  return g_str_has_prefix (state, expected);
}

static gboolean
not_unsaved (gpointer data)
{
  return !_hs_window_has_unsaved (data);
}

/* Starts capturing on lo with "tcp port `port`" from the Capture page. */
static HsWindow *
start_capture_on_lo (guint16 port)
{
  HsWindow *window = open_capture_page ();
  g_autofree char *filter = g_strdup_printf ("tcp port %u", port);

  g_assert_true (hs_capture_page_select_interface (window->capture_page, "lo"));
  hs_capture_page_set_filter (window->capture_page, filter);
  g_assert_null (hs_capture_page_get_filter_error (window->capture_page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->capture_page),
                                             "capture-page.start", NULL));
  g_assert_null (hs_capture_page_get_error (window->capture_page));
  g_assert_nonnull (window->live);
  g_assert_true (_hs_window_is_capturing (window));
  g_assert_cmpstr (visible_page (window), ==, "capture");
  g_assert_true (gtk_revealer_get_reveal_child (window->capture_bar));
  return window;
}

void
test_live_capture (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.handshake.Handshake");
  g_autofree char *why = hs_test_live_skip_reason ();
  g_autoptr(GSocket) server = NULL;
  g_autofree char *filter = NULL;
  g_autofree char *saved = NULL;
  g_auto(GStrv) recent = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(HsCapture) loaded = NULL;
  g_autoptr(GError) error = NULL;
  HsLiveStats stats = { 0 };
  HsWindow *window;
  guint16 port;
  guint frozen;

  if (why != NULL)
    {
      g_test_skip (why);
      return;
    }

  server = listen_on_loopback (&port);
  window = start_capture_on_lo (port);
  filter = g_strdup_printf ("tcp port %u", port);

  /* the filter went first in the recent filters */
  recent = g_settings_get_strv (settings, "recent-capture-filters");
  g_assert_nonnull (recent[0]);
  g_assert_cmpstr (recent[0], ==, filter);
  g_assert_nonnull (strstr (gtk_label_get_text (window->capture_source_label), filter));
  g_assert_cmpstr (gtk_label_get_text (window->capture_state_label), ==, "Capturing");
  /* nothing to save before the first packet */
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (window->capture_save_button)));

  /* a real connection: the sidebar gets it, the counters count it */
  talk_to (server, port);
  spin_until (connection_complete, window, 10000);
  spin_until (counters_show_packets, window, 5000);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (window->capture_save_button)));
  {
    g_autoptr(HsConnectionItem) item = g_list_model_get_item (G_LIST_MODEL (window->connection_selection), 0);
    const HsConnection *conn = hs_connection_item_get_connection (item);

    g_assert_true (conn->endpoint[0].port == port || conn->endpoint[1].port == port);
  }

  /* paused: the views keep still while packets are counted */
  gtk_toggle_button_set_active (window->capture_pause_button, TRUE);
  g_assert_true (hs_live_capture_get_paused (window->live));
  frozen = shown_packets (window);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (window->capture_state_label), "Paused — "));
  talk_to (server, port);
  spin_until (packets_waiting, window, 10000);
  g_assert_cmpuint (shown_packets (window), ==, frozen);
  g_assert_true (one_connection (window));
  g_assert_nonnull (strstr (gtk_label_get_text (window->capture_state_label), "packets waiting"));

  /* resumed: everything captured meanwhile shows */
  gtk_toggle_button_set_active (window->capture_pause_button, FALSE);
  g_assert_false (hs_live_capture_get_paused (window->live));
  spin_until (has_two_complete_connections, window, 10000);
  g_assert_cmpstr (gtk_label_get_text (window->capture_state_label), ==, "Capturing");

  /* saved while running: a pcapng file that loads */
  g_assert_true (_hs_window_has_unsaved (window));
  saved = g_strdup_printf ("%s/handshake-live-%d.pcapng", g_get_tmp_dir (), (int)getpid ());
  file = g_file_new_for_path (saved);
  _hs_window_save_capture (window, file, HS_SAVE_FORMAT_PCAPNG);
  spin_until (not_unsaved, window, 10000);
  g_assert_true (_hs_window_is_capturing (window));
  loaded = hs_capture_load (saved, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpuint (hs_capture_get_n_packets (loaded), ==, shown_packets (window));
  g_assert_cmpuint (hs_capture_get_n_connections (loaded), ==, 2);

  /* stopped: everything stays, the counters say it is over */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.stop-capture", NULL));
  g_assert_false (_hs_window_is_capturing (window));
  g_assert_cmpstr (gtk_label_get_text (window->capture_state_label), ==, "Stopped");
  hs_live_capture_get_stats (window->live, &stats);
  g_assert_cmpuint (stats.captured, ==, shown_packets (window));
  g_assert_cmpuint (stats.dropped_kernel, ==, 0);
  g_assert_true (two_connections (window));
  g_assert_false (hs_capture_is_live (hs_window_get_capture (window)));

  close_window (window);
  g_unlink (saved);
}

void
test_live_close_unsaved (void)
{
  g_autofree char *why = hs_test_live_skip_reason ();
  g_autoptr(GSocket) server = NULL;
  AdwMessageDialog *dialog;
  HsWindow *window;
  guint16 port;
  gint64 end;

  if (why != NULL)
    {
      g_test_skip (why);
      return;
    }

  server = listen_on_loopback (&port);
  window = start_capture_on_lo (port);
  talk_to (server, port);
  spin_until (connection_complete, window, 10000);
  g_assert_true (_hs_window_has_unsaved (window));

  /* closing asks first, and the window stays */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&window);
  gtk_window_close (GTK_WINDOW (window));
  spin_frames (2);
  g_assert_nonnull (window);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save the Captured Packets?");
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));

  /* Cancel: nothing happens */
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin_frames (2);
  g_assert_nonnull (window);
  g_assert_true (_hs_window_is_capturing (window));

  /* Discard: the capture stops and the window closes */
  gtk_window_close (GTK_WINDOW (window));
  spin_frames (2);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  gtk_window_destroy (GTK_WINDOW (dialog));
  end = g_get_monotonic_time () + 5 * TIMEOUT_SCALE * G_USEC_PER_SEC;
  while (window != NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (window);
}

/* Opening a file over unsaved captured packets asks too; Discard opens it. */
void
test_live_open_over_unsaved (void)
{
  g_autofree char *why = hs_test_live_skip_reason ();
  g_autofree char *path = sample_path ();
  g_autoptr(GFile) sample = g_file_new_for_path (path);
  g_autoptr(GSocket) server = NULL;
  AdwMessageDialog *dialog;
  HsWindow *window;
  guint16 port;

  if (why != NULL)
    {
      g_test_skip (why);
      return;
    }

  server = listen_on_loopback (&port);
  window = start_capture_on_lo (port);
  talk_to (server, port);
  spin_until (connection_complete, window, 10000);

  hs_window_open_file (window, sample);
  g_assert_false (_hs_window_is_loading (window));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (window->live);
  g_assert_false (gtk_revealer_get_reveal_child (window->capture_bar));
  spin_frames (2);
  spin_until (not_loading, window, 20000);
  g_assert_true (two_connections (window));
  spin_frames (2);
  g_assert_null (find_message_dialog ());

  close_window (window);
}

/* Live documents: every view follows a growing capture -------------------- */

static gboolean
is_column_view (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_COLUMN_VIEW (widget);
}

static GtkAdjustment *
packet_list_adjustment (HsWindow *window)
{
  GtkWidget *view = find_widget (GTK_WIDGET (window->packet_list), is_column_view, NULL);

  g_assert_nonnull (view);
  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
}

static gboolean
packet_list_at_end (HsWindow *window)
{
  GtkAdjustment *adj = packet_list_adjustment (window);

  return gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj) >=
         gtk_adjustment_get_upper (adj) - 2;
}

typedef struct
{
  HsWindow  *window;
  HsCapture *capture;
} LiveCase;

static guint
stream_n_packets (HsCapture *capture,
                  guint      stream)
{
  guint n = 0;

  hs_capture_get_stream_packets (capture, stream, &n);
  return n;
}

static gboolean
ladder_caught_up (gpointer data)
{
  LiveCase *c = data;
  HsLadderLayout *layout = hs_ladder_view_get_layout (c->window->ladder_view);

  return layout != NULL &&
         hs_ladder_layout_get_n_packets (layout) == stream_n_packets (c->capture, 0);
}

static gboolean
graph_caught_up (gpointer data)
{
  LiveCase *c = data;
  HsGraph *graph = hs_graph_view_get_graph (c->window->graph_view);

  return graph != NULL && hs_graph_get_n_packets (graph) == stream_n_packets (c->capture, 0);
}

static guint
selected_connection (HsWindow *window)
{
  HsConnectionItem *item = gtk_single_selection_get_selected_item (window->connection_selection);

  return item != NULL ? hs_connection_item_get_stream (item) : HS_NO_STREAM;
}

/* The sidebar has a row per connection and each bound row says how many
 * packets its connection has now. */
static void
assert_sidebar (HsWindow  *window,
                HsCapture *capture)
{
  GListModel *rows = G_LIST_MODEL (window->connection_selection);

  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, hs_capture_get_n_connections (capture));
  g_assert_cmpuint (g_list_model_get_n_items (window->connections), ==,
                    hs_capture_get_n_connections (capture));
}

void
test_live_views (void)
{
  g_autofree char *path = graph_tmp_path ("live-views.pcap");
  g_autoptr(GFile) file = NULL;
  g_autoptr(HsCapture) full = NULL;
  g_autoptr(HsCapture) live = NULL;
  HsWindow *window;
  LiveCase c;
  GtkAdjustment *adj;
  guint n, selected, shown, steps[4];
  double value;

  write_long_connection (path, LIVE_CONVERSATIONS (400));
  full = hs_test_load (path);
  file = g_file_new_for_path (path);
  live = hs_test_live_new (full);
  n = hs_capture_get_n_packets (full);
  g_assert_cmpuint (hs_capture_get_n_connections (full), ==, 5);
  steps[0] = 60;
  steps[1] = n / 2;
  steps[2] = n * 3 / 4;
  steps[3] = n;

  window = open_window_on (NULL, "packets");
  c.window = window;
  c.capture = live;
  _hs_window_set_capture (window, live, file);
  g_assert_cmpstr (visible_page (window), ==, "capture");
  spin_frames (2);

  /* the first packets: a connection appears and is selected */
  hs_test_live_grow (live, full, 4);
  spin_until (one_connection, window, 5000);
  g_assert_cmpuint (selected_connection (window), ==, 0);
  g_assert_cmpuint (hs_window_get_stream (window), ==, 0);
  spin_frames (2);
  g_assert_cmpuint (hs_packet_list_get_n_shown (window->packet_list), ==, 4);

  hs_test_live_grow (live, full, steps[0]);
  spin_frames (3);
  assert_sidebar (window, live);
  g_assert_cmpuint (hs_packet_list_get_n_shown (window->packet_list), ==, stream_n_packets (live, 0));

  /* a packet chosen, the list scrolled to its top: both stay */
  hs_window_select_index (window, 10);
  hs_packet_list_scroll_to (window->packet_list, 0);
  spin_frames (3);
  adj = packet_list_adjustment (window);
  value = gtk_adjustment_get_value (adj);
  g_assert_cmpfloat (value, <, 1);
  g_assert_false (packet_list_at_end (window));

  hs_test_live_grow (live, full, steps[1]);
  spin_frames (3);
  assert_sidebar (window, live);
  g_assert_cmpuint (hs_capture_get_n_connections (live), >, 1);
  g_assert_cmpuint (selected_connection (window), ==, 0);
  g_assert_cmpuint (hs_window_get_stream (window), ==, 0);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, 10);
  g_assert_cmpuint (hs_packet_list_get_selected_index (window->packet_list), ==, 10);
  g_assert_cmpuint (hs_packet_list_get_n_shown (window->packet_list), ==, stream_n_packets (live, 0));
  g_assert_cmpfloat (fabs (gtk_adjustment_get_value (adj) - value), <, 1);

  /* at the end: the list follows the new packets */
  hs_packet_list_scroll_to (window->packet_list,
                            hs_packet_list_get_n_shown (window->packet_list) - 1);
  spin_frames (3);
  g_assert_true (packet_list_at_end (window));
  shown = hs_packet_list_get_n_shown (window->packet_list);
  hs_test_live_grow (live, full, steps[1] + 40);
  spin_frames (3);
  g_assert_cmpuint (hs_packet_list_get_n_shown (window->packet_list), >, shown);
  g_assert_true (packet_list_at_end (window));
  g_assert_cmpuint (hs_packet_list_get_selected_index (window->packet_list), ==, 10);

  /* the ladder catches up with the new packets, selection kept; it follows
   * the end when the end is shown */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "ladder"));
  spin_until (canvas_ready, window, 5000);
  spin_until (ladder_caught_up, &c, 5000);
  g_assert_cmpuint (hs_ladder_view_get_selected_index (window->ladder_view), ==, 10);
  spin_frames (2);
  value = hs_ladder_view_get_scroll_y (window->ladder_view);
  hs_test_live_grow (live, full, steps[2]);
  spin_until (ladder_caught_up, &c, 5000);
  spin_frames (2);
  g_assert_cmpfloat (fabs (hs_ladder_view_get_scroll_y (window->ladder_view) - value), <, 1);
  g_assert_cmpuint (hs_ladder_view_get_selected_index (window->ladder_view), ==, 10);
  selected = hs_ladder_layout_find_frame (hs_ladder_view_get_layout (window->ladder_view), 10);
  g_assert_cmpuint (selected, ==, stream_pos (window, 10));
  g_assert_cmpuint (count_packets_in_rows (hs_ladder_view_get_layout (window->ladder_view)), ==,
                    stream_n_packets (live, 0));

  /* the graphs too */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "graphs"));
  spin_until (graph_ready, window, 5000);
  spin_until (graph_caught_up, &c, 5000);
  hs_test_live_grow (live, full, steps[2] + 100);
  spin_until (graph_caught_up, &c, 5000);
  g_assert_cmpuint (hs_graph_view_get_selected_index (window->graph_view), ==, 10);

  /* pages not shown catch up when they are shown */
  hs_test_live_grow (live, full, steps[3]);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "ladder"));
  spin_until (ladder_caught_up, &c, 5000);

  /* no longer live: everything as over the loaded file */
  _hs_capture_finish_live (live);
  spin_frames (3);
  assert_sidebar (window, full);
  g_assert_cmpuint (hs_packet_list_get_n_shown (window->packet_list), ==, stream_n_packets (full, 0));
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, 10);
  g_assert_cmpuint (count_packets_in_rows (hs_ladder_view_get_layout (window->ladder_view)), ==,
                    stream_n_packets (full, 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "graphs"));
  spin_until (graph_caught_up, &c, 5000);

  close_window (window);
  g_remove (path);
}

static gboolean
is_list_view (GtkWidget     *widget,
              gconstpointer  data)
{
  return GTK_IS_LIST_VIEW (widget);
}

/* The details of a packet chosen while its connection is young follow the
 * connection: the link to its ACK appears, the header rows that speak of
 * the connection (iRTT, completeness) change, and what the user opened and
 * selected in the header tree stays. */
void
test_live_details (void)
{
  g_autofree char *path = graph_tmp_path ("live-details.pcap");
  g_autoptr(GFile) file = NULL;
  g_autoptr(HsCapture) full = NULL;
  g_autoptr(HsCapture) live = NULL;
  g_autofree char *tree_before = NULL;
  g_autofree char *tree_after = NULL;
  g_autofree char *links_before = NULL;
  g_autofree char *links_after = NULL;
  GtkSingleSelection *rows;
  GtkTreeListRow *row;
  HsWindow *window;
  GtkWidget *list;
  guint n_rows;

  write_long_connection (path, LIVE_CONVERSATIONS (8));
  full = hs_test_load (path);
  file = g_file_new_for_path (path);
  live = hs_test_live_new (full);

  window = open_window_on (NULL, "packets");
  _hs_window_set_capture (window, live, file);
  spin_frames (2);

  /* the SYN alone */
  hs_test_live_grow (live, full, 1);
  spin_until (one_connection, window, 5000);
  hs_window_select_index (window, 0);
  spin_frames (2);
  links_before = hs_details_view_dup_links_text (window->details_view);
  g_assert_cmpstr (links_before, ==, "");

  /* the user opens the first layer and selects its second row */
  list = find_widget (GTK_WIDGET (window->details_view), is_list_view, NULL);
  g_assert_nonnull (list);
  rows = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  row = g_list_model_get_item (G_LIST_MODEL (rows), 0);
  g_assert_false (gtk_tree_list_row_get_expanded (row));
  gtk_tree_list_row_set_expanded (row, TRUE);
  g_object_unref (row);
  gtk_single_selection_set_selected (rows, 1);
  spin_frames (1);
  tree_before = hs_details_view_dup_tree_text (window->details_view);
  g_assert_true (g_str_has_prefix (tree_before, "> "));
  g_assert_nonnull (strstr (tree_before, "\n  * "));
  n_rows = g_list_model_get_n_items (G_LIST_MODEL (rows));

  /* the SYN/ACK and the ACK arrive, and the connection's data */
  hs_test_live_grow (live, full, 4);
  spin_frames (3);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, 0);
  links_after = hs_details_view_dup_links_text (window->details_view);
  g_assert_cmpstr (links_after, ==, "Go to frame 2, the ACK of this segment\n");
  tree_after = hs_details_view_dup_tree_text (window->details_view);
  /* the completeness row now counts the SYN/ACK, the ACK and the data */
  g_assert_nonnull (strstr (tree_before, "Conversation completeness: Incomplete, SYN_SENT (1)\n"));
  g_assert_nonnull (strstr (tree_after, "Conversation completeness: Incomplete, DATA (15)\n"));
  /* still open and selected where the user left them */
  g_assert_true (g_str_has_prefix (tree_after, "> "));
  g_assert_true (strncmp (tree_after, tree_before, strcspn (tree_before, "\n")) == 0);
  rows = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  g_assert_cmpuint (gtk_single_selection_get_selected (rows), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), >=, n_rows);

  close_window (window);
  g_remove (path);
}

typedef struct
{
  HsWindow  *window;
  HsCapture *first;
} RingCase;

static gboolean
window_capture_replaced (gpointer data)
{
  RingCase *c = data;
  HsCapture *shown = hs_window_get_capture (c->window);

  return shown != NULL && shown != c->first &&
         shown == hs_live_capture_get_capture (c->window->live) &&
         hs_capture_get_n_connections (shown) > 0;
}

/* The ring buffer set on the Capture page: when it turns, the window shows
 * the new document (the sidebar, the packet list) and keeps capturing. */
void
test_live_ring_buffer (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.handshake.Handshake");
  g_autofree char *why = hs_test_live_skip_reason ();
  g_autoptr(HsCapture) first = NULL;
  HsTestTrafficOptions options = { 0, 0, 200000, 200000, 16000, FALSE };
  HsTestTraffic *traffic;
  HsLiveStats stats = { 0 };
  HsCapture *doc;
  RingCase c;

  if (why != NULL)
    {
      g_test_skip (why);
      return;
    }

  g_settings_set_uint (settings, "capture-ring-buffer", 1);
  options.port = hs_test_free_port ();
  c.window = start_capture_on_lo (options.port);
  g_assert_cmpuint (hs_capture_page_get_ring_buffer (c.window->capture_page), ==, 1);
  first = g_object_ref (hs_window_get_capture (c.window));
  c.first = first;

  traffic = hs_test_traffic_start (&options);
  spin_until (window_capture_replaced, &c, 20000);
  g_assert_true (_hs_window_is_capturing (c.window));
  hs_test_traffic_finish (traffic);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (c.window), "win.stop-capture", NULL));
  spin_frames (3);

  /* the last document, whole, in every view */
  doc = hs_window_get_capture (c.window);
  g_assert_true (doc == hs_live_capture_get_capture (c.window->live));
  g_assert_false (hs_capture_is_live (doc));
  g_assert_false (hs_capture_is_live (first));
  assert_sidebar (c.window, doc);
  g_assert_cmpuint (hs_window_get_stream (c.window), <, hs_capture_get_n_connections (doc));
  g_assert_cmpuint (hs_packet_list_get_n_shown (c.window->packet_list), ==,
                    stream_n_packets (doc, hs_window_get_stream (c.window)));
  hs_live_capture_get_stats (c.window->live, &stats);
  g_assert_cmpuint (stats.discarded_ring, >, 0);
  g_assert_cmpuint (hs_capture_get_n_packets (doc) + stats.discarded_ring, ==, stats.captured);

  g_settings_reset (settings, "capture-ring-buffer");
  close_window (c.window);
}
