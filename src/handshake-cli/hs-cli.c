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
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hs-cli-private.h"

/* --format: tsv or json, and text where `text_default` (then the default). */
gboolean
_hs_cli_parse_format (const char  *text,
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
int
_hs_cli_parse_command (int                 *argc,
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
  if (!_hs_cli_parse_format (format_str, text_default, format))
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
HsCapture *
_hs_cli_load_capture (const char *path)
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
int
_hs_cli_finish (HsCapture *capture)
{
  const GError *problem = hs_capture_get_problem (capture);

  if (problem == NULL)
    return EXIT_OK;

  g_printerr (_("%s: %s: %s; packets from number %u on could not be read\n"),
              prgname, hs_capture_get_path (capture), problem->message,
              hs_capture_get_problem_frame (capture));
  return EXIT_DAMAGED;
}

void
_hs_cli_format_flags (guint  flags,
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
void
_hs_cli_format_analysis (guint  analysis,
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

void
_hs_cli_endpoint_names_fill (EndpointNames      *names,
                             const HsConnection *conn)
{
  names->addr[0] = hs_format_address (conn->ip_version, conn->endpoint[0].addr);
  names->addr[1] = hs_format_address (conn->ip_version, conn->endpoint[1].addr);
}

EndpointNames *
_hs_cli_endpoint_names_new (HsCapture *capture)
{
  guint n = hs_capture_get_n_connections (capture);
  EndpointNames *names = g_new0 (EndpointNames, MAX (n, 1));
  guint i;

  for (i = 0; i < n; i++)
    _hs_cli_endpoint_names_fill (&names[i], hs_capture_get_connection (capture, i));

  return names;
}

void
_hs_cli_endpoint_names_clear (gpointer data)
{
  EndpointNames *names = data;

  g_clear_pointer (&names->addr[0], g_free);
  g_clear_pointer (&names->addr[1], g_free);
}

void
_hs_cli_endpoint_names_free (EndpointNames *names,
                             guint          n)
{
  guint i;

  for (i = 0; i < n; i++)
    _hs_cli_endpoint_names_clear (&names[i]);
  g_free (names);
}

/* The options a side offered in its SYN: "MSS=1460,WS=7,SACK_PERM,TS",
 * "none", or "-" when its SYN was not captured. */
void
_hs_cli_format_options (const HsEndpoint *ep,
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

void
_hs_cli_print_json_string (const char *s)
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

/* The end of a table: JSON closes its array (`first_row` TRUE when no row
 * was printed). */
void
_hs_cli_print_rows_footer (Format   format,
                           gboolean first_row)
{
  if (format == FORMAT_JSON)
    fputs (first_row ? "]\n" : "\n]\n", stdout);
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
    return _hs_cli_cmd_analyze (argc - 1, argv + 1);
  if (g_str_equal (command, "conversations"))
    return _hs_cli_cmd_conversations (argc - 1, argv + 1);
  if (g_str_equal (command, "explain"))
    return _hs_cli_cmd_explain (argc - 1, argv + 1);
  if (g_str_equal (command, "export"))
    return _hs_cli_cmd_export (argc - 1, argv + 1);
  if (g_str_equal (command, "capture"))
    return _hs_cli_cmd_capture (argc - 1, argv + 1);

  g_printerr (_("%s: unknown command “%s”\n"), prgname, command);
  print_usage (stderr);
  return EXIT_USAGE;
}
