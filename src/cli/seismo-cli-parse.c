/* seismo-cli-parse.c — parse FILE: a feed file as normalized JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "seismo-cli-private.h"
#include "seismo-feed.h"

/* Always JSON (the corpus schema of ../shared/corpus/README.md). A file
 * that is not a feed prints format "unknown" with no items. */
int
seismo_cli_parse_run (SeismoCli  *cli,
                      int         argc,
                      char      **argv)
{
  g_autofree char *base_url = NULL;
  const GOptionEntry entries[] = {
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &base_url,
      N_("Resolve relative links against this URL"), N_("URL") },
    G_OPTION_ENTRY_NULL
  };
  g_autofree char *data = NULL;
  g_autofree char *json = NULL;
  g_autoptr(SeismoFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  int status;

  if (!seismo_cli_parse_options ("parse", entries, &argc, &argv, 1, 1, &status))
    return status;
  if (!g_file_get_contents (argv[1], &data, &length, &error))
    return seismo_cli_fail (g_steal_pointer (&error));

  feed = seismo_feed_parse (data, length, base_url, &error);
  if (feed == NULL)
    feed = seismo_feed_new (SEISMO_FEED_FORMAT_UNKNOWN);
  json = seismo_feed_to_corpus_json (feed);
  fputs (json, stdout);
  fputc ('\n', stdout);
  return CLI_EXIT_OK;
}
