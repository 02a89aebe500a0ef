/* test-opml.c — OPML import and export: files from anywhere, hostile ones too
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <time.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <sqlite3.h>

#include "seismo-opml.h"
#include "seismo-store.h"
#include "seismo-store-private.h"

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

  fixture->dir = g_dir_make_tmp ("seismo-opml-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = seismo_store_open (fixture->path, &error);
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
  g_free (fixture->path);
}

static char *
read_fixture (const char *name,
              gsize      *length)
{
  g_autofree char *path = g_build_filename (g_getenv ("SEISMO_TESTS_DIR"), "fixtures", "opml",
                                            name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, length, &error);
  g_assert_no_error (error);
  return data;
}

static SeismoOpml *
parse_fixture (const char *name)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  g_autofree char *data = read_fixture (name, &length);
  SeismoOpml *opml = seismo_opml_parse (data, length, &error);

  g_assert_no_error (error);
  g_assert_nonnull (opml);
  return opml;
}

static const SeismoOpmlOutline *
outline (const SeismoOpml *opml,
         guint             index)
{
  g_assert_cmpuint (index, <, opml->outlines->len);
  return g_ptr_array_index (opml->outlines, index);
}

static void
assert_outline (const SeismoOpml *opml,
                guint             index,
                const char       *url,
                const char       *title,
                const char       *kind,
                const char       *folder)
{
  const SeismoOpmlOutline *o = outline (opml, index);

  g_assert_cmpstr (o->url, ==, url);
  g_assert_cmpstr (o->title, ==, title);
  g_assert_cmpstr (o->kind, ==, kind);
  g_assert_cmpstr (o->folder, ==, folder);
}

static guint
import (SeismoStore      *store,
        const SeismoOpml *opml,
        guint            *skipped)
{
  g_autoptr(GPtrArray) sources = seismo_opml_to_sources (opml);
  g_autoptr(GError) error = NULL;
  guint added = G_MAXUINT;

  g_assert_true (seismo_store_import_sources (store, sources, &added, skipped, &error));
  g_assert_no_error (error);
  return added;
}

static guint
count_sources (SeismoStore *store)
{
  g_autoptr(GPtrArray) sources = seismo_store_list_sources (store, NULL);

  g_assert_nonnull (sources);
  return sources->len;
}

/* ---- Reading ------------------------------------------------------------ */

static void
test_opml1 (void)
{
  g_autoptr(SeismoOpml) opml = parse_fixture ("opml1.opml");

  g_assert_cmpstr (opml->title, ==, "Café subscriptions");
  g_assert_cmpuint (opml->outlines->len, ==, 3);
  assert_outline (opml, 0, "https://cafe.example/feed.xml", "Café AI", "rss", NULL);
  g_assert_cmpstr (outline (opml, 0)->html_url, ==, "https://cafe.example/");
  /* title wins over text; whitespace (and the newline) collapsed */
  assert_outline (opml, 1, "http://labs.example/atom.xml", "Labs Weekly digest", "atom", NULL);
  /* type="link" is no kind we know: the refresh will read the format */
  assert_outline (opml, 2, "https://plain.example/rss", "Plain", NULL, NULL);
  g_assert_cmpuint (opml->skipped, ==, 0);
  g_assert_false (opml->recovered);
}

/* The same document in ISO-8859-1 and UTF-16: libxml2 decodes, and the
 * ampersand filter must leave UTF-16 alone. */
static void
test_encodings (void)
{
  gsize length;
  g_autofree char *utf8 = read_fixture ("opml1.opml", &length);
  static const struct { const char *charset; const char *bom; gsize bom_len; } cases[] = {
    { "ISO-8859-1", "", 0 },
    { "UTF-16LE", "\xff\xfe", 2 },
    { "UTF-16BE", "\xfe\xff", 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) declared = g_string_new (utf8);
      g_autoptr(GString) data = g_string_new_len (cases[i].bom, cases[i].bom_len);
      g_autofree char *converted = NULL;
      g_autoptr(SeismoOpml) opml = NULL;
      gsize n;

      g_string_replace (declared, "encoding=\"UTF-8\"",
                        cases[i].bom_len > 0 ? "encoding=\"UTF-16\""
                                             : "encoding=\"ISO-8859-1\"",
                        1);
      converted = g_convert (declared->str, declared->len, cases[i].charset, "UTF-8", NULL, &n,
                             &error);
      g_assert_no_error (error);
      g_string_append_len (data, converted, n);
      opml = seismo_opml_parse (data->str, data->len, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (opml->title, ==, "Café subscriptions");
      g_assert_cmpuint (opml->outlines->len, ==, 3);
      assert_outline (opml, 0, "https://cafe.example/feed.xml", "Café AI", "rss", NULL);
    }
}

static void
test_nested (void)
{
  g_autoptr(SeismoOpml) opml = parse_fixture ("nested.opml");

  g_assert_cmpstr (opml->title, ==, "Nested");
  g_assert_cmpuint (opml->outlines->len, ==, 8);
  assert_outline (opml, 0, "https://top.example/feed", "Top level", "rss", NULL);
  assert_outline (opml, 1, "https://ai.example/feed", "AI news", "rss", "AI");
  assert_outline (opml, 2, "https://lab1.example/atom", "Lab one", "atom", "AI/Labs");
  assert_outline (opml, 3, "https://frontier.example/rss", "Frontier lab", "rss",
                  "AI/Labs/Frontier");
  /* A '/' in a name is not a level: it becomes U+2215, which looks the same. */
  assert_outline (opml, 4, "https://papers.example/rss", "Papers", "rss",
                  "AI/Research\u2215Papers");
  /* A folder with no name is no level at all. */
  assert_outline (opml, 5, "https://unnamed.example/rss", "In an unnamed folder", "rss", NULL);
  /* A feed with outlines inside is a feed; the inner ones stay where it is. */
  assert_outline (opml, 6, "https://parent.example/rss", "Feed with children", NULL, NULL);
  assert_outline (opml, 7, "https://child.example/rss", "Child of a feed", "rss", NULL);
  g_assert_false (opml->recovered);
}

static void
test_missing_url (void)
{
  g_autoptr(SeismoOpml) opml = parse_fixture ("missing-url.opml");

  /* Notes, links, includes and empty folders are not sources, and an
   * include is never followed. Empty xmlUrls are counted. */
  g_assert_cmpuint (opml->outlines->len, ==, 1);
  assert_outline (opml, 0, "https://real.example/rss", "Real", "rss", NULL);
  g_assert_cmpuint (opml->skipped, ==, 2);
}

static void
test_schemes (void)
{
  g_autoptr(SeismoOpml) opml = parse_fixture ("schemes.opml");

  g_assert_cmpuint (opml->outlines->len, ==, 2);
  g_assert_cmpuint (opml->skipped, ==, 7);
  assert_outline (opml, 0, "HTTPS://Good.example/rss", "good", "rss", NULL);
  /* A site address is a link the UI may open: http(s) or nothing. */
  g_assert_null (outline (opml, 0)->html_url);
  g_assert_cmpstr (outline (opml, 1)->html_url, ==, "https://good2.example/");
  for (guint i = 0; i < opml->outlines->len; i++)
    g_assert_cmpint (g_ascii_strncasecmp (outline (opml, i)->url, "http", 4), ==, 0);
}

static void
test_entities (void)
{
  g_autoptr(SeismoOpml) opml = parse_fixture ("entities.opml");

  g_assert_cmpstr (opml->title, ==, "Tom & Jerry\u2019s <feeds>");
  g_assert_cmpuint (opml->outlines->len, ==, 4);
  assert_outline (opml, 0, "https://entities.example/rss?a=1&b=2",
                  "Café & Co \u2014 \u263a \"q\" 'a'", "rss", NULL);
  /* Bare ampersands are kept as text, as a browser would. */
  assert_outline (opml, 1, "https://bare.example/rss?a=1&b=2&c", "Bare &amp ampersand & co", "rss",
                  NULL);
  /* What the DTD declares is never expanded; &hellip; is HTML's, not the file's. */
  assert_outline (opml, 2, "https://declared.example/rss", "\u2026", "rss", NULL);
  /* The folder named only by a DTD entity has no name: no level. */
  assert_outline (opml, 3, "https://folder.example/rss", "In a folder named by an entity", "rss",
                  NULL);
  for (guint i = 0; i < opml->outlines->len; i++)
    {
      g_assert_null (strstr (outline (opml, i)->title, "DECLARED"));
      g_assert_null (strstr (outline (opml, i)->title, "NOT-THE-HTML"));
      g_assert_null (strstr (outline (opml, i)->url, "from-dtd-default"));
    }
}

static void
test_billion_laughs (void)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(SeismoOpml) opml = parse_fixture ("billion-laughs.opml");
  gint64 elapsed = g_get_monotonic_time () - start;

  /* Nothing expands: the parse is instant and every string short. */
  g_assert_cmpint (elapsed, <, G_USEC_PER_SEC);
  g_assert_true (opml->title == NULL || strlen (opml->title) < 64);
  g_assert_cmpuint (opml->outlines->len, ==, 2);
  for (guint i = 0; i < opml->outlines->len; i++)
    {
      const SeismoOpmlOutline *o = outline (opml, i);

      g_assert_null (o->folder);
      g_assert_cmpuint (strlen (o->url), <, 64);
      g_assert_true (o->title == NULL || strlen (o->title) < 64);
      g_assert_true (o->title == NULL || strstr (o->title, "lol") == NULL);
    }
  assert_outline (opml, 1, "https://laughs2.example/rss", "Still here", "rss", NULL);
}

/* The first line of /etc/passwd (or a stand-in), which must appear nowhere. */
static char *
secret_line (void)
{
  g_autofree char *passwd = NULL;

  if (g_file_get_contents ("/etc/passwd", &passwd, NULL, NULL) && passwd[0] != '\0')
    return g_strndup (passwd, strcspn (passwd, "\n"));
  return g_strdup ("root:x:0:0");
}

static void
assert_no_secret (const char *text,
                  const char *secret)
{
  if (text != NULL)
    {
      g_assert_null (strstr (text, secret));
      g_assert_null (strstr (text, "root:"));
    }
}

static void
test_xxe (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(SeismoOpml) opml = parse_fixture ("xxe.opml");
  g_autofree char *secret = secret_line ();
  g_autoptr(GBytes) exported = NULL;
  g_autofree char *dump = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  assert_no_secret (opml->title, secret);
  g_assert_cmpuint (opml->outlines->len, ==, 2);
  g_assert_cmpuint (opml->skipped, ==, 1); /* xmlUrl="file:///etc/passwd" */
  for (guint i = 0; i < opml->outlines->len; i++)
    {
      const SeismoOpmlOutline *o = outline (opml, i);

      assert_no_secret (o->url, secret);
      assert_no_secret (o->title, secret);
      assert_no_secret (o->html_url, secret);
      assert_no_secret (o->folder, secret);
    }
  assert_outline (opml, 0, "https://xxe.example/rss?q=", NULL, "rss", NULL);
  assert_outline (opml, 1, "https://xxe2.example/rss", "in folder", "rss", NULL);

  /* Nor in the database, nor in what an export writes. */
  g_assert_cmpuint (import (fixture->store, opml, NULL), ==, 2);
  exported = seismo_opml_export (fixture->store, &error);
  g_assert_no_error (error);
  {
    gsize size;
    const char *text = g_bytes_get_data (exported, &size);
    g_autofree char *copy = g_strndup (text, size);

    assert_no_secret (copy, secret);
  }
  g_clear_object (&fixture->store);
  g_file_get_contents (fixture->path, &dump, &length, &error);
  g_assert_no_error (error);
  g_assert_null (g_strstr_len (dump, length, secret));
  g_assert_null (g_strstr_len (dump, length, "root:"));
}

static void
test_truncated (void)
{
  g_autoptr(SeismoOpml) opml = parse_fixture ("truncated.opml");

  /* What came before the cut is read, and the caller is told. */
  g_assert_true (opml->recovered);
  g_assert_cmpuint (opml->outlines->len, ==, 4);
  assert_outline (opml, 3, "https://frontier.example/rss", "Frontier lab", "rss",
                  "AI/Labs/Frontier");
}

static void
test_not_opml (void)
{
  static const struct { const char *data; int code; } cases[] = {
    { "", SEISMO_OPML_ERROR_NOT_OPML },
    { "   \n\t ", SEISMO_OPML_ERROR_NOT_OPML },
    { "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", SEISMO_OPML_ERROR_NOT_OPML },
    { "{\"opml\": [\"https://x.example/rss\"]}", SEISMO_OPML_ERROR_NOT_OPML },
    { "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>x</title></channel></rss>",
      SEISMO_OPML_ERROR_NOT_OPML },
    { "<html><body><outline xmlUrl=\"https://x.example/rss\"/></body></html>",
      SEISMO_OPML_ERROR_NOT_OPML },
  };
  gsize length;
  g_autofree char *text = read_fixture ("not-xml.opml", &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(SeismoOpml) opml = seismo_opml_parse (text, length, &error);

  g_assert_error (error, SEISMO_OPML_ERROR, SEISMO_OPML_ERROR_NOT_OPML);
  g_assert_null (opml);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) case_error = NULL;
      g_autoptr(SeismoOpml) parsed = NULL;

      parsed = seismo_opml_parse (cases[i].data, i == 2 ? 16 : strlen (cases[i].data),
                                  &case_error);
      g_assert_error (case_error, SEISMO_OPML_ERROR, cases[i].code);
      g_assert_null (parsed);
    }
}

static void
test_deep (void)
{
  g_autoptr(GString) doc = g_string_new ("<opml><body>");
  g_autoptr(GError) error = NULL;
  g_autoptr(SeismoOpml) opml = NULL;
  g_autoptr(SeismoOpml) kept = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append (doc, "<outline text=\"f\">");
  opml = seismo_opml_parse (doc->str, doc->len, &error);
  g_assert_error (error, SEISMO_OPML_ERROR, SEISMO_OPML_ERROR_TOO_DEEP);
  g_assert_null (opml);
  g_clear_error (&error);

  /* Within the element limit, folder paths stop at MAX_FOLDER_DEPTH levels. */
  g_string_assign (doc, "<opml><body>");
  for (guint i = 0; i < 40; i++)
    g_string_append_printf (doc, "<outline text=\"L%u\">", i);
  g_string_append (doc, "<outline xmlUrl=\"https://deep.example/rss\"/>");
  for (guint i = 0; i < 40; i++)
    g_string_append (doc, "</outline>");
  g_string_append (doc, "</body></opml>");
  kept = seismo_opml_parse (doc->str, doc->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kept->outlines->len, ==, 1);
  g_assert_true (g_str_has_prefix (outline (kept, 0)->folder, "L0/L1/L2/"));
  g_assert_true (g_str_has_suffix (outline (kept, 0)->folder, "/L15"));
}

/* A reference cut by a chunk boundary is still one reference. */
static void
test_chunk_boundaries (void)
{
  static const char * const tails[] = {
    "<outline text=\"a&eacute;b\" xmlUrl=\"https://c.example/?x=1&y=2\"/></body></opml>",
    "<outline text=\"a&#233;b\" xmlUrl=\"https://c.example/?x=1&amp;y=2\"/></body></opml>",
    "<outline title=\"a\u00e9b\" text=\"> >\" xmlUrl=\"https://c.example/?x=1&y=2\"></outline>"
    "</body></opml>",
  };

  for (guint t = 0; t < G_N_ELEMENTS (tails); t++)
    for (gsize cut = 0; cut < 100; cut++)
      {
        g_autoptr(GString) doc = g_string_new ("<opml><body><!--");
        g_autoptr(GError) error = NULL;
        g_autoptr(SeismoOpml) opml = NULL;

        /* The chunk size is 64 KiB: put the tail's bytes across it. */
        while (doc->len < 64 * 1024 - 40 + cut)
          g_string_append_c (doc, 'x');
        g_string_append (doc, "-->");
        g_string_append (doc, tails[t]);
        opml = seismo_opml_parse (doc->str, doc->len, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (opml->outlines->len, ==, 1);
        assert_outline (opml, 0, "https://c.example/?x=1&y=2", "a\u00e9b", NULL, NULL);
      }
}

static GString *
generate (guint n)
{
  GString *doc = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<opml version=\"2.0\"><head><title>Big</title></head><body>\n");

  for (guint i = 0; i < n; i++)
    {
      if (i % 100 == 0)
        g_string_append_printf (doc, "%s<outline text=\"Folder %u\">\n", i > 0 ? "</outline>" : "",
                                i / 100);
      g_string_append_printf (doc, "<outline type=\"rss\" text=\"Feed %u &amp; more\" "
                                   "xmlUrl=\"https://feed%u.example/rss?page=%u&amp;x=y\" "
                                   "htmlUrl=\"https://feed%u.example/\"/>\n", i, i, i, i);
    }
  g_string_append (doc, "</outline></body></opml>\n");
  return doc;
}

static void
test_large (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GString) doc = generate (10000);
  g_autoptr(SeismoOpml) opml = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  SeismoOpmlImportStats stats;
  gint64 start, parsed, imported;
  clock_t cpu_start, cpu_parsed, cpu_imported;

  start = g_get_monotonic_time ();
  cpu_start = clock ();
  opml = seismo_opml_parse (doc->str, doc->len, &error);
  parsed = g_get_monotonic_time () - start;
  cpu_parsed = clock () - cpu_start;
  g_assert_no_error (error);
  g_assert_cmpuint (opml->outlines->len, ==, 10000);
  assert_outline (opml, 9999, "https://feed9999.example/rss?page=9999&x=y", "Feed 9999 & more",
                  "rss", "Folder 99");

  start = g_get_monotonic_time ();
  cpu_start = clock ();
  stream = g_memory_input_stream_new_from_data (doc->str, (gssize) doc->len, NULL);
  g_assert_true (seismo_opml_import (fixture->store, stream, NULL, &stats, &error));
  imported = g_get_monotonic_time () - start;
  cpu_imported = clock () - cpu_start;
  g_assert_no_error (error);
  g_assert_cmpuint (stats.added, ==, 10000);
  g_assert_cmpuint (stats.existing, ==, 0);
  g_assert_cmpuint (count_sources (fixture->store), ==, 10000);
  g_test_message ("10,000 outlines (%zu bytes): parse %.1f ms (CPU %.1f ms), "
                  "parse + import in one transaction %.1f ms (CPU %.1f ms)",
                  doc->len, parsed / 1000.0, cpu_parsed * 1000.0 / CLOCKS_PER_SEC,
                  imported / 1000.0, cpu_imported * 1000.0 / CLOCKS_PER_SEC);
  /* Generous: sanitizers and slow CI machines too. */
  g_assert_cmpint (imported, <, 20 * G_USEC_PER_SEC);

  /* Past the outline limit is refused, not read into memory. */
  {
    g_autoptr(GString) huge = generate (SEISMO_OPML_MAX_OUTLINES + 10);
    g_autoptr(SeismoOpml) refused = seismo_opml_parse (huge->str, huge->len, &error);

    g_assert_error (error, SEISMO_OPML_ERROR, SEISMO_OPML_ERROR_TOO_LARGE);
    g_assert_null (refused);
  }
}

/* ---- The store ------------------------------------------------------------ */

static void
test_duplicates_and_twice (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(SeismoOpml) opml = parse_fixture ("duplicates.opml");
  g_autoptr(SeismoOpml) nested = parse_fixture ("nested.opml");
  g_autoptr(GPtrArray) sources = NULL;
  guint skipped;

  g_assert_cmpuint (opml->outlines->len, ==, 3);
  g_assert_cmpuint (import (fixture->store, opml, &skipped), ==, 2);
  g_assert_cmpuint (skipped, ==, 1);
  g_assert_cmpuint (import (fixture->store, opml, &skipped), ==, 0);
  g_assert_cmpuint (skipped, ==, 3);
  g_assert_cmpuint (count_sources (fixture->store), ==, 2);

  /* The first one listed wins; the ids are set on what was added. */
  sources = seismo_opml_to_sources (nested);
  {
    g_autoptr(GError) error = NULL;
    guint added;

    g_assert_true (seismo_store_import_sources (fixture->store, sources, &added, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (added, ==, 8);
    for (guint i = 0; i < sources->len; i++)
      g_assert_cmpint (seismo_source_get_id (g_ptr_array_index (sources, i)), >, 0);
  }
  {
    g_autoptr(GPtrArray) stored = seismo_store_list_sources (fixture->store, NULL);
    SeismoSource *first = g_ptr_array_index (stored, 0);

    g_assert_cmpstr (seismo_source_get_title (first), ==, "One");
    g_assert_null (seismo_source_get_folder (first));
    g_assert_true (seismo_source_get_enabled (first));
    g_assert_cmpstr (seismo_source_get_kind (g_ptr_array_index (stored, 2)), ==, "rss");
  }
}

static void
test_all_or_nothing (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(SeismoOpml) opml = parse_fixture ("nested.opml");
  g_autoptr(GPtrArray) sources = seismo_opml_to_sources (opml);
  g_autoptr(GError) error = NULL;
  guint added = 99, skipped = 99;

  /* A failure on the fourth insert undoes the first three. */
  g_assert_true (_seismo_store_exec (fixture->store,
                                     "CREATE TEMP TRIGGER fail BEFORE INSERT ON sources"
                                     " WHEN NEW.url = 'https://frontier.example/rss'"
                                     " BEGIN SELECT RAISE (ABORT, 'disk on fire'); END",
                                     &error));
  g_assert_false (seismo_store_import_sources (fixture->store, sources, &added, &skipped, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (added, ==, 0);
  g_assert_cmpuint (skipped, ==, 0);
  g_assert_cmpuint (count_sources (fixture->store), ==, 0);
  for (guint i = 0; i < sources->len; i++)
    g_assert_cmpint (seismo_source_get_id (g_ptr_array_index (sources, i)), ==, 0);
  g_clear_error (&error);
  g_assert_true (_seismo_store_exec (fixture->store, "DROP TRIGGER temp.fail", &error));

  /* An invalid source refuses the whole list before anything is written. */
  g_ptr_array_add (sources, seismo_source_new ("ftp://nope.example/", "rss"));
  g_assert_false (seismo_store_import_sources (fixture->store, sources, &added, NULL, &error));
  g_assert_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID);
  g_assert_cmpuint (count_sources (fixture->store), ==, 0);
  g_clear_error (&error);
  g_ptr_array_remove_index (sources, sources->len - 1);
  g_ptr_array_add (sources, seismo_source_new ("https://builtin.example/", "builtin"));
  g_assert_false (seismo_store_import_sources (fixture->store, sources, &added, NULL, &error));
  g_assert_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID);
  g_assert_cmpuint (count_sources (fixture->store), ==, 0);
}

/* ---- Writing -------------------------------------------------------------- */

static const char *mapping =
  "{\n  \"items\": \"$.hits[*]\",\n  \"id\": \"$.objectID\",\n  \"title\": \"$.title\",\n"
  "  \"url_template\": \"https://news.example/item?id={objectID}&lang=en\"\n}";

static void
add (SeismoStore *store,
     const char  *url,
     const char  *kind,
     const char  *title,
     const char  *folder,
     const char  *map)
{
  g_autoptr(SeismoSource) source = seismo_source_new (url, kind);
  g_autoptr(GError) error = NULL;

  seismo_source_set_title (source, title);
  seismo_source_set_folder (source, folder);
  seismo_source_set_mapping (source, map);
  seismo_source_set_site_url (source, g_str_equal (kind, "atom") ? "https://site.example/" : NULL);
  g_assert_cmpint (seismo_store_add_source (store, source, &error), >, 0);
  g_assert_no_error (error);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(SeismoStore) other = NULL;
  g_autoptr(GPtrArray) before = NULL, after = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.db", NULL);
  SeismoOpmlImportStats stats;

  add (fixture->store, "https://a.example/rss?x=1&y=2", "rss", "Tom & \"Jerry\" <news>",
       "AI/Labs", NULL);
  add (fixture->store, "https://b.example/atom", "atom", "Ünïcödé — 日本語", NULL, NULL);
  add (fixture->store, "https://c.example/feed.json", "jsonfeed", NULL, "AI", NULL);
  add (fixture->store, "https://hn.example/api?q=x&tags=story", "json-api", "HN: x", "Community",
       mapping);
  add (fixture->store, "https://d.example/rss", "rss", "Deep", "AI/Labs/Frontier", NULL);
  add (fixture->store, "https://e.example/rss", "rss", "Tab\tand\x01" "control", "AI", NULL);

  bytes = seismo_opml_export (fixture->store, &error);
  g_assert_no_error (error);

  other = seismo_store_open (other_path, &error);
  g_assert_no_error (error);
  stream = g_memory_input_stream_new_from_bytes (bytes);
  g_assert_true (seismo_opml_import (other, stream, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.added, ==, 6);
  g_assert_cmpuint (stats.skipped + stats.invalid + stats.existing, ==, 0);
  g_assert_false (stats.recovered);

  before = seismo_store_list_sources (fixture->store, NULL);
  after = seismo_store_list_sources (other, NULL);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < before->len; i++)
    {
      SeismoSource *b = g_ptr_array_index (before, i);
      SeismoSource *a = NULL;

      for (guint j = 0; j < after->len && a == NULL; j++)
        if (g_str_equal (seismo_source_get_url (g_ptr_array_index (after, j)),
                         seismo_source_get_url (b)))
          a = g_ptr_array_index (after, j);
      g_assert_nonnull (a);
      if (g_str_equal (seismo_source_get_url (b), "https://e.example/rss"))
        g_assert_cmpstr (seismo_source_get_title (a), ==, "Tab andcontrol");
      else
        g_assert_cmpstr (seismo_source_get_title (a), ==, seismo_source_get_title (b));
      g_assert_cmpstr (seismo_source_get_kind (a), ==, seismo_source_get_kind (b));
      g_assert_cmpstr (seismo_source_get_folder (a), ==, seismo_source_get_folder (b));
      g_assert_cmpstr (seismo_source_get_mapping (a), ==, seismo_source_get_mapping (b));
      g_assert_cmpstr (seismo_source_get_site_url (a), ==, seismo_source_get_site_url (b));
    }

  /* Importing its own export adds nothing. */
  g_clear_object (&stream);
  stream = g_memory_input_stream_new_from_bytes (bytes);
  g_assert_true (seismo_opml_import (fixture->store, stream, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.added, ==, 0);
  g_assert_cmpuint (stats.existing, ==, 6);
}

static void
test_write (void)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) date = g_date_time_new_utc (2025, 1, 20, 11, 59, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SeismoOpml) opml = NULL;
  const char *text;
  gsize length;
  xmlDoc *doc;
  static const char * const folders[] = { "B", NULL, "A/Z", "A", " A / / Y ", "A/Z" };

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *url = g_strdup_printf ("https://w%u.example/rss", i);
      SeismoSource *source = seismo_source_new (url, "rss");

      seismo_source_set_folder (source, folders[i]);
      seismo_source_set_title (source, i == 1 ? "]]> & </outline> \"'\x7f\x02" : NULL);
      g_ptr_array_add (sources, source);
    }
  g_ptr_array_add (sources, seismo_source_new ("seismograph:starter-pack", "builtin"));

  bytes = seismo_opml_write (sources, "Mine & <yours>", date, &error);
  g_assert_no_error (error);
  text = g_bytes_get_data (bytes, &length);
  g_assert_cmpint (text[length], ==, '\0');
  g_assert_nonnull (strstr (text, "<opml version=\"2.0\""));
  g_assert_nonnull (strstr (text, "<dateCreated>Mon, 20 Jan 2025 11:59:00 GMT</dateCreated>"));
  g_assert_nonnull (strstr (text, "<title>Mine &amp; &lt;yours&gt;</title>"));
  g_assert_null (strstr (text, "starter-pack"));
  g_assert_null (memchr (text, '\x02', length));

  /* Well-formed for a strict parser, not only for our lenient one. */
  doc = xmlReadMemory (text, (int) length, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                                   XML_PARSE_NOWARNING);
  g_assert_nonnull (doc);
  xmlFreeDoc (doc);

  opml = seismo_opml_parse (text, length, &error);
  g_assert_no_error (error);
  g_assert_false (opml->recovered);
  g_assert_cmpstr (opml->title, ==, "Mine & <yours>");
  g_assert_cmpuint (opml->outlines->len, ==, 6);
  /* Root first, then folders by name, a folder's feeds before its subfolders. */
  assert_outline (opml, 0, "https://w1.example/rss", "]]> & </outline> \"'", "rss", NULL);
  assert_outline (opml, 1, "https://w3.example/rss", NULL, "rss", "A");
  assert_outline (opml, 2, "https://w4.example/rss", NULL, "rss", "A/Y");
  assert_outline (opml, 3, "https://w2.example/rss", NULL, "rss", "A/Z");
  assert_outline (opml, 4, "https://w5.example/rss", NULL, "rss", "A/Z");
  assert_outline (opml, 5, "https://w0.example/rss", NULL, "rss", "B");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/opml/read/opml1", test_opml1);
  g_test_add_func ("/opml/read/encodings", test_encodings);
  g_test_add_func ("/opml/read/nested", test_nested);
  g_test_add_func ("/opml/read/missing-url", test_missing_url);
  g_test_add_func ("/opml/read/schemes", test_schemes);
  g_test_add_func ("/opml/read/entities", test_entities);
  g_test_add_func ("/opml/read/billion-laughs", test_billion_laughs);
  ADD ("/opml/read/xxe", test_xxe);
  g_test_add_func ("/opml/read/truncated", test_truncated);
  g_test_add_func ("/opml/read/not-opml", test_not_opml);
  g_test_add_func ("/opml/read/deep", test_deep);
  g_test_add_func ("/opml/read/chunk-boundaries", test_chunk_boundaries);
  ADD ("/opml/read/large", test_large);
  ADD ("/opml/import/duplicates-and-twice", test_duplicates_and_twice);
  ADD ("/opml/import/all-or-nothing", test_all_or_nothing);
  ADD ("/opml/write/round-trip", test_round_trip);
  g_test_add_func ("/opml/write/escaping-and-order", test_write);

#undef ADD

  return g_test_run ();
}
