/* hs-ladder-paint-impl.h
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pangocairo.h>

#include "hs-ladder-layout-private.h"
#include "hs-ladder-paint-private.h"
#include "hs-render-private.h"

G_BEGIN_DECLS

/* What the ladder's painters share, for their own files only:
 * hs-ladder-paint.c (the rows: bands, arrows, slots), hs-ladder-paint-text.c
 * (labels, badges, the gutter, state names, captions), hs-ladder-shapes.c
 * (arrows, breaks, colours, fonts), hs-ladder-header.c, hs-ladder-legend.c
 * and hs-ladder-overview.c. */

#define HEADER_HEIGHT   62.0
#define TITLE_HEIGHT    58.0

#define LABEL_SIZE      11.0
#define SMALL_SIZE      10.0
#define STATE_SIZE       8.5
#define NAME_SIZE       12.5
#define TITLE_SIZE      17.0

#define ARROW_HEAD      9.0
#define PILL_HALF      46.0   /* half the widest state name's pill, and a margin */
#define LABEL_MARGIN   24.0   /* what a label leaves of the lane: clear of the arrowheads */
#define LEGEND_MARGIN   16.0
#define LEGEND_SWATCH   30.0

typedef enum
{
  FONT_LABEL = 0,
  FONT_SMALL,
  FONT_SMALL_BOLD,
  FONT_STATE,
  FONT_NAME,
  FONT_TITLE,
  N_FONTS
} Font;



/* Rows whose tops are closer than this share a slot: where rows are that
 * dense, a slot gets one arrow per direction (the most serious of its
 * class, the others could not be told apart) and the texts of one row. */
#define SLOT 2.0

/* Rows drawn in full whatever is near them: the selected, then the hovered. */
#define MAX_FORCED 2

/* The text columns, each skipping a text that would overlap the one before
 * it; the lane also keeps the arrows clear of the next labels. */
typedef enum
{
  COL_LANE = 0,   /* labels, run summaries, phase captions */
  COL_GUTTER,     /* frame number and time */
  COL_BADGE,
  COL_PILL0,      /* state names on the lifelines */
  COL_PILL1,
  N_COLS
} Column;

/* Rows first .. last, whose tops are within SLOT of the first's: packet
 * rows, or one collapsed row alone. */
typedef struct
{
  guint first;
  guint last;
} Slot;

/* An arrow in an anomaly colour, drawn over the plain ones. */
typedef struct
{
  guint row;
  guint rank;     /* HsAnomalyClass */
} Marked;

/* A plain arrow. */
typedef struct
{
  double x0;
  double y0;
  double x1;
  double y1;
  guint  pos;     /* its packet, or the first of its bundle */
} Segment;

typedef struct
{
  HsInk                  ink;
  cairo_t               *cr;
  HsLadderLayout        *layout;
  const HsPalette       *palette;
  const HsLadderColumns *cols;
  double                 h;            /* row height */
  double                 y0;           /* viewport, layout coordinates */
  double                 y1;
  gboolean               time_true;
  gboolean               labels;       /* labels have room (always in time-true mode) */
  /* the height of a line in each font, measured once a paint, so that a
   * text is known not to fit before it is made */
  double                 th[N_FONTS];
  /* bottom of the last text drawn in each column, to skip overlaps */
  double                 bottom[N_COLS];
  /* the rows drawn in full, the packet each is drawn for (one of a
   * bundle), and where their texts go in each column */
  guint                  forced[MAX_FORCED];
  guint                  forced_pos[MAX_FORCED];
  guint                  n_forced;
  guint                  drawing_forced;   /* which one is being drawn */
  double                 reserved[MAX_FORCED][N_COLS][2];
  GArray                *items;            /* HsLadderItem, for the tests; or NULL */
} Painter;


/* hs-ladder-shapes.c */
void _hs_ladder_ink_init (HsInk   *ink,
                          cairo_t *cr,
                          GString *text_layer);
void _hs_ladder_draw_break (cairo_t         *cr,
                            const HsPalette *palette,
                            double           x0,
                            double           x1,
                            double           y);
void _hs_ladder_draw_chevron (cairo_t      *cr,
                              double        x,
                              double        y,
                              double        size,
                              const HsRgba *color);
void _hs_ladder_draw_arrow (cairo_t      *cr,
                            double        x0,
                            double        y0,
                            double        x1,
                            double        y1,
                            double        line_width,
                            double        head,
                            const HsRgba *color);
gboolean _hs_ladder_arrow_line_path (cairo_t *cr,
                                     double   x0,
                                     double   y0,
                                     double   x1,
                                     double   y1,
                                     double   head);
void _hs_ladder_arrow_head_path (cairo_t *cr,
                                 double   x0,
                                 double   y0,
                                 double   x1,
                                 double   y1,
                                 double   head);
const HsRgba *_hs_ladder_class_color (const HsPalette *palette,
                                      HsAnomalyClass   klass);
const HsRgba *_hs_ladder_pill_fill (const HsPalette *palette);
const HsRgba *_hs_ladder_pill_text (const HsPalette *palette);

/* hs-ladder-paint.c */
gboolean _hs_ladder_fits (Painter *p,
                          Column   col,
                          double   top,
                          double   bottom);
gboolean _hs_ladder_may_draw (Painter  *p,
                              gboolean  forced,
                              Column    col,
                              double    top,
                              double    bottom);
void _hs_ladder_record_item (Painter          *p,
                             HsLadderItemKind  kind,
                             guint             pos,
                             double            x0,
                             double            y0,
                             double            x1,
                             double            y1,
                             double            width);
void _hs_ladder_record_text (Painter          *p,
                             HsLadderItemKind  kind,
                             guint             pos,
                             HsInkBox          box);
double _hs_ladder_band_bottom (Painter *p,
                               guint    row);
const char *_hs_ladder_phase_caption (HsLadderLayout      *layout,
                                      const HsLadderPhase *phase);
gboolean _hs_ladder_is_forced (Painter *p,
                               guint    row);
void _hs_ladder_paint_collapsed_text (Painter  *p,
                                      guint     row,
                                      gboolean  forced);
gboolean _hs_ladder_phase_rows (HsLadderLayout      *layout,
                                const HsLadderPhase *phase,
                                guint               *first_row,
                                guint               *last_row);

/* hs-ladder-paint-text.c */
void _hs_ladder_paint_hover_connector (Painter *p,
                                       guint    pos);
void _hs_ladder_paint_texts (Painter *p,
                             GArray  *slots,
                             gboolean show_phases);

G_END_DECLS
