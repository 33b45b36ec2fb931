/* hs-live-capture-spool.c
 *
 * The spool (a pcapng file written with HsCaptureWriter), the ring buffer
 * that starts a new one, and saving the captured packets as pcapng or pcap.
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
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "hs-capture-reader.h"
#include "hs-live-capture-private.h"

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
HsCaptureWriter *
_hs_live_spool_writer_new (HsLiveCapture  *self,
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

gboolean
_hs_live_spool_flush (HsLiveCapture *self)
{
  g_autoptr(GError) error = NULL;

  g_assert (self->spool != NULL);

  if (!hs_capture_writer_flush (self->spool, &error))
    set_spool_error (self, error->message);
  return self->worker_error == NULL;
}

/* Writes one Enhanced Packet Block; returns its offset. */
guint64
_hs_live_spool_write_packet (HsLiveCapture            *self,
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
int
_hs_live_spool_create (const char  *output_path,
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

/* A spool that was never or is no longer a document's: removed unless it
 * is the output file. */
void
_hs_live_discard_spool (HsLiveCapture *self,
                        const char    *path)
{
  if (path == NULL || g_strcmp0 (path, self->output_path) == 0)
    return;
  g_unlink (path);
}
/* Ring buffer: keeps the newer half of the spool's packets in a new spool
 * and analyses them again from the first, as a new document. */
void
_hs_live_worker_rotate (HsLiveCapture *self)
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

  if (keep_from == 0 || !_hs_live_spool_flush (self))
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
      fd = _hs_live_spool_create (NULL, &tmp_path, &error);
      if (fd < 0)
        {
          self->worker_error = g_steal_pointer (&error);
          return;
        }
    }

  copy_buf = g_malloc (SPOOL_BUFFER);
  if (fd >= 0 && (writer = _hs_live_spool_writer_new (self, fd, &error)) != NULL)
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
    _hs_live_discard_spool (self, self->worker_spool_path);
  hs_capture_writer_free (self->spool);
  close (self->spool_fd);
  self->spool_fd = fd;
  self->spool = writer;    /* at the header's length + (end - from) */
  g_free (self->worker_spool_path);
  self->worker_spool_path = g_strdup (new_path);
  self->discarded += keep_from;

  /* the packets of the current batch are in the new document */
  _hs_live_batch_free (self->batch, TRUE);
  self->batch = _hs_live_batch_new ();
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
    _hs_live_worker_add_packet (self, pkt.ts_ns, pkt.offset, pkt.data, pkt.caplen, pkt.orig_len);
  if (r == HS_READER_ERROR)
    self->worker_error = g_error_new (HS_LIVE_ERROR, HS_LIVE_ERROR_SPOOL, "%s", error->message);
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
