/* seismo-store-events.c — reading the timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "seismo-store-private.h"

/* The timeline is read a page at a time by keyset: newest first on
 * (published, id), each page starting strictly after the last row of the
 * one before, so paging never skips or repeats a row while the table grows.
 * A jump into the middle (a scrollbar drag) uses OFFSET from the top once,
 * then keyset again. */

typedef struct
{
  gboolean  is_text;
  gint64    number;
  char     *text;
} Bind;

static void
bind_clear (gpointer data)
{
  g_free (((Bind *) data)->text);
}

static void
add_int (GArray *binds,
         gint64  number)
{
  Bind bind = { FALSE, number, NULL };

  g_array_append_val (binds, bind);
}

static void
add_text (GArray     *binds,
          const char *text)
{
  Bind bind = { TRUE, 0, g_strdup (text) };

  g_array_append_val (binds, bind);
}

/* Appends " AND …" for each filter; returns FALSE when the filter can match
 * nothing (a search made only of punctuation). */
static gboolean
append_filter (GString                 *sql,
               GArray                  *binds,
               const SeismoEventFilter *filter)
{
  if (filter == NULL)
    return TRUE;

  if (filter->company != NULL)
    {
      g_string_append (sql, " AND e.id IN (SELECT ec.event_id FROM event_companies ec"
                            " JOIN companies c ON c.id = ec.company_id"
                            " WHERE c.slug = ? AND ec.removed = 0)");
      add_text (binds, filter->company);
    }
  if (filter->tag != NULL)
    {
      g_string_append (sql, " AND e.id IN (SELECT et.event_id FROM event_tags et"
                            " JOIN tags t ON t.id = et.tag_id"
                            " WHERE t.name = ? AND et.removed = 0)");
      add_text (binds, filter->tag);
    }
  if (filter->source_id != 0)
    {
      g_string_append (sql, " AND e.id IN (SELECT i.event_id FROM items i WHERE i.source_id = ?)");
      add_int (binds, filter->source_id);
    }
  if (filter->since != SEISMO_FILTER_NO_DATE)
    {
      g_string_append (sql, " AND e.published >= ?");
      add_int (binds, filter->since);
    }
  if (filter->until != SEISMO_FILTER_NO_DATE)
    {
      g_string_append (sql, " AND e.published < ?");
      add_int (binds, filter->until);
    }
  if (filter->unread)
    g_string_append (sql, " AND e.read = 0");
  if (filter->starred)
    g_string_append (sql, " AND e.starred = 1");
  if (filter->has_note)
    g_string_append (sql, " AND e.id IN (SELECT n.event_id FROM notes n"
                          " WHERE n.event_id IS NOT NULL)");
  if (filter->search != NULL)
    {
      g_autofree char *query = seismo_event_filter_fts_query (filter->search);

      if (query == NULL)
        return FALSE;
      g_string_append (sql, " AND e.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)");
      add_text (binds, query);
    }
  return TRUE;
}

static void
bind_all (sqlite3_stmt *stmt,
          GArray       *binds)
{
  for (guint i = 0; i < binds->len; i++)
    {
      const Bind *bind = &g_array_index (binds, Bind, i);

      if (bind->is_text)
        _seismo_store_bind_text (stmt, i + 1, bind->text);
      else
        sqlite3_bind_int64 (stmt, i + 1, bind->number);
    }
}

static GArray *
binds_new (void)
{
  GArray *binds = g_array_new (FALSE, TRUE, sizeof (Bind));

  g_array_set_clear_func (binds, bind_clear);
  return binds;
}

/* Splits "a\x1fA\x1eb\x1fB" into slugs and names. */
static void
split_pairs (const char  *packed,
             GStrv       *firsts,
             GStrv       *seconds)
{
  g_auto(GStrv) pairs = g_strsplit (packed != NULL ? packed : "", "\x1e", -1);
  g_autoptr(GStrvBuilder) a = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *sep = strchr (pairs[i], '\x1f');

      if (pairs[i][0] == '\0')
        continue;
      if (sep == NULL)
        {
          g_strv_builder_add (a, pairs[i]);
          g_strv_builder_add (b, pairs[i]);
        }
      else
        {
          g_autofree char *first = g_strndup (pairs[i], sep - pairs[i]);

          g_strv_builder_add (a, first);
          g_strv_builder_add (b, sep + 1);
        }
    }
  *firsts = g_strv_builder_end (a);
  if (seconds != NULL)
    *seconds = g_strv_builder_end (b);
}

#define EVENT_COLUMNS                                                              \
  "e.id, e.title, e.published, e.url, e.summary, e.dated, e.read, e.starred,"     \
  " (SELECT coalesce (nullif (s.title, ''), s.url) FROM items i"                  \
  "   JOIN sources s ON s.id = i.source_id WHERE i.event_id = e.id"               \
  "   ORDER BY i.published IS NULL, i.published, i.id LIMIT 1),"                  \
  " (SELECT count (DISTINCT i.source_id) FROM items i WHERE i.event_id = e.id),"  \
  " (SELECT group_concat (slug || char (31) || name, char (30)) FROM"             \
  "   (SELECT c.slug, c.name FROM event_companies ec"                             \
  "    JOIN companies c ON c.id = ec.company_id"                                  \
  "    WHERE ec.event_id = e.id AND ec.removed = 0 ORDER BY c.name COLLATE NOCASE)),"  \
  " (SELECT group_concat (name, char (30)) FROM"                                  \
  "   (SELECT t.name FROM event_tags et JOIN tags t ON t.id = et.tag_id"          \
  "    WHERE et.event_id = e.id AND et.removed = 0 ORDER BY t.name)),"            \
  " EXISTS (SELECT 1 FROM notes n WHERE n.event_id = e.id)"

static SeismoEvent *
event_from_row (sqlite3_stmt *stmt)
{
  SeismoEvent *event = seismo_event_new (sqlite3_column_int64 (stmt, 0),
                                         (const char *) sqlite3_column_text (stmt, 1),
                                         sqlite3_column_int64 (stmt, 2));
  GStrv slugs = NULL, names = NULL, tags = NULL;

  seismo_event_set_details (event,
                            (const char *) sqlite3_column_text (stmt, 3),
                            (const char *) sqlite3_column_text (stmt, 4),
                            (SeismoDated) sqlite3_column_int (stmt, 5),
                            (const char *) sqlite3_column_text (stmt, 8),
                            sqlite3_column_int (stmt, 9));
  seismo_event_set_read (event, sqlite3_column_int (stmt, 6));
  seismo_event_set_starred (event, sqlite3_column_int (stmt, 7));
  split_pairs ((const char *) sqlite3_column_text (stmt, 10), &slugs, &names);
  seismo_event_take_companies (event, slugs, names);
  split_pairs ((const char *) sqlite3_column_text (stmt, 11), &tags, NULL);
  seismo_event_take_tags (event, tags);
  seismo_event_set_has_note (event, sqlite3_column_int (stmt, 12));
  return event;
}

/* The local day of @when, as a number. Works from the zone's offset
 * rather than a GDateTime per row: making a local GDateTime checks
 * /etc/localtime on every call. */
static gint64
local_day (GTimeZone *zone,
           gint64     when)
{
  int interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, when);
  gint64 offset = interval >= 0 ? g_time_zone_get_offset (zone, interval) : 0;
  gint64 local = when + offset;

  return local >= 0 ? local / 86400 : (local - 86399) / 86400;
}

/**
 * seismo_store_list_events:
 * @after: (nullable): the last row of the previous page
 * @offset: rows to skip first (only to jump; 0 when paging with @after)
 *
 * A page of events, newest first. Each event knows whether it is the first
 * of its local day on the timeline, for the day headers.
 */
GPtrArray *
seismo_store_list_events (SeismoStore              *self,
                          const SeismoEventFilter  *filter,
                          const SeismoEventCursor  *after,
                          guint                     offset,
                          guint                     limit,
                          GError                  **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT " EVENT_COLUMNS " FROM events e WHERE 1");
  g_autoptr(GArray) binds = binds_new ();
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  gboolean have_previous = FALSE;
  gint64 previous_day = 0;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SEISMO_IS_STORE (self), NULL);

  if (!append_filter (sql, binds, filter))
    return g_steal_pointer (&events);

  if (after != NULL)
    {
      g_string_append (sql, " AND (e.published, e.id) < (?, ?)");
      add_int (binds, after->published);
      add_int (binds, after->id);
      previous_day = after->undated ? G_MININT64 : local_day (zone, after->published);
      have_previous = TRUE;
    }

  /* Read one row before the page when jumping, to know its day. */
  g_string_append (sql, " ORDER BY e.published DESC, e.id DESC LIMIT ? OFFSET ?");
  add_int (binds, (gint64) limit + (offset > 0 ? 1 : 0));
  add_int (binds, offset > 0 ? offset - 1 : 0);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _seismo_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  bind_all (stmt, binds);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(SeismoEvent) event = event_from_row (stmt);
      /* Undated events share one "No date" header of their own. */
      gint64 day = seismo_event_get_dated (event)
                     ? local_day (zone, seismo_event_get_published (event)) : G_MININT64;

      if (offset > 0 && !have_previous)
        {
          have_previous = TRUE;
          previous_day = day;
          continue;
        }
      seismo_event_set_first_of_day (event, !have_previous || day != previous_day);
      have_previous = TRUE;
      previous_day = day;
      g_ptr_array_add (events, g_steal_pointer (&event));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _seismo_store_set_error (self, error, rc, _("read the timeline"));
      return NULL;
    }
  return g_steal_pointer (&events);
}

gboolean
seismo_store_count_events (SeismoStore              *self,
                           const SeismoEventFilter  *filter,
                           guint                    *count,
                           GError                  **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count (*) FROM events e WHERE 1");
  g_autoptr(GArray) binds = binds_new ();
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SEISMO_IS_STORE (self), FALSE);
  g_return_val_if_fail (count != NULL, FALSE);

  *count = 0;
  if (!append_filter (sql, binds, filter))
    return TRUE;

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _seismo_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  bind_all (stmt, binds);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *count = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _seismo_store_set_error (self, error, rc, _("count events"));
      return FALSE;
    }
  return TRUE;
}

gboolean
_seismo_store_event_exists (SeismoStore  *self,
                            gint64        event_id,
                            GError      **error)
{
  sqlite3_stmt *stmt = _seismo_store_prepare (self, "SELECT 1 FROM events WHERE id = ?", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, event_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (!found)
    g_set_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_NOT_FOUND,
                 _("There is no event %" G_GINT64_FORMAT), event_id);
  return found;
}

static GPtrArray *
read_items (SeismoStore  *self,
            gint64        event_id,
            GError      **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) seismo_event_item_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _seismo_store_prepare (self,
                                "SELECT i.id, i.source_id, coalesce (nullif (s.title, ''), s.url),"
                                " i.title, i.url, i.author, i.summary, i.published"
                                " FROM items i JOIN sources s ON s.id = i.source_id"
                                " WHERE i.event_id = ?"
                                " ORDER BY i.published IS NULL, i.published, i.id",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, event_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SeismoEventItem *item = g_new0 (SeismoEventItem, 1);

      item->id = sqlite3_column_int64 (stmt, 0);
      item->source_id = sqlite3_column_int64 (stmt, 1);
      item->source = _seismo_store_column_dup (stmt, 2);
      item->title = _seismo_store_column_dup (stmt, 3);
      item->url = _seismo_store_column_dup (stmt, 4);
      item->author = _seismo_store_column_dup (stmt, 5);
      item->summary = _seismo_store_column_dup (stmt, 6);
      item->published = _seismo_store_column_date (stmt, 7);
      g_ptr_array_add (items, item);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _seismo_store_set_error (self, error, rc, _("read the event’s items"));
      return NULL;
    }
  return g_steal_pointer (&items);
}

/**
 * seismo_store_get_event:
 *
 * One event with everything the detail pane shows: its items, companies,
 * tags and note.
 */
SeismoEvent *
seismo_store_get_event (SeismoStore  *self,
                        gint64        event_id,
                        GError      **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(SeismoEvent) event = NULL;
  GPtrArray *items;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SEISMO_IS_STORE (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _seismo_store_prepare (self,
                                "SELECT " EVENT_COLUMNS ","
                                " (SELECT body FROM notes n WHERE n.event_id = e.id)"
                                " FROM events e WHERE e.id = ?",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, event_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      event = event_from_row (stmt);
      seismo_event_take_note (event, _seismo_store_column_dup (stmt, 13));
    }
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_NOT_FOUND,
                   _("There is no event %" G_GINT64_FORMAT), event_id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _seismo_store_set_error (self, error, rc, _("read the event"));
      return NULL;
    }

  items = read_items (self, event_id, error);
  if (items == NULL)
    return NULL;
  seismo_event_take_items (event, items);
  return g_steal_pointer (&event);
}

gboolean
seismo_store_set_event_flag (SeismoStore      *self,
                             gint64            event_id,
                             SeismoEventFlag   flag,
                             gboolean          value,
                             GError          **error)
{
  static const char * const updates[] = {
    [SEISMO_EVENT_FLAG_READ] = "UPDATE events SET read = ? WHERE id = ?",
    [SEISMO_EVENT_FLAG_STARRED] = "UPDATE events SET starred = ? WHERE id = ?",
  };
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (SEISMO_IS_STORE (self), FALSE);
  g_return_val_if_fail ((guint) flag < G_N_ELEMENTS (updates), FALSE);

  if (!_seismo_store_write_begin (self, error))
    return FALSE;
  ok = _seismo_store_event_exists (self, event_id, error);
  if (ok)
    ok = (stmt = _seismo_store_prepare (self, updates[flag], error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int (stmt, 1, !!value);
      sqlite3_bind_int64 (stmt, 2, event_id);
      ok = _seismo_store_run (self, stmt, error);
    }
  return _seismo_store_write_end (self, ok, error);
}

/* Marks every event the filter shows as read. */
gboolean
seismo_store_set_all_read (SeismoStore              *self,
                           const SeismoEventFilter  *filter,
                           GError                  **error)
{
  g_autoptr(GString) sql = g_string_new ("UPDATE events AS e SET read = 1 WHERE e.read = 0");
  g_autoptr(GArray) binds = binds_new ();
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (SEISMO_IS_STORE (self), FALSE);

  if (!append_filter (sql, binds, filter))
    return TRUE;
  if (!_seismo_store_write_begin (self, error))
    return FALSE;
  ok = (stmt = _seismo_store_prepare (self, sql->str, error)) != NULL;
  if (ok)
    {
      bind_all (stmt, binds);
      ok = _seismo_store_run (self, stmt, error);
    }
  return _seismo_store_write_end (self, ok, error);
}

gboolean
seismo_store_get_totals (SeismoStore   *self,
                         SeismoTotals  *totals,
                         GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SEISMO_IS_STORE (self), FALSE);
  g_return_val_if_fail (totals != NULL, FALSE);

  memset (totals, 0, sizeof *totals);
  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _seismo_store_prepare (self,
                                "SELECT (SELECT count (*) FROM events),"
                                " (SELECT count (*) FROM events WHERE read = 0),"
                                " (SELECT count (*) FROM events WHERE starred = 1),"
                                " (SELECT count (*) FROM notes WHERE event_id IS NOT NULL)",
                                error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      totals->all = sqlite3_column_int (stmt, 0);
      totals->unread = sqlite3_column_int (stmt, 1);
      totals->starred = sqlite3_column_int (stmt, 2);
      totals->with_notes = sqlite3_column_int (stmt, 3);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _seismo_store_set_error (self, error, rc, _("count events"));
      return FALSE;
    }
  return TRUE;
}

/* The full-text row holds the event's title, the titles and summaries of
 * all its items, and its note; it is rewritten whenever one of them changes
 * (FTS5 has no partial update). */
gboolean
_seismo_store_index_event (SeismoStore  *self,
                           gint64        event_id,
                           GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = _seismo_store_prepare (self, "DELETE FROM events_fts WHERE rowid = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, event_id);
  if (!_seismo_store_run (self, stmt, error))
    return FALSE;

  stmt = _seismo_store_prepare (self,
                                "INSERT INTO events_fts (rowid, title, body, note)"
                                " SELECT e.id, e.title,"
                                "  (SELECT group_concat (coalesce (i.title, '') || ' ' ||"
                                "                        coalesce (i.summary, ''), ' ')"
                                "   FROM items i WHERE i.event_id = e.id),"
                                "  (SELECT n.body FROM notes n WHERE n.event_id = e.id)"
                                " FROM events e WHERE e.id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, event_id);
  return _seismo_store_run (self, stmt, error);
}
