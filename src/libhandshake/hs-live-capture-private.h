/* hs-live-capture-private.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pcap/pcap.h>

#include "hs-capture-writer.h"
#include "hs-capture-fill.h"
#include "hs-live-capture.h"

G_BEGIN_DECLS

#define WHOLE_PACKETS      262144
#define KERNEL_BUFFER      (64 * 1024 * 1024)   /* see docs/benchmark.md, "Live capture" */
#define BATCH_INTERVAL_US  (50 * 1000)   /* the worker queues a batch at most this often */
#define TICK_MS            50            /* the main thread applies and updates this often */
#define SPOOL_BUFFER       (1024 * 1024) /* what a ring turn or a save copies at a time */
#define DRAIN_ROUNDS       64            /* pcap_dispatch calls to empty the buffer on stop */
#define DISPATCH_COUNT     2048          /* packets per pcap_dispatch: then publish, check stop */

/* Packets, their wire lengths and the connections they changed, from the
 * worker to the main thread. */
typedef struct
{
  GArray  *records;        /* HsPacketRecord */
  GArray  *orig_lens;      /* guint32 */
  GArray  *conns;          /* HsConnection, ascending streams, base_changes owned */
  guint    n_connections;  /* connections after the batch */
  guint64  spool_end;      /* spool bytes holding these packets and those before */
  char    *reset_path;     /* ring buffer: the batch is a whole new document in this spool */
  guint64  first_seq;      /* reset: packets captured before the new document's first */
} Batch;

struct _HsLiveCapture
{
  GObject        parent_instance;

  /* settings */
  char          *interface;
  char          *filter;
  guint          snaplen;
  gboolean       promiscuous;
  guint          ring_mb;
  guint          buffer_mb;       /* kernel buffer; 0: KERNEL_BUFFER */
  guint64        count_limit;
  double         duration_limit;
  char          *output_path;

  /* main thread */
  HsCapture     *capture;
  char          *spool_path;      /* the document's spool */
  GMainContext  *context;
  GSource       *tick;
  Batch         *pending;         /* received, not applied yet (merged) */
  guint64        doc_first_seq;   /* packets captured before the document's first */
  guint64        doc_spool_end;   /* spool bytes the document's packets take */
  guint64        saved_seq;       /* packets up to this one were saved */
  gint64         start_us;
  gint64         stop_us;
  guint          running : 1;
  guint          paused : 1;
  guint          started : 1;

  /* the worker's (touched by the main thread only before start and after join) */
  GThread       *thread;
  pcap_t        *pcap;
  int            linktype;
  guint          snaplen_used;
  int            wake_fd;
  int            spool_fd;
  HsCaptureWriter *spool;         /* on spool_fd; its position is the spool's size */
  char          *worker_spool_path;
  HsTcpTracker  *tracker;
  HsDefrag      *defrag;
  Batch         *batch;           /* being filled */
  GArray        *touched;         /* guint32: streams of `batch` */
  GArray        *touched_mark;    /* guint32 per stream: the batch number that touched it */
  guint32        batch_no;
  GArray        *offsets;         /* guint64 per packet of the spool (ring buffer only) */
  guint32        frame;           /* packets in the worker's document */
  guint64        total;           /* packets captured */
  guint64        total_bytes;
  guint64        discarded;
  gboolean       limit_reached;
  GError        *worker_error;
  gint           stop_requested;  /* atomic */

  /* shared, under `lock` */
  GMutex         lock;
  GQueue         ready;           /* Batch *, oldest first */
  HsLiveStats    shared_stats;
  gboolean       worker_done;
};

/* hs-live-capture-worker.c: batches and the capture thread */
Batch *  _hs_live_batch_new         (void);
/* Frees the batch; with `owns_conns` also the connections' base_changes
 * (not once they were handed to the document). */
void     _hs_live_batch_free        (Batch    *b,
                                     gboolean  owns_conns);
gboolean _hs_live_batch_is_empty    (const Batch *b);
/* Appends `src` (consumed) to `dst`: its packets after dst's, its copy of a
 * connection replacing dst's.  A reset batch replaces everything. */
void     _hs_live_batch_merge       (HsLiveCapture *self,
                                     Batch         *dst,
                                     Batch         *src);
/* Decodes and tracks one packet into the current batch. */
void     _hs_live_worker_add_packet (HsLiveCapture *self,
                                     gint64         ts_ns,
                                     guint64        offset,
                                     const guint8  *data,
                                     guint32        caplen,
                                     guint32        orig_len);
gpointer _hs_live_worker_main       (gpointer data);

/* hs-live-capture-spool.c: the spool and the ring buffer */
/* A spool that was never or is no longer a document's: removed unless it
 * is the output file. */
void              _hs_live_discard_spool      (HsLiveCapture *self,
                                               const char    *path);
/* A writer on `fd` that wrote (and flushed) the spool's header: the section
 * ("Handshake VERSION") and the interface with its name, filter and
 * microsecond timestamps, in host byte order. */
HsCaptureWriter * _hs_live_spool_writer_new   (HsLiveCapture  *self,
                                               int             fd,
                                               GError        **error);
gboolean          _hs_live_spool_flush        (HsLiveCapture *self);
/* Writes one Enhanced Packet Block; returns its offset. */
guint64           _hs_live_spool_write_packet (HsLiveCapture            *self,
                                               gint64                    ts_ns,
                                               const struct pcap_pkthdr *h,
                                               const guint8             *data);
/* A new spool file: the output path, or a temporary file in the cache. */
int               _hs_live_spool_create       (const char  *output_path,
                                               char       **path_out,
                                               GError     **error);
/* Ring buffer: keeps the newer half of the spool's packets in a new spool
 * and analyses them again from the first, as a new document. */
void              _hs_live_worker_rotate      (HsLiveCapture *self);

G_END_DECLS
