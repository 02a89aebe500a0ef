/* seismo-company.h — an organization the timeline follows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SEISMO_TYPE_COMPANY (seismo_company_get_type ())

G_DECLARE_FINAL_TYPE (SeismoCompany, seismo_company, SEISMO, COMPANY, GObject)

SeismoCompany      *seismo_company_new                 (gint64          id,
                                                        const char     *slug,
                                                        const char     *name);
gint64              seismo_company_get_id              (SeismoCompany  *self);
const char         *seismo_company_get_slug            (SeismoCompany  *self);
const char         *seismo_company_get_name            (SeismoCompany  *self);
const char         *seismo_company_get_description     (SeismoCompany  *self);
const char         *seismo_company_get_homepage        (SeismoCompany  *self);
const char * const *seismo_company_get_aliases         (SeismoCompany  *self);
gboolean            seismo_company_get_followed        (SeismoCompany  *self);
guint               seismo_company_get_events_7d       (SeismoCompany  *self);
guint               seismo_company_get_events_30d      (SeismoCompany  *self);
guint               seismo_company_get_events_total    (SeismoCompany  *self);
guint               seismo_company_get_unread          (SeismoCompany  *self);
const char         *seismo_company_get_latest_title    (SeismoCompany  *self);
gint64              seismo_company_get_latest_event    (SeismoCompany  *self);

void                seismo_company_set_followed        (SeismoCompany  *self,
                                                        gboolean        followed);
void                seismo_company_set_details         (SeismoCompany  *self,
                                                        const char     *description,
                                                        const char     *homepage);
void                seismo_company_set_counts          (SeismoCompany  *self,
                                                        guint           events_7d,
                                                        guint           events_30d,
                                                        guint           events_total,
                                                        guint           unread);
void                seismo_company_set_latest          (SeismoCompany  *self,
                                                        gint64          event_id,
                                                        const char     *title);
void                seismo_company_take_aliases        (SeismoCompany  *self,
                                                        GStrv           aliases);

G_END_DECLS
