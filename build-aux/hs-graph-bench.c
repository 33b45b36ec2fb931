/* hs-graph-bench.c
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Times the graphs of the biggest connection of one or more captures,
 * without a display:
 *
 *   hs-graph-bench [--frames K] [--seed S] [--width W] [--height H] FILE…
 *
 * For each kind of graph it builds the graph of each capture's biggest
 * connection (hs_graph_new(), timed), then paints a W x H drawing
 * (hs_graph_paint() on an image surface, light palette, legend on, as the
 * widget does) K times at each of three zoom levels:
 *
 *   whole   the whole connection;
 *   tenth   a tenth of its time, at K random places;
 *   milli   a thousandth of its time, at K random places;
 *
 * the values fitted to what the time range holds (hs_graph_fit_values(),
 * not timed), and reports the median, 95th percentile and maximum of the
 * paint time, with the points drawn and the points and tree nodes looked
 * at per paint (the painters' own counters).
 *
 * The graphs are painted in turn, frame by frame (one frame of the first
 * capture, one of the second, …), so that whatever else runs on the
 * machine slows them all alike and their ratios stay meaningful.
 *
 * Output: one tab-separated line per measure, for build-aux/bench-graph.sh:
 *
 *   capture  INDEX  PACKETS  CONNECTIONS  LOAD_MS
 *   stream   INDEX  STREAM  PACKETS
 *   build    KIND  INDEX  MS  POINTS
 *   paint    KIND  INDEX  ZOOM  MEDIAN_MS  P95_MS  MAX_MS  FRAMES  DRAWN  VISITS
 *
 * (DRAWN and VISITS are medians per paint.)
 *
 * With --live B it also grows a live document over the first capture, B
 * packets a batch, and after each batch times bringing each kind's graph
 * of the biggest connection up to date with hs_graph_extend() against
 * making it anew (hs_graph_new()):
 *
 *   live     KIND  BATCH  BATCHES  PACKETS  EXTEND_MS  NEW_MS  RATIO
 *            TOTAL_EXTEND_MS  TOTAL_NEW_MS  MAX_EXTEND_MS  BUILDS
 *
 * (EXTEND_MS and NEW_MS: medians over the last quarter of the batches;
 * RATIO: NEW_MS / EXTEND_MS; MAX_EXTEND_MS the longest extend of all, the
 * one a main loop would wait for; BUILDS the extends that built the graph
 * again rather than grow it.)  A benchmark, not a test: the figures depend
 * on the machine.
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "handshake.h"
#include "hs-bench-util.h"
#include "hs-capture-private.h"
#include "hs-graph-private.h"
#include "hs-palette.h"

#define WARM_UP 5
#define N_ZOOMS 3

static const char * const zoom_names[N_ZOOMS] = { "whole", "tenth", "milli" };
static const double zoom_factors[N_ZOOMS] = { 1, 10, 1000 };

typedef struct
{
  HsGraph *graph;
  GRand   *rand;
  double  *samples;
  double  *drawn;
  double  *visits;
} Subject;

/* A view of 1/factor of the time, at a random place, values fitted. */
static void
choose_view (Subject *s,
             double   factor)
{
  gint64 e0, e1, span, t0;

  hs_graph_reset_view (s->graph);
  if (factor <= 1)
    return;

  hs_graph_get_extent (s->graph, &e0, &e1, NULL, NULL);
  span = MAX ((gint64) ((double) (e1 - e0) / factor), 1000);
  t0 = e0 + (gint64) g_rand_double_range (s->rand, 0, (double) MAX (e1 - e0 - span, 1));
  hs_graph_set_view (s->graph, t0, t0 + span, -G_MAXDOUBLE, G_MAXDOUBLE);
  hs_graph_fit_values (s->graph);
}

static void
bench_kind (const HsBenchSource *sources,
            guint                n_sources,
            HsGraphKind          kind,
            guint                frames,
            guint32              seed,
            double               width,
            double               height)
{
  const HsPalette *palette = hs_palette_get (HS_PALETTE_LIGHT);
  Subject *subjects = g_new0 (Subject, n_sources);
  HsGraphPaintOptions options;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint i, j, z;

  hs_graph_paint_options_init (&options);

  for (j = 0; j < n_sources; j++)
    {
      Subject *s = &subjects[j];
      gint64 t0 = g_get_monotonic_time ();

      s->graph = hs_graph_new (sources[j].capture, sources[j].stream, kind);
      printf ("build\t%s\t%u\t%.1f\t%u\n", hs_graph_kind_to_name (kind), j,
              (g_get_monotonic_time () - t0) / 1000.0, s->graph->n_points);
      s->rand = g_rand_new_with_seed (seed + j);
      s->samples = g_new (double, frames);
      s->drawn = g_new (double, frames);
      s->visits = g_new (double, frames);
    }
  fflush (stdout);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) width, (int) height);
  cr = cairo_create (surface);

  /* fonts and glyph caches */
  for (j = 0; j < n_sources; j++)
    for (i = 0; i < WARM_UP; i++)
      hs_graph_paint (cr, subjects[j].graph, palette, width, height, &options);

  for (z = 0; z < N_ZOOMS; z++)
    {
      for (i = 0; i < frames; i++)
        {
          for (j = 0; j < n_sources; j++)
            {
              Subject *s = &subjects[j];
              HsGraphStats stats;
              gint64 t0;

              choose_view (s, zoom_factors[z]);
              _hs_graph_reset_stats (s->graph);

              t0 = g_get_monotonic_time ();
              hs_graph_paint (cr, s->graph, palette, width, height, &options);
              cairo_surface_flush (surface);
              s->samples[i] = (g_get_monotonic_time () - t0) / 1000.0;

              _hs_graph_get_stats (s->graph, &stats);
              s->drawn[i] = (double) stats.points_drawn;
              s->visits[i] = (double) stats.visits;
            }
        }

      for (j = 0; j < n_sources; j++)
        {
          Subject *s = &subjects[j];

          qsort (s->samples, frames, sizeof *s->samples, hs_bench_compare_doubles);
          qsort (s->drawn, frames, sizeof *s->drawn, hs_bench_compare_doubles);
          qsort (s->visits, frames, sizeof *s->visits, hs_bench_compare_doubles);
          printf ("paint\t%s\t%u\t%s\t%.3f\t%.3f\t%.3f\t%u\t%.0f\t%.0f\n",
                  hs_graph_kind_to_name (kind), j, zoom_names[z],
                  hs_bench_quantile (s->samples, frames, 0.5),
                  hs_bench_quantile (s->samples, frames, 0.95), s->samples[frames - 1], frames,
                  hs_bench_quantile (s->drawn, frames, 0.5),
                  hs_bench_quantile (s->visits, frames, 0.5));
        }
      fflush (stdout);
    }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  for (j = 0; j < n_sources; j++)
    {
      hs_graph_free (subjects[j].graph);
      g_rand_free (subjects[j].rand);
      g_free (subjects[j].samples);
      g_free (subjects[j].drawn);
      g_free (subjects[j].visits);
    }
  g_free (subjects);
}

static void
bench_live (const HsBenchSource *source,
            guint                batch)
{
  guint kind;

  for (kind = 0; kind < HS_GRAPH_N_KINDS; kind++)
    {
      g_autoptr(HsCapture) live = _hs_capture_new_live (hs_capture_get_path (source->capture),
                                                        hs_capture_get_interface (source->capture, 0));
      g_autoptr(GArray) extend_ms = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) new_ms = g_array_new (FALSE, FALSE, sizeof (double));
      HsGraph *graph = NULL;
      HsBenchGrower grower;
      double total_extend = 0, total_new = 0, max_extend = 0;
      double med_extend, med_new;
      guint q;

      hs_bench_grower_init (&grower, source->capture, live);
      while (grower.n_packets < hs_capture_get_n_packets (source->capture))
        {
          HsGraph *fresh;
          gint64 t0;
          double ms;

          hs_bench_grower_batch (&grower, batch);
          if (source->stream >= hs_capture_get_n_connections (live))
            continue;
          if (graph == NULL)
            {
              graph = hs_graph_new (live, source->stream, (HsGraphKind) kind);
              continue;
            }

          t0 = g_get_monotonic_time ();
          if (!hs_graph_extend (graph))
            g_error ("hs_graph_extend() failed");
          ms = (g_get_monotonic_time () - t0) / 1000.0;
          g_array_append_val (extend_ms, ms);
          total_extend += ms;
          max_extend = MAX (max_extend, ms);

          t0 = g_get_monotonic_time ();
          fresh = hs_graph_new (live, source->stream, (HsGraphKind) kind);
          ms = (g_get_monotonic_time () - t0) / 1000.0;
          g_array_append_val (new_ms, ms);
          total_new += ms;

          if (_hs_graph_get_n_tracks (fresh) != _hs_graph_get_n_tracks (graph))
            g_error ("extended and new graphs differ");
          hs_graph_free (fresh);
        }

      if (extend_ms->len > 0)
        {
          q = extend_ms->len - MAX (extend_ms->len / 4, 1);
          qsort (&g_array_index (extend_ms, double, q), extend_ms->len - q, sizeof (double),
                 hs_bench_compare_doubles);
          qsort (&g_array_index (new_ms, double, q), new_ms->len - q, sizeof (double),
                 hs_bench_compare_doubles);
          med_extend = hs_bench_quantile (&g_array_index (extend_ms, double, q),
                                          extend_ms->len - q, 0.5);
          med_new = hs_bench_quantile (&g_array_index (new_ms, double, q), new_ms->len - q, 0.5);
          printf ("live\t%s\t%u\t%u\t%u\t%.3f\t%.3f\t%.2f\t%.1f\t%.1f\t%.3f\t%u\n",
                  hs_graph_kind_to_name ((HsGraphKind) kind), batch, extend_ms->len,
                  hs_graph_get_n_packets (graph), med_extend, med_new,
                  med_extend > 0 ? med_new / med_extend : 0.0, total_extend, total_new,
                  max_extend, graph->n_builds - 1);
          fflush (stdout);
        }

      g_clear_pointer (&graph, hs_graph_free);
      hs_bench_grower_clear (&grower);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree HsBenchSource *sources = NULL;
  gint frames = 100;
  gint width = 1200;
  gint height = 700;
  gint64 seed = 1;
  gint live_batch = 0;
  guint n_sources, i, k;
  int status = 0;
  GOptionEntry entries[] = {
    { "frames", 'k', 0, G_OPTION_ARG_INT, &frames,
      "Paints per graph and zoom level (default 100)", "K" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Seed of the zoomed views' places", "S" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Width of the drawing (default 1200)", "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Height of the drawing (default 700)", "H" },
    { "live", 0, 0, G_OPTION_ARG_INT, &live_batch,
      "Also time extending each kind's graph as a live capture grows, B packets a batch", "B" },
    G_OPTION_ENTRY_NULL
  };

  context = g_option_context_new ("FILE… - time the graphs of the biggest connections");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("hs-graph-bench: %s\n", error->message);
      return 2;
    }
  if (argc < 2 || frames < 1 || width < 100 || height < 100 || live_batch < 0)
    {
      g_printerr ("hs-graph-bench: captures, K >= 1, W and H >= 100 (see --help)\n");
      return 2;
    }

  n_sources = argc - 1;
  sources = g_new0 (HsBenchSource, n_sources);
  for (i = 0; i < n_sources; i++)
    {
      if (!hs_bench_source_load (&sources[i], i, argv[i + 1], &error))
        {
          g_printerr ("hs-graph-bench: %s\n", error->message);
          status = 1;
          goto out;
        }
    }
  fflush (stdout);

  for (k = 0; k < HS_GRAPH_N_KINDS; k++)
    bench_kind (sources, n_sources, (HsGraphKind) k, (guint) frames, (guint32) seed, width,
                height);

  if (live_batch > 0)
    bench_live (&sources[0], (guint) live_batch);

out:
  for (i = 0; i < n_sources; i++)
    g_clear_object (&sources[i].capture);
  return status;
}
