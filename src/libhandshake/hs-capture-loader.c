/* hs-capture-loader.c
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

#include <math.h>
#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "hs-format.h"
#include "hs-capture-loader.h"

/* The worker posts progress at most this often (microseconds), and only
 * when no earlier post is still waiting for the main loop. */
#define PROGRESS_MIN_INTERVAL (G_USEC_PER_SEC / 20)

struct _HsCaptureLoader
{
  GObject       parent_instance;

  GFile        *file;

  /* main thread only: what the properties report */
  double        fraction;
  guint64       n_packets;
  char         *message;
  guint         loading : 1;

  /* shared with the worker thread, under mutex */
  GMutex        mutex;
  GMainContext *context;            /* where progress is delivered, while loading */
  GSource      *progress_source;    /* the one pending idle, or NULL */
  double        pending_fraction;
  guint64       pending_n_packets;
  gint64        last_post_us;
};

enum {
  PROP_0,
  PROP_FILE,
  PROP_FRACTION,
  PROP_N_PACKETS,
  PROP_MESSAGE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (HsCaptureLoader, hs_capture_loader, G_TYPE_OBJECT)

static GParamSpec *properties [N_PROPS];

static char *
format_message (guint64 n_packets,
                double  fraction)
{
  g_autofree char *count = hs_format_count (n_packets);
  int percent = (int) floor (CLAMP (fraction, 0.0, 1.0) * 100.0);

  /* Translators: progress while opening a capture file; %s is a number of
   * packets ("12,345"), %d a percentage of the file */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Read %s packet (%d%%)",
                                       "Read %s packets (%d%%)",
                                       (gulong) MIN (n_packets, G_MAXULONG)),
                          count, percent);
}

/* Main thread: publishes progress, notifying what changed. */
static void
apply_progress (HsCaptureLoader *self,
                double           fraction,
                guint64          n_packets)
{
  g_autofree char *message = NULL;

  g_assert (HS_IS_CAPTURE_LOADER (self));

  message = format_message (n_packets, fraction);

  g_object_freeze_notify (G_OBJECT (self));

  if (self->fraction != fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FRACTION]);
    }

  if (self->n_packets != n_packets)
    {
      self->n_packets = n_packets;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_PACKETS]);
    }

  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_steal_pointer (&message);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MESSAGE]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

/* The pending idle, in the context load_async was called from. */
static gboolean
progress_idle (gpointer user_data)
{
  HsCaptureLoader *self = user_data;
  double fraction;
  guint64 n_packets;

  g_assert (HS_IS_CAPTURE_LOADER (self));

  g_mutex_lock (&self->mutex);
  g_clear_pointer (&self->progress_source, g_source_unref);
  fraction = self->pending_fraction;
  n_packets = self->pending_n_packets;
  g_mutex_unlock (&self->mutex);

  apply_progress (self, fraction, n_packets);

  return G_SOURCE_REMOVE;
}

/* Worker thread (hs_capture_load's progress callback): records the values
 * and makes sure one idle will publish them.  Never notifies. */
static void
load_progress (guint64  packets,
               guint64  bytes_read,
               guint64  bytes_total,
               gpointer user_data)
{
  HsCaptureLoader *self = user_data;
  gint64 now = g_get_monotonic_time ();
  double fraction = 0.0;

  if (bytes_total > 0)
    fraction = CLAMP ((double) bytes_read / (double) bytes_total, 0.0, 1.0);

  g_mutex_lock (&self->mutex);

  self->pending_fraction = fraction;
  self->pending_n_packets = packets;

  if (self->progress_source == NULL &&
      self->context != NULL &&
      now - self->last_post_us >= PROGRESS_MIN_INTERVAL)
    {
      self->last_post_us = now;
      self->progress_source = g_idle_source_new ();
      g_source_set_priority (self->progress_source, G_PRIORITY_LOW);
      g_source_set_static_name (self->progress_source, "[handshake] capture loader progress");
      /* the idle holds the loader: disposing it while loading is safe */
      g_source_set_callback (self->progress_source,
                             progress_idle,
                             g_object_ref (self),
                             g_object_unref);
      g_source_attach (self->progress_source, self->context);
    }

  g_mutex_unlock (&self->mutex);
}

/* Main thread, once the worker is done: drops a pending idle and publishes
 * the last values at once, so they are notified before the caller's
 * callback runs. */
static void
flush_progress (HsCaptureLoader *self)
{
  g_autoptr(GMainContext) context = NULL;
  GSource *source;
  double fraction;
  guint64 n_packets;

  g_assert (HS_IS_CAPTURE_LOADER (self));

  g_mutex_lock (&self->mutex);
  source = g_steal_pointer (&self->progress_source);
  context = g_steal_pointer (&self->context);
  fraction = self->pending_fraction;
  n_packets = self->pending_n_packets;
  g_mutex_unlock (&self->mutex);

  if (source != NULL)
    {
      g_source_destroy (source);
      g_source_unref (source);
    }

  apply_progress (self, fraction, n_packets);
}

/* What the worker needs.  It holds the loader only while loading: the
 * caller's task holds it too, so the last reference is always dropped in
 * the caller's thread, never in the worker. */
typedef struct
{
  HsCaptureLoader *self;
  char            *path;
} LoadJob;

static void
load_job_free (gpointer data)
{
  LoadJob *job = data;

  g_clear_object (&job->self);
  g_free (job->path);
  g_free (job);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  g_autoptr(GError) error = NULL;
  HsCapture *capture;

  g_assert (G_IS_TASK (task));
  g_assert (HS_IS_CAPTURE_LOADER (job->self));
  g_assert (job->path != NULL);

  capture = hs_capture_load (job->path, cancellable, load_progress, job->self, &error);
  g_clear_object (&job->self);

  if (capture != NULL)
    {
      g_task_return_pointer (task, capture, g_object_unref);
      return;
    }

  if (g_error_matches (error, HS_CAPTURE_ERROR, HS_CAPTURE_ERROR_CANCELLED))
    {
      GError *cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, error->message);

      g_clear_error (&error);
      error = cancelled;
    }

  g_task_return_error (task, g_steal_pointer (&error));
}

static void
load_thread_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(HsCapture) capture = NULL;
  g_autoptr(GError) error = NULL;
  HsCaptureLoader *self;

  g_assert (G_IS_TASK (result));
  g_assert (G_IS_TASK (task));

  self = g_task_get_source_object (task);
  g_assert (HS_IS_CAPTURE_LOADER (self));

  capture = g_task_propagate_pointer (G_TASK (result), &error);

  flush_progress (self);
  self->loading = FALSE;

  if (capture == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&capture), g_object_unref);
}

static void
hs_capture_loader_dispose (GObject *object)
{
  HsCaptureLoader *self = (HsCaptureLoader *) object;
  GSource *source;

  g_mutex_lock (&self->mutex);
  source = g_steal_pointer (&self->progress_source);
  g_mutex_unlock (&self->mutex);

  if (source != NULL)
    {
      g_source_destroy (source);
      g_source_unref (source);
    }

  G_OBJECT_CLASS (hs_capture_loader_parent_class)->dispose (object);
}

static void
hs_capture_loader_finalize (GObject *object)
{
  HsCaptureLoader *self = (HsCaptureLoader *) object;

  g_clear_object (&self->file);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (hs_capture_loader_parent_class)->finalize (object);
}

static void
hs_capture_loader_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  HsCaptureLoader *self = HS_CAPTURE_LOADER (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;

    case PROP_N_PACKETS:
      g_value_set_uint64 (value, self->n_packets);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_capture_loader_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  HsCaptureLoader *self = HS_CAPTURE_LOADER (object);

  switch (prop_id)
    {
    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_capture_loader_class_init (HsCaptureLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hs_capture_loader_dispose;
  object_class->finalize = hs_capture_loader_finalize;
  object_class->get_property = hs_capture_loader_get_property;
  object_class->set_property = hs_capture_loader_set_property;

  properties [PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties [PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL,
                         0.0, 1.0, 0.0,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties [PROP_N_PACKETS] =
    g_param_spec_uint64 ("n-packets", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties [PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hs_capture_loader_init (HsCaptureLoader *self)
{
  g_mutex_init (&self->mutex);
}

HsCaptureLoader *
hs_capture_loader_new (GFile *file)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return g_object_new (HS_TYPE_CAPTURE_LOADER,
                       "file", file,
                       NULL);
}

GFile *
hs_capture_loader_get_file (HsCaptureLoader *self)
{
  g_return_val_if_fail (HS_IS_CAPTURE_LOADER (self), NULL);

  return self->file;
}

double
hs_capture_loader_get_fraction (HsCaptureLoader *self)
{
  g_return_val_if_fail (HS_IS_CAPTURE_LOADER (self), 0.0);

  return self->fraction;
}

guint64
hs_capture_loader_get_n_packets (HsCaptureLoader *self)
{
  g_return_val_if_fail (HS_IS_CAPTURE_LOADER (self), 0);

  return self->n_packets;
}

const char *
hs_capture_loader_get_message (HsCaptureLoader *self)
{
  g_return_val_if_fail (HS_IS_CAPTURE_LOADER (self), NULL);

  return self->message;
}

void
hs_capture_loader_load_async (HsCaptureLoader     *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  g_autofree char *path = NULL;
  LoadJob *job;

  g_return_if_fail (HS_IS_CAPTURE_LOADER (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hs_capture_loader_load_async);
  g_task_set_name (task, "[handshake] hs_capture_loader_load_async");

  if (self->loading)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The capture is already being loaded"));
      return;
    }

  if (!(path = g_file_get_path (self->file)))
    {
      g_autofree char *name = g_file_get_parse_name (self->file);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Cannot open “%s”: only files on this computer can be "
                                 "opened; copy it to a local folder first"),
                               name);
      return;
    }

  self->loading = TRUE;

  g_mutex_lock (&self->mutex);
  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();
  self->pending_fraction = 0.0;
  self->pending_n_packets = 0;
  self->last_post_us = 0;
  g_mutex_unlock (&self->mutex);

  apply_progress (self, 0.0, 0);

  job = g_new0 (LoadJob, 1);
  job->self = g_object_ref (self);
  job->path = g_steal_pointer (&path);

  /* the worker task's own callback publishes the final progress, then
   * completes the caller's task */
  worker = g_task_new (NULL, cancellable, load_thread_cb, g_steal_pointer (&task));
  g_task_set_source_tag (worker, load_thread);
  g_task_set_name (worker, "[handshake] capture loader worker");
  g_task_set_task_data (worker, job, load_job_free);
  g_task_run_in_thread (worker, load_thread);
}

HsCapture *
hs_capture_loader_load_finish (HsCaptureLoader  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (HS_IS_CAPTURE_LOADER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hs_capture_loader_load_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
