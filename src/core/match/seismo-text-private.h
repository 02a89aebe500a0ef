/* seismo-text-private.h — character classes shared by the matcher and the clusterer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean _seismo_unichar_is_word      (gunichar c);
gboolean _seismo_unichar_is_unspaced  (gunichar c);
gboolean _seismo_unichar_is_separator (gunichar c);
gunichar _seismo_unichar_fold         (gunichar c);
gsize    _seismo_utf8_decode          (const guint8 *s,
                                       gsize         avail,
                                       gunichar     *out);

G_END_DECLS
