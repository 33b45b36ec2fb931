/* hs-format.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hs-format.h"

/* "1,448": a count with the translatable thousands separator, the one policy
 * of every count the user reads (explanations, ladder and graph labels,
 * progress and the capture bar), so the C locale and zh_CN say the same. */
char *
hs_format_count (guint64 value)
{
  /* Translators: the thousands separator in counts such as "1,448 bytes" */
  const char *sep = C_("thousands separator", ",");
  char digits[32];
  GString *str;
  gsize len;
  gsize i;

  len = (gsize) g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, value);
  str = g_string_sized_new (len * 2);
  for (i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (str, sep);
      g_string_append_c (str, digits[i]);
    }

  return g_string_free (str, FALSE);
}

/* The first position of the ascending values[0 .. n) not below `value`
 * (n when every value is below it). */
guint
hs_lower_bound_u32 (const guint32 *values,
                    guint          n,
                    guint32        value)
{
  guint lo = 0;
  guint hi = n;

  g_assert (values != NULL || n == 0);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (values[mid] < value)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}
