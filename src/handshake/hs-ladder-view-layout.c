/* hs-ladder-view-layout.c — the layout shown: built, grown with a live
 * capture, the runs the user expanded
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hs-ladder-view"

#include "config.h"

#include <glib/gi18n.h>

#include "hs-ladder-view-private.h"

/* Expanded runs --------------------------------------------------------- */

void
_hs_ladder_view_forget_expanded (HsLadderView *self)
{
  g_array_set_size (self->expanded, 0);
}

int
_hs_ladder_view_find_expanded (HsLadderView *self,
                               guint         pos)
{
  for (guint i = 0; i < self->expanded->len; i++)
    {
      const ExpandedRun *run = &g_array_index (self->expanded, ExpandedRun, i);

      if (pos >= run->first && pos <= run->last)
        return (int)i;
    }
  return -1;
}

gboolean
_hs_ladder_view_expand_row (HsLadderView *self,
                            guint         row)
{
  const HsLadderRow *r = hs_ladder_layout_get_row (self->layout, row);
  ExpandedRun run;

  if (r->kind != HS_LADDER_ROW_COLLAPSED)
    return FALSE;

  run.first = r->first;
  run.last = r->first + r->n - 1;
  if (!hs_ladder_layout_toggle_run (self->layout, row))
    return FALSE;

  g_array_append_val (self->expanded, run);
  return TRUE;
}

gboolean
_hs_ladder_view_collapse_run (HsLadderView *self,
                              int           i)
{
  ExpandedRun run = g_array_index (self->expanded, ExpandedRun, i);
  guint row = hs_ladder_layout_row_for_pos (self->layout, run.first);

  g_array_remove_index_fast (self->expanded, i);
  if (row == HS_LADDER_NO_POS)
    return FALSE;

  if (self->hover_pos >= run.first && self->hover_pos <= run.last)
    self->hover_pos = HS_LADDER_NO_POS;
  return hs_ladder_layout_toggle_run (self->layout, row);
}

/* Building the layout --------------------------------------------------- */

void
_hs_ladder_view_update_actions (HsLadderView *self)
{
  gboolean has_layout = self->layout != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ladder.rename", has_layout);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ladder.toggle-run", has_layout);
  _hs_ladder_view_update_zoom_controls (self);
}

void
_hs_ladder_view_update_empty_page (HsLadderView *self)
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
                                       _("Choose a connection in the sidebar to see its ladder "
                                         "diagram."));
    }
}

void
_hs_ladder_view_rebuild_layout (HsLadderView *self)
{
  guint n_packets = 0;

  hs_view_throttle_cancel (&self->live_update);
  g_clear_pointer (&self->layout, hs_ladder_layout_free);
  _hs_ladder_view_forget_expanded (self);
  self->selected_pos = HS_LADDER_NO_POS;
  self->hover_pos = HS_LADDER_NO_POS;
  self->pending_pos = HS_LADDER_NO_POS;

  if (self->follower.capture != NULL && self->follower.stream != HS_NO_STREAM &&
      self->follower.stream < hs_capture_get_n_connections (self->follower.capture))
    hs_capture_get_stream_packets (self->follower.capture, self->follower.stream, &n_packets);

  if (n_packets > 0)
    {
      int width = gtk_widget_get_width (GTK_WIDGET (self->canvas));

      /* the mode last: time-true rows are built again by each setting */
      self->layout = hs_ladder_layout_new (self->follower.capture, self->follower.stream);
      hs_ladder_layout_set_zoom (self->layout, self->zoom);
      hs_ladder_layout_set_collapse (self->layout, self->collapse);
      hs_ladder_layout_set_mode (self->layout, self->mode);
      if (width > 0)
        hs_ladder_layout_set_width (self->layout, width);
      _hs_ladder_view_apply_names (self);
      if (self->follower.selected_index != G_MAXUINT)
        self->selected_pos = hs_ladder_layout_find_frame (self->layout, self->follower.selected_index);
      _hs_ladder_view_sync_zoom (self);
    }

  _hs_ladder_view_update_empty_page (self);
  gtk_stack_set_visible_child_name (self->stack, self->layout != NULL ? "ladder" : "empty");
  _hs_ladder_view_update_actions (self);

  _hs_ladder_view_set_scroll_y (self, 0);
  if (self->canvas->hadjustment != NULL)
    gtk_adjustment_set_value (self->canvas->hadjustment, 0);
  _hs_ladder_view_geometry_changed (self);
  _hs_ladder_view_update_adjustments (self);

  if (self->selected_pos != HS_LADDER_NO_POS)
    {
      _hs_ladder_view_reveal_pos (self, self->selected_pos);
      _hs_ladder_view_scroll_to_pos (self, self->selected_pos, SCROLL_CENTER);
    }
}

/* Live documents -------------------------------------------------------- */

/* The last row is on screen (or everything is): new packets are followed. */
static gboolean
scrolled_to_end (HsLadderView *self)
{
  GtkAdjustment *adjustment = self->canvas->vadjustment;

  if (adjustment == NULL)
    return TRUE;

  return gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) >=
         gtk_adjustment_get_upper (adjustment) - 2;
}

/* A new layout of all the connection's packets, with the same settings
 * and the runs the user opened still open (a run still growing at the end
 * may have become longer). */
static void
relayout_whole (HsLadderView *self)
{
  HsLadderLayout *layout;
  int width;
  guint i;

  layout = hs_ladder_layout_new (self->follower.capture, self->follower.stream);
  hs_ladder_layout_set_zoom (layout, self->zoom);
  hs_ladder_layout_set_collapse (layout, self->collapse);
  hs_ladder_layout_set_mode (layout, self->mode);
  width = gtk_widget_get_width (GTK_WIDGET (self->canvas));
  if (width > 0)
    hs_ladder_layout_set_width (layout, width);
  hs_ladder_layout_free (self->layout);
  self->layout = layout;
  _hs_ladder_view_apply_names (self);
  _hs_ladder_view_sync_zoom (self);

  /* the runs the user opened stay open (a run still growing at the end
   * may have become longer) */
  for (i = self->expanded->len; i > 0; i--)
    {
      ExpandedRun *run = &g_array_index (self->expanded, ExpandedRun, i - 1);
      guint row = hs_ladder_layout_row_for_pos (layout, run->first);
      const HsLadderRow *r = row != HS_LADDER_NO_POS ? hs_ladder_layout_get_row (layout, row) : NULL;

      if (r != NULL && r->kind == HS_LADDER_ROW_COLLAPSED && r->first == run->first &&
          hs_ladder_layout_toggle_run (layout, row))
        run->last = r->first + r->n - 1;
      else
        g_array_remove_index_fast (self->expanded, i - 1);
    }
}

/* The shown connection grew: a new layout of all its packets, with the
 * same settings, expanded runs, selection and scroll position (the row at
 * the top stays there), or showing the end when the end was shown.
 * Throttled by its cost (hs_view_throttle). */
void
_hs_ladder_view_live_relayout (gpointer data)
{
  HsLadderView *self = data;
  HsLadderLayout *layout;
  Anchor anchor;
  gboolean anchored;
  gboolean at_end;
  guint n_packets = 0;

  if (self->follower.capture == NULL || self->follower.stream == HS_NO_STREAM ||
      self->follower.stream >= hs_capture_get_n_connections (self->follower.capture))
    return;
  hs_capture_get_stream_packets (self->follower.capture, self->follower.stream, &n_packets);

  if (self->layout == NULL)
    {
      /* the connection's first packets: shown as a new connection is */
      if (n_packets > 0)
        _hs_ladder_view_rebuild_layout (self);
      return;
    }
  if (hs_ladder_layout_get_n_packets (self->layout) == n_packets)
    return;

  at_end = scrolled_to_end (self);
  anchored = _hs_ladder_view_anchor_at (self, 0, &anchor);

  /* the layout takes in the new packets where it can, in time proportional
   * to them; with a run the user opened (whose end the view tracks) it is
   * made again */
  if (self->expanded->len == 0 && hs_ladder_layout_extend (self->layout))
    _hs_ladder_view_sync_zoom (self);
  else
    relayout_whole (self);
  layout = self->layout;

  self->selected_pos = self->follower.selected_index != G_MAXUINT
                       ? hs_ladder_layout_find_frame (layout, self->follower.selected_index)
                       : HS_LADDER_NO_POS;
  if (self->hover_pos >= n_packets)
    self->hover_pos = HS_LADDER_NO_POS;

  _hs_ladder_view_geometry_changed (self);
  _hs_ladder_view_update_adjustments (self);
  if (at_end && self->canvas->vadjustment != NULL)
    _hs_ladder_view_set_scroll_y (self, gtk_adjustment_get_upper (self->canvas->vadjustment) -
                                        gtk_adjustment_get_page_size (self->canvas->vadjustment));
  else if (anchored)
    _hs_ladder_view_restore_anchor (self, &anchor);
  _hs_ladder_view_update_actions (self);
}

void
_hs_ladder_view_packets_added (gpointer data,
                               guint    old_n_packets,
                               guint    old_n_connections)
{
  HsLadderView *self = data;

  /* the layout's pointers into the document are taken again now; its
   * packets are the same until it is built again */
  if (self->layout != NULL)
    hs_ladder_layout_capture_grew (self->layout);
  if (old_n_connections == 0)
    _hs_ladder_view_update_empty_page (self);

  if (hs_capture_stream_changed (self->follower.capture, self->follower.stream))
    hs_view_throttle_queue (&self->live_update);
}
