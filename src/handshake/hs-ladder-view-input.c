/* hs-ladder-view-input.c — pointer, clicks, keys, the context menu, tooltips, the overview strip
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hs-ladder-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "hs-ladder-view-private.h"

/* Pointer and clicks ---------------------------------------------------- */

static void
set_hover_pos (HsLadderView *self,
               guint         pos)
{
  if (self->hover_pos == pos)
    return;

  self->hover_pos = pos;
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static gboolean
canvas_to_layout (HsLadderView *self,
                  double        x,
                  double        y,
                  double       *lx,
                  double       *ly)
{
  double header = hs_ladder_header_height ();

  if (self->layout == NULL || y < header)
    return FALSE;

  *lx = x + _hs_ladder_view_scroll_x (self);
  *ly = y - header + _hs_ladder_view_scroll_y (self);
  return TRUE;
}

static guint
row_at (HsLadderView *self,
        double        x,
        double        y)
{
  double lx, ly;

  if (!canvas_to_layout (self, x, y, &lx, &ly))
    return HS_LADDER_NO_POS;

  return hs_ladder_layout_hit (self->layout, lx, ly);
}

static void
toggle_row (HsLadderView *self,
            guint         row)
{
  const HsLadderRow *r;
  Anchor anchor;
  gboolean anchored, changed = FALSE;
  int run;

  if (self->layout == NULL || row >= hs_ladder_layout_get_n_rows (self->layout))
    return;

  r = hs_ladder_layout_get_row (self->layout, row);
  anchored = _hs_ladder_view_anchor_at (self, MAX (0, r->y - _hs_ladder_view_scroll_y (self)),
                                        &anchor);

  if (r->kind == HS_LADDER_ROW_COLLAPSED)
    changed = _hs_ladder_view_expand_row (self, row);
  else if ((run = _hs_ladder_view_find_expanded (self, r->first)) >= 0)
    changed = _hs_ladder_view_collapse_run (self, run);

  if (changed)
    {
      _hs_ladder_view_geometry_changed (self);
      if (anchored)
        _hs_ladder_view_restore_anchor (self, &anchor);
    }
}

void
hs_ladder_view_click_at (HsLadderView *self,
                         double        x,
                         double        y)
{
  const HsLadderRow *r;
  guint row;
  int run;

  g_return_if_fail (HS_IS_LADDER_VIEW (self));

  if (self->layout == NULL)
    return;

  if ((run = _hs_ladder_view_bracket_at (self, x, y)) >= 0)
    {
      Anchor anchor;
      double area_y = MAX (0, y - hs_ladder_header_height ());
      gboolean anchored = _hs_ladder_view_anchor_at (self, area_y, &anchor);

      if (_hs_ladder_view_collapse_run (self, run))
        {
          _hs_ladder_view_geometry_changed (self);
          if (anchored)
            _hs_ladder_view_restore_anchor (self, &anchor);
        }
      return;
    }

  row = row_at (self, x, y);
  if (row == HS_LADDER_NO_POS)
    return;

  r = hs_ladder_layout_get_row (self->layout, row);
  if (r->kind == HS_LADDER_ROW_COLLAPSED)
    toggle_row (self, row);
  else
    _hs_ladder_view_select_pos (self, r->first, SCROLL_MINIMAL);
}

/* Context menu ---------------------------------------------------------- */

static void
popup_context_menu (HsLadderView *self,
                    double        x,
                    double        y)
{
  HsLadderCanvas *canvas = self->canvas;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  guint row = row_at (self, x, y);
  int run = _hs_ladder_view_bracket_at (self, x, y);

  self->menu_row = HS_LADDER_NO_POS;
  if (run >= 0)
    row = hs_ladder_layout_row_for_pos (self->layout,
                                        g_array_index (self->expanded, ExpandedRun, run).first);

  if (row != HS_LADDER_NO_POS)
    {
      const HsLadderRow *r = hs_ladder_layout_get_row (self->layout, row);

      self->menu_row = row;
      if (r->kind == HS_LADDER_ROW_COLLAPSED)
        g_menu_append (menu, _("_Show These Packets"), "ladder.toggle-run");
      else if (_hs_ladder_view_find_expanded (self, r->first) >= 0)
        g_menu_append (menu, _("_Collapse Quiet Run Again"), "ladder.toggle-run");
    }
  g_menu_append (section, _("_Rename Endpoints…"), "ladder.rename");
  g_menu_append (section, _("_Export Ladder…"), "win.export-ladder");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));

  if (canvas->context_menu == NULL)
    {
      canvas->context_menu = gtk_popover_menu_new_from_model (NULL);
      gtk_widget_set_parent (canvas->context_menu, GTK_WIDGET (canvas));
      gtk_popover_set_has_arrow (GTK_POPOVER (canvas->context_menu), FALSE);
      gtk_widget_set_halign (canvas->context_menu, GTK_ALIGN_START);
    }
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (canvas->context_menu), G_MENU_MODEL (menu));
  gtk_popover_set_pointing_to (GTK_POPOVER (canvas->context_menu),
                               &(GdkRectangle) { (int)x, (int)y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (canvas->context_menu));
}

static void
on_canvas_pressed (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   HsLadderView    *self)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (gesture));

  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));

  if (event != NULL && gdk_event_triggers_context_menu (event))
    {
      popup_context_menu (self, x, y);
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      return;
    }

  if (gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)) == GDK_BUTTON_PRIMARY)
    hs_ladder_view_click_at (self, x, y);
}

static void
on_canvas_motion (GtkEventControllerMotion *controller,
                  double                    x,
                  double                    y,
                  HsLadderView             *self)
{
  guint row = row_at (self, x, y);
  guint pos = HS_LADDER_NO_POS;

  gboolean clickable = FALSE;

  self->pointer_y = y;
  if (_hs_ladder_view_bracket_at (self, x, y) >= 0)
    clickable = TRUE;
  else if (row != HS_LADDER_NO_POS)
    {
      const HsLadderRow *r = hs_ladder_layout_get_row (self->layout, row);

      if (r->kind == HS_LADDER_ROW_PACKET)
        pos = r->first;
      else
        clickable = TRUE;
    }
  set_hover_pos (self, pos);

  /* the hand over what opens or folds a run */
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->canvas), clickable ? "pointer" : NULL);
}

static void
on_canvas_leave (GtkEventControllerMotion *controller,
                 HsLadderView             *self)
{
  self->pointer_y = -1;
  set_hover_pos (self, HS_LADDER_NO_POS);
}

static gboolean
on_canvas_scroll (GtkEventControllerScroll *controller,
                  double                    dx,
                  double                    dy,
                  HsLadderView             *self)
{
  GdkModifierType state;
  double area_y;

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  if (!(state & GDK_CONTROL_MASK) || self->layout == NULL || dy == 0)
    return FALSE;

  area_y = self->pointer_y >= 0 ? MAX (0, self->pointer_y - hs_ladder_header_height ()) : -1;
  _hs_ladder_view_zoom_around (self, self->zoom * pow (ZOOM_STEP, -dy), area_y);
  return TRUE;
}

/* Tooltips -------------------------------------------------------------- */

static gboolean
on_canvas_query_tooltip (GtkWidget    *widget,
                         int           x,
                         int           y,
                         gboolean      keyboard_mode,
                         GtkTooltip   *tooltip,
                         HsLadderView *self)
{
  g_autofree char *text = NULL;
  const HsLadderRow *r;
  double top, bottom, offset;
  guint row;
  int run;

  if (self->layout == NULL)
    return FALSE;

  if (keyboard_mode)
    {
      if (self->selected_pos == HS_LADDER_NO_POS)
        return FALSE;
      row = hs_ladder_layout_row_for_pos (self->layout, self->selected_pos);
    }
  else if ((run = _hs_ladder_view_bracket_at (self, x, y)) >= 0)
    {
      const ExpandedRun *e = &g_array_index (self->expanded, ExpandedRun, run);
      guint n = e->last - e->first + 1;

      text = g_strdup_printf (ngettext ("Click to collapse this run of %u quiet packet again",
                                        "Click to collapse this run of %u quiet packets again", n),
                              n);
      gtk_tooltip_set_text (tooltip, text);
      return TRUE;
    }
  else
    row = row_at (self, x, y);

  if (row == HS_LADDER_NO_POS)
    return FALSE;

  r = hs_ladder_layout_get_row (self->layout, row);
  if (r->kind == HS_LADDER_ROW_COLLAPSED)
    {
      g_autofree char *summary = hs_ladder_layout_dup_run_summary (self->layout, row);

      /* Translators: the tooltip of a collapsed run of data segments on the
       * ladder; %s is its summary, "1,204 segments, 3.1 MB" */
      text = g_strdup_printf (_("%s of quiet data\nClick to show these packets"), summary);
    }
  else if (r->kind == HS_LADDER_ROW_BUNDLE && !keyboard_mode)
    {
      g_autofree char *summary = hs_ladder_layout_dup_run_summary (self->layout, row);

      /* Translators: the tooltip of a bundle of the time-true ladder: the
       * frame numbers of its packets and its summary, "40 packets in 1.2
       * ms, 57.9 kB" */
      text = g_strdup_printf (_("Frames %u–%u: %s, too close in time to draw one by one\n"
                                "Zoom in to draw them apart, or click to select the first"),
                              hs_ladder_layout_get_frame (self->layout, r->first) + 1,
                              hs_ladder_layout_get_frame (self->layout, r->first + r->n - 1) + 1,
                              summary);
    }
  else
    {
      /* from the keyboard, the selected packet, also one of a bundle */
      guint pos = keyboard_mode ? self->selected_pos : r->first;
      g_autofree char *label = g_strdup (hs_ladder_layout_get_label (self->layout, pos));
      const char *badge = hs_ladder_layout_get_badge (self->layout, pos);
      guint frame = hs_ladder_layout_get_frame (self->layout, pos) + 1;

      if (badge != NULL)
        /* Translators: the tooltip of an arrow of the ladder: the frame
         * number, what the packet carries, and its anomaly */
        text = g_strdup_printf (_("Frame %u: %s\n%s"), frame, label, badge);
      else
        /* Translators: the tooltip of an arrow of the ladder: the frame
         * number and what the packet carries */
        text = g_strdup_printf (_("Frame %u: %s"), frame, label);
    }

  gtk_tooltip_set_text (tooltip, text);

  /* the tooltip follows the pointer from one row to the next */
  _hs_ladder_view_row_extent (self, row, &top, &bottom);
  offset = hs_ladder_header_height () - _hs_ladder_view_scroll_y (self);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) {
                              0, (int)floor (top + offset),
                              gtk_widget_get_width (widget), (int)ceil (bottom - top) });
  return TRUE;
}

/* Keys ------------------------------------------------------------------ */

static guint
first_visible_pos (HsLadderView *self)
{
  guint first, last;
  double v = _hs_ladder_view_scroll_y (self);

  if (!hs_ladder_layout_visible_rows (self->layout, v,
                                      v + MAX (1, _hs_ladder_view_rows_area_height (self)),
                                      &first, &last))
    return 0;
  return hs_ladder_layout_get_row (self->layout, first)->first;
}

static void
select_anomaly (HsLadderView *self,
                gboolean      forward)
{
  const guint32 *anomalies;
  guint n = 0;
  guint pos;

  anomalies = hs_ladder_layout_get_anomalies (self->layout, &n);
  if (self->selected_pos == HS_LADDER_NO_POS)
    pos = n > 0 ? anomalies[forward ? 0 : n - 1] : HS_LADDER_NO_POS;
  else
    pos = hs_ladder_layout_next_anomaly (self->layout, self->selected_pos, forward);

  if (pos == HS_LADDER_NO_POS)
    gtk_widget_error_bell (GTK_WIDGET (self));
  else
    _hs_ladder_view_select_pos (self, pos, SCROLL_CENTER);
}

gboolean
hs_ladder_view_key_press (HsLadderView    *self,
                          guint            keyval,
                          GdkModifierType  state)
{
  guint n;
  guint pos;

  g_return_val_if_fail (HS_IS_LADDER_VIEW (self), FALSE);

  if (self->layout == NULL)
    return FALSE;

  n = hs_ladder_layout_get_n_packets (self->layout);
  pos = self->selected_pos;
  state &= gtk_accelerator_get_default_mod_mask ();

  /* zoom with or without Ctrl */
  if ((state & ~(GDK_CONTROL_MASK | GDK_SHIFT_MASK)) == 0)
    {
      switch (keyval)
        {
        case GDK_KEY_plus:
        case GDK_KEY_equal:
        case GDK_KEY_KP_Add:
          _hs_ladder_view_zoom_around (self, self->zoom * ZOOM_STEP, -1);
          return TRUE;
        case GDK_KEY_minus:
        case GDK_KEY_KP_Subtract:
          _hs_ladder_view_zoom_around (self, self->zoom / ZOOM_STEP, -1);
          return TRUE;
        case GDK_KEY_0:
        case GDK_KEY_KP_0:
          if (state & GDK_CONTROL_MASK)
            {
              _hs_ladder_view_zoom_around (self, 1.0, -1);
              return TRUE;
            }
          break;
        default:
          break;
        }
    }

  /* the context menu from the keyboard, at the selected packet */
  if (keyval == GDK_KEY_Menu || (keyval == GDK_KEY_F10 && state == GDK_SHIFT_MASK))
    {
      guint row = HS_LADDER_NO_POS;
      double x = hs_ladder_layout_get_columns (self->layout)->lifeline[0] -
                 _hs_ladder_view_scroll_x (self);
      double y = hs_ladder_header_height () + _hs_ladder_view_rows_area_height (self) / 2;

      if (pos != HS_LADDER_NO_POS)
        row = hs_ladder_layout_row_for_pos (self->layout, pos);
      if (row != HS_LADDER_NO_POS)
        {
          double top, bottom;

          _hs_ladder_view_row_extent (self, row, &top, &bottom);
          y = CLAMP ((top + bottom) / 2 - _hs_ladder_view_scroll_y (self) +
                     hs_ladder_header_height (),
                     hs_ladder_header_height (), gtk_widget_get_height (GTK_WIDGET (self->canvas)));
        }
      popup_context_menu (self, x, y);
      return TRUE;
    }

  /* the rest without modifiers: Ctrl+N, Ctrl+comma and the like belong to
   * the window */
  if ((state & ~GDK_SHIFT_MASK) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (pos == HS_LADDER_NO_POS)
        _hs_ladder_view_select_pos (self, first_visible_pos (self), SCROLL_MINIMAL);
      else if (pos > 0)
        _hs_ladder_view_select_pos (self, pos - 1, SCROLL_MINIMAL);
      else
        gtk_widget_error_bell (GTK_WIDGET (self));
      return TRUE;

    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (pos == HS_LADDER_NO_POS)
        _hs_ladder_view_select_pos (self, first_visible_pos (self), SCROLL_MINIMAL);
      else if (pos + 1 < n)
        _hs_ladder_view_select_pos (self, pos + 1, SCROLL_MINIMAL);
      else
        gtk_widget_error_bell (GTK_WIDGET (self));
      return TRUE;

    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      _hs_ladder_view_select_pos (self, 0, SCROLL_MINIMAL);
      return TRUE;

    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      _hs_ladder_view_select_pos (self, n - 1, SCROLL_MINIMAL);
      return TRUE;

    case GDK_KEY_n:
      select_anomaly (self, TRUE);
      return TRUE;

    case GDK_KEY_p:
      select_anomaly (self, FALSE);
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      /* fold the run of the selected packet, or open it again */
      if (pos != HS_LADDER_NO_POS)
        {
          guint row = hs_ladder_layout_row_for_pos (self->layout, pos);

          if (row != HS_LADDER_NO_POS &&
              (hs_ladder_layout_get_row (self->layout, row)->kind == HS_LADDER_ROW_COLLAPSED ||
               _hs_ladder_view_find_expanded (self, pos) >= 0))
            {
              toggle_row (self, row);
              _hs_ladder_view_scroll_to_pos (self, pos, SCROLL_MINIMAL);
              gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
              return TRUE;
            }
        }
      return FALSE;

    default:
      return FALSE;
    }
}

static gboolean
on_canvas_key_pressed (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       HsLadderView          *self)
{
  return hs_ladder_view_key_press (self, keyval, state);
}

/* The overview strip ---------------------------------------------------- */

/* The overview strip scrolls to where it is clicked or dragged. */
static void
overview_scroll_to (HsLadderView *self,
                    double        strip_y)
{
  double height = gtk_widget_get_height (GTK_WIDGET (self->overview));
  double y;

  if (self->layout == NULL || height <= 0)
    return;

  y = hs_ladder_overview_to_layout (self->layout, height, CLAMP (strip_y, 0, height));
  _hs_ladder_view_set_scroll_y (self, y - _hs_ladder_view_rows_area_height (self) / 2);
}

static void
on_overview_drag_begin (GtkGestureDrag *gesture,
                        double          x,
                        double          y,
                        HsLadderView   *self)
{
  self->overview_drag_y = y;
  overview_scroll_to (self, y);
}

static void
on_overview_drag_update (GtkGestureDrag *gesture,
                         double          dx,
                         double          dy,
                         HsLadderView   *self)
{
  overview_scroll_to (self, self->overview_drag_y + dy);
}

/* Actions and controllers ----------------------------------------------- */

void
_hs_ladder_view_toggle_run_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  HsLadderView *self = HS_LADDER_VIEW (widget);

  if (self->canvas->context_menu != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->canvas->context_menu));
  if (self->menu_row != HS_LADDER_NO_POS)
    toggle_row (self, self->menu_row);
  self->menu_row = HS_LADDER_NO_POS;
}

/* The canvas's and the overview's controllers, from the view's init. */
void
_hs_ladder_view_init_input (HsLadderView *self)
{
  GtkGesture *click;
  GtkGesture *drag;
  GtkEventController *controller;

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "pressed", G_CALLBACK (on_canvas_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), GTK_EVENT_CONTROLLER (click));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (on_canvas_motion), self);
  g_signal_connect (controller, "motion", G_CALLBACK (on_canvas_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_canvas_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_canvas_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_canvas_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), controller);

  g_signal_connect (self->canvas, "query-tooltip", G_CALLBACK (on_canvas_query_tooltip), self);

  drag = gtk_gesture_drag_new ();
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_overview_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_overview_drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self->overview), GTK_EVENT_CONTROLLER (drag));
}
