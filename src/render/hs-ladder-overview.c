/* hs-ladder-overview.c
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The overview strip beside the ladder: the whole connection at a glance,
 * its phases and anomalies, and where the viewport is. */

#include "config.h"

#include <math.h>

#include "hs-ladder-paint-impl.h"

/* ------------------------------------------------------------------------ */
/* Overview                                                                  */

/* At most this many anomalies are looked at in one pixel's bucket. */
#define BUCKET_SAMPLE 8

void
hs_ladder_paint_overview (cairo_t         *cr,
                          HsLadderLayout  *layout,
                          const HsPalette *palette,
                          double           width,
                          double           height,
                          double           visible_y0,
                          double           visible_y1)
{
  const guint32 *anomalies;
  guint n_anomalies;
  guint range_first, range_last;
  guint lo, hi;
  double total;
  double scale;
  double h;
  double top, bottom;
  guint i;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (layout != NULL);
  g_return_if_fail (palette != NULL);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);

  _hs_set_color (cr, &palette->background);
  cairo_paint (cr);
  _hs_set_color_alpha (cr, &palette->dim, palette->kind == HS_PALETTE_DARK ? 0.10 : 0.05);
  cairo_paint (cr);

  total = hs_ladder_layout_get_height (layout);
  if (total <= 0 || height <= 0 || width <= 0)
    {
      cairo_restore (cr);
      return;
    }

  scale = height / total;
  h = hs_ladder_layout_get_row_height (layout);

  /* phases, stronger than on the ladder: the strip is small */
  for (i = 0; i < hs_ladder_layout_get_n_phases (layout); i++)
    {
      const HsLadderPhase *phase = hs_ladder_layout_get_phase (layout, i);
      const HsRgba *tint = &palette->phase[phase->kind];
      guint a, b;

      if (tint->alpha <= 0 || !_hs_ladder_phase_rows (layout, phase, &a, &b))
        continue;
      top = hs_ladder_layout_get_row (layout, a)->y * scale;
      bottom = (hs_ladder_layout_get_row (layout, b)->y + h) * scale;
      cairo_set_source_rgba (cr, tint->red, tint->green, tint->blue, MIN (1.0, tint->alpha * 3));
      cairo_rectangle (cr, 0, top, width, MAX (1.0, bottom - top));
      cairo_fill (cr);
    }

  /* the anomalies of the range: one tick each, or one per pixel of strip
   * (the most serious of the first few in it) when there are more */
  anomalies = hs_ladder_layout_get_anomalies (layout, &n_anomalies);
  hs_ladder_layout_get_range (layout, &range_first, &range_last);
  lo = hs_lower_bound_u32 (anomalies, n_anomalies, range_first);
  hi = hs_lower_bound_u32 (anomalies, n_anomalies, range_last + 1);

  if (hi - lo <= (guint) ceil (height))
    {
      for (i = lo; i < hi; i++)
        {
          guint row = hs_ladder_layout_row_for_pos (layout, anomalies[i]);
          const HsPacketRecord *r = _hs_ladder_layout_get_record (layout, anomalies[i]);
          double y;

          if (row == HS_LADDER_NO_POS)
            continue;
          y = (hs_ladder_layout_get_row (layout, row)->y + h / 2) * scale;
          _hs_set_color (cr, _hs_ladder_class_color (palette, hs_anomaly_class_for_record (r)));
          cairo_rectangle (cr, 2, floor (y) - 0.5, width - 4, 2);
          cairo_fill (cr);
        }
    }
  else
    {
      guint py;
      guint n_px = (guint) ceil (height);

      for (py = 0; py < n_px; py++)
        {
          guint ra = hs_ladder_layout_row_at_y (layout, py / scale);
          guint rb = hs_ladder_layout_row_at_y (layout, (py + 1) / scale);
          const HsLadderRow *row_b = hs_ladder_layout_get_row (layout, rb);
          guint32 pa = hs_ladder_layout_get_row (layout, ra)->first;
          guint32 pb = row_b->first + row_b->n - 1;
          HsAnomalyClass worst = HS_ANOMALY_CLASS_LAST;
          guint k;

          if (py > 0)
            {
              /* the row at the top of this pixel was counted in the last one */
              const HsLadderRow *row_a = hs_ladder_layout_get_row (layout, ra);

              if (row_a->y < py / scale && ra < rb)
                pa = hs_ladder_layout_get_row (layout, ra + 1)->first;
            }

          k = hs_lower_bound_u32 (anomalies, n_anomalies, pa);
          for (i = 0; k < hi && anomalies[k] <= pb && i < BUCKET_SAMPLE; k++, i++)
            {
              const HsPacketRecord *r = _hs_ladder_layout_get_record (layout, anomalies[k]);
              HsAnomalyClass klass = hs_anomaly_class_for_record (r);

              if (klass != HS_ANOMALY_CLASS_NONE && klass < worst)
                worst = klass;
            }

          if (worst == HS_ANOMALY_CLASS_LAST)
            continue;
          _hs_set_color (cr, _hs_ladder_class_color (palette, worst));
          cairo_rectangle (cr, 2, py, width - 4, 1);
          cairo_fill (cr);
        }
    }

  /* the visible part */
  top = CLAMP (visible_y0, 0, total) * scale;
  bottom = CLAMP (visible_y1, 0, total) * scale;
  if (bottom - top < 4)
    {
      double mid = (top + bottom) / 2;

      top = MAX (0, mid - 2);
      bottom = MIN (height, top + 4);
    }
  _hs_rounded_rect (cr, 0.75, top + 0.75, width - 1.5, bottom - top - 1.5, 3);
  _hs_set_color_alpha (cr, &palette->connector, 0.14);
  cairo_fill_preserve (cr);
  _hs_set_color (cr, &palette->connector);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);

  cairo_restore (cr);
}

double
hs_ladder_overview_to_layout (HsLadderLayout *layout,
                              double          height,
                              double          strip_y)
{
  double total;

  g_return_val_if_fail (layout != NULL, 0);

  total = hs_ladder_layout_get_height (layout);
  if (height <= 0 || total <= 0)
    return 0;

  return CLAMP (strip_y / height, 0.0, 1.0) * total;
}
