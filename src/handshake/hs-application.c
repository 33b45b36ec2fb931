/* hs-application.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hs-application"

#include "config.h"

#include <locale.h>
#include <stdlib.h>

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

/* Whether this program runs from the build tree, not installed: its
 * executable is in it (the tests' too). */
static gboolean
running_uninstalled (void)
{
  static gsize result = 0;

  if (g_once_init_enter (&result))
    {
      g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
      char *root = realpath (BUILD_ROOT, NULL);
      g_autofree char *prefix = root != NULL ? g_strconcat (root, "/", NULL) : NULL;

      free (root);
      g_once_init_leave (&result, exe != NULL && prefix != NULL && g_str_has_prefix (exe, prefix)
                                  ? 2 : 1);
    }

  return result == 2;
}

GFile *
hs_application_dup_sample_file (GError **error)
{
  const char *env = g_getenv ("HANDSHAKE_SAMPLE");
  const char *installed = PKGDATADIR "/sample.pcapng";
  const char *source = SOURCE_DATADIR "/sample.pcapng";
  g_autofree char *name = NULL;

  if (env != NULL && env[0] != 0)
    {
      if (g_file_test (env, G_FILE_TEST_IS_REGULAR))
        return g_file_new_for_path (env);

      name = g_filename_display_name (env);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   /* Translators: %s is a file name */
                   _("The sample capture is missing: HANDSHAKE_SAMPLE names “%s”, "
                     "which is not a file."), name);
      return NULL;
    }

  /* run from the build tree: the sources' own */
  if (running_uninstalled () && g_file_test (source, G_FILE_TEST_IS_REGULAR))
    return g_file_new_for_path (source);
  if (g_file_test (installed, G_FILE_TEST_IS_REGULAR))
    return g_file_new_for_path (installed);

  name = g_filename_display_name (installed);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               /* Translators: %s is a file name */
               _("The sample capture is not installed: it belongs in “%s”."), name);
  return NULL;
}

static gboolean
has_help_pages (const char *dir)
{
  g_autofree char *index = g_build_filename (dir, "index.page", NULL);

  return g_file_test (index, G_FILE_TEST_IS_REGULAR);
}

char *
hs_application_dup_help_location (GError **error)
{
  const char * const *data_dirs = g_get_system_data_dirs ();
  g_autofree char *user = g_build_filename (g_get_user_data_dir (), "help", "C", "handshake", NULL);
  g_autofree char *name = NULL;

  /* run from the build tree: the pages of these sources */
  if (running_uninstalled () && has_help_pages (SOURCE_HELPDIR))
    return g_strdup (SOURCE_HELPDIR);

  /* where help viewers look for "help:" URIs */
  if (has_help_pages (user))
    return g_strdup ("help:handshake");
  for (guint i = 0; data_dirs[i] != NULL; i++)
    {
      g_autofree char *dir = g_build_filename (data_dirs[i], "help", "C", "handshake", NULL);

      if (has_help_pages (dir))
        return g_strdup ("help:handshake");
    }

  /* installed in a prefix that is not one of them */
  if (has_help_pages (HELPDIR))
    return g_strdup (HELPDIR);

  name = g_filename_display_name (HELPDIR);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               /* Translators: %s is a folder */
               _("The help is not installed: its pages belong in “%s”."), name);
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
show_help_error (GtkWindow  *parent,
                 const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, _("Cannot Show the Help"), message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
help_shown (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GtkWindow) parent = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (gtk_show_uri_full_finish (parent, result, &error))
    return;

  message = g_strdup_printf (_("No help viewer could open “%s” (%s). Yelp, the GNOME help viewer, "
                               "shows it: install the “yelp” package."),
                             "help:handshake", error->message);
  show_help_error (parent, message);
}

/* The help of an uninstalled program, or of one installed where help
 * viewers do not look, is a folder of pages: Yelp opens it by its path. */
static void
show_help_folder (GtkWindow  *parent,
                  const char *folder)
{
  g_autofree char *yelp = g_find_program_in_path ("yelp");
  g_autofree char *name = g_filename_display_name (folder);
  g_autofree char *commandline = NULL;
  g_autoptr(GAppInfo) info = NULL;
  g_autoptr(GAppLaunchContext) context = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autoptr(GError) error = NULL;
  GList files = { file, NULL, NULL };

  if (yelp == NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is a folder */
      message = g_strdup_printf (_("Yelp, the GNOME help viewer, is not installed: install the "
                                   "“yelp” package to read the help. Its pages are in “%s”."),
                                 name);
      show_help_error (parent, message);
      return;
    }

  commandline = g_shell_quote (yelp);
  info = g_app_info_create_from_commandline (commandline, "Yelp", G_APP_INFO_CREATE_NONE, &error);
  if (info != NULL)
    {
      GdkDisplay *display = parent != NULL ? gtk_widget_get_display (GTK_WIDGET (parent))
                                           : gdk_display_get_default ();

      context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (display));
      if (g_app_info_launch (info, &files, context, &error))
        return;
    }

  show_help_error (parent, error->message);
}

static void
help_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  GtkApplication *app = user_data;
  GtkWindow *window = gtk_application_get_active_window (app);
  g_autoptr(GError) error = NULL;
  g_autofree char *location = hs_application_dup_help_location (&error);

  if (location == NULL)
    show_help_error (window, error->message);
  else if (g_str_has_prefix (location, "help:"))
    gtk_show_uri_full (window, location, GDK_CURRENT_TIME, NULL, help_shown,
                       window != NULL ? g_object_ref (window) : NULL);
  else
    show_help_folder (window, location);
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
