/* hs-ladder-legend.c
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The ladder's legend: what each colour and shape means, laid out by the
 * legend layout the graphs share (hs-legend.c). */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hs-ladder-paint-impl.h"
#include "hs-legend-private.h"

/* ------------------------------------------------------------------------ */
/* Legend                                                                    */

typedef enum
{
  SWATCH_ARROW,
  SWATCH_BAND,
  SWATCH_PILL,
  SWATCH_BADGE,
  SWATCH_LINK,
  SWATCH_BRACKET,
  SWATCH_BAR,
  SWATCH_BUNDLE,
  SWATCH_BREAK,
} SwatchKind;

typedef struct
{
  SwatchKind  kind;
  guint       index;      /* anomaly class or phase */
  const char *text;
} LegendItem;

static guint
legend_items (HsLadderLayout  *layout,
              const HsPalette *palette,
              LegendItem      *items,
              guint            max)
{
  guint n = 0;
  guint i;

#define ADD(k, idx, t) \
  G_STMT_START { \
    if (n < max) \
      { \
        items[n].kind = (k); \
        items[n].index = (idx); \
        items[n].text = (t); \
        n++; \
      } \
  } G_STMT_END

  for (i = 0; i < HS_ANOMALY_CLASS_LAST; i++)
    ADD (SWATCH_ARROW, i, hs_anomaly_class_label ((HsAnomalyClass) i));

  if (palette->phase[HS_LADDER_PHASE_HANDSHAKE].alpha > 0)
    ADD (SWATCH_BAND, HS_LADDER_PHASE_HANDSHAKE, _("Handshake phase"));
  if (palette->phase[HS_LADDER_PHASE_TEARDOWN].alpha > 0)
    ADD (SWATCH_BAND, HS_LADDER_PHASE_TEARDOWN, _("Teardown phase"));
  ADD (SWATCH_PILL, 0, _("TCP state after the packet"));
  ADD (SWATCH_BADGE, HS_ANOMALY_CLASS_DUP_ACK, _("What the analysis found"));
  ADD (SWATCH_LINK, 0, _("Retransmission: link to the original segment"));
  ADD (SWATCH_BRACKET, 0, _("ACK and the segment it acknowledges, with the round-trip time"));
  if (hs_ladder_layout_get_collapse (layout))
    ADD (SWATCH_BAR, 0, _("Ordinary segments, collapsed"));
  if (hs_ladder_layout_get_mode (layout) == HS_LADDER_TIME_TRUE)
    {
      ADD (SWATCH_BUNDLE, 0, _("Packets too close in time to draw one by one"));
      ADD (SWATCH_BREAK, 0, _("Idle time, shortened"));
    }

#undef ADD

  return n;
}

static void
draw_swatch (cairo_t          *cr,
             const HsPalette  *palette,
             const LegendItem *item,
             double            x,
             double            y,
             double            h)
{
  double w = LEGEND_SWATCH;
  double mid = y + h / 2;

  switch (item->kind)
    {
    case SWATCH_ARROW:
      _hs_ladder_draw_arrow (cr, x, mid - 3, x + w, mid + 3,
                             item->index == HS_ANOMALY_CLASS_NONE ? 1.3 : 2.0, 8,
                             _hs_ladder_class_color (palette, (HsAnomalyClass) item->index));
      break;

    case SWATCH_BAND:
      {
        const HsRgba *tint = &palette->phase[item->index];

        _hs_rounded_rect (cr, x, y + 1, w, h - 2, 3);
        cairo_set_source_rgba (cr, tint->red, tint->green, tint->blue,
                               MIN (1.0, tint->alpha * 2.5));
        cairo_fill (cr);
        cairo_set_source_rgba (cr, tint->red, tint->green, tint->blue,
                               MIN (1.0, tint->alpha * 6));
        cairo_rectangle (cr, x, y + 1, 3, h - 2);
        cairo_fill (cr);
      }
      break;

    case SWATCH_PILL:
      _hs_rounded_rect (cr, x, mid - 5.5, w, 11, 5.5);
      _hs_set_color (cr, _hs_ladder_pill_fill (palette));
      cairo_fill (cr);
      break;

    case SWATCH_BADGE:
      {
        const HsRgba *c = &palette->anomaly[item->index];

        _hs_rounded_rect (cr, x, mid - 7, w, 14, 7);
        if (palette->kind == HS_PALETTE_PRINT)
          {
            _hs_set_color (cr, c);
            cairo_set_line_width (cr, 1.0);
            cairo_stroke (cr);
          }
        else
          {
            _hs_set_color_alpha (cr, c, palette->kind == HS_PALETTE_DARK ? 0.24 : 0.15);
            cairo_fill (cr);
          }
        _hs_set_color (cr, c);
        cairo_arc (cr, x + 8, mid, 3.5, 0, 2 * G_PI);
        cairo_fill (cr);
      }
      break;

    case SWATCH_LINK:
    case SWATCH_BRACKET:
      {
        /* on a piece of lifeline, as on the ladder */
        double lx = x + w - 6;

        _hs_set_color (cr, &palette->lifeline);
        cairo_set_line_width (cr, 1.5);
        cairo_move_to (cr, lx, y - 1);
        cairo_line_to (cr, lx, y + h + 1);
        cairo_stroke (cr);

        _hs_set_color (cr, &palette->connector);
        if (item->kind == SWATCH_LINK)
          {
            cairo_set_line_width (cr, 1.5);
            cairo_set_dash (cr, (double[]) { 4, 2 }, 2, 0);
            cairo_move_to (cr, lx, y + 1);
            cairo_curve_to (cr, lx - 16, y + 1, lx - 16, y + h - 1, lx - 3, y + h - 1);
            cairo_stroke (cr);
            cairo_set_dash (cr, NULL, 0, 0);
            cairo_arc (cr, lx, y + 1, 2.5, 0, 2 * G_PI);
            cairo_fill (cr);
          }
        else
          {
            cairo_set_line_width (cr, 2.0);
            cairo_move_to (cr, lx, y + 1);
            cairo_line_to (cr, lx - 12, y + 1);
            cairo_line_to (cr, lx - 12, y + h - 1);
            cairo_line_to (cr, lx, y + h - 1);
            cairo_stroke (cr);
            cairo_arc (cr, lx, y + 1, 2.5, 0, 2 * G_PI);
            cairo_fill (cr);
            cairo_arc (cr, lx, y + h - 1, 2.5, 0, 2 * G_PI);
            cairo_fill (cr);
          }
      }
      break;

    case SWATCH_BAR:
      _hs_rounded_rect (cr, x, mid - 6, w, 12, 5);
      _hs_set_color_alpha (cr, &palette->dim, palette->kind == HS_PALETTE_DARK ? 0.22 : 0.12);
      cairo_fill_preserve (cr);
      _hs_set_color_alpha (cr, &palette->dim, 0.55);
      cairo_set_line_width (cr, 1.0);
      cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      break;

    case SWATCH_BUNDLE:
      _hs_ladder_draw_arrow (cr, x, mid - 3, x + w, mid - 3, 1.3, 6, &palette->foreground);
      _hs_ladder_draw_arrow (cr, x + w, mid + 3, x, mid + 3, 1.3, 6, &palette->foreground);
      break;

    case SWATCH_BREAK:
    default:
      _hs_ladder_draw_break (cr, palette, x, x + w, mid);
      break;
    }
}

/* The swatches' box: 16 px high, centred on the text. */
static void
legend_swatch (cairo_t             *cr,
               const HsPalette     *palette,
               const HsLegendEntry *entry,
               double               x,
               double               mid,
               gpointer             user_data)
{
  draw_swatch (cr, palette, entry->data, x, mid - 8, 16);
}

static const HsLegendStyle legend_style = {
  .font = FONT_SMALL,
  .heading_font = FONT_SMALL_BOLD,
  .row = 22,
  .lead = LEGEND_SWATCH + 8,
  .heading_lead = 0,
  .gap = 22,
  .heading_gap = 22,
  .indent = 0,
  .mid_dy = -1,
};

/* Lays the legend out (and paints it when ink->cr is set); returns its
 * height: the word "Legend", then the items flowing in rows. */
static double
legend_flow (HsInk           *ink,
             HsLadderLayout  *layout,
             const HsPalette *palette)
{
  LegendItem items[32];
  HsLegendEntry entries[G_N_ELEMENTS (items)];
  double width = hs_ladder_layout_get_columns (layout)->width;
  double y;
  double th;
  guint n;
  guint i;

  n = legend_items (layout, palette, items, G_N_ELEMENTS (items));
  g_assert (n > 0 && n <= G_N_ELEMENTS (items));
  for (i = 0; i < n; i++)
    {
      entries[i].kind = HS_LEGEND_ITEM;
      entries[i].text = items[i].text;
      entries[i].data = &items[i];
    }

  _hs_ink_measure (ink, FONT_SMALL_BOLD, _("Legend"), 0, NULL, &th);
  if (ink->cr != NULL)
    _hs_ink_text (ink, FONT_SMALL_BOLD, _("Legend"), LEGEND_MARGIN, 12, 0, HS_INK_LEFT,
                  &palette->dim);
  y = 12 + th + 8;

  y += _hs_legend_flow (ink, &legend_style, palette, entries, n, LEGEND_MARGIN,
                        width - LEGEND_MARGIN, y, legend_swatch, NULL);
  return y + 10;
}

double
hs_ladder_legend_height (HsLadderLayout *layout)
{
  HsInk ink;
  double height;

  g_return_val_if_fail (layout != NULL, 0);

  _hs_ladder_ink_init (&ink, NULL, NULL);
  /* the items differ by palette only in the bands, which never wrap a
   * line more than the light palette's do */
  height = legend_flow (&ink, layout, hs_palette_get (HS_PALETTE_LIGHT));
  _hs_ink_clear (&ink);

  return height;
}

void
hs_ladder_paint_legend (cairo_t         *cr,
                        HsLadderLayout  *layout,
                        const HsPalette *palette,
                        GString         *text_layer)
{
  const HsLadderColumns *cols;
  HsInk ink;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (layout != NULL);
  g_return_if_fail (palette != NULL);

  cols = hs_ladder_layout_get_columns (layout);

  cairo_save (cr);
  _hs_ladder_ink_init (&ink, cr, text_layer);

  _hs_set_color (cr, &palette->background);
  cairo_rectangle (cr, 0, 0, cols->width, hs_ladder_legend_height (layout));
  cairo_fill (cr);

  _hs_set_color_alpha (cr, &palette->dim, 0.35);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, 0, 0.5);
  cairo_line_to (cr, cols->width, 0.5);
  cairo_stroke (cr);

  legend_flow (&ink, layout, palette);

  _hs_ink_clear (&ink);
  cairo_restore (cr);
}
