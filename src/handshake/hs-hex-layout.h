/* hs-hex-layout.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

/* Columns of byte `i` (0..15) on a line of hs_format_hex_dump():
 * "0000  45 00 00 3c 1c 46 40 00  40 06 b1 e6 ac 10 00 01   E..<.F@.@......." */
static inline guint
hs_hex_layout_hex_column (guint i)
{
  return 6 + 3 * i + (i >= 8 ? 1 : 0);
}

static inline guint
hs_hex_layout_ascii_column (guint i)
{
  return 6 + 3 * 16 + 1 + 2 + i;
}
