/* seismo-company.c — an organization the timeline follows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "seismo-company.h"

/* A company as the Companies view and the CLI show it: who it is, whether
 * the user follows it, and how busy it has been. "followed" is a property
 * because the card's switch and the sidebar both watch it. */
struct _SeismoCompany
{
  GObject  parent_instance;

  gint64   id;
  char    *slug;
  char    *name;
  char    *description;
  char    *homepage;
  GStrv    aliases;
  guint    events_7d;
  guint    events_30d;
  guint    events_total;
  guint    unread;
  gint64   latest_event;
  char    *latest_title;
  gboolean followed;
};

G_DEFINE_FINAL_TYPE (SeismoCompany, seismo_company, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FOLLOWED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const empty_strv[] = { NULL };

static void
seismo_company_finalize (GObject *object)
{
  SeismoCompany *self = SEISMO_COMPANY (object);

  g_free (self->slug);
  g_free (self->name);
  g_free (self->description);
  g_free (self->homepage);
  g_strfreev (self->aliases);
  g_free (self->latest_title);

  G_OBJECT_CLASS (seismo_company_parent_class)->finalize (object);
}

static void
seismo_company_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SeismoCompany *self = SEISMO_COMPANY (object);

  switch (prop_id)
    {
    case PROP_FOLLOWED:
      g_value_set_boolean (value, self->followed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seismo_company_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SeismoCompany *self = SEISMO_COMPANY (object);

  switch (prop_id)
    {
    case PROP_FOLLOWED:
      seismo_company_set_followed (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seismo_company_class_init (SeismoCompanyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = seismo_company_finalize;
  object_class->get_property = seismo_company_get_property;
  object_class->set_property = seismo_company_set_property;

  properties[PROP_FOLLOWED] =
    g_param_spec_boolean ("followed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
seismo_company_init (SeismoCompany *self)
{
}

SeismoCompany *
seismo_company_new (gint64      id,
                    const char *slug,
                    const char *name)
{
  SeismoCompany *self = g_object_new (SEISMO_TYPE_COMPANY, NULL);

  self->id = id;
  self->slug = g_strdup (slug);
  self->name = g_strdup (name);
  return self;
}

gint64
seismo_company_get_id (SeismoCompany *self)
{
  g_return_val_if_fail (SEISMO_IS_COMPANY (self), 0);
  return self->id;
}

const char *
seismo_company_get_slug (SeismoCompany *self)
{
  g_return_val_if_fail (SEISMO_IS_COMPANY (self), NULL);
  return self->slug;
}

const char *
seismo_company_get_name (SeismoCompany *self)
{
  g_return_val_if_fail (SEISMO_IS_COMPANY (self), NULL);
  return self->name;
}

const char *
seismo_company_get_description (SeismoCompany *self)
{
  g_return_val_if_fail (SEISMO_IS_COMPANY (self), NULL);
  return self->description;
}

const char *
seismo_company_get_homepage (SeismoCompany *self)
{
  g_return_val_if_fail (SEISMO_IS_COMPANY (self), NULL);
  return self->homepage;
}

const char * const *
seismo_company_get_aliases (SeismoCompany *self)
{
  g_return_val_if_fail (SEISMO_IS_COMPANY (self), NULL);
  return self->aliases != NULL ? (const char * const *) self->aliases : empty_strv;
}

gboolean
seismo_company_get_followed (SeismoCompany *self)
{
  g_return_val_if_fail (SEISMO_IS_COMPANY (self), FALSE);
  return self->followed;
}

guint
seismo_company_get_events_7d (SeismoCompany *self)
{
  g_return_val_if_fail (SEISMO_IS_COMPANY (self), 0);
  return self->events_7d;
}

guint
seismo_company_get_events_30d (SeismoCompany *self)
{
  g_return_val_if_fail (SEISMO_IS_COMPANY (self), 0);
  return self->events_30d;
}

guint
seismo_company_get_events_total (SeismoCompany *self)
{
  g_return_val_if_fail (SEISMO_IS_COMPANY (self), 0);
  return self->events_total;
}

guint
seismo_company_get_unread (SeismoCompany *self)
{
  g_return_val_if_fail (SEISMO_IS_COMPANY (self), 0);
  return self->unread;
}

const char *
seismo_company_get_latest_title (SeismoCompany *self)
{
  g_return_val_if_fail (SEISMO_IS_COMPANY (self), NULL);
  return self->latest_title;
}

gint64
seismo_company_get_latest_event (SeismoCompany *self)
{
  g_return_val_if_fail (SEISMO_IS_COMPANY (self), 0);
  return self->latest_event;
}

void
seismo_company_set_followed (SeismoCompany *self,
                             gboolean       followed)
{
  g_return_if_fail (SEISMO_IS_COMPANY (self));
  followed = !!followed;
  if (self->followed == followed)
    return;
  self->followed = followed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOWED]);
}

void
seismo_company_set_details (SeismoCompany *self,
                            const char    *description,
                            const char    *homepage)
{
  g_return_if_fail (SEISMO_IS_COMPANY (self));
  g_free (self->description);
  self->description = g_strdup (description);
  g_free (self->homepage);
  self->homepage = g_strdup (homepage);
}

void
seismo_company_set_counts (SeismoCompany *self,
                           guint          events_7d,
                           guint          events_30d,
                           guint          events_total,
                           guint          unread)
{
  g_return_if_fail (SEISMO_IS_COMPANY (self));
  self->events_7d = events_7d;
  self->events_30d = events_30d;
  self->events_total = events_total;
  self->unread = unread;
}

void
seismo_company_set_latest (SeismoCompany *self,
                           gint64         event_id,
                           const char    *title)
{
  g_return_if_fail (SEISMO_IS_COMPANY (self));
  self->latest_event = event_id;
  g_free (self->latest_title);
  self->latest_title = g_strdup (title);
}

void
seismo_company_take_aliases (SeismoCompany *self,
                             GStrv          aliases)
{
  g_return_if_fail (SEISMO_IS_COMPANY (self));
  g_strfreev (self->aliases);
  self->aliases = aliases;
}
