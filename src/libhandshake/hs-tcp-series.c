/* hs-tcp-series.c
 *
 * Copyright 2026 Handshake developers
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

/* The time series the graphs draw, computed from the packet records of one
 * connection in one pass over its packet index (hs_capture_get_stream_packets).
 * Only the time-sequence series reads packet bytes, and only for ACKs that
 * carry SACK blocks (the record keeps just a has_sack bit).  Those are read
 * through one reader moving forward in file order (sack_reader_read), not
 * with hs_capture_read_packet(), which opens the file and fills a fresh
 * megabyte buffer for every packet.
 *
 * What each series takes, packet by packet (`dir` = the graphed direction):
 *
 *  - Every series leaves out the packets the tracker did not analyse
 *    (decode_status != HS_DECODE_TCP: a TCP header whose segment length
 *    cannot be known).  Wireshark gives those no length, no relative numbers
 *    and no window scaling.
 *  - Window: each packet `dir` sends, except RSTs (a RST's window field
 *    advertises nothing, and Wireshark's own window graph and Zero Window
 *    rule ignore it), valued hs_packet_record_window(): scaled when the
 *    scale applies, raw on SYN and SYN/ACK (never scaled) and when the scale
 *    is unknown (win_scale_state 1, which sets *scale_unknown) or unused.
 *  - Bytes in flight: each packet of `dir` whose record reports it
 *    (hs_packet_record_bytes_in_flight() != 0; the tracker reports it only
 *    on segments carrying data, as Wireshark does), valued in bytes.
 *  - RTT: each packet of the other direction whose acknowledged frame
 *    (tcp.analysis.acks_frame, hs_packet_record_acks_frame(): a duplicate
 *    ACK may have one) is a packet of `dir` in this connection: value = its
 *    time minus that frame's, in seconds.  The ACK flag is not required,
 *    because Wireshark matches ACK numbers on every segment; these are the
 *    rows of `handshake-cli analyze` with an acked_frame, their ack_rtt (left
 *    out there when it is 0).
 *  - Throughput / goodput: one point per segment of `dir` with payload;
 *    value = payload bytes of the segments of `dir` whose time lies in
 *    (t - window, t], divided by the window in seconds.  Goodput counts no
 *    byte of a segment flagged Retransmission, Fast Retransmission or
 *    Spurious Retransmission (the segment still has its point).  Two
 *    pointers over the time-ordered segments: O(n).
 *  - Time-sequence segments: each packet of `dir` with payload or with SYN,
 *    FIN or RST; seq = hs_capture_relative_seq(), len = payload length (1 for
 *    a SYN or FIN without payload, 0 for a bare RST).  Marks come from the
 *    flags and the analysis bits.
 *  - Time-sequence ACKs: each packet of the other direction with the ACK
 *    flag (RST/ACK included: its ACK number is real); ack =
 *    hs_capture_relative_ack(), win_edge = ack + hs_packet_record_window()
 *    (modulo 2^32), dup_ack = hs_packet_record_dupack_num().  SACK blocks
 *    are read back from the file for packets with has_sack and made
 *    relative with the same base as the ACK number (raw ack - relative ack,
 *    modulo 2^32).  When the file cannot be read any more, or the bytes read
 *    are not this packet (the file changed), the ACK keeps n_sack = 0.
 *
 * Times are record time minus conn->first_ts_ns.  Points come in packet
 * order, which is time order except in captures whose timestamps go
 * backwards: those are stably sorted by time afterwards, so that the
 * painters can bisect on time. */

#include "config.h"

#include <string.h>

#include "hs-capture-reader.h"
#include "hs-tcp-series.h"

/* Reading SACK packets back: a packet ahead in the file is reached by
 * reading on, record by record, when it is near (a seek drops the reader's
 * buffer and fills a new one, so closely spaced packets would each cost a
 * whole buffer) and always in a compressed file (where a seek decompresses
 * everything up to the target anyway, and from the start of the file when
 * the target lies inside what the reader has already decompressed). */
#define SACK_WALK_LIMIT (1024 * 1024)

#define ANY_RETRANSMISSION (HS_ANALYSIS_RETRANSMISSION | \
                            HS_ANALYSIS_FAST_RETRANSMISSION | \
                            HS_ANALYSIS_SPURIOUS_RETRANSMISSION)

/* One connection's packets. */
typedef struct
{
  HsCapture          *capture;
  const HsConnection *conn;
  const guint32      *frames;   /* 0-based frame indexes */
  guint               n;
} Stream;

static gboolean
stream_init (Stream    *st,
             HsCapture *capture,
             guint      stream)
{
  memset (st, 0, sizeof *st);

  g_return_val_if_fail (HS_IS_CAPTURE (capture), FALSE);
  g_return_val_if_fail (stream < hs_capture_get_n_connections (capture), FALSE);

  st->capture = capture;
  st->conn = hs_capture_get_connection (capture, stream);
  st->frames = hs_capture_get_stream_packets (capture, stream, &st->n);

  return TRUE;
}

/* The packet at position `pos`, or NULL when the tracker did not analyse it. */
static const HsPacketRecord *
stream_record (const Stream *st,
               guint         pos)
{
  const HsPacketRecord *rec = hs_capture_get_record (st->capture, st->frames[pos]);

  g_assert (st != NULL);
  g_assert (pos < st->n);

  if (rec->decode_status != HS_DECODE_TCP)
    return NULL;
  return rec;
}

static inline gint64
stream_time (const Stream         *st,
             const HsPacketRecord *rec)
{
  return rec->ts_ns - st->conn->first_ts_ns;
}

/* Every element type below starts with its gint64 t_ns. */
static int
compare_time (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  gint64 ta, tb;

  (void) user_data;
  memcpy (&ta, a, sizeof ta);
  memcpy (&tb, b, sizeof tb);

  return ta < tb ? -1 : ta > tb;
}

/* Stable sort by time, only when the capture's timestamps went backwards. */
static void
sort_by_time (gpointer items,
              guint    n,
              gsize    size)
{
  const guint8 *p = items;
  gint64 prev, t;
  guint i;

  g_assert (items != NULL || n == 0);

  if (n < 2)
    return;

  memcpy (&prev, p, sizeof prev);
  for (i = 1; i < n; i++)
    {
      memcpy (&t, p + i * size, sizeof t);
      if (t < prev)
        break;
      prev = t;
    }

  if (i < n)
    g_qsort_with_data (items, (gint) n, size, compare_time, NULL);
}

/* Gives back the unused tail of an array of `cap` items holding `n`. */
static gpointer
shrink (gpointer items,
        guint    n,
        gsize    size)
{
  if (n == 0)
    {
      g_free (items);
      return NULL;
    }
  return g_realloc (items, n * size);
}

/* `sort`: by time (a whole series); else left in packet order (the
 * points from a position on, the caller checks the order). */
static void
series_finish (HsSeries      *out,
               HsSeriesPoint *points,
               guint          n,
               gboolean       sort)
{
  out->points = shrink (points, n, sizeof *points);
  out->n = n;
  if (sort)
    sort_by_time (out->points, out->n, sizeof *out->points);
}

void
hs_series_clear (HsSeries *series)
{
  g_return_if_fail (series != NULL);

  g_clear_pointer (&series->points, g_free);
  series->n = 0;
}

static void
series_window (HsCapture *capture,
               guint      stream,
               guint      dir,
               guint      first_pos,
               gboolean   sort,
               HsSeries  *out,
               gboolean  *scale_unknown)
{
  HsSeriesPoint *points;
  gboolean unknown = FALSE;
  Stream st;
  guint n = 0;
  guint pos;

  g_return_if_fail (out != NULL);
  memset (out, 0, sizeof *out);
  if (scale_unknown != NULL)
    *scale_unknown = FALSE;
  g_return_if_fail (dir <= 1);
  if (!stream_init (&st, capture, stream))
    return;

  points = g_new (HsSeriesPoint, MAX (st.n - MIN (first_pos, st.n), 1));
  for (pos = first_pos; pos < st.n; pos++)
    {
      const HsPacketRecord *rec = stream_record (&st, pos);

      if (rec == NULL || rec->direction != dir || (rec->tcp_flags & HS_TCP_RST))
        continue;

      if (rec->win_scale_state == 1)
        unknown = TRUE;

      points[n].t_ns = stream_time (&st, rec);
      points[n].value = hs_packet_record_window (rec);
      points[n].pos = pos;
      n++;
    }

  series_finish (out, points, n, sort);
  if (scale_unknown != NULL)
    *scale_unknown = unknown;
}

void
hs_series_window (HsCapture *capture,
                  guint      stream,
                  guint      dir,
                  HsSeries  *out,
                  gboolean  *scale_unknown)
{
  series_window (capture, stream, dir, 0, TRUE, out, scale_unknown);
}

void
hs_series_window_from (HsCapture *capture,
                       guint      stream,
                       guint      dir,
                       guint      first_pos,
                       HsSeries  *out,
                       gboolean  *scale_unknown)
{
  series_window (capture, stream, dir, first_pos, FALSE, out, scale_unknown);
}

static void
series_bytes_in_flight (HsCapture *capture,
                        guint      stream,
                        guint      dir,
                        guint      first_pos,
                        gboolean   sort,
                        HsSeries  *out)
{
  HsSeriesPoint *points;
  Stream st;
  guint n = 0;
  guint pos;

  g_return_if_fail (out != NULL);
  memset (out, 0, sizeof *out);
  g_return_if_fail (dir <= 1);
  if (!stream_init (&st, capture, stream))
    return;

  points = g_new (HsSeriesPoint, MAX (st.n - MIN (first_pos, st.n), 1));
  for (pos = first_pos; pos < st.n; pos++)
    {
      const HsPacketRecord *rec = stream_record (&st, pos);
      guint32 in_flight;

      if (rec == NULL || rec->direction != dir)
        continue;

      in_flight = hs_packet_record_bytes_in_flight (rec);
      if (in_flight == 0)
        continue;

      points[n].t_ns = stream_time (&st, rec);
      points[n].value = in_flight;
      points[n].pos = pos;
      n++;
    }

  series_finish (out, points, n, sort);
}

void
hs_series_bytes_in_flight (HsCapture *capture,
                           guint      stream,
                           guint      dir,
                           HsSeries  *out)
{
  series_bytes_in_flight (capture, stream, dir, 0, TRUE, out);
}

void
hs_series_bytes_in_flight_from (HsCapture *capture,
                                guint      stream,
                                guint      dir,
                                guint      first_pos,
                                HsSeries  *out)
{
  series_bytes_in_flight (capture, stream, dir, first_pos, FALSE, out);
}

static void
series_rtt (HsCapture *capture,
            guint      stream,
            guint      dir,
            guint      first_pos,
            gboolean   sort,
            HsSeries  *out)
{
  HsSeriesPoint *points;
  guint n_packets;
  Stream st;
  guint n = 0;
  guint pos;

  g_return_if_fail (out != NULL);
  memset (out, 0, sizeof *out);
  g_return_if_fail (dir <= 1);
  if (!stream_init (&st, capture, stream))
    return;

  n_packets = hs_capture_get_n_packets (capture);
  points = g_new (HsSeriesPoint, MAX (st.n - MIN (first_pos, st.n), 1));
  for (pos = first_pos; pos < st.n; pos++)
    {
      const HsPacketRecord *rec = stream_record (&st, pos);
      const HsPacketRecord *acked;
      guint32 acks_frame;

      if (rec == NULL || rec->direction == dir)
        continue;
      /* a dup ACK's too, when it acknowledges a segment all the same */
      acks_frame = hs_packet_record_acks_frame (rec);
      if (acks_frame == HS_NO_FRAME || acks_frame > n_packets)
        continue;

      acked = hs_capture_get_record (capture, acks_frame - 1);
      if (acked->stream != stream || acked->direction != dir)
        continue;

      points[n].t_ns = stream_time (&st, rec);
      points[n].value = (double)(rec->ts_ns - acked->ts_ns) / 1e9;
      points[n].pos = pos;
      n++;
    }

  series_finish (out, points, n, sort);
}

void
hs_series_rtt (HsCapture *capture,
               guint      stream,
               guint      dir,
               HsSeries  *out)
{
  series_rtt (capture, stream, dir, 0, TRUE, out);
}

void
hs_series_rtt_from (HsCapture *capture,
                    guint      stream,
                    guint      dir,
                    guint      first_pos,
                    HsSeries  *out)
{
  series_rtt (capture, stream, dir, first_pos, FALSE, out);
}

static void
series_segments (HsCapture *capture,
                 guint      stream,
                 guint      dir,
                 gboolean   goodput,
                 guint      first_pos,
                 gboolean   sort,
                 HsSeries  *out)
{
  HsSeriesPoint *points;
  Stream st;
  guint n = 0;
  guint pos;

  if (!stream_init (&st, capture, stream))
    return;

  points = g_new (HsSeriesPoint, MAX (st.n - MIN (first_pos, st.n), 1));
  for (pos = first_pos; pos < st.n; pos++)
    {
      const HsPacketRecord *rec = stream_record (&st, pos);

      if (rec == NULL || rec->direction != dir || rec->payload_len == 0)
        continue;

      points[n].t_ns = stream_time (&st, rec);
      points[n].value = (goodput && (rec->analysis & ANY_RETRANSMISSION)) ? 0 : rec->payload_len;
      points[n].pos = pos;
      n++;
    }

  series_finish (out, points, n, sort);
}

void
hs_series_segments_from (HsCapture *capture,
                         guint      stream,
                         guint      dir,
                         gboolean   goodput,
                         guint      first_pos,
                         HsSeries  *out)
{
  g_return_if_fail (out != NULL);
  memset (out, 0, sizeof *out);
  g_return_if_fail (dir <= 1);

  series_segments (capture, stream, dir, goodput, first_pos, FALSE, out);
}

void
hs_series_throughput (HsCapture *capture,
                      guint      stream,
                      guint      dir,
                      gint64     window_ns,
                      gboolean   goodput,
                      HsSeries  *out)
{
  guint32 *bytes;
  guint64 sum = 0;
  guint n;
  guint i, lo, hi;

  g_return_if_fail (out != NULL);
  memset (out, 0, sizeof *out);
  g_return_if_fail (dir <= 1);
  g_return_if_fail (window_ns > 0);

  /* the segments, with their byte counts in `bytes` while the time order is
   * made sure of (value is still free then) */
  series_segments (capture, stream, dir, goodput, 0, TRUE, out);
  n = out->n;
  if (n == 0)
    return;

  bytes = g_new (guint32, n);
  for (i = 0; i < n; i++)
    bytes[i] = (guint32) out->points[i].value;

  /* the window holds the segments [lo, hi): every one at or before t, none
   * at or before t - window */
  lo = hi = 0;
  for (i = 0; i < n; i++)
    {
      gint64 t = out->points[i].t_ns;

      while (hi < n && out->points[hi].t_ns <= t)
        sum += bytes[hi++];
      while (lo < hi && t - out->points[lo].t_ns >= window_ns)
        sum -= bytes[lo++];

      out->points[i].value = (double) sum * 1e9 / (double) window_ns;
    }

  g_free (bytes);
}

/* ------------------------------------------------------------------------ */
/* Time-sequence                                                             */

/* Reads SACK-carrying packets back, in file order, through one reader. */
typedef struct
{
  HsCapture       *capture;
  HsCaptureReader *reader;
  gboolean         failed;      /* the file cannot be opened: no more tries */
  gboolean         pcapng;
  gboolean         compressed;
  guint64          last;        /* offset of the last record read, 0 for none */
} SackReader;

static void
sack_reader_clear (SackReader *sr)
{
  g_clear_pointer (&sr->reader, hs_capture_reader_free);
}

static gboolean
sack_reader_next (SackReader     *sr,
                  HsReaderPacket *pkt)
{
  if (hs_capture_reader_next (sr->reader, pkt, NULL) != HS_READER_PACKET)
    return FALSE;
  sr->last = pkt->offset;
  return TRUE;
}

/* Positions the reader on the record at `offset` and reads it. */
static gboolean
sack_reader_read (SackReader     *sr,
                  guint64         offset,
                  guint           iface,
                  HsReaderPacket *pkt)
{
  g_assert (sr != NULL);
  g_assert (pkt != NULL);

  if (sr->failed)
    return FALSE;

  if (sr->reader == NULL)
    {
      const char *path = hs_capture_get_path (sr->capture);

      if (path == NULL || !(sr->reader = hs_capture_reader_open (path, NULL)))
        {
          sr->failed = TRUE;
          return FALSE;
        }
      sr->pcapng = g_strcmp0 (hs_capture_get_format (sr->capture), "pcapng") == 0;
      sr->compressed = hs_capture_get_compressed (sr->capture);
      sr->last = 0;
    }

  /* pcapng: the interface must be known before a packet of it is read */
  if (sr->pcapng)
    {
      while (hs_capture_reader_get_interfaces (sr->reader)->len <= iface)
        {
          if (!sack_reader_next (sr, pkt))
            return FALSE;
        }
    }

  if (offset > sr->last && (sr->compressed || offset - sr->last <= SACK_WALK_LIMIT))
    {
      while (sack_reader_next (sr, pkt))
        {
          if (pkt->offset == offset)
            return TRUE;
          if (pkt->offset > offset)
            break;
        }
    }

  if (!hs_capture_reader_seek (sr->reader, offset, NULL) || !sack_reader_next (sr, pkt))
    return FALSE;

  return pkt->offset == offset;
}

/* Fills ack->n_sack and the blocks from the packet's bytes, relative to
 * `base`; leaves n_sack at 0 when they cannot be read. */
static void
read_sack_blocks (SackReader           *sr,
                  guint                 index,
                  const HsPacketRecord *rec,
                  guint32               base,
                  HsSeqAck             *ack)
{
  const HsInterface *iface;
  HsDecodedPacket dec;
  HsReaderPacket pkt;
  guint i;

  g_assert (sr != NULL);
  g_assert (rec != NULL);
  g_assert (ack != NULL);

  if (rec->iface >= hs_capture_get_n_interfaces (sr->capture))
    return;
  iface = hs_capture_get_interface (sr->capture, rec->iface);

  if (!sack_reader_read (sr, rec->offset, rec->iface, &pkt))
    return;

  /* no defragmenter, as in the details pane: a segment rebuilt from IP
   * fragments does not decode as TCP here and keeps no SACK blocks */
  hs_decode_frame (iface->linktype, pkt.data, pkt.caplen,
                   MAX (pkt.orig_len, pkt.caplen), index + 1, NULL, &dec);

  /* the bytes must be this packet's (the file may have changed) */
  if (dec.status != HS_DECODE_TCP || dec.seq != rec->seq || dec.ack != rec->ack)
    return;

  ack->n_sack = (guint8) MIN (dec.n_sack, G_N_ELEMENTS (ack->sack_left));
  for (i = 0; i < ack->n_sack; i++)
    {
      ack->sack_left[i] = dec.sack_left[i] - base;
      ack->sack_right[i] = dec.sack_right[i] - base;
    }
}

static void
seq_series_compute (HsCapture   *capture,
                    guint        stream,
                    guint        dir,
                    guint        first_pos,
                    gboolean     sort,
                    HsSeqSeries *out)
{
  SackReader sr;
  Stream st;
  guint pos;

  g_return_if_fail (out != NULL);
  memset (out, 0, sizeof *out);
  g_return_if_fail (dir <= 1);
  if (!stream_init (&st, capture, stream))
    return;

  memset (&sr, 0, sizeof sr);
  sr.capture = capture;

  out->segments = g_new (HsSeqSegment, MAX (st.n - MIN (first_pos, st.n), 1));
  out->acks = g_new (HsSeqAck, MAX (st.n - MIN (first_pos, st.n), 1));

  for (pos = first_pos; pos < st.n; pos++)
    {
      const HsPacketRecord *rec = stream_record (&st, pos);
      guint index = st.frames[pos];

      if (rec == NULL)
        continue;

      if (rec->direction == dir)
        {
          HsSeqSegment *s;
          guint32 marks = 0;

          if (rec->payload_len == 0 && !(rec->tcp_flags & (HS_TCP_SYN | HS_TCP_FIN | HS_TCP_RST)))
            continue;

          if (rec->analysis & ANY_RETRANSMISSION)
            marks |= HS_SEGMENT_RETRANSMISSION;
          if (rec->tcp_flags & HS_TCP_SYN)
            marks |= HS_SEGMENT_SYN;
          if (rec->tcp_flags & HS_TCP_FIN)
            marks |= HS_SEGMENT_FIN;
          if (rec->tcp_flags & HS_TCP_RST)
            marks |= HS_SEGMENT_RST;
          if (rec->analysis & HS_ANALYSIS_OUT_OF_ORDER)
            marks |= HS_SEGMENT_OUT_OF_ORDER;
          if (rec->analysis & HS_ANALYSIS_ZERO_WINDOW_PROBE)
            marks |= HS_SEGMENT_ZERO_WINDOW_PROBE;

          s = &out->segments[out->n_segments++];
          s->t_ns = stream_time (&st, rec);
          s->seq = hs_capture_relative_seq (capture, index);
          s->len = rec->payload_len;
          if (s->len == 0 && (rec->tcp_flags & (HS_TCP_SYN | HS_TCP_FIN)))
            s->len = 1;
          s->pos = pos;
          s->marks = marks;
        }
      else if (rec->tcp_flags & HS_TCP_ACK)
        {
          HsSeqAck *a = &out->acks[out->n_acks++];

          memset (a, 0, sizeof *a);
          a->t_ns = stream_time (&st, rec);
          a->ack = hs_capture_relative_ack (capture, index);
          a->win_edge = a->ack + hs_packet_record_window (rec);
          a->pos = pos;
          a->dup_ack = hs_packet_record_dupack_num (rec);
          if (rec->has_sack)
            read_sack_blocks (&sr, index, rec, rec->ack - a->ack, a);
        }
    }

  sack_reader_clear (&sr);

  out->segments = shrink (out->segments, out->n_segments, sizeof *out->segments);
  out->acks = shrink (out->acks, out->n_acks, sizeof *out->acks);
  if (sort)
    {
      sort_by_time (out->segments, out->n_segments, sizeof *out->segments);
      sort_by_time (out->acks, out->n_acks, sizeof *out->acks);
    }
}

void
hs_seq_series_compute (HsCapture   *capture,
                       guint        stream,
                       guint        dir,
                       HsSeqSeries *out)
{
  seq_series_compute (capture, stream, dir, 0, TRUE, out);
}

void
hs_seq_series_compute_from (HsCapture   *capture,
                            guint        stream,
                            guint        dir,
                            guint        first_pos,
                            HsSeqSeries *out)
{
  seq_series_compute (capture, stream, dir, first_pos, FALSE, out);
}

void
hs_seq_series_clear (HsSeqSeries *series)
{
  g_return_if_fail (series != NULL);

  g_clear_pointer (&series->segments, g_free);
  g_clear_pointer (&series->acks, g_free);
  series->n_segments = 0;
  series->n_acks = 0;
}
