/* seismo-store-split.c — the user splits an event, or merges two
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "seismo-store-private.h"

/* Clustering guesses; the user decides. An item split off into its own
 * event, or two events merged into one, are pinned: the refresh never
 * adds items to them by guesswork again, and the user's companies, tags
 * and note come along. */

static gboolean
run_sql (SeismoStore  *self,
         const char   *sql,
         gint64        a,
         gint64        b,
         GError      **error)
{
  sqlite3_stmt *stmt = _seismo_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_count (stmt) >= 1)
    sqlite3_bind_int64 (stmt, 1, a);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, b);
  return _seismo_store_run (self, stmt, error);
}

static gint64
query_int (SeismoStore *self,
           const char  *sql,
           gint64       a)
{
  sqlite3_stmt *stmt = _seismo_store_prepare (self, sql, NULL);
  gint64 value = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, a);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

/* An event shows its earliest remaining item's title and link. */
static gboolean
refresh_headline (SeismoStore  *self,
                  gint64        event_id,
                  GError      **error)
{
  return run_sql (self,
                  "UPDATE events SET"
                  " title = coalesce ((SELECT i.title FROM items i WHERE i.event_id = ?1"
                  "   ORDER BY i.published IS NULL, i.published, i.id LIMIT 1), title),"
                  " url = coalesce ((SELECT i.url FROM items i WHERE i.event_id = ?1"
                  "   ORDER BY i.published IS NULL, i.published, i.id LIMIT 1), url)"
                  " WHERE id = ?1",
                  event_id, 0, error) &&
         _seismo_store_index_event (self, event_id, error);
}

/**
 * seismo_store_split_item:
 * @new_event_id: (out) (optional): the event the item now makes
 *
 * Takes an item out of its event into an event of its own, with the same
 * companies and tags. Both events are pinned.
 */
gboolean
seismo_store_split_item (SeismoStore  *self,
                         gint64        item_id,
                         gint64       *new_event_id,
                         GError      **error)
{
  gint64 event_id, fresh = 0;
  gboolean ok;

  g_return_val_if_fail (SEISMO_IS_STORE (self), FALSE);

  if (!_seismo_store_write_begin (self, error))
    return FALSE;
  event_id = query_int (self, "SELECT event_id FROM items WHERE id = ?", item_id);
  ok = event_id != 0;
  if (!ok)
    g_set_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_NOT_FOUND,
                 _("There is no item %" G_GINT64_FORMAT " on the timeline"), item_id);
  if (ok && query_int (self, "SELECT count (*) FROM items WHERE event_id = ?", event_id) < 2)
    {
      g_set_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID,
                   _("Item %" G_GINT64_FORMAT " is the only one of its event: there is nothing "
                     "to split"), item_id);
      ok = FALSE;
    }
  ok = ok && run_sql (self,
                      "INSERT INTO events (title, summary, url, published, dated, read, starred,"
                      " pinned, created)"
                      " SELECT coalesce (i.title, ''), i.summary, i.url,"
                      "  coalesce (i.published, e.published), i.published IS NOT NULL, e.read,"
                      "  e.starred, 1, strftime ('%s', 'now')"
                      " FROM items i JOIN events e ON e.id = i.event_id WHERE i.id = ?1",
                      item_id, 0, error);
  if (ok)
    fresh = sqlite3_last_insert_rowid (self->db);
  ok = ok && run_sql (self, "UPDATE items SET event_id = ?2 WHERE id = ?1", item_id, fresh, error) &&
       run_sql (self, "INSERT INTO event_companies (event_id, company_id, origin, removed)"
                      " SELECT ?2, company_id, origin, removed FROM event_companies WHERE event_id = ?1",
                event_id, fresh, error) &&
       run_sql (self, "INSERT INTO event_tags (event_id, tag_id, origin, removed)"
                      " SELECT ?2, tag_id, origin, removed FROM event_tags WHERE event_id = ?1",
                event_id, fresh, error) &&
       run_sql (self, "UPDATE events SET pinned = 1 WHERE id = ?1", event_id, 0, error) &&
       refresh_headline (self, event_id, error) && refresh_headline (self, fresh, error);
  if (!_seismo_store_write_end (self, ok, error))
    return FALSE;
  if (new_event_id != NULL)
    *new_event_id = fresh;
  return TRUE;
}

/**
 * seismo_store_merge_events:
 * @from_id: the event that goes
 * @into_id: the event that stays, with every item of both
 *
 * Merges two events the clustering kept apart. Companies and tags join
 * (a user's decision on either wins over a rule's), notes are kept (both,
 * one after the other), the event is as old as its first report, starred
 * if either was, and read only if both were. The merged event is pinned.
 */
gboolean
seismo_store_merge_events (SeismoStore  *self,
                           gint64        from_id,
                           gint64        into_id,
                           GError      **error)
{
  static const char * const steps[] = {
    "UPDATE items SET event_id = ?2 WHERE event_id = ?1",
    /* user rows beat auto rows; a removal by the user stays a removal */
    "INSERT INTO event_companies (event_id, company_id, origin, removed)"
    " SELECT ?2, company_id, origin, removed FROM event_companies WHERE event_id = ?1 AND true"
    " ON CONFLICT DO UPDATE SET origin = excluded.origin, removed = excluded.removed"
    " WHERE excluded.origin = 'user' AND event_companies.origin = 'auto'",
    "INSERT INTO event_tags (event_id, tag_id, origin, removed)"
    " SELECT ?2, tag_id, origin, removed FROM event_tags WHERE event_id = ?1 AND true"
    " ON CONFLICT DO UPDATE SET origin = excluded.origin, removed = excluded.removed"
    " WHERE excluded.origin = 'user' AND event_tags.origin = 'auto'",
    "UPDATE notes SET body = body || char (10, 10) || '---' || char (10, 10) ||"
    " (SELECT n.body FROM notes n WHERE n.event_id = ?1), updated = strftime ('%s', 'now')"
    " WHERE event_id = ?2 AND EXISTS (SELECT 1 FROM notes n WHERE n.event_id = ?1)",
    "DELETE FROM notes WHERE event_id = ?1 AND EXISTS (SELECT 1 FROM notes WHERE event_id = ?2)",
    "UPDATE notes SET event_id = ?2 WHERE event_id = ?1",
    "UPDATE events SET"
    " published = min (published, (SELECT published FROM events WHERE id = ?1)),"
    " starred = max (starred, (SELECT starred FROM events WHERE id = ?1)),"
    " read = min (read, (SELECT read FROM events WHERE id = ?1)),"
    " pinned = 1 WHERE id = ?2",
    "DELETE FROM events_fts WHERE rowid = ?1",
    "DELETE FROM events WHERE id = ?1",
  };
  gboolean ok = TRUE;

  g_return_val_if_fail (SEISMO_IS_STORE (self), FALSE);

  if (from_id == into_id)
    {
      g_set_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID,
                   _("An event cannot be merged into itself"));
      return FALSE;
    }
  if (!_seismo_store_write_begin (self, error))
    return FALSE;
  ok = _seismo_store_event_exists (self, from_id, error) &&
       _seismo_store_event_exists (self, into_id, error);
  for (guint i = 0; ok && i < G_N_ELEMENTS (steps); i++)
    ok = run_sql (self, steps[i], from_id, into_id, error);
  ok = ok && refresh_headline (self, into_id, error) &&
       run_sql (self, "DELETE FROM notes_fts WHERE rowid NOT IN (SELECT id FROM notes)"
                      " OR rowid IN (SELECT id FROM notes WHERE event_id = ?2)",
                from_id, into_id, error) &&
       run_sql (self, "INSERT INTO notes_fts (rowid, subject, body)"
                      " SELECT n.id, e.title, n.body FROM notes n JOIN events e ON e.id = n.event_id"
                      " WHERE n.event_id = ?2",
                from_id, into_id, error);
  return _seismo_store_write_end (self, ok, error);
}
