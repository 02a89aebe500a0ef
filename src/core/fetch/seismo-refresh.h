/* seismo-refresh.h — fetch, parse, match, cluster and store every source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seismo-feed.h"
#include "seismo-fetcher.h"
#include "seismo-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint   sources;
  guint   new_items;
  guint   new_events;
  guint   not_modified;
  guint   errors;
  GArray *new_event_ids; /* gint64, the events this refresh made, for notifications */
} SeismoRefreshStats;

void seismo_refresh_stats_clear (SeismoRefreshStats *stats);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SeismoRefreshStats, seismo_refresh_stats_clear)

#define SEISMO_TYPE_REFRESH (seismo_refresh_get_type ())

G_DECLARE_FINAL_TYPE (SeismoRefresh, seismo_refresh, SEISMO, REFRESH, GObject)

SeismoRefresh *seismo_refresh_new         (SeismoStore          *store,
                                           SeismoFetcher        *fetcher);
void           seismo_refresh_run_async   (SeismoRefresh        *self,
                                           const gint64         *source_ids,
                                           guint                 n_source_ids,
                                           gboolean              due_only,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean       seismo_refresh_run_finish  (SeismoRefresh        *self,
                                           GAsyncResult         *result,
                                           SeismoRefreshStats   *stats,
                                           GError              **error);
gboolean       seismo_refresh_is_running  (SeismoRefresh        *self);

/* The pieces, for `sources add` and the tests: the items of a fetched
 * body, matched and tagged, ready for seismo_store_ingest(). */
SeismoFeed    *seismo_refresh_parse_body  (const char           *kind,
                                           const char           *mapping,
                                           GBytes               *body,
                                           const char           *base_url,
                                           GError              **error);

G_END_DECLS
