/* test-window-fits.c
 *
 * A window that fits: cells, texts, the details pane and the packet list
 * at several sizes.
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-window-util.h"

static gboolean
packet_rows_laid_out (gpointer data)
{
  GtkWidget *rows = packet_rows (data);

  return gtk_widget_get_mapped (rows) && gtk_widget_get_height (rows) > 0;
}

/* Every line of the packet list's visible height is in a row that is laid
 * out, and every row-high band of what the list draws holds text. */
static void
assert_rows_cover_list (HsWindow *window)
{
  GtkWidget *rows = packet_rows (window);
  int height = gtk_widget_get_height (rows);
  g_autofree gboolean *covered = g_new0 (gboolean, height);
  g_autofree guchar *px = NULL;
  int row_height = 0, uncovered = 0, w, h;

  for (GtkWidget *row = gtk_widget_get_first_child (rows); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      graphene_rect_t b;

      if (!gtk_widget_get_mapped (row) || !gtk_widget_compute_bounds (row, rows, &b))
        continue;
      row_height = MAX (row_height, (int)b.size.height);
      for (int y = MAX (0, (int)b.origin.y); y < MIN (height, (int)(b.origin.y + b.size.height)); y++)
        covered[y] = TRUE;
    }
  for (int y = 0; y < height; y++)
    uncovered += !covered[y];
  g_assert_cmpint (row_height, >, 10);
  g_assert_cmpint (uncovered, ==, 0);

  px = render_widget (rows, &w, &h);
  for (int band = 0; band + row_height <= h; band += row_height)
    {
      g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);

      for (int y = band; y < band + row_height; y++)
        for (int x = 0; x < w; x++)
          g_hash_table_add (colours, GUINT_TO_POINTER (*(guint32 *)(px + ((gsize)y * w + x) * 4)));
      g_assert_cmpuint (g_hash_table_size (colours), >, 4);
    }
}

/* Whether the row of `position` is laid out wholly in the list's height. */
static gboolean
packet_row_visible (HsWindow *window,
                    guint     position)
{
  GtkWidget *rows = packet_rows (window);
  GtkWidget *row = hs_packet_list_get_row_widget (window->packet_list, position);
  graphene_rect_t b;

  return row != NULL && gtk_widget_get_mapped (row) && gtk_widget_compute_bounds (row, rows, &b) &&
         b.origin.y >= 0 && b.origin.y + b.size.height <= gtk_widget_get_height (rows);
}

/* The Packets page shown for the first time after a packet far down was
 * selected on the ladder (End): GTK 4.8 scrolled a list that had no size
 * yet and drew its first row only, until scrolled by hand. */
void
test_packet_list_first_visit (void)
{
  g_autofree char *path = tmp_path ("long-connection.pcap");
  HsWindow *window;
  guint n, last;

  write_long_connection (path, LONG_CONNECTION (400));
  window = open_window_on (path, "ladder");
  spin_until (canvas_ready, window, 5000);
  g_assert_false (gtk_widget_get_mapped (packet_rows (window)));

  press_key (window, 0, XK_End);
  n = hs_packet_list_get_n_shown (window->packet_list);
  last = hs_index_model_get_index (HS_INDEX_MODEL (hs_packet_list_get_model (window->packet_list)),
                                   n - 1);
  g_assert_cmpuint (n, >, 400);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, last);

  press_key (window, XK_Alt_L, XK_2);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "packets");
  spin_until (packet_rows_laid_out, window, 5000);
  spin_frames (2);
  assert_rows_cover_list (window);
  g_assert_true (packet_row_visible (window, n - 1));

  close_window (window);
  g_unlink (path);
}

/* A window that fits -------------------------------------------------------- */

/* Connections whose states have the longest descriptions, between the
 * longest IPv4 addresses, and the long connection's big numbers. */
static void
write_long_texts (const char *path)
{
  g_autoptr(GArray) packets = g_array_new (FALSE, TRUE, sizeof (HsTestPacket));
  const char *a = "192.168.200.201", *b = "192.168.201.202";
  gint64 ms = 0;

#define ADD(src_, dst_, sp_, dp_, seq_, ack_, flags_, len_)                          \
  G_STMT_START {                                                                       \
    HsTestPacket p_ = { ms++, { src_, dst_, sp_, dp_, seq_, ack_, flags_, 65535, len_, \
                                NULL, NULL, 0 } };                                      \
    g_array_append_val (packets, p_);                                                  \
  } G_STMT_END

  /* closed by the client, no FIN from the server */
  ADD (a, b, 65001, 44300, 1000, 0, HS_TCP_SYN, 0);
  ADD (b, a, 44300, 65001, 5000, 1001, HS_TCP_SYN | HS_TCP_ACK, 0);
  ADD (a, b, 65001, 44300, 1001, 5001, HS_TCP_ACK, 0);
  for (guint i = 0; i < 40; i++)
    {
      ADD (b, a, 44300, 65001, 5001 + i * 1400, 1001, HS_TCP_ACK | HS_TCP_PSH, 1400);
      ADD (a, b, 65001, 44300, 1001, 5001 + (i + 1) * 1400, HS_TCP_ACK, 0);
    }
  ADD (a, b, 65001, 44300, 1001, 5001 + 40 * 1400, HS_TCP_ACK | HS_TCP_FIN, 0);
  ADD (b, a, 44300, 65001, 5001 + 40 * 1400, 1002, HS_TCP_ACK, 0);
  /* refused */
  ADD (a, b, 65002, 44301, 2000, 0, HS_TCP_SYN, 0);
  ADD (b, a, 44301, 65002, 0, 2001, HS_TCP_RST | HS_TCP_ACK, 0);
  /* the server's SYN/ACK and a reset, the SYN not captured */
  ADD (b, a, 44302, 65003, 7000, 3001, HS_TCP_SYN | HS_TCP_ACK, 0);
  ADD (b, a, 44302, 65003, 7001, 0, HS_TCP_RST, 0);
#undef ADD

  hs_test_write_packets (path, T0, (const HsTestPacket *) (gpointer) packets->data, packets->len);
}

/* Mapped widgets given less than their minimum size, which cuts them off,
 * as "GtkType 120x30 < 140x30" lines */
static void
collect_cut_off (GtkWidget *widget,
                 GString   *out)
{
  GtkAllocation alloc;
  int width, height, min_width, min_height;

  if (!gtk_widget_get_mapped (widget))
    return;

  gtk_widget_get_allocation (widget, &alloc);
  width = alloc.width + gtk_widget_get_margin_start (widget) + gtk_widget_get_margin_end (widget);
  height = alloc.height + gtk_widget_get_margin_top (widget) + gtk_widget_get_margin_bottom (widget);
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, &min_height, NULL, NULL, NULL);
  /* a scrollable (in a scrolled window) shows a part of itself */
  if (!GTK_IS_SCROLLABLE (widget) && (width < min_width || height < min_height))
    g_string_append_printf (out, "%s %dx%d < %dx%d\n", G_OBJECT_TYPE_NAME (widget),
                            width, height, min_width, min_height);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_cut_off (child, out);
}

static void
assert_nothing_cut_off (HsWindow   *window,
                        const char *where)
{
  g_autoptr(GString) cut = g_string_new (NULL);

  collect_cut_off (GTK_WIDGET (window), cut);
  if (cut->len > 0)
    g_error ("%s: cut off:\n%s", where, cut->str);
}

/* Whether a label's or an inscription's text is shown whole: not
 * ellipsized, as wide as its allocation at most.  `tnum`: its digits are
 * tabular (the packet list's, from style.css). */
static gboolean
text_shown_whole (GtkWidget *widget,
                  gboolean   tnum)
{
  g_autoptr(PangoLayout) layout = NULL;
  const char *text;
  int width, height;

  if (GTK_IS_LABEL (widget))
    {
      PangoLayout *own = gtk_label_get_layout (GTK_LABEL (widget));

      if (pango_layout_is_ellipsized (own))
        return FALSE;
      pango_layout_get_pixel_size (own, &width, &height);
      return width <= gtk_widget_get_width (widget) && height <= gtk_widget_get_height (widget);
    }

  text = gtk_inscription_get_text (GTK_INSCRIPTION (widget));
  layout = gtk_widget_create_pango_layout (widget, text);
  if (tnum)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  pango_layout_get_pixel_size (layout, &width, &height);
  return width <= gtk_widget_get_width (widget);
}

/* Every cell of the packet list's bound rows but Info (which takes the
 * room left and has its text in a tooltip) shows its text whole; `quiet`:
 * says whether instead of failing. */
static gboolean
check_cells_whole (HsWindow *window,
                   gboolean  quiet)
{
  GtkWidget *rows = packet_rows (window);
  guint n_cells = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (rows); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      guint column = 0;

      if (!gtk_widget_get_mapped (row))
        continue;
      for (GtkWidget *cell = gtk_widget_get_first_child (row); cell != NULL;
           cell = gtk_widget_get_next_sibling (cell), column++)
        {
          GtkWidget *child = gtk_widget_get_first_child (cell);

          if (column == HS_PACKET_LIST_COLUMN_INFO || child == NULL || !GTK_IS_INSCRIPTION (child) ||
              gtk_inscription_get_text (GTK_INSCRIPTION (child)) == NULL)
            continue;
          if (!text_shown_whole (child, TRUE))
            {
              if (quiet)
                return FALSE;
              g_error ("column %u cuts “%s” short (%d pixels)", column,
                       gtk_inscription_get_text (GTK_INSCRIPTION (child)), gtk_widget_get_width (child));
            }
          n_cells++;
        }
    }
  g_assert_cmpuint (n_cells, >, 100);
  return TRUE;
}

static void
assert_cells_whole (HsWindow *window)
{
  check_cells_whole (window, FALSE);
}

static gboolean
cells_whole (gpointer data)
{
  return check_cells_whole (data, TRUE);
}

/* Every label and inscription of the sidebar's rows shows its text whole */
static void
collect_row_texts (GtkWidget *widget,
                   GPtrArray *texts)
{
  if ((GTK_IS_LABEL (widget) || GTK_IS_INSCRIPTION (widget)) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (texts, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_row_texts (child, texts);
}

static void
assert_sidebar_texts_whole (HsWindow *window)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  collect_row_texts (GTK_WIDGET (window->connection_list), texts);
  g_assert_cmpuint (texts->len, >, 6);
  for (guint i = 0; i < texts->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (texts, i);

      if (!text_shown_whole (label, FALSE))
        g_error ("the sidebar cuts “%s” short",
                 GTK_IS_LABEL (label) ? gtk_label_get_text (GTK_LABEL (label))
                                      : gtk_inscription_get_text (GTK_INSCRIPTION (label)));
    }
}

static gboolean
is_fields_view (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LIST_VIEW (widget);
}

static gboolean
is_text_view (GtkWidget     *widget,
              gconstpointer  data)
{
  return GTK_IS_TEXT_VIEW (widget);
}

/* The hex dump's lines fit the details pane at the default size (16 bytes
 * a line) and at half a 1366-pixel screen (8 bytes a line), with nothing
 * to scroll sideways to; its highlight follows the lines. */
void
test_details_hex_fits (void)
{
  static const struct { int width; guint per_line; } sizes[] = { { 1280, 16 }, { 683, 8 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      HsWindow *window = open_window (NULL);
      g_autofree char *path = sample_path ();
      g_autoptr(GFile) file = g_file_new_for_path (path);
      GtkWidget *hex;
      GtkAdjustment *hadjustment;
      g_autofree char *text = NULL;
      g_auto(GStrv) lines = NULL;

      gtk_window_set_default_size (GTK_WINDOW (window), sizes[i].width, 800);
      hs_window_open_file (window, file);
      spin_until (not_loading, window, 20000);
      if (adw_flap_get_folded (window->sidebar_flap))
        adw_flap_set_reveal_flap (window->sidebar_flap, FALSE);
      hs_window_select_index (window, 11);
      spin_frames (4);

      hex = find_widget (GTK_WIDGET (window->details_view), is_text_view, NULL);
      g_assert_nonnull (hex);
      hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (hex));
      g_test_message ("window %d px: hex dump %d px, its text %.0f px",
                      gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_width (hex),
                      gtk_adjustment_get_upper (hadjustment));
      text = hs_details_view_dup_hex_text (window->details_view);
      lines = g_strsplit (text, "\n", -1);
      /* frame 12: 1514 bytes */
      g_assert_cmpuint (g_strv_length (lines), ==, (1514 + sizes[i].per_line - 1) / sizes[i].per_line);
      g_assert_cmpuint (strlen (lines[0]), ==, hs_hex_dump_line_width (1514, sizes[i].per_line));
      g_assert_cmpfloat (gtk_adjustment_get_upper (hadjustment), <=,
                         gtk_adjustment_get_page_size (hadjustment) + 0.5);
      close_window (window);
    }
}

/* The rows of the header tree wholly in view */
static guint
tree_rows_shown (HsWindow *window)
{
  GtkWidget *fields = find_widget (GTK_WIDGET (window->details_view), is_fields_view, NULL);
  int height = gtk_widget_get_height (fields);
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (fields); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      graphene_rect_t b;

      if (gtk_widget_get_mapped (row) && gtk_widget_compute_bounds (row, fields, &b) &&
          b.origin.y >= 0 && b.origin.y + b.size.height <= height)
        n++;
    }
  return n;
}

/* The window on screen (its surface, with the frame) is 683x768 */
static gboolean
window_is_683 (gpointer data)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (data));

  return gdk_surface_get_width (surface) == 683 && gdk_surface_get_height (surface) == 768 &&
         gtk_widget_get_width (data) > 0;
}

static gboolean
flap_shown (gpointer data)
{
  HsWindow *window = data;

  return gtk_widget_get_mapped (window->sidebar) && gtk_widget_get_width (window->sidebar) > 0;
}

static gboolean
flap_hidden (gpointer data)
{
  HsWindow *window = data;

  return !adw_flap_get_reveal_flap (window->sidebar_flap) && !gtk_widget_get_mapped (window->sidebar);
}

static void
check_views (HsWindow   *window,
             const char *size)
{
  const char *views[] = { "ladder", "packets", "graphs" };

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      g_autofree char *where = g_strdup_printf ("%s, %s", size, views[v]);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", views[v]));
      spin_frames (3);
      assert_nothing_cut_off (window, where);
      if (g_str_equal (views[v], "packets"))
        assert_cells_whole (window);
    }
}

/* At the default 1280x800 and tiled on half of a 1366-pixel screen
 * (683x768), nothing is cut off, the numbers and the sidebar's texts are
 * whole, the header tree shows a useful number of rows; a narrow window
 * folds the sidebar over the views. */
void
test_window_fits (void)
{
  g_autofree char *long_path = tmp_path ("fits-long.pcap");
  g_autofree char *texts_path = tmp_path ("fits-texts.pcap");
  HsWindow *window;
  int min_width;

  write_long_connection (long_path, LONG_CONNECTION (400));
  write_long_texts (texts_path);

  /* the default size */
  window = open_window_sized (long_path, 1280, 800);
  spin_until (rows_bound, window, 5000);
  g_assert_false (adw_flap_get_folded (window->sidebar_flap));
  g_assert_true (adw_flap_get_reveal_flap (window->sidebar_flap));
  check_views (window, "1280x800");
  /* the eight-digit numbers after the jump */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "packets"));
  hs_window_select_index (window, hs_capture_get_n_packets (hs_window_get_capture (window)) - 10);
  spin_frames (3);
  assert_cells_whole (window);
  g_object_set (window->packet_list, "show-all", TRUE, NULL);
  spin_frames (3);
  assert_cells_whole (window);
  g_object_set (window->packet_list, "show-all", FALSE, NULL);
  /* a packet's header tree: more than a few rows */
  hs_window_select_index (window, 3);
  spin_frames (3);
  g_assert_cmpuint (tree_rows_shown (window), >=, 8);
  {
    g_autoptr(GFile) file = g_file_new_for_path (texts_path);

    hs_window_open_file (window, file);
    spin_until (not_loading, window, 20000);
    spin_until (sidebar_row_drawn, window, 5000);
    spin_frames (2);
    assert_sidebar_texts_whole (window);
    check_views (window, "1280x800, long texts");
  }

  /* the minimum width fits half of a 1366-pixel screen */
  gtk_widget_measure (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)),
                      GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 683);
  close_window (window);

  /* tiled on half of a 1366-pixel screen */
  window = open_window_sized (long_path, 683, 768);
  spin_until (window_is_683, window, 5000);
  spin_frames (3);
  /* the sidebar folds over the views, shown when asked for */
  g_assert_true (adw_flap_get_folded (window->sidebar_flap));
  g_assert_false (adw_flap_get_reveal_flap (window->sidebar_flap));
  /* the view switcher is in the header bar, or in the bottom bar */
  g_assert_true (!adw_view_switcher_title_get_title_visible (window->window_title) ||
                 adw_view_switcher_bar_get_reveal (window->switcher_bar));
  check_views (window, "683x768");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sidebar", NULL));
  spin_until (flap_shown, window, 5000);
  spin_frames (10);
  assert_nothing_cut_off (window, "683x768, sidebar shown");
  /* a connection chosen: the sidebar folds away, the view has the keys */
  click_connection (window, 1);
  spin_until (stream_is_one, window, 5000);
  spin_until (flap_hidden, window, 5000);
  g_assert_true (focus_in (window, hs_graph_view_get_canvas (window->graph_view)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sidebar", NULL));
  spin_until (flap_shown, window, 5000);
  {
    g_autoptr(GFile) file = g_file_new_for_path (texts_path);

    hs_window_open_file (window, file);
    spin_until (not_loading, window, 20000);
    g_assert_true (adw_flap_get_reveal_flap (window->sidebar_flap));
    spin_until (flap_shown, window, 5000);
    spin_until (sidebar_row_drawn, window, 5000);
    spin_frames (10);
    assert_sidebar_texts_whole (window);
    assert_nothing_cut_off (window, "683x768, long texts");
  }
  close_window (window);

  g_unlink (long_path);
  g_unlink (texts_path);
}

/* A big capture's widest values are found in a thread: the columns fit
 * them once it is done, the 12,000-byte segment a third of the way too,
 * in the connection's view and in all packets. */
void
test_columns_fit_big (void)
{
  g_autofree char *path = tmp_path ("fits-big.pcap");
  HsWindow *window;
  guint position;

  write_long_connection (path, LONG_CONNECTION (60000));
  window = open_window_sized (path, 1280, 800);
  g_assert_cmpuint (hs_capture_get_n_packets (hs_window_get_capture (window)), >, 100000);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "packets"));
  spin_until (rows_bound, window, 5000);

  /* the big segment's row */
  g_assert_true (hs_index_model_find (HS_INDEX_MODEL (hs_packet_list_get_model (window->packet_list)),
                                      3 + 2 * (60000 / 3) + 60000 / 3 / 40 + 1, &position));
  hs_packet_list_scroll_to (window->packet_list, position);
  spin_until (cells_whole, window, 10000);
  {
    g_autofree char *len = hs_packet_list_dup_cell_text (window->packet_list, position,
                                                         HS_PACKET_LIST_COLUMN_LEN);

    g_assert_cmpstr (len, ==, "12000");
  }
  g_object_set (window->packet_list, "show-all", TRUE, NULL);
  hs_packet_list_scroll_to (window->packet_list, position);
  spin_frames (3);
  spin_until (cells_whole, window, 10000);

  close_window (window);
  g_unlink (path);
}
