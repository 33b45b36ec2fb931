/* hs-ladder-paint.h
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "hs-ladder-layout.h"
#include "hs-palette.h"

G_BEGIN_DECLS

/* The painters of the ladder: the widget calls them from snapshot() on the
 * visible part, the exporters on a file surface for the whole range.  They
 * draw in layout coordinates translated by -scroll_y, and cost what is
 * visible: rows outside the viewport are not looked at. */

typedef struct
{
  double  scroll_y;      /* layout y drawn at the top of the area */
  double  height;        /* height of the area */
  guint   selected_pos;  /* HS_LADDER_NO_POS for none */
  guint   hover_pos;     /* the ACK under the pointer gets its connector; NO_POS */
  gboolean show_phases;  /* phase bands and their names */
  /* A text layer for SVG exports: when not NULL, every label drawn is also
   * appended as an SVG <text> element at the same place, so the exported
   * file can be searched and its labels copied. */
  GString *text_layer;
} HsLadderViewport;

void    hs_ladder_viewport_init      (HsLadderViewport *viewport);

/* Rows, arrows, labels, badges, phase bands, state names and connectors
 * of the rows intersecting the viewport; the background too. */
void    hs_ladder_paint              (cairo_t                *cr,
                                      HsLadderLayout         *layout,
                                      const HsPalette        *palette,
                                      const HsLadderViewport *viewport);

/* The endpoint names at the top of the lifelines (the widget keeps it
 * at the top while scrolling). */
double  hs_ladder_header_height      (void);
void    hs_ladder_paint_header       (cairo_t                *cr,
                                      HsLadderLayout         *layout,
                                      const HsPalette        *palette,
                                      GString                *text_layer);

/* What every colour and mark means, wrapped to the layout width. */
double  hs_ladder_legend_height      (HsLadderLayout         *layout);
void    hs_ladder_paint_legend       (cairo_t                *cr,
                                      HsLadderLayout         *layout,
                                      const HsPalette        *palette,
                                      GString                *text_layer);

/* The overview strip: the whole connection squeezed into width x height,
 * one tick per anomaly in its colour, and the visible part (layout y
 * visible_y0 .. visible_y1) outlined.  Costs O(anomalies) at most. */
void    hs_ladder_paint_overview     (cairo_t                *cr,
                                      HsLadderLayout         *layout,
                                      const HsPalette        *palette,
                                      double                  width,
                                      double                  height,
                                      double                  visible_y0,
                                      double                  visible_y1);
/* The layout y that a click at strip y (of a strip `height` tall) shows. */
double  hs_ladder_overview_to_layout (HsLadderLayout         *layout,
                                      double                  height,
                                      double                  strip_y);

G_END_DECLS
