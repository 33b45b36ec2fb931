/* hs-graph-legend.c
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The graphs' legend (its swatches, laid out by the legend layout the
 * ladder shares, hs-legend.c) and the exporters' title block. */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "hs-graph-paint-impl.h"
#include "hs-legend-private.h"

/* --- legend -------------------------------------------------------------- */

static void
draw_swatch (cairo_t                 *cr,
             const HsPalette         *palette,
             const HsGraphLegendItem *item,
             double                   x,
             double                   mid)
{
  const HsRgba *color = _hs_graph_color_of (palette, item->color);
  double w = LEGEND_SWATCH;

  cairo_save (cr);
  switch (item->style)
    {
    case HS_GRAPH_STYLE_STEP:
      cairo_move_to (cr, x, mid + 3);
      cairo_line_to (cr, x + w / 2, mid + 3);
      cairo_line_to (cr, x + w / 2, mid - 3);
      cairo_line_to (cr, x + w, mid - 3);
      _hs_set_color_alpha (cr, color, item->alpha);
      cairo_set_line_width (cr, 2.0);
      if (item->dashed)
        cairo_set_dash (cr, (double[]) { 4, 2 }, 2, 0);
      cairo_stroke (cr);
      break;

    case HS_GRAPH_STYLE_BARS:
      {
        guint i;
        gboolean sack = item->color.role == HS_GRAPH_COLOR_SACK;
        gboolean caps = item->shape == HS_GRAPH_SHAPE_SQUARE;

        if (!sack && !caps)
          {
            /* spikes from a base line */
            _hs_set_color_alpha (cr, color, item->alpha);
            cairo_set_line_width (cr, 1.0);
            for (i = 0; i < 9; i++)
              {
                double bx = x + 2.5 + i * 2.7;
                double top = mid - 6 + fabs (4.0 - i) * 1.4;

                cairo_move_to (cr, floor (bx) + 0.5, mid + 7);
                cairo_line_to (cr, floor (bx) + 0.5, top);
              }
            cairo_stroke (cr);
            break;
          }

        _hs_set_color_alpha (cr, color, sack ? 0.75 : 1.0);
        cairo_set_line_width (cr, sack ? 3.0 : 1.5);
        for (i = 0; i < 3; i++)
          {
            double bx = x + 5 + i * 8;
            double top = mid + 4 - i * 4;

            cairo_move_to (cr, bx, top - 5);
            cairo_line_to (cr, bx, top + 2);
            if (caps)
              {
                cairo_move_to (cr, bx - 2, top - 5);
                cairo_line_to (cr, bx + 2, top - 5);
                cairo_move_to (cr, bx - 2, top + 2);
                cairo_line_to (cr, bx + 2, top + 2);
              }
          }
        cairo_stroke (cr);
      }
      break;

    case HS_GRAPH_STYLE_DOTS:
      {
        guint i;

        _hs_set_color_alpha (cr, color, 0.9);
        for (i = 0; i < 4; i++)
          {
            cairo_new_sub_path (cr);
            cairo_arc (cr, x + 4 + i * 6.5, mid + 4 - i * 2.6, 1.9, 0, 2 * G_PI);
          }
        cairo_fill (cr);
      }
      break;

    case HS_GRAPH_STYLE_MARKS:
      {
        Vertex v = { x + w / 2, mid };

        _hs_graph_draw_shapes (cr, palette, item->shape, TRUE, color, item->alpha, &v, 1,
                               MARK_RADIUS);
      }
      break;

    case HS_GRAPH_STYLE_BAND:
      {
        guint i;

        cairo_rectangle (cr, x + 3, mid - 7, w - 6, 14);
        if (palette->kind != HS_PALETTE_PRINT)
          {
            _hs_set_color_alpha (cr, color, palette->kind == HS_PALETTE_DARK ? 0.12 : 0.07);
            cairo_fill_preserve (cr);
          }
        cairo_clip (cr);
        _hs_set_color_alpha (cr, color, palette->kind == HS_PALETTE_DARK ? 0.45 : 0.38);
        cairo_set_line_width (cr, 1.0);
        for (i = 0; i < 8; i++)
          {
            cairo_move_to (cr, x + i * 7.0, mid - 7);
            cairo_line_to (cr, x + i * 7.0 - 14, mid + 7);
          }
        cairo_stroke (cr);
      }
      break;

    case HS_GRAPH_STYLE_LINE:
    default:
      cairo_move_to (cr, x, mid + 3);
      cairo_line_to (cr, x + w * 0.45, mid - 2);
      cairo_line_to (cr, x + w, mid);
      _hs_set_color_alpha (cr, color, item->alpha);
      cairo_set_line_width (cr, 2.0);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      if (item->dashed)
        cairo_set_dash (cr, (double[]) { 4, 2 }, 2, 0);
      cairo_stroke (cr);
      break;
    }
  cairo_restore (cr);
}

/* A coloured chip before a direction's name. */
static void
draw_heading_chip (cairo_t         *cr,
                   const HsPalette *palette,
                   HsGraphColor     color,
                   double           x,
                   double           mid)
{
  _hs_rounded_rect (cr, x, mid - 5, 10, 10, 2.5);
  _hs_set_color (cr, _hs_graph_color_of (palette, color));
  cairo_fill (cr);
}

static void
legend_swatch (cairo_t             *cr,
               const HsPalette     *palette,
               const HsLegendEntry *entry,
               double               x,
               double               mid,
               gpointer             user_data)
{
  const HsGraphLegendItem *item = entry->data;

  if (item->kind == HS_GRAPH_LEGEND_HEADING)
    draw_heading_chip (cr, palette, item->color, x, mid);
  else
    draw_swatch (cr, palette, item, x, mid);
}

static const HsLegendStyle legend_style = {
  .font = FONT_LEGEND,
  .heading_font = FONT_LEGEND_BOLD,
  .row = FLOW_ROW,
  .lead = LEGEND_SWATCH + 8,
  .heading_lead = 16,
  .gap = 20,
  .heading_gap = 26,
  .indent = 16,
  .mid_dy = 0,
};

/* The legend flowing in rows from x0 to x1, the first row's top at y0: a
 * row per direction (its name, then what its lines mean), then the marks
 * (hs-legend.c lays them out).  Painted when the ink has a cairo context.
 * Returns the height of the rows. */
double
_hs_graph_legend_flow (HsInk           *ink,
                       HsGraph         *graph,
                       const HsPalette *palette,
                       double           x0,
                       double           x1,
                       double           y0)
{
  static const HsLegendKind kinds[] = {
    [HS_GRAPH_LEGEND_HEADING] = HS_LEGEND_HEADING,
    [HS_GRAPH_LEGEND_ITEM] = HS_LEGEND_ITEM,
    [HS_GRAPH_LEGEND_NOTE] = HS_LEGEND_NOTE,
    [HS_GRAPH_LEGEND_BREAK] = HS_LEGEND_BREAK,
  };
  g_autofree HsLegendEntry *entries = NULL;
  guint n;
  guint i;

  g_assert (graph != NULL);

  n = graph->legend->len;
  entries = g_new0 (HsLegendEntry, MAX (n, 1));
  for (i = 0; i < n; i++)
    {
      const HsGraphLegendItem *item = g_ptr_array_index (graph->legend, i);

      g_assert ((guint) item->kind < G_N_ELEMENTS (kinds));
      entries[i].kind = kinds[item->kind];
      entries[i].text = item->label;
      entries[i].data = item;
    }

  return _hs_legend_flow (ink, &legend_style, palette, entries, n, x0, x1, y0, legend_swatch,
                          NULL);
}

double
_hs_graph_legend_flow_height (HsGraph *self,
                              double   width)
{
  HsInk ink;
  double height;

  _hs_graph_ink_init (&ink, NULL, NULL);
  height = _hs_graph_legend_flow (&ink, self, hs_palette_get (HS_PALETTE_LIGHT), TITLE_MARGIN,
                        width - TITLE_MARGIN, 0);
  _hs_ink_clear (&ink);

  return height;
}

void
_hs_graph_paint_legend_flow (cairo_t         *cr,
                             HsGraph         *self,
                             const HsPalette *palette,
                             double           width,
                             GString         *text_layer)
{
  HsInk ink;

  cairo_save (cr);
  _hs_graph_ink_init (&ink, cr, text_layer);
  _hs_graph_legend_flow (&ink, self, palette, TITLE_MARGIN, width - TITLE_MARGIN, 0);
  _hs_ink_clear (&ink);
  cairo_restore (cr);
}

double
_hs_graph_title_height (void)
{
  return TITLE_HEIGHT;
}

void
_hs_graph_paint_title (cairo_t         *cr,
                       const HsPalette *palette,
                       double           width,
                       const char      *title,
                       const char      *subtitle,
                       GString         *text_layer)
{
  HsInk ink;
  double th;

  cairo_save (cr);
  _hs_graph_ink_init (&ink, cr, text_layer);

  _hs_ink_measure (&ink, FONT_TITLE, title, width - 2 * TITLE_MARGIN, NULL, &th);
  _hs_ink_text (&ink, FONT_TITLE, title, TITLE_MARGIN, 10, width - 2 * TITLE_MARGIN, HS_INK_LEFT,
                &palette->foreground);
  if (subtitle != NULL)
    _hs_ink_text (&ink, FONT_SUBTITLE, subtitle, TITLE_MARGIN, 10 + th + 2,
                  width - 2 * TITLE_MARGIN, HS_INK_LEFT, &palette->dim);

  _hs_ink_clear (&ink);
  cairo_restore (cr);
}
