/* seismo-progress-pie.c — how far a refresh got, as a filling circle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A determinate stand-in for a spinner, the size of a symbolic icon. A
 * spinner redraws the window sixty times a second for as long as a refresh
 * lasts; on a machine without a GPU that alone tripled the time a
 * thousand-source refresh took. The pie changes only when the progress
 * does. */

#include "config.h"


#include "seismo-progress-pie.h"
#include "seismo-ui-util.h"

#define SIZE 16

struct _SeismoProgressPie
{
  GtkWidget parent_instance;

  double    fraction;
};

G_DEFINE_FINAL_TYPE (SeismoProgressPie, seismo_progress_pie, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_FRACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
seismo_progress_pie_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  SeismoProgressPie *self = SEISMO_PROGRESS_PIE (widget);
  double width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  double radius = MIN (width, height) / 2.0 - 1.0;
  double cx = width / 2.0, cy = height / 2.0;
  cairo_t *cr;
  GdkRGBA color;

  if (radius <= 0)
    return;
  seismo_ui_widget_color (widget, &color);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* the whole, faint; the part done, solid, clockwise from twelve */
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * 0.25);
  cairo_arc (cr, cx, cy, radius, 0, 2 * G_PI);
  cairo_fill (cr);
  if (self->fraction > 0)
    {
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_move_to (cr, cx, cy);
      cairo_arc (cr, cx, cy, radius, -G_PI / 2, -G_PI / 2 + 2 * G_PI * self->fraction);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
}

static void
seismo_progress_pie_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  *minimum = *natural = SIZE;
}

static void
seismo_progress_pie_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  SeismoProgressPie *self = SEISMO_PROGRESS_PIE (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seismo_progress_pie_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  SeismoProgressPie *self = SEISMO_PROGRESS_PIE (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      seismo_progress_pie_set_fraction (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seismo_progress_pie_class_init (SeismoProgressPieClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = seismo_progress_pie_get_property;
  object_class->set_property = seismo_progress_pie_set_property;
  widget_class->snapshot = seismo_progress_pie_snapshot;
  widget_class->measure = seismo_progress_pie_measure;

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "progresspie");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PROGRESS_BAR);
}

static void
seismo_progress_pie_init (SeismoProgressPie *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, 1.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, 0.0,
                                  -1);
}

GtkWidget *
seismo_progress_pie_new (void)
{
  return g_object_new (SEISMO_TYPE_PROGRESS_PIE, NULL);
}

void
seismo_progress_pie_set_fraction (SeismoProgressPie *self,
                                  double             fraction)
{
  g_return_if_fail (SEISMO_IS_PROGRESS_PIE (self));

  fraction = CLAMP (fraction, 0.0, 1.0);
  if (fraction == self->fraction)
    return;
  self->fraction = fraction;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, fraction, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

double
seismo_progress_pie_get_fraction (SeismoProgressPie *self)
{
  g_return_val_if_fail (SEISMO_IS_PROGRESS_PIE (self), 0.0);

  return self->fraction;
}
