/* seismo-cli-opml.c — opml import and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <glib/gi18n.h>

#include "seismo-cli-private.h"
#include "seismo-opml.h"

static int
seismo_cli_opml_import (SeismoCli  *cli,
                        int         argc,
                        char      **argv)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  SeismoOpmlImportStats stats;
  int status;

  if (!seismo_cli_parse_options ("opml import", NULL, &argc, &argv, 1, 1, &status))
    return status;

  file = g_file_new_for_commandline_arg (argv[1]);
  if ((stream = g_file_read (file, NULL, &error)) == NULL)
    return seismo_cli_fail (g_steal_pointer (&error)); /* GIO names the file */
  if (seismo_cli_store (cli, &error) == NULL)
    return seismo_cli_fail (g_steal_pointer (&error));
  if (!seismo_opml_import (cli->store, G_INPUT_STREAM (stream), NULL, &stats, &error))
    {
      if (error->domain == SEISMO_OPML_ERROR || error->domain == G_IO_ERROR)
        return seismo_cli_fail_message (_("Cannot import “%s”: %s"), argv[1], error->message);
      return seismo_cli_fail (g_steal_pointer (&error));
    }

  if (stats.recovered)
    g_printerr (_("seismograph-cli: warning: “%s” is not well-formed XML; "
                  "what could be read was imported\n"), argv[1]);
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "imported %u source (%u already there, %u skipped: not http/https)\n",
                        "imported %u sources (%u already there, %u skipped: not http/https)\n",
                        stats.added),
           stats.added, stats.existing, stats.skipped);
  if (stats.invalid > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u JSON API source skipped: its mapping is not valid\n",
                          "%u JSON API sources skipped: their mapping is not valid\n",
                          stats.invalid),
             stats.invalid);
  return CLI_EXIT_OK;
}

static gboolean
write_stdout (GBytes  *bytes,
              GError **error)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  if (fwrite (data, 1, length, stdout) != length || fflush (stdout) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot write to the standard output: %s"), g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* A temporary file beside @path, renamed over it once complete: a reader
 * sees the old file or the new one, never half of it. */
static gboolean
write_file (const char  *path,
            GBytes      *bytes,
            GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *folder = g_path_get_dirname (path);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR,
                   _("Cannot write “%s”: it is a folder"), path);
      return FALSE;
    }
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   _("Cannot write “%s”: the folder “%s” does not exist"), path, folder);
      return FALSE;
    }
  if (!g_file_set_contents_full (path, data, (gssize) length, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0666, &local))
    {
      g_set_error (error, local->domain, local->code, _("Cannot write “%s”: %s"), path,
                   local->message);
      return FALSE;
    }
  return TRUE;
}

static int
seismo_cli_opml_export (SeismoCli  *cli,
                        int         argc,
                        char      **argv)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char *path;
  int status;

  if (!seismo_cli_parse_options ("opml export", NULL, &argc, &argv, 0, 1, &status))
    return status;
  path = argc > 1 && !g_str_equal (argv[1], "-") ? argv[1] : NULL;
  if (path != NULL && path[0] == '\0')
    return seismo_cli_usage ("opml export", _("FILE is empty"));

  if (seismo_cli_store (cli, &error) == NULL ||
      (bytes = seismo_opml_export (cli->store, &error)) == NULL)
    return seismo_cli_fail (g_steal_pointer (&error));
  if (path != NULL ? !write_file (path, bytes, &error) : !write_stdout (bytes, &error))
    return seismo_cli_fail (g_steal_pointer (&error));
  return CLI_EXIT_OK;
}

const SeismoCliCommand seismo_cli_opml_commands[] = {
  { "opml", "import", N_("FILE"),
    N_("Add the sources of an OPML file"), seismo_cli_opml_import },
  { "opml", "export", N_("[FILE]"),
    N_("Write every source as OPML (to stdout without FILE)"), seismo_cli_opml_export },
  { 0 }
};
