/* seismo-discover.h — the feeds a web page links to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

GPtrArray *seismo_discover_feed_links (const char *html,
                                       gsize       length,
                                       const char *base_url);

G_END_DECLS
