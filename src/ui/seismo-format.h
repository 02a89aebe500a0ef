/* seismo-format.h — dates and counts as the window shows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *seismo_format_day        (gint64 when,
                                gint64 now);
char *seismo_format_time       (gint64 when);
char *seismo_format_date_time  (gint64 when);
char *seismo_format_date       (gint64 when);

G_END_DECLS
