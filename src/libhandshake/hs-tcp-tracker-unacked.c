/* hs-tcp-tracker-unacked.c
 *
 * The unACKed segment list of one direction: what an ACK acknowledges (the
 * ACK RTT) and the span of the bytes in flight.
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

#include "config.h"

#include <string.h>

#include "hs-tcp-tracker-private.h"

/* ------------------------------------------------------------------------ */
/* The unACKed segment list                                                  */

static inline HsUnacked *
unacked_at (HsUnackedList *l,
            guint          i)
{
  g_assert (l != NULL);
  g_assert (i < l->cap);

  return &l->items[(l->head + i) & (l->cap - 1)];
}

void
_hs_tcp_unacked_clear (HsUnackedList *l)
{
  g_clear_pointer (&l->items, g_free);
  memset (l, 0, sizeof *l);
}

/* Recomputes lo, hi, compact and sorted after segments went away. */
static void
unacked_rescan (HsUnackedList *l)
{
  guint i;

  l->rel_valid = FALSE;
  if (l->len == 0)
    {
      l->head = 0;
      l->compact = FALSE;
      l->sorted = FALSE;
      return;
    }

  l->lo = unacked_at (l, 0)->seq;
  l->hi = unacked_at (l, 0)->end;
  l->compact = (guint32)(l->hi - l->lo) < HS_SEQ_NEAR;
  l->sorted = l->compact;

  for (i = 1; i < l->len && l->compact; i++)
    {
      const HsUnacked *prev = unacked_at (l, i - 1);
      const HsUnacked *u = unacked_at (l, i);
      guint32 lo = LT_SEQ (u->seq, l->lo) ? u->seq : l->lo;
      guint32 hi = GT_SEQ (u->end, l->hi) ? u->end : l->hi;

      l->compact = (guint32)(hi - lo) < HS_SEQ_NEAR &&
                   (guint32)(u->seq - lo) < HS_SEQ_NEAR &&
                   (guint32)(u->end - lo) < HS_SEQ_NEAR &&
                   (guint32)(l->lo - lo) < HS_SEQ_NEAR &&
                   (guint32)(l->hi - lo) < HS_SEQ_NEAR;
      l->lo = lo;
      l->hi = hi;
      l->sorted = l->sorted && l->compact &&
                  LE_SEQ (prev->seq, u->seq) &&
                  LE_SEQ (prev->end, u->end);
    }
  if (!l->compact)
    l->sorted = FALSE;
}

void
_hs_tcp_unacked_push (HsUnackedList *l,
                      guint32        frame,
                      guint32        seq,
                      guint32        end)
{
  HsUnacked *u;

  g_assert (l != NULL);

  if (l->len == l->cap)
    {
      guint new_cap = l->cap ? l->cap * 2 : 4;
      HsUnacked *items = g_new (HsUnacked, new_cap);
      guint i;

      for (i = 0; i < l->len; i++)
        items[i] = *unacked_at (l, i);
      g_free (l->items);
      l->items = items;
      l->cap = new_cap;
      l->head = 0;
    }

  if (l->len == 0)
    {
      l->lo = seq;
      l->hi = end;
      l->compact = (guint32)(end - seq) < HS_SEQ_NEAR;
      l->sorted = l->compact;
      l->rel_valid = FALSE;
    }
  else
    {
      const HsUnacked *last = unacked_at (l, l->len - 1);

      if (l->compact)
        {
          guint32 lo = LT_SEQ (seq, l->lo) ? seq : l->lo;
          guint32 hi = GT_SEQ (end, l->hi) ? end : l->hi;

          l->compact = (guint32)(hi - lo) < HS_SEQ_NEAR &&
                       (guint32)(seq - lo) < HS_SEQ_NEAR &&
                       (guint32)(end - lo) < HS_SEQ_NEAR &&
                       (guint32)(l->lo - lo) < HS_SEQ_NEAR &&
                       (guint32)(l->hi - lo) < HS_SEQ_NEAR;
          l->lo = lo;
          l->hi = hi;
        }
      l->sorted = l->sorted && l->compact &&
                  LE_SEQ (last->seq, seq) &&
                  LE_SEQ (last->end, end);

      if (l->rel_valid)
        {
          if (seq - l->rel_base < l->rel_min)
            l->rel_min = seq - l->rel_base;
          if (end - l->rel_base > l->rel_max)
            l->rel_max = end - l->rel_base;
        }
    }

  u = unacked_at (l, l->len);
  u->frame = frame;
  u->seq = seq;
  u->end = end;
  l->len++;
}

/* Applies an acknowledgement number to the list, as Wireshark does for every
 * segment (ACK flag or not): segments ending at or below it go, a segment it
 * falls inside is trimmed, and the eldest segment ending exactly at it is
 * the one acknowledged.  Returns that segment's frame, or 0. */
guint32
_hs_tcp_unacked_ack (HsUnackedList *l,
                     guint32        ack)
{
  guint32 acked_frame = 0;
  guint i;
  guint w;

  g_assert (l != NULL);

  if (l->len == 0)
    return 0;

  /* Within HS_SEQ_NEAR of the data, comparisons with the ACK are monotonic */
  if (l->compact && (guint32)(ack - l->lo + HS_SEQ_NEAR) < 2 * HS_SEQ_NEAR)
    {
      /* at or below every segment: nothing to do (duplicate ACKs) */
      if (LE_SEQ (ack, l->lo))
        return 0;

      if (l->sorted)
        {
          while (l->len > 0)
            {
              HsUnacked *u = unacked_at (l, 0);

              if (!LE_SEQ (u->end, ack))
                break;
              if (u->end == ack && acked_frame == 0)
                acked_frame = u->frame;
              l->head = (l->head + 1) & (l->cap - 1);
              l->len--;
            }
          for (i = 0; i < l->len; i++)
            {
              HsUnacked *u = unacked_at (l, i);

              if (!GT_SEQ (ack, u->seq))
                break;
              u->seq = ack;
            }
          l->rel_valid = FALSE;
          if (l->len == 0)
            {
              l->head = 0;
              l->compact = FALSE;
              l->sorted = FALSE;
            }
          else
            {
              /* sorted: the extremes are at the two ends */
              l->lo = unacked_at (l, 0)->seq;
              l->hi = unacked_at (l, l->len - 1)->end;
            }
          return acked_frame;
        }
    }

  /* General case, Wireshark's walk: every segment on its own, in order */
  w = 0;
  for (i = 0; i < l->len; i++)
    {
      HsUnacked u = *unacked_at (l, i);

      if (ack == u.end)
        {
          if (acked_frame == 0)
            acked_frame = u.frame;
          continue;
        }
      else if (GT_SEQ (ack, u.seq) && LE_SEQ (ack, u.end))
        {
          u.seq = ack;
        }
      else if (!GT_SEQ (u.end, ack))
        {
          continue;
        }
      *unacked_at (l, w++) = u;
    }
  l->len = w;
  unacked_rescan (l);

  return acked_frame;
}

/* Wireshark's default bytes-in-flight: highest end minus lowest start, both
 * relative to the base sequence number (unsigned). */
guint32
_hs_tcp_unacked_span (HsUnackedList *l,
                      guint32        base)
{
  guint i;

  /* no wrap of the relative numbers between the two extremes */
  if (l->compact && l->lo - base <= l->hi - base)
    return l->hi - l->lo;

  if (!l->rel_valid || l->rel_base != base)
    {
      l->rel_base = base;
      l->rel_min = unacked_at (l, 0)->seq - base;
      l->rel_max = unacked_at (l, 0)->end - base;
      for (i = 1; i < l->len; i++)
        {
          const HsUnacked *u = unacked_at (l, i);

          if (u->end - base > l->rel_max)
            l->rel_max = u->end - base;
          if (u->seq - base < l->rel_min)
            l->rel_min = u->seq - base;
        }
      l->rel_valid = TRUE;
    }

  return l->rel_max - l->rel_min;
}
