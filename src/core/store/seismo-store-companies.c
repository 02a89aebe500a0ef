/* seismo-store-companies.c — companies and tags, and what the user sets on events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "seismo-store-private.h"

/* Companies and tags attach to events with an origin: "auto" when the
 * matcher or a tag rule put them there, "user" when the user did. A user's
 * removal stays as a row marked removed, so that the next refresh's rules
 * do not put back what the user took off. */

#define DAY (24 * 60 * 60)

gint64
_seismo_store_company_id (SeismoStore  *self,
                          const char   *slug,
                          GError      **error)
{
  sqlite3_stmt *stmt = _seismo_store_prepare (self, "SELECT id FROM companies WHERE slug = ?", error);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  _seismo_store_bind_text (stmt, 1, slug);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (id == 0)
    g_set_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_NOT_FOUND,
                 _("There is no company “%s”"), slug);
  return id;
}

static gboolean
valid_tag_name (const char  *name,
                GError     **error)
{
  if (name == NULL || name[0] == '\0' || !g_utf8_validate (name, -1, NULL) ||
      g_utf8_strlen (name, -1) > 64 || strpbrk (name, " \t\r\n,#") != NULL)
    {
      g_set_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID,
                   _("“%s” is not a valid tag name: use up to 64 letters, digits or dashes, "
                     "without spaces, commas or “#”"),
                   name != NULL && g_utf8_validate (name, -1, NULL) ? name : "?");
      return FALSE;
    }
  return TRUE;
}

gint64
_seismo_store_tag_id (SeismoStore  *self,
                      const char   *name,
                      gboolean      create,
                      GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  stmt = _seismo_store_prepare (self, "SELECT id FROM tags WHERE name = ?", error);
  if (stmt == NULL)
    return 0;
  _seismo_store_bind_text (stmt, 1, name);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (id != 0)
    return id;

  if (!create)
    {
      g_set_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_NOT_FOUND,
                   _("There is no tag “%s”"), name);
      return 0;
    }
  if (!valid_tag_name (name, error))
    return 0;
  stmt = _seismo_store_prepare (self, "INSERT INTO tags (name) VALUES (?)", error);
  if (stmt == NULL)
    return 0;
  _seismo_store_bind_text (stmt, 1, name);
  if (!_seismo_store_run (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

static GStrv
read_aliases (SeismoStore *self,
              gint64       company_id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;

  stmt = _seismo_store_prepare (self,
                                "SELECT text FROM company_aliases WHERE company_id = ?"
                                " AND mode NOT IN ('context', 'exclude') ORDER BY mode, text",
                                NULL);
  if (stmt == NULL)
    return g_strv_builder_end (builder);
  sqlite3_bind_int64 (stmt, 1, company_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return g_strv_builder_end (builder);
}

#define COMPANY_QUERY                                                               \
  "SELECT c.id, c.slug, c.name, c.description, c.homepage, c.followed,"             \
  " count (e.id),"                                                                  \
  " coalesce (sum (e.published >= ?1 - 7 * 86400 AND e.published <= ?1), 0),"      \
  " coalesce (sum (e.published >= ?1 - 30 * 86400 AND e.published <= ?1), 0),"     \
  " coalesce (sum (e.read = 0), 0),"                                                \
  " (SELECT e2.id || char (31) || e2.title FROM event_companies ec2"                \
  "   JOIN events e2 ON e2.id = ec2.event_id"                                       \
  "   WHERE ec2.company_id = c.id AND ec2.removed = 0"                              \
  "   ORDER BY e2.published DESC, e2.id DESC LIMIT 1)"                              \
  " FROM companies c"                                                               \
  " LEFT JOIN event_companies ec ON ec.company_id = c.id AND ec.removed = 0"        \
  " LEFT JOIN events e ON e.id = ec.event_id"

static SeismoCompany *
company_from_row (SeismoStore  *self,
                  sqlite3_stmt *stmt)
{
  SeismoCompany *company = seismo_company_new (sqlite3_column_int64 (stmt, 0),
                                               (const char *) sqlite3_column_text (stmt, 1),
                                               (const char *) sqlite3_column_text (stmt, 2));
  const char *latest = (const char *) sqlite3_column_text (stmt, 10);

  seismo_company_set_details (company,
                              (const char *) sqlite3_column_text (stmt, 3),
                              (const char *) sqlite3_column_text (stmt, 4));
  seismo_company_set_followed (company, sqlite3_column_int (stmt, 5));
  seismo_company_set_counts (company,
                             sqlite3_column_int (stmt, 7),
                             sqlite3_column_int (stmt, 8),
                             sqlite3_column_int (stmt, 6),
                             sqlite3_column_int (stmt, 9));
  if (latest != NULL && strchr (latest, '\x1f') != NULL)
    seismo_company_set_latest (company, g_ascii_strtoll (latest, NULL, 10),
                               strchr (latest, '\x1f') + 1);
  return company;
}

/**
 * seismo_store_list_companies:
 * @now: the time the 7- and 30-day counts end at
 *
 * Every company, by name, with its counts and latest headline.
 */
GPtrArray *
seismo_store_list_companies (SeismoStore  *self,
                             gint64        now,
                             GError      **error)
{
  g_autoptr(GPtrArray) companies = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SEISMO_IS_STORE (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _seismo_store_prepare (self,
                                COMPANY_QUERY " GROUP BY c.id ORDER BY c.name COLLATE NOCASE",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (companies, company_from_row (self, stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _seismo_store_set_error (self, error, rc, _("read the companies"));
      return NULL;
    }

  for (guint i = 0; i < companies->len; i++)
    {
      SeismoCompany *company = g_ptr_array_index (companies, i);

      seismo_company_take_aliases (company, read_aliases (self, seismo_company_get_id (company)));
    }
  return g_steal_pointer (&companies);
}

/**
 * seismo_store_list_followed_companies:
 *
 * The followed companies, by name, with their unread counts only: what the
 * timeline's sidebar shows, read again after every change, without the
 * cost of every company's full counts.
 */
GPtrArray *
seismo_store_list_followed_companies (SeismoStore  *self,
                                      GError      **error)
{
  g_autoptr(GPtrArray) companies = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SEISMO_IS_STORE (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _seismo_store_prepare (self,
                                "SELECT c.id, c.slug, c.name,"
                                " (SELECT count (*) FROM event_companies ec"
                                "  JOIN events e ON e.id = ec.event_id"
                                "  WHERE ec.company_id = c.id AND ec.removed = 0 AND e.read = 0)"
                                " FROM companies c WHERE c.followed = 1"
                                " ORDER BY c.name COLLATE NOCASE",
                                error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SeismoCompany *company = seismo_company_new (sqlite3_column_int64 (stmt, 0),
                                                   (const char *) sqlite3_column_text (stmt, 1),
                                                   (const char *) sqlite3_column_text (stmt, 2));

      seismo_company_set_followed (company, TRUE);
      seismo_company_set_counts (company, 0, 0, 0, sqlite3_column_int (stmt, 3));
      g_ptr_array_add (companies, company);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _seismo_store_set_error (self, error, rc, _("read the companies"));
      return NULL;
    }
  return g_steal_pointer (&companies);
}

SeismoCompany *
seismo_store_get_company (SeismoStore  *self,
                          const char   *slug,
                          gint64        now,
                          GError      **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  SeismoCompany *company = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SEISMO_IS_STORE (self), NULL);
  g_return_val_if_fail (slug != NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _seismo_store_prepare (self, COMPANY_QUERY " WHERE c.slug = ?2 GROUP BY c.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now);
  _seismo_store_bind_text (stmt, 2, slug);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    company = company_from_row (self, stmt);
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_NOT_FOUND,
                 _("There is no company “%s”"), slug);
  else if (rc != SQLITE_ROW)
    _seismo_store_set_error (self, error, rc, _("read the company"));
  if (company != NULL)
    seismo_company_take_aliases (company, read_aliases (self, seismo_company_get_id (company)));
  return company;
}

gboolean
seismo_store_set_followed (SeismoStore  *self,
                           const char   *slug,
                           gboolean      followed,
                           GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (SEISMO_IS_STORE (self), FALSE);

  if (!_seismo_store_write_begin (self, error))
    return FALSE;
  id = _seismo_store_company_id (self, slug, error);
  ok = id != 0 &&
       (stmt = _seismo_store_prepare (self, "UPDATE companies SET followed = ? WHERE id = ?",
                                      error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int (stmt, 1, !!followed);
      sqlite3_bind_int64 (stmt, 2, id);
      ok = _seismo_store_run (self, stmt, error);
    }
  return _seismo_store_write_end (self, ok, error);
}

/* Sets (event, thing) to a user decision in event_companies or event_tags. */
static gboolean
set_user_link (SeismoStore  *self,
               const char   *table,
               const char   *column,
               gint64        event_id,
               gint64        other_id,
               gboolean      removed,
               GError      **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  sql = g_strdup_printf ("INSERT INTO %s (event_id, %s, origin, removed) VALUES (?, ?, 'user', ?)"
                         " ON CONFLICT DO UPDATE SET origin = 'user', removed = excluded.removed",
                         table, column);
  stmt = _seismo_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, event_id);
  sqlite3_bind_int64 (stmt, 2, other_id);
  sqlite3_bind_int (stmt, 3, removed);
  return _seismo_store_run (self, stmt, error);
}

static gboolean
has_link (SeismoStore *self,
          const char  *table,
          const char  *column,
          gint64       event_id,
          gint64       other_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE event_id = ? AND %s = ?"
                                          " AND removed = 0", table, column);
  sqlite3_stmt *stmt = _seismo_store_prepare (self, sql, NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, event_id);
  sqlite3_bind_int64 (stmt, 2, other_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

gboolean
seismo_store_add_event_company (SeismoStore  *self,
                                gint64        event_id,
                                const char   *slug,
                                GError      **error)
{
  gint64 company_id;
  gboolean ok;

  g_return_val_if_fail (SEISMO_IS_STORE (self), FALSE);

  if (!_seismo_store_write_begin (self, error))
    return FALSE;
  ok = _seismo_store_event_exists (self, event_id, error) &&
       (company_id = _seismo_store_company_id (self, slug, error)) != 0 &&
       set_user_link (self, "event_companies", "company_id", event_id, company_id, FALSE, error);
  return _seismo_store_write_end (self, ok, error);
}

gboolean
seismo_store_remove_event_company (SeismoStore  *self,
                                   gint64        event_id,
                                   const char   *slug,
                                   GError      **error)
{
  gint64 company_id = 0;
  gboolean ok;

  g_return_val_if_fail (SEISMO_IS_STORE (self), FALSE);

  if (!_seismo_store_write_begin (self, error))
    return FALSE;
  ok = _seismo_store_event_exists (self, event_id, error) &&
       (company_id = _seismo_store_company_id (self, slug, error)) != 0;
  if (ok && !has_link (self, "event_companies", "company_id", event_id, company_id))
    {
      g_set_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_NOT_FOUND,
                   _("Event %" G_GINT64_FORMAT " is not linked to “%s”"), event_id, slug);
      ok = FALSE;
    }
  if (ok)
    ok = set_user_link (self, "event_companies", "company_id", event_id, company_id, TRUE, error);
  return _seismo_store_write_end (self, ok, error);
}

/**
 * seismo_store_company_activity:
 * @until: the end of the last bucket
 *
 * Events per bucket for a sparkline or a bar chart, oldest bucket first:
 * an array of @n_buckets guint.
 */
GArray *
seismo_store_company_activity (SeismoStore  *self,
                               const char   *slug,
                               gint64        until,
                               guint         n_buckets,
                               guint         bucket_seconds,
                               GError      **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GArray) buckets = NULL;
  gint64 since = until - (gint64) n_buckets * bucket_seconds;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SEISMO_IS_STORE (self), NULL);
  g_return_val_if_fail (n_buckets > 0 && bucket_seconds > 0, NULL);

  buckets = g_array_sized_new (FALSE, TRUE, sizeof (guint), n_buckets);
  g_array_set_size (buckets, n_buckets);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _seismo_store_prepare (self,
                                "SELECT (e.published - ?2) / ?3, count (*)"
                                " FROM event_companies ec JOIN companies c ON c.id = ec.company_id"
                                " JOIN events e ON e.id = ec.event_id"
                                " WHERE c.slug = ?1 AND ec.removed = 0"
                                " AND e.published >= ?2 AND e.published < ?4 GROUP BY 1",
                                error);
  if (stmt == NULL)
    return NULL;
  _seismo_store_bind_text (stmt, 1, slug);
  sqlite3_bind_int64 (stmt, 2, since);
  sqlite3_bind_int64 (stmt, 3, bucket_seconds);
  sqlite3_bind_int64 (stmt, 4, until);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 bucket = sqlite3_column_int64 (stmt, 0);

      if (bucket >= 0 && bucket < n_buckets)
        g_array_index (buckets, guint, bucket) = sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _seismo_store_set_error (self, error, rc, _("read the company’s activity"));
      return NULL;
    }
  return g_steal_pointer (&buckets);
}

/**
 * seismo_store_list_tags:
 *
 * Every tag by name, with how many events carry it and how many of those
 * are unread.
 */
GPtrArray *
seismo_store_list_tags (SeismoStore  *self,
                        GError      **error)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SEISMO_IS_STORE (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _seismo_store_prepare (self,
                                "SELECT t.id, t.name, t.color, t.description, count (e.id),"
                                " coalesce (sum (e.read = 0), 0)"
                                " FROM tags t"
                                " LEFT JOIN event_tags et ON et.tag_id = t.id AND et.removed = 0"
                                " LEFT JOIN events e ON e.id = et.event_id"
                                " GROUP BY t.id ORDER BY t.name",
                                error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (tags, seismo_tag_new (sqlite3_column_int64 (stmt, 0),
                                           (const char *) sqlite3_column_text (stmt, 1),
                                           (const char *) sqlite3_column_text (stmt, 2),
                                           (const char *) sqlite3_column_text (stmt, 3),
                                           sqlite3_column_int (stmt, 4),
                                           sqlite3_column_int (stmt, 5)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _seismo_store_set_error (self, error, rc, _("read the tags"));
      return NULL;
    }
  return g_steal_pointer (&tags);
}

/* A tag the user puts on an event; a new name creates the tag. */
gboolean
seismo_store_add_event_tag (SeismoStore  *self,
                            gint64        event_id,
                            const char   *tag,
                            GError      **error)
{
  gint64 tag_id;
  gboolean ok;

  g_return_val_if_fail (SEISMO_IS_STORE (self), FALSE);

  if (tag != NULL && tag[0] == '#')
    tag++;
  if (!_seismo_store_write_begin (self, error))
    return FALSE;
  ok = _seismo_store_event_exists (self, event_id, error) &&
       (tag_id = _seismo_store_tag_id (self, tag, TRUE, error)) != 0 &&
       set_user_link (self, "event_tags", "tag_id", event_id, tag_id, FALSE, error);
  return _seismo_store_write_end (self, ok, error);
}

gboolean
seismo_store_remove_event_tag (SeismoStore  *self,
                               gint64        event_id,
                               const char   *tag,
                               GError      **error)
{
  gint64 tag_id = 0;
  gboolean ok;

  g_return_val_if_fail (SEISMO_IS_STORE (self), FALSE);

  if (tag != NULL && tag[0] == '#')
    tag++;
  if (!_seismo_store_write_begin (self, error))
    return FALSE;
  ok = _seismo_store_event_exists (self, event_id, error) &&
       (tag_id = _seismo_store_tag_id (self, tag, FALSE, error)) != 0;
  if (ok && !has_link (self, "event_tags", "tag_id", event_id, tag_id))
    {
      g_set_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_NOT_FOUND,
                   _("Event %" G_GINT64_FORMAT " has no tag “%s”"), event_id, tag);
      ok = FALSE;
    }
  if (ok)
    ok = set_user_link (self, "event_tags", "tag_id", event_id, tag_id, TRUE, error);
  return _seismo_store_write_end (self, ok, error);
}
