/* hs-connection-row.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hs-connection-row"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "hs-connection-row-private.h"

struct _HsConnectionRow
{
  GtkWidget         parent_instance;

  HsConnectionItem *item;

  GtkLabel         *stream_label;
  GtkInscription   *title_label;
  GtkInscription   *server_label;
  GtkLabel         *state_label;   /* wraps: the longest do not fit a line */
  GtkInscription   *stats_label;
  GtkInscription   *bytes_label;
  GtkFlowBox       *badges;
};

G_DEFINE_FINAL_TYPE (HsConnectionRow, hs_connection_row, GTK_TYPE_WIDGET)

static guint
count (const HsConnection *conn,
       HsAnalysisFlags     flag)
{
  return conn->flag_counts[g_bit_nth_lsf (flag, -1)];
}

/* The text of the badge of one anomaly class with `n` occurrences. */
static char *
badge_text (HsAnomalyClass klass,
            guint          n)
{
  switch (klass)
    {
    case HS_ANOMALY_CLASS_RETRANSMISSION:
      return g_strdup_printf (ngettext ("%u retransmission", "%u retransmissions", n), n);
    case HS_ANOMALY_CLASS_LOST:
      return g_strdup_printf (ngettext ("%u lost segment", "%u lost segments", n), n);
    case HS_ANOMALY_CLASS_OUT_OF_ORDER:
      return g_strdup_printf (ngettext ("%u out-of-order", "%u out-of-order", n), n);
    case HS_ANOMALY_CLASS_DUP_ACK:
      return g_strdup_printf (ngettext ("%u dup ACK", "%u dup ACKs", n), n);
    case HS_ANOMALY_CLASS_REUSED_PORTS:
      return g_strdup_printf (ngettext ("%u reused ports", "%u reused ports", n), n);
    case HS_ANOMALY_CLASS_RESET:
      return g_strdup (_("reset"));
    case HS_ANOMALY_CLASS_NONE:
    case HS_ANOMALY_CLASS_MALFORMED:
    case HS_ANOMALY_CLASS_WINDOW:         /* two badges of their own, see update () */
    case HS_ANOMALY_CLASS_WINDOW_UPDATE:
    case HS_ANOMALY_CLASS_KEEP_ALIVE:
    case HS_ANOMALY_CLASS_HANDSHAKE:
    case HS_ANOMALY_CLASS_LAST:
    default:
      return NULL;
    }
}

/* A badge in the colour of `klass`; its tooltip is `tooltip` (translated),
 * or the class's description when NULL. */
static void
append_badge (HsConnectionRow *self,
              HsAnomalyClass   klass,
              const char      *text,
              const char      *tooltip)
{
  g_autofree char *css = NULL;
  GtkWidget *label;

  css = g_strconcat ("hs-", hs_anomaly_class_css_name (klass), NULL);
  label = gtk_label_new (text);
  gtk_widget_add_css_class (label, "hs-badge");
  gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_widget_add_css_class (label, css);
  g_object_set_data (G_OBJECT (label), "hs-badge-tooltip",
                     (gpointer)(tooltip != NULL ? tooltip : hs_anomaly_class_description (klass)));
  gtk_flow_box_append (self->badges, label);
}

static void
add_badge (HsConnectionRow *self,
           HsAnomalyClass   klass,
           guint            n)
{
  g_autofree char *text = NULL;

  if (n == 0 || (text = badge_text (klass, n)) == NULL)
    return;

  append_badge (self, klass, text, NULL);
}

/* Zero windows and window full are different things: a receiver that
 * stopped the sender, and a sender that used all the window it was given
 * (often normal).  Window updates are no problem at all. */
static void
add_window_badges (HsConnectionRow    *self,
                   const HsConnection *conn)
{
  guint zero = count (conn, HS_ANALYSIS_ZERO_WINDOW);
  guint full = count (conn, HS_ANALYSIS_WINDOW_FULL);

  if (zero > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u zero window", "%u zero windows",
                                                         zero), zero);

      append_badge (self, HS_ANOMALY_CLASS_WINDOW, text,
                    _("Zero window: the receiver advertised a window of 0 bytes (its buffer was "
                      "full), so the sender had to stop and probe until the window opened."));
    }
  if (full > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u window full", "%u window full",
                                                         full), full);

      append_badge (self, HS_ANOMALY_CLASS_WINDOW, text,
                    _("Window full: a segment filled the receiver’s advertised window exactly, so "
                      "the sender had to wait for an ACK. Often normal in a fast transfer."));
    }
}

static void
update (HsConnectionRow *self)
{
  const HsConnection *conn;
  g_autofree char *title = NULL;
  g_autofree char *stream = NULL;
  g_autofree char *up = NULL;
  g_autofree char *down = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *rtt = NULL;
  g_autofree char *packets = NULL;
  g_autofree char *stats = NULL;
  g_autofree char *bytes = NULL;
  char *arrow;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->badges))) != NULL)
    gtk_flow_box_remove (self->badges, child);

  if (self->item == NULL)
    return;

  conn = hs_connection_item_get_connection (self->item);

  /* "client → server" on two lines: an IPv4 pair does not fit a sidebar on one */
  title = hs_connection_item_dup_title (self->item);
  arrow = strstr (title, " → ");
  if (arrow != NULL)
    {
      g_autofree char *server = g_strconcat ("→ ", arrow + strlen (" → "), NULL);

      gtk_inscription_set_text (self->server_label, server);
      *arrow = 0;
    }
  gtk_inscription_set_text (self->title_label, title);
  if (arrow != NULL)
    *arrow = ' ';

  stream = g_strdup_printf ("%u", conn->stream);
  gtk_label_set_text (self->stream_label, stream);

  gtk_label_set_text (self->state_label, hs_conn_state_describe (conn->conn_state));

  up = g_format_size (conn->endpoint[0].bytes);
  down = g_format_size (conn->endpoint[1].bytes);
  duration = hs_format_duration (conn->last_ts_ns - conn->first_ts_ns);
  packets = g_strdup_printf (ngettext ("%u packet", "%u packets", conn->n_packets), conn->n_packets);
  if (conn->irtt_ns >= 0)
    {
      g_autofree char *irtt = hs_format_duration (conn->irtt_ns);

      /* Translators: the initial round-trip time of a connection */
      rtt = g_strdup_printf (_("RTT %s"), irtt);
      /* Translators: connection statistics in the sidebar: packets,
       * duration, initial round-trip time */
      stats = g_strdup_printf (_("%s · %s · %s"), packets, duration, rtt);
    }
  else
    /* Translators: connection statistics in the sidebar: packets, duration */
    stats = g_strdup_printf (_("%s · %s"), packets, duration);
  gtk_inscription_set_text (self->stats_label, stats);

  /* Translators: payload bytes sent by the client (↑) and by the server (↓) */
  bytes = g_strdup_printf (_("↑ %s sent · ↓ %s received"), up, down);
  gtk_inscription_set_text (self->bytes_label, bytes);

  add_badge (self, HS_ANOMALY_CLASS_RESET, conn->rst_by != 0);
  add_badge (self, HS_ANOMALY_CLASS_LOST,
             count (conn, HS_ANALYSIS_LOST_SEGMENT) + count (conn, HS_ANALYSIS_ACK_LOST_SEGMENT));
  /* fast and spurious retransmissions carry the retransmission flag too */
  add_badge (self, HS_ANOMALY_CLASS_RETRANSMISSION, count (conn, HS_ANALYSIS_RETRANSMISSION));
  add_badge (self, HS_ANOMALY_CLASS_OUT_OF_ORDER, count (conn, HS_ANALYSIS_OUT_OF_ORDER));
  add_badge (self, HS_ANOMALY_CLASS_DUP_ACK, count (conn, HS_ANALYSIS_DUPLICATE_ACK));
  add_window_badges (self, conn);
  add_badge (self, HS_ANOMALY_CLASS_REUSED_PORTS, count (conn, HS_ANALYSIS_REUSED_PORTS));
  gtk_widget_set_visible (GTK_WIDGET (self->badges),
                          gtk_widget_get_first_child (GTK_WIDGET (self->badges)) != NULL);

  /* GTK 4.8's inscriptions do not tell screen readers their text: the row
   * does, the endpoints and the state as its name, the rest as its
   * description */
  {
    g_auto(GStrv) badges = hs_connection_row_dup_badges (self);
    /* Translators: between the badges a screen reader reads out, "3 dup ACKs, reset" */
    g_autofree char *badge_text = g_strjoinv (_(", "), badges);
    /* Translators: a sidebar row's name for screen readers: its endpoints, then how the
     * connection ended */
    g_autofree char *name = g_strdup_printf (_("%s. %s"), title,
                                             hs_conn_state_describe (conn->conn_state));
    /* Translators: between the sentences of a sidebar row's description for screen readers */
    g_autofree char *description = g_strjoin (_(". "), stats, bytes, badge_text, NULL);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                    -1);
  }
}

void
hs_connection_row_set_item (HsConnectionRow  *self,
                            HsConnectionItem *item)
{
  g_return_if_fail (HS_IS_CONNECTION_ROW (self));

  if (self->item == item)
    return;

  /* a live capture changes the connection under the row */
  if (self->item != NULL)
    g_signal_handlers_disconnect_by_func (self->item, update, self);
  g_set_object (&self->item, item);
  if (item != NULL)
    g_signal_connect_swapped (item, "changed", G_CALLBACK (update), self);
  update (self);
}

char **
hs_connection_row_dup_badges (HsConnectionRow *self)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **ret;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->badges));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      g_strv_builder_add (builder, gtk_label_get_text (GTK_LABEL (label)));
    }

  ret = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return ret;
}

char *
hs_connection_row_dup_tooltip (HsConnectionRow *self,
                               double           x,
                               double           y)
{
  g_return_val_if_fail (HS_IS_CONNECTION_ROW (self), NULL);

  if (self->item == NULL)
    return NULL;

  /* the badges take no clicks (those select the row), so no pick finds them */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->badges));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      graphene_rect_t bounds;

      if (gtk_widget_compute_bounds (label, GTK_WIDGET (self), &bounds) &&
          graphene_rect_contains_point (&bounds, &GRAPHENE_POINT_INIT (x, y)))
        return g_strdup (g_object_get_data (G_OBJECT (label), "hs-badge-tooltip"));
    }
  return hs_connection_item_dup_title (self->item);
}

/* Tooltips are made when asked for: gtk_widget_set_tooltip_text() costs
 * GTK 4.8 a round trip to the X server (it looks where the pointer is), and
 * setting it on every row and badge as the sidebar filled took most of the
 * time a big capture's connection list needed to appear. */
static gboolean
hs_connection_row_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard,
                                 GtkTooltip *tooltip)
{
  g_autofree char *text = hs_connection_row_dup_tooltip (HS_CONNECTION_ROW (widget), x, y);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
hs_connection_row_dispose (GObject *object)
{
  GtkWidget *child;
  HsConnectionRow *self = HS_CONNECTION_ROW (object);

  if (self->item != NULL)
    g_signal_handlers_disconnect_by_func (self->item, update, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_CONNECTION_ROW);
  /* children the template does not bind (separators, boxes) */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (hs_connection_row_parent_class)->dispose (object);
}

static void
hs_connection_row_class_init (HsConnectionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hs_connection_row_dispose;
  widget_class->query_tooltip = hs_connection_row_query_tooltip;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/handshake/Handshake/hs-connection-row.ui");
  gtk_widget_class_bind_template_child (widget_class, HsConnectionRow, stream_label);
  gtk_widget_class_bind_template_child (widget_class, HsConnectionRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, HsConnectionRow, server_label);
  gtk_widget_class_bind_template_child (widget_class, HsConnectionRow, bytes_label);
  gtk_widget_class_bind_template_child (widget_class, HsConnectionRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, HsConnectionRow, stats_label);
  gtk_widget_class_bind_template_child (widget_class, HsConnectionRow, badges);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "connectionrow");
}

static void
hs_connection_row_init (HsConnectionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
hs_connection_row_new (void)
{
  return g_object_new (HS_TYPE_CONNECTION_ROW, NULL);
}
