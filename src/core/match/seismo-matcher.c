/* seismo-matcher.c — which companies a title and summary talk about
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "seismo-ac-private.h"
#include "seismo-matcher.h"
#include "seismo-text-private.h"

/* Every fetched item is matched against every alias, so the matcher makes
 * one pass over the text: it folds case and collapses separators ("GPT-4o",
 * "GPT 4o" and "GPT\u00a04o" all become "gpt 4o") while feeding an
 * Aho–Corasick DFA built from the aliases normalised the same way. The
 * rare raw hits are then checked: whole word (Unicode-aware), exact case
 * for "cs" aliases, not inside a company's "exclude" phrase, and for weak
 * aliases a strong alias or context word of the same company nearby. */

G_DEFINE_QUARK (seismo-matcher-error-quark, seismo_matcher_error)

#define WEAK_WINDOW_CHARS 200
#define MAX_VARIANTS      8
#define FIELD_BIT         0x80000000u
#define MAX_FIELD_BYTES   0x3fffffffu
#define SEP               ' '
#define STACK_WORDS       1536 /* 6 KiB: room for ~1000 bytes of title and summary */

typedef enum
{
  KIND_STRONG,
  KIND_WEAK,
  KIND_CONTEXT,
  KIND_EXCLUDE,
} AliasKind;

static const struct
{
  const char *name;
  AliasKind   kind;
  gboolean    cs;
} modes[] = {
  { "ci", KIND_STRONG, FALSE },
  { "cs", KIND_STRONG, TRUE },
  { "weak-ci", KIND_WEAK, FALSE },
  { "weak-cs", KIND_WEAK, TRUE },
  { "context", KIND_CONTEXT, FALSE },
  { "exclude", KIND_EXCLUDE, FALSE },
};

typedef struct
{
  gint64      company_id;
  char       *text;
  const char *mode;
  AliasKind   kind;
  gboolean    cs;
} Alias;

typedef struct
{
  guint    alias;
  guint    len;        /* bytes of the normalised form */
  char    *folded;     /* what the automaton matches */
  char    *exact;      /* normalised but not folded: what "cs" compares */
  gboolean need_left;  /* first / last character is a word character of a */
  gboolean need_right; /* spaced script, so the text must break there */
} Pattern;

struct _SeismoMatcher
{
  GArray   *aliases;   /* Alias */
  GArray   *patterns;  /* Pattern */
  SeismoAc *ac;
  guint8    ascii[128]; /* folded ASCII byte, or 0 for a separator */
};

/* A hit in normalised-stream offsets. */
typedef struct
{
  guint    alias;
  guint    start;
  guint    end;
  gboolean keep;
} Hit;

/* Per-call scratch: the normalised stream and the hits found in it. */
typedef struct
{
  guint8  *fold;
  guint8  *exact;
  guint32 *map;   /* per byte: offset of its character in the field, | FIELD_BIT in the summary */
  gsize    n;
  gboolean in_sep;
  guint32  row;
  GArray  *raw;   /* Hit, pattern ids in .alias until resolved */
  guint8  *heap;
} Scan;

G_DEFINE_BOXED_TYPE (SeismoMatcher, seismo_matcher, seismo_matcher_ref, seismo_matcher_unref)

static void
alias_clear (gpointer data)
{
  Alias *a = data;

  g_free (a->text);
}

static void
pattern_clear (gpointer data)
{
  Pattern *p = data;

  g_free (p->folded);
  g_free (p->exact);
}

static void
matcher_finalize (gpointer data)
{
  SeismoMatcher *self = data;

  g_clear_pointer (&self->aliases, g_array_unref);
  g_clear_pointer (&self->patterns, g_array_unref);
  g_clear_pointer (&self->ac, _seismo_ac_free);
}

/* "Italy’s" and "Italy's" must compare equal; both streams get the ASCII
 * form, which keeps them aligned with each other (the map keeps the
 * original offsets). */
static inline gboolean
is_apostrophe (gunichar c)
{
  return c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0xFF07;
}

/* Normalising an alias: fold (or not) and collapse separators, exactly as
 * the scan does, so both sides produce the same bytes. */
static void
normalize_alias (const char *text,
                 GString    *folded,
                 GString    *exact)
{
  const guint8 *s = (const guint8 *) text;
  gsize len = strlen (text), i = 0;

  while (i < len)
    {
      gunichar c, f;
      gsize used = _seismo_utf8_decode (s + i, len - i, &c);
      char buf[6];

      if (_seismo_unichar_is_separator (c))
        {
          if (folded->len > 0 && folded->str[folded->len - 1] != SEP)
            {
              g_string_append_c (folded, SEP);
              g_string_append_c (exact, SEP);
            }
          i += used;
          continue;
        }
      f = _seismo_unichar_fold (c);
      if (is_apostrophe (c))
        {
          g_string_append_c (folded, '\'');
          g_string_append_c (exact, '\'');
        }
      else if (c == 0xFFFD && used == 1)
        {
          g_string_append_c (folded, '?');
          g_string_append_c (exact, '?');
        }
      else
        {
          g_string_append_len (folded, buf, g_unichar_to_utf8 (f, buf));
          g_string_append_len (exact, (const char *) s + i, used);
        }
      i += used;
    }
  if (folded->len > 0 && folded->str[folded->len - 1] == SEP)
    {
      g_string_truncate (folded, folded->len - 1);
      g_string_truncate (exact, exact->len - 1);
    }
}

static gboolean
is_version_token (const char *tok,
                  gsize       len)
{
  gsize letters = 0;
  gboolean digit = FALSE;

  for (gsize i = 0; i < len; i++)
    if (g_ascii_isdigit (tok[i]))
      digit = TRUE;
  while (letters < len && g_ascii_isalpha (tok[letters]))
    letters++;
  return digit && letters <= 2;
}

/* Where the spelling of a versioned name may vary: a join is a separator
 * before a version ("DeepSeek R1" ~ "DeepSeekR1"), a split is a letter run
 * of three or more running into digits ("Qwen2.5" ~ "Qwen 2.5"). Returns
 * byte positions in the folded alias; a split is marked by a negative
 * value (position of the first digit, negated, minus one). */
static GArray *
flex_points (const char *folded)
{
  GArray *points = g_array_new (FALSE, FALSE, sizeof (gssize));
  gsize len = strlen (folded), tok = 0;

  for (gsize i = 0; i <= len; i++)
    {
      if (i < len && folded[i] != SEP)
        continue;
      /* token is [tok, i) */
      if (tok > 0 && g_ascii_isalpha (folded[tok - 2]) && is_version_token (folded + tok, i - tok))
        {
          gssize at = (gssize) tok - 1;
          g_array_append_val (points, at);
        }
      {
        gsize run = 0;
        while (tok + run < i && g_ascii_isalpha (folded[tok + run]))
          run++;
        if (run >= 3 && tok + run < i && g_ascii_isdigit (folded[tok + run]))
          {
            gssize at = -(gssize) (tok + run) - 1;
            g_array_append_val (points, at);
          }
      }
      tok = i + 1;
    }
  return points;
}

/* Rewrites one spelling: drops the separator at each chosen join and
 * inserts one at each chosen split. */
static char *
apply_variant (const char   *s,
               const GArray *points,
               guint         mask)
{
  GString *out = g_string_new (NULL);
  gsize len = strlen (s);

  for (gsize i = 0; i < len; i++)
    {
      gboolean skip = FALSE;

      for (guint k = 0; k < points->len; k++)
        {
          gssize at = g_array_index (points, gssize, k);

          if (!(mask & (1u << k)))
            continue;
          if (at >= 0 && (gsize) at == i)
            skip = TRUE;
          else if (at < 0 && (gsize) (-at - 1) == i)
            g_string_append_c (out, SEP);
        }
      if (!skip)
        g_string_append_c (out, s[i]);
    }
  return g_string_free (out, FALSE);
}

static gboolean
edge_needs_boundary (const char *s,
                     gboolean    last)
{
  gunichar c;

  if (last)
    c = g_utf8_get_char (g_utf8_find_prev_char (s, s + strlen (s)));
  else
    c = g_utf8_get_char (s);
  return _seismo_unichar_is_word (c) && !_seismo_unichar_is_unspaced (c);
}

static void
add_patterns (SeismoMatcher *self,
              guint          alias_index,
              const char    *folded,
              const char    *exact)
{
  g_autoptr(GArray) points = flex_points (folded);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  guint n_points = MIN (points->len, 3);

  for (guint mask = 0; mask < (1u << n_points) && seen->len < MAX_VARIANTS; mask++)
    {
      g_autofree char *f = apply_variant (folded, points, mask);
      Pattern p = { 0 };
      gboolean dup = FALSE;

      for (guint k = 0; k < seen->len && !dup; k++)
        dup = strcmp (seen->pdata[k], f) == 0;
      if (dup)
        continue;

      p.alias = alias_index;
      p.exact = apply_variant (exact, points, mask);
      p.len = strlen (f);
      p.need_left = edge_needs_boundary (f, FALSE);
      p.need_right = edge_needs_boundary (f, TRUE);
      p.folded = g_steal_pointer (&f);
      g_ptr_array_add (seen, g_strdup (p.folded));
      g_array_append_val (self->patterns, p);
    }
}

/* ---- scanning ---------------------------------------------------------- */

static void
record_hits (const SeismoAc *ac,
             GArray         *raw,
             guint32         row,
             gsize           end)
{
  for (guint32 s = row; s != SEISMO_AC_NONE; s = ac->dict[s / ac->n_cls])
    for (guint32 p = ac->out[s / ac->n_cls]; p != SEISMO_AC_NONE; p = ac->next[p])
      {
        Hit h = { p, 0, (guint) end, TRUE };

        g_array_append_val (raw, h);
      }
}

/* The hot loop. It works on locals rather than through @sc: the byte
 * stores could alias anything reached through a pointer, which would make
 * the compiler reload every field on every byte. */
static void
scan_field (const SeismoMatcher *self,
            Scan                *sc,
            const char          *text,
            gsize                len,
            guint32              field_bit)
{
  const SeismoAc *ac = self->ac;
  const guint32 *delta = ac->delta;
  const guint8 *cls = ac->cls;
  const guint8 *ascii = self->ascii;
  const guint32 first_out = ac->first_out;
  const guint8 *s = (const guint8 *) text;
  guint8 *fold = sc->fold, *exact = sc->exact;
  guint32 *map = sc->map;
  gsize n = sc->n, i = 0;
  guint32 row = sc->row;
  gboolean in_sep = sc->in_sep;

#define EMIT(f, x, where)                                      \
  G_STMT_START {                                               \
    fold[n] = (f);                                             \
    exact[n] = (x);                                            \
    map[n] = (where);                                          \
    row = delta[row + cls[fold[n]]];                           \
    n++;                                                       \
    if (G_UNLIKELY (row >= first_out))                         \
      record_hits (ac, sc->raw, row, n);                       \
  } G_STMT_END

/* separators collapse to one; a line break is kept in the exact stream
 * (as '\n') so that sentence checks can see it */
#define EMIT_SEPARATOR(line_break, where)                      \
  G_STMT_START {                                               \
    if (!in_sep)                                               \
      {                                                        \
        in_sep = TRUE;                                         \
        EMIT (SEP, (line_break) ? '\n' : SEP, (where));        \
      }                                                        \
    else if (line_break)                                       \
      exact[n - 1] = '\n';                                     \
  } G_STMT_END

  while (i < len)
    {
      guint8 b = s[i];
      gunichar c, f;
      gsize used, flen;
      char buf[6];

      if (b < 0x80)
        {
          guint8 fb = ascii[b];

          if (fb == 0)
            EMIT_SEPARATOR (b == '\n' || b == '\r', (guint32) i | field_bit);
          else
            {
              in_sep = FALSE;
              EMIT (fb, b, (guint32) i | field_bit);
            }
          i++;
          continue;
        }

      used = _seismo_utf8_decode (s + i, len - i, &c);
      if (_seismo_unichar_is_separator (c))
        {
          EMIT_SEPARATOR (c == 0x2028 || c == 0x2029, (guint32) i | field_bit);
          i += used;
          continue;
        }
      in_sep = FALSE;
      if (is_apostrophe (c))
        {
          EMIT ('\'', '\'', (guint32) i | field_bit);
          i += used;
          continue;
        }
      f = _seismo_unichar_fold (c);
      flen = g_unichar_to_utf8 (f, buf);
      for (gsize k = 0; k < used; k++)
        EMIT (flen == used ? (guint8) buf[k] : '?', flen == used ? s[i + k] : '?',
              (guint32) i | field_bit);
      i += used;
    }

#undef EMIT_SEPARATOR
#undef EMIT

  sc->n = n;
  sc->row = row;
  sc->in_sep = in_sep;
}

/* The title ends a sentence and must not run into the summary. */
static void
scan_break (const SeismoMatcher *self,
            Scan                *sc,
            guint32              where)
{
  /* scanned as a one-byte field whose offset bits are @where */
  scan_field (self, sc, "\n", 1, where);
}

/* ---- checking hits ----------------------------------------------------- */

static gunichar
char_before (const guint8 *buf,
             gsize         pos,
             gsize        *char_start)
{
  gsize i = pos - 1;
  gunichar c;

  while (i > 0 && (buf[i] & 0xC0) == 0x80)
    i--;
  _seismo_utf8_decode (buf + i, pos - i, &c);
  *char_start = i;
  return c;
}

static gboolean
is_spaced_word (gunichar c)
{
  return _seismo_unichar_is_word (c) && !_seismo_unichar_is_unspaced (c);
}

/* Whole words only; a dot glued to a word also continues it, so "Llama"
 * does not match in "llama.cpp", nor "OpenAI" in "openai.com". */
static gboolean
at_boundaries (const Scan    *sc,
               const Pattern *p,
               gsize          start,
               gsize          end)
{
  gunichar c;
  gsize at;

  if (p->need_left && start > 0)
    {
      c = char_before (sc->fold, start, &at);
      if (is_spaced_word (c))
        return FALSE;
      if (c == '.' && at > 0 && is_spaced_word (char_before (sc->fold, at, &at)))
        return FALSE;
    }
  if (p->need_right && end < sc->n)
    {
      gsize used = _seismo_utf8_decode (sc->fold + end, sc->n - end, &c);

      if (is_spaced_word (c))
        return FALSE;
      if (c == '.' && end + used < sc->n)
        {
          _seismo_utf8_decode (sc->fold + end + used, sc->n - end - used, &c);
          if (is_spaced_word (c))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
same_sentence (const Scan *sc,
               gsize       from,
               gsize       to)
{
  for (gsize i = from; i < to; i++)
    {
      guint8 b = sc->exact[i];

      if (b == '\n')
        return FALSE;
      if ((b == '.' || b == '!' || b == '?') && i + 1 < sc->n && sc->exact[i + 1] == SEP)
        return FALSE;
      /* 。！？ */
      if (i + 2 < to && ((b == 0xE3 && sc->exact[i + 1] == 0x80 && sc->exact[i + 2] == 0x82) ||
                         (b == 0xEF && sc->exact[i + 1] == 0xBC &&
                          (sc->exact[i + 2] == 0x81 || sc->exact[i + 2] == 0x9F))))
        return FALSE;
    }
  return TRUE;
}

static gboolean
near (const Scan *sc,
      const Hit  *a,
      const Hit  *b)
{
  gsize from, to, chars = 0;

  if (a->end <= b->start)
    from = a->end, to = b->start;
  else if (b->end <= a->start)
    from = b->end, to = a->start;
  else
    return TRUE;

  for (gsize i = from; i < to; i++)
    if ((sc->fold[i] & 0xC0) != 0x80)
      chars++;
  return chars <= WEAK_WINDOW_CHARS || same_sentence (sc, from, to);
}

static const Alias *
hit_alias (const SeismoMatcher *self,
           const Hit           *h)
{
  return &g_array_index (self->aliases, Alias, h->alias);
}

/* Turns raw automaton hits into accepted ones, in place. */
static void
resolve_hits (const SeismoMatcher *self,
              Scan                *sc)
{
  GArray *hits = sc->raw;
  guint n = 0;

  for (guint i = 0; i < hits->len; i++)
    {
      Hit h = g_array_index (hits, Hit, i);
      const Pattern *p = &g_array_index (self->patterns, Pattern, h.alias);
      const Alias *a = &g_array_index (self->aliases, Alias, p->alias);

      h.start = h.end - p->len;
      if (!at_boundaries (sc, p, h.start, h.end))
        continue;
      if (a->cs && memcmp (sc->exact + h.start, p->exact, p->len) != 0)
        continue;
      h.alias = p->alias;
      g_array_index (hits, Hit, n++) = h;
    }
  g_array_set_size (hits, n);

  /* an exclude phrase hides its own company's aliases inside it */
  for (guint i = 0; i < hits->len; i++)
    {
      const Hit *x = &g_array_index (hits, Hit, i);
      const Alias *xa = hit_alias (self, x);

      if (xa->kind != KIND_EXCLUDE)
        continue;
      for (guint j = 0; j < hits->len; j++)
        {
          Hit *h = &g_array_index (hits, Hit, j);
          const Alias *ha = hit_alias (self, h);

          if (ha->kind != KIND_EXCLUDE && ha->company_id == xa->company_id &&
              h->start >= x->start && h->end <= x->end)
            h->keep = FALSE;
        }
    }

  for (guint i = 0; i < hits->len; i++)
    {
      Hit *w = &g_array_index (hits, Hit, i);
      const Alias *wa = hit_alias (self, w);
      gboolean supported = FALSE;

      if (!w->keep || wa->kind != KIND_WEAK)
        continue;
      for (guint j = 0; j < hits->len && !supported; j++)
        {
          const Hit *s = &g_array_index (hits, Hit, j);
          const Alias *sa = hit_alias (self, s);

          supported = s->keep && sa->company_id == wa->company_id &&
                      (sa->kind == KIND_STRONG || sa->kind == KIND_CONTEXT) && near (sc, w, s);
        }
      w->keep = supported;
    }
}

static gsize
clamp_len (const char *s)
{
  return s != NULL ? MIN (strlen (s), MAX_FIELD_BYTES) : 0;
}

/* Runs the scan and the checks; the caller frees with scan_clear(). Short
 * texts (nearly all) use @stack, sparing a malloc per item. */
static void
run (const SeismoMatcher *self,
     Scan                *sc,
     guint8              *stack,
     gsize                stack_size,
     const char          *title,
     const char          *summary)
{
  gsize tlen = clamp_len (title), slen = clamp_len (summary);
  /* rounded so the offset map after the two byte streams is aligned */
  gsize cap = (tlen + slen + 2 + 3) & ~(gsize) 3;
  gsize need = cap * 2 + cap * sizeof (guint32);

  sc->heap = need > stack_size ? g_malloc (need) : NULL;
  sc->fold = sc->heap != NULL ? sc->heap : stack;
  sc->exact = sc->fold + cap;
  sc->map = (guint32 *) (gpointer) (sc->exact + cap);
  sc->raw = g_array_sized_new (FALSE, FALSE, sizeof (Hit), 16);

  scan_field (self, sc, title, tlen, 0);
  scan_break (self, sc, (guint32) tlen);
  scan_field (self, sc, summary, slen, FIELD_BIT);
  resolve_hits (self, sc);
}

static void
scan_clear (Scan *sc)
{
  g_free (sc->heap);
  g_clear_pointer (&sc->raw, g_array_unref);
}

static guint
original_end (const Scan *sc,
              const char *title,
              const char *summary,
              gsize       last_byte)
{
  guint32 where = sc->map[last_byte];
  const char *text = (where & FIELD_BIT) ? summary : title;
  guint32 off = where & ~FIELD_BIT;
  gunichar c;

  return off + _seismo_utf8_decode ((const guint8 *) text + off, clamp_len (text) - off, &c);
}

static int
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const SeismoMatch *ma = a, *mb = b;

  if (ma->field != mb->field)
    return ma->field < mb->field ? -1 : 1;
  if (ma->start != mb->start)
    return ma->start < mb->start ? -1 : 1;
  return ma->end < mb->end ? 1 : (ma->end > mb->end ? -1 : 0);
}

/* ---- public API -------------------------------------------------------- */

SeismoMatcher *
seismo_matcher_new (void)
{
  SeismoMatcher *self = g_atomic_rc_box_new0 (SeismoMatcher);

  self->aliases = g_array_new (FALSE, FALSE, sizeof (Alias));
  g_array_set_clear_func (self->aliases, alias_clear);
  self->patterns = g_array_new (FALSE, FALSE, sizeof (Pattern));
  g_array_set_clear_func (self->patterns, pattern_clear);
  for (guint b = 0; b < 128; b++)
    self->ascii[b] = _seismo_unichar_is_separator (b) ? 0 : (guint8) _seismo_unichar_fold (b);
  /* NUL never appears inside a C string; keep it a non-separator */
  self->ascii[0] = '?';
  return self;
}

SeismoMatcher *
seismo_matcher_ref (SeismoMatcher *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
seismo_matcher_unref (SeismoMatcher *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, matcher_finalize);
}

gboolean
seismo_matcher_mode_is_valid (const char *mode)
{
  if (mode == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    if (strcmp (mode, modes[i].name) == 0)
      return TRUE;
  return FALSE;
}

/**
 * seismo_matcher_add:
 * @mode: one of "ci", "cs", "weak-ci", "weak-cs", "context", "exclude"
 *
 * Adds one alias of @company_id. Aliases come from the user's database, so
 * a bad one is an error to report, not a programming error.
 */
gboolean
seismo_matcher_add (SeismoMatcher  *self,
                    gint64          company_id,
                    const char     *text,
                    const char     *mode,
                    GError        **error)
{
  g_autoptr(GString) folded = g_string_new (NULL);
  g_autoptr(GString) exact = g_string_new (NULL);
  Alias alias = { 0 };
  guint i;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->ac != NULL)
    {
      g_set_error_literal (error, SEISMO_MATCHER_ERROR, SEISMO_MATCHER_ERROR_COMPILED,
                           "The matcher is already compiled");
      return FALSE;
    }
  for (i = 0; mode != NULL && i < G_N_ELEMENTS (modes); i++)
    if (strcmp (mode, modes[i].name) == 0)
      break;
  if (mode == NULL || i == G_N_ELEMENTS (modes))
    {
      g_set_error (error, SEISMO_MATCHER_ERROR, SEISMO_MATCHER_ERROR_INVALID_ALIAS,
                   "Unknown alias mode “%s”", mode != NULL ? mode : "(null)");
      return FALSE;
    }
  if (text != NULL)
    normalize_alias (text, folded, exact);
  if (folded->len == 0)
    {
      g_set_error (error, SEISMO_MATCHER_ERROR, SEISMO_MATCHER_ERROR_INVALID_ALIAS,
                   "Alias “%s” is empty", text != NULL ? text : "(null)");
      return FALSE;
    }

  alias.company_id = company_id;
  alias.text = g_strdup (text);
  alias.mode = modes[i].name;
  alias.kind = modes[i].kind;
  alias.cs = modes[i].cs;
  g_array_append_val (self->aliases, alias);
  add_patterns (self, self->aliases->len - 1, folded->str, exact->str);
  return TRUE;
}

gboolean
seismo_matcher_compile (SeismoMatcher  *self,
                        GError        **error)
{
  g_autofree const char **folded = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->ac != NULL)
    return TRUE;
  folded = g_new (const char *, self->patterns->len + 1);
  for (guint i = 0; i < self->patterns->len; i++)
    folded[i] = g_array_index (self->patterns, Pattern, i).folded;
  self->ac = _seismo_ac_build (folded, self->patterns->len, error);
  return self->ac != NULL;
}

guint
seismo_matcher_get_n_aliases (SeismoMatcher *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->aliases->len;
}

guint
seismo_matcher_get_n_patterns (SeismoMatcher *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->patterns->len;
}

/**
 * seismo_matcher_match:
 *
 * Returns: (transfer full): the distinct company ids (gint64) found in
 * @title and @summary, in order of first mention. Thread-safe once
 * compiled: the matcher is read-only while matching.
 */
GArray *
seismo_matcher_match (SeismoMatcher *self,
                      const char    *title,
                      const char    *summary)
{
  guint32 stack[STACK_WORDS];
  GArray *ids;
  Scan sc = { 0 };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->ac != NULL, NULL);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  run (self, &sc, (guint8 *) stack, sizeof stack, title, summary);
  for (guint i = 0; i < sc.raw->len; i++)
    {
      const Hit *h = &g_array_index (sc.raw, Hit, i);
      const Alias *a = hit_alias (self, h);
      gboolean dup = FALSE;

      if (!h->keep || a->kind == KIND_CONTEXT || a->kind == KIND_EXCLUDE)
        continue;
      for (guint k = 0; k < ids->len && !dup; k++)
        dup = g_array_index (ids, gint64, k) == a->company_id;
      if (!dup)
        g_array_append_val (ids, a->company_id);
    }
  scan_clear (&sc);
  return ids;
}

/**
 * seismo_matcher_match_full:
 *
 * Returns: (transfer full): every accepted alias occurrence as
 * #SeismoMatch, ordered by field and position. The alias strings belong to
 * the matcher.
 */
GArray *
seismo_matcher_match_full (SeismoMatcher *self,
                           const char    *title,
                           const char    *summary)
{
  guint32 stack[STACK_WORDS];
  GArray *matches;
  Scan sc = { 0 };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->ac != NULL, NULL);

  matches = g_array_new (FALSE, FALSE, sizeof (SeismoMatch));
  run (self, &sc, (guint8 *) stack, sizeof stack, title, summary);
  for (guint i = 0; i < sc.raw->len; i++)
    {
      const Hit *h = &g_array_index (sc.raw, Hit, i);
      const Alias *a = hit_alias (self, h);
      guint32 where = sc.map[h->start];
      SeismoMatch m;

      if (!h->keep || a->kind == KIND_CONTEXT || a->kind == KIND_EXCLUDE)
        continue;
      m.company_id = a->company_id;
      m.alias = a->text;
      m.mode = a->mode;
      m.field = (where & FIELD_BIT) ? SEISMO_MATCH_FIELD_SUMMARY : SEISMO_MATCH_FIELD_TITLE;
      m.start = where & ~FIELD_BIT;
      m.end = original_end (&sc, title, summary, h->end - 1);
      g_array_append_val (matches, m);
    }
  g_array_sort (matches, compare_matches);
  scan_clear (&sc);
  return matches;
}
