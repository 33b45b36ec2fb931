/* hs-graph-export.c
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A graph as a file: the painters of hs-graph-paint.c on an image, SVG or
 * PDF surface, one page of width × height:
 *
 *   the title block (title, and a line on the connection),
 *   the graph (axes, series, marks, the warning; the panes of both
 *   directions),
 *   the legend, flowing across the width.
 *
 * The surfaces and the writing are shared with the ladder's exporter
 * (_hs_render_export_surface() in hs-render-export.c):
 * every surface writes into memory first and the file is written in one
 * go, so that a failure leaves no half-written file, and the error names
 * the file the user asked for. */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "hs-explain.h"
#include "hs-graph-export.h"
#include "hs-graph-private.h"
#include "hs-render-private.h"

#define DEFAULT_WIDTH   1200.0
#define DEFAULT_HEIGHT  700.0
#define MIN_WIDTH       320.0
#define MIN_PLOT_HEIGHT 160.0
#define PNG_MAX         32767.0
#define LEGEND_PAD      10.0

void
hs_graph_export_options_init (HsGraphExportOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->kind = HS_GRAPH_WINDOW;
  options->directions = 0;
  options->average_window_ns = 0;
  options->t0_ns = 0;
  options->t1_ns = 0;
  options->palette = HS_PALETTE_LIGHT;
  options->width = 0;
  options->height = 0;
  options->title = NULL;
}

typedef struct
{
  HsGraph         *graph;
  const HsPalette *palette;
  char            *title;
  char            *subtitle;
  double           width;
  double           height;
  double           title_height;
  double           graph_height;
  double           legend_height;
} Picture;

static void
picture_clear (Picture *pic)
{
  g_clear_pointer (&pic->graph, hs_graph_free);
  g_clear_pointer (&pic->title, g_free);
  g_clear_pointer (&pic->subtitle, g_free);
}

static char *
default_title (HsCapture *capture,
               guint      stream,
               HsGraph   *graph)
{
  const char *path = hs_capture_get_path (capture);
  g_autofree char *base = g_path_get_basename (path != NULL ? path : "");

  /* Translators: the title of an exported graph: the file name, the kind of
   * graph ("Throughput"), the two endpoints and the connection's number */
  return g_strdup_printf (_("%s — %s — %s ⇄ %s (stream %u)"), base,
                          hs_graph_kind_get_title (hs_graph_get_kind (graph)),
                          hs_graph_get_endpoint_name (graph, 0),
                          hs_graph_get_endpoint_name (graph, 1), stream);
}

/* "41 packets · 3.09 s · Closed normally (FIN both ways)", then what is
 * drawn when it is not everything. */
static char *
make_subtitle (HsCapture *capture,
               guint      stream,
               HsGraph   *graph,
               gboolean   range)
{
  const HsConnection *conn = hs_capture_get_connection (capture, stream);
  HsGraphKind kind = hs_graph_get_kind (graph);
  g_autofree char *count = hs_format_count (graph->n_packets);
  g_autofree char *duration = hs_format_duration (graph->duration_ns);
  GString *str = g_string_new (NULL);

  g_string_append_printf (str, g_dngettext (GETTEXT_PACKAGE, "%s packet", "%s packets",
                                            graph->n_packets),
                          count);
  g_string_append_printf (str, " · %s · %s", duration,
                          hs_conn_state_describe ((HsConnState) conn->conn_state));

  if (kind == HS_GRAPH_TCPTRACE || kind == HS_GRAPH_STEVENS)
    {
      guint dir = hs_graph_get_directions (graph) == HS_GRAPH_DIR_1 ? 1 : 0;

      g_string_append (str, " · ");
      /* Translators: which direction's sequence numbers a time-sequence
       * graph shows; %s is "client 10.0.0.1:40000 → server 10.0.0.2:80" */
      g_string_append_printf (str, _("data %s"), hs_graph_get_direction_name (graph, dir));
    }

  if (range)
    {
      gint64 t0, t1;
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      hs_graph_get_view (graph, &t0, &t1, NULL, NULL);
      a = _hs_graph_format_time (t0, (double) (t1 - t0) / 1000);
      b = _hs_graph_format_time (t1, (double) (t1 - t0) / 1000);
      g_string_append (str, " · ");
      /* Translators: the part of the connection an exported graph shows,
       * "from 1.200 s to 3.400 s" */
      g_string_append_printf (str, _("from %s to %s"), a, b);
    }

  return g_string_free (str, FALSE);
}

static gboolean
picture_init (Picture                    *pic,
              HsCapture                  *capture,
              guint                       stream,
              const HsGraphExportOptions *options,
              GError                    **error)
{
  gboolean range = !(options->t0_ns == 0 && options->t1_ns == 0);

  memset (pic, 0, sizeof *pic);

  if (stream >= hs_capture_get_n_connections (capture))
    {
      g_set_error (error, HS_EXPORT_ERROR, HS_EXPORT_ERROR_EMPTY,
                   _("There is no TCP connection %u in this capture"), stream);
      return FALSE;
    }
  if ((guint) options->kind >= HS_GRAPH_N_KINDS)
    {
      g_set_error (error, HS_EXPORT_ERROR, HS_EXPORT_ERROR_EMPTY,
                   _("Nothing to export: unknown kind of graph"));
      return FALSE;
    }

  pic->graph = hs_graph_new (capture, stream, options->kind);
  /* the legend goes under the graph, across the page */
  hs_graph_set_show_legend (pic->graph, FALSE);
  if (options->directions != 0)
    hs_graph_set_directions (pic->graph, options->directions);
  if (options->average_window_ns > 0)
    hs_graph_set_average_window (pic->graph, options->average_window_ns);

  if (hs_graph_is_empty (pic->graph))
    {
      g_set_error (error, HS_EXPORT_ERROR, HS_EXPORT_ERROR_EMPTY,
                   /* Translators: %s is the kind of graph ("Round-Trip Time") */
                   _("Nothing to export: the %s graph of connection %u has no data"),
                   hs_graph_kind_get_title (options->kind), stream);
      picture_clear (pic);
      return FALSE;
    }

  if (range)
    {
      gint64 e0, e1;

      hs_graph_get_extent (pic->graph, &e0, &e1, NULL, NULL);
      if (options->t1_ns <= options->t0_ns || options->t1_ns < e0 || options->t0_ns > e1 ||
          !hs_graph_has_data_between (pic->graph, options->t0_ns, options->t1_ns))
        {
          g_set_error (error, HS_EXPORT_ERROR, HS_EXPORT_ERROR_EMPTY,
                       _("Nothing to export: connection %u has no data in the time range "
                         "asked for"), stream);
          picture_clear (pic);
          return FALSE;
        }
      hs_graph_set_view (pic->graph, options->t0_ns, options->t1_ns, -G_MAXDOUBLE,
                         G_MAXDOUBLE);
      hs_graph_fit_values (pic->graph);
    }

  pic->palette = hs_palette_get (options->palette);
  pic->title = options->title != NULL ? g_strdup (options->title)
                                      : default_title (capture, stream, pic->graph);
  pic->subtitle = make_subtitle (capture, stream, pic->graph, range);

  pic->width = ceil (MAX (options->width > 0 ? options->width : DEFAULT_WIDTH, MIN_WIDTH));
  pic->title_height = _hs_graph_title_height ();
  pic->legend_height = _hs_graph_legend_flow_height (pic->graph, pic->width) + 2 * LEGEND_PAD;
  pic->height = ceil (MAX (options->height > 0 ? options->height : DEFAULT_HEIGHT,
                           pic->title_height + MIN_PLOT_HEIGHT + pic->legend_height));
  pic->graph_height = pic->height - pic->title_height - pic->legend_height;

  return TRUE;
}

/* The one page of every format. */
static void
paint_picture (cairo_t  *cr,
               gpointer  data,
               guint     page,
               GString  *text_layer)
{
  Picture *pic = data;
  HsGraphPaintOptions options;
  const HsPalette *palette = pic->palette;

  cairo_save (cr);
  cairo_set_source_rgb (cr, palette->background.red, palette->background.green,
                        palette->background.blue);
  cairo_paint (cr);

  _hs_graph_paint_title (cr, palette, pic->width, pic->title, pic->subtitle, text_layer);

  hs_graph_paint_options_init (&options);
  options.text_layer = text_layer;
  cairo_save (cr);
  cairo_translate (cr, 0, pic->title_height);
  hs_graph_paint (cr, pic->graph, palette, pic->width, pic->graph_height, &options);
  cairo_restore (cr);

  cairo_save (cr);
  cairo_translate (cr, 0, pic->title_height + pic->graph_height);
  cairo_set_source_rgba (cr, palette->dim.red, palette->dim.green, palette->dim.blue, 0.3);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, 16, 0.5);
  cairo_line_to (cr, pic->width - 16, 0.5);
  cairo_stroke (cr);
  cairo_translate (cr, 0, LEGEND_PAD);
  _hs_graph_paint_legend_flow (cr, pic->graph, palette, pic->width, text_layer);
  cairo_restore (cr);

  cairo_restore (cr);
}

static gboolean
check_png_size (Picture  *pic,
                GError  **error)
{
  int width = (int) pic->width;
  int height = (int) pic->height;

  if (pic->width > PNG_MAX || pic->height > PNG_MAX)
    {
      g_set_error (error, HS_EXPORT_ERROR, HS_EXPORT_ERROR_TOO_LARGE,
                   _("The picture would be %d × %d pixels, more than a PNG can hold "
                     "(32,767 at most): choose a smaller size or export to SVG or PDF"),
                   width, height);
      return FALSE;
    }

  return TRUE;
}

gboolean
hs_graph_export (HsCapture                  *capture,
                 guint                       stream,
                 const HsGraphExportOptions *options,
                 const char                 *path,
                 GError                    **error)
{
  HsGraphExportOptions defaults;
  HsExportFormat format;
  Picture pic;
  gboolean ok;

  g_return_val_if_fail (HS_IS_CAPTURE (capture), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    {
      hs_graph_export_options_init (&defaults);
      options = &defaults;
    }

  if (!_hs_export_check_format (path, &format, error))
    return FALSE;

  if (!picture_init (&pic, capture, stream, options, error))
    return FALSE;

  ok = FALSE;
  if (format != HS_EXPORT_PNG || check_png_size (&pic, error))
    ok = _hs_render_export_surface (format, path, pic.width, pic.height, 1, paint_picture,
                                    &pic, error);

  picture_clear (&pic);
  return ok;
}
