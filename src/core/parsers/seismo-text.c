/* seismo-text.c — the clean-ups every text field goes through
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whitespace, double-encoded UTF-8, C1 controls, authors written as
 * "me@x.com (Jane)", and RSS titles that may or may not be HTML: small
 * rules, each from the corpus README or from feedparser's behaviour that
 * the README records.
 */

#include "config.h"

#include <string.h>

#include "seismo-parse-private.h"

/* What feedparser's sanitizer lets through; an RSS title made only of
 * these "looks like HTML". */
static const char *const acceptable_tags[] = {
  "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "big",
  "blockquote", "br", "button", "canvas", "caption", "center", "cite", "code", "col",
  "colgroup", "command", "datagrid", "datalist", "dd", "del", "details", "dfn", "dialog",
  "dir", "div", "dl", "dt", "em", "event-source", "fieldset", "figcaption", "figure",
  "font", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i",
  "img", "input", "ins", "kbd", "keygen", "label", "legend", "li", "m", "map", "menu",
  "meter", "multicol", "nav", "nextid", "noscript", "ol", "optgroup", "option",
  "output", "p", "pre", "progress", "q", "rp", "rt", "ruby", "s", "samp", "section",
  "select", "small", "sound", "source", "spacer", "span", "strike", "strong", "sub",
  "sup", "table", "tbody", "td", "textarea", "tfoot", "th", "thead", "time", "tr", "tt",
  "u", "ul", "var", "video",
};

static gboolean
is_word_byte (guchar c)
{
  return g_ascii_isalnum (c) || c == '_' || c >= 0x80;
}

/* feedparser's guess: a close tag or a reference, only tags its sanitizer
 * allows and only entities HTML 4 knows. */
gboolean
_seismo_looks_like_html (const char *s)
{
  gboolean candidate = FALSE;

  for (const char *p = s; *p != '\0'; p++)
    {
      if (*p == '<' && p[1] == '/')
        {
          const char *q = p + 2;

          while (is_word_byte (*q))
            q++;
          candidate |= q > p + 2 && *q == '>';
        }
      else if (*p == '&')
        {
          const char *q = p + 1;

          if (*q == '#')
            q++;
          while (is_word_byte (*q))
            q++;
          candidate |= q > p + 1 + (p[1] == '#') && *q == ';';
        }
    }
  if (!candidate)
    return FALSE;

  for (const char *p = s; *p != '\0'; p++)
    {
      const char *name, *q;

      if (*p == '<')
        {
          name = p + 1 + (p[1] == '/');
          for (q = name; is_word_byte (*q); q++)
            ;
          if (q > name
              && !_seismo_name_in (name, q - name, acceptable_tags, G_N_ELEMENTS (acceptable_tags)))
            return FALSE;
        }
      else if (*p == '&')
        {
          const SeismoHtmlEntity *ent;

          name = p + 1;
          for (q = name; is_word_byte (*q); q++)
            ;
          if (q == name || *q != ';')
            continue;
          ent = _seismo_html_entity_lookup (name, q - name);
          if (ent == NULL || !ent->html4)
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
is_collapsible (const guchar *p,
                const guchar *end,
                gsize        *width)
{
  if (*p == ' ' || (*p >= '\t' && *p <= '\r'))
    {
      *width = 1;
      return TRUE;
    }
  if (*p == 0xC2 && p + 1 < end && p[1] == 0xA0)
    {
      *width = 2;
      return TRUE;
    }
  return FALSE;
}

char *
_seismo_collapse_ws (const char *s,
                     gsize       len)
{
  /* TAB LF VT FF CR SPACE, and 0xC2 as the lead byte of U+00A0. */
  static const guint8 maybe_space[256] = {
    ['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1, [' '] = 1, [0xC2] = 1,
  };
  const guchar *p = (const guchar *) s, *end = p + len;
  char *out = g_malloc (len + 1);
  char *o = out;
  gboolean pending = FALSE;

  /* The result is never longer than the input, so it is written in place. */
  while (p < end)
    {
      const guchar *run = p;
      gsize w;

      while (p < end && !maybe_space[*p])
        p++;
      if (p > run)
        {
          if (pending && o > out)
            *o++ = ' ';
          memcpy (o, run, p - run);
          o += p - run;
          pending = FALSE;
        }
      if (p >= end)
        break;
      if (is_collapsible (p, end, &w))
        {
          pending = TRUE;
          p += w;
        }
      else
        {
          if (pending && o > out)
            *o++ = ' ';
          pending = FALSE;
          *o++ = (char) *p++;
        }
    }
  *o = '\0';
  return out;
}

static gboolean
is_python_space (gunichar c)
{
  return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0
         || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029
         || c == 0x202F || c == 0x205F || c == 0x3000;
}

void
_seismo_strip_unicode_ws (GString *s)
{
  const char *start = s->str, *end = s->str + s->len;

  while (start < end)
    {
      gunichar c = g_utf8_get_char_validated (start, end - start);

      if (c >= 0x110000 || !is_python_space (c))
        break;
      start = g_utf8_next_char (start);
    }
  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);
      gunichar c;

      if (prev == NULL)
        break;
      c = g_utf8_get_char_validated (prev, end - prev);
      if (c >= 0x110000 || !is_python_space (c))
        break;
      end = prev;
    }
  g_string_truncate (s, end - s->str);
  g_string_erase (s, 0, start - s->str);
}

void
_seismo_fix_text (GString  *s,
                  gboolean  utf8_repair)
{
  gboolean latin1_only = TRUE;
  const char *p, *end = s->str + s->len;

  /* Code points U+0080..U+00FF are the only ones either fix touches. */
  if (memchr (s->str, 0xC2, s->len) == NULL && memchr (s->str, 0xC3, s->len) == NULL)
    return;

  for (p = s->str; p < end && latin1_only; p = g_utf8_next_char (p))
    latin1_only = (guchar) *p < 0xC4;
  if (utf8_repair && latin1_only)
    {
      GString *bytes = g_string_sized_new (s->len);

      for (p = s->str; p < end; p = g_utf8_next_char (p))
        g_string_append_c (bytes, (char) g_utf8_get_char (p));
      if (_seismo_utf8_validate (bytes->str, bytes->len))
        {
          g_string_truncate (s, 0);
          g_string_append_len (s, bytes->str, bytes->len);
        }
      g_string_free (bytes, TRUE);
    }

  /* C1 controls are almost always windows-1252 read as Latin-1. */
  if (memchr (s->str, 0xC2, s->len) != NULL)
    {
      GString *out = g_string_sized_new (s->len + 16);

      for (gsize i = 0; i < s->len; i++)
        {
          guchar b = i + 1 < s->len ? (guchar) s->str[i + 1] : 0;
          gboolean c1 = (guchar) s->str[i] == 0xC2 && b >= 0x80 && b <= 0x9F;
          guint32 c = c1 ? _seismo_cp1252_c1 (b) : 0;

          if (c != 0 && c != b)
            {
              g_string_append_unichar (out, c);
              i++;
            }
          else
            g_string_append_c (out, s->str[i]);
        }
      g_string_truncate (s, 0);
      g_string_append_len (s, out->str, out->len);
      g_string_free (out, TRUE);
    }
}

/* Where feedparser's e-mail pattern matches in an author string:
 * local@(label.)+tld, the tld being 2-4 letters or 1-3 digits. */
static gboolean
find_email (const char *s,
            gsize      *start,
            gsize      *end)
{
  for (const char *at = strchr (s, '@'); at != NULL; at = strchr (at + 1, '@'))
    {
      const char *b = at, *labels_end[64], *q = at + 1, *tail = NULL;
      int n_labels = 0;

      while (b > s && (g_ascii_isalnum (b[-1]) || strchr ("_.+-", b[-1]) != NULL))
        b--;
      if (b == at)
        continue;
      for (;;)
        {
          const char *l = q;

          while (g_ascii_isalnum (*l) || *l == '-')
            l++;
          if (l == q || *l != '.' || n_labels == G_N_ELEMENTS (labels_end))
            break;
          q = l + 1;
          labels_end[n_labels++] = q;
        }
      for (int k = n_labels; k > 0 && tail == NULL; k--)
        {
          const char *t = labels_end[k - 1];
          int alpha = 0, digit = 0;

          while (alpha < 4 && g_ascii_isalpha (t[alpha]))
            alpha++;
          while (digit < 3 && g_ascii_isdigit (t[digit]))
            digit++;
          if (alpha >= 2)
            tail = t + alpha;
          else if (digit >= 1)
            tail = t + digit;
        }
      if (tail == NULL)
        continue;
      if (*tail == ']')
        tail++;
      if (g_str_has_prefix (tail, "?subject=") && tail[9] != '\0' && !g_ascii_isspace (tail[9]))
        for (tail += 9; *tail != '\0' && !g_ascii_isspace (*tail); tail++)
          ;
      *start = b - s;
      *end = tail - s;
      return TRUE;
    }
  return FALSE;
}

/* "me@x.com (Jane)" → "Jane"; a bare address stays an address. */
char *
_seismo_author_from_text (const char *text)
{
  g_autoptr(GString) name = g_string_new (text);
  g_autofree char *email = NULL;
  gsize start, end;

  if (find_email (text, &start, &end))
    {
      email = g_strndup (text + start, end - start);
      /* One pass each, in this order, as str.replace() does. */
      g_string_replace (name, email, "", 0);
      g_string_replace (name, "()", "", 0);
      g_string_replace (name, "<>", "", 0);
      g_string_replace (name, "&lt;&gt;", "", 0);
      _seismo_strip_unicode_ws (name);
      if (name->len > 0 && name->str[0] == '(')
        g_string_erase (name, 0, 1);
      if (name->len > 0 && name->str[name->len - 1] == ')')
        g_string_truncate (name, name->len - 1);
      _seismo_strip_unicode_ws (name);
    }
  if (name->len > 0)
    return g_string_free (g_steal_pointer (&name), FALSE);
  return g_steal_pointer (&email);
}

char *
_seismo_take_nonempty (char *s)
{
  if (s != NULL && *s == '\0')
    g_clear_pointer (&s, g_free);
  return s;
}
