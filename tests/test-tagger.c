/* test-tagger.c — the tag-rule engine, and the starter data it ships with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules come from data/starter/tags.json (SEISMO_DATA_DIR), so what is
 * tested is what ships. Run with `-m perf` for the 100,000-item timing.
 */

#include "config.h"

#include <string.h>
#include <time.h>

#include <json-glib/json-glib.h>

#include "seismo-json-api.h"
#include "seismo-tagger.h"

#define N_BENCH_ITEMS 100000

static const char * const vocabulary[] = {
  "model-release", "product", "funding", "market", "policy",
  "legal-ip", "partnership", "research", "hardware", "security", NULL
};

/* Helpers */

static JsonNode *
load_starter_json (const char *name)
{
  const char *dir = g_getenv ("SEISMO_DATA_DIR");
  g_autofree char *path = g_build_filename (dir != NULL ? dir : SOURCE_DATADIR, "starter", name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static SeismoTagger *
load_starter_tagger (gboolean with_negative)
{
  g_autoptr(JsonNode) root = load_starter_json ("tags.json");
  SeismoTagger *tagger = seismo_tagger_new ();
  JsonArray *rules;

  g_assert_nonnull (root);
  rules = json_object_get_array_member (json_node_get_object (root), "rules");
  for (guint i = 0; i < json_array_get_length (rules); i++)
    {
      JsonObject *rule = json_array_get_object_element (rules, i);
      g_autoptr(GError) error = NULL;
      gboolean negative = json_object_get_boolean_member (rule, "negative");

      if (negative && !with_negative)
        continue;
      seismo_tagger_add_rule (tagger,
                              json_object_get_string_member (rule, "tag"),
                              json_object_get_string_member (rule, "kind"),
                              json_object_get_string_member (rule, "pattern"),
                              json_object_get_boolean_member (rule, "case_sensitive"),
                              json_object_get_boolean_member (rule, "weak"),
                              negative, &error);
      g_assert_no_error (error);
    }
  return tagger;
}

static gboolean
has_tag (GPtrArray  *tags,
         const char *tag)
{
  for (guint i = 0; i < tags->len; i++)
    if (g_str_equal (g_ptr_array_index (tags, i), tag))
      return TRUE;
  return FALSE;
}

static char *
join_tags (GPtrArray *tags)
{
  g_autoptr(GString) s = g_string_new ("[");

  for (guint i = 0; i < tags->len; i++)
    g_string_append_printf (s, "%s%s", i > 0 ? ", " : "", (char *) g_ptr_array_index (tags, i));
  g_string_append_c (s, ']');
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static int
score_of (GHashTable *scores,
          const char *tag)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (scores, tag));
}

/* The regression sentences of tag-rules.md (paraphrases of the seed article) */

typedef struct
{
  const char *title;
  const char *expected[3];
  const char *absent;  /* a documented false positive that must stay away */
} RegressionCase;

static const RegressionCase regression_cases[] = {
  { "DeepSeek says V3 was trained for about $5.6M on H800 GPUs", { "research", "hardware" }, NULL },
  { "DeepSeek releases R1, an open reasoning model under the MIT licence", { "model-release" }, "legal-ip" },
  { "NVIDIA shares fall 17%, wiping out about $589B in market value", { "market" }, NULL },
  { "OpenAI says it found evidence DeepSeek distilled its models, the Financial Times reports",
    { "legal-ip" }, NULL },
  { "White House reviews the national-security implications of DeepSeek", { "policy" }, "security" },
  { "Microsoft adds R1 to Azure AI Foundry and GitHub", { "partnership", "product" }, "hardware" },
  { "Perplexity adds DeepSeek R1 for Pro users, hosted in US data centres",
    { "product", "partnership" }, "hardware" },
  /* documented extra hit: model-release (a versioned name after "releases") */
  { "NVIDIA releases a NIM microservice preview for DeepSeek-R1", { "product", "partnership" }, NULL },
  { "OpenAI adds a \"Reason\" button for free ChatGPT users with o3-mini",
    { "product", "model-release" }, NULL },
  { "OpenAI launches ChatGPT Gov for US agencies", { "product", "policy" }, NULL },
  /* policy would be third; no rule gives it for this wording */
  { "OpenAI partners with US National Laboratories on the Venado supercomputer",
    { "partnership", "hardware" }, NULL },
  { "Microsoft makes Think Deeper free in Copilot", { "product" }, NULL },
  /* the weak "app" rule alone scores 1, so product stays away */
  { "Italy's privacy regulator blocks the DeepSeek app", { "policy", "legal-ip" }, "product" },
  { "Wiz finds an exposed DeepSeek database leaking chat logs and API keys", { "security" }, NULL },
};

static void
test_regression (void)
{
  g_autoptr(SeismoTagger) tagger = load_starter_tagger (TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (regression_cases); i++)
    {
      const RegressionCase *c = &regression_cases[i];
      g_autoptr(GPtrArray) tags = seismo_tagger_apply (tagger, c->title, NULL);
      g_autofree char *got = join_tags (tags);

      g_test_message ("%s → %s", c->title, got);
      g_assert_cmpuint (tags->len, <=, SEISMO_TAGGER_MAX_TAGS);
      for (guint j = 0; j < G_N_ELEMENTS (c->expected) && c->expected[j] != NULL; j++)
        if (!has_tag (tags, c->expected[j]))
          g_error ("“%s”: expected %s in %s", c->title, c->expected[j], got);
      if (c->absent != NULL && has_tag (tags, c->absent))
        g_error ("“%s”: unexpected %s in %s", c->title, c->absent, got);
    }
}

/* NOT rules: each sentence gets @absent without the NOT rules, and loses it
 * with them. */

typedef struct
{
  const char *title;
  const char *absent;
  const char *present;
} NotCase;

static const NotCase not_cases[] = {
  { "Chip startup raises concerns about $2 billion in new spending", "funding", NULL },
  { "Studio issues a press release on its new model", "model-release", NULL },
  { "White House orders a national security review of DeepSeek", "security", "policy" },
  { "Azure AI Foundry adds Intel-optimised models", "hardware", NULL },
  { "Silicon Valley investors pile into AI agents", "hardware", NULL },
  { "Perplexity adds DeepSeek R1 for Pro users, hosted in US data centres", "hardware", "product" },
  { "LLM-as-a-judge evaluation beats human raters", "legal-ip", "research" },
};

static void
test_negative_rules (void)
{
  g_autoptr(SeismoTagger) full = load_starter_tagger (TRUE);
  g_autoptr(SeismoTagger) positive_only = load_starter_tagger (FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (not_cases); i++)
    {
      const NotCase *c = &not_cases[i];
      g_autoptr(GPtrArray) with_not = seismo_tagger_apply (full, c->title, NULL);
      g_autoptr(GPtrArray) without_not = seismo_tagger_apply (positive_only, c->title, NULL);
      g_autofree char *got = join_tags (with_not);

      g_test_message ("%s → %s", c->title, got);
      g_assert_true (has_tag (without_not, c->absent));
      g_assert_false (has_tag (with_not, c->absent));
      if (c->present != NULL)
        g_assert_true (has_tag (with_not, c->present));
    }

  /* the positive counterparts still work */
  {
    g_autoptr(GPtrArray) a = seismo_tagger_apply (full, "Mistral raises $640 million in new round", NULL);
    g_autoptr(GPtrArray) b = seismo_tagger_apply (full, "TSMC's foundry business ships more wafers", NULL);
    g_autoptr(GPtrArray) c = seismo_tagger_apply (full, "Startup designs custom silicon for inference", NULL);
    g_autoptr(GPtrArray) d = seismo_tagger_apply (full, "Hackers breach a security vendor's network", NULL);

    g_assert_true (has_tag (a, "funding"));
    g_assert_true (has_tag (b, "hardware"));
    g_assert_true (has_tag (c, "hardware"));
    g_assert_true (has_tag (d, "security"));
  }
}

/* Errors */

static void
test_bad_rules (void)
{
  g_autoptr(SeismoTagger) tagger = seismo_tagger_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_auto(GStrv) names = NULL;
  gboolean ok;

  ok = seismo_tagger_add_rule (tagger, "funding", "regex", "\\braise[sd]?\\b.{0,20}\\$\\d",
                               FALSE, FALSE, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  ok = seismo_tagger_add_rule (tagger, "broken-tag", "regex", "(unclosed[group",
                               FALSE, FALSE, FALSE, &error);
  g_assert_false (ok);
  g_assert_error (error, SEISMO_TAGGER_ERROR, SEISMO_TAGGER_ERROR_INVALID_PATTERN);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "broken-tag"));
  g_assert_nonnull (strstr (error->message, "(unclosed[group"));
  g_clear_error (&error);

  ok = seismo_tagger_add_rule (tagger, "funding", "glob", "*raise*", FALSE, FALSE, FALSE, &error);
  g_assert_false (ok);
  g_assert_error (error, SEISMO_TAGGER_ERROR, SEISMO_TAGGER_ERROR_INVALID_RULE);
  g_clear_error (&error);

  ok = seismo_tagger_add_rule (tagger, "funding", "keywords", " , ,", FALSE, FALSE, FALSE, &error);
  g_assert_false (ok);
  g_assert_error (error, SEISMO_TAGGER_ERROR, SEISMO_TAGGER_ERROR_INVALID_PATTERN);
  g_clear_error (&error);

  ok = seismo_tagger_add_rule (tagger, "funding", "regex", "(?:seed)?", FALSE, FALSE, FALSE, &error);
  g_assert_false (ok);
  g_assert_error (error, SEISMO_TAGGER_ERROR, SEISMO_TAGGER_ERROR_INVALID_PATTERN);
  g_clear_error (&error);

  /* nothing of the failed rules stayed; the good one still works */
  g_assert_cmpuint (seismo_tagger_get_n_rules (tagger), ==, 1);
  names = seismo_tagger_dup_tags (tagger);
  g_assert_cmpstrv (names, ((const char * const[]) { "funding", NULL }));
  tags = seismo_tagger_apply (tagger, "Acme raised $40M from friends", NULL);
  g_assert_cmpuint (tags->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (tags, 0), ==, "funding");
}

/* Keyword rules */

typedef struct
{
  const char *text;
  const char *tag;  /* NULL: no tag */
} KeywordCase;

static void
test_keywords (void)
{
  static const KeywordCase cases[] = {
    { "New GPU CLUSTER online in Texas", "hardware" },
    { "gpu   cluster\tgrows\u00a0again", "hardware" },
    { "Three GPU clusters", NULL },
    { "A multiGPU cluster", NULL },
    { "S&P 500 slides", "market" },
    { "Weights are OPEN-WEIGHTS now", "model-release" },
    { "公司完成新一轮融资", "funding" },
    { "公司发布AI模型", "policy" },
    { "FAIR lab hires", NULL },
    { "Zürich office opens", "research" },
    { "ZÜRICH OFFICE", "research" },
    { "Zürichsee", NULL },
  };
  static const char * const rules[][2] = {
    { "hardware", "GPU cluster" },
    { "market", "S&P 500, Dow Jones" },
    { "model-release", "open weights, open-weights" },
    { "funding", "融资" },
    { "policy", " AI ," },
    { "research", "Zürich" },
  };
  g_autoptr(SeismoTagger) tagger = seismo_tagger_new ();

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autoptr(GError) error = NULL;

      seismo_tagger_add_rule (tagger, rules[i][0], "keywords", rules[i][1], FALSE, FALSE, FALSE,
                              &error);
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) tags = seismo_tagger_apply (tagger, cases[i].text, NULL);
      g_autofree char *got = join_tags (tags);

      g_test_message ("%s → %s", cases[i].text, got);
      if (cases[i].tag == NULL)
        g_assert_cmpuint (tags->len, ==, 0);
      else
        {
          g_assert_cmpuint (tags->len, ==, 1);
          g_assert_cmpstr (g_ptr_array_index (tags, 0), ==, cases[i].tag);
        }
    }
}

/* Scoring: title 3, summary 1, weak 1, once per field, threshold 2, cap 3 */

static SeismoTagger *
small_tagger (void)
{
  static const struct { const char *tag, *words; gboolean weak; } rules[] = {
    { "alpha", "alpha", FALSE },
    { "alpha", "apex", FALSE },
    { "beta", "beta", FALSE },
    { "gamma", "gamma", FALSE },
    { "delta", "delta", FALSE },
    { "epsilon", "epsilon", FALSE },
    { "wolf", "wolf", TRUE },
  };
  SeismoTagger *tagger = seismo_tagger_new ();

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autoptr(GError) error = NULL;

      seismo_tagger_add_rule (tagger, rules[i].tag, "keywords", rules[i].words, FALSE,
                              rules[i].weak, FALSE, &error);
      g_assert_no_error (error);
    }
  return tagger;
}

static void
test_title_vs_summary (void)
{
  static const struct { const char *title, *summary, *tag; int score; gboolean assigned; } cases[] = {
    { "Alpha news", NULL, "alpha", 3, TRUE },
    { NULL, "alpha news", "alpha", 1, FALSE },
    { "", "alpha, alpha and alpha again", "alpha", 1, FALSE },
    { NULL, "alpha meets apex", "alpha", 2, TRUE },
    { "alpha", "alpha", "alpha", 4, TRUE },
    { "alpha apex", "apex", "alpha", 7, TRUE },
    { "wolf", NULL, "wolf", 1, FALSE },
    { "wolf", "wolf", "wolf", 2, TRUE },
  };
  g_autoptr(SeismoTagger) tagger = small_tagger ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GHashTable) scores = seismo_tagger_score (tagger, cases[i].title, cases[i].summary,
                                                          NULL);
      g_autoptr(GPtrArray) tags = seismo_tagger_apply (tagger, cases[i].title, cases[i].summary);

      g_assert_cmpint (score_of (scores, cases[i].tag), ==, cases[i].score);
      g_assert_cmpint (has_tag (tags, cases[i].tag), ==, cases[i].assigned);
    }
}

static void
test_cap (void)
{
  g_autoptr(SeismoTagger) tagger = small_tagger ();
  g_autoptr(GPtrArray) ties = seismo_tagger_apply (tagger, "epsilon delta gamma beta alpha", NULL);
  g_autoptr(GPtrArray) ranked = seismo_tagger_apply (tagger, "epsilon delta gamma beta alpha",
                                                     "about delta and epsilon");
  g_autoptr(SeismoTagger) starter = load_starter_tagger (TRUE);
  g_autoptr(GPtrArray) busy = NULL;

  /* equal scores: the order in which the tags were added */
  g_assert_cmpuint (ties->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (ties, 0), ==, "alpha");
  g_assert_cmpstr (g_ptr_array_index (ties, 1), ==, "beta");
  g_assert_cmpstr (g_ptr_array_index (ties, 2), ==, "gamma");

  /* higher scores first, then the same tie order */
  g_assert_cmpuint (ranked->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (ranked, 0), ==, "delta");
  g_assert_cmpstr (g_ptr_array_index (ranked, 1), ==, "epsilon");
  g_assert_cmpstr (g_ptr_array_index (ranked, 2), ==, "alpha");

  busy = seismo_tagger_apply (starter,
                              "Nvidia shares fall as White House weighs chip export controls "
                              "after DeepSeek releases open-weights model and Wiz finds a breach",
                              "Investors sued; the startup raised $2 billion at a $20 billion "
                              "valuation to build data centers.");
  g_assert_cmpuint (busy->len, ==, SEISMO_TAGGER_MAX_TAGS);
}

static void
test_prior (void)
{
  g_autoptr(SeismoTagger) tagger = load_starter_tagger (TRUE);
  g_autoptr(GHashTable) prior = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) plain = NULL;
  g_autoptr(GPtrArray) arxiv = NULL;
  g_autoptr(GPtrArray) summary_hit = NULL;

  g_hash_table_insert (prior, (gpointer) "research", GINT_TO_POINTER (2));
  g_hash_table_insert (prior, (gpointer) "no-such-tag", GINT_TO_POINTER (9));

  plain = seismo_tagger_apply (tagger, "Sparse attention for long contexts", NULL);
  g_assert_cmpuint (plain->len, ==, 0);
  arxiv = seismo_tagger_apply_with_prior (tagger, "Sparse attention for long contexts", NULL, prior);
  g_assert_cmpuint (arxiv->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (arxiv, 0), ==, "research");

  /* a prior adds to text hits */
  summary_hit = seismo_tagger_apply_with_prior (tagger, "Sparse attention",
                                                "Our GPU kernels beat the baseline.", prior);
  g_assert_false (has_tag (summary_hit, "hardware"));
  g_assert_true (has_tag (summary_hit, "research"));
}

/* The prefilter must never change a score. */

static const char * const fragments[] = {
  "DeepSeek releases R1", "NVIDIA shares fall 17%", "model", "mode", "apply", "GA", "ga",
  "press release", "raises concerns", "raised $40M", "Series B", "series b", "valuation",
  "Azure AI Foundry", "foundry", "TSMC", "Silicon Valley", "silicon", "GPU-hours", "H800",
  "national-security", "security review", "Social Security", "hackathon", "hacked", "leak suggests upcoming",
  "o3-mini", "O3-MINI", "GPT-4o", "Claude 3.5 Sonnet", "Llama 3.1", "Blackwell", "NVIDIA's Blackwell GPUs",
  "AI Act", "EU AI Act", "Europe’s AI Act", "BIS", "bis", "Nasdaq", "META", "meta", "revenue of $3B",
  "€20 million", "fine of €15 million", "distilled models", "distillation without permission",
  "whisky distillery", "LLM-as-a-judge", "court", "arxiv.org/abs/2501.12948", "arXiv", "RLHF",
  "now available on Hugging Face", "671B parameters", "24B model", "MoE", "moe", "mixture of experts",
  "ChatGPT now supports", "How Acme uses ChatGPT", "$20/month", "US$20 per user", "free tier",
  "融资", "股价", "监管", "合作", "芯片", "漏洞", "发布新模型", "ZÜRICH", "ſeries", "\xe2\x84\xaaimi K2",
  "Kimi K2", "café", "naïve", "—", "…", "  ", "\t", "\n", "\xff\xfe broken", "S&P 500", "No. 1 free app on the App Store",
  "executive order", "EO 14110", "White House", "lawmakers", "sues", "Garante", "CNIL", "regulator blocks",
  "partners with", "joint venture", "adds DeepSeek", "NIM microservice for DeepSeek", "Los Alamos",
  "benchmark rate", "benchmarks", "survey study", "market research", "data centers", "hosted in US data centers",
  "potato chips", "chips", "3nm", "CUDA", "red-teaming", "CVE-2025-12345", "API keys exposed",
};

static char *
random_text (GRand *rand,
             guint  n_fragments)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < n_fragments; i++)
    {
      const char *f = fragments[g_rand_int_range (rand, 0, G_N_ELEMENTS (fragments))];

      if (i > 0)
        g_string_append (s, g_rand_boolean (rand) ? " " : (g_rand_boolean (rand) ? ", " : ""));
      g_string_append (s, f);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
assert_same_scores (SeismoTagger *tagger,
                    const char   *title,
                    const char   *summary)
{
  g_autoptr(GHashTable) with = NULL;
  g_autoptr(GHashTable) without = NULL;
  GHashTableIter iter;
  gpointer key, value;

  seismo_tagger_set_prefilter (tagger, TRUE);
  with = seismo_tagger_score (tagger, title, summary, NULL);
  seismo_tagger_set_prefilter (tagger, FALSE);
  without = seismo_tagger_score (tagger, title, summary, NULL);
  seismo_tagger_set_prefilter (tagger, TRUE);

  g_hash_table_iter_init (&iter, without);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (score_of (with, key) != GPOINTER_TO_INT (value))
      g_error ("prefilter changed %s: %d vs %d for “%s” / “%s”", (char *) key,
               score_of (with, key), GPOINTER_TO_INT (value), title, summary);
  g_assert_cmpuint (g_hash_table_size (with), ==, g_hash_table_size (without));
}

static void
test_prefilter_equivalence (void)
{
  g_autoptr(SeismoTagger) tagger = load_starter_tagger (TRUE);
  g_autoptr(JsonNode) events = load_starter_json ("events.json");
  g_autoptr(GRand) rand = g_rand_new_with_seed (20250127);
  static const char * const tricky[][2] = {
    { "caf[eé]", "CAFÉ society" },
    { "\\bmode\\b", "model mode" },
    { "Zürich", "ZÜRICH" },
    { "(?i)series|x{2,}", "SERIES" },
    { "[^a]b+c?(?:d|)", "bbb" },
    { "(?<name>ab)(?P<other>cd)", "abcd" },
    { "\\Qa.b\\E", "a.b" },
    { "\\x41bc", "abc" },
    { "a{,2}b", "a{,2}b" },
    { "[[:alpha:]]+ing\\b", "sing" },
    { "\\p{Han}+资", "融资" },
    { "(?=.*GPU)chips?", "chips for GPU racks" },
    { "sk(?#comment)y", "SKY" },
    { "[\\]x]y", "]y" },
    { "(?|(a)|(b))c", "bc" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (regression_cases); i++)
    assert_same_scores (tagger, regression_cases[i].title, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (not_cases); i++)
    assert_same_scores (tagger, not_cases[i].title, not_cases[i].title);
  for (guint i = 0; events != NULL && i < json_array_get_length (json_node_get_array (events)); i++)
    {
      JsonObject *event = json_array_get_object_element (json_node_get_array (events), i);

      assert_same_scores (tagger, json_object_get_string_member (event, "title"),
                          json_object_get_string_member (event, "summary"));
    }
  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *title = random_text (rand, g_rand_int_range (rand, 1, 6));
      g_autofree char *summary = random_text (rand, g_rand_int_range (rand, 0, 12));

      assert_same_scores (tagger, title, summary);
    }

  for (guint i = 0; i < G_N_ELEMENTS (tricky); i++)
    {
      g_autoptr(SeismoTagger) t = seismo_tagger_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) tags = NULL;

      seismo_tagger_add_rule (t, "x", "regex", tricky[i][0], FALSE, FALSE, FALSE, &error);
      g_assert_no_error (error);
      tags = seismo_tagger_apply (t, tricky[i][1], NULL);
      if (tags->len != 1)
        g_error ("“%s” should match “%s”", tricky[i][0], tricky[i][1]);
      assert_same_scores (t, tricky[i][1], NULL);
    }
}

/* Timing: 100,000 items of ~80 + ~300 characters with the starter rules */

static const char * const bench_titles[] = {
  "DeepSeek releases R1, an open reasoning model under the MIT licence",
  "NVIDIA shares fall 17% as investors weigh cheaper AI training",
  "Microsoft adds DeepSeek-R1 to Azure AI Foundry and GitHub Models",
  "OpenAI launches ChatGPT Gov for US government agencies",
  "How a regional bank uses Copilot to summarise customer calls",
  "Mistral raises €600 million at a €6 billion valuation",
  "Italy's privacy regulator orders DeepSeek to stop processing data",
  "Wiz Research finds an exposed ClickHouse database with chat logs",
  "Quarterly results: cloud revenue grows 29% on AI demand",
  "A practical guide to evaluating long-context retrieval",
  "Our approach to model safety and red-teaming",
  "Ollama 0.5.7 adds structured outputs and faster downloads",
  "Google publishes Gemini 2.0 Flash Thinking technical report",
  "The week in AI: agents, chips and a lot of new benchmarks",
  "Meta expands Llama availability to government partners",
  "TSMC says advanced packaging capacity will double next year",
  "Anthropic partners with a data provider for enterprise search",
  "Why the cost of inference keeps falling",
  "Hugging Face launches an open-source robotics library",
  "Amazon Bedrock now hosts Mistral Small 3 for customers",
};

static const char * const bench_sentences[] = {
  "The company said the new system is available to developers today through its API.",
  "Analysts noted that the training run used a cluster of H800 GPUs over two months.",
  "Shares of chipmakers dropped sharply in early trading before recovering some losses.",
  "The update brings a redesigned dashboard, better search and a new assistant mode.",
  "Regulators in Europe have asked for more information about how user data is stored.",
  "Researchers from the lab published a paper describing the reinforcement learning recipe.",
  "The startup did not disclose the terms of the agreement or its current valuation.",
  "Customers on the Enterprise plan get higher rate limits and priority support.",
  "Security researchers said the exposed server was secured within an hour of disclosure.",
  "The model card lists a 671B-parameter mixture-of-experts design with 37B active parameters.",
  "In a blog post, the team thanked the open-source community for early feedback.",
  "Executives said demand for data center capacity continues to outpace supply.",
  "The partnership gives the cloud provider exclusive rights to resell the service.",
  "Critics argued the benchmark results were not directly comparable with earlier work.",
  "The White House is reviewing the national security implications of the app.",
  "Officials said the investigation would examine whether outputs were used without permission.",
  "The feature is rolling out gradually and should reach all users within weeks.",
  "This post walks through how we built the evaluation harness and what we learned.",
  "Pricing starts at $20 per month for individuals, with a free tier for students.",
  "The firm expects revenue of about $3.2 billion for the quarter, above guidance.",
  "Engineers describe the approach in detail, including failure cases and ablations.",
  "The acquisition is expected to close in the second quarter, pending approval.",
  "Several lawmakers called for export controls on advanced accelerators.",
  "Users can now select the model from a drop-down menu in the composer.",
};

static char *
bench_summary (GRand *rand)
{
  g_autoptr(GString) s = g_string_new (NULL);

  while (s->len < 300)
    {
      if (s->len > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, bench_sentences[g_rand_int_range (rand, 0, G_N_ELEMENTS (bench_sentences))]);
    }
  g_string_truncate (s, 300);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static double
thread_cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Returns CPU seconds of this thread; *wall gets wall-clock seconds. */
static double
bench_run (SeismoTagger *tagger,
           char        **titles,
           char        **summaries,
           guint         n,
           guint        *n_tags,
           double       *wall)
{
  gint64 start = g_get_monotonic_time ();
  double cpu = thread_cpu_seconds ();

  *n_tags = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GPtrArray) tags = seismo_tagger_apply (tagger, titles[i], summaries[i]);

      *n_tags += tags->len;
    }
  *wall = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  return thread_cpu_seconds () - cpu;
}

static void
test_perf (void)
{
  g_autoptr(SeismoTagger) tagger = load_starter_tagger (TRUE);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) summaries = g_ptr_array_new_with_free_func (g_free);
  gsize chars = 0;
  guint n_tags, n_tags_slow;
  double cpu, wall, slow, slow_wall;

  for (guint i = 0; i < N_BENCH_ITEMS; i++)
    {
      const char *t = bench_titles[g_rand_int_range (rand, 0, G_N_ELEMENTS (bench_titles))];

      g_ptr_array_add (titles, g_strdup_printf ("%s (%u)", t, i));
      g_ptr_array_add (summaries, bench_summary (rand));
      chars += strlen (g_ptr_array_index (titles, i)) + strlen (g_ptr_array_index (summaries, i));
    }

  bench_run (tagger, (char **) titles->pdata, (char **) summaries->pdata, 100, &n_tags, &wall);
  cpu = bench_run (tagger, (char **) titles->pdata, (char **) summaries->pdata,
                   N_BENCH_ITEMS, &n_tags, &wall);
  seismo_tagger_set_prefilter (tagger, FALSE);
  slow = bench_run (tagger, (char **) titles->pdata, (char **) summaries->pdata,
                    N_BENCH_ITEMS / 20, &n_tags_slow, &slow_wall) * 20;

  g_test_minimized_result (cpu, "tagged %u items (%.0f chars each, %u rules) in %.3f s CPU",
                           N_BENCH_ITEMS, (double) chars / N_BENCH_ITEMS,
                           seismo_tagger_get_n_rules (tagger), cpu);
  g_printerr ("tagger: %u items, %.0f chars/item, %u rules: %.3f s CPU, %.3f s wall "
              "(%.2f µs/item), %.2f tags/item; without prefilter ~%.2f s CPU\n",
              N_BENCH_ITEMS, (double) chars / N_BENCH_ITEMS, seismo_tagger_get_n_rules (tagger),
              cpu, wall, cpu * 1e6 / N_BENCH_ITEMS, (double) n_tags / N_BENCH_ITEMS, slow);
  g_assert_cmpfloat (cpu, <, 1.0);
}

/* The starter data */

static GPtrArray *
vocabulary_from_tags_json (void)
{
  g_autoptr(JsonNode) root = load_starter_json ("tags.json");
  JsonArray *tags = json_object_get_array_member (json_node_get_object (root), "tags");
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (tags); i++)
    g_ptr_array_add (names, g_strdup (json_object_get_string_member (
                                        json_array_get_object_element (tags, i), "name")));
  return names;
}

static gboolean
str_in (GPtrArray  *list,
        const char *s)
{
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (g_ptr_array_index (list, i), s))
      return TRUE;
  return FALSE;
}

static void
test_starter_tags (void)
{
  g_autoptr(JsonNode) root = load_starter_json ("tags.json");
  g_autoptr(GPtrArray) names = vocabulary_from_tags_json ();
  g_autoptr(GHashTable) rules_per_tag = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *tags = json_object_get_array_member (json_node_get_object (root), "tags");
  JsonArray *rules = json_object_get_array_member (json_node_get_object (root), "rules");

  g_assert_cmpuint (names->len, ==, g_strv_length ((GStrv) vocabulary));
  for (guint i = 0; vocabulary[i] != NULL; i++)
    {
      JsonObject *tag = json_array_get_object_element (tags, i);
      const char *color = json_object_get_string_member (tag, "color");

      g_assert_cmpstr (g_ptr_array_index (names, i), ==, vocabulary[i]);
      g_assert_cmpuint (strlen (color), ==, 7);
      g_assert_true (color[0] == '#');
      for (guint k = 1; k < 7; k++)
        g_assert_true (g_ascii_isxdigit (color[k]));
      g_assert_cmpstr (json_object_get_string_member_with_default (tag, "description", ""), !=, "");
    }

  for (guint i = 0; i < json_array_get_length (rules); i++)
    {
      JsonObject *rule = json_array_get_object_element (rules, i);
      const char *tag = json_object_get_string_member (rule, "tag");
      const char *kind = json_object_get_string_member (rule, "kind");

      g_assert_true (str_in (names, tag));
      g_assert_true (g_str_equal (kind, "regex") || g_str_equal (kind, "keywords"));
      g_assert_nonnull (json_object_get_string_member (rule, "pattern"));
      g_assert_true (json_object_has_member (rule, "case_sensitive"));
      g_assert_true (json_object_has_member (rule, "weak"));
      g_assert_true (json_object_has_member (rule, "negative"));
      if (!json_object_get_boolean_member (rule, "negative"))
        g_hash_table_insert (rules_per_tag, (gpointer) tag, GINT_TO_POINTER (1));
    }
  /* every tag can be assigned by some rule */
  g_assert_cmpuint (g_hash_table_size (rules_per_tag), ==, names->len);
}

/* A sample response per preset, in the documented shapes (sources.md § D). */
static const struct { const char *url_prefix, *sample; } api_samples[] = {
  { "https://hn.algolia.com/",
    "{\"hits\": [{\"objectID\": \"42827601\", \"title\": \"DeepSeek R1\", \"url\": null,"
    " \"created_at\": \"2025-01-20T14:00:00Z\", \"story_text\": null}], \"nbHits\": 1}" },
  { "https://huggingface.co/api/models",
    "[{\"_id\": \"x\", \"id\": \"deepseek-ai/DeepSeek-R1\", \"createdAt\": \"2025-01-20T03:46:07.000Z\","
    " \"lastModified\": \"2025-02-24T03:30:31.000Z\", \"pipeline_tag\": \"text-generation\"}]" },
  { "https://huggingface.co/api/daily_papers",
    "[{\"paper\": {\"id\": \"2501.12948\", \"title\": \"DeepSeek-R1\", \"summary\": \"We introduce\","
    " \"publishedAt\": \"2025-01-22T15:19:35.000Z\"}, \"title\": \"DeepSeek-R1\"}]" },
  { "https://api.github.com/repos/",
    "[{\"id\": 195000000, \"tag_name\": \"v0.7.0\", \"name\": \"v0.7.0\", \"draft\": false,"
    " \"html_url\": \"https://github.com/vllm-project/vllm/releases/tag/v0.7.0\","
    " \"published_at\": \"2025-01-27T09:00:00Z\", \"body\": \"Highlights\"}]" },
};

/* The shipped mappings pass the validator `sources add --map` uses, and
 * read a sample answer of their API into one complete item. */
static void
check_mapping (const char *url,
               JsonObject *mapping)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), mapping);
  g_autofree char *text = json_to_string (node, FALSE);
  g_autoptr(GError) error = NULL;
  const char *sample = NULL;

  seismo_json_api_validate_mapping (text, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (api_samples); i++)
    if (g_str_has_prefix (url, api_samples[i].url_prefix))
      sample = api_samples[i].sample;
  if (sample != NULL)
    {
      g_autoptr(SeismoFeed) feed = seismo_json_api_parse (sample, strlen (sample), text, &error);
      SeismoFeedItem *item;

      g_assert_no_error (error);
      g_assert_cmpuint (feed->items->len, ==, 1);
      item = g_ptr_array_index (feed->items, 0);
      g_assert_nonnull (item->id);
      g_assert_nonnull (item->title);
      g_assert_true (g_str_has_prefix (item->link, "https://"));
      g_assert_cmpint (item->published, !=, SEISMO_NO_DATE);
    }
}

static void
test_starter_sources (void)
{
  static const char * const kinds[] = { "rss", "atom", "jsonfeed", "json-api", NULL };
  g_autoptr(JsonNode) root = load_starter_json ("sources.json");
  g_autoptr(GHashTable) urls = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *sources;
  guint n_enabled = 0, n_api = 0;

  g_assert_nonnull (root);
  sources = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (sources), >=, 20);
  for (guint i = 0; i < json_array_get_length (sources); i++)
    {
      JsonObject *source = json_array_get_object_element (sources, i);
      const char *url = json_object_get_string_member (source, "url");
      const char *kind = json_object_get_string_member (source, "kind");

      g_assert_true (g_str_has_prefix (url, "https://"));
      if (!g_hash_table_add (urls, (gpointer) url))
        g_error ("duplicate source url %s", url);
      g_assert_true (g_strv_contains (kinds, kind));
      g_assert_cmpstr (json_object_get_string_member_with_default (source, "title", ""), !=, "");
      g_assert_cmpstr (json_object_get_string_member_with_default (source, "folder", ""), !=, "");
      g_assert_cmpstr (json_object_get_string_member_with_default (source, "note", ""), !=, "");
      g_assert_true (JSON_NODE_HOLDS_VALUE (json_object_get_member (source, "enabled")));
      n_enabled += json_object_get_boolean_member (source, "enabled");
      if (g_str_equal (kind, "json-api"))
        {
          g_assert_true (json_object_has_member (source, "mapping"));
          check_mapping (url, json_object_get_object_member (source, "mapping"));
          n_api++;
        }
      else
        g_assert_false (json_object_has_member (source, "mapping"));
    }
  g_assert_cmpuint (n_api, >=, 3);
  g_assert_cmpuint (n_enabled, >=, 10);
  g_test_message ("%u sources, %u enabled", json_array_get_length (sources), n_enabled);
}

static GPtrArray *
company_slugs (void)
{
  static const char * const fallback[] = {
    "openai", "anthropic", "google", "meta", "microsoft", "nvidia", "deepseek", "alibaba",
    "mistral", "xai", "perplexity", "huggingface", "amazon", "apple", "amd", "intel", "tsmc",
    "baidu", "moonshot", "zhipu", "minimax", "bytedance", "cohere", "stability", "midjourney",
    "characterai", "inflection", "ssi", "thinkingmachines", "scale", "databricks",
    "us-whitehouse", "us-commerce", "eu-aioffice", "it-garante", NULL
  };
  g_autoptr(JsonNode) root = load_starter_json ("companies.json");
  GPtrArray *slugs = g_ptr_array_new_with_free_func (g_free);

  if (root == NULL)
    {
      for (guint i = 0; fallback[i] != NULL; i++)
        g_ptr_array_add (slugs, g_strdup (fallback[i]));
      return slugs;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (root)); i++)
    {
      JsonObject *company = json_array_get_object_element (json_node_get_array (root), i);

      g_ptr_array_add (slugs, g_strdup (json_object_get_string_member (company, "slug")));
    }
  return slugs;
}

static void
test_starter_events (void)
{
  g_autoptr(JsonNode) root = load_starter_json ("events.json");
  g_autoptr(GPtrArray) vocab = vocabulary_from_tags_json ();
  g_autoptr(GPtrArray) slugs = company_slugs ();
  g_autoptr(GHashTable) link_urls = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDateTime) week_start = g_date_time_new_utc (2025, 1, 20, 0, 0, 0);
  g_autoptr(GDateTime) week_end = g_date_time_new_utc (2025, 2, 3, 0, 0, 0);
  g_autoptr(GDateTime) previous = NULL;
  gboolean r1 = FALSE, nvidia = FALSE, distillation = FALSE;
  JsonArray *events;

  g_assert_nonnull (root);
  events = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (events), >=, 40);
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);
      const char *title = json_object_get_string_member (event, "title");
      const char *summary = json_object_get_string_member (event, "summary");
      const char *published = json_object_get_string_member (event, "published");
      JsonArray *tags = json_object_get_array_member (event, "tags");
      JsonArray *companies = json_object_get_array_member (event, "companies");
      JsonArray *links = json_object_get_array_member (event, "links");
      /* RFC 3339 in UTC, or a day alone (YYYY-MM-DD). */
      g_autofree char *full = strlen (published) == 10 ? g_strconcat (published, "T12:00:00Z", NULL)
                                                       : g_strdup (published);
      g_autoptr(GDateTime) date = g_date_time_new_from_iso8601 (full, NULL);
      g_autofree char *day = NULL;
      g_autofree char *text = g_strconcat (title, " ", summary, NULL);

      g_assert_nonnull (date);
      g_assert_true (g_str_has_suffix (full, "Z"));
      g_assert_cmpstr (title, !=, "");
      g_assert_cmpstr (summary, !=, "");
      if (strstr (summary, "nverified") != NULL && strstr (summary, "Unverified:") == NULL &&
          strstr (summary, "unverified") == NULL)
        g_error ("%s: unverified events lead with “Unverified:”", title);
      if (previous != NULL)
        g_assert_cmpint (g_date_time_compare (previous, date), <=, 0);
      g_clear_pointer (&previous, g_date_time_unref);
      previous = g_date_time_ref (date);

      for (guint k = 0; k < json_array_get_length (tags); k++)
        if (!str_in (vocab, json_array_get_string_element (tags, k)))
          g_error ("%s: tag %s is not in tags.json", title, json_array_get_string_element (tags, k));
      g_assert_cmpuint (json_array_get_length (companies), >=, 1);
      for (guint k = 0; k < json_array_get_length (companies); k++)
        if (!str_in (slugs, json_array_get_string_element (companies, k)))
          g_error ("%s: unknown company %s", title, json_array_get_string_element (companies, k));
      g_assert_cmpuint (json_array_get_length (links), >=, 1);
      for (guint k = 0; k < json_array_get_length (links); k++)
        {
          JsonObject *link = json_array_get_object_element (links, k);
          const char *url = json_object_get_string_member (link, "url");

          g_assert_true (g_str_has_prefix (url, "https://"));
          g_assert_cmpstr (json_object_get_string_member_with_default (link, "outlet", ""), !=, "");
          /* the loader keys an event on its first link: no link twice */
          if (!g_hash_table_add (link_urls, (gpointer) url))
            g_error ("link %s is used twice", url);
        }

      day = g_date_time_format (date, "%F");
      if (g_str_equal (day, "2025-01-20") && strstr (title, "R1") != NULL)
        r1 = TRUE;
      if (g_str_equal (day, "2025-01-27") && strstr (text, "NVIDIA") != NULL &&
          strstr (text, "17%") != NULL)
        nvidia = TRUE;
      if (g_date_time_compare (date, week_start) >= 0 && g_date_time_compare (date, week_end) < 0 &&
          strstr (text, "distillation") != NULL)
        distillation = TRUE;
    }
  g_assert_true (r1);
  g_assert_true (nvidia);
  g_assert_true (distillation);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tagger/regression", test_regression);
  g_test_add_func ("/tagger/negative-rules", test_negative_rules);
  g_test_add_func ("/tagger/bad-rules", test_bad_rules);
  g_test_add_func ("/tagger/keywords", test_keywords);
  g_test_add_func ("/tagger/title-vs-summary", test_title_vs_summary);
  g_test_add_func ("/tagger/cap", test_cap);
  g_test_add_func ("/tagger/prior", test_prior);
  g_test_add_func ("/tagger/prefilter-equivalence", test_prefilter_equivalence);
  g_test_add_func ("/starter/tags", test_starter_tags);
  g_test_add_func ("/starter/sources", test_starter_sources);
  g_test_add_func ("/starter/events", test_starter_events);
  if (g_test_perf ())
    g_test_add_func ("/tagger/perf", test_perf);

  return g_test_run ();
}
