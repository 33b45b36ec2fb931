/* hs-ladder-paint-private.h
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hs-ladder-paint.h"

G_BEGIN_DECLS

/* For the exporters: the title block above the lifeline header, in the
 * painters' typography (and into the SVG text layer). */
double  _hs_ladder_title_height     (void);
void    _hs_ladder_paint_title      (cairo_t         *cr,
                                     const HsPalette *palette,
                                     double           width,
                                     const char      *title,
                                     const char      *subtitle,
                                     GString         *text_layer);
/* One line of small dim text, centred on x at baseline-independent top y
 * (page numbers of a PDF). */
void    _hs_ladder_paint_note       (cairo_t         *cr,
                                     const HsPalette *palette,
                                     double           x,
                                     double           y,
                                     const char      *text,
                                     GString         *text_layer);

/* For the tests: what a paint drew where, in layout coordinates. */
typedef enum
{
  HS_LADDER_ITEM_ARROW = 0,  /* an arrow's line, (x0, y0) to (x1, y1), `width` wide */
  HS_LADDER_ITEM_LABEL,      /* a label's plate (or a bundle's) */
  HS_LADDER_ITEM_BADGE,      /* a badge's pill */
  HS_LADDER_ITEM_GUTTER,     /* the frame number and time */
  HS_LADDER_ITEM_STATE,      /* a state name on a lifeline */
  HS_LADDER_ITEM_SUMMARY,    /* a collapsed run's summary */
  HS_LADDER_ITEM_CAPTION,    /* a phase's caption */
} HsLadderItemKind;

typedef struct
{
  HsLadderItemKind kind;
  guint            pos;         /* the packet, or the first of the row */
  double           x0;          /* a text's box, from its top left ... */
  double           y0;
  double           x1;          /* ... to its bottom right */
  double           y1;
  double           width;       /* an arrow's line width */
  gboolean         ellipsized;  /* a text cut short */
} HsLadderItem;

/* hs_ladder_paint(), appending an HsLadderItem to `items` for every arrow
 * and every text it draws. */
void    _hs_ladder_paint_items      (cairo_t                *cr,
                                     HsLadderLayout         *layout,
                                     const HsPalette        *palette,
                                     const HsLadderViewport *viewport,
                                     GArray                 *items);

G_END_DECLS
