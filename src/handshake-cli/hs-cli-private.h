/* hs-cli-private.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdio.h>

#include "handshake.h"
#include "hs-export.h"
#include "hs-graph-export.h"
#include "hs-palette.h"

G_BEGIN_DECLS

/* Exit codes */
enum {
  EXIT_OK = 0,
  EXIT_ERROR = 1,     /* nothing could be read */
  EXIT_USAGE = 2,
  EXIT_DAMAGED = 3,   /* everything readable was printed, then the file broke off */
};

typedef enum {
  FORMAT_TSV,
  FORMAT_JSON,
  FORMAT_TEXT,      /* explain only */
} Format;

/* The name in messages: the sub-commands change g_get_prgname() (so that
 * --help names them), not this. */
static const char *const prgname = "handshake-cli";

typedef struct
{
  char *addr[2];
} EndpointNames;

/* hs-cli.c: options, loading and the output the commands share */
/* --format: tsv or json, and text where `text_default` (then the default). */
gboolean        _hs_cli_parse_format         (const char  *text,
                                              gboolean     text_default,
                                              Format      *format);
/* Parses a command's options (--format, the command's own `extra` ones
 * and one FILE); returns the exit status to leave with, or -1 to go on.
 * With `text_default`, --format also takes text, the default. */
int             _hs_cli_parse_command        (int                 *argc,
                                              char              ***argv,
                                              const char          *parameters,
                                              const char          *summary,
                                              const char          *command,
                                              const GOptionEntry  *extra,
                                              gboolean             text_default,
                                              Format              *format);
/* Loads FILE, printing a one-line error on failure.  Unsupported link types
 * on every interface are an error too: there is nothing to analyse. */
HsCapture *     _hs_cli_load_capture         (const char *path);
/* After the output: report a damaged file and choose the exit code. */
int             _hs_cli_finish               (HsCapture *capture);
void            _hs_cli_format_flags         (guint  flags,
                                              char  *buf);
/* Alphabetical, comma-separated flag names; Fast and Spurious
 * retransmissions are retransmissions too, as in tshark's fields. */
void            _hs_cli_format_analysis      (guint  analysis,
                                              char  *buf);
void            _hs_cli_endpoint_names_fill  (EndpointNames      *names,
                                              const HsConnection *conn);
EndpointNames * _hs_cli_endpoint_names_new   (HsCapture *capture);
void            _hs_cli_endpoint_names_clear (gpointer data);
void            _hs_cli_endpoint_names_free  (EndpointNames *names,
                                              guint          n);
/* The options a side offered in its SYN: "MSS=1460,WS=7,SACK_PERM,TS",
 * "none", or "-" when its SYN was not captured. */
void            _hs_cli_format_options       (const HsEndpoint *ep,
                                              char             *buf,
                                              gsize             size);
void            _hs_cli_print_json_string    (const char *s);
/* The end of a table: JSON closes its array (`first_row` TRUE when no row
 * was printed). */
void            _hs_cli_print_rows_footer    (Format   format,
                                              gboolean first_row);

/* The commands, one file each */
int _hs_cli_cmd_analyze       (int    argc,
                               char **argv);
int _hs_cli_cmd_conversations (int    argc,
                               char **argv);
int _hs_cli_cmd_explain       (int    argc,
                               char **argv);
int _hs_cli_cmd_export        (int    argc,
                               char **argv);
int _hs_cli_cmd_capture       (int    argc,
                               char **argv);

/* hs-cli-analyze.c and hs-cli-conversations.c, for hs-cli-capture.c */
void _hs_cli_print_analyze_header       (Format format);
/* One row of `analyze` for packet `i` (nothing for a packet outside any
 * connection); `names` are the endpoint names by stream, `t0` the first
 * packet's time, `first_row` TRUE until a row was printed.  Frame numbers
 * are counted from `frame_base` (packets before the document's first). */
void _hs_cli_print_analyze_row          (HsCapture           *capture,
                                         const EndpointNames *names,
                                         guint                i,
                                         guint64              frame_base,
                                         gint64               t0,
                                         Format               format,
                                         gboolean            *first_row);
void _hs_cli_print_conversations_header (Format format);
/* One row of `conversations`; a JSON row is preceded by ",\n" unless
 * `first_row`, and not followed by a newline. */
void _hs_cli_print_conversation_row     (const HsConnection  *c,
                                         const EndpointNames *names,
                                         Format               format,
                                         gboolean             first_row);
/* The whole `conversations` table of `capture`. */
void _hs_cli_print_conversations        (HsCapture *capture,
                                         Format     format);

G_END_DECLS
