/* hs-window-actions.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hs-window-actions"

#include "config.h"

#include <glib/gi18n.h>

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
  g_autoptr(GFile) file = hs_application_dup_sample_file ();

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

void
_hs_window_actions_update (HsWindow *self)
{
  gboolean has_capture = self->capture != NULL;
  g_autoptr(GFile) sample = hs_application_dup_sample_file ();

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-sample", sample != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", _hs_window_is_loading (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-connection", has_capture);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-connection", has_capture);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", has_capture);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.anomalies-only", has_capture);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-anomaly", has_capture);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-anomaly", has_capture);
}

void
_hs_window_class_actions_init (HsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", NULL, open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.new-window", NULL, new_window_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, cancel_load_action);
  gtk_widget_class_install_action (widget_class, "win.next-connection", NULL, next_connection_action);
  gtk_widget_class_install_action (widget_class, "win.previous-connection", NULL, next_connection_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.anomalies-only", NULL, anomalies_only_action);
  gtk_widget_class_install_action (widget_class, "win.next-anomaly", NULL, next_anomaly_action);
  gtk_widget_class_install_action (widget_class, "win.previous-anomaly", NULL, next_anomaly_action);

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
}
