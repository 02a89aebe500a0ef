/* seismo-cluster.c — which timeline event a new item belongs to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "seismo-cluster.h"
#include "seismo-text-private.h"
#include "seismo-tokens-private.h"

/* Several outlets report one happening in different words; the timeline
 * should show it once. A new item joins an event when it has the same
 * canonical URL; or, within one 72-hour window and sharing a company, the
 * same headline (a syndicated wire story at each outlet's own address) or
 * words close to the event's items' words.
 *
 * Closeness is the group average: the mean cosine between the item's
 * tf-idf vector and each member's, kept cheaply as the sum of the members'
 * unit vectors. Unlike the cosine with a centroid, it stays low for an
 * event that has swallowed unrelated stories about one company, so such an
 * event cannot keep growing. Document frequencies are the index's own, so
 * "DeepSeek" weighs little in the week everyone writes about it.
 *
 * Candidates come from an inverted index (token → events), rarest words
 * first and with a bounded number of postings per query. Events that ended
 * more than the window (plus a day for late feeds) before the newest item
 * are evicted, which bounds memory. Not thread-safe: one refresh at a time. */

/* Tuned on tests/fixtures/headlines.json (the DeepSeek week with its
 * deliberate near misses), checked on held-out headlines and on ten
 * arrival orders; see tests/test-cluster.c. */
#define WINDOW          (72 * 3600)
#define RETENTION       (WINDOW + 24 * 3600) /* late items may still join */
#define SWEEP_EVERY     (48 * 3600)
#define PRIOR_DOCS      20.0  /* pseudo-events: keeps idf sane in a young index */
#define TITLE_WEIGHT    2.0f  /* a headline states the happening; a summary wanders */
#define THRESHOLD       0.16
#define THRESHOLD_NO_CO 0.31  /* when either side has no company to share */
#define DECAY           0.7   /* similarity lost at the far edge of the window */
#define MAX_SCORED      4
#define POSTING_BUDGET  96    /* postings visited per query, rarest words first */
#define LOG_TABLE       4096
#define TITLE_KEY_CHARS 16    /* a shorter headline ("Weekly update") says too little */

/* An event using a word: its index in the hot array, and the minute the
 * posting was made. Postings name events by index, so walking them reads a
 * small array instead of scattered event structs. */
typedef struct
{
  guint32 hot;
  guint32 made;  /* minutes since 1970; never earlier than the event's start */
} Posting;

/* A word of the vocabulary, by id, in one flat array: a lookup or a sweep
 * reads it without chasing pointers. Words are known by their 64-bit hash
 * alone (see Slot). */
typedef struct
{
  guint64  hash;
  Posting *postings;
  guint32  n_postings;
  guint32  cap_postings;
  guint32  df;        /* live events containing it */
  guint32  live;      /* FALSE: a free id */
} Word;

/* One word of an event: the sum, over its items, of the word's weight in
 * each item's unit vector. */
typedef struct
{
  guint32 id;
  float   u;
} Term;

/* What a walk through the postings reads about an event, kept in one array
 * that fits a core's cache. */
typedef struct
{
  gint64  oldest;
  gint64  newest;
  float   acc;
  guint32 stamp;
} Hot;

typedef struct
{
  gint64     id;
  guint32    hot;
  guint      n_items;
  gboolean   dead;      /* in the graveyard */
  Term      *terms;     /* sorted by id */
  guint      n_terms;
  guint      cap_terms;
  gint64    *companies;
  guint      n_companies;
  GPtrArray *urls;      /* NULL until the first URL */
  GArray    *titles;    /* guint64 headline keys; NULL until the first */
} Event;

/* A word of an item as tokenising left it: its hash, and whether it
 * came from the title. */
typedef struct
{
  guint64 hash;
  float   w;
} Token;

struct _SeismoClusterWords
{
  guint   serial;     /* tells one set of words from another at the same address */
  guint64 title_key;  /* the headline's words, folded; 0 for one too short */
  guint   n_tokens;
  Token  tokens[];  /* distinct, no stop words */
};

/* One distinct word of the item being placed. */
typedef struct
{
  guint32 id;
  float   w;      /* title or summary weight */
  double  q;      /* w × idf: its coordinate in the item's vector */
} Probe;

/* The vocabulary, looked up for every word of every item: open addressing
 * on a 64-bit hash, with the word's id in the slot so a lookup touches one
 * cache line. Two words are taken as the same when
 * their 64-bit hashes are: among the ~10^5 words alive at once a collision
 * has odds of about 10^-9, and would only blend two words' statistics. */
typedef struct
{
  guint64 hash;
  guint32 id;
  guint32 state;   /* SLOT_EMPTY, SLOT_GONE or SLOT_LIVE */
} Slot;

enum
{
  SLOT_EMPTY = 0,
  SLOT_GONE = 1,
  SLOT_LIVE = 2,
};

struct _SeismoCluster
{
  Slot       *slots;
  guint       n_slots;    /* a power of two */
  guint       n_used;     /* live tokens plus tombstones */
  guint       n_tokens;
  GArray     *words;      /* Word, by id */
  GArray     *hot;        /* Hot, by Event.hot */
  GPtrArray  *hot_events; /* Event*, by Event.hot */
  GArray     *free_hot;   /* guint32 */
  GPtrArray  *graveyard;  /* dead Event*, freed once no posting can name them */
  GArray     *free_ids;   /* guint32 */
  GHashTable *events;     /* &id → Event* */
  GHashTable *urls;       /* url → Event* */
  GHashTable *titles;     /* &headline key → Event* */
  gint64      newest_seen;
  gint64      last_sweep;
  guint       stamp;
  double      log_table[LOG_TABLE];

  /* the pipeline asks find() then add() with the same item: keep its words */
  gboolean    cached;
  guint       cached_serial;  /* of the words cached_bag was made from */
  GArray     *cached_bag;     /* Probe, sorted by id */
  double      cached_norm;
  guint64     cached_generation; /* weights valid while the index is unchanged */
  guint64     generation;        /* bumped by every add */

  /* the words of the last item placed by its text rather than its words */
  SeismoClusterWords *text_words;
  GString    *text_title;
  GString    *text_summary;
};

G_DEFINE_BOXED_TYPE (SeismoCluster, seismo_cluster, seismo_cluster_ref, seismo_cluster_unref)

static void
event_free (gpointer data)
{
  Event *e = data;

  g_free (e->terms);
  g_free (e->companies);
  if (e->urls != NULL)
    g_ptr_array_unref (e->urls);
  if (e->titles != NULL)
    g_array_unref (e->titles);
  g_free (e);
}

static void
invalidate_cache (SeismoCluster *self)
{
  self->cached = FALSE;
  g_array_set_size (self->cached_bag, 0);
}

static void
cluster_finalize (gpointer data)
{
  SeismoCluster *self = data;
  GHashTableIter iter;
  gpointer value;

  invalidate_cache (self);
  g_array_unref (self->cached_bag);
  g_clear_pointer (&self->text_words, seismo_cluster_words_free);
  g_string_free (self->text_title, TRUE);
  g_string_free (self->text_summary, TRUE);
  g_hash_table_unref (self->urls);
  g_hash_table_unref (self->titles);
  g_hash_table_iter_init (&iter, self->events);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    event_free (value);
  g_hash_table_unref (self->events);
  g_ptr_array_foreach (self->graveyard, (GFunc) (void (*) (void)) event_free, NULL);
  g_ptr_array_unref (self->graveyard);
  g_array_unref (self->hot);
  g_ptr_array_unref (self->hot_events);
  g_array_unref (self->free_hot);
  g_free (self->slots);
  for (guint i = 0; i < self->words->len; i++)
    g_free (g_array_index (self->words, Word, i).postings);
  g_array_unref (self->words);
  g_array_unref (self->free_ids);
}

/* ---- vocabulary -------------------------------------------------------- */

static guint64
hash_text (const char *text,
           gsize      *len)
{
  guint64 h = 0xcbf29ce484222325ull;
  const guint8 *p = (const guint8 *) text;

  for (; *p != '\0'; p++)
    h = (h ^ *p) * 0x100000001b3ull;
  *len = p - (const guint8 *) text;
  return h ^ (h >> 29);
}

static Slot *
slot_for (SeismoCluster *self,
          guint64        hash)
{
  guint mask = self->n_slots - 1;
  Slot *reuse = NULL;

  for (guint i = hash & mask;; i = (i + 1) & mask)
    {
      Slot *slot = &self->slots[i];

      if (slot->state == SLOT_EMPTY)
        return reuse != NULL ? reuse : slot;
      if (slot->state == SLOT_GONE)
        {
          if (reuse == NULL)
            reuse = slot;
        }
      else if (slot->hash == hash)
        return slot;
    }
}

static void
grow_slots (SeismoCluster *self)
{
  Slot *old = self->slots;
  guint n_old = self->n_slots;

  /* rebuild at a load of a quarter to a half; tombstones go away */
  self->n_slots = MAX (1024u, 1u << g_bit_storage (self->n_tokens * 2));
  self->slots = g_new0 (Slot, self->n_slots);
  self->n_used = 0;
  for (guint i = 0; i < n_old; i++)
    if (old[i].state & SLOT_LIVE)
      {
        *slot_for (self, old[i].hash) = old[i];
        self->n_used++;
      }
  g_free (old);
}

static inline Word *
word_at (SeismoCluster *self,
         guint32        id)
{
  return &g_array_index (self->words, Word, id);
}

static const Slot *
intern (SeismoCluster *self,
        guint64        hash)
{
  Slot *slot = slot_for (self, hash);
  Word *w;
  guint32 id;

  if (slot->state & SLOT_LIVE)
    return slot;

  if (self->free_ids->len > 0)
    {
      id = g_array_index (self->free_ids, guint32, self->free_ids->len - 1);
      g_array_set_size (self->free_ids, self->free_ids->len - 1);
    }
  else
    {
      id = self->words->len;
      g_array_set_size (self->words, id + 1);
    }
  w = word_at (self, id);
  memset (w, 0, sizeof *w);
  w->hash = hash;
  w->live = TRUE;

  if (slot->state == SLOT_EMPTY)
    self->n_used++;
  slot->hash = hash;
  slot->id = id;
  slot->state = SLOT_LIVE;
  self->n_tokens++;
  if (self->n_used * 2 >= self->n_slots)
    {
      grow_slots (self);
      slot = slot_for (self, hash);
    }
  return slot;
}

static void
forget (SeismoCluster *self,
        guint32        id)
{
  Word *w = word_at (self, id);
  Slot *slot = slot_for (self, w->hash);

  g_assert ((slot->state & SLOT_LIVE) && slot->id == id);
  slot->state = SLOT_GONE;
  self->n_tokens--;
  g_clear_pointer (&w->postings, g_free);
  w->n_postings = w->cap_postings = 0;
  w->live = FALSE;
  g_array_append_val (self->free_ids, id);
}

static inline guint32 *
df_of (SeismoCluster *self,
       guint32        id)
{
  return &word_at (self, id)->df;
}

/* Inverse document frequency against the live events plus a few empty
 * pseudo-events; a table of logs keeps it cheap. */
static inline double
idf (SeismoCluster *self,
     double         log_total,
     guint32        id)
{
  guint32 n = *df_of (self, id) + 1;

  return log_total - (n < LOG_TABLE ? self->log_table[n] : log ((double) n));
}

static double
log_total_now (SeismoCluster *self)
{
  return log (g_hash_table_size (self->events) + PRIOR_DOCS + 1.0);
}

/* ---- an item's words ----------------------------------------------------- */

typedef struct
{
  GArray *tokens;
  float   weight;
} Collect;

/* The stop words by hash, in a small open-addressed table: a probe per
 * token instead of hashing each token's text a second time. */
#define STOP_SLOTS 1024

static guint64 stop_hashes[STOP_SLOTS]; /* 0: empty; hash_text() is never 0 */

static gpointer
build_stop_hashes (gpointer data)
{
  guint n;
  const char * const *words = _seismo_token_stop_words (&n);

  for (guint i = 0; i < n; i++)
    {
      char stem[SEISMO_TOKEN_MAX + 8];
      gsize len;
      guint64 h;
      guint slot;

      g_strlcpy (stem, words[i], sizeof stem);
      _seismo_stem (stem, strlen (stem));
      h = hash_text (stem, &len);
      for (slot = h & (STOP_SLOTS - 1); stop_hashes[slot] != 0 && stop_hashes[slot] != h;
           slot = (slot + 1) & (STOP_SLOTS - 1))
        ;
      stop_hashes[slot] = h;
    }
  return NULL;
}

static gboolean
is_stop_hash (guint64 h)
{
  for (guint slot = h & (STOP_SLOTS - 1); stop_hashes[slot] != 0; slot = (slot + 1) & (STOP_SLOTS - 1))
    if (stop_hashes[slot] == h)
      return TRUE;
  return FALSE;
}

static void
collect_cb (const char *token,
            gsize       len,
            gpointer    user_data)
{
  Collect *c = user_data;
  Token t;

  t.hash = hash_text (token, &len);
  if (is_stop_hash (t.hash))
    return;
  t.w = c->weight;
  g_array_append_val (c->tokens, t);
}

static int
compare_hashes (gconstpointer a,
                gconstpointer b)
{
  const Token *ta = a, *tb = b;

  return ta->hash < tb->hash ? -1 : (ta->hash > tb->hash ? 1 : 0);
}

/* The headline as a sequence of folded words, hashed: "Nvidia shares
 * plunge 17%" and "NVIDIA Shares Plunge 17 %" are one key. */
static guint64
title_key (const char *title)
{
  const guint8 *p = (const guint8 *) title;
  gsize avail = strlen (title);
  guint64 h = 0xcbf29ce484222325ull;
  gboolean in_word = FALSE;
  guint chars = 0;

  while (avail > 0)
    {
      gunichar c;
      gsize n = _seismo_utf8_decode (p, avail, &c);

      if (n == 0)
        n = 1, c = 0xFFFD;
      if (_seismo_unichar_is_word (c))
        {
          if (!in_word && chars > 0)
            h = (h ^ ' ') * 0x100000001b3ull;
          c = _seismo_unichar_fold (c);
          for (guint b = 0; b < 4; b++)
            h = (h ^ ((c >> (8 * b)) & 0xFF)) * 0x100000001b3ull;
          chars++;
          in_word = TRUE;
        }
      else
        in_word = FALSE;
      p += n;
      avail -= n;
    }
  return chars >= TITLE_KEY_CHARS ? (h ^ (h >> 29)) | 1 : 0;
}

/**
 * seismo_cluster_words_new:
 * @title: (nullable):
 * @summary: (nullable):
 *
 * Tokenises an item for seismo_cluster_find_words() and
 * seismo_cluster_add_words(). Thread-safe.
 */
SeismoClusterWords *
seismo_cluster_words_new (const char *title,
                          const char *summary)
{
  static guint serial;
  static GOnce stop_once = G_ONCE_INIT;
  /* scratch, one per thread: this runs for every item of a refresh */
  static GPrivate scratch = G_PRIVATE_INIT ((GDestroyNotify) g_array_unref);
  GArray *tokens = g_private_get (&scratch);
  Collect c;
  SeismoClusterWords *words;
  guint n = 0;

  g_once (&stop_once, build_stop_hashes, NULL);
  if (tokens == NULL)
    {
      tokens = g_array_sized_new (FALSE, FALSE, sizeof (Token), 256);
      g_private_set (&scratch, tokens);
    }
  g_array_set_size (tokens, 0);
  c = (Collect) { tokens, TITLE_WEIGHT };
  if (title != NULL)
    _seismo_tokenize (title, collect_cb, &c);
  c.weight = 1.0f;
  if (summary != NULL)
    _seismo_tokenize (summary, collect_cb, &c);

  /* one entry per word, at its heaviest */
  g_array_sort (tokens, compare_hashes);
  for (guint i = 0; i < tokens->len; i++)
    {
      Token *t = &g_array_index (tokens, Token, i);

      if (n > 0 && g_array_index (tokens, Token, n - 1).hash == t->hash)
        {
          Token *prev = &g_array_index (tokens, Token, n - 1);
          prev->w = MAX (prev->w, t->w);
        }
      else
        g_array_index (tokens, Token, n++) = *t;
    }

  words = g_malloc (sizeof *words + n * sizeof (Token));
  words->serial = (guint) g_atomic_int_add ((gint *) &serial, 1);
  words->title_key = title != NULL ? title_key (title) : 0;
  words->n_tokens = n;
  if (n > 0)
    memcpy (words->tokens, tokens->data, n * sizeof (Token));
  return words;
}

void
seismo_cluster_words_free (SeismoClusterWords *words)
{
  g_free (words);
}

/* The words of an item given as text, tokenised once for find() and add(). */
static const SeismoClusterWords *
text_words (SeismoCluster *self,
            const char    *title,
            const char    *summary)
{
  if (title == NULL)
    title = "";
  if (summary == NULL)
    summary = "";
  if (self->text_words == NULL || strcmp (title, self->text_title->str) != 0 ||
      strcmp (summary, self->text_summary->str) != 0)
    {
      g_clear_pointer (&self->text_words, seismo_cluster_words_free);
      self->text_words = seismo_cluster_words_new (title, summary);
      g_string_assign (self->text_title, title);
      g_string_assign (self->text_summary, summary);
    }
  return self->text_words;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  const Probe *pa = a, *pb = b;

  return pa->id < pb->id ? -1 : (pa->id > pb->id ? 1 : 0);
}

/* The item's distinct words, sorted by id, with their idf-weighted
 * coordinates and the vector's norm. */
static GArray *
bag_of (SeismoCluster            *self,
        const SeismoClusterWords *words,
        double                    log_total,
        double                   *norm)
{
  GArray *bag = self->cached_bag;
  double sum = 0;

  if (!self->cached || self->cached_serial != words->serial)
    {
      invalidate_cache (self);
      g_array_set_size (bag, words->n_tokens);
      for (guint i = 0; i < words->n_tokens; i++)
        g_array_index (bag, Probe, i) = (Probe) {
          intern (self, words->tokens[i].hash)->id, words->tokens[i].w, 0
        };
      g_array_sort (bag, compare_ids);
      self->cached = TRUE;
      self->cached_serial = words->serial;
    }
  else if (self->cached_generation == self->generation)
    {
      *norm = self->cached_norm;
      return bag;
    }

  for (guint i = 0; i < bag->len; i++)
    {
      Probe *p = &g_array_index (bag, Probe, i);

      p->q = p->w * idf (self, log_total, p->id);
      sum += p->q * p->q;
    }
  *norm = self->cached_norm = sqrt (sum);
  self->cached_generation = self->generation;
  return bag;
}

/* ---- scoring ----------------------------------------------------------- */

static gboolean
shares_company (const Event  *e,
                const gint64 *ids,
                guint         n)
{
  for (guint i = 0; i < n; i++)
    for (guint k = 0; k < e->n_companies; k++)
      if (e->companies[k] == ids[i])
        return TRUE;
  return FALSE;
}

/* The event and the item must fit in one window: an event cannot chain
 * forward day after day. */
static gboolean
in_window (const Hot *h,
           gint64     published)
{
  return published <= h->oldest + WINDOW && published >= h->newest - WINDOW;
}

/* Reports of one happening come out within hours of each other; a day or
 * two later the same words usually describe a follow-up (the rebound after
 * the sell-off, the ban after the inquiry). So similarity fades with the
 * distance from the event's items, to 1 - DECAY at the window's edge. */
static double
freshness (const Hot *h,
           gint64     published)
{
  gint64 gap = 0;

  if (published < h->oldest)
    gap = h->oldest - published;
  else if (published > h->newest)
    gap = published - h->newest;
  return 1.0 - DECAY * MIN (1.0, (double) gap / WINDOW);
}

static inline Hot *
hot_of (SeismoCluster *self,
        guint32        index)
{
  return &g_array_index (self->hot, Hot, index);
}

/* The group average: mean over members of cos(item, member). Both word
 * lists are sorted, so one merge finds the shared words. */
static double
group_average (const GArray *bag,
               double        norm,
               const Event  *e)
{
  const Probe *p = (const Probe *) (gconstpointer) bag->data;
  const Term *t = e->terms;
  guint i = 0, k = 0;
  double dot = 0;

  while (i < bag->len && k < e->n_terms)
    {
      if (p[i].id < t[k].id)
        i++;
      else if (t[k].id < p[i].id)
        k++;
      else
        dot += p[i++].q * t[k++].u;
    }
  return norm > 0 ? dot / (norm * e->n_items) : 0;
}

/* Keeps the best few events by accumulated overlap, best first. */
static void
keep_best (const Hot *hot,
           guint32   *best,
           guint     *n_best,
           guint32    index)
{
  float acc = hot[index].acc;
  guint i;

  for (i = 0; i < *n_best; i++)
    if (best[i] == index)
      break;
  if (i == *n_best)
    {
      if (*n_best < MAX_SCORED)
        (*n_best)++;
      else if (acc <= hot[best[MAX_SCORED - 1]].acc)
        return;
      i = *n_best - 1;
    }
  while (i > 0 && hot[best[i - 1]].acc < acc)
    {
      best[i] = best[i - 1];
      i--;
    }
  best[i] = index;
}

typedef struct
{
  guint32 id;
  guint32 df;
  float   weight;
} Lookup;

/* Events sharing a word with the item, ranked by a cheap idf-weighted
 * overlap so that only the best few are scored exactly. Rare words are
 * looked up first and the postings visited are bounded: the words that
 * decide a match are the rare ones, and following a word that half the
 * index uses would cost more than all the rest. */
static guint
candidates (SeismoCluster *self,
            double         log_total,
            const GArray  *bag,
            gint64         published,
            guint32       *best)
{
  Lookup stack_lookups[128];
  g_autofree Lookup *heap_lookups = NULL;
  Lookup *lookups = stack_lookups;
  Hot *hot = (Hot *) (gpointer) self->hot->data;
  guint n_lookups = 0, n_best = 0, budget = POSTING_BUDGET;
  guint32 too_old = (guint32) MAX (0, (published - WINDOW) / 60);

  if (bag->len > G_N_ELEMENTS (stack_lookups))
    lookups = heap_lookups = g_new (Lookup, bag->len);
  for (guint i = 0; i < bag->len; i++)
    {
      const Probe *p = &g_array_index (bag, Probe, i);
      guint32 df = *df_of (self, p->id);

      if (df > 0)
        lookups[n_lookups++] = (Lookup) { p->id, df, p->q * idf (self, log_total, p->id) };
    }
  /* a few dozen words: insertion sort beats qsort's indirect calls */
  for (guint i = 1; i < n_lookups; i++)
    {
      Lookup l = lookups[i];
      guint j = i;

      for (; j > 0 && lookups[j - 1].df > l.df; j--)
        lookups[j] = lookups[j - 1];
      lookups[j] = l;
    }

  self->stamp++;
  for (guint i = 0; i < n_lookups; i++)
    {
      const Word *w = word_at (self, lookups[i].id);
      const Posting *p = w->postings;

      /* Past the budget, a word is too common to tell stories apart:
       * following only its newest postings joined unrelated items of one
       * company on a busy day (the refresh benchmark's events halved). */
      if (w->n_postings > budget)
        break;
      budget -= w->n_postings;
      for (guint k = 0; k < w->n_postings; k++)
        {
          Hot *h;

          /* made is no earlier than the event's start: too old for the
           * window whatever the event did since */
          if (p[k].made < too_old)
            continue;
          h = &hot[p[k].hot];
          if (!in_window (h, published))
            continue;
          if (h->stamp != self->stamp)
            {
              h->stamp = self->stamp;
              h->acc = 0;
            }
          h->acc += lookups[i].weight;
          keep_best (hot, best, &n_best, p[k].hot);
        }
    }
  return n_best;
}

/* ---- eviction ------------------------------------------------------------ */

static void
event_release (SeismoCluster *self,
               Event         *e)
{
  Hot *h = hot_of (self, e->hot);

  /* a span no item can fall in */
  h->oldest = G_MININT64 / 2;
  h->newest = G_MAXINT64 / 2;
  self->hot_events->pdata[e->hot] = NULL;
  g_array_append_val (self->free_hot, e->hot);
  event_free (e);
}

/* Drops events that ended more than the retention before the newest item.
 * A dead event's postings were all made before it ended; they are purged
 * by age alone, without reading the event, once they are a window older
 * than that, and the event's slot is released only then (a graveyard)
 * so no posting can name a reused slot. */
static void
sweep (SeismoCluster *self)
{
  gint64 cutoff = self->newest_seen - RETENTION;
  guint32 purge_before = (guint32) MAX (0, (cutoff - WINDOW) / 60);
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_hash_table_iter_init (&iter, self->events);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Event *e = value;

      if (hot_of (self, e->hot)->newest >= cutoff)
        continue;
      for (guint i = 0; i < e->n_terms; i++)
        (*df_of (self, e->terms[i].id))--;
      for (guint i = 0; e->urls != NULL && i < e->urls->len; i++)
        if (g_hash_table_lookup (self->urls, e->urls->pdata[i]) == e)
          g_hash_table_remove (self->urls, e->urls->pdata[i]);
      for (guint i = 0; e->titles != NULL && i < e->titles->len; i++)
        if (g_hash_table_lookup (self->titles, &g_array_index (e->titles, guint64, i)) == e)
          g_hash_table_remove (self->titles, &g_array_index (e->titles, guint64, i));
      g_clear_pointer (&e->terms, g_free);
      e->n_terms = e->cap_terms = 0;
      e->dead = TRUE;
      /* out of every window from now on */
      hot_of (self, e->hot)->oldest = G_MININT64 / 2;
      g_hash_table_iter_remove (&iter);
      g_ptr_array_add (self->graveyard, e);
    }

  for (guint32 id = 0; id < self->words->len; id++)
    {
      Word *w = word_at (self, id);
      guint kept = 0;

      if (!w->live)
        continue;
      for (guint k = 0; k < w->n_postings; k++)
        if (w->postings[k].made >= purge_before)
          w->postings[kept++] = w->postings[k];
      w->n_postings = kept;
      if (kept == 0 && w->df == 0)
        forget (self, id);
    }

  for (guint i = 0; i < self->graveyard->len; i++)
    {
      Event *e = self->graveyard->pdata[i];

      if (hot_of (self, e->hot)->newest / 60 < purge_before)
        event_release (self, e);
      else
        self->graveyard->pdata[n++] = e;
    }
  self->graveyard->len = n;

  invalidate_cache (self);
  self->last_sweep = self->newest_seen;
}

/* ---- merging an item into an event ------------------------------------- */

static void
post (SeismoCluster *self,
      Event         *e,
      guint32        id,
      guint32        made)
{
  Word *w = word_at (self, id);

  w->df++;
  if (w->n_postings == w->cap_postings)
    {
      w->cap_postings = MAX (4, w->cap_postings * 2);
      w->postings = g_renew (Posting, w->postings, w->cap_postings);
    }
  w->postings[w->n_postings++] = (Posting) { e->hot, made };
}

/* Adds an item's words (sorted, like the event's) to the event in one
 * merge; a word new to the event also gets a posting. */
static void
event_merge (SeismoCluster *self,
             Event         *e,
             const GArray  *bag,
             double         norm,
             guint32        made)
{
  Term *merged = g_new (Term, e->n_terms + bag->len);
  guint i = 0, k = 0, n = 0;

  while (i < bag->len || k < e->n_terms)
    {
      const Probe *p = i < bag->len ? &g_array_index (bag, Probe, i) : NULL;
      const Term *t = k < e->n_terms ? &e->terms[k] : NULL;

      if (p != NULL && (t == NULL || p->id < t->id))
        {
          merged[n++] = (Term) { p->id, norm > 0 ? p->q / norm : 0 };
          post (self, e, p->id, made);
          i++;
        }
      else if (t != NULL && (p == NULL || t->id < p->id))
        merged[n++] = e->terms[k++];
      else
        {
          merged[n++] = (Term) { t->id, t->u + (norm > 0 ? p->q / norm : 0) };
          i++, k++;
        }
    }
  g_free (e->terms);
  e->terms = merged;
  e->n_terms = e->cap_terms = n;
}

static Event *
event_new (SeismoCluster *self,
           gint64         event_id,
           gint64         published)
{
  Event *e = g_new0 (Event, 1);
  Hot *h;

  if (self->free_hot->len > 0)
    {
      e->hot = g_array_index (self->free_hot, guint32, self->free_hot->len - 1);
      g_array_set_size (self->free_hot, self->free_hot->len - 1);
      self->hot_events->pdata[e->hot] = e;
    }
  else
    {
      Hot fresh = { 0 };

      e->hot = self->hot->len;
      g_array_append_val (self->hot, fresh);
      g_ptr_array_add (self->hot_events, e);
    }
  h = hot_of (self, e->hot);
  h->oldest = h->newest = published;
  h->stamp = 0;
  e->id = event_id;
  g_hash_table_insert (self->events, &e->id, e);
  return e;
}

/* ---- public API -------------------------------------------------------- */

SeismoCluster *
seismo_cluster_new (void)
{
  SeismoCluster *self = g_atomic_rc_box_new0 (SeismoCluster);

  self->n_slots = 1024;
  self->slots = g_new0 (Slot, self->n_slots);
  self->words = g_array_new (FALSE, FALSE, sizeof (Word));
  self->hot = g_array_new (FALSE, FALSE, sizeof (Hot));
  self->hot_events = g_ptr_array_new ();
  self->free_hot = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->graveyard = g_ptr_array_new ();
  self->free_ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->events = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->urls = g_hash_table_new (g_str_hash, g_str_equal);
  self->titles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->cached_bag = g_array_new (FALSE, FALSE, sizeof (Probe));
  self->text_title = g_string_new (NULL);
  self->text_summary = g_string_new (NULL);
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
 * seismo_cluster_add_words:
 * @event_id: the event the item was stored under; an id already in the
 *   index merges the item into that event
 * @published: Unix seconds
 * @company_ids: (array length=n_companies) (nullable): from the matcher
 * @canonical_url: (nullable): from seismo_canonical_url()
 * @words: from seismo_cluster_words_new()
 */
void
seismo_cluster_add_words (SeismoCluster            *self,
                          gint64                    event_id,
                          gint64                    published,
                          const gint64             *company_ids,
                          guint                     n_companies,
                          const char               *canonical_url,
                          const SeismoClusterWords *words)
{
  const GArray *bag;
  double norm;
  Event *e;

  g_return_if_fail (self != NULL);
  g_return_if_fail (company_ids != NULL || n_companies == 0);
  g_return_if_fail (words != NULL);

  bag = bag_of (self, words, log_total_now (self), &norm);
  e = g_hash_table_lookup (self->events, &event_id);
  if (e == NULL)
    e = event_new (self, event_id, published);

  /* the item joins as a unit vector, with today's idf; its postings are
   * stamped with the event's latest time, so they cannot look expired
   * before the event does */
  event_merge (self, e, bag, norm,
               (guint32) MAX (0, MAX (published, hot_of (self, e->hot)->newest) / 60));
  for (guint i = 0; i < n_companies; i++)
    if (!shares_company (e, &company_ids[i], 1))
      {
        e->companies = g_renew (gint64, e->companies, e->n_companies + 1);
        e->companies[e->n_companies++] = company_ids[i];
      }
  if (words->title_key != 0 && !g_hash_table_contains (self->titles, &words->title_key))
    {
      if (e->titles == NULL)
        e->titles = g_array_new (FALSE, FALSE, sizeof (guint64));
      g_array_append_val (e->titles, words->title_key);
      g_hash_table_insert (self->titles, g_memdup2 (&words->title_key, sizeof (guint64)), e);
    }
  if (canonical_url != NULL && *canonical_url != '\0' &&
      !g_hash_table_contains (self->urls, canonical_url))
    {
      char *url = g_strdup (canonical_url);

      if (e->urls == NULL)
        e->urls = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (e->urls, url);
      g_hash_table_insert (self->urls, url, e);
    }
  {
    Hot *h = hot_of (self, e->hot);

    h->oldest = MIN (h->oldest, published);
    h->newest = MAX (h->newest, published);
  }
  e->n_items++;
  self->generation++;

  self->newest_seen = MAX (self->newest_seen, published);
  if (self->last_sweep == G_MININT64)
    self->last_sweep = self->newest_seen;
  else if (self->newest_seen - self->last_sweep >= SWEEP_EVERY)
    sweep (self);
}

/**
 * seismo_cluster_add:
 *
 * seismo_cluster_add_words() with the item's text.
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
  g_return_if_fail (self != NULL);

  seismo_cluster_add_words (self, event_id, published, company_ids, n_companies, canonical_url,
                            text_words (self, title, summary));
}

/**
 * seismo_cluster_find_words:
 * @words: from seismo_cluster_words_new()
 * @out_score: (out) (optional): the similarity of the chosen event (1 for a
 *   URL match), or of the best rejected candidate when 0 is returned; for
 *   "why were these joined" and for tuning
 *
 * Returns: the id of the event the item belongs to, or 0 for a new event.
 */
gint64
seismo_cluster_find_words (SeismoCluster            *self,
                           gint64                    published,
                           const gint64             *company_ids,
                           guint                     n_companies,
                           const char               *canonical_url,
                           const SeismoClusterWords *words,
                           double                   *out_score)
{
  guint32 found[MAX_SCORED];
  const GArray *bag;
  double log_total, norm, best_score = 0, best_rejected = 0;
  Event *best = NULL;
  guint n_found;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (company_ids != NULL || n_companies == 0, 0);
  g_return_val_if_fail (words != NULL, 0);

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

  /* The same headline elsewhere: a wire story, syndicated. Both must name
   * a company they share, so that a recurring generic title cannot chain
   * unrelated days together. */
  if (words->title_key != 0 && n_companies > 0)
    {
      Event *e = g_hash_table_lookup (self->titles, &words->title_key);

      if (e != NULL && !e->dead && e->n_companies > 0 &&
          shares_company (e, company_ids, n_companies) &&
          in_window (hot_of (self, e->hot), published))
        {
          if (out_score != NULL)
            *out_score = 1.0;
          return e->id;
        }
    }

  log_total = log_total_now (self);
  bag = bag_of (self, words, log_total, &norm);
  n_found = candidates (self, log_total, bag, published, found);
  for (guint i = 0; i < n_found; i++)
    {
      Event *e = self->hot_events->pdata[found[i]];
      gboolean both_known = n_companies > 0 && e->n_companies > 0;
      double score;

      if (both_known && !shares_company (e, company_ids, n_companies))
        continue;
      score = group_average (bag, norm, e) * freshness (hot_of (self, found[i]), published);
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

/**
 * seismo_cluster_find_full:
 *
 * seismo_cluster_find_words() with the item's text.
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
  g_return_val_if_fail (self != NULL, 0);

  return seismo_cluster_find_words (self, published, company_ids, n_companies, canonical_url,
                                    text_words (self, title, summary), out_score);
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

  return self->n_tokens;
}
