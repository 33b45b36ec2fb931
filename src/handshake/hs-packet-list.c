/* hs-packet-list.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hs-packet-list"

#include "config.h"

#include <glib/gi18n.h>

#include <adwaita.h>

#include "hs-packet-list-private.h"

/* The widget: its template, properties and legend, and following the
 * session.  The rows are in hs-packet-list-model.c, the cells in -cells.c,
 * the columns' widths in -widths.c, scrolling in -scroll.c. */

G_DEFINE_FINAL_TYPE (HsPacketList, hs_packet_list, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

void
_hs_packet_list_notify (HsPacketList *self,
                        guint         prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* Following the session ------------------------------------------------- */

/* The follower (hs-session-follower.h) keeps what the list shows of the
 * session's: capture, stream, selected_index; the list's own
 * selected_index is the row it has selected, and show_all its All Packets
 * mode. */

static void
follow_stream (gpointer data)
{
  HsPacketList *self = data;

  self->syncing = TRUE;
  if (!self->show_all)
    _hs_packet_list_rebuild_model (self);
  self->syncing = FALSE;
}

static void
follow_selection (gpointer data)
{
  HsPacketList *self = data;
  guint index = self->follower.selected_index;

  /* selected here first */
  if (self->selected_index == index)
    return;

  self->syncing = TRUE;
  _hs_packet_list_select_index (self, index);
  self->syncing = FALSE;
}

/* Once for a new capture, with its first connection: a big capture never
 * puts all its packets in the list only to take them out again (with GTK
 * 4.8 a million-row model change costs the main loop about a third of a
 * second). */
static void
follow_capture (gpointer data)
{
  HsPacketList *self = data;

  self->syncing = TRUE;
  /* the rows of the capture shown go first: rebound with the new
   * capture they would read past its packets */
  if (self->model != NULL && self->follower.capture != NULL)
    _hs_packet_list_clear_rows (self);
  _hs_packet_list_clear_widest (self);
  _hs_packet_list_start_widest_scan (self);
  self->selected_index = G_MAXUINT;
  self->n_related = 0;
  _hs_packet_list_rebuild_model (self);
  self->syncing = FALSE;
  follow_selection (self);
}

static const HsSessionFollowerFuncs follower_funcs = {
  .capture_changed = follow_capture,
  .stream_changed = follow_stream,
  .selection_changed = follow_selection,
};

static void
on_toggles_changed (HsPacketList *self)
{
  _hs_packet_list_set_show_all (self, gtk_toggle_button_get_active (self->all_button));
  _hs_packet_list_set_anomalies_only (self, gtk_toggle_button_get_active (self->anomalies_button));
}

static void
on_kind_selected (HsPacketList *self)
{
  _hs_packet_list_set_kind (self, gtk_drop_down_get_selected (self->kind_dropdown));
}

static void
build_legend (HsPacketList *self)
{
  int row = 0;

  for (guint k = HS_ANOMALY_CLASS_NONE + 1; k < HS_ANOMALY_CLASS_LAST; k++)
    {
      g_autofree char *css = g_strconcat ("hs-", hs_anomaly_class_css_name (k), NULL);
      GtkWidget *swatch = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *label = gtk_label_new (hs_anomaly_class_label (k));
      GtkWidget *desc = gtk_label_new (hs_anomaly_class_description (k));

      gtk_widget_add_css_class (swatch, "hs-swatch");
      gtk_widget_add_css_class (swatch, css);
      gtk_widget_set_size_request (swatch, 28, 18);
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      gtk_label_set_xalign (GTK_LABEL (desc), 0);
      gtk_label_set_wrap (GTK_LABEL (desc), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (desc), 48);
      gtk_widget_add_css_class (desc, "dim-label");

      gtk_grid_attach (self->legend_grid, swatch, 0, row, 1, 1);
      gtk_grid_attach (self->legend_grid, label, 1, row, 1, 1);
      gtk_grid_attach (self->legend_grid, desc, 2, row, 1, 1);
      row++;
    }
}

static void
hs_packet_list_dispose (GObject *object)
{
  GtkWidget *child;
  HsPacketList *self = HS_PACKET_LIST (object);

  hs_session_follower_clear (&self->follower);
  _hs_packet_list_stop_showing_end (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_PACKET_LIST);
  /* children the template does not bind (separators, boxes) */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  _hs_packet_list_set_model (self, NULL);
  _hs_packet_list_clear_widest (self);

  G_OBJECT_CLASS (hs_packet_list_parent_class)->dispose (object);
}

static void
hs_packet_list_finalize (GObject *object)
{
  HsPacketList *self = HS_PACKET_LIST (object);

  _hs_packet_list_clear_cache (self);
  _hs_packet_list_clear_widest (self);
  g_clear_pointer (&self->bound_marks, g_ptr_array_unref);
  g_clear_pointer (&self->time_format, g_free);

  G_OBJECT_CLASS (hs_packet_list_parent_class)->finalize (object);
}

static void
hs_packet_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HsPacketList *self = HS_PACKET_LIST (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->follower.session);
      break;
    case PROP_SHOW_ALL:
      g_value_set_boolean (value, self->show_all);
      break;
    case PROP_ANOMALIES_ONLY:
      g_value_set_boolean (value, self->anomalies_only);
      break;
    case PROP_KIND:
      g_value_set_uint (value, self->kind);
      break;
    case PROP_TIME_FORMAT:
      g_value_set_string (value, self->time_format);
      break;
    case PROP_SELECTED_INDEX:
      g_value_set_uint (value, self->selected_index);
      break;
    case PROP_N_SHOWN:
      g_value_set_uint (value, hs_packet_list_get_n_shown (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_packet_list_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HsPacketList *self = HS_PACKET_LIST (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      hs_packet_list_set_session (self, g_value_get_object (value));
      break;
    case PROP_SHOW_ALL:
      _hs_packet_list_set_show_all (self, g_value_get_boolean (value));
      break;
    case PROP_ANOMALIES_ONLY:
      _hs_packet_list_set_anomalies_only (self, g_value_get_boolean (value));
      break;
    case PROP_KIND:
      _hs_packet_list_set_kind (self, g_value_get_uint (value));
      break;
    case PROP_TIME_FORMAT:
      _hs_packet_list_set_time_format (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_packet_list_class_init (HsPacketListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hs_packet_list_dispose;
  object_class->finalize = hs_packet_list_finalize;
  object_class->get_property = hs_packet_list_get_property;
  object_class->set_property = hs_packet_list_set_property;

  properties[PROP_SESSION] = hs_session_follower_param_spec ();
  properties[PROP_SHOW_ALL] =
    g_param_spec_boolean ("show-all", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANOMALIES_ONLY] =
    g_param_spec_boolean ("anomalies-only", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_uint ("kind", NULL, NULL, 0, N_KINDS - 1, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME_FORMAT] =
    g_param_spec_string ("time-format", NULL, NULL, "relative",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_INDEX] =
    g_param_spec_uint ("selected-index", NULL, NULL, 0, G_MAXUINT, G_MAXUINT,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_SHOWN] =
    g_param_spec_uint ("n-shown", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/handshake/Handshake/hs-packet-list.ui");
  gtk_widget_class_bind_template_child (widget_class, HsPacketList, connection_button);
  gtk_widget_class_bind_template_child (widget_class, HsPacketList, all_button);
  gtk_widget_class_bind_template_child (widget_class, HsPacketList, anomalies_button);
  gtk_widget_class_bind_template_child (widget_class, HsPacketList, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HsPacketList, count_label);
  gtk_widget_class_bind_template_child (widget_class, HsPacketList, legend_grid);
  gtk_widget_class_bind_template_child (widget_class, HsPacketList, stack);
  gtk_widget_class_bind_template_child (widget_class, HsPacketList, column_view);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "packetlist");
}

static void
hs_packet_list_init (HsPacketList *self)
{
  g_autoptr(GtkStringList) kind_names = gtk_string_list_new (NULL);

  self->selected_index = G_MAXUINT;
  self->cache_index = G_MAXUINT;
  self->cell_padding = -1;
  self->time_format = g_strdup ("relative");
  self->bound_marks = g_ptr_array_new ();

  hs_session_follower_init (&self->follower, self, &follower_funcs);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  for (guint i = 0; i < N_KINDS; i++)
    gtk_string_list_append (kind_names, _(_hs_packet_list_kind_label (i)));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kind_names));

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (_hs_packet_list_on_selection_changed), self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  /* the scrolled window's, for the life of the list */
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view)),
                           "changed", G_CALLBACK (_hs_packet_list_on_vadjustment_changed), self, 0);

  _hs_packet_list_build_columns (self);
  build_legend (self);

  g_signal_connect_swapped (self->all_button, "toggled", G_CALLBACK (on_toggles_changed), self);
  g_signal_connect_swapped (self->anomalies_button, "toggled", G_CALLBACK (on_toggles_changed), self);
  g_signal_connect_swapped (self->kind_dropdown, "notify::selected", G_CALLBACK (on_kind_selected), self);

  _hs_packet_list_update_count (self);
}

GtkWidget *
hs_packet_list_new (void)
{
  return g_object_new (HS_TYPE_PACKET_LIST, NULL);
}

/* The session the list follows, set once (by the window's template). */
void
hs_packet_list_set_session (HsPacketList *self,
                            HsSession    *session)
{
  g_return_if_fail (HS_IS_PACKET_LIST (self));
  g_return_if_fail (!session || HS_IS_SESSION (session));

  if (hs_session_follower_set_session (&self->follower, session))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

HsSession *
hs_packet_list_get_session (HsPacketList *self)
{
  g_return_val_if_fail (HS_IS_PACKET_LIST (self), NULL);

  return self->follower.session;
}

guint
hs_packet_list_get_selected_index (HsPacketList *self)
{
  g_return_val_if_fail (HS_IS_PACKET_LIST (self), G_MAXUINT);

  return self->selected_index;
}

guint
hs_packet_list_get_n_shown (HsPacketList *self)
{
  g_return_val_if_fail (HS_IS_PACKET_LIST (self), 0);

  return self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
}

GListModel *
hs_packet_list_get_model (HsPacketList *self)
{
  g_return_val_if_fail (HS_IS_PACKET_LIST (self), NULL);

  return G_LIST_MODEL (self->model);
}
