/* bench-stall.c — how long a refresh ever holds up the main loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <time.h>

#include "seismo-refresh.h"

/* The app refreshes on its UI thread's main loop; parsing and SQL must stay
 * in worker threads so the window never freezes. This runs a refresh of
 * every enabled source of --db on the main loop of a plain GLib program,
 * with a 1 ms timer beside it, and reports the longest gap between two
 * ticks (and the worst few), which is the longest the UI would have
 * stalled.
 *
 *   bench-stall --db FILE */

typedef struct
{
  gint64  last;
  gint64  last_cpu;
  gint64  max_gap;
  gint64  max_gap_cpu;   /* of the longest gap, the time this thread ran */
  gint64  start;
  GArray *gaps;     /* gint64 µs, every gap over 2 ms */
  guint   ticks;
  gboolean done;
  SeismoRefreshStats stats;
  GError *error;
} Watch;

/* µs this thread has run: a gap it mostly ran through is work on the main
 * loop; one it did not is the scheduler giving the cores to the workers. */
static gint64
thread_cpu (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static gboolean
tick_cb (gpointer user_data)
{
  Watch *watch = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu ();
  gint64 gap = now - watch->last;

  watch->ticks++;
  if (gap > watch->max_gap)
    {
      watch->max_gap = gap;
      watch->max_gap_cpu = cpu - watch->last_cpu;
    }
  if (gap > 2000)
    g_array_append_val (watch->gaps, gap);
  watch->last = now;
  watch->last_cpu = cpu;
  return G_SOURCE_CONTINUE;
}

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Watch *watch = user_data;

  seismo_refresh_run_finish (SEISMO_REFRESH (object), result, &watch->stats, &watch->error);
  watch->done = TRUE;
}

static int
compare_gaps (gconstpointer a,
              gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? 1 : x > y ? -1 : 0;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *db = NULL;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Database to refresh", "FILE" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— measure main-loop stalls");
  g_autoptr(GError) error = NULL;
  g_autoptr(SeismoStore) store = NULL;
  g_autoptr(SeismoFetcher) fetcher = NULL;
  g_autoptr(SeismoRefresh) refresh = NULL;
  Watch watch = { 0 };
  guint timer;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || db == NULL)
    {
      g_printerr ("bench-stall: %s\n", error != NULL ? error->message : "--db FILE is required");
      return 2;
    }
  store = seismo_store_open (db, &error);
  if (store == NULL)
    {
      g_printerr ("bench-stall: %s\n", error->message);
      return 1;
    }
  fetcher = seismo_fetcher_new ();
  refresh = seismo_refresh_new (store, fetcher);
  watch.gaps = g_array_new (FALSE, FALSE, sizeof (gint64));

  timer = g_timeout_add (1, tick_cb, &watch);
  /* Let the timer settle before the refresh starts. */
  watch.start = watch.last = g_get_monotonic_time ();
  watch.last_cpu = thread_cpu ();
  while (g_get_monotonic_time () - watch.start < 50000)
    g_main_context_iteration (NULL, TRUE);
  watch.max_gap = 0;
  watch.ticks = 0;
  g_array_set_size (watch.gaps, 0);

  watch.start = g_get_monotonic_time ();
  seismo_refresh_run_async (refresh, NULL, 0, FALSE, NULL, refreshed_cb, &watch);
  while (!watch.done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timer);

  if (watch.error != NULL)
    {
      g_printerr ("bench-stall: %s\n", watch.error->message);
      g_error_free (watch.error);
      return 1;
    }
  g_array_sort (watch.gaps, compare_gaps);
  g_print ("refresh: %u sources, %u new items, %u new events, %u errors in %.2f s\n",
           watch.stats.sources, watch.stats.new_items, watch.stats.new_events, watch.stats.errors,
           (g_get_monotonic_time () - watch.start) / 1e6);
  g_print ("main loop: %u ticks of 1 ms, longest gap %.1f ms, %u gaps over 2 ms, worst:",
           watch.ticks, watch.max_gap / 1e3, watch.gaps->len);
  for (guint i = 0; i < MIN (watch.gaps->len, 5); i++)
    g_print (" %.1f", g_array_index (watch.gaps, gint64, i) / 1e3);
  g_print ("\nthe longest gap: the main loop ran %.1f ms of it\n", watch.max_gap_cpu / 1e3);
  g_print ("max_stall_ms %.1f\n", watch.max_gap / 1e3);
  g_array_unref (watch.gaps);
  seismo_refresh_stats_clear (&watch.stats);
  return 0;
}
