/* seismo-window-opml.c — the window's Import OPML… and Export OPML…
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "seismo-opml.h"
#include "seismo-window-private.h"

/* Reading and writing the file both run in a worker thread with the
 * store: an OPML of ten thousand feeds must not freeze the window. */

static gpointer
import_job (SeismoStore  *store,
            gpointer      data,
            GError      **error)
{
  g_autoptr(GFileInputStream) stream = g_file_read (data, NULL, error);
  SeismoOpmlImportStats *stats;

  if (stream == NULL)
    return NULL;
  stats = g_new0 (SeismoOpmlImportStats, 1);
  if (!seismo_opml_import (store, G_INPUT_STREAM (stream), NULL, stats, error))
    {
      g_free (stats);
      return NULL;
    }
  return stats;
}

static void
imported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SeismoWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree SeismoOpmlImportStats *stats = seismo_store_run_finish (SEISMO_STORE (object), result,
                                                                     &error);
  g_autofree char *message = NULL;

  if (stats == NULL)
    {
      seismo_ui_show_error (GTK_WIDGET (self), _("Cannot import the OPML file"), error);
      return;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Imported %u source (%u already there)",
                                          "Imported %u sources (%u already there)", stats->added),
                             stats->added, stats->existing);
  seismo_window_show_toast (self, message);
  seismo_window_reload (self);
}

static gpointer
export_job (SeismoStore  *store,
            gpointer      data,
            GError      **error)
{
  g_autoptr(GBytes) bytes = seismo_opml_export (store, error);

  if (bytes == NULL)
    return NULL;
  /* Written whole or not at all: a temporary file, then a rename. */
  if (!g_file_replace_contents (data, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SeismoWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (seismo_store_run_finish (SEISMO_STORE (object), result, &error) == NULL)
    seismo_ui_show_error (GTK_WIDGET (self), _("Cannot export the sources"), error);
  else
    seismo_window_show_toast (self, _("Sources exported"));
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     SeismoWindow    *self)
{
  g_autoptr(GFile) file = NULL;
  gboolean importing = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) ==
                       GTK_FILE_CHOOSER_ACTION_OPEN;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL || seismo_window_get_store (self) == NULL)
    return;

  seismo_store_run_async (seismo_window_get_store (self), importing ? import_job : export_job,
                          g_steal_pointer (&file), g_object_unref, g_free, NULL,
                          importing ? imported_cb : exported_cb, g_object_ref (self));
}

static void
choose (SeismoWindow *self,
        gboolean      importing)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (importing ? _("Import OPML") : _("Export OPML"),
                                         GTK_WINDOW (self),
                                         importing ? GTK_FILE_CHOOSER_ACTION_OPEN
                                                   : GTK_FILE_CHOOSER_ACTION_SAVE,
                                         importing ? _("_Import") : _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("OPML files"));
  gtk_file_filter_add_pattern (filter, "*.opml");
  gtk_file_filter_add_pattern (filter, "*.xml");
  gtk_file_filter_add_mime_type (filter, "text/x-opml+xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (!importing)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "seismograph.opml");
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
_seismo_window_import_opml (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  choose (SEISMO_WINDOW (widget), TRUE);
}

void
_seismo_window_export_opml (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  choose (SEISMO_WINDOW (widget), FALSE);
}
