/* hs-test-utils.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

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

/* Writes a capture file packet by packet.  For pcap, `linktype` is the
 * file's link type; for pcapng it is the first interface's (add more with
 * hs_test_writer_add_interface).  gzip != FALSE writes a .gz stream. */
HsTestWriter *hs_test_writer_new           (const char    *path,
                                            HsTestFormat   format,
                                            int            linktype,
                                            gboolean       gzip);
/* pcapng only: another interface; tsresol is the if_tsresol byte (0 = none). */
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

/* Runs `argv` and returns its exit status; stdout/stderr into the out params. */
int           hs_test_run                  (const char * const *argv,
                                            char         **out,
                                            char         **err);

/* Path of the handshake-cli built with the tests. */
const char   *hs_test_cli_path             (void);

/* ../shared/corpus if it exists beside the source tree, else NULL. */
const char   *hs_test_corpus_dir           (void);

G_END_DECLS
