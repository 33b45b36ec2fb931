/* hs-palette.c
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The three palettes of the painters.  The light anomaly colours are the
 * @define-color hs_* values of src/handshake/style.css, so that a class has
 * one colour in the packet list, on the ladder and in an exported file.
 * The dark ones are the lighter shades of the same GNOME palette hues
 * (they are drawn as lines and small marks on a dark background, where the
 * light theme's shades lose contrast), and the print ones the darker
 * shades, because paper has no glow and thin lines need weight. */

#include "config.h"

#include "hs-palette.h"

#define RGB(hex)        { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, \
                          ((hex) & 0xff) / 255.0, 1.0 }
#define RGBA(hex, a)    { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, \
                          ((hex) & 0xff) / 255.0, (a) }

static const HsPalette palettes[] = {
  [HS_PALETTE_LIGHT] = {
    .kind = HS_PALETTE_LIGHT,
    .background = RGB (0xffffff),
    .foreground = RGB (0x2e3436),
    .dim = RGB (0x6e6d71),
    .lifeline = RGB (0xa8a7ab),
    .label_plate = RGBA (0xffffff, 0.88),
    .selection = RGBA (0x3584e4, 0.18),
    .hover = RGBA (0x000000, 0.045),
    .connector = RGB (0x3584e4),
    .phase = {
      [0] = RGBA (0x3584e4, 0.065),  /* handshake: a blue tint */
      [1] = RGBA (0x000000, 0.0),    /* data: the plain background */
      [2] = RGBA (0xe66100, 0.065),  /* teardown: a warm tint */
    },
    .anomaly = {
      [HS_ANOMALY_CLASS_NONE] = RGB (0x2e3436),
      [HS_ANOMALY_CLASS_MALFORMED] = RGB (0xc061cb),
      [HS_ANOMALY_CLASS_RESET] = RGB (0xa51d2d),
      [HS_ANOMALY_CLASS_LOST] = RGB (0xe66100),
      [HS_ANOMALY_CLASS_RETRANSMISSION] = RGB (0xe01b24),
      [HS_ANOMALY_CLASS_OUT_OF_ORDER] = RGB (0x9141ac),
      [HS_ANOMALY_CLASS_DUP_ACK] = RGB (0xe5a50a),
      [HS_ANOMALY_CLASS_WINDOW] = RGB (0x1c71d8),
      [HS_ANOMALY_CLASS_WINDOW_UPDATE] = RGB (0x26a269),
      [HS_ANOMALY_CLASS_KEEP_ALIVE] = RGB (0x77767b),
      [HS_ANOMALY_CLASS_REUSED_PORTS] = RGB (0x0a8a8a),
      [HS_ANOMALY_CLASS_HANDSHAKE] = RGB (0x9a9996),
    },
    .series = { RGB (0x3584e4), RGB (0xe66100) },
    .grid = RGBA (0x000000, 0.075),
    .sack = RGB (0x2ec27e),
  },
  [HS_PALETTE_DARK] = {
    .kind = HS_PALETTE_DARK,
    .background = RGB (0x1e1e1e),
    .foreground = RGB (0xeeeeec),
    .dim = RGB (0xa3a2a6),
    .lifeline = RGB (0x68676d),
    .label_plate = RGBA (0x1e1e1e, 0.88),
    .selection = RGBA (0x3584e4, 0.32),
    .hover = RGBA (0xffffff, 0.06),
    .connector = RGB (0x78aeed),
    .phase = {
      [0] = RGBA (0x62a0ea, 0.10),
      [1] = RGBA (0xffffff, 0.0),
      [2] = RGBA (0xffa348, 0.065),
    },
    .anomaly = {
      [HS_ANOMALY_CLASS_NONE] = RGB (0xeeeeec),
      [HS_ANOMALY_CLASS_MALFORMED] = RGB (0xf0a2ea),
      [HS_ANOMALY_CLASS_RESET] = RGB (0xff5e6e),
      [HS_ANOMALY_CLASS_LOST] = RGB (0xffa348),
      [HS_ANOMALY_CLASS_RETRANSMISSION] = RGB (0xff8a80),
      [HS_ANOMALY_CLASS_OUT_OF_ORDER] = RGB (0xc895e8),
      [HS_ANOMALY_CLASS_DUP_ACK] = RGB (0xf8e45c),
      [HS_ANOMALY_CLASS_WINDOW] = RGB (0x62a0ea),
      [HS_ANOMALY_CLASS_WINDOW_UPDATE] = RGB (0x57e389),
      [HS_ANOMALY_CLASS_KEEP_ALIVE] = RGB (0xb0afb4),
      [HS_ANOMALY_CLASS_REUSED_PORTS] = RGB (0x4fd1cf),
      [HS_ANOMALY_CLASS_HANDSHAKE] = RGB (0x9a9996),
    },
    .series = { RGB (0x62a0ea), RGB (0xffa348) },
    .grid = RGBA (0xffffff, 0.085),
    .sack = RGB (0x57e389),
  },
  [HS_PALETTE_PRINT] = {
    .kind = HS_PALETTE_PRINT,
    .background = RGB (0xffffff),
    .foreground = RGB (0x000000),
    .dim = RGB (0x4a4a4f),
    .lifeline = RGB (0x77767b),
    .label_plate = RGB (0xffffff),
    .selection = RGBA (0x000000, 0.0),
    .hover = RGBA (0x000000, 0.0),
    .connector = RGB (0x1a5fb4),
    .phase = {
      [0] = RGBA (0x000000, 0.0),
      [1] = RGBA (0x000000, 0.0),
      [2] = RGBA (0x000000, 0.0),
    },
    .anomaly = {
      [HS_ANOMALY_CLASS_NONE] = RGB (0x000000),
      [HS_ANOMALY_CLASS_MALFORMED] = RGB (0x813d9c),
      [HS_ANOMALY_CLASS_RESET] = RGB (0x7a0e1b),
      [HS_ANOMALY_CLASS_LOST] = RGB (0xb34700),
      [HS_ANOMALY_CLASS_RETRANSMISSION] = RGB (0xc01c28),
      [HS_ANOMALY_CLASS_OUT_OF_ORDER] = RGB (0x613583),
      [HS_ANOMALY_CLASS_DUP_ACK] = RGB (0x9c6d00),
      [HS_ANOMALY_CLASS_WINDOW] = RGB (0x1a5fb4),
      [HS_ANOMALY_CLASS_WINDOW_UPDATE] = RGB (0x1b7a4c),
      [HS_ANOMALY_CLASS_KEEP_ALIVE] = RGB (0x5e5c64),
      [HS_ANOMALY_CLASS_REUSED_PORTS] = RGB (0x066b6b),
      [HS_ANOMALY_CLASS_HANDSHAKE] = RGB (0x5e5c64),
    },
    .series = { RGB (0x1a5fb4), RGB (0xc64600) },
    .grid = RGBA (0x000000, 0.13),
    .sack = RGB (0x1b7a4c),
  },
};

const HsPalette *
hs_palette_get (HsPaletteKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (palettes), &palettes[HS_PALETTE_LIGHT]);

  return &palettes[kind];
}

gboolean
hs_palette_kind_from_name (const char    *name,
                           HsPaletteKind *kind)
{
  static const char * const names[] = { "light", "dark", "print" };
  guint i;

  g_return_val_if_fail (kind != NULL, FALSE);

  if (name == NULL)
    return FALSE;

  for (i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (g_ascii_strcasecmp (name, names[i]) == 0)
        {
          *kind = (HsPaletteKind) i;
          return TRUE;
        }
    }

  return FALSE;
}
