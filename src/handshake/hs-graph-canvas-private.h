/* hs-graph-canvas-private.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "hs-graph-view.h"

G_BEGIN_DECLS

/* The drawing widget of HsGraphView: its view draws it. */
#define HS_TYPE_GRAPH_CANVAS (hs_graph_canvas_get_type ())

G_DECLARE_FINAL_TYPE (HsGraphCanvas, hs_graph_canvas, HS, GRAPH_CANVAS, GtkWidget)

struct _HsGraphCanvas
{
  GtkWidget    parent_instance;

  HsGraphView *view;  /* the view it is part of; not a reference */
};

/* hs-graph-view.c, what the canvas asks of its view */
void _hs_graph_view_snapshot_canvas (HsGraphView *self,
                                     GtkSnapshot *snapshot);
void _hs_graph_view_canvas_mapped   (HsGraphView *self);

G_END_DECLS
