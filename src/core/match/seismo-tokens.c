/* seismo-tokens.c — the words the clusterer compares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "seismo-text-private.h"
#include "seismo-tokens-private.h"

/* Two headlines about one happening share few exact words ("plunge",
 * "plunges", "plunged"), so tokens are case-folded, possessives dropped and
 * English suffixes trimmed by a deliberately light stemmer: it only has to
 * map a word's inflections to one key, not produce a linguistic stem.
 * Scripts written without spaces are cut into overlapping character pairs,
 * the usual cheap stand-in for word segmentation. */

/* Function words, newsroom filler and words every AI story uses. They carry
 * no signal about which happening an item reports, and a small index (the
 * first hours after install) has too few documents for inverse frequency
 * to learn that on its own. Stored stemmed, at first use. */
static const char * const stop_words[] = {
  "a", "about", "above", "according", "after", "again", "against", "ago", "ai", "all", "already",
  "also",
  "amid", "among", "an", "and", "announce", "announced", "announces", "another", "any", "are",
  "artificial", "as", "at", "back", "be", "been", "before", "being", "below",
  "between", "big", "bigger", "biggest", "billion", "both", "but", "by", "can", "could", "company",
  "companies", "day", "days", "did", "do", "does", "done", "down", "during", "each", "even",
  "every", "few", "first", "firm", "firms", "for", "from", "further", "get", "gets", "got", "had",
  "has", "have", "having", "he", "her", "here", "his", "how", "i", "if", "in", "industry",
  "intelligence", "into", "introduce", "introduced", "introduces", "is", "it", "its", "just",
  "last", "latest", "launch", "launched", "launches", "like", "make", "makes", "many", "may",
  "might", "million", "model", "models", "month", "months", "more", "most", "much", "must", "my",
  "new", "news", "next", "no", "nor", "not", "now", "of", "off", "on", "one", "only", "or",
  "other", "our", "out", "over", "own", "people", "per", "percent", "release", "released",
  "releases", "report", "reported", "reports", "s", "said", "same", "say", "says", "see", "she",
  "should", "so", "some", "startup", "startups", "still", "such", "take", "tech", "technology",
  "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
  "three", "through", "time", "to", "today", "too", "top", "two", "under", "unveil", "unveiled",
  "unveils", "until", "up", "update", "updates", "use", "used", "users", "using", "very", "via",
  "vs", "was", "way", "we", "week", "weeks", "well", "were", "what", "when", "where", "which",
  "while", "who", "why", "will", "with", "without", "would", "year", "years", "yet", "you",
  "your", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

#define STEM_MAX 7

static GHashTable *stop_set;

static gboolean
is_vowel (char c)
{
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

static gboolean
has_vowel (const char *w,
           gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (is_vowel (w[i]))
      return TRUE;
  return FALSE;
}

#define ends_with(w, len, suffix) \
  ((len) >= sizeof (suffix) - 1 && memcmp ((w) + (len) - (sizeof (suffix) - 1), suffix, sizeof (suffix) - 1) == 0)

/* Stems a lower-case ASCII word in place; returns the new length. */
gsize
_seismo_stem (char  *w,
              gsize  len)
{
  if (len > 4 && ends_with (w, len, "ies"))
    {
      len -= 2;
      w[len - 1] = 'y';
    }
  else if (ends_with (w, len, "sses"))
    len -= 2;
  else if (len > 3 && w[len - 1] == 's' && !ends_with (w, len, "ss") &&
           !ends_with (w, len, "us") && !ends_with (w, len, "is"))
    len -= 1;

  if ((len > 5 && ends_with (w, len, "ing") && has_vowel (w, len - 3)) ||
      (len > 4 && ends_with (w, len, "ed") && has_vowel (w, len - 2)))
    {
      len -= w[len - 1] == 'g' ? 3 : 2;
      /* stopped → stopp → stop */
      if (len > 2 && w[len - 1] == w[len - 2] && !is_vowel (w[len - 1]) &&
          w[len - 1] != 'l' && w[len - 1] != 's' && w[len - 1] != 'z')
        len -= 1;
    }

  if (len > 3 && w[len - 1] == 'e')
    len -= 1;
  if (len > 3 && w[len - 1] == 'y')
    w[len - 1] = 'i';

  /* a blunt cut catches the derivations the rules above miss:
   * distillation / distilled, investigation / investigating */
  if (len > STEM_MAX)
    len = STEM_MAX;

  w[len] = '\0';
  return len;
}

static gpointer
build_stop_set (gpointer data)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (stop_words); i++)
    {
      char *w = g_strdup (stop_words[i]);

      _seismo_stem (w, strlen (w));
      g_hash_table_add (set, w);
    }
  return set;
}

/* The stop words as written (not stemmed); for callers that keep their
 * own set. */
const char * const *
_seismo_token_stop_words (guint *n_words)
{
  *n_words = G_N_ELEMENTS (stop_words);
  return stop_words;
}

gboolean
_seismo_token_is_stop (const char *token)
{
  static GOnce once = G_ONCE_INIT;

  stop_set = g_once (&once, build_stop_set, NULL);
  return g_hash_table_contains (stop_set, token);
}

typedef struct
{
  char            buf[SEISMO_TOKEN_MAX + 8];
  gsize           len;
  gboolean        ascii_letters; /* only a–z so far: a stemming candidate */
  /* the parts of a hyphenated compound, joined: "multi-modal" is also
   * "multimodal", "Janus-Pro" also "januspro" */
  char            compound[SEISMO_TOKEN_MAX + 8];
  gsize           compound_len;
  guint           parts;
  gboolean        compound_ascii;
  SeismoTokenFunc func;
  gpointer        user_data;
} Word;

static gboolean
all_digits (const char *s,
            gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return len > 0;
}

/* Emits one finished word: stemmed if it is plain letters, and with a size
 * suffix dropped ("24B" and "24-billion" both say 24). */
static void
emit_word (Word     *w,
           char     *buf,
           gsize     len,
           gboolean  ascii_letters)
{
  buf[len] = '\0';
  if (ascii_letters)
    len = _seismo_stem (buf, len);
  else if (len >= 2 && all_digits (buf, len - 1) && strchr ("bkmt", buf[len - 1]) != NULL)
    buf[--len] = '\0';
  if (len >= 2 || (len == 1 && g_ascii_isdigit (buf[0])))
    w->func (buf, len, w->user_data);
}

static void
word_flush (Word     *w,
            gboolean  hyphen)
{
  if (w->len > 0)
    {
      if (w->compound_len + w->len <= SEISMO_TOKEN_MAX)
        {
          memcpy (w->compound + w->compound_len, w->buf, w->len);
          w->compound_len += w->len;
          w->compound_ascii = w->compound_ascii && w->ascii_letters;
          w->parts++;
        }
      emit_word (w, w->buf, w->len, w->ascii_letters);
    }
  w->len = 0;
  w->ascii_letters = TRUE;
  if (!hyphen)
    {
      if (w->parts > 1)
        emit_word (w, w->compound, w->compound_len, w->compound_ascii);
      w->compound_len = 0;
      w->parts = 0;
      w->compound_ascii = TRUE;
    }
}

static void
word_append (Word     *w,
             gunichar  c)
{
  /* "Qwen2.5" is "Qwen 2.5"; short prefixes stay ("o3", "r1", "h100") */
  if (g_ascii_isdigit (c) && w->ascii_letters && w->len >= 3)
    word_flush (w, FALSE);
  if (w->len + 6 > SEISMO_TOKEN_MAX)
    return;
  if (c >= 0x80 || !g_ascii_islower (c))
    w->ascii_letters = FALSE;
  w->len += g_unichar_to_utf8 (c, w->buf + w->len);
}

static void
emit_pair (Word     *w,
           gunichar  a,
           gunichar  b)
{
  char pair[16];
  gsize n = g_unichar_to_utf8 (a, pair);

  if (b != 0)
    n += g_unichar_to_utf8 (b, pair + n);
  pair[n] = '\0';
  w->func (pair, n, w->user_data);
}

static gboolean
is_hyphen (gunichar c)
{
  return c == '-' || c == 0x2010 || c == 0x2011;
}

void
_seismo_tokenize (const char      *text,
                  SeismoTokenFunc  func,
                  gpointer         user_data)
{
  const guint8 *s = (const guint8 *) text;
  gsize len, i = 0;
  gunichar prev_unspaced = 0;
  gboolean pair_emitted = FALSE;
  Word w = { .ascii_letters = TRUE, .compound_ascii = TRUE, .func = func, .user_data = user_data };

  if (text == NULL)
    return;
  len = strlen (text);

  while (i < len)
    {
      gunichar c;
      gsize used;

      /* plain ASCII letters and digits, the bulk of any feed: no decoding,
       * no Unicode tables */
      if (g_ascii_isalnum (s[i]) && prev_unspaced == 0)
        {
          word_append (&w, g_ascii_tolower (s[i]));
          i++;
          continue;
        }

      used = _seismo_utf8_decode (s + i, len - i, &c);
      if (_seismo_unichar_is_unspaced (c) && _seismo_unichar_is_word (c))
        {
          word_flush (&w, FALSE);
          if (prev_unspaced != 0)
            {
              emit_pair (&w, prev_unspaced, c);
              pair_emitted = TRUE;
            }
          prev_unspaced = c;
          i += used;
          continue;
        }
      if (prev_unspaced != 0 && !pair_emitted)
        emit_pair (&w, prev_unspaced, 0);
      prev_unspaced = 0;
      pair_emitted = FALSE;

      if (_seismo_unichar_is_word (c))
        word_append (&w, _seismo_unichar_fold (c));
      else if (c == '.' && w.len > 0 && g_ascii_isdigit (w.buf[w.len - 1]) && i + 1 < len &&
               g_ascii_isdigit (s[i + 1]))
        word_append (&w, c); /* 2.5, 3.1: versions stay whole */
      else if ((c == '\'' || c == 0x2019) && w.len > 0 && i + used < len &&
               (s[i + used] == 's' || s[i + used] == 'S') &&
               (i + used + 1 >= len || !g_ascii_isalnum (s[i + used + 1])))
        {
          /* possessive: "DeepSeek's" is "deepseek" */
          word_flush (&w, FALSE);
          used += 1;
        }
      else
        word_flush (&w, is_hyphen (c) && i + used < len && g_ascii_isalnum (s[i + used]));
      i += used;
    }
  word_flush (&w, FALSE);
  if (prev_unspaced != 0 && !pair_emitted)
    emit_pair (&w, prev_unspaced, 0);
}
