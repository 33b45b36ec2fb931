/* hs-graph-axes.c
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The graphs' scales: time and value units, nice tick steps and their
 * labels, the grid and the axes with their titles. */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "hs-graph-paint-impl.h"

/* ------------------------------------------------------------------------ */
/* Axes                                                                      */


static void
time_unit (gint64  t0,
           gint64  t1,
           Unit   *u)
{
  double m = MAX (fabs ((double) t0), fabs ((double) t1));

  if (m >= 1e9)
    {
      u->factor = 1e9;
      u->unit = C_("time unit", "s");
    }
  else if (m >= 1e6)
    {
      u->factor = 1e6;
      u->unit = C_("time unit", "ms");
    }
  else if (m >= 1e3)
    {
      u->factor = 1e3;
      u->unit = C_("time unit", "µs");
    }
  else
    {
      u->factor = 1;
      u->unit = C_("time unit", "ns");
    }
}

void
_hs_graph_value_unit (HsGraphValueKind  kind,
                      double            v0,
                      double            v1,
                      Unit             *u)
{
  double m = MAX (fabs (v0), fabs (v1));

  switch (kind)
    {
    case HS_GRAPH_VALUE_BITRATE:
      u->factor = m >= 1e9 ? 1e9 : m >= 1e6 ? 1e6 : m >= 1e3 ? 1e3 : 1;
      u->unit = u->factor == 1e9 ? C_("bit rate", "Gbit/s")
              : u->factor == 1e6 ? C_("bit rate", "Mbit/s")
              : u->factor == 1e3 ? C_("bit rate", "kbit/s")
              : C_("bit rate", "bit/s");
      break;

    case HS_GRAPH_VALUE_SECONDS:
      if (m >= 10)
        {
          u->factor = 1;
          u->unit = C_("time unit", "s");
        }
      else if (m >= 1e-3)
        {
          u->factor = 1e-3;
          u->unit = C_("time unit", "ms");
        }
      else
        {
          u->factor = 1e-6;
          u->unit = C_("time unit", "µs");
        }
      break;

    case HS_GRAPH_VALUE_BYTES:
    case HS_GRAPH_VALUE_SEQ:
    default:
      if (m >= 1024.0 * 1024 * 1024)
        {
          u->factor = 1024.0 * 1024 * 1024;
          u->unit = C_("byte unit", "GiB");
        }
      else if (m >= 1024.0 * 1024)
        {
          u->factor = 1024.0 * 1024;
          u->unit = C_("byte unit", "MiB");
        }
      else if (m >= 1024.0)
        {
          u->factor = 1024.0;
          u->unit = C_("byte unit", "KiB");
        }
      else
        {
          u->factor = 1;
          u->unit = C_("byte unit", "B");
        }
      break;
    }
}

/* 1, 2 or 5 times a power of ten, at least `raw`. */
static double
nice_step (double raw)
{
  double e, f;

  if (!(raw > 0))
    return 1;
  e = pow (10, floor (log10 (raw)));
  f = raw / e;
  if (f <= 1.0001)
    return e;
  if (f <= 2.0001)
    return 2 * e;
  if (f <= 5.0001)
    return 5 * e;
  return 10 * e;
}

static guint
decimals_for_step (double step)
{
  double d;

  if (!(step > 0))
    return 0;
  d = ceil (-log10 (step) - 1e-9);
  return (guint) CLAMP (d, 0, 9);
}

static char *
format_tick (double value,
             double step)
{
  /* no "-0" */
  if (fabs (value) < step * 1e-6)
    value = 0;
  return g_strdup_printf ("%.*f", (int) decimals_for_step (step), value);
}


/* --- grid and axes ------------------------------------------------------- */

typedef struct
{
  Unit   unit;
  double step;       /* in axis units */
  double first;      /* first tick, in axis units */
  guint  n;
} Ticks;

/* The next smaller of 1, 2 and 5 times a power of ten. */
static double
smaller_nice_step (double step)
{
  double e = pow (10, floor (log10 (step) + 1e-9));
  double f = step / e;

  return f > 4.999 ? 2 * e : f > 1.999 ? e : e / 2;
}

/* Ticks about spacing_px apart, at least `at_least` of them. */
static void
ticks_for (double  lo,
           double  hi,
           double  length_px,
           double  spacing_px,
           double  at_least,
           Ticks  *ticks)
{
  double span = hi - lo;
  double target = MAX (at_least, floor (length_px / spacing_px));
  guint attempt;

  ticks->step = nice_step (span / target);
  /* the step below, when its ticks are still three quarters of the
   * spacing apart: not up to twice and a half as far apart as asked */
  if (ticks->step > 0 && span > 0)
    {
      double smaller = smaller_nice_step (ticks->step);

      if (length_px * smaller / span >= 0.75 * spacing_px)
        ticks->step = smaller;
    }
  for (attempt = 0; attempt < 4; attempt++)
    {
      ticks->first = ceil (lo / ticks->step - 1e-9) * ticks->step;
      ticks->n = 0;
      if (ticks->step > 0 && span > 0)
        ticks->n = (guint) MIN (floor ((hi - ticks->first) / ticks->step + 1e-9) + 1, 200.0);
      if (ticks->n >= at_least || !(ticks->step > 0))
        break;

      /* rounded up too far for `at_least` (a 43 ms range in steps of 50) */
      ticks->step = smaller_nice_step (ticks->step);
    }
}

char *
_hs_graph_value_axis_title (HsGraphValueKind  kind,
                            const char       *unit)
{
  switch (kind)
    {
    case HS_GRAPH_VALUE_SEQ:
      /* Translators: the value axis of a time-sequence graph; %s is a unit, "KiB" */
      return g_strdup_printf (_("Relative sequence number (%s)"), unit);
    case HS_GRAPH_VALUE_BITRATE:
      /* Translators: the value axis of the throughput graph; %s is a unit, "Mbit/s" */
      return g_strdup_printf (_("Throughput (%s)"), unit);
    case HS_GRAPH_VALUE_SECONDS:
      /* Translators: the value axis of the RTT graph; %s is a unit, "ms" */
      return g_strdup_printf (_("Round-trip time (%s)"), unit);
    case HS_GRAPH_VALUE_BYTES:
    default:
      /* Translators: the value axis of the window graph; %s is a unit, "KiB" */
      return g_strdup_printf (_("Window and bytes in flight (%s)"), unit);
    }
}

void
_hs_graph_paint_grid (Painter *p,
                      gboolean time_labels,
                      double   label_top,
                      double   label_bottom)
{
  cairo_t *cr = p->cr;
  const HsGraphMap *m = &p->map;
  HsGraph *graph = p->graph;
  Ticks xt, yt;
  double label_w = 0;
  double label_h, title_h;
  gboolean time_labels_fit;
  guint attempt;
  guint i;

  /* time: labels at least their width apart */
  time_unit (m->t0, m->t1, &xt.unit);
  ticks_for ((double) m->t0 / xt.unit.factor, (double) m->t1 / xt.unit.factor, m->width, 100, 1,
             &xt);
  for (attempt = 0; attempt < 6 && xt.n > 1; attempt++)
    {
      g_autofree char *a = format_tick (xt.first, xt.step);
      g_autofree char *b = format_tick (xt.first + (xt.n - 1) * xt.step, xt.step);
      double wa, wb;

      _hs_ink_measure (&p->ink, FONT_TICK, a, 0, &wa, NULL);
      _hs_ink_measure (&p->ink, FONT_TICK, b, 0, &wb, NULL);
      label_w = MAX (wa, wb);
      if (xt.step * m->width / ((double) (m->t1 - m->t0) / xt.unit.factor) >= label_w + 16)
        break;
      ticks_for ((double) m->t0 / xt.unit.factor, (double) m->t1 / xt.unit.factor, m->width,
                 100 * (attempt + 2), 1, &xt);
    }

  _hs_graph_value_unit (graph->value_kind, m->v0, m->v1, &yt.unit);
  /* a pane of two directions is short: two values at least, to read it by */
  ticks_for (m->v0 / yt.unit.factor, m->v1 / yt.unit.factor, m->height, 48,
             m->height >= 60 ? 2 : 1, &yt);

  /* the grid */
  cairo_save (cr);
  cairo_translate (cr, m->x, m->y);
  cairo_set_line_width (cr, 1.0);
  _hs_set_color (cr, &p->palette->grid);
  for (i = 0; i < xt.n; i++)
    {
      double v = xt.first + i * xt.step;
      double x = floor (m->pad + ((v * xt.unit.factor) - (double) m->t0) * m->x_scale) + 0.5;

      if (x < 0 || x > m->width)
        continue;
      cairo_move_to (cr, x, 0);
      cairo_line_to (cr, x, m->height);
    }
  for (i = 0; i < yt.n; i++)
    {
      double v = (yt.first + i * yt.step) * yt.unit.factor;
      double y = floor (hs_graph_map_y (m, v)) + 0.5;

      if (y < 0 || y > m->height + 0.5)
        continue;
      cairo_move_to (cr, 0, y);
      cairo_line_to (cr, m->width, y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);

  /* time tick labels and ticks, under the last pane (a tiny drawing may
   * have no room for them, nor for the axis titles) */
  _hs_ink_measure (&p->ink, FONT_TICK, "0", 0, NULL, &label_h);
  _hs_ink_measure (&p->ink, FONT_AXIS, "0", 0, NULL, &title_h);
  time_labels_fit = m->y + m->height + 6 + label_h <= p->height;
  for (i = 0; time_labels && time_labels_fit && i < xt.n; i++)
    {
      double v = xt.first + i * xt.step;
      double x = floor (m->pad + ((v * xt.unit.factor) - (double) m->t0) * m->x_scale) + 0.5;
      g_autofree char *text = NULL;

      if (x < 0 || x > m->width)
        continue;
      text = format_tick (v, xt.step);
      _hs_set_color_alpha (cr, &p->palette->dim, 0.6);
      cairo_move_to (cr, m->x + x, m->y + m->height);
      cairo_line_to (cr, m->x + x, m->y + m->height + 4);
      cairo_stroke (cr);
      _hs_ink_text (&p->ink, FONT_TICK, text, m->x + x, m->y + m->height + 6, 0, HS_INK_CENTER,
                    &p->palette->dim);
    }

  /* value tick labels, those that stay between label_top and label_bottom
   * (not over the next pane's) */
  for (i = 0; i < yt.n; i++)
    {
      double v = (yt.first + i * yt.step) * yt.unit.factor;
      double y = floor (hs_graph_map_y (m, v)) + 0.5;
      g_autofree char *text = NULL;
      double w, h;

      if (y < 0 || y > m->height + 0.5)
        continue;
      text = format_tick (yt.first + i * yt.step, yt.step);
      _hs_ink_measure (&p->ink, FONT_TICK, text, 0, &w, &h);
      if (m->y + y - h / 2 < label_top || m->y + y + h / 2 > label_bottom || w > m->x - 24)
        continue;
      _hs_set_color_alpha (cr, &p->palette->dim, 0.6);
      cairo_move_to (cr, m->x - 4, m->y + y);
      cairo_line_to (cr, m->x, m->y + y);
      cairo_stroke (cr);
      _hs_ink_text (&p->ink, FONT_TICK, text, m->x - 7, m->y + y - h / 2, m->x - 24, HS_INK_RIGHT,
                    &p->palette->dim);
    }

  /* axis titles, with their units: the value's along the pane, whole if
   * it fits (in every pane), else its unit alone */
  if (m->x >= 60)
    {
      g_autofree char *y_title = _hs_graph_value_axis_title (graph->value_kind, yt.unit.unit);

      _hs_graph_ink_text_vertical (&p->ink, FONT_AXIS, p->short_titles ? yt.unit.unit : y_title,
                                   MAX (10.0, m->x - 60), m->y + m->height / 2, m->height,
                                   &p->palette->dim);
    }
  if (time_labels && m->y + m->height + 24 + title_h <= p->height)
    {
      /* Translators: the time axis of a graph; %s is a unit, "s" or "ms" */
      g_autofree char *x_title = g_strdup_printf (_("Time since the first packet (%s)"),
                                                  xt.unit.unit);

      _hs_ink_text (&p->ink, FONT_AXIS, x_title, m->x + m->width / 2, m->y + m->height + 24,
                    m->width, HS_INK_CENTER, &p->palette->dim);
    }
}

/* The axis lines of the pane; with two panes, the value axis in the
 * colour of the pane's direction. */
void
_hs_graph_paint_axes (Painter *p)
{
  cairo_t *cr = p->cr;
  const HsGraphMap *m = &p->map;

  _hs_set_color_alpha (cr, &p->palette->dim, 0.7);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, m->x - 0.5, m->y);
  cairo_line_to (cr, m->x - 0.5, m->y + m->height + 0.5);
  cairo_line_to (cr, m->x + m->width, m->y + m->height + 0.5);
  cairo_stroke (cr);

  if (p->graph->n_panes > 1)
    {
      _hs_set_color (cr, &p->palette->series[MIN (p->graph->pane_dir[p->pane], 1)]);
      cairo_set_line_width (cr, 2.0);
      cairo_move_to (cr, m->x - 1, m->y);
      cairo_line_to (cr, m->x - 1, m->y + m->height);
      cairo_stroke (cr);
    }
}
