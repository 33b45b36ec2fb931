/* hs-graph-track.c
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A graph's tracks: points by time in columns, the min/max tree over
 * their blocks (the least and greatest value of any index range in
 * O(log n)), seeking by time and by pixel, and the decimation of a line
 * to the pixel grid. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "hs-graph-impl.h"

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

/* The levels' sizes for `n` points: level 0 one node per block, each level
 * above one per pair below, up to one node. */
static guint
count_levels (guint  n,
              guint *sizes)
{
  guint size = (n + HS_GRAPH_BLOCK - 1) / HS_GRAPH_BLOCK;
  guint levels = 0;

  for (;;)
    {
      if (sizes != NULL)
        sizes[levels] = size;
      levels++;
      if (size <= 1)
        break;
      size = (size + 1) / 2;
    }
  return levels;
}

/* Room for the tree of `capacity` points, each level where a tree that
 * large would have it; the nodes are computed after. */
static void
tree_layout (HsGraphTrack *track,
             guint         capacity)
{
  guint sizes[64];
  guint levels = count_levels (capacity, sizes);
  guint total = 0;
  guint level;

  g_clear_pointer (&track->level_start, g_free);
  g_clear_pointer (&track->level_size, g_free);
  g_clear_pointer (&track->node_min, g_free);
  g_clear_pointer (&track->node_max, g_free);
  g_clear_pointer (&track->node_min_v, g_free);
  g_clear_pointer (&track->node_max_v, g_free);
  g_clear_pointer (&track->block_t, g_free);

  track->level_start = g_new (guint, levels);
  track->level_size = g_new0 (guint, levels);
  for (level = 0; level < levels; level++)
    {
      track->level_start[level] = total;
      total += sizes[level];
    }
  track->node_min = g_new (guint32, total);
  track->node_max = g_new (guint32, total);
  track->node_min_v = g_new (double, total);
  track->node_max_v = g_new (double, total);
  track->block_t = g_new (gint64, sizes[0]);
  track->tree_capacity = capacity;
}

/* The nodes from the block of point `first` on (those before are the
 * same), for track->n points. */
static void
tree_compute (HsGraphTrack *track,
              guint         first)
{
  guint sizes[64];
  guint from = first / HS_GRAPH_BLOCK;
  guint level;
  guint j;

  track->n_levels = count_levels (track->n, sizes);
  for (level = 0; level < track->n_levels; level++)
    track->level_size[level] = sizes[level];

  /* level 0: the blocks */
  for (j = from; j < track->level_size[0]; j++)
    {
      guint32 start = j * HS_GRAPH_BLOCK;
      guint32 end = MIN (track->n, start + HS_GRAPH_BLOCK);
      Best bmin = { track->lo[start], start };
      Best bmax = { _hs_graph_track_hi (track, start), start };
      guint32 i;

      for (i = start + 1; i < end; i++)
        {
          take_min (&bmin, track->lo[i], i);
          take_max (&bmax, _hs_graph_track_hi (track, i), i);
        }
      track->node_min[j] = bmin.i;
      track->node_min_v[j] = bmin.v;
      track->node_max[j] = bmax.i;
      track->node_max_v[j] = bmax.v;
      track->block_t[j] = track->t[start];
    }

  for (level = 1; level < track->n_levels; level++)
    {
      guint below = track->level_start[level - 1];
      guint here = track->level_start[level];
      guint below_size = track->level_size[level - 1];

      from /= 2;
      for (j = from; j < track->level_size[level]; j++)
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
_hs_graph_track_finish (HsGraphTrack *track)
{
  guint cap = MAX (track->n, 1);

  track->t = g_renew (gint64, track->t, cap);
  track->lo = g_renew (double, track->lo, cap);
  if (track->hi != NULL)
    track->hi = g_renew (double, track->hi, cap);
  track->pos = g_renew (guint32, track->pos, cap);
  track->capacity = cap;
  track_sort (track);

  tree_layout (track, track->n);
  track->finished_n = track->n;
  track->n_levels = 0;
  if (track->n == 0)
    return;

  tree_compute (track, 0);
}

gboolean
_hs_graph_track_grow (HsGraphTrack *track)
{
  guint from = MIN (track->finished_n, track->n);
  guint i;

  /* appended in time order, or the points must be sorted: built again */
  for (i = MAX (from, 1); i < track->n; i++)
    {
      if (track->t[i] < track->t[i - 1])
        return FALSE;
    }

  if (track->n > track->tree_capacity)
    {
      /* room for as many again: the tree is laid out once per doubling,
       * its nodes moved (a sixteenth of the points), not computed again */
      HsGraphTrack old = *track;
      guint level;

      track->level_start = track->level_size = NULL;
      track->node_min = track->node_max = NULL;
      track->node_min_v = track->node_max_v = NULL;
      track->block_t = NULL;
      tree_layout (track, MAX (2 * track->n, 4 * HS_GRAPH_BLOCK));
      for (level = 0; level < old.n_levels; level++)
        {
          guint a = old.level_start[level];
          guint b = track->level_start[level];
          guint size = old.level_size[level];

          memcpy (track->node_min + b, old.node_min + a, size * sizeof (guint32));
          memcpy (track->node_max + b, old.node_max + a, size * sizeof (guint32));
          memcpy (track->node_min_v + b, old.node_min_v + a, size * sizeof (double));
          memcpy (track->node_max_v + b, old.node_max_v + a, size * sizeof (double));
        }
      if (old.n_levels > 0)
        memcpy (track->block_t, old.block_t, old.level_size[0] * sizeof (gint64));
      else
        from = 0;
      g_free (old.level_start);
      g_free (old.level_size);
      g_free (old.node_min);
      g_free (old.node_max);
      g_free (old.node_min_v);
      g_free (old.node_max_v);
      g_free (old.block_t);
    }
  track->finished_n = track->n;
  if (track->n == 0)
    {
      track->n_levels = 0;
      return TRUE;
    }

  tree_compute (track, from);
  return TRUE;
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
  Best bmax = { _hs_graph_track_hi (track, first), first };
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
          take_max (&bmax, _hs_graph_track_hi (track, i), i);
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
      take_max (&bmax, _hs_graph_track_hi (track, i), i);
    }
  for (i = jb * HS_GRAPH_BLOCK; i < end; i++)
    {
      take_min (&bmin, track->lo[i], i);
      take_max (&bmax, _hs_graph_track_hi (track, i), i);
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
