/* hs-ladder-bench.c
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

/* Times the ladder diagram of the biggest connection of one or more
 * captures, without a display:
 *
 *   hs-ladder-bench [--frames K] [--seed S] [--window W]
 *                   [--svg OUT.svg] [--svg-packets N] FILE…
 *
 * For packet order and for time-true it builds each capture's layout at
 * width 1200 (the time of hs_ladder_layout_new() plus the width and the
 * mode), then paints a 1200x800 viewport (hs_ladder_paint() under
 * hs_ladder_paint_header() on an image surface, as the widget's snapshot
 * does) K times and reports the median, 95th percentile and maximum, for
 * two ways of moving:
 *
 *   jump    K random scroll positions: on a long connection every frame
 *           shows rows not seen before, whose labels are built anew (the
 *           layout keeps the texts of the last few thousand rows only);
 *   scroll  K frames scrolling down 50 pixels at a time from a random
 *           place, as with the mouse wheel.
 *
 * With --window W, each connection longer than W is also timed as a layout
 * limited to W positions in its middle (hs_ladder_layout_set_range()): the
 * same kind of packets in W rows, a control for what the rows contain.
 *
 * The layouts are painted in turn, frame by frame (one frame of the first,
 * one of the second, …), so that whatever else runs on the machine slows
 * them all alike and their ratios stay meaningful.
 *
 * With --svg it also times hs_ladder_export() of the first N packets
 * (default 10,000) of the biggest connection to an SVG file.
 *
 * With --live B it grows a live document over the biggest capture, B
 * packets a batch, and after each batch times bringing the biggest
 * connection's layout up to date with hs_ladder_layout_extend() against
 * making it anew (hs_ladder_layout_new() and the settings), in packet
 * order, packet order with collapsed runs, and time-true; it checks that
 * both have as many rows.
 *
 * Output: one tab-separated line per measure, for build-aux/bench-ladder.sh:
 *
 *   capture  INDEX  PACKETS  CONNECTIONS  LOAD_MS
 *   stream   INDEX  STREAM  PACKETS
 *   paint    PART  MODE  PATTERN  ROWS  HEIGHT_PX  LAYOUT_MS  MEDIAN_MS  P95_MS
 *            MAX_MS  FRAMES  VISIBLE_ROWS (median per frame)
 *   svg      PACKETS  MS  BYTES
 *   live     MODE  BATCH  BATCHES  PACKETS  EXTEND_MS  NEW_MS  RATIO
 *            TOTAL_EXTEND_MS  TOTAL_NEW_MS  MAX_EXTEND_MS
 *
 * (live: EXTEND_MS and NEW_MS are the medians over the last quarter of the
 * batches, when the connection is biggest; RATIO is NEW_MS / EXTEND_MS;
 * MAX_EXTEND_MS is the slowest batch, what a main-loop iteration waits)
 *
 * where PART is "cI" for capture I (from 0, in the order given) and "cIw"
 * for its window.
 *
 * A benchmark, not a test: the figures depend on the machine.
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "handshake.h"
#include "hs-bench-util.h"
#include "hs-capture-private.h"
#include "hs-export.h"
#include "hs-ladder-layout.h"
#include "hs-ladder-paint.h"
#include "hs-palette.h"

#define VIEW_WIDTH   1200
#define VIEW_HEIGHT  800
#define WARM_UP      5
#define SCROLL_STEP  50.0

/* One layout being timed. */
typedef struct
{
  char           *part;
  HsLadderLayout *layout;
  double          layout_ms;
  double          max_scroll;
  GRand          *rand;
  double         *ys;
  double         *samples;
  double         *visible;
} Subject;

/* Paints one frame; returns the number of rows in view. */
static guint
paint_frame (cairo_t          *cr,
             HsLadderLayout   *layout,
             const HsPalette  *palette,
             double            scroll_y)
{
  HsLadderViewport viewport;
  guint first, last;

  hs_ladder_viewport_init (&viewport);
  viewport.scroll_y = scroll_y;
  viewport.height = VIEW_HEIGHT - hs_ladder_header_height ();
  viewport.show_phases = TRUE;

  cairo_save (cr);
  cairo_translate (cr, 0, hs_ladder_header_height ());
  cairo_rectangle (cr, 0, 0, VIEW_WIDTH, viewport.height);
  cairo_clip (cr);
  hs_ladder_paint (cr, layout, palette, &viewport);
  cairo_restore (cr);

  cairo_save (cr);
  hs_ladder_paint_header (cr, layout, palette, NULL);
  cairo_restore (cr);

  if (!hs_ladder_layout_visible_rows (layout, scroll_y, scroll_y + viewport.height,
                                      &first, &last))
    return 0;
  return last - first + 1;
}

/* window: 0 for the whole connection, else that many positions in its
 * middle */
static Subject *
subject_new (const HsBenchSource *source,
             const char          *part,
             HsLadderMode         mode,
             guint                window,
             guint                frames,
             guint32              seed)
{
  Subject *s = g_new0 (Subject, 1);
  gint64 t0;

  s->part = g_strdup (part);
  t0 = g_get_monotonic_time ();
  s->layout = hs_ladder_layout_new (source->capture, source->stream);
  hs_ladder_layout_set_width (s->layout, VIEW_WIDTH);
  if (window > 0)
    {
      guint first = (source->n_packets - window) / 2;

      hs_ladder_layout_set_range (s->layout, first, first + window - 1);
    }
  hs_ladder_layout_set_mode (s->layout, mode);
  hs_ladder_layout_get_height (s->layout);
  s->layout_ms = (g_get_monotonic_time () - t0) / 1000.0;

  s->max_scroll = MAX (hs_ladder_layout_get_height (s->layout) -
                       (VIEW_HEIGHT - hs_ladder_header_height ()), 0.0);
  s->rand = g_rand_new_with_seed (seed);
  s->ys = g_new (double, frames);
  s->samples = g_new (double, frames);
  s->visible = g_new (double, frames);

  return s;
}

static void
subject_free (Subject *s)
{
  g_free (s->part);
  hs_ladder_layout_free (s->layout);
  g_rand_free (s->rand);
  g_free (s->ys);
  g_free (s->samples);
  g_free (s->visible);
  g_free (s);
}

static void
subject_print (Subject    *s,
               const char *pattern,
               guint       frames)
{
  qsort (s->samples, frames, sizeof *s->samples, hs_bench_compare_doubles);
  qsort (s->visible, frames, sizeof *s->visible, hs_bench_compare_doubles);

  printf ("paint\t%s\t%s\t%s\t%u\t%.0f\t%.3f\t%.3f\t%.3f\t%.3f\t%u\t%.0f\n", s->part,
          hs_ladder_layout_get_mode (s->layout) == HS_LADDER_TIME_TRUE ? "time-true"
                                                                       : "packet-order",
          pattern, hs_ladder_layout_get_n_rows (s->layout),
          hs_ladder_layout_get_height (s->layout), s->layout_ms,
          hs_bench_quantile (s->samples, frames, 0.5),
          hs_bench_quantile (s->samples, frames, 0.95), s->samples[frames - 1], frames,
          hs_bench_quantile (s->visible, frames, 0.5));
}

static void
bench_mode (const HsBenchSource *sources,
            guint                n_sources,
            HsLadderMode         mode,
            guint                window,
            guint                frames,
            guint32              seed)
{
  const HsPalette *palette = hs_palette_get (HS_PALETTE_LIGHT);
  g_autoptr(GPtrArray) subjects = g_ptr_array_new_with_free_func ((GDestroyNotify) subject_free);
  cairo_surface_t *surface;
  cairo_t *cr;
  guint i, j, p;

  for (i = 0; i < n_sources; i++)
    {
      g_autofree char *part = g_strdup_printf ("c%u", i);
      g_autofree char *wpart = g_strdup_printf ("c%uw", i);

      g_ptr_array_add (subjects, subject_new (&sources[i], part, mode, 0, frames, seed));
      if (window > 0 && sources[i].n_packets > window)
        g_ptr_array_add (subjects, subject_new (&sources[i], wpart, mode, window, frames, seed));
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, VIEW_WIDTH, VIEW_HEIGHT);
  cr = cairo_create (surface);

  /* fonts and glyph caches */
  for (j = 0; j < subjects->len; j++)
    {
      Subject *s = g_ptr_array_index (subjects, j);

      for (i = 0; i < WARM_UP; i++)
        paint_frame (cr, s->layout, palette, g_rand_double_range (s->rand, 0, s->max_scroll + 1));
    }

  for (p = 0; p < 2; p++)
    {
      const char *pattern = p == 0 ? "jump" : "scroll";

      for (j = 0; j < subjects->len; j++)
        {
          Subject *s = g_ptr_array_index (subjects, j);
          double start;

          if (p == 0)
            {
              for (i = 0; i < frames; i++)
                s->ys[i] = g_rand_double_range (s->rand, 0, s->max_scroll + 1);
            }
          else
            {
              /* down from a random place, wrapping at the end of a short
               * connection */
              start = g_rand_double_range (s->rand, 0,
                                           MAX (s->max_scroll - frames * SCROLL_STEP, 0.0) + 1);
              for (i = 0; i < frames; i++)
                s->ys[i] = fmod (start + i * SCROLL_STEP, s->max_scroll + 1);
            }
        }

      /* one frame of each layout in turn */
      for (i = 0; i < frames; i++)
        {
          for (j = 0; j < subjects->len; j++)
            {
              Subject *s = g_ptr_array_index (subjects, j);
              gint64 t0 = g_get_monotonic_time ();

              s->visible[i] = paint_frame (cr, s->layout, palette, s->ys[i]);
              cairo_surface_flush (surface);
              s->samples[i] = (g_get_monotonic_time () - t0) / 1000.0;
            }
        }

      for (j = 0; j < subjects->len; j++)
        subject_print (g_ptr_array_index (subjects, j), pattern, frames);
      fflush (stdout);
    }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static HsLadderLayout *
live_layout_new (HsCapture *capture,
                 guint      stream,
                 guint      mode)
{
  HsLadderLayout *layout = hs_ladder_layout_new (capture, stream);

  hs_ladder_layout_set_width (layout, VIEW_WIDTH);
  hs_ladder_layout_set_mode (layout, mode == 2 ? HS_LADDER_TIME_TRUE : HS_LADDER_PACKET_ORDER);
  hs_ladder_layout_set_collapse (layout, mode == 1);
  return layout;
}

static void
bench_live (const HsBenchSource *source,
            guint                batch)
{
  static const char * const mode_names[] = { "packet-order", "collapsed", "time-true" };
  guint mode;

  for (mode = 0; mode < G_N_ELEMENTS (mode_names); mode++)
    {
      g_autoptr(HsCapture) live = _hs_capture_new_live (hs_capture_get_path (source->capture),
                                                        hs_capture_get_interface (source->capture, 0));
      g_autoptr(GArray) extend_ms = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) new_ms = g_array_new (FALSE, FALSE, sizeof (double));
      HsLadderLayout *layout = NULL;
      HsBenchGrower grower;
      double total_extend = 0, total_new = 0, max_extend = 0;
      double med_extend, med_new;
      guint q;

      hs_bench_grower_init (&grower, source->capture, live);
      while (grower.n_packets < hs_capture_get_n_packets (source->capture))
        {
          HsLadderLayout *fresh;
          gint64 t0;
          double ms;

          hs_bench_grower_batch (&grower, batch);
          if (source->stream >= hs_capture_get_n_connections (live))
            continue;
          if (layout == NULL)
            {
              layout = live_layout_new (live, source->stream, mode);
              continue;
            }

          t0 = g_get_monotonic_time ();
          if (!hs_ladder_layout_extend (layout))
            g_error ("hs_ladder_layout_extend() failed");
          ms = (g_get_monotonic_time () - t0) / 1000.0;
          g_array_append_val (extend_ms, ms);
          total_extend += ms;
          max_extend = MAX (max_extend, ms);

          t0 = g_get_monotonic_time ();
          fresh = live_layout_new (live, source->stream, mode);
          ms = (g_get_monotonic_time () - t0) / 1000.0;
          g_array_append_val (new_ms, ms);
          total_new += ms;

          if (hs_ladder_layout_get_n_rows (fresh) != hs_ladder_layout_get_n_rows (layout))
            g_error ("extended and new layouts differ");
          hs_ladder_layout_free (fresh);
        }

      if (extend_ms->len == 0)
        {
          g_clear_pointer (&layout, hs_ladder_layout_free);
          hs_bench_grower_clear (&grower);
          continue;
        }

      /* the last quarter of the batches */
      q = extend_ms->len - MAX (extend_ms->len / 4, 1);
      qsort (&g_array_index (extend_ms, double, q), extend_ms->len - q, sizeof (double),
             hs_bench_compare_doubles);
      qsort (&g_array_index (new_ms, double, q), new_ms->len - q, sizeof (double),
             hs_bench_compare_doubles);
      med_extend = hs_bench_quantile (&g_array_index (extend_ms, double, q), extend_ms->len - q, 0.5);
      med_new = hs_bench_quantile (&g_array_index (new_ms, double, q), new_ms->len - q, 0.5);

      printf ("live\t%s\t%u\t%u\t%u\t%.3f\t%.3f\t%.1f\t%.1f\t%.1f\t%.3f\n", mode_names[mode],
              batch, extend_ms->len, hs_ladder_layout_get_n_packets (layout), med_extend, med_new,
              med_extend > 0 ? med_new / med_extend : 0.0, total_extend, total_new, max_extend);
      fflush (stdout);

      hs_ladder_layout_free (layout);
      hs_bench_grower_clear (&grower);
    }
}

static gboolean
bench_svg (const HsBenchSource *source,
           guint                packets,
           const char          *path,
           GError             **error)
{
  HsLadderExportOptions options;
  GStatBuf st;
  gint64 t0;
  double ms;

  hs_ladder_export_options_init (&options);
  options.mode = HS_LADDER_PACKET_ORDER;
  options.palette = HS_PALETTE_PRINT;
  options.first_pos = 0;
  options.last_pos = MIN (packets, source->n_packets) - 1;

  t0 = g_get_monotonic_time ();
  if (!hs_ladder_export (source->capture, source->stream, &options, path, error))
    return FALSE;
  ms = (g_get_monotonic_time () - t0) / 1000.0;

  if (g_stat (path, &st) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, "%s was not written", path);
      return FALSE;
    }
  printf ("svg\t%u\t%.1f\t%" G_GINT64_FORMAT "\n", options.last_pos + 1, ms, (gint64) st.st_size);
  fflush (stdout);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *svg = NULL;
  g_autofree HsBenchSource *sources = NULL;
  gint frames = 200;
  gint svg_packets = 10000;
  gint window = 0;
  gint live_batch = 0;
  gint64 seed = 1;
  guint n_sources, biggest = 0, i;
  int status = 0;
  GOptionEntry entries[] = {
    { "frames", 'k', 0, G_OPTION_ARG_INT, &frames,
      "Viewports painted per layout, mode and way of moving (default 200)", "K" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Seed of the scroll positions", "S" },
    { "window", 'w', 0, G_OPTION_ARG_INT, &window,
      "Also time W positions in the middle of each longer connection", "W" },
    { "svg", 0, 0, G_OPTION_ARG_FILENAME, &svg,
      "Also time the SVG export of the biggest connection's first packets", "OUT.svg" },
    { "svg-packets", 0, 0, G_OPTION_ARG_INT, &svg_packets,
      "Packets in the SVG export (default 10000)", "N" },
    { "live", 0, 0, G_OPTION_ARG_INT, &live_batch,
      "Also time extending the biggest connection's layout as a live capture grows, B packets a batch",
      "B" },
    G_OPTION_ENTRY_NULL
  };

  context = g_option_context_new ("FILE… - time the ladder diagram of the biggest connections");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("hs-ladder-bench: %s\n", error->message);
      return 2;
    }
  if (argc < 2 || frames < 1 || svg_packets < 1 || window < 0 || live_batch < 0)
    {
      g_printerr ("hs-ladder-bench: captures, K >= 1, N >= 1 and W >= 0 (see --help)\n");
      return 2;
    }

  n_sources = argc - 1;
  sources = g_new0 (HsBenchSource, n_sources);
  for (i = 0; i < n_sources; i++)
    {
      if (!hs_bench_source_load (&sources[i], i, argv[i + 1], &error))
        {
          g_printerr ("hs-ladder-bench: %s\n", error->message);
          status = 1;
          goto out;
        }
      if (sources[i].n_packets > sources[biggest].n_packets)
        biggest = i;
    }
  fflush (stdout);

  bench_mode (sources, n_sources, HS_LADDER_PACKET_ORDER, (guint) window, (guint) frames,
              (guint32) seed);
  bench_mode (sources, n_sources, HS_LADDER_TIME_TRUE, (guint) window, (guint) frames,
              (guint32) seed);

  if (live_batch > 0)
    bench_live (&sources[biggest], (guint) live_batch);

  if (svg != NULL && !bench_svg (&sources[biggest], (guint) svg_packets, svg, &error))
    {
      g_printerr ("hs-ladder-bench: %s\n", error->message);
      status = 1;
    }

out:
  for (i = 0; i < n_sources; i++)
    g_clear_object (&sources[i].capture);
  return status;
}
