/* seismo-store-retag.c — "apply rules to existing events"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "seismo-store-private.h"
#include "seismo-tagger.h"

/* Runs the stored tag rules over every event's items, as a refresh runs
 * them over new items, and by default only adds: the schema cannot tell a
 * tag a rule put on an event from one the starter pack curated or a source
 * prior of the refresh gave (all are origin "auto"), so removing what the
 * rules do not give would strip tags nobody asked to lose.
 * SEISMO_APPLY_RULES_PRUNE removes them anyway, within limits (see
 * plan_event); SEISMO_APPLY_RULES_DRY_RUN counts first. A row with origin
 * "user", present or a tombstone, is never touched. */

#define APPLY_BATCH 500

static gboolean
run_with_ids (SeismoStore  *self,
              const char   *sql,
              gint64        a,
              gint64        b,
              GError      **error)
{
  sqlite3_stmt *stmt = _seismo_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  return _seismo_store_run (self, stmt, error);
}

/* What applying the rules changes on one event. */
typedef struct
{
  gint64     event_id;
  GPtrArray *add;     /* tag names */
  GArray    *remove;  /* tag ids */
} Plan;

static void
plan_clear (gpointer data)
{
  Plan *plan = data;

  g_clear_pointer (&plan->add, g_ptr_array_unref);
  g_clear_pointer (&plan->remove, g_array_unref);
}

typedef struct
{
  SeismoTagger *tagger;
  GHashTable   *ruled;  /* names of tags with a positive rule */
  gboolean      prune;
} Retag;

static void
retag_clear (Retag *retag)
{
  g_clear_object (&retag->tagger);
  g_clear_pointer (&retag->ruled, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Retag, retag_clear)

/* The refresh's tagger, from the same rules in the same order. A stored
 * rule the tagger refuses (written by an older version) is skipped, as the
 * refresh skips it. */
static gboolean
retag_init (SeismoStore  *self,
            Retag        *retag,
            GError      **error)
{
  g_autoptr(GPtrArray) rules = seismo_store_list_tag_rules (self, error);

  if (rules == NULL)
    return FALSE;
  retag->tagger = seismo_tagger_new ();
  retag->ruled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < rules->len; i++)
    {
      SeismoRuleRow *row = g_ptr_array_index (rules, i);
      g_autoptr(GError) local = NULL;

      if (!seismo_tagger_add_rule (retag->tagger, row->tag, row->kind, row->pattern,
                                   row->case_sensitive, row->weak, row->negative, &local))
        g_warning ("Skipping a tag rule: %s", local->message);
      else if (!row->negative)
        g_hash_table_add (retag->ruled, g_strdup (row->tag));
    }
  return TRUE;
}

static void
give (Retag      *retag,
      GHashTable *given,
      const char *title,
      const char *summary)
{
  g_autoptr(GPtrArray) tags = seismo_tagger_apply (retag->tagger, title, summary);

  for (guint i = 0; i < tags->len; i++)
    g_hash_table_add (given, g_strdup (g_ptr_array_index (tags, i)));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The tags the rules give an event: those of each of its items, as the
 * refresh tagged them one by one; an event whose items are all gone is
 * judged by its own title and summary. Pruning leaves alone the starter
 * pack's events (their tags were curated by hand) and events with no items
 * left (nothing to judge them by). */
static gboolean
plan_event (SeismoStore  *self,
            Retag        *retag,
            Plan         *plan,
            const char   *title,
            const char   *summary,
            GError      **error)
{
  g_autoptr(GHashTable) given = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) linked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean prune = retag->prune;
  sqlite3_stmt *stmt;
  guint n_items = 0;
  GHashTableIter iter;
  gpointer name;
  int rc;

  stmt = _seismo_store_prepare (self,
                                "SELECT i.title, i.summary, s.kind = 'builtin' FROM items i"
                                " JOIN sources s ON s.id = i.source_id WHERE i.event_id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan->event_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      give (retag, given, (const char *) sqlite3_column_text (stmt, 0),
            (const char *) sqlite3_column_text (stmt, 1));
      prune &= sqlite3_column_int (stmt, 2) == 0;
      n_items++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto failed;
  if (n_items == 0)
    {
      give (retag, given, title, summary);
      prune = FALSE;
    }

  stmt = _seismo_store_prepare (self,
                                "SELECT et.tag_id, t.name, et.origin = 'auto' AND et.removed = 0"
                                " FROM event_tags et JOIN tags t ON t.id = et.tag_id"
                                " WHERE et.event_id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan->event_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 tag_id = sqlite3_column_int64 (stmt, 0);
      const char *tag = (const char *) sqlite3_column_text (stmt, 1);

      /* Any row, a user's tombstone included, keeps the rules off. */
      g_hash_table_add (linked, g_strdup (tag));
      if (prune && sqlite3_column_int (stmt, 2) && g_hash_table_contains (retag->ruled, tag) &&
          !g_hash_table_contains (given, tag))
        g_array_append_val (plan->remove, tag_id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto failed;

  g_hash_table_iter_init (&iter, given);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    if (!g_hash_table_contains (linked, name))
      g_ptr_array_add (plan->add, g_strdup (name));
  /* Hash order is not stable; the order of writes should be. */
  g_ptr_array_sort (plan->add, compare_names);
  return TRUE;

failed:
  _seismo_store_set_error (self, error, rc, _("read the events"));
  return FALSE;
}

static gboolean
execute_plan (SeismoStore            *self,
              Plan                   *plan,
              SeismoApplyRulesStats  *stats,
              GError                **error)
{
  guint added = 0, removed = 0;
  sqlite3_stmt *stmt;

  for (guint i = 0; i < plan->add->len; i++)
    {
      /* INSERT OR IGNORE: a row that appeared meanwhile, a user's included, stays. */
      stmt = _seismo_store_prepare (self,
                                    "INSERT OR IGNORE INTO event_tags (event_id, tag_id, origin)"
                                    " SELECT ?, id, 'auto' FROM tags WHERE name = ?",
                                    error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, plan->event_id);
      _seismo_store_bind_text (stmt, 2, g_ptr_array_index (plan->add, i));
      if (!_seismo_store_run (self, stmt, error))
        return FALSE;
      added += sqlite3_changes (self->db);
    }
  for (guint i = 0; i < plan->remove->len; i++)
    {
      if (!run_with_ids (self,
                         "DELETE FROM event_tags WHERE event_id = ? AND tag_id = ?"
                         " AND origin = 'auto' AND removed = 0",
                         plan->event_id, g_array_index (plan->remove, gint64, i), error))
        return FALSE;
      removed += sqlite3_changes (self->db);
    }
  stats->tags_added += added;
  stats->tags_removed += removed;
  stats->events_changed += added + removed > 0;
  return TRUE;
}

/* One batch: events after *last, in id order. Returns how many were read. */
static gint
retag_batch (SeismoStore            *self,
             Retag                  *retag,
             gboolean                dry_run,
             gint64                 *last,
             SeismoApplyRulesStats  *stats,
             GError                **error)
{
  g_autoptr(GArray) plans = g_array_new (FALSE, TRUE, sizeof (Plan));
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (plans, plan_clear);
  stmt = _seismo_store_prepare (self,
                                "SELECT id, title, summary FROM events WHERE id > ?"
                                " ORDER BY id LIMIT ?",
                                error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, *last);
  sqlite3_bind_int (stmt, 2, APPLY_BATCH);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Plan plan = { sqlite3_column_int64 (stmt, 0), g_ptr_array_new_with_free_func (g_free),
                    g_array_new (FALSE, FALSE, sizeof (gint64)) };

      g_array_append_val (plans, plan);
      g_ptr_array_add (texts, _seismo_store_column_dup (stmt, 1));
      g_ptr_array_add (texts, _seismo_store_column_dup (stmt, 2));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _seismo_store_set_error (self, error, rc, _("read the events"));
      return -1;
    }

  for (guint i = 0; i < plans->len; i++)
    {
      Plan *plan = &g_array_index (plans, Plan, i);

      if (!plan_event (self, retag, plan, g_ptr_array_index (texts, 2 * i),
                       g_ptr_array_index (texts, 2 * i + 1), error))
        return -1;
      stats->events++;
      if (dry_run)
        {
          stats->tags_added += plan->add->len;
          stats->tags_removed += plan->remove->len;
          stats->events_changed += plan->add->len + plan->remove->len > 0;
        }
      else if (!execute_plan (self, plan, stats, error))
        return -1;
      *last = plan->event_id;
    }
  return plans->len;
}

/**
 * seismo_store_apply_tag_rules:
 * @flags: SEISMO_APPLY_RULES_PRUNE to also remove, SEISMO_APPLY_RULES_DRY_RUN
 *   to count without writing
 * @cancellable: (nullable): checked between batches
 * @stats: (out) (optional): what was (or, in a dry run, would be) changed
 *
 * Runs the stored tag rules over every event, as a refresh runs them over
 * new items, and links the tags they give with origin "auto". A user's
 * decision on an event — a tag added, or a tag removed — is never touched.
 *
 * By default nothing is removed. With SEISMO_APPLY_RULES_PRUNE, an "auto"
 * tag that has rules and that the rules no longer give an event is removed,
 * except on the starter pack's curated events and on events with no items
 * left. The refresh's source priors (arXiv papers are "research", …) are
 * not rules, so pruning may remove tags they gave: count with a dry run
 * first.
 *
 * Events are read and written in batches of 500, one transaction each, so
 * the timeline stays usable meanwhile; after an error or a cancellation the
 * batches before it stay applied and @stats counts them.
 */
gboolean
seismo_store_apply_tag_rules (SeismoStore            *self,
                              SeismoApplyRulesFlags   flags,
                              GCancellable           *cancellable,
                              SeismoApplyRulesStats  *stats,
                              GError                **error)
{
  gboolean dry_run = (flags & SEISMO_APPLY_RULES_DRY_RUN) != 0;
  SeismoApplyRulesStats local = { 0 };
  g_auto(Retag) retag = { NULL, NULL, (flags & SEISMO_APPLY_RULES_PRUNE) != 0 };
  gint64 last = 0;
  gint read;

  g_return_val_if_fail (SEISMO_IS_STORE (self), FALSE);

  if (stats == NULL)
    stats = &local;
  memset (stats, 0, sizeof *stats);
  if (!retag_init (self, &retag, error))
    return FALSE;

  do
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (dry_run)
        {
          g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&self->lock);

          read = retag_batch (self, &retag, TRUE, &last, stats, error);
        }
      else
        {
          SeismoApplyRulesStats batch = { 0 };

          if (!_seismo_store_write_begin (self, error))
            return FALSE;
          read = retag_batch (self, &retag, FALSE, &last, &batch, error);
          if (!_seismo_store_write_end (self, read >= 0, error))
            return FALSE;
          stats->events += batch.events;
          stats->events_changed += batch.events_changed;
          stats->tags_added += batch.tags_added;
          stats->tags_removed += batch.tags_removed;
        }
    }
  while (read == APPLY_BATCH);
  return read >= 0;
}

typedef struct
{
  SeismoApplyRulesFlags flags;
  SeismoApplyRulesStats stats;
} RetagJob;

static void
retag_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  RetagJob *job = task_data;
  GError *error = NULL;

  if (seismo_store_apply_tag_rules (source_object, job->flags, cancellable, &job->stats, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
seismo_store_apply_tag_rules_async (SeismoStore            *self,
                                    SeismoApplyRulesFlags   flags,
                                    GCancellable           *cancellable,
                                    GAsyncReadyCallback     callback,
                                    gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  RetagJob *job;

  g_return_if_fail (SEISMO_IS_STORE (self));

  job = g_new0 (RetagJob, 1);
  job->flags = flags;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, seismo_store_apply_tag_rules_async);
  g_task_set_task_data (task, job, g_free);
  /* The stats of a cancelled run are worth reporting: no automatic
   * cancelled error before the thread has said what it did. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, retag_thread);
}

gboolean
seismo_store_apply_tag_rules_finish (SeismoStore            *self,
                                     GAsyncResult           *result,
                                     SeismoApplyRulesStats  *stats,
                                     GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        seismo_store_apply_tag_rules_async, FALSE);

  if (stats != NULL)
    *stats = ((RetagJob *) g_task_get_task_data (G_TASK (result)))->stats;
  return g_task_propagate_boolean (G_TASK (result), error);
}
