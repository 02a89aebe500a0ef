/* seismo-window-private.h — the window's actions kept in other files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "seismo-ui-util.h"
#include "seismo-window.h"

G_BEGIN_DECLS

void _seismo_window_import_opml (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter);
void _seismo_window_export_opml (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter);

G_END_DECLS
