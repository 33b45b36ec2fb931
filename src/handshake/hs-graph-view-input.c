/* hs-graph-view-input.c — drawing, zoom and pan, selection, the pointer
 * and the keyboard
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
#include "hs-palette.h"

#define ZOOM_STEP       1.25
#define PAN_STEP        0.1    /* of the plot, per arrow key or scroll step */
#define HIT_RADIUS      8.0    /* pixels around a mark that select it */
#define BAND_MIN        4.0    /* a rubber band thinner than this keeps that axis */

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
  double width = _hs_graph_view_canvas_width (self);
  double height = _hs_graph_view_canvas_height (self);
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
  /* on screen only: the exports draw no other view's range */
  options.marked = self->marked;
  options.marked_t0 = self->marked_t0;
  options.marked_t1 = self->marked_t1;
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
      _hs_graph_view_ensure_graph (self);
      gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
    }
}

/* Zoom and pan ---------------------------------------------------------- */

void
_hs_graph_view_view_changed (HsGraphView *self)
{
  _hs_graph_view_remember_view (self);
  _hs_graph_view_share_time_range (self);
  _hs_graph_view_update_actions (self);
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

  hs_graph_get_plot_area (self->graph, _hs_graph_view_canvas_width (self),
                          _hs_graph_view_canvas_height (self),
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
  _hs_graph_view_ensure_graph (self);
  if (self->graph == NULL || !_hs_graph_view_canvas_has_size (self))
    return;

  hs_graph_zoom_at (self->graph, _hs_graph_view_canvas_width (self),
                    _hs_graph_view_canvas_height (self), x, y, factor,
                    time_only);
  /* in time only, the values follow what is in the new range */
  if (time_only)
    hs_graph_fit_values (self->graph);
  _hs_graph_view_view_changed (self);
}

static void
zoom_center (HsGraphView *self,
             double       factor)
{
  double x, y;

  _hs_graph_view_ensure_graph (self);
  if (self->graph == NULL || !_hs_graph_view_canvas_has_size (self))
    return;

  plot_center (self, &x, &y);
  zoom_at (self, x, y, factor, FALSE);
}

static void
reset_zoom (HsGraphView *self)
{
  _hs_graph_view_ensure_graph (self);
  if (self->graph == NULL)
    return;

  hs_graph_reset_view (self->graph);
  _hs_graph_view_view_changed (self);
}

/* Moves what is shown by a fraction of the plot: positive `fx` shows later
 * times, positive `fy` higher values. */
static void
pan_by_fraction (HsGraphView *self,
                 double       fx,
                 double       fy)
{
  double px, py, pw, ph;

  _hs_graph_view_ensure_graph (self);
  if (self->graph == NULL || !_hs_graph_view_canvas_has_size (self))
    return;

  hs_graph_get_plot_area (self->graph, _hs_graph_view_canvas_width (self),
                          _hs_graph_view_canvas_height (self),
                          &px, &py, &pw, &ph);
  /* hs_graph_pan moves the picture with the pointer: the opposite way */
  hs_graph_pan (self->graph, _hs_graph_view_canvas_width (self),
                _hs_graph_view_canvas_height (self), -fx * pw, fy * ph);
  _hs_graph_view_view_changed (self);
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

  hs_graph_zoom_to_area (self->graph, _hs_graph_view_canvas_width (self),
                         _hs_graph_view_canvas_height (self), x0, y0, x1, y1,
                         times, values);
  _hs_graph_view_view_changed (self);
}

/* When a packet selected elsewhere is outside the time range shown, the
 * range moves (same span) to have it in the middle. */
void
_hs_graph_view_reveal_pos (HsGraphView *self,
            guint        pos)
{
  gint64 t0, t1, t, span;

  if (self->graph == NULL || pos == G_MAXUINT)
    return;

  hs_graph_get_view (self->graph, &t0, &t1, NULL, NULL);
  t = _hs_graph_view_pos_time (self, pos);
  if (t >= t0 && t <= t1)
    return;

  span = t1 - t0;
  hs_graph_set_time_range (self->graph, t - span / 2, t - span / 2 + span);
  _hs_graph_view_view_changed (self);
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
  _hs_graph_view_ensure_graph (self);
  if (self->graph == NULL || !_hs_graph_view_canvas_has_size (self))
    return G_MAXUINT;

  return hs_graph_hit (self->graph, _hs_graph_view_canvas_width (self),
                       _hs_graph_view_canvas_height (self), x, y, HIT_RADIUS);
}

static gboolean
in_plot (HsGraphView *self,
         double       x,
         double       y)
{
  double px, py, pw, ph;

  if (self->graph == NULL || !_hs_graph_view_canvas_has_size (self))
    return FALSE;

  hs_graph_get_plot_area (self->graph, _hs_graph_view_canvas_width (self),
                          _hs_graph_view_canvas_height (self),
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
          hs_graph_pan (self->graph, _hs_graph_view_canvas_width (self),
                        _hs_graph_view_canvas_height (self),
                        dx - self->drag_dx, dy - self->drag_dy);
          gtk_widget_set_cursor_from_name (GTK_WIDGET (self->canvas), "grabbing");
          _hs_graph_view_view_changed (self);
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
  _hs_graph_view_set_readout (self, NULL);
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

/* Actions --------------------------------------------------------------- */

void
_hs_graph_view_zoom_action (GtkWidget  *widget,
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

/* What the canvas takes from the pointer and the keyboard, in the view's
 * init. */
void
_hs_graph_view_init_input (HsGraphView *self)
{
  GtkGesture *click;
  GtkGesture *drag;
  GtkEventController *controller;

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

  _hs_graph_view_ensure_graph (self);
  if (in_plot (self, x, y))
    {
      _hs_graph_view_set_readout (self, hs_graph_dup_readout (self->graph,
                                                              _hs_graph_view_canvas_width (self),
                                               _hs_graph_view_canvas_height (self), x, y));
      if (self->drag == DRAG_NONE)
        gtk_widget_set_cursor_from_name (GTK_WIDGET (self->canvas),
                                         pos_at (self, x, y) != G_MAXUINT ? "pointer" : "crosshair");
    }
  else
    {
      _hs_graph_view_set_readout (self, NULL);
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

  _hs_graph_view_ensure_graph (self);
  if (self->graph == NULL || !_hs_graph_view_canvas_has_size (self))
    return NULL;

  /* the warning's band above the plot */
  if (hs_graph_get_warning_area (self->graph, _hs_graph_view_canvas_width (self),
                                 _hs_graph_view_canvas_height (self),
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

gboolean
hs_graph_view_scroll_at (HsGraphView     *self,
                         double           x,
                         double           y,
                         double           dy,
                         GdkModifierType  state)
{
  g_return_val_if_fail (HS_IS_GRAPH_VIEW (self), FALSE);

  _hs_graph_view_ensure_graph (self);
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

  _hs_graph_view_ensure_graph (self);
  if (self->graph == NULL || !_hs_graph_view_canvas_has_size (self))
    return;

  if (rubber_band)
    zoom_to_band (self, x, y, x + dx, y + dy);
  else
    {
      hs_graph_pan (self->graph, _hs_graph_view_canvas_width (self),
                    _hs_graph_view_canvas_height (self), dx, dy);
      _hs_graph_view_view_changed (self);
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
