/* seismo-source.h — a feed or JSON API the timeline is filled from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What the last fetch of a source gave. */
typedef enum
{
  SEISMO_SOURCE_STATUS_NEW,          /* never fetched */
  SEISMO_SOURCE_STATUS_OK,
  SEISMO_SOURCE_STATUS_NOT_MODIFIED, /* 304: nothing new */
  SEISMO_SOURCE_STATUS_ERROR,        /* see the error text */
} SeismoSourceStatus;

#define SEISMO_TYPE_SOURCE (seismo_source_get_type ())

G_DECLARE_FINAL_TYPE (SeismoSource, seismo_source, SEISMO, SOURCE, GObject)

SeismoSource       *seismo_source_new                 (const char    *url,
                                                       const char    *kind);
gint64              seismo_source_get_id              (SeismoSource  *self);
const char         *seismo_source_get_url             (SeismoSource  *self);
const char         *seismo_source_get_kind            (SeismoSource  *self);
const char         *seismo_source_get_title           (SeismoSource  *self);
const char         *seismo_source_get_display_title   (SeismoSource  *self);
const char         *seismo_source_get_site_url        (SeismoSource  *self);
const char         *seismo_source_get_mapping         (SeismoSource  *self);
const char         *seismo_source_get_folder          (SeismoSource  *self);
gboolean            seismo_source_get_enabled         (SeismoSource  *self);
SeismoSourceStatus  seismo_source_get_status          (SeismoSource  *self);
const char         *seismo_source_get_error           (SeismoSource  *self);
guint               seismo_source_get_items           (SeismoSource  *self);
gint64              seismo_source_get_last_fetch      (SeismoSource  *self);
const char         *seismo_source_get_etag            (SeismoSource  *self);
const char         *seismo_source_get_last_modified   (SeismoSource  *self);
guint               seismo_source_get_failures        (SeismoSource  *self);
gint64              seismo_source_get_retry_after     (SeismoSource  *self);
guint               seismo_source_get_interval        (SeismoSource  *self);

void                seismo_source_set_id              (SeismoSource  *self,
                                                       gint64         id);
void                seismo_source_set_url             (SeismoSource  *self,
                                                       const char    *url);
void                seismo_source_set_kind            (SeismoSource  *self,
                                                       const char    *kind);
void                seismo_source_set_title           (SeismoSource  *self,
                                                       const char    *title);
void                seismo_source_set_site_url        (SeismoSource  *self,
                                                       const char    *site_url);
void                seismo_source_set_mapping         (SeismoSource  *self,
                                                       const char    *mapping);
void                seismo_source_set_folder          (SeismoSource  *self,
                                                       const char    *folder);
void                seismo_source_set_enabled         (SeismoSource  *self,
                                                       gboolean       enabled);
void                seismo_source_set_interval        (SeismoSource  *self,
                                                       guint          seconds);
void                seismo_source_set_fetch_state     (SeismoSource       *self,
                                                       SeismoSourceStatus  status,
                                                       const char         *error,
                                                       gint64              last_fetch,
                                                       guint               failures,
                                                       gint64              retry_after);
void                seismo_source_set_validators      (SeismoSource  *self,
                                                       const char    *etag,
                                                       const char    *last_modified);
void                seismo_source_set_items           (SeismoSource  *self,
                                                       guint          items);

const char         *seismo_source_status_to_string    (SeismoSourceStatus  status);
SeismoSourceStatus  seismo_source_status_from_string   (const char         *status);
gboolean            seismo_source_kind_is_valid        (const char         *kind);

G_END_DECLS
