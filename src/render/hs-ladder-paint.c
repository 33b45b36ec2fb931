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

#include "hs-explain.h"
#include "hs-ladder-paint-impl.h"

void
_hs_ladder_record_item (Painter          *p,
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
void
_hs_ladder_record_text (Painter          *p,
                        HsLadderItemKind  kind,
                        guint             pos,
                        HsInkBox          box)
{
  _hs_ladder_record_item (p, kind, pos, box.x, box.y, box.x + box.width, box.y + box.height, 0);
}

gboolean
_hs_ladder_is_forced (Painter *p,
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
gboolean
_hs_ladder_fits (Painter *p,
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
gboolean
_hs_ladder_may_draw (Painter  *p,
                     gboolean  forced,
                     Column    col,
                     double    top,
                     double    bottom)
{
  guint i;

  if (!forced)
    return _hs_ladder_fits (p, col, top, bottom);
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

const HsRgba *
_hs_ladder_class_color (const HsPalette *palette,
                        HsAnomalyClass   klass)
{
  if (klass == HS_ANOMALY_CLASS_NONE)
    return &palette->foreground;
  return &palette->anomaly[klass];
}

const char *
_hs_ladder_phase_caption (HsLadderLayout      *layout,
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
gboolean
_hs_ladder_phase_rows (HsLadderLayout      *layout,
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
double
_hs_ladder_band_bottom (Painter *p,
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

      if (!_hs_ladder_phase_rows (p->layout, phase, &a, &b))
        continue;

      top = hs_ladder_layout_get_row (p->layout, a)->y;
      bottom = _hs_ladder_band_bottom (p, b);
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

  _hs_ladder_draw_break (p->cr, p->palette, 6, p->cols->width - 6, mid);

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
    _hs_ladder_draw_chevron (p->cr, x1 - 16, (y0 + y1) / 2, 4, &p->palette->dim);
}

/* Its summary, in the bar when the bar is tall enough for it. */
void
_hs_ladder_paint_collapsed_text (Painter  *p,
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
  if (bar < th - 2 || (!_hs_ladder_may_draw (p, forced, COL_LANE, top, top + th)))
    return;

  box = _hs_ink_text (&p->ink, FONT_SMALL_BOLD, summary, (x0 + x1) / 2, top, x1 - x0 - 56,
                      HS_INK_CENTER, &p->palette->dim);
  _hs_ladder_record_text (p, HS_LADDER_ITEM_SUMMARY, r->first, box);
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

  _hs_ladder_draw_arrow (p->cr, x0, y0, x1, y1, width, MIN (ARROW_HEAD, MAX (5.0, p->h * 0.4)),
                         _hs_ladder_class_color (p->palette, klass));
  _hs_ladder_record_item (p, HS_LADDER_ITEM_ARROW, pos, x0, y0, x1, y1, width);
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

      _hs_ladder_record_item (p, HS_LADDER_ITEM_ARROW, seg->pos, seg->x0, seg->y0, seg->x1,
                              seg->y1, 1.3);
    }

  switch (cairo_surface_get_type (cairo_get_target (p->cr)))
    {
    case CAIRO_SURFACE_TYPE_SVG:
    case CAIRO_SURFACE_TYPE_PDF:
    case CAIRO_SURFACE_TYPE_PS:
      for (i = 0; i < plain->len; i++)
        {
          const Segment *seg = &g_array_index (plain, Segment, i);

          _hs_ladder_draw_arrow (p->cr, seg->x0, seg->y0, seg->x1, seg->y1, 1.3, head,
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

      _hs_ladder_arrow_line_path (p->cr, seg->x0, seg->y0, seg->x1, seg->y1, head);
    }
  cairo_stroke (p->cr);

  for (i = 0; i < plain->len; i++)
    {
      const Segment *seg = &g_array_index (plain, Segment, i);

      _hs_ladder_arrow_head_path (p->cr, seg->x0, seg->y0, seg->x1, seg->y1, head);
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
      else if (slot->first == slot->last && _hs_ladder_is_forced (p, slot->first))
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

                  if (!_hs_ladder_is_forced (p, m.row))
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

  _hs_ladder_ink_init (&p.ink, cr, viewport->text_layer);
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
          if (row == HS_LADDER_NO_POS || row < first || row > last || _hs_ladder_is_forced (&p,
                                                                                            row))
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
      _hs_ladder_paint_texts (&p, slots, viewport->show_phases);
    }

  _hs_ladder_paint_hover_connector (&p, viewport->hover_pos);

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
