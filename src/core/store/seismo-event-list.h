/* seismo-event-list.h — the timeline as a lazy list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seismo-store.h"

G_BEGIN_DECLS

#define SEISMO_TYPE_EVENT_LIST (seismo_event_list_get_type ())

G_DECLARE_FINAL_TYPE (SeismoEventList, seismo_event_list, SEISMO, EVENT_LIST, GObject)

SeismoEventList         *seismo_event_list_new          (SeismoStore             *store,
                                                         const SeismoEventFilter *filter);
const SeismoEventFilter *seismo_event_list_get_filter   (SeismoEventList         *self);
void                     seismo_event_list_set_filter   (SeismoEventList         *self,
                                                         const SeismoEventFilter *filter);
void                     seismo_event_list_reload       (SeismoEventList         *self);
gboolean                 seismo_event_list_get_loading  (SeismoEventList         *self);
guint                    seismo_event_list_find         (SeismoEventList         *self,
                                                         gint64                   event_id);
void                     seismo_event_list_set_paging   (SeismoEventList         *self,
                                                         guint                    page_size,
                                                         guint                    max_pages);
guint                    seismo_event_list_get_n_cached (SeismoEventList         *self);

G_END_DECLS
