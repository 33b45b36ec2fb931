/* hs-render-util.c
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The text drawing of the ladder's and the graphs' painters: each has its
 * own table of fonts and draws through one HsInk per paint. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "hs-render-private.h"

void
_hs_ink_init (HsInk           *ink,
              cairo_t         *cr,
              GString         *text_layer,
              const HsInkFont *specs,
              guint            n_fonts)
{
  cairo_font_options_t *options = cairo_font_options_create ();
  guint i;

  memset (ink, 0, sizeof *ink);
  ink->cr = cr;
  ink->text_layer = text_layer;
  ink->specs = specs;
  ink->n_fonts = n_fonts;

  /* unhinted metrics: text measures the same on every surface, so that
   * what was measured without a surface is what gets painted */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);

  if (cr != NULL)
    {
      ink->layout = pango_cairo_create_layout (cr);
      ink->context = g_object_ref (pango_layout_get_context (ink->layout));
      pango_cairo_context_set_font_options (ink->context, options);
      pango_layout_context_changed (ink->layout);
    }
  else
    {
      ink->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
      pango_cairo_context_set_font_options (ink->context, options);
      ink->layout = pango_layout_new (ink->context);
    }
  cairo_font_options_destroy (options);

  ink->fonts = g_new (PangoFontDescription *, n_fonts);
  for (i = 0; i < n_fonts; i++)
    {
      ink->fonts[i] = pango_font_description_from_string ("Sans");
      pango_font_description_set_absolute_size (ink->fonts[i], specs[i].size * PANGO_SCALE);
      pango_font_description_set_weight (ink->fonts[i], specs[i].weight);
      if (specs[i].tabular && ink->tabular == NULL)
        {
          ink->tabular = pango_attr_list_new ();
          pango_attr_list_insert (ink->tabular, pango_attr_font_features_new ("tnum=1"));
        }
    }
}

void
_hs_ink_clear (HsInk *ink)
{
  guint i;

  for (i = 0; i < ink->n_fonts; i++)
    pango_font_description_free (ink->fonts[i]);
  g_clear_pointer (&ink->fonts, g_free);
  g_clear_pointer (&ink->tabular, pango_attr_list_unref);
  g_clear_object (&ink->layout);
  g_clear_object (&ink->context);
}

void
_hs_ink_prepare (HsInk      *ink,
                 guint       font,
                 const char *text,
                 double      max_width)
{
  pango_layout_set_font_description (ink->layout, ink->fonts[font]);
  pango_layout_set_attributes (ink->layout, ink->specs[font].tabular ? ink->tabular : NULL);
  pango_layout_set_text (ink->layout, text, -1);
  pango_layout_set_height (ink->layout, -1);
  if (max_width > 0)
    {
      pango_layout_set_width (ink->layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (ink->layout, PANGO_ELLIPSIZE_END);
    }
  else
    {
      pango_layout_set_width (ink->layout, -1);
      pango_layout_set_ellipsize (ink->layout, PANGO_ELLIPSIZE_NONE);
    }
}

void
_hs_ink_prepare_lines (HsInk      *ink,
                       guint       font,
                       const char *text,
                       double      max_width,
                       int         lines)
{
  _hs_ink_prepare (ink, font, text, max_width);
  if (max_width > 0)
    {
      pango_layout_set_wrap (ink->layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (ink->layout, -MAX (lines, 1));
    }
}

void
_hs_ink_extents (HsInk  *ink,
                 double *width,
                 double *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (ink->layout, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

void
_hs_ink_measure (HsInk      *ink,
                 guint       font,
                 const char *text,
                 double      max_width,
                 double     *width,
                 double     *height)
{
  PangoRectangle logical;

  _hs_ink_prepare (ink, font, text, max_width);
  pango_layout_get_extents (ink->layout, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

void
_hs_append_number (GString *str,
                   double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (str, g_ascii_formatd (buf, sizeof buf, "%.2f", value));
}

void
_hs_ink_record (HsInk      *ink,
                guint       font,
                const char *text,
                double      x,
                double      baseline,
                double      angle)
{
  g_autofree char *escaped = NULL;
  double size_x = 0;
  double size_y = ink->specs[font].size;

  if (ink->text_layer == NULL || ink->cr == NULL)
    return;

  cairo_user_to_device (ink->cr, &x, &baseline);
  cairo_user_to_device_distance (ink->cr, &size_x, &size_y);
  escaped = g_markup_escape_text (text, -1);

  g_string_append (ink->text_layer, "<text x=\"");
  _hs_append_number (ink->text_layer, x);
  g_string_append (ink->text_layer, "\" y=\"");
  _hs_append_number (ink->text_layer, baseline);
  g_string_append (ink->text_layer, "\" font-size=\"");
  _hs_append_number (ink->text_layer, hypot (size_x, size_y));
  g_string_append_c (ink->text_layer, '"');
  if (angle != 0)
    {
      g_string_append (ink->text_layer, " transform=\"rotate(");
      _hs_append_number (ink->text_layer, angle);
      g_string_append_c (ink->text_layer, ' ');
      _hs_append_number (ink->text_layer, x);
      g_string_append_c (ink->text_layer, ' ');
      _hs_append_number (ink->text_layer, baseline);
      g_string_append (ink->text_layer, ")\"");
    }
  g_string_append_printf (ink->text_layer, "%s fill-opacity=\"0\">%s</text>\n",
                          ink->specs[font].weight >= PANGO_WEIGHT_BOLD
                            ? " font-weight=\"bold\"" : "",
                          escaped);
}

HsInkBox
_hs_ink_text (HsInk        *ink,
              guint         font,
              const char   *text,
              double        x,
              double        y,
              double        max_width,
              HsInkAlign    align,
              const HsRgba *color)
{
  _hs_ink_prepare (ink, font, text, max_width);
  return _hs_ink_show (ink, font, text, x, y, align, color);
}

HsInkBox
_hs_ink_show (HsInk        *ink,
              guint         font,
              const char   *text,
              double        x,
              double        y,
              HsInkAlign    align,
              const HsRgba *color)
{
  PangoRectangle logical;
  HsInkBox box;

  pango_layout_get_extents (ink->layout, NULL, &logical);

  box.width = (double) logical.width / PANGO_SCALE;
  box.height = (double) logical.height / PANGO_SCALE;
  box.y = y;
  switch (align)
    {
    case HS_INK_CENTER:
      box.x = x - box.width / 2;
      break;

    case HS_INK_RIGHT:
      box.x = x - box.width;
      break;

    case HS_INK_LEFT:
    default:
      box.x = x;
      break;
    }

  if (ink->cr != NULL)
    {
      _hs_set_color (ink->cr, color);
      cairo_move_to (ink->cr, box.x - (double) logical.x / PANGO_SCALE, box.y);
      pango_cairo_show_layout (ink->cr, ink->layout);
      _hs_ink_record (ink, font, text, box.x,
                      box.y + (double) pango_layout_get_baseline (ink->layout) / PANGO_SCALE,
                      0);
    }

  return box;
}

/* A text wrapped at `width` from x, its lines aligned in it, the first
 * one's top at y; each line goes to the text layer.  Without a cairo
 * context or a colour it is only measured.  Returns its height. */
double
_hs_ink_text_wrapped (HsInk          *ink,
                      guint           font,
                      const char     *text,
                      double          x,
                      double          y,
                      double          width,
                      PangoAlignment  align,
                      const HsRgba   *color)
{
  PangoRectangle logical;

  _hs_ink_prepare (ink, font, text, 0);
  pango_layout_set_width (ink->layout, (int) (MAX (width, 1.0) * PANGO_SCALE));
  pango_layout_set_wrap (ink->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (ink->layout, align);
  pango_layout_get_extents (ink->layout, NULL, &logical);

  if (ink->cr != NULL && color != NULL)
    {
      PangoLayoutIter *iter;

      _hs_set_color (ink->cr, color);
      cairo_move_to (ink->cr, x, y);
      pango_cairo_show_layout (ink->cr, ink->layout);

      iter = pango_layout_get_iter (ink->layout);
      do
        {
          PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
          PangoRectangle line_logical;
          g_autofree char *part = g_strndup (text + line->start_index, line->length);

          pango_layout_iter_get_line_extents (iter, NULL, &line_logical);
          _hs_ink_record (ink, font, g_strstrip (part), x + (double) line_logical.x / PANGO_SCALE,
                          y + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE, 0);
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
    }
  /* as the other texts expect the layout */
  pango_layout_set_alignment (ink->layout, PANGO_ALIGN_LEFT);
  pango_layout_set_wrap (ink->layout, PANGO_WRAP_WORD);

  return (double) logical.height / PANGO_SCALE;
}

void
_hs_rounded_rect (cairo_t *cr,
                  double   x,
                  double   y,
                  double   width,
                  double   height,
                  double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2);

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}
