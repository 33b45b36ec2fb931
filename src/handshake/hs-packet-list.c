/* hs-packet-list.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hs-packet-list"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include <adwaita.h>

#include "hs-packet-list.h"
#include "hs-session-follower.h"
#include "hs-view-util.h"

#define MAX_RELATED 8

typedef HsPacketListColumn Column;

#define COLUMN_MARK        HS_PACKET_LIST_COLUMN_RELATED
#define COLUMN_NUMBER      HS_PACKET_LIST_COLUMN_NUMBER
#define COLUMN_TIME        HS_PACKET_LIST_COLUMN_TIME
#define COLUMN_SOURCE      HS_PACKET_LIST_COLUMN_SOURCE
#define COLUMN_DESTINATION HS_PACKET_LIST_COLUMN_DESTINATION
#define COLUMN_FLAGS       HS_PACKET_LIST_COLUMN_FLAGS
#define COLUMN_SEQ         HS_PACKET_LIST_COLUMN_SEQ
#define COLUMN_ACK         HS_PACKET_LIST_COLUMN_ACK
#define COLUMN_LEN         HS_PACKET_LIST_COLUMN_LEN
#define COLUMN_WIN         HS_PACKET_LIST_COLUMN_WIN
#define COLUMN_INFO        HS_PACKET_LIST_COLUMN_INFO
#define N_COLUMNS          HS_PACKET_LIST_N_COLUMNS

typedef struct
{
  const char *title;          /* translated at use */
  int         fixed_width;    /* the width before the first rows are shown */
  gboolean    numeric;
  float       xalign;
  gboolean    sized;          /* as wide as its widest value (see apply_widths) */
} ColumnInfo;

static const ColumnInfo columns[N_COLUMNS] = {
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

/* The widest values of some packets, for the columns sized from them */
typedef struct
{
  guint32 seq;
  guint32 ack;
  guint32 win;
  guint32 len;
  guint16 flags;              /* the combination whose text is the longest */
  guint   non_tcp : 1;        /* a packet of no connection (addresses decoded when shown) */
  guint   done : 1;
} Widest;

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

static const char *time_formats[] = { "relative", "absolute", "delta" };

struct _HsPacketList
{
  GtkWidget           parent_instance;

  /* the session, and what it shows of it: capture, stream (the
   * connection shown unless show_all), selected_index (the session's) */
  HsSessionFollower   follower;
  HsIndexModel       *model;
  GtkSingleSelection *selection;
  GPtrArray          *bound_marks;     /* GtkListItem of the mark column */
  char               *time_format;
  guint               kind;
  /* the packet selected in the rows ("selected-index"): the session's
   * once the list found its row, G_MAXUINT while no row is selected */
  guint               selected_index;
  guint               related[MAX_RELATED];
  HsRelation          roles[MAX_RELATED];
  guint               n_related;
  guint               show_all : 1;
  guint               anomalies_only : 1;
  guint               updating : 1;
  guint               syncing : 1;     /* following the session: a selection it makes is
                                        * the session's already */
  guint               following : 1;   /* scrolled to the end when a live batch came */
  guint               end_tick;        /* keeping the end shown for a few frames */
  guint               end_frames;

  /* the columns sized from the values of the rows shown */
  Widest              widest;
  GArray             *stream_widest;   /* Widest per connection, for a document that no
                                        * longer grows */
  Widest              all_widest;
  GCancellable       *widest_cancellable;  /* the thread finding them */
  char               *widest_address;
  guint               address_n_conns; /* the connections looked at for all packets */
  int                 cell_padding;    /* a cell's padding and border, -1 until one is seen */
  guint               sizing : 1;      /* setting the columns' widths */
  guint               user_sized;      /* a bit per column the user resized */

  /* one-entry cache of a non-TCP packet decoded from the file */
  guint               cache_index;
  char               *cache_src;
  char               *cache_dst;
  char               *cache_info;

  /* template children */
  GtkToggleButton    *connection_button;
  GtkToggleButton    *all_button;
  GtkToggleButton    *anomalies_button;
  GtkDropDown        *kind_dropdown;
  GtkLabel           *count_label;
  GtkGrid            *legend_grid;
  GtkStack           *stack;
  GtkColumnView      *column_view;
};

G_DEFINE_FINAL_TYPE (HsPacketList, hs_packet_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SHOW_ALL,
  PROP_ANOMALIES_ONLY,
  PROP_KIND,
  PROP_TIME_FORMAT,
  PROP_SELECTED_INDEX,
  PROP_N_SHOWN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void rebuild_model (HsPacketList *self);

static void
clear_cache (HsPacketList *self)
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

  clear_cache (self);
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

static char *
format_time (HsPacketList *self,
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
      return format_time (self, position, index);

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

/* Column widths ------------------------------------------------------------------ */

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

static void size_columns (HsPacketList *self);

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
  size_columns (self);
}

static void
start_widest_scan (HsPacketList *self)
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
  g_task_set_source_tag (task, start_widest_scan);
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
        start_widest_scan (self);
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

static void clear_widest_address (HsPacketList *self);

static void
clear_widest (HsPacketList *self)
{
  if (self->widest_cancellable != NULL)
    g_cancellable_cancel (self->widest_cancellable);
  g_clear_object (&self->widest_cancellable);
  clear_widest_address (self);
  memset (&self->widest, 0, sizeof self->widest);
  memset (&self->all_widest, 0, sizeof self->all_widest);
  g_clear_pointer (&self->stream_widest, g_array_unref);
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
          text = format_time (self, n - 1, last);
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

      if (!columns[c].sized || (self->user_sized & (1u << c)) ||
          (text = widest_text (self, c)) == NULL)
        continue;
      /* a pixel to spare against rounding */
      width = text_width (self, text, columns[c].numeric) + padding + 1;
      gtk_column_view_column_set_fixed_width (column, MAX (width, title_width (self, c)));
    }
  self->sizing = FALSE;
}

/* The widest values of the new model's rows, and the columns' widths */
static void
size_columns (HsPacketList *self)
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

/* A cell's padding and border, from the first one bound */
static void
learn_cell_padding (HsPacketList *self,
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
static void
on_column_width_changed (GtkColumnViewColumn *column,
                         GParamSpec          *pspec,
                         HsPacketList        *self)
{
  if (!self->sizing)
    self->user_sized |= 1u << GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (column), "hs-column"));
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

  gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), columns[column].xalign);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  if (columns[column].numeric)
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
  learn_cell_padding (self, GTK_WIDGET (inscription));

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

static void
update_related (HsPacketList *self)
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

static void
set_selected_index (HsPacketList *self,
                    guint         index)
{
  if (self->selected_index == index)
    return;

  self->selected_index = index;
  update_related (self);
  /* chosen in the list (or the packet left it): everywhere else too */
  if (!self->syncing && self->follower.session != NULL)
    hs_session_select_index (self->follower.session, index);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_INDEX]);
}

static void
on_selection_changed (HsPacketList *self)
{
  HsPacketItem *item;

  if (self->updating)
    return;

  item = gtk_single_selection_get_selected_item (self->selection);
  set_selected_index (self, item != NULL ? hs_packet_item_get_index (item) : G_MAXUINT);
}

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
static void
scroll_to_position (HsPacketList *self,
                    guint         position)
{
  GtkWidget *list_view = find_list_view (GTK_WIDGET (self->column_view));
  gboolean focused = list_view != NULL &&
                     (gtk_widget_has_focus (list_view) || gtk_widget_get_focus_child (list_view) != NULL);

  scroll_to_row (self, position, focused &&
                 position == gtk_single_selection_get_selected (self->selection));
}

static void
update_count (HsPacketList *self)
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

/* Whether the rows shown end with the last one (or all fit): then a live
 * capture's new packets are followed, as Wireshark's auto-scroll does.
 * The adjustment is the one of the last layout, before the rows added. */
static gboolean
scrolled_to_end (HsPacketList *self)
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
static void
on_vadjustment_changed (GtkAdjustment *adjustment,
                        HsPacketList  *self)
{
  if (self->end_tick != 0)
    gtk_adjustment_set_value (adjustment,
                              gtk_adjustment_get_upper (adjustment) -
                              gtk_adjustment_get_page_size (adjustment));
}

/* Before the list sees the new rows of a live capture */
static void
on_model_growing (HsPacketList *self,
                  guint         position,
                  guint         removed,
                  guint         added,
                  GListModel   *model)
{
  self->following = scrolled_to_end (self);
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
  guint n = g_list_model_get_n_items (model);

  /* the new rows may hold wider values */
  if (added > 0)
    {
      Widest before = self->widest;
      g_autofree char *address = g_strdup (self->widest_address);

      widest_of_rows (self, &self->widest, position, added);
      update_widest_address (self);
      if (memcmp (&before, &self->widest, sizeof before) != 0 || position == 0 ||
          g_strcmp0 (address, self->widest_address) != 0)
        apply_widths (self);
    }

  if (self->following && n > 0)
    {
      scroll_to_position (self, n - 1);
      /* the list scrolls to the row by its estimated heights: the next
       * frames' layouts put the end at the end */
      self->end_frames = 2;
      if (self->end_tick == 0)
        self->end_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), end_tick_cb, NULL, NULL);
    }
  update_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SHOWN]);
}

static void
set_model (HsPacketList *self,
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
static void
clear_rows (HsPacketList *self)
{
  set_model (self, NULL);
  self->updating = TRUE;
  gtk_single_selection_set_model (self->selection, NULL);
  self->updating = FALSE;
  set_selected_index (self, G_MAXUINT);
}

static void
rebuild_model (HsPacketList *self)
{
  g_autoptr(HsIndexModel) model = NULL;
  guint stream;
  guint position;

  clear_cache (self);

  if (self->follower.capture == NULL)
    {
      clear_rows (self);
      update_count (self);
      return;
    }

  stream = self->show_all ? HS_NO_STREAM : self->follower.stream;
  if (stream == HS_NO_STREAM && !self->anomalies_only && self->kind == 0)
    model = hs_index_model_new_all (self->follower.capture);
  else
    model = hs_index_model_new_filtered (self->follower.capture, stream, kinds[self->kind].mask,
                                         self->anomalies_only);

  set_model (self, model);
  size_columns (self);

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
      scroll_to_position (self, position);
    }
  else
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->updating = FALSE;

  update_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SHOWN]);

  if (self->selected_index != G_MAXUINT &&
      !hs_index_model_find (model, self->selected_index, &position))
    set_selected_index (self, G_MAXUINT);
}

static void
redraw_rows (HsPacketList *self)
{
  /* A new model rebinds every visible row, which is the simplest way to
   * refresh text that depends on a view setting (the time format). */
  rebuild_model (self);
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
    rebuild_model (self);
}

static void
set_show_all (HsPacketList *self,
              gboolean      show_all)
{
  show_all = !!show_all;
  if (self->show_all == show_all)
    return;

  self->show_all = show_all;
  gtk_toggle_button_set_active (show_all ? self->all_button : self->connection_button, TRUE);
  rebuild_model (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ALL]);
}

static void
set_anomalies_only (HsPacketList *self,
                    gboolean      anomalies_only)
{
  anomalies_only = !!anomalies_only;
  if (self->anomalies_only == anomalies_only)
    return;

  self->anomalies_only = anomalies_only;
  gtk_toggle_button_set_active (self->anomalies_button, anomalies_only);
  rebuild_model (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANOMALIES_ONLY]);
}

static void
set_kind (HsPacketList *self,
          guint         kind)
{
  if (kind >= G_N_ELEMENTS (kinds))
    kind = 0;
  if (self->kind == kind)
    return;

  self->kind = kind;
  gtk_drop_down_set_selected (self->kind_dropdown, kind);
  rebuild_model (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

static void
set_time_format (HsPacketList *self,
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_FORMAT]);
}

guint
hs_packet_list_get_selected_index (HsPacketList *self)
{
  g_return_val_if_fail (HS_IS_PACKET_LIST (self), G_MAXUINT);

  return self->selected_index;
}

static void
select_index (HsPacketList *self,
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
    set_kind (self, 0);
  if (!hs_index_model_find (self->model, index, &position) && self->anomalies_only)
    set_anomalies_only (self, FALSE);
  if (!hs_index_model_find (self->model, index, &position))
    {
      const HsPacketRecord *rec = hs_capture_get_record (self->follower.capture, index);

      if (rec->stream != HS_NO_STREAM && !self->show_all)
        set_stream (self, rec->stream);
      if (!hs_index_model_find (self->model, index, &position))
        set_show_all (self, TRUE);
    }

  if (hs_index_model_find (self->model, index, &position))
    {
      gtk_single_selection_set_selected (self->selection, position);
      scroll_to_position (self, position);
    }
}

/* Following the session ------------------------------------------------- */

/* The follower (hs-session-follower.h) keeps what the list shows of the
 * session's: capture, stream, selected_index; the list's own
 * selected_index is the row it has selected, and show_all its All Packets
 * mode. */

static void
follow_stream (gpointer data)
{
  HsPacketList *self = data;

  self->syncing = TRUE;
  if (!self->show_all)
    rebuild_model (self);
  self->syncing = FALSE;
}

static void
follow_selection (gpointer data)
{
  HsPacketList *self = data;
  guint index = self->follower.selected_index;

  /* selected here first */
  if (self->selected_index == index)
    return;

  self->syncing = TRUE;
  select_index (self, index);
  self->syncing = FALSE;
}

/* Once for a new capture, with its first connection: a big capture never
 * puts all its packets in the list only to take them out again (with GTK
 * 4.8 a million-row model change costs the main loop about a third of a
 * second). */
static void
follow_capture (gpointer data)
{
  HsPacketList *self = data;

  self->syncing = TRUE;
  /* the rows of the capture shown go first: rebound with the new
   * capture they would read past its packets */
  if (self->model != NULL && self->follower.capture != NULL)
    clear_rows (self);
  clear_widest (self);
  start_widest_scan (self);
  self->selected_index = G_MAXUINT;
  self->n_related = 0;
  rebuild_model (self);
  self->syncing = FALSE;
  follow_selection (self);
}

static const HsSessionFollowerFuncs follower_funcs = {
  .capture_changed = follow_capture,
  .stream_changed = follow_stream,
  .selection_changed = follow_selection,
};

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
          scroll_to_position (self, position);
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

  scroll_to_position (self, position);
}

guint
hs_packet_list_get_n_shown (HsPacketList *self)
{
  g_return_val_if_fail (HS_IS_PACKET_LIST (self), 0);

  return self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
}

GListModel *
hs_packet_list_get_model (HsPacketList *self)
{
  g_return_val_if_fail (HS_IS_PACKET_LIST (self), NULL);

  return G_LIST_MODEL (self->model);
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

static void
on_toggles_changed (HsPacketList *self)
{
  set_show_all (self, gtk_toggle_button_get_active (self->all_button));
  set_anomalies_only (self, gtk_toggle_button_get_active (self->anomalies_button));
}

static void
on_kind_selected (HsPacketList *self)
{
  set_kind (self, gtk_drop_down_get_selected (self->kind_dropdown));
}

static void
build_legend (HsPacketList *self)
{
  int row = 0;

  for (guint k = HS_ANOMALY_CLASS_NONE + 1; k < HS_ANOMALY_CLASS_LAST; k++)
    {
      g_autofree char *css = g_strconcat ("hs-", hs_anomaly_class_css_name (k), NULL);
      GtkWidget *swatch = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *label = gtk_label_new (hs_anomaly_class_label (k));
      GtkWidget *desc = gtk_label_new (hs_anomaly_class_description (k));

      gtk_widget_add_css_class (swatch, "hs-swatch");
      gtk_widget_add_css_class (swatch, css);
      gtk_widget_set_size_request (swatch, 28, 18);
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      gtk_label_set_xalign (GTK_LABEL (desc), 0);
      gtk_label_set_wrap (GTK_LABEL (desc), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (desc), 48);
      gtk_widget_add_css_class (desc, "dim-label");

      gtk_grid_attach (self->legend_grid, swatch, 0, row, 1, 1);
      gtk_grid_attach (self->legend_grid, label, 1, row, 1, 1);
      gtk_grid_attach (self->legend_grid, desc, 2, row, 1, 1);
      row++;
    }
}

static void
build_columns (HsPacketList *self)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "hs-column", GUINT_TO_POINTER (c));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), self);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), self);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), self);

      column = gtk_column_view_column_new (_(columns[c].title), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, columns[c].fixed_width);
      /* Info takes the room that is left, and never less than its width */
      gtk_column_view_column_set_expand (column, c == COLUMN_INFO);
      g_object_set_data (G_OBJECT (column), "hs-column", GUINT_TO_POINTER (c));
      g_signal_connect (column, "notify::fixed-width", G_CALLBACK (on_column_width_changed), self);
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }
}

static void
hs_packet_list_dispose (GObject *object)
{
  GtkWidget *child;
  HsPacketList *self = HS_PACKET_LIST (object);

  hs_session_follower_clear (&self->follower);
  if (self->end_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->end_tick);
  self->end_tick = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_PACKET_LIST);
  /* children the template does not bind (separators, boxes) */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  set_model (self, NULL);
  clear_widest (self);

  G_OBJECT_CLASS (hs_packet_list_parent_class)->dispose (object);
}

static void
hs_packet_list_finalize (GObject *object)
{
  HsPacketList *self = HS_PACKET_LIST (object);

  clear_cache (self);
  clear_widest (self);
  g_clear_pointer (&self->bound_marks, g_ptr_array_unref);
  g_clear_pointer (&self->time_format, g_free);

  G_OBJECT_CLASS (hs_packet_list_parent_class)->finalize (object);
}

static void
hs_packet_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HsPacketList *self = HS_PACKET_LIST (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->follower.session);
      break;
    case PROP_SHOW_ALL:
      g_value_set_boolean (value, self->show_all);
      break;
    case PROP_ANOMALIES_ONLY:
      g_value_set_boolean (value, self->anomalies_only);
      break;
    case PROP_KIND:
      g_value_set_uint (value, self->kind);
      break;
    case PROP_TIME_FORMAT:
      g_value_set_string (value, self->time_format);
      break;
    case PROP_SELECTED_INDEX:
      g_value_set_uint (value, self->selected_index);
      break;
    case PROP_N_SHOWN:
      g_value_set_uint (value, hs_packet_list_get_n_shown (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_packet_list_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HsPacketList *self = HS_PACKET_LIST (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      hs_packet_list_set_session (self, g_value_get_object (value));
      break;
    case PROP_SHOW_ALL:
      set_show_all (self, g_value_get_boolean (value));
      break;
    case PROP_ANOMALIES_ONLY:
      set_anomalies_only (self, g_value_get_boolean (value));
      break;
    case PROP_KIND:
      set_kind (self, g_value_get_uint (value));
      break;
    case PROP_TIME_FORMAT:
      set_time_format (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_packet_list_class_init (HsPacketListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hs_packet_list_dispose;
  object_class->finalize = hs_packet_list_finalize;
  object_class->get_property = hs_packet_list_get_property;
  object_class->set_property = hs_packet_list_set_property;

  properties[PROP_SESSION] = hs_session_follower_param_spec ();
  properties[PROP_SHOW_ALL] =
    g_param_spec_boolean ("show-all", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANOMALIES_ONLY] =
    g_param_spec_boolean ("anomalies-only", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_uint ("kind", NULL, NULL, 0, G_N_ELEMENTS (kinds) - 1, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME_FORMAT] =
    g_param_spec_string ("time-format", NULL, NULL, "relative",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_INDEX] =
    g_param_spec_uint ("selected-index", NULL, NULL, 0, G_MAXUINT, G_MAXUINT,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_SHOWN] =
    g_param_spec_uint ("n-shown", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/handshake/Handshake/hs-packet-list.ui");
  gtk_widget_class_bind_template_child (widget_class, HsPacketList, connection_button);
  gtk_widget_class_bind_template_child (widget_class, HsPacketList, all_button);
  gtk_widget_class_bind_template_child (widget_class, HsPacketList, anomalies_button);
  gtk_widget_class_bind_template_child (widget_class, HsPacketList, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HsPacketList, count_label);
  gtk_widget_class_bind_template_child (widget_class, HsPacketList, legend_grid);
  gtk_widget_class_bind_template_child (widget_class, HsPacketList, stack);
  gtk_widget_class_bind_template_child (widget_class, HsPacketList, column_view);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "packetlist");
}

static void
hs_packet_list_init (HsPacketList *self)
{
  g_autoptr(GtkStringList) kind_names = gtk_string_list_new (NULL);

  self->selected_index = G_MAXUINT;
  self->cache_index = G_MAXUINT;
  self->cell_padding = -1;
  self->time_format = g_strdup ("relative");
  self->bound_marks = g_ptr_array_new ();

  hs_session_follower_init (&self->follower, self, &follower_funcs);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_string_list_append (kind_names, _(kinds[i].label));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kind_names));


  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (on_selection_changed), self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  /* the scrolled window's, for the life of the list */
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view)),
                           "changed", G_CALLBACK (on_vadjustment_changed), self, 0);

  build_columns (self);
  build_legend (self);

  g_signal_connect_swapped (self->all_button, "toggled", G_CALLBACK (on_toggles_changed), self);
  g_signal_connect_swapped (self->anomalies_button, "toggled", G_CALLBACK (on_toggles_changed), self);
  g_signal_connect_swapped (self->kind_dropdown, "notify::selected", G_CALLBACK (on_kind_selected), self);

  update_count (self);
}

GtkWidget *
hs_packet_list_new (void)
{
  return g_object_new (HS_TYPE_PACKET_LIST, NULL);
}

/* The session the list follows, set once (by the window's template). */
void
hs_packet_list_set_session (HsPacketList *self,
                            HsSession    *session)
{
  g_return_if_fail (HS_IS_PACKET_LIST (self));
  g_return_if_fail (!session || HS_IS_SESSION (session));

  if (hs_session_follower_set_session (&self->follower, session))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

HsSession *
hs_packet_list_get_session (HsPacketList *self)
{
  g_return_val_if_fail (HS_IS_PACKET_LIST (self), NULL);

  return self->follower.session;
}
