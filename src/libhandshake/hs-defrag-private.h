/* hs-defrag-private.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hs-decoder.h"

G_BEGIN_DECLS

/* The interface between hs-decoder.c and hs-defrag.c. */

/* The largest reassembled datagram payload and decompressed IPComp payload. */
#define HS_DEFRAG_MAX_DATAGRAM  (128 * 1024)
#define HS_INFLATE_BUFFER_SIZE  (64 * 1024 + 64)

typedef struct
{
  guint8        ip_version;  /* 4 or 6 */
  guint8        proto;       /* IPv4 protocol, IPv6 fragment header next header */
  const guint8 *src;         /* 4 or 16 bytes */
  const guint8 *dst;
  guint32       id;
  guint32       offset;      /* in bytes */
  gboolean      more;        /* more fragments follow */
  const guint8 *data;        /* the fragment's payload, entirely captured */
  guint         len;
} HsDefragFragment;

/* Adds a fragment seen in frame `frame`.  When it completes a datagram,
 * returns its payload (valid until the next call) and sets `out_len`;
 * otherwise returns NULL. */
const guint8 *_hs_defrag_add               (HsDefrag               *defrag,
                                            guint32                 frame,
                                            const HsDefragFragment *fragment,
                                            guint                  *out_len);

/* Number of datagrams waiting for more fragments. */
guint         _hs_defrag_get_n_pending     (HsDefrag               *defrag);

/* A buffer of HS_INFLATE_BUFFER_SIZE bytes owned by `defrag`. */
guint8       *_hs_defrag_get_inflate_buffer (HsDefrag              *defrag);

G_END_DECLS
