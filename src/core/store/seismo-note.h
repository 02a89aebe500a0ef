/* seismo-note.h — the user's Markdown on an event or a company
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SEISMO_TYPE_NOTE (seismo_note_get_type ())

G_DECLARE_FINAL_TYPE (SeismoNote, seismo_note, SEISMO, NOTE, GObject)

SeismoNote  *seismo_note_new               (gint64       id,
                                            gint64       event_id,
                                            const char  *company_slug,
                                            const char  *subject,
                                            const char  *body,
                                            gint64       created,
                                            gint64       updated,
                                            gint64       date);
gint64       seismo_note_get_id            (SeismoNote  *self);
gint64       seismo_note_get_event_id      (SeismoNote  *self);
const char  *seismo_note_get_company_slug  (SeismoNote  *self);
const char  *seismo_note_get_subject       (SeismoNote  *self);
const char  *seismo_note_get_body          (SeismoNote  *self);
gint64       seismo_note_get_created       (SeismoNote  *self);
gint64       seismo_note_get_updated       (SeismoNote  *self);
gint64       seismo_note_get_date          (SeismoNote  *self);

G_END_DECLS
