/* seismo-bar-chart.c — events per week as bars
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "seismo-bar-chart.h"
#include "seismo-ui-util.h"

/* The company panel's weekly activity: one bar per week (a GArray of
 * guint, oldest first, the last week ending at "until"), scaled to the
 * busiest week, in the widget's CSS colour (the "accent" class). A week
 * without events is a faint tick, so the time axis stays visible. Hovering
 * a bar tells its week and count; the accessible description says the
 * same in one sentence ("12 events in the last 26 weeks, most in the week
 * of 27 January"). */

#define WEEK (7 * 24 * 60 * 60)
#define GAP 3.0

struct _SeismoBarChart
{
  GtkWidget  parent_instance;

  GArray    *weeks;
  gint64     until;
  guint      total;
  guint      max;
  guint      busiest;
};

G_DEFINE_FINAL_TYPE (SeismoBarChart, seismo_bar_chart, GTK_TYPE_WIDGET)

static gint64
week_start (SeismoBarChart *self,
            guint           index)
{
  return self->until - (gint64) (self->weeks->len - index) * WEEK;
}

/* "27 January", with the year when it is not this year's. */
static char *
format_week (gint64 start)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (start);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (date == NULL)
    return g_strdup ("");
  if (g_date_time_get_year (date) == g_date_time_get_year (now))
    /* Translators: the first day of a week in a chart, see strftime(3): "27 January" */
    return g_date_time_format (date, _("%-d %B"));
  /* Translators: the first day of a week in a chart, see strftime(3): "27 January 2025" */
  return g_date_time_format (date, _("%-d %B %Y"));
}

static void
bar_geometry (SeismoBarChart *self,
              double          width,
              double         *bar,
              double         *gap)
{
  guint n = self->weeks->len;

  *gap = n > 1 ? MIN (GAP, width / (n * 3.0)) : 0;
  *bar = (width - *gap * (n - 1)) / n;
}

static void
seismo_bar_chart_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  SeismoBarChart *self = SEISMO_BAR_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double bar, gap;
  GdkRGBA color, faint;

  if (self->weeks == NULL || self->weeks->len == 0 || width <= 0 || height <= 0)
    return;
  seismo_ui_widget_color (widget, &color);
  faint = color;
  faint.alpha *= 0.3;
  bar_geometry (self, width, &bar, &gap);

  for (guint i = 0; i < self->weeks->len; i++)
    {
      guint value = g_array_index (self->weeks, guint, i);
      double x = i * (bar + gap);
      double h = value > 0 ? MAX (3.0, height * value / self->max) : 2.0;

      gtk_snapshot_append_color (snapshot, value > 0 ? &color : &faint,
                                 &GRAPHENE_RECT_INIT (x, height - h, bar, h));
    }
}

static gboolean
seismo_bar_chart_query_tooltip (GtkWidget  *widget,
                                int         x,
                                int         y,
                                gboolean    keyboard,
                                GtkTooltip *tooltip)
{
  SeismoBarChart *self = SEISMO_BAR_CHART (widget);
  g_autofree char *week = NULL;
  g_autofree char *text = NULL;
  double bar, gap;
  guint index, value;

  if (self->weeks == NULL || self->weeks->len == 0 || keyboard)
    return FALSE;
  bar_geometry (self, gtk_widget_get_width (widget), &bar, &gap);
  index = MIN ((guint) MAX (0, x / (bar + gap)), self->weeks->len - 1);
  value = g_array_index (self->weeks, guint, index);
  week = format_week (week_start (self, index));
  /* Translators: a bar's tooltip: "Week of 27 January: 9 events" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Week of %s: %u event",
                                       "Week of %s: %u events", value),
                          week, value);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
seismo_bar_chart_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 104;
      *natural = 320;
    }
  else
    *minimum = *natural = 72;
}

static void
seismo_bar_chart_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (seismo_bar_chart_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

static void
seismo_bar_chart_finalize (GObject *object)
{
  g_clear_pointer (&SEISMO_BAR_CHART (object)->weeks, g_array_unref);

  G_OBJECT_CLASS (seismo_bar_chart_parent_class)->finalize (object);
}

static void
seismo_bar_chart_class_init (SeismoBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = seismo_bar_chart_finalize;
  widget_class->snapshot = seismo_bar_chart_snapshot;
  widget_class->measure = seismo_bar_chart_measure;
  widget_class->query_tooltip = seismo_bar_chart_query_tooltip;
  widget_class->css_changed = seismo_bar_chart_css_changed;

  gtk_widget_class_set_css_name (widget_class, "barchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
seismo_bar_chart_init (SeismoBarChart *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "accent");
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Weekly activity"), -1);
}

GtkWidget *
seismo_bar_chart_new (void)
{
  return g_object_new (SEISMO_TYPE_BAR_CHART, NULL);
}

/**
 * seismo_bar_chart_describe:
 *
 * The chart in one sentence, for screen readers and tests.
 */
char *
seismo_bar_chart_describe (SeismoBarChart *self)
{
  g_autofree char *busiest = NULL;
  g_autofree char *span = NULL;
  guint n;

  g_return_val_if_fail (SEISMO_IS_BAR_CHART (self), NULL);

  n = self->weeks != NULL ? self->weeks->len : 0;
  if (n == 0)
    return g_strdup (_("No activity to show"));

  /* "the last 26 weeks" only when they end now; else say when they end. */
  if (self->until >= g_get_real_time () / G_USEC_PER_SEC)
    span = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "the last %u week", "the last %u weeks",
                                         n),
                            n);
  else
    {
      g_autofree char *last = format_week (self->until - 1);

      /* Translators: "the 26 weeks to 2 February 2025" */
      span = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "the %u week to %s",
                                           "the %u weeks to %s", n),
                              n, last);
    }

  if (self->total == 0)
    /* Translators: %s is "the last 26 weeks" or "the 26 weeks to 2 February 2025" */
    return g_strdup_printf (_("No events in %s"), span);
  busiest = format_week (week_start (self, self->busiest));
  /* Translators: "12 events in the last 26 weeks, most in the week of 27 January" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event in %s, most in the week of %s",
                                       "%u events in %s, most in the week of %s", self->total),
                          self->total, span, busiest);
}

/**
 * seismo_bar_chart_set_weeks:
 * @weeks: (nullable): events per week, oldest first; the chart keeps a reference
 * @until: the end of the last week, Unix seconds
 */
void
seismo_bar_chart_set_weeks (SeismoBarChart *self,
                            GArray         *weeks,
                            gint64          until)
{
  g_autofree char *description = NULL;

  g_return_if_fail (SEISMO_IS_BAR_CHART (self));
  g_return_if_fail (weeks == NULL || g_array_get_element_size (weeks) == sizeof (guint));

  if (weeks != NULL)
    g_array_ref (weeks);
  g_clear_pointer (&self->weeks, g_array_unref);
  self->weeks = weeks;
  self->until = until;

  self->total = self->max = self->busiest = 0;
  for (guint i = 0; weeks != NULL && i < weeks->len; i++)
    {
      guint value = g_array_index (weeks, guint, i);

      self->total += value;
      if (value > self->max)
        {
          self->max = value;
          self->busiest = i;
        }
    }

  description = seismo_bar_chart_describe (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GArray *
seismo_bar_chart_get_weeks (SeismoBarChart *self)
{
  g_return_val_if_fail (SEISMO_IS_BAR_CHART (self), NULL);
  return self->weeks;
}
