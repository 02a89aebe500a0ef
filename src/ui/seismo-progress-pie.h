/* seismo-progress-pie.h — how far a refresh got, as a filling circle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SEISMO_TYPE_PROGRESS_PIE (seismo_progress_pie_get_type ())

G_DECLARE_FINAL_TYPE (SeismoProgressPie, seismo_progress_pie, SEISMO, PROGRESS_PIE, GtkWidget)

GtkWidget *seismo_progress_pie_new          (void);
void       seismo_progress_pie_set_fraction (SeismoProgressPie *self,
                                             double             fraction);
double     seismo_progress_pie_get_fraction (SeismoProgressPie *self);

G_END_DECLS
