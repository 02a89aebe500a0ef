/* test-company-tags.c — the tags on one company's events, for its panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "seismo-starter-pack.h"
#include "seismo-store.h"
#include "seismo-store-private.h"

#define T0 1737374340 /* 2025-01-20T11:59:00Z */

typedef struct
{
  char        *dir;
  SeismoStore *store;
  gint64       source;
} Fixture;

static void
run_sql (SeismoStore *store,
         const char  *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (_seismo_store_exec (store, sql, &error));
  g_assert_no_error (error);
}

static gint64
id_of (SeismoStore *store,
       const char  *table,
       const char  *column,
       const char  *value)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE %s = ?", table, column);
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* One event with one item, linked automatically to the companies and tags
 * named in the NULL-terminated @links ("c:slug" or "t:name"). */
static gint64
add_event (Fixture    *fixture,
           const char *guid,
           gint64      published,
           ...)
{
  g_autoptr(GError) error = NULL;
  const char *link;
  gint64 event_id;
  va_list args;

  g_assert_true (seismo_store_begin (fixture->store, &error));
  event_id = _seismo_store_new_event (fixture->store, guid, NULL, NULL, published,
                                      SEISMO_DATED_EXACT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (_seismo_store_insert_item (fixture->store, fixture->source, event_id, guid,
                                              NULL, NULL, guid, NULL, NULL, published, G_MININT64,
                                              &error), >, 0);
  va_start (args, published);
  while ((link = va_arg (args, const char *)) != NULL)
    {
      gboolean tag = link[0] == 't';
      gint64 other = id_of (fixture->store, tag ? "tags" : "companies", tag ? "name" : "slug",
                            link + 2);

      g_assert_true (_seismo_store_link_auto (fixture->store, tag, event_id, other, &error));
    }
  va_end (args);
  g_assert_true (seismo_store_commit (fixture->store, &error));
  g_assert_no_error (error);
  return event_id;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(SeismoSource) source = seismo_source_new ("https://a.example/feed", "rss");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("seismo-company-tags-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = seismo_store_open (path, &error);
  g_assert_no_error (error);
  run_sql (fixture->store,
           "INSERT INTO companies (slug, name) VALUES ('deepseek', 'DeepSeek'),"
           " ('nvidia', 'NVIDIA'), ('quiet', 'Quiet Inc');"
           "INSERT INTO tags (name, color) VALUES ('market', '#e5a50a'), ('model-release', NULL),"
           " ('policy', NULL), ('unused', NULL);");
  fixture->source = seismo_store_add_source (fixture->store, source, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->store);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

typedef struct
{
  const char *name;
  guint       events;
  guint       unread;
} Expected;

static void
assert_tags (SeismoStore    *store,
             const char     *slug,
             const Expected *expected,
             guint           n_expected)
{
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GError) error = NULL;

  tags = seismo_store_list_company_tags (store, slug, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tags);
  for (guint i = 0; i < MIN (tags->len, n_expected); i++)
    {
      SeismoTag *tag = g_ptr_array_index (tags, i);

      g_test_message ("%s: #%s %u (%u unread)", slug, seismo_tag_get_name (tag),
                      seismo_tag_get_events (tag), seismo_tag_get_unread (tag));
      g_assert_cmpstr (seismo_tag_get_name (tag), ==, expected[i].name);
      g_assert_cmpuint (seismo_tag_get_events (tag), ==, expected[i].events);
      g_assert_cmpuint (seismo_tag_get_unread (tag), ==, expected[i].unread);
    }
  g_assert_cmpuint (tags->len, ==, n_expected);
}

static void
test_counts (Fixture       *fixture,
             gconstpointer  data)
{
  static const Expected deepseek[] = {
    { "model-release", 3, 2 }, /* most used first */
    { "market", 1, 1 },        /* then by name */
    { "policy", 1, 1 },
  };
  static const Expected nvidia[] = {
    { "market", 2, 2 },
  };
  g_autoptr(GError) error = NULL;
  gint64 v3;

  v3 = add_event (fixture, "v3", T0 - 25 * 86400, "c:deepseek", "t:model-release", NULL);
  add_event (fixture, "r1", T0, "c:deepseek", "t:model-release", "t:policy", NULL);
  add_event (fixture, "janus", T0 + 7 * 86400, "c:deepseek", "t:model-release", NULL);
  add_event (fixture, "nvda", T0 + 7 * 86400, "c:deepseek", "c:nvidia", "t:market", NULL);
  add_event (fixture, "blackwell", T0 + 9 * 86400, "c:nvidia", "t:market", NULL);
  add_event (fixture, "untagged", T0 + 9 * 86400, "c:deepseek", NULL);
  g_assert_true (seismo_store_set_event_flag (fixture->store, v3, SEISMO_EVENT_FLAG_READ, TRUE,
                                              &error));
  g_assert_no_error (error);

  assert_tags (fixture->store, "deepseek", deepseek, G_N_ELEMENTS (deepseek));
  assert_tags (fixture->store, "nvidia", nvidia, G_N_ELEMENTS (nvidia));
  assert_tags (fixture->store, "quiet", NULL, 0);
}

/* What the user took off counts for nothing, as in the timeline's filters. */
static void
test_user_removals (Fixture       *fixture,
                    gconstpointer  data)
{
  static const Expected before[] = { { "market", 2, 2 }, { "policy", 1, 1 } };
  static const Expected after[] = { { "market", 1, 1 } };
  g_autoptr(GError) error = NULL;
  gint64 a, b;

  a = add_event (fixture, "a", T0, "c:deepseek", "t:market", "t:policy", NULL);
  b = add_event (fixture, "b", T0 + 60, "c:deepseek", "t:market", NULL);
  assert_tags (fixture->store, "deepseek", before, G_N_ELEMENTS (before));

  g_assert_true (seismo_store_remove_event_tag (fixture->store, a, "policy", &error));
  g_assert_no_error (error);
  g_assert_true (seismo_store_remove_event_company (fixture->store, b, "deepseek", &error));
  g_assert_no_error (error);
  assert_tags (fixture->store, "deepseek", after, G_N_ELEMENTS (after));

  /* A tag the user adds counts at once. */
  g_assert_true (seismo_store_add_event_tag (fixture->store, a, "brand-new", &error));
  g_assert_no_error (error);
  {
    static const Expected added[] = { { "brand-new", 1, 1 }, { "market", 1, 1 } };

    assert_tags (fixture->store, "deepseek", added, G_N_ELEMENTS (added));
  }
}

static void
test_unknown_company (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GError) error = NULL;

  tags = seismo_store_list_company_tags (fixture->store, "no-such-company", &error);
  g_assert_null (tags);
  g_assert_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_NOT_FOUND);
}

/* On the starter pack, every count agrees with the timeline's own filter
 * for that company and tag. */
static void
test_starter_pack_agrees (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(SeismoStore) store = NULL;
  g_autoptr(GPtrArray) companies = NULL;
  g_autoptr(GError) error = NULL;
  guint checked = 0;

  dir = g_dir_make_tmp ("seismo-company-tags-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "starter.db", NULL);
  store = seismo_starter_pack_open_store (path, &error);
  g_assert_no_error (error);
  companies = seismo_store_list_companies (store, T0, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < companies->len; i++)
    {
      const char *slug = seismo_company_get_slug (g_ptr_array_index (companies, i));
      g_autoptr(GPtrArray) tags = seismo_store_list_company_tags (store, slug, &error);

      g_assert_no_error (error);
      for (guint j = 0; j < tags->len; j++)
        {
          SeismoTag *tag = g_ptr_array_index (tags, j);
          g_autoptr(SeismoEventFilter) filter = seismo_event_filter_new ();
          guint count = 0;

          filter->company = g_strdup (slug);
          filter->tag = g_strdup (seismo_tag_get_name (tag));
          g_assert_true (seismo_store_count_events (store, filter, &count, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (seismo_tag_get_events (tag), ==, count);
          g_assert_cmpuint (seismo_tag_get_events (tag), >, 0);
          if (j > 0)
            g_assert_cmpuint (seismo_tag_get_events (g_ptr_array_index (tags, j - 1)), >=,
                              seismo_tag_get_events (tag));
          checked++;
        }
      if (g_str_equal (slug, "deepseek"))
        g_assert_cmpuint (tags->len, >, 0);
    }
  g_assert_cmpuint (checked, >, 0);

  g_clear_object (&store);
  {
    g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
    const char *name;

    while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);

        g_remove (file);
      }
  }
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/company-tags/counts", Fixture, NULL, fixture_set_up, test_counts,
              fixture_tear_down);
  g_test_add ("/company-tags/user-removals", Fixture, NULL, fixture_set_up, test_user_removals,
              fixture_tear_down);
  g_test_add ("/company-tags/unknown-company", Fixture, NULL, fixture_set_up,
              test_unknown_company, fixture_tear_down);
  g_test_add_func ("/company-tags/starter-pack-agrees", test_starter_pack_agrees);

  return g_test_run ();
}
