/* hs-ladder-paint-text.c
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The texts of the ladder's rows: labels (and run summaries), badges,
 * frame numbers and times in the gutter, state names on the lifelines,
 * phase captions, the hovered ACK's connector; which row of a slot has
 * texts and how each column skips what would overlap (see
 * hs-ladder-paint.c for the whole). */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "hs-explain.h"
#include "hs-ladder-paint-impl.h"

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
      if (!_hs_ladder_may_draw (p, forced, COL_PILL0 + s, top, top + th + 4))
        continue;

      x = p->cols->lifeline[s];
      _hs_rounded_rect (p->cr, x - tw / 2 - 6, top, tw + 12, th + 2, (th + 2) / 2);
      _hs_set_color (p->cr, _hs_ladder_pill_fill (p->palette));
      cairo_fill (p->cr);
      _hs_ink_text (&p->ink, FONT_STATE, name, x, top + 1, 0, HS_INK_CENTER,
                    _hs_ladder_pill_text (p->palette));
      _hs_ladder_record_item (p, HS_LADDER_ITEM_STATE, pos, x - tw / 2 - 6, top, x + tw / 2 + 6,
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
  if (!forced &&
      !_hs_ladder_fits (p, COL_LANE, bundle ? arrow_top - 1.5 - th : label_top_min (p, row, th),
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
  if (!_hs_ladder_may_draw (p, forced, COL_LANE, top, top + th))
    return;
  /* a wide label reaches where the state names are on the lifelines */
  if (!forced)
    {
      guint s;

      for (s = 0; s < 2; s++)
        if (tw / 2 + 4 > fabs (p->cols->lifeline[s] - mid) - PILL_HALF &&
            !_hs_ladder_fits (p, COL_PILL0 + s, top, top + th))
          return;
    }

  _hs_rounded_rect (p->cr, mid - tw / 2 - 4, top, tw + 8, th, 3);
  _hs_set_color (p->cr, &p->palette->label_plate);
  cairo_fill (p->cr);
  _hs_ink_text (&p->ink, FONT_LABEL, label, mid, top, lane - LABEL_MARGIN, HS_INK_CENTER,
                bundle ? &p->palette->dim : &p->palette->foreground);
  _hs_ladder_record_item (p, HS_LADDER_ITEM_LABEL, pos, mid - tw / 2 - 4, top, mid + tw / 2 + 4,
                          top + th,
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

  color = _hs_ladder_class_color (p->palette, (HsAnomalyClass) klass);
  _hs_ink_prepare_lines (&p->ink, FONT_SMALL_BOLD, badge, max_width, 2);
  _hs_ink_extents (&p->ink, &tw, &th);
  top = r->y + p->h / 2 - (th + 4) / 2;
  if (!_hs_ladder_may_draw (p, forced, COL_BADGE, top, top + th + 6))
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
  _hs_ladder_record_item (p, HS_LADDER_ITEM_BADGE, pos, x, top, x + tw + 24, top + th + 4, 0);
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

  if (!_hs_ladder_may_draw (p, forced, COL_GUTTER, top, bottom))
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
  _hs_ladder_record_text (p, HS_LADDER_ITEM_GUTTER, range ? r->first : pos, box);
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
  limit = MIN (_hs_ladder_band_bottom (p, row) + 4, next_lane_top (p, row));
  if (top < p->bottom[COL_LANE] || top + p->th[FONT_SMALL] > limit)
    return;

  caption = _hs_ladder_phase_caption (p->layout, phase);
  _hs_ink_measure (&p->ink, FONT_SMALL, caption, lane1 - lane0 - 40, &tw, &th);
  if (!_hs_ladder_fits (p, COL_LANE, top, top + th) || top + th > limit)
    return;

  mid = (lane0 + lane1) / 2;
  box = _hs_ink_text (&p->ink, FONT_SMALL, caption, mid, top, lane1 - lane0 - 40,
                      HS_INK_CENTER, &p->palette->dim);
  _hs_ladder_record_text (p, HS_LADDER_ITEM_CAPTION, r->first, box);

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
void
_hs_ladder_paint_hover_connector (Painter *p,
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
    _hs_ladder_draw_arrow (p->cr, sx0, sy0, sx1, sy1, 2.5, ARROW_HEAD, &p->palette->connector);

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
    _hs_ladder_paint_collapsed_text (p, row, forced);
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
void
_hs_ladder_paint_texts (Painter *p,
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

          if (_hs_ladder_phase_rows (p->layout, phase, &a, &b))
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
