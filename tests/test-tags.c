/* test-tags.c — tag management, tag rules and "apply rules to existing events"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "seismo-store.h"
#include "seismo-store-private.h"

#define T0 1737374400 /* 2025-01-20T12:00:00Z */

typedef struct
{
  char        *dir;
  SeismoStore *store;
  gint64       source;
  gint64       starter;
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
query_int (SeismoStore *store,
           const char  *format,
           ...)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  g_assert_cmpint (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* "origin/removed" of (event, tag), or "none". */
static char *
link_state (SeismoStore *store,
            gint64       event_id,
            const char  *tag)
{
  g_autofree char *sql = g_strdup_printf ("SELECT et.origin || '/' || et.removed FROM event_tags et"
                                          " JOIN tags t ON t.id = et.tag_id"
                                          " WHERE et.event_id = %" G_GINT64_FORMAT
                                          " AND t.name = '%s'", event_id, tag);
  sqlite3_stmt *stmt = NULL;
  char *state;

  g_assert_cmpint (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  state = g_strdup (sqlite3_step (stmt) == SQLITE_ROW
                      ? (const char *) sqlite3_column_text (stmt, 0) : "none");
  sqlite3_finalize (stmt);
  return state;
}

#define assert_link(store, event, tag, expected)                    \
  G_STMT_START {                                                    \
    g_autofree char *state_ = link_state (store, event, tag);       \
    g_assert_cmpstr (state_, ==, expected);                         \
  } G_STMT_END

static gint64
add_event (Fixture    *fixture,
           gint64      source_id,
           const char *title,
           gboolean    with_item)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *guid = NULL;
  gint64 event_id;

  g_assert_true (seismo_store_begin (fixture->store, &error));
  event_id = _seismo_store_new_event (fixture->store, title, NULL, NULL, T0, SEISMO_DATED_EXACT,
                                      &error);
  guid = g_strdup_printf ("guid-%" G_GINT64_FORMAT, event_id);
  if (with_item)
    g_assert_cmpint (_seismo_store_insert_item (fixture->store, source_id, event_id, guid, guid,
                                                guid, title, NULL, NULL, T0, G_MININT64, &error),
                     >, 0);
  g_assert_true (seismo_store_commit (fixture->store, &error));
  g_assert_no_error (error);
  return event_id;
}

static void
link_auto (Fixture    *fixture,
           gint64      event_id,
           const char *tag)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (_seismo_store_link_auto (fixture->store, TRUE, event_id,
                                          _seismo_store_tag_id (fixture->store, tag, FALSE, NULL),
                                          &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("seismo-tags-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = seismo_store_open (path, &error);
  g_assert_no_error (error);
  run_sql (fixture->store,
           "INSERT INTO tags (name, color) VALUES ('model-release', '#3584e4'), ('market', NULL),"
           " ('policy', NULL);"
           "INSERT INTO sources (url, kind, title, created) VALUES"
           " ('https://a.example/feed', 'rss', 'A', 0),"
           " ('seismograph:starter-pack', 'builtin', 'Starter pack', 0);");
  fixture->source = query_int (fixture->store, "SELECT id FROM sources WHERE kind = 'rss'");
  fixture->starter = query_int (fixture->store, "SELECT id FROM sources WHERE kind = 'builtin'");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *db = g_build_filename (fixture->dir, "test.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);

  g_clear_object (&fixture->store);
  g_unlink (db);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static void
test_create_rename_color (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 event_id = add_event (fixture, fixture->source, "Anything", TRUE);
  gint64 id;

  id = seismo_store_create_tag (fixture->store, "#legal-ip", "#A51D2D", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (query_int (fixture->store, "SELECT color = '#a51d2d' FROM tags WHERE id = %"
                              G_GINT64_FORMAT, id), ==, 1);

  /* Names are unique without regard to case; bad names and colours refused. */
  g_assert_cmpint (seismo_store_create_tag (fixture->store, "Legal-IP", NULL, &error), ==, 0);
  g_assert_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (seismo_store_create_tag (fixture->store, "two words", NULL, &error), ==, 0);
  g_assert_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (seismo_store_create_tag (fixture->store, "fine", "blue", &error), ==, 0);
  g_assert_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (query_int (fixture->store, "SELECT count (*) FROM tags WHERE name = 'fine'"),
                   ==, 0);

  /* A rename keeps links and rules; a case change is a rename. */
  g_assert_true (seismo_store_add_event_tag (fixture->store, event_id, "legal-ip", &error));
  g_assert_true (seismo_store_rename_tag (fixture->store, "legal-ip", "legal", &error));
  g_assert_true (seismo_store_rename_tag (fixture->store, "legal", "Legal", &error));
  g_assert_no_error (error);
  assert_link (fixture->store, event_id, "Legal", "user/0");
  g_assert_false (seismo_store_rename_tag (fixture->store, "Legal", "market", &error));
  g_assert_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "merge"));
  g_clear_error (&error);
  g_assert_false (seismo_store_rename_tag (fixture->store, "nosuch", "other", &error));
  g_assert_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (seismo_store_set_tag_color (fixture->store, "legal", "#33d17a", &error));
  g_assert_true (seismo_store_set_tag_color (fixture->store, "market", NULL, &error));
  g_assert_no_error (error);
  g_assert_false (seismo_store_set_tag_color (fixture->store, "legal", "#33d17", &error));
  g_assert_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (seismo_store_set_tag_color (fixture->store, "legal", "#33d17g", &error));
  g_assert_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (query_int (fixture->store, "SELECT color = '#33d17a' FROM tags"
                              " WHERE name = 'legal'"), ==, 1);
}

/* Merge: every combination of decisions on an event carrying both tags. */
static void
test_merge (Fixture       *fixture,
            gconstpointer  data)
{
  static const struct { const char *from; const char *into; const char *result; } cases[] = {
    { "auto/0", "none",   "auto/0" },
    { "user/0", "none",   "user/0" },
    { "user/1", "none",   "user/1" },  /* a user's "no" to FROM is a "no" to INTO */
    { "auto/0", "auto/0", "auto/0" },
    { "user/0", "auto/0", "user/0" },
    { "auto/0", "user/1", "user/1" },  /* the user's "no" beats a rule */
    { "user/1", "auto/0", "user/1" },
    { "user/0", "user/1", "user/0" },  /* the user's "yes" beats the user's "no" */
    { "user/1", "user/0", "user/0" },
    { "none",   "user/1", "user/1" },
  };
  g_autoptr(GError) error = NULL;
  gint64 events[G_N_ELEMENTS (cases)];
  guint n_events = 0;

  run_sql (fixture->store,
           "INSERT INTO tags (name, color, description) VALUES ('stock', '#ff7800', 'Share prices');"
           "INSERT INTO tag_rules (tag_id, kind, pattern) SELECT id, 'keywords', 'shares'"
           " FROM tags WHERE name = 'stock';"
           "INSERT INTO tag_rules (tag_id, kind, pattern) SELECT id, 'keywords', 'stock'"
           " FROM tags WHERE name = 'stock';"
           "INSERT INTO tag_rules (tag_id, kind, pattern) SELECT id, 'keywords', 'stock'"
           " FROM tags WHERE name = 'market';");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *states[2] = { cases[i].from, cases[i].into };
      const char *tags[2] = { "stock", "market" };

      events[i] = add_event (fixture, fixture->source, "Event", TRUE);
      for (guint t = 0; t < 2; t++)
        if (!g_str_equal (states[t], "none"))
          {
            g_autofree char *sql = g_strdup_printf ("INSERT INTO event_tags (event_id, tag_id,"
                                                    " origin, removed) SELECT %" G_GINT64_FORMAT
                                                    ", id, '%.4s', %c FROM tags WHERE name = '%s'",
                                                    events[i], states[t], states[t][5], tags[t]);

            run_sql (fixture->store, sql);
          }
    }

  g_assert_true (seismo_store_merge_tags (fixture->store, "#stock", "market", &n_events, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("from %s into %s", cases[i].from, cases[i].into);
      assert_link (fixture->store, events[i], "market", cases[i].result);
    }
  g_assert_cmpuint (n_events, ==, 6);
  g_assert_cmpint (query_int (fixture->store, "SELECT count (*) FROM tags WHERE name = 'stock'"),
                   ==, 0);
  /* Rules move, duplicates go; INTO takes FROM's colour when it has none. */
  g_assert_cmpint (query_int (fixture->store, "SELECT count (*) FROM tag_rules r JOIN tags t"
                              " ON t.id = r.tag_id WHERE t.name = 'market'"), ==, 2);
  g_assert_cmpint (query_int (fixture->store, "SELECT color = '#ff7800' FROM tags"
                              " WHERE name = 'market'"), ==, 1);

  g_assert_false (seismo_store_merge_tags (fixture->store, "market", "MARKET", NULL, &error));
  g_assert_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (seismo_store_merge_tags (fixture->store, "nosuch", "market", NULL, &error));
  g_assert_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = add_event (fixture, fixture->source, "A", TRUE);
  gint64 b = add_event (fixture, fixture->source, "B", TRUE);
  gint64 c = add_event (fixture, fixture->source, "C", TRUE);
  guint n_events = 99;

  link_auto (fixture, a, "policy");
  g_assert_true (seismo_store_add_event_tag (fixture->store, b, "policy", &error));
  g_assert_true (seismo_store_add_event_tag (fixture->store, c, "policy", &error));
  g_assert_true (seismo_store_remove_event_tag (fixture->store, c, "policy", &error));
  run_sql (fixture->store, "INSERT INTO tag_rules (tag_id, kind, pattern) SELECT id, 'keywords',"
                           " 'law' FROM tags WHERE name = 'policy'");

  /* The count is of events carrying it: the tombstone on C does not count. */
  g_assert_true (seismo_store_delete_tag (fixture->store, "policy", &n_events, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_events, ==, 2);
  g_assert_cmpint (query_int (fixture->store, "SELECT count (*) FROM event_tags et"
                              " WHERE NOT EXISTS (SELECT 1 FROM tags t WHERE t.id = et.tag_id)"),
                   ==, 0);
  g_assert_cmpint (query_int (fixture->store, "SELECT count (*) FROM tag_rules"), ==, 0);
  g_assert_false (seismo_store_delete_tag (fixture->store, "policy", NULL, &error));
  g_assert_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_NOT_FOUND);
}

static SeismoRuleRow
rule (const char *tag,
      const char *kind,
      const char *pattern)
{
  SeismoRuleRow row = { 0, (char *) tag, (char *) kind, (char *) pattern, FALSE, FALSE, FALSE };

  return row;
}

static void
test_rules (Fixture       *fixture,
            gconstpointer  data)
{
  static const struct { const char *kind; const char *pattern; const char *says; } bad[] = {
    { "regex", "launch(", "regex" },
    { "regex", "a*", "empty" },
    { "keywords", " , ,", "keywords" },
    { "glob", "x*", "either" },
  };
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GError) error = NULL;
  SeismoRuleRow row = rule ("model-release", "keywords", "launches, unveils");
  gint64 id;

  id = seismo_store_add_tag_rule (fixture->store, &row, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  /* The same rule twice, an unknown tag, and what the tagger refuses. */
  g_assert_cmpint (seismo_store_add_tag_rule (fixture->store, &row, &error), ==, 0);
  g_assert_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  row.tag = (char *) "nosuch";
  g_assert_cmpint (seismo_store_add_tag_rule (fixture->store, &row, &error), ==, 0);
  g_assert_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      SeismoRuleRow wrong = rule ("market", bad[i].kind, bad[i].pattern);

      g_assert_cmpint (seismo_store_add_tag_rule (fixture->store, &wrong, &error), ==, 0);
      g_assert_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, bad[i].says));
      g_clear_error (&error);
    }

  /* Update in place, then remove. */
  row = rule ("market", "regex", "\\bshares? (fell|rose)\\b");
  row.id = id;
  row.weak = TRUE;
  g_assert_true (seismo_store_update_tag_rule (fixture->store, &row, &error));
  g_assert_no_error (error);
  rules = seismo_store_list_tag_rules (fixture->store, &error);
  g_assert_cmpuint (rules->len, ==, 1);
  g_assert_cmpstr (((SeismoRuleRow *) g_ptr_array_index (rules, 0))->tag, ==, "market");
  g_assert_true (((SeismoRuleRow *) g_ptr_array_index (rules, 0))->weak);
  g_assert_true (seismo_store_remove_tag_rule (fixture->store, id, &error));
  g_assert_no_error (error);
  g_assert_false (seismo_store_remove_tag_rule (fixture->store, id, &error));
  g_assert_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  row.id = id;
  g_assert_false (seismo_store_update_tag_rule (fixture->store, &row, &error));
  g_assert_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_NOT_FOUND);
}

static void
add_rule (Fixture    *fixture,
          const char *tag,
          const char *keywords)
{
  g_autoptr(GError) error = NULL;
  SeismoRuleRow row = rule (tag, "keywords", keywords);

  g_assert_cmpint (seismo_store_add_tag_rule (fixture->store, &row, &error), >, 0);
  g_assert_no_error (error);
}

/* The heart of it: rules add, a user's decisions stay, pruning is
 * opt-in and stays off curated and item-less events. */
static void
test_apply_rules (Fixture       *fixture,
                  gconstpointer  data)
{
  SeismoApplyRulesStats stats = { 0 }, dry = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 plain, refused, stale, chosen, curated, orphan, unruled;

  add_rule (fixture, "model-release", "launches model");
  plain = add_event (fixture, fixture->source, "Acme launches model", TRUE);
  refused = add_event (fixture, fixture->source, "Acme launches model again", TRUE);
  g_assert_true (seismo_store_add_event_tag (fixture->store, refused, "model-release", &error));
  g_assert_true (seismo_store_remove_event_tag (fixture->store, refused, "model-release", &error));
  stale = add_event (fixture, fixture->source, "Quarterly results", TRUE);
  link_auto (fixture, stale, "model-release");
  chosen = add_event (fixture, fixture->source, "Quarterly results", TRUE);
  g_assert_true (seismo_store_add_event_tag (fixture->store, chosen, "model-release", &error));
  curated = add_event (fixture, fixture->starter, "Curated event", TRUE);
  link_auto (fixture, curated, "model-release");
  orphan = add_event (fixture, fixture->source, "Its items are gone", FALSE);
  link_auto (fixture, orphan, "model-release");
  unruled = add_event (fixture, fixture->source, "Quarterly results", TRUE);
  link_auto (fixture, unruled, "market");
  g_assert_no_error (error);

  /* Default: add only. */
  g_assert_true (seismo_store_apply_tag_rules (fixture->store, SEISMO_APPLY_RULES_DEFAULT, NULL,
                                               &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.events, ==, 7);
  g_assert_cmpuint (stats.events_changed, ==, 1);
  g_assert_cmpuint (stats.tags_added, ==, 1);
  g_assert_cmpuint (stats.tags_removed, ==, 0);
  assert_link (fixture->store, plain, "model-release", "auto/0");
  assert_link (fixture->store, refused, "model-release", "user/1");
  assert_link (fixture->store, stale, "model-release", "auto/0");

  /* A dry run of pruning counts what the real one then does. */
  g_assert_true (seismo_store_apply_tag_rules (fixture->store,
                                               SEISMO_APPLY_RULES_PRUNE | SEISMO_APPLY_RULES_DRY_RUN,
                                               NULL, &dry, &error));
  assert_link (fixture->store, stale, "model-release", "auto/0");
  g_assert_true (seismo_store_apply_tag_rules (fixture->store, SEISMO_APPLY_RULES_PRUNE, NULL,
                                               &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (&dry, sizeof dry, &stats, sizeof stats);
  g_assert_cmpuint (stats.tags_removed, ==, 1);
  g_assert_cmpuint (stats.tags_added, ==, 0);
  assert_link (fixture->store, stale, "model-release", "none");
  assert_link (fixture->store, chosen, "model-release", "user/0");
  assert_link (fixture->store, curated, "model-release", "auto/0");
  assert_link (fixture->store, orphan, "model-release", "auto/0");
  assert_link (fixture->store, unruled, "market", "auto/0");
  assert_link (fixture->store, refused, "model-release", "user/1");

  /* Nothing left to do. */
  g_assert_true (seismo_store_apply_tag_rules (fixture->store, SEISMO_APPLY_RULES_PRUNE, NULL,
                                               &stats, &error));
  g_assert_cmpuint (stats.events_changed, ==, 0);
}

/* More events than a batch; a rule the tagger refuses is skipped; a
 * cancelled run stops with the batches before it applied. */
static void
test_apply_rules_batches (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  SeismoApplyRulesStats stats = { 0 };
  g_autoptr(GError) error = NULL;

  add_rule (fixture, "market", "shares fell");
  run_sql (fixture->store, "INSERT INTO tag_rules (tag_id, kind, pattern) SELECT id, 'regex',"
                           " 'broken(' FROM tags WHERE name = 'policy'");
  g_assert_true (seismo_store_begin (fixture->store, &error));
  for (guint i = 0; i < 1234; i++)
    {
      g_autofree char *title = g_strdup_printf ("Shares fell %u", i);
      g_autofree char *guid = g_strdup_printf ("bulk-%u", i);
      gint64 event_id = _seismo_store_new_event (fixture->store, title, NULL, NULL, T0 + i,
                                                 SEISMO_DATED_EXACT, &error);

      g_assert_cmpint (_seismo_store_insert_item (fixture->store, fixture->source, event_id, guid,
                                                  NULL, NULL, title, NULL, NULL, T0 + i, G_MININT64,
                                                  &error), >, 0);
    }
  g_assert_true (seismo_store_commit (fixture->store, &error));

  g_cancellable_cancel (cancellable);
  g_test_expect_message ("Seismograph", G_LOG_LEVEL_WARNING, "Skipping a tag rule:*");
  g_assert_false (seismo_store_apply_tag_rules (fixture->store, SEISMO_APPLY_RULES_DEFAULT,
                                                cancellable, &stats, &error));
  g_test_assert_expected_messages ();
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (stats.events, ==, 0);

  g_test_expect_message ("Seismograph", G_LOG_LEVEL_WARNING, "Skipping a tag rule:*");
  g_assert_true (seismo_store_apply_tag_rules (fixture->store, SEISMO_APPLY_RULES_DEFAULT, NULL,
                                               &stats, &error));
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_cmpuint (stats.events, ==, 1234);
  g_assert_cmpuint (stats.tags_added, ==, 1234);
  g_assert_cmpint (query_int (fixture->store, "SELECT count (*) FROM event_tags"), ==, 1234);
}

typedef struct
{
  gboolean               finished;
  gboolean               ok;
  SeismoApplyRulesStats  stats;
  GError                *error;
} Async;

static void
apply_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Async *async = user_data;

  async->ok = seismo_store_apply_tag_rules_finish (SEISMO_STORE (source), result, &async->stats,
                                                   &async->error);
  async->finished = TRUE;
}

static void
test_apply_rules_async (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Async done = { 0 }, cancelled = { 0 };

  add_rule (fixture, "market", "shares fell");
  add_event (fixture, fixture->source, "Shares fell again", TRUE);
  seismo_store_apply_tag_rules_async (fixture->store, SEISMO_APPLY_RULES_DEFAULT, NULL,
                                      apply_done_cb, &done);
  while (!done.finished)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (done.error);
  g_assert_true (done.ok);
  g_assert_cmpuint (done.stats.tags_added, ==, 1);

  g_cancellable_cancel (cancellable);
  seismo_store_apply_tag_rules_async (fixture->store, SEISMO_APPLY_RULES_DEFAULT, cancellable,
                                      apply_done_cb, &cancelled);
  while (!cancelled.finished)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (cancelled.ok);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&cancelled.error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/tags/create-rename-color", test_create_rename_color);
  ADD ("/tags/merge", test_merge);
  ADD ("/tags/delete", test_delete);
  ADD ("/tags/rules", test_rules);
  ADD ("/tags/apply-rules", test_apply_rules);
  ADD ("/tags/apply-rules-batches", test_apply_rules_batches);
  ADD ("/tags/apply-rules-async", test_apply_rules_async);

  return g_test_run ();
}
