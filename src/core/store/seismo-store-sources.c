/* seismo-store-sources.c — the feeds and APIs the timeline is filled from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "seismo-store-private.h"

#define SOURCE_QUERY                                                                 \
  "SELECT s.id, s.url, s.kind, s.title, s.site_url, s.mapping, s.folder, s.enabled," \
  " s.status, s.error, s.last_fetch, s.failures, s.retry_after, s.interval,"        \
  " s.etag, s.last_modified,"                                                        \
  " (SELECT count (*) FROM items i WHERE i.source_id = s.id)"                        \
  " FROM sources s"

static SeismoSource *
source_from_row (sqlite3_stmt *stmt)
{
  SeismoSource *source = seismo_source_new ((const char *) sqlite3_column_text (stmt, 1),
                                            (const char *) sqlite3_column_text (stmt, 2));

  seismo_source_set_id (source, sqlite3_column_int64 (stmt, 0));
  seismo_source_set_title (source, (const char *) sqlite3_column_text (stmt, 3));
  seismo_source_set_site_url (source, (const char *) sqlite3_column_text (stmt, 4));
  seismo_source_set_mapping (source, (const char *) sqlite3_column_text (stmt, 5));
  seismo_source_set_folder (source, (const char *) sqlite3_column_text (stmt, 6));
  seismo_source_set_enabled (source, sqlite3_column_int (stmt, 7));
  seismo_source_set_fetch_state (source,
                                 seismo_source_status_from_string (
                                   (const char *) sqlite3_column_text (stmt, 8)),
                                 (const char *) sqlite3_column_text (stmt, 9),
                                 sqlite3_column_int64 (stmt, 10),
                                 sqlite3_column_int (stmt, 11),
                                 sqlite3_column_int64 (stmt, 12));
  seismo_source_set_interval (source, sqlite3_column_int (stmt, 13));
  seismo_source_set_validators (source,
                                (const char *) sqlite3_column_text (stmt, 14),
                                (const char *) sqlite3_column_text (stmt, 15));
  seismo_source_set_items (source, sqlite3_column_int (stmt, 16));
  return source;
}

/**
 * seismo_store_list_sources:
 *
 * Every source, by folder and title, with its item count.
 */
GPtrArray *
seismo_store_list_sources (SeismoStore  *self,
                           GError      **error)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SEISMO_IS_STORE (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _seismo_store_prepare (self, SOURCE_QUERY " ORDER BY s.id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (sources, source_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _seismo_store_set_error (self, error, rc, _("read the sources"));
      return NULL;
    }
  return g_steal_pointer (&sources);
}

SeismoSource *
seismo_store_get_source (SeismoStore  *self,
                         gint64        source_id,
                         GError      **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  SeismoSource *source = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SEISMO_IS_STORE (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _seismo_store_prepare (self, SOURCE_QUERY " WHERE s.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, source_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    source = source_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_NOT_FOUND,
                 _("There is no source %" G_GINT64_FORMAT), source_id);
  else if (rc != SQLITE_ROW)
    _seismo_store_set_error (self, error, rc, _("read the source"));
  return source;
}

static gboolean
valid_url (const char  *url,
           GError     **error)
{
  g_autoptr(GUri) uri = NULL;

  if (url != NULL && g_utf8_validate (url, -1, NULL))
    uri = g_uri_parse (url, G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (uri == NULL ||
      (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
       g_strcmp0 (g_uri_get_scheme (uri), "https") != 0) ||
      g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      g_set_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID,
                   _("“%s” is not a web address: a source needs an http:// or https:// URL"),
                   url != NULL && g_utf8_validate (url, -1, NULL) ? url : "?");
      return FALSE;
    }
  return TRUE;
}

/**
 * seismo_store_add_source:
 *
 * Stores a new source and returns its id; a URL already stored is an
 * error naming the source that has it.
 */
gint64
seismo_store_add_source (SeismoStore         *self,
                         const SeismoSource  *source,
                         GError             **error)
{
  SeismoSource *src = (SeismoSource *) source;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  gboolean ok;

  g_return_val_if_fail (SEISMO_IS_STORE (self), 0);
  g_return_val_if_fail (SEISMO_IS_SOURCE (src), 0);

  if (g_strcmp0 (seismo_source_get_kind (src), "builtin") != 0 &&
      !valid_url (seismo_source_get_url (src), error))
    return 0;
  if (!seismo_source_kind_is_valid (seismo_source_get_kind (src)) &&
      g_strcmp0 (seismo_source_get_kind (src), "builtin") != 0)
    {
      g_set_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID,
                   _("Unknown source kind “%s”: use rss, atom, jsonfeed or json-api"),
                   seismo_source_get_kind (src));
      return 0;
    }

  if (!_seismo_store_write_begin (self, error))
    return 0;
  stmt = _seismo_store_prepare (self, "SELECT id FROM sources WHERE url = ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      _seismo_store_bind_text (stmt, 1, seismo_source_get_url (src));
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_set_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID,
                       _("Source %" G_GINT64_FORMAT " already has the address “%s”"),
                       (gint64) sqlite3_column_int64 (stmt, 0), seismo_source_get_url (src));
          ok = FALSE;
        }
      sqlite3_reset (stmt);
    }
  if (ok)
    ok = (stmt = _seismo_store_prepare (self,
                                        "INSERT INTO sources (url, kind, title, site_url, mapping,"
                                        " folder, enabled, interval, created)"
                                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                        error)) != NULL;
  if (ok)
    {
      _seismo_store_bind_text (stmt, 1, seismo_source_get_url (src));
      _seismo_store_bind_text (stmt, 2, seismo_source_get_kind (src));
      _seismo_store_bind_text (stmt, 3, seismo_source_get_title (src));
      _seismo_store_bind_text (stmt, 4, seismo_source_get_site_url (src));
      _seismo_store_bind_text (stmt, 5, seismo_source_get_mapping (src));
      _seismo_store_bind_text (stmt, 6, seismo_source_get_folder (src));
      sqlite3_bind_int (stmt, 7, seismo_source_get_enabled (src));
      sqlite3_bind_int (stmt, 8, MAX (seismo_source_get_interval (src), 60));
      sqlite3_bind_int64 (stmt, 9, g_get_real_time () / G_USEC_PER_SEC);
      ok = _seismo_store_run (self, stmt, error);
      id = sqlite3_last_insert_rowid (self->db);
    }
  if (!_seismo_store_write_end (self, ok, error))
    return 0;
  return id;
}

/**
 * seismo_store_remove_source:
 *
 * Removes a source and the items it brought. Events left with no item go,
 * unless the user wrote a note on them: those stay with their title, date
 * and links. The rest are re-indexed without the removed items.
 */
gboolean
seismo_store_remove_source (SeismoStore  *self,
                            gint64        source_id,
                            GError      **error)
{
  static const char * const steps[] = {
    "CREATE TEMP TABLE IF NOT EXISTS touched (id INTEGER PRIMARY KEY)",
    "DELETE FROM temp.touched",
    "INSERT OR IGNORE INTO temp.touched SELECT event_id FROM items"
    " WHERE source_id = ?1 AND event_id IS NOT NULL",
    /* Events with a note keep the links of the items about to go, so the
     * note still says where the story was told. */
    "UPDATE events SET links = (SELECT json_group_array (json (link)) FROM ("
    "  SELECT value AS link FROM json_each (coalesce (events.links, '[]'))"
    "  UNION ALL"
    "  SELECT json_object ('url', i.url, 'source', coalesce (nullif (s.title, ''), s.url))"
    "  FROM items i JOIN sources s ON s.id = i.source_id"
    "  WHERE i.event_id = events.id AND i.source_id = ?1 AND i.url IS NOT NULL))"
    " WHERE id IN (SELECT n.event_id FROM notes n JOIN temp.touched t ON t.id = n.event_id)",
    "DELETE FROM items WHERE source_id = ?1",
    "DELETE FROM sources WHERE id = ?1",
    "DELETE FROM events_fts WHERE rowid IN (SELECT id FROM temp.touched)",
    "DELETE FROM events WHERE id IN (SELECT id FROM temp.touched)"
    " AND NOT EXISTS (SELECT 1 FROM items i WHERE i.event_id = events.id)"
    " AND NOT EXISTS (SELECT 1 FROM notes n WHERE n.event_id = events.id)",
    "DELETE FROM temp.touched WHERE id NOT IN (SELECT id FROM events)",
  };
  g_autoptr(SeismoSource) source = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (SEISMO_IS_STORE (self), FALSE);

  if (!_seismo_store_write_begin (self, error))
    return FALSE;
  source = seismo_store_get_source (self, source_id, error);
  ok = source != NULL;
  for (guint i = 0; ok && i < G_N_ELEMENTS (steps); i++)
    {
      ok = (stmt = _seismo_store_prepare (self, steps[i], error)) != NULL;
      if (ok && sqlite3_bind_parameter_count (stmt) > 0)
        sqlite3_bind_int64 (stmt, 1, source_id);
      if (ok)
        ok = _seismo_store_run (self, stmt, error);
    }

  /* What is left of each touched event is indexed again. */
  if (ok)
    {
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      int rc;

      ok = (stmt = _seismo_store_prepare (self, "SELECT id FROM temp.touched", error)) != NULL;
      while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (ids, id);
        }
      if (ok)
        sqlite3_reset (stmt);
      for (guint i = 0; ok && i < ids->len; i++)
        ok = _seismo_store_index_event (self, g_array_index (ids, gint64, i), error);
    }
  return _seismo_store_write_end (self, ok, error);
}

gboolean
seismo_store_set_source_enabled (SeismoStore  *self,
                                 gint64        source_id,
                                 gboolean      enabled,
                                 GError      **error)
{
  g_autoptr(SeismoSource) source = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (SEISMO_IS_STORE (self), FALSE);

  if (!_seismo_store_write_begin (self, error))
    return FALSE;
  source = seismo_store_get_source (self, source_id, error);
  ok = source != NULL &&
       (stmt = _seismo_store_prepare (self, "UPDATE sources SET enabled = ? WHERE id = ?",
                                      error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int (stmt, 1, !!enabled);
      sqlite3_bind_int64 (stmt, 2, source_id);
      ok = _seismo_store_run (self, stmt, error);
    }
  return _seismo_store_write_end (self, ok, error);
}
