/* seismo-cluster.c — which timeline event a new item belongs to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "seismo-cluster.h"
#include "seismo-tokens-private.h"

/* Several outlets report one happening in different words; the timeline
 * should show it once. The index keeps, for each recent event, the bag of
 * words of its items and its companies. A new item joins an event when it
 * has the same canonical URL, or when — within the window — it shares a
 * company and its words are close to the event's: cosine similarity of
 * tf-idf vectors, where document frequencies are the index's own (so
 * "DeepSeek" weighs little in the week everyone writes about it).
 *
 * Candidates come from an inverted index (token → events), skipping
 * tokens too common to discriminate. Events older than the window behind
 * the newest time seen are evicted, which bounds memory. The index is not
 * thread-safe: one refresh owns it at a time. */

/* The constants below were tuned on tests/fixtures/headlines.json (the
 * DeepSeek week, with its deliberate near misses) and checked against
 * held-out headlines and the order the items arrive in; see
 * tests/test-cluster.c. */
#define WINDOW            (72 * 3600)
#define RETENTION         (WINDOW + 24 * 3600) /* late items may still join */
#define SWEEP_EVERY       (12 * 3600)
#define PRIOR_DOCS        20.0   /* pseudo-events: keeps idf sane in a young index */
#define TITLE_WEIGHT      2.0f   /* a headline states the happening; a summary wanders */
#define THRESHOLD         0.225
#define THRESHOLD_NO_CO   0.375  /* when either side has no company to share */
#define DECAY             0.7    /* similarity lost at the far edge of the window */
#define MAX_SCORED        8
#define POSTING_BUDGET    3000   /* postings visited per query, rarest words first */
#define LOG_TABLE         4096

typedef struct
{
  char      *text;
  guint32    id;
  guint      df;       /* live events containing it */
  gboolean   stop;
  GPtrArray *postings; /* Event*, dead ones purged at sweeps */
} Token;

typedef struct
{
  guint32 id;
  float   w;
} Term;

typedef struct
{
  gint64     id;
  gint64     oldest;
  gint64     newest;
  guint      n_items;
  Term      *terms;    /* sorted by id */
  guint      n_terms;
  guint      cap_terms;
  GArray    *companies; /* gint64 */
  GPtrArray *urls;
  double     acc;
  guint      stamp;
  gboolean   dead;
} Event;

/* A tokenised item: its terms, sorted by id, merged. */
typedef struct
{
  GArray *terms; /* Term */
} Bag;

struct _SeismoCluster
{
  GHashTable *vocab;      /* text → Token* */
  GPtrArray  *tokens;     /* id → Token* or NULL */
  GArray     *free_ids;   /* guint32 */
  GHashTable *events;     /* &id → Event* */
  GHashTable *urls;       /* url → Event* */
  gint64      newest_seen;
  gint64      last_sweep;
  guint       stamp;
  double      log_table[LOG_TABLE];

  /* the pipeline asks find() then add() with the same item: keep its bag */
  char       *cached_title;
  char       *cached_summary;
  GArray     *cached_terms;
};

G_DEFINE_BOXED_TYPE (SeismoCluster, seismo_cluster, seismo_cluster_ref, seismo_cluster_unref)

static void
token_free (gpointer data)
{
  Token *t = data;

  if (t == NULL)
    return;
  g_free (t->text);
  g_ptr_array_unref (t->postings);
  g_free (t);
}

static void
event_free (gpointer data)
{
  Event *e = data;

  g_free (e->terms);
  g_array_unref (e->companies);
  g_ptr_array_unref (e->urls);
  g_free (e);
}

static void
invalidate_cache (SeismoCluster *self)
{
  g_clear_pointer (&self->cached_title, g_free);
  g_clear_pointer (&self->cached_summary, g_free);
  g_array_set_size (self->cached_terms, 0);
}

static void
cluster_finalize (gpointer data)
{
  SeismoCluster *self = data;
  GHashTableIter iter;
  gpointer value;

  invalidate_cache (self);
  g_array_unref (self->cached_terms);
  g_hash_table_unref (self->urls);
  g_hash_table_iter_init (&iter, self->events);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    event_free (value);
  g_hash_table_unref (self->events);
  g_hash_table_unref (self->vocab);
  g_ptr_array_unref (self->tokens);
  g_array_unref (self->free_ids);
}

/* ---- vocabulary -------------------------------------------------------- */

static Token *
intern (SeismoCluster *self,
        const char    *text)
{
  Token *t = g_hash_table_lookup (self->vocab, text);

  if (t != NULL)
    return t;

  t = g_new0 (Token, 1);
  t->text = g_strdup (text);
  t->stop = _seismo_token_is_stop (text);
  t->postings = g_ptr_array_new ();
  if (self->free_ids->len > 0)
    {
      t->id = g_array_index (self->free_ids, guint32, self->free_ids->len - 1);
      g_array_set_size (self->free_ids, self->free_ids->len - 1);
      self->tokens->pdata[t->id] = t;
    }
  else
    {
      t->id = self->tokens->len;
      g_ptr_array_add (self->tokens, t);
    }
  g_hash_table_insert (self->vocab, t->text, t);
  return t;
}

static inline Token *
token_at (SeismoCluster *self,
          guint32        id)
{
  return self->tokens->pdata[id];
}

static double
log_of (SeismoCluster *self,
        guint          n)
{
  return n < LOG_TABLE ? self->log_table[n] : log ((double) n);
}

/* Inverse document frequency against the live events plus a few empty
 * pseudo-events, computed from a table: it is needed for every term of
 * every scored candidate. */
static inline double
idf (SeismoCluster *self,
     double         log_total,
     const Token   *t)
{
  return log_total - log_of (self, t->df + 1);
}

/* ---- tokenising an item ------------------------------------------------ */

typedef struct
{
  SeismoCluster *self;
  GArray        *terms;
  float          weight;
} Collect;

static void
collect_cb (const char *token,
            gsize       len,
            gpointer    user_data)
{
  Collect *c = user_data;
  Token *t = intern (c->self, token);
  Term term = { t->id, c->weight };

  if (!t->stop)
    g_array_append_val (c->terms, term);
}

static int
compare_terms (gconstpointer a,
               gconstpointer b)
{
  const Term *ta = a, *tb = b;

  return ta->id < tb->id ? -1 : (ta->id > tb->id ? 1 : 0);
}

/* Fills the cache with the item's distinct terms, a word in the title
 * weighing more than one only in the summary. */
static const GArray *
bag_of (SeismoCluster *self,
        const char    *title,
        const char    *summary)
{
  Collect c = { self, self->cached_terms, TITLE_WEIGHT };
  guint n = 0;

  if (self->cached_title != NULL && g_strcmp0 (title, self->cached_title) == 0 &&
      g_strcmp0 (summary, self->cached_summary) == 0)
    return self->cached_terms;

  invalidate_cache (self);
  self->cached_title = g_strdup (title != NULL ? title : "");
  self->cached_summary = g_strdup (summary);
  _seismo_tokenize (title, collect_cb, &c);
  c.weight = 1.0f;
  _seismo_tokenize (summary, collect_cb, &c);

  g_array_sort (c.terms, compare_terms);
  for (guint i = 0; i < c.terms->len; i++)
    {
      Term *t = &g_array_index (c.terms, Term, i);

      if (n > 0 && g_array_index (c.terms, Term, n - 1).id == t->id)
        {
          Term *prev = &g_array_index (c.terms, Term, n - 1);
          prev->w = MAX (prev->w, t->w);
        }
      else
        g_array_index (c.terms, Term, n++) = *t;
    }
  g_array_set_size (c.terms, n);
  return c.terms;
}

/* ---- scoring ----------------------------------------------------------- */

static gboolean
shares_company (const Event  *e,
                const gint64 *ids,
                guint         n)
{
  for (guint i = 0; i < n; i++)
    for (guint k = 0; k < e->companies->len; k++)
      if (g_array_index (e->companies, gint64, k) == ids[i])
        return TRUE;
  return FALSE;
}

static gboolean
in_window (const Event *e,
           gint64       published)
{
  return published >= e->oldest - WINDOW && published <= e->newest + WINDOW;
}

/* Reports of one happening come out within hours of each other; a day or
 * two later the same words usually describe a follow-up (the rebound after
 * the sell-off, the ban after the inquiry). So similarity fades with the
 * distance from the event's items, reaching 1 - DECAY at the window's edge. */
static double
freshness (const Event *e,
           gint64       published)
{
  gint64 gap = 0;

  if (published < e->oldest)
    gap = e->oldest - published;
  else if (published > e->newest)
    gap = published - e->newest;
  return 1.0 - DECAY * MIN (1.0, (double) gap / WINDOW);
}

/* Cosine between the item's tf-idf vector and the event's mean vector. */
static double
cosine (SeismoCluster *self,
        double         log_total,
        const GArray  *bag,
        const Event   *e)
{
  double dot = 0, qq = 0, ee = 0;
  guint i = 0, k = 0;

  while (i < bag->len || k < e->n_terms)
    {
      const Term *q = i < bag->len ? &g_array_index (bag, Term, i) : NULL;
      const Term *t = k < e->n_terms ? &e->terms[k] : NULL;

      if (q != NULL && (t == NULL || q->id < t->id))
        {
          double w = q->w * idf (self, log_total, token_at (self, q->id));
          qq += w * w;
          i++;
        }
      else if (t != NULL && (q == NULL || t->id < q->id))
        {
          double w = t->w / e->n_items * idf (self, log_total, token_at (self, t->id));
          ee += w * w;
          k++;
        }
      else
        {
          double x = idf (self, log_total, token_at (self, q->id));
          double wq = q->w * x, we = t->w / e->n_items * x;

          qq += wq * wq;
          ee += we * we;
          dot += wq * we;
          i++, k++;
        }
    }
  return (qq > 0 && ee > 0) ? dot / sqrt (qq * ee) : 0;
}

typedef struct
{
  Token  *token;
  double  weight;   /* item weight × idf² */
} Probe;

static int
compare_probes (gconstpointer a,
                gconstpointer b)
{
  const Probe *pa = a, *pb = b;

  return pa->token->df < pb->token->df ? -1 : (pa->token->df > pb->token->df ? 1 : 0);
}

/* Keeps the best few events by accumulated overlap, best first. */
static void
keep_best (Event  **best,
           guint   *n_best,
           Event   *e)
{
  guint i;

  for (i = 0; i < *n_best; i++)
    if (best[i] == e)
      break;
  if (i == *n_best)
    {
      if (*n_best < MAX_SCORED)
        (*n_best)++;
      else if (e->acc <= best[MAX_SCORED - 1]->acc)
        return;
      i = *n_best - 1;
    }
  /* bubble up */
  while (i > 0 && best[i - 1]->acc < e->acc)
    {
      best[i] = best[i - 1];
      i--;
    }
  best[i] = e;
}

/* Events sharing a word with the item, ranked by a cheap idf-weighted
 * overlap so that only the best few get a full cosine. Rare words are
 * looked up first and the number of postings visited is bounded: the
 * words that decide a match are the rare ones, and a word every other
 * event uses would cost a scan of half the index. */
static guint
candidates (SeismoCluster *self,
            double         log_total,
            const GArray  *bag,
            gint64         published,
            Event        **best)
{
  Probe stack_probes[256];
  g_autofree Probe *heap_probes = NULL;
  Probe *probes = stack_probes;
  guint n_probes = 0, n_best = 0, budget = POSTING_BUDGET;

  if (bag->len > G_N_ELEMENTS (stack_probes))
    probes = heap_probes = g_new (Probe, bag->len);

  self->stamp++;
  for (guint i = 0; i < bag->len; i++)
    {
      const Term *q = &g_array_index (bag, Term, i);
      Token *t = token_at (self, q->id);
      double x;

      if (t->df == 0)
        continue;
      x = idf (self, log_total, t);
      probes[n_probes++] = (Probe) { t, q->w * x * x };
    }
  qsort (probes, n_probes, sizeof (Probe), compare_probes);

  for (guint i = 0; i < n_probes; i++)
    {
      GPtrArray *postings = probes[i].token->postings;

      if (postings->len > budget)
        break;
      budget -= postings->len;
      for (guint k = 0; k < postings->len; k++)
        {
          Event *e = postings->pdata[k];

          if (e->dead || !in_window (e, published))
            continue;
          if (e->stamp != self->stamp)
            {
              e->stamp = self->stamp;
              e->acc = 0;
            }
          e->acc += probes[i].weight;
          keep_best (best, &n_best, e);
        }
    }
  return n_best;
}

/* ---- eviction ------------------------------------------------------------ */

static void
drop_event (SeismoCluster *self,
            Event         *e)
{
  for (guint i = 0; i < e->n_terms; i++)
    token_at (self, e->terms[i].id)->df--;
  for (guint i = 0; i < e->urls->len; i++)
    if (g_hash_table_lookup (self->urls, e->urls->pdata[i]) == e)
      g_hash_table_remove (self->urls, e->urls->pdata[i]);
  e->dead = TRUE;
}

/* Drops events that ended more than the retention before the newest item,
 * purges them from the postings and frees tokens nobody uses. */
static void
sweep (SeismoCluster *self)
{
  g_autoptr(GPtrArray) dead = g_ptr_array_new_with_free_func (event_free);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->events);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Event *e = value;

      if (e->newest < self->newest_seen - RETENTION)
        {
          drop_event (self, e);
          g_hash_table_iter_remove (&iter);
          g_ptr_array_add (dead, e);
        }
    }

  for (guint id = 0; id < self->tokens->len; id++)
    {
      Token *t = self->tokens->pdata[id];
      guint n = 0;

      if (t == NULL)
        continue;
      for (guint k = 0; k < t->postings->len; k++)
        if (!((Event *) t->postings->pdata[k])->dead)
          t->postings->pdata[n++] = t->postings->pdata[k];
      g_ptr_array_set_size (t->postings, n);
      if (n == 0 && t->df == 0)
        {
          g_hash_table_remove (self->vocab, t->text);
          self->tokens->pdata[id] = NULL;
          g_array_append_val (self->free_ids, t->id);
          token_free (t);
        }
    }

  invalidate_cache (self);
  self->last_sweep = self->newest_seen;
}

/* ---- merging an item into an event ------------------------------------- */

static void
event_add_term (Event   *e,
                Token   *t,
                float    w)
{
  guint lo = 0, hi = e->n_terms;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (e->terms[mid].id < t->id)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < e->n_terms && e->terms[lo].id == t->id)
    {
      e->terms[lo].w += w;
      return;
    }

  if (e->n_terms == e->cap_terms)
    {
      e->cap_terms = MAX (16, e->cap_terms * 2);
      e->terms = g_renew (Term, e->terms, e->cap_terms);
    }
  memmove (&e->terms[lo + 1], &e->terms[lo], (e->n_terms - lo) * sizeof (Term));
  e->terms[lo].id = t->id;
  e->terms[lo].w = w;
  e->n_terms++;
  t->df++;
  g_ptr_array_add (t->postings, e);
}

static Event *
event_new (SeismoCluster *self,
           gint64         event_id,
           gint64         published)
{
  Event *e = g_new0 (Event, 1);

  e->id = event_id;
  e->oldest = e->newest = published;
  e->companies = g_array_new (FALSE, FALSE, sizeof (gint64));
  e->urls = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_insert (self->events, &e->id, e);
  return e;
}

/* ---- public API -------------------------------------------------------- */

SeismoCluster *
seismo_cluster_new (void)
{
  SeismoCluster *self = g_atomic_rc_box_new0 (SeismoCluster);

  self->vocab = g_hash_table_new (g_str_hash, g_str_equal);
  self->tokens = g_ptr_array_new_with_free_func (token_free);
  self->free_ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->events = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->urls = g_hash_table_new (g_str_hash, g_str_equal);
  self->cached_terms = g_array_new (FALSE, FALSE, sizeof (Term));
  self->newest_seen = G_MININT64;
  self->last_sweep = G_MININT64;
  self->log_table[0] = 0;
  for (guint i = 1; i < LOG_TABLE; i++)
    self->log_table[i] = log ((double) i);
  return self;
}

SeismoCluster *
seismo_cluster_ref (SeismoCluster *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
seismo_cluster_unref (SeismoCluster *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, cluster_finalize);
}

/**
 * seismo_cluster_add:
 * @event_id: the event the item was stored under; an id already in the
 *   index merges the item into that event's signature
 * @published: Unix seconds
 * @canonical_url: (nullable): from seismo_canonical_url()
 */
void
seismo_cluster_add (SeismoCluster *self,
                    gint64         event_id,
                    gint64         published,
                    const gint64  *company_ids,
                    guint          n_companies,
                    const char    *canonical_url,
                    const char    *title,
                    const char    *summary)
{
  const GArray *bag;
  Event *e;

  g_return_if_fail (self != NULL);
  g_return_if_fail (company_ids != NULL || n_companies == 0);

  bag = bag_of (self, title, summary);
  e = g_hash_table_lookup (self->events, &event_id);
  if (e == NULL)
    e = event_new (self, event_id, published);

  for (guint i = 0; i < bag->len; i++)
    {
      const Term *q = &g_array_index (bag, Term, i);

      event_add_term (e, token_at (self, q->id), q->w);
    }
  for (guint i = 0; i < n_companies; i++)
    if (!shares_company (e, &company_ids[i], 1))
      g_array_append_val (e->companies, company_ids[i]);
  if (canonical_url != NULL && *canonical_url != '\0' &&
      !g_hash_table_contains (self->urls, canonical_url))
    {
      char *url = g_strdup (canonical_url);

      g_ptr_array_add (e->urls, url);
      g_hash_table_insert (self->urls, url, e);
    }
  e->oldest = MIN (e->oldest, published);
  e->newest = MAX (e->newest, published);
  e->n_items++;

  self->newest_seen = MAX (self->newest_seen, published);
  if (self->last_sweep == G_MININT64)
    self->last_sweep = self->newest_seen;
  else if (self->newest_seen - self->last_sweep >= SWEEP_EVERY)
    sweep (self);
}

/**
 * seismo_cluster_find_full:
 * @out_score: (out) (optional): the similarity of the chosen event (1 for a
 *   URL match), or of the best rejected candidate when 0 is returned; for
 *   "why were these joined" and for tuning
 *
 * Returns: the id of the event the item belongs to, or 0 for a new event.
 */
gint64
seismo_cluster_find_full (SeismoCluster *self,
                          gint64         published,
                          const gint64  *company_ids,
                          guint          n_companies,
                          const char    *canonical_url,
                          const char    *title,
                          const char    *summary,
                          double        *out_score)
{
  Event *found[MAX_SCORED];
  guint n_found;
  const GArray *bag;
  double log_total, best_score = 0, best_rejected = 0;
  Event *best = NULL;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (company_ids != NULL || n_companies == 0, 0);

  if (canonical_url != NULL && *canonical_url != '\0')
    {
      Event *e = g_hash_table_lookup (self->urls, canonical_url);

      if (e != NULL)
        {
          if (out_score != NULL)
            *out_score = 1.0;
          return e->id;
        }
    }

  bag = bag_of (self, title, summary);
  log_total = log (g_hash_table_size (self->events) + PRIOR_DOCS + 1.0);
  n_found = candidates (self, log_total, bag, published, found);
  for (guint i = 0; i < n_found; i++)
    {
      Event *e = found[i];
      gboolean both_known = n_companies > 0 && e->companies->len > 0;
      double score;

      if (both_known && !shares_company (e, company_ids, n_companies))
        continue;
      score = cosine (self, log_total, bag, e) * freshness (e, published);
      if (score >= (both_known ? THRESHOLD : THRESHOLD_NO_CO) && score > best_score)
        {
          best = e;
          best_score = score;
        }
      else
        best_rejected = MAX (best_rejected, score);
    }

  if (out_score != NULL)
    *out_score = best != NULL ? best_score : best_rejected;
  return best != NULL ? best->id : 0;
}

gint64
seismo_cluster_find (SeismoCluster *self,
                     gint64         published,
                     const gint64  *company_ids,
                     guint          n_companies,
                     const char    *canonical_url,
                     const char    *title,
                     const char    *summary)
{
  return seismo_cluster_find_full (self, published, company_ids, n_companies, canonical_url,
                                   title, summary, NULL);
}

gint64
seismo_cluster_get_window (SeismoCluster *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return WINDOW;
}

guint
seismo_cluster_get_n_events (SeismoCluster *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return g_hash_table_size (self->events);
}

guint
seismo_cluster_get_n_tokens (SeismoCluster *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return g_hash_table_size (self->vocab);
}
