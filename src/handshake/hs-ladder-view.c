/* hs-ladder-view.c
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hs-ladder-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include <adwaita.h>

#include "hs-ladder-canvas-private.h"
#include "hs-ladder-paint.h"
#include "hs-ladder-view.h"
#include "hs-session-follower.h"
#include "hs-palette.h"
#include "hs-view-util.h"
#include "hs-wrap-box.h"

#define ZOOM_STEP      1.25
#define BRACKET_WIDTH  14.0  /* the strip at the left edge that marks expanded runs */
#define SCROLL_MARGIN  8.0   /* kept between a packet scrolled to and the edge */

typedef enum
{
  SCROLL_MINIMAL,  /* just enough to show the row */
  SCROLL_CENTER,   /* the row in the middle, unless it is already visible */
} ScrollKind;

/* A collapsed run the user expanded: positions first .. last. */
typedef struct
{
  guint first;
  guint last;
} ExpandedRun;

/* Lifeline names the user gave one connection. */
typedef struct
{
  char *name[2];
} EndpointNames;

static void
endpoint_names_free (gpointer data)
{
  EndpointNames *names = data;

  g_free (names->name[0]);
  g_free (names->name[1]);
  g_free (names);
}

/* HsLadderMode as a GType ----------------------------------------------- */

GType
hs_ladder_view_mode_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { HS_LADDER_PACKET_ORDER, "HS_LADDER_PACKET_ORDER", "packet-order" },
        { HS_LADDER_TIME_TRUE, "HS_LADDER_TIME_TRUE", "time-true" },
        { 0, NULL, NULL },
      };
      GType id = g_enum_register_static (g_intern_static_string ("HsLadderViewMode"), values);

      g_once_init_leave (&type_id, id);
    }

  return type_id;
}

/* The view -------------------------------------------------------------- */

struct _HsLadderView
{
  GtkWidget          parent_instance;

  /* the session, and what it shows of it: capture, stream, selected_index
   * (capture frame index, G_MAXUINT for none) */
  HsSessionFollower  follower;
  HsLadderMode       mode;
  double             zoom;
  gboolean           collapse;
  gboolean           dark;

  HsLadderLayout    *layout;           /* NULL in the empty state */
  GHashTable        *names;            /* stream -> EndpointNames */
  GArray            *expanded;         /* ExpandedRun, what the user expanded */
  guint              selected_pos;     /* HS_LADDER_NO_POS for none */
  guint              hover_pos;
  guint              menu_row;         /* the row the context menu is about */
  guint              pending_pos;      /* to scroll to once the canvas has a size */
  ScrollKind         pending_kind;
  double             pointer_y;        /* canvas y of the pointer, -1 when outside */
  double             overview_drag_y;
  guint              legend_idle;
  HsViewThrottle     live_update;      /* following a live capture */

  /* template children */
  GtkStack          *stack;
  AdwStatusPage     *empty_page;
  GtkScrolledWindow *scroller;
  HsLadderCanvas    *canvas;
  GtkDrawingArea    *overview;
  GtkDrawingArea    *legend_area;
  GtkRevealer       *legend_revealer;
  GtkButton         *zoom_button;
};

G_DEFINE_FINAL_TYPE (HsLadderView, hs_ladder_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_MODE,
  PROP_COLLAPSE,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static double
adjustment_value (GtkAdjustment *adjustment)
{
  return adjustment != NULL ? gtk_adjustment_get_value (adjustment) : 0;
}

/* Geometry -------------------------------------------------------------- */

static double
rows_area_height (HsLadderView *self)
{
  return MAX (0.0, gtk_widget_get_height (GTK_WIDGET (self->canvas)) - hs_ladder_header_height ());
}

static double
scroll_y (HsLadderView *self)
{
  return adjustment_value (self->canvas->vadjustment);
}

static double
scroll_x (HsLadderView *self)
{
  return adjustment_value (self->canvas->hadjustment);
}

/* The layout y range of a row: its top and the top of the next one. */
static void
row_extent (HsLadderView *self,
            guint         row,
            double       *top,
            double       *bottom)
{
  const HsLadderRow *r = hs_ladder_layout_get_row (self->layout, row);
  guint n_rows = hs_ladder_layout_get_n_rows (self->layout);

  *top = r->y;
  if (row + 1 < n_rows)
    *bottom = hs_ladder_layout_get_row (self->layout, row + 1)->y;
  else
    *bottom = MAX (r->y + hs_ladder_layout_get_row_height (self->layout),
                   hs_ladder_layout_get_height (self->layout));
  if (*bottom <= *top)
    *bottom = *top + 1;
}

static void
legend_idle_cb (gpointer data)
{
  HsLadderView *self = data;

  self->legend_idle = 0;
  if (self->layout != NULL)
    gtk_drawing_area_set_content_height (self->legend_area,
                                         (int)ceil (hs_ladder_legend_height (self->layout)));
  gtk_widget_queue_draw (GTK_WIDGET (self->legend_area));
}

/* The legend is wrapped to the layout's width, which follows the canvas's
 * allocation: resize it after this layout pass, not during it. */
static void
queue_legend_update (HsLadderView *self)
{
  if (self->legend_idle == 0)
    self->legend_idle = g_idle_add_once (legend_idle_cb, self);
}

static void
update_adjustments (HsLadderView *self)
{
  GtkWidget *canvas = GTK_WIDGET (self->canvas);
  double width = gtk_widget_get_width (canvas);
  double height = gtk_widget_get_height (canvas);
  double content_width = 0;
  double content_height = 0;
  double step = 40;

  if (self->layout != NULL)
    {
      if (width > 0 && hs_ladder_layout_set_width (self->layout, width))
        queue_legend_update (self);
      content_width = hs_ladder_layout_get_columns (self->layout)->width;
      content_height = hs_ladder_header_height () + hs_ladder_layout_get_height (self->layout)
                       + HS_LADDER_BOTTOM_PADDING;
      step = hs_ladder_layout_get_row_height (self->layout);
    }

  if (self->canvas->vadjustment != NULL)
    gtk_adjustment_configure (self->canvas->vadjustment,
                              gtk_adjustment_get_value (self->canvas->vadjustment),
                              0, MAX (content_height, height), step, MAX (1, height * 0.9), height);
  if (self->canvas->hadjustment != NULL)
    gtk_adjustment_configure (self->canvas->hadjustment,
                              gtk_adjustment_get_value (self->canvas->hadjustment),
                              0, MAX (content_width, width), 20, MAX (1, width * 0.9), width);
}

static void
set_scroll_y (HsLadderView *self,
              double        y)
{
  if (self->canvas->vadjustment != NULL)
    gtk_adjustment_set_value (self->canvas->vadjustment, y);
}

static gboolean
canvas_ready (HsLadderView *self)
{
  return gtk_widget_get_mapped (GTK_WIDGET (self->canvas)) &&
         gtk_widget_get_height (GTK_WIDGET (self->canvas)) > 0 &&
         self->canvas->vadjustment != NULL;
}

static void
scroll_to_pos_now (HsLadderView *self,
                   guint         pos,
                   ScrollKind    kind)
{
  double area = rows_area_height (self);
  double v = scroll_y (self);
  double top, bottom;
  guint row;

  row = hs_ladder_layout_row_for_pos (self->layout, pos);
  if (row == HS_LADDER_NO_POS)
    return;
  row_extent (self, row, &top, &bottom);

  if (top >= v && bottom <= v + area)
    return;

  if (kind == SCROLL_CENTER || bottom - top + 2 * SCROLL_MARGIN > area ||
      bottom < v - area || top > v + 2 * area)
    v = top - (area - (bottom - top)) / 2;
  else if (top < v)
    v = top - SCROLL_MARGIN;
  else
    v = bottom - area + SCROLL_MARGIN;

  set_scroll_y (self, MAX (0, v));
}

static void
scroll_to_pos (HsLadderView *self,
               guint         pos,
               ScrollKind    kind)
{
  if (self->layout == NULL || pos == HS_LADDER_NO_POS)
    return;

  if (canvas_ready (self))
    {
      update_adjustments (self);
      scroll_to_pos_now (self, pos, kind);
      self->pending_pos = HS_LADDER_NO_POS;
    }
  else
    {
      self->pending_pos = pos;
      self->pending_kind = kind;
      gtk_widget_queue_allocate (GTK_WIDGET (self->canvas));
    }
}

void
_hs_ladder_view_canvas_allocated (HsLadderView *self)
{
  g_assert (HS_IS_LADDER_VIEW (self));

  update_adjustments (self);

  if (self->pending_pos != HS_LADDER_NO_POS && canvas_ready (self) && self->layout != NULL)
    {
      guint pos = self->pending_pos;

      self->pending_pos = HS_LADDER_NO_POS;
      scroll_to_pos_now (self, pos, self->pending_kind);
    }
}

void
_hs_ladder_view_canvas_scrolled (HsLadderView *self)
{
  g_assert (HS_IS_LADDER_VIEW (self));

  gtk_widget_queue_draw (GTK_WIDGET (self->overview));
}

void
_hs_ladder_view_canvas_mapped (HsLadderView *self)
{
  g_assert (HS_IS_LADDER_VIEW (self));

  if (self->pending_pos != HS_LADDER_NO_POS)
    gtk_widget_queue_allocate (GTK_WIDGET (self->canvas));
}

/* What stays put when the geometry changes: the packet at a height of the
 * rows area, and how far into its row that height is. */
typedef struct
{
  guint  pos;
  double fraction;
  double area_y;
} Anchor;

static gboolean
anchor_at (HsLadderView *self,
           double        area_y,
           Anchor       *anchor)
{
  double y = scroll_y (self) + area_y;
  double top, bottom;
  guint row;

  if (self->layout == NULL || hs_ladder_layout_get_n_rows (self->layout) == 0)
    return FALSE;

  row = hs_ladder_layout_row_at_y (self->layout, y);
  row_extent (self, row, &top, &bottom);
  anchor->pos = hs_ladder_layout_get_row (self->layout, row)->first;
  anchor->fraction = CLAMP ((y - top) / (bottom - top), 0, 1);
  anchor->area_y = area_y;
  return TRUE;
}

/* Anchors the selected packet when it is on screen, else the middle. */
static gboolean
anchor_default (HsLadderView *self,
                Anchor       *anchor)
{
  double area = rows_area_height (self);

  if (self->layout == NULL)
    return FALSE;

  if (self->selected_pos != HS_LADDER_NO_POS)
    {
      guint row = hs_ladder_layout_row_for_pos (self->layout, self->selected_pos);
      double v = scroll_y (self);
      double top, bottom;

      if (row != HS_LADDER_NO_POS)
        {
          row_extent (self, row, &top, &bottom);
          if (bottom > v && top < v + area)
            {
              anchor->pos = self->selected_pos;
              anchor->fraction = 0;
              anchor->area_y = top - v;
              return TRUE;
            }
        }
    }

  return anchor_at (self, area / 2, anchor);
}

static void
restore_anchor (HsLadderView *self,
                const Anchor *anchor)
{
  double top, bottom;
  guint row;

  update_adjustments (self);
  row = hs_ladder_layout_row_for_pos (self->layout, anchor->pos);
  if (row == HS_LADDER_NO_POS)
    return;
  row_extent (self, row, &top, &bottom);
  set_scroll_y (self, top + anchor->fraction * (bottom - top) - anchor->area_y);
}

/* The geometry changed: size, scrollbars, overview and legend follow. */
static void
geometry_changed (HsLadderView *self)
{
  gtk_widget_queue_resize (GTK_WIDGET (self->canvas));
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
  gtk_widget_queue_draw (GTK_WIDGET (self->overview));
  queue_legend_update (self);
}

/* Expanded runs --------------------------------------------------------- */

static void
forget_expanded (HsLadderView *self)
{
  g_array_set_size (self->expanded, 0);
}

static int
find_expanded (HsLadderView *self,
               guint         pos)
{
  for (guint i = 0; i < self->expanded->len; i++)
    {
      const ExpandedRun *run = &g_array_index (self->expanded, ExpandedRun, i);

      if (pos >= run->first && pos <= run->last)
        return (int)i;
    }
  return -1;
}

static gboolean
expand_row (HsLadderView *self,
            guint         row)
{
  const HsLadderRow *r = hs_ladder_layout_get_row (self->layout, row);
  ExpandedRun run;

  if (r->kind != HS_LADDER_ROW_COLLAPSED)
    return FALSE;

  run.first = r->first;
  run.last = r->first + r->n - 1;
  if (!hs_ladder_layout_toggle_run (self->layout, row))
    return FALSE;

  g_array_append_val (self->expanded, run);
  return TRUE;
}

static gboolean
collapse_run (HsLadderView *self,
              int           i)
{
  ExpandedRun run = g_array_index (self->expanded, ExpandedRun, i);
  guint row = hs_ladder_layout_row_for_pos (self->layout, run.first);

  g_array_remove_index_fast (self->expanded, i);
  if (row == HS_LADDER_NO_POS)
    return FALSE;

  if (self->hover_pos >= run.first && self->hover_pos <= run.last)
    self->hover_pos = HS_LADDER_NO_POS;
  return hs_ladder_layout_toggle_run (self->layout, row);
}

/* The y range of an expanded run on the canvas, FALSE when off screen. */
static gboolean
expanded_run_extent (HsLadderView      *self,
                     const ExpandedRun *run,
                     double            *y0,
                     double            *y1)
{
  guint first_row = hs_ladder_layout_row_for_pos (self->layout, run->first);
  guint last_row = hs_ladder_layout_row_for_pos (self->layout, run->last);
  double offset = hs_ladder_header_height () - scroll_y (self);
  double top, bottom, unused;

  if (first_row == HS_LADDER_NO_POS || last_row == HS_LADDER_NO_POS)
    return FALSE;

  row_extent (self, first_row, &top, &unused);
  row_extent (self, last_row, &unused, &bottom);
  *y0 = top + offset;
  *y1 = bottom + offset;
  return *y1 > hs_ladder_header_height () &&
         *y0 < gtk_widget_get_height (GTK_WIDGET (self->canvas));
}

/* The expanded run whose bracket is at a canvas point, or -1. */
static int
bracket_at (HsLadderView *self,
            double        x,
            double        y)
{
  if (self->layout == NULL || x < 0 || x > BRACKET_WIDTH)
    return -1;

  for (guint i = 0; i < self->expanded->len; i++)
    {
      double y0, y1;

      if (expanded_run_extent (self, &g_array_index (self->expanded, ExpandedRun, i), &y0, &y1) &&
          y >= y0 && y < y1)
        return (int)i;
    }
  return -1;
}

/* Drawing --------------------------------------------------------------- */

static void
set_source (cairo_t      *cr,
            const HsRgba *rgba)
{
  cairo_set_source_rgba (cr, rgba->red, rgba->green, rgba->blue, rgba->alpha);
}

/* A bracket along each expanded run at the left edge, with a chevron at its
 * top: a click there collapses the run again. */
static void
paint_brackets (HsLadderView    *self,
                cairo_t         *cr,
                const HsPalette *palette)
{
  for (guint i = 0; i < self->expanded->len; i++)
    {
      double y0, y1, x = 5.5;

      if (!expanded_run_extent (self, &g_array_index (self->expanded, ExpandedRun, i), &y0, &y1))
        continue;

      y0 += 3;
      y1 -= 3;
      /* a faint handle the width of what can be clicked */
      cairo_set_source_rgba (cr, palette->dim.red, palette->dim.green, palette->dim.blue, 0.12);
      cairo_rectangle (cr, 0, y0, BRACKET_WIDTH - 4, y1 - y0);
      cairo_fill (cr);

      set_source (cr, &palette->dim);
      cairo_set_line_width (cr, 1.5);
      cairo_move_to (cr, x + 5, y0 + 0.75);
      cairo_line_to (cr, x, y0 + 0.75);
      cairo_line_to (cr, x, y1 - 0.75);
      cairo_line_to (cr, x + 5, y1 - 0.75);
      cairo_stroke (cr);

      /* the chevron says "fold up" */
      cairo_move_to (cr, x - 2.5, y0 + 11);
      cairo_line_to (cr, x + 1, y0 + 7.5);
      cairo_line_to (cr, x + 4.5, y0 + 11);
      cairo_stroke (cr);
    }
}

void
_hs_ladder_view_snapshot_canvas (HsLadderView *self,
                                 GtkSnapshot  *snapshot)
{
  GtkWidget *canvas = GTK_WIDGET (self->canvas);
  const HsPalette *palette = hs_view_palette (self->dark);
  double width = gtk_widget_get_width (canvas);
  double height = gtk_widget_get_height (canvas);
  double header = hs_ladder_header_height ();
  double x = scroll_x (self);
  HsLadderViewport viewport;
  cairo_t *cr;

  if (self->layout == NULL || width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  set_source (cr, &palette->background);
  cairo_paint (cr);

  /* the rows on screen */
  cairo_save (cr);
  cairo_rectangle (cr, 0, header, width, height - header);
  cairo_clip (cr);
  cairo_translate (cr, -x, header);
  hs_ladder_viewport_init (&viewport);
  viewport.scroll_y = scroll_y (self);
  viewport.height = height - header;
  viewport.selected_pos = self->selected_pos;
  viewport.hover_pos = self->hover_pos;
  viewport.show_phases = TRUE;
  hs_ladder_paint (cr, self->layout, palette, &viewport);
  cairo_restore (cr);

  paint_brackets (self, cr, palette);

  /* the lifeline names stay on top */
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, header);
  cairo_clip (cr);
  set_source (cr, &palette->background);
  cairo_paint (cr);
  cairo_translate (cr, -x, 0);
  hs_ladder_paint_header (cr, self->layout, palette, NULL);
  cairo_restore (cr);

  if (scroll_y (self) > 0)
    {
      /* a hairline under the names once rows pass beneath them */
      set_source (cr, &palette->dim);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, 0, header - 0.5);
      cairo_line_to (cr, width, header - 0.5);
      cairo_stroke (cr);
    }

  cairo_destroy (cr);
}

static void
draw_overview (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  HsLadderView *self = user_data;
  double v = scroll_y (self);

  if (self->layout == NULL)
    return;

  hs_ladder_paint_overview (cr, self->layout, hs_view_palette (self->dark), width, height,
                            v, v + rows_area_height (self));
}

static void
draw_legend (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  HsLadderView *self = user_data;
  const HsPalette *palette = hs_view_palette (self->dark);

  if (self->layout == NULL)
    return;

  set_source (cr, &palette->background);
  cairo_paint (cr);
  hs_ladder_paint_legend (cr, self->layout, palette, NULL);
}

static void
redraw_all (HsLadderView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
  gtk_widget_queue_draw (GTK_WIDGET (self->overview));
  gtk_widget_queue_draw (GTK_WIDGET (self->legend_area));
}

static void
on_dark_changed (HsLadderView *self)
{
  self->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  redraw_all (self);
}

/* Selection ------------------------------------------------------------- */

static void
set_hover_pos (HsLadderView *self,
               guint         pos)
{
  if (self->hover_pos == pos)
    return;

  self->hover_pos = pos;
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

/* A packet hidden in a collapsed run is shown by expanding the run. */
static void
reveal_pos (HsLadderView *self,
            guint         pos)
{
  guint row = hs_ladder_layout_row_for_pos (self->layout, pos);

  if (row == HS_LADDER_NO_POS)
    return;

  if (hs_ladder_layout_get_row (self->layout, row)->kind == HS_LADDER_ROW_COLLAPSED &&
      expand_row (self, row))
    {
      Anchor anchor;
      gboolean anchored = anchor_at (self, 0, &anchor);

      geometry_changed (self);
      if (anchored)
        restore_anchor (self, &anchor);
    }
}

/* Selects a position of the connection, from a click or a key. */
static void
select_pos (HsLadderView *self,
            guint         pos,
            ScrollKind    kind)
{
  guint index;

  if (self->layout == NULL || pos >= hs_ladder_layout_get_n_packets (self->layout))
    return;

  reveal_pos (self, pos);
  index = hs_ladder_layout_get_frame (self->layout, pos);
  self->selected_pos = pos;
  scroll_to_pos (self, pos, kind);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));

  if (self->follower.selected_index != index)
    {
      self->follower.selected_index = index;
      /* everywhere else too */
      if (self->follower.session != NULL)
        hs_session_select_index (self->follower.session, index);
    }
}

/* Zoom ------------------------------------------------------------------ */

static void
update_zoom_controls (HsLadderView *self)
{
  g_autofree char *text = NULL;

  /* Translators: the zoom level of the ladder, "150%" */
  text = g_strdup_printf (_("%.0f%%"), self->zoom * 100);
  gtk_button_set_label (self->zoom_button, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ladder.zoom-in",
                                 self->layout != NULL &&
                                 self->zoom < hs_ladder_layout_get_max_zoom (self->layout) - 1e-9);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ladder.zoom-out",
                                 self->layout != NULL && self->zoom > HS_LADDER_MIN_ZOOM + 1e-9);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ladder.zoom-reset",
                                 self->layout != NULL && fabs (self->zoom - 1) > 1e-9);
}

/* Zooms keeping the packet at `area_y` of the rows area (negative: the
 * selected packet or the middle) where it is. */
static void
zoom_around (HsLadderView *self,
             double        zoom,
             double        area_y)
{
  Anchor anchor;
  gboolean anchored;

  /* time-true zooms in until the closest packets are drawn apart */
  zoom = CLAMP (zoom, HS_LADDER_MIN_ZOOM,
                self->layout != NULL ? hs_ladder_layout_get_max_zoom (self->layout)
                                     : HS_LADDER_MAX_TIME_ZOOM);
  if (fabs (zoom - self->zoom) < 1e-9)
    return;

  anchored = area_y >= 0 ? anchor_at (self, area_y, &anchor) : anchor_default (self, &anchor);
  self->zoom = zoom;
  if (self->layout != NULL && hs_ladder_layout_set_zoom (self->layout, zoom))
    {
      geometry_changed (self);
      if (anchored)
        restore_anchor (self, &anchor);
    }

  update_zoom_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/* The layout's zoom is within its mode's range (time-true zooms further
 * than packet order): the view shows the zoom the layout uses. */
static void
sync_zoom (HsLadderView *self)
{
  double zoom;

  if (self->layout == NULL)
    return;

  zoom = hs_ladder_layout_get_zoom (self->layout);
  if (fabs (zoom - self->zoom) >= 1e-9)
    {
      self->zoom = zoom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
  update_zoom_controls (self);
}

/* Building the layout --------------------------------------------------- */

static void
apply_names (HsLadderView *self)
{
  EndpointNames *names = g_hash_table_lookup (self->names, GUINT_TO_POINTER (self->follower.stream));

  for (guint side = 0; side < 2; side++)
    hs_ladder_layout_set_endpoint_name (self->layout, side, names != NULL ? names->name[side] : NULL);
}

static void
update_actions (HsLadderView *self)
{
  gboolean has_layout = self->layout != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ladder.rename", has_layout);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ladder.toggle-run", has_layout);
  update_zoom_controls (self);
}

static void
update_empty_page (HsLadderView *self)
{
  if (self->follower.capture != NULL && hs_capture_get_n_connections (self->follower.capture) == 0)
    {
      adw_status_page_set_title (self->empty_page, _("No TCP Connections"));
      adw_status_page_set_description (self->empty_page,
                                       _("This capture has no TCP connection to draw."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Connection Selected"));
      adw_status_page_set_description (self->empty_page,
                                       _("Choose a connection in the sidebar to see its ladder "
                                         "diagram."));
    }
}

static void
rebuild_layout (HsLadderView *self)
{
  guint n_packets = 0;

  hs_view_throttle_cancel (&self->live_update);
  g_clear_pointer (&self->layout, hs_ladder_layout_free);
  forget_expanded (self);
  self->selected_pos = HS_LADDER_NO_POS;
  self->hover_pos = HS_LADDER_NO_POS;
  self->pending_pos = HS_LADDER_NO_POS;

  if (self->follower.capture != NULL && self->follower.stream != HS_NO_STREAM &&
      self->follower.stream < hs_capture_get_n_connections (self->follower.capture))
    hs_capture_get_stream_packets (self->follower.capture, self->follower.stream, &n_packets);

  if (n_packets > 0)
    {
      int width = gtk_widget_get_width (GTK_WIDGET (self->canvas));

      /* the mode last: time-true rows are built again by each setting */
      self->layout = hs_ladder_layout_new (self->follower.capture, self->follower.stream);
      hs_ladder_layout_set_zoom (self->layout, self->zoom);
      hs_ladder_layout_set_collapse (self->layout, self->collapse);
      hs_ladder_layout_set_mode (self->layout, self->mode);
      if (width > 0)
        hs_ladder_layout_set_width (self->layout, width);
      apply_names (self);
      if (self->follower.selected_index != G_MAXUINT)
        self->selected_pos = hs_ladder_layout_find_frame (self->layout, self->follower.selected_index);
      sync_zoom (self);
    }

  update_empty_page (self);
  gtk_stack_set_visible_child_name (self->stack, self->layout != NULL ? "ladder" : "empty");
  update_actions (self);

  set_scroll_y (self, 0);
  if (self->canvas->hadjustment != NULL)
    gtk_adjustment_set_value (self->canvas->hadjustment, 0);
  geometry_changed (self);
  update_adjustments (self);

  if (self->selected_pos != HS_LADDER_NO_POS)
    {
      reveal_pos (self, self->selected_pos);
      scroll_to_pos (self, self->selected_pos, SCROLL_CENTER);
    }
}

/* Live documents ---------------------------------------------------------- */

/* The last row is on screen (or everything is): new packets are followed. */
static gboolean
scrolled_to_end (HsLadderView *self)
{
  GtkAdjustment *adjustment = self->canvas->vadjustment;

  if (adjustment == NULL)
    return TRUE;

  return gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) >=
         gtk_adjustment_get_upper (adjustment) - 2;
}

/* A new layout of all the connection's packets, with the same settings
 * and the runs the user opened still open (a run still growing at the end
 * may have become longer). */
static void
relayout_whole (HsLadderView *self)
{
  HsLadderLayout *layout;
  int width;
  guint i;

  layout = hs_ladder_layout_new (self->follower.capture, self->follower.stream);
  hs_ladder_layout_set_zoom (layout, self->zoom);
  hs_ladder_layout_set_collapse (layout, self->collapse);
  hs_ladder_layout_set_mode (layout, self->mode);
  width = gtk_widget_get_width (GTK_WIDGET (self->canvas));
  if (width > 0)
    hs_ladder_layout_set_width (layout, width);
  hs_ladder_layout_free (self->layout);
  self->layout = layout;
  apply_names (self);
  sync_zoom (self);

  /* the runs the user opened stay open (a run still growing at the end
   * may have become longer) */
  for (i = self->expanded->len; i > 0; i--)
    {
      ExpandedRun *run = &g_array_index (self->expanded, ExpandedRun, i - 1);
      guint row = hs_ladder_layout_row_for_pos (layout, run->first);
      const HsLadderRow *r = row != HS_LADDER_NO_POS ? hs_ladder_layout_get_row (layout, row) : NULL;

      if (r != NULL && r->kind == HS_LADDER_ROW_COLLAPSED && r->first == run->first &&
          hs_ladder_layout_toggle_run (layout, row))
        run->last = r->first + r->n - 1;
      else
        g_array_remove_index_fast (self->expanded, i - 1);
    }
}

/* The shown connection grew: a new layout of all its packets, with the
 * same settings, expanded runs, selection and scroll position (the row at
 * the top stays there), or showing the end when the end was shown.
 * Throttled by its cost (hs_view_throttle). */
static void
live_relayout (gpointer data)
{
  HsLadderView *self = data;
  HsLadderLayout *layout;
  Anchor anchor;
  gboolean anchored;
  gboolean at_end;
  guint n_packets = 0;

  if (self->follower.capture == NULL || self->follower.stream == HS_NO_STREAM ||
      self->follower.stream >= hs_capture_get_n_connections (self->follower.capture))
    return;
  hs_capture_get_stream_packets (self->follower.capture, self->follower.stream, &n_packets);

  if (self->layout == NULL)
    {
      /* the connection's first packets: shown as a new connection is */
      if (n_packets > 0)
        rebuild_layout (self);
      return;
    }
  if (hs_ladder_layout_get_n_packets (self->layout) == n_packets)
    return;

  at_end = scrolled_to_end (self);
  anchored = anchor_at (self, 0, &anchor);

  /* the layout takes in the new packets where it can, in time proportional
   * to them; with a run the user opened (whose end the view tracks) it is
   * made again */
  if (self->expanded->len == 0 && hs_ladder_layout_extend (self->layout))
    sync_zoom (self);
  else
    relayout_whole (self);
  layout = self->layout;

  self->selected_pos = self->follower.selected_index != G_MAXUINT
                       ? hs_ladder_layout_find_frame (layout, self->follower.selected_index)
                       : HS_LADDER_NO_POS;
  if (self->hover_pos >= n_packets)
    self->hover_pos = HS_LADDER_NO_POS;

  geometry_changed (self);
  update_adjustments (self);
  if (at_end && self->canvas->vadjustment != NULL)
    set_scroll_y (self, gtk_adjustment_get_upper (self->canvas->vadjustment) -
                        gtk_adjustment_get_page_size (self->canvas->vadjustment));
  else if (anchored)
    restore_anchor (self, &anchor);
  update_actions (self);
}

static void
on_capture_packets_added (gpointer data,
                          guint    old_n_packets,
                          guint    old_n_connections)
{
  HsLadderView *self = data;

  /* the layout's pointers into the document are taken again now; its
   * packets are the same until it is built again */
  if (self->layout != NULL)
    hs_ladder_layout_capture_grew (self->layout);
  if (old_n_connections == 0)
    update_empty_page (self);

  if (hs_capture_stream_changed (self->follower.capture, self->follower.stream))
    hs_view_throttle_queue (&self->live_update);
}

/* Input ----------------------------------------------------------------- */

static gboolean
canvas_to_layout (HsLadderView *self,
                  double        x,
                  double        y,
                  double       *lx,
                  double       *ly)
{
  double header = hs_ladder_header_height ();

  if (self->layout == NULL || y < header)
    return FALSE;

  *lx = x + scroll_x (self);
  *ly = y - header + scroll_y (self);
  return TRUE;
}

static guint
row_at (HsLadderView *self,
        double        x,
        double        y)
{
  double lx, ly;

  if (!canvas_to_layout (self, x, y, &lx, &ly))
    return HS_LADDER_NO_POS;

  return hs_ladder_layout_hit (self->layout, lx, ly);
}

static void
toggle_row (HsLadderView *self,
            guint         row)
{
  const HsLadderRow *r;
  Anchor anchor;
  gboolean anchored, changed = FALSE;
  int run;

  if (self->layout == NULL || row >= hs_ladder_layout_get_n_rows (self->layout))
    return;

  r = hs_ladder_layout_get_row (self->layout, row);
  anchored = anchor_at (self, MAX (0, r->y - scroll_y (self)), &anchor);

  if (r->kind == HS_LADDER_ROW_COLLAPSED)
    changed = expand_row (self, row);
  else if ((run = find_expanded (self, r->first)) >= 0)
    changed = collapse_run (self, run);

  if (changed)
    {
      geometry_changed (self);
      if (anchored)
        restore_anchor (self, &anchor);
    }
}

void
hs_ladder_view_click_at (HsLadderView *self,
                         double        x,
                         double        y)
{
  const HsLadderRow *r;
  guint row;
  int run;

  g_return_if_fail (HS_IS_LADDER_VIEW (self));

  if (self->layout == NULL)
    return;

  if ((run = bracket_at (self, x, y)) >= 0)
    {
      Anchor anchor;
      gboolean anchored = anchor_at (self, MAX (0, y - hs_ladder_header_height ()), &anchor);

      if (collapse_run (self, run))
        {
          geometry_changed (self);
          if (anchored)
            restore_anchor (self, &anchor);
        }
      return;
    }

  row = row_at (self, x, y);
  if (row == HS_LADDER_NO_POS)
    return;

  r = hs_ladder_layout_get_row (self->layout, row);
  if (r->kind == HS_LADDER_ROW_COLLAPSED)
    toggle_row (self, row);
  else
    select_pos (self, r->first, SCROLL_MINIMAL);
}

static void
popup_context_menu (HsLadderView *self,
                    double        x,
                    double        y)
{
  HsLadderCanvas *canvas = self->canvas;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  guint row = row_at (self, x, y);
  int run = bracket_at (self, x, y);

  self->menu_row = HS_LADDER_NO_POS;
  if (run >= 0)
    row = hs_ladder_layout_row_for_pos (self->layout,
                                        g_array_index (self->expanded, ExpandedRun, run).first);

  if (row != HS_LADDER_NO_POS)
    {
      const HsLadderRow *r = hs_ladder_layout_get_row (self->layout, row);

      self->menu_row = row;
      if (r->kind == HS_LADDER_ROW_COLLAPSED)
        g_menu_append (menu, _("_Show These Packets"), "ladder.toggle-run");
      else if (find_expanded (self, r->first) >= 0)
        g_menu_append (menu, _("_Collapse Quiet Run Again"), "ladder.toggle-run");
    }
  g_menu_append (section, _("_Rename Endpoints…"), "ladder.rename");
  g_menu_append (section, _("_Export Ladder…"), "win.export-ladder");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));

  if (canvas->context_menu == NULL)
    {
      canvas->context_menu = gtk_popover_menu_new_from_model (NULL);
      gtk_widget_set_parent (canvas->context_menu, GTK_WIDGET (canvas));
      gtk_popover_set_has_arrow (GTK_POPOVER (canvas->context_menu), FALSE);
      gtk_widget_set_halign (canvas->context_menu, GTK_ALIGN_START);
    }
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (canvas->context_menu), G_MENU_MODEL (menu));
  gtk_popover_set_pointing_to (GTK_POPOVER (canvas->context_menu),
                               &(GdkRectangle) { (int)x, (int)y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (canvas->context_menu));
}

static void
on_canvas_pressed (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   HsLadderView    *self)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (gesture));

  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));

  if (event != NULL && gdk_event_triggers_context_menu (event))
    {
      popup_context_menu (self, x, y);
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      return;
    }

  if (gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)) == GDK_BUTTON_PRIMARY)
    hs_ladder_view_click_at (self, x, y);
}

static void
on_canvas_motion (GtkEventControllerMotion *controller,
                  double                    x,
                  double                    y,
                  HsLadderView             *self)
{
  guint row = row_at (self, x, y);
  guint pos = HS_LADDER_NO_POS;

  gboolean clickable = FALSE;

  self->pointer_y = y;
  if (bracket_at (self, x, y) >= 0)
    clickable = TRUE;
  else if (row != HS_LADDER_NO_POS)
    {
      const HsLadderRow *r = hs_ladder_layout_get_row (self->layout, row);

      if (r->kind == HS_LADDER_ROW_PACKET)
        pos = r->first;
      else
        clickable = TRUE;
    }
  set_hover_pos (self, pos);

  /* the hand over what opens or folds a run */
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->canvas), clickable ? "pointer" : NULL);
}

static void
on_canvas_leave (GtkEventControllerMotion *controller,
                 HsLadderView             *self)
{
  self->pointer_y = -1;
  set_hover_pos (self, HS_LADDER_NO_POS);
}

static gboolean
on_canvas_scroll (GtkEventControllerScroll *controller,
                  double                    dx,
                  double                    dy,
                  HsLadderView             *self)
{
  GdkModifierType state;
  double area_y;

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  if (!(state & GDK_CONTROL_MASK) || self->layout == NULL || dy == 0)
    return FALSE;

  area_y = self->pointer_y >= 0 ? MAX (0, self->pointer_y - hs_ladder_header_height ()) : -1;
  zoom_around (self, self->zoom * pow (ZOOM_STEP, -dy), area_y);
  return TRUE;
}

static gboolean
on_canvas_query_tooltip (GtkWidget    *widget,
                         int           x,
                         int           y,
                         gboolean      keyboard_mode,
                         GtkTooltip   *tooltip,
                         HsLadderView *self)
{
  g_autofree char *text = NULL;
  const HsLadderRow *r;
  double top, bottom, offset;
  guint row;
  int run;

  if (self->layout == NULL)
    return FALSE;

  if (keyboard_mode)
    {
      if (self->selected_pos == HS_LADDER_NO_POS)
        return FALSE;
      row = hs_ladder_layout_row_for_pos (self->layout, self->selected_pos);
    }
  else if ((run = bracket_at (self, x, y)) >= 0)
    {
      const ExpandedRun *e = &g_array_index (self->expanded, ExpandedRun, run);
      guint n = e->last - e->first + 1;

      text = g_strdup_printf (ngettext ("Click to collapse this run of %u quiet packet again",
                                        "Click to collapse this run of %u quiet packets again", n),
                              n);
      gtk_tooltip_set_text (tooltip, text);
      return TRUE;
    }
  else
    row = row_at (self, x, y);

  if (row == HS_LADDER_NO_POS)
    return FALSE;

  r = hs_ladder_layout_get_row (self->layout, row);
  if (r->kind == HS_LADDER_ROW_COLLAPSED)
    {
      g_autofree char *summary = hs_ladder_layout_dup_run_summary (self->layout, row);

      /* Translators: the tooltip of a collapsed run of data segments on the
       * ladder; %s is its summary, "1,204 segments, 3.1 MB" */
      text = g_strdup_printf (_("%s of quiet data\nClick to show these packets"), summary);
    }
  else if (r->kind == HS_LADDER_ROW_BUNDLE && !keyboard_mode)
    {
      g_autofree char *summary = hs_ladder_layout_dup_run_summary (self->layout, row);

      /* Translators: the tooltip of a bundle of the time-true ladder: the
       * frame numbers of its packets and its summary, "40 packets in 1.2
       * ms, 57.9 kB" */
      text = g_strdup_printf (_("Frames %u–%u: %s, too close in time to draw one by one\n"
                                "Zoom in to draw them apart, or click to select the first"),
                              hs_ladder_layout_get_frame (self->layout, r->first) + 1,
                              hs_ladder_layout_get_frame (self->layout, r->first + r->n - 1) + 1,
                              summary);
    }
  else
    {
      /* from the keyboard, the selected packet, also one of a bundle */
      guint pos = keyboard_mode ? self->selected_pos : r->first;
      g_autofree char *label = g_strdup (hs_ladder_layout_get_label (self->layout, pos));
      const char *badge = hs_ladder_layout_get_badge (self->layout, pos);
      guint frame = hs_ladder_layout_get_frame (self->layout, pos) + 1;

      if (badge != NULL)
        /* Translators: the tooltip of an arrow of the ladder: the frame
         * number, what the packet carries, and its anomaly */
        text = g_strdup_printf (_("Frame %u: %s\n%s"), frame, label, badge);
      else
        /* Translators: the tooltip of an arrow of the ladder: the frame
         * number and what the packet carries */
        text = g_strdup_printf (_("Frame %u: %s"), frame, label);
    }

  gtk_tooltip_set_text (tooltip, text);

  /* the tooltip follows the pointer from one row to the next */
  row_extent (self, row, &top, &bottom);
  offset = hs_ladder_header_height () - scroll_y (self);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) {
                              0, (int)floor (top + offset),
                              gtk_widget_get_width (widget), (int)ceil (bottom - top) });
  return TRUE;
}

static guint
first_visible_pos (HsLadderView *self)
{
  guint first, last;
  double v = scroll_y (self);

  if (!hs_ladder_layout_visible_rows (self->layout, v, v + MAX (1, rows_area_height (self)),
                                      &first, &last))
    return 0;
  return hs_ladder_layout_get_row (self->layout, first)->first;
}

static void
select_anomaly (HsLadderView *self,
                gboolean      forward)
{
  const guint32 *anomalies;
  guint n = 0;
  guint pos;

  anomalies = hs_ladder_layout_get_anomalies (self->layout, &n);
  if (self->selected_pos == HS_LADDER_NO_POS)
    pos = n > 0 ? anomalies[forward ? 0 : n - 1] : HS_LADDER_NO_POS;
  else
    pos = hs_ladder_layout_next_anomaly (self->layout, self->selected_pos, forward);

  if (pos == HS_LADDER_NO_POS)
    gtk_widget_error_bell (GTK_WIDGET (self));
  else
    select_pos (self, pos, SCROLL_CENTER);
}

gboolean
hs_ladder_view_key_press (HsLadderView    *self,
                          guint            keyval,
                          GdkModifierType  state)
{
  guint n;
  guint pos;

  g_return_val_if_fail (HS_IS_LADDER_VIEW (self), FALSE);

  if (self->layout == NULL)
    return FALSE;

  n = hs_ladder_layout_get_n_packets (self->layout);
  pos = self->selected_pos;
  state &= gtk_accelerator_get_default_mod_mask ();

  /* zoom with or without Ctrl */
  if ((state & ~(GDK_CONTROL_MASK | GDK_SHIFT_MASK)) == 0)
    {
      switch (keyval)
        {
        case GDK_KEY_plus:
        case GDK_KEY_equal:
        case GDK_KEY_KP_Add:
          zoom_around (self, self->zoom * ZOOM_STEP, -1);
          return TRUE;
        case GDK_KEY_minus:
        case GDK_KEY_KP_Subtract:
          zoom_around (self, self->zoom / ZOOM_STEP, -1);
          return TRUE;
        case GDK_KEY_0:
        case GDK_KEY_KP_0:
          if (state & GDK_CONTROL_MASK)
            {
              zoom_around (self, 1.0, -1);
              return TRUE;
            }
          break;
        default:
          break;
        }
    }

  /* the context menu from the keyboard, at the selected packet */
  if (keyval == GDK_KEY_Menu || (keyval == GDK_KEY_F10 && state == GDK_SHIFT_MASK))
    {
      guint row = HS_LADDER_NO_POS;
      double x = hs_ladder_layout_get_columns (self->layout)->lifeline[0] - scroll_x (self);
      double y = hs_ladder_header_height () + rows_area_height (self) / 2;

      if (pos != HS_LADDER_NO_POS)
        row = hs_ladder_layout_row_for_pos (self->layout, pos);
      if (row != HS_LADDER_NO_POS)
        {
          double top, bottom;

          row_extent (self, row, &top, &bottom);
          y = CLAMP ((top + bottom) / 2 - scroll_y (self) + hs_ladder_header_height (),
                     hs_ladder_header_height (), gtk_widget_get_height (GTK_WIDGET (self->canvas)));
        }
      popup_context_menu (self, x, y);
      return TRUE;
    }

  /* the rest without modifiers: Ctrl+N, Ctrl+comma and the like belong to
   * the window */
  if ((state & ~GDK_SHIFT_MASK) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (pos == HS_LADDER_NO_POS)
        select_pos (self, first_visible_pos (self), SCROLL_MINIMAL);
      else if (pos > 0)
        select_pos (self, pos - 1, SCROLL_MINIMAL);
      else
        gtk_widget_error_bell (GTK_WIDGET (self));
      return TRUE;

    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (pos == HS_LADDER_NO_POS)
        select_pos (self, first_visible_pos (self), SCROLL_MINIMAL);
      else if (pos + 1 < n)
        select_pos (self, pos + 1, SCROLL_MINIMAL);
      else
        gtk_widget_error_bell (GTK_WIDGET (self));
      return TRUE;

    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      select_pos (self, 0, SCROLL_MINIMAL);
      return TRUE;

    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      select_pos (self, n - 1, SCROLL_MINIMAL);
      return TRUE;

    case GDK_KEY_n:
      select_anomaly (self, TRUE);
      return TRUE;

    case GDK_KEY_p:
      select_anomaly (self, FALSE);
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      /* fold the run of the selected packet, or open it again */
      if (pos != HS_LADDER_NO_POS)
        {
          guint row = hs_ladder_layout_row_for_pos (self->layout, pos);

          if (row != HS_LADDER_NO_POS &&
              (hs_ladder_layout_get_row (self->layout, row)->kind == HS_LADDER_ROW_COLLAPSED ||
               find_expanded (self, pos) >= 0))
            {
              toggle_row (self, row);
              scroll_to_pos (self, pos, SCROLL_MINIMAL);
              gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
              return TRUE;
            }
        }
      return FALSE;

    default:
      return FALSE;
    }
}

static gboolean
on_canvas_key_pressed (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       HsLadderView          *self)
{
  return hs_ladder_view_key_press (self, keyval, state);
}

/* The overview strip scrolls to where it is clicked or dragged. */
static void
overview_scroll_to (HsLadderView *self,
                    double        strip_y)
{
  double height = gtk_widget_get_height (GTK_WIDGET (self->overview));
  double y;

  if (self->layout == NULL || height <= 0)
    return;

  y = hs_ladder_overview_to_layout (self->layout, height, CLAMP (strip_y, 0, height));
  set_scroll_y (self, y - rows_area_height (self) / 2);
}

static void
on_overview_drag_begin (GtkGestureDrag *gesture,
                        double          x,
                        double          y,
                        HsLadderView   *self)
{
  self->overview_drag_y = y;
  overview_scroll_to (self, y);
}

static void
on_overview_drag_update (GtkGestureDrag *gesture,
                         double          dx,
                         double          dy,
                         HsLadderView   *self)
{
  overview_scroll_to (self, self->overview_drag_y + dy);
}

/* Actions --------------------------------------------------------------- */

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  HsLadderView *self = HS_LADDER_VIEW (widget);

  if (g_str_equal (action_name, "ladder.zoom-in"))
    zoom_around (self, self->zoom * ZOOM_STEP, -1);
  else if (g_str_equal (action_name, "ladder.zoom-out"))
    zoom_around (self, self->zoom / ZOOM_STEP, -1);
  else
    zoom_around (self, 1.0, -1);
}

static void
toggle_run_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  HsLadderView *self = HS_LADDER_VIEW (widget);

  if (self->canvas->context_menu != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->canvas->context_menu));
  if (self->menu_row != HS_LADDER_NO_POS)
    toggle_row (self, self->menu_row);
  self->menu_row = HS_LADDER_NO_POS;
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

static void
rename_action (GtkWidget  *widget,
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

/* Following the session ------------------------------------------------- */

/* The follower (hs-session-follower.h) keeps what the view shows of the
 * session's: capture, stream, selected_index. */

static void
follow_stream (gpointer data)
{
  rebuild_layout (HS_LADDER_VIEW (data));
}

static void
follow_selection (gpointer data)
{
  HsLadderView *self = data;
  guint index = self->follower.selected_index;
  guint pos = HS_LADDER_NO_POS;

  if (self->layout != NULL && index != G_MAXUINT)
    pos = hs_ladder_layout_find_frame (self->layout, index);

  self->selected_pos = pos;
  if (pos != HS_LADDER_NO_POS)
    {
      reveal_pos (self, pos);
      scroll_to_pos (self, pos, SCROLL_CENTER);
    }
  else if (index != G_MAXUINT && self->follower.capture != NULL &&
           hs_capture_is_live (self->follower.capture))
    /* a packet newer than the layout: shown once the layout follows */
    hs_view_throttle_queue (&self->live_update);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

/* A new capture, with its stream and selection: the view changes once. */
static void
follow_capture (gpointer data)
{
  HsLadderView *self = data;

  /* names are kept per connection of one capture */
  g_hash_table_remove_all (self->names);
  rebuild_layout (self);
}

static const HsSessionFollowerFuncs follower_funcs = {
  .capture_changed = follow_capture,
  .stream_changed = follow_stream,
  .selection_changed = follow_selection,
  .packets_added = on_capture_packets_added,
};

/* GObject --------------------------------------------------------------- */

static void
hs_ladder_view_dispose (GObject *object)
{
  HsLadderView *self = HS_LADDER_VIEW (object);

  hs_session_follower_clear (&self->follower);
  g_clear_handle_id (&self->legend_idle, g_source_remove);
  hs_view_throttle_clear (&self->live_update);
  if (self->canvas != NULL)
    self->canvas->view = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_LADDER_VIEW);

  g_clear_pointer (&self->layout, hs_ladder_layout_free);

  G_OBJECT_CLASS (hs_ladder_view_parent_class)->dispose (object);
}

static void
hs_ladder_view_finalize (GObject *object)
{
  HsLadderView *self = HS_LADDER_VIEW (object);

  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->expanded, g_array_unref);

  G_OBJECT_CLASS (hs_ladder_view_parent_class)->finalize (object);
}

static void
hs_ladder_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HsLadderView *self = HS_LADDER_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->follower.session);
      break;
    case PROP_MODE:
      g_value_set_enum (value, self->mode);
      break;
    case PROP_COLLAPSE:
      g_value_set_boolean (value, self->collapse);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_ladder_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HsLadderView *self = HS_LADDER_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      hs_ladder_view_set_session (self, g_value_get_object (value));
      break;
    case PROP_MODE:
      hs_ladder_view_set_mode (self, g_value_get_enum (value));
      break;
    case PROP_COLLAPSE:
      hs_ladder_view_set_collapse (self, g_value_get_boolean (value));
      break;
    case PROP_ZOOM:
      hs_ladder_view_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_ladder_view_class_init (HsLadderViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hs_ladder_view_dispose;
  object_class->finalize = hs_ladder_view_finalize;
  object_class->get_property = hs_ladder_view_get_property;
  object_class->set_property = hs_ladder_view_set_property;

  properties[PROP_SESSION] = hs_session_follower_param_spec ();
  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL, HS_TYPE_LADDER_VIEW_MODE, HS_LADDER_PACKET_ORDER,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLLAPSE] =
    g_param_spec_boolean ("collapse", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, HS_LADDER_MIN_ZOOM, HS_LADDER_MAX_TIME_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HS_TYPE_LADDER_CANVAS);
  g_type_ensure (HS_TYPE_WRAP_BOX);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/handshake/Handshake/hs-ladder-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HsLadderView, stack);
  gtk_widget_class_bind_template_child (widget_class, HsLadderView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, HsLadderView, scroller);
  gtk_widget_class_bind_template_child (widget_class, HsLadderView, canvas);
  gtk_widget_class_bind_template_child (widget_class, HsLadderView, overview);
  gtk_widget_class_bind_template_child (widget_class, HsLadderView, legend_area);
  gtk_widget_class_bind_template_child (widget_class, HsLadderView, legend_revealer);
  gtk_widget_class_bind_template_child (widget_class, HsLadderView, zoom_button);

  gtk_widget_class_install_property_action (widget_class, "ladder.mode", "mode");
  gtk_widget_class_install_property_action (widget_class, "ladder.collapse", "collapse");
  hs_view_class_install_zoom (widget_class, "ladder", zoom_action);
  gtk_widget_class_install_action (widget_class, "ladder.toggle-run", NULL, toggle_run_action);
  gtk_widget_class_install_action (widget_class, "ladder.rename", NULL, rename_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ladderview");
}

static void
hs_ladder_view_init (HsLadderView *self)
{
  GtkGesture *click;
  GtkGesture *drag;
  GtkEventController *controller;

  self->mode = HS_LADDER_PACKET_ORDER;
  self->zoom = 1.0;
  self->collapse = TRUE;
  self->selected_pos = HS_LADDER_NO_POS;
  self->hover_pos = HS_LADDER_NO_POS;
  hs_view_throttle_init (&self->live_update, GTK_WIDGET (self), live_relayout, self);
  self->menu_row = HS_LADDER_NO_POS;
  self->pending_pos = HS_LADDER_NO_POS;
  self->pointer_y = -1;
  self->names = g_hash_table_new_full (NULL, NULL, NULL, endpoint_names_free);
  self->expanded = g_array_new (FALSE, FALSE, sizeof (ExpandedRun));

  hs_session_follower_init (&self->follower, self, &follower_funcs);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->canvas->view = self;

  self->dark = hs_view_watch_dark (self, G_CALLBACK (on_dark_changed));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "pressed", G_CALLBACK (on_canvas_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), GTK_EVENT_CONTROLLER (click));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (on_canvas_motion), self);
  g_signal_connect (controller, "motion", G_CALLBACK (on_canvas_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_canvas_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_canvas_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_canvas_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), controller);

  g_signal_connect (self->canvas, "query-tooltip", G_CALLBACK (on_canvas_query_tooltip), self);

  drag = gtk_gesture_drag_new ();
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_overview_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_overview_drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self->overview), GTK_EVENT_CONTROLLER (drag));

  gtk_drawing_area_set_draw_func (self->overview, draw_overview, self, NULL);
  gtk_drawing_area_set_draw_func (self->legend_area, draw_legend, self, NULL);

  update_empty_page (self);
  update_actions (self);
}

/* Public API ------------------------------------------------------------ */

GtkWidget *
hs_ladder_view_new (void)
{
  return g_object_new (HS_TYPE_LADDER_VIEW, NULL);
}

/* The session the view follows, set once (by the window's template). */
void
hs_ladder_view_set_session (HsLadderView *self,
                          HsSession    *session)
{
  g_return_if_fail (HS_IS_LADDER_VIEW (self));
  g_return_if_fail (!session || HS_IS_SESSION (session));

  if (hs_session_follower_set_session (&self->follower, session))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

HsSession *
hs_ladder_view_get_session (HsLadderView *self)
{
  g_return_val_if_fail (HS_IS_LADDER_VIEW (self), NULL);

  return self->follower.session;
}

guint
hs_ladder_view_get_stream (HsLadderView *self)
{
  g_return_val_if_fail (HS_IS_LADDER_VIEW (self), HS_NO_STREAM);

  return self->follower.stream;
}

guint
hs_ladder_view_get_selected_index (HsLadderView *self)
{
  g_return_val_if_fail (HS_IS_LADDER_VIEW (self), G_MAXUINT);

  return self->follower.selected_index;
}

void
hs_ladder_view_set_mode (HsLadderView *self,
                         HsLadderMode  mode)
{
  Anchor anchor;
  gboolean anchored;

  g_return_if_fail (HS_IS_LADDER_VIEW (self));

  if (mode != HS_LADDER_TIME_TRUE)
    mode = HS_LADDER_PACKET_ORDER;
  if (self->mode == mode)
    return;

  anchored = anchor_default (self, &anchor);
  self->mode = mode;
  if (self->layout != NULL && hs_ladder_layout_set_mode (self->layout, mode))
    {
      geometry_changed (self);
      if (anchored)
        restore_anchor (self, &anchor);
    }
  sync_zoom (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

HsLadderMode
hs_ladder_view_get_mode (HsLadderView *self)
{
  g_return_val_if_fail (HS_IS_LADDER_VIEW (self), HS_LADDER_PACKET_ORDER);

  return self->mode;
}

void
hs_ladder_view_set_collapse (HsLadderView *self,
                             gboolean      collapse)
{
  Anchor anchor;
  gboolean anchored;

  g_return_if_fail (HS_IS_LADDER_VIEW (self));

  collapse = !!collapse;
  if (self->collapse == collapse)
    return;

  anchored = anchor_default (self, &anchor);
  self->collapse = collapse;
  /* turning collapsing off and on again collapses every run again */
  forget_expanded (self);
  if (self->layout != NULL && hs_ladder_layout_set_collapse (self->layout, collapse))
    {
      /* the selected packet stays in sight */
      if (self->selected_pos != HS_LADDER_NO_POS)
        reveal_pos (self, self->selected_pos);
      geometry_changed (self);
      if (anchored)
        restore_anchor (self, &anchor);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLLAPSE]);
}

gboolean
hs_ladder_view_get_collapse (HsLadderView *self)
{
  g_return_val_if_fail (HS_IS_LADDER_VIEW (self), FALSE);

  return self->collapse;
}

void
hs_ladder_view_set_zoom (HsLadderView *self,
                         double        zoom)
{
  g_return_if_fail (HS_IS_LADDER_VIEW (self));

  zoom_around (self, zoom, -1);
}

double
hs_ladder_view_get_zoom (HsLadderView *self)
{
  g_return_val_if_fail (HS_IS_LADDER_VIEW (self), 1.0);

  return self->zoom;
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

  apply_names (self);
  redraw_all (self);
}

gboolean
hs_ladder_view_get_visible_range (HsLadderView *self,
                                  guint        *first_pos,
                                  guint        *last_pos)
{
  const HsLadderRow *last_row;
  guint first, last;
  double v;

  g_return_val_if_fail (HS_IS_LADDER_VIEW (self), FALSE);

  if (self->layout == NULL)
    return FALSE;

  v = scroll_y (self);
  if (!hs_ladder_layout_visible_rows (self->layout, v, v + MAX (1, rows_area_height (self)),
                                      &first, &last))
    return FALSE;

  last_row = hs_ladder_layout_get_row (self->layout, last);
  *first_pos = hs_ladder_layout_get_row (self->layout, first)->first;
  *last_pos = last_row->first + MAX (last_row->n, 1) - 1;
  return TRUE;
}

gboolean
hs_ladder_view_is_dark (HsLadderView *self)
{
  g_return_val_if_fail (HS_IS_LADDER_VIEW (self), FALSE);

  return self->dark;
}

HsLadderLayout *
hs_ladder_view_get_layout (HsLadderView *self)
{
  g_return_val_if_fail (HS_IS_LADDER_VIEW (self), NULL);

  return self->layout;
}

GtkWidget *
hs_ladder_view_get_canvas (HsLadderView *self)
{
  g_return_val_if_fail (HS_IS_LADDER_VIEW (self), NULL);

  return GTK_WIDGET (self->canvas);
}

double
hs_ladder_view_get_scroll_y (HsLadderView *self)
{
  g_return_val_if_fail (HS_IS_LADDER_VIEW (self), 0);

  return scroll_y (self);
}

void
hs_ladder_view_layout_to_canvas (HsLadderView *self,
                                 double        layout_x,
                                 double        layout_y,
                                 double       *canvas_x,
                                 double       *canvas_y)
{
  g_return_if_fail (HS_IS_LADDER_VIEW (self));

  *canvas_x = layout_x - scroll_x (self);
  *canvas_y = layout_y - scroll_y (self) + hs_ladder_header_height ();
}
