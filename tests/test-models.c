/* test-models.c
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
#include "hs-capture-private.h"
#include "hs-test-utils.h"

#define T0 G_GINT64_CONSTANT (1700000000123456000)

/* G_TEST_OPTION_ISOLATE_DIRS gives each test its own cache directory and
 * removes it afterwards */
static char *
test_path (const char *name)
{
  const char *dir = g_get_user_cache_dir ();

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

/* Two connections, interleaved, with an ARP frame and a malformed TCP frame:
 *
 *  0  A  10.0.0.1:40000 → 10.0.0.2:80  SYN
 *  1  ARP
 *  2  B  SYN/ACK
 *  3  A  ACK
 *  4  v6 [2001:db8::1]:51234 → [2001:db8::2]:443  SYN
 *  5  A  PSH/ACK, 18 bytes
 *  6  v6 SYN/ACK
 *  7  A  PSH/ACK, the same 18 bytes again: retransmission
 *  8  B  ACK
 *  9  B  ACK, only the window grows: window update (not a problem)
 * 10  v6 RST from the client: a problem without an analysis flag
 * 11  A  FIN/ACK
 * 12  B  FIN/ACK
 * 13  A  ACK
 * 14  10.0.0.5:1234 → 10.0.0.6:5678, a TCP data offset of 4 words: a bad
 *     header length (a problem without an analysis flag), stream 2
 */
static const HsTestSegment segments[] = {
  { "10.0.0.1", "10.0.0.2", 40000, 80, 1000, 0, HS_TCP_SYN, 64240, 0 },
  { NULL },
  { "10.0.0.2", "10.0.0.1", 80, 40000, 5000, 1001, HS_TCP_SYN | HS_TCP_ACK, 65160, 0 },
  { "10.0.0.1", "10.0.0.2", 40000, 80, 1001, 5001, HS_TCP_ACK, 64240, 0 },
  { "2001:db8::1", "2001:db8::2", 51234, 443, 100, 0, HS_TCP_SYN, 64800, 0 },
  { "10.0.0.1", "10.0.0.2", 40000, 80, 1001, 5001, HS_TCP_ACK | HS_TCP_PSH, 64240, 18,
    "GET / HTTP/1.1\r\n\r\n" },
  { "2001:db8::2", "2001:db8::1", 443, 51234, 900, 101, HS_TCP_SYN | HS_TCP_ACK, 65000, 0 },
  { "10.0.0.1", "10.0.0.2", 40000, 80, 1001, 5001, HS_TCP_ACK | HS_TCP_PSH, 64240, 18,
    "GET / HTTP/1.1\r\n\r\n" },
  { "10.0.0.2", "10.0.0.1", 80, 40000, 5001, 1019, HS_TCP_ACK, 65160, 0 },
  { "10.0.0.2", "10.0.0.1", 80, 40000, 5001, 1019, HS_TCP_ACK, 65535, 0 },
  { "2001:db8::1", "2001:db8::2", 51234, 443, 101, 0, HS_TCP_RST, 0, 0 },
  { "10.0.0.1", "10.0.0.2", 40000, 80, 1019, 5001, HS_TCP_ACK | HS_TCP_FIN, 64240, 0 },
  { "10.0.0.2", "10.0.0.1", 80, 40000, 5001, 1020, HS_TCP_ACK | HS_TCP_FIN, 65535, 0 },
  { "10.0.0.1", "10.0.0.2", 40000, 80, 1020, 5002, HS_TCP_ACK, 64240, 0 },
  { "10.0.0.5", "10.0.0.6", 1234, 5678, 1, 0, HS_TCP_ACK, 1000, 0 },
};

#define N_SEGMENTS   G_N_ELEMENTS (segments)
#define ARP_INDEX    1
#define BAD_INDEX    14

static const guint32 stream0[] = { 0, 2, 3, 5, 7, 8, 9, 11, 12, 13 };
static const guint32 stream1[] = { 4, 6, 10 };
static const guint32 stream2[] = { BAD_INDEX };

static HsCapture *
load_crafted (void)
{
  g_autofree char *path = test_path ("crafted.pcap");
  g_autoptr(GError) error = NULL;
  HsTestWriter *w;
  HsCapture *capture;
  guint i;

  w = hs_test_writer_new (path, HS_TEST_PCAP_USEC, 1, FALSE);
  for (i = 0; i < N_SEGMENTS; i++)
    {
      gint64 ts = T0 + i * G_GINT64_CONSTANT (1000000);

      if (i == ARP_INDEX)
        {
          guint8 arp[42] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 2, 0, 0, 0, 0, 1, 0x08, 0x06 };

          hs_test_writer_packet (w, 0, ts, arp, sizeof arp, sizeof arp);
        }
      else
        {
          g_autoptr(GByteArray) f = hs_test_build_frame (&segments[i]);

          if (i == BAD_INDEX)
            f->data[14 + 20 + 12] = 4 << 4; /* TCP data offset below 5 */
          hs_test_writer_packet (w, 0, ts, f->data, f->len, f->len);
        }
    }
  hs_test_writer_close (w);

  capture = hs_capture_load (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (capture);
  g_assert_null (hs_capture_get_problem (capture));
  g_assert_cmpuint (hs_capture_get_n_packets (capture), ==, N_SEGMENTS);
  g_assert_cmpuint (hs_capture_get_n_connections (capture), ==, 3);

  return capture;
}

/* The model lists exactly `expected`, as HsPacketItems of `capture`. */
static void
assert_model (HsIndexModel  *model,
              HsCapture     *capture,
              const guint32 *expected,
              guint          n_expected)
{
  GListModel *list = G_LIST_MODEL (model);
  guint n_items = 0;
  guint i;

  g_assert_true (g_list_model_get_item_type (list) == HS_TYPE_PACKET_ITEM);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n_expected);
  g_object_get (model, "n-items", &n_items, NULL);
  g_assert_cmpuint (n_items, ==, n_expected);
  g_assert_true (hs_index_model_get_capture (model) == capture);

  for (i = 0; i < n_expected; i++)
    {
      g_autoptr(HsPacketItem) item = g_list_model_get_item (list, i);
      guint position = G_MAXUINT;

      g_assert_true (HS_IS_PACKET_ITEM (item));
      g_assert_cmpuint (hs_packet_item_get_index (item), ==, expected[i]);
      g_assert_true (hs_packet_item_get_capture (item) == capture);
      g_assert_true (hs_packet_item_get_record (item) ==
                     hs_capture_get_record (capture, expected[i]));
      g_assert_cmpuint (hs_index_model_get_index (model, i), ==, expected[i]);
      g_assert_true (hs_index_model_find (model, expected[i], &position));
      g_assert_cmpuint (position, ==, i);
    }

  g_assert_null (g_list_model_get_item (list, n_expected));
  g_assert_null (g_list_model_get_item (list, G_MAXUINT));
}

static void
test_crafted_flags (void)
{
  g_autoptr(HsCapture) capture = load_crafted ();
  const HsPacketRecord *rec;
  guint i;

  /* the premises the model tests rely on */
  g_assert_cmpuint (hs_capture_get_record (capture, 7)->analysis, ==,
                    HS_ANALYSIS_RETRANSMISSION);
  g_assert_cmpuint (hs_capture_get_record (capture, 9)->analysis, ==,
                    HS_ANALYSIS_WINDOW_UPDATE);
  rec = hs_capture_get_record (capture, 10);
  g_assert_cmpuint (rec->tcp_flags & HS_TCP_RST, !=, 0);
  g_assert_cmpuint (rec->analysis, ==, 0);
  rec = hs_capture_get_record (capture, BAD_INDEX);
  g_assert_cmpuint (rec->problems, ==, HS_PROBLEM_BAD_HEADER_LENGTH);
  g_assert_cmpuint (rec->stream, ==, 2);
  g_assert_cmpuint (hs_capture_get_record (capture, ARP_INDEX)->decode_status, ==,
                    HS_DECODE_NOT_TCP);

  for (i = 0; i < N_SEGMENTS; i++)
    {
      if (i != 7 && i != 9)
        g_assert_cmpuint (hs_capture_get_record (capture, i)->analysis, ==, 0);
    }
}

static void
test_packet_item (void)
{
  g_autoptr(HsCapture) capture = load_crafted ();
  HsPacketItem *item;
  g_autoptr(HsCapture) from_prop = NULL;
  guint index = 0;

  item = hs_packet_item_new (capture, 5);
  g_assert_true (hs_packet_item_get_capture (item) == capture);
  g_assert_cmpuint (hs_packet_item_get_index (item), ==, 5);
  g_assert_cmpuint (hs_packet_item_get_record (item)->payload_len, ==, 18);
  g_assert_cmpuint (hs_packet_item_get_record (item)->seq, ==, 1001);

  g_object_get (item, "capture", &from_prop, "index", &index, NULL);
  g_assert_true (from_prop == capture);
  g_assert_cmpuint (index, ==, 5);
  g_clear_object (&from_prop);

  /* the item holds the capture */
  g_assert_finalize_object (item);
  g_assert_cmpuint (hs_capture_get_n_packets (capture), ==, N_SEGMENTS);
  g_assert_finalize_object (g_steal_pointer (&capture));
}

static void
test_all (void)
{
  g_autoptr(HsCapture) capture = load_crafted ();
  HsIndexModel *model;
  guint32 all[N_SEGMENTS];
  guint position = 0;
  guint i;

  for (i = 0; i < N_SEGMENTS; i++)
    all[i] = i;

  model = hs_index_model_new_all (capture);
  assert_model (model, capture, all, N_SEGMENTS);

  /* past the end: not found, clamped to the last row */
  g_assert_false (hs_index_model_find (model, N_SEGMENTS, &position));
  g_assert_cmpuint (position, ==, N_SEGMENTS - 1);

  g_assert_finalize_object (model);

  /* no filter at all is the same as every packet */
  model = hs_index_model_new_filtered (capture, HS_NO_STREAM, 0, FALSE);
  assert_model (model, capture, all, N_SEGMENTS);
  g_assert_finalize_object (model);

  g_assert_finalize_object (g_steal_pointer (&capture));
}

static void
test_stream (void)
{
  g_autoptr(HsCapture) capture = load_crafted ();
  HsIndexModel *model;
  guint position = 0;

  model = hs_index_model_new_filtered (capture, 0, 0, FALSE);
  assert_model (model, capture, stream0, G_N_ELEMENTS (stream0));

  /* packets of the other stream: where they would go */
  g_assert_false (hs_index_model_find (model, 4, &position));
  g_assert_cmpuint (position, ==, 3);   /* before 5, at row 3 */
  g_assert_false (hs_index_model_find (model, 1, &position));
  g_assert_cmpuint (position, ==, 1);
  g_assert_false (hs_index_model_find (model, 10, &position));
  g_assert_cmpuint (position, ==, 7);   /* before 11 */
  g_assert_false (hs_index_model_find (model, BAD_INDEX, &position));
  g_assert_cmpuint (position, ==, G_N_ELEMENTS (stream0) - 1);  /* clamped */
  g_assert_false (hs_index_model_find (model, 1000, NULL));
  g_assert_finalize_object (model);

  model = hs_index_model_new_filtered (capture, 1, 0, FALSE);
  assert_model (model, capture, stream1, G_N_ELEMENTS (stream1));
  g_assert_false (hs_index_model_find (model, 0, &position));
  g_assert_cmpuint (position, ==, 0);
  g_assert_false (hs_index_model_find (model, 5, &position));
  g_assert_cmpuint (position, ==, 1);
  g_assert_finalize_object (model);

  model = hs_index_model_new_filtered (capture, 2, 0, FALSE);
  assert_model (model, capture, stream2, G_N_ELEMENTS (stream2));
  g_assert_false (hs_index_model_find (model, 0, &position));
  g_assert_cmpuint (position, ==, 0);
  g_assert_false (hs_index_model_find (model, BAD_INDEX + 1, &position));
  g_assert_cmpuint (position, ==, 0);
  g_assert_finalize_object (model);

  g_assert_finalize_object (g_steal_pointer (&capture));
}

static void
check_filter (HsCapture     *capture,
              guint32        stream,
              guint          mask,
              gboolean       problems_only,
              const guint32 *expected,
              guint          n_expected)
{
  HsIndexModel *model = hs_index_model_new_filtered (capture, stream, mask, problems_only);

  assert_model (model, capture, expected, n_expected);
  g_assert_finalize_object (model);
}

static void
test_filtered (void)
{
  g_autoptr(HsCapture) capture = load_crafted ();
  const guint32 retrans[] = { 7 };
  const guint32 update[] = { 9 };
  const guint32 both[] = { 7, 9 };
  const guint32 problems[] = { 7, 10, BAD_INDEX };
  const guint32 rst[] = { 10 };

  check_filter (capture, HS_NO_STREAM, HS_ANALYSIS_RETRANSMISSION, FALSE, retrans, 1);
  check_filter (capture, HS_NO_STREAM, HS_ANALYSIS_WINDOW_UPDATE, FALSE, update, 1);
  check_filter (capture, HS_NO_STREAM, HS_ANALYSIS_RETRANSMISSION | HS_ANALYSIS_WINDOW_UPDATE,
                FALSE, both, 2);
  /* a window update is not a problem; a RST and a malformed header are */
  check_filter (capture, HS_NO_STREAM, 0, TRUE, problems, G_N_ELEMENTS (problems));
  /* both filters: AND */
  check_filter (capture, HS_NO_STREAM, HS_ANALYSIS_WINDOW_UPDATE, TRUE, NULL, 0);
  check_filter (capture, HS_NO_STREAM, HS_ANALYSIS_RETRANSMISSION | HS_ANALYSIS_WINDOW_UPDATE,
                TRUE, retrans, 1);
  check_filter (capture, HS_NO_STREAM, HS_ANALYSIS_ZERO_WINDOW, FALSE, NULL, 0);

  check_filter (capture, 0, 0, TRUE, retrans, 1);
  check_filter (capture, 0, HS_ANALYSIS_WINDOW_UPDATE, FALSE, update, 1);
  check_filter (capture, 1, 0, TRUE, rst, 1);
  check_filter (capture, 1, HS_ANALYSIS_RETRANSMISSION, FALSE, NULL, 0);
  check_filter (capture, 2, 0, TRUE, stream2, 1);
  check_filter (capture, 2, HS_ANALYSIS_RETRANSMISSION, TRUE, NULL, 0);

  g_assert_finalize_object (g_steal_pointer (&capture));
}

static void
test_empty (void)
{
  g_autoptr(HsCapture) capture = load_crafted ();
  HsIndexModel *model;
  guint position = 42;

  model = hs_index_model_new_filtered (capture, HS_NO_STREAM, HS_ANALYSIS_ZERO_WINDOW, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_false (hs_index_model_find (model, 3, &position));
  g_assert_cmpuint (position, ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 0));
  g_assert_finalize_object (model);

  model = hs_index_model_new_take (capture, NULL, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_finalize_object (model);

  g_assert_finalize_object (g_steal_pointer (&capture));
}

static void
test_take (void)
{
  g_autoptr(HsCapture) capture = load_crafted ();
  const guint32 expected[] = { 1, 4, 9, 14 };
  HsIndexModel *model;
  guint position = 0;

  model = hs_index_model_new_take (capture, g_memdup2 (expected, sizeof expected),
                                   G_N_ELEMENTS (expected));
  assert_model (model, capture, expected, G_N_ELEMENTS (expected));

  g_assert_false (hs_index_model_find (model, 0, &position));
  g_assert_cmpuint (position, ==, 0);
  g_assert_false (hs_index_model_find (model, 2, &position));
  g_assert_cmpuint (position, ==, 1);
  g_assert_false (hs_index_model_find (model, 5, &position));
  g_assert_cmpuint (position, ==, 2);
  g_assert_false (hs_index_model_find (model, 10, &position));
  g_assert_cmpuint (position, ==, 3);

  /* an item outlives the model, and keeps the capture */
  {
    HsPacketItem *item = g_list_model_get_item (G_LIST_MODEL (model), 2);

    g_assert_finalize_object (model);
    g_assert_cmpuint (hs_packet_item_get_index (item), ==, 9);
    g_assert_cmpuint (hs_packet_item_get_record (item)->analysis, ==,
                      HS_ANALYSIS_WINDOW_UPDATE);
    g_assert_finalize_object (item);
  }

  g_assert_finalize_object (g_steal_pointer (&capture));
}

/* A capture of synthetic records, one per row of `table` repeated. */
typedef struct
{
  guint16 analysis;
  guint16 tcp_flags;
  guint8  decode_status;
  guint8  problems;
  gboolean anomaly;       /* the expected verdict of "problems only" */
} Synthetic;

static const Synthetic synthetic[] = {
  { 0, HS_TCP_ACK, HS_DECODE_TCP, 0, FALSE },
  { HS_ANALYSIS_WINDOW_UPDATE, HS_TCP_ACK, HS_DECODE_TCP, 0, FALSE },
  { HS_ANALYSIS_KEEP_ALIVE_ACK, HS_TCP_ACK, HS_DECODE_TCP, 0, FALSE },
  { HS_ANALYSIS_WINDOW_UPDATE | HS_ANALYSIS_KEEP_ALIVE_ACK, HS_TCP_ACK, HS_DECODE_TCP, 0, FALSE },
  { HS_ANALYSIS_KEEP_ALIVE, HS_TCP_ACK, HS_DECODE_TCP, 0, TRUE },
  { HS_ANALYSIS_DUPLICATE_ACK, HS_TCP_ACK, HS_DECODE_TCP, 0, TRUE },
  { HS_ANALYSIS_ZERO_WINDOW_PROBE_ACK, HS_TCP_ACK, HS_DECODE_TCP, 0, TRUE },
  { HS_ANALYSIS_WINDOW_UPDATE | HS_ANALYSIS_REUSED_PORTS, HS_TCP_SYN, HS_DECODE_TCP, 0, TRUE },
  { 0, HS_TCP_RST | HS_TCP_ACK, HS_DECODE_TCP, 0, TRUE },
  { 0, HS_TCP_SYN | HS_TCP_FIN, HS_DECODE_TCP, 0, FALSE },
  { 0, 0, HS_DECODE_MALFORMED, 0, TRUE },
  { 0, 0, HS_DECODE_NOT_TCP, 0, FALSE },
  { 0, 0, HS_DECODE_FRAGMENT, 0, FALSE },
  { 0, HS_TCP_ACK, HS_DECODE_TCP, HS_PROBLEM_SNAPLEN_TRUNCATED, FALSE },
  { 0, HS_TCP_ACK, HS_DECODE_TCP, HS_PROBLEM_BAD_TCP_OPTION, TRUE },
  { 0, HS_TCP_ACK, HS_DECODE_TCP, HS_PROBLEM_BAD_HEADER_LENGTH, TRUE },
  { 0, HS_TCP_ACK, HS_DECODE_TCP, HS_PROBLEM_BAD_IP_LENGTH, TRUE },
};

static HsCapture *
synthetic_capture (guint n)
{
  HsCapture *capture = g_object_new (HS_TYPE_CAPTURE, NULL);
  guint i;

  for (i = 0; i < n; i++)
    {
      const Synthetic *s = &synthetic[i % G_N_ELEMENTS (synthetic)];
      HsPacketRecord *rec = _hs_capture_append (capture);

      rec->stream = HS_NO_STREAM;
      rec->analysis = s->analysis;
      rec->tcp_flags = s->tcp_flags;
      rec->decode_status = s->decode_status;
      rec->problems = s->problems;
    }

  return capture;
}

static void
test_take_invalid (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(HsCapture) capture = synthetic_capture (4);
      const guint32 bad[] = { 3, 2 };

      hs_index_model_new_take (capture, g_memdup2 (bad, sizeof bad), 2);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*not ascending*");
}

static void
test_anomaly_rule (void)
{
  HsCapture *capture = synthetic_capture (G_N_ELEMENTS (synthetic));
  HsIndexModel *model = hs_index_model_new_filtered (capture, HS_NO_STREAM, 0, TRUE);
  guint n = 0;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (synthetic); i++)
    {
      guint position;

      g_assert_cmpint (hs_index_model_find (model, i, &position), ==, synthetic[i].anomaly);
      n += synthetic[i].anomaly;
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);
  g_assert_cmpuint (n, ==, 9);

  g_assert_finalize_object (model);
  g_assert_finalize_object (capture);
}

/* A million records, spread over many chunks: the scan is a linear pass,
 * and the indexes are right across chunk boundaries. */
static void
test_filter_speed (void)
{
  const guint n = 1000000;
  const guint period = G_N_ELEMENTS (synthetic);
  HsCapture *capture = synthetic_capture (n);
  HsIndexModel *model;
  gint64 begin, elapsed;
  guint expected = 0;
  guint last = 0;
  guint i;

  for (i = 0; i < n; i++)
    {
      if (synthetic[i % period].anomaly)
        {
          expected++;
          last = i;
        }
    }

  begin = g_get_monotonic_time ();
  model = hs_index_model_new_filtered (capture, HS_NO_STREAM, 0, TRUE);
  elapsed = g_get_monotonic_time () - begin;
  g_test_message ("problems-only scan of %u records: %.1f ms", n, elapsed / 1000.0);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, expected);
  g_assert_cmpuint (hs_index_model_get_index (model, expected - 1), ==, last);
  for (i = 0; i < expected; i += 7919)
    {
      guint index = hs_index_model_get_index (model, i);
      guint position;

      g_assert_true (synthetic[index % period].anomaly);
      g_assert_true (hs_index_model_find (model, index, &position));
      g_assert_cmpuint (position, ==, i);
    }
  /* generous: the target is ~10 ms, a per-record object or lookup is far slower */
  g_assert_cmpint (elapsed, <, 250 * 1000);
  g_assert_finalize_object (model);

  model = hs_index_model_new_filtered (capture, HS_NO_STREAM, HS_ANALYSIS_DUPLICATE_ACK, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==,
                    n / period + (5 < n % period ? 1 : 0));
  g_assert_cmpuint (hs_index_model_get_index (model, 0), ==, 5);
  g_assert_cmpuint (hs_index_model_get_index (model, 1), ==, 5 + period);
  g_assert_finalize_object (model);

  g_assert_finalize_object (capture);
}

static void
test_connections (void)
{
  g_autoptr(HsCapture) capture = load_crafted ();
  GListModel *list;
  HsConnectionItem *v4;
  HsConnectionItem *v6;
  HsConnectionItem *bad;
  g_autofree char *title = NULL;
  g_autofree char *prop_title = NULL;
  guint n_problems = G_MAXUINT;
  guint stream = G_MAXUINT;

  list = hs_capture_list_connections (capture);
  g_assert_true (g_list_model_get_item_type (list) == HS_TYPE_CONNECTION_ITEM);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);

  v4 = g_list_model_get_item (list, 0);
  v6 = g_list_model_get_item (list, 1);
  bad = g_list_model_get_item (list, 2);
  g_assert_null (g_list_model_get_item (list, 3));

  g_assert_cmpuint (hs_connection_item_get_stream (v4), ==, 0);
  g_assert_cmpuint (hs_connection_item_get_stream (v6), ==, 1);
  g_assert_true (hs_connection_item_get_capture (v4) == capture);
  g_assert_true (hs_connection_item_get_connection (v4) == hs_capture_get_connection (capture, 0));
  g_assert_true (hs_connection_item_get_connection (v6) == hs_capture_get_connection (capture, 1));

  title = hs_connection_item_dup_title (v4);
  g_assert_cmpstr (title, ==, "10.0.0.1:40000 → 10.0.0.2:80");
  g_clear_pointer (&title, g_free);
  title = hs_connection_item_dup_title (v6);
  g_assert_cmpstr (title, ==, "[2001:db8::1]:51234 → [2001:db8::2]:443");
  g_object_get (v6, "title", &prop_title, "stream", &stream, NULL);
  g_assert_cmpstr (prop_title, ==, title);
  g_assert_cmpuint (stream, ==, 1);
  g_clear_pointer (&title, g_free);

  /* a retransmission counts, a window update does not; a RST is not an
   * analysis flag */
  g_assert_cmpuint (hs_connection_item_get_n_problems (v4), ==, 1);
  g_assert_cmpuint (hs_connection_item_get_n_problems (v6), ==, 0);
  g_object_get (v4, "n-problems", &n_problems, NULL);
  g_assert_cmpuint (n_problems, ==, 1);
  g_assert_cmpuint (hs_connection_item_get_n_problems (bad), ==, 0);
  g_assert_cmpuint (hs_connection_item_get_stream (bad), ==, 2);
  title = hs_connection_item_dup_title (bad);
  g_assert_cmpstr (title, ==, "10.0.0.5:1234 → 10.0.0.6:5678");
  g_clear_pointer (&title, g_free);

  /* addresses, ports and addr:port of either end, case-insensitively */
  g_assert_true (hs_connection_item_matches (v4, ""));
  g_assert_true (hs_connection_item_matches (v4, NULL));
  g_assert_true (hs_connection_item_matches (v4, "10.0.0.2"));
  g_assert_true (hs_connection_item_matches (v4, "0.0.1:4"));
  g_assert_true (hs_connection_item_matches (v4, "40000"));
  g_assert_true (hs_connection_item_matches (v4, ":80"));
  g_assert_true (hs_connection_item_matches (v4, "10.0.0.2:80"));
  g_assert_false (hs_connection_item_matches (v4, "443"));
  g_assert_false (hs_connection_item_matches (v4, "10.0.0.3"));
  /* not across the two ends */
  g_assert_false (hs_connection_item_matches (v4, "40000 → 10"));
  g_assert_false (hs_connection_item_matches (v4, "2001"));

  g_assert_true (hs_connection_item_matches (v6, "2001:DB8::2"));
  g_assert_true (hs_connection_item_matches (v6, "[2001:db8::1]:51234"));
  g_assert_true (hs_connection_item_matches (v6, "db8::2]:443"));
  g_assert_true (hs_connection_item_matches (v6, "443"));
  g_assert_true (hs_connection_item_matches (v6, "51234"));
  g_assert_false (hs_connection_item_matches (v6, "2001:db8::3"));
  g_assert_false (hs_connection_item_matches (v6, "10.0.0.1"));
  g_assert_false (hs_connection_item_matches (v6, "80"));

  g_assert_true (hs_connection_item_matches (bad, "5678"));
  g_assert_false (hs_connection_item_matches (bad, "80"));

  g_clear_object (&v4);
  g_clear_object (&v6);
  g_clear_object (&bad);
  g_assert_finalize_object (list);
  g_assert_finalize_object (g_steal_pointer (&capture));
}

static void
test_connection_item_new (void)
{
  g_autoptr(HsCapture) capture = load_crafted ();
  HsConnectionItem *item = hs_connection_item_new (capture, 1);
  g_autoptr(HsCapture) from_prop = NULL;

  g_assert_cmpuint (hs_connection_item_get_stream (item), ==, 1);
  g_assert_cmpuint (hs_connection_item_get_connection (item)->ip_version, ==, 6);
  g_assert_cmpuint (hs_connection_item_get_connection (item)->endpoint[1].port, ==, 443);
  g_object_get (item, "capture", &from_prop, NULL);
  g_assert_true (from_prop == capture);
  g_clear_object (&from_prop);

  g_assert_finalize_object (item);
  g_assert_finalize_object (g_steal_pointer (&capture));
}

static void
test_no_connections (void)
{
  HsCapture *capture = synthetic_capture (3);
  GListModel *list = hs_capture_list_connections (capture);

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_assert_finalize_object (list);
  g_assert_finalize_object (capture);
}

/* Live documents ---------------------------------------------------------- */

typedef struct
{
  guint32  stream;
  guint    mask;
  gboolean problems_only;
} LiveFilter;

typedef struct
{
  HsIndexModel *model;
  LiveFilter    filter;
  guint         n_signals;
  guint         position;
  guint         removed;
  guint         added;
  guint         n_notifies;
} LiveWatch;

static void
on_live_items_changed (GListModel *list,
                       guint       position,
                       guint       removed,
                       guint       added,
                       LiveWatch  *watch)
{
  watch->n_signals++;
  watch->position = position;
  watch->removed = removed;
  watch->added = added;
}

static void
on_live_n_items (GObject    *object,
                 GParamSpec *pspec,
                 LiveWatch  *watch)
{
  watch->n_notifies++;
}

/* The same indexes as a model made now over `capture`. */
static void
assert_same_as_fresh (HsIndexModel     *model,
                      HsCapture        *capture,
                      const LiveFilter *f)
{
  g_autoptr(HsIndexModel) fresh = NULL;
  guint n;
  guint i;

  if (f->stream == HS_NO_STREAM && f->mask == 0 && !f->problems_only)
    fresh = hs_index_model_new_all (capture);
  else
    fresh = hs_index_model_new_filtered (capture, f->stream, f->mask, f->problems_only);

  n = g_list_model_get_n_items (G_LIST_MODEL (fresh));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);
  for (i = 0; i < n; i++)
    g_assert_cmpuint (hs_index_model_get_index (model, i), ==, hs_index_model_get_index (fresh, i));
  for (i = 0; i < n; i++)
    {
      guint position;

      g_assert_true (hs_index_model_find (model, hs_index_model_get_index (fresh, i), &position));
      g_assert_cmpuint (position, ==, i);
    }
}

static void
check_live_growth (HsCapture     *full,
                   const guint   *steps,
                   guint          n_steps)
{
  g_autoptr(HsCapture) live = hs_test_live_new (full);
  const LiveFilter filters[] = {
    { HS_NO_STREAM, 0, FALSE },
    { HS_NO_STREAM, 0, TRUE },
    { HS_NO_STREAM, HS_ANALYSIS_RETRANSMISSION | HS_ANALYSIS_WINDOW_UPDATE, FALSE },
    { HS_NO_STREAM, HS_ANALYSIS_DUPLICATE_ACK, TRUE },
    { 0, 0, FALSE },
    { 0, 0, TRUE },
    { 1, 0, FALSE },
    { 1, HS_ANALYSIS_RETRANSMISSION, FALSE },
  };
  g_autoptr(GArray) watches = g_array_new (FALSE, TRUE, sizeof (LiveWatch));
  g_autoptr(HsIndexModel) take = NULL;
  guint s, i, f;

  /* a model of given indexes does not grow */
  take = hs_index_model_new_take (live, NULL, 0);

  for (s = 0; s < n_steps; s++)
    {
      guint before = hs_capture_get_n_packets (live);

      /* a view of each filter made as soon as its stream exists: some
       * from the empty document, some part-way */
      for (f = 0; f < G_N_ELEMENTS (filters); f++)
        {
          const LiveFilter *filter = &filters[f];
          gboolean have = FALSE;
          LiveWatch watch = { 0 };

          for (i = 0; i < watches->len; i++)
            have |= g_array_index (watches, LiveWatch, i).filter.stream == filter->stream &&
                    g_array_index (watches, LiveWatch, i).filter.mask == filter->mask &&
                    g_array_index (watches, LiveWatch, i).filter.problems_only == filter->problems_only;
          if (have || (filter->stream != HS_NO_STREAM &&
                       filter->stream >= hs_capture_get_n_connections (live)))
            continue;

          watch.filter = *filter;
          if (filter->stream == HS_NO_STREAM && filter->mask == 0 && !filter->problems_only)
            watch.model = hs_index_model_new_all (live);
          else
            watch.model = hs_index_model_new_filtered (live, filter->stream, filter->mask,
                                                       filter->problems_only);
          g_array_append_val (watches, watch);
        }
      /* connected for this step only: the array does not move meanwhile */
      {
        g_autofree guint *old_n = g_new0 (guint, watches->len + 1);

        for (i = 0; i < watches->len; i++)
          {
            LiveWatch *w = &g_array_index (watches, LiveWatch, i);

            w->n_signals = w->n_notifies = 0;
            old_n[i] = g_list_model_get_n_items (G_LIST_MODEL (w->model));
            g_signal_connect (w->model, "items-changed", G_CALLBACK (on_live_items_changed), w);
            g_signal_connect (w->model, "notify::n-items", G_CALLBACK (on_live_n_items), w);
          }

        hs_test_live_grow (live, full, steps[s]);
        g_assert_cmpuint (hs_capture_get_n_packets (live), ==, steps[s]);

        for (i = 0; i < watches->len; i++)
          {
            LiveWatch *w = &g_array_index (watches, LiveWatch, i);
            guint n = g_list_model_get_n_items (G_LIST_MODEL (w->model));

            /* one items-changed at the end per batch, none when nothing matched */
            if (n == old_n[i])
              {
                g_assert_cmpuint (w->n_signals, ==, 0);
                g_assert_cmpuint (w->n_notifies, ==, 0);
              }
            else
              {
                g_assert_cmpuint (w->n_signals, ==, 1);
                g_assert_cmpuint (w->n_notifies, ==, 1);
                g_assert_cmpuint (w->position, ==, old_n[i]);
                g_assert_cmpuint (w->removed, ==, 0);
                g_assert_cmpuint (w->added, ==, n - old_n[i]);
              }
            g_signal_handlers_disconnect_by_data (w->model, w);
            assert_same_as_fresh (w->model, live, &w->filter);
          }
      }
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (take)), ==, 0);
      g_assert_cmpuint (steps[s], >=, before);
    }

  /* grown to the end: the same as over the loaded file; every filter was made */
  g_assert_cmpuint (watches->len, ==, G_N_ELEMENTS (filters));
  for (i = 0; i < watches->len; i++)
    {
      LiveWatch *w = &g_array_index (watches, LiveWatch, i);
      g_autoptr(HsIndexModel) fresh = NULL;
      guint n, k;

      if (w->filter.stream == HS_NO_STREAM && w->filter.mask == 0 && !w->filter.problems_only)
        fresh = hs_index_model_new_all (full);
      else
        fresh = hs_index_model_new_filtered (full, w->filter.stream, w->filter.mask,
                                             w->filter.problems_only);
      n = g_list_model_get_n_items (G_LIST_MODEL (fresh));
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (w->model)), ==, n);
      for (k = 0; k < n; k++)
        g_assert_cmpuint (hs_index_model_get_index (w->model, k), ==,
                          hs_index_model_get_index (fresh, k));
    }

  /* no longer live: the models stay as they are, and go with their capture */
  _hs_capture_finish_live (live);
  for (i = 0; i < watches->len; i++)
    g_assert_finalize_object (g_array_index (watches, LiveWatch, i).model);
  g_assert_finalize_object (g_steal_pointer (&take));
  g_assert_finalize_object (g_steal_pointer (&live));
}

static void
test_live_growth (void)
{
  g_autoptr(HsCapture) crafted = load_crafted ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "sample.pcapng", NULL);
  g_autoptr(HsCapture) sample = hs_test_load (path);
  guint n = hs_capture_get_n_packets (sample);
  const guint crafted_steps[] = { 0, 1, 2, 3, 5, 9, 10, 14, N_SEGMENTS };
  const guint sample_steps[] = { 1, 3, 3, 8, n / 3, n / 2 + 1, n - 1, n };

  check_live_growth (crafted, crafted_steps, G_N_ELEMENTS (crafted_steps));
  check_live_growth (sample, sample_steps, G_N_ELEMENTS (sample_steps));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/handshake/models/crafted-flags", test_crafted_flags);
  g_test_add_func ("/handshake/models/packet-item", test_packet_item);
  g_test_add_func ("/handshake/models/all", test_all);
  g_test_add_func ("/handshake/models/stream", test_stream);
  g_test_add_func ("/handshake/models/filtered", test_filtered);
  g_test_add_func ("/handshake/models/empty", test_empty);
  g_test_add_func ("/handshake/models/take", test_take);
  g_test_add_func ("/handshake/models/take-invalid", test_take_invalid);
  g_test_add_func ("/handshake/models/anomaly-rule", test_anomaly_rule);
  g_test_add_func ("/handshake/models/filter-speed", test_filter_speed);
  g_test_add_func ("/handshake/models/connections", test_connections);
  g_test_add_func ("/handshake/models/connection-item-new", test_connection_item_new);
  g_test_add_func ("/handshake/models/no-connections", test_no_connections);
  g_test_add_func ("/handshake/models/live-growth", test_live_growth);

  return g_test_run ();
}
