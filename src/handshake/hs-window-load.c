/* hs-window-load.c
 *
 * Opening a capture in the window: loading, the error and problem shown,
 * the capture set on the views, recent files and dropped files.
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hs-window"

#include "config.h"

#include <glib/gi18n.h>

#include "hs-window-private.h"

#define MAX_RECENT 8
/* the group of the recent files this window adds: opened captures */
#define RECENT_GROUP "handshake-capture"

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
  _hs_window_update_switcher_bar (self);
  /* the sidebar of connections is on the capture's page only */
  gtk_widget_set_visible (self->sidebar_button, g_str_equal (name, "capture"));
  /* a capture just opened: its view takes the keys (a live capture's
   * document replaced while shown leaves the focus where it is) */
  if (!was_capture && g_str_equal (name, "capture"))
    _hs_window_focus_shown_view (self);
  _hs_window_actions_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), _hs_window_properties[WINDOW_PROP_LOADING]);
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

  n_conns = _hs_window_count_connections (self);
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
  /* a stream number that gets its first segment is listed from now on */
  if (_hs_window_track_empty_streams (self, old_n_connections, changed, n_changed))
    gtk_filter_changed (GTK_FILTER (self->connection_filter), GTK_FILTER_CHANGE_LESS_STRICT);
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
  _hs_window_update_connections_count (self);
}

static void
on_capture_live_changed (HsWindow *self)
{
  update_subtitle (self);
  _hs_window_actions_update (self);
}

void
_hs_window_unwatch_capture (HsWindow *self)
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
      _hs_window_unwatch_capture (self);
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
  g_clear_pointer (&self->empty_streams, g_hash_table_unref);
  _hs_window_track_empty_streams (self, 0, NULL, 0);
  _hs_window_start_sidebar_fill (self, g_list_model_get_n_items (connections));
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

  _hs_window_update_connections_count (self);

  /* the first connection's first packet explained */
  _hs_window_on_connection_selected (self);

  show_page (self, "capture");
  g_object_notify_by_pspec (G_OBJECT (self), _hs_window_properties[WINDOW_PROP_CAPTURE]);
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

void
_hs_window_clear_loader (HsWindow *self)
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

  _hs_window_clear_loader (self);

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
  _hs_window_clear_loader (self);

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

void
_hs_window_on_problem_response (GtkInfoBar *bar,
                                int         response,
                                gpointer    user_data)
{
  gtk_info_bar_set_revealed (bar, FALSE);
}

/* Recent files and dropped files (hs_window_init). */
void
_hs_window_recent_init (HsWindow *self)
{
  GtkDropTarget *drop;

  /* recent files */
  g_signal_connect (self->recent_list, "row-activated", G_CALLBACK (on_recent_activated), self);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (update_recent), self, G_CONNECT_SWAPPED);
  update_recent (self);

  /* drag and drop */
  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}
