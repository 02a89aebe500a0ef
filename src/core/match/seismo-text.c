/* seismo-text.c — character classes shared by the matcher and the clusterer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "seismo-text-private.h"

/* Letters, digits and combining marks: what a word is made of. */
gboolean
_seismo_unichar_is_word (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c);
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* Scripts written without spaces between words (or with particles glued
 * to nouns, as in Korean): a word boundary cannot be required next to them,
 * or "月之暗面发布" and "오픈AI는" would never match. */
gboolean
_seismo_unichar_is_unspaced (gunichar c)
{
  if (c < 0x0E00)
    return FALSE;

  switch ((int) g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
    case G_UNICODE_SCRIPT_HANGUL:
    case G_UNICODE_SCRIPT_THAI:
    case G_UNICODE_SCRIPT_LAO:
    case G_UNICODE_SCRIPT_KHMER:
    case G_UNICODE_SCRIPT_MYANMAR:
      return TRUE;
    default:
      return FALSE;
    }
}

/* What may stand between the parts of a name: "GPT-4o", "GPT 4o",
 * "DALL·E", a non-breaking space in "Claude 3.5". */
gboolean
_seismo_unichar_is_separator (gunichar c)
{
  switch (c)
    {
    case '-':
    case '_':
    case 0x00B7: /* middle dot */
    case 0x2010: /* hyphen */
    case 0x2011: /* non-breaking hyphen */
    case 0x2012: /* figure dash */
    case 0x2013: /* en dash */
    case 0x2014: /* em dash */
    case 0x2015: /* horizontal bar */
    case 0x2212: /* minus sign */
    case 0x30FB: /* katakana middle dot */
      return TRUE;
    default:
      return g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR;
    }
}

/* Simple lower-casing that never changes the UTF-8 length, so the folded
 * stream stays byte-aligned with the original and case-sensitive aliases
 * can be checked against the same offsets. The few characters whose lower
 * case has another length (U+0130, U+212A, U+212B) are left as they are. */
gunichar
_seismo_unichar_fold (gunichar c)
{
  gunichar l;

  if (c < 0x80)
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  l = g_unichar_tolower (c);
  if (l != c && g_unichar_to_utf8 (l, NULL) != g_unichar_to_utf8 (c, NULL))
    return c;
  return l;
}

/* Decodes one character of possibly broken UTF-8. Returns the number of
 * bytes used (at least 1); a broken sequence yields U+FFFD for one byte,
 * so feed text with stray Latin-1 still scans. */
gsize
_seismo_utf8_decode (const guint8 *s,
                     gsize         avail,
                     gunichar     *out)
{
  guint8 b = s[0];
  gsize len;
  gunichar c;

  if (b < 0x80)
    {
      *out = b;
      return 1;
    }
  if (b >= 0xC2 && b <= 0xDF)
    len = 2, c = b & 0x1F;
  else if (b >= 0xE0 && b <= 0xEF)
    len = 3, c = b & 0x0F;
  else if (b >= 0xF0 && b <= 0xF4)
    len = 4, c = b & 0x07;
  else
    goto bad;

  if (len > avail)
    goto bad;
  for (gsize i = 1; i < len; i++)
    {
      if ((s[i] & 0xC0) != 0x80)
        goto bad;
      c = (c << 6) | (s[i] & 0x3F);
    }
  /* overlong forms, surrogates and values past U+10FFFF */
  if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
      (c >= 0xD800 && c <= 0xDFFF))
    goto bad;
  *out = c;
  return len;

bad:
  *out = 0xFFFD;
  return 1;
}
