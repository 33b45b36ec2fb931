/* hs-render-private.h
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "hs-export.h"
#include "hs-palette.h"

G_BEGIN_DECLS

/* What the ladder and the graphs paint and export with alike; not for the
 * widget.  The text helpers are in hs-render-util.c, the file plumbing of
 * the exporters in hs-render-export.c (its messages are translated there). */

/* ------------------------------------------------------------------------ */
/* Text                                                                      */

/* One font of a painter's table, indexed by the painter's own enum. */
typedef struct
{
  double      size;
  PangoWeight weight;
  gboolean    tabular;     /* figures of one width (tick labels line up) */
} HsInkFont;

typedef enum
{
  HS_INK_LEFT,
  HS_INK_CENTER,
  HS_INK_RIGHT,
} HsInkAlign;

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} HsInkBox;

/* Text drawing for one paint: one PangoLayout, the fonts, and the SVG text
 * layer to copy every string into.  Without a cairo context it measures
 * only (for the heights asked before painting). */
typedef struct
{
  cairo_t               *cr;
  PangoContext          *context;
  PangoLayout           *layout;
  const HsInkFont       *specs;
  guint                  n_fonts;
  PangoFontDescription **fonts;
  PangoAttrList         *tabular;
  GString               *text_layer;
} HsInk;

void     _hs_ink_init     (HsInk           *ink,
                           cairo_t         *cr,
                           GString         *text_layer,
                           const HsInkFont *specs,
                           guint            n_fonts);
void     _hs_ink_clear    (HsInk           *ink);
void     _hs_ink_prepare  (HsInk           *ink,
                           guint            font,
                           const char      *text,
                           double           max_width);
/* As _hs_ink_prepare(), wrapped at word boundaries into at most `lines`
 * lines of max_width (> 0), the last one ellipsized. */
void     _hs_ink_prepare_lines (HsInk         *ink,
                                guint          font,
                                const char    *text,
                                double         max_width,
                                int            lines);
/* The size of the text last prepared. */
void     _hs_ink_extents  (HsInk           *ink,
                           double          *width,
                           double          *height);
/* The size of a text (ellipsized to max_width when > 0). */
void     _hs_ink_measure  (HsInk           *ink,
                           guint            font,
                           const char      *text,
                           double           max_width,
                           double          *width,
                           double          *height);
/* Copies a drawn text into the SVG text layer at its baseline, in the
 * output's coordinates; `angle` (degrees) for a rotated text. */
void     _hs_ink_record   (HsInk           *ink,
                           guint            font,
                           const char      *text,
                           double           x,
                           double           baseline,
                           double           angle);
/* Draws `text` with its box's top at y and its left, centre or right at
 * x, ellipsized to max_width (when > 0).  Returns the box. */
HsInkBox _hs_ink_text     (HsInk           *ink,
                           guint            font,
                           const char      *text,
                           double           x,
                           double           y,
                           double           max_width,
                           HsInkAlign       align,
                           const HsRgba    *color);
/* Draws the text last prepared, as _hs_ink_text() does (`text` for the
 * text layer). */
HsInkBox _hs_ink_show     (HsInk           *ink,
                           guint            font,
                           const char      *text,
                           double           x,
                           double           y,
                           HsInkAlign       align,
                           const HsRgba    *color);

/* A text wrapped at `width` from x, its lines aligned in it, the first
 * one's top at y; each line goes to the text layer.  Without a cairo
 * context or a colour it is only measured.  Returns its height. */
double   _hs_ink_text_wrapped (HsInk          *ink,
                               guint           font,
                               const char     *text,
                               double          x,
                               double          y,
                               double          width,
                               PangoAlignment  align,
                               const HsRgba   *color);

static inline void
_hs_set_color (cairo_t      *cr,
               const HsRgba *c)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
}

static inline void
_hs_set_color_alpha (cairo_t      *cr,
                     const HsRgba *c,
                     double        alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

/* A rectangle with rounded corners as a closed path (radius at most half
 * the shorter side). */
void     _hs_rounded_rect (cairo_t *cr,
                           double   x,
                           double   y,
                           double   width,
                           double   height,
                           double   radius);

/* A number for the SVG text layer: two decimals, a dot whatever the
 * locale. */
void     _hs_append_number (GString *str,
                            double   value);

/* ------------------------------------------------------------------------ */
/* Files                                                                     */

/* hs_export_format_from_path(), or an error that names `path`. */
gboolean _hs_export_check_format (const char      *path,
                                  HsExportFormat  *format,
                                  GError         **error);

/* Paints page `page` of a picture (always 0 for PNG and SVG); text_layer
 * is non-NULL for SVG only. */
typedef void (*HsExportPaintFunc) (cairo_t  *cr,
                                   gpointer  data,
                                   guint     page,
                                   GString  *text_layer);

/* The one dispatcher of both exporters: paints the picture on the surface
 * of `format` (PNG: width × height rounded up to whole pixels; SVG: one
 * page with the text layer; PDF: n_pages pages of width × height, the
 * others take 1) into memory, then writes `path` in one go: a failure
 * leaves no half-written file and its message names `path`.  The callers
 * check their own size limits first.  In hs-render-export.c. */
gboolean _hs_render_export_surface (HsExportFormat     format,
                                    const char        *path,
                                    double             width,
                                    double             height,
                                    guint              n_pages,
                                    HsExportPaintFunc  paint,
                                    gpointer           data,
                                    GError           **error);

G_END_DECLS
