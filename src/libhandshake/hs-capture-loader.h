/* hs-capture-loader.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hs-capture.h"

G_BEGIN_DECLS

#define HS_TYPE_CAPTURE_LOADER (hs_capture_loader_get_type ())

G_DECLARE_FINAL_TYPE (HsCaptureLoader, hs_capture_loader, HS, CAPTURE_LOADER, GObject)

/* Loads one capture file in a worker thread (GTask) and hands the finished,
 * immutable HsCapture to the main thread.
 *
 * Progress is published through properties, for binding: "fraction" (0..1,
 * of the file's bytes), "n-packets" (packets read so far) and "message" (a
 * translated "Read 12,345 packets (37%)").  They are updated from the thread
 * that called load_async, through at most one pending idle at a time, so a
 * million-packet file causes a few dozen notifications, not a million.
 * Cancelling the GCancellable stops the worker within a fraction of a
 * second; finish then fails with G_IO_ERROR_CANCELLED. */

HsCaptureLoader *hs_capture_loader_new           (GFile               *file);
GFile           *hs_capture_loader_get_file      (HsCaptureLoader     *self);
double           hs_capture_loader_get_fraction  (HsCaptureLoader     *self);
guint64          hs_capture_loader_get_n_packets (HsCaptureLoader     *self);
const char      *hs_capture_loader_get_message   (HsCaptureLoader     *self);
void             hs_capture_loader_load_async    (HsCaptureLoader     *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
/* Returns the capture (full reference) or NULL with `error` set.  A damaged
 * file that still had readable packets is a success: the capture's
 * hs_capture_get_problem() says what was wrong where. */
HsCapture       *hs_capture_loader_load_finish   (HsCaptureLoader     *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
