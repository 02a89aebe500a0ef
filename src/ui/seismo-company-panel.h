/* seismo-company-panel.h — everything about one company
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "seismo-bar-chart.h"
#include "seismo-event-list.h"
#include "seismo-store.h"

G_BEGIN_DECLS

#define SEISMO_TYPE_COMPANY_PANEL (seismo_company_panel_get_type ())

G_DECLARE_FINAL_TYPE (SeismoCompanyPanel, seismo_company_panel, SEISMO, COMPANY_PANEL, GtkWidget)

GtkWidget       *seismo_company_panel_new            (void);
void             seismo_company_panel_set_store      (SeismoCompanyPanel *self,
                                                      SeismoStore        *store);
void             seismo_company_panel_show           (SeismoCompanyPanel *self,
                                                      SeismoCompany      *company);
void             seismo_company_panel_reload         (SeismoCompanyPanel *self);
void             seismo_company_panel_save_note      (SeismoCompanyPanel *self);
SeismoCompany   *seismo_company_panel_get_company    (SeismoCompanyPanel *self);
gboolean         seismo_company_panel_get_loading    (SeismoCompanyPanel *self);
SeismoEventList *seismo_company_panel_get_events     (SeismoCompanyPanel *self);
GtkWidget       *seismo_company_panel_get_list_view  (SeismoCompanyPanel *self);
GtkTextView     *seismo_company_panel_get_note_view  (SeismoCompanyPanel *self);
SeismoBarChart  *seismo_company_panel_get_chart      (SeismoCompanyPanel *self);
GtkFlowBox      *seismo_company_panel_get_tags_box   (SeismoCompanyPanel *self);

G_END_DECLS
