/* test-cli.c
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

#include "handshake.h"
#include "hs-test-utils.h"

#define T0 G_GINT64_CONSTANT (1700000000000000000)

/* Handshake, a lost segment, a dup ACK, a retransmission, a zero window
 * and a FIN teardown. */
static const HsTestSegment conversation[] = {
  { "10.0.0.1", "10.0.0.2", 40000, 80, 1000, 0, HS_TCP_SYN, 64240, 0 },
  { "10.0.0.2", "10.0.0.1", 80, 40000, 5000, 1001, HS_TCP_SYN | HS_TCP_ACK, 65160, 0 },
  { "10.0.0.1", "10.0.0.2", 40000, 80, 1001, 5001, HS_TCP_ACK, 64240, 0 },
  { "10.0.0.1", "10.0.0.2", 40000, 80, 1001, 5001, HS_TCP_ACK | HS_TCP_PSH, 64240, 100 },
  { "10.0.0.1", "10.0.0.2", 40000, 80, 1201, 5001, HS_TCP_ACK | HS_TCP_PSH, 64240, 100 },
  { "10.0.0.2", "10.0.0.1", 80, 40000, 5001, 1101, HS_TCP_ACK, 65160, 0 },
  { "10.0.0.2", "10.0.0.1", 80, 40000, 5001, 1101, HS_TCP_ACK, 65160, 0 },
  { "10.0.0.1", "10.0.0.2", 40000, 80, 1101, 5001, HS_TCP_ACK | HS_TCP_PSH, 64240, 100 },
  { "10.0.0.2", "10.0.0.1", 80, 40000, 5001, 1301, HS_TCP_ACK, 0, 0 },
  { "10.0.0.2", "10.0.0.1", 80, 40000, 5001, 1301, HS_TCP_ACK, 65160, 0 },
  { "10.0.0.1", "10.0.0.2", 40000, 80, 1301, 5001, HS_TCP_ACK | HS_TCP_FIN, 64240, 0 },
  { "10.0.0.2", "10.0.0.1", 80, 40000, 5001, 1302, HS_TCP_ACK | HS_TCP_FIN, 65160, 0 },
  { "10.0.0.1", "10.0.0.2", 40000, 80, 1302, 5002, HS_TCP_ACK, 64240, 0 },
};

static const char *expected_analysis[] = {
  "-", "-", "-", "-", "lost_segment", "-", "duplicate_ack", "retransmission",
  "zero_window", "window_update", "-", "-", "-",
};

static char *
write_capture (const char *name,
               gsize       cut)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), name, NULL);
  HsTestWriter *w = hs_test_writer_new (path, HS_TEST_PCAP_USEC, 1, FALSE);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (conversation); i++)
    {
      g_autoptr(GByteArray) f = hs_test_build_frame (&conversation[i]);

      /* the retransmission comes 300 ms later: an RTO, not out-of-order */
      hs_test_writer_packet (w, 0, T0 + i * G_GINT64_CONSTANT (10000000) +
                             (i >= 7 ? G_GINT64_CONSTANT (300000000) : 0),
                             f->data, f->len, f->len);
    }
  hs_test_writer_close (w);

  if (cut > 0)
    {
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      g_assert_true (g_file_set_contents (path, contents, len - cut, NULL));
    }

  return g_steal_pointer (&path);
}

static void
test_help (void)
{
  const char *argv1[] = { hs_test_cli_path (), "--help", NULL };
  const char *argv2[] = { hs_test_cli_path (), "analyze", "--help", NULL };
  const char *argv3[] = { hs_test_cli_path (), "conversations", "--help", NULL };
  const char *argv4[] = { hs_test_cli_path (), "frobnicate", "x.pcap", NULL };
  const char *argv5[] = { hs_test_cli_path (), "analyze", NULL };
  const char *argv6[] = { hs_test_cli_path (), "analyze", "--format", "xml", "x.pcap", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (hs_test_run (argv1, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "analyze"));
  g_assert_nonnull (strstr (out, "conversations"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (hs_test_run (argv2, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "--format"));
  g_assert_nonnull (strstr (out, "handshake-cli analyze"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (hs_test_run (argv3, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "--format"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (hs_test_run (argv4, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "frobnicate"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (hs_test_run (argv5, &out, &err), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (hs_test_run (argv6, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "xml"));
}

static void
test_analyze_tsv (void)
{
  g_autofree char *path = write_capture ("cli.pcap", 0);
  const char *argv[] = { hs_test_cli_path (), "analyze", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  guint i;

  g_assert_cmpint (hs_test_run (argv, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  lines = g_strsplit (out, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "frame\tstream\tseq\tack\tlen\twin\tanalysis\t"));
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (conversation) + 2);

  for (i = 0; i < G_N_ELEMENTS (conversation); i++)
    {
      g_auto(GStrv) cols = g_strsplit (lines[i + 1], "\t", -1);

      g_assert_cmpuint (g_strv_length (cols), ==, 18);
      g_assert_cmpuint (atoi (cols[0]), ==, i + 1);
      g_assert_cmpstr (cols[1], ==, "0");
      g_assert_cmpuint (atoi (cols[4]), ==, conversation[i].payload_len);
      g_assert_cmpstr (cols[6], ==, expected_analysis[i]);
    }

  /* frame 4: relative seq 1, acknowledged by frame 6 (ack 101) */
  g_assert_true (g_str_has_prefix (lines[4], "4\t0\t1\t1\t100\t64240\t-\t"));
  g_assert_nonnull (strstr (lines[4], "\t10.0.0.1\t40000\t10.0.0.2\t80\tPSH,ACK\t"));
  g_assert_true (g_str_has_prefix (lines[6], "6\t0\t1\t101\t0\t65160\t-\t"));
  g_assert_nonnull (strstr (lines[6], "\tACK\t4\t0.020000000\t"));
  /* frame 7 duplicates frame 6's ACK */
  g_assert_nonnull (strstr (lines[7], "\tACK\t6\t-\t1\t"));
  /* states along the handshake and the teardown */
  g_assert_true (g_str_has_suffix (lines[1], "\tSYN-SENT"));
  g_assert_true (g_str_has_suffix (lines[2], "\tSYN-RECEIVED"));
  g_assert_true (g_str_has_suffix (lines[3], "\tESTABLISHED"));
  g_assert_true (g_str_has_suffix (lines[11], "\tFIN-WAIT-1"));
  g_assert_true (g_str_has_suffix (lines[12], "\tLAST-ACK"));
  g_assert_true (g_str_has_suffix (lines[13], "\tTIME-WAIT"));
}

static void
test_analyze_json (void)
{
  g_autofree char *path = write_capture ("cli.pcap", 0);
  const char *argv[] = { hs_test_cli_path (), "analyze", "--format", "json", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *script = NULL;
  g_autofree char *check_out = NULL;
  const char *check[] = { "python3", "-c", NULL, NULL };

  g_assert_cmpint (hs_test_run (argv, &out, &err), ==, 0);

  /* valid JSON with the same values as the TSV */
  script = g_strdup_printf ("import json; rows = json.loads(%s); "
                            "print(len(rows), rows[4]['analysis'], rows[6]['dupack_num'], "
                            "rows[3]['src'], rows[0]['flags'])",
                            "open('/dev/stdin').read()");
  check[2] = script;
  {
    g_autoptr(GSubprocess) proc = NULL;
    g_autoptr(GError) error = NULL;

    proc = g_subprocess_newv (check, G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                     G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
    g_assert_no_error (error);
    g_subprocess_communicate_utf8 (proc, out, NULL, &check_out, NULL, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpstr (check_out, ==, "13 lost_segment 1 10.0.0.1 SYN\n");
}

static void
test_conversations (void)
{
  g_autofree char *path = write_capture ("cli.pcap", 0);
  const char *argv[] = { hs_test_cli_path (), "conversations", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) head = NULL;
  g_auto(GStrv) cols = NULL;
  guint i;

  g_assert_cmpint (hs_test_run (argv, &out, &err), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  head = g_strsplit (lines[0], "\t", -1);
  cols = g_strsplit (lines[1], "\t", -1);
  g_assert_cmpuint (g_strv_length (head), ==, g_strv_length (cols));

  g_assert_cmpstr (cols[0], ==, "0");
  g_assert_cmpstr (cols[1], ==, "10.0.0.1");
  g_assert_cmpstr (cols[2], ==, "40000");
  g_assert_cmpstr (cols[3], ==, "10.0.0.2");
  g_assert_cmpstr (cols[4], ==, "80");
  g_assert_cmpstr (cols[5], ==, "SF");
  g_assert_cmpstr (cols[7], ==, "7");    /* client packets */
  g_assert_cmpstr (cols[8], ==, "300");  /* client payload bytes */
  g_assert_cmpstr (cols[9], ==, "6");
  g_assert_cmpstr (cols[10], ==, "0");
  g_assert_cmpstr (cols[12], ==, "0.020000");
  /* the crafted SYNs carry no options */
  g_assert_cmpstr (head[g_strv_length (head) - 2], ==, "a_options");
  g_assert_cmpstr (cols[g_strv_length (cols) - 2], ==, "none");
  g_assert_cmpstr (cols[g_strv_length (cols) - 1], ==, "none");

  for (i = 0; head[i] != NULL; i++)
    {
      if (g_str_equal (head[i], "retransmission") || g_str_equal (head[i], "duplicate_ack") ||
          g_str_equal (head[i], "lost_segment") || g_str_equal (head[i], "zero_window") ||
          g_str_equal (head[i], "window_update"))
        g_assert_cmpstr (cols[i], ==, "1");
      else if (i >= 13 && !g_str_has_suffix (head[i], "_options"))
        g_assert_cmpstr (cols[i], ==, "0");
    }
}

static void
test_errors (void)
{
  g_autofree char *missing = g_build_filename (g_get_tmp_dir (), "missing.pcap", NULL);
  g_autofree char *text = g_build_filename (g_get_tmp_dir (), "text.pcap", NULL);
  g_autofree char *user0 = g_build_filename (g_get_tmp_dir (), "user0.pcap", NULL);
  const char *argv[] = { hs_test_cli_path (), "analyze", NULL, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  HsTestWriter *w;
  guint8 junk[60] = { 0 };

  argv[2] = missing;
  g_assert_cmpint (hs_test_run (argv, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, missing));
  g_assert_cmpuint (strchr (err, '\n') - err + 1, ==, strlen (err)); /* one line */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_true (g_file_set_contents (text, "hello, this is text\n", -1, NULL));
  argv[2] = text;
  g_assert_cmpint (hs_test_run (argv, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, text));
  g_assert_nonnull (strstr (err, "not a capture"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  w = hs_test_writer_new (user0, HS_TEST_PCAP_USEC, 147, FALSE);
  hs_test_writer_packet (w, 0, T0, junk, sizeof junk, sizeof junk);
  hs_test_writer_close (w);
  argv[2] = user0;
  g_assert_cmpint (hs_test_run (argv, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, user0));
  g_assert_nonnull (strstr (err, "link type 147"));
}

static void
test_truncated (void)
{
  g_autofree char *path = write_capture ("cut.pcap", 20);
  const char *argv[] = { hs_test_cli_path (), "analyze", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;

  /* every readable packet printed, then the problem and where, exit 3 */
  g_assert_cmpint (hs_test_run (argv, &out, &err), ==, 3);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (conversation) - 1 + 2);
  g_assert_nonnull (strstr (err, path));
  g_assert_nonnull (strstr (err, "byte offset"));
  g_assert_nonnull (strstr (err, "number 13"));
}

/* A real damaged capture from the corpus: the file is cut short in the
 * middle of a packet; Wireshark shows 23 TCP packets, so do we. */
static void
test_corpus_damaged (void)
{
  const char *corpus = hs_test_corpus_dir ();
  g_autofree char *path = NULL;
  g_autofree char *exp_path = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { hs_test_cli_path (), "analyze", NULL, NULL };
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) exp_lines = NULL;

  if (corpus == NULL)
    {
      g_test_skip ("../shared/corpus is not beside the source tree");
      return;
    }

  path = g_build_filename (corpus, "markofu-pcaps", "http-fault-post.pcap", NULL);
  argv[2] = path;
  g_assert_cmpint (hs_test_run (argv, &out, &err), ==, 3);
  g_assert_nonnull (strstr (err, "http-fault-post.pcap"));
  g_assert_nonnull (strstr (err, "byte offset"));

  exp_path = g_build_filename (corpus, "expected", "http-fault-post.tsv", NULL);
  g_assert_true (g_file_get_contents (exp_path, &expected, NULL, NULL));
  lines = g_strsplit (g_strchomp (out), "\n", -1);
  exp_lines = g_strsplit (g_strchomp (expected), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, g_strv_length (exp_lines));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/handshake/cli/help", test_help);
  g_test_add_func ("/handshake/cli/analyze-tsv", test_analyze_tsv);
  g_test_add_func ("/handshake/cli/analyze-json", test_analyze_json);
  g_test_add_func ("/handshake/cli/conversations", test_conversations);
  g_test_add_func ("/handshake/cli/errors", test_errors);
  g_test_add_func ("/handshake/cli/truncated", test_truncated);
  g_test_add_func ("/handshake/cli/corpus-damaged", test_corpus_damaged);

  return g_test_run ();
}
