/* hs-bench-util.h
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the ladder and graph benchmarks share: the captures they time (the
 * biggest connection of each) and the statistics of their samples. */

#pragma once

#include "handshake.h"

G_BEGIN_DECLS

typedef struct
{
  HsCapture *capture;
  guint      stream;
  guint      n_packets;
} HsBenchSource;

/* Loads capture number `index` and finds its biggest connection; prints
 * the "capture" and "stream" lines.  FALSE if it cannot be loaded or has
 * no TCP connection. */
gboolean hs_bench_source_load    (HsBenchSource  *src,
                                  guint           index,
                                  const char     *path,
                                  GError        **error);

/* For qsort() of doubles. */
int      hs_bench_compare_doubles (gconstpointer  a,
                                   gconstpointer  b);

/* The value below which `q` of the sorted samples fall (nearest rank). */
double   hs_bench_quantile       (const double   *sorted,
                                  guint           n,
                                  double          q);

G_END_DECLS
