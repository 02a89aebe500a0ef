/* seismo-refresh-private.h — what the refresh's scheduling and its workers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "seismo-matcher.h"
#include "seismo-refresh.h"
#include "seismo-tagger.h"

G_BEGIN_DECLS

/* One refresh. The scheduling fields belong to the thread that started it;
 * the workers read the matching fields (filled before any fetch) and the
 * writer alone touches the cluster index. */
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

  /* Seeded by the first write that needs it (a refresh where every source
   * answers 304 never does); only one write runs at a time. */
  SeismoCluster      *cluster;
  /* Events whose full-text row is out of date: rewritten at the end of
   * the refresh, once each, however many sources joined them. */
  GHashTable         *stale;

  /* Scheduling */
  GHashTable         *hosts;       /* host name -> Host */
  GQueue              ready;       /* Hosts with sources waiting and a free slot */
  GQueue              to_parse;    /* Jobs fetched, waiting for a parser */
  GQueue              to_write;    /* Jobs parsed (or failed, or 304) and not yet stored */
  guint               parsing;
  gboolean            writing;
  guint               waiting;     /* sources not started */
  guint               fetching;    /* fetches in flight */
  guint               active;      /* started and not yet stored */
  guint               finished;
  gboolean            flushed;     /* the stale rows are rewritten */
  SeismoRefreshStats  stats;
} SeismoRefreshRun;

/* The sources of one host not started yet, and its fetches in flight.
 * Scheduling walks hosts, not sources, so a thousand feeds on one host
 * cost nothing per start. */
typedef struct
{
  GQueue   waiting;  /* SeismoSource, borrowed from the run's sources */
  guint    load;
  gboolean ready;    /* in the run's ready queue */
} SeismoRefreshHost;

/* One source through the pipeline: fetched, parsed, stored. */
typedef struct
{
  SeismoRefreshRun  *run;
  SeismoSource      *source;
  SeismoRefreshHost *host;
  gint64             when;       /* the fetch ended */
  SeismoFetchResult *result;
  GError            *error;      /* the fetch's, or the parse's */
  SeismoFeed        *feed;
  GPtrArray         *items;      /* SeismoIngestItem, matched and tagged */
  SeismoIngestStats  ingest;
  gboolean           failed;
} SeismoRefreshJob;

void     _seismo_refresh_run_free       (SeismoRefreshRun *run);
void     _seismo_refresh_job_free       (SeismoRefreshJob *job);
gboolean _seismo_refresh_prepare        (SeismoRefreshRun *run,
                                         GError          **error);
/* In a worker thread, beside other parses: no store access. */
void     _seismo_refresh_parse          (SeismoRefreshJob *job);
/* In a worker thread, one at a time: @jobs in one transaction, each
 * source's writes in a savepoint of their own. */
void     _seismo_refresh_write          (SeismoRefreshRun *run,
                                         GPtrArray        *jobs);
/* In a worker thread, when nothing else writes: the stale rows, in
 * transactions short enough not to hold readers up. */
void     _seismo_refresh_flush          (SeismoRefreshRun *run);

G_END_DECLS
