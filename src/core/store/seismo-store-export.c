/* seismo-store-export.c — the notes and what an export prints around them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "seismo-store-private.h"

/* The Markdown export needs, per note, the event's title, date, companies,
 * tags and every source link, including those a removed source's items left
 * in events.links. Asking per note would be four queries × 10,000 notes;
 * instead one query reads the notes and four more read the companies, tags,
 * items and kept links of every noted event, in event order, attached
 * through a hash table. The renderer (src/core/export) never sees SQLite. */

static void
export_link_free (gpointer data)
{
  SeismoExportLink *link = data;

  g_free (link->url);
  g_free (link->title);
  g_free (link->source);
  g_free (link);
}

void
seismo_export_note_free (SeismoExportNote *note)
{
  if (note == NULL)
    return;
  g_free (note->company_slug);
  g_free (note->subject);
  g_free (note->body);
  g_strfreev (note->companies);
  g_strfreev (note->company_names);
  g_strfreev (note->tags);
  g_clear_pointer (&note->links, g_ptr_array_unref);
  g_free (note);
}

static void
add_link (SeismoExportNote *note,
          const char       *url,
          const char       *title,
          const char       *source)
{
  SeismoExportLink *link;

  if (url == NULL || url[0] == '\0')
    return;
  /* Two sources often carry the same article. */
  for (guint i = 0; i < note->links->len; i++)
    if (g_str_equal (((SeismoExportLink *) g_ptr_array_index (note->links, i))->url, url))
      return;
  link = g_new0 (SeismoExportLink, 1);
  link->url = g_strdup (url);
  link->title = title != NULL && title[0] != '\0' ? g_strdup (title) : NULL;
  link->source = source != NULL && source[0] != '\0' ? g_strdup (source) : NULL;
  g_ptr_array_add (note->links, link);
}

/* events.links: [{"url", "source"}] of items whose source was removed. */
static void
add_kept_links (SeismoExportNote *note,
                const char       *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonArray *array;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return;
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      object = json_node_get_object (element);
      add_link (note, json_object_get_string_member_with_default (object, "url", NULL), NULL,
                json_object_get_string_member_with_default (object, "source", NULL));
    }
}

/* Event notes first by date, then company notes; the renderer regroups. */
#define NOTES_QUERY                                                                         \
  "SELECT n.id, n.event_id, c.slug, coalesce (e.title, c.name), n.body,"                    \
  " coalesce (e.published, n.updated), coalesce (e.dated, 1), n.created, n.updated"         \
  " FROM notes n LEFT JOIN events e ON e.id = n.event_id"                                   \
  " LEFT JOIN companies c ON c.id = n.company_id"                                           \
  " WHERE (n.company_id IS NOT NULL AND (?1 IS NULL OR c.slug = ?1))"                       \
  " OR (n.event_id IS NOT NULL"                                                             \
  "  AND (?1 IS NULL OR n.event_id IN (SELECT ec.event_id FROM event_companies ec"          \
  "   JOIN companies c2 ON c2.id = ec.company_id WHERE c2.slug = ?1 AND ec.removed = 0))"   \
  "  AND (?2 IS NULL OR n.event_id IN (SELECT et.event_id FROM event_tags et"               \
  "   JOIN tags t ON t.id = et.tag_id WHERE t.name = ?2 AND et.removed = 0))"               \
  "  AND (?3 IS NULL OR e.published >= ?3) AND (?4 IS NULL OR e.published < ?4))"           \
  " ORDER BY n.event_id IS NULL, e.published, n.event_id, c.name COLLATE NOCASE, n.id"

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}

static gboolean
read_notes (SeismoStore              *self,
            const SeismoEventFilter  *filter,
            GPtrArray                *notes,
            GError                  **error)
{
  sqlite3_stmt *stmt = _seismo_store_prepare (self, NOTES_QUERY, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _seismo_store_bind_text (stmt, 1, filter->company);
  _seismo_store_bind_text (stmt, 2, filter->tag);
  _seismo_store_bind_date (stmt, 3, filter->since);
  _seismo_store_bind_date (stmt, 4, filter->until);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SeismoExportNote *note = g_new0 (SeismoExportNote, 1);

      note->note_id = sqlite3_column_int64 (stmt, 0);
      note->event_id = sqlite3_column_int64 (stmt, 1);
      note->company_slug = _seismo_store_column_dup (stmt, 2);
      note->subject = column_text (stmt, 3);
      note->body = column_text (stmt, 4);
      note->date = sqlite3_column_int64 (stmt, 5);
      note->dated = sqlite3_column_int (stmt, 6);
      note->created = sqlite3_column_int64 (stmt, 7);
      note->updated = sqlite3_column_int64 (stmt, 8);
      note->links = g_ptr_array_new_with_free_func (export_link_free);
      g_ptr_array_add (notes, note);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _seismo_store_set_error (self, error, rc, _("read the notes"));
      return FALSE;
    }
  return TRUE;
}

typedef enum
{
  ATTACH_COMPANIES,
  ATTACH_TAGS,
  ATTACH_ITEMS,
  ATTACH_KEPT_LINKS,
} Attach;

/* Each query returns the event id first, in event order. They start from
 * the notes (CROSS JOIN keeps that order), so that their cost follows the
 * number of notes, not the size of the timeline. */
static const char * const attach_queries[] = {
  [ATTACH_COMPANIES] =
    "SELECT n.event_id, c.slug, c.name FROM notes n"
    " CROSS JOIN event_companies ec ON ec.event_id = n.event_id"
    " JOIN companies c ON c.id = ec.company_id"
    " WHERE n.event_id IS NOT NULL AND ec.removed = 0"
    " ORDER BY n.event_id, c.name COLLATE NOCASE, c.slug",
  [ATTACH_TAGS] =
    "SELECT n.event_id, t.name FROM notes n"
    " CROSS JOIN event_tags et ON et.event_id = n.event_id JOIN tags t ON t.id = et.tag_id"
    " WHERE n.event_id IS NOT NULL AND et.removed = 0 ORDER BY n.event_id, t.name",
  [ATTACH_ITEMS] =
    "SELECT n.event_id, i.url, i.title, coalesce (nullif (s.title, ''), s.url) FROM notes n"
    " CROSS JOIN items i ON i.event_id = n.event_id JOIN sources s ON s.id = i.source_id"
    " WHERE n.event_id IS NOT NULL AND i.url IS NOT NULL"
    " ORDER BY n.event_id, i.published IS NULL, i.published, i.id",
  [ATTACH_KEPT_LINKS] =
    "SELECT n.event_id, e.links FROM notes n CROSS JOIN events e ON e.id = n.event_id"
    " WHERE n.event_id IS NOT NULL AND e.links IS NOT NULL ORDER BY n.event_id",
};

typedef struct
{
  SeismoExportNote *note;
  GStrvBuilder     *first;
  GStrvBuilder     *second;
} Pending;

static void
pending_flush (Pending *pending,
               Attach   what)
{
  if (pending->note != NULL && what == ATTACH_COMPANIES)
    {
      pending->note->companies = g_strv_builder_end (pending->first);
      pending->note->company_names = g_strv_builder_end (pending->second);
    }
  else if (pending->note != NULL && what == ATTACH_TAGS)
    pending->note->tags = g_strv_builder_end (pending->first);
  g_clear_pointer (&pending->first, g_strv_builder_unref);
  g_clear_pointer (&pending->second, g_strv_builder_unref);
  pending->note = NULL;
}

static gboolean
attach (SeismoStore  *self,
        GHashTable   *by_event,
        Attach        what,
        GError      **error)
{
  sqlite3_stmt *stmt = _seismo_store_prepare (self, attach_queries[what], error);
  Pending pending = { NULL, NULL, NULL };
  gint64 current = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 event_id = sqlite3_column_int64 (stmt, 0);
      const char *a = (const char *) sqlite3_column_text (stmt, 1);
      const char *b = (const char *) sqlite3_column_text (stmt, 2);

      if (event_id != current)
        {
          pending_flush (&pending, what);
          current = event_id;
          pending.note = g_hash_table_lookup (by_event, &event_id);
          if (pending.note != NULL && (what == ATTACH_COMPANIES || what == ATTACH_TAGS))
            {
              pending.first = g_strv_builder_new ();
              pending.second = g_strv_builder_new ();
            }
        }
      if (pending.note == NULL)
        continue; /* a note the filter left out */
      switch (what)
        {
        case ATTACH_COMPANIES:
          g_strv_builder_add (pending.first, a);
          g_strv_builder_add (pending.second, b);
          break;
        case ATTACH_TAGS:
          g_strv_builder_add (pending.first, a);
          break;
        case ATTACH_ITEMS:
          add_link (pending.note, a, b, (const char *) sqlite3_column_text (stmt, 3));
          break;
        case ATTACH_KEPT_LINKS:
          add_kept_links (pending.note, a);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  pending_flush (&pending, what);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _seismo_store_set_error (self, error, rc, _("read the notes"));
      return FALSE;
    }
  return TRUE;
}

/* With a tag or a date filter, a company's note goes along only as the
 * context of that company's exported event notes. */
static void
drop_lone_company_notes (GPtrArray *notes)
{
  g_autoptr(GHashTable) present = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < notes->len; i++)
    {
      SeismoExportNote *note = g_ptr_array_index (notes, i);

      for (guint c = 0; note->event_id != 0 && note->companies[c] != NULL; c++)
        g_hash_table_add (present, note->companies[c]);
    }
  for (guint i = notes->len; i-- > 0;)
    {
      SeismoExportNote *note = g_ptr_array_index (notes, i);

      if (note->event_id == 0 && !g_hash_table_contains (present, note->company_slug))
        g_ptr_array_remove_index (notes, i);
    }
}

/**
 * seismo_store_list_export_notes:
 * @filter: (nullable): only its company, tag, since and until count
 *
 * Every note the filter selects, with what a Markdown export prints about
 * it: event notes oldest first, then company notes by company name. An
 * event note matches the company and tag filters through the event's
 * companies and tags, and the date range through the event's date. A
 * company's note matches the company filter; under a tag or date filter
 * it comes only along with event notes of that company. An unknown company
 * or tag is an error, not an empty export.
 *
 * Returns: (transfer full) (element-type SeismoExportNote): the notes
 */
GPtrArray *
seismo_store_list_export_notes (SeismoStore              *self,
                                const SeismoEventFilter  *filter,
                                GError                  **error)
{
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GHashTable) by_event = NULL;
  g_autoptr(GRecMutexLocker) locker = NULL;
  SeismoEventFilter own = { .since = SEISMO_FILTER_NO_DATE, .until = SEISMO_FILTER_NO_DATE };

  g_return_val_if_fail (SEISMO_IS_STORE (self), NULL);

  if (filter != NULL)
    {
      own.company = filter->company;
      own.tag = filter->tag != NULL && filter->tag[0] == '#' ? filter->tag + 1 : filter->tag;
      own.since = filter->since;
      own.until = filter->until;
    }
  filter = &own;
  locker = g_rec_mutex_locker_new (&self->lock);
  if ((filter->company != NULL && _seismo_store_company_id (self, filter->company, error) == 0) ||
      (filter->tag != NULL && _seismo_store_tag_id (self, filter->tag, FALSE, error) == 0))
    return NULL;

  notes = g_ptr_array_new_with_free_func ((GDestroyNotify) seismo_export_note_free);
  if (!read_notes (self, filter, notes, error))
    return NULL;

  by_event = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < notes->len; i++)
    {
      SeismoExportNote *note = g_ptr_array_index (notes, i);

      if (note->event_id != 0)
        g_hash_table_insert (by_event, &note->event_id, note);
    }
  for (Attach what = ATTACH_COMPANIES; what <= ATTACH_KEPT_LINKS; what++)
    if (!attach (self, by_event, what, error))
      return NULL;

  /* Events with no company or tag got no row above. */
  for (guint i = 0; i < notes->len; i++)
    {
      SeismoExportNote *note = g_ptr_array_index (notes, i);

      if (note->companies == NULL)
        {
          note->companies = g_new0 (char *, 1);
          note->company_names = g_new0 (char *, 1);
        }
      if (note->tags == NULL)
        note->tags = g_new0 (char *, 1);
    }

  if (filter->tag != NULL || filter->since != SEISMO_FILTER_NO_DATE ||
      filter->until != SEISMO_FILTER_NO_DATE)
    drop_lone_company_notes (notes);
  return g_steal_pointer (&notes);
}
