/* test-window-ladder.c
 *
 * The ladder view in the window: clicks, keys, selection, time-true,
 * narrow windows.
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hs-ladder-view-private.h"
#include "test-window-util.h"

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

void
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

/* Time-true on the sample: a click on a bundle selects its first packet,
 * which is then drawn in full (its own arrow and label) in the bundle's
 * row; Down walks the bundle's packets; the view zooms by building the
 * bundles again, and nothing overlaps. */
void
test_ladder_time_true (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.handshake.Handshake");
  HsWindow *window = open_ladder ();
  HsLadderView *ladder = window->ladder_view;
  HsLadderLayout *layout;
  const HsLadderRow *r = NULL;
  double x0, y0, x1, y1, cx, cy;
  guint row, first, n_rows;

  g_settings_set_string (settings, "ladder-mode", "time-true");
  g_assert_cmpint (hs_ladder_view_get_mode (ladder), ==, HS_LADDER_TIME_TRUE);
  layout = hs_ladder_view_get_layout (ladder);
  g_assert_cmpint (hs_ladder_layout_get_mode (layout), ==, HS_LADDER_TIME_TRUE);
  spin_frames (2);

  /* the first bundle */
  for (row = 0; row < hs_ladder_layout_get_n_rows (layout); row++)
    {
      r = hs_ladder_layout_get_row (layout, row);
      if (r->kind == HS_LADDER_ROW_BUNDLE)
        break;
    }
  g_assert_cmpuint (row, <, hs_ladder_layout_get_n_rows (layout));
  g_assert_cmpuint (r->n, >=, 2);
  first = r->first;

  hs_ladder_layout_get_arrow (layout, row, &x0, &y0, &x1, &y1);
  hs_ladder_view_layout_to_canvas (ladder, (x0 + x1) / 2, (y0 + y1) / 2, &cx, &cy);
  hs_ladder_view_click_at (ladder, cx, cy);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==,
                    hs_ladder_layout_get_frame (layout, first));

  /* Down: the next packet, in the same row */
  gtk_widget_grab_focus (hs_ladder_view_get_canvas (ladder));
  g_assert_true (hs_ladder_view_key_press (ladder, GDK_KEY_Down, 0));
  g_assert_cmpuint (hs_window_get_selected_index (window), ==,
                    hs_ladder_layout_get_frame (layout, first + 1));
  g_assert_cmpuint (hs_ladder_layout_row_for_pos (layout, first + 1), ==, row);
  {
    GArray *items = g_array_new (FALSE, FALSE, sizeof (HsLadderItem));
    cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_t *cr = cairo_create (surface);
    HsLadderViewport viewport;
    gboolean arrow = FALSE, label = FALSE;

    hs_ladder_viewport_init (&viewport);
    viewport.height = hs_ladder_layout_get_height (layout);
    viewport.selected_pos = first + 1;
    _hs_ladder_paint_items (cr, layout, hs_palette_get (HS_PALETTE_LIGHT), &viewport, items);
    for (guint i = 0; i < items->len; i++)
      {
        const HsLadderItem *item = &g_array_index (items, HsLadderItem, i);

        arrow |= item->kind == HS_LADDER_ITEM_ARROW && item->pos == first + 1;
        label |= item->kind == HS_LADDER_ITEM_LABEL && item->pos == first + 1;
      }
    g_assert_true (arrow);
    g_assert_true (label);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
    g_array_unref (items);
  }

  /* zooming in draws the packets further apart, past packet order's
   * zoom, until every packet has a row of its own; the selected packet
   * kept */
  n_rows = hs_ladder_layout_get_n_rows (layout);
  for (guint k = 0; k < 100; k++)
    {
      double zoom = hs_ladder_view_get_zoom (ladder);

      gtk_widget_activate_action (GTK_WIDGET (ladder), "ladder.zoom-in", NULL);
      if (hs_ladder_view_get_zoom (ladder) == zoom)
        break;
    }
  g_assert_true (hs_ladder_view_get_layout (ladder) == layout);
  g_assert_cmpfloat (hs_ladder_view_get_zoom (ladder), >, HS_LADDER_MAX_ZOOM);
  g_assert_cmpfloat (hs_ladder_view_get_zoom (ladder), ==, hs_ladder_layout_get_max_zoom (layout));
  g_assert_cmpuint (hs_ladder_layout_get_n_rows (layout), >, n_rows);
  for (row = 0; row < hs_ladder_layout_get_n_rows (layout); row++)
    g_assert_cmpuint (hs_ladder_layout_get_row (layout, row)->kind, !=, HS_LADDER_ROW_BUNDLE);
  g_assert_cmpuint (hs_ladder_view_get_selected_index (ladder), ==,
                    hs_ladder_layout_get_frame (layout, first + 1));
  spin_frames (2);

  /* packet order zooms as far as it goes, and time-true comes back */
  g_settings_set_string (settings, "ladder-mode", "packet-order");
  g_assert_cmpfloat (hs_ladder_view_get_zoom (ladder), ==, HS_LADDER_MAX_ZOOM);
  g_settings_set_string (settings, "ladder-mode", "time-true");
  g_assert_cmpfloat (hs_ladder_view_get_zoom (ladder), ==, hs_ladder_layout_get_max_zoom (layout));
  hs_ladder_view_set_zoom (ladder, 1.0);

  g_settings_reset (settings, "ladder-mode");
  close_window (window);
}

/* The window has about the width asked for, and the ladder's layout the
 * canvas's. */
typedef struct
{
  HsWindow *window;
  int       width;
} WindowWidth;

static gboolean
window_width_settled (gpointer data)
{
  WindowWidth *w = data;
  GtkWidget *canvas = hs_ladder_view_get_canvas (w->window->ladder_view);
  HsLadderLayout *layout = hs_ladder_view_get_layout (w->window->ladder_view);

  /* (within the width the window's header bar needs at the least) */
  return ABS (gtk_widget_get_width (GTK_WIDGET (w->window)) - w->width) <= 40 &&
         layout != NULL && gtk_widget_get_width (canvas) > 0 &&
         hs_ladder_layout_get_columns (layout)->width ==
         MAX (gtk_widget_get_width (canvas), HS_LADDER_MIN_WIDTH);
}

/* Every badge of the ladder as the canvas draws it: whole, and inside the
 * part of the canvas on screen. */
static void
assert_badges_whole (HsWindow *window)
{
  HsLadderLayout *layout = hs_ladder_view_get_layout (window->ladder_view);
  GtkWidget *canvas = hs_ladder_view_get_canvas (window->ladder_view);
  GArray *items = g_array_new (FALSE, FALSE, sizeof (HsLadderItem));
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  HsLadderViewport viewport;
  guint n_badges = 0;

  hs_ladder_viewport_init (&viewport);
  viewport.height = hs_ladder_layout_get_height (layout);
  _hs_ladder_paint_items (cr, layout, hs_palette_get (HS_PALETTE_LIGHT), &viewport, items);
  for (guint i = 0; i < items->len; i++)
    {
      const HsLadderItem *item = &g_array_index (items, HsLadderItem, i);

      if (item->kind != HS_LADDER_ITEM_BADGE)
        continue;
      g_test_message ("canvas %d px: #%u %s, %.0f..%.0f", gtk_widget_get_width (canvas),
                      item->pos + 1, hs_ladder_layout_get_badge (layout, item->pos), item->x0,
                      item->x1);
      g_assert_false (item->ellipsized);
      g_assert_cmpfloat (item->x1, <=, gtk_widget_get_width (canvas));
      n_badges++;
    }
  /* the sample's lost segment, dup ACKs, retransmission and window problems */
  g_assert_cmpuint (n_badges, >=, 10);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_array_unref (items);
}

/* At the default window size (1280x800) and tiled on half of a 1366-pixel
 * screen with the sidebar folded: the ladder fits the canvas (nothing to
 * scroll sideways) and shows every badge whole. */
void
test_ladder_narrow (void)
{
  HsWindow *window = open_ladder ();
  GtkWidget *canvas = hs_ladder_view_get_canvas (window->ladder_view);
  WindowWidth w = { window, 1280 };
  GtkAdjustment *hadjustment;
  HsLadderLayout *layout;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  spin_until (window_width_settled, &w, 5000);
  spin_frames (2);
  g_assert_cmpint (gtk_widget_get_width (canvas), >=, 900);
  assert_badges_whole (window);

  /* the sidebar folds over the views at this width, and away */
  w.width = 683;
  gtk_window_set_default_size (GTK_WINDOW (window), 683, 800);
  spin_until (window_width_settled, &w, 5000);
  g_assert_true (adw_flap_get_folded (window->sidebar_flap));
  adw_flap_set_reveal_flap (window->sidebar_flap, FALSE);
  spin_frames (2);
  g_test_message ("window %d px, canvas %d px", gtk_widget_get_width (GTK_WIDGET (window)),
                  gtk_widget_get_width (canvas));
  g_assert_cmpint (gtk_widget_get_width (canvas), <=, 700);
  layout = hs_ladder_view_get_layout (window->ladder_view);
  g_assert_cmpfloat (hs_ladder_layout_get_columns (layout)->width, ==,
                     gtk_widget_get_width (canvas));
  hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (canvas));
  g_assert_cmpfloat (gtk_adjustment_get_upper (hadjustment), <=,
                     gtk_adjustment_get_page_size (hadjustment));
  assert_badges_whole (window);

  close_window (window);
}

void
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

void
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
  hs_session_select_index (window->session, last);
  g_assert_cmpuint (hs_ladder_view_get_selected_index (window->ladder_view), ==, last);
  g_assert_cmpfloat (hs_ladder_view_get_scroll_y (window->ladder_view), >, 0);
  g_assert_true (pos_on_screen (window, hs_ladder_layout_get_n_packets (layout) - 1));

  /* and back to the first */
  hs_session_select_index (window->session, 0);
  g_assert_cmpuint (hs_ladder_view_get_selected_index (window->ladder_view), ==, 0);
  g_assert_true (pos_on_screen (window, 0));

  /* a packet of the other connection, in the all-packets list: the ladder
   * shows that connection */
  g_object_set (window->packet_list, "show-all", TRUE, NULL);
  hs_session_select_index (window->session, 42);
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

void
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

/* The ladder's toolbar wraps onto a second row in a narrow window
 * rather than cut its buttons' labels short. */
void
test_ladder_toolbar_fits (void)
{
  static const int widths[] = { 1280, 683 };

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      HsWindow *window = open_ladder ();
      WindowWidth w = { window, widths[i] };

      gtk_window_set_default_size (GTK_WINDOW (window), widths[i], 800);
      spin_until (window_width_settled, &w, 5000);
      if (adw_flap_get_folded (window->sidebar_flap))
        adw_flap_set_reveal_flap (window->sidebar_flap, FALSE);
      spin_frames (2);
      g_test_message ("window %d px", gtk_widget_get_width (GTK_WIDGET (window)));
      check_labels_fit (GTK_WIDGET (window->ladder_view), GTK_WIDGET (window->ladder_view));
      close_window (window);
    }
}

/* The capture time of a position of the connection shown. */
static gint64
pos_time (HsWindow       *window,
          HsLadderLayout *layout,
          guint           pos)
{
  guint frame = hs_ladder_layout_get_frame (layout, pos);

  return hs_capture_get_record (hs_window_get_capture (window), frame)->ts_ns;
}

/* The session's time range is the capture times of the ladder's visible
 * rows, from the first packet on screen to the last. */
static gboolean
range_is_visible_rows (gpointer data)
{
  HsWindow *window = data;
  HsLadderLayout *layout = hs_ladder_view_get_layout (window->ladder_view);
  guint first, last;
  gint64 start, end;

  return hs_ladder_view_get_visible_range (window->ladder_view, &first, &last) &&
         hs_session_get_time_range (window->session, &start, &end) &&
         start == pos_time (window, layout, first) && end == pos_time (window, layout, last);
}

void
test_ladder_time_range (void)
{
  HsWindow *window = open_ladder ();
  HsLadderView *ladder = window->ladder_view;
  HsLadderLayout *layout = hs_ladder_view_get_layout (ladder);
  GtkAdjustment *vadjustment =
    gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (hs_ladder_view_get_canvas (ladder)));
  guint n = hs_ladder_layout_get_n_packets (layout);
  guint first, last, target, row;
  gint64 start, end, span, outside_start, outside_end;
  double hidden_scroll_y;

  /* the user scrolls: the session's range follows the visible rows */
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment) / 4);
  spin_until (range_is_visible_rows, window, 5000);
  g_assert_true (hs_ladder_view_get_visible_range (ladder, &first, &last));
  g_assert_cmpuint (first, >, 0);
  g_assert_true (hs_session_get_time_range (window->session, &start, &end));
  g_assert_cmpint (start, <=, pos_time (window, layout, first));
  g_assert_cmpint (end, >=, pos_time (window, layout, last));
  span = end - start;

  /* and zooms in: fewer rows, a shorter range */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ladder), "ladder.zoom-in", NULL));
  spin_frames (2);
  spin_until (range_is_visible_rows, window, 5000);
  g_assert_true (hs_session_get_time_range (window->session, &start, &end));
  g_assert_cmpint (end - start, <, span);

  /* another view sets a range while the ladder is hidden: the ladder goes
   * to it when shown, the first packet at or after its start at the top */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "packets"));
  spin_frames (3);
  g_assert_false (gtk_widget_get_mapped (hs_ladder_view_get_canvas (ladder)));
  target = n / 2;
  outside_start = pos_time (window, layout, target - 1) + 1;
  outside_end = pos_time (window, layout, target) + 1000000;
  while (pos_time (window, layout, target) < outside_start)
    target++;
  hidden_scroll_y = hs_ladder_view_get_scroll_y (ladder);
  hs_session_set_time_range (window->session, outside_start, outside_end);
  g_assert_cmpfloat (hs_ladder_view_get_scroll_y (ladder), ==, hidden_scroll_y);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "ladder"));
  spin_until (canvas_ready, window, 5000);
  spin_frames (3);
  row = hs_ladder_layout_row_for_pos (layout, target);
  g_assert_cmpuint (row, !=, HS_LADDER_NO_POS);
  g_assert_cmpfloat_with_epsilon (hs_ladder_view_get_scroll_y (ladder),
                                  hs_ladder_layout_get_row (layout, row)->y, 0.5);
  g_assert_true (hs_ladder_view_get_visible_range (ladder, &first, &last));
  g_assert_cmpuint (first, ==, hs_ladder_layout_get_row (layout, row)->first);
  /* going there is not the user's scroll: the range stays the other view's */
  g_assert_true (hs_session_get_time_range (window->session, &start, &end));
  g_assert_cmpint (start, ==, outside_start);
  g_assert_cmpint (end, ==, outside_end);

  /* until the user scrolls again */
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_value (vadjustment) + 100);
  spin_until (range_is_visible_rows, window, 5000);

  close_window (window);
}
