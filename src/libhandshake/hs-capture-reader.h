/* hs-capture-reader.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hs-capture.h"

G_BEGIN_DECLS

/* A streaming reader of pcap and pcapng files, plain or gzip-compressed.
 *
 * libpcap 1.10 refuses pcapng files whose interfaces have different link
 * types and does not report where a record starts, so files are read here;
 * libpcap is used for live capture.  Plain files are memory-mapped and
 * packets are handed out without copying. */
typedef struct _HsCaptureReader HsCaptureReader;

typedef struct
{
  gint64         ts_ns;
  guint64        offset;     /* where the record (pcapng block) starts */
  guint32        caplen;
  guint32        orig_len;
  guint          iface;      /* index into the reader's interfaces */
  const guint8  *data;       /* caplen bytes, valid until the next call */
} HsReaderPacket;

typedef enum
{
  HS_READER_PACKET = 1,
  HS_READER_EOF = 0,
  HS_READER_ERROR = -1,
} HsReaderResult;

HsCaptureReader   *hs_capture_reader_open           (const char         *path,
                                                     GError            **error);
void               hs_capture_reader_free           (HsCaptureReader    *self);
HsReaderResult     hs_capture_reader_next           (HsCaptureReader    *self,
                                                     HsReaderPacket     *packet,
                                                     GError            **error);
/* Continue reading at `offset`, a value of HsReaderPacket.offset. */
gboolean           hs_capture_reader_seek           (HsCaptureReader    *self,
                                                     guint64             offset,
                                                     GError            **error);
/* Interfaces seen so far (grows while reading pcapng). */
GArray            *hs_capture_reader_get_interfaces (HsCaptureReader    *self);
const char        *hs_capture_reader_get_format     (HsCaptureReader    *self);
gboolean           hs_capture_reader_get_compressed (HsCaptureReader    *self);
/* Whether the reader is still in the file's first pcapng section (always
 * for pcap): a seek back from a later section would read with that
 * section's byte order and interfaces. */
gboolean           hs_capture_reader_in_first_section (HsCaptureReader  *self);
/* Bytes consumed so far and the size of the file (compressed bytes for gzip). */
guint64            hs_capture_reader_get_position   (HsCaptureReader    *self);
guint64            hs_capture_reader_get_file_size  (HsCaptureReader    *self);
/* Offset where the last error happened. */
guint64            hs_capture_reader_get_error_offset (HsCaptureReader  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsCaptureReader, hs_capture_reader_free)

G_END_DECLS
