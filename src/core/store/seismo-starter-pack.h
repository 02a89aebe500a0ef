/* seismo-starter-pack.h — the curated data a new database starts with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "seismo-store.h"

G_BEGIN_DECLS

gboolean seismo_starter_pack_load (SeismoStore  *store,
                                   const char   *dir,
                                   GError      **error);

SeismoStore *seismo_starter_pack_open_store (const char  *path,
                                             GError     **error);

G_END_DECLS
