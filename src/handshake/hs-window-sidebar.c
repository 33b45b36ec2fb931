/* hs-window-sidebar.c
 *
 * The window's sidebar: the connections, sorted, filtered and filled in
 * steps, the selected one followed both ways, the sidebar's width.
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hs-window"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "hs-connection-row.h"
#include "hs-view-util.h"
#include "hs-window-private.h"

static const char *sort_keys[] = { "start", "problems", "bytes", "rtt" };

/* Connections sidebar ---------------------------------------------------- */

static guint64
connection_bytes (const HsConnection *conn)
{
  return conn->endpoint[0].bytes + conn->endpoint[1].bytes;
}

static int
compare_connections (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  HsWindow *self = user_data;
  HsConnectionItem *ia = (HsConnectionItem *)a;
  HsConnectionItem *ib = (HsConnectionItem *)b;
  const HsConnection *ca = hs_connection_item_get_connection (ia);
  const HsConnection *cb = hs_connection_item_get_connection (ib);
  int r = 0;

  if (g_strcmp0 (self->connection_sort, "problems") == 0)
    {
      guint pa = hs_connection_item_get_n_problems (ia);
      guint pb = hs_connection_item_get_n_problems (ib);

      r = (pa < pb) - (pa > pb);
    }
  else if (g_strcmp0 (self->connection_sort, "bytes") == 0)
    {
      guint64 ba = connection_bytes (ca);
      guint64 bb = connection_bytes (cb);

      r = (ba < bb) - (ba > bb);
    }
  else if (g_strcmp0 (self->connection_sort, "rtt") == 0)
    {
      /* slowest first; unknown RTTs last */
      gint64 ra = ca->irtt_ns;
      gint64 rb = cb->irtt_ns;

      r = (ra < rb) - (ra > rb);
    }

  if (r == 0)
    r = (ca->stream > cb->stream) - (ca->stream < cb->stream);

  return r;
}

static int
compare_problems_first (gconstpointer a,
                        gconstpointer b,
                        gpointer      user_data)
{
  HsWindow *self = user_data;
  gboolean pa, pb;

  if (!self->problems_first)
    return 0;

  pa = hs_connection_item_get_n_problems ((HsConnectionItem *)a) > 0;
  pb = hs_connection_item_get_n_problems ((HsConnectionItem *)b) > 0;
  return (pa < pb) - (pa > pb);
}

static gboolean
filter_connection (gpointer item,
                   gpointer user_data)
{
  HsWindow *self = user_data;
  const char *needle = gtk_editable_get_text (GTK_EDITABLE (self->connection_search));

  /* a stream number without a segment is no connection to show */
  if (hs_connection_item_get_connection (item)->n_packets == 0)
    return FALSE;
  return needle == NULL || needle[0] == 0 || hs_connection_item_matches (item, needle);
}

/* The connections listed when nothing is searched: the capture's, but
 * the stream numbers without a segment. */
guint
_hs_window_count_connections (HsWindow *self)
{
  guint n = self->connections != NULL ? g_list_model_get_n_items (self->connections) : 0;
  guint empty = self->empty_streams != NULL ? g_hash_table_size (self->empty_streams) : 0;

  return n - MIN (n, empty);
}

/* Keeps empty_streams up to date with the capture's connections from
 * `first` on and the `changed` ones (a live batch): TRUE when one that
 * was empty got its first segment, and the filter must look again. */
gboolean
_hs_window_track_empty_streams (HsWindow      *self,
                                guint          first,
                                const guint32 *changed,
                                guint          n_changed)
{
  guint n = self->capture != NULL ? hs_capture_get_n_connections (self->capture) : 0;
  gboolean filled = FALSE;
  guint i;

  if (self->empty_streams == NULL)
    self->empty_streams = g_hash_table_new (NULL, NULL);
  for (i = 0; i < n_changed && self->capture != NULL; i++)
    {
      if (changed[i] < first &&
          hs_capture_get_connection (self->capture, changed[i])->n_packets > 0 &&
          g_hash_table_remove (self->empty_streams, GUINT_TO_POINTER (changed[i])))
        filled = TRUE;
    }
  for (i = first; i < n; i++)
    {
      if (hs_capture_get_connection (self->capture, i)->n_packets == 0)
        g_hash_table_add (self->empty_streams, GUINT_TO_POINTER (i));
    }
  return filled;
}

void
_hs_window_update_connections_count (HsWindow *self)
{
  g_autofree char *text = NULL;
  guint total = _hs_window_count_connections (self);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered_connections));

  if (shown == total)
    text = g_strdup_printf (ngettext ("%u TCP connection", "%u TCP connections", total), total);
  else
    /* Translators: shown while searching, "2 of 14 TCP connections" */
    text = g_strdup_printf (ngettext ("%u of %u TCP connection", "%u of %u TCP connections", total),
                            shown, total);
  gtk_label_set_text (self->connections_count, text);
}

static void
on_search_changed (HsWindow *self)
{
  gtk_filter_changed (GTK_FILTER (self->connection_filter), GTK_FILTER_CHANGE_DIFFERENT);
  _hs_window_update_connections_count (self);
}

static void
on_sort_selected (HsWindow *self)
{
  guint i = gtk_drop_down_get_selected (self->sort_dropdown);

  if (i < G_N_ELEMENTS (sort_keys))
    g_settings_set_string (self->settings, "connection-sort", sort_keys[i]);
}

static void
on_sort_setting_changed (HsWindow *self)
{
  g_autofree char *sort = g_settings_get_string (self->settings, "connection-sort");

  g_free (self->connection_sort);
  self->connection_sort = g_steal_pointer (&sort);
  self->problems_first = g_settings_get_boolean (self->settings, "problems-first");

  for (guint i = 0; i < G_N_ELEMENTS (sort_keys); i++)
    {
      if (g_str_equal (sort_keys[i], self->connection_sort))
        gtk_drop_down_set_selected (self->sort_dropdown, i);
    }

  gtk_sorter_changed (GTK_SORTER (self->connection_sorter), GTK_SORTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (GTK_SORTER (self->problems_sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

static void
setup_connection_row (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, hs_connection_row_new ());
}

static void
bind_connection_row (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  user_data)
{
  hs_connection_row_set_item (HS_CONNECTION_ROW (gtk_list_item_get_child (list_item)),
                              gtk_list_item_get_item (list_item));
}

static void
unbind_connection_row (GtkSignalListItemFactory *factory,
                       GtkListItem              *list_item,
                       gpointer                  user_data)
{
  hs_connection_row_set_item (HS_CONNECTION_ROW (gtk_list_item_get_child (list_item)), NULL);
}

void
_hs_window_on_connection_selected (HsWindow *self)
{
  HsConnectionItem *item = gtk_single_selection_get_selected_item (self->connection_selection);
  guint stream = item != NULL ? hs_connection_item_get_stream (item) : HS_NO_STREAM;

  if (self->selecting)
    return;

  hs_session_set_stream (self->session, stream);

  /* a newly chosen connection starts with its first packet explained */
  if (stream != HS_NO_STREAM && self->capture != NULL)
    {
      guint n = 0;
      guint selected = hs_session_get_selected_index (self->session);
      const guint32 *packets = hs_capture_get_stream_packets (self->capture, stream, &n);
      const HsPacketRecord *rec = selected != G_MAXUINT
                                  ? hs_capture_get_record (self->capture, selected)
                                  : NULL;

      if (n > 0 && (rec == NULL || rec->stream != stream))
        hs_session_select_index (self->session, packets[0]);
    }
}

/* The sidebar fills in steps.  GTK 4.8's list view makes a row for each
 * of the first 200 items of its model at once, a third of a millisecond
 * each: a big capture's sidebar would stall the window for 60 ms or more
 * the moment it appears.  The view sees a slice of the sorted, filtered
 * connections that grows by FILL_STEP rows per main-loop iteration until
 * the list view stops making rows, then shows them all. */
#define FILL_FIRST 24
#define FILL_STEP  32
#define FILL_ROWS  200

static void
finish_sidebar_fill (HsWindow *self)
{
  g_clear_handle_id (&self->fill_source, g_source_remove);
  gtk_slice_list_model_set_size (self->shown_connections, G_MAXUINT);
}

static gboolean
fill_sidebar_step (gpointer data)
{
  HsWindow *self = data;
  guint size = gtk_slice_list_model_get_size (self->shown_connections);

  if (size + FILL_STEP >= FILL_ROWS)
    {
      self->fill_source = 0;
      finish_sidebar_fill (self);
      return G_SOURCE_REMOVE;
    }
  gtk_slice_list_model_set_size (self->shown_connections, size + FILL_STEP);
  return G_SOURCE_CONTINUE;
}

void
_hs_window_start_sidebar_fill (HsWindow *self,
                               guint     n_connections)
{
  g_clear_handle_id (&self->fill_source, g_source_remove);
  if (n_connections <= FILL_FIRST)
    {
      gtk_slice_list_model_set_size (self->shown_connections, G_MAXUINT);
      return;
    }
  gtk_slice_list_model_set_size (self->shown_connections, FILL_FIRST);
  /* below drawing, so every step is drawn before the next */
  self->fill_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, fill_sidebar_step, self, NULL);
}

static gboolean
select_connection_row (HsWindow *self,
                       guint     stream)
{
  GListModel *model = G_LIST_MODEL (self->connection_selection);
  guint n;

  /* the connection may not be in the sidebar's slice yet */
  finish_sidebar_fill (self);
  n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HsConnectionItem) item = g_list_model_get_item (model, i);

      if (hs_connection_item_get_stream (item) == stream)
        {
          gtk_single_selection_set_selected (self->connection_selection, i);
          hs_view_scroll_list_to (GTK_WIDGET (self->connection_list), i, NULL, NULL);
          return TRUE;
        }
    }

  return FALSE;
}

void
hs_window_select_stream (HsWindow *self,
                         guint     stream)
{
  g_return_if_fail (HS_IS_WINDOW (self));

  if (stream == HS_NO_STREAM || !select_connection_row (self, stream))
    hs_session_set_stream (self->session, stream);
}

/* Following the session --------------------------------------------------- */

/* The session's connection changed (chosen in the sidebar, or the
 * connection of a packet selected elsewhere): the sidebar follows. */
static void
on_session_stream (HsWindow *self)
{
  guint stream = hs_session_get_stream (self->session);
  HsConnectionItem *item = gtk_single_selection_get_selected_item (self->connection_selection);

  if (stream != HS_NO_STREAM && (item == NULL || hs_connection_item_get_stream (item) != stream))
    {
      self->selecting = TRUE;
      select_connection_row (self, stream);
      self->selecting = FALSE;
    }
  _hs_window_actions_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), _hs_window_properties[WINDOW_PROP_STREAM]);
}

static void
on_session_selection (HsWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), _hs_window_properties[WINDOW_PROP_SELECTED_INDEX]);
}

void
hs_window_select_index (HsWindow *self,
                        guint     index)
{
  g_return_if_fail (HS_IS_WINDOW (self));

  if (self->capture == NULL || index >= hs_capture_get_n_packets (self->capture))
    return;

  hs_session_select_index (self->session, index);
}

/* Layout ------------------------------------------------------------------ */

/* The sidebar is the flap of an AdwFlap: beside the views when the window
 * has room for both, folded over them (F9 or the header bar's button shows
 * it) when it has not, as on half of a 1366-pixel screen.  Its width is
 * dragged at the separator, as a paned's would be. */
#define SIDEBAR_MIN_WIDTH 260

static void
on_handle_drag_begin (GtkGestureDrag *gesture,
                      double          x,
                      double          y,
                      HsWindow       *self)
{
  if (adw_flap_get_folded (self->sidebar_flap))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->handle_start_width = gtk_widget_get_width (self->sidebar);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_handle_drag_update (GtkGestureDrag *gesture,
                       double          dx,
                       double          dy,
                       HsWindow       *self)
{
  int content_min = 0;
  int separator = gtk_widget_get_width (self->sidebar_handle);
  int max, width;

  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    dx = -dx;

  /* never so wide that the flap folds under the pointer */
  gtk_widget_measure (GTK_WIDGET (self->content_paned), GTK_ORIENTATION_HORIZONTAL, -1,
                      &content_min, NULL, NULL, NULL);
  max = gtk_widget_get_width (GTK_WIDGET (self->sidebar_flap)) - content_min - separator;
  width = CLAMP (self->handle_start_width + (int)round (dx), SIDEBAR_MIN_WIDTH,
                 MAX (SIDEBAR_MIN_WIDTH, max));
  /* the sidebar-width setting follows */
  gtk_widget_set_size_request (self->sidebar, width, -1);
}

void
_hs_window_setup_sidebar_handle (HsWindow *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  gtk_widget_set_cursor_from_name (self->sidebar_handle, "col-resize");
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_handle_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_handle_drag_update), self);
  gtk_widget_add_controller (self->sidebar_handle, GTK_EVENT_CONTROLLER (drag));
}

void
_hs_window_select_connection (HsWindow *self,
                              int       direction)
{
  guint n, pos;

  finish_sidebar_fill (self);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->connection_selection));
  pos = gtk_single_selection_get_selected (self->connection_selection);

  if (n == 0)
    return;

  if (pos == GTK_INVALID_LIST_POSITION)
    pos = 0;
  else if (direction > 0 && pos + 1 < n)
    pos++;
  else if (direction < 0 && pos > 0)
    pos--;
  else
    return;

  gtk_single_selection_set_selected (self->connection_selection, pos);
  hs_view_scroll_list_to (GTK_WIDGET (self->connection_list), pos, NULL, NULL);
}

void
_hs_window_focus_search (HsWindow *self)
{
  if (self->capture == NULL)
    return;
  adw_flap_set_reveal_flap (self->sidebar_flap, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->connection_search));
}

/* The sidebar's models, rows, sort and search, and its following the
 * session (hs_window_init). */
void
_hs_window_sidebar_init (HsWindow *self)
{
  g_autoptr(GtkStringList) sort_names = gtk_string_list_new (NULL);
  GtkListItemFactory *factory;

  self->connection_sorter = gtk_custom_sorter_new (compare_connections, self, NULL);
  self->problems_sorter = gtk_custom_sorter_new (compare_problems_first, self, NULL);
  self->multi_sorter = gtk_multi_sorter_new ();
  gtk_multi_sorter_append (self->multi_sorter, GTK_SORTER (self->problems_sorter));
  gtk_multi_sorter_append (self->multi_sorter, GTK_SORTER (self->connection_sorter));
  self->sorted_connections = gtk_sort_list_model_new (NULL, GTK_SORTER (self->multi_sorter));
  /* tens of thousands of connections sort in steps, without freezing the window */
  gtk_sort_list_model_set_incremental (self->sorted_connections, TRUE);
  self->connection_filter = gtk_custom_filter_new (filter_connection, self, NULL);
  self->filtered_connections = gtk_filter_list_model_new (G_LIST_MODEL (self->sorted_connections),
                                                          GTK_FILTER (self->connection_filter));
  self->shown_connections = gtk_slice_list_model_new (G_LIST_MODEL (self->filtered_connections),
                                                      0, G_MAXUINT);
  self->connection_selection = gtk_single_selection_new (G_LIST_MODEL (self->shown_connections));
  gtk_single_selection_set_autoselect (self->connection_selection, TRUE);
  g_signal_connect_swapped (self->connection_selection, "notify::selected-item",
                            G_CALLBACK (_hs_window_on_connection_selected), self);
  gtk_list_view_set_model (self->connection_list, GTK_SELECTION_MODEL (self->connection_selection));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_connection_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_connection_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_connection_row), self);
  gtk_list_view_set_factory (self->connection_list, factory);
  g_object_unref (factory);

  gtk_string_list_append (sort_names, _("By Start Time"));
  gtk_string_list_append (sort_names, _("Most Problems First"));
  gtk_string_list_append (sort_names, _("Most Bytes First"));
  gtk_string_list_append (sort_names, _("Slowest RTT First"));
  gtk_drop_down_set_model (self->sort_dropdown, G_LIST_MODEL (sort_names));
  on_sort_setting_changed (self);
  g_signal_connect_swapped (self->settings, "changed::connection-sort",
                            G_CALLBACK (on_sort_setting_changed), self);
  g_signal_connect_swapped (self->settings, "changed::problems-first",
                            G_CALLBACK (on_sort_setting_changed), self);
  g_signal_connect_swapped (self->sort_dropdown, "notify::selected",
                            G_CALLBACK (on_sort_selected), self);
  g_signal_connect_swapped (self->connection_search, "search-changed",
                            G_CALLBACK (on_search_changed), self);
  g_signal_connect_swapped (self->filtered_connections, "items-changed",
                            G_CALLBACK (_hs_window_update_connections_count), self);

  /* the views and the details follow the session by themselves (their
   * "session" is set in the template); the sidebar follows it here */
  g_signal_connect_swapped (self->session, "notify::stream",
                            G_CALLBACK (on_session_stream), self);
  g_signal_connect_swapped (self->session, "notify::selected-index",
                            G_CALLBACK (on_session_selection), self);
}
