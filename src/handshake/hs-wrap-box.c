/* hs-wrap-box.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hs-wrap-box"

#include "config.h"

#include "hs-wrap-box.h"

/* A toolbar of the views: its children in rows that wrap where the width
 * runs out (at half a 1366-pixel screen a view's controls take two rows),
 * each at its natural width, so that no label is cut short; those aligned
 * to the end (halign END) are packed to the right of their row. */

struct _HsWrapBox
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (HsWrapBox, hs_wrap_box, GTK_TYPE_WIDGET)

#define WRAP_BOX_SPACING 6

/* Where a child goes. */
typedef struct
{
  GtkWidget *child;
  int        x;
  int        y;
  int        width;
  int        height;
} WrapBoxItem;

/* Lays the children out in rows `width` wide, each child at its natural
 * width (or the whole row's when that is less) and in the middle of its
 * row's height; `items` (when not NULL) gets them.  Returns the height. */
static int
wrap_box_layout (GtkWidget *widget,
                int        width,
                GArray    *items)
{
  g_autoptr(GArray) laid = g_array_new (FALSE, TRUE, sizeof (WrapBoxItem));
  GtkWidget *child;
  int height = 0;
  guint first = 0;
  guint i;

  for (child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      WrapBoxItem item = { child, 0, 0, 0, 0 };
      int min, nat;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
      item.width = MAX (min, MIN (nat, width));
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, item.width, NULL, &item.height, NULL,
                          NULL);
      g_array_append_val (laid, item);
    }

  /* row by row: as many as fit, those aligned to the start from the left,
   * those aligned to the end against the right */
  while (first < laid->len)
    {
      guint end = first + 1;
      int used = g_array_index (laid, WrapBoxItem, first).width;
      int row_height = 0;
      int x = 0;
      int end_width = 0;

      while (end < laid->len &&
             used + WRAP_BOX_SPACING + g_array_index (laid, WrapBoxItem, end).width <= width)
        used += WRAP_BOX_SPACING + g_array_index (laid, WrapBoxItem, end++).width;

      for (i = first; i < end; i++)
        {
          WrapBoxItem *item = &g_array_index (laid, WrapBoxItem, i);

          row_height = MAX (row_height, item->height);
          if (gtk_widget_get_halign (item->child) == GTK_ALIGN_END)
            end_width += (end_width > 0 ? WRAP_BOX_SPACING : 0) + item->width;
        }

      for (i = first; i < end; i++)
        {
          WrapBoxItem *item = &g_array_index (laid, WrapBoxItem, i);

          if (gtk_widget_get_halign (item->child) == GTK_ALIGN_END)
            {
              item->x = width - end_width;
              end_width -= item->width + WRAP_BOX_SPACING;
            }
          else
            {
              item->x = x;
              x += item->width + WRAP_BOX_SPACING;
            }
          item->y = height + (row_height - item->height) / 2;
        }

      height += row_height + (end < laid->len ? WRAP_BOX_SPACING : 0);
      first = end;
    }

  if (items != NULL)
    g_array_append_vals (items, laid->data, laid->len);
  return height;
}

static GtkSizeRequestMode
hs_wrap_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
hs_wrap_box_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  GtkWidget *child;
  int min_width = 0;
  int nat_width = 0;

  for (child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min, nat;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
      min_width = MAX (min_width, min);
      nat_width += (nat_width > 0 ? WRAP_BOX_SPACING : 0) + nat;
    }

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* one child a row at least, all of them in one row at best */
      *minimum = min_width;
      *natural = nat_width;
      return;
    }

  /* as many rows as the width makes (with none given, the natural one) */
  *minimum = *natural = wrap_box_layout (widget, for_size >= 0 ? for_size : nat_width, NULL);
}

static void
hs_wrap_box_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (WrapBoxItem));
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  guint i;

  wrap_box_layout (widget, width, items);
  for (i = 0; i < items->len; i++)
    {
      const WrapBoxItem *item = &g_array_index (items, WrapBoxItem, i);
      int x = rtl ? width - item->x - item->width : item->x;

      gtk_widget_size_allocate (item->child,
                                &(GtkAllocation) { x, item->y, item->width, item->height }, -1);
    }
}

static void
hs_wrap_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (hs_wrap_box_parent_class)->dispose (object);
}

static void
hs_wrap_box_class_init (HsWrapBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hs_wrap_box_dispose;

  widget_class->get_request_mode = hs_wrap_box_get_request_mode;
  widget_class->measure = hs_wrap_box_measure;
  widget_class->size_allocate = hs_wrap_box_size_allocate;

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TOOLBAR);
}

static void
hs_wrap_box_init (HsWrapBox *self)
{
}
