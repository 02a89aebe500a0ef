/* seismo-sparkline.c — a small line of activity over time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "seismo-sparkline.h"
#include "seismo-ui-util.h"

/* A word-sized chart: a series of counts (a GArray of guint, oldest
 * first) as a line over a faint area, scaled to its own maximum. It draws
 * in the widget's CSS colour, so the "accent" style class gives it the
 * accent colour in light, dark and high-contrast styles alike; an empty or
 * all-zero series is a faint baseline. What the series means (which days)
 * is for the caller to say, in a caption and in the accessible
 * description. */

#define LINE_WIDTH 1.5

struct _SeismoSparkline
{
  GtkWidget  parent_instance;

  GArray    *series;
  guint      total;
  guint      max;
};

G_DEFINE_FINAL_TYPE (SeismoSparkline, seismo_sparkline, GTK_TYPE_WIDGET)

static void
seismo_sparkline_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  SeismoSparkline *self = SEISMO_SPARKLINE (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double top = LINE_WIDTH, bottom = height - LINE_WIDTH;
  double left = LINE_WIDTH, right = width - LINE_WIDTH;
  GdkRGBA color;
  cairo_t *cr;
  guint n;

  if (width <= 0 || height <= 0)
    return;
  seismo_ui_widget_color (widget, &color);
  n = self->series != NULL ? self->series->len : 0;

  if (self->max == 0 || n < 2)
    {
      color.alpha *= 0.35;
      gtk_snapshot_append_color (snapshot, &color,
                                 &GRAPHENE_RECT_INIT (0, bottom - 1, width, 1));
      return;
    }

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_move_to (cr, left, bottom);
  for (guint i = 0; i < n; i++)
    {
      double x = left + (right - left) * i / (n - 1);
      double y = bottom - (bottom - top) * g_array_index (self->series, guint, i) / self->max;

      cairo_line_to (cr, x, y);
    }
  cairo_line_to (cr, right, bottom);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * 0.22);
  cairo_fill_preserve (cr);

  /* The same path without its closing edges is the line. */
  cairo_new_path (cr);
  for (guint i = 0; i < n; i++)
    cairo_line_to (cr, left + (right - left) * i / (n - 1),
                   bottom - (bottom - top) * g_array_index (self->series, guint, i) / self->max);
  cairo_set_line_width (cr, LINE_WIDTH);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
seismo_sparkline_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 48;
      *natural = 160;
    }
  else
    *minimum = *natural = 32;
}

static void
seismo_sparkline_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (seismo_sparkline_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

static void
seismo_sparkline_finalize (GObject *object)
{
  g_clear_pointer (&SEISMO_SPARKLINE (object)->series, g_array_unref);

  G_OBJECT_CLASS (seismo_sparkline_parent_class)->finalize (object);
}

static void
seismo_sparkline_class_init (SeismoSparklineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = seismo_sparkline_finalize;
  widget_class->snapshot = seismo_sparkline_snapshot;
  widget_class->measure = seismo_sparkline_measure;
  widget_class->css_changed = seismo_sparkline_css_changed;

  gtk_widget_class_set_css_name (widget_class, "sparkline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
seismo_sparkline_init (SeismoSparkline *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "accent");
}

GtkWidget *
seismo_sparkline_new (void)
{
  return g_object_new (SEISMO_TYPE_SPARKLINE, NULL);
}

/**
 * seismo_sparkline_set_series:
 * @series: (nullable): counts, oldest first; the sparkline keeps a reference
 */
void
seismo_sparkline_set_series (SeismoSparkline *self,
                             GArray          *series)
{
  g_return_if_fail (SEISMO_IS_SPARKLINE (self));
  g_return_if_fail (series == NULL || g_array_get_element_size (series) == sizeof (guint));

  if (series != NULL)
    g_array_ref (series);
  g_clear_pointer (&self->series, g_array_unref);
  self->series = series;

  self->total = self->max = 0;
  for (guint i = 0; series != NULL && i < series->len; i++)
    {
      guint value = g_array_index (series, guint, i);

      self->total += value;
      self->max = MAX (self->max, value);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GArray *
seismo_sparkline_get_series (SeismoSparkline *self)
{
  g_return_val_if_fail (SEISMO_IS_SPARKLINE (self), NULL);
  return self->series;
}

guint
seismo_sparkline_get_total (SeismoSparkline *self)
{
  g_return_val_if_fail (SEISMO_IS_SPARKLINE (self), 0);
  return self->total;
}
