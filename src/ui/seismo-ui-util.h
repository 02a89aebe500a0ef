/* seismo-ui-util.h — small things every view needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean seismo_ui_uri_is_web   (const char *uri);
void     seismo_ui_open_uri     (GtkWidget  *widget,
                                 const char *uri);
void     seismo_ui_show_error   (GtkWidget  *widget,
                                 const char *title,
                                 GError     *error);
void     seismo_ui_show_toast   (GtkWidget  *widget,
                                 const char *message);

void     seismo_ui_widget_color (GtkWidget  *widget,
                                 GdkRGBA    *color);

char    *seismo_ui_tag_class      (const char *tag);
void     seismo_ui_set_tag_colors (GPtrArray  *tags);

G_END_DECLS
