/* test-cli.c — seismograph-cli end to end: words, exit statuses, JSON shapes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "seismo-test-util.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

typedef SeismoTestRun Run;

/* Runs seismograph-cli --db DB ARGS… with @input on stdin. */
static void
run_cli (Fixture     *fixture,
         const char  *input,
         Run         *run,
         const char  *first,
         ...)
{
  va_list args;

  va_start (args, first);
  seismo_test_cli_runv (fixture != NULL ? fixture->db : NULL, input, -1, run, first, args);
  va_end (args);
}

static void
assert_keys (JsonObject         *object,
             const char * const *keys)
{
  g_autoptr(GList) members = json_object_get_members (object);
  guint i = 0;

  /* Exactly these keys, in this order (the contract of design/CLI.md). */
  for (GList *l = members; l != NULL; l = l->next, i++)
    {
      g_assert_nonnull (keys[i]);
      g_assert_cmpstr (l->data, ==, keys[i]);
    }
  g_assert_null (keys[i]);
}

static const char * const event_keys[] = {
  "id", "title", "published", "url", "source", "sources_count", "companies", "tags", "read",
  "starred", "has_note", NULL
};

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("seismo-cli-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db = g_build_filename (fixture->dir, "cli.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
}

static gint64
find_event_id (Fixture    *fixture,
               const char *since,
               const char *until,
               const char *search)
{
  g_auto(SeismoTestRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *events;

  run_cli (fixture, NULL, &run, "events", "list", "--since", since, "--until", until, "--search",
           search, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = seismo_test_parse_json (run.out);
  events = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (events), >=, 1);
  return json_object_get_int_member (json_array_get_object_element (events, 0), "id");
}

static void
test_init_and_events (gconstpointer data)
{
  Fixture *fixture = (Fixture *) data;
  g_auto(SeismoTestRun) init = { 0 };
  g_auto(SeismoTestRun) list = { 0 };
  g_auto(SeismoTestRun) human = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *events;
  gboolean r1 = FALSE, fall = FALSE;
  const char *previous = NULL;

  run_cli (fixture, NULL, &init, "init", NULL);
  g_assert_cmpint (init.status, ==, 0);
  g_assert_true (g_file_test (fixture->db, G_FILE_TEST_EXISTS));

  run_cli (fixture, NULL, &list, "events", "list", "--json", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_cmpstr (list.err, ==, "");
  root = seismo_test_parse_json (list.out);
  events = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (events), >=, 40);

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);
      const char *published = json_object_get_string_member (event, "published");

      assert_keys (event, event_keys);
      /* Newest first. */
      if (previous != NULL)
        g_assert_cmpstr (published, <=, previous);
      previous = published;
      if (g_str_has_prefix (published, "2025-01-20") &&
          strstr (json_object_get_string_member (event, "title"), "R1") != NULL)
        r1 = TRUE;
      if (g_str_has_prefix (published, "2025-01-27") &&
          json_array_get_length (json_object_get_array_member (event, "companies")) > 0 &&
          strstr (json_object_get_string_member (event, "title"), "17") != NULL)
        fall = TRUE;
    }
  g_assert_true (r1);
  g_assert_true (fall);

  run_cli (fixture, NULL, &human, "events", "list", "--limit", "3", NULL);
  g_assert_cmpint (human.status, ==, 0);
  {
    g_auto(GStrv) lines = g_strsplit (g_strchomp (human.out), "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 3);
  }
}

static void
test_filters (gconstpointer data)
{
  Fixture *fixture = (Fixture *) data;
  static const struct { const char *option; const char *value; } filters[] = {
    { "--company", "deepseek" },
    { "--tag", "legal-ip" },
    { "--search", "distillation" },
    { "--since", "2025-01-27" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_auto(SeismoTestRun) all = { 0 };
      g_auto(SeismoTestRun) some = { 0 };
      g_autoptr(JsonNode) all_root = NULL;
      g_autoptr(JsonNode) some_root = NULL;

      run_cli (fixture, NULL, &all, "events", "list", "--json", "--limit", "0", NULL);
      run_cli (fixture, NULL, &some, "events", "list", "--json", "--limit", "0",
               filters[i].option, filters[i].value, NULL);
      g_assert_cmpint (some.status, ==, 0);
      all_root = seismo_test_parse_json (all.out);
      some_root = seismo_test_parse_json (some.out);
      g_assert_cmpuint (json_array_get_length (json_node_get_array (some_root)), >, 0);
      g_assert_cmpuint (json_array_get_length (json_node_get_array (some_root)), <,
                        json_array_get_length (json_node_get_array (all_root)));
    }
}

static void
test_show_mark_tag_note (gconstpointer data)
{
  Fixture *fixture = (Fixture *) data;
  static const char * const item_keys[] = { "id", "source", "title", "url", "published", "summary",
                                            NULL };
  g_autofree char *id = NULL;
  g_auto(SeismoTestRun) show = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *event;
  JsonArray *items;
  const char *note = "# Cost claim\n\nFinal run only — *not* R&D.\n";

  id = g_strdup_printf ("%" G_GINT64_FORMAT,
                        find_event_id (fixture, "2025-01-20", "2025-01-20", "R1"));

  {
    g_auto(SeismoTestRun) a = { 0 }, b = { 0 }, c = { 0 }, d = { 0 };

    run_cli (fixture, NULL, &a, "events", "mark", id, "starred", NULL);
    run_cli (fixture, NULL, &b, "events", "mark", id, "read", NULL);
    run_cli (fixture, NULL, &c, "tags", "add", id, "watchlist", NULL);
    run_cli (fixture, note, &d, "notes", "set", id, "-", NULL);
    g_assert_cmpint (a.status + b.status + c.status + d.status, ==, 0);
  }

  run_cli (fixture, NULL, &show, "events", "show", id, "--json", NULL);
  g_assert_cmpint (show.status, ==, 0);
  root = seismo_test_parse_json (show.out);
  event = json_node_get_object (root);
  g_assert_true (json_object_get_boolean_member (event, "starred"));
  g_assert_true (json_object_get_boolean_member (event, "read"));
  g_assert_true (json_object_get_boolean_member (event, "has_note"));
  g_assert_cmpstr (json_object_get_string_member (event, "note"), ==, note);
  items = json_object_get_array_member (event, "items");
  g_assert_cmpuint (json_array_get_length (items), >=, 1);
  assert_keys (json_array_get_object_element (items, 0), item_keys);
  {
    JsonArray *tags = json_object_get_array_member (event, "tags");
    gboolean found = FALSE;

    for (guint i = 0; i < json_array_get_length (tags); i++)
      found |= g_str_equal (json_array_get_string_element (tags, i), "watchlist");
    g_assert_true (found);
  }

  /* notes show prints the note exactly; an empty text deletes it. */
  {
    g_auto(SeismoTestRun) shown = { 0 }, cleared = { 0 }, gone = { 0 }, removed = { 0 }, again = { 0 };

    run_cli (fixture, NULL, &shown, "notes", "show", id, NULL);
    g_assert_cmpstr (shown.out, ==, note);
    run_cli (fixture, NULL, &removed, "tags", "remove", id, "watchlist", NULL);
    g_assert_cmpint (removed.status, ==, 0);
    run_cli (fixture, NULL, &again, "tags", "remove", id, "watchlist", NULL);
    g_assert_cmpint (again.status, ==, 1);
    g_assert_true (g_str_has_prefix (again.err, "seismograph-cli: "));
    run_cli (fixture, NULL, &cleared, "notes", "set", id, "", NULL);
    g_assert_cmpint (cleared.status, ==, 0);
    run_cli (fixture, NULL, &gone, "notes", "show", id, "--json", NULL);
    g_assert_nonnull (strstr (gone.out, "\"note\" : null"));
  }

  /* A company note. */
  {
    g_auto(SeismoTestRun) set = { 0 }, shown = { 0 };

    run_cli (fixture, NULL, &set, "notes", "set", "company:deepseek", "Watch the API prices", NULL);
    run_cli (fixture, NULL, &shown, "notes", "show", "company:deepseek", NULL);
    g_assert_cmpint (set.status, ==, 0);
    g_assert_cmpstr (shown.out, ==, "Watch the API prices\n");
  }
}

static void
test_companies_tags_sources (gconstpointer data)
{
  Fixture *fixture = (Fixture *) data;
  static const char * const company_keys[] = { "slug", "name", "followed", "events_7d",
                                               "events_30d", "events_total", NULL };
  static const char * const source_keys[] = { "id", "kind", "title", "url", "status", "error",
                                              "items", "enabled", NULL };
  g_auto(SeismoTestRun) unfollow = { 0 }, list = { 0 }, tags = { 0 }, add = { 0 }, sources = { 0 };
  g_auto(SeismoTestRun) remove = { 0 }, after = { 0 };
  g_autoptr(JsonNode) companies = NULL;
  g_autoptr(JsonNode) source_list = NULL;
  g_autoptr(JsonNode) after_list = NULL;
  g_autofree char *new_id = NULL;
  gboolean checked = FALSE;

  run_cli (fixture, NULL, &unfollow, "companies", "unfollow", "openai", NULL);
  g_assert_cmpint (unfollow.status, ==, 0);
  run_cli (fixture, NULL, &list, "companies", "list", "--json", NULL);
  companies = seismo_test_parse_json (list.out);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (companies)); i++)
    {
      JsonObject *company = json_array_get_object_element (json_node_get_array (companies), i);

      assert_keys (company, company_keys);
      if (g_str_equal (json_object_get_string_member (company, "slug"), "openai"))
        {
          g_assert_false (json_object_get_boolean_member (company, "followed"));
          g_assert_cmpint (json_object_get_int_member (company, "events_total"), >=, 10);
          checked = TRUE;
        }
    }
  g_assert_true (checked);

  run_cli (fixture, NULL, &tags, "tags", "list", NULL);
  g_assert_nonnull (strstr (tags.out, "model-release"));

  run_cli (fixture, NULL, &add, "sources", "add", "https://example.org/feed.xml", "--kind", "rss",
           "--title", "Example", NULL);
  g_assert_cmpint (add.status, ==, 0);
  run_cli (fixture, NULL, &sources, "sources", "list", "--json", NULL);
  source_list = seismo_test_parse_json (sources.out);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (source_list)); i++)
    {
      JsonObject *source = json_array_get_object_element (json_node_get_array (source_list), i);

      assert_keys (source, source_keys);
      g_assert_true (g_strv_contains ((const char *[]) { "new", "ok", "not-modified", "error", NULL },
                                      json_object_get_string_member (source, "status")));
      if (g_strcmp0 (json_object_get_string_member (source, "url"),
                     "https://example.org/feed.xml") == 0)
        new_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (source, "id"));
    }
  g_assert_nonnull (new_id);

  run_cli (fixture, NULL, &remove, "sources", "remove", new_id, NULL);
  g_assert_cmpint (remove.status, ==, 0);
  run_cli (fixture, NULL, &after, "sources", "list", "--json", NULL);
  after_list = seismo_test_parse_json (after.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (after_list)), ==,
                    json_array_get_length (json_node_get_array (source_list)) - 1);
}

typedef struct
{
  const char *args[7];
  int         status;
  const char *err;   /* words stderr must contain */
} ErrorCase;

static void
test_errors (gconstpointer data)
{
  Fixture *fixture = (Fixture *) data;
  static const ErrorCase cases[] = {
    { { "frobnicate" }, 2, "unknown command" },
    { { "events", "show" }, 2, "Usage:" },
    { { "events", "show", "abc" }, 2, "positive number" },
    { { "events", "show", "999999" }, 1, "no event 999999" },
    { { "events", "mark", "1", "purple" }, 2, "read, unread, starred or unstarred" },
    { { "events", "list", "--since", "last tuesday" }, 2, "YYYY-MM-DD" },
    { { "events", "list", "--bogus" }, 2, "Unknown option" },
    { { "companies", "follow", "nosuch" }, 1, "no company “nosuch”" },
    { { "tags", "add", "1", "two words" }, 1, "not a valid tag name" },
    { { "notes", "set", "company:nosuch", "x" }, 1, "no company" },
    { { "notes", "set", "banana", "x" }, 2, "company:SLUG" },
    { { "sources", "add", "ftp://example.org/x" }, 1, "not a web address" },
    { { "sources", "add", "https://openai.com/news/rss.xml", "--kind", "rss" }, 1,
      "already has the address" },
    { { "sources", "add", "https://x.example/api", "--map", "{\"items\": \"$.hits[*]\"}" }, 1,
      "needs “title”" },
    { { "sources", "add", "https://x.example/api", "--map", "not json" }, 1, "not JSON" },
    { { "sources", "add", "https://x.example/api", "--kind", "json-api" }, 2, "needs --map" },
    { { "sources", "add", "https://x.example/", "--kind", "gopher" }, 2, "--kind" },
    { { "sources", "remove", "424242" }, 1, "no source 424242" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(SeismoTestRun) run = { 0 };

      run_cli (fixture, NULL, &run, cases[i].args[0], cases[i].args[1], cases[i].args[2],
               cases[i].args[3], cases[i].args[4], cases[i].args[5], NULL);
      g_test_message ("case %u: %s %s → %d %s", i, cases[i].args[0],
                      cases[i].args[1] ?: "", run.status, run.err);
      g_assert_cmpint (run.status, ==, cases[i].status);
      g_assert_nonnull (strstr (run.err, cases[i].err));
      if (cases[i].status == 1)
        {
          /* One line, prefixed. */
          g_assert_true (g_str_has_prefix (run.err, "seismograph-cli: "));
          g_assert_cmpuint (strchr (run.err, '\n') - run.err + 1, ==, strlen (run.err));
        }
    }

  /* A note with NUL bytes or invalid UTF-8 from stdin is refused, and
   * nothing is stored. */
  {
    g_auto(SeismoTestRun) run = { 0 };

    run_cli (fixture, "bad \xc3\x28 bytes", &run, "notes", "set", "company:openai", "-", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "UTF-8"));
  }
}

static void
test_bad_databases (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("seismo-cli-bad-XXXXXX", &error);
  g_autofree char *text = g_build_filename (dir, "notes.md", NULL);
  g_autofree char *missing = g_build_filename (dir, "nope", "x.db", NULL);
  g_autofree char *after = NULL;
  Fixture not_sqlite = { dir, text };
  Fixture no_dir = { dir, missing };
  const char *contents = "# My notes\n\nNot a database, and must stay as it is.\n";

  g_assert_true (g_file_set_contents (text, contents, -1, NULL));
  {
    g_auto(SeismoTestRun) run = { 0 };

    run_cli (&not_sqlite, NULL, &run, "events", "list", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, text));
    g_assert_nonnull (strstr (run.err, "not a Seismograph database"));
    g_assert_true (g_file_get_contents (text, &after, NULL, NULL));
    g_assert_cmpstr (after, ==, contents);
  }
  {
    g_auto(SeismoTestRun) run = { 0 };

    run_cli (&no_dir, NULL, &run, "init", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "does not exist"));
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(SeismoTestRun) run = { 0 };

    run_cli (NULL, NULL, &run, "--db", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  g_remove (text);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  /* One database for the whole run, as a user would have. */
  {
    static Fixture shared;

    fixture_set_up (&shared, NULL);
    g_test_add_data_func ("/cli/init-and-events", &shared,
                          test_init_and_events);
    g_test_add_data_func ("/cli/filters", &shared, test_filters);
    g_test_add_data_func ("/cli/show-mark-tag-note", &shared,
                          test_show_mark_tag_note);
    g_test_add_data_func ("/cli/companies-tags-sources", &shared,
                          test_companies_tags_sources);
    g_test_add_data_func ("/cli/errors", &shared, test_errors);
    g_test_add_func ("/cli/bad-databases", test_bad_databases);

    {
      int status = g_test_run ();

      fixture_tear_down (&shared, NULL);
      return status;
    }
  }
}
