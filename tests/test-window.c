/* test-window.c — the Handshake window in a real display (run under Xvfb)
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <gmodule.h>

#include "hs-application.h"
#include "hs-capture-private.h"
#include "hs-connection-row.h"
#include "hs-ladder-paint-private.h"
#include "hs-palette.h"
#include "hs-test-utils.h"
#include "hs-window-private.h"

#define T0 G_GINT64_CONSTANT (1700000000000000000)

static HsApplication *app;

static char *
sample_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "sample.pcapng", NULL);
}

static char *
tmp_path (const char *name)
{
  return g_build_filename (g_get_tmp_dir (), name, NULL);
}

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

static void
spin_until_named (Condition   condition,
                  const char *name,
                  gpointer    data,
                  guint       timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        g_error ("%s: timed out after %u ms waiting for %s",
                 g_test_get_path (), timeout_ms, name);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
    }
}

static gboolean
not_loading (gpointer data)
{
  return !_hs_window_is_loading (data);
}

static gboolean
rows_bound (gpointer data)
{
  HsWindow *window = data;

  return hs_packet_list_get_row_widget (window->packet_list, 0) != NULL;
}

static gboolean
n_connections_is (HsWindow *window,
                  guint     n)
{
  return g_list_model_get_n_items (G_LIST_MODEL (window->connection_selection)) == n;
}

static gboolean
no_connection (gpointer data)
{
  return n_connections_is (data, 0);
}

static gboolean
one_connection (gpointer data)
{
  return n_connections_is (data, 1);
}

static gboolean
two_connections (gpointer data)
{
  return n_connections_is (data, 2);
}

/* Runs the main loop for about `n` frames' worth of time (longer in the
 * sanitizer build, where a frame takes that much longer). */
static void
spin_frames (guint n)
{
  for (guint i = 0; i < n; i++)
    {
      gint64 end = g_get_monotonic_time () + 20000 * TIMEOUT_SCALE;

      while (g_get_monotonic_time () < end)
        g_main_context_iteration (NULL, FALSE);
    }
}

/* Keys and clicks through the X server ------------------------------------- */

/* Where a key goes is the window's business (the focus, the controllers,
 * the entries), so the keyboard cases press real keys: XTest has the X
 * server send them as a keyboard would.  libXtst is a dependency of the X
 * libraries' tools and opened at run time, so the build needs nothing but
 * GTK's X11 headers. */
typedef int (*FakeKeyEvent)    (Display *display, unsigned int keycode, Bool press, unsigned long delay);
typedef int (*FakeButtonEvent) (Display *display, unsigned int button, Bool press, unsigned long delay);
typedef int (*FakeMotionEvent) (Display *display, int screen, int x, int y, unsigned long delay);

static FakeKeyEvent fake_key_event;
static FakeButtonEvent fake_button_event;
static FakeMotionEvent fake_motion_event;
static guint input_seen;   /* key and button releases the windows were given */

static void
load_xtest (void)
{
  GModule *module;

  if (fake_key_event != NULL)
    return;
  module = g_module_open ("libXtst.so.6", G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  g_assert_nonnull (module);
  g_assert_true (g_module_symbol (module, "XTestFakeKeyEvent", (gpointer *)&fake_key_event));
  g_assert_true (g_module_symbol (module, "XTestFakeButtonEvent", (gpointer *)&fake_button_event));
  g_assert_true (g_module_symbol (module, "XTestFakeMotionEvent", (gpointer *)&fake_motion_event));
  g_module_make_resident (module);
  g_module_close (module);
}

static gboolean
count_release (GtkEventControllerLegacy *controller,
               GdkEvent                 *event,
               gpointer                  data)
{
  GdkEventType type = gdk_event_get_event_type (event);

  if (type == GDK_KEY_RELEASE || type == GDK_BUTTON_RELEASE)
    input_seen++;
  return GDK_EVENT_PROPAGATE;
}

static Display *
x_display (HsWindow *window)
{
  return gdk_x11_display_get_xdisplay (gtk_widget_get_display (GTK_WIDGET (window)));
}

static gboolean
window_active (gpointer data)
{
  return gtk_window_is_active (data);
}

/* The X input focus on the window, and a count of what it is given. */
static void
focus_window (HsWindow *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  load_xtest ();
  if (g_object_get_data (G_OBJECT (window), "hs-test-input") == NULL)
    {
      GtkEventController *controller = gtk_event_controller_legacy_new ();

      gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
      g_signal_connect (controller, "event", G_CALLBACK (count_release), NULL);
      gtk_widget_add_controller (GTK_WIDGET (window), controller);
      g_object_set_data (G_OBJECT (window), "hs-test-input", controller);
    }
  XSetInputFocus (x_display (window), gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  XFlush (x_display (window));
  spin_until (window_active, window, 5000);
}

static guint input_expected;

static gboolean
input_handled (gpointer data)
{
  return input_seen >= input_expected;
}

/* Presses and releases `keysym` (with `modifier` held, unless 0) and waits
 * until the window has had both. */
static void
press_key (HsWindow *window,
           guint     modifier,
           guint     keysym)
{
  Display *display = x_display (window);
  KeyCode mod = modifier != 0 ? XKeysymToKeycode (display, modifier) : 0;
  KeyCode code = XKeysymToKeycode (display, keysym);

  g_assert_cmpuint (code, !=, 0);
  focus_window (window);
  input_expected = input_seen + (mod != 0 ? 2 : 1);
  if (mod != 0)
    fake_key_event (display, mod, True, CurrentTime);
  fake_key_event (display, code, True, CurrentTime);
  fake_key_event (display, code, False, CurrentTime);
  if (mod != 0)
    fake_key_event (display, mod, False, CurrentTime);
  XFlush (display);
  spin_until (input_handled, NULL, 5000);
}

/* Clicks the middle of `widget` with the first button. */
/* Where the middle of `widget` is on the X screen, the window focused
 * first so that the fake events go to it. */
static Display *
widget_centre_on_screen (HsWindow  *window,
                         GtkWidget *widget,
                         int       *rx,
                         int       *ry)
{
  Display *display = x_display (window);
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  graphene_point_t centre = GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                 gtk_widget_get_height (widget) / 2.0);
  graphene_point_t p;
  double sx, sy;
  Window child;

  focus_window (window);
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &centre, &p));
  gtk_native_get_surface_transform (native, &sx, &sy);
  XTranslateCoordinates (display, gdk_x11_surface_get_xid (surface), DefaultRootWindow (display),
                         (int)(p.x + sx), (int)(p.y + sy), rx, ry, &child);
  return display;
}

static void
click_widget (HsWindow  *window,
              GtkWidget *widget)
{
  int rx, ry;
  Display *display = widget_centre_on_screen (window, widget, &rx, &ry);

  input_expected = input_seen + 1;
  fake_motion_event (display, -1, rx, ry, CurrentTime);
  fake_button_event (display, 1, True, CurrentTime);
  fake_button_event (display, 1, False, CurrentTime);
  XFlush (display);
  spin_until (input_handled, NULL, 5000);
}

/* Drags from the middle of `widget` by `dx` pixels with the first button */
static void
drag_widget (HsWindow  *window,
             GtkWidget *widget,
             int        dx)
{
  int rx, ry;
  Display *display = widget_centre_on_screen (window, widget, &rx, &ry);

  input_expected = input_seen + 1;
  fake_motion_event (display, -1, rx, ry, CurrentTime);
  fake_button_event (display, 1, True, CurrentTime);
  for (int step = 1; step <= 4; step++)
    fake_motion_event (display, -1, rx + dx * step / 4, ry, CurrentTime);
  fake_button_event (display, 1, False, CurrentTime);
  XFlush (display);
  spin_until (input_handled, NULL, 5000);
}

/* Opens a window on `view` ("ladder" or "packets"; NULL: as the settings
 * say) and loads `path` in it. */
static HsWindow *
open_window_on (const char *path,
                const char *view)
{
  HsWindow *window = hs_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  if (view != NULL)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", view));

  if (path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      hs_window_open_file (window, file);
      g_assert_true (_hs_window_is_loading (window));
      spin_until (not_loading, window, 20000);
    }

  return window;
}

/* The packet list's rows exist only where it is shown: most cases look at
 * the Packets page. */
static HsWindow *
open_window (const char *path)
{
  return open_window_on (path, "packets");
}

static void
close_window (HsWindow *window)
{
  gint64 end = g_get_monotonic_time () + 10 * TIMEOUT_SCALE * G_USEC_PER_SEC;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&window);
  gtk_window_destroy (GTK_WINDOW (window));
  /* a load still running holds the window until its callback has run */
  while (window != NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (window);
}

static const char *
visible_page (HsWindow *window)
{
  return gtk_stack_get_visible_child_name (window->main_stack);
}

/* Renders a widget the way the window draws it and returns the pixels
 * (RGBA, premultiplied, stride width * 4). */
static guchar *
render_widget (GtkWidget *widget,
               int       *width,
               int       *height)
{
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  gint64 end = g_get_monotonic_time () + 10 * TIMEOUT_SCALE * G_USEC_PER_SEC;
  GskRenderer *renderer;
  guchar *pixels;

  *width = gtk_widget_get_width (widget);
  *height = gtk_widget_get_height (widget);
  g_assert_cmpint (*width, >, 0);
  g_assert_cmpint (*height, >, 0);
  g_assert_true (gtk_widget_get_mapped (widget));

  /* A widget paintable shows what the widget last drew; a widget mapped
   * since the last frame has drawn nothing yet, so wait for its frame. */
  for (;;)
    {
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      gdk_paintable_snapshot (paintable, snapshot, *width, *height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node != NULL || g_get_monotonic_time () > end)
        break;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, *width, *height));
  pixels = g_malloc ((gsize)*width * *height * 4);
  gdk_texture_download (texture, pixels, *width * 4);
  return pixels;
}

/* Mean red minus mean green over a row, and the colour of its first pixels
 * (the class stripe). */
static void
row_colour (GtkWidget *row,
            double    *red_excess,
            guint32   *stripe)
{
  int w, h;
  g_autofree guchar *px = render_widget (row, &w, &h);
  double r = 0, g = 0;

  /* gdk_texture_download gives native-endian ARGB32 (B, G, R, A in memory) */
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guchar *p = px + (y * w + x) * 4;

        r += p[2];
        g += p[1];
      }
  *red_excess = (r - g) / (w * h);

  {
    const guchar *p = px + ((h / 2) * w + 1) * 4;

    *stripe = ((guint32)p[2] << 16) | ((guint32)p[1] << 8) | p[0];
  }
}

static void
test_welcome (void)
{
  HsWindow *window = open_window (NULL);

  spin_frames (2);
  g_assert_true (hs_window_is_empty (window));
  g_assert_cmpstr (visible_page (window), ==, "welcome");
  g_assert_null (hs_window_get_capture (window));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (window)));
  /* no sidebar to show without a capture */
  g_assert_false (gtk_widget_get_visible (window->sidebar_button));
  /* the sample capture is found (HANDSHAKE_SAMPLE points at it) */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL));
  g_assert_true (_hs_window_is_loading (window));
  g_assert_cmpstr (visible_page (window), ==, "loading");
  spin_until (not_loading, window, 20000);
  g_assert_cmpstr (visible_page (window), ==, "capture");
  g_assert_false (hs_window_is_empty (window));
  g_assert_true (gtk_widget_get_visible (window->sidebar_button));

  close_window (window);
}

static AdwMessageDialog *find_message_dialog (void);

/* Run from the build tree (as the tests are), without HANDSHAKE_SAMPLE, the
 * sample is the source tree's; when there is none, the button says why. */
static void
test_sample_button (void)
{
  g_autofree char *sample = g_strdup (g_getenv ("HANDSHAKE_SAMPLE"));
  g_autofree char *expected = sample_path ();
  g_autofree char *missing = tmp_path ("no-such-folder/sample.pcapng");
  g_autoptr(GFile) expected_file = g_file_new_for_path (expected);
  g_autoptr(GFile) file = NULL;
  HsWindow *window;

  g_unsetenv ("HANDSHAKE_SAMPLE");
  file = hs_application_dup_sample_file (NULL);
  g_assert_nonnull (file);
  {
    char *a = realpath (g_file_peek_path (file), NULL);
    char *b = realpath (expected, NULL);

    g_assert_cmpstr (a, ==, b);
    free (a);
    free (b);
  }

  window = open_window (NULL);
  g_assert_true (gtk_widget_is_sensitive (window->sample_button));
  g_assert_null (gtk_widget_get_tooltip_text (window->sample_button));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->sample_status)));
  g_signal_emit_by_name (window->sample_button, "clicked");
  g_assert_cmpstr (visible_page (window), ==, "loading");
  spin_until (not_loading, window, 20000);
  g_assert_cmpstr (visible_page (window), ==, "capture");
  g_assert_cmpstr (adw_view_switcher_title_get_title (window->window_title), ==, "sample.pcapng");
  close_window (window);

  /* no sample: disabled, and it says where it should be */
  g_setenv ("HANDSHAKE_SAMPLE", missing, TRUE);
  window = open_window (NULL);
  spin_frames (2);
  g_assert_false (gtk_widget_is_sensitive (window->sample_button));
  g_assert_nonnull (gtk_widget_get_tooltip_text (window->sample_button));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (window->sample_button), missing));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window->sample_status)));
  g_assert_cmpstr (gtk_label_get_text (window->sample_status), ==,
                   gtk_widget_get_tooltip_text (window->sample_button));
  close_window (window);

  g_setenv ("HANDSHAKE_SAMPLE", sample, TRUE);
}

/* Run from the build tree, the help is the source tree's pages; without a
 * help viewer, the help action says what to install. */
static void
test_help (void)
{
  g_autofree char *expected = g_test_build_filename (G_TEST_DIST, "..", "help", "C", NULL);
  g_autofree char *path = g_strdup (g_getenv ("PATH"));
  g_autofree char *empty = g_dir_make_tmp ("handshake-path-XXXXXX", NULL);
  g_autofree char *location = NULL;
  g_autofree char *index = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  HsWindow *window;

  location = hs_application_dup_help_location (&error);
  g_assert_no_error (error);
  g_assert_nonnull (location);
  g_assert_false (g_str_has_prefix (location, "help:"));
  index = g_build_filename (location, "index.page", NULL);
  g_assert_true (g_file_test (index, G_FILE_TEST_IS_REGULAR));
  {
    char *a = realpath (location, NULL);
    char *b = realpath (expected, NULL);

    g_assert_cmpstr (a, ==, b);
    free (a);
    free (b);
  }

  /* no Yelp in the PATH */
  window = open_window (NULL);
  g_assert_null (find_message_dialog ());
  g_setenv ("PATH", empty, TRUE);
  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  g_setenv ("PATH", path, TRUE);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "“yelp”"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), location));
  g_assert_true (adw_message_dialog_has_response (dialog, "close"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin_frames (2);
  g_assert_null (find_message_dialog ());

  close_window (window);
  g_rmdir (empty);
}

/* The first widget under `root` (depth first) that `match` accepts. */
static GtkWidget *
find_widget (GtkWidget  *root,
             gboolean  (*match) (GtkWidget *widget, gconstpointer data),
             gconstpointer data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A sidebar row of a connection with anomaly badges. */
static gboolean
is_row_with_badges (GtkWidget     *widget,
                    gconstpointer  data)
{
  g_auto(GStrv) badges = NULL;

  if (!HS_IS_CONNECTION_ROW (widget))
    return FALSE;
  badges = hs_connection_row_dup_badges (HS_CONNECTION_ROW (widget));
  return badges[0] != NULL;
}

static HsConnectionRow *
find_row_with_badges (HsWindow *window)
{
  return (HsConnectionRow *)find_widget (GTK_WIDGET (window->connection_list),
                                         is_row_with_badges, NULL);
}

/* A label or inscription showing exactly the text `data`. */
static gboolean
shows_text (GtkWidget     *widget,
            gconstpointer  data)
{
  if (GTK_IS_LABEL (widget))
    return g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
  if (GTK_IS_INSCRIPTION (widget))
    return g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), data) == 0;
  return FALSE;
}

static gboolean
sidebar_row_drawn (gpointer data)
{
  HsWindow *window = data;
  HsConnectionRow *row = find_row_with_badges (window);

  return row != NULL && gtk_widget_get_height (GTK_WIDGET (row)) > 0;
}

static char *
row_tooltip_over (HsConnectionRow *row,
                  GtkWidget       *child)
{
  graphene_point_t centre = GRAPHENE_POINT_INIT (gtk_widget_get_width (child) / 2.0,
                                                 gtk_widget_get_height (child) / 2.0);
  graphene_point_t p;

  g_assert_true (gtk_widget_compute_point (child, GTK_WIDGET (row), &centre, &p));
  return hs_connection_row_dup_tooltip (row, p.x, p.y);
}

static void
test_sample_views (void)
{
  g_autofree char *path = sample_path ();
  HsWindow *window = open_window (path);
  HsCapture *capture = hs_window_get_capture (window);
  GListModel *conns = G_LIST_MODEL (window->connection_selection);
  g_autofree char *cell = NULL;
  g_autofree char *subtitle = NULL;
  g_autoptr(HsConnectionItem) first = NULL;

  g_assert_nonnull (capture);
  g_assert_cmpstr (visible_page (window), ==, "capture");
  g_assert_cmpstr (adw_view_switcher_title_get_title (window->window_title), ==, "sample.pcapng");
  g_assert_nonnull (strstr (adw_view_switcher_title_get_subtitle (window->window_title), "43"));
  g_assert_false (gtk_info_bar_get_revealed (window->problem_bar));

  /* conversations: two connections, the first selected, the list scoped to it */
  g_assert_cmpuint (g_list_model_get_n_items (conns), ==, 2);
  first = g_list_model_get_item (conns, 0);
  g_assert_cmpuint (hs_connection_item_get_stream (first), ==, 0);
  g_assert_cmpuint (hs_window_get_stream (window), ==, 0);
  g_assert_cmpuint (hs_packet_list_get_n_shown (window->packet_list), ==, 41);
  g_assert_nonnull (strstr (gtk_label_get_text (window->connections_count), "2"));

  /* packet list contents as Wireshark users read them */
  cell = hs_packet_list_dup_cell_text (window->packet_list, 12, HS_PACKET_LIST_COLUMN_NUMBER);
  g_assert_cmpstr (cell, ==, "13");
  g_clear_pointer (&cell, g_free);
  cell = hs_packet_list_dup_cell_text (window->packet_list, 12, HS_PACKET_LIST_COLUMN_INFO);
  g_assert_true (g_str_has_prefix (cell, "[TCP Dup ACK 11#1]"));
  g_clear_pointer (&cell, g_free);
  cell = hs_packet_list_dup_cell_text (window->packet_list, 17, HS_PACKET_LIST_COLUMN_INFO);
  g_assert_true (g_str_has_prefix (cell, "[TCP Fast Retransmission]"));
  g_clear_pointer (&cell, g_free);
  cell = hs_packet_list_dup_cell_text (window->packet_list, 0, HS_PACKET_LIST_COLUMN_FLAGS);
  g_assert_cmpstr (cell, ==, "SYN");
  g_clear_pointer (&cell, g_free);
  cell = hs_packet_list_dup_cell_text (window->packet_list, 8, HS_PACKET_LIST_COLUMN_SEQ);  /* frame 9: Seq */
  g_assert_cmpstr (cell, ==, "2660");
  g_clear_pointer (&cell, g_free);
  cell = hs_packet_list_dup_cell_text (window->packet_list, 26, HS_PACKET_LIST_COLUMN_WIN); /* frame 27: zero window */
  g_assert_cmpstr (cell, ==, "0");
  g_clear_pointer (&cell, g_free);
  cell = hs_packet_list_dup_cell_text (window->packet_list, 1, HS_PACKET_LIST_COLUMN_TIME);  /* time of frame 2 */
  g_assert_true (g_str_has_prefix (cell, "0."));
  g_clear_pointer (&cell, g_free);

  spin_until (rows_bound, window, 5000);

  /* the sidebar row: its badges, and tooltips made when asked for */
  {
    HsConnectionRow *row;
    g_auto(GStrv) badges = NULL;
    g_autofree char *title = hs_connection_item_dup_title (first);
    g_autofree char *tip = NULL;
    const char *state;
    GtkWidget *badge;

    spin_until (sidebar_row_drawn, window, 5000);
    row = find_row_with_badges (window);
    g_assert_nonnull (row);
    g_assert_true (gtk_widget_get_has_tooltip (GTK_WIDGET (row)));
    badges = hs_connection_row_dup_badges (row);
    g_assert_true (g_strv_contains ((const char * const *)badges, "3 dup ACKs"));
    badge = find_widget (GTK_WIDGET (row), shows_text, "3 dup ACKs");
    g_assert_nonnull (badge);
    tip = row_tooltip_over (row, badge);
    g_assert_cmpstr (tip, ==, hs_anomaly_class_description (HS_ANOMALY_CLASS_DUP_ACK));
    g_clear_pointer (&tip, g_free);
    state = hs_conn_state_describe (hs_connection_item_get_connection (first)->conn_state);
    tip = row_tooltip_over (row, find_widget (GTK_WIDGET (row), shows_text, state));
    g_assert_cmpstr (tip, ==, title);
  }

  close_window (window);
}

/* Zero windows and window full are named apart in the sidebar, each with
 * its own tooltip; window updates are no badge at all (a Linux capture:
 * tests/data/linux-zero-window.pcap). */
static void
test_sidebar_window_badges (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "linux-zero-window.pcap",
                                                 NULL);
  g_autoptr(HsCapture) capture = hs_test_load (path);
  HsWindow *window = open_window (path);
  HsConnectionRow *row;
  g_auto(GStrv) badges = NULL;
  g_autofree char *zero = NULL;
  g_autofree char *full = NULL;
  g_autofree char *zero_tip = NULL;
  g_autofree char *full_tip = NULL;
  guint n_zero = 0, n_full = 0, n_update = 0;
  guint i;

  for (i = 0; i < hs_capture_get_n_packets (capture); i++)
    {
      guint a = hs_capture_get_record (capture, i)->analysis;

      n_zero += (a & HS_ANALYSIS_ZERO_WINDOW) != 0;
      n_full += (a & HS_ANALYSIS_WINDOW_FULL) != 0;
      n_update += (a & HS_ANALYSIS_WINDOW_UPDATE) != 0;
    }
  g_assert_cmpuint (n_zero, >, 1);
  g_assert_cmpuint (n_full, >, 1);
  g_assert_cmpuint (n_update, >, 0);
  zero = g_strdup_printf ("%u zero windows", n_zero);
  full = g_strdup_printf ("%u window full", n_full);

  spin_until (sidebar_row_drawn, window, 5000);
  row = find_row_with_badges (window);
  g_assert_nonnull (row);
  badges = hs_connection_row_dup_badges (row);
  g_assert_cmpuint (g_strv_length (badges), ==, 2);
  g_assert_cmpstr (badges[0], ==, zero);
  g_assert_cmpstr (badges[1], ==, full);

  zero_tip = row_tooltip_over (row, find_widget (GTK_WIDGET (row), shows_text, zero));
  full_tip = row_tooltip_over (row, find_widget (GTK_WIDGET (row), shows_text, full));
  g_assert_true (g_str_has_prefix (zero_tip, "Zero window: "));
  g_assert_true (g_str_has_prefix (full_tip, "Window full: "));
  g_assert_nonnull (strstr (full_tip, "Often normal"));

  close_window (window);
}

static void
test_colours (void)
{
  g_autofree char *path = sample_path ();
  HsWindow *window = open_window (path);
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *plain, *retrans, *dupack;
  double plain_red, retrans_red, dupack_red;
  guint32 stripe;

  spin_until (rows_bound, window, 5000);
  spin_frames (3);
  g_assert_cmpstr (hs_packet_list_get_row_class (window->packet_list, 0), ==, "hs-handshake");

  /* frames 14, 18 and 13 are at positions 13, 17 and 12 */
  hs_packet_list_scroll_to (window->packet_list, 17);
  spin_frames (3);
  g_assert_cmpstr (hs_packet_list_get_row_class (window->packet_list, 13), ==, NULL);
  g_assert_cmpstr (hs_packet_list_get_row_class (window->packet_list, 17), ==, "hs-retransmission");
  g_assert_cmpstr (hs_packet_list_get_row_class (window->packet_list, 12), ==, "hs-dup-ack");
  g_assert_cmpstr (hs_packet_list_get_row_class (window->packet_list, 11), ==, "hs-lost");

  for (int pass = 0; pass < 2; pass++)
    {
      plain = hs_packet_list_get_row_widget (window->packet_list, 13);
      retrans = hs_packet_list_get_row_widget (window->packet_list, 17);
      dupack = hs_packet_list_get_row_widget (window->packet_list, 12);
      g_assert_nonnull (plain);
      g_assert_nonnull (retrans);
      g_assert_nonnull (dupack);

      row_colour (plain, &plain_red, &stripe);
      row_colour (retrans, &retrans_red, &stripe);
      /* the stripe is the retransmission colour, #e01b24, in both themes */
      g_assert_cmpuint (stripe, ==, 0xe01b24);
      g_assert_cmpfloat (retrans_red, >, plain_red + 8);
      row_colour (dupack, &dupack_red, &stripe);
      g_assert_cmpuint (stripe, ==, 0xe5a50a);

      /* again in dark mode */
      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
      spin_frames (3);
    }
  g_assert_true (adw_style_manager_get_dark (style));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  close_window (window);
}

static void
test_selection (void)
{
  g_autofree char *path = sample_path ();
  HsWindow *window = open_window (path);
  const char *explanation;
  guint position;

  spin_until (rows_bound, window, 5000);

  /* a dup ACK (frame 13): the ACK it repeats (frame 11) is marked */
  hs_window_select_index (window, 12);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, 12);
  g_assert_cmpuint (hs_packet_list_get_selected_index (window->packet_list), ==, 12);
  explanation = hs_details_view_get_explanation (window->details_view);
  g_assert_nonnull (explanation);
  g_assert_nonnull (strstr (explanation, "11"));
  spin_frames (2);
  g_assert_true (gtk_widget_has_css_class (hs_packet_list_get_row_widget (window->packet_list, 10),
                                           "hs-related"));
  g_assert_false (gtk_widget_has_css_class (hs_packet_list_get_row_widget (window->packet_list, 9),
                                            "hs-related"));
  {
    g_autofree char *mark = hs_packet_list_dup_cell_text (window->packet_list, 10, HS_PACKET_LIST_COLUMN_RELATED);
    g_autofree char *none = hs_packet_list_dup_cell_text (window->packet_list, 9, HS_PACKET_LIST_COLUMN_RELATED);

    g_assert_cmpstr (mark, ==, "=");
    g_assert_null (none);
  }
  {
    g_autofree char *hex = hs_details_view_dup_hex_text (window->details_view);

    g_assert_true (g_str_has_prefix (hex, "0000 "));
  }

  /* an ACK (frame 19): the segment it acknowledges (frame 16) is marked */
  hs_window_select_index (window, 18);
  spin_frames (2);
  g_assert_true (gtk_widget_has_css_class (hs_packet_list_get_row_widget (window->packet_list, 15),
                                           "hs-related"));
  g_assert_false (gtk_widget_has_css_class (hs_packet_list_get_row_widget (window->packet_list, 10),
                                            "hs-related"));

  /* a packet of the other connection moves the sidebar to it */
  hs_window_select_index (window, 42);
  g_assert_cmpuint (hs_window_get_stream (window), ==, 1);
  g_assert_cmpuint (hs_packet_list_get_selected_index (window->packet_list), ==, 42);
  g_assert_true (hs_index_model_find (HS_INDEX_MODEL (hs_packet_list_get_model (window->packet_list)),
                                      42, &position));
  {
    g_autoptr(HsConnectionItem) item =
      gtk_single_selection_get_selected_item (window->connection_selection)
        ? g_object_ref (gtk_single_selection_get_selected_item (window->connection_selection))
        : NULL;

    g_assert_nonnull (item);
    g_assert_cmpuint (hs_connection_item_get_stream (item), ==, 1);
  }

  /* next/previous connection from the keyboard actions */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-connection", NULL);
  g_assert_cmpuint (hs_window_get_stream (window), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-connection", NULL);
  g_assert_cmpuint (hs_window_get_stream (window), ==, 1);

  close_window (window);
}

static void
test_filters (void)
{
  g_autofree char *path = sample_path ();
  HsWindow *window = open_window (path);
  HsCapture *capture = hs_window_get_capture (window);
  guint anomalies = 0;

  for (guint i = 0; i < hs_capture_get_n_packets (capture); i++)
    {
      const HsPacketRecord *rec = hs_capture_get_record (capture, i);

      if (rec->stream == 0 && hs_packet_record_is_anomaly (rec))
        anomalies++;
    }
  g_assert_cmpuint (anomalies, >=, 10);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.anomalies-only", NULL);
  g_assert_cmpuint (hs_packet_list_get_n_shown (window->packet_list), ==, anomalies);

  /* one kind: the three duplicate ACKs */
  g_object_set (window->packet_list, "kind", 2, NULL);
  g_assert_cmpuint (hs_packet_list_get_n_shown (window->packet_list), ==, 3);

  /* every packet of the capture */
  g_object_set (window->packet_list, "kind", 0, "anomalies-only", FALSE, "show-all", TRUE, NULL);
  g_assert_cmpuint (hs_packet_list_get_n_shown (window->packet_list), ==, 43);

  /* the next-anomaly action walks the anomalies in order */
  g_assert_true (hs_packet_list_select_anomaly (window->packet_list, 1));
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, 11);
  g_assert_true (hs_packet_list_select_anomaly (window->packet_list, 1));
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, 12);

  /* the selected packet stays selected, and its row too, as the list
   * changes between its connection and all packets */
  for (guint k = 0; k < 2; k++)
    {
      g_object_set (window->packet_list, "show-all", k == 1, NULL);
      g_assert_cmpuint (hs_packet_list_get_n_shown (window->packet_list), ==, k == 1 ? 43 : 41);
      g_assert_cmpuint (hs_window_get_selected_index (window), ==, 12);
      g_assert_cmpuint (hs_packet_list_get_selected_index (window->packet_list), ==, 12);
      {
        g_autofree char *cell = hs_packet_list_dup_cell_text (window->packet_list, 12,
                                                              HS_PACKET_LIST_COLUMN_NUMBER);

        g_assert_cmpstr (cell, ==, "13");
      }
    }

  /* the time format setting changes the Time column */
  {
    g_autoptr(GSettings) settings = g_settings_new ("io.github.handshake.Handshake");
    g_autofree char *time = NULL;

    g_settings_set_string (settings, "time-format", "absolute");
    time = hs_packet_list_dup_cell_text (window->packet_list, 1, HS_PACKET_LIST_COLUMN_TIME);
    g_assert_nonnull (strchr (time, ':'));
    g_settings_set_string (settings, "time-format", "relative");
  }

  /* the connection search */
  gtk_editable_set_text (GTK_EDITABLE (window->connection_search), "8443");
  spin_until (one_connection, window, 3000);
  {
    g_autoptr(HsConnectionItem) item = g_list_model_get_item (G_LIST_MODEL (window->connection_selection), 0);

    g_assert_cmpuint (hs_connection_item_get_stream (item), ==, 1);
    g_assert_nonnull (strstr (gtk_label_get_text (window->connections_count), "1"));
  }
  gtk_editable_set_text (GTK_EDITABLE (window->connection_search), "no-such-host");
  spin_until (no_connection, window, 3000);
  gtk_editable_set_text (GTK_EDITABLE (window->connection_search), "");
  spin_until (two_connections, window, 3000);

  close_window (window);
}

static void
write_conversation (const char *path,
                    guint       n_repeats)
{
  HsTestWriter *w = hs_test_writer_new (path, HS_TEST_PCAP_USEC, 1, FALSE);
  guint k = 0;

  for (guint r = 0; r < n_repeats; r++)
    {
      HsTestSegment segs[] = {
        { "10.0.0.1", "10.0.0.2", 40000 + r % 20000, 80, 1000, 0, HS_TCP_SYN, 64240, 0 },
        { "10.0.0.2", "10.0.0.1", 80, 40000 + r % 20000, 5000, 1001, HS_TCP_SYN | HS_TCP_ACK, 65160, 0 },
        { "10.0.0.1", "10.0.0.2", 40000 + r % 20000, 80, 1001, 5001, HS_TCP_ACK, 64240, 0 },
        { "10.0.0.1", "10.0.0.2", 40000 + r % 20000, 80, 1001, 5001, HS_TCP_ACK | HS_TCP_PSH, 64240, 100 },
      };

      for (guint i = 0; i < G_N_ELEMENTS (segs); i++)
        {
          g_autoptr(GByteArray) f = hs_test_build_frame (&segs[i]);

          hs_test_writer_packet (w, 0, T0 + (k++) * G_GINT64_CONSTANT (1000000), f->data, f->len, f->len);
        }
    }
  hs_test_writer_close (w);
}

static void
test_damaged (void)
{
  g_autofree char *path = tmp_path ("damaged.pcap");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  HsWindow *window;
  gsize len;

  write_conversation (path, 1);
  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, contents, len - 10, &error);
  g_assert_no_error (error);

  window = open_window (path);
  g_assert_cmpstr (visible_page (window), ==, "capture");
  g_assert_cmpuint (hs_capture_get_n_packets (hs_window_get_capture (window)), ==, 3);
  g_assert_true (gtk_info_bar_get_revealed (window->problem_bar));
  /* the message says what and where: the last record's offset */
  {
    g_autofree char *offset = g_strdup_printf ("%u", (guint)(24 + 3 * (16 + 54)));

    g_assert_nonnull (strstr (gtk_label_get_text (window->problem_label), offset));
  }
  g_assert_cmpuint (hs_packet_list_get_n_shown (window->packet_list), ==, 3);
  close_window (window);
}

static void
test_not_a_capture (void)
{
  g_autofree char *path = tmp_path ("notes.txt");
  g_autoptr(GError) error = NULL;
  HsWindow *window;

  g_file_set_contents (path, "These are my notes, not a capture file.\n", -1, &error);
  g_assert_no_error (error);

  window = open_window (path);
  g_assert_cmpstr (visible_page (window), ==, "error");
  g_assert_nonnull (strstr (adw_status_page_get_title (window->error_page), "notes.txt"));
  g_assert_nonnull (adw_status_page_get_description (window->error_page));
  g_assert_null (hs_window_get_capture (window));
  g_assert_true (hs_window_is_empty (window));
  close_window (window);
}

static gboolean has_action_name (GtkWidget     *widget,
                                 gconstpointer  data);

/* The action of the window's shortcut for `accelerator` that activates
 * `action_name`, as a key press would. */
static GtkShortcutAction *
find_shortcut (GtkWidget  *widget,
               const char *accelerator,
               const char *action_name)
{
  g_autoptr(GtkShortcutTrigger) trigger = gtk_shortcut_trigger_parse_string (accelerator);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  g_assert_nonnull (trigger);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_NAMED_ACTION (action) &&
              g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                           action_name) &&
              gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), trigger))
            return action;
        }
    }
  return NULL;
}

static void
assert_at_start (HsWindow *window)
{
  g_assert_cmpstr (visible_page (window), ==, "welcome");
  g_assert_true (hs_window_is_empty (window));
  g_assert_null (hs_window_get_capture (window));
  g_assert_false (adw_view_switcher_title_get_view_switcher_enabled (window->window_title));
  g_assert_cmpstr (adw_view_switcher_title_get_title (window->window_title), ==, "Handshake");
}

/* The error page goes back to the start: its Back button, Escape and
 * Alt+Left, which do nothing elsewhere. */
static void
test_error_back (void)
{
  g_autofree char *path = tmp_path ("notes.txt");
  g_autofree char *sample = sample_path ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) sample_file = g_file_new_for_path (sample);
  g_autoptr(GError) error = NULL;
  GtkShortcutAction *escape, *alt_left;
  GtkWidget *back;
  HsWindow *window;

  g_file_set_contents (path, "These are my notes, not a capture file.\n", -1, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);

  window = open_window (path);
  g_assert_cmpstr (visible_page (window), ==, "error");
  escape = find_shortcut (GTK_WIDGET (window), "Escape", "win.go-back");
  alt_left = find_shortcut (GTK_WIDGET (window), "<Alt>Left", "win.go-back");
  g_assert_nonnull (escape);
  g_assert_nonnull (alt_left);

  /* the button */
  back = find_widget (GTK_WIDGET (window->error_page), has_action_name, "win.go-back");
  g_assert_nonnull (back);
  g_assert_true (gtk_widget_is_sensitive (back));
  g_assert_true (gtk_widget_get_mapped (back));
  g_signal_emit_by_name (back, "clicked");
  assert_at_start (window);
  g_assert_false (gtk_widget_is_sensitive (back));
  /* on the start page the keys are free for others */
  g_assert_false (gtk_shortcut_action_activate (escape, 0, GTK_WIDGET (window), NULL));
  g_assert_false (gtk_shortcut_action_activate (alt_left, 0, GTK_WIDGET (window), NULL));

  /* Escape */
  hs_window_open_file (window, file);
  spin_until (not_loading, window, 5000);
  g_assert_cmpstr (visible_page (window), ==, "error");
  g_assert_true (gtk_shortcut_action_activate (escape, 0, GTK_WIDGET (window), NULL));
  assert_at_start (window);

  /* Alt+Left */
  hs_window_open_file (window, file);
  spin_until (not_loading, window, 5000);
  g_assert_true (gtk_shortcut_action_activate (alt_left, 0, GTK_WIDGET (window), NULL));
  assert_at_start (window);

  /* and from there, a capture opens as from a new window */
  hs_window_open_file (window, sample_file);
  spin_until (not_loading, window, 5000);
  g_assert_cmpstr (visible_page (window), ==, "capture");
  g_assert_true (adw_view_switcher_title_get_view_switcher_enabled (window->window_title));
  g_assert_false (gtk_shortcut_action_activate (escape, 0, GTK_WIDGET (window), NULL));
  g_assert_cmpstr (visible_page (window), ==, "capture");

  close_window (window);
}

static void
collect_group_titles (GtkWidget *widget,
                      GString   *titles)
{
  if (GTK_IS_SHORTCUTS_GROUP (widget))
    {
      g_autofree char *title = NULL;

      g_object_get (widget, "title", &title, NULL);
      g_string_append_printf (titles, "%s; ", title);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_group_titles (child, titles);
}

/* The shortcuts window shows its groups in the order of its file (GTK 4.8
 * shuffles the pages of a section that has several). */
static void
test_shortcuts_window (void)
{
  HsWindow *window = open_window (NULL);
  GtkShortcutsWindow *overlay;
  g_autoptr(GString) titles = g_string_new (NULL);

  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  spin_frames (2);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (overlay)));
  collect_group_titles (GTK_WIDGET (overlay), titles);
  g_assert_cmpstr (titles->str, ==,
                   "Captures; Connections; Views; General; Ladder Diagram; Packets; Graphs; ");
  gtk_window_close (GTK_WINDOW (overlay));
  close_window (window);
}

/* The welcome and error pages fit a window tiled on half a 1366-pixel
 * screen. */
static void
test_narrow_pages (void)
{
  g_autofree char *path = tmp_path ("notes.txt");
  g_autoptr(GError) error = NULL;
  HsWindow *window = open_window (NULL);
  int min_width;

  gtk_widget_measure (GTK_WIDGET (window->welcome_page), GTK_ORIENTATION_HORIZONTAL, -1,
                      &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 683);

  g_file_set_contents (path, "These are my notes, not a capture file.\n", -1, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);

    hs_window_open_file (window, file);
    spin_until (not_loading, window, 5000);
  }
  g_assert_cmpstr (visible_page (window), ==, "error");
  gtk_widget_measure (GTK_WIDGET (window->error_page), GTK_ORIENTATION_HORIZONTAL, -1,
                      &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 683);
  close_window (window);
}

static void
test_cancel (void)
{
  g_autofree char *path = tmp_path ("big.pcap");
  g_autofree char *sample = sample_path ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) sample_file = g_file_new_for_path (sample);
  HsWindow *window;

  write_conversation (path, 100000);
  file = g_file_new_for_path (path);

  /* from the welcome page: back to it */
  window = open_window (NULL);
  hs_window_open_file (window, file);
  g_assert_cmpstr (visible_page (window), ==, "loading");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-load", NULL);
  spin_until (not_loading, window, 5000);
  g_assert_cmpstr (visible_page (window), ==, "welcome");
  g_assert_null (hs_window_get_capture (window));

  /* over a shown capture: the capture stays */
  hs_window_open_file (window, sample_file);
  spin_until (not_loading, window, 5000);
  hs_window_open_file (window, file);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-load", NULL);
  spin_until (not_loading, window, 5000);
  g_assert_cmpstr (visible_page (window), ==, "capture");
  g_assert_cmpuint (hs_capture_get_n_packets (hs_window_get_capture (window)), ==, 43);

  /* closing while loading */
  hs_window_open_file (window, file);
  close_window (window);
}

/* A capture with hundreds of connections: the sidebar appears with its
 * first rows and fills in steps (GTK makes a widget per row for the first
 * 200), while the count, the selection and going to any connection work
 * at once. */
static gboolean
sidebar_filled (gpointer data)
{
  return n_connections_is (data, 300);
}

static void
test_sidebar_fill (void)
{
  g_autofree char *path = tmp_path ("many.pcap");
  g_autoptr(GFile) file = NULL;
  g_autoptr(HsConnectionItem) first = NULL;
  HsWindow *window;
  guint shown;

  write_conversation (path, 300);
  file = g_file_new_for_path (path);
  window = open_window (NULL);

  hs_window_open_file (window, file);
  spin_until (not_loading, window, 10000);
  g_assert_cmpstr (visible_page (window), ==, "capture");
  shown = g_list_model_get_n_items (G_LIST_MODEL (window->connection_selection));
  g_assert_cmpuint (shown, >, 0);
  g_assert_cmpuint (shown, <, 300);
  g_assert_cmpstr (gtk_label_get_text (window->connections_count), ==, "300 TCP connections");
  g_assert_cmpuint (hs_window_get_stream (window), ==, 0);

  spin_until (sidebar_filled, window, 5000);
  first = g_list_model_get_item (G_LIST_MODEL (window->connection_selection), 0);
  g_assert_cmpuint (hs_connection_item_get_stream (first), ==, 0);
  g_assert_cmpuint (gtk_single_selection_get_selected (window->connection_selection), ==, 0);
  g_assert_cmpuint (hs_window_get_stream (window), ==, 0);

  /* going to the last connection before the sidebar has it */
  hs_window_open_file (window, file);
  spin_until (not_loading, window, 10000);
  g_assert_false (n_connections_is (window, 300));
  hs_window_select_stream (window, 299);
  g_assert_cmpuint (hs_window_get_stream (window), ==, 299);
  g_assert_true (n_connections_is (window, 300));
  g_assert_cmpuint (gtk_single_selection_get_selected (window->connection_selection), ==, 299);

  close_window (window);
}

static gboolean
recent_listed (gpointer data)
{
  HsWindow *window = data;

  return gtk_widget_get_visible (window->recent_group);
}

static void
test_recent (void)
{
  g_autofree char *path = sample_path ();
  HsWindow *window = open_window (path);
  HsWindow *second;

  close_window (window);
  spin_frames (2);

  /* a new window lists the capture just opened (the recent manager adds
   * it once it has read the file's type, in the background) */
  second = open_window (NULL);
  spin_until (recent_listed, second, 5000);
  g_assert_nonnull (gtk_widget_get_first_child (GTK_WIDGET (second->recent_list)));
  close_window (second);
}

/* Ladder ------------------------------------------------------------------- */

static gboolean
canvas_ready (gpointer data)
{
  HsWindow *window = data;
  GtkWidget *canvas = hs_ladder_view_get_canvas (window->ladder_view);

  return gtk_widget_get_mapped (canvas) && gtk_widget_get_height (canvas) > 100 &&
         hs_ladder_view_get_layout (window->ladder_view) != NULL;
}

static gboolean
no_export_running (gpointer data)
{
  HsWindow *window = data;

  return window->exports_running == 0;
}

static HsWindow *
open_ladder (void)
{
  g_autofree char *path = sample_path ();
  HsWindow *window = open_window_on (path, "ladder");

  spin_until (canvas_ready, window, 5000);
  spin_frames (2);
  return window;
}

/* The rows of the ladder cover every packet of the connection once. */
static guint
count_packets_in_rows (HsLadderLayout *layout)
{
  guint n = 0;

  for (guint r = 0; r < hs_ladder_layout_get_n_rows (layout); r++)
    n += hs_ladder_layout_get_row (layout, r)->n;
  return n;
}

/* Whether a position's row lies wholly in the rows area on screen. */
static gboolean
pos_on_screen (HsWindow *window,
               guint     pos)
{
  HsLadderLayout *layout = hs_ladder_view_get_layout (window->ladder_view);
  GtkWidget *canvas = hs_ladder_view_get_canvas (window->ladder_view);
  guint row = hs_ladder_layout_row_for_pos (layout, pos);
  double x0, y0, x1, y1, cx, cy0, cy1;

  g_assert_cmpuint (row, !=, HS_LADDER_NO_POS);
  hs_ladder_layout_get_arrow (layout, row, &x0, &y0, &x1, &y1);
  hs_ladder_view_layout_to_canvas (window->ladder_view, x0, y0, &cx, &cy0);
  hs_ladder_view_layout_to_canvas (window->ladder_view, x1, y1, &cx, &cy1);
  return cy0 >= hs_ladder_header_height () && cy1 <= gtk_widget_get_height (canvas);
}

/* Mean luminance and number of distinct colours of a rendered widget. */
static void
canvas_pixels (GtkWidget *widget,
               double    *luminance,
               guint     *n_colours,
               double    *non_background)
{
  int w, h;
  g_autofree guchar *px = render_widget (widget, &w, &h);
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  guint32 background;
  double sum = 0;
  guint differ = 0;

  /* the bottom-left corner is background below the last row or beside it */
  background = *(guint32 *)(px + ((gsize)(h - 1) * w) * 4);
  for (int i = 0; i < w * h; i++)
    {
      const guchar *p = px + (gsize)i * 4;
      guint32 value = *(const guint32 *)p;

      sum += 0.2126 * p[2] + 0.7152 * p[1] + 0.0722 * p[0];
      if (value != background)
        differ++;
      if (g_hash_table_size (colours) < 1000)
        g_hash_table_add (colours, GUINT_TO_POINTER (value));
    }

  *luminance = sum / (w * h);
  *n_colours = g_hash_table_size (colours);
  *non_background = (double)differ / (w * h);
}

static void
test_ladder_page (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.handshake.Handshake");
  g_autofree char *path = sample_path ();
  AdwStyleManager *style = adw_style_manager_get_default ();
  HsWindow *window;
  HsLadderLayout *layout;
  GtkWidget *canvas;
  guint n_packets = 0;
  double light, dark, non_background;
  guint n_colours;

  /* the ladder is the first thing shown of a capture */
  g_settings_reset (settings, "view");
  window = open_window_on (path, NULL);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "ladder");
  spin_until (canvas_ready, window, 5000);
  spin_frames (2);

  /* the first connection, every one of its packets in a row */
  g_assert_cmpuint (hs_ladder_view_get_stream (window->ladder_view), ==, 0);
  layout = hs_ladder_view_get_layout (window->ladder_view);
  g_assert_nonnull (layout);
  hs_capture_get_stream_packets (hs_window_get_capture (window), 0, &n_packets);
  g_assert_cmpuint (n_packets, ==, 41);
  g_assert_cmpuint (hs_ladder_layout_get_n_packets (layout), ==, n_packets);
  g_assert_true (hs_ladder_view_get_collapse (window->ladder_view));
  g_assert_cmpuint (count_packets_in_rows (layout), ==, n_packets);
  g_settings_set_boolean (settings, "ladder-collapse", FALSE);
  g_assert_false (hs_ladder_view_get_collapse (window->ladder_view));
  g_assert_true (layout == hs_ladder_view_get_layout (window->ladder_view));
  g_assert_cmpuint (hs_ladder_layout_get_n_rows (layout), ==, n_packets);
  g_settings_reset (settings, "ladder-collapse");
  g_assert_true (hs_ladder_view_get_collapse (window->ladder_view));

  /* the first packet is selected and shown */
  g_assert_cmpuint (hs_ladder_view_get_selected_index (window->ladder_view), ==, 0);
  g_assert_cmpfloat (hs_ladder_view_get_scroll_y (window->ladder_view), ==, 0);

  /* it is drawn: lifelines, arrows and labels, not a blank area */
  canvas = hs_ladder_view_get_canvas (window->ladder_view);
  spin_frames (2);
  canvas_pixels (canvas, &light, &n_colours, &non_background);
  g_assert_cmpuint (n_colours, >, 20);
  g_assert_cmpfloat (non_background, >, 0.02);
  g_assert_cmpfloat (non_background, <, 0.9);
  /* the overview strip too */
  canvas_pixels (GTK_WIDGET (window->ladder_view), &light, &n_colours, &non_background);
  g_assert_cmpuint (n_colours, >, 20);

  /* the palette follows the style */
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  spin_frames (3);
  g_assert_true (hs_ladder_view_is_dark (window->ladder_view));
  canvas_pixels (canvas, &dark, &n_colours, &non_background);
  g_assert_cmpuint (n_colours, >, 20);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  spin_frames (3);
  g_assert_false (hs_ladder_view_is_dark (window->ladder_view));
  g_assert_cmpfloat (dark, <, light - 50);

  /* no connection (the search finds none): an empty state */
  gtk_editable_set_text (GTK_EDITABLE (window->connection_search), "no-such-host");
  spin_until (no_connection, window, 3000);
  g_assert_cmpuint (hs_window_get_stream (window), ==, HS_NO_STREAM);
  g_assert_null (hs_ladder_view_get_layout (window->ladder_view));
  spin_frames (2);
  g_assert_false (gtk_widget_get_mapped (canvas));
  gtk_editable_set_text (GTK_EDITABLE (window->connection_search), "");
  spin_until (two_connections, window, 3000);
  g_assert_cmpuint (hs_window_get_stream (window), ==, 0);
  g_assert_nonnull (hs_ladder_view_get_layout (window->ladder_view));

  /* Alt+2 and Alt+1: the two pages */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "packets"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "packets");
  {
    g_autofree char *view = g_settings_get_string (settings, "view");

    g_assert_cmpstr (view, ==, "packets");
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "ladder"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "ladder");

  close_window (window);
}

/* Time-true on the sample: a click on a bundle selects its first packet,
 * which is then drawn in full (its own arrow and label) in the bundle's
 * row; Down walks the bundle's packets; the view zooms by building the
 * bundles again, and nothing overlaps. */
static void
test_ladder_time_true (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.handshake.Handshake");
  HsWindow *window = open_ladder ();
  HsLadderView *ladder = window->ladder_view;
  HsLadderLayout *layout;
  const HsLadderRow *r = NULL;
  double x0, y0, x1, y1, cx, cy;
  guint row, first, n_rows;

  g_settings_set_string (settings, "ladder-mode", "time-true");
  g_assert_cmpint (hs_ladder_view_get_mode (ladder), ==, HS_LADDER_TIME_TRUE);
  layout = hs_ladder_view_get_layout (ladder);
  g_assert_cmpint (hs_ladder_layout_get_mode (layout), ==, HS_LADDER_TIME_TRUE);
  spin_frames (2);

  /* the first bundle */
  for (row = 0; row < hs_ladder_layout_get_n_rows (layout); row++)
    {
      r = hs_ladder_layout_get_row (layout, row);
      if (r->kind == HS_LADDER_ROW_BUNDLE)
        break;
    }
  g_assert_cmpuint (row, <, hs_ladder_layout_get_n_rows (layout));
  g_assert_cmpuint (r->n, >=, 2);
  first = r->first;

  hs_ladder_layout_get_arrow (layout, row, &x0, &y0, &x1, &y1);
  hs_ladder_view_layout_to_canvas (ladder, (x0 + x1) / 2, (y0 + y1) / 2, &cx, &cy);
  hs_ladder_view_click_at (ladder, cx, cy);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==,
                    hs_ladder_layout_get_frame (layout, first));

  /* Down: the next packet, in the same row */
  gtk_widget_grab_focus (hs_ladder_view_get_canvas (ladder));
  g_assert_true (hs_ladder_view_key_press (ladder, GDK_KEY_Down, 0));
  g_assert_cmpuint (hs_window_get_selected_index (window), ==,
                    hs_ladder_layout_get_frame (layout, first + 1));
  g_assert_cmpuint (hs_ladder_layout_row_for_pos (layout, first + 1), ==, row);
  {
    GArray *items = g_array_new (FALSE, FALSE, sizeof (HsLadderItem));
    cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_t *cr = cairo_create (surface);
    HsLadderViewport viewport;
    gboolean arrow = FALSE, label = FALSE;

    hs_ladder_viewport_init (&viewport);
    viewport.height = hs_ladder_layout_get_height (layout);
    viewport.selected_pos = first + 1;
    _hs_ladder_paint_items (cr, layout, hs_palette_get (HS_PALETTE_LIGHT), &viewport, items);
    for (guint i = 0; i < items->len; i++)
      {
        const HsLadderItem *item = &g_array_index (items, HsLadderItem, i);

        arrow |= item->kind == HS_LADDER_ITEM_ARROW && item->pos == first + 1;
        label |= item->kind == HS_LADDER_ITEM_LABEL && item->pos == first + 1;
      }
    g_assert_true (arrow);
    g_assert_true (label);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
    g_array_unref (items);
  }

  /* zooming in draws the packets further apart, past packet order's
   * zoom, until every packet has a row of its own; the selected packet
   * kept */
  n_rows = hs_ladder_layout_get_n_rows (layout);
  for (guint k = 0; k < 100; k++)
    {
      double zoom = hs_ladder_view_get_zoom (ladder);

      gtk_widget_activate_action (GTK_WIDGET (ladder), "ladder.zoom-in", NULL);
      if (hs_ladder_view_get_zoom (ladder) == zoom)
        break;
    }
  g_assert_true (hs_ladder_view_get_layout (ladder) == layout);
  g_assert_cmpfloat (hs_ladder_view_get_zoom (ladder), >, HS_LADDER_MAX_ZOOM);
  g_assert_cmpfloat (hs_ladder_view_get_zoom (ladder), ==, hs_ladder_layout_get_max_zoom (layout));
  g_assert_cmpuint (hs_ladder_layout_get_n_rows (layout), >, n_rows);
  for (row = 0; row < hs_ladder_layout_get_n_rows (layout); row++)
    g_assert_cmpuint (hs_ladder_layout_get_row (layout, row)->kind, !=, HS_LADDER_ROW_BUNDLE);
  g_assert_cmpuint (hs_ladder_view_get_selected_index (ladder), ==,
                    hs_ladder_layout_get_frame (layout, first + 1));
  spin_frames (2);

  /* packet order zooms as far as it goes, and time-true comes back */
  g_settings_set_string (settings, "ladder-mode", "packet-order");
  g_assert_cmpfloat (hs_ladder_view_get_zoom (ladder), ==, HS_LADDER_MAX_ZOOM);
  g_settings_set_string (settings, "ladder-mode", "time-true");
  g_assert_cmpfloat (hs_ladder_view_get_zoom (ladder), ==, hs_ladder_layout_get_max_zoom (layout));
  hs_ladder_view_set_zoom (ladder, 1.0);

  g_settings_reset (settings, "ladder-mode");
  close_window (window);
}

/* The window has about the width asked for, and the ladder's layout the
 * canvas's. */
typedef struct
{
  HsWindow *window;
  int       width;
} WindowWidth;

static gboolean
window_width_settled (gpointer data)
{
  WindowWidth *w = data;
  GtkWidget *canvas = hs_ladder_view_get_canvas (w->window->ladder_view);
  HsLadderLayout *layout = hs_ladder_view_get_layout (w->window->ladder_view);

  /* (within the width the window's header bar needs at the least) */
  return ABS (gtk_widget_get_width (GTK_WIDGET (w->window)) - w->width) <= 40 &&
         layout != NULL && gtk_widget_get_width (canvas) > 0 &&
         hs_ladder_layout_get_columns (layout)->width ==
         MAX (gtk_widget_get_width (canvas), HS_LADDER_MIN_WIDTH);
}

/* Every badge of the ladder as the canvas draws it: whole, and inside the
 * part of the canvas on screen. */
static void
assert_badges_whole (HsWindow *window)
{
  HsLadderLayout *layout = hs_ladder_view_get_layout (window->ladder_view);
  GtkWidget *canvas = hs_ladder_view_get_canvas (window->ladder_view);
  GArray *items = g_array_new (FALSE, FALSE, sizeof (HsLadderItem));
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  HsLadderViewport viewport;
  guint n_badges = 0;

  hs_ladder_viewport_init (&viewport);
  viewport.height = hs_ladder_layout_get_height (layout);
  _hs_ladder_paint_items (cr, layout, hs_palette_get (HS_PALETTE_LIGHT), &viewport, items);
  for (guint i = 0; i < items->len; i++)
    {
      const HsLadderItem *item = &g_array_index (items, HsLadderItem, i);

      if (item->kind != HS_LADDER_ITEM_BADGE)
        continue;
      g_test_message ("canvas %d px: #%u %s, %.0f..%.0f", gtk_widget_get_width (canvas),
                      item->pos + 1, hs_ladder_layout_get_badge (layout, item->pos), item->x0,
                      item->x1);
      g_assert_false (item->ellipsized);
      g_assert_cmpfloat (item->x1, <=, gtk_widget_get_width (canvas));
      n_badges++;
    }
  /* the sample's lost segment, dup ACKs, retransmission and window problems */
  g_assert_cmpuint (n_badges, >=, 10);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_array_unref (items);
}

/* At the default window size (1280x800) and tiled on half of a 1366-pixel
 * screen with the sidebar folded: the ladder fits the canvas (nothing to
 * scroll sideways) and shows every badge whole. */
static void
test_ladder_narrow (void)
{
  HsWindow *window = open_ladder ();
  GtkWidget *canvas = hs_ladder_view_get_canvas (window->ladder_view);
  WindowWidth w = { window, 1280 };
  GtkAdjustment *hadjustment;
  HsLadderLayout *layout;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  spin_until (window_width_settled, &w, 5000);
  spin_frames (2);
  g_assert_cmpint (gtk_widget_get_width (canvas), >=, 900);
  assert_badges_whole (window);

  /* the sidebar folds over the views at this width, and away */
  w.width = 683;
  gtk_window_set_default_size (GTK_WINDOW (window), 683, 800);
  spin_until (window_width_settled, &w, 5000);
  g_assert_true (adw_flap_get_folded (window->sidebar_flap));
  adw_flap_set_reveal_flap (window->sidebar_flap, FALSE);
  spin_frames (2);
  g_test_message ("window %d px, canvas %d px", gtk_widget_get_width (GTK_WIDGET (window)),
                  gtk_widget_get_width (canvas));
  g_assert_cmpint (gtk_widget_get_width (canvas), <=, 700);
  layout = hs_ladder_view_get_layout (window->ladder_view);
  g_assert_cmpfloat (hs_ladder_layout_get_columns (layout)->width, ==,
                     gtk_widget_get_width (canvas));
  hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (canvas));
  g_assert_cmpfloat (gtk_adjustment_get_upper (hadjustment), <=,
                     gtk_adjustment_get_page_size (hadjustment));
  assert_badges_whole (window);

  close_window (window);
}

/* The message dialog the window shows, if any. */
static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not a new reference */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static void
test_ladder_click (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.handshake.Handshake");
  HsWindow *window = open_ladder ();
  HsLadderLayout *layout = hs_ladder_view_get_layout (window->ladder_view);
  const char *explanation;
  double x0, y0, x1, y1, cx, cy;
  guint pos, row, n_rows;
  guint run_first = HS_LADDER_NO_POS;

  /* an arrow: the dup ACK of frame 13 */
  pos = hs_ladder_layout_find_frame (layout, 12);
  g_assert_cmpuint (pos, !=, HS_LADDER_NO_POS);
  row = hs_ladder_layout_row_for_pos (layout, pos);
  g_assert_cmpuint (hs_ladder_layout_get_row (layout, row)->kind, ==, HS_LADDER_ROW_PACKET);
  hs_ladder_layout_get_arrow (layout, row, &x0, &y0, &x1, &y1);
  hs_ladder_view_layout_to_canvas (window->ladder_view, (x0 + x1) / 2, (y0 + y1) / 2, &cx, &cy);
  hs_ladder_view_click_at (window->ladder_view, cx, cy);

  /* ... is selected everywhere */
  g_assert_cmpuint (hs_ladder_view_get_selected_index (window->ladder_view), ==, 12);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, 12);
  g_assert_cmpuint (hs_packet_list_get_selected_index (window->packet_list), ==, 12);
  explanation = hs_details_view_get_explanation (window->details_view);
  g_assert_nonnull (explanation);
  g_assert_nonnull (strstr (explanation, "11"));
  g_assert_true (pos_on_screen (window, pos));

  /* the lifeline names are not a packet */
  hs_ladder_view_click_at (window->ladder_view, cx, 2);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, 12);

  /* a collapsed run opens on a click, and folds again from its bracket */
  n_rows = hs_ladder_layout_get_n_rows (layout);
  for (row = 0; row < n_rows; row++)
    {
      if (hs_ladder_layout_get_row (layout, row)->kind == HS_LADDER_ROW_COLLAPSED)
        break;
    }
  if (row < n_rows)
    {
      const HsLadderRow *r = hs_ladder_layout_get_row (layout, row);
      guint n = r->n;
      guint first = r->first;

      run_first = first;

      g_assert_cmpuint (n, >=, HS_LADDER_MIN_COLLAPSE);
      hs_ladder_layout_get_arrow (layout, row, &x0, &y0, &x1, &y1);
      hs_ladder_view_layout_to_canvas (window->ladder_view, (x0 + x1) / 2, (y0 + y1) / 2, &cx, &cy);
      hs_ladder_view_click_at (window->ladder_view, cx, cy);
      g_assert_cmpuint (hs_ladder_layout_get_n_rows (layout), ==, n_rows + n - 1);
      /* opening does not select */
      g_assert_cmpuint (hs_window_get_selected_index (window), ==, 12);

      /* its packets are arrows that select */
      row = hs_ladder_layout_row_for_pos (layout, first + 1);
      g_assert_cmpuint (hs_ladder_layout_get_row (layout, row)->kind, ==, HS_LADDER_ROW_PACKET);
      hs_ladder_layout_get_arrow (layout, row, &x0, &y0, &x1, &y1);
      hs_ladder_view_layout_to_canvas (window->ladder_view, (x0 + x1) / 2, (y0 + y1) / 2, &cx, &cy);
      hs_ladder_view_click_at (window->ladder_view, cx, cy);
      g_assert_cmpuint (hs_window_get_selected_index (window), ==,
                        hs_ladder_layout_get_frame (layout, first + 1));

      /* the bracket at the left edge folds the run again */
      spin_frames (2);
      hs_ladder_layout_get_arrow (layout, row, &x0, &y0, &x1, &y1);
      hs_ladder_view_layout_to_canvas (window->ladder_view, x0, (y0 + y1) / 2, &cx, &cy);
      hs_ladder_view_click_at (window->ladder_view, 5, cy);
      g_assert_cmpuint (hs_ladder_layout_get_n_rows (layout), ==, n_rows);
    }
  else
    g_test_message ("the sample's first connection has no collapsed run");

  /* renamed endpoints are kept per connection */
  hs_ladder_view_set_endpoint_name (window->ladder_view, 0, "Laptop");
  g_assert_cmpstr (hs_ladder_layout_get_endpoint_name (layout, 0), ==, "Laptop");
  hs_window_select_stream (window, 1);
  g_assert_null (hs_ladder_view_get_endpoint_name (window->ladder_view, 0));
  layout = hs_ladder_view_get_layout (window->ladder_view);
  g_assert_cmpstr (hs_ladder_layout_get_endpoint_name (layout, 0), !=, "Laptop");
  hs_window_select_stream (window, 0);
  layout = hs_ladder_view_get_layout (window->ladder_view);
  g_assert_cmpstr (hs_ladder_layout_get_endpoint_name (layout, 0), ==, "Laptop");
  hs_ladder_view_set_endpoint_name (window->ladder_view, 0, NULL);
  g_assert_cmpstr (hs_ladder_layout_get_endpoint_name (layout, 0), !=, "Laptop");

  /* the same from the Rename Endpoints dialog */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->ladder_view), "ladder.rename", NULL));
  {
    AdwMessageDialog *dialog = find_message_dialog ();
    GtkEditable *entry;

    g_assert_nonnull (dialog);
    entry = g_object_get_data (G_OBJECT (dialog), "hs-entry-1");
    g_assert_true (GTK_IS_EDITABLE (entry));
    gtk_editable_set_text (entry, "  Web server ");
    /* what the Rename button does */
    adw_message_dialog_response (dialog, "rename");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  g_assert_cmpstr (hs_ladder_layout_get_endpoint_name (layout, 1), ==, "Web server");
  g_assert_null (hs_ladder_view_get_endpoint_name (window->ladder_view, 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->ladder_view), "ladder.rename", NULL));
  {
    AdwMessageDialog *dialog = find_message_dialog ();

    adw_message_dialog_response (dialog, "reset");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  g_assert_null (hs_ladder_view_get_endpoint_name (window->ladder_view, 1));
  spin_frames (2);
  g_assert_null (find_message_dialog ());

  /* the context menu, from the keyboard, opens the run of the selected
   * packet (folded again by the bracket above) and folds it again */
  if (run_first != HS_LADDER_NO_POS)
    {
      hs_window_select_index (window, hs_ladder_layout_get_frame (layout, run_first));
      n_rows = hs_ladder_layout_get_n_rows (layout);
      g_assert_true (hs_ladder_view_key_press (window->ladder_view, GDK_KEY_Menu, 0));
      spin_frames (2);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->ladder_view),
                                                 "ladder.toggle-run", NULL));
      g_assert_cmpuint (hs_ladder_layout_get_n_rows (layout), <, n_rows);
      g_assert_true (hs_ladder_view_key_press (window->ladder_view, GDK_KEY_Return, 0));
      g_assert_cmpuint (hs_ladder_layout_get_n_rows (layout), ==, n_rows);
      spin_frames (2);
    }

  g_settings_reset (settings, "ladder-collapse");
  close_window (window);
}

static void
test_ladder_follows_selection (void)
{
  HsWindow *window = open_ladder ();
  HsLadderLayout *layout = hs_ladder_view_get_layout (window->ladder_view);
  guint last;

  /* the last packet of the connection, chosen in the packet list, is
   * selected on the ladder and scrolled to */
  last = hs_ladder_layout_get_frame (layout, hs_ladder_layout_get_n_packets (layout) - 1);
  g_assert_cmpfloat (hs_ladder_view_get_scroll_y (window->ladder_view), ==, 0);
  g_assert_false (pos_on_screen (window, hs_ladder_layout_get_n_packets (layout) - 1));
  hs_session_select_index (window->session, last);
  g_assert_cmpuint (hs_ladder_view_get_selected_index (window->ladder_view), ==, last);
  g_assert_cmpfloat (hs_ladder_view_get_scroll_y (window->ladder_view), >, 0);
  g_assert_true (pos_on_screen (window, hs_ladder_layout_get_n_packets (layout) - 1));

  /* and back to the first */
  hs_session_select_index (window->session, 0);
  g_assert_cmpuint (hs_ladder_view_get_selected_index (window->ladder_view), ==, 0);
  g_assert_true (pos_on_screen (window, 0));

  /* a packet of the other connection, in the all-packets list: the ladder
   * shows that connection */
  g_object_set (window->packet_list, "show-all", TRUE, NULL);
  hs_session_select_index (window->session, 42);
  g_assert_cmpuint (hs_window_get_stream (window), ==, 1);
  g_assert_cmpuint (hs_ladder_view_get_stream (window->ladder_view), ==, 1);
  layout = hs_ladder_view_get_layout (window->ladder_view);
  g_assert_nonnull (layout);
  g_assert_cmpuint (hs_ladder_layout_get_stream (layout), ==, 1);
  g_assert_cmpuint (hs_ladder_layout_find_frame (layout, 42), !=, HS_LADDER_NO_POS);
  g_assert_cmpuint (hs_ladder_view_get_selected_index (window->ladder_view), ==, 42);

  /* the selection made on the Packets page is there on the Ladder page */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "packets");
  hs_window_select_index (window, 40);
  g_assert_cmpuint (hs_ladder_view_get_stream (window->ladder_view), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "ladder");
  spin_until (canvas_ready, window, 5000);
  spin_frames (3);
  layout = hs_ladder_view_get_layout (window->ladder_view);
  g_assert_true (pos_on_screen (window, hs_ladder_layout_find_frame (layout, 40)));

  close_window (window);
}

static void
test_ladder_keyboard (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.handshake.Handshake");
  HsWindow *window = open_ladder ();
  HsLadderView *ladder = window->ladder_view;
  HsLadderLayout *layout = hs_ladder_view_get_layout (ladder);
  const guint32 *anomalies;
  guint n_anomalies = 0;
  guint n = hs_ladder_layout_get_n_packets (layout);
  guint first_anomaly, second_anomaly;
  double height, y5;

  gtk_widget_grab_focus (hs_ladder_view_get_canvas (ladder));
  hs_window_select_index (window, 0);

  /* n and p walk the anomalies */
  anomalies = hs_ladder_layout_get_anomalies (layout, &n_anomalies);
  g_assert_cmpuint (n_anomalies, >=, 3);
  first_anomaly = hs_ladder_layout_get_frame (layout, anomalies[0]);
  second_anomaly = hs_ladder_layout_get_frame (layout, anomalies[1]);
  g_assert_true (hs_ladder_view_key_press (ladder, GDK_KEY_n, 0));
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, first_anomaly);
  g_assert_true (hs_ladder_view_key_press (ladder, GDK_KEY_n, 0));
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, second_anomaly);
  g_assert_cmpuint (hs_packet_list_get_selected_index (window->packet_list), ==, second_anomaly);
  g_assert_true (hs_ladder_view_key_press (ladder, GDK_KEY_p, 0));
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, first_anomaly);

  /* Ctrl+. (the packet list's next anomaly) works on the ladder page too */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-anomaly", NULL));
  g_assert_cmpuint (hs_ladder_view_get_selected_index (ladder), ==, second_anomaly);
  /* Ctrl+N is not the ladder's */
  g_assert_false (hs_ladder_view_key_press (ladder, GDK_KEY_n, GDK_CONTROL_MASK));

  /* Up, Down, Home, End */
  hs_window_select_index (window, hs_ladder_layout_get_frame (layout, 5));
  g_assert_true (hs_ladder_view_key_press (ladder, GDK_KEY_Down, 0));
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, hs_ladder_layout_get_frame (layout, 6));
  g_assert_true (hs_ladder_view_key_press (ladder, GDK_KEY_Up, 0));
  g_assert_true (hs_ladder_view_key_press (ladder, GDK_KEY_Up, 0));
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, hs_ladder_layout_get_frame (layout, 4));
  g_assert_true (hs_ladder_view_key_press (ladder, GDK_KEY_End, 0));
  g_assert_cmpuint (hs_window_get_selected_index (window), ==,
                    hs_ladder_layout_get_frame (layout, n - 1));
  g_assert_true (pos_on_screen (window, n - 1));
  g_assert_true (hs_ladder_view_key_press (ladder, GDK_KEY_Home, 0));
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, hs_ladder_layout_get_frame (layout, 0));
  g_assert_true (pos_on_screen (window, 0));

  /* + and - zoom */
  height = hs_ladder_layout_get_height (layout);
  g_assert_true (hs_ladder_view_key_press (ladder, GDK_KEY_plus, GDK_SHIFT_MASK));
  g_assert_cmpfloat_with_epsilon (hs_ladder_view_get_zoom (ladder), 1.25, 1e-9);
  g_assert_cmpfloat (hs_ladder_layout_get_zoom (layout), >, 1.2);
  g_assert_cmpfloat (hs_ladder_layout_get_height (layout), >, height * 1.1);
  g_assert_true (hs_ladder_view_key_press (ladder, GDK_KEY_minus, 0));
  g_assert_true (hs_ladder_view_key_press (ladder, GDK_KEY_minus, 0));
  g_assert_cmpfloat_with_epsilon (hs_ladder_view_get_zoom (ladder), 0.8, 1e-9);
  g_assert_cmpfloat (hs_ladder_layout_get_height (layout), <, height);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ladder), "ladder.zoom-reset", NULL));
  g_assert_cmpfloat_with_epsilon (hs_ladder_view_get_zoom (ladder), 1.0, 1e-9);
  for (guint i = 0; i < 30; i++)
    hs_ladder_view_key_press (ladder, GDK_KEY_equal, 0);
  g_assert_cmpfloat (hs_ladder_view_get_zoom (ladder), ==, HS_LADDER_MAX_ZOOM);
  g_assert_true (pos_on_screen (window, 0));
  gtk_widget_activate_action (GTK_WIDGET (ladder), "ladder.zoom-reset", NULL);

  /* time-true spaces the rows by time, and is remembered */
  g_settings_set_boolean (settings, "ladder-collapse", FALSE);
  y5 = hs_ladder_layout_get_row (layout, 5)->y;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ladder), "ladder.mode", "s", "time-true"));
  g_assert_cmpint (hs_ladder_view_get_mode (ladder), ==, HS_LADDER_TIME_TRUE);
  g_assert_cmpint (hs_ladder_layout_get_mode (layout), ==, HS_LADDER_TIME_TRUE);
  {
    g_autofree char *mode = g_settings_get_string (settings, "ladder-mode");

    g_assert_cmpstr (mode, ==, "time-true");
  }
  g_assert_cmpfloat (fabs (hs_ladder_layout_get_row (layout, 5)->y - y5), >, 1);
  g_settings_set_string (settings, "ladder-mode", "packet-order");
  g_assert_cmpint (hs_ladder_layout_get_mode (layout), ==, HS_LADDER_PACKET_ORDER);
  g_assert_cmpfloat (hs_ladder_layout_get_row (layout, 5)->y, ==, y5);

  g_settings_reset (settings, "ladder-collapse");
  g_settings_reset (settings, "ladder-mode");
  close_window (window);
}

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
/* The live tests': 1,000-byte segments, and four short connections
 * starting while it runs, one a millisecond apart. */
#define LIVE_CONVERSATIONS(n) (&(LongConnection) { (n), 1000, FALSE, TRUE, FALSE })

/* One long connection (A: 10.0.0.1:40000 → 10.0.0.2:80): a handshake, a
 * request of 100 bytes answered by `n_data` segments from the server, each
 * acknowledged, and the teardown; with what `what` adds. */
static void
write_long_connection (const char           *path,
                       const LongConnection *what)
{
  g_autoptr(GArray) packets = g_array_new (FALSE, TRUE, sizeof (HsTestPacket));
  guint32 cseq = 1000, sseq = 5000;
  gint64 ms = 0;
  guint n = what->n_data;

#define ADD(src_, dst_, sp_, dp_, seq_, ack_, flags_, len_)                          \
  G_STMT_START {                                                                       \
    HsTestPacket p_ = { ms++, { src_, dst_, sp_, dp_, seq_, ack_, flags_, 65535, len_, \
                                NULL, NULL, 0 } };                                      \
    g_array_append_val (packets, p_);                                                  \
  } G_STMT_END

  ADD ("10.0.0.1", "10.0.0.2", 40000, 80, cseq, 0, HS_TCP_SYN, 0);
  ADD ("10.0.0.2", "10.0.0.1", 80, 40000, sseq, cseq + 1, HS_TCP_SYN | HS_TCP_ACK, 0);
  cseq++, sseq++;
  ADD ("10.0.0.1", "10.0.0.2", 40000, 80, cseq, sseq, HS_TCP_ACK, 0);
  ADD ("10.0.0.1", "10.0.0.2", 40000, 80, cseq, sseq, HS_TCP_ACK | HS_TCP_PSH, 100);
  cseq += 100;
  for (guint i = 0; i < n; i++)
    {
      if (what->anomalies && i == n / 2)
        sseq += 40000000;
      if (what->anomalies && i == n / 3)
        {
          ADD ("10.0.0.2", "10.0.0.1", 80, 40000, sseq, cseq, HS_TCP_ACK, 12000);
          sseq += 12000;
        }
      ADD ("10.0.0.2", "10.0.0.1", 80, 40000, sseq, cseq, HS_TCP_ACK, what->segment);
      if (what->anomalies && i % 40 == 20)
        {
          ms += 200;
          ADD ("10.0.0.2", "10.0.0.1", 80, 40000, sseq, cseq, HS_TCP_ACK, what->segment);
        }
      sseq += what->segment;
      ADD ("10.0.0.1", "10.0.0.2", 40000, 80, cseq, sseq, HS_TCP_ACK, 0);

      /* a short connection every quarter of the way */
      if (what->short_ones && i % (n / 4) == n / 8)
        {
          guint16 port = 41000 + i;
          guint32 c = 7000, v = 9000;

          ADD ("10.0.0.3", "10.0.0.4", port, 443, c, 0, HS_TCP_SYN, 0);
          ADD ("10.0.0.4", "10.0.0.3", 443, port, v, c + 1, HS_TCP_SYN | HS_TCP_ACK, 0);
          ADD ("10.0.0.3", "10.0.0.4", port, 443, c + 1, v + 1, HS_TCP_ACK, 0);
          ADD ("10.0.0.3", "10.0.0.4", port, 443, c + 1, v + 1, HS_TCP_ACK | HS_TCP_FIN, 0);
          ADD ("10.0.0.4", "10.0.0.3", 443, port, v + 1, c + 2, HS_TCP_ACK | HS_TCP_FIN, 0);
          ADD ("10.0.0.3", "10.0.0.4", port, 443, c + 2, v + 2, HS_TCP_ACK, 0);
        }
    }
  ADD ("10.0.0.1", "10.0.0.2", 40000, 80, cseq, sseq, HS_TCP_ACK | HS_TCP_FIN, 0);
  ADD ("10.0.0.2", "10.0.0.1", 80, 40000, sseq, cseq + 1, HS_TCP_ACK | HS_TCP_FIN, 0);
  ADD ("10.0.0.1", "10.0.0.2", 40000, 80, cseq + 1, sseq + 1, HS_TCP_ACK, 0);
  if (what->reset_after)
    {
      ADD ("10.0.0.1", "10.0.0.3", 40001, 443, 100, 0, HS_TCP_SYN, 0);
      ADD ("10.0.0.3", "10.0.0.1", 443, 40001, 900, 101, HS_TCP_SYN | HS_TCP_ACK, 0);
      ADD ("10.0.0.1", "10.0.0.3", 40001, 443, 101, 901, HS_TCP_ACK, 0);
      ADD ("10.0.0.1", "10.0.0.3", 40001, 443, 101, 901, HS_TCP_RST | HS_TCP_ACK, 0);
    }
#undef ADD

  hs_test_write_packets (path, T0, (const HsTestPacket *) (gpointer) packets->data, packets->len);
}

static gboolean
is_column_list_view (GtkWidget     *widget,
                     gconstpointer  data)
{
  return GTK_IS_LIST_VIEW (widget) && GTK_IS_COLUMN_VIEW (gtk_widget_get_parent (widget));
}

/* The packet list's rows (the column view's inner list view) */
static GtkWidget *
packet_rows (HsWindow *window)
{
  GtkWidget *rows = find_widget (GTK_WIDGET (window->packet_list), is_column_list_view, NULL);

  g_assert_nonnull (rows);
  return rows;
}

static gboolean
packet_rows_laid_out (gpointer data)
{
  GtkWidget *rows = packet_rows (data);

  return gtk_widget_get_mapped (rows) && gtk_widget_get_height (rows) > 0;
}

/* Every line of the packet list's visible height is in a row that is laid
 * out, and every row-high band of what the list draws holds text. */
static void
assert_rows_cover_list (HsWindow *window)
{
  GtkWidget *rows = packet_rows (window);
  int height = gtk_widget_get_height (rows);
  g_autofree gboolean *covered = g_new0 (gboolean, height);
  g_autofree guchar *px = NULL;
  int row_height = 0, uncovered = 0, w, h;

  for (GtkWidget *row = gtk_widget_get_first_child (rows); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      graphene_rect_t b;

      if (!gtk_widget_get_mapped (row) || !gtk_widget_compute_bounds (row, rows, &b))
        continue;
      row_height = MAX (row_height, (int)b.size.height);
      for (int y = MAX (0, (int)b.origin.y); y < MIN (height, (int)(b.origin.y + b.size.height)); y++)
        covered[y] = TRUE;
    }
  for (int y = 0; y < height; y++)
    uncovered += !covered[y];
  g_assert_cmpint (row_height, >, 10);
  g_assert_cmpint (uncovered, ==, 0);

  px = render_widget (rows, &w, &h);
  for (int band = 0; band + row_height <= h; band += row_height)
    {
      g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);

      for (int y = band; y < band + row_height; y++)
        for (int x = 0; x < w; x++)
          g_hash_table_add (colours, GUINT_TO_POINTER (*(guint32 *)(px + ((gsize)y * w + x) * 4)));
      g_assert_cmpuint (g_hash_table_size (colours), >, 4);
    }
}

/* Whether the row of `position` is laid out wholly in the list's height. */
static gboolean
packet_row_visible (HsWindow *window,
                    guint     position)
{
  GtkWidget *rows = packet_rows (window);
  GtkWidget *row = hs_packet_list_get_row_widget (window->packet_list, position);
  graphene_rect_t b;

  return row != NULL && gtk_widget_get_mapped (row) && gtk_widget_compute_bounds (row, rows, &b) &&
         b.origin.y >= 0 && b.origin.y + b.size.height <= gtk_widget_get_height (rows);
}

/* The Packets page shown for the first time after a packet far down was
 * selected on the ladder (End): GTK 4.8 scrolled a list that had no size
 * yet and drew its first row only, until scrolled by hand. */
static void
test_packet_list_first_visit (void)
{
  g_autofree char *path = tmp_path ("long-connection.pcap");
  HsWindow *window;
  guint n, last;

  write_long_connection (path, LONG_CONNECTION (400));
  window = open_window_on (path, "ladder");
  spin_until (canvas_ready, window, 5000);
  g_assert_false (gtk_widget_get_mapped (packet_rows (window)));

  press_key (window, 0, XK_End);
  n = hs_packet_list_get_n_shown (window->packet_list);
  last = hs_index_model_get_index (HS_INDEX_MODEL (hs_packet_list_get_model (window->packet_list)),
                                   n - 1);
  g_assert_cmpuint (n, >, 400);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, last);

  press_key (window, XK_Alt_L, XK_2);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "packets");
  spin_until (packet_rows_laid_out, window, 5000);
  spin_frames (2);
  assert_rows_cover_list (window);
  g_assert_true (packet_row_visible (window, n - 1));

  close_window (window);
  g_unlink (path);
}

static gboolean
is_png (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  return g_file_get_contents (path, &contents, &len, NULL) && len > 8 &&
         memcmp (contents, "\x89PNG\r\n\x1a\n", 8) == 0;
}

typedef void (*ExportFunc) (HsWindow   *window,
                            const char *path,
                            gboolean    part,
                            gboolean    for_print);

/* The PNG an export wrote, read back. */
static GdkTexture *
load_exported_png (const char *path)
{
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;

  g_assert_true (is_png (path));
  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  return texture;
}

/* The SVG an export wrote: one that a reader draws.  Returns its text. */
static char *
load_exported_svg (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "<svg"));
  pixbuf = gdk_pixbuf_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), >, 0);
  return contents;
}

/* An export to a file that cannot be written: a toast, not a crash. */
static void
check_export_failure (HsWindow   *window,
                      ExportFunc  export,
                      const char *bad)
{
  export (window, bad, FALSE, FALSE);
  spin_until (no_export_running, window, 30000);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
}

static void
test_ladder_export (void)
{
  g_autofree char *png = tmp_path ("ladder-export.png");
  g_autofree char *svg = tmp_path ("ladder-export.svg");
  g_autofree char *bad = tmp_path ("no-such-directory/ladder.png");
  g_autofree char *contents = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  HsWindow *window = open_ladder ();

  g_unlink (png);
  g_unlink (svg);

  hs_ladder_view_set_endpoint_name (window->ladder_view, 1, "Web server");

  /* the whole connection as on screen, and the part on screen for print */
  _hs_window_export_ladder (window, png, FALSE, FALSE);
  _hs_window_export_ladder (window, svg, TRUE, TRUE);
  g_assert_cmpuint (window->exports_running, ==, 2);
  spin_until (no_export_running, window, 30000);

  texture = load_exported_png (png);
  g_assert_cmpint (gdk_texture_get_width (texture), >=, (int)HS_LADDER_MIN_WIDTH);
  g_assert_cmpint (gdk_texture_get_height (texture), >, 41 * 10);

  contents = load_exported_svg (svg);
  g_assert_nonnull (strstr (contents, "Web server"));

  check_export_failure (window, _hs_window_export_ladder, bad);

  g_unlink (png);
  g_unlink (svg);
  close_window (window);
}

/* Graphs ------------------------------------------------------------------- */

/* A temporary file name no other run of these tests (another build of the
 * same sources) uses at the same time. */
static char *
graph_tmp_path (const char *name)
{
  g_autofree char *unique = g_strdup_printf ("hs-%d-%s", (int)getpid (), name);

  return tmp_path (unique);
}

static gboolean
graph_ready (gpointer data)
{
  HsWindow *window = data;
  GtkWidget *canvas = hs_graph_view_get_canvas (window->graph_view);

  return gtk_widget_get_mapped (canvas) && gtk_widget_get_height (canvas) > 100 &&
         hs_graph_view_get_graph (window->graph_view) != NULL;
}

static HsWindow *
open_graphs_on (const char *path)
{
  HsWindow *window = open_window_on (path, "graphs");

  spin_until (graph_ready, window, 5000);
  spin_frames (2);
  return window;
}

static HsWindow *
open_graphs (void)
{
  g_autofree char *path = sample_path ();

  return open_graphs_on (path);
}

/* The size the graph is drawn at: the canvas's. */
static void
graph_size (HsWindow *window,
            double   *width,
            double   *height)
{
  GtkWidget *canvas = hs_graph_view_get_canvas (window->graph_view);

  *width = gtk_widget_get_width (canvas);
  *height = gtk_widget_get_height (canvas);
}

/* The middle of the plot, or of its first pane when both directions have
 * one (the middle of the plot is between them). */
static void
graph_plot_center (HsWindow *window,
                   double   *x,
                   double   *y)
{
  double width, height, px, py, pw, ph;

  graph_size (window, &width, &height);
  hs_graph_get_pane_area (hs_graph_view_get_graph (window->graph_view), width, height, 0,
                          &px, &py, &pw, &ph);
  g_assert_cmpfloat (pw, >, 100);
  g_assert_cmpfloat (ph, >, 50);
  *x = px + pw / 2;
  *y = py + ph / 2;
}

/* ns since the connection's first packet, of a capture frame index. */
static gint64
frame_time (HsWindow *window,
            guint     index)
{
  HsCapture *capture = hs_window_get_capture (window);
  guint n = 0;
  const guint32 *frames = hs_capture_get_stream_packets (capture, hs_window_get_stream (window), &n);

  g_assert_cmpuint (n, >, 0);
  return hs_capture_get_record (capture, index)->ts_ns -
         hs_capture_get_record (capture, frames[0])->ts_ns;
}

static guint
stream_pos (HsWindow *window,
            guint     index)
{
  guint n = 0;
  const guint32 *frames = hs_capture_get_stream_packets (hs_window_get_capture (window),
                                                         hs_window_get_stream (window), &n);

  for (guint pos = 0; pos < n; pos++)
    {
      if (frames[pos] == index)
        return pos;
    }
  g_assert_not_reached ();
  return G_MAXUINT;
}

/* The number of pixels that differ between two renderings of a widget. */
static guint
count_differences (const guchar *a,
                   const guchar *b,
                   int           width,
                   int           height)
{
  guint n = 0;

  for (gsize i = 0; i < (gsize)width * height; i++)
    {
      if (memcmp (a + i * 4, b + i * 4, 4) != 0)
        n++;
    }
  return n;
}

static void
assert_time_range (HsWindow *window,
                   gint64    t0,
                   gint64    t1)
{
  gint64 a, b;

  g_assert_true (hs_graph_view_get_time_range (window->graph_view, &a, &b));
  g_assert_cmpint (a, ==, t0);
  g_assert_cmpint (b, ==, t1);
}

static void
test_graph_page (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.handshake.Handshake");
  AdwStyleManager *style = adw_style_manager_get_default ();
  HsWindow *window;
  HsGraph *graph;
  GtkWidget *canvas;
  double light, dark, non_background, x, y;
  guint n_colours;

  g_settings_reset (settings, "graph-kind");
  g_settings_reset (settings, "graph-direction");
  g_settings_reset (settings, "graph-average-window");

  /* Alt+3 shows the graphs, and new windows start there */
  window = open_graphs ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "graphs");
  {
    g_autofree char *view = g_settings_get_string (settings, "view");

    g_assert_cmpstr (view, ==, "graphs");
  }

  /* the first connection's window graph, both directions */
  g_assert_cmpuint (hs_graph_view_get_stream (window->graph_view), ==, 0);
  graph = hs_graph_view_get_graph (window->graph_view);
  g_assert_nonnull (graph);
  g_assert_cmpuint (hs_graph_get_stream (graph), ==, 0);
  g_assert_cmpint (hs_graph_get_kind (graph), ==, HS_GRAPH_WINDOW);
  g_assert_cmpint (hs_graph_get_directions (graph), ==, HS_GRAPH_DIR_BOTH);
  /* the sample has its handshake: the window scales are known */
  g_assert_null (hs_graph_view_get_warning (window->graph_view));

  /* it is drawn: axes, lines, labels, not a blank area */
  canvas = hs_graph_view_get_canvas (window->graph_view);
  canvas_pixels (canvas, &light, &n_colours, &non_background);
  g_assert_cmpuint (n_colours, >, 10);
  g_assert_cmpfloat (non_background, >, 0.01);
  g_assert_cmpfloat (non_background, <, 0.9);

  /* every kind, from its action, is drawn and remembered */
  for (guint k = 0; k < HS_GRAPH_N_KINDS; k++)
    {
      const char *name = hs_graph_kind_to_name (k);
      g_autofree char *stored = NULL;

      g_test_message ("kind %s", name);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->graph_view), "graph.kind", "s", name));
      g_assert_cmpint (hs_graph_view_get_kind (window->graph_view), ==, k);
      graph = hs_graph_view_get_graph (window->graph_view);
      g_assert_nonnull (graph);
      g_assert_cmpint (hs_graph_get_kind (graph), ==, k);
      stored = g_settings_get_string (settings, "graph-kind");
      g_assert_cmpstr (stored, ==, name);
      spin_frames (2);
      canvas_pixels (canvas, &light, &n_colours, &non_background);
      g_assert_cmpuint (n_colours, >, 10);
      g_assert_cmpfloat (non_background, >, 0.01);
    }
  g_settings_set_string (settings, "graph-kind", "stevens");
  g_assert_cmpint (hs_graph_get_kind (hs_graph_view_get_graph (window->graph_view)), ==, HS_GRAPH_STEVENS);

  /* a time-sequence graph draws one direction; a choice is remembered */
  g_assert_true (hs_graph_view_get_graph_directions (window->graph_view) == HS_GRAPH_DIR_0 ||
                 hs_graph_view_get_graph_directions (window->graph_view) == HS_GRAPH_DIR_1);
  g_settings_set_string (settings, "graph-direction", "client-to-server");
  g_assert_cmpint (hs_graph_view_get_direction (window->graph_view), ==, HS_GRAPH_VIEW_CLIENT_TO_SERVER);
  g_assert_cmpint (hs_graph_view_get_graph_directions (window->graph_view), ==, HS_GRAPH_DIR_0);
  hs_graph_view_set_direction (window->graph_view, HS_GRAPH_VIEW_SERVER_TO_CLIENT);
  g_assert_cmpint (hs_graph_view_get_graph_directions (window->graph_view), ==, HS_GRAPH_DIR_1);
  {
    g_autofree char *stored = g_settings_get_string (settings, "graph-direction");

    g_assert_cmpstr (stored, ==, "server-to-client");
  }
  g_settings_set_string (settings, "graph-kind", "window");
  g_assert_cmpint (hs_graph_view_get_graph_directions (window->graph_view), ==, HS_GRAPH_DIR_1);
  g_settings_reset (settings, "graph-direction");
  g_assert_cmpint (hs_graph_view_get_graph_directions (window->graph_view), ==, HS_GRAPH_DIR_BOTH);

  /* the throughput's averaging window, remembered; by default the one
   * that fits the connection */
  g_settings_set_string (settings, "graph-kind", "throughput");
  graph = hs_graph_view_get_graph (window->graph_view);
  g_assert_cmpint (hs_graph_get_average_window (graph), ==, hs_graph_get_auto_average_window (graph));
  g_settings_set_double (settings, "graph-average-window", 0.1);
  g_assert_cmpfloat_with_epsilon (hs_graph_view_get_average_window (window->graph_view), 0.1, 1e-9);
  g_assert_cmpint (hs_graph_get_average_window (hs_graph_view_get_graph (window->graph_view)), ==,
                   G_GINT64_CONSTANT (100000000));
  hs_graph_view_set_average_window (window->graph_view, 10);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "graph-average-window"), 10, 1e-9);
  g_settings_reset (settings, "graph-average-window");
  g_settings_reset (settings, "graph-kind");
  g_assert_cmpint (hs_graph_view_get_kind (window->graph_view), ==, HS_GRAPH_WINDOW);

  /* the palette follows the style */
  spin_frames (2);
  canvas_pixels (canvas, &light, &n_colours, &non_background);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  spin_frames (3);
  g_assert_true (hs_graph_view_is_dark (window->graph_view));
  canvas_pixels (canvas, &dark, &n_colours, &non_background);
  g_assert_cmpuint (n_colours, >, 10);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  spin_frames (3);
  g_assert_false (hs_graph_view_is_dark (window->graph_view));
  g_assert_cmpfloat (dark, <, light - 50);

  /* the legend can be hidden */
  {
    g_autofree guchar *with = NULL;
    g_autofree guchar *without = NULL;
    gboolean shown;
    int w, h;

    with = render_widget (canvas, &w, &h);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->graph_view), "graph.show-legend", NULL));
    g_object_get (window->graph_view, "show-legend", &shown, NULL);
    g_assert_false (shown);
    spin_frames (2);
    without = render_widget (canvas, &w, &h);
    g_assert_cmpuint (count_differences (with, without, w, h), >, 500);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->graph_view), "graph.show-legend", NULL));
    g_object_get (window->graph_view, "show-legend", &shown, NULL);
    g_assert_true (shown);
  }

  /* the time and value under the pointer are read out */
  graph_plot_center (window, &x, &y);
  hs_graph_view_pointer_at (window->graph_view, x, y);
  g_assert_nonnull (hs_graph_view_get_readout (window->graph_view));
  g_assert_cmpuint (strlen (hs_graph_view_get_readout (window->graph_view)), >, 2);
  spin_frames (2);

  /* no connection (the search finds none): an empty state */
  gtk_editable_set_text (GTK_EDITABLE (window->connection_search), "no-such-host");
  spin_until (no_connection, window, 3000);
  g_assert_false (hs_graph_view_has_connection (window->graph_view));
  g_assert_null (hs_graph_view_get_graph (window->graph_view));
  /* nothing to export: the action does nothing */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-graph", NULL));
  spin_frames (2);
  g_assert_false (gtk_widget_get_mapped (canvas));
  gtk_editable_set_text (GTK_EDITABLE (window->connection_search), "");
  spin_until (two_connections, window, 3000);
  g_assert_true (hs_graph_view_has_connection (window->graph_view));
  spin_until (graph_ready, window, 5000);

  /* the other connection */
  hs_window_select_stream (window, 1);
  g_assert_cmpuint (hs_graph_view_get_stream (window->graph_view), ==, 1);
  g_assert_cmpuint (hs_graph_get_stream (hs_graph_view_get_graph (window->graph_view)), ==, 1);

  close_window (window);
}

/* The window graph's mark of the packet at `index`: its own advertised
 * window, at its time (in the pane of the data it lets in: the other
 * direction's). */
static void
window_mark (HsWindow *window,
             guint     index,
             double   *x,
             double   *y)
{
  HsCapture *capture = hs_window_get_capture (window);
  HsGraph *graph = hs_graph_view_get_graph (window->graph_view);
  guint dir = hs_capture_get_record (capture, index)->direction;
  guint pos = stream_pos (window, index);
  double width, height;
  HsSeries series = { 0 };
  gboolean unknown = FALSE;
  gboolean found = FALSE;

  graph_size (window, &width, &height);
  hs_series_window (capture, hs_window_get_stream (window), dir, &series, &unknown);
  for (guint i = 0; i < series.n; i++)
    {
      if (series.points[i].pos == pos)
        {
          *x = hs_graph_time_to_x (graph, width, height, series.points[i].t_ns);
          *y = hs_graph_pane_value_to_y (graph, width, height, hs_graph_get_pane (graph, 1 - dir),
                                         series.points[i].value);
          found = TRUE;
        }
    }
  hs_series_clear (&series);
  g_assert_true (found);
}

static void
test_graph_click (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.handshake.Handshake");
  HsWindow *window;
  HsGraph *graph;
  GtkWidget *canvas;
  const char *explanation;
  gint64 t13, t33, t0, t1;
  double v0, v1, x, y;
  g_autofree guchar *before = NULL;
  g_autofree guchar *after = NULL;
  int w, h;

  g_settings_reset (settings, "graph-kind");
  g_settings_reset (settings, "graph-direction");
  window = open_graphs ();
  graph = hs_graph_view_get_graph (window->graph_view);
  canvas = hs_graph_view_get_canvas (window->graph_view);

  /* frames 11 to 17 are 50 µs apart: show 400 µs around frame 13 */
  t13 = frame_time (window, 12);
  hs_graph_get_view (graph, &t0, &t1, &v0, &v1);
  hs_graph_set_view (graph, t13 - 200000, t13 + 200000, v0, v1);
  spin_frames (2);

  /* a click on the mark of frame 13 (a dup ACK) selects it everywhere */
  window_mark (window, 12, &x, &y);
  hs_graph_view_click_at (window->graph_view, x, y);
  g_assert_cmpuint (hs_graph_view_get_selected_index (window->graph_view), ==, 12);
  g_assert_cmpuint (hs_graph_view_get_selected_pos (window->graph_view), ==, stream_pos (window, 12));
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, 12);
  g_assert_cmpuint (hs_packet_list_get_selected_index (window->packet_list), ==, 12);
  g_assert_cmpuint (hs_ladder_view_get_selected_index (window->ladder_view), ==, 12);
  explanation = hs_details_view_get_explanation (window->details_view);
  g_assert_nonnull (explanation);
  g_assert_nonnull (strstr (explanation, "11"));

  /* and its neighbour, 50 µs later, on a click on its own mark */
  window_mark (window, 13, &x, &y);
  hs_graph_view_click_at (window->graph_view, x, y);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, 13);

  /* the tooltip of a mark names its packet */
  {
    g_autofree char *tooltip = hs_graph_view_dup_tooltip (window->graph_view, x, y);

    g_assert_nonnull (tooltip);
    g_assert_true (g_str_has_prefix (tooltip, "Frame 14: "));
  }

  /* nowhere near a mark: the selection stays */
  hs_graph_view_click_at (window->graph_view, 1, 1);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, 13);

  /* a packet selected in the packet list is marked on the graph, and the
   * time shown moves to it when it is outside */
  spin_frames (2);
  before = render_widget (canvas, &w, &h);
  hs_session_select_index (window->session, 32);
  g_assert_cmpuint (hs_graph_view_get_selected_index (window->graph_view), ==, 32);
  g_assert_cmpuint (hs_graph_view_get_selected_pos (window->graph_view), ==, stream_pos (window, 32));
  t33 = frame_time (window, 32);
  g_assert_true (hs_graph_view_get_time_range (window->graph_view, &t0, &t1));
  g_assert_cmpint (t0, <=, t33);
  g_assert_cmpint (t1, >=, t33);
  g_assert_cmpint (t1 - t0, ==, 400000);
  spin_frames (2);
  after = render_widget (canvas, &w, &h);
  g_assert_cmpuint (count_differences (before, after, w, h), >, 50);

  /* at the whole connection too: the mark is drawn where the packet is */
  gtk_widget_activate_action (GTK_WIDGET (window->graph_view), "graph.zoom-reset", NULL);
  spin_frames (2);
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);
  before = render_widget (canvas, &w, &h);
  hs_window_select_index (window, 36);
  g_assert_cmpuint (hs_graph_view_get_selected_pos (window->graph_view), ==, stream_pos (window, 36));
  spin_frames (2);
  after = render_widget (canvas, &w, &h);
  g_assert_cmpuint (count_differences (before, after, w, h), >, 20);

  /* the Stevens graph: a click on a segment's dot selects the segment */
  hs_graph_view_set_kind (window->graph_view, HS_GRAPH_STEVENS);
  hs_graph_view_set_direction (window->graph_view, HS_GRAPH_VIEW_SERVER_TO_CLIENT);
  graph = hs_graph_view_get_graph (window->graph_view);
  {
    HsSeqSeries seq = { 0 };
    guint pos = stream_pos (window, 32);   /* frame 33, after the zero window */
    double width, height;
    gboolean found = FALSE;

    graph_size (window, &width, &height);
    hs_seq_series_compute (hs_window_get_capture (window), 0, 1, &seq);
    for (guint i = 0; i < seq.n_segments; i++)
      {
        if (seq.segments[i].pos == pos)
          {
            x = hs_graph_time_to_x (graph, width, height, seq.segments[i].t_ns);
            y = hs_graph_value_to_y (graph, width, height, seq.segments[i].seq);
            found = TRUE;
          }
      }
    hs_seq_series_clear (&seq);
    g_assert_true (found);
  }
  hs_window_select_index (window, 0);
  hs_graph_view_click_at (window->graph_view, x, y);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, 32);

  g_settings_reset (settings, "graph-kind");
  g_settings_reset (settings, "graph-direction");
  close_window (window);
}

static void
test_graph_zoom (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.handshake.Handshake");
  HsWindow *window;
  HsGraph *graph;
  gint64 e0, e1, t0, t1, z0, z1, tx;
  double w0, w1, v0, v1, x, y, width, height;

  g_settings_reset (settings, "graph-kind");
  window = open_graphs ();
  graph = hs_graph_view_get_graph (window->graph_view);
  graph_size (window, &width, &height);
  hs_graph_get_extent (graph, &e0, &e1, &w0, &w1);
  g_assert_cmpint (e1, >, e0);
  assert_time_range (window, e0, e1);

  /* Ctrl+scroll zooms in around the pointer: the time under it stays */
  graph_plot_center (window, &x, &y);
  x -= 100;
  tx = hs_graph_x_to_time (graph, width, height, x);
  g_assert_true (hs_graph_view_scroll_at (window->graph_view, x, y, -1, GDK_CONTROL_MASK));
  g_assert_true (hs_graph_view_get_time_range (window->graph_view, &t0, &t1));
  g_assert_cmpint (t1 - t0, <, e1 - e0);
  g_assert_cmpint (llabs (hs_graph_x_to_time (graph, width, height, x) - tx), <, (t1 - t0) / 100);
  hs_graph_view_scroll_at (window->graph_view, x, y, -3, GDK_CONTROL_MASK);
  g_assert_true (hs_graph_view_get_time_range (window->graph_view, &z0, &z1));
  g_assert_cmpint (z1 - z0, <, t1 - t0);

  /* switching graphs keeps the time range shown */
  hs_graph_view_set_kind (window->graph_view, HS_GRAPH_TCPTRACE);
  assert_time_range (window, z0, z1);
  hs_graph_view_set_kind (window->graph_view, HS_GRAPH_RTT);
  assert_time_range (window, z0, z1);
  hs_graph_view_set_kind (window->graph_view, HS_GRAPH_WINDOW);
  assert_time_range (window, z0, z1);
  graph = hs_graph_view_get_graph (window->graph_view);

  /* the arrows move the range, a drag moves the picture with the pointer */
  g_assert_true (hs_graph_view_key_press (window->graph_view, GDK_KEY_Right, 0));
  g_assert_true (hs_graph_view_get_time_range (window->graph_view, &t0, &t1));
  g_assert_cmpint (t0, >, z0);
  g_assert_cmpint (t1 - t0, ==, z1 - z0);
  g_assert_true (hs_graph_view_key_press (window->graph_view, GDK_KEY_Left, 0));
  assert_time_range (window, z0, z1);
  hs_graph_view_drag (window->graph_view, x, y, 50, 0, FALSE);
  g_assert_true (hs_graph_view_get_time_range (window->graph_view, &t0, &t1));
  g_assert_cmpint (t0, <, z0);

  /* reset: the whole connection */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->graph_view), "graph.zoom-reset", NULL));
  assert_time_range (window, e0, e1);

  /* the keyboard: + zooms, 0 and Home reset */
  g_assert_true (hs_graph_view_key_press (window->graph_view, GDK_KEY_plus, GDK_SHIFT_MASK));
  g_assert_true (hs_graph_view_get_time_range (window->graph_view, &t0, &t1));
  g_assert_cmpint (t1 - t0, <, e1 - e0);
  g_assert_true (hs_graph_view_key_press (window->graph_view, GDK_KEY_0, 0));
  assert_time_range (window, e0, e1);
  g_assert_true (hs_graph_view_key_press (window->graph_view, GDK_KEY_equal, 0));
  g_assert_true (hs_graph_view_key_press (window->graph_view, GDK_KEY_minus, 0));
  g_assert_true (hs_graph_view_key_press (window->graph_view, GDK_KEY_plus, 0));
  g_assert_true (hs_graph_view_key_press (window->graph_view, GDK_KEY_Home, 0));
  assert_time_range (window, e0, e1);
  /* Ctrl+N is the window's */
  g_assert_false (hs_graph_view_key_press (window->graph_view, GDK_KEY_n, GDK_CONTROL_MASK));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->graph_view), "graph.zoom-in", NULL));
  g_assert_true (hs_graph_view_get_time_range (window->graph_view, &t0, &t1));
  g_assert_cmpint (t1 - t0, <, e1 - e0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->graph_view), "graph.zoom-reset", NULL));

  /* a rubber band zooms to what it covers */
  {
    double px, py, pw, ph;
    gint64 b0, b1;

    hs_graph_get_plot_area (graph, width, height, &px, &py, &pw, &ph);
    b0 = hs_graph_x_to_time (graph, width, height, px + pw * 0.25);
    b1 = hs_graph_x_to_time (graph, width, height, px + pw * 0.5);
    hs_graph_view_drag (window->graph_view, px + pw * 0.25, py + ph * 0.2, pw * 0.25, ph * 0.5, TRUE);
    g_assert_true (hs_graph_view_get_time_range (window->graph_view, &t0, &t1));
    g_assert_cmpint (llabs (t0 - b0), <=, (b1 - b0) / 100 + 1000);
    g_assert_cmpint (llabs (t1 - b1), <=, (b1 - b0) / 100 + 1000);
    hs_graph_get_view (graph, &t0, &t1, &v0, &v1);
    g_assert_cmpfloat (v1 - v0, <, w1 - w0);
  }

  /* a new connection is shown whole */
  hs_window_select_stream (window, 1);
  hs_window_select_stream (window, 0);
  graph = hs_graph_view_get_graph (window->graph_view);
  hs_graph_get_extent (graph, &e0, &e1, &w0, &w1);
  assert_time_range (window, e0, e1);

  close_window (window);
}

static void
test_graph_export (void)
{
  g_autofree char *png = graph_tmp_path ("graph-export.png");
  g_autofree char *svg = graph_tmp_path ("graph-export.svg");
  g_autofree char *bad = tmp_path ("no-such-directory/graph.png");
  g_autofree char *contents = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  HsWindow *window = open_graphs ();
  double width, height;

  g_unlink (png);
  g_unlink (svg);
  graph_size (window, &width, &height);

  /* the whole connection as on screen, and the time range shown, for print */
  hs_graph_view_set_kind (window->graph_view, HS_GRAPH_TCPTRACE);
  _hs_window_export_graph (window, png, FALSE, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (window->graph_view), "graph.zoom-in", NULL);
  _hs_window_export_graph (window, svg, TRUE, TRUE);
  g_assert_cmpuint (window->exports_running, ==, 2);
  spin_until (no_export_running, window, 30000);

  texture = load_exported_png (png);
  /* as on screen: at least the size of the canvas */
  g_assert_cmpint (gdk_texture_get_width (texture), >=, (int)width);
  g_assert_cmpint (gdk_texture_get_height (texture), >=, (int)height);

  contents = load_exported_svg (svg);

  check_export_failure (window, _hs_window_export_graph, bad);

  g_unlink (png);
  g_unlink (svg);
  hs_graph_view_set_kind (window->graph_view, HS_GRAPH_WINDOW);
  close_window (window);
}

/* Export dialogs ------------------------------------------------------------ */

/* The file chooser a save dialog of `window` shows (GtkFileChooserNative's
 * own dialog, outside a sandbox). */
static GtkFileChooser *
find_save_dialog (HsWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not a new reference */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (toplevel) &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)) &&
          gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window))
        return GTK_FILE_CHOOSER (toplevel);
    }
  return NULL;
}

typedef struct
{
  GtkFileChooser *chooser;
  GFile          *folder;  /* NULL: any */
} FolderWait;

static gboolean
chooser_has_folder (gpointer data)
{
  FolderWait *wait = data;
  g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (wait->chooser);

  return folder != NULL && (wait->folder == NULL || g_file_equal (folder, wait->folder));
}

/* Opens the dialog of `action` in `folder`. */
static GtkFileChooser *
open_save_dialog (HsWindow   *window,
                  const char *action,
                  const char *folder)
{
  g_autoptr(GFile) dir = g_file_new_for_path (folder);
  g_autoptr(GError) error = NULL;
  GtkFileChooser *dialog;
  FolderWait folder_wait = { NULL, NULL };

  g_assert_null (find_save_dialog (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  dialog = find_save_dialog (window);
  g_assert_nonnull (dialog);
  folder_wait.chooser = dialog;
  /* the dialog shows its first folder (the current one), then ours */
  spin_until (chooser_has_folder, &folder_wait, 10000);
  gtk_file_chooser_set_current_folder (dialog, dir, &error);
  g_assert_no_error (error);
  folder_wait.folder = dir;
  spin_until (chooser_has_folder, &folder_wait, 10000);
  return dialog;
}

/* Picks the format named `name` in the dialog, as the user does in its
 * dropdown. */
static void
choose_format (GtkFileChooser *dialog,
               const char     *name)
{
  g_autoptr(GListModel) filters = gtk_file_chooser_get_filters (dialog);

  for (guint i = 0; i < g_list_model_get_n_items (filters); i++)
    {
      g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i);

      if (g_strcmp0 (gtk_file_filter_get_name (filter), name) == 0)
        {
          gtk_file_chooser_set_filter (dialog, filter);
          return;
        }
    }
  g_error ("no format “%s” in the dialog", name);
}

static void
assert_current_name (GtkFileChooser *dialog,
                     const char     *expected)
{
  g_autofree char *name = gtk_file_chooser_get_current_name (dialog);

  g_assert_cmpstr (name, ==, expected);
}

typedef struct
{
  HsWindow   *window;
  const char *path;
} Written;

static gboolean
export_written (gpointer data)
{
  Written *w = data;

  return find_save_dialog (w->window) == NULL && w->window->exports_running == 0 &&
         g_file_test (w->path, G_FILE_TEST_EXISTS);
}

/* Clicks Export and waits for the file `name` in `folder`: its path. */
static char *
accept_save_dialog (HsWindow       *window,
                    GtkFileChooser *dialog,
                    const char     *folder,
                    const char     *name)
{
  char *path = g_build_filename (folder, name, NULL);
  Written w = { window, path };

  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  spin_until (export_written, &w, 30000);
  return path;
}

static gboolean
is_pdf (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  return g_file_get_contents (path, &contents, &len, NULL) && len > 5 &&
         memcmp (contents, "%PDF-", 5) == 0;
}

static guint
count_files (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
remove_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      g_unlink (path);
    }
  g_rmdir (folder);
}

/* Choosing a format in an export dialog changes the file name's extension,
 * and the file written is in the format its name ends in. */
static void
test_export_dialog (void)
{
  g_autofree char *folder = g_dir_make_tmp ("handshake-export-XXXXXX", NULL);
  g_autofree char *svg = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *png = NULL;
  g_autofree char *graph = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *graph_name = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkFileChooser *dialog;
  HsWindow *window = open_ladder ();

  g_assert_nonnull (folder);

  /* the format follows the dropdown, the name follows the format */
  dialog = open_save_dialog (window, "win.export-ladder", folder);
  assert_current_name (dialog, "sample-stream-0.png");
  choose_format (dialog, "SVG Image");
  assert_current_name (dialog, "sample-stream-0.svg");
  choose_format (dialog, "PDF Document");
  assert_current_name (dialog, "sample-stream-0.pdf");
  choose_format (dialog, "SVG Image");
  assert_current_name (dialog, "sample-stream-0.svg");
  svg = accept_save_dialog (window, dialog, folder, "sample-stream-0.svg");
  g_free (load_exported_svg (svg));
  g_assert_cmpuint (count_files (folder), ==, 1);

  /* an extension typed wins over the format chosen, and the file is in its format */
  dialog = open_save_dialog (window, "win.export-ladder", folder);
  choose_format (dialog, "SVG Image");
  gtk_file_chooser_set_current_name (dialog, "Typed.PDF");
  pdf = accept_save_dialog (window, dialog, folder, "Typed.PDF");
  g_assert_true (is_pdf (pdf));

  /* a name without a format's extension gets the chosen format's */
  dialog = open_save_dialog (window, "win.export-ladder", folder);
  choose_format (dialog, "PDF Document");
  choose_format (dialog, "PNG Image");
  gtk_file_chooser_set_current_name (dialog, "plain.txt");
  png = accept_save_dialog (window, dialog, folder, "plain.txt.png");
  texture = load_exported_png (png);
  g_assert_cmpuint (count_files (folder), ==, 3);
  close_window (window);

  /* the graph's dialog is the same */
  window = open_graphs ();
  graph_name = g_strconcat ("sample-stream-0-",
                            hs_graph_kind_to_name (hs_graph_view_get_kind (window->graph_view)),
                            NULL);
  dialog = open_save_dialog (window, "win.export-graph", folder);
  {
    g_autofree char *name = g_strconcat (graph_name, ".png", NULL);

    assert_current_name (dialog, name);
  }
  choose_format (dialog, "PDF Document");
  {
    g_autofree char *name = g_strconcat (graph_name, ".pdf", NULL);

    assert_current_name (dialog, name);
    graph = accept_save_dialog (window, dialog, folder, name);
  }
  g_assert_true (is_pdf (graph));
  g_assert_cmpuint (count_files (folder), ==, 4);

  /* Cancel writes nothing */
  dialog = open_save_dialog (window, "win.export-graph", folder);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_assert_null (find_save_dialog (window));
  spin_frames (2);
  g_assert_cmpuint (window->exports_running, ==, 0);
  g_assert_cmpuint (count_files (folder), ==, 4);

  close_window (window);
  remove_folder (folder);
}

static gboolean
recent_has_item (gpointer data)
{
  return gtk_recent_manager_has_item (gtk_recent_manager_get_default (), data);
}

/* The titles of the welcome page's recent captures, one a line. */
static char *
recent_titles (HsWindow *window)
{
  GString *titles = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (window->recent_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    g_string_append_printf (titles, "%s\n",
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  return g_string_free (titles, FALSE);
}

/* Exported pictures are not recent captures, though the file chooser adds
 * them to the recent files under our name. */
static void
test_recent_no_exports (void)
{
  g_autofree char *folder = g_dir_make_tmp ("handshake-export-XXXXXX", NULL);
  g_autofree char *svg = NULL;
  g_autofree char *svg_uri = NULL;
  g_autofree char *png = NULL;
  g_autofree char *png_uri = NULL;
  g_autofree char *titles = NULL;
  g_autofree char *exec = g_strdup_printf ("%s %%u", g_get_prgname ());
  g_autoptr(GError) error = NULL;
  GtkRecentData data = { 0 };
  GtkFileChooser *dialog;
  HsWindow *window = open_ladder ();

  dialog = open_save_dialog (window, "win.export-ladder", folder);
  choose_format (dialog, "SVG Image");
  svg = accept_save_dialog (window, dialog, folder, "sample-stream-0.svg");
  svg_uri = g_filename_to_uri (svg, NULL, NULL);
  spin_until (recent_has_item, svg_uri, 5000);
  close_window (window);

  /* nor is any other file of another type that we are said to have used */
  png = g_build_filename (folder, "picture.png", NULL);
  g_file_set_contents (png, "\x89PNG\r\n\x1a\n", 8, &error);
  g_assert_no_error (error);
  png_uri = g_filename_to_uri (png, NULL, NULL);
  data.mime_type = (char *)"image/png";
  data.app_name = (char *)g_get_application_name ();
  data.app_exec = exec;
  g_assert_true (gtk_recent_manager_add_full (gtk_recent_manager_get_default (), png_uri, &data));
  spin_until (recent_has_item, png_uri, 5000);

  window = open_window (NULL);
  spin_until (recent_listed, window, 5000);
  titles = recent_titles (window);
  g_assert_nonnull (strstr (titles, "sample.pcapng\n"));
  g_assert_null (strstr (titles, ".svg"));
  g_assert_null (strstr (titles, ".png"));
  close_window (window);

  gtk_recent_manager_remove_item (gtk_recent_manager_get_default (), svg_uri, NULL);
  gtk_recent_manager_remove_item (gtk_recent_manager_get_default (), png_uri, NULL);
  remove_folder (folder);
}

/* The ticks of the main loop seen while the graph was being built. */
static guint ticks_while_building;

static gboolean
count_tick (gpointer data)
{
  HsWindow *window = data;

  if (hs_graph_view_get_graph (window->graph_view) == NULL)
    ticks_while_building++;
  return G_SOURCE_CONTINUE;
}

static gboolean
graph_built (gpointer data)
{
  HsWindow *window = data;

  return hs_graph_view_get_graph (window->graph_view) != NULL;
}

/* A large connection's graph is built in a worker thread: the main loop
 * runs meanwhile, the previous graph and its time range stay, and the
 * selection is marked. */
static void
test_graph_large (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.handshake.Handshake");
  g_autofree char *path = graph_tmp_path ("large.pcap");
  HsTestWriter *w = hs_test_writer_new (path, HS_TEST_PCAP_NSEC, 1, FALSE);
  const guint n_data = 50000;   /* and as many ACKs: 100,003 packets */
  HsTestSegment syn = { "10.0.0.1", "10.0.0.2", 40000, 80, 1000, 0, HS_TCP_SYN, 65535, 0 };
  HsTestSegment syn_ack = { "10.0.0.2", "10.0.0.1", 80, 40000, 5000, 1001,
                            HS_TCP_SYN | HS_TCP_ACK, 65535, 0 };
  HsTestSegment ack = { "10.0.0.1", "10.0.0.2", 40000, 80, 1001, 5001, HS_TCP_ACK, 65535, 0 };
  HsWindow *window;
  guint n = 0, tick;
  gint64 t0, t1;
  double x, y;

  g_settings_reset (settings, "graph-kind");
  g_settings_reset (settings, "graph-direction");

  hs_test_writer_segment (w, T0, &syn);
  hs_test_writer_segment (w, T0 + 10000, &syn_ack);
  hs_test_writer_segment (w, T0 + 20000, &ack);
  for (guint i = 0; i < n_data; i++)
    {
      gint64 t = T0 + 100000 + (gint64)i * 100000;   /* every 100 µs */
      HsTestSegment data = { "10.0.0.1", "10.0.0.2", 40000, 80, 1001 + i * 100, 5001,
                             HS_TCP_ACK | HS_TCP_PSH, 65535, 100 };
      HsTestSegment data_ack = { "10.0.0.2", "10.0.0.1", 80, 40000, 5001, 1001 + (i + 1) * 100,
                                 HS_TCP_ACK, (guint16)(30000 + i % 1000), 0 };

      hs_test_writer_segment (w, t, &data);
      hs_test_writer_segment (w, t + 50000, &data_ack);
    }
  hs_test_writer_close (w);

  window = open_window_on (path, "graphs");
  hs_capture_get_stream_packets (hs_window_get_capture (window), 0, &n);
  g_assert_cmpuint (n, ==, 3 + 2 * n_data);
  spin_until (graph_ready, window, 60000);
  g_assert_cmpint (hs_graph_get_kind (hs_graph_view_get_graph (window->graph_view)), ==,
                   HS_GRAPH_WINDOW);

  /* 1 ms in the middle: 20 packets */
  t0 = frame_time (window, 30003);
  t1 = t0 + 1000000;
  hs_graph_view_set_time_range (window->graph_view, t0, t1);
  assert_time_range (window, t0, t1);

  /* another kind: not built on the main thread, which keeps running */
  ticks_while_building = 0;
  tick = g_idle_add_full (G_PRIORITY_DEFAULT, count_tick, window, NULL);
  hs_graph_view_set_kind (window->graph_view, HS_GRAPH_TCPTRACE);
  g_assert_null (hs_graph_view_get_graph (window->graph_view));
  g_assert_cmpuint (hs_graph_view_get_graph_directions (window->graph_view), ==, 0);
  /* the previous graph is still shown, and so is its time range */
  assert_time_range (window, t0, t1);
  /* a packet selected meanwhile is marked */
  hs_window_select_index (window, 30005);
  g_assert_cmpuint (hs_graph_view_get_selected_index (window->graph_view), ==, 30005);
  g_assert_cmpuint (hs_graph_view_get_selected_pos (window->graph_view), ==,
                    stream_pos (window, 30005));
  spin_until (graph_built, window, 60000);
  g_source_remove (tick);
  g_assert_cmpuint (ticks_while_building, >, 0);
  g_assert_cmpint (hs_graph_get_kind (hs_graph_view_get_graph (window->graph_view)), ==,
                   HS_GRAPH_TCPTRACE);
  g_assert_cmpint (hs_graph_view_get_graph_directions (window->graph_view), ==, HS_GRAPH_DIR_0);
  assert_time_range (window, t0, t1);
  g_assert_cmpuint (hs_graph_view_get_selected_pos (window->graph_view), ==,
                    stream_pos (window, 30005));

  /* a newer build replaces one still running: its graph is never shown */
  hs_graph_view_set_kind (window->graph_view, HS_GRAPH_STEVENS);
  g_assert_null (hs_graph_view_get_graph (window->graph_view));
  hs_graph_view_set_kind (window->graph_view, HS_GRAPH_WINDOW);
  spin_until (graph_built, window, 60000);
  g_assert_cmpint (hs_graph_get_kind (hs_graph_view_get_graph (window->graph_view)), ==,
                   HS_GRAPH_WINDOW);
  spin_frames (5);
  g_assert_cmpint (hs_graph_get_kind (hs_graph_view_get_graph (window->graph_view)), ==,
                   HS_GRAPH_WINDOW);
  assert_time_range (window, t0, t1);

  /* a click on a mark of the new graph selects its packet */
  spin_frames (2);
  window_mark (window, 30008, &x, &y);
  hs_graph_view_click_at (window->graph_view, x, y);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, 30008);

  /* closed while a graph is being built */
  hs_graph_view_set_kind (window->graph_view, HS_GRAPH_THROUGHPUT);
  g_assert_null (hs_graph_view_get_graph (window->graph_view));
  close_window (window);
  g_settings_reset (settings, "graph-kind");
  g_unlink (path);
}

/* The share of the pixels of row `y` of a widget's rendering, between x0
 * and x1, that differ from the pixel at its top left corner. */
static double
row_coverage (GtkWidget *widget,
              int        y,
              int        x0,
              int        x1)
{
  int w, h;
  g_autofree guchar *px = render_widget (widget, &w, &h);
  guint32 background = *(guint32 *)px;
  guint differ = 0;

  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (y, <, h);
  g_assert_cmpint (x1, <=, w);
  for (int x = x0; x < x1; x++)
    {
      if (*(guint32 *)(px + ((gsize)y * w + x) * 4) != background)
        differ++;
    }
  return (double)differ / (x1 - x0);
}

/* A connection caught in the middle: no handshake, so the window scale is
 * unknown and the graph says so above the plot. */
static void
test_graph_warning (void)
{
  g_autofree char *path = graph_tmp_path ("no-handshake.pcap");
  HsTestWriter *w = hs_test_writer_new (path, HS_TEST_PCAP_USEC, 1, FALSE);
  HsWindow *window;
  const char *warning;

  for (guint i = 0; i < 20; i++)
    {
      HsTestSegment data = { "10.0.0.1", "10.0.0.2", 40000, 80, 1000 + i * 100, 5000,
                             HS_TCP_ACK | HS_TCP_PSH, 502, 100 };
      HsTestSegment ack = { "10.0.0.2", "10.0.0.1", 80, 40000, 5000, 1100 + i * 100,
                            HS_TCP_ACK, 501, 0 };
      g_autoptr(GByteArray) f1 = hs_test_build_frame (&data);
      g_autoptr(GByteArray) f2 = hs_test_build_frame (&ack);

      hs_test_writer_packet (w, 0, T0 + i * G_GINT64_CONSTANT (20000000), f1->data, f1->len, f1->len);
      hs_test_writer_packet (w, 0, T0 + i * G_GINT64_CONSTANT (20000000) + 10000000, f2->data,
                             f2->len, f2->len);
    }
  hs_test_writer_close (w);

  window = open_graphs_on (path);
  warning = hs_graph_view_get_warning (window->graph_view);
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "handshake"));
  /* on screen, in a band above the plot, whole in its tooltip */
  spin_frames (2);
  {
    GtkWidget *canvas = hs_graph_view_get_canvas (window->graph_view);
    HsGraph *graph = hs_graph_view_get_graph (window->graph_view);
    double width, height, px, py, pw, ph, wx, wy, ww, wh;
    g_autofree char *tooltip = NULL;
    g_autofree char *legend_tooltip = NULL;

    graph_size (window, &width, &height);
    hs_graph_get_plot_area (graph, width, height, &px, &py, &pw, &ph);
    g_assert_true (hs_graph_get_warning_area (graph, width, height, &wx, &wy, &ww, &wh));
    g_assert_cmpfloat (wy + wh, <, py);
    g_assert_cmpfloat (wh, >=, 20);
    g_assert_cmpfloat (row_coverage (canvas, (int)(wy + wh / 2), (int)wx + 40, (int)(wx + ww) - 40),
                       >, 0.8);
    tooltip = hs_graph_view_dup_tooltip (window->graph_view, wx + ww / 2, wy + wh / 2);
    g_assert_cmpstr (tooltip, ==, warning);
    /* not over the legend, between the band and the plot */
    legend_tooltip = hs_graph_view_dup_tooltip (window->graph_view, wx + ww / 2,
                                                (wy + wh + py) / 2);
    g_assert_null (legend_tooltip);
  }

  /* the sample has its handshake: no warning */
  {
    g_autofree char *sample = sample_path ();
    g_autoptr(GFile) file = g_file_new_for_path (sample);

    hs_window_open_file (window, file);
    spin_until (not_loading, window, 20000);
    spin_until (graph_ready, window, 5000);
    g_assert_null (hs_graph_view_get_warning (window->graph_view));
  }
  close_window (window);
  g_unlink (path);
}

/* The graph view's minimum width before its toolbar could wrap: 510 px
 * with the window graph's controls (574 for tcptrace, 662 for throughput). */
#define GRAPH_VIEW_MIN_WIDTH 510

static gboolean
is_drop_down_with_first (GtkWidget     *widget,
                         gconstpointer  data)
{
  GListModel *model;

  if (!GTK_IS_DROP_DOWN (widget))
    return FALSE;
  model = gtk_drop_down_get_model (GTK_DROP_DOWN (widget));
  return GTK_IS_STRING_LIST (model) && g_list_model_get_n_items (model) > 0 &&
         g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), data);
}

static guint
string_list_find (GtkStringList *list,
                  const char    *text)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      if (g_strcmp0 (gtk_string_list_get_string (list, i), text) == 0)
        return i;
    }
  return G_MAXUINT;
}

/* The throughput's averaging window: by default the one that fits the
 * connection, shown in the dropdown; windows below 10 ms can be chosen,
 * and a choice is remembered. */
static void
test_graph_average (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.handshake.Handshake");
  HsWindow *window;
  HsGraph *graph;
  GtkDropDown *dropdown;
  GtkStringList *list;
  g_autofree char *automatic = NULL;
  gint64 fitted;
  guint i;

  g_settings_reset (settings, "graph-average-window");
  g_settings_set_string (settings, "graph-kind", "throughput");
  window = open_graphs ();
  graph = hs_graph_view_get_graph (window->graph_view);
  g_assert_cmpint (hs_graph_get_kind (graph), ==, HS_GRAPH_THROUGHPUT);

  /* a 50th of the sample's 3.09 s at most, not a second */
  fitted = hs_graph_get_average_window (graph);
  g_assert_cmpint (fitted, <=, G_GINT64_CONSTANT (3092490000) / 20);
  g_assert_cmpfloat (hs_graph_view_get_average_window (window->graph_view), ==, 0);
  g_assert_cmpfloat (g_settings_get_double (settings, "graph-average-window"), ==, 0);

  /* "Auto (100 ms)" first, chosen */
  dropdown = GTK_DROP_DOWN (find_widget (GTK_WIDGET (window->graph_view), is_drop_down_with_first,
                                         "Auto"));
  g_assert_nonnull (dropdown);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (dropdown)));
  list = GTK_STRING_LIST (gtk_drop_down_get_model (dropdown));
  if (fitted < 1000000)
    automatic = g_strdup_printf ("Auto (%.0f µs)", fitted / 1e3);
  else if (fitted < 1000000000)
    automatic = g_strdup_printf ("Auto (%.0f ms)", fitted / 1e6);
  else
    automatic = g_strdup_printf ("Auto (%.0f s)", fitted / 1e9);
  g_assert_cmpstr (gtk_string_list_get_string (list, 0), ==, automatic);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);

  /* the shortest windows are there */
  g_assert_cmpuint (string_list_find (list, "100 µs"), !=, G_MAXUINT);
  g_assert_cmpuint (string_list_find (list, "1 ms"), !=, G_MAXUINT);
  i = string_list_find (list, "500 µs");
  g_assert_cmpuint (i, !=, G_MAXUINT);
  gtk_drop_down_set_selected (dropdown, i);
  g_assert_cmpfloat_with_epsilon (hs_graph_view_get_average_window (window->graph_view), 0.0005,
                                  1e-12);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "graph-average-window"), 0.0005,
                                  1e-12);
  g_assert_cmpint (hs_graph_get_average_window (hs_graph_view_get_graph (window->graph_view)), ==,
                   500000);

  /* a window set in the settings that is none of the choices is shown */
  g_settings_set_double (settings, "graph-average-window", 0.0033);
  i = string_list_find (list, "3.3 ms");
  g_assert_cmpuint (i, !=, G_MAXUINT);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, i);
  g_assert_cmpint (hs_graph_get_average_window (hs_graph_view_get_graph (window->graph_view)), ==,
                   3300000);

  /* and back to the one that fits */
  g_settings_reset (settings, "graph-average-window");
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  g_assert_cmpuint (string_list_find (list, "3.3 ms"), ==, G_MAXUINT);
  g_assert_cmpint (hs_graph_get_average_window (hs_graph_view_get_graph (window->graph_view)), ==,
                   fitted);

  g_settings_reset (settings, "graph-kind");
  close_window (window);
}

/* The bounds of a widget in the graph view's coordinates. */
static graphene_rect_t
bounds_in (GtkWidget *widget,
           GtkWidget *ancestor)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, ancestor, &bounds));
  return bounds;
}

static gboolean
rects_overlap (const graphene_rect_t *a,
               const graphene_rect_t *b)
{
  graphene_rect_t both;

  return graphene_rect_intersection (a, b, &both) && both.size.width > 0.5 &&
         both.size.height > 0.5;
}

/* Every label shown in `widget` has room for its whole text (none
 * ellipsized, a wrapping one as high as its lines), inside `view`. */
static void
check_labels_fit (GtkWidget *view,
                  GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    {
      GtkLabel *label = GTK_LABEL (widget);
      graphene_rect_t bounds = bounds_in (widget, view);
      int width = gtk_widget_get_width (widget);
      int height = gtk_widget_get_height (widget);
      int min, nat;

      g_test_message ("label “%s”: %d x %d at %.0f, %.0f", gtk_label_get_text (label), width,
                      height, bounds.origin.x, bounds.origin.y);
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
      if (gtk_label_get_wrap (label))
        {
          gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, &min, &nat, NULL, NULL);
          g_assert_cmpint (min, <=, height);
        }
      else
        {
          gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
          g_assert_cmpint (nat, <=, width);
        }
      g_assert_cmpfloat (bounds.origin.x, >=, -0.5);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=,
                         gtk_widget_get_width (view) + 0.5);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_labels_fit (view, child);
}

/* The ladder's toolbar wraps onto a second row in a narrow window
 * rather than cut its buttons' labels short. */
static void
test_ladder_toolbar_fits (void)
{
  static const int widths[] = { 1280, 683 };

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      HsWindow *window = open_ladder ();
      WindowWidth w = { window, widths[i] };

      gtk_window_set_default_size (GTK_WINDOW (window), widths[i], 800);
      spin_until (window_width_settled, &w, 5000);
      if (adw_flap_get_folded (window->sidebar_flap))
        adw_flap_set_reveal_flap (window->sidebar_flap, FALSE);
      spin_frames (2);
      g_test_message ("window %d px", gtk_widget_get_width (GTK_WIDGET (window)));
      check_labels_fit (GTK_WIDGET (window->ladder_view), GTK_WIDGET (window->ladder_view));
      close_window (window);
    }
}

static gboolean
is_label_starting (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), data);
}

/* Every text of the graph view fits and none covers another: the labels of
 * the toolbar (which wraps when narrow) and of the line under the graph,
 * the readout beside the hint, with the pointer on the graph. */
static void
check_graph_texts (HsWindow *window)
{
  GtkWidget *view = GTK_WIDGET (window->graph_view);
  GtkWidget *canvas = hs_graph_view_get_canvas (window->graph_view);
  GtkWidget *toolbar = gtk_widget_get_parent (find_widget (view, is_drop_down_with_first, ""));
  GtkWidget *hint = find_widget (view, is_label_starting, "Click a mark");
  GtkWidget *readout;
  graphene_rect_t canvas_bounds = bounds_in (canvas, view);
  graphene_rect_t toolbar_bounds = bounds_in (toolbar, view);
  double x, y;

  graph_plot_center (window, &x, &y);
  hs_graph_view_pointer_at (window->graph_view, x, y);
  spin_frames (3);
  g_assert_nonnull (hs_graph_view_get_readout (window->graph_view));
  readout = find_widget (view, shows_text, hs_graph_view_get_readout (window->graph_view));
  g_assert_nonnull (readout);
  g_assert_nonnull (hint);

  check_labels_fit (view, view);

  /* the toolbar's controls side by side or in rows, none over another */
  for (GtkWidget *a = gtk_widget_get_first_child (toolbar); a != NULL;
       a = gtk_widget_get_next_sibling (a))
    {
      graphene_rect_t ra;

      if (!gtk_widget_get_mapped (a))
        continue;
      ra = bounds_in (a, view);
      g_assert_true (graphene_rect_contains_rect (&toolbar_bounds, &ra));
      for (GtkWidget *b = gtk_widget_get_next_sibling (a); b != NULL;
           b = gtk_widget_get_next_sibling (b))
        {
          graphene_rect_t rb;

          if (!gtk_widget_get_mapped (b))
            continue;
          rb = bounds_in (b, view);
          g_assert_false (rects_overlap (&ra, &rb));
        }
    }
  g_assert_false (rects_overlap (&toolbar_bounds, &canvas_bounds));

  /* the readout in its own place, beside the hint, under the graph */
  {
    graphene_rect_t rr = bounds_in (readout, view);
    graphene_rect_t rh = bounds_in (hint, view);

    g_assert_false (rects_overlap (&rr, &rh));
    g_assert_false (rects_overlap (&rr, &canvas_bounds));
    g_assert_false (rects_overlap (&rh, &canvas_bounds));
  }
}

/* A window `width` wide (the sidebar shown or folded) on the graphs of
 * the sample. */
static HsWindow *
open_graphs_sized (int      width,
                   gboolean sidebar)
{
  g_autofree char *path = sample_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  HsWindow *window = hs_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), width, 800);
  g_action_group_change_action_state (G_ACTION_GROUP (window), "show-sidebar",
                                      g_variant_new_boolean (sidebar));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "graphs"));
  hs_window_open_file (window, file);
  spin_until (not_loading, window, 20000);
  spin_until (graph_ready, window, 5000);
  /* a narrow window folds the sidebar over the views: away with it */
  if (!sidebar)
    adw_flap_set_reveal_flap (window->sidebar_flap, FALSE);
  spin_frames (2);
  return window;
}

/* Nothing of the graph view is cut short or covered, at the default
 * 1280 x 800 and at half a 1366-pixel screen with the sidebar folded, for
 * every graph, zoomed out and far in. */
static void
test_graph_texts (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.handshake.Handshake");
  static const struct { int width; gboolean sidebar; } sizes[] = { { 1280, TRUE }, { 683, FALSE } };

  g_settings_reset (settings, "graph-kind");
  g_settings_reset (settings, "graph-direction");
  g_settings_reset (settings, "graph-average-window");

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      HsWindow *window = open_graphs_sized (sizes[s].width, sizes[s].sidebar);
      int min_width, nat_width;

      g_test_message ("window %d px wide, graph view %d px", gtk_widget_get_width (GTK_WIDGET (window)),
                      gtk_widget_get_width (GTK_WIDGET (window->graph_view)));
      g_assert_cmpint (adw_flap_get_folded (window->sidebar_flap), !=, sizes[s].sidebar);
      g_assert_cmpint (adw_flap_get_reveal_flap (window->sidebar_flap), ==, sizes[s].sidebar);

      for (guint k = 0; k < HS_GRAPH_N_KINDS; k++)
        for (guint d = 0; d < 3; d++)
          {
            g_test_message ("kind %s, direction %u", hs_graph_kind_to_name (k), d);
            hs_graph_view_set_kind (window->graph_view, k);
            hs_graph_view_set_direction (window->graph_view, d);
            gtk_widget_activate_action (GTK_WIDGET (window->graph_view), "graph.zoom-reset", NULL);
            spin_frames (2);
            check_graph_texts (window);

            /* far in: the readout at its longest */
            for (guint i = 0; i < 12; i++)
              gtk_widget_activate_action (GTK_WIDGET (window->graph_view), "graph.zoom-in", NULL);
            spin_frames (2);
            check_graph_texts (window);
          }

      /* the graph view asks for no more width than it did */
      gtk_widget_measure (GTK_WIDGET (window->graph_view), GTK_ORIENTATION_HORIZONTAL, -1,
                          &min_width, &nat_width, NULL, NULL);
      g_test_message ("graph view: minimum width %d", min_width);
      g_assert_cmpint (min_width, <=, GRAPH_VIEW_MIN_WIDTH);

      hs_graph_view_set_kind (window->graph_view, HS_GRAPH_WINDOW);
      hs_graph_view_set_direction (window->graph_view, HS_GRAPH_VIEW_BOTH);
      close_window (window);
    }
  g_settings_reset (settings, "graph-kind");
  g_settings_reset (settings, "graph-direction");
}

/* Tooltips of popups ----------------------------------------------------------- */

static GtkWidget *
popup_of (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget))
    return GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_POPOVER (child))
        return child;
    }
  return NULL;
}

/* The mapped dropdowns and menu buttons under `widget` that have a tooltip */
static void
collect_popup_buttons (GtkWidget *widget,
                       GPtrArray *found)
{
  if ((GTK_IS_DROP_DOWN (widget) || GTK_IS_MENU_BUTTON (widget)) &&
      gtk_widget_get_mapped (widget) && gtk_widget_get_tooltip_text (widget) != NULL)
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_popup_buttons (child, found);
}

static gboolean
popup_closed (gpointer data)
{
  return !gtk_widget_get_visible (popup_of (data));
}

/* A dropdown's (or a menu button's) tooltip stayed over its open list and
 * hid the first items: while the popover is open, there is none. */
static void
test_popup_tooltips (void)
{
  g_autofree char *path = sample_path ();
  HsWindow *window = open_window_on (path, "ladder");
  const char *views[] = { "ladder", "packets", "graphs" };
  g_autoptr(GHashTable) tested = g_hash_table_new (NULL, NULL);
  guint n_dropdowns = 0;

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", views[v]));
      spin_frames (2);
      collect_popup_buttons (GTK_WIDGET (window), buttons);
      for (guint i = 0; i < buttons->len; i++)
        {
          GtkWidget *button = g_ptr_array_index (buttons, i);
          GtkWidget *popup = popup_of (button);
          g_autofree char *tooltip = g_strdup (gtk_widget_get_tooltip_text (button));

          if (!g_hash_table_add (tested, button))
            continue;
          g_assert_nonnull (popup);
          n_dropdowns += GTK_IS_DROP_DOWN (button);
          g_assert_true (gtk_widget_get_has_tooltip (button));
          gtk_popover_popup (GTK_POPOVER (popup));
          g_assert_true (gtk_widget_get_visible (popup));
          /* GTK asks no widget without has-tooltip for a tooltip */
          g_assert_false (gtk_widget_get_has_tooltip (button));
          gtk_popover_popdown (GTK_POPOVER (popup));
          spin_until (popup_closed, button, 5000);
          g_assert_true (gtk_widget_get_has_tooltip (button));
          g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, tooltip);
        }
    }
  /* the sidebar's sort, the packet list's kind, the graph's kind; the
   * packet list's legend and the main menu */
  g_assert_true (g_hash_table_contains (tested, window->sort_dropdown));
  g_assert_cmpuint (n_dropdowns, >=, 3);
  g_assert_cmpuint (g_hash_table_size (tested), >=, 5);

  close_window (window);
}

/* Keyboard ------------------------------------------------------------------ */

static guint
stream_packet (HsWindow *window,
               guint     stream,
               int       pos)
{
  guint n = 0;
  const guint32 *packets = hs_capture_get_stream_packets (hs_window_get_capture (window), stream, &n);

  return packets[pos >= 0 ? (guint)pos : n + pos];
}

/* The first anomaly of stream 0 after packet `index` */
static guint
next_anomaly (HsWindow *window,
              guint     index)
{
  HsCapture *capture = hs_window_get_capture (window);
  guint n = 0;
  const guint32 *packets = hs_capture_get_stream_packets (capture, 0, &n);

  for (guint i = 0; i < n; i++)
    {
      if (packets[i] > index && hs_packet_record_is_anomaly (hs_capture_get_record (capture, packets[i])))
        return packets[i];
    }
  g_assert_not_reached ();
}

static gboolean
focus_in (HsWindow  *window,
          GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static gboolean
ladder_has_focus (gpointer data)
{
  HsWindow *window = data;

  return focus_in (window, hs_ladder_view_get_canvas (window->ladder_view));
}

static gboolean
graph_has_focus (gpointer data)
{
  HsWindow *window = data;

  return graph_ready (window) && focus_in (window, hs_graph_view_get_canvas (window->graph_view));
}

/* The focus is on the row of the selected packet */
static gboolean
selected_row_has_focus (gpointer data)
{
  HsWindow *window = data;
  GtkColumnView *view = GTK_COLUMN_VIEW (gtk_widget_get_parent (packet_rows (window)));
  guint position = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (gtk_column_view_get_model (view)));
  GtkWidget *row = hs_packet_list_get_row_widget (window->packet_list, position);

  return row != NULL && focus_in (window, row);
}

static gboolean
is_row_of_stream (GtkWidget     *widget,
                  gconstpointer  data)
{
  g_autofree char *title = NULL;

  if (!HS_IS_CONNECTION_ROW (widget))
    return FALSE;
  title = hs_connection_row_dup_tooltip (HS_CONNECTION_ROW (widget), -1, -1);
  return g_strcmp0 (title, data) == 0;
}

/* Clicks the sidebar row of `stream` */
static void
click_connection (HsWindow *window,
                  guint     stream)
{
  g_autoptr(HsConnectionItem) item = g_list_model_get_item (window->connections, stream);
  g_autofree char *title = hs_connection_item_dup_title (item);
  GtkWidget *row = find_widget (GTK_WIDGET (window->connection_list), is_row_of_stream, title);

  g_assert_nonnull (row);
  click_widget (window, row);
}

static gboolean
stream_is_one (gpointer data)
{
  return hs_window_get_stream (data) == 1;
}

static gboolean
stream_is_zero (gpointer data)
{
  return hs_window_get_stream (data) == 0;
}

/* n and p, + and -, 0, Home and End act on the view shown from the moment
 * a capture is open, after Alt+1/2/3 and after a connection is chosen in
 * the sidebar, without a click on the view first; text typed in the
 * search entry stays there. */
static void
test_keyboard_views (void)
{
  g_autofree char *path = tmp_path ("keyboard.pcap");
  HsLadderView *ladder;
  HsWindow *window;
  gint64 t0, t1, z0, z1;
  guint selected;

  write_long_connection (path, LONG_CONNECTION (200));
  window = open_window_on (path, "ladder");
  ladder = window->ladder_view;
  spin_until (canvas_ready, window, 5000);
  g_assert_cmpuint (hs_window_get_stream (window), ==, 0);

  /* the ladder, as opened */
  g_assert_true (ladder_has_focus (window));
  press_key (window, 0, XK_End);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, stream_packet (window, 0, -1));
  press_key (window, 0, XK_Home);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, stream_packet (window, 0, 0));
  press_key (window, 0, XK_n);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, next_anomaly (window, 0));
  press_key (window, 0, XK_n);
  selected = hs_window_get_selected_index (window);
  g_assert_cmpuint (selected, ==, next_anomaly (window, next_anomaly (window, 0)));
  press_key (window, 0, XK_p);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, next_anomaly (window, 0));
  press_key (window, 0, XK_KP_Add);
  g_assert_cmpfloat_with_epsilon (hs_ladder_view_get_zoom (ladder), 1.25, 1e-9);
  press_key (window, 0, XK_minus);
  press_key (window, 0, XK_minus);
  g_assert_cmpfloat_with_epsilon (hs_ladder_view_get_zoom (ladder), 0.8, 1e-9);
  press_key (window, 0, XK_0);
  g_assert_cmpfloat_with_epsilon (hs_ladder_view_get_zoom (ladder), 1.0, 1e-9);

  /* Alt+2: the packet list, its selected row focused */
  press_key (window, XK_Alt_L, XK_2);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "packets");
  spin_until (selected_row_has_focus, window, 5000);
  press_key (window, 0, XK_n);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==,
                    next_anomaly (window, next_anomaly (window, 0)));
  press_key (window, 0, XK_End);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, stream_packet (window, 0, -1));
  spin_until (selected_row_has_focus, window, 5000);
  /* the list's own keys go on from the row selected */
  press_key (window, 0, XK_Up);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, stream_packet (window, 0, -2));
  press_key (window, 0, XK_Home);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, stream_packet (window, 0, 0));
  press_key (window, 0, XK_n);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, next_anomaly (window, 0));

  /* Alt+3: the graph */
  press_key (window, XK_Alt_L, XK_3);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "graphs");
  spin_until (graph_has_focus, window, 5000);
  g_assert_true (hs_graph_view_get_time_range (window->graph_view, &t0, &t1));
  press_key (window, 0, XK_KP_Add);
  g_assert_true (hs_graph_view_get_time_range (window->graph_view, &z0, &z1));
  g_assert_cmpint (z1 - z0, <, (t1 - t0) * 9 / 10);
  press_key (window, 0, XK_0);
  g_assert_true (hs_graph_view_get_time_range (window->graph_view, &z0, &z1));
  g_assert_cmpint (z1 - z0, ==, t1 - t0);
  press_key (window, 0, XK_n);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==,
                    next_anomaly (window, next_anomaly (window, 0)));

  /* a connection clicked in the sidebar: the keys are the view's again */
  click_connection (window, 1);
  spin_until (stream_is_one, window, 5000);
  spin_until (graph_has_focus, window, 5000);
  press_key (window, XK_Alt_L, XK_1);
  spin_until (ladder_has_focus, window, 5000);
  click_connection (window, 0);
  spin_until (stream_is_zero, window, 5000);
  spin_until (ladder_has_focus, window, 5000);
  press_key (window, 0, XK_End);
  g_assert_cmpuint (hs_window_get_stream (window), ==, 0);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, stream_packet (window, 0, -1));

  /* what is typed in the search entry is the entry's */
  selected = hs_window_get_selected_index (window);
  gtk_widget_grab_focus (GTK_WIDGET (window->connection_search));
  press_key (window, 0, XK_Home);
  press_key (window, 0, XK_n);
  press_key (window, 0, XK_p);
  press_key (window, 0, XK_0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (window->connection_search)), ==, "np0");
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, selected);
  g_assert_cmpfloat_with_epsilon (hs_ladder_view_get_zoom (ladder), 1.0, 1e-9);
  gtk_editable_set_text (GTK_EDITABLE (window->connection_search), "");

  close_window (window);
  g_unlink (path);
}

/* A window that fits -------------------------------------------------------- */

/* Connections whose states have the longest descriptions, between the
 * longest IPv4 addresses, and the long connection's big numbers. */
static void
write_long_texts (const char *path)
{
  g_autoptr(GArray) packets = g_array_new (FALSE, TRUE, sizeof (HsTestPacket));
  const char *a = "192.168.200.201", *b = "192.168.201.202";
  gint64 ms = 0;

#define ADD(src_, dst_, sp_, dp_, seq_, ack_, flags_, len_)                          \
  G_STMT_START {                                                                       \
    HsTestPacket p_ = { ms++, { src_, dst_, sp_, dp_, seq_, ack_, flags_, 65535, len_, \
                                NULL, NULL, 0 } };                                      \
    g_array_append_val (packets, p_);                                                  \
  } G_STMT_END

  /* closed by the client, no FIN from the server */
  ADD (a, b, 65001, 44300, 1000, 0, HS_TCP_SYN, 0);
  ADD (b, a, 44300, 65001, 5000, 1001, HS_TCP_SYN | HS_TCP_ACK, 0);
  ADD (a, b, 65001, 44300, 1001, 5001, HS_TCP_ACK, 0);
  for (guint i = 0; i < 40; i++)
    {
      ADD (b, a, 44300, 65001, 5001 + i * 1400, 1001, HS_TCP_ACK | HS_TCP_PSH, 1400);
      ADD (a, b, 65001, 44300, 1001, 5001 + (i + 1) * 1400, HS_TCP_ACK, 0);
    }
  ADD (a, b, 65001, 44300, 1001, 5001 + 40 * 1400, HS_TCP_ACK | HS_TCP_FIN, 0);
  ADD (b, a, 44300, 65001, 5001 + 40 * 1400, 1002, HS_TCP_ACK, 0);
  /* refused */
  ADD (a, b, 65002, 44301, 2000, 0, HS_TCP_SYN, 0);
  ADD (b, a, 44301, 65002, 0, 2001, HS_TCP_RST | HS_TCP_ACK, 0);
  /* the server's SYN/ACK and a reset, the SYN not captured */
  ADD (b, a, 44302, 65003, 7000, 3001, HS_TCP_SYN | HS_TCP_ACK, 0);
  ADD (b, a, 44302, 65003, 7001, 0, HS_TCP_RST, 0);
#undef ADD

  hs_test_write_packets (path, T0, (const HsTestPacket *) (gpointer) packets->data, packets->len);
}

static HsWindow *
open_window_sized (const char *path,
                   int         width,
                   int         height)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  HsWindow *window = hs_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  hs_window_open_file (window, file);
  spin_until (not_loading, window, 20000);
  return window;
}

/* Mapped widgets given less than their minimum size, which cuts them off,
 * as "GtkType 120x30 < 140x30" lines */
static void
collect_cut_off (GtkWidget *widget,
                 GString   *out)
{
  GtkAllocation alloc;
  int width, height, min_width, min_height;

  if (!gtk_widget_get_mapped (widget))
    return;

  gtk_widget_get_allocation (widget, &alloc);
  width = alloc.width + gtk_widget_get_margin_start (widget) + gtk_widget_get_margin_end (widget);
  height = alloc.height + gtk_widget_get_margin_top (widget) + gtk_widget_get_margin_bottom (widget);
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, &min_height, NULL, NULL, NULL);
  /* a scrollable (in a scrolled window) shows a part of itself */
  if (!GTK_IS_SCROLLABLE (widget) && (width < min_width || height < min_height))
    g_string_append_printf (out, "%s %dx%d < %dx%d\n", G_OBJECT_TYPE_NAME (widget),
                            width, height, min_width, min_height);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_cut_off (child, out);
}

static void
assert_nothing_cut_off (HsWindow   *window,
                        const char *where)
{
  g_autoptr(GString) cut = g_string_new (NULL);

  collect_cut_off (GTK_WIDGET (window), cut);
  if (cut->len > 0)
    g_error ("%s: cut off:\n%s", where, cut->str);
}

/* Whether a label's or an inscription's text is shown whole: not
 * ellipsized, as wide as its allocation at most.  `tnum`: its digits are
 * tabular (the packet list's, from style.css). */
static gboolean
text_shown_whole (GtkWidget *widget,
                  gboolean   tnum)
{
  g_autoptr(PangoLayout) layout = NULL;
  const char *text;
  int width, height;

  if (GTK_IS_LABEL (widget))
    {
      PangoLayout *own = gtk_label_get_layout (GTK_LABEL (widget));

      if (pango_layout_is_ellipsized (own))
        return FALSE;
      pango_layout_get_pixel_size (own, &width, &height);
      return width <= gtk_widget_get_width (widget) && height <= gtk_widget_get_height (widget);
    }

  text = gtk_inscription_get_text (GTK_INSCRIPTION (widget));
  layout = gtk_widget_create_pango_layout (widget, text);
  if (tnum)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  pango_layout_get_pixel_size (layout, &width, &height);
  return width <= gtk_widget_get_width (widget);
}

/* Every cell of the packet list's bound rows but Info (which takes the
 * room left and has its text in a tooltip) shows its text whole; `quiet`:
 * says whether instead of failing. */
static gboolean
check_cells_whole (HsWindow *window,
                   gboolean  quiet)
{
  GtkWidget *rows = packet_rows (window);
  guint n_cells = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (rows); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      guint column = 0;

      if (!gtk_widget_get_mapped (row))
        continue;
      for (GtkWidget *cell = gtk_widget_get_first_child (row); cell != NULL;
           cell = gtk_widget_get_next_sibling (cell), column++)
        {
          GtkWidget *child = gtk_widget_get_first_child (cell);

          if (column == HS_PACKET_LIST_COLUMN_INFO || child == NULL || !GTK_IS_INSCRIPTION (child) ||
              gtk_inscription_get_text (GTK_INSCRIPTION (child)) == NULL)
            continue;
          if (!text_shown_whole (child, TRUE))
            {
              if (quiet)
                return FALSE;
              g_error ("column %u cuts “%s” short (%d pixels)", column,
                       gtk_inscription_get_text (GTK_INSCRIPTION (child)), gtk_widget_get_width (child));
            }
          n_cells++;
        }
    }
  g_assert_cmpuint (n_cells, >, 100);
  return TRUE;
}

static void
assert_cells_whole (HsWindow *window)
{
  check_cells_whole (window, FALSE);
}

static gboolean
cells_whole (gpointer data)
{
  return check_cells_whole (data, TRUE);
}

/* Every label and inscription of the sidebar's rows shows its text whole */
static void
collect_row_texts (GtkWidget *widget,
                   GPtrArray *texts)
{
  if ((GTK_IS_LABEL (widget) || GTK_IS_INSCRIPTION (widget)) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (texts, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_row_texts (child, texts);
}

static void
assert_sidebar_texts_whole (HsWindow *window)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  collect_row_texts (GTK_WIDGET (window->connection_list), texts);
  g_assert_cmpuint (texts->len, >, 6);
  for (guint i = 0; i < texts->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (texts, i);

      if (!text_shown_whole (label, FALSE))
        g_error ("the sidebar cuts “%s” short",
                 GTK_IS_LABEL (label) ? gtk_label_get_text (GTK_LABEL (label))
                                      : gtk_inscription_get_text (GTK_INSCRIPTION (label)));
    }
}

static gboolean
is_fields_view (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LIST_VIEW (widget);
}

static gboolean
is_text_view (GtkWidget     *widget,
              gconstpointer  data)
{
  return GTK_IS_TEXT_VIEW (widget);
}

/* The hex dump's lines fit the details pane at the default size (16 bytes
 * a line) and at half a 1366-pixel screen (8 bytes a line), with nothing
 * to scroll sideways to; its highlight follows the lines. */
static void
test_details_hex_fits (void)
{
  static const struct { int width; guint per_line; } sizes[] = { { 1280, 16 }, { 683, 8 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      HsWindow *window = open_window (NULL);
      g_autofree char *path = sample_path ();
      g_autoptr(GFile) file = g_file_new_for_path (path);
      GtkWidget *hex;
      GtkAdjustment *hadjustment;
      g_autofree char *text = NULL;
      g_auto(GStrv) lines = NULL;

      gtk_window_set_default_size (GTK_WINDOW (window), sizes[i].width, 800);
      hs_window_open_file (window, file);
      spin_until (not_loading, window, 20000);
      if (adw_flap_get_folded (window->sidebar_flap))
        adw_flap_set_reveal_flap (window->sidebar_flap, FALSE);
      hs_window_select_index (window, 11);
      spin_frames (4);

      hex = find_widget (GTK_WIDGET (window->details_view), is_text_view, NULL);
      g_assert_nonnull (hex);
      hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (hex));
      g_test_message ("window %d px: hex dump %d px, its text %.0f px",
                      gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_width (hex),
                      gtk_adjustment_get_upper (hadjustment));
      text = hs_details_view_dup_hex_text (window->details_view);
      lines = g_strsplit (text, "\n", -1);
      /* frame 12: 1514 bytes */
      g_assert_cmpuint (g_strv_length (lines), ==, (1514 + sizes[i].per_line - 1) / sizes[i].per_line);
      g_assert_cmpuint (strlen (lines[0]), ==, hs_hex_dump_line_width (1514, sizes[i].per_line));
      g_assert_cmpfloat (gtk_adjustment_get_upper (hadjustment), <=,
                         gtk_adjustment_get_page_size (hadjustment) + 0.5);
      close_window (window);
    }
}

/* The rows of the header tree wholly in view */
static guint
tree_rows_shown (HsWindow *window)
{
  GtkWidget *fields = find_widget (GTK_WIDGET (window->details_view), is_fields_view, NULL);
  int height = gtk_widget_get_height (fields);
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (fields); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      graphene_rect_t b;

      if (gtk_widget_get_mapped (row) && gtk_widget_compute_bounds (row, fields, &b) &&
          b.origin.y >= 0 && b.origin.y + b.size.height <= height)
        n++;
    }
  return n;
}

/* The window on screen (its surface, with the frame) is 683x768 */
static gboolean
window_is_683 (gpointer data)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (data));

  return gdk_surface_get_width (surface) == 683 && gdk_surface_get_height (surface) == 768 &&
         gtk_widget_get_width (data) > 0;
}

static gboolean
flap_shown (gpointer data)
{
  HsWindow *window = data;

  return gtk_widget_get_mapped (window->sidebar) && gtk_widget_get_width (window->sidebar) > 0;
}

static gboolean
flap_hidden (gpointer data)
{
  HsWindow *window = data;

  return !adw_flap_get_reveal_flap (window->sidebar_flap) && !gtk_widget_get_mapped (window->sidebar);
}

static void
check_views (HsWindow   *window,
             const char *size)
{
  const char *views[] = { "ladder", "packets", "graphs" };

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      g_autofree char *where = g_strdup_printf ("%s, %s", size, views[v]);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", views[v]));
      spin_frames (3);
      assert_nothing_cut_off (window, where);
      if (g_str_equal (views[v], "packets"))
        assert_cells_whole (window);
    }
}

/* At the default 1280x800 and tiled on half of a 1366-pixel screen
 * (683x768), nothing is cut off, the numbers and the sidebar's texts are
 * whole, the header tree shows a useful number of rows; a narrow window
 * folds the sidebar over the views. */
static void
test_window_fits (void)
{
  g_autofree char *long_path = tmp_path ("fits-long.pcap");
  g_autofree char *texts_path = tmp_path ("fits-texts.pcap");
  HsWindow *window;
  int min_width;

  write_long_connection (long_path, LONG_CONNECTION (400));
  write_long_texts (texts_path);

  /* the default size */
  window = open_window_sized (long_path, 1280, 800);
  spin_until (rows_bound, window, 5000);
  g_assert_false (adw_flap_get_folded (window->sidebar_flap));
  g_assert_true (adw_flap_get_reveal_flap (window->sidebar_flap));
  check_views (window, "1280x800");
  /* the eight-digit numbers after the jump */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "packets"));
  hs_window_select_index (window, hs_capture_get_n_packets (hs_window_get_capture (window)) - 10);
  spin_frames (3);
  assert_cells_whole (window);
  g_object_set (window->packet_list, "show-all", TRUE, NULL);
  spin_frames (3);
  assert_cells_whole (window);
  g_object_set (window->packet_list, "show-all", FALSE, NULL);
  /* a packet's header tree: more than a few rows */
  hs_window_select_index (window, 3);
  spin_frames (3);
  g_assert_cmpuint (tree_rows_shown (window), >=, 8);
  {
    g_autoptr(GFile) file = g_file_new_for_path (texts_path);

    hs_window_open_file (window, file);
    spin_until (not_loading, window, 20000);
    spin_until (sidebar_row_drawn, window, 5000);
    spin_frames (2);
    assert_sidebar_texts_whole (window);
    check_views (window, "1280x800, long texts");
  }

  /* the minimum width fits half of a 1366-pixel screen */
  gtk_widget_measure (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)),
                      GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 683);
  close_window (window);

  /* tiled on half of a 1366-pixel screen */
  window = open_window_sized (long_path, 683, 768);
  spin_until (window_is_683, window, 5000);
  spin_frames (3);
  /* the sidebar folds over the views, shown when asked for */
  g_assert_true (adw_flap_get_folded (window->sidebar_flap));
  g_assert_false (adw_flap_get_reveal_flap (window->sidebar_flap));
  /* the view switcher is in the header bar, or in the bottom bar */
  g_assert_true (!adw_view_switcher_title_get_title_visible (window->window_title) ||
                 adw_view_switcher_bar_get_reveal (window->switcher_bar));
  check_views (window, "683x768");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sidebar", NULL));
  spin_until (flap_shown, window, 5000);
  spin_frames (10);
  assert_nothing_cut_off (window, "683x768, sidebar shown");
  /* a connection chosen: the sidebar folds away, the view has the keys */
  click_connection (window, 1);
  spin_until (stream_is_one, window, 5000);
  spin_until (flap_hidden, window, 5000);
  g_assert_true (focus_in (window, hs_graph_view_get_canvas (window->graph_view)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sidebar", NULL));
  spin_until (flap_shown, window, 5000);
  {
    g_autoptr(GFile) file = g_file_new_for_path (texts_path);

    hs_window_open_file (window, file);
    spin_until (not_loading, window, 20000);
    g_assert_true (adw_flap_get_reveal_flap (window->sidebar_flap));
    spin_until (flap_shown, window, 5000);
    spin_until (sidebar_row_drawn, window, 5000);
    spin_frames (10);
    assert_sidebar_texts_whole (window);
    assert_nothing_cut_off (window, "683x768, long texts");
  }
  close_window (window);

  g_unlink (long_path);
  g_unlink (texts_path);
}

/* A big capture's widest values are found in a thread: the columns fit
 * them once it is done, the 12,000-byte segment a third of the way too,
 * in the connection's view and in all packets. */
static void
test_columns_fit_big (void)
{
  g_autofree char *path = tmp_path ("fits-big.pcap");
  HsWindow *window;
  guint position;

  write_long_connection (path, LONG_CONNECTION (60000));
  window = open_window_sized (path, 1280, 800);
  g_assert_cmpuint (hs_capture_get_n_packets (hs_window_get_capture (window)), >, 100000);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "packets"));
  spin_until (rows_bound, window, 5000);

  /* the big segment's row */
  g_assert_true (hs_index_model_find (HS_INDEX_MODEL (hs_packet_list_get_model (window->packet_list)),
                                      3 + 2 * (60000 / 3) + 60000 / 3 / 40 + 1, &position));
  hs_packet_list_scroll_to (window->packet_list, position);
  spin_until (cells_whole, window, 10000);
  {
    g_autofree char *len = hs_packet_list_dup_cell_text (window->packet_list, position,
                                                         HS_PACKET_LIST_COLUMN_LEN);

    g_assert_cmpstr (len, ==, "12000");
  }
  g_object_set (window->packet_list, "show-all", TRUE, NULL);
  hs_packet_list_scroll_to (window->packet_list, position);
  spin_frames (3);
  spin_until (cells_whole, window, 10000);

  close_window (window);
  g_unlink (path);
}

/* The sidebar is resized by dragging its edge, as the paned it was in was;
 * the width is remembered, and never under the sidebar's minimum. */
static void
test_sidebar_resize (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.handshake.Handshake");
  g_autofree char *path = sample_path ();
  HsWindow *window = open_window_sized (path, 1280, 800);
  int width;

  spin_until (sidebar_row_drawn, window, 5000);
  width = gtk_widget_get_width (window->sidebar);
  g_assert_cmpint (width, ==, g_settings_get_int (settings, "sidebar-width"));

  drag_widget (window, window->sidebar_handle, 80);
  spin_frames (2);
  g_assert_cmpint (abs (gtk_widget_get_width (window->sidebar) - (width + 80)), <=, 2);
  g_assert_cmpint (g_settings_get_int (settings, "sidebar-width"), ==,
                   gtk_widget_get_width (window->sidebar));
  g_assert_false (adw_flap_get_folded (window->sidebar_flap));

  drag_widget (window, window->sidebar_handle, -400);
  spin_frames (2);
  g_assert_cmpint (gtk_widget_get_width (window->sidebar), ==, 260);
  g_assert_cmpint (g_settings_get_int (settings, "sidebar-width"), ==, 260);

  g_settings_reset (settings, "sidebar-width");
  close_window (window);
}

/* Live capture ------------------------------------------------------------------ */

static gboolean
has_action_name (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

static gboolean
is_label_showing (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

static HsWindow *
open_capture_page (void)
{
  HsWindow *window = open_window_on (NULL, "packets");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.capture", NULL));
  g_assert_cmpstr (visible_page (window), ==, "live");
  spin_frames (2);
  return window;
}

static void
test_capture_page (void)
{
  HsWindow *window = open_capture_page ();
  HsCapturePage *page = window->capture_page;
  g_auto(GStrv) interfaces = hs_capture_page_dup_interfaces (page);
  GtkWidget *start = find_widget (GTK_WIDGET (page), has_action_name, "capture-page.start");
  const char *message;

  /* libpcap lists the loopback interface without any privilege */
  g_assert_true (g_strv_contains ((const char * const *)interfaces, "lo"));
  g_assert_true (hs_capture_page_select_interface (page, "lo"));
  g_assert_cmpstr (hs_capture_page_get_interface (page), ==, "lo");
  g_assert_nonnull (start);

  /* a filter that does not compile: pcap's message under the entry, no Start */
  hs_capture_page_set_filter (page, "tcp port");
  message = hs_capture_page_get_filter_error (page);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "syntax error"));
  g_assert_nonnull (find_widget (GTK_WIDGET (page), is_label_showing, message));
  g_assert_false (hs_capture_page_can_start (page));
  g_assert_false (gtk_widget_is_sensitive (start));

  hs_capture_page_set_filter (page, "tcp port 443 and not host 192.0.2.7");
  g_assert_null (hs_capture_page_get_filter_error (page));
  g_assert_true (hs_capture_page_can_start (page));
  g_assert_true (gtk_widget_is_sensitive (start));

  /* a filter that parses but makes no sense is refused too */
  hs_capture_page_set_filter (page, "port 99999");
  g_assert_nonnull (hs_capture_page_get_filter_error (page));
  g_assert_false (gtk_widget_is_sensitive (start));
  hs_capture_page_set_filter (page, "");
  g_assert_null (hs_capture_page_get_filter_error (page));
  g_assert_true (gtk_widget_is_sensitive (start));

  /* nothing to go back to: no Cancel */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (page), "capture-page.cancel", NULL) &&
                  !g_str_equal (visible_page (window), "live"));

  close_window (window);
}

/* A listening TCP socket on 127.0.0.1 and its port. */
static GSocket *
listen_on_loopback (guint16 *port)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  GSocket *server;

  server = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (server, any_port, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (server, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (server, &error);
  g_assert_no_error (error);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  return server;
}

/* One whole TCP connection to `server`: the handshake, a request and a
 * response, and a FIN teardown from each side. */
static void
talk_to (GSocket *server,
         guint16  port)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoptr(GSocket) client = NULL;
  g_autoptr(GSocket) accepted = NULL;
  g_autoptr(GError) error = NULL;
  char buffer[64];

  client = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_connect (client, address, NULL, &error);
  g_assert_no_error (error);
  accepted = g_socket_accept (server, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (g_socket_send (client, "GET / HTTP/1.0\r\n\r\n", 18, NULL, &error), ==, 18);
  g_assert_cmpint (g_socket_receive (accepted, buffer, sizeof buffer, NULL, &error), ==, 18);
  g_assert_cmpint (g_socket_send (accepted, "HTTP/1.0 200 OK\r\n\r\n", 19, NULL, &error), ==, 19);
  g_assert_cmpint (g_socket_receive (client, buffer, sizeof buffer, NULL, &error), ==, 19);
  g_assert_no_error (error);

  g_socket_shutdown (client, FALSE, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_socket_receive (accepted, buffer, sizeof buffer, NULL, &error), ==, 0);
  g_socket_close (accepted, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_socket_receive (client, buffer, sizeof buffer, NULL, &error), ==, 0);
  g_socket_close (client, &error);
  g_assert_no_error (error);
}

static guint
shown_packets (HsWindow *window)
{
  HsCapture *capture = hs_window_get_capture (window);

  return capture != NULL ? hs_capture_get_n_packets (capture) : 0;
}

/* Each connection: 3 handshake, 2 data, 2 ACKs, 4 for the teardown (the
 * last ACKs may be piggybacked: at least 9). */
#define PACKETS_PER_CONNECTION 9

static gboolean
connection_complete (gpointer data)
{
  HsWindow *window = data;
  HsCapture *capture = hs_window_get_capture (window);
  guint n = 0;

  if (!one_connection (window) || capture == NULL)
    return FALSE;
  hs_capture_get_stream_packets (capture, 0, &n);
  return n >= PACKETS_PER_CONNECTION;
}

static gboolean
has_two_complete_connections (gpointer data)
{
  HsWindow *window = data;

  return two_connections (window) && shown_packets (window) >= 2 * PACKETS_PER_CONNECTION;
}

static gboolean
counters_show_packets (gpointer data)
{
  HsWindow *window = data;
  HsLiveStats stats = { 0 };
  g_autofree char *count = NULL;

  hs_live_capture_get_stats (window->live, &stats);
  count = g_strdup_printf ("%'" G_GUINT64_FORMAT " packets", stats.captured);
  return stats.captured >= PACKETS_PER_CONNECTION &&
         g_str_has_prefix (gtk_label_get_text (window->capture_counts_label), count);
}

/* Paused, with the packets of a connection captured and not shown. */
static gboolean
packets_waiting (gpointer data)
{
  HsWindow *window = data;
  const char *state = gtk_label_get_text (window->capture_state_label);
  g_autofree char *expected = NULL;
  HsLiveStats stats = { 0 };

  hs_live_capture_get_stats (window->live, &stats);
  if (stats.captured < shown_packets (window) + PACKETS_PER_CONNECTION)
    return FALSE;
  expected = g_strdup_printf ("Paused — %" G_GUINT64_FORMAT " ", stats.captured - shown_packets (window));
  return g_str_has_prefix (state, expected);
}

static gboolean
not_unsaved (gpointer data)
{
  return !_hs_window_has_unsaved (data);
}

/* Starts capturing on lo with "tcp port `port`" from the Capture page. */
static HsWindow *
start_capture_on_lo (guint16 port)
{
  HsWindow *window = open_capture_page ();
  g_autofree char *filter = g_strdup_printf ("tcp port %u", port);

  g_assert_true (hs_capture_page_select_interface (window->capture_page, "lo"));
  hs_capture_page_set_filter (window->capture_page, filter);
  g_assert_null (hs_capture_page_get_filter_error (window->capture_page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->capture_page),
                                             "capture-page.start", NULL));
  g_assert_null (hs_capture_page_get_error (window->capture_page));
  g_assert_nonnull (window->live);
  g_assert_true (_hs_window_is_capturing (window));
  g_assert_cmpstr (visible_page (window), ==, "capture");
  g_assert_true (gtk_revealer_get_reveal_child (window->capture_bar));
  return window;
}

static void
test_live_capture (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.handshake.Handshake");
  g_autofree char *why = hs_test_live_skip_reason ();
  g_autoptr(GSocket) server = NULL;
  g_autofree char *filter = NULL;
  g_autofree char *saved = NULL;
  g_auto(GStrv) recent = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(HsCapture) loaded = NULL;
  g_autoptr(GError) error = NULL;
  HsLiveStats stats = { 0 };
  HsWindow *window;
  guint16 port;
  guint frozen;

  if (why != NULL)
    {
      g_test_skip (why);
      return;
    }

  server = listen_on_loopback (&port);
  window = start_capture_on_lo (port);
  filter = g_strdup_printf ("tcp port %u", port);

  /* the filter went first in the recent filters */
  recent = g_settings_get_strv (settings, "recent-capture-filters");
  g_assert_nonnull (recent[0]);
  g_assert_cmpstr (recent[0], ==, filter);
  g_assert_nonnull (strstr (gtk_label_get_text (window->capture_source_label), filter));
  g_assert_cmpstr (gtk_label_get_text (window->capture_state_label), ==, "Capturing");
  /* nothing to save before the first packet */
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (window->capture_save_button)));

  /* a real connection: the sidebar gets it, the counters count it */
  talk_to (server, port);
  spin_until (connection_complete, window, 10000);
  spin_until (counters_show_packets, window, 5000);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (window->capture_save_button)));
  {
    g_autoptr(HsConnectionItem) item = g_list_model_get_item (G_LIST_MODEL (window->connection_selection), 0);
    const HsConnection *conn = hs_connection_item_get_connection (item);

    g_assert_true (conn->endpoint[0].port == port || conn->endpoint[1].port == port);
  }

  /* paused: the views keep still while packets are counted */
  gtk_toggle_button_set_active (window->capture_pause_button, TRUE);
  g_assert_true (hs_live_capture_get_paused (window->live));
  frozen = shown_packets (window);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (window->capture_state_label), "Paused — "));
  talk_to (server, port);
  spin_until (packets_waiting, window, 10000);
  g_assert_cmpuint (shown_packets (window), ==, frozen);
  g_assert_true (one_connection (window));
  g_assert_nonnull (strstr (gtk_label_get_text (window->capture_state_label), "packets waiting"));

  /* resumed: everything captured meanwhile shows */
  gtk_toggle_button_set_active (window->capture_pause_button, FALSE);
  g_assert_false (hs_live_capture_get_paused (window->live));
  spin_until (has_two_complete_connections, window, 10000);
  g_assert_cmpstr (gtk_label_get_text (window->capture_state_label), ==, "Capturing");

  /* saved while running: a pcapng file that loads */
  g_assert_true (_hs_window_has_unsaved (window));
  saved = g_strdup_printf ("%s/handshake-live-%d.pcapng", g_get_tmp_dir (), (int)getpid ());
  file = g_file_new_for_path (saved);
  _hs_window_save_capture (window, file, HS_SAVE_FORMAT_PCAPNG);
  spin_until (not_unsaved, window, 10000);
  g_assert_true (_hs_window_is_capturing (window));
  loaded = hs_capture_load (saved, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpuint (hs_capture_get_n_packets (loaded), ==, shown_packets (window));
  g_assert_cmpuint (hs_capture_get_n_connections (loaded), ==, 2);

  /* stopped: everything stays, the counters say it is over */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.stop-capture", NULL));
  g_assert_false (_hs_window_is_capturing (window));
  g_assert_cmpstr (gtk_label_get_text (window->capture_state_label), ==, "Stopped");
  hs_live_capture_get_stats (window->live, &stats);
  g_assert_cmpuint (stats.captured, ==, shown_packets (window));
  g_assert_cmpuint (stats.dropped_kernel, ==, 0);
  g_assert_true (two_connections (window));
  g_assert_false (hs_capture_is_live (hs_window_get_capture (window)));

  close_window (window);
  g_unlink (saved);
}

static void
test_live_close_unsaved (void)
{
  g_autofree char *why = hs_test_live_skip_reason ();
  g_autoptr(GSocket) server = NULL;
  AdwMessageDialog *dialog;
  HsWindow *window;
  guint16 port;
  gint64 end;

  if (why != NULL)
    {
      g_test_skip (why);
      return;
    }

  server = listen_on_loopback (&port);
  window = start_capture_on_lo (port);
  talk_to (server, port);
  spin_until (connection_complete, window, 10000);
  g_assert_true (_hs_window_has_unsaved (window));

  /* closing asks first, and the window stays */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&window);
  gtk_window_close (GTK_WINDOW (window));
  spin_frames (2);
  g_assert_nonnull (window);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save the Captured Packets?");
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));

  /* Cancel: nothing happens */
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin_frames (2);
  g_assert_nonnull (window);
  g_assert_true (_hs_window_is_capturing (window));

  /* Discard: the capture stops and the window closes */
  gtk_window_close (GTK_WINDOW (window));
  spin_frames (2);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  gtk_window_destroy (GTK_WINDOW (dialog));
  end = g_get_monotonic_time () + 5 * TIMEOUT_SCALE * G_USEC_PER_SEC;
  while (window != NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (window);
}

/* Opening a file over unsaved captured packets asks too; Discard opens it. */
static void
test_live_open_over_unsaved (void)
{
  g_autofree char *why = hs_test_live_skip_reason ();
  g_autofree char *path = sample_path ();
  g_autoptr(GFile) sample = g_file_new_for_path (path);
  g_autoptr(GSocket) server = NULL;
  AdwMessageDialog *dialog;
  HsWindow *window;
  guint16 port;

  if (why != NULL)
    {
      g_test_skip (why);
      return;
    }

  server = listen_on_loopback (&port);
  window = start_capture_on_lo (port);
  talk_to (server, port);
  spin_until (connection_complete, window, 10000);

  hs_window_open_file (window, sample);
  g_assert_false (_hs_window_is_loading (window));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (window->live);
  g_assert_false (gtk_revealer_get_reveal_child (window->capture_bar));
  spin_frames (2);
  spin_until (not_loading, window, 20000);
  g_assert_true (two_connections (window));
  spin_frames (2);
  g_assert_null (find_message_dialog ());

  close_window (window);
}

/* Live documents: every view follows a growing capture -------------------- */

static gboolean
is_column_view (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_COLUMN_VIEW (widget);
}

static GtkAdjustment *
packet_list_adjustment (HsWindow *window)
{
  GtkWidget *view = find_widget (GTK_WIDGET (window->packet_list), is_column_view, NULL);

  g_assert_nonnull (view);
  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
}

static gboolean
packet_list_at_end (HsWindow *window)
{
  GtkAdjustment *adj = packet_list_adjustment (window);

  return gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj) >=
         gtk_adjustment_get_upper (adj) - 2;
}

typedef struct
{
  HsWindow  *window;
  HsCapture *capture;
} LiveCase;

static guint
stream_n_packets (HsCapture *capture,
                  guint      stream)
{
  guint n = 0;

  hs_capture_get_stream_packets (capture, stream, &n);
  return n;
}

static gboolean
ladder_caught_up (gpointer data)
{
  LiveCase *c = data;
  HsLadderLayout *layout = hs_ladder_view_get_layout (c->window->ladder_view);

  return layout != NULL &&
         hs_ladder_layout_get_n_packets (layout) == stream_n_packets (c->capture, 0);
}

static gboolean
graph_caught_up (gpointer data)
{
  LiveCase *c = data;
  HsGraph *graph = hs_graph_view_get_graph (c->window->graph_view);

  return graph != NULL && hs_graph_get_n_packets (graph) == stream_n_packets (c->capture, 0);
}

static guint
selected_connection (HsWindow *window)
{
  HsConnectionItem *item = gtk_single_selection_get_selected_item (window->connection_selection);

  return item != NULL ? hs_connection_item_get_stream (item) : HS_NO_STREAM;
}

/* The sidebar has a row per connection and each bound row says how many
 * packets its connection has now. */
static void
assert_sidebar (HsWindow  *window,
                HsCapture *capture)
{
  GListModel *rows = G_LIST_MODEL (window->connection_selection);

  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, hs_capture_get_n_connections (capture));
  g_assert_cmpuint (g_list_model_get_n_items (window->connections), ==,
                    hs_capture_get_n_connections (capture));
}

static void
test_live_views (void)
{
  g_autofree char *path = graph_tmp_path ("live-views.pcap");
  g_autoptr(GFile) file = NULL;
  g_autoptr(HsCapture) full = NULL;
  g_autoptr(HsCapture) live = NULL;
  HsWindow *window;
  LiveCase c;
  GtkAdjustment *adj;
  guint n, selected, shown, steps[4];
  double value;

  write_long_connection (path, LIVE_CONVERSATIONS (400));
  full = hs_test_load (path);
  file = g_file_new_for_path (path);
  live = hs_test_live_new (full);
  n = hs_capture_get_n_packets (full);
  g_assert_cmpuint (hs_capture_get_n_connections (full), ==, 5);
  steps[0] = 60;
  steps[1] = n / 2;
  steps[2] = n * 3 / 4;
  steps[3] = n;

  window = open_window_on (NULL, "packets");
  c.window = window;
  c.capture = live;
  _hs_window_set_capture (window, live, file);
  g_assert_cmpstr (visible_page (window), ==, "capture");
  spin_frames (2);

  /* the first packets: a connection appears and is selected */
  hs_test_live_grow (live, full, 4);
  spin_until (one_connection, window, 5000);
  g_assert_cmpuint (selected_connection (window), ==, 0);
  g_assert_cmpuint (hs_window_get_stream (window), ==, 0);
  spin_frames (2);
  g_assert_cmpuint (hs_packet_list_get_n_shown (window->packet_list), ==, 4);

  hs_test_live_grow (live, full, steps[0]);
  spin_frames (3);
  assert_sidebar (window, live);
  g_assert_cmpuint (hs_packet_list_get_n_shown (window->packet_list), ==, stream_n_packets (live, 0));

  /* a packet chosen, the list scrolled to its top: both stay */
  hs_window_select_index (window, 10);
  hs_packet_list_scroll_to (window->packet_list, 0);
  spin_frames (3);
  adj = packet_list_adjustment (window);
  value = gtk_adjustment_get_value (adj);
  g_assert_cmpfloat (value, <, 1);
  g_assert_false (packet_list_at_end (window));

  hs_test_live_grow (live, full, steps[1]);
  spin_frames (3);
  assert_sidebar (window, live);
  g_assert_cmpuint (hs_capture_get_n_connections (live), >, 1);
  g_assert_cmpuint (selected_connection (window), ==, 0);
  g_assert_cmpuint (hs_window_get_stream (window), ==, 0);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, 10);
  g_assert_cmpuint (hs_packet_list_get_selected_index (window->packet_list), ==, 10);
  g_assert_cmpuint (hs_packet_list_get_n_shown (window->packet_list), ==, stream_n_packets (live, 0));
  g_assert_cmpfloat (fabs (gtk_adjustment_get_value (adj) - value), <, 1);

  /* at the end: the list follows the new packets */
  hs_packet_list_scroll_to (window->packet_list,
                            hs_packet_list_get_n_shown (window->packet_list) - 1);
  spin_frames (3);
  g_assert_true (packet_list_at_end (window));
  shown = hs_packet_list_get_n_shown (window->packet_list);
  hs_test_live_grow (live, full, steps[1] + 40);
  spin_frames (3);
  g_assert_cmpuint (hs_packet_list_get_n_shown (window->packet_list), >, shown);
  g_assert_true (packet_list_at_end (window));
  g_assert_cmpuint (hs_packet_list_get_selected_index (window->packet_list), ==, 10);

  /* the ladder catches up with the new packets, selection kept; it follows
   * the end when the end is shown */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "ladder"));
  spin_until (canvas_ready, window, 5000);
  spin_until (ladder_caught_up, &c, 5000);
  g_assert_cmpuint (hs_ladder_view_get_selected_index (window->ladder_view), ==, 10);
  spin_frames (2);
  value = hs_ladder_view_get_scroll_y (window->ladder_view);
  hs_test_live_grow (live, full, steps[2]);
  spin_until (ladder_caught_up, &c, 5000);
  spin_frames (2);
  g_assert_cmpfloat (fabs (hs_ladder_view_get_scroll_y (window->ladder_view) - value), <, 1);
  g_assert_cmpuint (hs_ladder_view_get_selected_index (window->ladder_view), ==, 10);
  selected = hs_ladder_layout_find_frame (hs_ladder_view_get_layout (window->ladder_view), 10);
  g_assert_cmpuint (selected, ==, stream_pos (window, 10));
  g_assert_cmpuint (count_packets_in_rows (hs_ladder_view_get_layout (window->ladder_view)), ==,
                    stream_n_packets (live, 0));

  /* the graphs too */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "graphs"));
  spin_until (graph_ready, window, 5000);
  spin_until (graph_caught_up, &c, 5000);
  hs_test_live_grow (live, full, steps[2] + 100);
  spin_until (graph_caught_up, &c, 5000);
  g_assert_cmpuint (hs_graph_view_get_selected_index (window->graph_view), ==, 10);

  /* pages not shown catch up when they are shown */
  hs_test_live_grow (live, full, steps[3]);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "ladder"));
  spin_until (ladder_caught_up, &c, 5000);

  /* no longer live: everything as over the loaded file */
  _hs_capture_finish_live (live);
  spin_frames (3);
  assert_sidebar (window, full);
  g_assert_cmpuint (hs_packet_list_get_n_shown (window->packet_list), ==, stream_n_packets (full, 0));
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, 10);
  g_assert_cmpuint (count_packets_in_rows (hs_ladder_view_get_layout (window->ladder_view)), ==,
                    stream_n_packets (full, 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "graphs"));
  spin_until (graph_caught_up, &c, 5000);

  close_window (window);
  g_remove (path);
}

static gboolean
is_list_view (GtkWidget     *widget,
              gconstpointer  data)
{
  return GTK_IS_LIST_VIEW (widget);
}

/* The details of a packet chosen while its connection is young follow the
 * connection: the link to its ACK appears, the header rows that speak of
 * the connection (iRTT, completeness) change, and what the user opened and
 * selected in the header tree stays. */
static void
test_live_details (void)
{
  g_autofree char *path = graph_tmp_path ("live-details.pcap");
  g_autoptr(GFile) file = NULL;
  g_autoptr(HsCapture) full = NULL;
  g_autoptr(HsCapture) live = NULL;
  g_autofree char *tree_before = NULL;
  g_autofree char *tree_after = NULL;
  g_autofree char *links_before = NULL;
  g_autofree char *links_after = NULL;
  GtkSingleSelection *rows;
  GtkTreeListRow *row;
  HsWindow *window;
  GtkWidget *list;
  guint n_rows;

  write_long_connection (path, LIVE_CONVERSATIONS (8));
  full = hs_test_load (path);
  file = g_file_new_for_path (path);
  live = hs_test_live_new (full);

  window = open_window_on (NULL, "packets");
  _hs_window_set_capture (window, live, file);
  spin_frames (2);

  /* the SYN alone */
  hs_test_live_grow (live, full, 1);
  spin_until (one_connection, window, 5000);
  hs_window_select_index (window, 0);
  spin_frames (2);
  links_before = hs_details_view_dup_links_text (window->details_view);
  g_assert_cmpstr (links_before, ==, "");

  /* the user opens the first layer and selects its second row */
  list = find_widget (GTK_WIDGET (window->details_view), is_list_view, NULL);
  g_assert_nonnull (list);
  rows = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  row = g_list_model_get_item (G_LIST_MODEL (rows), 0);
  g_assert_false (gtk_tree_list_row_get_expanded (row));
  gtk_tree_list_row_set_expanded (row, TRUE);
  g_object_unref (row);
  gtk_single_selection_set_selected (rows, 1);
  spin_frames (1);
  tree_before = hs_details_view_dup_tree_text (window->details_view);
  g_assert_true (g_str_has_prefix (tree_before, "> "));
  g_assert_nonnull (strstr (tree_before, "\n  * "));
  n_rows = g_list_model_get_n_items (G_LIST_MODEL (rows));

  /* the SYN/ACK and the ACK arrive, and the connection's data */
  hs_test_live_grow (live, full, 4);
  spin_frames (3);
  g_assert_cmpuint (hs_window_get_selected_index (window), ==, 0);
  links_after = hs_details_view_dup_links_text (window->details_view);
  g_assert_cmpstr (links_after, ==, "Go to frame 2, the ACK of this segment\n");
  tree_after = hs_details_view_dup_tree_text (window->details_view);
  /* the completeness row now counts the SYN/ACK, the ACK and the data */
  g_assert_nonnull (strstr (tree_before, "Conversation completeness: Incomplete, SYN_SENT (1)\n"));
  g_assert_nonnull (strstr (tree_after, "Conversation completeness: Incomplete, DATA (15)\n"));
  /* still open and selected where the user left them */
  g_assert_true (g_str_has_prefix (tree_after, "> "));
  g_assert_true (strncmp (tree_after, tree_before, strcspn (tree_before, "\n")) == 0);
  rows = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  g_assert_cmpuint (gtk_single_selection_get_selected (rows), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), >=, n_rows);

  close_window (window);
  g_remove (path);
}

typedef struct
{
  HsWindow  *window;
  HsCapture *first;
} RingCase;

static gboolean
window_capture_replaced (gpointer data)
{
  RingCase *c = data;
  HsCapture *shown = hs_window_get_capture (c->window);

  return shown != NULL && shown != c->first &&
         shown == hs_live_capture_get_capture (c->window->live) &&
         hs_capture_get_n_connections (shown) > 0;
}

/* The ring buffer set on the Capture page: when it turns, the window shows
 * the new document (the sidebar, the packet list) and keeps capturing. */
static void
test_live_ring_buffer (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.handshake.Handshake");
  g_autofree char *why = hs_test_live_skip_reason ();
  g_autoptr(HsCapture) first = NULL;
  HsTestTrafficOptions options = { 0, 0, 200000, 200000, 16000, FALSE };
  HsTestTraffic *traffic;
  HsLiveStats stats = { 0 };
  HsCapture *doc;
  RingCase c;

  if (why != NULL)
    {
      g_test_skip (why);
      return;
    }

  g_settings_set_uint (settings, "capture-ring-buffer", 1);
  options.port = hs_test_free_port ();
  c.window = start_capture_on_lo (options.port);
  g_assert_cmpuint (hs_capture_page_get_ring_buffer (c.window->capture_page), ==, 1);
  first = g_object_ref (hs_window_get_capture (c.window));
  c.first = first;

  traffic = hs_test_traffic_start (&options);
  spin_until (window_capture_replaced, &c, 20000);
  g_assert_true (_hs_window_is_capturing (c.window));
  hs_test_traffic_finish (traffic);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (c.window), "win.stop-capture", NULL));
  spin_frames (3);

  /* the last document, whole, in every view */
  doc = hs_window_get_capture (c.window);
  g_assert_true (doc == hs_live_capture_get_capture (c.window->live));
  g_assert_false (hs_capture_is_live (doc));
  g_assert_false (hs_capture_is_live (first));
  assert_sidebar (c.window, doc);
  g_assert_cmpuint (hs_window_get_stream (c.window), <, hs_capture_get_n_connections (doc));
  g_assert_cmpuint (hs_packet_list_get_n_shown (c.window->packet_list), ==,
                    stream_n_packets (doc, hs_window_get_stream (c.window)));
  hs_live_capture_get_stats (c.window->live, &stats);
  g_assert_cmpuint (stats.discarded_ring, >, 0);
  g_assert_cmpuint (hs_capture_get_n_packets (doc) + stats.discarded_ring, ==, stats.captured);

  g_settings_reset (settings, "capture-ring-buffer");
  close_window (c.window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *sample = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  g_autofree char *home = NULL;

  /* Private user directories (recent files, settings), but the system data
   * directories stay: G_TEST_OPTION_ISOLATE_DIRS would hide the MIME
   * database, and without it GTK cannot load the SVG icons. */
  home = g_dir_make_tmp ("handshake-test-window-XXXXXX", NULL);
  g_assert_nonnull (home);
  g_setenv ("HOME", home, TRUE);
  for (guint i = 0; i < 4; i++)
    {
      const char *vars[] = { "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" };
      g_autofree char *dir = g_build_filename (home, vars[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (vars[i], dir, TRUE);
    }

  g_test_init (&argc, &argv, NULL);
  hs_application_init_i18n ();

  /* gtk_init_check() reads GDK_DEBUG before it opens the display (the
   * sanitizer run keeps GL out with it); gdk_display_open() would not */
  if (!gtk_init_check ())
    {
      g_printerr ("test-window needs a display: run it under xvfb-run\n");
      return 1;
    }

  sample = sample_path ();
  g_setenv ("HANDSHAKE_SAMPLE", sample, TRUE);

  app = g_object_new (HS_TYPE_APPLICATION,
                      "application-id", "io.github.handshake.Handshake.Test",
                      "flags", G_APPLICATION_NON_UNIQUE,
                      "resource-base-path", "/io/github/handshake/Handshake",
                      NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/handshake/window/welcome", test_welcome);
  g_test_add_func ("/handshake/window/sample-button", test_sample_button);
  g_test_add_func ("/handshake/window/help", test_help);
  g_test_add_func ("/handshake/window/sample-views", test_sample_views);
  g_test_add_func ("/handshake/window/sidebar-window-badges", test_sidebar_window_badges);
  g_test_add_func ("/handshake/window/colours", test_colours);
  g_test_add_func ("/handshake/window/selection", test_selection);
  g_test_add_func ("/handshake/window/filters", test_filters);
  g_test_add_func ("/handshake/window/packet-list-first-visit", test_packet_list_first_visit);
  g_test_add_func ("/handshake/window/damaged", test_damaged);
  g_test_add_func ("/handshake/window/not-a-capture", test_not_a_capture);
  g_test_add_func ("/handshake/window/error-back", test_error_back);
  g_test_add_func ("/handshake/window/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/handshake/window/narrow-pages", test_narrow_pages);
  g_test_add_func ("/handshake/window/cancel", test_cancel);
  g_test_add_func ("/handshake/window/recent", test_recent);
  g_test_add_func ("/handshake/window/recent-no-exports", test_recent_no_exports);
  g_test_add_func ("/handshake/window/sidebar-fill", test_sidebar_fill);
  g_test_add_func ("/handshake/window/ladder-page", test_ladder_page);
  g_test_add_func ("/handshake/window/ladder-click", test_ladder_click);
  g_test_add_func ("/handshake/window/ladder-follows-selection", test_ladder_follows_selection);
  g_test_add_func ("/handshake/window/ladder-keyboard", test_ladder_keyboard);
  g_test_add_func ("/handshake/window/ladder-export", test_ladder_export);
  g_test_add_func ("/handshake/window/ladder-narrow", test_ladder_narrow);
  g_test_add_func ("/handshake/window/ladder-toolbar-fits", test_ladder_toolbar_fits);
  g_test_add_func ("/handshake/window/ladder-time-true", test_ladder_time_true);
  g_test_add_func ("/handshake/window/graph-page", test_graph_page);
  g_test_add_func ("/handshake/window/graph-click", test_graph_click);
  g_test_add_func ("/handshake/window/graph-zoom", test_graph_zoom);
  g_test_add_func ("/handshake/window/graph-export", test_graph_export);
  g_test_add_func ("/handshake/window/export-dialog", test_export_dialog);
  g_test_add_func ("/handshake/window/graph-warning", test_graph_warning);
  g_test_add_func ("/handshake/window/graph-average", test_graph_average);
  g_test_add_func ("/handshake/window/graph-texts", test_graph_texts);
  g_test_add_func ("/handshake/window/graph-large", test_graph_large);
  g_test_add_func ("/handshake/window/keyboard-views", test_keyboard_views);
  g_test_add_func ("/handshake/window/popup-tooltips", test_popup_tooltips);
  g_test_add_func ("/handshake/window/window-fits", test_window_fits);
  g_test_add_func ("/handshake/window/details-hex-fits", test_details_hex_fits);
  g_test_add_func ("/handshake/window/sidebar-resize", test_sidebar_resize);
  g_test_add_func ("/handshake/window/columns-fit-big", test_columns_fit_big);
  g_test_add_func ("/handshake/window/capture-page", test_capture_page);
  g_test_add_func ("/handshake/window/live-capture", test_live_capture);
  g_test_add_func ("/handshake/window/live-close-unsaved", test_live_close_unsaved);
  g_test_add_func ("/handshake/window/live-open-over-unsaved", test_live_open_over_unsaved);
  g_test_add_func ("/handshake/window/live-views", test_live_views);
  g_test_add_func ("/handshake/window/live-details", test_live_details);
  g_test_add_func ("/handshake/window/live-ring-buffer", test_live_ring_buffer);

  ret = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return ret;
}
