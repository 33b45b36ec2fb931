/* hs-window.c
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

#define SETTINGS_SCHEMA "io.github.handshake.Handshake"
#define MAX_RECENT 8
/* the group of the recent files this window adds: opened captures */
#define RECENT_GROUP "handshake-capture"

G_DEFINE_FINAL_TYPE (HsWindow, hs_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CAPTURE,
  PROP_STREAM,
  PROP_SELECTED_INDEX,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

  return needle == NULL || needle[0] == 0 || hs_connection_item_matches (item, needle);
}

static void
update_connections_count (HsWindow *self)
{
  g_autofree char *text = NULL;
  guint total = self->connections ? g_list_model_get_n_items (self->connections) : 0;
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
  update_connections_count (self);
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

static void
on_connection_selected (HsWindow *self)
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

static void
start_sidebar_fill (HsWindow *self,
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STREAM]);
}

static void
on_session_selection (HsWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_INDEX]);
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

/* Recent files ------------------------------------------------------------- */

static const char *capture_types[] = {
  "application/vnd.tcpdump.pcap",
  "application/x-pcapng",
  NULL
};

/* Only captures belong in the welcome page's list.  GTK's file chooser
 * adds every file chosen in it to the recent files under our name, the
 * exported pictures too: ours are in our group (and of a capture type;
 * those of older versions are of a capture type only). */
static gboolean
is_recent_capture (GtkRecentInfo *info)
{
  return gtk_recent_info_has_application (info, g_get_application_name ()) &&
         (gtk_recent_info_has_group (info, RECENT_GROUP) ||
          g_strv_contains (capture_types, gtk_recent_info_get_mime_type (info))) &&
         gtk_recent_info_exists (info);
}

static void
on_recent_activated (GtkListBox    *list,
                     GtkListBoxRow *row,
                     HsWindow      *self)
{
  const char *uri = g_object_get_data (G_OBJECT (row), "hs-uri");
  g_autoptr(GFile) file = g_file_new_for_uri (uri);

  hs_window_open_file (self, file);
}

static void
update_recent (HsWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  for (GList *l = items; l != NULL && n < MAX_RECENT; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GFile) parent = NULL;
      g_autofree char *dir = NULL;
      g_autofree char *name = NULL;
      GtkWidget *row;

      if (!is_recent_capture (info))
        continue;

      file = g_file_new_for_uri (gtk_recent_info_get_uri (info));
      parent = g_file_get_parent (file);
      name = g_file_get_basename (file);
      dir = parent != NULL ? g_file_get_parse_name (parent) : g_strdup ("");

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), dir);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "hs-uri",
                              g_strdup (gtk_recent_info_get_uri (info)), g_free);
      gtk_list_box_append (self->recent_list, row);
      n++;
    }

  g_list_free_full (items, (GDestroyNotify)gtk_recent_info_unref);
  gtk_widget_set_visible (self->recent_group, n > 0);
}

/* A capture just opened, in our group and with its capture type (also
 * when compressed: it is what the file holds). */
static void
add_recent (HsWindow  *self,
            GFile     *file,
            HsCapture *capture)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *exec = g_strdup_printf ("%s %%u", g_get_prgname ());
  char *groups[] = { (char *)RECENT_GROUP, NULL };
  gboolean pcapng = g_strcmp0 (hs_capture_get_format (capture), "pcapng") == 0;
  GtkRecentData data = { 0 };

  data.display_name = NULL;
  data.mime_type = (char *)capture_types[pcapng ? 1 : 0];
  data.app_name = (char *)g_get_application_name ();
  data.app_exec = exec;
  data.groups = groups;
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
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

static void
setup_sidebar_handle (HsWindow *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  gtk_widget_set_cursor_from_name (self->sidebar_handle, "col-resize");
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_handle_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_handle_drag_update), self);
  gtk_widget_add_controller (self->sidebar_handle, GTK_EVENT_CONTROLLER (drag));
}

/* When the header bar is too narrow for the view switcher, the switcher
 * moves to a bar at the bottom of the window. */
static void
update_switcher_bar (HsWindow *self)
{
  gboolean capture = g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "capture") == 0;

  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    capture &&
                                    adw_view_switcher_title_get_title_visible (self->window_title));
}

/* A dropdown's or a menu button's tooltip would stay shown over its open
 * popover and hide the first items: none while the popover is open. */
static void
on_popup_visible (GtkWidget  *popover,
                  GParamSpec *pspec,
                  GtkWidget  *owner)
{
  gboolean open = gtk_widget_get_visible (popover);

  gtk_widget_set_has_tooltip (owner, !open);
  if (open)
    gtk_widget_trigger_tooltip_query (owner);
}

static void
watch_popup_tooltips (GtkWidget *widget)
{
  GtkWidget *popover = NULL;

  if (GTK_IS_DROP_DOWN (widget))
    {
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          if (GTK_IS_POPOVER (child))
            popover = child;
        }
    }
  else if (GTK_IS_MENU_BUTTON (widget))
    popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (widget)));

  if (popover != NULL && gtk_widget_get_has_tooltip (widget))
    g_signal_connect_object (popover, "notify::visible", G_CALLBACK (on_popup_visible), widget, 0);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    watch_popup_tooltips (child);
}

/* Keyboard ------------------------------------------------------------------ */

/* Whether the keyboard focus is in a text entry (the connection search, a
 * filter): what is typed there is the entry's. */
static gboolean
focus_in_entry (HsWindow *self)
{
  for (GtkWidget *widget = gtk_root_get_focus (GTK_ROOT (self)); widget != NULL;
       widget = gtk_widget_get_parent (widget))
    {
      if (GTK_IS_EDITABLE (widget))
        return TRUE;
    }
  return FALSE;
}

static gboolean
showing_capture (HsWindow *self)
{
  return self->capture != NULL &&
         g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "capture") == 0;
}

/* Gives the keyboard focus to the view shown, so that its keys work
 * without clicking it first: the ladder's or the graph's drawing, or the
 * packet list's selected row. */
static void
focus_shown_view (HsWindow *self)
{
  const char *view = adw_view_stack_get_visible_child_name (self->view_stack);
  GtkWidget *canvas;

  if (!showing_capture (self))
    return;

  if (g_strcmp0 (view, "packets") == 0)
    {
      hs_packet_list_focus_rows (self->packet_list);
      return;
    }

  if (g_strcmp0 (view, "graphs") == 0)
    canvas = hs_graph_view_get_canvas (self->graph_view);
  else
    canvas = hs_ladder_view_get_canvas (self->ladder_view);
  /* not while the view says there is nothing to show */
  if (gtk_widget_get_mapped (canvas))
    gtk_widget_grab_focus (canvas);
}

static void
on_view_changed (HsWindow *self)
{
  focus_shown_view (self);
}

static gboolean
connection_chosen_idle (gpointer data)
{
  HsWindow *self = data;

  self->focus_source = 0;
  /* folded over the views, the sidebar has done its job */
  if (adw_flap_get_folded (self->sidebar_flap))
    adw_flap_set_reveal_flap (self->sidebar_flap, FALSE);
  focus_shown_view (self);
  return G_SOURCE_REMOVE;
}

/* A connection clicked (or activated with Enter) in the sidebar: the keys
 * go to the view again, once the list has handled the click.  Moving along
 * the sidebar with the arrow keys leaves the focus there. */
static void
connection_chosen (HsWindow *self)
{
  if (self->focus_source == 0)
    self->focus_source = g_idle_add (connection_chosen_idle, self);
}

static gboolean
on_sidebar_event (GtkEventControllerLegacy *controller,
                  GdkEvent                 *event,
                  HsWindow                 *self)
{
  GdkEventType type = gdk_event_get_event_type (event);

  if ((type == GDK_BUTTON_RELEASE && gdk_button_event_get_button (event) == GDK_BUTTON_PRIMARY) ||
      type == GDK_TOUCH_END)
    connection_chosen (self);
  return GDK_EVENT_PROPAGATE;
}

static void
on_connection_activated (HsWindow *self)
{
  connection_chosen (self);
}

/* The packet list's first or last row, selected and focused */
static void
select_packet_row (HsWindow *self,
                   gboolean  last)
{
  GListModel *model = hs_packet_list_get_model (self->packet_list);
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;

  if (n == 0)
    return;
  hs_session_select_index (self->session,
                           hs_index_model_get_index (HS_INDEX_MODEL (model), last ? n - 1 : 0));
  hs_packet_list_focus_rows (self->packet_list);
}

gboolean
_hs_window_view_key_press (HsWindow        *self,
                           guint            keyval,
                           GdkModifierType  state)
{
  const char *view = adw_view_stack_get_visible_child_name (self->view_stack);
  gboolean ladder = g_strcmp0 (view, "ladder") == 0;
  gboolean graphs = g_strcmp0 (view, "graphs") == 0;

  state &= gtk_accelerator_get_default_mod_mask ();
  if ((state & ~GDK_SHIFT_MASK) != 0 || !showing_capture (self) || focus_in_entry (self))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_n:
    case GDK_KEY_p:
      if (ladder)
        return hs_ladder_view_key_press (self->ladder_view, keyval, state);
      /* the packet list's anomalies; the graph marks the packet selected */
      if (!hs_packet_list_select_anomaly (self->packet_list, keyval == GDK_KEY_n ? 1 : -1))
        gtk_widget_error_bell (GTK_WIDGET (self));
      return TRUE;

    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      if (ladder)
        return hs_ladder_view_key_press (self->ladder_view, keyval, state);
      if (graphs)
        return hs_graph_view_key_press (self->graph_view, keyval, state);
      select_packet_row (self, keyval == GDK_KEY_End || keyval == GDK_KEY_KP_End);
      return TRUE;

    case GDK_KEY_0:
    case GDK_KEY_KP_0:
      /* the ladder's drawing takes Ctrl+0 only */
      if (ladder)
        return gtk_widget_activate_action (GTK_WIDGET (self->ladder_view), "ladder.zoom-reset", NULL);
      G_GNUC_FALLTHROUGH;
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      if (ladder)
        return hs_ladder_view_key_press (self->ladder_view, keyval, state);
      if (graphs)
        return hs_graph_view_key_press (self->graph_view, keyval, state);
      return FALSE;

    default:
      return FALSE;
    }
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                HsWindow              *self)
{
  return _hs_window_view_key_press (self, keyval, state);
}

/* Loading ------------------------------------------------------------------ */

static void
show_page (HsWindow   *self,
           const char *name)
{
  gboolean was_capture = g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack),
                                    "capture") == 0;

  gtk_stack_set_visible_child_name (self->main_stack, name);
  /* Ladder, Packets and Graphs switch only when there is a capture to show */
  adw_view_switcher_title_set_view_switcher_enabled (self->window_title,
                                                     g_str_equal (name, "capture"));
  update_switcher_bar (self);
  /* the sidebar of connections is on the capture's page only */
  gtk_widget_set_visible (self->sidebar_button, g_str_equal (name, "capture"));
  /* a capture just opened: its view takes the keys (a live capture's
   * document replaced while shown leaves the focus where it is) */
  if (!was_capture && g_str_equal (name, "capture"))
    focus_shown_view (self);
  _hs_window_actions_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static char *
describe_problem (HsCapture *capture)
{
  const GError *problem = hs_capture_get_problem (capture);
  guint n = hs_capture_get_n_packets (capture);
  g_autofree char *count = g_strdup_printf ("%'u", n);

  /* Translators: the first %s says what is wrong (from the reader), the
   * second is a number of packets */
  return g_strdup_printf (ngettext ("This capture is damaged: %s. The %s packet before the damage is shown; "
                                    "nothing after it could be read.",
                                    "This capture is damaged: %s. The %s packets before the damage are shown; "
                                    "nothing after them could be read.", n),
                          problem->message, count);
}

/* Live documents ---------------------------------------------------------- */

/* "1,234 packets · 5 TCP connections" */
static void
update_subtitle (HsWindow *self)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *packets = NULL;
  guint n_conns;

  if (self->capture == NULL)
    return;

  n_conns = hs_capture_get_n_connections (self->capture);
  packets = g_strdup_printf ("%'u", hs_capture_get_n_packets (self->capture));
  /* Translators: window subtitle, "1,234 packets · 5 TCP connections" */
  subtitle = g_strdup_printf (ngettext ("%s packets · %u TCP connection",
                                        "%s packets · %u TCP connections", n_conns),
                              packets, n_conns);
  adw_view_switcher_title_set_subtitle (self->window_title, subtitle);
}

static gboolean
sort_follows_data (HsWindow *self)
{
  return self->problems_first || g_strcmp0 (self->connection_sort, "start") != 0;
}

/* A batch of a live capture: new connections get rows, changed ones
 * update theirs (and move when the order depends on what changed), the
 * counts follow.  The packet list, ladder and graphs follow by
 * themselves. */
static void
on_capture_packets_added (HsWindow  *self,
                          guint      old_n_packets,
                          guint      old_n_connections,
                          HsCapture *capture)
{
  const guint32 *changed;
  guint n_changed = 0;
  gboolean moved = FALSE;
  guint i;

  if (self->connections == NULL)
    return;

  changed = hs_capture_get_changed_streams (capture, &n_changed);
  for (i = 0; i < n_changed && changed[i] < old_n_connections; i++)
    {
      g_autoptr(HsConnectionItem) item = g_list_model_get_item (self->connections, changed[i]);

      if (item != NULL)
        hs_connection_item_changed (item);
      moved = TRUE;
    }

  /* the sort model places new rows itself; rows already there move only
   * when told (GtkSingleSelection keeps the selected item) */
  if (moved && sort_follows_data (self))
    {
      gtk_sorter_changed (GTK_SORTER (self->connection_sorter), GTK_SORTER_CHANGE_DIFFERENT);
      if (self->problems_first)
        gtk_sorter_changed (GTK_SORTER (self->problems_sorter), GTK_SORTER_CHANGE_DIFFERENT);
    }
  hs_connection_list_grow (self->connections, capture);

  update_subtitle (self);
  update_connections_count (self);
}

static void
on_capture_live_changed (HsWindow *self)
{
  update_subtitle (self);
  _hs_window_actions_update (self);
}

static void
unwatch_capture (HsWindow *self)
{
  if (self->capture == NULL)
    return;

  g_signal_handlers_disconnect_by_func (self->capture, on_capture_packets_added, self);
  g_signal_handlers_disconnect_by_func (self->capture, on_capture_live_changed, self);
}

static void
set_capture (HsWindow  *self,
             HsCapture *capture,
             GFile     *file)
{
  g_autoptr(GListModel) connections = NULL;
  g_autofree char *name = NULL;
  HsConnectionItem *item;

  if (self->capture != capture)
    {
      unwatch_capture (self);
      g_set_object (&self->capture, capture);
      /* a live capture grows: every view follows it */
      if (capture != NULL && hs_capture_is_live (capture))
        {
          g_signal_connect_object (capture, "packets-added",
                                   G_CALLBACK (on_capture_packets_added), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (capture, "notify::live",
                                   G_CALLBACK (on_capture_live_changed), self, G_CONNECT_SWAPPED);
        }
    }
  g_set_object (&self->file, file);

  /* The sidebar autoselects its first connection; the views get the
   * capture with it, so a big capture never puts all its packets in the
   * packet list only to take them out again: with GTK 4.8 a million-row
   * model change costs the main loop about a third of a second. */
  connections = hs_capture_list_connections (capture);
  g_set_object (&self->connections, connections);
  start_sidebar_fill (self, g_list_model_get_n_items (connections));
  self->selecting = TRUE;
  gtk_sort_list_model_set_model (self->sorted_connections, connections);
  self->selecting = FALSE;
  item = gtk_single_selection_get_selected_item (self->connection_selection);
  hs_session_set_capture (self->session, capture,
                          item != NULL ? hs_connection_item_get_stream (item) : HS_NO_STREAM);

  name = g_file_get_basename (file);
  update_subtitle (self);
  adw_view_switcher_title_set_title (self->window_title, name);
  gtk_window_set_title (GTK_WINDOW (self), name);

  if (hs_capture_get_problem (capture) != NULL)
    {
      g_autofree char *text = describe_problem (capture);

      gtk_label_set_text (self->problem_label, text);
      gtk_info_bar_set_revealed (self->problem_bar, TRUE);
    }
  else
    gtk_info_bar_set_revealed (self->problem_bar, FALSE);

  update_connections_count (self);

  /* the first connection's first packet explained */
  on_connection_selected (self);

  show_page (self, "capture");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPTURE]);
}

void
_hs_window_set_capture (HsWindow  *self,
                        HsCapture *capture,
                        GFile     *file)
{
  set_capture (self, capture, file);
}

void
_hs_window_show_page (HsWindow   *self,
                      const char *name)
{
  show_page (self, name);
}

static void
clear_loader (HsWindow *self)
{
  g_clear_pointer (&self->progress_binding, g_binding_unbind);
  g_clear_pointer (&self->message_binding, g_binding_unbind);
  g_clear_object (&self->loader);
  g_clear_object (&self->cancellable);
}

static void
show_error (HsWindow     *self,
            GFile        *file,
            const GError *error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *title = NULL;

  /* Translators: %s is a file name */
  title = g_strdup_printf (_("Could Not Open “%s”"), name);

  if (self->capture != NULL)
    {
      AdwToast *toast;
      g_autofree char *text = g_strdup_printf ("%s: %s", title, error->message);

      toast = adw_toast_new (text);
      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      show_page (self, "capture");
      return;
    }

  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, error->message);
  show_page (self, "error");
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  HsCaptureLoader *loader = HS_CAPTURE_LOADER (object);
  g_autoptr(HsWindow) self = user_data;
  g_autoptr(HsCapture) capture = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_object_ref (hs_capture_loader_get_file (loader));

  capture = hs_capture_loader_load_finish (loader, result, &error);

  /* a newer load replaced this one */
  if (loader != self->loader)
    return;

  clear_loader (self);

  if (capture == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_page (self, self->capture != NULL ? "capture" : "welcome");
      else
        show_error (self, file, error);
      return;
    }

  add_recent (self, file, capture);
  set_capture (self, capture, file);
}

static void
open_file_then (HsWindow *self,
                gpointer  file)
{
  _hs_window_open_file_now (self, file);
}

void
hs_window_open_file (HsWindow *self,
                     GFile    *file)
{
  g_return_if_fail (HS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  /* packets captured here and not saved: ask first */
  _hs_window_confirm_unsaved (self, open_file_then, g_object_ref (file), g_object_unref);
}

void
_hs_window_open_file_now (HsWindow *self,
                          GFile    *file)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  /* the file replaces the live capture */
  _hs_window_drop_live (self);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  clear_loader (self);

  self->loader = hs_capture_loader_new (file);
  self->cancellable = g_cancellable_new ();

  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_label_set_text (self->progress_label, "");
  self->progress_binding = g_object_bind_property (self->loader, "fraction",
                                                   self->progress_bar, "fraction",
                                                   G_BINDING_SYNC_CREATE);
  self->message_binding = g_object_bind_property (self->loader, "message",
                                                  self->progress_label, "label",
                                                  G_BINDING_SYNC_CREATE);

  name = g_file_get_basename (file);
  /* Translators: %s is a file name */
  title = g_strdup_printf (_("Opening “%s”…"), name);
  adw_status_page_set_title (self->loading_page, title);
  show_page (self, "loading");

  hs_capture_loader_load_async (self->loader, self->cancellable, load_cb, g_object_ref (self));
}

/* From the error page to the start (or the capture still shown). */
void
_hs_window_go_back (HsWindow *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "error") != 0)
    return;

  show_page (self, self->capture != NULL ? "capture" : "welcome");
}

gboolean
_hs_window_can_go_back (HsWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "error") == 0;
}

void
_hs_window_cancel_load (HsWindow *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

gboolean
hs_window_is_empty (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), FALSE);

  return self->capture == NULL && self->loader == NULL;
}

gboolean
_hs_window_is_loading (HsWindow *self)
{
  return self->loader != NULL;
}

HsCapture *
hs_window_get_capture (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);

  return self->capture;
}

guint
hs_window_get_stream (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), HS_NO_STREAM);

  /* none once disposed */
  return self->session != NULL ? hs_session_get_stream (self->session) : HS_NO_STREAM;
}

guint
hs_window_get_selected_index (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), G_MAXUINT);

  return self->session != NULL ? hs_session_get_selected_index (self->session) : G_MAXUINT;
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

/* Drag and drop ------------------------------------------------------------- */

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         HsWindow      *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = g_value_get_boxed (value);
  if (files == NULL)
    return FALSE;

  hs_window_open_file (self, files->data);
  if (files->next != NULL)
    {
      GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

      for (GSList *l = files->next; l != NULL; l = l->next)
        {
          GFile *one[1] = { l->data };

          g_application_open (app, one, 1, "");
        }
    }
  return TRUE;
}

static void
on_problem_response (GtkInfoBar *bar,
                     int         response,
                     gpointer    user_data)
{
  gtk_info_bar_set_revealed (bar, FALSE);
}

/* Window state ---------------------------------------------------------- */

/* The details pane keeps its height (details-height) as the window changes
 * size; dragging the split changes that height. */
static void
place_content_split (HsWindow *self)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self->content_paned));
  int details = g_settings_get_int (self->settings, "details-height");

  if (height <= 0)
    return;

  self->placing_split = TRUE;
  /* GtkPaned clamps the position so that both children get their minimum */
  gtk_paned_set_position (self->content_paned, MAX (height - details, height / 3));
  self->placing_split = FALSE;
  self->split_placed = TRUE;
}

static gboolean
place_content_split_tick (GtkWidget     *widget,
                          GdkFrameClock *clock,
                          gpointer       user_data)
{
  HsWindow *self = HS_WINDOW (widget);

  self->split_tick = 0;
  place_content_split (self);
  return G_SOURCE_REMOVE;
}

/* GtkPaned keeps the start child's size when the window changes size; put
 * the change on the packet list instead, after the new layout. */
static void
on_window_size_changed (HsWindow *self)
{
  if (self->split_tick == 0)
    self->split_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), place_content_split_tick,
                                                     NULL, NULL);
}

static void
on_content_position (HsWindow *self)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self->content_paned));

  if (self->placing_split || !self->split_placed || height <= 0)
    return;

  g_settings_set_int (self->settings, "details-height",
                      MAX (0, height - gtk_paned_get_position (self->content_paned)));
}

static void
close_then (HsWindow *self,
            gpointer  data)
{
  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
hs_window_close_request (GtkWindow *window)
{
  HsWindow *self = HS_WINDOW (window);
  int width, height;

  /* packets captured here and not saved: ask first, and close afterwards */
  if (!self->closing && _hs_window_has_unsaved (self))
    {
      _hs_window_confirm_unsaved (self, close_then, NULL, NULL);
      return TRUE;
    }
  _hs_window_drop_live (self);

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (hs_window_parent_class)->close_request (window);
}

static void
hs_window_dispose (GObject *object)
{
  HsWindow *self = HS_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  clear_loader (self);
  g_clear_handle_id (&self->fill_source, g_source_remove);
  g_clear_handle_id (&self->focus_source, g_source_remove);
  _hs_window_capture_dispose (self);
  if (self->split_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->split_tick);
      self->split_tick = 0;
    }

  /* the sort, filter and sorters call back into this window: stop an
   * incremental sort and detach them, whoever still holds the models.
   * Emptying the sidebar unselects its connection, which would put every
   * packet in the list first (a second on a million packets): the views
   * let go of the capture before. */
  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      hs_session_set_capture (self->session, NULL, HS_NO_STREAM);
    }
  if (self->sorted_connections != NULL)
    gtk_sort_list_model_set_model (self->sorted_connections, NULL);
  if (self->connection_sorter != NULL)
    {
      gtk_custom_sorter_set_sort_func (self->connection_sorter, NULL, NULL, NULL);
      gtk_custom_sorter_set_sort_func (self->problems_sorter, NULL, NULL, NULL);
      gtk_custom_filter_set_filter_func (self->connection_filter, NULL, NULL, NULL);
      self->connection_sorter = NULL;
      self->problems_sorter = NULL;
      self->connection_filter = NULL;
      self->sorted_connections = NULL;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_WINDOW);

  g_clear_object (&self->connection_selection);
  g_clear_object (&self->connections);
  unwatch_capture (self);
  g_clear_object (&self->capture);
  g_clear_object (&self->file);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (hs_window_parent_class)->dispose (object);
}

static void
hs_window_finalize (GObject *object)
{
  HsWindow *self = HS_WINDOW (object);

  g_clear_pointer (&self->connection_sort, g_free);

  G_OBJECT_CLASS (hs_window_parent_class)->finalize (object);
}

static void
hs_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  HsWindow *self = HS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CAPTURE:
      g_value_set_object (value, self->capture);
      break;
    case PROP_STREAM:
      g_value_set_uint (value, hs_window_get_stream (self));
      break;
    case PROP_SELECTED_INDEX:
      g_value_set_uint (value, hs_window_get_selected_index (self));
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loader != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_window_class_init (HsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = hs_window_dispose;
  object_class->finalize = hs_window_finalize;
  object_class->get_property = hs_window_get_property;

  window_class->close_request = hs_window_close_request;

  properties[PROP_CAPTURE] =
    g_param_spec_object ("capture", NULL, NULL, HS_TYPE_CAPTURE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STREAM] =
    g_param_spec_uint ("stream", NULL, NULL, 0, G_MAXUINT, HS_NO_STREAM,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_INDEX] =
    g_param_spec_uint ("selected-index", NULL, NULL, 0, G_MAXUINT, G_MAXUINT,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HS_TYPE_CAPTURE_PAGE);
  g_type_ensure (HS_TYPE_DETAILS_VIEW);
  g_type_ensure (HS_TYPE_GRAPH_VIEW);
  g_type_ensure (HS_TYPE_LADDER_VIEW);
  g_type_ensure (HS_TYPE_PACKET_LIST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/handshake/Handshake/hs-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, sample_button);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, sample_status);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, recent_group);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, problem_bar);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, problem_label);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, sidebar_flap);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, sidebar_handle);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, connection_search);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, connections_count);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, connection_list);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, content_paned);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, ladder_view);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, packet_list);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, graph_view);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, details_view);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, capture_page);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, capture_bar);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, capture_state_icon);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, capture_state_label);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, capture_source_label);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, capture_counts_label);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, capture_pause_button);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, capture_save_button);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, session);

  _hs_window_class_actions_init (klass);
}

static void
hs_window_init (HsWindow *self)
{
  g_autoptr(GtkStringList) sort_names = gtk_string_list_new (NULL);
  g_autoptr(GAction) sidebar_action = NULL;
  g_autoptr(GAction) view_action = NULL;
  GtkListItemFactory *factory;
  GtkEventController *controller;
  GtkDropTarget *drop;
  const char *settings_actions[] = { "time-format", "problems-first" };

  g_type_ensure (HS_TYPE_SESSION);
  gtk_widget_init_template (GTK_WIDGET (self));

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  adw_status_page_set_icon_name (self->welcome_page, APP_ID);

  self->settings = g_settings_new (SETTINGS_SCHEMA);

  /* window geometry and panes */
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  g_settings_bind (self->settings, "sidebar-width", self->sidebar, "width-request",
                   G_SETTINGS_BIND_DEFAULT);
  setup_sidebar_handle (self);
  g_signal_connect_swapped (self->window_title, "notify::title-visible",
                            G_CALLBACK (update_switcher_bar), self);
  g_signal_connect_swapped (self->content_paned, "notify::max-position",
                            G_CALLBACK (place_content_split), self);
  g_signal_connect (self, "notify::default-height", G_CALLBACK (on_window_size_changed), NULL);
  g_signal_connect (self, "notify::maximized", G_CALLBACK (on_window_size_changed), NULL);
  g_signal_connect (self, "notify::fullscreened", G_CALLBACK (on_window_size_changed), NULL);
  g_signal_connect_swapped (self->main_stack, "notify::visible-child",
                            G_CALLBACK (on_window_size_changed), self);
  g_signal_connect_swapped (self->content_paned, "notify::position",
                            G_CALLBACK (on_content_position), self);

  /* settings-backed actions: win.time-format, win.problems-first */
  for (guint i = 0; i < G_N_ELEMENTS (settings_actions); i++)
    {
      g_autoptr(GAction) action = g_settings_create_action (self->settings, settings_actions[i]);

      g_action_map_add_action (G_ACTION_MAP (self), action);
    }
  g_settings_bind (self->settings, "time-format", self->packet_list, "time-format",
                   G_SETTINGS_BIND_DEFAULT);

  sidebar_action = G_ACTION (g_property_action_new ("show-sidebar", self->sidebar_flap, "reveal-flap"));
  g_action_map_add_action (G_ACTION_MAP (self), sidebar_action);

  /* Ladder, Packets or Graphs: win.view::ladder, win.view::packets,
   * win.view::graphs; each window starts on the page last chosen in any
   * window */
  g_settings_bind (self->settings, "view", self->view_stack, "visible-child-name",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
  view_action = G_ACTION (g_property_action_new ("view", self->view_stack, "visible-child-name"));
  g_action_map_add_action (G_ACTION_MAP (self), view_action);

  /* ladder settings, shared by the windows */
  g_settings_bind (self->settings, "ladder-mode", self->ladder_view, "mode", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "ladder-collapse", self->ladder_view, "collapse",
                   G_SETTINGS_BIND_DEFAULT);

  /* graph settings, shared by the windows */
  g_settings_bind (self->settings, "graph-kind", self->graph_view, "kind", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "graph-direction", self->graph_view, "direction",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "graph-average-window", self->graph_view, "average-window",
                   G_SETTINGS_BIND_DEFAULT);

  /* conversations sidebar */
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
                            G_CALLBACK (on_connection_selected), self);
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
                            G_CALLBACK (update_connections_count), self);

  /* the views and the details follow the session by themselves (their
   * "session" is set in the template); the sidebar follows it here */
  g_signal_connect_swapped (self->session, "notify::stream",
                            G_CALLBACK (on_session_stream), self);
  g_signal_connect_swapped (self->session, "notify::selected-index",
                            G_CALLBACK (on_session_selection), self);

  g_signal_connect (self->problem_bar, "response", G_CALLBACK (on_problem_response), NULL);

  /* the keys of the view shown, wherever the focus is but in a text entry */
  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
  g_signal_connect_swapped (self->view_stack, "notify::visible-child-name",
                            G_CALLBACK (on_view_changed), self);
  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "event", G_CALLBACK (on_sidebar_event), self);
  gtk_widget_add_controller (GTK_WIDGET (self->connection_list), controller);
  g_signal_connect_swapped (self->connection_list, "activate",
                            G_CALLBACK (on_connection_activated), self);
  watch_popup_tooltips (GTK_WIDGET (self));

  /* recent files */
  g_signal_connect (self->recent_list, "row-activated", G_CALLBACK (on_recent_activated), self);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (update_recent), self, G_CONNECT_SWAPPED);
  update_recent (self);

  /* drag and drop */
  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  _hs_window_capture_init (self);
  _hs_window_actions_update (self);
}

HsWindow *
hs_window_new (HsApplication *application)
{
  return g_object_new (HS_TYPE_WINDOW,
                       "application", application,
                       NULL);
}
