/* hs-ladder-view.c — HsLadderView: the class, its properties and actions,
 * zoom, following the session
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hs-ladder-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "hs-handshake-enums.h"   /* HS_TYPE_LADDER_VIEW_MODE */
#include "hs-ladder-view-private.h"
#include "hs-wrap-box.h"

/* The view -------------------------------------------------------------- */

G_DEFINE_FINAL_TYPE (HsLadderView, hs_ladder_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_MODE,
  PROP_COLLAPSE,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Zoom ------------------------------------------------------------------ */

void
_hs_ladder_view_update_zoom_controls (HsLadderView *self)
{
  g_autofree char *text = NULL;

  /* Translators: the zoom level of the ladder, "150%" */
  text = g_strdup_printf (_("%.0f%%"), self->zoom * 100);
  gtk_button_set_label (self->zoom_button, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ladder.zoom-in",
                                 self->layout != NULL &&
                                 self->zoom < hs_ladder_layout_get_max_zoom (self->layout) - 1e-9);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ladder.zoom-out",
                                 self->layout != NULL && self->zoom > HS_LADDER_MIN_ZOOM + 1e-9);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ladder.zoom-reset",
                                 self->layout != NULL && fabs (self->zoom - 1) > 1e-9);
}

/* Zooms keeping the packet at `area_y` of the rows area (negative: the
 * selected packet or the middle) where it is. */
void
_hs_ladder_view_zoom_around (HsLadderView *self,
                             double        zoom,
                             double        area_y)
{
  Anchor anchor;
  gboolean anchored;

  /* time-true zooms in until the closest packets are drawn apart */
  zoom = CLAMP (zoom, HS_LADDER_MIN_ZOOM,
                self->layout != NULL ? hs_ladder_layout_get_max_zoom (self->layout)
                                     : HS_LADDER_MAX_TIME_ZOOM);
  if (fabs (zoom - self->zoom) < 1e-9)
    return;

  anchored = area_y >= 0 ? _hs_ladder_view_anchor_at (self, area_y, &anchor)
                         : _hs_ladder_view_anchor_default (self, &anchor);
  self->zoom = zoom;
  if (self->layout != NULL && hs_ladder_layout_set_zoom (self->layout, zoom))
    {
      _hs_ladder_view_geometry_changed (self);
      if (anchored)
        _hs_ladder_view_restore_anchor (self, &anchor);
    }

  _hs_ladder_view_update_zoom_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/* The layout's zoom is within its mode's range (time-true zooms further
 * than packet order): the view shows the zoom the layout uses. */
void
_hs_ladder_view_sync_zoom (HsLadderView *self)
{
  double zoom;

  if (self->layout == NULL)
    return;

  zoom = hs_ladder_layout_get_zoom (self->layout);
  if (fabs (zoom - self->zoom) >= 1e-9)
    {
      self->zoom = zoom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
  _hs_ladder_view_update_zoom_controls (self);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  HsLadderView *self = HS_LADDER_VIEW (widget);

  if (g_str_equal (action_name, "ladder.zoom-in"))
    _hs_ladder_view_zoom_around (self, self->zoom * ZOOM_STEP, -1);
  else if (g_str_equal (action_name, "ladder.zoom-out"))
    _hs_ladder_view_zoom_around (self, self->zoom / ZOOM_STEP, -1);
  else
    _hs_ladder_view_zoom_around (self, 1.0, -1);
}

/* Following the session ------------------------------------------------- */

/* The follower (hs-session-follower.h) keeps what the view shows of the
 * session's: capture, stream, selected_index. */

static void
follow_stream (gpointer data)
{
  _hs_ladder_view_rebuild_layout (HS_LADDER_VIEW (data));
}

static void
follow_selection (gpointer data)
{
  HsLadderView *self = data;
  guint index = self->follower.selected_index;
  guint pos = HS_LADDER_NO_POS;

  if (self->layout != NULL && index != G_MAXUINT)
    pos = hs_ladder_layout_find_frame (self->layout, index);

  self->selected_pos = pos;
  if (pos != HS_LADDER_NO_POS)
    {
      _hs_ladder_view_reveal_pos (self, pos);
      _hs_ladder_view_scroll_to_pos (self, pos, SCROLL_CENTER);
    }
  else if (index != G_MAXUINT && self->follower.capture != NULL &&
           hs_capture_is_live (self->follower.capture))
    /* a packet newer than the layout: shown once the layout follows */
    hs_view_throttle_queue (&self->live_update);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

/* A new capture, with its stream and selection: the view changes once. */
static void
follow_capture (gpointer data)
{
  HsLadderView *self = data;

  /* names are kept per connection of one capture */
  g_hash_table_remove_all (self->names);
  _hs_ladder_view_rebuild_layout (self);
}

static const HsSessionFollowerFuncs follower_funcs = {
  .capture_changed = follow_capture,
  .stream_changed = follow_stream,
  .selection_changed = follow_selection,
  .packets_added = _hs_ladder_view_packets_added,
  .time_range_changed = _hs_ladder_view_follow_time_range,
};

/* GObject --------------------------------------------------------------- */

static void
hs_ladder_view_dispose (GObject *object)
{
  HsLadderView *self = HS_LADDER_VIEW (object);

  hs_session_follower_clear (&self->follower);
  g_clear_handle_id (&self->legend_idle, g_source_remove);
  _hs_ladder_view_clear_range (self);
  hs_view_throttle_clear (&self->live_update);
  if (self->canvas != NULL)
    self->canvas->view = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_LADDER_VIEW);

  g_clear_pointer (&self->layout, hs_ladder_layout_free);

  G_OBJECT_CLASS (hs_ladder_view_parent_class)->dispose (object);
}

static void
hs_ladder_view_finalize (GObject *object)
{
  HsLadderView *self = HS_LADDER_VIEW (object);

  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->expanded, g_array_unref);

  G_OBJECT_CLASS (hs_ladder_view_parent_class)->finalize (object);
}

static void
hs_ladder_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HsLadderView *self = HS_LADDER_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->follower.session);
      break;
    case PROP_MODE:
      g_value_set_enum (value, self->mode);
      break;
    case PROP_COLLAPSE:
      g_value_set_boolean (value, self->collapse);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_ladder_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HsLadderView *self = HS_LADDER_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      hs_ladder_view_set_session (self, g_value_get_object (value));
      break;
    case PROP_MODE:
      hs_ladder_view_set_mode (self, g_value_get_enum (value));
      break;
    case PROP_COLLAPSE:
      hs_ladder_view_set_collapse (self, g_value_get_boolean (value));
      break;
    case PROP_ZOOM:
      hs_ladder_view_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_ladder_view_class_init (HsLadderViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hs_ladder_view_dispose;
  object_class->finalize = hs_ladder_view_finalize;
  object_class->get_property = hs_ladder_view_get_property;
  object_class->set_property = hs_ladder_view_set_property;

  properties[PROP_SESSION] = hs_session_follower_param_spec ();
  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL, HS_TYPE_LADDER_VIEW_MODE, HS_LADDER_PACKET_ORDER,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLLAPSE] =
    g_param_spec_boolean ("collapse", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, HS_LADDER_MIN_ZOOM, HS_LADDER_MAX_TIME_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HS_TYPE_LADDER_CANVAS);
  g_type_ensure (HS_TYPE_WRAP_BOX);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/handshake/Handshake/hs-ladder-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HsLadderView, stack);
  gtk_widget_class_bind_template_child (widget_class, HsLadderView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, HsLadderView, scroller);
  gtk_widget_class_bind_template_child (widget_class, HsLadderView, canvas);
  gtk_widget_class_bind_template_child (widget_class, HsLadderView, overview);
  gtk_widget_class_bind_template_child (widget_class, HsLadderView, legend_area);
  gtk_widget_class_bind_template_child (widget_class, HsLadderView, legend_revealer);
  gtk_widget_class_bind_template_child (widget_class, HsLadderView, zoom_button);

  gtk_widget_class_install_property_action (widget_class, "ladder.mode", "mode");
  gtk_widget_class_install_property_action (widget_class, "ladder.collapse", "collapse");
  hs_view_class_install_zoom (widget_class, "ladder", zoom_action);
  gtk_widget_class_install_action (widget_class, "ladder.toggle-run", NULL,
                                   _hs_ladder_view_toggle_run_action);
  gtk_widget_class_install_action (widget_class, "ladder.rename", NULL,
                                   _hs_ladder_view_rename_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ladderview");
}

static void
hs_ladder_view_init (HsLadderView *self)
{
  self->mode = HS_LADDER_PACKET_ORDER;
  self->zoom = 1.0;
  self->collapse = TRUE;
  self->selected_pos = HS_LADDER_NO_POS;
  self->hover_pos = HS_LADDER_NO_POS;
  hs_view_throttle_init (&self->live_update, GTK_WIDGET (self), _hs_ladder_view_live_relayout,
                         self);
  self->menu_row = HS_LADDER_NO_POS;
  self->pending_pos = HS_LADDER_NO_POS;
  self->pointer_y = -1;
  self->names = g_hash_table_new_full (NULL, NULL, NULL, _hs_ladder_view_endpoint_names_free);
  self->expanded = g_array_new (FALSE, FALSE, sizeof (ExpandedRun));

  hs_session_follower_init (&self->follower, self, &follower_funcs);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->canvas->view = self;

  _hs_ladder_view_init_drawing (self);
  _hs_ladder_view_init_input (self);

  _hs_ladder_view_update_empty_page (self);
  _hs_ladder_view_update_actions (self);
}

/* Public API ------------------------------------------------------------ */

GtkWidget *
hs_ladder_view_new (void)
{
  return g_object_new (HS_TYPE_LADDER_VIEW, NULL);
}

/* The session the view follows, set once (by the window's template). */
void
hs_ladder_view_set_session (HsLadderView *self,
                          HsSession    *session)
{
  g_return_if_fail (HS_IS_LADDER_VIEW (self));
  g_return_if_fail (!session || HS_IS_SESSION (session));

  if (hs_session_follower_set_session (&self->follower, session))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

HsSession *
hs_ladder_view_get_session (HsLadderView *self)
{
  g_return_val_if_fail (HS_IS_LADDER_VIEW (self), NULL);

  return self->follower.session;
}

guint
hs_ladder_view_get_stream (HsLadderView *self)
{
  g_return_val_if_fail (HS_IS_LADDER_VIEW (self), HS_NO_STREAM);

  return self->follower.stream;
}

guint
hs_ladder_view_get_selected_index (HsLadderView *self)
{
  g_return_val_if_fail (HS_IS_LADDER_VIEW (self), G_MAXUINT);

  return self->follower.selected_index;
}

void
hs_ladder_view_set_mode (HsLadderView *self,
                         HsLadderMode  mode)
{
  Anchor anchor;
  gboolean anchored;

  g_return_if_fail (HS_IS_LADDER_VIEW (self));

  if (mode != HS_LADDER_TIME_TRUE)
    mode = HS_LADDER_PACKET_ORDER;
  if (self->mode == mode)
    return;

  anchored = _hs_ladder_view_anchor_default (self, &anchor);
  self->mode = mode;
  if (self->layout != NULL && hs_ladder_layout_set_mode (self->layout, mode))
    {
      _hs_ladder_view_geometry_changed (self);
      if (anchored)
        _hs_ladder_view_restore_anchor (self, &anchor);
    }
  _hs_ladder_view_sync_zoom (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

HsLadderMode
hs_ladder_view_get_mode (HsLadderView *self)
{
  g_return_val_if_fail (HS_IS_LADDER_VIEW (self), HS_LADDER_PACKET_ORDER);

  return self->mode;
}

void
hs_ladder_view_set_collapse (HsLadderView *self,
                             gboolean      collapse)
{
  Anchor anchor;
  gboolean anchored;

  g_return_if_fail (HS_IS_LADDER_VIEW (self));

  collapse = !!collapse;
  if (self->collapse == collapse)
    return;

  anchored = _hs_ladder_view_anchor_default (self, &anchor);
  self->collapse = collapse;
  /* turning collapsing off and on again collapses every run again */
  _hs_ladder_view_forget_expanded (self);
  if (self->layout != NULL && hs_ladder_layout_set_collapse (self->layout, collapse))
    {
      /* the selected packet stays in sight */
      if (self->selected_pos != HS_LADDER_NO_POS)
        _hs_ladder_view_reveal_pos (self, self->selected_pos);
      _hs_ladder_view_geometry_changed (self);
      if (anchored)
        _hs_ladder_view_restore_anchor (self, &anchor);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLLAPSE]);
}

gboolean
hs_ladder_view_get_collapse (HsLadderView *self)
{
  g_return_val_if_fail (HS_IS_LADDER_VIEW (self), FALSE);

  return self->collapse;
}

void
hs_ladder_view_set_zoom (HsLadderView *self,
                         double        zoom)
{
  g_return_if_fail (HS_IS_LADDER_VIEW (self));

  _hs_ladder_view_zoom_around (self, zoom, -1);
}

double
hs_ladder_view_get_zoom (HsLadderView *self)
{
  g_return_val_if_fail (HS_IS_LADDER_VIEW (self), 1.0);

  return self->zoom;
}

gboolean
hs_ladder_view_get_visible_range (HsLadderView *self,
                                  guint        *first_pos,
                                  guint        *last_pos)
{
  const HsLadderRow *last_row;
  guint first, last;
  double v;

  g_return_val_if_fail (HS_IS_LADDER_VIEW (self), FALSE);

  if (self->layout == NULL)
    return FALSE;

  v = _hs_ladder_view_scroll_y (self);
  if (!hs_ladder_layout_visible_rows (self->layout, v,
                                      v + MAX (1, _hs_ladder_view_rows_area_height (self)),
                                      &first, &last))
    return FALSE;

  last_row = hs_ladder_layout_get_row (self->layout, last);
  *first_pos = hs_ladder_layout_get_row (self->layout, first)->first;
  *last_pos = last_row->first + MAX (last_row->n, 1) - 1;
  return TRUE;
}

gboolean
hs_ladder_view_is_dark (HsLadderView *self)
{
  g_return_val_if_fail (HS_IS_LADDER_VIEW (self), FALSE);

  return self->dark;
}

HsLadderLayout *
hs_ladder_view_get_layout (HsLadderView *self)
{
  g_return_val_if_fail (HS_IS_LADDER_VIEW (self), NULL);

  return self->layout;
}

GtkWidget *
hs_ladder_view_get_canvas (HsLadderView *self)
{
  g_return_val_if_fail (HS_IS_LADDER_VIEW (self), NULL);

  return GTK_WIDGET (self->canvas);
}

double
hs_ladder_view_get_scroll_y (HsLadderView *self)
{
  g_return_val_if_fail (HS_IS_LADDER_VIEW (self), 0);

  return _hs_ladder_view_scroll_y (self);
}

void
hs_ladder_view_layout_to_canvas (HsLadderView *self,
                                 double        layout_x,
                                 double        layout_y,
                                 double       *canvas_x,
                                 double       *canvas_y)
{
  g_return_if_fail (HS_IS_LADDER_VIEW (self));

  *canvas_x = layout_x - _hs_ladder_view_scroll_x (self);
  *canvas_y = layout_y - _hs_ladder_view_scroll_y (self) + hs_ladder_header_height ();
}
