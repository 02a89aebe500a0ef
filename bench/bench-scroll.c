/* bench-scroll.c — scroll the whole timeline; report time and peak memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-scroll DB [EVENTS]   (under a display; GSK_RENDERER=cairo on Xvfb)
 *
 * Opens the real window on DB, waits for the timeline, then scrolls it
 * from the first event to the last a screenful at a time, waiting for each
 * page to be read and drawn. Prints the peak RSS (VmHWM) before and after
 * the scroll: the lazy list must keep memory bounded however long the
 * timeline is.
 */

#include "config.h"

#include <stdio.h>
#include <adwaita.h>

#include "seismo-application.h"
#include "seismo-window.h"

static long
status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, field)) == NULL)
    return -1;
  return strtol (line + strlen (field) + 1, NULL, 10);
}

static gboolean
window_ready (SeismoApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  SeismoEventList *list;

  if (!SEISMO_IS_WINDOW (window) || seismo_window_get_store (SEISMO_WINDOW (window)) == NULL)
    return FALSE;
  list = seismo_timeline_view_get_events (seismo_window_get_timeline_view (SEISMO_WINDOW (window)));
  return list != NULL && !seismo_event_list_get_loading (list);
}

static void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(SeismoApplication) app = NULL;
  SeismoTimelineView *timeline;
  GtkWidget *view;
  GListModel *events;
  guint n, step = 12;
  gint64 start;
  long before, rss_before;

  if (argc != 2 && argc != 3)
    {
      g_printerr ("usage: bench-scroll DB [EVENTS]\n");
      return 2;
    }
  g_setenv ("SEISMOGRAPH_DB", argv[1], TRUE);
  g_setenv ("SEISMOGRAPH_NO_AUTOREFRESH", "1", TRUE);
  gtk_init ();
  adw_init ();

  app = seismo_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  g_application_activate (G_APPLICATION (app));
  while (!window_ready (app))
    g_main_context_iteration (NULL, TRUE);
  run_for (500);

  timeline = seismo_window_get_timeline_view (SEISMO_WINDOW (gtk_application_get_active_window (
    GTK_APPLICATION (app))));
  view = seismo_timeline_view_get_list_view (timeline);
  events = G_LIST_MODEL (seismo_timeline_view_get_events (timeline));
  n = g_list_model_get_n_items (events);
  if (argc == 3)
    n = MIN (n, (guint) g_ascii_strtoull (argv[2], NULL, 10));
  before = status_kb ("VmHWM:");
  rss_before = status_kb ("VmRSS:");

  start = g_get_monotonic_time ();
  for (guint position = 0; position < n; position += step)
    {
      g_autoptr(SeismoEvent) event = NULL;

      gtk_widget_activate_action (view, "list.scroll-to-item", "u", position);
      /* Until the page is in and the rows are drawn. */
      for (;;)
        {
          event = g_list_model_get_item (events, position);
          if (!seismo_event_get_placeholder (event))
            break;
          g_clear_object (&event);
          g_main_context_iteration (NULL, TRUE);
        }
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }

  printf ("events: %u\n", n);
  printf ("scroll: %.1f s (%.2f ms per screenful)\n", (g_get_monotonic_time () - start) / 1e6,
          (g_get_monotonic_time () - start) / 1000.0 / MAX (1, n / step));
  printf ("peak RSS before scroll: %.1f MB (RSS %.1f MB)\n", before / 1024.0, rss_before / 1024.0);
  printf ("peak RSS after scroll: %.1f MB (RSS now %.1f MB)\n", status_kb ("VmHWM:") / 1024.0,
          status_kb ("VmRSS:") / 1024.0);
  printf ("events held by the list: %u\n",
          seismo_event_list_get_n_cached (SEISMO_EVENT_LIST (events)));
  return 0;
}
