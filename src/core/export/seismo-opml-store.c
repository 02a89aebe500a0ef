/* seismo-opml-store.c — OPML import and export against the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "seismo-opml.h"

/* The whole of an import or an export, as one blocking call: what a GTask
 * thread runs for the UI (seismo_store_run_async) and the CLI calls as is.
 * Parsing and writing stay pure (seismo-opml.c, seismo-opml-write.c). */

GPtrArray *
seismo_opml_to_sources (const SeismoOpml *opml)
{
  GPtrArray *sources;

  g_return_val_if_fail (opml != NULL, NULL);

  sources = g_ptr_array_new_full (opml->outlines->len, g_object_unref);
  for (guint i = 0; i < opml->outlines->len; i++)
    {
      const SeismoOpmlOutline *outline = g_ptr_array_index (opml->outlines, i);
      SeismoSource *source = seismo_source_new (outline->url,
                                                outline->kind != NULL ? outline->kind : "rss");

      seismo_source_set_title (source, outline->title);
      seismo_source_set_site_url (source, outline->html_url);
      seismo_source_set_folder (source, outline->folder);
      seismo_source_set_mapping (source, outline->mapping);
      seismo_source_set_enabled (source, TRUE);
      g_ptr_array_add (sources, source);
    }
  return sources;
}

/**
 * seismo_opml_import:
 * @stats: (out) (optional): what happened; zeroed on an error
 *
 * Parses @stream and adds its sources to @store in one transaction. On an
 * error nothing is added.
 */
gboolean
seismo_opml_import (SeismoStore            *store,
                    GInputStream           *stream,
                    GCancellable           *cancellable,
                    SeismoOpmlImportStats  *stats,
                    GError                **error)
{
  g_autoptr(SeismoOpml) opml = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  SeismoOpmlImportStats result = { 0 };

  g_return_val_if_fail (SEISMO_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);

  if (stats != NULL)
    *stats = result;
  if ((opml = seismo_opml_parse_stream (stream, cancellable, error)) == NULL)
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  sources = seismo_opml_to_sources (opml);
  if (!seismo_store_import_sources (store, sources, &result.added, &result.existing, error))
    return FALSE;
  result.skipped = opml->skipped;
  result.invalid = opml->invalid;
  result.recovered = opml->recovered;
  if (stats != NULL)
    *stats = result;
  return TRUE;
}

/**
 * seismo_opml_export:
 *
 * Every source of @store (but the built-in starter pack) as OPML 2.0.
 */
GBytes *
seismo_opml_export (SeismoStore  *store,
                    GError      **error)
{
  g_autoptr(GPtrArray) sources = NULL;

  g_return_val_if_fail (SEISMO_IS_STORE (store), NULL);

  sources = seismo_store_list_sources (store, error);
  if (sources == NULL)
    return NULL;
  return seismo_opml_write (sources, _("Seismograph sources"), NULL, error);
}
