/* hs-ladder-layout.h
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "hs-capture.h"

G_BEGIN_DECLS

/* The geometry of one connection's ladder diagram, in layout coordinates:
 * x from 0 to the width, y from 0 (top of the first row) to the height.
 * No drawing and no GTK: the widget and the exporters ask it where things
 * are, and the tests check it without a display.
 *
 * Positions ("pos") are indexes into the connection's packet list
 * (hs_capture_get_stream_packets()); the capture's frame index of position
 * p is hs_ladder_layout_get_frame (layout, p).
 *
 * The left lifeline is the connection's endpoint 0 (the side that sent
 * first, normally the client), the right one endpoint 1. */

typedef struct _HsLadderLayout HsLadderLayout;

/* Time-true: y follows the capture time, at a scale that makes an initial
 * round-trip time between a quarter of a row and a row (within that, the
 * gaps add up to about one row height per packet), each gap capped at 3
 * row heights (of the zoomed scale: zooming in compresses shorter gaps): a
 * gap longer than the cap is drawn 3 rows tall and its row has gap_before
 * set.  Zooming scales the time, not the rows' geometry, and goes on until
 * the closest packets are drawn apart (hs_ladder_layout_get_max_zoom()).
 * Rows are never closer than a floor (hs_ladder_layout_get_row_floor()),
 * so that arrows never overlap: a notable packet (SYN, FIN, RST, an
 * anomaly, a state change, an application message) is pushed down to keep
 * it, and ordinary packets closer than the floor to the row before share a
 * bundle row.  Without any time passing, rows are evenly spaced. */
typedef enum
{
  HS_LADDER_PACKET_ORDER = 0,  /* evenly spaced rows */
  HS_LADDER_TIME_TRUE,         /* y proportional to capture time, long gaps compressed */
} HsLadderMode;

typedef enum
{
  HS_LADDER_ROW_PACKET = 0,    /* one packet, one arrow */
  HS_LADDER_ROW_COLLAPSED,     /* a run of uneventful data segments shown as one summary row */
  HS_LADDER_ROW_BUNDLE,        /* time-true: ordinary packets too close in time to draw apart */
} HsLadderRowKind;

/* 16 bytes: a million-packet connection has a million rows. */
typedef struct
{
  double  y;              /* top of the row */
  guint32 first;          /* first position in the row */
  guint32 n : 29;         /* packets in the row: 1 for a packet row */
  guint32 kind : 2;       /* HsLadderRowKind */
  guint32 gap_before : 1; /* time-true: an idle gap was compressed just above this row */
} HsLadderRow;

G_STATIC_ASSERT (sizeof (HsLadderRow) == 16);

typedef enum
{
  HS_LADDER_PHASE_HANDSHAKE = 0,
  HS_LADDER_PHASE_DATA,
  HS_LADDER_PHASE_TEARDOWN,
} HsLadderPhaseKind;

typedef enum
{
  HS_LADDER_TEARDOWN_FOUR = 0,  /* FIN, ACK, FIN, ACK */
  HS_LADDER_TEARDOWN_THREE,     /* FIN, FIN+ACK (the ACK piggybacked), ACK */
  HS_LADDER_TEARDOWN_RESET,     /* ended by a RST */
  HS_LADDER_TEARDOWN_PARTIAL,   /* a FIN was seen but the close did not finish in the capture */
} HsLadderTeardown;

typedef struct
{
  HsLadderPhaseKind kind;
  guint             first;      /* first position of the phase */
  guint             last;       /* last position, inclusive */
  HsLadderTeardown  teardown;   /* for HS_LADDER_PHASE_TEARDOWN */
} HsLadderPhase;

/* Horizontal geometry, fixed by the width. */
typedef struct
{
  double gutter;         /* 0 .. gutter: frame number and time */
  double lifeline[2];    /* x of the two lifelines */
  double badge;          /* x where the anomaly badge column starts */
  double width;
} HsLadderColumns;

/* half a 1366 px screen, less the window's edges and the overview strip */
#define HS_LADDER_MIN_WIDTH     600.0
#define HS_LADDER_ROW_HEIGHT    40.0   /* packet order at zoom 1 */
#define HS_LADDER_MIN_ZOOM      0.25
#define HS_LADDER_MAX_ZOOM      8.0    /* packet order, and time-true at least */
#define HS_LADDER_MAX_TIME_ZOOM 4096.0 /* time-true at most */
#define HS_LADDER_MIN_COLLAPSE  6      /* shortest run that collapses */
#define HS_LADDER_NO_POS        G_MAXUINT

HsLadderLayout       *hs_ladder_layout_new              (HsCapture          *capture,
                                                         guint               stream);
void                  hs_ladder_layout_free             (HsLadderLayout     *self);
/* A live capture added packets (HsCapture::packets-added): the layout goes
 * on showing the packets it was built with, its pointers into the document
 * taken again.  Call it on every batch; a new layout shows the new packets. */
void                  hs_ladder_layout_capture_grew     (HsLadderLayout     *self);
/* A live capture added packets: the layout takes in the connection's new
 * packets, in time proportional to them (amortised), and is then what
 * hs_ladder_layout_new() would make over the same packets with the same
 * settings.  In time-true mode the gaps between packets are added up for
 * the new packets only; when the scale is at a bound of the initial RTT
 * (a bulk transfer's) that is all, otherwise the scale is found again by
 * bisection over every gap (O(n)), and when the scale, the zoom or the
 * phases moved with the new packets, the rows are all made again (O(n)).  FALSE,
 * and nothing changed, when it cannot: the connection has fewer packets
 * than the layout, or the layout shows a range (exports) that does not end
 * with its last packet; the caller then makes a new layout. */
gboolean              hs_ladder_layout_extend           (HsLadderLayout     *self);

HsCapture            *hs_ladder_layout_get_capture      (HsLadderLayout     *self);
guint                 hs_ladder_layout_get_stream       (HsLadderLayout     *self);
/* Packets of the connection (all of them, whatever the range). */
guint                 hs_ladder_layout_get_n_packets    (HsLadderLayout     *self);
guint                 hs_ladder_layout_get_frame        (HsLadderLayout     *self,
                                                         guint               pos);
/* The position of a capture frame index in this connection, or
 * HS_LADDER_NO_POS when the frame is not one of its packets.  O(log n). */
guint                 hs_ladder_layout_find_frame       (HsLadderLayout     *self,
                                                         guint               frame);

/* Settings.  Each returns TRUE when the geometry changed. */
gboolean              hs_ladder_layout_set_mode         (HsLadderLayout     *self,
                                                         HsLadderMode        mode);
HsLadderMode          hs_ladder_layout_get_mode         (HsLadderLayout     *self);
/* Clamped to HS_LADDER_MIN_ZOOM .. hs_ladder_layout_get_max_zoom(); the
 * zoom asked for (up to HS_LADDER_MAX_TIME_ZOOM) is kept, and used again
 * when the mode or range changes. */
gboolean              hs_ladder_layout_set_zoom         (HsLadderLayout     *self,
                                                         double              zoom);
double                hs_ladder_layout_get_zoom         (HsLadderLayout     *self);
/* HS_LADDER_MAX_ZOOM in packet order; in time-true mode, the zoom at which
 * the two closest packets of the range are the floor apart, each in a row
 * of its own (at least HS_LADDER_MAX_ZOOM, at most HS_LADDER_MAX_TIME_ZOOM). */
double                hs_ladder_layout_get_max_zoom     (HsLadderLayout     *self);
/* Clamped to at least HS_LADDER_MIN_WIDTH. */
gboolean              hs_ladder_layout_set_width        (HsLadderLayout     *self,
                                                         double              width);
/* Collapse every run of at least HS_LADDER_MIN_COLLAPSE uneventful packets
 * (no SYN/FIN/RST, no analysis flag, no decoder problem, both sides
 * ESTABLISHED before and after it, no TLS or HTTP message other than TLS
 * application data) into one summary row; runs the user expanded stay
 * expanded until collapsing is turned off and on again.  In time-true
 * mode a collapsed row is one row tall whatever time its run took. */
gboolean              hs_ladder_layout_set_collapse     (HsLadderLayout     *self,
                                                         gboolean            collapse);
gboolean              hs_ladder_layout_get_collapse     (HsLadderLayout     *self);
/* Expand a collapsed row, or collapse again the run that contains a packet
 * row that was expanded.  FALSE (and nothing changes) if the row is neither. */
gboolean              hs_ladder_layout_toggle_run       (HsLadderLayout     *self,
                                                         guint               row);
/* Show only positions first .. last (inclusive; clamped), for exports. */
gboolean              hs_ladder_layout_set_range        (HsLadderLayout     *self,
                                                         guint               first,
                                                         guint               last);
void                  hs_ladder_layout_get_range        (HsLadderLayout     *self,
                                                         guint              *first,
                                                         guint              *last);

/* Lifeline names: "192.0.2.1:51234" unless renamed; NULL name restores it. */
void                  hs_ladder_layout_set_endpoint_name (HsLadderLayout    *self,
                                                          guint              side,
                                                          const char        *name);
const char           *hs_ladder_layout_get_endpoint_name (HsLadderLayout    *self,
                                                          guint              side);

/* Geometry */
const HsLadderColumns *hs_ladder_layout_get_columns     (HsLadderLayout     *self);
/* Height of a packet row at the current zoom: where its arrow and texts
 * go.  In time-true mode at most that of zoom 1 (zooming in spreads the
 * time, not the rows), and the rows are placed by time, closer than this
 * but never closer than the floor. */
double                hs_ladder_layout_get_row_height   (HsLadderLayout     *self);
/* The least distance between the tops of two rows in time-true mode at
 * the current zoom: an arrow's drop and a line of label text (0.65 of the
 * row height below zoom 1). */
double                hs_ladder_layout_get_row_floor    (HsLadderLayout     *self);
/* Total height of the rows. */
double                hs_ladder_layout_get_height       (HsLadderLayout     *self);
guint                 hs_ladder_layout_get_n_rows       (HsLadderLayout     *self);
const HsLadderRow    *hs_ladder_layout_get_row          (HsLadderLayout     *self,
                                                         guint               row);
/* The row showing a position (a collapsed row for a hidden packet), or
 * HS_LADDER_NO_POS when the position is outside the range. */
guint                 hs_ladder_layout_row_for_pos      (HsLadderLayout     *self,
                                                         guint               pos);
/* The last row whose top is at or above y (0 for y above the first row). */
guint                 hs_ladder_layout_row_at_y         (HsLadderLayout     *self,
                                                         double              y);
/* Rows that intersect y0 .. y1, as first .. last inclusive; FALSE if none.
 * A row covers top .. top + row height (rows may overlap in time-true
 * mode); it intersects when top <= y1 and top + row height > y0.
 * O(log n): what is drawn depends on the viewport, not on the connection. */
gboolean              hs_ladder_layout_visible_rows     (HsLadderLayout     *self,
                                                         double              y0,
                                                         double              y1,
                                                         guint              *first,
                                                         guint              *last);
/* The arrow of a row: from the sender's lifeline at (x0, y0) to the
 * receiver's at (x1, y1), y1 > y0: around the middle of the row, from
 * 0.4 to 0.6 row heights (a drop of at most 12 px at high zoom).  A
 * collapsed row's arrow is its summary bar: (x0, y0) its top left on the
 * left lifeline, (x1, y1) its bottom right on the right one.  A bundle's
 * is the band of its flat arrows (one per direction, the first packet's
 * on top): (x0, y0) on its first packet's sender's lifeline at the top of
 * the band, (x1, y1) on the other lifeline at its bottom. */
void                  hs_ladder_layout_get_arrow        (HsLadderLayout     *self,
                                                         guint               row,
                                                         double             *x0,
                                                         double             *y0,
                                                         double             *x1,
                                                         double             *y1);
/* The row under a point, or HS_LADDER_NO_POS: a point within half a row
 * of an arrow, anywhere across the width, hits its row. */
guint                 hs_ladder_layout_hit              (HsLadderLayout     *self,
                                                         double              x,
                                                         double              y);

/* Phases of the connection, in order (none for a connection picked up
 * mid-stream without a handshake and without a close). */
guint                 hs_ladder_layout_get_n_phases     (HsLadderLayout     *self);
const HsLadderPhase  *hs_ladder_layout_get_phase        (HsLadderLayout     *self,
                                                         guint               i);

/* The TCP state of endpoint `side` after position `pos`, and whether it
 * changed there (the painter writes it on the lifeline then). */
HsTcpState            hs_ladder_layout_get_state        (HsLadderLayout     *self,
                                                         guint               pos,
                                                         guint               side,
                                                         gboolean           *changed);

/* Anomalies (hs_packet_record_is_anomaly) as positions, in order: for the
 * overview strip and for next/previous anomaly. */
const guint32        *hs_ladder_layout_get_anomalies    (HsLadderLayout     *self,
                                                         guint              *n);
/* The next anomaly after (forward) or before pos, HS_LADDER_NO_POS if none. */
guint                 hs_ladder_layout_next_anomaly     (HsLadderLayout     *self,
                                                         guint               pos,
                                                         gboolean            forward);

/* Text, built on demand and cached for the positions last asked for (a few
 * thousand; the packet's bytes are read once, and only for packets with an
 * application tag).  The strings stay valid until the next call of either
 * function: copy one before asking for another.
 *
 * The label, exactly: the flags as hs_tcp_flags_to_string() writes them,
 * two spaces, "Seq=" relative sequence number, " Ack=" relative
 * acknowledgement number only when the ACK flag is set, " Win=" window
 * (scaled), " Len=" payload length, then " · " and the application summary
 * (hs_explain_app_summary()) when there is one:
 *   "SYN, ACK  Seq=0 Ack=1 Win=65535 Len=0"
 *   "PSH, ACK  Seq=1 Ack=1 Win=64256 Len=517 · Client Hello"
 * Seq/Ack/Win/Len are Wireshark's words and stay untranslated.  A segment
 * whose header length is bogus has " · Malformed packet" instead of Len. */
const char           *hs_ladder_layout_get_label        (HsLadderLayout     *self,
                                                         guint               pos);
/* What the analysis found, translated, the parts joined by " · ", most
 * serious first: "Malformed", "Reset", "Previous segment not captured",
 * "ACKed unseen segment", "Retransmission of #5" (also "Fast …",
 * "Spurious …"; without " of #5" when the original was not captured;
 * frame numbers 1-based), "Out of order", "Dup ACK #2", "Zero window
 * probe", "Zero window probe ACK", "Zero window", "Window full", "Window
 * update", "Keep-alive", "Keep-alive ACK", "Ports reused"; NULL if none.
 * SYN and FIN have no badge (their arrows have the handshake colour). */
const char           *hs_ladder_layout_get_badge        (HsLadderLayout     *self,
                                                         guint               pos);
/* "1,204 segments, 3.1 MB" for a collapsed row (g_format_size), "40
 * packets in 1.2 ms, 57.9 kB" for a bundle, NULL for a packet row. */
char                 *hs_ladder_layout_dup_run_summary  (HsLadderLayout     *self,
                                                         guint               row);

G_END_DECLS
