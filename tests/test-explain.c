/* test-explain.c
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

/* What the window writes about a packet: the Info column against tshark
 * 4.0.17, the explanation, the header tree with its byte ranges, the
 * related packets, the anomaly classes and the hex dump.
 *
 * The tshark expectations are checked in, so that the test does not need
 * tshark:
 *  - data/sample-info.txt: tshark -r data/sample.pcapng -T fields
 *      -e frame.number -e _ws.col.Info
 *  - data/crafted-info.txt: the same for each capture of
 *      ../shared/corpus/crafted (that test is skipped without the corpus)
 *  - the Info lines of the captures written here were measured the same
 *    way on the files this test writes (see each expectation).
 * They are compared exactly; the Info column matches tshark on every frame
 * of all of them.  HS_TEST_KEEP=1 keeps the files this test writes (and
 * prints where), to measure them with tshark again. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include <glib/gstdio.h>

#include "handshake.h"
#include "hs-test-utils.h"

#define T0 G_GINT64_CONSTANT (1700000000000000000)
#define MS G_GINT64_CONSTANT (1000000)

static char *tmp_dir;
static HsCapture *sample_capture;
static HsCapture *story_file;
static HsCapture *mixed_cap;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */

static HsCapture *
load (const char *path)
{
  g_autoptr(GError) error = NULL;
  HsCapture *capture;

  capture = hs_capture_load (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (capture);
  g_assert_null (hs_capture_get_problem (capture));

  return capture;
}

/* data/sample.pcapng, loaded once */
static HsCapture *
sample (void)
{
  if (sample_capture == NULL)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                     "sample.pcapng", NULL);

      sample_capture = load (path);
      g_assert_cmpuint (hs_capture_get_n_packets (sample_capture), ==, 43);
    }

  return sample_capture;
}

static char *
info (HsCapture *capture,
      guint      frame)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = hs_capture_read_packet (capture, frame - 1, &error);

  g_assert_no_error (error);
  return hs_explain_info (capture, frame - 1, bytes);
}

static char *
explain (HsCapture *capture,
         guint      frame)
{
  char *text = hs_explain_packet (capture, frame - 1);

  g_test_message ("frame %u: %s", frame, text);
  return text;
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in “%s”", needle, haystack);
}

static void
assert_not_contains (const char *haystack,
                     const char *needle)
{
  if (strstr (haystack, needle) != NULL)
    g_error ("“%s” unexpectedly found in “%s”", needle, haystack);
}

/* The Linux captures of tests/data, loaded once each. */
static HsCapture *
linux_capture (const char *name)
{
  static GHashTable *loaded;
  HsCapture *capture;

  if (loaded == NULL)
    loaded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  capture = g_hash_table_lookup (loaded, name);
  if (capture == NULL)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);

      capture = load (path);
      g_hash_table_insert (loaded, g_strdup (name), capture);
    }

  return capture;
}

static GPtrArray *
fields (HsCapture *capture,
        guint      frame)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = hs_capture_read_packet (capture, frame - 1, &error);

  g_assert_no_error (error);
  return hs_explain_fields (capture, frame - 1, bytes);
}

/* The first field (depth first) labelled `label`, under the top-level
 * row whose label starts with `layer`. */
static HsField *
find_in (GPtrArray  *fields_,
         const char *label)
{
  guint i;

  if (fields_ == NULL)
    return NULL;

  for (i = 0; i < fields_->len; i++)
    {
      HsField *f = g_ptr_array_index (fields_, i);
      HsField *found;

      if (g_str_equal (f->label, label))
        return f;
      if ((found = find_in (f->children, label)) != NULL)
        return found;
    }

  return NULL;
}

static HsField *
find_field (GPtrArray  *tree,
            const char *layer,
            const char *label)
{
  guint i;

  for (i = 0; i < tree->len; i++)
    {
      HsField *top = g_ptr_array_index (tree, i);
      HsField *f;

      if (!g_str_has_prefix (top->label, layer))
        continue;
      if (label == NULL)
        return top;
      if ((f = find_in (top->children, label)) != NULL)
        return f;
    }

  g_error ("no field “%s” in “%s”", label, layer);
  return NULL;
}

static void
assert_field (GPtrArray  *tree,
              const char *layer,
              const char *label,
              const char *value,
              guint       offset,
              guint       length)
{
  HsField *f = find_field (tree, layer, label);

  g_assert_cmpstr (f->value, ==, value);
  g_assert_cmpuint (f->offset, ==, offset);
  g_assert_cmpuint (f->length, ==, length);
}

/* Every field lies inside the frame's bytes. */
static void
assert_ranges (GPtrArray *fields_,
               gsize      caplen)
{
  guint i;

  if (fields_ == NULL)
    return;

  for (i = 0; i < fields_->len; i++)
    {
      HsField *f = g_ptr_array_index (fields_, i);

      g_assert_nonnull (f->label);
      g_assert_cmpuint ((gsize) f->offset + f->length, <=, caplen);
      if (f->length == 0)
        g_assert_cmpuint (f->offset, ==, 0);
      assert_ranges (f->children, caplen);
    }
}

typedef struct
{
  gint64        ms;
  HsTestSegment seg;
} Packet;

static const guint8 syn_options[] = {
  2, 4, 0x05, 0xb4,   /* MSS 1460 */
  4, 2,               /* SACK permitted */
  1, 3, 3, 7,         /* NOP, window scale 7 */
};

static void
write_packets (const char   *path,
               const Packet *packets,
               guint         n)
{
  HsTestWriter *w = hs_test_writer_new (path, HS_TEST_PCAP_NSEC, 1, FALSE);
  guint i;

  for (i = 0; i < n; i++)
    {
      g_autoptr(GByteArray) f = hs_test_build_frame (&packets[i].seg);

      hs_test_writer_packet (w, 0, T0 + packets[i].ms * MS, f->data, f->len, f->len);
    }

  hs_test_writer_close (w);
}

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

/* ------------------------------------------------------------------------ */
/* Info column                                                               */

static void
test_info_sample (void)
{
  HsCapture *capture = sample ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "sample-info.txt", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;
  guint i;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);

  for (i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = NULL;
      g_autofree char *ours = NULL;
      guint frame;

      if (lines[i][0] == 0 || lines[i][0] == '#')
        continue;

      cols = g_strsplit (lines[i], "\t", 2);
      g_assert_nonnull (cols[1]);
      frame = (guint) g_ascii_strtoull (cols[0], NULL, 10);
      ours = info (capture, frame);
      g_assert_cmpstr (ours, ==, cols[1]);
      n++;
    }

  g_assert_cmpuint (n, ==, hs_capture_get_n_packets (capture));
}

/* Without the bytes: no options, and the record's generic application
 * name instead of the TLS summary. */
static void
test_info_no_bytes (void)
{
  HsCapture *capture = sample ();
  static const struct {
    guint       frame;
    const char *info;
  } cases[] = {
    { 1, "50412 → 443 [SYN] Seq=0 Win=14600 Len=0" },
    { 4, "Client Hello" },
    { 5, "Server Hello" },
    { 12, "[TCP Previous segment not captured] , Application Data" },
    { 13, "[TCP Dup ACK 11#1] 50412 → 443 [ACK] Seq=1010 Ack=5556 Win=11904 Len=0" },
    { 29, "[TCP ZeroWindowProbeAck] [TCP ZeroWindow] 50412 → 443 [ACK] Seq=1010 Ack=17652 "
          "Win=0 Len=0" },
    { 38, "Alert" },
    { 43, "8443 → 50418 [RST, ACK] Seq=1 Ack=1 Win=0 Len=0" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = hs_explain_info (capture, cases[i].frame - 1, NULL);

      g_assert_cmpstr (text, ==, cases[i].info);
    }
}

/* Compares the Info column of every frame listed in data/`info_file`
 * ("capture<TAB>frame<TAB>tshark's Info" lines) with tshark's, loading the
 * captures from `dir`; returns how many frames it compared. */
static guint
compare_info_file (const char *info_file,
                   const char *dir)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", info_file, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *current = NULL;
  g_autoptr(HsCapture) capture = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;
  guint i;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);

  for (i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = NULL;
      g_autofree char *ours = NULL;

      if (lines[i][0] == 0 || lines[i][0] == '#')
        continue;

      cols = g_strsplit (lines[i], "\t", 3);
      g_assert_nonnull (cols[1]);
      g_assert_nonnull (cols[2]);

      if (g_strcmp0 (current, cols[0]) != 0)
        {
          g_autofree char *file = g_build_filename (dir, cols[0], NULL);

          g_clear_object (&capture);
          g_free (current);
          current = g_strdup (cols[0]);
          capture = load (file);
        }

      ours = info (capture, (guint) g_ascii_strtoull (cols[1], NULL, 10));
      if (g_strcmp0 (ours, cols[2]) != 0)
        g_error ("%s frame %s: “%s”, tshark “%s”", cols[0], cols[1], ours, cols[2]);
      n++;
    }

  return n;
}

/* The 25 crafted captures of TCP-ANALYSIS.md section 9: every analysis
 * flag, alone and in combination. */
static void
test_info_crafted (void)
{
  const char *corpus = hs_test_corpus_dir ();
  g_autofree char *dir = NULL;

  if (corpus == NULL)
    {
      g_test_skip ("../shared/corpus is not there");
      return;
    }

  dir = g_build_filename (corpus, "crafted", NULL);
  g_assert_cmpuint (compare_info_file ("crafted-info.txt", dir), ==, 255);
}

/* HTTP messages over several segments, as tshark reassembles them: the
 * segment that ends one shows it, those before get "[TCP segment of a
 * reassembled PDU]" (a chunked 301 in two segments, Content-Length bodies
 * over dozens, an Exif JPEG). */
static void
test_info_http (void)
{
  const char *corpus = hs_test_corpus_dir ();
  g_autofree char *dir = NULL;

  if (corpus == NULL)
    {
      g_test_skip ("../shared/corpus is not there");
      return;
    }

  dir = g_build_filename (corpus, "chrissanders-packets", NULL);
  g_assert_cmpuint (compare_info_file ("http-info.txt", dir), ==, 555);
}

/* The packet list asks for Info without the bytes: an HTTP message's line
 * is still tshark's (the bytes are read back), on the segment that starts
 * it and on the one that ends it; the ladder's summary says the same. */
static void
test_info_http_no_bytes (void)
{
  HsCapture *capture = linux_capture ("linux-http.pcap");
  g_autofree char *request = hs_explain_info (capture, 3, NULL);
  g_autofree char *response = hs_explain_info (capture, 5, NULL);
  g_autofree char *with_bytes = info (capture, 4);
  g_autofree char *summary = hs_explain_app_summary (capture, 3, NULL);
  const char *corpus = hs_test_corpus_dir ();

  g_assert_cmpstr (request, ==, "GET / HTTP/1.1 ");
  g_assert_cmpstr (response, ==, "HTTP/1.1 200 OK  (text/html)");
  g_assert_cmpstr (with_bytes, ==, request);
  g_assert_cmpstr (summary, ==, "GET / HTTP/1.1 ");

  if (corpus != NULL)
    {
      g_autofree char *path = g_build_filename (corpus, "chrissanders-packets",
                                                "http_espn_fail.pcapng", NULL);
      g_autoptr(HsCapture) espn = load (path);
      g_autofree char *first = hs_explain_info (espn, 7, NULL);
      g_autofree char *last = hs_explain_info (espn, 8, NULL);
      g_autofree char *last_summary = hs_explain_app_summary (espn, 8, NULL);

      g_assert_cmpstr (first, ==, "HTTP/1.1 301 Moved Permanently  [TCP segment of a reassembled "
                                  "PDU]");
      g_assert_cmpstr (last, ==, "HTTP/1.1 301 Moved Permanently  (text/html)");
      g_assert_cmpstr (last_summary, ==, last);

      /* and the details pane says where the message began */
      {
        g_autofree char *end = explain (espn, 9);
        g_autofree char *middle = explain (espn, 21);

        assert_contains (end, "It completes the HTTP response that began in frame 8.");
        assert_contains (middle, "It continues the HTTP response that began in frame 19.");
      }
    }
}

/* The Linux captures of tests/data (README.md there): every option of
 * Linux's SYNs, SACK and D-SACK blocks, zero-window probes, resets and
 * HTTP. */
static void
test_info_linux (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", NULL);

  g_assert_cmpuint (compare_info_file ("linux-info.txt", dir), ==, 89);
}

/* A connection written here: HTTP, a retransmission, a keep-alive, a
 * four-packet teardown and a new connection on the same ports.  Client
 * 10.0.0.1:40000 (ISN 1000), server 10.0.0.2:80 (ISN 5000). */
#define CLI "10.0.0.1", "10.0.0.2", 40000, 80
#define SRV "10.0.0.2", "10.0.0.1", 80, 40000
#define SYN HS_TCP_SYN
#define ACK HS_TCP_ACK
#define PSH HS_TCP_PSH
#define FIN HS_TCP_FIN

static const char http_request[] = "GET /index.html HTTP/1.1\r\nHost: example.com\r\n\r\n";
static const char http_response[] = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n"
                                    "Content-Length: 5\r\n\r\nhello";
#define REQ_LEN (sizeof http_request - 1)
#define RESP_LEN (sizeof http_response - 1)

static const Packet story[] = {
  /* 1-3: handshake */
  { 0, { CLI, 1000, 0, SYN, 64240, 0, NULL, syn_options, sizeof syn_options } },
  { 10, { SRV, 5000, 1001, SYN | ACK, 65160, 0, NULL, syn_options, sizeof syn_options } },
  { 20, { CLI, 1001, 5001, ACK, 502, 0 } },
  /* 4: the request, 5: its retransmission, 6: the server's ACK */
  { 21, { CLI, 1001, 5001, PSH | ACK, 502, REQ_LEN, http_request } },
  { 321, { CLI, 1001, 5001, PSH | ACK, 502, REQ_LEN, http_request } },
  { 330, { SRV, 5001, 1001 + REQ_LEN, ACK, 509, 0 } },
  /* 7: the response, 8: its ACK */
  { 331, { SRV, 5001, 1001 + REQ_LEN, PSH | ACK, 509, RESP_LEN, http_response } },
  { 340, { CLI, 1001 + REQ_LEN, 5001 + RESP_LEN, ACK, 502, 0 } },
  /* 9: keep-alive, 10: its ACK */
  { 5340, { CLI, 1000 + REQ_LEN, 5001 + RESP_LEN, ACK, 502, 0 } },
  { 5350, { SRV, 5001 + RESP_LEN, 1001 + REQ_LEN, ACK, 509, 0 } },
  /* 11-14: teardown in four packets */
  { 6000, { CLI, 1001 + REQ_LEN, 5001 + RESP_LEN, FIN | ACK, 502, 0 } },
  { 6010, { SRV, 5001 + RESP_LEN, 1002 + REQ_LEN, ACK, 509, 0 } },
  { 6020, { SRV, 5001 + RESP_LEN, 1002 + REQ_LEN, FIN | ACK, 509, 0 } },
  { 6030, { CLI, 1002 + REQ_LEN, 5002 + RESP_LEN, ACK, 502, 0 } },
  /* 15: the same ports again, new ISN; 16: its SYN again */
  { 7000, { CLI, 90000, 0, SYN, 64240, 0, NULL, syn_options, sizeof syn_options } },
  { 8000, { CLI, 90000, 0, SYN, 64240, 0, NULL, syn_options, sizeof syn_options } },
};

/* tshark 4.0.17 on the file story () writes */
static const char * const story_info[] = {
  "40000 → 80 [SYN] Seq=0 Win=64240 Len=0 MSS=1460 SACK_PERM WS=128",
  "80 → 40000 [SYN, ACK] Seq=0 Ack=1 Win=65160 Len=0 MSS=1460 SACK_PERM WS=128",
  "40000 → 80 [ACK] Seq=1 Ack=1 Win=64256 Len=0",
  "GET /index.html HTTP/1.1 ",
  "[TCP Retransmission] 40000 → 80 [PSH, ACK] Seq=1 Ack=1 Win=64256 Len=47",
  "80 → 40000 [ACK] Seq=1 Ack=48 Win=65152 Len=0",
  "HTTP/1.1 200 OK  (text/html)",
  "40000 → 80 [ACK] Seq=48 Ack=84 Win=64256 Len=0",
  "[TCP Keep-Alive] 40000 → 80 [ACK] Seq=47 Ack=84 Win=64256 Len=0",
  "[TCP Keep-Alive ACK] 80 → 40000 [ACK] Seq=84 Ack=48 Win=65152 Len=0",
  "40000 → 80 [FIN, ACK] Seq=48 Ack=84 Win=64256 Len=0",
  "80 → 40000 [ACK] Seq=84 Ack=49 Win=65152 Len=0",
  "80 → 40000 [FIN, ACK] Seq=84 Ack=49 Win=65152 Len=0",
  "40000 → 80 [ACK] Seq=49 Ack=85 Win=64256 Len=0",
  "[TCP Port numbers reused] 40000 → 80 [SYN] Seq=0 Win=64240 Len=0 MSS=1460 SACK_PERM WS=128",
  "[TCP Retransmission] 40000 → 80 [SYN] Seq=0 Win=64240 Len=0 MSS=1460 SACK_PERM WS=128",
};

G_STATIC_ASSERT (G_N_ELEMENTS (story) == G_N_ELEMENTS (story_info));

static HsCapture *
story_capture (void)
{
  if (story_file == NULL)
    {
      g_autofree char *path = tmp_path ("story.pcap");

      write_packets (path, story, G_N_ELEMENTS (story));
      story_file = load (path);
    }

  return story_file;
}

static void
test_info_story (void)
{
  HsCapture *capture = story_capture ();
  guint i;

  g_assert_cmpuint (hs_capture_get_n_packets (capture), ==, G_N_ELEMENTS (story));

  for (i = 0; i < G_N_ELEMENTS (story_info); i++)
    {
      g_autofree char *text = info (capture, i + 1);

      g_assert_cmpstr (text, ==, story_info[i]);
    }
}

/* Frames the builder cannot make directly: bytes patched or written by
 * hand. */
static GByteArray *
frame_with_vlan (const HsTestSegment *seg,
                 guint16              vid)
{
  g_autoptr(GByteArray) plain = hs_test_build_frame (seg);
  GByteArray *f = g_byte_array_new ();
  guint8 tag[4] = { 0x81, 0x00, (guint8)(0x20 | (vid >> 8)), (guint8) vid };

  /* the 802.1Q tag (priority 1) goes between the MAC addresses and the type */
  g_byte_array_append (f, plain->data, 12);
  g_byte_array_append (f, tag, sizeof tag);
  g_byte_array_append (f, plain->data + 12, plain->len - 12);

  return f;
}

static GByteArray *
udp_frame (void)
{
  static const guint8 bytes[] = {
    0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1, 0x08, 0x00,
    0x45, 0, 0, 32, 0, 1, 0x40, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,
    0x30, 0x39, 0x00, 0x35, 0, 12, 0, 0, 'a', 'b', 'c', 'd',
  };
  GByteArray *f = g_byte_array_new ();

  g_byte_array_append (f, bytes, sizeof bytes);
  return f;
}

static GByteArray *
arp_frame (void)
{
  guint8 bytes[42] = {
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0, 0, 0, 0, 1, 0x08, 0x06,
    0, 1, 0x08, 0, 6, 4, 0, 1,
  };
  GByteArray *f = g_byte_array_new ();

  g_byte_array_append (f, bytes, sizeof bytes);
  return f;
}

/* One capture with a VLAN-tagged IPv6 handshake, a UDP datagram, an ARP
 * request, a segment with URG and reserved bits, one whose data offset is
 * below 20 bytes and a TLS record that continues in later segments. */
static HsCapture *
mixed_capture (void)
{
  static const HsTestSegment v6_syn = {
    "2001:db8::1", "2001:db8::2", 41000, 443, 7000, 0, SYN, 64800, 0, NULL,
    syn_options, sizeof syn_options
  };
  static const HsTestSegment urgent = {
    "10.0.0.5", "10.0.0.6", 1234, 5678, 100, 200, ACK | PSH | HS_TCP_URG, 1000, 6, "abcdef"
  };
  static const HsTestSegment bogus = {
    "10.0.0.7", "10.0.0.8", 7000, 8000, 100, 200, ACK, 1000, 8, "zzzzzzzz"
  };
  static const guint8 tls_head[] = { 0x17, 0x03, 0x03, 0x01, 0x00, 'x', 'y', 'z' };
  static const HsTestSegment tls_part = {
    "10.0.0.9", "10.0.0.10", 50000, 443, 100, 200, ACK | PSH, 1000, sizeof tls_head,
    (const char *) tls_head
  };

  if (mixed_cap == NULL)
    {
      g_autofree char *path = tmp_path ("mixed.pcapng");
      HsTestWriter *w = hs_test_writer_new (path, HS_TEST_PCAPNG, 1, FALSE);
      GByteArray *frames[6];
      guint i;

      frames[0] = frame_with_vlan (&v6_syn, 100);
      frames[1] = udp_frame ();
      frames[2] = arp_frame ();
      frames[3] = hs_test_build_frame (&urgent);
      frames[3]->data[14 + 20 + 12] |= 0x0e;      /* reserved bits */
      frames[3]->data[14 + 20 + 19] = 3;          /* urgent pointer */
      frames[4] = hs_test_build_frame (&bogus);
      frames[4]->data[14 + 20 + 12] = 0x40;       /* data offset 16 bytes */
      frames[5] = hs_test_build_frame (&tls_part);

      for (i = 0; i < G_N_ELEMENTS (frames); i++)
        {
          hs_test_writer_packet (w, 0, T0 + i * MS, frames[i]->data, frames[i]->len,
                                 frames[i]->len);
          g_byte_array_unref (frames[i]);
        }
      hs_test_writer_close (w);

      mixed_cap = load (path);
    }

  return mixed_cap;
}

static void
test_info_mixed (void)
{
  HsCapture *capture = mixed_capture ();
  /* 1, 4, 5, 6: tshark 4.0.17 on this file; 2, 3: ours (tshark names the
   * protocol: DNS, "Who has ...") */
  static const char * const expected[] = {
    "41000 → 443 [SYN] Seq=0 Win=64800 Len=0 MSS=1460 SACK_PERM WS=128",
    "UDP 12345 → 53 Len=4",
    "ARP",
    "1234 → 5678 [PSH, ACK, URG, Reserved] Seq=1 Ack=1 Win=1000 Urg=3 Len=6",
    "7000 → 8000 [ACK] Seq=1 Ack=1 Win=1000, bogus TCP header length (16, must be at least 20)",
    "[TCP segment of a reassembled PDU]",
  };
  guint i;

  g_assert_cmpuint (hs_capture_get_n_packets (capture), ==, G_N_ELEMENTS (expected));

  for (i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *text = info (capture, i + 1);

      g_assert_cmpstr (text, ==, expected[i]);
    }

  /* without bytes, what the record says */
  {
    g_autofree char *udp = hs_explain_info (capture, 1, NULL);
    g_autofree char *bogus = hs_explain_info (capture, 4, NULL);

    g_assert_cmpstr (udp, ==, "Not TCP");
    g_assert_cmpstr (bogus, ==,
                     "7000 → 8000 [ACK] Seq=1 Ack=1 Win=1000, bogus TCP header length (must be "
                     "at least 20)");
  }
}

/* ------------------------------------------------------------------------ */
/* Explanation                                                               */

static void
test_explain_handshake (void)
{
  HsCapture *capture = sample ();
  g_autofree char *syn = explain (capture, 1);
  g_autofree char *synack = explain (capture, 2);
  g_autofree char *ack = explain (capture, 3);

  assert_contains (syn, "First step of the three-way handshake: 192.168.1.20 asks "
                        "93.184.216.34 to open a connection to port 443");
  assert_contains (syn, "initial sequence number (709466449;");
  assert_contains (syn, "MSS 1,460 bytes, window scale 7 (windows ×128), SACK and timestamps");
  assert_contains (syn, "Client: CLOSED → SYN-SENT");

  assert_contains (synack, "Second step of the three-way handshake: 93.184.216.34 accepts");
  assert_contains (synack, "Ack=1");
  assert_contains (synack, "window scale 9 (windows ×512)");
  assert_contains (synack, "Client: SYN-SENT → ESTABLISHED");
  assert_contains (synack, "Server: LISTEN → SYN-RECEIVED");

  assert_contains (ack, "Third step of the three-way handshake: 192.168.1.20 acknowledges the "
                        "SYN/ACK of frame 2");
  assert_contains (ack, "Server: SYN-RECEIVED → ESTABLISHED");
}

static void
test_explain_data_and_ack (void)
{
  HsCapture *capture = sample ();
  g_autofree char *hello = explain (capture, 4);
  g_autofree char *data = explain (capture, 5);
  g_autofree char *ack = explain (capture, 7);

  assert_contains (hello, "Data: 517 bytes from the client, bytes 1–517 of its byte stream");
  assert_contains (hello, "The payload is TLS Client Hello.");
  assert_contains (hello, "517 bytes are now in flight");

  /* thousands separators in counts, none in sequence numbers */
  assert_contains (data, "Data: 1,448 bytes from the server, bytes 1–1448 of its byte stream");
  assert_contains (data, "It also acknowledges everything up to byte 518 (frame 4 carried the "
                         "last of them, RTT 14.7 ms)");

  assert_contains (ack, "Acknowledges everything up to byte 2660: the client has received all "
                        "bytes before it (frame 6 carried the last of them, RTT 90 µs).");
  assert_contains (ack, "it can receive 14,720 bytes more");
  /* no state change, no paragraph for it */
  assert_not_contains (ack, "→");
}

static void
test_explain_loss (void)
{
  HsCapture *capture = sample ();
  g_autofree char *lost = explain (capture, 12);
  g_autofree char *dup1 = explain (capture, 13);
  g_autofree char *dup3 = explain (capture, 17);
  g_autofree char *fast = explain (capture, 18);

  assert_contains (lost, "Previous segment not captured: this segment starts at byte 7004, but "
                         "the data the server sent before ended at byte 5555 (frame 10). The "
                         "1,448 bytes in between (bytes 5556–7003) are missing");

  assert_contains (dup1, "This is duplicate ACK #1 of frame 11: the client again acknowledges "
                         "only up to byte 5556 because a segment after it has not arrived; it "
                         "is still waiting for bytes 5556 onwards.");
  assert_contains (dup1, "which later bytes did arrive: 7004–8451.");
  assert_contains (dup1, "Three duplicate ACKs make the sender retransmit");
  assert_contains (dup3, "This is duplicate ACK #3 of frame 11");
  assert_contains (dup3, "it does so in frame 18");

  assert_contains (fast, "Fast retransmission: the server received 3 duplicate ACKs (frames 13, "
                         "15 and 17) asking for byte 5556, so it resends bytes 5556–7003 at "
                         "once");
  /* the lost original was never captured */
  assert_not_contains (fast, "first sent in frame");
}

static void
test_explain_window (void)
{
  HsCapture *capture = sample ();
  g_autofree char *full = explain (capture, 26);
  g_autofree char *zero = explain (capture, 27);
  g_autofree char *probe = explain (capture, 28);
  g_autofree char *probe_ack = explain (capture, 29);
  g_autofree char *update = explain (capture, 32);

  assert_contains (full, "Window full: this segment fills the receive window of the client "
                         "exactly. The last acknowledgement (17140, frame 25) plus the "
                         "advertised window (512 bytes) allow bytes up to 17651, and this "
                         "segment ends at byte 17651.");
  assert_contains (zero, "Zero window: the client advertises a receive window of 0 bytes.");
  assert_contains (zero, "The server must stop sending data");
  assert_contains (probe, "Zero-window probe: the window of the client is 0 (frame 27), so the "
                          "server sends a single byte (byte 17652)");
  /* a probe is not described as data or as an ACK */
  assert_not_contains (probe, "Data:");
  assert_not_contains (probe, "Acknowledges");
  assert_contains (probe_ack, "Zero-window probe ACK: the client answers the probe of frame 28");
  assert_contains (probe_ack, "Zero window:");
  assert_contains (update, "Window update: the client sends no data and acknowledges nothing "
                           "new; it only announces that its receive window grew from 0 to 14,720 "
                           "bytes.");
}

static void
test_explain_teardown (void)
{
  HsCapture *capture = sample ();
  g_autofree char *fin1 = explain (capture, 39);
  g_autofree char *fin2 = explain (capture, 40);
  g_autofree char *last = explain (capture, 41);
  g_autofree char *rst = explain (capture, 43);

  assert_contains (fin1, "First FIN: the client has no more data to send");
  assert_contains (fin1, "FIN-WAIT-1");
  assert_contains (fin1, "Client: ESTABLISHED → FIN-WAIT-1");
  assert_contains (fin1, "Server: ESTABLISHED → CLOSE-WAIT");
  assert_contains (fin2, "Second FIN, together with the ACK of the FIN of frame 39");
  assert_contains (fin2, "three packets instead of four");
  assert_contains (fin2, "Server: CLOSE-WAIT → LAST-ACK");
  assert_contains (last, "the client acknowledges the FIN of frame 40 and moves to TIME-WAIT");
  assert_contains (last, "This teardown took three packets");
  assert_contains (last, "Server: LAST-ACK → CLOSED");

  assert_contains (rst, "Reset: 93.184.216.34 refuses the connection. Nothing accepts "
                        "connections on port 8443");
  assert_contains (rst, "the SYN of frame 42");
  assert_contains (rst, "Client: SYN-SENT → CLOSED (connection refused)");
  assert_not_contains (rst, "RESET");
}

static void
test_explain_story (void)
{
  HsCapture *capture = story_capture ();
  g_autofree char *retrans = explain (capture, 5);
  g_autofree char *keep_alive = explain (capture, 9);
  g_autofree char *keep_alive_ack = explain (capture, 10);
  g_autofree char *ack_fin = explain (capture, 12);
  g_autofree char *fin2 = explain (capture, 13);
  g_autofree char *last = explain (capture, 14);
  g_autofree char *reused = explain (capture, 15);
  g_autofree char *syn_again = explain (capture, 16);

  assert_contains (retrans, "Retransmission: bytes 1–47 were already sent in frame 4, 300.0 ms "
                            "earlier.");
  assert_contains (retrans, "The payload is an HTTP request: GET /index.html HTTP/1.1.");
  assert_contains (keep_alive, "Keep-alive: the client sends a segment whose sequence number "
                               "(47) is one below the next byte it would send");
  assert_contains (keep_alive_ack, "Keep-alive ACK: the server answers the keep-alive of "
                                   "frame 9");
  assert_contains (ack_fin, "Acknowledges the FIN of frame 11: the server knows now that the "
                            "client has finished sending and moves to CLOSE-WAIT");
  assert_contains (ack_fin, "Client: FIN-WAIT-1 → FIN-WAIT-2");
  assert_contains (fin2, "Second FIN: the server, which already acknowledged the FIN of frame "
                         "11");
  assert_contains (fin2, "four-packet teardown");
  assert_contains (last, "This teardown took the classic four packets");
  assert_contains (reused, "Port numbers reused: this SYN uses the same addresses and ports as "
                           "an earlier connection (stream 0) but a new initial sequence number, "
                           "so a new connection starts here (stream 1).");
  assert_contains (syn_again, "Retransmission: this SYN was already sent in frame 15, 1.00 s "
                              "earlier");
}

/* In a test's subprocess: the rest in Simplified Chinese. */
static void
use_chinese (void)
{
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("HANDSHAKE_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
}

/* Prints the explanation of `frame` of the Linux capture `name`, in
 * Chinese, for the parent test to check. */
static void
print_chinese (const char *name,
               guint       frame)
{
  g_autofree char *text = NULL;

  use_chinese ();
  text = hs_explain_packet (linux_capture (name), frame - 1);
  g_print ("%s\n", text);
}

/* A duplicate ACK whose SACK block lies below its ACK number is a D-SACK
 * (RFC 2883): the server got the client's 1,000 bytes twice (tshark:
 * "[TCP Dup ACK 5#1] … SLE=1 SRE=1001", and expert info "D-SACK
 * Sequence"); nothing is missing. */
static void
test_explain_dsack (void)
{
  HsCapture *capture;
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;

  if (g_test_subprocess ())
    {
      print_chinese ("linux-dsack.pcap", 7);
      return;
    }

  capture = linux_capture ("linux-dsack.pcap");
  text = explain (capture, 7);
  line = info (capture, 7);
  g_assert_true (g_str_has_prefix (line, "[TCP Dup ACK 5#1] "));
  g_assert_true (g_str_has_suffix (line, " SLE=1 SRE=1001"));
  assert_contains (text, "This is duplicate ACK #1 of frame 5, and its first SACK block (bytes "
                         "1–1000) is a D-SACK (duplicate SACK, RFC 2883)");
  assert_contains (text, "it lies below the ACK number (1001), so it reports data that the "
                         "server received twice");
  assert_contains (text, "The second copy is the retransmission of frame 6: the first one had "
                         "arrived, so that retransmission was not needed (spurious).");
  assert_contains (text, "Nothing is missing: the server has every byte before 1001");
  /* not a lost segment's dup ACK */
  assert_not_contains (text, "has not arrived");
  assert_not_contains (text, "fast retransmission");

  /* the header tree marks the block as Wireshark does (D-SACK Left Edge) */
  {
    g_autoptr(GPtrArray) tree = fields (capture, 7);
    g_autoptr(GPtrArray) plain = fields (linux_capture ("linux-out-of-order.pcap"), 13);

    g_assert_cmpstr (find_field (tree, "Transmission Control Protocol",
                                 "D-SACK left edge")->value, ==, "1 (relative)");
    g_assert_cmpstr (find_field (tree, "Transmission Control Protocol",
                                 "D-SACK right edge")->value, ==, "1001 (relative)");
    g_assert_null (find_in (plain, "D-SACK left edge"));
    g_assert_cmpstr (find_field (plain, "Transmission Control Protocol", "Left edge")->value, ==,
                     "2897 (relative)");
  }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*是 D-SACK（重复 SACK，RFC 2883）*服务器收到了两次的数据。"
                             "第二份副本就是第 6 帧的重传*没有任何数据缺失*");
}

/* Linux probes a zero window with a 0-byte segment one below the next
 * sequence number; Wireshark 4.0 flags it Keep-Alive, and so do we, but
 * the words say what it is. */
static void
test_explain_linux_zero_window_probe (void)
{
  HsCapture *capture;
  const guint probes[] = { 8, 10, 11 };
  guint i;

  if (g_test_subprocess ())
    {
      print_chinese ("linux-zero-window.pcap", 8);
      return;
    }

  capture = linux_capture ("linux-zero-window.pcap");
  for (i = 0; i < G_N_ELEMENTS (probes); i++)
    {
      const HsPacketRecord *rec = hs_capture_get_record (capture, probes[i] - 1);
      g_autofree char *text = explain (capture, probes[i]);
      g_autofree char *line = info (capture, probes[i]);
      g_autofree char *title = hs_explain_title (capture, probes[i] - 1);
      g_autofree char *expected_title = g_strdup_printf ("Packet %u · Keep-alive, a "
                                                         "zero-window probe", probes[i]);

      g_assert_cmpstr (title, ==, expected_title);
      /* agreement with Wireshark: the flag stays */
      g_assert_cmphex (rec->analysis, ==, HS_ANALYSIS_KEEP_ALIVE);
      g_assert_true (g_str_has_prefix (line, "[TCP Keep-Alive] "));
      g_assert_cmpuint (rec->payload_len, ==, 0);

      assert_contains (text, "Zero-window probe: the window of the server is 0 (frame ");
      assert_contains (text, "Linux probes a zero window with an old byte: the segment carries "
                             "no data, and its sequence number (1448) is that of the last byte "
                             "the server has already acknowledged");
      assert_contains (text, "this one has the shape of a keep-alive, so it is flagged as one.");
      assert_not_contains (text, "After a quiet period");
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("零窗口探测：服务器的窗口为 0（第 7 帧）*"
                             "Linux 用一个旧字节来探测零窗口*被标记为保活。*");
}

/* Out-of-order says what the capture shows, never more: a segment that
 * fills the gap the receiver's dup ACKs reported a round trip earlier (a
 * retransmission of a segment lost before the capture point, Linux), a
 * second copy of data seen before (crafted 05), and a segment that came
 * after later data with nothing else known (crafted 06). */
static void
test_explain_out_of_order (void)
{
  const char *corpus = hs_test_corpus_dir ();
  HsCapture *capture;
  g_autofree char *gap = NULL;

  if (g_test_subprocess ())
    {
      print_chinese ("linux-out-of-order.pcap", 22);
      return;
    }

  capture = linux_capture ("linux-out-of-order.pcap");
  g_assert_cmphex (hs_capture_get_record (capture, 21)->analysis, ==, HS_ANALYSIS_OUT_OF_ORDER);
  gap = explain (capture, 22);
  assert_contains (gap, "Out-of-order, as Wireshark 4.0 calls it: this segment (bytes "
                        "1449–2896) fills the gap that the server reported: from frame 7 on, "
                        "the server acknowledged only up to byte 1449 while later data arrived "
                        "(5 duplicate ACKs).");
  assert_contains (gap, "about a round trip later, so it is most likely the retransmission");
  assert_contains (gap, "Wireshark decides by timing alone");
  assert_not_contains (gap, "reordered");
  assert_not_contains (gap, "too soon for a retransmission");

  /* the first ACK that reported the gap is a Window Update to Wireshark
   * (its window grew), but it says more than its window */
  {
    g_autofree char *update = explain (capture, 7);

    assert_contains (update, "Window update: the server acknowledges nothing new, but its "
                             "receive window changed from 68,608 bytes to 71,680 bytes. Its "
                             "SACK option tells the client which later bytes did arrive "
                             "(2897–4344): it is still waiting for bytes 1449 onwards.");
    assert_not_contains (update, "it only announces");
  }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*填补了服务器报告的空缺*很可能是一个在抓包点之前就已丢失的"
                             "报文段的重传*Wireshark 只凭时间判断*");

  if (corpus != NULL)
    {
      g_autofree char *copy_path = g_build_filename (corpus, "crafted",
                                                     "05_ooo_vs_retrans_irtt.pcap", NULL);
      g_autofree char *none_path = g_build_filename (corpus, "crafted",
                                                     "06_ooo_no_handshake_3ms.pcap", NULL);
      g_autoptr(HsCapture) copy_cap = load (copy_path);
      g_autoptr(HsCapture) none_cap = load (none_path);
      g_autofree char *copy = explain (copy_cap, 13);
      g_autofree char *none = explain (none_cap, 3);

      assert_contains (copy, "bytes 501–600 were already sent in frame 11, 1.0 ms earlier, so "
                             "this is a second copy of them, a retransmission.");
      assert_contains (copy, "less than the connection’s initial round-trip time (20.0 ms)");
      assert_not_contains (copy, "reordered");
      assert_contains (none, "it arrived after later data. Either it was delayed and "
                             "overtaken on the way (reordered), or it is the retransmission of "
                             "a segment lost before the capture point");
      assert_not_contains (none, "most likely");
    }
}

/* RFC 9293 states after a RST, and the reset said in words. */
static void
test_explain_reset_states (void)
{
  HsCapture *capture;
  g_autofree char *refused = NULL;
  g_autofree char *aborted = NULL;
  g_autofree char *half_open = NULL;

  if (g_test_subprocess ())
    {
      print_chinese ("linux-resets.pcap", 2);
      print_chinese ("linux-resets.pcap", 11);
      return;
    }

  capture = linux_capture ("linux-resets.pcap");
  refused = explain (capture, 2);
  aborted = explain (capture, 8);
  half_open = explain (capture, 11);

  assert_contains (refused, "Reset: 10.99.0.2 refuses the connection.");
  assert_contains (refused, "\n\nClient: SYN-SENT → CLOSED (connection refused)\n"
                            "Server: CLOSED (connection refused)");
  assert_contains (aborted, "\n\nClient: ESTABLISHED → CLOSED (reset by the server)\n"
                            "Server: ESTABLISHED → CLOSED (reset by the server)");
  assert_contains (half_open, "Reset: the client answers the SYN/ACK of frame 10 with a RST");
  assert_contains (half_open, "goes back to LISTEN");
  assert_contains (half_open, "Server: SYN-RECEIVED → LISTEN (reset by the client)");
  assert_not_contains (refused, "RESET");
  assert_not_contains (aborted, "RESET");
  assert_not_contains (half_open, "RESET");

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*客户端：SYN-SENT → CLOSED（连接被拒绝）\n"
                             "服务器：CLOSED（连接被拒绝）*"
                             "服务器：SYN-RECEIVED → LISTEN（被客户端重置）*");
}

/* Sentences joined into one paragraph: a space between them in English,
 * none after "。", "，" or "：" in Chinese; for every packet of the Linux
 * captures and of the sample. */
static void
test_explain_joined_sentences (void)
{
  static const char * const names[] = {
    "linux-dsack.pcap", "linux-zero-window.pcap", "linux-out-of-order.pcap",
    "linux-resets.pcap", "linux-http.pcap",
  };
  g_autoptr(GRegex) glued = g_regex_new ("[a-z)][.:] ?[A-Z]", 0, 0, NULL);
  g_autoptr(GString) all = g_string_new (NULL);
  guint i, j;

  if (g_test_subprocess ())
    {
      use_chinese ();
      for (i = 0; i < G_N_ELEMENTS (names); i++)
        {
          HsCapture *capture = linux_capture (names[i]);

          for (j = 0; j < hs_capture_get_n_packets (capture); j++)
            {
              g_autofree char *text = hs_explain_packet (capture, j);

              g_print ("%s\n\n", text);
            }
        }
      for (j = 0; j < hs_capture_get_n_packets (sample ()); j++)
        {
          g_autofree char *text = hs_explain_packet (sample (), j);

          g_print ("%s\n\n", text);
        }
      return;
    }

  /* English: "… (spurious). Nothing is missing" */
  for (i = 0; i < G_N_ELEMENTS (names); i++)
    {
      HsCapture *capture = linux_capture (names[i]);

      for (j = 0; j < hs_capture_get_n_packets (capture); j++)
        {
          g_autofree char *text = hs_explain_packet (capture, j);
          g_autoptr(GMatchInfo) match = NULL;

          /* "…arrived.The" would be two sentences without their space */
          if (g_regex_match (glued, text, 0, &match))
            {
              g_autofree char *m = g_match_info_fetch (match, 0);

              if (strchr (m, ' ') == NULL)
                g_error ("%s frame %u: “%s” in “%s”", names[i], j + 1, m, text);
            }
          g_string_append (all, text);
        }
    }
  assert_contains (all->str, "(spurious). Nothing is missing");

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  /* joined without a space: the D-SACK's and the probe's sentences */
  g_test_trap_assert_stdout ("*（虚假重传）。没有任何数据缺失*小 1。这样的旧报文段*");
  g_test_trap_assert_stdout_unmatched ("*。 *");
  g_test_trap_assert_stdout_unmatched ("*， *");
  g_test_trap_assert_stdout_unmatched ("*： *");
}

static void
test_explain_not_tcp (void)
{
  HsCapture *capture = mixed_capture ();
  g_autofree char *udp = explain (capture, 2);
  g_autofree char *bogus = explain (capture, 5);

  assert_contains (udp, "UDP 12345 → 53 Len=4: not a TCP segment");
  assert_contains (bogus, "The TCP header length is below the minimum of 20 bytes");
}

/* ------------------------------------------------------------------------ */
/* Header tree                                                               */

static void
test_fields_syn (void)
{
  HsCapture *capture = sample ();
  g_autoptr(GPtrArray) tree = fields (capture, 1);
  const char *tcp = "Transmission Control Protocol";
  HsField *f;

  g_assert_cmpuint (tree->len, ==, 4);
  f = g_ptr_array_index (tree, 0);
  g_assert_cmpstr (f->label, ==, "Frame 1: 74 bytes on wire, 74 bytes captured");
  g_assert_cmpuint (f->offset, ==, 0);
  g_assert_cmpuint (f->length, ==, 74);
  assert_field (tree, "Frame", "Arrival time", "2025-03-14 09:26:53.000000000 UTC", 0, 0);
  assert_field (tree, "Frame", "Interface", "0 (eth0)", 0, 0);
  assert_field (tree, "Frame", "Link type", "Ethernet (1)", 0, 0);

  f = find_field (tree, "Ethernet II", NULL);
  g_assert_cmpstr (f->label, ==, "Ethernet II, Src: 3c:22:fb:5a:81:0e, Dst: a0:63:91:7d:24:c3");
  g_assert_cmpuint (f->offset, ==, 0);
  g_assert_cmpuint (f->length, ==, 14);
  assert_field (tree, "Ethernet II", "Type", "IPv4 (0x0800)", 12, 2);

  f = find_field (tree, "Internet Protocol Version 4", NULL);
  g_assert_cmpstr (f->label, ==, "Internet Protocol Version 4, Src: 192.168.1.20, "
                                 "Dst: 93.184.216.34");
  g_assert_cmpuint (f->offset, ==, 14);
  g_assert_cmpuint (f->length, ==, 20);
  assert_field (tree, "Internet Protocol", "Header length", "20 bytes (5)", 14, 1);
  assert_field (tree, "Internet Protocol", "Differentiated services",
                "0x00 (DSCP: CS0, ECN: Not-ECT)", 15, 1);
  assert_field (tree, "Internet Protocol", "Total length", "60", 16, 2);
  assert_field (tree, "Internet Protocol", "Flags", "0x2, Don’t fragment", 20, 1);
  assert_field (tree, "Internet Protocol", "Time to live", "64", 22, 1);
  assert_field (tree, "Internet Protocol", "Protocol", "TCP (6)", 23, 1);
  assert_field (tree, "Internet Protocol", "Source address", "192.168.1.20", 26, 4);

  f = find_field (tree, tcp, NULL);
  g_assert_cmpstr (f->label, ==, "Transmission Control Protocol, Src Port: 50412, "
                                 "Dst Port: 443, Seq: 0, Len: 0");
  g_assert_cmpuint (f->offset, ==, 34);
  g_assert_cmpuint (f->length, ==, 40);
  assert_field (tree, tcp, "Source port", "50412", 34, 2);
  assert_field (tree, tcp, "Destination port", "443", 36, 2);
  assert_field (tree, tcp, "Stream index", "0", 0, 0);
  assert_field (tree, tcp, "Sequence number (raw)", "709466449", 38, 4);
  assert_field (tree, tcp, "Sequence number", "0 (relative sequence number)", 38, 4);
  assert_field (tree, tcp, "Next sequence number", "1 (relative sequence number)", 0, 0);
  assert_field (tree, tcp, "Header length", "40 bytes (10)", 46, 1);
  assert_field (tree, tcp, "Flags", "0x002 (SYN)", 46, 2);
  assert_field (tree, tcp, "Syn", "Set", 47, 1);
  assert_field (tree, tcp, "Acknowledgment", "Not set", 47, 1);
  assert_field (tree, tcp, "Accurate ECN", "Not set", 46, 1);
  assert_field (tree, tcp, "Window", "14600", 48, 2);
  assert_field (tree, tcp, "Checksum", "0x7d19 (not verified)", 50, 2);
  assert_field (tree, tcp, "Options", "20 bytes", 54, 20);
  assert_field (tree, tcp, "Maximum segment size", "1460 bytes", 54, 4);
  assert_field (tree, tcp, "SACK permitted", "kind 4", 58, 2);
  assert_field (tree, tcp, "Timestamps", "TSval 2881512516, TSecr 0", 60, 10);
  assert_field (tree, tcp, "Timestamp value", "2881512516", 62, 4);
  assert_field (tree, tcp, "No-Operation (NOP)", "kind 1", 70, 1);
  assert_field (tree, tcp, "Window scale", "7 (multiply by 128)", 71, 3);
  assert_field (tree, tcp, "iRTT", "0.014280000 seconds", 0, 0);

  /* a SYN's window is never scaled: no scaling factor */
  g_assert_null (find_in (find_field (tree, tcp, NULL)->children,
                          "Window size scaling factor"));
}

static void
test_fields_ack (void)
{
  HsCapture *capture = sample ();
  g_autoptr(GPtrArray) dup = fields (capture, 13);
  g_autoptr(GPtrArray) hello = fields (capture, 4);
  const char *tcp = "Transmission Control Protocol";
  HsField *f;

  f = find_field (dup, tcp, NULL);
  g_assert_cmpstr (f->label, ==, "Transmission Control Protocol, Src Port: 50412, "
                                 "Dst Port: 443, Seq: 1010, Ack: 5556, Len: 0");
  assert_field (dup, tcp, "Acknowledgment number", "5556 (relative ack number)", 42, 4);
  assert_field (dup, tcp, "Acknowledgment number (raw)", "308352646", 42, 4);
  assert_field (dup, tcp, "Header length", "44 bytes (11)", 46, 1);
  assert_field (dup, tcp, "Flags", "0x010 (ACK)", 46, 2);
  assert_field (dup, tcp, "Window", "93", 48, 2);
  assert_field (dup, tcp, "Calculated window size", "11904", 48, 2);
  assert_field (dup, tcp, "Window size scaling factor", "128", 48, 2);
  assert_field (dup, tcp, "SACK", "7004–8452", 68, 10);
  assert_field (dup, tcp, "Left edge", "7004 (relative)", 70, 4);
  assert_field (dup, tcp, "Right edge", "8452 (relative)", 74, 4);
  assert_field (dup, tcp, "TCP Dup ACK", "duplicate #1 of the ACK in frame 11", 0, 0);

  /* the ACK of frame 4 and its payload */
  assert_field (hello, tcp, "TCP payload", "517 bytes", 66, 517);
  f = find_field (hello, "Transport Layer Security", NULL);
  g_assert_cmpuint (f->offset, ==, 66);
  g_assert_cmpuint (f->length, ==, 517);
  assert_field (hello, "Transport Layer Security", "Content type", "Handshake (22)", 66, 1);
  assert_field (hello, "Transport Layer Security", "Version", "TLSv1 (0x0301)", 67, 2);
  assert_field (hello, "Transport Layer Security", "Length", "512", 69, 2);
  assert_field (hello, "Transport Layer Security", "Handshake type", "Client Hello (1)", 71, 1);
  f = find_field (hello, "Transport Layer Security",
                  "TLSv1 Record Layer: Handshake Protocol: Client Hello");
  g_assert_cmpuint (f->offset, ==, 66);
  g_assert_cmpuint (f->length, ==, 517);

  {
    g_autoptr(GPtrArray) data = fields (capture, 5);

    assert_field (data, tcp, "This is an ACK to the segment in frame", "4", 0, 0);
    assert_field (data, tcp, "The RTT to ACK the segment was", "0.014720000 seconds", 0, 0);
    assert_field (data, tcp, "Bytes in flight", "1448", 0, 0);
  }
}

/* every field of every packet lies in its frame */
static void
test_fields_ranges (void)
{
  HsCapture *captures[] = { sample (), story_capture (), mixed_capture () };
  guint c;

  for (c = 0; c < G_N_ELEMENTS (captures); c++)
    {
      guint n = hs_capture_get_n_packets (captures[c]);
      guint i;

      for (i = 0; i < n; i++)
        {
          g_autoptr(GBytes) bytes = hs_capture_read_packet (captures[c], i, NULL);
          g_autoptr(GPtrArray) tree = hs_explain_fields (captures[c], i, bytes);
          g_autoptr(GPtrArray) bare = hs_explain_fields (captures[c], i, NULL);

          g_assert_nonnull (bytes);
          g_assert_cmpuint (tree->len, >=, 2);
          assert_ranges (tree, g_bytes_get_size (bytes));
          /* without bytes: the frame and (for TCP) the record's view, no ranges */
          g_assert_cmpuint (bare->len, >=, 1);
          assert_ranges (bare, 0);
        }
    }
}

static void
test_fields_vlan_ipv6 (void)
{
  HsCapture *capture = mixed_capture ();
  g_autoptr(GPtrArray) tree = fields (capture, 1);
  g_autoptr(GPtrArray) urgent = fields (capture, 4);
  const char *tcp = "Transmission Control Protocol";
  HsField *f;

  f = find_field (tree, "802.1Q Virtual LAN", NULL);
  g_assert_cmpstr (f->label, ==, "802.1Q Virtual LAN, PRI: 1, DEI: 0, ID: 100");
  g_assert_cmpuint (f->offset, ==, 14);
  g_assert_cmpuint (f->length, ==, 4);
  assert_field (tree, "Ethernet II", "Type", "802.1Q Virtual LAN (0x8100)", 12, 2);
  assert_field (tree, "802.1Q", "VLAN ID", "100", 14, 2);
  assert_field (tree, "802.1Q", "Type", "IPv6 (0x86dd)", 16, 2);

  f = find_field (tree, "Internet Protocol Version 6", NULL);
  g_assert_cmpstr (f->label, ==, "Internet Protocol Version 6, Src: 2001:db8::1, "
                                 "Dst: 2001:db8::2");
  g_assert_cmpuint (f->offset, ==, 18);
  g_assert_cmpuint (f->length, ==, 40);
  assert_field (tree, "Internet Protocol Version 6", "Payload length", "32", 22, 2);
  assert_field (tree, "Internet Protocol Version 6", "Next header", "TCP (6)", 24, 1);
  assert_field (tree, "Internet Protocol Version 6", "Hop limit", "64", 25, 1);
  assert_field (tree, "Internet Protocol Version 6", "Source address", "2001:db8::1", 26, 16);

  assert_field (tree, tcp, "Header length", "32 bytes (8)", 70, 1);
  assert_field (tree, tcp, "Flags", "0x002 (SYN)", 70, 2);
  assert_field (tree, tcp, "Window scale", "7 (multiply by 128)", 85, 3);

  assert_field (urgent, tcp, "Flags", "0xe38 (PSH, ACK, URG, Reserved)", 46, 2);
  assert_field (urgent, tcp, "Reserved", "Set", 46, 1);
  assert_field (urgent, tcp, "Urgent", "Set", 47, 1);
  assert_field (urgent, tcp, "Urgent pointer", "3", 52, 2);
  assert_field (urgent, "Data", NULL, NULL, 54, 6);
}

/* ------------------------------------------------------------------------ */
/* Tunnel and tag headers                                                    */

static const HsTestSegment tunnel_seg = {
  "10.0.0.1", "10.0.0.2", 1234, 80, 100, 200, ACK | PSH, 1000, 2, "hi"
};

/* Ethernet, IPv4 and UDP to `dport` around `payload`. */
static GByteArray *
outer_udp (guint16       dport,
           const guint8 *header,
           guint         header_len,
           GByteArray   *inner)
{
  static const guint8 eth[14] = { 0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1, 0x08, 0x00 };
  guint udp_len = 8 + header_len + inner->len;
  guint ip_len = 20 + udp_len;
  guint8 ip[28] = {
    0x45, 0, (guint8)(ip_len >> 8), (guint8) ip_len, 0, 1, 0x40, 0, 64, 17, 0, 0,
    192, 168, 0, 1, 192, 168, 0, 2,
    0xc3, 0x50, (guint8)(dport >> 8), (guint8) dport, (guint8)(udp_len >> 8), (guint8) udp_len,
    0, 0,
  };
  GByteArray *f = g_byte_array_new ();

  g_byte_array_append (f, eth, sizeof eth);
  g_byte_array_append (f, ip, sizeof ip);
  g_byte_array_append (f, header, header_len);
  g_byte_array_append (f, inner->data, inner->len);
  g_byte_array_unref (inner);
  return f;
}

/* The Ethernet frame of `seg` with `tag` put after the MAC addresses. */
static GByteArray *
frame_with_tag (const guint8 *tag,
                guint         tag_len,
                const guint8 *trailer,
                guint         trailer_len)
{
  g_autoptr(GByteArray) plain = hs_test_build_frame (&tunnel_seg);
  GByteArray *f = g_byte_array_new ();

  g_byte_array_append (f, plain->data, 12);
  g_byte_array_append (f, tag, tag_len);
  g_byte_array_append (f, plain->data + 12, plain->len - 12);
  if (trailer_len > 0)
    g_byte_array_append (f, trailer, trailer_len);
  return f;
}

static void
test_fields_tunnels (void)
{
  static const guint8 geneve[12] = { 0x01, 0x00, 0x65, 0x58, 0x00, 0x01, 0x02, 0x00,
                                     0x01, 0x02, 0x03, 0x04 };
  static const guint8 nsh_gpe[8 + 8] = { 0x0c, 0, 0, 0x04, 0, 0, 0x05, 0,
                                         0x00, 0x02, 0x02, 0x03, 0x00, 0x00, 0x2a, 0xfe };
  /* the frame's own ethertype (0x0800) closes each tag */
  static const guint8 macsec[14 + 2] = { 0x88, 0xe5, 0x20, 0, 0, 0, 0, 7,
                                         2, 0, 0, 0, 0, 1, 0, 1 };
  static const guint8 cmd[2 + 6] = { 0x89, 0x09, 0x01, 0x01, 0x00, 0x01, 0x00, 0x10 };
  static const guint8 pbb[2 + 16] = { 0x88, 0xe7, 0x00, 0x00, 0x01, 0x00,
                                      0x02, 0, 0, 0, 0, 0x0c, 0x02, 0, 0, 0, 0, 0x0d };
  static const guint8 icv[16] = { 0 };
  g_autofree char *path = tmp_path ("tunnels.pcapng");
  HsTestWriter *w = hs_test_writer_new (path, HS_TEST_PCAPNG, 1, FALSE);
  g_autoptr(HsCapture) capture = NULL;
  g_autoptr(GPtrArray) t1 = NULL;
  g_autoptr(GPtrArray) t2 = NULL;
  g_autoptr(GPtrArray) t3 = NULL;
  g_autoptr(GPtrArray) t4 = NULL;
  g_autoptr(GPtrArray) t5 = NULL;
  GByteArray *frames[5];
  HsField *f;
  guint i;

  frames[0] = outer_udp (6081, geneve, sizeof geneve, hs_test_build_frame (&tunnel_seg));
  frames[1] = outer_udp (4790, nsh_gpe, sizeof nsh_gpe, hs_test_build_frame (&tunnel_seg));
  frames[2] = frame_with_tag (macsec, sizeof macsec, icv, sizeof icv);
  frames[3] = frame_with_tag (cmd, sizeof cmd, NULL, 0);
  frames[4] = frame_with_tag (pbb, sizeof pbb, NULL, 0);
  for (i = 0; i < G_N_ELEMENTS (frames); i++)
    {
      hs_test_writer_packet (w, 0, T0 + i * MS, frames[i]->data, frames[i]->len, frames[i]->len);
      g_byte_array_unref (frames[i]);
    }
  hs_test_writer_close (w);
  capture = load (path);
  t1 = fields (capture, 1);
  t2 = fields (capture, 2);
  t3 = fields (capture, 3);
  t4 = fields (capture, 4);
  t5 = fields (capture, 5);

  /* Geneve with one option word, then the whole inner frame */
  f = find_field (t1, "Generic Network Virtualization Encapsulation", NULL);
  g_assert_cmpuint (f->offset, ==, 42);
  g_assert_cmpuint (f->length, ==, 12);
  assert_field (t1, "Generic Network", "Options length", "4 bytes", 42, 1);
  assert_field (t1, "Generic Network", "Protocol type", "0x6558", 44, 2);
  assert_field (t1, "Generic Network", "Virtual network identifier", "0x000102", 46, 3);
  find_field (t1, "Transmission Control Protocol", NULL);

  /* VXLAN-GPE carrying NSH carrying Ethernet */
  assert_field (t2, "Virtual eXtensible Local Area Network (GPE)", "Next protocol", "4", 45, 1);
  assert_field (t2, "Network Service Header", "Next protocol", "3", 53, 1);
  assert_field (t2, "Network Service Header", "Service path identifier", "42", 54, 3);
  assert_field (t2, "Network Service Header", "Service index", "254", 57, 1);

  /* MACsec, integrity only: the SecTAG with the SCI, and the ethertype */
  f = find_field (t3, "802.1AE Security Tag", NULL);
  g_assert_cmpuint (f->offset, ==, 14);
  g_assert_cmpuint (f->length, ==, 16);
  assert_field (t3, "802.1AE", "Encrypted", "Not set", 14, 1);
  assert_field (t3, "802.1AE", "Packet number", "7", 16, 4);
  assert_field (t3, "802.1AE", "Type", "IPv4 (0x0800)", 28, 2);
  find_field (t3, "Transmission Control Protocol", NULL);

  assert_field (t4, "Cisco MetaData", "Security group tag", "16", 18, 2);
  assert_field (t4, "Cisco MetaData", "Type", "IPv4 (0x0800)", 20, 2);

  assert_field (t5, "IEEE 802.1ah", "I-SID", "256", 15, 3);
  assert_field (t5, "IEEE 802.1ah", "Source", "02:00:00:00:00:0d", 24, 6);
  assert_field (t5, "IEEE 802.1ah", "Type", "IPv4 (0x0800)", 30, 2);
}

/* ------------------------------------------------------------------------ */
/* Related packets, anomaly classes, flags, hex dump                         */

static void
test_related (void)
{
  HsCapture *capture = sample ();
  HsCapture *other = story_capture ();
  guint related[4];
  HsRelation roles[4];
  guint n;

  /* frame 13 duplicates the ACK of frame 11 */
  n = hs_explain_related (capture, 12, related, roles, G_N_ELEMENTS (related));
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (related[0], ==, 10);
  g_assert_cmpint (roles[0], ==, HS_RELATION_DUPLICATED_ACK);

  /* frame 4 (the Client Hello) is acknowledged by frame 5, whose data
   * nobody acknowledges on its own (frame 7 acknowledges frame 6) */
  n = hs_explain_related (capture, 3, related, roles, G_N_ELEMENTS (related));
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (related[0], ==, 4);
  g_assert_cmpint (roles[0], ==, HS_RELATION_ACKED_BY);
  n = hs_explain_related (capture, 4, related, roles, G_N_ELEMENTS (related));
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (related[0], ==, 3);
  g_assert_cmpint (roles[0], ==, HS_RELATION_ACKED);

  /* frame 6 is acknowledged by frame 7 */
  n = hs_explain_related (capture, 5, related, roles, G_N_ELEMENTS (related));
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (related[0], ==, 6);
  g_assert_cmpint (roles[0], ==, HS_RELATION_ACKED_BY);

  /* the SYN/ACK acknowledges the SYN and is acknowledged by frame 3 */
  n = hs_explain_related (capture, 1, related, roles, G_N_ELEMENTS (related));
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (related[0], ==, 0);
  g_assert_cmpint (roles[0], ==, HS_RELATION_ACKED);
  g_assert_cmpuint (related[1], ==, 2);
  g_assert_cmpint (roles[1], ==, HS_RELATION_ACKED_BY);

  /* at most `max` */
  n = hs_explain_related (capture, 1, related, roles, 1);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (roles[0], ==, HS_RELATION_ACKED);
  g_assert_cmpuint (hs_explain_related (capture, 1, related, roles, 0), ==, 0);

  /* frame 1's SYN is acknowledged by the SYN/ACK */
  n = hs_explain_related (capture, 0, related, NULL, G_N_ELEMENTS (related));
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (related[0], ==, 1);

  /* the fast retransmission: its original was not captured; frame 19 acks
   * everything up to the end of frame 16, not frame 18 itself */
  g_assert_cmpuint (hs_capture_find_original (capture, 17), ==, G_MAXUINT);

  /* the second zero-window probe re-sends the byte of the first */
  g_assert_cmpuint (hs_capture_find_original (capture, 29), ==, 27);
  /* a pure ACK has no original */
  g_assert_cmpuint (hs_capture_find_original (capture, 6), ==, G_MAXUINT);

  /* the story's retransmission (frame 5) of frame 4 */
  g_assert_cmpuint (hs_capture_find_original (other, 4), ==, 3);
  n = hs_explain_related (other, 4, related, roles, G_N_ELEMENTS (related));
  g_assert_cmpuint (n, >=, 1);
  g_assert_cmpuint (related[0], ==, 3);
  g_assert_cmpint (roles[0], ==, HS_RELATION_ORIGINAL);
  /* the repeated SYN of frame 16 */
  g_assert_cmpuint (hs_capture_find_original (other, 15), ==, 14);

  /* not TCP */
  g_assert_cmpuint (hs_explain_related (mixed_capture (), 1, related, roles, 4), ==, 0);
  g_assert_cmpuint (hs_capture_find_original (mixed_capture (), 1), ==, G_MAXUINT);
}

static void
test_anomaly_classes (void)
{
  static const struct {
    guint          analysis;
    guint          tcp_flags;
    guint          status;
    guint          problems;
    HsAnomalyClass klass;
    gboolean       anomaly;
  } cases[] = {
    { 0, HS_TCP_ACK, HS_DECODE_TCP, 0, HS_ANOMALY_CLASS_NONE, FALSE },
    { 0, HS_TCP_SYN, HS_DECODE_TCP, 0, HS_ANOMALY_CLASS_HANDSHAKE, FALSE },
    { 0, HS_TCP_FIN | HS_TCP_ACK, HS_DECODE_TCP, 0, HS_ANOMALY_CLASS_HANDSHAKE, FALSE },
    { 0, HS_TCP_RST, HS_DECODE_TCP, 0, HS_ANOMALY_CLASS_RESET, TRUE },
    { HS_ANALYSIS_RETRANSMISSION, HS_TCP_RST, HS_DECODE_TCP, 0, HS_ANOMALY_CLASS_RESET, TRUE },
    { 0, 0, HS_DECODE_MALFORMED, 0, HS_ANOMALY_CLASS_MALFORMED, TRUE },
    { 0, HS_TCP_ACK, HS_DECODE_TCP, HS_PROBLEM_BAD_HEADER_LENGTH, HS_ANOMALY_CLASS_MALFORMED,
      TRUE },
    { 0, HS_TCP_ACK, HS_DECODE_TCP, HS_PROBLEM_BAD_TCP_OPTION, HS_ANOMALY_CLASS_MALFORMED, TRUE },
    { 0, HS_TCP_ACK, HS_DECODE_TCP, HS_PROBLEM_BAD_IP_LENGTH, HS_ANOMALY_CLASS_MALFORMED, TRUE },
    { 0, HS_TCP_ACK, HS_DECODE_TCP, HS_PROBLEM_SNAPLEN_TRUNCATED, HS_ANOMALY_CLASS_NONE, FALSE },
    { 0, 0, HS_DECODE_NOT_TCP, 0, HS_ANOMALY_CLASS_NONE, FALSE },
    { HS_ANALYSIS_LOST_SEGMENT | HS_ANALYSIS_RETRANSMISSION, HS_TCP_ACK, HS_DECODE_TCP, 0,
      HS_ANOMALY_CLASS_LOST, TRUE },
    { HS_ANALYSIS_ACK_LOST_SEGMENT, HS_TCP_ACK, HS_DECODE_TCP, 0, HS_ANOMALY_CLASS_LOST, TRUE },
    { HS_ANALYSIS_RETRANSMISSION, HS_TCP_SYN, HS_DECODE_TCP, 0,
      HS_ANOMALY_CLASS_RETRANSMISSION, TRUE },
    { HS_ANALYSIS_FAST_RETRANSMISSION | HS_ANALYSIS_RETRANSMISSION, HS_TCP_ACK, HS_DECODE_TCP, 0,
      HS_ANOMALY_CLASS_RETRANSMISSION, TRUE },
    { HS_ANALYSIS_SPURIOUS_RETRANSMISSION | HS_ANALYSIS_RETRANSMISSION, HS_TCP_ACK,
      HS_DECODE_TCP, 0, HS_ANOMALY_CLASS_RETRANSMISSION, TRUE },
    { HS_ANALYSIS_OUT_OF_ORDER, HS_TCP_ACK, HS_DECODE_TCP, 0, HS_ANOMALY_CLASS_OUT_OF_ORDER,
      TRUE },
    { HS_ANALYSIS_DUPLICATE_ACK | HS_ANALYSIS_ZERO_WINDOW, HS_TCP_ACK, HS_DECODE_TCP, 0,
      HS_ANOMALY_CLASS_DUP_ACK, TRUE },
    { HS_ANALYSIS_ZERO_WINDOW, HS_TCP_ACK, HS_DECODE_TCP, 0, HS_ANOMALY_CLASS_WINDOW, TRUE },
    { HS_ANALYSIS_ZERO_WINDOW_PROBE, HS_TCP_ACK, HS_DECODE_TCP, 0, HS_ANOMALY_CLASS_WINDOW,
      TRUE },
    { HS_ANALYSIS_ZERO_WINDOW_PROBE_ACK, HS_TCP_ACK, HS_DECODE_TCP, 0, HS_ANOMALY_CLASS_WINDOW,
      TRUE },
    { HS_ANALYSIS_WINDOW_FULL, HS_TCP_ACK, HS_DECODE_TCP, 0, HS_ANOMALY_CLASS_WINDOW, TRUE },
    { HS_ANALYSIS_WINDOW_UPDATE, HS_TCP_ACK, HS_DECODE_TCP, 0, HS_ANOMALY_CLASS_WINDOW_UPDATE,
      FALSE },
    { HS_ANALYSIS_KEEP_ALIVE, HS_TCP_ACK, HS_DECODE_TCP, 0, HS_ANOMALY_CLASS_KEEP_ALIVE, TRUE },
    { HS_ANALYSIS_KEEP_ALIVE_ACK, HS_TCP_ACK, HS_DECODE_TCP, 0, HS_ANOMALY_CLASS_KEEP_ALIVE,
      FALSE },
    { HS_ANALYSIS_REUSED_PORTS, HS_TCP_SYN, HS_DECODE_TCP, 0, HS_ANOMALY_CLASS_REUSED_PORTS,
      TRUE },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      HsPacketRecord rec;

      memset (&rec, 0, sizeof rec);
      rec.analysis = cases[i].analysis;
      rec.tcp_flags = cases[i].tcp_flags;
      rec.decode_status = cases[i].status;
      rec.problems = cases[i].problems;

      g_assert_cmpint (hs_anomaly_class_for_record (&rec), ==, cases[i].klass);
      g_assert_cmpint (hs_packet_record_is_anomaly (&rec), ==, cases[i].anomaly);
    }

  g_assert_null (hs_anomaly_class_css_name (HS_ANOMALY_CLASS_NONE));
  g_assert_cmpstr (hs_anomaly_class_css_name (HS_ANOMALY_CLASS_RETRANSMISSION), ==,
                   "retransmission");
  g_assert_cmpstr (hs_anomaly_class_css_name (HS_ANOMALY_CLASS_DUP_ACK), ==, "dup-ack");
  g_assert_cmpstr (hs_anomaly_class_label (HS_ANOMALY_CLASS_DUP_ACK), ==, "Duplicate ACK");

  for (i = 0; i < HS_ANOMALY_CLASS_LAST; i++)
    {
      const char *css = hs_anomaly_class_css_name (i);
      guint j;

      g_assert_nonnull (hs_anomaly_class_label (i));
      g_assert_nonnull (hs_anomaly_class_description (i));
      g_assert_true (g_str_has_suffix (hs_anomaly_class_description (i), "."));
      g_assert_true ((css == NULL) == (i == HS_ANOMALY_CLASS_NONE));

      /* CSS names are distinct identifiers */
      for (j = 0; css != NULL && css[j] != 0; j++)
        g_assert_true (g_ascii_islower (css[j]) || css[j] == '-');
      for (j = i + 1; css != NULL && j < HS_ANOMALY_CLASS_LAST; j++)
        g_assert_cmpstr (css, !=, hs_anomaly_class_css_name (j));
    }

  /* on the sample */
  {
    HsCapture *capture = sample ();
    static const struct {
      guint          frame;
      HsAnomalyClass klass;
    } frames[] = {
      { 1, HS_ANOMALY_CLASS_HANDSHAKE }, { 5, HS_ANOMALY_CLASS_NONE },
      { 12, HS_ANOMALY_CLASS_LOST }, { 13, HS_ANOMALY_CLASS_DUP_ACK },
      { 18, HS_ANOMALY_CLASS_RETRANSMISSION }, { 26, HS_ANOMALY_CLASS_WINDOW },
      { 28, HS_ANOMALY_CLASS_WINDOW }, { 32, HS_ANOMALY_CLASS_WINDOW_UPDATE },
      { 39, HS_ANOMALY_CLASS_HANDSHAKE }, { 43, HS_ANOMALY_CLASS_RESET },
    };
    guint n_anomalies = 0;

    for (i = 0; i < G_N_ELEMENTS (frames); i++)
      g_assert_cmpint (hs_anomaly_class_for_record (hs_capture_get_record (capture,
                                                                           frames[i].frame - 1)),
                       ==, frames[i].klass);

    for (i = 0; i < hs_capture_get_n_packets (capture); i++)
      n_anomalies += hs_packet_record_is_anomaly (hs_capture_get_record (capture, i));
    /* 12, 13, 15, 17, 18, 26, 27, 28, 29, 30, 31 and the RST 43; not the
     * window update 32 */
    g_assert_cmpuint (n_anomalies, ==, 12);
  }
}

static void
test_flags_string (void)
{
  static const struct {
    guint       flags;
    const char *text;
  } cases[] = {
    { 0, "<None>" },
    { HS_TCP_SYN, "SYN" },
    { HS_TCP_SYN | HS_TCP_ACK, "SYN, ACK" },
    { HS_TCP_FIN | HS_TCP_PSH | HS_TCP_ACK, "FIN, PSH, ACK" },
    { HS_TCP_RST | HS_TCP_ACK, "RST, ACK" },
    { HS_TCP_SYN | HS_TCP_ECE | HS_TCP_CWR, "SYN, ECE, CWR" },
    { HS_TCP_ACK | HS_TCP_AE, "ACK, AE" },
    { 0x1ff, "FIN, SYN, RST, PSH, ACK, URG, ECE, CWR, AE" },
    { HS_TCP_SYN | 0x200, "SYN, Reserved" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = hs_tcp_flags_to_string (cases[i].flags);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_hex_dump (void)
{
  guint8 data[256];
  g_autofree char *empty = hs_format_hex_dump (NULL, 0, 16);
  g_autofree char *one = NULL;
  g_autofree char *two_lines = NULL;
  g_autofree char *sixteen = NULL;
  g_autofree char *big = NULL;
  g_autofree char *frame = NULL;
  g_autofree char *narrow = NULL;
  g_auto(GStrv) lines = NULL;
  guint i;

  for (i = 0; i < sizeof data; i++)
    data[i] = (guint8) i;

  g_assert_cmpstr (empty, ==, "");

  one = hs_format_hex_dump ((const guint8 *) "E", 1, 16);
  g_assert_cmpstr (one, ==, "0000  45                                                 E");

  sixteen = hs_format_hex_dump (data + 0x40, 16, 16);
  g_assert_cmpstr (sixteen, ==,
                   "0000  40 41 42 43 44 45 46 47  48 49 4a 4b 4c 4d 4e 4f   @ABCDEFGHIJKLMNO");

  two_lines = hs_format_hex_dump (data + 0x7a, 20, 16);
  g_assert_cmpstr (two_lines, ==,
                   "0000  7a 7b 7c 7d 7e 7f 80 81  82 83 84 85 86 87 88 89   z{|}~...........\n"
                   "0010  8a 8b 8c 8d                                        ....");

  /* every line is as wide; byte i of a line is at columns 6 + 3 i (+ 1
   * from the ninth) and 57 + i, as src/handshake/hs-hex-layout.h expects */
  big = hs_format_hex_dump (data, sizeof data, 16);
  lines = g_strsplit (big, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 16);
  for (i = 0; i < 16; i++)
    {
      guint j;

      g_assert_cmpuint (strlen (lines[i]), ==, 73);
      g_assert_cmpuint (g_ascii_strtoull (lines[i], NULL, 16), ==, i * 16);
      for (j = 0; j < 16; j++)
        {
          guint8 byte = (guint8)(i * 16 + j);
          char ascii = (byte >= 0x20 && byte < 0x7f) ? (char) byte : '.';

          g_assert_cmpuint (g_ascii_strtoull (lines[i] + 6 + 3 * j + (j >= 8 ? 1 : 0), NULL, 16),
                            ==, byte);
          g_assert_cmpint (lines[i][57 + j], ==, ascii);
        }
    }
  g_assert_true (g_str_has_suffix (lines[4], "@ABCDEFGHIJKLMNO"));
  g_assert_cmpuint (hs_hex_dump_line_width (sizeof data, 16), ==, 73);

  /* 8 bytes a line for a narrow pane, without the group space; the
   * columns say where each byte is */
  narrow = hs_format_hex_dump (data + 0x7a, 20, 8);
  g_assert_cmpstr (narrow, ==,
                   "0000  7a 7b 7c 7d 7e 7f 80 81   z{|}~...\n"
                   "0008  82 83 84 85 86 87 88 89   ........\n"
                   "0010  8a 8b 8c 8d               ....");
  g_assert_cmpuint (hs_hex_dump_line_width (20, 8), ==, 40);
  for (i = 0; i < 8; i++)
    {
      guint hex, ascii;

      hs_hex_dump_columns (20, 8, i, &hex, &ascii);
      g_assert_cmpuint (g_ascii_strtoull (narrow + 41 + hex, NULL, 16), ==, 0x82 + i);
      g_assert_cmpint (narrow[41 + ascii], ==, '.');
      hs_hex_dump_columns (20, 8, i, &hex, &ascii);
      g_assert_cmpuint (g_ascii_strtoull (narrow + hex, NULL, 16), ==, 0x7a + i);
      g_assert_cmpint (narrow[ascii], ==, i < 5 ? "z{|}~"[i] : '.');
    }

  /* a real frame: the IPv4 header length byte of frame 1 at offset 14 */
  {
    g_autoptr(GBytes) bytes = hs_capture_read_packet (sample (), 0, NULL);
    gsize size;
    const guint8 *p = g_bytes_get_data (bytes, &size);

    frame = hs_format_hex_dump (p, size, 16);
    g_assert_true (g_str_has_prefix (frame, "0000  a0 63 91 7d 24 c3 3c 22  fb 5a 81 0e 08 00 "
                                            "45 00   .c.}$.<\".Z....E.\n0010  "));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* arrival times are shown in local time */
  g_setenv ("TZ", "UTC", TRUE);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  tmp_dir = g_dir_make_tmp ("hs-test-explain-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/handshake/explain/info/sample", test_info_sample);
  g_test_add_func ("/handshake/explain/info/no-bytes", test_info_no_bytes);
  g_test_add_func ("/handshake/explain/info/crafted", test_info_crafted);
  g_test_add_func ("/handshake/explain/info/linux", test_info_linux);
  g_test_add_func ("/handshake/explain/info/http", test_info_http);
  g_test_add_func ("/handshake/explain/info/http-no-bytes", test_info_http_no_bytes);
  g_test_add_func ("/handshake/explain/info/story", test_info_story);
  g_test_add_func ("/handshake/explain/info/mixed", test_info_mixed);
  g_test_add_func ("/handshake/explain/packet/handshake", test_explain_handshake);
  g_test_add_func ("/handshake/explain/packet/data-and-ack", test_explain_data_and_ack);
  g_test_add_func ("/handshake/explain/packet/loss", test_explain_loss);
  g_test_add_func ("/handshake/explain/packet/window", test_explain_window);
  g_test_add_func ("/handshake/explain/packet/teardown", test_explain_teardown);
  g_test_add_func ("/handshake/explain/packet/story", test_explain_story);
  g_test_add_func ("/handshake/explain/packet/not-tcp", test_explain_not_tcp);
  g_test_add_func ("/handshake/explain/packet/dsack", test_explain_dsack);
  g_test_add_func ("/handshake/explain/packet/linux-zero-window-probe",
                   test_explain_linux_zero_window_probe);
  g_test_add_func ("/handshake/explain/packet/out-of-order", test_explain_out_of_order);
  g_test_add_func ("/handshake/explain/packet/reset-states", test_explain_reset_states);
  g_test_add_func ("/handshake/explain/packet/joined-sentences", test_explain_joined_sentences);
  g_test_add_func ("/handshake/explain/fields/syn", test_fields_syn);
  g_test_add_func ("/handshake/explain/fields/ack", test_fields_ack);
  g_test_add_func ("/handshake/explain/fields/vlan-ipv6", test_fields_vlan_ipv6);
  g_test_add_func ("/handshake/explain/fields/tunnels", test_fields_tunnels);
  g_test_add_func ("/handshake/explain/fields/ranges", test_fields_ranges);
  g_test_add_func ("/handshake/explain/related", test_related);
  g_test_add_func ("/handshake/explain/anomaly-classes", test_anomaly_classes);
  g_test_add_func ("/handshake/explain/flags-string", test_flags_string);
  g_test_add_func ("/handshake/explain/hex-dump", test_hex_dump);

  status = g_test_run ();

  g_clear_object (&sample_capture);
  g_clear_object (&story_file);
  g_clear_object (&mixed_cap);

  if (g_getenv ("HS_TEST_KEEP") == NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = tmp_path (name);

          g_unlink (path);
        }
      g_rmdir (tmp_dir);
    }
  else
    g_printerr ("kept %s\n", tmp_dir);
  g_free (tmp_dir);

  return status;
}
