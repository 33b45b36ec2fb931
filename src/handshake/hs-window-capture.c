/* hs-window-capture.c — live capture in the window: the Capture page, the
 * capture bar, saving, and asking before unsaved packets are lost
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hs-window-capture"

#include "config.h"

#include <glib/gi18n.h>

#include "hs-format.h"
#include "hs-window-private.h"

typedef struct
{
  HsWindowThen   then;
  gpointer       data;
  GDestroyNotify destroy;
} Pending;

static void
pending_free (Pending *pending)
{
  if (pending->destroy != NULL)
    pending->destroy (pending->data);
  g_free (pending);
}

static void
clear_pending (HsWindow *self)
{
  g_clear_pointer (&self->pending, pending_free);
}

/* Runs what was waiting for the unsaved packets, if anything. */
static void
run_pending (HsWindow *self)
{
  Pending *pending = g_steal_pointer (&self->pending);

  if (pending == NULL)
    return;
  pending->then (self, pending->data);
  pending_free (pending);
}

/* The capture bar ----------------------------------------------------------- */

static char *
format_elapsed (gint64 us)
{
  gint64 s = MAX (us, 0) / G_USEC_PER_SEC;

  if (s >= 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", s / 3600, (int)(s / 60 % 60), (int)(s % 60));
  return g_strdup_printf ("%d:%02d", (int)(s / 60), (int)(s % 60));
}

/* Packets received but not in the document yet (paused). */
static guint64
waiting_packets (HsWindow          *self,
                 const HsLiveStats *stats)
{
  HsCapture *capture = hs_live_capture_get_capture (self->live);
  guint64 shown = capture != NULL ? hs_capture_get_n_packets (capture) : 0;

  shown += stats->discarded_ring;
  return stats->captured > shown ? stats->captured - shown : 0;
}

static void
update_title (HsWindow *self)
{
  const char *iface = hs_live_capture_get_interface (self->live);
  g_autofree char *title = NULL;

  if (hs_live_capture_is_running (self->live))
    /* Translators: the window title while capturing; %s is an interface name */
    title = g_strdup_printf (_("Capturing on %s"), iface);
  else
    /* Translators: the window title after capturing; %s is an interface name */
    title = g_strdup_printf (_("Captured on %s"), iface);

  adw_view_switcher_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
update_bar (HsWindow *self)
{
  HsLiveStats stats = { 0 };
  g_autofree char *captured = NULL;
  g_autofree char *kernel = NULL;
  g_autofree char *interface = NULL;
  g_autofree char *elapsed = NULL;
  GString *counts;
  const char *icon;
  const char *state_class;
  g_autofree char *state = NULL;
  gboolean running, paused;

  if (self->live == NULL)
    return;

  hs_live_capture_get_stats (self->live, &stats);
  running = hs_live_capture_is_running (self->live);
  paused = running && hs_live_capture_get_paused (self->live);

  if (paused)
    {
      guint64 waiting = waiting_packets (self, &stats);
      g_autofree char *n = hs_format_count (waiting);

      icon = "media-playback-pause-symbolic";
      state_class = "hs-paused";
      /* Translators: %s is a number of packets captured but not shown yet */
      state = g_strdup_printf (g_dngettext (NULL, "Paused — %s packet waiting",
                                            "Paused — %s packets waiting", waiting), n);
    }
  else if (running)
    {
      icon = "media-record-symbolic";
      state_class = "hs-recording";
      state = g_strdup (_("Capturing"));
    }
  else
    {
      icon = "media-playback-stop-symbolic";
      state_class = NULL;
      state = g_strdup (_("Stopped"));
    }

  gtk_image_set_from_icon_name (self->capture_state_icon, icon);
  gtk_widget_remove_css_class (GTK_WIDGET (self->capture_state_icon), "hs-recording");
  gtk_widget_remove_css_class (GTK_WIDGET (self->capture_state_icon), "hs-paused");
  if (state_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->capture_state_icon), state_class);
  gtk_label_set_text (self->capture_state_label, state);

  captured = hs_format_count (stats.captured);
  kernel = hs_format_count (stats.dropped_kernel);
  interface = hs_format_count (stats.dropped_interface);
  elapsed = format_elapsed (stats.elapsed_us);

  counts = g_string_new (NULL);
  /* Translators: the counters of the capture bar, joined by " · " */
  g_string_append_printf (counts, g_dngettext (NULL, "%s packet", "%s packets", stats.captured),
                          captured);
  g_string_append (counts, " · ");
  g_string_append_printf (counts, _("%s dropped by the kernel"), kernel);
  g_string_append (counts, " · ");
  g_string_append_printf (counts, _("%s dropped by the interface"), interface);
  if (stats.discarded_ring > 0)
    {
      g_autofree char *ring = hs_format_count (stats.discarded_ring);

      g_string_append (counts, " · ");
      g_string_append_printf (counts, _("%s left out by the ring buffer"), ring);
    }
  g_string_append (counts, " · ");
  g_string_append (counts, elapsed);
  gtk_label_set_text (self->capture_counts_label, counts->str);
  g_string_free (counts, TRUE);

  /* the toggle follows the capture without toggling it again */
  if (gtk_toggle_button_get_active (self->capture_pause_button) != paused)
    gtk_toggle_button_set_active (self->capture_pause_button, paused);
  gtk_button_set_label (GTK_BUTTON (self->capture_pause_button), paused ? _("_Resume") : _("_Pause"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->capture_pause_button),
                               paused ? _("Show the packets captured meanwhile and follow the capture again")
                                      : _("Freeze the views to study them; capturing goes on"));
}

static void
update_source (HsWindow *self)
{
  const char *filter = hs_live_capture_get_filter (self->live);
  g_autofree char *text = NULL;

  if (filter != NULL && filter[0] != 0)
    /* Translators: the capture bar: an interface name and its capture filter */
    text = g_strdup_printf (_("on %s · %s"), hs_live_capture_get_interface (self->live), filter);
  else
    /* Translators: the capture bar: an interface name, with no capture filter */
    text = g_strdup_printf (_("on %s · every packet"), hs_live_capture_get_interface (self->live));
  gtk_label_set_text (self->capture_source_label, text);
}

/* The capture ---------------------------------------------------------------- */

static void
show_live_capture (HsWindow *self)
{
  HsCapture *capture = hs_live_capture_get_capture (self->live);
  const char *spool = hs_live_capture_get_spool_path (self->live);
  g_autoptr(GFile) file = NULL;

  if (capture == NULL)
    return;

  file = g_file_new_for_path (spool != NULL ? spool : hs_live_capture_get_interface (self->live));
  _hs_window_set_capture (self, capture, file);
  update_title (self);
}

/* Saving needs a packet in the document (while paused, the waiting ones
 * are not in it yet). */
gboolean
_hs_window_can_save_capture (HsWindow *self)
{
  HsCapture *capture;

  if (self->live == NULL)
    return FALSE;
  capture = hs_live_capture_get_capture (self->live);
  return capture != NULL && hs_capture_get_n_packets (capture) > 0;
}

static void
on_live_updated (HsWindow *self)
{
  update_bar (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-capture",
                                 _hs_window_can_save_capture (self));
}

static void
on_live_capture_replaced (HsWindow *self)
{
  /* the ring buffer dropped the oldest packets: a new document */
  show_live_capture (self);
  update_bar (self);
  _hs_window_actions_update (self);
}

static void
on_live_paused (HsWindow *self)
{
  update_bar (self);
}

static void
on_live_stopped (HsWindow     *self,
                 const GError *error)
{
  update_bar (self);
  update_title (self);
  _hs_window_actions_update (self);

  if (error != NULL)
    {
      /* Translators: %s says why, e.g. the interface went away */
      g_autofree char *text = g_strdup_printf (_("The capture stopped: %s"), error->message);
      g_autofree char *markup = g_markup_escape_text (text, -1);
      AdwToast *toast = adw_toast_new (markup);

      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
}

void
_hs_window_drop_live (HsWindow *self)
{
  if (self->live == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->live, self);
  hs_live_capture_stop (self->live);
  g_clear_object (&self->live);
  if (self->capture_bar != NULL)
    gtk_revealer_set_reveal_child (self->capture_bar, FALSE);
  if (self->toast_overlay != NULL)
    _hs_window_actions_update (self);
}

static void
start_now (HsWindow *self,
           gpointer  data)
{
  HsCapturePage *page = self->capture_page;
  g_autoptr(HsLiveCapture) live = NULL;
  g_autoptr(GError) error = NULL;

  _hs_window_drop_live (self);

  live = hs_live_capture_new (hs_capture_page_get_interface (page));
  hs_live_capture_set_filter (live, hs_capture_page_get_filter (page));
  hs_live_capture_set_snaplen (live, hs_capture_page_get_snaplen (page));
  hs_live_capture_set_promiscuous (live, hs_capture_page_get_promiscuous (page));
  hs_live_capture_set_ring_buffer (live, hs_capture_page_get_ring_buffer (page));

  if (!hs_live_capture_start (live, &error))
    {
      hs_capture_page_set_error (page, error->message);
      return;
    }

  hs_capture_page_set_error (page, NULL);
  self->live = g_steal_pointer (&live);
  g_signal_connect_swapped (self->live, "updated", G_CALLBACK (on_live_updated), self);
  g_signal_connect_swapped (self->live, "stopped", G_CALLBACK (on_live_stopped), self);
  g_signal_connect_swapped (self->live, "notify::capture", G_CALLBACK (on_live_capture_replaced), self);
  g_signal_connect_swapped (self->live, "notify::paused", G_CALLBACK (on_live_paused), self);

  show_live_capture (self);
  update_source (self);
  update_bar (self);
  gtk_revealer_set_reveal_child (self->capture_bar, TRUE);
  _hs_window_actions_update (self);
}

void
_hs_window_start_capture (HsWindow *self)
{
  if (hs_capture_page_get_interface (self->capture_page) == NULL)
    return;

  _hs_window_confirm_unsaved (self, start_now, NULL, NULL);
}

void
_hs_window_show_capture_page (HsWindow *self)
{
  hs_capture_page_refresh (self->capture_page);
  hs_capture_page_set_error (self->capture_page, NULL);
  hs_capture_page_set_can_cancel (self->capture_page, self->capture != NULL);
  _hs_window_show_page (self, "live");
  adw_view_switcher_title_set_title (self->window_title, _("Capture from an Interface"));
  adw_view_switcher_title_set_subtitle (self->window_title, NULL);
}

static void
on_page_cancel (HsWindow *self)
{
  if (self->capture == NULL)
    return;

  _hs_window_show_page (self, "capture");
  if (self->live != NULL)
    show_live_capture (self);
  else if (self->file != NULL)
    {
      g_autofree char *name = g_file_get_basename (self->file);

      adw_view_switcher_title_set_title (self->window_title, name);
    }
}

void
_hs_window_stop_capture (HsWindow *self)
{
  if (self->live != NULL && hs_live_capture_is_running (self->live))
    hs_live_capture_stop (self->live);
}

void
_hs_window_set_capture_paused (HsWindow *self,
                               gboolean  paused)
{
  if (self->live != NULL && hs_live_capture_is_running (self->live))
    hs_live_capture_set_paused (self->live, paused);
  update_bar (self);
}

static void
on_pause_toggled (HsWindow *self)
{
  gboolean active = gtk_toggle_button_get_active (self->capture_pause_button);

  if (self->live != NULL && hs_live_capture_get_paused (self->live) != active)
    _hs_window_set_capture_paused (self, active);
}

gboolean
_hs_window_is_capturing (HsWindow *self)
{
  return self->live != NULL && hs_live_capture_is_running (self->live);
}

gboolean
_hs_window_has_unsaved (HsWindow *self)
{
  return self->live != NULL && hs_live_capture_has_unsaved (self->live);
}

/* Saving ---------------------------------------------------------------------- */

typedef struct
{
  HsWindow *window;
  GFile    *file;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_object_unref (data->window);
  g_object_unref (data->file);
  g_free (data);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SaveData *data = user_data;
  HsWindow *self = data->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_parse_name (data->file);

  if (hs_live_capture_save_finish (HS_LIVE_CAPTURE (object), result, &error))
    {
      g_autofree char *name = g_file_get_basename (data->file);
      /* Translators: %s is a file name */
      g_autofree char *text = g_strdup_printf (_("Saved the captured packets to %s"), name);
      g_autofree char *markup = g_markup_escape_text (text, -1);

      if (self->toast_overlay != NULL)
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
      save_data_free (data);
      run_pending (self);
      return;
    }

  clear_pending (self);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->toast_overlay != NULL)
    {
      GtkWidget *dialog;

      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Save the Capture"), NULL);
      /* Translators: the first %s is a file's path, the second says what went wrong */
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), _("Writing “%s” failed: %s"),
                                      path, error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  save_data_free (data);
}

void
_hs_window_save_capture (HsWindow     *self,
                         GFile        *file,
                         HsSaveFormat  format)
{
  SaveData *data;

  g_return_if_fail (G_IS_FILE (file));

  if (self->live == NULL)
    return;

  if (self->save_cancellable == NULL)
    self->save_cancellable = g_cancellable_new ();

  data = g_new0 (SaveData, 1);
  data->window = g_object_ref (self);
  data->file = g_object_ref (file);
  hs_live_capture_save_async (self->live, file, format, self->save_cancellable, save_cb, data);
}

void
_hs_window_save_capture_cancelled (HsWindow *self)
{
  clear_pending (self);
}

/* Asking before unsaved packets are lost ------------------------------------- */

static gboolean
run_pending_idle (gpointer user_data)
{
  run_pending (user_data);
  return G_SOURCE_REMOVE;
}

static void
on_unsaved_response (AdwMessageDialog *dialog,
                     const char       *response,
                     HsWindow         *self)
{
  if (g_str_equal (response, "save"))
    _hs_window_save_capture_dialog (self);
  else if (g_str_equal (response, "discard"))
    {
      _hs_window_drop_live (self);
      /* once the dialog is gone: what follows may close the window */
      g_idle_add_full (G_PRIORITY_DEFAULT, run_pending_idle, g_object_ref (self), g_object_unref);
    }
  else
    clear_pending (self);
}

void
_hs_window_confirm_unsaved (HsWindow       *self,
                            HsWindowThen    then,
                            gpointer        data,
                            GDestroyNotify  destroy)
{
  Pending *pending;
  GtkWidget *dialog;
  HsLiveStats stats = { 0 };
  g_autofree char *count = NULL;
  HsCapture *capture;
  guint n;

  if (!_hs_window_has_unsaved (self))
    {
      then (self, data);
      if (destroy != NULL)
        destroy (data);
      return;
    }

  /* a second question replaces the first one's plan */
  clear_pending (self);
  pending = g_new0 (Pending, 1);
  pending->then = then;
  pending->data = data;
  pending->destroy = destroy;
  self->pending = pending;

  hs_live_capture_get_stats (self->live, &stats);
  capture = hs_live_capture_get_capture (self->live);
  n = capture != NULL ? hs_capture_get_n_packets (capture) : 0;
  count = g_strdup_printf ("%'u", n);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save the Captured Packets?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  /* Translators: the first %s is a number of packets, the
                                   * second an interface name */
                                  g_dngettext (NULL,
                                               "The %s packet captured on %s has not been saved. "
                                               "If you do not save it, it is lost.",
                                               "The %s packets captured on %s have not been saved. "
                                               "If you do not save them, they are lost.", n),
                                  count, hs_live_capture_get_interface (self->live));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_unsaved_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Setup ----------------------------------------------------------------------- */

void
_hs_window_capture_init (HsWindow *self)
{
  g_signal_connect_swapped (self->capture_page, "start", G_CALLBACK (_hs_window_start_capture), self);
  g_signal_connect_swapped (self->capture_page, "cancel", G_CALLBACK (on_page_cancel), self);
  g_signal_connect_swapped (self->capture_pause_button, "toggled", G_CALLBACK (on_pause_toggled), self);
}

void
_hs_window_capture_dispose (HsWindow *self)
{
  clear_pending (self);
  if (self->save_cancellable != NULL)
    g_cancellable_cancel (self->save_cancellable);
  g_clear_object (&self->save_cancellable);
  _hs_window_drop_live (self);
}
