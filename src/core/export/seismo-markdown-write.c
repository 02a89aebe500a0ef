/* seismo-markdown-write.c — putting an export on disk, whole or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "seismo-markdown-private.h"

/* An export never leaves a half-written file: every file is written to a
 * hidden temporary name in its final folder, flushed, and renamed over
 * the target only when all of them were written. A single file may
 * replace the file the user named. A folder export refuses, before writing
 * anything, to replace files it finds there (an Obsidian vault may hold
 * the user's edits of a previous export) unless told to overwrite. */

static void
set_write_error (GError     **error,
                 const char  *path,
                 int          saved_errno)
{
  g_set_error (error, SEISMO_MARKDOWN_ERROR, SEISMO_MARKDOWN_ERROR_WRITE,
               _("Cannot write “%s”: %s"), path, g_strerror (saved_errno));
}

/* Writes @text to a new temporary file beside @path; returns its name. */
static char *
write_temporary (const char  *path,
                 GString     *text,
                 GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *template = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  const char *p = text->str;
  gsize left = text->len;
  GStatBuf st;
  int fd, saved;

  fd = g_mkstemp_full (template, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      set_write_error (error, path, errno);
      return NULL;
    }
  /* A file being replaced keeps its permissions: notes kept private stay so. */
  if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && fchmod (fd, st.st_mode & 07777) != 0)
    goto failed;
  while (left > 0)
    {
      gssize n;

      errno = 0;
      n = write (fd, p, left);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        goto failed;
      p += n;
      left -= n;
    }
  /* The rename must not land before the data, or a crash leaves an empty file. */
  if (fsync (fd) != 0 || close (fd) != 0)
    {
      fd = -1;
      goto failed;
    }
  return g_steal_pointer (&template);

failed:
  saved = errno != 0 ? errno : EIO;
  if (fd >= 0)
    close (fd);
  g_unlink (template);
  set_write_error (error, path, saved);
  return NULL;
}

static gboolean
prepare_folder (const char  *path,
                GError     **error)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return TRUE;
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SEISMO_MARKDOWN_ERROR, SEISMO_MARKDOWN_ERROR_INVALID,
                   _("Cannot export to “%s”: it is a file, and a split export needs a folder"),
                   path);
      return FALSE;
    }
  if (g_mkdir_with_parents (path, 0777) != 0)
    {
      int saved = errno;

      g_set_error (error, SEISMO_MARKDOWN_ERROR, SEISMO_MARKDOWN_ERROR_WRITE,
                   _("Cannot create the folder “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Where each file goes, checked before anything is written. */
static GPtrArray *
plan_targets (GPtrArray   *files,
              const char  *path,
              gboolean     overwrite,
              GError     **error)
{
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < files->len; i++)
    {
      SeismoMarkdownFile *file = g_ptr_array_index (files, i);
      char *target = file->name != NULL ? g_build_filename (path, file->name, NULL)
                                        : g_strdup (path);

      g_ptr_array_add (targets, target);
      if (g_file_test (target, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, SEISMO_MARKDOWN_ERROR, SEISMO_MARKDOWN_ERROR_INVALID,
                       file->name != NULL
                         ? _("Cannot write “%s”: it is a folder; nothing was written")
                         : _("Cannot write “%s”: it is a folder; give a file name, or split the "
                             "export by company"),
                       target);
          return NULL;
        }
      if (file->name != NULL && !overwrite && g_file_test (target, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, SEISMO_MARKDOWN_ERROR, SEISMO_MARKDOWN_ERROR_EXISTS,
                       _("“%s” already exists; nothing was written"), target);
          return NULL;
        }
    }
  return g_steal_pointer (&targets);
}

/**
 * seismo_markdown_write:
 * @files: (element-type SeismoMarkdownFile): as seismo_markdown_render() made them
 * @path: the file for a single file (replaced if there), or the folder
 *   for named files (created if missing)
 * @overwrite: whether named files may replace files already in the folder
 *
 * Writes all of @files or none: on an error no target is changed and no
 * temporary file is left.
 */
gboolean
seismo_markdown_write (GPtrArray   *files,
                       const char  *path,
                       gboolean     overwrite,
                       GError     **error)
{
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GPtrArray) temporaries = g_ptr_array_new_with_free_func (g_free);
  gboolean named = files->len > 0 && ((SeismoMarkdownFile *) g_ptr_array_index (files, 0))->name;

  g_return_val_if_fail (path != NULL, FALSE);

  if (named && !prepare_folder (path, error))
    return FALSE;
  if ((targets = plan_targets (files, path, overwrite, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < files->len; i++)
    {
      SeismoMarkdownFile *file = g_ptr_array_index (files, i);
      char *temporary = write_temporary (g_ptr_array_index (targets, i), file->text, error);

      if (temporary == NULL)
        {
          for (guint t = 0; t < temporaries->len; t++)
            g_unlink (g_ptr_array_index (temporaries, t));
          return FALSE;
        }
      g_ptr_array_add (temporaries, temporary);
    }

  for (guint i = 0; i < files->len; i++)
    if (g_rename (g_ptr_array_index (temporaries, i), g_ptr_array_index (targets, i)) != 0)
      {
        int saved = errno;

        /* Only a vanished folder or a full inode table gets here. */
        for (guint t = i; t < temporaries->len; t++)
          g_unlink (g_ptr_array_index (temporaries, t));
        set_write_error (error, g_ptr_array_index (targets, i), saved);
        return FALSE;
      }
  return TRUE;
}

static GPtrArray *
render_from_store (SeismoStore                  *store,
                   const SeismoMarkdownOptions  *options,
                   guint                        *n_notes,
                   GError                      **error)
{
  SeismoEventFilter filter = {
    .company = options->company,
    .tag = options->tag,
    .since = options->since,
    .until = options->until,
  };
  g_autoptr(GPtrArray) notes = seismo_store_list_export_notes (store, &filter, error);

  if (notes == NULL)
    return NULL;
  if (n_notes != NULL)
    *n_notes = notes->len;
  return seismo_markdown_render (notes, options);
}

/**
 * seismo_markdown_export:
 * @path: a file, or with @options->split a folder
 * @n_notes: (out) (optional): how many notes were exported
 * @n_files: (out) (optional): how many files were written
 *
 * Reads the notes @options select, renders them and writes them with
 * seismo_markdown_write(). The database is only read.
 */
gboolean
seismo_markdown_export (SeismoStore                  *store,
                        const SeismoMarkdownOptions  *options,
                        const char                   *path,
                        guint                        *n_notes,
                        guint                        *n_files,
                        GError                      **error)
{
  g_autoptr(GPtrArray) files = NULL;

  g_return_val_if_fail (SEISMO_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if ((files = render_from_store (store, options, n_notes, error)) == NULL ||
      !seismo_markdown_write (files, path, options->overwrite, error))
    return FALSE;
  if (n_files != NULL)
    *n_files = files->len;
  return TRUE;
}

char *
seismo_markdown_export_to_string (SeismoStore                  *store,
                                  const SeismoMarkdownOptions  *options,
                                  guint                        *n_notes,
                                  GError                      **error)
{
  g_autoptr(GPtrArray) files = NULL;
  SeismoMarkdownFile *file;

  g_return_val_if_fail (SEISMO_IS_STORE (store), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (options->split)
    {
      g_set_error_literal (error, SEISMO_MARKDOWN_ERROR, SEISMO_MARKDOWN_ERROR_INVALID,
                           _("A split export writes one file per company: it needs a folder"));
      return NULL;
    }
  if ((files = render_from_store (store, options, n_notes, error)) == NULL)
    return NULL;
  file = g_ptr_array_index (files, 0);
  return g_string_free (g_steal_pointer (&file->text), FALSE);
}

typedef struct
{
  SeismoMarkdownOptions *options;
  char                  *path;
  guint                  n_notes;
  guint                  n_files;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  seismo_markdown_options_free (job->options);
  g_free (job->path);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (seismo_markdown_export (source_object, job->options, job->path, &job->n_notes,
                              &job->n_files, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * seismo_markdown_export_async:
 * @cancellable: (nullable): checked before the export starts; once files
 *   are being written, the export finishes (whole or not at all)
 *
 * Runs seismo_markdown_export() in a worker thread.
 */
void
seismo_markdown_export_async (SeismoStore                  *store,
                              const SeismoMarkdownOptions  *options,
                              const char                   *path,
                              GCancellable                 *cancellable,
                              GAsyncReadyCallback           callback,
                              gpointer                      user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (SEISMO_IS_STORE (store));
  g_return_if_fail (options != NULL);
  g_return_if_fail (path != NULL);

  job = g_new0 (ExportJob, 1);
  job->options = seismo_markdown_options_copy (options);
  job->path = g_strdup (path);
  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, seismo_markdown_export_async);
  g_task_set_task_data (task, job, export_job_free);
  g_task_run_in_thread (task, export_thread);
}

/**
 * seismo_markdown_export_finish:
 * @n_notes: (out) (optional): how many notes were exported
 * @n_files: (out) (optional): how many files were written
 */
gboolean
seismo_markdown_export_finish (SeismoStore   *store,
                               GAsyncResult  *result,
                               guint         *n_notes,
                               guint         *n_files,
                               GError       **error)
{
  ExportJob *job;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == seismo_markdown_export_async,
                        FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (n_notes != NULL)
    *n_notes = job->n_notes;
  if (n_files != NULL)
    *n_files = job->n_files;
  return TRUE;
}
