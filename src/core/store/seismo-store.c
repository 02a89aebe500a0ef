/* seismo-store.c — the SQLite database behind the timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "seismo-store-private.h"

/* One connection per store, never a global one: the app, the CLI and each
 * test open their own. All access goes through a recursive lock so that the
 * UI's worker threads and the refresh can share a store; a batch
 * (seismo_store_begin … commit) holds the lock for its whole transaction. */

G_DEFINE_FINAL_TYPE (SeismoStore, seismo_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (seismo-store-error-quark, seismo_store_error)

/* "SESM": marks a file as ours, so another program's SQLite file is refused. */
#define SEISMO_APPLICATION_ID 0x5345534d

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
seismo_store_finalize (GObject *object)
{
  SeismoStore *self = SEISMO_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (seismo_store_parent_class)->finalize (object);
}

static void
seismo_store_class_init (SeismoStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = seismo_store_finalize;
}

static void
seismo_store_init (SeismoStore *self)
{
  g_rec_mutex_init (&self->lock);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
}

void
_seismo_store_set_error (SeismoStore  *self,
                         GError      **error,
                         int           rc,
                         const char   *doing)
{
  int code = SEISMO_STORE_ERROR_FAILED;
  const char *message = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_READONLY:
    case SQLITE_PERM:
      code = SEISMO_STORE_ERROR_READ_ONLY;
      break;
    case SQLITE_NOTADB:
      code = SEISMO_STORE_ERROR_NOT_OURS;
      break;
    case SQLITE_CANTOPEN:
      code = SEISMO_STORE_ERROR_OPEN;
      break;
    default:
      break;
    }

  g_set_error (error, SEISMO_STORE_ERROR, code,
               /* Translators: "Cannot save the note in “/home/x/seismograph.db”: disk is full" */
               _("Cannot %s in “%s”: %s"), doing, self->path, message);
}

sqlite3_stmt *
_seismo_store_prepare (SeismoStore  *self,
                       const char   *sql,
                       GError      **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _seismo_store_set_error (self, error, rc, _("read the database"));
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
_seismo_store_exec (SeismoStore  *self,
                    const char   *sql,
                    GError      **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _seismo_store_set_error (self, error, rc, _("update the database"));
      return FALSE;
    }
  return TRUE;
}

gboolean
_seismo_store_run (SeismoStore   *self,
                   sqlite3_stmt  *stmt,
                   GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _seismo_store_set_error (self, error, rc, _("update the database"));
      return FALSE;
    }
  return TRUE;
}

gboolean
_seismo_store_write_begin (SeismoStore  *self,
                           GError      **error)
{
  g_rec_mutex_lock (&self->lock);
  if (self->depth == 0 && !_seismo_store_exec (self, "BEGIN IMMEDIATE", error))
    {
      g_rec_mutex_unlock (&self->lock);
      return FALSE;
    }
  self->depth++;
  return TRUE;
}

gboolean
_seismo_store_write_end (SeismoStore  *self,
                         gboolean      ok,
                         GError      **error)
{
  g_assert (self->depth > 0);

  self->depth--;
  if (self->depth == 0)
    {
      if (ok)
        ok = _seismo_store_exec (self, "COMMIT", error);
      if (!ok)
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
    }
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

void
_seismo_store_bind_text (sqlite3_stmt *stmt,
                         int           index,
                         const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

void
_seismo_store_bind_date (sqlite3_stmt *stmt,
                         int           index,
                         gint64        date)
{
  if (date == G_MININT64)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, date);
}

char *
_seismo_store_column_dup (sqlite3_stmt *stmt,
                          int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

gint64
_seismo_store_column_date (sqlite3_stmt *stmt,
                           int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return G_MININT64;
  return sqlite3_column_int64 (stmt, column);
}

static gboolean
query_int (SeismoStore  *self,
           const char   *sql,
           gint64       *value,
           GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW)
    {
      if ((rc & 0xff) == SQLITE_NOTADB)
        g_set_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_NOT_OURS,
                     _("“%s” is not a Seismograph database: it is not an SQLite file"),
                     self->path);
      else
        _seismo_store_set_error (self, error, rc, _("read the database"));
      return FALSE;
    }
  return TRUE;
}

/* Refuse what is not ours before anything is written to it. */
static gboolean
check_file (SeismoStore  *self,
            gint64       *version,
            GError      **error)
{
  gint64 application_id = 0;
  gint64 tables = 0;

  if (!query_int (self, "PRAGMA application_id", &application_id, error) ||
      !query_int (self, "PRAGMA user_version", version, error) ||
      !query_int (self, "SELECT count(*) FROM sqlite_master", &tables, error))
    return FALSE;

  if (application_id != SEISMO_APPLICATION_ID && (application_id != 0 || tables > 0))
    {
      g_set_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_NOT_OURS,
                   _("“%s” is not a Seismograph database: it belongs to another program"),
                   self->path);
      return FALSE;
    }

  if (*version > SEISMO_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Seismograph (schema %d; this "
                     "version reads up to %d). Update Seismograph to open it."),
                   self->path, (int) *version, SEISMO_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  return TRUE;
}

static gboolean
migrate (SeismoStore  *self,
         gint64        from,
         GError      **error)
{
  g_autofree char *stamp = NULL;
  gboolean ok = TRUE;

  if (from == SEISMO_STORE_SCHEMA_VERSION)
    return TRUE;

  if (!_seismo_store_write_begin (self, error))
    return FALSE;
  for (gint64 v = from; ok && v < SEISMO_STORE_SCHEMA_VERSION; v++)
    ok = _seismo_store_exec (self, _seismo_store_migrations[v], error);
  if (ok)
    {
      stamp = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                               SEISMO_APPLICATION_ID, SEISMO_STORE_SCHEMA_VERSION);
      ok = _seismo_store_exec (self, stamp, error);
    }
  return _seismo_store_write_end (self, ok, error);
}

static gboolean
check_folder (const char  *path,
              GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_OPEN,
                   _("Cannot open the database “%s”: the folder “%s” does not exist"),
                   path, folder);
      return FALSE;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_OPEN,
                   _("Cannot open the database “%s”: it is a folder"), path);
      return FALSE;
    }
  return TRUE;
}

/**
 * seismo_store_open:
 * @path: the database file; created (with its schema) when missing
 *
 * Opens or creates a database and migrates it to the current schema. A file
 * that is not ours, or is newer than this code, is refused untouched.
 */
SeismoStore *
seismo_store_open (const char  *path,
                   GError     **error)
{
  g_autoptr(SeismoStore) self = NULL;
  gint64 version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (!check_folder (path, error))
    return NULL;

  self = g_object_new (SEISMO_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_OPEN,
                   _("Cannot open the database “%s”: %s"), path, sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 5000);

  if (!check_file (self, &version, error))
    return NULL;

  if (!_seismo_store_exec (self,
                           "PRAGMA foreign_keys = ON;"
                           "PRAGMA synchronous = NORMAL;"
                           "PRAGMA temp_store = MEMORY;"
                           "PRAGMA cache_size = -16000;",
                           error))
    return NULL;

  /* WAL lets readers (the CLI, a second window) go on during a refresh. A
   * read-only folder refuses it: report that rather than run without. */
  if (!_seismo_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !migrate (self, version, error))
    {
      if (error != NULL && *error != NULL && g_error_matches (*error, SEISMO_STORE_ERROR,
                                                               SEISMO_STORE_ERROR_READ_ONLY))
        {
          g_clear_error (error);
          g_set_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_READ_ONLY,
                       _("Cannot write to the database “%s”: the file or its folder is read-only"),
                       path);
        }
      return NULL;
    }

  self->created = version == 0;
  return g_steal_pointer (&self);
}

const char *
seismo_store_get_path (SeismoStore *self)
{
  g_return_val_if_fail (SEISMO_IS_STORE (self), NULL);
  return self->path;
}

/* Whether this open created the schema: the caller then loads the starter pack. */
gboolean
seismo_store_get_created (SeismoStore *self)
{
  g_return_val_if_fail (SEISMO_IS_STORE (self), FALSE);
  return self->created;
}

/**
 * seismo_store_default_path:
 *
 * `$SEISMOGRAPH_DB`, else `$XDG_DATA_HOME/seismograph/seismograph.db`.
 */
char *
seismo_store_default_path (void)
{
  const char *env = g_getenv ("SEISMOGRAPH_DB");

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "seismograph", "seismograph.db", NULL);
}

gboolean
seismo_store_begin (SeismoStore  *self,
                    GError      **error)
{
  g_return_val_if_fail (SEISMO_IS_STORE (self), FALSE);
  return _seismo_store_write_begin (self, error);
}

gboolean
seismo_store_commit (SeismoStore  *self,
                     GError      **error)
{
  g_return_val_if_fail (SEISMO_IS_STORE (self), FALSE);
  return _seismo_store_write_end (self, TRUE, error);
}

void
seismo_store_rollback (SeismoStore *self)
{
  g_return_if_fail (SEISMO_IS_STORE (self));
  _seismo_store_write_end (self, FALSE, NULL);
}

typedef struct
{
  SeismoStoreJob  job;
  gpointer        data;
  GDestroyNotify  data_free;
  GDestroyNotify  result_free;
} Job;

static void
job_free (gpointer pointer)
{
  Job *job = pointer;

  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  gpointer result;

  if (g_task_return_error_if_cancelled (task))
    return;
  result = job->job (SEISMO_STORE (source_object), job->data, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, job->result_free);
}

/**
 * seismo_store_run_async:
 * @job: what to run, with the store and @data, in a worker thread
 * @result_free: (nullable): frees @job's result if nobody takes it
 *
 * The store serializes its own access, so jobs may run while a refresh
 * writes; they wait for its current transaction at most.
 */
void
seismo_store_run_async (SeismoStore         *self,
                        SeismoStoreJob       job,
                        gpointer             data,
                        GDestroyNotify       data_free,
                        GDestroyNotify       result_free,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *state;

  g_return_if_fail (SEISMO_IS_STORE (self));
  g_return_if_fail (job != NULL);

  state = g_new0 (Job, 1);
  state->job = job;
  state->data = data;
  state->data_free = data_free;
  state->result_free = result_free;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, seismo_store_run_async);
  g_task_set_task_data (task, state, job_free);
  g_task_run_in_thread (task, job_thread);
}

gpointer
seismo_store_run_finish (SeismoStore   *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == seismo_store_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
