/* test-cluster.c — event clustering and canonical URLs, measured on a labelled week
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include "seismo-cluster.h"
#include "seismo-matcher.h"
#include "seismo-url.h"

#define HOUR 3600
#define DAY  (24 * HOUR)

/* ---- canonical URLs ------------------------------------------------------ */

static const struct
{
  const char *in;
  const char *out;
} urls[] = {
  { "https://www.reuters.com/technology/x-2025-01-27/", "https://reuters.com/technology/x-2025-01-27" },
  { "HTTP://WWW.Example.COM:80/a/b/?utm_source=rss&id=3#top", "https://example.com/a/b?id=3" },
  { "https://example.com:443", "https://example.com" },
  { "https://example.com/", "https://example.com" },
  { "https://example.com:8443/x", "https://example.com:8443/x" },
  { "http://example.com./x", "https://example.com/x" },
  { "https://user:pw@example.com/x", "https://example.com/x" },
  { "https://example.com/p?b=2&utm_medium=email&a=1&fbclid=Iw", "https://example.com/p?b=2&a=1" },
  { "https://example.com/p?gclid=1&mc_cid=2&mc_eid=3&ref=hn&ref_src=twsrc&cmpid=4", "https://example.com/p" },
  { "https://example.com/p?ocid=x&sr_share=y&igshid=z&UTM_Campaign=w", "https://example.com/p" },
  { "https://example.com/p?id=1;utm_source=x", "https://example.com/p?id=1" },
  { "https://example.com/p?&&id=1&", "https://example.com/p?id=1" },
  { "https://example.com/p?", "https://example.com/p" },
  { "https://example.com/a%2fb", "https://example.com/a%2Fb" },
  { "https://example.com/search?q=deep+seek&page=2", "https://example.com/search?q=deep+seek&page=2" },
  { "https://www.cnbc.com/2025/01/27/x.html?__source=iosappshare%7Ccom.apple", "https://cnbc.com/2025/01/27/x.html" },
  { "https://[2001:db8::1]:443/x/", "https://[2001:db8::1]/x" },
  { "  https://example.com/x  ", "https://example.com/x" },
  { "https://www/x", "https://www/x" },
  { "mailto:news@example.com", "mailto:news@example.com" },
  { "urn:uuid:1234", "urn:uuid:1234" },
  { "not a url", "not a url" },
  { "", NULL },
  { NULL, NULL },
};

static void
test_canonical_url (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autofree char *got = seismo_canonical_url (urls[i].in);

      if (g_strcmp0 (got, urls[i].out) != 0)
        g_error ("“%s”: expected “%s”, got “%s”", urls[i].in, urls[i].out, got);
    }
  g_assert_true (seismo_url_is_tracking_param ("utm_anything"));
  g_assert_false (seismo_url_is_tracking_param ("id"));
}

/* ---- the labelled week ---------------------------------------------------- */

typedef struct
{
  char    *outlet;
  gint64   published;
  char    *url;
  char    *title;
  char    *summary;
  char   **companies;
  char    *cluster;
  gboolean heldout;
  gint64   event;
  GArray  *found; /* gint64 company ids */
} Headline;

static void
headline_free (gpointer data)
{
  Headline *h = data;

  g_free (h->outlet);
  g_free (h->url);
  g_free (h->title);
  g_free (h->summary);
  g_strfreev (h->companies);
  g_free (h->cluster);
  g_clear_pointer (&h->found, g_array_unref);
  g_free (h);
}

static SeismoMatcher *matcher;
static GPtrArray *slugs;

static void
load_companies (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  JsonArray *companies;

  path = g_build_filename (g_getenv ("SEISMO_DATA_DIR"), "starter", "companies.json", NULL);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);

  matcher = seismo_matcher_new ();
  slugs = g_ptr_array_new_with_free_func (g_free);
  companies = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (companies); i++)
    {
      JsonObject *company = json_array_get_object_element (companies, i);
      JsonArray *aliases = json_object_get_array_member (company, "aliases");

      g_ptr_array_add (slugs, g_strdup (json_object_get_string_member (company, "slug")));
      for (guint k = 0; k < json_array_get_length (aliases); k++)
        {
          JsonObject *alias = json_array_get_object_element (aliases, k);
          const char *text = json_object_get_string_member (alias, "text");
          const char *mode = json_object_get_string_member (alias, "mode");

          seismo_matcher_add (matcher, i + 1, text, mode, &error);
          g_assert_no_error (error);
        }
    }
  seismo_matcher_compile (matcher, &error);
  g_assert_no_error (error);
}

static int
compare_published (gconstpointer a,
                   gconstpointer b)
{
  const Headline *ha = *(Headline * const *) a, *hb = *(Headline * const *) b;

  return ha->published < hb->published ? -1 : (ha->published > hb->published ? 1 : 0);
}

/* Items published within a few hours of each other reach a refresh in
 * either order (feeds are polled at different times): @jitter_seed > 0
 * swaps such neighbours at random. */
static void
jitter_order (GPtrArray *all,
              guint      jitter_seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (jitter_seed);

  for (guint i = 0; i < all->len; i++)
    for (guint j = i + 1; j < all->len; j++)
      {
        Headline *a = all->pdata[i], *b = all->pdata[j];

        if (b->published - a->published < 6 * HOUR && g_rand_boolean (rand))
          {
            all->pdata[i] = b;
            all->pdata[j] = a;
          }
      }
}

static GPtrArray *
load_headlines (gboolean with_heldout,
                guint    jitter_seed)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GPtrArray *all = g_ptr_array_new_with_free_func (headline_free);
  JsonArray *items;

  path = g_build_filename (g_getenv ("SEISMO_TESTS_DIR"), "fixtures", "headlines.json", NULL);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);

  items = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *o = json_array_get_object_element (items, i);
      JsonArray *companies = json_object_get_array_member (o, "companies");
      g_autoptr(GDateTime) when = NULL;
      Headline *h;

      if (!with_heldout && json_object_get_boolean_member_with_default (o, "heldout", FALSE))
        continue;
      h = g_new0 (Headline, 1);
      when = g_date_time_new_from_iso8601 (json_object_get_string_member (o, "published"), NULL);
      g_assert_nonnull (when);
      h->published = g_date_time_to_unix (when);
      h->outlet = g_strdup (json_object_get_string_member (o, "outlet"));
      h->url = g_strdup (json_object_get_string_member (o, "url"));
      h->title = g_strdup (json_object_get_string_member (o, "title"));
      h->summary = g_strdup (json_object_get_string_member_with_default (o, "summary", ""));
      h->cluster = g_strdup (json_object_get_string_member (o, "cluster"));
      h->heldout = json_object_get_boolean_member_with_default (o, "heldout", FALSE);
      h->companies = g_new0 (char *, json_array_get_length (companies) + 1);
      for (guint k = 0; k < json_array_get_length (companies); k++)
        h->companies[k] = g_strdup (json_array_get_string_element (companies, k));
      g_ptr_array_add (all, h);
    }
  /* the order a refresh would see them in */
  g_ptr_array_sort (all, compare_published);
  if (jitter_seed > 0)
    jitter_order (all, jitter_seed);
  return all;
}

/* Runs matcher and clusterer over the headlines as the refresh pipeline
 * would: match, canonicalise, find, add under the found or a new id. */
static void
run_pipeline (SeismoCluster *cluster,
              GPtrArray     *all,
              gint64        *next_id)
{
  for (guint i = 0; i < all->len; i++)
    {
      Headline *h = all->pdata[i];
      g_autofree char *canonical = seismo_canonical_url (h->url);
      double score = 0;

      h->found = seismo_matcher_match (matcher, h->title, h->summary);
      h->event = seismo_cluster_find_full (cluster, h->published, (gint64 *) h->found->data,
                                           h->found->len, canonical, h->title, h->summary, &score);
      if (g_test_verbose ())
        g_test_message ("%-18s %.2f %s %-36.36s | %s", h->cluster, score,
                        h->event != 0 ? "joins" : "new  ", h->outlet, h->title);
      if (h->event == 0)
        h->event = (*next_id)++;
      seismo_cluster_add (cluster, h->event, h->published, (gint64 *) h->found->data,
                          h->found->len, canonical, h->title, h->summary);
    }
}

typedef struct
{
  double precision;
  double recall;
} Figures;

/* heldout FALSE: every pair; TRUE: only pairs with a held-out item. */
static Figures
pairwise (GPtrArray *all,
          gboolean   heldout,
          gboolean   explain)
{
  guint tp = 0, fp = 0, fn = 0;

  for (guint i = 0; i < all->len; i++)
    for (guint j = i + 1; j < all->len; j++)
      {
        const Headline *a = all->pdata[i], *b = all->pdata[j];
        gboolean same_gold = strcmp (a->cluster, b->cluster) == 0;
        gboolean same_found = a->event == b->event;

        if (heldout && !a->heldout && !b->heldout)
          continue;
        if (same_gold && same_found)
          tp++;
        else if (same_found)
          {
            fp++;
            if (explain)
              g_test_message ("wrongly joined: [%s] %s  +  [%s] %s", a->cluster, a->title, b->cluster,
                            b->title);
          }
        else if (same_gold)
          {
            fn++;
            if (explain)
              g_test_message ("missed: [%s] %s  +  %s", a->cluster, a->title, b->title);
          }
      }
  return (Figures) { tp + fp > 0 ? (double) tp / (tp + fp) : 1.0,
                     tp + fn > 0 ? (double) tp / (tp + fn) : 1.0 };
}

static gboolean
strv_has (char       **strv,
          const char  *s)
{
  return strv != NULL && g_strv_contains ((const char * const *) strv, s);
}

/* Micro-averaged over (headline, company) pairs. */
static Figures
company_figures (GPtrArray *all,
                 gboolean   heldout)
{
  guint tp = 0, fp = 0, fn = 0;

  for (guint i = 0; i < all->len; i++)
    {
      const Headline *h = all->pdata[i];

      if (h->heldout != heldout)
        continue;
      for (guint k = 0; k < h->found->len; k++)
        {
          const char *slug = slugs->pdata[g_array_index (h->found, gint64, k) - 1];

          if (strv_has (h->companies, slug))
            tp++;
          else
            {
              fp++;
              g_test_message ("extra company %s: %s", slug, h->title);
            }
        }
      for (guint k = 0; h->companies[k] != NULL; k++)
        {
          gboolean found = FALSE;

          for (guint m = 0; m < h->found->len && !found; m++)
            found = strcmp (slugs->pdata[g_array_index (h->found, gint64, m) - 1],
                            h->companies[k]) == 0;
          if (found)
            continue;
          fn++;
          g_test_message ("missed company %s: %s", h->companies[k], h->title);
        }
    }
  return (Figures) { tp + fp > 0 ? (double) tp / (tp + fp) : 1.0,
                     tp + fn > 0 ? (double) tp / (tp + fn) : 1.0 };
}

static Figures
cluster_run (gboolean   with_heldout,
             guint      jitter_seed,
             gboolean   explain,
             Figures   *companies,
             guint     *n_headlines)
{
  g_autoptr(GPtrArray) all = load_headlines (with_heldout, jitter_seed);
  g_autoptr(SeismoCluster) cluster = seismo_cluster_new ();
  gint64 next_id = 1;
  Figures f;

  run_pipeline (cluster, all, &next_id);
  f = pairwise (all, with_heldout, explain);
  if (companies != NULL)
    *companies = company_figures (all, with_heldout);
  if (n_headlines != NULL)
    *n_headlines = all->len;
  return f;
}

static void
test_labelled_week (void)
{
  Figures clus, comp, held_clus, held_comp;
  guint n, n_all;

  clus = cluster_run (FALSE, 0, TRUE, &comp, &n);
  g_assert_cmpuint (n, >=, 60);
  g_print ("# clustering precision %.2f recall %.2f (pairwise, %u headlines)\n",
           clus.precision, clus.recall, n);
  g_print ("# company matching precision %.2f recall %.2f (micro, headline x company)\n",
           comp.precision, comp.recall);

  /* a sanity check on headlines written after tuning: reported, not asserted */
  held_clus = cluster_run (TRUE, 0, TRUE, &held_comp, &n_all);
  g_print ("# held-out (%u headlines): clustering precision %.2f recall %.2f "
           "(pairs with a held-out item); companies precision %.2f recall %.2f\n",
           n_all - n, held_clus.precision, held_clus.recall, held_comp.precision,
           held_comp.recall);

  g_assert_cmpfloat (clus.precision, >=, 0.90);
  g_assert_cmpfloat (clus.recall, >=, 0.90);
  g_assert_cmpfloat (comp.precision, >=, 0.90);
  g_assert_cmpfloat (comp.recall, >=, 0.90);
}

/* The same week in ten plausible arrival orders: the figures must not hang
 * on one lucky order. */
static void
test_arrival_order (void)
{
  Figures worst = { 1, 1 }, sum = { 0, 0 };
  const guint n_orders = 10;

  for (guint seed = 1; seed <= n_orders; seed++)
    {
      Figures f = cluster_run (FALSE, seed, FALSE, NULL, NULL);

      worst.precision = MIN (worst.precision, f.precision);
      worst.recall = MIN (worst.recall, f.recall);
      sum.precision += f.precision;
      sum.recall += f.recall;
    }
  g_print ("# arrival orders (%u): clustering precision mean %.2f worst %.2f, "
           "recall mean %.2f worst %.2f\n", n_orders, sum.precision / n_orders,
           worst.precision, sum.recall / n_orders, worst.recall);
  g_assert_cmpfloat (worst.precision, >=, 0.85);
  g_assert_cmpfloat (worst.recall, >=, 0.85);
}

/* ---- behaviour ------------------------------------------------------------ */

static const gint64 OPENAI = 1, NVIDIA = 2, DEEPSEEK = 3;
static const gint64 T0 = 1737936000; /* 2025-01-27 00:00 UTC */

/* The two pairs from the brief, in a fresh index. */
static void
test_examples (void)
{
  g_autoptr(SeismoCluster) c = seismo_cluster_new ();
  const gint64 nv_ds[] = { NVIDIA, DEEPSEEK }, oa[] = { OPENAI };
  gint64 found;

  seismo_cluster_add (c, 1, T0 + 14 * HOUR, nv_ds, 2, "https://a.example/1",
                      "DeepSeek's R1 rattles Nvidia",
                      "Shares of the chipmaker slid as investors weighed whether DeepSeek's cheap R1 "
                      "model means less demand for its GPUs.");
  found = seismo_cluster_find (c, T0 + 20 * HOUR, nv_ds, 2, "https://b.example/2",
                               "Nvidia shares plunge 17% as DeepSeek model spooks investors",
                               "The sell-off wiped almost $600 billion off Nvidia's market value.");
  g_assert_cmpint (found, ==, 1);

  seismo_cluster_add (c, 2, T0 + 38 * HOUR, oa, 1, "https://a.example/3",
                      "OpenAI launches ChatGPT Gov",
                      "A version of ChatGPT for US government agencies, hosted in their own Azure cloud.");
  found = seismo_cluster_find (c, T0 + 4 * DAY, oa, 1, "https://b.example/4",
                               "OpenAI releases o3-mini",
                               "The new small reasoning model is available in ChatGPT and the API.");
  g_assert_cmpint (found, ==, 0);
}

static void
test_url_and_window (void)
{
  g_autoptr(SeismoCluster) c = seismo_cluster_new ();
  const gint64 ds[] = { DEEPSEEK };
  const char *title = "DeepSeek limits registrations after large-scale malicious attacks";
  const char *summary = "Existing users can still log in, the Hangzhou company said.";

  seismo_cluster_add (c, 7, T0, ds, 1, "https://x.example/a", title, summary);
  /* the same URL joins whatever the words */
  g_assert_cmpint (seismo_cluster_find (c, T0 + HOUR, NULL, 0, "https://x.example/a",
                                        "Something else entirely", NULL), ==, 7);
  /* the same words join within the window, not after it */
  g_assert_cmpint (seismo_cluster_find (c, T0 + 71 * HOUR, ds, 1, NULL, title, summary), ==, 7);
  g_assert_cmpint (seismo_cluster_find (c, T0 - 71 * HOUR, ds, 1, NULL, title, summary), ==, 7);
  g_assert_cmpint (seismo_cluster_find (c, T0 + 74 * HOUR, ds, 1, NULL, title, summary), ==, 0);
  /* no shared company: no join, even with the same words */
  {
    const gint64 other[] = { OPENAI };
    g_assert_cmpint (seismo_cluster_find (c, T0 + HOUR, other, 1, NULL, title, summary), ==, 0);
  }
  /* nothing in common */
  g_assert_cmpint (seismo_cluster_find (c, T0 + HOUR, ds, 1, NULL, "Weather in Hangzhou", NULL), ==, 0);
  g_assert_cmpint (seismo_cluster_find (c, T0 + HOUR, NULL, 0, NULL, NULL, NULL), ==, 0);
}

/* A second item enriches the event: words only it brought now attract. */
static void
test_merge (void)
{
  g_autoptr(SeismoCluster) c = seismo_cluster_new ();
  const gint64 ds[] = { DEEPSEEK };
  const char *t2 = "Wiz finds exposed ClickHouse database with chat logs and secret keys";

  seismo_cluster_add (c, 3, T0, ds, 1, NULL, "DeepSeek database left open",
                      "Researchers found sensitive records online.");
  g_assert_cmpint (seismo_cluster_find (c, T0 + HOUR, ds, 1, NULL, t2, NULL), ==, 0);
  seismo_cluster_add (c, 3, T0 + HOUR, ds, 1, NULL,
                      "DeepSeek exposed a ClickHouse database of chat logs, Wiz says",
                      "Secret keys and log streams were readable without a password.");
  g_assert_cmpuint (seismo_cluster_get_n_events (c), ==, 1);
  g_assert_cmpint (seismo_cluster_find (c, T0 + 2 * HOUR, ds, 1, NULL, t2, NULL), ==, 3);
}

/* A wire story syndicated at each outlet's own address, on a busy day when
 * every word of its headline is everywhere: the same headline joins, within
 * the window and with a company in common only. */
static void
test_syndicated_headline (void)
{
  g_autoptr(SeismoCluster) c = seismo_cluster_new ();
  const gint64 nv[] = { NVIDIA }, oa[] = { OPENAI };
  const char *headline = "Nvidia shares fall as investors weigh AI chip demand";
  const char *same = "NVIDIA Shares Fall as Investors Weigh AI Chip Demand!";

  for (gint64 id = 100; id < 400; id++)
    {
      g_autofree char *url = g_strdup_printf ("https://crowd.example/%" G_GINT64_FORMAT, id);

      seismo_cluster_add (c, id, T0 + (id % 5) * HOUR, nv, 1, url,
                          "Investors weigh AI chip demand as Nvidia shares fall",
                          "Chip stocks fell as investors weighed demand for AI.");
    }
  seismo_cluster_add (c, 7, T0 + 6 * HOUR, nv, 1, "https://wire.example/a", headline,
                      "From the wire.");

  g_assert_cmpint (seismo_cluster_find (c, T0 + 7 * HOUR, nv, 1, "https://paper.example/b", same,
                                        "Reprinted."), ==, 7);
  /* no company in common, or no company at all: the headline alone is not enough */
  g_assert_cmpint (seismo_cluster_find (c, T0 + 7 * HOUR, oa, 1, "https://paper.example/c", same,
                                        "Reprinted."), !=, 7);
  g_assert_cmpint (seismo_cluster_find (c, T0 + 7 * HOUR, NULL, 0, "https://paper.example/d", same,
                                        "Reprinted."), !=, 7);
  /* outside the window */
  g_assert_cmpint (seismo_cluster_find (c, T0 + 80 * HOUR, nv, 1, "https://paper.example/e", same,
                                        "Reprinted."), !=, 7);
}

/* ---- synthetic stream: eviction and speed ------------------------------- */


/* CPU time of this thread: the budgets are for one core, and the machine
 * may be busy with other work while the tests run. */
static gint64
cpu_usec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static const char * const common_words[] = {
  "the", "a", "of", "to", "in", "and", "for", "on", "with", "as", "says", "said", "new", "after",
  "amid", "over", "its", "is", "are", "will", "could", "this", "week", "today", "report",
  "according", "people", "familiar", "matter", "plans", "more", "than", "about", "first",
  "company", "ai", "model", "models", "launch", "release", "update", "users", "tech", "startup",
};

static const char * const topic_words[] = {
  "reasoning", "inference", "training", "chips", "gpu", "gpus", "datacenter", "cloud", "agent",
  "agents", "benchmark", "benchmarks", "open-source", "weights", "licence", "api", "pricing",
  "tokens", "context", "multimodal", "video", "image", "speech", "robotics", "safety", "policy",
  "regulators", "export", "controls", "lawsuit", "copyright", "privacy", "security", "breach",
  "funding", "round", "valuation", "acquisition", "partnership", "deal", "shares", "stock",
  "market", "investors", "earnings", "revenue", "layoffs", "hiring", "researchers", "paper",
  "coding", "math", "science", "search", "assistant", "chatbot", "app", "downloads", "phone",
  "laptop", "enterprise", "government", "military", "europe", "china", "india", "japan", "energy",
  "nuclear", "power", "supercomputer", "cluster", "memory", "networking", "distillation",
  "leaderboard", "preview", "beta", "subscription", "free", "premium", "developers", "platform",
};

static const char * const company_names[] = {
  "OpenAI", "Anthropic", "Google", "Meta", "Microsoft", "Nvidia", "DeepSeek", "Alibaba", "Mistral",
  "xAI", "Perplexity", "Hugging Face", "Amazon", "Apple", "AMD", "Intel", "TSMC", "Baidu",
  "Moonshot", "Zhipu", "MiniMax", "ByteDance", "Cohere", "Stability", "Midjourney", "Databricks",
  "Oracle", "SoftBank", "Arm", "Huawei",
};

typedef struct
{
  gint64  story;
  gint64  published;
  gint64  order;
  gint64  companies[2];
  guint   n_companies;
  char   *url;
  char   *title;
  char   *summary;
  gint64  event;
} Item;

static void
item_clear (gpointer data)
{
  Item *it = data;

  g_free (it->url);
  g_free (it->title);
  g_free (it->summary);
}

/* The long tail of news vocabulary (names, places, numbers): word i of a
 * Zipf-like distribution over 60,000 distinct words, spelled from
 * syllables so that every id gives its own word. */
static char *
long_tail_word (GRand *rand,
                guint  min_rank)
{
  static const char * const syl[] = {
    "ka", "lo", "mi", "ren", "tor", "vex", "quo", "zan", "bel", "dri", "fen", "gul", "hox",
    "jin", "ly", "nor", "pax", "sil", "tam", "ur", "vo", "wex", "yal", "zor", "bra", "cre",
    "dun", "eph", "fal", "gri", "hal", "ist", "jor", "kel", "lum", "mar", "nex", "orb",
  };
  double span = log (60000.0 / min_rank);
  guint id = (guint) (min_rank * exp (g_rand_double (rand) * span));
  GString *w = g_string_new (NULL);

  for (guint x = id + G_N_ELEMENTS (syl); x > 0; x /= G_N_ELEMENTS (syl))
    g_string_append (w, syl[x % G_N_ELEMENTS (syl)]);
  return g_string_free (w, FALSE);
}

static void
append_random (GString  *s,
               GRand    *rand,
               char    **keys,
               guint     n_keys)
{
  int r = g_rand_int_range (rand, 0, 100);

  if (r < 14)
    g_string_append (s, keys[g_rand_int_range (rand, 0, n_keys)]);
  else if (r < 50)
    g_string_append (s, common_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (common_words))]);
  else if (r < 65)
    g_string_append (s, topic_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (topic_words))]);
  else
    {
      g_autofree char *w = long_tail_word (rand, 1);
      g_string_append (s, w);
    }
  g_string_append_c (s, ' ');
}

static int
compare_order (gconstpointer a,
               gconstpointer b)
{
  const Item *ia = a, *ib = b;

  return ia->order < ib->order ? -1 : (ia->order > ib->order ? 1 : 0);
}

/* 30 days of AI news: stories of one to eight items from different
 * outlets, worded differently around a few shared key words. */
static GArray *
synthetic_stream (guint n_items)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (31);
  GArray *items = g_array_sized_new (FALSE, TRUE, sizeof (Item), n_items);
  gint64 story = 0;

  g_array_set_clear_func (items, item_clear);
  while (items->len < n_items)
    {
      g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
      gint64 start = T0 + (gint64) (g_rand_double (rand) * 30 * DAY);
      guint n = 1;
      gint64 co[2];
      guint n_co = g_rand_int_range (rand, 0, 4) == 0 ? 2 : 1;

      while (n < 8 && g_rand_double (rand) < 0.55)
        n++;
      co[0] = g_rand_int_range (rand, 0, G_N_ELEMENTS (company_names));
      co[1] = (co[0] + 1 + g_rand_int_range (rand, 0, G_N_ELEMENTS (company_names) - 1)) %
              G_N_ELEMENTS (company_names);
      /* what makes a story: a few names from the rarer part of the tail */
      for (guint k = 0; k < 3; k++)
        g_ptr_array_add (keys, long_tail_word (rand, 500));
      for (guint k = 0; k < 3; k++)
        g_ptr_array_add (keys, g_strdup (topic_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (topic_words))]));
      g_ptr_array_add (keys, g_strdup_printf ("%u", g_rand_int_range (rand, 2, 900)));

      for (guint i = 0; i < n && items->len < n_items; i++)
        {
          Item it = { 0 };
          GString *title = g_string_new (NULL), *summary = g_string_new (NULL);

          it.story = story;
          it.published = start + g_rand_int_range (rand, 0, 36 * HOUR);
          /* feeds arrive late and out of order */
          it.order = it.published + g_rand_int_range (rand, 0, 3 * HOUR);
          it.n_companies = n_co;
          for (guint k = 0; k < n_co; k++)
            it.companies[k] = co[k] + 1;
          it.url = g_strdup_printf ("https://outlet%d.example/%" G_GINT64_FORMAT "/%u%s",
                                    g_rand_int_range (rand, 0, 40), story, i,
                                    g_rand_int_range (rand, 0, 20) == 0 ? "/?utm_source=rss" : "");
          g_string_append_printf (title, "%s ", company_names[co[0]]);
          for (guint k = 0; k < 6; k++)
            append_random (title, rand, (char **) keys->pdata, 4);
          g_string_append_printf (summary, "%s %s ", company_names[co[n_co - 1]],
                                  (char *) keys->pdata[g_rand_int_range (rand, 0, keys->len)]);
          for (guint k = 0; k < 40; k++)
            append_random (summary, rand, (char **) keys->pdata, keys->len);
          it.title = g_string_free (title, FALSE);
          it.summary = g_string_free (summary, FALSE);
          g_array_append_val (items, it);
        }
      story++;
    }
  g_array_sort (items, compare_order);
  return items;
}

#define BUDGET_USEC 1500000 /* 100,000 items, one core */

typedef struct
{
  gint64 cpu;
  gint64 events;
  guint  joins;
  guint  right_joins;
  guint  stories_split;
  guint  max_events;
  guint  max_tokens;
} StreamRun;

/* Places every item as the refresh pipeline would, timing find + add only. */
static StreamRun
run_stream (GArray    *items,
            GPtrArray *canonical)
{
  g_autoptr(SeismoCluster) c = seismo_cluster_new ();
  g_autoptr(GHashTable) event_story = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) story_events = g_hash_table_new (g_int64_hash, g_int64_equal);
  StreamRun run = { 0 };
  gint64 next_id = 1, start;

  start = cpu_usec ();
  for (guint i = 0; i < items->len; i++)
    {
      Item *it = &g_array_index (items, Item, i);

      it->event = seismo_cluster_find (c, it->published, it->companies, it->n_companies,
                                       canonical->pdata[i], it->title, it->summary);
      if (it->event == 0)
        it->event = next_id++;
      else
        run.joins++;
      seismo_cluster_add (c, it->event, it->published, it->companies, it->n_companies,
                          canonical->pdata[i], it->title, it->summary);
      if ((i & 1023) == 0)
        {
          run.max_events = MAX (run.max_events, seismo_cluster_get_n_events (c));
          run.max_tokens = MAX (run.max_tokens, seismo_cluster_get_n_tokens (c));
        }
    }
  run.cpu = cpu_usec () - start;
  run.events = next_id - 1;

  /* a join is right when the event was started by an item of the same
   * story; a story is split when its items landed in several events */
  for (guint i = 0; i < items->len; i++)
    {
      const Item *it = &g_array_index (items, Item, i);
      const gint64 *story = g_hash_table_lookup (event_story, &it->event);
      const gint64 *first = g_hash_table_lookup (story_events, &it->story);

      if (story == NULL)
        g_hash_table_insert (event_story, (gpointer) &it->event, (gpointer) &it->story);
      else if (*story == it->story)
        run.right_joins++;
      if (first == NULL)
        g_hash_table_insert (story_events, (gpointer) &it->story, (gpointer) &it->event);
      else if (*first != it->event)
        run.stories_split++;
    }
  return run;
}

static void
test_stream (void)
{
  const guint n_items = 100000;
  g_autoptr(GArray) items = synthetic_stream (n_items);
  g_autoptr(GPtrArray) canonical = g_ptr_array_new_with_free_func (g_free);
  StreamRun first;
  gint64 best;
  gsize bytes = 0;

  for (guint i = 0; i < items->len; i++)
    {
      const Item *it = &g_array_index (items, Item, i);

      g_ptr_array_add (canonical, seismo_canonical_url (it->url));
      bytes += strlen (it->title) + strlen (it->summary);
    }

  /* on fresh indexes, up to three times: the best run resists a burst of
   * other work on a shared machine */
  first = run_stream (items, canonical);
  best = first.cpu;
  for (guint again = 0; g_test_perf () && again < 2 && best >= BUDGET_USEC; again++)
    {
      StreamRun next = run_stream (items, canonical);

      best = MIN (best, next.cpu);
    }

  g_print ("# cluster stream: %u items (%.1f MB) over 30 days: find+add %.3f s CPU "
           "(best run; %.1f us/item); %" G_GINT64_FORMAT " events; peak %u live events, "
           "%u words\n", n_items, bytes / 1e6, best / 1e6, (double) best / n_items,
           first.events, first.max_events, first.max_tokens);
  g_print ("# cluster stream: %u joins, %.1f%% to an event of the same story; "
           "%u items split from their story's first event\n", first.joins,
           100.0 * first.right_joins / MAX (first.joins, 1), first.stories_split);

  /* memory is bounded by the window, not by the stream */
  g_assert_cmpuint (first.max_events, <, first.events / 4);
  g_assert_cmpuint (first.max_tokens, <, 100000);
  /* a wrong join merges two stories on the timeline: rare */
  g_assert_cmpfloat ((double) first.right_joins / first.joins, >=, 0.95);
  /* The time budget is a benchmark (`meson test --benchmark cluster`). */
  if (g_test_perf ())
    g_assert_cmpint (best, <, BUDGET_USEC);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  load_companies ();

  g_test_add_func ("/cluster/canonical-url", test_canonical_url);
  g_test_add_func ("/cluster/labelled-week", test_labelled_week);
  g_test_add_func ("/cluster/arrival-order", test_arrival_order);
  g_test_add_func ("/cluster/examples", test_examples);
  g_test_add_func ("/cluster/url-and-window", test_url_and_window);
  g_test_add_func ("/cluster/merge", test_merge);
  g_test_add_func ("/cluster/syndicated-headline", test_syndicated_headline);
  g_test_add_func ("/cluster/stream", test_stream);

  ret = g_test_run ();
  g_clear_pointer (&matcher, seismo_matcher_unref);
  g_clear_pointer (&slugs, g_ptr_array_unref);
  return ret;
}
