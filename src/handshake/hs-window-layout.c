/* hs-window-layout.c
 *
 * The window's layout and focus: the view switcher's place, tooltips in
 * popups, the keys of the view shown, the details pane's height.
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hs-window"

#include "config.h"

#include <glib/gi18n.h>

#include "hs-window-private.h"

/* Layout ------------------------------------------------------------------ */

/* When the header bar is too narrow for the view switcher, the switcher
 * moves to a bar at the bottom of the window. */
void
_hs_window_update_switcher_bar (HsWindow *self)
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
void
_hs_window_focus_shown_view (HsWindow *self)
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
  _hs_window_focus_shown_view (self);
}

static gboolean
connection_chosen_idle (gpointer data)
{
  HsWindow *self = data;

  self->focus_source = 0;
  /* folded over the views, the sidebar has done its job */
  if (adw_flap_get_folded (self->sidebar_flap))
    adw_flap_set_reveal_flap (self->sidebar_flap, FALSE);
  _hs_window_focus_shown_view (self);
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

/* Window state ---------------------------------------------------------- */

/* The details pane keeps its height (details-height) as the window changes
 * size; dragging the split changes that height. */
void
_hs_window_place_content_split (HsWindow *self)
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
  _hs_window_place_content_split (self);
  return G_SOURCE_REMOVE;
}

/* GtkPaned keeps the start child's size when the window changes size; put
 * the change on the packet list instead, after the new layout. */
void
_hs_window_on_window_size_changed (HsWindow *self)
{
  if (self->split_tick == 0)
    self->split_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), place_content_split_tick,
                                                     NULL, NULL);
}

void
_hs_window_on_content_position (HsWindow *self)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self->content_paned));

  if (self->placing_split || !self->split_placed || height <= 0)
    return;

  g_settings_set_int (self->settings, "details-height",
                      MAX (0, height - gtk_paned_get_position (self->content_paned)));
}

/* The keys of the view shown and the focus after a click in the sidebar
 * (hs_window_init). */
void
_hs_window_keys_init (HsWindow *self)
{
  GtkEventController *controller;

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
}
