/* test-window-keys.c
 *
 * The keys of the views, and the tooltips of popups.
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-window-util.h"

/* Tooltips of popups ----------------------------------------------------------- */

static GtkWidget *
popup_of (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget))
    return GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_POPOVER (child))
        return child;
    }
  return NULL;
}

/* The mapped dropdowns and menu buttons under `widget` that have a tooltip */
static void
collect_popup_buttons (GtkWidget *widget,
                       GPtrArray *found)
{
  if ((GTK_IS_DROP_DOWN (widget) || GTK_IS_MENU_BUTTON (widget)) &&
      gtk_widget_get_mapped (widget) && gtk_widget_get_tooltip_text (widget) != NULL)
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_popup_buttons (child, found);
}

static gboolean
popup_closed (gpointer data)
{
  return !gtk_widget_get_visible (popup_of (data));
}

/* A dropdown's (or a menu button's) tooltip stayed over its open list and
 * hid the first items: while the popover is open, there is none. */
void
test_popup_tooltips (void)
{
  g_autofree char *path = sample_path ();
  HsWindow *window = open_window_on (path, "ladder");
  const char *views[] = { "ladder", "packets", "graphs" };
  g_autoptr(GHashTable) tested = g_hash_table_new (NULL, NULL);
  guint n_dropdowns = 0;

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", views[v]));
      spin_frames (2);
      collect_popup_buttons (GTK_WIDGET (window), buttons);
      for (guint i = 0; i < buttons->len; i++)
        {
          GtkWidget *button = g_ptr_array_index (buttons, i);
          GtkWidget *popup = popup_of (button);
          g_autofree char *tooltip = g_strdup (gtk_widget_get_tooltip_text (button));

          if (!g_hash_table_add (tested, button))
            continue;
          g_assert_nonnull (popup);
          n_dropdowns += GTK_IS_DROP_DOWN (button);
          g_assert_true (gtk_widget_get_has_tooltip (button));
          gtk_popover_popup (GTK_POPOVER (popup));
          g_assert_true (gtk_widget_get_visible (popup));
          /* GTK asks no widget without has-tooltip for a tooltip */
          g_assert_false (gtk_widget_get_has_tooltip (button));
          gtk_popover_popdown (GTK_POPOVER (popup));
          spin_until (popup_closed, button, 5000);
          g_assert_true (gtk_widget_get_has_tooltip (button));
          g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, tooltip);
        }
    }
  /* the sidebar's sort, the packet list's kind, the graph's kind; the
   * packet list's legend and the main menu */
  g_assert_true (g_hash_table_contains (tested, window->sort_dropdown));
  g_assert_cmpuint (n_dropdowns, >=, 3);
  g_assert_cmpuint (g_hash_table_size (tested), >=, 5);

  close_window (window);
}

/* Keyboard ------------------------------------------------------------------ */

static guint
stream_packet (HsWindow *window,
               guint     stream,
               int       pos)
{
  guint n = 0;
  const guint32 *packets = hs_capture_get_stream_packets (hs_window_get_capture (window), stream, &n);

  return packets[pos >= 0 ? (guint)pos : n + pos];
}

/* The first anomaly of stream 0 after packet `index` */
static guint
next_anomaly (HsWindow *window,
              guint     index)
{
  HsCapture *capture = hs_window_get_capture (window);
  guint n = 0;
  const guint32 *packets = hs_capture_get_stream_packets (capture, 0, &n);

  for (guint i = 0; i < n; i++)
    {
      if (packets[i] > index && hs_packet_record_is_anomaly (hs_capture_get_record (capture, packets[i])))
        return packets[i];
    }
  g_assert_not_reached ();
}

static gboolean
ladder_has_focus (gpointer data)
{
  HsWindow *window = data;

  return focus_in (window, hs_ladder_view_get_canvas (window->ladder_view));
}

static gboolean
graph_has_focus (gpointer data)
{
  HsWindow *window = data;

  return graph_ready (window) && focus_in (window, hs_graph_view_get_canvas (window->graph_view));
}

/* The focus is on the row of the selected packet */
static gboolean
selected_row_has_focus (gpointer data)
{
  HsWindow *window = data;
  GtkColumnView *view = GTK_COLUMN_VIEW (gtk_widget_get_parent (packet_rows (window)));
  guint position = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (gtk_column_view_get_model (view)));
  GtkWidget *row = hs_packet_list_get_row_widget (window->packet_list, position);

  return row != NULL && focus_in (window, row);
}

static gboolean
stream_is_zero (gpointer data)
{
  return hs_window_get_stream (data) == 0;
}

/* n and p, + and -, 0, Home and End act on the view shown from the moment
 * a capture is open, after Alt+1/2/3 and after a connection is chosen in
 * the sidebar, without a click on the view first; text typed in the
 * search entry stays there. */
void
test_keyboard_views (void)
{
  g_autofree char *path = tmp_path ("keyboard.pcap");
  HsLadderView *ladder;
  HsWindow *window;
  gint64 t0, t1, z0, z1;
  guint selected;

  write_long_connection (path, LONG_CONNECTION (200));
  window = open_window_on (path, "ladder");
  ladder = window->ladder_view;
  spin_until (canvas_ready, window, 5000);
  g_assert_cmpuint (hs_window_get_stream (window), ==, 0);

  /* the ladder, as opened */
  g_assert_true (ladder_has_focus (window));
  press_key (window, 0, XK_End);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, stream_packet (window, 0, -1));
  press_key (window, 0, XK_Home);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, stream_packet (window, 0, 0));
  press_key (window, 0, XK_n);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, next_anomaly (window, 0));
  press_key (window, 0, XK_n);
  selected = hs_window_get_selected_index (window);
  g_assert_cmpuint (selected, ==, next_anomaly (window, next_anomaly (window, 0)));
  press_key (window, 0, XK_p);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, next_anomaly (window, 0));
  press_key (window, 0, XK_KP_Add);
  g_assert_cmpfloat_with_epsilon (hs_ladder_view_get_zoom (ladder), 1.25, 1e-9);
  press_key (window, 0, XK_minus);
  press_key (window, 0, XK_minus);
  g_assert_cmpfloat_with_epsilon (hs_ladder_view_get_zoom (ladder), 0.8, 1e-9);
  press_key (window, 0, XK_0);
  g_assert_cmpfloat_with_epsilon (hs_ladder_view_get_zoom (ladder), 1.0, 1e-9);

  /* Alt+2: the packet list, its selected row focused */
  press_key (window, XK_Alt_L, XK_2);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "packets");
  spin_until (selected_row_has_focus, window, 5000);
  press_key (window, 0, XK_n);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==,
                    next_anomaly (window, next_anomaly (window, 0)));
  press_key (window, 0, XK_End);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, stream_packet (window, 0, -1));
  spin_until (selected_row_has_focus, window, 5000);
  /* the list's own keys go on from the row selected */
  press_key (window, 0, XK_Up);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, stream_packet (window, 0, -2));
  press_key (window, 0, XK_Home);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, stream_packet (window, 0, 0));
  press_key (window, 0, XK_n);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, next_anomaly (window, 0));

  /* Alt+3: the graph */
  press_key (window, XK_Alt_L, XK_3);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "graphs");
  spin_until (graph_has_focus, window, 5000);
  g_assert_true (hs_graph_view_get_time_range (window->graph_view, &t0, &t1));
  press_key (window, 0, XK_KP_Add);
  g_assert_true (hs_graph_view_get_time_range (window->graph_view, &z0, &z1));
  g_assert_cmpint (z1 - z0, <, (t1 - t0) * 9 / 10);
  press_key (window, 0, XK_0);
  g_assert_true (hs_graph_view_get_time_range (window->graph_view, &z0, &z1));
  g_assert_cmpint (z1 - z0, ==, t1 - t0);
  press_key (window, 0, XK_n);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==,
                    next_anomaly (window, next_anomaly (window, 0)));

  /* a connection clicked in the sidebar: the keys are the view's again */
  click_connection (window, 1);
  spin_until (stream_is_one, window, 5000);
  spin_until (graph_has_focus, window, 5000);
  press_key (window, XK_Alt_L, XK_1);
  spin_until (ladder_has_focus, window, 5000);
  click_connection (window, 0);
  spin_until (stream_is_zero, window, 5000);
  spin_until (ladder_has_focus, window, 5000);
  press_key (window, 0, XK_End);
  g_assert_cmpuint (hs_window_get_stream (window), ==, 0);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, stream_packet (window, 0, -1));

  /* what is typed in the search entry is the entry's */
  selected = hs_window_get_selected_index (window);
  gtk_widget_grab_focus (GTK_WIDGET (window->connection_search));
  press_key (window, 0, XK_Home);
  press_key (window, 0, XK_n);
  press_key (window, 0, XK_p);
  press_key (window, 0, XK_0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (window->connection_search)), ==, "np0");
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, selected);
  g_assert_cmpfloat_with_epsilon (hs_ladder_view_get_zoom (ladder), 1.0, 1e-9);
  gtk_editable_set_text (GTK_EDITABLE (window->connection_search), "");

  close_window (window);
  g_unlink (path);
}
