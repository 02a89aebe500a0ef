/* seismo-event.h — one story on the timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Where a page of the timeline stops: the next page starts strictly after. */
typedef struct
{
  gint64   published;
  gint64   id;
  gboolean undated;  /* the row had no date: its day header is "No date" */
} SeismoEventCursor;

/* How much of an event's time is known. */
typedef enum
{
  SEISMO_DATED_NONE,  /* no item had a date: published is when it was seen */
  SEISMO_DATED_EXACT,
  SEISMO_DATED_DAY,   /* the day only: published is noon UTC that day */
} SeismoDated;

typedef enum
{
  SEISMO_EVENT_FLAG_READ,
  SEISMO_EVENT_FLAG_STARRED,
} SeismoEventFlag;

/* One article of the event, as one source reported it. */
typedef struct
{
  gint64  id;
  gint64  source_id;
  char   *source;    /* the source's title, or its URL's host */
  char   *title;
  char   *url;
  char   *author;
  char   *summary;
  gint64  published; /* SEISMO_NO_DATE when the feed gave none */
} SeismoEventItem;

void seismo_event_item_free (SeismoEventItem *item);

#define SEISMO_TYPE_EVENT (seismo_event_get_type ())

G_DECLARE_FINAL_TYPE (SeismoEvent, seismo_event, SEISMO, EVENT, GObject)

SeismoEvent        *seismo_event_new                 (gint64        id,
                                                      const char   *title,
                                                      gint64        published);
gint64              seismo_event_get_id              (SeismoEvent  *self);
const char         *seismo_event_get_title           (SeismoEvent  *self);
gint64              seismo_event_get_published       (SeismoEvent  *self);
gboolean            seismo_event_get_dated           (SeismoEvent  *self);
gboolean            seismo_event_get_time_known      (SeismoEvent  *self);
const char         *seismo_event_get_url             (SeismoEvent  *self);
const char         *seismo_event_get_summary         (SeismoEvent  *self);
const char         *seismo_event_get_source          (SeismoEvent  *self);
guint               seismo_event_get_sources_count   (SeismoEvent  *self);
const char * const *seismo_event_get_companies       (SeismoEvent  *self);
const char * const *seismo_event_get_company_names   (SeismoEvent  *self);
const char * const *seismo_event_get_tags            (SeismoEvent  *self);
gboolean            seismo_event_get_read            (SeismoEvent  *self);
gboolean            seismo_event_get_starred         (SeismoEvent  *self);
gboolean            seismo_event_get_has_note        (SeismoEvent  *self);
const char         *seismo_event_get_note            (SeismoEvent  *self);
GPtrArray          *seismo_event_get_items           (SeismoEvent  *self);
gboolean            seismo_event_get_first_of_day    (SeismoEvent  *self);
gboolean            seismo_event_get_placeholder     (SeismoEvent  *self);
SeismoEventCursor   seismo_event_get_cursor          (SeismoEvent  *self);

void                seismo_event_set_read            (SeismoEvent  *self,
                                                      gboolean      read);
void                seismo_event_set_starred         (SeismoEvent  *self,
                                                      gboolean      starred);
void                seismo_event_set_has_note        (SeismoEvent  *self,
                                                      gboolean      has_note);
void                seismo_event_set_first_of_day    (SeismoEvent  *self,
                                                      gboolean      first_of_day);

/* Filled by the store while it reads a row. */
void                seismo_event_set_details         (SeismoEvent  *self,
                                                      const char   *url,
                                                      const char   *summary,
                                                      SeismoDated   dated,
                                                      const char   *source,
                                                      guint         sources_count);
void                seismo_event_take_companies      (SeismoEvent  *self,
                                                      GStrv         slugs,
                                                      GStrv         names);
void                seismo_event_take_tags           (SeismoEvent  *self,
                                                      GStrv         tags);
void                seismo_event_take_items          (SeismoEvent  *self,
                                                      GPtrArray    *items);
void                seismo_event_take_note           (SeismoEvent  *self,
                                                      char         *note);

void                seismo_event_update_labels       (SeismoEvent  *self,
                                                      SeismoEvent  *from);

/* An empty row the lazy timeline hands out until its page is read. */
SeismoEvent        *seismo_event_new_placeholder     (void);

G_END_DECLS
