/* seismo-cli-export.c — notes export: Markdown to stdout, a file or a folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "seismo-cli-private.h"
#include "seismo-markdown.h"

/* Without --out the Markdown is the only thing on stdout, so that
 * "notes export > briefing.md" works; with --out a line on stdout says
 * what was written. A folder export refuses to replace files unless
 * --force is given. */

static gboolean
write_stdout (const char  *text,
              GError     **error)
{
  fputs (text, stdout);
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("Cannot write the notes to standard output"));
      return FALSE;
    }
  return TRUE;
}

static int
seismo_cli_notes_export (SeismoCli  *cli,
                         int         argc,
                         char      **argv)
{
  g_autofree char *out = NULL, *split = NULL, *group = NULL, *company = NULL, *tag = NULL;
  g_autofree char *since = NULL, *until = NULL;
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out,
      N_("Write to this file, or to this folder with --split"), N_("FILE|DIR") },
    { "split", 0, 0, G_OPTION_ARG_STRING, &split,
      N_("One file per company, with YAML front matter"), "company" },
    { "group", 0, 0, G_OPTION_ARG_STRING, &group,
      N_("Group events by company, tag or month"), "company|tag|month" },
    { "company", 0, 0, G_OPTION_ARG_STRING, &company, N_("Only notes about this company"),
      N_("SLUG") },
    { "tag", 0, 0, G_OPTION_ARG_STRING, &tag, N_("Only notes on events with this tag"),
      N_("TAG") },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since, N_("Only events from this date on"),
      N_("DATE") },
    { "until", 0, 0, G_OPTION_ARG_STRING, &until, N_("Only events up to this date"),
      N_("DATE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Replace files of the same names in the folder"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(SeismoMarkdownOptions) options = seismo_markdown_options_new ();
  g_autoptr(GError) error = NULL;
  guint n_notes = 0;
  int status;

  if (!seismo_cli_parse_options ("notes export", entries, &argc, &argv, 0, 0, &status))
    return status;
  if (split != NULL && !g_str_equal (split, "company"))
    return seismo_cli_usage ("notes export", _("--split takes “company”"));
  if (split != NULL && out == NULL)
    return seismo_cli_usage ("notes export", _("--split company needs --out DIR"));
  if (group != NULL && !seismo_markdown_group_from_string (group, &options->group))
    return seismo_cli_usage ("notes export", _("--group takes “company”, “tag” or “month”"));
  if ((since != NULL && !seismo_cli_parse_date (since, FALSE, &options->since)) ||
      (until != NULL && !seismo_cli_parse_date (until, TRUE, &options->until)))
    return seismo_cli_usage ("notes export", _("a DATE is YYYY-MM-DD or RFC 3339"));
  if (tag != NULL && tag[0] == '#')
    memmove (tag, tag + 1, strlen (tag));

  options->split = split != NULL;
  options->company = g_steal_pointer (&company);
  options->tag = g_steal_pointer (&tag);
  options->overwrite = force;

  if (seismo_cli_store (cli, &error) == NULL)
    return seismo_cli_fail (g_steal_pointer (&error));

  if (out == NULL)
    {
      g_autofree char *text = seismo_markdown_export_to_string (cli->store, options, NULL, &error);

      if (text == NULL || !write_stdout (text, &error))
        return seismo_cli_fail (g_steal_pointer (&error));
      return CLI_EXIT_OK;
    }

  if (!seismo_markdown_export (cli->store, options, out, &n_notes, NULL, &error))
    {
      if (g_error_matches (error, SEISMO_MARKDOWN_ERROR, SEISMO_MARKDOWN_ERROR_EXISTS))
        return seismo_cli_fail_message (_("%s (--force replaces it)"), error->message);
      return seismo_cli_fail (g_steal_pointer (&error));
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "Exported %u note to %s\n", "Exported %u notes to %s\n",
                        n_notes),
           n_notes, out);
  return CLI_EXIT_OK;
}

const SeismoCliCommand seismo_cli_export_commands[] = {
  { "notes", "export", N_("[--out FILE|DIR] [--split company] [--group company|tag|month] "
                          "[--company SLUG] [--tag TAG] [--since DATE] [--until DATE] [--force]"),
    N_("Export notes as Markdown"), seismo_cli_notes_export },
  { 0 }
};
