/* seismo-cluster.h — which timeline event a new item belongs to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SEISMO_TYPE_CLUSTER (seismo_cluster_get_type ())

typedef struct _SeismoCluster SeismoCluster;

/* An item's words, tokenised once and away from the index: building them
 * is the costly part of placing an item, and needs no SeismoCluster, so a
 * refresh makes them in its parse threads. Immutable once built. */
typedef struct _SeismoClusterWords SeismoClusterWords;

SeismoClusterWords *seismo_cluster_words_new  (const char         *title,
                                               const char         *summary);
void                seismo_cluster_words_free (SeismoClusterWords *words);

GType          seismo_cluster_get_type     (void) G_GNUC_CONST;

SeismoCluster *seismo_cluster_new          (void);
SeismoCluster *seismo_cluster_ref          (SeismoCluster *self);
void           seismo_cluster_unref        (SeismoCluster *self);

void           seismo_cluster_add          (SeismoCluster *self,
                                            gint64         event_id,
                                            gint64         published,
                                            const gint64  *company_ids,
                                            guint          n_companies,
                                            const char    *canonical_url,
                                            const char    *title,
                                            const char    *summary);
gint64         seismo_cluster_find         (SeismoCluster *self,
                                            gint64         published,
                                            const gint64  *company_ids,
                                            guint          n_companies,
                                            const char    *canonical_url,
                                            const char    *title,
                                            const char    *summary);
gint64         seismo_cluster_find_full    (SeismoCluster *self,
                                            gint64         published,
                                            const gint64  *company_ids,
                                            guint          n_companies,
                                            const char    *canonical_url,
                                            const char    *title,
                                            const char    *summary,
                                            double        *out_score);

void           seismo_cluster_add_words    (SeismoCluster            *self,
                                            gint64                    event_id,
                                            gint64                    published,
                                            const gint64             *company_ids,
                                            guint                     n_companies,
                                            const char               *canonical_url,
                                            const SeismoClusterWords *words);
gint64         seismo_cluster_find_words   (SeismoCluster            *self,
                                            gint64                    published,
                                            const gint64             *company_ids,
                                            guint                     n_companies,
                                            const char               *canonical_url,
                                            const SeismoClusterWords *words,
                                            double                   *out_score);

gint64         seismo_cluster_get_window   (SeismoCluster *self);
guint          seismo_cluster_get_n_events (SeismoCluster *self);
guint          seismo_cluster_get_n_tokens (SeismoCluster *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeismoCluster, seismo_cluster_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeismoClusterWords, seismo_cluster_words_free)

G_END_DECLS
