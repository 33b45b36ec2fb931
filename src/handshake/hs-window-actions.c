/* hs-window-actions.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hs-window-actions"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hs-export.h"
#include "hs-graph-export.h"
#include "hs-window-private.h"

static void
open_response (GtkNativeDialog *dialog,
               int              response,
               HsWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        hs_window_open_file (self, file);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

void
_hs_window_open_dialog (HsWindow *self)
{
  GtkFileChooserNative *native;
  GtkFileFilter *filter;

  native = gtk_file_chooser_native_new (_("Open a Capture"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Packet Captures (pcap, pcapng)"));
  gtk_file_filter_add_mime_type (filter, "application/vnd.tcpdump.pcap");
  gtk_file_filter_add_mime_type (filter, "application/x-pcapng");
  gtk_file_filter_add_suffix (filter, "pcap");
  gtk_file_filter_add_suffix (filter, "pcapng");
  gtk_file_filter_add_suffix (filter, "cap");
  gtk_file_filter_add_suffix (filter, "pcap.gz");
  gtk_file_filter_add_suffix (filter, "pcapng.gz");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (native), filter);
  g_object_unref (filter);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("All Files"));
  gtk_file_filter_add_pattern (filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_object_unref (filter);

  g_signal_connect (native, "response", G_CALLBACK (open_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  _hs_window_open_dialog (HS_WINDOW (widget));
}

static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  g_autoptr(GFile) file = hs_application_dup_sample_file (NULL);

  if (file != NULL)
    hs_window_open_file (HS_WINDOW (widget), file);
}

static void
new_window_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (widget));
  HsWindow *window = hs_window_new (HS_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
}

static void
cancel_load_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  _hs_window_cancel_load (HS_WINDOW (widget));
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  _hs_window_go_back (HS_WINDOW (widget));
}

static void
next_connection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  _hs_window_select_connection (HS_WINDOW (widget), g_str_equal (action_name, "win.next-connection") ? 1 : -1);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  _hs_window_focus_search (HS_WINDOW (widget));
}

static void
anomalies_only_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  HsWindow *self = HS_WINDOW (widget);
  gboolean active;

  g_object_get (self->packet_list, "anomalies-only", &active, NULL);
  g_object_set (self->packet_list, "anomalies-only", !active, NULL);
}

static void
next_anomaly_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  HsWindow *self = HS_WINDOW (widget);

  if (!hs_packet_list_select_anomaly (self->packet_list,
                                      g_str_equal (action_name, "win.next-anomaly") ? 1 : -1))
    gtk_widget_error_bell (widget);
}

/* Exporting the ladder and the graphs ---------------------------------------- */

/* Everything the export thread needs, copied: it never looks at the window. */
typedef struct
{
  HsCapture             *capture;
  guint                  stream;
  gboolean               graph;          /* graph_options, else options (the ladder's) */
  HsLadderExportOptions  options;
  HsGraphExportOptions   graph_options;
  char                  *names[2];
  char                  *path;
} ExportData;

static void
export_data_free (gpointer user_data)
{
  ExportData *data = user_data;

  g_clear_object (&data->capture);
  g_free (data->names[0]);
  g_free (data->names[1]);
  g_free (data->path);
  g_free (data);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  GError *error = NULL;
  gboolean done;

  if (data->graph)
    done = hs_graph_export (data->capture, data->stream, &data->graph_options, data->path, &error);
  else
    done = hs_ladder_export (data->capture, data->stream, &data->options, data->path, &error);

  if (done)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
export_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  HsWindow *self = HS_WINDOW (object);
  ExportData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_filename_display_basename (data->path);
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;
  AdwToast *toast;

  self->exports_running--;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (data->graph)
        /* Translators: %s is a file name */
        text = g_strdup_printf (_("Exported graph to %s"), name);
      else
        /* Translators: %s is a file name */
        text = g_strdup_printf (_("Exported ladder to %s"), name);
    }
  else if (data->graph)
    /* Translators: %s says what went wrong */
    text = g_strdup_printf (_("Could not export the graph: %s"), error->message);
  else
    /* Translators: %s says what went wrong */
    text = g_strdup_printf (_("Could not export the ladder: %s"), error->message);

  if (self->toast_overlay == NULL)
    return;

  /* a toast's title is markup */
  markup = g_markup_escape_text (text, -1);
  toast = adw_toast_new (markup);
  if (error != NULL)
    adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The part both exports fill alike: the capture (a reference, so the
 * thread keeps it when another is opened) and the file to write. */
static ExportData *
export_data_new (HsWindow   *self,
                 const char *path)
{
  ExportData *data = g_new0 (ExportData, 1);

  data->capture = g_object_ref (self->capture);
  data->path = g_strdup (path);
  return data;
}

/* Runs the export in a thread; export_done() reports it with a toast.  A
 * live document must be read on the main thread only (it grows there), so
 * its exports run here, between two batches. */
static void
start_export (HsWindow   *self,
              ExportData *data,
              gpointer    source_tag,
              const char *name)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, export_done, NULL);

  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, name);
  g_task_set_task_data (task, data, export_data_free);
  self->exports_running++;
  if (hs_capture_is_live (data->capture))
    export_thread (task, self, data, NULL);
  else
    g_task_run_in_thread (task, export_thread);
}

void
_hs_window_export_ladder (HsWindow   *self,
                          const char *path,
                          gboolean    visible_part,
                          gboolean    for_print)
{
  HsLadderLayout *layout = hs_ladder_view_get_layout (self->ladder_view);
  ExportData *data;
  guint first, last;

  g_return_if_fail (path != NULL);

  if (self->capture == NULL || layout == NULL)
    return;

  data = export_data_new (self, path);
  data->stream = hs_ladder_view_get_stream (self->ladder_view);

  hs_ladder_export_options_init (&data->options);
  data->options.mode = hs_ladder_view_get_mode (self->ladder_view);
  data->options.collapse = hs_ladder_view_get_collapse (self->ladder_view);
  if (visible_part && hs_ladder_view_get_visible_range (self->ladder_view, &first, &last))
    {
      data->options.first_pos = first;
      data->options.last_pos = last;
    }
  if (for_print)
    data->options.palette = HS_PALETTE_PRINT;
  else
    {
      data->options.palette = hs_ladder_view_is_dark (self->ladder_view) ? HS_PALETTE_DARK
                                                                          : HS_PALETTE_LIGHT;
      /* as wide as on screen; paper has its own default width */
      data->options.width = hs_ladder_layout_get_columns (layout)->width;
    }
  for (guint side = 0; side < 2; side++)
    {
      data->names[side] = g_strdup (hs_ladder_view_get_endpoint_name (self->ladder_view, side));
      data->options.names[side] = data->names[side];
    }

  start_export (self, data, _hs_window_export_ladder, "[handshake] export ladder");
}

void
_hs_window_export_graph (HsWindow   *self,
                         const char *path,
                         gboolean    shown_range,
                         gboolean    for_print)
{
  GtkWidget *canvas = hs_graph_view_get_canvas (self->graph_view);
  HsGraphKind kind = hs_graph_view_get_kind (self->graph_view);
  ExportData *data;
  gint64 t0, t1;

  g_return_if_fail (path != NULL);

  /* the export builds its own graph, in its thread, with the view's
   * settings: the view's may still be being built */
  if (self->capture == NULL || !hs_graph_view_has_connection (self->graph_view))
    return;

  data = export_data_new (self, path);
  data->stream = hs_graph_view_get_stream (self->graph_view);
  data->graph = TRUE;

  hs_graph_export_options_init (&data->graph_options);
  data->graph_options.kind = kind;
  switch (hs_graph_view_get_direction (self->graph_view))
    {
    case HS_GRAPH_VIEW_CLIENT_TO_SERVER:
      data->graph_options.directions = HS_GRAPH_DIR_0;
      break;
    case HS_GRAPH_VIEW_SERVER_TO_CLIENT:
      data->graph_options.directions = HS_GRAPH_DIR_1;
      break;
    case HS_GRAPH_VIEW_BOTH:
    default:
      /* the kind's default: both, or the time-sequence graphs' own */
      data->graph_options.directions = 0;
      break;
    }
  if (kind == HS_GRAPH_THROUGHPUT)
    data->graph_options.average_window_ns =
      (gint64)llround (hs_graph_view_get_average_window (self->graph_view) * 1e9);
  if (shown_range && hs_graph_view_get_time_range (self->graph_view, &t0, &t1))
    {
      data->graph_options.t0_ns = t0;
      data->graph_options.t1_ns = t1;
    }
  if (for_print)
    data->graph_options.palette = HS_PALETTE_PRINT;
  else
    {
      int width = gtk_widget_get_width (canvas);
      int height = gtk_widget_get_height (canvas);

      data->graph_options.palette = hs_graph_view_is_dark (self->graph_view) ? HS_PALETTE_DARK
                                                                              : HS_PALETTE_LIGHT;
      /* the size on screen, when it is a reasonable one; paper has its own */
      if (width >= 480 && height >= 300)
        {
          data->graph_options.width = width;
          data->graph_options.height = height;
        }
    }

  start_export (self, data, _hs_window_export_graph, "[handshake] export graph");
}

/* "sample-stream-0.png" for stream 0 of sample.pcapng; with a kind,
 * "sample-stream-0-tcptrace.png" */
static char *
default_export_name (HsWindow   *self,
                     guint       stream,
                     const char *kind)
{
  g_autofree char *base = self->file != NULL ? g_file_get_basename (self->file) : g_strdup ("capture");
  char *dot;

  if (g_str_has_suffix (base, ".gz"))
    base[strlen (base) - 3] = 0;
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = 0;

  if (kind != NULL)
    return g_strdup_printf ("%s-stream-%u-%s.png", base, stream, kind);
  return g_strdup_printf ("%s-stream-%u.png", base, stream);
}

/* Save dialogs ------------------------------------------------------------------ */

/* One filter per format, the first one chosen.  The file name's extension
 * follows the format: switching the format renames the file in the dialog,
 * and on Export the extension typed wins when it is one of the formats'
 * (the file is written in that format), else the chosen format's is added. */
typedef struct
{
  const char *name;
  const char *mime_type;
  const char *suffix;
} FileFormat;

typedef struct
{
  const FileFormat *formats;
  guint             n_formats;
  char             *proposed;  /* the name the dialog last put in the chooser */
} SaveDialog;

static void
save_dialog_free (gpointer data)
{
  SaveDialog *save = data;

  g_free (save->proposed);
  g_free (save);
}

/* The format whose extension `name` ends in (any case), or -1. */
static int
format_of_name (const SaveDialog *save,
                const char       *name)
{
  gsize len = strlen (name);

  for (guint i = 0; i < save->n_formats; i++)
    {
      gsize n = strlen (save->formats[i].suffix);

      if (len > n + 1 && name[len - n - 1] == '.' &&
          g_ascii_strcasecmp (name + len - n, save->formats[i].suffix) == 0)
        return i;
    }

  return -1;
}

/* The format of the chooser's filter, or the first one. */
static guint
format_of_filter (GtkFileChooser *chooser)
{
  GtkFileFilter *filter = gtk_file_chooser_get_filter (chooser);

  if (filter == NULL)
    return 0;
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (filter), "hs-format"));
}

/* `name` with the extension of `format` instead of a known one (or added). */
static char *
name_for_format (const SaveDialog *save,
                 const char       *name,
                 guint             format)
{
  int known = format_of_name (save, name);
  gsize stem = strlen (name);

  if (known >= 0)
    stem -= strlen (save->formats[known].suffix) + 1;
  return g_strdup_printf ("%.*s.%s", (int)stem, name, save->formats[format].suffix);
}

static void
propose_name (GtkFileChooser *chooser,
              SaveDialog     *save,
              const char     *name)
{
  g_free (save->proposed);
  save->proposed = g_strdup (name);
  gtk_file_chooser_set_current_name (chooser, name);
}

/* The user chose another format in the dialog: the name follows. */
static void
on_save_filter_changed (GtkFileChooser       *dialog,
                        GParamSpec           *pspec,
                        GtkFileChooserNative *native)
{
  SaveDialog *save = g_object_get_data (G_OBJECT (native), "hs-save-dialog");
  g_autofree char *name = gtk_file_chooser_get_current_name (dialog);
  g_autofree char *renamed = NULL;

  if (name == NULL || name[0] == 0)
    return;

  renamed = name_for_format (save, name, format_of_filter (dialog));
  if (!g_str_equal (name, renamed))
    propose_name (dialog, save, renamed);
}

/* A GtkFileChooserNative says nothing when the user picks another filter:
 * its own dialog does, when it is the one shown (outside a sandbox, where
 * no portal shows one of its own).  That is the visible file chooser
 * dialog transient for the window. */
static void
follow_filter_changes (GtkFileChooserNative *native)
{
  GtkWindow *parent = gtk_native_dialog_get_transient_for (GTK_NATIVE_DIALOG (native));
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not a new reference */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (toplevel) &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)) &&
          gtk_window_get_transient_for (toplevel) == parent)
        {
          g_signal_connect_object (toplevel, "notify::filter",
                                   G_CALLBACK (on_save_filter_changed), native, 0);
          return;
        }
    }
}

/* A modal save dialog with one filter per format, the first one chosen,
 * and `name` (with the first format's extension) proposed. */
static GtkFileChooserNative *
save_dialog_new (HsWindow         *self,
                 const char       *title,
                 const char       *accept,
                 const FileFormat *formats,
                 guint             n_formats,
                 const char       *name)
{
  GtkFileChooserNative *native;
  GtkFileChooser *chooser;
  SaveDialog *save;

  native = gtk_file_chooser_native_new (title, GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  chooser = GTK_FILE_CHOOSER (native);

  for (guint i = 0; i < n_formats; i++)
    {
      GtkFileFilter *filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(formats[i].name));
      gtk_file_filter_add_mime_type (filter, formats[i].mime_type);
      gtk_file_filter_add_suffix (filter, formats[i].suffix);
      g_object_set_data (G_OBJECT (filter), "hs-format", GUINT_TO_POINTER (i));
      gtk_file_chooser_add_filter (chooser, filter);
      if (i == 0)
        gtk_file_chooser_set_filter (chooser, filter);
      g_object_unref (filter);
    }

  save = g_new0 (SaveDialog, 1);
  save->formats = formats;
  save->n_formats = n_formats;
  g_object_set_data_full (G_OBJECT (native), "hs-save-dialog", save, save_dialog_free);
  propose_name (chooser, save, name);
  return native;
}

static void
save_dialog_show (GtkFileChooserNative *native)
{
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
  follow_filter_changes (native);
}

/* The file to write, with the extension of the format to write it in: the
 * one typed when it is a format's, else the chosen format's.  A portal's
 * dialog may not rename the file when its format changes: a name left as
 * proposed takes the chosen format's extension. */
static char *
save_dialog_get_path (GtkFileChooserNative *native)
{
  GtkFileChooser *chooser = GTK_FILE_CHOOSER (native);
  SaveDialog *save = g_object_get_data (G_OBJECT (native), "hs-save-dialog");
  g_autoptr(GFile) file = gtk_file_chooser_get_file (chooser);
  g_autoptr(GFile) parent = NULL;
  g_autofree char *name = NULL;
  g_autofree char *renamed = NULL;
  guint format = format_of_filter (chooser);
  int typed;

  if (file == NULL || g_file_peek_path (file) == NULL)
    return NULL;

  name = g_file_get_basename (file);
  typed = format_of_name (save, name);
  if (typed >= 0 && ((guint)typed == format || g_strcmp0 (name, save->proposed) != 0))
    return g_file_get_path (file);

  if (typed < 0)
    renamed = g_strdup_printf ("%s.%s", name, save->formats[format].suffix);
  else
    renamed = name_for_format (save, name, format);
  parent = g_file_get_parent (file);
  return g_build_filename (g_file_peek_path (parent), renamed, NULL);
}

static void
export_response (GtkNativeDialog *dialog,
                 int              response,
                 HsWindow        *self)
{
  GtkFileChooser *chooser = GTK_FILE_CHOOSER (dialog);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autofree char *path = save_dialog_get_path (GTK_FILE_CHOOSER_NATIVE (dialog));
      const char *range = gtk_file_chooser_get_choice (chooser, "range");
      const char *colours = gtk_file_chooser_get_choice (chooser, "colours");

      if (path != NULL && g_object_get_data (G_OBJECT (dialog), "hs-graph") != NULL)
        _hs_window_export_graph (self, path,
                                 g_strcmp0 (range, "shown") == 0,
                                 g_strcmp0 (colours, "print") == 0);
      else if (path != NULL)
        _hs_window_export_ladder (self, path,
                                  g_strcmp0 (range, "visible") == 0,
                                  g_strcmp0 (colours, "print") == 0);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

/* The one save dialog of both exports: the three formats (the file written
 * in the one its name ends in), and the choices of range (ids "whole" and
 * `part_id`) and colours ("screen", "print"). */
static void
show_export_chooser (HsWindow   *self,
                     const char *title,
                     const char *name,
                     const char *part_id,
                     const char *part_label,
                     gboolean    graph)
{
  static const FileFormat formats[] = {
    { N_("PNG Image"), "image/png", "png" },
    { N_("SVG Image"), "image/svg+xml", "svg" },
    { N_("PDF Document"), "application/pdf", "pdf" },
  };
  const char *range_ids[] = { "whole", part_id, NULL };
  const char *range_labels[] = { _("Whole connection"), part_label, NULL };
  const char *colour_ids[] = { "screen", "print", NULL };
  const char *colour_labels[] = { _("As on screen"), _("For printing"), NULL };
  GtkFileChooserNative *native;
  GtkFileChooser *chooser;

  native = save_dialog_new (self, title, _("_Export"), formats, G_N_ELEMENTS (formats), name);
  chooser = GTK_FILE_CHOOSER (native);

  gtk_file_chooser_add_choice (chooser, "range", _("Range"), range_ids, range_labels);
  gtk_file_chooser_set_choice (chooser, "range", "whole");
  gtk_file_chooser_add_choice (chooser, "colours", _("Colours"), colour_ids, colour_labels);
  gtk_file_chooser_set_choice (chooser, "colours", "screen");
  if (graph)
    g_object_set_data (G_OBJECT (native), "hs-graph", GINT_TO_POINTER (TRUE));

  g_signal_connect (native, "response", G_CALLBACK (export_response), g_object_ref (self));
  save_dialog_show (native);
}

void
_hs_window_export_dialog (HsWindow *self)
{
  g_autofree char *name = NULL;

  if (hs_ladder_view_get_layout (self->ladder_view) == NULL)
    return;

  name = default_export_name (self, hs_ladder_view_get_stream (self->ladder_view), NULL);
  show_export_chooser (self, _("Export the Ladder"), name, "visible", _("Visible part"), FALSE);
}

void
_hs_window_export_graph_dialog (HsWindow *self)
{
  g_autofree char *name = NULL;

  if (!hs_graph_view_has_connection (self->graph_view))
    return;

  name = default_export_name (self, hs_graph_view_get_stream (self->graph_view),
                              hs_graph_kind_to_name (hs_graph_view_get_kind (self->graph_view)));
  show_export_chooser (self, _("Export the Graph"), name, "shown", _("Shown time range"), TRUE);
}

static void
export_ladder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  _hs_window_export_dialog (HS_WINDOW (widget));
}

static void
export_graph_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  _hs_window_export_graph_dialog (HS_WINDOW (widget));
}

/* Saving a live capture --------------------------------------------------------- */

static void
save_capture_response (GtkNativeDialog *dialog,
                       int              response,
                       HsWindow        *self)
{
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    path = save_dialog_get_path (GTK_FILE_CHOOSER_NATIVE (dialog));

  if (path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      _hs_window_save_capture (self, file, g_str_has_suffix (path, ".pcap") ? HS_SAVE_FORMAT_PCAP
                                                                             : HS_SAVE_FORMAT_PCAPNG);
    }
  else
    _hs_window_save_capture_cancelled (self);

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

void
_hs_window_save_capture_dialog (HsWindow *self)
{
  static const FileFormat formats[] = {
    { N_("pcapng Capture"), "application/x-pcapng", "pcapng" },
    { N_("pcap Capture (for older tools)"), "application/vnd.tcpdump.pcap", "pcap" },
  };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");
  g_autofree char *name = NULL;
  GtkFileChooserNative *native;

  if (self->live == NULL)
    return;

  /* "capture-lo-2026-05-01-143000.pcapng" */
  name = g_strdup_printf ("capture-%s-%s.pcapng", hs_live_capture_get_interface (self->live), stamp);
  native = save_dialog_new (self, _("Save the Captured Packets"), _("_Save"),
                            formats, G_N_ELEMENTS (formats), name);

  g_signal_connect (native, "response", G_CALLBACK (save_capture_response), g_object_ref (self));
  save_dialog_show (native);
}

static void
capture_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  _hs_window_show_capture_page (HS_WINDOW (widget));
}

static void
save_capture_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  _hs_window_save_capture_dialog (HS_WINDOW (widget));
}

static void
stop_capture_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  _hs_window_stop_capture (HS_WINDOW (widget));
}

/* The sample's button is disabled when there is no sample: it says why,
 * under the pointer and under the buttons. */
static void
update_sample (HsWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) sample = hs_application_dup_sample_file (&error);
  const char *why = error != NULL ? error->message : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-sample", sample != NULL);
  if (g_strcmp0 (gtk_widget_get_tooltip_text (self->sample_button), why) != 0)
    {
      gtk_widget_set_tooltip_text (self->sample_button, why);
      gtk_label_set_text (self->sample_status, why != NULL ? why : "");
      gtk_widget_set_visible (GTK_WIDGET (self->sample_status), why != NULL);
    }
}

void
_hs_window_actions_update (HsWindow *self)
{
  gboolean has_capture = self->capture != NULL;

  update_sample (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", _hs_window_is_loading (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-back", _hs_window_can_go_back (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-connection", has_capture);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-connection", has_capture);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", has_capture);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.anomalies-only", has_capture);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-anomaly", has_capture);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-anomaly", has_capture);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-ladder",
                                 has_capture && hs_ladder_view_get_layout (self->ladder_view) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-graph",
                                 has_capture && hs_graph_view_has_connection (self->graph_view));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-capture", _hs_window_can_save_capture (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.stop-capture", _hs_window_is_capturing (self));
  if (self->capture_pause_button != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->capture_pause_button), _hs_window_is_capturing (self));
}

void
_hs_window_class_actions_init (HsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", NULL, open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.new-window", NULL, new_window_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, cancel_load_action);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.next-connection", NULL, next_connection_action);
  gtk_widget_class_install_action (widget_class, "win.previous-connection", NULL, next_connection_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.anomalies-only", NULL, anomalies_only_action);
  gtk_widget_class_install_action (widget_class, "win.next-anomaly", NULL, next_anomaly_action);
  gtk_widget_class_install_action (widget_class, "win.previous-anomaly", NULL, next_anomaly_action);
  gtk_widget_class_install_action (widget_class, "win.export-ladder", NULL, export_ladder_action);
  gtk_widget_class_install_action (widget_class, "win.export-graph", NULL, export_graph_action);
  gtk_widget_class_install_action (widget_class, "win.capture", NULL, capture_action);
  gtk_widget_class_install_action (widget_class, "win.save-capture", NULL, save_capture_action);
  gtk_widget_class_install_action (widget_class, "win.stop-capture", NULL, stop_capture_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-window", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "win.next-connection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "win.previous-connection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.anomalies-only", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_period, GDK_CONTROL_MASK, "win.next-anomaly", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.previous-anomaly", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel-load", NULL);
  /* one of the two is enabled at a time, on the loading and error pages */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.go-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.go-back", NULL);
}
