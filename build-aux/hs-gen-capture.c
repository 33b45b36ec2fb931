/* hs-gen-capture.c
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

/* Writes synthetic but realistic TCP captures (classic pcap or pcapng).
 *
 *   hs-gen-capture --packets N [--connections C] [--seed S]
 *                  [--format pcap|pcapng] [--snaplen L] -o FILE
 *   hs-gen-capture --sample -o FILE.pcapng
 *
 * The first form runs a discrete-event simulation of a busy server: clients
 * connect at exponentially distributed intervals, every connection is a pair
 * of simplified TCP endpoints (handshake with MSS/SACK-permitted/timestamps/
 * window scale, slow start and congestion avoidance, delayed ACKs, SACK-based
 * fast recovery, RTO with back-off, persist timer and zero-window probes,
 * keep-alives, receive-buffer auto-tuning, FIN and RST teardown) that run
 * request/response exchanges over a path with a delay, a bottleneck rate,
 * random loss and occasional reordering.  The capture point is a tap next to
 * the server: what the clients send can be lost or reordered before it is
 * captured, what the server sends is captured and can be lost later (and is
 * now and then dropped by a busy switch before the tap).  Nothing is flagged
 * by hand: Wireshark's analysis flags follow from those causes.  About 20 000
 * packets are written per second of capture time, whatever N and C are.
 *
 * Memory stays bounded: connections live in a binary heap keyed by their
 * next event time, each with a small heap of its packets in flight, and
 * packets are written as soon as they reach the capture point.
 *
 * With --connections 1 the capture is one long connection instead: a single
 * client fetching responses one after the other until N packets are written
 * (the capture then ends in the middle of the transfer, without a teardown).
 * The ladder benchmark (bench-ladder.sh) draws it.
 *
 * The second form writes the small, hand-scripted sample capture that the
 * application offers to new users.
 *
 * The parts: hs-gen-frame.c (frames and payloads), hs-gen-output.c (the
 * file, through HsCaptureWriter), hs-gen-sim.c with hs-gen-queue.c,
 * hs-gen-send.c and hs-gen-receive.c (the simulation), hs-gen-sample.c (the
 * sample); this file is the command line.
 */

#include "hs-gen-capture.h"

/* ------------------------------------------------------------------------ */

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *format = NULL;
  gint64 packets = 0;
  gint64 conns = 0;
  gint64 seed = 1;
  gint snaplen = 0;
  gboolean sample = FALSE;
  gboolean quiet = FALSE;
  gboolean pcapng;
  GOptionEntry entries[] = {
    { "packets", 'n', 0, G_OPTION_ARG_INT64, &packets, "Number of packets to write", "N" },
    { "connections", 'c', 0, G_OPTION_ARG_INT64, &conns,
      "Number of connections (default N/200); 1 writes one connection of N packets", "C" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Random seed (default 1)", "S" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, "pcap (default) or pcapng", "FORMAT" },
    { "snaplen", 0, 0, G_OPTION_ARG_INT, &snaplen,
      "Capture at most L bytes of each frame (default: whole frames)", "L" },
    { "sample", 0, 0, G_OPTION_ARG_NONE, &sample, "Write the bundled sample capture", NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Output file ('-' for stdout)", "FILE" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "Do not print a summary", NULL },
    G_OPTION_ENTRY_NULL
  };

  context = g_option_context_new ("- write a synthetic TCP capture");
  g_option_context_set_summary (context,
                                "Writes a realistic synthetic capture of a busy server "
                                "(Ethernet, IPv4 and IPv6, TCP with\nloss, reordering, "
                                "zero windows, keep-alives and port reuse), or with --sample\n"
                                "the small sample capture bundled with Handshake.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("hs-gen-capture: %s\n", error->message);
      return 2;
    }
  if (output == NULL)
    {
      g_printerr ("hs-gen-capture: an output file is required (-o FILE)\n");
      return 2;
    }

  if (sample)
    {
      if (!write_sample (output, &error))
        {
          g_printerr ("hs-gen-capture: %s\n", error->message);
          return 1;
        }
      return 0;
    }

  if (packets <= 0)
    {
      g_printerr ("hs-gen-capture: --packets N (N > 0) is required\n");
      return 2;
    }
  if (format == NULL || g_strcmp0 (format, "pcap") == 0)
    pcapng = FALSE;
  else if (g_strcmp0 (format, "pcapng") == 0)
    pcapng = TRUE;
  else
    {
      g_printerr ("hs-gen-capture: unknown format '%s' (pcap or pcapng)\n", format);
      return 2;
    }
  if (conns <= 0)
    conns = MAX (packets / 200, 1);
  if (snaplen < 0 || (snaplen > 0 && snaplen < 64))
    {
      g_printerr ("hs-gen-capture: --snaplen must be 0 or at least 64\n");
      return 2;
    }

  if (!run_simulation (output, pcapng, (guint32) snaplen, (guint64) packets, (guint64) conns,
                       (guint64) seed, !quiet, &error))
    {
      g_printerr ("hs-gen-capture: %s\n", error->message);
      return 1;
    }
  return 0;
}
