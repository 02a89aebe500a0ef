/* seismo-tagger.c — rule-based auto-tagging of an item's title and summary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "seismo-tagger.h"

/* The tagger applies the tag rules of data/starter/tags.json (or the user's)
 * to every item a refresh brings in, as tag-rules.md describes: per tag, its
 * NOT rules first blank out the text they match, then every positive rule that
 * matches a field scores once for that field (title 3, summary 1, weak rules
 * always 1), on top of an optional prior. Tags scoring at least 2 are kept,
 * best first, ties in the order the tags were first added, at most 3.
 *
 * Running ~130 GRegexes over every field would cost ~20 µs an item, so each
 * rule also gets up to three sets of literal strings, read off its pattern,
 * such that any text it matches holds a string of each set (none when the
 * pattern is beyond the simple reader below; the rule then always runs). One
 * Aho–Corasick pass over a field tells which rules can match at all, and
 * only those run their GRegex. A caseless rule that is nothing but a list of
 * literals ("\b(app|feature)\b") needs no regex at all once the pass has
 * found one with certain word edges. The prefilter never changes a result;
 * seismo_tagger_set_prefilter() turns it off so that tests can check that.
 *
 * Text is normalised before matching: invalid UTF-8 repaired, runs of
 * white space (including no-break spaces) collapsed to one space and
 * trimmed. GRegex compiles with PCRE2_UCP, so \b and \w are Unicode-aware.
 */

#define LIT_MARK      '\001' /* a \b inside a literal string */
#define LIT_START     '\002' /* a ^ inside a literal string */
#define LITS_MAX      128    /* largest literal set kept exact */
#define CLAUSES_MAX   3      /* literal sets kept per pattern part */
#define CLASS_MAX     12     /* largest character class kept as literals */
#define KEY_MAX       255    /* longest literal fed to the automaton */
#define DEPTH_MAX     64
#define AC_OUTPUT     0x80000000u
#define LIT_LEFT      (1 << 0)
#define LIT_RIGHT     (1 << 1)
#define LIT_AT_START  (1 << 2)
#define LIT_SURE      (1 << 3) /* the rule is exactly this set of literals */

/* Neighbours that stop a keyword at a word edge: letters and digits of
 * scripts written with spaces. Chinese or Japanese text around a Latin
 * keyword ("发布AI模型") is no obstacle, nor is it around a Chinese one. */
#define KEYWORD_WORD_CHAR \
  "[^\\P{L}\\p{Han}\\p{Hiragana}\\p{Katakana}\\p{Thai}\\p{Lao}\\p{Khmer}\\p{Myanmar}]|[\\p{N}\\p{M}_]"

typedef struct
{
  guint      tag;       /* index into tags */
  GRegex    *regex;
  GPtrArray *clauses;   /* string sets (see extract_clauses); NULL: always run */
  gboolean   exact;     /* clauses[0] is the pattern's whole language */
  guint      weak : 1;
  guint      negative : 1;
} Rule;

typedef struct
{
  char   *name;
  GArray *positive;     /* guint rule indices */
  GArray *negative;
} Tag;

typedef struct
{
  guint32 clause;
  guint16 len;
  guint16 flags;
} AcOutput;

typedef struct
{
  guint     n_rules;
  guint     n_words;         /* guint64 words in a rule bitset */
  guint     n_clause_words;  /* … and in a clause bitset */
  guint     n_classes;
  guint8    classes[256];
  guint32  *delta;           /* [row + class] = next row, | AC_OUTPUT if it has outputs */
  guint32  *out_start;       /* per state, n_states + 1 entries */
  AcOutput *outputs;
  guint32  *rule_clauses;    /* per rule, n_rules + 1 entries: its clause ids */
  guint32  *clause_rule;     /* the rule of each clause */
  guint64  *always;          /* rules without clauses */
} Prefilter;

typedef struct
{
  char    *text;
  gsize    len;
  guint64 *candidates;  /* rules that may match; NULL: all */
  guint64 *sure;        /* rules that do match, known without their regex */
} Field;

struct _SeismoTagger
{
  GObject     parent_instance;

  GPtrArray  *rules;      /* Rule * */
  GPtrArray  *tags;       /* Tag * */
  GHashTable *tag_index;  /* name → index + 1 */

  GMutex      lock;       /* guards prefilter */
  Prefilter  *prefilter;
  gboolean    prefilter_built;
  gboolean    use_prefilter;
};

G_DEFINE_FINAL_TYPE (SeismoTagger, seismo_tagger, G_TYPE_OBJECT)

G_DEFINE_QUARK (seismo-tagger-error-quark, seismo_tagger_error)

static void
rule_free (Rule *rule)
{
  g_clear_pointer (&rule->regex, g_regex_unref);
  g_clear_pointer (&rule->clauses, g_ptr_array_unref);
  g_free (rule);
}

static void
tag_free (Tag *tag)
{
  g_free (tag->name);
  g_array_unref (tag->positive);
  g_array_unref (tag->negative);
  g_free (tag);
}

static void
prefilter_free (Prefilter *pf)
{
  if (pf == NULL)
    return;
  g_free (pf->delta);
  g_free (pf->out_start);
  g_free (pf->outputs);
  g_free (pf->rule_clauses);
  g_free (pf->clause_rule);
  g_free (pf->always);
  g_free (pf);
}

/* Text normalisation */

static char *
normalize_text (const char *in,
                gsize      *out_len)
{
  g_autofree char *repaired = NULL;
  gsize len = in != NULL ? strlen (in) : 0;
  gboolean pending_space = FALSE;
  char *out;
  gsize o = 0;

  if (len > 0 && !g_utf8_validate_len (in, len, NULL))
    {
      repaired = g_utf8_make_valid (in, len);
      in = repaired;
      len = strlen (in);
    }

  out = g_malloc (len + 1);
  for (gsize i = 0; i < len;)
    {
      guchar c = in[i];
      gunichar ch = c;
      gsize n = 1;

      if (c >= 0x80)
        {
          ch = g_utf8_get_char (in + i);
          n = g_utf8_skip[c];
        }
      if (ch == ' ' || (ch < 0x80 && g_ascii_isspace (ch)) || (ch >= 0x80 && g_unichar_isspace (ch)))
        {
          pending_space = TRUE;
          i += n;
          continue;
        }
      if (pending_space && o > 0)
        out[o++] = ' ';
      pending_space = FALSE;
      /* PCRE2 folds KELVIN SIGN to k and LONG S to s; the literal prefilter
       * works on ASCII case only, so give it the letters themselves. */
      if (ch == 0x212A)
        out[o++] = 'K';
      else if (ch == 0x017F)
        out[o++] = 's';
      else
        {
          memcpy (out + o, in + i, n);
          o += n;
        }
      i += n;
    }
  out[o] = '\0';
  *out_len = o;
  return out;
}

/* Literal analysis.
 *
 * For every part of a pattern we work out what its matches contain: the
 * exact set of strings it can match when that set is small ("sues?" → {sue,
 * sues}), the strings every match starts with, and up to CLAUSES_MAX sets
 * ("clauses") such that every match contains a string of each. Letters are
 * lowered (the automaton folds ASCII case, which is conservative for
 * case-sensitive rules too), and a \b becomes LIT_MARK so that "\bmode\b"
 * need not fire on "model". Whatever this reader does not understand yields
 * no clause, which only means that the rule always runs its regex. */

typedef struct
{
  GPtrArray *exact;    /* every string the part can match, or NULL */
  GPtrArray *prefix;   /* every match starts with one of these, or NULL */
  GPtrArray *clauses;  /* of string sets: every match holds a string of each */
} Lits;

typedef struct
{
  const char *p;
  const char *end;
  guint       depth;
  gboolean    failed;
  gboolean    inexact;  /* saw what literals cannot express: lookarounds, $, (?i) … */
  GPtrArray  *pending;  /* clauses of the positive lookaround just read */
} LitParser;

static Lits parse_alternation (LitParser *lp);

static GPtrArray *
set_new1 (const char *s,
          gsize       len)
{
  GPtrArray *set = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (set, g_strndup (s, len));
  return set;
}

static GPtrArray *
set_dup (const GPtrArray *set)
{
  return g_ptr_array_copy ((GPtrArray *) set, (GCopyFunc) (void (*) (void)) g_strdup, NULL);
}

static gboolean
set_contains (const GPtrArray *set,
              const char      *s)
{
  for (guint i = 0; i < set->len; i++)
    if (strcmp (g_ptr_array_index (set, i), s) == 0)
      return TRUE;
  return FALSE;
}

static void
set_add (GPtrArray *set,
         char      *s)
{
  if (set_contains (set, s))
    g_free (s);
  else
    g_ptr_array_add (set, s);
}

static gboolean
set_equal (const GPtrArray *a,
           const GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!set_contains (b, g_ptr_array_index (a, i)))
      return FALSE;
  return TRUE;
}

/* Every string of @a followed by every string of @b; NULL if too many. */
static GPtrArray *
set_cross (const GPtrArray *a,
           const GPtrArray *b)
{
  GPtrArray *set;

  if (a->len * b->len > LITS_MAX)
    return NULL;
  set = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < a->len; i++)
    for (guint j = 0; j < b->len; j++)
      set_add (set, g_strconcat (g_ptr_array_index (a, i), g_ptr_array_index (b, j), NULL));
  return set;
}

/* Consumes both; NULL if @capped and the union is too large. */
static GPtrArray *
set_union (GPtrArray *a,
           GPtrArray *b,
           gboolean   capped)
{
  for (guint i = 0; i < b->len; i++)
    set_add (a, g_strdup (g_ptr_array_index (b, i)));
  g_ptr_array_unref (b);
  if (capped && a->len > LITS_MAX)
    g_clear_pointer (&a, g_ptr_array_unref);
  return a;
}

static gsize
lit_stripped_len (const char *s)
{
  gsize n = 0;

  for (; *s != '\0'; s++)
    n += *s != LIT_MARK && *s != LIT_START;
  return n;
}

/* Whether @set can serve as a clause: every string says something. */
static gboolean
set_is_clause (const GPtrArray *set)
{
  if (set == NULL || set->len == 0)
    return FALSE;
  for (guint i = 0; i < set->len; i++)
    if (lit_stripped_len (g_ptr_array_index (set, i)) == 0)
      return FALSE;
  return TRUE;
}

/* Longer shortest string first (boundaries count a little), then fewer strings. */
static int
set_quality (const GPtrArray *set)
{
  int shortest = G_MAXINT;

  for (guint i = 0; i < set->len; i++)
    {
      const char *s = g_ptr_array_index (set, i);
      gsize len = strlen (s);
      int q = 2 * (int) MIN (lit_stripped_len (s), 8);

      q += len > 0 && s[0] == LIT_MARK;
      q += len > 0 && s[len - 1] == LIT_MARK;
      shortest = MIN (shortest, q);
    }
  return shortest * 1024 - (int) MIN (set->len, 1023);
}

/* Adds @set (consumed) to *@clauses, keeping the CLAUSES_MAX best. */
static void
clauses_add (GPtrArray **clauses,
             GPtrArray  *set)
{
  guint worst = 0;

  if (!set_is_clause (set))
    {
      g_clear_pointer (&set, g_ptr_array_unref);
      return;
    }
  if (*clauses == NULL)
    *clauses = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < (*clauses)->len; i++)
    {
      if (set_equal (g_ptr_array_index (*clauses, i), set))
        {
          g_ptr_array_unref (set);
          return;
        }
    }
  g_ptr_array_add (*clauses, set);
  if ((*clauses)->len <= CLAUSES_MAX)
    return;
  for (guint i = 1; i < (*clauses)->len; i++)
    if (set_quality (g_ptr_array_index (*clauses, i)) <
        set_quality (g_ptr_array_index (*clauses, worst)))
      worst = i;
  g_ptr_array_remove_index (*clauses, worst);
}

static void
clauses_add_all (GPtrArray      **clauses,
                 const GPtrArray *from)
{
  for (guint i = 0; from != NULL && i < from->len; i++)
    clauses_add (clauses, set_dup (g_ptr_array_index (from, i)));
}

static Lits
lits_none (void)
{
  return (Lits) { NULL, NULL, NULL };
}

static Lits
lits_exact (const char *s,
            gsize       len)
{
  return (Lits) { set_new1 (s, len), NULL, NULL };
}

static void
lits_clear (Lits *l)
{
  g_clear_pointer (&l->exact, g_ptr_array_unref);
  g_clear_pointer (&l->prefix, g_ptr_array_unref);
  g_clear_pointer (&l->clauses, g_ptr_array_unref);
}

static const GPtrArray *
lits_prefix (const Lits *l)
{
  return l->exact != NULL ? l->exact : l->prefix;
}

/* A copy of the best single clause of @l, or NULL. */
static GPtrArray *
lits_best_clause (const Lits *l)
{
  const GPtrArray *best = NULL;
  const GPtrArray *candidates[2] = { l->exact, l->prefix };

  for (guint i = 0; i < 2; i++)
    if (set_is_clause (candidates[i]) &&
        (best == NULL || set_quality (candidates[i]) > set_quality (best)))
      best = candidates[i];
  for (guint i = 0; l->clauses != NULL && i < l->clauses->len; i++)
    if (best == NULL || set_quality (g_ptr_array_index (l->clauses, i)) > set_quality (best))
      best = g_ptr_array_index (l->clauses, i);
  return best != NULL ? set_dup (best) : NULL;
}

/* Copies of every clause of @l, its exact and prefix sets included. */
static GPtrArray *
lits_all_clauses (const Lits *l)
{
  GPtrArray *all = NULL;

  if (l->exact != NULL)
    clauses_add (&all, set_dup (l->exact));
  if (l->prefix != NULL)
    clauses_add (&all, set_dup (l->prefix));
  clauses_add_all (&all, l->clauses);
  return all != NULL ? all : g_ptr_array_new ();
}

/* a|b */
static Lits
lits_union (Lits a,
            Lits b)
{
  Lits l = lits_none ();
  g_autoptr(GPtrArray) ca = NULL;
  g_autoptr(GPtrArray) cb = NULL;

  if (a.exact != NULL && b.exact != NULL)
    {
      l.exact = set_union (set_dup (a.exact), set_dup (b.exact), TRUE);
      if (l.exact != NULL)
        goto out;
    }
  if (lits_prefix (&a) != NULL && lits_prefix (&b) != NULL)
    l.prefix = set_union (set_dup (lits_prefix (&a)), set_dup (lits_prefix (&b)), TRUE);
  /* a clause of each side, together, is a clause of the union */
  ca = lits_all_clauses (&a);
  cb = lits_all_clauses (&b);
  for (guint i = 0; i < ca->len; i++)
    for (guint j = 0; j < cb->len; j++)
      clauses_add (&l.clauses, set_union (set_dup (g_ptr_array_index (ca, i)),
                                          set_dup (g_ptr_array_index (cb, j)), FALSE));
out:
  lits_clear (&a);
  lits_clear (&b);
  return l;
}

static Lits
lits_repeat (Lits  l,
             guint min,
             guint max)
{
  if (min == 1 && max == 1)
    return l;
  if (min == 0)
    {
      if (max == 1 && l.exact != NULL && l.exact->len < LITS_MAX)
        {
          set_add (l.exact, g_strdup (""));
          g_clear_pointer (&l.prefix, g_ptr_array_unref);
          g_clear_pointer (&l.clauses, g_ptr_array_unref);
          return l;
        }
      lits_clear (&l);
      return l;
    }
  /* one or more copies: each starts with, and contains, one of them */
  if (l.exact != NULL)
    {
      clauses_add (&l.clauses, set_dup (l.exact));
      g_clear_pointer (&l.prefix, g_ptr_array_unref);
      l.prefix = g_steal_pointer (&l.exact);
    }
  return l;
}

/* The literal for one pattern character; none for letters with non-ASCII
 * case partners, which the ASCII-folding automaton could miss. */
static Lits
lits_for_char (gunichar ch)
{
  char buf[8];
  int n;

  if (ch == 0 || ch == (gunichar) LIT_MARK || ch == (gunichar) LIT_START)
    return lits_none ();
  if (ch < 0x80)
    {
      buf[0] = g_ascii_tolower ((char) ch);
      return lits_exact (buf, 1);
    }
  if (g_unichar_tolower (ch) != ch || g_unichar_toupper (ch) != ch || g_unichar_totitle (ch) != ch)
    return lits_none ();
  n = g_unichar_to_utf8 (ch, buf);
  return lits_exact (buf, n);
}

static gboolean
lp_next_char (LitParser *lp,
              gunichar  *ch)
{
  gunichar c;

  if (lp->p >= lp->end)
    return FALSE;
  c = g_utf8_get_char_validated (lp->p, lp->end - lp->p);
  if (c == (gunichar) -1 || c == (gunichar) -2)
    return FALSE;
  lp->p = g_utf8_next_char (lp->p);
  *ch = c;
  return TRUE;
}

static gboolean
lp_skip_past (LitParser *lp,
              char       c)
{
  const char *q = memchr (lp->p, c, lp->end - lp->p);

  if (q == NULL)
    return FALSE;
  lp->p = q + 1;
  return TRUE;
}

static Lits
lp_fail (LitParser *lp)
{
  lp->failed = TRUE;
  return lits_none ();
}

static gboolean
parse_quantifier (LitParser *lp,
                  guint     *min,
                  guint     *max)
{
  const char *p = lp->p;
  const char *end = lp->end;

  if (p >= end)
    return FALSE;
  if (*p == '?' || *p == '*' || *p == '+')
    {
      *min = *p == '+' ? 1 : 0;
      *max = *p == '?' ? 1 : G_MAXUINT;
      p++;
    }
  else if (*p == '{')
    {
      /* {n} {n,} {n,m}; anything else, "{,m}" included, is literal text in
       * PCRE2 10.42 */
      guint64 a = 0, b = 0;
      const char *q = p + 1;

      if (q >= end || !g_ascii_isdigit (*q))
        return FALSE;
      for (; q < end && g_ascii_isdigit (*q); q++)
        a = MIN (a * 10 + (guint) (*q - '0'), 65535);
      b = a;
      if (q < end && *q == ',')
        {
          q++;
          if (q < end && g_ascii_isdigit (*q))
            {
              b = 0;
              for (; q < end && g_ascii_isdigit (*q); q++)
                b = MIN (b * 10 + (guint) (*q - '0'), 65535);
            }
          else
            b = G_MAXUINT;
        }
      if (q >= end || *q != '}')
        return FALSE;
      *min = (guint) a;
      *max = (guint) b;
      p = q + 1;
    }
  else
    return FALSE;

  if (p < end && (*p == '?' || *p == '+'))
    p++;
  lp->p = p;
  return TRUE;
}

static Lits
parse_escape (LitParser *lp)
{
  char c;

  lp->p++;
  if (lp->p >= lp->end)
    return lp_fail (lp);
  if (!g_ascii_isalnum (*lp->p))
    {
      gunichar ch;

      if (!lp_next_char (lp, &ch))
        return lp_fail (lp);
      return lits_for_char (ch);
    }

  c = *lp->p++;
  switch (c)
    {
    case 'b':
      return lits_exact ((const char[]) { LIT_MARK }, 1);
    case 'B': case 'A': case 'z': case 'Z': case 'G': case 'K': case 'E':
      lp->inexact = TRUE;
      return lits_exact ("", 0);
    case 'd': case 'D': case 's': case 'S': case 'w': case 'W': case 'h': case 'H':
    case 'v': case 'V': case 'R': case 'X': case 'C': case 't': case 'n': case 'r':
    case 'f': case 'e': case 'a':
      return lits_none ();
    case 'p': case 'P':
      if (lp->p < lp->end && *lp->p == '{')
        return lp_skip_past (lp, '}') ? lits_none () : lp_fail (lp);
      if (lp->p >= lp->end)
        return lp_fail (lp);
      lp->p++;
      return lits_none ();
    default:
      return lp_fail (lp);
    }
}

/* Skips an escape inside a character class; FALSE if it was a class itself
 * (\d, \p{L}, …) or a code we do not decode (\x41). */
static gboolean
parse_class_escape (LitParser *lp,
                    gunichar  *ch)
{
  char c;

  lp->p++;
  if (lp->p >= lp->end)
    return FALSE;
  if (!g_ascii_isalnum (*lp->p))
    return lp_next_char (lp, ch);
  c = *lp->p++;
  if ((c == 'p' || c == 'P' || c == 'x' || c == 'o' || c == 'N') && lp->p < lp->end && *lp->p == '{')
    lp_skip_past (lp, '}');
  else if ((c == 'p' || c == 'P') && lp->p < lp->end)
    lp->p++;
  else if (c == 'x')
    for (int i = 0; i < 2 && lp->p < lp->end && g_ascii_isxdigit (*lp->p); i++)
      lp->p++;
  *ch = 0;
  return FALSE;
}

/* One member of a character class; FALSE (and lp->failed on bad input) if
 * it is not a single known character. */
static gboolean
parse_class_char (LitParser *lp,
                  gunichar  *ch)
{
  if (*lp->p == '\\')
    return parse_class_escape (lp, ch);
  if (!lp_next_char (lp, ch))
    {
      lp->failed = TRUE;
      return FALSE;
    }
  return TRUE;
}

static Lits
parse_class (LitParser *lp)
{
  gunichar chars[CLASS_MAX];
  guint n = 0;
  gboolean negated = FALSE;
  gboolean wide = FALSE;
  gboolean first = TRUE;
  Lits l;

  lp->p++;
  if (lp->p < lp->end && *lp->p == '^')
    {
      negated = TRUE;
      lp->p++;
    }

  while (lp->p < lp->end && (*lp->p != ']' || first))
    {
      gunichar lo, hi;

      first = FALSE;
      if (*lp->p == '[' && lp->p + 1 < lp->end && strchr (":.=", lp->p[1]) != NULL)
        {
          char close[3] = { lp->p[1], ']', '\0' };
          const char *q = g_strstr_len (lp->p + 2, lp->end - lp->p - 2, close);

          if (q == NULL)
            return lp_fail (lp);
          lp->p = q + 2;
          wide = TRUE;
          continue;
        }
      if (!parse_class_char (lp, &lo))
        {
          if (lp->failed)
            return lits_none ();
          wide = TRUE;
          continue;
        }
      hi = lo;
      if (lp->p + 1 < lp->end && *lp->p == '-' && lp->p[1] != ']')
        {
          lp->p++;
          if (!parse_class_char (lp, &hi))
            {
              if (lp->failed)
                return lits_none ();
              wide = TRUE;
              continue;
            }
        }
      if (hi < lo || hi - lo >= CLASS_MAX - n)
        {
          wide = TRUE;
          continue;
        }
      for (gunichar c = lo; c <= hi; c++)
        chars[n++] = c;
    }
  if (lp->p >= lp->end)
    return lp_fail (lp);
  lp->p++;

  if (negated || wide || n == 0)
    return lits_none ();
  l = lits_for_char (chars[0]);
  for (guint i = 1; i < n && l.exact != NULL; i++)
    l = lits_union (l, lits_for_char (chars[i]));
  return l;
}

static Lits
parse_group (LitParser *lp)
{
  gboolean zero_width = FALSE;
  gboolean positive = FALSE;
  Lits inner;

  lp->p++;
  if (lp->p < lp->end && *lp->p == '*')
    return lp_fail (lp);  /* (*VERB): changes matching, stay out */
  if (lp->p < lp->end && *lp->p == '?')
    {
      const char *q;

      lp->p++;
      if (lp->p >= lp->end)
        return lp_fail (lp);
      switch (*lp->p)
        {
        case '#':
          return lp_skip_past (lp, ')') ? lits_exact ("", 0) : lp_fail (lp);
        case ':': case '|': case '>':
          lp->p++;
          break;
        case '=': case '!':
          zero_width = TRUE;
          positive = *lp->p == '=';
          lp->p++;
          break;
        case '<':
          if (lp->p + 1 < lp->end && (lp->p[1] == '=' || lp->p[1] == '!'))
            {
              zero_width = TRUE;
              positive = lp->p[1] == '=';
              lp->p += 2;
            }
          else if (!lp_skip_past (lp, '>'))
            return lp_fail (lp);
          break;
        case 'P':
          if (lp->p + 1 >= lp->end || lp->p[1] != '<' || !lp_skip_past (lp, '>'))
            return lp_fail (lp);
          break;
        case '\'':
          lp->p++;
          if (!lp_skip_past (lp, '\''))
            return lp_fail (lp);
          break;
        default:
          /* option settings: (?i) (?-i:…) (?^s); extended mode changes the syntax */
          for (q = lp->p; q < lp->end && strchr ("imnsJU-^", *q) != NULL && *q != '\0'; q++)
            ;
          if (q == lp->p || q >= lp->end || (*q != ')' && *q != ':'))
            return lp_fail (lp);
          lp->inexact = TRUE;
          lp->p = q + 1;
          if (*q == ')')
            return lits_exact ("", 0);
          break;
        }
    }

  if (++lp->depth > DEPTH_MAX)
    return lp_fail (lp);
  inner = parse_alternation (lp);
  lp->depth--;
  if (lp->failed || lp->p >= lp->end || *lp->p != ')')
    {
      lits_clear (&inner);
      return lp_fail (lp);
    }
  lp->p++;
  if (zero_width)
    {
      /* what a positive lookaround needs is in the text too */
      lp->inexact = TRUE;
      GPtrArray *clause = positive ? lits_best_clause (&inner) : NULL;

      if (clause != NULL)
        g_ptr_array_add (lp->pending, clause);
      lits_clear (&inner);
      return lits_exact ("", 0);
    }
  return inner;
}

static Lits
parse_atom (LitParser *lp)
{
  gunichar ch;

  switch (*lp->p)
    {
    case '(':
      return parse_group (lp);
    case '[':
      return parse_class (lp);
    case '\\':
      return parse_escape (lp);
    case '.':
      lp->p++;
      return lits_none ();
    case '^':
      lp->p++;
      return lits_exact ((const char[]) { LIT_START }, 1);
    case '$':
      lp->p++;
      lp->inexact = TRUE;
      return lits_exact ("", 0);
    default:
      if (!lp_next_char (lp, &ch))
        return lp_fail (lp);
      return lits_for_char (ch);
    }
}

static Lits
parse_sequence (LitParser *lp)
{
  GPtrArray *run = set_new1 ("", 0);  /* exact strings of the latest run of exact atoms */
  GPtrArray *prefix = NULL;
  GPtrArray *clauses = NULL;
  gboolean exact = TRUE;

  while (!lp->failed && lp->p < lp->end && *lp->p != '|' && *lp->p != ')')
    {
      Lits atom = parse_atom (lp);
      GPtrArray *joined;
      guint min, max;

      if (!lp->failed && parse_quantifier (lp, &min, &max))
        atom = lits_repeat (atom, min, max);
      while (lp->pending->len > 0)
        clauses_add (&clauses, g_ptr_array_steal_index (lp->pending, lp->pending->len - 1));
      clauses_add_all (&clauses, atom.clauses);

      if (atom.exact != NULL && (joined = set_cross (run, atom.exact)) != NULL)
        {
          g_ptr_array_unref (run);
          run = joined;
          lits_clear (&atom);
          continue;
        }

      /* the run ends here, though it goes on into what the atom starts with */
      joined = lits_prefix (&atom) != NULL ? set_cross (run, lits_prefix (&atom)) : NULL;
      if (exact)
        prefix = set_dup (joined != NULL ? joined : run);
      exact = FALSE;
      clauses_add (&clauses, joined != NULL ? joined : set_dup (run));
      g_ptr_array_unref (run);
      if (atom.exact != NULL)
        run = g_steal_pointer (&atom.exact);
      else
        {
          if (atom.prefix != NULL)
            clauses_add (&clauses, set_dup (atom.prefix));
          run = set_new1 ("", 0);
        }
      lits_clear (&atom);
    }

  if (exact)
    return (Lits) { run, NULL, clauses };
  clauses_add (&clauses, run);
  return (Lits) { NULL, prefix, clauses };
}

static Lits
parse_alternation (LitParser *lp)
{
  Lits acc = parse_sequence (lp);

  while (!lp->failed && lp->p < lp->end && *lp->p == '|')
    {
      lp->p++;
      acc = lits_union (acc, parse_sequence (lp));
    }
  return acc;
}

/* Whether @set can stand for a whole pattern: markers only at the ends,
 * nothing cut short in the automaton. */
static gboolean
set_is_exact_language (const GPtrArray *set)
{
  if (!set_is_clause (set))
    return FALSE;
  for (guint i = 0; i < set->len; i++)
    {
      const char *lit = g_ptr_array_index (set, i);
      gsize len = strlen (lit), a = 0, b = len;

      while (a < len && (lit[a] == LIT_MARK || lit[a] == LIT_START))
        a++;
      while (b > a && lit[b - 1] == LIT_MARK)
        b--;
      if (b - a > KEY_MAX || memchr (lit + a, LIT_MARK, b - a) || memchr (lit + a, LIT_START, b - a))
        return FALSE;
    }
  return TRUE;
}

/* Sets of strings such that any text @pattern matches holds a string of
 * each; NULL when nothing is known. *@exact: the one set is the whole
 * language of @pattern (for a caseless rule, a hit is a match). */
static GPtrArray *
extract_clauses (const char *pattern,
                 gboolean   *exact)
{
  LitParser lp = { pattern, pattern + strlen (pattern), 0, FALSE, FALSE, NULL };
  GPtrArray *clauses = NULL;
  Lits l;

  *exact = FALSE;
  lp.pending = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  l = parse_alternation (&lp);
  if (!lp.failed && lp.p == lp.end)
    {
      if (!lp.inexact && l.exact != NULL && l.clauses == NULL && set_is_exact_language (l.exact))
        {
          *exact = TRUE;
          clauses = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
          g_ptr_array_add (clauses, g_steal_pointer (&l.exact));
        }
      else
        {
          clauses = g_steal_pointer (&l.clauses);
          if (l.exact != NULL)
            clauses_add (&clauses, set_dup (l.exact));
          if (l.prefix != NULL)
            clauses_add (&clauses, set_dup (l.prefix));
        }
    }
  lits_clear (&l);
  g_ptr_array_unref (lp.pending);
  return clauses;
}

/* The Aho–Corasick prefilter */

static gboolean
is_ascii_word (guchar c)
{
  return g_ascii_isalnum (c) || c == '_';
}

enum { EDGE_NO, EDGE_YES, EDGE_MAYBE };

/* Whether a \b holds at @pos; maybe next to non-ASCII text, where
 * GRegex's Unicode word rules apply. */
static int
word_edge_at (const char *text,
              gsize       len,
              gsize       pos)
{
  guchar before = pos > 0 ? (guchar) text[pos - 1] : ' ';
  guchar after = pos < len ? (guchar) text[pos] : ' ';

  if (before >= 0x80 || after >= 0x80)
    return EDGE_MAYBE;
  return is_ascii_word (before) != is_ascii_word (after) ? EDGE_YES : EDGE_NO;
}

typedef struct
{
  GArray    *delta;    /* guint32 state ids while building */
  GPtrArray *own;      /* per state: GArray of AcOutput, or NULL */
  guint      n_classes;
} AcBuilder;

static void
output_list_free (gpointer list)
{
  if (list != NULL)
    g_array_unref (list);
}

static guint32
ac_add_state (AcBuilder *b)
{
  g_array_set_size (b->delta, b->delta->len + b->n_classes);
  g_ptr_array_add (b->own, NULL);
  return b->own->len - 1;
}

static void
ac_add_key (AcBuilder     *b,
            const guint8  *classes,
            const char    *lit,
            guint32        clause,
            gboolean       sure)
{
  g_autofree char *key = g_malloc (strlen (lit) + 1);
  AcOutput out = { clause, 0, 0 };
  gsize n = 0, len = strlen (lit);
  guint32 s = 0;
  GArray *list;

  /* markers before the first character or after the last one */
  for (gsize i = 0; i < len && (lit[i] == LIT_MARK || lit[i] == LIT_START); i++)
    out.flags |= lit[i] == LIT_MARK ? LIT_LEFT : LIT_AT_START;
  for (gsize i = len; i > 0 && (lit[i - 1] == LIT_MARK || lit[i - 1] == LIT_START); i--)
    if (lit[i - 1] == LIT_MARK)
      out.flags |= LIT_RIGHT;
  for (gsize i = 0; i < len; i++)
    if (lit[i] != LIT_MARK && lit[i] != LIT_START)
      key[n++] = lit[i];
  if (sure)
    out.flags |= LIT_SURE;
  if (n > KEY_MAX)
    {
      n = KEY_MAX;  /* a prefix still has to occur */
      out.flags &= ~LIT_RIGHT;
    }
  g_assert (n > 0);
  out.len = n;

  for (gsize i = 0; i < n; i++)
    {
      guint c = classes[(guchar) key[i]];
      guint32 t = g_array_index (b->delta, guint32, s * b->n_classes + c);

      if (t == 0)
        {
          t = ac_add_state (b);
          g_array_index (b->delta, guint32, s * b->n_classes + c) = t;
        }
      s = t;
    }
  list = g_ptr_array_index (b->own, s);
  if (list == NULL)
    {
      list = g_array_new (FALSE, FALSE, sizeof (AcOutput));
      g_ptr_array_index (b->own, s) = list;
    }
  g_array_append_val (list, out);
}

static void
ac_merge_outputs (GArray       *into,
                  const GArray *from)
{
  for (guint i = 0; from != NULL && i < from->len; i++)
    {
      const AcOutput *o = &g_array_index (from, AcOutput, i);
      gboolean seen = FALSE;

      for (guint j = 0; j < into->len && !seen; j++)
        {
          const AcOutput *p = &g_array_index (into, AcOutput, j);
          seen = p->clause == o->clause && p->len == o->len && p->flags == o->flags;
        }
      if (!seen)
        g_array_append_vals (into, o, 1);
    }
}

static Prefilter *
prefilter_new (GPtrArray *rules)
{
  Prefilter *pf = g_new0 (Prefilter, 1);
  AcBuilder b;
  g_autofree guint32 *fail = NULL;
  g_autofree guint32 *queue = NULL;
  g_autoptr(GPtrArray) merged = NULL;
  guint head = 0, tail = 0, n_states, n_outputs = 0, n_clauses = 0;
  guint32 *delta;

  pf->n_rules = rules->len;
  pf->n_words = rules->len / 64 + 1;
  pf->always = g_new0 (guint64, pf->n_words);
  pf->rule_clauses = g_new (guint32, rules->len + 1);

  /* byte classes: one per byte used by a literal, ASCII case folded */
  pf->n_classes = 1;
  for (guint r = 0; r < rules->len; r++)
    {
      const Rule *rule = g_ptr_array_index (rules, r);

      pf->rule_clauses[r] = n_clauses;
      if (rule->clauses == NULL)
        {
          pf->always[r / 64] |= G_GUINT64_CONSTANT (1) << (r % 64);
          continue;
        }
      n_clauses += rule->clauses->len;
      for (guint k = 0; k < rule->clauses->len; k++)
        {
          GPtrArray *set = g_ptr_array_index (rule->clauses, k);

          for (guint i = 0; i < set->len; i++)
            for (const char *s = g_ptr_array_index (set, i); *s != '\0'; s++)
              {
                guchar c = g_ascii_tolower (*s);

                if (c == LIT_MARK || c == LIT_START || pf->classes[c] != 0)
                  continue;
                pf->classes[c] = pf->n_classes++;
                if (g_ascii_islower (c))
                  pf->classes[(guchar) g_ascii_toupper (c)] = pf->classes[c];
              }
        }
    }
  pf->rule_clauses[rules->len] = n_clauses;
  pf->n_clause_words = n_clauses / 64 + 1;
  pf->clause_rule = g_new (guint32, MAX (n_clauses, 1));
  for (guint r = 0; r < rules->len; r++)
    for (guint k = pf->rule_clauses[r]; k < pf->rule_clauses[r + 1]; k++)
      pf->clause_rule[k] = r;

  b.delta = g_array_new (FALSE, TRUE, sizeof (guint32));
  b.own = g_ptr_array_new_with_free_func (output_list_free);
  b.n_classes = pf->n_classes;
  ac_add_state (&b);
  for (guint r = 0; r < rules->len; r++)
    {
      const Rule *rule = g_ptr_array_index (rules, r);

      for (guint k = 0; rule->clauses != NULL && k < rule->clauses->len; k++)
        {
          GPtrArray *set = g_ptr_array_index (rule->clauses, k);

          for (guint i = 0; i < set->len; i++)
            ac_add_key (&b, pf->classes, g_ptr_array_index (set, i), pf->rule_clauses[r] + k,
                        rule->exact);
        }
    }

  /* breadth first: failure links, full transition table, merged outputs */
  n_states = b.own->len;
  delta = (guint32 *) (void *) b.delta->data;
  fail = g_new0 (guint32, n_states);
  queue = g_new (guint32, n_states);
  merged = g_ptr_array_new_full (n_states, (GDestroyNotify) g_array_unref);
  for (guint s = 0; s < n_states; s++)
    g_ptr_array_add (merged, g_array_new (FALSE, FALSE, sizeof (AcOutput)));
  for (guint c = 0; c < pf->n_classes; c++)
    if (delta[c] != 0)
      queue[tail++] = delta[c];
  while (head < tail)
    {
      guint32 s = queue[head++];

      ac_merge_outputs (g_ptr_array_index (merged, s), g_ptr_array_index (b.own, s));
      ac_merge_outputs (g_ptr_array_index (merged, s), g_ptr_array_index (merged, fail[s]));
      for (guint c = 0; c < pf->n_classes; c++)
        {
          guint32 t = delta[s * pf->n_classes + c];

          if (t != 0)
            {
              fail[t] = delta[fail[s] * pf->n_classes + c];
              queue[tail++] = t;
            }
          else
            delta[s * pf->n_classes + c] = delta[fail[s] * pf->n_classes + c];
        }
    }

  pf->out_start = g_new (guint32, n_states + 1);
  for (guint s = 0; s < n_states; s++)
    n_outputs += ((GArray *) g_ptr_array_index (merged, s))->len;
  pf->outputs = g_new (AcOutput, MAX (n_outputs, 1));
  n_outputs = 0;
  for (guint s = 0; s < n_states; s++)
    {
      GArray *list = g_ptr_array_index (merged, s);

      pf->out_start[s] = n_outputs;
      if (list->len > 0)
        memcpy (pf->outputs + n_outputs, list->data, list->len * sizeof (AcOutput));
      n_outputs += list->len;
    }
  pf->out_start[n_states] = n_outputs;

  /* row offsets must leave the flag bit free; no real rule set comes near */
  if ((guint64) n_states * pf->n_classes >= AC_OUTPUT)
    {
      g_array_unref (b.delta);
      g_ptr_array_unref (b.own);
      prefilter_free (pf);
      return NULL;
    }

  /* state ids → row offsets, flagged when the target has outputs */
  for (guint i = 0; i < b.delta->len; i++)
    {
      guint32 t = delta[i];

      delta[i] = t * pf->n_classes | (pf->out_start[t + 1] > pf->out_start[t] ? AC_OUTPUT : 0);
    }
  pf->delta = (guint32 *) (void *) g_array_free (b.delta, FALSE);
  g_ptr_array_unref (b.own);
  return pf;
}

/* Sets in @bits the rules that may match @text, and in @sure those that
 * certainly do (pf->n_words words each). */
static void
prefilter_scan (const Prefilter *pf,
                const char      *text,
                gsize            len,
                guint64         *bits,
                guint64         *sure)
{
  const guint32 *delta = pf->delta;
  const guint8 *classes = pf->classes;
  guint64 stack_clauses[32];
  g_autofree guint64 *heap_clauses = NULL;
  guint64 *clauses = stack_clauses;
  guint32 row = 0;

  if (pf->n_clause_words > G_N_ELEMENTS (stack_clauses))
    clauses = heap_clauses = g_new (guint64, pf->n_clause_words);
  memset (clauses, 0, pf->n_clause_words * sizeof (guint64));
  memset (sure, 0, pf->n_words * sizeof (guint64));

  for (gsize i = 0; i < len; i++)
    {
      guint32 next = delta[row + classes[(guchar) text[i]]];

      row = next & ~AC_OUTPUT;
      if (G_UNLIKELY (next & AC_OUTPUT))
        {
          guint state = row / pf->n_classes;

          for (guint k = pf->out_start[state]; k < pf->out_start[state + 1]; k++)
            {
              const AcOutput *o = &pf->outputs[k];
              int left = EDGE_YES, right = EDGE_YES;

              if ((o->flags & LIT_AT_START) && i + 1 != o->len)
                continue;
              if ((o->flags & LIT_LEFT) && (left = word_edge_at (text, len, i + 1 - o->len)) == EDGE_NO)
                continue;
              if ((o->flags & LIT_RIGHT) && (right = word_edge_at (text, len, i + 1)) == EDGE_NO)
                continue;
              clauses[o->clause / 64] |= G_GUINT64_CONSTANT (1) << (o->clause % 64);
              if ((o->flags & LIT_SURE) && left == EDGE_YES && right == EDGE_YES)
                {
                  guint r = pf->clause_rule[o->clause];

                  sure[r / 64] |= G_GUINT64_CONSTANT (1) << (r % 64);
                }
            }
        }
    }

  /* a rule may match when each of its clauses was seen */
  memcpy (bits, pf->always, pf->n_words * sizeof (guint64));
  for (guint r = 0; r < pf->n_rules; r++)
    {
      guint k = pf->rule_clauses[r];

      if (k == pf->rule_clauses[r + 1])
        continue;
      for (; k < pf->rule_clauses[r + 1]; k++)
        if ((clauses[k / 64] & (G_GUINT64_CONSTANT (1) << (k % 64))) == 0)
          break;
      if (k == pf->rule_clauses[r + 1])
        bits[r / 64] |= G_GUINT64_CONSTANT (1) << (r % 64);
    }
}

static Prefilter *
ensure_prefilter (SeismoTagger *self)
{
  Prefilter *pf;

  g_mutex_lock (&self->lock);
  if (!self->prefilter_built)
    {
      self->prefilter = prefilter_new (self->rules);
      self->prefilter_built = TRUE;
    }
  pf = self->prefilter;
  g_mutex_unlock (&self->lock);
  return pf;
}

/* Keyword rules */

static gboolean
keyword_edge_is_word (gunichar ch)
{
  GUnicodeScript script;

  if (ch == '_')
    return TRUE;
  if (!g_unichar_isalnum (ch))
    return FALSE;
  script = g_unichar_get_script (ch);
  return script != G_UNICODE_SCRIPT_HAN && script != G_UNICODE_SCRIPT_HIRAGANA &&
         script != G_UNICODE_SCRIPT_KATAKANA && script != G_UNICODE_SCRIPT_THAI &&
         script != G_UNICODE_SCRIPT_LAO && script != G_UNICODE_SCRIPT_KHMER &&
         script != G_UNICODE_SCRIPT_MYANMAR;
}

/* "a, b c" → an alternation of the escaped phrases, each held to whole
 * words where its ends are letters or digits. NULL if the list is empty. */
static char *
keywords_to_regex (const char *list)
{
  g_auto(GStrv) words = g_strsplit (list, ",", -1);
  g_autoptr(GString) re = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      gsize len;
      g_autofree char *kw = normalize_text (words[i], &len);
      gunichar first, last;

      if (len == 0)
        continue;
      first = g_utf8_get_char (kw);
      last = g_utf8_get_char (g_utf8_find_prev_char (kw, kw + len));
      if (re->len > 0)
        g_string_append_c (re, '|');
      if (keyword_edge_is_word (first))
        g_string_append (re, "(?<!" KEYWORD_WORD_CHAR ")");
      for (const char *s = kw; *s != '\0'; s++)
        {
          if ((guchar) *s < 0x80 && !g_ascii_isalnum (*s) && *s != ' ')
            g_string_append_c (re, '\\');
          g_string_append_c (re, *s);
        }
      if (keyword_edge_is_word (last))
        g_string_append (re, "(?!" KEYWORD_WORD_CHAR ")");
    }

  return re->len > 0 ? g_string_free (g_steal_pointer (&re), FALSE) : NULL;
}

/* Scoring */

static gboolean
field_has_candidate (const Field *field,
                     guint        rule)
{
  return field->candidates == NULL ||
         (field->candidates[rule / 64] & (G_GUINT64_CONSTANT (1) << (rule % 64))) != 0;
}

static gboolean
field_is_sure (const Field *field,
               guint        rule)
{
  return field->sure != NULL && (field->sure[rule / 64] & (G_GUINT64_CONSTANT (1) << (rule % 64))) != 0;
}

static void
field_scan (Field           *field,
            const Prefilter *pf)
{
  field->candidates = g_new (guint64, 2 * pf->n_words);
  field->sure = field->candidates + pf->n_words;
  prefilter_scan (pf, field->text, field->len, field->candidates, field->sure);
}

/* Blanks out, in *masked (copied from @text on first use), what @regex matches. */
static void
mask_matches (const GRegex *regex,
              const Field  *field,
              char        **masked)
{
  g_autoptr(GMatchInfo) info = NULL;

  g_regex_match_full (regex, field->text, field->len, 0, 0, &info, NULL);
  while (g_match_info_matches (info))
    {
      int start, end;

      if (g_match_info_fetch_pos (info, 0, &start, &end) && end > start)
        {
          if (*masked == NULL)
            *masked = g_strndup (field->text, field->len);
          memset (*masked + start, ' ', end - start);
        }
      g_match_info_next (info, NULL);
    }
}

static int
score_field (SeismoTagger    *self,
             const Prefilter *pf,
             const Tag       *tag,
             const Field     *field,
             int              hit_score)
{
  g_autofree char *masked = NULL;
  Field masked_field = { NULL, field->len, NULL, NULL };
  const Field *use = field;
  int score = 0;

  if (field->len == 0)
    return 0;

  for (guint i = 0; i < tag->negative->len; i++)
    {
      guint r = g_array_index (tag->negative, guint, i);
      const Rule *rule = g_ptr_array_index (self->rules, r);

      if (field_has_candidate (field, r))
        mask_matches (rule->regex, field, &masked);
    }
  if (masked != NULL)
    {
      /* blanks can make new word edges: look again */
      masked_field.text = masked;
      if (pf != NULL)
        field_scan (&masked_field, pf);
      use = &masked_field;
    }

  for (guint i = 0; i < tag->positive->len; i++)
    {
      guint r = g_array_index (tag->positive, guint, i);
      const Rule *rule = g_ptr_array_index (self->rules, r);

      if (field_is_sure (use, r) ||
          (field_has_candidate (use, r) &&
           g_regex_match_full (rule->regex, use->text, use->len, 0, 0, NULL, NULL)))
        score += rule->weak ? 1 : hit_score;
    }
  g_free (masked_field.candidates);
  return score;
}

static void
field_init (Field           *field,
            const char      *text,
            const Prefilter *pf)
{
  field->text = normalize_text (text, &field->len);
  field->candidates = NULL;
  field->sure = NULL;
  if (pf != NULL && field->len > 0)
    field_scan (field, pf);
}

static void
field_clear (Field *field)
{
  g_clear_pointer (&field->text, g_free);
  g_clear_pointer (&field->candidates, g_free);
}

/* Scores of all tags, indexed like self->tags. */
static int *
compute_scores (SeismoTagger *self,
                const char   *title,
                const char   *summary,
                GHashTable   *prior)
{
  const Prefilter *pf = self->use_prefilter ? ensure_prefilter (self) : NULL;
  int *scores = g_new0 (int, MAX (self->tags->len, 1));
  Field fields[2];

  field_init (&fields[0], title, pf);
  field_init (&fields[1], summary, pf);
  for (guint t = 0; t < self->tags->len; t++)
    {
      const Tag *tag = g_ptr_array_index (self->tags, t);

      if (prior != NULL)
        scores[t] = GPOINTER_TO_INT (g_hash_table_lookup (prior, tag->name));
      scores[t] += score_field (self, pf, tag, &fields[0], SEISMO_TAGGER_TITLE_SCORE);
      scores[t] += score_field (self, pf, tag, &fields[1], 1);
    }
  field_clear (&fields[0]);
  field_clear (&fields[1]);
  return scores;
}

static guint
tag_lookup_or_add (SeismoTagger *self,
                   const char   *name)
{
  gpointer value = g_hash_table_lookup (self->tag_index, name);
  Tag *tag;

  if (value != NULL)
    return GPOINTER_TO_UINT (value) - 1;

  tag = g_new0 (Tag, 1);
  tag->name = g_strdup (name);
  tag->positive = g_array_new (FALSE, FALSE, sizeof (guint));
  tag->negative = g_array_new (FALSE, FALSE, sizeof (guint));
  g_ptr_array_add (self->tags, tag);
  g_hash_table_insert (self->tag_index, tag->name, GUINT_TO_POINTER (self->tags->len));
  return self->tags->len - 1;
}

static void
seismo_tagger_finalize (GObject *object)
{
  SeismoTagger *self = (SeismoTagger *) object;

  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->tag_index, g_hash_table_unref);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_clear_pointer (&self->prefilter, prefilter_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (seismo_tagger_parent_class)->finalize (object);
}

static void
seismo_tagger_class_init (SeismoTaggerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = seismo_tagger_finalize;
}

static void
seismo_tagger_init (SeismoTagger *self)
{
  self->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_free);
  self->tags = g_ptr_array_new_with_free_func ((GDestroyNotify) tag_free);
  self->tag_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->use_prefilter = TRUE;
  g_mutex_init (&self->lock);
}

/**
 * seismo_tagger_new:
 *
 * Creates a tagger without rules. Add rules, then call
 * seismo_tagger_apply() from any number of threads; adding rules while
 * another thread applies them is not supported.
 *
 * Returns: (transfer full): a new #SeismoTagger
 */
SeismoTagger *
seismo_tagger_new (void)
{
  return g_object_new (SEISMO_TYPE_TAGGER, NULL);
}

/**
 * seismo_tagger_add_rule:
 * @self: a #SeismoTagger
 * @tag: the tag the rule scores for; tags rank in the order first seen
 * @kind: "regex" (a PCRE pattern) or "keywords" (comma-separated words or
 *   phrases matched as whole words)
 * @pattern: the regex or the keyword list
 * @case_sensitive: match case exactly (keyword lists normally do not)
 * @weak: a hit scores 1 in any field
 * @negative: a NOT rule: what it matches is removed before @tag is scored
 * @error: return location for a #SEISMO_TAGGER_ERROR
 *
 * Returns: %TRUE if the rule was added; on %FALSE nothing changed
 */
gboolean
seismo_tagger_add_rule (SeismoTagger *self,
                        const char   *tag,
                        const char   *kind,
                        const char   *pattern,
                        gboolean      case_sensitive,
                        gboolean      weak,
                        gboolean      negative,
                        GError      **error)
{
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *source = NULL;
  GRegexCompileFlags flags = G_REGEX_OPTIMIZE;
  Rule *rule;
  Tag *t;
  guint index;

  g_return_val_if_fail (SEISMO_IS_TAGGER (self), FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (pattern != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (*tag == '\0' || !g_utf8_validate (tag, -1, NULL))
    {
      g_set_error (error, SEISMO_TAGGER_ERROR, SEISMO_TAGGER_ERROR_INVALID_RULE,
                   "A tag rule needs a tag name (pattern “%s”)", pattern);
      return FALSE;
    }
  if (g_str_equal (kind, "regex"))
    source = g_strdup (pattern);
  else if (g_str_equal (kind, "keywords"))
    source = keywords_to_regex (pattern);
  else
    {
      g_set_error (error, SEISMO_TAGGER_ERROR, SEISMO_TAGGER_ERROR_INVALID_RULE,
                   "Tag “%s”: unknown rule kind “%s” (expected “regex” or “keywords”)", tag, kind);
      return FALSE;
    }
  if (source == NULL || *source == '\0')
    {
      g_set_error (error, SEISMO_TAGGER_ERROR, SEISMO_TAGGER_ERROR_INVALID_PATTERN,
                   "Tag “%s”: empty %s pattern “%s”", tag, kind, pattern);
      return FALSE;
    }

  if (!case_sensitive)
    flags |= G_REGEX_CASELESS;
  regex = g_regex_new (source, flags, 0, &local_error);
  if (regex == NULL)
    {
      g_set_error (error, SEISMO_TAGGER_ERROR, SEISMO_TAGGER_ERROR_INVALID_PATTERN,
                   "Tag “%s”: invalid regex “%s”: %s", tag, pattern, local_error->message);
      return FALSE;
    }
  if (!negative && g_regex_match (regex, "", 0, NULL))
    {
      g_set_error (error, SEISMO_TAGGER_ERROR, SEISMO_TAGGER_ERROR_INVALID_PATTERN,
                   "Tag “%s”: pattern “%s” matches empty text, so it would tag every item",
                   tag, pattern);
      return FALSE;
    }

  index = tag_lookup_or_add (self, tag);
  t = g_ptr_array_index (self->tags, index);
  rule = g_new0 (Rule, 1);
  rule->tag = index;
  rule->regex = g_steal_pointer (&regex);
  rule->clauses = extract_clauses (source, &rule->exact);
  rule->exact = rule->exact && !case_sensitive;
  rule->weak = weak != FALSE;
  rule->negative = negative != FALSE;
  g_array_append_val (negative ? t->negative : t->positive, self->rules->len);
  g_ptr_array_add (self->rules, rule);

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->prefilter, prefilter_free);
  self->prefilter_built = FALSE;
  g_mutex_unlock (&self->lock);
  return TRUE;
}

guint
seismo_tagger_get_n_rules (SeismoTagger *self)
{
  g_return_val_if_fail (SEISMO_IS_TAGGER (self), 0);

  return self->rules->len;
}

/**
 * seismo_tagger_dup_tags:
 *
 * Returns: (transfer full): the tags that have rules, in rank order for ties
 */
GStrv
seismo_tagger_dup_tags (SeismoTagger *self)
{
  GStrv names;

  g_return_val_if_fail (SEISMO_IS_TAGGER (self), NULL);

  names = g_new0 (char *, self->tags->len + 1);
  for (guint t = 0; t < self->tags->len; t++)
    names[t] = g_strdup (((Tag *) g_ptr_array_index (self->tags, t))->name);
  return names;
}

/**
 * seismo_tagger_score:
 * @prior: (nullable): tag name → GINT_TO_POINTER (initial score)
 *
 * Returns: (transfer full): tag name → GINT_TO_POINTER (score) for every
 *   known tag with a non-zero score, assigned or not
 */
GHashTable *
seismo_tagger_score (SeismoTagger *self,
                     const char   *title,
                     const char   *summary,
                     GHashTable   *prior)
{
  g_autofree int *scores = NULL;
  GHashTable *result;

  g_return_val_if_fail (SEISMO_IS_TAGGER (self), NULL);

  scores = compute_scores (self, title, summary, prior);
  result = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint t = 0; t < self->tags->len; t++)
    if (scores[t] != 0)
      g_hash_table_insert (result, g_strdup (((Tag *) g_ptr_array_index (self->tags, t))->name),
                           GINT_TO_POINTER (scores[t]));
  return result;
}

/**
 * seismo_tagger_apply_with_prior:
 * @title: (nullable): the item's title
 * @summary: (nullable): its summary or excerpt, as plain text
 * @prior: (nullable): tag name → GINT_TO_POINTER (initial score), for
 *   source priors such as research = 2 for arXiv; unknown tags are ignored
 *
 * Returns: (transfer full) (element-type utf8): at most
 *   %SEISMO_TAGGER_MAX_TAGS tag names scoring %SEISMO_TAGGER_MIN_SCORE or
 *   more, highest score first; equal scores keep the order of the tags
 */
GPtrArray *
seismo_tagger_apply_with_prior (SeismoTagger *self,
                                const char   *title,
                                const char   *summary,
                                GHashTable   *prior)
{
  g_autofree int *scores = NULL;
  guint best[SEISMO_TAGGER_MAX_TAGS];
  guint n = 0;
  GPtrArray *result;

  g_return_val_if_fail (SEISMO_IS_TAGGER (self), NULL);

  scores = compute_scores (self, title, summary, prior);
  for (guint t = 0; t < self->tags->len; t++)
    {
      guint pos;

      if (scores[t] < SEISMO_TAGGER_MIN_SCORE)
        continue;
      /* insertion after equal scores keeps tag order among ties */
      for (pos = n; pos > 0 && scores[best[pos - 1]] < scores[t]; pos--)
        ;
      if (pos >= SEISMO_TAGGER_MAX_TAGS)
        continue;
      if (n < SEISMO_TAGGER_MAX_TAGS)
        n++;
      memmove (best + pos + 1, best + pos, (n - 1 - pos) * sizeof (guint));
      best[pos] = t;
    }

  result = g_ptr_array_new_full (n, g_free);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (result, g_strdup (((Tag *) g_ptr_array_index (self->tags, best[i]))->name));
  return result;
}

/**
 * seismo_tagger_apply:
 *
 * seismo_tagger_apply_with_prior() without a prior.
 *
 * Returns: (transfer full) (element-type utf8): the assigned tags, best first
 */
GPtrArray *
seismo_tagger_apply (SeismoTagger *self,
                     const char   *title,
                     const char   *summary)
{
  return seismo_tagger_apply_with_prior (self, title, summary, NULL);
}

/**
 * seismo_tagger_set_prefilter:
 *
 * Turns the literal prefilter off or on. It never changes a result; this is
 * for tests and benchmarks.
 */
void
seismo_tagger_set_prefilter (SeismoTagger *self,
                             gboolean      enabled)
{
  g_return_if_fail (SEISMO_IS_TAGGER (self));

  self->use_prefilter = enabled != FALSE;
}
