/* hs-capture-fill.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hs-decoder.h"
#include "hs-packet-record.h"
#include "hs-tcp-tracker.h"

G_BEGIN_DECLS

/* Private: the record of one decoded frame, filled the same way by the file
 * loader and the live capture.  Clears `rec`, sets what the frame itself
 * says (time, offset, interface, wire length capped at G_MAXUINT16, decode
 * status, problems including a snap-length cut, IP version) and runs the
 * tracker on it: hs_tcp_tracker_add for a TCP segment,
 * hs_tcp_tracker_add_header_only for a malformed one that still has a TCP
 * header, nothing for the rest (stream HS_NO_STREAM).  `frame` is the
 * 1-based frame number in the document.  The caller counts statuses and
 * keeps wire lengths of 65535 and more. */
void _hs_capture_fill_record (HsPacketRecord        *rec,
                              HsTcpTracker          *tracker,
                              guint32                frame,
                              gint64                 ts_ns,
                              guint64                offset,
                              guint                  iface,
                              guint32                caplen,
                              guint32                orig_len,
                              const HsDecodedPacket *dec);

G_END_DECLS
