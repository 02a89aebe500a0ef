/* seismo-export-dialog.h — notes to Markdown, with the user's choices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seismo-store.h"

G_BEGIN_DECLS

#define SEISMO_TYPE_EXPORT_DIALOG (seismo_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SeismoExportDialog, seismo_export_dialog, SEISMO, EXPORT_DIALOG, AdwWindow)

SeismoExportDialog *seismo_export_dialog_new (GtkWindow   *parent,
                                              SeismoStore *store,
                                              const char  *company);

G_END_DECLS
