/* hs-cli-analyze.c
 *
 * `handshake-cli analyze`: one row per TCP packet with Wireshark's TCP analysis.
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

#include <stdio.h>

#include <glib/gi18n.h>

#include "hs-cli-private.h"

void
_hs_cli_print_analyze_header (Format format)
{
  if (format == FORMAT_TSV)
    fputs ("frame\tstream\tseq\tack\tlen\twin\tanalysis\ttime\tsrc\tsport\tdst\tdport\t"
           "flags\tacked_frame\tack_rtt\tdupack_num\tdupack_frame\tbytes_in_flight\tstate\n",
           stdout);
  else
    fputs ("[\n", stdout);
}

/* Nanoseconds as seconds with nine decimals, exactly (a double loses the
 * last digits of times far from 0, as an ACK RTT across a clock step). */
static void
format_seconds (gint64  ns,
                char   *buf,
                gsize   size)
{
  guint64 abs_ns = ns < 0 ? (guint64) 0 - (guint64) ns : (guint64) ns;

  g_snprintf (buf, size, "%s%" G_GUINT64_FORMAT ".%09" G_GUINT64_FORMAT, ns < 0 ? "-" : "",
              abs_ns / G_GUINT64_CONSTANT (1000000000), abs_ns % G_GUINT64_CONSTANT (1000000000));
}

/* One row of `analyze` for packet `i` (nothing for a packet outside any
 * connection); `names` are the endpoint names by stream, `t0` the first
 * packet's time, `first_row` TRUE until a row was printed.  Frame numbers
 * are counted from `frame_base` (packets before the document's first). */
void
_hs_cli_print_analyze_row (HsCapture           *capture,
                           const EndpointNames *names,
                           guint                i,
                           guint64              frame_base,
                           gint64               t0,
                           Format               format,
                           gboolean            *first_row)
{
  const HsPacketRecord *rec = hs_capture_get_record (capture, i);
  const HsConnection *conn;
  char flags[64], analysis[256], rtt[32], acked[16], dup[16], len[16], ack[16], win[16];
  char time[32];
  guint32 acks_frame = hs_packet_record_acks_frame (rec);
  guint32 dupack_frame = hs_packet_record_dupack_frame (rec);
  const char *src, *dst;
  guint sport, dport;
  gint64 rel;

  if (rec->stream == HS_NO_STREAM)
    return;

  conn = hs_capture_get_connection (capture, rec->stream);
  src = names[rec->stream].addr[rec->direction];
  dst = names[rec->stream].addr[!rec->direction];
  sport = conn->endpoint[rec->direction].port;
  dport = conn->endpoint[!rec->direction].port;
  _hs_cli_format_flags (rec->tcp_flags, flags);
  _hs_cli_format_analysis (rec->analysis, analysis);
  rel = rec->ts_ns - t0;

  /* tcp.analysis.acks_frame and ack_rtt (which Wireshark leaves out when
   * it is 0: the ACK has the segment's time), a dup ACK's included */
  rtt[0] = 0;
  acked[0] = 0;
  if (acks_frame != HS_NO_FRAME)
    {
      const HsPacketRecord *other = hs_capture_get_record (capture, acks_frame - 1);

      g_snprintf (acked, sizeof acked, "%" G_GUINT64_FORMAT, frame_base + acks_frame);
      if (rec->ts_ns != other->ts_ns)
        format_seconds (rec->ts_ns - other->ts_ns, rtt, sizeof rtt);
    }
  dup[0] = 0;
  if (dupack_frame != HS_NO_FRAME)
    g_snprintf (dup, sizeof dup, "%" G_GUINT64_FORMAT, frame_base + dupack_frame);
  format_seconds (rel, time, sizeof time);

  /* a TCP header whose segment length cannot be known (the data offset
   * points past the IP payload) has no length, as in Wireshark; the
   * helpers already give its raw numbers */
  len[0] = 0;
  if (rec->decode_status == HS_DECODE_TCP)
    g_snprintf (len, sizeof len, "%u", rec->payload_len);
  else if (format == FORMAT_JSON)
    strcpy (len, "null");

  /* a bogus data offset: no acknowledgement number or window, as in
   * Wireshark, which stops reading the header there */
  ack[0] = win[0] = 0;
  if (!hs_packet_record_header_bogus (rec))
    {
      g_snprintf (ack, sizeof ack, "%u", hs_capture_relative_ack (capture, i));
      g_snprintf (win, sizeof win, "%u", hs_packet_record_window (rec));
    }
  else if (format == FORMAT_JSON)
    {
      strcpy (ack, "null");
      strcpy (win, "null");
    }

  if (format == FORMAT_TSV)
    {
      printf ("%" G_GUINT64_FORMAT "\t%u\t%u\t%s\t%s\t%s\t%s\t%s\t%s\t%u\t%s\t%u\t%s\t%s\t%s\t%u\t%s\t%u\t%s\n",
              frame_base + i + 1, rec->stream,
              hs_capture_relative_seq (capture, i),
              ack, len, win, analysis,
              time, src, sport, dst, dport, flags,
              acked[0] ? acked : "-", rtt[0] ? rtt : "-",
              hs_packet_record_dupack_num (rec), dup[0] ? dup : "-",
              hs_packet_record_bytes_in_flight (rec),
              hs_tcp_state_to_string (hs_packet_record_sender_state (rec)));
    }
  else
    {
      printf ("%s  {\"frame\": %" G_GUINT64_FORMAT ", \"stream\": %u, \"seq\": %u, \"ack\": %s, "
              "\"len\": %s, \"win\": %s, \"analysis\": ",
              *first_row ? "" : ",\n", frame_base + i + 1, rec->stream,
              hs_capture_relative_seq (capture, i),
              ack, len, win);
      _hs_cli_print_json_string (analysis);
      printf (", \"time\": %s, \"src\": ", time);
      _hs_cli_print_json_string (src);
      printf (", \"sport\": %u, \"dst\": ", sport);
      _hs_cli_print_json_string (dst);
      printf (", \"dport\": %u, \"flags\": ", dport);
      _hs_cli_print_json_string (flags);
      printf (", \"acked_frame\": %s, \"ack_rtt\": %s, \"dupack_num\": %u, "
              "\"dupack_frame\": %s, \"bytes_in_flight\": %u, \"state\": ",
              acked[0] ? acked : "null", rtt[0] ? rtt : "null",
              hs_packet_record_dupack_num (rec), dup[0] ? dup : "null",
              hs_packet_record_bytes_in_flight (rec));
      _hs_cli_print_json_string (hs_tcp_state_to_string (hs_packet_record_sender_state (rec)));
      putchar ('}');
    }
  *first_row = FALSE;
}

int
_hs_cli_cmd_analyze (int    argc,
                     char **argv)
{
  g_autoptr(HsCapture) capture = NULL;
  EndpointNames *names;
  Format format;
  gint64 t0 = 0;
  guint n, i;
  gboolean first_row = TRUE;
  int status;

  status = _hs_cli_parse_command (&argc, &argv,
    _("FILE — one row per TCP packet with Wireshark’s analysis"),
    _("Columns: frame, stream, relative seq and ack, payload length, calculated window,\n"
      "analysis flags (alphabetical, “-” for none), time since the first packet, endpoints,\n"
      "TCP flags, the frame this packet acknowledges (or duplicates, for a dup ACK),\n"
      "its ACK RTT, dup ACK number, bytes in flight and the sender’s TCP state."),
    "analyze", NULL, FALSE, &format);
  if (status >= 0)
    return status;

  if (!(capture = _hs_cli_load_capture (argv[1])))
    return EXIT_ERROR;

  names = _hs_cli_endpoint_names_new (capture);
  n = hs_capture_get_n_packets (capture);
  if (n > 0)
    t0 = hs_capture_get_record (capture, 0)->ts_ns;

  _hs_cli_print_analyze_header (format);
  for (i = 0; i < n; i++)
    _hs_cli_print_analyze_row (capture, names, i, 0, t0, format, &first_row);
  _hs_cli_print_rows_footer (format, first_row);

  _hs_cli_endpoint_names_free (names, hs_capture_get_n_connections (capture));
  fflush (stdout);

  return _hs_cli_finish (capture);
}
