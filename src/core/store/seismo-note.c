/* seismo-note.c — the user's Markdown on an event or a company
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "seismo-note.h"

/* A note as the Notes view lists it: the body exactly as written, and what
 * it is about (the event's title or the company's name) so that the list
 * reads well even when the event's items are gone. */
struct _SeismoNote
{
  GObject  parent_instance;

  gint64   id;
  gint64   event_id;
  char    *company_slug;
  char    *subject;
  char    *body;
  gint64   created;
  gint64   updated;
  gint64   date;
};

G_DEFINE_FINAL_TYPE (SeismoNote, seismo_note, G_TYPE_OBJECT)

static void
seismo_note_finalize (GObject *object)
{
  SeismoNote *self = SEISMO_NOTE (object);

  g_free (self->company_slug);
  g_free (self->subject);
  g_free (self->body);

  G_OBJECT_CLASS (seismo_note_parent_class)->finalize (object);
}

static void
seismo_note_class_init (SeismoNoteClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = seismo_note_finalize;
}

static void
seismo_note_init (SeismoNote *self)
{
}

SeismoNote *
seismo_note_new (gint64      id,
                 gint64      event_id,
                 const char *company_slug,
                 const char *subject,
                 const char *body,
                 gint64      created,
                 gint64      updated,
                 gint64      date)
{
  SeismoNote *self = g_object_new (SEISMO_TYPE_NOTE, NULL);

  self->id = id;
  self->event_id = event_id;
  self->company_slug = g_strdup (company_slug);
  self->subject = g_strdup (subject);
  self->body = g_strdup (body);
  self->created = created;
  self->updated = updated;
  self->date = date;
  return self;
}

gint64
seismo_note_get_id (SeismoNote *self)
{
  g_return_val_if_fail (SEISMO_IS_NOTE (self), 0);
  return self->id;
}

gint64
seismo_note_get_event_id (SeismoNote *self)
{
  g_return_val_if_fail (SEISMO_IS_NOTE (self), 0);
  return self->event_id;
}

const char *
seismo_note_get_company_slug (SeismoNote *self)
{
  g_return_val_if_fail (SEISMO_IS_NOTE (self), NULL);
  return self->company_slug;
}

const char *
seismo_note_get_subject (SeismoNote *self)
{
  g_return_val_if_fail (SEISMO_IS_NOTE (self), NULL);
  return self->subject;
}

const char *
seismo_note_get_body (SeismoNote *self)
{
  g_return_val_if_fail (SEISMO_IS_NOTE (self), NULL);
  return self->body;
}

gint64
seismo_note_get_created (SeismoNote *self)
{
  g_return_val_if_fail (SEISMO_IS_NOTE (self), 0);
  return self->created;
}

gint64
seismo_note_get_updated (SeismoNote *self)
{
  g_return_val_if_fail (SEISMO_IS_NOTE (self), 0);
  return self->updated;
}

gint64
seismo_note_get_date (SeismoNote *self)
{
  g_return_val_if_fail (SEISMO_IS_NOTE (self), 0);
  return self->date;
}
