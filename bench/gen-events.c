/* gen-events.c — fill a database with N events, for the UI benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: gen-events DB N
 *
 * Writes N deterministic events (one item each, companies, tags, full-text
 * rows) spread over the last two years, straight into a new database: the
 * refresh pipeline is measured elsewhere (bench-refresh); this measures how
 * the window copes with a big timeline. The companies and tags are the
 * starter pack's; its 51 events are part of N.
 */

#include "config.h"

#include <stdlib.h>
#include <sqlite3.h>

#include "seismo-starter-pack.h"
#include "seismo-store-private.h"

static const char * const subjects[] = {
  "DeepSeek", "OpenAI", "NVIDIA", "Anthropic", "Google DeepMind", "Meta", "Microsoft", "Mistral AI",
  "Alibaba's Qwen team", "xAI", "Hugging Face", "AMD", "Perplexity", "Cohere", "Baidu",
};
static const char * const verbs[] = {
  "releases", "previews", "open-sources", "prices", "ships", "expands", "pauses", "benchmarks",
};
static const char * const objects[] = {
  "a reasoning model", "new GPU servers", "an agent platform", "its API", "a 70B open-weight model",
  "a coding assistant", "data-centre capacity", "a safety report", "a multimodal model",
};

int
main (int    argc,
      char **argv)
{
  g_autoptr(SeismoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 source_id, n, companies, tags;
  sqlite3_stmt *event, *item, *fts, *company, *tag;
  guint64 start = g_get_monotonic_time ();

  if (argc != 3 || (n = g_ascii_strtoll (argv[2], NULL, 10)) < 0)
    {
      g_printerr ("usage: gen-events DB N\n");
      return 2;
    }

  store = seismo_starter_pack_open_store (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("gen-events: %s\n", error->message);
      return 1;
    }
  if (n < 51)
    {
      /* Fewer than the starter pack: start from an empty timeline. */
      _seismo_store_exec (store, "DELETE FROM events; DELETE FROM events_fts; DELETE FROM items;",
                          NULL);
    }
  else
    n -= 51;

  _seismo_store_exec (store, "INSERT OR IGNORE INTO sources (url, kind, title, created)"
                             " VALUES ('https://bench.example/feed', 'rss', 'Bench Wire', 0)", NULL);
  sqlite3_prepare_v2 (store->db, "SELECT id FROM sources WHERE url = 'https://bench.example/feed'",
                      -1, &event, NULL);
  sqlite3_step (event);
  source_id = sqlite3_column_int64 (event, 0);
  sqlite3_finalize (event);
  sqlite3_prepare_v2 (store->db, "SELECT max (id) FROM companies", -1, &event, NULL);
  sqlite3_step (event);
  companies = sqlite3_column_int64 (event, 0);
  sqlite3_finalize (event);
  sqlite3_prepare_v2 (store->db, "SELECT max (id) FROM tags", -1, &event, NULL);
  sqlite3_step (event);
  tags = sqlite3_column_int64 (event, 0);
  sqlite3_finalize (event);

  sqlite3_prepare_v2 (store->db, "INSERT INTO events (title, summary, url, published, read, created)"
                                 " VALUES (?, ?, ?, ?, ?, 0)", -1, &event, NULL);
  sqlite3_prepare_v2 (store->db, "INSERT INTO items (source_id, event_id, guid, url, canonical_url,"
                                 " title, summary, published, fetched) VALUES (?, ?, ?, ?4, ?4, ?, ?, ?, 0)",
                      -1, &item, NULL);
  sqlite3_prepare_v2 (store->db, "INSERT INTO events_fts (rowid, title, body) VALUES (?, ?, ?)", -1,
                      &fts, NULL);
  sqlite3_prepare_v2 (store->db, "INSERT OR IGNORE INTO event_companies (event_id, company_id)"
                                 " VALUES (?, ?)", -1, &company, NULL);
  sqlite3_prepare_v2 (store->db, "INSERT OR IGNORE INTO event_tags (event_id, tag_id) VALUES (?, ?)",
                      -1, &tag, NULL);

  _seismo_store_exec (store, "BEGIN", NULL);
  for (gint64 i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("%s %s %s (%" G_GINT64_FORMAT ")",
                                                subjects[g_rand_int_range (rand, 0, G_N_ELEMENTS (subjects))],
                                                verbs[g_rand_int_range (rand, 0, G_N_ELEMENTS (verbs))],
                                                objects[g_rand_int_range (rand, 0, G_N_ELEMENTS (objects))],
                                                i);
      g_autofree char *url = g_strdup_printf ("https://bench.example/story/%" G_GINT64_FORMAT, i);
      const char *summary = "Analysts weigh what it means for inference demand, prices and the "
                            "open-weight race; the company gave no figures on training cost.";
      gint64 published = now - g_rand_int_range (rand, 0, 2 * 365 * 24 * 3600);
      gint64 id;

      sqlite3_reset (event);
      sqlite3_bind_text (event, 1, title, -1, SQLITE_STATIC);
      sqlite3_bind_text (event, 2, summary, -1, SQLITE_STATIC);
      sqlite3_bind_text (event, 3, url, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (event, 4, published);
      sqlite3_bind_int (event, 5, g_rand_int_range (rand, 0, 3) == 0);
      sqlite3_step (event);
      id = sqlite3_last_insert_rowid (store->db);

      sqlite3_reset (item);
      sqlite3_bind_int64 (item, 1, source_id);
      sqlite3_bind_int64 (item, 2, id);
      sqlite3_bind_text (item, 3, url, -1, SQLITE_STATIC);
      sqlite3_bind_text (item, 4, url, -1, SQLITE_STATIC);
      sqlite3_bind_text (item, 5, title, -1, SQLITE_STATIC);
      sqlite3_bind_text (item, 6, summary, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (item, 7, published);
      sqlite3_step (item);

      sqlite3_reset (fts);
      sqlite3_bind_int64 (fts, 1, id);
      sqlite3_bind_text (fts, 2, title, -1, SQLITE_STATIC);
      sqlite3_bind_text (fts, 3, summary, -1, SQLITE_STATIC);
      sqlite3_step (fts);

      for (int c = 0; c < 2; c++)
        {
          sqlite3_reset (company);
          sqlite3_bind_int64 (company, 1, id);
          sqlite3_bind_int64 (company, 2, 1 + g_rand_int_range (rand, 0, MIN (companies, 12)));
          sqlite3_step (company);
        }
      sqlite3_reset (tag);
      sqlite3_bind_int64 (tag, 1, id);
      sqlite3_bind_int64 (tag, 2, 1 + g_rand_int_range (rand, 0, (int) tags));
      sqlite3_step (tag);

      if (i % 50000 == 49999)
        {
          _seismo_store_exec (store, "COMMIT; BEGIN", NULL);
          g_printerr ("gen-events: %" G_GINT64_FORMAT " events\n", i + 1);
        }
    }
  _seismo_store_exec (store, "COMMIT", NULL);
  sqlite3_finalize (event);
  sqlite3_finalize (item);
  sqlite3_finalize (fts);
  sqlite3_finalize (company);
  sqlite3_finalize (tag);
  _seismo_store_exec (store, "PRAGMA wal_checkpoint (TRUNCATE);", NULL);

  g_printerr ("gen-events: %s holds %" G_GINT64_FORMAT " generated events (%.1f s)\n", argv[1], n,
              (g_get_monotonic_time () - start) / 1e6);
  return 0;
}
