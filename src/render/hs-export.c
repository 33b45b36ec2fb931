/* hs-export.c
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The ladder as a file: the painters of hs-ladder-paint.c on an image,
 * SVG or PDF surface.  Every surface writes into memory first and the file
 * is written in one g_file_set_contents(), so that a failure leaves no
 * half-written file and has one error message.  hs-graph-export.c writes
 * its files through the same functions (_hs_export_png() and the others).
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

G_DEFINE_QUARK (hs-export-error-quark, hs_export_error)

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

gboolean
hs_export_format_from_path (const char     *path,
                            HsExportFormat *format)
{
  static const struct
  {
    const char     *suffix;
    HsExportFormat  format;
  } suffixes[] = {
    { ".png", HS_EXPORT_PNG },
    { ".svg", HS_EXPORT_SVG },
    { ".pdf", HS_EXPORT_PDF },
  };
  g_autofree char *lower = NULL;
  guint i;

  g_return_val_if_fail (format != NULL, FALSE);

  if (path == NULL)
    return FALSE;

  lower = g_ascii_strdown (path, -1);
  for (i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      if (g_str_has_suffix (lower, suffixes[i].suffix) &&
          strlen (lower) > strlen (suffixes[i].suffix))
        {
          *format = suffixes[i].format;
          return TRUE;
        }
    }

  return FALSE;
}

gboolean
_hs_export_check_format (const char      *path,
                         HsExportFormat  *format,
                         GError         **error)
{
  if (hs_export_format_from_path (path, format))
    return TRUE;

  g_set_error (error, HS_EXPORT_ERROR, HS_EXPORT_ERROR_FORMAT,
               _("Cannot export to “%s”: the file name must end in .png, .svg or .pdf"), path);
  return FALSE;
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
/* Files, for this exporter and hs-graph-export.c                            */

static cairo_status_t
write_to_array (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
check_cairo (cairo_status_t   status,
             const char      *path,
             GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  g_set_error (error, HS_EXPORT_ERROR, HS_EXPORT_ERROR_WRITE,
               /* Translators: the second %s is cairo's own (English) message */
               _("Cannot make the picture for “%s”: %s"), path,
               cairo_status_to_string (status));
  return FALSE;
}

/* Writes the file in one go.  g_file_set_contents() writes a temporary
 * file next to it and renames it, and its message names that temporary
 * file ("…/x.svg.RJ67Y3"): the message here names the file the user asked
 * for and says why in plain words, whatever the format. */
static gboolean
write_file (const char  *path,
            GByteArray  *bytes,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  const char *reason;

  if (g_file_set_contents (path, (const char *) bytes->data, bytes->len, &local_error))
    return TRUE;

  name = g_filename_display_name (path);
  switch (local_error->domain == G_FILE_ERROR ? (GFileError) local_error->code
                                              : G_FILE_ERROR_FAILED)
    {
    case G_FILE_ERROR_NOENT:
    case G_FILE_ERROR_NOTDIR:
      reason = _("the folder it should go in does not exist");
      break;

    case G_FILE_ERROR_ACCES:
    case G_FILE_ERROR_PERM:
      reason = _("you do not have permission to write there");
      break;

    case G_FILE_ERROR_ROFS:
      reason = _("the disk is read-only");
      break;

    case G_FILE_ERROR_NOSPC:
      reason = _("the disk is full");
      break;

    case G_FILE_ERROR_ISDIR:
      reason = _("a folder has that name");
      break;

    case G_FILE_ERROR_NAMETOOLONG:
      reason = _("the name is too long");
      break;

    case G_FILE_ERROR_EXIST:
    case G_FILE_ERROR_NXIO:
    case G_FILE_ERROR_NODEV:
    case G_FILE_ERROR_TXTBSY:
    case G_FILE_ERROR_FAULT:
    case G_FILE_ERROR_LOOP:
    case G_FILE_ERROR_NOMEM:
    case G_FILE_ERROR_MFILE:
    case G_FILE_ERROR_NFILE:
    case G_FILE_ERROR_BADF:
    case G_FILE_ERROR_INVAL:
    case G_FILE_ERROR_PIPE:
    case G_FILE_ERROR_AGAIN:
    case G_FILE_ERROR_INTR:
    case G_FILE_ERROR_IO:
    case G_FILE_ERROR_NOSYS:
    case G_FILE_ERROR_FAILED:
    default:
      reason = _("the system did not let it be saved there");
      break;
    }

  g_set_error (error, HS_EXPORT_ERROR, HS_EXPORT_ERROR_WRITE,
               /* Translators: the file asked for, and why it cannot be written
                * ("the folder it should go in does not exist") */
               _("Cannot write “%s”: %s"), name, reason);
  return FALSE;
}

/* The text layer goes in as the last group of the document, so that it
 * lies over the drawing. */
static void
insert_text_layer (GByteArray *svg,
                   GString    *text_layer)
{
  static const char end_tag[] = "</svg>";
  g_autoptr(GString) group = g_string_new (NULL);
  gsize i;

  g_string_append (group, "<g id=\"labels\" font-family=\"sans-serif\" "
                          "xml:space=\"preserve\">\n");
  g_string_append_len (group, text_layer->str, text_layer->len);
  g_string_append (group, "</g>\n");

  for (i = svg->len; i >= sizeof end_tag - 1; i--)
    {
      if (memcmp (svg->data + i - (sizeof end_tag - 1), end_tag, sizeof end_tag - 1) == 0)
        {
          g_byte_array_remove_range (svg, i - (sizeof end_tag - 1), svg->len -
                                     (i - (sizeof end_tag - 1)));
          g_byte_array_append (svg, (const guint8 *) group->str, group->len);
          g_byte_array_append (svg, (const guint8 *) end_tag, sizeof end_tag - 1);
          g_byte_array_append (svg, (const guint8 *) "\n", 1);
          return;
        }
    }
}

gboolean
_hs_export_png (int                width,
                int                height,
                HsExportPaintFunc  paint,
                gpointer           data,
                const char        *path,
                GError           **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  if (!check_cairo (cairo_surface_status (surface), path, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }

  cr = cairo_create (surface);
  paint (cr, data, 0, NULL);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  bytes = g_byte_array_new ();
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, write_to_array, bytes);
  cairo_surface_destroy (surface);

  if (!check_cairo (status, path, error))
    return FALSE;
  return write_file (path, bytes, error);
}

/* Finishes a vector surface that painted into `bytes`: cairo's status of
 * the drawing, else of the document. */
static cairo_status_t
finish_surface (cairo_surface_t *surface,
                cairo_t         *cr)
{
  cairo_status_t status = cairo_status (cr);

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status;
}

gboolean
_hs_export_svg (double             width,
                double             height,
                HsExportPaintFunc  paint,
                gpointer           data,
                const char        *path,
                GError           **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GString) text_layer = g_string_new (NULL);
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_svg_surface_create_for_stream (write_to_array, bytes, width, height);
  /* sizes in pixels, as the picture was laid out */
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);

  cr = cairo_create (surface);
  paint (cr, data, 0, text_layer);
  if (!check_cairo (finish_surface (surface, cr), path, error))
    return FALSE;

  insert_text_layer (bytes, text_layer);
  return write_file (path, bytes, error);
}

gboolean
_hs_export_pdf (double             width,
                double             page_height,
                guint              n_pages,
                HsExportPaintFunc  paint,
                gpointer           data,
                const char        *path,
                GError           **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  guint page;

  surface = cairo_pdf_surface_create_for_stream (write_to_array, bytes, width, page_height);
  cr = cairo_create (surface);

  for (page = 0; page < n_pages; page++)
    {
      paint (cr, data, page, NULL);
      cairo_show_page (cr);
    }

  if (!check_cairo (finish_surface (surface, cr), path, error))
    return FALSE;
  return write_file (path, bytes, error);
}

/* ------------------------------------------------------------------------ */
/* The ladder's files                                                        */

static gboolean
export_png (Picture     *pic,
            const char  *path,
            GError     **error)
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

  return _hs_export_png (width, height, paint_picture, pic, path, error);
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

static gboolean
export_pdf (Picture     *pic,
            const char  *path,
            GError     **error)
{
  Pages pages;
  gboolean ok;

  pages_init (&pages, pic);
  ok = _hs_export_pdf (pic->width, pages.page_height, pages.n_pages, paint_page, &pages, path,
                       error);
  pages_clear (&pages);
  return ok;
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

  switch (format)
    {
    case HS_EXPORT_PNG:
      ok = export_png (&pic, path, error);
      break;

    case HS_EXPORT_SVG:
      ok = _hs_export_svg (pic.width, pic.height, paint_picture, &pic, path, error);
      break;

    case HS_EXPORT_PDF:
    default:
      ok = export_pdf (&pic, path, error);
      break;
    }

  picture_clear (&pic);
  return ok;
}
