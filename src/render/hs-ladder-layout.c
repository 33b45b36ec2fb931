/* hs-ladder-layout.c
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The geometry of the ladder diagram of one connection: its life cycle,
 * its settings and its growing with a live capture.  The work is in
 * hs-ladder-scan.c (connection-wide facts), hs-ladder-rows.c (the rows and
 * where things are), hs-ladder-text.c (what is written); the layout's
 * fields in hs-ladder-layout-impl.h.
 *
 * Everything that depends on the whole connection is computed once, in
 * O(n), when the layout is made or a setting changes (and, as a live
 * connection grows, for the new packets only: hs_ladder_layout_extend()):
 * the rows (16 bytes each), the phases, the anomaly positions and,
 * in time-true mode, the time scale and the bundles (a zoom there builds
 * the rows again: the scale decides which packets are too close to draw
 * apart).  Everything the painters ask for while
 * drawing is O(1) or O(log n): rows are found by binary search on y or on
 * the first position, a position's frame by binary search in the
 * connection's frame index.  The text of a row (label, badge) is built on
 * demand and kept in a small cache that is dropped when it grows, so
 * scrolling through a million packets does not keep a million strings.
 *
 * For the painters, where one row stands for several packets (a bundle in
 * time-true mode), two indexes answer without reading the records in
 * between: the notable packets (anomalies, SYN/FIN, state changes,
 * application messages) sorted by rank and direction, and one bit per
 * packet for its direction with the counts of set bits per 64, so that
 * "the most serious anomaly among these positions" costs a binary search
 * per rank and "does any of these go that way" costs O(1).  One more bit
 * per packet says whether it is notable at all, for the time-true rows:
 * only ordinary packets share a bundle. */

#include "config.h"

#include <string.h>

#include "hs-ladder-layout-impl.h"

const HsPacketRecord *
_hs_ladder_layout_get_record (HsLadderLayout *self,
                              guint           pos)
{
  g_assert (pos < self->n_pkts);

  self->stats.records_read++;
  return hs_capture_get_record (self->capture, self->pkts[pos]);
}

/* ------------------------------------------------------------------------ */
/* Life cycle                                                                */

HsLadderLayout *
hs_ladder_layout_new (HsCapture *capture,
                      guint      stream)
{
  HsLadderLayout *self;

  g_return_val_if_fail (HS_IS_CAPTURE (capture), NULL);
  g_return_val_if_fail (stream < hs_capture_get_n_connections (capture), NULL);

  self = g_new0 (HsLadderLayout, 1);
  self->capture = g_object_ref (capture);
  self->stream = stream;
  self->conn = hs_capture_get_connection (capture, stream);
  self->pkts = hs_capture_get_stream_packets (capture, stream, &self->n_pkts);
  self->mode = HS_LADDER_PACKET_ORDER;
  self->zoom = 1.0;
  self->zoom_asked = 1.0;
  self->time_max_zoom = HS_LADDER_MAX_ZOOM;
  self->collapse = FALSE;
  self->range_first = 0;
  self->range_last = self->n_pkts > 0 ? self->n_pkts - 1 : 0;
  self->default_names[0] = hs_connection_dup_endpoint (self->conn, 0);
  self->default_names[1] = hs_connection_dup_endpoint (self->conn, 1);
  self->columns.width = 1000;
  self->runs = g_array_new (FALSE, FALSE, sizeof (Run));
  self->expanded = g_hash_table_new (NULL, NULL);
  self->anomalies = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->texts = g_hash_table_new_full (NULL, NULL, NULL, _hs_ladder_text_free);

  _hs_ladder_rows_update_columns (self);
  _hs_ladder_scan_init (self);
  self->tail.first = HS_LADDER_NO_POS;

  if (self->n_pkts > 0)
    {
      _hs_ladder_scan_packets (self, 0);
      _hs_ladder_rows_build (self);
    }

  return self;
}

void
hs_ladder_layout_free (HsLadderLayout *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->capture);
  g_free (self->names[0]);
  g_free (self->names[1]);
  g_free (self->default_names[0]);
  g_free (self->default_names[1]);
  g_free (self->rows);
  g_array_unref (self->runs);
  g_hash_table_unref (self->expanded);
  g_array_unref (self->anomalies);
  _hs_ladder_scan_clear (self);
  g_hash_table_unref (self->texts);
  g_free (self);
}

HsCapture *
hs_ladder_layout_get_capture (HsLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->capture;
}

guint
hs_ladder_layout_get_stream (HsLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->stream;
}

guint
hs_ladder_layout_get_n_packets (HsLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_pkts;
}

guint
hs_ladder_layout_get_frame (HsLadderLayout *self,
                            guint           pos)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (pos < self->n_pkts, 0);
  return self->pkts[pos];
}

guint
hs_ladder_layout_find_frame (HsLadderLayout *self,
                             guint           frame)
{
  guint pos;

  g_return_val_if_fail (self != NULL, HS_LADDER_NO_POS);

  /* HS_LADDER_NO_POS is G_MAXUINT, what the capture says for "none"; a
   * live capture's packets newer than the layout are not in it */
  pos = hs_capture_find_stream_position (self->capture, self->stream, frame);
  return pos < self->n_pkts ? pos : HS_LADDER_NO_POS;
}

void
hs_ladder_layout_capture_grew (HsLadderLayout *self)
{
  guint n;

  g_return_if_fail (self != NULL);

  /* the packets drawn are still the first n_pkts of the connection */
  self->conn = hs_capture_get_connection (self->capture, self->stream);
  self->pkts = hs_capture_get_stream_packets (self->capture, self->stream, &n);
  g_return_if_fail (n >= self->n_pkts);
}

/* Whether a phase other than the first begins at one of the positions
 * before `end` in one list of phases and not in the other. */
static gboolean
phase_starts_differ (const HsLadderPhase *a,
                     guint                n_a,
                     const HsLadderPhase *b,
                     guint                n_b,
                     guint                end)
{
  guint i = 1;
  guint j = 1;

  for (;;)
    {
      while (i < n_a && a[i].first >= end)
        i++;
      while (j < n_b && b[j].first >= end)
        j++;
      if (i >= n_a || j >= n_b)
        return (i < n_a) != (j < n_b);
      if (a[i].first != b[j].first)
        return TRUE;
      i++;
      j++;
    }
}

gboolean
hs_ladder_layout_extend (HsLadderLayout *self)
{
  HsLadderPhase old_phases[G_N_ELEMENTS (self->phases)];
  guint old_n_phases;
  guint old_n;
  guint n;
  const guint32 *pkts;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->stream < hs_capture_get_n_connections (self->capture), FALSE);

  pkts = hs_capture_get_stream_packets (self->capture, self->stream, &n);
  old_n = self->n_pkts;
  if (n < old_n)
    return FALSE;
  /* a range for an export is not a live view's */
  if (old_n > 0 && (self->range_first != 0 || self->range_last != old_n - 1))
    return FALSE;

  self->conn = hs_capture_get_connection (self->capture, self->stream);
  self->pkts = pkts;
  if (n == old_n)
    return TRUE;

  memcpy (old_phases, self->phases, sizeof old_phases);
  old_n_phases = self->n_phases;

  self->n_pkts = n;
  /* texts are made again on demand, as in a new layout */
  g_hash_table_remove_all (self->texts);
  _hs_ladder_scan_packets (self, old_n);
  self->range_first = 0;
  self->range_last = n - 1;

  if (self->mode == HS_LADDER_TIME_TRUE)
    {
      double scale = self->time_scale;
      gboolean flat = self->time_flat;
      double zoom = self->zoom;

      /* the scale is the whole range's: when it moved, every row does */
      _hs_ladder_rows_compute_time_scale (self);
      self->zoom = CLAMP (self->zoom_asked, HS_LADDER_MIN_ZOOM, _hs_ladder_rows_max_zoom (self));
      /* the rows follow the scale and the zoom, not the greatest zoom */
      if (old_n == 0 || scale != self->time_scale || flat != self->time_flat ||
          zoom != self->zoom ||
          phase_starts_differ (old_phases, old_n_phases, self->phases, self->n_phases, old_n))
        {
          _hs_ladder_rows_build (self);
          return TRUE;
        }
    }
  else if (old_n == 0)
    {
      _hs_ladder_rows_build (self);
      return TRUE;
    }

  _hs_ladder_rows_extend (self, old_n - 1);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Settings                                                                  */

gboolean
hs_ladder_layout_set_mode (HsLadderLayout *self,
                           HsLadderMode    mode)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (mode == HS_LADDER_PACKET_ORDER || mode == HS_LADDER_TIME_TRUE, FALSE);

  if (self->mode == mode)
    return FALSE;

  self->mode = mode;
  if (self->n_pkts == 0)
    return TRUE;
  if (mode == HS_LADDER_TIME_TRUE)
    _hs_ladder_rows_compute_time_scale (self);
  self->zoom = CLAMP (self->zoom_asked, HS_LADDER_MIN_ZOOM, _hs_ladder_rows_max_zoom (self));
  _hs_ladder_rows_build (self);
  return TRUE;
}

HsLadderMode
hs_ladder_layout_get_mode (HsLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, HS_LADDER_PACKET_ORDER);
  return self->mode;
}

gboolean
hs_ladder_layout_set_zoom (HsLadderLayout *self,
                           double          zoom)
{
  g_return_val_if_fail (self != NULL, FALSE);

  self->zoom_asked = CLAMP (zoom, HS_LADDER_MIN_ZOOM, HS_LADDER_MAX_TIME_ZOOM);
  zoom = CLAMP (zoom, HS_LADDER_MIN_ZOOM, _hs_ladder_rows_max_zoom (self));
  if (zoom == self->zoom)
    return FALSE;

  self->zoom = zoom;
  /* time-true: the bundles follow the scale */
  if (self->n_pkts > 0 && self->mode == HS_LADDER_TIME_TRUE && !self->time_flat)
    _hs_ladder_rows_build (self);
  else if (self->n_pkts > 0)
    _hs_ladder_rows_place (self);
  return TRUE;
}

double
hs_ladder_layout_get_max_zoom (HsLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, HS_LADDER_MAX_ZOOM);
  return _hs_ladder_rows_max_zoom (self);
}

double
hs_ladder_layout_get_zoom (HsLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, 1.0);
  return self->zoom;
}

gboolean
hs_ladder_layout_set_width (HsLadderLayout *self,
                            double          width)
{
  g_return_val_if_fail (self != NULL, FALSE);

  width = MAX (width, HS_LADDER_MIN_WIDTH);
  if (width == self->columns.width)
    return FALSE;

  self->columns.width = width;
  _hs_ladder_rows_update_columns (self);
  return TRUE;
}

gboolean
hs_ladder_layout_set_collapse (HsLadderLayout *self,
                               gboolean        collapse)
{
  g_return_val_if_fail (self != NULL, FALSE);

  collapse = !!collapse;
  if (collapse == self->collapse)
    return FALSE;

  self->collapse = collapse;
  if (!collapse)
    g_hash_table_remove_all (self->expanded);
  if (self->n_pkts > 0)
    _hs_ladder_rows_build (self);
  return TRUE;
}

gboolean
hs_ladder_layout_get_collapse (HsLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->collapse;
}

gboolean
hs_ladder_layout_toggle_run (HsLadderLayout *self,
                             guint           row)
{
  const HsLadderRow *r;
  guint first;

  g_return_val_if_fail (self != NULL, FALSE);

  if (row >= self->n_rows || !self->collapse)
    return FALSE;

  r = &self->rows[row];
  if (r->kind == HS_LADDER_ROW_COLLAPSED)
    {
      g_hash_table_add (self->expanded, GUINT_TO_POINTER (r->first));
      _hs_ladder_rows_build (self);
      return TRUE;
    }

  /* a packet row: the start of the uneventful run around it, if the user
   * expanded that run */
  first = r->first;
  if (!_hs_ladder_pos_uneventful (self, first))
    return FALSE;
  while (first > self->range_first && _hs_ladder_pos_uneventful (self, first - 1))
    first--;

  if (!g_hash_table_remove (self->expanded, GUINT_TO_POINTER (first)))
    return FALSE;

  _hs_ladder_rows_build (self);
  return TRUE;
}

gboolean
hs_ladder_layout_set_range (HsLadderLayout *self,
                            guint           first,
                            guint           last)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->n_pkts == 0)
    return FALSE;

  first = MIN (first, self->n_pkts - 1);
  last = MIN (last, self->n_pkts - 1);
  last = MAX (first, last);

  if (first == self->range_first && last == self->range_last)
    return FALSE;

  self->range_first = first;
  self->range_last = last;
  if (self->mode == HS_LADDER_TIME_TRUE)
    {
      _hs_ladder_rows_compute_time_scale (self);
      self->zoom = CLAMP (self->zoom_asked, HS_LADDER_MIN_ZOOM, _hs_ladder_rows_max_zoom (self));
    }
  _hs_ladder_rows_build (self);
  return TRUE;
}

void
hs_ladder_layout_get_range (HsLadderLayout *self,
                            guint          *first,
                            guint          *last)
{
  g_return_if_fail (self != NULL);

  if (first != NULL)
    *first = self->range_first;
  if (last != NULL)
    *last = self->range_last;
}

void
hs_ladder_layout_set_endpoint_name (HsLadderLayout *self,
                                    guint           side,
                                    const char     *name)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (side <= 1);

  g_free (self->names[side]);
  self->names[side] = (name != NULL && *name != '\0') ? g_strdup (name) : NULL;
}

const char *
hs_ladder_layout_get_endpoint_name (HsLadderLayout *self,
                                    guint           side)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (side <= 1, NULL);

  return self->names[side] != NULL ? self->names[side] : self->default_names[side];
}


gint64
_hs_ladder_layout_get_start_ns (HsLadderLayout *self)
{
  return self->conn->first_ts_ns;
}

double
_hs_ladder_layout_get_time_scale (HsLadderLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->time_scale;
}

int
_hs_ladder_layout_get_client_side (HsLadderLayout *self)
{
  return self->client_side;
}

gint64
_hs_ladder_layout_get_idle_before (HsLadderLayout *self,
                                   guint           row)
{
  const HsLadderRow *prev;
  gint64 t0;
  gint64 t1;

  if (row == 0 || row >= self->n_rows)
    return 0;

  prev = &self->rows[row - 1];
  t0 = pos_time (self, prev->first + prev->n - 1);
  t1 = pos_time (self, self->rows[row].first);
  return t1 > t0 ? t1 - t0 : 0;
}

void
_hs_ladder_layout_get_stats (HsLadderLayout      *self,
                             HsLadderLayoutStats *stats)
{
  *stats = self->stats;
}

void
_hs_ladder_layout_reset_stats (HsLadderLayout *self)
{
  memset (&self->stats, 0, sizeof self->stats);
}
