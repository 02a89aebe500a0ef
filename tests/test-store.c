/* test-store.c — the SQLite store: schema, migrations, paging, filters, FTS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "seismo-event-list.h"
#include "seismo-store.h"
#include "seismo-store-private.h"
#include "seismo-test-util.h"

#define DAY (24 * 60 * 60)
#define T0 1737374340 /* 2025-01-20T11:59:00Z */

typedef struct
{
  char        *dir;
  char        *path;
  SeismoStore *store;
  gint64       source_a;
  gint64       source_b;
  gint64       deepseek;
  gint64       nvidia;
  gint64       market;
} Fixture;

static gint64
exec_int (sqlite3    *db,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static gint64
store_int (Fixture    *fixture,
           const char *sql)
{
  return exec_int (fixture->store->db, sql);
}

static void
run_sql (SeismoStore *store,
         const char  *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (_seismo_store_exec (store, sql, &error));
  g_assert_no_error (error);
}

static gint64
add_source (SeismoStore *store,
            const char  *url,
            const char  *title)
{
  g_autoptr(SeismoSource) source = seismo_source_new (url, "rss");
  g_autoptr(GError) error = NULL;
  gint64 id;

  seismo_source_set_title (source, title);
  id = seismo_store_add_source (store, source, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* One event with one item, linked to the given company and tag ids (0 for none). */
static gint64
add_event (SeismoStore *store,
           gint64       source_id,
           const char  *guid,
           const char  *title,
           const char  *summary,
           gint64       published,
           gint64       company_id,
           gint64       tag_id)
{
  g_autoptr(GError) error = NULL;
  gint64 event_id;

  g_assert_true (seismo_store_begin (store, &error));
  event_id = _seismo_store_new_event (store, title, summary, NULL, published, SEISMO_DATED_EXACT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (_seismo_store_insert_item (store, source_id, event_id, guid, guid, guid, title,
                                              summary, NULL, published, G_MININT64, &error), >, 0);
  if (company_id != 0)
    g_assert_true (_seismo_store_link_auto (store, FALSE, event_id, company_id, &error));
  if (tag_id != 0)
    g_assert_true (_seismo_store_link_auto (store, TRUE, event_id, tag_id, &error));
  g_assert_true (_seismo_store_index_event (store, event_id, &error));
  g_assert_true (seismo_store_commit (store, &error));
  g_assert_no_error (error);
  return event_id;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("seismo-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = seismo_store_open (fixture->path, &error);
  g_assert_no_error (error);

  run_sql (fixture->store,
           "INSERT INTO companies (slug, name) VALUES ('deepseek', 'DeepSeek'), ('nvidia', 'NVIDIA');"
           "INSERT INTO tags (name) VALUES ('market'), ('model-release');");
  fixture->deepseek = store_int (fixture, "SELECT id FROM companies WHERE slug = 'deepseek'");
  fixture->nvidia = store_int (fixture, "SELECT id FROM companies WHERE slug = 'nvidia'");
  fixture->market = store_int (fixture, "SELECT id FROM tags WHERE name = 'market'");
  fixture->source_a = add_source (fixture->store, "https://a.example/feed", "Outlet A");
  fixture->source_b = add_source (fixture->store, "https://b.example/feed", "Outlet B");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  seismo_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static void
test_schema (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(SeismoStore) again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (seismo_store_get_created (fixture->store));
  g_assert_cmpint (store_int (fixture, "PRAGMA user_version"), ==, SEISMO_STORE_SCHEMA_VERSION);
  g_assert_cmpint (store_int (fixture, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (store_int (fixture, "SELECT count (*) FROM sqlite_master WHERE name IN"
                                       " ('sources', 'items', 'events', 'companies',"
                                       " 'event_companies', 'tags', 'event_tags', 'tag_rules',"
                                       " 'notes', 'events_fts', 'notes_fts')"), ==, 11);
  {
    sqlite3_stmt *stmt = NULL;

    sqlite3_prepare_v2 (fixture->store->db, "PRAGMA journal_mode", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
    sqlite3_finalize (stmt);
  }

  g_clear_object (&fixture->store);
  again = seismo_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_false (seismo_store_get_created (again));
  fixture->store = g_steal_pointer (&again);
  g_assert_cmpint (store_int (fixture, "SELECT count (*) FROM sources"), ==, 2);
}

static void
assert_refused (const char *path,
                int         code,
                const char *words)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len = 0, after_len = 0;
  g_autoptr(SeismoStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &before, &before_len, NULL);
  store = seismo_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, SEISMO_STORE_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, words));
  /* Nothing written to what we refused. */
  if (before != NULL)
    {
      g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
      g_assert_cmpmem (before, before_len, after, after_len);
    }
}

static void
test_refuse_bad_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("seismo-refuse-XXXXXX", &error);
  g_autofree char *text = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  g_autofree char *newer = g_build_filename (dir, "newer.db", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "x.db", NULL);
  sqlite3 *db = NULL;

  g_assert_no_error (error);

  /* A text file, and a binary one longer than an SQLite header. */
  g_assert_true (g_file_set_contents (text, "my precious notes\n"
                                      "0123456789012345678901234567890123456789"
                                      "0123456789012345678901234567890123456789"
                                      "0123456789012345678901234567890123456789", -1, NULL));
  assert_refused (text, SEISMO_STORE_ERROR_NOT_OURS, "not a Seismograph database");

  sqlite3_open (other, &db);
  sqlite3_exec (db, "CREATE TABLE photos (id INTEGER); INSERT INTO photos VALUES (1);",
                NULL, NULL, NULL);
  sqlite3_close (db);
  assert_refused (other, SEISMO_STORE_ERROR_NOT_OURS, "another program");

  sqlite3_open (newer, &db);
  sqlite3_exec (db, "PRAGMA application_id = 1397052237; PRAGMA user_version = 99;"
                    "CREATE TABLE future (x);", NULL, NULL, NULL);
  sqlite3_close (db);
  assert_refused (newer, SEISMO_STORE_ERROR_TOO_NEW, "newer version");

  assert_refused (missing, SEISMO_STORE_ERROR_OPEN, "does not exist");
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  assert_refused (dir, SEISMO_STORE_ERROR_OPEN, "is a folder");

  g_remove (text);
  g_remove (other);
  g_remove (newer);
  g_rmdir (dir);
}

/* A file made by the first schema, with data in it, opens migrated. */
static void
test_migration_from_v1 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("seismo-migrate-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "v1.db", NULL);
  g_autoptr(SeismoStore) store = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(SeismoEvent) event = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, _seismo_store_migrations[0], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA application_id = 1397052237; PRAGMA user_version = 1;"
                                 "INSERT INTO sources (id, url, title, created)"
                                 "  VALUES (1, 'https://a.example/', 'A', 0);"
                                 "INSERT INTO events (id, title, published, created)"
                                 "  VALUES (7, 'OpenAI says DeepSeek distilled its models', 1738108800, 0);"
                                 "INSERT INTO items (source_id, event_id, guid, title, fetched)"
                                 "  VALUES (1, 7, 'g1', 'OpenAI says DeepSeek distilled its models', 0);"
                                 "INSERT INTO notes (event_id, body, created, updated)"
                                 "  VALUES (7, 'Check the *FT* piece on cormorants', 5, 6);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = seismo_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (seismo_store_get_created (store));
  g_assert_cmpint (exec_int (store->db, "PRAGMA user_version"), ==, SEISMO_STORE_SCHEMA_VERSION);
  g_assert_cmpint (exec_int (store->db, "SELECT count (*) FROM pragma_table_info ('events')"
                                        " WHERE name = 'links'"), ==, 1);

  event = seismo_store_get_event (store, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (seismo_event_get_note (event), ==, "Check the *FT* piece on cormorants");

  /* The new notes index was filled from the old notes. */
  notes = seismo_store_list_notes (store, "cormorants", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (notes->len, ==, 1);
  g_assert_cmpstr (seismo_note_get_subject (g_ptr_array_index (notes, 0)), ==,
                   "OpenAI says DeepSeek distilled its models");

  g_clear_object (&store);
  seismo_test_remove_tree (dir);
}

static GArray *
collect_ids (SeismoStore             *store,
             const SeismoEventFilter *filter,
             guint                    page_size,
             gboolean                 add_between)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  SeismoEventCursor cursor = { 0, 0, FALSE };
  gboolean first = TRUE;
  gint64 source = exec_int (store->db, "SELECT min (id) FROM sources");

  for (;;)
    {
      g_autoptr(GPtrArray) page = seismo_store_list_events (store, filter, first ? NULL : &cursor,
                                                            0, page_size, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < page->len; i++)
        {
          SeismoEvent *event = g_ptr_array_index (page, i);
          gint64 id = seismo_event_get_id (event);

          if (!first || i > 0)
            {
              /* Strictly after the previous row on (published, id). */
              g_assert_true (seismo_event_get_published (event) < cursor.published ||
                             (seismo_event_get_published (event) == cursor.published &&
                              id < cursor.id));
            }
          cursor = seismo_event_get_cursor (event);
          g_array_append_val (ids, id);
        }
      if (page->len < page_size)
        break;
      first = FALSE;

      /* News arriving while the user scrolls must not shift the pages. */
      if (add_between)
        {
          g_autofree char *guid = g_strdup_printf ("late-%u", ids->len);

          add_event (store, source, guid, "Late news", NULL, T0 + 100 * DAY, 0, 0);
        }
    }
  return ids;
}

static void
test_keyset_paging (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GError) error = NULL;
  guint count = 0;

  g_assert_true (seismo_store_begin (fixture->store, &error));
  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *guid = g_strdup_printf ("item-%u", i);

      /* Many ties on published: the id must break them. */
      add_event (fixture->store, fixture->source_a, guid, "Story", NULL, T0 + (i / 7) * 3600, 0, 0);
    }
  g_assert_true (seismo_store_commit (fixture->store, &error));

  ids = collect_ids (fixture->store, NULL, 37, TRUE);
  g_assert_cmpuint (ids->len, ==, 500);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 *id = &g_array_index (ids, gint64, i);

      g_assert_false (g_hash_table_contains (seen, id));
      g_hash_table_add (seen, id);
    }
  g_assert_true (seismo_store_count_events (fixture->store, NULL, &count, &error));
  g_assert_cmpuint (count, ==, 500 + 13); /* one late story per full page */

  /* A jump by offset lands on the same rows keyset paging reaches. */
  {
    g_autoptr(GArray) all = collect_ids (fixture->store, NULL, 1000, FALSE);
    g_autoptr(GPtrArray) jump = seismo_store_list_events (fixture->store, NULL, NULL, 250, 10,
                                                          &error);

    g_assert_no_error (error);
    g_assert_cmpuint (jump->len, ==, 10);
    for (guint i = 0; i < 10; i++)
      g_assert_cmpint (seismo_event_get_id (g_ptr_array_index (jump, i)), ==,
                       g_array_index (all, gint64, 250 + i));
  }
}

static void
test_day_headers (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) jump = NULL;
  g_autoptr(GError) error = NULL;
  SeismoEventCursor cursor;

  g_setenv ("TZ", "UTC", TRUE);
  add_event (fixture->store, fixture->source_a, "d1", "Day one, morning", NULL, T0 - 3 * 3600, 0, 0);
  add_event (fixture->store, fixture->source_a, "d2", "Day one, noon", NULL, T0, 0, 0);
  add_event (fixture->store, fixture->source_a, "d3", "Day two", NULL, T0 + DAY, 0, 0);

  page = seismo_store_list_events (fixture->store, NULL, NULL, 0, 2, &error);
  g_assert_no_error (error);
  g_assert_true (seismo_event_get_first_of_day (g_ptr_array_index (page, 0)));
  g_assert_true (seismo_event_get_first_of_day (g_ptr_array_index (page, 1)));

  /* The next page's first row is the same day as the cursor: no header. */
  cursor = seismo_event_get_cursor (g_ptr_array_index (page, 1));
  g_clear_pointer (&page, g_ptr_array_unref);
  page = seismo_store_list_events (fixture->store, NULL, &cursor, 0, 2, &error);
  g_assert_cmpuint (page->len, ==, 1);
  g_assert_false (seismo_event_get_first_of_day (g_ptr_array_index (page, 0)));

  jump = seismo_store_list_events (fixture->store, NULL, NULL, 2, 5, &error);
  g_assert_cmpuint (jump->len, ==, 1);
  g_assert_false (seismo_event_get_first_of_day (g_ptr_array_index (jump, 0)));
}

typedef struct
{
  gint64 deepseek_story;
  gint64 nvidia_story;
  gint64 both;
  gint64 old;
} Stories;

static Stories
add_stories (Fixture *fixture)
{
  Stories s;

  s.deepseek_story = add_event (fixture->store, fixture->source_a, "r1",
                                "DeepSeek releases R1 reasoning model", "Open weights, MIT licence",
                                T0, fixture->deepseek, 0);
  s.nvidia_story = add_event (fixture->store, fixture->source_b, "nv",
                              "Nvidia shares plunge 17%", "Biggest one-day loss in market value",
                              T0 + 7 * DAY, fixture->nvidia, fixture->market);
  s.both = add_event (fixture->store, fixture->source_b, "both",
                      "OpenAI says DeepSeek used distillation", "Evidence of unauthorized use",
                      T0 + 8 * DAY, fixture->deepseek, 0);
  _seismo_store_link_auto (fixture->store, FALSE, s.both, fixture->nvidia, NULL);
  s.old = add_event (fixture->store, fixture->source_a, "old", "ChatGPT opens to the public",
                     NULL, T0 - 700 * DAY, 0, 0);
  return s;
}

static guint
count_matching (Fixture           *fixture,
                SeismoEventFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = seismo_store_list_events (fixture->store, filter, NULL, 0, 100, &error);
  guint count = 0;

  g_assert_no_error (error);
  g_assert_true (seismo_store_count_events (fixture->store, filter, &count, &error));
  g_assert_cmpuint (count, ==, page->len);
  return count;
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  Stories s = add_stories (fixture);
  g_autoptr(SeismoEventFilter) filter = seismo_event_filter_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (count_matching (fixture, filter), ==, 4);

  filter->company = g_strdup ("deepseek");
  g_assert_cmpuint (count_matching (fixture, filter), ==, 2);
  g_clear_pointer (&filter->company, g_free);

  filter->tag = g_strdup ("market");
  g_assert_cmpuint (count_matching (fixture, filter), ==, 1);
  g_clear_pointer (&filter->tag, g_free);

  filter->source_id = fixture->source_b;
  g_assert_cmpuint (count_matching (fixture, filter), ==, 2);
  filter->source_id = 0;

  filter->since = T0;
  filter->until = T0 + 8 * DAY;
  g_assert_cmpuint (count_matching (fixture, filter), ==, 2);
  filter->since = filter->until = SEISMO_FILTER_NO_DATE;

  g_assert_true (seismo_store_set_event_flag (fixture->store, s.old, SEISMO_EVENT_FLAG_READ, TRUE,
                                              &error));
  g_assert_true (seismo_store_set_event_flag (fixture->store, s.both, SEISMO_EVENT_FLAG_STARRED,
                                              TRUE, &error));
  g_assert_true (seismo_store_set_note (fixture->store, s.nvidia_story, NULL, "Inference demand?",
                                        &error));
  g_assert_no_error (error);

  filter->unread = TRUE;
  g_assert_cmpuint (count_matching (fixture, filter), ==, 3);
  filter->unread = FALSE;
  filter->starred = TRUE;
  g_assert_cmpuint (count_matching (fixture, filter), ==, 1);
  filter->starred = FALSE;
  filter->has_note = TRUE;
  g_assert_cmpuint (count_matching (fixture, filter), ==, 1);
  filter->has_note = FALSE;

  /* Filters combine. */
  filter->company = g_strdup ("nvidia");
  filter->starred = TRUE;
  g_assert_cmpuint (count_matching (fixture, filter), ==, 1);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  Stories s = add_stories (fixture);
  static const char * const harmless[] = {
    "\"", "*", "AND", "NEAR(", "deep\"seek", "title:x", "-", "(((", "^", "\xff\xfe",
  };
  g_autoptr(SeismoEventFilter) filter = seismo_event_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = NULL;

  filter->search = g_strdup ("distillation");
  page = seismo_store_list_events (fixture->store, filter, NULL, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 1);
  g_assert_cmpint (seismo_event_get_id (g_ptr_array_index (page, 0)), ==, s.both);

  /* Prefixes, case and summaries. */
  g_free (filter->search);
  filter->search = g_strdup ("NVID plunge");
  g_assert_cmpuint (count_matching (fixture, filter), ==, 1);
  g_free (filter->search);
  filter->search = g_strdup ("licence");
  g_assert_cmpuint (count_matching (fixture, filter), ==, 1);

  /* Notes are searchable, and the index follows their edits. */
  g_assert_true (seismo_store_set_note (fixture->store, s.old, NULL, "cormorant fishing", &error));
  g_free (filter->search);
  filter->search = g_strdup ("cormorant");
  g_assert_cmpuint (count_matching (fixture, filter), ==, 1);
  g_assert_true (seismo_store_set_note (fixture->store, s.old, NULL, "", &error));
  g_assert_cmpuint (count_matching (fixture, filter), ==, 0);

  /* Whatever the user types is never FTS syntax and never an error. */
  for (guint i = 0; i < G_N_ELEMENTS (harmless); i++)
    {
      g_free (filter->search);
      filter->search = g_strdup (harmless[i]);
      count_matching (fixture, filter);
    }
}

static void
test_counts (Fixture       *fixture,
             gconstpointer  data)
{
  Stories s = add_stories (fixture);
  g_autoptr(GPtrArray) companies = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GArray) activity = NULL;
  g_autoptr(GError) error = NULL;
  SeismoTotals totals;

  g_assert_true (seismo_store_set_event_flag (fixture->store, s.deepseek_story,
                                              SEISMO_EVENT_FLAG_READ, TRUE, &error));

  companies = seismo_store_list_companies (fixture->store, T0 + 8 * DAY + 60, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (companies->len, ==, 2);
  /* By name: DeepSeek, NVIDIA. */
  {
    SeismoCompany *deepseek = g_ptr_array_index (companies, 0);
    SeismoCompany *nvidia = g_ptr_array_index (companies, 1);

    g_assert_cmpstr (seismo_company_get_slug (deepseek), ==, "deepseek");
    g_assert_cmpuint (seismo_company_get_events_total (deepseek), ==, 2);
    g_assert_cmpuint (seismo_company_get_events_7d (deepseek), ==, 1);
    g_assert_cmpuint (seismo_company_get_events_30d (deepseek), ==, 2);
    g_assert_cmpuint (seismo_company_get_unread (deepseek), ==, 1);
    g_assert_cmpstr (seismo_company_get_latest_title (deepseek), ==,
                     "OpenAI says DeepSeek used distillation");
    g_assert_cmpuint (seismo_company_get_events_total (nvidia), ==, 2);
  }

  /* The sidebar's cheaper list: followed companies only, unread counts. */
  g_assert_true (seismo_store_set_followed (fixture->store, "deepseek", TRUE, &error));
  {
    g_autoptr(GPtrArray) followed = seismo_store_list_followed_companies (fixture->store, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (followed->len, ==, 1);
    g_assert_cmpstr (seismo_company_get_slug (g_ptr_array_index (followed, 0)), ==, "deepseek");
    g_assert_true (seismo_company_get_followed (g_ptr_array_index (followed, 0)));
    g_assert_cmpuint (seismo_company_get_unread (g_ptr_array_index (followed, 0)), ==, 1);
  }

  tags = seismo_store_list_tags (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tags->len, ==, 2);
  g_assert_cmpstr (seismo_tag_get_name (g_ptr_array_index (tags, 0)), ==, "market");
  g_assert_cmpuint (seismo_tag_get_events (g_ptr_array_index (tags, 0)), ==, 1);
  g_assert_cmpuint (seismo_tag_get_events (g_ptr_array_index (tags, 1)), ==, 0);

  g_assert_true (seismo_store_get_totals (fixture->store, &totals, &error));
  g_assert_cmpuint (totals.all, ==, 4);
  g_assert_cmpuint (totals.unread, ==, 3);
  g_assert_cmpuint (totals.starred, ==, 0);

  activity = seismo_store_company_activity (fixture->store, "deepseek", T0 + 9 * DAY, 9, DAY,
                                            &error);
  g_assert_no_error (error);
  g_assert_cmpuint (activity->len, ==, 9);
  g_assert_cmpuint (g_array_index (activity, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (activity, guint, 8), ==, 1);
}

static void
test_user_decisions (Fixture       *fixture,
                     gconstpointer  data)
{
  Stories s = add_stories (fixture);
  g_autoptr(SeismoEvent) event = NULL;
  g_autoptr(GError) error = NULL;

  /* The user takes DeepSeek off; a later automatic match does not put it back. */
  g_assert_true (seismo_store_remove_event_company (fixture->store, s.both, "deepseek", &error));
  g_assert_true (_seismo_store_link_auto (fixture->store, FALSE, s.both, fixture->deepseek, &error));
  event = seismo_store_get_event (fixture->store, s.both, &error);
  g_assert_cmpstrv (seismo_event_get_companies (event), ((const char *[]) { "nvidia", NULL }));
  g_clear_object (&event);

  g_assert_true (seismo_store_add_event_tag (fixture->store, s.both, "#legal-ip", &error));
  g_assert_true (seismo_store_remove_event_tag (fixture->store, s.nvidia_story, "market", &error));
  g_assert_true (_seismo_store_link_auto (fixture->store, TRUE, s.nvidia_story, fixture->market,
                                          &error));
  g_assert_no_error (error);
  event = seismo_store_get_event (fixture->store, s.nvidia_story, &error);
  g_assert_cmpuint (g_strv_length ((GStrv) seismo_event_get_tags (event)), ==, 0);
  g_clear_object (&event);
  event = seismo_store_get_event (fixture->store, s.both, &error);
  g_assert_cmpstrv (seismo_event_get_tags (event), ((const char *[]) { "legal-ip", NULL }));

  /* Errors that name what was wrong. */
  g_assert_false (seismo_store_remove_event_tag (fixture->store, s.old, "market", &error));
  g_assert_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (seismo_store_add_event_tag (fixture->store, 999999, "market", &error));
  g_assert_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (seismo_store_add_event_company (fixture->store, s.old, "nosuch", &error));
  g_assert_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (seismo_store_set_followed (fixture->store, "nosuch", TRUE, &error));
  g_assert_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_NOT_FOUND);
}

static void
test_rollback (Fixture       *fixture,
               gconstpointer  data)
{
  Stories s = add_stories (fixture);
  g_autoptr(SeismoNote) note = NULL;
  g_autoptr(GError) error = NULL;
  gint64 events_before = store_int (fixture, "SELECT count (*) FROM events");

  /* A batch that fails half-way leaves nothing behind. */
  g_assert_true (seismo_store_begin (fixture->store, &error));
  g_assert_cmpint (_seismo_store_new_event (fixture->store, "Half", NULL, NULL, T0, SEISMO_DATED_EXACT, &error),
                   >, 0);
  g_assert_cmpint (_seismo_store_insert_item (fixture->store, 424242, 0, "g", NULL, NULL, NULL,
                                              NULL, NULL, T0, G_MININT64, &error), ==, -1);
  g_assert_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_FAILED);
  seismo_store_rollback (fixture->store);
  g_assert_cmpint (store_int (fixture, "SELECT count (*) FROM events"), ==, events_before);
  g_clear_error (&error);

  /* A refused note keeps the one before it. */
  g_assert_true (seismo_store_set_note (fixture->store, s.old, NULL, "first", &error));
  g_assert_false (seismo_store_set_note (fixture->store, s.old, NULL, "bad \xc3\x28 text", &error));
  g_assert_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (seismo_store_get_note (fixture->store, s.old, NULL, &note, &error));
  g_assert_cmpstr (seismo_note_get_body (note), ==, "first");

  /* A bad tag name creates no tag. */
  g_assert_false (seismo_store_add_event_tag (fixture->store, s.old, "two words", &error));
  g_assert_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID);
  g_assert_cmpint (store_int (fixture, "SELECT count (*) FROM tags"), ==, 2);
}

static void
test_notes (Fixture       *fixture,
            gconstpointer  data)
{
  Stories s = add_stories (fixture);
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(SeismoNote) note = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) big = g_string_new (NULL);
  const char *markdown = "  # Heading\n\n* keep *this* exactly  \n\ttabs and trailing spaces  \n";

  g_assert_true (seismo_store_set_note (fixture->store, s.both, NULL, markdown, &error));
  g_assert_true (seismo_store_set_note (fixture->store, 0, "deepseek", "Company view", &error));
  g_assert_no_error (error);
  g_assert_true (seismo_store_get_note (fixture->store, s.both, NULL, &note, &error));
  g_assert_cmpstr (seismo_note_get_body (note), ==, markdown);
  g_assert_cmpint (seismo_note_get_created (note), >, 0);
  g_clear_object (&note);
  g_assert_true (seismo_store_get_note (fixture->store, 0, "deepseek", &note, &error));
  g_assert_cmpstr (seismo_note_get_subject (note), ==, "DeepSeek");
  g_assert_cmpstr (seismo_note_get_company_slug (note), ==, "deepseek");

  notes = seismo_store_list_notes (fixture->store, NULL, &error);
  g_assert_cmpuint (notes->len, ==, 2);
  g_clear_pointer (&notes, g_ptr_array_unref);
  notes = seismo_store_list_notes (fixture->store, "heading", &error);
  g_assert_cmpuint (notes->len, ==, 1);

  /* A 5 MB note is kept whole. */
  while (big->len < 5 * 1024 * 1024)
    g_string_append (big, "Long analysis paragraph with ünïcode and *Markdown*.\n");
  g_assert_true (seismo_store_set_note (fixture->store, s.old, NULL, big->str, &error));
  g_clear_object (&note);
  g_assert_true (seismo_store_get_note (fixture->store, s.old, NULL, &note, &error));
  g_assert_cmpuint (strlen (seismo_note_get_body (note)), ==, big->len);
}

static void
test_remove_source (Fixture       *fixture,
                    gconstpointer  data)
{
  Stories s = add_stories (fixture);
  g_autoptr(SeismoEvent) event = NULL;
  g_autoptr(SeismoEventFilter) filter = seismo_event_filter_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (seismo_store_set_note (fixture->store, s.both, NULL, "Keep this", &error));
  g_assert_true (seismo_store_remove_source (fixture->store, fixture->source_b, &error));
  g_assert_no_error (error);

  g_assert_cmpint (store_int (fixture, "SELECT count (*) FROM items WHERE source_id = 2"), ==, 0);
  /* The note's event stays, with its links; the other one goes. */
  event = seismo_store_get_event (fixture->store, s.both, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (seismo_event_get_title (event), ==, "OpenAI says DeepSeek used distillation");
  g_assert_cmpstr (seismo_event_get_note (event), ==, "Keep this");
  g_assert_cmpint (store_int (fixture, "SELECT json_array_length (links) FROM events WHERE"
                                       " title LIKE 'OpenAI says%'"), ==, 1);
  g_assert_null (seismo_store_get_event (fixture->store, s.nvidia_story, &error));
  g_assert_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The index forgot the removed items but not the kept note. */
  filter->search = g_strdup ("plunge");
  g_assert_cmpuint (count_matching (fixture, filter), ==, 0);
  g_free (filter->search);
  filter->search = g_strdup ("keep");
  g_assert_cmpuint (count_matching (fixture, filter), ==, 1);

  g_assert_false (seismo_store_remove_source (fixture->store, fixture->source_b, &error));
  g_assert_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_NOT_FOUND);
}

static void
test_sources (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(SeismoSource) bad = seismo_source_new ("file:///etc/passwd", "rss");
  g_autoptr(SeismoSource) dup = seismo_source_new ("https://a.example/feed", "rss");
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (seismo_store_add_source (fixture->store, bad, &error), ==, 0);
  g_assert_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (seismo_store_add_source (fixture->store, dup, &error), ==, 0);
  g_assert_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (seismo_store_set_source_enabled (fixture->store, fixture->source_a, FALSE, &error));
  sources = seismo_store_list_sources (fixture->store, &error);
  g_assert_cmpuint (sources->len, ==, 2);
  g_assert_false (seismo_source_get_enabled (g_ptr_array_index (sources, 0)));
  g_assert_cmpstr (seismo_source_get_title (g_ptr_array_index (sources, 1)), ==, "Outlet B");
  g_assert_cmpint (seismo_source_get_status (g_ptr_array_index (sources, 1)), ==,
                   SEISMO_SOURCE_STATUS_NEW);
}

static void
wait_loaded (SeismoEventList *list)
{
  while (seismo_event_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
}

/* Reads the event at @position, letting the list fetch its page. */
static SeismoEvent *
wait_item (SeismoEventList *list,
           guint            position)
{
  for (;;)
    {
      SeismoEvent *event = g_list_model_get_item (G_LIST_MODEL (list), position);

      if (!seismo_event_get_placeholder (event))
        return event;
      g_object_unref (event);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_lazy_list (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(SeismoEventList) list = NULL;
  g_autoptr(SeismoEventFilter) filter = seismo_event_filter_new ();
  g_autoptr(GError) error = NULL;
  gint64 previous_id = G_MAXINT64;
  guint changes = 0;

  g_assert_true (seismo_store_begin (fixture->store, &error));
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *guid = g_strdup_printf ("lazy-%u", i);

      add_event (fixture->store, fixture->source_a, guid, i % 10 == 0 ? "Ten" : "Story", NULL,
                 T0 + (i / 3) * 60, 0, 0);
    }
  g_assert_true (seismo_store_commit (fixture->store, &error));

  list = seismo_event_list_new (fixture->store, NULL);
  g_signal_connect (list, "items-changed", G_CALLBACK (count_changes_cb), &changes);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  seismo_event_list_set_paging (list, 50, 4);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1000);
  g_assert_cmpuint (changes, ==, 1);

  /* Scroll through all of it: newest first, every row once, memory bounded. */
  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(SeismoEvent) event = wait_item (list, i);

      g_assert_cmpint (seismo_event_get_id (event), <, previous_id);
      previous_id = seismo_event_get_id (event);
      g_assert_cmpuint (seismo_event_list_get_n_cached (list), <=, 4 * 50);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 1000));

  /* A jump far down by offset, then back to the top. */
  {
    g_autoptr(SeismoEvent) deep = wait_item (list, 777);
    g_autoptr(SeismoEvent) top = wait_item (list, 0);

    g_assert_cmpuint (seismo_event_list_find (list, seismo_event_get_id (deep)), ==, 777);
    g_assert_true (seismo_event_get_first_of_day (top));
  }

  filter->search = g_strdup ("ten");
  seismo_event_list_set_filter (list, filter);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 100);
}

static void
test_split_merge (Fixture       *fixture,
                  gconstpointer  data)
{
  Stories s = add_stories (fixture);
  g_autoptr(SeismoEvent) event = NULL;
  g_autoptr(SeismoEventFilter) filter = seismo_event_filter_new ();
  g_autoptr(GError) error = NULL;
  gint64 second, fresh = 0;

  /* A second report joins the DeepSeek story, then the user splits it off. */
  g_assert_true (seismo_store_begin (fixture->store, &error));
  second = _seismo_store_insert_item (fixture->store, fixture->source_b, s.deepseek_story, "r1-b",
                                      "https://b.example/r1", "https://b.example/r1", "R1 is out",
                                      "Second report",
                                      NULL, T0 + 60, G_MININT64, &error);
  g_assert_true (seismo_store_commit (fixture->store, &error));
  g_assert_cmpint (second, >, 0);

  g_assert_true (seismo_store_split_item (fixture->store, second, &fresh, &error));
  g_assert_no_error (error);
  event = seismo_store_get_event (fixture->store, fresh, &error);
  g_assert_cmpstr (seismo_event_get_title (event), ==, "R1 is out");
  g_assert_cmpuint (seismo_event_get_items (event)->len, ==, 1);
  g_assert_cmpstrv (seismo_event_get_companies (event), ((const char *[]) { "deepseek", NULL }));
  g_assert_cmpint (store_int (fixture, "SELECT count (*) FROM events WHERE pinned = 1"), ==, 2);
  g_clear_object (&event);

  /* The last item of an event cannot be split off. */
  g_assert_false (seismo_store_split_item (fixture->store, second, NULL, &error));
  g_assert_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Another outlet's copy of the split-off article joins it: same URL, same
   * happening, even though the user pinned that event. */
  {
    g_autoptr(GPtrArray) items =
      g_ptr_array_new_with_free_func ((GDestroyNotify) seismo_ingest_item_free);
    SeismoIngestItem *copy = seismo_ingest_item_new ();
    SeismoIngestStats stats = { 0 };

    copy->guid = g_strdup ("r1-copy");
    copy->url = g_strdup ("https://b.example/r1?utm_source=rss");
    copy->canonical_url = g_strdup ("https://b.example/r1");
    copy->title = g_strdup ("Syndicated: R1 is out");
    copy->published = T0 + 120;
    g_ptr_array_add (items, copy);
    g_assert_true (seismo_store_ingest (fixture->store, fixture->source_a, items, NULL, &stats,
                                        &error));
    g_assert_no_error (error);
    g_assert_cmpuint (stats.new_events, ==, 0);
    event = seismo_store_get_event (fixture->store, fresh, &error);
    g_assert_cmpuint (seismo_event_get_items (event)->len, ==, 2);
    g_clear_object (&event);
  }

  /* Merged back, with both notes kept and searchable. */
  g_assert_true (seismo_store_set_note (fixture->store, fresh, NULL, "from the split", &error));
  g_assert_true (seismo_store_set_note (fixture->store, s.deepseek_story, NULL, "original", &error));
  g_assert_true (seismo_store_set_event_flag (fixture->store, fresh, SEISMO_EVENT_FLAG_STARRED,
                                              TRUE, &error));
  g_assert_true (seismo_store_merge_events (fixture->store, fresh, s.deepseek_story, &error));
  g_assert_no_error (error);
  event = seismo_store_get_event (fixture->store, s.deepseek_story, &error);
  g_assert_cmpuint (seismo_event_get_items (event)->len, ==, 3);
  g_assert_true (seismo_event_get_starred (event));
  g_assert_nonnull (strstr (seismo_event_get_note (event), "original"));
  g_assert_nonnull (strstr (seismo_event_get_note (event), "from the split"));
  g_assert_null (seismo_store_get_event (fixture->store, fresh, NULL));
  filter->search = g_strdup ("split");
  g_assert_cmpuint (count_matching (fixture, filter), ==, 1);
  {
    g_autoptr(GPtrArray) notes = seismo_store_list_notes (fixture->store, "split", &error);

    g_assert_cmpuint (notes->len, ==, 1);
  }

  g_assert_false (seismo_store_merge_events (fixture->store, s.old, s.old, &error));
  g_assert_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID);
}

static void
test_notifications (Fixture       *fixture,
                    gconstpointer  data)
{
  Stories s = add_stories (fixture);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  const char * const watched_tags[] = { "market", NULL };
  const char * const keywords[] = { "CHATGPT", NULL };

  g_array_append_vals (ids, (gint64[]) { s.deepseek_story, s.nvidia_story, s.both, s.old }, 4);
  g_assert_true (seismo_store_set_followed (fixture->store, "deepseek", TRUE, &error));

  /* Followed company (two stories), watched tag (NVIDIA), keyword (ChatGPT). */
  first = seismo_store_take_notifications (fixture->store, ids, watched_tags, keywords, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 4);
  /* Newest first. */
  g_assert_cmpint (seismo_event_get_id (g_ptr_array_index (first, 0)), ==, s.both);

  /* The same events never notify twice. */
  again = seismo_store_take_notifications (fixture->store, ids, watched_tags, keywords, &error);
  g_assert_cmpuint (again->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/schema", test_schema);
  g_test_add_func ("/store/refuse-bad-files", test_refuse_bad_files);
  g_test_add_func ("/store/migration-from-v1", test_migration_from_v1);
  ADD ("/store/keyset-paging", test_keyset_paging);
  ADD ("/store/day-headers", test_day_headers);
  ADD ("/store/filters", test_filters);
  ADD ("/store/search", test_search);
  ADD ("/store/counts", test_counts);
  ADD ("/store/user-decisions", test_user_decisions);
  ADD ("/store/rollback", test_rollback);
  ADD ("/store/notes", test_notes);
  ADD ("/store/remove-source", test_remove_source);
  ADD ("/store/sources", test_sources);
  ADD ("/store/lazy-list", test_lazy_list);
  ADD ("/store/split-merge", test_split_merge);
  ADD ("/store/notifications", test_notifications);

#undef ADD

  return g_test_run ();
}
