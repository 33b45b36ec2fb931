/* hs-export.h
 *
 * Copyright 2026 Handshake developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hs-ladder-layout.h"
#include "hs-palette.h"

G_BEGIN_DECLS

#define HS_EXPORT_ERROR (hs_export_error_quark ())

typedef enum
{
  HS_EXPORT_ERROR_FORMAT,     /* the file name does not end in .png, .svg or .pdf */
  HS_EXPORT_ERROR_TOO_LARGE,  /* a PNG taller than cairo can make: use SVG/PDF or a range */
  HS_EXPORT_ERROR_EMPTY,      /* no such connection, or nothing in the range */
  HS_EXPORT_ERROR_WRITE,      /* cannot write the file */
} HsExportError;

typedef enum
{
  HS_EXPORT_PNG = 0,
  HS_EXPORT_SVG,
  HS_EXPORT_PDF,
} HsExportFormat;

typedef struct
{
  HsLadderMode  mode;
  gboolean      collapse;       /* collapse uneventful runs */
  guint         first_pos;      /* range of positions, inclusive; */
  guint         last_pos;       /* 0 .. G_MAXUINT for the whole connection */
  HsPaletteKind palette;
  double        width;          /* layout width; 0 for the default (1000) */
  const char   *names[2];       /* lifeline names, NULL for the addresses */
  const char   *title;          /* NULL: "<file> — <a> → <b> (stream N)" */
} HsLadderExportOptions;

GQuark   hs_export_error_quark          (void);
void     hs_ladder_export_options_init  (HsLadderExportOptions *options);
/* From the file name's extension (case-insensitive). */
gboolean hs_export_format_from_path     (const char            *path,
                                         HsExportFormat        *format);

/* Title, lifeline header, the rows of the range, legend: the same
 * painters as on screen, on an image (PNG), SVG or PDF surface.  A PDF
 * is paginated (A4-wide pages, the header repeated); an SVG is one tall
 * page with its labels also as text; a PNG fails with TOO_LARGE beyond
 * 32,767 pixels. */
gboolean hs_ladder_export               (HsCapture                   *capture,
                                         guint                        stream,
                                         const HsLadderExportOptions *options,
                                         const char                  *path,
                                         GError                     **error);

/* The size of the picture hs_ladder_export() would make as one page (PNG,
 * SVG), without painting it: to tell beforehand whether a PNG is possible
 * or to show the size in an export dialog.  Fails as hs_ladder_export()
 * does for a connection or range with nothing in it. */
gboolean hs_ladder_export_measure       (HsCapture                   *capture,
                                         guint                        stream,
                                         const HsLadderExportOptions *options,
                                         double                      *width,
                                         double                      *height,
                                         GError                     **error);

G_END_DECLS
