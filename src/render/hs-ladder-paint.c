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
 * of a phase sits in the free space under the last row of its band.  A
 * time-true bundle (packets too close in time to draw apart) has a flat
 * arrow per direction, the first packet's on top, and its summary ("40
 * packets in 1.2 ms, 57.9 kB") where a label goes.
 *
 * Cost: what the viewport's pixels can show, not the rows in it.  The rows
 * that intersect the viewport (found by binary search) are cut into slots:
 * rows whose tops are within SLOT (2 px) of the first row of the slot, found
 * by one more binary search each, so there are at most about as many slots
 * as pixels however dense the rows are.  (The time-true layout keeps its
 * rows a floor apart and bundles what is closer, so there every slot is
 * one row, and a bundle is one row however many packets it holds.)  A slot
 * of one row draws it; a slot of several draws, per direction, the arrow
 * of its most serious anomaly, or else one plain arrow, both found in the
 * layout's indexes without reading a record.  Plain arrows are drawn first
 * (on raster surfaces in one stroke), then the anomalies from the least
 * serious up, so that an anomaly in a crowd keeps its colour.
 *
 * Texts: each column (lane, gutter, badges, the two lifelines' state names)
 * skips a text that would overlap the one before it; whether it fits is
 * known from the row's y and the font's line height before the text is made
 * or measured, and a slot has at most one row with texts, the most notable
 * one, so that a badge, a label and a frame number drawn side by side
 * belong to the same packet.  A label wide enough to reach the lifelines
 * also keeps clear of the state names there.  A badge too long for the
 * analysis column wraps onto a second line.  The selected and hovered
 * packets are drawn in full, last (one in a bundle: its own arrow, label
 * and number, "#1226 +39" saying how many more the bundle holds), and the
 * other texts keep clear of theirs.  Besides, the painters look at one row
 * below the viewport for the idle-gap mark above that row, the original of
 * each retransmission drawn and the segment the hovered ACK acknowledges
 * (found by binary search too).  The phases are at most three.  Text goes
 * through one PangoLayout per paint. */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "hs-format.h"
#include "hs-explain.h"
#include "hs-ladder-layout-private.h"
#include "hs-ladder-paint-private.h"
#include "hs-render-private.h"

#define HEADER_HEIGHT   62.0
#define TITLE_HEIGHT    58.0

#define LABEL_SIZE      11.0
#define SMALL_SIZE      10.0
#define STATE_SIZE       8.5
#define NAME_SIZE       12.5
#define TITLE_SIZE      17.0

#define ARROW_HEAD      9.0
#define PILL_HALF      46.0   /* half the widest state name's pill, and a margin */
#define LABEL_MARGIN   24.0   /* what a label leaves of the lane: clear of the arrowheads */
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

static const HsInkFont font_specs[N_FONTS] = {
  [FONT_LABEL] = { LABEL_SIZE, PANGO_WEIGHT_NORMAL },
  [FONT_SMALL] = { SMALL_SIZE, PANGO_WEIGHT_NORMAL },
  [FONT_SMALL_BOLD] = { SMALL_SIZE, PANGO_WEIGHT_BOLD },
  [FONT_STATE] = { STATE_SIZE, PANGO_WEIGHT_BOLD },
  [FONT_NAME] = { NAME_SIZE, PANGO_WEIGHT_BOLD },
  [FONT_TITLE] = { TITLE_SIZE, PANGO_WEIGHT_BOLD },
};

/* Text drawing for one paint, in the ladder's fonts. */
static void
ink_init (HsInk   *ink,
          cairo_t *cr,
          GString *text_layer)
{
  _hs_ink_init (ink, cr, text_layer, font_specs, N_FONTS);
}

/* ------------------------------------------------------------------------ */
/* Shapes                                                                    */

/* The line of an arrow from (x0, y0) to (x1, y1), stopping inside its
 * head, as a new sub-path; FALSE (nothing added) for an arrow too short. */
static gboolean
arrow_line_path (cairo_t *cr,
                 double   x0,
                 double   y0,
                 double   x1,
                 double   y1,
                 double   head)
{
  double dx = x1 - x0;
  double dy = y1 - y0;
  double len = hypot (dx, dy);
  double ux, uy;

  if (len < 1)
    return FALSE;

  ux = dx / len;
  uy = dy / len;
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1 - ux * head * 0.7, y1 - uy * head * 0.7);
  return TRUE;
}

/* The filled, notched head of that arrow, as a closed sub-path. */
static void
arrow_head_path (cairo_t *cr,
                 double   x0,
                 double   y0,
                 double   x1,
                 double   y1,
                 double   head)
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

  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, bx + px * half, by + py * half);
  cairo_line_to (cr, bx + ux * head * 0.25, by + uy * head * 0.25);
  cairo_line_to (cr, bx - px * half, by - py * half);
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
  _hs_set_color (cr, color);
  cairo_set_line_width (cr, line_width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  if (!arrow_line_path (cr, x0, y0, x1, y1, head))
    return;
  cairo_stroke (cr);

  arrow_head_path (cr, x0, y0, x1, y1, head);
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
  _hs_set_color (cr, color);
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
  _hs_set_color (cr, &palette->background);
  cairo_fill (cr);

  _hs_set_color_alpha (cr, &palette->dim, 0.8);
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

/* Rows whose tops are closer than this share a slot: where rows are that
 * dense, a slot gets one arrow per direction (the most serious of its
 * class, the others could not be told apart) and the texts of one row. */
#define SLOT 2.0

/* Rows drawn in full whatever is near them: the selected, then the hovered. */
#define MAX_FORCED 2

/* The text columns, each skipping a text that would overlap the one before
 * it; the lane also keeps the arrows clear of the next labels. */
typedef enum
{
  COL_LANE = 0,   /* labels, run summaries, phase captions */
  COL_GUTTER,     /* frame number and time */
  COL_BADGE,
  COL_PILL0,      /* state names on the lifelines */
  COL_PILL1,
  N_COLS
} Column;

/* Rows first .. last, whose tops are within SLOT of the first's: packet
 * rows, or one collapsed row alone. */
typedef struct
{
  guint first;
  guint last;
} Slot;

/* An arrow in an anomaly colour, drawn over the plain ones. */
typedef struct
{
  guint row;
  guint rank;     /* HsAnomalyClass */
} Marked;

/* A plain arrow. */
typedef struct
{
  double x0;
  double y0;
  double x1;
  double y1;
  guint  pos;     /* its packet, or the first of its bundle */
} Segment;

typedef struct
{
  HsInk                  ink;
  cairo_t               *cr;
  HsLadderLayout        *layout;
  const HsPalette       *palette;
  const HsLadderColumns *cols;
  double                 h;            /* row height */
  double                 y0;           /* viewport, layout coordinates */
  double                 y1;
  gboolean               time_true;
  gboolean               labels;       /* labels have room (always in time-true mode) */
  /* the height of a line in each font, measured once a paint, so that a
   * text is known not to fit before it is made */
  double                 th[N_FONTS];
  /* bottom of the last text drawn in each column, to skip overlaps */
  double                 bottom[N_COLS];
  /* the rows drawn in full, the packet each is drawn for (one of a
   * bundle), and where their texts go in each column */
  guint                  forced[MAX_FORCED];
  guint                  forced_pos[MAX_FORCED];
  guint                  n_forced;
  guint                  drawing_forced;   /* which one is being drawn */
  double                 reserved[MAX_FORCED][N_COLS][2];
  GArray                *items;            /* HsLadderItem, for the tests; or NULL */
} Painter;

static void
record_item (Painter          *p,
             HsLadderItemKind  kind,
             guint             pos,
             double            x0,
             double            y0,
             double            x1,
             double            y1,
             double            width)
{
  HsLadderItem item;

  if (p->items == NULL)
    return;

  item.kind = kind;
  item.pos = pos;
  item.x0 = x0;
  item.y0 = y0;
  item.x1 = x1;
  item.y1 = y1;
  item.width = width;
  item.ellipsized = kind != HS_LADDER_ITEM_ARROW && pango_layout_is_ellipsized (p->ink.layout);
  g_array_append_val (p->items, item);
}

/* A text just drawn, from its box. */
static void
record_text (Painter          *p,
             HsLadderItemKind  kind,
             guint             pos,
             HsInkBox          box)
{
  record_item (p, kind, pos, box.x, box.y, box.x + box.width, box.y + box.height, 0);
}

static gboolean
is_forced (Painter *p,
           guint    row)
{
  guint i;

  for (i = 0; i < p->n_forced; i++)
    if (p->forced[i] == row)
      return TRUE;
  return FALSE;
}

/* Whether a text from top to bottom can go in a column: below the last one
 * drawn there, and clear of the texts of the rows drawn in full. */
static gboolean
fits (Painter *p,
      Column   col,
      double   top,
      double   bottom)
{
  guint i;

  if (top < p->bottom[col])
    return FALSE;
  for (i = 0; i < p->n_forced; i++)
    if (top < p->reserved[i][col][1] && bottom > p->reserved[i][col][0])
      return FALSE;
  return TRUE;
}

/* Whether a text may be drawn: one of a row drawn in full always, but the
 * hovered row's gives way to the selected row's (the pointer may rest
 * anywhere while the selection moves); another where it fits. */
static gboolean
may_draw (Painter  *p,
          gboolean  forced,
          Column    col,
          double    top,
          double    bottom)
{
  guint i;

  if (!forced)
    return fits (p, col, top, bottom);
  for (i = 0; i < p->drawing_forced; i++)
    if (top < p->reserved[i][col][1] && bottom > p->reserved[i][col][0])
      return FALSE;
  return TRUE;
}

/* Where the texts of a row drawn in full go, at most, in each column (the
 * painters below put them there). */
static void
reserve_forced (Painter *p,
                guint    i)
{
  const HsLadderRow *r = hs_ladder_layout_get_row (p->layout, p->forced[i]);
  double (*res)[2] = p->reserved[i];
  double mid = r->y + p->h / 2;
  double th_sb = p->th[FONT_SMALL_BOLD];
  double th = p->th[FONT_SMALL];
  guint s;

  if (r->kind == HS_LADDER_ROW_COLLAPSED)
    {
      res[COL_LANE][0] = MIN (r->y + hs_ladder_bar_top (p->h), mid - th_sb / 2);
      res[COL_LANE][1] = MAX (r->y + hs_ladder_bar_bottom (p->h), mid + th_sb / 2);
    }
  else
    {
      res[COL_LANE][0] = r->y + hs_ladder_arrow_top (p->h) - 1.5 - p->th[FONT_LABEL];
      res[COL_LANE][1] = r->y + hs_ladder_arrow_bottom (p->h) + 1;
    }
  res[COL_GUTTER][0] = mid - th;
  res[COL_GUTTER][1] = mid + th;
  res[COL_BADGE][0] = mid - (th_sb + 4) / 2;
  res[COL_BADGE][1] = mid + (th_sb + 4) / 2 + 2;
  for (s = 0; s < 2; s++)
    {
      res[COL_PILL0 + s][0] = r->y + hs_ladder_arrow_top (p->h) + 3;
      res[COL_PILL0 + s][1] = r->y + hs_ladder_arrow_bottom (p->h) + 3 + p->th[FONT_STATE] + 4;
    }
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
          _hs_set_color (p->cr, tint);
          cairo_rectangle (p->cr, 0, top, p->cols->width, bottom - top);
          cairo_fill (p->cr);
        }

      /* a stripe at the left edge marks the phase also without tints */
      if (phase->kind != HS_LADDER_PHASE_DATA)
        {
          const HsRgba *stripe = p->palette->kind == HS_PALETTE_PRINT
                                 ? &p->palette->lifeline : tint;

          if (p->palette->kind == HS_PALETTE_PRINT)
            _hs_set_color (p->cr, stripe);
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
  double bottom;

  if (pos == HS_LADDER_NO_POS || color->alpha <= 0 ||
      pos >= hs_ladder_layout_get_n_packets (p->layout))
    return;

  row = hs_ladder_layout_row_for_pos (p->layout, pos);
  if (row == HS_LADDER_NO_POS)
    return;

  r = hs_ladder_layout_get_row (p->layout, row);
  if (r->y > p->y1 || r->y + p->h < p->y0)
    return;

  /* time-true rows may be closer than their height: up to the next one */
  bottom = r->y + p->h;
  if (row + 1 < hs_ladder_layout_get_n_rows (p->layout))
    bottom = MIN (bottom, hs_ladder_layout_get_row (p->layout, row + 1)->y);

  _hs_set_color (p->cr, color);
  cairo_rectangle (p->cr, 0, r->y, p->cols->width, bottom - r->y);
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

  _hs_set_color (p->cr, &p->palette->lifeline);
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
  _hs_ink_measure (&p->ink, FONT_SMALL_BOLD, text, 0, &tw, &th);
  if (bottom - top < th + 10)
    return;

  /* on a plate that interrupts the break */
  x = (p->cols->lifeline[0] + p->cols->lifeline[1]) / 2;
  _hs_rounded_rect (p->cr, x - tw / 2 - 10, mid - th / 2 - 3, tw + 20, th + 6, (th + 6) / 2);
  _hs_set_color (p->cr, &p->palette->background);
  cairo_fill_preserve (p->cr);
  _hs_set_color_alpha (p->cr, &p->palette->dim, 0.5);
  cairo_set_line_width (p->cr, 1.0);
  cairo_stroke (p->cr);
  _hs_ink_text (&p->ink, FONT_SMALL_BOLD, text, x, mid - th / 2, 0, HS_INK_CENTER,
                &p->palette->dim);
}

/* A collapsed row's bar. */
static void
paint_collapsed_bar (Painter *p,
                     guint    row)
{
  const HsLadderRow *r = hs_ladder_layout_get_row (p->layout, row);
  double x0 = p->cols->lifeline[0] + 12;
  double x1 = p->cols->lifeline[1] - 12;
  double y0 = r->y + hs_ladder_bar_top (p->h);
  double y1 = r->y + hs_ladder_bar_bottom (p->h);

  _hs_rounded_rect (p->cr, x0, y0, x1 - x0, y1 - y0, MIN (8, (y1 - y0) / 2));
  _hs_set_color_alpha (p->cr, &p->palette->dim,
                       p->palette->kind == HS_PALETTE_DARK ? 0.22 : 0.12);
  cairo_fill_preserve (p->cr);
  _hs_set_color_alpha (p->cr, &p->palette->dim, 0.55);
  cairo_set_line_width (p->cr, 1.0);
  cairo_set_dash (p->cr, (double[]) { 4, 3 }, 2, 0);
  cairo_stroke (p->cr);
  cairo_set_dash (p->cr, NULL, 0, 0);

  /* the hint that a click opens it */
  if (y1 - y0 >= 8)
    draw_chevron (p->cr, x1 - 16, (y0 + y1) / 2, 4, &p->palette->dim);
}

/* Its summary, in the bar when the bar is tall enough for it. */
static void
paint_collapsed_text (Painter  *p,
                      guint     row,
                      gboolean  forced)
{
  const HsLadderRow *r = hs_ladder_layout_get_row (p->layout, row);
  g_autofree char *summary = NULL;
  double x0 = p->cols->lifeline[0] + 12;
  double x1 = p->cols->lifeline[1] - 12;
  double bar = hs_ladder_bar_bottom (p->h) - hs_ladder_bar_top (p->h);
  double th = p->th[FONT_SMALL_BOLD];
  double top = r->y + (p->h - th) / 2;
  HsInkBox box;

  if (bar < th - 2 || (!forced && top < p->bottom[COL_LANE]))
    return;

  summary = hs_ladder_layout_dup_run_summary (p->layout, row);
  _hs_ink_measure (&p->ink, FONT_SMALL_BOLD, summary, 0, NULL, &th);
  top = r->y + (p->h - th) / 2;
  if (bar < th - 2 || (!may_draw (p, forced, COL_LANE, top, top + th)))
    return;

  box = _hs_ink_text (&p->ink, FONT_SMALL_BOLD, summary, (x0 + x1) / 2, top, x1 - x0 - 56,
                      HS_INK_CENTER, &p->palette->dim);
  record_text (p, HS_LADDER_ITEM_SUMMARY, r->first, box);
  p->bottom[COL_LANE] = MAX (p->bottom[COL_LANE], top + th);
}

/* The flat arrows of a bundle, one per direction its packets go, the
 * first packet's at the top of the band and the other at its bottom (so
 * that they never cross); one direction alone in the middle.  Its packets
 * are all ordinary: the colour of plain arrows, drawn with them. */
static void
add_bundle_arrows (Painter *p,
                   GArray  *plain,
                   guint    row)
{
  const HsLadderRow *r = hs_ladder_layout_get_row (p->layout, row);
  guint first_dir = _hs_ladder_layout_get_record (p->layout, r->first)->direction;
  gboolean both = _hs_ladder_layout_has_direction (p->layout, r->first, r->first + r->n - 1,
                                                   !first_dir);
  guint k;

  for (k = 0; k < (both ? 2u : 1u); k++)
    {
      guint dir = k == 0 ? first_dir : !first_dir;
      Segment seg;

      seg.x0 = p->cols->lifeline[dir];
      seg.x1 = p->cols->lifeline[!dir];
      if (!both)
        seg.y0 = r->y + p->h / 2;
      else if (k == 0)
        seg.y0 = r->y + hs_ladder_arrow_top (p->h);
      else
        seg.y0 = r->y + hs_ladder_arrow_bottom (p->h);
      seg.y1 = seg.y0;
      seg.pos = r->first;
      g_array_append_val (plain, seg);
    }
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

  _hs_set_color (p->cr, &p->palette->connector);
  cairo_set_line_width (p->cr, 1.5);
  cairo_set_dash (p->cr, (double[]) { 5, 3 }, 2, 0);
  cairo_move_to (p->cr, x, oy);
  cairo_curve_to (p->cr, x + out * bow, oy, x + out * bow, y, x + out * 3, y);
  cairo_stroke (p->cr);
  cairo_set_dash (p->cr, NULL, 0, 0);

  cairo_arc (p->cr, x, oy, 3, 0, 2 * G_PI);
  cairo_fill (p->cr);
}

/* The arrow of packet `pos` in row `row` (its own, or the bundle it is
 * drawn in full over), in its anomaly colour. */
static void
paint_arrow (Painter *p,
             guint    row,
             guint    pos)
{
  const HsLadderRow *r = hs_ladder_layout_get_row (p->layout, row);
  const HsPacketRecord *rec = _hs_ladder_layout_get_record (p->layout, pos);
  HsAnomalyClass klass = hs_anomaly_class_for_record (rec);
  double x0 = p->cols->lifeline[rec->direction];
  double x1 = p->cols->lifeline[!rec->direction];
  double y0 = r->y + hs_ladder_arrow_top (p->h);
  double y1 = r->y + hs_ladder_arrow_bottom (p->h);
  double width = 1.3;

  if (klass == HS_ANOMALY_CLASS_HANDSHAKE)
    width = 1.8;
  else if (klass != HS_ANOMALY_CLASS_NONE)
    width = 2.0;

  if (rec->analysis & (HS_ANALYSIS_RETRANSMISSION | HS_ANALYSIS_FAST_RETRANSMISSION |
                       HS_ANALYSIS_SPURIOUS_RETRANSMISSION))
    paint_retransmission_link (p, pos, x0, y0);

  draw_arrow (p->cr, x0, y0, x1, y1, width, MIN (ARROW_HEAD, MAX (5.0, p->h * 0.4)),
              class_color (p->palette, klass));
  record_item (p, HS_LADDER_ITEM_ARROW, pos, x0, y0, x1, y1, width);
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

/* The state names of the sides whose state packet `pos` changed, on their
 * lifelines just below its arrow in `row`. */
static void
paint_state_pills (Painter  *p,
                   guint     row,
                   guint     pos,
                   gboolean  forced)
{
  const HsLadderRow *r = hs_ladder_layout_get_row (p->layout, row);
  guint dir;
  double y0 = r->y + hs_ladder_arrow_top (p->h);
  double y1 = r->y + hs_ladder_arrow_bottom (p->h);
  guint s;

  if (r->kind == HS_LADDER_ROW_COLLAPSED)
    return;
  if (!forced && y1 + 3 < p->bottom[COL_PILL0] && y1 + 3 < p->bottom[COL_PILL1])
    return;

  dir = _hs_ladder_layout_get_record (p->layout, pos)->direction;

  for (s = 0; s < 2; s++)
    {
      gboolean changed = FALSE;
      HsTcpState state;
      const char *name;
      double tw, th, top, x;

      top = (s == dir ? y0 : y1) + 3;
      if (!forced && top < p->bottom[COL_PILL0 + s])
        continue;

      state = hs_ladder_layout_get_state (p->layout, pos, s, &changed);
      if (!changed || state == HS_TCP_STATE_UNKNOWN)
        continue;

      name = hs_tcp_state_to_string (state);
      _hs_ink_measure (&p->ink, FONT_STATE, name, 0, &tw, &th);
      if (!may_draw (p, forced, COL_PILL0 + s, top, top + th + 4))
        continue;

      x = p->cols->lifeline[s];
      _hs_rounded_rect (p->cr, x - tw / 2 - 6, top, tw + 12, th + 2, (th + 2) / 2);
      _hs_set_color (p->cr, pill_fill (p->palette));
      cairo_fill (p->cr);
      _hs_ink_text (&p->ink, FONT_STATE, name, x, top + 1, 0, HS_INK_CENTER,
                    pill_text (p->palette));
      record_item (p, HS_LADDER_ITEM_STATE, pos, x - tw / 2 - 6, top, x + tw / 2 + 6,
                   top + th + 2, 0);
      p->bottom[COL_PILL0 + s] = MAX (p->bottom[COL_PILL0 + s], top + th + 4);
    }
}

/* Where the label of a row goes at the highest: the plate sits above the
 * arrow where the arrow is highest under it, so the widest label (ellipsized
 * to the lane less LABEL_MARGIN) goes highest. */
static double
label_top_min (Painter *p,
               guint    row,
               double   th)
{
  const HsLadderRow *r = hs_ladder_layout_get_row (p->layout, row);
  double lane = p->cols->lifeline[1] - p->cols->lifeline[0];
  double drop = hs_ladder_arrow_bottom (p->h) - hs_ladder_arrow_top (p->h);
  double t = ((lane - LABEL_MARGIN) / 2 + 4) / lane;
  double top = r->y + hs_ladder_arrow_top (p->h) + drop * (0.5 - t) - 1.5 - th;

  /* the first row's label stays inside the picture */
  return row == 0 ? MAX (top, 0) : top;
}

/* The label of packet `pos` on a plate above its arrow in `row`, where the
 * arrow is highest under the plate; for a bundle not drawn in full, its
 * summary, dimmer, above its flat arrows.  Whether it fits is known before
 * the label is made: wherever its width puts it, it is below the widest
 * label's place and above the arrow, so a label is made only to be
 * drawn. */
static void
paint_label (Painter  *p,
             guint     row,
             guint     pos,
             gboolean  forced)
{
  const HsLadderRow *r = hs_ladder_layout_get_row (p->layout, row);
  gboolean bundle = r->kind == HS_LADDER_ROW_BUNDLE && !forced;
  g_autofree char *summary = NULL;
  const char *label;
  double lane = p->cols->lifeline[1] - p->cols->lifeline[0];
  double mid = (p->cols->lifeline[0] + p->cols->lifeline[1]) / 2;
  double arrow_top = r->y + hs_ladder_arrow_top (p->h);
  double drop = hs_ladder_arrow_bottom (p->h) - hs_ladder_arrow_top (p->h);
  double tw, th, top, t;

  /* in packet order at a small zoom, no label has room */
  if (!forced && !p->labels)
    return;

  th = p->th[FONT_LABEL];
  if (bundle)
    drop = 0;
  if (!forced && !fits (p, COL_LANE, bundle ? arrow_top - 1.5 - th : label_top_min (p, row, th),
                        arrow_top + drop / 2 - 1.5))
    return;

  if (bundle)
    label = summary = hs_ladder_layout_dup_run_summary (p->layout, row);
  else
    label = hs_ladder_layout_get_label (p->layout, pos);
  _hs_ink_measure (&p->ink, FONT_LABEL, label, lane - LABEL_MARGIN, &tw, &th);

  t = (tw / 2 + 4) / lane;
  top = arrow_top + drop * (0.5 - t) - 1.5 - th;
  /* the first row's label stays inside the picture, if that leaves it
   * above its arrow */
  if (row == 0 && top < 0)
    {
      if (!forced && th > arrow_top + drop * (0.5 - t) - 1.5)
        return;
      top = 0;
    }
  /* only a line taller than the font's (another script's font) moves it */
  if (!may_draw (p, forced, COL_LANE, top, top + th))
    return;
  /* a wide label reaches where the state names are on the lifelines */
  if (!forced)
    {
      guint s;

      for (s = 0; s < 2; s++)
        if (tw / 2 + 4 > fabs (p->cols->lifeline[s] - mid) - PILL_HALF &&
            !fits (p, COL_PILL0 + s, top, top + th))
          return;
    }

  _hs_rounded_rect (p->cr, mid - tw / 2 - 4, top, tw + 8, th, 3);
  _hs_set_color (p->cr, &p->palette->label_plate);
  cairo_fill (p->cr);
  _hs_ink_text (&p->ink, FONT_LABEL, label, mid, top, lane - LABEL_MARGIN, HS_INK_CENTER,
                bundle ? &p->palette->dim : &p->palette->foreground);
  record_item (p, HS_LADDER_ITEM_LABEL, pos, mid - tw / 2 - 4, top, mid + tw / 2 + 4, top + th,
               0);
  p->bottom[COL_LANE] = MAX (p->bottom[COL_LANE], top + th);
}

/* The widest a badge's text gets: the analysis column less the pill's
 * margins and its dot. */
static double
badge_text_width (Painter *p)
{
  return p->cols->width - p->cols->badge - 8 - 17 - 7 - 8;
}

/* The badge of packet `pos` of anomaly class `klass` (its rank), in the
 * analysis column beside `row`: on one line, or two when the column is too
 * narrow for it (and then cut short, the whole text in the tooltip and the
 * details pane). */
static void
paint_badge (Painter  *p,
             guint     row,
             guint     pos,
             guint     klass,
             gboolean  forced)
{
  const HsLadderRow *r = hs_ladder_layout_get_row (p->layout, row);
  const char *badge;
  const HsRgba *color;
  double max_width = badge_text_width (p);
  double tw, th, top, x;

  th = p->th[FONT_SMALL_BOLD];
  top = r->y + p->h / 2 - (th + 4) / 2;
  if (!forced && top < p->bottom[COL_BADGE])
    return;

  badge = hs_ladder_layout_get_badge (p->layout, pos);
  if (badge == NULL)
    return;

  color = class_color (p->palette, (HsAnomalyClass) klass);
  _hs_ink_prepare_lines (&p->ink, FONT_SMALL_BOLD, badge, max_width, 2);
  _hs_ink_extents (&p->ink, &tw, &th);
  top = r->y + p->h / 2 - (th + 4) / 2;
  if (!may_draw (p, forced, COL_BADGE, top, top + th + 6))
    return;

  x = p->cols->badge + 8;
  _hs_rounded_rect (p->cr, x, top, tw + 24, th + 4, MIN (9, (th + 4) / 2));
  if (p->palette->kind == HS_PALETTE_PRINT)
    {
      _hs_set_color (p->cr, color);
      cairo_set_line_width (p->cr, 1.0);
      cairo_stroke (p->cr);
    }
  else
    {
      _hs_set_color_alpha (p->cr, color, p->palette->kind == HS_PALETTE_DARK ? 0.24 : 0.15);
      cairo_fill (p->cr);
    }

  /* the dot beside the first line */
  _hs_set_color (p->cr, color);
  cairo_arc (p->cr, x + 9, top + 2 + p->th[FONT_SMALL_BOLD] / 2, 3.5, 0, 2 * G_PI);
  cairo_fill (p->cr);

  _hs_ink_show (&p->ink, FONT_SMALL_BOLD, badge, x + 17, top + 2, HS_INK_LEFT,
                &p->palette->foreground);
  record_item (p, HS_LADDER_ITEM_BADGE, pos, x, top, x + tw + 24, top + th + 4, 0);
  p->bottom[COL_BADGE] = MAX (p->bottom[COL_BADGE], top + th + 6);
}

/* Frame number and time since the first packet; the number alone where a
 * row is too low for two lines.  The numbers of a collapsed run or a
 * bundle ("#12–51", or where that is too wide "#13005 +7,000") and its
 * first time; a bundle drawn in full for one of its packets: its number
 * and how many more the bundle holds ("#13 +39"), where that fits. */
static void
paint_gutter (Painter  *p,
              guint     row,
              guint     pos,
              gboolean  forced)
{
  const HsLadderRow *r = hs_ladder_layout_get_row (p->layout, row);
  const HsPacketRecord *rec;
  guint frame;
  guint more = 0;
  g_autofree char *number = NULL;
  g_autofree char *time = NULL;
  double mid = r->y + p->h / 2;
  double th = p->th[FONT_SMALL];
  double max_width = p->cols->gutter - 14;
  gboolean two = p->h >= 2 * th + 4;
  gboolean range = r->kind == HS_LADDER_ROW_COLLAPSED ||
                   (r->kind == HS_LADDER_ROW_BUNDLE && !forced);
  double top = two ? mid - th : mid - th / 2;
  double bottom = two ? mid + th : mid + th / 2;
  HsInkBox box;

  if (!may_draw (p, forced, COL_GUTTER, top, bottom))
    return;

  frame = hs_ladder_layout_get_frame (p->layout, range ? r->first : pos) + 1;
  if (range)
    {
      double tw;

      number = g_strdup_printf ("#%u–%u", frame,
                                hs_ladder_layout_get_frame (p->layout, r->first + r->n - 1) + 1);
      _hs_ink_measure (&p->ink, FONT_SMALL_BOLD, number, 0, &tw, NULL);
      if (tw > max_width)
        {
          g_free (number);
          number = g_strdup_printf ("#%u", frame);
          more = r->n - 1;
        }
    }
  else
    {
      number = g_strdup_printf ("#%u", frame);
      if (r->kind == HS_LADDER_ROW_BUNDLE)
        more = r->n - 1;
    }

  box = _hs_ink_text (&p->ink, FONT_SMALL_BOLD, number, 12, top, max_width, HS_INK_LEFT,
                      &p->palette->foreground);
  record_text (p, HS_LADDER_ITEM_GUTTER, range ? r->first : pos, box);
  if (more > 0)
    {
      g_autofree char *count = hs_format_count (more);
      /* Translators: after a frame number on the ladder: that many more
       * packets are drawn in the same row (a collapsed run, or packets too
       * close in time to draw apart), "#1226 +39" */
      g_autofree char *text = g_strdup_printf (_("+%s"), count);
      double tw;

      _hs_ink_measure (&p->ink, FONT_SMALL, text, 0, &tw, NULL);
      if (box.x + box.width + 4 + tw <= 12 + max_width)
        _hs_ink_text (&p->ink, FONT_SMALL, text, box.x + box.width + 4, top, 0, HS_INK_LEFT,
                      &p->palette->dim);
    }
  if (two)
    {
      rec = _hs_ladder_layout_get_record (p->layout, range ? r->first : pos);
      time = hs_format_duration (rec->ts_ns - _hs_ladder_layout_get_start_ns (p->layout));
      _hs_ink_text (&p->ink, FONT_SMALL, time, 12, mid, max_width, HS_INK_LEFT, &p->palette->dim);
    }
  p->bottom[COL_GUTTER] = MAX (p->bottom[COL_GUTTER], bottom);
}

/* The highest the texts of the row after `row` go in the lane: the top of
 * its label at its highest place, or of its bar and summary; G_MAXDOUBLE
 * after the last row.  A text under `row` that ends below it would take the
 * place of the next row's own. */
static double
next_lane_top (Painter *p,
               guint    row)
{
  const HsLadderRow *next;

  if (row + 1 >= hs_ladder_layout_get_n_rows (p->layout))
    return G_MAXDOUBLE;

  next = hs_ladder_layout_get_row (p->layout, row + 1);
  if (next->kind == HS_LADDER_ROW_COLLAPSED)
    return next->y + MIN (hs_ladder_bar_top (p->h), (p->h - p->th[FONT_SMALL_BOLD]) / 2);
  if (p->labels)
    return MIN (label_top_min (p, row + 1, p->th[FONT_LABEL]),
                next->y + hs_ladder_arrow_top (p->h));
  return next->y + hs_ladder_arrow_top (p->h);
}

/* Under the last row of a phase, in the free middle of the lane, where it
 * leaves the next row's texts their place (a phase caption says less than
 * the label of the FIN after it). */
static void
paint_phase_caption (Painter             *p,
                     const HsLadderPhase *phase,
                     guint                row)
{
  const HsLadderRow *r = hs_ladder_layout_get_row (p->layout, row);
  const char *caption;
  double lane0 = p->cols->lifeline[0] + 52;
  double lane1 = p->cols->lifeline[1] - 52;
  double tw, th, top, mid, limit;
  HsInkBox box;

  /* just under a collapsed row's bar, which fills more of its row */
  top = r->y + (r->kind == HS_LADDER_ROW_COLLAPSED ? hs_ladder_bar_bottom (p->h) + 0.5
                                                   : hs_ladder_arrow_bottom (p->h) + 2);
  limit = MIN (band_bottom (p, row) + 4, next_lane_top (p, row));
  if (top < p->bottom[COL_LANE] || top + p->th[FONT_SMALL] > limit)
    return;

  caption = phase_caption (p->layout, phase);
  _hs_ink_measure (&p->ink, FONT_SMALL, caption, lane1 - lane0 - 40, &tw, &th);
  if (!fits (p, COL_LANE, top, top + th) || top + th > limit)
    return;

  mid = (lane0 + lane1) / 2;
  box = _hs_ink_text (&p->ink, FONT_SMALL, caption, mid, top, lane1 - lane0 - 40,
                      HS_INK_CENTER, &p->palette->dim);
  record_text (p, HS_LADDER_ITEM_CAPTION, r->first, box);

  _hs_set_color_alpha (p->cr, &p->palette->dim, 0.45);
  cairo_set_line_width (p->cr, 1.0);
  cairo_move_to (p->cr, lane0, top + th / 2 + 0.5);
  cairo_line_to (p->cr, box.x - 8, top + th / 2 + 0.5);
  cairo_move_to (p->cr, box.x + box.width + 8, top + th / 2 + 0.5);
  cairo_line_to (p->cr, lane1, top + th / 2 + 0.5);
  cairo_stroke (p->cr);

  p->bottom[COL_LANE] = top + th;
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

  _hs_set_color (p->cr, &p->palette->connector);
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
  _hs_ink_measure (&p->ink, FONT_SMALL_BOLD, text, 0, &tw, &th);

  /* in the middle of the bracket, kept on screen */
  lo = MAX (ys, p->y0 + 4);
  hi = MAX (lo, MIN (ya - th, p->y1 - th - 4));
  ty = CLAMP ((ys + ya) / 2 - th / 2, lo, hi);
  _hs_rounded_rect (p->cr, out < 0 ? xb - 6 - tw - 6 : xb + 6, ty - 2, tw + 6 + 6, th + 4, 4);
  _hs_set_color (p->cr, &p->palette->background);
  cairo_fill_preserve (p->cr);
  _hs_set_color (p->cr, &p->palette->connector);
  cairo_set_line_width (p->cr, 1.0);
  cairo_stroke (p->cr);
  _hs_ink_text (&p->ink, FONT_SMALL_BOLD, text, out < 0 ? xb - 9 : xb + 9, ty, 0,
                out < 0 ? HS_INK_RIGHT : HS_INK_LEFT, &p->palette->connector);
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

/* The rows first .. last cut into slots, top to bottom.  A slot ends where
 * a row is SLOT below its first row (a binary search), so that there are
 * at most about as many slots as pixels however many rows there are; a
 * collapsed row or a bundle is a slot of its own (the row after it is at
 * least the floor below it, so it can only be the last of the rows within
 * SLOT).  The time-true floor keeps rows further apart than SLOT: there,
 * every slot is one row. */
static GArray *
make_slots (Painter *p,
            guint    first,
            guint    last)
{
  GArray *slots = g_array_new (FALSE, FALSE, sizeof (Slot));
  guint row = first;

  while (row <= last)
    {
      const HsLadderRow *r = hs_ladder_layout_get_row (p->layout, row);
      Slot slot = { row, row };

      if (r->kind == HS_LADDER_ROW_PACKET)
        {
          guint end = _hs_ladder_layout_rows_above (p->layout, r->y + SLOT);

          end = CLAMP (end, row + 1, last + 1);
          if (end > row + 1 &&
              hs_ladder_layout_get_row (p->layout, end - 1)->kind != HS_LADDER_ROW_PACKET)
            end--;
          slot.last = end - 1;
        }

      g_array_append_val (slots, slot);
      row = slot.last + 1;
    }

  return slots;
}

static void
add_plain (GArray  *plain,
           Painter *p,
           guint    row,
           guint    dir)
{
  const HsLadderRow *r = hs_ladder_layout_get_row (p->layout, row);
  Segment seg;

  seg.x0 = p->cols->lifeline[dir];
  seg.x1 = p->cols->lifeline[!dir];
  seg.y0 = r->y + hs_ladder_arrow_top (p->h);
  seg.y1 = r->y + hs_ladder_arrow_bottom (p->h);
  seg.pos = r->first;
  g_array_append_val (plain, seg);
}

/* The plain arrows, all of one colour: on screen and in a PNG their lines
 * in one stroke and their heads in one fill; in an SVG or a PDF one path
 * each, so that each arrow stays an object of its own in the file. */
static void
paint_plain_arrows (Painter *p,
                    GArray  *plain)
{
  double head = MIN (ARROW_HEAD, MAX (5.0, p->h * 0.4));
  guint i;

  if (plain->len == 0)
    return;

  for (i = 0; i < plain->len; i++)
    {
      const Segment *seg = &g_array_index (plain, Segment, i);

      record_item (p, HS_LADDER_ITEM_ARROW, seg->pos, seg->x0, seg->y0, seg->x1, seg->y1, 1.3);
    }

  switch (cairo_surface_get_type (cairo_get_target (p->cr)))
    {
    case CAIRO_SURFACE_TYPE_SVG:
    case CAIRO_SURFACE_TYPE_PDF:
    case CAIRO_SURFACE_TYPE_PS:
      for (i = 0; i < plain->len; i++)
        {
          const Segment *seg = &g_array_index (plain, Segment, i);

          draw_arrow (p->cr, seg->x0, seg->y0, seg->x1, seg->y1, 1.3, head,
                      &p->palette->foreground);
        }
      return;

    default:
      break;
    }

  _hs_set_color (p->cr, &p->palette->foreground);
  cairo_set_line_width (p->cr, 1.3);
  cairo_set_line_cap (p->cr, CAIRO_LINE_CAP_BUTT);
  for (i = 0; i < plain->len; i++)
    {
      const Segment *seg = &g_array_index (plain, Segment, i);

      arrow_line_path (p->cr, seg->x0, seg->y0, seg->x1, seg->y1, head);
    }
  cairo_stroke (p->cr);

  for (i = 0; i < plain->len; i++)
    {
      const Segment *seg = &g_array_index (plain, Segment, i);

      arrow_head_path (p->cr, seg->x0, seg->y0, seg->x1, seg->y1, head);
    }
  cairo_fill (p->cr);
}

/* Least serious first, so that the most serious ends up on top. */
static int
compare_marked (gconstpointer a,
                gconstpointer b)
{
  const Marked *ma = a;
  const Marked *mb = b;

  if (ma->rank != mb->rank)
    return ma->rank > mb->rank ? -1 : 1;
  return ma->row < mb->row ? -1 : (ma->row > mb->row ? 1 : 0);
}

/* The arrows and bars of the slots: per direction, the arrow of the slot's
 * most serious anomaly or else one plain arrow (for a slot of one row, its
 * arrow), found in the layout's indexes: no record is read; a bundle's flat
 * arrows.  Plain arrows first, then the anomalies from the least serious
 * up, then the rows drawn in full (a bundle's for the one packet). */
static void
paint_arrows (Painter *p,
              GArray  *slots)
{
  g_autoptr(GArray) plain = g_array_new (FALSE, FALSE, sizeof (Segment));
  g_autoptr(GArray) marked = g_array_new (FALSE, FALSE, sizeof (Marked));
  guint i;

  for (i = 0; i < slots->len; i++)
    {
      const Slot *slot = &g_array_index (slots, Slot, i);
      const HsLadderRow *r = hs_ladder_layout_get_row (p->layout, slot->first);

      if (r->kind == HS_LADDER_ROW_COLLAPSED)
        paint_collapsed_bar (p, slot->first);
      else if (slot->first == slot->last && is_forced (p, slot->first))
        continue;
      else if (r->kind == HS_LADDER_ROW_BUNDLE)
        add_bundle_arrows (p, plain, slot->first);
      else
        {
          guint pa = r->first;
          guint pb = hs_ladder_layout_get_row (p->layout, slot->last)->first;
          guint d;

          for (d = 0; d < 2; d++)
            {
              guint rank = 0;
              guint pos = _hs_ladder_layout_find_notable (p->layout, pa, pb, d,
                                                          HS_ANOMALY_CLASS_LAST - 1, &rank);

              if (pos != HS_LADDER_NO_POS)
                {
                  Marked m = { hs_ladder_layout_row_for_pos (p->layout, pos), rank };

                  if (!is_forced (p, m.row))
                    g_array_append_val (marked, m);
                }
              else if (_hs_ladder_layout_has_direction (p->layout, pa, pb, d))
                add_plain (plain, p, slot->first, d);
            }
        }
    }

  paint_plain_arrows (p, plain);

  g_array_sort (marked, compare_marked);
  for (i = 0; i < marked->len; i++)
    {
      guint row = g_array_index (marked, Marked, i).row;

      paint_arrow (p, row, hs_ladder_layout_get_row (p->layout, row)->first);
    }

  for (i = 0; i < p->n_forced; i++)
    if (hs_ladder_layout_get_row (p->layout, p->forced[i])->kind != HS_LADDER_ROW_COLLAPSED)
      paint_arrow (p, p->forced[i], p->forced_pos[i]);
}

/* Whether some text could still go with a row whose top is at y, by the
 * painters' own first tests: where rows are dense, most slots have none
 * and cost nothing more.  The badge and state names need a notable row
 * (an anomaly; a state change is notable too): `notable_only` says that
 * only they could. */
static gboolean
may_have_text (Painter  *p,
               double    y,
               gboolean *notable_only)
{
  double mid = y + p->h / 2;
  double arrow_bottom = y + hs_ladder_arrow_bottom (p->h);
  double drop = hs_ladder_arrow_bottom (p->h) - hs_ladder_arrow_top (p->h);
  double th = p->th[FONT_SMALL];

  *notable_only = FALSE;
  if (p->labels &&
      y + hs_ladder_arrow_top (p->h) + drop * 0.5 - 1.5 - p->th[FONT_LABEL] >= p->bottom[COL_LANE])
    return TRUE;   /* (the narrowest label's place: this is only a first test) */
  if (y + (p->h - p->th[FONT_SMALL_BOLD]) / 2 >= p->bottom[COL_LANE])
    return TRUE;
  if ((p->h >= 2 * th + 4 ? mid - th : mid - th / 2) >= p->bottom[COL_GUTTER])
    return TRUE;

  *notable_only = TRUE;
  if (mid - (p->th[FONT_SMALL_BOLD] + 4) / 2 >= p->bottom[COL_BADGE])
    return TRUE;
  return arrow_bottom + 3 >= p->bottom[COL_PILL0] || arrow_bottom + 3 >= p->bottom[COL_PILL1];
}

/* The row of a slot whose texts are drawn: the most notable (the most
 * serious anomaly, then SYN/FIN, then a state change or an application
 * message), else the first; and its rank (0: not notable).  From the
 * layout's index: no record is read. */
static guint
slot_text_row (Painter    *p,
               const Slot *slot,
               guint      *rank)
{
  const HsLadderRow *a = hs_ladder_layout_get_row (p->layout, slot->first);
  const HsLadderRow *b = hs_ladder_layout_get_row (p->layout, slot->last);
  guint pos;

  *rank = 0;
  if (a->kind != HS_LADDER_ROW_PACKET)
    return slot->first;

  pos = _hs_ladder_layout_find_notable (p->layout, a->first, b->first,
                                        HS_LADDER_EITHER_DIRECTION, HS_LADDER_RANK_LANDMARK,
                                        rank);
  return pos != HS_LADDER_NO_POS ? hs_ladder_layout_row_for_pos (p->layout, pos) : slot->first;
}

/* The rank of a packet drawn in full. */
static guint
pos_rank (Painter *p,
          guint    row,
          guint    pos)
{
  guint rank = 0;

  if (hs_ladder_layout_get_row (p->layout, row)->kind != HS_LADDER_ROW_COLLAPSED)
    _hs_ladder_layout_find_notable (p->layout, pos, pos, HS_LADDER_EITHER_DIRECTION,
                                    HS_LADDER_RANK_LANDMARK, &rank);
  return rank;
}

/* The texts of a row: those of packet `pos` (its first, or the one of a
 * bundle drawn in full), or of the collapsed run or the bundle. */
static void
paint_row_texts (Painter  *p,
                 guint     row,
                 guint     pos,
                 guint     rank,
                 gboolean  forced)
{
  if (hs_ladder_layout_get_row (p->layout, row)->kind == HS_LADDER_ROW_COLLAPSED)
    paint_collapsed_text (p, row, forced);
  else
    {
      /* the label first: a wide one keeps clear of the state names
       * before it on the lifelines, its own are below it; a state changes
       * only at a notable packet; SYN/FIN have no badge */
      paint_label (p, row, pos, forced);
      if (rank != 0)
        paint_state_pills (p, row, pos, forced);
      if (rank != 0 && rank < HS_ANOMALY_CLASS_HANDSHAKE)
        paint_badge (p, row, pos, rank, forced);
    }
  paint_gutter (p, row, pos, forced);
}

/* The texts, one row per slot at most, each skipped when it would overlap
 * the one before it in its column; the phases' captions; then the rows
 * drawn in full, over everything. */
static void
paint_texts (Painter *p,
             GArray  *slots,
             gboolean show_phases)
{
  const HsLadderPhase *phases[3];
  guint phase_last[3];
  guint n_phases = 0;
  guint i, k;

  if (show_phases)
    {
      for (k = 0; k < hs_ladder_layout_get_n_phases (p->layout) && n_phases < 3; k++)
        {
          const HsLadderPhase *phase = hs_ladder_layout_get_phase (p->layout, k);
          guint a, b;

          if (phase_rows (p->layout, phase, &a, &b))
            {
              phases[n_phases] = phase;
              phase_last[n_phases] = b;
              n_phases++;
            }
        }
    }

  for (i = 0; i < slots->len; i++)
    {
      const Slot *slot = &g_array_index (slots, Slot, i);
      const HsLadderRow *r = hs_ladder_layout_get_row (p->layout, slot->last);
      gboolean has_forced = FALSE;
      gboolean notable_only;

      for (k = 0; k < p->n_forced; k++)
        if (p->forced[k] >= slot->first && p->forced[k] <= slot->last)
          has_forced = TRUE;

      if (!has_forced && may_have_text (p, r->y, &notable_only))
        {
          guint rank;
          guint row = slot_text_row (p, slot, &rank);

          if (rank != 0 || !notable_only)
            paint_row_texts (p, row, hs_ladder_layout_get_row (p->layout, row)->first, rank,
                             FALSE);
        }

      /* what comes next must clear this slot's arrows too */
      p->bottom[COL_LANE] = MAX (p->bottom[COL_LANE],
                                 r->y + (r->kind == HS_LADDER_ROW_COLLAPSED
                                         ? hs_ladder_bar_bottom (p->h)
                                         : hs_ladder_arrow_bottom (p->h) + 1));

      for (k = 0; k < n_phases; k++)
        if (phase_last[k] >= slot->first && phase_last[k] <= slot->last)
          paint_phase_caption (p, phases[k], phase_last[k]);
    }

  for (i = 0; i < p->n_forced; i++)
    {
      p->drawing_forced = i;
      paint_row_texts (p, p->forced[i], p->forced_pos[i],
                       pos_rank (p, p->forced[i], p->forced_pos[i]), TRUE);
    }
}

static void
paint_rows (cairo_t                *cr,
            HsLadderLayout         *layout,
            const HsPalette        *palette,
            const HsLadderViewport *viewport,
            GArray                 *items)
{
  Painter p;
  guint first = 0;
  guint last = 0;
  gboolean any;
  guint n_rows;
  guint i;

  memset (&p, 0, sizeof p);
  p.items = items;
  p.cr = cr;
  p.layout = layout;
  p.palette = palette;
  p.cols = hs_ladder_layout_get_columns (layout);
  p.h = hs_ladder_layout_get_row_height (layout);
  p.y0 = viewport->scroll_y;
  p.y1 = viewport->scroll_y + MAX (viewport->height, 0);
  for (i = 0; i < N_COLS; i++)
    p.bottom[i] = -G_MAXDOUBLE;

  cairo_save (cr);
  cairo_translate (cr, 0, -viewport->scroll_y);
  cairo_rectangle (cr, 0, p.y0, p.cols->width, p.y1 - p.y0);
  cairo_clip (cr);

  ink_init (&p.ink, cr, viewport->text_layer);
  for (i = 0; i < N_FONTS; i++)
    _hs_ink_measure (&p.ink, (Font) i, "#0", 0, NULL, &p.th[i]);
  p.time_true = hs_ladder_layout_get_mode (layout) == HS_LADDER_TIME_TRUE;
  p.labels = p.time_true || p.h >= p.th[FONT_LABEL] + 6;

  _hs_set_color (cr, &palette->background);
  cairo_paint (cr);

  n_rows = hs_ladder_layout_get_n_rows (layout);
  any = hs_ladder_layout_visible_rows (layout, p.y0, p.y1, &first, &last);
  /* a row starting exactly at the bottom edge is the next page's */
  while (any && last > first && hs_ladder_layout_get_row (layout, last)->y >= p.y1 &&
         viewport->height > 0)
    last--;

  /* the selected and hovered rows in view are drawn in full */
  if (any)
    {
      guint pos[2] = { viewport->selected_pos, viewport->hover_pos };

      for (i = 0; i < 2; i++)
        {
          guint row;

          if (pos[i] == HS_LADDER_NO_POS || pos[i] >= hs_ladder_layout_get_n_packets (layout))
            continue;
          row = hs_ladder_layout_row_for_pos (layout, pos[i]);
          if (row == HS_LADDER_NO_POS || row < first || row > last || is_forced (&p, row))
            continue;
          p.forced[p.n_forced] = row;
          p.forced_pos[p.n_forced] = pos[i];
          reserve_forced (&p, p.n_forced);
          p.n_forced++;
        }
    }

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
      g_autoptr(GArray) slots = make_slots (&p, first, last);

      /* a compressed gap is three rows tall: its row starts a slot */
      for (i = 0; i < slots->len; i++)
        paint_gap (&p, g_array_index (slots, Slot, i).first);

      paint_arrows (&p, slots);
      paint_texts (&p, slots, viewport->show_phases);
    }

  paint_hover_connector (&p, viewport->hover_pos);

  _hs_ink_clear (&p.ink);
  cairo_restore (cr);
}

void
hs_ladder_paint (cairo_t                *cr,
                 HsLadderLayout         *layout,
                 const HsPalette        *palette,
                 const HsLadderViewport *viewport)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (layout != NULL);
  g_return_if_fail (palette != NULL);
  g_return_if_fail (viewport != NULL);

  paint_rows (cr, layout, palette, viewport, NULL);
}

void
_hs_ladder_paint_items (cairo_t                *cr,
                        HsLadderLayout         *layout,
                        const HsPalette        *palette,
                        const HsLadderViewport *viewport,
                        GArray                 *items)
{
  g_return_if_fail (items != NULL);

  paint_rows (cr, layout, palette, viewport, items);
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
  double captions_right;
  double left_box_right = 0;
  int client;
  HsInkBox box;
  HsInk ink;
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

  _hs_set_color (cr, &palette->background);
  cairo_paint (cr);

  /* column captions, on the last lines: the names' boxes are above
   * them, or beside them in the gutter */
  box = _hs_ink_text (&ink, FONT_SMALL_BOLD, _("Frame"), 12, HEADER_HEIGHT - 30,
                      cols->gutter - 14, HS_INK_LEFT, &palette->dim);
  captions_right = box.x + box.width;
  box = _hs_ink_text (&ink, FONT_SMALL, _("Time"), 12, HEADER_HEIGHT - 17, cols->gutter - 14,
                      HS_INK_LEFT, &palette->dim);
  captions_right = MAX (captions_right, box.x + box.width);
  _hs_ink_text (&ink, FONT_SMALL_BOLD, _("Analysis"), cols->badge + 8, HEADER_HEIGHT - 17,
                cols->width - cols->badge - 16, HS_INK_LEFT, &palette->dim);

  for (s = 0; s < 2; s++)
    {
      const char *name = hs_ladder_layout_get_endpoint_name (layout, s);
      const char *role = NULL;
      double x = cols->lifeline[s];
      double max_width = MIN (280.0, cols->lifeline[1] - cols->lifeline[0] - 36);
      double nw, nh, rw = 0, rh = 0, bw, bh, top, cx;

      if (client >= 0)
        role = (int) s == client ? _("client") : _("server");

      _hs_ink_measure (&ink, FONT_NAME, name, max_width, &nw, &nh);
      if (role != NULL)
        _hs_ink_measure (&ink, FONT_SMALL, role, max_width, &rw, &rh);
      bw = MAX (nw, rw) + 24;
      bh = nh + rh + 8;
      top = 6;
      /* centred on its lifeline, but clear of the gutter's captions (a
       * narrow ladder) and of the other name */
      cx = s == 0 ? MAX (x, captions_right + 6 + bw / 2) : MAX (x, left_box_right + 6 + bw / 2);
      cx = MIN (cx, MAX (x, cols->width - 4 - bw / 2));
      if (s == 0)
        left_box_right = cx + bw / 2;

      /* the lifeline starts under its name */
      _hs_set_color (cr, &palette->lifeline);
      cairo_set_line_width (cr, 1.5);
      cairo_move_to (cr, x, top + bh);
      cairo_line_to (cr, x, HEADER_HEIGHT);
      cairo_stroke (cr);

      _hs_rounded_rect (cr, cx - bw / 2, top + 0.5, bw, bh, 7);
      _hs_set_color_alpha (cr, &palette->foreground,
                           palette->kind == HS_PALETTE_DARK ? 0.08 : 0.04);
      cairo_fill_preserve (cr);
      _hs_set_color (cr, &palette->lifeline);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);

      _hs_ink_text (&ink, FONT_NAME, name, cx, top + 4, max_width, HS_INK_CENTER,
                    &palette->foreground);
      if (role != NULL)
        _hs_ink_text (&ink, FONT_SMALL, role, cx, top + 4 + nh, max_width, HS_INK_CENTER,
                      &palette->dim);
    }

  _hs_set_color_alpha (cr, &palette->dim, 0.35);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, 0, HEADER_HEIGHT - 0.5);
  cairo_line_to (cr, cols->width, HEADER_HEIGHT - 0.5);
  cairo_stroke (cr);

  _hs_ink_clear (&ink);
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
      draw_arrow (cr, x, mid - 3, x + w, mid + 3,
                  item->index == HS_ANOMALY_CLASS_NONE ? 1.3 : 2.0, 8,
                  class_color (palette, (HsAnomalyClass) item->index));
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
      _hs_set_color (cr, pill_fill (palette));
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
      draw_arrow (cr, x, mid - 3, x + w, mid - 3, 1.3, 6, &palette->foreground);
      draw_arrow (cr, x + w, mid + 3, x, mid + 3, 1.3, 6, &palette->foreground);
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
legend_flow (HsInk           *ink,
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

  _hs_ink_measure (ink, FONT_SMALL_BOLD, _("Legend"), 0, NULL, &th);
  if (ink->cr != NULL)
    _hs_ink_text (ink, FONT_SMALL_BOLD, _("Legend"), LEGEND_MARGIN, 12, 0, HS_INK_LEFT,
                  &palette->dim);
  y = 12 + th + 8;

  for (i = 0; i < n; i++)
    {
      double tw, h;
      double item_width;
      double max_text = right - LEGEND_MARGIN - LEGEND_SWATCH - 8;

      _hs_ink_measure (ink, FONT_SMALL, items[i].text, max_text, &tw, &h);
      item_width = LEGEND_SWATCH + 8 + tw;
      if (x > LEGEND_MARGIN && x + item_width > right)
        {
          x = LEGEND_MARGIN;
          y += line;
        }

      if (ink->cr != NULL)
        {
          draw_swatch (ink->cr, palette, &items[i], x, y + (line - 16) / 2 - 1, 16);
          _hs_ink_text (ink, FONT_SMALL, items[i].text, x + LEGEND_SWATCH + 8,
                        y + (line - h) / 2 - 1, max_text, HS_INK_LEFT, &palette->foreground);
        }
      x += item_width + 22;
    }

  return y + line + 10;
}

double
hs_ladder_legend_height (HsLadderLayout *layout)
{
  HsInk ink;
  double height;

  g_return_val_if_fail (layout != NULL, 0);

  ink_init (&ink, NULL, NULL);
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
  ink_init (&ink, cr, text_layer);

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
          _hs_set_color (cr, class_color (palette, hs_anomaly_class_for_record (r)));
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
          _hs_set_color (cr, class_color (palette, worst));
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
  HsInk ink;
  HsInkBox box;

  cairo_save (cr);
  ink_init (&ink, cr, text_layer);

  _hs_set_color (cr, &palette->background);
  cairo_rectangle (cr, 0, 0, width, TITLE_HEIGHT);
  cairo_fill (cr);

  box = _hs_ink_text (&ink, FONT_TITLE, title, LEGEND_MARGIN, 10, width - 2 * LEGEND_MARGIN,
                      HS_INK_LEFT, &palette->foreground);
  if (subtitle != NULL)
    _hs_ink_text (&ink, FONT_SMALL, subtitle, LEGEND_MARGIN, box.y + box.height + 2,
                  width - 2 * LEGEND_MARGIN, HS_INK_LEFT, &palette->dim);

  _hs_ink_clear (&ink);
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
  HsInk ink;

  cairo_save (cr);
  ink_init (&ink, cr, text_layer);
  _hs_ink_text (&ink, FONT_SMALL, text, x, y, 0, HS_INK_CENTER, &palette->dim);
  _hs_ink_clear (&ink);
  cairo_restore (cr);
}
