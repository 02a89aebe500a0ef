/* seismo-store-private.h — what the store's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>
#include <sqlite3.h>

#include "seismo-store.h"

G_BEGIN_DECLS

struct _SeismoStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GRecMutex   lock;
  GHashTable *statements; /* SQL text -> prepared sqlite3_stmt */
  guint       depth;      /* nested write scopes; the outermost owns the transaction */
  gboolean    created;
};

/* A cached statement, reset and with no bindings. Call with the lock held. */
sqlite3_stmt *_seismo_store_prepare      (SeismoStore   *self,
                                          const char    *sql,
                                          GError       **error);
gboolean      _seismo_store_exec         (SeismoStore   *self,
                                          const char    *sql,
                                          GError       **error);
/* Steps a statement that returns no rows, then resets it. */
gboolean      _seismo_store_run          (SeismoStore   *self,
                                          sqlite3_stmt  *stmt,
                                          GError       **error);
void          _seismo_store_set_error    (SeismoStore   *self,
                                          GError       **error,
                                          int            rc,
                                          const char    *doing);

/* A write scope: takes the lock and opens a transaction unless one is
 * already open on this thread; _end commits (or rolls back when @ok is
 * FALSE) only in the outermost scope, then drops the lock. */
gboolean      _seismo_store_write_begin  (SeismoStore   *self,
                                          GError       **error);
gboolean      _seismo_store_write_end    (SeismoStore   *self,
                                          gboolean       ok,
                                          GError       **error);

void          _seismo_store_bind_text    (sqlite3_stmt  *stmt,
                                          int            index,
                                          const char    *text);
void          _seismo_store_bind_date    (sqlite3_stmt  *stmt,
                                          int            index,
                                          gint64         date);
char         *_seismo_store_column_dup   (sqlite3_stmt  *stmt,
                                          int            column);
gint64        _seismo_store_column_date  (sqlite3_stmt  *stmt,
                                          int            column);

gint64        _seismo_store_company_id   (SeismoStore   *self,
                                          const char    *slug,
                                          GError       **error);
gint64        _seismo_store_tag_id       (SeismoStore   *self,
                                          const char    *name,
                                          gboolean       create,
                                          GError       **error);
gboolean      _seismo_store_event_exists (SeismoStore   *self,
                                          gint64         event_id,
                                          GError       **error);
/* Rewrites the event's full-text row from its items and note. */
gboolean      _seismo_store_index_event  (SeismoStore   *self,
                                          gint64         event_id,
                                          GError       **error);

/* The schema, one script per version; index 0 takes a new file to 1. */
extern const char * const _seismo_store_migrations[SEISMO_STORE_SCHEMA_VERSION];

G_END_DECLS

G_BEGIN_DECLS

/* Writing events, shared by the starter pack and the refresh. */
gint64        _seismo_store_new_event    (SeismoStore   *self,
                                          const char    *title,
                                          const char    *summary,
                                          const char    *url,
                                          gint64         published,
                                          SeismoDated    dated,
                                          GError       **error);
gint64        _seismo_store_insert_item  (SeismoStore   *self,
                                          gint64         source_id,
                                          gint64         event_id,
                                          const char    *guid,
                                          const char    *url,
                                          const char    *canonical_url,
                                          const char    *title,
                                          const char    *summary,
                                          const char    *author,
                                          gint64         published,
                                          gint64         updated,
                                          GError       **error);
/* An automatic link: never overrides a user's decision on the same pair. */
gboolean      _seismo_store_link_auto    (SeismoStore   *self,
                                          gboolean       tag,
                                          gint64         event_id,
                                          gint64         other_id,
                                          GError       **error);

G_END_DECLS
