/* hs-details-view.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hs-details-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include <adwaita.h>

#include "hs-details-view-private.h"
#include "hs-session-follower.h"

/* A tree row of the headers view: borrows one HsField and keeps the array
 * that owns it alive. */
#define HS_TYPE_FIELD_OBJECT (hs_field_object_get_type ())
G_DECLARE_FINAL_TYPE (HsFieldObject, hs_field_object, HS, FIELD_OBJECT, GObject)

struct _HsFieldObject
{
  GObject    parent_instance;
  GPtrArray *owner;
  HsField   *field;
};

G_DEFINE_FINAL_TYPE (HsFieldObject, hs_field_object, G_TYPE_OBJECT)

static void
hs_field_object_finalize (GObject *object)
{
  HsFieldObject *self = HS_FIELD_OBJECT (object);

  g_clear_pointer (&self->owner, g_ptr_array_unref);

  G_OBJECT_CLASS (hs_field_object_parent_class)->finalize (object);
}

static void
hs_field_object_class_init (HsFieldObjectClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hs_field_object_finalize;
}

static void
hs_field_object_init (HsFieldObject *self)
{
}

static GListModel *
field_list_new (GPtrArray *owner,
                GPtrArray *fields)
{
  GListStore *store = g_list_store_new (HS_TYPE_FIELD_OBJECT);

  for (guint i = 0; fields != NULL && i < fields->len; i++)
    {
      HsFieldObject *obj = g_object_new (HS_TYPE_FIELD_OBJECT, NULL);

      obj->owner = g_ptr_array_ref (owner);
      obj->field = g_ptr_array_index (fields, i);
      g_list_store_append (store, obj);
      g_object_unref (obj);
    }

  return G_LIST_MODEL (store);
}

struct _HsDetailsView
{
  GtkWidget           parent_instance;

  /* the session, and what it shows of it: capture, selected_index (the
   * packet explained) */
  HsSessionFollower   follower;
  GPtrArray          *fields;
  char               *explanation;
  guint               related[8];       /* the links shown */
  HsRelation          roles[8];
  guint               n_related;
  GtkSingleSelection *field_selection;
  GtkTextTag         *highlight_tag;
  GBytes             *bytes;          /* the packet's, read once; NULL if unreadable */
  gsize               n_bytes;
  guint               hex_per_line;   /* bytes per line of the hex dump: 16, or 8 when narrow */

  GtkStack           *stack;
  GtkPaned           *outer_paned;
  GtkPaned           *inner_paned;
  GtkLabel           *title_label;
  GtkLabel           *explanation_label;
  GtkBox             *related_box;
  GtkListView        *fields_view;
  GtkTextView        *hex_view;
};

G_DEFINE_FINAL_TYPE (HsDetailsView, hs_details_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GListModel *
create_child_model (gpointer item,
                    gpointer user_data)
{
  HsFieldObject *obj = item;

  if (obj->field->children == NULL || obj->field->children->len == 0)
    return NULL;

  return field_list_new (obj->owner, obj->field->children);
}

/* Made when asked for: gtk_widget_set_tooltip_text() on every bind costs
 * GTK 4.8 a round trip to the X server (it looks where the pointer is),
 * about a millisecond per header row each time a packet is selected. */
static gboolean
query_field_tooltip (GtkWidget  *label,
                     int         x,
                     int         y,
                     gboolean    keyboard,
                     GtkTooltip *tooltip,
                     gpointer    user_data)
{
  const char *text = gtk_label_get_text (GTK_LABEL (label));

  if (text == NULL || text[0] == 0)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
setup_field (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  /* the whole field when it is cut short */
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (query_field_tooltip), NULL);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), label);
  gtk_list_item_set_child (list_item, expander);
}

static void
bind_field (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item));
  HsFieldObject *obj = gtk_tree_list_row_get_item (row);
  GtkWidget *label = gtk_tree_expander_get_child (expander);
  g_autofree char *text = NULL;

  gtk_tree_expander_set_list_row (expander, row);
  if (obj->field->value != NULL)
    /* Translators: a header field in the details pane, "Window: 501" */
    text = g_strdup_printf (_("%s: %s"), obj->field->label, obj->field->value);
  else
    text = g_strdup (obj->field->label);
  gtk_label_set_text (GTK_LABEL (label), text);
  if (gtk_tree_list_row_get_depth (row) == 0)
    gtk_widget_add_css_class (label, "heading");
  else
    gtk_widget_remove_css_class (label, "heading");

  g_object_unref (obj);
}

static void
on_field_selected (HsDetailsView *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->field_selection);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->hex_view);
  GtkTextIter start, end;
  g_autoptr(HsFieldObject) obj = NULL;
  guint n = self->hex_per_line;
  guint first, last;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->highlight_tag, &start, &end);

  if (row == NULL)
    return;

  obj = gtk_tree_list_row_get_item (row);
  if (obj->field->length == 0 || obj->field->offset >= self->n_bytes)
    return;

  first = obj->field->offset;
  last = MIN (obj->field->offset + obj->field->length, self->n_bytes) - 1;

  /* highlight the hex digits and the ASCII column of every line the field touches */
  for (guint line = first / n; line <= last / n; line++)
    {
      guint a = MAX (first, line * n) % n;
      guint b = MIN (last, line * n + n - 1) % n;
      guint hex_a, hex_b, ascii_a, ascii_b;

      hs_hex_dump_columns (self->n_bytes, n, a, &hex_a, &ascii_a);
      hs_hex_dump_columns (self->n_bytes, n, b, &hex_b, &ascii_b);
      gtk_text_buffer_get_iter_at_line_offset (buffer, &start, line, hex_a);
      gtk_text_buffer_get_iter_at_line_offset (buffer, &end, line, hex_b + 2);
      gtk_text_buffer_apply_tag (buffer, self->highlight_tag, &start, &end);
      gtk_text_buffer_get_iter_at_line_offset (buffer, &start, line, ascii_a);
      gtk_text_buffer_get_iter_at_line_offset (buffer, &end, line, ascii_b + 1);
      gtk_text_buffer_apply_tag (buffer, self->highlight_tag, &start, &end);
    }

  gtk_text_buffer_get_iter_at_line (buffer, &start, first / n);
  gtk_text_view_scroll_to_iter (self->hex_view, &start, 0.1, FALSE, 0, 0);
}

/* How wide the hex dump's lines of `per_line` bytes are, in pixels, in the
 * view's own font (it is monospace), margins included. */
static int
hex_line_pixels (HsDetailsView *self,
                 guint          per_line)
{
  g_autofree char *line = g_strnfill (hs_hex_dump_line_width (self->n_bytes, per_line), '0');
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->hex_view),
                                                                  line);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width + gtk_text_view_get_left_margin (self->hex_view) +
         gtk_text_view_get_right_margin (self->hex_view);
}

/* How many bytes a line of the hex dump shows: 16 when such a line fits
 * the pane's width, else 8 (the ASCII column would be cut off). */
static guint
hex_per_line_for_width (HsDetailsView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->hex_view));

  /* not laid out yet: as wide as it will most likely be */
  if (width <= 0)
    return 16;
  return hex_line_pixels (self, 16) <= width ? 16 : 8;
}

/* The bytes' pane is never narrower than lines of 8 bytes (the paned
 * does not shrink it below that): known once the view has its style. */
static void
on_hex_realized (HsDetailsView *self)
{
  gtk_widget_set_size_request (gtk_widget_get_parent (GTK_WIDGET (self->hex_view)),
                               hex_line_pixels (self, 8), -1);
}

/* The hex dump of the packet's bytes, as many a line as fit. */
static void
fill_hex (HsDetailsView *self,
          GError        *error)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->hex_view);
  g_autofree char *hex = NULL;

  self->hex_per_line = hex_per_line_for_width (self);
  if (self->bytes != NULL)
    hex = hs_format_hex_dump (g_bytes_get_data (self->bytes, NULL), self->n_bytes,
                              self->hex_per_line);
  else if (error != NULL)
    /* Translators: shown in place of the hex dump */
    hex = g_strdup_printf (_("The bytes of this packet could not be read back: %s"),
                           error->message);
  else
    return;
  gtk_text_buffer_set_text (buffer, hex, -1);
}

/* The pane's width changed: the dump again if its lines should change. */
static void
on_hex_width_changed (HsDetailsView *self)
{
  if (self->bytes == NULL || hex_per_line_for_width (self) == self->hex_per_line)
    return;
  fill_hex (self, NULL);
  on_field_selected (self);
}

static void
on_related_clicked (GtkButton     *button,
                    HsDetailsView *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "hs-index"));

  /* the linked packet is selected everywhere */
  if (self->follower.session != NULL)
    hs_session_select_index (self->follower.session, index);
}

static const char *
relation_sentence (HsRelation role)
{
  switch (role)
    {
    case HS_RELATION_ORIGINAL:
      /* Translators: a link button in the details pane */
      return _("Go to frame %u, the original transmission");
    case HS_RELATION_ACKED:
      return _("Go to frame %u, the segment this ACK acknowledges");
    case HS_RELATION_DUPLICATED_ACK:
      return _("Go to frame %u, the ACK this one repeats");
    case HS_RELATION_ACKED_BY:
      return _("Go to frame %u, the ACK of this segment");
    default:
      return "%u";
    }
}

static void
fill_related (HsDetailsView *self)
{
  GtkWidget *child;
  guint related[G_N_ELEMENTS (self->related)];
  HsRelation roles[G_N_ELEMENTS (self->roles)];
  guint n;

  /* the same links: the buttons stay (and keep the focus) */
  n = hs_explain_related (self->follower.capture, self->follower.selected_index,
                          related, roles, G_N_ELEMENTS (related));
  if (n == self->n_related &&
      memcmp (related, self->related, n * sizeof related[0]) == 0 &&
      memcmp (roles, self->roles, n * sizeof roles[0]) == 0)
    return;
  memcpy (self->related, related, sizeof related);
  memcpy (self->roles, roles, sizeof roles);
  self->n_related = n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->related_box))))
    gtk_box_remove (self->related_box, child);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = NULL;
      GtkWidget *button;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      text = g_strdup_printf (relation_sentence (roles[i]), related[i] + 1);
#pragma GCC diagnostic pop
      button = gtk_button_new_with_label (text);
      gtk_widget_add_css_class (button, "link");
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      g_object_set_data (G_OBJECT (button), "hs-index", GUINT_TO_POINTER (related[i]));
      g_signal_connect (button, "clicked", G_CALLBACK (on_related_clicked), self);
      gtk_box_append (self->related_box, button);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->related_box), n > 0);
}

/* Whether two field trees say the same. */
static gboolean
fields_equal (GPtrArray *a,
              GPtrArray *b)
{
  guint na = a != NULL ? a->len : 0;
  guint nb = b != NULL ? b->len : 0;

  if (na != nb)
    return FALSE;

  for (guint i = 0; i < na; i++)
    {
      const HsField *fa = g_ptr_array_index (a, i);
      const HsField *fb = g_ptr_array_index (b, i);

      if (g_strcmp0 (fa->label, fb->label) != 0 ||
          g_strcmp0 (fa->value, fb->value) != 0 ||
          fa->offset != fb->offset || fa->length != fb->length ||
          !fields_equal (fa->children, fb->children))
        return FALSE;
    }

  return TRUE;
}

/* A row's place in the tree by its labels ("TCP/SEQ/ACK analysis"), which
 * stays the same when the values beside them change. */
static char *
row_path (GtkTreeListRow *row)
{
  g_autoptr(GtkTreeListRow) parent = gtk_tree_list_row_get_parent (row);
  g_autoptr(HsFieldObject) obj = gtk_tree_list_row_get_item (row);
  g_autofree char *above = parent != NULL ? row_path (parent) : NULL;

  return above != NULL ? g_strconcat (above, "\x1f", obj->field->label, NULL)
                       : g_strdup (obj->field->label);
}

/* Shows `self->fields` as a new tree.  With `expanded` (paths of rows),
 * opens those rows and selects `selected`; without, opens the TCP layer. */
static void
show_fields (HsDetailsView *self,
             GHashTable    *expanded,
             const char    *selected)
{
  g_autoptr(GListModel) roots = field_list_new (self->fields, self->fields);
  GtkTreeListModel *tree;
  guint select = GTK_INVALID_LIST_POSITION;

  tree = gtk_tree_list_model_new (g_steal_pointer (&roots), FALSE, FALSE,
                                  create_child_model, NULL, NULL);
  gtk_single_selection_set_model (self->field_selection, G_LIST_MODEL (tree));
  g_object_unref (tree);

  if (expanded != NULL)
    {
      /* rows open from the top down: children appear below their parent */
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (tree)); i++)
        {
          g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (tree, i);
          g_autofree char *path = row_path (row);

          if (gtk_tree_list_row_is_expandable (row) && g_hash_table_contains (expanded, path))
            gtk_tree_list_row_set_expanded (row, TRUE);
          if (selected != NULL && g_str_equal (path, selected))
            select = i;
        }
      gtk_single_selection_set_selected (self->field_selection, select);
      return;
    }

  /* open the TCP layer (the last one with children), where the story is */
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (tree)); i > 0; i--)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_row (tree, i - 1);

      if (gtk_tree_list_row_is_expandable (row))
        {
          g_autoptr(HsFieldObject) obj = gtk_tree_list_row_get_item (row);

          if (strstr (obj->field->label, "TCP") != NULL ||
              strstr (obj->field->label, "Transmission Control") != NULL ||
              i == 1)
            {
              gtk_tree_list_row_set_expanded (row, TRUE);
              break;
            }
        }
    }
}

/* The follower's selected packet (or none) */
static void
show_packet (HsDetailsView *self)
{
  HsCapture *capture = self->follower.capture;
  guint index = self->follower.selected_index;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GtkTextBuffer *buffer;

  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->explanation, g_free);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  self->n_bytes = 0;

  buffer = gtk_text_view_get_buffer (self->hex_view);

  if (capture == NULL || index >= hs_capture_get_n_packets (capture))
    {
      gtk_single_selection_set_model (self->field_selection, NULL);
      gtk_text_buffer_set_text (buffer, "", 0);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  title = hs_explain_title (capture, index);
  gtk_label_set_text (self->title_label, title);

  self->explanation = hs_explain_packet (capture, index);
  gtk_label_set_text (self->explanation_label, self->explanation);
  self->n_related = G_MAXUINT;
  fill_related (self);

  self->bytes = hs_capture_read_packet (capture, index, &error);
  if (self->bytes != NULL)
    self->n_bytes = g_bytes_get_size (self->bytes);
  fill_hex (self, error);

  self->fields = hs_explain_fields (capture, index, self->bytes);
  show_fields (self, NULL, NULL);

  gtk_stack_set_visible_child_name (self->stack, "packet");
}

const char *
hs_details_view_get_explanation (HsDetailsView *self)
{
  g_return_val_if_fail (HS_IS_DETAILS_VIEW (self), NULL);

  return self->explanation;
}

char *
hs_details_view_dup_hex_text (HsDetailsView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (HS_IS_DETAILS_VIEW (self), NULL);

  buffer = gtk_text_view_get_buffer (self->hex_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

char *
hs_details_view_dup_tree_text (HsDetailsView *self)
{
  GListModel *rows;
  GString *str = g_string_new (NULL);
  guint selected;

  g_return_val_if_fail (HS_IS_DETAILS_VIEW (self), NULL);

  rows = G_LIST_MODEL (self->field_selection);
  selected = gtk_single_selection_get_selected (self->field_selection);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(HsFieldObject) obj = gtk_tree_list_row_get_item (row);

      for (guint d = 0; d < gtk_tree_list_row_get_depth (row); d++)
        g_string_append (str, "  ");
      if (i == selected)
        g_string_append (str, "* ");
      if (gtk_tree_list_row_get_expanded (row))
        g_string_append (str, "> ");
      g_string_append (str, obj->field->label);
      if (obj->field->value != NULL)
        g_string_append_printf (str, ": %s", obj->field->value);
      g_string_append_c (str, '\n');
    }

  return g_string_free (str, FALSE);
}

char *
hs_details_view_dup_links_text (HsDetailsView *self)
{
  GString *str = g_string_new (NULL);

  g_return_val_if_fail (HS_IS_DETAILS_VIEW (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->related_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    g_string_append_printf (str, "%s\n", gtk_button_get_label (GTK_BUTTON (child)));

  return g_string_free (str, FALSE);
}

/* Following the session ------------------------------------------------- */

/* The follower (hs-session-follower.h) keeps what the pane shows of the
 * session's: capture and selected_index, the packet explained. */

static void
follow_packet (gpointer data)
{
  show_packet (HS_DETAILS_VIEW (data));
}

/* The packet is the same: a connection selected selects one of its
 * packets, and the pane follows that. */
static void
follow_stream (gpointer data)
{
}

/* A live capture's batch: the packet's connection grew, the details speak
 * of it. */
static void
on_capture_packets_added (gpointer data,
                          guint    old_n_packets,
                          guint    old_n_connections)
{
  HsDetailsView *self = data;
  HsCapture *capture = self->follower.capture;
  guint index = self->follower.selected_index;

  if (index != G_MAXUINT && index < old_n_packets &&
      hs_capture_stream_changed (capture, hs_capture_get_record (capture, index)->stream))
    hs_details_view_refresh (self);
}

static const HsSessionFollowerFuncs follower_funcs = {
  .capture_changed = follow_packet,
  .stream_changed = follow_stream,
  .selection_changed = follow_packet,
  .packets_added = on_capture_packets_added,
};

static void
hs_details_view_dispose (GObject *object)
{
  GtkWidget *child;
  HsDetailsView *self = HS_DETAILS_VIEW (object);

  hs_session_follower_clear (&self->follower);
  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_DETAILS_VIEW);
  /* children the template does not bind (separators, boxes) */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->field_selection);

  G_OBJECT_CLASS (hs_details_view_parent_class)->dispose (object);
}

static void
hs_details_view_finalize (GObject *object)
{
  HsDetailsView *self = HS_DETAILS_VIEW (object);

  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->explanation, g_free);
  g_clear_pointer (&self->bytes, g_bytes_unref);

  G_OBJECT_CLASS (hs_details_view_parent_class)->finalize (object);
}

static void
hs_details_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  HsDetailsView *self = HS_DETAILS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->follower.session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_details_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  HsDetailsView *self = HS_DETAILS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      hs_details_view_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_details_view_class_init (HsDetailsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hs_details_view_dispose;
  object_class->finalize = hs_details_view_finalize;
  object_class->get_property = hs_details_view_get_property;
  object_class->set_property = hs_details_view_set_property;

  properties[PROP_SESSION] = hs_session_follower_param_spec ();
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/handshake/Handshake/hs-details-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HsDetailsView, stack);
  gtk_widget_class_bind_template_child (widget_class, HsDetailsView, outer_paned);
  gtk_widget_class_bind_template_child (widget_class, HsDetailsView, inner_paned);
  gtk_widget_class_bind_template_child (widget_class, HsDetailsView, title_label);
  gtk_widget_class_bind_template_child (widget_class, HsDetailsView, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, HsDetailsView, related_box);
  gtk_widget_class_bind_template_child (widget_class, HsDetailsView, fields_view);
  gtk_widget_class_bind_template_child (widget_class, HsDetailsView, hex_view);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "detailsview");
}

/* The splits start at a share of the pane, the first time it is laid out:
 * the explanation beside the rest, the header tree above the bytes (which
 * need fewer lines).  Both children of each paned resize, so GtkPaned
 * keeps their proportion as the pane changes size, or as the user left
 * it.  The explanation's share leaves the bytes room for lines of 16 at
 * the default window size (1280 pixels wide). */
#define EXPLANATION_SHARE 0.38
#define TREE_SHARE        0.62

static void
place_split (GtkPaned   *paned,
             GParamSpec *pspec,
             gpointer    user_data)
{
  gboolean horizontal = gtk_orientable_get_orientation (GTK_ORIENTABLE (paned)) ==
                        GTK_ORIENTATION_HORIZONTAL;
  int size = horizontal ? gtk_widget_get_width (GTK_WIDGET (paned))
                        : gtk_widget_get_height (GTK_WIDGET (paned));

  if (size <= 0 || g_object_get_data (G_OBJECT (paned), "hs-placed") != NULL)
    return;

  g_object_set_data (G_OBJECT (paned), "hs-placed", GINT_TO_POINTER (TRUE));
  gtk_paned_set_position (paned, (int)round (size * (horizontal ? EXPLANATION_SHARE : TREE_SHARE)));
}

void
hs_details_view_init (HsDetailsView *self)
{
  GtkListItemFactory *factory;

  hs_session_follower_init (&self->follower, self, &follower_funcs);

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self->outer_paned, "notify::max-position", G_CALLBACK (place_split), NULL);
  g_signal_connect (self->inner_paned, "notify::max-position", G_CALLBACK (place_split), NULL);

  self->field_selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->field_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->field_selection, TRUE);
  g_signal_connect_swapped (self->field_selection, "notify::selected-item",
                            G_CALLBACK (on_field_selected), self);
  gtk_list_view_set_model (self->fields_view, GTK_SELECTION_MODEL (self->field_selection));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_field), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_field), self);
  gtk_list_view_set_factory (self->fields_view, factory);
  g_object_unref (factory);

  self->hex_per_line = 16;
  g_signal_connect_object (self->hex_view, "realize", G_CALLBACK (on_hex_realized), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->hex_view)),
                           "notify::page-size", G_CALLBACK (on_hex_width_changed), self,
                           G_CONNECT_SWAPPED);

  self->highlight_tag = gtk_text_buffer_create_tag (gtk_text_view_get_buffer (self->hex_view),
                                                    "highlight",
                                                    "background-rgba", &(GdkRGBA) { 0.21f, 0.52f, 0.89f, 0.35f },
                                                    NULL);
}

GtkWidget *
hs_details_view_new (void)
{
  return g_object_new (HS_TYPE_DETAILS_VIEW, NULL);
}

void
hs_details_view_refresh (HsDetailsView *self)
{
  g_autofree char *explanation = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GHashTable) expanded = NULL;
  g_autofree char *selected = NULL;
  GListModel *rows;
  GtkTreeListRow *selected_row;

  g_return_if_fail (HS_IS_DETAILS_VIEW (self));

  if (self->follower.capture == NULL ||
      self->follower.selected_index >= hs_capture_get_n_packets (self->follower.capture))
    return;

  /* the plain-language text and the links speak of the connection */
  explanation = hs_explain_packet (self->follower.capture, self->follower.selected_index);
  if (g_strcmp0 (explanation, self->explanation) != 0)
    {
      g_free (self->explanation);
      self->explanation = g_steal_pointer (&explanation);
      gtk_label_set_text (self->explanation_label, self->explanation);
    }
  fill_related (self);

  /* so do some header rows (iRTT, conversation completeness); the tree is
   * built again only when one changed, keeping what is open and selected
   * (the packet's bytes do not change, only what is said of them) */
  fields = hs_explain_fields (self->follower.capture, self->follower.selected_index, self->bytes);
  if (fields_equal (fields, self->fields))
    return;

  expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  rows = G_LIST_MODEL (self->field_selection);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);

      if (gtk_tree_list_row_get_expanded (row))
        g_hash_table_add (expanded, row_path (row));
    }
  selected_row = gtk_single_selection_get_selected_item (self->field_selection);
  if (selected_row != NULL)
    selected = row_path (selected_row);

  g_clear_pointer (&self->fields, g_ptr_array_unref);
  self->fields = g_steal_pointer (&fields);
  show_fields (self, expanded, selected);
}

/* The session the pane follows, set once (by the window's template). */
void
hs_details_view_set_session (HsDetailsView *self,
                             HsSession     *session)
{
  g_return_if_fail (HS_IS_DETAILS_VIEW (self));
  g_return_if_fail (!session || HS_IS_SESSION (session));

  if (hs_session_follower_set_session (&self->follower, session))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

HsSession *
hs_details_view_get_session (HsDetailsView *self)
{
  g_return_val_if_fail (HS_IS_DETAILS_VIEW (self), NULL);

  return self->follower.session;
}
