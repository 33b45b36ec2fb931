/* hs-gen-queue.c
 *
 * Copyright 2026 The Handshake authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The simulation's heaps (packets in flight per connection, connections by
 * their next event) and SACK scoreboards. */

#include "hs-gen-sim.h"

/* -- the per-connection heap of packets in flight ------------------------ */

static inline gboolean
pkt_before (const Pkt *a,
            const Pkt *b)
{
  return a->time < b->time || (a->time == b->time && (gint32)(a->serial - b->serial) < 0);
}

void
pq_push (Conn      *c,
         const Pkt *p)
{
  guint i;

  if (c->qlen == c->qcap)
    {
      c->qcap = c->qcap ? c->qcap * 2 : 16;
      c->q = g_renew (Pkt, c->q, c->qcap);
    }
  i = c->qlen++;
  while (i > 0)
    {
      guint parent = (i - 1) / 2;

      if (!pkt_before (p, &c->q[parent]))
        break;
      c->q[i] = c->q[parent];
      i = parent;
    }
  c->q[i] = *p;
}

void
pq_pop (Conn *c,
        Pkt  *out)
{
  Pkt last;
  guint i = 0;

  *out = c->q[0];
  last = c->q[--c->qlen];
  for (;;)
    {
      guint l = 2 * i + 1;
      guint m;

      if (l >= c->qlen)
        break;
      m = (l + 1 < c->qlen && pkt_before (&c->q[l + 1], &c->q[l])) ? l + 1 : l;
      if (!pkt_before (&c->q[m], &last))
        break;
      c->q[i] = c->q[m];
      i = m;
    }
  if (c->qlen > 0)
    c->q[i] = last;
}

/* -- the global heap of connections ---------------------------------------- */

static inline gboolean
conn_before (const Conn *a,
             const Conn *b)
{
  return a->key < b->key || (a->key == b->key && a->id < b->id);
}

static void
heap_sift_up (Sim  *sim,
              guint i)
{
  Conn *c = sim->heap[i];

  while (i > 0)
    {
      guint parent = (i - 1) / 2;

      if (!conn_before (c, sim->heap[parent]))
        break;
      sim->heap[i] = sim->heap[parent];
      sim->heap[i]->heap_index = i;
      i = parent;
    }
  sim->heap[i] = c;
  c->heap_index = i;
}

void
heap_sift_down (Sim  *sim,
                guint i)
{
  Conn *c = sim->heap[i];

  for (;;)
    {
      guint l = 2 * i + 1;
      guint m;

      if (l >= sim->heap_len)
        break;
      m = (l + 1 < sim->heap_len && conn_before (sim->heap[l + 1], sim->heap[l])) ? l + 1 : l;
      if (!conn_before (sim->heap[m], c))
        break;
      sim->heap[i] = sim->heap[m];
      sim->heap[i]->heap_index = i;
      i = m;
    }
  sim->heap[i] = c;
  c->heap_index = i;
}

void
heap_push (Sim  *sim,
           Conn *c)
{
  if (sim->heap_len == sim->heap_cap)
    {
      sim->heap_cap = sim->heap_cap ? sim->heap_cap * 2 : 256;
      sim->heap = g_renew (Conn *, sim->heap, sim->heap_cap);
    }
  sim->heap[sim->heap_len] = c;
  c->heap_index = sim->heap_len++;
  heap_sift_up (sim, c->heap_index);
  sim->max_active = MAX (sim->max_active, sim->heap_len);
}

void
heap_remove_top (Sim *sim)
{
  sim->heap_len--;
  if (sim->heap_len > 0)
    {
      sim->heap[0] = sim->heap[sim->heap_len];
      sim->heap[0]->heap_index = 0;
      heap_sift_down (sim, 0);
    }
}

/* -- scoreboards (sorted, non-overlapping ranges) ---------------------------- */

void
ranges_add (Range   *r,
            guint   *n,
            guint32  start,
            guint32  end)
{
  guint i = 0;
  guint j;

  if (!SEQ_LT (start, end))
    return;

  while (i < *n && SEQ_LT (r[i].end, start))
    i++;
  /* r[i] is the first range that ends at or after start: merge from there */
  j = i;
  while (j < *n && SEQ_LEQ (r[j].start, end))
    {
      if (SEQ_LT (r[j].start, start))
        start = r[j].start;
      if (SEQ_GT (r[j].end, end))
        end = r[j].end;
      j++;
    }
  if (j > i)
    {
      r[i].start = start;
      r[i].end = end;
      memmove (&r[i + 1], &r[j], (*n - j) * sizeof (Range));
      *n -= j - i - 1;
      return;
    }
  if (*n == MAX_RANGES)
    {
      if (i == MAX_RANGES)
        return;
      (*n)--;
    }
  memmove (&r[i + 1], &r[i], (*n - i) * sizeof (Range));
  r[i].start = start;
  r[i].end = end;
  (*n)++;
}

/* Drops everything below `una`. */
void
ranges_trim (Range   *r,
             guint   *n,
             guint32  una)
{
  guint k = 0;

  for (guint i = 0; i < *n; i++)
    {
      if (SEQ_LEQ (r[i].end, una))
        continue;
      r[k] = r[i];
      if (SEQ_LT (r[k].start, una))
        r[k].start = una;
      k++;
    }
  *n = k;
}

/* Bytes of [a, b) covered by the ranges. */
guint32
ranges_covered (const Range *r,
                guint        n,
                guint32      a,
                guint32      b)
{
  guint32 total = 0;

  for (guint i = 0; i < n; i++)
    {
      guint32 s = SEQ_GT (r[i].start, a) ? r[i].start : a;
      guint32 e = SEQ_LT (r[i].end, b) ? r[i].end : b;

      if (SEQ_LT (s, e))
        total += e - s;
    }
  return total;
}

/* The first byte at or after `from` (and below `limit`) not covered. */
gboolean
ranges_next_hole (const Range *r,
                  guint        n,
                  guint32      from,
                  guint32      limit,
                  guint32     *hole,
                  guint32     *hole_end)
{
  guint32 pos = from;

  for (guint i = 0; i < n && SEQ_LT (pos, limit); i++)
    {
      if (SEQ_LEQ (r[i].end, pos))
        continue;
      if (SEQ_LT (pos, r[i].start))
        {
          *hole = pos;
          *hole_end = SEQ_LT (r[i].start, limit) ? r[i].start : limit;
          return TRUE;
        }
      pos = r[i].end;
    }
  if (SEQ_LT (pos, limit))
    {
      *hole = pos;
      *hole_end = limit;
      return TRUE;
    }
  return FALSE;
}
