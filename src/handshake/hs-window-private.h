/* hs-window-private.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hs-details-view.h"
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

  /* template children */
  AdwWindowTitle       *window_title;
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
  HsPacketList         *packet_list;
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

G_END_DECLS
