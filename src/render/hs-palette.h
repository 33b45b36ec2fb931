/* hs-palette.h
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "hs-explain.h"

G_BEGIN_DECLS

/* A colour with alpha, 0..1 per channel (no GDK in this layer). */
typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} HsRgba;

typedef enum
{
  HS_PALETTE_LIGHT = 0,  /* the window in the light style */
  HS_PALETTE_DARK,       /* the window in the dark style */
  HS_PALETTE_PRINT,      /* white paper: stronger anomaly colours, no tinted fills */
} HsPaletteKind;

/* Everything the painters colour.  The anomaly colours are the ones of the
 * packet list (src/handshake/style.css, @define-color hs_*), so a
 * retransmission is the same red in the list, on the ladder and in an
 * exported file. */
typedef struct
{
  HsPaletteKind kind;
  HsRgba        background;
  HsRgba        foreground;      /* text and arrows of ordinary packets */
  HsRgba        dim;             /* secondary text: frame numbers, times, rules */
  HsRgba        lifeline;
  HsRgba        label_plate;     /* behind arrow labels, to keep them readable */
  HsRgba        selection;       /* band behind the selected packet */
  HsRgba        hover;           /* band behind the packet under the pointer */
  HsRgba        connector;       /* ACK-to-segment and retransmission links */
  HsRgba        phase[3];        /* HsLadderPhaseKind bands: handshake, data, teardown */
  HsRgba        anomaly[HS_ANOMALY_CLASS_LAST];
  /* The graphs (hs-graph.h): one colour per direction of a connection (what
   * endpoint 0 sends, what endpoint 1 sends), the grid, SACK blocks. */
  HsRgba        series[2];
  HsRgba        grid;
  HsRgba        sack;
} HsPalette;

const HsPalette *hs_palette_get            (HsPaletteKind  kind);

/* "light", "dark", "print" <-> kind; FALSE for an unknown name. */
gboolean         hs_palette_kind_from_name (const char    *name,
                                            HsPaletteKind *kind);

G_END_DECLS
