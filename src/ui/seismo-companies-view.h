/* seismo-companies-view.h — the companies as cards, and one company's panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "seismo-company-card.h"
#include "seismo-company-panel.h"
#include "seismo-store.h"

G_BEGIN_DECLS

#define SEISMO_TYPE_COMPANIES_VIEW (seismo_companies_view_get_type ())

G_DECLARE_FINAL_TYPE (SeismoCompaniesView, seismo_companies_view, SEISMO, COMPANIES_VIEW, GtkWidget)

GtkWidget          *seismo_companies_view_new           (void);
void                seismo_companies_view_set_store     (SeismoCompaniesView *self,
                                                         SeismoStore         *store,
                                                         GSettings           *settings);
void                seismo_companies_view_reload        (SeismoCompaniesView *self);
void                seismo_companies_view_show_company  (SeismoCompaniesView *self,
                                                         const char          *slug);

/* For the window and the tests. */
gboolean            seismo_companies_view_get_loading   (SeismoCompaniesView *self);
GListModel         *seismo_companies_view_get_model     (SeismoCompaniesView *self);
SeismoCompanyCard  *seismo_companies_view_get_card      (SeismoCompaniesView *self,
                                                         const char          *slug);
SeismoCompanyPanel *seismo_companies_view_get_panel     (SeismoCompaniesView *self);
gboolean            seismo_companies_view_get_showing_panel (SeismoCompaniesView *self);
void                seismo_companies_view_set_search    (SeismoCompaniesView *self,
                                                         const char          *text);

G_END_DECLS
