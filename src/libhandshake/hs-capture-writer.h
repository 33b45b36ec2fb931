/* hs-capture-writer.h
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

#pragma once

#include <stdio.h>

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writes capture files: classic pcap (microsecond or nanosecond
 * timestamps) or pcapng (one section: SHB, IDBs, EPBs), to a file
 * descriptor, a stdio stream or a GByteArray in memory.  The live
 * capture's spool and "save as pcap", the tests' capture builder and the
 * synthetic capture generator (build-aux) all write through it.
 *
 * Writes to a descriptor or a stream are buffered (1 MiB) until
 * hs_capture_writer_flush() or hs_capture_writer_free(); the writer never
 * closes them.  The first write error is kept: every later call returns
 * FALSE with it (G_IO_ERROR, from errno; its message is g_strerror()'s). */

typedef enum
{
  HS_CAPTURE_WRITER_PCAP,        /* classic pcap, microsecond timestamps */
  HS_CAPTURE_WRITER_PCAP_NSEC,   /* classic pcap, nanosecond timestamps */
  HS_CAPTURE_WRITER_PCAPNG,
} HsCaptureWriterFormat;

/* An interface: the pcap file header's link type and snaplen, or a pcapng
 * Interface Description Block.  name, filter and tsresol are pcapng's
 * if_name, if_filter (a libpcap filter string) and if_tsresol options, each
 * left out when NULL, empty or 0; without if_tsresol the packets of the
 * interface have microsecond timestamps. */
typedef struct
{
  int          linktype;
  guint32      snaplen;
  const char  *name;
  const char  *filter;
  guint8       tsresol;
} HsCaptureWriterInterface;

typedef struct _HsCaptureWriter HsCaptureWriter;

HsCaptureWriter *hs_capture_writer_new_for_fd     (int                              fd,
                                                   HsCaptureWriterFormat            format);
HsCaptureWriter *hs_capture_writer_new_for_stream (FILE                            *stream,
                                                   HsCaptureWriterFormat            format);
HsCaptureWriter *hs_capture_writer_new_for_bytes  (GByteArray                      *bytes,
                                                   HsCaptureWriterFormat            format);
/* G_LITTLE_ENDIAN or G_BIG_ENDIAN; the default is the host's.  Before
 * anything is written. */
void             hs_capture_writer_set_byte_order (HsCaptureWriter                 *self,
                                                   int                              byte_order);
/* The file header: for pcap, the header with `iface`'s link type and
 * snaplen; for pcapng, the Section Header Block (with shb_userappl when
 * `userappl` is not NULL) and `iface` as interface 0.  Once, first. */
gboolean         hs_capture_writer_start          (HsCaptureWriter                 *self,
                                                   const char                      *userappl,
                                                   const HsCaptureWriterInterface  *iface,
                                                   GError                         **error);
/* pcapng only: another interface; its index goes to `index_out`. */
gboolean         hs_capture_writer_add_interface  (HsCaptureWriter                 *self,
                                                   const HsCaptureWriterInterface  *iface,
                                                   guint                           *index_out,
                                                   GError                         **error);
/* One packet of `caplen` bytes (`orig_len` on the wire) at ts_ns (ns since
 * the epoch), in the timestamp resolution of its interface. */
gboolean         hs_capture_writer_packet         (HsCaptureWriter                 *self,
                                                   guint                            iface,
                                                   gint64                           ts_ns,
                                                   const guint8                    *data,
                                                   guint32                          caplen,
                                                   guint32                          orig_len,
                                                   GError                         **error);
/* The same, the captured bytes being head then tail (caplen = both lengths). */
gboolean         hs_capture_writer_packet_parts   (HsCaptureWriter                 *self,
                                                   guint                            iface,
                                                   gint64                           ts_ns,
                                                   const guint8                    *head,
                                                   gsize                            head_len,
                                                   const guint8                    *tail,
                                                   gsize                            tail_len,
                                                   guint32                          orig_len,
                                                   GError                         **error);
/* Bytes as they are (to copy blocks, or to make damaged files). */
gboolean         hs_capture_writer_raw            (HsCaptureWriter                 *self,
                                                   const void                      *data,
                                                   gsize                            len,
                                                   GError                         **error);
gboolean         hs_capture_writer_flush          (HsCaptureWriter                 *self,
                                                   GError                         **error);
/* Bytes written so far, buffered ones included: where the next block starts. */
guint64          hs_capture_writer_get_position   (HsCaptureWriter                 *self);
guint64          hs_capture_writer_get_n_packets  (HsCaptureWriter                 *self);
/* Flushes (a failure is lost: flush first to know) and frees. */
void             hs_capture_writer_free           (HsCaptureWriter                 *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsCaptureWriter, hs_capture_writer_free)

G_END_DECLS
