/* seismo-source.c — a feed or JSON API the timeline is filled from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "seismo-source.h"

/* A source row: where to fetch, how to read it, and what happened the last
 * time. The fetcher keeps its validators (ETag, Last-Modified) and back-off
 * state here so that a restart does not forget them. */
struct _SeismoSource
{
  GObject             parent_instance;

  gint64              id;
  char               *url;
  char               *kind;
  char               *title;
  char               *site_url;
  char               *mapping;
  char               *folder;
  char               *error;
  char               *etag;
  char               *last_modified;
  gint64              last_fetch;
  gint64              retry_after;
  guint               failures;
  guint               items;
  guint               interval;
  SeismoSourceStatus  status;
  gboolean            enabled;
};

G_DEFINE_FINAL_TYPE (SeismoSource, seismo_source, G_TYPE_OBJECT)

static const char * const status_names[] = { "new", "ok", "not-modified", "error" };
static const char * const kind_names[] = { "rss", "atom", "jsonfeed", "json-api", NULL };

static void
seismo_source_finalize (GObject *object)
{
  SeismoSource *self = SEISMO_SOURCE (object);

  g_free (self->url);
  g_free (self->kind);
  g_free (self->title);
  g_free (self->site_url);
  g_free (self->mapping);
  g_free (self->folder);
  g_free (self->error);
  g_free (self->etag);
  g_free (self->last_modified);

  G_OBJECT_CLASS (seismo_source_parent_class)->finalize (object);
}

static void
seismo_source_class_init (SeismoSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = seismo_source_finalize;
}

static void
seismo_source_init (SeismoSource *self)
{
  self->enabled = TRUE;
  self->interval = 3600;
}

SeismoSource *
seismo_source_new (const char *url,
                   const char *kind)
{
  SeismoSource *self = g_object_new (SEISMO_TYPE_SOURCE, NULL);

  self->url = g_strdup (url);
  self->kind = g_strdup (kind != NULL ? kind : "rss");
  return self;
}

#define GETTER(type, name, fallback)                              \
  type                                                            \
  seismo_source_get_##name (SeismoSource *self)                   \
  {                                                               \
    g_return_val_if_fail (SEISMO_IS_SOURCE (self), fallback);     \
    return self->name;                                            \
  }

GETTER (gint64, id, 0)
GETTER (const char *, url, NULL)
GETTER (const char *, kind, NULL)
GETTER (const char *, title, NULL)
GETTER (const char *, site_url, NULL)
GETTER (const char *, mapping, NULL)
GETTER (const char *, folder, NULL)
GETTER (gboolean, enabled, FALSE)
GETTER (SeismoSourceStatus, status, SEISMO_SOURCE_STATUS_NEW)
GETTER (const char *, error, NULL)
GETTER (guint, items, 0)
GETTER (gint64, last_fetch, 0)
GETTER (const char *, etag, NULL)
GETTER (const char *, last_modified, NULL)
GETTER (guint, failures, 0)
GETTER (gint64, retry_after, 0)
GETTER (guint, interval, 0)

#undef GETTER

/* What to call a source in a list: its title, or failing that its URL. */
const char *
seismo_source_get_display_title (SeismoSource *self)
{
  g_return_val_if_fail (SEISMO_IS_SOURCE (self), NULL);
  return self->title != NULL && self->title[0] != '\0' ? self->title : self->url;
}

#define STRING_SETTER(name)                                       \
  void                                                            \
  seismo_source_set_##name (SeismoSource *self,                   \
                            const char   *name)                   \
  {                                                               \
    g_return_if_fail (SEISMO_IS_SOURCE (self));                   \
    g_free (self->name);                                          \
    self->name = g_strdup (name);                                 \
  }

STRING_SETTER (url)
STRING_SETTER (title)
STRING_SETTER (site_url)
STRING_SETTER (mapping)
STRING_SETTER (folder)

#undef STRING_SETTER

void
seismo_source_set_kind (SeismoSource *self,
                        const char   *kind)
{
  g_return_if_fail (SEISMO_IS_SOURCE (self));
  g_return_if_fail (kind != NULL);
  g_free (self->kind);
  self->kind = g_strdup (kind);
}

void
seismo_source_set_id (SeismoSource *self,
                      gint64        id)
{
  g_return_if_fail (SEISMO_IS_SOURCE (self));
  self->id = id;
}

void
seismo_source_set_enabled (SeismoSource *self,
                           gboolean      enabled)
{
  g_return_if_fail (SEISMO_IS_SOURCE (self));
  self->enabled = !!enabled;
}

void
seismo_source_set_interval (SeismoSource *self,
                            guint         seconds)
{
  g_return_if_fail (SEISMO_IS_SOURCE (self));
  self->interval = seconds;
}

void
seismo_source_set_fetch_state (SeismoSource       *self,
                               SeismoSourceStatus  status,
                               const char         *error,
                               gint64              last_fetch,
                               guint               failures,
                               gint64              retry_after)
{
  g_return_if_fail (SEISMO_IS_SOURCE (self));
  self->status = status;
  g_free (self->error);
  self->error = g_strdup (error);
  self->last_fetch = last_fetch;
  self->failures = failures;
  self->retry_after = retry_after;
}

void
seismo_source_set_validators (SeismoSource *self,
                              const char   *etag,
                              const char   *last_modified)
{
  g_return_if_fail (SEISMO_IS_SOURCE (self));
  g_free (self->etag);
  self->etag = g_strdup (etag);
  g_free (self->last_modified);
  self->last_modified = g_strdup (last_modified);
}

void
seismo_source_set_items (SeismoSource *self,
                         guint         items)
{
  g_return_if_fail (SEISMO_IS_SOURCE (self));
  self->items = items;
}

const char *
seismo_source_status_to_string (SeismoSourceStatus status)
{
  if ((guint) status >= G_N_ELEMENTS (status_names))
    return "new";
  return status_names[status];
}

SeismoSourceStatus
seismo_source_status_from_string (const char *status)
{
  for (guint i = 0; status != NULL && i < G_N_ELEMENTS (status_names); i++)
    if (g_str_equal (status, status_names[i]))
      return (SeismoSourceStatus) i;
  return SEISMO_SOURCE_STATUS_NEW;
}

gboolean
seismo_source_kind_is_valid (const char *kind)
{
  return kind != NULL && g_strv_contains (kind_names, kind);
}
