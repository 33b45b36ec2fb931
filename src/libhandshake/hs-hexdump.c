/* hs-hexdump.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The details pane's hex dump, as Wireshark prints it, and the columns
 * where each byte of it starts. */

#include "config.h"

#include "hs-hexdump.h"

/* Lines of 16 bytes, as Wireshark prints them: the offset (4 hex digits, 8
 * beyond 64 KiB), two spaces, the bytes as "xx" separated by one space with
 * one more space after the eighth, three spaces and the bytes as ASCII ('.'
 * for anything not printable).  The last line is padded so that its ASCII
 * column lines up.  Lines are separated by "\n", without one after the
 * last.  With 4-digit offsets the hex of byte i of a line starts at column
 * 6 + 3 i (+ 1 from the ninth) and its character at column 57 + i (see
 * src/handshake/hs-hex-layout.h). */
static int
hex_offset_width (gsize len)
{
  return len > 0x10000 ? 8 : 4;
}

/* The group space before the ninth byte of a 16-byte line. */
static guint
hex_group_space (guint per_line,
                 guint i)
{
  return per_line == 16 && i >= 8 ? 1 : 0;
}

void
hs_hex_dump_columns (gsize  len,
                     guint  per_line,
                     guint  i,
                     guint *hex_column,
                     guint *ascii_column)
{
  int width = hex_offset_width (len);

  g_return_if_fail (per_line == 8 || per_line == 16);
  g_return_if_fail (i < per_line);

  /* the offset, a space, then " xx" per byte with one more space before
   * the ninth of 16, three spaces, and the ASCII column */
  if (hex_column != NULL)
    *hex_column = width + 2 + 3 * i + hex_group_space (per_line, i);
  if (ascii_column != NULL)
    *ascii_column = width + 1 + 3 * per_line + hex_group_space (per_line, per_line - 1) + 3 + i;
}

guint
hs_hex_dump_line_width (gsize len,
                        guint per_line)
{
  guint ascii;

  g_return_val_if_fail (per_line == 8 || per_line == 16, 0);

  hs_hex_dump_columns (len, per_line, per_line - 1, NULL, &ascii);
  return ascii + 1;
}

char *
hs_format_hex_dump (const guint8 *data,
                    gsize         len,
                    guint         per_line)
{
  GString *str;
  int width = hex_offset_width (len);
  gsize line;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (per_line == 8 || per_line == 16, NULL);

  str = g_string_sized_new ((len / per_line + 1) * (hs_hex_dump_line_width (len, per_line) + 1));

  for (line = 0; line < len; line += per_line)
    {
      gsize i;

      if (line > 0)
        g_string_append_c (str, '\n');
      g_string_append_printf (str, "%0*" G_GSIZE_MODIFIER "x ", width, line);

      for (i = 0; i < per_line; i++)
        {
          if (hex_group_space (per_line, i) && i == 8)
            g_string_append_c (str, ' ');
          if (line + i < len)
            g_string_append_printf (str, " %02x", data[line + i]);
          else
            g_string_append (str, "   ");
        }

      g_string_append (str, "   ");
      for (i = 0; i < per_line && line + i < len; i++)
        {
          guint8 c = data[line + i];

          g_string_append_c (str, (c >= 0x20 && c < 0x7f) ? (char) c : '.');
        }
    }

  return g_string_free (str, FALSE);
}
