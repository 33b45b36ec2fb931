/* hs-hexdump.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A classic hex dump: "0000  45 00 00 3c …  E..<" lines of `per_line`
 * bytes, 16 (with one more space before the ninth) or 8 for a narrow pane. */
char           *hs_format_hex_dump            (const guint8         *data,
                                               gsize                 len,
                                               guint                 per_line);
/* The text columns where byte `i` (0 .. per_line - 1) of a line starts, in
 * the hex part and in the ASCII part of hs_format_hex_dump()'s lines of
 * `per_line` bytes for `len` bytes. */
void            hs_hex_dump_columns           (gsize                 len,
                                               guint                 per_line,
                                               guint                 i,
                                               guint                *hex_column,
                                               guint                *ascii_column);
/* How many characters wide hs_format_hex_dump()'s lines are. */
guint           hs_hex_dump_line_width        (gsize                 len,
                                               guint                 per_line);

G_END_DECLS
