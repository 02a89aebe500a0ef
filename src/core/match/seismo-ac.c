/* seismo-ac.c — a byte-level Aho–Corasick automaton
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "seismo-ac-private.h"
#include "seismo-matcher.h"

/* The matcher scans every fetched item against every alias at once; a
 * regex per alias would be ~600 passes. This builds the classic automaton
 * (trie + failure links) and flattens it into a full transition table over
 * byte classes: bytes that occur in no pattern share column 0, which keeps
 * the table to a few hundred KiB for the starter pack. */

#define MAX_TABLE_BYTES (256u * 1024u * 1024u)

void
_seismo_ac_free (SeismoAc *ac)
{
  if (ac == NULL)
    return;
  g_free (ac->delta);
  g_free (ac->out);
  g_free (ac->dict);
  g_free (ac->next);
  g_free (ac);
}

static guint
assign_classes (SeismoAc           *ac,
                const char * const *patterns,
                guint               n_patterns,
                guint64            *total_len)
{
  guint n_cls = 1;

  *total_len = 0;
  for (guint p = 0; p < n_patterns; p++)
    for (const guint8 *b = (const guint8 *) patterns[p]; *b != '\0'; b++, (*total_len)++)
      if (ac->cls[*b] == 0)
        ac->cls[*b] = n_cls++;
  return n_cls;
}

/* Inserts every pattern into a trie kept in a dense table; returns the
 * number of states. */
static guint
build_trie (SeismoAc           *ac,
            const char * const *patterns,
            guint32            *trie,
            guint32            *out)
{
  guint n_states = 1;

  for (guint p = 0; p < ac->n_patterns; p++)
    {
      guint32 s = 0;

      for (const guint8 *b = (const guint8 *) patterns[p]; *b != '\0'; b++)
        {
          guint32 *slot = &trie[(gsize) s * ac->n_cls + ac->cls[*b]];

          if (*slot == SEISMO_AC_NONE)
            *slot = n_states++;
          s = *slot;
        }
      ac->next[p] = out[s];
      out[s] = p;
    }
  return n_states;
}

/* Breadth-first: a state's failure target is shallower, so its row is
 * already complete when we borrow the missing transitions from it. */
static void
link_failures (SeismoAc *ac,
               guint32  *trie,
               guint32  *out,
               guint32  *dict)
{
  g_autofree guint32 *fail = g_new0 (guint32, ac->n_states);
  g_autofree guint32 *queue = g_new (guint32, ac->n_states);
  guint head = 0, tail = 0;
  guint n_cls = ac->n_cls;

  for (guint c = 0; c < n_cls; c++)
    {
      if (trie[c] == SEISMO_AC_NONE)
        trie[c] = 0;
      else
        queue[tail++] = trie[c];
    }

  while (head < tail)
    {
      guint32 s = queue[head++];
      guint32 f = fail[s];

      dict[s] = out[f] != SEISMO_AC_NONE ? f : dict[f];
      for (guint c = 0; c < n_cls; c++)
        {
          guint32 *slot = &trie[(gsize) s * n_cls + c];
          guint32 via_fail = trie[(gsize) f * n_cls + c];

          if (*slot == SEISMO_AC_NONE)
            *slot = via_fail;
          else
            {
              fail[*slot] = via_fail;
              queue[tail++] = *slot;
            }
        }
    }
}

/* Renumbers states so those with output come last, and stores rows as
 * offsets. */
static void
flatten (SeismoAc      *ac,
         const guint32 *trie,
         const guint32 *out,
         const guint32 *dict)
{
  g_autofree guint32 *perm = g_new (guint32, ac->n_states);
  guint n_cls = ac->n_cls;
  guint plain = 0, k;

  for (guint s = 0; s < ac->n_states; s++)
    if (out[s] == SEISMO_AC_NONE && dict[s] == SEISMO_AC_NONE)
      perm[s] = plain++;
  k = plain;
  for (guint s = 0; s < ac->n_states; s++)
    if (out[s] != SEISMO_AC_NONE || dict[s] != SEISMO_AC_NONE)
      perm[s] = k++;
  g_assert (perm[0] == 0);

  ac->delta = g_new (guint32, (gsize) ac->n_states * n_cls);
  ac->out = g_new (guint32, ac->n_states);
  ac->dict = g_new (guint32, ac->n_states);
  for (guint s = 0; s < ac->n_states; s++)
    {
      guint32 *row = &ac->delta[(gsize) perm[s] * n_cls];

      for (guint c = 0; c < n_cls; c++)
        row[c] = perm[trie[(gsize) s * n_cls + c]] * n_cls;
      ac->out[perm[s]] = out[s];
      ac->dict[perm[s]] = dict[s] == SEISMO_AC_NONE ? SEISMO_AC_NONE : perm[dict[s]] * n_cls;
    }
  ac->first_out = plain * n_cls;
}

SeismoAc *
_seismo_ac_build (const char * const *patterns,
                  guint               n_patterns,
                  GError            **error)
{
  g_autoptr(SeismoAc) ac = g_new0 (SeismoAc, 1);
  g_autofree guint32 *trie = NULL;
  g_autofree guint32 *out = NULL;
  g_autofree guint32 *dict = NULL;
  guint64 total_len, max_states;

  ac->n_patterns = n_patterns;
  ac->n_cls = assign_classes (ac, patterns, n_patterns, &total_len);
  max_states = total_len + 1;
  if (max_states * ac->n_cls * sizeof (guint32) > MAX_TABLE_BYTES)
    {
      g_set_error (error, SEISMO_MATCHER_ERROR, SEISMO_MATCHER_ERROR_TOO_LARGE,
                   "%u patterns need %" G_GUINT64_FORMAT " states: more than the matcher holds",
                   n_patterns, max_states);
      return NULL;
    }

  trie = g_new (guint32, max_states * ac->n_cls);
  memset (trie, 0xff, max_states * ac->n_cls * sizeof (guint32));
  out = g_new (guint32, max_states);
  memset (out, 0xff, max_states * sizeof (guint32));
  ac->next = g_new (guint32, MAX (n_patterns, 1));

  ac->n_states = build_trie (ac, patterns, trie, out);
  dict = g_new (guint32, ac->n_states);
  memset (dict, 0xff, ac->n_states * sizeof (guint32));
  link_failures (ac, trie, out, dict);
  flatten (ac, trie, out, dict);

  return g_steal_pointer (&ac);
}
