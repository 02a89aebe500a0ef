/* seismo-store-notify.c — which new events deserve a notification
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "seismo-store-private.h"

/* After a refresh, the new events that touch what the user watches —
 * a followed company, a watched tag, a keyword in the title — are worth a
 * desktop notification. Every event is marked as notified the first time
 * it is considered, so the same event never notifies twice, even when a
 * later refresh adds an item to it. */

static gboolean
title_has_keyword (const char         *title,
                   const char * const *keywords)
{
  g_autofree char *folded = NULL;

  if (keywords == NULL || keywords[0] == NULL || title == NULL)
    return FALSE;
  folded = g_utf8_casefold (title, -1);
  for (guint i = 0; keywords[i] != NULL; i++)
    {
      g_autofree char *needle = g_utf8_casefold (keywords[i], -1);

      if (needle[0] != '\0' && strstr (folded, needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

static gboolean
watched (SeismoStore        *self,
         SeismoEvent        *event,
         const char * const *watched_tags,
         const char * const *keywords)
{
  const char * const *tags = seismo_event_get_tags (event);
  sqlite3_stmt *stmt;
  gboolean followed = FALSE;

  for (guint i = 0; watched_tags != NULL && watched_tags[i] != NULL; i++)
    if (g_strv_contains (tags, watched_tags[i]))
      return TRUE;
  if (title_has_keyword (seismo_event_get_title (event), keywords))
    return TRUE;

  stmt = _seismo_store_prepare (self,
                                "SELECT 1 FROM event_companies ec JOIN companies c"
                                " ON c.id = ec.company_id WHERE ec.event_id = ? AND ec.removed = 0"
                                " AND c.followed = 1 LIMIT 1",
                                NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seismo_event_get_id (event));
  followed = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return followed;
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  gint64 pa = seismo_event_get_published (*(SeismoEvent **) a);
  gint64 pb = seismo_event_get_published (*(SeismoEvent **) b);

  return pa < pb ? 1 : pa > pb ? -1 : 0;
}

/**
 * seismo_store_take_notifications:
 * @event_ids: (element-type gint64): the events a refresh made
 * @watched_tags: (nullable): tags worth a notification
 * @keywords: (nullable): words that make a title worth one
 *
 * Returns: (transfer full) (element-type SeismoEvent): those of @event_ids
 * not notified before that touch a followed company, a watched tag or a
 * keyword, newest first. All of @event_ids are marked notified.
 */
GPtrArray *
seismo_store_take_notifications (SeismoStore         *self,
                                 GArray              *event_ids,
                                 const char * const  *watched_tags,
                                 const char * const  *keywords,
                                 GError             **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  g_return_val_if_fail (SEISMO_IS_STORE (self), NULL);
  g_return_val_if_fail (event_ids != NULL, NULL);

  if (!_seismo_store_write_begin (self, error))
    return NULL;
  for (guint i = 0; ok && i < event_ids->len; i++)
    {
      gint64 id = g_array_index (event_ids, gint64, i);
      g_autoptr(SeismoEvent) event = NULL;
      gboolean fresh;

      stmt = _seismo_store_prepare (self, "UPDATE events SET notified = 1 WHERE id = ? AND notified = 0",
                                    error);
      if (stmt == NULL)
        {
          ok = FALSE;
          break;
        }
      sqlite3_bind_int64 (stmt, 1, id);
      ok = _seismo_store_run (self, stmt, error);
      fresh = ok && sqlite3_changes (self->db) > 0;
      if (!fresh)
        continue;
      event = seismo_store_get_event (self, id, NULL);
      if (event != NULL && watched (self, event, watched_tags, keywords))
        g_ptr_array_add (events, g_steal_pointer (&event));
    }
  if (!_seismo_store_write_end (self, ok, error))
    return NULL;

  g_ptr_array_sort (events, newest_first);
  return g_steal_pointer (&events);
}
