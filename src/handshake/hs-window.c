/* hs-window.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hs-window"

#include "config.h"

#include <glib/gi18n.h>

#include "hs-window-private.h"

#define SETTINGS_SCHEMA "io.github.handshake.Handshake"

G_DEFINE_FINAL_TYPE (HsWindow, hs_window, ADW_TYPE_APPLICATION_WINDOW)

GParamSpec *_hs_window_properties[WINDOW_N_PROPS];

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

/* Window state ---------------------------------------------------------- */

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
  _hs_window_clear_loader (self);
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
  g_clear_pointer (&self->empty_streams, g_hash_table_unref);
  _hs_window_unwatch_capture (self);
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
    case WINDOW_PROP_CAPTURE:
      g_value_set_object (value, self->capture);
      break;
    case WINDOW_PROP_STREAM:
      g_value_set_uint (value, hs_window_get_stream (self));
      break;
    case WINDOW_PROP_SELECTED_INDEX:
      g_value_set_uint (value, hs_window_get_selected_index (self));
      break;
    case WINDOW_PROP_LOADING:
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

  _hs_window_properties[WINDOW_PROP_CAPTURE] =
    g_param_spec_object ("capture", NULL, NULL, HS_TYPE_CAPTURE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _hs_window_properties[WINDOW_PROP_STREAM] =
    g_param_spec_uint ("stream", NULL, NULL, 0, G_MAXUINT, HS_NO_STREAM,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _hs_window_properties[WINDOW_PROP_SELECTED_INDEX] =
    g_param_spec_uint ("selected-index", NULL, NULL, 0, G_MAXUINT, G_MAXUINT,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _hs_window_properties[WINDOW_PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, WINDOW_N_PROPS, _hs_window_properties);

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
  g_autoptr(GAction) sidebar_action = NULL;
  g_autoptr(GAction) view_action = NULL;
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
  _hs_window_setup_sidebar_handle (self);
  g_signal_connect_swapped (self->window_title, "notify::title-visible",
                            G_CALLBACK (_hs_window_update_switcher_bar), self);
  g_signal_connect_swapped (self->content_paned, "notify::max-position",
                            G_CALLBACK (_hs_window_place_content_split), self);
  g_signal_connect (self, "notify::default-height", G_CALLBACK (_hs_window_on_window_size_changed), NULL);
  g_signal_connect (self, "notify::maximized", G_CALLBACK (_hs_window_on_window_size_changed), NULL);
  g_signal_connect (self, "notify::fullscreened", G_CALLBACK (_hs_window_on_window_size_changed), NULL);
  g_signal_connect_swapped (self->main_stack, "notify::visible-child",
                            G_CALLBACK (_hs_window_on_window_size_changed), self);
  g_signal_connect_swapped (self->content_paned, "notify::position",
                            G_CALLBACK (_hs_window_on_content_position), self);

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

  _hs_window_sidebar_init (self);

  g_signal_connect (self->problem_bar, "response", G_CALLBACK (_hs_window_on_problem_response), NULL);

  _hs_window_keys_init (self);

  _hs_window_recent_init (self);

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
