/* hs-capture.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hs-decoder.h"
#include "hs-packet-record.h"
#include "hs-tcp-tracker.h"

G_BEGIN_DECLS

#define HS_CAPTURE_ERROR (hs_capture_error_quark ())

typedef enum
{
  HS_CAPTURE_ERROR_UNREADABLE,       /* cannot open or read the file */
  HS_CAPTURE_ERROR_NOT_A_CAPTURE,    /* neither pcap nor pcapng (nor gzip of them) */
  HS_CAPTURE_ERROR_UNSUPPORTED_LINK, /* no interface has a link type we decode */
  HS_CAPTURE_ERROR_TRUNCATED,        /* the file ends in the middle of a record */
  HS_CAPTURE_ERROR_CORRUPT,          /* a record is inconsistent */
  HS_CAPTURE_ERROR_CANCELLED,
} HsCaptureError;

/* One capture interface (a pcapng IDB, or the single pcap one). */
typedef struct
{
  int     linktype;
  guint32 snaplen;
  char   *name;          /* may be NULL */
} HsInterface;

#define HS_TYPE_CAPTURE (hs_capture_get_type ())

G_DECLARE_FINAL_TYPE (HsCapture, hs_capture, HS, CAPTURE, GObject)

typedef void (*HsCaptureProgress) (guint64  packets,
                                   guint64  bytes_read,
                                   guint64  bytes_total,
                                   gpointer user_data);

GQuark                 hs_capture_error_quark          (void);

/* Read, decode and analyse a whole capture file.  Returns NULL with `error`
 * set when nothing could be read.  When the file is damaged part-way, returns
 * the capture with every readable packet and the problem in
 * hs_capture_get_problem(). */
HsCapture             *hs_capture_load                 (const char         *path,
                                                        GCancellable       *cancellable,
                                                        HsCaptureProgress   progress,
                                                        gpointer            user_data,
                                                        GError            **error);

const char            *hs_capture_get_path             (HsCapture          *self);
const char            *hs_capture_get_format           (HsCapture          *self);
gboolean               hs_capture_get_compressed       (HsCapture          *self);
guint                  hs_capture_get_n_packets        (HsCapture          *self);
const HsPacketRecord  *hs_capture_get_record           (HsCapture          *self,
                                                        guint               index);
/* The packet's length on the wire. */
guint32                hs_capture_get_orig_len         (HsCapture          *self,
                                                        guint               index);
guint                  hs_capture_get_n_interfaces     (HsCapture          *self);
const HsInterface     *hs_capture_get_interface        (HsCapture          *self,
                                                        guint               index);
guint                  hs_capture_get_n_connections    (HsCapture          *self);
const HsConnection    *hs_capture_get_connection       (HsCapture          *self,
                                                        guint               stream);
/* Frame indexes (0-based) of one connection's packets, in order. */
const guint32         *hs_capture_get_stream_packets   (HsCapture          *self,
                                                        guint               stream,
                                                        guint              *n_packets);
/* The first position in the connection's packet list whose frame index is
 * `frame` or later (n_packets if none), and the position of `frame` itself
 * (G_MAXUINT when it is not one of the connection's packets).  O(log n). */
guint                  hs_capture_stream_lower_bound   (HsCapture          *self,
                                                        guint               stream,
                                                        guint               frame);
guint                  hs_capture_find_stream_position (HsCapture          *self,
                                                        guint               stream,
                                                        guint               frame);
/* The problem that stopped reading early, or NULL: the GError (domain
 * HS_CAPTURE_ERROR) and where it happened. */
const GError          *hs_capture_get_problem          (HsCapture          *self);
guint64                hs_capture_get_problem_offset   (HsCapture          *self);
guint                  hs_capture_get_problem_frame    (HsCapture          *self);
/* Counts of packets by HsDecodeStatus. */
guint                  hs_capture_count_status         (HsCapture          *self,
                                                        HsDecodeStatus      status);

/* Reads one packet's bytes back from the file.  Returns a new GBytes of the
 * captured bytes (caplen of them). */
GBytes                *hs_capture_read_packet          (HsCapture          *self,
                                                        guint               index,
                                                        GError            **error);

guint32                hs_capture_relative_seq         (HsCapture          *self,
                                                        guint               index);
guint32                hs_capture_relative_ack         (HsCapture          *self,
                                                        guint               index);

/* Live documents.  A capture recorded from an interface (HsLiveCapture)
 * grows: batches of packets are appended on the main thread, each one
 * emitting HsCapture::packets-added (guint old_n_packets, guint
 * old_n_connections).  While it is live the document must be read on the
 * main thread only, and pointers from hs_capture_get_stream_packets() and
 * hs_capture_get_connection() are valid only until the next batch.  When
 * capturing stops the document becomes immutable like a loaded file
 * (notify::live). */
gboolean               hs_capture_is_live              (HsCapture          *self);
/* During ::packets-added: the streams that received packets in the batch
 * (new ones included), ascending; NULL/0 outside of an emission. */
const guint32         *hs_capture_get_changed_streams  (HsCapture          *self,
                                                        guint              *n_streams);
/* During ::packets-added: whether `stream` received packets in the batch. */
gboolean               hs_capture_stream_changed       (HsCapture          *self,
                                                        guint              stream);

/* Memory held by the document (records, indexes, connections), in bytes. */
gsize                  hs_capture_get_memory_size      (HsCapture          *self);

G_END_DECLS
