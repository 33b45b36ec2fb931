/* hs-legend-private.h
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hs-render-private.h"

G_BEGIN_DECLS

/* One legend layout for the ladder and the graphs (hs-legend.c): entries
 * flowing in rows across a width, each a swatch (drawn by the painter
 * that knows what it stands for) and a text, measured and painted by the
 * same code.  Not for the widget. */

typedef enum
{
  HS_LEGEND_ITEM = 0,   /* swatch and text */
  HS_LEGEND_HEADING,    /* a group's name after a chip, bold: starts a row */
  HS_LEGEND_NOTE,       /* dim text */
  HS_LEGEND_BREAK,      /* a new row */
} HsLegendKind;

typedef struct
{
  HsLegendKind  kind;
  const char   *text;
  gconstpointer data;   /* what the swatch stands for, the painter's */
} HsLegendEntry;

/* Draws the swatch of an item (or the chip of a heading) with its left at
 * x, centred on mid. */
typedef void (*HsLegendSwatchFunc) (cairo_t             *cr,
                                    const HsPalette     *palette,
                                    const HsLegendEntry *entry,
                                    double               x,
                                    double               mid,
                                    gpointer             user_data);

/* How a painter's legend looks: its fonts (of the painter's HsInk) and
 * sizes. */
typedef struct
{
  guint  font;          /* an item's or a note's text */
  guint  heading_font;
  double row;           /* height of a row (more with an item wrapped on lines) */
  double lead;          /* an item's swatch and the gap before its text */
  double heading_lead;  /* a heading's chip and its gap */
  double gap;           /* after an item or a note */
  double heading_gap;   /* after a heading */
  double indent;        /* a row an item wrapped to starts this far right */
  double mid_dy;        /* swatch and text centred this far below the row's middle */
} HsLegendStyle;

/* Lays the entries out in rows from x0 to x1, the first row's top at y0:
 * an entry that does not fit on the row goes to the next, one too long
 * for a whole row takes several lines; a heading or a break starts a row.
 * Painted when the ink has a cairo context.  Returns the height of the
 * rows. */
double        _hs_legend_flow   (HsInk               *ink,
                                 const HsLegendStyle *style,
                                 const HsPalette     *palette,
                                 const HsLegendEntry *entries,
                                 guint                n_entries,
                                 double               x0,
                                 double               x1,
                                 double               y0,
                                 HsLegendSwatchFunc   swatch,
                                 gpointer             user_data);

G_END_DECLS
