/* hs-ladder-canvas-private.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "hs-ladder-view.h"

G_BEGIN_DECLS

#define HS_LADDER_BOTTOM_PADDING 24.0  /* room under the last row */

/* The drawing widget inside HsLadderView's scrolled window: a
 * GtkScrollable whose size, drawing and mapping the view handles. */
#define HS_TYPE_LADDER_CANVAS (hs_ladder_canvas_get_type ())

G_DECLARE_FINAL_TYPE (HsLadderCanvas, hs_ladder_canvas, HS, LADDER_CANVAS, GtkWidget)

struct _HsLadderCanvas
{
  GtkWidget      parent_instance;

  HsLadderView  *view;          /* the view it is part of; not a reference */
  GtkAdjustment *hadjustment;
  GtkAdjustment *vadjustment;
  GtkWidget     *context_menu;  /* GtkPopoverMenu */
  guint          hscroll_policy : 1;
  guint          vscroll_policy : 1;
};

/* hs-ladder-view-scroll.c and -draw.c, what the canvas asks of its view */
void _hs_ladder_view_canvas_allocated (HsLadderView *self);
void _hs_ladder_view_canvas_scrolled  (HsLadderView *self);
void _hs_ladder_view_snapshot_canvas  (HsLadderView *self,
                                       GtkSnapshot  *snapshot);
void _hs_ladder_view_canvas_mapped    (HsLadderView *self);

G_END_DECLS
