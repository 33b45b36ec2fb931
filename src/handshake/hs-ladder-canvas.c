/* hs-ladder-canvas.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hs-ladder-view"

#include "config.h"

#include <math.h>

#include "hs-ladder-canvas-private.h"
#include "hs-ladder-paint.h"
#include "hs-view-util.h"

enum {
  CANVAS_PROP_0,
  CANVAS_PROP_HADJUSTMENT,
  CANVAS_PROP_VADJUSTMENT,
  CANVAS_PROP_HSCROLL_POLICY,
  CANVAS_PROP_VSCROLL_POLICY,
};

G_DEFINE_FINAL_TYPE_WITH_CODE (HsLadderCanvas, hs_ladder_canvas, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

static void
canvas_adjustment_changed (GtkAdjustment  *adjustment,
                           HsLadderCanvas *canvas)
{
  gtk_widget_queue_draw (GTK_WIDGET (canvas));
  if (canvas->view != NULL)
    _hs_ladder_view_canvas_scrolled (canvas->view);
}

static void
canvas_set_adjustment (HsLadderCanvas  *canvas,
                       GtkAdjustment  **slot,
                       GtkAdjustment   *adjustment)
{
  if (*slot == adjustment)
    return;

  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, canvas_adjustment_changed, canvas);
      g_clear_object (slot);
    }

  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (canvas_adjustment_changed), canvas);

  if (canvas->view != NULL)
    _hs_ladder_view_canvas_allocated (canvas->view);
}

static void
hs_ladder_canvas_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  HsLadderCanvas *canvas = HS_LADDER_CANVAS (widget);
  HsLadderLayout *layout = canvas->view != NULL ? hs_ladder_view_get_layout (canvas->view) : NULL;
  double size = 0;

  /* The scrolled window shows a scrollbar when the content is larger than
   * the viewport, and it learns the content's size from here. */
  if (layout != NULL)
    {
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        size = HS_LADDER_MIN_WIDTH;
      else
        size = hs_ladder_header_height () + hs_ladder_layout_get_height (layout) + HS_LADDER_BOTTOM_PADDING;
    }

  *minimum = *natural = (int)MIN (ceil (size), (double)(G_MAXINT / 2));
}

static void
hs_ladder_canvas_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  HsLadderCanvas *canvas = HS_LADDER_CANVAS (widget);

  if (canvas->view != NULL)
    _hs_ladder_view_canvas_allocated (canvas->view);
  if (canvas->context_menu != NULL)
    gtk_popover_present (GTK_POPOVER (canvas->context_menu));
}

static void
hs_ladder_canvas_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  HsLadderCanvas *canvas = HS_LADDER_CANVAS (widget);

  if (canvas->view != NULL)
    _hs_ladder_view_snapshot_canvas (canvas->view, snapshot);
}

static void
hs_ladder_canvas_map (GtkWidget *widget)
{
  HsLadderCanvas *canvas = HS_LADDER_CANVAS (widget);

  GTK_WIDGET_CLASS (hs_ladder_canvas_parent_class)->map (widget);

  if (canvas->view != NULL)
    _hs_ladder_view_canvas_mapped (canvas->view);
}

static void
hs_ladder_canvas_dispose (GObject *object)
{
  HsLadderCanvas *canvas = HS_LADDER_CANVAS (object);

  if (canvas->context_menu != NULL)
    gtk_popover_popdown (GTK_POPOVER (canvas->context_menu));
  g_clear_pointer (&canvas->context_menu, gtk_widget_unparent);
  if (canvas->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (canvas->hadjustment, canvas_adjustment_changed, canvas);
  if (canvas->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (canvas->vadjustment, canvas_adjustment_changed, canvas);
  g_clear_object (&canvas->hadjustment);
  g_clear_object (&canvas->vadjustment);
  canvas->view = NULL;

  G_OBJECT_CLASS (hs_ladder_canvas_parent_class)->dispose (object);
}

static void
hs_ladder_canvas_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  HsLadderCanvas *canvas = HS_LADDER_CANVAS (object);

  switch (prop_id)
    {
    case CANVAS_PROP_HADJUSTMENT:
      g_value_set_object (value, canvas->hadjustment);
      break;
    case CANVAS_PROP_VADJUSTMENT:
      g_value_set_object (value, canvas->vadjustment);
      break;
    case CANVAS_PROP_HSCROLL_POLICY:
      g_value_set_enum (value, canvas->hscroll_policy);
      break;
    case CANVAS_PROP_VSCROLL_POLICY:
      g_value_set_enum (value, canvas->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_ladder_canvas_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  HsLadderCanvas *canvas = HS_LADDER_CANVAS (object);

  switch (prop_id)
    {
    case CANVAS_PROP_HADJUSTMENT:
      canvas_set_adjustment (canvas, &canvas->hadjustment, g_value_get_object (value));
      break;
    case CANVAS_PROP_VADJUSTMENT:
      canvas_set_adjustment (canvas, &canvas->vadjustment, g_value_get_object (value));
      break;
    case CANVAS_PROP_HSCROLL_POLICY:
      canvas->hscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (canvas));
      break;
    case CANVAS_PROP_VSCROLL_POLICY:
      canvas->vscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (canvas));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_ladder_canvas_class_init (HsLadderCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hs_ladder_canvas_dispose;
  object_class->get_property = hs_ladder_canvas_get_property;
  object_class->set_property = hs_ladder_canvas_set_property;

  widget_class->measure = hs_ladder_canvas_measure;
  widget_class->size_allocate = hs_ladder_canvas_size_allocate;
  widget_class->snapshot = hs_ladder_canvas_snapshot;
  widget_class->map = hs_ladder_canvas_map;

  g_object_class_override_property (object_class, CANVAS_PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, CANVAS_PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, CANVAS_PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, CANVAS_PROP_VSCROLL_POLICY, "vscroll-policy");

  hs_view_canvas_class_setup (widget_class, "ladder");
}

static void
hs_ladder_canvas_init (HsLadderCanvas *canvas)
{
  hs_view_canvas_setup (GTK_WIDGET (canvas));
}
