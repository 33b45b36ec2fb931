/* hs-graph-view-build.c — building the graph (in a worker thread when
 * large) and following a live capture
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hs-graph-view"

#include "config.h"

#include "hs-graph-view-private.h"

/* Connections with fewer packets have their graph built at once; larger
 * ones in a worker thread, not to stall the main loop. */
#define SYNC_BUILD_MAX  20000

/* Building the graph ---------------------------------------------------- */

void
_hs_graph_view_remember_view (HsGraphView *self)
{
  gint64 t0, t1, e0, e1;

  if (self->graph == NULL)
    return;

  hs_graph_get_view (self->graph, &t0, &t1, NULL, NULL);
  hs_graph_get_extent (self->graph, &e0, &e1, NULL, NULL);
  self->time_zoomed = t0 != e0 || t1 != e1;
  self->view_t0 = t0;
  self->view_t1 = t1;
}

/* What a build needs, copied so that a worker thread can use it: the
 * capture is immutable once loaded (a live one is built on the main
 * thread). */
typedef struct
{
  HsCapture         *capture;
  guint              stream;
  HsGraphKind        kind;
  HsGraphDirections  directions;   /* 0: the kind's default */
  gint64             average_ns;   /* 0: the default */
} BuildData;

static void
build_data_free (gpointer data)
{
  BuildData *build = data;

  g_object_unref (build->capture);
  g_free (build);
}

static BuildData *
build_data_new (HsGraphView *self)
{
  BuildData *build = g_new0 (BuildData, 1);

  build->capture = g_object_ref (self->follower.capture);
  build->stream = self->follower.stream;
  build->kind = self->kind;
  /* the time-sequence graphs draw one direction: theirs unless one is chosen */
  if (!(_hs_graph_view_is_time_sequence (self->kind) && self->direction == HS_GRAPH_VIEW_BOTH))
    build->directions = _hs_graph_view_wanted_directions (self);
  if (self->kind == HS_GRAPH_THROUGHPUT)
    build->average_ns = (gint64)llround (self->average_window * 1e9);
  return build;
}

/* Reads the capture only: safe in any thread. */
static HsGraph *
build_graph (const BuildData *build)
{
  HsGraph *graph = hs_graph_new (build->capture, build->stream, build->kind);

  if (build->directions != 0)
    hs_graph_set_directions (graph, build->directions);
  if (build->average_ns > 0)
    hs_graph_set_average_window (graph, build->average_ns);
  return graph;
}

static void
build_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  HsGraph *graph = build_graph (task_data);

  if (g_cancellable_is_cancelled (cancellable))
    {
      hs_graph_free (graph);
      g_task_return_error_if_cancelled (task);
      return;
    }
  g_task_return_pointer (task, graph, (GDestroyNotify) hs_graph_free);
}

void
_hs_graph_view_cancel_build (HsGraphView *self)
{
  if (self->build_cancellable == NULL)
    return;

  g_cancellable_cancel (self->build_cancellable);
  g_clear_object (&self->build_cancellable);
}

/* The graph shown is new or grew: in the time range kept. */
static void
graph_changed (HsGraphView *self)
{
  /* the time range shown is the same in every graph; the values are
   * another quantity, fitted to what is in that range */
  if (self->time_zoomed)
    {
      hs_graph_set_time_range (self->graph, self->view_t0, self->view_t1);
      hs_graph_fit_values (self->graph);
    }
  _hs_graph_view_remember_view (self);
  /* a range asked for while the graph was being built */
  _hs_graph_view_share_time_range (self);

  _hs_graph_view_update_toolbar (self);
  _hs_graph_view_update_warning (self);
  _hs_graph_view_update_actions (self);
}

/* Shows a graph built with the current settings, in the time range kept. */
static void
set_graph (HsGraphView *self,
           HsGraph     *graph)
{
  g_clear_pointer (&self->graph, hs_graph_free);
  self->graph = graph;
  self->graph_stale = FALSE;
  hs_graph_set_show_legend (self->graph, self->show_legend);
  graph_changed (self);
}

static void
build_done (GObject      *source_object,
            GAsyncResult *result,
            gpointer      user_data)
{
  HsGraphView *self = HS_GRAPH_VIEW (source_object);
  GTask *task = G_TASK (result);
  HsGraph *graph;

  /* NULL when cancelled: a newer build was asked for, or the view is gone */
  graph = g_task_propagate_pointer (task, NULL);
  if (graph == NULL)
    return;
  if (g_task_get_cancellable (task) != self->build_cancellable)
    {
      hs_graph_free (graph);
      return;
    }

  g_clear_object (&self->build_cancellable);
  set_graph (self, graph);
  if (self->pointer_inside)
    hs_graph_view_pointer_at (self, self->pointer_x, self->pointer_y);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

/* Builds the graph of the shown connection when it is wanted: when it is
 * drawn or asked for.  A large connection's is built in a worker thread;
 * meanwhile the previous graph (if any) stays on screen. */
void
_hs_graph_view_ensure_graph (HsGraphView *self)
{
  g_autoptr(GTask) task = NULL;
  BuildData *build;

  if (!self->has_connection || (self->graph != NULL && !self->graph_stale) ||
      self->build_cancellable != NULL)
    return;

  build = build_data_new (self);
  /* a live document is read on the main thread only */
  if (self->n_frames < SYNC_BUILD_MAX || hs_capture_is_live (self->follower.capture))
    {
      set_graph (self, build_graph (build));
      build_data_free (build);
      return;
    }

  self->build_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->build_cancellable, build_done, NULL);
  g_task_set_source_tag (task, _hs_graph_view_ensure_graph);
  g_task_set_name (task, "[handshake] build graph");
  g_task_set_task_data (task, build, build_data_free);
  g_task_run_in_thread (task, build_thread);

  _hs_graph_view_update_toolbar (self);
  _hs_graph_view_update_actions (self);
}

/* The graph is built again with the current settings, now if it is on
 * screen, else when it is next wanted.  On screen the old one is shown
 * until the new one is ready. */
void
_hs_graph_view_invalidate_graph (HsGraphView *self)
{
  _hs_graph_view_cancel_build (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self->canvas)))
    {
      self->graph_stale = self->graph != NULL;
      _hs_graph_view_ensure_graph (self);
    }
  else
    {
      g_clear_pointer (&self->graph, hs_graph_free);
      self->graph_stale = FALSE;
          _hs_graph_view_update_toolbar (self);
      _hs_graph_view_update_warning (self);
      _hs_graph_view_update_actions (self);
    }
  if (self->pointer_inside)
    hs_graph_view_pointer_at (self, self->pointer_x, self->pointer_y);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

/* A new connection (or capture): the whole of it is shown. */
void
_hs_graph_view_rebuild (HsGraphView *self)
{
  hs_view_throttle_cancel (&self->live_update);
  _hs_graph_view_cancel_build (self);
  g_clear_pointer (&self->graph, hs_graph_free);
  self->graph_stale = FALSE;
  self->frames = NULL;
  self->n_frames = 0;
  self->time_zoomed = FALSE;
  self->range_shared = FALSE;
  self->marked = FALSE;
  self->drag = DRAG_NONE;

  if (self->follower.capture != NULL && self->follower.stream != HS_NO_STREAM &&
      self->follower.stream < hs_capture_get_n_connections (self->follower.capture))
    self->frames = hs_capture_get_stream_packets (self->follower.capture, self->follower.stream,
                                                  &self->n_frames);
  self->has_connection = self->n_frames > 0;
  self->selected_pos = _hs_graph_view_find_pos (self, self->follower.selected_index);

  _hs_graph_view_update_empty_page (self);
  _hs_graph_view_update_direction_tooltips (self);
  gtk_stack_set_visible_child_name (self->stack, self->has_connection ? "graph" : "empty");
  _hs_graph_view_set_readout (self, NULL);
  _hs_graph_view_invalidate_graph (self);
}

/* Live documents ---------------------------------------------------------- */

/* The connection's packet index, taken again after a batch (the pointer
 * is valid until the next one). */
static void
take_frames (HsGraphView *self)
{
  if (self->follower.capture != NULL && self->follower.stream != HS_NO_STREAM &&
      self->follower.stream < hs_capture_get_n_connections (self->follower.capture))
    self->frames = hs_capture_get_stream_packets (self->follower.capture, self->follower.stream,
                                                  &self->n_frames);
}

/* The shown connection grew: its graph takes in the new packets (on this
 * thread, at the cost of what they added: hs_graph_extend()) and is shown
 * in the time range the user zoomed into, or whole when they did not.
 * Throttled by its cost (hs_view_throttle). */
void
_hs_graph_view_live_rebuild (gpointer data)
{
  HsGraphView *self = data;
  BuildData *build;

  if (!self->has_connection)
    {
      /* the connection's first packets: shown as a new connection is */
      if (self->n_frames > 0)
        _hs_graph_view_rebuild (self);
      return;
    }
  if (self->graph != NULL && !self->graph_stale &&
      hs_graph_get_n_packets (self->graph) == self->n_frames)
    return;

  _hs_graph_view_remember_view (self);
  /* the graph shown has the settings: it grows (a build running is of
   * other settings, and builds anew) */
  if (self->graph != NULL && !self->graph_stale && self->build_cancellable == NULL &&
      hs_graph_extend (self->graph))
    graph_changed (self);
  else
    {
      _hs_graph_view_cancel_build (self);
      build = build_data_new (self);
      set_graph (self, build_graph (build));
      build_data_free (build);
    }
  if (self->pointer_inside)
    hs_graph_view_pointer_at (self, self->pointer_x, self->pointer_y);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

void
_hs_graph_view_on_capture_packets_added (gpointer data,
                          guint    old_n_packets,
                          guint    old_n_connections)
{
  HsGraphView *self = data;

  take_frames (self);
  if (old_n_connections == 0)
    _hs_graph_view_update_empty_page (self);

  if (hs_capture_stream_changed (self->follower.capture, self->follower.stream))
    {
      if (self->selected_pos == G_MAXUINT)
        self->selected_pos = _hs_graph_view_find_pos (self, self->follower.selected_index);
      hs_view_throttle_queue (&self->live_update);
    }
}
