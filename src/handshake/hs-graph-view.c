/* hs-graph-view.c — life cycle, properties, following the session
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hs-graph-view"

#include "config.h"

#include <math.h>

#include "hs-graph-view-private.h"
#include "hs-handshake-enums.h"
#include "hs-wrap-box.h"

#define MIN_AVERAGE     0.0001
#define MAX_AVERAGE     60.0

G_DEFINE_FINAL_TYPE (HsGraphView, hs_graph_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_KIND,
  PROP_DIRECTION,
  PROP_AVERAGE_WINDOW,
  PROP_SHOW_LEGEND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The position of a capture frame index among the connection's packets
 * (sorted), or G_MAXUINT. */
guint
_hs_graph_view_find_pos (HsGraphView *self,
          guint        index)
{
  if (index == G_MAXUINT || self->n_frames == 0)
    return G_MAXUINT;

  return hs_capture_find_stream_position (self->follower.capture, self->follower.stream, index);
}

/* ns since the connection's first packet */
gint64
_hs_graph_view_pos_time (HsGraphView *self,
          guint        pos)
{
  const HsPacketRecord *first = hs_capture_get_record (self->follower.capture, self->frames[0]);
  const HsPacketRecord *rec = hs_capture_get_record (self->follower.capture, self->frames[pos]);

  return rec->ts_ns - first->ts_ns;
}

HsGraphDirections
_hs_graph_view_wanted_directions (HsGraphView *self)
{
  switch (self->direction)
    {
    case HS_GRAPH_VIEW_CLIENT_TO_SERVER:
      return HS_GRAPH_DIR_0;
    case HS_GRAPH_VIEW_SERVER_TO_CLIENT:
      return HS_GRAPH_DIR_1;
    case HS_GRAPH_VIEW_BOTH:
    default:
      return HS_GRAPH_DIR_BOTH;
    }
}

static void
on_dark_changed (HsGraphView *self)
{
  self->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

/* Following the session ------------------------------------------------- */

static gint64
connection_start (HsGraphView *self)
{
  return hs_capture_get_connection (self->follower.capture, self->follower.stream)->first_ts_ns;
}

/* The graph shows a part of the connection's times: it says so to the
 * session (capture times), for the other views; showing the whole
 * connection again takes back the range it set, unless another view set
 * one since.  Called when the time range shown changed. */
void
_hs_graph_view_share_time_range (HsGraphView *self)
{
  HsSession *session = self->follower.session;
  gint64 t0, t1, e0, e1, s0, s1;

  if (session == NULL || self->graph == NULL || self->graph_stale)
    return;

  hs_graph_get_view (self->graph, &t0, &t1, NULL, NULL);
  hs_graph_get_extent (self->graph, &e0, &e1, NULL, NULL);
  if (t0 == e0 && t1 == e1)
    {
      if (self->range_shared && hs_session_get_time_range (session, &s0, &s1) &&
          s0 == self->shared_t0 && s1 == self->shared_t1)
        {
          self->range_shared = FALSE;
          hs_session_clear_time_range (session);
        }
      self->range_shared = FALSE;
      return;
    }

  t0 += connection_start (self);
  t1 += connection_start (self);
  /* the same times again (a live update, another kind): another view's
   * range set since stays */
  if (self->range_shared && self->shared_t0 == t0 && self->shared_t1 == t1)
    return;

  /* remembered first: the session tells the view at once */
  self->range_shared = TRUE;
  self->shared_t0 = t0;
  self->shared_t1 = t1;
  hs_session_set_time_range (session, t0, t1);
}

/* The session's time range changed: one that another view set (the
 * ladder's visible rows) is marked on the plot; the graph's own is not. */
static void
follow_time_range (gpointer data)
{
  HsGraphView *self = data;
  gint64 s0 = 0, s1 = 0;
  gboolean marked;

  marked = self->has_connection && self->follower.session != NULL &&
           hs_session_get_time_range (self->follower.session, &s0, &s1) &&
           !(self->range_shared && s0 == self->shared_t0 && s1 == self->shared_t1);
  if (marked)
    {
      s0 -= connection_start (self);
      s1 -= connection_start (self);
    }
  if (marked == self->marked && (!marked || (s0 == self->marked_t0 && s1 == self->marked_t1)))
    return;

  self->marked = marked;
  self->marked_t0 = s0;
  self->marked_t1 = s1;
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

/* The follower (hs-session-follower.h) keeps what the view shows of the
 * session's: capture, stream, selected_index. */

static void
follow_stream (gpointer data)
{
  _hs_graph_view_rebuild (HS_GRAPH_VIEW (data));
  follow_time_range (data);
}

static void
follow_selection (gpointer data)
{
  HsGraphView *self = data;

  self->selected_pos = _hs_graph_view_find_pos (self, self->follower.selected_index);
  _hs_graph_view_reveal_pos (self, self->selected_pos);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

/* A new capture, with its stream and selection: the view changes once. */
static void
follow_capture (gpointer data)
{
  _hs_graph_view_rebuild (HS_GRAPH_VIEW (data));
  follow_time_range (data);
}

static const HsSessionFollowerFuncs follower_funcs = {
  .capture_changed = follow_capture,
  .stream_changed = follow_stream,
  .selection_changed = follow_selection,
  .packets_added = _hs_graph_view_on_capture_packets_added,
  .time_range_changed = follow_time_range,
};

/* GObject --------------------------------------------------------------- */

static void
hs_graph_view_dispose (GObject *object)
{
  HsGraphView *self = HS_GRAPH_VIEW (object);

  hs_session_follower_clear (&self->follower);
  if (self->canvas != NULL)
    self->canvas->view = NULL;

  _hs_graph_view_cancel_build (self);
  hs_view_throttle_clear (&self->live_update);

  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_GRAPH_VIEW);

  g_clear_pointer (&self->graph, hs_graph_free);
  self->frames = NULL;
  self->n_frames = 0;

  G_OBJECT_CLASS (hs_graph_view_parent_class)->dispose (object);
}

static void
hs_graph_view_finalize (GObject *object)
{
  HsGraphView *self = HS_GRAPH_VIEW (object);

  g_clear_pointer (&self->readout, g_free);
  g_clear_object (&self->averages);

  G_OBJECT_CLASS (hs_graph_view_parent_class)->finalize (object);
}

static void
hs_graph_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  HsGraphView *self = HS_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->follower.session);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_DIRECTION:
      g_value_set_enum (value, self->direction);
      break;
    case PROP_AVERAGE_WINDOW:
      g_value_set_double (value, self->average_window);
      break;
    case PROP_SHOW_LEGEND:
      g_value_set_boolean (value, self->show_legend);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_graph_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  HsGraphView *self = HS_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      hs_graph_view_set_session (self, g_value_get_object (value));
      break;
    case PROP_KIND:
      hs_graph_view_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_DIRECTION:
      hs_graph_view_set_direction (self, g_value_get_enum (value));
      break;
    case PROP_AVERAGE_WINDOW:
      hs_graph_view_set_average_window (self, g_value_get_double (value));
      break;
    case PROP_SHOW_LEGEND:
      if (self->show_legend != g_value_get_boolean (value))
        {
          self->show_legend = g_value_get_boolean (value);
          /* the plot makes room for it, or takes the room back */
          if (self->graph != NULL)
            hs_graph_set_show_legend (self->graph, self->show_legend);
          if (self->pointer_inside)
            hs_graph_view_pointer_at (self, self->pointer_x, self->pointer_y);
          gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_graph_view_class_init (HsGraphViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hs_graph_view_dispose;
  object_class->finalize = hs_graph_view_finalize;
  object_class->get_property = hs_graph_view_get_property;
  object_class->set_property = hs_graph_view_set_property;

  properties[PROP_SESSION] = hs_session_follower_param_spec ();
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, HS_TYPE_GRAPH_KIND, HS_GRAPH_WINDOW,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRECTION] =
    g_param_spec_enum ("direction", NULL, NULL, HS_TYPE_GRAPH_VIEW_DIRECTION, HS_GRAPH_VIEW_BOTH,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AVERAGE_WINDOW] =
    g_param_spec_double ("average-window", NULL, NULL, 0, MAX_AVERAGE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_LEGEND] =
    g_param_spec_boolean ("show-legend", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HS_TYPE_GRAPH_CANVAS);
  g_type_ensure (HS_TYPE_WRAP_BOX);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/handshake/Handshake/hs-graph-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HsGraphView, stack);
  gtk_widget_class_bind_template_child (widget_class, HsGraphView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, HsGraphView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HsGraphView, direction_box);
  gtk_widget_class_bind_template_child (widget_class, HsGraphView, both_button);
  gtk_widget_class_bind_template_child (widget_class, HsGraphView, client_button);
  gtk_widget_class_bind_template_child (widget_class, HsGraphView, server_button);
  gtk_widget_class_bind_template_child (widget_class, HsGraphView, average_box);
  gtk_widget_class_bind_template_child (widget_class, HsGraphView, average_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HsGraphView, canvas);
  gtk_widget_class_bind_template_child (widget_class, HsGraphView, readout_label);
  gtk_widget_class_bind_template_child (widget_class, HsGraphView, hint_label);

  gtk_widget_class_install_property_action (widget_class, "graph.kind", "kind");
  gtk_widget_class_install_property_action (widget_class, "graph.show-legend", "show-legend");
  hs_view_class_install_zoom (widget_class, "graph", _hs_graph_view_zoom_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "graphview");
}

static void
hs_graph_view_init (HsGraphView *self)
{
  hs_session_follower_init (&self->follower, self, &follower_funcs);
  self->selected_pos = G_MAXUINT;
  self->kind = HS_GRAPH_WINDOW;
  self->direction = HS_GRAPH_VIEW_BOTH;
  self->average_window = 0;
  self->show_legend = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->canvas->view = self;
  hs_view_throttle_init (&self->live_update, GTK_WIDGET (self), _hs_graph_view_live_rebuild, self);
  _hs_graph_view_init_toolbar (self);
  _hs_graph_view_init_input (self);
  self->dark = hs_view_watch_dark (self, G_CALLBACK (on_dark_changed));

  _hs_graph_view_update_empty_page (self);
  _hs_graph_view_update_direction_tooltips (self);
  _hs_graph_view_update_toolbar (self);
  _hs_graph_view_update_actions (self);
}

/* Public API ------------------------------------------------------------ */

GtkWidget *
hs_graph_view_new (void)
{
  return g_object_new (HS_TYPE_GRAPH_VIEW, NULL);
}

/* The session the view follows, set once (by the window's template). */
void
hs_graph_view_set_session (HsGraphView *self,
                          HsSession    *session)
{
  g_return_if_fail (HS_IS_GRAPH_VIEW (self));
  g_return_if_fail (!session || HS_IS_SESSION (session));

  if (hs_session_follower_set_session (&self->follower, session))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

HsSession *
hs_graph_view_get_session (HsGraphView *self)
{
  g_return_val_if_fail (HS_IS_GRAPH_VIEW (self), NULL);

  return self->follower.session;
}

guint
hs_graph_view_get_stream (HsGraphView *self)
{
  g_return_val_if_fail (HS_IS_GRAPH_VIEW (self), HS_NO_STREAM);

  return self->follower.stream;
}

guint
hs_graph_view_get_selected_index (HsGraphView *self)
{
  g_return_val_if_fail (HS_IS_GRAPH_VIEW (self), G_MAXUINT);

  return self->follower.selected_index;
}

void
hs_graph_view_set_kind (HsGraphView *self,
                        HsGraphKind  kind)
{
  g_return_if_fail (HS_IS_GRAPH_VIEW (self));

  if ((guint)kind >= HS_GRAPH_N_KINDS)
    kind = HS_GRAPH_WINDOW;
  if (self->kind == kind)
    return;

  /* the time range shown stays; the values are another quantity */
  _hs_graph_view_remember_view (self);
  self->kind = kind;
  _hs_graph_view_invalidate_graph (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

HsGraphKind
hs_graph_view_get_kind (HsGraphView *self)
{
  g_return_val_if_fail (HS_IS_GRAPH_VIEW (self), HS_GRAPH_WINDOW);

  return self->kind;
}

void
hs_graph_view_set_direction (HsGraphView          *self,
                             HsGraphViewDirection  direction)
{
  g_return_if_fail (HS_IS_GRAPH_VIEW (self));

  if (direction != HS_GRAPH_VIEW_CLIENT_TO_SERVER && direction != HS_GRAPH_VIEW_SERVER_TO_CLIENT)
    direction = HS_GRAPH_VIEW_BOTH;
  if (self->direction == direction)
    return;

  _hs_graph_view_remember_view (self);
  self->direction = direction;
  _hs_graph_view_invalidate_graph (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRECTION]);
}

HsGraphViewDirection
hs_graph_view_get_direction (HsGraphView *self)
{
  g_return_val_if_fail (HS_IS_GRAPH_VIEW (self), HS_GRAPH_VIEW_BOTH);

  return self->direction;
}

void
hs_graph_view_set_average_window (HsGraphView *self,
                                  double       seconds)
{
  g_return_if_fail (HS_IS_GRAPH_VIEW (self));

  /* 0 (or less): the window that fits the connection */
  seconds = seconds > 0 ? CLAMP (seconds, MIN_AVERAGE, MAX_AVERAGE) : 0;
  if (fabs (self->average_window - seconds) < 1e-12)
    return;

  _hs_graph_view_remember_view (self);
  self->average_window = seconds;
  if (self->kind == HS_GRAPH_THROUGHPUT)
    _hs_graph_view_invalidate_graph (self);
  else
    _hs_graph_view_update_toolbar (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVERAGE_WINDOW]);
}

double
hs_graph_view_get_average_window (HsGraphView *self)
{
  g_return_val_if_fail (HS_IS_GRAPH_VIEW (self), 1.0);

  return self->average_window;
}

gboolean
hs_graph_view_has_connection (HsGraphView *self)
{
  g_return_val_if_fail (HS_IS_GRAPH_VIEW (self), FALSE);

  return self->has_connection;
}

gboolean
hs_graph_view_is_dark (HsGraphView *self)
{
  g_return_val_if_fail (HS_IS_GRAPH_VIEW (self), FALSE);

  return self->dark;
}

gboolean
hs_graph_view_get_time_range (HsGraphView *self,
                              gint64      *t0_ns,
                              gint64      *t1_ns)
{
  g_return_val_if_fail (HS_IS_GRAPH_VIEW (self), FALSE);

  _hs_graph_view_ensure_graph (self);
  if (self->graph == NULL)
    return FALSE;

  hs_graph_get_view (self->graph, t0_ns, t1_ns, NULL, NULL);
  return TRUE;
}

void
hs_graph_view_set_time_range (HsGraphView *self,
                              gint64       t0_ns,
                              gint64       t1_ns)
{
  g_return_if_fail (HS_IS_GRAPH_VIEW (self));

  _hs_graph_view_ensure_graph (self);
  if (self->graph == NULL)
    {
      /* being built: shown when it is ready */
      if (self->has_connection)
        {
          self->time_zoomed = TRUE;
          self->view_t0 = t0_ns;
          self->view_t1 = MAX (t1_ns, t0_ns + 1);
          _hs_graph_view_update_actions (self);
        }
      return;
    }

  hs_graph_set_time_range (self->graph, t0_ns, t1_ns);
  hs_graph_fit_values (self->graph);
  _hs_graph_view_view_changed (self);
}

HsGraphDirections
hs_graph_view_get_graph_directions (HsGraphView *self)
{
  g_return_val_if_fail (HS_IS_GRAPH_VIEW (self), 0);

  _hs_graph_view_ensure_graph (self);
  return self->graph != NULL && !self->graph_stale ? hs_graph_get_directions (self->graph) : 0;
}

HsGraph *
hs_graph_view_get_graph (HsGraphView *self)
{
  g_return_val_if_fail (HS_IS_GRAPH_VIEW (self), NULL);

  _hs_graph_view_ensure_graph (self);
  return self->graph_stale ? NULL : self->graph;
}

gboolean
hs_graph_view_get_marked_range (HsGraphView *self,
                                gint64      *t0_ns,
                                gint64      *t1_ns)
{
  g_return_val_if_fail (HS_IS_GRAPH_VIEW (self), FALSE);

  if (t0_ns != NULL)
    *t0_ns = self->marked ? self->marked_t0 : 0;
  if (t1_ns != NULL)
    *t1_ns = self->marked ? self->marked_t1 : 0;
  return self->marked;
}

GtkWidget *
hs_graph_view_get_canvas (HsGraphView *self)
{
  g_return_val_if_fail (HS_IS_GRAPH_VIEW (self), NULL);

  return GTK_WIDGET (self->canvas);
}

guint
hs_graph_view_get_selected_pos (HsGraphView *self)
{
  g_return_val_if_fail (HS_IS_GRAPH_VIEW (self), G_MAXUINT);

  return self->selected_pos;
}

const char *
hs_graph_view_get_readout (HsGraphView *self)
{
  g_return_val_if_fail (HS_IS_GRAPH_VIEW (self), NULL);

  return self->readout;
}

const char *
hs_graph_view_get_warning (HsGraphView *self)
{
  g_return_val_if_fail (HS_IS_GRAPH_VIEW (self), NULL);

  _hs_graph_view_ensure_graph (self);
  return self->graph != NULL && !self->graph_stale ? hs_graph_get_warning (self->graph) : NULL;
}
