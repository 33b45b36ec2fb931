/* hs-capture-reader.c
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
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <zlib.h>

#include "hs-capture-reader.h"

/* Wireshark's limit for one record (WTAP_MAX_PACKET_SIZE_STANDARD). */
#define MAX_RECORD_SIZE   (256 * 1024)
/* Files are read in pieces of this size: big enough that system calls are
 * rare, small enough to stay in the cache. */
#define READ_SIZE         (1024 * 1024)

/* A pcapng block larger than this is corrupt rather than merely big. */
#define MAX_BLOCK_SIZE    (16 * 1024 * 1024)

#define PCAPNG_SHB        0x0A0D0D0A
#define PCAPNG_IDB        0x00000001
#define PCAPNG_OPB        0x00000002
#define PCAPNG_SPB        0x00000003
#define PCAPNG_EPB        0x00000006
#define PCAPNG_BOM        0x1A2B3C4D

typedef enum
{
  KIND_PCAP,
  KIND_PCAPNG,
} Kind;

typedef struct
{
  gboolean  binary;    /* resolution is 2^-exp, else 10^-exp */
  guint8    exp;
  gint64    offset_s;  /* if_tsoffset */
} TsInfo;

struct _HsCaptureReader
{
  char         *path;

  /* plain files are read with read(), gzip-compressed ones through zlib */
  int           fd;
  gzFile        gz;
  guint64       file_size;

  /* the read buffer: buf[buf_off .. buf_len) holds the bytes at pos */
  guint8       *buf;
  gsize         buf_alloc;
  gsize         buf_off;
  gsize         buf_len;

  guint64       pos;            /* logical position (in the decompressed stream) */
  guint64       error_offset;

  Kind          kind;
  gboolean      swapped;
  gboolean      modified_pcap;  /* Kuznetzov's 24-byte record headers */
  gboolean      nsec;
  const char   *format;

  GArray       *interfaces;     /* HsInterface */
  GArray       *ts_info;        /* TsInfo, parallel to interfaces */
  guint         section_first;  /* global index of interface 0 of this section */
};

static inline guint32
rd32 (const HsCaptureReader *self,
      const guint8          *p)
{
  guint32 v;

  memcpy (&v, p, 4);
  return self->swapped ? GUINT32_SWAP_LE_BE (v) : v;
}

static inline guint16
rd16 (const HsCaptureReader *self,
      const guint8          *p)
{
  guint16 v;

  memcpy (&v, p, 2);
  return self->swapped ? GUINT16_SWAP_LE_BE (v) : v;
}

/* Reads more bytes after buf_len, as many as fit; returns how many. */
static gssize
fill (HsCaptureReader *self)
{
  gsize room = self->buf_alloc - self->buf_len;

  g_assert (self != NULL);
  g_assert (self->buf_len <= self->buf_alloc);

  if (self->gz != NULL)
    return gzread (self->gz, self->buf + self->buf_len, (unsigned) room);

  for (;;)
    {
      gssize r = read (self->fd, self->buf + self->buf_len, room);

      if (r >= 0 || errno != EINTR)
        return r;
    }
}

/* Returns a pointer to up to `n` bytes at the current position, valid until
 * the next call, and advances past them; *got receives how many there were
 * before the end of the file. */
static const guint8 *
take (HsCaptureReader *self,
      gsize            n,
      gsize           *got)
{
  const guint8 *p;
  gsize avail = self->buf_len - self->buf_off;

  g_assert (self != NULL);
  g_assert (got != NULL);

  if G_UNLIKELY (avail < n)
    {
      /* keep what is left, then read at least enough behind it */
      if (avail > 0)
        memmove (self->buf, self->buf + self->buf_off, avail);
      self->buf_len = avail;
      self->buf_off = 0;

      if (self->buf_alloc < MAX (n, READ_SIZE))
        {
          self->buf_alloc = MAX (n, READ_SIZE);
          self->buf = g_realloc (self->buf, self->buf_alloc);
        }

      while (self->buf_len < n)
        {
          gssize r = fill (self);

          if (r <= 0)
            break;
          self->buf_len += r;
        }

      avail = self->buf_len;
    }

  p = self->buf + self->buf_off;
  *got = MIN (n, avail);
  self->buf_off += *got;
  self->pos += *got;
  return p;
}

static void
set_error (HsCaptureReader *self,
           GError         **error,
           HsCaptureError   code,
           guint64          offset,
           const char      *format,
           ...) G_GNUC_PRINTF (5, 6);

static void
set_error (HsCaptureReader *self,
           GError         **error,
           HsCaptureError   code,
           guint64          offset,
           const char      *format,
           ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  self->error_offset = offset;
  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, HS_CAPTURE_ERROR, code, msg);
}

static void
add_interface (HsCaptureReader *self,
               int              linktype,
               guint32          snaplen,
               char            *name,
               TsInfo           ts)
{
  HsInterface iface = { linktype, snaplen, name };

  g_assert (self != NULL);

  g_array_append_val (self->interfaces, iface);
  g_array_append_val (self->ts_info, ts);
}

static void
clear_interface (gpointer data)
{
  HsInterface *iface = data;

  g_clear_pointer (&iface->name, g_free);
}

static gint64
ts_to_ns (const TsInfo *ts,
          guint64       value)
{
  gint64 ns;

  g_assert (ts != NULL);

  if (ts->binary)
    {
      guint64 whole = ts->exp >= 64 ? 0 : value >> ts->exp;
      guint64 frac = ts->exp >= 64 ? value : value & ((G_GUINT64_CONSTANT (1) << ts->exp) - 1);

      /* frac < 2^exp; exp <= 30 keeps frac * 1e9 within 64 bits */
      if (ts->exp <= 30)
        ns = (gint64)(whole * G_GUINT64_CONSTANT (1000000000) +
                      ((frac * G_GUINT64_CONSTANT (1000000000)) >> ts->exp));
      else
        ns = (gint64)(whole * G_GUINT64_CONSTANT (1000000000) +
                      (guint64)((double) frac * 1e9 /
                                (double)(G_GUINT64_CONSTANT (1) << MIN (ts->exp, 63))));
    }
  else if (ts->exp <= 9)
    {
      static const guint64 mul[] = { 1000000000, 100000000, 10000000, 1000000, 100000,
                                     10000, 1000, 100, 10, 1 };
      G_STATIC_ASSERT (G_N_ELEMENTS (mul) == 10);

      g_assert (ts->exp < G_N_ELEMENTS (mul));
      ns = (gint64)(value * mul[ts->exp]);
    }
  else
    {
      guint64 div = 1;
      guint i;

      for (i = 9; i < ts->exp && i < 19; i++)
        div *= 10;
      ns = (gint64)(value / div);
    }

  return ns + ts->offset_s * G_GINT64_CONSTANT (1000000000);
}

static gboolean
open_pcap (HsCaptureReader *self,
           const guint8    *hdr,
           GError         **error)
{
  guint32 magic;
  TsInfo ts = { FALSE, 6, 0 };
  guint32 snaplen;
  guint32 linktype;

  g_assert (self != NULL);
  g_assert (hdr != NULL);

  memcpy (&magic, hdr, 4);
  magic = GUINT32_FROM_LE (magic);

  switch (magic)
    {
    case 0xa1b2c3d4: break;
    case 0xd4c3b2a1: self->swapped = TRUE; break;
    case 0xa1b23c4d: self->nsec = TRUE; break;
    case 0x4d3cb2a1: self->nsec = TRUE; self->swapped = TRUE; break;
    case 0xa1b2cd34: self->modified_pcap = TRUE; break;
    case 0x34cdb2a1: self->modified_pcap = TRUE; self->swapped = TRUE; break;
    default:
      g_assert_not_reached ();
    }

  /* the file is read in host order below, rd32 swaps when it differs */
#if G_BYTE_ORDER == G_BIG_ENDIAN
  self->swapped = !self->swapped;
#endif

  if (self->nsec)
    ts.exp = 9;

  snaplen = rd32 (self, hdr + 16);
  linktype = rd32 (self, hdr + 20) & 0x03ffffff;
  self->kind = KIND_PCAP;
  self->format = self->nsec ? "pcap (ns)" : "pcap";
  add_interface (self, (int)(linktype & 0xffff), snaplen, NULL, ts);

  return TRUE;
}

static gboolean
parse_idb_options (HsCaptureReader *self,
                   const guint8    *p,
                   gsize            len,
                   TsInfo          *ts,
                   char           **name)
{
  g_assert (self != NULL);
  g_assert (p != NULL || len == 0);
  g_assert (ts != NULL && name != NULL);

  while (len >= 4)
    {
      guint16 code = rd16 (self, p);
      guint16 olen = rd16 (self, p + 2);
      gsize padded = ((gsize) olen + 3) & ~(gsize) 3;

      if (code == 0)
        break;
      if (4 + padded > len)
        return FALSE;

      if (code == 9 && olen >= 1)
        {
          ts->binary = (p[4] & 0x80) != 0;
          ts->exp = p[4] & 0x7f;
        }
      else if (code == 14 && olen >= 8)
        {
          guint64 v;

          memcpy (&v, p + 4, 8);
          if (self->swapped)
            v = GUINT64_SWAP_LE_BE (v);
          ts->offset_s = (gint64) v;
        }
      else if (code == 2 && olen > 0 && *name == NULL)
        {
          *name = g_utf8_make_valid ((const char *)(p + 4), olen);
        }

      p += 4 + padded;
      len -= 4 + padded;
    }

  return TRUE;
}

HsCaptureReader *
hs_capture_reader_open (const char  *path,
                        GError     **error)
{
  g_autoptr(HsCaptureReader) self = NULL;
  const guint8 *hdr;
  gsize got;
  guint32 magic;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_new0 (HsCaptureReader, 1);
  self->fd = -1;
  self->path = g_strdup (path);
  self->interfaces = g_array_new (FALSE, TRUE, sizeof (HsInterface));
  g_array_set_clear_func (self->interfaces, clear_interface);
  self->ts_info = g_array_new (FALSE, TRUE, sizeof (TsInfo));

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, HS_CAPTURE_ERROR, HS_CAPTURE_ERROR_UNREADABLE,
                   _("“%s” is a folder, not a capture file"), path);
      return NULL;
    }

  self->fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (self->fd < 0)
    {
      int saved = errno;

      g_set_error (error, HS_CAPTURE_ERROR, HS_CAPTURE_ERROR_UNREADABLE,
                   _("Cannot read “%s”: %s"), path, g_strerror (saved));
      return NULL;
    }

  {
    struct stat st;
    guint8 head[2] = { 0, 0 };

    if (fstat (self->fd, &st) == 0)
      self->file_size = (guint64) st.st_size;
    posix_fadvise (self->fd, 0, 0, POSIX_FADV_SEQUENTIAL);

    if (pread (self->fd, head, 2, 0) == 2 && head[0] == 0x1f && head[1] == 0x8b)
      {
        self->gz = gzdopen (self->fd, "rb");
        if (self->gz == NULL)
          {
            g_set_error (error, HS_CAPTURE_ERROR, HS_CAPTURE_ERROR_UNREADABLE,
                         _("Cannot read “%s”: %s"), path, g_strerror (ENOMEM));
            return NULL;
          }
        self->fd = -1; /* owned by zlib now */
        gzbuffer (self->gz, 256 * 1024);
      }
  }

  hdr = take (self, 24, &got);
  if (got < 4)
    {
      g_set_error (error, HS_CAPTURE_ERROR, HS_CAPTURE_ERROR_NOT_A_CAPTURE,
                   got == 0 ? _("“%s” is empty, not a capture file")
                            : _("“%s” is too short to be a capture file"), path);
      return NULL;
    }

  memcpy (&magic, hdr, 4);
  magic = GUINT32_FROM_LE (magic);

  if (magic == PCAPNG_SHB)
    {
      /* pcapng: rewind; the SHB is parsed as an ordinary block */
      if (!hs_capture_reader_seek (self, 0, error))
        return NULL;
      self->kind = KIND_PCAPNG;
      self->format = "pcapng";
      if (got < 12)
        {
          g_set_error (error, HS_CAPTURE_ERROR, HS_CAPTURE_ERROR_TRUNCATED,
                       _("“%s” ends inside its pcapng section header"), path);
          return NULL;
        }
      return g_steal_pointer (&self);
    }

  switch (magic)
    {
    case 0xa1b2c3d4: case 0xd4c3b2a1: case 0xa1b23c4d:
    case 0x4d3cb2a1: case 0xa1b2cd34: case 0x34cdb2a1:
      if (got < 24)
        {
          g_set_error (error, HS_CAPTURE_ERROR, HS_CAPTURE_ERROR_TRUNCATED,
                       _("“%s” ends inside its pcap file header"), path);
          return NULL;
        }
      open_pcap (self, hdr, error);
      return g_steal_pointer (&self);

    default:
      g_set_error (error, HS_CAPTURE_ERROR, HS_CAPTURE_ERROR_NOT_A_CAPTURE,
                   _("“%s” is not a capture file (neither pcap nor pcapng)"), path);
      return NULL;
    }
}

void
hs_capture_reader_free (HsCaptureReader *self)
{
  if (self == NULL)
    return;

  if (self->gz != NULL)
    gzclose (self->gz);
  if (self->fd >= 0)
    close (self->fd);
  g_free (self->buf);
  g_clear_pointer (&self->interfaces, g_array_unref);
  g_clear_pointer (&self->ts_info, g_array_unref);
  g_free (self->path);
  g_free (self);
}

gboolean
hs_capture_reader_seek (HsCaptureReader  *self,
                        guint64           offset,
                        GError          **error)
{
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);

  /* within what is buffered, behind or ahead: just move (a compressed
   * file would otherwise be decompressed again from its start) */
  if (offset <= self->pos && self->pos - offset <= self->buf_off)
    {
      self->buf_off -= self->pos - offset;
      self->pos = offset;
      return TRUE;
    }
  if (offset > self->pos && offset - self->pos <= self->buf_len - self->buf_off)
    {
      self->buf_off += offset - self->pos;
      self->pos = offset;
      return TRUE;
    }

  if (self->gz != NULL)
    ok = gzseek (self->gz, (z_off_t) offset, SEEK_SET) >= 0;
  else
    ok = offset <= self->file_size && lseek (self->fd, (off_t) offset, SEEK_SET) >= 0;

  if (!ok)
    {
      g_set_error (error, HS_CAPTURE_ERROR, HS_CAPTURE_ERROR_UNREADABLE,
                   _("Cannot seek to offset %llu in “%s”"),
                   (unsigned long long) offset, self->path);
      return FALSE;
    }

  self->pos = offset;
  self->buf_off = self->buf_len = 0;
  return TRUE;
}

static HsReaderResult
next_pcap (HsCaptureReader *self,
           HsReaderPacket  *packet,
           GError         **error)
{
  guint64 start = self->pos;
  gsize hdr_len = self->modified_pcap ? 24 : 16;
  const guint8 *p;
  gsize got;
  guint32 sec, frac, caplen, len;
  const TsInfo *ts = &g_array_index (self->ts_info, TsInfo, 0);

  g_assert (packet != NULL);
  g_assert (self->ts_info->len > 0);

  p = take (self, hdr_len, &got);
  if (got == 0)
    return HS_READER_EOF;
  if (got < hdr_len)
    {
      set_error (self, error, HS_CAPTURE_ERROR_TRUNCATED, start,
                 _("The file ends inside a packet header at byte offset %llu"
                   " (%lu of %lu bytes present)"),
                 (unsigned long long) start, (unsigned long) got, (unsigned long) hdr_len);
      return HS_READER_ERROR;
    }

  sec = rd32 (self, p);
  frac = rd32 (self, p + 4);
  caplen = rd32 (self, p + 8);
  len = rd32 (self, p + 12);

  if (caplen > MAX_RECORD_SIZE)
    {
      set_error (self, error, HS_CAPTURE_ERROR_CORRUPT, start,
                 _("Corrupt packet header at byte offset %llu"
                   ": it claims %u captured bytes (at most %u are possible)"),
                 (unsigned long long) start, caplen, MAX_RECORD_SIZE);
      return HS_READER_ERROR;
    }

  p = take (self, caplen, &got);
  if (got < caplen)
    {
      set_error (self, error, HS_CAPTURE_ERROR_TRUNCATED, start,
                 _("The file ends inside a packet at byte offset %llu"
                   " (%lu of %u bytes present)"),
                 (unsigned long long) start, (unsigned long) got, caplen);
      return HS_READER_ERROR;
    }

  packet->offset = start;
  packet->caplen = caplen;
  packet->orig_len = len;
  packet->iface = 0;
  packet->data = p;
  packet->ts_ns = (gint64) sec * G_GINT64_CONSTANT (1000000000) +
                  (ts->exp == 9 ? (gint64) frac : (gint64) frac * 1000);

  return HS_READER_PACKET;
}

static HsReaderResult
next_pcapng (HsCaptureReader *self,
             HsReaderPacket  *packet,
             GError         **error)
{
  g_assert (self != NULL);
  g_assert (packet != NULL);

  for (;;)
    {
      guint64 start = self->pos;
      const guint8 *p;
      gsize got;
      guint32 type, total, body_len, trailer;

      p = take (self, 8, &got);
      if (got == 0)
        return HS_READER_EOF;
      if (got < 8)
        {
          set_error (self, error, HS_CAPTURE_ERROR_TRUNCATED, start,
                     _("The file ends inside a block header at byte offset %llu"),
                     (unsigned long long) start);
          return HS_READER_ERROR;
        }

      /* the section header's type reads the same in both byte orders */
      type = rd32 (self, p);

      if (type == PCAPNG_SHB)
        {
          const guint8 *bom;
          guint32 magic;

          bom = take (self, 4, &got);
          if (got < 4)
            {
              set_error (self, error, HS_CAPTURE_ERROR_TRUNCATED, start,
                         _("The file ends inside a section header at byte offset %llu"),
                         (unsigned long long) start);
              return HS_READER_ERROR;
            }
          memcpy (&magic, bom, 4);
          if (magic == PCAPNG_BOM)
            self->swapped = FALSE;
          else if (GUINT32_SWAP_LE_BE (magic) == PCAPNG_BOM)
            self->swapped = TRUE;
          else
            {
              set_error (self, error, HS_CAPTURE_ERROR_CORRUPT, start,
                         _("Corrupt section header at byte offset %llu"
                           ": unknown byte-order mark"), (unsigned long long) start);
              return HS_READER_ERROR;
            }

          /* re-read the length now that the byte order is known */
          hs_capture_reader_seek (self, start, NULL);
          p = take (self, 8, &got);
          total = rd32 (self, p + 4);
          self->section_first = self->interfaces->len;
        }
      else
        {
          total = rd32 (self, p + 4);
        }

      if (total < 12 || (total & 3) != 0 || total > MAX_BLOCK_SIZE)
        {
          set_error (self, error, HS_CAPTURE_ERROR_CORRUPT, start,
                     _("Corrupt block at byte offset %llu"
                       ": impossible block length %u"), (unsigned long long) start, total);
          return HS_READER_ERROR;
        }

      body_len = total - 12;
      p = take (self, body_len + 4, &got);
      if (got < body_len + 4)
        {
          set_error (self, error, HS_CAPTURE_ERROR_TRUNCATED, start,
                     _("The file ends inside a block at byte offset %llu"
                       " (%lu of %u bytes present)"),
                     (unsigned long long) start, (unsigned long)(got + 8), total);
          return HS_READER_ERROR;
        }

      trailer = rd32 (self, p + body_len);
      if (trailer != total)
        {
          set_error (self, error, HS_CAPTURE_ERROR_CORRUPT, start,
                     _("Corrupt block at byte offset %llu"
                       ": its two length fields differ (%u and %u)"),
                     (unsigned long long) start, total, trailer);
          return HS_READER_ERROR;
        }

      switch (type)
        {
        case PCAPNG_IDB:
          {
            TsInfo ts = { FALSE, 6, 0 };
            char *name = NULL;

            if (body_len < 8)
              {
                set_error (self, error, HS_CAPTURE_ERROR_CORRUPT, start,
                           _("Corrupt interface description at byte offset %llu"),
                           (unsigned long long) start);
                return HS_READER_ERROR;
              }
            parse_idb_options (self, p + 8, body_len - 8, &ts, &name);
            add_interface (self, rd16 (self, p), rd32 (self, p + 4), name, ts);
          }
          break;

        case PCAPNG_EPB:
        case PCAPNG_OPB:
          {
            guint32 iface, caplen, len;
            guint64 ts_value;

            if (body_len < 20)
              {
                set_error (self, error, HS_CAPTURE_ERROR_CORRUPT, start,
                           _("Corrupt packet block at byte offset %llu"),
                           (unsigned long long) start);
                return HS_READER_ERROR;
              }
            iface = type == PCAPNG_EPB ? rd32 (self, p) : rd16 (self, p);
            ts_value = ((guint64) rd32 (self, p + 4) << 32) | rd32 (self, p + 8);
            caplen = rd32 (self, p + 12);
            len = rd32 (self, p + 16);

            if (caplen > body_len - 20)
              {
                set_error (self, error, HS_CAPTURE_ERROR_CORRUPT, start,
                           _("Corrupt packet block at byte offset %llu"
                             ": %u captured bytes do not fit in a %u-byte block"),
                           (unsigned long long) start, caplen, total);
                return HS_READER_ERROR;
              }
            if (self->section_first + iface >= self->interfaces->len)
              {
                set_error (self, error, HS_CAPTURE_ERROR_CORRUPT, start,
                           _("Corrupt packet block at byte offset %llu"
                             ": it names interface %u, which is not described"),
                           (unsigned long long) start, iface);
                return HS_READER_ERROR;
              }

            packet->iface = self->section_first + iface;
            packet->offset = start;
            packet->caplen = caplen;
            packet->orig_len = len;
            packet->data = p + 20;
            packet->ts_ns = ts_to_ns (&g_array_index (self->ts_info, TsInfo, packet->iface),
                                      ts_value);
            return HS_READER_PACKET;
          }

        case PCAPNG_SPB:
          {
            guint32 len, caplen, snaplen;

            if (body_len < 4 || self->section_first >= self->interfaces->len)
              {
                set_error (self, error, HS_CAPTURE_ERROR_CORRUPT, start,
                           _("Corrupt simple packet block at byte offset %llu"),
                           (unsigned long long) start);
                return HS_READER_ERROR;
              }
            len = rd32 (self, p);
            snaplen = g_array_index (self->interfaces, HsInterface, self->section_first).snaplen;
            caplen = MIN (len, body_len - 4);
            if (snaplen != 0)
              caplen = MIN (caplen, snaplen);

            packet->iface = self->section_first;
            packet->offset = start;
            packet->caplen = caplen;
            packet->orig_len = len;
            packet->data = p + 4;
            packet->ts_ns = 0;
            return HS_READER_PACKET;
          }

        default:
          /* section headers, statistics, name resolution, custom blocks */
          break;
        }
    }
}

HsReaderResult
hs_capture_reader_next (HsCaptureReader *self,
                        HsReaderPacket  *packet,
                        GError         **error)
{
  g_return_val_if_fail (self != NULL, HS_READER_ERROR);
  g_return_val_if_fail (packet != NULL, HS_READER_ERROR);

  if (self->kind == KIND_PCAP)
    return next_pcap (self, packet, error);

  return next_pcapng (self, packet, error);
}

GArray *
hs_capture_reader_get_interfaces (HsCaptureReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->interfaces;
}

const char *
hs_capture_reader_get_format (HsCaptureReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->format;
}

gboolean
hs_capture_reader_get_compressed (HsCaptureReader *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->gz != NULL;
}

gboolean
hs_capture_reader_in_first_section (HsCaptureReader *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->section_first == 0;
}

guint64
hs_capture_reader_get_position (HsCaptureReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->gz != NULL)
    return (guint64) gzoffset (self->gz);
  return self->pos;
}

guint64
hs_capture_reader_get_file_size (HsCaptureReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->file_size;
}

guint64
hs_capture_reader_get_error_offset (HsCaptureReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->error_offset;
}
