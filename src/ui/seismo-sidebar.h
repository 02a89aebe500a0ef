/* seismo-sidebar.h — the timeline's filters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "seismo-store.h"

G_BEGIN_DECLS

#define SEISMO_TYPE_SIDEBAR (seismo_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (SeismoSidebar, seismo_sidebar, SEISMO, SIDEBAR, GtkWidget)

void     seismo_sidebar_set_store     (SeismoSidebar     *self,
                                       SeismoStore       *store);
void     seismo_sidebar_reload        (SeismoSidebar     *self);
void     seismo_sidebar_apply         (SeismoSidebar     *self,
                                       SeismoEventFilter *filter);
gboolean seismo_sidebar_select        (SeismoSidebar     *self,
                                       const char        *kind,
                                       const char        *key);

G_END_DECLS
