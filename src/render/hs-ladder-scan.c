/* hs-ladder-scan.c
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the ladder needs to know about the whole connection, found in one
 * pass that goes on from where it stopped when a live connection grows:
 * the anomalies, the notable packets by rank and direction, one bit per
 * packet for its direction (with the counts of set bits per 64) and one
 * for whether it is notable, the phases and the client. */

#include "config.h"

#include <string.h>

#include "hs-ladder-layout-impl.h"

#define SEQ_GE(a, b) ((gint32)((guint32)(a) - (guint32)(b)) >= 0)

/* ------------------------------------------------------------------------ */
/* Connection-wide facts: phases, anomalies, the client                      */

/* A packet that says nothing new: such runs collapse into one row.  TLS
 * application data is the bulk of any HTTPS transfer and collapses; the
 * other TLS and HTTP messages are landmarks and do not. */
static gboolean
is_uneventful (const HsPacketRecord *r)
{
  if (r->tcp_flags & (HS_TCP_SYN | HS_TCP_FIN | HS_TCP_RST))
    return FALSE;
  if (r->analysis != 0)
    return FALSE;
  if (r->decode_status != HS_DECODE_TCP || (r->problems & MALFORMED_PROBLEMS) != 0)
    return FALSE;
  if (hs_packet_record_sender_state (r) != HS_TCP_STATE_ESTABLISHED ||
      hs_packet_record_receiver_state (r) != HS_TCP_STATE_ESTABLISHED)
    return FALSE;

  switch ((HsAppTag) r->app)
    {
    case HS_APP_NONE:
    case HS_APP_TLS_APPLICATION_DATA:
    case HS_APP_TLS_OTHER:
      return TRUE;

    case HS_APP_TLS_CLIENT_HELLO:
    case HS_APP_TLS_SERVER_HELLO:
    case HS_APP_TLS_HANDSHAKE:
    case HS_APP_TLS_CHANGE_CIPHER_SPEC:
    case HS_APP_TLS_ALERT:
    case HS_APP_HTTP_REQUEST:
    case HS_APP_HTTP_RESPONSE:
    default:
      return FALSE;
    }
}

static HsTcpState
side_state (const HsPacketRecord *r,
            guint                 side)
{
  return r->direction == side ? hs_packet_record_sender_state (r)
                              : hs_packet_record_receiver_state (r);
}

/* An uneventful packet that also leaves the states as they were: the ACK
 * that completes the handshake makes both sides ESTABLISHED, but it is the
 * handshake's last step, not data. */
gboolean
_hs_ladder_pos_uneventful (HsLadderLayout *self,
                           guint           pos)
{
  const HsPacketRecord *prev;

  if (!is_uneventful (_hs_ladder_layout_get_record (self, pos)) || pos == 0)
    return FALSE;

  prev = _hs_ladder_layout_get_record (self, pos - 1);
  return side_state (prev, 0) == HS_TCP_STATE_ESTABLISHED &&
         side_state (prev, 1) == HS_TCP_STATE_ESTABLISHED;
}

static guint32
segment_end (const HsPacketRecord *r)
{
  return r->seq + r->payload_len +
         ((r->tcp_flags & HS_TCP_SYN) ? 1 : 0) +
         ((r->tcp_flags & HS_TCP_FIN) ? 1 : 0);
}

/* How the close that starts at `first` went: a RST before the close
 * completes makes it a reset; FIN from one side, FIN from the other and
 * the last ACK make it complete, in three packets when the second FIN
 * also acknowledges the first and no separate ACK did before it.
 *
 * Resumable: it goes on from where it stopped when the same close is
 * asked for again after packets were added, and once decided the answer
 * does not change. */
static HsLadderTeardown
teardown_kind (HsLadderLayout *self,
               guint           first)
{
  Teardown *t = &self->teardown;
  guint pos;

  g_assert (first < self->n_pkts);

  if (t->start != first)
    {
      memset (t, 0, sizeof *t);
      t->start = first;
      t->next = first;
      t->fin1 = HS_LADDER_NO_POS;
      t->fin2 = HS_LADDER_NO_POS;
    }
  if (t->decided)
    return t->result;

  for (pos = t->next; pos < self->n_pkts; pos++)
    {
      const HsPacketRecord *r = _hs_ladder_layout_get_record (self, pos);
      gboolean acks;

      if (r->tcp_flags & HS_TCP_RST)
        {
          t->decided = TRUE;
          t->result = HS_LADDER_TEARDOWN_RESET;
          return t->result;
        }

      if (t->fin1 == HS_LADDER_NO_POS)
        {
          if (r->tcp_flags & HS_TCP_FIN)
            {
              t->fin1 = pos;
              t->side = r->direction;
              t->fin1_end = segment_end (r);
            }
          continue;
        }

      if (t->fin2 == HS_LADDER_NO_POS)
        {
          if (r->direction == t->side)
            continue;
          acks = (r->tcp_flags & HS_TCP_ACK) && SEQ_GE (r->ack, t->fin1_end);
          if (r->tcp_flags & HS_TCP_FIN)
            {
              t->fin2 = pos;
              t->fin2_end = segment_end (r);
              t->piggybacked = acks && !t->acked_before;
            }
          else if (acks)
            t->acked_before = TRUE;
          continue;
        }

      if (r->direction == t->side && (r->tcp_flags & HS_TCP_ACK) && SEQ_GE (r->ack, t->fin2_end))
        {
          t->decided = TRUE;
          t->result = t->piggybacked ? HS_LADDER_TEARDOWN_THREE : HS_LADDER_TEARDOWN_FOUR;
          return t->result;
        }
    }

  t->next = self->n_pkts;
  return HS_LADDER_TEARDOWN_PARTIAL;
}

static void
add_phase (HsLadderLayout    *self,
           HsLadderPhaseKind  kind,
           guint              first,
           guint              last)
{
  HsLadderPhase *phase;

  if (first > last || last >= self->n_pkts)
    return;

  phase = &self->phases[self->n_phases++];
  phase->kind = kind;
  phase->first = first;
  phase->last = last;
  phase->teardown = HS_LADDER_TEARDOWN_FOUR;
}

/* How notable a packet is (see HS_LADDER_RANK_LANDMARK), given the one
 * before it in the connection (NULL for the first). */
static guint
packet_rank (const HsPacketRecord *r,
             const HsPacketRecord *prev)
{
  HsAnomalyClass klass = hs_anomaly_class_for_record (r);
  guint side;

  if (klass != HS_ANOMALY_CLASS_NONE)
    return klass;

  switch ((HsAppTag) r->app)
    {
    case HS_APP_NONE:
    case HS_APP_TLS_APPLICATION_DATA:
    case HS_APP_TLS_OTHER:
      break;

    case HS_APP_TLS_CLIENT_HELLO:
    case HS_APP_TLS_SERVER_HELLO:
    case HS_APP_TLS_HANDSHAKE:
    case HS_APP_TLS_CHANGE_CIPHER_SPEC:
    case HS_APP_TLS_ALERT:
    case HS_APP_HTTP_REQUEST:
    case HS_APP_HTTP_RESPONSE:
    default:
      return HS_LADDER_RANK_LANDMARK;
    }

  for (side = 0; side < 2; side++)
    {
      HsTcpState before = prev != NULL ? side_state (prev, side) : HS_TCP_STATE_UNKNOWN;

      if (side_state (r, side) != before)
        return HS_LADDER_RANK_LANDMARK;
    }

  return 0;
}

/* Room for the bits of n packets, zeroed, grown by doubling. */
static void
ensure_bits (HsLadderLayout *self,
             guint           n)
{
  guint words = n / 64 + 1;
  guint alloc;

  if (words <= self->bits_alloc)
    return;

  alloc = MAX (words, 2 * self->bits_alloc);
  self->dir_bits = g_renew (guint64, self->dir_bits, alloc);
  self->dir_ones = g_renew (guint32, self->dir_ones, alloc);
  self->notable_bits = g_renew (guint64, self->notable_bits, alloc);
  memset (self->dir_bits + self->bits_alloc, 0, (alloc - self->bits_alloc) * sizeof (guint64));
  memset (self->dir_ones + self->bits_alloc, 0, (alloc - self->bits_alloc) * sizeof (guint32));
  memset (self->notable_bits + self->bits_alloc, 0,
          (alloc - self->bits_alloc) * sizeof (guint64));
  self->bits_alloc = alloc;
}

void
_hs_ladder_scan_init (HsLadderLayout *self)
{
  guint b;

  self->scan.first_syn = HS_LADDER_NO_POS;
  self->scan.synack = HS_LADDER_NO_POS;
  self->scan.first_non_syn = HS_LADDER_NO_POS;
  self->scan.completing = HS_LADDER_NO_POS;
  self->scan.close_before_syn = HS_LADDER_NO_POS;
  self->scan.close_after_syn = HS_LADDER_NO_POS;
  self->teardown.start = HS_LADDER_NO_POS;
  for (b = 0; b < N_BUCKETS; b++)
    self->notable[b] = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->client_side = -1;
}

void
_hs_ladder_scan_clear (HsLadderLayout *self)
{
  guint b;

  for (b = 0; b < N_BUCKETS; b++)
    g_clear_pointer (&self->notable[b], g_array_unref);
  g_clear_pointer (&self->dir_bits, g_free);
  g_clear_pointer (&self->dir_ones, g_free);
  g_clear_pointer (&self->notable_bits, g_free);
}

/* The phases from what the scan found:
 *  - the handshake runs from the first SYN to the ACK that completes it
 *    (the first packet of the SYN/ACK's receiver after the SYN/ACK); with
 *    no SYN/ACK, over the SYNs;
 *  - the teardown from the first FIN or RST (after the handshake started)
 *    to the end;
 *  - the data phase in between, listed only when one of the others is. */
static void
find_phases (HsLadderLayout *self)
{
  const Scan *sc = &self->scan;
  guint first_close = sc->first_syn != HS_LADDER_NO_POS ? sc->close_after_syn
                                                         : sc->close_before_syn;
  guint hs_last = HS_LADDER_NO_POS;
  guint data_first;

  self->client_side = -1;
  self->n_phases = 0;

  if (sc->first_syn != HS_LADDER_NO_POS)
    {
      const HsPacketRecord *r = _hs_ladder_layout_get_record (self, sc->first_syn);

      if (r->tcp_flags & HS_TCP_ACK)
        self->client_side = !r->direction;
      else
        self->client_side = r->direction;

      /* a close that comes before the first SYN belongs to an earlier
       * incarnation: the teardown is the one after the handshake (that is
       * close_after_syn) */
      if (sc->synack != HS_LADDER_NO_POS)
        hs_last = sc->completing != HS_LADDER_NO_POS ? sc->completing : self->n_pkts - 1;
      else
        hs_last = sc->first_non_syn != HS_LADDER_NO_POS ? sc->first_non_syn - 1
                                                        : self->n_pkts - 1;
      if (first_close != HS_LADDER_NO_POS && first_close <= hs_last)
        hs_last = first_close - 1;

      add_phase (self, HS_LADDER_PHASE_HANDSHAKE, sc->first_syn, hs_last);
    }

  if (sc->first_syn == HS_LADDER_NO_POS && first_close == HS_LADDER_NO_POS)
    return;

  data_first = hs_last != HS_LADDER_NO_POS ? hs_last + 1 : 0;
  if (first_close == HS_LADDER_NO_POS)
    add_phase (self, HS_LADDER_PHASE_DATA, data_first, self->n_pkts - 1);
  else if (first_close > data_first)
    add_phase (self, HS_LADDER_PHASE_DATA, data_first, first_close - 1);

  if (first_close != HS_LADDER_NO_POS)
    {
      add_phase (self, HS_LADDER_PHASE_TEARDOWN, first_close, self->n_pkts - 1);
      self->phases[self->n_phases - 1].teardown = teardown_kind (self, first_close);
    }
}

/* One pass over positions from .. n_pkts - 1 for the anomalies, the
 * landmarks and what the phases need, then the phases (find_phases()).
 * From 0 when the layout is made; from the first new packet when a live
 * connection grew. */
void
_hs_ladder_scan_packets (HsLadderLayout *self,
                         guint           from)
{
  Scan *sc = &self->scan;
  const HsPacketRecord *prev = from > 0 ? _hs_ladder_layout_get_record (self, from - 1) : NULL;
  guint pos;
  guint b;

  g_assert (from <= self->n_pkts);

  ensure_bits (self, self->n_pkts);

  for (pos = from; pos < self->n_pkts; pos++)
    {
      const HsPacketRecord *r = _hs_ladder_layout_get_record (self, pos);
      guint flags = r->tcp_flags;
      guint rank = packet_rank (r, prev);

      if (hs_packet_record_is_anomaly (r))
        {
          guint32 p = pos;

          g_array_append_val (self->anomalies, p);
        }
      if (rank != 0)
        {
          guint32 p = pos;

          g_assert (rank <= N_RANKS);
          g_array_append_val (self->notable[(rank - 1) * 2 + (r->direction ? 1 : 0)], p);
          self->notable_bits[pos / 64] |= G_GUINT64_CONSTANT (1) << (pos % 64);
        }
      if (r->direction)
        self->dir_bits[pos / 64] |= G_GUINT64_CONSTANT (1) << (pos % 64);
      prev = r;

      if (sc->first_syn == HS_LADDER_NO_POS)
        {
          if (flags & HS_TCP_SYN)
            sc->first_syn = pos;
          else if (sc->close_before_syn == HS_LADDER_NO_POS &&
                   (flags & (HS_TCP_FIN | HS_TCP_RST)))
            sc->close_before_syn = pos;
          if (sc->first_syn == HS_LADDER_NO_POS)
            continue;
        }

      if (pos > sc->first_syn)
        {
          if (sc->close_after_syn == HS_LADDER_NO_POS && (flags & (HS_TCP_FIN | HS_TCP_RST)))
            sc->close_after_syn = pos;
          if (sc->first_non_syn == HS_LADDER_NO_POS && !(flags & HS_TCP_SYN))
            sc->first_non_syn = pos;
        }

      if (sc->synack == HS_LADDER_NO_POS)
        {
          if ((flags & (HS_TCP_SYN | HS_TCP_ACK)) == (HS_TCP_SYN | HS_TCP_ACK))
            sc->synack = pos;
        }
      else if (sc->completing == HS_LADDER_NO_POS &&
               r->direction != _hs_ladder_layout_get_record (self, sc->synack)->direction)
        sc->completing = pos;
    }

  /* the counts of the words after the first one that changed */
  for (b = from / 64 + 1; b <= self->n_pkts / 64; b++)
    self->dir_ones[b] = self->dir_ones[b - 1] +
                        (guint32) __builtin_popcountll (self->dir_bits[b - 1]);

  if (self->n_pkts > 0)
    find_phases (self);
}

/* ------------------------------------------------------------------------ */
/* Phases, states, anomalies                                                 */

guint
hs_ladder_layout_get_n_phases (HsLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_phases;
}

const HsLadderPhase *
hs_ladder_layout_get_phase (HsLadderLayout *self,
                            guint           i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->n_phases, NULL);
  return &self->phases[i];
}

HsTcpState
hs_ladder_layout_get_state (HsLadderLayout *self,
                            guint           pos,
                            guint           side,
                            gboolean       *changed)
{
  HsTcpState state;

  g_return_val_if_fail (self != NULL, HS_TCP_STATE_UNKNOWN);
  g_return_val_if_fail (side <= 1, HS_TCP_STATE_UNKNOWN);

  if (pos >= self->n_pkts)
    {
      if (changed != NULL)
        *changed = FALSE;
      return HS_TCP_STATE_UNKNOWN;
    }

  state = side_state (_hs_ladder_layout_get_record (self, pos), side);
  if (changed != NULL)
    {
      HsTcpState before = HS_TCP_STATE_UNKNOWN;

      if (pos > 0)
        before = side_state (_hs_ladder_layout_get_record (self, pos - 1), side);
      *changed = state != before;
    }

  return state;
}

const guint32 *
hs_ladder_layout_get_anomalies (HsLadderLayout *self,
                                guint          *n)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n != NULL)
    *n = self->anomalies->len;
  return (const guint32 *) self->anomalies->data;
}

guint
hs_ladder_layout_next_anomaly (HsLadderLayout *self,
                               guint           pos,
                               gboolean        forward)
{
  const guint32 *a;
  guint n;
  guint lo = 0;
  guint hi;

  g_return_val_if_fail (self != NULL, HS_LADDER_NO_POS);

  a = (const guint32 *) self->anomalies->data;
  n = self->anomalies->len;
  if (n == 0)
    return HS_LADDER_NO_POS;

  /* from nowhere: the first going forward, the last going back */
  if (pos == HS_LADDER_NO_POS)
    return forward ? a[0] : a[n - 1];

  /* lo: the number of anomalies at or before pos */
  hi = n;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (a[mid] <= pos)
        lo = mid + 1;
      else
        hi = mid;
    }

  if (forward)
    return lo < n ? a[lo] : HS_LADDER_NO_POS;

  /* skip pos itself */
  if (lo > 0 && a[lo - 1] == pos)
    lo--;
  return lo > 0 ? a[lo - 1] : HS_LADDER_NO_POS;
}


guint
_hs_ladder_layout_find_notable (HsLadderLayout *self,
                                guint           first,
                                guint           last,
                                guint           dir,
                                guint           max_rank,
                                guint          *rank)
{
  guint k;

  g_assert (self != NULL);

  if (first > last)
    return HS_LADDER_NO_POS;

  for (k = 1; k <= MIN (max_rank, N_RANKS); k++)
    {
      guint best = HS_LADDER_NO_POS;
      guint d;

      for (d = 0; d < 2; d++)
        {
          guint b = (k - 1) * 2 + d;
          const guint32 *a = (const guint32 *) self->notable[b]->data;
          guint n = self->notable[b]->len;
          guint i;

          if (n == 0 || (dir != HS_LADDER_EITHER_DIRECTION && d != dir))
            continue;
          i = hs_lower_bound_u32 (a, n, first);
          if (i < n && a[i] <= last && a[i] < best)
            best = a[i];
        }

      if (best != HS_LADDER_NO_POS)
        {
          if (rank != NULL)
            *rank = k;
          return best;
        }
    }

  return HS_LADDER_NO_POS;
}

/* Positions before p that go from endpoint 1. */
static guint
ones_before (HsLadderLayout *self,
             guint           p)
{
  guint64 mask = (G_GUINT64_CONSTANT (1) << (p % 64)) - 1;

  return self->dir_ones[p / 64] + (guint) __builtin_popcountll (self->dir_bits[p / 64] & mask);
}

gboolean
_hs_ladder_layout_has_direction (HsLadderLayout *self,
                                 guint           first,
                                 guint           last,
                                 guint           dir)
{
  guint ones;

  g_assert (self != NULL);

  if (first > last || last >= self->n_pkts)
    return FALSE;

  ones = ones_before (self, last + 1) - ones_before (self, first);
  return dir ? ones > 0 : ones < last - first + 1;
}
