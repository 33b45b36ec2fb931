/* hs-ladder-header.c
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The lifeline header of the ladder (the endpoints' names and roles),
 * and the exporters' title block and notes. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hs-ladder-paint-impl.h"

/* ------------------------------------------------------------------------ */
/* Header                                                                    */

double
hs_ladder_header_height (void)
{
  return HEADER_HEIGHT;
}

void
hs_ladder_paint_header (cairo_t         *cr,
                        HsLadderLayout  *layout,
                        const HsPalette *palette,
                        GString         *text_layer)
{
  const HsLadderColumns *cols;
  double captions_right;
  double left_box_right = 0;
  int client;
  HsInkBox box;
  HsInk ink;
  guint s;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (layout != NULL);
  g_return_if_fail (palette != NULL);

  cols = hs_ladder_layout_get_columns (layout);
  client = _hs_ladder_layout_get_client_side (layout);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, cols->width, HEADER_HEIGHT);
  cairo_clip (cr);
  _hs_ladder_ink_init (&ink, cr, text_layer);

  _hs_set_color (cr, &palette->background);
  cairo_paint (cr);

  /* column captions, on the last lines: the names' boxes are above
   * them, or beside them in the gutter */
  box = _hs_ink_text (&ink, FONT_SMALL_BOLD, _("Frame"), 12, HEADER_HEIGHT - 30,
                      cols->gutter - 14, HS_INK_LEFT, &palette->dim);
  captions_right = box.x + box.width;
  box = _hs_ink_text (&ink, FONT_SMALL, _("Time"), 12, HEADER_HEIGHT - 17, cols->gutter - 14,
                      HS_INK_LEFT, &palette->dim);
  captions_right = MAX (captions_right, box.x + box.width);
  _hs_ink_text (&ink, FONT_SMALL_BOLD, _("Analysis"), cols->badge + 8, HEADER_HEIGHT - 17,
                cols->width - cols->badge - 16, HS_INK_LEFT, &palette->dim);

  for (s = 0; s < 2; s++)
    {
      const char *name = hs_ladder_layout_get_endpoint_name (layout, s);
      const char *role = NULL;
      double x = cols->lifeline[s];
      double max_width = MIN (280.0, cols->lifeline[1] - cols->lifeline[0] - 36);
      double nw, nh, rw = 0, rh = 0, bw, bh, top, cx;

      if (client >= 0)
        role = (int) s == client ? _("client") : _("server");

      _hs_ink_measure (&ink, FONT_NAME, name, max_width, &nw, &nh);
      if (role != NULL)
        _hs_ink_measure (&ink, FONT_SMALL, role, max_width, &rw, &rh);
      bw = MAX (nw, rw) + 24;
      bh = nh + rh + 8;
      top = 6;
      /* centred on its lifeline, but clear of the gutter's captions (a
       * narrow ladder) and of the other name */
      cx = s == 0 ? MAX (x, captions_right + 6 + bw / 2) : MAX (x, left_box_right + 6 + bw / 2);
      cx = MIN (cx, MAX (x, cols->width - 4 - bw / 2));
      if (s == 0)
        left_box_right = cx + bw / 2;

      /* the lifeline starts under its name */
      _hs_set_color (cr, &palette->lifeline);
      cairo_set_line_width (cr, 1.5);
      cairo_move_to (cr, x, top + bh);
      cairo_line_to (cr, x, HEADER_HEIGHT);
      cairo_stroke (cr);

      _hs_rounded_rect (cr, cx - bw / 2, top + 0.5, bw, bh, 7);
      _hs_set_color_alpha (cr, &palette->foreground,
                           palette->kind == HS_PALETTE_DARK ? 0.08 : 0.04);
      cairo_fill_preserve (cr);
      _hs_set_color (cr, &palette->lifeline);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);

      _hs_ink_text (&ink, FONT_NAME, name, cx, top + 4, max_width, HS_INK_CENTER,
                    &palette->foreground);
      if (role != NULL)
        _hs_ink_text (&ink, FONT_SMALL, role, cx, top + 4 + nh, max_width, HS_INK_CENTER,
                      &palette->dim);
    }

  _hs_set_color_alpha (cr, &palette->dim, 0.35);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, 0, HEADER_HEIGHT - 0.5);
  cairo_line_to (cr, cols->width, HEADER_HEIGHT - 0.5);
  cairo_stroke (cr);

  _hs_ink_clear (&ink);
  cairo_restore (cr);
}


/* ------------------------------------------------------------------------ */
/* For the exporters                                                         */

double
_hs_ladder_title_height (void)
{
  return TITLE_HEIGHT;
}

void
_hs_ladder_paint_title (cairo_t         *cr,
                        const HsPalette *palette,
                        double           width,
                        const char      *title,
                        const char      *subtitle,
                        GString         *text_layer)
{
  HsInk ink;
  HsInkBox box;

  cairo_save (cr);
  _hs_ladder_ink_init (&ink, cr, text_layer);

  _hs_set_color (cr, &palette->background);
  cairo_rectangle (cr, 0, 0, width, TITLE_HEIGHT);
  cairo_fill (cr);

  box = _hs_ink_text (&ink, FONT_TITLE, title, LEGEND_MARGIN, 10, width - 2 * LEGEND_MARGIN,
                      HS_INK_LEFT, &palette->foreground);
  if (subtitle != NULL)
    _hs_ink_text (&ink, FONT_SMALL, subtitle, LEGEND_MARGIN, box.y + box.height + 2,
                  width - 2 * LEGEND_MARGIN, HS_INK_LEFT, &palette->dim);

  _hs_ink_clear (&ink);
  cairo_restore (cr);
}

void
_hs_ladder_paint_note (cairo_t         *cr,
                       const HsPalette *palette,
                       double           x,
                       double           y,
                       const char      *text,
                       GString         *text_layer)
{
  HsInk ink;

  cairo_save (cr);
  _hs_ladder_ink_init (&ink, cr, text_layer);
  _hs_ink_text (&ink, FONT_SMALL, text, x, y, 0, HS_INK_CENTER, &palette->dim);
  _hs_ink_clear (&ink);
  cairo_restore (cr);
}
