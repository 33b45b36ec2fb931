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

G_END_DECLS
