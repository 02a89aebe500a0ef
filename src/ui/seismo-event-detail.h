/* seismo-event-detail.h — everything about one event, and the user's note
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "seismo-store.h"

G_BEGIN_DECLS

#define SEISMO_TYPE_EVENT_DETAIL (seismo_event_detail_get_type ())

G_DECLARE_FINAL_TYPE (SeismoEventDetail, seismo_event_detail, SEISMO, EVENT_DETAIL, GtkWidget)

GtkWidget   *seismo_event_detail_new           (void);
void         seismo_event_detail_set_store     (SeismoEventDetail *self,
                                                SeismoStore       *store);
void         seismo_event_detail_show          (SeismoEventDetail *self,
                                                SeismoEvent       *event);
SeismoEvent *seismo_event_detail_get_event     (SeismoEventDetail *self);
void         seismo_event_detail_save_note     (SeismoEventDetail *self);
void         seismo_event_detail_set_narrow    (SeismoEventDetail *self,
                                                gboolean           narrow);
void         seismo_event_detail_toggle        (SeismoEventDetail *self,
                                                SeismoEventFlag    flag);
void         seismo_event_detail_sync_flags    (SeismoEventDetail *self);
GtkTextBuffer *seismo_event_detail_get_note_buffer (SeismoEventDetail *self);
guint        seismo_event_detail_get_n_item_rows (SeismoEventDetail *self);

G_END_DECLS
