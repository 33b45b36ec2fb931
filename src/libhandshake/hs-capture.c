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

  GError          *problem;
  guint64          problem_offset;
  guint            problem_frame;
};

G_DEFINE_FINAL_TYPE (HsCapture, hs_capture, G_TYPE_OBJECT)

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
  g_clear_error (&self->problem);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (hs_capture_parent_class)->finalize (object);
}

static void
hs_capture_class_init (HsCaptureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hs_capture_finalize;
}

static void
hs_capture_init (HsCapture *self)
{
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

HsPacketRecord *
_hs_capture_append (HsCapture *self)
{
  guint chunk = self->n_packets / CHUNK_SIZE;
  HsPacketRecord *rec;

  if (chunk == self->n_chunks)
    {
      if ((self->n_chunks & (self->n_chunks - 1)) == 0)
        self->chunks = g_renew (HsPacketRecord *, self->chunks, MAX (1, self->n_chunks * 2));
      self->chunks[self->n_chunks++] = chunk_new ();
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
steal_interfaces (HsCapture       *self,
                  HsCaptureReader *reader)
{
  GArray *src = hs_capture_reader_get_interfaces (reader);
  guint i;

  self->interfaces = g_array_sized_new (FALSE, TRUE, sizeof (HsInterface), src->len);
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
  g_clear_error (&self->problem);
  self->problem = error;
  self->problem_offset = offset;
  self->problem_frame = frame;
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
  g_autoptr(HsDefrag) defrag = NULL;
  g_autoptr(GError) read_error = NULL;
  HsReaderPacket pkt;
  HsDecodedPacket dec;
  HsReaderResult r;
  GArray *ifaces;
  guint64 file_size;
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
  defrag = hs_defrag_new ();
  ifaces = hs_capture_reader_get_interfaces (reader);
  file_size = hs_capture_reader_get_file_size (reader);

  while ((r = hs_capture_reader_next (reader, &pkt, &read_error)) == HS_READER_PACKET)
    {
      HsPacketRecord *rec = _hs_capture_append (self);
      guint32 frame = self->n_packets;
      int linktype = g_array_index (ifaces, HsInterface, pkt.iface).linktype;

      rec->ts_ns = pkt.ts_ns;
      rec->offset = pkt.offset;
      rec->iface = pkt.iface;
      rec->orig_len = pkt.orig_len;
      rec->stream = HS_NO_STREAM;

      hs_decode_frame (linktype, pkt.data, pkt.caplen, pkt.orig_len, frame, defrag, &dec);

      rec->decode_status = dec.status;
      rec->problems = dec.problems;
      if (pkt.caplen < pkt.orig_len)
        rec->problems |= HS_PROBLEM_SNAPLEN_TRUNCATED;
      rec->is_ipv6 = dec.ip_version == 6;
      self->status_counts[dec.status]++;

      if (dec.status == HS_DECODE_TCP)
        {
          rec->app = dec.app;
          hs_tcp_tracker_add (tracker, frame, pkt.ts_ns, pkt.orig_len, &dec, rec);
        }

      if G_UNLIKELY ((frame % PROGRESS_INTERVAL) == 0)
        {
          if (progress != NULL)
            progress (frame, hs_capture_reader_get_position (reader), file_size, user_data);
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;
        }
    }

  if (r == HS_READER_ERROR)
    {
      /* keep everything read so far; say what went wrong and where */
      _hs_capture_set_problem (self, g_steal_pointer (&read_error),
                               hs_capture_reader_get_error_offset (reader),
                               self->n_packets + 1);
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

  *n_packets = self->stream_start[stream + 1] - self->stream_start[stream];
  return self->stream_index + self->stream_start[stream];
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

  g_return_val_if_fail (HS_IS_CAPTURE (self), NULL);
  g_return_val_if_fail (index < self->n_packets, NULL);

  rec = hs_capture_get_record (self, index);

  if (!(reader = hs_capture_reader_open (self->path, error)))
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

  return g_bytes_new (pkt.data, pkt.caplen);
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

  return size;
}
