/* seismo-company-card.h — one company in the Companies grid
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "seismo-store.h"

G_BEGIN_DECLS

/* How busy a company was, bucket by bucket, for a sparkline or a chart. */
typedef struct
{
  GArray   *buckets;  /* guint per bucket, oldest first */
  gint64    until;    /* the end of the last bucket, Unix seconds */
  gint64    latest;   /* when its latest event happened, or 0 for none */
  char     *latest_title; /* its title, as the timeline's first row shows it */
  gboolean  recent;   /* the buckets end now, not at its latest event */
} SeismoCompanyActivity;

SeismoCompanyActivity *seismo_company_activity_read  (SeismoStore            *store,
                                                      const char             *slug,
                                                      guint                   n_buckets,
                                                      gboolean                weekly,
                                                      GError                **error);
void                   seismo_company_activity_free  (SeismoCompanyActivity  *activity);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeismoCompanyActivity, seismo_company_activity_free)

#define SEISMO_TYPE_COMPANY_CARD (seismo_company_card_get_type ())

G_DECLARE_FINAL_TYPE (SeismoCompanyCard, seismo_company_card, SEISMO, COMPANY_CARD, GtkWidget)

GtkWidget     *seismo_company_card_new               (void);
SeismoCompany *seismo_company_card_get_company       (SeismoCompanyCard            *self);
void           seismo_company_card_set_company       (SeismoCompanyCard            *self,
                                                      SeismoCompany                *company);
void           seismo_company_card_set_activity      (SeismoCompanyCard            *self,
                                                      const SeismoCompanyActivity  *activity);
GtkSwitch     *seismo_company_card_get_follow_switch (SeismoCompanyCard            *self);
const char    *seismo_company_card_get_headline      (SeismoCompanyCard            *self);

G_END_DECLS
