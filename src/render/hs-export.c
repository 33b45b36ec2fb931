/* hs-export.c
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The ladder as a file: the painters of hs-ladder-paint.c on an image,
 * SVG or PDF surface, through the dispatcher both exporters share
 * (_hs_render_export_surface() in hs-render-export.c, which writes the
 * file in one go).
 *
 * The picture, top to bottom: the title block, the lifeline header, the
 * rows of the range (one viewport over all of them), the legend.  A PDF is
 * cut into pages of the layout's width and A4 proportions, the header on
 * each page and the breaks between rows. */

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>

#include "hs-export.h"
#include "hs-ladder-layout-private.h"
#include "hs-ladder-paint-private.h"
#include "hs-render-private.h"

#define DEFAULT_WIDTH   1000.0
#define PNG_MAX         32767.0
#define ROWS_PADDING    16.0
#define PAGE_RATIO      1.4142
#define PAGE_FOOTER     32.0


void
hs_ladder_export_options_init (HsLadderExportOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->mode = HS_LADDER_PACKET_ORDER;
  options->collapse = FALSE;
  options->first_pos = 0;
  options->last_pos = G_MAXUINT;
  options->palette = HS_PALETTE_LIGHT;
  options->width = 0;
  options->names[0] = NULL;
  options->names[1] = NULL;
  options->title = NULL;
}

/* ------------------------------------------------------------------------ */
/* The picture                                                               */

typedef struct
{
  HsLadderLayout  *layout;
  const HsPalette *palette;
  char            *title;
  char            *subtitle;
  double           width;
  double           title_height;
  double           header_height;
  double           rows_height;
  double           legend_height;
  double           height;       /* one page: everything */
} Picture;

static void
picture_clear (Picture *pic)
{
  g_clear_pointer (&pic->layout, hs_ladder_layout_free);
  g_clear_pointer (&pic->title, g_free);
  g_clear_pointer (&pic->subtitle, g_free);
}

static char *
default_title (HsCapture      *capture,
               guint           stream,
               HsLadderLayout *layout)
{
  g_autofree char *base = g_path_get_basename (hs_capture_get_path (capture));

  /* Translators: the title of an exported ladder: file name, the two
   * endpoints, and the connection's number */
  return g_strdup_printf (_("%s — %s → %s (stream %u)"), base,
                          hs_ladder_layout_get_endpoint_name (layout, 0),
                          hs_ladder_layout_get_endpoint_name (layout, 1), stream);
}

/* "41 packets · 3.09 s · Closed normally (FIN both ways)", the range when
 * it is not the whole connection. */
static char *
make_subtitle (HsCapture      *capture,
               guint           stream,
               HsLadderLayout *layout)
{
  const HsConnection *conn = hs_capture_get_connection (capture, stream);
  guint n = hs_ladder_layout_get_n_packets (layout);
  guint first, last;
  g_autofree char *count = NULL;
  g_autofree char *packets = NULL;
  g_autofree char *duration = NULL;
  gint64 t0, t1;
  GString *str;

  hs_ladder_layout_get_range (layout, &first, &last);
  t0 = hs_capture_get_record (capture, hs_ladder_layout_get_frame (layout, first))->ts_ns;
  t1 = hs_capture_get_record (capture, hs_ladder_layout_get_frame (layout, last))->ts_ns;

  count = hs_format_count (last - first + 1);
  packets = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s packet", "%s packets",
                                          last - first + 1),
                             count);
  duration = hs_format_duration (t1 - t0);

  str = g_string_new (packets);
  if (first > 0 || last + 1 < n)
    {
      g_autofree char *total = hs_format_count (n);

      g_string_append (str, " ");
      /* Translators: after "120 packets": which part of the connection */
      g_string_append_printf (str, _("(frames #%u to #%u of the connection’s %s)"),
                              hs_ladder_layout_get_frame (layout, first) + 1,
                              hs_ladder_layout_get_frame (layout, last) + 1, total);
    }
  g_string_append_printf (str, " · %s · %s", duration,
                          hs_conn_state_describe ((HsConnState) conn->conn_state));

  return g_string_free (str, FALSE);
}

static gboolean
picture_init (Picture                     *pic,
              HsCapture                   *capture,
              guint                        stream,
              const HsLadderExportOptions *options,
              GError                     **error)
{
  guint n;
  guint s;

  memset (pic, 0, sizeof *pic);

  if (stream >= hs_capture_get_n_connections (capture))
    {
      g_set_error (error, HS_EXPORT_ERROR, HS_EXPORT_ERROR_EMPTY,
                   _("There is no TCP connection %u in this capture"), stream);
      return FALSE;
    }

  hs_capture_get_stream_packets (capture, stream, &n);
  if (n == 0 || options->first_pos >= n || options->first_pos > options->last_pos)
    {
      g_set_error (error, HS_EXPORT_ERROR, HS_EXPORT_ERROR_EMPTY,
                   _("Nothing to export: connection %u has no packets in the range asked for"),
                   stream);
      return FALSE;
    }

  pic->layout = hs_ladder_layout_new (capture, stream);
  hs_ladder_layout_set_width (pic->layout, options->width > 0 ? options->width : DEFAULT_WIDTH);
  hs_ladder_layout_set_collapse (pic->layout, options->collapse);
  hs_ladder_layout_set_range (pic->layout, options->first_pos, options->last_pos);
  hs_ladder_layout_set_mode (pic->layout, options->mode);
  for (s = 0; s < 2; s++)
    hs_ladder_layout_set_endpoint_name (pic->layout, s, options->names[s]);

  pic->palette = hs_palette_get (options->palette);
  pic->title = options->title != NULL ? g_strdup (options->title)
                                      : default_title (capture, stream, pic->layout);
  pic->subtitle = make_subtitle (capture, stream, pic->layout);

  pic->width = hs_ladder_layout_get_columns (pic->layout)->width;
  pic->title_height = _hs_ladder_title_height ();
  pic->header_height = hs_ladder_header_height ();
  pic->rows_height = hs_ladder_layout_get_height (pic->layout);
  pic->legend_height = hs_ladder_legend_height (pic->layout);
  pic->height = ceil (pic->title_height + pic->header_height + pic->rows_height +
                      ROWS_PADDING + pic->legend_height);

  return TRUE;
}

/* Rows layout y0 .. y1 at the current point, under a background. */
static void
paint_rows (cairo_t  *cr,
            Picture  *pic,
            double    y0,
            double    y1,
            GString  *text_layer)
{
  HsLadderViewport viewport;

  hs_ladder_viewport_init (&viewport);
  viewport.scroll_y = y0;
  viewport.height = y1 - y0;
  viewport.text_layer = text_layer;
  hs_ladder_paint (cr, pic->layout, pic->palette, &viewport);
}

/* Everything on one page (PNG, SVG). */
static void
paint_picture (cairo_t  *cr,
               gpointer  data,
               guint     page,
               GString  *text_layer)
{
  Picture *pic = data;
  double y = 0;

  cairo_save (cr);
  cairo_set_source_rgba (cr, pic->palette->background.red, pic->palette->background.green,
                         pic->palette->background.blue, 1.0);
  cairo_paint (cr);

  _hs_ladder_paint_title (cr, pic->palette, pic->width, pic->title, pic->subtitle, text_layer);
  y += pic->title_height;

  cairo_save (cr);
  cairo_translate (cr, 0, y);
  hs_ladder_paint_header (cr, pic->layout, pic->palette, text_layer);
  cairo_restore (cr);
  y += pic->header_height;

  cairo_save (cr);
  cairo_translate (cr, 0, y);
  paint_rows (cr, pic, 0, pic->rows_height, text_layer);
  cairo_restore (cr);
  y += pic->rows_height + ROWS_PADDING;

  cairo_save (cr);
  cairo_translate (cr, 0, y);
  hs_ladder_paint_legend (cr, pic->layout, pic->palette, text_layer);
  cairo_restore (cr);

  cairo_restore (cr);
}

/* ------------------------------------------------------------------------ */
/* The ladder's files                                                        */

static gboolean
check_png_size (Picture  *pic,
                GError  **error)
{
  int width = (int) ceil (pic->width);
  int height = (int) ceil (pic->height);

  if (pic->height > PNG_MAX || pic->width > PNG_MAX)
    {
      g_set_error (error, HS_EXPORT_ERROR, HS_EXPORT_ERROR_TOO_LARGE,
                   _("The picture would be %d × %d pixels, more than a PNG can hold "
                     "(32,767 at most): export to SVG or PDF instead, export a range "
                     "of packets, or collapse the ordinary ones"),
                   width, height);
      return FALSE;
    }

  return TRUE;
}

/* Where the PDF's pages cut the rows: (start, stop) layout y pairs, one
 * per page.  A page holds whole rows; in time-true mode, where rows may
 * overlap, the cut goes where a row does not run into the next if there is
 * one in the last 40% of the page. */
static GArray *
page_breaks (Picture *pic,
             double   page_height)
{
  HsLadderLayout *layout = pic->layout;
  GArray *pages = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_rows = hs_ladder_layout_get_n_rows (layout);
  double h = hs_ladder_layout_get_row_height (layout);
  double total = hs_ladder_layout_get_height (layout);
  guint row = 0;

  while (row < n_rows)
    {
      double avail = page_height - pic->header_height - PAGE_FOOTER -
                     (pages->len == 0 ? pic->title_height : 0);
      double start = hs_ladder_layout_get_row (layout, row)->y;
      double limit = start + avail;
      double stop;
      guint end;
      guint cut;

      if (limit >= total)
        {
          g_array_append_val (pages, start);
          g_array_append_val (pages, total);
          break;
        }

      /* the last row that ends on this page; as the layout ends below
       * the limit, a row follows it */
      end = MAX (row, hs_ladder_layout_row_at_y (layout, limit - h));
      for (cut = end; cut > row; cut--)
        {
          double y = hs_ladder_layout_get_row (layout, cut)->y;

          if (hs_ladder_layout_get_row (layout, cut + 1)->y >= y + h || y - start < avail * 0.6)
            break;
        }
      if (hs_ladder_layout_get_row (layout, cut + 1)->y <
          hs_ladder_layout_get_row (layout, cut)->y + h)
        cut = end;

      stop = MIN (hs_ladder_layout_get_row (layout, cut + 1)->y, limit);
      g_array_append_val (pages, start);
      g_array_append_val (pages, stop);
      row = cut + 1;
    }

  return pages;
}

/* How a PDF is cut: the rows of each page, and where the legend goes
 * (after the rows of the last page, or on a page of its own). */
typedef struct
{
  Picture *pic;
  double  page_height;
  GArray *breaks;          /* (start, stop) layout y of each page's rows */
  guint   n_row_pages;
  guint   n_pages;
  gboolean legend_alone;
} Pages;

static void
pages_init (Pages   *pages,
            Picture *pic)
{
  double last_y;

  pages->pic = pic;
  pages->page_height = ceil (pic->width * PAGE_RATIO);
  pages->breaks = page_breaks (pic, pages->page_height);
  pages->n_row_pages = pages->breaks->len / 2;

  last_y = (pages->n_row_pages == 1 ? pic->title_height : 0) + pic->header_height +
           (g_array_index (pages->breaks, double, pages->breaks->len - 1) -
            g_array_index (pages->breaks, double, pages->breaks->len - 2)) + ROWS_PADDING;
  pages->legend_alone = last_y + pic->legend_height > pages->page_height - PAGE_FOOTER;
  pages->n_pages = pages->n_row_pages + (pages->legend_alone ? 1 : 0);
}

static void
pages_clear (Pages *pages)
{
  g_clear_pointer (&pages->breaks, g_array_unref);
}

/* One page: the title on the first, the header and the page's rows, the
 * legend on the last, the page number at the bottom. */
static void
paint_page (cairo_t  *cr,
            gpointer  data,
            guint     page,
            GString  *text_layer)
{
  Pages *pages = data;
  Picture *pic = pages->pic;
  double y = 0;

  cairo_save (cr);
  cairo_set_source_rgb (cr, pic->palette->background.red, pic->palette->background.green,
                        pic->palette->background.blue);
  cairo_paint (cr);

  if (page == 0)
    {
      _hs_ladder_paint_title (cr, pic->palette, pic->width, pic->title, pic->subtitle, NULL);
      y += pic->title_height;
    }

  if (page < pages->n_row_pages)
    {
      double y0 = g_array_index (pages->breaks, double, 2 * page);
      double y1 = g_array_index (pages->breaks, double, 2 * page + 1);

      cairo_save (cr);
      cairo_translate (cr, 0, y);
      hs_ladder_paint_header (cr, pic->layout, pic->palette, NULL);
      cairo_restore (cr);
      y += pic->header_height;

      cairo_save (cr);
      cairo_translate (cr, 0, y);
      paint_rows (cr, pic, y0, y1, NULL);
      cairo_restore (cr);
      y += y1 - y0 + ROWS_PADDING;
    }

  if (page == pages->n_pages - 1)
    {
      cairo_save (cr);
      cairo_translate (cr, 0, y);
      hs_ladder_paint_legend (cr, pic->layout, pic->palette, NULL);
      cairo_restore (cr);
    }

  if (pages->n_pages > 1)
    {
      /* Translators: the footer of each page of an exported PDF */
      g_autofree char *footer = g_strdup_printf (_("Page %u of %u"), page + 1, pages->n_pages);

      _hs_ladder_paint_note (cr, pic->palette, pic->width / 2, pages->page_height - 22, footer,
                             NULL);
    }

  cairo_restore (cr);
}

gboolean
hs_ladder_export_measure (HsCapture                   *capture,
                          guint                        stream,
                          const HsLadderExportOptions *options,
                          double                      *width,
                          double                      *height,
                          GError                     **error)
{
  HsLadderExportOptions defaults;
  Picture pic;

  g_return_val_if_fail (HS_IS_CAPTURE (capture), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    {
      hs_ladder_export_options_init (&defaults);
      options = &defaults;
    }

  if (!picture_init (&pic, capture, stream, options, error))
    return FALSE;

  if (width != NULL)
    *width = ceil (pic.width);
  if (height != NULL)
    *height = ceil (pic.height);

  picture_clear (&pic);
  return TRUE;
}

gboolean
hs_ladder_export (HsCapture                   *capture,
                  guint                        stream,
                  const HsLadderExportOptions *options,
                  const char                  *path,
                  GError                     **error)
{
  HsLadderExportOptions defaults;
  HsExportFormat format;
  Picture pic;
  gboolean ok = FALSE;

  g_return_val_if_fail (HS_IS_CAPTURE (capture), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    {
      hs_ladder_export_options_init (&defaults);
      options = &defaults;
    }

  if (!_hs_export_check_format (path, &format, error))
    return FALSE;

  if (!picture_init (&pic, capture, stream, options, error))
    return FALSE;

  if (format == HS_EXPORT_PDF)
    {
      Pages pages;

      pages_init (&pages, &pic);
      ok = _hs_render_export_surface (format, path, pic.width, pages.page_height,
                                      pages.n_pages, paint_page, &pages, error);
      pages_clear (&pages);
    }
  else if (format == HS_EXPORT_SVG || check_png_size (&pic, error))
    ok = _hs_render_export_surface (format, path, pic.width, pic.height, 1, paint_picture,
                                    &pic, error);

  picture_clear (&pic);
  return ok;
}
