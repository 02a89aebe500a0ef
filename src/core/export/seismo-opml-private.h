/* seismo-opml-private.h — what the OPML files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "seismo-opml.h"

G_BEGIN_DECLS

/* seismo-opml-filter.c: moves @in to @out with bare '&' escaped and HTML
 * entities as character references; keeps an unfinished reference in @in
 * unless @final. For ASCII-compatible encodings only. */
void _seismo_opml_filter (GString  *in,
                          gboolean  final,
                          GString  *out);

G_END_DECLS
