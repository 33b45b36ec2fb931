/* hs-ladder-shapes.c
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The ladder's fonts, shapes (arrows, chevrons, the idle-gap break) and
 * colours, for every painter of the ladder. */

#include "config.h"

#include <math.h>

#include "hs-ladder-paint-impl.h"

static const HsInkFont font_specs[N_FONTS] = {
  [FONT_LABEL] = { LABEL_SIZE, PANGO_WEIGHT_NORMAL },
  [FONT_SMALL] = { SMALL_SIZE, PANGO_WEIGHT_NORMAL },
  [FONT_SMALL_BOLD] = { SMALL_SIZE, PANGO_WEIGHT_BOLD },
  [FONT_STATE] = { STATE_SIZE, PANGO_WEIGHT_BOLD },
  [FONT_NAME] = { NAME_SIZE, PANGO_WEIGHT_BOLD },
  [FONT_TITLE] = { TITLE_SIZE, PANGO_WEIGHT_BOLD },
};

/* Text drawing for one paint, in the ladder's fonts. */
void
_hs_ladder_ink_init (HsInk   *ink,
                     cairo_t *cr,
                     GString *text_layer)
{
  guint i;

  for (i = 0; i < N_FONTS; i++)
    g_assert (font_specs[i].size > 0);

  _hs_ink_init (ink, cr, text_layer, font_specs, N_FONTS);
}


/* ------------------------------------------------------------------------ */
/* Shapes                                                                    */

/* The line of an arrow from (x0, y0) to (x1, y1), stopping inside its
 * head, as a new sub-path; FALSE (nothing added) for an arrow too short. */
gboolean
_hs_ladder_arrow_line_path (cairo_t *cr,
                            double   x0,
                            double   y0,
                            double   x1,
                            double   y1,
                            double   head)
{
  double dx = x1 - x0;
  double dy = y1 - y0;
  double len = hypot (dx, dy);
  double ux, uy;

  if (len < 1)
    return FALSE;

  ux = dx / len;
  uy = dy / len;
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1 - ux * head * 0.7, y1 - uy * head * 0.7);
  return TRUE;
}

/* The filled, notched head of that arrow, as a closed sub-path. */
void
_hs_ladder_arrow_head_path (cairo_t *cr,
                            double   x0,
                            double   y0,
                            double   x1,
                            double   y1,
                            double   head)
{
  double dx = x1 - x0;
  double dy = y1 - y0;
  double len = hypot (dx, dy);
  double ux, uy, px, py, bx, by;
  double half = head * 0.45;

  if (len < 1)
    return;

  ux = dx / len;
  uy = dy / len;
  px = -uy;
  py = ux;
  bx = x1 - ux * head;
  by = y1 - uy * head;

  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, bx + px * half, by + py * half);
  cairo_line_to (cr, bx + ux * head * 0.25, by + uy * head * 0.25);
  cairo_line_to (cr, bx - px * half, by - py * half);
  cairo_close_path (cr);
}

/* A line from (x0, y0) to (x1, y1) ending in a filled, notched head. */
void
_hs_ladder_draw_arrow (cairo_t      *cr,
                       double        x0,
                       double        y0,
                       double        x1,
                       double        y1,
                       double        line_width,
                       double        head,
                       const HsRgba *color)
{
  _hs_set_color (cr, color);
  cairo_set_line_width (cr, line_width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  if (!_hs_ladder_arrow_line_path (cr, x0, y0, x1, y1, head))
    return;
  cairo_stroke (cr);

  _hs_ladder_arrow_head_path (cr, x0, y0, x1, y1, head);
  cairo_fill (cr);
}

/* A downward chevron centred at (x, y). */
void
_hs_ladder_draw_chevron (cairo_t      *cr,
                         double        x,
                         double        y,
                         double        size,
                         const HsRgba *color)
{
  _hs_set_color (cr, color);
  cairo_set_line_width (cr, 1.5);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_move_to (cr, x - size, y - size / 2);
  cairo_line_to (cr, x, y + size / 2);
  cairo_line_to (cr, x + size, y - size / 2);
  cairo_stroke (cr);
}

/* An axis break across x0 .. x1 at y: two parallel zig-zags with the
 * background between them, drawn over the lifelines. */
void
_hs_ladder_draw_break (cairo_t         *cr,
                       const HsPalette *palette,
                       double           x0,
                       double           x1,
                       double           y)
{
  const double amp = 3.0;
  const double period = 10.0;
  const double gap = 5.0;
  double x;
  int i;

  /* the background band between the lines */
  cairo_move_to (cr, x0, y - gap / 2);
  for (x = x0, i = 0; x < x1; x += period / 2, i++)
    cairo_line_to (cr, x, y - gap / 2 + ((i & 1) ? amp : -amp));
  cairo_line_to (cr, x1, y - gap / 2);
  for (x = x1, i = 0; x > x0; x -= period / 2, i++)
    cairo_line_to (cr, x, y + gap / 2 + ((i & 1) ? amp : -amp));
  cairo_line_to (cr, x0, y + gap / 2);
  cairo_close_path (cr);
  _hs_set_color (cr, &palette->background);
  cairo_fill (cr);

  _hs_set_color_alpha (cr, &palette->dim, 0.8);
  cairo_set_line_width (cr, 1.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  for (i = -1; i <= 1; i += 2)
    {
      int k;

      cairo_move_to (cr, x0, y + i * gap / 2);
      for (x = x0, k = 0; x < x1; x += period / 2, k++)
        cairo_line_to (cr, x, y + i * gap / 2 + ((k & 1) ? amp : -amp));
      cairo_stroke (cr);
    }
}


/* State names: light on a neutral grey, dark enough to read on paper and
 * light enough to stand out on the dark background. */
const HsRgba *
_hs_ladder_pill_fill (const HsPalette *palette)
{
  return palette->kind == HS_PALETTE_DARK ? &palette->lifeline : &palette->dim;
}

const HsRgba *
_hs_ladder_pill_text (const HsPalette *palette)
{
  return palette->kind == HS_PALETTE_DARK ? &palette->foreground : &palette->background;
}
