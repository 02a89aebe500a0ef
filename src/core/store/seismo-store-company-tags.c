/* seismo-store-company-tags.c — the tags on one company's events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "seismo-store-private.h"

/* The company panel shows which tags its events carry and how often: the
 * shape of a company's news (mostly #product? #legal-ip?) at a glance.
 * Links the user removed (removed = 1) count for neither the company nor
 * the tag, exactly as the timeline's filters see them. */

/**
 * seismo_store_list_company_tags:
 * @slug: the company
 *
 * The tags on the events of @slug, most used first (then by name), each
 * with how many of those events carry it and how many of them are unread.
 * Tags that none of its events carry are left out: an empty array for a
 * company without tagged events. NULL and %SEISMO_STORE_ERROR_NOT_FOUND
 * for an unknown company.
 *
 * Returns: (transfer container) (element-type SeismoTag): the tags
 */
GPtrArray *
seismo_store_list_company_tags (SeismoStore  *self,
                                const char   *slug,
                                GError      **error)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GRecMutexLocker) locker = NULL;
  sqlite3_stmt *stmt;
  gint64 company_id;
  int rc;

  g_return_val_if_fail (SEISMO_IS_STORE (self), NULL);
  g_return_val_if_fail (slug != NULL, NULL);

  locker = g_rec_mutex_locker_new (&self->lock);
  company_id = _seismo_store_company_id (self, slug, error);
  if (company_id == 0)
    return NULL;

  stmt = _seismo_store_prepare (self,
                                "SELECT t.id, t.name, t.color, t.description,"
                                " count (DISTINCT e.id),"
                                " count (DISTINCT CASE WHEN e.read = 0 THEN e.id END)"
                                " FROM event_companies ec"
                                " JOIN events e ON e.id = ec.event_id"
                                " JOIN event_tags et ON et.event_id = e.id AND et.removed = 0"
                                " JOIN tags t ON t.id = et.tag_id"
                                " WHERE ec.company_id = ? AND ec.removed = 0"
                                " GROUP BY t.id ORDER BY 5 DESC, t.name",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, company_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (tags, seismo_tag_new (sqlite3_column_int64 (stmt, 0),
                                           (const char *) sqlite3_column_text (stmt, 1),
                                           (const char *) sqlite3_column_text (stmt, 2),
                                           (const char *) sqlite3_column_text (stmt, 3),
                                           sqlite3_column_int (stmt, 4),
                                           sqlite3_column_int (stmt, 5)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _seismo_store_set_error (self, error, rc, _("read the company’s tags"));
      return NULL;
    }
  return g_steal_pointer (&tags);
}
