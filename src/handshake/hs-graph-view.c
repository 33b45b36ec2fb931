/* hs-graph-view.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hs-graph-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include <adwaita.h>

#include "hs-graph-canvas-private.h"
#include "hs-graph-view.h"
#include "hs-session-follower.h"
#include "hs-handshake-enums.h"
#include "hs-palette.h"
#include "hs-view-util.h"
#include "hs-wrap-box.h"

#define ZOOM_STEP       1.25
#define PAN_STEP        0.1    /* of the plot, per arrow key or scroll step */
#define HIT_RADIUS      8.0    /* pixels around a mark that select it */
#define BAND_MIN        4.0    /* a rubber band thinner than this keeps that axis */
#define MIN_AVERAGE     0.0001
#define MAX_AVERAGE     60.0
/* Connections with fewer packets have their graph built at once; larger
 * ones in a worker thread, not to stall the main loop. */
#define SYNC_BUILD_MAX  20000

/* The averaging windows the toolbar offers after "Auto", in seconds. */
static const double average_presets[] = {
  0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5,
  1, 2, 5, 10, 30, 60,
};

/* HsGraphKind as a GType (HsGraphViewDirection's is made by glib-mkenums) - */

GType
hs_graph_view_kind_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { HS_GRAPH_WINDOW, "HS_GRAPH_WINDOW", "window" },
        { HS_GRAPH_TCPTRACE, "HS_GRAPH_TCPTRACE", "tcptrace" },
        { HS_GRAPH_STEVENS, "HS_GRAPH_STEVENS", "stevens" },
        { HS_GRAPH_THROUGHPUT, "HS_GRAPH_THROUGHPUT", "throughput" },
        { HS_GRAPH_RTT, "HS_GRAPH_RTT", "rtt" },
        { 0, NULL, NULL },
      };
      GType id = g_enum_register_static (g_intern_static_string ("HsGraphViewKind"), values);

      g_once_init_leave (&type_id, id);
    }

  return type_id;
}

/* The view -------------------------------------------------------------- */

typedef enum
{
  DRAG_NONE,
  DRAG_PAN,
  DRAG_BAND,
} DragKind;

struct _HsGraphView
{
  GtkWidget             parent_instance;

  /* the session, and what it shows of it: capture, stream, selected_index
   * (a capture frame index, G_MAXUINT for none) */
  HsSessionFollower     follower;
  HsGraphKind           kind;
  HsGraphViewDirection  direction;
  double                average_window;  /* seconds; 0: the one that fits the connection */
  gboolean              show_legend;
  gboolean              dark;

  gboolean              has_connection;
  HsGraph              *graph;           /* the graph shown, built on demand; NULL in the
                                          * empty state */
  gboolean              graph_stale;     /* `graph` is the previous settings', shown while
                                          * its replacement is built */
  GCancellable         *build_cancellable; /* a build running in a worker, or NULL */
  const guint32        *frames;          /* the connection's frame indexes */
  guint                 n_frames;
  guint                 selected_pos;    /* G_MAXUINT for none */

  /* the time range shown, shared by the kinds: kept across rebuilds */
  gboolean              time_zoomed;
  gint64                view_t0;
  gint64                view_t1;

  gboolean              pointer_inside;
  double                pointer_x;
  double                pointer_y;
  char                 *readout;

  DragKind              drag;
  double                drag_x;          /* where the drag started */
  double                drag_y;
  double                drag_dx;         /* how far it went */
  double                drag_dy;

  guint                 updating : 1;    /* the toolbar is being set from the state */

  HsViewThrottle        live_update;     /* following a live capture */

  /* template children */
  GtkStack             *stack;
  AdwStatusPage        *empty_page;
  GtkDropDown          *kind_dropdown;
  GtkWidget            *direction_box;
  GtkToggleButton      *both_button;
  GtkToggleButton      *client_button;
  GtkToggleButton      *server_button;
  GtkWidget            *average_box;
  GtkDropDown          *average_dropdown;
  GtkStringList        *averages;        /* the dropdown's: "Auto (…)", the presets
                                          * and the window chosen when it is none of them */
  double                average_items[G_N_ELEMENTS (average_presets) + 2];
  HsGraphCanvas        *canvas;
  GtkLabel             *readout_label;
  GtkLabel             *hint_label;
};

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

/* Helpers --------------------------------------------------------------- */

static gboolean
is_time_sequence (HsGraphKind kind)
{
  return kind == HS_GRAPH_TCPTRACE || kind == HS_GRAPH_STEVENS;
}

static double
canvas_width (HsGraphView *self)
{
  return gtk_widget_get_width (GTK_WIDGET (self->canvas));
}

static double
canvas_height (HsGraphView *self)
{
  return gtk_widget_get_height (GTK_WIDGET (self->canvas));
}

static gboolean
canvas_has_size (HsGraphView *self)
{
  return canvas_width (self) > 0 && canvas_height (self) > 0;
}

/* The position of a capture frame index among the connection's packets
 * (sorted), or G_MAXUINT. */
static guint
find_pos (HsGraphView *self,
          guint        index)
{
  if (index == G_MAXUINT || self->n_frames == 0)
    return G_MAXUINT;

  return hs_capture_find_stream_position (self->follower.capture, self->follower.stream, index);
}

/* ns since the connection's first packet */
static gint64
pos_time (HsGraphView *self,
          guint        pos)
{
  const HsPacketRecord *first = hs_capture_get_record (self->follower.capture, self->frames[0]);
  const HsPacketRecord *rec = hs_capture_get_record (self->follower.capture, self->frames[pos]);

  return rec->ts_ns - first->ts_ns;
}

static HsGraphDirections
wanted_directions (HsGraphView *self)
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

/* Toolbar --------------------------------------------------------------- */

static void
update_actions (HsGraphView *self)
{
  gboolean shown = self->has_connection;
  gboolean zoomed = self->graph != NULL ? hs_graph_is_zoomed (self->graph) : self->time_zoomed;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "graph.zoom-in", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "graph.zoom-out", shown && zoomed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "graph.zoom-reset", shown && zoomed);
}

static void
update_direction_tooltips (HsGraphView *self)
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
static void
update_toolbar (HsGraphView *self)
{
  HsGraphDirections drawn;
  gboolean one_direction = is_time_sequence (self->kind);

  self->updating = TRUE;

  gtk_drop_down_set_selected (self->kind_dropdown, self->kind);
  gtk_widget_set_visible (self->average_box, self->kind == HS_GRAPH_THROUGHPUT);
  update_average_dropdown (self);

  if (self->graph != NULL && !self->graph_stale)
    drawn = hs_graph_get_directions (self->graph);
  else
    drawn = wanted_directions (self);

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
static void
update_warning (HsGraphView *self)
{
  const char *warning = self->graph != NULL ? hs_graph_get_warning (self->graph) : NULL;

  if (warning != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, warning, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->canvas),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
set_readout (HsGraphView *self,
             char        *text)
{
  g_free (self->readout);
  self->readout = text;
  gtk_label_set_text (self->readout_label, text != NULL ? text : "");
}

/* Building the graph ---------------------------------------------------- */

static void
remember_view (HsGraphView *self)
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
  if (!(is_time_sequence (self->kind) && self->direction == HS_GRAPH_VIEW_BOTH))
    build->directions = wanted_directions (self);
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

static void
cancel_build (HsGraphView *self)
{
  if (self->build_cancellable == NULL)
    return;

  g_cancellable_cancel (self->build_cancellable);
  g_clear_object (&self->build_cancellable);
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

  /* the time range shown is the same in every graph; the values are
   * another quantity, fitted to what is in that range */
  if (self->time_zoomed)
    {
      hs_graph_set_time_range (self->graph, self->view_t0, self->view_t1);
      hs_graph_fit_values (self->graph);
    }
  remember_view (self);

  update_toolbar (self);
  update_warning (self);
  update_actions (self);
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
static void
ensure_graph (HsGraphView *self)
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
  g_task_set_source_tag (task, ensure_graph);
  g_task_set_name (task, "[handshake] build graph");
  g_task_set_task_data (task, build, build_data_free);
  g_task_run_in_thread (task, build_thread);

  update_toolbar (self);
  update_actions (self);
}

/* The graph is built again with the current settings, now if it is on
 * screen, else when it is next wanted.  On screen the old one is shown
 * until the new one is ready. */
static void
invalidate_graph (HsGraphView *self)
{
  cancel_build (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self->canvas)))
    {
      self->graph_stale = self->graph != NULL;
      ensure_graph (self);
    }
  else
    {
      g_clear_pointer (&self->graph, hs_graph_free);
      self->graph_stale = FALSE;
          update_toolbar (self);
      update_warning (self);
      update_actions (self);
    }
  if (self->pointer_inside)
    hs_graph_view_pointer_at (self, self->pointer_x, self->pointer_y);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static void
update_empty_page (HsGraphView *self)
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

/* A new connection (or capture): the whole of it is shown. */
static void
rebuild (HsGraphView *self)
{
  hs_view_throttle_cancel (&self->live_update);
  cancel_build (self);
  g_clear_pointer (&self->graph, hs_graph_free);
  self->graph_stale = FALSE;
  self->frames = NULL;
  self->n_frames = 0;
  self->time_zoomed = FALSE;
  self->drag = DRAG_NONE;

  if (self->follower.capture != NULL && self->follower.stream != HS_NO_STREAM &&
      self->follower.stream < hs_capture_get_n_connections (self->follower.capture))
    self->frames = hs_capture_get_stream_packets (self->follower.capture, self->follower.stream, &self->n_frames);
  self->has_connection = self->n_frames > 0;
  self->selected_pos = find_pos (self, self->follower.selected_index);

  update_empty_page (self);
  update_direction_tooltips (self);
  gtk_stack_set_visible_child_name (self->stack, self->has_connection ? "graph" : "empty");
  set_readout (self, NULL);
  invalidate_graph (self);
}

/* Live documents ---------------------------------------------------------- */

/* The connection's packet index, taken again after a batch (the pointer
 * is valid until the next one). */
static void
take_frames (HsGraphView *self)
{
  if (self->follower.capture != NULL && self->follower.stream != HS_NO_STREAM &&
      self->follower.stream < hs_capture_get_n_connections (self->follower.capture))
    self->frames = hs_capture_get_stream_packets (self->follower.capture, self->follower.stream, &self->n_frames);
}

/* The shown connection grew: its graph is built again (on this thread)
 * and shown in the time range the user zoomed into, or whole when they
 * did not.  Throttled by its cost (hs_view_throttle). */
static void
live_rebuild (gpointer data)
{
  HsGraphView *self = data;
  BuildData *build;

  if (!self->has_connection)
    {
      /* the connection's first packets: shown as a new connection is */
      if (self->n_frames > 0)
        rebuild (self);
      return;
    }
  if (self->graph != NULL && !self->graph_stale &&
      hs_graph_get_n_packets (self->graph) == self->n_frames)
    return;

  cancel_build (self);
  remember_view (self);
  build = build_data_new (self);
  set_graph (self, build_graph (build));
  build_data_free (build);
  if (self->pointer_inside)
    hs_graph_view_pointer_at (self, self->pointer_x, self->pointer_y);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static void
on_capture_packets_added (gpointer data,
                          guint    old_n_packets,
                          guint    old_n_connections)
{
  HsGraphView *self = data;

  take_frames (self);
  if (old_n_connections == 0)
    update_empty_page (self);

  if (hs_capture_stream_changed (self->follower.capture, self->follower.stream))
    {
      if (self->selected_pos == G_MAXUINT)
        self->selected_pos = find_pos (self, self->follower.selected_index);
      hs_view_throttle_queue (&self->live_update);
    }
}

/* Drawing --------------------------------------------------------------- */

static void
set_source (cairo_t      *cr,
            const HsRgba *rgba,
            double        alpha)
{
  cairo_set_source_rgba (cr, rgba->red, rgba->green, rgba->blue, rgba->alpha * alpha);
}

void
_hs_graph_view_snapshot_canvas (HsGraphView *self,
                                GtkSnapshot *snapshot)
{
  const HsPalette *palette = hs_view_palette (self->dark);
  double width = canvas_width (self);
  double height = canvas_height (self);
  HsGraphPaintOptions options;
  cairo_t *cr;

  /* the graph is built when the canvas is mapped, not while drawing */
  if (self->graph == NULL || width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  hs_graph_paint_options_init (&options);
  options.selected_pos = self->selected_pos;
  options.crosshair = self->pointer_inside && self->drag != DRAG_BAND;
  options.pointer_x = self->pointer_x;
  options.pointer_y = self->pointer_y;
  hs_graph_paint (cr, self->graph, palette, width, height, &options);

  if (self->drag == DRAG_BAND)
    {
      double x = MIN (self->drag_x, self->drag_x + self->drag_dx);
      double y = MIN (self->drag_y, self->drag_y + self->drag_dy);
      double w = fabs (self->drag_dx);
      double h = fabs (self->drag_dy);

      cairo_rectangle (cr, floor (x) + 0.5, floor (y) + 0.5, floor (w), floor (h));
      set_source (cr, &palette->selection, 0.5);
      cairo_fill_preserve (cr);
      set_source (cr, &palette->foreground, 0.7);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }

  cairo_destroy (cr);
}

void
_hs_graph_view_canvas_mapped (HsGraphView *self)
{
  g_assert (HS_IS_GRAPH_VIEW (self));

  if ((self->graph == NULL || self->graph_stale) && self->has_connection)
    {
      ensure_graph (self);
      gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
    }
}

static void
on_dark_changed (HsGraphView *self)
{
  self->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

/* Zoom and pan ---------------------------------------------------------- */

static void
view_changed (HsGraphView *self)
{
  remember_view (self);
  update_actions (self);
  if (self->pointer_inside)
    hs_graph_view_pointer_at (self, self->pointer_x, self->pointer_y);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

/* The middle of the plot area. */
static void
plot_center (HsGraphView *self,
             double      *x,
             double      *y)
{
  double px, py, pw, ph;

  hs_graph_get_plot_area (self->graph, canvas_width (self), canvas_height (self),
                          &px, &py, &pw, &ph);
  *x = px + pw / 2;
  *y = py + ph / 2;
}

static void
zoom_at (HsGraphView *self,
         double       x,
         double       y,
         double       factor,
         gboolean     time_only)
{
  ensure_graph (self);
  if (self->graph == NULL || !canvas_has_size (self))
    return;

  hs_graph_zoom_at (self->graph, canvas_width (self), canvas_height (self), x, y, factor,
                    time_only);
  /* in time only, the values follow what is in the new range */
  if (time_only)
    hs_graph_fit_values (self->graph);
  view_changed (self);
}

static void
zoom_center (HsGraphView *self,
             double       factor)
{
  double x, y;

  ensure_graph (self);
  if (self->graph == NULL || !canvas_has_size (self))
    return;

  plot_center (self, &x, &y);
  zoom_at (self, x, y, factor, FALSE);
}

static void
reset_zoom (HsGraphView *self)
{
  ensure_graph (self);
  if (self->graph == NULL)
    return;

  hs_graph_reset_view (self->graph);
  view_changed (self);
}

/* Moves what is shown by a fraction of the plot: positive `fx` shows later
 * times, positive `fy` higher values. */
static void
pan_by_fraction (HsGraphView *self,
                 double       fx,
                 double       fy)
{
  double px, py, pw, ph;

  ensure_graph (self);
  if (self->graph == NULL || !canvas_has_size (self))
    return;

  hs_graph_get_plot_area (self->graph, canvas_width (self), canvas_height (self),
                          &px, &py, &pw, &ph);
  /* hs_graph_pan moves the picture with the pointer: the opposite way */
  hs_graph_pan (self->graph, canvas_width (self), canvas_height (self), -fx * pw, fy * ph);
  view_changed (self);
}

/* Zooms to the rectangle of a rubber band; an axis along which the band is
 * too thin keeps its range. */
static void
zoom_to_band (HsGraphView *self,
              double       x0,
              double       y0,
              double       x1,
              double       y1)
{
  gboolean times = fabs (x1 - x0) >= BAND_MIN;
  gboolean values = fabs (y1 - y0) >= BAND_MIN;

  if (self->graph == NULL || (!times && !values))
    return;

  hs_graph_zoom_to_area (self->graph, canvas_width (self), canvas_height (self), x0, y0, x1, y1,
                         times, values);
  view_changed (self);
}

/* When a packet selected elsewhere is outside the time range shown, the
 * range moves (same span) to have it in the middle. */
static void
reveal_pos (HsGraphView *self,
            guint        pos)
{
  gint64 t0, t1, t, span;

  if (self->graph == NULL || pos == G_MAXUINT)
    return;

  hs_graph_get_view (self->graph, &t0, &t1, NULL, NULL);
  t = pos_time (self, pos);
  if (t >= t0 && t <= t1)
    return;

  span = t1 - t0;
  hs_graph_set_time_range (self->graph, t - span / 2, t - span / 2 + span);
  view_changed (self);
}

/* Selection ------------------------------------------------------------- */

static void
select_pos (HsGraphView *self,
            guint        pos)
{
  guint index;

  if (pos >= self->n_frames)
    return;

  index = self->frames[pos];
  self->selected_pos = pos;
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));

  if (self->follower.selected_index != index)
    {
      self->follower.selected_index = index;
      /* everywhere else too */
      if (self->follower.session != NULL)
        hs_session_select_index (self->follower.session, index);
    }
}

static guint
pos_at (HsGraphView *self,
        double       x,
        double       y)
{
  ensure_graph (self);
  if (self->graph == NULL || !canvas_has_size (self))
    return G_MAXUINT;

  return hs_graph_hit (self->graph, canvas_width (self), canvas_height (self), x, y, HIT_RADIUS);
}

static gboolean
in_plot (HsGraphView *self,
         double       x,
         double       y)
{
  double px, py, pw, ph;

  if (self->graph == NULL || !canvas_has_size (self))
    return FALSE;

  hs_graph_get_plot_area (self->graph, canvas_width (self), canvas_height (self),
                          &px, &py, &pw, &ph);
  return x >= px && x <= px + pw && y >= py && y <= py + ph;
}

/* Input ----------------------------------------------------------------- */

static void
on_click_pressed (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  HsGraphView     *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));

  /* a double click shows the whole connection again */
  if (n_press == 2 &&
      gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)) == GDK_BUTTON_PRIMARY)
    reset_zoom (self);
}

static void
on_click_released (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   HsGraphView     *self)
{
  /* a click, not the end of a drag (the gesture gives up past the drag
   * threshold) */
  if (n_press == 1 &&
      gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)) == GDK_BUTTON_PRIMARY)
    hs_graph_view_click_at (self, x, y);
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               HsGraphView     *self)
{
  GdkModifierType state;
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  self->drag_x = x;
  self->drag_y = y;
  self->drag_dx = 0;
  self->drag_dy = 0;

  if (self->graph == NULL)
    self->drag = DRAG_NONE;
  else if (button == GDK_BUTTON_SECONDARY || (button == GDK_BUTTON_PRIMARY && (state & GDK_SHIFT_MASK)))
    self->drag = DRAG_BAND;
  else if (button == GDK_BUTTON_PRIMARY || button == GDK_BUTTON_MIDDLE)
    self->drag = DRAG_PAN;
  else
    self->drag = DRAG_NONE;
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                HsGraphView     *self)
{
  if (self->drag == DRAG_PAN && self->graph != NULL)
    {
      if (dx != self->drag_dx || dy != self->drag_dy)
        {
          hs_graph_pan (self->graph, canvas_width (self), canvas_height (self),
                        dx - self->drag_dx, dy - self->drag_dy);
          gtk_widget_set_cursor_from_name (GTK_WIDGET (self->canvas), "grabbing");
          view_changed (self);
        }
    }
  else if (self->drag == DRAG_BAND)
    gtk_widget_queue_draw (GTK_WIDGET (self->canvas));

  self->drag_dx = dx;
  self->drag_dy = dy;
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             HsGraphView     *self)
{
  DragKind drag = self->drag;

  self->drag = DRAG_NONE;
  if (drag == DRAG_BAND)
    zoom_to_band (self, self->drag_x, self->drag_y, self->drag_x + dx, self->drag_y + dy);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->canvas), NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           HsGraphView              *self)
{
  hs_graph_view_pointer_at (self, x, y);
}

static void
on_leave (GtkEventControllerMotion *controller,
          HsGraphView              *self)
{
  self->pointer_inside = FALSE;
  set_readout (self, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           HsGraphView              *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  double x = self->pointer_inside ? self->pointer_x : -1;
  double y = self->pointer_inside ? self->pointer_y : -1;

  if ((state & GDK_CONTROL_MASK) == 0 && dx != 0)
    {
      pan_by_fraction (self, dx * PAN_STEP, 0);
      return TRUE;
    }
  return hs_graph_view_scroll_at (self, x, y, dy, state);
}

static gboolean
on_query_tooltip (GtkWidget   *widget,
                  int          x,
                  int          y,
                  gboolean     keyboard_mode,
                  GtkTooltip  *tooltip,
                  HsGraphView *self)
{
  g_autofree char *text = NULL;

  if (self->drag != DRAG_NONE)
    return FALSE;

  if (keyboard_mode)
    {
      if (self->selected_pos == G_MAXUINT || self->graph == NULL)
        return FALSE;
      text = hs_graph_view_dup_tooltip (self, -1, -1);
    }
  else
    text = hs_graph_view_dup_tooltip (self, x, y);

  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { x - (int)HIT_RADIUS, y - (int)HIT_RADIUS,
                                                       2 * (int)HIT_RADIUS, 2 * (int)HIT_RADIUS });
  return TRUE;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                HsGraphView           *self)
{
  return hs_graph_view_key_press (self, keyval, state);
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

/* Actions --------------------------------------------------------------- */

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  HsGraphView *self = HS_GRAPH_VIEW (widget);

  if (g_str_equal (action_name, "graph.zoom-in"))
    zoom_center (self, ZOOM_STEP);
  else if (g_str_equal (action_name, "graph.zoom-out"))
    zoom_center (self, 1 / ZOOM_STEP);
  else
    reset_zoom (self);
}

/* Following the session ------------------------------------------------- */

/* The follower (hs-session-follower.h) keeps what the view shows of the
 * session's: capture, stream, selected_index. */

static void
follow_stream (gpointer data)
{
  rebuild (HS_GRAPH_VIEW (data));
}

static void
follow_selection (gpointer data)
{
  HsGraphView *self = data;

  self->selected_pos = find_pos (self, self->follower.selected_index);
  reveal_pos (self, self->selected_pos);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

/* A new capture, with its stream and selection: the view changes once. */
static void
follow_capture (gpointer data)
{
  rebuild (HS_GRAPH_VIEW (data));
}

static const HsSessionFollowerFuncs follower_funcs = {
  .capture_changed = follow_capture,
  .stream_changed = follow_stream,
  .selection_changed = follow_selection,
  .packets_added = on_capture_packets_added,
};

/* GObject --------------------------------------------------------------- */

static void
hs_graph_view_dispose (GObject *object)
{
  HsGraphView *self = HS_GRAPH_VIEW (object);

  hs_session_follower_clear (&self->follower);
  if (self->canvas != NULL)
    self->canvas->view = NULL;

  cancel_build (self);
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
    g_param_spec_enum ("kind", NULL, NULL, HS_TYPE_GRAPH_VIEW_KIND, HS_GRAPH_WINDOW,
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
  hs_view_class_install_zoom (widget_class, "graph", zoom_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "graphview");
}

static void
hs_graph_view_init (HsGraphView *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  GtkGesture *click;
  GtkGesture *drag;
  GtkEventController *controller;

  hs_session_follower_init (&self->follower, self, &follower_funcs);
  self->selected_pos = G_MAXUINT;
  self->kind = HS_GRAPH_WINDOW;
  self->direction = HS_GRAPH_VIEW_BOTH;
  self->average_window = 0;
  self->show_legend = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->canvas->view = self;
  hs_view_throttle_init (&self->live_update, GTK_WIDGET (self), live_rebuild, self);

  for (guint k = 0; k < HS_GRAPH_N_KINDS; k++)
    gtk_string_list_append (kinds, hs_graph_kind_get_title ((HsGraphKind)k));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));

  self->averages = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->average_dropdown, G_LIST_MODEL (self->averages));

  self->dark = hs_view_watch_dark (self, G_CALLBACK (on_dark_changed));

  g_signal_connect_swapped (self->kind_dropdown, "notify::selected",
                            G_CALLBACK (on_kind_selected), self);
  g_signal_connect_swapped (self->average_dropdown, "notify::selected",
                            G_CALLBACK (on_average_selected), self);
  g_signal_connect (self->both_button, "toggled", G_CALLBACK (on_direction_toggled), self);
  g_signal_connect (self->client_button, "toggled", G_CALLBACK (on_direction_toggled), self);
  g_signal_connect (self->server_button, "toggled", G_CALLBACK (on_direction_toggled), self);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed), self);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), GTK_EVENT_CONTROLLER (click));

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), GTK_EVENT_CONTROLLER (drag));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), controller);

  g_signal_connect (self->canvas, "query-tooltip", G_CALLBACK (on_query_tooltip), self);

  update_empty_page (self);
  update_direction_tooltips (self);
  update_toolbar (self);
  update_actions (self);
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
  remember_view (self);
  self->kind = kind;
  invalidate_graph (self);
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

  remember_view (self);
  self->direction = direction;
  invalidate_graph (self);
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

  remember_view (self);
  self->average_window = seconds;
  if (self->kind == HS_GRAPH_THROUGHPUT)
    invalidate_graph (self);
  else
    update_toolbar (self);
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

  ensure_graph (self);
  if (self->graph == NULL)
    return FALSE;

  hs_graph_get_view (self->graph, t0_ns, t1_ns, NULL, NULL);
  return TRUE;
}

HsGraphDirections
hs_graph_view_get_graph_directions (HsGraphView *self)
{
  g_return_val_if_fail (HS_IS_GRAPH_VIEW (self), 0);

  ensure_graph (self);
  return self->graph != NULL && !self->graph_stale ? hs_graph_get_directions (self->graph) : 0;
}

HsGraph *
hs_graph_view_get_graph (HsGraphView *self)
{
  g_return_val_if_fail (HS_IS_GRAPH_VIEW (self), NULL);

  ensure_graph (self);
  return self->graph_stale ? NULL : self->graph;
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

  ensure_graph (self);
  return self->graph != NULL && !self->graph_stale ? hs_graph_get_warning (self->graph) : NULL;
}

void
hs_graph_view_click_at (HsGraphView *self,
                        double       x,
                        double       y)
{
  guint pos;

  g_return_if_fail (HS_IS_GRAPH_VIEW (self));

  pos = pos_at (self, x, y);
  if (pos != G_MAXUINT)
    select_pos (self, pos);
}

void
hs_graph_view_pointer_at (HsGraphView *self,
                          double       x,
                          double       y)
{
  g_return_if_fail (HS_IS_GRAPH_VIEW (self));

  self->pointer_inside = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;

  ensure_graph (self);
  if (in_plot (self, x, y))
    {
      set_readout (self, hs_graph_dup_readout (self->graph, canvas_width (self),
                                               canvas_height (self), x, y));
      if (self->drag == DRAG_NONE)
        gtk_widget_set_cursor_from_name (GTK_WIDGET (self->canvas),
                                         pos_at (self, x, y) != G_MAXUINT ? "pointer" : "crosshair");
    }
  else
    {
      set_readout (self, NULL);
      if (self->drag == DRAG_NONE)
        gtk_widget_set_cursor_from_name (GTK_WIDGET (self->canvas), NULL);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

char *
hs_graph_view_dup_tooltip (HsGraphView *self,
                           double       x,
                           double       y)
{
  g_autofree char *info = NULL;
  double wx, wy, ww, wh;
  guint pos;

  g_return_val_if_fail (HS_IS_GRAPH_VIEW (self), NULL);

  ensure_graph (self);
  if (self->graph == NULL || !canvas_has_size (self))
    return NULL;

  /* the warning's band above the plot */
  if (hs_graph_get_warning_area (self->graph, canvas_width (self), canvas_height (self),
                                 &wx, &wy, &ww, &wh) &&
      x >= wx && x <= wx + ww && y >= wy && y <= wy + wh)
    return g_strdup (hs_graph_get_warning (self->graph));

  pos = x < 0 && y < 0 ? self->selected_pos : pos_at (self, x, y);
  if (pos == G_MAXUINT || pos >= self->n_frames)
    return NULL;

  info = hs_explain_info (self->follower.capture, self->frames[pos], NULL);
  /* Translators: the tooltip of a packet's mark on a graph: its frame
   * number and the Info column's text */
  return g_strdup_printf (_("Frame %u: %s"), self->frames[pos] + 1, info);
}

void
hs_graph_view_set_time_range (HsGraphView *self,
                              gint64       t0_ns,
                              gint64       t1_ns)
{
  g_return_if_fail (HS_IS_GRAPH_VIEW (self));

  ensure_graph (self);
  if (self->graph == NULL)
    {
      /* being built: shown when it is ready */
      if (self->has_connection)
        {
          self->time_zoomed = TRUE;
          self->view_t0 = t0_ns;
          self->view_t1 = MAX (t1_ns, t0_ns + 1);
          update_actions (self);
        }
      return;
    }

  hs_graph_set_time_range (self->graph, t0_ns, t1_ns);
  hs_graph_fit_values (self->graph);
  view_changed (self);
}

gboolean
hs_graph_view_scroll_at (HsGraphView     *self,
                         double           x,
                         double           y,
                         double           dy,
                         GdkModifierType  state)
{
  g_return_val_if_fail (HS_IS_GRAPH_VIEW (self), FALSE);

  ensure_graph (self);
  if (self->graph == NULL || dy == 0)
    return FALSE;

  if (state & GDK_CONTROL_MASK)
    {
      double factor = pow (ZOOM_STEP, -dy);

      if (x < 0 || y < 0)
        plot_center (self, &x, &y);
      zoom_at (self, x, y, factor, (state & GDK_SHIFT_MASK) != 0);
    }
  else if (state & GDK_SHIFT_MASK)
    pan_by_fraction (self, 0, -dy * PAN_STEP);
  else
    /* the wheel moves along the time axis */
    pan_by_fraction (self, dy * PAN_STEP, 0);

  return TRUE;
}

void
hs_graph_view_drag (HsGraphView *self,
                    double       x,
                    double       y,
                    double       dx,
                    double       dy,
                    gboolean     rubber_band)
{
  g_return_if_fail (HS_IS_GRAPH_VIEW (self));

  ensure_graph (self);
  if (self->graph == NULL || !canvas_has_size (self))
    return;

  if (rubber_band)
    zoom_to_band (self, x, y, x + dx, y + dy);
  else
    {
      hs_graph_pan (self->graph, canvas_width (self), canvas_height (self), dx, dy);
      view_changed (self);
    }
}

gboolean
hs_graph_view_key_press (HsGraphView     *self,
                         guint            keyval,
                         GdkModifierType  state)
{
  g_return_val_if_fail (HS_IS_GRAPH_VIEW (self), FALSE);

  if (!self->has_connection)
    return FALSE;

  state &= gtk_accelerator_get_default_mod_mask ();

  /* zoom with or without Ctrl */
  if ((state & ~(GDK_CONTROL_MASK | GDK_SHIFT_MASK)) == 0)
    {
      switch (keyval)
        {
        case GDK_KEY_plus:
        case GDK_KEY_equal:
        case GDK_KEY_KP_Add:
          zoom_center (self, ZOOM_STEP);
          return TRUE;
        case GDK_KEY_minus:
        case GDK_KEY_KP_Subtract:
          zoom_center (self, 1 / ZOOM_STEP);
          return TRUE;
        case GDK_KEY_0:
        case GDK_KEY_KP_0:
          reset_zoom (self);
          return TRUE;
        default:
          break;
        }
    }

  /* the rest without modifiers: Ctrl+Home and the like belong to others */
  if ((state & ~GDK_SHIFT_MASK) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      reset_zoom (self);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      pan_by_fraction (self, -PAN_STEP, 0);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      pan_by_fraction (self, PAN_STEP, 0);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      pan_by_fraction (self, 0, PAN_STEP);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      pan_by_fraction (self, 0, -PAN_STEP);
      return TRUE;
    default:
      return FALSE;
    }
}
