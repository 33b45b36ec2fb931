/* hs-packet-list-cells.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hs-packet-list"

#include "config.h"

#include <glib/gi18n.h>

#include "hs-packet-list-private.h"

/* The columns, and the cells of each row: a GtkInscription per cell, its
 * text made when the row is bound (nothing is stored per packet), the
 * row's colour from its anomaly class, and the mark on the packets related
 * to the selected one. */

const ColumnInfo _hs_packet_list_columns[N_COLUMNS] = {
  /* Translators: the header of the narrow column marking the packets
   * related to the selected one; keep it to one or two characters */
  [COLUMN_MARK]        = { N_("↔"), 34, FALSE, 0.5f, FALSE },
  [COLUMN_NUMBER]      = { N_("No."), 56, TRUE, 1.0f, TRUE },
  [COLUMN_TIME]        = { N_("Time"), 92, TRUE, 1.0f, TRUE },
  [COLUMN_SOURCE]      = { N_("Source"), 116, FALSE, 0.0f, TRUE },
  [COLUMN_DESTINATION] = { N_("Destination"), 116, FALSE, 0.0f, TRUE },
  [COLUMN_FLAGS]       = { N_("Flags"), 84, FALSE, 0.0f, TRUE },
  [COLUMN_SEQ]         = { N_("Seq"), 64, TRUE, 1.0f, TRUE },
  [COLUMN_ACK]         = { N_("Ack"), 64, TRUE, 1.0f, TRUE },
  [COLUMN_LEN]         = { N_("Len"), 52, TRUE, 1.0f, TRUE },
  [COLUMN_WIN]         = { N_("Win"), 64, TRUE, 1.0f, TRUE },
  /* at least this, and the room left */
  [COLUMN_INFO]        = { N_("Info"), 200, FALSE, 0.0f, FALSE },
};

void
_hs_packet_list_clear_cache (HsPacketList *self)
{
  self->cache_index = G_MAXUINT;
  g_clear_pointer (&self->cache_src, g_free);
  g_clear_pointer (&self->cache_dst, g_free);
  g_clear_pointer (&self->cache_info, g_free);
}

/* Addresses and Info of a packet that is not part of a TCP connection: the
 * record has no addresses, so the bytes are read back and decoded (only for
 * uncompressed files, where that is one seek; compressed ones say what the
 * record knows). */
static void
ensure_cache (HsPacketList *self,
              guint         index)
{
  g_autoptr(GBytes) bytes = NULL;
  const HsPacketRecord *rec;

  if (self->cache_index == index)
    return;

  _hs_packet_list_clear_cache (self);
  self->cache_index = index;

  rec = hs_capture_get_record (self->follower.capture, index);
  if (!hs_capture_get_compressed (self->follower.capture))
    bytes = hs_capture_read_packet (self->follower.capture, index, NULL);

  if (bytes != NULL)
    {
      const HsInterface *iface = hs_capture_get_interface (self->follower.capture, rec->iface);
      HsDecodedPacket pkt;
      gsize len;
      const guint8 *data = g_bytes_get_data (bytes, &len);

      hs_decode_frame (iface != NULL ? iface->linktype : HS_LINKTYPE_ETHERNET,
                       data, len, hs_capture_get_orig_len (self->follower.capture, index),
                       index + 1, NULL, &pkt);
      if (pkt.ip_version != 0)
        {
          self->cache_src = hs_format_address (pkt.ip_version, pkt.src);
          self->cache_dst = hs_format_address (pkt.ip_version, pkt.dst);
        }
    }

  self->cache_info = hs_explain_info (self->follower.capture, index, bytes);
}

char *
_hs_packet_list_format_time (HsPacketList *self,
                             guint         position,
                             guint         index)
{
  const HsPacketRecord *rec = hs_capture_get_record (self->follower.capture, index);
  gint64 ts = rec->ts_ns;
  gint64 base;

  if (g_strcmp0 (self->time_format, "absolute") == 0)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (ts / G_GINT64_CONSTANT (1000000000));
      g_autofree char *hms = NULL;
      gint64 frac = ts % G_GINT64_CONSTANT (1000000000);

      if (frac < 0)
        frac += G_GINT64_CONSTANT (1000000000);
      if (dt == NULL)
        return g_strdup ("—");
      hms = g_date_time_format (dt, "%H:%M:%S");
      return g_strdup_printf ("%s.%06d", hms, (int)(frac / 1000));
    }

  if (g_strcmp0 (self->time_format, "delta") == 0)
    {
      if (position == 0)
        base = ts;
      else
        base = hs_capture_get_record (self->follower.capture,
                                      hs_index_model_get_index (self->model, position - 1))->ts_ns;
    }
  else
    base = hs_capture_get_record (self->follower.capture, 0)->ts_ns;

  return g_strdup_printf ("%.6f", (double)(ts - base) / 1e9);
}

static const char *
relation_glyph (HsRelation role)
{
  switch (role)
    {
    case HS_RELATION_ORIGINAL:
      return "↺";
    case HS_RELATION_ACKED:
    case HS_RELATION_ACKED_BY:
      return "✓";
    case HS_RELATION_DUPLICATED_ACK:
      return "=";
    default:
      return "";
    }
}

static const char *
relation_label (HsRelation role)
{
  switch (role)
    {
    case HS_RELATION_ORIGINAL:
      /* Translators: the packet list's Related column, on the packet the
       * selected one retransmits */
      return _("Original transmission of the selected packet");
    case HS_RELATION_ACKED:
      /* Translators: on the segment the selected ACK acknowledges */
      return _("Acknowledged by the selected ACK");
    case HS_RELATION_DUPLICATED_ACK:
      /* Translators: on the ACK the selected duplicate ACK repeats */
      return _("The ACK the selected duplicate ACK repeats");
    case HS_RELATION_ACKED_BY:
      /* Translators: on the ACK that acknowledges the selected segment */
      return _("Acknowledges the selected segment");
    default:
      return "";
    }
}

static int
find_related (HsPacketList *self,
              guint         index)
{
  for (guint i = 0; i < self->n_related; i++)
    {
      if (self->related[i] == index)
        return (int)i;
    }
  return -1;
}

static char *
format_cell (HsPacketList *self,
             guint         position,
             guint         index,
             Column        column)
{
  const HsPacketRecord *rec = hs_capture_get_record (self->follower.capture, index);
  const HsConnection *conn = NULL;
  gboolean tcp;

  if (rec->stream != HS_NO_STREAM)
    conn = hs_capture_get_connection (self->follower.capture, rec->stream);
  tcp = conn != NULL;

  switch (column)
    {
    case COLUMN_NUMBER:
      return g_strdup_printf ("%u", index + 1);

    case COLUMN_TIME:
      return _hs_packet_list_format_time (self, position, index);

    case COLUMN_SOURCE:
    case COLUMN_DESTINATION:
      {
        guint side = rec->direction;

        if (column == COLUMN_DESTINATION)
          side = !side;
        if (tcp)
          return hs_format_address (conn->ip_version, conn->endpoint[side].addr);
        ensure_cache (self, index);
        return g_strdup (column == COLUMN_SOURCE ? self->cache_src : self->cache_dst);
      }

    case COLUMN_FLAGS:
      return tcp ? hs_tcp_flags_to_string (rec->tcp_flags) : NULL;

    case COLUMN_SEQ:
      return tcp ? g_strdup_printf ("%u", hs_capture_relative_seq (self->follower.capture, index)) : NULL;

    case COLUMN_ACK:
      if (!tcp || !(rec->tcp_flags & HS_TCP_ACK) || hs_packet_record_header_bogus (rec))
        return NULL;
      return g_strdup_printf ("%u", hs_capture_relative_ack (self->follower.capture, index));

    case COLUMN_LEN:
      return tcp ? g_strdup_printf ("%u", rec->payload_len) : NULL;

    case COLUMN_WIN:
      if (!tcp || hs_packet_record_header_bogus (rec))
        return NULL;
      return g_strdup_printf ("%u", hs_packet_record_window (rec));

    case COLUMN_MARK:
      {
        int r = find_related (self, index);

        return r >= 0 ? g_strdup (relation_glyph (self->roles[r])) : NULL;
      }

    case COLUMN_INFO:
      if (tcp)
        return hs_explain_info (self->follower.capture, index, NULL);
      ensure_cache (self, index);
      return g_strdup (self->cache_info);

    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static GtkWidget *
row_widget_for_cell (GtkWidget *child)
{
  GtkWidget *cell = gtk_widget_get_parent (child);

  return cell != NULL ? gtk_widget_get_parent (cell) : NULL;
}

static void
style_row (HsPacketList *self,
           GtkListItem  *list_item)
{
  GtkWidget *child = gtk_list_item_get_child (list_item);
  GtkWidget *row = row_widget_for_cell (child);
  HsPacketItem *item = gtk_list_item_get_item (list_item);
  const char *klass = NULL;
  const char *old;
  gboolean related = FALSE;

  if (row == NULL)
    return;

  if (item != NULL)
    {
      guint index = hs_packet_item_get_index (item);

      klass = hs_anomaly_class_css_name (hs_anomaly_class_for_record (hs_packet_item_get_record (item)));
      related = find_related (self, index) >= 0;
    }

  old = g_object_get_data (G_OBJECT (row), "hs-class");
  if (g_strcmp0 (old, klass) != 0)
    {
      if (old != NULL)
        gtk_widget_remove_css_class (row, old);
      if (klass != NULL)
        {
          g_autofree char *name = g_strconcat ("hs-", klass, NULL);

          gtk_widget_add_css_class (row, name);
          g_object_set_data_full (G_OBJECT (row), "hs-class", g_steal_pointer (&name), g_free);
        }
      else
        g_object_set_data (G_OBJECT (row), "hs-class", NULL);
    }

  if (related)
    gtk_widget_add_css_class (row, "hs-related");
  else
    gtk_widget_remove_css_class (row, "hs-related");
}

/* Tooltips are asked for when shown: gtk_widget_set_tooltip_text() on
 * every bind costs GTK 4.8 a round trip to the display server (it looks
 * where the pointer is), which made binding rows, and following a live
 * capture, slow under X11. */
static gboolean
query_cell_tooltip (GtkWidget  *widget,
                    int         x,
                    int         y,
                    gboolean    keyboard,
                    GtkTooltip *tooltip,
                    gpointer    data)
{
  Column column = GPOINTER_TO_UINT (data);
  const char *text;

  if (column == COLUMN_MARK)
    text = g_object_get_data (G_OBJECT (widget), "hs-tooltip");
  else
    text = gtk_inscription_get_text (GTK_INSCRIPTION (widget));
  if (text == NULL || text[0] == 0)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            HsPacketList             *self)
{
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "hs-column"));
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), _hs_packet_list_columns[column].xalign);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  if (_hs_packet_list_columns[column].numeric)
    gtk_widget_add_css_class (inscription, "numeric");
  if (column == COLUMN_MARK)
    gtk_widget_add_css_class (inscription, "hs-mark");
  if (column == COLUMN_INFO || column == COLUMN_SOURCE || column == COLUMN_DESTINATION ||
      column == COLUMN_MARK)
    {
      gtk_widget_set_has_tooltip (inscription, TRUE);
      g_signal_connect (inscription, "query-tooltip", G_CALLBACK (query_cell_tooltip),
                        GUINT_TO_POINTER (column));
    }
  gtk_list_item_set_child (list_item, inscription);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           HsPacketList             *self)
{
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "hs-column"));
  HsPacketItem *item = gtk_list_item_get_item (list_item);
  GtkInscription *inscription = GTK_INSCRIPTION (gtk_list_item_get_child (list_item));
  g_autofree char *text = NULL;

  /* a row of the capture shown before, on its way out */
  if (item == NULL || hs_packet_item_get_capture (item) != self->follower.capture)
    return;

  text = format_cell (self, gtk_list_item_get_position (list_item),
                      hs_packet_item_get_index (item), column);
  gtk_inscription_set_text (inscription, text);
  _hs_packet_list_learn_cell_padding (self, GTK_WIDGET (inscription));

  if (column == COLUMN_MARK)
    {
      int r = find_related (self, hs_packet_item_get_index (item));

      g_object_set_data (G_OBJECT (inscription), "hs-tooltip",
                         (gpointer) (r >= 0 ? relation_label (self->roles[r]) : NULL));
      g_ptr_array_add (self->bound_marks, list_item);
      style_row (self, list_item);
    }
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             HsPacketList             *self)
{
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "hs-column"));

  if (column == COLUMN_MARK)
    g_ptr_array_remove_fast (self->bound_marks, list_item);
}

void
_hs_packet_list_update_related (HsPacketList *self)
{
  self->n_related = 0;
  if (self->follower.capture != NULL && self->selected_index != G_MAXUINT)
    self->n_related = hs_explain_related (self->follower.capture, self->selected_index,
                                          self->related, self->roles, MAX_RELATED);

  for (guint i = 0; i < self->bound_marks->len; i++)
    {
      GtkListItem *list_item = g_ptr_array_index (self->bound_marks, i);
      HsPacketItem *item = gtk_list_item_get_item (list_item);
      int r = item != NULL ? find_related (self, hs_packet_item_get_index (item)) : -1;
      GtkWidget *child = gtk_list_item_get_child (list_item);

      gtk_inscription_set_text (GTK_INSCRIPTION (child), r >= 0 ? relation_glyph (self->roles[r]) : NULL);
      g_object_set_data (G_OBJECT (child), "hs-tooltip",
                         (gpointer) (r >= 0 ? relation_label (self->roles[r]) : NULL));
      style_row (self, list_item);
    }
}

void
_hs_packet_list_build_columns (HsPacketList *self)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "hs-column", GUINT_TO_POINTER (c));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), self);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), self);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), self);

      column = gtk_column_view_column_new (_(_hs_packet_list_columns[c].title), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, _hs_packet_list_columns[c].fixed_width);
      /* Info takes the room that is left, and never less than its width */
      gtk_column_view_column_set_expand (column, c == COLUMN_INFO);
      g_object_set_data (G_OBJECT (column), "hs-column", GUINT_TO_POINTER (c));
      g_signal_connect (column, "notify::fixed-width",
                        G_CALLBACK (_hs_packet_list_on_column_width_changed), self);
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }
}

GtkWidget *
hs_packet_list_get_row_widget (HsPacketList *self,
                               guint         position)
{
  g_return_val_if_fail (HS_IS_PACKET_LIST (self), NULL);

  for (guint i = 0; i < self->bound_marks->len; i++)
    {
      GtkListItem *list_item = g_ptr_array_index (self->bound_marks, i);

      if (gtk_list_item_get_position (list_item) == position)
        return row_widget_for_cell (gtk_list_item_get_child (list_item));
    }

  return NULL;
}

const char *
hs_packet_list_get_row_class (HsPacketList *self,
                              guint         position)
{
  GtkWidget *row = hs_packet_list_get_row_widget (self, position);

  return row != NULL ? g_object_get_data (G_OBJECT (row), "hs-class") : NULL;
}

char *
hs_packet_list_dup_cell_text (HsPacketList *self,
                              guint         position,
                              guint         column)
{
  g_return_val_if_fail (HS_IS_PACKET_LIST (self), NULL);
  g_return_val_if_fail (column < N_COLUMNS, NULL);

  if (self->model == NULL || position >= g_list_model_get_n_items (G_LIST_MODEL (self->model)))
    return NULL;

  return format_cell (self, position, hs_index_model_get_index (self->model, position), column);
}
