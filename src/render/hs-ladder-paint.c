/* hs-ladder-paint.c
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The painters of the ladder diagram, on any cairo context: the widget's
 * snapshot and the PNG, SVG and PDF exporters call the same code.
 *
 * A row, top to bottom (h = its height, 40 px at zoom 1):
 *
 *   gutter      lane between the lifelines                   badge column
 *   #12         SYN, ACK  Seq=0 Ack=1 Win=65160 Len=0
 *   14.2 ms  |------------------------------------------->|  (•) Dup ACK #2
 *           [STATE]                                  [STATE]
 *
 * The label sits above the arrow, which slopes down from the sender's
 * lifeline (y + 0.4 h) to the receiver's (y + 0.6 h); state names sit on
 * the lifelines just below where the arrow leaves or arrives; the caption
 * of a phase sits in the free space under the last row of its band.
 *
 * Cost: only the rows that intersect the viewport are looked at (found by
 * binary search), plus one row below it for the idle-gap mark above that
 * row, the original of each visible retransmission and the segment the
 * hovered ACK acknowledges (found by binary search too).  The phases are at
 * most three.  Text goes through one PangoLayout per paint.
 *
 * Wherever the rows are too close for their text (low zoom, bursts in
 * time-true mode), a text that would overlap the previous one drawn in the
 * same column is skipped: the arrows are always drawn. */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "hs-explain.h"
#include "hs-ladder-layout-private.h"
#include "hs-ladder-paint-private.h"

#define HEADER_HEIGHT   62.0
#define TITLE_HEIGHT    58.0

#define LABEL_SIZE      11.0
#define SMALL_SIZE      10.0
#define STATE_SIZE       8.5
#define NAME_SIZE       12.5
#define TITLE_SIZE      17.0

#define ARROW_HEAD      9.0
#define LEGEND_MARGIN   16.0
#define LEGEND_SWATCH   30.0

typedef enum
{
  FONT_LABEL = 0,
  FONT_SMALL,
  FONT_SMALL_BOLD,
  FONT_STATE,
  FONT_NAME,
  FONT_TITLE,
  N_FONTS
} Font;

static const struct
{
  double size;
  PangoWeight weight;
} font_specs[N_FONTS] = {
  [FONT_LABEL] = { LABEL_SIZE, PANGO_WEIGHT_NORMAL },
  [FONT_SMALL] = { SMALL_SIZE, PANGO_WEIGHT_NORMAL },
  [FONT_SMALL_BOLD] = { SMALL_SIZE, PANGO_WEIGHT_BOLD },
  [FONT_STATE] = { STATE_SIZE, PANGO_WEIGHT_BOLD },
  [FONT_NAME] = { NAME_SIZE, PANGO_WEIGHT_BOLD },
  [FONT_TITLE] = { TITLE_SIZE, PANGO_WEIGHT_BOLD },
};

/* Text drawing for one paint: one PangoLayout, the fonts, and the SVG text
 * layer to copy every string into.  Without a cairo context it measures
 * only (for the heights asked before painting). */
typedef struct
{
  cairo_t              *cr;
  PangoContext         *context;
  PangoLayout          *layout;
  PangoFontDescription *fonts[N_FONTS];
  GString              *text_layer;
} Ink;

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} Box;

typedef enum
{
  ALIGN_LEFT,
  ALIGN_CENTER,
  ALIGN_RIGHT,
} Align;

static void
ink_init (Ink     *ink,
          cairo_t *cr,
          GString *text_layer)
{
  cairo_font_options_t *options = cairo_font_options_create ();
  guint i;

  memset (ink, 0, sizeof *ink);
  ink->cr = cr;
  ink->text_layer = text_layer;

  /* unhinted metrics: text measures the same on every surface, so that
   * what was measured without a surface is what gets painted */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);

  if (cr != NULL)
    {
      ink->layout = pango_cairo_create_layout (cr);
      ink->context = g_object_ref (pango_layout_get_context (ink->layout));
      pango_cairo_context_set_font_options (ink->context, options);
      pango_layout_context_changed (ink->layout);
    }
  else
    {
      ink->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
      pango_cairo_context_set_font_options (ink->context, options);
      ink->layout = pango_layout_new (ink->context);
    }
  cairo_font_options_destroy (options);

  for (i = 0; i < N_FONTS; i++)
    {
      ink->fonts[i] = pango_font_description_from_string ("Sans");
      pango_font_description_set_absolute_size (ink->fonts[i],
                                                font_specs[i].size * PANGO_SCALE);
      pango_font_description_set_weight (ink->fonts[i], font_specs[i].weight);
    }
}

static void
ink_clear (Ink *ink)
{
  guint i;

  for (i = 0; i < N_FONTS; i++)
    pango_font_description_free (ink->fonts[i]);
  g_clear_object (&ink->layout);
  g_clear_object (&ink->context);
}

static void
ink_prepare (Ink        *ink,
             Font        font,
             const char *text,
             double      max_width)
{
  pango_layout_set_font_description (ink->layout, ink->fonts[font]);
  pango_layout_set_text (ink->layout, text, -1);
  if (max_width > 0)
    {
      pango_layout_set_width (ink->layout, (int)(max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (ink->layout, PANGO_ELLIPSIZE_END);
    }
  else
    {
      pango_layout_set_width (ink->layout, -1);
      pango_layout_set_ellipsize (ink->layout, PANGO_ELLIPSIZE_NONE);
    }
}

/* The size of a text (ellipsized to max_width when > 0). */
static void
ink_measure (Ink        *ink,
             Font        font,
             const char *text,
             double      max_width,
             double     *width,
             double     *height)
{
  PangoRectangle logical;

  ink_prepare (ink, font, text, max_width);
  pango_layout_get_extents (ink->layout, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

static void
set_color (cairo_t      *cr,
           const HsRgba *c)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
}

static void
set_color_alpha (cairo_t      *cr,
                 const HsRgba *c,
                 double        alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

static void
append_number (GString *str,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (str, g_ascii_formatd (buf, sizeof buf, "%.2f", value));
}

/* Copies a drawn text into the SVG text layer, at its baseline in the
 * output's coordinates (whatever translation the painters applied). */
static void
ink_record (Ink        *ink,
            Font        font,
            const char *text,
            double      x,
            double      baseline)
{
  g_autofree char *escaped = NULL;
  double size_x = 0;
  double size_y = font_specs[font].size;

  if (ink->text_layer == NULL || ink->cr == NULL)
    return;

  cairo_user_to_device (ink->cr, &x, &baseline);
  cairo_user_to_device_distance (ink->cr, &size_x, &size_y);
  escaped = g_markup_escape_text (text, -1);

  g_string_append (ink->text_layer, "<text x=\"");
  append_number (ink->text_layer, x);
  g_string_append (ink->text_layer, "\" y=\"");
  append_number (ink->text_layer, baseline);
  g_string_append (ink->text_layer, "\" font-size=\"");
  append_number (ink->text_layer, hypot (size_x, size_y));
  g_string_append_printf (ink->text_layer, "\"%s fill-opacity=\"0\">%s</text>\n",
                          font_specs[font].weight >= PANGO_WEIGHT_BOLD
                            ? " font-weight=\"bold\"" : "",
                          escaped);
}

/* Draws `text` with its box's top at y and its left, centre or right at x,
 * ellipsized to max_width (when > 0).  Returns the box. */
static Box
ink_text (Ink          *ink,
          Font          font,
          const char   *text,
          double        x,
          double        y,
          double        max_width,
          Align         align,
          const HsRgba *color)
{
  PangoRectangle logical;
  Box box;

  ink_prepare (ink, font, text, max_width);
  pango_layout_get_extents (ink->layout, NULL, &logical);

  box.width = (double) logical.width / PANGO_SCALE;
  box.height = (double) logical.height / PANGO_SCALE;
  box.y = y;
  switch (align)
    {
    case ALIGN_CENTER:
      box.x = x - box.width / 2;
      break;

    case ALIGN_RIGHT:
      box.x = x - box.width;
      break;

    case ALIGN_LEFT:
    default:
      box.x = x;
      break;
    }

  if (ink->cr != NULL)
    {
      set_color (ink->cr, color);
      cairo_move_to (ink->cr, box.x - (double) logical.x / PANGO_SCALE, box.y);
      pango_cairo_show_layout (ink->cr, ink->layout);
      ink_record (ink, font, text, box.x,
                  box.y + (double) pango_layout_get_baseline (ink->layout) / PANGO_SCALE);
    }

  return box;
}

/* ------------------------------------------------------------------------ */
/* Shapes                                                                    */

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   width,
              double   height,
              double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2);

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* A line from (x0, y0) to (x1, y1) ending in a filled, notched head. */
static void
draw_arrow (cairo_t      *cr,
            double        x0,
            double        y0,
            double        x1,
            double        y1,
            double        line_width,
            double        head,
            const HsRgba *color)
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

  set_color (cr, color);
  cairo_set_line_width (cr, line_width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, bx + ux * head * 0.3, by + uy * head * 0.3);
  cairo_stroke (cr);

  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, bx + px * half, by + py * half);
  cairo_line_to (cr, bx + ux * head * 0.25, by + uy * head * 0.25);
  cairo_line_to (cr, bx - px * half, by - py * half);
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* A downward chevron centred at (x, y). */
static void
draw_chevron (cairo_t      *cr,
              double        x,
              double        y,
              double        size,
              const HsRgba *color)
{
  set_color (cr, color);
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
static void
draw_break (cairo_t         *cr,
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
  set_color (cr, &palette->background);
  cairo_fill (cr);

  set_color_alpha (cr, &palette->dim, 0.8);
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

/* ------------------------------------------------------------------------ */
/* Rows                                                                      */

typedef struct
{
  Ink                    ink;
  cairo_t               *cr;
  HsLadderLayout        *layout;
  const HsPalette       *palette;
  const HsLadderColumns *cols;
  double                 h;            /* row height */
  double                 y0;           /* viewport, layout coordinates */
  double                 y1;
  /* bottom of the last text drawn in each column, to skip overlaps */
  double                 lane_bottom;
  double                 gutter_bottom;
  double                 badge_bottom;
  double                 pill_bottom[2];
} Painter;

static HsAnomalyClass
row_class (Painter           *p,
           const HsLadderRow *row)
{
  if (row->kind == HS_LADDER_ROW_COLLAPSED)
    return HS_ANOMALY_CLASS_NONE;
  return hs_anomaly_class_for_record (_hs_ladder_layout_get_record (p->layout, row->first));
}

static const HsRgba *
class_color (const HsPalette *palette,
             HsAnomalyClass   klass)
{
  if (klass == HS_ANOMALY_CLASS_NONE)
    return &palette->foreground;
  return &palette->anomaly[klass];
}

static const char *
phase_caption (HsLadderLayout      *layout,
               const HsLadderPhase *phase)
{
  switch (phase->kind)
    {
    case HS_LADDER_PHASE_HANDSHAKE:
      /* complete when both sides are connected at its end */
      if (hs_ladder_layout_get_state (layout, phase->last, 0, NULL) == HS_TCP_STATE_ESTABLISHED &&
          hs_ladder_layout_get_state (layout, phase->last, 1, NULL) == HS_TCP_STATE_ESTABLISHED)
        return _("Three-way handshake");
      return _("Handshake — not completed");

    case HS_LADDER_PHASE_DATA:
      return _("Data transfer");

    case HS_LADDER_PHASE_TEARDOWN:
    default:
      switch (phase->teardown)
        {
        case HS_LADDER_TEARDOWN_FOUR:
          return _("Teardown — four packets");
        case HS_LADDER_TEARDOWN_THREE:
          return _("Teardown — three packets: FIN and ACK combined");
        case HS_LADDER_TEARDOWN_RESET:
          return _("Teardown — reset by a RST");
        case HS_LADDER_TEARDOWN_PARTIAL:
        default:
          return _("Teardown — partial: the close did not finish in the capture");
        }
    }
}

/* The rows of a phase within the range, FALSE when none. */
static gboolean
phase_rows (HsLadderLayout      *layout,
            const HsLadderPhase *phase,
            guint               *first_row,
            guint               *last_row)
{
  guint first;
  guint last;

  hs_ladder_layout_get_range (layout, &first, &last);
  first = MAX (first, phase->first);
  last = MIN (last, phase->last);
  if (first > last)
    return FALSE;

  *first_row = hs_ladder_layout_row_for_pos (layout, first);
  *last_row = hs_ladder_layout_row_for_pos (layout, last);
  return *first_row != HS_LADDER_NO_POS && *last_row != HS_LADDER_NO_POS;
}

/* The bottom of a band that ends with `row`: the row's bottom, or in
 * time-true mode, where the next row comes closer, just above the next
 * row's arrow (but never above this row's). */
static double
band_bottom (Painter *p,
             guint    row)
{
  const HsLadderRow *r = hs_ladder_layout_get_row (p->layout, row);
  double bottom = r->y + p->h;

  if (row + 1 < hs_ladder_layout_get_n_rows (p->layout))
    {
      const HsLadderRow *next = hs_ladder_layout_get_row (p->layout, row + 1);

      bottom = MIN (bottom, next->y + hs_ladder_arrow_top (p->h) - 3);
      bottom = MAX (bottom, r->y + hs_ladder_arrow_bottom (p->h) + 3);
    }

  return bottom;
}

static void
paint_phase_bands (Painter *p)
{
  guint n = hs_ladder_layout_get_n_phases (p->layout);
  guint i;

  for (i = 0; i < n; i++)
    {
      const HsLadderPhase *phase = hs_ladder_layout_get_phase (p->layout, i);
      const HsRgba *tint = &p->palette->phase[phase->kind];
      guint a, b;
      double top, bottom;

      if (!phase_rows (p->layout, phase, &a, &b))
        continue;

      top = hs_ladder_layout_get_row (p->layout, a)->y;
      bottom = band_bottom (p, b);
      if (bottom < p->y0 || top > p->y1)
        continue;

      if (tint->alpha > 0)
        {
          set_color (p->cr, tint);
          cairo_rectangle (p->cr, 0, top, p->cols->width, bottom - top);
          cairo_fill (p->cr);
        }

      /* a stripe at the left edge marks the phase also without tints */
      if (phase->kind != HS_LADDER_PHASE_DATA)
        {
          const HsRgba *stripe = p->palette->kind == HS_PALETTE_PRINT
                                 ? &p->palette->lifeline : tint;

          if (p->palette->kind == HS_PALETTE_PRINT)
            set_color (p->cr, stripe);
          else
            cairo_set_source_rgba (p->cr, stripe->red, stripe->green, stripe->blue,
                                   MIN (1.0, stripe->alpha * 6));
          cairo_rectangle (p->cr, 0, top + 1, 3, bottom - top - 2);
          cairo_fill (p->cr);
        }
    }
}

static void
paint_row_band (Painter      *p,
                guint         pos,
                const HsRgba *color)
{
  guint row;
  const HsLadderRow *r;

  if (pos == HS_LADDER_NO_POS || color->alpha <= 0 ||
      pos >= hs_ladder_layout_get_n_packets (p->layout))
    return;

  row = hs_ladder_layout_row_for_pos (p->layout, pos);
  if (row == HS_LADDER_NO_POS)
    return;

  r = hs_ladder_layout_get_row (p->layout, row);
  if (r->y > p->y1 || r->y + p->h < p->y0)
    return;

  set_color (p->cr, color);
  cairo_rectangle (p->cr, 0, r->y, p->cols->width, p->h);
  cairo_fill (p->cr);
}

static void
paint_lifelines (Painter *p)
{
  double top = MAX (p->y0, 0);
  double bottom = MIN (p->y1, hs_ladder_layout_get_height (p->layout));
  guint s;

  if (bottom <= top)
    return;

  set_color (p->cr, &p->palette->lifeline);
  cairo_set_line_width (p->cr, 1.5);
  for (s = 0; s < 2; s++)
    {
      cairo_move_to (p->cr, p->cols->lifeline[s], top);
      cairo_line_to (p->cr, p->cols->lifeline[s], bottom);
    }
  cairo_stroke (p->cr);
}

/* The gap above a row whose idle time was compressed: a break across the
 * diagram and the real idle time. */
static void
paint_gap (Painter *p,
           guint    row)
{
  const HsLadderRow *r = hs_ladder_layout_get_row (p->layout, row);
  const HsLadderRow *prev;
  g_autofree char *duration = NULL;
  g_autofree char *text = NULL;
  double top, bottom, mid, tw, th, x;

  if (!r->gap_before || row == 0)
    return;

  prev = hs_ladder_layout_get_row (p->layout, row - 1);
  top = prev->y + (prev->kind == HS_LADDER_ROW_COLLAPSED ? hs_ladder_bar_bottom (p->h)
                                                         : hs_ladder_arrow_bottom (p->h));
  if (prev->kind == HS_LADDER_ROW_COLLAPSED)
    top += p->h;
  bottom = r->y + hs_ladder_arrow_top (p->h);
  mid = (top + bottom) / 2;
  if (mid < p->y0 - 20 || mid > p->y1 + 20)
    return;

  draw_break (p->cr, p->palette, 6, p->cols->width - 6, mid);

  duration = hs_format_duration (_hs_ladder_layout_get_idle_before (p->layout, row));
  /* Translators: the time nothing was sent, where the time-true ladder
   * leaves out a long pause: "12.3 s idle" */
  text = g_strdup_printf (_("%s idle"), duration);
  ink_measure (&p->ink, FONT_SMALL_BOLD, text, 0, &tw, &th);
  if (bottom - top < th + 10)
    return;

  /* on a plate that interrupts the break */
  x = (p->cols->lifeline[0] + p->cols->lifeline[1]) / 2;
  rounded_rect (p->cr, x - tw / 2 - 10, mid - th / 2 - 3, tw + 20, th + 6, (th + 6) / 2);
  set_color (p->cr, &p->palette->background);
  cairo_fill_preserve (p->cr);
  set_color_alpha (p->cr, &p->palette->dim, 0.5);
  cairo_set_line_width (p->cr, 1.0);
  cairo_stroke (p->cr);
  ink_text (&p->ink, FONT_SMALL_BOLD, text, x, mid - th / 2, 0, ALIGN_CENTER, &p->palette->dim);
}

static void
paint_collapsed (Painter *p,
                 guint    row)
{
  const HsLadderRow *r = hs_ladder_layout_get_row (p->layout, row);
  g_autofree char *summary = hs_ladder_layout_dup_run_summary (p->layout, row);
  double x0 = p->cols->lifeline[0] + 12;
  double x1 = p->cols->lifeline[1] - 12;
  double y0 = r->y + hs_ladder_bar_top (p->h);
  double y1 = r->y + hs_ladder_bar_bottom (p->h);
  double th;

  rounded_rect (p->cr, x0, y0, x1 - x0, y1 - y0, MIN (8, (y1 - y0) / 2));
  set_color_alpha (p->cr, &p->palette->dim,
                   p->palette->kind == HS_PALETTE_DARK ? 0.22 : 0.12);
  cairo_fill_preserve (p->cr);
  set_color_alpha (p->cr, &p->palette->dim, 0.55);
  cairo_set_line_width (p->cr, 1.0);
  cairo_set_dash (p->cr, (double[]) { 4, 3 }, 2, 0);
  cairo_stroke (p->cr);
  cairo_set_dash (p->cr, NULL, 0, 0);

  /* the hint that a click opens it */
  if (y1 - y0 >= 8)
    draw_chevron (p->cr, x1 - 16, (y0 + y1) / 2, 4, &p->palette->dim);

  ink_measure (&p->ink, FONT_SMALL_BOLD, summary, 0, NULL, &th);
  if (y1 - y0 >= th - 2 && r->y + (p->h - th) / 2 >= p->lane_bottom)
    {
      ink_text (&p->ink, FONT_SMALL_BOLD, summary, (x0 + x1) / 2, r->y + (p->h - th) / 2,
                x1 - x0 - 56, ALIGN_CENTER, &p->palette->dim);
      p->lane_bottom = r->y + (p->h + th) / 2;
    }
  else
    p->lane_bottom = MAX (p->lane_bottom, y1);
}

/* The dashed link from a retransmission back to the segment it sends
 * again, bowing out of the sender's lifeline. */
static void
paint_retransmission_link (Painter *p,
                           guint    pos,
                           double   x,
                           double   y)
{
  guint orig = _hs_ladder_layout_get_original (p->layout, pos);
  guint orig_row;
  double ox0, oy0, oy, bow, out;

  if (orig == HS_LADDER_NO_POS)
    return;
  orig_row = hs_ladder_layout_row_for_pos (p->layout, orig);
  if (orig_row == HS_LADDER_NO_POS)
    return;

  hs_ladder_layout_get_arrow (p->layout, orig_row, &ox0, &oy0, NULL, NULL);
  oy = oy0;
  if (hs_ladder_layout_get_row (p->layout, orig_row)->kind == HS_LADDER_ROW_COLLAPSED)
    oy = hs_ladder_layout_get_row (p->layout, orig_row)->y + p->h / 2;

  out = x < (p->cols->lifeline[0] + p->cols->lifeline[1]) / 2 ? -1 : 1;
  bow = MIN (48.0, 14.0 + (y - oy) * 0.2);

  set_color (p->cr, &p->palette->connector);
  cairo_set_line_width (p->cr, 1.5);
  cairo_set_dash (p->cr, (double[]) { 5, 3 }, 2, 0);
  cairo_move_to (p->cr, x, oy);
  cairo_curve_to (p->cr, x + out * bow, oy, x + out * bow, y, x + out * 3, y);
  cairo_stroke (p->cr);
  cairo_set_dash (p->cr, NULL, 0, 0);

  cairo_arc (p->cr, x, oy, 3, 0, 2 * G_PI);
  cairo_fill (p->cr);
}

static void
paint_arrow_row (Painter *p,
                 guint    row)
{
  const HsLadderRow *r = hs_ladder_layout_get_row (p->layout, row);
  const HsPacketRecord *rec = _hs_ladder_layout_get_record (p->layout, r->first);
  HsAnomalyClass klass = hs_anomaly_class_for_record (rec);
  double x0, y0, x1, y1;
  double width = 1.3;

  hs_ladder_layout_get_arrow (p->layout, row, &x0, &y0, &x1, &y1);

  if (klass == HS_ANOMALY_CLASS_HANDSHAKE)
    width = 1.8;
  else if (klass != HS_ANOMALY_CLASS_NONE)
    width = 2.0;

  if (rec->analysis & (HS_ANALYSIS_RETRANSMISSION | HS_ANALYSIS_FAST_RETRANSMISSION |
                       HS_ANALYSIS_SPURIOUS_RETRANSMISSION))
    paint_retransmission_link (p, r->first, x0, y0);

  draw_arrow (p->cr, x0, y0, x1, y1, width, MIN (ARROW_HEAD, MAX (5.0, p->h * 0.4)),
              class_color (p->palette, klass));
}

/* State names: light on a neutral grey, dark enough to read on paper and
 * light enough to stand out on the dark background. */
static const HsRgba *
pill_fill (const HsPalette *palette)
{
  return palette->kind == HS_PALETTE_DARK ? &palette->lifeline : &palette->dim;
}

static const HsRgba *
pill_text (const HsPalette *palette)
{
  return palette->kind == HS_PALETTE_DARK ? &palette->foreground : &palette->background;
}

static void
paint_state_pills (Painter *p,
                   guint    row)
{
  const HsLadderRow *r = hs_ladder_layout_get_row (p->layout, row);
  guint pos = r->first + r->n - 1;
  guint dir;
  double y0, y1;
  guint s;

  if (r->kind == HS_LADDER_ROW_COLLAPSED)
    return;

  dir = _hs_ladder_layout_get_record (p->layout, pos)->direction;
  hs_ladder_layout_get_arrow (p->layout, row, NULL, &y0, NULL, &y1);

  for (s = 0; s < 2; s++)
    {
      gboolean changed = FALSE;
      HsTcpState state = hs_ladder_layout_get_state (p->layout, pos, s, &changed);
      const char *name;
      double tw, th, top, x;

      if (!changed || state == HS_TCP_STATE_UNKNOWN)
        continue;

      name = hs_tcp_state_to_string (state);
      ink_measure (&p->ink, FONT_STATE, name, 0, &tw, &th);
      top = (s == dir ? y0 : y1) + 3;
      if (top < p->pill_bottom[s])
        continue;

      x = p->cols->lifeline[s];
      rounded_rect (p->cr, x - tw / 2 - 6, top, tw + 12, th + 2, (th + 2) / 2);
      set_color (p->cr, pill_fill (p->palette));
      cairo_fill (p->cr);
      ink_text (&p->ink, FONT_STATE, name, x, top + 1, 0, ALIGN_CENTER,
                pill_text (p->palette));
      p->pill_bottom[s] = top + th + 4;
    }
}

static void
paint_label (Painter *p,
             guint    row)
{
  const HsLadderRow *r = hs_ladder_layout_get_row (p->layout, row);
  const char *label = hs_ladder_layout_get_label (p->layout, r->first);
  double lane = p->cols->lifeline[1] - p->cols->lifeline[0];
  double mid = (p->cols->lifeline[0] + p->cols->lifeline[1]) / 2;
  double y0, y1, tw, th, top, t;

  hs_ladder_layout_get_arrow (p->layout, row, NULL, &y0, NULL, &y1);
  ink_measure (&p->ink, FONT_LABEL, label, lane - 64, &tw, &th);

  /* above the arrow where it is highest under the label's plate */
  t = (tw / 2 + 4) / lane;
  top = MIN (y0, y1) + fabs (y1 - y0) * (0.5 - t) - 1.5 - th;
  /* the first row's label stays inside the picture */
  if (row == 0)
    top = MAX (top, 0);

  /* in packet order at a small zoom, no label has room */
  if (top >= p->lane_bottom &&
      (hs_ladder_layout_get_mode (p->layout) == HS_LADDER_TIME_TRUE || p->h >= th + 6))
    {
      rounded_rect (p->cr, mid - tw / 2 - 4, top, tw + 8, th, 3);
      set_color (p->cr, &p->palette->label_plate);
      cairo_fill (p->cr);
      ink_text (&p->ink, FONT_LABEL, label, mid, top, lane - 64, ALIGN_CENTER,
                &p->palette->foreground);
    }

  /* what comes next must clear this arrow too */
  p->lane_bottom = MAX (p->lane_bottom, MAX (y0, y1) + 1);
}

static void
paint_badge (Painter *p,
             guint    row)
{
  const HsLadderRow *r = hs_ladder_layout_get_row (p->layout, row);
  const char *badge = hs_ladder_layout_get_badge (p->layout, r->first);
  HsAnomalyClass klass;
  const HsRgba *color;
  double max_width = p->cols->width - p->cols->badge - 8 - 17 - 7 - 8;
  double tw, th, top, x;

  if (badge == NULL)
    return;

  klass = row_class (p, r);
  color = class_color (p->palette, klass);
  ink_measure (&p->ink, FONT_SMALL_BOLD, badge, max_width, &tw, &th);
  top = r->y + p->h / 2 - (th + 4) / 2;
  if (top < p->badge_bottom)
    return;

  x = p->cols->badge + 8;
  rounded_rect (p->cr, x, top, tw + 24, th + 4, (th + 4) / 2);
  if (p->palette->kind == HS_PALETTE_PRINT)
    {
      set_color (p->cr, color);
      cairo_set_line_width (p->cr, 1.0);
      cairo_stroke (p->cr);
    }
  else
    {
      set_color_alpha (p->cr, color, p->palette->kind == HS_PALETTE_DARK ? 0.24 : 0.15);
      cairo_fill (p->cr);
    }

  set_color (p->cr, color);
  cairo_arc (p->cr, x + 9, top + (th + 4) / 2, 3.5, 0, 2 * G_PI);
  cairo_fill (p->cr);

  ink_text (&p->ink, FONT_SMALL_BOLD, badge, x + 17, top + 2, max_width, ALIGN_LEFT,
            &p->palette->foreground);
  p->badge_bottom = top + th + 6;
}

static void
paint_gutter (Painter *p,
              guint    row)
{
  const HsLadderRow *r = hs_ladder_layout_get_row (p->layout, row);
  const HsPacketRecord *rec = _hs_ladder_layout_get_record (p->layout, r->first);
  guint frame = hs_ladder_layout_get_frame (p->layout, r->first) + 1;
  g_autofree char *number = NULL;
  g_autofree char *time = NULL;
  double mid = r->y + p->h / 2;
  double th;
  double max_width = p->cols->gutter - 14;

  if (r->kind == HS_LADDER_ROW_COLLAPSED)
    number = g_strdup_printf ("#%u–%u", frame,
                              hs_ladder_layout_get_frame (p->layout, r->first + r->n - 1) + 1);
  else
    number = g_strdup_printf ("#%u", frame);
  time = hs_format_duration (rec->ts_ns - _hs_ladder_layout_get_start_ns (p->layout));

  ink_measure (&p->ink, FONT_SMALL, number, 0, NULL, &th);
  if (p->h >= 2 * th + 4)
    {
      if (mid - th < p->gutter_bottom)
        return;
      ink_text (&p->ink, FONT_SMALL_BOLD, number, 12, mid - th, max_width, ALIGN_LEFT,
                &p->palette->foreground);
      ink_text (&p->ink, FONT_SMALL, time, 12, mid, max_width, ALIGN_LEFT, &p->palette->dim);
      p->gutter_bottom = mid + th;
    }
  else
    {
      if (mid - th / 2 < p->gutter_bottom)
        return;
      ink_text (&p->ink, FONT_SMALL_BOLD, number, 12, mid - th / 2, max_width, ALIGN_LEFT,
                &p->palette->foreground);
      p->gutter_bottom = mid + th / 2;
    }
}

/* Under the last row of a phase, in the free middle of the lane. */
static void
paint_phase_caption (Painter *p,
                     guint    row)
{
  guint n = hs_ladder_layout_get_n_phases (p->layout);
  guint i;

  for (i = 0; i < n; i++)
    {
      const HsLadderPhase *phase = hs_ladder_layout_get_phase (p->layout, i);
      const HsLadderRow *r;
      const char *caption;
      double lane0 = p->cols->lifeline[0] + 52;
      double lane1 = p->cols->lifeline[1] - 52;
      double tw, th, top, mid;
      guint a, b;
      Box box;

      if (!phase_rows (p->layout, phase, &a, &b) || b != row)
        continue;

      r = hs_ladder_layout_get_row (p->layout, row);
      caption = phase_caption (p->layout, phase);
      ink_measure (&p->ink, FONT_SMALL, caption, lane1 - lane0 - 40, &tw, &th);
      top = r->y + (r->kind == HS_LADDER_ROW_COLLAPSED ? hs_ladder_bar_bottom (p->h)
                                                       : hs_ladder_arrow_bottom (p->h)) + 2;
      /* room between this row's arrow and the next one's */
      if (top < p->lane_bottom || top + th > band_bottom (p, row) + 4)
        continue;

      mid = (lane0 + lane1) / 2;
      box = ink_text (&p->ink, FONT_SMALL, caption, mid, top, lane1 - lane0 - 40,
                      ALIGN_CENTER, &p->palette->dim);

      set_color_alpha (p->cr, &p->palette->dim, 0.45);
      cairo_set_line_width (p->cr, 1.0);
      cairo_move_to (p->cr, lane0, top + th / 2 + 0.5);
      cairo_line_to (p->cr, box.x - 8, top + th / 2 + 0.5);
      cairo_move_to (p->cr, box.x + box.width + 8, top + th / 2 + 0.5);
      cairo_line_to (p->cr, lane1, top + th / 2 + 0.5);
      cairo_stroke (p->cr);

      p->lane_bottom = top + th;
    }
}

/* The hovered ACK: a bracket on its sender's lifeline from where the
 * segment it acknowledges arrived to where the ACK leaves, and the RTT. */
static void
paint_hover_connector (Painter *p,
                       guint    pos)
{
  const HsPacketRecord *ack;
  const HsPacketRecord *seg;
  g_autofree char *rtt = NULL;
  g_autofree char *text = NULL;
  guint seg_pos, seg_row, ack_row;
  double sx0, sy0, sx1, sy1;
  double ax0, ay0;
  double x, xb, out, ys, ya, ty, tw, th, lo, hi;

  if (pos == HS_LADDER_NO_POS || pos >= hs_ladder_layout_get_n_packets (p->layout))
    return;

  ack = _hs_ladder_layout_get_record (p->layout, pos);
  if (!(ack->tcp_flags & HS_TCP_ACK) || ack->related_frame == HS_NO_FRAME ||
      (ack->analysis & HS_ANALYSIS_DUPLICATE_ACK))
    return;

  seg_pos = hs_ladder_layout_find_frame (p->layout, ack->related_frame - 1);
  if (seg_pos == HS_LADDER_NO_POS)
    return;
  seg_row = hs_ladder_layout_row_for_pos (p->layout, seg_pos);
  ack_row = hs_ladder_layout_row_for_pos (p->layout, pos);
  if (seg_row == HS_LADDER_NO_POS || ack_row == HS_LADDER_NO_POS || seg_row == ack_row)
    return;

  seg = _hs_ladder_layout_get_record (p->layout, seg_pos);
  hs_ladder_layout_get_arrow (p->layout, seg_row, &sx0, &sy0, &sx1, &sy1);
  hs_ladder_layout_get_arrow (p->layout, ack_row, &ax0, &ay0, NULL, NULL);

  x = p->cols->lifeline[ack->direction];
  out = ack->direction == 0 ? -1 : 1;
  xb = x + out * 20;
  ys = hs_ladder_layout_get_row (p->layout, seg_row)->kind == HS_LADDER_ROW_COLLAPSED
       ? (sy0 + sy1) / 2 : sy1;
  ya = ay0;

  /* the segment again, on top */
  if (hs_ladder_layout_get_row (p->layout, seg_row)->kind == HS_LADDER_ROW_PACKET)
    draw_arrow (p->cr, sx0, sy0, sx1, sy1, 2.5, ARROW_HEAD, &p->palette->connector);

  set_color (p->cr, &p->palette->connector);
  cairo_set_line_width (p->cr, 2.0);
  cairo_set_line_join (p->cr, CAIRO_LINE_JOIN_ROUND);
  cairo_move_to (p->cr, x, ys);
  cairo_line_to (p->cr, xb - out * 4, ys);
  cairo_curve_to (p->cr, xb, ys, xb, ys, xb, ys + 4);
  cairo_line_to (p->cr, xb, ya - 4);
  cairo_curve_to (p->cr, xb, ya, xb, ya, xb - out * 4, ya);
  cairo_line_to (p->cr, x, ya);
  cairo_stroke (p->cr);
  cairo_arc (p->cr, x, ys, 3, 0, 2 * G_PI);
  cairo_fill (p->cr);
  cairo_arc (p->cr, x, ya, 3, 0, 2 * G_PI);
  cairo_fill (p->cr);

  rtt = hs_format_duration (ack->ts_ns - seg->ts_ns);
  /* Translators: the round-trip time of a segment, shown next to its ACK */
  text = g_strdup_printf (_("RTT %s"), rtt);
  ink_measure (&p->ink, FONT_SMALL_BOLD, text, 0, &tw, &th);

  /* in the middle of the bracket, kept on screen */
  lo = MAX (ys, p->y0 + 4);
  hi = MAX (lo, MIN (ya - th, p->y1 - th - 4));
  ty = CLAMP ((ys + ya) / 2 - th / 2, lo, hi);
  rounded_rect (p->cr, out < 0 ? xb - 6 - tw - 6 : xb + 6, ty - 2, tw + 6 + 6, th + 4, 4);
  set_color (p->cr, &p->palette->background);
  cairo_fill_preserve (p->cr);
  set_color (p->cr, &p->palette->connector);
  cairo_set_line_width (p->cr, 1.0);
  cairo_stroke (p->cr);
  ink_text (&p->ink, FONT_SMALL_BOLD, text, out < 0 ? xb - 9 : xb + 9, ty, 0,
            out < 0 ? ALIGN_RIGHT : ALIGN_LEFT, &p->palette->connector);
}

void
hs_ladder_viewport_init (HsLadderViewport *viewport)
{
  g_return_if_fail (viewport != NULL);

  memset (viewport, 0, sizeof *viewport);
  viewport->scroll_y = 0;
  viewport->height = 0;
  viewport->selected_pos = HS_LADDER_NO_POS;
  viewport->hover_pos = HS_LADDER_NO_POS;
  viewport->show_phases = TRUE;
  viewport->text_layer = NULL;
}

void
hs_ladder_paint (cairo_t                *cr,
                 HsLadderLayout         *layout,
                 const HsPalette        *palette,
                 const HsLadderViewport *viewport)
{
  Painter p;
  guint first = 0;
  guint last = 0;
  gboolean any;
  guint n_rows;
  guint row;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (layout != NULL);
  g_return_if_fail (palette != NULL);
  g_return_if_fail (viewport != NULL);

  memset (&p, 0, sizeof p);
  p.cr = cr;
  p.layout = layout;
  p.palette = palette;
  p.cols = hs_ladder_layout_get_columns (layout);
  p.h = hs_ladder_layout_get_row_height (layout);
  p.y0 = viewport->scroll_y;
  p.y1 = viewport->scroll_y + MAX (viewport->height, 0);
  p.lane_bottom = -G_MAXDOUBLE;
  p.gutter_bottom = -G_MAXDOUBLE;
  p.badge_bottom = -G_MAXDOUBLE;
  p.pill_bottom[0] = -G_MAXDOUBLE;
  p.pill_bottom[1] = -G_MAXDOUBLE;

  cairo_save (cr);
  cairo_translate (cr, 0, -viewport->scroll_y);
  cairo_rectangle (cr, 0, p.y0, p.cols->width, p.y1 - p.y0);
  cairo_clip (cr);

  ink_init (&p.ink, cr, viewport->text_layer);

  set_color (cr, &palette->background);
  cairo_paint (cr);

  n_rows = hs_ladder_layout_get_n_rows (layout);
  any = hs_ladder_layout_visible_rows (layout, p.y0, p.y1, &first, &last);
  /* a row starting exactly at the bottom edge is the next page's */
  while (any && last > first && hs_ladder_layout_get_row (layout, last)->y >= p.y1 &&
         viewport->height > 0)
    last--;

  if (viewport->show_phases)
    paint_phase_bands (&p);
  paint_row_band (&p, viewport->hover_pos, &palette->hover);
  paint_row_band (&p, viewport->selected_pos, &palette->selection);
  paint_lifelines (&p);

  /* the break above the row after the viewport may show in it */
  if (n_rows > 0)
    {
      guint next = any ? last + 1 : hs_ladder_layout_row_at_y (layout, p.y1) + 1;

      if (next < n_rows)
        paint_gap (&p, next);
    }

  if (any)
    {
      for (row = first; row <= last; row++)
        paint_gap (&p, row);

      for (row = first; row <= last; row++)
        {
          if (hs_ladder_layout_get_row (layout, row)->kind == HS_LADDER_ROW_COLLAPSED)
            continue;
          paint_arrow_row (&p, row);
        }

      for (row = first; row <= last; row++)
        {
          const HsLadderRow *r = hs_ladder_layout_get_row (layout, row);

          if (r->kind == HS_LADDER_ROW_COLLAPSED)
            paint_collapsed (&p, row);
          else
            {
              paint_state_pills (&p, row);
              paint_label (&p, row);
              paint_badge (&p, row);
            }
          paint_gutter (&p, row);
          if (viewport->show_phases)
            paint_phase_caption (&p, row);
        }
    }

  paint_hover_connector (&p, viewport->hover_pos);

  ink_clear (&p.ink);
  cairo_restore (cr);
}

/* ------------------------------------------------------------------------ */
/* Header                                                                    */

double
hs_ladder_header_height (void)
{
  return HEADER_HEIGHT;
}

void
hs_ladder_paint_header (cairo_t         *cr,
                        HsLadderLayout  *layout,
                        const HsPalette *palette,
                        GString         *text_layer)
{
  const HsLadderColumns *cols;
  int client;
  Ink ink;
  guint s;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (layout != NULL);
  g_return_if_fail (palette != NULL);

  cols = hs_ladder_layout_get_columns (layout);
  client = _hs_ladder_layout_get_client_side (layout);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, cols->width, HEADER_HEIGHT);
  cairo_clip (cr);
  ink_init (&ink, cr, text_layer);

  set_color (cr, &palette->background);
  cairo_paint (cr);

  /* column captions, on the last line: the names' boxes are above it */
  ink_text (&ink, FONT_SMALL_BOLD, _("Frame"), 12, HEADER_HEIGHT - 30, cols->gutter - 14,
            ALIGN_LEFT, &palette->dim);
  ink_text (&ink, FONT_SMALL, _("Time"), 12, HEADER_HEIGHT - 17, cols->gutter - 14,
            ALIGN_LEFT, &palette->dim);
  ink_text (&ink, FONT_SMALL_BOLD, _("Analysis"), cols->badge + 8, HEADER_HEIGHT - 17,
            cols->width - cols->badge - 16, ALIGN_LEFT, &palette->dim);

  for (s = 0; s < 2; s++)
    {
      const char *name = hs_ladder_layout_get_endpoint_name (layout, s);
      const char *role = NULL;
      double x = cols->lifeline[s];
      double max_width = MIN (280.0, cols->lifeline[1] - cols->lifeline[0] - 36);
      double nw, nh, rw = 0, rh = 0, bw, bh, top;

      if (client >= 0)
        role = (int) s == client ? _("client") : _("server");

      ink_measure (&ink, FONT_NAME, name, max_width, &nw, &nh);
      if (role != NULL)
        ink_measure (&ink, FONT_SMALL, role, max_width, &rw, &rh);
      bw = MAX (nw, rw) + 24;
      bh = nh + rh + 8;
      top = 6;

      /* the lifeline starts under its name */
      set_color (cr, &palette->lifeline);
      cairo_set_line_width (cr, 1.5);
      cairo_move_to (cr, x, top + bh);
      cairo_line_to (cr, x, HEADER_HEIGHT);
      cairo_stroke (cr);

      rounded_rect (cr, x - bw / 2, top + 0.5, bw, bh, 7);
      set_color_alpha (cr, &palette->foreground, palette->kind == HS_PALETTE_DARK ? 0.08 : 0.04);
      cairo_fill_preserve (cr);
      set_color (cr, &palette->lifeline);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);

      ink_text (&ink, FONT_NAME, name, x, top + 4, max_width, ALIGN_CENTER,
                &palette->foreground);
      if (role != NULL)
        ink_text (&ink, FONT_SMALL, role, x, top + 4 + nh, max_width, ALIGN_CENTER,
                  &palette->dim);
    }

  set_color_alpha (cr, &palette->dim, 0.35);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, 0, HEADER_HEIGHT - 0.5);
  cairo_line_to (cr, cols->width, HEADER_HEIGHT - 0.5);
  cairo_stroke (cr);

  ink_clear (&ink);
  cairo_restore (cr);
}

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
    ADD (SWATCH_BREAK, 0, _("Idle time, shortened"));

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
      draw_arrow (cr, x, mid - 3, x + w, mid + 3,
                  item->index == HS_ANOMALY_CLASS_NONE ? 1.3 : 2.0, 8,
                  class_color (palette, (HsAnomalyClass) item->index));
      break;

    case SWATCH_BAND:
      {
        const HsRgba *tint = &palette->phase[item->index];

        rounded_rect (cr, x, y + 1, w, h - 2, 3);
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
      rounded_rect (cr, x, mid - 5.5, w, 11, 5.5);
      set_color (cr, pill_fill (palette));
      cairo_fill (cr);
      break;

    case SWATCH_BADGE:
      {
        const HsRgba *c = &palette->anomaly[item->index];

        rounded_rect (cr, x, mid - 7, w, 14, 7);
        if (palette->kind == HS_PALETTE_PRINT)
          {
            set_color (cr, c);
            cairo_set_line_width (cr, 1.0);
            cairo_stroke (cr);
          }
        else
          {
            set_color_alpha (cr, c, palette->kind == HS_PALETTE_DARK ? 0.24 : 0.15);
            cairo_fill (cr);
          }
        set_color (cr, c);
        cairo_arc (cr, x + 8, mid, 3.5, 0, 2 * G_PI);
        cairo_fill (cr);
      }
      break;

    case SWATCH_LINK:
    case SWATCH_BRACKET:
      {
        /* on a piece of lifeline, as on the ladder */
        double lx = x + w - 6;

        set_color (cr, &palette->lifeline);
        cairo_set_line_width (cr, 1.5);
        cairo_move_to (cr, lx, y - 1);
        cairo_line_to (cr, lx, y + h + 1);
        cairo_stroke (cr);

        set_color (cr, &palette->connector);
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
      rounded_rect (cr, x, mid - 6, w, 12, 5);
      set_color_alpha (cr, &palette->dim, palette->kind == HS_PALETTE_DARK ? 0.22 : 0.12);
      cairo_fill_preserve (cr);
      set_color_alpha (cr, &palette->dim, 0.55);
      cairo_set_line_width (cr, 1.0);
      cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      break;

    case SWATCH_BREAK:
    default:
      draw_break (cr, palette, x, x + w, mid);
      break;
    }
}

/* Lays the legend out (and paints it when ink->cr is set); returns its
 * height. */
static double
legend_flow (Ink             *ink,
             HsLadderLayout  *layout,
             const HsPalette *palette)
{
  LegendItem items[32];
  double width = hs_ladder_layout_get_columns (layout)->width;
  double right = width - LEGEND_MARGIN;
  double x = LEGEND_MARGIN;
  double y;
  double th;
  double line = 22;
  guint n;
  guint i;

  n = legend_items (layout, palette, items, G_N_ELEMENTS (items));

  ink_measure (ink, FONT_SMALL_BOLD, _("Legend"), 0, NULL, &th);
  if (ink->cr != NULL)
    ink_text (ink, FONT_SMALL_BOLD, _("Legend"), LEGEND_MARGIN, 12, 0, ALIGN_LEFT,
              &palette->dim);
  y = 12 + th + 8;

  for (i = 0; i < n; i++)
    {
      double tw, h;
      double item_width;
      double max_text = right - LEGEND_MARGIN - LEGEND_SWATCH - 8;

      ink_measure (ink, FONT_SMALL, items[i].text, max_text, &tw, &h);
      item_width = LEGEND_SWATCH + 8 + tw;
      if (x > LEGEND_MARGIN && x + item_width > right)
        {
          x = LEGEND_MARGIN;
          y += line;
        }

      if (ink->cr != NULL)
        {
          draw_swatch (ink->cr, palette, &items[i], x, y + (line - 16) / 2 - 1, 16);
          ink_text (ink, FONT_SMALL, items[i].text, x + LEGEND_SWATCH + 8,
                    y + (line - h) / 2 - 1, max_text, ALIGN_LEFT, &palette->foreground);
        }
      x += item_width + 22;
    }

  return y + line + 10;
}

double
hs_ladder_legend_height (HsLadderLayout *layout)
{
  Ink ink;
  double height;

  g_return_val_if_fail (layout != NULL, 0);

  ink_init (&ink, NULL, NULL);
  /* the items differ by palette only in the bands, which never wrap a
   * line more than the light palette's do */
  height = legend_flow (&ink, layout, hs_palette_get (HS_PALETTE_LIGHT));
  ink_clear (&ink);

  return height;
}

void
hs_ladder_paint_legend (cairo_t         *cr,
                        HsLadderLayout  *layout,
                        const HsPalette *palette,
                        GString         *text_layer)
{
  const HsLadderColumns *cols;
  Ink ink;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (layout != NULL);
  g_return_if_fail (palette != NULL);

  cols = hs_ladder_layout_get_columns (layout);

  cairo_save (cr);
  ink_init (&ink, cr, text_layer);

  set_color (cr, &palette->background);
  cairo_rectangle (cr, 0, 0, cols->width, hs_ladder_legend_height (layout));
  cairo_fill (cr);

  set_color_alpha (cr, &palette->dim, 0.35);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, 0, 0.5);
  cairo_line_to (cr, cols->width, 0.5);
  cairo_stroke (cr);

  legend_flow (&ink, layout, palette);

  ink_clear (&ink);
  cairo_restore (cr);
}

/* ------------------------------------------------------------------------ */
/* Overview                                                                  */

/* At most this many anomalies are looked at in one pixel's bucket. */
#define BUCKET_SAMPLE 8

static guint
lower_bound (const guint32 *a,
             guint          n,
             guint32        value)
{
  guint lo = 0;
  guint hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (a[mid] < value)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

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

  set_color (cr, &palette->background);
  cairo_paint (cr);
  set_color_alpha (cr, &palette->dim, palette->kind == HS_PALETTE_DARK ? 0.10 : 0.05);
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

      if (tint->alpha <= 0 || !phase_rows (layout, phase, &a, &b))
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
  lo = lower_bound (anomalies, n_anomalies, range_first);
  hi = lower_bound (anomalies, n_anomalies, range_last + 1);

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
          set_color (cr, class_color (palette, hs_anomaly_class_for_record (r)));
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

          k = lower_bound (anomalies, n_anomalies, pa);
          for (i = 0; k < hi && anomalies[k] <= pb && i < BUCKET_SAMPLE; k++, i++)
            {
              const HsPacketRecord *r = _hs_ladder_layout_get_record (layout, anomalies[k]);
              HsAnomalyClass klass = hs_anomaly_class_for_record (r);

              if (klass != HS_ANOMALY_CLASS_NONE && klass < worst)
                worst = klass;
            }

          if (worst == HS_ANOMALY_CLASS_LAST)
            continue;
          set_color (cr, class_color (palette, worst));
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
  rounded_rect (cr, 0.75, top + 0.75, width - 1.5, bottom - top - 1.5, 3);
  set_color_alpha (cr, &palette->connector, 0.14);
  cairo_fill_preserve (cr);
  set_color (cr, &palette->connector);
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

/* ------------------------------------------------------------------------ */
/* For the exporters                                                         */

double
_hs_ladder_title_height (void)
{
  return TITLE_HEIGHT;
}

void
_hs_ladder_paint_title (cairo_t         *cr,
                        const HsPalette *palette,
                        double           width,
                        const char      *title,
                        const char      *subtitle,
                        GString         *text_layer)
{
  Ink ink;
  Box box;

  cairo_save (cr);
  ink_init (&ink, cr, text_layer);

  set_color (cr, &palette->background);
  cairo_rectangle (cr, 0, 0, width, TITLE_HEIGHT);
  cairo_fill (cr);

  box = ink_text (&ink, FONT_TITLE, title, LEGEND_MARGIN, 10, width - 2 * LEGEND_MARGIN,
                  ALIGN_LEFT, &palette->foreground);
  if (subtitle != NULL)
    ink_text (&ink, FONT_SMALL, subtitle, LEGEND_MARGIN, box.y + box.height + 2,
              width - 2 * LEGEND_MARGIN, ALIGN_LEFT, &palette->dim);

  ink_clear (&ink);
  cairo_restore (cr);
}

void
_hs_ladder_paint_note (cairo_t         *cr,
                       const HsPalette *palette,
                       double           x,
                       double           y,
                       const char      *text,
                       GString         *text_layer)
{
  Ink ink;

  cairo_save (cr);
  ink_init (&ink, cr, text_layer);
  ink_text (&ink, FONT_SMALL, text, x, y, 0, ALIGN_CENTER, &palette->dim);
  ink_clear (&ink);
  cairo_restore (cr);
}
