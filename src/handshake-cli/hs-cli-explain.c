/* hs-cli-explain.c
 *
 * `handshake-cli explain`: what each packet means, as the details pane says it.
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
      _hs_cli_print_json_string (title);
      fputs (", \"info\": ", stdout);
      _hs_cli_print_json_string (info);
      fputs (", \"explanation\": [", stdout);
      for (k = 0; paragraphs[k] != NULL; k++)
        {
          if (k > 0)
            fputs (", ", stdout);
          _hs_cli_print_json_string (paragraphs[k]);
        }
      fputs ("], \"related\": [", stdout);
      for (k = 0; k < n_related; k++)
        {
          printf ("%s{\"frame\": %u, \"role\": \"%s\", \"description\": ", k > 0 ? ", " : "",
                  related[k] + 1, hs_relation_name (roles[k]));
          _hs_cli_print_json_string (hs_relation_describe (roles[k]));
          putchar ('}');
        }
      fputs ("], \"states\": [", stdout);
      for (k = 0; state_lines != NULL && state_lines[k] != NULL; k++)
        {
          if (k > 0)
            fputs (", ", stdout);
          _hs_cli_print_json_string (state_lines[k]);
        }
      fputs ("]}", stdout);
    }
  *first_row = FALSE;
}

int
_hs_cli_cmd_explain (int    argc,
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

  status = _hs_cli_parse_command (&argc, &argv,
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

  if (!(capture = _hs_cli_load_capture (argv[1])))
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
      _hs_cli_finish (capture);
      return EXIT_ERROR;
    }

  print_explain_header (format);
  for (i = frame > 0 ? (guint) frame - 1 : 0; i < n; i++)
    {
      print_explain_row (capture, i, format, &first_row);
      if (frame > 0)
        break;
    }
  _hs_cli_print_rows_footer (format, first_row);
  fflush (stdout);

  return _hs_cli_finish (capture);
}
