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

/* Grows a live document over the file of `full` (a loaded capture of one
 * interface) batch by batch, as HsLiveCapture hands packets over: the
 * records are `full`'s (the tracker is single-pass), the connections
 * `full`'s with their counts summed up to the batch. */
typedef struct
{
  HsCapture    *full;
  HsCapture    *live;
  HsConnection *conns;      /* the connections so far */
  guint         n_packets;
  guint         n_connections;
  /* called, when set, just before each batch is handed to the document
   * (where a benchmark starts timing what the batch costs) */
  void        (*before_append) (gpointer data);
  gpointer      before_append_data;
} HsBenchGrower;

void     hs_bench_grower_init    (HsBenchGrower  *g,
                                  HsCapture      *full,
                                  HsCapture      *live);
/* Appends the next `batch` packets (fewer at the end). */
void     hs_bench_grower_batch   (HsBenchGrower  *g,
                                  guint           batch);
void     hs_bench_grower_clear   (HsBenchGrower  *g);

G_END_DECLS
