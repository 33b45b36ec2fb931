/* hs-graph-seq.c
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The tracks of the time-sequence graphs (tcptrace and Stevens): the
 * segments, the ACK and window lines, SACK blocks, dup ACKs and the marks,
 * with sequence numbers unwrapped. */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "hs-explain.h"
#include "hs-graph-impl.h"

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

/* The tracks by role in HsGraphGrowth */
enum
{
  ROLE_SEGS = 0,                     /* + SegKind */
  ROLE_MARKS = ROLE_SEGS + N_SEG_KINDS, /* + MarkKind */
  ROLE_ACK_LINE = ROLE_MARKS + N_MARKS,
  ROLE_WIN_LINE,
  ROLE_SACK,
  N_ROLES
};

G_STATIC_ASSERT (N_ROLES <= HS_GRAPH_MAX_ROLES);

/* The tracks, in painting order: the window edge and the ACK line under
 * the segments, the marks on top; Stevens draws the segments alone. */
static void
make_tracks (HsGraph *self)
{
  gboolean tcptrace = self->kind == HS_GRAPH_TCPTRACE;
  HsGraphTrack **role = self->grow.role;
  guint d = self->seq_dir;
  guint o = 1 - d;
  HsGraphTrack *track;
  guint k;

  if (tcptrace)
    {
      role[ROLE_ACK_LINE] = _hs_graph_track_new (0, FALSE);
      role[ROLE_WIN_LINE] = _hs_graph_track_new (0, FALSE);
      role[ROLE_SACK] = _hs_graph_track_new (0, TRUE);
      track = _hs_graph_add_track (self, role[ROLE_WIN_LINE], HS_GRAPH_STYLE_STEP,
                                   _hs_graph_series_color (o), o);
      track->dashed = TRUE;
      track->line_width = 1.5;
      track = _hs_graph_add_track (self, role[ROLE_ACK_LINE], HS_GRAPH_STYLE_STEP,
                                   _hs_graph_series_color (o), o);
      track->line_width = 1.5;
      track = _hs_graph_add_track (self, role[ROLE_SACK], HS_GRAPH_STYLE_BARS,
                                   (HsGraphColor) { HS_GRAPH_COLOR_SACK, 0 }, o);
      track->line_width = 3.0;
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
      HsGraphColor c = k == SEG_PLAIN ? _hs_graph_series_color (d)
                                      : _hs_graph_anomaly_color (seg_class[k]);

      track = _hs_graph_add_track (self, _hs_graph_track_new (0, tcptrace),
                                   tcptrace ? HS_GRAPH_STYLE_BARS : HS_GRAPH_STYLE_DOTS, c, d);
      track->line_width = 1.5;
      track->caps = TRUE;
      role[ROLE_SEGS + k] = track;
    }

  for (k = 0; k < N_MARKS; k++)
    {
      track = _hs_graph_add_track (self, _hs_graph_track_new (0, FALSE), HS_GRAPH_STYLE_MARKS,
                                   _hs_graph_anomaly_color (mark_looks[k].klass),
                                   k == MARK_DUP_ACK ? o : d);
      track->shape = mark_looks[k].shape;
      /* the segment's bar or dot is what a click finds */
      track->hittable = k == MARK_DUP_ACK;
      role[ROLE_MARKS + k] = track;
    }
}

void
_hs_graph_build_time_sequence (HsGraph *self,
                               guint    from)
{
  HsGraphGrowth *grow = &self->grow;
  gboolean tcptrace = self->kind == HS_GRAPH_TCPTRACE;
  guint d = self->seq_dir;
  guint o = 1 - d;
  HsSeqSeries seq;
  HsGraphTrack **segs = &grow->role[ROLE_SEGS];
  HsGraphTrack **marks = &grow->role[ROLE_MARKS];
  HsGraphTrack *ack_line, *win_line, *sack;
  Unwrap useg = { grow->useg_started, grow->useg_last };
  Unwrap uack = { grow->uack_started, grow->uack_last };
  const guint32 *frames;
  guint n;
  guint i, k;

  self->value_kind = HS_GRAPH_VALUE_SEQ;
  if (from == 0)
    {
      make_tracks (self);
      hs_seq_series_compute (self->capture, self->stream, d, &seq);
    }
  else
    hs_seq_series_compute_from (self->capture, self->stream, d, from, &seq);
  ack_line = grow->role[ROLE_ACK_LINE];
  win_line = grow->role[ROLE_WIN_LINE];
  sack = grow->role[ROLE_SACK];

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
      _hs_graph_track_push (segs[kind], s->t_ns, lo, hi, s->pos);

      if (s->marks & HS_SEGMENT_RETRANSMISSION)
        _hs_graph_track_push (marks[MARK_RETRANSMISSION], s->t_ns, at, 0, s->pos);
      if (s->marks & HS_SEGMENT_OUT_OF_ORDER)
        _hs_graph_track_push (marks[MARK_OUT_OF_ORDER], s->t_ns, at, 0, s->pos);
      if (s->marks & HS_SEGMENT_ZERO_WINDOW_PROBE)
        _hs_graph_track_push (marks[MARK_ZERO_WINDOW_PROBE], s->t_ns, at, 0, s->pos);
      if (s->marks & HS_SEGMENT_SYN)
        _hs_graph_track_push (marks[MARK_SYN], s->t_ns, lo, 0, s->pos);
      if (s->marks & HS_SEGMENT_FIN)
        _hs_graph_track_push (marks[MARK_FIN], s->t_ns, lo, 0, s->pos);
      if (s->marks & HS_SEGMENT_RST)
        _hs_graph_track_push (marks[MARK_RST], s->t_ns, lo, 0, s->pos);
    }

  /* ACKs: the ACK number and the window edge, SACK blocks, dup ACKs (not
   * drawn by Stevens) */
  for (i = 0; tcptrace && i < seq.n_acks; i++)
    {
      const HsSeqAck *a = &seq.acks[i];
      gint64 ack = unwrap (&uack, a->ack);
      guint b;

      _hs_graph_track_push (ack_line, a->t_ns, (double) ack, 0, a->pos);
      _hs_graph_track_push (win_line, a->t_ns, (double) unwrap_near (ack, a->win_edge), 0, a->pos);
      if (a->dup_ack > 0)
        _hs_graph_track_push (marks[MARK_DUP_ACK], a->t_ns, (double) ack, 0, a->pos);
      for (b = 0; b < a->n_sack; b++)
        _hs_graph_track_push (sack, a->t_ns, (double) unwrap_near (ack, a->sack_left[b]),
                              (double) unwrap_near (ack, a->sack_right[b]), a->pos);
    }
  hs_seq_series_clear (&seq);
  grow->useg_started = useg.started;
  grow->useg_last = useg.last;
  grow->uack_started = uack.started;
  grow->uack_last = uack.last;

  /* the warning: the window edge needs the other side's scale (looked for
   * in the packets not looked at yet, until found) */
  if (tcptrace)
    {
      frames = hs_capture_get_stream_packets (self->capture, self->stream, &n);
      for (i = grow->unknown_pos; i < n && !grow->unknown[o]; i++)
        {
          const HsPacketRecord *r = _hs_graph_stream_record (self, frames, i);

          if (r != NULL && r->direction == o && r->win_scale_state == 1)
            grow->unknown[o] = TRUE;
        }
      grow->unknown_pos = n;
      _hs_graph_set_scale_warning (self, grow->unknown);
    }

  /* the legend */
  _hs_graph_legend_heading (self, d);
  if (tcptrace)
    {
      _hs_graph_legend_add (self, HS_GRAPH_LEGEND_ITEM, HS_GRAPH_STYLE_BARS, HS_GRAPH_SHAPE_SQUARE,
                            _hs_graph_series_color (d), _("Segment (the bytes it carries)"));
      _hs_graph_legend_add (self, HS_GRAPH_LEGEND_ITEM, HS_GRAPH_STYLE_STEP, HS_GRAPH_SHAPE_DOT,
                            _hs_graph_series_color (o), _("ACK number (acknowledged so far)"));
      _hs_graph_legend_add (self, HS_GRAPH_LEGEND_ITEM, HS_GRAPH_STYLE_STEP, HS_GRAPH_SHAPE_DOT,
                            _hs_graph_series_color (o),
                            _("Receive window limit (ACK + window)"))->dashed = TRUE;
      if (sack->n > 0)
        _hs_graph_legend_add (self, HS_GRAPH_LEGEND_ITEM, HS_GRAPH_STYLE_BARS, HS_GRAPH_SHAPE_DOT,
                              (HsGraphColor) { HS_GRAPH_COLOR_SACK, 0 },
                              _("SACK block (received beyond a gap)"));
    }
  else
    _hs_graph_legend_add (self, HS_GRAPH_LEGEND_ITEM, HS_GRAPH_STYLE_DOTS, HS_GRAPH_SHAPE_DOT,
                          _hs_graph_series_color (d), _("Segment (its first byte)"));

  _hs_graph_legend_add (self, HS_GRAPH_LEGEND_BREAK, HS_GRAPH_STYLE_LINE, HS_GRAPH_SHAPE_DOT,
                        _hs_graph_series_color (0), NULL);
  for (k = 0; k < N_MARKS; k++)
    {
      if (marks[k]->n > 0)
        _hs_graph_legend_add (self, HS_GRAPH_LEGEND_ITEM, HS_GRAPH_STYLE_MARKS, mark_looks[k].shape,
                              _hs_graph_anomaly_color (mark_looks[k].klass),
                              mark_label ((MarkKind) k));
    }
}
