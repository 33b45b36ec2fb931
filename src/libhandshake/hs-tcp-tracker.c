/* hs-tcp-tracker.c
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

/* The TCP state tracker: one pass over the segments in file order, with the
 * per-direction state and the checks of Wireshark 4.0's TCP analysis (see
 * ../shared/design/TCP-ANALYSIS.md for the rules and their order).  Where the
 * stored Wireshark source and tshark 4.0.17 disagree, tshark wins; those
 * places are marked "measured" below.
 *
 * Beyond Wireshark, every side gets an RFC 9293 state inferred from what the
 * capture shows, and every connection a Zeek-style conn_state at the end. */

#include "config.h"

#include <string.h>

#include "hs-tcp-tracker-private.h"

/* ------------------------------------------------------------------------ */
/* Conversation table                                                        */

static guint32
key_hash (const HsConnKey *key)
{
  guint64 w[5];
  guint64 h = G_GUINT64_CONSTANT (0x243f6a8885a308d3);
  guint i;

  memcpy (w, key, sizeof w);
  for (i = 0; i < G_N_ELEMENTS (w); i++)
    {
      h ^= w[i];
      h *= G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
      h ^= h >> 29;
    }

  return (guint32)(h ^ (h >> 32));
}

/* Fills the canonical key of a segment's address/port pair. */
static void
key_from_packet (const HsDecodedPacket *pkt,
                 HsConnKey             *key)
{
  guint alen = pkt->ip_version == 6 ? 16 : 4;
  int cmp;

  g_assert (pkt != NULL);
  g_assert (key != NULL);

  memset (key, 0, sizeof *key);
  key->ip_version = pkt->ip_version;

  cmp = memcmp (pkt->src, pkt->dst, alen);
  if (cmp == 0)
    cmp = (int)pkt->sport - (int)pkt->dport;

  if (cmp <= 0)
    {
      memcpy (key->addr[0], pkt->src, alen);
      memcpy (key->addr[1], pkt->dst, alen);
      key->port[0] = pkt->sport;
      key->port[1] = pkt->dport;
    }
  else
    {
      memcpy (key->addr[0], pkt->dst, alen);
      memcpy (key->addr[1], pkt->src, alen);
      key->port[0] = pkt->dport;
      key->port[1] = pkt->sport;
    }
}

/* Returns the slot holding `key`, or the empty slot where it belongs. */
static HsSlot *
table_lookup (HsTcpTracker    *self,
              const HsConnKey *key,
              guint32          hash)
{
  guint mask = self->n_slots - 1;
  guint i = hash & mask;

  g_assert (self != NULL);
  g_assert (key != NULL);
  g_assert (self->n_slots > 0);

  for (;;)
    {
      HsSlot *slot = &self->slots[i];

      if (slot->index1 == 0)
        return slot;
      if (slot->hash == hash &&
          memcmp (&self->tracks[slot->index1 - 1].key, key, sizeof *key) == 0)
        return slot;
      i = (i + 1) & mask;
    }
}

static void
table_grow (HsTcpTracker *self)
{
  HsSlot *old = self->slots;
  guint n_old = self->n_slots;
  guint i;

  g_assert (self != NULL);

  self->n_slots = n_old ? n_old * 2 : 1024;
  self->slots = g_new0 (HsSlot, self->n_slots);

  for (i = 0; i < n_old; i++)
    {
      guint mask = self->n_slots - 1;
      guint j;

      if (old[i].index1 == 0)
        continue;
      j = old[i].hash & mask;
      while (self->slots[j].index1 != 0)
        j = (j + 1) & mask;
      self->slots[j] = old[i];
    }

  g_free (old);
}

static void
flow_init (HsFlow *flow)
{
  memset (flow, 0, sizeof *flow);
  flow->window = G_MAXUINT32;
  flow->win_scale = -1;
  flow->valid_bif = TRUE;
}

/* Appends a new conversation (the next tcp.stream) whose first sender is the
 * source of `pkt`. */
/* Connection `idx` made afresh for `pkt`, its first segment. */
static void
tracker_init_connection (HsTcpTracker          *self,
                         guint                  idx,
                         const HsConnKey       *key,
                         const HsDecodedPacket *pkt,
                         guint32                frame,
                         gint64                 ts_ns)
{
  HsConnection *conn;
  HsTrack *track;
  guint alen = pkt->ip_version == 6 ? 16 : 4;

  conn = &self->conns[idx];
  memset (conn, 0, sizeof *conn);
  conn->stream = idx;
  conn->ip_version = pkt->ip_version;
  memcpy (conn->endpoint[0].addr, pkt->src, alen);
  memcpy (conn->endpoint[1].addr, pkt->dst, alen);
  conn->endpoint[0].port = pkt->sport;
  conn->endpoint[1].port = pkt->dport;
  conn->endpoint[0].wscale = -1;
  conn->endpoint[1].wscale = -1;
  conn->first_frame = frame;
  conn->last_frame = frame;
  conn->first_ts_ns = ts_ns;
  conn->last_ts_ns = ts_ns;
  conn->irtt_ns = -1;

  track = &self->tracks[idx];
  memset (track, 0, sizeof *track);
  track->key = *key;
  flow_init (&track->flow[0]);
  flow_init (&track->flow[1]);
  track->first_was_synack =
    (pkt->flags & (HS_TCP_SYN | HS_TCP_ACK)) == (HS_TCP_SYN | HS_TCP_ACK);
  /* SOCKS on its port (one end only: a proxy's own port is not a client) */
  if ((pkt->sport == HS_SOCKS_PORT) != (pkt->dport == HS_SOCKS_PORT))
    {
      track->socks = HS_SOCKS_START;
      track->socks_client = pkt->dport == HS_SOCKS_PORT ? 0 : 1;
    }
}

static guint
tracker_new_connection (HsTcpTracker          *self,
                        const HsConnKey       *key,
                        const HsDecodedPacket *pkt,
                        guint32                frame,
                        gint64                 ts_ns)
{
  guint idx;

  if (self->n_conns == self->cap_conns)
    {
      self->cap_conns = self->cap_conns ? self->cap_conns * 2 : 64;
      self->conns = g_renew (HsConnection, self->conns, self->cap_conns);
      self->tracks = g_renew (HsTrack, self->tracks, self->cap_conns);
    }

  idx = self->n_conns++;
  tracker_init_connection (self, idx, key, pkt, frame, ts_ns);

  return idx;
}

/* A new connection for `key` (not in the table, `hash` its hash), found by
 * its key from now on; returns its slot. */
static HsSlot *
table_insert (HsTcpTracker          *self,
              const HsConnKey       *key,
              guint32                hash,
              const HsDecodedPacket *pkt,
              guint32                frame,
              gint64                 ts_ns)
{
  HsSlot *slot;

  if (2 * (self->n_used + 1) > self->n_slots)
    table_grow (self);
  slot = table_lookup (self, key, hash);
  g_assert (slot->index1 == 0);
  slot->hash = hash;
  slot->index1 = tracker_new_connection (self, key, pkt, frame, ts_ns) + 1;
  self->n_used++;

  return slot;
}

/* Which endpoint sent `pkt`: 0 for the conversation's first sender. */
static guint
sender_direction (const HsConnection    *conn,
                  const HsDecodedPacket *pkt)
{
  guint alen = pkt->ip_version == 6 ? 16 : 4;

  g_assert (conn != NULL);
  g_assert (pkt != NULL);

  if (conn->endpoint[0].port == pkt->sport &&
      memcmp (conn->endpoint[0].addr, pkt->src, alen) == 0)
    return 0;

  return 1;
}

/* ------------------------------------------------------------------------ */
/* Public API                                                                */

HsTcpTracker *
hs_tcp_tracker_new (void)
{
  HsTcpTracker *self = g_new0 (HsTcpTracker, 1);

  table_grow (self);

  return self;
}

static void
tracker_clear (HsTcpTracker *self,
               gboolean      free_conns)
{
  guint i;

  for (i = 0; i < self->n_conns; i++)
    {
      _hs_tcp_unacked_clear (&self->tracks[i].flow[0].unacked);
      _hs_tcp_unacked_clear (&self->tracks[i].flow[1].unacked);
    }

  if (free_conns)
    hs_connections_free (self->conns, self->n_conns);

  g_clear_pointer (&self->tracks, g_free);
  g_clear_pointer (&self->slots, g_free);
  self->conns = NULL;
  self->n_conns = 0;
  self->cap_conns = 0;
  self->n_slots = 0;
  self->n_used = 0;
}

void
hs_tcp_tracker_free (HsTcpTracker *self)
{
  if (self == NULL)
    return;

  tracker_clear (self, TRUE);
  g_free (self);
}

static void
record_base_change (HsConnection *conn,
                    guint32       frame,
                    guint         dir,
                    guint32       old_base)
{
  conn->base_changes = g_renew (__typeof__ (*conn->base_changes),
                                conn->base_changes,
                                conn->n_base_changes + 1);
  conn->base_changes[conn->n_base_changes].from_frame = frame;
  conn->base_changes[conn->n_base_changes].dir = dir;
  conn->base_changes[conn->n_base_changes].old_base = old_base;
  conn->n_base_changes++;
}

/* Finds the conversation of `pkt` (creating it, or a new one for port
 * reuse, as Wireshark 4.0 does) and returns its index; *dir_out receives
 * the sender's direction, *is_new whether the conversation was created for
 * this segment, and `flags_out` gets HS_ANALYSIS_REUSED_PORTS if set. */
static guint
tracker_resolve (HsTcpTracker          *self,
                 guint32                frame,
                 gint64                 ts_ns,
                 const HsDecodedPacket *pkt,
                 guint                 *dir_out,
                 gboolean              *is_new,
                 guint16               *flags_out)
{
  HsConnKey key;
  HsSlot *slot;
  HsFlow *fwd;
  guint32 hash;
  guint16 flags = pkt->flags & 0x1ff;
  guint idx;
  guint dir;

  g_assert (self != NULL);
  g_assert (pkt != NULL);
  g_assert (dir_out != NULL && is_new != NULL && flags_out != NULL);

  *is_new = FALSE;

  key_from_packet (pkt, &key);
  hash = key_hash (&key);
  slot = table_lookup (self, &key, hash);
  if (slot->index1 == 0)
    {
      slot = table_insert (self, &key, hash, pkt, frame, ts_ns);
      idx = slot->index1 - 1;
      *is_new = TRUE;
    }
  else
    {
      idx = slot->index1 - 1;
      if (self->tracks[idx].placeholder)
        {
          /* the stream number a quoted header took: its first segment
           * starts it as if new (the header set no analysis state) */
          tracker_init_connection (self, idx, &key, pkt, frame, ts_ns);
          *is_new = TRUE;
        }
      else if (self->tracks[idx].detached)
        {
          /* the conversation a heuristic dissector created (see
           * vnc_heuristic_splits): found, but without TCP data */
          idx = tracker_new_connection (self, &key, pkt, frame, ts_ns);
          slot->index1 = idx + 1;
          self->tracks[idx].app_conversation = TRUE;
        }
    }

  dir = sender_direction (&self->conns[idx], pkt);
  fwd = &self->tracks[idx].flow[dir];

  /* Port reuse (Wireshark 4.0): a pure SYN with a new ISN on a direction
   * that has a base starts a new stream... */
  if ((flags & (HS_TCP_SYN | HS_TCP_ACK)) == HS_TCP_SYN && fwd->base_set)
    {
      if (pkt->seq != fwd->base_seq)
        {
          idx = tracker_new_connection (self, &key, pkt, frame, ts_ns);
          slot->index1 = idx + 1;
          dir = 0;
          *flags_out |= HS_ANALYSIS_REUSED_PORTS;
          self->conns[idx].completeness = 1;
        }
      else
        {
          /* ...a SYN with the same ISN stays, and its direction's next
           * sequence number is restored (measured, no flag in 4.0) */
          fwd->nextseq = fwd->maxseqtobeacked;
        }
    }
  /* ...while a SYN/ACK with a new ISN overwrites the base of its direction */
  else if ((flags & (HS_TCP_SYN | HS_TCP_ACK)) == (HS_TCP_SYN | HS_TCP_ACK) &&
           fwd->base_set &&
           pkt->seq != fwd->base_seq)
    {
      record_base_change (&self->conns[idx], frame, dir, fwd->base_seq);
      fwd->base_seq = pkt->seq;
      *flags_out |= HS_ANALYSIS_REUSED_PORTS;
    }

  *dir_out = dir;

  return idx;
}

void
hs_tcp_tracker_add (HsTcpTracker          *self,
                    guint32                frame,
                    gint64                 ts_ns,
                    guint32                orig_len,
                    const HsDecodedPacket *pkt,
                    HsPacketRecord        *rec)
{
  HsConnection *conn;
  HsTrack *track;
  HsFlow *fwd;
  HsFlow *rev;
  HsEndpoint *ep;
  HsVerdict v = { 0, };
  guint idx;
  guint dir;
  guint16 flags;
  guint32 seglen;
  gboolean is_new;
  guint8 completeness;
  HsTcpState sender_state;
  HsTcpState receiver_state;
  guint i;

  g_return_if_fail (self != NULL);
  g_return_if_fail (pkt != NULL);
  g_return_if_fail (rec != NULL);

  flags = pkt->flags & 0x1ff;
  seglen = pkt->payload_len;

  idx = tracker_resolve (self, frame, ts_ns, pkt, &dir, &is_new, &v.flags);
  conn = &self->conns[idx];
  track = &self->tracks[idx];
  fwd = &track->flow[dir];
  rev = &track->flow[!dir];

  /* This direction's SACK blocks are those of its latest segment */
  fwd->n_sack = 0;

  _hs_tcp_analyze_segment (track, fwd, rev, frame, ts_ns, pkt, &v);

  /* A data offset below 20 bytes, or an option Wireshark throws on: it
   * tracks the segment but gives up dissecting it before the analysis is
   * shown, so it has no flags, no acknowledged frame and counts in no
   * total */
  if (pkt->header_len < 20 || pkt->options_exception)
    {
      v.flags = 0;
      v.acks_frame = HS_NO_FRAME;
      v.dupack_frame = HS_NO_FRAME;
    }

  /* Window as Wireshark shows it: scaled with the sender's shift as known
   * before this segment's own options; SYNs never scaled */
  rec->window = pkt->window;
  rec->win_shift = 0;
  if (flags & HS_TCP_SYN)
    {
      rec->win_scale_state = 3;
    }
  else if (fwd->win_scale >= 0)
    {
      rec->win_scale_state = 0;
      rec->win_shift = (guint)fwd->win_scale & 0xf;
    }
  else
    {
      rec->win_scale_state = fwd->win_scale == -1 ? 1 : 2;
    }

  if (flags & HS_TCP_SYN)
    {
      if (!(flags & HS_TCP_ACK))
        track->ts_mru_syn = ts_ns;
      fwd->is_first_ack = TRUE;
    }

  /* iRTT: the first ACK without SYN after a pure SYN */
  if ((flags & (HS_TCP_SYN | HS_TCP_ACK)) == HS_TCP_ACK &&
      track->ts_mru_syn != 0 &&
      track->ts_first_rtt == 0)
    track->ts_first_rtt = (gint64)((guint64)ts_ns - (guint64)track->ts_mru_syn);

  if ((flags & (HS_TCP_SYN | HS_TCP_ACK)) == HS_TCP_ACK)
    fwd->is_first_ack = FALSE;

  /* Options (dissected after the checks in Wireshark) */
  if (pkt->has_wscale)
    fwd->win_scale = (gint8)MIN (pkt->wscale, 14);
  if (pkt->n_sack > 0)
    {
      fwd->n_sack = (guint8)MIN (pkt->n_sack, HS_MAX_SACK_STORED);
      for (i = 0; i < fwd->n_sack; i++)
        {
          fwd->sack_left[i] = pkt->sack_left[i];
          fwd->sack_right[i] = pkt->sack_right[i];
        }
    }

  /* MPTCP option kinds (mptcp_add_analysis_subtree ORs one bit per kind:
   * MP_CAPABLE 0x01, MP_JOIN 0x02, DSS 0x04, ADD_ADDR 0x08, ...).  The
   * decoder only says whether a segment has MPTCP options: a SYN's are
   * taken for MP_CAPABLE, any other's for DSS, the common cases. */
  if (pkt->has_mptcp)
    {
      track->has_mptcp = TRUE;
      track->mp_operations |= (flags & HS_TCP_SYN) ? 0x01 : 0x04;
    }

  /* verify_tcp_window_scaling */
  if (flags & HS_TCP_SYN)
    {
      if (fwd->win_scale == -1)
        {
          fwd->win_scale = -2;
          rev->win_scale = -2;
        }
      else if ((flags & HS_TCP_ACK) && rev->win_scale == -2)
        {
          fwd->win_scale = -2;
        }
    }

  /* tcp.completeness: a new conversation only counts a pure SYN (with
   * data: TFO); later segments add their bits */
  completeness = 0;
  if ((flags & (HS_TCP_SYN | HS_TCP_ACK)) == (HS_TCP_SYN | HS_TCP_ACK))
    completeness |= 2;
  if ((flags & (HS_TCP_SYN | HS_TCP_ACK)) == HS_TCP_ACK)
    completeness |= seglen > 0 ? 8 : 4;
  if ((flags & (HS_TCP_FIN | HS_TCP_ACK)) == (HS_TCP_FIN | HS_TCP_ACK))
    completeness |= 16;
  if (flags & HS_TCP_RST)
    completeness |= 32;
  if (is_new)
    {
      /* folded in by Wireshark's second pass only (hs_tcp_tracker_finish) */
      track->first_bits = completeness;
      completeness = 0;
      if ((flags & (HS_TCP_SYN | HS_TCP_ACK)) == HS_TCP_SYN)
        completeness = seglen > 0 ? 1 | 8 : 1;
    }
  conn->completeness |= completeness;

  /* Inferred RFC 9293 states */
  _hs_tcp_sides_update (&fwd->side, &rev->side, flags, pkt->seq, pkt->ack, seglen);

  /* Connection summary */
  ep = &conn->endpoint[dir];
  ep->packets++;
  ep->bytes += seglen;
  ep->wire_bytes += orig_len;
  if (flags & HS_TCP_SYN)
    ep->syn_seen = TRUE;
  if (flags & HS_TCP_FIN)
    ep->fin_seen = TRUE;
  if (flags & HS_TCP_RST)
    {
      ep->rst_seen = TRUE;
      if (conn->rst_by == 0)
        conn->rst_by = dir + 1;
    }
  if (pkt->has_mss)
    {
      ep->has_mss = TRUE;
      ep->mss = pkt->mss;
    }
  if (pkt->has_wscale)
    ep->has_wscale = TRUE;
  if (pkt->sack_permitted)
    ep->sack_permitted = TRUE;
  if (pkt->has_timestamps)
    ep->has_timestamps = TRUE;

  /* kept current, so relative numbers work before hs_tcp_tracker_finish() */
  conn->endpoint[dir].isn = fwd->base_seq;
  conn->endpoint[!dir].isn = rev->base_seq;
  conn->endpoint[dir].wscale = fwd->win_scale;
  conn->endpoint[!dir].wscale = rev->win_scale;

  conn->last_frame = frame;
  conn->last_ts_ns = ts_ns;
  conn->n_packets++;
  conn->irtt_ns = track->ts_first_rtt != 0 ? track->ts_first_rtt : -1;
  for (i = 0; i < HS_ANALYSIS_N_FLAGS; i++)
    {
      if (v.flags & (1u << i))
        conn->flag_counts[i]++;
    }

  if (!track->app_conversation && _hs_tcp_vnc_heuristic_splits (pkt, v.flags))
    track->detached = TRUE;

  /* the stream number SOCKS takes for the proxied bytes: no segment will
   * have it (conns may move: nothing of the old pointers is used after) */
  if (track->socks != HS_SOCKS_NONE &&
      _hs_tcp_socks_step (track, dir == track->socks_client, pkt, v.flags))
    {
      guint phantom = tracker_new_connection (self, &track->key, pkt, frame, ts_ns);

      self->tracks[phantom].placeholder = TRUE;
      self->tracks[phantom].socks = HS_SOCKS_NONE;
      conn = &self->conns[idx];
      track = &self->tracks[idx];
      fwd = &track->flow[dir];
      rev = &track->flow[!dir];
    }

  /* The record */
  rec->stream = conn->stream;
  rec->seq = pkt->seq;
  rec->ack = pkt->ack;
  rec->payload_len = seglen;
  rec->tcp_flags = flags;
  rec->direction = dir;
  rec->has_sack = pkt->n_sack > 0;
  rec->has_options = pkt->has_options ? 1 : 0;
  rec->analysis = v.flags;
  rec->related_frame = (v.flags & HS_ANALYSIS_DUPLICATE_ACK) ? v.dupack_frame : v.acks_frame;
  rec->dupack_acks_frame = (v.flags & HS_ANALYSIS_DUPLICATE_ACK) ? v.acks_frame : HS_NO_FRAME;
  /* one field holds both (see hs-packet-record.h) */
  if (v.flags & HS_ANALYSIS_DUPLICATE_ACK)
    rec->dupack_num = v.dupack_num;
  else
    rec->bytes_in_flight = v.bytes_in_flight;
  sender_state = _hs_tcp_side_state (&fwd->side, &rev->side);
  receiver_state = _hs_tcp_side_state (&rev->side, &fwd->side);
  rec->states = (guint8)(sender_state | (receiver_state << 4));
  conn->endpoint[dir].final_state = sender_state;
  conn->endpoint[!dir].final_state = receiver_state;
}

void
hs_tcp_tracker_add_quoted (HsTcpTracker          *self,
                           guint32                frame,
                           gint64                 ts_ns,
                           const HsDecodedPacket *pkt)
{
  HsConnKey key;
  HsSlot *slot;
  guint32 hash;
  guint idx;

  g_return_if_fail (self != NULL);
  g_return_if_fail (pkt != NULL && pkt->status == HS_DECODE_ICMP_QUOTED);

  /* Wireshark's TCP dissector stops before the conversation when it cannot
   * read up to the window */
  if (pkt->quoted_tcp_len < 16)
    return;

  key_from_packet (pkt, &key);
  hash = key_hash (&key);
  slot = table_lookup (self, &key, hash);
  if (slot->index1 != 0)
    return;                     /* a connection seen: its number */

  idx = table_insert (self, &key, hash, pkt, frame, ts_ns)->index1 - 1;
  self->tracks[idx].placeholder = TRUE;
  self->tracks[idx].socks = HS_SOCKS_NONE;
}

void
hs_tcp_tracker_add_header_only (HsTcpTracker          *self,
                                guint32                frame,
                                gint64                 ts_ns,
                                guint32                orig_len,
                                const HsDecodedPacket *pkt,
                                HsPacketRecord        *rec)
{
  HsConnection *conn;
  guint16 flags = 0;
  gboolean is_new;
  guint idx;
  guint dir;

  g_return_if_fail (self != NULL);
  g_return_if_fail (pkt != NULL);
  g_return_if_fail (rec != NULL);

  idx = tracker_resolve (self, frame, ts_ns, pkt, &dir, &is_new, &flags);
  conn = &self->conns[idx];

  conn->endpoint[dir].packets++;
  conn->endpoint[dir].wire_bytes += orig_len;
  conn->last_frame = frame;
  conn->last_ts_ns = ts_ns;
  conn->n_packets++;

  rec->stream = conn->stream;
  rec->seq = pkt->seq;
  rec->ack = pkt->ack;
  rec->payload_len = 0;
  rec->window = pkt->window;
  rec->win_shift = 0;
  rec->win_scale_state = 1;
  rec->tcp_flags = pkt->flags & 0x1ff;
  rec->direction = dir;
  rec->has_sack = FALSE;
  rec->has_options = pkt->has_options ? 1 : 0;
  rec->analysis = 0;
  rec->related_frame = 0;
  rec->bytes_in_flight = 0;
  rec->states = (guint8)(conn->endpoint[dir].final_state |
                         (conn->endpoint[!dir].final_state << 4));
}

static void
finish_connection (HsTcpTracker *self,
                   guint         i)
{
  HsConnection *conn = &self->conns[i];
  HsTrack *track = &self->tracks[i];
  guint d;

  g_assert (self != NULL);
  g_assert (i < self->n_conns);

  for (d = 0; d < 2; d++)
    {
      HsEndpoint *ep = &conn->endpoint[d];
      const HsFlow *flow = &track->flow[d];

      ep->final_state = _hs_tcp_side_state (&flow->side, &track->flow[!d].side);
      ep->wscale = flow->win_scale;
      ep->isn = flow->base_seq;
    }
  conn->conn_state = _hs_tcp_conn_state_of (conn, track);
  /* the value tshark -2 and the GUI show on the stream's last segment:
   * mid-stream, the first segment's bits count too (refolded on the
   * second pass, but shown only on later segments) */
  if (conn->n_packets > 1)
    conn->completeness |= track->first_bits;
  conn->irtt_ns = track->ts_first_rtt != 0 ? track->ts_first_rtt : -1;
}

void
hs_tcp_tracker_finish (HsTcpTracker *self)
{
  guint i;

  g_return_if_fail (self != NULL);

  for (i = 0; i < self->n_conns; i++)
    finish_connection (self, i);
}

void
hs_tcp_tracker_finish_stream (HsTcpTracker *self,
                              guint         stream)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (stream < self->n_conns);

  finish_connection (self, stream);
}

guint
hs_tcp_tracker_get_n_connections (HsTcpTracker *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_conns;
}

HsConnection *
hs_tcp_tracker_get_connection (HsTcpTracker *self,
                               guint         stream)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (stream >= self->n_conns)
    return NULL;

  return &self->conns[stream];
}

HsConnection *
hs_tcp_tracker_steal_connections (HsTcpTracker *self,
                                  guint        *n_out)
{
  HsConnection *conns;

  g_return_val_if_fail (self != NULL, NULL);

  conns = self->conns;
  if (n_out != NULL)
    *n_out = self->n_conns;

  self->conns = NULL;
  tracker_clear (self, FALSE);
  table_grow (self);

  return conns;
}

void
hs_connections_free (HsConnection *conns,
                     guint         n)
{
  guint i;

  if (conns == NULL)
    return;

  for (i = 0; i < n; i++)
    g_free (conns[i].base_changes);
  g_free (conns);
}

/* The base sequence number of direction `dir` in effect at `frame`. */
static guint32
connection_base (const HsConnection *conn,
                 guint               dir,
                 guint32             frame)
{
  guint32 base = conn->endpoint[dir].isn;
  guint i;

  for (i = conn->n_base_changes; i > 0; i--)
    {
      if (conn->base_changes[i - 1].dir == dir &&
          frame < conn->base_changes[i - 1].from_frame)
        base = conn->base_changes[i - 1].old_base;
    }

  return base;
}

guint32
hs_connection_relative_seq (const HsConnection   *conn,
                            guint32               frame,
                            const HsPacketRecord *rec)
{
  g_return_val_if_fail (conn != NULL, 0);
  g_return_val_if_fail (rec != NULL, 0);

  /* not analysed (hs_tcp_tracker_add_header_only): shown raw */
  if (rec->decode_status != HS_DECODE_TCP)
    return rec->seq;

  return rec->seq - connection_base (conn, rec->direction, frame);
}

guint32
hs_connection_relative_ack (const HsConnection   *conn,
                            guint32               frame,
                            const HsPacketRecord *rec)
{
  g_return_val_if_fail (conn != NULL, 0);
  g_return_val_if_fail (rec != NULL, 0);

  /* measured: without the ACK flag tshark shows the raw number; so it
   * does for segments it did not analyse */
  if (!(rec->tcp_flags & HS_TCP_ACK) || rec->decode_status != HS_DECODE_TCP)
    return rec->ack;

  return rec->ack - connection_base (conn, !rec->direction, frame);
}
