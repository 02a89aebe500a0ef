/* test-matcher.c — company matching against the shipped starter aliases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>
#include <time.h>

#include "seismo-matcher.h"

/* The shipped aliases are what users get, so the table runs against
 * data/starter/companies.json; company ids are 1 + the entry's index. */
typedef struct
{
  SeismoMatcher *matcher;
  GPtrArray     *slugs;
} Fixture;

static Fixture fixture;

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

  fixture.matcher = seismo_matcher_new ();
  fixture.slugs = g_ptr_array_new_with_free_func (g_free);
  companies = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (companies); i++)
    {
      JsonObject *company = json_array_get_object_element (companies, i);
      JsonArray *aliases = json_object_get_array_member (company, "aliases");

      g_ptr_array_add (fixture.slugs, g_strdup (json_object_get_string_member (company, "slug")));
      for (guint k = 0; k < json_array_get_length (aliases); k++)
        {
          JsonObject *alias = json_array_get_object_element (aliases, k);

          seismo_matcher_add (fixture.matcher, i + 1,
                              json_object_get_string_member (alias, "text"),
                              json_object_get_string_member (alias, "mode"), &error);
          g_assert_no_error (error);
        }
    }
  seismo_matcher_compile (fixture.matcher, &error);
  g_assert_no_error (error);
}

static const char *
slug_of (gint64 id)
{
  g_assert_cmpint (id, >=, 1);
  g_assert_cmpint (id, <=, fixture.slugs->len);
  return fixture.slugs->pdata[id - 1];
}

static gboolean
has_slug (GArray     *ids,
          const char *slug)
{
  for (guint i = 0; i < ids->len; i++)
    if (strcmp (slug_of (g_array_index (ids, gint64, i)), slug) == 0)
      return TRUE;
  return FALSE;
}

static char *
describe (GArray *ids)
{
  GString *s = g_string_new ("[");

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (s, "%s%s", i ? " " : "", slug_of (g_array_index (ids, gint64, i)));
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

/* must: slugs that have to be found; must_not: slugs that must not be. */
static const struct
{
  const char *title;
  const char *summary;
  const char *must;
  const char *must_not;
} cases[] = {
  /* DeepSeek and R1: R1 only next to DeepSeek */
  { "DeepSeek releases R1, an open reasoning model", NULL, "deepseek", NULL },
  { "R1 tops the leaderboard", "DeepSeek's new model is free to use.", "deepseek", NULL },
  { "Rabbit R1 gets a long-awaited software update", NULL, NULL, "deepseek" },
  { "R1 universities report record research spending", NULL, NULL, "deepseek" },
  { "The new R1 reasoning model from a Chinese AI lab is cheap", NULL, "deepseek", NULL },
  { "DeepSeek R1, DeepSeek-R1 and DeepSeekR1 are one model", NULL, "deepseek", NULL },
  { "High-Flyer founder Liang Wenfeng meets Premier Li", NULL, "deepseek", NULL },
  { "High Flyer, the quant fund, backs a lab", NULL, "deepseek", NULL },
  /* OpenAI's o3 versus ozone */
  { "OpenAI's o3 scores 87.5% on ARC-AGI", NULL, "openai", NULL },
  { "o3-mini is out for free users", NULL, "openai", NULL },
  { "The o3 reasoning model posts a record score", NULL, "openai", NULL },
  { "O3 levels climb during the heatwave", "Ground-level ozone (O3) is a pollutant.", NULL, "openai" },
  { "Ozone: o3 concentrations in cities", NULL, NULL, "openai" },
  { "GPT 4o, GPT4o and GPT-4o all name one model", NULL, "openai", NULL },
  { "Stargate SG-1 reboot is in the works", NULL, NULL, "openai" },
  /* NVIDIA and NVDA, possessives, punctuation */
  { "NVIDIA's market value falls by $589 billion", NULL, "nvidia", NULL },
  { "Nvidia’s shares rebound", NULL, "nvidia", NULL },
  { "NVDA slides 17% in a day", NULL, "nvidia", NULL },
  { "Chipmakers fall; (Nvidia) leads the rout!", NULL, "nvidia", NULL },
  { "“Nvidia,” said the analyst, “is fine.”", NULL, "nvidia", NULL },
  { "Grace Hopper's legacy in computing", "A biography of the COBOL pioneer.", NULL, "nvidia" },
  { "Venado runs on the NVIDIA Grace Hopper Superchip", NULL, "nvidia", NULL },
  /* Gemini the model, not the sign or the programme */
  { "Google's Gemini 2.0 Flash arrives for everyone", NULL, "google", NULL },
  { "The Gemini chatbot gets a research mode", NULL, "google", NULL },
  { "Gemini horoscope: a week of surprises", "Geminis will find love on Tuesday.", NULL, "google" },
  { "NASA's Gemini programme paved the way for Apollo", NULL, NULL, "google" },
  { "Gemini exchange wins a New York trust licence", NULL, NULL, "google" },
  /* Llama, llama.cpp and Ollama */
  { "Meta releases Llama 3.1 with a 405B model", NULL, "meta", NULL },
  { "Llama-3.1-8B-Instruct fine-tunes", NULL, "meta", NULL },
  { "llama.cpp adds Qwen2.5-VL support", NULL, "llamacpp alibaba", "meta" },
  { "Run open models locally with Ollama", NULL, "ollama", "meta" },
  { "A llama farm opens in Peru", NULL, NULL, "meta" },
  /* xAI versus XAI */
  { "xAI raises $6 billion for Grok", NULL, "xai", NULL },
  { "XAI methods make medical models explainable", "Explainable AI (XAI) is a research field.", NULL, "xai" },
  /* Claude the model, not the painter */
  { "Anthropic's Claude 3.5 Sonnet tops a coding benchmark", NULL, "anthropic", NULL },
  { "Claude gets a new AI model for coding", NULL, "anthropic", NULL },
  { "Claude Monet's water lilies sell for $70 million", NULL, NULL, "anthropic" },
  { "Claude Shannon and the AI model of information", NULL, NULL, "anthropic" },
  /* Meta the company, not meta-analysis */
  { "Meta AI reaches 700 million monthly users", NULL, "meta", NULL },
  { "Meta to spend up to $65 billion on AI this year", NULL, "meta", NULL },
  { "Meta-analysis finds exercise helps", NULL, NULL, "meta" },
  { "A meta-analysis of 40 trials", "The meta analysis pooled results.", NULL, "meta" },
  /* Apple */
  { "Apple Intelligence arrives in the EU", NULL, "apple", NULL },
  { "DeepSeek tops Apple's App Store", NULL, "apple deepseek", NULL },
  /* Perplexity the company, not the metric */
  { "Perplexity adds DeepSeek R1 for Pro users", NULL, "perplexity deepseek", NULL },
  { "Perplexity of 3.2 on WikiText-103", "We report a perplexity of 3.2 with a 1B model.", NULL, "perplexity" },
  { "Lower perplexity with longer context", NULL, NULL, "perplexity" },
  /* Microsoft, GitHub, Foundry */
  { "Microsoft adds DeepSeek R1 to Azure AI Foundry and GitHub", NULL, "microsoft deepseek", NULL },
  { "Palantir Foundry gets new AI tools", NULL, NULL, "microsoft" },
  { "Code lives at github.com/deepseek-ai/DeepSeek-R1", NULL, "deepseek", "microsoft" },
  /* other ordinary words */
  { "Artificial intelligence lifts chip stocks", NULL, NULL, "intel" },
  { "Intel's Gaudi 3 ships", NULL, "intel", NULL },
  { "The mistral wind blew across Provence", NULL, NULL, "mistral" },
  { "Mistral releases a new open-weight model", NULL, "mistral", NULL },
  { "Mistral Small 3 is Apache 2.0", NULL, "mistral", NULL },
  { "Amazon rainforest fires hit a record", NULL, NULL, "amazon" },
  { "Amazon invests in Anthropic", NULL, "amazon anthropic", NULL },
  { "The minimax algorithm in game trees", NULL, NULL, "minimax" },
  { "How to scale AI workloads on a new cluster", NULL, NULL, "scale" },
  /* non-ASCII */
  { "月之暗面发布Kimi k1.5", NULL, "moonshot", NULL },
  { "智谱发布GLM-4-Plus模型", NULL, "zhipu", NULL },
  { "深度求索开源R1模型", NULL, "deepseek", NULL },
  { "Italy’s privacy watchdog blocks DeepSeek", NULL, "it-garante deepseek", NULL },
  { "Über DeepSeek und NVIDIA", "Die Aktie fällt.", "deepseek nvidia", NULL },
  { "Broken \xff\xfe bytes before Nvidia", NULL, "nvidia", NULL },
};

static void
test_starter_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) ids = seismo_matcher_match (fixture.matcher, cases[i].title, cases[i].summary);
      g_autofree char *got = describe (ids);
      g_auto(GStrv) must = g_strsplit (cases[i].must ? cases[i].must : "", " ", -1);
      g_auto(GStrv) must_not = g_strsplit (cases[i].must_not ? cases[i].must_not : "", " ", -1);

      for (guint k = 0; must[k] != NULL; k++)
        if (*must[k] != '\0' && !has_slug (ids, must[k]))
          g_error ("case %u “%s”: expected %s, got %s", i, cases[i].title, must[k], got);
      for (guint k = 0; must_not[k] != NULL; k++)
        if (*must_not[k] != '\0' && has_slug (ids, must_not[k]))
          g_error ("case %u “%s”: did not expect %s, got %s", i, cases[i].title, must_not[k], got);
    }
}

/* "Why was this tagged": the alias as added, and where it is. */
static void
test_explain (void)
{
  const char *title = "Nvidia’s NIM hosts DeepSeek R1";
  const char *summary = "The GPT 4o rival runs on H200.";
  g_autoptr(GArray) matches = seismo_matcher_match_full (fixture.matcher, title, summary);
  gboolean saw_r1 = FALSE, saw_gpt = FALSE, saw_nim = FALSE;

  for (guint i = 0; i < matches->len; i++)
    {
      const SeismoMatch *m = &g_array_index (matches, SeismoMatch, i);
      const char *text = m->field == SEISMO_MATCH_FIELD_TITLE ? title : summary;
      g_autofree char *span = g_strndup (text + m->start, m->end - m->start);

      if (strcmp (m->alias, "DeepSeek-R1") == 0)
        {
          g_assert_cmpstr (span, ==, "DeepSeek R1");
          saw_r1 = TRUE;
        }
      else if (strcmp (m->alias, "GPT-4o") == 0)
        {
          g_assert_cmpint (m->field, ==, SEISMO_MATCH_FIELD_SUMMARY);
          g_assert_cmpstr (span, ==, "GPT 4o");
          g_assert_cmpstr (slug_of (m->company_id), ==, "openai");
          saw_gpt = TRUE;
        }
      else if (strcmp (m->alias, "NIM") == 0)
        {
          /* a weak alias, supported by "Nvidia" in the same sentence */
          g_assert_cmpstr (m->mode, ==, "weak-cs");
          g_assert_cmpstr (span, ==, "NIM");
          saw_nim = TRUE;
        }
      else if (strcmp (m->alias, "NVIDIA") == 0)
        g_assert_cmpstr (span, ==, "Nvidia");
    }
  g_assert_true (saw_r1 && saw_gpt && saw_nim);
}

/* Mechanics on a small hand-made matcher. */
static SeismoMatcher *
small_matcher (void)
{
  SeismoMatcher *m = seismo_matcher_new ();
  g_autoptr(GError) error = NULL;
  static const struct { gint64 id; const char *text, *mode; } aliases[] = {
    { 1, "Acme", "cs" },        { 1, "Rocket", "weak-cs" }, { 1, "launchpad", "context" },
    { 1, "Acme Rocket Club", "exclude" }, { 2, "Rocket Club", "ci" }, { 3, "Zeta-9", "ci" },
    { 4, "Café Müller", "ci" }, { 5, "C++", "ci" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    {
      seismo_matcher_add (m, aliases[i].id, aliases[i].text, aliases[i].mode, &error);
      g_assert_no_error (error);
    }
  seismo_matcher_compile (m, &error);
  g_assert_no_error (error);
  return m;
}

static gboolean
matches_id (SeismoMatcher *m,
            const char    *title,
            const char    *summary,
            gint64         id)
{
  g_autoptr(GArray) ids = seismo_matcher_match (m, title, summary);

  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static void
test_mechanics (void)
{
  g_autoptr(SeismoMatcher) m = small_matcher ();
  g_autoptr(GArray) full = NULL;

  /* versions: separator or none */
  g_assert_true (matches_id (m, "Zeta 9 ships", NULL, 3));
  g_assert_true (matches_id (m, "zeta9 ships", NULL, 3));
  g_assert_true (matches_id (m, "the zeta\u2011 9 ships", NULL, 3));
  g_assert_false (matches_id (m, "Zeta-90 ships", NULL, 3));
  /* case folding beyond ASCII, whole words only */
  g_assert_true (matches_id (m, "CAFÉ MÜLLER opens", NULL, 4));
  g_assert_false (matches_id (m, "CaféMüller", NULL, 4));
  /* an alias ending in punctuation */
  g_assert_true (matches_id (m, "Why C++ still matters", NULL, 5));
  /* exact case */
  g_assert_false (matches_id (m, "ACME sells anvils", NULL, 1));
  /* a weak alias counts only with support, which itself does not tag */
  g_assert_false (matches_id (m, "Rocket lands", NULL, 1));
  g_assert_false (matches_id (m, "The launchpad is ready", NULL, 1));
  g_assert_true (matches_id (m, "Rocket lands on the launchpad", NULL, 1));
  /* an exclude hides only its own company's aliases */
  g_assert_false (matches_id (m, "Acme Rocket Club meets", NULL, 1));
  g_assert_true (matches_id (m, "Acme Rocket Club meets", NULL, 2));
  /* support must be near: same sentence or within 200 characters */
  full = seismo_matcher_match_full (m, "Acme grows.", "Rocket flies.");
  g_assert_cmpuint (full->len, ==, 2);
  g_clear_pointer (&full, g_array_unref);
  {
    GString *s = g_string_new ("Acme grows.");
    while (s->len < 400)
      g_string_append (s, " Nothing to see here.");
    g_string_append (s, " The Rocket flies.");
    full = seismo_matcher_match_full (m, NULL, s->str);
    g_assert_cmpuint (full->len, ==, 1);
    g_string_free (s, TRUE);
  }
  /* empty input */
  g_clear_pointer (&full, g_array_unref);
  full = seismo_matcher_match (m, NULL, NULL);
  g_assert_cmpuint (full->len, ==, 0);
}

static void
test_errors (void)
{
  g_autoptr(SeismoMatcher) m = seismo_matcher_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;

  g_assert_false (seismo_matcher_add (m, 1, "Acme", "fuzzy", &error));
  g_assert_error (error, SEISMO_MATCHER_ERROR, SEISMO_MATCHER_ERROR_INVALID_ALIAS);
  g_clear_error (&error);
  g_assert_false (seismo_matcher_add (m, 1, " - ", "ci", &error));
  g_assert_error (error, SEISMO_MATCHER_ERROR, SEISMO_MATCHER_ERROR_INVALID_ALIAS);
  g_clear_error (&error);

  /* an empty matcher compiles and matches nothing */
  g_assert_true (seismo_matcher_compile (m, &error));
  g_assert_no_error (error);
  ids = seismo_matcher_match (m, "Anything at all", "really");
  g_assert_cmpuint (ids->len, ==, 0);

  g_assert_false (seismo_matcher_add (m, 1, "Acme", "ci", &error));
  g_assert_error (error, SEISMO_MATCHER_ERROR, SEISMO_MATCHER_ERROR_COMPILED);
}

/* ---- performance ---------------------------------------------------------- */


/* CPU time of this thread: the budgets are for one core, and the machine
 * may be busy with other work while the tests run. */
static gint64
cpu_usec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static const char * const filler[] = {
  "the", "model", "launches", "shares", "market", "chips", "investors", "new", "reasoning",
  "open", "weights", "startup", "cloud", "data", "centre", "billion", "says", "report",
  "regulators", "training", "inference", "benchmark", "users", "app", "agents", "week",
  "prices", "deal", "partnership", "research", "lab", "policy", "export", "controls",
  "analysts", "stock", "falls", "rises", "after", "amid", "with", "for", "of", "and", "in",
};

static char *
random_text (GRand  *rand,
             guint   target,
             GArray *alias_texts)
{
  GString *s = g_string_sized_new (target + 32);

  while (s->len < target)
    {
      if (g_rand_int_range (rand, 0, 12) == 0)
        g_string_append (s, g_array_index (alias_texts, const char *,
                                           g_rand_int_range (rand, 0, alias_texts->len)));
      else
        g_string_append (s, filler[g_rand_int_range (rand, 0, G_N_ELEMENTS (filler))]);
      g_string_append_c (s, g_rand_int_range (rand, 0, 9) == 0 ? '.' : ' ');
      if (s->str[s->len - 1] == '.')
        g_string_append_c (s, ' ');
    }
  return g_string_free (s, FALSE);
}

static void
test_performance (void)
{
  const guint n_texts = 100000;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20250127);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) alias_texts = g_array_new (FALSE, FALSE, sizeof (const char *));
  static const char * const sample[] = {
    "OpenAI", "Nvidia", "DeepSeek-R1", "GPT-4o", "Gemini 2.0 Flash", "Llama 3.1", "Microsoft",
    "Anthropic", "Claude", "o3-mini", "Qwen2.5-Max", "Meta", "Apple", "xAI", "Perplexity",
  };
  gint64 best = G_MAXINT64;
  guint hits = 0;
  gsize bytes = 0;

  for (guint i = 0; i < G_N_ELEMENTS (sample); i++)
    g_array_append_val (alias_texts, sample[i]);
  for (guint i = 0; i < n_texts; i++)
    {
      char *t = random_text (rand, 290 + g_rand_int_range (rand, 0, 20), alias_texts);

      bytes += strlen (t);
      g_ptr_array_add (texts, t);
    }

  for (guint round = 0; round < 3; round++)
    {
      gint64 start = cpu_usec (), elapsed;

      hits = 0;
      for (guint i = 0; i < n_texts; i++)
        {
          const char *t = texts->pdata[i];
          GArray *ids = seismo_matcher_match (fixture.matcher, NULL, t);

          hits += ids->len;
          g_array_unref (ids);
        }
      elapsed = cpu_usec () - start;
      best = MIN (best, elapsed);
    }

  g_test_message ("matcher: %u texts, %.1f MB, %u aliases (%u patterns): best of 3 %.3f s, %u company hits",
                  n_texts, bytes / 1e6, seismo_matcher_get_n_aliases (fixture.matcher),
                  seismo_matcher_get_n_patterns (fixture.matcher), best / 1e6, hits);
  g_print ("# matcher throughput: %u texts of ~300 chars against %u aliases in %.3f s\n",
           n_texts, seismo_matcher_get_n_aliases (fixture.matcher), best / 1e6);
  g_assert_cmpuint (hits, >, n_texts / 2);
  /* The budget (0.3 s: it runs on every fetched item) is a benchmark,
   * not a test: `meson test --benchmark matcher` checks it. */
  if (g_test_perf ())
    g_assert_cmpint (best, <, 300000);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  load_companies ();

  g_test_add_func ("/matcher/starter-table", test_starter_table);
  g_test_add_func ("/matcher/explain", test_explain);
  g_test_add_func ("/matcher/mechanics", test_mechanics);
  g_test_add_func ("/matcher/errors", test_errors);
  if (g_test_perf ())
    g_test_add_func ("/matcher/performance", test_performance);

  ret = g_test_run ();
  g_clear_pointer (&fixture.matcher, seismo_matcher_unref);
  g_clear_pointer (&fixture.slugs, g_ptr_array_unref);
  return ret;
}
