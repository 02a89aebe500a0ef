/* seismo-url.h — one spelling per article URL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *seismo_canonical_url         (const char *url);
gboolean  seismo_url_is_tracking_param (const char *name);

G_END_DECLS
