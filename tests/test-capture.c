/* test-capture.c
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

static char *
tmp_path (const char *name)
{
  return g_build_filename (g_get_tmp_dir (), name, NULL);
}

/* A short connection: handshake, one data segment each way, FIN/ACK both ways. */
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

static void
write_conversation (HsTestWriter *w,
                    guint         iface)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (conversation); i++)
    {
      g_autoptr(GByteArray) f = hs_test_build_frame (&conversation[i]);

      hs_test_writer_packet (w, iface, T0 + i * G_GINT64_CONSTANT (1000000), f->data, f->len,
                             f->len);
    }
}

static void
check_conversation (HsCapture *capture)
{
  const HsConnection *conn;
  const HsPacketRecord *rec;
  guint i;

  g_assert_null (hs_capture_get_problem (capture));
  g_assert_cmpuint (hs_capture_get_n_packets (capture), ==, G_N_ELEMENTS (conversation));
  g_assert_cmpuint (hs_capture_get_n_connections (capture), ==, 1);
  g_assert_cmpuint (hs_capture_count_status (capture, HS_DECODE_TCP), ==,
                    G_N_ELEMENTS (conversation));

  for (i = 0; i < G_N_ELEMENTS (conversation); i++)
    {
      rec = hs_capture_get_record (capture, i);
      g_assert_cmpint (rec->ts_ns, ==, T0 + i * G_GINT64_CONSTANT (1000000));
      g_assert_cmpuint (rec->stream, ==, 0);
      g_assert_cmpuint (rec->seq, ==, conversation[i].seq);
      g_assert_cmpuint (rec->payload_len, ==, conversation[i].payload_len);
      g_assert_cmpuint (rec->tcp_flags, ==, conversation[i].flags);
    }

  /* relative numbers as Wireshark shows them */
  g_assert_cmpuint (hs_capture_relative_seq (capture, 3), ==, 1);
  g_assert_cmpuint (hs_capture_relative_ack (capture, 4), ==, 19);

  conn = hs_capture_get_connection (capture, 0);
  g_assert_cmpuint (conn->endpoint[0].port, ==, 40000);
  g_assert_cmpuint (conn->endpoint[1].port, ==, 80);
  g_assert_cmpuint (conn->endpoint[0].packets, ==, 5);
  g_assert_cmpuint (conn->endpoint[1].packets, ==, 3);
  g_assert_cmpuint (conn->endpoint[0].bytes, ==, 18);
  g_assert_cmpuint (conn->endpoint[1].bytes, ==, 17);
  g_assert_cmpint (conn->conn_state, ==, HS_CONN_SF);
  g_assert_cmpint (conn->irtt_ns, ==, 2000000);
}

static void
roundtrip (HsTestFormat format,
           gboolean     gzip,
           const char  *expected_format)
{
  g_autofree char *path = tmp_path (gzip ? "conv.cap.gz" : "conv.cap");
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCapture) capture = NULL;
  HsTestWriter *w;

  w = hs_test_writer_new (path, format, 1, gzip);
  write_conversation (w, 0);
  hs_test_writer_close (w);

  capture = hs_capture_load (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (capture);
  g_assert_cmpstr (hs_capture_get_format (capture), ==, expected_format);
  g_assert_cmpint (hs_capture_get_compressed (capture), ==, gzip);
  check_conversation (capture);
  g_assert_finalize_object (g_steal_pointer (&capture));
}

static void
test_pcap_usec (void)
{
  roundtrip (HS_TEST_PCAP_USEC, FALSE, "pcap");
}

static void
test_pcap_nsec (void)
{
  roundtrip (HS_TEST_PCAP_NSEC, FALSE, "pcap (ns)");
}

static void
test_pcap_big_endian (void)
{
  roundtrip (HS_TEST_PCAP_USEC_BE, FALSE, "pcap");
  roundtrip (HS_TEST_PCAP_NSEC_BE, FALSE, "pcap (ns)");
}

static void
test_pcapng (void)
{
  roundtrip (HS_TEST_PCAPNG, FALSE, "pcapng");
  roundtrip (HS_TEST_PCAPNG_BE, FALSE, "pcapng");
}

static void
test_gzip (void)
{
  roundtrip (HS_TEST_PCAP_USEC, TRUE, "pcap");
  roundtrip (HS_TEST_PCAPNG, TRUE, "pcapng");
}

/* Two interfaces with different link types and time resolutions: libpcap
 * 1.10 refuses such files, Wireshark opens them. */
static void
test_pcapng_interfaces (void)
{
  g_autofree char *path = tmp_path ("ifaces.pcapng");
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCapture) capture = NULL;
  g_autoptr(GByteArray) eth = NULL;
  g_autoptr(GBytes) bytes = NULL;
  HsTestWriter *w;
  guint raw_if;

  w = hs_test_writer_new (path, HS_TEST_PCAPNG, 1, FALSE);
  raw_if = hs_test_writer_add_interface (w, 101, 0x80 | 20); /* raw IP, 2^-20 s */
  g_assert_cmpuint (raw_if, ==, 1);

  eth = hs_test_build_frame (&conversation[0]);
  hs_test_writer_packet (w, 0, T0, eth->data, eth->len, eth->len);
  /* the same segment without its Ethernet header on the raw interface; the
   * 2^-20 value is written by hand, so the reader is checked against bytes
   * that did not come from HsCaptureWriter's conversion */
  {
    guint64 ticks = (guint64)(T0 / 1000000000) << 20 | 0x80000; /* + 0.5 s */
    guint32 caplen = eth->len - 14;
    guint32 total = 32 + ((caplen + 3) & ~3u);
    guint32 hdr[7] = { 6, total, 1, (guint32)(ticks >> 32), (guint32) ticks, caplen, caplen };
    guint8 pad[4] = { 0 };

    hs_test_writer_raw (w, hdr, sizeof hdr);
    hs_test_writer_raw (w, eth->data + 14, caplen);
    hs_test_writer_raw (w, pad, (4 - (caplen & 3)) & 3);
    hs_test_writer_raw (w, &total, 4);
  }
  hs_test_writer_close (w);

  capture = hs_capture_load (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (hs_capture_get_problem (capture));
  g_assert_cmpuint (hs_capture_get_n_interfaces (capture), ==, 2);
  g_assert_cmpint (hs_capture_get_interface (capture, 0)->linktype, ==, 1);
  g_assert_cmpint (hs_capture_get_interface (capture, 1)->linktype, ==, 101);
  g_assert_cmpuint (hs_capture_get_n_packets (capture), ==, 2);
  g_assert_cmpuint (hs_capture_get_record (capture, 1)->iface, ==, 1);
  g_assert_cmpint (hs_capture_get_record (capture, 1)->ts_ns, ==,
                   (T0 / 1000000000) * 1000000000 + 500000000);
  /* both decode as the same TCP segment */
  g_assert_cmpuint (hs_capture_get_record (capture, 0)->decode_status, ==, HS_DECODE_TCP);
  g_assert_cmpuint (hs_capture_get_record (capture, 1)->decode_status, ==, HS_DECODE_TCP);
  g_assert_cmpuint (hs_capture_get_record (capture, 1)->seq, ==, 1000);

  bytes = hs_capture_read_packet (capture, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, eth->len - 14);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), eth->len - 14, eth->data + 14, eth->len - 14);
}

static HsCapture *
load_damaged (const char  *path,
              guint        expected_packets,
              int          expected_code)
{
  g_autoptr(GError) error = NULL;
  HsCapture *capture;
  const GError *problem;

  capture = hs_capture_load (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (capture);
  g_assert_cmpuint (hs_capture_get_n_packets (capture), ==, expected_packets);
  problem = hs_capture_get_problem (capture);
  g_assert_nonnull (problem);
  g_assert_error ((GError *) problem, HS_CAPTURE_ERROR, expected_code);
  g_assert_cmpuint (hs_capture_get_problem_frame (capture), ==, expected_packets + 1);

  return capture;
}

static void
test_truncated (void)
{
  g_autofree char *path = tmp_path ("truncated.pcap");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCapture) capture = NULL;
  g_autofree char *offset_text = NULL;
  gsize len;
  HsTestWriter *w;

  w = hs_test_writer_new (path, HS_TEST_PCAP_USEC, 1, FALSE);
  write_conversation (w, 0);
  hs_test_writer_close (w);

  /* cut the file in the middle of the last packet */
  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, contents, len - 10, &error);
  g_assert_no_error (error);

  capture = load_damaged (path, G_N_ELEMENTS (conversation) - 1, HS_CAPTURE_ERROR_TRUNCATED);
  /* the last record starts 16 + 54 bytes before the original end */
  g_assert_cmpuint (hs_capture_get_problem_offset (capture), ==, len - 16 - 54);
  offset_text = g_strdup_printf ("%u", (guint)(len - 16 - 54));
  g_assert_nonnull (strstr (hs_capture_get_problem (capture)->message, offset_text));
  g_clear_object (&capture);

  /* cut inside a record header */
  g_file_set_contents (path, contents, 24 + 16 + 54 + 7, &error);
  g_assert_no_error (error);
  capture = load_damaged (path, 1, HS_CAPTURE_ERROR_TRUNCATED);
  g_assert_cmpuint (hs_capture_get_problem_offset (capture), ==, 24 + 16 + 54);
}

static void
test_corrupt (void)
{
  g_autofree char *path = tmp_path ("corrupt.pcap");
  g_autofree char *ng_path = tmp_path ("corrupt.pcapng");
  g_autoptr(HsCapture) capture = NULL;
  g_autoptr(GByteArray) f = hs_test_build_frame (&conversation[0]);
  guint32 bogus[4] = { 1, 2, 0x7fffffff, 0x7fffffff };
  guint32 bad_block[3] = { 6, 13, 13 };
  HsTestWriter *w;

  w = hs_test_writer_new (path, HS_TEST_PCAP_USEC, 1, FALSE);
  hs_test_writer_packet (w, 0, T0, f->data, f->len, f->len);
  hs_test_writer_packet (w, 0, T0, f->data, f->len, f->len);
  hs_test_writer_raw (w, bogus, sizeof bogus);
  hs_test_writer_packet (w, 0, T0, f->data, f->len, f->len);
  hs_test_writer_close (w);

  capture = load_damaged (path, 2, HS_CAPTURE_ERROR_CORRUPT);
  g_assert_cmpuint (hs_capture_get_problem_offset (capture), ==, 24 + 2 * (16 + f->len));
  g_clear_object (&capture);

  /* a pcapng block whose length is not a multiple of 4 */
  w = hs_test_writer_new (ng_path, HS_TEST_PCAPNG, 1, FALSE);
  hs_test_writer_packet (w, 0, T0, f->data, f->len, f->len);
  hs_test_writer_raw (w, bad_block, sizeof bad_block);
  hs_test_writer_close (w);

  capture = load_damaged (ng_path, 1, HS_CAPTURE_ERROR_CORRUPT);
}

static void
test_not_a_capture (void)
{
  g_autofree char *path = tmp_path ("notes.txt");
  g_autofree char *empty = tmp_path ("empty.pcap");
  g_autoptr(GError) error = NULL;
  HsCapture *capture;

  g_file_set_contents (path, "These are my notes, not packets.\n", -1, &error);
  g_assert_no_error (error);
  capture = hs_capture_load (path, NULL, NULL, NULL, &error);
  g_assert_null (capture);
  g_assert_error (error, HS_CAPTURE_ERROR, HS_CAPTURE_ERROR_NOT_A_CAPTURE);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  g_file_set_contents (empty, "", 0, &error);
  g_assert_no_error (error);
  capture = hs_capture_load (empty, NULL, NULL, NULL, &error);
  g_assert_null (capture);
  g_assert_error (error, HS_CAPTURE_ERROR, HS_CAPTURE_ERROR_NOT_A_CAPTURE);
  g_clear_error (&error);

  capture = hs_capture_load ("/nonexistent/file.pcap", NULL, NULL, NULL, &error);
  g_assert_null (capture);
  g_assert_error (error, HS_CAPTURE_ERROR, HS_CAPTURE_ERROR_UNREADABLE);
  g_clear_error (&error);

  capture = hs_capture_load (g_get_tmp_dir (), NULL, NULL, NULL, &error);
  g_assert_null (capture);
  g_assert_error (error, HS_CAPTURE_ERROR, HS_CAPTURE_ERROR_UNREADABLE);
}

static void
test_unsupported_link (void)
{
  g_autofree char *path = tmp_path ("user0.pcap");
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCapture) capture = NULL;
  g_autoptr(GByteArray) f = hs_test_build_frame (&conversation[0]);
  HsTestWriter *w;

  w = hs_test_writer_new (path, HS_TEST_PCAP_USEC, 147, FALSE); /* LINKTYPE_USER0 */
  hs_test_writer_packet (w, 0, T0, f->data, f->len, f->len);
  hs_test_writer_packet (w, 0, T0 + 1000, f->data, f->len, f->len);
  hs_test_writer_close (w);

  capture = hs_capture_load (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* packets are kept and listed, not dropped */
  g_assert_cmpuint (hs_capture_get_n_packets (capture), ==, 2);
  g_assert_cmpuint (hs_capture_count_status (capture, HS_DECODE_UNSUPPORTED_LINK), ==, 2);
  g_assert_cmpuint (hs_capture_get_record (capture, 1)->stream, ==, HS_NO_STREAM);
  g_assert_error ((GError *) hs_capture_get_problem (capture),
                  HS_CAPTURE_ERROR, HS_CAPTURE_ERROR_UNSUPPORTED_LINK);
}

/* Lengths on the wire of 65535 bytes and more (TSO, BIG TCP) do not fit
 * the record's 16 bits and are kept aside. */
static void
test_long_frames (void)
{
  g_autofree char *path = tmp_path ("long.pcap");
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCapture) capture = NULL;
  g_autoptr(GByteArray) f = hs_test_build_frame (&conversation[3]);
  HsTestWriter *w;

  w = hs_test_writer_new (path, HS_TEST_PCAP_USEC, 1, FALSE);
  hs_test_writer_packet (w, 0, T0, f->data, f->len, f->len);
  hs_test_writer_packet (w, 0, T0 + 1000, f->data, f->len, 65535);
  hs_test_writer_packet (w, 0, T0 + 2000, f->data, f->len, 185000);
  hs_test_writer_packet (w, 0, T0 + 3000, f->data, f->len, 65534);
  hs_test_writer_close (w);

  capture = hs_capture_load (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hs_capture_get_orig_len (capture, 0), ==, f->len);
  g_assert_cmpuint (hs_capture_get_orig_len (capture, 1), ==, 65535);
  g_assert_cmpuint (hs_capture_get_orig_len (capture, 2), ==, 185000);
  g_assert_cmpuint (hs_capture_get_orig_len (capture, 3), ==, 65534);
  g_assert_true (hs_capture_get_record (capture, 2)->problems & HS_PROBLEM_SNAPLEN_TRUNCATED);
}

static void
test_read_packet (void)
{
  const HsTestFormat formats[] = { HS_TEST_PCAP_USEC, HS_TEST_PCAPNG };
  guint k;

  for (k = 0; k < G_N_ELEMENTS (formats) * 2; k++)
    {
      gboolean gzip = k >= G_N_ELEMENTS (formats);
      g_autofree char *path = tmp_path (gzip ? "reread.gz" : "reread");
      g_autoptr(GError) error = NULL;
      g_autoptr(HsCapture) capture = NULL;
      HsTestWriter *w;
      guint i;

      w = hs_test_writer_new (path, formats[k % G_N_ELEMENTS (formats)], 1, gzip);
      write_conversation (w, 0);
      hs_test_writer_close (w);

      capture = hs_capture_load (path, NULL, NULL, NULL, &error);
      g_assert_no_error (error);

      /* backwards, to exercise seeking */
      for (i = G_N_ELEMENTS (conversation); i-- > 0;)
        {
          g_autoptr(GByteArray) f = hs_test_build_frame (&conversation[i]);
          g_autoptr(GBytes) bytes = hs_capture_read_packet (capture, i, &error);
          gsize size;
          const guint8 *data;

          g_assert_no_error (error);
          data = g_bytes_get_data (bytes, &size);
          g_assert_cmpmem (data, size, f->data, f->len);
        }
    }
}

/* Reading packets back in any order gives their bytes, from plain and
 * compressed files alike, over a file bigger than the reader's buffer
 * (the compressed file's reader is kept between reads and moves within its
 * buffer, forward and back). */
static void
test_read_packet_orders (void)
{
  const HsTestFormat formats[] = { HS_TEST_PCAP_USEC, HS_TEST_PCAPNG };
  const guint n = 4000;

  for (guint k = 0; k < G_N_ELEMENTS (formats) * 2; k++)
    {
      gboolean gzip = k >= G_N_ELEMENTS (formats);
      g_autofree char *path = tmp_path (gzip ? "orders.gz" : "orders");
      g_autoptr(GError) error = NULL;
      g_autoptr(HsCapture) capture = NULL;
      g_autoptr(GPtrArray) frames = NULL;
      g_autoptr(GRand) rand = g_rand_new_with_seed (k);
      HsTestWriter *w;

      frames = g_ptr_array_new_with_free_func ((GDestroyNotify) g_byte_array_unref);
      w = hs_test_writer_new (path, formats[k % G_N_ELEMENTS (formats)], 1, gzip);
      for (guint i = 0; i < n; i++)
        {
          /* a different length and payload for each */
          g_autofree char *payload = g_strdup_printf ("%0*u", 100 + (int) (i % 700), i);
          HsTestSegment seg = { "10.0.0.1", "10.0.0.2", 40000, 80, 1000 + i * 1000, 1,
                                HS_TCP_ACK | HS_TCP_PSH, 512, (guint) strlen (payload), payload };
          GByteArray *f = hs_test_build_frame (&seg);

          hs_test_writer_packet (w, 0, T0 + i * G_GINT64_CONSTANT (1000), f->data, f->len,
                                 f->len);
          g_ptr_array_add (frames, f);
        }
      hs_test_writer_close (w);

      capture = hs_capture_load (path, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (hs_capture_get_n_packets (capture), ==, n);

      /* forward, every one and in strides; backward and at random, some */
      for (guint pass = 0; pass < 4; pass++)
        for (guint j = 0; j < (pass < 2 ? n : n / 10); j++)
          {
            guint i;
            GByteArray *f;
            g_autoptr(GBytes) bytes = NULL;
            gsize size;
            const guint8 *data;

            if (pass == 0)
              i = j;
            else if (pass == 1)
              i = (j * 7) % n;
            else if (pass == 2)
              i = n - 1 - j * 10;
            else
              i = (guint) g_rand_int_range (rand, 0, (gint32) n);
            f = g_ptr_array_index (frames, i);
            bytes = hs_capture_read_packet (capture, i, &error);
            g_assert_no_error (error);
            data = g_bytes_get_data (bytes, &size);
            g_assert_cmpmem (data, size, f->data, f->len);
          }
    }
}

static void
test_stream_index (void)
{
  g_autofree char *path = tmp_path ("two.pcap");
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCapture) capture = NULL;
  const guint32 *idx;
  guint n, i;
  HsTestWriter *w;

  /* two connections interleaved, with an ARP-like non-IP frame between */
  w = hs_test_writer_new (path, HS_TEST_PCAP_USEC, 1, FALSE);
  for (i = 0; i < G_N_ELEMENTS (conversation); i++)
    {
      HsTestSegment other = conversation[i];
      g_autoptr(GByteArray) a = hs_test_build_frame (&conversation[i]);
      g_autoptr(GByteArray) b = NULL;
      guint8 arp[42] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 2, 0, 0, 0, 0, 1, 0x08, 0x06 };

      if (other.sport == 40000)
        other.sport = 40001;
      else
        other.dport = 40001;
      b = hs_test_build_frame (&other);
      hs_test_writer_packet (w, 0, T0 + i * 3000, a->data, a->len, a->len);
      hs_test_writer_packet (w, 0, T0 + i * 3000 + 1000, arp, sizeof arp, sizeof arp);
      hs_test_writer_packet (w, 0, T0 + i * 3000 + 2000, b->data, b->len, b->len);
    }
  hs_test_writer_close (w);

  capture = hs_capture_load (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hs_capture_get_n_packets (capture), ==, 3 * G_N_ELEMENTS (conversation));
  g_assert_cmpuint (hs_capture_get_n_connections (capture), ==, 2);
  g_assert_cmpuint (hs_capture_count_status (capture, HS_DECODE_NOT_TCP), ==,
                    G_N_ELEMENTS (conversation));

  for (i = 0; i < 2; i++)
    {
      guint j;

      idx = hs_capture_get_stream_packets (capture, i, &n);
      g_assert_cmpuint (n, ==, G_N_ELEMENTS (conversation));
      for (j = 0; j < n; j++)
        {
          g_assert_cmpuint (idx[j], ==, j * 3 + i * 2);
          g_assert_cmpuint (hs_capture_get_record (capture, idx[j])->stream, ==, i);
        }
    }
}

static void
count_progress (guint64  packets,
                guint64  bytes_read,
                guint64  bytes_total,
                gpointer user_data)
{
  guint64 *last = user_data;

  g_assert_cmpuint (packets, >=, last[0]);
  g_assert_cmpuint (bytes_read, <=, bytes_total);
  last[0] = packets;
  last[1]++;
}

static void
write_many (const char *path,
            guint       n)
{
  g_autoptr(GByteArray) f = hs_test_build_frame (&conversation[3]);
  HsTestWriter *w = hs_test_writer_new (path, HS_TEST_PCAP_USEC, 1, FALSE);
  guint i;

  for (i = 0; i < n; i++)
    hs_test_writer_packet (w, 0, T0 + i * 1000, f->data, f->len, f->len);
  hs_test_writer_close (w);
}

static void
test_progress (void)
{
  g_autofree char *path = tmp_path ("many.pcap");
  g_autoptr(GError) error = NULL;
  g_autoptr(HsCapture) capture = NULL;
  guint64 state[2] = { 0, 0 };

  write_many (path, 20000);
  capture = hs_capture_load (path, NULL, count_progress, state, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (state[0], ==, 20000);
  g_assert_cmpuint (state[1], >=, 5); /* every 4096 packets, and once at the end */
}

static void
cancel_at_first_progress (guint64  packets,
                          guint64  bytes_read,
                          guint64  bytes_total,
                          gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_cancel (void)
{
  g_autofree char *path = tmp_path ("many.pcap");
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  HsCapture *capture;

  write_many (path, 20000);
  capture = hs_capture_load (path, cancellable, cancel_at_first_progress, cancellable, &error);
  g_assert_null (capture);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

typedef struct
{
  guint n_emissions;
  guint old_n_packets;
  guint old_n_connections;
  GArray *changed;         /* guint32 */
} GrowLog;

static void
on_packets_added (HsCapture *capture,
                  guint      old_n_packets,
                  guint      old_n_connections,
                  GrowLog   *log)
{
  const guint32 *streams;
  guint n;

  log->n_emissions++;
  log->old_n_packets = old_n_packets;
  log->old_n_connections = old_n_connections;
  streams = hs_capture_get_changed_streams (capture, &n);
  g_array_set_size (log->changed, 0);
  g_array_append_vals (log->changed, streams, n);

  /* hs_capture_stream_changed() agrees with the list, which is ascending */
  for (guint s = 0; s < old_n_connections + n + 1; s++)
    {
      gboolean listed = FALSE;

      for (guint k = 0; k < n; k++)
        {
          if (k > 0)
            g_assert_cmpuint (streams[k - 1], <, streams[k]);
          listed |= streams[k] == s;
        }
      g_assert_cmpint (hs_capture_stream_changed (capture, s), ==, listed);
    }
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* A live document grown in batches ends up identical to the file loaded at
 * once: records, stream indexes, connections; each batch says what changed. */
static void
test_live_grow (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "sample.pcapng", NULL);
  g_autoptr(HsCapture) full = hs_test_load (path);
  g_autoptr(HsCapture) live = hs_test_live_new (full);
  GrowLog log = { 0, 0, 0, g_array_new (FALSE, FALSE, sizeof (guint32)) };
  guint n = hs_capture_get_n_packets (full);
  guint steps[] = { 1, 2, 7, n / 2, n / 2, n - 1, n };
  guint live_notifies = 0;
  guint i, s;

  g_assert_cmpuint (n, >, 20);
  g_assert_true (hs_capture_is_live (live));
  g_assert_false (hs_capture_is_live (full));
  g_assert_cmpuint (hs_capture_get_n_packets (live), ==, 0);
  g_assert_cmpuint (hs_capture_get_n_connections (live), ==, 0);

  g_signal_connect (live, "packets-added", G_CALLBACK (on_packets_added), &log);
  g_signal_connect (live, "notify::live", G_CALLBACK (count_notify), &live_notifies);

  for (s = 0; s < G_N_ELEMENTS (steps); s++)
    {
      guint before = hs_capture_get_n_packets (live);
      guint conns_before = hs_capture_get_n_connections (live);
      guint emissions = log.n_emissions;

      hs_test_live_grow (live, full, steps[s]);

      g_assert_cmpuint (log.n_emissions, ==, emissions + 1);
      g_assert_cmpuint (log.old_n_packets, ==, before);
      g_assert_cmpuint (log.old_n_connections, ==, conns_before);
      g_assert_cmpuint (hs_capture_get_n_packets (live), ==, steps[s]);
      /* outside of an emission there is no change list */
      g_assert_null (hs_capture_get_changed_streams (live, &i));
      g_assert_false (hs_capture_stream_changed (live, 0));
      g_assert_cmpuint (i, ==, 0);

      /* exactly the streams of the batch's packets, ascending */
      for (i = 0; i < log.changed->len; i++)
        {
          guint32 stream = g_array_index (log.changed, guint32, i);
          const HsConnection *conn = hs_capture_get_connection (live, stream);

          if (i > 0)
            g_assert_cmpuint (stream, >, g_array_index (log.changed, guint32, i - 1));
          g_assert_cmpuint (conn->last_frame, >, before);
          g_assert_cmpuint (conn->last_frame, <=, steps[s]);
        }
      for (i = before; i < steps[s]; i++)
        {
          guint32 stream = hs_capture_get_record (live, i)->stream;
          guint k;
          gboolean found = FALSE;

          if (stream == HS_NO_STREAM)
            continue;
          for (k = 0; k < log.changed->len; k++)
            found |= g_array_index (log.changed, guint32, k) == stream;
          g_assert_true (found);
        }
    }

  g_assert_cmpuint (hs_capture_get_n_connections (live), ==, hs_capture_get_n_connections (full));
  for (i = 0; i < n; i++)
    {
      g_assert_cmpmem (hs_capture_get_record (live, i), sizeof (HsPacketRecord),
                       hs_capture_get_record (full, i), sizeof (HsPacketRecord));
      g_assert_cmpuint (hs_capture_relative_seq (live, i), ==, hs_capture_relative_seq (full, i));
    }
  for (i = 0; i < hs_capture_get_n_connections (full); i++)
    {
      const HsConnection *a = hs_capture_get_connection (live, i);
      const HsConnection *b = hs_capture_get_connection (full, i);
      const guint32 *fa, *fb;
      guint na, nb;

      g_assert_cmpuint (a->n_packets, ==, b->n_packets);
      g_assert_cmpuint (a->conn_state, ==, b->conn_state);
      g_assert_cmpuint (a->endpoint[0].bytes, ==, b->endpoint[0].bytes);
      g_assert_cmpuint (a->endpoint[1].final_state, ==, b->endpoint[1].final_state);
      fa = hs_capture_get_stream_packets (live, i, &na);
      fb = hs_capture_get_stream_packets (full, i, &nb);
      g_assert_cmpmem (fa, na * sizeof (guint32), fb, nb * sizeof (guint32));
      g_assert_cmpuint (hs_capture_find_stream_position (live, i, fb[nb / 2]), ==, nb / 2);
    }
  for (i = HS_DECODE_TCP; i <= HS_DECODE_MALFORMED; i++)
    g_assert_cmpuint (hs_capture_count_status (live, i), ==, hs_capture_count_status (full, i));

  /* packet bytes come back from the document's file */
  {
    g_autoptr(GBytes) a = hs_capture_read_packet (live, n - 1, NULL);
    g_autoptr(GBytes) b = hs_capture_read_packet (full, n - 1, NULL);

    g_assert_nonnull (a);
    g_assert_true (g_bytes_equal (a, b));
  }

  g_assert_cmpuint (live_notifies, ==, 0);
  _hs_capture_finish_live (live);
  g_assert_false (hs_capture_is_live (live));
  g_assert_cmpuint (live_notifies, ==, 1);
  _hs_capture_finish_live (live);
  g_assert_cmpuint (live_notifies, ==, 1);
  g_assert_cmpuint (hs_capture_get_n_packets (live), ==, n);

  g_array_unref (log.changed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/handshake/capture/pcap-usec", test_pcap_usec);
  g_test_add_func ("/handshake/capture/pcap-nsec", test_pcap_nsec);
  g_test_add_func ("/handshake/capture/pcap-big-endian", test_pcap_big_endian);
  g_test_add_func ("/handshake/capture/pcapng", test_pcapng);
  g_test_add_func ("/handshake/capture/gzip", test_gzip);
  g_test_add_func ("/handshake/capture/pcapng-interfaces", test_pcapng_interfaces);
  g_test_add_func ("/handshake/capture/truncated", test_truncated);
  g_test_add_func ("/handshake/capture/corrupt", test_corrupt);
  g_test_add_func ("/handshake/capture/not-a-capture", test_not_a_capture);
  g_test_add_func ("/handshake/capture/unsupported-link", test_unsupported_link);
  g_test_add_func ("/handshake/capture/long-frames", test_long_frames);
  g_test_add_func ("/handshake/capture/read-packet", test_read_packet);
  g_test_add_func ("/handshake/capture/read-packet-orders", test_read_packet_orders);
  g_test_add_func ("/handshake/capture/stream-index", test_stream_index);
  g_test_add_func ("/handshake/capture/progress", test_progress);
  g_test_add_func ("/handshake/capture/cancel", test_cancel);
  g_test_add_func ("/handshake/capture/live-grow", test_live_grow);

  return g_test_run ();
}
