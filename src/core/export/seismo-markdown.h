/* seismo-markdown.h — notes to CommonMark, one file or a folder of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seismo-store.h"

G_BEGIN_DECLS

#define SEISMO_MARKDOWN_ERROR (seismo_markdown_error_quark ())

typedef enum
{
  SEISMO_MARKDOWN_ERROR_EXISTS,   /* a folder export would replace a file, and overwrite is off */
  SEISMO_MARKDOWN_ERROR_INVALID,  /* a path or options that do not go together */
  SEISMO_MARKDOWN_ERROR_WRITE,    /* the file or folder cannot be written */
} SeismoMarkdownError;

typedef enum
{
  SEISMO_MARKDOWN_GROUP_NONE,     /* company notes, then event notes by date */
  SEISMO_MARKDOWN_GROUP_COMPANY,  /* an event with two companies is under both */
  SEISMO_MARKDOWN_GROUP_TAG,      /* an event with two tags is under both */
  SEISMO_MARKDOWN_GROUP_MONTH,
} SeismoMarkdownGroup;

typedef struct
{
  SeismoMarkdownGroup  group;
  gboolean             split;      /* one file per company, in a folder */
  char                *company;    /* filters: a slug, a tag name, or NULL */
  char                *tag;
  gint64               since;      /* inclusive, or SEISMO_FILTER_NO_DATE */
  gint64               until;      /* exclusive, or SEISMO_FILTER_NO_DATE */
  gboolean             overwrite;  /* a folder export replaces files of the same names */
  GTimeZone           *time_zone;  /* for dates and months; NULL for local time */
  gint64               generated;  /* the front matter's "generated"; 0 for now */
} SeismoMarkdownOptions;

/* One output file: @name is NULL for the single-file export. */
typedef struct
{
  char    *name;
  GString *text;
  guint    n_notes;
} SeismoMarkdownFile;

GQuark                 seismo_markdown_error_quark        (void);

SeismoMarkdownOptions *seismo_markdown_options_new        (void);
SeismoMarkdownOptions *seismo_markdown_options_copy       (const SeismoMarkdownOptions  *options);
void                   seismo_markdown_options_free       (SeismoMarkdownOptions        *options);
gboolean               seismo_markdown_group_from_string  (const char                   *text,
                                                           SeismoMarkdownGroup          *group);

void                   seismo_markdown_file_free          (SeismoMarkdownFile           *file);

/* The pieces, for tests and for callers that build their own Markdown. */
void                   seismo_markdown_append_text        (GString                      *out,
                                                           const char                   *text);
void                   seismo_markdown_append_destination (GString                      *out,
                                                           const char                   *url);
void                   seismo_markdown_append_yaml_string (GString                      *out,
                                                           const char                   *text);

/* Pure: @notes (SeismoExportNote, as seismo_store_list_export_notes()
 * returns them) to one file, or with @options->split to one per company. */
GPtrArray             *seismo_markdown_render             (GPtrArray                    *notes,
                                                           const SeismoMarkdownOptions  *options);
gboolean               seismo_markdown_write              (GPtrArray                    *files,
                                                           const char                   *path,
                                                           gboolean                      overwrite,
                                                           GError                      **error);

/* The whole export: read, render, and write to @path (a file, or a folder
 * when splitting). Blocking: the UI runs it with seismo_store_run_async(). */
gboolean               seismo_markdown_export             (SeismoStore                  *store,
                                                           const SeismoMarkdownOptions  *options,
                                                           const char                   *path,
                                                           guint                        *n_notes,
                                                           guint                        *n_files,
                                                           GError                      **error);
/* seismo_markdown_export() in a worker thread; @options is copied. */
void                   seismo_markdown_export_async       (SeismoStore                  *store,
                                                           const SeismoMarkdownOptions  *options,
                                                           const char                   *path,
                                                           GCancellable                 *cancellable,
                                                           GAsyncReadyCallback           callback,
                                                           gpointer                      user_data);
gboolean               seismo_markdown_export_finish      (SeismoStore                  *store,
                                                           GAsyncResult                 *result,
                                                           guint                        *n_notes,
                                                           guint                        *n_files,
                                                           GError                      **error);
/* The single-file export as text (stdout, a preview). */
char                  *seismo_markdown_export_to_string   (SeismoStore                  *store,
                                                           const SeismoMarkdownOptions  *options,
                                                           guint                        *n_notes,
                                                           GError                      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeismoMarkdownOptions, seismo_markdown_options_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeismoMarkdownFile, seismo_markdown_file_free)

G_END_DECLS
