/* seismo-store-ingest.c — new items and the events they make
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "seismo-store-ingest.h"
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
                         SeismoDated   dated,
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
  sqlite3_bind_int (stmt, 5, dated);
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

#define MAX_SUMMARY_CHARS 4000
#define MAX_EVENT_SUMMARY_CHARS 1000

SeismoIngestItem *
seismo_ingest_item_new (void)
{
  SeismoIngestItem *item = g_new0 (SeismoIngestItem, 1);

  item->published = G_MININT64;
  item->updated = G_MININT64;
  item->company_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return item;
}

void
seismo_ingest_item_free (SeismoIngestItem *item)
{
  if (item == NULL)
    return;
  g_free (item->guid);
  g_free (item->url);
  g_free (item->canonical_url);
  g_free (item->title);
  g_free (item->summary);
  g_free (item->author);
  g_array_unref (item->company_ids);
  g_strfreev (item->tags);
  g_clear_pointer (&item->words, seismo_cluster_words_free);
  g_free (item);
}

void
seismo_alias_row_free (SeismoAliasRow *row)
{
  if (row == NULL)
    return;
  g_free (row->text);
  g_free (row->mode);
  g_free (row);
}

void
seismo_rule_row_free (SeismoRuleRow *row)
{
  if (row == NULL)
    return;
  g_free (row->tag);
  g_free (row->kind);
  g_free (row->pattern);
  g_free (row);
}

/* Every alias of every company, to build a matcher from. */
GPtrArray *
seismo_store_list_aliases (SeismoStore  *self,
                           GError      **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) seismo_alias_row_free);
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SEISMO_IS_STORE (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _seismo_store_prepare (self, "SELECT company_id, text, mode FROM company_aliases", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SeismoAliasRow *row = g_new0 (SeismoAliasRow, 1);

      row->company_id = sqlite3_column_int64 (stmt, 0);
      row->text = _seismo_store_column_dup (stmt, 1);
      row->mode = _seismo_store_column_dup (stmt, 2);
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _seismo_store_set_error (self, error, rc, _("read the company aliases"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* Every tag rule, in the order they were added. */
GPtrArray *
seismo_store_list_tag_rules (SeismoStore  *self,
                             GError      **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) seismo_rule_row_free);
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SEISMO_IS_STORE (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _seismo_store_prepare (self,
                                "SELECT r.id, t.name, r.kind, r.pattern, r.case_sensitive, r.weak,"
                                " r.negative FROM tag_rules r JOIN tags t ON t.id = r.tag_id"
                                " ORDER BY r.id",
                                error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SeismoRuleRow *row = g_new0 (SeismoRuleRow, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->tag = _seismo_store_column_dup (stmt, 1);
      row->kind = _seismo_store_column_dup (stmt, 2);
      row->pattern = _seismo_store_column_dup (stmt, 3);
      row->case_sensitive = sqlite3_column_int (stmt, 4);
      row->weak = sqlite3_column_int (stmt, 5);
      row->negative = sqlite3_column_int (stmt, 6);
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _seismo_store_set_error (self, error, rc, _("read the tag rules"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GHashTable *
seismo_store_list_company_ids (SeismoStore  *self,
                               GError      **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SEISMO_IS_STORE (self), NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _seismo_store_prepare (self, "SELECT slug, id FROM companies", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 1);

      g_hash_table_insert (ids, _seismo_store_column_dup (stmt, 0), g_memdup2 (&id, sizeof id));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _seismo_store_set_error (self, error, rc, _("read the companies"));
      return NULL;
    }
  return g_steal_pointer (&ids);
}

static GArray *
parse_ids (const char *packed)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(GStrv) parts = g_strsplit (packed != NULL ? packed : "", ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      {
        gint64 id = g_ascii_strtoll (parts[i], NULL, 10);

        g_array_append_val (ids, id);
      }
  return ids;
}

/**
 * seismo_store_seed_cluster:
 * @since: the oldest publication time worth comparing new items with
 *
 * Fills a clustering index with the recent events a new item may join.
 * Events the user split or merged by hand are left out.
 */
gboolean
seismo_store_seed_cluster (SeismoStore    *self,
                           SeismoCluster  *cluster,
                           gint64          since,
                           GError        **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SEISMO_IS_STORE (self), FALSE);

  locker = g_rec_mutex_locker_new (&self->lock);
  stmt = _seismo_store_prepare (self,
                                "SELECT e.id, e.published, e.title, e.summary,"
                                " (SELECT group_concat (company_id) FROM event_companies ec"
                                "  WHERE ec.event_id = e.id AND ec.removed = 0),"
                                " (SELECT canonical_url FROM items i WHERE i.event_id = e.id"
                                "  AND i.canonical_url IS NOT NULL LIMIT 1)"
                                " FROM events e WHERE e.published >= ? AND e.pinned = 0"
                                " ORDER BY e.published",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, since);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GArray) companies = parse_ids ((const char *) sqlite3_column_text (stmt, 4));

      seismo_cluster_add (cluster, sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                          (const gint64 *) (gpointer) companies->data, companies->len,
                          (const char *) sqlite3_column_text (stmt, 5),
                          (const char *) sqlite3_column_text (stmt, 2),
                          (const char *) sqlite3_column_text (stmt, 3));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _seismo_store_set_error (self, error, rc, _("read recent events"));
      return FALSE;
    }
  return TRUE;
}

/* At most @max_chars characters, and "…" when that cut something. (The
 * byte length is checked first: most summaries are shorter than the limit
 * in bytes, so they need no counting at all.) */
static char *
cut (const char *text,
     glong       max_chars)
{
  g_autofree char *head = NULL;
  const char *end;
  gsize length;

  if (text == NULL)
    return NULL;
  length = strlen (text);
  if (length <= (gsize) max_chars)
    return g_strdup (text);
  end = text;
  for (glong i = 0; i < max_chars && (gsize) (end - text) < length; i++)
    end = g_utf8_next_char (end);
  if ((gsize) (end - text) >= length)
    return g_strdup (text);
  head = g_strndup (text, end - text);
  return g_strconcat (head, "…", NULL);
}

/**
 * seismo_ingest_item_tokenize:
 *
 * Cuts the summary to what will be stored and tokenises the item for the
 * clustering index, so that the store's writer does neither. Thread-safe.
 */
void
seismo_ingest_item_tokenize (SeismoIngestItem *item)
{
  char *summary;

  g_return_if_fail (item != NULL);

  summary = cut (item->summary, MAX_SUMMARY_CHARS);
  g_free (item->summary);
  item->summary = summary;
  g_clear_pointer (&item->words, seismo_cluster_words_free);
  item->words = seismo_cluster_words_new (item->title, item->summary);
}

static gboolean
item_exists (SeismoStore *self,
             gint64       source_id,
             const char  *guid,
             GError     **error)
{
  sqlite3_stmt *stmt = _seismo_store_prepare (self,
                                              "SELECT 1 FROM items WHERE source_id = ? AND guid = ?",
                                              error);
  gboolean found;

  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_int64 (stmt, 1, source_id);
  _seismo_store_bind_text (stmt, 2, guid);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

/* An event already holding an item with this canonical URL (any source,
 * any age). A pinned event (one the user split or merged) takes it too:
 * the same article is the same happening, and what the user decided about
 * the event's other items stays as it is. Only the fuzzy join by words
 * keeps away from pinned events. */
static gint64
event_by_url (SeismoStore *self,
              const char  *canonical_url)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  if (canonical_url == NULL)
    return 0;
  stmt = _seismo_store_prepare (self,
                                "SELECT event_id FROM items WHERE canonical_url = ? LIMIT 1",
                                NULL);
  if (stmt == NULL)
    return 0;
  _seismo_store_bind_text (stmt, 1, canonical_url);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

/* The index may name an event that was since removed or pinned. */
static gboolean
event_open (SeismoStore *self,
            gint64       event_id)
{
  sqlite3_stmt *stmt = _seismo_store_prepare (self, "SELECT pinned FROM events WHERE id = ?", NULL);
  gboolean open = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, event_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    open = sqlite3_column_int (stmt, 0) == 0;
  sqlite3_reset (stmt);
  return open;
}

static gboolean
join_event (SeismoStore *self,
            gint64       event_id,
            gint64       published,
            gboolean     dated,
            GError     **error)
{
  sqlite3_stmt *stmt;

  if (!dated)
    return TRUE;
  /* The event is as old as its first report. */
  stmt = _seismo_store_prepare (self,
                                "UPDATE events SET published = ?1, dated = 1"
                                " WHERE id = ?2 AND (published > ?1 OR dated != 1)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, published);
  sqlite3_bind_int64 (stmt, 2, event_id);
  return _seismo_store_run (self, stmt, error);
}

/* What _seismo_store_index_event() does, without its INSERT … SELECT: a
 * multi-row statement opens a statement journal, and FTS5 flushes its
 * pending terms to disk at every one, so a refresh that rewrote rows that
 * way wrote a full-text segment per joined item. Reading first, then
 * inserting plain values, keeps them pending until the commit. */
static gboolean
reindex_event (SeismoStore  *self,
               gint64        event_id,
               GError      **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *title = NULL, *body = NULL, *note = NULL;
  int rc;

  stmt = _seismo_store_prepare (self,
                                "SELECT e.title,"
                                "  (SELECT group_concat (coalesce (i.title, '') || ' ' ||"
                                "                        coalesce (i.summary, ''), ' ')"
                                "   FROM items i WHERE i.event_id = e.id),"
                                "  (SELECT n.body FROM notes n WHERE n.event_id = e.id)"
                                " FROM events e WHERE e.id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, event_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      title = _seismo_store_column_dup (stmt, 0);
      body = _seismo_store_column_dup (stmt, 1);
      note = _seismo_store_column_dup (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _seismo_store_set_error (self, error, rc, _("read an event"));
      return FALSE;
    }

  stmt = _seismo_store_prepare (self, "DELETE FROM events_fts WHERE rowid = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, event_id);
  if (!_seismo_store_run (self, stmt, error))
    return FALSE;
  if (rc != SQLITE_ROW)
    return TRUE;

  stmt = _seismo_store_prepare (self,
                                "INSERT INTO events_fts (rowid, title, body, note)"
                                " VALUES (?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, event_id);
  _seismo_store_bind_text (stmt, 2, title);
  _seismo_store_bind_text (stmt, 3, body);
  _seismo_store_bind_text (stmt, 4, note);
  return _seismo_store_run (self, stmt, error);
}

static gboolean
index_new_event (SeismoStore *self,
                 gint64       event_id,
                 const char  *title,
                 const char  *summary,
                 GError     **error)
{
  sqlite3_stmt *stmt = _seismo_store_prepare (self,
                                              "INSERT INTO events_fts (rowid, title, body)"
                                              " VALUES (?, ?, ?)",
                                              error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, event_id);
  _seismo_store_bind_text (stmt, 2, title);
  _seismo_store_bind_text (stmt, 3, summary);
  return _seismo_store_run (self, stmt, error);
}

/* What one seismo_store_ingest() call carries from item to item. */
typedef struct
{
  SeismoCluster     *cluster;
  gint64             now;
  SeismoIngestStats *stats;
  GHashTable        *stale;    /* gint64 event ids whose full-text row is out of date */
  GHashTable        *tag_ids;  /* tag name -> gint64 id, 0 for none */
} Ingest;

static gint64
tag_id (SeismoStore *self,
        Ingest      *ingest,
        const char  *name)
{
  gpointer found;
  gint64 id;

  if (g_hash_table_lookup_extended (ingest->tag_ids, name, NULL, &found))
    return *(gint64 *) found;
  id = _seismo_store_tag_id (self, name, FALSE, NULL);
  g_hash_table_insert (ingest->tag_ids, g_strdup (name), g_memdup2 (&id, sizeof id));
  return id;
}

static gboolean
ingest_one (SeismoStore       *self,
            gint64             source_id,
            SeismoIngestItem  *item,
            Ingest            *ingest,
            GError           **error)
{
  SeismoCluster *cluster = ingest->cluster;
  SeismoIngestStats *stats = ingest->stats;
  gint64 now = ingest->now;
  gboolean dated = item->published != G_MININT64;
  gint64 published = dated ? item->published : now;
  g_autofree char *summary = cut (item->summary, MAX_SUMMARY_CHARS);
  const gint64 *companies = (const gint64 *) (gpointer) item->company_ids->data;
  gboolean fresh = FALSE;
  gint64 event_id;

  if (item_exists (self, source_id, item->guid, error))
    return error == NULL || *error == NULL;

  event_id = event_by_url (self, item->canonical_url);
  if (event_id == 0 && cluster != NULL)
    {
      if (item->words != NULL)
        event_id = seismo_cluster_find_words (cluster, published, companies,
                                              item->company_ids->len, item->canonical_url,
                                              item->words, NULL);
      else
        event_id = seismo_cluster_find (cluster, published, companies, item->company_ids->len,
                                        item->canonical_url, item->title, summary);
      if (event_id != 0 && !event_open (self, event_id))
        event_id = 0;
    }

  if (event_id != 0)
    {
      if (!join_event (self, event_id, published, dated, error))
        return FALSE;
    }
  else
    {
      g_autofree char *short_summary = cut (item->summary, MAX_EVENT_SUMMARY_CHARS);

      event_id = _seismo_store_new_event (self, item->title, short_summary, item->url, published,
                                          dated ? SEISMO_DATED_EXACT : SEISMO_DATED_NONE, error);
      if (event_id == 0)
        return FALSE;
      fresh = TRUE;
      stats->new_events++;
      if (stats->new_event_ids != NULL)
        g_array_append_val (stats->new_event_ids, event_id);
    }

  if (_seismo_store_insert_item (self, source_id, event_id, item->guid, item->url,
                                 item->canonical_url, item->title, summary, item->author,
                                 item->published, item->updated, error) < 0)
    return FALSE;
  stats->new_items++;

  for (guint i = 0; i < item->company_ids->len; i++)
    if (!_seismo_store_link_auto (self, FALSE, event_id, companies[i], error))
      return FALSE;
  for (guint i = 0; item->tags != NULL && item->tags[i] != NULL; i++)
    {
      gint64 tag = tag_id (self, ingest, item->tags[i]);

      if (tag != 0 && !_seismo_store_link_auto (self, TRUE, event_id, tag, error))
        return FALSE;
    }

  /* A joined event's row is rewritten once, after the source's last item:
   * rewriting it per item costs the event's whole text every time. */
  if (fresh)
    {
      if (!index_new_event (self, event_id, item->title, summary, error))
        return FALSE;
    }
  else
    g_hash_table_add (ingest->stale, g_memdup2 (&event_id, sizeof event_id));

  if (cluster != NULL && item->words != NULL)
    seismo_cluster_add_words (cluster, event_id, published, companies, item->company_ids->len,
                              item->canonical_url, item->words);
  else if (cluster != NULL)
    seismo_cluster_add (cluster, event_id, published, companies, item->company_ids->len,
                        item->canonical_url, item->title, summary);
  return TRUE;
}

/* Ends an ingest's transaction and adds what it stored to @stats; when it
 * was rolled back, the events it counted do not exist. */
static gboolean
finish_ingest (SeismoStore        *self,
               gboolean            ok,
               SeismoIngestStats  *local,
               SeismoIngestStats  *stats,
               GError            **error)
{
  if (!_seismo_store_write_end (self, ok, error))
    {
      if (local->new_event_ids != NULL)
        g_array_set_size (local->new_event_ids, local->new_event_ids->len - local->new_events);
      return FALSE;
    }
  if (stats != NULL)
    {
      stats->new_items += local->new_items;
      stats->new_events += local->new_events;
    }
  return TRUE;
}

/**
 * seismo_store_ingest_deferred:
 * @stale: (element-type gint64): where the events whose full-text row is
 *   out of date are added; seismo_store_reindex_events() brings them up to
 *   date
 *
 * seismo_store_ingest(), less the full-text rows of the events it joined.
 */
gboolean
seismo_store_ingest_deferred (SeismoStore        *self,
                              gint64              source_id,
                              GPtrArray          *items,
                              SeismoCluster      *cluster,
                              SeismoIngestStats  *stats,
                              GHashTable         *stale,
                              GError            **error)
{
  SeismoIngestStats local = { 0, 0, stats != NULL ? stats->new_event_ids : NULL };
  g_autoptr(GHashTable) tag_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  Ingest ingest = { cluster, g_get_real_time () / G_USEC_PER_SEC, &local, stale, tag_ids };
  gboolean ok = TRUE;

  g_return_val_if_fail (SEISMO_IS_STORE (self), FALSE);
  g_return_val_if_fail (items != NULL, FALSE);
  g_return_val_if_fail (stale != NULL, FALSE);

  if (!_seismo_store_write_begin (self, error))
    return FALSE;
  for (guint i = 0; ok && i < items->len; i++)
    ok = ingest_one (self, source_id, g_ptr_array_index (items, i), &ingest, error);
  return finish_ingest (self, ok, &local, stats, error);
}

/**
 * seismo_store_reindex_events:
 * @stale: (element-type gint64): events whose full-text row is out of date;
 *   emptied
 */
gboolean
seismo_store_reindex_events (SeismoStore  *self,
                             GHashTable   *stale,
                             GError      **error)
{
  GHashTableIter iter;
  gpointer event_id;
  gboolean ok = TRUE;

  g_return_val_if_fail (SEISMO_IS_STORE (self), FALSE);
  g_return_val_if_fail (stale != NULL, FALSE);

  if (g_hash_table_size (stale) == 0)
    return TRUE;
  if (!_seismo_store_write_begin (self, error))
    return FALSE;
  g_hash_table_iter_init (&iter, stale);
  while (ok && g_hash_table_iter_next (&iter, &event_id, NULL))
    ok = reindex_event (self, *(gint64 *) event_id, error);
  if (ok)
    g_hash_table_remove_all (stale);
  return _seismo_store_write_end (self, ok, error);
}

/**
 * seismo_store_ingest:
 * @items: (element-type SeismoIngestItem): a source's items, in feed order
 * @cluster: (nullable): the refresh's clustering index
 *
 * Stores the items the source did not have yet, in one transaction: each
 * joins the event with the same canonical URL, or the event the cluster
 * index finds, or makes a new one. Companies and tags are linked as
 * "auto": never over a user's decision.
 */
gboolean
seismo_store_ingest (SeismoStore        *self,
                     gint64              source_id,
                     GPtrArray          *items,
                     SeismoCluster      *cluster,
                     SeismoIngestStats  *stats,
                     GError            **error)
{
  g_autoptr(GHashTable) stale = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  SeismoIngestStats local = { 0, 0, stats != NULL ? stats->new_event_ids : NULL };
  gboolean ok;

  g_return_val_if_fail (SEISMO_IS_STORE (self), FALSE);
  g_return_val_if_fail (items != NULL, FALSE);

  if (!_seismo_store_write_begin (self, error))
    return FALSE;
  ok = seismo_store_ingest_deferred (self, source_id, items, cluster, &local, stale, error) &&
       seismo_store_reindex_events (self, stale, error);
  return finish_ingest (self, ok, &local, stats, error);
}

/**
 * seismo_store_record_fetch:
 *
 * Stores how a fetch of a source ended: its status and readable error, its
 * validators, a permanent move, and the back-off after failures (the
 * interval doubled per failure in a row, at most a day).
 */
gboolean
seismo_store_record_fetch (SeismoStore                *self,
                           gint64                      source_id,
                           const SeismoSourceOutcome  *outcome,
                           GError                    **error)
{
  gboolean failed = outcome->status == SEISMO_SOURCE_STATUS_ERROR;
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (SEISMO_IS_STORE (self), FALSE);

  if (!_seismo_store_write_begin (self, error))
    return FALSE;
  stmt = _seismo_store_prepare (self,
                                "UPDATE sources SET status = ?2, error = ?3, last_fetch = ?4,"
                                " etag = CASE WHEN ?5 THEN etag ELSE ?6 END,"
                                " last_modified = CASE WHEN ?5 THEN last_modified ELSE ?7 END,"
                                " retry_after = CASE WHEN ?5"
                                "   THEN ?4 + min (interval * (1 << min (failures, 10)), 86400)"
                                "   ELSE NULL END,"
                                " failures = CASE WHEN ?5 THEN failures + 1 ELSE 0 END,"
                                " title = coalesce (nullif (title, ''), ?8),"
                                " site_url = coalesce (?9, site_url),"
                                " kind = CASE WHEN kind = 'json-api' THEN kind"
                                "             ELSE coalesce (?10, kind) END"
                                " WHERE id = ?1",
                                error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, source_id);
      _seismo_store_bind_text (stmt, 2, seismo_source_status_to_string (outcome->status));
      _seismo_store_bind_text (stmt, 3, failed ? outcome->error : NULL);
      sqlite3_bind_int64 (stmt, 4, outcome->when);
      sqlite3_bind_int (stmt, 5, failed);
      _seismo_store_bind_text (stmt, 6, outcome->etag);
      _seismo_store_bind_text (stmt, 7, outcome->last_modified);
      _seismo_store_bind_text (stmt, 8, outcome->title);
      _seismo_store_bind_text (stmt, 9, outcome->site_url);
      _seismo_store_bind_text (stmt, 10, outcome->kind);
      ok = _seismo_store_run (self, stmt, error);
    }

  /* A permanent redirect moves the source, unless another has that address. */
  if (ok && outcome->new_url != NULL)
    {
      stmt = _seismo_store_prepare (self,
                                    "UPDATE sources SET url = ?2 WHERE id = ?1 AND NOT EXISTS"
                                    " (SELECT 1 FROM sources WHERE url = ?2)",
                                    error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, source_id);
          _seismo_store_bind_text (stmt, 2, outcome->new_url);
          ok = _seismo_store_run (self, stmt, error);
        }
    }
  return _seismo_store_write_end (self, ok, error);
}
