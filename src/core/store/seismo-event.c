/* seismo-event.c — one story on the timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "seismo-event.h"

/* An event is what the timeline shows: one happening, reported by one or
 * more items from different sources. The store fills it from a row; the
 * list rows bind to it and watch read, starred and has-note, which the user
 * changes while the row is on screen. */
struct _SeismoEvent
{
  GObject    parent_instance;

  gint64     id;
  char      *title;
  gint64     published;
  char      *url;
  char      *summary;
  char      *source;
  guint      sources_count;
  GStrv      companies;
  GStrv      company_names;
  GStrv      tags;
  char      *note;
  GPtrArray *items;

  guint      dated : 2;
  guint      read : 1;
  guint      starred : 1;
  guint      has_note : 1;
  guint      first_of_day : 1;
  guint      placeholder : 1;
};

G_DEFINE_FINAL_TYPE (SeismoEvent, seismo_event, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_READ,
  PROP_STARRED,
  PROP_HAS_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const empty_strv[] = { NULL };

void
seismo_event_item_free (SeismoEventItem *item)
{
  if (item == NULL)
    return;
  g_free (item->source);
  g_free (item->title);
  g_free (item->url);
  g_free (item->author);
  g_free (item->summary);
  g_free (item);
}

static void
seismo_event_finalize (GObject *object)
{
  SeismoEvent *self = SEISMO_EVENT (object);

  g_free (self->title);
  g_free (self->url);
  g_free (self->summary);
  g_free (self->source);
  g_strfreev (self->companies);
  g_strfreev (self->company_names);
  g_strfreev (self->tags);
  g_free (self->note);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (seismo_event_parent_class)->finalize (object);
}

static void
seismo_event_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SeismoEvent *self = SEISMO_EVENT (object);

  switch (prop_id)
    {
    case PROP_READ:
      g_value_set_boolean (value, self->read);
      break;
    case PROP_STARRED:
      g_value_set_boolean (value, self->starred);
      break;
    case PROP_HAS_NOTE:
      g_value_set_boolean (value, self->has_note);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seismo_event_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SeismoEvent *self = SEISMO_EVENT (object);

  switch (prop_id)
    {
    case PROP_READ:
      seismo_event_set_read (self, g_value_get_boolean (value));
      break;
    case PROP_STARRED:
      seismo_event_set_starred (self, g_value_get_boolean (value));
      break;
    case PROP_HAS_NOTE:
      seismo_event_set_has_note (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seismo_event_class_init (SeismoEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = seismo_event_finalize;
  object_class->get_property = seismo_event_get_property;
  object_class->set_property = seismo_event_set_property;

  properties[PROP_READ] =
    g_param_spec_boolean ("read", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STARRED] =
    g_param_spec_boolean ("starred", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_NOTE] =
    g_param_spec_boolean ("has-note", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SeismoEvent::changed:
   *
   * Its companies or tags changed; rows showing it redraw their chips.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
seismo_event_init (SeismoEvent *self)
{
  self->dated = SEISMO_DATED_EXACT;
}

SeismoEvent *
seismo_event_new (gint64      id,
                  const char *title,
                  gint64      published)
{
  SeismoEvent *self = g_object_new (SEISMO_TYPE_EVENT, NULL);

  self->id = id;
  self->title = g_strdup (title != NULL ? title : "");
  self->published = published;
  return self;
}

SeismoEvent *
seismo_event_new_placeholder (void)
{
  SeismoEvent *self = seismo_event_new (0, "", 0);

  self->placeholder = TRUE;
  return self;
}

gint64
seismo_event_get_id (SeismoEvent *self)
{
  g_return_val_if_fail (SEISMO_IS_EVENT (self), 0);
  return self->id;
}

const char *
seismo_event_get_title (SeismoEvent *self)
{
  g_return_val_if_fail (SEISMO_IS_EVENT (self), NULL);
  return self->title;
}

gint64
seismo_event_get_published (SeismoEvent *self)
{
  g_return_val_if_fail (SEISMO_IS_EVENT (self), 0);
  return self->published;
}

gboolean
seismo_event_get_dated (SeismoEvent *self)
{
  g_return_val_if_fail (SEISMO_IS_EVENT (self), FALSE);
  return self->dated != SEISMO_DATED_NONE;
}

/* FALSE for an event known only to the day: show no time for it. */
gboolean
seismo_event_get_time_known (SeismoEvent *self)
{
  g_return_val_if_fail (SEISMO_IS_EVENT (self), FALSE);
  return self->dated == SEISMO_DATED_EXACT;
}

const char *
seismo_event_get_url (SeismoEvent *self)
{
  g_return_val_if_fail (SEISMO_IS_EVENT (self), NULL);
  return self->url;
}

const char *
seismo_event_get_summary (SeismoEvent *self)
{
  g_return_val_if_fail (SEISMO_IS_EVENT (self), NULL);
  return self->summary;
}

const char *
seismo_event_get_source (SeismoEvent *self)
{
  g_return_val_if_fail (SEISMO_IS_EVENT (self), NULL);
  return self->source;
}

guint
seismo_event_get_sources_count (SeismoEvent *self)
{
  g_return_val_if_fail (SEISMO_IS_EVENT (self), 0);
  return self->sources_count;
}

const char * const *
seismo_event_get_companies (SeismoEvent *self)
{
  g_return_val_if_fail (SEISMO_IS_EVENT (self), NULL);
  return self->companies != NULL ? (const char * const *) self->companies : empty_strv;
}

const char * const *
seismo_event_get_company_names (SeismoEvent *self)
{
  g_return_val_if_fail (SEISMO_IS_EVENT (self), NULL);
  return self->company_names != NULL ? (const char * const *) self->company_names : empty_strv;
}

const char * const *
seismo_event_get_tags (SeismoEvent *self)
{
  g_return_val_if_fail (SEISMO_IS_EVENT (self), NULL);
  return self->tags != NULL ? (const char * const *) self->tags : empty_strv;
}

gboolean
seismo_event_get_read (SeismoEvent *self)
{
  g_return_val_if_fail (SEISMO_IS_EVENT (self), FALSE);
  return self->read;
}

gboolean
seismo_event_get_starred (SeismoEvent *self)
{
  g_return_val_if_fail (SEISMO_IS_EVENT (self), FALSE);
  return self->starred;
}

gboolean
seismo_event_get_has_note (SeismoEvent *self)
{
  g_return_val_if_fail (SEISMO_IS_EVENT (self), FALSE);
  return self->has_note;
}

const char *
seismo_event_get_note (SeismoEvent *self)
{
  g_return_val_if_fail (SEISMO_IS_EVENT (self), NULL);
  return self->note;
}

/* Only events read with seismo_store_get_event() carry their items. */
GPtrArray *
seismo_event_get_items (SeismoEvent *self)
{
  g_return_val_if_fail (SEISMO_IS_EVENT (self), NULL);
  return self->items;
}

gboolean
seismo_event_get_first_of_day (SeismoEvent *self)
{
  g_return_val_if_fail (SEISMO_IS_EVENT (self), FALSE);
  return self->first_of_day;
}

gboolean
seismo_event_get_placeholder (SeismoEvent *self)
{
  g_return_val_if_fail (SEISMO_IS_EVENT (self), FALSE);
  return self->placeholder;
}

SeismoEventCursor
seismo_event_get_cursor (SeismoEvent *self)
{
  SeismoEventCursor cursor = { 0, 0, FALSE };

  g_return_val_if_fail (SEISMO_IS_EVENT (self), cursor);
  cursor.published = self->published;
  cursor.id = self->id;
  cursor.undated = self->dated == SEISMO_DATED_NONE;
  return cursor;
}

void
seismo_event_set_read (SeismoEvent *self,
                       gboolean     read)
{
  g_return_if_fail (SEISMO_IS_EVENT (self));
  read = !!read;
  if (self->read == read)
    return;
  self->read = read;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ]);
}

void
seismo_event_set_starred (SeismoEvent *self,
                          gboolean     starred)
{
  g_return_if_fail (SEISMO_IS_EVENT (self));
  starred = !!starred;
  if (self->starred == starred)
    return;
  self->starred = starred;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARRED]);
}

void
seismo_event_set_has_note (SeismoEvent *self,
                           gboolean     has_note)
{
  g_return_if_fail (SEISMO_IS_EVENT (self));
  has_note = !!has_note;
  if (self->has_note == has_note)
    return;
  self->has_note = has_note;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_NOTE]);
}

void
seismo_event_set_first_of_day (SeismoEvent *self,
                               gboolean     first_of_day)
{
  g_return_if_fail (SEISMO_IS_EVENT (self));
  self->first_of_day = !!first_of_day;
}

void
seismo_event_set_details (SeismoEvent *self,
                          const char  *url,
                          const char  *summary,
                          SeismoDated  dated,
                          const char  *source,
                          guint        sources_count)
{
  g_return_if_fail (SEISMO_IS_EVENT (self));
  g_free (self->url);
  self->url = g_strdup (url);
  g_free (self->summary);
  self->summary = g_strdup (summary);
  self->dated = dated;
  g_free (self->source);
  self->source = g_strdup (source);
  self->sources_count = sources_count;
}

void
seismo_event_take_companies (SeismoEvent *self,
                             GStrv        slugs,
                             GStrv        names)
{
  g_return_if_fail (SEISMO_IS_EVENT (self));
  g_strfreev (self->companies);
  self->companies = slugs;
  g_strfreev (self->company_names);
  self->company_names = names;
}

void
seismo_event_take_tags (SeismoEvent *self,
                        GStrv        tags)
{
  g_return_if_fail (SEISMO_IS_EVENT (self));
  g_strfreev (self->tags);
  self->tags = tags;
}

void
seismo_event_take_items (SeismoEvent *self,
                         GPtrArray   *items)
{
  g_return_if_fail (SEISMO_IS_EVENT (self));
  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->items = items;
}

void
seismo_event_take_note (SeismoEvent *self,
                        char        *note)
{
  g_return_if_fail (SEISMO_IS_EVENT (self));
  g_free (self->note);
  self->note = note;
}

/* Takes @from's companies and tags (after the user edited them in the
 * detail pane) and tells the rows showing this event. */
void
seismo_event_update_labels (SeismoEvent *self,
                            SeismoEvent *from)
{
  g_return_if_fail (SEISMO_IS_EVENT (self));
  g_return_if_fail (SEISMO_IS_EVENT (from));

  seismo_event_take_companies (self, g_strdupv (from->companies), g_strdupv (from->company_names));
  seismo_event_take_tags (self, g_strdupv (from->tags));
  g_signal_emit (self, signals[CHANGED], 0);
}
