/* hs-packet-list-scroll.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hs-packet-list"

#include "config.h"

#include "hs-packet-list-private.h"
#include "hs-view-util.h"

/* Scrolling the rows: to a row selected (and its keyboard focus), to a
 * live capture's end while the list follows it, and to the next or
 * previous anomaly. */

static GtkWidget *
find_list_view (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child))
        return child;
    }
  return NULL;
}

/* The row of the selected packet takes the keyboard focus (and the list's
 * keyboard moves start from it). */
static void
focus_selected_row (gpointer data)
{
  HsPacketList *self = data;
  guint position = gtk_single_selection_get_selected (self->selection);
  GtkWidget *row = NULL;

  if (position != GTK_INVALID_LIST_POSITION)
    row = hs_packet_list_get_row_widget (self, position);
  if (row != NULL)
    gtk_widget_grab_focus (row);
}

static void
scroll_to_row (HsPacketList *self,
               guint         position,
               gboolean      focus)
{
  GtkWidget *list_view = find_list_view (GTK_WIDGET (self->column_view));

  /* GTK 4.8 cannot scroll a column view to a row (that API came in
   * 4.12); the column view's inner list view has the list.scroll-to-item
   * action, which must wait for the list's size when the Packets page has
   * not been shown yet. */
  if (list_view != NULL)
    hs_view_scroll_list_to (list_view, position, focus ? focus_selected_row : NULL, self);
}

/* A row selected from outside the list is scrolled to; when the keyboard
 * focus is in the list, it goes to that row, or the arrow keys would move
 * on from the row focused before. */
void
_hs_packet_list_scroll_to_position (HsPacketList *self,
                                    guint         position)
{
  GtkWidget *list_view = find_list_view (GTK_WIDGET (self->column_view));
  gboolean focused = list_view != NULL &&
                     (gtk_widget_has_focus (list_view) || gtk_widget_get_focus_child (list_view) != NULL);

  scroll_to_row (self, position, focused &&
                 position == gtk_single_selection_get_selected (self->selection));
}

/* Whether the rows shown end with the last one (or all fit): then a live
 * capture's new packets are followed, as Wireshark's auto-scroll does.
 * The adjustment is the one of the last layout, before the rows added. */
gboolean
_hs_packet_list_scrolled_to_end (HsPacketList *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));

  if (adjustment == NULL)
    return TRUE;

  return gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) >=
         gtk_adjustment_get_upper (adjustment) - 2;
}

static gboolean
end_tick_cb (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  HsPacketList *self = HS_PACKET_LIST (widget);

  if (self->end_frames > 0)
    {
      self->end_frames--;
      return G_SOURCE_CONTINUE;
    }
  self->end_tick = 0;
  return G_SOURCE_REMOVE;
}

/* While following the end, a new layout's scroll range keeps it shown. */
void
_hs_packet_list_on_vadjustment_changed (GtkAdjustment *adjustment,
                                        HsPacketList  *self)
{
  if (self->end_tick != 0)
    gtk_adjustment_set_value (adjustment,
                              gtk_adjustment_get_upper (adjustment) -
                              gtk_adjustment_get_page_size (adjustment));
}

/* After a live batch, when following: the last row shown */
void
_hs_packet_list_show_end (HsPacketList *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));

  if (n == 0)
    return;

  _hs_packet_list_scroll_to_position (self, n - 1);
  /* the list scrolls to the row by its estimated heights: the next
   * frames' layouts put the end at the end */
  self->end_frames = 2;
  if (self->end_tick == 0)
    self->end_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), end_tick_cb, NULL, NULL);
}

void
_hs_packet_list_stop_showing_end (HsPacketList *self)
{
  if (self->end_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->end_tick);
  self->end_tick = 0;
}

gboolean
hs_packet_list_select_anomaly (HsPacketList *self,
                               int           direction)
{
  guint n, position;

  g_return_val_if_fail (HS_IS_PACKET_LIST (self), FALSE);

  if (self->model == NULL)
    return FALSE;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  position = gtk_single_selection_get_selected (self->selection);

  if (position == GTK_INVALID_LIST_POSITION)
    position = direction > 0 ? (guint)-1 : n;

  for (;;)
    {
      guint index;

      if (direction > 0)
        {
          if (position + 1 >= n && position != (guint)-1)
            return FALSE;
          position++;
        }
      else
        {
          if (position == 0)
            return FALSE;
          position--;
        }

      index = hs_index_model_get_index (self->model, position);
      if (hs_packet_record_is_anomaly (hs_capture_get_record (self->follower.capture, index)))
        {
          gtk_single_selection_set_selected (self->selection, position);
          _hs_packet_list_scroll_to_position (self, position);
          return TRUE;
        }
    }
}

void
hs_packet_list_focus_rows (HsPacketList *self)
{
  GtkWidget *list_view;
  guint position;

  g_return_if_fail (HS_IS_PACKET_LIST (self));

  list_view = find_list_view (GTK_WIDGET (self->column_view));
  position = gtk_single_selection_get_selected (self->selection);
  if (list_view == NULL || !gtk_widget_get_mapped (list_view))
    return;

  if (position != GTK_INVALID_LIST_POSITION)
    scroll_to_row (self, position, TRUE);
  else
    gtk_widget_grab_focus (list_view);
}

void
hs_packet_list_scroll_to (HsPacketList *self,
                          guint         position)
{
  g_return_if_fail (HS_IS_PACKET_LIST (self));

  _hs_packet_list_scroll_to_position (self, position);
}
