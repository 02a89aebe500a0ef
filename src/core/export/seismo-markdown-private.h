/* seismo-markdown-private.h — what the Markdown export's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "seismo-markdown.h"

G_BEGIN_DECLS

/* The line that closes a block @body leaves open, or NULL. */
char     *_seismo_markdown_unclosed    (const char *body);
/* Whether @body, after a list, would be read as part of that list. */
gboolean  _seismo_markdown_joins_list  (const char *body);

G_END_DECLS
