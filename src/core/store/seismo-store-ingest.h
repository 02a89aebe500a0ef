/* seismo-store-ingest.h — storing many sources in one transaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "seismo-store.h"

G_BEGIN_DECLS

/* seismo_store_ingest() rewrites the full-text row of every event its items
 * joined before it returns. A caller that stores many sources in one
 * transaction (the refresh) collects those events in @stale instead (a
 * set of gint64, g_int64_hash) and rewrites each once, before it commits:
 * a busy event joined by twenty sources is then rewritten once, not
 * twenty times. */
gboolean seismo_store_ingest_deferred  (SeismoStore        *self,
                                        gint64              source_id,
                                        GPtrArray          *items,
                                        SeismoCluster      *cluster,
                                        SeismoIngestStats  *stats,
                                        GHashTable         *stale,
                                        GError            **error);
gboolean seismo_store_reindex_events   (SeismoStore        *self,
                                        GHashTable         *stale,
                                        GError            **error);

/* slug -> gint64 id of every company: what a refresh needs of them, without
 * the activity counts seismo_store_list_companies() computes. */
GHashTable *seismo_store_list_company_ids (SeismoStore  *self,
                                           GError      **error);

G_END_DECLS
