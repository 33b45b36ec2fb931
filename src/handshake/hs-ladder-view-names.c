/* hs-ladder-view-names.c — the names the user gives the lifelines, the rename dialog
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hs-ladder-view"

#include "config.h"

#include <glib/gi18n.h>

#include "hs-ladder-view-private.h"

void
_hs_ladder_view_endpoint_names_free (gpointer data)
{
  EndpointNames *names = data;

  g_free (names->name[0]);
  g_free (names->name[1]);
  g_free (names);
}

void
_hs_ladder_view_apply_names (HsLadderView *self)
{
  EndpointNames *names = g_hash_table_lookup (self->names, GUINT_TO_POINTER (self->follower.stream));

  for (guint side = 0; side < 2; side++)
    hs_ladder_layout_set_endpoint_name (self->layout, side, names != NULL ? names->name[side] : NULL);
}

static void
on_rename_response (AdwMessageDialog *dialog,
                    const char       *response,
                    HsLadderView     *self)
{
  guint stream = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "hs-stream"));

  if (stream != self->follower.stream || self->layout == NULL)
    return;

  for (guint side = 0; side < 2; side++)
    {
      const char *key = side == 0 ? "hs-entry-0" : "hs-entry-1";
      GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), key);
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

      if (g_str_equal (response, "reset"))
        hs_ladder_view_set_endpoint_name (self, side, NULL);
      else if (g_str_equal (response, "rename"))
        hs_ladder_view_set_endpoint_name (self, side, text[0] != 0 ? text : NULL);
    }
}

void
_hs_ladder_view_rename_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  HsLadderView *self = HS_LADDER_VIEW (widget);
  const HsConnection *conn;
  GtkWidget *dialog;
  GtkWidget *list;
  GtkWidget *first_entry = NULL;

  if (self->layout == NULL)
    return;

  conn = hs_capture_get_connection (self->follower.capture, self->follower.stream);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Rename Endpoints"),
                                   _("Names of your own replace the addresses on the lifelines of this "
                                     "connection, on screen and in exports, while the capture is open. "
                                     "Leave a name empty to show the address."));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  for (guint side = 0; side < 2; side++)
    {
      g_autofree char *address = hs_connection_dup_endpoint (conn, side);
      g_autofree char *title = NULL;
      const char *name = hs_ladder_view_get_endpoint_name (self, side);
      GtkWidget *row = adw_entry_row_new ();

      title = g_strdup_printf (side == 0
                               /* Translators: %s is an address and port, "192.0.2.1:51234" */
                               ? _("Left lifeline, %s")
                               /* Translators: %s is an address and port, "192.0.2.1:51234" */
                               : _("Right lifeline, %s"),
                               address);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_editable_set_text (GTK_EDITABLE (row), name != NULL ? name : "");
      adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_object_set_data (G_OBJECT (dialog), side == 0 ? "hs-entry-0" : "hs-entry-1", row);
      if (first_entry == NULL)
        first_entry = row;
    }

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "reset", _("_Show Addresses"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "hs-stream", GUINT_TO_POINTER (self->follower.stream));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_rename_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (first_entry);
}

const char *
hs_ladder_view_get_endpoint_name (HsLadderView *self,
                                  guint         side)
{
  EndpointNames *names;

  g_return_val_if_fail (HS_IS_LADDER_VIEW (self), NULL);
  g_return_val_if_fail (side < 2, NULL);

  names = g_hash_table_lookup (self->names, GUINT_TO_POINTER (self->follower.stream));
  return names != NULL ? names->name[side] : NULL;
}

void
hs_ladder_view_set_endpoint_name (HsLadderView *self,
                                  guint         side,
                                  const char   *name)
{
  EndpointNames *names;

  g_return_if_fail (HS_IS_LADDER_VIEW (self));
  g_return_if_fail (side < 2);

  if (self->layout == NULL)
    return;

  names = g_hash_table_lookup (self->names, GUINT_TO_POINTER (self->follower.stream));
  if (names == NULL)
    {
      names = g_new0 (EndpointNames, 1);
      g_hash_table_insert (self->names, GUINT_TO_POINTER (self->follower.stream), names);
    }

  if (name != NULL && name[0] == 0)
    name = NULL;
  g_free (names->name[side]);
  names->name[side] = g_strdup (name);
  if (names->name[0] == NULL && names->name[1] == NULL)
    g_hash_table_remove (self->names, GUINT_TO_POINTER (self->follower.stream));

  _hs_ladder_view_apply_names (self);
  _hs_ladder_view_redraw_all (self);
}
