/* test-cli-opml.c — seismograph-cli opml import / export end to end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <libxml/parser.h>

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
fixture_set_up (Fixture    *fixture,
                const char *name)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("seismo-cli-opml-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db = g_build_filename (fixture->dir, name, NULL);
}

static void
fixture_tear_down (Fixture *fixture)
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

static char *
fixture_file (const char *name)
{
  return g_build_filename (g_getenv ("SEISMO_TESTS_DIR"), "fixtures", "opml", name, NULL);
}

/* One error line, the program's name first. */
static void
assert_one_error_line (const Run *run)
{
  const char *newline = strchr (run->err, '\n');

  g_assert_true (g_str_has_prefix (run->err, "seismograph-cli: "));
  g_assert_nonnull (newline);
  g_assert_cmpstr (newline + 1, ==, "");
}

static void
test_import (void)
{
  Fixture fixture;
  g_autofree char *schemes = fixture_file ("schemes.opml");
  g_autofree char *duplicates = fixture_file ("duplicates.opml");
  g_autofree char *nested = fixture_file ("nested.opml");

  fixture_set_up (&fixture, "import.db");
  {
    g_auto(SeismoTestRun) run = { 0 };

    run_cli (&fixture, NULL, &run, "opml", "import", schemes, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==,
                     "imported 2 sources (0 already there, 7 skipped: not http/https)\n");
    g_assert_cmpstr (run.err, ==, "");
  }
  {
    g_auto(SeismoTestRun) run = { 0 };

    run_cli (&fixture, NULL, &run, "opml", "import", duplicates, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==,
                     "imported 2 sources (1 already there, 0 skipped: not http/https)\n");
  }
  {
    g_auto(SeismoTestRun) run = { 0 };

    /* Twice: nothing new. */
    run_cli (&fixture, NULL, &run, "opml", "import", duplicates, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==,
                     "imported 0 sources (3 already there, 0 skipped: not http/https)\n");
  }
  {
    g_auto(SeismoTestRun) run = { 0 };

    run_cli (&fixture, NULL, &run, "opml", "import", nested, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==,
                     "imported 8 sources (0 already there, 0 skipped: not http/https)\n");
  }
  {
    g_auto(SeismoTestRun) run = { 0 };

    run_cli (&fixture, NULL, &run, "sources", "list", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "https://frontier.example/rss"));
    g_assert_nonnull (strstr (run.out, "http://good2.example/rss"));
    g_assert_null (strstr (run.out, "javascript:"));
  }
  fixture_tear_down (&fixture);
}

static void
test_import_errors (void)
{
  Fixture fixture;
  g_autofree char *not_xml = fixture_file ("not-xml.opml");
  g_autofree char *truncated = fixture_file ("truncated.opml");
  g_autofree char *missing = NULL;

  fixture_set_up (&fixture, "errors.db");
  missing = g_build_filename (fixture.dir, "missing.opml", NULL);
  {
    g_auto(SeismoTestRun) run = { 0 };

    run_cli (&fixture, NULL, &run, "opml", "import", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.out, ==, "");
  }
  {
    g_auto(SeismoTestRun) run = { 0 };

    run_cli (&fixture, NULL, &run, "opml", "import", not_xml, not_xml, NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(SeismoTestRun) run = { 0 };

    run_cli (&fixture, NULL, &run, "opml", "import", missing, NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_one_error_line (&run);
    g_assert_nonnull (strstr (run.err, "missing.opml"));
  }
  {
    g_auto(SeismoTestRun) run = { 0 };

    run_cli (&fixture, NULL, &run, "opml", "import", not_xml, NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_one_error_line (&run);
    g_assert_nonnull (strstr (run.err, "not an OPML file"));
    g_assert_cmpstr (run.out, ==, "");
  }
  {
    g_auto(SeismoTestRun) run = { 0 };

    run_cli (&fixture, NULL, &run, "opml", "import", fixture.dir, NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_one_error_line (&run);
  }
  {
    g_auto(SeismoTestRun) run = { 0 };

    /* What could be read is imported, with a warning. */
    run_cli (&fixture, NULL, &run, "opml", "import", truncated, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==,
                     "imported 4 sources (0 already there, 0 skipped: not http/https)\n");
    g_assert_true (g_str_has_prefix (run.err, "seismograph-cli: warning: "));
  }
  fixture_tear_down (&fixture);
}

static gboolean
well_formed (const char *text)
{
  xmlDoc *doc = xmlReadMemory (text, (int) strlen (text), NULL, NULL,
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);

  if (doc == NULL)
    return FALSE;
  xmlFreeDoc (doc);
  return TRUE;
}

static void
test_export (void)
{
  Fixture fixture, other;
  g_autofree char *nested = fixture_file ("nested.opml");
  g_autofree char *out = NULL;
  g_autofree char *blocked = NULL;
  g_autofree char *written = NULL;
  g_auto(SeismoTestRun) stdout_run = { 0 };

  fixture_set_up (&fixture, "export.db");
  fixture_set_up (&other, "other.db");
  out = g_build_filename (fixture.dir, "out.opml", NULL);
  {
    g_auto(SeismoTestRun) run = { 0 };

    run_cli (&fixture, NULL, &run, "opml", "import", nested, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }

  run_cli (&fixture, NULL, &stdout_run, "opml", "export", NULL);
  g_assert_cmpint (stdout_run.status, ==, 0);
  g_assert_cmpstr (stdout_run.err, ==, "");
  g_assert_true (well_formed (stdout_run.out));
  g_assert_nonnull (strstr (stdout_run.out, "xmlUrl=\"https://frontier.example/rss\""));
  /* The starter pack's own sources are there, its built-in one is not. */
  g_assert_null (strstr (stdout_run.out, "seismograph:starter-pack"));

  {
    g_auto(SeismoTestRun) run = { 0 };

    run_cli (&fixture, NULL, &run, "opml", "export", out, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_get_contents (out, &written, NULL, NULL));
    g_assert_true (well_formed (written));
    /* Same sources; only dateCreated may differ. */
    g_assert_cmpuint (strlen (written), ==, strlen (stdout_run.out));
  }
  {
    g_auto(SeismoTestRun) run = { 0 };

    /* The export imports into another database: every source, and the
     * starter pack's are already there. */
    run_cli (&other, NULL, &run, "opml", "import", out, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "imported 8 sources ("));
  }
  {
    g_auto(SeismoTestRun) run = { 0 };

    /* A path that cannot be written: a clear error, no file. */
    blocked = g_build_filename (fixture.dir, "no-such-folder", "out.opml", NULL);
    run_cli (&fixture, NULL, &run, "opml", "export", blocked, NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_one_error_line (&run);
    g_assert_nonnull (strstr (run.err, "no-such-folder"));
    g_assert_false (g_file_test (blocked, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(SeismoTestRun) run = { 0 };

    run_cli (&fixture, NULL, &run, "opml", "export", fixture.dir, NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_one_error_line (&run);
  }
  {
    g_auto(SeismoTestRun) run = { 0 };

    run_cli (&fixture, NULL, &run, "opml", "export", out, out, NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(SeismoTestRun) run = { 0 };
    g_autofree char *again = NULL;

    /* Nothing half-written: the earlier export is intact after a failure,
     * and no temporary file is left beside it. */
    g_assert_true (g_file_get_contents (out, &again, NULL, NULL));
    g_assert_cmpstr (again, ==, written);
    run_cli (&fixture, NULL, &run, "opml", "export", out, NULL);
    g_assert_cmpint (run.status, ==, 0);
    {
      g_autoptr(GDir) dir = g_dir_open (fixture.dir, 0, NULL);
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        g_assert_true (g_str_has_prefix (name, "export.db") || g_str_equal (name, "out.opml"));
    }
  }
  fixture_tear_down (&fixture);
  fixture_tear_down (&other);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-opml/import", test_import);
  g_test_add_func ("/cli-opml/import-errors", test_import_errors);
  g_test_add_func ("/cli-opml/export", test_export);

  return g_test_run ();
}
