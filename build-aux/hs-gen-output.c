/* hs-gen-output.c
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

/* The generator's output file: HsCaptureWriter on a stdio stream (the file,
 * or stdout for "-"), little-endian whatever the host; pcap with microsecond
 * timestamps, or pcapng with one section ("hs-gen-capture (Handshake)") and
 * one Ethernet interface "eth0" (if_tsresol 6).  Frames are cut to the
 * snaplen, and the counts kept for the summary. */

#include "hs-gen-capture.h"

#define LINKTYPE_ETHERNET 1
#define WHOLE_FRAMES      262144

gboolean
writer_open (Writer      *w,
             const char  *path,
             gboolean     pcapng,
             guint32      snaplen,
             GError     **error)
{
  HsCaptureWriterInterface iface = {
    .linktype = LINKTYPE_ETHERNET,
    .name = "eth0",
    .tsresol = 6,
  };

  g_assert (w != NULL);
  g_assert (path != NULL);

  memset (w, 0, sizeof *w);
  w->snaplen = snaplen ? snaplen : WHOLE_FRAMES;
  iface.snaplen = w->snaplen;

  if (g_strcmp0 (path, "-") == 0)
    w->fp = stdout;
  else
    w->fp = fopen (path, "wb");
  if (w->fp == NULL)
    {
      int errsv = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                   "Cannot create %s: %s", path, g_strerror (errsv));
      return FALSE;
    }

  w->cw = hs_capture_writer_new_for_stream (w->fp, pcapng ? HS_CAPTURE_WRITER_PCAPNG
                                                          : HS_CAPTURE_WRITER_PCAP);
  hs_capture_writer_set_byte_order (w->cw, G_LITTLE_ENDIAN);
  if (!hs_capture_writer_start (w->cw, pcapng ? "hs-gen-capture (Handshake)" : NULL, &iface, NULL))
    w->failed = TRUE;

  return !w->failed;
}

void
writer_packet (Writer       *w,
               gint64        t,
               const guint8 *hdr,
               gsize         hdr_len,
               const guint8 *payload,
               gsize         payload_len)
{
  gsize orig = hdr_len + payload_len;
  gsize caplen = MIN (orig, w->snaplen);
  gsize cap_hdr = MIN (hdr_len, caplen);
  gsize cap_payload = caplen - cap_hdr;
  guint64 ts = (guint64)(CAPTURE_EPOCH_SEC * USEC_PER_SEC + t);

  g_assert (w->cw != NULL);
  g_assert (hdr != NULL || hdr_len == 0);
  g_assert (payload != NULL || payload_len == 0);

  if (!hs_capture_writer_packet_parts (w->cw, 0, (gint64) ts * 1000, hdr, cap_hdr,
                                       payload, cap_payload, (guint32) orig, NULL))
    w->failed = TRUE;

  w->packets++;
  w->bytes += orig;
}

gboolean
writer_close (Writer  *w,
              GError **error)
{
  g_autoptr(GError) write_error = NULL;

  g_assert (w->cw != NULL);

  if (!hs_capture_writer_flush (w->cw, &write_error))
    w->failed = TRUE;
  g_clear_pointer (&w->cw, hs_capture_writer_free);
  if (w->fp != stdout)
    {
      if (fclose (w->fp) != 0)
        w->failed = TRUE;
    }
  else if (fflush (w->fp) != 0)
    w->failed = TRUE;
  w->fp = NULL;

  if (w->failed)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO, "Write error: %s",
                   write_error != NULL ? write_error->message : g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}
