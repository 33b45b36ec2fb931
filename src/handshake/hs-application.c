/* hs-application.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hs-application"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "hs-application.h"
#include "hs-window.h"

struct _HsApplication
{
  AdwApplication  parent_instance;
  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (HsApplication, hs_application, ADW_TYPE_APPLICATION)

void
hs_application_init_i18n (void)
{
  const char *localedir = g_getenv ("HANDSHAKE_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

GFile *
hs_application_dup_sample_file (void)
{
  const char *candidates[] = {
    g_getenv ("HANDSHAKE_SAMPLE"),
    PKGDATADIR "/sample.pcapng",
#if DEVELOPMENT_BUILD
    SOURCE_DATADIR "/sample.pcapng",
#endif
  };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      if (candidates[i] != NULL && g_file_test (candidates[i], G_FILE_TEST_IS_REGULAR))
        return g_file_new_for_path (candidates[i]);
    }

  return NULL;
}

static HsWindow *
find_empty_window (HsApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (HS_IS_WINDOW (l->data) && hs_window_is_empty (l->data))
        return l->data;
    }

  return NULL;
}

static void
hs_application_activate (GApplication *app)
{
  GtkWindow *window;

  g_assert (HS_IS_APPLICATION (app));

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    window = GTK_WINDOW (hs_window_new (HS_APPLICATION (app)));

  gtk_window_present (window);
}

static void
hs_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  HsApplication *self = HS_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      HsWindow *window = find_empty_window (self);

      if (window == NULL)
        window = hs_window_new (self);

      hs_window_open_file (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
hs_application_startup (GApplication *app)
{
  HsApplication *self = HS_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *help_accels[] = { "F1", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const struct {
    const char *action;
    const char *accel;
  } window_accels[] = {
    { "win.show-sidebar", "F9" },
    { "win.capture", "<Control>k" },
    { "win.save-capture", "<Control>s" },
    { "win.stop-capture", "<Control>e" },
    { "win.time-format::relative", "<Control>1" },
    { "win.time-format::absolute", "<Control>2" },
    { "win.time-format::delta", "<Control>3" },
    { "win.view::ladder", "<Alt>1" },
    { "win.view::packets", "<Alt>2" },
    { "win.view::graphs", "<Alt>3" },
  };

  G_APPLICATION_CLASS (hs_application_parent_class)->startup (app);

  g_set_application_name (_("Handshake"));

  self->settings = g_settings_new ("io.github.handshake.Handshake");

  gtk_window_set_default_icon_name (APP_ID);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.help", help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
  for (guint i = 0; i < G_N_ELEMENTS (window_accels); i++)
    {
      const char *accels[] = { window_accels[i].accel, NULL };

      gtk_application_set_accels_for_action (GTK_APPLICATION (app), window_accels[i].action, accels);
    }
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (app));

  /* closed, not destroyed: a window with unsaved captured packets asks
   * first (and may stay) */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static void
help_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  GtkApplication *app = user_data;

  gtk_show_uri (gtk_application_get_active_window (app), "help:handshake", GDK_CURRENT_TIME);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "The Handshake authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-icon", APP_ID,
                        "application-name", _("Handshake"),
                        "developer-name", _("The Handshake authors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("See what happened to each TCP connection of a capture: "
                                      "the handshake, the data, the teardown, and every "
                                      "retransmission, duplicate ACK and zero window, "
                                      "explained in plain words."),
                        "website", "https://github.com/handshake-app/handshake",
                        "issue-url", "https://github.com/handshake-app/handshake/issues",
                        "developers", developers,
                        /* Translators: your name(s), one per line */
                        "translator-credits", _("translator-credits"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Handshake authors",
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "help", help_activated },
  { "about", about_activated },
};

static void
hs_application_finalize (GObject *object)
{
  HsApplication *self = HS_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (hs_application_parent_class)->finalize (object);
}

static void
hs_application_class_init (HsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = hs_application_finalize;

  app_class->activate = hs_application_activate;
  app_class->open = hs_application_open;
  app_class->startup = hs_application_startup;
}

static void
hs_application_init (HsApplication *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
}

HsApplication *
hs_application_new (void)
{
  return g_object_new (HS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/handshake/Handshake",
                       NULL);
}

GSettings *
hs_application_get_settings (HsApplication *self)
{
  g_return_val_if_fail (HS_IS_APPLICATION (self), NULL);

  return self->settings;
}
