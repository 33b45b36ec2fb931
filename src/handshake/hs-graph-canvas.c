/* hs-graph-canvas.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hs-graph-view"

#include "config.h"

#include "hs-graph-canvas-private.h"
#include "hs-view-util.h"

G_DEFINE_FINAL_TYPE (HsGraphCanvas, hs_graph_canvas, GTK_TYPE_WIDGET)

static void
hs_graph_canvas_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  /* room for the axes and some plot; the rest is what the window gives */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 600;
    }
  else
    {
      *minimum = 120;
      *natural = 360;
    }
}

static void
hs_graph_canvas_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  HsGraphCanvas *canvas = HS_GRAPH_CANVAS (widget);

  if (canvas->view != NULL)
    _hs_graph_view_snapshot_canvas (canvas->view, snapshot);
}

static void
hs_graph_canvas_map (GtkWidget *widget)
{
  HsGraphCanvas *canvas = HS_GRAPH_CANVAS (widget);

  GTK_WIDGET_CLASS (hs_graph_canvas_parent_class)->map (widget);

  if (canvas->view != NULL)
    _hs_graph_view_canvas_mapped (canvas->view);
}

static void
hs_graph_canvas_dispose (GObject *object)
{
  HsGraphCanvas *canvas = HS_GRAPH_CANVAS (object);

  canvas->view = NULL;

  G_OBJECT_CLASS (hs_graph_canvas_parent_class)->dispose (object);
}

static void
hs_graph_canvas_class_init (HsGraphCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hs_graph_canvas_dispose;

  widget_class->measure = hs_graph_canvas_measure;
  widget_class->snapshot = hs_graph_canvas_snapshot;
  widget_class->map = hs_graph_canvas_map;

  hs_view_canvas_class_setup (widget_class, "graph");
}

static void
hs_graph_canvas_init (HsGraphCanvas *canvas)
{
  hs_view_canvas_setup (GTK_WIDGET (canvas));
}
