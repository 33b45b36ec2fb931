/* hs-cli.c
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

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "handshake.h"
#include "hs-export.h"
#include "hs-graph-export.h"
#include "hs-palette.h"

/* Exit codes */
enum {
  EXIT_OK = 0,
  EXIT_ERROR = 1,     /* nothing could be read */
  EXIT_USAGE = 2,
  EXIT_DAMAGED = 3,   /* everything readable was printed, then the file broke off */
};

typedef enum {
  FORMAT_TSV,
  FORMAT_JSON,
  FORMAT_TEXT,      /* explain only */
} Format;

static const char *prgname = "handshake-cli";

/* --format: tsv or json, and text where `text_default` (then the default). */
static gboolean
parse_format (const char  *text,
              gboolean     text_default,
              Format      *format)
{
  if (text == NULL)
    *format = text_default ? FORMAT_TEXT : FORMAT_TSV;
  else if (g_str_equal (text, "tsv"))
    *format = FORMAT_TSV;
  else if (g_str_equal (text, "json"))
    *format = FORMAT_JSON;
  else if (text_default && g_str_equal (text, "text"))
    *format = FORMAT_TEXT;
  else
    {
      if (text_default)
        g_printerr (_("%s: unknown format “%s” (use text, tsv or json)\n"), prgname, text);
      else
        g_printerr (_("%s: unknown format “%s” (use tsv or json)\n"), prgname, text);
      return FALSE;
    }
  return TRUE;
}

/* Parses a command's options (--format, the command's own `extra` ones
 * and one FILE); returns the exit status to leave with, or -1 to go on.
 * With `text_default`, --format also takes text, the default. */
static int
parse_command (int                 *argc,
               char              ***argv,
               const char          *parameters,
               const char          *summary,
               const char          *command,
               const GOptionEntry  *extra,
               gboolean             text_default,
               Format              *format)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format_str = NULL;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_str,
      N_("Output format: tsv (default) or json"), N_("FORMAT") },
    { NULL }
  };
  const GOptionEntry text_entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_str,
      N_("Output format: text (default), tsv or json"), N_("FORMAT") },
    { NULL }
  };

  context = g_option_context_new (parameters);
  g_option_context_add_main_entries (context, text_default ? text_entries : entries,
                                     GETTEXT_PACKAGE);
  if (extra != NULL)
    g_option_context_add_main_entries (context, extra, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("%s: %s\n", prgname, error->message);
      return EXIT_USAGE;
    }
  if (!parse_format (format_str, text_default, format))
    return EXIT_USAGE;
  if (*argc != 2)
    {
      g_printerr (_("%s: %s needs exactly one capture file (see --help)\n"), prgname, command);
      return EXIT_USAGE;
    }

  return -1;
}

/* Loads FILE, printing a one-line error on failure.  Unsupported link types
 * on every interface are an error too: there is nothing to analyse. */
static HsCapture *
load_capture (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCapture) capture = NULL;
  const GError *problem;

  capture = hs_capture_load (path, NULL, NULL, NULL, &error);
  if (capture == NULL)
    {
      g_printerr ("%s: %s\n", prgname, error->message);
      return NULL;
    }

  problem = hs_capture_get_problem (capture);
  if (problem != NULL && g_error_matches (problem, HS_CAPTURE_ERROR,
                                          HS_CAPTURE_ERROR_UNSUPPORTED_LINK))
    {
      g_printerr ("%s: %s: %s\n", prgname, path, problem->message);
      return NULL;
    }

  return g_steal_pointer (&capture);
}

/* After the output: report a damaged file and choose the exit code. */
static int
finish (HsCapture *capture)
{
  const GError *problem = hs_capture_get_problem (capture);

  if (problem == NULL)
    return EXIT_OK;

  g_printerr (_("%s: %s: %s; packets from number %u on could not be read\n"),
              prgname, hs_capture_get_path (capture), problem->message,
              hs_capture_get_problem_frame (capture));
  return EXIT_DAMAGED;
}

static void
format_flags (guint  flags,
              char  *buf)
{
  static const char *names[] = { "FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE" };
  char *p = buf;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (flags & (1u << i))
        {
          if (p != buf)
            *p++ = ',';
          p = stpcpy (p, names[i]);
        }
    }

  if (p == buf)
    p = stpcpy (p, "-");
  *p = 0;
}

/* Alphabetical, comma-separated flag names; Fast and Spurious
 * retransmissions are retransmissions too, as in tshark's fields. */
static void
format_analysis (guint  analysis,
                 char  *buf)
{
  char *p = buf;
  guint i;

  if (analysis & (HS_ANALYSIS_FAST_RETRANSMISSION | HS_ANALYSIS_SPURIOUS_RETRANSMISSION))
    analysis |= HS_ANALYSIS_RETRANSMISSION;

  for (i = 0; i < HS_ANALYSIS_N_FLAGS; i++)
    {
      if (analysis & (1u << i))
        {
          if (p != buf)
            *p++ = ',';
          p = stpcpy (p, hs_analysis_flag_name (1u << i));
        }
    }

  if (p == buf)
    p = stpcpy (p, "-");
  *p = 0;
}

typedef struct
{
  char *addr[2];
} EndpointNames;

static void
endpoint_names_fill (EndpointNames      *names,
                     const HsConnection *conn)
{
  names->addr[0] = hs_format_address (conn->ip_version, conn->endpoint[0].addr);
  names->addr[1] = hs_format_address (conn->ip_version, conn->endpoint[1].addr);
}

static EndpointNames *
endpoint_names_new (HsCapture *capture)
{
  guint n = hs_capture_get_n_connections (capture);
  EndpointNames *names = g_new0 (EndpointNames, MAX (n, 1));
  guint i;

  for (i = 0; i < n; i++)
    endpoint_names_fill (&names[i], hs_capture_get_connection (capture, i));

  return names;
}

static void
endpoint_names_clear (gpointer data)
{
  EndpointNames *names = data;

  g_clear_pointer (&names->addr[0], g_free);
  g_clear_pointer (&names->addr[1], g_free);
}

static void
endpoint_names_free (EndpointNames *names,
                     guint          n)
{
  guint i;

  for (i = 0; i < n; i++)
    endpoint_names_clear (&names[i]);
  g_free (names);
}

/* The options a side offered in its SYN: "MSS=1460,WS=7,SACK_PERM,TS",
 * "none", or "-" when its SYN was not captured. */
static void
format_options (const HsEndpoint *ep,
                char             *buf,
                gsize             size)
{
  GString *str;

  if (!ep->syn_seen)
    {
      g_strlcpy (buf, "-", size);
      return;
    }

  str = g_string_new (NULL);
  if (ep->has_mss)
    g_string_append_printf (str, ",MSS=%u", ep->mss);
  if (ep->has_wscale && ep->wscale >= 0)
    g_string_append_printf (str, ",WS=%d", ep->wscale);
  else if (ep->has_wscale)
    g_string_append (str, ",WS");
  if (ep->sack_permitted)
    g_string_append (str, ",SACK_PERM");
  if (ep->has_timestamps)
    g_string_append (str, ",TS");
  g_strlcpy (buf, str->len > 0 ? str->str + 1 : "none", size);
  g_string_free (str, TRUE);
}

static void
print_json_string (const char *s)
{
  putchar ('"');
  for (; *s; s++)
    {
      if (*s == '"' || *s == '\\')
        printf ("\\%c", *s);
      else if ((guchar) *s < 0x20)
        printf ("\\u%04x", (guchar) *s);
      else
        putchar (*s);
    }
  putchar ('"');
}

static void
print_analyze_header (Format format)
{
  if (format == FORMAT_TSV)
    fputs ("frame\tstream\tseq\tack\tlen\twin\tanalysis\ttime\tsrc\tsport\tdst\tdport\t"
           "flags\tacked_frame\tack_rtt\tdupack_num\tbytes_in_flight\tstate\n", stdout);
  else
    fputs ("[\n", stdout);
}

/* The end of a table: JSON closes its array (`first_row` TRUE when no row
 * was printed). */
static void
print_rows_footer (Format   format,
                   gboolean first_row)
{
  if (format == FORMAT_JSON)
    fputs (first_row ? "]\n" : "\n]\n", stdout);
}

/* One row of `analyze` for packet `i` (nothing for a packet outside any
 * connection); `names` are the endpoint names by stream, `t0` the first
 * packet's time, `first_row` TRUE until a row was printed.  Frame numbers
 * are counted from `frame_base` (packets before the document's first). */
static void
print_analyze_row (HsCapture           *capture,
                   const EndpointNames *names,
                   guint                i,
                   guint64              frame_base,
                   gint64               t0,
                   Format               format,
                   gboolean            *first_row)
{
  const HsPacketRecord *rec = hs_capture_get_record (capture, i);
  const HsConnection *conn;
  char flags[64], analysis[256], rtt[32], acked[16], len[16], ack[16], win[16];
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
  format_flags (rec->tcp_flags, flags);
  format_analysis (rec->analysis, analysis);
  rel = rec->ts_ns - t0;

  rtt[0] = 0;
  acked[0] = 0;
  if (rec->related_frame != HS_NO_FRAME)
    {
      g_snprintf (acked, sizeof acked, "%" G_GUINT64_FORMAT, frame_base + rec->related_frame);
      if (!(rec->analysis & HS_ANALYSIS_DUPLICATE_ACK))
        {
          const HsPacketRecord *other = hs_capture_get_record (capture,
                                                               rec->related_frame - 1);
          g_snprintf (rtt, sizeof rtt, "%.9f", (rec->ts_ns - other->ts_ns) / 1e9);
        }
    }

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
      printf ("%" G_GUINT64_FORMAT "\t%u\t%u\t%s\t%s\t%s\t%s\t%.9f\t%s\t%u\t%s\t%u\t%s\t%s\t%s\t%u\t%u\t%s\n",
              frame_base + i + 1, rec->stream,
              hs_capture_relative_seq (capture, i),
              ack, len, win, analysis,
              rel / 1e9, src, sport, dst, dport, flags,
              acked[0] ? acked : "-", rtt[0] ? rtt : "-",
              hs_packet_record_dupack_num (rec), hs_packet_record_bytes_in_flight (rec),
              hs_tcp_state_to_string (hs_packet_record_sender_state (rec)));
    }
  else
    {
      printf ("%s  {\"frame\": %" G_GUINT64_FORMAT ", \"stream\": %u, \"seq\": %u, \"ack\": %s, "
              "\"len\": %s, \"win\": %s, \"analysis\": ",
              *first_row ? "" : ",\n", frame_base + i + 1, rec->stream,
              hs_capture_relative_seq (capture, i),
              ack, len, win);
      print_json_string (analysis);
      printf (", \"time\": %.9f, \"src\": ", rel / 1e9);
      print_json_string (src);
      printf (", \"sport\": %u, \"dst\": ", sport);
      print_json_string (dst);
      printf (", \"dport\": %u, \"flags\": ", dport);
      print_json_string (flags);
      printf (", \"acked_frame\": %s, \"ack_rtt\": %s, \"dupack_num\": %u, "
              "\"bytes_in_flight\": %u, \"state\": ",
              acked[0] ? acked : "null", rtt[0] ? rtt : "null",
              hs_packet_record_dupack_num (rec), hs_packet_record_bytes_in_flight (rec));
      print_json_string (hs_tcp_state_to_string (hs_packet_record_sender_state (rec)));
      putchar ('}');
    }
  *first_row = FALSE;
}

static int
cmd_analyze (int    argc,
             char **argv)
{
  g_autoptr(HsCapture) capture = NULL;
  EndpointNames *names;
  Format format;
  gint64 t0 = 0;
  guint n, i;
  gboolean first_row = TRUE;
  int status;

  status = parse_command (&argc, &argv,
    _("FILE — one row per TCP packet with Wireshark’s analysis"),
    _("Columns: frame, stream, relative seq and ack, payload length, calculated window,\n"
      "analysis flags (alphabetical, “-” for none), time since the first packet, endpoints,\n"
      "TCP flags, the frame this packet acknowledges (or duplicates, for a dup ACK),\n"
      "its ACK RTT, dup ACK number, bytes in flight and the sender’s TCP state."),
    "analyze", NULL, FALSE, &format);
  if (status >= 0)
    return status;

  if (!(capture = load_capture (argv[1])))
    return EXIT_ERROR;

  names = endpoint_names_new (capture);
  n = hs_capture_get_n_packets (capture);
  if (n > 0)
    t0 = hs_capture_get_record (capture, 0)->ts_ns;

  print_analyze_header (format);
  for (i = 0; i < n; i++)
    print_analyze_row (capture, names, i, 0, t0, format, &first_row);
  print_rows_footer (format, first_row);

  endpoint_names_free (names, hs_capture_get_n_connections (capture));
  fflush (stdout);

  return finish (capture);
}

static void
print_conversations_header (Format format)
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
static void
print_conversation_row (const HsConnection  *c,
                        const EndpointNames *names,
                        Format               format,
                        gboolean             first_row)
{
  double duration = (c->last_ts_ns - c->first_ts_ns) / 1e9;
  char irtt[32];
  char options[2][64];
  guint f;

  format_options (&c->endpoint[0], options[0], sizeof options[0]);
  format_options (&c->endpoint[1], options[1], sizeof options[1]);

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
      print_json_string (names->addr[0]);
      printf (", \"a_port\": %u, \"b\": ", c->endpoint[0].port);
      print_json_string (names->addr[1]);
      printf (", \"b_port\": %u, \"state\": ", c->endpoint[1].port);
      print_json_string (hs_conn_state_to_string (c->conn_state));
      printf (", \"description\": ");
      print_json_string (hs_conn_state_describe (c->conn_state));
      printf (", \"a_packets\": %" G_GUINT64_FORMAT ", \"a_bytes\": %" G_GUINT64_FORMAT
              ", \"b_packets\": %" G_GUINT64_FORMAT ", \"b_bytes\": %" G_GUINT64_FORMAT
              ", \"duration\": %.6f, \"irtt\": %s, \"flags\": {",
              c->endpoint[0].packets, c->endpoint[0].bytes,
              c->endpoint[1].packets, c->endpoint[1].bytes, duration, irtt);
      for (f = 0; f < HS_ANALYSIS_N_FLAGS; f++)
        printf ("%s\"%s\": %u", f == 0 ? "" : ", ", hs_analysis_flag_name (1u << f),
                c->flag_counts[f]);
      fputs ("}, \"a_options\": ", stdout);
      print_json_string (options[0]);
      fputs (", \"b_options\": ", stdout);
      print_json_string (options[1]);
      putchar ('}');
    }
}

/* The whole `conversations` table of `capture`. */
static void
print_conversations (HsCapture *capture,
                     Format     format)
{
  EndpointNames *names = endpoint_names_new (capture);
  guint n = hs_capture_get_n_connections (capture);
  guint i;

  print_conversations_header (format);
  for (i = 0; i < n; i++)
    print_conversation_row (hs_capture_get_connection (capture, i), &names[i], format, i == 0);
  print_rows_footer (format, n == 0);

  endpoint_names_free (names, n);
}

static int
cmd_conversations (int    argc,
                   char **argv)
{
  g_autoptr(HsCapture) capture = NULL;
  Format format;
  int status;

  status = parse_command (&argc, &argv,
    _("FILE — one row per TCP connection"),
    _("Columns: stream, endpoints (the first sender is “a”), how the connection ended\n"
      "(Zeek’s conn_state and in words), packets and payload bytes each way, duration,\n"
      "initial RTT, the number of packets carrying each analysis flag, and the TCP\n"
      "options each side offered in its SYN (“-” when that SYN was not captured)."),
    "conversations", NULL, FALSE, &format);
  if (status >= 0)
    return status;

  if (!(capture = load_capture (argv[1])))
    return EXIT_ERROR;

  print_conversations (capture, format);
  fflush (stdout);

  return finish (capture);
}

/* A TSV cell: backslash, tab and newline written as \\, \t and \n. */
static void
print_tsv_text (const char *s)
{
  for (; *s; s++)
    {
      if (*s == '\\')
        fputs ("\\\\", stdout);
      else if (*s == '\t')
        fputs ("\\t", stdout);
      else if (*s == '\n')
        fputs ("\\n", stdout);
      else
        putchar (*s);
    }
}

static void
print_explain_header (Format format)
{
  if (format == FORMAT_TSV)
    fputs ("frame\tstream\ttitle\tinfo\texplanation\trelated\tstates\n", stdout);
  else if (format == FORMAT_JSON)
    fputs ("[\n", stdout);
}

/* What the details pane says about packet `i`: its heading, the
 * explanation, the related packets and the states line.  Text separates
 * packets with a blank line; a TSV row has the paragraphs and the states'
 * lines joined by newlines (written \n), the related packets as
 * "role:frame" pairs; JSON has arrays. */
static void
print_explain_row (HsCapture *capture,
                   guint      i,
                   Format     format,
                   gboolean  *first_row)
{
  const HsPacketRecord *rec = hs_capture_get_record (capture, i);
  g_autoptr(GBytes) bytes = hs_capture_read_packet (capture, i, NULL);
  g_autofree char *title = hs_explain_title (capture, i);
  g_autofree char *info = hs_explain_info (capture, i, bytes);
  g_autofree char *states = NULL;
  g_auto(GStrv) paragraphs = hs_explain_paragraphs (capture, i, &states);
  g_auto(GStrv) state_lines = NULL;
  guint related[8];
  HsRelation roles[G_N_ELEMENTS (related)];
  guint n_related = hs_explain_related (capture, i, related, roles, G_N_ELEMENTS (related));
  guint k;

  if (states != NULL)
    state_lines = g_strsplit (states, "\n", -1);

  if (format == FORMAT_TEXT)
    {
      if (!*first_row)
        putchar ('\n');
      printf ("%s\n", title);
      for (k = 0; paragraphs[k] != NULL; k++)
        printf ("\n%s\n", paragraphs[k]);
      if (n_related > 0 || states != NULL)
        putchar ('\n');
      for (k = 0; k < n_related; k++)
        /* Translators: handshake-cli explain's text for a link of the details pane,
         * "Related: frame 5, the ACK this one repeats" */
        printf (_("Related: frame %u, %s\n"), related[k] + 1, hs_relation_describe (roles[k]));
      if (states != NULL)
        printf ("%s\n", states);
    }
  else if (format == FORMAT_TSV)
    {
      printf ("%u\t", i + 1);
      if (rec->stream != HS_NO_STREAM)
        printf ("%u", rec->stream);
      else
        putchar ('-');
      putchar ('\t');
      print_tsv_text (title);
      putchar ('\t');
      print_tsv_text (info);
      putchar ('\t');
      for (k = 0; paragraphs[k] != NULL; k++)
        {
          if (k > 0)
            fputs ("\\n", stdout);
          print_tsv_text (paragraphs[k]);
        }
      putchar ('\t');
      for (k = 0; k < n_related; k++)
        printf ("%s%s:%u", k > 0 ? "," : "", hs_relation_name (roles[k]), related[k] + 1);
      if (n_related == 0)
        putchar ('-');
      putchar ('\t');
      if (states != NULL)
        print_tsv_text (states);
      else
        putchar ('-');
      putchar ('\n');
    }
  else
    {
      printf ("%s  {\"frame\": %u, \"stream\": ", *first_row ? "" : ",\n", i + 1);
      if (rec->stream != HS_NO_STREAM)
        printf ("%u", rec->stream);
      else
        fputs ("null", stdout);
      fputs (", \"title\": ", stdout);
      print_json_string (title);
      fputs (", \"info\": ", stdout);
      print_json_string (info);
      fputs (", \"explanation\": [", stdout);
      for (k = 0; paragraphs[k] != NULL; k++)
        {
          if (k > 0)
            fputs (", ", stdout);
          print_json_string (paragraphs[k]);
        }
      fputs ("], \"related\": [", stdout);
      for (k = 0; k < n_related; k++)
        {
          printf ("%s{\"frame\": %u, \"role\": \"%s\", \"description\": ", k > 0 ? ", " : "",
                  related[k] + 1, hs_relation_name (roles[k]));
          print_json_string (hs_relation_describe (roles[k]));
          putchar ('}');
        }
      fputs ("], \"states\": [", stdout);
      for (k = 0; state_lines != NULL && state_lines[k] != NULL; k++)
        {
          if (k > 0)
            fputs (", ", stdout);
          print_json_string (state_lines[k]);
        }
      fputs ("]}", stdout);
    }
  *first_row = FALSE;
}

static int
cmd_explain (int    argc,
             char **argv)
{
  g_autoptr(HsCapture) capture = NULL;
  g_autofree char *frame_str = NULL;
  guint64 frame = 0;
  Format format;
  gboolean first_row = TRUE;
  guint n, i;
  int status;
  const GOptionEntry entries[] = {
    { "frame", 'n', 0, G_OPTION_ARG_STRING, &frame_str,
      N_("Explain only frame N (numbered from 1, as in the packet list)"), N_("N") },
    { NULL }
  };

  status = parse_command (&argc, &argv,
    _("FILE — what each packet means, in plain words"),
    _("For each packet (or only the one --frame names), what the window’s details pane\n"
      "says about it: the heading, the explanation, the related packets and the TCP\n"
      "states it changes, in the language of the locale (LANGUAGE=zh_CN for Chinese).\n"
      "TSV columns: frame, stream, title, Info (as in Wireshark), the explanation (its\n"
      "paragraphs joined by \\n), the related packets as role:frame pairs and the states\n"
      "(lines joined by \\n); JSON has the same keys, with arrays."),
    "explain", entries, TRUE, &format);
  if (status >= 0)
    return status;

  if (frame_str != NULL &&
      !g_ascii_string_to_unsigned (frame_str, 10, 1, G_MAXUINT, &frame, NULL))
    {
      g_printerr (_("%s: bad frame number “%s” (frames are numbered from 1)\n"), prgname,
                  frame_str);
      return EXIT_USAGE;
    }

  if (!(capture = load_capture (argv[1])))
    return EXIT_ERROR;

  n = hs_capture_get_n_packets (capture);
  if (frame > n)
    {
      if (n == 0)
        g_printerr (_("%s: %s: no frame %u; the capture has no packets\n"), prgname,
                    hs_capture_get_path (capture), (guint) frame);
      else if (n == 1)
        g_printerr (_("%s: %s: no frame %u; the capture has only frame 1\n"), prgname,
                    hs_capture_get_path (capture), (guint) frame);
      else
        g_printerr (_("%s: %s: no frame %u; the capture has %u packets (1 to %u)\n"), prgname,
                    hs_capture_get_path (capture), (guint) frame, n, n);
      finish (capture);
      return EXIT_ERROR;
    }

  print_explain_header (format);
  for (i = frame > 0 ? (guint) frame - 1 : 0; i < n; i++)
    {
      print_explain_row (capture, i, format, &first_row);
      if (frame > 0)
        break;
    }
  print_rows_footer (format, first_row);
  fflush (stdout);

  return finish (capture);
}

/* Parses --range FROM:TO (frame numbers as the packet list shows them,
 * 1-based and inclusive; either side may be left out).  FALSE for anything
 * else. */
static gboolean
parse_frame_range (const char *text,
                   guint      *from,
                   guint      *to)
{
  g_auto(GStrv) sides = NULL;
  guint64 v;

  *from = 1;
  *to = G_MAXUINT;

  sides = g_strsplit (text, ":", -1);
  if (g_strv_length (sides) != 2)
    return FALSE;

  if (sides[0][0] != 0)
    {
      if (!g_ascii_string_to_unsigned (sides[0], 10, 1, G_MAXUINT, &v, NULL))
        return FALSE;
      *from = (guint) v;
    }
  if (sides[1][0] != 0)
    {
      if (!g_ascii_string_to_unsigned (sides[1], 10, 1, G_MAXUINT, &v, NULL))
        return FALSE;
      *to = (guint) v;
    }

  return *from <= *to;
}

/* The positions (indexes into the connection's packets) of the frames
 * numbered from .. to (1-based); FALSE if none of its packets is among
 * them. */
static gboolean
frames_to_positions (HsCapture *capture,
                     guint      stream,
                     guint      from,
                     guint      to,
                     guint     *first,
                     guint     *last)
{
  /* frame number k is frame index k - 1: numbers >= from are indexes
   * >= from - 1, numbers > to are indexes >= to */
  guint begin = hs_capture_stream_lower_bound (capture, stream, from - 1);
  guint end = hs_capture_stream_lower_bound (capture, stream, to);

  if (end <= begin)
    return FALSE;

  *first = begin;
  *last = end - 1;
  return TRUE;
}

/* FALSE, after saying so, when the capture has no connection numbered
 * `stream`. */
static gboolean
check_stream (HsCapture *capture,
              guint64    stream)
{
  guint n_conns = hs_capture_get_n_connections (capture);

  if (stream < n_conns)
    return TRUE;

  if (n_conns == 0)
    g_printerr (_("%s: %s: no TCP connection with stream number %u; the capture has none\n"),
                prgname, hs_capture_get_path (capture), (guint) stream);
  else if (n_conns == 1)
    g_printerr (_("%s: %s: no TCP connection with stream number %u; the capture has only "
                  "stream 0\n"),
                prgname, hs_capture_get_path (capture), (guint) stream);
  else
    g_printerr (_("%s: %s: no TCP connection with stream number %u; the capture has %u "
                  "(0 to %u)\n"),
                prgname, hs_capture_get_path (capture), (guint) stream, n_conns, n_conns - 1);
  return FALSE;
}

/* The checks the export commands share.  Each says what is wrong and
 * returns FALSE; `command` is the command's name, "export ladder". */
static gboolean
check_export_file_count (const char *command,
                         int         argc)
{
  if (argc == 2)
    return TRUE;

  g_printerr (_("%s: %s needs exactly one capture file (see --help)\n"), prgname, command);
  return FALSE;
}

/* --stream N and -o OUT are required; the name of OUT chooses the format. */
static gboolean
check_export_stream_output (const char *command,
                            const char *stream_str,
                            guint64    *stream,
                            const char *output)
{
  HsExportFormat export_format;

  if (stream_str == NULL)
    {
      g_printerr (_("%s: %s needs --stream N, the connection to draw (see --help)\n"),
                  prgname, command);
      return FALSE;
    }
  if (!g_ascii_string_to_unsigned (stream_str, 10, 0, G_MAXUINT, stream, NULL))
    {
      g_printerr (_("%s: bad stream number “%s”\n"), prgname, stream_str);
      return FALSE;
    }
  if (output == NULL)
    {
      g_printerr (_("%s: %s needs -o OUT.png, OUT.svg or OUT.pdf (see --help)\n"),
                  prgname, command);
      return FALSE;
    }
  if (!hs_export_format_from_path (output, &export_format))
    {
      g_autofree char *display = g_filename_display_name (output);

      g_printerr (_("%s: cannot tell the format of “%s”: the name must end in .png, .svg or .pdf\n"),
                  prgname, display);
      return FALSE;
    }
  return TRUE;
}

/* --palette, when given; `palette` keeps its default otherwise. */
static gboolean
check_export_palette (const char    *palette_str,
                      HsPaletteKind *palette)
{
  if (palette_str == NULL || hs_palette_kind_from_name (palette_str, palette))
    return TRUE;

  g_printerr (_("%s: unknown palette “%s” (use print, light or dark)\n"), prgname, palette_str);
  return FALSE;
}

/* Loads FILE for an export of connection `stream`: NULL, after saying why,
 * when it cannot be read or has no such connection. */
static HsCapture *
load_export_capture (const char *path,
                     guint64     stream)
{
  g_autoptr(HsCapture) capture = load_capture (path);

  if (capture == NULL)
    return NULL;

  if (!check_stream (capture, stream))
    {
      finish (capture);
      return NULL;
    }
  return g_steal_pointer (&capture);
}

/* The exit code of an export that ran: `error` is set when it failed. */
static int
finish_export (HsCapture    *capture,
               const GError *error)
{
  if (error != NULL)
    {
      g_printerr ("%s: %s\n", prgname, error->message);
      finish (capture);
      return EXIT_ERROR;
    }
  return finish (capture);
}

static int
cmd_export_ladder (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCapture) capture = NULL;
  g_autofree char *stream_str = NULL;
  g_autofree char *range_str = NULL;
  g_autofree char *palette_str = NULL;
  g_autofree char *title = NULL;
  g_autofree char *output = NULL;
  g_autofree char *summary = NULL;
  gboolean time_true = FALSE;
  gboolean collapse = FALSE;
  int width = 0;
  HsLadderExportOptions options;
  HsPaletteKind palette = HS_PALETTE_PRINT;
  const guint32 *frames;
  guint64 stream;
  guint from = 1, to = G_MAXUINT;
  guint n_frames;
  const GOptionEntry entries[] = {
    { "stream", 's', 0, G_OPTION_ARG_STRING, &stream_str,
      N_("Stream number of the connection to draw (required)"), N_("N") },
    { "range", 'r', 0, G_OPTION_ARG_STRING, &range_str,
      N_("Only the packets numbered FROM to TO"), N_("FROM:TO") },
    { "time-true", 't', 0, G_OPTION_ARG_NONE, &time_true,
      N_("Space the rows by time, not one row per packet"), NULL },
    { "collapse", 'c', 0, G_OPTION_ARG_NONE, &collapse,
      N_("Fold runs of uneventful data into one row each"), NULL },
    { "palette", 'p', 0, G_OPTION_ARG_STRING, &palette_str,
      N_("Colours: print (default), light or dark"), N_("PALETTE") },
    { "width", 'w', 0, G_OPTION_ARG_INT, &width,
      N_("Width in pixels, 600 or more (default 1000)"), N_("PX") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title,
      N_("Title (default: file, endpoints and stream)"), N_("TEXT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("File to write: .png, .svg or .pdf (required)"), N_("OUT") },
    { NULL }
  };

  context = g_option_context_new (_("FILE — draw the ladder diagram of one TCP connection"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* Translators: %s is the command, "handshake-cli export ladder" */
  summary = g_strdup_printf (_("Draws one TCP connection as the window’s ladder diagram: an arrow per\n"
                               "packet with its flags, relative numbers, window and length, anomaly\n"
                               "colours and badges, the phases and each side’s TCP state.\n"
                               "\n"
                               "The name of the output chooses the format: PNG, SVG (with the labels\n"
                               "also as text) or PDF (A4-wide pages); a PNG is at most 32,767 pixels\n"
                               "tall. --range takes packet numbers as the packet list shows them,\n"
                               "from 1; “120:” and “:180” leave out one side.\n"
                               "\n"
                               "Example: %s --stream 0 --range 120:180 -o ladder.svg capture.pcapng"),
                             g_get_prgname ());
  g_option_context_set_summary (context, summary);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s: %s\n", prgname, error->message);
      return EXIT_USAGE;
    }
  if (!check_export_file_count ("export ladder", argc))
    return EXIT_USAGE;
  if (!check_export_stream_output ("export ladder", stream_str, &stream, output))
    return EXIT_USAGE;
  if (range_str != NULL && !parse_frame_range (range_str, &from, &to))
    {
      g_printerr (_("%s: bad range “%s”: use FROM:TO with packet numbers from 1, FROM not after TO "
                    "(for example 120:180, 120: or :180)\n"),
                  prgname, range_str);
      return EXIT_USAGE;
    }
  if (!check_export_palette (palette_str, &palette))
    return EXIT_USAGE;
  if (width != 0 && (width < (int) HS_LADDER_MIN_WIDTH || width > 32767))
    {
      g_printerr (_("%s: the width must be from %d to %d pixels\n"),
                  prgname, (int) HS_LADDER_MIN_WIDTH, 32767);
      return EXIT_USAGE;
    }

  if (!(capture = load_export_capture (argv[1], stream)))
    return EXIT_ERROR;

  hs_ladder_export_options_init (&options);
  frames = hs_capture_get_stream_packets (capture, (guint) stream, &n_frames);
  if (range_str != NULL &&
      !frames_to_positions (capture, (guint) stream, from, to,
                           &options.first_pos, &options.last_pos))
    {
      g_printerr (_("%s: %s: stream %u has no packets in the range %s (its packets are "
                    "numbered %u to %u)\n"),
                  prgname, hs_capture_get_path (capture), (guint) stream, range_str,
                  frames[0] + 1, frames[n_frames - 1] + 1);
      finish (capture);
      return EXIT_ERROR;
    }

  options.mode = time_true ? HS_LADDER_TIME_TRUE : HS_LADDER_PACKET_ORDER;
  options.collapse = collapse;
  options.palette = palette;
  options.width = width;
  options.title = title;

  hs_ladder_export (capture, (guint) stream, &options, output, &error);
  return finish_export (capture, error);
}

/* Parses --time FROM:TO, seconds since the connection's first packet
 * (either side may be left out: 0 and the end).  FALSE for anything
 * else. */
static gboolean
parse_time_range (const char *text,
                  gint64     *t0_ns,
                  gint64     *t1_ns)
{
  g_auto(GStrv) sides = NULL;
  double t[2] = { 0, -1 };

  sides = g_strsplit (text, ":", -1);
  if (g_strv_length (sides) != 2)
    return FALSE;

  for (guint i = 0; i < 2; i++)
    {
      char *end = NULL;

      if (sides[i][0] == 0)
        continue;
      t[i] = g_ascii_strtod (sides[i], &end);
      if (end == sides[i] || *end != 0 || !isfinite (t[i]) || t[i] < 0 || t[i] > 1e9)
        return FALSE;
    }

  *t0_ns = (gint64) llround (t[0] * 1e9);
  *t1_ns = t[1] < 0 ? G_MAXINT64 : (gint64) llround (t[1] * 1e9);
  return *t0_ns < *t1_ns;
}

static int
cmd_export_graph (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCapture) capture = NULL;
  g_autofree char *kind_str = NULL;
  g_autofree char *stream_str = NULL;
  g_autofree char *direction_str = NULL;
  g_autofree char *average_str = NULL;
  g_autofree char *time_str = NULL;
  g_autofree char *palette_str = NULL;
  g_autofree char *title = NULL;
  g_autofree char *output = NULL;
  g_autofree char *summary = NULL;
  int width = 0;
  int height = 0;
  HsGraphExportOptions options;
  HsGraphKind kind;
  HsGraphDirections directions = 0;
  HsPaletteKind palette = HS_PALETTE_PRINT;
  gint64 average_ns = 0;
  gint64 t0 = 0, t1 = 0;
  guint64 stream;
  const GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind_str,
      N_("Graph: window, tcptrace, stevens, throughput or rtt (required)"), N_("KIND") },
    { "stream", 's', 0, G_OPTION_ARG_STRING, &stream_str,
      N_("Stream number of the connection to draw (required)"), N_("N") },
    { "direction", 'd', 0, G_OPTION_ARG_STRING, &direction_str,
      N_("Direction: both, 0 (from the first sender) or 1 (default: both; for the "
         "time-sequence graphs the one that sent more)"), N_("DIR") },
    { "average", 'a', 0, G_OPTION_ARG_STRING, &average_str,
      N_("Throughput: moving-average window in seconds, 0.0001 to 60 (default: fitted to the "
         "connection’s length and packet spacing)"),
      N_("SECONDS") },
    { "time", 't', 0, G_OPTION_ARG_STRING, &time_str,
      N_("Only the time from FROM to TO seconds after the connection’s first packet"),
      N_("FROM:TO") },
    { "palette", 'p', 0, G_OPTION_ARG_STRING, &palette_str,
      N_("Colours: print (default), light or dark"), N_("PALETTE") },
    { "width", 'w', 0, G_OPTION_ARG_INT, &width,
      N_("Width in pixels, 400 or more (default 1200)"), N_("PX") },
    { "height", 0, 0, G_OPTION_ARG_INT, &height,
      N_("Height in pixels, 250 or more (default 700)"), N_("PX") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title,
      N_("Title (default: file, graph, endpoints and stream)"), N_("TEXT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("File to write: .png, .svg or .pdf (required)"), N_("OUT") },
    { NULL }
  };

  context = g_option_context_new (_("FILE — draw a graph of one TCP connection"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* Translators: %s is the command, "handshake-cli export graph" */
  summary = g_strdup_printf (_("Draws one of the window’s graphs of a TCP connection:\n"
                               "  window      advertised receive window and bytes in flight\n"
                               "  tcptrace    time-sequence graph, tcptrace style: segments, ACKs,\n"
                               "              receive window, SACK blocks\n"
                               "  stevens     time-sequence graph, Stevens style: one dot per segment\n"
                               "  throughput  throughput and goodput, as a moving average\n"
                               "  rtt         round-trip time of each acknowledged segment\n"
                               "\n"
                               "The name of the output chooses the format: PNG, SVG (with the labels\n"
                               "also as text) or PDF. Direction 0 is what the first sender (normally\n"
                               "the client) sends, 1 the other way.\n"
                               "\n"
                               "Example: %s --kind tcptrace --stream 0 --direction 1 -o seq.svg capture.pcapng"),
                             g_get_prgname ());
  g_option_context_set_summary (context, summary);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s: %s\n", prgname, error->message);
      return EXIT_USAGE;
    }
  if (!check_export_file_count ("export graph", argc))
    return EXIT_USAGE;
  if (kind_str == NULL)
    {
      g_printerr (_("%s: %s needs --kind window, tcptrace, stevens, throughput or rtt "
                    "(see --help)\n"),
                  prgname, "export graph");
      return EXIT_USAGE;
    }
  if (!hs_graph_kind_from_name (kind_str, &kind))
    {
      g_printerr (_("%s: unknown graph “%s” (use window, tcptrace, stevens, throughput or rtt)\n"),
                  prgname, kind_str);
      return EXIT_USAGE;
    }
  if (!check_export_stream_output ("export graph", stream_str, &stream, output))
    return EXIT_USAGE;
  if (direction_str != NULL)
    {
      if (g_str_equal (direction_str, "0"))
        directions = HS_GRAPH_DIR_0;
      else if (g_str_equal (direction_str, "1"))
        directions = HS_GRAPH_DIR_1;
      else if (g_str_equal (direction_str, "both"))
        directions = HS_GRAPH_DIR_BOTH;
      else
        {
          g_printerr (_("%s: unknown direction “%s” (use both, 0 or 1)\n"),
                      prgname, direction_str);
          return EXIT_USAGE;
        }
      if (directions == HS_GRAPH_DIR_BOTH &&
          (kind == HS_GRAPH_TCPTRACE || kind == HS_GRAPH_STEVENS))
        {
          g_printerr (_("%s: a time-sequence graph draws one direction: use --direction 0 or 1, "
                        "or leave it out for the one that sent more\n"),
                      prgname);
          return EXIT_USAGE;
        }
    }
  if (average_str != NULL)
    {
      char *end = NULL;
      double seconds = g_ascii_strtod (average_str, &end);

      if (end == average_str || *end != 0 || !isfinite (seconds) ||
          seconds < HS_GRAPH_MIN_AVERAGE_NS / 1e9 - 1e-12 ||
          seconds > HS_GRAPH_MAX_AVERAGE_NS / 1e9)
        {
          g_printerr (_("%s: bad averaging window “%s”: use seconds from 0.0001 to 60\n"),
                      prgname, average_str);
          return EXIT_USAGE;
        }
      average_ns = (gint64) llround (seconds * 1e9);
    }
  if (time_str != NULL && !parse_time_range (time_str, &t0, &t1))
    {
      g_printerr (_("%s: bad time range “%s”: use FROM:TO in seconds after the connection’s "
                    "first packet, FROM before TO (for example 0.5:2, 1.5: or :3)\n"),
                  prgname, time_str);
      return EXIT_USAGE;
    }
  if (!check_export_palette (palette_str, &palette))
    return EXIT_USAGE;
  if (width != 0 && (width < 400 || width > 32767))
    {
      g_printerr (_("%s: the width must be from %d to %d pixels\n"), prgname, 400, 32767);
      return EXIT_USAGE;
    }
  if (height != 0 && (height < 250 || height > 32767))
    {
      g_printerr (_("%s: the height must be from %d to %d pixels\n"), prgname, 250, 32767);
      return EXIT_USAGE;
    }

  if (!(capture = load_export_capture (argv[1], stream)))
    return EXIT_ERROR;

  if (time_str != NULL)
    {
      const HsConnection *conn = hs_capture_get_connection (capture, (guint) stream);
      gint64 duration = conn->last_ts_ns - conn->first_ts_ns;

      if (t0 > duration)
        {
          g_printerr (_("%s: %s: stream %u has no packets in the time range %s (it lasts %.6f s)\n"),
                      prgname, hs_capture_get_path (capture), (guint) stream, time_str,
                      duration / 1e9);
          finish (capture);
          return EXIT_ERROR;
        }
      t1 = MIN (t1, duration);
      if (t1 <= t0)
        t1 = t0 + 1000;
    }

  hs_graph_export_options_init (&options);
  options.kind = kind;
  options.directions = directions;
  options.average_window_ns = average_ns;
  options.t0_ns = t0;
  options.t1_ns = t1;
  options.palette = palette;
  options.width = width;
  options.height = height;
  options.title = title;

  hs_graph_export (capture, (guint) stream, &options, output, &error);
  return finish_export (capture, error);
}

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

      endpoint_names_fill (&names, hs_capture_get_connection (capture, run->names->len));
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
    print_analyze_row (capture, (const EndpointNames *) (gpointer) run->names->data, i,
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
  print_conversation_row (c, &g_array_index (run->names, EndpointNames, stream),
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

static int
cmd_capture (int    argc,
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
  if (!parse_format (format_str, FALSE, &run.format))
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
  g_array_set_clear_func (run.names, endpoint_names_clear);
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
    print_analyze_header (run.format);
  else if (run.format == FORMAT_TSV)
    print_conversations_header (run.format);
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
    print_rows_footer (run.format, run.first_row);
  else
    {
      putchar ('\n');
      print_conversations (hs_live_capture_get_capture (live), run.format);
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

static void
print_export_usage (FILE *out)
{
  fprintf (out, _("Usage:\n"
                  "  %s export KIND [OPTION…] FILE\n"
                  "\n"
                  "Kinds:\n"
                  "  ladder          The ladder diagram of one TCP connection, as PNG, SVG or PDF\n"
                  "  graph           A graph of one TCP connection (window size, time-sequence,\n"
                  "                  throughput or round-trip time), as PNG, SVG or PDF\n"
                  "\n"
                  "Run “%s export KIND --help” for the options of a kind.\n"),
           prgname, prgname);
}

static int
cmd_export (int    argc,
            char **argv)
{
  g_autofree char *name = NULL;
  const char *kind;

  if (argc < 2)
    {
      print_export_usage (stderr);
      return EXIT_USAGE;
    }

  kind = argv[1];
  if (g_str_equal (kind, "--help") || g_str_equal (kind, "-h") || g_str_equal (kind, "help"))
    {
      print_export_usage (stdout);
      return EXIT_OK;
    }

  name = g_strdup_printf ("%s export %s", prgname, kind);
  argv[1] = name;
  g_set_prgname (name);
  if (g_str_equal (kind, "ladder"))
    return cmd_export_ladder (argc - 1, argv + 1);
  if (g_str_equal (kind, "graph"))
    return cmd_export_graph (argc - 1, argv + 1);

  g_printerr (_("%s: unknown kind of export “%s”\n"), prgname, kind);
  print_export_usage (stderr);
  return EXIT_USAGE;
}

static void
print_usage (FILE *out)
{
  fprintf (out, _("Usage:\n"
                  "  %s COMMAND [OPTION…] FILE\n"
                  "\n"
                  "Commands:\n"
                  "  analyze         One row per TCP packet with Wireshark’s TCP analysis\n"
                  "  conversations   One row per TCP connection: endpoints, how it ended,\n"
                  "                  packets, bytes, duration, initial RTT, anomalies\n"
                  "  explain         What each packet means, in plain words, as the details\n"
                  "                  pane says it (or only frame N: --frame N)\n"
                  "  capture         Capture on a network interface (-i IFACE) and print the\n"
                  "                  connections, or the packets, as they arrive\n"
                  "  export ladder   Draw the ladder diagram of one connection to a PNG,\n"
                  "                  SVG or PDF file\n"
                  "  export graph    Draw a graph of one connection (window size,\n"
                  "                  time-sequence, throughput, RTT) to a PNG, SVG or PDF file\n"
                  "\n"
                  "Run “%s COMMAND --help” for the options of a command.\n"
                  "Exit status: 0 success, 1 the file could not be read or written (or\n"
                  "capturing failed), 2 bad usage (or a bad capture filter), 3 the file is\n"
                  "damaged (everything readable was printed or exported first).\n"),
           prgname, prgname);
}

int
main (int    argc,
      char **argv)
{
  static char stdout_buf[1 << 16];
  g_autofree char *name = NULL;
  const char *command;

  setlocale (LC_ALL, "");
  /* the build tree's translations for the tests, as the window does */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("HANDSHAKE_LOCALEDIR") != NULL
                                   ? g_getenv ("HANDSHAKE_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* numbers in the tables are machine-readable whatever the locale */
  setlocale (LC_NUMERIC, "C");
  setvbuf (stdout, stdout_buf, _IOFBF, sizeof stdout_buf);
  g_set_prgname (prgname);

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }

  command = argv[1];

  if (g_str_equal (command, "--help") || g_str_equal (command, "-h") ||
      g_str_equal (command, "help"))
    {
      print_usage (stdout);
      return EXIT_OK;
    }
  if (g_str_equal (command, "--version"))
    {
      printf ("%s %s\n", prgname, PACKAGE_VERSION);
      return EXIT_OK;
    }

  /* argv[1..] becomes the sub-command's argv so that --help names it */
  name = g_strdup_printf ("%s %s", prgname, command);
  argv[1] = name;
  g_set_prgname (name);
  if (g_str_equal (command, "analyze"))
    return cmd_analyze (argc - 1, argv + 1);
  if (g_str_equal (command, "conversations"))
    return cmd_conversations (argc - 1, argv + 1);
  if (g_str_equal (command, "explain"))
    return cmd_explain (argc - 1, argv + 1);
  if (g_str_equal (command, "export"))
    return cmd_export (argc - 1, argv + 1);
  if (g_str_equal (command, "capture"))
    return cmd_capture (argc - 1, argv + 1);

  g_printerr (_("%s: unknown command “%s”\n"), prgname, command);
  print_usage (stderr);
  return EXIT_USAGE;
}
