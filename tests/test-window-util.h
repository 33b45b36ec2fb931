/* test-window-util.h
 *
 * The harness the window tests share: the main loop, keys and clicks
 * through the X server, windows, renderings, captures written for them.
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <gmodule.h>

#include "hs-application.h"
#include "hs-capture-page-private.h"
#include "hs-capture-private.h"
#include "hs-connection-row-private.h"
#include "hs-details-view-private.h"
#include "hs-ladder-paint-private.h"
#include "hs-packet-list-private.h"
#include "hs-palette.h"
#include "hs-test-utils.h"
#include "hs-window-private.h"

G_BEGIN_DECLS

#define T0 G_GINT64_CONSTANT (1700000000000000000)

typedef gboolean (*Condition) (gpointer data);

/* Time limits for what the window does in the main loop, scaled for the
 * sanitizer build: there every allocation walks the stack (CI sets
 * fast_unwind_on_malloc=0 for readable leak reports), so making a sidebar
 * row takes 15 ms instead of a third of one, and CI runs another test on
 * the other core.  A limit catches a hang, not slowness; speed is measured
 * by the benchmarks. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_UNDEFINED__)
# define TIMEOUT_SCALE 10
#else
# define TIMEOUT_SCALE 1
#endif

/* Names the condition in the error, so a timeout in CI says what the
 * window never got to.
 */
#define spin_until(condition, data, timeout_ms) \
  spin_until_named (condition, #condition, data, (timeout_ms) * TIMEOUT_SCALE)

typedef int (*FakeButtonEvent) (Display *display, unsigned int button, Bool press, unsigned long delay);

typedef int (*FakeMotionEvent) (Display *display, int screen, int x, int y, unsigned long delay);

/* What write_long_connection() writes. */
typedef struct
{
  guint    n_data;       /* data segments from the server, each acknowledged */
  guint    segment;      /* their length */
  gboolean anomalies;    /* every 40th sent again (a retransmission), a jump of
                          * 40 MB half way (a segment not captured: relative
                          * numbers of eight digits after it), one segment of
                          * 12,000 bytes a third of the way */
  gboolean short_ones;   /* four short connections (10.0.0.3 → 10.0.0.4:443,
                          * handshake and teardown) starting while it runs */
  gboolean reset_after;  /* a short second connection after it (a handshake
                          * and a reset) */
} LongConnection;

/* The long connection of most tests: 1,400-byte segments with anomalies
 * and a second connection reset after it. */
#define LONG_CONNECTION(n) (&(LongConnection) { (n), 1400, TRUE, FALSE, TRUE })

extern HsApplication *app;
extern FakeButtonEvent fake_button_event;
extern FakeMotionEvent fake_motion_event;
extern guint input_seen;   /* key and button releases the windows were given */
extern guint input_expected;
char *sample_path (void);
char *tmp_path (const char *name);
void spin_until_named (Condition   condition,
                       const char *name,
                       gpointer    data,
                       guint       timeout_ms);
gboolean not_loading (gpointer data);
gboolean rows_bound (gpointer data);
gboolean n_connections_is (HsWindow *window,
                           guint     n);
gboolean no_connection (gpointer data);
gboolean one_connection (gpointer data);
gboolean two_connections (gpointer data);

/* Runs the main loop for about `n` frames' worth of time (longer in the
 * sanitizer build, where a frame takes that much longer). */
void spin_frames (guint n);
gboolean input_handled (gpointer data);

/* Presses and releases `keysym` (with `modifier` held, unless 0) and waits
 * until the window has had both. */
void press_key (HsWindow *window,
                guint     modifier,
                guint     keysym);

/* Clicks the middle of `widget` with the first button. */
/* Where the middle of `widget` is on the X screen, the window focused
 * first so that the fake events go to it. */
Display *widget_centre_on_screen (HsWindow  *window,
                                  GtkWidget *widget,
                                  int       *rx,
                                  int       *ry);

/* Opens a window on `view` ("ladder" or "packets"; NULL: as the settings
 * say) and loads `path` in it. */
HsWindow *open_window_on (const char *path,
                          const char *view);

/* The packet list's rows exist only where it is shown: most cases look at
 * the Packets page. */
HsWindow *open_window (const char *path);
void close_window (HsWindow *window);
const char *visible_page (HsWindow *window);

/* Renders a widget the way the window draws it and returns the pixels
 * (RGBA, premultiplied, stride width * 4). */
guchar *render_widget (GtkWidget *widget,
                       int       *width,
                       int       *height);

/* The first widget under `root` (depth first) that `match` accepts. */
GtkWidget *find_widget (GtkWidget  *root,
                        gboolean  (*match) (GtkWidget *widget, gconstpointer data),
                        gconstpointer data);
HsConnectionRow *find_row_with_badges (HsWindow *window);

/* A label or inscription showing exactly the text `data`. */
gboolean shows_text (GtkWidget     *widget,
                     gconstpointer  data);
gboolean sidebar_row_drawn (gpointer data);
gboolean recent_listed (gpointer data);
gboolean canvas_ready (gpointer data);
HsWindow *open_ladder (void);

/* The rows of the ladder cover every packet of the connection once. */
guint count_packets_in_rows (HsLadderLayout *layout);

/* Mean luminance and number of distinct colours of a rendered widget. */
void canvas_pixels (GtkWidget *widget,
                    double    *luminance,
                    guint     *n_colours,
                    double    *non_background);

/* The message dialog the window shows, if any. */
AdwMessageDialog *find_message_dialog (void);

/* One long connection (A: 10.0.0.1:40000 → 10.0.0.2:80): a handshake, a
 * request of 100 bytes answered by `n_data` segments from the server, each
 * acknowledged, and the teardown; with what `what` adds. */
void write_long_connection (const char           *path,
                            const LongConnection *what);

/* The packet list's rows (the column view's inner list view) */
GtkWidget *packet_rows (HsWindow *window);

/* A temporary file name no other run of these tests (another build of the
 * same sources) uses at the same time. */
char *graph_tmp_path (const char *name);
gboolean graph_ready (gpointer data);
HsWindow *open_graphs_on (const char *path);
HsWindow *open_graphs (void);

/* The size the graph is drawn at: the canvas's. */
void graph_size (HsWindow *window,
                 double   *width,
                 double   *height);
guint stream_pos (HsWindow *window,
                  guint     index);

/* The bounds of a widget in the graph view's coordinates. */
graphene_rect_t bounds_in (GtkWidget *widget,
                           GtkWidget *ancestor);

/* Every label shown in `widget` has room for its whole text (none
 * ellipsized, a wrapping one as high as its lines), inside `view`. */
void check_labels_fit (GtkWidget *view,
                       GtkWidget *widget);
gboolean focus_in (HsWindow  *window,
                   GtkWidget *widget);

/* Clicks the sidebar row of `stream` */
void click_connection (HsWindow *window,
                       guint     stream);
gboolean stream_is_one (gpointer data);
HsWindow *open_window_sized (const char *path,
                             int         width,
                             int         height);
gboolean has_action_name (GtkWidget     *widget,
                          gconstpointer  data);

/* The tests, each file's, in the order test-window.c runs them */

/* test-window-pages.c */
void test_welcome (void);
void test_sample_button (void);
void test_help (void);
void test_sample_views (void);
void test_sidebar_window_badges (void);
void test_sidebar_empty_streams (void);
void test_colours (void);
void test_selection (void);
void test_filters (void);
void test_damaged (void);
void test_not_a_capture (void);
void test_error_back (void);
void test_shortcuts_window (void);
void test_narrow_pages (void);
void test_cancel (void);
void test_sidebar_fill (void);
void test_recent (void);
void test_sidebar_resize (void);

/* test-window-ladder.c */
void test_ladder_page (void);
void test_ladder_time_true (void);
void test_ladder_narrow (void);
void test_ladder_click (void);
void test_ladder_follows_selection (void);
void test_ladder_keyboard (void);
void test_ladder_toolbar_fits (void);
void test_ladder_time_range (void);

/* test-window-graph.c */
void test_graph_page (void);
void test_graph_click (void);
void test_graph_zoom (void);
void test_graph_large (void);
void test_graph_warning (void);
void test_graph_average (void);
void test_graph_texts (void);

/* test-window-export.c */
void test_ladder_export (void);
void test_graph_export (void);
void test_export_dialog (void);
void test_recent_no_exports (void);

/* test-window-keys.c */
void test_popup_tooltips (void);
void test_keyboard_views (void);

/* test-window-fits.c */
void test_packet_list_first_visit (void);
void test_details_hex_fits (void);
void test_window_fits (void);
void test_columns_fit_big (void);

/* test-window-live.c */
void test_capture_page (void);
void test_live_capture (void);
void test_live_close_unsaved (void);
void test_live_open_over_unsaved (void);
void test_live_views (void);
void test_live_details (void);
void test_live_ring_buffer (void);

G_END_DECLS
