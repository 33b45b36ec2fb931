/* hs-graph-export.h
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hs-export.h"
#include "hs-graph.h"

G_BEGIN_DECLS

typedef struct
{
  HsGraphKind        kind;
  HsGraphDirections  directions;      /* 0: the graph's default */
  gint64             average_window_ns; /* throughput; 0: default */
  gint64             t0_ns;           /* time range shown; t0 == t1 == 0: all */
  gint64             t1_ns;
  HsPaletteKind      palette;
  double             width;           /* 0: 1200 */
  double             height;          /* 0: 700 */
  const char        *title;           /* NULL: "<file> — <kind title> — <a> ⇄ <b> (stream N)" */
} HsGraphExportOptions;

void     hs_graph_export_options_init (HsGraphExportOptions       *options);

/* Title, the graph with its legend, on a PNG, SVG (labels also as text,
 * like the ladder) or PDF surface; errors in HS_EXPORT_ERROR. */
gboolean hs_graph_export              (HsCapture                  *capture,
                                       guint                       stream,
                                       const HsGraphExportOptions *options,
                                       const char                 *path,
                                       GError                    **error);

G_END_DECLS
