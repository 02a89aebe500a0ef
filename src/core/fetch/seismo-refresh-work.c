/* seismo-refresh-work.c — what a refresh does in worker threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "seismo-json-api.h"
#include "seismo-refresh-private.h"
#include "seismo-store-ingest.h"
#include "seismo-url.h"

/* The blocking half of a refresh: reading the sources and the matching
 * rules, parsing a body and matching its items (many at once, no store
 * access), and storing parsed sources (one writer at a time, several
 * sources per transaction). Batching matters: a commit writes every page
 * it touched, and the random-order indexes (canonical URL, publication
 * time) and the full-text segments touch about as many pages for one
 * source as for twenty. */

#define CLUSTER_DAYS 14
/* Stale full-text rows kept for the end of the refresh; past this many
 * they are rewritten with the batch that makes one more. */
#define MAX_STALE 20000
/* Rows rewritten per transaction at the end. */
#define FLUSH_CHUNK 500

void
_seismo_refresh_run_free (SeismoRefreshRun *run)
{
  g_clear_object (&run->store);
  g_clear_object (&run->fetcher);
  g_clear_pointer (&run->wanted_ids, g_array_unref);
  g_clear_pointer (&run->sources, g_ptr_array_unref);
  g_clear_pointer (&run->matcher, seismo_matcher_unref);
  g_clear_object (&run->tagger);
  g_clear_pointer (&run->company_ids, g_hash_table_unref);
  g_clear_pointer (&run->cluster, seismo_cluster_unref);
  g_clear_pointer (&run->stale, g_hash_table_unref);
  g_queue_clear (&run->ready);
  g_queue_clear_full (&run->to_parse, (GDestroyNotify) _seismo_refresh_job_free);
  g_queue_clear_full (&run->to_write, (GDestroyNotify) _seismo_refresh_job_free);
  g_clear_pointer (&run->hosts, g_hash_table_unref);
  seismo_refresh_stats_clear (&run->stats);
  g_free (run);
}

void
_seismo_refresh_job_free (SeismoRefreshJob *job)
{
  g_clear_object (&job->source);
  g_clear_pointer (&job->result, seismo_fetch_result_free);
  g_clear_error (&job->error);
  g_clear_pointer (&job->feed, seismo_feed_free);
  g_clear_pointer (&job->items, g_ptr_array_unref);
  g_clear_pointer (&job->ingest.new_event_ids, g_array_unref);
  g_free (job);
}

/* Parsing */

static gboolean
looks_like_html (const char *data,
                 gsize       length)
{
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
  gsize length = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &length) : NULL;

  /* An empty GBytes may have no data pointer at all. */
  if (data == NULL || length == 0)
    {
      g_set_error_literal (error, SEISMO_PARSE_ERROR, SEISMO_PARSE_ERROR_EMPTY,
                           _("The answer is empty"));
      return NULL;
    }

  if (g_strcmp0 (kind, "json-api") == 0)
    return seismo_json_api_parse (data, length, mapping, error);

  feed = seismo_feed_parse (data, length, base_url, error);
  if (feed == NULL)
    return NULL;
  if (feed->format == SEISMO_FEED_FORMAT_UNKNOWN)
    {
      g_set_error_literal (error, SEISMO_PARSE_ERROR, SEISMO_PARSE_ERROR_NOT_A_FEED,
                           looks_like_html (data, length)
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
  const char *tag = NULL;
  GHashTable *prior;

  if (strstr (url, "arxiv.org") != NULL || strstr (url, "huggingface.co/api/daily_papers") != NULL)
    tag = "research";
  else if (strstr (url, "huggingface.co/api/models") != NULL)
    tag = "model-release";
  else if (strstr (url, "github.com") != NULL && strstr (url, "releases") != NULL)
    tag = "product";
  if (tag == NULL)
    return NULL;
  prior = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (prior, (gpointer) tag, GINT_TO_POINTER (2));
  return prior;
}

static GPtrArray *
prepare_items (SeismoRefreshRun *run,
               SeismoSource     *source,
               SeismoFeed       *feed)
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
      gboolean present = FALSE;

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
          g_autoptr(GArray) companies = seismo_matcher_match (run->matcher, item->title,
                                                              item->summary);

          g_array_append_vals (item->company_ids, companies->data, companies->len);
        }
      for (guint c = 0; c < item->company_ids->len; c++)
        present |= g_array_index (item->company_ids, gint64, c) == company_id;
      if (company_id != 0 && !present)
        g_array_append_val (item->company_ids, company_id);
      if (run->tagger != NULL)
        {
          g_autoptr(GPtrArray) tags = seismo_tagger_apply_with_prior (run->tagger, item->title,
                                                                      item->summary, prior);

          g_ptr_array_add (tags, NULL);
          item->tags = (GStrv) g_ptr_array_steal (tags, NULL);
        }
      /* here, in a parse thread, not in the store's one writer */
      seismo_ingest_item_tokenize (item);
      g_ptr_array_add (items, item);
    }
  return items;
}

void
_seismo_refresh_parse (SeismoRefreshJob *job)
{
  g_autoptr(GError) error = NULL;

  g_assert (job->error == NULL && job->result != NULL && !job->result->not_modified);

  job->feed = seismo_refresh_parse_body (seismo_source_get_kind (job->source),
                                         seismo_source_get_mapping (job->source),
                                         job->result->body, job->result->final_url, &error);
  if (job->feed == NULL)
    {
      job->error = g_steal_pointer (&error);
      return;
    }
  job->items = prepare_items (job->run, job->source, job->feed);
  /* The body is not needed any more: free it now, not after the write. */
  g_clear_pointer (&job->result->body, g_bytes_unref);
}

/* Writing */

static SeismoCluster *
ensure_cluster (SeismoRefreshRun  *run,
                GError           **error)
{
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

static gboolean
needs_ingest (SeismoRefreshJob *job)
{
  return job->error == NULL && !job->result->not_modified;
}

/* @stale: NULL to rewrite the full-text rows of joined events now */
static gboolean
ingest_job (SeismoRefreshRun  *run,
            SeismoRefreshJob  *job,
            GHashTable        *stale,
            GError           **error)
{
  SeismoCluster *cluster = ensure_cluster (run, error);
  gint64 source_id = seismo_source_get_id (job->source);

  job->ingest.new_items = job->ingest.new_events = 0;
  if (job->ingest.new_event_ids == NULL)
    job->ingest.new_event_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_set_size (job->ingest.new_event_ids, 0);
  if (cluster == NULL)
    return FALSE;
  if (stale != NULL)
    return seismo_store_ingest_deferred (run->store, source_id, job->items, cluster, &job->ingest,
                                         stale, error);
  return seismo_store_ingest (run->store, source_id, job->items, cluster, &job->ingest, error);
}

/* The source's row: status, readable error, validators, a permanent move. */
static gboolean
record_job (SeismoRefreshRun  *run,
            SeismoRefreshJob  *job,
            const GError      *ingest_error,
            GError           **error)
{
  SeismoSourceOutcome outcome = { 0 };
  g_autofree char *message = NULL;

  outcome.when = job->when;
  if (job->error != NULL || ingest_error != NULL)
    {
      outcome.status = SEISMO_SOURCE_STATUS_ERROR;
      if (job->error != NULL)
        outcome.error = job->error->message;
      else
        outcome.error = message = g_strconcat (_("Cannot store the items: "),
                                               ingest_error->message, NULL);
    }
  else if (job->result->not_modified)
    {
      outcome.status = SEISMO_SOURCE_STATUS_NOT_MODIFIED;
      outcome.etag = job->result->etag;
      outcome.last_modified = job->result->last_modified;
    }
  else
    {
      outcome.status = SEISMO_SOURCE_STATUS_OK;
      outcome.etag = job->result->etag;
      outcome.last_modified = job->result->last_modified;
      outcome.title = job->feed->title;
      outcome.site_url = job->feed->link;
      outcome.kind = kind_of (job->feed->format);
    }
  /* A permanent move is remembered even when what is there now fails. */
  if (job->result != NULL && job->result->moved)
    outcome.new_url = job->result->final_url;

  job->failed = outcome.status == SEISMO_SOURCE_STATUS_ERROR;
  if (job->failed)
    g_debug ("%s: %s", seismo_source_get_url (job->source), outcome.error);
  return seismo_store_record_fetch (run->store, seismo_source_get_id (job->source), &outcome,
                                    error);
}

/* One source in a transaction of its own: its failure undoes its items
 * only, and is stored as its error. */
static void
write_alone (SeismoRefreshRun *run,
             SeismoRefreshJob *job)
{
  g_autoptr(GError) ingest_error = NULL;
  g_autoptr(GError) error = NULL;

  if (needs_ingest (job))
    {
      if (seismo_store_begin (run->store, &ingest_error))
        {
          if (!ingest_job (run, job, NULL, &ingest_error))
            seismo_store_rollback (run->store);
          else if (!record_job (run, job, NULL, &error))
            seismo_store_rollback (run->store);
          else if (seismo_store_commit (run->store, &error))
            return;
        }
      job->ingest.new_items = job->ingest.new_events = 0;
      g_clear_pointer (&job->ingest.new_event_ids, g_array_unref);
      /* Events it made, then lost, may be in the index; their ids come back. */
      g_clear_pointer (&run->cluster, seismo_cluster_unref);
    }
  if (error == NULL)
    record_job (run, job, ingest_error, &error);
  if (error != NULL)
    {
      /* Not stored means not fetched: the error is the user's to see. */
      g_warning ("Cannot record the fetch of %s: %s", seismo_source_get_url (job->source),
                 error->message);
      job->failed = TRUE;
    }
}

void
_seismo_refresh_write (SeismoRefreshRun *run,
                       GPtrArray        *jobs)
{
  g_autoptr(GError) error = NULL;

  /* Every source of the batch in one transaction, without savepoints: a
   * savepoint (and any statement that opens one) makes FTS5 flush its
   * pending terms, which is most of what a commit would cost. A failure
   * is rare; then the batch is rolled back and stored source by source. */
  if (seismo_store_begin (run->store, &error))
    {
      gboolean ok = TRUE;

      for (guint i = 0; ok && i < jobs->len; i++)
        {
          SeismoRefreshJob *job = g_ptr_array_index (jobs, i);

          ok = (!needs_ingest (job) || ingest_job (run, job, run->stale, &error)) &&
               record_job (run, job, NULL, &error);
        }
      if (ok && g_hash_table_size (run->stale) > MAX_STALE)
        ok = seismo_store_reindex_events (run->store, run->stale, &error);
      if (ok && seismo_store_commit (run->store, &error))
        return;
      if (!ok)
        seismo_store_rollback (run->store);
      g_debug ("Storing %u sources at once failed (%s): one by one", jobs->len, error->message);
    }
  g_clear_pointer (&run->cluster, seismo_cluster_unref);
  for (guint i = 0; i < jobs->len; i++)
    write_alone (run, g_ptr_array_index (jobs, i));
}

/* Once everything is stored: the search rows of the events that grew,
 * then what only storing needed. The clustering index of a big refresh
 * takes tens of milliseconds to free: here, not on the main loop. */
void
_seismo_refresh_flush (SeismoRefreshRun *run)
{
  while (g_hash_table_size (run->stale) > 0)
    {
      g_autoptr(GHashTable) chunk = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                           NULL);
      g_autoptr(GError) error = NULL;
      GHashTableIter iter;
      gpointer event_id;

      g_hash_table_iter_init (&iter, run->stale);
      while (g_hash_table_size (chunk) < FLUSH_CHUNK && g_hash_table_iter_next (&iter, &event_id, NULL))
        {
          g_hash_table_iter_steal (&iter);
          g_hash_table_add (chunk, event_id);
        }
      /* A row left stale only misses the newest items' words in a search. */
      if (!seismo_store_reindex_events (run->store, chunk, &error))
        g_warning ("Cannot update the search index: %s", error->message);
    }
  g_clear_pointer (&run->cluster, seismo_cluster_unref);
  g_clear_pointer (&run->matcher, seismo_matcher_unref);
  g_clear_object (&run->tagger);
}

/* Preparation */

static gboolean
wanted (SeismoRefreshRun *run,
        SeismoSource     *source)
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
build_matching (SeismoRefreshRun  *run,
                GError           **error)
{
  g_autoptr(GPtrArray) aliases = seismo_store_list_aliases (run->store, error);
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GError) local = NULL;

  if (aliases == NULL ||
      (rules = seismo_store_list_tag_rules (run->store, error)) == NULL ||
      (run->company_ids = seismo_store_list_company_ids (run->store, error)) == NULL)
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
  return TRUE;
}

/* The sources to fetch, and the matcher and tagger their items go through. */
gboolean
_seismo_refresh_prepare (SeismoRefreshRun  *run,
                         GError           **error)
{
  g_autoptr(GPtrArray) all = seismo_store_list_sources (run->store, error);

  if (all == NULL || !build_matching (run, error))
    return FALSE;
  run->sources = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < all->len; i++)
    if (wanted (run, g_ptr_array_index (all, i)))
      g_ptr_array_add (run->sources, g_object_ref (g_ptr_array_index (all, i)));
  return TRUE;
}
