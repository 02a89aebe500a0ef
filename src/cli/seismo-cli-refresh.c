/* seismo-cli-refresh.c — refresh: fetch every source, headless
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "seismo-cli-private.h"
#include "seismo-refresh.h"

/* For cron jobs and timers (`refresh --due`) as much as for people: the
 * last line is always "fetched N sources: X new items, Y new events, Z
 * errors", and the exit status is 1 only when the refresh itself could not
 * run (a source's error is a count, stored on the source). */

typedef struct
{
  GMainLoop          *loop;
  SeismoRefreshStats  stats;
  GError             *error;
  gboolean            progress;
} Waiting;

static void
progress_cb (SeismoRefresh *refresh,
             guint          done,
             guint          total,
             Waiting       *waiting)
{
  seismo_cli_progress (waiting->progress, _("Refreshing %u of %u sources"), done, total);
}

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Waiting *waiting = user_data;

  seismo_refresh_run_finish (SEISMO_REFRESH (object), result, &waiting->stats, &waiting->error);
  g_main_loop_quit (waiting->loop);
}

static int
seismo_cli_refresh_run (SeismoCli  *cli,
                        int         argc,
                        char      **argv)
{
  gint64 source_id = 0;
  gboolean due = FALSE, progress = FALSE;
  const GOptionEntry entries[] = {
    { "source", 0, 0, G_OPTION_ARG_INT64, &source_id, N_("Only this source"), N_("ID") },
    { "due", 0, 0, G_OPTION_ARG_NONE, &due, N_("Only the sources whose interval has passed"), NULL },
    { "progress", 0, 0, G_OPTION_ARG_NONE, &progress, N_("Show progress even when not on a terminal"),
      NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(SeismoFetcher) fetcher = NULL;
  g_autoptr(SeismoRefresh) refresh = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  Waiting waiting = { 0 };
  int status;

  if (!seismo_cli_parse_options ("refresh", entries, &argc, &argv, 0, 0, &status))
    return status;
  if (source_id < 0)
    return seismo_cli_usage ("refresh", _("a source ID is a positive number"));
  if (seismo_cli_store (cli, &error) == NULL)
    return seismo_cli_fail (g_steal_pointer (&error));
  if (source_id != 0)
    {
      g_autoptr(SeismoSource) source = seismo_store_get_source (cli->store, source_id, &error);

      if (source == NULL)
        return seismo_cli_fail (g_steal_pointer (&error));
    }

  fetcher = seismo_fetcher_new ();
  refresh = seismo_refresh_new (cli->store, fetcher);
  loop = g_main_loop_new (NULL, FALSE);
  waiting.loop = loop;
  waiting.progress = progress;
  g_signal_connect (refresh, "progress", G_CALLBACK (progress_cb), &waiting);
  seismo_refresh_run_async (refresh, source_id != 0 ? &source_id : NULL, source_id != 0 ? 1 : 0,
                            due, NULL, refreshed_cb, &waiting);
  g_main_loop_run (loop);

  if (waiting.error != NULL)
    return seismo_cli_fail (waiting.error);
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "fetched %u source: %u new items, %u new events, %u errors\n",
                        "fetched %u sources: %u new items, %u new events, %u errors\n",
                        waiting.stats.sources),
           waiting.stats.sources, waiting.stats.new_items, waiting.stats.new_events,
           waiting.stats.errors);
  seismo_refresh_stats_clear (&waiting.stats);
  return CLI_EXIT_OK;
}

const SeismoCliCommand seismo_cli_refresh_commands[] = {
  { NULL, "refresh", N_("[--source ID] [--due] [--progress]"),
    N_("Fetch the sources and store what is new"), seismo_cli_refresh_run },
  { 0 }
};
