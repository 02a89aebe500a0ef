/* seismo-store-ingest.c — new items and the events they make
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "seismo-store-private.h"

/* The writes behind the starter pack and every refresh. They run inside a
 * write scope the caller opened, so one source's items land in one
 * transaction or not at all. */

gint64
_seismo_store_new_event (SeismoStore  *self,
                         const char   *title,
                         const char   *summary,
                         const char   *url,
                         gint64        published,
                         gboolean      dated,
                         GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = _seismo_store_prepare (self,
                                "INSERT INTO events (title, summary, url, published, dated, created)"
                                " VALUES (?, ?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return 0;
  _seismo_store_bind_text (stmt, 1, title != NULL ? title : "");
  _seismo_store_bind_text (stmt, 2, summary);
  _seismo_store_bind_text (stmt, 3, url);
  sqlite3_bind_int64 (stmt, 4, published);
  sqlite3_bind_int (stmt, 5, !!dated);
  sqlite3_bind_int64 (stmt, 6, g_get_real_time () / G_USEC_PER_SEC);
  if (!_seismo_store_run (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

/* Returns the new item's id, 0 when the source already has an item with
 * that guid, or -1 on an error. */
gint64
_seismo_store_insert_item (SeismoStore  *self,
                           gint64        source_id,
                           gint64        event_id,
                           const char   *guid,
                           const char   *url,
                           const char   *canonical_url,
                           const char   *title,
                           const char   *summary,
                           const char   *author,
                           gint64        published,
                           gint64        updated,
                           GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = _seismo_store_prepare (self,
                                "INSERT OR IGNORE INTO items (source_id, event_id, guid, url,"
                                " canonical_url, title, summary, author, published, updated, fetched)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, source_id);
  if (event_id != 0)
    sqlite3_bind_int64 (stmt, 2, event_id);
  _seismo_store_bind_text (stmt, 3, guid);
  _seismo_store_bind_text (stmt, 4, url);
  _seismo_store_bind_text (stmt, 5, canonical_url);
  _seismo_store_bind_text (stmt, 6, title);
  _seismo_store_bind_text (stmt, 7, summary);
  _seismo_store_bind_text (stmt, 8, author);
  _seismo_store_bind_date (stmt, 9, published);
  _seismo_store_bind_date (stmt, 10, updated);
  sqlite3_bind_int64 (stmt, 11, g_get_real_time () / G_USEC_PER_SEC);
  if (!_seismo_store_run (self, stmt, error))
    return -1;
  if (sqlite3_changes (self->db) == 0)
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

gboolean
_seismo_store_link_auto (SeismoStore  *self,
                         gboolean      tag,
                         gint64        event_id,
                         gint64        other_id,
                         GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = _seismo_store_prepare (self,
                                tag ? "INSERT OR IGNORE INTO event_tags (event_id, tag_id)"
                                      " VALUES (?, ?)"
                                    : "INSERT OR IGNORE INTO event_companies (event_id, company_id)"
                                      " VALUES (?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, event_id);
  sqlite3_bind_int64 (stmt, 2, other_id);
  return _seismo_store_run (self, stmt, error);
}
