/* seismo-cli.c — seismograph-cli (temporary: parse only; grows with the foundation)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <glib.h>

#include "seismo-feed.h"

static int
cmd_parse (int argc, char **argv)
{
  const char *base_url = NULL;
  const char *path = NULL;
  g_autofree char *data = NULL;
  g_autofree char *json = NULL;
  g_autoptr(SeismoFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--base-url") && i + 1 < argc)
        base_url = argv[++i];
      else if (path == NULL)
        path = argv[i];
    }
  if (path == NULL)
    {
      g_printerr ("usage: seismograph-cli parse FILE [--base-url URL]\n");
      return 2;
    }
  if (!g_file_get_contents (path, &data, &length, &error))
    {
      g_printerr ("seismograph-cli: %s\n", error->message);
      return 1;
    }
  feed = seismo_feed_parse (data, length, base_url, &error);
  if (feed == NULL)
    feed = seismo_feed_new (SEISMO_FEED_FORMAT_UNKNOWN);
  json = seismo_feed_to_corpus_json (feed);
  fputs (json, stdout);
  fputc ('\n', stdout);
  return 0;
}

int
main (int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "parse"))
    return cmd_parse (argc - 1, argv + 1);
  g_printerr ("usage: seismograph-cli COMMAND\n");
  return 2;
}
