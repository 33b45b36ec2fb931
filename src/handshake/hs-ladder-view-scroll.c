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

/* the time range is gone to from a tick of the frame clock (below) */
static void queue_range_tick (HsLadderView *self);

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
  _hs_ladder_view_queue_publish_range (self);
}

void
_hs_ladder_view_canvas_mapped (HsLadderView *self)
{
  g_assert (HS_IS_LADDER_VIEW (self));

  if (self->pending_pos != HS_LADDER_NO_POS)
    gtk_widget_queue_allocate (GTK_WIDGET (self->canvas));
  if (self->range_pending)
    queue_range_tick (self);
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
  _hs_ladder_view_queue_publish_range (self);
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

/* The session's time range ---------------------------------------------- */

/* The capture time of a position of the connection. */
static gint64
pos_time (HsLadderView *self,
          guint         pos)
{
  guint frame = hs_ladder_layout_get_frame (self->layout, pos);

  return hs_capture_get_record (self->follower.capture, frame)->ts_ns;
}

/* The first position at or after `ts_ns` (the connection's packets are in
 * capture order, their times rising), or the last one. */
static guint
pos_at_time (HsLadderView *self,
             gint64        ts_ns)
{
  guint lo = 0;
  guint hi = hs_ladder_layout_get_n_packets (self->layout);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (pos_time (self, mid) < ts_ns)
        lo = mid + 1;
      else
        hi = mid;
    }
  return MIN (lo, hs_ladder_layout_get_n_packets (self->layout) - 1);
}

static void
publish_range_cb (gpointer data)
{
  HsLadderView *self = data;
  guint first, last;
  gint64 start, end;

  self->range_idle = 0;
  /* only what the user sees, and not over another view's range not yet
   * gone to */
  if (self->follower.session == NULL || self->range_pending ||
      !gtk_widget_get_mapped (GTK_WIDGET (self->canvas)) ||
      !hs_ladder_view_get_visible_range (self, &first, &last))
    return;

  start = pos_time (self, first);
  end = MAX (start, pos_time (self, last));
  self->range_set = TRUE;
  self->range_set_start = start;
  self->range_set_end = end;
  hs_session_set_time_range (self->follower.session, start, end);
}

void
_hs_ladder_view_queue_publish_range (HsLadderView *self)
{
  if (self->range_idle == 0 && self->follower.session != NULL && self->layout != NULL)
    self->range_idle = g_idle_add_once (publish_range_cb, self);
}

static void
apply_pending_range (HsLadderView *self)
{
  const HsLadderRow *r;
  guint row;

  if (!self->range_pending || self->layout == NULL || !canvas_ready (self))
    return;

  self->range_pending = FALSE;
  row = hs_ladder_layout_row_for_pos (self->layout,
                                      pos_at_time (self, self->range_pending_start));
  if (row == HS_LADDER_NO_POS)
    return;

  r = hs_ladder_layout_get_row (self->layout, row);
  _hs_ladder_view_update_adjustments (self);
  _hs_ladder_view_set_scroll_y (self, r->y);
  /* the range stays the other view's: this scroll is not the user's */
  g_clear_handle_id (&self->range_idle, g_source_remove);
}

static gboolean
range_tick_cb (GtkWidget     *widget,
               GdkFrameClock *frame_clock,
               gpointer       data)
{
  HsLadderView *self = data;

  /* hidden again before it had its size: queued again when shown */
  if (self->range_pending && gtk_widget_get_mapped (widget) && !canvas_ready (self))
    return G_SOURCE_CONTINUE;

  self->range_tick = 0;
  apply_pending_range (self);
  return G_SOURCE_REMOVE;
}

/* The range is gone to at the start of a frame once the canvas has its
 * size, before that frame's layout: scrolling while the scrolled window is
 * allocated would leave its scrollbar unallocated when drawn. */
static void
queue_range_tick (HsLadderView *self)
{
  if (self->range_tick == 0)
    self->range_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->canvas), range_tick_cb,
                                                     self, NULL);
}

void
_hs_ladder_view_follow_time_range (gpointer data)
{
  HsLadderView *self = data;
  gint64 start, end;

  if (!hs_session_get_time_range (self->follower.session, &start, &end))
    {
      /* cleared: a new capture or connection */
      self->range_set = FALSE;
      self->range_pending = FALSE;
      return;
    }

  /* what the ladder set itself */
  if (self->range_set && start == self->range_set_start && end == self->range_set_end)
    return;

  /* another view's (the graph zoomed): gone to when the ladder is shown */
  self->range_set = FALSE;
  self->range_pending = TRUE;
  self->range_pending_start = start;
  g_clear_handle_id (&self->range_idle, g_source_remove);
  if (canvas_ready (self))
    apply_pending_range (self);
  else if (gtk_widget_get_mapped (GTK_WIDGET (self->canvas)))
    queue_range_tick (self);
}

void
_hs_ladder_view_clear_range (HsLadderView *self)
{
  g_clear_handle_id (&self->range_idle, g_source_remove);
  if (self->range_tick != 0 && self->canvas != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->canvas), self->range_tick);
  self->range_tick = 0;
}
