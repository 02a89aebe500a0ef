/* test-starter-pack.c — the curated data a new database starts with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "seismo-starter-pack.h"
#include "seismo-store-private.h"
#include "seismo-test-util.h"

typedef struct
{
  char        *dir;
  char        *path;
  SeismoStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("seismo-pack-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "pack.db", NULL);
  fixture->store = seismo_store_open (fixture->path, &error);
  g_assert_no_error (error);
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

static gint64
count (Fixture    *fixture,
       const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (fixture->store->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Every row of every table, in a stable order, as text. */
static char *
dump (Fixture *fixture)
{
  static const char * const tables[] = {
    "sources", "events", "items", "companies", "company_aliases", "event_companies", "tags",
    "event_tags", "tag_rules", "notes",
  };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1, 2", tables[i]);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (fixture->store->db, sql, -1, &stmt, NULL), ==,
                       SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_string_append_printf (text, "%s:", tables[i]);
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              /* Creation times differ by design; they are not content. */
              if (g_str_equal (sqlite3_column_name (stmt, c), "created") ||
                  g_str_equal (sqlite3_column_name (stmt, c), "fetched"))
                continue;
              g_string_append_printf (text, "|%s", (const char *) sqlite3_column_text (stmt, c));
            }
          g_string_append_c (text, '\n');
        }
      sqlite3_finalize (stmt);
    }
  g_string_append_printf (text, "fts:%" G_GINT64_FORMAT "\n",
                          count (fixture, "SELECT count (*) FROM events_fts"));
  return g_string_free (text, FALSE);
}

static SeismoEvent *
find_event (Fixture    *fixture,
            const char *day,
            const char *words)
{
  g_autoptr(SeismoEventFilter) filter = seismo_event_filter_new ();
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = g_strconcat (day, "T00:00:00Z", NULL);

  start = g_date_time_new_from_iso8601 (iso, NULL);
  filter->since = g_date_time_to_unix (start);
  filter->until = filter->since + 24 * 60 * 60;
  filter->search = g_strdup (words);
  events = seismo_store_list_events (fixture->store, filter, NULL, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, >=, 1);
  return g_object_ref (g_ptr_array_index (events, 0));
}

static void
test_contents (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SeismoEvent) r1 = NULL;
  g_autoptr(SeismoEvent) fall = NULL;
  g_autoptr(SeismoEvent) detail = NULL;

  g_assert_true (seismo_starter_pack_load (fixture->store, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (count (fixture, "SELECT count (*) FROM companies"), >=, 30);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM companies WHERE followed = 1"), >=, 5);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM company_aliases"), >=, 200);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM sources WHERE kind != 'builtin'"), >=, 20);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM sources WHERE enabled = 1"), >=, 10);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM sources WHERE enabled = 0"
                                   " AND kind != 'builtin'"), >=, 1);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM sources WHERE kind = 'json-api'"
                                   " AND json_valid (mapping)"), >=, 3);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM events"), >=, 40);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM tags"), >=, 10);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM tag_rules"), >=, 40);
  /* Every event has a link and a company; all but the few about people
   * (founders, CEOs: no tag in the vocabulary) have a tag. */
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM events e WHERE NOT EXISTS"
                                   " (SELECT 1 FROM items i WHERE i.event_id = e.id"
                                   "  AND i.url LIKE 'http%')"), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM events e WHERE NOT EXISTS"
                                   " (SELECT 1 FROM event_companies c WHERE c.event_id = e.id)"), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM events e WHERE NOT EXISTS"
                                   " (SELECT 1 FROM event_tags t WHERE t.event_id = e.id)"), <=, 4);

  /* The two anchors of the seed week. */
  r1 = find_event (fixture, "2025-01-20", "R1");
  g_assert_true (g_strv_contains (seismo_event_get_companies (r1), "deepseek"));
  g_assert_true (g_strv_contains (seismo_event_get_tags (r1), "model-release"));
  fall = find_event (fixture, "2025-01-27", "NVIDIA falls 17");
  g_assert_true (g_strv_contains (seismo_event_get_companies (fall), "nvidia"));
  g_assert_true (g_strv_contains (seismo_event_get_tags (fall), "market"));

  /* Companies come with their aliases. */
  {
    g_autoptr(SeismoCompany) openai = seismo_store_get_company (fixture->store, "openai", 0, &error);

    g_assert_no_error (error);
    g_assert_true (g_strv_contains (seismo_company_get_aliases (openai), "ChatGPT"));
  }

  detail = seismo_store_get_event (fixture->store, seismo_event_get_id (r1), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seismo_event_get_items (detail)->len, >=, 1);
}

static void
test_twice (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  gint64 event_id;

  g_assert_true (seismo_starter_pack_load (fixture->store, NULL, &error));
  first = dump (fixture);
  g_assert_true (seismo_starter_pack_load (fixture->store, NULL, &error));
  g_assert_no_error (error);
  second = dump (fixture);
  g_assert_cmpstr (first, ==, second);

  /* What the user changed stays as the user left it. */
  event_id = count (fixture, "SELECT min (id) FROM events");
  g_assert_true (seismo_store_set_followed (fixture->store, "openai", FALSE, &error));
  g_assert_true (seismo_store_set_note (fixture->store, event_id, NULL, "mine", &error));
  {
    g_autoptr(SeismoEvent) event = seismo_store_get_event (fixture->store, event_id, &error);
    const char *tag = seismo_event_get_tags (event)[0];

    g_assert_true (seismo_store_remove_event_tag (fixture->store, event_id, tag, &error));
  }
  g_assert_no_error (error);
  first = (g_free (first), dump (fixture));
  g_assert_true (seismo_starter_pack_load (fixture->store, NULL, &error));
  third = dump (fixture);
  g_assert_cmpstr (first, ==, third);
}

static void
copy_pack (const char *to)
{
  static const char * const files[] = { "companies.json", "sources.json", "tags.json", "events.json" };
  const char *data_dir = g_getenv ("SEISMO_DATA_DIR");

  g_assert_nonnull (data_dir);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *from = g_build_filename (data_dir, "starter", files[i], NULL);
      g_autofree char *dest = g_build_filename (to, files[i], NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (dest, contents, length, NULL));
    }
}

static void
assert_refused (Fixture    *fixture,
                const char *file,
                const char *contents,
                const char *words)
{
  g_autofree char *pack = g_build_filename (fixture->dir, "pack", NULL);
  g_autofree char *path = g_build_filename (pack, file, NULL);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (pack, 0700);
  copy_pack (pack);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));

  g_assert_false (seismo_starter_pack_load (fixture->store, pack, &error));
  g_assert_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, file));
  g_assert_nonnull (strstr (error->message, words));
  /* All or nothing: not even the good files' rows. */
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM companies"), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM events"), ==, 0);
  seismo_test_remove_tree (pack);
}

static void
test_malformed (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pack = g_build_filename (fixture->dir, "pack", NULL);

  /* The real files, from disk, load as the built-in ones do. */
  g_mkdir_with_parents (pack, 0700);
  copy_pack (pack);
  g_assert_true (seismo_starter_pack_load (fixture->store, pack, &error));
  g_assert_no_error (error);
  seismo_test_remove_tree (pack);
  g_clear_object (&fixture->store);
  g_remove (fixture->path);
  fixture->store = seismo_store_open (fixture->path, &error);
  g_assert_no_error (error);

  assert_refused (fixture, "events.json", "[{\"title\": \"cut short", "Cannot read");
  assert_refused (fixture, "companies.json", "{\"slug\": \"x\"}", "must be a list");
  assert_refused (fixture, "companies.json", "[{\"name\": \"No slug\"}]", "slug");
  assert_refused (fixture, "events.json",
                  "[{\"title\": \"T\", \"published\": \"yesterday\","
                  " \"links\": [{\"url\": \"https://x.example/\"}]}]", "RFC 3339");
  assert_refused (fixture, "events.json",
                  "[{\"title\": \"T\", \"published\": \"2025-01-01T00:00:00Z\","
                  " \"companies\": [\"nosuch\"], \"links\": [{\"url\": \"https://x.example/\"}]}]",
                  "nosuch");
  assert_refused (fixture, "tags.json", "{\"tags\": [], \"rules\": [{\"tag\": \"ghost\","
                  " \"kind\": \"regex\", \"pattern\": \"x\"}]}", "not in the");
  assert_refused (fixture, "sources.json", "[{\"url\": \"https://x.example/\", \"kind\": \"gopher\"}]",
                  "kind");
}

/* A new file gets the pack; an existing one is left alone. */
static void
test_open_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("seismo-open-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "new.db", NULL);
  g_autoptr(SeismoStore) store = NULL;
  guint n = 0;

  store = seismo_starter_pack_open_store (path, &error);
  g_assert_no_error (error);
  g_assert_true (seismo_store_count_events (store, NULL, &n, &error));
  g_assert_cmpuint (n, >=, 40);
  {
    g_autoptr(GPtrArray) sources = seismo_store_list_sources (store, &error);

    g_assert_true (seismo_store_remove_source (store,
                                               seismo_source_get_id (g_ptr_array_index (sources, 0)),
                                               &error));
  }
  g_clear_object (&store);

  store = seismo_starter_pack_open_store (path, &error);
  g_assert_no_error (error);
  g_assert_false (seismo_store_get_created (store));
  g_clear_object (&store);
  seismo_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/starter-pack/contents", Fixture, NULL, fixture_set_up, test_contents,
              fixture_tear_down);
  g_test_add ("/starter-pack/twice", Fixture, NULL, fixture_set_up, test_twice, fixture_tear_down);
  g_test_add ("/starter-pack/malformed", Fixture, NULL, fixture_set_up, test_malformed,
              fixture_tear_down);
  g_test_add_func ("/starter-pack/open-store", test_open_store);

  return g_test_run ();
}
