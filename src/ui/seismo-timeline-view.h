/* seismo-timeline-view.h — filters, events under day headers, and the detail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "seismo-event-detail.h"
#include "seismo-event-list.h"
#include "seismo-sidebar.h"
#include "seismo-store.h"

G_BEGIN_DECLS

#define SEISMO_TYPE_TIMELINE_VIEW (seismo_timeline_view_get_type ())

G_DECLARE_FINAL_TYPE (SeismoTimelineView, seismo_timeline_view, SEISMO, TIMELINE_VIEW, GtkWidget)

GtkWidget          *seismo_timeline_view_new            (void);
void                seismo_timeline_view_set_store      (SeismoTimelineView *self,
                                                         SeismoStore        *store,
                                                         GSettings          *settings);
void                seismo_timeline_view_reload         (SeismoTimelineView *self);
void                seismo_timeline_view_set_search     (SeismoTimelineView *self,
                                                         const char         *text);
void                seismo_timeline_view_set_narrow     (SeismoTimelineView *self,
                                                         gboolean            narrow);
gboolean            seismo_timeline_view_select_filter  (SeismoTimelineView *self,
                                                         const char         *kind,
                                                         const char         *key);
void                seismo_timeline_view_open_event     (SeismoTimelineView *self,
                                                         gint64              event_id);
GtkWidget          *seismo_timeline_view_get_list_view  (SeismoTimelineView *self);
SeismoEventDetail  *seismo_timeline_view_get_detail     (SeismoTimelineView *self);
SeismoEventList    *seismo_timeline_view_get_events     (SeismoTimelineView *self);
SeismoSidebar      *seismo_timeline_view_get_sidebar    (SeismoTimelineView *self);
GtkSingleSelection *seismo_timeline_view_get_selection  (SeismoTimelineView *self);

G_END_DECLS
