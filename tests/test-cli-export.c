/* test-cli-export.c — notes export and tag management through seismograph-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "seismo-test-util.h"

/* The words, exit statuses and output shapes of "notes export" and the
 * "tags" management commands, on a database with the starter pack. */

typedef struct
{
  char *dir;
  char *db;
} Fixture;

typedef SeismoTestRun Run;

static void
run_cli (Fixture    *fixture,
         Run        *run,
         const char *first,
         ...)
{
  va_list args;

  va_start (args, first);
  seismo_test_cli_runv (fixture->db, NULL, 0, run, first, args);
  va_end (args);
}

static void
run_cli_input (Fixture    *fixture,
               const char *input,
               gsize       input_len,
               Run        *run,
               const char *first,
               ...)
{
  va_list args;

  va_start (args, first);
  seismo_test_cli_runv (fixture->db, input, input_len, run, first, args);
  va_end (args);
}

static char *
read_file (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

/* The R1 event of the starter pack, with a note. */
static char *
set_up_notes (Fixture *fixture)
{
  g_auto(SeismoTestRun) list = { 0 };
  g_auto(SeismoTestRun) set = { 0 };
  g_auto(SeismoTestRun) company = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *events;

  run_cli (fixture, &list, "events", "list", "--company", "deepseek", "--since", "2025-01-20",
           "--until", "2025-01-20", "--json", NULL);
  g_assert_cmpint (list.status, ==, 0);
  root = seismo_test_parse_json (list.out);
  events = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (events), >=, 1);

  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                           json_object_get_int_member (
                                             json_array_get_object_element (events, 0), "id"));

    run_cli (fixture, &set, "notes", "set", id, "Cost claim is for the *final* run.", NULL);
    g_assert_cmpint (set.status, ==, 0);
    run_cli (fixture, &company, "notes", "set", "company:deepseek", "Watch API prices.", NULL);
    g_assert_cmpint (company.status, ==, 0);
    return g_steal_pointer (&id);
  }
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *id = set_up_notes (fixture);
  g_autofree char *file = g_build_filename (fixture->dir, "notes.md", NULL);
  g_autofree char *folder = g_build_filename (fixture->dir, "vault", NULL);
  g_autofree char *deepseek = g_build_filename (folder, "deepseek.md", NULL);
  g_auto(SeismoTestRun) out = { 0 };
  g_auto(SeismoTestRun) to_file = { 0 };
  g_auto(SeismoTestRun) split = { 0 };
  g_auto(SeismoTestRun) again = { 0 };
  g_auto(SeismoTestRun) forced = { 0 };
  g_auto(SeismoTestRun) month = { 0 };
  g_autofree char *text = NULL, *front = NULL;

  /* Markdown alone on stdout. */
  run_cli (fixture, &out, "notes", "export", NULL);
  g_assert_cmpint (out.status, ==, 0);
  g_assert_cmpstr (out.err, ==, "");
  g_assert_true (g_str_has_prefix (out.out, "# Companies\n\n## DeepSeek\n\nWatch API prices.\n"));
  g_assert_nonnull (strstr (out.out, "\n# Events\n\n## "));
  g_assert_nonnull (strstr (out.out, "\nCost claim is for the *final* run.\n"));
  g_assert_nonnull (strstr (out.out, "2025-01-20 · "));

  run_cli (fixture, &to_file, "notes", "export", "--out", file, NULL);
  g_assert_cmpint (to_file.status, ==, 0);
  g_assert_nonnull (strstr (to_file.out, "Exported 2 notes to "));
  text = read_file (file);
  g_assert_cmpstr (text, ==, out.out);

  run_cli (fixture, &split, "notes", "export", "--split", "company", "--out", folder, NULL);
  g_assert_cmpint (split.status, ==, 0);
  front = read_file (deepseek);
  g_assert_true (g_str_has_prefix (front, "---\ntitle: \"DeepSeek\"\ntags:\n"));

  /* The same folder again: refused, untouched; --force replaces. */
  g_assert_true (g_file_set_contents (deepseek, "edited", -1, NULL));
  run_cli (fixture, &again, "notes", "export", "--split", "company", "--out", folder, NULL);
  seismo_test_assert_error (&again, 1, "already exists");
  g_assert_nonnull (strstr (again.err, "--force"));
  g_clear_pointer (&front, g_free);
  front = read_file (deepseek);
  g_assert_cmpstr (front, ==, "edited");
  run_cli (fixture, &forced, "notes", "export", "--split", "company", "--out", folder, "--force",
           NULL);
  g_assert_cmpint (forced.status, ==, 0);

  run_cli (fixture, &month, "notes", "export", "--group", "month", "--company", "deepseek",
           "--since", "2025-01-01", "--until", "2025-01-31", NULL);
  g_assert_cmpint (month.status, ==, 0);
  g_assert_nonnull (strstr (month.out, "\n# January 2025\n\n## "));

  remove_tree (folder);
}

static void
test_export_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  static const struct { const char *args[6]; int status; const char *words; } cases[] = {
    { { "--split", "year", "--out", "x" }, 2, "--split" },
    { { "--split", "company" }, 2, "--out" },
    { { "--group", "year" }, 2, "--group" },
    { { "--since", "2025-13-45" }, 2, "DATE" },
    { { "--tag", "nosuch" }, 1, "no tag" },
    { { "--company", "nosuch" }, 1, "no company" },
    { { "--out", "/proc/nonexistent/notes.md" }, 1, "Cannot write" },
    { { "extra" }, 2, "too many" },
  };
  g_autofree char *id = set_up_notes (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(SeismoTestRun) run = { 0 };

      run_cli (fixture, &run, "notes", "export", cases[i].args[0], cases[i].args[1],
               cases[i].args[2], cases[i].args[3], NULL);
      g_test_message ("%s → %d %s", cases[i].args[0], run.status, run.err);
      seismo_test_assert_error (&run, cases[i].status, cases[i].words);
      g_assert_cmpstr (run.out, ==, "");
    }

  /* A note with NUL bytes is refused and the old note stays. */
  {
    g_auto(SeismoTestRun) nul = { 0 };
    g_auto(SeismoTestRun) shown = { 0 };

    run_cli_input (fixture, "new\0note", 8, &nul, "notes", "set", id, "-", NULL);
    seismo_test_assert_error (&nul, 1, "NUL");
    run_cli (fixture, &shown, "notes", "show", id, NULL);
    g_assert_cmpstr (shown.out, ==, "Cost claim is for the *final* run.\n");
  }
}

static JsonObject *
find_tag (JsonArray  *tags,
          const char *name)
{
  for (guint i = 0; i < json_array_get_length (tags); i++)
    {
      JsonObject *tag = json_array_get_object_element (tags, i);

      if (g_str_equal (json_object_get_string_member (tag, "name"), name))
        return tag;
    }
  return NULL;
}

static void
test_tags (Fixture       *fixture,
           gconstpointer  data)
{
  static const char * const rule_keys[] = {
    "id", "tag", "kind", "pattern", "case_sensitive", "weak", "negative", NULL
  };
  g_auto(SeismoTestRun) create = { 0 };
  g_auto(SeismoTestRun) color = { 0 };
  g_auto(SeismoTestRun) rename = { 0 };
  g_auto(SeismoTestRun) list = { 0 };
  g_auto(SeismoTestRun) merge = { 0 };
  g_auto(SeismoTestRun) delete = { 0 };
  g_auto(SeismoTestRun) rules = { 0 };
  g_auto(SeismoTestRun) add = { 0 };
  g_auto(SeismoTestRun) bad = { 0 };
  g_auto(SeismoTestRun) both = { 0 };
  g_auto(SeismoTestRun) remove = { 0 };
  g_auto(SeismoTestRun) apply = { 0 };
  g_auto(SeismoTestRun) dry = { 0 };
  g_autoptr(JsonNode) tags_root = NULL;
  g_autoptr(JsonNode) rules_root = NULL;
  JsonObject *first;
  GList *members;
  guint k = 0;

  run_cli (fixture, &create, "tags", "create", "stock", "--color", "#FF7800", NULL);
  g_assert_cmpint (create.status, ==, 0);
  run_cli (fixture, &color, "tags", "color", "stock", "c061cb", NULL);
  g_assert_cmpint (color.status, ==, 0);
  run_cli (fixture, &rename, "tags", "rename", "stock", "shares", NULL);
  g_assert_cmpint (rename.status, ==, 0);
  run_cli (fixture, &list, "tags", "list", "--json", NULL);
  tags_root = seismo_test_parse_json (list.out);
  g_assert_nonnull (find_tag (json_node_get_array (tags_root), "shares"));
  g_assert_cmpstr (json_object_get_string_member (find_tag (json_node_get_array (tags_root),
                                                            "shares"), "color"), ==, "#c061cb");

  run_cli (fixture, &merge, "tags", "merge", "hardware", "shares", NULL);
  g_assert_cmpint (merge.status, ==, 0);
  g_assert_true (g_str_has_prefix (merge.out, "Merged “hardware” into “shares”, now on "));
  run_cli (fixture, &delete, "tags", "delete", "shares", NULL);
  g_assert_cmpint (delete.status, ==, 0);
  g_assert_true (g_str_has_prefix (delete.out, "Deleted “shares”, which was on "));

  run_cli (fixture, &add, "tags", "rule-add", "market", "--keywords", "shares fell, stock slid",
           "--weak", NULL);
  g_assert_cmpint (add.status, ==, 0);
  run_cli (fixture, &rules, "tags", "rules", "--json", NULL);
  rules_root = seismo_test_parse_json (rules.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (rules_root)), >, 100);
  first = json_array_get_object_element (json_node_get_array (rules_root), 0);
  members = json_object_get_members (first);
  for (GList *l = members; l != NULL; l = l->next, k++)
    g_assert_cmpstr (l->data, ==, rule_keys[k]);
  g_list_free (members);

  run_cli (fixture, &bad, "tags", "rule-add", "market", "--regex", "shares(", NULL);
  seismo_test_assert_error (&bad, 1, "shares(");
  run_cli (fixture, &both, "tags", "rule-add", "market", "--regex", "a", "--keywords", "b", NULL);
  seismo_test_assert_error (&both, 2, "either");
  g_strchomp (add.out);
  g_assert_true (g_str_has_prefix (add.out, "Added rule "));
  run_cli (fixture, &remove, "tags", "rule-remove", add.out + strlen ("Added rule "), NULL);
  g_assert_cmpint (remove.status, ==, 0);

  run_cli (fixture, &dry, "tags", "apply-rules", "--prune", "--dry-run", NULL);
  g_assert_cmpint (dry.status, ==, 0);
  g_assert_true (g_str_has_prefix (dry.out, "Events that would change: "));
  run_cli (fixture, &apply, "tags", "apply-rules", NULL);
  g_assert_cmpint (apply.status, ==, 0);
  g_assert_true (g_str_has_prefix (apply.out, "Events changed: "));
  g_test_message ("starter pack: %s%s", dry.out, apply.out);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(SeismoTestRun) init = { 0 };

  fixture->dir = g_dir_make_tmp ("seismo-cli-export-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db = g_build_filename (fixture->dir, "cli.db", NULL);
  run_cli (fixture, &init, "init", NULL);
  g_assert_cmpint (init.status, ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-export/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/cli-export/errors", Fixture, NULL, fixture_set_up, test_export_errors,
              fixture_tear_down);
  g_test_add ("/cli-export/tags", Fixture, NULL, fixture_set_up, test_tags, fixture_tear_down);

  return g_test_run ();
}
