/* hs-capture.c
 *
 * Copyright 2026 The Handshake authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <glib/gi18n-lib.h>

#include "hs-format.h"
#include "hs-capture-fill.h"
#include "hs-capture-private.h"
#include "hs-capture-reader.h"

/* Records live in fixed-size chunks so that growing never copies (no
 * realloc peak) and pointers to records stay valid.  A chunk is one 2 MiB
 * transparent huge page where the kernel offers them: writing millions of
 * records into fresh memory is otherwise dominated by page faults. */
#define CHUNK_BYTES (2u * 1024 * 1024)
#define CHUNK_SIZE  (CHUNK_BYTES / sizeof (HsPacketRecord))

/* How often the loader reports progress and checks for cancellation. */
#define PROGRESS_INTERVAL 4096

struct _HsCapture
{
  GObject          parent_instance;

  char            *path;
  const char      *format;
  gboolean         compressed;

  HsPacketRecord **chunks;
  guint            n_chunks;
  guint            n_packets;

  GArray          *interfaces;        /* HsInterface */

  HsConnection    *connections;
  guint            n_connections;

  guint32         *stream_index;      /* frame indexes grouped by stream */
  guint32         *stream_start;      /* n_connections + 1 offsets into stream_index */

  guint            status_counts[HS_DECODE_MALFORMED + 1];

  GHashTable      *long_frames;       /* frame index -> wire length >= G_MAXUINT16 */

  GAsyncQueue     *spare_chunks;      /* while loading: chunks the reader faulted in */

  GError          *problem;
  guint64          problem_offset;
  guint            problem_frame;

  /* a compressed file's reader, kept from one hs_capture_read_packet() to
   * the next: a forward seek in it decompresses only what lies between */
  GMutex           reader_lock;
  HsCaptureReader *reader;

  /* live documents: one growing index per stream instead of stream_index */
  GPtrArray       *live_streams;      /* GArray of guint32 frame indexes, per stream */
  GArray          *changed_streams;   /* guint32, during ::packets-added */
  guint            live : 1;
};

G_DEFINE_FINAL_TYPE (HsCapture, hs_capture, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LIVE,
  N_PROPS
};

enum {
  PACKETS_ADDED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

G_DEFINE_QUARK (hs-capture-error-quark, hs_capture_error)

static void
hs_capture_finalize (GObject *object)
{
  HsCapture *self = (HsCapture *)object;
  guint i;

  for (i = 0; i < self->n_chunks; i++)
    free (self->chunks[i]);
  g_clear_pointer (&self->chunks, g_free);
  g_clear_pointer (&self->interfaces, g_array_unref);
  hs_connections_free (self->connections, self->n_connections);
  self->connections = NULL;
  g_clear_pointer (&self->stream_index, g_free);
  g_clear_pointer (&self->stream_start, g_free);
  g_clear_pointer (&self->long_frames, g_hash_table_unref);
  g_clear_error (&self->problem);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->live_streams, g_ptr_array_unref);
  g_clear_pointer (&self->changed_streams, g_array_unref);
  g_clear_pointer (&self->reader, hs_capture_reader_free);
  g_mutex_clear (&self->reader_lock);

  G_OBJECT_CLASS (hs_capture_parent_class)->finalize (object);
}

static void
hs_capture_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  HsCapture *self = HS_CAPTURE (object);

  switch (prop_id)
    {
    case PROP_LIVE:
      g_value_set_boolean (value, self->live);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_capture_class_init (HsCaptureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hs_capture_finalize;
  object_class->get_property = hs_capture_get_property;

  properties [PROP_LIVE] =
    g_param_spec_boolean ("live", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* HsCapture::packets-added (guint old_n_packets, guint old_n_connections):
   * a live document grew by one batch; hs_capture_get_changed_streams()
   * says which connections received packets. */
  signals [PACKETS_ADDED] =
    g_signal_new ("packets-added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
hs_capture_init (HsCapture *self)
{
  self->long_frames = g_hash_table_new (NULL, NULL);
  g_mutex_init (&self->reader_lock);
}

static HsPacketRecord *
chunk_new (void)
{
  void *mem = NULL;

  if (posix_memalign (&mem, CHUNK_BYTES, CHUNK_BYTES) != 0)
    g_error ("out of memory allocating %u bytes", CHUNK_BYTES);
#ifdef MADV_HUGEPAGE
  madvise (mem, CHUNK_BYTES, MADV_HUGEPAGE);
#endif
  return mem;
}

/* Allocates a chunk and touches every page, so that the page faults and the
 * kernel's zeroing happen in the thread calling this. */
static HsPacketRecord *
chunk_new_faulted (void)
{
  guint8 *mem = (guint8 *) chunk_new ();
  gsize i;

  for (i = 0; i < CHUNK_BYTES; i += 4096)
    mem[i] = 0;
  return (HsPacketRecord *) mem;
}

HsPacketRecord *
_hs_capture_append (HsCapture *self)
{
  guint chunk = self->n_packets / CHUNK_SIZE;
  HsPacketRecord *rec;

  if G_UNLIKELY (chunk == self->n_chunks)
    {
      HsPacketRecord *mem = NULL;

      if ((self->n_chunks & (self->n_chunks - 1)) == 0)
        self->chunks = g_renew (HsPacketRecord *, self->chunks, MAX (1, self->n_chunks * 2));
      if (self->spare_chunks != NULL)
        mem = g_async_queue_try_pop (self->spare_chunks);
      self->chunks[self->n_chunks++] = mem != NULL ? mem : chunk_new ();
    }

  rec = &self->chunks[chunk][self->n_packets % CHUNK_SIZE];
  memset (rec, 0, sizeof *rec);
  self->n_packets++;
  return rec;
}

static void
build_stream_index (HsCapture *self)
{
  guint32 *fill;
  guint i;

  g_assert (HS_IS_CAPTURE (self));

  self->stream_start = g_new0 (guint32, self->n_connections + 1);

  for (i = 0; i < self->n_packets; i++)
    {
      const HsPacketRecord *rec = hs_capture_get_record (self, i);

      if (rec->stream != HS_NO_STREAM)
        self->stream_start[rec->stream + 1]++;
    }

  for (i = 0; i < self->n_connections; i++)
    self->stream_start[i + 1] += self->stream_start[i];

  self->stream_index = g_new (guint32, MAX (self->stream_start[self->n_connections], 1));
  fill = g_memdup2 (self->stream_start, sizeof (guint32) * (self->n_connections + 1));

  for (i = 0; i < self->n_packets; i++)
    {
      const HsPacketRecord *rec = hs_capture_get_record (self, i);

      if (rec->stream != HS_NO_STREAM)
        self->stream_index[fill[rec->stream]++] = i;
    }

  g_free (fill);
}

static void
clear_interface (gpointer data)
{
  HsInterface *iface = data;

  g_clear_pointer (&iface->name, g_free);
}

static void
steal_interfaces (HsCapture       *self,
                  HsCaptureReader *reader)
{
  GArray *src = hs_capture_reader_get_interfaces (reader);
  guint i;

  self->interfaces = g_array_sized_new (FALSE, TRUE, sizeof (HsInterface), src->len);
  g_array_set_clear_func (self->interfaces, clear_interface);
  for (i = 0; i < src->len; i++)
    {
      HsInterface iface = g_array_index (src, HsInterface, i);

      iface.name = g_strdup (iface.name);
      g_array_append_val (self->interfaces, iface);
    }
}

void
_hs_capture_set_problem (HsCapture *self,
                         GError    *error,
                         guint64    offset,
                         guint      frame)
{
  g_assert (HS_IS_CAPTURE (self));

  g_clear_error (&self->problem);
  self->problem = error;
  self->problem_offset = offset;
  self->problem_frame = frame;
}

/* Loading is a two-stage pipeline over two threads: a worker reads and
 * decodes packets into batches, the calling thread runs the TCP tracker and
 * writes the records.  The tracker must see packets in file order, so only
 * the two stages overlap; batches cycle between two queues. */

#define BATCH_SIZE    2048
#define N_BATCHES     4
#define PAYLOAD_HEAD  16   /* payload bytes the tracker may look at */

typedef struct
{
  HsDecodedPacket dec;
  gint64          ts_ns;
  guint64         offset;
  guint32         caplen;
  guint32         orig_len;
  guint           iface;
  guint8          head[PAYLOAD_HEAD];
} BatchItem;

typedef struct
{
  BatchItem  items[BATCH_SIZE];
  guint      n;
  gboolean   last;          /* the reader stopped after this batch */
  GError    *error;         /* why it stopped, if not at the end of the file */
  guint64    error_offset;
  guint64    position;      /* bytes of the file consumed */
} Batch;

typedef struct
{
  HsCaptureReader *reader;
  GAsyncQueue     *free_q;
  GAsyncQueue     *full_q;
  GAsyncQueue     *spare_chunks;
  gint             stop;      /* atomic: the consumer gave up (cancelled) */
} Pipeline;

/* Record chunks the reader keeps faulted in ahead of the consumer. */
#define SPARE_CHUNKS 2

static gpointer
read_and_decode (gpointer data)
{
  Pipeline *pl = data;
  g_autoptr(HsDefrag) defrag = hs_defrag_new ();
  GArray *ifaces = hs_capture_reader_get_interfaces (pl->reader);
  guint32 frame = 0;
  gboolean done = FALSE;

  g_assert (pl != NULL);

  while (!done)
    {
      Batch *b = g_async_queue_pop (pl->free_q);

      b->n = 0;
      b->last = FALSE;
      b->error = NULL;

      while (b->n < BATCH_SIZE)
        {
          BatchItem *it = &b->items[b->n];
          HsReaderPacket pkt;
          HsReaderResult r;

          r = hs_capture_reader_next (pl->reader, &pkt, &b->error);
          if (r != HS_READER_PACKET)
            {
              if (r == HS_READER_ERROR)
                b->error_offset = hs_capture_reader_get_error_offset (pl->reader);
              done = TRUE;
              break;
            }

          frame++;
          hs_decode_frame (g_array_index (ifaces, HsInterface, pkt.iface).linktype,
                           pkt.data, pkt.caplen, pkt.orig_len, frame, defrag, &it->dec);
          it->ts_ns = pkt.ts_ns;
          it->offset = pkt.offset;
          it->caplen = pkt.caplen;
          it->orig_len = pkt.orig_len;
          it->iface = pkt.iface;
          /* the payload pointer dies with the read buffer: keep its head */
          if (it->dec.payload != NULL)
            {
              memcpy (it->head, it->dec.payload, MIN (it->dec.payload_captured, PAYLOAD_HEAD));
              it->dec.payload = it->head;
            }
          b->n++;
        }

      /* keep the consumer supplied with ready record memory */
      if (!done && g_async_queue_length (pl->spare_chunks) < SPARE_CHUNKS)
        g_async_queue_push (pl->spare_chunks, chunk_new_faulted ());

      if (g_atomic_int_get (&pl->stop))
        done = TRUE;
      b->last = done;
      b->position = hs_capture_reader_get_position (pl->reader);
      g_async_queue_push (pl->full_q, b);
    }

  return NULL;
}

HsCapture *
hs_capture_load (const char         *path,
                 GCancellable       *cancellable,
                 HsCaptureProgress   progress,
                 gpointer            user_data,
                 GError            **error)
{
  g_autoptr(HsCapture) self = NULL;
  g_autoptr(HsCaptureReader) reader = NULL;
  g_autoptr(HsTcpTracker) tracker = NULL;
  g_autoptr(GError) cancel_error = NULL;
  Pipeline pl = { 0 };
  Batch *batches;
  GThread *thread;
  guint64 file_size;
  guint64 next_progress = PROGRESS_INTERVAL;
  gboolean last = FALSE;
  guint supported = 0;
  guint i;

  g_return_val_if_fail (path != NULL, NULL);

  if (!(reader = hs_capture_reader_open (path, error)))
    return NULL;

  self = g_object_new (HS_TYPE_CAPTURE, NULL);
  self->path = g_strdup (path);
  self->format = hs_capture_reader_get_format (reader);
  self->compressed = hs_capture_reader_get_compressed (reader);

  tracker = hs_tcp_tracker_new ();
  file_size = hs_capture_reader_get_file_size (reader);

  pl.reader = reader;
  pl.free_q = g_async_queue_new ();
  pl.full_q = g_async_queue_new ();
  pl.spare_chunks = g_async_queue_new_full (free);
  self->spare_chunks = pl.spare_chunks;
  batches = g_new (Batch, N_BATCHES);
  for (i = 0; i < N_BATCHES; i++)
    g_async_queue_push (pl.free_q, &batches[i]);

  thread = g_thread_new ("hs-capture-reader", read_and_decode, &pl);

  while (!last)
    {
      Batch *b = g_async_queue_pop (pl.full_q);

      last = b->last;

      for (i = 0; i < b->n && cancel_error == NULL; i++)
        {
          const BatchItem *it = &b->items[i];
          HsPacketRecord *rec = _hs_capture_append (self);
          guint32 frame = self->n_packets;

          _hs_capture_fill_record (rec, tracker, frame, it->ts_ns, it->offset, it->iface,
                                   it->caplen, it->orig_len, &it->dec);
          if G_UNLIKELY (it->orig_len >= G_MAXUINT16)
            g_hash_table_insert (self->long_frames, GUINT_TO_POINTER (frame - 1),
                                 GUINT_TO_POINTER (it->orig_len));
          self->status_counts[it->dec.status]++;
        }

      if (b->error != NULL)
        {
          /* keep everything read so far; say what went wrong and where */
          _hs_capture_set_problem (self, b->error, b->error_offset, self->n_packets + 1);
          b->error = NULL;
        }

      if (cancel_error == NULL && (self->n_packets >= next_progress || last))
        {
          next_progress = self->n_packets + PROGRESS_INTERVAL;
          if (progress != NULL && !last)
            progress (self->n_packets, b->position, file_size, user_data);
          if (g_cancellable_set_error_if_cancelled (cancellable, &cancel_error))
            g_atomic_int_set (&pl.stop, TRUE);
        }

      g_async_queue_push (pl.free_q, b);
    }

  g_thread_join (thread);
  g_async_queue_unref (pl.free_q);
  g_async_queue_unref (pl.full_q);
  self->spare_chunks = NULL;
  g_async_queue_unref (pl.spare_chunks); /* frees the chunks not used */
  g_free (batches);

  if (cancel_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&cancel_error));
      return NULL;
    }

  steal_interfaces (self, reader);

  for (i = 0; i < self->interfaces->len; i++)
    if (hs_decode_linktype_supported (g_array_index (self->interfaces, HsInterface, i).linktype))
      supported++;

  if (self->interfaces->len > 0 && supported == 0 && self->problem == NULL)
    {
      int lt = g_array_index (self->interfaces, HsInterface, 0).linktype;

      _hs_capture_set_problem (self,
                               g_error_new (HS_CAPTURE_ERROR, HS_CAPTURE_ERROR_UNSUPPORTED_LINK,
                                            _("Unsupported link type %d (%s): packets are listed "
                                              "but not decoded"),
                                            lt, hs_decode_linktype_name (lt)),
                               0, 0);
    }

  hs_tcp_tracker_finish (tracker);
  self->connections = hs_tcp_tracker_steal_connections (tracker, &self->n_connections);
  /* its per-flow state is no longer needed: release it before the index grows */
  g_clear_pointer (&tracker, hs_tcp_tracker_free);
  build_stream_index (self);

  if (progress != NULL)
    progress (self->n_packets, file_size, file_size, user_data);

  return g_steal_pointer (&self);
}

const char *
hs_capture_get_path (HsCapture *self)
{
  g_return_val_if_fail (HS_IS_CAPTURE (self), NULL);
  return self->path;
}

const char *
hs_capture_get_format (HsCapture *self)
{
  g_return_val_if_fail (HS_IS_CAPTURE (self), NULL);
  return self->format;
}

gboolean
hs_capture_get_compressed (HsCapture *self)
{
  g_return_val_if_fail (HS_IS_CAPTURE (self), FALSE);
  return self->compressed;
}

guint
hs_capture_get_n_packets (HsCapture *self)
{
  g_return_val_if_fail (HS_IS_CAPTURE (self), 0);
  return self->n_packets;
}

const HsPacketRecord *
hs_capture_get_record (HsCapture *self,
                       guint      index)
{
  g_return_val_if_fail (index < self->n_packets, NULL);
  return &self->chunks[index / CHUNK_SIZE][index % CHUNK_SIZE];
}

const HsPacketRecord *
_hs_capture_get_chunk (HsCapture *self,
                       guint      chunk,
                       guint     *first,
                       guint     *n_records)
{
  g_return_val_if_fail (HS_IS_CAPTURE (self), NULL);
  g_return_val_if_fail (first != NULL, NULL);
  g_return_val_if_fail (n_records != NULL, NULL);

  if (chunk >= self->n_chunks || (gsize) chunk * CHUNK_SIZE >= self->n_packets)
    {
      *first = self->n_packets;
      *n_records = 0;
      return NULL;
    }

  *first = chunk * CHUNK_SIZE;
  *n_records = MIN (self->n_packets - *first, CHUNK_SIZE);
  return self->chunks[chunk];
}

guint32
hs_capture_get_orig_len (HsCapture *self,
                         guint      index)
{
  const HsPacketRecord *rec = hs_capture_get_record (self, index);

  if G_UNLIKELY (rec->orig_len == G_MAXUINT16)
    return GPOINTER_TO_UINT (g_hash_table_lookup (self->long_frames, GUINT_TO_POINTER (index)));
  return rec->orig_len;
}

guint
hs_capture_get_n_interfaces (HsCapture *self)
{
  g_return_val_if_fail (HS_IS_CAPTURE (self), 0);
  return self->interfaces->len;
}

const HsInterface *
hs_capture_get_interface (HsCapture *self,
                          guint      index)
{
  g_return_val_if_fail (HS_IS_CAPTURE (self), NULL);
  g_return_val_if_fail (index < self->interfaces->len, NULL);
  return &g_array_index (self->interfaces, HsInterface, index);
}

guint
hs_capture_get_n_connections (HsCapture *self)
{
  g_return_val_if_fail (HS_IS_CAPTURE (self), 0);
  return self->n_connections;
}

const HsConnection *
hs_capture_get_connection (HsCapture *self,
                           guint      stream)
{
  g_return_val_if_fail (HS_IS_CAPTURE (self), NULL);
  g_return_val_if_fail (stream < self->n_connections, NULL);
  return &self->connections[stream];
}

const guint32 *
hs_capture_get_stream_packets (HsCapture *self,
                               guint      stream,
                               guint     *n_packets)
{
  g_return_val_if_fail (HS_IS_CAPTURE (self), NULL);
  g_return_val_if_fail (stream < self->n_connections, NULL);

  if (self->live_streams != NULL)
    {
      GArray *frames = g_ptr_array_index (self->live_streams, stream);

      *n_packets = frames->len;
      return (const guint32 *) (gpointer) frames->data;
    }

  *n_packets = self->stream_start[stream + 1] - self->stream_start[stream];
  return self->stream_index + self->stream_start[stream];
}

guint
hs_capture_stream_lower_bound (HsCapture *self,
                               guint      stream,
                               guint      frame)
{
  const guint32 *frames;
  guint n;

  frames = hs_capture_get_stream_packets (self, stream, &n);
  g_return_val_if_fail (frames != NULL, 0);

  return hs_lower_bound_u32 (frames, n, frame);
}

guint
hs_capture_find_stream_position (HsCapture *self,
                                 guint      stream,
                                 guint      frame)
{
  const guint32 *frames;
  guint n, pos;

  frames = hs_capture_get_stream_packets (self, stream, &n);
  g_return_val_if_fail (frames != NULL, G_MAXUINT);

  pos = hs_capture_stream_lower_bound (self, stream, frame);
  return pos < n && frames[pos] == frame ? pos : G_MAXUINT;
}

const GError *
hs_capture_get_problem (HsCapture *self)
{
  g_return_val_if_fail (HS_IS_CAPTURE (self), NULL);
  return self->problem;
}

guint64
hs_capture_get_problem_offset (HsCapture *self)
{
  g_return_val_if_fail (HS_IS_CAPTURE (self), 0);
  return self->problem_offset;
}

guint
hs_capture_get_problem_frame (HsCapture *self)
{
  g_return_val_if_fail (HS_IS_CAPTURE (self), 0);
  return self->problem_frame;
}

guint
hs_capture_count_status (HsCapture      *self,
                         HsDecodeStatus  status)
{
  g_return_val_if_fail (HS_IS_CAPTURE (self), 0);
  g_return_val_if_fail (status <= HS_DECODE_MALFORMED, 0);
  return self->status_counts[status];
}

GBytes *
hs_capture_read_packet (HsCapture  *self,
                        guint       index,
                        GError    **error)
{
  g_autoptr(HsCaptureReader) reader = NULL;
  const HsPacketRecord *rec;
  HsReaderPacket pkt;
  HsReaderResult r;
  GBytes *bytes;

  g_return_val_if_fail (HS_IS_CAPTURE (self), NULL);
  g_return_val_if_fail (index < self->n_packets, NULL);

  rec = hs_capture_get_record (self, index);

  /* a compressed file's reader from the last read, if no other thread has
   * it now (each thread reads with its own) */
  g_mutex_lock (&self->reader_lock);
  reader = g_steal_pointer (&self->reader);
  g_mutex_unlock (&self->reader_lock);

  if (reader == NULL && !(reader = hs_capture_reader_open (self->path, error)))
    return NULL;

  /* pcapng: the interfaces must be known before seeking into the file */
  if (g_strcmp0 (self->format, "pcapng") == 0)
    {
      while (hs_capture_reader_get_interfaces (reader)->len <= rec->iface)
        {
          r = hs_capture_reader_next (reader, &pkt, error);
          if (r != HS_READER_PACKET)
            {
              if (r == HS_READER_EOF)
                g_set_error (error, HS_CAPTURE_ERROR, HS_CAPTURE_ERROR_UNREADABLE,
                             _("Packet %u is no longer in “%s”"), index + 1, self->path);
              return NULL;
            }
        }
    }

  if (!hs_capture_reader_seek (reader, rec->offset, error))
    return NULL;

  r = hs_capture_reader_next (reader, &pkt, error);
  if (r != HS_READER_PACKET)
    {
      if (r == HS_READER_EOF)
        g_set_error (error, HS_CAPTURE_ERROR, HS_CAPTURE_ERROR_UNREADABLE,
                     _("Packet %u is no longer in “%s”"), index + 1, self->path);
      return NULL;
    }

  bytes = g_bytes_new (pkt.data, pkt.caplen);
  if (hs_capture_reader_get_compressed (reader) && hs_capture_reader_in_first_section (reader))
    {
      g_mutex_lock (&self->reader_lock);
      if (self->reader == NULL)
        self->reader = g_steal_pointer (&reader);
      g_mutex_unlock (&self->reader_lock);
    }
  return bytes;
}

guint32
hs_capture_relative_seq (HsCapture *self,
                         guint      index)
{
  const HsPacketRecord *rec = hs_capture_get_record (self, index);

  if (rec->stream == HS_NO_STREAM)
    return rec->seq;
  return hs_connection_relative_seq (&self->connections[rec->stream], index + 1, rec);
}

guint32
hs_capture_relative_ack (HsCapture *self,
                         guint      index)
{
  const HsPacketRecord *rec = hs_capture_get_record (self, index);

  if (rec->stream == HS_NO_STREAM)
    return rec->ack;
  return hs_connection_relative_ack (&self->connections[rec->stream], index + 1, rec);
}

gsize
hs_capture_get_memory_size (HsCapture *self)
{
  gsize size;

  g_return_val_if_fail (HS_IS_CAPTURE (self), 0);

  size = sizeof *self;
  size += (gsize) self->n_chunks * CHUNK_BYTES;
  size += (gsize) self->n_connections * sizeof (HsConnection);
  size += (gsize)(self->n_connections + 1) * sizeof (guint32);
  if (self->stream_start != NULL)
    size += (gsize) self->stream_start[self->n_connections] * sizeof (guint32);
  if (self->live_streams != NULL)
    {
      guint i;

      for (i = 0; i < self->live_streams->len; i++)
        {
          GArray *frames = g_ptr_array_index (self->live_streams, i);

          size += sizeof (GArray) + 2 * sizeof (gpointer) +
                  (gsize) frames->len * sizeof (guint32);
        }
    }

  return size;
}

gboolean
hs_capture_is_live (HsCapture *self)
{
  g_return_val_if_fail (HS_IS_CAPTURE (self), FALSE);
  return self->live;
}

const guint32 *
hs_capture_get_changed_streams (HsCapture *self,
                                guint     *n_streams)
{
  g_return_val_if_fail (HS_IS_CAPTURE (self), NULL);
  g_return_val_if_fail (n_streams != NULL, NULL);

  if (self->changed_streams == NULL)
    {
      *n_streams = 0;
      return NULL;
    }

  *n_streams = self->changed_streams->len;
  return (const guint32 *) (gpointer) self->changed_streams->data;
}

gboolean
hs_capture_stream_changed (HsCapture *self,
                           guint      stream)
{
  const guint32 *changed;
  guint n, pos;

  g_return_val_if_fail (HS_IS_CAPTURE (self), FALSE);

  if (self->changed_streams == NULL)
    return FALSE;

  changed = (const guint32 *) (gpointer) self->changed_streams->data;
  n = self->changed_streams->len;
  pos = hs_lower_bound_u32 (changed, n, stream);
  return pos < n && changed[pos] == stream;
}

HsCapture *
_hs_capture_new_live (const char        *path,
                      const HsInterface *iface)
{
  HsCapture *self;
  HsInterface copy;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (iface != NULL, NULL);

  self = g_object_new (HS_TYPE_CAPTURE, NULL);
  self->path = g_strdup (path);
  self->format = "pcapng";
  self->live = TRUE;
  self->live_streams = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->interfaces = g_array_sized_new (FALSE, TRUE, sizeof (HsInterface), 1);
  g_array_set_clear_func (self->interfaces, clear_interface);
  copy = *iface;
  copy.name = g_strdup (iface->name);
  g_array_append_val (self->interfaces, copy);

  return self;
}

void
_hs_capture_append_batch (HsCapture            *self,
                          const HsPacketRecord *records,
                          const guint32        *orig_lens,
                          guint                 n,
                          HsConnection         *conns,
                          guint                 n_conns,
                          guint                 n_connections)
{
  guint old_n_packets;
  guint old_n_connections;
  guint i;

  g_return_if_fail (HS_IS_CAPTURE (self));
  g_return_if_fail (self->live);
  g_return_if_fail (n == 0 || (records != NULL && orig_lens != NULL));
  g_return_if_fail (n_conns == 0 || conns != NULL);
  g_return_if_fail (n_connections >= self->n_connections);

  old_n_packets = self->n_packets;
  old_n_connections = self->n_connections;

  /* the connections first: the records' streams must exist */
  if (n_connections > self->n_connections)
    {
      self->connections = g_renew (HsConnection, self->connections, n_connections);
      memset (&self->connections[self->n_connections], 0,
              sizeof (HsConnection) * (n_connections - self->n_connections));
      for (i = self->n_connections; i < n_connections; i++)
        g_ptr_array_add (self->live_streams, g_array_new (FALSE, FALSE, sizeof (guint32)));
      self->n_connections = n_connections;
    }

  g_clear_pointer (&self->changed_streams, g_array_unref);
  self->changed_streams = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n_conns);

  for (i = 0; i < n_conns; i++)
    {
      HsConnection *slot;

      g_return_if_fail (conns[i].stream < n_connections);
      slot = &self->connections[conns[i].stream];
      g_free (slot->base_changes);
      *slot = conns[i];
      g_array_append_val (self->changed_streams, conns[i].stream);
    }

  for (i = 0; i < n; i++)
    {
      HsPacketRecord *rec = _hs_capture_append (self);
      guint32 index = self->n_packets - 1;

      *rec = records[i];
      rec->orig_len = (guint16) MIN (orig_lens[i], G_MAXUINT16);
      if G_UNLIKELY (orig_lens[i] >= G_MAXUINT16)
        g_hash_table_insert (self->long_frames, GUINT_TO_POINTER (index),
                             GUINT_TO_POINTER (orig_lens[i]));
      if (rec->decode_status <= HS_DECODE_MALFORMED)
        self->status_counts[rec->decode_status]++;
      if (rec->stream != HS_NO_STREAM && rec->stream < n_connections)
        g_array_append_val (g_ptr_array_index (self->live_streams, rec->stream), index);
    }

  g_signal_emit (self, signals [PACKETS_ADDED], 0, old_n_packets, old_n_connections);

  g_clear_pointer (&self->changed_streams, g_array_unref);
}

void
_hs_capture_finish_live (HsCapture *self)
{
  g_return_if_fail (HS_IS_CAPTURE (self));

  if (!self->live)
    return;

  self->live = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LIVE]);
}
