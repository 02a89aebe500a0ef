/* seismo-json-api.h — items from any JSON API, by a mapping
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "seismo-feed.h"

G_BEGIN_DECLS

/* A mapping is a JSON object:
 *
 *   items        JsonPath of the item list ("$.hits[*]", "$[*]", "$")
 *   id, title, url, date, summary, author
 *                a JsonPath inside an item ("$.objectID", or just "objectID"),
 *                or a list of them: the first that gives a value wins
 *   url_template "https://huggingface.co/{id}": used when url gives nothing;
 *                {name} is the item's member of that name (dotted paths allowed)
 *   skip_if      {"path": "$.draft", "equals": true}: items to leave out
 *   company      a company slug every item is about (checked by the store)
 *
 * items and title are required, and id or url (or url_template). */

gboolean    seismo_json_api_validate_mapping (const char  *mapping,
                                              GError     **error);
char       *seismo_json_api_mapping_dup_company (const char  *mapping);
SeismoFeed *seismo_json_api_parse            (const char  *data,
                                              gsize        length,
                                              const char  *mapping,
                                              GError     **error);

G_END_DECLS
