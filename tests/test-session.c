/* test-session.c
 *
 * HsSession (what a window shows) and HsSessionFollower (how a view
 * follows it), without widgets: what is notified, in which order, and
 * what a follower tells its view.
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hs-session-follower.h"
#include "hs-test-utils.h"

static HsCapture *
load_sample (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "sample.pcapng", NULL);
  HsCapture *capture = hs_test_load (path);

  g_assert_cmpuint (hs_capture_get_n_connections (capture), >=, 2);
  return capture;
}

/* A packet of connection `stream` (its first). */
static guint
packet_of (HsCapture *capture,
           guint      stream)
{
  guint n = 0;
  const guint *packets = hs_capture_get_stream_packets (capture, stream, &n);

  g_assert_cmpuint (n, >, 0);
  return packets[0];
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           GString    *log)
{
  g_string_append_printf (log, "%s;", pspec->name);
}

static void
test_session_notify (void)
{
  g_autoptr(HsCapture) capture = load_sample ();
  g_autoptr(HsSession) session = hs_session_new ();
  g_autoptr(GString) log = g_string_new (NULL);
  gint64 t0 = -1, t1 = -1;
  guint p1 = packet_of (capture, 1);

  g_signal_connect (session, "notify", G_CALLBACK (on_notify), log);

  hs_session_set_capture (session, capture, 0);
  g_assert_cmpstr (log->str, ==, "capture;stream;");
  g_assert_true (hs_session_get_capture (session) == capture);
  g_assert_cmpuint (hs_session_get_stream (session), ==, 0);
  g_assert_cmpuint (hs_session_get_selected_index (session), ==, G_MAXUINT);

  /* a packet of another connection selects its connection first */
  g_string_truncate (log, 0);
  hs_session_select_index (session, p1);
  g_assert_cmpstr (log->str, ==, "stream;selected-index;");
  g_assert_cmpuint (hs_session_get_stream (session), ==, 1);
  g_assert_cmpuint (hs_session_get_selected_index (session), ==, p1);

  /* the same again, and a packet past the capture, change nothing */
  g_string_truncate (log, 0);
  hs_session_select_index (session, p1);
  hs_session_select_index (session, hs_capture_get_n_packets (capture));
  g_assert_cmpstr (log->str, ==, "");
  g_assert_cmpuint (hs_session_get_selected_index (session), ==, p1);

  /* the time range: set, the same again (no notify), cleared by another
   * connection */
  g_assert_false (hs_session_get_time_range (session, &t0, &t1));
  hs_session_set_time_range (session, 100, 200);
  hs_session_set_time_range (session, 100, 200);
  g_assert_cmpstr (log->str, ==, "time-range;");
  g_assert_true (hs_session_get_time_range (session, &t0, &t1));
  g_assert_cmpint (t0, ==, 100);
  g_assert_cmpint (t1, ==, 200);

  g_string_truncate (log, 0);
  hs_session_set_stream (session, 0);
  g_assert_cmpstr (log->str, ==, "time-range;stream;");
  g_assert_false (hs_session_get_time_range (session, NULL, NULL));

  /* the same capture shown again: its connection, nothing selected */
  hs_session_set_time_range (session, 5, 6);
  g_string_truncate (log, 0);
  hs_session_set_capture (session, capture, 1);
  g_assert_cmpstr (log->str, ==, "time-range;stream;selected-index;");
  g_assert_cmpuint (hs_session_get_selected_index (session), ==, G_MAXUINT);

  /* no capture */
  g_string_truncate (log, 0);
  hs_session_set_capture (session, NULL, HS_NO_STREAM);
  g_assert_cmpstr (log->str, ==, "capture;stream;");
  g_assert_null (hs_session_get_capture (session));
}

/* A view made of a log: what its follower told it. */
typedef struct
{
  GObject           *object;
  HsSessionFollower  follower;
  GString           *log;
} FakeView;

static void
fake_capture (gpointer data)
{
  FakeView *view = g_object_get_data (data, "view");

  g_string_append_printf (view->log, "capture(%s,%u,%d);",
                          view->follower.capture != NULL ? "yes" : "none",
                          view->follower.stream,
                          (int) view->follower.selected_index);
}

static void
fake_stream (gpointer data)
{
  FakeView *view = g_object_get_data (data, "view");

  g_string_append_printf (view->log, "stream(%u);", view->follower.stream);
}

static void
fake_selection (gpointer data)
{
  FakeView *view = g_object_get_data (data, "view");

  g_string_append_printf (view->log, "selection(%d);", (int) view->follower.selected_index);
}

static void
fake_time_range (gpointer data)
{
  FakeView *view = g_object_get_data (data, "view");

  g_string_append_printf (view->log, "range(%s);",
                          hs_session_get_time_range (view->follower.session, NULL, NULL) ? "set" : "cleared");
}

static const HsSessionFollowerFuncs fake_funcs = {
  .capture_changed = fake_capture,
  .stream_changed = fake_stream,
  .selection_changed = fake_selection,
  .time_range_changed = fake_time_range,
};

static void
test_session_follower (void)
{
  g_autoptr(HsCapture) capture = load_sample ();
  g_autoptr(HsSession) session = hs_session_new ();
  g_autoptr(HsSession) other = hs_session_new ();
  g_autofree char *expect = NULL;
  FakeView view = { 0 };
  guint p0 = packet_of (capture, 0);
  guint p1 = packet_of (capture, 1);

  view.object = g_object_new (G_TYPE_OBJECT, NULL);
  view.log = g_string_new (NULL);
  g_object_set_data (view.object, "view", &view);
  hs_session_follower_init (&view.follower, view.object, &fake_funcs);

  /* a session with a capture already: told at once, once */
  hs_session_set_capture (session, capture, 0);
  hs_session_select_index (session, p0);
  g_assert_true (hs_session_follower_set_session (&view.follower, session));
  g_assert_false (hs_session_follower_set_session (&view.follower, session));
  expect = g_strdup_printf ("capture(yes,0,%d);", (int) p0);
  g_assert_cmpstr (view.log->str, ==, expect);
  g_assert_true (view.follower.session == session);

  /* a packet of another connection: the stream first, then the packet */
  g_string_truncate (view.log, 0);
  hs_session_select_index (session, p1);
  g_free (expect);
  expect = g_strdup_printf ("stream(1);selection(%d);", (int) p1);
  g_assert_cmpstr (view.log->str, ==, expect);

  /* what the view already shows is not told again: a view that selected
   * a packet itself sets follower.selected_index before telling the
   * session */
  g_string_truncate (view.log, 0);
  view.follower.selected_index = p0;
  hs_session_select_index (session, p0);
  g_assert_cmpstr (view.log->str, ==, "stream(0);");

  /* the time range */
  g_string_truncate (view.log, 0);
  hs_session_set_time_range (session, 1, 2);
  hs_session_clear_time_range (session);
  g_assert_cmpstr (view.log->str, ==, "range(set);range(cleared);");

  /* a new capture: one call, with the stream and the selection */
  g_string_truncate (view.log, 0);
  hs_session_set_capture (session, NULL, HS_NO_STREAM);
  g_assert_cmpstr (view.log->str, ==, "capture(none,4294967295,-1);");
  g_assert_null (view.follower.capture);

  /* another session: followed instead, the first one no more */
  g_string_truncate (view.log, 0);
  hs_session_set_capture (other, capture, 1);
  g_assert_true (hs_session_follower_set_session (&view.follower, other));
  hs_session_set_capture (session, capture, 0);
  g_assert_cmpstr (view.log->str, ==, "capture(yes,1,-1);");

  /* cleared: nothing told afterwards, no reference kept */
  hs_session_follower_clear (&view.follower);
  g_string_truncate (view.log, 0);
  hs_session_set_stream (other, 0);
  g_assert_cmpstr (view.log->str, ==, "");
  g_assert_null (view.follower.capture);
  g_assert_null (view.follower.session);

  g_string_free (view.log, TRUE);
  g_object_unref (view.object);
}

static void
on_packets_added (gpointer data,
                  guint    old_n_packets,
                  guint    old_n_connections)
{
  FakeView *view = g_object_get_data (data, "view");

  g_string_append_printf (view->log, "added(%u,%u);", old_n_packets, old_n_connections);
}

static const HsSessionFollowerFuncs live_funcs = {
  .capture_changed = fake_capture,
  .stream_changed = fake_stream,
  .selection_changed = fake_selection,
  .packets_added = on_packets_added,
};

/* A live document's batches reach the view while it shows it, not after. */
static void
test_session_follower_live (void)
{
  g_autoptr(HsCapture) full = load_sample ();
  g_autoptr(HsCapture) live = hs_test_live_new (full);
  g_autoptr(HsSession) session = hs_session_new ();
  g_autofree char *expect = NULL;
  FakeView view = { 0 };
  guint n = hs_capture_get_n_packets (full);
  guint half_connections;

  view.object = g_object_new (G_TYPE_OBJECT, NULL);
  view.log = g_string_new (NULL);
  g_object_set_data (view.object, "view", &view);
  hs_session_follower_init (&view.follower, view.object, &live_funcs);
  hs_session_follower_set_session (&view.follower, session);

  hs_session_set_capture (session, live, HS_NO_STREAM);
  g_assert_true (view.follower.capture == live);
  g_string_truncate (view.log, 0);
  hs_test_live_grow (live, full, n / 2);
  half_connections = hs_capture_get_n_connections (live);
  g_assert_cmpuint (half_connections, >, 0);
  hs_test_live_grow (live, full, n);
  expect = g_strdup_printf ("added(0,0);added(%u,%u);", n / 2, half_connections);
  g_assert_cmpstr (view.log->str, ==, expect);

  /* another document: the live one is no longer watched */
  hs_session_set_capture (session, full, 0);
  g_string_truncate (view.log, 0);
  g_signal_emit_by_name (live, "packets-added", n, half_connections);
  g_assert_cmpstr (view.log->str, ==, "");
  hs_session_follower_clear (&view.follower);
  g_string_free (view.log, TRUE);
  g_object_unref (view.object);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/handshake/session/notify", test_session_notify);
  g_test_add_func ("/handshake/session/follower", test_session_follower);
  g_test_add_func ("/handshake/session/follower-live", test_session_follower_live);

  return g_test_run ();
}
