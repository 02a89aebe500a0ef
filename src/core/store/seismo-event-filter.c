/* seismo-event-filter.c — which events a timeline shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "seismo-event-filter.h"

G_DEFINE_BOXED_TYPE (SeismoEventFilter, seismo_event_filter,
                     seismo_event_filter_copy, seismo_event_filter_free)

SeismoEventFilter *
seismo_event_filter_new (void)
{
  SeismoEventFilter *filter = g_new0 (SeismoEventFilter, 1);

  filter->since = SEISMO_FILTER_NO_DATE;
  filter->until = SEISMO_FILTER_NO_DATE;
  return filter;
}

SeismoEventFilter *
seismo_event_filter_copy (const SeismoEventFilter *filter)
{
  SeismoEventFilter *copy;

  g_return_val_if_fail (filter != NULL, NULL);

  copy = g_memdup2 (filter, sizeof *filter);
  copy->company = g_strdup (filter->company);
  copy->tag = g_strdup (filter->tag);
  copy->search = g_strdup (filter->search);
  return copy;
}

void
seismo_event_filter_free (SeismoEventFilter *filter)
{
  if (filter == NULL)
    return;
  g_free (filter->company);
  g_free (filter->tag);
  g_free (filter->search);
  g_free (filter);
}

gboolean
seismo_event_filter_equal (const SeismoEventFilter *a,
                           const SeismoEventFilter *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;
  return g_strcmp0 (a->company, b->company) == 0 &&
         g_strcmp0 (a->tag, b->tag) == 0 &&
         g_strcmp0 (a->search, b->search) == 0 &&
         a->source_id == b->source_id &&
         a->since == b->since &&
         a->until == b->until &&
         !a->unread == !b->unread &&
         !a->starred == !b->starred &&
         !a->has_note == !b->has_note;
}

char *
seismo_event_filter_fts_query (const char *search)
{
  g_autoptr(GString) query = g_string_new (NULL);
  const char *p = search;

  if (search == NULL)
    return NULL;

  /* Split on anything that is not a letter or digit, the way unicode61
   * tokenizes, so that no FTS5 operator or quote the user typed reaches
   * the MATCH expression unquoted. */
  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && !g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p > start)
        {
          if (query->len > 0)
            g_string_append_c (query, ' ');
          g_string_append_c (query, '"');
          g_string_append_len (query, start, p - start);
          g_string_append (query, "\"*");
        }
    }

  if (query->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&query), FALSE);
}
