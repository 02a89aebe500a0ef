/* seismo-format.c — dates and counts as the window shows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "seismo-format.h"

/* One local zone for the life of the app: making a local GDateTime from
 * scratch checks /etc/localtime each time, and rows format dates often. */
static GDateTime *
local_time (gint64 when)
{
  static GTimeZone *zone;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);

  if (g_once_init_enter (&zone))
    g_once_init_leave (&zone, g_time_zone_new_local ());
  return utc != NULL ? g_date_time_to_timezone (utc, zone) : NULL;
}

static int
day_number (GDateTime *date)
{
  return g_date_time_get_year (date) * 400 + g_date_time_get_day_of_year (date);
}

/* "Today", "Yesterday", then the weekday and the date, in local time. */
char *
seismo_format_day (gint64 when,
                   gint64 now)
{
  g_autoptr(GDateTime) date = local_time (when);
  g_autoptr(GDateTime) today = local_time (now);
  g_autoptr(GDateTime) yesterday = NULL;

  if (date == NULL || today == NULL)
    return g_strdup ("");
  yesterday = g_date_time_add_days (today, -1);

  if (day_number (date) == day_number (today))
    return g_strdup (_("Today"));
  if (day_number (date) == day_number (yesterday))
    return g_strdup (_("Yesterday"));
  if (g_date_time_get_year (date) == g_date_time_get_year (today))
    /* Translators: a day header on the timeline, see strftime(3): "Monday 27 January" */
    return g_date_time_format (date, _("%A %-d %B"));
  /* Translators: a day header on the timeline, see strftime(3): "Monday 27 January 2025" */
  return g_date_time_format (date, _("%A %-d %B %Y"));
}

char *
seismo_format_time (gint64 when)
{
  g_autoptr(GDateTime) date = local_time (when);

  /* Translators: the time of an event, see strftime(3) */
  return date != NULL ? g_date_time_format (date, _("%H:%M")) : g_strdup ("");
}

char *
seismo_format_date_time (gint64 when)
{
  g_autoptr(GDateTime) date = local_time (when);

  /* Translators: an event's date and time, see strftime(3): "Mon 20 Jan 2025 · 20:19" */
  return date != NULL ? g_date_time_format (date, _("%a %-d %b %Y · %H:%M")) : g_strdup ("");
}

char *
seismo_format_date (gint64 when)
{
  g_autoptr(GDateTime) date = local_time (when);

  /* Translators: a date, see strftime(3): "20 Jan 2025" */
  return date != NULL ? g_date_time_format (date, _("%-d %b %Y")) : g_strdup ("");
}
