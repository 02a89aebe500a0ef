/* seismo-refresh.c — fetch, parse, match, cluster and store every source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "seismo-json-api.h"
#include "seismo-matcher.h"
#include "seismo-refresh.h"
#include "seismo-tagger.h"
#include "seismo-url.h"

/* A refresh fetches sources concurrently from the thread that starts it
 * (the UI's main loop never waits: libsoup is asynchronous), and hands each
 * answer to a worker thread that parses it, matches companies, applies the
 * tag rules, and stores the new items in one transaction per source. Only
 * the writes hold the store's lock; parsing runs beside them on the other
 * core. At most 24 sources are in flight (fetching or being stored) and 6
 * per host, so memory stays bounded however many sources there are. A
 * source's failure is stored on its row and changes nothing else. */

#define MAX_ACTIVE 24
#define MAX_PER_HOST 6
#define CLUSTER_DAYS 14

struct _SeismoRefresh
{
  GObject        parent_instance;

  SeismoStore   *store;
  SeismoFetcher *fetcher;
  gboolean       running;
};

G_DEFINE_FINAL_TYPE (SeismoRefresh, seismo_refresh, G_TYPE_OBJECT)

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  SeismoStore        *store;
  SeismoFetcher      *fetcher;
  GArray             *wanted_ids;
  gboolean            due_only;
  gint64              now;

  /* Filled by the preparation thread, read-only afterwards. */
  GPtrArray          *sources;     /* SeismoSource */
  SeismoMatcher      *matcher;
  SeismoTagger       *tagger;
  GHashTable         *company_ids; /* slug -> gint64 id */

  /* The clustering index is seeded on first use (a refresh where every
   * source answers 304 never needs it) and used under the store's lock. */
  GMutex              cluster_lock;
  SeismoCluster      *cluster;

  GQueue              waiting;     /* source indexes not started */
  GHashTable         *host_load;   /* host -> fetches in flight */
  guint               active;
  guint               finished;
  SeismoRefreshStats  stats;
} Run;

typedef struct
{
  Run               *run;
  SeismoSource      *source;
  char              *host;
  SeismoFetchResult *result;
  GError            *error;
  SeismoIngestStats  ingest;
  gboolean           failed;
} Job;

void
seismo_refresh_stats_clear (SeismoRefreshStats *stats)
{
  g_clear_pointer (&stats->new_event_ids, g_array_unref);
  memset (stats, 0, sizeof *stats);
}

static void
run_free (gpointer data)
{
  Run *run = data;

  g_clear_object (&run->store);
  g_clear_object (&run->fetcher);
  g_clear_pointer (&run->wanted_ids, g_array_unref);
  g_clear_pointer (&run->sources, g_ptr_array_unref);
  g_clear_pointer (&run->matcher, seismo_matcher_unref);
  g_clear_object (&run->tagger);
  g_clear_pointer (&run->company_ids, g_hash_table_unref);
  g_clear_pointer (&run->cluster, seismo_cluster_unref);
  g_mutex_clear (&run->cluster_lock);
  g_queue_clear (&run->waiting);
  g_clear_pointer (&run->host_load, g_hash_table_unref);
  seismo_refresh_stats_clear (&run->stats);
  g_free (run);
}

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->source);
  g_free (job->host);
  g_clear_pointer (&job->result, seismo_fetch_result_free);
  g_clear_error (&job->error);
  g_clear_pointer (&job->ingest.new_event_ids, g_array_unref);
  g_free (job);
}

/* Parsing */

static gboolean
looks_like_html (GBytes *body)
{
  gsize length;
  const char *data = g_bytes_get_data (body, &length);
  g_autofree char *head = g_ascii_strdown (data, MIN (length, 512));

  return strstr (head, "<!doctype html") != NULL || strstr (head, "<html") != NULL;
}

/**
 * seismo_refresh_parse_body:
 * @kind: the source's kind ("json-api" needs @mapping; the others are read
 *   by their content)
 * @base_url: where the body came from, for relative links
 *
 * A feed, or an error a user can act on ("a web page, not a feed").
 */
SeismoFeed *
seismo_refresh_parse_body (const char  *kind,
                           const char  *mapping,
                           GBytes      *body,
                           const char  *base_url,
                           GError     **error)
{
  g_autoptr(SeismoFeed) feed = NULL;
  gsize length;
  const char *data = g_bytes_get_data (body, &length);

  if (g_strcmp0 (kind, "json-api") == 0)
    return seismo_json_api_parse (data, length, mapping, error);

  feed = seismo_feed_parse (data, length, base_url, error);
  if (feed == NULL)
    return NULL;
  if (feed->format == SEISMO_FEED_FORMAT_UNKNOWN)
    {
      g_set_error_literal (error, SEISMO_PARSE_ERROR, SEISMO_PARSE_ERROR_NOT_A_FEED,
                           looks_like_html (body)
                             ? _("The address gives a web page, not a feed")
                             : _("The answer is not an RSS, Atom or JSON feed"));
      return NULL;
    }
  return g_steal_pointer (&feed);
}

static const char *
kind_of (SeismoFeedFormat format)
{
  switch (format)
    {
    case SEISMO_FEED_FORMAT_RSS20:
    case SEISMO_FEED_FORMAT_RSS10:
    case SEISMO_FEED_FORMAT_RSS09X:
      return "rss";
    case SEISMO_FEED_FORMAT_ATOM10:
    case SEISMO_FEED_FORMAT_ATOM03:
      return "atom";
    case SEISMO_FEED_FORMAT_JSON:
      return "jsonfeed";
    case SEISMO_FEED_FORMAT_UNKNOWN:
    default:
      return NULL;
    }
}

/* What a source is known for before its text is read (tag-rules.md). */
static GHashTable *
source_prior (SeismoSource *source)
{
  const char *url = seismo_source_get_url (source);
  GHashTable *prior = NULL;

  if (strstr (url, "arxiv.org") != NULL || strstr (url, "huggingface.co/api/daily_papers") != NULL)
    {
      prior = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_insert (prior, "research", GINT_TO_POINTER (2));
    }
  else if (strstr (url, "huggingface.co/api/models") != NULL)
    {
      prior = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_insert (prior, "model-release", GINT_TO_POINTER (2));
    }
  else if (strstr (url, "github.com") != NULL && strstr (url, "releases") != NULL)
    {
      prior = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_insert (prior, "product", GINT_TO_POINTER (2));
    }
  return prior;
}

static GPtrArray *
prepare_items (Run          *run,
               SeismoSource *source,
               SeismoFeed   *feed)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) seismo_ingest_item_free);
  g_autoptr(GHashTable) prior = source_prior (source);
  g_autofree char *company = NULL;
  gint64 company_id = 0;

  if (seismo_source_get_mapping (source) != NULL)
    company = seismo_json_api_mapping_dup_company (seismo_source_get_mapping (source));
  if (company != NULL && g_hash_table_contains (run->company_ids, company))
    company_id = *(gint64 *) g_hash_table_lookup (run->company_ids, company);

  for (guint i = 0; i < feed->items->len; i++)
    {
      SeismoFeedItem *parsed = g_ptr_array_index (feed->items, i);
      SeismoIngestItem *item = seismo_ingest_item_new ();
      g_autoptr(GArray) companies = NULL;
      g_autoptr(GPtrArray) tags = NULL;

      item->guid = seismo_feed_item_dup_guid (parsed);
      item->url = g_strdup (parsed->link);
      item->canonical_url = parsed->link != NULL ? seismo_canonical_url (parsed->link) : NULL;
      item->title = g_strdup (parsed->title != NULL ? parsed->title : "");
      item->summary = g_strdup (parsed->summary);
      item->author = g_strdup (parsed->author);
      item->published = parsed->published != SEISMO_NO_DATE ? parsed->published : parsed->updated;
      item->updated = parsed->updated;

      if (run->matcher != NULL)
        {
          companies = seismo_matcher_match (run->matcher, item->title, item->summary);
          g_array_append_vals (item->company_ids, companies->data, companies->len);
        }
      if (company_id != 0)
        {
          gboolean present = FALSE;

          for (guint c = 0; c < item->company_ids->len; c++)
            present |= g_array_index (item->company_ids, gint64, c) == company_id;
          if (!present)
            g_array_append_val (item->company_ids, company_id);
        }
      if (run->tagger != NULL)
        {
          tags = seismo_tagger_apply_with_prior (run->tagger, item->title, item->summary, prior);
          g_ptr_array_add (tags, NULL);
          item->tags = (GStrv) g_ptr_array_steal (tags, NULL);
        }
      g_ptr_array_add (items, item);
    }
  return items;
}

static SeismoCluster *
ensure_cluster (Run     *run,
                GError **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&run->cluster_lock);

  if (run->cluster == NULL)
    {
      g_autoptr(SeismoCluster) cluster = seismo_cluster_new ();

      if (!seismo_store_seed_cluster (run->store, cluster, run->now - CLUSTER_DAYS * 24 * 3600,
                                      error))
        return NULL;
      run->cluster = g_steal_pointer (&cluster);
    }
  return run->cluster;
}

/* In a worker thread: everything after the fetch. */
static void
process_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  Run *run = job->run;
  SeismoSourceOutcome outcome = { 0 };
  g_autoptr(SeismoFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  outcome.when = g_get_real_time () / G_USEC_PER_SEC;

  if (job->error != NULL)
    {
      outcome.status = SEISMO_SOURCE_STATUS_ERROR;
      outcome.error = job->error->message;
    }
  else if (job->result->not_modified)
    {
      outcome.status = SEISMO_SOURCE_STATUS_NOT_MODIFIED;
      outcome.etag = job->result->etag;
      outcome.last_modified = job->result->last_modified;
    }
  else
    {
      SeismoCluster *cluster;
      g_autoptr(GPtrArray) items = NULL;

      feed = seismo_refresh_parse_body (seismo_source_get_kind (job->source),
                                        seismo_source_get_mapping (job->source),
                                        job->result->body, job->result->final_url, &error);
      if (feed != NULL)
        {
          items = prepare_items (run, job->source, feed);
          job->ingest.new_event_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          cluster = ensure_cluster (run, &error);
          if (cluster != NULL &&
              !seismo_store_ingest (run->store, seismo_source_get_id (job->source), items, cluster,
                                    &job->ingest, &error))
            g_prefix_error (&error, "%s", _("Cannot store the items: "));
        }
      if (error != NULL)
        {
          outcome.status = SEISMO_SOURCE_STATUS_ERROR;
          outcome.error = error->message;
        }
      else
        {
          outcome.status = SEISMO_SOURCE_STATUS_OK;
          outcome.etag = job->result->etag;
          outcome.last_modified = job->result->last_modified;
          outcome.title = feed->title;
          outcome.site_url = feed->link;
          outcome.kind = kind_of (feed->format);
        }
      if (job->result->moved)
        outcome.new_url = job->result->final_url;
    }

  job->failed = outcome.status == SEISMO_SOURCE_STATUS_ERROR;
  if (job->failed)
    g_debug ("%s: %s", seismo_source_get_url (job->source), outcome.error);

  /* Not stored means not fetched: the error is the user's to see. */
  if (!seismo_store_record_fetch (run->store, seismo_source_get_id (job->source), &outcome, &error))
    {
      g_warning ("Cannot record the fetch of %s: %s", seismo_source_get_url (job->source),
                 error != NULL ? error->message : "?");
      job->failed = TRUE;
    }
  g_task_return_boolean (task, TRUE);
}

/* Scheduling, in the thread that started the refresh */

static void start_more (GTask *task);

static void
processed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  SeismoRefresh *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  Job *job = g_task_get_task_data (G_TASK (result));

  run->active--;
  run->finished++;
  if (job->failed)
    run->stats.errors++;
  else if (job->result != NULL && job->result->not_modified)
    run->stats.not_modified++;
  run->stats.new_items += job->ingest.new_items;
  run->stats.new_events += job->ingest.new_events;
  if (job->ingest.new_event_ids != NULL)
    g_array_append_vals (run->stats.new_event_ids, job->ingest.new_event_ids->data,
                         job->ingest.new_event_ids->len);

  g_signal_emit (self, signals[PROGRESS], 0, run->finished, run->sources->len);
  start_more (task);
  g_object_unref (task);
}

static char *
host_of (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_PARSE_RELAXED, NULL);

  return g_strdup (uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : "");
}

typedef struct
{
  GTask *task;
  Job   *job;
} Pending;

static void
fetch_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Pending *pending = user_data;
  GTask *task = pending->task;
  Job *job = pending->job;
  Run *run = job->run;
  g_autoptr(GTask) process = NULL;
  guint load;

  g_free (pending);
  job->result = seismo_fetcher_fetch_finish (SEISMO_FETCHER (object), result, &job->error);

  load = GPOINTER_TO_UINT (g_hash_table_lookup (run->host_load, job->host));
  g_hash_table_insert (run->host_load, g_strdup (job->host), GUINT_TO_POINTER (load - 1));

  /* The network slot is free; the job still counts as active until stored. */
  process = g_task_new (g_task_get_source_object (task), NULL, processed_cb, task);
  g_task_set_source_tag (process, fetch_done_cb);
  g_task_set_task_data (process, job, job_free);
  g_task_run_in_thread (process, process_thread);
  start_more (task);
}

static void
start_more (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  if (run->finished == run->sources->len)
    {
      if (run->stats.new_event_ids == NULL)
        run->stats.new_event_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      SEISMO_REFRESH (g_task_get_source_object (task))->running = FALSE;
      g_task_return_boolean (task, TRUE);
      return;
    }

  for (GList *l = run->waiting.head; l != NULL && run->active < MAX_ACTIVE;)
    {
      GList *next = l->next;
      SeismoSource *source = g_ptr_array_index (run->sources, GPOINTER_TO_UINT (l->data));
      g_autofree char *host = host_of (seismo_source_get_url (source));
      guint load = GPOINTER_TO_UINT (g_hash_table_lookup (run->host_load, host));
      Pending *pending;
      Job *job;

      if (load >= MAX_PER_HOST)
        {
          l = next;
          continue;
        }
      g_queue_delete_link (&run->waiting, l);
      l = next;

      job = g_new0 (Job, 1);
      job->run = run;
      job->source = g_object_ref (source);
      job->host = g_steal_pointer (&host);
      g_hash_table_insert (run->host_load, g_strdup (job->host), GUINT_TO_POINTER (load + 1));
      run->active++;

      pending = g_new0 (Pending, 1);
      pending->task = g_object_ref (task);
      pending->job = job;
      seismo_fetcher_fetch_async (run->fetcher, seismo_source_get_url (source),
                                  seismo_source_get_etag (source),
                                  seismo_source_get_last_modified (source),
                                  g_task_get_cancellable (task), fetch_done_cb, pending);
    }
}

/* Preparation, in a worker thread */

static gboolean
wanted (Run          *run,
        SeismoSource *source)
{
  gint64 last = seismo_source_get_last_fetch (source);
  gint64 retry = seismo_source_get_retry_after (source);

  if (g_strcmp0 (seismo_source_get_kind (source), "builtin") == 0)
    return FALSE;
  if (run->wanted_ids != NULL)
    {
      for (guint i = 0; i < run->wanted_ids->len; i++)
        if (g_array_index (run->wanted_ids, gint64, i) == seismo_source_get_id (source))
          return TRUE;
      return FALSE;
    }
  if (!seismo_source_get_enabled (source))
    return FALSE;
  if (!run->due_only)
    return TRUE;
  /* Due: its interval has passed, and any back-off too. */
  return (last == 0 || last + seismo_source_get_interval (source) <= run->now) &&
         (retry == 0 || retry <= run->now);
}

static gboolean
build_matching (Run     *run,
                GError **error)
{
  g_autoptr(GPtrArray) aliases = seismo_store_list_aliases (run->store, error);
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GPtrArray) companies = NULL;
  g_autoptr(GError) local = NULL;

  if (aliases == NULL ||
      (rules = seismo_store_list_tag_rules (run->store, error)) == NULL ||
      (companies = seismo_store_list_companies (run->store, run->now, error)) == NULL)
    return FALSE;

  run->matcher = seismo_matcher_new ();
  for (guint i = 0; i < aliases->len; i++)
    {
      SeismoAliasRow *row = g_ptr_array_index (aliases, i);

      /* One bad alias a user typed must not stop every refresh. */
      if (!seismo_matcher_add (run->matcher, row->company_id, row->text, row->mode, &local))
        {
          g_warning ("Skipping the alias “%s”: %s", row->text, local->message);
          g_clear_error (&local);
        }
    }
  if (!seismo_matcher_compile (run->matcher, &local))
    {
      g_warning ("No company matching in this refresh: %s", local->message);
      g_clear_pointer (&run->matcher, seismo_matcher_unref);
      g_clear_error (&local);
    }

  run->tagger = seismo_tagger_new ();
  for (guint i = 0; i < rules->len; i++)
    {
      SeismoRuleRow *row = g_ptr_array_index (rules, i);

      if (!seismo_tagger_add_rule (run->tagger, row->tag, row->kind, row->pattern,
                                   row->case_sensitive, row->weak, row->negative, &local))
        {
          g_warning ("Skipping a rule: %s", local->message);
          g_clear_error (&local);
        }
    }

  run->company_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < companies->len; i++)
    {
      SeismoCompany *company = g_ptr_array_index (companies, i);

      g_hash_table_insert (run->company_ids, g_strdup (seismo_company_get_slug (company)),
                           g_memdup2 (&(gint64) { seismo_company_get_id (company) },
                                      sizeof (gint64)));
    }
  return TRUE;
}

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Run *run = task_data;
  g_autoptr(GPtrArray) all = NULL;
  GError *error = NULL;

  all = seismo_store_list_sources (run->store, &error);
  if (all == NULL || !build_matching (run, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  run->sources = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < all->len; i++)
    if (wanted (run, g_ptr_array_index (all, i)))
      g_ptr_array_add (run->sources, g_object_ref (g_ptr_array_index (all, i)));
  g_task_return_boolean (task, TRUE);
}

static void
prepared_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      SEISMO_REFRESH (g_task_get_source_object (task))->running = FALSE;
      g_task_return_error (task, error);
      return;
    }

  run->stats.sources = run->sources->len;
  run->stats.new_event_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < run->sources->len; i++)
    g_queue_push_tail (&run->waiting, GUINT_TO_POINTER (i));
  g_signal_emit (g_task_get_source_object (task), signals[PROGRESS], 0, 0, run->sources->len);
  start_more (task);
}

static void
seismo_refresh_dispose (GObject *object)
{
  SeismoRefresh *self = SEISMO_REFRESH (object);

  g_clear_object (&self->store);
  g_clear_object (&self->fetcher);

  G_OBJECT_CLASS (seismo_refresh_parent_class)->dispose (object);
}

static void
seismo_refresh_class_init (SeismoRefreshClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = seismo_refresh_dispose;

  /**
   * SeismoRefresh::progress:
   * @done: sources finished, with or without an error
   * @total: sources in this refresh
   */
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
seismo_refresh_init (SeismoRefresh *self)
{
}

SeismoRefresh *
seismo_refresh_new (SeismoStore   *store,
                    SeismoFetcher *fetcher)
{
  SeismoRefresh *self;

  g_return_val_if_fail (SEISMO_IS_STORE (store), NULL);
  g_return_val_if_fail (SEISMO_IS_FETCHER (fetcher), NULL);

  self = g_object_new (SEISMO_TYPE_REFRESH, NULL);
  self->store = g_object_ref (store);
  self->fetcher = g_object_ref (fetcher);
  return self;
}

/**
 * seismo_refresh_run_async:
 * @source_ids: (nullable) (array length=n_source_ids): only these sources
 *   (enabled or not); NULL for every enabled source
 * @due_only: only the sources whose interval (and back-off) has passed
 *
 * Refreshes sources. The callback runs when every source is done; each
 * source's success or error is stored on its row.
 */
void
seismo_refresh_run_async (SeismoRefresh       *self,
                          const gint64        *source_ids,
                          guint                n_source_ids,
                          gboolean             due_only,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) prepare = NULL;
  Run *run;

  g_return_if_fail (SEISMO_IS_REFRESH (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, seismo_refresh_run_async);
  if (self->running)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY, _("A refresh is already running"));
      return;
    }
  self->running = TRUE;

  run = g_new0 (Run, 1);
  run->store = g_object_ref (self->store);
  run->fetcher = g_object_ref (self->fetcher);
  run->due_only = due_only;
  run->now = g_get_real_time () / G_USEC_PER_SEC;
  run->host_load = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_mutex_init (&run->cluster_lock);
  g_queue_init (&run->waiting);
  if (source_ids != NULL)
    {
      run->wanted_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_vals (run->wanted_ids, source_ids, n_source_ids);
    }
  g_task_set_task_data (task, run, run_free);

  prepare = g_task_new (self, cancellable, prepared_cb, g_object_ref (task));
  g_task_set_source_tag (prepare, prepare_thread);
  g_task_set_task_data (prepare, run, NULL);
  g_task_run_in_thread (prepare, prepare_thread);
}

/**
 * seismo_refresh_run_finish:
 * @stats: (out caller-allocates) (optional): what the refresh did; clear it
 *   with seismo_refresh_stats_clear()
 */
gboolean
seismo_refresh_run_finish (SeismoRefresh       *self,
                           GAsyncResult        *result,
                           SeismoRefreshStats  *stats,
                           GError             **error)
{
  Run *run;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  run = g_task_get_task_data (G_TASK (result));
  if (stats != NULL)
    {
      *stats = run->stats;
      run->stats.new_event_ids = NULL;
    }
  return TRUE;
}

gboolean
seismo_refresh_is_running (SeismoRefresh *self)
{
  g_return_val_if_fail (SEISMO_IS_REFRESH (self), FALSE);
  return self->running;
}
