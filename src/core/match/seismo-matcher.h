/* seismo-matcher.h — which companies a title and summary talk about
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SEISMO_MATCHER_ERROR (seismo_matcher_error_quark ())

typedef enum
{
  SEISMO_MATCHER_ERROR_INVALID_ALIAS, /* empty after normalisation, or an unknown mode */
  SEISMO_MATCHER_ERROR_COMPILED,      /* seismo_matcher_add() after compile */
  SEISMO_MATCHER_ERROR_TOO_LARGE,     /* more alias text than the automaton is sized for */
} SeismoMatcherError;

typedef enum
{
  SEISMO_MATCH_FIELD_TITLE,
  SEISMO_MATCH_FIELD_SUMMARY,
} SeismoMatchField;

/* One accepted alias occurrence: the answer to "why was this tagged". */
typedef struct
{
  gint64            company_id;
  const char       *alias;  /* the alias as added; owned by the matcher */
  const char       *mode;   /* "ci", "cs", "weak-ci" or "weak-cs"; static */
  SeismoMatchField  field;
  guint             start;  /* byte offsets into that field; end is exclusive */
  guint             end;
} SeismoMatch;

#define SEISMO_TYPE_MATCHER (seismo_matcher_get_type ())

typedef struct _SeismoMatcher SeismoMatcher;

GType          seismo_matcher_get_type        (void) G_GNUC_CONST;
GQuark         seismo_matcher_error_quark     (void);

SeismoMatcher *seismo_matcher_new             (void);
SeismoMatcher *seismo_matcher_ref             (SeismoMatcher  *self);
void           seismo_matcher_unref           (SeismoMatcher  *self);

gboolean       seismo_matcher_mode_is_valid   (const char     *mode);
gboolean       seismo_matcher_add             (SeismoMatcher  *self,
                                               gint64          company_id,
                                               const char     *text,
                                               const char     *mode,
                                               GError        **error);
gboolean       seismo_matcher_compile         (SeismoMatcher  *self,
                                               GError        **error);
guint          seismo_matcher_get_n_aliases   (SeismoMatcher  *self);
guint          seismo_matcher_get_n_patterns  (SeismoMatcher  *self);

GArray        *seismo_matcher_match           (SeismoMatcher  *self,
                                               const char     *title,
                                               const char     *summary);
GArray        *seismo_matcher_match_full      (SeismoMatcher  *self,
                                               const char     *title,
                                               const char     *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeismoMatcher, seismo_matcher_unref)

G_END_DECLS
