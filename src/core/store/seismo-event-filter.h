/* seismo-event-filter.h — which events a timeline shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* No bound on that side of the date range. */
#define SEISMO_FILTER_NO_DATE G_MININT64

typedef struct
{
  char     *company;   /* slug, or NULL */
  char     *tag;       /* name, or NULL */
  gint64    source_id; /* 0 for any */
  gint64    since;     /* inclusive, Unix seconds, or SEISMO_FILTER_NO_DATE */
  gint64    until;     /* exclusive, Unix seconds, or SEISMO_FILTER_NO_DATE */
  char     *search;    /* words typed by the user, not FTS syntax; or NULL */
  gboolean  unread;
  gboolean  starred;
  gboolean  has_note;
} SeismoEventFilter;

#define SEISMO_TYPE_EVENT_FILTER (seismo_event_filter_get_type ())

GType              seismo_event_filter_get_type   (void) G_GNUC_CONST;
SeismoEventFilter *seismo_event_filter_new        (void);
SeismoEventFilter *seismo_event_filter_copy       (const SeismoEventFilter *filter);
void               seismo_event_filter_free       (SeismoEventFilter       *filter);
gboolean           seismo_event_filter_equal      (const SeismoEventFilter *a,
                                                   const SeismoEventFilter *b);

/* The user's words as an FTS5 query: each word quoted and prefix-matched,
 * all of them required. NULL when nothing searchable is left. */
char              *seismo_event_filter_fts_query  (const char              *search);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeismoEventFilter, seismo_event_filter_free)

G_END_DECLS
