/* hs-live-capture-worker.c
 *
 * The capture thread: pcap polled with the stop eventfd, every packet spooled,
 * decoded and tracked into a batch, batches queued for the main thread.
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

#include <errno.h>
#include <poll.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "hs-capture-private.h"
#include "hs-live-capture-private.h"

/* ------------------------------------------------------------------ *
 * Batches
 * ------------------------------------------------------------------ */

Batch *
_hs_live_batch_new (void)
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
void
_hs_live_batch_free (Batch    *b,
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

gboolean
_hs_live_batch_is_empty (const Batch *b)
{
  return b->records->len == 0 && b->conns->len == 0 && b->reset_path == NULL;
}

/* Appends `src` (consumed) to `dst`: its packets after dst's, its copy of a
 * connection replacing dst's.  A reset batch replaces everything. */
void
_hs_live_batch_merge (HsLiveCapture *self,
                      Batch         *dst,
                      Batch         *src)
{
  GArray *merged;
  guint i = 0, j = 0;

  if (src->reset_path != NULL)
    {
      _hs_live_discard_spool (self, dst->reset_path);
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
  _hs_live_batch_free (src, FALSE);
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
void
_hs_live_worker_add_packet (HsLiveCapture *self,
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

  if (_hs_live_batch_is_empty (b) || !_hs_live_spool_flush (self))
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

  self->batch = _hs_live_batch_new ();
  g_array_set_size (self->touched, 0);
  self->batch_no++;

  worker_publish_stats (self);
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
  offset = _hs_live_spool_write_packet (self, ts_ns, h, bytes);
  _hs_live_worker_add_packet (self, ts_ns, offset, bytes, h->caplen, h->len);
  self->total++;
  self->total_bytes += h->caplen;

  if (self->count_limit > 0 && self->total >= self->count_limit)
    self->limit_reached = TRUE;
  if (self->ring_mb > 0 &&
      hs_capture_writer_get_position (self->spool) >= (guint64) self->ring_mb * 1024 * 1024)
    _hs_live_worker_rotate (self);
}

static void
set_dispatch_error (HsLiveCapture *self)
{
  if (self->worker_error == NULL)
    self->worker_error = g_error_new (HS_LIVE_ERROR, HS_LIVE_ERROR_DEVICE,
                                      _("Capturing on “%s” stopped: %s"),
                                      self->interface, pcap_geterr (self->pcap));
}

gpointer
_hs_live_worker_main (gpointer data)
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
      if (!_hs_live_batch_is_empty (self->batch))
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
      if (now >= next_publish && !_hs_live_batch_is_empty (self->batch))
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
  _hs_live_spool_flush (self);
  worker_publish_stats (self);

  g_mutex_lock (&self->lock);
  self->worker_done = TRUE;
  g_mutex_unlock (&self->lock);

  return NULL;
}
