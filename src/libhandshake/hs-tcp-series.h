/* hs-tcp-series.h
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hs-capture.h"

G_BEGIN_DECLS

/* The time series of one connection that the graphs draw, computed from the
 * packet records (and, for SACK blocks only, from the packets' bytes read
 * back from the file).  No drawing here: the graphs in src/render plot
 * these, and the tests check them against hand-computed values.
 *
 * Times are nanoseconds since the connection's first packet.  `pos` is the
 * position of the packet in the connection's packet list
 * (hs_capture_get_stream_packets), so a point leads back to its packet.
 * `dir` is a direction of the connection: 0 for what endpoint 0 (the first
 * sender, normally the client) sends, 1 for the reverse.
 *
 * The functions overwrite `out` without freeing what it held: clear it
 * first when it holds an earlier result.  Packets the tracker could not
 * analyse (a TCP header whose segment length is unknown) are in no series.
 * Each costs O(packets of the connection); hs-tcp-series.c says exactly
 * which packets each series takes. */

typedef struct
{
  gint64  t_ns;
  double  value;
  guint32 pos;
} HsSeriesPoint;

typedef struct
{
  HsSeriesPoint *points;   /* in time order */
  guint          n;
} HsSeries;

void      hs_series_clear                (HsSeries   *series);

/* The receive window endpoint `dir` advertises (scaled, in bytes), one
 * point per packet it sends, RSTs excepted (their window field means
 * nothing); SYNs show their window unscaled, as it is meant.
 * *scale_unknown (may be NULL) is set when any of those packets has a
 * window scale that could not be known because the handshake was not
 * captured (the values are then the raw field). */
void      hs_series_window               (HsCapture  *capture,
                                          guint       stream,
                                          guint       dir,
                                          HsSeries   *out,
                                          gboolean   *scale_unknown);

/* Bytes in flight (tcp.analysis.bytes_in_flight) of direction `dir`, one
 * point per data segment it sends that reports it. */
void      hs_series_bytes_in_flight      (HsCapture  *capture,
                                          guint       stream,
                                          guint       dir,
                                          HsSeries   *out);

/* Round-trip time samples of direction `dir`'s data: one point per ACK
 * from the other side that acknowledges a segment of `dir`
 * (tcp.analysis.acks_frame), at the ACK's time, value = ACK time minus
 * segment time in seconds; pos is the ACK's position. */
void      hs_series_rtt                  (HsCapture  *capture,
                                          guint       stream,
                                          guint       dir,
                                          HsSeries   *out);

/* Throughput (every payload byte) or goodput (payload bytes not sent
 * before: retransmissions excluded) of direction `dir` in bytes per second,
 * as a moving average over the last `window_ns` (trailing window: the bytes
 * of the segments in (t - window_ns, t] over window_ns), one point per
 * segment of `dir` carrying payload (retransmissions too, so throughput
 * and goodput have the same points).  window_ns > 0. */
void      hs_series_throughput           (HsCapture  *capture,
                                          guint       stream,
                                          guint       dir,
                                          gint64      window_ns,
                                          gboolean    goodput,
                                          HsSeries   *out);

/* Time-sequence (Stevens / tcptrace) data of direction `dir`; segments
 * and ACKs each in time order.  SACK blocks are read back from the file
 * (one reader for the whole call); an ACK whose bytes cannot be read any
 * more keeps n_sack = 0. */
typedef enum
{
  HS_SEGMENT_RETRANSMISSION = 1 << 0,  /* any retransmission (incl. fast, spurious) */
  HS_SEGMENT_SYN            = 1 << 1,
  HS_SEGMENT_FIN            = 1 << 2,
  HS_SEGMENT_RST            = 1 << 3,
  HS_SEGMENT_OUT_OF_ORDER   = 1 << 4,
  HS_SEGMENT_ZERO_WINDOW_PROBE = 1 << 5,
} HsSegmentMarks;

typedef struct
{
  gint64  t_ns;
  guint32 seq;        /* relative sequence number of the first byte */
  guint32 len;        /* payload length (SYN and FIN count 1 when len is 0,
                       * so they show as a bar) */
  guint32 pos;
  guint32 marks;      /* HsSegmentMarks */
} HsSeqSegment;

typedef struct
{
  gint64  t_ns;
  guint32 ack;        /* relative ACK number (of dir's sequence space) */
  guint32 win_edge;   /* ack + the window the ACK advertises (scaled) */
  guint32 pos;
  guint32 dup_ack;    /* dup ACK number, 0 if not a duplicate */
  guint8  n_sack;     /* SACK blocks carried (relative to dir's ISN) */
  guint32 sack_left[4];
  guint32 sack_right[4];
} HsSeqAck;

typedef struct
{
  HsSeqSegment *segments;  /* data segments (and SYN/FIN/RST) sent by dir */
  guint         n_segments;
  HsSeqAck     *acks;      /* ACKs sent by the other side */
  guint         n_acks;
} HsSeqSeries;

void      hs_seq_series_compute          (HsCapture   *capture,
                                          guint        stream,
                                          guint        dir,
                                          HsSeqSeries *out);

/* The same from the packet at position `first_pos` of the connection on,
 * in packet order (not sorted by time), at O(packets from there): for a
 * graph taking in a live connection's new packets, which appends them when
 * they come in time order and builds again when they do not.  Each point is
 * its packet's own (the tracker's per-packet state); the throughput's
 * moving average is the caller's, from the segments' bytes: value is the
 * segment's payload bytes (0 for a retransmission with `goodput`). */
void      hs_series_window_from          (HsCapture   *capture,
                                          guint        stream,
                                          guint        dir,
                                          guint        first_pos,
                                          HsSeries    *out,
                                          gboolean    *scale_unknown);
void      hs_series_bytes_in_flight_from (HsCapture   *capture,
                                          guint        stream,
                                          guint        dir,
                                          guint        first_pos,
                                          HsSeries    *out);
void      hs_series_rtt_from             (HsCapture   *capture,
                                          guint        stream,
                                          guint        dir,
                                          guint        first_pos,
                                          HsSeries    *out);
void      hs_series_segments_from        (HsCapture   *capture,
                                          guint        stream,
                                          guint        dir,
                                          gboolean     goodput,
                                          guint        first_pos,
                                          HsSeries    *out);
void      hs_seq_series_compute_from     (HsCapture   *capture,
                                          guint        stream,
                                          guint        dir,
                                          guint        first_pos,
                                          HsSeqSeries *out);
void      hs_seq_series_clear            (HsSeqSeries *series);

G_END_DECLS
