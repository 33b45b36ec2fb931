/* hs-packet-list-private.h — HsPacketList's struct, shared by its files and the tests
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hs-packet-list.h"
#include "hs-session-follower.h"

G_BEGIN_DECLS

/* The packet list is one widget in five files:
 *
 *   hs-packet-list.c         the widget, its properties, following the session
 *   hs-packet-list-model.c   the rows: the model, All Packets or one connection,
 *                            the filters, the selection, a live capture's growth
 *   hs-packet-list-cells.c   the columns, their cells and factories, row colours,
 *                            the packets related to the selected one
 *   hs-packet-list-widths.c  the columns' widths, from the widest values shown
 *   hs-packet-list-scroll.c  scrolling to a row, keeping a live capture's end
 *                            shown, anomaly navigation */

#define MAX_RELATED 8

typedef HsPacketListColumn Column;

#define COLUMN_MARK        HS_PACKET_LIST_COLUMN_RELATED
#define COLUMN_NUMBER      HS_PACKET_LIST_COLUMN_NUMBER
#define COLUMN_TIME        HS_PACKET_LIST_COLUMN_TIME
#define COLUMN_SOURCE      HS_PACKET_LIST_COLUMN_SOURCE
#define COLUMN_DESTINATION HS_PACKET_LIST_COLUMN_DESTINATION
#define COLUMN_FLAGS       HS_PACKET_LIST_COLUMN_FLAGS
#define COLUMN_SEQ         HS_PACKET_LIST_COLUMN_SEQ
#define COLUMN_ACK         HS_PACKET_LIST_COLUMN_ACK
#define COLUMN_LEN         HS_PACKET_LIST_COLUMN_LEN
#define COLUMN_WIN         HS_PACKET_LIST_COLUMN_WIN
#define COLUMN_INFO        HS_PACKET_LIST_COLUMN_INFO
#define N_COLUMNS          HS_PACKET_LIST_N_COLUMNS

typedef struct
{
  const char *title;          /* translated at use */
  int         fixed_width;    /* the width before the first rows are shown */
  gboolean    numeric;
  float       xalign;
  gboolean    sized;          /* as wide as its widest value (see apply_widths) */
} ColumnInfo;

/* in hs-packet-list-cells.c */
extern const ColumnInfo _hs_packet_list_columns[N_COLUMNS];

/* The entries of the kind drop-down (hs-packet-list-model.c), 0 = every kind */
#define N_KINDS 10

/* The widest values of some packets, for the columns sized from them */
typedef struct
{
  guint32 seq;
  guint32 ack;
  guint32 win;
  guint32 len;
  guint16 flags;              /* the combination whose text is the longest */
  guint   non_tcp : 1;        /* a packet of no connection (addresses decoded when shown) */
  guint   done : 1;
} Widest;

struct _HsPacketList
{
  GtkWidget           parent_instance;

  /* the session, and what it shows of it: capture, stream (the
   * connection shown unless show_all), selected_index (the session's) */
  HsSessionFollower   follower;
  HsIndexModel       *model;
  GtkSingleSelection *selection;
  GPtrArray          *bound_marks;     /* GtkListItem of the mark column */
  char               *time_format;
  guint               kind;
  /* the packet selected in the rows ("selected-index"): the session's
   * once the list found its row, G_MAXUINT while no row is selected */
  guint               selected_index;
  guint               related[MAX_RELATED];
  HsRelation          roles[MAX_RELATED];
  guint               n_related;
  guint               show_all : 1;
  guint               anomalies_only : 1;
  guint               updating : 1;
  guint               syncing : 1;     /* following the session: a selection it makes is
                                        * the session's already */
  guint               following : 1;   /* scrolled to the end when a live batch came */
  guint               end_tick;        /* keeping the end shown for a few frames */
  guint               end_frames;

  /* the columns sized from the values of the rows shown */
  Widest              widest;
  GArray             *stream_widest;   /* Widest per connection, for a document that no
                                        * longer grows */
  Widest              all_widest;
  GCancellable       *widest_cancellable;  /* the thread finding them */
  char               *widest_address;
  guint               address_n_conns; /* the connections looked at for all packets */
  int                 cell_padding;    /* a cell's padding and border, -1 until one is seen */
  guint               sizing : 1;      /* setting the columns' widths */
  guint               user_sized;      /* a bit per column the user resized */

  /* one-entry cache of a non-TCP packet decoded from the file */
  guint               cache_index;
  char               *cache_src;
  char               *cache_dst;
  char               *cache_info;

  /* template children */
  GtkToggleButton    *connection_button;
  GtkToggleButton    *all_button;
  GtkToggleButton    *anomalies_button;
  GtkDropDown        *kind_dropdown;
  GtkLabel           *count_label;
  GtkGrid            *legend_grid;
  GtkStack           *stack;
  GtkColumnView      *column_view;
};

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SHOW_ALL,
  PROP_ANOMALIES_ONLY,
  PROP_KIND,
  PROP_TIME_FORMAT,
  PROP_SELECTED_INDEX,
  PROP_N_SHOWN,
  N_PROPS
};

/* For tests (in hs-packet-list-cells.c) */
/* The row widget showing `position`, or NULL when that row is not
 * realized. */
GtkWidget  *hs_packet_list_get_row_widget          (HsPacketList        *self,
                                                    guint                position);
/* The anomaly CSS class currently set on the row widget showing
 * `position`; NULL when that row is not realized. */
const char *hs_packet_list_get_row_class           (HsPacketList        *self,
                                                    guint                position);
/* The text of `column` (an HsPacketListColumn) for the packet at
 * `position`, exactly as the list shows it. */
char       *hs_packet_list_dup_cell_text           (HsPacketList        *self,
                                                    guint                position,
                                                    guint                column);

/* hs-packet-list.c */
void        _hs_packet_list_notify                 (HsPacketList        *self,
                                                    guint                prop_id);

/* hs-packet-list-model.c */
const char *_hs_packet_list_kind_label             (guint                kind);
void        _hs_packet_list_set_model              (HsPacketList        *self,
                                                    HsIndexModel        *model);
void        _hs_packet_list_clear_rows             (HsPacketList        *self);
void        _hs_packet_list_rebuild_model          (HsPacketList        *self);
void        _hs_packet_list_update_count           (HsPacketList        *self);
void        _hs_packet_list_on_selection_changed   (HsPacketList        *self);
void        _hs_packet_list_select_index           (HsPacketList        *self,
                                                    guint                index);
void        _hs_packet_list_set_show_all           (HsPacketList        *self,
                                                    gboolean             show_all);
void        _hs_packet_list_set_anomalies_only     (HsPacketList        *self,
                                                    gboolean             anomalies_only);
void        _hs_packet_list_set_kind               (HsPacketList        *self,
                                                    guint                kind);
void        _hs_packet_list_set_time_format        (HsPacketList        *self,
                                                    const char          *format);

/* hs-packet-list-cells.c */
void        _hs_packet_list_build_columns          (HsPacketList        *self);
void        _hs_packet_list_clear_cache            (HsPacketList        *self);
char       *_hs_packet_list_format_time            (HsPacketList        *self,
                                                    guint                position,
                                                    guint                index);
void        _hs_packet_list_update_related         (HsPacketList        *self);

/* hs-packet-list-widths.c */
void        _hs_packet_list_start_widest_scan      (HsPacketList        *self);
void        _hs_packet_list_clear_widest           (HsPacketList        *self);
void        _hs_packet_list_size_columns           (HsPacketList        *self);
void        _hs_packet_list_widen_columns          (HsPacketList        *self,
                                                    guint                position,
                                                    guint                added);
void        _hs_packet_list_learn_cell_padding     (HsPacketList        *self,
                                                    GtkWidget           *child);
void        _hs_packet_list_on_column_width_changed (GtkColumnViewColumn *column,
                                                    GParamSpec          *pspec,
                                                    HsPacketList        *self);

/* hs-packet-list-scroll.c */
void        _hs_packet_list_scroll_to_position     (HsPacketList        *self,
                                                    guint                position);
gboolean    _hs_packet_list_scrolled_to_end        (HsPacketList        *self);
void        _hs_packet_list_show_end               (HsPacketList        *self);
void        _hs_packet_list_stop_showing_end       (HsPacketList        *self);
void        _hs_packet_list_on_vadjustment_changed (GtkAdjustment       *adjustment,
                                                    HsPacketList        *self);

G_END_DECLS
