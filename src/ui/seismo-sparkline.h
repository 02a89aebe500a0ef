/* seismo-sparkline.h — a small line of activity over time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SEISMO_TYPE_SPARKLINE (seismo_sparkline_get_type ())

G_DECLARE_FINAL_TYPE (SeismoSparkline, seismo_sparkline, SEISMO, SPARKLINE, GtkWidget)

GtkWidget  *seismo_sparkline_new         (void);
void        seismo_sparkline_set_series  (SeismoSparkline *self,
                                          GArray          *series);
GArray     *seismo_sparkline_get_series  (SeismoSparkline *self);
guint       seismo_sparkline_get_total   (SeismoSparkline *self);

G_END_DECLS
