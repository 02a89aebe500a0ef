/* seismo-tagger.h — rule-based auto-tagging of an item's title and summary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SEISMO_TAGGER_ERROR (seismo_tagger_error_quark ())

typedef enum
{
  SEISMO_TAGGER_ERROR_INVALID_RULE,
  SEISMO_TAGGER_ERROR_INVALID_PATTERN,
} SeismoTaggerError;

/* A tag is assigned when its score reaches SEISMO_TAGGER_MIN_SCORE; an item
 * gets at most SEISMO_TAGGER_MAX_TAGS tags. A title hit scores
 * SEISMO_TAGGER_TITLE_SCORE, a summary hit and any weak rule score 1. */
#define SEISMO_TAGGER_MIN_SCORE   2
#define SEISMO_TAGGER_MAX_TAGS    3
#define SEISMO_TAGGER_TITLE_SCORE 3

#define SEISMO_TYPE_TAGGER (seismo_tagger_get_type ())

G_DECLARE_FINAL_TYPE (SeismoTagger, seismo_tagger, SEISMO, TAGGER, GObject)

GQuark        seismo_tagger_error_quark      (void);

SeismoTagger *seismo_tagger_new              (void);

gboolean      seismo_tagger_add_rule         (SeismoTagger *self,
                                              const char   *tag,
                                              const char   *kind,
                                              const char   *pattern,
                                              gboolean      case_sensitive,
                                              gboolean      weak,
                                              gboolean      negative,
                                              GError      **error);

guint         seismo_tagger_get_n_rules      (SeismoTagger *self);

GStrv         seismo_tagger_dup_tags         (SeismoTagger *self);

GHashTable   *seismo_tagger_score            (SeismoTagger *self,
                                              const char   *title,
                                              const char   *summary,
                                              GHashTable   *prior);

GPtrArray    *seismo_tagger_apply            (SeismoTagger *self,
                                              const char   *title,
                                              const char   *summary);

GPtrArray    *seismo_tagger_apply_with_prior (SeismoTagger *self,
                                              const char   *title,
                                              const char   *summary,
                                              GHashTable   *prior);

void          seismo_tagger_set_prefilter    (SeismoTagger *self,
                                              gboolean      enabled);

G_END_DECLS
