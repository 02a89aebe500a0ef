/* seismo-event-row.h — one event in a timeline list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "seismo-event.h"

G_BEGIN_DECLS

#define SEISMO_TYPE_EVENT_ROW (seismo_event_row_get_type ())

G_DECLARE_FINAL_TYPE (SeismoEventRow, seismo_event_row, SEISMO, EVENT_ROW, GtkWidget)

GtkWidget   *seismo_event_row_new        (void);
SeismoEvent *seismo_event_row_get_event  (SeismoEventRow *self);
void         seismo_event_row_set_event  (SeismoEventRow *self,
                                          SeismoEvent    *event);

const char  *seismo_event_row_get_title_text (SeismoEventRow *self);

G_END_DECLS
