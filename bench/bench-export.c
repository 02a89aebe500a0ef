/* bench-export.c — the Markdown export of 10,000 notes, median of several runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <glib/gstdio.h>

#include "seismo-markdown.h"
#include "seismo-starter-pack.h"
#include "seismo-store.h"

/* Budget (issue 5): 10,000 notes in at most 0.5 s, store query, rendering
 * and the write to disk included. The database is built once in a
 * temporary folder: notes of a few paragraphs, events with 1–3 items from
 * different sources, two companies and two tags each.
 *
 *   bench-export [--notes N] [--runs N] [--check] [--keep]
 *
 * prints the median of each kind of export; --check exits 1 when the plain
 * single-file export is over budget. */

#define BUDGET_SECONDS 0.5

static const char *const companies[] = { "openai", "deepseek", "nvidia", "anthropic", "google" };
static const char *const tags[] = { "model-release", "market", "policy", "research" };

static void
die (GError *error)
{
  fprintf (stderr, "bench-export: %s\n", error != NULL ? error->message : "failed");
  exit (2);
}

/* @expr sets the GError named error in the caller when it fails. */
#define CHECK(expr) G_STMT_START { if (!(expr)) die (error); } G_STMT_END

static gint64
add_source (SeismoStore *store,
            guint        i)
{
  g_autofree char *url = g_strdup_printf ("https://outlet%u.example/feed", i);
  g_autofree char *title = g_strdup_printf ("Outlet %u", i);
  g_autoptr(SeismoSource) source = seismo_source_new (url, "rss");
  GError *error = NULL;
  gint64 id;

  seismo_source_set_title (source, title);
  id = seismo_store_add_source (store, source, &error);
  CHECK (id > 0);
  return id;
}

/* Through the refresh's own entry point, so the rows are what a user has. */
static void
fill (SeismoStore *store,
      guint        n_notes)
{
  gint64 sources[3] = { add_source (store, 0), add_source (store, 1), add_source (store, 2) };
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(SeismoEventFilter) filter = seismo_event_filter_new ();
  GError *error = NULL;
  guint done = 0;

  for (guint s = 0; s < 3; s++)
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (
        (GDestroyNotify) seismo_ingest_item_free);

      for (guint i = s; i < n_notes; i++)
        {
          SeismoIngestItem *item;

          if (s > 0 && i % (s + 2) != 0)
            continue;
          item = seismo_ingest_item_new ();
          item->guid = g_strdup_printf ("https://outlet%u.example/story/%u", s, i);
          item->url = g_strdup_printf ("https://outlet%u.example/story/%u (live)", s, i);
          item->canonical_url = g_strdup_printf ("https://story.example/%u", i);
          item->title = g_strdup_printf ("Story %u: %s ships a *new* model [beta] — #%u", i,
                                         companies[i % G_N_ELEMENTS (companies)], i);
          item->summary = g_strdup ("A summary of the story, a sentence or two long.");
          item->published = 1737374400 + (gint64) i * 600 + s;
          item->tags = g_new0 (char *, 3);
          item->tags[0] = g_strdup (tags[i % G_N_ELEMENTS (tags)]);
          item->tags[1] = g_strdup (tags[(i + 1) % G_N_ELEMENTS (tags)]);
          g_ptr_array_add (items, item);
        }
      CHECK (seismo_store_ingest (store, sources[s], items, NULL, NULL, &error));
    }

  events = seismo_store_list_events (store, filter, NULL, 0, n_notes, &error);
  CHECK (events != NULL);
  CHECK (seismo_store_begin (store, &error));
  for (guint i = 0; i < events->len; i++, done++)
    {
      gint64 id = seismo_event_get_id (g_ptr_array_index (events, i));
      g_autofree char *note = g_strdup_printf (
        "Why it matters, note %u.\n\n"
        "## Claims\n\n- cost of the final run only\n- *not* the whole programme\n\n"
        "> quoted from the paper\n\n"
        "See [the report](https://example.com/report-%u) and compare with last quarter. "
        "Two more sentences to make this a realistic paragraph of a working note; "
        "most notes are a few hundred bytes.\n", i, i);

      CHECK (seismo_store_add_event_company (store, id, companies[i % 5], &error));
      CHECK (seismo_store_add_event_company (store, id, companies[(i + 2) % 5], &error));
      CHECK (seismo_store_set_note (store, id, NULL, note, &error));
    }
  for (guint c = 0; c < G_N_ELEMENTS (companies); c++)
    CHECK (seismo_store_set_note (store, 0, companies[c], "Company context.\n", &error));
  CHECK (seismo_store_commit (store, &error));
  if (done != n_notes)
    g_printerr ("bench-export: only %u events for %u notes\n", done, n_notes);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Wall-clock median; *cpu gets the median CPU time (user + system) of the
 * process, which a busy machine inflates less. */
static double
median_export (SeismoStore                 *store,
               const SeismoMarkdownOptions *options,
               const char                  *path,
               guint                        runs,
               double                      *cpu)
{
  g_autofree double *times = g_new (double, runs);
  g_autofree double *cpus = g_new (double, runs);

  for (guint r = 0; r < runs; r++)
    {
      gint64 start = g_get_monotonic_time ();
      clock_t cpu_start = clock ();
      GError *error = NULL;

      CHECK (seismo_markdown_export (store, options, path, NULL, NULL, &error));
      times[r] = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
      cpus[r] = (clock () - cpu_start) / (double) CLOCKS_PER_SEC;
    }
  qsort (times, runs, sizeof (double), compare_doubles);
  qsort (cpus, runs, sizeof (double), compare_doubles);
  *cpu = cpus[runs / 2];
  return times[runs / 2];
}

/* Where the time of one plain export goes. */
static void
phases (SeismoStore *store,
        const char  *path)
{
  g_autoptr(SeismoMarkdownOptions) options = seismo_markdown_options_new ();
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) files = NULL;
  GError *error = NULL;
  gint64 t0, t1, t2, t3;

  t0 = g_get_monotonic_time ();
  notes = seismo_store_list_export_notes (store, NULL, &error);
  CHECK (notes != NULL);
  t1 = g_get_monotonic_time ();
  files = seismo_markdown_render (notes, options);
  t2 = g_get_monotonic_time ();
  CHECK (seismo_markdown_write (files, path, TRUE, &error));
  t3 = g_get_monotonic_time ();
  printf ("  one file: read %.3f s, render %.3f s, write %.3f s (%.1f MB)\n",
          (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6,
          ((SeismoMarkdownFile *) g_ptr_array_index (files, 0))->text->len / 1e6);
}

int
main (int   argc,
      char *argv[])
{
  int n_notes = 10000, runs = 7;
  gboolean check_budget = FALSE, keep = FALSE;
  GOptionEntry entries[] = {
    { "notes", 0, 0, G_OPTION_ARG_INT, &n_notes, "Notes to export (10000)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs per kind of export (7)", "N" },
    { "check", 0, 0, G_OPTION_ARG_NONE, &check_budget, "Exit 1 over the 0.5 s budget", NULL },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the database and print its path", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(SeismoMarkdownOptions) options = seismo_markdown_options_new ();
  g_autoptr(SeismoStore) store = NULL;
  g_autofree char *dir = NULL, *db = NULL, *file = NULL, *folder = NULL;
  GError *error = NULL;
  double plain, wall, cpu;

  g_option_context_add_main_entries (context, entries, NULL);
  CHECK (g_option_context_parse (context, &argc, &argv, &error));
  if (n_notes < 1 || runs < 1)
    return 2;

  dir = g_dir_make_tmp ("bench-export-XXXXXX", &error);
  CHECK (dir != NULL);
  db = g_build_filename (dir, "bench.db", NULL);
  file = g_build_filename (dir, "notes.md", NULL);
  folder = g_build_filename (dir, "vault", NULL);
  /* The starter pack brings the companies. */
  store = seismo_starter_pack_open_store (db, &error);
  CHECK (store != NULL);
  fill (store, n_notes);

  plain = median_export (store, options, file, runs, &cpu);
  printf ("export of %d notes, one file:           median %.3f s (cpu %.3f s) of %d runs\n",
          n_notes, plain, cpu, runs);
  phases (store, file);
  options->group = SEISMO_MARKDOWN_GROUP_COMPANY;
  wall = median_export (store, options, file, runs, &cpu);
  printf ("export of %d notes, grouped by company: median %.3f s (cpu %.3f s)\n",
          n_notes, wall, cpu);
  options->group = SEISMO_MARKDOWN_GROUP_TAG;
  wall = median_export (store, options, file, runs, &cpu);
  printf ("export of %d notes, grouped by tag:     median %.3f s (cpu %.3f s)\n",
          n_notes, wall, cpu);
  options->group = SEISMO_MARKDOWN_GROUP_NONE;
  options->split = TRUE;
  options->overwrite = TRUE;
  wall = median_export (store, options, folder, runs, &cpu);
  printf ("export of %d notes, a file per company: median %.3f s (cpu %.3f s)\n",
          n_notes, wall, cpu);
  printf ("budget %.1f s: %s\n", BUDGET_SECONDS, plain <= BUDGET_SECONDS ? "met" : "MISSED");

  g_clear_object (&store);
  if (keep)
    {
      printf ("database kept: %s\n", db);
      return check_budget && plain > BUDGET_SECONDS ? 1 : 0;
    }
  {
    g_autoptr(GDir) handle = g_dir_open (folder, 0, NULL);
    const char *name;

    while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
      {
        g_autofree char *path = g_build_filename (folder, name, NULL);

        g_unlink (path);
      }
  }
  g_rmdir (folder);
  for (const char *const *suffix = (const char *const[]) { "", "-wal", "-shm", NULL }; *suffix;
       suffix++)
    {
      g_autofree char *path = g_strconcat (db, *suffix, NULL);

      g_unlink (path);
    }
  g_unlink (file);
  g_rmdir (dir);
  return check_budget && plain > BUDGET_SECONDS ? 1 : 0;
}
