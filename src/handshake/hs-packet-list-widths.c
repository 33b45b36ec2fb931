/* hs-packet-list-widths.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hs-packet-list"

#include "config.h"

#include <string.h>

#include "hs-packet-list-private.h"

/* The numbers, times, addresses and flags are never cut short: their
 * columns are as wide as the widest value of the rows shown (a
 * connection's, or the whole capture's for all packets), measured with the
 * list's font; Info takes the room left.  A column the user resized keeps
 * the user's width.  The widest values of a document that no longer grows
 * are kept per connection, so going back to one costs nothing. */

static void
widest_add (Widest    *widest,
            guint8    *flags_seen,
            HsCapture *capture,
            guint      index)
{
  const HsPacketRecord *rec = hs_capture_get_record (capture, index);
  const HsConnection *conn;

  if (rec->stream == HS_NO_STREAM)
    {
      widest->non_tcp = TRUE;
      return;
    }

  conn = hs_capture_get_connection (capture, rec->stream);
  widest->seq = MAX (widest->seq, hs_connection_relative_seq (conn, index + 1, rec));
  widest->len = MAX (widest->len, rec->payload_len);
  flags_seen[rec->tcp_flags >> 3] |= 1 << (rec->tcp_flags & 7);
  if (hs_packet_record_header_bogus (rec))
    return;
  widest->win = MAX (widest->win, hs_packet_record_window (rec));
  if (rec->tcp_flags & HS_TCP_ACK)
    widest->ack = MAX (widest->ack, hs_connection_relative_ack (conn, index + 1, rec));
}

/* The combination of the flags seen whose text is the longest, if longer
 * than the one found before */
static void
widest_finish_flags (Widest       *widest,
                     const guint8 *flags_seen)
{
  g_autofree char *before = widest->done ? hs_tcp_flags_to_string (widest->flags) : NULL;
  gsize longest = before != NULL ? strlen (before) : 0;

  for (guint flags = 0; flags < 512; flags++)
    {
      g_autofree char *text = NULL;

      if (!(flags_seen[flags >> 3] & (1 << (flags & 7))))
        continue;
      text = hs_tcp_flags_to_string (flags);
      if (strlen (text) > longest)
        {
          longest = strlen (text);
          widest->flags = flags;
        }
    }
}

static void
widest_merge (Widest       *into,
              const Widest *widest)
{
  g_autofree char *a = hs_tcp_flags_to_string (into->flags);
  g_autofree char *b = hs_tcp_flags_to_string (widest->flags);

  into->seq = MAX (into->seq, widest->seq);
  into->ack = MAX (into->ack, widest->ack);
  into->win = MAX (into->win, widest->win);
  into->len = MAX (into->len, widest->len);
  into->non_tcp |= widest->non_tcp;
  if (strlen (b) > strlen (a))
    into->flags = widest->flags;
}

/* The widest values of the rows first .. first + n of the model */
static void
widest_of_rows (HsPacketList *self,
                Widest       *widest,
                guint         first,
                guint         n)
{
  guint8 flags_seen[64] = { 0 };

  for (guint i = first; i < first + n; i++)
    widest_add (widest, flags_seen, self->follower.capture, hs_index_model_get_index (self->model, i));
  widest_finish_flags (widest, flags_seen);
  widest->done = TRUE;
}

/* A document that no longer grows has its widest values kept per
 * connection and for the whole capture.  A small one's are found when
 * first needed; a big one's in a thread, every connection in one pass over
 * the records, started when the document is given: it is read without
 * locks (it never changes), and the columns fit the first and the last
 * rows shown until the thread is done. */
#define WIDEST_IN_THREAD 100000   /* packets */
#define WIDEST_SAMPLE    512      /* rows at each end, meanwhile */

typedef struct
{
  HsCapture *capture;
  Widest     all;
  GArray    *streams;           /* Widest */
} WidestScan;

static void
widest_scan_free (gpointer data)
{
  WidestScan *scan = data;

  g_clear_object (&scan->capture);
  g_clear_pointer (&scan->streams, g_array_unref);
  g_free (scan);
}

static void
widest_scan_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  WidestScan *scan = task_data;
  guint n = hs_capture_get_n_packets (scan->capture);
  guint n_conns = hs_capture_get_n_connections (scan->capture);
  g_autofree guint8 *flags_seen = g_malloc0 ((gsize)n_conns * 64 + 1);
  Widest *streams;

  scan->streams = g_array_new (FALSE, TRUE, sizeof (Widest));
  g_array_set_size (scan->streams, n_conns);
  streams = (Widest *)(gpointer)scan->streams->data;

  for (guint i = 0; i < n; i++)
    {
      guint stream = hs_capture_get_record (scan->capture, i)->stream;

      if ((i & 0xffff) == 0 && g_cancellable_is_cancelled (cancellable))
        {
          g_task_return_boolean (task, FALSE);
          return;
        }
      if (stream == HS_NO_STREAM)
        scan->all.non_tcp = TRUE;
      else
        widest_add (&streams[stream], flags_seen + (gsize)stream * 64, scan->capture, i);
    }

  for (guint c = 0; c < n_conns; c++)
    {
      widest_finish_flags (&streams[c], flags_seen + (gsize)c * 64);
      streams[c].done = TRUE;
      widest_merge (&scan->all, &streams[c]);
    }
  scan->all.done = TRUE;
  g_task_return_boolean (task, TRUE);
}

static void
widest_scan_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  HsPacketList *self = HS_PACKET_LIST (object);
  WidestScan *scan = g_task_get_task_data (G_TASK (result));

  /* cancelled: another document, or the list went away */
  if (!g_task_propagate_boolean (G_TASK (result), NULL) || scan->capture != self->follower.capture)
    return;

  g_clear_object (&self->widest_cancellable);
  self->all_widest = scan->all;
  g_clear_pointer (&self->stream_widest, g_array_unref);
  self->stream_widest = g_steal_pointer (&scan->streams);
  /* the columns fit every row now */
  _hs_packet_list_size_columns (self);
}

void
_hs_packet_list_start_widest_scan (HsPacketList *self)
{
  g_autoptr(GTask) task = NULL;
  WidestScan *scan;

  if (self->follower.capture == NULL || hs_capture_is_live (self->follower.capture) ||
      hs_capture_get_n_packets (self->follower.capture) <= WIDEST_IN_THREAD)
    return;

  self->widest_cancellable = g_cancellable_new ();
  scan = g_new0 (WidestScan, 1);
  scan->capture = g_object_ref (self->follower.capture);
  task = g_task_new (self, self->widest_cancellable, widest_scan_done, NULL);
  g_task_set_source_tag (task, _hs_packet_list_start_widest_scan);
  g_task_set_name (task, "[handshake] widest packet values");
  g_task_set_task_data (task, scan, widest_scan_free);
  g_task_run_in_thread (task, widest_scan_thread);
}

/* The widest values of a connection, or of the whole capture
 * (HS_NO_STREAM), of a document that no longer grows; NULL while the
 * thread looks for them. */
static const Widest *
widest_of_stream (HsPacketList *self,
                  guint         stream)
{
  guint8 flags_seen[64] = { 0 };
  Widest *widest;

  if (hs_capture_get_n_packets (self->follower.capture) > WIDEST_IN_THREAD)
    {
      /* a document that grew big live and stopped has no thread yet */
      if (self->stream_widest == NULL && self->widest_cancellable == NULL)
        _hs_packet_list_start_widest_scan (self);
      if (self->stream_widest == NULL)
        return NULL;
      return stream == HS_NO_STREAM ? &self->all_widest
                                    : &g_array_index (self->stream_widest, Widest, stream);
    }

  if (stream == HS_NO_STREAM)
    {
      guint n = hs_capture_get_n_packets (self->follower.capture);

      widest = &self->all_widest;
      if (!widest->done)
        {
          for (guint i = 0; i < n; i++)
            widest_add (widest, flags_seen, self->follower.capture, i);
          widest_finish_flags (widest, flags_seen);
          widest->done = TRUE;
        }
      return widest;
    }

  if (self->stream_widest == NULL)
    {
      self->stream_widest = g_array_new (FALSE, TRUE, sizeof (Widest));
      g_array_set_size (self->stream_widest, hs_capture_get_n_connections (self->follower.capture));
    }
  widest = &g_array_index (self->stream_widest, Widest, stream);
  if (!widest->done)
    {
      guint n = 0;
      const guint32 *packets = hs_capture_get_stream_packets (self->follower.capture, stream, &n);

      for (guint i = 0; i < n; i++)
        widest_add (widest, flags_seen, self->follower.capture, packets[i]);
      widest_finish_flags (widest, flags_seen);
      widest->done = TRUE;
    }
  return widest;
}

/* Digits, as wide as the widest value of that many digits */
static char *
digits_like (guint32 value)
{
  g_autofree char *text = g_strdup_printf ("%u", value);

  for (char *c = text; *c != 0; c++)
    *c = '0';
  return g_steal_pointer (&text);
}

/* The longest address of the connections shown: a connection's two, or
 * every connection's, looked at once (a live document's new connections
 * when it grows) */
static void
update_widest_address (HsPacketList *self)
{
  guint stream = self->show_all ? HS_NO_STREAM : self->follower.stream;
  guint first = stream == HS_NO_STREAM ? self->address_n_conns : stream;
  guint last = stream == HS_NO_STREAM ? hs_capture_get_n_connections (self->follower.capture) : stream + 1;

  for (guint c = first; c < last; c++)
    {
      const HsConnection *conn = hs_capture_get_connection (self->follower.capture, c);

      for (guint side = 0; side < 2; side++)
        {
          char *address = hs_format_address (conn->ip_version, conn->endpoint[side].addr);

          if (self->widest_address == NULL || strlen (address) > strlen (self->widest_address))
            {
              g_free (self->widest_address);
              self->widest_address = address;
            }
          else
            g_free (address);
        }
    }
  if (stream == HS_NO_STREAM)
    self->address_n_conns = last;

  /* other packets' addresses are decoded when shown: room for IPv4 */
  if (self->widest.non_tcp &&
      (self->widest_address == NULL || strlen (self->widest_address) < strlen ("000.000.000.000")))
    {
      g_free (self->widest_address);
      self->widest_address = g_strdup ("000.000.000.000");
    }
}

static void
clear_widest_address (HsPacketList *self)
{
  g_clear_pointer (&self->widest_address, g_free);
  self->address_n_conns = 0;
}

void
_hs_packet_list_clear_widest (HsPacketList *self)
{
  if (self->widest_cancellable != NULL)
    g_cancellable_cancel (self->widest_cancellable);
  g_clear_object (&self->widest_cancellable);
  clear_widest_address (self);
  memset (&self->widest, 0, sizeof self->widest);
  memset (&self->all_widest, 0, sizeof self->all_widest);
  g_clear_pointer (&self->stream_widest, g_array_unref);
}

/* The widest text of `column` in the rows shown, NULL for none */
static char *
widest_text (HsPacketList *self,
             Column        column)
{
  GListModel *model = G_LIST_MODEL (self->model);
  guint n = g_list_model_get_n_items (model);
  guint last;

  if (n == 0)
    return NULL;
  last = hs_index_model_get_index (self->model, n - 1);

  switch (column)
    {
    case COLUMN_NUMBER:
      return digits_like (last + 1);

    case COLUMN_TIME:
      {
        g_autofree char *text = NULL;

        /* a time of day is as wide as any other; the time since the start
         * grows to the last row's; the time since the previous row is at
         * most the time the rows span */
        if (g_strcmp0 (self->time_format, "absolute") == 0)
          text = _hs_packet_list_format_time (self, n - 1, last);
        else
          {
            gint64 from = g_strcmp0 (self->time_format, "delta") == 0
                          ? hs_capture_get_record (self->follower.capture,
                                                   hs_index_model_get_index (self->model, 0))->ts_ns
                          : hs_capture_get_record (self->follower.capture, 0)->ts_ns;
            gint64 to = hs_capture_get_record (self->follower.capture, last)->ts_ns;

            text = g_strdup_printf ("%.6f", (double)(to - from) / 1e9);
          }
        for (char *c = text; *c != 0; c++)
          {
            if (g_ascii_isdigit (*c))
              *c = '0';
          }
        return g_steal_pointer (&text);
      }

    case COLUMN_SOURCE:
    case COLUMN_DESTINATION:
      return g_strdup (self->widest_address);

    case COLUMN_FLAGS:
      return hs_tcp_flags_to_string (self->widest.flags);

    case COLUMN_SEQ:
      return digits_like (self->widest.seq);

    case COLUMN_ACK:
      return digits_like (self->widest.ack);

    case COLUMN_LEN:
      return digits_like (self->widest.len);

    case COLUMN_WIN:
      return digits_like (self->widest.win);

    case COLUMN_MARK:
    case COLUMN_INFO:
    case N_COLUMNS:
    default:
      return NULL;
    }
}

static int
text_width (HsPacketList *self,
            const char   *text,
            gboolean      numeric)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->column_view), text);
  int width;

  /* the cells' digits are tabular (style.css) */
  if (numeric)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* A column's title, as wide as it asks to be */
static int
title_width (HsPacketList *self,
             guint         column)
{
  GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
  GtkWidget *title = header != NULL ? gtk_widget_get_first_child (header) : NULL;
  int natural = 0;

  for (guint c = 0; c < column && title != NULL; c++)
    title = gtk_widget_get_next_sibling (title);
  if (title != NULL)
    gtk_widget_measure (title, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

static void
apply_widths (HsPacketList *self)
{
  GListModel *list = gtk_column_view_get_columns (self->column_view);
  /* until a cell is seen: Adwaita's 6 pixels each side and a separator */
  int padding = self->cell_padding >= 0 ? self->cell_padding : 13;

  if (self->model == NULL)
    return;

  self->sizing = TRUE;
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (list, c);
      g_autofree char *text = NULL;
      int width;

      if (!_hs_packet_list_columns[c].sized || (self->user_sized & (1u << c)) ||
          (text = widest_text (self, c)) == NULL)
        continue;
      /* a pixel to spare against rounding */
      width = text_width (self, text, _hs_packet_list_columns[c].numeric) + padding + 1;
      gtk_column_view_column_set_fixed_width (column, MAX (width, title_width (self, c)));
    }
  self->sizing = FALSE;
}

/* The widest values of the new model's rows, and the columns' widths */
void
_hs_packet_list_size_columns (HsPacketList *self)
{
  const Widest *known;
  guint n;

  memset (&self->widest, 0, sizeof self->widest);
  clear_widest_address (self);
  if (self->model == NULL)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  if (hs_capture_is_live (self->follower.capture))
    widest_of_rows (self, &self->widest, 0, n);
  else if ((known = widest_of_stream (self, self->show_all ? HS_NO_STREAM : self->follower.stream)) != NULL)
    widest_merge (&self->widest, known);
  else
    {
      /* the values grow along a connection: the last rows have the
       * widest, most of the time, until the thread has found them all */
      widest_of_rows (self, &self->widest, 0, MIN (n, WIDEST_SAMPLE));
      if (n > WIDEST_SAMPLE)
        widest_of_rows (self, &self->widest, MAX (WIDEST_SAMPLE, n - WIDEST_SAMPLE),
                        n - MAX (WIDEST_SAMPLE, n - WIDEST_SAMPLE));
    }
  update_widest_address (self);
  apply_widths (self);
}

/* A live document's new rows, `added` from `position`, may hold wider
 * values */
void
_hs_packet_list_widen_columns (HsPacketList *self,
                               guint         position,
                               guint         added)
{
  Widest before = self->widest;
  g_autofree char *address = g_strdup (self->widest_address);

  widest_of_rows (self, &self->widest, position, added);
  update_widest_address (self);
  if (memcmp (&before, &self->widest, sizeof before) != 0 || position == 0 ||
      g_strcmp0 (address, self->widest_address) != 0)
    apply_widths (self);
}

/* A cell's padding and border, from the first one bound */
void
_hs_packet_list_learn_cell_padding (HsPacketList *self,
                                    GtkWidget    *child)
{
  GtkWidget *cell = gtk_widget_get_parent (child);
  GtkStyleContext *style;
  GtkBorder padding, border;

  if (self->cell_padding >= 0 || cell == NULL)
    return;

  style = gtk_widget_get_style_context (cell);
  gtk_style_context_get_padding (style, &padding);
  gtk_style_context_get_border (style, &border);
  self->cell_padding = padding.left + padding.right + border.left + border.right;
  apply_widths (self);
}

/* A column resized by dragging its header's edge keeps that width */
void
_hs_packet_list_on_column_width_changed (GtkColumnViewColumn *column,
                                         GParamSpec          *pspec,
                                         HsPacketList        *self)
{
  if (!self->sizing)
    self->user_sized |= 1u << GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (column), "hs-column"));
}
