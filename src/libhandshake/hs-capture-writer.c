/* hs-capture-writer.c
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

/* The one capture file writer (see hs-capture-writer.h).  Blocks are put
 * together in a small scratch buffer, in the chosen byte order, and go
 * through put(): appended to the GByteArray, or buffered for the
 * descriptor or stream.  A block that does not fit in what is left of the
 * buffer flushes it first; one bigger than the whole buffer is written
 * directly. */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "hs-capture-writer.h"

#define WRITER_BUFFER_SIZE (1 << 20)

#define BLOCK_SHB 0x0A0D0D0Au
#define BLOCK_IDB 0x00000001u
#define BLOCK_EPB 0x00000006u

#define PCAP_MAGIC_USEC 0xa1b2c3d4u
#define PCAP_MAGIC_NSEC 0xa1b23c4du

#define OPT_ENDOFOPT   0
#define OPT_SHB_USERAPPL 4
#define OPT_IF_NAME    2
#define OPT_IF_TSRESOL 9
#define OPT_IF_FILTER  11

#define NSEC_PER_SEC G_GINT64_CONSTANT (1000000000)

typedef enum
{
  SINK_FD,
  SINK_STREAM,
  SINK_BYTES,
} Sink;

struct _HsCaptureWriter
{
  HsCaptureWriterFormat  format;
  int                    byte_order;
  Sink                   sink;
  int                    fd;
  FILE                  *stream;
  GByteArray            *bytes;
  guint8                *buf;         /* fd and stream: WRITER_BUFFER_SIZE */
  gsize                  buf_len;
  guint64                position;
  guint64                n_packets;
  GArray                *tsresol;     /* guint8 per interface */
  gboolean               started;
  GError                *error;       /* the first write error */
};

/* -- bytes in the writer's order --------------------------------------------- */

static inline void
put16 (HsCaptureWriter *self,
       guint8          *p,
       guint16          v)
{
  v = self->byte_order == G_BIG_ENDIAN ? GUINT16_TO_BE (v) : GUINT16_TO_LE (v);
  memcpy (p, &v, 2);
}

static inline void
put32 (HsCaptureWriter *self,
       guint8          *p,
       guint32          v)
{
  v = self->byte_order == G_BIG_ENDIAN ? GUINT32_TO_BE (v) : GUINT32_TO_LE (v);
  memcpy (p, &v, 4);
}

/* A pcapng option at p (padded to 4 bytes); returns its size. */
static gsize
put_option (HsCaptureWriter *self,
            guint8          *p,
            guint16          code,
            const void      *data,
            gsize            len)
{
  gsize padded;

  len = MIN (len, 0xfff0);
  padded = (len + 3u) & ~(gsize) 3u;
  put16 (self, p, code);
  put16 (self, p + 2, (guint16) len);
  if (len > 0)
    memcpy (p + 4, data, len);
  memset (p + 4 + len, 0, padded - len);
  return 4 + padded;
}

/* -- the sink ----------------------------------------------------------------- */

static void
set_errno_error (HsCaptureWriter *self,
                 int              errsv)
{
  if (self->error == NULL)
    self->error = g_error_new_literal (G_IO_ERROR, g_io_error_from_errno (errsv),
                                       g_strerror (errsv));
}

static gboolean
check (HsCaptureWriter  *self,
       GError          **error)
{
  if (self->error == NULL)
    return TRUE;
  if (error != NULL)
    *error = g_error_copy (self->error);
  return FALSE;
}

static void
sink_write (HsCaptureWriter *self,
            const guint8    *data,
            gsize            len)
{
  if (self->error != NULL)
    return;

  if (self->sink == SINK_STREAM)
    {
      if (fwrite (data, 1, len, self->stream) != len)
        set_errno_error (self, errno != 0 ? errno : EIO);
      return;
    }

  g_assert (self->sink == SINK_FD);
  while (len > 0)
    {
      gssize n = write (self->fd, data, len);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          set_errno_error (self, errno);
          return;
        }
      data += n;
      len -= (gsize) n;
    }
}

static void
flush_buffer (HsCaptureWriter *self)
{
  if (self->buf_len > 0)
    sink_write (self, self->buf, self->buf_len);
  self->buf_len = 0;
}

static void
put (HsCaptureWriter *self,
     const void      *data,
     gsize            len)
{
  if (len == 0)
    return;
  self->position += len;

  if (self->sink == SINK_BYTES)
    {
      g_byte_array_append (self->bytes, data, (guint) len);
      return;
    }

  if (self->buf_len + len > WRITER_BUFFER_SIZE)
    {
      flush_buffer (self);
      if (len > WRITER_BUFFER_SIZE)
        {
          sink_write (self, data, len);
          return;
        }
    }
  memcpy (self->buf + self->buf_len, data, len);
  self->buf_len += len;
}

/* -- new and free -------------------------------------------------------------- */

static HsCaptureWriter *
writer_new (Sink                  sink,
            HsCaptureWriterFormat format)
{
  HsCaptureWriter *self = g_new0 (HsCaptureWriter, 1);

  self->format = format;
  self->byte_order = G_BYTE_ORDER;
  self->sink = sink;
  self->fd = -1;
  if (sink != SINK_BYTES)
    self->buf = g_malloc (WRITER_BUFFER_SIZE);
  self->tsresol = g_array_new (FALSE, FALSE, sizeof (guint8));
  return self;
}

HsCaptureWriter *
hs_capture_writer_new_for_fd (int                   fd,
                              HsCaptureWriterFormat format)
{
  HsCaptureWriter *self;

  g_return_val_if_fail (fd >= 0, NULL);
  g_return_val_if_fail (format <= HS_CAPTURE_WRITER_PCAPNG, NULL);

  self = writer_new (SINK_FD, format);
  self->fd = fd;
  return self;
}

HsCaptureWriter *
hs_capture_writer_new_for_stream (FILE                 *stream,
                                  HsCaptureWriterFormat format)
{
  HsCaptureWriter *self;

  g_return_val_if_fail (stream != NULL, NULL);
  g_return_val_if_fail (format <= HS_CAPTURE_WRITER_PCAPNG, NULL);

  self = writer_new (SINK_STREAM, format);
  self->stream = stream;
  return self;
}

HsCaptureWriter *
hs_capture_writer_new_for_bytes (GByteArray           *bytes,
                                 HsCaptureWriterFormat format)
{
  HsCaptureWriter *self;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (format <= HS_CAPTURE_WRITER_PCAPNG, NULL);

  self = writer_new (SINK_BYTES, format);
  self->bytes = bytes;
  return self;
}

void
hs_capture_writer_set_byte_order (HsCaptureWriter *self,
                                  int              byte_order)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (byte_order == G_LITTLE_ENDIAN || byte_order == G_BIG_ENDIAN);
  g_return_if_fail (self->position == 0);

  self->byte_order = byte_order;
}

void
hs_capture_writer_free (HsCaptureWriter *self)
{
  if (self == NULL)
    return;

  flush_buffer (self);
  g_clear_pointer (&self->buf, g_free);
  g_clear_pointer (&self->tsresol, g_array_unref);
  g_clear_error (&self->error);
  g_free (self);
}

gboolean
hs_capture_writer_flush (HsCaptureWriter  *self,
                         GError          **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  flush_buffer (self);
  return check (self, error);
}

guint64
hs_capture_writer_get_position (HsCaptureWriter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->position;
}

guint64
hs_capture_writer_get_n_packets (HsCaptureWriter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_packets;
}

/* -- headers ------------------------------------------------------------------- */

static void
write_idb (HsCaptureWriter                *self,
           const HsCaptureWriterInterface *iface)
{
  g_autofree guint8 *block = NULL;
  gsize name_len = iface->name != NULL ? strlen (iface->name) : 0;
  gsize filter_len = iface->filter != NULL ? strlen (iface->filter) : 0;
  gsize n = 16;

  /* each option is at most 4 + its length + 3 of padding */
  block = g_malloc0 (16 + (4 + name_len + 3) + (4 + filter_len + 1 + 3) + 8 + 4 + 4);

  put32 (self, block, BLOCK_IDB);
  put16 (self, block + 8, (guint16) iface->linktype);
  put16 (self, block + 10, 0);
  put32 (self, block + 12, iface->snaplen);
  if (name_len > 0)
    n += put_option (self, block + n, OPT_IF_NAME, iface->name, name_len);
  if (filter_len > 0)
    {
      g_autofree char *text = g_malloc (filter_len + 1);

      /* if_filter: a leading 0 byte says "libpcap filter string" */
      text[0] = 0;
      memcpy (text + 1, iface->filter, filter_len);
      n += put_option (self, block + n, OPT_IF_FILTER, text, filter_len + 1);
    }
  if (iface->tsresol != 0)
    n += put_option (self, block + n, OPT_IF_TSRESOL, &iface->tsresol, 1);
  if (n > 16)
    n += put_option (self, block + n, OPT_ENDOFOPT, NULL, 0);
  n += 4;
  put32 (self, block + 4, (guint32) n);
  put32 (self, block + n - 4, (guint32) n);
  put (self, block, n);

  g_array_append_val (self->tsresol, iface->tsresol);
}

gboolean
hs_capture_writer_start (HsCaptureWriter                 *self,
                         const char                      *userappl,
                         const HsCaptureWriterInterface  *iface,
                         GError                         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (iface != NULL, FALSE);
  g_return_val_if_fail (!self->started, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self->started = TRUE;

  if (self->format != HS_CAPTURE_WRITER_PCAPNG)
    {
      guint8 hdr[24];

      put32 (self, hdr, self->format == HS_CAPTURE_WRITER_PCAP_NSEC ? PCAP_MAGIC_NSEC
                                                                    : PCAP_MAGIC_USEC);
      put16 (self, hdr + 4, 2);
      put16 (self, hdr + 6, 4);
      put32 (self, hdr + 8, 0);
      put32 (self, hdr + 12, 0);
      put32 (self, hdr + 16, iface->snaplen);
      put32 (self, hdr + 20, (guint32) iface->linktype);
      put (self, hdr, sizeof hdr);
      g_array_append_val (self->tsresol, iface->tsresol);
    }
  else
    {
      gsize appl_len = userappl != NULL ? strlen (userappl) : 0;
      g_autofree guint8 *block = g_malloc0 (24 + (4 + appl_len + 3) + 4 + 4);
      gsize n = 24;

      put32 (self, block, BLOCK_SHB);
      put32 (self, block + 8, 0x1A2B3C4D);
      put16 (self, block + 12, 1);
      put16 (self, block + 14, 0);
      put32 (self, block + 16, G_MAXUINT32);   /* section length unknown */
      put32 (self, block + 20, G_MAXUINT32);
      if (appl_len > 0)
        {
          n += put_option (self, block + n, OPT_SHB_USERAPPL, userappl, appl_len);
          n += put_option (self, block + n, OPT_ENDOFOPT, NULL, 0);
        }
      n += 4;
      put32 (self, block + 4, (guint32) n);
      put32 (self, block + n - 4, (guint32) n);
      put (self, block, n);

      write_idb (self, iface);
    }

  return check (self, error);
}

gboolean
hs_capture_writer_add_interface (HsCaptureWriter                 *self,
                                 const HsCaptureWriterInterface  *iface,
                                 guint                           *index_out,
                                 GError                         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (iface != NULL, FALSE);
  g_return_val_if_fail (self->started, FALSE);
  g_return_val_if_fail (self->format == HS_CAPTURE_WRITER_PCAPNG, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (index_out != NULL)
    *index_out = self->tsresol->len;
  write_idb (self, iface);
  return check (self, error);
}

/* -- packets ------------------------------------------------------------------- */

/* ts_ns in units of if_tsresol (0: microseconds). */
static guint64
epb_timestamp (gint64 ts_ns,
               guint8 tsresol)
{
  guint exponent = tsresol & 0x7f;

  if (tsresol == 0 || tsresol == 6)
    return (guint64) ts_ns / 1000;

  if (tsresol & 0x80)
    {
      guint64 sec = (guint64) (ts_ns / NSEC_PER_SEC);
      guint64 frac = (guint64) (ts_ns % NSEC_PER_SEC);

      g_return_val_if_fail (exponent <= 32, 0);
      return (sec << exponent) + (frac << exponent) / (guint64) NSEC_PER_SEC;
    }

  if (exponent <= 9)
    {
      guint64 div = 1;

      for (guint i = exponent; i < 9; i++)
        div *= 10;
      return (guint64) ts_ns / div;
    }
  else
    {
      guint64 mul = 1;

      g_return_val_if_fail (exponent <= 18, 0);
      for (guint i = 9; i < exponent; i++)
        mul *= 10;
      return (guint64) ts_ns * mul;
    }
}

gboolean
hs_capture_writer_packet_parts (HsCaptureWriter  *self,
                                guint             iface,
                                gint64            ts_ns,
                                const guint8     *head,
                                gsize             head_len,
                                const guint8     *tail,
                                gsize             tail_len,
                                guint32           orig_len,
                                GError          **error)
{
  guint32 caplen = (guint32) (head_len + tail_len);
  guint8 rec[28];

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->started, FALSE);
  g_return_val_if_fail (iface < self->tsresol->len, FALSE);
  g_return_val_if_fail (head != NULL || head_len == 0, FALSE);
  g_return_val_if_fail (tail != NULL || tail_len == 0, FALSE);
  g_return_val_if_fail (head_len + tail_len <= G_MAXUINT32 - 64, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->format != HS_CAPTURE_WRITER_PCAPNG)
    {
      gint64 frac = ts_ns % NSEC_PER_SEC;

      g_return_val_if_fail (iface == 0, FALSE);

      put32 (self, rec, (guint32) (ts_ns / NSEC_PER_SEC));
      put32 (self, rec + 4, (guint32) (self->format == HS_CAPTURE_WRITER_PCAP_NSEC ? frac
                                                                                   : frac / 1000));
      put32 (self, rec + 8, caplen);
      put32 (self, rec + 12, orig_len);
      put (self, rec, 16);
      put (self, head, head_len);
      put (self, tail, tail_len);
    }
  else
    {
      static const guint8 zeros[4] = { 0 };
      guint32 pad = (4 - (caplen & 3)) & 3;
      guint32 total = 28 + caplen + pad + 4;
      guint64 ts = epb_timestamp (ts_ns, g_array_index (self->tsresol, guint8, iface));

      put32 (self, rec, BLOCK_EPB);
      put32 (self, rec + 4, total);
      put32 (self, rec + 8, iface);
      put32 (self, rec + 12, (guint32) (ts >> 32));
      put32 (self, rec + 16, (guint32) ts);
      put32 (self, rec + 20, caplen);
      put32 (self, rec + 24, orig_len);
      put (self, rec, 28);
      put (self, head, head_len);
      put (self, tail, tail_len);
      put (self, zeros, pad);
      put32 (self, rec, total);
      put (self, rec, 4);
    }

  self->n_packets++;
  return check (self, error);
}

gboolean
hs_capture_writer_packet (HsCaptureWriter  *self,
                          guint             iface,
                          gint64            ts_ns,
                          const guint8     *data,
                          guint32           caplen,
                          guint32           orig_len,
                          GError          **error)
{
  return hs_capture_writer_packet_parts (self, iface, ts_ns, data, caplen, NULL, 0,
                                         orig_len, error);
}

gboolean
hs_capture_writer_raw (HsCaptureWriter  *self,
                       const void       *data,
                       gsize             len,
                       GError          **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  put (self, data, len);
  return check (self, error);
}
