/* seismo-application.h — the Seismograph application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seismo-store.h"
#include "seismo-updater.h"

G_BEGIN_DECLS

#define SEISMO_TYPE_APPLICATION (seismo_application_get_type ())

G_DECLARE_FINAL_TYPE (SeismoApplication, seismo_application, SEISMO, APPLICATION, AdwApplication)

SeismoApplication *seismo_application_new          (void);
SeismoStore       *seismo_application_get_store    (SeismoApplication *self);
SeismoUpdater     *seismo_application_get_updater  (SeismoApplication *self);
GSettings         *seismo_application_get_settings (SeismoApplication *self);
gint64             seismo_application_get_started  (SeismoApplication *self);

G_END_DECLS
