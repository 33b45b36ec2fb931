/* hs-capture-page.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hs-capture-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "hs-capture-page-private.h"
#include "hs-live-capture.h"

#define SETTINGS_SCHEMA "io.github.handshake.Handshake"
#define MAX_RECENT_FILTERS 10

struct _HsCapturePage
{
  GtkWidget        parent_instance;

  GSettings       *settings;
  GPtrArray       *checks;         /* GtkCheckButton, one per interface */
  char            *interface;      /* the chosen one */
  char            *filter;         /* stripped */
  char            *filter_error;
  guint            can_cancel : 1;
  guint            restoring : 1;
  guint            listed : 1;

  /* template children */
  GtkListBox      *interface_list;
  AdwEntryRow     *filter_row;
  GtkMenuButton   *recent_button;
  GMenu           *recent_section;
  GtkLabel        *filter_error_label;
  GtkSpinButton   *snaplen_spin;
  GtkSwitch       *promiscuous_switch;
  AdwExpanderRow  *ring_row;
  GtkSpinButton   *ring_spin;
  GtkLabel        *error_label;
  GtkWidget       *cancel_button;
  GtkWidget       *start_button;
};

G_DEFINE_FINAL_TYPE (HsCapturePage, hs_capture_page, GTK_TYPE_WIDGET)

enum {
  START,
  CANCEL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_actions (HsCapturePage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "capture-page.start",
                                 hs_capture_page_can_start (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "capture-page.cancel", self->can_cancel);
  gtk_widget_set_visible (self->cancel_button, self->can_cancel);
}

/* The filter ------------------------------------------------------------- */

static void
check_filter (HsCapturePage *self)
{
  g_autoptr(GError) error = NULL;
  int linktype = 1;  /* DLT_EN10MB */

  g_clear_pointer (&self->filter_error, g_free);
  /* an empty filter is valid on any interface: do not open one to know */
  if (self->filter != NULL && self->filter[0] != 0)
    {
      if (self->interface != NULL)
        linktype = hs_live_interface_get_linktype (self->interface);
      if (!hs_live_check_filter (self->filter, linktype, hs_capture_page_get_snaplen (self), &error))
        self->filter_error = g_strdup (error->message);
    }

  if (self->filter_error != NULL)
    {
      /* Translators: %s is libpcap's message, such as "syntax error" */
      g_autofree char *text = g_strdup_printf (_("This filter does not work: %s"),
                                               self->filter_error);

      gtk_label_set_text (self->filter_error_label, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->filter_row), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->filter_row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->filter_row), "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->filter_row), GTK_ACCESSIBLE_STATE_INVALID);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->filter_error_label), self->filter_error != NULL);
  update_actions (self);
}

static void
on_filter_changed (HsCapturePage *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->filter_row)));

  g_free (self->filter);
  self->filter = g_strdup (g_strstrip (text));
  check_filter (self);
}

static void
update_recent_menu (HsCapturePage *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-capture-filters");
  guint n = 0;

  g_menu_remove_all (self->recent_section);
  for (guint i = 0; recent[i] != NULL && n < MAX_RECENT_FILTERS; i++)
    {
      g_autoptr(GMenuItem) item = NULL;
      g_auto(GStrv) parts = NULL;
      g_autofree char *label = NULL;

      if (recent[i][0] == 0)
        continue;
      /* menu labels take mnemonics: show underscores as they are */
      parts = g_strsplit (recent[i], "_", -1);
      label = g_strjoinv ("__", parts);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "capture-page.use-filter", "s", recent[i]);
      g_menu_append_item (self->recent_section, item);
      n++;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->recent_button), n > 0);
}

/* The filter goes first in the recent filters, once. */
static void
remember_filter (HsCapturePage *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-capture-filters");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  if (self->filter == NULL || self->filter[0] == 0)
    return;

  g_strv_builder_add (builder, self->filter);
  for (guint i = 0; recent[i] != NULL && n < MAX_RECENT_FILTERS; i++)
    {
      if (g_str_equal (recent[i], self->filter) || recent[i][0] == 0)
        continue;
      g_strv_builder_add (builder, recent[i]);
      n++;
    }
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-capture-filters", (const char * const *)updated);
}

static void
use_filter_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  HsCapturePage *self = HS_CAPTURE_PAGE (widget);

  hs_capture_page_set_filter (self, g_variant_get_string (param, NULL));
  gtk_widget_grab_focus (GTK_WIDGET (self->filter_row));
}

/* The interfaces --------------------------------------------------------- */

static char *
describe_interface (const HsLiveInterface *iface)
{
  GString *text = g_string_new (NULL);

  if (iface->description != NULL && iface->description[0] != 0)
    g_string_append (text, iface->description);

  if (iface->addresses != NULL && iface->addresses[0] != NULL)
    {
      g_autofree char *addresses = g_strjoinv (", ", iface->addresses);

      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append (text, addresses);
    }
  else if (text->len == 0)
    g_string_append (text, _("No addresses"));

  return g_string_free (text, FALSE);
}

static GtkWidget *
tag_new (const char *text,
         const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "hs-tag");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
on_interface_toggled (GtkCheckButton *check,
                      HsCapturePage  *self)
{
  const char *name = g_object_get_data (G_OBJECT (check), "hs-interface");

  if (!gtk_check_button_get_active (check) || g_strcmp0 (name, self->interface) == 0)
    return;

  g_free (self->interface);
  self->interface = g_strdup (name);
  if (!self->restoring)
    g_settings_set_string (self->settings, "capture-interface", name);
  /* the link type may differ: check the filter again */
  check_filter (self);
}

static GtkWidget *
interface_row_new (const HsLiveInterface *iface,
                   GtkCheckButton       **group)
{
  g_autofree char *subtitle = describe_interface (iface);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  const char *state;
  const char *state_class;
  g_autofree char *state_tip = NULL;
  GtkWidget *tag;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), iface->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  if (*group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), *group);
  else
    *group = GTK_CHECK_BUTTON (check);
  g_object_set_data_full (G_OBJECT (check), "hs-interface", g_strdup (iface->name), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  iface->name, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_object_set_data (G_OBJECT (row), "hs-check", check);

  if (iface->loopback)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               tag_new (C_("interface", "Loopback"), "hs-tag-loopback"));
  if (iface->wireless)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag_new (C_("interface", "Wireless"), NULL));

  if (iface->up && iface->running)
    {
      state = C_("interface", "Up");
      state_class = "hs-tag-up";
      state_tip = g_strdup (_("The interface is up and connected"));
    }
  else if (iface->up)
    {
      state = C_("interface", "No Link");
      state_class = "hs-tag-down";
      state_tip = g_strdup (_("The interface is up but not connected: it carries no packets"));
    }
  else
    {
      state = C_("interface", "Down");
      state_class = "hs-tag-down";
      state_tip = g_strdup (_("The interface is down: it carries no packets"));
    }
  tag = tag_new (state, state_class);
  gtk_widget_set_tooltip_text (tag, state_tip);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);

  if (!(iface->up && iface->running))
    gtk_widget_add_css_class (row, "hs-interface-down");

  return row;
}

static GtkCheckButton *
find_check (HsCapturePage *self,
            const char    *name)
{
  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (check), "hs-interface"), name) == 0)
        return check;
    }
  return NULL;
}

void
hs_capture_page_refresh (HsCapturePage *self)
{
  g_autoptr(GPtrArray) interfaces = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wanted = NULL;
  GtkCheckButton *group = NULL;
  GtkCheckButton *check = NULL;
  GtkWidget *child;
  GtkWidget *others = NULL;
  const char *first_up = NULL;
  guint n_others = 0;

  g_return_if_fail (HS_IS_CAPTURE_PAGE (self));

  if (self->checks == NULL)
    return;
  self->listed = TRUE;
  wanted = self->interface != NULL ? g_strdup (self->interface)
                                   : g_settings_get_string (self->settings, "capture-interface");

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->interface_list))) != NULL)
    gtk_list_box_remove (self->interface_list, child);
  g_ptr_array_set_size (self->checks, 0);
  g_clear_pointer (&self->interface, g_free);

  interfaces = hs_live_list_interfaces (&error);
  if (interfaces == NULL || interfaces->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No Interfaces Found"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   error != NULL ? error->message
                                                 : _("libpcap found no interface to capture on."));
      gtk_list_box_append (self->interface_list, row);
      check_filter (self);
      return;
    }

  /* the interfaces that carry packets, then the others folded away */
  for (guint i = 0; i < interfaces->len; i++)
    {
      const HsLiveInterface *iface = g_ptr_array_index (interfaces, i);
      GtkWidget *row = interface_row_new (iface, &group);

      g_ptr_array_add (self->checks, g_object_get_data (G_OBJECT (row), "hs-check"));
      if (iface->up && iface->running)
        {
          gtk_list_box_append (self->interface_list, row);
          if (first_up == NULL && !iface->loopback)
            first_up = iface->name;
          continue;
        }

      if (others == NULL)
        {
          others = adw_expander_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (others), _("Other Interfaces"));
        }
      adw_expander_row_add_row (ADW_EXPANDER_ROW (others), row);
      n_others++;
    }
  if (others != NULL)
    {
      g_autofree char *subtitle = g_strdup_printf (ngettext ("%u interface that is down or not connected",
                                                             "%u interfaces that are down or not connected",
                                                             n_others),
                                                   n_others);

      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (others), subtitle);
      gtk_list_box_append (self->interface_list, others);
    }

  if (wanted != NULL && wanted[0] != 0)
    check = find_check (self, wanted);
  if (check == NULL && first_up != NULL)
    check = find_check (self, first_up);
  if (check == NULL)
    check = group;

  for (guint i = 0; i < self->checks->len; i++)
    g_signal_connect (g_ptr_array_index (self->checks, i), "toggled",
                      G_CALLBACK (on_interface_toggled), self);

  /* the chosen interface is not listed as a choice of the user's */
  self->restoring = TRUE;
  gtk_check_button_set_active (check, TRUE);
  self->restoring = FALSE;
  if (others != NULL && gtk_widget_is_ancestor (GTK_WIDGET (check), others))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (others), TRUE);
}

gboolean
hs_capture_page_select_interface (HsCapturePage *self,
                                  const char    *name)
{
  GtkCheckButton *check;

  g_return_val_if_fail (HS_IS_CAPTURE_PAGE (self), FALSE);

  check = find_check (self, name);
  if (check == NULL)
    return FALSE;
  gtk_check_button_set_active (check, TRUE);
  return TRUE;
}

/* Actions ------------------------------------------------------------------ */

static void
save_options (HsCapturePage *self)
{
  if (self->interface != NULL)
    g_settings_set_string (self->settings, "capture-interface", self->interface);
  g_settings_set_string (self->settings, "capture-filter", self->filter != NULL ? self->filter : "");
  g_settings_set_uint (self->settings, "capture-snaplen", hs_capture_page_get_snaplen (self));
  g_settings_set_boolean (self->settings, "capture-promiscuous",
                          hs_capture_page_get_promiscuous (self));
  g_settings_set_uint (self->settings, "capture-ring-buffer", hs_capture_page_get_ring_buffer (self));
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  HsCapturePage *self = HS_CAPTURE_PAGE (widget);

  if (!hs_capture_page_can_start (self))
    return;

  save_options (self);
  remember_filter (self);
  g_signal_emit (self, signals[START], 0);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  g_signal_emit (widget, signals[CANCEL], 0);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  hs_capture_page_refresh (HS_CAPTURE_PAGE (widget));
}

static void
on_filter_activated (HsCapturePage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "capture-page.start", NULL);
}

/* Public ------------------------------------------------------------------- */

GtkWidget *
hs_capture_page_new (void)
{
  return g_object_new (HS_TYPE_CAPTURE_PAGE, NULL);
}

const char *
hs_capture_page_get_interface (HsCapturePage *self)
{
  g_return_val_if_fail (HS_IS_CAPTURE_PAGE (self), NULL);

  return self->interface;
}

const char *
hs_capture_page_get_filter (HsCapturePage *self)
{
  g_return_val_if_fail (HS_IS_CAPTURE_PAGE (self), NULL);

  return self->filter != NULL ? self->filter : "";
}

void
hs_capture_page_set_filter (HsCapturePage *self,
                            const char    *filter)
{
  g_return_if_fail (HS_IS_CAPTURE_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->filter_row), filter != NULL ? filter : "");
  gtk_editable_set_position (GTK_EDITABLE (self->filter_row), -1);
}

const char *
hs_capture_page_get_filter_error (HsCapturePage *self)
{
  g_return_val_if_fail (HS_IS_CAPTURE_PAGE (self), NULL);

  return self->filter_error;
}

guint
hs_capture_page_get_snaplen (HsCapturePage *self)
{
  g_return_val_if_fail (HS_IS_CAPTURE_PAGE (self), 0);

  return (guint)gtk_spin_button_get_value_as_int (self->snaplen_spin);
}

gboolean
hs_capture_page_get_promiscuous (HsCapturePage *self)
{
  g_return_val_if_fail (HS_IS_CAPTURE_PAGE (self), FALSE);

  return gtk_switch_get_active (self->promiscuous_switch);
}

guint
hs_capture_page_get_ring_buffer (HsCapturePage *self)
{
  g_return_val_if_fail (HS_IS_CAPTURE_PAGE (self), 0);

  if (!adw_expander_row_get_enable_expansion (self->ring_row))
    return 0;
  return (guint)gtk_spin_button_get_value_as_int (self->ring_spin);
}

gboolean
hs_capture_page_can_start (HsCapturePage *self)
{
  g_return_val_if_fail (HS_IS_CAPTURE_PAGE (self), FALSE);

  return self->interface != NULL && self->filter_error == NULL;
}

void
hs_capture_page_set_error (HsCapturePage *self,
                           const char    *message)
{
  g_return_if_fail (HS_IS_CAPTURE_PAGE (self));

  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

const char *
hs_capture_page_get_error (HsCapturePage *self)
{
  g_return_val_if_fail (HS_IS_CAPTURE_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_text (self->error_label);
}

void
hs_capture_page_set_can_cancel (HsCapturePage *self,
                                gboolean       can_cancel)
{
  g_return_if_fail (HS_IS_CAPTURE_PAGE (self));

  self->can_cancel = !!can_cancel;
  update_actions (self);
}

char **
hs_capture_page_dup_interfaces (HsCapturePage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (HS_IS_CAPTURE_PAGE (self), NULL);

  for (guint i = 0; i < self->checks->len; i++)
    g_strv_builder_add (builder, g_object_get_data (g_ptr_array_index (self->checks, i),
                                                    "hs-interface"));
  return g_strv_builder_end (builder);
}

/* GObject ------------------------------------------------------------------ */

/* The interfaces are listed when the page is first shown, not when every
 * window is made. */
static void
hs_capture_page_map (GtkWidget *widget)
{
  HsCapturePage *self = HS_CAPTURE_PAGE (widget);

  GTK_WIDGET_CLASS (hs_capture_page_parent_class)->map (widget);

  if (!self->listed)
    hs_capture_page_refresh (self);
}

static void
hs_capture_page_dispose (GObject *object)
{
  HsCapturePage *self = HS_CAPTURE_PAGE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_CAPTURE_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (hs_capture_page_parent_class)->dispose (object);
}

static void
hs_capture_page_finalize (GObject *object)
{
  HsCapturePage *self = HS_CAPTURE_PAGE (object);

  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->interface, g_free);
  g_clear_pointer (&self->filter, g_free);
  g_clear_pointer (&self->filter_error, g_free);

  G_OBJECT_CLASS (hs_capture_page_parent_class)->finalize (object);
}

static void
hs_capture_page_class_init (HsCapturePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hs_capture_page_dispose;
  object_class->finalize = hs_capture_page_finalize;

  widget_class->map = hs_capture_page_map;

  signals[START] = g_signal_new ("start", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CANCEL] = g_signal_new ("cancel", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/handshake/Handshake/hs-capture-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HsCapturePage, interface_list);
  gtk_widget_class_bind_template_child (widget_class, HsCapturePage, filter_row);
  gtk_widget_class_bind_template_child (widget_class, HsCapturePage, recent_button);
  gtk_widget_class_bind_template_child (widget_class, HsCapturePage, recent_section);
  gtk_widget_class_bind_template_child_full (widget_class, "filter_error", FALSE,
                                             G_STRUCT_OFFSET (HsCapturePage, filter_error_label));
  gtk_widget_class_bind_template_child (widget_class, HsCapturePage, snaplen_spin);
  gtk_widget_class_bind_template_child (widget_class, HsCapturePage, promiscuous_switch);
  gtk_widget_class_bind_template_child (widget_class, HsCapturePage, ring_row);
  gtk_widget_class_bind_template_child (widget_class, HsCapturePage, ring_spin);
  gtk_widget_class_bind_template_child (widget_class, HsCapturePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, HsCapturePage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, HsCapturePage, start_button);

  gtk_widget_class_install_action (widget_class, "capture-page.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "capture-page.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "capture-page.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "capture-page.use-filter", "s", use_filter_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "capture-page.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "capture-page.refresh", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "capturepage");
}

static void
hs_capture_page_init (HsCapturePage *self)
{
  g_autofree char *filter = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->checks = g_ptr_array_new ();
  self->settings = g_settings_new (SETTINGS_SCHEMA);

  /* the options as they were last time */
  gtk_spin_button_set_value (self->snaplen_spin, g_settings_get_uint (self->settings, "capture-snaplen"));
  gtk_switch_set_active (self->promiscuous_switch,
                         g_settings_get_boolean (self->settings, "capture-promiscuous"));
  if (g_settings_get_uint (self->settings, "capture-ring-buffer") > 0)
    {
      gtk_spin_button_set_value (self->ring_spin, g_settings_get_uint (self->settings, "capture-ring-buffer"));
      adw_expander_row_set_enable_expansion (self->ring_row, TRUE);
    }
  else
    adw_expander_row_set_enable_expansion (self->ring_row, FALSE);

  g_signal_connect_swapped (self->filter_row, "changed", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->filter_row, "entry-activated", G_CALLBACK (on_filter_activated), self);
  g_signal_connect_swapped (self->snaplen_spin, "value-changed", G_CALLBACK (check_filter), self);
  g_signal_connect_object (self->settings, "changed::recent-capture-filters",
                           G_CALLBACK (update_recent_menu), self, G_CONNECT_SWAPPED);
  update_recent_menu (self);

  filter = g_settings_get_string (self->settings, "capture-filter");
  self->filter = g_strdup (g_strstrip (filter));
  gtk_editable_set_text (GTK_EDITABLE (self->filter_row), self->filter);

  update_actions (self);
}
