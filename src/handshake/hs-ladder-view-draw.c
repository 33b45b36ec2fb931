/* hs-ladder-view-draw.c — drawing the canvas, the overview strip and the legend
 *
 * Copyright 2026 The Handshake authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hs-ladder-view"

#include "config.h"

#include <math.h>

#include "hs-ladder-view-private.h"

/* The legend's size ----------------------------------------------------- */

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
void
_hs_ladder_view_queue_legend_update (HsLadderView *self)
{
  if (self->legend_idle == 0)
    self->legend_idle = g_idle_add_once (legend_idle_cb, self);
}

/* Brackets of expanded runs --------------------------------------------- */

/* The y range of an expanded run on the canvas, FALSE when off screen. */
static gboolean
expanded_run_extent (HsLadderView      *self,
                     const ExpandedRun *run,
                     double            *y0,
                     double            *y1)
{
  guint first_row = hs_ladder_layout_row_for_pos (self->layout, run->first);
  guint last_row = hs_ladder_layout_row_for_pos (self->layout, run->last);
  double offset = hs_ladder_header_height () - _hs_ladder_view_scroll_y (self);
  double top, bottom, unused;

  if (first_row == HS_LADDER_NO_POS || last_row == HS_LADDER_NO_POS)
    return FALSE;

  _hs_ladder_view_row_extent (self, first_row, &top, &unused);
  _hs_ladder_view_row_extent (self, last_row, &unused, &bottom);
  *y0 = top + offset;
  *y1 = bottom + offset;
  return *y1 > hs_ladder_header_height () &&
         *y0 < gtk_widget_get_height (GTK_WIDGET (self->canvas));
}

/* The expanded run whose bracket is at a canvas point, or -1. */
int
_hs_ladder_view_bracket_at (HsLadderView *self,
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
  double x = _hs_ladder_view_scroll_x (self);
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
  viewport.scroll_y = _hs_ladder_view_scroll_y (self);
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

  if (_hs_ladder_view_scroll_y (self) > 0)
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
  double v = _hs_ladder_view_scroll_y (self);

  if (self->layout == NULL)
    return;

  hs_ladder_paint_overview (cr, self->layout, hs_view_palette (self->dark), width, height,
                            v, v + _hs_ladder_view_rows_area_height (self));
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

void
_hs_ladder_view_redraw_all (HsLadderView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
  gtk_widget_queue_draw (GTK_WIDGET (self->overview));
  gtk_widget_queue_draw (GTK_WIDGET (self->legend_area));
}

static void
on_dark_changed (HsLadderView *self)
{
  self->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  _hs_ladder_view_redraw_all (self);
}

/* From the view's init, once its template is built. */
void
_hs_ladder_view_init_drawing (HsLadderView *self)
{
  self->dark = hs_view_watch_dark (self, G_CALLBACK (on_dark_changed));
  gtk_drawing_area_set_draw_func (self->overview, draw_overview, self, NULL);
  gtk_drawing_area_set_draw_func (self->legend_area, draw_legend, self, NULL);
}
