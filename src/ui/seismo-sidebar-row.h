/* seismo-sidebar-row.h — one filter in the timeline's sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "seismo-event-filter.h"

G_BEGIN_DECLS

typedef enum
{
  SEISMO_SIDEBAR_ALL,
  SEISMO_SIDEBAR_UNREAD,
  SEISMO_SIDEBAR_STARRED,
  SEISMO_SIDEBAR_NOTES,
  SEISMO_SIDEBAR_COMPANY,
  SEISMO_SIDEBAR_TAG,
  SEISMO_SIDEBAR_SOURCE,
} SeismoSidebarKind;

#define SEISMO_TYPE_SIDEBAR_ROW (seismo_sidebar_row_get_type ())

G_DECLARE_FINAL_TYPE (SeismoSidebarRow, seismo_sidebar_row, SEISMO, SIDEBAR_ROW, GtkListBoxRow)

GtkWidget         *seismo_sidebar_row_new         (SeismoSidebarKind  kind,
                                                   const char        *key,
                                                   gint64             id,
                                                   const char        *label,
                                                   const char        *icon_name);
SeismoSidebarKind  seismo_sidebar_row_get_kind    (SeismoSidebarRow  *self);
const char        *seismo_sidebar_row_get_key     (SeismoSidebarRow  *self);
gint64             seismo_sidebar_row_get_id      (SeismoSidebarRow  *self);
void               seismo_sidebar_row_set_label   (SeismoSidebarRow  *self,
                                                   const char        *label);
void               seismo_sidebar_row_set_count   (SeismoSidebarRow  *self,
                                                   guint              count);
void               seismo_sidebar_row_set_warning (SeismoSidebarRow  *self,
                                                   const char        *warning);
/* Copies this row's choice into @filter (clearing the others it owns). */
void               seismo_sidebar_row_apply       (SeismoSidebarRow  *self,
                                                   SeismoEventFilter *filter);

G_END_DECLS
