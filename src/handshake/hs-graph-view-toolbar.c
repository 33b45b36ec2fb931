/* hs-graph-view-toolbar.c — the toolbar, the empty page, the readout
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hs-graph-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "hs-graph-view-private.h"

/* The averaging windows the toolbar offers after "Auto", in seconds. */
static const double average_presets[] = {
  0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5,
  1, 2, 5, 10, 30, 60,
};

G_STATIC_ASSERT (G_N_ELEMENTS (average_presets) == HS_GRAPH_VIEW_N_PRESETS);

/* Toolbar --------------------------------------------------------------- */

void
_hs_graph_view_update_actions (HsGraphView *self)
{
  gboolean shown = self->has_connection;
  gboolean zoomed = self->graph != NULL ? hs_graph_is_zoomed (self->graph) : self->time_zoomed;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "graph.zoom-in", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "graph.zoom-out", shown && zoomed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "graph.zoom-reset", shown && zoomed);
}

void
_hs_graph_view_update_direction_tooltips (HsGraphView *self)
{
  const HsConnection *conn = NULL;

  if (self->has_connection)
    conn = hs_capture_get_connection (self->follower.capture, self->follower.stream);

  if (conn != NULL)
    {
      g_autofree char *a = hs_connection_dup_endpoint (conn, 0);
      g_autofree char *b = hs_connection_dup_endpoint (conn, 1);
      g_autofree char *to_server = NULL;
      g_autofree char *to_client = NULL;

      /* Translators: the tooltip of a direction of the graphs; the first %s
       * is the sender's address and port, "192.0.2.1:51234", the second the
       * receiver's */
      to_server = g_strdup_printf (_("What %s sends to %s"), a, b);
      /* Translators: as above, the other way */
      to_client = g_strdup_printf (_("What %s sends to %s"), b, a);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->client_button), to_server);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->server_button), to_client);
    }
  else
    {
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->client_button),
                                   _("What the side that sent the first packet sends"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->server_button),
                                   _("What the other side sends"));
    }
}

/* "100 µs", "5 ms", "2 s"; a window that is not a whole number of them
 * as hs_format_duration() writes it. */
static char *
format_average (double seconds)
{
  if (fabs (seconds * 1e6 - round (seconds * 1e6)) < 1e-6 && seconds < 0.001)
    /* Translators: an averaging window of the throughput graph, in
     * microseconds: "100 µs" */
    return g_strdup_printf (_("%.0f µs"), seconds * 1e6);
  if (fabs (seconds * 1e3 - round (seconds * 1e3)) < 1e-6 && seconds < 1)
    /* Translators: an averaging window of the throughput graph, in
     * milliseconds: "100 ms" */
    return g_strdup_printf (_("%.0f ms"), seconds * 1e3);
  if (fabs (seconds - round (seconds)) < 1e-6)
    /* Translators: an averaging window of the throughput graph, in
     * seconds: "10 s" */
    return g_strdup_printf (_("%.0f s"), seconds);
  return hs_format_duration ((gint64) llround (seconds * 1e9));
}

/* The averaging dropdown: "Auto (5 ms)" with the window that fits the
 * connection shown (when its graph is built), the presets, and the window
 * chosen if it is none of them; the one in use selected. */
static void
update_average_dropdown (HsGraphView *self)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  double chosen = self->average_window;
  gboolean inserted = chosen <= 0;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->averages));
  guint selected = 0;
  gboolean same;
  guint i;

  if (self->graph != NULL && !self->graph_stale &&
      hs_graph_get_kind (self->graph) == HS_GRAPH_THROUGHPUT)
    {
      g_autofree char *value =
        format_average (hs_graph_get_auto_average_window (self->graph) / 1e9);

      /* Translators: the first choice of the throughput graph's averaging
       * window: the one that fits the connection's length, "Auto (5 ms)";
       * keep it short, the toolbar is narrow */
      g_ptr_array_add (texts, g_strdup_printf (_("Auto (%s)"), value));
    }
  else
    /* Translators: as "Auto (5 ms)" before the window is known */
    g_ptr_array_add (texts, g_strdup (C_("average window", "Auto")));
  self->average_items[0] = 0;

  for (i = 0; i < G_N_ELEMENTS (average_presets); i++)
    {
      double preset = average_presets[i];
      gboolean is_preset = fabs (chosen - preset) <= chosen * 1e-9;

      /* a window set elsewhere (in the settings), shown where it belongs */
      if (!inserted && chosen < preset && !is_preset)
        {
          selected = texts->len;
          self->average_items[texts->len] = chosen;
          g_ptr_array_add (texts, format_average (chosen));
          inserted = TRUE;
        }
      if (!inserted && is_preset)
        {
          selected = texts->len;
          inserted = TRUE;
        }
      self->average_items[texts->len] = preset;
      g_ptr_array_add (texts, format_average (preset));
    }

  same = n_old == texts->len;
  for (i = 0; same && i < n_old; i++)
    same = g_strcmp0 (gtk_string_list_get_string (self->averages, i),
                      g_ptr_array_index (texts, i)) == 0;
  if (!same)
    {
      g_ptr_array_add (texts, NULL);
      gtk_string_list_splice (self->averages, 0, n_old,
                              (const char * const *) (gpointer) texts->pdata);
    }
  gtk_drop_down_set_selected (self->average_dropdown, selected);
}

/* The toolbar shows the state: the kind, the directions drawn (for the
 * time-sequence graphs the one they draw), the averaging window. */
void
_hs_graph_view_update_toolbar (HsGraphView *self)
{
  HsGraphDirections drawn;
  gboolean one_direction = _hs_graph_view_is_time_sequence (self->kind);

  self->updating = TRUE;

  gtk_drop_down_set_selected (self->kind_dropdown, self->kind);
  gtk_widget_set_visible (self->average_box, self->kind == HS_GRAPH_THROUGHPUT);
  update_average_dropdown (self);

  if (self->graph != NULL && !self->graph_stale)
    drawn = hs_graph_get_directions (self->graph);
  else
    drawn = _hs_graph_view_wanted_directions (self);

  gtk_widget_set_visible (GTK_WIDGET (self->both_button), !one_direction);
  if (drawn == HS_GRAPH_DIR_0)
    gtk_toggle_button_set_active (self->client_button, TRUE);
  else if (drawn == HS_GRAPH_DIR_1)
    gtk_toggle_button_set_active (self->server_button, TRUE);
  else
    gtk_toggle_button_set_active (self->both_button, TRUE);

  self->updating = FALSE;
}

/* The painter draws the graph's warning in a band above the plot (on
 * more lines when narrow); the text is also the band's tooltip and the
 * canvas's accessible description. */
void
_hs_graph_view_update_warning (HsGraphView *self)
{
  const char *warning = self->graph != NULL ? hs_graph_get_warning (self->graph) : NULL;

  if (warning != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, warning, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->canvas),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

void
_hs_graph_view_set_readout (HsGraphView *self,
             char        *text)
{
  g_free (self->readout);
  self->readout = text;
  gtk_label_set_text (self->readout_label, text != NULL ? text : "");
}

void
_hs_graph_view_update_empty_page (HsGraphView *self)
{
  if (self->follower.capture != NULL && hs_capture_get_n_connections (self->follower.capture) == 0)
    {
      adw_status_page_set_title (self->empty_page, _("No TCP Connections"));
      adw_status_page_set_description (self->empty_page,
                                       _("This capture has no TCP connection to draw."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Connection Selected"));
      adw_status_page_set_description (self->empty_page,
                                       _("Choose a connection in the sidebar to see its graphs."));
    }
}

static void
on_kind_selected (HsGraphView *self)
{
  guint selected = gtk_drop_down_get_selected (self->kind_dropdown);

  if (!self->updating && selected < HS_GRAPH_N_KINDS)
    hs_graph_view_set_kind (self, (HsGraphKind)selected);
}

static void
on_average_selected (HsGraphView *self)
{
  guint selected = gtk_drop_down_get_selected (self->average_dropdown);

  if (!self->updating && selected < g_list_model_get_n_items (G_LIST_MODEL (self->averages)))
    hs_graph_view_set_average_window (self, self->average_items[selected]);
}

static void
on_direction_toggled (GtkToggleButton *button,
                      HsGraphView     *self)
{
  if (self->updating || !gtk_toggle_button_get_active (button))
    return;

  if (button == self->client_button)
    hs_graph_view_set_direction (self, HS_GRAPH_VIEW_CLIENT_TO_SERVER);
  else if (button == self->server_button)
    hs_graph_view_set_direction (self, HS_GRAPH_VIEW_SERVER_TO_CLIENT);
  else
    hs_graph_view_set_direction (self, HS_GRAPH_VIEW_BOTH);
}

/* The toolbar's models and signals, in the view's init. */
void
_hs_graph_view_init_toolbar (HsGraphView *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  for (guint k = 0; k < HS_GRAPH_N_KINDS; k++)
    gtk_string_list_append (kinds, hs_graph_kind_get_title ((HsGraphKind)k));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));

  self->averages = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->average_dropdown, G_LIST_MODEL (self->averages));

  g_signal_connect_swapped (self->kind_dropdown, "notify::selected",
                            G_CALLBACK (on_kind_selected), self);
  g_signal_connect_swapped (self->average_dropdown, "notify::selected",
                            G_CALLBACK (on_average_selected), self);
  g_signal_connect (self->both_button, "toggled", G_CALLBACK (on_direction_toggled), self);
  g_signal_connect (self->client_button, "toggled", G_CALLBACK (on_direction_toggled), self);
  g_signal_connect (self->server_button, "toggled", G_CALLBACK (on_direction_toggled), self);
}
