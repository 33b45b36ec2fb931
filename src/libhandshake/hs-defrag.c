/* hs-defrag.c
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

/* The IP defragmenter.  Fragments are rare, so the pending datagrams live in
 * a small fixed array searched linearly; each one owns a buffer that grows to
 * the highest fragment end seen and a bitmap of the 8-byte blocks received.
 * Memory is bounded: at most HS_DEFRAG_MAX_PENDING datagrams, at most
 * HS_DEFRAG_MAX_BYTES buffered in all, and a datagram that got no fragment for
 * HS_DEFRAG_MAX_AGE frames is dropped. */

#include "config.h"

#include <string.h>

#include "hs-decoder.h"
#include "hs-defrag-private.h"

#define HS_DEFRAG_MAX_PENDING  256
#define HS_DEFRAG_MAX_AGE      100000                /* frames */
#define HS_DEFRAG_MAX_BYTES    (32 * 1024 * 1024)
#define HS_DEFRAG_N_BLOCKS     (HS_DEFRAG_MAX_DATAGRAM / 8)
#define HS_DEFRAG_BITMAP_WORDS (HS_DEFRAG_N_BLOCKS / 32)
#define HS_DEFRAG_NO_LENGTH    G_MAXUINT32

typedef struct
{
  guint8   ip_version;
  guint8   proto;
  guint8   src[16];
  guint8   dst[16];
  guint32  id;
  guint32  last_frame;     /* frame of the latest fragment */
  guint32  total_len;      /* payload length once the last fragment is seen */
  guint32  n_blocks;       /* bits set in bitmap */
  guint32  alloc;          /* bytes allocated in data */
  guint8  *data;
  guint32 *bitmap;         /* HS_DEFRAG_BITMAP_WORDS words */
} HsDefragDatagram;

struct _HsDefrag
{
  HsDefragDatagram *pending;       /* HS_DEFRAG_MAX_PENDING slots */
  guint             n_pending;
  gsize             n_bytes;       /* bytes allocated by pending datagrams */
  guint8           *completed;     /* the last reassembled payload */
  guint8           *inflate_buffer;
};

HsDefrag *
hs_defrag_new (void)
{
  HsDefrag *self;

  self = g_new0 (HsDefrag, 1);
  self->pending = g_new0 (HsDefragDatagram, HS_DEFRAG_MAX_PENDING);

  return self;
}

static void
datagram_clear (HsDefrag         *self,
                HsDefragDatagram *dgram)
{
  g_assert (self->n_bytes >= dgram->alloc);

  self->n_bytes -= dgram->alloc;
  g_free (dgram->data);
  g_free (dgram->bitmap);
  memset (dgram, 0, sizeof *dgram);
}

/* Removes slot `i`, keeping the array dense. */
static void
remove_pending (HsDefrag *self,
                guint     i)
{
  g_assert (i < self->n_pending);

  datagram_clear (self, &self->pending[i]);
  self->n_pending--;
  if (i != self->n_pending)
    {
      self->pending[i] = self->pending[self->n_pending];
      memset (&self->pending[self->n_pending], 0, sizeof self->pending[0]);
    }
}

void
hs_defrag_free (HsDefrag *self)
{
  if (self == NULL)
    return;

  while (self->n_pending > 0)
    remove_pending (self, self->n_pending - 1);

  g_free (self->pending);
  g_free (self->completed);
  g_free (self->inflate_buffer);
  g_free (self);
}

guint
_hs_defrag_get_n_pending (HsDefrag *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_pending;
}

guint8 *
_hs_defrag_get_inflate_buffer (HsDefrag *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->inflate_buffer == NULL)
    self->inflate_buffer = g_malloc (HS_INFLATE_BUFFER_SIZE);

  return self->inflate_buffer;
}

static guint32
frames_since (guint32 then,
              guint32 now)
{
  /* Frames may be decoded out of order (a details pane re-decoding one). */
  return now >= then ? now - then : 0;
}

static void
drop_old (HsDefrag *self,
          guint32   frame)
{
  guint i = 0;

  while (i < self->n_pending)
    {
      if (frames_since (self->pending[i].last_frame, frame) > HS_DEFRAG_MAX_AGE)
        remove_pending (self, i);
      else
        i++;
    }
}

static void
drop_oldest (HsDefrag *self)
{
  guint oldest = 0;

  g_assert (self->n_pending > 0);

  for (guint i = 1; i < self->n_pending; i++)
    {
      if (self->pending[i].last_frame < self->pending[oldest].last_frame)
        oldest = i;
    }

  remove_pending (self, oldest);
}

static gboolean
datagram_matches (const HsDefragDatagram *dgram,
                  const HsDefragFragment *frag,
                  guint                   addr_len)
{
  return dgram->ip_version == frag->ip_version &&
         dgram->id == frag->id &&
         dgram->proto == frag->proto &&
         memcmp (dgram->src, frag->src, addr_len) == 0 &&
         memcmp (dgram->dst, frag->dst, addr_len) == 0;
}

/* Grows dgram->data to at least `need` bytes; FALSE if over the limits. */
static gboolean
datagram_reserve (HsDefrag         *self,
                  HsDefragDatagram *dgram,
                  guint32           need)
{
  guint32 alloc;

  if (need <= dgram->alloc)
    return TRUE;

  alloc = MAX (need, MIN (dgram->alloc * 2, (guint32)HS_DEFRAG_MAX_DATAGRAM));
  alloc = MAX (alloc, 2048);
  alloc = MIN (alloc, (guint32)HS_DEFRAG_MAX_DATAGRAM);

  /* Make room in the global budget by dropping other datagrams. */
  while (self->n_bytes - dgram->alloc + alloc > HS_DEFRAG_MAX_BYTES)
    {
      guint oldest = G_MAXUINT;

      for (guint i = 0; i < self->n_pending; i++)
        {
          if (&self->pending[i] == dgram)
            continue;
          if (oldest == G_MAXUINT ||
              self->pending[i].last_frame < self->pending[oldest].last_frame)
            oldest = i;
        }

      if (oldest == G_MAXUINT)
        return FALSE;

      /* remove_pending() may move the last slot into `oldest`: follow it. */
      if (&self->pending[self->n_pending - 1] == dgram)
        {
          remove_pending (self, oldest);
          dgram = &self->pending[oldest];
        }
      else
        {
          remove_pending (self, oldest);
        }
    }

  dgram->data = g_realloc (dgram->data, alloc);
  self->n_bytes += alloc - dgram->alloc;
  dgram->alloc = alloc;

  return TRUE;
}

static gboolean
datagram_is_complete (const HsDefragDatagram *dgram)
{
  guint32 need;

  if (dgram->total_len == HS_DEFRAG_NO_LENGTH)
    return FALSE;

  need = (dgram->total_len + 7) / 8;
  if (dgram->n_blocks < need)
    return FALSE;

  /* Blocks beyond the end may have been set by bogus fragments: check. */
  for (guint32 b = 0; b < need; b++)
    {
      if ((dgram->bitmap[b / 32] & (1u << (b % 32))) == 0)
        return FALSE;
    }

  return TRUE;
}

const guint8 *
_hs_defrag_add (HsDefrag               *self,
                guint32                 frame,
                const HsDefragFragment *frag,
                guint                  *out_len)
{
  HsDefragDatagram *dgram = NULL;
  guint addr_len;
  guint32 end;
  guint32 first_block;
  guint32 end_block;
  guint i;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (frag != NULL, NULL);
  g_return_val_if_fail (out_len != NULL, NULL);

  *out_len = 0;

  /* The previous result is no longer needed. */
  g_clear_pointer (&self->completed, g_free);

  if (frag->ip_version != 4 && frag->ip_version != 6)
    return NULL;
  addr_len = frag->ip_version == 4 ? 4 : 16;

  if (frag->offset % 8 != 0 ||
      frag->offset >= HS_DEFRAG_MAX_DATAGRAM ||
      frag->len > HS_DEFRAG_MAX_DATAGRAM - frag->offset)
    return NULL;
  end = frag->offset + frag->len;

  drop_old (self, frame);

  for (i = 0; i < self->n_pending; i++)
    {
      if (datagram_matches (&self->pending[i], frag, addr_len))
        {
          dgram = &self->pending[i];
          break;
        }
    }

  if (dgram == NULL)
    {
      if (self->n_pending == HS_DEFRAG_MAX_PENDING)
        drop_oldest (self);

      dgram = &self->pending[self->n_pending++];
      memset (dgram, 0, sizeof *dgram);
      dgram->ip_version = frag->ip_version;
      dgram->proto = frag->proto;
      memcpy (dgram->src, frag->src, addr_len);
      memcpy (dgram->dst, frag->dst, addr_len);
      dgram->id = frag->id;
      dgram->total_len = HS_DEFRAG_NO_LENGTH;
      dgram->bitmap = g_new0 (guint32, HS_DEFRAG_BITMAP_WORDS);
    }

  dgram->last_frame = frame;

  if (!frag->more)
    {
      /* A second, different last fragment: keep the first one's length. */
      if (dgram->total_len == HS_DEFRAG_NO_LENGTH)
        dgram->total_len = end;
      else if (dgram->total_len != end)
        return NULL;
    }
  else if (dgram->total_len != HS_DEFRAG_NO_LENGTH && end > dgram->total_len)
    {
      /* Data beyond the end announced by the last fragment: ignore it. */
      return NULL;
    }

  if (frag->len > 0)
    {
      if (!datagram_reserve (self, dgram, end))
        {
          /* Over the memory budget even alone: give up on this datagram. */
          remove_pending (self, (guint)(dgram - self->pending));
          return NULL;
        }

      /* datagram_reserve() may have moved the slot. */
      for (i = 0; i < self->n_pending; i++)
        {
          if (datagram_matches (&self->pending[i], frag, addr_len))
            {
              dgram = &self->pending[i];
              break;
            }
        }

      memcpy (dgram->data + frag->offset, frag->data, frag->len);
    }

  /* Mark whole blocks; the last fragment also marks its partial block. */
  first_block = frag->offset / 8;
  end_block = frag->more ? end / 8 : (end + 7) / 8;
  for (guint32 b = first_block; b < end_block; b++)
    {
      guint32 bit = 1u << (b % 32);

      if ((dgram->bitmap[b / 32] & bit) == 0)
        {
          dgram->bitmap[b / 32] |= bit;
          dgram->n_blocks++;
        }
    }

  if (!datagram_is_complete (dgram))
    return NULL;

  /* Hand the buffer over; an empty datagram still needs a valid pointer. */
  *out_len = dgram->total_len;
  if (dgram->data == NULL)
    dgram->data = g_malloc (1);
  self->completed = g_steal_pointer (&dgram->data);
  self->n_bytes -= dgram->alloc;
  dgram->alloc = 0;
  remove_pending (self, (guint)(dgram - self->pending));

  return self->completed;
}
