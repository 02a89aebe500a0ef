/* seismo-tags-page.h — Preferences: tags and the rules that set them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seismo-store.h"

G_BEGIN_DECLS

#define SEISMO_TYPE_TAGS_PAGE (seismo_tags_page_get_type ())

G_DECLARE_FINAL_TYPE (SeismoTagsPage, seismo_tags_page, SEISMO, TAGS_PAGE, AdwPreferencesPage)

SeismoTagsPage *seismo_tags_page_new (SeismoStore *store);

G_END_DECLS
