/* test-export.c — notes to Markdown: golden files, read back by a real CommonMark parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <sys/resource.h>
#include <cmark.h>
#include <glib/gstdio.h>

#include "seismo-markdown.h"
#include "seismo-markdown-private.h"
#include "seismo-store.h"
#include "seismo-store-private.h"

/* Every export is checked twice: against a golden file in
 * tests/fixtures/export/ (SEISMO_UPDATE_GOLDEN=1 rewrites them, to be read
 * and committed by a person), and by libcmark, which must find the
 * headings, links and text the notes hold. */

#define DAY (24 * 60 * 60)
#define T0 1737374400 /* 2025-01-20T12:00:00Z */
#define GENERATED 1738800000 /* 2025-02-06T00:00:00Z */

typedef struct
{
  char        *dir;
  SeismoStore *store;
  gint64       source_a;
  gint64       source_b;
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
  return id;
}

/* An event with one item per (source, url, title) triple, its companies
 * and tags (NULL-terminated lists of names, or NULL) and a note. */
static gint64
add_event (SeismoStore         *store,
           const char          *title,
           gint64               published,
           const char * const  *companies,
           const char * const  *tags,
           const char          *note,
           ...)
{
  g_autoptr(GError) error = NULL;
  gint64 event_id, source_id;
  va_list args;

  g_assert_true (seismo_store_begin (store, &error));
  event_id = _seismo_store_new_event (store, title, NULL, NULL, published, SEISMO_DATED_EXACT,
                                      &error);
  g_assert_no_error (error);
  va_start (args, note);
  while ((source_id = va_arg (args, gint64)) != 0)
    {
      const char *url = va_arg (args, const char *);
      const char *item_title = va_arg (args, const char *);

      g_assert_cmpint (_seismo_store_insert_item (store, source_id, event_id, url, url, url,
                                                  item_title, NULL, NULL, published, G_MININT64,
                                                  &error), >, 0);
    }
  va_end (args);
  for (guint i = 0; companies != NULL && companies[i] != NULL; i++)
    g_assert_true (_seismo_store_link_auto (store, FALSE, event_id,
                                            _seismo_store_company_id (store, companies[i], NULL),
                                            &error));
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    g_assert_true (_seismo_store_link_auto (store, TRUE, event_id,
                                            _seismo_store_tag_id (store, tags[i], TRUE, NULL),
                                            &error));
  g_assert_true (_seismo_store_index_event (store, event_id, &error));
  g_assert_true (seismo_store_commit (store, &error));
  if (note != NULL)
    g_assert_true (seismo_store_set_note (store, event_id, NULL, note, &error));
  g_assert_no_error (error);
  return event_id;
}

#define LIST(...) ((const char * const []) { __VA_ARGS__, NULL })

/* The seed's week, small: five event notes (one whose source was removed,
 * one with neither company nor tag) and two company notes. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 source_c;

  fixture->dir = g_dir_make_tmp ("seismo-export-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = seismo_store_open (path, &error);
  g_assert_no_error (error);

  run_sql (fixture->store,
           "INSERT INTO companies (slug, name) VALUES ('deepseek', 'DeepSeek'),"
           " ('nvidia', 'NVIDIA'), ('openai', 'OpenAI'), ('us-whitehouse', 'The White House');"
           "INSERT INTO tags (name) VALUES ('model-release'), ('market'), ('policy');");
  fixture->source_a = add_source (fixture->store, "https://a.example/feed", "Outlet A");
  fixture->source_b = add_source (fixture->store, "https://b.example/feed", "Outlet [B]");
  source_c = add_source (fixture->store, "https://c.example/feed", "Gone Daily");

  add_event (fixture->store, "DeepSeek releases DeepSeek-R1", T0,
             LIST ("deepseek"), LIST ("model-release"),
             "Cost claim is for the final run only.\n\n### Open questions\n\n- distillation?\n",
             fixture->source_a, "https://a.example/r1", "DeepSeek-R1: *open* weights",
             fixture->source_b, "https://b.example/news/r1 (live)", "R1 [live]",
             (gint64) 0);
  add_event (fixture->store, "NVIDIA loses 17% in a day", T0 + 7 * DAY,
             LIST ("deepseek", "nvidia"), LIST ("market"),
             "Biggest one-day loss in market value.",
             fixture->source_b, "https://b.example/nvda", "NVDA falls",
             (gint64) 0);
  add_event (fixture->store, "White House looks at distillation", T0 + 9 * DAY,
             LIST ("us-whitehouse", "deepseek"), LIST ("policy"),
             "Sacks: \"substantial evidence\".\n",
             source_c, "https://c.example/distill", "Distillation probe",
             (gint64) 0);
  add_event (fixture->store, "OpenAI ships o3-mini", T0 + 11 * DAY,
             LIST ("openai"), LIST ("model-release"),
             "Answer to R1 | pricing matters.",
             fixture->source_a, "https://a.example/o3", "o3-mini",
             (gint64) 0);
  add_event (fixture->store, "A week of *noise*", T0 + 13 * DAY, NULL, NULL,
             "Nothing to add.",
             (gint64) 0);
  g_assert_true (seismo_store_set_note (fixture->store, 0, "deepseek",
                                        "Watch the API prices.", &error));
  g_assert_true (seismo_store_set_note (fixture->store, 0, "nvidia",
                                        "# Own heading\n\nSupply side.", &error));
  /* The distillation note keeps its link after its source goes. */
  g_assert_true (seismo_store_remove_source (fixture->store, source_c, &error));
  g_assert_no_error (error);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static SeismoMarkdownOptions *
options_new (void)
{
  SeismoMarkdownOptions *options = seismo_markdown_options_new ();

  options->time_zone = g_time_zone_new_utc ();
  options->generated = GENERATED;
  return options;
}

static GPtrArray *
render (Fixture                     *fixture,
        const SeismoMarkdownOptions *options)
{
  SeismoEventFilter filter = {
    .company = options->company, .tag = options->tag,
    .since = options->since, .until = options->until,
  };
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;

  notes = seismo_store_list_export_notes (fixture->store, &filter, &error);
  g_assert_no_error (error);
  return seismo_markdown_render (notes, options);
}

static void
check_golden (const char *name,
              const char *text)
{
  g_autofree char *path = g_build_filename (g_getenv ("SEISMO_TESTS_DIR"), "fixtures", "export",
                                            name, NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (g_getenv ("SEISMO_UPDATE_GOLDEN"), "1") == 0)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      g_mkdir_with_parents (dir, 0755);
      g_file_set_contents (path, text, -1, &error);
      g_assert_no_error (error);
      return;
    }
  g_file_get_contents (path, &expected, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, expected);
}

/* What cmark sees: every heading as "N text", every link as "url text". */
typedef struct
{
  GPtrArray *headings;
  GPtrArray *links;
  GString   *text;     /* all text of paragraphs, code and HTML, one line each */
} Parsed;

static void
parsed_clear (Parsed *parsed)
{
  g_clear_pointer (&parsed->headings, g_ptr_array_unref);
  g_clear_pointer (&parsed->links, g_ptr_array_unref);
  if (parsed->text != NULL)
    g_string_free (g_steal_pointer (&parsed->text), TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Parsed, parsed_clear)

static char *
inline_text (cmark_node *node)
{
  GString *text = g_string_new (NULL);

  for (cmark_node *child = cmark_node_first_child (node); child != NULL;
       child = cmark_node_next (child))
    {
      switch (cmark_node_get_type (child))
        {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
        case CMARK_NODE_HTML_INLINE:
          g_string_append (text, cmark_node_get_literal (child));
          break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
          g_string_append_c (text, ' ');
          break;
        default:
          {
            g_autofree char *inner = inline_text (child);

            g_string_append (text, inner);
          }
        }
    }
  return g_string_free (text, FALSE);
}

static void
parse (const char *markdown,
       Parsed     *parsed)
{
  cmark_node *document = cmark_parse_document (markdown, strlen (markdown), CMARK_OPT_DEFAULT);
  cmark_iter *iter = cmark_iter_new (document);
  cmark_event_type event;

  parsed->headings = g_ptr_array_new_with_free_func (g_free);
  parsed->links = g_ptr_array_new_with_free_func (g_free);
  parsed->text = g_string_new (NULL);
  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      g_autofree char *text = NULL;

      if (event != CMARK_EVENT_ENTER)
        continue;
      switch (cmark_node_get_type (node))
        {
        case CMARK_NODE_HEADING:
          text = inline_text (node);
          g_ptr_array_add (parsed->headings,
                           g_strdup_printf ("%d %s", cmark_node_get_heading_level (node), text));
          break;
        case CMARK_NODE_LINK:
          text = inline_text (node);
          g_ptr_array_add (parsed->links, g_strdup_printf ("%s %s", cmark_node_get_url (node), text));
          break;
        case CMARK_NODE_PARAGRAPH:
          text = inline_text (node);
          g_string_append_printf (parsed->text, "%s\n", text);
          break;
        case CMARK_NODE_CODE_BLOCK:
        case CMARK_NODE_HTML_BLOCK:
          g_string_append_printf (parsed->text, "%s\n", cmark_node_get_literal (node));
          break;
        default:
          break;
        }
    }
  cmark_iter_free (iter);
  cmark_node_free (document);
}

static gboolean
has (GPtrArray  *strings,
     const char *wanted)
{
  return g_ptr_array_find_with_equal_func (strings, wanted, g_str_equal, NULL);
}

static void
assert_has (GPtrArray  *strings,
            const char *wanted)
{
  if (!has (strings, wanted))
    {
      for (guint i = 0; i < strings->len; i++)
        g_test_message ("have: %s", (char *) g_ptr_array_index (strings, i));
      g_error ("missing: %s", wanted);
    }
}

/* The note, rendered alone, is rendered the same inside the export. */
static void
assert_note_kept (const char *markdown,
                  const char *note)
{
  g_autofree char *whole = cmark_markdown_to_html (markdown, strlen (markdown), CMARK_OPT_DEFAULT);
  g_autofree char *alone = cmark_markdown_to_html (note, strlen (note), CMARK_OPT_DEFAULT);

  if (strstr (whole, alone) == NULL)
    g_error ("the note\n%s\nrenders as\n%s\nbut the export as\n%s", note, alone, whole);
}

static const char * const event_headings[] = {
  "DeepSeek releases DeepSeek-R1", "NVIDIA loses 17% in a day",
  "White House looks at distillation", "OpenAI ships o3-mini", "A week of *noise*", NULL
};

static void
test_single (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(SeismoMarkdownOptions) options = options_new ();
  g_autoptr(GPtrArray) files = render (fixture, options);
  SeismoMarkdownFile *file;
  g_auto(Parsed) parsed = { 0 };

  g_assert_cmpuint (files->len, ==, 1);
  file = g_ptr_array_index (files, 0);
  g_assert_null (file->name);
  g_assert_cmpuint (file->n_notes, ==, 7);
  check_golden ("single.md", file->text->str);

  parse (file->text->str, &parsed);
  assert_has (parsed.headings, "1 Companies");
  assert_has (parsed.headings, "2 DeepSeek");
  assert_has (parsed.headings, "1 Own heading"); /* the NVIDIA note's own, as written */
  assert_has (parsed.headings, "1 Events");
  for (guint i = 0; event_headings[i] != NULL; i++)
    {
      g_autofree char *wanted = g_strconcat ("2 ", event_headings[i], NULL);

      assert_has (parsed.headings, wanted);
    }
  assert_has (parsed.headings, "3 Open questions");
  assert_has (parsed.links, "https://a.example/r1 DeepSeek-R1: *open* weights");
  assert_has (parsed.links, "https://b.example/news/r1 (live) R1 [live]");
  /* The removed source's link, from events.links. */
  assert_has (parsed.links, "https://c.example/distill Gone Daily");
  g_assert_nonnull (strstr (parsed.text->str,
                            "2025-01-27 · DeepSeek, NVIDIA · #market\n"));
  g_assert_nonnull (strstr (parsed.text->str, "Answer to R1 | pricing matters.\n"));
  assert_note_kept (file->text->str, "Cost claim is for the final run only.\n\n"
                                     "### Open questions\n\n- distillation?\n");
}

typedef struct
{
  const char          *golden;
  SeismoMarkdownGroup  group;
  const char          *company;
  const char          *tag;
  gint64               since;
  gint64               until;
  const char * const  *headings;   /* that must be there */
  const char * const  *absent;     /* that must not */
} Case;

static const Case cases[] = {
  { "group-company.md", SEISMO_MARKDOWN_GROUP_COMPANY, NULL, NULL,
    SEISMO_FILTER_NO_DATE, SEISMO_FILTER_NO_DATE,
    LIST ("1 DeepSeek", "1 NVIDIA", "1 OpenAI", "1 The White House", "1 No company",
          "2 NVIDIA loses 17% in a day", "2 A week of *noise*"),
    LIST ("1 Companies", "1 Events") },
  { "group-tag.md", SEISMO_MARKDOWN_GROUP_TAG, NULL, NULL,
    SEISMO_FILTER_NO_DATE, SEISMO_FILTER_NO_DATE,
    LIST ("1 Companies", "1 market", "1 model-release", "1 policy", "1 No tag",
          "2 OpenAI ships o3-mini"),
    LIST ("1 Events") },
  { "group-month.md", SEISMO_MARKDOWN_GROUP_MONTH, NULL, NULL,
    SEISMO_FILTER_NO_DATE, SEISMO_FILTER_NO_DATE,
    LIST ("1 January 2025", "1 February 2025", "2 OpenAI ships o3-mini"),
    LIST ("1 Events") },
  { "filter-company.md", SEISMO_MARKDOWN_GROUP_NONE, "nvidia", NULL,
    SEISMO_FILTER_NO_DATE, SEISMO_FILTER_NO_DATE,
    LIST ("2 NVIDIA", "2 NVIDIA loses 17% in a day"),
    LIST ("2 DeepSeek", "2 DeepSeek releases DeepSeek-R1") },
  { "filter-tag.md", SEISMO_MARKDOWN_GROUP_NONE, NULL, "model-release",
    SEISMO_FILTER_NO_DATE, SEISMO_FILTER_NO_DATE,
    LIST ("2 DeepSeek", "2 DeepSeek releases DeepSeek-R1", "2 OpenAI ships o3-mini"),
    LIST ("2 NVIDIA", "2 NVIDIA loses 17% in a day") },
  { "date-range.md", SEISMO_MARKDOWN_GROUP_NONE, NULL, NULL,
    T0 + 7 * DAY, T0 + 10 * DAY,
    LIST ("2 NVIDIA loses 17% in a day", "2 White House looks at distillation", "2 DeepSeek"),
    LIST ("2 DeepSeek releases DeepSeek-R1", "2 OpenAI ships o3-mini", "2 OpenAI") },
};

static void
test_options (Fixture       *fixture,
              gconstpointer  data)
{
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      const Case *test = &cases[c];
      g_autoptr(SeismoMarkdownOptions) options = options_new ();
      g_autoptr(GPtrArray) files = NULL;
      g_auto(Parsed) parsed = { 0 };
      SeismoMarkdownFile *file;

      g_test_message ("%s", test->golden);
      options->group = test->group;
      options->company = g_strdup (test->company);
      options->tag = g_strdup (test->tag);
      options->since = test->since;
      options->until = test->until;
      files = render (fixture, options);
      g_assert_cmpuint (files->len, ==, 1);
      file = g_ptr_array_index (files, 0);
      check_golden (test->golden, file->text->str);

      parse (file->text->str, &parsed);
      for (guint i = 0; test->headings[i] != NULL; i++)
        assert_has (parsed.headings, test->headings[i]);
      for (guint i = 0; test->absent[i] != NULL; i++)
        g_assert_false (has (parsed.headings, test->absent[i]));
    }
}

static char *
read_file (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static int
compare_names (const void *a,
               const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* A folder's entries, sorted, hidden ones (temporary files) included. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
test_split (Fixture       *fixture,
            gconstpointer  data)
{
  static const char * const names[] = {
    "deepseek.md", "no-company.md", "nvidia.md", "openai.md", "us-whitehouse.md", NULL
  };
  g_autoptr(SeismoMarkdownOptions) options = options_new ();
  g_autofree char *out = g_build_filename (fixture->dir, "vault", "notes", NULL);
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;
  guint n_notes = 0, n_files = 0;

  options->split = TRUE;
  g_assert_true (seismo_markdown_export (fixture->store, options, out, &n_notes, &n_files,
                                         &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_files, ==, 5);
  g_assert_cmpuint (n_notes, ==, 7);
  listing = list_dir (out);
  g_assert_cmpstr (listing, ==,
                   "deepseek.md no-company.md nvidia.md openai.md us-whitehouse.md");

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *text = read_file (out, names[i]);
      g_autofree char *golden = g_strconcat ("split/", names[i], NULL);
      g_auto(Parsed) parsed = { 0 };

      check_golden (golden, text);
      g_assert_true (g_str_has_prefix (text, "---\ntitle: \""));
      g_assert_nonnull (strstr (text, "\ngenerated: 2025-02-06T00:00:00Z\n---\n\n# "));
      parse (text, &parsed);
      /* Front matter is a thematic break and a setext heading to CommonMark. */
      g_assert_cmpuint (parsed.headings->len, >=, 2);
    }

  {
    g_autofree char *deepseek = read_file (out, "deepseek.md");
    g_auto(Parsed) parsed = { 0 };

    g_assert_nonnull (strstr (deepseek, "tags:\n  - \"market\"\n  - \"model-release\"\n"
                                        "  - \"policy\"\n"));
    g_assert_nonnull (strstr (deepseek, "companies:\n  - \"DeepSeek\"\n  - \"NVIDIA\"\n"
                                        "  - \"The White House\"\n"));
    g_assert_nonnull (strstr (deepseek, "date_from: 2025-01-20\ndate_to: 2025-01-29\n"));
    parse (deepseek, &parsed);
    assert_has (parsed.headings, "1 DeepSeek");
    assert_has (parsed.headings, "2 NVIDIA loses 17% in a day");
    g_assert_false (has (parsed.headings, "2 OpenAI ships o3-mini"));
    g_assert_nonnull (strstr (parsed.text->str, "Watch the API prices.\n"));
  }

  /* Grouped by month inside each company's file; one company only. */
  {
    g_autoptr(SeismoMarkdownOptions) monthly = options_new ();
    g_autofree char *dir = g_build_filename (fixture->dir, "monthly", NULL);
    g_autofree char *text = NULL;
    g_autofree char *only = NULL;

    monthly->split = TRUE;
    monthly->group = SEISMO_MARKDOWN_GROUP_MONTH;
    monthly->company = g_strdup ("deepseek");
    g_assert_true (seismo_markdown_export (fixture->store, monthly, dir, NULL, NULL, &error));
    g_assert_no_error (error);
    only = list_dir (dir);
    g_assert_cmpstr (only, ==, "deepseek.md");
    text = read_file (dir, "deepseek.md");
    check_golden ("split-month/deepseek.md", text);
    g_assert_nonnull (strstr (text, "\n## January 2025\n\n### DeepSeek releases DeepSeek-R1\n"));
  }
}

/* Titles with every character CommonMark might read as markup come back
 * from the parser as they were. */
static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char * const titles[] = {
    "Stars *and* _under_scores_ **bold** __too__",
    "[Brackets] and ![an image](x.png) and [a link](https://x.example)",
    "C# and F# #",
    "# Leading hash",
    "Back\\slash \\* and `code` and ``two``",
    "<b>HTML</b> & &amp; &#38; &copy; entities",
    "Pipes | in | titles",
    "~~strike~~ and snake_case_name and _x_",
    "1. Not a list",
    "- not a list either",
    "> not a quote",
    "Mixed * _ [ ] # \\ ` < > | all",
    "Ends with a backslash \\",
    "Ends_",
    "_Starts",
    "Tabs\tand\tdollars $5B to $10B",
    "Emoji 🚀 and “quotes” and ü",
    NULL
  };
  g_autoptr(SeismoMarkdownOptions) options = options_new ();
  g_autoptr(GPtrArray) files = NULL;
  g_auto(Parsed) parsed = { 0 };
  SeismoMarkdownFile *file;

  for (guint i = 0; titles[i] != NULL; i++)
    {
      g_autofree char *url = g_strdup_printf ("https://t.example/%u", i);

      add_event (fixture->store, titles[i], T0 + 20 * DAY + i, LIST ("openai"),
                 LIST ("model-release"), "Note.", fixture->source_a, url, titles[i], (gint64) 0);
    }
  options->since = T0 + 20 * DAY;
  files = render (fixture, options);
  file = g_ptr_array_index (files, 0);
  parse (file->text->str, &parsed);
  for (guint i = 0; titles[i] != NULL; i++)
    {
      g_autofree char *spaced = g_strdelimit (g_strdup (titles[i]), "\t", ' ');
      g_autofree char *heading = g_strconcat ("2 ", spaced, NULL);
      g_autofree char *link = g_strdup_printf ("https://t.example/%u %s", i, spaced);

      assert_has (parsed.headings, heading);
      assert_has (parsed.links, link);
    }
}

/* Destinations with spaces, parentheses, brackets, backslashes and
 * references stay links to the same address. */
static void
test_links (Fixture       *fixture,
            gconstpointer  data)
{
  static const struct { const char *url; const char *parsed; } links[] = {
    { "https://l.example/a b", "https://l.example/a b" },
    { "https://l.example/wiki/Foo_(bar)", "https://l.example/wiki/Foo_(bar)" },
    { "https://l.example/a)b(c", "https://l.example/a)b(c" },
    { "https://l.example/<tag>", "https://l.example/%3Ctag%3E" },
    { "https://l.example/back\\slash\\*", "https://l.example/back\\slash\\*" },
    { "https://l.example/?a=1&amp;b=2&copy;&#38;", "https://l.example/?a=1&%61mp;b=2&%63opy;&#%338;" },
    { "https://l.example/x?q=a&b", "https://l.example/x?q=a&b" },
    { "https://l.example/new\nline", "https://l.example/new%0Aline" },
    { "https://l.example/naïve [1]", "https://l.example/naïve [1]" },
  };
  g_autoptr(SeismoMarkdownOptions) options = options_new ();
  g_autoptr(GPtrArray) files = NULL;
  g_auto(Parsed) parsed = { 0 };
  gint64 event_id;

  event_id = add_event (fixture->store, "Links", T0 + 30 * DAY, NULL, NULL, "Note.", (gint64) 0);
  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      g_autofree char *guid = g_strdup_printf ("link-%u", i);
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (_seismo_store_insert_item (fixture->store, fixture->source_a, event_id,
                                                  guid, links[i].url, NULL, "Text", NULL, NULL,
                                                  T0 + i, G_MININT64, &error), >, 0);
    }
  options->since = T0 + 30 * DAY;
  files = render (fixture, options);
  parse (((SeismoMarkdownFile *) g_ptr_array_index (files, 0))->text->str, &parsed);
  g_assert_cmpuint (parsed.links->len, ==, G_N_ELEMENTS (links));
  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      g_autofree char *wanted = g_strdup_printf ("%s Text", links[i].parsed);

      assert_has (parsed.links, wanted);
    }
}

/* Notes that would swallow or join what follows them are kept as written,
 * and the next event's heading is still a heading. */
static void
test_notes_as_written (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char * const notes[] = {
    "Unclosed fence:\n\n```c\nint x;\n",
    "Unclosed tilde fence\n~~~~\n# not a heading\n",
    "A comment <!-- never closed\n\n# still in it\n",
    "<!-- a comment that\n\nruns on",
    "<pre>\nraw\n\n# raw too\n",
    "    indented code first\n",
    "- a list first\n- continues\n",
    "* another list\n",
    "- ```\n  fenced in a list item\n  ```\n\nafter\n",
    "> ```\n> quoted fence\n",
    "<div>\n```\n</div>\n",
    "Text\n```\nfence after text\n```\n```\nsecond open\n",
    "# My own H1\n\n## And H2\n\ntext\n",
    "1. ordered\n2. list\n",
    "Trailing backslash\\",
    "Setext?\n---",
    "CRLF line\r\nendings\r\n",
    NULL
  };
  g_autoptr(SeismoMarkdownOptions) options = options_new ();
  g_autoptr(GPtrArray) files = NULL;
  g_auto(Parsed) parsed = { 0 };
  const char *text;

  for (guint i = 0; notes[i] != NULL; i++)
    {
      g_autofree char *title = g_strdup_printf ("Event %02u", i);
      g_autofree char *url = g_strdup_printf ("https://n.example/%u", i);

      add_event (fixture->store, title, T0 + 40 * DAY + i, NULL, NULL, notes[i],
                 fixture->source_a, url, title, (gint64) 0);
    }
  options->since = T0 + 40 * DAY;
  files = render (fixture, options);
  text = ((SeismoMarkdownFile *) g_ptr_array_index (files, 0))->text->str;
  parse (text, &parsed);
  for (guint i = 0; notes[i] != NULL; i++)
    {
      g_autofree char *heading = g_strdup_printf ("2 Event %02u", i);
      g_autofree char *link = g_strdup_printf ("https://n.example/%u Event %02u", i, i);

      assert_has (parsed.headings, heading);
      assert_has (parsed.links, link);
      assert_note_kept (text, notes[i]);
    }
  /* The guard touches no note that closes what it opens. */
  for (guint i = 0; notes[i] != NULL; i++)
    {
      g_autofree char *closer = _seismo_markdown_unclosed (notes[i]);

      g_test_message ("note %u closer %s", i, closer != NULL ? closer : "(none)");
    }
  g_assert_null (_seismo_markdown_unclosed ("- ```\n  code\n  ```\n"));
  g_assert_null (_seismo_markdown_unclosed ("<div>\n```\n</div>\n"));
  g_assert_null (_seismo_markdown_unclosed ("```\ncode\n```\n"));
  g_assert_null (_seismo_markdown_unclosed ("    ```\n"));
  {
    g_autofree char *closer = _seismo_markdown_unclosed ("````\n```\n");

    g_assert_cmpstr (closer, ==, "````");
  }
}

static void
test_yaml (void)
{
  static const struct { const char *text; const char *yaml; } yaml_cases[] = {
    { "plain", "\"plain\"" },
    { "say \"hi\"", "\"say \\\"hi\\\"\"" },
    { "back\\slash", "\"back\\\\slash\"" },
    { "---\nkey: value # x", "\"---\\nkey: value # x\"" },
    { "&anchor *alias !tag", "\"&anchor *alias !tag\"" },
    { "tab\tbell\a", "\"tab\\tbell\\x07\"" },
    { "line\u2028sep", "\"line\\u2028sep\"" },
    { "ünïcode", "\"ünïcode\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (yaml_cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      seismo_markdown_append_yaml_string (out, yaml_cases[i].text);
      g_assert_cmpstr (out->str, ==, yaml_cases[i].yaml);
    }
}

static void
add_many_notes (Fixture *fixture,
                guint    n)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (seismo_store_begin (fixture->store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("Bulk event %05u with *stars* and [brackets]", i);
      g_autofree char *url = g_strdup_printf ("https://bulk.example/%u", i);
      g_autofree char *note = g_strdup_printf ("Note %u.\n\n- a point\n- another\n", i);
      gint64 event_id = _seismo_store_new_event (fixture->store, title, NULL, NULL,
                                                 T0 + 100 * DAY + i * 60, SEISMO_DATED_EXACT,
                                                 &error);

      g_assert_cmpint (_seismo_store_insert_item (fixture->store, fixture->source_a, event_id, url,
                                                  url, url, title, NULL, NULL, T0, G_MININT64,
                                                  &error), >, 0);
      g_assert_true (_seismo_store_link_auto (fixture->store, FALSE, event_id,
                                              _seismo_store_company_id (fixture->store,
                                                                        i % 2 ? "openai" : "nvidia",
                                                                        NULL),
                                              &error));
      g_assert_true (seismo_store_set_note (fixture->store, event_id, NULL, note, &error));
    }
  g_assert_true (seismo_store_commit (fixture->store, &error));
  g_assert_no_error (error);
}

static void
test_ten_thousand (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(SeismoMarkdownOptions) options = options_new ();
  g_autofree char *path = g_build_filename (fixture->dir, "all.md", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Parsed) parsed = { 0 };
  gint64 start;
  guint n_notes = 0, h2 = 0;

  add_many_notes (fixture, 10000);
  options->since = T0 + 100 * DAY;
  start = g_get_monotonic_time ();
  g_assert_true (seismo_markdown_export (fixture->store, options, path, &n_notes, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("10,000 notes exported in %.3f s",
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  g_assert_cmpuint (n_notes, ==, 10001); /* and the NVIDIA company note */

  text = read_file (fixture->dir, "all.md");
  parse (text, &parsed);
  for (guint i = 0; i < parsed.headings->len; i++)
    h2 += g_str_has_prefix (g_ptr_array_index (parsed.headings, i), "2 Bulk event ");
  g_assert_cmpuint (h2, ==, 10000);
  g_assert_cmpuint (parsed.links->len, ==, 10000);
  assert_has (parsed.headings, "2 Bulk event 09999 with *stars* and [brackets]");
}

static void
test_bad_paths (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(SeismoMarkdownOptions) options = options_new ();
  g_autofree char *file = g_build_filename (fixture->dir, "plain.txt", NULL);
  g_autofree char *under_file = g_build_filename (file, "notes.md", NULL);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (file, "not a folder", -1, NULL));
  before = list_dir (fixture->dir);

  /* A file under a file: ENOTDIR, with the path in the message. */
  g_assert_false (seismo_markdown_export (fixture->store, options, under_file, NULL, NULL,
                                          &error));
  g_assert_error (error, SEISMO_MARKDOWN_ERROR, SEISMO_MARKDOWN_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, under_file));
  g_clear_error (&error);

  /* A folder where a file is wanted, a file where a folder is. */
  g_assert_false (seismo_markdown_export (fixture->store, options, fixture->dir, NULL, NULL,
                                          &error));
  g_assert_error (error, SEISMO_MARKDOWN_ERROR, SEISMO_MARKDOWN_ERROR_INVALID);
  g_clear_error (&error);
  options->split = TRUE;
  g_assert_false (seismo_markdown_export (fixture->store, options, file, NULL, NULL, &error));
  g_assert_error (error, SEISMO_MARKDOWN_ERROR, SEISMO_MARKDOWN_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (seismo_markdown_export_to_string (fixture->store, options, NULL, &error));
  g_assert_error (error, SEISMO_MARKDOWN_ERROR, SEISMO_MARKDOWN_ERROR_INVALID);
  g_clear_error (&error);

  /* Unknown filters are errors, not empty exports. */
  options->split = FALSE;
  options->company = g_strdup ("nosuch");
  g_assert_null (seismo_markdown_export_to_string (fixture->store, options, NULL, &error));
  g_assert_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&options->company, g_free);
  options->tag = g_strdup ("nosuch");
  g_assert_null (seismo_markdown_export_to_string (fixture->store, options, NULL, &error));
  g_assert_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Nothing was left behind. */
  after = list_dir (fixture->dir);
  g_assert_cmpstr (after, ==, before);
}

static void
test_existing_files (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(SeismoMarkdownOptions) options = options_new ();
  g_autofree char *out = g_build_filename (fixture->dir, "out", NULL);
  g_autofree char *nvidia = g_build_filename (out, "nvidia.md", NULL);
  g_autofree char *before = NULL, *after = NULL, *kept = NULL, *replaced = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (out, 0755), ==, 0);
  g_assert_true (g_file_set_contents (nvidia, "my edits in Obsidian\n", -1, NULL));
  before = list_dir (out);

  options->split = TRUE;
  g_assert_false (seismo_markdown_export (fixture->store, options, out, NULL, NULL, &error));
  g_assert_error (error, SEISMO_MARKDOWN_ERROR, SEISMO_MARKDOWN_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, nvidia));
  g_clear_error (&error);
  after = list_dir (out);
  g_assert_cmpstr (after, ==, before);
  kept = read_file (out, "nvidia.md");
  g_assert_cmpstr (kept, ==, "my edits in Obsidian\n");

  /* A folder in the way is refused even with overwrite. */
  options->overwrite = TRUE;
  {
    g_autofree char *blocker = g_build_filename (out, "openai.md", NULL);

    g_assert_cmpint (g_mkdir (blocker, 0755), ==, 0);
    g_assert_false (seismo_markdown_export (fixture->store, options, out, NULL, NULL, &error));
    g_assert_error (error, SEISMO_MARKDOWN_ERROR, SEISMO_MARKDOWN_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (g_rmdir (blocker), ==, 0);
  }

  g_assert_true (seismo_markdown_export (fixture->store, options, out, NULL, NULL, &error));
  g_assert_no_error (error);
  replaced = read_file (out, "nvidia.md");
  g_assert_true (g_str_has_prefix (replaced, "---\ntitle: \"NVIDIA\"\n"));

  /* A single file is replaced whole. */
  {
    g_autofree char *single = g_build_filename (fixture->dir, "single.md", NULL);
    g_autofree char *text = NULL;

    GStatBuf st;

    g_assert_true (g_file_set_contents (single, "old", -1, NULL));
    g_assert_cmpint (g_chmod (single, 0600), ==, 0);
    options->split = FALSE;
    g_assert_true (seismo_markdown_export (fixture->store, options, single, NULL, NULL, &error));
    g_assert_no_error (error);
    text = read_file (fixture->dir, "single.md");
    g_assert_true (g_str_has_prefix (text, "# Companies\n"));
    /* Private notes stay private. */
    g_assert_cmpint (g_stat (single, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
}

/* A write that fails half-way (here, a file size limit) leaves no
 * temporary file and no target behind. */
static void
test_failed_write (Fixture       *fixture,
                   gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autoptr(SeismoMarkdownOptions) options = options_new ();
      g_autofree char *out = g_build_filename (fixture->dir, "limited", NULL);
      g_autofree char *listing = NULL;
      g_autoptr(GError) error = NULL;
      struct rlimit limit = { 300, 300 };
      g_autofree char *big = g_strnfill (4096, 'x');

      g_assert_true (seismo_store_set_note (fixture->store, 0, "openai", big, &error));
      g_assert_cmpint (g_mkdir (out, 0755), ==, 0);
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      options->split = TRUE;
      g_assert_false (seismo_markdown_export (fixture->store, options, out, NULL, NULL, &error));
      g_assert_error (error, SEISMO_MARKDOWN_ERROR, SEISMO_MARKDOWN_ERROR_WRITE);
      listing = list_dir (out);
      g_assert_cmpstr (listing, ==, "");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_big_and_bad_notes (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(SeismoMarkdownOptions) options = options_new ();
  gsize size = 5 * 1024 * 1024;
  g_autofree char *big = g_malloc (size + 1);
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(SeismoNote) note = NULL;
  g_autoptr(GError) error = NULL;
  const char *text;
  gint64 event_id;

  /* 5 MB of Markdown lines, kept whole. */
  for (gsize i = 0; i < size; i++)
    big[i] = i % 64 == 63 ? '\n' : "abcdefghij *x* "[i % 15];
  big[size] = '\0';
  event_id = add_event (fixture->store, "Big note", T0 + 50 * DAY, NULL, NULL, big,
                        (gint64) 0);
  options->since = T0 + 50 * DAY;
  files = render (fixture, options);
  text = ((SeismoMarkdownFile *) g_ptr_array_index (files, 0))->text->str;
  g_assert_nonnull (strstr (text, big));

  /* Invalid UTF-8 is refused and the note stays as it was. */
  g_assert_false (seismo_store_set_note (fixture->store, event_id, NULL, "bad \xc3\x28", &error));
  g_assert_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (seismo_store_get_note (fixture->store, event_id, NULL, &note, &error));
  g_assert_cmpstr (seismo_note_get_body (note), ==, big);
}

/* The store's side of issue 5: a note keeps its times, is searchable, and
 * outlives its event's items with the event's title, date and links. */
static void
test_note_survives (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(SeismoNote) note = NULL;
  g_autoptr(GError) error = NULL;
  SeismoExportNote *kept = NULL;
  gint64 event_id, created;

  event_id = add_event (fixture->store, "Open-R1 reproduces R1", T0 + 60 * DAY,
                        LIST ("deepseek"), LIST ("model-release"), "First *draft*.",
                        fixture->source_b, "https://b.example/open-r1", "Open-R1",
                        (gint64) 0);
  g_assert_true (seismo_store_get_note (fixture->store, event_id, NULL, &note, &error));
  created = seismo_note_get_created (note);
  g_assert_cmpint (created, >, 0);
  g_assert_cmpint (seismo_note_get_updated (note), >=, created);
  g_clear_object (&note);
  run_sql (fixture->store, "UPDATE notes SET created = created - 100, updated = updated - 100");
  g_assert_true (seismo_store_set_note (fixture->store, event_id, NULL, "Second *draft*.\n",
                                        &error));
  g_assert_true (seismo_store_get_note (fixture->store, event_id, NULL, &note, &error));
  g_assert_cmpint (seismo_note_get_created (note), ==, created - 100);
  g_assert_cmpint (seismo_note_get_updated (note), >, created - 100);
  g_assert_cmpstr (seismo_note_get_body (note), ==, "Second *draft*.\n");

  /* The source goes; the note, the event's title and date, and the link stay. */
  g_assert_true (seismo_store_remove_source (fixture->store, fixture->source_b, &error));
  g_assert_no_error (error);
  found = seismo_store_list_notes (fixture->store, "Open-R1 second", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (seismo_note_get_event_id (g_ptr_array_index (found, 0)), ==, event_id);

  notes = seismo_store_list_export_notes (fixture->store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < notes->len; i++)
    if (((SeismoExportNote *) g_ptr_array_index (notes, i))->event_id == event_id)
      kept = g_ptr_array_index (notes, i);
  g_assert_nonnull (kept);
  g_assert_cmpstr (kept->subject, ==, "Open-R1 reproduces R1");
  g_assert_cmpint (kept->date, ==, T0 + 60 * DAY);
  g_assert_cmpuint (kept->links->len, ==, 1);
  g_assert_cmpstr (((SeismoExportLink *) g_ptr_array_index (kept->links, 0))->url, ==,
                   "https://b.example/open-r1");
  g_assert_cmpstr (((SeismoExportLink *) g_ptr_array_index (kept->links, 0))->source, ==,
                   "Outlet [B]");
  g_assert_cmpstr (kept->tags[0], ==, "model-release");
  g_assert_cmpstr (kept->companies[0], ==, "deepseek");
}

typedef struct
{
  gboolean  finished;
  gboolean  ok;
  guint     n_notes;
  guint     n_files;
  GError   *error;
} Async;

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Async *async = user_data;

  async->ok = seismo_markdown_export_finish (SEISMO_STORE (source), result, &async->n_notes,
                                             &async->n_files, &async->error);
  async->finished = TRUE;
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(SeismoMarkdownOptions) options = options_new ();
  g_autofree char *path = g_build_filename (fixture->dir, "async.md", NULL);
  g_autofree char *text = NULL;
  Async async = { 0 };

  seismo_markdown_export_async (fixture->store, options, path, NULL, export_done_cb, &async);
  /* The options were copied: the caller may change or drop them. */
  g_clear_pointer (&options, seismo_markdown_options_free);
  while (!async.finished)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (async.error);
  g_assert_true (async.ok);
  g_assert_cmpuint (async.n_notes, ==, 7);
  g_assert_cmpuint (async.n_files, ==, 1);
  text = read_file (fixture->dir, "async.md");
  check_golden ("single.md", text);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/export/single", test_single);
  ADD ("/export/options", test_options);
  ADD ("/export/split", test_split);
  ADD ("/export/round-trip", test_round_trip);
  ADD ("/export/links", test_links);
  ADD ("/export/notes-as-written", test_notes_as_written);
  g_test_add_func ("/export/yaml", test_yaml);
  ADD ("/export/ten-thousand", test_ten_thousand);
  ADD ("/export/bad-paths", test_bad_paths);
  ADD ("/export/existing-files", test_existing_files);
  ADD ("/export/failed-write", test_failed_write);
  ADD ("/export/big-and-bad-notes", test_big_and_bad_notes);
  ADD ("/export/note-survives", test_note_survives);
  ADD ("/export/async", test_async);

  return g_test_run ();
}
