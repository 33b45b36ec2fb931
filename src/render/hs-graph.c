/* hs-graph.c
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The graphs of one connection: the series of the core (hs-tcp-series.h)
 * turned into tracks (what is drawn, and how), the extent and the view,
 * the mapping between data and pixels, the hit test and the readout.  The
 * painters are in hs-graph-paint.c.
 *
 * A track keeps its points as columns (time, value, packet position) with
 * a min/max tree over blocks of HS_GRAPH_BLOCK points and the time of each
 * block's first point: the decimation of a pixel column (first, least,
 * greatest, last point) then costs a search through the block times and
 * O(log n) nodes, whatever the number of points in the column.  A paint
 * costs O(width × log n), so a million points paint about as fast as a
 * thousand (docs/benchmark.md, "Painting the graphs").
 *
 * Which packets become which tracks:
 *
 *  - Window: for each direction of data d (endpoint d sends, endpoint o
 *    receives), the window o advertises (step line: it holds until the
 *    next one) and the bytes d has in flight (known at each of d's data
 *    segments: a light spike from 0 each, an area where they are dense),
 *    in d's colour.  Periods where o advertises a zero window (from the
 *    packet flagged Zero Window to o's next packet with a window) are
 *    shaded; Window Full (on d's segments, at their bytes in flight) and
 *    Window Update (on o's packets, at the window) are marked.
 *  - Time-sequence: the segments of one direction (bars seq .. seq + len
 *    for tcptrace, a dot at seq for Stevens), the other side's ACK number
 *    and window edge (step lines), SACK blocks (bars) and dup ACKs
 *    (ticks); retransmissions, out-of-order segments, zero-window probes,
 *    SYN, FIN and RST marked.  Sequence numbers are unwrapped (a transfer
 *    of more than 4 GiB goes on upwards).
 *  - Throughput: throughput and goodput of each direction, in bits per
 *    second, with the zero the moving average falls to in an idle gap
 *    longer than the window.
 *  - RTT: the samples of each direction, as dots. */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "hs-explain.h"
#include "hs-graph-private.h"

#define MIN_TIME_SPAN       G_GINT64_CONSTANT (1000)

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

static const char * const kind_names[HS_GRAPH_N_KINDS] = {
  [HS_GRAPH_WINDOW] = "window",
  [HS_GRAPH_TCPTRACE] = "tcptrace",
  [HS_GRAPH_STEVENS] = "stevens",
  [HS_GRAPH_THROUGHPUT] = "throughput",
  [HS_GRAPH_RTT] = "rtt",
};

const char *
hs_graph_kind_to_name (HsGraphKind kind)
{
  g_return_val_if_fail ((guint) kind < HS_GRAPH_N_KINDS, NULL);

  return kind_names[kind];
}

gboolean
hs_graph_kind_from_name (const char  *name,
                         HsGraphKind *kind)
{
  guint i;

  g_return_val_if_fail (kind != NULL, FALSE);

  if (name == NULL)
    return FALSE;

  for (i = 0; i < HS_GRAPH_N_KINDS; i++)
    {
      if (g_ascii_strcasecmp (name, kind_names[i]) == 0)
        {
          *kind = (HsGraphKind) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
hs_graph_kind_get_title (HsGraphKind kind)
{
  switch (kind)
    {
    case HS_GRAPH_WINDOW:
      return _("Window Size");
    case HS_GRAPH_TCPTRACE:
      return _("Time-Sequence (tcptrace)");
    case HS_GRAPH_STEVENS:
      return _("Time-Sequence (Stevens)");
    case HS_GRAPH_THROUGHPUT:
      return _("Throughput");
    case HS_GRAPH_RTT:
      return _("Round-Trip Time");
    case HS_GRAPH_N_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
is_time_sequence (HsGraphKind kind)
{
  return kind == HS_GRAPH_TCPTRACE || kind == HS_GRAPH_STEVENS;
}

/* ------------------------------------------------------------------------ */
/* Tracks                                                                    */

HsGraphTrack *
_hs_graph_track_new (guint    n,
                     gboolean bars)
{
  HsGraphTrack *track = g_new0 (HsGraphTrack, 1);
  guint cap = MAX (n, 1);

  track->capacity = cap;
  track->t = g_new (gint64, cap);
  track->lo = g_new (double, cap);
  track->hi = bars ? g_new (double, cap) : NULL;
  track->pos = g_new (guint32, cap);
  track->line_width = 1.5;
  track->alpha = 1.0;
  track->hittable = TRUE;

  return track;
}

static inline void
track_push (HsGraphTrack *track,
            gint64        t,
            double        lo,
            double        hi,
            guint32       pos)
{
  guint i;

  if (track->n == track->capacity)
    {
      track->capacity = MAX (16, track->capacity * 2);
      track->t = g_renew (gint64, track->t, track->capacity);
      track->lo = g_renew (double, track->lo, track->capacity);
      if (track->hi != NULL)
        track->hi = g_renew (double, track->hi, track->capacity);
      track->pos = g_renew (guint32, track->pos, track->capacity);
    }
  i = track->n++;

  track->t[i] = t;
  track->lo[i] = lo;
  if (track->hi != NULL)
    track->hi[i] = hi;
  track->pos[i] = pos;
}

static inline double
track_hi (const HsGraphTrack *track,
          guint               i)
{
  return track->hi != NULL ? track->hi[i] : track->lo[i];
}

/* The best of two candidates, the earlier index on ties: the result does
 * not depend on the order the nodes are combined in. */
typedef struct
{
  double  v;
  guint32 i;
} Best;

static inline void
take_min (Best    *best,
          double   v,
          guint32  i)
{
  if (v < best->v || (v == best->v && i < best->i))
    {
      best->v = v;
      best->i = i;
    }
}

static inline void
take_max (Best    *best,
          double   v,
          guint32  i)
{
  if (v > best->v || (v == best->v && i < best->i))
    {
      best->v = v;
      best->i = i;
    }
}

typedef struct
{
  gint64  t;
  guint   index;
} TimeIndex;

static int
compare_time_index (gconstpointer a,
                    gconstpointer b)
{
  const TimeIndex *x = a;
  const TimeIndex *y = b;

  if (x->t != y->t)
    return x->t < y->t ? -1 : 1;
  return x->index < y->index ? -1 : (x->index > y->index);
}

/* Stable sort by time, for the few tracks built from records (whose
 * timestamps may go backwards). */
static void
track_sort (HsGraphTrack *track)
{
  TimeIndex *order;
  gint64 *t;
  double *lo;
  double *hi = NULL;
  guint32 *pos;
  guint i;

  for (i = 1; i < track->n; i++)
    {
      if (track->t[i] < track->t[i - 1])
        break;
    }
  if (i >= track->n)
    return;

  order = g_new (TimeIndex, track->n);
  for (i = 0; i < track->n; i++)
    {
      order[i].t = track->t[i];
      order[i].index = i;
    }
  qsort (order, track->n, sizeof *order, compare_time_index);

  t = g_new (gint64, track->n);
  lo = g_new (double, track->n);
  pos = g_new (guint32, track->n);
  if (track->hi != NULL)
    hi = g_new (double, track->n);
  for (i = 0; i < track->n; i++)
    {
      guint k = order[i].index;

      t[i] = track->t[k];
      lo[i] = track->lo[k];
      pos[i] = track->pos[k];
      if (hi != NULL)
        hi[i] = track->hi[k];
    }

  g_free (track->t);
  g_free (track->lo);
  g_free (track->pos);
  g_free (track->hi);
  track->t = t;
  track->lo = lo;
  track->pos = pos;
  track->hi = hi;
  g_free (order);
}

void
_hs_graph_track_finish (HsGraphTrack *track)
{
  guint cap = MAX (track->n, 1);
  guint size;
  guint total;
  guint level;
  guint j;

  track->t = g_renew (gint64, track->t, cap);
  track->lo = g_renew (double, track->lo, cap);
  if (track->hi != NULL)
    track->hi = g_renew (double, track->hi, cap);
  track->pos = g_renew (guint32, track->pos, cap);
  track->capacity = cap;
  track_sort (track);

  g_clear_pointer (&track->level_start, g_free);
  g_clear_pointer (&track->level_size, g_free);
  g_clear_pointer (&track->node_min, g_free);
  g_clear_pointer (&track->node_max, g_free);
  g_clear_pointer (&track->node_min_v, g_free);
  g_clear_pointer (&track->node_max_v, g_free);
  g_clear_pointer (&track->block_t, g_free);
  track->n_levels = 0;

  if (track->n == 0)
    return;

  /* sizes of the levels */
  size = (track->n + HS_GRAPH_BLOCK - 1) / HS_GRAPH_BLOCK;
  total = 0;
  for (;;)
    {
      track->n_levels++;
      total += size;
      if (size == 1)
        break;
      size = (size + 1) / 2;
    }

  track->level_start = g_new (guint, track->n_levels);
  track->level_size = g_new (guint, track->n_levels);
  track->node_min = g_new (guint32, total);
  track->node_max = g_new (guint32, total);
  track->node_min_v = g_new (double, total);
  track->node_max_v = g_new (double, total);

  size = (track->n + HS_GRAPH_BLOCK - 1) / HS_GRAPH_BLOCK;
  total = 0;
  for (level = 0; level < track->n_levels; level++)
    {
      track->level_start[level] = total;
      track->level_size[level] = size;
      total += size;
      size = (size + 1) / 2;
    }

  /* level 0: the blocks */
  track->block_t = g_new (gint64, track->level_size[0]);
  for (j = 0; j < track->level_size[0]; j++)
    {
      guint32 first = j * HS_GRAPH_BLOCK;
      guint32 end = MIN (track->n, first + HS_GRAPH_BLOCK);
      Best bmin = { track->lo[first], first };
      Best bmax = { track_hi (track, first), first };
      guint32 i;

      for (i = first + 1; i < end; i++)
        {
          take_min (&bmin, track->lo[i], i);
          take_max (&bmax, track_hi (track, i), i);
        }
      track->node_min[j] = bmin.i;
      track->node_min_v[j] = bmin.v;
      track->node_max[j] = bmax.i;
      track->node_max_v[j] = bmax.v;
      track->block_t[j] = track->t[first];
    }

  for (level = 1; level < track->n_levels; level++)
    {
      guint below = track->level_start[level - 1];
      guint here = track->level_start[level];
      guint below_size = track->level_size[level - 1];

      for (j = 0; j < track->level_size[level]; j++)
        {
          guint a = below + 2 * j;
          Best bmin = { track->node_min_v[a], track->node_min[a] };
          Best bmax = { track->node_max_v[a], track->node_max[a] };

          if (2 * j + 1 < below_size)
            {
              take_min (&bmin, track->node_min_v[a + 1], track->node_min[a + 1]);
              take_max (&bmax, track->node_max_v[a + 1], track->node_max[a + 1]);
            }
          track->node_min[here + j] = bmin.i;
          track->node_min_v[here + j] = bmin.v;
          track->node_max[here + j] = bmax.i;
          track->node_max_v[here + j] = bmax.v;
        }
    }
}

void
_hs_graph_track_free (HsGraphTrack *track)
{
  if (track == NULL)
    return;

  g_free (track->t);
  g_free (track->lo);
  g_free (track->hi);
  g_free (track->pos);
  g_free (track->level_start);
  g_free (track->level_size);
  g_free (track->node_min);
  g_free (track->node_max);
  g_free (track->node_min_v);
  g_free (track->node_max_v);
  g_free (track->block_t);
  g_free (track);
}

void
_hs_graph_track_range (const HsGraphTrack *track,
                       guint               first,
                       guint               end,
                       guint              *imin,
                       guint              *imax,
                       guint64            *visits)
{
  Best bmin = { track->lo[first], first };
  Best bmax = { track_hi (track, first), first };
  guint ja, jb;
  guint l, r;
  guint level;
  guint i;

  g_assert (first < end && end <= track->n);

  ja = (first + HS_GRAPH_BLOCK - 1) / HS_GRAPH_BLOCK;
  jb = end / HS_GRAPH_BLOCK;

  if (ja >= jb || track->n_levels == 0)
    {
      for (i = first + 1; i < end; i++)
        {
          take_min (&bmin, track->lo[i], i);
          take_max (&bmax, track_hi (track, i), i);
        }
      *visits += end - first;
      *imin = bmin.i;
      *imax = bmax.i;
      return;
    }

  /* the loose points at both ends, then the whole blocks */
  for (i = first + 1; i < ja * HS_GRAPH_BLOCK; i++)
    {
      take_min (&bmin, track->lo[i], i);
      take_max (&bmax, track_hi (track, i), i);
    }
  for (i = jb * HS_GRAPH_BLOCK; i < end; i++)
    {
      take_min (&bmin, track->lo[i], i);
      take_max (&bmax, track_hi (track, i), i);
    }
  *visits += ja * HS_GRAPH_BLOCK - first + end - jb * HS_GRAPH_BLOCK;

  l = ja;
  r = jb;
  level = 0;
  while (l < r)
    {
      guint base = track->level_start[level];

      if (l & 1)
        {
          take_min (&bmin, track->node_min_v[base + l], track->node_min[base + l]);
          take_max (&bmax, track->node_max_v[base + l], track->node_max[base + l]);
          (*visits)++;
          l++;
        }
      if (r & 1)
        {
          r--;
          take_min (&bmin, track->node_min_v[base + r], track->node_min[base + r]);
          take_max (&bmax, track->node_max_v[base + r], track->node_max[base + r]);
          (*visits)++;
        }
      l >>= 1;
      r >>= 1;
      level++;
    }

  *imin = bmin.i;
  *imax = bmax.i;
}

guint
_hs_graph_track_lower_bound (const HsGraphTrack *track,
                             gint64              t)
{
  guint lo = 0;
  guint hi = track->n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (track->t[mid] < t)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* The least time whose plot x is >= limit: x grows with t, so that
 * "x >= limit" is "t >= threshold", compared on integers. */
static gint64
time_threshold (const HsGraphMap *map,
                double            limit)
{
  double guess = ceil (hs_graph_map_t (map, limit));
  gint64 t;

  if (guess >= (double) G_MAXINT64 / 2)
    return G_MAXINT64 / 2;
  if (guess <= (double) G_MININT64 / 2)
    return G_MININT64 / 2;

  /* the float guess may be a step off either way */
  t = (gint64) guess;
  while (hs_graph_map_x (map, t) < limit)
    t++;
  while (hs_graph_map_x (map, t - 1) >= limit)
    t--;

  return t;
}

guint
_hs_graph_track_seek_x (const HsGraphTrack *track,
                        const HsGraphMap   *map,
                        guint               first,
                        guint               end,
                        double              limit,
                        guint64            *visits)
{
  gint64 threshold;
  guint n_blocks;
  guint lo, hi, step, b, i, stop;

  if (first >= end)
    return end;
  (*visits)++;
  threshold = time_threshold (map, limit);
  if (track->t[first] >= threshold)
    return first;

  /* the first block after first's whose first point is at the threshold
   * or beyond (blocks that start at or after `end` count as beyond) */
  n_blocks = (end + HS_GRAPH_BLOCK - 1) / HS_GRAPH_BLOCK;
  b = first / HS_GRAPH_BLOCK + 1;
  lo = b;
  hi = b;
  step = 1;
  while (hi < n_blocks && track->block_t[hi] < threshold)
    {
      (*visits)++;
      lo = hi + 1;
      hi = b + step;
      step *= 2;
    }
  hi = MIN (hi, n_blocks);
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      (*visits)++;
      if (track->block_t[mid] < threshold)
        lo = mid + 1;
      else
        hi = mid;
    }

  /* the answer is in the block before that one, or is its first point */
  stop = MIN (end, lo * HS_GRAPH_BLOCK);
  for (i = MAX (first + 1, (lo - 1) * HS_GRAPH_BLOCK); i < stop; i++)
    {
      (*visits)++;
      if (track->t[i] >= threshold)
        return i;
    }

  return stop;
}

static void
append_index (GArray  *out,
              guint32  index)
{
  g_array_append_val (out, index);
}

void
_hs_graph_track_decimate (const HsGraphTrack *track,
                          const HsGraphMap   *map,
                          GArray             *out,
                          guint64            *visits)
{
  double n_cols = ceil (map->width);
  guint first, end;
  guint i;

  if (track->n == 0)
    return;

  first = _hs_graph_track_seek_x (track, map, 0, track->n, 0, visits);
  end = _hs_graph_track_seek_x (track, map, first, track->n, n_cols, visits);

  if (first > 0)
    append_index (out, first - 1);

  i = first;
  while (i < end)
    {
      double col = floor (hs_graph_map_x (map, track->t[i]));
      guint next = _hs_graph_track_seek_x (track, map, i, end, col + 1, visits);
      guint32 idx[4];
      guint n_idx = 0;
      guint k, m;

      guint imin, imax;

      _hs_graph_track_range (track, i, next, &imin, &imax, visits);
      idx[n_idx++] = i;
      idx[n_idx++] = MIN (imin, imax);
      idx[n_idx++] = MAX (imin, imax);
      idx[n_idx++] = next - 1;
      for (k = 0; k < n_idx; k++)
        {
          gboolean seen = FALSE;

          for (m = 0; m < k; m++)
            seen |= idx[m] == idx[k];
          if (!seen)
            append_index (out, idx[k]);
        }
      i = next;
    }

  if (end < track->n)
    append_index (out, end);
}

/* ------------------------------------------------------------------------ */
/* Decimation of plain points                                                */

guint
hs_graph_decimate (const HsGraphPoint *points,
                   guint               n,
                   HsGraphPoint       *out)
{
  guint written = 0;
  guint i = 0;

  g_return_val_if_fail (n == 0 || points != NULL, 0);
  g_return_val_if_fail (n == 0 || out != NULL, 0);

  while (i < n)
    {
      double col = floor (points[i].x);
      guint imin = i;
      guint imax = i;
      guint end = i + 1;
      guint idx[4];
      HsGraphPoint keep[4];
      guint n_keep = 0;
      guint k, m;

      while (end < n && floor (points[end].x) == col)
        {
          if (points[end].y < points[imin].y)
            imin = end;
          if (points[end].y > points[imax].y)
            imax = end;
          end++;
        }

      idx[0] = i;
      idx[1] = MIN (imin, imax);
      idx[2] = MAX (imin, imax);
      idx[3] = end - 1;
      for (k = 0; k < 4; k++)
        {
          gboolean seen = FALSE;

          for (m = 0; m < k; m++)
            seen |= idx[m] == idx[k];
          if (!seen)
            keep[n_keep++] = points[idx[k]];
        }

      /* `out` may be `points`: what is written lies before what is read */
      for (k = 0; k < n_keep; k++)
        out[written++] = keep[k];
      i = end;
    }

  return written;
}

/* ------------------------------------------------------------------------ */
/* Formats                                                                   */

/* ------------------------------------------------------------------------ */
/* Building the tracks                                                       */

static int
style_layer (HsGraphStyle style)
{
  switch (style)
    {
    case HS_GRAPH_STYLE_STEP:
    case HS_GRAPH_STYLE_LINE:
      return 1;
    case HS_GRAPH_STYLE_BARS:
      return 2;
    case HS_GRAPH_STYLE_DOTS:
      return 3;
    case HS_GRAPH_STYLE_MARKS:
    case HS_GRAPH_STYLE_BAND:
    default:
      return 4;
    }
}

static HsGraphTrack *
add_track (HsGraph      *self,
           HsGraphTrack *track,
           HsGraphStyle  style,
           HsGraphColor  color,
           guint         dir)
{
  _hs_graph_track_finish (track);
  track->style = style;
  track->color = color;
  track->dir = dir;
  track->layer = style_layer (style);
  g_ptr_array_add (self->tracks, track);
  self->n_points += track->n;

  return track;
}

static HsGraphTrack *
track_from_series (const HsSeries *series,
                   double          scale)
{
  HsGraphTrack *track = _hs_graph_track_new (series->n, FALSE);
  guint i;

  for (i = 0; i < series->n; i++)
    track_push (track, series->points[i].t_ns, series->points[i].value * scale, 0,
                series->points[i].pos);

  return track;
}

static HsGraphColor
series_color (guint dir)
{
  HsGraphColor c = { HS_GRAPH_COLOR_SERIES, dir };

  return c;
}

static HsGraphColor
anomaly_color (HsAnomalyClass klass)
{
  HsGraphColor c = { HS_GRAPH_COLOR_ANOMALY, klass };

  return c;
}

static HsGraphLegendItem *
legend_add (HsGraph           *self,
            HsGraphLegendKind  kind,
            HsGraphStyle       style,
            HsGraphShape       shape,
            HsGraphColor       color,
            const char        *label)
{
  HsGraphLegendItem *item = g_new0 (HsGraphLegendItem, 1);

  item->kind = kind;
  item->style = style;
  item->shape = shape;
  item->color = color;
  item->alpha = 1.0;
  item->label = g_strdup (label);
  g_ptr_array_add (self->legend, item);

  return item;
}

static void
legend_item_free (gpointer data)
{
  HsGraphLegendItem *item = data;

  g_free (item->label);
  g_free (item);
}

static void
legend_heading (HsGraph *self,
                guint    dir)
{
  HsGraphColor c = series_color (dir);

  legend_add (self, HS_GRAPH_LEGEND_HEADING, HS_GRAPH_STYLE_LINE, HS_GRAPH_SHAPE_DOT, c,
              self->direction_names[dir]);
}

static gboolean
shows (HsGraph *self,
       guint    dir)
{
  return (self->directions & (1u << dir)) != 0;
}

static const HsPacketRecord *
stream_record (HsGraph       *self,
               const guint32 *frames,
               guint          pos)
{
  const HsPacketRecord *r = hs_capture_get_record (self->capture, frames[pos]);

  return r->decode_status == HS_DECODE_TCP ? r : NULL;
}

static void
set_scale_warning (HsGraph  *self,
                   gboolean  unknown[2])
{
  g_clear_pointer (&self->warning, g_free);

  if (unknown[0] && unknown[1])
    {
      /* Translators: both %s are endpoints, "10.0.0.1:443" */
      self->warning = g_strdup_printf (_("The window scales of %s and %s are unknown: the "
                                         "handshake was not captured, so their windows are "
                                         "shown unscaled."),
                                       self->endpoint_names[0], self->endpoint_names[1]);
    }
  else if (unknown[0] || unknown[1])
    {
      guint side = unknown[0] ? 0 : 1;
      const char *name = self->endpoint_names[side];

      if (self->client_side < 0)
        /* Translators: %s is an endpoint, "10.0.0.1:443" */
        self->warning = g_strdup_printf (_("The window scale of %s is unknown: the handshake "
                                           "was not captured, so its windows are shown "
                                           "unscaled."), name);
      else if ((int) side == self->client_side)
        /* Translators: %s is an endpoint, "10.0.0.1:443" */
        self->warning = g_strdup_printf (_("The window scale of the client (%s) is unknown: "
                                           "the handshake was not captured, so its windows are "
                                           "shown unscaled."), name);
      else
        /* Translators: %s is an endpoint, "10.0.0.1:443" */
        self->warning = g_strdup_printf (_("The window scale of the server (%s) is unknown: "
                                           "the handshake was not captured, so its windows are "
                                           "shown unscaled."), name);
    }
}

static void
build_window (HsGraph *self)
{
  const guint32 *frames;
  const HsConnection *conn = hs_capture_get_connection (self->capture, self->stream);
  HsGraphTrack *full[2];
  HsGraphTrack *update[2];
  gboolean unknown[2] = { FALSE, FALSE };
  gboolean zero_open[2] = { FALSE, FALSE };
  gint64 zero_start[2] = { 0, 0 };
  guint n;
  guint pos;
  guint d, i;

  self->value_kind = HS_GRAPH_VALUE_BYTES;
  frames = hs_capture_get_stream_packets (self->capture, self->stream, &n);

  for (d = 0; d < 2; d++)
    {
      HsSeries series;
      HsGraphTrack *track;
      gboolean scale_unknown = FALSE;

      full[d] = _hs_graph_track_new (0, FALSE);
      update[d] = _hs_graph_track_new (0, FALSE);
      if (!shows (self, d))
        continue;

      /* bytes in flight of d (known at each of its data segments: a spike
       * from 0 each, an area where they are dense), under the window the
       * other side advertises */
      hs_series_bytes_in_flight (self->capture, self->stream, d, &series);
      track = _hs_graph_track_new (series.n, TRUE);
      for (i = 0; i < series.n; i++)
        track_push (track, series.points[i].t_ns, 0, series.points[i].value,
                    series.points[i].pos);
      track = add_track (self, track, HS_GRAPH_STYLE_BARS, series_color (d), d);
      track->line_width = 1.5;
      track->alpha = 0.45;
      track->layer = 0;
      track->from_zero = TRUE;
      hs_series_clear (&series);

      hs_series_window (self->capture, self->stream, 1 - d, &series, &scale_unknown);
      track = add_track (self, track_from_series (&series, 1.0), HS_GRAPH_STYLE_STEP,
                         series_color (d), d);
      track->line_width = 2.0;
      hs_series_clear (&series);
      unknown[1 - d] |= scale_unknown;
    }

  /* the marks and the zero-window periods, from the records; full[d] and
   * update[d] belong to the data of direction d */
  for (pos = 0; pos < n; pos++)
    {
      const HsPacketRecord *r = stream_record (self, frames, pos);
      guint dir;
      gint64 t;

      if (r == NULL)
        continue;
      dir = r->direction;
      t = r->ts_ns - conn->first_ts_ns;

      if ((r->analysis & HS_ANALYSIS_WINDOW_FULL) && shows (self, dir))
        track_push (full[dir], t, hs_packet_record_bytes_in_flight (r), 0, pos);

      if (r->tcp_flags & HS_TCP_RST)
        continue;

      if ((r->analysis & HS_ANALYSIS_WINDOW_UPDATE) && shows (self, 1 - dir))
        track_push (update[1 - dir], t, hs_packet_record_window (r), 0, pos);

      /* a zero window from `dir` stalls the data of the other direction */
      if (zero_open[dir] && hs_packet_record_window (r) > 0)
        {
          HsGraphBand band = { zero_start[dir], t, 1 - dir };

          g_array_append_val (self->bands[0], band);
          zero_open[dir] = FALSE;
        }
      else if (!zero_open[dir] && (r->analysis & HS_ANALYSIS_ZERO_WINDOW) &&
               shows (self, 1 - dir))
        {
          zero_open[dir] = TRUE;
          zero_start[dir] = t;
        }
    }
  for (d = 0; d < 2; d++)
    {
      if (zero_open[d])
        {
          HsGraphBand band = { zero_start[d], MAX (zero_start[d], self->duration_ns), 1 - d };

          g_array_append_val (self->bands[0], band);
        }
    }

  for (d = 0; d < 2; d++)
    {
      HsGraphTrack *track;

      track = add_track (self, full[d], HS_GRAPH_STYLE_MARKS,
                         anomaly_color (HS_ANOMALY_CLASS_WINDOW), d);
      track->shape = HS_GRAPH_SHAPE_DIAMOND;
      track = add_track (self, update[d], HS_GRAPH_STYLE_MARKS,
                         anomaly_color (HS_ANOMALY_CLASS_WINDOW_UPDATE), d);
      track->shape = HS_GRAPH_SHAPE_TRIANGLE_UP;
    }

  /* the legend: one group per direction, then the marks */
  for (d = 0; d < 2; d++)
    {
      HsGraphLegendItem *item;

      if (!shows (self, d))
        continue;
      legend_heading (self, d);
      legend_add (self, HS_GRAPH_LEGEND_ITEM, HS_GRAPH_STYLE_STEP, HS_GRAPH_SHAPE_DOT,
                  series_color (d), _("Receiver’s window"));
      item = legend_add (self, HS_GRAPH_LEGEND_ITEM, HS_GRAPH_STYLE_BARS, HS_GRAPH_SHAPE_DOT,
                         series_color (d), _("Bytes in flight"));
      item->alpha = 0.45;
    }
  legend_add (self, HS_GRAPH_LEGEND_BREAK, HS_GRAPH_STYLE_LINE, HS_GRAPH_SHAPE_DOT,
              series_color (0), NULL);
  if (self->bands[0]->len > 0)
    legend_add (self, HS_GRAPH_LEGEND_ITEM, HS_GRAPH_STYLE_BAND, HS_GRAPH_SHAPE_DOT,
                anomaly_color (HS_ANOMALY_CLASS_WINDOW), _("Zero window: the sender must wait"));
  if (full[0]->n + full[1]->n > 0)
    legend_add (self, HS_GRAPH_LEGEND_ITEM, HS_GRAPH_STYLE_MARKS, HS_GRAPH_SHAPE_DIAMOND,
                anomaly_color (HS_ANOMALY_CLASS_WINDOW), _("Window full"));
  if (update[0]->n + update[1]->n > 0)
    legend_add (self, HS_GRAPH_LEGEND_ITEM, HS_GRAPH_STYLE_MARKS, HS_GRAPH_SHAPE_TRIANGLE_UP,
                anomaly_color (HS_ANOMALY_CLASS_WINDOW_UPDATE), _("Window update"));

  set_scale_warning (self, unknown);
}

/* Sequence numbers as 64-bit offsets that go on past 2^32 (and below 0 for
 * data sent before the first packet captured). */
typedef struct
{
  gboolean started;
  gint64   last;
} Unwrap;

static gint64
unwrap (Unwrap  *u,
        guint32  value)
{
  if (!u->started)
    {
      u->started = TRUE;
      u->last = (gint32) value;
      return u->last;
    }
  u->last += (gint32) (value - (guint32) u->last);
  return u->last;
}

static gint64
unwrap_near (gint64  ref,
             guint32 value)
{
  return ref + (gint32) (value - (guint32) ref);
}

typedef enum
{
  SEG_PLAIN = 0,
  SEG_RETRANSMISSION,
  SEG_OUT_OF_ORDER,
  SEG_ZERO_WINDOW_PROBE,
  SEG_RST,
  SEG_SYN_FIN,
  N_SEG_KINDS
} SegKind;

typedef enum
{
  MARK_RETRANSMISSION = 0,
  MARK_OUT_OF_ORDER,
  MARK_ZERO_WINDOW_PROBE,
  MARK_SYN,
  MARK_FIN,
  MARK_RST,
  MARK_DUP_ACK,
  N_MARKS
} MarkKind;

static const struct
{
  HsAnomalyClass klass;
  HsGraphShape   shape;
} mark_looks[N_MARKS] = {
  [MARK_RETRANSMISSION] = { HS_ANOMALY_CLASS_RETRANSMISSION, HS_GRAPH_SHAPE_CIRCLE },
  [MARK_OUT_OF_ORDER] = { HS_ANOMALY_CLASS_OUT_OF_ORDER, HS_GRAPH_SHAPE_SQUARE },
  [MARK_ZERO_WINDOW_PROBE] = { HS_ANOMALY_CLASS_WINDOW, HS_GRAPH_SHAPE_DIAMOND },
  [MARK_SYN] = { HS_ANOMALY_CLASS_HANDSHAKE, HS_GRAPH_SHAPE_TRIANGLE_UP },
  [MARK_FIN] = { HS_ANOMALY_CLASS_HANDSHAKE, HS_GRAPH_SHAPE_TRIANGLE_DOWN },
  [MARK_RST] = { HS_ANOMALY_CLASS_RESET, HS_GRAPH_SHAPE_CROSS },
  [MARK_DUP_ACK] = { HS_ANOMALY_CLASS_DUP_ACK, HS_GRAPH_SHAPE_TICK },
};

static const char *
mark_label (MarkKind mark)
{
  switch (mark)
    {
    case MARK_RETRANSMISSION:
      return _("Retransmission");
    case MARK_OUT_OF_ORDER:
      return _("Out of order");
    case MARK_ZERO_WINDOW_PROBE:
      return _("Zero-window probe");
    case MARK_SYN:
      return _("SYN");
    case MARK_FIN:
      return _("FIN");
    case MARK_RST:
      return _("RST");
    case MARK_DUP_ACK:
      return _("Duplicate ACK");
    case N_MARKS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
build_time_sequence (HsGraph *self)
{
  gboolean tcptrace = self->kind == HS_GRAPH_TCPTRACE;
  guint d = self->seq_dir;
  guint o = 1 - d;
  HsSeqSeries seq;
  HsGraphTrack *segs[N_SEG_KINDS];
  HsGraphTrack *marks[N_MARKS];
  HsGraphTrack *ack_line, *win_line, *sack;
  HsGraphTrack *track;
  Unwrap useg = { FALSE, 0 };
  Unwrap uack = { FALSE, 0 };
  gboolean unknown[2] = { FALSE, FALSE };
  const guint32 *frames;
  guint n_sack = 0;
  guint n;
  guint i, k;

  self->value_kind = HS_GRAPH_VALUE_SEQ;
  hs_seq_series_compute (self->capture, self->stream, d, &seq);

  for (k = 0; k < N_SEG_KINDS; k++)
    segs[k] = _hs_graph_track_new (seq.n_segments, tcptrace);
  for (k = 0; k < N_MARKS; k++)
    marks[k] = _hs_graph_track_new (k == MARK_DUP_ACK ? seq.n_acks : seq.n_segments, FALSE);
  for (i = 0; i < seq.n_acks; i++)
    n_sack += seq.acks[i].n_sack;
  ack_line = _hs_graph_track_new (seq.n_acks, FALSE);
  win_line = _hs_graph_track_new (seq.n_acks, FALSE);
  sack = _hs_graph_track_new (n_sack, TRUE);

  for (i = 0; i < seq.n_segments; i++)
    {
      const HsSeqSegment *s = &seq.segments[i];
      double lo = (double) unwrap (&useg, s->seq);
      double hi = lo + s->len;
      double at = tcptrace ? hi : lo;
      SegKind kind = SEG_PLAIN;

      if (s->marks & HS_SEGMENT_RST)
        kind = SEG_RST;
      else if (s->marks & HS_SEGMENT_RETRANSMISSION)
        kind = SEG_RETRANSMISSION;
      else if (s->marks & HS_SEGMENT_OUT_OF_ORDER)
        kind = SEG_OUT_OF_ORDER;
      else if (s->marks & HS_SEGMENT_ZERO_WINDOW_PROBE)
        kind = SEG_ZERO_WINDOW_PROBE;
      else if (s->marks & (HS_SEGMENT_SYN | HS_SEGMENT_FIN))
        kind = SEG_SYN_FIN;
      track_push (segs[kind], s->t_ns, lo, hi, s->pos);

      if (s->marks & HS_SEGMENT_RETRANSMISSION)
        track_push (marks[MARK_RETRANSMISSION], s->t_ns, at, 0, s->pos);
      if (s->marks & HS_SEGMENT_OUT_OF_ORDER)
        track_push (marks[MARK_OUT_OF_ORDER], s->t_ns, at, 0, s->pos);
      if (s->marks & HS_SEGMENT_ZERO_WINDOW_PROBE)
        track_push (marks[MARK_ZERO_WINDOW_PROBE], s->t_ns, at, 0, s->pos);
      if (s->marks & HS_SEGMENT_SYN)
        track_push (marks[MARK_SYN], s->t_ns, lo, 0, s->pos);
      if (s->marks & HS_SEGMENT_FIN)
        track_push (marks[MARK_FIN], s->t_ns, lo, 0, s->pos);
      if (s->marks & HS_SEGMENT_RST)
        track_push (marks[MARK_RST], s->t_ns, lo, 0, s->pos);
    }

  /* ACKs: the ACK number and the window edge, SACK blocks, dup ACKs */
  for (i = 0; i < seq.n_acks; i++)
    {
      const HsSeqAck *a = &seq.acks[i];
      gint64 ack = unwrap (&uack, a->ack);
      guint b;

      track_push (ack_line, a->t_ns, (double) ack, 0, a->pos);
      track_push (win_line, a->t_ns, (double) unwrap_near (ack, a->win_edge), 0, a->pos);
      if (a->dup_ack > 0 && tcptrace)
        track_push (marks[MARK_DUP_ACK], a->t_ns, (double) ack, 0, a->pos);
      for (b = 0; b < a->n_sack; b++)
        track_push (sack, a->t_ns, (double) unwrap_near (ack, a->sack_left[b]),
                    (double) unwrap_near (ack, a->sack_right[b]), a->pos);
    }
  hs_seq_series_clear (&seq);

  /* painting order: the window edge and the ACK line under the segments,
   * the marks on top; Stevens draws the segments alone */
  if (tcptrace)
    {
      track = add_track (self, win_line, HS_GRAPH_STYLE_STEP, series_color (o), o);
      track->dashed = TRUE;
      track->line_width = 1.5;
      track = add_track (self, ack_line, HS_GRAPH_STYLE_STEP, series_color (o), o);
      track->line_width = 1.5;
      track = add_track (self, sack, HS_GRAPH_STYLE_BARS,
                         (HsGraphColor) { HS_GRAPH_COLOR_SACK, 0 }, o);
      track->line_width = 3.0;
    }
  else
    {
      _hs_graph_track_free (win_line);
      _hs_graph_track_free (ack_line);
      _hs_graph_track_free (sack);
      sack = NULL;
    }

  for (k = 0; k < N_SEG_KINDS; k++)
    {
      static const HsAnomalyClass seg_class[N_SEG_KINDS] = {
        [SEG_PLAIN] = HS_ANOMALY_CLASS_NONE,
        [SEG_RETRANSMISSION] = HS_ANOMALY_CLASS_RETRANSMISSION,
        [SEG_OUT_OF_ORDER] = HS_ANOMALY_CLASS_OUT_OF_ORDER,
        [SEG_ZERO_WINDOW_PROBE] = HS_ANOMALY_CLASS_WINDOW,
        [SEG_RST] = HS_ANOMALY_CLASS_RESET,
        [SEG_SYN_FIN] = HS_ANOMALY_CLASS_HANDSHAKE,
      };
      HsGraphColor c = k == SEG_PLAIN ? series_color (d) : anomaly_color (seg_class[k]);

      track = add_track (self, segs[k], tcptrace ? HS_GRAPH_STYLE_BARS : HS_GRAPH_STYLE_DOTS,
                         c, d);
      track->line_width = 1.5;
      track->caps = TRUE;
    }

  for (k = 0; k < N_MARKS; k++)
    {
      track = add_track (self, marks[k], HS_GRAPH_STYLE_MARKS, anomaly_color (mark_looks[k].klass),
                         k == MARK_DUP_ACK ? o : d);
      track->shape = mark_looks[k].shape;
      /* the segment's bar or dot is what a click finds */
      track->hittable = k == MARK_DUP_ACK;
    }

  /* the warning: the window edge needs the other side's scale */
  if (tcptrace)
    {
      frames = hs_capture_get_stream_packets (self->capture, self->stream, &n);
      for (i = 0; i < n; i++)
        {
          const HsPacketRecord *r = stream_record (self, frames, i);

          if (r != NULL && r->direction == o && r->win_scale_state == 1)
            {
              unknown[o] = TRUE;
              break;
            }
        }
      set_scale_warning (self, unknown);
    }

  /* the legend */
  legend_heading (self, d);
  if (tcptrace)
    {
      legend_add (self, HS_GRAPH_LEGEND_ITEM, HS_GRAPH_STYLE_BARS, HS_GRAPH_SHAPE_SQUARE,
                  series_color (d), _("Segment (the bytes it carries)"));
      legend_add (self, HS_GRAPH_LEGEND_ITEM, HS_GRAPH_STYLE_STEP, HS_GRAPH_SHAPE_DOT,
                  series_color (o), _("ACK number (acknowledged so far)"));
      legend_add (self, HS_GRAPH_LEGEND_ITEM, HS_GRAPH_STYLE_STEP, HS_GRAPH_SHAPE_DOT,
                  series_color (o), _("Receive window limit (ACK + window)"))->dashed = TRUE;
      if (sack != NULL && sack->n > 0)
        legend_add (self, HS_GRAPH_LEGEND_ITEM, HS_GRAPH_STYLE_BARS, HS_GRAPH_SHAPE_DOT,
                    (HsGraphColor) { HS_GRAPH_COLOR_SACK, 0 },
                    _("SACK block (received beyond a gap)"));
    }
  else
    legend_add (self, HS_GRAPH_LEGEND_ITEM, HS_GRAPH_STYLE_DOTS, HS_GRAPH_SHAPE_DOT,
                series_color (d), _("Segment (its first byte)"));

  legend_add (self, HS_GRAPH_LEGEND_BREAK, HS_GRAPH_STYLE_LINE, HS_GRAPH_SHAPE_DOT,
              series_color (0), NULL);
  for (k = 0; k < N_MARKS; k++)
    {
      if (marks[k]->n > 0)
        legend_add (self, HS_GRAPH_LEGEND_ITEM, HS_GRAPH_STYLE_MARKS, mark_looks[k].shape,
                    anomaly_color (mark_looks[k].klass), mark_label ((MarkKind) k));
    }
}

/* The smallest of 1, 2 and 5 times a power of ten that is at least `ns`. */
static gint64
round_up_125 (gint64 ns)
{
  gint64 unit = 1;

  while (unit <= G_MAXINT64 / 10 && unit * 10 <= ns)
    unit *= 10;
  if (ns <= unit)
    return unit;
  if (ns <= 2 * unit)
    return 2 * unit;
  if (ns <= 5 * unit)
    return 5 * unit;
  return 10 * unit;
}

/* The average window that fits the connection: about a 50th of its
 * duration, so that the line shows how the rate changes over it, and at
 * least four times the usual gap between its data segments, so that a
 * point averages several of them rather than jumping from one segment to
 * the next.  The usual gap is the median, found in a histogram of powers
 * of two (an idle minute does not count for more than any other gap) and
 * taken at its bucket's top. */
static gint64
choose_average_window (HsGraph *self)
{
  const HsConnection *conn = hs_capture_get_connection (self->capture, self->stream);
  const guint32 *frames;
  guint counts[64] = { 0 };
  gint64 last = G_MININT64;
  gint64 window = self->duration_ns / 50;
  guint n_gaps = 0;
  guint n, pos, b;

  frames = hs_capture_get_stream_packets (self->capture, self->stream, &n);
  for (pos = 0; pos < n; pos++)
    {
      const HsPacketRecord *r = stream_record (self, frames, pos);
      gint64 t;

      if (r == NULL || r->payload_len == 0)
        continue;
      t = r->ts_ns - conn->first_ts_ns;
      if (last != G_MININT64 && t >= last)
        {
          guint64 gap = (guint64) (t - last);

          counts[gap == 0 ? 0 : 64 - __builtin_clzll (gap)]++;
          n_gaps++;
        }
      last = t;
    }

  if (n_gaps > 0)
    {
      guint seen = 0;

      /* the bucket of the median: gaps below 2^b ns (past 2^40 ns, 18
       * minutes, the window is at its longest anyway) */
      for (b = 0; b < 40; b++)
        {
          seen += counts[b];
          if (seen * 2 >= n_gaps)
            break;
        }
      window = MAX (window, 4 * (G_GINT64_CONSTANT (1) << b));
    }

  return CLAMP (round_up_125 (MAX (window, 1)), HS_GRAPH_MIN_AVERAGE_NS, HS_GRAPH_MAX_AVERAGE_NS);
}

/* An average window as the toolbar offers it, "100 µs", "5 ms", "2 s";
 * one that is not a whole number of them as hs_format_duration() says it. */
static char *
format_window (gint64 ns)
{
  if (ns < G_GINT64_CONSTANT (1000000) && ns % 1000 == 0)
    /* Translators: an averaging window of the throughput graph, in
     * microseconds: "100 µs" */
    return g_strdup_printf (_("%.0f µs"), ns / 1e3);
  if (ns < G_GINT64_CONSTANT (1000000000) && ns % G_GINT64_CONSTANT (1000000) == 0)
    /* Translators: an averaging window of the throughput graph, in
     * milliseconds: "100 ms" */
    return g_strdup_printf (_("%.0f ms"), ns / 1e6);
  if (ns % G_GINT64_CONSTANT (1000000000) == 0)
    /* Translators: an averaging window of the throughput graph, in
     * seconds: "10 s" */
    return g_strdup_printf (_("%.0f s"), ns / 1e9);
  return hs_format_duration (ns);
}

static gint64
average_window (HsGraph *self)
{
  return self->average_auto ? hs_graph_get_auto_average_window (self) : self->average_ns;
}

/* Throughput or goodput in bits per second, with the zero the average
 * falls to in a gap longer than the window (and before the first
 * segment). */
static HsGraphTrack *
throughput_track (HsGraph  *self,
                  guint     dir,
                  gboolean  goodput)
{
  HsSeries series;
  HsGraphTrack *track;
  gint64 w = average_window (self);
  guint i;

  hs_series_throughput (self->capture, self->stream, dir, w, goodput, &series);
  track = _hs_graph_track_new (series.n * 3 + 2, FALSE);

  for (i = 0; i < series.n; i++)
    {
      const HsSeriesPoint *p = &series.points[i];

      if (i == 0 || p->t_ns - series.points[i - 1].t_ns > w)
        {
          if (i > 0)
            track_push (track, series.points[i - 1].t_ns + w, 0, 0, HS_GRAPH_NO_POS);
          track_push (track, p->t_ns, 0, 0, HS_GRAPH_NO_POS);
        }
      track_push (track, p->t_ns, p->value * 8, 0, p->pos);
    }
  if (series.n > 0 && series.points[series.n - 1].t_ns + w <= self->duration_ns)
    track_push (track, series.points[series.n - 1].t_ns + w, 0, 0, HS_GRAPH_NO_POS);

  hs_series_clear (&series);
  return track;
}

static void
build_throughput (HsGraph *self)
{
  HsGraphTrack *tracks[2][2];
  g_autofree char *average = NULL;
  g_autofree char *note = NULL;
  guint d;

  self->value_kind = HS_GRAPH_VALUE_BITRATE;

  for (d = 0; d < 2; d++)
    {
      HsGraphTrack *track;

      if (!shows (self, d))
        continue;

      tracks[d][0] = track = add_track (self, throughput_track (self, d, FALSE),
                                        HS_GRAPH_STYLE_LINE, series_color (d), d);
      track->line_width = 2.0;
      tracks[d][1] = track = add_track (self, throughput_track (self, d, TRUE),
                                        HS_GRAPH_STYLE_LINE, series_color (d), d);
      track->line_width = 1.5;
      track->dashed = TRUE;
    }

  for (d = 0; d < 2; d++)
    {
      if (!shows (self, d))
        continue;
      legend_heading (self, d);
      if (tracks[d][0]->n == 0)
        {
          legend_add (self, HS_GRAPH_LEGEND_NOTE, HS_GRAPH_STYLE_LINE, HS_GRAPH_SHAPE_DOT,
                      series_color (d), _("No data sent"));
          continue;
        }
      legend_add (self, HS_GRAPH_LEGEND_ITEM, HS_GRAPH_STYLE_LINE, HS_GRAPH_SHAPE_DOT,
                  series_color (d), _("Throughput"));
      legend_add (self, HS_GRAPH_LEGEND_ITEM, HS_GRAPH_STYLE_LINE, HS_GRAPH_SHAPE_DOT,
                  series_color (d), _("Goodput (without retransmissions)"))->dashed = TRUE;
    }

  average = format_window (average_window (self));
  /* Translators: %s is a duration, "100 ms" */
  note = g_strdup_printf (_("Moving average over %s"), average);
  legend_add (self, HS_GRAPH_LEGEND_BREAK, HS_GRAPH_STYLE_LINE, HS_GRAPH_SHAPE_DOT,
              series_color (0), NULL);
  legend_add (self, HS_GRAPH_LEGEND_NOTE, HS_GRAPH_STYLE_LINE, HS_GRAPH_SHAPE_DOT,
              series_color (0), note);
}

static void
build_rtt (HsGraph *self)
{
  guint d;

  self->value_kind = HS_GRAPH_VALUE_SECONDS;

  for (d = 0; d < 2; d++)
    {
      HsSeries series;
      HsGraphTrack *track;

      if (!shows (self, d))
        continue;

      hs_series_rtt (self->capture, self->stream, d, &series);
      track = add_track (self, track_from_series (&series, 1.0), HS_GRAPH_STYLE_DOTS,
                         series_color (d), d);
      hs_series_clear (&series);

      legend_heading (self, d);
      if (track->n == 0)
        legend_add (self, HS_GRAPH_LEGEND_NOTE, HS_GRAPH_STYLE_DOTS, HS_GRAPH_SHAPE_DOT,
                    series_color (d), _("No round-trip time samples"));
      else
        legend_add (self, HS_GRAPH_LEGEND_ITEM, HS_GRAPH_STYLE_DOTS, HS_GRAPH_SHAPE_DOT,
                    series_color (d), _("RTT sample (when the ACK arrives)"));
    }
}

static int
compare_layers (gconstpointer a,
                gconstpointer b)
{
  const HsGraphTrack *x = *(HsGraphTrack * const *) a;
  const HsGraphTrack *y = *(HsGraphTrack * const *) b;

  return x->layer - y->layer;
}

static int
compare_bands (gconstpointer a,
               gconstpointer b)
{
  const HsGraphBand *x = a;
  const HsGraphBand *y = b;

  return x->t0 < y->t0 ? -1 : (x->t0 > y->t0);
}

/* The extent: the time of the whole connection, and for each pane the
 * values of its tracks (from 0 for sizes, with room above the highest). */
static void
compute_extent (HsGraph *self)
{
  gint64 t0 = 0;
  gint64 t1 = self->duration_ns;
  double v0[HS_GRAPH_MAX_PANES];
  double v1[HS_GRAPH_MAX_PANES];
  guint64 visits = 0;
  guint i, pane;

  for (pane = 0; pane < HS_GRAPH_MAX_PANES; pane++)
    {
      v0[pane] = G_MAXDOUBLE;
      v1[pane] = -G_MAXDOUBLE;
    }

  for (i = 0; i < self->tracks->len; i++)
    {
      const HsGraphTrack *track = g_ptr_array_index (self->tracks, i);
      guint imin, imax;

      if (track->n == 0)
        continue;
      t0 = MIN (t0, track->t[0]);
      t1 = MAX (t1, track->t[track->n - 1]);
      _hs_graph_track_range (track, 0, track->n, &imin, &imax, &visits);
      v0[track->pane] = MIN (v0[track->pane], track->lo[imin]);
      v1[track->pane] = MAX (v1[track->pane], track_hi (track, imax));
    }

  for (pane = 0; pane < HS_GRAPH_MAX_PANES; pane++)
    {
      double lo = v0[pane];
      double hi = v1[pane];

      if (lo > hi)
        {
          lo = 0;
          hi = 1;
        }

      if (self->value_kind == HS_GRAPH_VALUE_SEQ)
        {
          double span = MAX (hi - lo, 1.0);

          lo -= span * 0.02;
          hi += span * 0.04;
        }
      else
        {
          lo = MIN (lo, 0.0);
          hi = hi > lo ? hi + (hi - lo) * 0.08 : lo + 1;
          if (self->value_kind == HS_GRAPH_VALUE_SECONDS && hi - lo < 1e-6)
            hi = lo + 1e-6;
        }
      self->ext_v0[pane] = lo;
      self->ext_v1[pane] = hi;
    }

  if (t1 - t0 < MIN_TIME_SPAN)
    t1 = t0 + MIN_TIME_SPAN;

  self->ext_t0 = t0;
  self->ext_t1 = t1;
}

static void
clear_data (HsGraph *self)
{
  guint pane;

  g_ptr_array_set_size (self->tracks, 0);
  g_ptr_array_set_size (self->legend, 0);
  for (pane = 0; pane < HS_GRAPH_MAX_PANES; pane++)
    {
      g_array_set_size (self->bands[pane], 0);
      g_clear_pointer (&self->band_ends[pane], g_free);
    }
  g_clear_pointer (&self->warning, g_free);
  self->n_points = 0;
  self->n_panes = 1;
  self->legend_height = 0;
  self->warning_text_height = 0;
}

/* Whether a track of direction `dir` has a packet's point. */
static gboolean
has_data (HsGraph *self,
          guint    dir)
{
  guint i, k;

  for (i = 0; i < self->tracks->len; i++)
    {
      const HsGraphTrack *track = g_ptr_array_index (self->tracks, i);

      if (track->dir != dir)
        continue;
      for (k = 0; k < track->n; k++)
        {
          if (track->pos[k] != HS_GRAPH_NO_POS)
            return TRUE;
        }
    }

  return FALSE;
}

/* Both directions of the window, throughput and RTT graphs, when both
 * have data, get a pane each; then the tracks and bands know theirs.  The
 * bands were all put in bands[0]. */
static void
assign_panes (HsGraph *self)
{
  GArray *all = self->bands[0];
  guint first_dir = shows (self, 0) ? 0 : 1;
  guint i, pane;

  self->n_panes = 1;
  self->pane_dir[0] = first_dir;
  self->pane_dir[1] = 1 - first_dir;
  if (!is_time_sequence (self->kind) && self->directions == HS_GRAPH_DIR_BOTH)
    {
      gboolean data[2] = { has_data (self, 0), has_data (self, 1) };

      if (data[0] && data[1])
        {
          self->n_panes = 2;
          self->pane_dir[0] = 0;
          self->pane_dir[1] = 1;
        }
      else if (data[1])
        {
          self->pane_dir[0] = 1;
          self->pane_dir[1] = 0;
        }
    }

  for (i = 0; i < self->tracks->len; i++)
    {
      HsGraphTrack *track = g_ptr_array_index (self->tracks, i);

      track->pane = self->n_panes > 1 ? track->dir : 0;
    }

  self->bands[0] = g_array_new (FALSE, FALSE, sizeof (HsGraphBand));
  for (i = 0; i < all->len; i++)
    {
      const HsGraphBand *band = &g_array_index (all, HsGraphBand, i);

      g_array_append_val (self->bands[self->n_panes > 1 ? band->dir : 0], *band);
    }
  g_array_unref (all);

  for (pane = 0; pane < HS_GRAPH_MAX_PANES; pane++)
    {
      GArray *bands = self->bands[pane];

      g_array_sort (bands, compare_bands);
      self->band_ends[pane] = g_new (gint64, MAX (bands->len, 1));
      for (i = 0; i < bands->len; i++)
        {
          gint64 end = g_array_index (bands, HsGraphBand, i).t1;

          self->band_ends[pane][i] = i > 0 ? MAX (self->band_ends[pane][i - 1], end) : end;
        }
    }
}

static void
build (HsGraph *self)
{
  gint64 keep_t0 = self->view_t0;
  gint64 keep_t1 = self->view_t1;
  gboolean had_view = self->view_t1 > self->view_t0;

  clear_data (self);

  switch (self->kind)
    {
    case HS_GRAPH_WINDOW:
      build_window (self);
      break;
    case HS_GRAPH_TCPTRACE:
    case HS_GRAPH_STEVENS:
      build_time_sequence (self);
      break;
    case HS_GRAPH_THROUGHPUT:
      build_throughput (self);
      break;
    case HS_GRAPH_RTT:
    case HS_GRAPH_N_KINDS:
    default:
      build_rtt (self);
      break;
    }

  g_ptr_array_sort (self->tracks, compare_layers);
  assign_panes (self);
  compute_extent (self);

  /* a new average window or other directions: the same time, the values
   * of the new data */
  hs_graph_reset_view (self);
  if (had_view)
    hs_graph_set_time_range (self, keep_t0, keep_t1);
}

/* ------------------------------------------------------------------------ */
/* The graph                                                                 */

static int
find_client_side (HsCapture     *capture,
                  const guint32 *frames,
                  guint          n)
{
  guint pos;

  for (pos = 0; pos < n; pos++)
    {
      const HsPacketRecord *r = hs_capture_get_record (capture, frames[pos]);

      if (r->tcp_flags & HS_TCP_SYN)
        return (r->tcp_flags & HS_TCP_ACK) ? !r->direction : r->direction;
    }

  return -1;
}

HsGraph *
hs_graph_new (HsCapture   *capture,
              guint        stream,
              HsGraphKind  kind)
{
  const HsConnection *conn;
  const guint32 *frames;
  HsGraph *self;
  guint s;

  g_return_val_if_fail (HS_IS_CAPTURE (capture), NULL);
  g_return_val_if_fail (stream < hs_capture_get_n_connections (capture), NULL);
  g_return_val_if_fail ((guint) kind < HS_GRAPH_N_KINDS, NULL);

  self = g_new0 (HsGraph, 1);
  self->capture = g_object_ref (capture);
  self->stream = stream;
  self->kind = kind;
  self->show_legend = TRUE;
  self->tracks = g_ptr_array_new_with_free_func ((GDestroyNotify) _hs_graph_track_free);
  self->legend = g_ptr_array_new_with_free_func (legend_item_free);
  for (s = 0; s < HS_GRAPH_MAX_PANES; s++)
    self->bands[s] = g_array_new (FALSE, FALSE, sizeof (HsGraphBand));

  conn = hs_capture_get_connection (capture, stream);
  frames = hs_capture_get_stream_packets (capture, stream, &self->n_packets);
  self->duration_ns = MAX (0, conn->last_ts_ns - conn->first_ts_ns);
  self->client_side = find_client_side (capture, frames, self->n_packets);

  for (s = 0; s < 2; s++)
    self->endpoint_names[s] = hs_connection_dup_endpoint (conn, s);
  for (s = 0; s < 2; s++)
    {
      if (self->client_side < 0)
        /* Translators: a direction of a connection, "10.0.0.1:40000 → 10.0.0.2:80" */
        self->direction_names[s] = g_strdup_printf (_("%s → %s"), self->endpoint_names[s],
                                                    self->endpoint_names[1 - s]);
      else if ((int) s == self->client_side)
        /* Translators: a direction of a connection, "client 10.0.0.1:40000 → server
         * 10.0.0.2:80" */
        self->direction_names[s] = g_strdup_printf (_("client %s → server %s"),
                                                    self->endpoint_names[s],
                                                    self->endpoint_names[1 - s]);
      else
        /* Translators: a direction of a connection, "server 10.0.0.2:80 → client
         * 10.0.0.1:40000" */
        self->direction_names[s] = g_strdup_printf (_("server %s → client %s"),
                                                    self->endpoint_names[s],
                                                    self->endpoint_names[1 - s]);
    }

  /* time-sequence: the direction that sent more */
  self->default_seq_dir = conn->endpoint[1].bytes > conn->endpoint[0].bytes ? 1 : 0;
  self->seq_dir = self->default_seq_dir;
  self->directions = is_time_sequence (kind) ? (HsGraphDirections) (1u << self->seq_dir)
                                             : HS_GRAPH_DIR_BOTH;
  self->average_auto = TRUE;

  build (self);

  return self;
}

void
hs_graph_free (HsGraph *self)
{
  if (self == NULL)
    return;

  clear_data (self);
  g_clear_pointer (&self->stamper, _hs_graph_stamper_free);
  g_ptr_array_unref (self->tracks);
  g_ptr_array_unref (self->legend);
  g_array_unref (self->bands[0]);
  g_array_unref (self->bands[1]);
  g_free (self->endpoint_names[0]);
  g_free (self->endpoint_names[1]);
  g_free (self->direction_names[0]);
  g_free (self->direction_names[1]);
  g_object_unref (self->capture);
  g_free (self);
}

HsGraphKind
hs_graph_get_kind (HsGraph *self)
{
  g_return_val_if_fail (self != NULL, HS_GRAPH_WINDOW);

  return self->kind;
}

guint
hs_graph_get_n_packets (HsGraph *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_packets;
}

guint
hs_graph_get_stream (HsGraph *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->stream;
}

HsCapture *
hs_graph_get_capture (HsGraph *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->capture;
}

gboolean
hs_graph_set_directions (HsGraph           *self,
                         HsGraphDirections  directions)
{
  g_return_val_if_fail (self != NULL, FALSE);

  directions &= HS_GRAPH_DIR_BOTH;
  if (is_time_sequence (self->kind))
    {
      /* one direction's sequence space: both (or none) is the default one */
      if (directions == HS_GRAPH_DIR_BOTH || directions == 0)
        directions = (HsGraphDirections) (1u << self->default_seq_dir);
    }
  else if (directions == 0)
    directions = HS_GRAPH_DIR_BOTH;

  if (directions == self->directions)
    return FALSE;

  self->directions = directions;
  if (is_time_sequence (self->kind))
    self->seq_dir = directions == HS_GRAPH_DIR_1 ? 1 : 0;
  build (self);

  return TRUE;
}

HsGraphDirections
hs_graph_get_directions (HsGraph *self)
{
  g_return_val_if_fail (self != NULL, HS_GRAPH_DIR_BOTH);

  return self->directions;
}

gboolean
hs_graph_set_average_window (HsGraph *self,
                             gint64   window_ns)
{
  gint64 before;

  g_return_val_if_fail (self != NULL, FALSE);

  before = average_window (self);
  if (window_ns <= 0)
    {
      if (self->average_auto)
        return FALSE;
      self->average_auto = TRUE;
    }
  else
    {
      window_ns = CLAMP (window_ns, HS_GRAPH_MIN_AVERAGE_NS, HS_GRAPH_MAX_AVERAGE_NS);
      if (!self->average_auto && window_ns == self->average_ns)
        return FALSE;
      self->average_auto = FALSE;
      self->average_ns = window_ns;
    }

  if (self->kind == HS_GRAPH_THROUGHPUT && average_window (self) != before)
    build (self);

  return TRUE;
}

gint64
hs_graph_get_average_window (HsGraph *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return average_window (self);
}

gint64
hs_graph_get_auto_average_window (HsGraph *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->auto_average_ns == 0)
    self->auto_average_ns = choose_average_window (self);
  return self->auto_average_ns;
}

guint
hs_graph_get_n_panes (HsGraph *self)
{
  g_return_val_if_fail (self != NULL, 1);

  return self->n_panes;
}

guint
hs_graph_get_pane (HsGraph *self,
                   guint    dir)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (dir < 2, 0);

  return self->n_panes > 1 ? dir : 0;
}

guint
hs_graph_get_pane_direction (HsGraph *self,
                             guint    pane)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (pane < self->n_panes, 0);

  return self->pane_dir[pane];
}

void
hs_graph_set_show_legend (HsGraph  *self,
                          gboolean  show)
{
  g_return_if_fail (self != NULL);

  self->show_legend = !!show;
}

gboolean
hs_graph_get_show_legend (HsGraph *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->show_legend;
}

const char *
hs_graph_get_direction_name (HsGraph *self,
                             guint    dir)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (dir < 2, NULL);

  return self->direction_names[dir];
}

const char *
hs_graph_get_endpoint_name (HsGraph *self,
                            guint    side)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (side < 2, NULL);

  return self->endpoint_names[side];
}

gboolean
hs_graph_is_empty (HsGraph *self)
{
  guint i;

  g_return_val_if_fail (self != NULL, TRUE);

  for (i = 0; i < self->tracks->len; i++)
    {
      const HsGraphTrack *track = g_ptr_array_index (self->tracks, i);

      if (track->n > 0)
        return FALSE;
    }

  return TRUE;
}

gboolean
hs_graph_has_data_between (HsGraph *self,
                           gint64   t0_ns,
                           gint64   t1_ns)
{
  guint i;

  g_return_val_if_fail (self != NULL, FALSE);

  for (i = 0; i < self->tracks->len; i++)
    {
      const HsGraphTrack *track = g_ptr_array_index (self->tracks, i);
      guint k;

      /* skipping the points that stand for no packet */
      for (k = _hs_graph_track_lower_bound (track, t0_ns); k < track->n && track->t[k] <= t1_ns;
           k++)
        {
          if (track->pos[k] != HS_GRAPH_NO_POS)
            return TRUE;
        }
    }

  return FALSE;
}

const char *
hs_graph_get_warning (HsGraph *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->warning;
}

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
      v1[track->pane] = MAX (v1[track->pane], track_hi (track, imax));
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

/* ------------------------------------------------------------------------ */
/* For the tests                                                             */

void
_hs_graph_get_stats (HsGraph      *self,
                     HsGraphStats *stats)
{
  *stats = self->stats;
}

void
_hs_graph_reset_stats (HsGraph *self)
{
  memset (&self->stats, 0, sizeof self->stats);
}

guint
_hs_graph_get_n_tracks (HsGraph *self)
{
  return self->tracks->len;
}

const HsGraphTrack *
_hs_graph_get_track (HsGraph *self,
                     guint    index)
{
  g_return_val_if_fail (index < self->tracks->len, NULL);

  return g_ptr_array_index (self->tracks, index);
}

void
_hs_graph_replace_points (HsGraph        *self,
                          guint           index,
                          const HsSeries *series,
                          double          bar)
{
  HsGraphTrack *track;
  guint cap = MAX (series->n, 1);
  guint i;

  g_return_if_fail (index < self->tracks->len);

  track = g_ptr_array_index (self->tracks, index);
  self->n_points -= track->n;
  track->t = g_renew (gint64, track->t, cap);
  track->lo = g_renew (double, track->lo, cap);
  track->pos = g_renew (guint32, track->pos, cap);
  if (track->hi != NULL)
    track->hi = g_renew (double, track->hi, cap);
  track->capacity = cap;
  track->n = 0;
  for (i = 0; i < series->n; i++)
    track_push (track, series->points[i].t_ns, series->points[i].value,
                series->points[i].value + bar, series->points[i].pos);
  _hs_graph_track_finish (track);
  self->n_points += track->n;

  compute_extent (self);
  hs_graph_reset_view (self);
}
