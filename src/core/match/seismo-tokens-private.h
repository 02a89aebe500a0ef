/* seismo-tokens-private.h — the words the clusterer compares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SEISMO_TOKEN_MAX 48

/* @token is NUL-terminated scratch, valid during the call only. */
typedef void (*SeismoTokenFunc) (const char *token,
                                 gsize       len,
                                 gpointer    user_data);

void     _seismo_tokenize      (const char      *text,
                                SeismoTokenFunc  func,
                                gpointer         user_data);
gsize    _seismo_stem          (char            *word,
                                gsize            len);
gboolean _seismo_token_is_stop (const char      *token);
const char * const *
         _seismo_token_stop_words (guint      *n_words);

G_END_DECLS
