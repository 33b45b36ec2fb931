/* hs-packet-list-model.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hs-packet-list"

#include "config.h"

#include <glib/gi18n.h>

#include "hs-packet-list-private.h"

/* The rows: an HsIndexModel of the connection's packets, or of all of
 * them (All Packets), filtered by anomaly kind; the row selected; and a
 * live document's new rows. */

typedef struct
{
  const char *label;
  guint       mask;
} KindInfo;

static const KindInfo kinds[] = {
  { N_("All Kinds"), 0 },
  { N_("Retransmissions"), HS_ANALYSIS_RETRANSMISSION | HS_ANALYSIS_FAST_RETRANSMISSION |
                           HS_ANALYSIS_SPURIOUS_RETRANSMISSION },
  { N_("Duplicate ACKs"), HS_ANALYSIS_DUPLICATE_ACK },
  { N_("Out-of-Order"), HS_ANALYSIS_OUT_OF_ORDER },
  { N_("Lost Segments"), HS_ANALYSIS_LOST_SEGMENT | HS_ANALYSIS_ACK_LOST_SEGMENT },
  { N_("Zero Windows"), HS_ANALYSIS_ZERO_WINDOW | HS_ANALYSIS_ZERO_WINDOW_PROBE |
                        HS_ANALYSIS_ZERO_WINDOW_PROBE_ACK },
  { N_("Window Full"), HS_ANALYSIS_WINDOW_FULL },
  { N_("Window Updates"), HS_ANALYSIS_WINDOW_UPDATE },
  { N_("Keep-Alives"), HS_ANALYSIS_KEEP_ALIVE | HS_ANALYSIS_KEEP_ALIVE_ACK },
  { N_("Reused Ports"), HS_ANALYSIS_REUSED_PORTS },
};

G_STATIC_ASSERT (G_N_ELEMENTS (kinds) == N_KINDS);

const char *
_hs_packet_list_kind_label (guint kind)
{
  g_return_val_if_fail (kind < N_KINDS, NULL);

  return kinds[kind].label;
}

static const char *time_formats[] = { "relative", "absolute", "delta" };

static void
set_selected_index (HsPacketList *self,
                    guint         index)
{
  if (self->selected_index == index)
    return;

  self->selected_index = index;
  _hs_packet_list_update_related (self);
  /* chosen in the list (or the packet left it): everywhere else too */
  if (!self->syncing && self->follower.session != NULL)
    hs_session_select_index (self->follower.session, index);
  _hs_packet_list_notify (self, PROP_SELECTED_INDEX);
}

void
_hs_packet_list_on_selection_changed (HsPacketList *self)
{
  HsPacketItem *item;

  if (self->updating)
    return;

  item = gtk_single_selection_get_selected_item (self->selection);
  set_selected_index (self, item != NULL ? hs_packet_item_get_index (item) : G_MAXUINT);
}

void
_hs_packet_list_update_count (HsPacketList *self)
{
  g_autofree char *text = NULL;
  guint shown = self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;

  if (self->follower.capture == NULL)
    text = g_strdup ("");
  else
    {
      guint total = hs_capture_get_n_packets (self->follower.capture);
      g_autofree char *n = g_strdup_printf ("%'u", shown);
      g_autofree char *t = g_strdup_printf ("%'u", total);

      if (shown == total)
        text = g_strdup_printf (ngettext ("%s packet", "%s packets", total), t);
      else
        /* Translators: "12 of 4,500 packets" */
        text = g_strdup_printf (ngettext ("%s of %s packet", "%s of %s packets", total), n, t);
    }
  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->stack,
                                    shown > 0 || self->follower.capture == NULL ? "list" : "empty");
}

/* Before the list sees the new rows of a live capture */
static void
on_model_growing (HsPacketList *self,
                  guint         position,
                  guint         removed,
                  guint         added,
                  GListModel   *model)
{
  self->following = _hs_packet_list_scrolled_to_end (self);
}

/* After: the selection and the scroll position stay (the list keeps its
 * anchor row), or the last row is shown when following. */
static void
on_model_grown (HsPacketList *self,
                guint         position,
                guint         removed,
                guint         added,
                GListModel   *model)
{
  if (added > 0)
    _hs_packet_list_widen_columns (self, position, added);
  if (self->following)
    _hs_packet_list_show_end (self);
  _hs_packet_list_update_count (self);
  _hs_packet_list_notify (self, PROP_N_SHOWN);
}

void
_hs_packet_list_set_model (HsPacketList *self,
                           HsIndexModel *model)
{
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  /* connected before the selection model is: these run before and after
   * the list hears of new rows */
  if (model != NULL && hs_capture_is_live (hs_index_model_get_capture (model)))
    {
      g_signal_connect_swapped (model, "items-changed", G_CALLBACK (on_model_growing), self);
      g_signal_connect_object (model, "items-changed", G_CALLBACK (on_model_grown), self,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);
    }
}

/* No rows, and no packet selected in them */
void
_hs_packet_list_clear_rows (HsPacketList *self)
{
  _hs_packet_list_set_model (self, NULL);
  self->updating = TRUE;
  gtk_single_selection_set_model (self->selection, NULL);
  self->updating = FALSE;
  set_selected_index (self, G_MAXUINT);
}

void
_hs_packet_list_rebuild_model (HsPacketList *self)
{
  g_autoptr(HsIndexModel) model = NULL;
  guint stream;
  guint position;

  _hs_packet_list_clear_cache (self);

  if (self->follower.capture == NULL)
    {
      _hs_packet_list_clear_rows (self);
      _hs_packet_list_update_count (self);
      return;
    }

  stream = self->show_all ? HS_NO_STREAM : self->follower.stream;
  if (stream == HS_NO_STREAM && !self->anomalies_only && self->kind == 0)
    model = hs_index_model_new_all (self->follower.capture);
  else
    model = hs_index_model_new_filtered (self->follower.capture, stream, kinds[self->kind].mask,
                                         self->anomalies_only);

  _hs_packet_list_set_model (self, model);
  _hs_packet_list_size_columns (self);

  self->updating = TRUE;
  /* With a row selected, GTK 4.8's single selection looks for the selected
   * item among all the new model's items, making each one: a million
   * packet items when switching to All Packets.  Nothing is selected while
   * the model changes; the packet is selected again below. */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_single_selection_set_model (self->selection, NULL);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (model));
  if (self->selected_index != G_MAXUINT &&
      hs_index_model_find (model, self->selected_index, &position))
    {
      gtk_single_selection_set_selected (self->selection, position);
      _hs_packet_list_scroll_to_position (self, position);
    }
  else
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->updating = FALSE;

  _hs_packet_list_update_count (self);
  _hs_packet_list_notify (self, PROP_N_SHOWN);

  if (self->selected_index != G_MAXUINT &&
      !hs_index_model_find (model, self->selected_index, &position))
    set_selected_index (self, G_MAXUINT);
}

static void
redraw_rows (HsPacketList *self)
{
  /* A new model rebinds every visible row, which is the simplest way to
   * refresh text that depends on a view setting (the time format). */
  _hs_packet_list_rebuild_model (self);
}

/* The connection of a packet selected (the session's already, as it
 * selects the packet's connection with it) */
static void
set_stream (HsPacketList *self,
            guint         stream)
{
  if (self->follower.stream == stream)
    return;

  self->follower.stream = stream;
  if (!self->show_all)
    _hs_packet_list_rebuild_model (self);
}

void
_hs_packet_list_set_show_all (HsPacketList *self,
                              gboolean      show_all)
{
  show_all = !!show_all;
  if (self->show_all == show_all)
    return;

  self->show_all = show_all;
  gtk_toggle_button_set_active (show_all ? self->all_button : self->connection_button, TRUE);
  _hs_packet_list_rebuild_model (self);
  _hs_packet_list_notify (self, PROP_SHOW_ALL);
}

void
_hs_packet_list_set_anomalies_only (HsPacketList *self,
                                    gboolean      anomalies_only)
{
  anomalies_only = !!anomalies_only;
  if (self->anomalies_only == anomalies_only)
    return;

  self->anomalies_only = anomalies_only;
  gtk_toggle_button_set_active (self->anomalies_button, anomalies_only);
  _hs_packet_list_rebuild_model (self);
  _hs_packet_list_notify (self, PROP_ANOMALIES_ONLY);
}

void
_hs_packet_list_set_kind (HsPacketList *self,
                          guint         kind)
{
  if (kind >= G_N_ELEMENTS (kinds))
    kind = 0;
  if (self->kind == kind)
    return;

  self->kind = kind;
  gtk_drop_down_set_selected (self->kind_dropdown, kind);
  _hs_packet_list_rebuild_model (self);
  _hs_packet_list_notify (self, PROP_KIND);
}

void
_hs_packet_list_set_time_format (HsPacketList *self,
                                 const char   *format)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (time_formats); i++)
    {
      if (g_strcmp0 (format, time_formats[i]) == 0)
        break;
    }
  if (i == G_N_ELEMENTS (time_formats))
    i = 0;

  if (g_strcmp0 (self->time_format, time_formats[i]) == 0)
    return;

  g_free (self->time_format);
  self->time_format = g_strdup (time_formats[i]);
  redraw_rows (self);
  _hs_packet_list_notify (self, PROP_TIME_FORMAT);
}

void
_hs_packet_list_select_index (HsPacketList *self,
                              guint         index)
{
  guint position;

  if (self->follower.capture == NULL || self->model == NULL)
    return;

  if (index == G_MAXUINT)
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      return;
    }

  if (!hs_index_model_find (self->model, index, &position) && self->kind != 0)
    _hs_packet_list_set_kind (self, 0);
  if (!hs_index_model_find (self->model, index, &position) && self->anomalies_only)
    _hs_packet_list_set_anomalies_only (self, FALSE);
  if (!hs_index_model_find (self->model, index, &position))
    {
      const HsPacketRecord *rec = hs_capture_get_record (self->follower.capture, index);

      if (rec->stream != HS_NO_STREAM && !self->show_all)
        set_stream (self, rec->stream);
      if (!hs_index_model_find (self->model, index, &position))
        _hs_packet_list_set_show_all (self, TRUE);
    }

  if (hs_index_model_find (self->model, index, &position))
    {
      gtk_single_selection_set_selected (self->selection, position);
      _hs_packet_list_scroll_to_position (self, position);
    }
}
