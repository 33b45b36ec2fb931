/* hs-app-summary-private.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hs-decoder.h"

G_BEGIN_DECLS

/* What hs-app-summary.c lends the explanation's files: TLS record and
 * handshake names, tshark's TLS and HTTP Info texts. */

/* What the application part of the Info column does with the TCP line. */
typedef enum
{
  APP_NONE,          /* keep the TCP line */
  APP_SET,           /* replaces the TCP line (HTTP) */
  APP_APPEND,        /* replaces it, after ", " when there is an analysis prefix (TLS) */
  APP_REASSEMBLED,   /* "[TCP segment of a reassembled PDU]" */
  APP_CONTINUED,     /* the TCP line, then " [TCP segment of a reassembled PDU]" */
} AppInfo;

/* hs-app-summary.c */
gboolean     _hs_tls_record_header_ok  (const guint8 *p,
                                        gsize         len);
const char  *_hs_tls_handshake_name    (guint8 type);
gboolean     _hs_tls_handshake_plain   (const guint8 *body,
                                        guint         len);
void         _hs_tls_record_names      (const guint8 *rec,
                                        GString      *names);
guint        _hs_tls_info_names        (const guint8 *payload,
                                        gsize         len,
                                        GString      *names);
gboolean     _hs_app_tag_is_tls        (guint app);
char        *_hs_http_header           (const char *headers,
                                        gsize       len,
                                        const char *name);
gboolean     _hs_http_chunked_complete (const guint8 *body,
                                        gsize         len);
AppInfo      _hs_http_info             (const guint8 *payload,
                                        gsize         len,
                                        gboolean      response,
                                        gboolean      reassembled,
                                        GString      *out);
const char  *_hs_tls_version_name      (guint version);
const char  *_hs_tls_content_name      (guint8 type);

G_END_DECLS
