/* main.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "handshake"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "hs-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(HsApplication) app = NULL;

  hs_application_init_i18n ();

  app = hs_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
