/* hs-window-private.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hs-details-view.h"
#include "hs-graph-view.h"
#include "hs-ladder-view.h"
#include "hs-packet-list.h"
#include "hs-window.h"

G_BEGIN_DECLS

struct _HsWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  HsCapture            *capture;
  HsCaptureLoader      *loader;
  GCancellable         *cancellable;
  GFile                *file;            /* of the shown capture */
  GListModel           *connections;     /* HsConnectionItem, stream order */
  GtkCustomFilter      *connection_filter;
  GtkCustomSorter      *connection_sorter;
  GtkCustomSorter      *problems_sorter;
  GtkMultiSorter       *multi_sorter;
  GtkSortListModel     *sorted_connections;
  GtkFilterListModel   *filtered_connections;
  GtkSingleSelection   *connection_selection;
  GBinding             *progress_binding;
  GBinding             *message_binding;
  char                 *connection_sort;
  guint                 stream;
  guint                 selected_index;
  guint                 problems_first : 1;
  guint                 split_tick;
  guint                 selecting : 1;
  guint                 placing_split : 1;
  guint                 split_placed : 1;
  guint                 exports_running;

  /* template children */
  AdwViewSwitcherTitle *window_title;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *welcome_page;
  GtkListBox           *recent_list;
  GtkWidget            *recent_group;
  AdwStatusPage        *loading_page;
  GtkProgressBar       *progress_bar;
  GtkLabel             *progress_label;
  AdwStatusPage        *error_page;
  GtkInfoBar           *problem_bar;
  GtkLabel             *problem_label;
  GtkPaned             *sidebar_paned;
  GtkWidget            *sidebar;
  GtkSearchEntry       *connection_search;
  GtkDropDown          *sort_dropdown;
  GtkLabel             *connections_count;
  GtkListView          *connection_list;
  GtkPaned             *content_paned;
  AdwViewStack         *view_stack;
  HsLadderView         *ladder_view;
  HsPacketList         *packet_list;
  HsGraphView          *graph_view;
  HsDetailsView        *details_view;
};

void     _hs_window_class_actions_init (HsWindowClass *klass);
void     _hs_window_actions_update     (HsWindow      *self);
void     _hs_window_open_dialog        (HsWindow      *self);
void     _hs_window_cancel_load        (HsWindow      *self);
gboolean _hs_window_is_loading         (HsWindow      *self);
void     _hs_window_select_connection  (HsWindow      *self,
                                        int            direction);
void     _hs_window_focus_search       (HsWindow      *self);
void     _hs_window_export_dialog      (HsWindow      *self);
/* Exports the shown connection's ladder to `path` (PNG, SVG or PDF by its
 * extension) in a thread and says how it went in a toast; the whole
 * connection or the part on screen, in the screen's colours or the print
 * palette.  exports_running counts the exports not finished yet. */
void     _hs_window_export_ladder      (HsWindow      *self,
                                        const char    *path,
                                        gboolean       visible_part,
                                        gboolean       for_print);
void     _hs_window_export_graph_dialog (HsWindow      *self);
/* Exports the shown connection's graph (the kind, directions and averaging
 * window on screen) to `path` in a thread, as _hs_window_export_ladder()
 * does: the whole connection or the time range shown, in the screen's
 * colours (and size) or the print palette. */
void     _hs_window_export_graph       (HsWindow      *self,
                                        const char    *path,
                                        gboolean       shown_range,
                                        gboolean       for_print);

G_END_DECLS
