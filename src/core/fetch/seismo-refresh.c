/* seismo-refresh.c — fetch, parse, match, cluster and store every source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "seismo-refresh-private.h"

/* A refresh fetches sources concurrently from the thread that starts it
 * (the UI's main loop never waits: libsoup is asynchronous), hands each
 * answer to a worker thread that parses it, matches companies and applies
 * the tag rules (several at once, on every core), and queues the result
 * for the one writer, which stores whatever is queued in one transaction.
 * At most 24 fetches run at a time (6 per host), and 64 sources are in
 * flight (fetching, parsing or waiting to be stored), so memory stays
 * bounded however many sources there are. A source's failure is
 * stored on its row and changes nothing else; a cancel stores nothing
 * about the sources it cut short. */

#define MAX_FETCHING 24
#define MAX_PER_HOST 6
/* Parsed sources waiting for the writer: a bound on memory (a parsed feed
 * is a few hundred kilobytes at most), and big enough batches. */
#define MAX_ACTIVE 64
/* What one write holds the store's lock for: enough sources to share the
 * pages a commit writes, few enough that a reader waits a fraction of a
 * second at most. */
#define MAX_BATCH_ITEMS 2500

typedef SeismoRefreshRun Run;
typedef SeismoRefreshHost Host;
typedef SeismoRefreshJob Job;

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

void
seismo_refresh_stats_clear (SeismoRefreshStats *stats)
{
  g_clear_pointer (&stats->new_event_ids, g_array_unref);
  memset (stats, 0, sizeof *stats);
}

static void
host_free (gpointer data)
{
  Host *host = data;

  g_queue_clear (&host->waiting);
  g_free (host);
}

static char *
host_of (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_PARSE_RELAXED, NULL);

  return g_ascii_strdown (uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : "",
                          -1);
}

static void
host_make_ready (Run  *run,
                 Host *host)
{
  if (!host->ready && host->waiting.length > 0 && host->load < MAX_PER_HOST)
    {
      host->ready = TRUE;
      g_queue_push_tail (&run->ready, host);
    }
}

static void start_more (GTask *task);
static void write_more (GTask *task);
static void flush      (GTask *task);

/* A job is done: counted, reported, and its slot given to the next source. */
static void
job_done (GTask *task,
          Job   *job)
{
  Run *run = g_task_get_task_data (task);

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
  _seismo_refresh_job_free (job);
  g_signal_emit (g_task_get_source_object (task), signals[PROGRESS], 0, run->finished,
                 run->sources->len);
}

/* Writing: one batch at a time */

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GPtrArray *jobs = task_data;
  Job *first = g_ptr_array_index (jobs, 0);

  _seismo_refresh_write (first->run, jobs);
  g_task_return_boolean (task, TRUE);
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  GPtrArray *jobs = g_task_get_task_data (G_TASK (result));

  for (guint i = 0; i < jobs->len; i++)
    job_done (task, g_ptr_array_index (jobs, i));
  g_ptr_array_set_size (jobs, 0);
  run->writing = FALSE;
  write_more (task);
  start_more (task);
}

static void
write_more (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  g_autoptr(GTask) write = NULL;
  GPtrArray *jobs;
  guint items = 0;

  if (run->writing || run->to_write.length == 0)
    return;

  jobs = g_ptr_array_new ();
  while (run->to_write.length > 0 && (jobs->len == 0 || items < MAX_BATCH_ITEMS))
    {
      Job *job = g_queue_pop_head (&run->to_write);

      items += job->items != NULL ? MAX (job->items->len, 1) : 1;
      g_ptr_array_add (jobs, job);
    }
  run->writing = TRUE;
  /* Not cancellable: what was fetched is stored, and the task must come back. */
  write = g_task_new (g_task_get_source_object (task), NULL, written_cb, g_object_ref (task));
  g_task_set_source_tag (write, write_more);
  g_task_set_task_data (write, jobs, (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (write, write_thread);
}

static void
queue_write (GTask *task,
             Job   *job)
{
  Run *run = g_task_get_task_data (task);

  g_queue_push_tail (&run->to_write, job);
  write_more (task);
}

/* The search index's stale rows, once everything is stored. */

static void
flush_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  _seismo_refresh_flush (task_data);
  g_task_return_boolean (task, TRUE);
}

static void
flushed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);

  run->writing = FALSE;
  start_more (task);
}

static void
flush (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  g_autoptr(GTask) write = NULL;

  run->flushed = TRUE;
  run->writing = TRUE;
  write = g_task_new (g_task_get_source_object (task), NULL, flushed_cb, g_object_ref (task));
  g_task_set_source_tag (write, flush);
  g_task_set_task_data (write, run, NULL);
  g_task_run_in_thread (write, flush_thread);
}

/* Parsing: many at once */

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  _seismo_refresh_parse (task_data);
  g_task_return_boolean (task, TRUE);
}

static void parse_more (GTask *task);

static void
parsed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);

  run->parsing--;
  queue_write (task, g_task_get_task_data (G_TASK (result)));
  parse_more (task);
}

/* Parsing on all cores but one: the writer has one, and the thread that
 * runs the refresh (the UI's) must find a core free when it wakes up. */
static void
parse_more (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  guint max = MAX (1, g_get_num_processors () - 1);

  while (run->parsing < max && run->to_parse.length > 0)
    {
      g_autoptr(GTask) parse = NULL;

      run->parsing++;
      parse = g_task_new (g_task_get_source_object (task), NULL, parsed_cb, g_object_ref (task));
      g_task_set_source_tag (parse, parse_more);
      g_task_set_task_data (parse, g_queue_pop_head (&run->to_parse), NULL);
      g_task_run_in_thread (parse, parse_thread);
    }
}

/* Fetching: the network side, in this thread */

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
  g_autoptr(GTask) task = pending->task;
  Job *job = pending->job;
  Run *run = job->run;

  g_free (pending);
  job->result = seismo_fetcher_fetch_finish (SEISMO_FETCHER (object), result, &job->error);
  job->when = g_get_real_time () / G_USEC_PER_SEC;
  job->host->load--;
  run->fetching--;
  host_make_ready (run, job->host);

  if (g_error_matches (job->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* The user stopped the refresh: not the source's fault. */
      job_done (task, job);
    }
  else if (job->error != NULL || job->result->not_modified)
    {
      queue_write (task, job);
    }
  else
    {
      /* The network slot is free; the job still counts as active until stored. */
      g_queue_push_tail (&run->to_parse, job);
      parse_more (task);
    }
  start_more (task);
}

static void
start_more (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  /* Once cancelled, what has not started never does. */
  if (run->waiting > 0 && g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      run->finished += run->waiting;
      run->waiting = 0;
      g_queue_clear (&run->ready);
    }

  if (run->finished == run->sources->len && !run->flushed)
    {
      g_assert (run->active == 0 && !run->writing);
      flush (task);
      return;
    }
  if (run->finished == run->sources->len)
    {
      SEISMO_REFRESH (g_task_get_source_object (task))->running = FALSE;
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Round robin over the hosts, so that one big host does not hold up
   * the others. */
  while (run->fetching < MAX_FETCHING && run->active < MAX_ACTIVE && run->ready.length > 0)
    {
      Host *host = g_queue_pop_head (&run->ready);
      SeismoSource *source = g_queue_pop_head (&host->waiting);
      Pending *pending;
      Job *job;

      host->ready = FALSE;
      host->load++;
      run->waiting--;
      run->active++;
      run->fetching++;
      host_make_ready (run, host);

      job = g_new0 (Job, 1);
      job->run = run;
      job->source = g_object_ref (source);
      job->host = host;

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

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;

  if (!_seismo_refresh_prepare (task_data, &error))
    g_task_return_error (task, error);
  else
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
  for (guint i = 0; i < run->sources->len; i++)
    {
      SeismoSource *source = g_ptr_array_index (run->sources, i);
      g_autofree char *name = host_of (seismo_source_get_url (source));
      Host *host = g_hash_table_lookup (run->hosts, name);

      if (host == NULL)
        {
          host = g_new0 (Host, 1);
          g_queue_init (&host->waiting);
          g_hash_table_insert (run->hosts, g_steal_pointer (&name), host);
        }
      g_queue_push_tail (&host->waiting, source);
      host_make_ready (run, host);
    }
  run->waiting = run->sources->len;
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
 *   (enabled or not, whatever their back-off); NULL for every enabled source
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
  run->hosts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, host_free);
  run->stats.new_event_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  run->stale = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_queue_init (&run->ready);
  g_queue_init (&run->to_parse);
  g_queue_init (&run->to_write);
  if (source_ids != NULL)
    {
      run->wanted_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_vals (run->wanted_ids, source_ids, n_source_ids);
    }
  g_task_set_task_data (task, run, (GDestroyNotify) _seismo_refresh_run_free);

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
