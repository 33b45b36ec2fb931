/* hs-ladder-rows.c
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The rows of the ladder and where things are in them: packet order,
 * collapsed runs, time-true (the scale, the placer, bundles), the columns;
 * the lookups by y and by position, arrows and hits, all O(log n). */

#include "config.h"

#include <math.h>
#include <string.h>

#include "hs-ladder-layout-impl.h"

/* Closest hits looked at around a point in dense time-true rows. */
#define HIT_MAX_CANDIDATES 64

/* ------------------------------------------------------------------------ */
/* Rows                                                                      */

static HsLadderRow *
append_row (HsLadderLayout  *self,
            guint            first,
            guint            n,
            HsLadderRowKind  kind)
{
  HsLadderRow *row = &self->rows[self->n_rows++];

  row->y = 0;
  row->first = first;
  row->n = n;
  row->kind = kind;
  row->gap_before = 0;
  return row;
}

/* Adds up the gaps of the range's positions after the ones already added
 * (all of them when the range or the bounds changed). */
static void
time_gaps_add_up (HsLadderLayout *self,
                  double          scale_lo,
                  double          scale_hi,
                  double          cap)
{
  TimeGaps *g = &self->time_gaps;
  guint pos;

  if (!g->valid || g->first != self->range_first || g->last > self->range_last ||
      g->scale_lo != scale_lo || g->scale_hi != scale_hi)
    {
      *g = (TimeGaps) {
        .valid = TRUE,
        .first = self->range_first,
        .last = self->range_first,
        .prev_ns = pos_time (self, self->range_first),
        .min_gap = G_MAXDOUBLE,
        .scale_lo = scale_lo,
        .scale_hi = scale_hi,
      };
    }

  for (pos = g->last + 1; pos <= self->range_last; pos++)
    {
      gint64 t = pos_time (self, pos);
      double gap = t > g->prev_ns ? (double)(t - g->prev_ns) : 0.0;

      g->sum += gap;
      if (gap > 0 && gap < g->min_gap)
        g->min_gap = gap;
      g->capped_lo += MIN (gap * scale_lo, cap);
      g->capped_hi += MIN (gap * scale_hi, cap);
      g->prev_ns = MAX (g->prev_ns, t);
    }
  g->last = self->range_last;
}

/* The scale at which the range's gaps, each capped, add up to `target`:
 * found by bisection over all of them (O(n) a step). */
static double
time_scale_bisect (HsLadderLayout *self,
                   double          target,
                   double          cap)
{
  const TimeGaps *g = &self->time_gaps;
  guint n = self->range_last - self->range_first;
  double *gaps = g_new (double, n);
  gint64 prev = pos_time (self, self->range_first);
  double lo, hi;
  guint i;
  int iter;

  for (i = 0; i < n; i++)
    {
      gint64 t = pos_time (self, self->range_first + 1 + i);

      gaps[i] = t > prev ? (double)(t - prev) : 0.0;
      prev = MAX (prev, t);
    }

  /* at lo the gaps add up to the target even uncapped; at hi every gap
   * that is not zero is at the cap, the tallest the picture gets */
  lo = target / g->sum;
  hi = cap / g->min_gap;

  for (iter = 0; iter < 100 && lo < hi && hi / lo > 1.0 + 1e-9; iter++)
    {
      double mid = sqrt (lo * hi);
      double total = 0;

      for (i = 0; i < n; i++)
        total += MIN (gaps[i] * mid, cap);

      if (total < target)
        lo = mid;
      else
        hi = mid;
    }

  g_free (gaps);
  return lo < hi ? sqrt (lo * hi) : hi;
}

/* The time-true scale (px per ns at zoom 1): the one that makes the gaps
 * between the packets of the range, each capped at HS_LADDER_GAP_CAP rows,
 * add up to one row height per packet, so that the diagram is about as
 * tall as in packet order.  The total is monotonic in the scale:
 * bisection, on a copy of the gaps.
 *
 * But with an initial round-trip time to go by, a round trip is between a
 * quarter of a row and a row.  At most a row: bursts of back-to-back
 * segments separated by round trips would otherwise get their
 * microseconds stretched to fill the height and every round trip capped
 * and drawn as idle time; with this bound only gaps longer than a few
 * round trips are shortened, and the picture may be shorter.  At least a
 * quarter: a few packets over seconds would otherwise squeeze the
 * handshake and every exchange into a fraction of a pixel, and no zoom
 * would draw them apart. */
void
_hs_ladder_rows_compute_time_scale (HsLadderLayout *self)
{
  const TimeGaps *g = &self->time_gaps;
  double cap = HS_LADDER_GAP_CAP * HS_LADDER_ROW_HEIGHT;
  double scale_lo = 0, scale_hi = 0;
  double target;
  guint n;

  g_assert (self->range_first <= self->range_last);
  g_assert (self->n_pkts == 0 || self->range_last < self->n_pkts);

  n = self->range_last - self->range_first;
  target = n * HS_LADDER_ROW_HEIGHT;
  self->time_flat = TRUE;
  self->time_scale = 0;
  self->time_max_zoom = HS_LADDER_MAX_ZOOM;

  if (n == 0)
    return;

  /* the initial RTT bounds the scale: between a quarter of a row and a row */
  if (self->conn->irtt_ns > 0)
    {
      scale_lo = HS_LADDER_ROW_HEIGHT / 4 / (double) self->conn->irtt_ns;
      scale_hi = HS_LADDER_ROW_HEIGHT / (double) self->conn->irtt_ns;
    }
  time_gaps_add_up (self, scale_lo, scale_hi, cap);

  if (g->sum <= 0)
    return;

  self->time_flat = FALSE;

  /* Where the scale the gaps ask for is beyond a bound, the bound is the
   * scale, and the sums added up as the connection grew say so without
   * the bisection: a growing connection costs what it added.  Short of
   * the target even at the upper bound (the cap not reached below it), the
   * scale the bisection finds is above it; past the target at the lower
   * bound, below it. */
  if (scale_hi > 0 && g->capped_hi < target && cap / g->min_gap >= scale_hi)
    self->time_scale = scale_hi;
  else if (scale_lo > 0 && g->capped_lo > target)
    self->time_scale = scale_lo;
  else
    {
      self->time_scale = time_scale_bisect (self, target, cap);
      if (scale_hi > 0)
        self->time_scale = CLAMP (self->time_scale, scale_lo, scale_hi);
    }

  /* zooming in goes on until the two closest packets are the floor apart,
   * each in a row of its own */
  self->time_max_zoom = CLAMP (0.65 * HS_LADDER_ROW_HEIGHT / (g->min_gap * self->time_scale),
                               HS_LADDER_MAX_ZOOM, HS_LADDER_MAX_TIME_ZOOM);
}

/* The greatest zoom of the current mode. */
double
_hs_ladder_rows_max_zoom (HsLadderLayout *self)
{
  if (self->mode == HS_LADDER_TIME_TRUE && !self->time_flat && self->n_pkts > 0)
    return self->time_max_zoom;
  return HS_LADDER_MAX_ZOOM;
}

/* y of every row at the current zoom, evenly spaced: packet order, or
 * time-true when no time passes (the time-true rows are placed as they
 * are made, see Placer). */
static void
place_rows_from (HsLadderLayout *self,
                 guint           first_row)
{
  double h = row_height (self);
  guint i;

  for (i = first_row; i < self->n_rows; i++)
    {
      self->rows[i].y = i * h;
      self->rows[i].gap_before = 0;
    }

  self->height = self->n_rows > 0 ? self->rows[self->n_rows - 1].y + h : 0;
}

void
_hs_ladder_rows_place (HsLadderLayout *self)
{
  place_rows_from (self, 0);
}

static void
placer_init (HsLadderLayout *self,
             Placer         *pl)
{
  memset (pl, 0, sizeof *pl);
  pl->h = row_height (self);
  pl->floor = row_floor (self);
  pl->cap = HS_LADDER_GAP_CAP * pl->h;
  pl->scale = self->time_scale * self->zoom;
}

/* Whether a phase other than the first begins at pos. */
static gboolean
starts_phase (HsLadderLayout *self,
              guint           pos)
{
  guint i;

  for (i = 1; i < self->n_phases; i++)
    if (self->phases[i].first == pos)
      return TRUE;
  return FALSE;
}

static void
add_run (HsLadderLayout *self,
         guint           first,
         guint64         bytes)
{
  Run run = { first, bytes };

  g_array_append_val (self->runs, run);
}

/* Positions first .. first + n - 1 (one packet, or a collapsed run of
 * them) as the next row, or a packet into the bundle before it. */
static void
place_time_true (HsLadderLayout  *self,
                 Placer          *pl,
                 guint            first,
                 guint            n,
                 HsLadderRowKind  kind,
                 guint64          bytes)
{
  HsLadderRow *last = self->n_rows > 0 ? &self->rows[self->n_rows - 1] : NULL;
  gboolean plain = kind == HS_LADDER_ROW_PACKET && !pos_notable (self, first);
  gint64 t0 = pos_time (self, first);
  gboolean gap = FALSE;
  HsLadderRow *row;
  double y = 0;

  if (last != NULL)
    {
      double dt = t0 > pl->last_ns ? (double)(t0 - pl->last_ns) : 0.0;
      double after = last->kind == HS_LADDER_ROW_COLLAPSED ? pl->h : pl->floor;

      /* a bundle never spans two phases */
      if (starts_phase (self, first))
        {
          after += 0.35 * pl->h;
          plain = FALSE;
        }

      /* zoomed in, what is a long pause at that scale is compressed too,
       * so that the picture stays a few rows per packet at any zoom */
      if (dt * pl->scale > pl->cap)
        {
          gap = TRUE;
          y = last->y + (last->kind == HS_LADDER_ROW_COLLAPSED ? pl->h : 0) +
              MAX (pl->cap, pl->floor);
          pl->time_y = y;
        }
      else
        {
          pl->time_y += dt * pl->scale;
          if (plain && pl->last_plain && pl->time_y < last->y + pl->floor)
            {
              if (last->n == 1)
                {
                  last->kind = HS_LADDER_ROW_BUNDLE;
                  add_run (self, last->first, pl->last_bytes);
                }
              last->n++;
              g_array_index (self->runs, Run, self->runs->len - 1).bytes += bytes;
              pl->last_ns = MAX (pl->last_ns, t0);
              return;
            }
          y = MAX (pl->time_y, last->y + after);
        }
    }

  row = append_row (self, first, n, kind);
  row->y = y;
  row->gap_before = gap;
  pl->time_y = y;
  pl->last_plain = kind == HS_LADDER_ROW_PACKET && !pos_notable (self, first);
  pl->last_bytes = bytes;
  pl->last_ns = MAX (pl->last_ns, t0);
  if (kind == HS_LADDER_ROW_COLLAPSED)
    {
      /* the time inside a collapsed run is not drawn: one row */
      add_run (self, first, bytes);
      pl->time_y = y + pl->h;
      pl->last_ns = MAX (pl->last_ns, pos_time (self, first + n - 1));
    }
}

/* Room for n rows, grown by doubling while a live connection grows. */
static void
ensure_rows (HsLadderLayout *self,
             guint           n)
{
  if (n <= self->rows_alloc)
    return;

  self->rows_alloc = MAX (n, 2 * self->rows_alloc);
  self->rows = g_renew (HsLadderRow, self->rows, self->rows_alloc);
}

/* Makes the rows of positions pos .. range_last after the rows there are.
 * A run that reaches range_last is remembered (self->tail), so that
 * extending starts again from it; resume is that run, to go on from its
 * last position instead of looking at it again. */
static void
build_rows_from (HsLadderLayout *self,
                 guint           pos,
                 Placer         *pl,
                 const Tail     *resume)
{
  gboolean by_time = self->mode == HS_LADDER_TIME_TRUE && !self->time_flat;

  g_assert (self->n_rows + (self->range_last + 1 - pos) <= self->rows_alloc);

  self->tail.first = HS_LADDER_NO_POS;

  while (pos <= self->range_last)
    {
      const HsPacketRecord *r = _hs_ladder_layout_get_record (self, pos);
      guint64 bytes = r->payload_len;
      guint end = pos;
      guint p;

      if (resume != NULL || (self->collapse && _hs_ladder_pos_uneventful (self, pos)))
        {
          if (resume != NULL)
            {
              g_assert (resume->first == pos);
              end = resume->end;
              bytes = resume->bytes;
              resume = NULL;
            }

          while (end < self->range_last && _hs_ladder_pos_uneventful (self, end + 1))
            {
              bytes += _hs_ladder_layout_get_record (self, end + 1)->payload_len;
              end++;
            }

          if (end == self->range_last)
            {
              Tail *t = &self->tail;

              t->first = pos;
              t->end = end;
              t->bytes = bytes;
              t->n_rows = self->n_rows;
              t->n_runs = self->runs->len;
              if (self->n_rows > 0)
                t->last_row = self->rows[self->n_rows - 1];
              if (self->runs->len > 0)
                t->last_run = g_array_index (self->runs, Run, self->runs->len - 1);
              t->placer = *pl;
            }

          if (end - pos + 1 >= HS_LADDER_MIN_COLLAPSE &&
              !g_hash_table_contains (self->expanded, GUINT_TO_POINTER (pos)))
            {
              if (by_time)
                place_time_true (self, pl, pos, end - pos + 1, HS_LADDER_ROW_COLLAPSED, bytes);
              else
                {
                  append_row (self, pos, end - pos + 1, HS_LADDER_ROW_COLLAPSED);
                  add_run (self, pos, bytes);
                }
              pos = end + 1;
              continue;
            }
        }

      /* packet rows, one per packet of the run (or the one packet) */
      for (p = pos; p <= end; p++)
        {
          if (by_time)
            place_time_true (self, pl, p, 1, HS_LADDER_ROW_PACKET,
                             p == pos ? r->payload_len
                                      : _hs_ladder_layout_get_record (self, p)->payload_len);
          else
            append_row (self, p, 1, HS_LADDER_ROW_PACKET);
        }
      pos = end + 1;
    }

  self->placer = *pl;
  if (by_time)
    self->height = self->n_rows > 0 ? self->rows[self->n_rows - 1].y + pl->h : 0;
}

void
_hs_ladder_rows_build (HsLadderLayout *self)
{
  guint n_range = self->range_last - self->range_first + 1;
  gboolean by_time = self->mode == HS_LADDER_TIME_TRUE && !self->time_flat;
  Placer pl;

  g_assert (self->n_pkts > 0);
  g_assert (self->range_first <= self->range_last && self->range_last < self->n_pkts);

  self->rows = g_renew (HsLadderRow, self->rows, n_range);
  self->rows_alloc = n_range;
  self->n_rows = 0;
  g_array_set_size (self->runs, 0);
  placer_init (self, &pl);

  build_rows_from (self, self->range_first, &pl, NULL);

  /* the exact size: the rows are most of the layout's memory */
  if (self->n_rows != n_range)
    {
      self->rows_alloc = MAX (self->n_rows, 1);
      self->rows = g_renew (HsLadderRow, self->rows, self->rows_alloc);
    }

  if (!by_time)
    _hs_ladder_rows_place (self);
}

/* The rows of the positions after old_last (the range's last before the
 * connection grew, now range_last), made as build_rows() would: from the
 * run that reached old_last, if any (it may grow and collapse; the row
 * before it is put back as it was, as one of its packets may have joined
 * that row's bundle), else from the first new position, the placer going
 * on where it was. */
void
_hs_ladder_rows_extend (HsLadderLayout *self,
                        guint           old_last)
{
  gboolean by_time = self->mode == HS_LADDER_TIME_TRUE && !self->time_flat;
  guint first_row;
  Tail tail = self->tail;
  Placer pl;

  g_assert (old_last < self->range_last);

  if (tail.first != HS_LADDER_NO_POS)
    {
      g_assert (tail.end == old_last);
      self->n_rows = tail.n_rows;
      g_array_set_size (self->runs, tail.n_runs);
      if (tail.n_rows > 0)
        self->rows[tail.n_rows - 1] = tail.last_row;
      if (tail.n_runs > 0)
        g_array_index (self->runs, Run, tail.n_runs - 1) = tail.last_run;
      pl = tail.placer;
      ensure_rows (self, self->n_rows + (self->range_last + 1 - tail.first));
      first_row = self->n_rows;
      build_rows_from (self, tail.first, &pl, &tail);
    }
  else
    {
      pl = self->placer;
      ensure_rows (self, self->n_rows + (self->range_last - old_last));
      first_row = self->n_rows;
      build_rows_from (self, old_last + 1, &pl, NULL);
    }

  /* the row put back was saved before packet order placed it */
  if (!by_time)
    place_rows_from (self, first_row > 0 ? first_row - 1 : 0);
}

void
_hs_ladder_rows_update_columns (HsLadderLayout *self)
{
  HsLadderColumns *c = &self->columns;
  /* at the default window size (about 950 px), room for the longest badge
   * of one finding ("Previous segment not captured") on one line; the
   * painter wraps what is longer into two, so that at the narrowest the
   * badges' longest words still fit */
  double badge_width = CLAMP (c->width * 0.24, 184.0, 300.0);
  /* narrower than 800 px (a window tiled on half a screen), the gutter and
   * the margins beside the lifelines give the lane what they can spare:
   * frame numbers of five digits, and half a state name */
  double f = CLAMP ((c->width - HS_LADDER_MIN_WIDTH) / (800.0 - HS_LADDER_MIN_WIDTH), 0.0, 1.0);
  double margin = 44 + 16 * f;

  c->gutter = 72 + 16 * f;
  c->badge = c->width - badge_width;
  c->lifeline[0] = c->gutter + margin;
  c->lifeline[1] = c->badge - margin;
}

/* ------------------------------------------------------------------------ */
/* Geometry                                                                  */

const HsLadderColumns *
hs_ladder_layout_get_columns (HsLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->columns;
}

double
hs_ladder_layout_get_row_height (HsLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, HS_LADDER_ROW_HEIGHT);
  return row_height (self);
}

double
hs_ladder_layout_get_row_floor (HsLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return row_floor (self);
}

double
hs_ladder_layout_get_height (HsLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->height;
}

guint
hs_ladder_layout_get_n_rows (HsLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_rows;
}

const HsLadderRow *
hs_ladder_layout_get_row (HsLadderLayout *self,
                          guint           row)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (row < self->n_rows, NULL);
  return &self->rows[row];
}

guint
hs_ladder_layout_row_for_pos (HsLadderLayout *self,
                              guint           pos)
{
  guint lo = 0;
  guint hi;

  g_return_val_if_fail (self != NULL, HS_LADDER_NO_POS);

  if (self->n_rows == 0 || pos < self->range_first || pos > self->range_last)
    return HS_LADDER_NO_POS;
  if (self->n_rows == self->range_last - self->range_first + 1)
    return pos - self->range_first;

  /* the last row whose first position is at or before pos */
  hi = self->n_rows;
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->rows[mid].first <= pos)
        lo = mid;
      else
        hi = mid;
    }

  return lo;
}

/* How many rows have their top at or above y (rows are in y order). */
static guint
rows_with_top_before (HsLadderLayout *self,
                      double          y)
{
  guint lo = 0;
  guint hi = self->n_rows;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->rows[mid].y <= y)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

guint
_hs_ladder_layout_rows_above (HsLadderLayout *self,
                              double          y)
{
  guint lo = 0;
  guint hi = self->n_rows;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->rows[mid].y < y)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

guint
hs_ladder_layout_row_at_y (HsLadderLayout *self,
                           double          y)
{
  guint n;

  g_return_val_if_fail (self != NULL, 0);

  n = rows_with_top_before (self, y);
  return n > 0 ? n - 1 : 0;
}

/* A row covers [top, top + row height); it intersects y0 .. y1 when its
 * top is at or above y1 and its bottom below y0. */
gboolean
hs_ladder_layout_visible_rows (HsLadderLayout *self,
                               double          y0,
                               double          y1,
                               guint          *first,
                               guint          *last)
{
  double h;
  guint a;
  guint b;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->n_rows == 0 || y1 < y0)
    return FALSE;

  h = row_height (self);
  a = rows_with_top_before (self, y0 - h);
  b = rows_with_top_before (self, y1);
  if (b == 0 || a >= b)
    return FALSE;

  if (first != NULL)
    *first = a;
  if (last != NULL)
    *last = b - 1;
  return TRUE;
}

void
hs_ladder_layout_get_arrow (HsLadderLayout *self,
                            guint           row,
                            double         *x0,
                            double         *y0,
                            double         *x1,
                            double         *y1)
{
  const HsLadderRow *r;
  double h;
  guint dir = 0;
  double top;
  double bottom;

  g_return_if_fail (self != NULL);
  g_return_if_fail (row < self->n_rows);

  r = &self->rows[row];
  h = row_height (self);

  if (r->kind == HS_LADDER_ROW_COLLAPSED)
    {
      top = hs_ladder_bar_top (h);
      bottom = hs_ladder_bar_bottom (h);
    }
  else
    {
      top = hs_ladder_arrow_top (h);
      bottom = hs_ladder_arrow_bottom (h);
      dir = _hs_ladder_layout_get_record (self, r->first)->direction;
    }

  if (x0 != NULL)
    *x0 = self->columns.lifeline[dir];
  if (x1 != NULL)
    *x1 = self->columns.lifeline[!dir];
  if (y0 != NULL)
    *y0 = r->y + top;
  if (y1 != NULL)
    *y1 = r->y + bottom;
}

/* The arrow's y at x (its end's y beyond its ends). */
static double
arrow_y_at (HsLadderLayout *self,
            guint           row,
            double          x)
{
  double x0, y0, x1, y1, t;

  hs_ladder_layout_get_arrow (self, row, &x0, &y0, &x1, &y1);
  if (self->rows[row].kind != HS_LADDER_ROW_PACKET)
    return (y0 + y1) / 2;

  t = (x - x0) / (x1 - x0);
  t = CLAMP (t, 0.0, 1.0);
  return y0 + t * (y1 - y0);
}

guint
hs_ladder_layout_hit (HsLadderLayout *self,
                      double          x,
                      double          y)
{
  double h;
  double best_dist = G_MAXDOUBLE;
  guint best = HS_LADDER_NO_POS;
  guint n;
  guint i;
  guint steps;

  g_return_val_if_fail (self != NULL, HS_LADDER_NO_POS);

  if (self->n_rows == 0 || x < 0 || x > self->columns.width)
    return HS_LADDER_NO_POS;

  h = row_height (self);

  /* candidates: the rows whose top is within a row above y (their arrow
   * can be within half a row), nearest first, and the one just below */
  n = rows_with_top_before (self, y);
  if (n < self->n_rows)
    n++;
  for (i = n, steps = 0; i > 0 && steps < HIT_MAX_CANDIDATES; i--, steps++)
    {
      const HsLadderRow *r = &self->rows[i - 1];
      double dist;

      if (r->y + 1.5 * h < y)
        break;

      if (r->kind != HS_LADDER_ROW_PACKET)
        {
          /* the whole bar or band counts, and half a row around it */
          double b0, b1;

          hs_ladder_layout_get_arrow (self, i - 1, NULL, &b0, NULL, &b1);
          dist = y < b0 ? b0 - y : (y > b1 ? y - b1 : 0);
        }
      else
        dist = fabs (y - arrow_y_at (self, i - 1, x));

      if (dist < best_dist)
        {
          best_dist = dist;
          best = i - 1;
        }
    }

  if (best != HS_LADDER_NO_POS && best_dist <= h / 2)
    return best;
  return HS_LADDER_NO_POS;
}
