/* test-loader.c
 *
 * Copyright 2026 The Handshake authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "handshake.h"
#include "hs-test-utils.h"

#define T0 G_GINT64_CONSTANT (1700000000123456000)

/* The loader's documented throttle: at most one progress post per 50 ms. */
#define POST_INTERVAL_US (G_USEC_PER_SEC / 20)

/* G_TEST_OPTION_ISOLATE_DIRS gives each test its own cache directory and
 * removes it afterwards */
static char *
test_path (const char *name)
{
  const char *dir = g_get_user_cache_dir ();

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

static const HsTestSegment conversation[] = {
  { "10.0.0.1", "10.0.0.2", 40000, 80, 1000, 0, HS_TCP_SYN, 64240, 0 },
  { "10.0.0.2", "10.0.0.1", 80, 40000, 5000, 1001, HS_TCP_SYN | HS_TCP_ACK, 65160, 0 },
  { "10.0.0.1", "10.0.0.2", 40000, 80, 1001, 5001, HS_TCP_ACK, 64240, 0 },
  { "10.0.0.1", "10.0.0.2", 40000, 80, 1001, 5001, HS_TCP_ACK | HS_TCP_PSH, 64240, 18,
    "GET / HTTP/1.1\r\n\r\n" },
  { "10.0.0.2", "10.0.0.1", 80, 40000, 5001, 1019, HS_TCP_ACK | HS_TCP_PSH, 65160, 17,
    "HTTP/1.1 200 OK\r\n" },
  { "10.0.0.1", "10.0.0.2", 40000, 80, 1019, 5018, HS_TCP_ACK | HS_TCP_FIN, 64240, 0 },
  { "10.0.0.2", "10.0.0.1", 80, 40000, 5018, 1020, HS_TCP_ACK | HS_TCP_FIN, 65160, 0 },
  { "10.0.0.1", "10.0.0.2", 40000, 80, 1020, 5019, HS_TCP_ACK, 64240, 0 },
};

static char *
write_conversation (const char *name)
{
  char *path = test_path (name);
  HsTestWriter *w = hs_test_writer_new (path, HS_TEST_PCAPNG, 1, FALSE);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (conversation); i++)
    {
      g_autoptr(GByteArray) f = hs_test_build_frame (&conversation[i]);

      hs_test_writer_packet (w, 0, T0 + i * G_GINT64_CONSTANT (1000000), f->data, f->len,
                             f->len);
    }
  hs_test_writer_close (w);

  return path;
}

/* `n` data segments of one connection, 1448 bytes each, in a pcap file. */
static char *
write_many (const char *name,
            guint       n)
{
  char *path = test_path (name);
  HsTestSegment seg = { "10.0.0.1", "10.0.0.2", 40000, 443, 1, 1, HS_TCP_ACK, 501, 1448 };
  HsTestWriter *w = hs_test_writer_new (path, HS_TEST_PCAP_USEC, 1, FALSE);
  g_autoptr(GByteArray) f = NULL;
  guint i;

  f = hs_test_build_frame (&seg);
  for (i = 0; i < n; i++)
    {
      guint32 seq = 1 + i * 1448u;

      /* the sequence number, so that these are new segments, not retransmissions */
      f->data[14 + 20 + 4] = seq >> 24;
      f->data[14 + 20 + 5] = seq >> 16;
      f->data[14 + 20 + 6] = seq >> 8;
      f->data[14 + 20 + 7] = seq;
      /* only the headers are written, as with a short snap length */
      hs_test_writer_packet (w, 0, T0 + i * G_GINT64_CONSTANT (10000), f->data, 54, f->len);
    }
  hs_test_writer_close (w);

  return path;
}

/* What one load saw. */
typedef struct
{
  GMainLoop       *loop;
  GThread         *thread;          /* where notifications must arrive */
  HsCapture       *capture;
  GError          *error;
  gboolean         done;
  guint            n_fraction;
  guint            n_n_packets;
  guint            n_message;
  guint            n_intermediate;  /* n-packets notified with 0 < value < final */
  guint64          last_n_packets;
  double           last_fraction;
  char            *last_message;
  gint64           done_time;
  /* when set, cancel at the first notification with n-packets > 0 */
  GCancellable    *cancel_on_progress;
  gint64           cancel_time;
  guint64          n_packets_at_cancel;
  guint64          expected_total;  /* for n_intermediate */
} LoadState;

static void
load_state_clear (LoadState *state)
{
  g_clear_pointer (&state->loop, g_main_loop_unref);
  g_clear_object (&state->capture);
  g_clear_error (&state->error);
  g_clear_pointer (&state->last_message, g_free);
  g_clear_object (&state->cancel_on_progress);
}

static void
assert_right_thread (LoadState *state)
{
  g_assert_true (g_thread_self () == state->thread);
  /* from the main loop, or from load_async itself (the reset to 0) */
  if (g_main_loop_is_running (state->loop))
    g_assert_true (g_main_context_is_owner (g_main_loop_get_context (state->loop)));
}

static void
on_fraction (HsCaptureLoader *loader,
             GParamSpec      *pspec,
             LoadState       *state)
{
  double fraction = hs_capture_loader_get_fraction (loader);

  assert_right_thread (state);
  g_assert_false (state->done);
  g_assert_cmpfloat (fraction, >=, 0.0);
  g_assert_cmpfloat (fraction, <=, 1.0);
  /* the reset to 0 at the start, then never backwards */
  if (fraction != 0.0)
    g_assert_cmpfloat (fraction, >=, state->last_fraction);
  state->last_fraction = fraction;
  state->n_fraction++;
}

static void
on_n_packets (HsCaptureLoader *loader,
              GParamSpec      *pspec,
              LoadState       *state)
{
  guint64 n = hs_capture_loader_get_n_packets (loader);

  assert_right_thread (state);
  g_assert_false (state->done);
  if (n != 0)
    g_assert_cmpuint (n, >, state->last_n_packets);
  state->last_n_packets = n;
  state->n_n_packets++;
  if (n > 0 && n < state->expected_total)
    state->n_intermediate++;

  if (state->cancel_on_progress != NULL && n > 0 && state->cancel_time == 0)
    {
      state->n_packets_at_cancel = n;
      state->cancel_time = g_get_monotonic_time ();
      g_cancellable_cancel (state->cancel_on_progress);
    }
}

static void
on_message (HsCaptureLoader *loader,
            GParamSpec      *pspec,
            LoadState       *state)
{
  assert_right_thread (state);
  g_assert_false (state->done);
  g_assert_nonnull (hs_capture_loader_get_message (loader));
  g_free (state->last_message);
  state->last_message = g_strdup (hs_capture_loader_get_message (loader));
  state->n_message++;
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  LoadState *state = user_data;

  assert_right_thread (state);
  g_assert_false (state->done);
  g_assert_true (HS_IS_CAPTURE_LOADER (object));

  state->capture = hs_capture_loader_load_finish (HS_CAPTURE_LOADER (object), result,
                                                  &state->error);
  g_assert_true ((state->capture == NULL) != (state->error == NULL));
  state->done = TRUE;
  state->done_time = g_get_monotonic_time ();
  g_main_loop_quit (state->loop);
}

/* Loads `path` in the thread-default main context, recording notifications. */
static void
run_load (HsCaptureLoader *loader,
          GCancellable    *cancellable,
          LoadState       *state)
{
  state->thread = g_thread_self ();
  state->loop = g_main_loop_new (g_main_context_get_thread_default (), FALSE);

  g_signal_connect (loader, "notify::fraction", G_CALLBACK (on_fraction), state);
  g_signal_connect (loader, "notify::n-packets", G_CALLBACK (on_n_packets), state);
  g_signal_connect (loader, "notify::message", G_CALLBACK (on_message), state);

  hs_capture_loader_load_async (loader, cancellable, load_cb, state);
  /* nothing is delivered before the main loop runs */
  g_assert_false (state->done);
  g_main_loop_run (state->loop);
  g_assert_true (state->done);

  g_signal_handlers_disconnect_by_data (loader, state);
}

static HsCaptureLoader *
loader_for_path (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  HsCaptureLoader *loader = hs_capture_loader_new (file);
  g_autoptr(GFile) from_prop = NULL;

  g_assert_true (hs_capture_loader_get_file (loader) == file);
  g_object_get (loader, "file", &from_prop, NULL);
  g_assert_true (from_prop == file);
  g_assert_cmpfloat (hs_capture_loader_get_fraction (loader), ==, 0.0);
  g_assert_cmpuint (hs_capture_loader_get_n_packets (loader), ==, 0);

  return loader;
}

static void
test_load (void)
{
  g_autofree char *path = write_conversation ("conv.pcapng");
  HsCaptureLoader *loader = loader_for_path (path);
  LoadState state = { 0 };

  state.expected_total = G_N_ELEMENTS (conversation);
  run_load (loader, NULL, &state);

  g_assert_no_error (state.error);
  g_assert_nonnull (state.capture);
  g_assert_null (hs_capture_get_problem (state.capture));
  g_assert_cmpstr (hs_capture_get_path (state.capture), ==, path);
  g_assert_cmpstr (hs_capture_get_format (state.capture), ==, "pcapng");
  g_assert_cmpuint (hs_capture_get_n_packets (state.capture), ==, 8);
  g_assert_cmpuint (hs_capture_get_n_connections (state.capture), ==, 1);
  g_assert_cmpint (hs_capture_get_connection (state.capture, 0)->conn_state, ==, HS_CONN_SF);
  g_assert_cmpuint (hs_capture_get_record (state.capture, 4)->payload_len, ==, 17);

  /* the final values, notified before the callback */
  g_assert_cmpfloat (hs_capture_loader_get_fraction (loader), ==, 1.0);
  g_assert_cmpuint (hs_capture_loader_get_n_packets (loader), ==, 8);
  g_assert_cmpstr (hs_capture_loader_get_message (loader), ==, "Read 8 packets (100%)");
  g_assert_cmpfloat (state.last_fraction, ==, 1.0);
  g_assert_cmpuint (state.last_n_packets, ==, 8);
  g_assert_cmpstr (state.last_message, ==, "Read 8 packets (100%)");
  g_assert_cmpuint (state.n_fraction, >=, 1);

  /* the capture is the caller's; the loader keeps nothing of it */
  g_assert_finalize_object (g_steal_pointer (&state.capture));
  g_assert_finalize_object (loader);
  load_state_clear (&state);
}

static void
test_singular (void)
{
  g_autofree char *path = test_path ("one.pcap");
  g_autoptr(GByteArray) f = hs_test_build_frame (&conversation[0]);
  HsTestWriter *w = hs_test_writer_new (path, HS_TEST_PCAP_USEC, 1, FALSE);
  HsCaptureLoader *loader;
  LoadState state = { 0 };

  hs_test_writer_packet (w, 0, T0, f->data, f->len, f->len);
  hs_test_writer_close (w);

  loader = loader_for_path (path);
  run_load (loader, NULL, &state);
  g_assert_no_error (state.error);
  g_assert_cmpstr (hs_capture_loader_get_message (loader), ==, "Read 1 packet (100%)");

  g_assert_finalize_object (g_steal_pointer (&state.capture));
  g_assert_finalize_object (loader);
  load_state_clear (&state);
}

/* 200,000 packets: progress arrives in the main thread, in order, throttled,
 * and the final values are there before the callback. */
static void
test_progress (void)
{
  const guint n = 200000;
  g_autofree char *path = write_many ("many.pcap", n);
  HsCaptureLoader *loader = loader_for_path (path);
  LoadState state = { 0 };
  gint64 begin;
  gint64 elapsed;
  guint bound;

  state.expected_total = n;
  begin = g_get_monotonic_time ();
  run_load (loader, NULL, &state);
  elapsed = state.done_time - begin;

  g_assert_no_error (state.error);
  g_assert_cmpuint (hs_capture_get_n_packets (state.capture), ==, n);
  g_assert_cmpuint (hs_capture_get_n_connections (state.capture), ==, 1);
  g_assert_cmpuint (hs_capture_get_record (state.capture, n - 1)->analysis, ==, 0);

  g_assert_cmpfloat (hs_capture_loader_get_fraction (loader), ==, 1.0);
  g_assert_cmpuint (hs_capture_loader_get_n_packets (loader), ==, n);
  g_assert_cmpstr (hs_capture_loader_get_message (loader), ==, "Read 200,000 packets (100%)");
  g_assert_cmpuint (state.last_n_packets, ==, n);
  g_assert_cmpfloat (state.last_fraction, ==, 1.0);
  g_assert_cmpstr (state.last_message, ==, "Read 200,000 packets (100%)");

  /* progress was seen while loading, not only at the end ... */
  g_assert_cmpuint (state.n_intermediate, >=, 1);
  /* ... but not for every report of the worker (one per 4,096 packets):
   * at most one per 50 ms, plus the reset and the final values */
  bound = (guint) (elapsed / POST_INTERVAL_US) + 3;
  g_test_message ("%u packets in %.0f ms: %u fraction, %u n-packets, %u message notifications",
                  n, elapsed / 1000.0, state.n_fraction, state.n_n_packets, state.n_message);
  g_assert_cmpuint (state.n_n_packets, <=, bound);
  g_assert_cmpuint (state.n_fraction, <=, bound);
  g_assert_cmpuint (state.n_message, <=, bound);
  g_assert_cmpuint (state.n_n_packets, <, 200);

  g_assert_finalize_object (g_steal_pointer (&state.capture));
  g_assert_finalize_object (loader);
  load_state_clear (&state);
}

/* Loading in another thread with its own main context: the progress goes to
 * that context (the one that was thread-default at load_async). */
static gpointer
load_in_thread (gpointer data)
{
  const char *path = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  HsCaptureLoader *loader;
  LoadState state = { 0 };

  g_main_context_push_thread_default (context);

  loader = loader_for_path (path);
  state.expected_total = 200000;
  run_load (loader, NULL, &state);
  g_assert_no_error (state.error);
  g_assert_cmpuint (hs_capture_get_n_packets (state.capture), ==, 200000);
  g_assert_cmpuint (state.n_intermediate, >=, 1);
  g_assert_cmpuint (state.last_n_packets, ==, 200000);

  g_assert_finalize_object (g_steal_pointer (&state.capture));
  g_assert_finalize_object (loader);
  load_state_clear (&state);

  g_main_context_pop_thread_default (context);

  return GUINT_TO_POINTER (TRUE);
}

static void
test_thread_default_context (void)
{
  g_autofree char *path = write_many ("many.pcap", 200000);
  GThread *thread;

  thread = g_thread_new ("load-in-thread", load_in_thread, path);
  /* the default context is not iterated meanwhile: a notification sent
   * there would never arrive, and the thread would miss it */
  g_assert_true (g_thread_join (thread));
  g_assert_false (g_main_context_pending (NULL));
}

static void
test_cancel (void)
{
  const guint n = 300000;
  g_autofree char *path = write_many ("big.pcap", n);
  HsCaptureLoader *loader = loader_for_path (path);
  LoadState state = { 0 };
  gint64 latency;

  state.expected_total = n;
  state.cancel_on_progress = g_cancellable_new ();
  run_load (loader, state.cancel_on_progress, &state);

  g_assert_null (state.capture);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (state.n_packets_at_cancel, >, 0);
  g_assert_cmpuint (state.n_packets_at_cancel, <, n);

  /* the worker stopped early: the last progress it reported is far from
   * the end, and the final values (100%) were never published */
  g_assert_cmpuint (hs_capture_loader_get_n_packets (loader), <, n / 2);
  g_assert_cmpfloat (hs_capture_loader_get_fraction (loader), <, 0.5);

  latency = state.done_time - state.cancel_time;
  g_test_message ("cancelled at %" G_GUINT64_FORMAT " packets, stopped at %" G_GUINT64_FORMAT
                  ", %.1f ms after cancelling",
                  state.n_packets_at_cancel, hs_capture_loader_get_n_packets (loader),
                  latency / 1000.0);
  g_assert_cmpint (latency, <, G_USEC_PER_SEC / 2);

  g_assert_finalize_object (loader);
  load_state_clear (&state);
}

/* Cancelled before the worker even starts. */
static void
test_cancel_early (void)
{
  g_autofree char *path = write_conversation ("conv.pcapng");
  HsCaptureLoader *loader = loader_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  LoadState state = { 0 };

  g_cancellable_cancel (cancellable);
  run_load (loader, cancellable, &state);
  g_assert_null (state.capture);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_assert_finalize_object (loader);
  load_state_clear (&state);
}

/* A damaged file with readable packets is a success with a problem. */
static void
test_truncated (void)
{
  g_autofree char *path = write_conversation ("conv.pcapng");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  HsCaptureLoader *loader;
  LoadState state = { 0 };
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, contents, len - 10, &error);
  g_assert_no_error (error);

  loader = loader_for_path (path);
  run_load (loader, NULL, &state);
  g_assert_no_error (state.error);
  g_assert_nonnull (state.capture);
  g_assert_cmpuint (hs_capture_get_n_packets (state.capture), ==, 7);
  g_assert_error ((GError *) hs_capture_get_problem (state.capture),
                  HS_CAPTURE_ERROR, HS_CAPTURE_ERROR_TRUNCATED);
  g_assert_cmpuint (hs_capture_get_problem_frame (state.capture), ==, 8);
  g_assert_cmpuint (hs_capture_loader_get_n_packets (loader), ==, 7);
  g_assert_cmpfloat (hs_capture_loader_get_fraction (loader), ==, 1.0);

  g_assert_finalize_object (g_steal_pointer (&state.capture));
  g_assert_finalize_object (loader);
  load_state_clear (&state);
}

static void
expect_error (GFile      *file,
              GQuark      domain,
              int         code,
              const char *in_message)
{
  HsCaptureLoader *loader = hs_capture_loader_new (file);
  LoadState state = { 0 };

  run_load (loader, NULL, &state);
  g_assert_null (state.capture);
  g_assert_error (state.error, domain, code);
  if (in_message != NULL)
    g_assert_nonnull (strstr (state.error->message, in_message));
  g_assert_cmpuint (hs_capture_loader_get_n_packets (loader), ==, 0);

  g_assert_finalize_object (loader);
  load_state_clear (&state);
}

static void
test_errors (void)
{
  g_autofree char *notes = test_path ("notes.txt");
  g_autofree char *missing = test_path ("missing.pcap");
  g_autoptr(GFile) notes_file = g_file_new_for_path (notes);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr(GFile) remote = g_file_new_for_uri ("http://example.com/trace.pcap");
  g_autoptr(GError) error = NULL;

  g_file_set_contents (notes, "These are my notes, not packets.\n", -1, &error);
  g_assert_no_error (error);

  expect_error (notes_file, HS_CAPTURE_ERROR, HS_CAPTURE_ERROR_NOT_A_CAPTURE, notes);
  expect_error (missing_file, HS_CAPTURE_ERROR, HS_CAPTURE_ERROR_UNREADABLE, NULL);
  /* no local path: a clear message naming the location */
  g_assert_null (g_file_peek_path (remote));
  expect_error (remote, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "http://example.com/trace.pcap");
}

/* A second load while one runs is refused; the first one is unaffected. */
static void
second_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError **error = user_data;

  g_assert_null (hs_capture_loader_load_finish (HS_CAPTURE_LOADER (object), result, error));
}

static void
test_busy (void)
{
  g_autofree char *path = write_conversation ("conv.pcapng");
  HsCaptureLoader *loader = loader_for_path (path);
  g_autoptr(GError) second_error = NULL;
  LoadState state = { 0 };

  state.thread = g_thread_self ();
  state.loop = g_main_loop_new (NULL, FALSE);
  hs_capture_loader_load_async (loader, NULL, load_cb, &state);
  hs_capture_loader_load_async (loader, NULL, second_cb, &second_error);
  g_main_loop_run (state.loop);
  while (second_error == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_error (second_error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_assert_no_error (state.error);
  g_assert_cmpuint (hs_capture_get_n_packets (state.capture), ==, 8);
  g_clear_object (&state.capture);
  g_clear_error (&second_error);

  /* and the loader can load again once done */
  g_main_loop_unref (g_steal_pointer (&state.loop));
  state.done = FALSE;
  run_load (loader, NULL, &state);
  g_assert_no_error (state.error);
  g_assert_cmpuint (hs_capture_get_n_packets (state.capture), ==, 8);

  g_assert_finalize_object (g_steal_pointer (&state.capture));
  g_assert_finalize_object (loader);
  load_state_clear (&state);
}

/* The caller drops the loader and the cancellable while loading: the load
 * completes, the callback gets the loader, and everything is freed after. */
static void
dropped_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  LoadState *state = user_data;

  g_assert_true (HS_IS_CAPTURE_LOADER (object));
  state->capture = hs_capture_loader_load_finish (HS_CAPTURE_LOADER (object), result,
                                                  &state->error);
  state->done = TRUE;
  g_main_loop_quit (state->loop);
}

static void
drop_while_loading (const char *path,
                    gboolean    cancel)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  HsCaptureLoader *loader = hs_capture_loader_new (file);
  GCancellable *cancellable = g_cancellable_new ();
  LoadState state = { 0 };
  guint i;

  state.loop = g_main_loop_new (NULL, FALSE);
  g_object_add_weak_pointer (G_OBJECT (loader), (gpointer *) &loader);
  g_object_add_weak_pointer (G_OBJECT (cancellable), (gpointer *) &cancellable);

  hs_capture_loader_load_async (loader, cancellable, dropped_cb, &state);
  if (cancel)
    g_cancellable_cancel (cancellable);
  g_object_unref (loader);
  g_object_unref (cancellable);
  /* the task keeps them */
  g_assert_nonnull (loader);
  g_assert_nonnull (cancellable);

  g_main_loop_run (state.loop);
  g_assert_true (state.done);

  if (cancel)
    {
      g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    }
  else
    {
      g_assert_no_error (state.error);
      g_assert_cmpuint (hs_capture_get_n_packets (state.capture), ==, 200000);
    }

  /* once the main context is drained, nothing holds the loader any more;
   * the worker thread may still be dropping its reference to the
   * cancellable */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (loader);
  for (i = 0; cancellable != NULL && i < 5000; i++)
    g_usleep (1000);
  g_assert_null (cancellable);

  load_state_clear (&state);
}

static void
test_drop_while_loading (void)
{
  g_autofree char *path = write_many ("many.pcap", 200000);

  drop_while_loading (path, FALSE);
  drop_while_loading (path, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  /* a remote URI must stay a plain GFile without a path, with no GVfs daemon */
  g_setenv ("GIO_USE_VFS", "local", TRUE);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/handshake/loader/load", test_load);
  g_test_add_func ("/handshake/loader/singular", test_singular);
  g_test_add_func ("/handshake/loader/progress", test_progress);
  g_test_add_func ("/handshake/loader/thread-default-context", test_thread_default_context);
  g_test_add_func ("/handshake/loader/cancel", test_cancel);
  g_test_add_func ("/handshake/loader/cancel-early", test_cancel_early);
  g_test_add_func ("/handshake/loader/truncated", test_truncated);
  g_test_add_func ("/handshake/loader/errors", test_errors);
  g_test_add_func ("/handshake/loader/busy", test_busy);
  g_test_add_func ("/handshake/loader/drop-while-loading", test_drop_while_loading);

  return g_test_run ();
}
