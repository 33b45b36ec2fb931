/* hs-cli-capture.c
 *
 * `handshake-cli capture`: live capture, printing connections or packets as they arrive.
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

#include <math.h>
#include <stdio.h>

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "hs-cli-private.h"

/* `capture`: the live capture's state, shared with the callbacks. */
typedef struct
{
  HsLiveCapture *live;
  GMainLoop     *loop;
  Format         format;
  gboolean       analyze;
  gboolean       first_row;
  gint64         t0;
  GArray        *names;        /* EndpointNames by stream */
  GArray        *shown_state;  /* guint8 per stream: conn_state + 1 printed, 0 none */
  HsCapture     *capture;      /* the document watched (the ring buffer replaces it) */
  guint64        printed;      /* --analyze: packets printed, counted from the first */
  gboolean       have_t0;
  GError        *error;        /* why the capture stopped, if it failed */
} CaptureRun;

static void
capture_names_update (CaptureRun *run,
                      HsCapture  *capture)
{
  guint n = hs_capture_get_n_connections (capture);

  while (run->names->len < n)
    {
      EndpointNames names;

      _hs_cli_endpoint_names_fill (&names, hs_capture_get_connection (capture, run->names->len));
      g_array_append_val (run->names, names);
    }
  if (run->shown_state->len < n)
    g_array_set_size (run->shown_state, n);
}

/* --analyze: the document's packets not printed yet (after a ring-buffer
 * turn the new document starts with packets already printed). */
static void
capture_print_packets (CaptureRun *run,
                       HsCapture  *capture)
{
  guint64 first = hs_live_capture_get_first_packet_number (run->live);
  guint n = hs_capture_get_n_packets (capture);
  guint i = run->printed > first ? (guint) MIN (run->printed - first, n) : 0;

  if (!run->have_t0 && n > 0)
    {
      run->t0 = hs_capture_get_record (capture, 0)->ts_ns;
      run->have_t0 = TRUE;
    }
  for (; i < n; i++)
    _hs_cli_print_analyze_row (capture, (const EndpointNames *) (gpointer) run->names->data, i,
                               first, run->t0, run->format, &run->first_row);
  run->printed = MAX (run->printed, first + n);
}

/* A conversation when it appears and when its state changes. */
static void
capture_print_conversation (CaptureRun *run,
                            HsCapture  *capture,
                            guint       stream)
{
  const HsConnection *c = hs_capture_get_connection (capture, stream);
  guint8 *shown = &g_array_index (run->shown_state, guint8, stream);

  if (*shown == c->conn_state + 1)
    return;
  *shown = c->conn_state + 1;
  _hs_cli_print_conversation_row (c, &g_array_index (run->names, EndpointNames, stream),
                                  run->format, TRUE);
  if (run->format == FORMAT_JSON)
    putchar ('\n');
}

static void
on_capture_packets_added (HsCapture  *capture,
                          guint       old_n_packets,
                          guint       old_n_connections,
                          CaptureRun *run)
{
  guint i;

  capture_names_update (run, capture);

  if (run->analyze)
    capture_print_packets (run, capture);
  else
    {
      const guint32 *streams;
      guint n_streams;

      streams = hs_capture_get_changed_streams (capture, &n_streams);
      for (i = 0; i < n_streams; i++)
        capture_print_conversation (run, capture, streams[i]);
    }

  fflush (stdout);
}

/* What identifies a connection across documents: its endpoints. */
static char *
conversation_key (CaptureRun *run,
                  HsCapture  *capture,
                  guint       stream)
{
  const HsConnection *c = hs_capture_get_connection (capture, stream);
  const EndpointNames *names = &g_array_index (run->names, EndpointNames, stream);

  return g_strdup_printf ("%s %u %s %u", names->addr[0], c->endpoint[0].port,
                          names->addr[1], c->endpoint[1].port);
}

/* The ring buffer dropped the oldest packets: a new document, its
 * connections numbered from 0 again.  A connection already printed is not
 * printed again until its state changes. */
static void
on_capture_replaced (HsLiveCapture *live,
                     GParamSpec    *pspec,
                     CaptureRun    *run)
{
  HsCapture *capture = hs_live_capture_get_capture (live);
  g_autoptr(GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *dropped = NULL;
  guint i;

  if (capture == run->capture)
    return;

  /* what was printed for each pair of endpoints */
  for (i = 0; i < run->names->len; i++)
    {
      guint8 state = g_array_index (run->shown_state, guint8, i);

      if (state != 0)
        g_hash_table_insert (shown, conversation_key (run, run->capture, i),
                             GUINT_TO_POINTER (state));
    }

  g_signal_handlers_disconnect_by_data (run->capture, run);
  g_set_object (&run->capture, capture);
  g_signal_connect (capture, "packets-added", G_CALLBACK (on_capture_packets_added), run);

  g_array_set_size (run->names, 0);
  g_array_set_size (run->shown_state, 0);
  capture_names_update (run, capture);
  for (i = 0; i < run->names->len; i++)
    {
      g_autofree char *key = conversation_key (run, capture, i);

      g_array_index (run->shown_state, guint8, i) =
        (guint8) GPOINTER_TO_UINT (g_hash_table_lookup (shown, key));
    }

  dropped = g_strdup_printf ("%" G_GUINT64_FORMAT, hs_live_capture_get_first_packet_number (live));
  /* Translators: handshake-cli capture --ring-buffer; %s is a number */
  g_printerr (_("Ring buffer full: the oldest packets were dropped (%s so far); the kept ones were "
                "analysed again and stream numbers start from 0 again\n"), dropped);

  /* the new document's packets that were not printed yet */
  if (run->analyze)
    capture_print_packets (run, capture);
  else
    {
      for (i = 0; i < run->names->len; i++)
        capture_print_conversation (run, capture, i);
    }
  fflush (stdout);
}

static void
on_capture_stopped (HsLiveCapture *live,
                    const GError  *error,
                    CaptureRun    *run)
{
  if (error != NULL && run->error == NULL)
    run->error = g_error_copy (error);
  g_main_loop_quit (run->loop);
}

static gboolean
on_capture_signal (gpointer data)
{
  CaptureRun *run = data;

  hs_live_capture_stop (run->live);
  return G_SOURCE_CONTINUE;
}

static void
on_capture_saved (GObject      *object,
                  GAsyncResult *result,
                  gpointer      data)
{
  CaptureRun *run = data;

  hs_live_capture_save_finish (HS_LIVE_CAPTURE (object), result, &run->error);
  g_main_loop_quit (run->loop);
}

int
_hs_cli_cmd_capture (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HsLiveCapture) live = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *interface = NULL;
  g_autofree char *filter = NULL;
  g_autofree char *output = NULL;
  g_autofree char *format_str = NULL;
  g_autofree char *summary = NULL;
  gint64 count = 0;
  double duration = 0;
  int snaplen = 0;
  int ring_mb = 0;
  gboolean analyze = FALSE;
  gboolean no_promiscuous = FALSE;
  gboolean save_pcap = FALSE;
  CaptureRun run = { 0 };
  HsLiveStats stats;
  guint sigint_id, sigterm_id;
  const GOptionEntry entries[] = {
    { "interface", 'i', 0, G_OPTION_ARG_STRING, &interface,
      N_("Network interface to capture on (required), for example eth0, lo or any"),
      N_("IFACE") },
    { "filter", 'f', 0, G_OPTION_ARG_STRING, &filter,
      N_("Capture filter in tcpdump syntax, for example “tcp port 443”"), N_("FILTER") },
    { "count", 'c', 0, G_OPTION_ARG_INT64, &count,
      N_("Stop after COUNT packets"), N_("COUNT") },
    { "duration", 0, 0, G_OPTION_ARG_DOUBLE, &duration,
      N_("Stop after SECONDS seconds"), N_("SECONDS") },
    { "write", 'w', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Also write the packets to FILE: pcap if its name ends in .pcap, else pcapng"),
      N_("FILE") },
    { "analyze", 0, 0, G_OPTION_ARG_NONE, &analyze,
      N_("Print each TCP packet as it arrives, as “analyze” does"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_str,
      N_("Output format: tsv (default) or json"), N_("FORMAT") },
    { "snaplen", 's', 0, G_OPTION_ARG_INT, &snaplen,
      N_("Keep at most BYTES of each packet (default: whole packets)"), N_("BYTES") },
    { "no-promiscuous", 0, 0, G_OPTION_ARG_NONE, &no_promiscuous,
      N_("Do not put the interface into promiscuous mode"), NULL },
    { "ring-buffer", 0, 0, G_OPTION_ARG_INT, &ring_mb,
      N_("For long runs: keep only about the newest MB megabytes of packets (the oldest half is "
         "dropped whenever MB is reached; with --analyze, packets dropped before they were "
         "printed leave gaps in the frame numbers)"), N_("MB") },
    { NULL }
  };

  context = g_option_context_new (_("— capture TCP traffic live and analyse it as it arrives"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* Translators: %s is the command, "handshake-cli capture" */
  summary = g_strdup_printf (_("Captures packets on a network interface until Ctrl+C, COUNT packets\n"
                               "or SECONDS seconds.  Prints each TCP connection when it appears and\n"
                               "when its state changes (the columns of “conversations”), and at the\n"
                               "end the whole “conversations” table; with --analyze, each TCP packet\n"
                               "as “analyze” prints it instead.  With --format json the live lines\n"
                               "are one JSON object each.  Counters go to standard error at the end.\n"
                               "\n"
                               "Capturing needs the CAP_NET_RAW and CAP_NET_ADMIN capabilities.\n"
                               "\n"
                               "Example: %s -i eth0 -f \"tcp port 443\" -w out.pcapng"),
                             g_get_prgname ());
  g_option_context_set_summary (context, summary);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s: %s\n", prgname, error->message);
      return EXIT_USAGE;
    }
  if (!_hs_cli_parse_format (format_str, FALSE, &run.format))
    return EXIT_USAGE;
  if (argc != 1)
    {
      g_printerr (_("%s: capture takes no file; use -w FILE to write the packets (see --help)\n"),
                  prgname);
      return EXIT_USAGE;
    }
  if (interface == NULL)
    {
      g_printerr (_("%s: capture needs -i IFACE, the interface to capture on (see --help)\n"),
                  prgname);
      return EXIT_USAGE;
    }
  if (count < 0 || duration < 0 || !isfinite (duration) || snaplen < 0 || ring_mb < 0)
    {
      g_printerr (_("%s: the count, duration, snap length and ring buffer size cannot be negative\n"),
                  prgname);
      return EXIT_USAGE;
    }
  /* the filter is checked first, so that a typo is reported even without
   * the permission to capture */
  if (!hs_live_check_filter (filter, hs_live_interface_get_linktype (interface),
                             (guint) snaplen, &error))
    {
      g_printerr (_("%s: bad capture filter “%s”: %s\n"), prgname, filter, error->message);
      return EXIT_USAGE;
    }

  live = hs_live_capture_new (interface);
  hs_live_capture_set_filter (live, filter);
  hs_live_capture_set_snaplen (live, (guint) snaplen);
  hs_live_capture_set_promiscuous (live, !no_promiscuous);
  hs_live_capture_set_count_limit (live, (guint64) count);
  hs_live_capture_set_duration_limit (live, duration);
  hs_live_capture_set_ring_buffer (live, (guint) ring_mb);
  if (output != NULL)
    {
      save_pcap = g_str_has_suffix (output, ".pcap");
      if (!save_pcap)
        hs_live_capture_set_output_path (live, output);
    }

  loop = g_main_loop_new (NULL, FALSE);
  run.live = live;
  run.loop = loop;
  run.analyze = analyze;
  run.first_row = TRUE;
  run.names = g_array_new (FALSE, FALSE, sizeof (EndpointNames));
  g_array_set_clear_func (run.names, _hs_cli_endpoint_names_clear);
  run.shown_state = g_array_new (FALSE, TRUE, sizeof (guint8));

  g_signal_connect (live, "stopped", G_CALLBACK (on_capture_stopped), &run);

  if (!hs_live_capture_start (live, &error))
    {
      g_printerr ("%s: %s\n", prgname, error->message);
      g_array_unref (run.names);
      g_array_unref (run.shown_state);
      return g_error_matches (error, HS_LIVE_ERROR, HS_LIVE_ERROR_BAD_FILTER)
               ? EXIT_USAGE : EXIT_ERROR;
    }
  run.capture = g_object_ref (hs_live_capture_get_capture (live));
  g_signal_connect (run.capture, "packets-added", G_CALLBACK (on_capture_packets_added), &run);
  g_signal_connect (live, "notify::capture", G_CALLBACK (on_capture_replaced), &run);

  if (analyze)
    _hs_cli_print_analyze_header (run.format);
  else if (run.format == FORMAT_TSV)
    _hs_cli_print_conversations_header (run.format);
  fflush (stdout);

  sigint_id = g_unix_signal_add (SIGINT, on_capture_signal, &run);
  sigterm_id = g_unix_signal_add (SIGTERM, on_capture_signal, &run);
  g_main_loop_run (loop);

  if (save_pcap)
    {
      g_autoptr(GFile) file = g_file_new_for_path (output);

      hs_live_capture_save_async (live, file, HS_SAVE_FORMAT_PCAP, NULL, on_capture_saved, &run);
      g_main_loop_run (loop);
    }
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);

  if (analyze)
    _hs_cli_print_rows_footer (run.format, run.first_row);
  else
    {
      putchar ('\n');
      _hs_cli_print_conversations (hs_live_capture_get_capture (live), run.format);
    }
  fflush (stdout);

  hs_live_capture_get_stats (live, &stats);
  {
    g_autofree char *captured = g_strdup_printf ("%" G_GUINT64_FORMAT, stats.captured);
    g_autofree char *kernel = g_strdup_printf ("%" G_GUINT64_FORMAT, stats.dropped_kernel);
    g_autofree char *iface = g_strdup_printf ("%" G_GUINT64_FORMAT, stats.dropped_interface);

    /* Translators: the counters at the end of "handshake-cli capture";
     * each %s is a number */
    g_printerr (_("%s packets captured, %s dropped by the kernel, %s dropped by the interface\n"),
                captured, kernel, iface);
  }

  g_signal_handlers_disconnect_by_data (run.capture, &run);
  g_signal_handlers_disconnect_by_data (live, &run);
  g_clear_object (&run.capture);
  g_array_unref (run.names);
  g_array_unref (run.shown_state);

  if (run.error != NULL)
    {
      g_printerr ("%s: %s\n", prgname, run.error->message);
      g_clear_error (&run.error);
      return EXIT_ERROR;
    }

  return EXIT_OK;
}
