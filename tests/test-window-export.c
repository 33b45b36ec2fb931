/* test-window-export.c
 *
 * Exporting the ladder and the graphs from the window, and the export
 * dialogs.
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-window-util.h"

static gboolean
no_export_running (gpointer data)
{
  HsWindow *window = data;

  return window->exports_running == 0;
}

static gboolean
is_png (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  return g_file_get_contents (path, &contents, &len, NULL) && len > 8 &&
         memcmp (contents, "\x89PNG\r\n\x1a\n", 8) == 0;
}

typedef void (*ExportFunc) (HsWindow   *window,
                            const char *path,
                            gboolean    part,
                            gboolean    for_print);

/* The PNG an export wrote, read back. */
static GdkTexture *
load_exported_png (const char *path)
{
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;

  g_assert_true (is_png (path));
  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  return texture;
}

/* The SVG an export wrote: one that a reader draws.  Returns its text. */
static char *
load_exported_svg (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "<svg"));
  pixbuf = gdk_pixbuf_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), >, 0);
  return contents;
}

/* An export to a file that cannot be written: a toast, not a crash. */
static void
check_export_failure (HsWindow   *window,
                      ExportFunc  export,
                      const char *bad)
{
  export (window, bad, FALSE, FALSE);
  spin_until (no_export_running, window, 30000);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
}

void
test_ladder_export (void)
{
  g_autofree char *png = tmp_path ("ladder-export.png");
  g_autofree char *svg = tmp_path ("ladder-export.svg");
  g_autofree char *bad = tmp_path ("no-such-directory/ladder.png");
  g_autofree char *contents = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  HsWindow *window = open_ladder ();

  g_unlink (png);
  g_unlink (svg);

  hs_ladder_view_set_endpoint_name (window->ladder_view, 1, "Web server");

  /* the whole connection as on screen, and the part on screen for print */
  _hs_window_export_ladder (window, png, FALSE, FALSE);
  _hs_window_export_ladder (window, svg, TRUE, TRUE);
  g_assert_cmpuint (window->exports_running, ==, 2);
  spin_until (no_export_running, window, 30000);

  texture = load_exported_png (png);
  g_assert_cmpint (gdk_texture_get_width (texture), >=, (int)HS_LADDER_MIN_WIDTH);
  g_assert_cmpint (gdk_texture_get_height (texture), >, 41 * 10);

  contents = load_exported_svg (svg);
  g_assert_nonnull (strstr (contents, "Web server"));

  check_export_failure (window, _hs_window_export_ladder, bad);

  g_unlink (png);
  g_unlink (svg);
  close_window (window);
}

void
test_graph_export (void)
{
  g_autofree char *png = graph_tmp_path ("graph-export.png");
  g_autofree char *svg = graph_tmp_path ("graph-export.svg");
  g_autofree char *bad = tmp_path ("no-such-directory/graph.png");
  g_autofree char *contents = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  HsWindow *window = open_graphs ();
  double width, height;

  g_unlink (png);
  g_unlink (svg);
  graph_size (window, &width, &height);

  /* the whole connection as on screen, and the time range shown, for print */
  hs_graph_view_set_kind (window->graph_view, HS_GRAPH_TCPTRACE);
  _hs_window_export_graph (window, png, FALSE, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (window->graph_view), "graph.zoom-in", NULL);
  _hs_window_export_graph (window, svg, TRUE, TRUE);
  g_assert_cmpuint (window->exports_running, ==, 2);
  spin_until (no_export_running, window, 30000);

  texture = load_exported_png (png);
  /* as on screen: at least the size of the canvas */
  g_assert_cmpint (gdk_texture_get_width (texture), >=, (int)width);
  g_assert_cmpint (gdk_texture_get_height (texture), >=, (int)height);

  contents = load_exported_svg (svg);

  check_export_failure (window, _hs_window_export_graph, bad);

  g_unlink (png);
  g_unlink (svg);
  hs_graph_view_set_kind (window->graph_view, HS_GRAPH_WINDOW);
  close_window (window);
}

/* Export dialogs ------------------------------------------------------------ */

/* The file chooser a save dialog of `window` shows (GtkFileChooserNative's
 * own dialog, outside a sandbox). */
static GtkFileChooser *
find_save_dialog (HsWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not a new reference */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (toplevel) &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)) &&
          gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window))
        return GTK_FILE_CHOOSER (toplevel);
    }
  return NULL;
}

typedef struct
{
  GtkFileChooser *chooser;
  GFile          *folder;  /* NULL: any */
} FolderWait;

static gboolean
chooser_has_folder (gpointer data)
{
  FolderWait *wait = data;
  g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (wait->chooser);

  return folder != NULL && (wait->folder == NULL || g_file_equal (folder, wait->folder));
}

/* Opens the dialog of `action` in `folder`. */
static GtkFileChooser *
open_save_dialog (HsWindow   *window,
                  const char *action,
                  const char *folder)
{
  g_autoptr(GFile) dir = g_file_new_for_path (folder);
  g_autoptr(GError) error = NULL;
  GtkFileChooser *dialog;
  FolderWait folder_wait = { NULL, NULL };

  g_assert_null (find_save_dialog (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  dialog = find_save_dialog (window);
  g_assert_nonnull (dialog);
  folder_wait.chooser = dialog;
  /* the dialog shows its first folder (the current one), then ours */
  spin_until (chooser_has_folder, &folder_wait, 10000);
  gtk_file_chooser_set_current_folder (dialog, dir, &error);
  g_assert_no_error (error);
  folder_wait.folder = dir;
  spin_until (chooser_has_folder, &folder_wait, 10000);
  return dialog;
}

/* Picks the format named `name` in the dialog, as the user does in its
 * dropdown. */
static void
choose_format (GtkFileChooser *dialog,
               const char     *name)
{
  g_autoptr(GListModel) filters = gtk_file_chooser_get_filters (dialog);

  for (guint i = 0; i < g_list_model_get_n_items (filters); i++)
    {
      g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i);

      if (g_strcmp0 (gtk_file_filter_get_name (filter), name) == 0)
        {
          gtk_file_chooser_set_filter (dialog, filter);
          return;
        }
    }
  g_error ("no format “%s” in the dialog", name);
}

static void
assert_current_name (GtkFileChooser *dialog,
                     const char     *expected)
{
  g_autofree char *name = gtk_file_chooser_get_current_name (dialog);

  g_assert_cmpstr (name, ==, expected);
}

typedef struct
{
  HsWindow   *window;
  const char *path;
} Written;

static gboolean
export_written (gpointer data)
{
  Written *w = data;

  return find_save_dialog (w->window) == NULL && w->window->exports_running == 0 &&
         g_file_test (w->path, G_FILE_TEST_EXISTS);
}

/* Clicks Export and waits for the file `name` in `folder`: its path. */
static char *
accept_save_dialog (HsWindow       *window,
                    GtkFileChooser *dialog,
                    const char     *folder,
                    const char     *name)
{
  char *path = g_build_filename (folder, name, NULL);
  Written w = { window, path };

  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  spin_until (export_written, &w, 30000);
  return path;
}

static gboolean
is_pdf (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  return g_file_get_contents (path, &contents, &len, NULL) && len > 5 &&
         memcmp (contents, "%PDF-", 5) == 0;
}

static guint
count_files (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
remove_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      g_unlink (path);
    }
  g_rmdir (folder);
}

/* Choosing a format in an export dialog changes the file name's extension,
 * and the file written is in the format its name ends in. */
void
test_export_dialog (void)
{
  g_autofree char *folder = g_dir_make_tmp ("handshake-export-XXXXXX", NULL);
  g_autofree char *svg = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *png = NULL;
  g_autofree char *graph = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *graph_name = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkFileChooser *dialog;
  HsWindow *window = open_ladder ();

  g_assert_nonnull (folder);

  /* the format follows the dropdown, the name follows the format */
  dialog = open_save_dialog (window, "win.export-ladder", folder);
  assert_current_name (dialog, "sample-stream-0.png");
  choose_format (dialog, "SVG Image");
  assert_current_name (dialog, "sample-stream-0.svg");
  choose_format (dialog, "PDF Document");
  assert_current_name (dialog, "sample-stream-0.pdf");
  choose_format (dialog, "SVG Image");
  assert_current_name (dialog, "sample-stream-0.svg");
  svg = accept_save_dialog (window, dialog, folder, "sample-stream-0.svg");
  g_free (load_exported_svg (svg));
  g_assert_cmpuint (count_files (folder), ==, 1);

  /* an extension typed wins over the format chosen, and the file is in its format */
  dialog = open_save_dialog (window, "win.export-ladder", folder);
  choose_format (dialog, "SVG Image");
  gtk_file_chooser_set_current_name (dialog, "Typed.PDF");
  pdf = accept_save_dialog (window, dialog, folder, "Typed.PDF");
  g_assert_true (is_pdf (pdf));

  /* a name without a format's extension gets the chosen format's */
  dialog = open_save_dialog (window, "win.export-ladder", folder);
  choose_format (dialog, "PDF Document");
  choose_format (dialog, "PNG Image");
  gtk_file_chooser_set_current_name (dialog, "plain.txt");
  png = accept_save_dialog (window, dialog, folder, "plain.txt.png");
  texture = load_exported_png (png);
  g_assert_cmpuint (count_files (folder), ==, 3);
  close_window (window);

  /* the graph's dialog is the same */
  window = open_graphs ();
  graph_name = g_strconcat ("sample-stream-0-",
                            hs_graph_kind_to_name (hs_graph_view_get_kind (window->graph_view)),
                            NULL);
  dialog = open_save_dialog (window, "win.export-graph", folder);
  {
    g_autofree char *name = g_strconcat (graph_name, ".png", NULL);

    assert_current_name (dialog, name);
  }
  choose_format (dialog, "PDF Document");
  {
    g_autofree char *name = g_strconcat (graph_name, ".pdf", NULL);

    assert_current_name (dialog, name);
    graph = accept_save_dialog (window, dialog, folder, name);
  }
  g_assert_true (is_pdf (graph));
  g_assert_cmpuint (count_files (folder), ==, 4);

  /* Cancel writes nothing */
  dialog = open_save_dialog (window, "win.export-graph", folder);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_assert_null (find_save_dialog (window));
  spin_frames (2);
  g_assert_cmpuint (window->exports_running, ==, 0);
  g_assert_cmpuint (count_files (folder), ==, 4);

  close_window (window);
  remove_folder (folder);
}

static gboolean
recent_has_item (gpointer data)
{
  return gtk_recent_manager_has_item (gtk_recent_manager_get_default (), data);
}

/* The titles of the welcome page's recent captures, one a line. */
static char *
recent_titles (HsWindow *window)
{
  GString *titles = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (window->recent_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    g_string_append_printf (titles, "%s\n",
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  return g_string_free (titles, FALSE);
}

/* Exported pictures are not recent captures, though the file chooser adds
 * them to the recent files under our name. */
void
test_recent_no_exports (void)
{
  g_autofree char *folder = g_dir_make_tmp ("handshake-export-XXXXXX", NULL);
  g_autofree char *svg = NULL;
  g_autofree char *svg_uri = NULL;
  g_autofree char *png = NULL;
  g_autofree char *png_uri = NULL;
  g_autofree char *titles = NULL;
  g_autofree char *exec = g_strdup_printf ("%s %%u", g_get_prgname ());
  g_autoptr(GError) error = NULL;
  GtkRecentData data = { 0 };
  GtkFileChooser *dialog;
  HsWindow *window = open_ladder ();

  dialog = open_save_dialog (window, "win.export-ladder", folder);
  choose_format (dialog, "SVG Image");
  svg = accept_save_dialog (window, dialog, folder, "sample-stream-0.svg");
  svg_uri = g_filename_to_uri (svg, NULL, NULL);
  spin_until (recent_has_item, svg_uri, 5000);
  close_window (window);

  /* nor is any other file of another type that we are said to have used */
  png = g_build_filename (folder, "picture.png", NULL);
  g_file_set_contents (png, "\x89PNG\r\n\x1a\n", 8, &error);
  g_assert_no_error (error);
  png_uri = g_filename_to_uri (png, NULL, NULL);
  data.mime_type = (char *)"image/png";
  data.app_name = (char *)g_get_application_name ();
  data.app_exec = exec;
  g_assert_true (gtk_recent_manager_add_full (gtk_recent_manager_get_default (), png_uri, &data));
  spin_until (recent_has_item, png_uri, 5000);

  window = open_window (NULL);
  spin_until (recent_listed, window, 5000);
  titles = recent_titles (window);
  g_assert_nonnull (strstr (titles, "sample.pcapng\n"));
  g_assert_null (strstr (titles, ".svg"));
  g_assert_null (strstr (titles, ".png"));
  close_window (window);

  gtk_recent_manager_remove_item (gtk_recent_manager_get_default (), svg_uri, NULL);
  gtk_recent_manager_remove_item (gtk_recent_manager_get_default (), png_uri, NULL);
  remove_folder (folder);
}
