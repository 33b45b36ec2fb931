/* test-window-util.c
 *
 * The harness the window tests share (test-window-util.h).
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hs-graph-view-private.h"
#include "test-window-util.h"

HsApplication *app;

char *
sample_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "sample.pcapng", NULL);
}

char *
tmp_path (const char *name)
{
  return g_build_filename (g_get_tmp_dir (), name, NULL);
}

void
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

gboolean
not_loading (gpointer data)
{
  return !_hs_window_is_loading (data);
}

gboolean
rows_bound (gpointer data)
{
  HsWindow *window = data;

  return hs_packet_list_get_row_widget (window->packet_list, 0) != NULL;
}

gboolean
n_connections_is (HsWindow *window,
                  guint     n)
{
  return g_list_model_get_n_items (G_LIST_MODEL (window->connection_selection)) == n;
}

gboolean
no_connection (gpointer data)
{
  return n_connections_is (data, 0);
}

gboolean
one_connection (gpointer data)
{
  return n_connections_is (data, 1);
}

gboolean
two_connections (gpointer data)
{
  return n_connections_is (data, 2);
}

void
spin_frames (guint n)
{
  for (guint i = 0; i < n; i++)
    {
      gint64 end = g_get_monotonic_time () + 20000 * TIMEOUT_SCALE;

      while (g_get_monotonic_time () < end)
        g_main_context_iteration (NULL, FALSE);
    }
}

/* Where a key goes is the window's business (the focus, the controllers,
 * the entries), so the keyboard cases press real keys: XTest has the X
 * server send them as a keyboard would.  libXtst is a dependency of the X
 * libraries' tools and opened at run time, so the build needs nothing but
 * GTK's X11 headers. */
typedef int (*FakeKeyEvent)    (Display *display, unsigned int keycode, Bool press, unsigned long delay);

static FakeKeyEvent fake_key_event;

FakeButtonEvent fake_button_event;

FakeMotionEvent fake_motion_event;

guint input_seen;   /* key and button releases the windows were given */

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

guint input_expected;

gboolean
input_handled (gpointer data)
{
  return input_seen >= input_expected;
}

void
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

Display *
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

HsWindow *
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

HsWindow *
open_window (const char *path)
{
  return open_window_on (path, "packets");
}

void
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

const char *
visible_page (HsWindow *window)
{
  return gtk_stack_get_visible_child_name (window->main_stack);
}

guchar *
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

GtkWidget *
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

HsConnectionRow *
find_row_with_badges (HsWindow *window)
{
  return (HsConnectionRow *)find_widget (GTK_WIDGET (window->connection_list),
                                         is_row_with_badges, NULL);
}

gboolean
shows_text (GtkWidget     *widget,
            gconstpointer  data)
{
  if (GTK_IS_LABEL (widget))
    return g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
  if (GTK_IS_INSCRIPTION (widget))
    return g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), data) == 0;
  return FALSE;
}

gboolean
sidebar_row_drawn (gpointer data)
{
  HsWindow *window = data;
  HsConnectionRow *row = find_row_with_badges (window);

  return row != NULL && gtk_widget_get_height (GTK_WIDGET (row)) > 0;
}

gboolean
recent_listed (gpointer data)
{
  HsWindow *window = data;

  return gtk_widget_get_visible (window->recent_group);
}

gboolean
canvas_ready (gpointer data)
{
  HsWindow *window = data;
  GtkWidget *canvas = hs_ladder_view_get_canvas (window->ladder_view);

  return gtk_widget_get_mapped (canvas) && gtk_widget_get_height (canvas) > 100 &&
         hs_ladder_view_get_layout (window->ladder_view) != NULL;
}

HsWindow *
open_ladder (void)
{
  g_autofree char *path = sample_path ();
  HsWindow *window = open_window_on (path, "ladder");

  spin_until (canvas_ready, window, 5000);
  spin_frames (2);
  return window;
}

guint
count_packets_in_rows (HsLadderLayout *layout)
{
  guint n = 0;

  for (guint r = 0; r < hs_ladder_layout_get_n_rows (layout); r++)
    n += hs_ladder_layout_get_row (layout, r)->n;
  return n;
}

void
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

AdwMessageDialog *
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

void
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

GtkWidget *
packet_rows (HsWindow *window)
{
  GtkWidget *rows = find_widget (GTK_WIDGET (window->packet_list), is_column_list_view, NULL);

  g_assert_nonnull (rows);
  return rows;
}

char *
graph_tmp_path (const char *name)
{
  g_autofree char *unique = g_strdup_printf ("hs-%d-%s", (int)getpid (), name);

  return tmp_path (unique);
}

gboolean
graph_ready (gpointer data)
{
  HsWindow *window = data;
  GtkWidget *canvas = hs_graph_view_get_canvas (window->graph_view);

  return gtk_widget_get_mapped (canvas) && gtk_widget_get_height (canvas) > 100 &&
         hs_graph_view_get_graph (window->graph_view) != NULL;
}

HsWindow *
open_graphs_on (const char *path)
{
  HsWindow *window = open_window_on (path, "graphs");

  spin_until (graph_ready, window, 5000);
  spin_frames (2);
  return window;
}

HsWindow *
open_graphs (void)
{
  g_autofree char *path = sample_path ();

  return open_graphs_on (path);
}

void
graph_size (HsWindow *window,
            double   *width,
            double   *height)
{
  GtkWidget *canvas = hs_graph_view_get_canvas (window->graph_view);

  *width = gtk_widget_get_width (canvas);
  *height = gtk_widget_get_height (canvas);
}

guint
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

graphene_rect_t
bounds_in (GtkWidget *widget,
           GtkWidget *ancestor)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, ancestor, &bounds));
  return bounds;
}

void
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

gboolean
focus_in (HsWindow  *window,
          GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
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

void
click_connection (HsWindow *window,
                  guint     stream)
{
  g_autoptr(HsConnectionItem) item = g_list_model_get_item (window->connections, stream);
  g_autofree char *title = hs_connection_item_dup_title (item);
  GtkWidget *row = find_widget (GTK_WIDGET (window->connection_list), is_row_of_stream, title);

  g_assert_nonnull (row);
  click_widget (window, row);
}

gboolean
stream_is_one (gpointer data)
{
  return hs_window_get_stream (data) == 1;
}

HsWindow *
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

gboolean
has_action_name (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}
