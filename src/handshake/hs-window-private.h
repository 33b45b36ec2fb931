/* hs-window-private.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hs-capture-page.h"
#include "hs-details-view.h"
#include "hs-graph-view.h"
#include "hs-ladder-view.h"
#include "hs-live-capture.h"
#include "hs-packet-list.h"
#include "hs-session.h"
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
  GHashTable           *empty_streams;   /* the stream numbers without a segment
                                          * (hs_tcp_tracker_add_quoted, SOCKS): not listed */
  GtkCustomFilter      *connection_filter;
  GtkCustomSorter      *connection_sorter;
  GtkCustomSorter      *problems_sorter;
  GtkMultiSorter       *multi_sorter;
  GtkSortListModel     *sorted_connections;
  GtkFilterListModel   *filtered_connections;
  GtkSliceListModel    *shown_connections;
  guint                 fill_source;
  GtkSingleSelection   *connection_selection;
  GBinding             *progress_binding;
  GBinding             *message_binding;
  char                 *connection_sort;
  guint                 problems_first : 1;
  guint                 split_tick;
  guint                 selecting : 1;
  guint                 placing_split : 1;
  guint                 split_placed : 1;
  guint                 exports_running;
  guint                 focus_source;    /* moving the focus to the view after a click */
  int                   handle_start_width;

  /* live capture (hs-window-capture.c) */
  HsLiveCapture        *live;
  GCancellable         *save_cancellable;
  gpointer              pending;         /* what to do once unsaved packets are saved or not */
  guint                 closing : 1;     /* closing for good: do not ask again */

  /* template children */
  HsSession            *session;         /* what the views show: capture, connection, packet */
  AdwViewSwitcherTitle *window_title;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *welcome_page;
  GtkWidget            *sample_button;
  GtkLabel             *sample_status;
  GtkListBox           *recent_list;
  GtkWidget            *recent_group;
  AdwStatusPage        *loading_page;
  GtkProgressBar       *progress_bar;
  GtkLabel             *progress_label;
  AdwStatusPage        *error_page;
  GtkInfoBar           *problem_bar;
  GtkLabel             *problem_label;
  AdwFlap              *sidebar_flap;
  GtkWidget            *sidebar_handle;
  GtkWidget            *sidebar;
  GtkWidget            *sidebar_button;
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
  HsCapturePage        *capture_page;
  GtkRevealer          *capture_bar;
  GtkImage             *capture_state_icon;
  GtkLabel             *capture_state_label;
  GtkLabel             *capture_source_label;
  GtkLabel             *capture_counts_label;
  GtkToggleButton      *capture_pause_button;
  GtkButton            *capture_save_button;
  AdwViewSwitcherBar   *switcher_bar;
};

void     _hs_window_class_actions_init (HsWindowClass *klass);
void     _hs_window_actions_update     (HsWindow      *self);
void     _hs_window_open_dialog        (HsWindow      *self);
void     _hs_window_cancel_load        (HsWindow      *self);
void     _hs_window_go_back            (HsWindow      *self);
gboolean _hs_window_can_go_back        (HsWindow      *self);
gboolean _hs_window_is_loading         (HsWindow      *self);
void     _hs_window_select_connection  (HsWindow      *self,
                                        int            direction);
void     _hs_window_focus_search       (HsWindow      *self);
/* What a key the focused widget left does: n and p (next and previous
 * anomaly), + and - (zoom), 0 (reset the zoom), Home and End act on the
 * view shown (the ladder, the packet list or the graph), unless the focus
 * is in a text entry.  The window's key controller calls it. */
gboolean _hs_window_view_key_press     (HsWindow      *self,
                                        guint          keyval,
                                        GdkModifierType state);
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


/* hs-window.c, for hs-window-capture.c */
void     _hs_window_set_capture        (HsWindow      *self,
                                        HsCapture     *capture,
                                        GFile         *file);
void     _hs_window_show_page          (HsWindow      *self,
                                        const char    *name);
void     _hs_window_open_file_now      (HsWindow      *self,
                                        GFile         *file);

/* Live capture (hs-window-capture.c) */
void     _hs_window_capture_init       (HsWindow      *self);
void     _hs_window_capture_dispose    (HsWindow      *self);
/* Shows the Capture page; the running capture, if any, goes on. */
void     _hs_window_show_capture_page  (HsWindow      *self);
/* Starts capturing with the Capture page's choices (asking first when
 * packets of the current capture are unsaved); a failure is shown on the
 * page. */
void     _hs_window_start_capture      (HsWindow      *self);
void     _hs_window_stop_capture       (HsWindow      *self);
void     _hs_window_set_capture_paused (HsWindow      *self,
                                        gboolean       paused);
gboolean _hs_window_is_capturing       (HsWindow      *self);
/* Whether packets captured in this window were not saved yet. */
gboolean _hs_window_has_unsaved        (HsWindow      *self);
/* Whether the live document holds a packet to save. */
gboolean _hs_window_can_save_capture   (HsWindow      *self);
/* Saves the live capture's packets to `file` in a thread: a toast when
 * done, an error dialog naming the file otherwise. */
void     _hs_window_save_capture       (HsWindow      *self,
                                        GFile         *file,
                                        HsSaveFormat   format);
void     _hs_window_save_capture_dialog (HsWindow     *self);
/* The save dialog was cancelled: forget what was to follow the save. */
void     _hs_window_save_capture_cancelled (HsWindow  *self);
/* Runs `then` now, or, with unsaved captured packets, after asking
 * whether to save them (Save: after saving; Discard: after stopping the
 * capture; Cancel: never, and `destroy` frees `data`). */
typedef void (*HsWindowThen) (HsWindow *self,
                              gpointer  data);
void     _hs_window_confirm_unsaved    (HsWindow      *self,
                                        HsWindowThen   then,
                                        gpointer       data,
                                        GDestroyNotify destroy);
/* Stops the live capture and forgets it (a file is opened instead). */
void     _hs_window_drop_live          (HsWindow      *self);

/* hs-window.c: the properties the other files notify */
enum {
  WINDOW_PROP_0,
  WINDOW_PROP_CAPTURE,
  WINDOW_PROP_STREAM,
  WINDOW_PROP_SELECTED_INDEX,
  WINDOW_PROP_LOADING,
  WINDOW_N_PROPS
};

extern GParamSpec *_hs_window_properties[WINDOW_N_PROPS];

/* The sidebar (hs-window-sidebar.c) */
/* The sidebar's models, rows, sort and search, and its following the
 * session (hs_window_init). */
void _hs_window_sidebar_init             (HsWindow *self);
void _hs_window_setup_sidebar_handle     (HsWindow *self);
void _hs_window_update_connections_count (HsWindow *self);
/* The connections listed when nothing is searched; and following the
 * stream numbers without a segment (not listed) from `first` on and in the
 * `changed` ones: TRUE when one of them got a segment. */
guint    _hs_window_count_connections   (HsWindow      *self);
gboolean _hs_window_track_empty_streams (HsWindow      *self,
                                         guint          first,
                                         const guint32 *changed,
                                         guint          n_changed);
void _hs_window_on_connection_selected   (HsWindow *self);
void _hs_window_start_sidebar_fill       (HsWindow *self,
                                          guint     n_connections);

/* Opening and loading (hs-window-load.c) */
/* Recent files and dropped files (hs_window_init). */
void _hs_window_recent_init         (HsWindow *self);
void _hs_window_clear_loader        (HsWindow *self);
void _hs_window_unwatch_capture     (HsWindow *self);
void _hs_window_on_problem_response (GtkInfoBar *bar,
                                     int         response,
                                     gpointer    user_data);

/* Layout and keys (hs-window-layout.c) */
/* The keys of the view shown and the focus after a click in the sidebar
 * (hs_window_init). */
void _hs_window_keys_init              (HsWindow *self);
/* When the header bar is too narrow for the view switcher, the switcher
 * moves to a bar at the bottom of the window. */
void _hs_window_update_switcher_bar    (HsWindow *self);
/* Gives the keyboard focus to the view shown, so that its keys work
 * without clicking it first: the ladder's or the graph's drawing, or the
 * packet list's selected row. */
void _hs_window_focus_shown_view       (HsWindow *self);
/* The details pane keeps its height (details-height) as the window changes
 * size; dragging the split changes that height. */
void _hs_window_place_content_split    (HsWindow *self);
/* GtkPaned keeps the start child's size when the window changes size; put
 * the change on the packet list instead, after the new layout. */
void _hs_window_on_window_size_changed (HsWindow *self);
void _hs_window_on_content_position    (HsWindow *self);

G_END_DECLS
