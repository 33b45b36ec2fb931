/* hs-bench-util.c
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hs-bench-util.h"
#include "hs-capture-private.h"

gboolean
hs_bench_source_load (HsBenchSource  *src,
                      guint           index,
                      const char     *path,
                      GError        **error)
{
  gint64 t0 = g_get_monotonic_time ();
  guint n_conns;
  guint c;

  src->capture = hs_capture_load (path, NULL, NULL, NULL, error);
  if (src->capture == NULL)
    return FALSE;
  n_conns = hs_capture_get_n_connections (src->capture);
  if (n_conns == 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "%s has no TCP connection", path);
      return FALSE;
    }
  printf ("capture\t%u\t%u\t%u\t%.1f\n", index, hs_capture_get_n_packets (src->capture),
          n_conns, (g_get_monotonic_time () - t0) / 1000.0);

  for (c = 0; c < n_conns; c++)
    {
      guint n;

      hs_capture_get_stream_packets (src->capture, c, &n);
      if (n > src->n_packets)
        {
          src->n_packets = n;
          src->stream = c;
        }
    }
  printf ("stream\t%u\t%u\t%u\n", index, src->stream, src->n_packets);
  return TRUE;
}

int
hs_bench_compare_doubles (gconstpointer a,
                          gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

double
hs_bench_quantile (const double *sorted,
                   guint         n,
                   double        q)
{
  guint rank = (guint) (q * n + 0.999999);

  rank = CLAMP (rank, 1, n);
  return sorted[rank - 1];
}

/* ------------------------------------------------------------------------ */
/* A live document grown from a loaded one (as in hs-live-views-bench.c)    */

void
hs_bench_grower_init (HsBenchGrower *g,
                      HsCapture     *full,
                      HsCapture     *live)
{
  guint n = hs_capture_get_n_connections (full);
  guint i;

  g->full = full;
  g->live = live;
  g->n_packets = 0;
  g->n_connections = 0;
  g->before_append = NULL;
  g->before_append_data = NULL;
  g->conns = g_new0 (HsConnection, MAX (n, 1));
  for (i = 0; i < n; i++)
    {
      HsConnection *c = &g->conns[i];

      *c = *hs_capture_get_connection (full, i);
      c->n_packets = 0;
      memset (c->flag_counts, 0, sizeof c->flag_counts);
      for (guint d = 0; d < 2; d++)
        c->endpoint[d].packets = c->endpoint[d].bytes = c->endpoint[d].wire_bytes = 0;
      c->last_frame = c->first_frame;
      c->last_ts_ns = c->first_ts_ns;
    }
}

void
hs_bench_grower_clear (HsBenchGrower *g)
{
  g_clear_pointer (&g->conns, g_free);
}

static int
compare_uint (const void *a,
              const void *b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return (x > y) - (x < y);
}

/* Appends the next `batch` packets, as the live capture does. */
void
hs_bench_grower_batch (HsBenchGrower *g,
                       guint          batch)
{
  guint end = MIN (g->n_packets + batch, hs_capture_get_n_packets (g->full));
  g_autoptr(GArray) records = g_array_sized_new (FALSE, FALSE, sizeof (HsPacketRecord), batch);
  g_autoptr(GArray) lens = g_array_sized_new (FALSE, FALSE, sizeof (guint32), batch);
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (HsConnection));
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GList) streams = NULL;
  guint i;

  for (i = g->n_packets; i < end; i++)
    {
      const HsPacketRecord *rec = hs_capture_get_record (g->full, i);
      guint32 len = hs_capture_get_orig_len (g->full, i);

      g_array_append_vals (records, rec, 1);
      g_array_append_val (lens, len);
      if (rec->stream != HS_NO_STREAM)
        {
          HsConnection *c = &g->conns[rec->stream];

          c->n_packets++;
          c->endpoint[rec->direction].packets++;
          c->endpoint[rec->direction].bytes += rec->payload_len;
          c->endpoint[rec->direction].wire_bytes += len;
          c->last_frame = i;
          c->last_ts_ns = rec->ts_ns;
          for (guint bit = 0; bit < HS_ANALYSIS_N_FLAGS; bit++)
            if (rec->analysis & (1u << bit))
              c->flag_counts[bit]++;
          g->n_connections = MAX (g->n_connections, rec->stream + 1);
          if (g_hash_table_add (seen, GUINT_TO_POINTER (rec->stream + 1)))
            streams = g_list_prepend (streams, GUINT_TO_POINTER (rec->stream));
        }
    }

  {
    g_autofree guint *sorted = g_new (guint, g_hash_table_size (seen) + 1);
    guint n = 0;

    for (GList *l = streams; l != NULL; l = l->next)
      sorted[n++] = GPOINTER_TO_UINT (l->data);
    qsort (sorted, n, sizeof (guint), compare_uint);
    for (i = 0; i < n; i++)
      {
        HsConnection copy = g->conns[sorted[i]];

        copy.base_changes = g_memdup2 (copy.base_changes,
                                       sizeof *copy.base_changes * copy.n_base_changes);
        g_array_append_val (changed, copy);
      }
  }

  if (g->before_append != NULL)
    g->before_append (g->before_append_data);
  _hs_capture_append_batch (g->live,
                            (const HsPacketRecord *) (gpointer) records->data,
                            (const guint32 *) (gpointer) lens->data,
                            records->len,
                            (HsConnection *) (gpointer) changed->data,
                            changed->len,
                            g->n_connections);
  g->n_packets = end;
}
