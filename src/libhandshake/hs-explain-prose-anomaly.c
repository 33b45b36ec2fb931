/* hs-explain-prose-anomaly.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One paragraph per analysis flag: duplicate ACKs and D-SACK,
 * retransmissions, out of order, lost segments, window problems,
 * keep-alives, reused ports. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hs-explain-prose-private.h"

/* "13, 15 and 17": the frames of the duplicate ACKs a fast retransmission
 * answers (the run of the peer's dup ACKs asking for this sequence number). */
static char *
dup_ack_frames (Explain *e,
                guint   *n_out)
{
  const HsPacketRecord *rec = e->st.rec;
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (guint));
  GString *str;
  guint steps = 0;
  guint i;

  for (i = e->st.pos; i > 0 && steps < SEARCH_LIMIT; i--, steps++)
    {
      const HsPacketRecord *r = stream_record (&e->st, i - 1);
      guint frame = frame_of (e, i - 1);

      if (r->direction == rec->direction)
        continue;
      if (r->ack != rec->seq)
        break;
      if (r->analysis & HS_ANALYSIS_DUPLICATE_ACK)
        g_array_prepend_val (frames, frame);
    }

  *n_out = frames->len;
  if (frames->len == 0)
    return NULL;

  str = g_string_new (NULL);
  for (i = 0; i < frames->len; i++)
    {
      if (i > 0)
        g_string_append (str, i + 1 == frames->len ? _(" and ") : _(", "));
      g_string_append_printf (str, "%u", g_array_index (frames, guint, i));
    }

  return g_string_free (str, FALSE);
}

/* Whether the first SACK block of the packet is a D-SACK (RFC 2883 4): it
 * lies below the ACK number, or inside the second block. */
static gboolean
first_sack_is_dsack (const Explain *e)
{
  const HsDecodedPacket *dec = &e->d.dec;

  if (!e->d.ok || dec->n_sack == 0)
    return FALSE;
  if (SEQ_LE (dec->sack_right[0], e->st.rec->ack))
    return TRUE;
  return dec->n_sack > 1 && SEQ_LE (dec->sack_left[1], dec->sack_left[0]) &&
         SEQ_LE (dec->sack_right[0], dec->sack_right[1]);
}

/* "1–1000, 2897–4344": the packet's SACK blocks from `first` on, in the
 * peer's relative numbers. */
static char *
sack_blocks_text (const Explain *e,
                  guint          first)
{
  const HsDecodedPacket *dec = &e->d.dec;
  guint dir = e->st.rec->direction;
  GString *blocks = g_string_new (NULL);
  guint i;

  for (i = first; i < dec->n_sack; i++)
    {
      if (i > first)
        g_string_append (blocks, _(", "));
      g_string_append_printf (blocks, "%u–%u", rel (e, !dir, dec->sack_left[i]),
                              rel (e, !dir, dec->sack_right[i]) - 1);
    }

  return g_string_free (blocks, FALSE);
}

/* A duplicate ACK whose first SACK block is a D-SACK: the receiver got
 * those bytes twice; nothing is missing below the ACK number. */
static void
explain_dsack (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  const HsDecodedPacket *dec = &e->d.dec;
  guint dir = rec->direction;
  guint32 left = dec->sack_left[0];
  guint32 right = dec->sack_right[0];
  guint copy = G_MAXUINT;
  guint steps = 0;
  GString *str = g_string_new (NULL);
  guint i;

  /* the latest copy of those bytes the capture saw arrive */
  for (i = e->st.pos; i > 0 && steps < SEARCH_LIMIT; i--, steps++)
    {
      const HsPacketRecord *r = stream_record (&e->st, i - 1);

      if (r->direction != dir && r->payload_len > 0 && SEQ_LE (r->seq, left) &&
          SEQ_LE (right, r->seq + r->payload_len))
        {
          copy = i - 1;
          break;
        }
    }

  if (SEQ_LE (right, rec->ack))
    g_string_append_printf (str, _("This is duplicate ACK #%u of frame %u, and its first SACK "
                                   "block (bytes %u–%u) is a D-SACK (duplicate SACK, RFC 2883): "
                                   "it lies below the ACK number (%u), so it reports data that "
                                   "%s received twice."),
                            hs_packet_record_dupack_num (rec), rec->related_frame,
                            rel (e, !dir, left), rel (e, !dir, right) - 1, e->rack, e->who[dir]);
  else
    g_string_append_printf (str, _("This is duplicate ACK #%u of frame %u, and its first SACK "
                                   "block (bytes %u–%u) is a D-SACK (duplicate SACK, RFC 2883): "
                                   "it lies inside its second SACK block, so it reports data "
                                   "that %s received twice."),
                            hs_packet_record_dupack_num (rec), rec->related_frame,
                            rel (e, !dir, left), rel (e, !dir, right) - 1, e->who[dir]);

  if (copy != G_MAXUINT && (stream_record (&e->st, copy)->analysis & RETRANSMISSION_FAMILY))
    {
      _hs_append_sentence_space (str);
      g_string_append_printf (str, _("The second copy is the retransmission of frame %u: the "
                                     "first one had arrived, so that retransmission was not "
                                     "needed (spurious)."),
                              frame_of (e, copy));
    }
  else
    {
      _hs_append_sentence_space (str);
      g_string_append (str, _("Most often the second copy is a spurious retransmission: the "
                              "first one had arrived, but its ACK came too late or was lost."));
    }

  _hs_append_sentence_space (str);
  if (SEQ_LE (right, rec->ack) && dec->n_sack == 1)
    {
      g_string_append_printf (str, _("Nothing is missing: %s has every byte before %u, and "
                                     "this ACK repeats the last one only to carry the "
                                     "D-SACK."),
                              e->who[dir], e->rack);
    }
  else
    {
      g_autofree char *blocks = sack_blocks_text (e, 1);

      g_string_append_printf (str, _("%s is still waiting for bytes %u onwards; its other SACK "
                                     "blocks tell which later bytes did arrive: %s."),
                              e->Who[dir], e->rack, blocks);
    }

  para (e, g_string_free (str, FALSE));
}

void
_hs_explain_dup_ack (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  guint dir = rec->direction;
  guint n = hs_packet_record_dupack_num (rec);
  GString *str = g_string_new (NULL);
  guint i;

  g_assert (e != NULL);
  g_assert (e->st.conn != NULL);

  if (first_sack_is_dsack (e))
    {
      g_string_free (str, TRUE);
      explain_dsack (e);
      return;
    }

  g_string_append_printf (str, _("This is duplicate ACK #%u of frame %u: %s again acknowledges "
                                 "only up to byte %u because a segment after it has not "
                                 "arrived; it is still waiting for bytes %u onwards."),
                          n, rec->related_frame, e->who[dir], e->rack, e->rack);

  if (e->d.ok && e->d.dec.n_sack > 0)
    {
      g_autofree char *blocks = sack_blocks_text (e, 0);

      _hs_append_sentence_space (str);
      g_string_append_printf (str, _("Its SACK option tells %s which later bytes did arrive: "
                                     "%s."), e->who[!dir], blocks);
    }

  _hs_append_sentence_space (str);
  if (n < 3)
    {
      g_string_append (str, _("Three duplicate ACKs make the sender retransmit the missing "
                              "segment at once (fast retransmission)."));
    }
  else
    {
      guint fast = G_MAXUINT;

      for (i = e->st.pos + 1; i < e->st.n_pkts && i - e->st.pos <= SEARCH_LIMIT; i++)
        {
          const HsPacketRecord *r = stream_record (&e->st, i);

          if (r->direction != dir && r->seq == rec->ack &&
              (r->analysis & HS_ANALYSIS_FAST_RETRANSMISSION))
            {
              fast = i;
              break;
            }
        }

      if (fast != G_MAXUINT)
        g_string_append_printf (str, _("After three duplicate ACKs the sender should resend "
                                       "byte %u at once, without waiting for its timer (fast "
                                       "retransmission); it does so in frame %u."),
                                e->rack, frame_of (e, fast));
      else
        g_string_append_printf (str, _("After three duplicate ACKs the sender should resend "
                                       "byte %u at once, without waiting for its timer (fast "
                                       "retransmission)."),
                                e->rack);
    }

  para (e, g_string_free (str, FALSE));
}

void
_hs_explain_retransmission (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  guint dir = rec->direction;
  guint orig = hs_capture_find_original (e->st.capture, e->st.index);
  guint32 last = e->rseq + rec->payload_len - 1;
  const char *ago = NULL;

  g_assert (e != NULL);
  g_assert (e->st.conn != NULL);

  if (orig != G_MAXUINT)
    ago = duration (e->pool, rec->ts_ns - hs_capture_get_record (e->st.capture, orig)->ts_ns);

  if (rec->payload_len == 0 &&
      (rec->tcp_flags & (HS_TCP_SYN | HS_TCP_ACK)) == (HS_TCP_SYN | HS_TCP_ACK))
    {
      if (orig != G_MAXUINT)
        para (e, g_strdup_printf (_("Retransmission: this SYN/ACK was already sent in frame %u, "
                                    "%s earlier, and it was not acknowledged in time, so %s "
                                    "sends it again."), orig + 1, ago, e->who[dir]));
      else
        para (e, g_strdup_printf (_("Retransmission: this SYN/ACK was sent before and not "
                                    "acknowledged in time, so %s sends it again."),
                                  e->who[dir]));
      return;
    }

  if (rec->payload_len == 0 && (rec->tcp_flags & HS_TCP_SYN))
    {
      if (orig != G_MAXUINT)
        para (e, g_strdup_printf (_("Retransmission: this SYN was already sent in frame %u, %s "
                                    "earlier, and no answer arrived in time, so %s sends it "
                                    "again."), orig + 1, ago, e->who[dir]));
      else
        para (e, g_strdup_printf (_("Retransmission: this SYN was sent before, and no answer "
                                    "arrived in time, so %s sends it again."), e->who[dir]));
      return;
    }

  if (rec->payload_len == 0)
    {
      if (orig != G_MAXUINT)
        para (e, g_strdup_printf (_("Retransmission: this FIN was already sent in frame %u, %s "
                                    "earlier, and was not acknowledged in time, so %s sends it "
                                    "again."), orig + 1, ago, e->who[dir]));
      else
        para (e, g_strdup_printf (_("Retransmission: this FIN was sent before and not "
                                    "acknowledged in time, so %s sends it again."),
                                  e->who[dir]));
      return;
    }

  if (orig != G_MAXUINT)
    para (e, g_strdup_printf (_("Retransmission: bytes %u–%u were already sent in frame %u, %s "
                                "earlier. No acknowledgement for them arrived in time (the "
                                "retransmission timer expired), so %s sends them again."),
                              e->rseq, last, orig + 1, ago, e->who[dir]));
  else
    para (e, g_strdup_printf (_("Retransmission: %s already sent bytes %u–%u before, but that "
                                "first transmission is not in the capture. No acknowledgement "
                                "arrived in time, so it sends them again."),
                              e->who[dir], e->rseq, last));
}

void
_hs_explain_fast_retransmission (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  guint dir = rec->direction;
  guint orig = hs_capture_find_original (e->st.capture, e->st.index);
  guint32 last = e->rseq + rec->payload_len - 1;
  guint n_dup = 0;
  g_autofree char *frames = dup_ack_frames (e, &n_dup);
  g_autofree char *dups = NULL;
  GString *str = g_string_new (NULL);

  g_assert (e != NULL);
  g_assert (e->st.conn != NULL);

  if (frames != NULL)
    dups = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u duplicate ACK (frame %s)",
                                         "%u duplicate ACKs (frames %s)", n_dup),
                            n_dup, frames);
  else
    dups = g_strdup (_("duplicate ACKs"));

  g_string_append_printf (str, _("Fast retransmission: %s received %s asking for byte %u, so "
                                 "it resends bytes %u–%u at once, without waiting for its "
                                 "retransmission timer."),
                          e->who[dir], dups, e->rseq, e->rseq, last);
  if (orig != G_MAXUINT)
    {
      _hs_append_sentence_space (str);
      g_string_append_printf (str, _("They were first sent in frame %u, %s earlier."), orig + 1,
                              duration (e->pool, rec->ts_ns -
                                                 hs_capture_get_record (e->st.capture,
                                                                        orig)->ts_ns));
    }

  para (e, g_string_free (str, FALSE));
}

void
_hs_explain_spurious (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  guint dir = rec->direction;
  guint32 end = segment_end (rec);
  guint orig = hs_capture_find_original (e->st.capture, e->st.index);
  guint found = G_MAXUINT;
  guint steps = 0;
  guint i;
  GString *str = g_string_new (NULL);

  g_assert (e != NULL);
  g_assert (e->st.conn != NULL);

  /* the earliest of the peer's latest ACKs that already covered the data */
  for (i = e->st.pos; i > 0 && steps < SEARCH_LIMIT; i--, steps++)
    {
      const HsPacketRecord *r = stream_record (&e->st, i - 1);

      if (r->direction == dir || !(r->tcp_flags & HS_TCP_ACK))
        continue;
      if (!SEQ_LE (end, r->ack))
        break;
      found = i - 1;
    }

  if (found != G_MAXUINT)
    g_string_append_printf (str, _("Spurious retransmission: %s had already acknowledged these "
                                   "bytes (frame %u acknowledged everything up to byte %u) "
                                   "before this copy was sent, so sending them again was not "
                                   "necessary."),
                            e->who[!dir], frame_of (e, found),
                            rel (e, dir, stream_record (&e->st, found)->ack));
  else
    g_string_append_printf (str, _("Spurious retransmission: %s had already acknowledged these "
                                   "bytes before this copy was sent, so sending them again was "
                                   "not necessary."), e->who[!dir]);

  _hs_append_sentence_space (str);
  g_string_append (str, _("Usually the ACK was delayed or lost on its way back, or the "
                          "sender’s retransmission timer was too short."));

  if (orig != G_MAXUINT)
    {
      _hs_append_sentence_space (str);
      g_string_append_printf (str, _("The data was first sent in frame %u."), orig + 1);
    }

  para (e, g_string_free (str, FALSE));
}

/* Wireshark 4.0 calls a segment out-of-order by timing alone: it comes
 * before data sent earlier, less than the initial RTT (or 3 ms) after that
 * data.  Say only what the capture shows: a copy seen before makes it a
 * retransmission; ACKs that asked for it make it a retransmission when it
 * came a round trip later; otherwise it was reordered or resent. */
void
_hs_explain_out_of_order (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  guint dir = rec->direction;
  guint32 last = e->rseq + MAX (rec->payload_len, 1u) - 1;
  gint64 irtt = e->st.conn->irtt_ns;
  guint copy = G_MAXUINT;
  guint asked = G_MAXUINT;
  guint n_dup = 0;
  guint steps = 0;
  guint32 end = 0;
  guint pos = G_MAXUINT;
  gboolean has_later;
  g_autofree char *later = NULL;
  GString *str = g_string_new (NULL);
  guint i;

  g_assert (e != NULL);
  g_assert (e->st.conn != NULL);

  has_later = _hs_stream_prev_max_end (&e->st, dir, FALSE, &end, &pos);
  if (has_later)
    later = g_strdup_printf (_("%s had already sent data up to byte %u (frame %u), %s before"),
                             e->who[dir], rel (e, dir, end) - 1, frame_of (e, pos),
                             duration (e->pool, ns_since (e, pos)));

  for (i = e->st.pos; i > 0 && steps < SEARCH_LIMIT; i--, steps++)
    {
      const HsPacketRecord *r = stream_record (&e->st, i - 1);

      if (r->direction == dir && r->payload_len > 0 && SEQ_LE (r->seq, rec->seq) &&
          SEQ_LT (rec->seq, r->seq + r->payload_len))
        {
          copy = i - 1;
          break;
        }
      /* the receiver's ACKs that reported the gap: dup ACKs, SACK blocks */
      if (r->direction != dir && (r->tcp_flags & HS_TCP_ACK) && r->ack == rec->seq &&
          ((r->analysis & HS_ANALYSIS_DUPLICATE_ACK) || r->has_sack))
        {
          asked = i - 1;
          if (r->analysis & HS_ANALYSIS_DUPLICATE_ACK)
            n_dup++;
        }
    }

  if (copy != G_MAXUINT)
    {
      g_string_append_printf (str, _("Out-of-order, as Wireshark 4.0 calls it: bytes %u–%u were "
                                     "already sent in frame %u, %s earlier, so this is a second "
                                     "copy of them, a retransmission."),
                              e->rseq, last, frame_of (e, copy),
                              duration (e->pool, ns_since (e, copy)));
    }
  else if (asked != G_MAXUINT && n_dup > 0)
    {
      g_autofree char *ago = g_strdup (duration (e->pool, ns_since (e, asked)));

      g_string_append_printf (str, g_dngettext (GETTEXT_PACKAGE,
                                                "Out-of-order, as Wireshark 4.0 calls it: this "
                                                "segment (bytes %u–%u) fills the gap that %s "
                                                "reported: from frame %u on, %s acknowledged "
                                                "only up to byte %u while later data arrived "
                                                "(%u duplicate ACK).",
                                                "Out-of-order, as Wireshark 4.0 calls it: this "
                                                "segment (bytes %u–%u) fills the gap that %s "
                                                "reported: from frame %u on, %s acknowledged "
                                                "only up to byte %u while later data arrived "
                                                "(%u duplicate ACKs).", n_dup),
                              e->rseq, last, e->who[!dir], frame_of (e, asked), e->who[!dir],
                              e->rseq, n_dup);
      _hs_append_sentence_space (str);
      if (irtt > 0 && ns_since (e, asked) * 2 >= irtt)
        g_string_append_printf (str, _("It comes %s after the first of those ACKs, about a round "
                                       "trip later, so it is most likely the retransmission "
                                       "(often a fast retransmission) of a segment lost before "
                                       "the capture point, whose first copy the capture never "
                                       "saw."),
                                ago);
      else
        g_string_append_printf (str, _("It comes %s after the first of those ACKs: either it was "
                                       "delayed and overtaken on the way (reordered), or it is "
                                       "the retransmission of a segment lost before the capture "
                                       "point."),
                                ago);
    }
  else if (has_later)
    {
      g_string_append_printf (str, _("Out-of-order: this segment carries bytes %u–%u, but %s: it "
                                     "arrived after later data. Either it was delayed and "
                                     "overtaken on the way (reordered), or it is the "
                                     "retransmission of a segment lost before the capture "
                                     "point, whose first copy the capture never saw."),
                              e->rseq, last, later);
    }
  else
    {
      g_string_append_printf (str, _("Out-of-order: this segment carries bytes %u–%u, which come "
                                     "before data %s had already sent."),
                              e->rseq, last, e->who[dir]);
    }

  if (later != NULL && (copy != G_MAXUINT || (asked != G_MAXUINT && n_dup > 0)))
    {
      _hs_append_sentence_space (str);
      if (irtt > 0)
        g_string_append_printf (str, _("Wireshark decides by timing alone: %s, less than the "
                                       "connection’s initial round-trip time (%s), so it says "
                                       "out-of-order rather than retransmission."),
                                later, duration (e->pool, irtt));
      else
        g_string_append_printf (str, _("Wireshark decides by timing alone: %s, less than 3 ms "
                                       "(the connection’s initial round-trip time is not "
                                       "known), so it says out-of-order rather than "
                                       "retransmission."),
                                later);
    }

  para (e, g_string_free (str, FALSE));
}

void
_hs_explain_lost (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  guint dir = rec->direction;
  guint32 end;
  guint pos;

  g_assert (e != NULL);
  g_assert (e->st.conn != NULL);

  if (_hs_stream_prev_max_end (&e->st, dir, FALSE, &end, &pos) && SEQ_LT (end, rec->seq))
    para (e, g_strdup_printf (_("Previous segment not captured: this segment starts at byte "
                                "%u, but the data %s sent before ended at byte %u (frame %u). "
                                "The %s in between (bytes %u–%u) are missing from the capture: "
                                "they were lost on the way (then a retransmission will follow) "
                                "or the capture missed them."),
                              e->rseq, e->who[dir], rel (e, dir, end) - 1, frame_of (e, pos),
                              count_bytes (e->pool, rec->seq - end), rel (e, dir, end),
                              e->rseq - 1));
  else
    para (e, g_strdup_printf (_("Previous segment not captured: this segment starts at byte "
                                "%u, after data from %s that is missing from the capture."),
                              e->rseq, e->who[dir]));
}

void
_hs_explain_ack_unseen (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  guint dir = rec->direction;
  guint32 end;
  guint pos;

  g_assert (e != NULL);
  g_assert (e->st.conn != NULL);

  if (_hs_stream_prev_max_end (&e->st, !dir, TRUE, &end, &pos) && SEQ_LE (rec->ack, end))
    para (e, g_strdup_printf (_("ACKed unseen segment: Wireshark flags this ACK (Ack=%u), but "
                                "the capture did see all the data it acknowledges (frame %u). "
                                "This is a known false alarm of Wireshark 4.0, after a segment "
                                "that overlaps data sent before or a zero-window probe byte "
                                "the receiver kept."),
                              e->rack, frame_of (e, pos)));
  else if (_hs_stream_prev_max_end (&e->st, !dir, TRUE, &end, &pos))
    para (e, g_strdup_printf (_("ACKed unseen segment: this ACK says that %s has every byte "
                                "before %u, but the capture has seen data from %s only up to "
                                "byte %u. The receiver got segments that are not in the "
                                "capture: the capture point missed them (it started late, "
                                "dropped packets, or the traffic took another path)."),
                              e->who[dir], e->rack, e->who[!dir], rel (e, !dir, end) - 1));
  else
    para (e, g_strdup_printf (_("ACKed unseen segment: this ACK acknowledges data from %s that "
                                "the capture never saw: the capture point missed those "
                                "segments."), e->who[!dir]));
}

void
_hs_explain_zero_window (Explain *e)
{
  guint dir = e->st.rec->direction;

  g_assert (e != NULL);
  g_assert (e->st.conn != NULL);

  para (e, g_strdup_printf (_("Zero window: %s advertises a receive window of 0 bytes. Its "
                              "receive buffer is full because the application is not reading "
                              "the data fast enough. %s must stop sending data; it probes the "
                              "window from time to time (zero-window probes) until the window "
                              "opens again (a window update)."),
                            e->who[dir], e->Who[!dir]));
}

void
_hs_explain_zero_window_probe (Explain *e)
{
  guint dir = e->st.rec->direction;
  guint zw = _hs_stream_find_prev (&e->st, !dir, HS_ANALYSIS_ZERO_WINDOW, 0);

  g_assert (e != NULL);
  g_assert (e->st.conn != NULL);

  if (zw != G_MAXUINT)
    para (e, g_strdup_printf (_("Zero-window probe: the window of %s is 0 (frame %u), so %s "
                                "sends a single byte (byte %u) to ask whether there is room "
                                "again. The answer carries the current window."),
                              e->who[!dir], frame_of (e, zw), e->who[dir], e->rseq));
  else
    para (e, g_strdup_printf (_("Zero-window probe: the window of %s is 0, so %s sends a "
                                "single byte (byte %u) to ask whether there is room again. The "
                                "answer carries the current window."),
                              e->who[!dir], e->who[dir], e->rseq));
}

void
_hs_explain_zero_window_probe_ack (Explain *e)
{
  guint dir = e->st.rec->direction;
  guint probe = _hs_stream_find_prev (&e->st, !dir, HS_ANALYSIS_ZERO_WINDOW_PROBE, 0);

  g_assert (e != NULL);
  g_assert (e->st.conn != NULL);

  if (probe != G_MAXUINT)
    para (e, g_strdup_printf (_("Zero-window probe ACK: %s answers the probe of frame %u: its "
                                "window is still 0, so %s must keep waiting."),
                              e->who[dir], frame_of (e, probe), e->who[!dir]));
  else
    para (e, g_strdup_printf (_("Zero-window probe ACK: %s answers a zero-window probe: its "
                                "window is still 0, so %s must keep waiting."),
                              e->who[dir], e->who[!dir]));
}

void
_hs_explain_window_full (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  guint dir = rec->direction;
  guint peer = _hs_stream_find_prev (&e->st, !dir, 0, 0);
  GString *str = g_string_new (NULL);

  g_assert (e != NULL);
  g_assert (e->st.conn != NULL);

  if (peer != G_MAXUINT)
    {
      const HsPacketRecord *p = stream_record (&e->st, peer);

      guint32 allowed = rel (e, dir, p->ack) + hs_packet_record_window (p);

      g_string_append_printf (str, _("Window full: this segment fills the receive window of %s "
                                     "exactly. The last acknowledgement (%u, frame %u) plus the "
                                     "advertised window (%s) allow bytes up to %u, and this "
                                     "segment ends at byte %u."),
                              e->who[!dir], rel (e, dir, p->ack), frame_of (e, peer),
                              count_bytes (e->pool, hs_packet_record_window (p)),
                              allowed - 1, e->rseq + rec->payload_len - 1);
    }
  else
    g_string_append_printf (str, _("Window full: this segment fills the receive window of %s "
                                   "exactly."), e->who[!dir]);

  _hs_append_sentence_space (str);
  g_string_append_printf (str, _("%s cannot send more until %s acknowledges data or opens its "
                                 "window. This is seen from where the capture was taken: ACKs "
                                 "already on their way may have moved the window."),
                          e->Who[dir], e->who[!dir]);

  para (e, g_string_free (str, FALSE));
}

void
_hs_explain_window_update (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  guint dir = rec->direction;
  guint prev = _hs_stream_find_prev (&e->st, dir, 0, 0);
  guint32 now = hs_packet_record_window (rec);

  g_assert (e != NULL);
  g_assert (e->st.conn != NULL);

  /* with SACK blocks it says more than its window: a gap */
  if (prev != G_MAXUINT && e->d.ok && e->d.dec.n_sack > 0 && !first_sack_is_dsack (e))
    {
      g_autofree char *blocks = sack_blocks_text (e, 0);
      guint32 before = hs_packet_record_window (stream_record (&e->st, prev));

      para (e, g_strdup_printf (_("Window update: %s acknowledges nothing new, but its receive "
                                  "window changed from %s to %s. Its SACK option tells %s which "
                                  "later bytes did arrive (%s): it is still waiting for bytes "
                                  "%u onwards."),
                                e->who[dir], count_bytes (e->pool, before),
                                count_bytes (e->pool, now), e->who[!dir], blocks, e->rack));
    }
  else if (prev != G_MAXUINT)
    {
      guint32 before = hs_packet_record_window (stream_record (&e->st, prev));

      if (before == 0)
        para (e, g_strdup_printf (_("Window update: %s sends no data and acknowledges nothing "
                                    "new; it only announces that its receive window grew from "
                                    "0 to %s. The window is open again, so %s may send data "
                                    "again."),
                                  e->who[dir], count_bytes (e->pool, now), e->who[!dir]));
      else
        para (e, g_strdup_printf (_("Window update: %s sends no data and acknowledges nothing "
                                    "new; it only announces that its receive window changed "
                                    "from %s to %s."),
                                  e->who[dir], count_bytes (e->pool, before),
                                  count_bytes (e->pool, now)));
    }
  else
    para (e, g_strdup_printf (_("Window update: %s only announces a new receive window of %s."),
                              e->who[dir], count_bytes (e->pool, now)));
}

/* The peer's last packet before this keep-alive, when it advertised a
 * zero window (G_MAXUINT otherwise): Linux probes a zero window with a
 * keep-alive's shape, and Wireshark 4.0 flags it as a keep-alive
 * (TCP-ANALYSIS.md 1.1). */
static guint
stream_zero_window_before (const Stream *st)
{
  guint peer = _hs_stream_find_prev (st, !st->rec->direction, 0, 0);

  if (peer != G_MAXUINT && stream_record (st, peer)->window == 0 &&
      !(stream_record (st, peer)->tcp_flags & (HS_TCP_SYN | HS_TCP_FIN | HS_TCP_RST)))
    return peer;
  return G_MAXUINT;
}

gboolean
hs_explain_keep_alive_probes_window (HsCapture *capture,
                                     guint      index)
{
  Stream st;

  g_return_val_if_fail (HS_IS_CAPTURE (capture), FALSE);

  return _hs_stream_init (&st, capture, index) &&
         (st.rec->analysis & HS_ANALYSIS_KEEP_ALIVE) &&
         stream_zero_window_before (&st) != G_MAXUINT;
}

void
_hs_explain_keep_alive (Explain *e)
{
  const HsPacketRecord *rec = e->st.rec;
  guint dir = rec->direction;
  guint peer = stream_zero_window_before (&e->st);

  g_assert (e != NULL);
  g_assert (e->st.conn != NULL);

  if (peer != G_MAXUINT)
    {
      GString *str = g_string_new (NULL);

      g_string_append_printf (str, _("Zero-window probe: the window of %s is 0 (frame %u), so %s "
                                     "asks whether it has opened again."),
                              e->who[!dir], frame_of (e, peer), e->who[dir]);
      _hs_append_sentence_space (str);
      if (rec->payload_len == 0)
        g_string_append_printf (str, _("Linux probes a zero window with an old byte: the "
                                       "segment carries no data, and its sequence number (%u) "
                                       "is that of the last byte %s has already acknowledged, "
                                       "one below the next byte %s would send."),
                                e->rseq, e->who[!dir], e->who[dir]);
      else
        g_string_append_printf (str, _("It probes with an old byte: it sends byte %u again, "
                                       "which %s has already acknowledged, one below the next "
                                       "byte %s would send."),
                                e->rseq, e->who[!dir], e->who[dir]);
      _hs_append_sentence_space (str);
      g_string_append_printf (str, _("Such an old segment makes %s answer at once with an ACK "
                                     "that carries its current window. Wireshark 4.0 calls only "
                                     "a probe that carries the next new byte a zero-window "
                                     "probe; this one has the shape of a keep-alive, so it is "
                                     "flagged as one."),
                              e->who[!dir]);
      para (e, g_string_free (str, FALSE));
      return;
    }

  para (e, g_strdup_printf (_("Keep-alive: %s sends a segment whose sequence number (%u) is "
                              "one below the next byte it would send, carrying no new data. "
                              "After a quiet period it checks this way that %s is still there; "
                              "the answer is an ACK (a keep-alive ACK)."),
                            e->who[dir], e->rseq, e->who[!dir]));
}

void
_hs_explain_keep_alive_ack (Explain *e)
{
  guint dir = e->st.rec->direction;
  guint ka = _hs_stream_find_prev (&e->st, !dir, HS_ANALYSIS_KEEP_ALIVE, 0);

  g_assert (e != NULL);
  g_assert (e->st.conn != NULL);

  if (ka != G_MAXUINT)
    para (e, g_strdup_printf (_("Keep-alive ACK: %s answers the keep-alive of frame %u: the "
                                "connection is still alive."), e->who[dir], frame_of (e, ka)));
  else
    para (e, g_strdup_printf (_("Keep-alive ACK: %s answers a keep-alive: the connection is "
                                "still alive."), e->who[dir]));
}

void
_hs_explain_reused_ports (Explain *e)
{
  const HsConnection *conn = e->st.conn;
  guint found = G_MAXUINT;
  guint i;

  g_assert (e != NULL);
  g_assert (e->st.conn != NULL);

  for (i = conn->stream; i > 0 && conn->stream - i < SEARCH_LIMIT; i--)
    {
      if (_hs_connection_between (hs_capture_get_connection (e->st.capture, i - 1),
                                  conn->ip_version, conn->endpoint[0].addr,
                                  conn->endpoint[0].port, conn->endpoint[1].addr,
                                  conn->endpoint[1].port))
        {
          found = i - 1;
          break;
        }
    }

  if (e->st.rec->tcp_flags & HS_TCP_ACK)
    para (e, g_strdup (_("Port numbers reused: this SYN/ACK answers with a new initial sequence "
                         "number on the same addresses and ports, so it belongs to a new "
                         "connection. Wireshark 4.0 keeps it in the same stream, and the "
                         "relative numbers after it follow the new sequence numbers.")));
  else if (found != G_MAXUINT)
    para (e, g_strdup_printf (_("Port numbers reused: this SYN uses the same addresses and "
                                "ports as an earlier connection (stream %u) but a new initial "
                                "sequence number, so a new connection starts here (stream "
                                "%u)."), found, conn->stream));
  else
    para (e, g_strdup (_("Port numbers reused: this SYN uses the same addresses and ports as an "
                         "earlier connection but a new initial sequence number, so a new "
                         "connection starts here.")));
}
