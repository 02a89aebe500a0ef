/* gen-feeds.c — N feeds × M items of AI-industry news, deterministic
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

/* The corpus bench-refresh.py refreshes: RSS 2.0, Atom 1.0 and JSON Feed
 * 1.1 in turn, items spread over 30 days before --now, text that names the
 * starter pack's companies (so the matcher, the tagger and the clustering
 * all work as on real news), and one story in eight syndicated: told again
 * by other feeds in other words, at the same address with tracking
 * parameters or at their own. Same arguments, same bytes.
 *
 *   gen-feeds --feeds 1000 --items 100 --out DIR [--now UNIX]
 *
 * writes DIR/feed-0000.xml … and DIR/feeds.txt ("file kind" per line). */

#define DAY (24 * 3600)

static const char * const companies[] = {
  "OpenAI", "Anthropic", "Google DeepMind", "Meta", "Microsoft", "NVIDIA", "DeepSeek", "Alibaba",
  "Mistral AI", "xAI", "Perplexity", "Hugging Face", "AWS", "Apple", "AMD", "Intel", "TSMC",
  "Baidu", "Moonshot AI", "Zhipu AI", "MiniMax", "ByteDance", "Cohere", "Stability AI",
  "Midjourney", "Scale AI", "Databricks", "Oracle", "SoftBank", "Broadcom", "Huawei", "Tencent",
  "Samsung", "SK hynix", "CoreWeave", "Groq", "Cerebras", "Runway", "ElevenLabs", "Together AI",
};

static const char * const models[] = {
  "GPT-5", "o4-mini", "Claude Sonnet 4", "Gemini 2.5 Pro", "Llama 4 Maverick", "Phi-4",
  "Nemotron-4", "DeepSeek-V3", "DeepSeek-R1", "Qwen3-235B", "Mistral Medium 3", "Grok 3",
  "Sonar Pro", "SmolLM3", "Amazon Nova Pro", "OpenELM", "ERNIE 4.5", "Kimi K2", "GLM-4.5",
  "MiniMax-M1", "Doubao 1.5", "Command A", "Stable Diffusion 3.5", "Midjourney v7",
};

static const char * const topics[] = {
  "AI agents", "data-centre power", "inference chips", "open-weight models", "code assistants",
  "enterprise search", "robotics", "drug discovery", "safety evaluations", "on-device AI",
  "video generation", "speech synthesis", "sovereign AI clouds", "HBM memory supply",
  "model distillation", "copyright licensing", "export controls", "long-context reasoning",
};

static const char * const issues[] = {
  "training-data copyright", "user privacy", "export-control compliance", "market dominance",
  "misleading benchmark claims", "child safety", "data transfers to China", "model distillation",
};

static const char * const cities[] = {
  "San Francisco", "Beijing", "Paris", "London", "Hangzhou", "Seattle", "Zürich", "Seoul",
  "Tokyo", "Austin", "Shenzhen", "Toronto",
};

/* General news words: each item gets sentences of its own from these, as
 * real items have, so that unrelated items share few words. */
static const char * const words[] = {
  "analysts", "revenue", "customers", "developers", "engineers", "researchers", "regulators",
  "investors", "chips", "servers", "clusters", "tokens", "benchmarks", "weights", "licences",
  "contracts", "partners", "markets", "startups", "budgets", "forecasts", "margins", "teams",
  "users", "subscribers", "enterprises", "governments", "lawmakers", "courts", "publishers",
  "artists", "authors", "datasets", "pipelines", "agents", "assistants", "plugins", "APIs",
  "latency", "throughput", "accuracy", "reasoning", "memory", "bandwidth", "power", "cooling",
  "capacity", "supply", "demand", "prices", "costs", "savings", "hiring", "layoffs", "talent",
  "safety", "alignment", "privacy", "security", "compliance", "audits", "filings", "earnings",
  "guidance", "roadmap", "preview", "beta", "launch", "rollout", "upgrade", "migration",
  "integration", "adoption", "pilot", "trial", "deployment", "expansion", "acquisition",
  "merger", "stake", "valuation", "round", "debt", "bond", "grant", "subsidy", "tariff",
  "export", "import", "ban", "probe", "lawsuit", "settlement", "verdict", "appeal", "hearing",
  "testimony", "letter", "memo", "blog", "keynote", "interview", "podcast", "report", "survey",
  "study", "paper", "preprint", "leaderboard", "evaluation", "red-teaming", "jailbreak",
  "watermark", "provenance", "copyright", "trademark", "patent", "standard", "protocol",
  "framework", "toolkit", "library", "runtime", "compiler", "kernel", "driver", "firmware",
  "network", "interconnect", "switch", "optics", "wafer", "foundry", "packaging", "substrate",
  "yield", "node", "fab", "plant", "campus", "region", "zone", "grid", "turbine", "reactor",
  "battery", "solar", "water", "land", "permit", "zoning", "council", "ministry", "agency",
  "commission", "parliament", "senate", "congress", "treaty", "summit", "coalition", "alliance",
  "consortium", "foundation", "nonprofit", "university", "lab", "institute", "hospital", "bank",
  "insurer", "retailer", "carmaker", "airline", "telecom", "broadcaster", "newspaper", "studio",
  "quietly", "sharply", "slowly", "abruptly", "publicly", "privately", "jointly", "partly",
  "expanded", "trimmed", "doubled", "halved", "paused", "resumed", "delayed", "accelerated",
  "confirmed", "denied", "disclosed", "hinted", "warned", "argued", "estimated", "projected",
  "cheaper", "faster", "larger", "smaller", "safer", "riskier", "stronger", "weaker", "newer",
  "first", "second", "third", "final", "early", "late", "annual", "quarterly", "monthly",
  "global", "regional", "domestic", "foreign", "federal", "municipal", "academic", "commercial",
};

typedef struct
{
  guint64 state;
} Rng;

static guint32
next (Rng *rng)
{
  /* splitmix64: deterministic on every platform. */
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return (guint32) ((z ^ (z >> 31)) >> 32);
}

static guint
pick (Rng   *rng,
      guint  n)
{
  return next (rng) % n;
}

#define ONE_OF(rng, array) ((array)[pick ((rng), G_N_ELEMENTS (array))])

typedef struct
{
  char   *title;
  char   *summary;
  char   *url;
  gint64  published;
} Story;

/* One story; @wording picks one of the ways feeds tell it. */
static Story
story_new (guint64 seed,
           guint   wording,
           gint64  now)
{
  Rng rng = { seed };
  const char *c = ONE_OF (&rng, companies), *c2 = ONE_OF (&rng, companies);
  const char *m = ONE_OF (&rng, models), *t = ONE_OF (&rng, topics), *city = ONE_OF (&rng, cities);
  const char *issue = ONE_OF (&rng, issues);
  guint n = 1 + pick (&rng, 40), p = 2 + pick (&rng, 25), kind = pick (&rng, 10);
  g_autofree char *title = NULL;
  GString *summary = g_string_new (NULL);
  Story story;

  switch (kind)
    {
    case 0:
      title = g_strdup_printf (wording % 2 ? "%s releases %s, its most capable model for %s"
                                           : "%s launches %s with a focus on %s", c, m, t);
      break;
    case 1:
      title = g_strdup_printf (wording % 2 ? "%s raises $%u billion in a round led by %s"
                                           : "%s secures $%u billion from investors including %s",
                               c, n, c2);
      break;
    case 2:
      title = g_strdup_printf (wording % 2 ? "%s and %s announce a partnership on %s"
                                           : "%s teams up with %s to work on %s", c, c2, t);
      break;
    case 3:
      title = g_strdup_printf (wording % 2 ? "%s shares fall %u%% after %s unveils %s"
                                           : "%s stock drops %u%% as %s's %s rattles investors",
                               c, p, c2, m);
      break;
    case 4:
      title = g_strdup_printf (wording % 2 ? "Regulators open an inquiry into %s over %s"
                                           : "%s faces a probe over %s", c, issue);
      break;
    case 5:
      title = g_strdup_printf (wording % 2 ? "%s open-sources the weights of %s"
                                           : "%s publishes %s as an open-weight model", c, m);
      break;
    case 6:
      title = g_strdup_printf (wording % 2 ? "%s hires a former %s executive to lead %s"
                                           : "Former %2$s leader joins %1$s to run %3$s", c, c2, t);
      break;
    case 7:
      title = g_strdup_printf (wording % 2 ? "%s cuts %s API prices by %u%%"
                                           : "%s makes %s %u%% cheaper for developers", c, m, p);
      break;
    case 8:
      title = g_strdup_printf (wording % 2 ? "%s plans a $%u billion data centre near %s"
                                           : "%s to build $%u billion AI campus outside %s",
                               c, n, city);
      break;
    default:
      title = g_strdup_printf (wording % 2 ? "Researchers at %s publish a paper on %s"
                                           : "New %s research from %s", wording % 2 ? c : t,
                               wording % 2 ? t : c);
      break;
    }

  /* Headlines of a kind share a pattern, not their words. */
  {
    g_autofree char *pattern = g_steal_pointer (&title);
    const char *w1 = ONE_OF (&rng, words), *w2 = ONE_OF (&rng, words), *w3 = ONE_OF (&rng, words);

    title = g_strdup_printf (wording % 2 ? "%s: %s %s %s" : "%s, %s %s %s", pattern, w1, w2, w3);
  }

  g_string_append_printf (summary, wording % 2 ? "%1$s said in %2$s that the work on %3$s had "
                                                 "taken %4$u months. "
                                               : "According to %1$s, its team in %2$s spent %4$u "
                                                 "months on %3$s. ",
                          c, city, t, 2 + n % 18);
  /* The story's own words: the same in every feed that carries it. */
  for (guint sentence = 0, count = 2 + pick (&rng, 3); sentence < count; sentence++)
    {
      guint length = 8 + pick (&rng, 10);

      for (guint w = 0; w < length; w++)
        {
          const char *word = ONE_OF (&rng, words);

          if (w == 0)
            g_string_append_printf (summary, "%c%s", g_ascii_toupper (word[0]), word + 1);
          else
            g_string_append_printf (summary, " %s", word);
          if (w == length / 2 && pick (&rng, 3) == 0)
            g_string_append_printf (summary, " at %s, with %s and %s", c2, m, issue);
        }
      g_string_append (summary, ". ");
    }
  g_string_append_printf (summary, "Shares of %s moved %u%% in early trading.", c, p % 9 + 1);

  story.title = g_steal_pointer (&title);
  story.summary = g_string_free (summary, FALSE);
  story.url = g_strdup_printf ("https://news.example.com/%04u/%08x",
                               (guint) (seed % 9000) + 1000, next (&rng));
  story.published = now - (gint64) pick (&rng, 30 * DAY);
  return story;
}

static void
story_clear (Story *story)
{
  g_free (story->title);
  g_free (story->summary);
  g_free (story->url);
}

/* Writers */

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_date (GString    *out,
             gint64      when,
             gboolean    rfc822)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (when);
  static const char * const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char * const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

  if (rfc822)
    g_string_append_printf (out, "%s, %02d %s %d %02d:%02d:%02d +0000",
                            days[g_date_time_get_day_of_week (date) - 1],
                            g_date_time_get_day_of_month (date),
                            months[g_date_time_get_month (date) - 1], g_date_time_get_year (date),
                            g_date_time_get_hour (date), g_date_time_get_minute (date),
                            g_date_time_get_second (date));
  else
    {
      g_autofree char *iso = g_date_time_format (date, "%Y-%m-%dT%H:%M:%SZ");

      g_string_append (out, iso);
    }
}

typedef enum { RSS, ATOM, JSONFEED } Format;

static void
write_item (GString     *out,
            Format       format,
            const char  *guid,
            const Story *story,
            const char  *url)
{
  g_autofree char *title = g_markup_escape_text (story->title, -1);
  g_autofree char *link = g_markup_escape_text (url, -1);
  g_autofree char *html = g_strdup_printf ("<p>%s</p>", story->summary);
  g_autofree char *summary = g_markup_escape_text (html, -1);

  switch (format)
    {
    case RSS:
      g_string_append_printf (out, "<item><title>%s</title><link>%s</link>"
                              "<guid isPermaLink=\"false\">%s</guid><pubDate>", title, link, guid);
      append_date (out, story->published, TRUE);
      g_string_append_printf (out, "</pubDate><description>%s</description></item>\n", summary);
      break;
    case ATOM:
      g_string_append_printf (out, "<entry><title>%s</title><link href=\"%s\"/>"
                              "<id>urn:bench:%s</id><published>", title, link, guid);
      append_date (out, story->published, FALSE);
      g_string_append (out, "</published><updated>");
      append_date (out, story->published, FALSE);
      g_string_append_printf (out, "</updated><summary type=\"html\">%s</summary></entry>\n",
                              summary);
      break;
    case JSONFEED:
      g_string_append (out, "{\"id\": ");
      append_json_string (out, guid);
      g_string_append (out, ", \"url\": ");
      append_json_string (out, url);
      g_string_append (out, ", \"title\": ");
      append_json_string (out, story->title);
      g_string_append (out, ", \"content_html\": ");
      append_json_string (out, html);
      g_string_append (out, ", \"date_published\": \"");
      append_date (out, story->published, FALSE);
      g_string_append (out, "\"}");
      break;
    }
}

static char *
feed_text (guint  index,
           guint  n_items,
           guint  n_shared,
           gint64 now)
{
  Format format = index % 3;
  GString *out = g_string_new (NULL);
  Rng rng = { G_GUINT64_CONSTANT (0x5EED0000) + index };
  g_autofree char *name = g_strdup_printf ("AI Wire %04u", index);

  if (format == RSS)
    g_string_append_printf (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">"
                            "<channel><title>%s</title><link>https://wire%04u.example.com/</link>"
                            "<description>AI industry news</description>\n", name, index);
  else if (format == ATOM)
    g_string_append_printf (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>%s</title>"
                            "<id>urn:bench:feed:%04u</id><updated>", name, index);
  else
    g_string_append_printf (out, "{\"version\": \"https://jsonfeed.org/version/1.1\", "
                            "\"title\": \"%s\", \"home_page_url\": "
                            "\"https://wire%04u.example.com/\", \"items\": [\n", name, index);
  if (format == ATOM)
    {
      append_date (out, now, FALSE);
      g_string_append_printf (out, "</updated><link href=\"https://wire%04u.example.com/\"/>\n",
                              index);
    }

  for (guint i = 0; i < n_items; i++)
    {
      g_autofree char *guid = g_strdup_printf ("wire%04u-%05u", index, i);
      g_autofree char *url = NULL;
      gboolean shared = pick (&rng, 8) == 0;
      Story story;

      if (shared)
        {
          /* A story several feeds carry, in one of two wordings. */
          guint which = pick (&rng, n_shared);

          story = story_new (G_GUINT64_CONSTANT (0xA11CE) * (which + 1), pick (&rng, 2), now);
          story.published += pick (&rng, 6 * 3600);
          url = pick (&rng, 2) == 0 ? g_strdup_printf ("%s?utm_source=wire%04u&utm_medium=rss",
                                                       story.url, index)
                                    : g_strdup_printf ("https://wire%04u.example.com/%s", index,
                                                       guid);
        }
      else
        {
          story = story_new (((guint64) index << 32) | i, pick (&rng, 2), now);
          url = g_strdup_printf ("https://wire%04u.example.com/%s", index, guid);
        }
      if (format == JSONFEED && i > 0)
        g_string_append (out, ",\n");
      write_item (out, format, guid, &story, url);
      story_clear (&story);
    }

  g_string_append (out, format == RSS ? "</channel></rss>\n"
                        : format == ATOM ? "</feed>\n" : "]}\n");
  return g_string_free (out, FALSE);
}

int
main (int    argc,
      char **argv)
{
  int n_feeds = 1000, n_items = 100;
  gint64 now = 0;
  g_autofree char *out_dir = NULL;
  const GOptionEntry entries[] = {
    { "feeds", 0, 0, G_OPTION_ARG_INT, &n_feeds, "Number of feeds (1000)", "N" },
    { "items", 0, 0, G_OPTION_ARG_INT, &n_items, "Items per feed (100)", "M" },
    { "now", 0, 0, G_OPTION_ARG_INT64, &now, "Newest date, Unix seconds (today, 00:00 UTC)", "T" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_dir, "Folder to write", "DIR" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— write benchmark feeds");
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *list_path = NULL;
  gsize bytes = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || out_dir == NULL ||
      n_feeds <= 0 || n_items < 0)
    {
      g_printerr ("gen-feeds: %s\n", error != NULL ? error->message : "--out DIR is required");
      return 2;
    }
  /* Today at midnight: the dates stay within the clustering window of a
   * refresh run today, and the files stay the same all day. */
  if (now == 0)
    now = g_get_real_time () / G_USEC_PER_SEC / DAY * DAY;
  if (g_mkdir_with_parents (out_dir, 0755) != 0)
    {
      g_printerr ("gen-feeds: cannot create %s\n", out_dir);
      return 1;
    }

  for (int f = 0; f < n_feeds; f++)
    {
      static const char * const kinds[] = { "rss", "atom", "jsonfeed" };
      static const char * const extensions[] = { "xml", "atom", "json" };
      g_autofree char *name = g_strdup_printf ("feed-%04d.%s", f, extensions[f % 3]);
      g_autofree char *path = g_build_filename (out_dir, name, NULL);
      g_autofree char *text = feed_text (f, n_items, MAX (1, n_feeds * n_items / 64), now);

      if (!g_file_set_contents (path, text, -1, &error))
        {
          g_printerr ("gen-feeds: %s\n", error->message);
          return 1;
        }
      bytes += strlen (text);
      g_string_append_printf (list, "%s %s\n", name, kinds[f % 3]);
    }
  list_path = g_build_filename (out_dir, "feeds.txt", NULL);
  if (!g_file_set_contents (list_path, list->str, -1, &error))
    {
      g_printerr ("gen-feeds: %s\n", error->message);
      return 1;
    }
  g_print ("%d feeds x %d items, %.1f MB, in %s\n", n_feeds, n_items, bytes / 1e6, out_dir);
  return 0;
}
