/* hs-test-utils.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "hs-types.h"

G_BEGIN_DECLS

typedef enum
{
  HS_TEST_PCAP_USEC,
  HS_TEST_PCAP_NSEC,
  HS_TEST_PCAP_USEC_BE,   /* big-endian file */
  HS_TEST_PCAP_NSEC_BE,
  HS_TEST_PCAPNG,
  HS_TEST_PCAPNG_BE,
} HsTestFormat;

typedef struct _HsTestWriter HsTestWriter;

/* Writes a capture file packet by packet, through HsCaptureWriter (snaplen
 * 262144, no options but if_tsresol).  For pcap, `linktype` is the file's
 * link type; for pcapng it is the first interface's (add more with
 * hs_test_writer_add_interface).  gzip != FALSE writes a .gz stream (at
 * hs_test_writer_close).  Any failure is a test failure. */
HsTestWriter *hs_test_writer_new           (const char    *path,
                                            HsTestFormat   format,
                                            int            linktype,
                                            gboolean       gzip);
/* pcapng only: another interface; tsresol is the if_tsresol byte (0 = none,
 * microseconds): hs_test_writer_packet converts ts_ns to it. */
guint         hs_test_writer_add_interface (HsTestWriter  *self,
                                            int            linktype,
                                            guint8         tsresol);
void          hs_test_writer_packet        (HsTestWriter  *self,
                                            guint          iface,
                                            gint64         ts_ns,
                                            const guint8  *data,
                                            guint          caplen,
                                            guint          orig_len);
/* Writes raw bytes (to make damaged files). */
void          hs_test_writer_raw           (HsTestWriter  *self,
                                            const void    *data,
                                            gsize          len);
void          hs_test_writer_close         (HsTestWriter  *self);

typedef struct
{
  const char *src;          /* "10.0.0.1" or "2001:db8::1" */
  const char *dst;
  guint16     sport;
  guint16     dport;
  guint32     seq;
  guint32     ack;
  guint16     flags;        /* HsTcpFlags */
  guint16     window;
  guint       payload_len;
  const char *payload;      /* NULL: payload_len bytes of 'x' */
  const guint8 *options;    /* raw TCP options (padded to 4 by the builder) */
  guint       options_len;
} HsTestSegment;

/* An Ethernet + IPv4/IPv6 + TCP frame for `seg`; returns its length. */
GByteArray   *hs_test_build_frame          (const HsTestSegment *seg);
/* Writes `seg` as one frame on interface 0 at ts_ns. */
void          hs_test_writer_segment       (HsTestWriter        *self,
                                            gint64               ts_ns,
                                            const HsTestSegment *seg);

/* A segment of a crafted connection, `ms` milliseconds after its start. */
typedef struct
{
  gint64        ms;
  HsTestSegment seg;
} HsTestPacket;

/* A nanosecond pcap of Ethernet frames: packets[i] at t0_ns + ms. */
void          hs_test_write_packets        (const char          *path,
                                            gint64               t0_ns,
                                            const HsTestPacket  *packets,
                                            guint                n);

/* Loads a capture written by a test: no error, no problem. */
HsCapture    *hs_test_load                 (const char          *path);

/* A colour as cairo's SVG surface writes it: "rgb(87.843137%,10.588235%,
 * 14.117647%)", each number with six decimals and no trailing zeros. */
char         *hs_test_svg_color            (double               red,
                                            double               green,
                                            double               blue);

/* The page objects of a PDF ("/Type /Page", not "/Type /Pages"). */
guint         hs_test_count_pdf_pages      (const char          *pdf,
                                            gsize                len);

/* Removes a test's temporary folder and the files in it, unless
 * HS_TEST_KEEP is set: then it says where they are.  Frees `tmp_dir`. */
void          hs_test_remove_tmp_dir       (char                *tmp_dir);

/* Runs `argv` and returns its exit status; stdout/stderr into the out params. */
int           hs_test_run                  (const char * const *argv,
                                            char         **out,
                                            char         **err);

/* Path of the handshake-cli built with the tests. */
const char   *hs_test_cli_path             (void);

/* ../shared/corpus if it exists beside the source tree, else NULL. */
const char   *hs_test_corpus_dir           (void);

/* Live documents without an interface: an empty live document over the
 * file of `full` (a capture loaded from a single-interface file), and
 * growing it to the first `upto` packets of `full` in one batch.  The
 * records are `full`'s (the tracker is single-pass, so they are what a live
 * capture would have produced); the connections are exactly what they were
 * after packet `upto` (read from a copy of the file cut there). */
HsCapture    *hs_test_live_new             (HsCapture           *full);
void          hs_test_live_grow            (HsCapture           *live,
                                            HsCapture           *full,
                                            guint                upto);

/* Live capture tests.  NULL when this process may capture on the loopback
 * interface "lo", else why not (for g_test_skip). */
char         *hs_test_live_skip_reason     (void);

/* A TCP port on 127.0.0.1 that nothing listens on (bound, then released). */
guint16       hs_test_free_port            (void);

/* Real TCP connections to ourselves over 127.0.0.1, made by a thread:
 * each connection is a handshake, `client_bytes` from the client then
 * `server_bytes` back (in chunks of at most `chunk` bytes, each read before
 * the next is sent, TCP_NODELAY), then the client closes (FIN both ways) or,
 * with `reset`, aborts with SO_LINGER 0 (an RST).  `connections` 0 keeps
 * making them until hs_test_traffic_finish(). */
typedef struct
{
  guint16  port;            /* 0: a free one, see hs_test_traffic_get_port */
  guint    connections;
  gsize    client_bytes;
  gsize    server_bytes;
  gsize    chunk;           /* 0: 1000 */
  gboolean reset;
} HsTestTrafficOptions;

typedef struct _HsTestTraffic HsTestTraffic;

/* Listens before returning, so the first SYN is not refused. */
HsTestTraffic *hs_test_traffic_start       (const HsTestTrafficOptions *options);
guint16       hs_test_traffic_get_port     (HsTestTraffic       *traffic);
/* Connections completed so far (thread-safe). */
guint         hs_test_traffic_get_done     (HsTestTraffic       *traffic);
/* Stops making connections (after the current one), waits for the thread
 * and frees; returns the number of connections made. */
guint         hs_test_traffic_finish       (HsTestTraffic       *traffic);

G_END_DECLS
