/* hs-graph.c
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The graphs of one connection: the series of the core (hs-tcp-series.h)
 * turned into tracks (what is drawn, and how), the extent and the view,
 * the mapping between data and pixels, the hit test and the readout.  The
 * painters are in hs-graph-paint.c.
 *
 * A track keeps its points as columns (time, value, packet position) with
 * a min/max tree over blocks of HS_GRAPH_BLOCK points and the time of each
 * block's first point: the decimation of a pixel column (first, least,
 * greatest, last point) then costs a search through the block times and
 * O(log n) nodes, whatever the number of points in the column.  A paint
 * costs O(width × log n), so a million points paint about as fast as a
 * thousand (docs/benchmark.md, "Painting the graphs").
 *
 * Which packets become which tracks:
 *
 *  - Window: for each direction of data d (endpoint d sends, endpoint o
 *    receives), the window o advertises (step line: it holds until the
 *    next one) and the bytes d has in flight (known at each of d's data
 *    segments: a light spike from 0 each, an area where they are dense),
 *    in d's colour.  Periods where o advertises a zero window (from the
 *    packet flagged Zero Window to o's next packet with a window) are
 *    shaded; Window Full (on d's segments, at their bytes in flight) and
 *    Window Update (on o's packets, at the window) are marked.
 *  - Time-sequence: the segments of one direction (bars seq .. seq + len
 *    for tcptrace, a dot at seq for Stevens), the other side's ACK number
 *    and window edge (step lines), SACK blocks (bars) and dup ACKs
 *    (ticks); retransmissions, out-of-order segments, zero-window probes,
 *    SYN, FIN and RST marked.  Sequence numbers are unwrapped (a transfer
 *    of more than 4 GiB goes on upwards).
 *  - Throughput: throughput and goodput of each direction, in bits per
 *    second, with the zero the moving average falls to in an idle gap
 *    longer than the window.
 *  - RTT: the samples of each direction, as dots. */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "hs-explain.h"
#include "hs-graph-impl.h"

static const char * const kind_names[HS_GRAPH_N_KINDS] = {
  [HS_GRAPH_WINDOW] = "window",
  [HS_GRAPH_TCPTRACE] = "tcptrace",
  [HS_GRAPH_STEVENS] = "stevens",
  [HS_GRAPH_THROUGHPUT] = "throughput",
  [HS_GRAPH_RTT] = "rtt",
};

const char *
hs_graph_kind_to_name (HsGraphKind kind)
{
  g_return_val_if_fail ((guint) kind < HS_GRAPH_N_KINDS, NULL);
  g_assert (kind_names[kind] != NULL);

  return kind_names[kind];
}

gboolean
hs_graph_kind_from_name (const char  *name,
                         HsGraphKind *kind)
{
  guint i;

  g_return_val_if_fail (kind != NULL, FALSE);

  if (name == NULL)
    return FALSE;

  for (i = 0; i < HS_GRAPH_N_KINDS; i++)
    {
      if (g_ascii_strcasecmp (name, kind_names[i]) == 0)
        {
          *kind = (HsGraphKind) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
hs_graph_kind_get_title (HsGraphKind kind)
{
  switch (kind)
    {
    case HS_GRAPH_WINDOW:
      return _("Window Size");
    case HS_GRAPH_TCPTRACE:
      return _("Time-Sequence (tcptrace)");
    case HS_GRAPH_STEVENS:
      return _("Time-Sequence (Stevens)");
    case HS_GRAPH_THROUGHPUT:
      return _("Throughput");
    case HS_GRAPH_RTT:
      return _("Round-Trip Time");
    case HS_GRAPH_N_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}


/* ------------------------------------------------------------------------ */
/* The graph                                                                 */

/* The side of the first SYN, looked for in the packets not looked at yet
 * (a live connection's new ones) until found. */
static int
find_client_side (HsGraph       *self,
                  const guint32 *frames,
                  guint          n)
{
  guint pos;

  if (self->client_side >= 0)
    return self->client_side;

  for (pos = self->client_pos; pos < n; pos++)
    {
      const HsPacketRecord *r = hs_capture_get_record (self->capture, frames[pos]);

      if (r->tcp_flags & HS_TCP_SYN)
        return (r->tcp_flags & HS_TCP_ACK) ? !r->direction : r->direction;
    }
  self->client_pos = n;

  return -1;
}

/* What the graph takes from the connection as it is now: its packets,
 * duration, client, names and the direction that sent more. */
static void
take_connection (HsGraph *self)
{
  const HsConnection *conn;
  const guint32 *frames;
  guint s;

  g_assert (self->stream < hs_capture_get_n_connections (self->capture));

  conn = hs_capture_get_connection (self->capture, self->stream);
  frames = hs_capture_get_stream_packets (self->capture, self->stream, &self->n_packets);
  self->duration_ns = MAX (0, conn->last_ts_ns - conn->first_ts_ns);
  self->client_side = find_client_side (self, frames, self->n_packets);

  for (s = 0; s < 2; s++)
    {
      g_free (self->endpoint_names[s]);
      g_free (self->direction_names[s]);
      self->endpoint_names[s] = hs_connection_dup_endpoint (conn, s);
    }
  for (s = 0; s < 2; s++)
    {
      if (self->client_side < 0)
        /* Translators: a direction of a connection, "10.0.0.1:40000 → 10.0.0.2:80" */
        self->direction_names[s] = g_strdup_printf (_("%s → %s"), self->endpoint_names[s],
                                                    self->endpoint_names[1 - s]);
      else if ((int) s == self->client_side)
        /* Translators: a direction of a connection, "client 10.0.0.1:40000 → server
         * 10.0.0.2:80" */
        self->direction_names[s] = g_strdup_printf (_("client %s → server %s"),
                                                    self->endpoint_names[s],
                                                    self->endpoint_names[1 - s]);
      else
        /* Translators: a direction of a connection, "server 10.0.0.2:80 → client
         * 10.0.0.1:40000" */
        self->direction_names[s] = g_strdup_printf (_("server %s → client %s"),
                                                    self->endpoint_names[s],
                                                    self->endpoint_names[1 - s]);
    }

  /* time-sequence: the direction that sent more */
  self->default_seq_dir = conn->endpoint[1].bytes > conn->endpoint[0].bytes ? 1 : 0;
}

/* Both directions, or the time-sequence graphs' default one. */
static HsGraphDirections
default_directions (HsGraph *self)
{
  return _hs_graph_is_time_sequence (self->kind) ? (HsGraphDirections) (1u << self->default_seq_dir)
                                                 : HS_GRAPH_DIR_BOTH;
}

HsGraph *
hs_graph_new (HsCapture   *capture,
              guint        stream,
              HsGraphKind  kind)
{
  HsGraph *self;
  guint s;

  g_return_val_if_fail (HS_IS_CAPTURE (capture), NULL);
  g_return_val_if_fail (stream < hs_capture_get_n_connections (capture), NULL);
  g_return_val_if_fail ((guint) kind < HS_GRAPH_N_KINDS, NULL);

  self = g_new0 (HsGraph, 1);
  self->capture = g_object_ref (capture);
  self->stream = stream;
  self->kind = kind;
  self->show_legend = TRUE;
  self->client_side = -1;
  self->tracks = g_ptr_array_new_with_free_func ((GDestroyNotify) _hs_graph_track_free);
  self->legend = g_ptr_array_new_with_free_func (_hs_graph_legend_item_free);
  for (s = 0; s < HS_GRAPH_MAX_PANES; s++)
    self->bands[s] = g_array_new (FALSE, FALSE, sizeof (HsGraphBand));

  take_connection (self);
  self->seq_dir = self->default_seq_dir;
  self->directions = default_directions (self);
  self->average_auto = TRUE;

  _hs_graph_build (self);

  return self;
}

gboolean
hs_graph_extend (HsGraph *self)
{
  HsGraphDirections directions;
  gboolean default_dirs;
  gboolean zoomed;
  guint seq_dir;
  guint n;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->stream < hs_capture_get_n_connections (self->capture), FALSE);

  hs_capture_get_stream_packets (self->capture, self->stream, &n);
  if (n < self->n_packets)
    return FALSE;
  if (n == self->n_packets)
    return TRUE;

  /* the settings the user chose stay; the defaults follow the connection */
  default_dirs = self->directions == default_directions (self);
  zoomed = hs_graph_is_zoomed (self);
  directions = self->directions;
  seq_dir = self->seq_dir;

  take_connection (self);
  self->auto_average_ns = 0;
  if (default_dirs)
    {
      self->seq_dir = self->default_seq_dir;
      self->directions = default_directions (self);
    }

  /* the packets added taken in (the tracks appended to), or the graph
   * built again when they cannot be: other directions, packets out of time
   * order, another automatic average window */
  if (!zoomed)
    self->view_t1 = self->view_t0;
  if (self->directions != directions || self->seq_dir != seq_dir || !_hs_graph_grow (self))
    _hs_graph_build (self);
  return TRUE;
}

void
hs_graph_free (HsGraph *self)
{
  if (self == NULL)
    return;

  _hs_graph_free_data (self);
  g_clear_pointer (&self->stamper, _hs_graph_stamper_free);
  g_ptr_array_unref (self->tracks);
  g_ptr_array_unref (self->legend);
  g_array_unref (self->bands[0]);
  g_array_unref (self->bands[1]);
  g_free (self->endpoint_names[0]);
  g_free (self->endpoint_names[1]);
  g_free (self->direction_names[0]);
  g_free (self->direction_names[1]);
  g_object_unref (self->capture);
  g_free (self);
}

HsGraphKind
hs_graph_get_kind (HsGraph *self)
{
  g_return_val_if_fail (self != NULL, HS_GRAPH_WINDOW);

  return self->kind;
}

guint
hs_graph_get_n_packets (HsGraph *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_packets;
}

guint
hs_graph_get_stream (HsGraph *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->stream;
}

HsCapture *
hs_graph_get_capture (HsGraph *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->capture;
}

gboolean
hs_graph_set_directions (HsGraph           *self,
                         HsGraphDirections  directions)
{
  g_return_val_if_fail (self != NULL, FALSE);

  directions &= HS_GRAPH_DIR_BOTH;
  if (_hs_graph_is_time_sequence (self->kind))
    {
      /* one direction's sequence space: both (or none) is the default one */
      if (directions == HS_GRAPH_DIR_BOTH || directions == 0)
        directions = (HsGraphDirections) (1u << self->default_seq_dir);
    }
  else if (directions == 0)
    directions = HS_GRAPH_DIR_BOTH;

  if (directions == self->directions)
    return FALSE;

  self->directions = directions;
  if (_hs_graph_is_time_sequence (self->kind))
    self->seq_dir = directions == HS_GRAPH_DIR_1 ? 1 : 0;
  _hs_graph_build (self);

  return TRUE;
}

HsGraphDirections
hs_graph_get_directions (HsGraph *self)
{
  g_return_val_if_fail (self != NULL, HS_GRAPH_DIR_BOTH);

  return self->directions;
}

gboolean
hs_graph_set_average_window (HsGraph *self,
                             gint64   window_ns)
{
  gint64 before;

  g_return_val_if_fail (self != NULL, FALSE);

  before = _hs_graph_average_window (self);
  if (window_ns <= 0)
    {
      if (self->average_auto)
        return FALSE;
      self->average_auto = TRUE;
    }
  else
    {
      window_ns = CLAMP (window_ns, HS_GRAPH_MIN_AVERAGE_NS, HS_GRAPH_MAX_AVERAGE_NS);
      if (!self->average_auto && window_ns == self->average_ns)
        return FALSE;
      self->average_auto = FALSE;
      self->average_ns = window_ns;
    }

  if (self->kind == HS_GRAPH_THROUGHPUT && _hs_graph_average_window (self) != before)
    _hs_graph_build (self);

  return TRUE;
}

gint64
hs_graph_get_average_window (HsGraph *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return _hs_graph_average_window (self);
}

gint64
hs_graph_get_auto_average_window (HsGraph *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->auto_average_ns == 0)
    self->auto_average_ns = _hs_graph_choose_average_window (self);
  return self->auto_average_ns;
}

guint
hs_graph_get_n_panes (HsGraph *self)
{
  g_return_val_if_fail (self != NULL, 1);

  return self->n_panes;
}

guint
hs_graph_get_pane (HsGraph *self,
                   guint    dir)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (dir < 2, 0);

  return self->n_panes > 1 ? dir : 0;
}

guint
hs_graph_get_pane_direction (HsGraph *self,
                             guint    pane)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (pane < self->n_panes, 0);

  return self->pane_dir[pane];
}

void
hs_graph_set_show_legend (HsGraph  *self,
                          gboolean  show)
{
  g_return_if_fail (self != NULL);

  self->show_legend = !!show;
}

gboolean
hs_graph_get_show_legend (HsGraph *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->show_legend;
}

const char *
hs_graph_get_direction_name (HsGraph *self,
                             guint    dir)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (dir < 2, NULL);

  return self->direction_names[dir];
}

const char *
hs_graph_get_endpoint_name (HsGraph *self,
                            guint    side)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (side < 2, NULL);

  return self->endpoint_names[side];
}

gboolean
hs_graph_is_empty (HsGraph *self)
{
  guint i;

  g_return_val_if_fail (self != NULL, TRUE);

  for (i = 0; i < self->tracks->len; i++)
    {
      const HsGraphTrack *track = g_ptr_array_index (self->tracks, i);

      if (track->n > 0)
        return FALSE;
    }

  return TRUE;
}

gboolean
hs_graph_has_data_between (HsGraph *self,
                           gint64   t0_ns,
                           gint64   t1_ns)
{
  guint i;

  g_return_val_if_fail (self != NULL, FALSE);

  for (i = 0; i < self->tracks->len; i++)
    {
      const HsGraphTrack *track = g_ptr_array_index (self->tracks, i);
      guint k;

      /* skipping the points that stand for no packet */
      for (k = _hs_graph_track_lower_bound (track, t0_ns); k < track->n && track->t[k] <= t1_ns;
           k++)
        {
          if (track->pos[k] != HS_GRAPH_NO_POS)
            return TRUE;
        }
    }

  return FALSE;
}

const char *
hs_graph_get_warning (HsGraph *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->warning;
}


/* ------------------------------------------------------------------------ */
/* For the tests                                                             */

void
_hs_graph_get_stats (HsGraph      *self,
                     HsGraphStats *stats)
{
  *stats = self->stats;
}

void
_hs_graph_reset_stats (HsGraph *self)
{
  memset (&self->stats, 0, sizeof self->stats);
}

guint
_hs_graph_get_n_tracks (HsGraph *self)
{
  return self->tracks->len;
}

const HsGraphTrack *
_hs_graph_get_track (HsGraph *self,
                     guint    index)
{
  g_return_val_if_fail (index < self->tracks->len, NULL);

  return g_ptr_array_index (self->tracks, index);
}

void
_hs_graph_replace_points (HsGraph        *self,
                          guint           index,
                          const HsSeries *series,
                          double          bar)
{
  HsGraphTrack *track;
  guint cap = MAX (series->n, 1);
  guint i;

  g_return_if_fail (index < self->tracks->len);

  track = g_ptr_array_index (self->tracks, index);
  self->n_points -= track->n;
  track->t = g_renew (gint64, track->t, cap);
  track->lo = g_renew (double, track->lo, cap);
  track->pos = g_renew (guint32, track->pos, cap);
  if (track->hi != NULL)
    track->hi = g_renew (double, track->hi, cap);
  track->capacity = cap;
  track->n = 0;
  for (i = 0; i < series->n; i++)
    _hs_graph_track_push (track, series->points[i].t_ns, series->points[i].value,
                          series->points[i].value + bar, series->points[i].pos);
  _hs_graph_track_finish (track);
  self->n_points += track->n;

  _hs_graph_compute_extent (self);
  hs_graph_reset_view (self);
}
