/* seismo-sources-dialog.h — add, switch off and remove sources, see their errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seismo-fetcher.h"
#include "seismo-store.h"

G_BEGIN_DECLS

#define SEISMO_TYPE_SOURCES_DIALOG (seismo_sources_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SeismoSourcesDialog, seismo_sources_dialog, SEISMO, SOURCES_DIALOG, AdwWindow)

SeismoSourcesDialog *seismo_sources_dialog_new (GtkWindow     *parent,
                                                SeismoStore   *store,
                                                SeismoFetcher *fetcher,
                                                gboolean       errors_only);

G_END_DECLS
