/* hs-ladder-view-scroll.c — the canvas's geometry and scrolling, what
 * stays put when it changes, selecting a packet
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hs-ladder-view"

#include "config.h"

#include "hs-ladder-view-private.h"

/* Geometry -------------------------------------------------------------- */

static double
adjustment_value (GtkAdjustment *adjustment)
{
  return adjustment != NULL ? gtk_adjustment_get_value (adjustment) : 0;
}

double
_hs_ladder_view_rows_area_height (HsLadderView *self)
{
  return MAX (0.0, gtk_widget_get_height (GTK_WIDGET (self->canvas)) - hs_ladder_header_height ());
}

double
_hs_ladder_view_scroll_y (HsLadderView *self)
{
  return adjustment_value (self->canvas->vadjustment);
}

double
_hs_ladder_view_scroll_x (HsLadderView *self)
{
  return adjustment_value (self->canvas->hadjustment);
}

/* The layout y range of a row: its top and the top of the next one. */
void
_hs_ladder_view_row_extent (HsLadderView *self,
                            guint         row,
                            double       *top,
                            double       *bottom)
{
  const HsLadderRow *r = hs_ladder_layout_get_row (self->layout, row);
  guint n_rows = hs_ladder_layout_get_n_rows (self->layout);

  *top = r->y;
  if (row + 1 < n_rows)
    *bottom = hs_ladder_layout_get_row (self->layout, row + 1)->y;
  else
    *bottom = MAX (r->y + hs_ladder_layout_get_row_height (self->layout),
                   hs_ladder_layout_get_height (self->layout));
  if (*bottom <= *top)
    *bottom = *top + 1;
}

void
_hs_ladder_view_update_adjustments (HsLadderView *self)
{
  GtkWidget *canvas = GTK_WIDGET (self->canvas);
  double width = gtk_widget_get_width (canvas);
  double height = gtk_widget_get_height (canvas);
  double content_width = 0;
  double content_height = 0;
  double step = 40;

  if (self->layout != NULL)
    {
      if (width > 0 && hs_ladder_layout_set_width (self->layout, width))
        _hs_ladder_view_queue_legend_update (self);
      content_width = hs_ladder_layout_get_columns (self->layout)->width;
      content_height = hs_ladder_header_height () + hs_ladder_layout_get_height (self->layout)
                       + HS_LADDER_BOTTOM_PADDING;
      step = hs_ladder_layout_get_row_height (self->layout);
    }

  if (self->canvas->vadjustment != NULL)
    gtk_adjustment_configure (self->canvas->vadjustment,
                              gtk_adjustment_get_value (self->canvas->vadjustment),
                              0, MAX (content_height, height), step, MAX (1, height * 0.9), height);
  if (self->canvas->hadjustment != NULL)
    gtk_adjustment_configure (self->canvas->hadjustment,
                              gtk_adjustment_get_value (self->canvas->hadjustment),
                              0, MAX (content_width, width), 20, MAX (1, width * 0.9), width);
}

/* Scrolling ------------------------------------------------------------- */

void
_hs_ladder_view_set_scroll_y (HsLadderView *self,
                              double        y)
{
  if (self->canvas->vadjustment != NULL)
    gtk_adjustment_set_value (self->canvas->vadjustment, y);
}

static gboolean
canvas_ready (HsLadderView *self)
{
  return gtk_widget_get_mapped (GTK_WIDGET (self->canvas)) &&
         gtk_widget_get_height (GTK_WIDGET (self->canvas)) > 0 &&
         self->canvas->vadjustment != NULL;
}

static void
scroll_to_pos_now (HsLadderView *self,
                   guint         pos,
                   ScrollKind    kind)
{
  double area = _hs_ladder_view_rows_area_height (self);
  double v = _hs_ladder_view_scroll_y (self);
  double top, bottom;
  guint row;

  row = hs_ladder_layout_row_for_pos (self->layout, pos);
  if (row == HS_LADDER_NO_POS)
    return;
  _hs_ladder_view_row_extent (self, row, &top, &bottom);

  if (top >= v && bottom <= v + area)
    return;

  if (kind == SCROLL_CENTER || bottom - top + 2 * SCROLL_MARGIN > area ||
      bottom < v - area || top > v + 2 * area)
    v = top - (area - (bottom - top)) / 2;
  else if (top < v)
    v = top - SCROLL_MARGIN;
  else
    v = bottom - area + SCROLL_MARGIN;

  _hs_ladder_view_set_scroll_y (self, MAX (0, v));
}

void
_hs_ladder_view_scroll_to_pos (HsLadderView *self,
                               guint         pos,
                               ScrollKind    kind)
{
  if (self->layout == NULL || pos == HS_LADDER_NO_POS)
    return;

  if (canvas_ready (self))
    {
      _hs_ladder_view_update_adjustments (self);
      scroll_to_pos_now (self, pos, kind);
      self->pending_pos = HS_LADDER_NO_POS;
    }
  else
    {
      self->pending_pos = pos;
      self->pending_kind = kind;
      gtk_widget_queue_allocate (GTK_WIDGET (self->canvas));
    }
}

void
_hs_ladder_view_canvas_allocated (HsLadderView *self)
{
  g_assert (HS_IS_LADDER_VIEW (self));

  _hs_ladder_view_update_adjustments (self);

  if (self->pending_pos != HS_LADDER_NO_POS && canvas_ready (self) && self->layout != NULL)
    {
      guint pos = self->pending_pos;

      self->pending_pos = HS_LADDER_NO_POS;
      scroll_to_pos_now (self, pos, self->pending_kind);
    }
}

void
_hs_ladder_view_canvas_scrolled (HsLadderView *self)
{
  g_assert (HS_IS_LADDER_VIEW (self));

  gtk_widget_queue_draw (GTK_WIDGET (self->overview));
}

void
_hs_ladder_view_canvas_mapped (HsLadderView *self)
{
  g_assert (HS_IS_LADDER_VIEW (self));

  if (self->pending_pos != HS_LADDER_NO_POS)
    gtk_widget_queue_allocate (GTK_WIDGET (self->canvas));
}

/* Anchors --------------------------------------------------------------- */

gboolean
_hs_ladder_view_anchor_at (HsLadderView *self,
                           double        area_y,
                           Anchor       *anchor)
{
  double y = _hs_ladder_view_scroll_y (self) + area_y;
  double top, bottom;
  guint row;

  if (self->layout == NULL || hs_ladder_layout_get_n_rows (self->layout) == 0)
    return FALSE;

  row = hs_ladder_layout_row_at_y (self->layout, y);
  _hs_ladder_view_row_extent (self, row, &top, &bottom);
  anchor->pos = hs_ladder_layout_get_row (self->layout, row)->first;
  anchor->fraction = CLAMP ((y - top) / (bottom - top), 0, 1);
  anchor->area_y = area_y;
  return TRUE;
}

/* Anchors the selected packet when it is on screen, else the middle. */
gboolean
_hs_ladder_view_anchor_default (HsLadderView *self,
                                Anchor       *anchor)
{
  double area = _hs_ladder_view_rows_area_height (self);

  if (self->layout == NULL)
    return FALSE;

  if (self->selected_pos != HS_LADDER_NO_POS)
    {
      guint row = hs_ladder_layout_row_for_pos (self->layout, self->selected_pos);
      double v = _hs_ladder_view_scroll_y (self);
      double top, bottom;

      if (row != HS_LADDER_NO_POS)
        {
          _hs_ladder_view_row_extent (self, row, &top, &bottom);
          if (bottom > v && top < v + area)
            {
              anchor->pos = self->selected_pos;
              anchor->fraction = 0;
              anchor->area_y = top - v;
              return TRUE;
            }
        }
    }

  return _hs_ladder_view_anchor_at (self, area / 2, anchor);
}

void
_hs_ladder_view_restore_anchor (HsLadderView *self,
                                const Anchor *anchor)
{
  double top, bottom;
  guint row;

  _hs_ladder_view_update_adjustments (self);
  row = hs_ladder_layout_row_for_pos (self->layout, anchor->pos);
  if (row == HS_LADDER_NO_POS)
    return;
  _hs_ladder_view_row_extent (self, row, &top, &bottom);
  _hs_ladder_view_set_scroll_y (self, top + anchor->fraction * (bottom - top) - anchor->area_y);
}

/* The geometry changed: size, scrollbars, overview and legend follow. */
void
_hs_ladder_view_geometry_changed (HsLadderView *self)
{
  gtk_widget_queue_resize (GTK_WIDGET (self->canvas));
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
  gtk_widget_queue_draw (GTK_WIDGET (self->overview));
  _hs_ladder_view_queue_legend_update (self);
}

/* Selection ------------------------------------------------------------- */

/* A packet hidden in a collapsed run is shown by expanding the run. */
void
_hs_ladder_view_reveal_pos (HsLadderView *self,
                            guint         pos)
{
  guint row = hs_ladder_layout_row_for_pos (self->layout, pos);

  if (row == HS_LADDER_NO_POS)
    return;

  if (hs_ladder_layout_get_row (self->layout, row)->kind == HS_LADDER_ROW_COLLAPSED &&
      _hs_ladder_view_expand_row (self, row))
    {
      Anchor anchor;
      gboolean anchored = _hs_ladder_view_anchor_at (self, 0, &anchor);

      _hs_ladder_view_geometry_changed (self);
      if (anchored)
        _hs_ladder_view_restore_anchor (self, &anchor);
    }
}

/* Selects a position of the connection, from a click or a key. */
void
_hs_ladder_view_select_pos (HsLadderView *self,
                            guint         pos,
                            ScrollKind    kind)
{
  guint index;

  if (self->layout == NULL || pos >= hs_ladder_layout_get_n_packets (self->layout))
    return;

  _hs_ladder_view_reveal_pos (self, pos);
  index = hs_ladder_layout_get_frame (self->layout, pos);
  self->selected_pos = pos;
  _hs_ladder_view_scroll_to_pos (self, pos, kind);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));

  if (self->follower.selected_index != index)
    {
      self->follower.selected_index = index;
      /* everywhere else too */
      if (self->follower.session != NULL)
        hs_session_select_index (self->follower.session, index);
    }
}
