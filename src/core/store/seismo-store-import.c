/* seismo-store-import.c — many sources at once, all or nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "seismo-store-private.h"

/* An OPML import brings hundreds or thousands of sources. They go in as one
 * transaction: a failure half-way leaves the database as it was, and one
 * commit is what makes ten thousand rows take milliseconds, not minutes.
 * Addresses already stored are counted, not overwritten: what the user has
 * set on a source (title, folder, enabled) wins over a file. */

static gboolean
check_source (SeismoSource  *source,
              GError       **error)
{
  const char *url = seismo_source_get_url (source);
  const char *kind = seismo_source_get_kind (source);
  g_autoptr(GUri) uri = NULL;

  if (url != NULL && g_utf8_validate (url, -1, NULL))
    uri = g_uri_parse (url, G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (uri == NULL ||
      (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
       g_strcmp0 (g_uri_get_scheme (uri), "https") != 0) ||
      g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      g_set_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID,
                   _("“%s” is not a web address: a source needs an http:// or https:// URL"),
                   url != NULL && g_utf8_validate (url, -1, NULL) ? url : "?");
      return FALSE;
    }
  if (!seismo_source_kind_is_valid (kind))
    {
      g_set_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID,
                   _("Unknown source kind “%s”: use rss, atom, jsonfeed or json-api"), kind);
      return FALSE;
    }
  return TRUE;
}

/* 1 when @url is stored, 0 when not, -1 on an error. */
static int
url_exists (SeismoStore  *self,
            const char   *url,
            GError      **error)
{
  sqlite3_stmt *stmt = _seismo_store_prepare (self, "SELECT 1 FROM sources WHERE url = ?", error);
  int rc;

  if (stmt == NULL)
    return -1;
  _seismo_store_bind_text (stmt, 1, url);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return 1;
  if (rc == SQLITE_DONE)
    return 0;
  _seismo_store_set_error (self, error, rc, _("look up a source"));
  return -1;
}

static gint64
insert_source (SeismoStore   *self,
               SeismoSource  *source,
               gint64         now,
               GError       **error)
{
  sqlite3_stmt *stmt;

  stmt = _seismo_store_prepare (self,
                                "INSERT INTO sources (url, kind, title, site_url, mapping,"
                                " folder, enabled, interval, created)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return 0;
  _seismo_store_bind_text (stmt, 1, seismo_source_get_url (source));
  _seismo_store_bind_text (stmt, 2, seismo_source_get_kind (source));
  _seismo_store_bind_text (stmt, 3, seismo_source_get_title (source));
  _seismo_store_bind_text (stmt, 4, seismo_source_get_site_url (source));
  _seismo_store_bind_text (stmt, 5, seismo_source_get_mapping (source));
  _seismo_store_bind_text (stmt, 6, seismo_source_get_folder (source));
  sqlite3_bind_int (stmt, 7, seismo_source_get_enabled (source));
  sqlite3_bind_int (stmt, 8, MAX (seismo_source_get_interval (source), 60));
  sqlite3_bind_int64 (stmt, 9, now);
  if (!_seismo_store_run (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

/**
 * seismo_store_import_sources:
 * @sources: (element-type SeismoSource): what to add, in order
 * @added: (out) (optional): how many were added
 * @skipped: (out) (optional): how many were already stored (or came twice)
 *
 * Adds every source whose URL is not stored yet, in one transaction. Every
 * source is checked first (an http(s) URL, a known kind): one that is not
 * valid is an error and nothing is added. On success the added sources get
 * their new ids; on an error nothing is written and the counts are 0.
 */
gboolean
seismo_store_import_sources (SeismoStore  *self,
                             GPtrArray    *sources,
                             guint        *added,
                             guint        *skipped,
                             GError      **error)
{
  g_autoptr(GArray) ids = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint n_added = 0, n_skipped = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (SEISMO_IS_STORE (self), FALSE);
  g_return_val_if_fail (sources != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (added != NULL)
    *added = 0;
  if (skipped != NULL)
    *skipped = 0;
  for (guint i = 0; i < sources->len; i++)
    if (!check_source (g_ptr_array_index (sources, i), error))
      return FALSE;

  ids = g_array_sized_new (FALSE, TRUE, sizeof (gint64), sources->len);
  g_array_set_size (ids, sources->len);
  if (!_seismo_store_write_begin (self, error))
    return FALSE;
  for (guint i = 0; ok && i < sources->len; i++)
    {
      SeismoSource *source = g_ptr_array_index (sources, i);
      int exists = url_exists (self, seismo_source_get_url (source), error);

      ok = exists >= 0;
      if (exists == 1)
        n_skipped++;
      else if (exists == 0)
        {
          gint64 id = insert_source (self, source, now, error);

          ok = id != 0;
          g_array_index (ids, gint64, i) = id;
          n_added++;
        }
    }
  if (!_seismo_store_write_end (self, ok, error))
    return FALSE;

  /* Only now are the ids real. */
  for (guint i = 0; i < sources->len; i++)
    if (g_array_index (ids, gint64, i) != 0)
      seismo_source_set_id (g_ptr_array_index (sources, i), g_array_index (ids, gint64, i));
  if (added != NULL)
    *added = n_added;
  if (skipped != NULL)
    *skipped = n_skipped;
  return TRUE;
}
