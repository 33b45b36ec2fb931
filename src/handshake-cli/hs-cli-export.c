/* hs-cli-export.c
 *
 * `handshake-cli export ladder` and `export graph`: one connection drawn to PNG, SVG or PDF.
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

#include "hs-cli-private.h"

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

  if (stream < n_conns && hs_capture_get_connection (capture, stream)->n_packets > 0)
    return TRUE;

  if (stream < n_conns)
    {
      g_printerr (_("%s: %s: stream %u has no TCP segments: Wireshark numbers it for a TCP "
                    "header quoted in an ICMP error, or for the bytes a SOCKS proxy carries\n"),
                  prgname, hs_capture_get_path (capture), (guint) stream);
      return FALSE;
    }

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
  g_autoptr(HsCapture) capture = _hs_cli_load_capture (path);

  if (capture == NULL)
    return NULL;

  if (!check_stream (capture, stream))
    {
      _hs_cli_finish (capture);
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
      _hs_cli_finish (capture);
      return EXIT_ERROR;
    }
  return _hs_cli_finish (capture);
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
      _hs_cli_finish (capture);
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
          _hs_cli_finish (capture);
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

int
_hs_cli_cmd_export (int    argc,
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
