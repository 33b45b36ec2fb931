/* hs-live-bench.c — how fast a live capture keeps up on the loopback interface
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For each packet rate: an HsLiveCapture on "lo" (filter "tcp port P")
 * runs in this process with a GMainLoop applying its batches, while two
 * threads send TCP traffic through loopback to port P at that rate (one
 * connection, small TCP_NODELAY writes; the rate counts every segment of
 * both directions and is held by reading the kernel's TCP OutSegs counter,
 * so ACKs count too).  Reports per rate: segments sent (OutSegs), packets
 * captured, dropped by the kernel and the interface (pcap_stats), missing
 * (sent - captured), and the main loop's stalls: the time each main-loop
 * iteration spent working (applying a batch and emitting ::updated) and
 * the longest gap between the ticks of a 1 ms heartbeat timeout, max and
 * 99th percentile.  One tab-separated line per rate on stdout.  Needs root
 * (or CAP_NET_RAW and CAP_NET_ADMIN).
 */

#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "handshake.h"

#define MESSAGE 100

typedef struct
{
  int      client;
  int      server;
  guint64  rate;          /* segments per second, both directions */
  gint64   end_us;
  guint64  base_segs;
  gint     stop;          /* atomic: the receiver may stop */
} Traffic;

/* Tcp OutSegs from /proc/net/snmp: every TCP segment this network
 * namespace sent, i.e. every packet on lo for traffic to ourselves. */
static guint64
read_out_segs (void)
{
  char buf[4096];
  FILE *f = fopen ("/proc/net/snmp", "r");
  char *header = NULL, *values = NULL, *line;
  guint64 segs = 0;
  gsize n;

  if (f == NULL)
    g_error ("cannot open /proc/net/snmp: %s", g_strerror (errno));
  n = fread (buf, 1, sizeof buf - 1, f);
  fclose (f);
  buf[n] = 0;

  for (line = strtok (buf, "\n"); line != NULL; line = strtok (NULL, "\n"))
    {
      if (g_str_has_prefix (line, "Tcp:"))
        {
          if (header == NULL)
            header = line;
          else
            values = line;
        }
    }

  if (header != NULL && values != NULL)
    {
      g_auto(GStrv) names = g_strsplit (header, " ", -1);
      g_auto(GStrv) nums = g_strsplit (values, " ", -1);
      guint i;

      for (i = 0; names[i] != NULL && nums[i] != NULL; i++)
        if (g_str_equal (names[i], "OutSegs"))
          segs = g_ascii_strtoull (nums[i], NULL, 10);
    }

  return segs;
}

static gpointer
sender (gpointer data)
{
  Traffic *t = data;
  char msg[MESSAGE];
  gint64 start = g_get_monotonic_time ();
  gint64 now;

  memset (msg, 'x', sizeof msg);
  while ((now = g_get_monotonic_time ()) < t->end_us)
    {
      guint64 due = t->rate * (guint64) (now - start) / G_USEC_PER_SEC;
      guint64 sent = read_out_segs () - t->base_segs;
      guint64 burst;

      /* each write makes about one segment and one ACK; the counter is
       * read once a millisecond, so the generator leaves the CPUs to the
       * capture */
      burst = sent < due ? MIN ((due - sent + 1) / 2, 1024) : 0;
      while (burst-- > 0)
        if (send (t->client, msg, sizeof msg, MSG_NOSIGNAL) < 0 && errno != EINTR)
          g_error ("send: %s", g_strerror (errno));
      g_usleep (1000);
    }

  shutdown (t->client, SHUT_WR);
  return NULL;
}

static gpointer
receiver (gpointer data)
{
  Traffic *t = data;
  char buf[65536];

  for (;;)
    {
      gssize n = recv (t->server, buf, sizeof buf, 0);

      if (n == 0)
        break;
      if (n < 0 && errno != EINTR)
        g_error ("recv: %s", g_strerror (errno));
    }
  return NULL;
}

/* Main-loop timing: the work of each iteration (from poll returning to the
 * next poll) and the gaps between heartbeat ticks. */
static GPollFunc default_poll;
static gint64 poll_returned;
static GArray *busy_us;
static GArray *gap_us;
static gint64 last_beat;

static gint
timed_poll (GPollFD *fds,
            guint    nfds,
            gint     timeout)
{
  gint64 now = g_get_monotonic_time ();
  gint r;

  if (poll_returned != 0 && busy_us != NULL)
    {
      gint64 busy = now - poll_returned;

      g_array_append_val (busy_us, busy);
    }
  r = default_poll (fds, nfds, timeout);
  poll_returned = g_get_monotonic_time ();
  return r;
}

static gboolean
heartbeat (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_beat != 0)
    {
      gint64 gap = now - last_beat;

      g_array_append_val (gap_us, gap);
    }
  last_beat = now;
  return G_SOURCE_CONTINUE;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
percentiles (GArray *values,
             double *max_ms,
             double *p99_ms)
{
  if (values->len == 0)
    {
      *max_ms = *p99_ms = 0;
      return;
    }
  g_array_sort (values, compare_gint64);
  *max_ms = g_array_index (values, gint64, values->len - 1) / 1000.0;
  *p99_ms = g_array_index (values, gint64, (values->len * 99) / 100) / 1000.0;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
run_for (GMainLoop *loop,
         guint      ms)
{
  g_timeout_add (ms, quit_loop, loop);
  g_main_loop_run (loop);
}

static int
listen_loopback (guint16 *port)
{
  struct sockaddr_in addr = { 0 };
  socklen_t len = sizeof addr;
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (fd < 0 || bind (fd, (struct sockaddr *) &addr, sizeof addr) != 0 ||
      listen (fd, 4) != 0 || getsockname (fd, (struct sockaddr *) &addr, &len) != 0)
    g_error ("cannot listen on 127.0.0.1: %s", g_strerror (errno));
  *port = ntohs (addr.sin_port);
  return fd;
}

static void
bench_rate (guint    buffer_mb,
            guint64  rate,
            double   seconds)
{
  g_autoptr(HsLiveCapture) live = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *filter = NULL;
  struct sockaddr_in addr = { 0 };
  Traffic t = { 0 };
  HsLiveStats stats;
  GThread *threads[2];
  guint64 sent;
  double busy_max, busy_p99, gap_max, gap_p99;
  guint heartbeat_id;
  guint16 port;
  int listener, one = 1;

  listener = listen_loopback (&port);
  filter = g_strdup_printf ("tcp port %u", port);

  live = hs_live_capture_new ("lo");
  hs_live_capture_set_filter (live, filter);
  hs_live_capture_set_buffer_size (live, buffer_mb);
  if (!hs_live_capture_start (live, &error))
    {
      g_printerr ("hs-live-bench: %s\n", error->message);
      exit (1);
    }

  busy_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  gap_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  last_beat = 0;
  heartbeat_id = g_timeout_add (1, heartbeat, NULL);
  run_for (loop, 200);
  g_array_set_size (busy_us, 0);
  g_array_set_size (gap_us, 0);

  t.rate = rate;
  t.base_segs = read_out_segs ();
  t.client = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  setsockopt (t.client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  addr.sin_family = AF_INET;
  addr.sin_port = htons (port);
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (connect (t.client, (struct sockaddr *) &addr, sizeof addr) != 0)
    g_error ("connect: %s", g_strerror (errno));
  t.server = accept (listener, NULL, NULL);
  setsockopt (t.server, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  t.end_us = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  threads[0] = g_thread_new ("sender", sender, &t);
  threads[1] = g_thread_new ("receiver", receiver, &t);
  while (g_get_monotonic_time () < t.end_us)
    run_for (loop, 50);
  g_thread_join (threads[0]);
  g_thread_join (threads[1]);
  close (t.server);
  close (t.client);
  close (listener);
  run_for (loop, 300);   /* the last FIN and ACK */
  sent = read_out_segs () - t.base_segs;

  hs_live_capture_stop (live);
  g_source_remove (heartbeat_id);
  hs_live_capture_get_stats (live, &stats);

  percentiles (busy_us, &busy_max, &busy_p99);
  percentiles (gap_us, &gap_max, &gap_p99);
  printf ("%u\t%" G_GUINT64_FORMAT "\t%.0f\t%" G_GUINT64_FORMAT "\t%" G_GUINT64_FORMAT
          "\t%" G_GUINT64_FORMAT "\t%" G_GUINT64_FORMAT "\t%" G_GINT64_FORMAT
          "\t%.2f\t%.2f\t%.2f\t%.2f\t%u\n",
          buffer_mb, rate, sent / (seconds + 0.3), sent, stats.captured,
          stats.dropped_kernel, stats.dropped_interface,
          (gint64) sent - (gint64) stats.captured,
          busy_max, busy_p99, gap_max, gap_p99,
          hs_capture_get_n_connections (hs_live_capture_get_capture (live)));
  fflush (stdout);

  g_clear_pointer (&busy_us, g_array_unref);
  g_clear_pointer (&gap_us, g_array_unref);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rates_str = NULL;
  g_autofree char *buffers_str = NULL;
  g_auto(GStrv) rates = NULL;
  g_auto(GStrv) buffers = NULL;
  double seconds = 3;
  guint i;
  const GOptionEntry entries[] = {
    { "rates", 'r', 0, G_OPTION_ARG_STRING, &rates_str,
      "Packet rates to try, comma-separated (default 5000,10000,20000,50000,100000,200000)",
      "LIST" },
    { "seconds", 's', 0, G_OPTION_ARG_DOUBLE, &seconds, "Seconds per rate (default 3)", "S" },
    { "buffer-mb", 'b', 0, G_OPTION_ARG_STRING, &buffers_str,
      "Kernel buffer sizes to compare, in MB, comma-separated (default 64)", "LIST" },
    { NULL }
  };

  context = g_option_context_new ("— live capture throughput on loopback");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("hs-live-bench: %s\n", error->message);
      return 2;
    }

  rates = g_strsplit (rates_str != NULL ? rates_str : "5000,10000,20000,50000,100000,200000",
                      ",", -1);
  buffers = g_strsplit (buffers_str != NULL ? buffers_str : "64", ",", -1);

  default_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, timed_poll);

  printf ("buffer_mb\trate\tachieved\tsent\tcaptured\tdropped_kernel\tdropped_interface\tmissing\t"
          "busy_max_ms\tbusy_p99_ms\tgap_max_ms\tgap_p99_ms\tconnections\n");
  /* the sizes side by side at each rate, in one run */
  for (i = 0; rates[i] != NULL; i++)
    for (guint b = 0; buffers[b] != NULL; b++)
      bench_rate ((guint) g_ascii_strtoull (buffers[b], NULL, 10),
                  g_ascii_strtoull (rates[i], NULL, 10), seconds);

  return 0;
}
