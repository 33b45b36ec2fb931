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

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>
#include <glib/gstdio.h>

#include "handshake.h"
#include "hs-graph.h"
#include "hs-ladder-layout.h"
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

/* With the process id, so that other builds of the same sources running
 * their tests at the same time do not write the same files. */
static char *
out_path (const char *name)
{
  g_autofree char *unique = g_strdup_printf ("hs-%d-%s", (int) getpid (), name);

  return g_build_filename (g_get_tmp_dir (), unique, NULL);
}

static char *
write_capture (const char *name,
               gsize       cut)
{
  g_autofree char *path = out_path (name);
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
  g_assert_nonnull (strstr (out, "  explain  "));
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

      g_assert_cmpuint (g_strv_length (cols), ==, 19);
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
  /* frame 7 duplicates frame 6's ACK and acknowledges nothing new:
   * acked_frame, ack_rtt, dupack_num, dupack_frame */
  g_assert_nonnull (strstr (lines[7], "\tACK\t-\t-\t1\t6\t"));
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
                            "rows[6]['dupack_frame'], rows[6]['acked_frame'], "
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
  g_assert_cmpstr (check_out, ==, "13 lost_segment 1 6 None 10.0.0.1 SYN\n");
}

/* Stream numbers without a segment (Wireshark's, for a SOCKS connection's
 * proxied bytes): analyze numbers as tshark does, conversations leaves
 * them out, export says what they are. */
static void
test_empty_streams (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "linux-socks.pcapng", NULL);
  g_autofree char *png = g_build_filename (g_get_tmp_dir (), "hs-test-empty-stream.png", NULL);
  const char *conv[] = { hs_test_cli_path (), "conversations", path, NULL };
  const char *export[] = { hs_test_cli_path (), "export", "ladder", "--stream", "2", "-o", png,
                           path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;
  g_auto(GStrv) lines = NULL;
  GString *streams = g_string_new (NULL);

  g_assert_cmpint (hs_test_run (conv, &out, &err), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 1; lines[i] != NULL && lines[i][0] != 0; i++)
    g_string_append_printf (streams, "%.*s ", (int) strcspn (lines[i], "\t"), lines[i]);
  g_assert_cmpstr (streams->str, ==, "0 1 3 4 6 7 9 10 12 13 15 ");
  g_string_free (streams, TRUE);

  g_assert_cmpint (hs_test_run (export, &out2, &err2), ==, 1);
  g_assert_nonnull (strstr (err2, "stream 2 has no TCP segments"));
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));

  /* an ICMP error's explanation names the connection it is about, or the
   * stream number its quoted header took (linux-icmp-errors.pcapng: tshark
   * gives frame 13 tcp.stream 1, frame 31 the connection of frame 30, 4) */
  {
    g_autofree char *icmp = g_test_build_filename (G_TEST_DIST, "data", "linux-icmp-errors.pcapng",
                                                   NULL);
    const char *explain13[] = { hs_test_cli_path (), "explain", "--frame", "13", icmp, NULL };
    const char *explain31[] = { hs_test_cli_path (), "explain", "--frame", "31", icmp, NULL };
    g_autofree char *out13 = NULL, *err13 = NULL, *out31 = NULL, *err31 = NULL;

    g_assert_cmpint (hs_test_run (explain13, &out13, &err13), ==, 0);
    g_assert_nonnull (strstr (out13, "a stream number of its own, 1,"));
    g_assert_cmpint (hs_test_run (explain31, &out31, &err31), ==, 0);
    g_assert_nonnull (strstr (out31, "It is about connection 4."));
  }
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

/* ------------------------------------------------------------------------ */
/* explain                                                                   */

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

/* Runs python3 -c `script` on `input`; its output. */
static char *
run_python (const char *script,
            const char *input)
{
  const char *argv[] = { "python3", "-c", script, NULL };
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                  G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, input, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (proc));

  return out;
}

/* The text the details pane shows for packet `index`, as explain's text
 * format writes it (title, paragraphs, links, states). */
static char *
details_text (HsCapture *capture,
              guint      index)
{
  g_autofree char *title = hs_explain_title (capture, index);
  g_autofree char *states = NULL;
  g_auto(GStrv) paragraphs = hs_explain_paragraphs (capture, index, &states);
  guint related[8];
  HsRelation roles[8];
  guint n = hs_explain_related (capture, index, related, roles, 8);
  GString *str = g_string_new (title);
  guint k;

  g_string_append_c (str, '\n');
  for (k = 0; paragraphs[k] != NULL; k++)
    g_string_append_printf (str, "\n%s\n", paragraphs[k]);
  if (n > 0 || states != NULL)
    g_string_append_c (str, '\n');
  for (k = 0; k < n; k++)
    g_string_append_printf (str, "Related: frame %u, %s\n", related[k] + 1,
                            hs_relation_describe (roles[k]));
  if (states != NULL)
    g_string_append_printf (str, "%s\n", states);

  return g_string_free (str, FALSE);
}

/* analyze's state column after a RST: RFC 9293 states, never "RESET"
 * (a refused SYN, an aborted connection, a SYN/ACK reset in SYN-RECEIVED). */
static void
test_analyze_reset_states (void)
{
  g_autofree char *path = data_path ("linux-resets.pcap");
  const char *argv[] = { hs_test_cli_path (), "analyze", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (hs_test_run (argv, &out, &err), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 11 + 2);
  g_assert_nonnull (strstr (lines[2], "\tRST,ACK\t"));
  g_assert_true (g_str_has_suffix (lines[2], "\tCLOSED"));
  g_assert_true (g_str_has_suffix (lines[8], "\tCLOSED"));
  g_assert_true (g_str_has_suffix (lines[11], "\tCLOSED"));
  g_assert_null (strstr (out, "RESET"));
}

/* Every packet, as the details pane explains it, one after another. */
static void
test_explain_text (void)
{
  g_autofree char *path = data_path ("linux-dsack.pcap");
  const char *argv[] = { hs_test_cli_path (), "explain", path, NULL };
  g_autoptr(HsCapture) capture = hs_test_load (path);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  GString *expected = g_string_new (NULL);
  guint n = hs_capture_get_n_packets (capture);
  guint i;

  g_assert_cmpint (hs_test_run (argv, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");

  for (i = 0; i < n; i++)
    {
      g_autofree char *one = details_text (capture, i);

      if (i > 0)
        g_string_append_c (expected, '\n');
      g_string_append (expected, one);
    }
  g_assert_cmpstr (out, ==, expected->str);
  g_string_free (expected, TRUE);

  /* the D-SACK, its link and the teardown's states are there */
  g_assert_nonnull (strstr (out, "Packet 7 · Duplicate ACK\n\nThis is duplicate ACK #1 of "
                                 "frame 5, and its first SACK block (bytes 1–1000) is a D-SACK"));
  g_assert_nonnull (strstr (out, "Related: frame 5, the ACK this one repeats\n"));
  g_assert_nonnull (strstr (out, "Client: ESTABLISHED → FIN-WAIT-1\n"));
}

static void
test_explain_frame (void)
{
  g_autofree char *path = data_path ("linux-resets.pcap");
  g_autoptr(HsCapture) capture = hs_test_load (path);
  const char *argv[] = { hs_test_cli_path (), "explain", "--frame", NULL, path, NULL };
  struct {
    const char *frame;
    int         status;
    const char *err;
  } bad[] = {
    { "0", 2, "bad frame number “0”" },
    { "two", 2, "bad frame number “two”" },
    { "-1", 2, "bad frame number “-1”" },
    { "12", 1, "no frame 12; the capture has 11 packets (1 to 11)" },
    { "4294967296", 2, "bad frame number" },
  };
  guint i;

  /* the first, a middle and the last frame: that one alone */
  for (i = 1; i <= 11; i += 5)
    {
      g_autofree char *frame = g_strdup_printf ("%u", i);
      g_autofree char *expected = details_text (capture, i - 1);
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      argv[3] = frame;
      g_assert_cmpint (hs_test_run (argv, &out, &err), ==, 0);
      g_assert_cmpstr (err, ==, "");
      g_assert_cmpstr (out, ==, expected);
    }

  /* the refused connection says so in its states, in RFC 9293's words */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    argv[3] = "2";
    g_assert_cmpint (hs_test_run (argv, &out, &err), ==, 0);
    g_assert_true (g_str_has_prefix (out, "Packet 2 · Reset\n"));
    g_assert_nonnull (strstr (out, "\nClient: SYN-SENT → CLOSED (connection refused)\n"
                                   "Server: CLOSED (connection refused)\n"));
    g_assert_null (strstr (out, "RESET"));
  }

  for (i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      argv[3] = bad[i].frame;
      g_assert_cmpint (hs_test_run (argv, &out, &err), ==, bad[i].status);
      g_assert_cmpstr (out, ==, "");
      g_assert_nonnull (strstr (err, bad[i].err));
      g_assert_cmpuint (strchr (err, '\n') - err + 1, ==, strlen (err)); /* one line */
    }

  /* a format explain does not know */
  {
    const char *argv2[] = { hs_test_cli_path (), "explain", "--format", "xml", path, NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (hs_test_run (argv2, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "use text, tsv or json"));
  }
}

static void
test_explain_tsv (void)
{
  g_autofree char *path = data_path ("linux-dsack.pcap");
  g_autoptr(HsCapture) capture = hs_test_load (path);
  const char *argv[] = { hs_test_cli_path (), "explain", "--format", "tsv", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = hs_capture_get_n_packets (capture);
  guint i;

  g_assert_cmpint (hs_test_run (argv, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "frame\tstream\ttitle\tinfo\texplanation\trelated\tstates");
  g_assert_cmpuint (g_strv_length (lines), ==, n + 2);

  for (i = 0; i < n; i++)
    {
      g_auto(GStrv) cols = g_strsplit (lines[i + 1], "\t", -1);
      g_autofree char *title = hs_explain_title (capture, i);
      g_autoptr(GBytes) bytes = hs_capture_read_packet (capture, i, NULL);
      g_autofree char *info = hs_explain_info (capture, i, bytes);
      g_autofree char *states = NULL;
      g_auto(GStrv) paragraphs = hs_explain_paragraphs (capture, i, &states);
      g_autofree char *joined = g_strjoinv ("\\n", paragraphs);

      g_assert_cmpuint (g_strv_length (cols), ==, 7);
      g_assert_cmpuint (atoi (cols[0]), ==, i + 1);
      g_assert_cmpstr (cols[1], ==, "0");
      g_assert_cmpstr (cols[2], ==, title);
      g_assert_cmpstr (cols[3], ==, info);
      g_assert_cmpstr (cols[4], ==, joined);
      if (states == NULL)
        g_assert_cmpstr (cols[6], ==, "-");
      else
        {
          g_auto(GStrv) state_lines = g_strsplit (states, "\n", -1);
          g_autofree char *state_joined = g_strjoinv ("\\n", state_lines);

          g_assert_cmpstr (cols[6], ==, state_joined);
        }
    }

  /* frame 6 resends frame 4 and is acknowledged by frame 7; 7 repeats 5,
   * and acknowledges 6 all the same (tshark: tcp.analysis.acks_frame 6 and
   * duplicate_ack_frame 5) */
  g_assert_true (g_str_has_suffix (lines[6], "\toriginal:4,acked_by:7\t-"));
  g_assert_nonnull (strstr (lines[7], "\tduplicated_ack:5,acked:6\t"));
  g_assert_nonnull (strstr (lines[7], "SLE=1 SRE=1001\t"));
}

static void
test_explain_json (void)
{
  g_autofree char *path = data_path ("linux-resets.pcap");
  const char *argv[] = { hs_test_cli_path (), "explain", "--format", "json", path, NULL };
  const char *argv1[] = { hs_test_cli_path (), "explain", "--format", "json", "--frame", "11",
                          path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *out1 = NULL;
  g_autofree char *err = NULL;
  g_autofree char *check = NULL;

  g_assert_cmpint (hs_test_run (argv, &out, &err), ==, 0);
  g_clear_pointer (&err, g_free);
  check = run_python ("import json, sys\n"
                      "rows = json.load(sys.stdin)\n"
                      "print(len(rows), rows[1]['frame'], rows[1]['stream'], rows[1]['title'])\n"
                      "print(rows[1]['related'][0])\n"
                      "print(rows[1]['states'])\n"
                      "print(rows[10]['states'])\n"
                      "print(len(rows[10]['explanation']), rows[10]['info'])\n",
                      out);
  g_assert_cmpstr (check, ==,
                   "11 2 0 Packet 2 · Reset\n"
                   "{'frame': 1, 'role': 'acked', 'description': "
                   "'the segment this ACK acknowledges'}\n"
                   "['Client: SYN-SENT → CLOSED (connection refused)', "
                   "'Server: CLOSED (connection refused)']\n"
                   "['Client: ESTABLISHED → CLOSED (reset by the client)', "
                   "'Server: SYN-RECEIVED → LISTEN (reset by the client)']\n"
                   "1 40404 → 5001 [RST] Seq=1 Win=0 Len=0\n");

  /* one frame: an array of one */
  g_clear_pointer (&check, g_free);
  g_assert_cmpint (hs_test_run (argv1, &out1, &err), ==, 0);
  check = run_python ("import json, sys\n"
                      "rows = json.load(sys.stdin)\n"
                      "print(len(rows), rows[0]['frame'], rows[0]['stream'])\n",
                      out1);
  g_assert_cmpstr (check, ==, "1 11 2\n");
}

/* Runs `argv` as hs_test_run() does, with LANGUAGE=zh_CN in its
 * environment (not in this process's: the test has threads). */
static int
run_chinese (const char * const  *argv,
             char               **out)
{
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "LANGUAGE", "zh_CN", TRUE);
  g_autoptr(GError) error = NULL;
  int status = -1;

  if (!g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, out, NULL,
                     &status, &error))
    g_error ("cannot run %s: %s", argv[0], error->message);

  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* LANGUAGE=zh_CN: the same explanation in Chinese, its sentences joined
 * without an ASCII space after the full-width punctuation. */
static void
test_explain_zh_cn (void)
{
  g_autofree char *path = data_path ("linux-out-of-order.pcap");
  const char *argv[] = { hs_test_cli_path (), "explain", "--frame", "22", path, NULL };
  const char *argv_all[] = { hs_test_cli_path (), "explain", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *all = NULL;
  g_autofree char *err = NULL;
  g_autofree char *english = NULL;
  g_autoptr(GRegex) space = g_regex_new ("[。，：] ", 0, 0, NULL);

  g_assert_cmpint (hs_test_run (argv, &english, &err), ==, 0);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_chinese (argv, &out), ==, 0);
  g_assert_cmpint (run_chinese (argv_all, &all), ==, 0);

  g_assert_true (g_str_has_prefix (english, "Packet 22 · Out of order\n"));
  g_assert_true (g_str_has_prefix (out, "数据包 22 · "));
  g_assert_nonnull (strstr (out, "乱序（这是 Wireshark 4.0 的说法）：这个报文段（第 1449–2896 "
                                 "字节）填补了服务器报告的空缺"));
  /* sentences of one paragraph follow each other without a space */
  g_assert_nonnull (strstr (out, "5 个重复确认）。它在这些 ACK 中的第一个之后"));
  g_assert_false (g_regex_match (space, all, 0, NULL));
  g_assert_null (strstr (all, "Packet "));
  g_assert_null (strstr (all, "Related: "));
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


/* -- export ladder ------------------------------------------------------- */

static char *
sample_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "sample.pcapng", NULL);
}

/* Runs the CLI as hs_test_run() does, but without a display: exports must
 * not need one. */
static int
run_headless (const char * const  *argv,
              char               **out,
              char               **err)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  g_autofree char *lsan = g_strdup (g_environ_getenv (env, "LSAN_OPTIONS"));
  int status = -1;

  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  /* under LeakSanitizer, fontconfig's suppressed leaks must not be listed
   * on the stderr the tests read */
  if (lsan != NULL)
    {
      g_autofree char *quiet = g_strconcat (lsan, ":print_suppressions=0", NULL);

      env = g_environ_setenv (env, "LSAN_OPTIONS", quiet, TRUE);
    }
  if (!g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL,
                     out, err, &status, &error))
    g_error ("cannot run %s: %s", argv[0], error->message);

  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* Runs "export `kind`" of the sample with `options` (NULL-terminated, up
 * to 10) to `out`; asserts success and silence, returns the file. */
static char *
run_export (const char         *kind,
            const char * const *options,
            const char         *out,
            gsize              *len)
{
  g_autofree char *sample = sample_path ();
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  char *contents = NULL;
  const char *argv[16];
  guint i = 0;

  argv[i++] = hs_test_cli_path ();
  argv[i++] = "export";
  argv[i++] = kind;
  for (guint j = 0; options[j] != NULL; j++)
    argv[i++] = options[j];
  argv[i++] = "-o";
  argv[i++] = out;
  argv[i++] = sample;
  argv[i] = NULL;
  g_assert_cmpuint (i, <, G_N_ELEMENTS (argv));

  g_unlink (out);
  g_assert_cmpint (run_headless (argv, &stdout_text, &stderr_text), ==, 0);
  g_assert_cmpstr (stdout_text, ==, "");
  g_assert_cmpstr (stderr_text, ==, "");
  g_assert_true (g_file_get_contents (out, &contents, len, NULL));
  g_assert_cmpuint (*len, >, 0);

  return contents;
}

/* Exports the ladder of the sample's stream 0 with up to two `extra`
 * options (NULL for none) to `out`; asserts success and silence, returns
 * the file. */
static char *
export_sample (const char *out,
               const char *extra0,
               const char *extra1,
               gsize      *len)
{
  const char *options[4] = { "--stream=0", NULL, NULL, NULL };
  guint i = 1;

  if (extra0 != NULL)
    options[i++] = extra0;
  if (extra1 != NULL)
    options[i++] = extra1;
  return run_export ("ladder", options, out, len);
}

/* The invisible text layer of an exported SVG: <g id="labels"> … </g>. */
static char *
svg_labels (const char *svg)
{
  const char *start = strstr (svg, "<g id=\"labels\"");
  const char *end;

  g_assert_nonnull (start);
  end = strstr (start, "</g>");
  g_assert_nonnull (end);
  return g_strndup (start, end - start);
}

static guint
count_substrings (const char *haystack,
                  const char *needle)
{
  guint n = 0;
  const char *p;

  for (p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_export_help (void)
{
  const char *argv1[] = { hs_test_cli_path (), "export", NULL };
  const char *argv2[] = { hs_test_cli_path (), "export", "--help", NULL };
  const char *argv3[] = { hs_test_cli_path (), "export", "ladder", "--help", NULL };
  const char *argv4[] = { hs_test_cli_path (), "export", "sankey", "x.pcap", NULL };
  const char *argv5[] = { hs_test_cli_path (), "--help", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* no kind: the usage lists the kinds, on stderr */
  g_assert_cmpint (run_headless (argv1, &out, &err), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "export KIND"));
  g_assert_nonnull (strstr (err, "ladder"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_headless (argv2, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "ladder"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_headless (argv3, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "handshake-cli export ladder"));
  g_assert_nonnull (strstr (out, "--stream"));
  g_assert_nonnull (strstr (out, "--range"));
  g_assert_nonnull (strstr (out, "--time-true"));
  g_assert_nonnull (strstr (out, "--collapse"));
  g_assert_nonnull (strstr (out, "--palette"));
  g_assert_nonnull (strstr (out, "--width"));
  g_assert_nonnull (strstr (out, "--title"));
  g_assert_nonnull (strstr (out, "--output"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_headless (argv4, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "sankey"));
  g_assert_nonnull (strstr (err, "ladder"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_headless (argv5, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "export ladder"));
}

static void
test_export_png (void)
{
  g_autofree char *path = out_path ("cli-ladder.png");
  g_autofree char *contents = NULL;
  cairo_surface_t *surface;
  const guint8 *data;
  guint32 background;
  int width, height, stride, x, y;
  guint64 different = 0;
  gsize len;

  contents = export_sample (path, NULL, NULL, &len);
  g_assert_true (g_str_has_prefix (contents, "\x89PNG\r\n"));

  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  /* the default width; 41 packets are far taller than a header and legend */
  g_assert_cmpint (width, >=, (int) HS_LADDER_MIN_WIDTH);
  g_assert_cmpint (width, <=, 4000);
  g_assert_cmpint (height, >, 41 * 10);
  g_assert_cmpint (height, <, 32768);

  /* not blank: a good share of the pixels differ from the corner's */
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  background = *(const guint32 *) data;
  for (y = 0; y < height; y++)
    for (x = 0; x < width; x++)
      if (*(const guint32 *) (data + (gsize) y * stride + (gsize) x * 4) != background)
        different++;
  g_assert_cmpuint (different, >, (guint64) width * height / 100);
  g_assert_cmpuint (different, <, (guint64) width * height);
  cairo_surface_destroy (surface);

  /* --width sets the width of the picture */
  g_clear_pointer (&contents, g_free);
  contents = export_sample (path, "--width=1500", NULL, &len);
  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), >=, 1500);
  g_assert_cmpint (cairo_image_surface_get_width (surface), >, width);
  cairo_surface_destroy (surface);
  g_unlink (path);
}

static void
test_export_svg_pdf (void)
{
  g_autofree char *svg_path = out_path ("cli-ladder.svg");
  g_autofree char *pdf_path = out_path ("cli-ladder.pdf");
  g_autofree char *upper_path = out_path ("cli-ladder-upper.SVG");
  g_autofree char *svg = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *labels = NULL;
  gsize len;

  svg = export_sample (svg_path, NULL, NULL, &len);
  g_assert_true (g_str_has_prefix (svg, "<?xml"));
  g_assert_nonnull (strstr (svg, "<svg"));
  g_assert_nonnull (strstr (svg, "</svg>"));
  labels = svg_labels (svg);
  /* every one of the 41 packets has its label */
  g_assert_cmpuint (count_substrings (labels, "Seq="), ==, 41);

  upper = export_sample (upper_path, NULL, NULL, &len);
  g_assert_true (g_str_has_prefix (upper, "<?xml"));

  pdf = export_sample (pdf_path, "--palette=dark", "--title=Sample ladder", &len);
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
  g_assert_cmpuint (len, >, 1000);
  g_assert_nonnull (g_strstr_len (pdf + len - 16, 16, "%%EOF"));

  g_unlink (svg_path);
  g_unlink (upper_path);
  g_unlink (pdf_path);
}

/* --range FROM:TO keeps exactly the rows of those frames. */
static void
check_range (HsLadderLayout *layout,
             gsize           whole_len,
             const char     *range,
             guint           first_frame,
             guint           last_frame)
{
  g_autofree char *path = out_path ("cli-ladder-range.svg");
  g_autofree char *option = g_strdup_printf ("--range=%s", range);
  g_autofree char *svg = NULL;
  g_autofree char *labels = NULL;
  g_autoptr(GPtrArray) inside = g_ptr_array_new_with_free_func (g_free);
  guint n = hs_ladder_layout_get_n_packets (layout);
  gsize len;
  guint pos, i;

  svg = export_sample (path, option, NULL, &len);
  labels = svg_labels (svg);
  g_assert_cmpuint (count_substrings (labels, "Seq="), ==, last_frame - first_frame + 1);
  if (last_frame - first_frame < 5)
    g_assert_cmpuint (len, <, whole_len / 2);

  for (pos = 0; pos < n; pos++)
    {
      guint frame = hs_ladder_layout_get_frame (layout, pos) + 1;

      if (frame >= first_frame && frame <= last_frame)
        {
          char *text = g_markup_escape_text (hs_ladder_layout_get_label (layout, pos), -1);

          g_assert_nonnull (strstr (labels, text));
          g_ptr_array_add (inside, text);
        }
    }
  g_assert_cmpuint (inside->len, ==, last_frame - first_frame + 1);

  /* and none of the others (unless a packet inside has the same label) */
  for (pos = 0; pos < n; pos++)
    {
      guint frame = hs_ladder_layout_get_frame (layout, pos) + 1;
      g_autofree char *text = NULL;
      gboolean shared = FALSE;

      if (frame >= first_frame && frame <= last_frame)
        continue;
      text = g_markup_escape_text (hs_ladder_layout_get_label (layout, pos), -1);
      for (i = 0; i < inside->len; i++)
        shared |= g_str_equal (text, g_ptr_array_index (inside, i));
      if (!shared)
        g_assert_null (strstr (labels, text));
    }
  g_unlink (path);
}

static void
test_export_range (void)
{
  g_autofree char *sample = sample_path ();
  g_autofree char *path = out_path ("cli-ladder-whole.svg");
  g_autofree char *whole = NULL;
  g_autoptr(HsCapture) capture = NULL;
  g_autoptr(GError) error = NULL;
  HsLadderLayout *layout;
  gsize len;

  capture = hs_capture_load (sample, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  layout = hs_ladder_layout_new (capture, 0);
  g_assert_cmpuint (hs_ladder_layout_get_n_packets (layout), ==, 41);

  whole = export_sample (path, NULL, NULL, &len);

  check_range (layout, len, "20:22", 20, 22);
  check_range (layout, len, "12:12", 12, 12);
  check_range (layout, len, ":3", 1, 3);
  check_range (layout, len, "39:", 39, 41);
  /* frames of stream 1 (42, 43) are not stream 0's: only 40 and 41 */
  check_range (layout, len, "40:43", 40, 41);
  check_range (layout, len, ":", 1, 41);

  hs_ladder_layout_free (layout);
  g_unlink (path);
}

static void
test_export_time_true (void)
{
  g_autofree char *path = out_path ("cli-ladder-time.svg");
  g_autofree char *order1 = NULL;
  g_autofree char *order2 = NULL;
  g_autofree char *time_true = NULL;
  g_autofree char *collapsed = NULL;
  gsize len1, len2, len3, len4;

  order1 = export_sample (path, NULL, NULL, &len1);
  order2 = export_sample (path, NULL, NULL, &len2);
  time_true = export_sample (path, "--time-true", NULL, &len3);
  collapsed = export_sample (path, "--collapse", NULL, &len4);

  /* the same options give the same file; time-true moves the rows */
  g_assert_cmpmem (order1, len1, order2, len2);
  g_assert_false (len1 == len3 && memcmp (order1, time_true, len1) == 0);
  g_assert_true (g_str_has_prefix (time_true, "<?xml"));
  g_assert_true (g_str_has_prefix (collapsed, "<?xml"));
  g_unlink (path);
}

/* A wrong use of an export command and what it must say. */
typedef struct
{
  const char *args[6];     /* between "export KIND" and FILE */
  const char *file;        /* NULL: the sample */
  int         status;
  const char *message[2];
} ExportErrorCase;

/* Runs case `i` of "export `kind`": the exit status, one line on stderr
 * that names the program and has the messages, and no file `out`. */
static void
check_export_error (const char            *kind,
                    guint                  i,
                    const ExportErrorCase *c,
                    const char            *sample,
                    const char            *out_file)
{
  const char *argv[12];
  g_autofree char *args = g_strjoinv (" ", (char **) c->args);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  guint n = 0;

  argv[n++] = hs_test_cli_path ();
  argv[n++] = "export";
  argv[n++] = kind;
  for (guint j = 0; j < G_N_ELEMENTS (c->args) && c->args[j] != NULL; j++)
    argv[n++] = c->args[j];
  argv[n++] = c->file != NULL ? c->file : sample;
  argv[n] = NULL;

  g_unlink (out_file);
  g_test_message ("case %u: %s", i, args);
  g_assert_cmpint (run_headless (argv, &out, &err), ==, c->status);
  g_assert_cmpstr (out, ==, "");
  /* one line that says what is wrong */
  g_assert_cmpuint (strlen (err), >, 0);
  g_assert_cmpuint (strchr (err, '\n') - err + 1, ==, strlen (err));
  g_assert_true (g_str_has_prefix (err, "handshake-cli: "));
  for (guint j = 0; j < G_N_ELEMENTS (c->message) && c->message[j] != NULL; j++)
    {
      if (strstr (err, c->message[j]) == NULL)
        g_error ("case %u: “%s” not in “%s”", i, c->message[j], err);
    }
  g_assert_false (g_file_test (out_file, G_FILE_TEST_EXISTS));
}

/* Without a capture file: exit status 2 and a message about it. */
static void
check_export_no_file (const char * const *argv)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_headless (argv, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "capture file"));
}

static void
test_export_errors (void)
{
  g_autofree char *sample = sample_path ();
  g_autofree char *text = out_path ("cli-text.pcap");
  g_autofree char *svg = out_path ("cli-ladder-error.svg");
  g_autofree char *txt = out_path ("cli-ladder.txt");
  g_autofree char *unwritable = g_build_filename (g_get_tmp_dir (), "no-such-dir",
                                                  "ladder.svg", NULL);
  g_autofree char *crafted = write_capture ("cli-export.pcap", 0);
  const ExportErrorCase cases[] = {
    { { "--stream=7", "-o", svg }, NULL, 1,
      { "no TCP connection with stream number 7", "the capture has 2 (0 to 1)" } },
    { { "--stream=1", "-o", svg }, crafted, 1,
      { "no TCP connection with stream number 1", "the capture has only stream 0" } },
    { { "--stream=0", "--range=100:200", "-o", svg }, NULL, 1,
      { "no packets in the range 100:200", "numbered 1 to 41" } },
    { { "--stream=1", "--range=1:41", "-o", svg }, NULL, 1,
      { "stream 1 has no packets", "42 to 43" } },
    { { "--stream=0", "--range=abc", "-o", svg }, NULL, 2, { "abc", "FROM:TO" } },
    { { "--stream=0", "--range=5:3", "-o", svg }, NULL, 2, { "5:3", NULL } },
    { { "--stream=0", "--range=0:3", "-o", svg }, NULL, 2, { "0:3", NULL } },
    { { "--stream=0", "--range=12", "-o", svg }, NULL, 2, { "FROM:TO", NULL } },
    { { "--stream=0", "-o", txt }, NULL, 2, { "cli-ladder.txt", ".png, .svg or .pdf" } },
    { { "--stream=0", "-o", unwritable }, NULL, 1, { "no-such-dir", NULL } },
    { { "--stream=0" }, NULL, 2, { "-o", NULL } },
    { { "-o", svg }, NULL, 2, { "--stream", NULL } },
    { { "--stream=x", "-o", svg }, NULL, 2, { "“x”", NULL } },
    { { "--stream=0", "--palette=pink", "-o", svg }, NULL, 2, { "pink", NULL } },
    { { "--stream=0", "--width=100", "-o", svg }, NULL, 2, { "600", NULL } },
    { { "--stream=0", "--bogus", "-o", svg }, NULL, 2, { "--bogus", NULL } },
    { { "--stream=0", "-o", svg }, text, 1, { "not a capture", NULL } },
  };

  g_assert_true (g_file_set_contents (text, "hello, this is text\n", -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    check_export_error ("ladder", i, &cases[i], sample, svg);
  g_assert_false (g_file_test (unwritable, G_FILE_TEST_EXISTS));

  /* no capture file */
  {
    const char *argv[] = { hs_test_cli_path (), "export", "ladder", "--stream=0", "-o", svg, NULL };

    check_export_no_file (argv);
  }
  g_unlink (text);
}

/* Runs an export of the damaged capture `path` to the SVG `svg_path`: exit
 * status 3, the problem reported (packets from number 13 on), what could be
 * read drawn.  Returns the SVG. */
static char *
export_damaged (const char * const *argv,
                const char         *path,
                const char         *svg_path)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  char *svg = NULL;

  g_unlink (svg_path);
  g_assert_cmpint (run_headless (argv, &out, &err), ==, 3);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, path));
  g_assert_nonnull (strstr (err, "byte offset"));
  g_assert_nonnull (strstr (err, "number 13"));
  g_assert_true (g_file_get_contents (svg_path, &svg, NULL, NULL));
  g_assert_true (g_str_has_prefix (svg, "<?xml"));
  return svg;
}

/* A damaged capture: the readable packets are exported, the problem
 * reported, exit status 3. */
static void
test_export_damaged (void)
{
  g_autofree char *path = write_capture ("cli-cut.pcap", 20);
  g_autofree char *svg_path = out_path ("cli-ladder-cut.svg");
  const char *argv[] = { hs_test_cli_path (), "export", "ladder", "--stream", "0",
                         "-o", svg_path, path, NULL };
  g_autofree char *svg = export_damaged (argv, path, svg_path);
  g_autofree char *labels = NULL;

  labels = svg_labels (svg);
  g_assert_cmpuint (count_substrings (labels, "Seq="), ==, G_N_ELEMENTS (conversation) - 1);
  g_unlink (svg_path);
}

/* -- export graph -------------------------------------------------------- */

/* A file name in the temporary directory that other runs of these tests
 * (other builds of the same sources) do not use at the same time. */
static char *
graph_tmp_name (const char *name)
{
  return g_strdup_printf ("hs-%d-%s", (int) getpid (), name);
}

static char *
graph_out_path (const char *name)
{
  g_autofree char *unique = graph_tmp_name (name);

  return out_path (unique);
}

/* Exports a graph of the sample's stream 0 with `extra` options (up to 6,
 * NULL-terminated) to `out`; asserts success and silence, returns the
 * file. */
static char *
export_graph (const char  *out,
              const char  *kind,
              const char **extra,
              gsize       *len)
{
  g_autofree char *kind_option = g_strdup_printf ("--kind=%s", kind);
  const char *options[10] = { kind_option, "--stream=0", NULL };
  guint i = 2;

  for (guint j = 0; extra != NULL && extra[j] != NULL; j++)
    options[i++] = extra[j];
  g_assert_cmpuint (i, <, G_N_ELEMENTS (options));
  return run_export ("graph", options, out, len);
}

/* A PNG cairo reads, of that size (0: any), and not blank. */
static void
check_png (const char *path,
           int         expected_width,
           int         expected_height)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);
  const guint8 *data;
  guint32 background;
  guint64 different = 0;
  int width, height, stride;

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  if (expected_width > 0)
    g_assert_cmpint (width, ==, expected_width);
  if (expected_height > 0)
    g_assert_cmpint (height, ==, expected_height);
  g_assert_cmpint (width, >=, 400);
  g_assert_cmpint (height, >=, 250);

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  background = *(const guint32 *) data;
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (*(const guint32 *) (data + (gsize) y * stride + (gsize) x * 4) != background)
        different++;
  g_assert_cmpuint (different, >, (guint64) width * height / 200);
  g_assert_cmpuint (different, <, (guint64) width * height);
  cairo_surface_destroy (surface);
}

static void
test_export_graph_help (void)
{
  const char *argv1[] = { hs_test_cli_path (), "export", "graph", "--help", NULL };
  const char *argv2[] = { hs_test_cli_path (), "export", "--help", NULL };
  const char *argv3[] = { hs_test_cli_path (), "export", NULL };
  const char *argv4[] = { hs_test_cli_path (), "--help", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_headless (argv1, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "handshake-cli export graph"));
  g_assert_nonnull (strstr (out, "--kind"));
  g_assert_nonnull (strstr (out, "--stream"));
  g_assert_nonnull (strstr (out, "--direction"));
  g_assert_nonnull (strstr (out, "--average"));
  g_assert_nonnull (strstr (out, "--time"));
  g_assert_nonnull (strstr (out, "--palette"));
  g_assert_nonnull (strstr (out, "--width"));
  g_assert_nonnull (strstr (out, "--height"));
  g_assert_nonnull (strstr (out, "--title"));
  g_assert_nonnull (strstr (out, "--output"));
  for (guint k = 0; k < HS_GRAPH_N_KINDS; k++)
    g_assert_nonnull (strstr (out, hs_graph_kind_to_name (k)));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* the kinds of export list both */
  g_assert_cmpint (run_headless (argv2, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "ladder"));
  g_assert_nonnull (strstr (out, "graph"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_headless (argv3, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "graph"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_headless (argv4, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "export graph"));
}

/* Every kind, in every format, with no display. */
static void
test_export_graph_kinds (void)
{
  for (guint k = 0; k < HS_GRAPH_N_KINDS; k++)
    {
      const char *kind = hs_graph_kind_to_name (k);
      g_autofree char *png_name = g_strdup_printf ("cli-graph-%s.png", kind);
      g_autofree char *svg_name = g_strdup_printf ("cli-graph-%s.svg", kind);
      g_autofree char *pdf_name = g_strdup_printf ("cli-graph-%s.pdf", kind);
      g_autofree char *png_path = graph_out_path (png_name);
      g_autofree char *svg_path = graph_out_path (svg_name);
      g_autofree char *pdf_path = graph_out_path (pdf_name);
      g_autofree char *png = NULL;
      g_autofree char *svg = NULL;
      g_autofree char *pdf = NULL;
      gsize len;

      g_test_message ("kind %s", kind);

      png = export_graph (png_path, kind, NULL, &len);
      g_assert_true (g_str_has_prefix (png, "\x89PNG\r\n"));
      /* the default size */
      check_png (png_path, 1200, 700);

      svg = export_graph (svg_path, kind, NULL, &len);
      g_assert_true (g_str_has_prefix (svg, "<?xml"));
      g_assert_nonnull (strstr (svg, "<svg"));
      g_assert_nonnull (strstr (svg, "</svg>"));

      pdf = export_graph (pdf_path, kind, NULL, &len);
      g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
      g_assert_cmpuint (len, >, 1000);
      g_assert_nonnull (g_strstr_len (pdf + len - 16, 16, "%%EOF"));

      g_unlink (png_path);
      g_unlink (svg_path);
      g_unlink (pdf_path);
    }
}

static void
test_export_graph_options (void)
{
  g_autofree char *png_path = graph_out_path ("cli-graph-options.png");
  g_autofree char *svg_path = graph_out_path ("cli-graph-options.svg");
  g_autofree char *png = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *again = NULL;
  g_autofree char *part = NULL;
  g_autofree char *other = NULL;
  g_autofree char *titled = NULL;
  g_autofree char *smooth = NULL;
  g_autofree char *rough = NULL;
  gsize len1, len2, len3, len4, len5, len6, len7;

  /* --width and --height set the size of the picture */
  {
    const char *extra[] = { "--width=800", "--height=500", "--palette=dark", NULL };

    png = export_graph (png_path, "window", extra, &len1);
    check_png (png_path, 800, 500);
  }

  /* the same options give the same file; the others change it */
  whole = export_graph (svg_path, "tcptrace", NULL, &len1);
  again = export_graph (svg_path, "tcptrace", NULL, &len2);
  g_assert_cmpmem (whole, len1, again, len2);
  {
    const char *extra[] = { "--time=0.04:0.1", NULL };

    part = export_graph (svg_path, "tcptrace", extra, &len3);
    g_assert_false (len1 == len3 && memcmp (whole, part, len1) == 0);
  }
  {
    const char *extra[] = { "--direction=0", NULL };

    other = export_graph (svg_path, "tcptrace", extra, &len4);
    g_assert_false (len1 == len4 && memcmp (whole, other, len1) == 0);
  }
  {
    const char *extra[] = { "--title=Sample sequence", NULL };

    titled = export_graph (svg_path, "tcptrace", extra, &len5);
    g_assert_nonnull (g_strstr_len (titled, len5, "Sample sequence"));
  }
  {
    const char *extra1[] = { "--average=10", "--direction=1", NULL };
    const char *extra2[] = { "--average=0.01", "--direction=1", NULL };

    smooth = export_graph (svg_path, "throughput", extra1, &len6);
    rough = export_graph (svg_path, "throughput", extra2, &len7);
    g_assert_false (len6 == len7 && memcmp (smooth, rough, len6) == 0);
  }
  {
    const char *extra[] = { "--time=1:", "--direction=both", NULL };
    g_autofree char *rest = export_graph (svg_path, "rtt", extra, &len1);

    g_assert_true (g_str_has_prefix (rest, "<?xml"));
  }

  g_unlink (png_path);
  g_unlink (svg_path);
}

/* The throughput's average fits the connection (the sample lasts 3 s,
 * not an average of 1 s), and windows below 10 ms can be asked for. */
static void
test_export_graph_average (void)
{
  g_autofree char *svg_path = graph_out_path ("cli-graph-average.svg");
  g_autofree char *fitted = NULL;
  g_autofree char *fine = NULL;
  const char *note;
  gsize len;

  fitted = export_graph (svg_path, "throughput", NULL, &len);
  note = strstr (fitted, ">Moving average over ");
  g_assert_nonnull (note);
  g_assert_null (strstr (fitted, ">Moving average over 1.00 s</text>"));
  g_assert_nonnull (strstr (note, " ms</text>"));

  {
    const char *extra[] = { "--average=0.0005", NULL };

    fine = export_graph (svg_path, "throughput", extra, &len);
    g_assert_nonnull (strstr (fine, ">Moving average over 500 µs</text>"));
  }
  g_unlink (svg_path);
}

static void
test_export_graph_errors (void)
{
  g_autofree char *sample = sample_path ();
  g_autofree char *text = graph_out_path ("cli-graph-text.pcap");
  g_autofree char *svg = graph_out_path ("cli-graph-error.svg");
  g_autofree char *txt = graph_out_path ("cli-graph.txt");
  g_autofree char *unwritable = g_build_filename (g_get_tmp_dir (), "no-such-dir",
                                                  "graph.svg", NULL);
  g_autofree char *crafted_name = graph_tmp_name ("cli-graph-export.pcap");
  g_autofree char *crafted = write_capture (crafted_name, 0);
  const ExportErrorCase cases[] = {
    { { "--kind=window", "--stream=7", "-o", svg }, NULL, 1,
      { "no TCP connection with stream number 7", "the capture has 2 (0 to 1)" } },
    { { "--kind=rtt", "--stream=1", "-o", svg }, crafted, 1,
      { "no TCP connection with stream number 1", "the capture has only stream 0" } },
    { { "--kind=pie", "--stream=0", "-o", svg }, NULL, 2, { "“pie”", "tcptrace" } },
    { { "--stream=0", "-o", svg }, NULL, 2, { "--kind", NULL } },
    { { "--kind=window", "-o", svg }, NULL, 2, { "--stream", NULL } },
    { { "--kind=window", "--stream=x", "-o", svg }, NULL, 2, { "“x”", NULL } },
    { { "--kind=window", "--stream=0" }, NULL, 2, { "-o", NULL } },
    { { "--kind=window", "--stream=0", "-o", txt }, NULL, 2,
      { "cli-graph.txt", ".png, .svg or .pdf" } },
    { { "--kind=window", "--stream=0", "--direction=2", "-o", svg }, NULL, 2,
      { "“2”", "both, 0 or 1" } },
    { { "--kind=tcptrace", "--stream=0", "--direction=both", "-o", svg }, NULL, 2,
      { "one direction", NULL } },
    { { "--kind=throughput", "--stream=0", "--average=0", "-o", svg }, NULL, 2,
      { "“0”", "0.0001 to 60" } },
    { { "--kind=throughput", "--stream=0", "--average=0.00005", "-o", svg }, NULL, 2,
      { "“0.00005”", "0.0001 to 60" } },
    { { "--kind=throughput", "--stream=0", "--average=61", "-o", svg }, NULL, 2,
      { "“61”", "0.0001 to 60" } },
    { { "--kind=throughput", "--stream=0", "--average=1s", "-o", svg }, NULL, 2,
      { "“1s”", NULL } },
    { { "--kind=window", "--stream=0", "--time=2:1", "-o", svg }, NULL, 2, { "2:1", "FROM:TO" } },
    { { "--kind=window", "--stream=0", "--time=1", "-o", svg }, NULL, 2, { "FROM:TO", NULL } },
    { { "--kind=window", "--stream=0", "--time=50:60", "-o", svg }, NULL, 1,
      { "no packets in the time range 50:60", "3.09" } },
    { { "--kind=window", "--stream=0", "--palette=pink", "-o", svg }, NULL, 2, { "pink", NULL } },
    { { "--kind=window", "--stream=0", "--width=100", "-o", svg }, NULL, 2, { "400", NULL } },
    { { "--kind=window", "--stream=0", "--height=100", "-o", svg }, NULL, 2, { "250", NULL } },
    { { "--kind=window", "--stream=0", "--bogus", "-o", svg }, NULL, 2, { "--bogus", NULL } },
    { { "--kind=window", "--stream=0", "-o", unwritable }, NULL, 1, { "no-such-dir", NULL } },
    { { "--kind=window", "--stream=0", "-o", svg }, text, 1, { "not a capture", NULL } },
  };

  g_assert_true (g_file_set_contents (text, "hello, this is text\n", -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    check_export_error ("graph", i, &cases[i], sample, svg);
  g_assert_false (g_file_test (unwritable, G_FILE_TEST_EXISTS));

  /* no capture file */
  {
    const char *argv[] = { hs_test_cli_path (), "export", "graph", "--kind=window", "--stream=0",
                           "-o", svg, NULL };

    check_export_no_file (argv);
  }
  g_unlink (text);
  g_unlink (crafted);
}

/* A damaged capture: the readable packets are drawn, the problem reported,
 * exit status 3. */
static void
test_export_graph_damaged (void)
{
  g_autofree char *cut_name = graph_tmp_name ("cli-graph-cut.pcap");
  g_autofree char *path = write_capture (cut_name, 20);
  g_autofree char *svg_path = graph_out_path ("cli-graph-cut.svg");
  const char *argv[] = { hs_test_cli_path (), "export", "graph", "--kind", "stevens",
                         "--stream", "0", "-o", svg_path, path, NULL };
  g_autofree char *svg = export_damaged (argv, path, svg_path);

  g_unlink (svg_path);
}

/* capture: the filter is checked before the interface is opened, so a
 * typo is a usage error even without the permission to capture */
static void
test_capture_usage (void)
{
  const char *argv1[] = { hs_test_cli_path (), "capture", "-i", "lo", "-f", "tcp port", NULL };
  const char *argv2[] = { hs_test_cli_path (), "capture", "-c", "1", NULL };
  const char *argv3[] = { hs_test_cli_path (), "capture", "--help", NULL };
  const char *argv4[] = { hs_test_cli_path (), "--help", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (hs_test_run (argv1, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "tcp port"));
  g_assert_nonnull (strstr (err, "syntax error"));
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (hs_test_run (argv2, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "-i IFACE"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (hs_test_run (argv3, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "--filter"));
  g_assert_nonnull (strstr (out, "--analyze"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (hs_test_run (argv4, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "capture"));
}

typedef struct
{
  GSubprocess      *process;
  GDataInputStream *out;
} CliCapture;

/* Starts `handshake-cli capture` and returns once it captures (it prints
 * its header then). */
static void
cli_capture_start (CliCapture         *cli,
                   const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *header = NULL;

  cli->process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                          G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  cli->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (cli->process));
  header = g_data_input_stream_read_line (cli->out, NULL, NULL, &error);
  g_assert_no_error (error);
  if (header == NULL)
    {
      char buf[4096] = { 0 };

      g_input_stream_read_all (g_subprocess_get_stderr_pipe (cli->process), buf,
                               sizeof buf - 1, NULL, NULL, NULL);
      g_error ("handshake-cli capture ended at once: %s", buf);
    }
  g_assert_true (g_str_has_prefix (header, "stream\ta\ta_port") ||
                 g_str_has_prefix (header, "frame\tstream\tseq"));
}

/* Waits for the end: the exit status, the rest of stdout, stderr. */
static int
cli_capture_wait (CliCapture  *cli,
                  char       **out,
                  char       **err)
{
  g_autoptr(GError) error = NULL;
  GString *text = g_string_new (NULL);
  char buf[4096];
  gsize n;
  char *line;
  int status;

  while ((line = g_data_input_stream_read_line (cli->out, NULL, NULL, &error)) != NULL)
    {
      g_string_append (text, line);
      g_string_append_c (text, '\n');
      g_free (line);
    }
  g_assert_no_error (error);
  *out = g_string_free (text, FALSE);

  text = g_string_new (NULL);
  while (g_input_stream_read_all (g_subprocess_get_stderr_pipe (cli->process), buf, sizeof buf,
                                  &n, NULL, &error) && n > 0)
    g_string_append_len (text, buf, (gssize) n);
  g_assert_no_error (error);
  *err = g_string_free (text, FALSE);

  g_assert_true (g_subprocess_wait (cli->process, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (cli->process));
  status = g_subprocess_get_exit_status (cli->process);
  g_clear_object (&cli->out);
  g_clear_object (&cli->process);
  return status;
}

/* For the capture tests: NULL (the test is skipped) without the permission
 * to capture, else the filter of a free port, set in `options`. */
static char *
capture_test_filter (HsTestTrafficOptions *options)
{
  g_autofree char *reason = hs_test_live_skip_reason ();

  if (reason != NULL)
    {
      g_test_skip (reason);
      return NULL;
    }

  options->port = hs_test_free_port ();
  return g_strdup_printf ("tcp port %u", options->port);
}

/* -c N with real loopback traffic: the conversation is printed as it
 * appears and in the final table, and the -w file holds the N packets. */
static void
test_capture_count (void)
{
  g_autofree char *pcapng = out_path ("capture-count.pcapng");
  g_autofree char *filter = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *port_text = NULL;
  g_autoptr(HsCapture) written = NULL;
  HsTestTrafficOptions options = { 0, 3, 1000, 1000, 500, FALSE };
  HsTestTraffic *traffic;
  CliCapture cli = { 0 };

  if (!(filter = capture_test_filter (&options)))
    return;
  {
    const char *argv[] = { hs_test_cli_path (), "capture", "-i", "lo", "-f", filter,
                           "-c", "3", "-w", pcapng, NULL };

    cli_capture_start (&cli, argv);
  }
  traffic = hs_test_traffic_start (&options);
  g_assert_cmpint (cli_capture_wait (&cli, &out, &err), ==, 0);
  hs_test_traffic_finish (traffic);

  /* SYN, SYN/ACK, ACK: the connection appears as S0... then established */
  port_text = g_strdup_printf ("\t127.0.0.1\t%u\t", options.port);
  g_assert_nonnull (strstr (out, port_text));
  g_assert_nonnull (strstr (out, "\tS1\t"));
  /* then the table of `conversations` */
  g_assert_nonnull (strstr (out, "\n\nstream\ta\ta_port"));
  g_assert_nonnull (strstr (err, "3 packets captured, 0 dropped by the kernel, "
                                 "0 dropped by the interface"));

  written = hs_test_load (pcapng);
  g_assert_cmpuint (hs_capture_get_n_packets (written), ==, 3);
  g_assert_cmpuint (hs_capture_get_n_connections (written), ==, 1);
  g_assert_cmpstr (hs_conn_state_to_string (hs_capture_get_connection (written, 0)->conn_state),
                   ==, "S1");

  /* the final table is what `conversations` prints for the file */
  {
    const char *argv[] = { hs_test_cli_path (), "conversations", pcapng, NULL };
    g_autofree char *table = NULL;
    g_autofree char *table_err = NULL;

    g_assert_cmpint (hs_test_run (argv, &table, &table_err), ==, 0);
    g_assert_true (g_str_has_suffix (out, table));
  }

  g_unlink (pcapng);
}

/* Ctrl+C while packets arrive: a clean stop, exit 0, a complete file
 * (classic pcap, written at the end) holding every packet counted. */
static void
test_capture_interrupt (void)
{
  g_autofree char *pcap = out_path ("capture-interrupt.pcap");
  g_autofree char *filter = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *counted = NULL;
  g_autoptr(HsCapture) written = NULL;
  HsTestTrafficOptions options = { 0, 20, 4000, 4000, 1000, FALSE };
  HsTestTraffic *traffic;
  CliCapture cli = { 0 };

  if (!(filter = capture_test_filter (&options)))
    return;
  {
    const char *argv[] = { hs_test_cli_path (), "capture", "-i", "lo", "-f", filter,
                           "-w", pcap, NULL };

    cli_capture_start (&cli, argv);
  }
  traffic = hs_test_traffic_start (&options);
  while (hs_test_traffic_get_done (traffic) < 10)
    g_usleep (1000);
  g_subprocess_send_signal (cli.process, SIGINT);
  g_assert_cmpint (cli_capture_wait (&cli, &out, &err), ==, 0);
  hs_test_traffic_finish (traffic);

  written = hs_test_load (pcap);
  g_assert_cmpstr (hs_capture_get_format (written), ==, "pcap");
  g_assert_cmpuint (hs_capture_get_n_packets (written), >, 0);
  g_assert_cmpuint (hs_capture_get_n_connections (written), >=, 10);
  counted = g_strdup_printf ("%u packets captured, ", hs_capture_get_n_packets (written));
  g_assert_true (g_str_has_prefix (err, counted));
  g_assert_nonnull (strstr (out, "\tSF\t"));

  g_unlink (pcap);
}

/* A ring buffer of 1 MB with bigger traffic than that: the oldest packets
 * are dropped (said on stderr); --analyze prints no packet twice, numbers
 * them from the first captured (packets the ring dropped before they were
 * shown, here most of them, leave gaps) and ends with the last one. */
static void
test_capture_ring_buffer (void)
{
  g_autofree char *filter = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  HsTestTrafficOptions options = { 0, 0, 200000, 200000, 16000, FALSE };
  HsTestTraffic *traffic;
  CliCapture cli = { 0 };
  guint64 last = 0;
  guint n_rows = 0;

  if (!(filter = capture_test_filter (&options)))
    return;
  {
    const char *argv[] = { hs_test_cli_path (), "capture", "-i", "lo", "-f", filter,
                           "-c", "600", "--ring-buffer", "1", "--analyze", NULL };

    cli_capture_start (&cli, argv);
  }
  traffic = hs_test_traffic_start (&options);
  g_assert_cmpint (cli_capture_wait (&cli, &out, &err), ==, 0);
  hs_test_traffic_finish (traffic);

  g_assert_nonnull (strstr (err, "Ring buffer full: the oldest packets were dropped ("));
  g_assert_nonnull (strstr (err, "600 packets captured, "));

  /* frame numbers count from the first packet captured: in order, none
   * twice, up to 600 */
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint64 frame;

      if (lines[i][0] == 0)
        continue;
      frame = g_ascii_strtoull (lines[i], NULL, 10);
      g_assert_cmpuint (frame, >, last);
      last = frame;
      n_rows++;
    }
  g_assert_cmpuint (last, ==, 600);
  /* the ring kept the newest packets: the end is printed without gaps */
  g_assert_cmpuint (n_rows, >=, 20);

  /* conversations: a connection seen again in the new document is not
   * printed again while its state is the same */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&lines, g_strfreev);
  {
    const char *argv[] = { hs_test_cli_path (), "capture", "-i", "lo", "-f", filter,
                           "-c", "600", "--ring-buffer", "1", NULL };
    g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
    char *table;

    cli_capture_start (&cli, argv);
    traffic = hs_test_traffic_start (&options);
    g_assert_cmpint (cli_capture_wait (&cli, &out, &err), ==, 0);
    hs_test_traffic_finish (traffic);
    g_assert_nonnull (strstr (err, "Ring buffer full: "));

    /* the live lines, then a blank line and the final table */
    table = strstr (out, "\n\nstream\ta\ta_port");
    g_assert_nonnull (table);
    *table = 0;
    lines = g_strsplit (out, "\n", -1);
    for (guint i = 0; lines[i] != NULL; i++)
      {
        /* the row without its stream number, which a ring turn changes */
        const char *row = strchr (lines[i], '\t');

        g_assert_nonnull (row);
        g_assert_false (g_hash_table_contains (seen, row));
        g_hash_table_add (seen, (gpointer) row);
      }
    g_assert_cmpuint (g_hash_table_size (seen), >, 0);
  }
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
  g_test_add_func ("/handshake/cli/empty-streams", test_empty_streams);
  g_test_add_func ("/handshake/cli/errors", test_errors);
  g_test_add_func ("/handshake/cli/analyze-reset-states", test_analyze_reset_states);
  g_test_add_func ("/handshake/cli/explain/text", test_explain_text);
  g_test_add_func ("/handshake/cli/explain/frame", test_explain_frame);
  g_test_add_func ("/handshake/cli/explain/tsv", test_explain_tsv);
  g_test_add_func ("/handshake/cli/explain/json", test_explain_json);
  g_test_add_func ("/handshake/cli/explain/zh-cn", test_explain_zh_cn);
  g_test_add_func ("/handshake/cli/truncated", test_truncated);
  g_test_add_func ("/handshake/cli/corpus-damaged", test_corpus_damaged);
  g_test_add_func ("/handshake/cli/capture/usage", test_capture_usage);
  g_test_add_func ("/handshake/cli/capture/count", test_capture_count);
  g_test_add_func ("/handshake/cli/capture/interrupt", test_capture_interrupt);
  g_test_add_func ("/handshake/cli/capture/ring-buffer", test_capture_ring_buffer);
  g_test_add_func ("/handshake/cli/export/help", test_export_help);
  g_test_add_func ("/handshake/cli/export/png", test_export_png);
  g_test_add_func ("/handshake/cli/export/svg-pdf", test_export_svg_pdf);
  g_test_add_func ("/handshake/cli/export/range", test_export_range);
  g_test_add_func ("/handshake/cli/export/time-true", test_export_time_true);
  g_test_add_func ("/handshake/cli/export/errors", test_export_errors);
  g_test_add_func ("/handshake/cli/export/damaged", test_export_damaged);
  g_test_add_func ("/handshake/cli/export-graph/help", test_export_graph_help);
  g_test_add_func ("/handshake/cli/export-graph/kinds", test_export_graph_kinds);
  g_test_add_func ("/handshake/cli/export-graph/options", test_export_graph_options);
  g_test_add_func ("/handshake/cli/export-graph/average", test_export_graph_average);
  g_test_add_func ("/handshake/cli/export-graph/errors", test_export_graph_errors);
  g_test_add_func ("/handshake/cli/export-graph/damaged", test_export_graph_damaged);

  return g_test_run ();
}
