/* hs-render-export.c
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The file plumbing of both exporters (hs-export.c for the ladder,
 * hs-graph-export.c for the graphs): the format from the file name, and
 * one dispatcher that paints a picture on an image (PNG), SVG or PDF
 * surface and writes the file.  Every surface writes into memory first
 * and the file is written in one g_file_set_contents(), so that a failure
 * leaves no half-written file and has one error message, naming the file
 * the user asked for. */

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>

#include "hs-export.h"
#include "hs-render-private.h"

G_DEFINE_QUARK (hs-export-error-quark, hs_export_error)

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
/* Surfaces and files                                                        */

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

static gboolean
export_png (int                width,
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

static gboolean
export_svg (double             width,
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

static gboolean
export_pdf (double             width,
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

gboolean
_hs_render_export_surface (HsExportFormat     format,
                           const char        *path,
                           double             width,
                           double             height,
                           guint              n_pages,
                           HsExportPaintFunc  paint,
                           gpointer           data,
                           GError           **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (paint != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);
  g_return_val_if_fail (n_pages >= 1, FALSE);
  g_return_val_if_fail (format == HS_EXPORT_PDF || n_pages == 1, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  switch (format)
    {
    case HS_EXPORT_PNG:
      return export_png ((int) ceil (width), (int) ceil (height), paint, data, path, error);

    case HS_EXPORT_SVG:
      return export_svg (width, height, paint, data, path, error);

    case HS_EXPORT_PDF:
    default:
      return export_pdf (width, height, n_pages, paint, data, path, error);
    }
}
