/* hs-live-capture.c
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

/* One live capture session.  A worker thread polls the pcap handle (in
 * non-blocking, immediate mode) and an eventfd that wakes it for stop; each
 * packet is written to the spool (a pcapng file written with
 * HsCaptureWriter: one section, one interface, Enhanced Packet Blocks with
 * microsecond times),
 * decoded and tracked into a batch.  At most every 50 ms the worker flushes
 * the spool, brings the connections the batch touched up to date
 * (hs_tcp_tracker_finish_stream) and copies them into the batch, which it
 * queues under the mutex.  A 50 ms timeout on the starting thread's main
 * context merges the queued batches into one pending batch (or keeps it
 * while paused) and appends it to the document in one
 * _hs_capture_append_batch(), then emits ::updated.
 *
 * Ring buffer: the worker keeps every packet's offset in the spool; past
 * the limit it copies the newer half of the blocks into a new spool,
 * re-analyses them from a fresh tracker and queues a "reset" batch holding
 * the whole new document, which the main thread turns into a new HsCapture
 * (notify::capture).  Queued batches before a reset are dropped. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pcap/pcap.h>

#include "hs-capture-fill.h"
#include "hs-capture-private.h"
#include "hs-capture-reader.h"
#include "hs-capture-writer.h"
#include "hs-live-capture.h"

#define WHOLE_PACKETS      262144
#define KERNEL_BUFFER      (64 * 1024 * 1024)   /* see docs/benchmark.md, "Live capture" */
#define BATCH_INTERVAL_US  (50 * 1000)   /* the worker queues a batch at most this often */
#define TICK_MS            50            /* the main thread applies and updates this often */
#define SPOOL_BUFFER       (1024 * 1024) /* what a ring turn or a save copies at a time */
#define DRAIN_ROUNDS       64            /* pcap_dispatch calls to empty the buffer on stop */
#define DISPATCH_COUNT     2048          /* packets per pcap_dispatch: then publish, check stop */

/* Packets, their wire lengths and the connections they changed, from the
 * worker to the main thread. */
typedef struct
{
  GArray  *records;        /* HsPacketRecord */
  GArray  *orig_lens;      /* guint32 */
  GArray  *conns;          /* HsConnection, ascending streams, base_changes owned */
  guint    n_connections;  /* connections after the batch */
  guint64  spool_end;      /* spool bytes holding these packets and those before */
  char    *reset_path;     /* ring buffer: the batch is a whole new document in this spool */
  guint64  first_seq;      /* reset: packets captured before the new document's first */
} Batch;

struct _HsLiveCapture
{
  GObject        parent_instance;

  /* settings */
  char          *interface;
  char          *filter;
  guint          snaplen;
  gboolean       promiscuous;
  guint          ring_mb;
  guint          buffer_mb;       /* kernel buffer; 0: KERNEL_BUFFER */
  guint64        count_limit;
  double         duration_limit;
  char          *output_path;

  /* main thread */
  HsCapture     *capture;
  char          *spool_path;      /* the document's spool */
  GMainContext  *context;
  GSource       *tick;
  Batch         *pending;         /* received, not applied yet (merged) */
  guint64        doc_first_seq;   /* packets captured before the document's first */
  guint64        doc_spool_end;   /* spool bytes the document's packets take */
  guint64        saved_seq;       /* packets up to this one were saved */
  gint64         start_us;
  gint64         stop_us;
  guint          running : 1;
  guint          paused : 1;
  guint          started : 1;

  /* the worker's (touched by the main thread only before start and after join) */
  GThread       *thread;
  pcap_t        *pcap;
  int            linktype;
  guint          snaplen_used;
  int            wake_fd;
  int            spool_fd;
  HsCaptureWriter *spool;         /* on spool_fd; its position is the spool's size */
  char          *worker_spool_path;
  HsTcpTracker  *tracker;
  HsDefrag      *defrag;
  Batch         *batch;           /* being filled */
  GArray        *touched;         /* guint32: streams of `batch` */
  GArray        *touched_mark;    /* guint32 per stream: the batch number that touched it */
  guint32        batch_no;
  GArray        *offsets;         /* guint64 per packet of the spool (ring buffer only) */
  guint32        frame;           /* packets in the worker's document */
  guint64        total;           /* packets captured */
  guint64        total_bytes;
  guint64        discarded;
  gboolean       limit_reached;
  GError        *worker_error;
  gint           stop_requested;  /* atomic */

  /* shared, under `lock` */
  GMutex         lock;
  GQueue         ready;           /* Batch *, oldest first */
  HsLiveStats    shared_stats;
  gboolean       worker_done;
};

G_DEFINE_FINAL_TYPE (HsLiveCapture, hs_live_capture, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAPTURE,
  PROP_RUNNING,
  PROP_PAUSED,
  N_PROPS
};

enum {
  UPDATED,
  STOPPED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

G_DEFINE_QUARK (hs-live-error-quark, hs_live_error)

static void stop_capture (HsLiveCapture *self,
                          gboolean       emit);

/* ------------------------------------------------------------------ *
 * Batches
 * ------------------------------------------------------------------ */

static Batch *
batch_new (void)
{
  Batch *b = g_new0 (Batch, 1);

  b->records = g_array_new (FALSE, FALSE, sizeof (HsPacketRecord));
  b->orig_lens = g_array_new (FALSE, FALSE, sizeof (guint32));
  b->conns = g_array_new (FALSE, FALSE, sizeof (HsConnection));
  return b;
}

static void
free_conn_copies (GArray *conns)
{
  guint i;

  for (i = 0; i < conns->len; i++)
    g_free (g_array_index (conns, HsConnection, i).base_changes);
  g_array_set_size (conns, 0);
}

/* Frees the batch; with `owns_conns` also the connections' base_changes
 * (not once they were handed to the document). */
static void
batch_free (Batch    *b,
            gboolean  owns_conns)
{
  if (b == NULL)
    return;

  if (owns_conns)
    free_conn_copies (b->conns);
  g_array_unref (b->records);
  g_array_unref (b->orig_lens);
  g_array_unref (b->conns);
  g_free (b->reset_path);
  g_free (b);
}

static gboolean
batch_is_empty (const Batch *b)
{
  return b->records->len == 0 && b->conns->len == 0 && b->reset_path == NULL;
}

/* A spool that was never or is no longer a document's: removed unless it
 * is the output file. */
static void
discard_spool (HsLiveCapture *self,
               const char    *path)
{
  if (path == NULL || g_strcmp0 (path, self->output_path) == 0)
    return;
  g_unlink (path);
}

/* Appends `src` (consumed) to `dst`: its packets after dst's, its copy of a
 * connection replacing dst's.  A reset batch replaces everything. */
static void
batch_merge (HsLiveCapture *self,
             Batch         *dst,
             Batch         *src)
{
  GArray *merged;
  guint i = 0, j = 0;

  if (src->reset_path != NULL)
    {
      discard_spool (self, dst->reset_path);
      g_clear_pointer (&dst->reset_path, g_free);
      free_conn_copies (dst->conns);
      g_array_set_size (dst->records, 0);
      g_array_set_size (dst->orig_lens, 0);
      dst->reset_path = g_steal_pointer (&src->reset_path);
      dst->first_seq = src->first_seq;
    }

  g_array_append_vals (dst->records, src->records->data, src->records->len);
  g_array_append_vals (dst->orig_lens, src->orig_lens->data, src->orig_lens->len);

  merged = g_array_sized_new (FALSE, FALSE, sizeof (HsConnection),
                              dst->conns->len + src->conns->len);
  while (i < dst->conns->len || j < src->conns->len)
    {
      HsConnection *a = i < dst->conns->len ? &g_array_index (dst->conns, HsConnection, i) : NULL;
      HsConnection *b = j < src->conns->len ? &g_array_index (src->conns, HsConnection, j) : NULL;

      if (b == NULL || (a != NULL && a->stream < b->stream))
        {
          g_array_append_val (merged, *a);
          i++;
        }
      else
        {
          if (a != NULL && a->stream == b->stream)
            {
              g_free (a->base_changes);
              i++;
            }
          g_array_append_val (merged, *b);
          j++;
        }
    }
  g_array_unref (dst->conns);
  dst->conns = merged;
  g_array_set_size (src->conns, 0);  /* moved */

  dst->n_connections = src->n_connections;
  dst->spool_end = src->spool_end;
  batch_free (src, FALSE);
}

/* ------------------------------------------------------------------ *
 * The spool: a pcapng file, written with HsCaptureWriter
 * ------------------------------------------------------------------ */

static void
set_spool_error (HsLiveCapture *self,
                 const char    *reason)
{
  g_autofree char *display = g_filename_display_name (self->worker_spool_path);

  if (self->worker_error != NULL)
    return;
  self->worker_error = g_error_new (HS_LIVE_ERROR, HS_LIVE_ERROR_SPOOL,
                                    _("Cannot write the capture file “%s”: %s"),
                                    display, reason);
}

/* A writer on `fd` that wrote (and flushed) the spool's header: the section
 * ("Handshake VERSION") and the interface with its name, filter and
 * microsecond timestamps, in host byte order. */
static HsCaptureWriter *
spool_writer_new (HsLiveCapture  *self,
                  int             fd,
                  GError        **error)
{
  HsCaptureWriterInterface iface = {
    .linktype = self->linktype,
    .snaplen = self->snaplen_used,
    .name = self->interface,
    .filter = self->filter,
    .tsresol = 6,
  };
  HsCaptureWriter *writer;

  g_assert (fd >= 0);
  g_assert (self->interface != NULL);

  writer = hs_capture_writer_new_for_fd (fd, HS_CAPTURE_WRITER_PCAPNG);
  if (!hs_capture_writer_start (writer, "Handshake " PACKAGE_VERSION, &iface, error) ||
      !hs_capture_writer_flush (writer, error))
    {
      hs_capture_writer_free (writer);
      return NULL;
    }

  return writer;
}

static gboolean
spool_flush (HsLiveCapture *self)
{
  g_autoptr(GError) error = NULL;

  g_assert (self->spool != NULL);

  if (!hs_capture_writer_flush (self->spool, &error))
    set_spool_error (self, error->message);
  return self->worker_error == NULL;
}

/* Writes one Enhanced Packet Block; returns its offset. */
static guint64
spool_write_packet (HsLiveCapture            *self,
                    gint64                    ts_ns,
                    const struct pcap_pkthdr *h,
                    const guint8             *data)
{
  g_autoptr(GError) error = NULL;
  guint64 offset = hs_capture_writer_get_position (self->spool);

  if (!hs_capture_writer_packet (self->spool, 0, ts_ns, data, h->caplen, h->len, &error))
    set_spool_error (self, error->message);

  return offset;
}

/* A new spool file: the output path, or a temporary file in the cache. */
static int
spool_create (const char  *output_path,
              char       **path_out,
              GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  int fd;

  if (output_path != NULL)
    {
      path = g_strdup (output_path);
      fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    }
  else
    {
      /* in the cache, or in the temporary folder if the cache is unusable */
      dir = g_build_filename (g_get_user_cache_dir (), "handshake", NULL);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          g_free (dir);
          dir = g_strdup (g_get_tmp_dir ());
        }
      path = g_build_filename (dir, "handshake-live-XXXXXX.pcapng", NULL);
      fd = g_mkstemp_full (path, O_RDWR | O_CLOEXEC, 0600);
    }

  if (fd < 0)
    {
      int errsv = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, HS_LIVE_ERROR, HS_LIVE_ERROR_SPOOL,
                   _("Cannot create the capture file “%s”: %s"), display, g_strerror (errsv));
      return -1;
    }

  *path_out = g_steal_pointer (&path);
  return fd;
}

/* ------------------------------------------------------------------ *
 * The worker
 * ------------------------------------------------------------------ */

static void
touch_stream (HsLiveCapture *self,
              guint32        stream)
{
  if (stream >= self->touched_mark->len)
    g_array_set_size (self->touched_mark, MAX (stream + 1, self->touched_mark->len * 2));
  if (g_array_index (self->touched_mark, guint32, stream) != self->batch_no)
    {
      g_array_index (self->touched_mark, guint32, stream) = self->batch_no;
      g_array_append_val (self->touched, stream);
    }
}

/* Decodes and tracks one packet into the current batch. */
static void
worker_add_packet (HsLiveCapture *self,
                   gint64         ts_ns,
                   guint64        offset,
                   const guint8  *data,
                   guint32        caplen,
                   guint32        orig_len)
{
  HsDecodedPacket dec;
  HsPacketRecord *rec;
  guint32 frame = ++self->frame;

  hs_decode_frame (self->linktype, data, caplen, orig_len, frame, self->defrag, &dec);
  g_array_set_size (self->batch->records, self->batch->records->len + 1);
  rec = &g_array_index (self->batch->records, HsPacketRecord, self->batch->records->len - 1);
  _hs_capture_fill_record (rec, self->tracker, frame, ts_ns, offset, 0, caplen, orig_len, &dec);
  g_array_append_val (self->batch->orig_lens, orig_len);
  if (rec->stream != HS_NO_STREAM)
    touch_stream (self, rec->stream);
  if (self->offsets != NULL)
    g_array_append_val (self->offsets, offset);
}

static int
compare_guint32 (gconstpointer a,
                 gconstpointer b)
{
  guint32 x = *(const guint32 *) a;
  guint32 y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

static void
worker_publish_stats (HsLiveCapture *self)
{
  struct pcap_stat ps = { 0 };
  gboolean have = self->pcap != NULL && pcap_stats (self->pcap, &ps) == 0;

  g_mutex_lock (&self->lock);
  self->shared_stats.captured = self->total;
  self->shared_stats.bytes = self->total_bytes;
  self->shared_stats.discarded_ring = self->discarded;
  if (have)
    {
      self->shared_stats.received = ps.ps_recv;
      self->shared_stats.dropped_kernel = ps.ps_drop;
      self->shared_stats.dropped_interface = ps.ps_ifdrop;
    }
  g_mutex_unlock (&self->lock);
}

/* Flushes the spool, completes the batch with the connections it changed
 * and queues it for the main thread. */
static void
worker_publish (HsLiveCapture *self)
{
  Batch *b = self->batch;
  guint i;

  if (batch_is_empty (b) || !spool_flush (self))
    return;

  g_array_sort (self->touched, compare_guint32);
  g_array_set_size (b->conns, self->touched->len);
  for (i = 0; i < self->touched->len; i++)
    {
      guint32 stream = g_array_index (self->touched, guint32, i);
      HsConnection *copy = &g_array_index (b->conns, HsConnection, i);

      hs_tcp_tracker_finish_stream (self->tracker, stream);
      *copy = *hs_tcp_tracker_get_connection (self->tracker, stream);
      copy->base_changes = g_memdup2 (copy->base_changes,
                                      sizeof *copy->base_changes * copy->n_base_changes);
    }
  b->n_connections = hs_tcp_tracker_get_n_connections (self->tracker);
  b->spool_end = hs_capture_writer_get_position (self->spool);

  g_mutex_lock (&self->lock);
  g_queue_push_tail (&self->ready, b);
  g_mutex_unlock (&self->lock);

  self->batch = batch_new ();
  g_array_set_size (self->touched, 0);
  self->batch_no++;

  worker_publish_stats (self);
}

/* Ring buffer: keeps the newer half of the spool's packets in a new spool
 * and analyses them again from the first, as a new document. */
static void
worker_rotate (HsLiveCapture *self)
{
  g_autoptr(HsCaptureReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *new_path = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree guint8 *copy_buf = NULL;
  HsCaptureWriter *writer = NULL;
  guint n = self->offsets->len;
  guint keep_from = n / 2;
  guint64 from, pos, end;
  HsReaderPacket pkt;
  HsReaderResult r;
  int fd;
  int errsv = 0;

  if (keep_from == 0 || !spool_flush (self))
    return;

  from = g_array_index (self->offsets, guint64, keep_from);
  end = hs_capture_writer_get_position (self->spool);

  if (self->output_path != NULL)
    {
      tmp_path = g_strconcat (self->output_path, ".ring", NULL);
      fd = g_open (tmp_path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
      if (fd < 0)
        errsv = errno;
    }
  else
    {
      fd = spool_create (NULL, &tmp_path, &error);
      if (fd < 0)
        {
          self->worker_error = g_steal_pointer (&error);
          return;
        }
    }

  copy_buf = g_malloc (SPOOL_BUFFER);
  if (fd >= 0 && (writer = spool_writer_new (self, fd, &error)) != NULL)
    {
      for (pos = from; pos < end; )
        {
          gssize got = pread (self->spool_fd, copy_buf,
                              (gsize) MIN (SPOOL_BUFFER, end - pos), (off_t) pos);

          if (got < 0 && errno == EINTR)
            continue;
          if (got <= 0)
            {
              errsv = got < 0 ? errno : EIO;
              break;
            }
          if (!hs_capture_writer_raw (writer, copy_buf, (gsize) got, &error))
            break;
          pos += (guint64) got;
        }
      if (errsv == 0 && error == NULL)
        hs_capture_writer_flush (writer, &error);
    }

  if (errsv != 0 || fd < 0 || error != NULL)
    {
      g_clear_pointer (&writer, hs_capture_writer_free);
      if (fd >= 0)
        close (fd);
      g_unlink (tmp_path);
      set_spool_error (self, error != NULL ? error->message : g_strerror (errsv != 0 ? errsv : EIO));
      return;
    }

  if (self->output_path != NULL)
    {
      if (g_rename (tmp_path, self->output_path) != 0)
        {
          errsv = errno;
          hs_capture_writer_free (writer);
          close (fd);
          g_unlink (tmp_path);
          set_spool_error (self, g_strerror (errsv));
          return;
        }
      new_path = g_strdup (self->output_path);
    }
  else
    new_path = g_steal_pointer (&tmp_path);

  /* the old temporary spool is removed by the main thread once its
   * document is replaced, or here if no document showed it yet */
  if (self->batch->reset_path != NULL)
    discard_spool (self, self->worker_spool_path);
  hs_capture_writer_free (self->spool);
  close (self->spool_fd);
  self->spool_fd = fd;
  self->spool = writer;    /* at the header's length + (end - from) */
  g_free (self->worker_spool_path);
  self->worker_spool_path = g_strdup (new_path);
  self->discarded += keep_from;

  /* the packets of the current batch are in the new document */
  batch_free (self->batch, TRUE);
  self->batch = batch_new ();
  self->batch->reset_path = g_strdup (new_path);
  self->batch->first_seq = self->discarded;
  g_array_set_size (self->touched, 0);
  self->batch_no++;
  g_array_set_size (self->offsets, 0);
  g_clear_pointer (&self->tracker, hs_tcp_tracker_free);
  g_clear_pointer (&self->defrag, hs_defrag_free);
  self->tracker = hs_tcp_tracker_new ();
  self->defrag = hs_defrag_new ();
  self->frame = 0;

  if (!(reader = hs_capture_reader_open (new_path, &error)))
    {
      self->worker_error = g_error_new (HS_LIVE_ERROR, HS_LIVE_ERROR_SPOOL, "%s", error->message);
      return;
    }
  while ((r = hs_capture_reader_next (reader, &pkt, &error)) == HS_READER_PACKET)
    worker_add_packet (self, pkt.ts_ns, pkt.offset, pkt.data, pkt.caplen, pkt.orig_len);
  if (r == HS_READER_ERROR)
    self->worker_error = g_error_new (HS_LIVE_ERROR, HS_LIVE_ERROR_SPOOL, "%s", error->message);
}

static void
on_packet (u_char                   *user,
           const struct pcap_pkthdr *h,
           const u_char             *bytes)
{
  HsLiveCapture *self = (HsLiveCapture *) (gpointer) user;
  guint64 offset;
  gint64 ts_ns;

  if (self->worker_error != NULL || self->limit_reached)
    return;

  ts_ns = (gint64) h->ts.tv_sec * G_GINT64_CONSTANT (1000000000) + (gint64) h->ts.tv_usec * 1000;
  offset = spool_write_packet (self, ts_ns, h, bytes);
  worker_add_packet (self, ts_ns, offset, bytes, h->caplen, h->len);
  self->total++;
  self->total_bytes += h->caplen;

  if (self->count_limit > 0 && self->total >= self->count_limit)
    self->limit_reached = TRUE;
  if (self->ring_mb > 0 &&
      hs_capture_writer_get_position (self->spool) >= (guint64) self->ring_mb * 1024 * 1024)
    worker_rotate (self);
}

static void
set_dispatch_error (HsLiveCapture *self)
{
  if (self->worker_error == NULL)
    self->worker_error = g_error_new (HS_LIVE_ERROR, HS_LIVE_ERROR_DEVICE,
                                      _("Capturing on “%s” stopped: %s"),
                                      self->interface, pcap_geterr (self->pcap));
}

static gpointer
worker_main (gpointer data)
{
  HsLiveCapture *self = data;
  struct pollfd fds[2];
  gint64 next_publish = 0;
  gint64 next_stats = 0;
  gint64 deadline = 0;
  gint64 now;
  int i;

  fds[0].fd = pcap_get_selectable_fd (self->pcap);
  fds[0].events = POLLIN;
  fds[1].fd = self->wake_fd;
  fds[1].events = POLLIN;

  if (self->duration_limit > 0)
    deadline = self->start_us + (gint64) (self->duration_limit * G_USEC_PER_SEC);

  while (!g_atomic_int_get (&self->stop_requested) &&
         self->worker_error == NULL && !self->limit_reached)
    {
      gint64 wait_us = TICK_MS * 1000;
      int n;

      now = g_get_monotonic_time ();
      if (!batch_is_empty (self->batch))
        wait_us = MAX (0, next_publish - now);
      if (deadline > 0)
        wait_us = MIN (wait_us, MAX (0, deadline - now));

      n = poll (fds, 2, (int) ((wait_us + 999) / 1000));
      if (n < 0 && errno != EINTR)
        {
          int errsv = errno;

          self->worker_error = g_error_new (HS_LIVE_ERROR, HS_LIVE_ERROR_FAILED,
                                            "poll: %s", g_strerror (errsv));
          break;
        }
      if (n > 0 && (fds[1].revents & POLLIN))
        break;
      if (n > 0 && (fds[0].revents & (POLLIN | POLLERR | POLLHUP)))
        {
          /* bounded: a ring that never empties must not keep the batch
           * from being published */
          int got = pcap_dispatch (self->pcap, DISPATCH_COUNT, on_packet, (u_char *) self);

          if (got < 0 && got != PCAP_ERROR_BREAK)
            set_dispatch_error (self);
        }

      now = g_get_monotonic_time ();
      if (deadline > 0 && now >= deadline)
        self->limit_reached = TRUE;
      if (now >= next_publish && !batch_is_empty (self->batch))
        {
          worker_publish (self);
          next_publish = now + BATCH_INTERVAL_US;
        }
      if (now >= next_stats)
        {
          worker_publish_stats (self);
          next_stats = now + TICK_MS * 1000;
        }
    }

  /* stopped: what the kernel already holds was received before the stop */
  if (g_atomic_int_get (&self->stop_requested))
    {
      for (i = 0; i < DRAIN_ROUNDS && self->worker_error == NULL && !self->limit_reached; i++)
        {
          int got = pcap_dispatch (self->pcap, DISPATCH_COUNT, on_packet, (u_char *) self);

          if (got == PCAP_ERROR_BREAK)
            continue;
          if (got < 0)
            set_dispatch_error (self);
          if (got <= 0)
            break;
        }
    }

  if (self->worker_error == NULL || self->worker_error->code != HS_LIVE_ERROR_SPOOL)
    worker_publish (self);
  spool_flush (self);
  worker_publish_stats (self);

  g_mutex_lock (&self->lock);
  self->worker_done = TRUE;
  g_mutex_unlock (&self->lock);

  return NULL;
}

/* ------------------------------------------------------------------ *
 * The main thread
 * ------------------------------------------------------------------ */

/* Moves the worker's batches into the pending one; TRUE when the worker
 * has ended. */
static gboolean
collect_batches (HsLiveCapture *self)
{
  GQueue ready = G_QUEUE_INIT;
  gboolean done;
  Batch *b;

  g_mutex_lock (&self->lock);
  ready = self->ready;
  g_queue_init (&self->ready);
  done = self->worker_done;
  g_mutex_unlock (&self->lock);

  while ((b = g_queue_pop_head (&ready)) != NULL)
    {
      if (self->pending == NULL)
        self->pending = b;
      else
        batch_merge (self, self->pending, b);
    }

  return done;
}

static void
apply_pending (HsLiveCapture *self)
{
  Batch *b = self->pending;

  if (b == NULL)
    return;
  self->pending = NULL;

  if (b->reset_path != NULL)
    {
      g_autoptr(HsCapture) old = g_steal_pointer (&self->capture);
      const HsInterface *iface = hs_capture_get_interface (old, 0);

      self->capture = _hs_capture_new_live (b->reset_path, iface);
      if (g_strcmp0 (self->spool_path, b->reset_path) != 0)
        discard_spool (self, self->spool_path);
      g_free (self->spool_path);
      self->spool_path = g_steal_pointer (&b->reset_path);
      self->doc_first_seq = b->first_seq;
      _hs_capture_finish_live (old);
      _hs_capture_append_batch (self->capture,
                                (const HsPacketRecord *) (gpointer) b->records->data,
                                (const guint32 *) (gpointer) b->orig_lens->data,
                                b->records->len,
                                (HsConnection *) (gpointer) b->conns->data,
                                b->conns->len,
                                b->n_connections);
      self->doc_spool_end = b->spool_end;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CAPTURE]);
    }
  else if (!batch_is_empty (b))
    {
      _hs_capture_append_batch (self->capture,
                                (const HsPacketRecord *) (gpointer) b->records->data,
                                (const guint32 *) (gpointer) b->orig_lens->data,
                                b->records->len,
                                (HsConnection *) (gpointer) b->conns->data,
                                b->conns->len,
                                b->n_connections);
      self->doc_spool_end = b->spool_end;
    }

  /* the document owns the connections' base_changes now */
  batch_free (b, FALSE);
}

static gboolean
on_tick (gpointer data)
{
  HsLiveCapture *self = data;
  gboolean done;

  g_assert (HS_IS_LIVE_CAPTURE (self));

  done = collect_batches (self);
  if (!self->paused)
    apply_pending (self);

  g_object_ref (self);
  g_signal_emit (self, signals [UPDATED], 0);
  if (done && self->running)
    stop_capture (self, TRUE);
  g_object_unref (self);

  return done ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

static void
worker_state_clear (HsLiveCapture *self)
{
  g_clear_pointer (&self->pcap, pcap_close);
  if (self->wake_fd >= 0)
    close (self->wake_fd);
  self->wake_fd = -1;
  g_clear_pointer (&self->spool, hs_capture_writer_free);
  if (self->spool_fd >= 0)
    close (self->spool_fd);
  self->spool_fd = -1;
  g_clear_pointer (&self->tracker, hs_tcp_tracker_free);
  g_clear_pointer (&self->defrag, hs_defrag_free);
  if (self->batch != NULL)
    batch_free (self->batch, TRUE);
  self->batch = NULL;
  g_clear_pointer (&self->touched, g_array_unref);
  g_clear_pointer (&self->touched_mark, g_array_unref);
  g_clear_pointer (&self->offsets, g_array_unref);
  g_clear_pointer (&self->worker_spool_path, g_free);
}

/* Joins the worker, applies everything it captured and ends the document. */
static void
stop_capture (HsLiveCapture *self,
              gboolean       emit)
{
  g_autoptr(GError) error = NULL;
  guint64 one = 1;

  if (!self->running)
    return;

  g_atomic_int_set (&self->stop_requested, TRUE);
  if (write (self->wake_fd, &one, sizeof one) < 0)
    g_debug ("cannot wake the capture thread: %s", g_strerror (errno));
  pcap_breakloop (self->pcap);
  g_thread_join (self->thread);
  self->thread = NULL;

  self->stop_us = g_get_monotonic_time ();
  collect_batches (self);
  apply_pending (self);
  error = g_steal_pointer (&self->worker_error);
  worker_state_clear (self);

  if (self->tick != NULL)
    {
      g_source_destroy (self->tick);
      g_clear_pointer (&self->tick, g_source_unref);
    }

  _hs_capture_finish_live (self->capture);
  self->running = FALSE;

  if (!emit)
    return;

  g_object_ref (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RUNNING]);
  if (self->paused)
    {
      self->paused = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PAUSED]);
    }
  g_signal_emit (self, signals [STOPPED], 0, error);
  g_object_unref (self);
}

static void
hs_live_capture_dispose (GObject *object)
{
  HsLiveCapture *self = (HsLiveCapture *)object;

  stop_capture (self, FALSE);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (hs_live_capture_parent_class)->dispose (object);
}

static void
hs_live_capture_finalize (GObject *object)
{
  HsLiveCapture *self = (HsLiveCapture *)object;
  Batch *b;

  while ((b = g_queue_pop_head (&self->ready)) != NULL)
    {
      discard_spool (self, b->reset_path);
      batch_free (b, TRUE);
    }
  if (self->pending != NULL)
    {
      discard_spool (self, self->pending->reset_path);
      batch_free (self->pending, TRUE);
    }
  worker_state_clear (self);
  g_clear_error (&self->worker_error);
  g_clear_object (&self->capture);
  discard_spool (self, self->spool_path);
  g_clear_pointer (&self->spool_path, g_free);
  g_clear_pointer (&self->interface, g_free);
  g_clear_pointer (&self->filter, g_free);
  g_clear_pointer (&self->output_path, g_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (hs_live_capture_parent_class)->finalize (object);
}

static void
hs_live_capture_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  HsLiveCapture *self = HS_LIVE_CAPTURE (object);

  switch (prop_id)
    {
    case PROP_CAPTURE:
      g_value_set_object (value, self->capture);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_live_capture_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  HsLiveCapture *self = HS_LIVE_CAPTURE (object);

  switch (prop_id)
    {
    case PROP_PAUSED:
      hs_live_capture_set_paused (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_live_capture_class_init (HsLiveCaptureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hs_live_capture_dispose;
  object_class->finalize = hs_live_capture_finalize;
  object_class->get_property = hs_live_capture_get_property;
  object_class->set_property = hs_live_capture_set_property;

  properties [PROP_CAPTURE] =
    g_param_spec_object ("capture", NULL, NULL,
                         HS_TYPE_CAPTURE,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties [PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  properties [PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [UPDATED] =
    g_signal_new ("updated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);

  signals [STOPPED] =
    g_signal_new ("stopped",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
hs_live_capture_init (HsLiveCapture *self)
{
  g_mutex_init (&self->lock);
  g_queue_init (&self->ready);
  self->promiscuous = TRUE;
  self->wake_fd = -1;
  self->spool_fd = -1;
}

HsLiveCapture *
hs_live_capture_new (const char *interface)
{
  HsLiveCapture *self;

  g_return_val_if_fail (interface != NULL, NULL);

  self = g_object_new (HS_TYPE_LIVE_CAPTURE, NULL);
  self->interface = g_strdup (interface);
  return self;
}

const char *
hs_live_capture_get_interface (HsLiveCapture *self)
{
  g_return_val_if_fail (HS_IS_LIVE_CAPTURE (self), NULL);
  return self->interface;
}

void
hs_live_capture_set_filter (HsLiveCapture *self,
                            const char    *filter)
{
  g_return_if_fail (HS_IS_LIVE_CAPTURE (self));
  g_return_if_fail (!self->started);

  g_free (self->filter);
  self->filter = g_strdup (filter);
}

const char *
hs_live_capture_get_filter (HsLiveCapture *self)
{
  g_return_val_if_fail (HS_IS_LIVE_CAPTURE (self), NULL);
  return self->filter;
}

void
hs_live_capture_set_snaplen (HsLiveCapture *self,
                             guint          snaplen)
{
  g_return_if_fail (HS_IS_LIVE_CAPTURE (self));
  g_return_if_fail (!self->started);
  self->snaplen = snaplen;
}

void
hs_live_capture_set_promiscuous (HsLiveCapture *self,
                                 gboolean       promiscuous)
{
  g_return_if_fail (HS_IS_LIVE_CAPTURE (self));
  g_return_if_fail (!self->started);
  self->promiscuous = !!promiscuous;
}

void
hs_live_capture_set_buffer_size (HsLiveCapture *self,
                                 guint          megabytes)
{
  g_return_if_fail (HS_IS_LIVE_CAPTURE (self));
  g_return_if_fail (!self->started);
  self->buffer_mb = megabytes;
}

guint64
hs_live_capture_get_first_packet_number (HsLiveCapture *self)
{
  g_return_val_if_fail (HS_IS_LIVE_CAPTURE (self), 0);
  return self->doc_first_seq;
}

void
hs_live_capture_set_ring_buffer (HsLiveCapture *self,
                                 guint          megabytes)
{
  g_return_if_fail (HS_IS_LIVE_CAPTURE (self));
  g_return_if_fail (!self->started);
  self->ring_mb = megabytes;
}

void
hs_live_capture_set_count_limit (HsLiveCapture *self,
                                 guint64        count)
{
  g_return_if_fail (HS_IS_LIVE_CAPTURE (self));
  g_return_if_fail (!self->started);
  self->count_limit = count;
}

void
hs_live_capture_set_duration_limit (HsLiveCapture *self,
                                    double         seconds)
{
  g_return_if_fail (HS_IS_LIVE_CAPTURE (self));
  g_return_if_fail (!self->started);
  self->duration_limit = MAX (seconds, 0);
}

void
hs_live_capture_set_output_path (HsLiveCapture *self,
                                 const char    *path)
{
  g_return_if_fail (HS_IS_LIVE_CAPTURE (self));
  g_return_if_fail (!self->started);

  g_free (self->output_path);
  self->output_path = g_strdup (path);
}

/* Opens and activates the interface, with the filter set. */
static pcap_t *
open_interface (HsLiveCapture  *self,
                guint           snaplen,
                GError        **error)
{
  char errbuf[PCAP_ERRBUF_SIZE] = { 0 };
  struct bpf_program program;
  pcap_t *p;
  int status;

  p = pcap_create (self->interface, errbuf);
  if (p == NULL)
    {
      g_set_error (error, HS_LIVE_ERROR, HS_LIVE_ERROR_DEVICE,
                   _("Cannot capture on “%s”: %s"), self->interface, errbuf);
      return NULL;
    }

  pcap_set_snaplen (p, (int) snaplen);
  pcap_set_promisc (p, self->promiscuous);
  pcap_set_immediate_mode (p, 1);
  pcap_set_buffer_size (p, self->buffer_mb > 0 ? (int) MIN (self->buffer_mb, 1024) * 1024 * 1024
                                              : KERNEL_BUFFER);

  status = pcap_activate (p);
  if (status < 0)
    {
      const char *detail = status == PCAP_ERROR ? pcap_geterr (p) : pcap_statustostr (status);
      g_autofree char *text = g_strdup (detail);

      if (status == PCAP_ERROR_PERM_DENIED ||
          strstr (text, "Operation not permitted") != NULL ||
          strstr (text, "ermission denied") != NULL)
        {
          g_autofree char *advice = hs_live_permission_advice ();

          g_set_error (error, HS_LIVE_ERROR, HS_LIVE_ERROR_PERMISSION,
                       _("You are not allowed to capture packets on “%s”.\n\n%s"),
                       self->interface, advice);
        }
      else if (status == PCAP_ERROR_NO_SUCH_DEVICE)
        g_set_error (error, HS_LIVE_ERROR, HS_LIVE_ERROR_NO_SUCH_DEVICE,
                     _("There is no network interface “%s”"), self->interface);
      else
        g_set_error (error, HS_LIVE_ERROR, HS_LIVE_ERROR_DEVICE,
                     _("Cannot capture on “%s”: %s"), self->interface, text);
      pcap_close (p);
      return NULL;
    }
  else if (status > 0)
    g_debug ("pcap_activate on %s: %s", self->interface, pcap_statustostr (status));

  if (!hs_decode_linktype_supported (pcap_datalink (p)))
    {
      g_set_error (error, HS_LIVE_ERROR, HS_LIVE_ERROR_DEVICE,
                   _("Cannot capture on “%s”: its link type %d (%s) is not one Handshake "
                     "decodes"),
                   self->interface, pcap_datalink (p),
                   hs_decode_linktype_name (pcap_datalink (p)));
      pcap_close (p);
      return NULL;
    }

  if (self->filter != NULL && self->filter[strspn (self->filter, " \t\r\n")] != 0)
    {
      if (pcap_compile (p, &program, self->filter, 1, PCAP_NETMASK_UNKNOWN) != 0)
        {
          g_set_error_literal (error, HS_LIVE_ERROR, HS_LIVE_ERROR_BAD_FILTER, pcap_geterr (p));
          pcap_close (p);
          return NULL;
        }
      status = pcap_setfilter (p, &program);
      pcap_freecode (&program);
      if (status != 0)
        {
          g_set_error_literal (error, HS_LIVE_ERROR, HS_LIVE_ERROR_BAD_FILTER, pcap_geterr (p));
          pcap_close (p);
          return NULL;
        }
    }

  if (pcap_setnonblock (p, 1, errbuf) != 0 || pcap_get_selectable_fd (p) < 0)
    {
      g_set_error (error, HS_LIVE_ERROR, HS_LIVE_ERROR_DEVICE,
                   _("Cannot capture on “%s”: %s"), self->interface,
                   errbuf[0] != 0 ? errbuf : _("it cannot be waited on"));
      pcap_close (p);
      return NULL;
    }

  return p;
}

gboolean
hs_live_capture_start (HsLiveCapture  *self,
                       GError        **error)
{
  g_autoptr(GError) spool_error = NULL;
  HsInterface iface = { 0 };
  guint snaplen;
  int errsv = 0;

  g_return_val_if_fail (HS_IS_LIVE_CAPTURE (self), FALSE);
  g_return_val_if_fail (!self->started, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  snaplen = self->snaplen == 0 ? WHOLE_PACKETS : MIN (self->snaplen, WHOLE_PACKETS);

  if (!(self->pcap = open_interface (self, snaplen, error)))
    return FALSE;

  self->linktype = pcap_datalink (self->pcap);
  self->snaplen_used = (guint) pcap_snapshot (self->pcap);
  self->spool_fd = spool_create (self->output_path, &self->worker_spool_path, error);
  if (self->spool_fd < 0)
    {
      worker_state_clear (self);
      return FALSE;
    }
  self->spool = spool_writer_new (self, self->spool_fd, &spool_error);
  if (self->spool == NULL)
    {
      g_autofree char *display = g_filename_display_name (self->worker_spool_path);

      g_set_error (error, HS_LIVE_ERROR, HS_LIVE_ERROR_SPOOL,
                   _("Cannot write the capture file “%s”: %s"), display, spool_error->message);
      discard_spool (self, self->worker_spool_path);
      worker_state_clear (self);
      return FALSE;
    }

  self->wake_fd = eventfd (0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (self->wake_fd < 0)
    {
      errsv = errno;
      g_set_error (error, HS_LIVE_ERROR, HS_LIVE_ERROR_FAILED,
                   "eventfd: %s", g_strerror (errsv));
      discard_spool (self, self->worker_spool_path);
      worker_state_clear (self);
      return FALSE;
    }

  self->tracker = hs_tcp_tracker_new ();
  self->defrag = hs_defrag_new ();
  self->batch = batch_new ();
  self->touched = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->touched_mark = g_array_new (FALSE, TRUE, sizeof (guint32));
  self->batch_no = 1;
  if (self->ring_mb > 0)
    self->offsets = g_array_new (FALSE, FALSE, sizeof (guint64));

  iface.linktype = self->linktype;
  iface.snaplen = self->snaplen_used;
  iface.name = self->interface;
  self->spool_path = g_strdup (self->worker_spool_path);
  self->capture = _hs_capture_new_live (self->spool_path, &iface);
  self->doc_spool_end = hs_capture_writer_get_position (self->spool);
  self->started = TRUE;
  self->start_us = g_get_monotonic_time ();

  self->thread = g_thread_new ("hs-live-capture", worker_main, self);

  self->context = g_main_context_ref_thread_default ();
  self->tick = g_timeout_source_new (TICK_MS);
  g_source_set_callback (self->tick, on_tick, self, NULL);
  g_source_set_name (self->tick, "[handshake] live capture");
  g_source_attach (self->tick, self->context);

  self->running = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CAPTURE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RUNNING]);

  return TRUE;
}

void
hs_live_capture_stop (HsLiveCapture *self)
{
  g_return_if_fail (HS_IS_LIVE_CAPTURE (self));

  stop_capture (self, TRUE);
}

gboolean
hs_live_capture_is_running (HsLiveCapture *self)
{
  g_return_val_if_fail (HS_IS_LIVE_CAPTURE (self), FALSE);
  return self->running;
}

void
hs_live_capture_set_paused (HsLiveCapture *self,
                            gboolean       paused)
{
  g_return_if_fail (HS_IS_LIVE_CAPTURE (self));

  paused = !!paused;
  if (paused == self->paused)
    return;
  if (paused && !self->running)
    return;

  self->paused = paused;
  if (!paused)
    {
      collect_batches (self);
      apply_pending (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PAUSED]);
  if (!paused)
    g_signal_emit (self, signals [UPDATED], 0);
}

gboolean
hs_live_capture_get_paused (HsLiveCapture *self)
{
  g_return_val_if_fail (HS_IS_LIVE_CAPTURE (self), FALSE);
  return self->paused;
}

HsCapture *
hs_live_capture_get_capture (HsLiveCapture *self)
{
  g_return_val_if_fail (HS_IS_LIVE_CAPTURE (self), NULL);
  return self->capture;
}

void
hs_live_capture_get_stats (HsLiveCapture *self,
                           HsLiveStats   *stats)
{
  g_return_if_fail (HS_IS_LIVE_CAPTURE (self));
  g_return_if_fail (stats != NULL);

  g_mutex_lock (&self->lock);
  *stats = self->shared_stats;
  g_mutex_unlock (&self->lock);

  if (!self->started)
    stats->elapsed_us = 0;
  else if (self->running)
    stats->elapsed_us = g_get_monotonic_time () - self->start_us;
  else
    stats->elapsed_us = self->stop_us - self->start_us;
}

gboolean
hs_live_capture_has_unsaved (HsLiveCapture *self)
{
  g_return_val_if_fail (HS_IS_LIVE_CAPTURE (self), FALSE);

  if (self->output_path != NULL || self->capture == NULL)
    return FALSE;
  return self->doc_first_seq + hs_capture_get_n_packets (self->capture) > self->saved_seq;
}

const char *
hs_live_capture_get_spool_path (HsLiveCapture *self)
{
  g_return_val_if_fail (HS_IS_LIVE_CAPTURE (self), NULL);
  return self->spool_path;
}

/* ------------------------------------------------------------------ *
 * Saving
 * ------------------------------------------------------------------ */

typedef struct
{
  int           fd;           /* the spool, opened before the thread starts */
  guint64       length;       /* its bytes holding the document's packets */
  guint         n_packets;
  guint64       seq_end;      /* packets captured up to the document's last */
  HsSaveFormat  format;
  int           linktype;
  guint         snaplen;
  char         *target;
} SaveData;

static void
save_data_free (SaveData *data)
{
  if (data->fd >= 0)
    close (data->fd);
  g_free (data->target);
  g_free (data);
}

static gboolean
save_pcapng (SaveData  *data,
             FILE      *out,
             GError   **error)
{
  g_autofree guint8 *buf = g_malloc (SPOOL_BUFFER);
  guint64 pos = 0;

  while (pos < data->length)
    {
      gssize got = pread (data->fd, buf, (gsize) MIN (SPOOL_BUFFER, data->length - pos),
                          (off_t) pos);

      if (got < 0 && errno == EINTR)
        continue;
      if (got <= 0)
        {
          int errsv = got < 0 ? errno : EIO;

          g_set_error (error, HS_LIVE_ERROR, HS_LIVE_ERROR_SPOOL,
                       _("Cannot read the capture file: %s"), g_strerror (errsv));
          return FALSE;
        }
      if (fwrite (buf, 1, (gsize) got, out) != (gsize) got)
        return FALSE;
      pos += (guint64) got;
    }

  return TRUE;
}

/* The document's packets as a classic pcap (microseconds, host byte order),
 * read back from the spool.  A write error is `error` as save_thread words
 * it ("Cannot write “file”: reason"). */
static gboolean
save_pcap (SaveData      *data,
           FILE          *out,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(HsCaptureReader) reader = NULL;
  g_autoptr(HsCaptureWriter) writer = NULL;
  g_autoptr(GError) write_error = NULL;
  g_autofree char *path = g_strdup_printf ("/proc/self/fd/%d", data->fd);
  HsCaptureWriterInterface iface = { .linktype = data->linktype, .snaplen = data->snaplen };
  HsReaderPacket pkt;
  guint i;

  g_assert (out != NULL);

  writer = hs_capture_writer_new_for_stream (out, HS_CAPTURE_WRITER_PCAP);
  if (!hs_capture_writer_start (writer, NULL, &iface, &write_error))
    goto write_failed;

  if (!(reader = hs_capture_reader_open (path, error)))
    return FALSE;

  for (i = 0; i < data->n_packets; i++)
    {
      HsReaderResult r = hs_capture_reader_next (reader, &pkt, error);

      if (r != HS_READER_PACKET)
        {
          if (r == HS_READER_EOF)
            g_set_error (error, HS_LIVE_ERROR, HS_LIVE_ERROR_SPOOL,
                         _("The capture file ends after %u packets"), i);
          return FALSE;
        }
      if (!hs_capture_writer_packet (writer, 0, pkt.ts_ns, pkt.data, pkt.caplen, pkt.orig_len,
                                     &write_error))
        goto write_failed;
      if (i % 65536 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }

  if (!hs_capture_writer_flush (writer, &write_error))
    goto write_failed;
  return TRUE;

write_failed:
  {
    g_autofree char *display = g_filename_display_name (data->target);

    g_set_error (error, G_IO_ERROR, write_error->code,
                 _("Cannot write “%s”: %s"), display, write_error->message);
    return FALSE;
  }
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (data->target);
  g_autofree char *base = g_path_get_basename (data->target);
  g_autofree char *tmp = g_strdup_printf ("%s%s.%s-XXXXXX", dir, G_DIR_SEPARATOR_S, base);
  g_autofree char *display = g_filename_display_name (data->target);
  gboolean ok;
  FILE *out;
  int fd;

  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0 || !(out = fdopen (fd, "wb")))
    {
      int errsv = errno;

      if (fd >= 0)
        {
          close (fd);
          g_unlink (tmp);
        }
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (errsv),
                               _("Cannot write “%s”: %s"), display, g_strerror (errsv));
      return;
    }

  errno = 0;
  if (data->format == HS_SAVE_FORMAT_PCAPNG)
    ok = save_pcapng (data, out, &error);
  else
    ok = save_pcap (data, out, cancellable, &error);

  if (ok && fflush (out) != 0)
    ok = FALSE;
  if (ok && fsync (fileno (out)) != 0)
    ok = FALSE;
  if (!ok && error == NULL)
    {
      int errsv = errno != 0 ? errno : EIO;

      g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Cannot write “%s”: %s"), display, g_strerror (errsv));
    }
  if (fclose (out) != 0 && ok)
    {
      int errsv = errno;

      ok = FALSE;
      g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Cannot write “%s”: %s"), display, g_strerror (errsv));
    }
  if (ok && g_rename (tmp, data->target) != 0)
    {
      int errsv = errno;

      ok = FALSE;
      g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _("Cannot write “%s”: %s"), display, g_strerror (errsv));
    }

  if (!ok)
    {
      g_unlink (tmp);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
hs_live_capture_save_async (HsLiveCapture       *self,
                            GFile               *file,
                            HsSaveFormat         format,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *target = NULL;
  const HsInterface *iface;
  SaveData *data;
  int fd;

  g_return_if_fail (HS_IS_LIVE_CAPTURE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hs_live_capture_save_async);
  g_task_set_name (task, "[handshake] save live capture");

  if (self->capture == NULL)
    {
      g_task_return_new_error (task, HS_LIVE_ERROR, HS_LIVE_ERROR_FAILED,
                               _("Nothing was captured yet"));
      return;
    }

  target = g_file_get_path (file);
  if (target == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Captures can only be saved to local files"));
      return;
    }
  if (g_strcmp0 (target, self->spool_path) == 0)
    {
      g_task_return_new_error (task, HS_LIVE_ERROR, HS_LIVE_ERROR_FAILED,
                               _("The capture is being written to this file already"));
      return;
    }

  /* opened here: a ring-buffer turn may remove the spool meanwhile */
  fd = g_open (self->spool_path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int errsv = errno;
      g_autofree char *display = g_filename_display_name (self->spool_path);

      g_task_return_new_error (task, HS_LIVE_ERROR, HS_LIVE_ERROR_SPOOL,
                               _("Cannot read the capture file “%s”: %s"),
                               display, g_strerror (errsv));
      return;
    }

  iface = hs_capture_get_interface (self->capture, 0);
  data = g_new0 (SaveData, 1);
  data->fd = fd;
  data->length = self->doc_spool_end;
  data->n_packets = hs_capture_get_n_packets (self->capture);
  data->seq_end = self->doc_first_seq + data->n_packets;
  data->format = format;
  data->linktype = iface->linktype;
  data->snaplen = iface->snaplen;
  data->target = g_steal_pointer (&target);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
hs_live_capture_save_finish (HsLiveCapture  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  SaveData *data;

  g_return_val_if_fail (HS_IS_LIVE_CAPTURE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  data = g_task_get_task_data (G_TASK (result));
  self->saved_seq = MAX (self->saved_seq, data->seq_end);
  return TRUE;
}
