/* hs-capture-fill.c
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

#include <string.h>

#include "hs-capture-fill.h"

void
_hs_capture_fill_record (HsPacketRecord        *rec,
                         HsTcpTracker          *tracker,
                         guint32                frame,
                         gint64                 ts_ns,
                         guint64                offset,
                         guint                  iface,
                         guint32                caplen,
                         guint32                orig_len,
                         const HsDecodedPacket *dec)
{
  memset (rec, 0, sizeof *rec);
  rec->ts_ns = ts_ns;
  rec->offset = offset;
  rec->iface = iface;
  rec->orig_len = (guint16) MIN (orig_len, G_MAXUINT16);
  rec->stream = HS_NO_STREAM;
  rec->decode_status = dec->status;
  rec->problems = dec->problems;
  if (caplen < orig_len)
    rec->problems |= HS_PROBLEM_SNAPLEN_TRUNCATED;
  rec->is_ipv6 = dec->ip_version == 6;

  if (dec->status == HS_DECODE_TCP)
    {
      rec->app = dec->app;
      hs_tcp_tracker_add (tracker, frame, ts_ns, orig_len, dec, rec);
    }
  else if (dec->status == HS_DECODE_MALFORMED && dec->has_tcp_header)
    {
      /* listed in its connection like Wireshark does, but not analysed */
      hs_tcp_tracker_add_header_only (tracker, frame, ts_ns, orig_len, dec, rec);
    }
  else if (dec->status == HS_DECODE_ICMP_QUOTED)
    {
      /* no record of the connection's, but maybe a stream number */
      hs_tcp_tracker_add_quoted (tracker, frame, ts_ns, dec);
    }
}
