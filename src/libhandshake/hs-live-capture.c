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
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "hs-capture-private.h"
#include "hs-live-capture-private.h"

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
        _hs_live_batch_merge (self, self->pending, b);
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
        _hs_live_discard_spool (self, self->spool_path);
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
  else if (!_hs_live_batch_is_empty (b))
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
  _hs_live_batch_free (b, FALSE);
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
    _hs_live_batch_free (self->batch, TRUE);
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
      _hs_live_discard_spool (self, b->reset_path);
      _hs_live_batch_free (b, TRUE);
    }
  if (self->pending != NULL)
    {
      _hs_live_discard_spool (self, self->pending->reset_path);
      _hs_live_batch_free (self->pending, TRUE);
    }
  worker_state_clear (self);
  g_clear_error (&self->worker_error);
  g_clear_object (&self->capture);
  _hs_live_discard_spool (self, self->spool_path);
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
  self->spool_fd = _hs_live_spool_create (self->output_path, &self->worker_spool_path, error);
  if (self->spool_fd < 0)
    {
      worker_state_clear (self);
      return FALSE;
    }
  self->spool = _hs_live_spool_writer_new (self, self->spool_fd, &spool_error);
  if (self->spool == NULL)
    {
      g_autofree char *display = g_filename_display_name (self->worker_spool_path);

      g_set_error (error, HS_LIVE_ERROR, HS_LIVE_ERROR_SPOOL,
                   _("Cannot write the capture file “%s”: %s"), display, spool_error->message);
      _hs_live_discard_spool (self, self->worker_spool_path);
      worker_state_clear (self);
      return FALSE;
    }

  self->wake_fd = eventfd (0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (self->wake_fd < 0)
    {
      errsv = errno;
      g_set_error (error, HS_LIVE_ERROR, HS_LIVE_ERROR_FAILED,
                   "eventfd: %s", g_strerror (errsv));
      _hs_live_discard_spool (self, self->worker_spool_path);
      worker_state_clear (self);
      return FALSE;
    }

  self->tracker = hs_tcp_tracker_new ();
  self->defrag = hs_defrag_new ();
  self->batch = _hs_live_batch_new ();
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

  self->thread = g_thread_new ("hs-live-capture", _hs_live_worker_main, self);

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
