/* fuzz-frame.c — libFuzzer target: frames for the decoder, whatever their bytes
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Thousands of times faster than fuzz-capture, which pays for a whole load
 * per input: the input's first byte picks a link type, the rest is frames,
 * each after a 2-byte big-endian length, decoded in order through one
 * defragmenter (so fragments of one datagram can meet).  A crash, a
 * sanitizer report or a GLib critical is a bug.  See docs/fuzzing.md.
 */

#include <string.h>

#include "handshake.h"
#include "hs-fuzz.h"

/* build-aux/fuzz.sh makes the seeds with this list: keep the two in the
 * same order */
static const int linktypes[] = {
  HS_LINKTYPE_NULL, HS_LINKTYPE_ETHERNET, HS_LINKTYPE_PPP, HS_LINKTYPE_FDDI,
  HS_LINKTYPE_RAW, HS_LINKTYPE_C_HDLC, HS_LINKTYPE_IEEE802_11, HS_LINKTYPE_LOOP,
  HS_LINKTYPE_LINUX_SLL, HS_LINKTYPE_ARCNET_LINUX, HS_LINKTYPE_PPI,
  HS_LINKTYPE_IEEE802_11_RADIOTAP, HS_LINKTYPE_IPV4, HS_LINKTYPE_IPV6, HS_LINKTYPE_NFLOG,
  HS_LINKTYPE_IPOIB, HS_LINKTYPE_LINUX_SLL2, HS_LINKTYPE_ARCNET_BSD,
  HS_LINKTYPE_ATM_RFC1483_DLT, HS_LINKTYPE_RAW_DLT12, HS_LINKTYPE_RAW_DLT14,
  HS_LINKTYPE_PPP_HDLC, HS_LINKTYPE_PPP_ETHER, HS_LINKTYPE_ATM_RFC1483,
};

/* what the decoder found, so that nothing is optimised away */
static volatile gsize sink;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  hs_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(HsDefrag) defrag = hs_defrag_new ();
  guint32 frame = 0;
  int linktype;

  if (size < 1)
    return 0;
  linktype = linktypes[data[0] % G_N_ELEMENTS (linktypes)];
  data++;
  size--;

  while (size >= 2)
    {
      gsize len = MIN ((gsize)(data[0] << 8 | data[1]), size - 2);
      guint8 *copy = g_memdup2 (data + 2, len);  /* exact bounds for ASan */
      HsDecodedPacket out;

      /* half the frames claim more on the wire than was captured */
      hs_decode_frame (linktype, copy, len, len + (data[0] & 0x80 ? 100 : 0), ++frame,
                       defrag, &out);
      sink += out.status + out.payload_len;
      g_free (copy);
      data += 2 + len;
      size -= 2 + len;
    }
  return 0;
}
