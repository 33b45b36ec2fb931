/* test-window-graph.c
 *
 * The graph view in the window: clicks, zoom, warnings, averaging, texts,
 * large connections.
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hs-graph-view-private.h"
#include "test-window-util.h"

/* The middle of the plot, or of its first pane when both directions have
 * one (the middle of the plot is between them). */
static void
graph_plot_center (HsWindow *window,
                   double   *x,
                   double   *y)
{
  double width, height, px, py, pw, ph;

  graph_size (window, &width, &height);
  hs_graph_get_pane_area (hs_graph_view_get_graph (window->graph_view), width, height, 0,
                          &px, &py, &pw, &ph);
  g_assert_cmpfloat (pw, >, 100);
  g_assert_cmpfloat (ph, >, 50);
  *x = px + pw / 2;
  *y = py + ph / 2;
}

/* ns since the connection's first packet, of a capture frame index. */
static gint64
frame_time (HsWindow *window,
            guint     index)
{
  HsCapture *capture = hs_window_get_capture (window);
  guint n = 0;
  const guint32 *frames = hs_capture_get_stream_packets (capture, hs_window_get_stream (window), &n);

  g_assert_cmpuint (n, >, 0);
  return hs_capture_get_record (capture, index)->ts_ns -
         hs_capture_get_record (capture, frames[0])->ts_ns;
}

/* The number of pixels that differ between two renderings of a widget. */
static guint
count_differences (const guchar *a,
                   const guchar *b,
                   int           width,
                   int           height)
{
  guint n = 0;

  for (gsize i = 0; i < (gsize)width * height; i++)
    {
      if (memcmp (a + i * 4, b + i * 4, 4) != 0)
        n++;
    }
  return n;
}

static void
assert_time_range (HsWindow *window,
                   gint64    t0,
                   gint64    t1)
{
  gint64 a, b;

  g_assert_true (hs_graph_view_get_time_range (window->graph_view, &a, &b));
  g_assert_cmpint (a, ==, t0);
  g_assert_cmpint (b, ==, t1);
}

void
test_graph_page (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.handshake.Handshake");
  AdwStyleManager *style = adw_style_manager_get_default ();
  HsWindow *window;
  HsGraph *graph;
  GtkWidget *canvas;
  double light, dark, non_background, x, y;
  guint n_colours;

  g_settings_reset (settings, "graph-kind");
  g_settings_reset (settings, "graph-direction");
  g_settings_reset (settings, "graph-average-window");

  /* Alt+3 shows the graphs, and new windows start there */
  window = open_graphs ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "graphs");
  {
    g_autofree char *view = g_settings_get_string (settings, "view");

    g_assert_cmpstr (view, ==, "graphs");
  }

  /* the first connection's window graph, both directions */
  g_assert_cmpuint (hs_graph_view_get_stream (window->graph_view), ==, 0);
  graph = hs_graph_view_get_graph (window->graph_view);
  g_assert_nonnull (graph);
  g_assert_cmpuint (hs_graph_get_stream (graph), ==, 0);
  g_assert_cmpint (hs_graph_get_kind (graph), ==, HS_GRAPH_WINDOW);
  g_assert_cmpint (hs_graph_get_directions (graph), ==, HS_GRAPH_DIR_BOTH);
  /* the sample has its handshake: the window scales are known */
  g_assert_null (hs_graph_view_get_warning (window->graph_view));

  /* it is drawn: axes, lines, labels, not a blank area */
  canvas = hs_graph_view_get_canvas (window->graph_view);
  canvas_pixels (canvas, &light, &n_colours, &non_background);
  g_assert_cmpuint (n_colours, >, 10);
  g_assert_cmpfloat (non_background, >, 0.01);
  g_assert_cmpfloat (non_background, <, 0.9);

  /* every kind, from its action, is drawn and remembered */
  for (guint k = 0; k < HS_GRAPH_N_KINDS; k++)
    {
      const char *name = hs_graph_kind_to_name (k);
      g_autofree char *stored = NULL;

      g_test_message ("kind %s", name);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->graph_view), "graph.kind", "s", name));
      g_assert_cmpint (hs_graph_view_get_kind (window->graph_view), ==, k);
      graph = hs_graph_view_get_graph (window->graph_view);
      g_assert_nonnull (graph);
      g_assert_cmpint (hs_graph_get_kind (graph), ==, k);
      stored = g_settings_get_string (settings, "graph-kind");
      g_assert_cmpstr (stored, ==, name);
      spin_frames (2);
      canvas_pixels (canvas, &light, &n_colours, &non_background);
      g_assert_cmpuint (n_colours, >, 10);
      g_assert_cmpfloat (non_background, >, 0.01);
    }
  g_settings_set_string (settings, "graph-kind", "stevens");
  g_assert_cmpint (hs_graph_get_kind (hs_graph_view_get_graph (window->graph_view)), ==, HS_GRAPH_STEVENS);

  /* a time-sequence graph draws one direction; a choice is remembered */
  g_assert_true (hs_graph_view_get_graph_directions (window->graph_view) == HS_GRAPH_DIR_0 ||
                 hs_graph_view_get_graph_directions (window->graph_view) == HS_GRAPH_DIR_1);
  g_settings_set_string (settings, "graph-direction", "client-to-server");
  g_assert_cmpint (hs_graph_view_get_direction (window->graph_view), ==, HS_GRAPH_VIEW_CLIENT_TO_SERVER);
  g_assert_cmpint (hs_graph_view_get_graph_directions (window->graph_view), ==, HS_GRAPH_DIR_0);
  hs_graph_view_set_direction (window->graph_view, HS_GRAPH_VIEW_SERVER_TO_CLIENT);
  g_assert_cmpint (hs_graph_view_get_graph_directions (window->graph_view), ==, HS_GRAPH_DIR_1);
  {
    g_autofree char *stored = g_settings_get_string (settings, "graph-direction");

    g_assert_cmpstr (stored, ==, "server-to-client");
  }
  g_settings_set_string (settings, "graph-kind", "window");
  g_assert_cmpint (hs_graph_view_get_graph_directions (window->graph_view), ==, HS_GRAPH_DIR_1);
  g_settings_reset (settings, "graph-direction");
  g_assert_cmpint (hs_graph_view_get_graph_directions (window->graph_view), ==, HS_GRAPH_DIR_BOTH);

  /* the throughput's averaging window, remembered; by default the one
   * that fits the connection */
  g_settings_set_string (settings, "graph-kind", "throughput");
  graph = hs_graph_view_get_graph (window->graph_view);
  g_assert_cmpint (hs_graph_get_average_window (graph), ==, hs_graph_get_auto_average_window (graph));
  g_settings_set_double (settings, "graph-average-window", 0.1);
  g_assert_cmpfloat_with_epsilon (hs_graph_view_get_average_window (window->graph_view), 0.1, 1e-9);
  g_assert_cmpint (hs_graph_get_average_window (hs_graph_view_get_graph (window->graph_view)), ==,
                   G_GINT64_CONSTANT (100000000));
  hs_graph_view_set_average_window (window->graph_view, 10);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "graph-average-window"), 10, 1e-9);
  g_settings_reset (settings, "graph-average-window");
  g_settings_reset (settings, "graph-kind");
  g_assert_cmpint (hs_graph_view_get_kind (window->graph_view), ==, HS_GRAPH_WINDOW);

  /* the palette follows the style */
  spin_frames (2);
  canvas_pixels (canvas, &light, &n_colours, &non_background);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  spin_frames (3);
  g_assert_true (hs_graph_view_is_dark (window->graph_view));
  canvas_pixels (canvas, &dark, &n_colours, &non_background);
  g_assert_cmpuint (n_colours, >, 10);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  spin_frames (3);
  g_assert_false (hs_graph_view_is_dark (window->graph_view));
  g_assert_cmpfloat (dark, <, light - 50);

  /* the legend can be hidden */
  {
    g_autofree guchar *with = NULL;
    g_autofree guchar *without = NULL;
    gboolean shown;
    int w, h;

    with = render_widget (canvas, &w, &h);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->graph_view), "graph.show-legend", NULL));
    g_object_get (window->graph_view, "show-legend", &shown, NULL);
    g_assert_false (shown);
    spin_frames (2);
    without = render_widget (canvas, &w, &h);
    g_assert_cmpuint (count_differences (with, without, w, h), >, 500);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->graph_view), "graph.show-legend", NULL));
    g_object_get (window->graph_view, "show-legend", &shown, NULL);
    g_assert_true (shown);
  }

  /* the time and value under the pointer are read out */
  graph_plot_center (window, &x, &y);
  hs_graph_view_pointer_at (window->graph_view, x, y);
  g_assert_nonnull (hs_graph_view_get_readout (window->graph_view));
  g_assert_cmpuint (strlen (hs_graph_view_get_readout (window->graph_view)), >, 2);
  spin_frames (2);

  /* no connection (the search finds none): an empty state */
  gtk_editable_set_text (GTK_EDITABLE (window->connection_search), "no-such-host");
  spin_until (no_connection, window, 3000);
  g_assert_false (hs_graph_view_has_connection (window->graph_view));
  g_assert_null (hs_graph_view_get_graph (window->graph_view));
  /* nothing to export: the action does nothing */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-graph", NULL));
  spin_frames (2);
  g_assert_false (gtk_widget_get_mapped (canvas));
  gtk_editable_set_text (GTK_EDITABLE (window->connection_search), "");
  spin_until (two_connections, window, 3000);
  g_assert_true (hs_graph_view_has_connection (window->graph_view));
  spin_until (graph_ready, window, 5000);

  /* the other connection */
  hs_window_select_stream (window, 1);
  g_assert_cmpuint (hs_graph_view_get_stream (window->graph_view), ==, 1);
  g_assert_cmpuint (hs_graph_get_stream (hs_graph_view_get_graph (window->graph_view)), ==, 1);

  close_window (window);
}

/* The window graph's mark of the packet at `index`: its own advertised
 * window, at its time (in the pane of the data it lets in: the other
 * direction's). */
static void
window_mark (HsWindow *window,
             guint     index,
             double   *x,
             double   *y)
{
  HsCapture *capture = hs_window_get_capture (window);
  HsGraph *graph = hs_graph_view_get_graph (window->graph_view);
  guint dir = hs_capture_get_record (capture, index)->direction;
  guint pos = stream_pos (window, index);
  double width, height;
  HsSeries series = { 0 };
  gboolean unknown = FALSE;
  gboolean found = FALSE;

  graph_size (window, &width, &height);
  hs_series_window (capture, hs_window_get_stream (window), dir, &series, &unknown);
  for (guint i = 0; i < series.n; i++)
    {
      if (series.points[i].pos == pos)
        {
          *x = hs_graph_time_to_x (graph, width, height, series.points[i].t_ns);
          *y = hs_graph_pane_value_to_y (graph, width, height, hs_graph_get_pane (graph, 1 - dir),
                                         series.points[i].value);
          found = TRUE;
        }
    }
  hs_series_clear (&series);
  g_assert_true (found);
}

void
test_graph_click (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.handshake.Handshake");
  HsWindow *window;
  HsGraph *graph;
  GtkWidget *canvas;
  const char *explanation;
  gint64 t13, t33, t0, t1;
  double v0, v1, x, y;
  g_autofree guchar *before = NULL;
  g_autofree guchar *after = NULL;
  int w, h;

  g_settings_reset (settings, "graph-kind");
  g_settings_reset (settings, "graph-direction");
  window = open_graphs ();
  graph = hs_graph_view_get_graph (window->graph_view);
  canvas = hs_graph_view_get_canvas (window->graph_view);

  /* frames 11 to 17 are 50 µs apart: show 400 µs around frame 13 */
  t13 = frame_time (window, 12);
  hs_graph_get_view (graph, &t0, &t1, &v0, &v1);
  hs_graph_set_view (graph, t13 - 200000, t13 + 200000, v0, v1);
  spin_frames (2);

  /* a click on the mark of frame 13 (a dup ACK) selects it everywhere */
  window_mark (window, 12, &x, &y);
  hs_graph_view_click_at (window->graph_view, x, y);
  g_assert_cmpuint (hs_graph_view_get_selected_index (window->graph_view), ==, 12);
  g_assert_cmpuint (hs_graph_view_get_selected_pos (window->graph_view), ==, stream_pos (window, 12));
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, 12);
  g_assert_cmpuint (hs_packet_list_get_selected_index (window->packet_list), ==, 12);
  g_assert_cmpuint (hs_ladder_view_get_selected_index (window->ladder_view), ==, 12);
  explanation = hs_details_view_get_explanation (window->details_view);
  g_assert_nonnull (explanation);
  g_assert_nonnull (strstr (explanation, "11"));

  /* and its neighbour, 50 µs later, on a click on its own mark */
  window_mark (window, 13, &x, &y);
  hs_graph_view_click_at (window->graph_view, x, y);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, 13);

  /* the tooltip of a mark names its packet */
  {
    g_autofree char *tooltip = hs_graph_view_dup_tooltip (window->graph_view, x, y);

    g_assert_nonnull (tooltip);
    g_assert_true (g_str_has_prefix (tooltip, "Frame 14: "));
  }

  /* nowhere near a mark: the selection stays */
  hs_graph_view_click_at (window->graph_view, 1, 1);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, 13);

  /* a packet selected in the packet list is marked on the graph, and the
   * time shown moves to it when it is outside */
  spin_frames (2);
  before = render_widget (canvas, &w, &h);
  hs_session_select_index (window->session, 32);
  g_assert_cmpuint (hs_graph_view_get_selected_index (window->graph_view), ==, 32);
  g_assert_cmpuint (hs_graph_view_get_selected_pos (window->graph_view), ==, stream_pos (window, 32));
  t33 = frame_time (window, 32);
  g_assert_true (hs_graph_view_get_time_range (window->graph_view, &t0, &t1));
  g_assert_cmpint (t0, <=, t33);
  g_assert_cmpint (t1, >=, t33);
  g_assert_cmpint (t1 - t0, ==, 400000);
  spin_frames (2);
  after = render_widget (canvas, &w, &h);
  g_assert_cmpuint (count_differences (before, after, w, h), >, 50);

  /* at the whole connection too: the mark is drawn where the packet is */
  gtk_widget_activate_action (GTK_WIDGET (window->graph_view), "graph.zoom-reset", NULL);
  spin_frames (2);
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);
  before = render_widget (canvas, &w, &h);
  hs_window_select_index (window, 36);
  g_assert_cmpuint (hs_graph_view_get_selected_pos (window->graph_view), ==, stream_pos (window, 36));
  spin_frames (2);
  after = render_widget (canvas, &w, &h);
  g_assert_cmpuint (count_differences (before, after, w, h), >, 20);

  /* the Stevens graph: a click on a segment's dot selects the segment */
  hs_graph_view_set_kind (window->graph_view, HS_GRAPH_STEVENS);
  hs_graph_view_set_direction (window->graph_view, HS_GRAPH_VIEW_SERVER_TO_CLIENT);
  graph = hs_graph_view_get_graph (window->graph_view);
  {
    HsSeqSeries seq = { 0 };
    guint pos = stream_pos (window, 32);   /* frame 33, after the zero window */
    double width, height;
    gboolean found = FALSE;

    graph_size (window, &width, &height);
    hs_seq_series_compute (hs_window_get_capture (window), 0, 1, &seq);
    for (guint i = 0; i < seq.n_segments; i++)
      {
        if (seq.segments[i].pos == pos)
          {
            x = hs_graph_time_to_x (graph, width, height, seq.segments[i].t_ns);
            y = hs_graph_value_to_y (graph, width, height, seq.segments[i].seq);
            found = TRUE;
          }
      }
    hs_seq_series_clear (&seq);
    g_assert_true (found);
  }
  hs_window_select_index (window, 0);
  hs_graph_view_click_at (window->graph_view, x, y);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, 32);

  g_settings_reset (settings, "graph-kind");
  g_settings_reset (settings, "graph-direction");
  close_window (window);
}

/* The session's time range: the graph's zoom sets it (in capture times)
 * and a reset takes it back; a range another view sets is marked on the
 * plot, on screen only, and the graph's own zoom replaces it. */
static void
check_session_time_range (HsWindow *window)
{
  HsSession *session = window->session;
  HsGraphView *view = window->graph_view;
  GtkWidget *canvas = hs_graph_view_get_canvas (view);
  g_autofree guchar *plain = NULL;
  g_autofree guchar *marked = NULL;
  HsGraph *graph = hs_graph_view_get_graph (view);
  gint64 start, e0, e1, t0, t1, s0, s1, m0, m1;
  int w, h;

  start = hs_capture_get_connection (hs_window_get_capture (window),
                                     hs_window_get_stream (window))->first_ts_ns;
  hs_graph_get_extent (graph, &e0, &e1, NULL, NULL);
  g_assert_false (hs_session_get_time_range (session, NULL, NULL));
  g_assert_false (hs_graph_view_get_marked_range (view, NULL, NULL));

  /* zoomed in time: the session has the graph's range, not marked */
  hs_graph_view_set_time_range (view, e0 + (e1 - e0) / 4, e0 + (e1 - e0) / 2);
  g_assert_true (hs_graph_view_get_time_range (view, &t0, &t1));
  g_assert_true (hs_session_get_time_range (session, &s0, &s1));
  g_assert_cmpint (s0, ==, start + t0);
  g_assert_cmpint (s1, ==, start + t1);
  g_assert_false (hs_graph_view_get_marked_range (view, NULL, NULL));
  /* panning moves it along */
  g_assert_true (hs_graph_view_key_press (view, GDK_KEY_Right, 0));
  g_assert_true (hs_graph_view_get_time_range (view, &t0, &t1));
  g_assert_true (hs_session_get_time_range (session, &s0, &s1));
  g_assert_cmpint (s0, ==, start + t0);
  g_assert_cmpint (s1, ==, start + t1);
  /* the whole connection again: the range is taken back */
  g_assert_true (hs_graph_view_key_press (view, GDK_KEY_Home, 0));
  g_assert_false (hs_session_get_time_range (session, NULL, NULL));
  plain = render_widget (canvas, &w, &h);

  /* another view's range (the ladder's rows) is marked as a band */
  hs_session_set_time_range (session, start + e0 + (e1 - e0) / 3, start + e0 + (e1 - e0) / 2);
  g_assert_true (hs_graph_view_get_marked_range (view, &m0, &m1));
  g_assert_cmpint (m0, ==, e0 + (e1 - e0) / 3);
  g_assert_cmpint (m1, ==, e0 + (e1 - e0) / 2);
  assert_time_range (window, e0, e1);
  marked = render_widget (canvas, &w, &h);
  g_assert_cmpuint (count_differences (plain, marked, w, h), >, 1000);
  /* resetting the graph's own zoom leaves another view's range alone */
  g_assert_true (hs_graph_view_key_press (view, GDK_KEY_Home, 0));
  g_assert_true (hs_session_get_time_range (session, &s0, &s1));
  g_assert_cmpint (s0, ==, start + m0);

  /* zooming replaces it: the band goes */
  g_assert_true (hs_graph_view_key_press (view, GDK_KEY_plus, 0));
  g_assert_false (hs_graph_view_get_marked_range (view, NULL, NULL));
  g_assert_true (hs_graph_view_get_time_range (view, &t0, &t1));
  g_assert_true (hs_session_get_time_range (session, &s0, &s1));
  g_assert_cmpint (s0, ==, start + t0);
  g_assert_cmpint (s1, ==, start + t1);
  /* cleared elsewhere: nothing marked, and the graph keeps its zoom */
  hs_session_set_time_range (session, start, start + 1000);
  g_assert_true (hs_graph_view_get_marked_range (view, NULL, NULL));
  hs_session_clear_time_range (session);
  g_assert_false (hs_graph_view_get_marked_range (view, NULL, NULL));
  assert_time_range (window, t0, t1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "graph.zoom-reset", NULL));
  g_assert_false (hs_session_get_time_range (session, NULL, NULL));
}

void
test_graph_zoom (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.handshake.Handshake");
  HsWindow *window;
  HsGraph *graph;
  gint64 e0, e1, t0, t1, z0, z1, tx;
  double w0, w1, v0, v1, x, y, width, height;

  g_settings_reset (settings, "graph-kind");
  window = open_graphs ();
  graph = hs_graph_view_get_graph (window->graph_view);
  graph_size (window, &width, &height);
  hs_graph_get_extent (graph, &e0, &e1, &w0, &w1);
  g_assert_cmpint (e1, >, e0);
  assert_time_range (window, e0, e1);

  /* Ctrl+scroll zooms in around the pointer: the time under it stays */
  graph_plot_center (window, &x, &y);
  x -= 100;
  tx = hs_graph_x_to_time (graph, width, height, x);
  g_assert_true (hs_graph_view_scroll_at (window->graph_view, x, y, -1, GDK_CONTROL_MASK));
  g_assert_true (hs_graph_view_get_time_range (window->graph_view, &t0, &t1));
  g_assert_cmpint (t1 - t0, <, e1 - e0);
  g_assert_cmpint (llabs (hs_graph_x_to_time (graph, width, height, x) - tx), <, (t1 - t0) / 100);
  hs_graph_view_scroll_at (window->graph_view, x, y, -3, GDK_CONTROL_MASK);
  g_assert_true (hs_graph_view_get_time_range (window->graph_view, &z0, &z1));
  g_assert_cmpint (z1 - z0, <, t1 - t0);

  /* switching graphs keeps the time range shown */
  hs_graph_view_set_kind (window->graph_view, HS_GRAPH_TCPTRACE);
  assert_time_range (window, z0, z1);
  hs_graph_view_set_kind (window->graph_view, HS_GRAPH_RTT);
  assert_time_range (window, z0, z1);
  hs_graph_view_set_kind (window->graph_view, HS_GRAPH_WINDOW);
  assert_time_range (window, z0, z1);
  graph = hs_graph_view_get_graph (window->graph_view);

  /* the arrows move the range, a drag moves the picture with the pointer */
  g_assert_true (hs_graph_view_key_press (window->graph_view, GDK_KEY_Right, 0));
  g_assert_true (hs_graph_view_get_time_range (window->graph_view, &t0, &t1));
  g_assert_cmpint (t0, >, z0);
  g_assert_cmpint (t1 - t0, ==, z1 - z0);
  g_assert_true (hs_graph_view_key_press (window->graph_view, GDK_KEY_Left, 0));
  assert_time_range (window, z0, z1);
  hs_graph_view_drag (window->graph_view, x, y, 50, 0, FALSE);
  g_assert_true (hs_graph_view_get_time_range (window->graph_view, &t0, &t1));
  g_assert_cmpint (t0, <, z0);

  /* reset: the whole connection */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->graph_view), "graph.zoom-reset", NULL));
  assert_time_range (window, e0, e1);

  /* the keyboard: + zooms, 0 and Home reset */
  g_assert_true (hs_graph_view_key_press (window->graph_view, GDK_KEY_plus, GDK_SHIFT_MASK));
  g_assert_true (hs_graph_view_get_time_range (window->graph_view, &t0, &t1));
  g_assert_cmpint (t1 - t0, <, e1 - e0);
  g_assert_true (hs_graph_view_key_press (window->graph_view, GDK_KEY_0, 0));
  assert_time_range (window, e0, e1);
  g_assert_true (hs_graph_view_key_press (window->graph_view, GDK_KEY_equal, 0));
  g_assert_true (hs_graph_view_key_press (window->graph_view, GDK_KEY_minus, 0));
  g_assert_true (hs_graph_view_key_press (window->graph_view, GDK_KEY_plus, 0));
  g_assert_true (hs_graph_view_key_press (window->graph_view, GDK_KEY_Home, 0));
  assert_time_range (window, e0, e1);
  /* Ctrl+N is the window's */
  g_assert_false (hs_graph_view_key_press (window->graph_view, GDK_KEY_n, GDK_CONTROL_MASK));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->graph_view), "graph.zoom-in", NULL));
  g_assert_true (hs_graph_view_get_time_range (window->graph_view, &t0, &t1));
  g_assert_cmpint (t1 - t0, <, e1 - e0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->graph_view), "graph.zoom-reset", NULL));

  /* a rubber band zooms to what it covers */
  {
    double px, py, pw, ph;
    gint64 b0, b1;

    hs_graph_get_plot_area (graph, width, height, &px, &py, &pw, &ph);
    b0 = hs_graph_x_to_time (graph, width, height, px + pw * 0.25);
    b1 = hs_graph_x_to_time (graph, width, height, px + pw * 0.5);
    hs_graph_view_drag (window->graph_view, px + pw * 0.25, py + ph * 0.2, pw * 0.25, ph * 0.5, TRUE);
    g_assert_true (hs_graph_view_get_time_range (window->graph_view, &t0, &t1));
    g_assert_cmpint (llabs (t0 - b0), <=, (b1 - b0) / 100 + 1000);
    g_assert_cmpint (llabs (t1 - b1), <=, (b1 - b0) / 100 + 1000);
    hs_graph_get_view (graph, &t0, &t1, &v0, &v1);
    g_assert_cmpfloat (v1 - v0, <, w1 - w0);
  }

  /* a new connection is shown whole */
  hs_window_select_stream (window, 1);
  hs_window_select_stream (window, 0);
  graph = hs_graph_view_get_graph (window->graph_view);
  hs_graph_get_extent (graph, &e0, &e1, &w0, &w1);
  assert_time_range (window, e0, e1);

  check_session_time_range (window);

  close_window (window);
}

/* The ticks of the main loop seen while the graph was being built. */
static guint ticks_while_building;

static gboolean
count_tick (gpointer data)
{
  HsWindow *window = data;

  if (hs_graph_view_get_graph (window->graph_view) == NULL)
    ticks_while_building++;
  return G_SOURCE_CONTINUE;
}

static gboolean
graph_built (gpointer data)
{
  HsWindow *window = data;

  return hs_graph_view_get_graph (window->graph_view) != NULL;
}

/* A large connection's graph is built in a worker thread: the main loop
 * runs meanwhile, the previous graph and its time range stay, and the
 * selection is marked. */
void
test_graph_large (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.handshake.Handshake");
  g_autofree char *path = graph_tmp_path ("large.pcap");
  HsTestWriter *w = hs_test_writer_new (path, HS_TEST_PCAP_NSEC, 1, FALSE);
  const guint n_data = 50000;   /* and as many ACKs: 100,003 packets */
  HsTestSegment syn = { "10.0.0.1", "10.0.0.2", 40000, 80, 1000, 0, HS_TCP_SYN, 65535, 0 };
  HsTestSegment syn_ack = { "10.0.0.2", "10.0.0.1", 80, 40000, 5000, 1001,
                            HS_TCP_SYN | HS_TCP_ACK, 65535, 0 };
  HsTestSegment ack = { "10.0.0.1", "10.0.0.2", 40000, 80, 1001, 5001, HS_TCP_ACK, 65535, 0 };
  HsWindow *window;
  guint n = 0, tick;
  gint64 t0, t1;
  double x, y;

  g_settings_reset (settings, "graph-kind");
  g_settings_reset (settings, "graph-direction");

  hs_test_writer_segment (w, T0, &syn);
  hs_test_writer_segment (w, T0 + 10000, &syn_ack);
  hs_test_writer_segment (w, T0 + 20000, &ack);
  for (guint i = 0; i < n_data; i++)
    {
      gint64 t = T0 + 100000 + (gint64)i * 100000;   /* every 100 µs */
      HsTestSegment data = { "10.0.0.1", "10.0.0.2", 40000, 80, 1001 + i * 100, 5001,
                             HS_TCP_ACK | HS_TCP_PSH, 65535, 100 };
      HsTestSegment data_ack = { "10.0.0.2", "10.0.0.1", 80, 40000, 5001, 1001 + (i + 1) * 100,
                                 HS_TCP_ACK, (guint16)(30000 + i % 1000), 0 };

      hs_test_writer_segment (w, t, &data);
      hs_test_writer_segment (w, t + 50000, &data_ack);
    }
  hs_test_writer_close (w);

  window = open_window_on (path, "graphs");
  hs_capture_get_stream_packets (hs_window_get_capture (window), 0, &n);
  g_assert_cmpuint (n, ==, 3 + 2 * n_data);
  spin_until (graph_ready, window, 60000);
  g_assert_cmpint (hs_graph_get_kind (hs_graph_view_get_graph (window->graph_view)), ==,
                   HS_GRAPH_WINDOW);

  /* 1 ms in the middle: 20 packets */
  t0 = frame_time (window, 30003);
  t1 = t0 + 1000000;
  hs_graph_view_set_time_range (window->graph_view, t0, t1);
  assert_time_range (window, t0, t1);

  /* another kind: not built on the main thread, which keeps running */
  ticks_while_building = 0;
  tick = g_idle_add_full (G_PRIORITY_DEFAULT, count_tick, window, NULL);
  hs_graph_view_set_kind (window->graph_view, HS_GRAPH_TCPTRACE);
  g_assert_null (hs_graph_view_get_graph (window->graph_view));
  g_assert_cmpuint (hs_graph_view_get_graph_directions (window->graph_view), ==, 0);
  /* the previous graph is still shown, and so is its time range */
  assert_time_range (window, t0, t1);
  /* a packet selected meanwhile is marked */
  hs_window_select_index (window, 30005);
  g_assert_cmpuint (hs_graph_view_get_selected_index (window->graph_view), ==, 30005);
  g_assert_cmpuint (hs_graph_view_get_selected_pos (window->graph_view), ==,
                    stream_pos (window, 30005));
  spin_until (graph_built, window, 60000);
  g_source_remove (tick);
  g_assert_cmpuint (ticks_while_building, >, 0);
  g_assert_cmpint (hs_graph_get_kind (hs_graph_view_get_graph (window->graph_view)), ==,
                   HS_GRAPH_TCPTRACE);
  g_assert_cmpint (hs_graph_view_get_graph_directions (window->graph_view), ==, HS_GRAPH_DIR_0);
  assert_time_range (window, t0, t1);
  g_assert_cmpuint (hs_graph_view_get_selected_pos (window->graph_view), ==,
                    stream_pos (window, 30005));

  /* a newer build replaces one still running: its graph is never shown */
  hs_graph_view_set_kind (window->graph_view, HS_GRAPH_STEVENS);
  g_assert_null (hs_graph_view_get_graph (window->graph_view));
  hs_graph_view_set_kind (window->graph_view, HS_GRAPH_WINDOW);
  spin_until (graph_built, window, 60000);
  g_assert_cmpint (hs_graph_get_kind (hs_graph_view_get_graph (window->graph_view)), ==,
                   HS_GRAPH_WINDOW);
  spin_frames (5);
  g_assert_cmpint (hs_graph_get_kind (hs_graph_view_get_graph (window->graph_view)), ==,
                   HS_GRAPH_WINDOW);
  assert_time_range (window, t0, t1);

  /* a click on a mark of the new graph selects its packet */
  spin_frames (2);
  window_mark (window, 30008, &x, &y);
  hs_graph_view_click_at (window->graph_view, x, y);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, 30008);

  /* closed while a graph is being built */
  hs_graph_view_set_kind (window->graph_view, HS_GRAPH_THROUGHPUT);
  g_assert_null (hs_graph_view_get_graph (window->graph_view));
  close_window (window);
  g_settings_reset (settings, "graph-kind");
  g_unlink (path);
}

/* The share of the pixels of row `y` of a widget's rendering, between x0
 * and x1, that differ from the pixel at its top left corner. */
static double
row_coverage (GtkWidget *widget,
              int        y,
              int        x0,
              int        x1)
{
  int w, h;
  g_autofree guchar *px = render_widget (widget, &w, &h);
  guint32 background = *(guint32 *)px;
  guint differ = 0;

  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (y, <, h);
  g_assert_cmpint (x1, <=, w);
  for (int x = x0; x < x1; x++)
    {
      if (*(guint32 *)(px + ((gsize)y * w + x) * 4) != background)
        differ++;
    }
  return (double)differ / (x1 - x0);
}

/* A connection caught in the middle: no handshake, so the window scale is
 * unknown and the graph says so above the plot. */
void
test_graph_warning (void)
{
  g_autofree char *path = graph_tmp_path ("no-handshake.pcap");
  HsTestWriter *w = hs_test_writer_new (path, HS_TEST_PCAP_USEC, 1, FALSE);
  HsWindow *window;
  const char *warning;

  for (guint i = 0; i < 20; i++)
    {
      HsTestSegment data = { "10.0.0.1", "10.0.0.2", 40000, 80, 1000 + i * 100, 5000,
                             HS_TCP_ACK | HS_TCP_PSH, 502, 100 };
      HsTestSegment ack = { "10.0.0.2", "10.0.0.1", 80, 40000, 5000, 1100 + i * 100,
                            HS_TCP_ACK, 501, 0 };
      g_autoptr(GByteArray) f1 = hs_test_build_frame (&data);
      g_autoptr(GByteArray) f2 = hs_test_build_frame (&ack);

      hs_test_writer_packet (w, 0, T0 + i * G_GINT64_CONSTANT (20000000), f1->data, f1->len, f1->len);
      hs_test_writer_packet (w, 0, T0 + i * G_GINT64_CONSTANT (20000000) + 10000000, f2->data,
                             f2->len, f2->len);
    }
  hs_test_writer_close (w);

  window = open_graphs_on (path);
  warning = hs_graph_view_get_warning (window->graph_view);
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "handshake"));
  /* on screen, in a band above the plot, whole in its tooltip */
  spin_frames (2);
  {
    GtkWidget *canvas = hs_graph_view_get_canvas (window->graph_view);
    HsGraph *graph = hs_graph_view_get_graph (window->graph_view);
    double width, height, px, py, pw, ph, wx, wy, ww, wh;
    g_autofree char *tooltip = NULL;
    g_autofree char *legend_tooltip = NULL;

    graph_size (window, &width, &height);
    hs_graph_get_plot_area (graph, width, height, &px, &py, &pw, &ph);
    g_assert_true (hs_graph_get_warning_area (graph, width, height, &wx, &wy, &ww, &wh));
    g_assert_cmpfloat (wy + wh, <, py);
    g_assert_cmpfloat (wh, >=, 20);
    g_assert_cmpfloat (row_coverage (canvas, (int)(wy + wh / 2), (int)wx + 40, (int)(wx + ww) - 40),
                       >, 0.8);
    tooltip = hs_graph_view_dup_tooltip (window->graph_view, wx + ww / 2, wy + wh / 2);
    g_assert_cmpstr (tooltip, ==, warning);
    /* not over the legend, between the band and the plot */
    legend_tooltip = hs_graph_view_dup_tooltip (window->graph_view, wx + ww / 2,
                                                (wy + wh + py) / 2);
    g_assert_null (legend_tooltip);
  }

  /* the sample has its handshake: no warning */
  {
    g_autofree char *sample = sample_path ();
    g_autoptr(GFile) file = g_file_new_for_path (sample);

    hs_window_open_file (window, file);
    spin_until (not_loading, window, 20000);
    spin_until (graph_ready, window, 5000);
    g_assert_null (hs_graph_view_get_warning (window->graph_view));
  }
  close_window (window);
  g_unlink (path);
}

/* The graph view's minimum width before its toolbar could wrap: 510 px
 * with the window graph's controls (574 for tcptrace, 662 for throughput). */
#define GRAPH_VIEW_MIN_WIDTH 510

static gboolean
is_drop_down_with_first (GtkWidget     *widget,
                         gconstpointer  data)
{
  GListModel *model;

  if (!GTK_IS_DROP_DOWN (widget))
    return FALSE;
  model = gtk_drop_down_get_model (GTK_DROP_DOWN (widget));
  return GTK_IS_STRING_LIST (model) && g_list_model_get_n_items (model) > 0 &&
         g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), data);
}

static guint
string_list_find (GtkStringList *list,
                  const char    *text)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      if (g_strcmp0 (gtk_string_list_get_string (list, i), text) == 0)
        return i;
    }
  return G_MAXUINT;
}

/* The throughput's averaging window: by default the one that fits the
 * connection, shown in the dropdown; windows below 10 ms can be chosen,
 * and a choice is remembered. */
void
test_graph_average (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.handshake.Handshake");
  HsWindow *window;
  HsGraph *graph;
  GtkDropDown *dropdown;
  GtkStringList *list;
  g_autofree char *automatic = NULL;
  gint64 fitted;
  guint i;

  g_settings_reset (settings, "graph-average-window");
  g_settings_set_string (settings, "graph-kind", "throughput");
  window = open_graphs ();
  graph = hs_graph_view_get_graph (window->graph_view);
  g_assert_cmpint (hs_graph_get_kind (graph), ==, HS_GRAPH_THROUGHPUT);

  /* a 50th of the sample's 3.09 s at most, not a second */
  fitted = hs_graph_get_average_window (graph);
  g_assert_cmpint (fitted, <=, G_GINT64_CONSTANT (3092490000) / 20);
  g_assert_cmpfloat (hs_graph_view_get_average_window (window->graph_view), ==, 0);
  g_assert_cmpfloat (g_settings_get_double (settings, "graph-average-window"), ==, 0);

  /* "Auto (100 ms)" first, chosen */
  dropdown = GTK_DROP_DOWN (find_widget (GTK_WIDGET (window->graph_view), is_drop_down_with_first,
                                         "Auto"));
  g_assert_nonnull (dropdown);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (dropdown)));
  list = GTK_STRING_LIST (gtk_drop_down_get_model (dropdown));
  if (fitted < 1000000)
    automatic = g_strdup_printf ("Auto (%.0f µs)", fitted / 1e3);
  else if (fitted < 1000000000)
    automatic = g_strdup_printf ("Auto (%.0f ms)", fitted / 1e6);
  else
    automatic = g_strdup_printf ("Auto (%.0f s)", fitted / 1e9);
  g_assert_cmpstr (gtk_string_list_get_string (list, 0), ==, automatic);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);

  /* the shortest windows are there */
  g_assert_cmpuint (string_list_find (list, "100 µs"), !=, G_MAXUINT);
  g_assert_cmpuint (string_list_find (list, "1 ms"), !=, G_MAXUINT);
  i = string_list_find (list, "500 µs");
  g_assert_cmpuint (i, !=, G_MAXUINT);
  gtk_drop_down_set_selected (dropdown, i);
  g_assert_cmpfloat_with_epsilon (hs_graph_view_get_average_window (window->graph_view), 0.0005,
                                  1e-12);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "graph-average-window"), 0.0005,
                                  1e-12);
  g_assert_cmpint (hs_graph_get_average_window (hs_graph_view_get_graph (window->graph_view)), ==,
                   500000);

  /* a window set in the settings that is none of the choices is shown */
  g_settings_set_double (settings, "graph-average-window", 0.0033);
  i = string_list_find (list, "3.3 ms");
  g_assert_cmpuint (i, !=, G_MAXUINT);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, i);
  g_assert_cmpint (hs_graph_get_average_window (hs_graph_view_get_graph (window->graph_view)), ==,
                   3300000);

  /* and back to the one that fits */
  g_settings_reset (settings, "graph-average-window");
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  g_assert_cmpuint (string_list_find (list, "3.3 ms"), ==, G_MAXUINT);
  g_assert_cmpint (hs_graph_get_average_window (hs_graph_view_get_graph (window->graph_view)), ==,
                   fitted);

  g_settings_reset (settings, "graph-kind");
  close_window (window);
}

static gboolean
rects_overlap (const graphene_rect_t *a,
               const graphene_rect_t *b)
{
  graphene_rect_t both;

  return graphene_rect_intersection (a, b, &both) && both.size.width > 0.5 &&
         both.size.height > 0.5;
}

static gboolean
is_label_starting (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), data);
}

/* Every text of the graph view fits and none covers another: the labels of
 * the toolbar (which wraps when narrow) and of the line under the graph,
 * the readout beside the hint, with the pointer on the graph. */
static void
check_graph_texts (HsWindow *window)
{
  GtkWidget *view = GTK_WIDGET (window->graph_view);
  GtkWidget *canvas = hs_graph_view_get_canvas (window->graph_view);
  GtkWidget *toolbar = gtk_widget_get_parent (find_widget (view, is_drop_down_with_first, ""));
  GtkWidget *hint = find_widget (view, is_label_starting, "Click a mark");
  GtkWidget *readout;
  graphene_rect_t canvas_bounds = bounds_in (canvas, view);
  graphene_rect_t toolbar_bounds = bounds_in (toolbar, view);
  double x, y;

  graph_plot_center (window, &x, &y);
  hs_graph_view_pointer_at (window->graph_view, x, y);
  spin_frames (3);
  g_assert_nonnull (hs_graph_view_get_readout (window->graph_view));
  readout = find_widget (view, shows_text, hs_graph_view_get_readout (window->graph_view));
  g_assert_nonnull (readout);
  g_assert_nonnull (hint);

  check_labels_fit (view, view);

  /* the toolbar's controls side by side or in rows, none over another */
  for (GtkWidget *a = gtk_widget_get_first_child (toolbar); a != NULL;
       a = gtk_widget_get_next_sibling (a))
    {
      graphene_rect_t ra;

      if (!gtk_widget_get_mapped (a))
        continue;
      ra = bounds_in (a, view);
      g_assert_true (graphene_rect_contains_rect (&toolbar_bounds, &ra));
      for (GtkWidget *b = gtk_widget_get_next_sibling (a); b != NULL;
           b = gtk_widget_get_next_sibling (b))
        {
          graphene_rect_t rb;

          if (!gtk_widget_get_mapped (b))
            continue;
          rb = bounds_in (b, view);
          g_assert_false (rects_overlap (&ra, &rb));
        }
    }
  g_assert_false (rects_overlap (&toolbar_bounds, &canvas_bounds));

  /* the readout in its own place, beside the hint, under the graph */
  {
    graphene_rect_t rr = bounds_in (readout, view);
    graphene_rect_t rh = bounds_in (hint, view);

    g_assert_false (rects_overlap (&rr, &rh));
    g_assert_false (rects_overlap (&rr, &canvas_bounds));
    g_assert_false (rects_overlap (&rh, &canvas_bounds));
  }
}

/* A window `width` wide (the sidebar shown or folded) on the graphs of
 * the sample. */
static HsWindow *
open_graphs_sized (int      width,
                   gboolean sidebar)
{
  g_autofree char *path = sample_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  HsWindow *window = hs_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), width, 800);
  g_action_group_change_action_state (G_ACTION_GROUP (window), "show-sidebar",
                                      g_variant_new_boolean (sidebar));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "graphs"));
  hs_window_open_file (window, file);
  spin_until (not_loading, window, 20000);
  spin_until (graph_ready, window, 5000);
  /* a narrow window folds the sidebar over the views: away with it */
  if (!sidebar)
    adw_flap_set_reveal_flap (window->sidebar_flap, FALSE);
  spin_frames (2);
  return window;
}

/* Nothing of the graph view is cut short or covered, at the default
 * 1280 x 800 and at half a 1366-pixel screen with the sidebar folded, for
 * every graph, zoomed out and far in. */
void
test_graph_texts (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.handshake.Handshake");
  static const struct { int width; gboolean sidebar; } sizes[] = { { 1280, TRUE }, { 683, FALSE } };

  g_settings_reset (settings, "graph-kind");
  g_settings_reset (settings, "graph-direction");
  g_settings_reset (settings, "graph-average-window");

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      HsWindow *window = open_graphs_sized (sizes[s].width, sizes[s].sidebar);
      int min_width, nat_width;

      g_test_message ("window %d px wide, graph view %d px", gtk_widget_get_width (GTK_WIDGET (window)),
                      gtk_widget_get_width (GTK_WIDGET (window->graph_view)));
      g_assert_cmpint (adw_flap_get_folded (window->sidebar_flap), !=, sizes[s].sidebar);
      g_assert_cmpint (adw_flap_get_reveal_flap (window->sidebar_flap), ==, sizes[s].sidebar);

      for (guint k = 0; k < HS_GRAPH_N_KINDS; k++)
        for (guint d = 0; d < 3; d++)
          {
            g_test_message ("kind %s, direction %u", hs_graph_kind_to_name (k), d);
            hs_graph_view_set_kind (window->graph_view, k);
            hs_graph_view_set_direction (window->graph_view, d);
            gtk_widget_activate_action (GTK_WIDGET (window->graph_view), "graph.zoom-reset", NULL);
            spin_frames (2);
            check_graph_texts (window);

            /* far in: the readout at its longest */
            for (guint i = 0; i < 12; i++)
              gtk_widget_activate_action (GTK_WIDGET (window->graph_view), "graph.zoom-in", NULL);
            spin_frames (2);
            check_graph_texts (window);
          }

      /* the graph view asks for no more width than it did */
      gtk_widget_measure (GTK_WIDGET (window->graph_view), GTK_ORIENTATION_HORIZONTAL, -1,
                          &min_width, &nat_width, NULL, NULL);
      g_test_message ("graph view: minimum width %d", min_width);
      g_assert_cmpint (min_width, <=, GRAPH_VIEW_MIN_WIDTH);

      hs_graph_view_set_kind (window->graph_view, HS_GRAPH_WINDOW);
      hs_graph_view_set_direction (window->graph_view, HS_GRAPH_VIEW_BOTH);
      close_window (window);
    }
  g_settings_reset (settings, "graph-kind");
  g_settings_reset (settings, "graph-direction");
}
