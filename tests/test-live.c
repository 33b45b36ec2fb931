/* test-live.c
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

/* Live capture on the loopback interface while the test opens real TCP
 * connections to itself.  Capturing needs root (or CAP_NET_RAW and
 * CAP_NET_ADMIN): without, the capture cases are skipped (CI runs them as
 * root); the permission case runs either way. */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "handshake.h"
#include "hs-test-utils.h"

#define WAIT_MS 20000

typedef struct
{
  HsLiveCapture *live;
  guint          updates;
  guint          replaced;
  guint          stopped;
  GError        *error;
} Run;

static gboolean
skip_unless_capturing (void)
{
  g_autofree char *reason = hs_test_live_skip_reason ();

  if (reason == NULL)
    return FALSE;
  g_test_skip (reason);
  return TRUE;
}

static void
on_updated (HsLiveCapture *live,
            Run           *run)
{
  run->updates++;
}

static void
on_stopped (HsLiveCapture *live,
            const GError  *error,
            Run           *run)
{
  run->stopped++;
  if (error != NULL)
    run->error = g_error_copy (error);
  g_assert_false (hs_live_capture_is_running (live));
  g_assert_false (hs_capture_is_live (hs_live_capture_get_capture (live)));
}

static void
on_capture_replaced (HsLiveCapture *live,
                     GParamSpec    *pspec,
                     Run           *run)
{
  run->replaced++;
}

static HsLiveCapture *
start_capture (Run        *run,
               guint16     port,
               guint       ring_mb)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *filter = g_strdup_printf ("tcp port %u", port);
  HsLiveCapture *live = hs_live_capture_new ("lo");

  memset (run, 0, sizeof *run);
  run->live = live;
  hs_live_capture_set_filter (live, filter);
  hs_live_capture_set_ring_buffer (live, ring_mb);
  g_signal_connect (live, "updated", G_CALLBACK (on_updated), run);
  g_signal_connect (live, "stopped", G_CALLBACK (on_stopped), run);
  g_signal_connect (live, "notify::capture", G_CALLBACK (on_capture_replaced), run);

  g_assert_null (hs_live_capture_get_capture (live));
  g_assert_true (hs_live_capture_start (live, &error));
  g_assert_no_error (error);
  g_assert_true (hs_live_capture_is_running (live));
  g_assert_nonnull (hs_live_capture_get_capture (live));
  g_assert_true (hs_capture_is_live (hs_live_capture_get_capture (live)));
  run->replaced = 0;

  return live;
}

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

typedef gboolean (*Condition) (gpointer data);

/* Runs the main context until `condition` holds (FALSE on timeout). */
static gboolean
iterate_until (Condition condition,
               gpointer  data,
               guint     timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint id = g_timeout_add (5, wake_up, NULL);
  gboolean ok;

  while (!(ok = condition (data)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
  return ok;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

static void
iterate_for (guint ms)
{
  iterate_until (never, NULL, ms);
}

typedef struct
{
  HsTestTraffic *traffic;
  guint          connections;
} TrafficDone;

static gboolean
traffic_done (gpointer data)
{
  TrafficDone *done = data;

  return hs_test_traffic_get_done (done->traffic) >= done->connections;
}

static gboolean
has_packets (gpointer data)
{
  Run *run = data;
  HsLiveStats stats;

  hs_live_capture_get_stats (run->live, &stats);
  return hs_capture_get_n_packets (hs_live_capture_get_capture (run->live)) > 0 &&
         stats.captured > 0;
}

static gboolean
captured_many (gpointer data)
{
  Run *run = data;
  HsLiveStats stats;

  hs_live_capture_get_stats (run->live, &stats);
  return stats.captured >= 3000;
}

/* The document is what loading its spool gives: the same records (the
 * offsets too) and connections. */
static void
check_same_as_file (HsCapture  *live_doc,
                    const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCapture) file = hs_capture_load (path, NULL, NULL, NULL, &error);
  guint i, d;

  g_assert_no_error (error);
  g_assert_nonnull (file);
  g_assert_null (hs_capture_get_problem (file));
  g_assert_cmpstr (hs_capture_get_format (file), ==, "pcapng");
  g_assert_cmpuint (hs_capture_get_n_packets (file), ==, hs_capture_get_n_packets (live_doc));
  g_assert_cmpuint (hs_capture_get_n_connections (file), ==,
                    hs_capture_get_n_connections (live_doc));
  g_assert_cmpstr (hs_capture_get_interface (file, 0)->name, ==, "lo");

  for (i = 0; i < hs_capture_get_n_packets (file); i++)
    g_assert_cmpmem (hs_capture_get_record (file, i), sizeof (HsPacketRecord),
                     hs_capture_get_record (live_doc, i), sizeof (HsPacketRecord));

  for (i = 0; i < hs_capture_get_n_connections (file); i++)
    {
      const HsConnection *a = hs_capture_get_connection (file, i);
      const HsConnection *b = hs_capture_get_connection (live_doc, i);

      g_assert_cmpuint (a->stream, ==, b->stream);
      g_assert_cmpuint (a->conn_state, ==, b->conn_state);
      g_assert_cmpuint (a->completeness, ==, b->completeness);
      g_assert_cmpuint (a->rst_by, ==, b->rst_by);
      g_assert_cmpuint (a->n_packets, ==, b->n_packets);
      g_assert_cmpint (a->irtt_ns, ==, b->irtt_ns);
      g_assert_cmpmem (a->flag_counts, sizeof a->flag_counts, b->flag_counts,
                       sizeof b->flag_counts);
      for (d = 0; d < 2; d++)
        {
          g_assert_cmpuint (a->endpoint[d].packets, ==, b->endpoint[d].packets);
          g_assert_cmpuint (a->endpoint[d].bytes, ==, b->endpoint[d].bytes);
          g_assert_cmpuint (a->endpoint[d].final_state, ==, b->endpoint[d].final_state);
        }
    }
}

/* Captures `connections` connections of `options` and stops. */
static HsLiveCapture *
capture_connections (Run                  *run,
                     HsTestTrafficOptions *options)
{
  HsLiveCapture *live;
  TrafficDone done;

  options->port = hs_test_free_port ();
  live = start_capture (run, options->port, 0);
  done.traffic = hs_test_traffic_start (options);
  done.connections = options->connections;
  g_assert_true (iterate_until (traffic_done, &done, WAIT_MS));
  hs_test_traffic_finish (done.traffic);
  /* the last ACK follows the closing calls */
  iterate_for (300);
  hs_live_capture_stop (live);
  return live;
}

static void
test_fin (void)
{
  HsTestTrafficOptions options = { 0, 1, 3000, 5000, 1000, FALSE };
  g_autoptr(HsLiveCapture) live = NULL;
  HsLiveStats stats;
  HsCapture *doc;
  const HsConnection *conn;
  Run run;

  if (skip_unless_capturing ())
    return;

  live = capture_connections (&run, &options);
  doc = hs_live_capture_get_capture (live);

  g_assert_cmpuint (run.stopped, ==, 1);
  g_assert_no_error (run.error);
  g_assert_cmpuint (run.updates, >, 0);
  g_assert_false (hs_live_capture_is_running (live));
  g_assert_false (hs_capture_is_live (doc));

  hs_live_capture_get_stats (live, &stats);
  g_assert_cmpuint (stats.captured, ==, hs_capture_get_n_packets (doc));
  g_assert_cmpuint (stats.dropped_kernel, ==, 0);
  g_assert_cmpuint (stats.discarded_ring, ==, 0);
  g_assert_cmpint (stats.elapsed_us, >, 0);

  g_assert_cmpuint (hs_capture_get_n_connections (doc), ==, 1);
  conn = hs_capture_get_connection (doc, 0);
  g_assert_cmpuint (hs_capture_get_record (doc, 0)->tcp_flags, ==, HS_TCP_SYN);
  g_assert_cmpuint (hs_capture_get_record (doc, 1)->tcp_flags, ==, HS_TCP_SYN | HS_TCP_ACK);
  g_assert_cmpuint (hs_capture_get_record (doc, 2)->tcp_flags, ==, HS_TCP_ACK);
  g_assert_true (conn->endpoint[0].syn_seen);
  g_assert_true (conn->endpoint[1].syn_seen);
  g_assert_cmpuint (conn->endpoint[1].port, ==, options.port);
  g_assert_cmpuint (conn->endpoint[0].bytes, ==, 3000);
  g_assert_cmpuint (conn->endpoint[1].bytes, ==, 5000);
  g_assert_true (conn->endpoint[0].fin_seen);
  g_assert_true (conn->endpoint[1].fin_seen);
  g_assert_false (conn->endpoint[0].rst_seen);
  g_assert_cmpuint (conn->rst_by, ==, 0);
  g_assert_cmpstr (hs_conn_state_to_string (conn->conn_state), ==, "SF");
  g_assert_cmpstr (hs_tcp_state_to_string (conn->endpoint[0].final_state), ==, "TIME-WAIT");
  g_assert_cmpstr (hs_tcp_state_to_string (conn->endpoint[1].final_state), ==, "CLOSED");
  g_assert_cmpint (conn->irtt_ns, >=, 0);
  g_assert_cmpuint (conn->n_packets, ==, hs_capture_get_n_packets (doc));

  /* the packet bytes are in the spool */
  {
    g_autoptr(GBytes) bytes = hs_capture_read_packet (doc, 0, NULL);

    g_assert_nonnull (bytes);
    g_assert_cmpuint (g_bytes_get_size (bytes), >=, 40);
  }
  check_same_as_file (doc, hs_live_capture_get_spool_path (live));
  g_assert_true (hs_live_capture_has_unsaved (live));

  /* stopping again does nothing */
  hs_live_capture_stop (live);
  g_assert_cmpuint (run.stopped, ==, 1);
}

static void
test_reset (void)
{
  HsTestTrafficOptions options = { 0, 1, 2000, 1000, 1000, TRUE };
  g_autoptr(HsLiveCapture) live = NULL;
  const HsConnection *conn;
  HsCapture *doc;
  Run run;

  if (skip_unless_capturing ())
    return;

  live = capture_connections (&run, &options);
  doc = hs_live_capture_get_capture (live);
  g_assert_no_error (run.error);

  g_assert_cmpuint (hs_capture_get_n_connections (doc), ==, 1);
  conn = hs_capture_get_connection (doc, 0);
  g_assert_true (conn->endpoint[0].rst_seen);
  g_assert_false (conn->endpoint[0].fin_seen);
  g_assert_cmpuint (conn->rst_by, ==, 1);
  g_assert_cmpuint (conn->endpoint[0].bytes, ==, 2000);
  g_assert_cmpuint (conn->endpoint[1].bytes, ==, 1000);
  g_assert_cmpstr (hs_conn_state_to_string (conn->conn_state), ==, "RSTO");
  g_assert_cmpuint (hs_capture_get_record (doc, hs_capture_get_n_packets (doc) - 1)->tcp_flags &
                    HS_TCP_RST, !=, 0);
  check_same_as_file (doc, hs_live_capture_get_spool_path (live));
}

static void
test_bad_filter (void)
{
  const char *filters[] = { "tcp port", "hots 1.2.3.4" };
  g_autofree char *skip_reason = hs_test_live_skip_reason ();
  guint i;

  for (i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_autoptr(GError) check_error = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(HsLiveCapture) live = NULL;

      g_assert_false (hs_live_check_filter (filters[i], 1, 0, &check_error));
      g_assert_error (check_error, HS_LIVE_ERROR, HS_LIVE_ERROR_BAD_FILTER);

      if (skip_reason != NULL)
        continue;

      live = hs_live_capture_new ("lo");
      hs_live_capture_set_filter (live, filters[i]);
      g_assert_false (hs_live_capture_start (live, &error));
      g_assert_error (error, HS_LIVE_ERROR, HS_LIVE_ERROR_BAD_FILTER);
      /* pcap's own message */
      g_assert_cmpstr (error->message, ==, check_error->message);
      g_assert_false (hs_live_capture_is_running (live));
      g_assert_null (hs_live_capture_get_capture (live));
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (hs_live_check_filter ("tcp port", 1, 0, &error));
    g_assert_nonnull (strstr (error->message, "syntax error"));
    g_assert_true (hs_live_check_filter ("tcp port 80 and not host 10.0.0.1", 1, 0, NULL));
    g_assert_true (hs_live_check_filter ("", 1, 0, NULL));
  }

  if (skip_reason != NULL)
    g_test_message ("not tried on an interface: %s", skip_reason);
}

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      data)
{
  GError **error = data;

  if (!hs_live_capture_save_finish (HS_LIVE_CAPTURE (object), result, error))
    g_assert_nonnull (*error);
  else
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "ok");
}

static gboolean
has_result (gpointer data)
{
  GError **error = data;

  return *error != NULL;
}

/* Saves and returns the packet count of the file (loaded without problem). */
static guint
save_and_load (HsLiveCapture *live,
               const char    *path,
               HsSaveFormat   format)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCapture) loaded = NULL;
  gint64 end = g_get_monotonic_time () + WAIT_MS * 1000;

  hs_live_capture_save_async (live, file, format, NULL, on_saved, &result);
  while (result == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (has_result (&result));
  g_assert_true (g_error_matches (result, G_IO_ERROR, G_IO_ERROR_EXISTS));

  loaded = hs_capture_load (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (hs_capture_get_problem (loaded));
  g_assert_cmpstr (hs_capture_get_format (loaded), ==,
                   format == HS_SAVE_FORMAT_PCAP ? "pcap" : "pcapng");
  return hs_capture_get_n_packets (loaded);
}

static void
test_stop_mid_capture (void)
{
  HsTestTrafficOptions options = { 0, 0, 20000, 20000, 2000, FALSE };
  g_autoptr(HsLiveCapture) live = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *pcapng = NULL;
  g_autofree char *pcap = NULL;
  HsTestTraffic *traffic;
  HsLiveStats stats;
  HsCapture *doc;
  guint n, saved;
  Run run;

  if (skip_unless_capturing ())
    return;

  dir = g_dir_make_tmp ("hs-live-XXXXXX", NULL);
  pcapng = g_build_filename (dir, "saved.pcapng", NULL);
  pcap = g_build_filename (dir, "saved.pcap", NULL);

  options.port = hs_test_free_port ();
  live = start_capture (&run, options.port, 0);
  traffic = hs_test_traffic_start (&options);
  g_assert_true (iterate_until (has_packets, &run, WAIT_MS));

  /* saved while running: the packets of the document as it was */
  n = hs_capture_get_n_packets (hs_live_capture_get_capture (live));
  g_assert_true (hs_live_capture_has_unsaved (live));
  saved = save_and_load (live, pcapng, HS_SAVE_FORMAT_PCAPNG);
  g_assert_cmpuint (saved, >=, n);
  g_assert_cmpuint (saved, <=, hs_capture_get_n_packets (hs_live_capture_get_capture (live)));

  g_assert_true (iterate_until (captured_many, &run, WAIT_MS));
  hs_live_capture_stop (live);
  g_assert_cmpuint (hs_test_traffic_get_done (traffic), >, 0);
  hs_test_traffic_finish (traffic);
  g_assert_no_error (run.error);
  g_assert_cmpuint (run.stopped, ==, 1);

  doc = hs_live_capture_get_capture (live);
  hs_live_capture_get_stats (live, &stats);
  g_assert_cmpuint (stats.captured, >=, 3000);
  g_assert_cmpuint (stats.captured, ==, hs_capture_get_n_packets (doc));
  g_assert_cmpuint (stats.received, >=, stats.captured);
  check_same_as_file (doc, hs_live_capture_get_spool_path (live));
  g_assert_true (hs_live_capture_has_unsaved (live));

  g_assert_cmpuint (save_and_load (live, pcapng, HS_SAVE_FORMAT_PCAPNG), ==, stats.captured);
  g_assert_false (hs_live_capture_has_unsaved (live));
  g_assert_cmpuint (save_and_load (live, pcap, HS_SAVE_FORMAT_PCAP), ==, stats.captured);

  /* the same packets, times and connections in the pcap */
  {
    g_autoptr(HsCapture) loaded = hs_capture_load (pcap, NULL, NULL, NULL, NULL);
    guint i;

    g_assert_cmpuint (hs_capture_get_n_connections (loaded), ==,
                      hs_capture_get_n_connections (doc));
    for (i = 0; i < hs_capture_get_n_packets (doc); i += 97)
      {
        g_assert_cmpint (hs_capture_get_record (loaded, i)->ts_ns, ==,
                         hs_capture_get_record (doc, i)->ts_ns);
        g_assert_cmpuint (hs_capture_get_record (loaded, i)->stream, ==,
                          hs_capture_get_record (doc, i)->stream);
        g_assert_cmpuint (hs_capture_get_record (loaded, i)->analysis, ==,
                          hs_capture_get_record (doc, i)->analysis);
      }
  }

  g_unlink (pcapng);
  g_unlink (pcap);
  hs_test_remove_tmp_dir (g_steal_pointer (&dir));
}

static void
test_pause (void)
{
  HsTestTrafficOptions options = { 0, 0, 5000, 5000, 1000, FALSE };
  g_autoptr(HsLiveCapture) live = NULL;
  HsTestTraffic *traffic;
  HsLiveStats before, after;
  HsCapture *doc;
  guint n;
  Run run;

  if (skip_unless_capturing ())
    return;

  options.port = hs_test_free_port ();
  live = start_capture (&run, options.port, 0);
  doc = hs_live_capture_get_capture (live);
  traffic = hs_test_traffic_start (&options);
  g_assert_true (iterate_until (has_packets, &run, WAIT_MS));

  hs_live_capture_set_paused (live, TRUE);
  g_assert_true (hs_live_capture_get_paused (live));
  n = hs_capture_get_n_packets (doc);
  hs_live_capture_get_stats (live, &before);
  iterate_for (500);
  hs_live_capture_get_stats (live, &after);
  /* frozen while capturing goes on */
  g_assert_cmpuint (hs_capture_get_n_packets (doc), ==, n);
  g_assert_cmpuint (after.captured, >, before.captured);
  g_assert_cmpuint (after.captured, >, n);

  hs_live_capture_set_paused (live, FALSE);
  g_assert_false (hs_live_capture_get_paused (live));
  /* everything kept meanwhile is applied at once */
  g_assert_cmpuint (hs_capture_get_n_packets (doc), >, n);
  g_assert_cmpuint (hs_capture_get_n_packets (doc), >=, after.captured - 2000);

  iterate_for (200);
  hs_live_capture_set_paused (live, TRUE);
  hs_live_capture_stop (live);
  hs_test_traffic_finish (traffic);
  g_assert_false (hs_live_capture_get_paused (live));
  g_assert_no_error (run.error);

  /* nothing lost */
  hs_live_capture_get_stats (live, &after);
  g_assert_cmpuint (after.captured, ==, hs_capture_get_n_packets (doc));
  check_same_as_file (doc, hs_live_capture_get_spool_path (live));
}

static gboolean
ring_turned (gpointer data)
{
  Run *run = data;
  HsLiveStats stats;

  hs_live_capture_get_stats (run->live, &stats);
  return run->replaced >= 2 && stats.discarded_ring > 0;
}

static void
test_ring_buffer (void)
{
  HsTestTrafficOptions options = { 0, 0, 200000, 200000, 16000, FALSE };
  g_autoptr(HsLiveCapture) live = NULL;
  g_autoptr(HsCapture) first_doc = NULL;
  g_autoptr(GDir) cache = NULL;
  g_autofree char *cache_dir = g_build_filename (g_get_user_cache_dir (), "handshake", NULL);
  g_autofree char *first_spool = NULL;
  HsTestTraffic *traffic;
  HsLiveStats stats;
  HsCapture *doc;
  struct stat st;
  guint n_files = 0;
  Run run;

  if (skip_unless_capturing ())
    return;

  options.port = hs_test_free_port ();
  live = start_capture (&run, options.port, 1);
  first_doc = g_object_ref (hs_live_capture_get_capture (live));
  first_spool = g_strdup (hs_live_capture_get_spool_path (live));
  traffic = hs_test_traffic_start (&options);
  if (!iterate_until (ring_turned, &run, WAIT_MS))
    {
      hs_live_capture_get_stats (live, &stats);
      g_error ("no ring-buffer turn: %u replaced, %" G_GUINT64_FORMAT " captured, %"
               G_GUINT64_FORMAT " bytes, %" G_GUINT64_FORMAT " discarded, %u in the document",
               run.replaced, stats.captured, stats.bytes, stats.discarded_ring,
               hs_capture_get_n_packets (hs_live_capture_get_capture (live)));
    }
  hs_live_capture_stop (live);
  hs_test_traffic_finish (traffic);
  g_assert_no_error (run.error);

  doc = hs_live_capture_get_capture (live);
  g_assert_true (doc != first_doc);
  g_assert_false (hs_capture_is_live (first_doc));
  g_assert_false (hs_capture_is_live (doc));
  g_assert_cmpstr (hs_live_capture_get_spool_path (live), !=, first_spool);
  g_assert_false (g_file_test (first_spool, G_FILE_TEST_EXISTS));

  hs_live_capture_get_stats (live, &stats);
  g_assert_cmpuint (stats.discarded_ring, >, 0);
  g_assert_cmpuint (hs_capture_get_n_packets (doc) + stats.discarded_ring, ==, stats.captured);

  /* the spool stays near the limit and holds the document */
  g_assert_cmpint (g_stat (hs_live_capture_get_spool_path (live), &st), ==, 0);
  g_assert_cmpint (st.st_size, <=, 1024 * 1024 + 300000);
  check_same_as_file (doc, hs_live_capture_get_spool_path (live));

  /* the old spools are gone */
  cache = g_dir_open (cache_dir, 0, NULL);
  g_assert_nonnull (cache);
  while (g_dir_read_name (cache) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);
}

static void
test_temporary_spool (void)
{
  g_autofree char *spool = NULL;
  HsLiveCapture *live;
  Run run;

  if (skip_unless_capturing ())
    return;

  /* disposed while running: stopped without a signal, spool removed */
  live = start_capture (&run, hs_test_free_port (), 0);
  spool = g_strdup (hs_live_capture_get_spool_path (live));
  g_assert_true (g_str_has_prefix (spool, g_get_user_cache_dir ()));
  g_assert_true (g_file_test (spool, G_FILE_TEST_EXISTS));
  iterate_for (100);
  g_assert_finalize_object (live);
  g_assert_cmpuint (run.stopped, ==, 0);
  g_assert_false (g_file_test (spool, G_FILE_TEST_EXISTS));
}

static gboolean
stopped (gpointer data)
{
  Run *run = data;

  return run->stopped > 0;
}

static void
test_limits (void)
{
  HsTestTrafficOptions options = { 0, 0, 5000, 5000, 1000, FALSE };
  g_autoptr(HsLiveCapture) live = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *output = NULL;
  g_autofree char *filter = NULL;
  HsTestTraffic *traffic;
  HsLiveStats stats;
  Run run = { 0 };

  if (skip_unless_capturing ())
    return;

  dir = g_dir_make_tmp ("hs-live-XXXXXX", NULL);
  output = g_build_filename (dir, "out.pcapng", NULL);
  options.port = hs_test_free_port ();
  filter = g_strdup_printf ("tcp port %u", options.port);

  /* a count limit, into an output file */
  live = hs_live_capture_new ("lo");
  run.live = live;
  hs_live_capture_set_filter (live, filter);
  hs_live_capture_set_count_limit (live, 100);
  hs_live_capture_set_output_path (live, output);
  g_signal_connect (live, "stopped", G_CALLBACK (on_stopped), &run);
  g_assert_true (hs_live_capture_start (live, &error));
  g_assert_cmpstr (hs_live_capture_get_spool_path (live), ==, output);
  traffic = hs_test_traffic_start (&options);
  g_assert_true (iterate_until (stopped, &run, WAIT_MS));
  hs_test_traffic_finish (traffic);
  g_assert_no_error (run.error);
  hs_live_capture_get_stats (live, &stats);
  g_assert_cmpuint (stats.captured, ==, 100);
  g_assert_cmpuint (hs_capture_get_n_packets (hs_live_capture_get_capture (live)), ==, 100);
  g_assert_false (hs_live_capture_has_unsaved (live));
  check_same_as_file (hs_live_capture_get_capture (live), output);
  g_clear_object (&live);
  g_assert_true (g_file_test (output, G_FILE_TEST_EXISTS));

  /* a duration limit, with nothing captured */
  memset (&run, 0, sizeof run);
  live = hs_live_capture_new ("lo");
  run.live = live;
  hs_live_capture_set_filter (live, filter);
  hs_live_capture_set_duration_limit (live, 0.3);
  g_signal_connect (live, "stopped", G_CALLBACK (on_stopped), &run);
  g_signal_connect (live, "updated", G_CALLBACK (on_updated), &run);
  g_assert_true (hs_live_capture_start (live, &error));
  g_assert_true (iterate_until (stopped, &run, WAIT_MS));
  g_assert_no_error (run.error);
  hs_live_capture_get_stats (live, &stats);
  g_assert_cmpint (stats.elapsed_us, >=, 300000);
  g_assert_cmpint (stats.elapsed_us, <, 5000000);
  g_assert_cmpuint (stats.captured, ==, 0);
  /* the counters were updated even without packets */
  g_assert_cmpuint (run.updates, >=, 2);

  g_unlink (output);
  hs_test_remove_tmp_dir (g_steal_pointer (&dir));
}

static void
test_permission (void)
{
  g_autofree char *setpriv = g_find_program_in_path ("setpriv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  if (getuid () == 0 && setpriv == NULL)
    {
      g_test_skip ("setpriv is needed to drop the capabilities of root");
      return;
    }

  if (setpriv != NULL)
    {
      const char *argv[] = { setpriv, "--bounding-set=-net_raw,-net_admin",
                             "--inh-caps=-net_raw,-net_admin",
                             hs_test_cli_path (), "capture", "-i", "lo", "-c", "1", NULL };

      status = hs_test_run (argv, &out, &err);
    }
  else
    {
      const char *argv[] = { hs_test_cli_path (), "capture", "-i", "lo", "-c", "1", NULL };

      status = hs_test_run (argv, &out, &err);
    }

  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "setcap"));
  g_assert_nonnull (strstr (err, "“lo”"));
  g_assert_nonnull (strstr (err, "CAP_NET_RAW"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/handshake/live/fin", test_fin);
  g_test_add_func ("/handshake/live/reset", test_reset);
  g_test_add_func ("/handshake/live/bad-filter", test_bad_filter);
  g_test_add_func ("/handshake/live/stop-mid-capture", test_stop_mid_capture);
  g_test_add_func ("/handshake/live/pause", test_pause);
  g_test_add_func ("/handshake/live/ring-buffer", test_ring_buffer);
  g_test_add_func ("/handshake/live/temporary-spool", test_temporary_spool);
  g_test_add_func ("/handshake/live/limits", test_limits);
  g_test_add_func ("/handshake/live/permission", test_permission);

  return g_test_run ();
}
