/* seismo-tag.c — a label on events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "seismo-tag.h"

/* A tag with the counts the sidebar and `tags list` show beside it. */
struct _SeismoTag
{
  GObject  parent_instance;

  gint64   id;
  char    *name;
  char    *color;
  char    *description;
  guint    events;
  guint    unread;
};

G_DEFINE_FINAL_TYPE (SeismoTag, seismo_tag, G_TYPE_OBJECT)

static void
seismo_tag_finalize (GObject *object)
{
  SeismoTag *self = SEISMO_TAG (object);

  g_free (self->name);
  g_free (self->color);
  g_free (self->description);

  G_OBJECT_CLASS (seismo_tag_parent_class)->finalize (object);
}

static void
seismo_tag_class_init (SeismoTagClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = seismo_tag_finalize;
}

static void
seismo_tag_init (SeismoTag *self)
{
}

SeismoTag *
seismo_tag_new (gint64      id,
                const char *name,
                const char *color,
                const char *description,
                guint       events,
                guint       unread)
{
  SeismoTag *self = g_object_new (SEISMO_TYPE_TAG, NULL);

  self->id = id;
  self->name = g_strdup (name);
  self->color = g_strdup (color);
  self->description = g_strdup (description);
  self->events = events;
  self->unread = unread;
  return self;
}

gint64
seismo_tag_get_id (SeismoTag *self)
{
  g_return_val_if_fail (SEISMO_IS_TAG (self), 0);
  return self->id;
}

const char *
seismo_tag_get_name (SeismoTag *self)
{
  g_return_val_if_fail (SEISMO_IS_TAG (self), NULL);
  return self->name;
}

const char *
seismo_tag_get_color (SeismoTag *self)
{
  g_return_val_if_fail (SEISMO_IS_TAG (self), NULL);
  return self->color;
}

const char *
seismo_tag_get_description (SeismoTag *self)
{
  g_return_val_if_fail (SEISMO_IS_TAG (self), NULL);
  return self->description;
}

guint
seismo_tag_get_events (SeismoTag *self)
{
  g_return_val_if_fail (SEISMO_IS_TAG (self), 0);
  return self->events;
}

guint
seismo_tag_get_unread (SeismoTag *self)
{
  g_return_val_if_fail (SEISMO_IS_TAG (self), 0);
  return self->unread;
}
