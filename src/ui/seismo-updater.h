/* seismo-updater.h — refreshes on demand and on a timer, and notifies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seismo-fetcher.h"
#include "seismo-store.h"

G_BEGIN_DECLS

#define SEISMO_TYPE_UPDATER (seismo_updater_get_type ())

G_DECLARE_FINAL_TYPE (SeismoUpdater, seismo_updater, SEISMO, UPDATER, GObject)

SeismoUpdater *seismo_updater_new          (GApplication  *app,
                                            SeismoStore   *store,
                                            GSettings     *settings);
void           seismo_updater_refresh      (SeismoUpdater *self,
                                            gboolean       by_user);
void           seismo_updater_cancel       (SeismoUpdater *self);
gboolean       seismo_updater_is_running   (SeismoUpdater *self,
                                            guint         *done,
                                            guint         *total);
SeismoFetcher *seismo_updater_get_fetcher  (SeismoUpdater *self);

G_END_DECLS
