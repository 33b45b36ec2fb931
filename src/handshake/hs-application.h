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
/* The bundled sample capture (installed, or in the source tree for an
 * uninstalled development build), or NULL if neither exists. */
GFile         *hs_application_dup_sample_file (void);

G_END_DECLS
