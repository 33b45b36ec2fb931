/* hs-live-capture.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hs-capture.h"

G_BEGIN_DECLS

#define HS_LIVE_ERROR (hs_live_error_quark ())

typedef enum
{
  HS_LIVE_ERROR_PERMISSION,     /* not allowed to capture (no CAP_NET_RAW / CAP_NET_ADMIN);
                                 * the message says what to do (hs_live_permission_advice) */
  HS_LIVE_ERROR_NO_SUCH_DEVICE, /* the interface does not exist (any more) */
  HS_LIVE_ERROR_BAD_FILTER,     /* the capture filter does not compile: pcap_compile's message */
  HS_LIVE_ERROR_DEVICE,         /* the interface cannot capture (down, unsupported link, ...) */
  HS_LIVE_ERROR_SPOOL,          /* the capture file cannot be written (disk full, ...) */
  HS_LIVE_ERROR_FAILED,
} HsLiveError;

GQuark           hs_live_error_quark            (void);

/* ------------------------------------------------------------------ *
 * Interfaces and filters (hs-live-device.c)
 * ------------------------------------------------------------------ */

typedef struct
{
  char    *name;           /* "eth0", "lo", "any" */
  char    *description;    /* libpcap's description, or NULL */
  char   **addresses;      /* NULL-terminated: "192.0.2.7/24", "2001:db8::7/64" */
  guint    up : 1;
  guint    running : 1;
  guint    loopback : 1;
  guint    wireless : 1;
} HsLiveInterface;

void             hs_live_interface_free         (HsLiveInterface  *iface);

/* The interfaces libpcap finds (pcap_findalldevs), as HsLiveInterface *,
 * in libpcap's order (up and running ones first).  NULL with `error` set
 * when libpcap fails. */
GPtrArray       *hs_live_list_interfaces        (GError          **error);

/* The link type (DLT_*) of interface `name`: found by opening it once and
 * remembered; DLT_EN10MB when it cannot be opened (no permission). */
int              hs_live_interface_get_linktype (const char       *name);

/* Checks a tcpdump/BPF capture filter against a link type and snap length
 * (pcap_open_dead + pcap_compile), fast enough to run on every keystroke.
 * An empty or NULL filter is valid.  On failure sets HS_LIVE_ERROR_BAD_FILTER
 * with pcap's message ("can't parse filter expression: syntax error"). */
gboolean         hs_live_check_filter           (const char       *filter,
                                                 int               linktype,
                                                 guint             snaplen,
                                                 GError          **error);

/* Translated advice for capturing without root on this system: the setcap
 * command for the running binary (from /proc/self/exe), and the group
 * alternative.  Part of HS_LIVE_ERROR_PERMISSION messages. */
char            *hs_live_permission_advice      (void);

/* ------------------------------------------------------------------ *
 * A capture session (hs-live-capture.c)
 * ------------------------------------------------------------------ */

typedef enum
{
  HS_SAVE_FORMAT_PCAPNG,
  HS_SAVE_FORMAT_PCAP,
} HsSaveFormat;

typedef struct
{
  guint64 captured;           /* packets received by Handshake and shown */
  guint64 bytes;              /* their captured bytes */
  guint64 received;           /* pcap_stats ps_recv */
  guint64 dropped_kernel;     /* pcap_stats ps_drop: no room in the kernel buffer */
  guint64 dropped_interface;  /* pcap_stats ps_ifdrop: dropped by the interface/driver */
  guint64 discarded_ring;     /* packets dropped from the start by the ring buffer */
  gint64  elapsed_us;         /* since start, until stop */
} HsLiveStats;

#define HS_TYPE_LIVE_CAPTURE (hs_live_capture_get_type ())

G_DECLARE_FINAL_TYPE (HsLiveCapture, hs_live_capture, HS, LIVE_CAPTURE, GObject)

/* One capture on one interface.  hs_live_capture_start() opens the
 * interface (immediate mode, the filter compiled and set), creates the
 * document and starts a worker thread looping on pcap_dispatch().  The
 * worker writes every packet to a pcapng file (the spool: the document's
 * path, so the details pane reads packet bytes back from it), decodes and
 * tracks it, and hands batches to the thread that called start (its
 * thread-default main context), at most about 20 a second.  Each batch is
 * appended to the document there, which emits HsCapture::packets-added;
 * then HsLiveCapture::updated is emitted, also ~20 times a second while
 * running even without packets (for the counters).
 *
 * Stop is pcap_breakloop + join: every packet received before it is in the
 * document and the spool when stop returns.  Stopping makes the document
 * immutable (hs_capture_is_live() turns FALSE) and emits ::stopped.  The
 * capture also stops by itself at the count or duration limit, or on an
 * error (the interface went away, the disk is full): ::stopped carries it.
 *
 * Pause freezes the document (batches are kept, not applied) while
 * capturing continues; resuming applies them at once.  Counters go on.
 *
 * Ring buffer: with a limit of N MB, when the spool reaches N MB the
 * oldest half of the packets is dropped: a new document holding the newer
 * half, re-analysed from its first packet, replaces the old one
 * (notify::capture); stats.discarded_ring counts what was dropped.
 *
 * Unless an output path was set, the spool is a temporary file that is
 * deleted when the object is finalized. */

HsLiveCapture   *hs_live_capture_new             (const char       *interface);
const char      *hs_live_capture_get_interface   (HsLiveCapture    *self);

/* Settings, before start. */
void             hs_live_capture_set_filter      (HsLiveCapture    *self,
                                                  const char       *filter);
const char      *hs_live_capture_get_filter      (HsLiveCapture    *self);
/* 0: whole packets (262144) */
void             hs_live_capture_set_snaplen     (HsLiveCapture    *self,
                                                  guint             snaplen);
void             hs_live_capture_set_promiscuous (HsLiveCapture    *self,
                                                  gboolean          promiscuous);
/* 0: keep everything */
void             hs_live_capture_set_ring_buffer (HsLiveCapture    *self,
                                                  guint             megabytes);
/* The kernel's capture buffer (at most 1024; 0: the default, 64 MB). */
void             hs_live_capture_set_buffer_size (HsLiveCapture    *self,
                                                  guint             megabytes);
/* Stop by itself after this many packets / this long (0: no limit). */
void             hs_live_capture_set_count_limit (HsLiveCapture    *self,
                                                  guint64           count);
void             hs_live_capture_set_duration_limit (HsLiveCapture *self,
                                                  double            seconds);
/* Write the spool here (a pcapng file, kept) instead of a temporary file. */
void             hs_live_capture_set_output_path (HsLiveCapture    *self,
                                                  const char       *path);

gboolean         hs_live_capture_start           (HsLiveCapture    *self,
                                                  GError          **error);
void             hs_live_capture_stop            (HsLiveCapture    *self);
gboolean         hs_live_capture_is_running      (HsLiveCapture    *self);
void             hs_live_capture_set_paused      (HsLiveCapture    *self,
                                                  gboolean          paused);
gboolean         hs_live_capture_get_paused      (HsLiveCapture    *self);

/* The document (grows while running; NULL before start). */
HsCapture       *hs_live_capture_get_capture     (HsLiveCapture    *self);
/* How many packets were captured before the document's first one (the
 * ring buffer dropped them): packet i of the document is the capture's
 * packet number first + i + 1. */
guint64          hs_live_capture_get_first_packet_number (HsLiveCapture *self);
void             hs_live_capture_get_stats       (HsLiveCapture    *self,
                                                  HsLiveStats      *stats);
/* Packets in the document that were not saved yet (temporary spool only;
 * always FALSE with an output path). */
gboolean         hs_live_capture_has_unsaved     (HsLiveCapture    *self);
const char      *hs_live_capture_get_spool_path  (HsLiveCapture    *self);

/* Saves the packets of the document as it is now (also while running) to
 * `file`, in a worker thread; afterwards has_unsaved is FALSE until more
 * packets arrive. */
void             hs_live_capture_save_async      (HsLiveCapture    *self,
                                                  GFile            *file,
                                                  HsSaveFormat      format,
                                                  GCancellable     *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer          user_data);
gboolean         hs_live_capture_save_finish     (HsLiveCapture    *self,
                                                  GAsyncResult     *result,
                                                  GError          **error);

/* Signals:
 *   updated (void): a batch was applied, or the counters changed (<= ~20/s)
 *   stopped (const GError *error): the capture ended; error NULL when
 *     stopped by hs_live_capture_stop() or a limit
 * Properties: "capture" (HsCapture, notify on ring-buffer replacement),
 *   "running", "paused". */

G_END_DECLS
