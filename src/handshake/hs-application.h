/* hs-application.h
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HS_TYPE_APPLICATION (hs_application_get_type ())

G_DECLARE_FINAL_TYPE (HsApplication, hs_application, HS, APPLICATION, AdwApplication)

HsApplication *hs_application_new             (void);
/* setlocale + bindtextdomain; HANDSHAKE_LOCALEDIR overrides the installed
 * locale directory (uninstalled runs and tests). */
void           hs_application_init_i18n       (void);
GSettings     *hs_application_get_settings    (HsApplication *self);
/* The bundled sample capture: the file HANDSHAKE_SAMPLE names if it is set,
 * else the installed one, else the source tree's when the program runs from
 * its build tree.  NULL, with `error` saying where it should be, if there is
 * none. */
GFile         *hs_application_dup_sample_file (GError       **error);
/* What the help action opens: "help:handshake" when the help is installed
 * where help viewers look for it (the XDG data folders), else the folder of
 * its pages: the installed one, or the source tree's when the program runs
 * from its build tree.  NULL, with `error` saying so, if there is none. */
char          *hs_application_dup_help_location (GError      **error);

G_END_DECLS
