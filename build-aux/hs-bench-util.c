/* hs-bench-util.c
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "hs-bench-util.h"

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
