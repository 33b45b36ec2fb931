/* hs-graph-viewport.c
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Where a graph is drawn and what it shows: the extent, the view (zoom
 * and pan, per pane), the layout of a drawing and the mapping between
 * pixels and data, the hit test and the readout. */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "hs-explain.h"
#include "hs-graph-impl.h"

/* Where the plot lies in a drawing: room for the tick labels and the axis
 * titles on the left and below, for the warning and the legend above, and
 * between two panes for the tick labels at their edges. */
#define MARGIN_LEFT    74.0
#define MARGIN_RIGHT   20.0
#define MARGIN_TOP     14.0
#define MARGIN_BOTTOM  50.0
#define WARNING_TOP    8.0
#define LEGEND_TOP     4.0
#define PANE_GAP       20.0
#define MIN_PLOT_HEIGHT 100.0


/* ------------------------------------------------------------------------ */
/* Extent and view                                                           */

void
hs_graph_get_extent (HsGraph *self,
                     gint64  *t0_ns,
                     gint64  *t1_ns,
                     double  *v0,
                     double  *v1)
{
  g_return_if_fail (self != NULL);

  if (t0_ns != NULL)
    *t0_ns = self->ext_t0;
  if (t1_ns != NULL)
    *t1_ns = self->ext_t1;
  hs_graph_get_pane_extent (self, 0, v0, v1);
}

void
hs_graph_get_pane_extent (HsGraph *self,
                          guint    pane,
                          double  *v0,
                          double  *v1)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (pane < HS_GRAPH_MAX_PANES);

  if (v0 != NULL)
    *v0 = self->ext_v0[pane];
  if (v1 != NULL)
    *v1 = self->ext_v1[pane];
}

static double
min_value_span (HsGraph *self,
                guint    pane)
{
  return MAX ((self->ext_v1[pane] - self->ext_v0[pane]) * 1e-7, 1e-12);
}

/* The time shown: at least 1 µs, at most the extent, inside it. */
static void
set_time (HsGraph *self,
          gint64   t0_ns,
          gint64   t1_ns)
{
  gint64 ext_span;
  gint64 span;

  if (t1_ns < t0_ns)
    {
      gint64 tmp = t0_ns;

      t0_ns = t1_ns;
      t1_ns = tmp;
    }

  ext_span = self->ext_t1 - self->ext_t0;
  span = CLAMP (t1_ns - t0_ns, MIN (MIN_TIME_SPAN, ext_span), ext_span);
  if (span != t1_ns - t0_ns)
    {
      gint64 mid = t0_ns + (t1_ns - t0_ns) / 2;

      t0_ns = mid - span / 2;
    }
  t0_ns = CLAMP (t0_ns, self->ext_t0, self->ext_t1 - span);
  self->view_t0 = t0_ns;
  self->view_t1 = t0_ns + span;
}

/* The values shown in a pane, alike inside its extent. */
static void
set_values (HsGraph *self,
            guint    pane,
            double   v0,
            double   v1)
{
  double ext_vspan;
  double vspan;

  if (v1 < v0)
    {
      double tmp = v0;

      v0 = v1;
      v1 = tmp;
    }
  if (!isfinite (v0) || !isfinite (v1))
    {
      v0 = self->ext_v0[pane];
      v1 = self->ext_v1[pane];
    }

  ext_vspan = self->ext_v1[pane] - self->ext_v0[pane];
  vspan = CLAMP (v1 - v0, MIN (min_value_span (self, pane), ext_vspan), ext_vspan);
  if (vspan != v1 - v0)
    v0 = (v0 + v1) / 2 - vspan / 2;
  v0 = CLAMP (v0, self->ext_v0[pane], self->ext_v1[pane] - vspan);
  self->view_v0[pane] = v0;
  self->view_v1[pane] = v0 + vspan;
}

void
hs_graph_set_view (HsGraph *self,
                   gint64   t0_ns,
                   gint64   t1_ns,
                   double   v0,
                   double   v1)
{
  g_return_if_fail (self != NULL);

  set_time (self, t0_ns, t1_ns);
  set_values (self, 0, v0, v1);
}

void
hs_graph_get_view (HsGraph *self,
                   gint64  *t0_ns,
                   gint64  *t1_ns,
                   double  *v0,
                   double  *v1)
{
  g_return_if_fail (self != NULL);

  if (t0_ns != NULL)
    *t0_ns = self->view_t0;
  if (t1_ns != NULL)
    *t1_ns = self->view_t1;
  hs_graph_get_pane_view (self, 0, v0, v1);
}

void
hs_graph_set_pane_view (HsGraph *self,
                        guint    pane,
                        double   v0,
                        double   v1)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (pane < HS_GRAPH_MAX_PANES);

  set_values (self, pane, v0, v1);
}

void
hs_graph_get_pane_view (HsGraph *self,
                        guint    pane,
                        double  *v0,
                        double  *v1)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (pane < HS_GRAPH_MAX_PANES);

  if (v0 != NULL)
    *v0 = self->view_v0[pane];
  if (v1 != NULL)
    *v1 = self->view_v1[pane];
}

void
hs_graph_set_time_range (HsGraph *self,
                         gint64   t0_ns,
                         gint64   t1_ns)
{
  g_return_if_fail (self != NULL);

  set_time (self, t0_ns, t1_ns);
}

void
hs_graph_reset_view (HsGraph *self)
{
  guint pane;

  g_return_if_fail (self != NULL);

  self->view_t0 = self->ext_t0;
  self->view_t1 = self->ext_t1;
  for (pane = 0; pane < HS_GRAPH_MAX_PANES; pane++)
    {
      self->view_v0[pane] = self->ext_v0[pane];
      self->view_v1[pane] = self->ext_v1[pane];
    }
}

gboolean
hs_graph_is_zoomed (HsGraph *self)
{
  guint pane;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->view_t0 != self->ext_t0 || self->view_t1 != self->ext_t1)
    return TRUE;
  for (pane = 0; pane < self->n_panes; pane++)
    {
      double tolerance = 1e-9 * MAX (1.0, fabs (self->ext_v1[pane] - self->ext_v0[pane]));

      if (fabs (self->view_v0[pane] - self->ext_v0[pane]) > tolerance ||
          fabs (self->view_v1[pane] - self->ext_v1[pane]) > tolerance)
        return TRUE;
    }

  return FALSE;
}

void
hs_graph_fit_values (HsGraph *self)
{
  double v0[HS_GRAPH_MAX_PANES];
  double v1[HS_GRAPH_MAX_PANES];
  guint64 visits = 0;
  guint i, pane;

  g_return_if_fail (self != NULL);

  for (pane = 0; pane < HS_GRAPH_MAX_PANES; pane++)
    {
      v0[pane] = G_MAXDOUBLE;
      v1[pane] = -G_MAXDOUBLE;
    }

  for (i = 0; i < self->tracks->len; i++)
    {
      const HsGraphTrack *track = g_ptr_array_index (self->tracks, i);
      guint first = _hs_graph_track_lower_bound (track, self->view_t0);
      guint end = _hs_graph_track_lower_bound (track, self->view_t1 + 1);
      guint imin, imax;

      /* a step or a line comes in from the point before */
      if (first > 0 && (track->style == HS_GRAPH_STYLE_STEP ||
                        track->style == HS_GRAPH_STYLE_LINE))
        first--;
      if (end <= first)
        continue;
      _hs_graph_track_range (track, first, end, &imin, &imax, &visits);
      v0[track->pane] = MIN (v0[track->pane], track->lo[imin]);
      v1[track->pane] = MAX (v1[track->pane], _hs_graph_track_hi (track, imax));
    }

  for (pane = 0; pane < self->n_panes; pane++)
    {
      double span;

      if (v0[pane] > v1[pane])
        continue;

      span = MAX (v1[pane] - v0[pane], min_value_span (self, pane) * 10);
      if (self->value_kind == HS_GRAPH_VALUE_SEQ)
        set_values (self, pane, v0[pane] - span * 0.04, v1[pane] + span * 0.06);
      else
        set_values (self, pane, MIN (self->ext_v0[pane], 0.0), v1[pane] + span * 0.08);
    }
}

void
_hs_graph_get_layout (HsGraph       *self,
                      double         width,
                      double         height,
                      HsGraphLayout *layout)
{
  double top = MARGIN_TOP;
  double left = MARGIN_LEFT;
  double bottom = MARGIN_BOTTOM;
  double right = MARGIN_RIGHT;
  double warning = 0;
  double warning_band = 0;
  double legend = 0;
  double k = 1;
  double y;

  /* a tiny drawing keeps most of itself for the plot (and goes without
   * the labels that then have no room) */
  if (width < 2 * (left + right))
    {
      left = width / 4 * left / (left + right);
      right = width / 4 - left;
    }

  /* the warning's band, as high as its lines wrapped across the plot's
   * width (measured once for a width) */
  if (self->warning != NULL)
    {
      double text_width = MAX (1.0, width - left - right - WARNING_TEXT_INSET);

      if (self->warning_text_height <= 0 || self->warning_width != text_width)
        {
          self->warning_width = text_width;
          self->warning_text_height = _hs_graph_warning_text_height (self, text_width);
        }
      warning_band = MAX (WARNING_BAND, self->warning_text_height + 10);
      warning = WARNING_TOP + warning_band;
    }

  if (height - (top + warning + bottom) < MIN_PLOT_HEIGHT / 2)
    k = height / 4 / (top + warning + bottom);

  /* the legend's rows, measured once for a width; none when the plot
   * would be left smaller than them, or than MIN_PLOT_HEIGHT */
  if (self->show_legend && self->legend->len > 0 && k == 1)
    {
      double plot;

      if (self->legend_height <= 0 || self->legend_width != width)
        {
          self->legend_width = width;
          self->legend_height = _hs_graph_legend_flow_height (self, width);
        }
      plot = height - warning - top - bottom - self->legend_height - LEGEND_TOP;
      if (plot >= MAX (MIN_PLOT_HEIGHT, self->legend_height))
        legend = self->legend_height + LEGEND_TOP;
    }

  y = 0;
  layout->warning_y = WARNING_TOP * k;
  layout->warning_height = warning_band * k;
  y += warning * k;
  layout->legend_y = y + LEGEND_TOP;
  layout->legend_height = legend > 0 ? legend - LEGEND_TOP : 0;
  y += legend;

  layout->x = left;
  layout->y = y + top * k;
  layout->width = MAX (1.0, width - left - right);
  layout->height = MAX (1.0, height - layout->y - bottom * k);
  layout->n_panes = self->n_panes;
  layout->pane_gap = self->n_panes > 1 ? MIN (PANE_GAP, layout->height / 4) : 0;
  layout->pane_height = MAX (1.0, (layout->height - layout->pane_gap * (self->n_panes - 1)) /
                                  self->n_panes);
}

void
hs_graph_get_plot_area (HsGraph *self,
                        double   width,
                        double   height,
                        double  *x,
                        double  *y,
                        double  *plot_width,
                        double  *plot_height)
{
  HsGraphLayout layout;

  g_return_if_fail (self != NULL);

  _hs_graph_get_layout (self, width, height, &layout);
  if (x != NULL)
    *x = layout.x;
  if (y != NULL)
    *y = layout.y;
  if (plot_width != NULL)
    *plot_width = layout.width;
  if (plot_height != NULL)
    *plot_height = layout.height;
}

void
hs_graph_get_pane_area (HsGraph *self,
                        double   width,
                        double   height,
                        guint    pane,
                        double  *x,
                        double  *y,
                        double  *pane_width,
                        double  *pane_height)
{
  HsGraphMap map;

  g_return_if_fail (self != NULL);
  g_return_if_fail (pane < self->n_panes);

  _hs_graph_get_pane_map (self, width, height, pane, &map);
  if (x != NULL)
    *x = map.x;
  if (y != NULL)
    *y = map.y;
  if (pane_width != NULL)
    *pane_width = map.width;
  if (pane_height != NULL)
    *pane_height = map.height;
}

gboolean
hs_graph_get_warning_area (HsGraph *self,
                           double   width,
                           double   height,
                           double  *x,
                           double  *y,
                           double  *area_width,
                           double  *area_height)
{
  HsGraphLayout layout;

  g_return_val_if_fail (self != NULL, FALSE);

  _hs_graph_get_layout (self, width, height, &layout);
  if (layout.warning_height <= 0)
    return FALSE;
  if (x != NULL)
    *x = layout.x;
  if (y != NULL)
    *y = layout.warning_y;
  if (area_width != NULL)
    *area_width = layout.width;
  if (area_height != NULL)
    *area_height = layout.warning_height;
  return TRUE;
}

guint
hs_graph_pane_at (HsGraph *self,
                  double   width,
                  double   height,
                  double   y)
{
  HsGraphLayout layout;
  guint pane;

  g_return_val_if_fail (self != NULL, G_MAXUINT);

  _hs_graph_get_layout (self, width, height, &layout);
  for (pane = 0; pane < layout.n_panes; pane++)
    {
      double top = layout.y + pane * (layout.pane_height + layout.pane_gap);

      if (y >= top && y <= top + layout.pane_height)
        return pane;
    }

  return G_MAXUINT;
}

void
_hs_graph_get_pane_map (HsGraph    *self,
                        double      width,
                        double      height,
                        guint       pane,
                        HsGraphMap *map)
{
  HsGraphLayout layout;

  _hs_graph_get_layout (self, width, height, &layout);
  pane = MIN (pane, layout.n_panes - 1);
  map->x = layout.x;
  map->y = layout.y + pane * (layout.pane_height + layout.pane_gap);
  map->width = layout.width;
  map->height = layout.pane_height;
  map->t0 = self->view_t0;
  map->t1 = self->view_t1;
  map->v0 = self->view_v0[pane];
  map->v1 = self->view_v1[pane];
  map->pad = MIN (8.0, map->width / 10);
  map->x_scale = (map->width - 2 * map->pad) / (double) MAX (self->view_t1 - self->view_t0, 1);
  map->y_scale = map->height / MAX (map->v1 - map->v0, 1e-300);
}

void
_hs_graph_get_map (HsGraph    *self,
                   double      width,
                   double      height,
                   HsGraphMap *map)
{
  _hs_graph_get_pane_map (self, width, height, 0, map);
}

double
hs_graph_time_to_x (HsGraph *self,
                    double   width,
                    double   height,
                    gint64   t_ns)
{
  HsGraphMap map;

  g_return_val_if_fail (self != NULL, 0);

  _hs_graph_get_map (self, width, height, &map);
  return map.x + hs_graph_map_x (&map, t_ns);
}

gint64
hs_graph_x_to_time (HsGraph *self,
                    double   width,
                    double   height,
                    double   x)
{
  HsGraphMap map;

  g_return_val_if_fail (self != NULL, 0);

  _hs_graph_get_map (self, width, height, &map);
  return (gint64) llround (hs_graph_map_t (&map, x - map.x));
}

/* The pane under y, or the nearest one. */
static guint
nearest_pane (HsGraph *self,
              double   width,
              double   height,
              double   y)
{
  HsGraphLayout layout;
  double middle;

  _hs_graph_get_layout (self, width, height, &layout);
  if (layout.n_panes < 2)
    return 0;
  middle = layout.y + layout.pane_height + layout.pane_gap / 2;
  return y < middle ? 0 : 1;
}

double
hs_graph_value_to_y (HsGraph *self,
                     double   width,
                     double   height,
                     double   value)
{
  return hs_graph_pane_value_to_y (self, width, height, 0, value);
}

double
hs_graph_pane_value_to_y (HsGraph *self,
                          double   width,
                          double   height,
                          guint    pane,
                          double   value)
{
  HsGraphMap map;

  g_return_val_if_fail (self != NULL, 0);

  _hs_graph_get_pane_map (self, width, height, pane, &map);
  return map.y + hs_graph_map_y (&map, value);
}

double
hs_graph_y_to_value (HsGraph *self,
                     double   width,
                     double   height,
                     double   y)
{
  g_return_val_if_fail (self != NULL, 0);

  return hs_graph_pane_y_to_value (self, width, height, nearest_pane (self, width, height, y), y);
}

double
hs_graph_pane_y_to_value (HsGraph *self,
                          double   width,
                          double   height,
                          guint    pane,
                          double   y)
{
  HsGraphMap map;

  g_return_val_if_fail (self != NULL, 0);

  _hs_graph_get_pane_map (self, width, height, pane, &map);
  return map.v0 + (map.height - (y - map.y)) / map.y_scale;
}

void
hs_graph_zoom_at (HsGraph  *self,
                  double    width,
                  double    height,
                  double    x,
                  double    y,
                  double    factor,
                  gboolean  time_only)
{
  HsGraphMap map;
  double rx, fy;
  double t_at;
  double span;
  gint64 t0;
  guint pane;

  g_return_if_fail (self != NULL);

  if (!(factor > 0) || !isfinite (factor))
    return;

  _hs_graph_get_pane_map (self, width, height, nearest_pane (self, width, height, y), &map);
  rx = CLAMP (x - map.x, 0.0, map.width);
  fy = CLAMP ((y - map.y) / map.height, 0.0, 1.0);

  /* the time under the pointer stays under it: t0 moves so that
   * t_at - t0 shrinks by `factor` */
  t_at = hs_graph_map_t (&map, rx);
  span = MAX ((double) (map.t1 - map.t0) / factor, (double) MIN_TIME_SPAN);
  t0 = (gint64) llround (t_at - (t_at - (double) map.t0) * span / (double) (map.t1 - map.t0));
  set_time (self, t0, t0 + (gint64) llround (span));

  /* the value at the pointer's height stays there, in every pane */
  if (time_only)
    return;
  for (pane = 0; pane < self->n_panes; pane++)
    {
      double v0 = self->view_v0[pane];
      double v1 = self->view_v1[pane];
      double v_at = v1 - fy * (v1 - v0);
      double vspan = (v1 - v0) / factor;

      set_values (self, pane, v_at - (1 - fy) * vspan, v_at - (1 - fy) * vspan + vspan);
    }
}

void
hs_graph_pan (HsGraph *self,
              double   width,
              double   height,
              double   dx,
              double   dy)
{
  HsGraphMap map;
  gint64 dt;
  guint pane;

  g_return_if_fail (self != NULL);

  _hs_graph_get_map (self, width, height, &map);
  /* the picture follows the pointer: dragging right shows earlier times */
  dt = (gint64) llround (-dx / map.x_scale);
  set_time (self, map.t0 + dt, map.t1 + dt);
  for (pane = 0; pane < self->n_panes; pane++)
    {
      double dv;

      _hs_graph_get_pane_map (self, width, height, pane, &map);
      dv = dy / map.y_scale;
      set_values (self, pane, map.v0 + dv, map.v1 + dv);
    }
}

void
hs_graph_zoom_to_area (HsGraph  *self,
                       double    width,
                       double    height,
                       double    x0,
                       double    y0,
                       double    x1,
                       double    y1,
                       gboolean  times,
                       gboolean  values)
{
  guint pane0, pane1;

  g_return_if_fail (self != NULL);

  if (times)
    set_time (self, hs_graph_x_to_time (self, width, height, MIN (x0, x1)),
              hs_graph_x_to_time (self, width, height, MAX (x0, x1)));
  if (!values)
    return;

  pane0 = nearest_pane (self, width, height, y0);
  pane1 = nearest_pane (self, width, height, y1);
  if (pane0 == pane1)
    {
      set_values (self, pane0, hs_graph_pane_y_to_value (self, width, height, pane0, y0),
                  hs_graph_pane_y_to_value (self, width, height, pane0, y1));
      if (!times)
        return;
    }

  /* the other pane, or every pane of a rectangle across them, shows what
   * the new times hold */
  {
    double keep0 = self->view_v0[pane0];
    double keep1 = self->view_v1[pane0];

    hs_graph_fit_values (self);
    if (pane0 == pane1)
      {
        self->view_v0[pane0] = keep0;
        self->view_v1[pane0] = keep1;
      }
  }
}


/* ------------------------------------------------------------------------ */
/* Hit test and readout                                                      */

static double
distance_to_point (const HsGraphTrack *track,
                   const HsGraphMap   *map,
                   guint               i,
                   double              x,
                   double              y)
{
  double px = hs_graph_map_x (map, track->t[i]);
  double y_lo = hs_graph_map_y (map, track->lo[i]);
  double dy;

  if (track->hi != NULL)
    {
      double y_hi = hs_graph_map_y (map, track->hi[i]);

      /* a bar: the distance to the segment y_hi .. y_lo */
      if (y < y_hi)
        dy = y_hi - y;
      else if (y > y_lo)
        dy = y - y_lo;
      else
        dy = 0;
    }
  else
    dy = y - y_lo;

  return hypot (px - x, dy);
}

guint
hs_graph_hit (HsGraph *self,
              double   width,
              double   height,
              double   x,
              double   y,
              double   radius)
{
  HsGraphMap maps[HS_GRAPH_MAX_PANES];
  double best = G_MAXDOUBLE;
  guint best_pos = G_MAXUINT;
  guint i, pane;

  g_return_val_if_fail (self != NULL, G_MAXUINT);

  for (pane = 0; pane < self->n_panes; pane++)
    _hs_graph_get_pane_map (self, width, height, pane, &maps[pane]);

  for (i = 0; i < self->tracks->len; i++)
    {
      const HsGraphTrack *track = g_ptr_array_index (self->tracks, i);
      const HsGraphMap map = maps[track->pane];
      double rx = x - map.x;
      double ry = y - map.y;
      gint64 t_lo, t_hi;
      guint first, end, k;

      if (!track->hittable || track->n == 0)
        continue;
      /* in the track's pane, or about */
      if (rx < -radius || rx > map.width + radius || ry < -radius || ry > map.height + radius)
        continue;

      /* the points within `radius` in time, by binary search; then the
       * nearest of them */
      t_lo = (gint64) floor (hs_graph_map_t (&map, rx - radius));
      t_hi = (gint64) ceil (hs_graph_map_t (&map, rx + radius));
      first = _hs_graph_track_lower_bound (track, t_lo);
      end = _hs_graph_track_lower_bound (track, t_hi + 1);

      for (k = first; k < end; k++)
        {
          double dist;

          if (track->pos[k] == HS_GRAPH_NO_POS)
            continue;
          dist = distance_to_point (track, &map, k, rx, ry);
          /* on a tie the later layer (drawn on top) wins */
          if (dist <= radius && dist <= best)
            {
              best = dist;
              best_pos = track->pos[k];
            }
        }
    }

  return best_pos;
}

gint64
_hs_graph_pos_time (HsGraph *self,
                    guint    pos)
{
  const HsConnection *conn = hs_capture_get_connection (self->capture, self->stream);
  const guint32 *frames;
  guint n;

  frames = hs_capture_get_stream_packets (self->capture, self->stream, &n);
  if (pos >= n)
    return G_MININT64;
  return hs_capture_get_record (self->capture, frames[pos])->ts_ns - conn->first_ts_ns;
}

/* Decimals enough to tell apart values `resolution` apart (within a
 * factor of three: a pixel of readout need not be a digit). */
static guint
decimals_for (double resolution)
{
  double d;

  if (!(resolution > 0))
    return 0;
  d = ceil (-log10 (resolution) - 0.5);
  return (guint) CLAMP (d, 0, 9);
}

char *
_hs_graph_format_time (gint64 t_ns,
                       double resolution_ns)
{
  double v = (double) t_ns / 1e9;

  /* Translators: a time in seconds on a graph, "12.345 s" */
  return g_strdup_printf (_("%.*f s"), (int) decimals_for (resolution_ns / 1e9), v);
}

char *
_hs_graph_format_value (HsGraph *self,
                        double   value,
                        double   resolution)
{
  switch (self->value_kind)
    {
    case HS_GRAPH_VALUE_SEQ:
      {
        g_autofree char *count = hs_format_count ((guint64) llround (fabs (value)));

        /* Translators: a relative sequence number under the pointer: the first
         * %s is a minus sign or nothing, the second the number, "Seq 1,448" */
        return g_strdup_printf (_("Seq %s%s"), value < -0.5 ? "−" : "", count);
      }

    case HS_GRAPH_VALUE_BITRATE:
      {
        double a = fabs (value);
        double div = a >= 1e9 ? 1e9 : a >= 1e6 ? 1e6 : a >= 1e3 ? 1e3 : 1;
        int dec = (int) decimals_for (resolution / div);
        const char *unit = div == 1e9 ? C_("bit rate", "Gbit/s")
                         : div == 1e6 ? C_("bit rate", "Mbit/s")
                         : div == 1e3 ? C_("bit rate", "kbit/s")
                         : C_("bit rate", "bit/s");

        return g_strdup_printf ("%.*f %s", MIN (dec, 3), value / div, unit);
      }

    case HS_GRAPH_VALUE_SECONDS:
      {
        double a = fabs (value);

        if (a >= 10)
          return g_strdup_printf (_("%.*f s"), (int) MIN (decimals_for (resolution), 3), value);
        if (a >= 1e-3 || a == 0)
          /* Translators: a round-trip time, "23.4 ms" */
          return g_strdup_printf (_("%.*f ms"), (int) MIN (decimals_for (resolution * 1e3), 3),
                                  value * 1e3);
        /* Translators: a round-trip time, "850 µs" */
        return g_strdup_printf (_("%.*f µs"), (int) MIN (decimals_for (resolution * 1e6), 3),
                                value * 1e6);
      }

    case HS_GRAPH_VALUE_BYTES:
    default:
      if (value < 0)
        value = 0;
      return g_format_size_full ((guint64) llround (value), G_FORMAT_SIZE_IEC_UNITS);
    }
}

char *
hs_graph_dup_readout (HsGraph *self,
                      double   width,
                      double   height,
                      double   x,
                      double   y)
{
  HsGraphMap map;
  g_autofree char *t = NULL;
  g_autofree char *v = NULL;
  gint64 t_ns;
  double value;
  guint pane;

  g_return_val_if_fail (self != NULL, NULL);

  pane = hs_graph_pane_at (self, width, height, y);
  if (pane == G_MAXUINT)
    return NULL;
  _hs_graph_get_pane_map (self, width, height, pane, &map);
  if (x < map.x || x > map.x + map.width)
    return NULL;

  t_ns = hs_graph_x_to_time (self, width, height, x);
  value = hs_graph_pane_y_to_value (self, width, height, pane, y);
  t = _hs_graph_format_time (t_ns, 1.0 / map.x_scale);
  v = _hs_graph_format_value (self, value, 1.0 / map.y_scale);

  /* Translators: the crosshair's readout: a time and a value, "12.345 s, 64.2 KiB" */
  return g_strdup_printf (_("%s, %s"), t, v);
}
