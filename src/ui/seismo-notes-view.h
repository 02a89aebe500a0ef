/* seismo-notes-view.h — every note, searchable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "seismo-store.h"

G_BEGIN_DECLS

#define SEISMO_TYPE_NOTES_VIEW (seismo_notes_view_get_type ())

G_DECLARE_FINAL_TYPE (SeismoNotesView, seismo_notes_view, SEISMO, NOTES_VIEW, GtkWidget)

void seismo_notes_view_set_store (SeismoNotesView *self,
                                  SeismoStore     *store);
void seismo_notes_view_reload    (SeismoNotesView *self);

G_END_DECLS
