/* seismo-bar-chart.h — events per week as bars
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SEISMO_TYPE_BAR_CHART (seismo_bar_chart_get_type ())

G_DECLARE_FINAL_TYPE (SeismoBarChart, seismo_bar_chart, SEISMO, BAR_CHART, GtkWidget)

GtkWidget  *seismo_bar_chart_new          (void);
void        seismo_bar_chart_set_weeks    (SeismoBarChart *self,
                                           GArray         *weeks,
                                           gint64          until);
GArray     *seismo_bar_chart_get_weeks    (SeismoBarChart *self);
char       *seismo_bar_chart_describe     (SeismoBarChart *self);

G_END_DECLS
