/* hs-capture-private.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hs-capture.h"

G_BEGIN_DECLS

HsPacketRecord       *_hs_capture_append      (HsCapture *self);
void                  _hs_capture_set_problem (HsCapture *self,
                                               GError    *error,
                                               guint64    offset,
                                               guint      frame);
/* For scans over every record without an index computation per record:
 * the records of storage chunk `chunk` (packets *first to
 * *first + *n_records - 1, contiguous), or NULL past the last chunk. */
const HsPacketRecord *_hs_capture_get_chunk   (HsCapture *self,
                                               guint      chunk,
                                               guint     *first,
                                               guint     *n_records);

/* Live documents (see hs_capture_is_live).  _hs_capture_new_live makes an
 * empty, live document whose packets are in the pcapng file `path`, with
 * one interface. */
HsCapture            *_hs_capture_new_live     (const char           *path,
                                                const HsInterface    *iface);
/* Appends `n` records (filled by the decoder and tracker; orig_lens[i] is
 * the wire length of records[i]) and takes the connections' new state:
 * conns[0..n_conns) are the connections that changed in the batch, in
 * ascending stream order, each a copy owned by the callee afterwards
 * (including base_changes, g_free'd); `n_connections` is the total after
 * the batch.  Emits ::packets-added.  Main thread. */
void                  _hs_capture_append_batch (HsCapture            *self,
                                                const HsPacketRecord *records,
                                                const guint32        *orig_lens,
                                                guint                 n,
                                                HsConnection         *conns,
                                                guint                 n_conns,
                                                guint                 n_connections);
/* Ends growing: the document is immutable from now on (notify::live). */
void                  _hs_capture_finish_live  (HsCapture            *self);

G_END_DECLS
