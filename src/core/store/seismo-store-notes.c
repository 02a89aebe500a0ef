/* seismo-store-notes.c — the user's notes on events and companies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "seismo-store-private.h"

/* Notes are the most valuable thing in the database: a note is stored
 * exactly as written (after checking it is text), never trimmed or
 * reformatted, and a failed save leaves the previous version in place. */

#define MAX_NOTE_BYTES (16 * 1024 * 1024)

static gboolean
valid_body (const char  *body,
            GError     **error)
{
  if (!g_utf8_validate (body, -1, NULL))
    {
      g_set_error_literal (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID,
                           _("The note is not valid UTF-8 text; nothing was saved"));
      return FALSE;
    }
  if (strlen (body) > MAX_NOTE_BYTES)
    {
      g_set_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID,
                   _("The note is larger than %d MiB; nothing was saved"),
                   MAX_NOTE_BYTES / (1024 * 1024));
      return FALSE;
    }
  return TRUE;
}

/* Finds the note's owner: an event that exists, or a company by slug. */
static gboolean
resolve_owner (SeismoStore  *self,
               gint64        event_id,
               const char   *company_slug,
               gint64       *company_id,
               GError      **error)
{
  *company_id = 0;
  if (company_slug != NULL)
    return (*company_id = _seismo_store_company_id (self, company_slug, error)) != 0;
  return _seismo_store_event_exists (self, event_id, error);
}

static gboolean
index_note (SeismoStore  *self,
            gint64        note_id,
            GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = _seismo_store_prepare (self, "DELETE FROM notes_fts WHERE rowid = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, note_id);
  if (!_seismo_store_run (self, stmt, error))
    return FALSE;

  stmt = _seismo_store_prepare (self,
                                "INSERT INTO notes_fts (rowid, subject, body)"
                                " SELECT n.id, coalesce (e.title, c.name), n.body FROM notes n"
                                " LEFT JOIN events e ON e.id = n.event_id"
                                " LEFT JOIN companies c ON c.id = n.company_id"
                                " WHERE n.id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, note_id);
  return _seismo_store_run (self, stmt, error);
}

static gint64
find_note (SeismoStore *self,
           gint64       event_id,
           gint64       company_id)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  stmt = _seismo_store_prepare (self,
                                company_id != 0 ? "SELECT id FROM notes WHERE company_id = ?"
                                                : "SELECT id FROM notes WHERE event_id = ?",
                                NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, company_id != 0 ? company_id : event_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

static gboolean
write_note (SeismoStore  *self,
            gint64        event_id,
            gint64        company_id,
            const char   *body,
            GError      **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 note_id = find_note (self, event_id, company_id);
  sqlite3_stmt *stmt;

  if (body == NULL || body[0] == '\0')
    {
      if (note_id == 0)
        return TRUE;
      stmt = _seismo_store_prepare (self, "DELETE FROM notes WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, note_id);
      if (!_seismo_store_run (self, stmt, error))
        return FALSE;
      stmt = _seismo_store_prepare (self, "DELETE FROM notes_fts WHERE rowid = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, note_id);
      return _seismo_store_run (self, stmt, error);
    }

  if (note_id != 0)
    {
      stmt = _seismo_store_prepare (self,
                                    "UPDATE notes SET body = ?, updated = ? WHERE id = ?"
                                    " AND body IS NOT ?1",
                                    error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, body, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, now);
      sqlite3_bind_int64 (stmt, 3, note_id);
    }
  else
    {
      stmt = _seismo_store_prepare (self,
                                    "INSERT INTO notes (event_id, company_id, body, created, updated)"
                                    " VALUES (?, ?, ?, ?4, ?4)",
                                    error);
      if (stmt == NULL)
        return FALSE;
      if (company_id != 0)
        {
          sqlite3_bind_null (stmt, 1);
          sqlite3_bind_int64 (stmt, 2, company_id);
        }
      else
        {
          sqlite3_bind_int64 (stmt, 1, event_id);
          sqlite3_bind_null (stmt, 2);
        }
      sqlite3_bind_text (stmt, 3, body, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, now);
    }
  if (!_seismo_store_run (self, stmt, error))
    return FALSE;
  if (note_id == 0)
    note_id = sqlite3_last_insert_rowid (self->db);
  return index_note (self, note_id, error);
}

/**
 * seismo_store_set_note:
 * @company_slug: (nullable): the company whose note this is, or NULL for
 *   the note of @event_id
 * @body: (nullable): Markdown as the user wrote it; empty or NULL deletes
 *
 * Saves a note in one transaction, with the full-text index.
 */
gboolean
seismo_store_set_note (SeismoStore  *self,
                       gint64        event_id,
                       const char   *company_slug,
                       const char   *body,
                       GError      **error)
{
  gint64 company_id = 0;
  gboolean ok;

  g_return_val_if_fail (SEISMO_IS_STORE (self), FALSE);

  if (body != NULL && !valid_body (body, error))
    return FALSE;
  if (!_seismo_store_write_begin (self, error))
    return FALSE;
  ok = resolve_owner (self, event_id, company_slug, &company_id, error) &&
       write_note (self, event_id, company_id, body, error) &&
       (company_id != 0 || _seismo_store_index_event (self, event_id, error));
  return _seismo_store_write_end (self, ok, error);
}

#define NOTE_COLUMNS                                                       \
  "SELECT n.id, n.event_id, c.slug, coalesce (e.title, c.name), n.body,"   \
  " n.created, n.updated, coalesce (e.published, n.updated)"               \
  " FROM notes n LEFT JOIN events e ON e.id = n.event_id"                  \
  " LEFT JOIN companies c ON c.id = n.company_id"

static SeismoNote *
note_from_row (sqlite3_stmt *stmt)
{
  return seismo_note_new (sqlite3_column_int64 (stmt, 0),
                          sqlite3_column_int64 (stmt, 1),
                          (const char *) sqlite3_column_text (stmt, 2),
                          (const char *) sqlite3_column_text (stmt, 3),
                          (const char *) sqlite3_column_text (stmt, 4),
                          sqlite3_column_int64 (stmt, 5),
                          sqlite3_column_int64 (stmt, 6),
                          sqlite3_column_int64 (stmt, 7));
}

/**
 * seismo_store_get_note:
 * @note: (out) (nullable): the note, or NULL when there is none
 *
 * Returns FALSE only on an error (an unknown event or company included).
 */
gboolean
seismo_store_get_note (SeismoStore  *self,
                       gint64        event_id,
                       const char   *company_slug,
                       SeismoNote  **note,
                       GError      **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  gint64 company_id = 0;
  int rc;

  g_return_val_if_fail (SEISMO_IS_STORE (self), FALSE);
  g_return_val_if_fail (note != NULL, FALSE);

  *note = NULL;
  locker = g_rec_mutex_locker_new (&self->lock);
  if (!resolve_owner (self, event_id, company_slug, &company_id, error))
    return FALSE;
  stmt = _seismo_store_prepare (self,
                                company_id != 0 ? NOTE_COLUMNS " WHERE n.company_id = ?"
                                                : NOTE_COLUMNS " WHERE n.event_id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, company_id != 0 ? company_id : event_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *note = note_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _seismo_store_set_error (self, error, rc, _("read the note"));
      return FALSE;
    }
  return TRUE;
}

/**
 * seismo_store_list_notes:
 * @search: (nullable): words to look for in notes and what they are about
 *
 * Every note, most recently edited first.
 */
GPtrArray *
seismo_store_list_notes (SeismoStore  *self,
                         const char   *search,
                         GError      **error)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autofree char *query = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SEISMO_IS_STORE (self), NULL);

  if (search != NULL && search[0] != '\0')
    {
      query = seismo_event_filter_fts_query (search);
      if (query == NULL)
        return g_steal_pointer (&notes);
    }

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _seismo_store_prepare (self,
                                query != NULL
                                  ? NOTE_COLUMNS " WHERE n.id IN (SELECT rowid FROM notes_fts"
                                                 " WHERE notes_fts MATCH ?)"
                                                 " ORDER BY n.updated DESC, n.id DESC"
                                  : NOTE_COLUMNS " ORDER BY n.updated DESC, n.id DESC",
                                error);
  if (stmt == NULL)
    return NULL;
  if (query != NULL)
    _seismo_store_bind_text (stmt, 1, query);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (notes, note_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _seismo_store_set_error (self, error, rc, _("read the notes"));
      return NULL;
    }
  return g_steal_pointer (&notes);
}
