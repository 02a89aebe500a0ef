/* seismo-store.h — the SQLite database behind the timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seismo-event.h"
#include "seismo-event-filter.h"
#include "seismo-ingest.h"
#include "seismo-records.h"

G_BEGIN_DECLS

#define SEISMO_STORE_ERROR (seismo_store_error_quark ())

typedef enum
{
  SEISMO_STORE_ERROR_OPEN,       /* the file or its folder cannot be opened or created */
  SEISMO_STORE_ERROR_NOT_OURS,   /* not SQLite, or SQLite written by something else */
  SEISMO_STORE_ERROR_TOO_NEW,    /* written by a newer Seismograph */
  SEISMO_STORE_ERROR_READ_ONLY,  /* a write was refused by the file system */
  SEISMO_STORE_ERROR_NOT_FOUND,  /* no such event, company, tag or source */
  SEISMO_STORE_ERROR_INVALID,    /* a value the store refuses (empty tag name, bad colour…) */
  SEISMO_STORE_ERROR_FAILED,     /* anything else SQLite reports */
} SeismoStoreError;

/* The schema version this code writes; older files are migrated on open. */
#define SEISMO_STORE_SCHEMA_VERSION 2

#define SEISMO_TYPE_STORE (seismo_store_get_type ())

G_DECLARE_FINAL_TYPE (SeismoStore, seismo_store, SEISMO, STORE, GObject)

GQuark        seismo_store_error_quark        (void);

SeismoStore  *seismo_store_open               (const char   *path,
                                               GError      **error);
const char   *seismo_store_get_path           (SeismoStore  *self);
gboolean      seismo_store_get_created        (SeismoStore  *self);
char         *seismo_store_default_path       (void);

/* Runs @job in a worker thread; the UI's way to call any store function
 * without blocking. @job returns its result, or NULL and sets @error. */
typedef gpointer (*SeismoStoreJob) (SeismoStore  *store,
                                    gpointer      data,
                                    GError      **error);

void          seismo_store_run_async          (SeismoStore          *self,
                                               SeismoStoreJob        job,
                                               gpointer              data,
                                               GDestroyNotify        data_free,
                                               GDestroyNotify        result_free,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gpointer      seismo_store_run_finish         (SeismoStore          *self,
                                               GAsyncResult         *result,
                                               GError              **error);

/* Transactions for callers that batch several writes (the refresh, imports).
 * Every public write below already runs in its own transaction when no
 * batch is open. */
gboolean      seismo_store_begin              (SeismoStore  *self,
                                               GError      **error);
gboolean      seismo_store_commit             (SeismoStore  *self,
                                               GError      **error);
void          seismo_store_rollback           (SeismoStore  *self);

/* Events */
GPtrArray    *seismo_store_list_events        (SeismoStore               *self,
                                               const SeismoEventFilter   *filter,
                                               const SeismoEventCursor   *after,
                                               guint                      offset,
                                               guint                      limit,
                                               GError                   **error);
gboolean      seismo_store_count_events       (SeismoStore               *self,
                                               const SeismoEventFilter   *filter,
                                               guint                     *count,
                                               GError                   **error);
SeismoEvent  *seismo_store_get_event          (SeismoStore  *self,
                                               gint64        event_id,
                                               GError      **error);
gboolean      seismo_store_set_event_flag     (SeismoStore     *self,
                                               gint64           event_id,
                                               SeismoEventFlag  flag,
                                               gboolean         value,
                                               GError         **error);
gboolean      seismo_store_set_all_read       (SeismoStore               *self,
                                               const SeismoEventFilter   *filter,
                                               GError                   **error);
gboolean      seismo_store_get_totals         (SeismoStore   *self,
                                               SeismoTotals  *totals,
                                               GError       **error);

/* Companies */
GPtrArray    *seismo_store_list_companies     (SeismoStore  *self,
                                               gint64        now,
                                               GError      **error);
GPtrArray    *seismo_store_list_followed_companies (SeismoStore  *self,
                                                    GError      **error);
SeismoCompany *seismo_store_get_company       (SeismoStore  *self,
                                               const char   *slug,
                                               gint64        now,
                                               GError      **error);
gboolean      seismo_store_set_followed       (SeismoStore  *self,
                                               const char   *slug,
                                               gboolean      followed,
                                               GError      **error);
gboolean      seismo_store_add_event_company  (SeismoStore  *self,
                                               gint64        event_id,
                                               const char   *slug,
                                               GError      **error);
gboolean      seismo_store_remove_event_company (SeismoStore  *self,
                                                 gint64        event_id,
                                                 const char   *slug,
                                                 GError      **error);
GArray       *seismo_store_company_activity   (SeismoStore  *self,
                                               const char   *slug,
                                               gint64        until,
                                               guint         n_buckets,
                                               guint         bucket_seconds,
                                               GError      **error);

/* Tags */
GPtrArray    *seismo_store_list_tags          (SeismoStore  *self,
                                               GError      **error);
gboolean      seismo_store_add_event_tag      (SeismoStore  *self,
                                               gint64        event_id,
                                               const char   *tag,
                                               GError      **error);
gboolean      seismo_store_remove_event_tag   (SeismoStore  *self,
                                               gint64        event_id,
                                               const char   *tag,
                                               GError      **error);

/* Notes: @company_slug NULL means the note of @event_id. An empty or NULL
 * @body deletes the note. */
gboolean      seismo_store_set_note           (SeismoStore  *self,
                                               gint64        event_id,
                                               const char   *company_slug,
                                               const char   *body,
                                               GError      **error);
gboolean      seismo_store_get_note           (SeismoStore  *self,
                                               gint64        event_id,
                                               const char   *company_slug,
                                               SeismoNote  **note,
                                               GError      **error);
GPtrArray    *seismo_store_list_notes         (SeismoStore  *self,
                                               const char   *search,
                                               GError      **error);

/* Sources */
GPtrArray    *seismo_store_list_sources       (SeismoStore  *self,
                                               GError      **error);
SeismoSource *seismo_store_get_source         (SeismoStore  *self,
                                               gint64        source_id,
                                               GError      **error);
gint64        seismo_store_add_source         (SeismoStore         *self,
                                               const SeismoSource  *source,
                                               GError             **error);
gboolean      seismo_store_remove_source      (SeismoStore  *self,
                                               gint64        source_id,
                                               GError      **error);
gboolean      seismo_store_set_source_enabled (SeismoStore  *self,
                                               gint64        source_id,
                                               gboolean      enabled,
                                               GError      **error);

/* What the user decides about clustering: both results are pinned. */
gboolean      seismo_store_split_item         (SeismoStore  *self,
                                               gint64        item_id,
                                               gint64       *new_event_id,
                                               GError      **error);
gboolean      seismo_store_merge_events       (SeismoStore  *self,
                                               gint64        from_id,
                                               gint64        into_id,
                                               GError      **error);

/* Notifications */
GPtrArray    *seismo_store_take_notifications (SeismoStore         *self,
                                                GArray              *event_ids,
                                                const char * const  *watched_tags,
                                                const char * const  *keywords,
                                                GError             **error);

/* Refresh */
GPtrArray    *seismo_store_list_aliases       (SeismoStore  *self,
                                               GError      **error);
GPtrArray    *seismo_store_list_tag_rules     (SeismoStore  *self,
                                               GError      **error);
gboolean      seismo_store_seed_cluster       (SeismoStore    *self,
                                               SeismoCluster  *cluster,
                                               gint64          since,
                                               GError        **error);
gboolean      seismo_store_ingest             (SeismoStore        *self,
                                               gint64              source_id,
                                               GPtrArray          *items,
                                               SeismoCluster      *cluster,
                                               SeismoIngestStats  *stats,
                                               GError            **error);
gboolean      seismo_store_record_fetch       (SeismoStore                *self,
                                               gint64                      source_id,
                                               const SeismoSourceOutcome  *outcome,
                                               GError                    **error);

G_END_DECLS

/* Company panel (seismo-store-company-tags.c) */
G_BEGIN_DECLS

GPtrArray    *seismo_store_list_company_tags  (SeismoStore  *self,
                                               const char   *slug,
                                               GError      **error);

G_END_DECLS
/* End of company panel */

/* OPML import (seismo-store-import.c) */
G_BEGIN_DECLS

/* Adds every source of @sources (SeismoSource) whose URL is not stored yet,
 * in one transaction; @skipped counts those already there (or listed twice).
 * An invalid source is an error and then nothing is added. */
gboolean      seismo_store_import_sources     (SeismoStore  *self,
                                               GPtrArray    *sources,
                                               guint        *added,
                                               guint        *skipped,
                                               GError      **error);

G_END_DECLS
/* End of OPML import */

/* Notes export and tag management (seismo-store-export.c, seismo-store-tags.c,
 * seismo-store-retag.c) */
G_BEGIN_DECLS

/* A source link of an exported event: one of its items, or a link kept in
 * events.links after the item's source was removed. */
typedef struct
{
  char *url;
  char *title;   /* the item's title; NULL for a kept link */
  char *source;  /* the source's title or address, or NULL */
} SeismoExportLink;

/* A note with what the Markdown export prints around it. */
typedef struct
{
  gint64       note_id;
  gint64       event_id;       /* 0 for a company's note */
  char        *company_slug;   /* the company of a company's note, else NULL */
  char        *subject;        /* the event's title, or the company's name */
  char        *body;           /* Markdown exactly as written */
  gint64       date;           /* the event's date; for a company's note, its last edit */
  SeismoDated  dated;
  gint64       created;
  gint64       updated;
  GStrv        companies;      /* the event's companies (slugs) by name; empty for a company note */
  GStrv        company_names;  /* their names, in the same order */
  GStrv        tags;           /* the event's tags by name */
  GPtrArray   *links;          /* (element-type SeismoExportLink) items first, then kept links */
} SeismoExportNote;

void          seismo_export_note_free         (SeismoExportNote         *note);
/* Only @filter's company, tag, since and until count. */
GPtrArray    *seismo_store_list_export_notes  (SeismoStore              *self,
                                               const SeismoEventFilter  *filter,
                                               GError                  **error);

/* Tags: names are matched without regard to case, a leading "#" ignored.
 * A colour is "#rrggbb", or NULL for none. */
gint64        seismo_store_create_tag         (SeismoStore  *self,
                                               const char   *name,
                                               const char   *color,
                                               GError      **error);
gboolean      seismo_store_rename_tag         (SeismoStore  *self,
                                               const char   *name,
                                               const char   *new_name,
                                               GError      **error);
gboolean      seismo_store_merge_tags         (SeismoStore  *self,
                                               const char   *from,
                                               const char   *into,
                                               guint        *n_events,
                                               GError      **error);
gboolean      seismo_store_set_tag_color      (SeismoStore  *self,
                                               const char   *name,
                                               const char   *color,
                                               GError      **error);
gboolean      seismo_store_delete_tag         (SeismoStore  *self,
                                               const char   *name,
                                               guint        *n_events,
                                               GError      **error);

/* Tag rules (listed by seismo_store_list_tag_rules); @rule's id is ignored
 * when adding and names the rule when updating. */
gint64        seismo_store_add_tag_rule       (SeismoStore          *self,
                                               const SeismoRuleRow  *rule,
                                               GError              **error);
gboolean      seismo_store_update_tag_rule    (SeismoStore          *self,
                                               const SeismoRuleRow  *rule,
                                               GError              **error);
gboolean      seismo_store_remove_tag_rule    (SeismoStore          *self,
                                               gint64                rule_id,
                                               GError              **error);

typedef enum
{
  SEISMO_APPLY_RULES_DEFAULT = 0,       /* add what the rules give; remove nothing */
  SEISMO_APPLY_RULES_PRUNE   = 1 << 0,  /* also remove rule tags the rules no longer give */
  SEISMO_APPLY_RULES_DRY_RUN = 1 << 1,  /* count, change nothing */
} SeismoApplyRulesFlags;

typedef struct
{
  guint events;          /* events looked at */
  guint events_changed;
  guint tags_added;
  guint tags_removed;
} SeismoApplyRulesStats;

gboolean      seismo_store_apply_tag_rules    (SeismoStore            *self,
                                               SeismoApplyRulesFlags   flags,
                                               GCancellable           *cancellable,
                                               SeismoApplyRulesStats  *stats,
                                               GError                **error);

/* seismo_store_apply_tag_rules() in a worker thread; @stats of finish is
 * filled also on an error or a cancellation (the batches already applied). */
void          seismo_store_apply_tag_rules_async  (SeismoStore            *self,
                                                   SeismoApplyRulesFlags   flags,
                                                   GCancellable           *cancellable,
                                                   GAsyncReadyCallback     callback,
                                                   gpointer                user_data);
gboolean      seismo_store_apply_tag_rules_finish (SeismoStore            *self,
                                                   GAsyncResult           *result,
                                                   SeismoApplyRulesStats  *stats,
                                                   GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeismoExportNote, seismo_export_note_free)

G_END_DECLS
/* End of notes export and tag management */
