/* seismo-ac-private.h — a byte-level Aho–Corasick automaton
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SEISMO_AC_NONE G_MAXUINT32

/* A complete DFA: every state has a transition for every byte class, so
 * scanning is one table load per byte. State numbers are row offsets
 * (state × n_cls) so the step needs no multiply, and the states that end a
 * pattern are numbered last so "anything to report?" is one comparison. */
typedef struct
{
  guint8   cls[256];  /* byte → column; 0 for bytes in no pattern */
  guint    n_cls;
  guint    n_states;
  guint    n_patterns;
  guint32 *delta;     /* [row + column] → next row */
  guint32  first_out; /* rows at or past this end at least one pattern */
  guint32 *out;       /* per state: first pattern ending exactly there */
  guint32 *dict;      /* per state: row of the nearest suffix state with output */
  guint32 *next;      /* per pattern: next pattern ending in the same state */
} SeismoAc;

SeismoAc *_seismo_ac_build (const char * const *patterns,
                            guint               n_patterns,
                            GError            **error);
void      _seismo_ac_free  (SeismoAc           *ac);

static inline guint32
_seismo_ac_step (const SeismoAc *ac,
                 guint32         row,
                 guint8          byte)
{
  return ac->delta[row + ac->cls[byte]];
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeismoAc, _seismo_ac_free)

G_END_DECLS
