/* hs-cli-conversations.c
 *
 * `handshake-cli conversations`: one row per TCP connection.
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
_hs_cli_print_conversations_header (Format format)
{
  guint f;

  if (format == FORMAT_TSV)
    {
      fputs ("stream\ta\ta_port\tb\tb_port\tstate\tdescription\ta_packets\ta_bytes\t"
             "b_packets\tb_bytes\tduration\tirtt", stdout);
      for (f = 0; f < HS_ANALYSIS_N_FLAGS; f++)
        printf ("\t%s", hs_analysis_flag_name (1u << f));
      fputs ("\ta_options\tb_options\n", stdout);
    }
  else
    fputs ("[\n", stdout);
}

/* One row of `conversations`; a JSON row is preceded by ",\n" unless
 * `first_row`, and not followed by a newline. */
void
_hs_cli_print_conversation_row (const HsConnection  *c,
                                const EndpointNames *names,
                                Format               format,
                                gboolean             first_row)
{
  double duration = (c->last_ts_ns - c->first_ts_ns) / 1e9;
  char irtt[32];
  char options[2][64];
  guint f;

  _hs_cli_format_options (&c->endpoint[0], options[0], sizeof options[0]);
  _hs_cli_format_options (&c->endpoint[1], options[1], sizeof options[1]);

  if (c->irtt_ns >= 0)
    g_snprintf (irtt, sizeof irtt, "%.6f", c->irtt_ns / 1e9);
  else
    strcpy (irtt, format == FORMAT_TSV ? "-" : "null");

  if (format == FORMAT_TSV)
    {
      printf ("%u\t%s\t%u\t%s\t%u\t%s\t%s\t%" G_GUINT64_FORMAT "\t%" G_GUINT64_FORMAT
              "\t%" G_GUINT64_FORMAT "\t%" G_GUINT64_FORMAT "\t%.6f\t%s",
              c->stream, names->addr[0], c->endpoint[0].port,
              names->addr[1], c->endpoint[1].port,
              hs_conn_state_to_string (c->conn_state),
              hs_conn_state_describe (c->conn_state),
              c->endpoint[0].packets, c->endpoint[0].bytes,
              c->endpoint[1].packets, c->endpoint[1].bytes,
              duration, irtt);
      for (f = 0; f < HS_ANALYSIS_N_FLAGS; f++)
        printf ("\t%u", c->flag_counts[f]);
      printf ("\t%s\t%s\n", options[0], options[1]);
    }
  else
    {
      printf ("%s  {\"stream\": %u, \"a\": ", first_row ? "" : ",\n", c->stream);
      _hs_cli_print_json_string (names->addr[0]);
      printf (", \"a_port\": %u, \"b\": ", c->endpoint[0].port);
      _hs_cli_print_json_string (names->addr[1]);
      printf (", \"b_port\": %u, \"state\": ", c->endpoint[1].port);
      _hs_cli_print_json_string (hs_conn_state_to_string (c->conn_state));
      printf (", \"description\": ");
      _hs_cli_print_json_string (hs_conn_state_describe (c->conn_state));
      printf (", \"a_packets\": %" G_GUINT64_FORMAT ", \"a_bytes\": %" G_GUINT64_FORMAT
              ", \"b_packets\": %" G_GUINT64_FORMAT ", \"b_bytes\": %" G_GUINT64_FORMAT
              ", \"duration\": %.6f, \"irtt\": %s, \"flags\": {",
              c->endpoint[0].packets, c->endpoint[0].bytes,
              c->endpoint[1].packets, c->endpoint[1].bytes, duration, irtt);
      for (f = 0; f < HS_ANALYSIS_N_FLAGS; f++)
        printf ("%s\"%s\": %u", f == 0 ? "" : ", ", hs_analysis_flag_name (1u << f),
                c->flag_counts[f]);
      fputs ("}, \"a_options\": ", stdout);
      _hs_cli_print_json_string (options[0]);
      fputs (", \"b_options\": ", stdout);
      _hs_cli_print_json_string (options[1]);
      putchar ('}');
    }
}

/* The whole `conversations` table of `capture`. */
void
_hs_cli_print_conversations (HsCapture *capture,
                             Format     format)
{
  EndpointNames *names = _hs_cli_endpoint_names_new (capture);
  guint n = hs_capture_get_n_connections (capture);
  gboolean first_row = TRUE;
  guint i;

  _hs_cli_print_conversations_header (format);
  for (i = 0; i < n; i++)
    {
      const HsConnection *conn = hs_capture_get_connection (capture, i);

      /* a stream number without a segment (hs_tcp_tracker_add_quoted, SOCKS)
       * is no conversation, as in Wireshark's table */
      if (conn->n_packets == 0)
        continue;
      _hs_cli_print_conversation_row (conn, &names[i], format, first_row);
      first_row = FALSE;
    }
  _hs_cli_print_rows_footer (format, first_row);

  _hs_cli_endpoint_names_free (names, n);
}

int
_hs_cli_cmd_conversations (int    argc,
                           char **argv)
{
  g_autoptr(HsCapture) capture = NULL;
  Format format;
  int status;

  status = _hs_cli_parse_command (&argc, &argv,
    _("FILE — one row per TCP connection"),
    _("Columns: stream, endpoints (the first sender is “a”), how the connection ended\n"
      "(Zeek’s conn_state and in words), packets and payload bytes each way, duration,\n"
      "initial RTT, the number of packets carrying each analysis flag, and the TCP\n"
      "options each side offered in its SYN (“-” when that SYN was not captured)."),
    "conversations", NULL, FALSE, &format);
  if (status >= 0)
    return status;

  if (!(capture = _hs_cli_load_capture (argv[1])))
    return EXIT_ERROR;

  _hs_cli_print_conversations (capture, format);
  fflush (stdout);

  return _hs_cli_finish (capture);
}
