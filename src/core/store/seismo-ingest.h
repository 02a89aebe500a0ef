/* seismo-ingest.h — what a refresh hands the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "seismo-cluster.h"
#include "seismo-source.h"

G_BEGIN_DECLS

/* One parsed item, ready to store: matched and tagged off the store's lock. */
typedef struct
{
  char   *guid;
  char   *url;
  char   *canonical_url;
  char   *title;
  char   *summary;
  char   *author;
  gint64  published;    /* G_MININT64 when unknown */
  gint64  updated;
  GArray *company_ids;  /* of gint64 */
  GStrv   tags;
  SeismoClusterWords *words; /* nullable: seismo_ingest_item_tokenize() */
} SeismoIngestItem;

SeismoIngestItem *seismo_ingest_item_new      (void);
void              seismo_ingest_item_free     (SeismoIngestItem *item);
void              seismo_ingest_item_tokenize (SeismoIngestItem *item);

typedef struct
{
  guint   new_items;
  guint   new_events;
  GArray *new_event_ids; /* gint64; optional: filled when the caller sets it */
} SeismoIngestStats;

/* What a fetch of a source ended with, to store on its row. */
typedef struct
{
  SeismoSourceStatus  status;
  const char         *error;         /* NULL unless status is ERROR */
  const char         *etag;
  const char         *last_modified;
  const char         *new_url;       /* a permanent redirect's target, or NULL */
  const char         *title;         /* the feed's own title, used if the source has none */
  const char         *site_url;
  const char         *kind;          /* detected from the content, or NULL */
  gint64              when;
} SeismoSourceOutcome;

/* Plain rows for building a matcher and a tagger. */
typedef struct
{
  gint64  company_id;
  char   *text;
  char   *mode;
} SeismoAliasRow;

typedef struct
{
  gint64    id;
  char     *tag;
  char     *kind;
  char     *pattern;
  gboolean  case_sensitive;
  gboolean  weak;
  gboolean  negative;
} SeismoRuleRow;

void seismo_alias_row_free (SeismoAliasRow *row);
void seismo_rule_row_free  (SeismoRuleRow  *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeismoIngestItem, seismo_ingest_item_free)

G_END_DECLS
