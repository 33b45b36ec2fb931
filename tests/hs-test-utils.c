/* hs-test-utils.c
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

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <string.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include <glib/gstdio.h>
#include <zlib.h>

#include "handshake.h"

#include "hs-capture-private.h"
#include "hs-capture-writer.h"
#include "hs-test-utils.h"

/* The tests' capture builder: HsCaptureWriter (the core's writer) to the
 * file, or to memory for a .gz file, compressed at close. */
struct _HsTestWriter
{
  FILE            *fp;
  char            *gz_path;
  GByteArray      *gz_bytes;
  HsCaptureWriter *writer;
};

static gboolean
is_pcapng (HsTestFormat format)
{
  return format == HS_TEST_PCAPNG || format == HS_TEST_PCAPNG_BE;
}

HsTestWriter *
hs_test_writer_new (const char   *path,
                    HsTestFormat  format,
                    int           linktype,
                    gboolean      gzip)
{
  HsTestWriter *self = g_new0 (HsTestWriter, 1);
  HsCaptureWriterInterface iface = { .linktype = linktype, .snaplen = 262144 };
  HsCaptureWriterFormat writer_format;
  g_autoptr(GError) error = NULL;
  gboolean big_endian = format == HS_TEST_PCAP_USEC_BE || format == HS_TEST_PCAP_NSEC_BE ||
                        format == HS_TEST_PCAPNG_BE;

  g_assert_nonnull (path);
  g_assert_cmpint (format, >=, HS_TEST_PCAP_USEC);
  g_assert_cmpint (format, <=, HS_TEST_PCAPNG_BE);

  if (is_pcapng (format))
    writer_format = HS_CAPTURE_WRITER_PCAPNG;
  else if (format == HS_TEST_PCAP_NSEC || format == HS_TEST_PCAP_NSEC_BE)
    writer_format = HS_CAPTURE_WRITER_PCAP_NSEC;
  else
    writer_format = HS_CAPTURE_WRITER_PCAP;

  if (gzip)
    {
      self->gz_path = g_strdup (path);
      self->gz_bytes = g_byte_array_new ();
      self->writer = hs_capture_writer_new_for_bytes (self->gz_bytes, writer_format);
    }
  else
    {
      self->fp = fopen (path, "wb");
      g_assert_nonnull (self->fp);
      self->writer = hs_capture_writer_new_for_stream (self->fp, writer_format);
    }
  hs_capture_writer_set_byte_order (self->writer, big_endian ? G_BIG_ENDIAN : G_LITTLE_ENDIAN);
  hs_capture_writer_start (self->writer, NULL, &iface, &error);
  g_assert_no_error (error);

  return self;
}

guint
hs_test_writer_add_interface (HsTestWriter *self,
                              int           linktype,
                              guint8        tsresol)
{
  HsCaptureWriterInterface iface = { .linktype = linktype, .snaplen = 262144, .tsresol = tsresol };
  g_autoptr(GError) error = NULL;
  guint index = 0;

  g_assert_nonnull (self);

  hs_capture_writer_add_interface (self->writer, &iface, &index, &error);
  g_assert_no_error (error);
  return index;
}

void
hs_test_writer_packet (HsTestWriter *self,
                       guint         iface,
                       gint64        ts_ns,
                       const guint8 *data,
                       guint         caplen,
                       guint         orig_len)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (self);

  hs_capture_writer_packet (self->writer, iface, ts_ns, data, caplen, orig_len, &error);
  g_assert_no_error (error);
}

void
hs_test_writer_raw (HsTestWriter *self,
                    const void   *data,
                    gsize         len)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (self);

  hs_capture_writer_raw (self->writer, data, len, &error);
  g_assert_no_error (error);
}

void
hs_test_writer_close (HsTestWriter *self)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (self);

  hs_capture_writer_flush (self->writer, &error);
  g_assert_no_error (error);
  g_clear_pointer (&self->writer, hs_capture_writer_free);

  if (self->gz_path != NULL)
    {
      gzFile gz = gzopen (self->gz_path, "wb");

      g_assert_nonnull (gz);
      if (self->gz_bytes->len > 0)
        g_assert_cmpint (gzwrite (gz, self->gz_bytes->data, self->gz_bytes->len), ==,
                         (int) self->gz_bytes->len);
      g_assert_cmpint (gzclose (gz), ==, Z_OK);
      g_byte_array_unref (self->gz_bytes);
      g_free (self->gz_path);
    }
  if (self->fp != NULL)
    g_assert_cmpint (fclose (self->fp), ==, 0);
  g_free (self);
}

static guint16
csum (const guint8 *p,
      gsize         len,
      guint32       sum)
{
  gsize i;

  for (i = 0; i + 1 < len; i += 2)
    sum += (p[i] << 8) | p[i + 1];
  if (len & 1)
    sum += p[len - 1] << 8;
  while (sum >> 16)
    sum = (sum & 0xffff) + (sum >> 16);
  return (guint16) ~sum;
}

GByteArray *
hs_test_build_frame (const HsTestSegment *seg)
{
  GByteArray *frame = g_byte_array_new ();
  guint8 src[16], dst[16];
  gboolean v6 = strchr (seg->src, ':') != NULL;
  guint opt_len = (seg->options_len + 3) & ~3u;
  guint tcp_len = 20 + opt_len + seg->payload_len;
  guint8 eth[14] = { 0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1, 0x08, 0x00 };
  guint8 *tcp;
  guint i;

  g_assert_cmpint (inet_pton (v6 ? AF_INET6 : AF_INET, seg->src, src), ==, 1);
  g_assert_cmpint (inet_pton (v6 ? AF_INET6 : AF_INET, seg->dst, dst), ==, 1);

  if (v6)
    eth[12] = 0x86, eth[13] = 0xdd;
  g_byte_array_append (frame, eth, sizeof eth);

  if (v6)
    {
      guint8 ip[40] = { 0x60, 0, 0, 0, (guint8)(tcp_len >> 8), (guint8) tcp_len, 6, 64 };

      memcpy (ip + 8, src, 16);
      memcpy (ip + 24, dst, 16);
      g_byte_array_append (frame, ip, sizeof ip);
    }
  else
    {
      guint total = 20 + tcp_len;
      guint8 ip[20] = { 0x45, 0, (guint8)(total >> 8), (guint8) total, 0x12, 0x34, 0x40, 0,
                        64, 6, 0, 0 };
      guint16 c;

      memcpy (ip + 12, src, 4);
      memcpy (ip + 16, dst, 4);
      c = csum (ip, 20, 0);
      ip[10] = c >> 8;
      ip[11] = c & 0xff;
      g_byte_array_append (frame, ip, sizeof ip);
    }

  g_byte_array_set_size (frame, frame->len + tcp_len);
  tcp = frame->data + frame->len - tcp_len;
  memset (tcp, 0, tcp_len);
  tcp[0] = seg->sport >> 8;
  tcp[1] = seg->sport & 0xff;
  tcp[2] = seg->dport >> 8;
  tcp[3] = seg->dport & 0xff;
  tcp[4] = seg->seq >> 24; tcp[5] = seg->seq >> 16; tcp[6] = seg->seq >> 8; tcp[7] = seg->seq;
  tcp[8] = seg->ack >> 24; tcp[9] = seg->ack >> 16; tcp[10] = seg->ack >> 8; tcp[11] = seg->ack;
  tcp[12] = (guint8)(((20 + opt_len) / 4) << 4) | ((seg->flags >> 8) & 1);
  tcp[13] = seg->flags & 0xff;
  tcp[14] = seg->window >> 8;
  tcp[15] = seg->window & 0xff;
  if (seg->options_len)
    memcpy (tcp + 20, seg->options, seg->options_len);
  for (i = seg->options_len; i < opt_len; i++)
    tcp[20 + i] = 1; /* NOP padding */
  for (i = 0; i < seg->payload_len; i++)
    tcp[20 + opt_len + i] = seg->payload != NULL ? seg->payload[i] : 'x';

  return frame;
}

int
hs_test_run (const char * const  *argv,
             char               **out,
             char               **err)
{
  g_autoptr(GError) error = NULL;
  int status = -1;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     out, err, &status, &error))
    g_error ("cannot run %s: %s", argv[0], error->message);

  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

const char *
hs_test_cli_path (void)
{
  const char *path = g_getenv ("HS_CLI");

  g_assert_nonnull (path);
  return path;
}

const char *
hs_test_corpus_dir (void)
{
  static char *dir;

  if (dir == NULL)
    {
      const char *shared = g_getenv ("HS_SHARED_DIR");

      if (shared == NULL)
        return NULL;
      dir = g_build_filename (shared, "corpus", NULL);
    }

  return g_file_test (dir, G_FILE_TEST_IS_DIR) ? dir : NULL;
}

void
hs_test_writer_segment (HsTestWriter        *self,
                        gint64               ts_ns,
                        const HsTestSegment *seg)
{
  g_autoptr(GByteArray) frame = hs_test_build_frame (seg);

  hs_test_writer_packet (self, 0, ts_ns, frame->data, frame->len, frame->len);
}

void
hs_test_write_packets (const char         *path,
                       gint64              t0_ns,
                       const HsTestPacket *packets,
                       guint               n)
{
  HsTestWriter *w = hs_test_writer_new (path, HS_TEST_PCAP_NSEC, 1, FALSE);
  guint i;

  for (i = 0; i < n; i++)
    hs_test_writer_segment (w, t0_ns + packets[i].ms * G_GINT64_CONSTANT (1000000),
                            &packets[i].seg);
  hs_test_writer_close (w);
}

HsCapture *
hs_test_load (const char *path)
{
  g_autoptr(GError) error = NULL;
  HsCapture *capture;

  capture = hs_capture_load (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (capture);
  g_assert_null (hs_capture_get_problem (capture));

  return capture;
}

char *
hs_test_svg_color (double red,
                   double green,
                   double blue)
{
  GString *str = g_string_new ("rgb(");
  double v[3] = { red, green, blue };
  guint i;

  for (i = 0; i < 3; i++)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      char *end;

      g_ascii_formatd (buf, sizeof buf, "%f", v[i] * 100);
      end = buf + strlen (buf);
      while (end > buf && end[-1] == '0')
        *--end = '\0';
      if (end > buf && end[-1] == '.')
        *--end = '\0';
      g_string_append_printf (str, "%s%s%%", i > 0 ? "," : "", buf);
    }
  g_string_append_c (str, ')');

  return g_string_free (str, FALSE);
}

/* The file has NUL bytes, so no string functions. */
guint
hs_test_count_pdf_pages (const char *pdf,
                         gsize       len)
{
  static const char needle[] = "/Type /Page";
  gsize n_needle = sizeof needle - 1;
  guint n = 0;
  gsize i;

  for (i = 0; i + n_needle < len; i++)
    {
      if (memcmp (pdf + i, needle, n_needle) == 0 && pdf[i + n_needle] != 's')
        n++;
    }
  return n;
}

void
hs_test_remove_tmp_dir (char *tmp_dir)
{
  if (g_getenv ("HS_TEST_KEEP") == NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

          g_unlink (path);
        }
      g_rmdir (tmp_dir);
    }
  else
    g_printerr ("kept %s\n", tmp_dir);
  g_free (tmp_dir);
}

HsCapture *
hs_test_live_new (HsCapture *full)
{
  g_assert_true (HS_IS_CAPTURE (full));
  g_assert_cmpuint (hs_capture_get_n_interfaces (full), ==, 1);

  return _hs_capture_new_live (hs_capture_get_path (full),
                               hs_capture_get_interface (full, 0));
}

void
hs_test_live_grow (HsCapture *live,
                   HsCapture *full,
                   guint      upto)
{
  g_autofree char *dir = NULL;
  g_autofree char *cut_path = NULL;
  g_autoptr(HsCapture) cut = NULL;
  g_autoptr(GArray) records = g_array_new (FALSE, FALSE, sizeof (HsPacketRecord));
  g_autoptr(GArray) orig_lens = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) conns = g_array_new (FALSE, FALSE, sizeof (HsConnection));
  g_autoptr(GHashTable) changed = g_hash_table_new (NULL, NULL);
  HsTestWriter *writer;
  guint first = hs_capture_get_n_packets (live);
  guint i;

  g_assert_cmpuint (upto, >=, first);
  g_assert_cmpuint (upto, <=, hs_capture_get_n_packets (full));

  /* the connections as they were after packet `upto` */
  dir = g_dir_make_tmp ("hs-live-XXXXXX", NULL);
  g_assert_nonnull (dir);
  cut_path = g_build_filename (dir, "cut.pcap", NULL);
  writer = hs_test_writer_new (cut_path, HS_TEST_PCAP_NSEC,
                               hs_capture_get_interface (full, 0)->linktype, FALSE);
  for (i = 0; i < upto; i++)
    {
      g_autoptr(GBytes) bytes = hs_capture_read_packet (full, i, NULL);
      gsize len;
      const guint8 *data;

      g_assert_nonnull (bytes);
      data = g_bytes_get_data (bytes, &len);
      hs_test_writer_packet (writer, 0, hs_capture_get_record (full, i)->ts_ns,
                             data, (guint) len, hs_capture_get_orig_len (full, i));
    }
  hs_test_writer_close (writer);
  cut = hs_test_load (cut_path);
  g_remove (cut_path);
  g_rmdir (dir);

  for (i = first; i < upto; i++)
    {
      const HsPacketRecord *rec = hs_capture_get_record (full, i);
      guint32 orig_len = hs_capture_get_orig_len (full, i);

      g_array_append_vals (records, rec, 1);
      g_array_append_val (orig_lens, orig_len);
      if (rec->stream != HS_NO_STREAM)
        g_hash_table_add (changed, GUINT_TO_POINTER (rec->stream + 1));
    }

  for (i = 0; i < hs_capture_get_n_connections (cut); i++)
    {
      if (g_hash_table_contains (changed, GUINT_TO_POINTER (i + 1)))
        {
          HsConnection copy = *hs_capture_get_connection (cut, i);

          copy.base_changes = g_memdup2 (copy.base_changes,
                                         sizeof *copy.base_changes * copy.n_base_changes);
          g_array_append_val (conns, copy);
        }
    }

  _hs_capture_append_batch (live,
                            (const HsPacketRecord *) (gpointer) records->data,
                            (const guint32 *) (gpointer) orig_lens->data,
                            records->len,
                            (HsConnection *) (gpointer) conns->data,
                            conns->len,
                            hs_capture_get_n_connections (cut));
}

char *
hs_test_live_skip_reason (void)
{
  char errbuf[PCAP_ERRBUF_SIZE] = { 0 };
  pcap_t *p = pcap_create ("lo", errbuf);
  char *reason = NULL;
  int status;

  if (p == NULL)
    return g_strdup_printf ("cannot capture on lo: %s", errbuf);

  status = pcap_activate (p);
  if (status < 0)
    reason = g_strdup_printf ("cannot capture on lo (needs root or CAP_NET_RAW and "
                              "CAP_NET_ADMIN; CI runs these tests as root): %s",
                              status == PCAP_ERROR ? pcap_geterr (p) : pcap_statustostr (status));
  pcap_close (p);
  return reason;
}

guint16
hs_test_free_port (void)
{
  struct sockaddr_in addr = { 0 };
  socklen_t len = sizeof addr;
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

  g_assert_cmpint (fd, >=, 0);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &addr, &len), ==, 0);
  close (fd);
  return ntohs (addr.sin_port);
}

struct _HsTestTraffic
{
  HsTestTrafficOptions options;
  int                  listener;
  GThread             *thread;
  gint                 stop;   /* atomic */
  guint                done;   /* atomic */
};

static void
traffic_send (int     fd,
              guint8 *buf,
              gsize   len)
{
  while (len > 0)
    {
      gssize n = send (fd, buf, len, MSG_NOSIGNAL);

      if (n < 0 && errno == EINTR)
        continue;
      g_assert_cmpint (n, >, 0);
      buf += n;
      len -= (gsize) n;
    }
}

static void
traffic_recv (int     fd,
              guint8 *buf,
              gsize   len)
{
  while (len > 0)
    {
      gssize n = recv (fd, buf, len, 0);

      if (n < 0 && errno == EINTR)
        continue;
      g_assert_cmpint (n, >, 0);
      len -= (gsize) n;
    }
}

/* `from` sends `total` bytes to `to` in chunks, each read before the next. */
static void
traffic_transfer (int     from,
                  int     to,
                  gsize   total,
                  gsize   chunk,
                  guint8 *buf)
{
  while (total > 0)
    {
      gsize len = MIN (total, chunk);

      traffic_send (from, buf, len);
      traffic_recv (to, buf, len);
      total -= len;
    }
}

static gpointer
traffic_thread (gpointer data)
{
  HsTestTraffic *self = data;
  gsize chunk = self->options.chunk > 0 ? self->options.chunk : 1000;
  g_autofree guint8 *buf = g_malloc (chunk);
  struct sockaddr_in addr = { 0 };
  guint i;

  memset (buf, 'x', chunk);
  addr.sin_family = AF_INET;
  addr.sin_port = htons (self->options.port);
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);

  for (i = 0; self->options.connections == 0 || i < self->options.connections; i++)
    {
      int one = 1;
      int client, server;
      guint8 end;

      if (self->options.connections == 0 && g_atomic_int_get (&self->stop))
        break;

      client = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
      g_assert_cmpint (client, >=, 0);
      g_assert_cmpint (setsockopt (client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one), ==, 0);
      g_assert_cmpint (connect (client, (struct sockaddr *) &addr, sizeof addr), ==, 0);
      server = accept (self->listener, NULL, NULL);
      g_assert_cmpint (server, >=, 0);
      g_assert_cmpint (setsockopt (server, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one), ==, 0);

      traffic_transfer (client, server, self->options.client_bytes, chunk, buf);
      traffic_transfer (server, client, self->options.server_bytes, chunk, buf);

      if (self->options.reset)
        {
          struct linger linger = { 1, 0 };

          g_assert_cmpint (setsockopt (client, SOL_SOCKET, SO_LINGER, &linger, sizeof linger),
                           ==, 0);
          close (client);
          /* the server sees the reset */
          g_assert_cmpint (recv (server, &end, 1, 0), <=, 0);
          close (server);
        }
      else
        {
          /* FIN from the client, then from the server once it read the end */
          close (client);
          g_assert_cmpint (recv (server, &end, 1, 0), ==, 0);
          close (server);
        }
      g_atomic_int_inc (&self->done);
    }

  return NULL;
}

HsTestTraffic *
hs_test_traffic_start (const HsTestTrafficOptions *options)
{
  HsTestTraffic *self = g_new0 (HsTestTraffic, 1);
  struct sockaddr_in addr = { 0 };
  socklen_t len = sizeof addr;
  int one = 1;

  self->options = *options;
  self->listener = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  g_assert_cmpint (self->listener, >=, 0);
  g_assert_cmpint (setsockopt (self->listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one),
                   ==, 0);
  addr.sin_family = AF_INET;
  addr.sin_port = htons (options->port);
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert_cmpint (bind (self->listener, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  g_assert_cmpint (listen (self->listener, 16), ==, 0);
  g_assert_cmpint (getsockname (self->listener, (struct sockaddr *) &addr, &len), ==, 0);
  self->options.port = ntohs (addr.sin_port);

  self->thread = g_thread_new ("hs-test-traffic", traffic_thread, self);
  return self;
}

guint16
hs_test_traffic_get_port (HsTestTraffic *traffic)
{
  return traffic->options.port;
}

guint
hs_test_traffic_get_done (HsTestTraffic *traffic)
{
  return (guint) g_atomic_int_get (&traffic->done);
}

guint
hs_test_traffic_finish (HsTestTraffic *traffic)
{
  guint done;

  g_atomic_int_set (&traffic->stop, TRUE);
  g_thread_join (traffic->thread);
  close (traffic->listener);
  done = (guint) g_atomic_int_get (&traffic->done);
  g_free (traffic);
  return done;
}
