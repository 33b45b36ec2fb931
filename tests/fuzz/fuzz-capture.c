/* fuzz-capture.c — libFuzzer target: a capture file, whatever its bytes
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loads the input as a capture file (pcap, pcapng, gzip-compressed or
 * anything else) the way the window and the CLI do, then goes over what a
 * user can look at: every packet's Info, explanation, related packets and
 * header tree, and each connection's ladder layout and graphs.  A crash, a
 * sanitizer report or a GLib critical is a bug; a load error is not.
 * Built with -Dfuzzing=true and clang; see docs/fuzzing.md.
 */

#define _GNU_SOURCE

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "handshake.h"
#include "hs-fuzz.h"
#include "hs-graph.h"
#include "hs-ladder-layout.h"

/* Connections looked at per input: enough to reach every code path, few
 * enough that an input with thousands stays fast. */
#define MAX_STREAMS 8

static int memfd = -1;
/* what the texts add up to, so that nothing is optimised away */
static volatile gsize sink;
static char *memfd_path;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  hs_fuzz_init ();
  memfd = memfd_create ("fuzz-capture", 0);
  g_assert (memfd >= 0);
  memfd_path = g_strdup_printf ("/proc/self/fd/%d", memfd);
  return 0;
}

static void
look_at_packets (HsCapture *capture)
{
  guint n = hs_capture_get_n_packets (capture);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GBytes) bytes = hs_capture_read_packet (capture, i, NULL);
      g_autofree char *info = hs_explain_info (capture, i, bytes);
      g_autofree char *text = hs_explain_packet (capture, i);
      g_autoptr(GPtrArray) fields = NULL;
      guint related[8];
      HsRelation roles[8];

      sink += strlen (info) + strlen (text);
      sink += hs_explain_related (capture, i, related, roles, G_N_ELEMENTS (related));
      if (bytes != NULL)
        {
          fields = hs_explain_fields (capture, i, bytes);
          sink += fields->len;
        }
    }
}

static void
look_at_connections (HsCapture *capture)
{
  guint n = MIN (hs_capture_get_n_connections (capture), MAX_STREAMS);

  for (guint stream = 0; stream < n; stream++)
    {
      HsLadderLayout *layout = hs_ladder_layout_new (capture, stream);

      hs_ladder_layout_free (layout);
      for (HsGraphKind kind = 0; kind < HS_GRAPH_N_KINDS; kind++)
        hs_graph_free (hs_graph_new (capture, stream, kind));
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(HsCapture) capture = NULL;
  g_autoptr(GError) error = NULL;

  if (ftruncate (memfd, 0) != 0 || pwrite (memfd, data, size, 0) != (ssize_t)size)
    g_error ("cannot write the input: %s", g_strerror (errno));

  capture = hs_capture_load (memfd_path, NULL, NULL, NULL, &error);
  if (capture == NULL)
    return 0;
  look_at_packets (capture);
  look_at_connections (capture);
  return 0;
}
