/* hs-legend.c
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The legend layout of the ladder (hs-ladder-legend.c) and of the graphs
 * (hs-graph-legend.c): rows of swatch + text items flowing across a
 * width.  What the entries are and how their swatches look is each
 * painter's; where they go is decided here, by the same code whether
 * measuring (the heights asked before painting) or painting. */

#include "config.h"

#include "hs-legend-private.h"

double
_hs_legend_flow (HsInk               *ink,
                 const HsLegendStyle *style,
                 const HsPalette     *palette,
                 const HsLegendEntry *entries,
                 guint                n_entries,
                 double               x0,
                 double               x1,
                 double               y0,
                 HsLegendSwatchFunc   swatch,
                 gpointer             user_data)
{
  double x = x0;
  double y = y0;
  double row_height;
  guint i;

  g_return_val_if_fail (ink != NULL, 0);
  g_return_val_if_fail (style != NULL, 0);
  g_return_val_if_fail (palette != NULL, 0);
  g_return_val_if_fail (entries != NULL || n_entries == 0, 0);
  g_return_val_if_fail (swatch != NULL, 0);
  g_return_val_if_fail (style->row > 0 && x1 > x0, 0);

  row_height = style->row;

  for (i = 0; i < n_entries; i++)
    {
      const HsLegendEntry *entry = &entries[i];
      gboolean heading = entry->kind == HS_LEGEND_HEADING;
      guint font = heading ? style->heading_font : style->font;
      double lead = heading ? style->heading_lead
                  : entry->kind == HS_LEGEND_ITEM ? style->lead : 0;
      double tw, th, max_text, item_width;
      double wrapped_height = 0;

      g_assert (entry->kind <= HS_LEGEND_BREAK);

      if (entry->kind == HS_LEGEND_BREAK || (heading && x > x0))
        {
          if (x > x0)
            {
              x = x0;
              y += row_height;
              row_height = style->row;
            }
          if (entry->kind == HS_LEGEND_BREAK)
            continue;
        }

      g_assert (entry->text != NULL);

      _hs_ink_measure (ink, font, entry->text, 0, &tw, &th);
      item_width = lead + tw;
      if (x > x0 && x + item_width > x1)
        {
          x = x0 + style->indent;
          y += row_height;
          row_height = style->row;
        }

      /* too long for the row even alone: on lines of its own */
      max_text = x1 - x - lead;
      if (tw > max_text)
        {
          wrapped_height = _hs_ink_text_wrapped (ink, font, entry->text, 0, 0, max_text,
                                                 PANGO_ALIGN_LEFT, NULL);
          row_height = MAX (row_height, wrapped_height + style->row - th);
          item_width = x1 - x;
        }

      if (ink->cr != NULL)
        {
          double mid = y + style->row / 2 + style->mid_dy;
          const HsRgba *color = entry->kind == HS_LEGEND_NOTE ? &palette->dim
                                                              : &palette->foreground;

          if (entry->kind != HS_LEGEND_NOTE)
            swatch (ink->cr, palette, entry, x, mid, user_data);
          if (wrapped_height > 0)
            _hs_ink_text_wrapped (ink, font, entry->text, x + lead, mid - th / 2, max_text,
                                  PANGO_ALIGN_LEFT, color);
          else
            _hs_ink_text (ink, font, entry->text, x + lead, mid - th / 2, 0, HS_INK_LEFT, color);
        }
      x += item_width + (heading ? style->heading_gap : style->gap);
    }

  return y - y0 + (x > x0 ? row_height : 0);
}
