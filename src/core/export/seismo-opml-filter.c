/* seismo-opml-filter.c — what XML would drop from a hand-made OPML file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include "seismo-opml-private.h"

/* OPML files are often written by hand or by tools that do not escape: a
 * feed URL's query string with a bare '&', an HTML entity (&eacute;) that
 * XML does not know. libxml2's recover mode would drop both, cutting URLs.
 * This linear pass, before libxml2 sees the bytes, turns a bare '&' into
 * "&amp;" and an HTML 4 entity into its character reference; any other
 * "&name;" is left for libxml2, which knows no entity but XML's five (see
 * seismo-opml.c), so it is dropped, never expanded. Its output is at most
 * five times its input. */

#define MAX_REF_NAME 32

static gboolean
is_name_char (guchar c,
              gboolean first)
{
  return g_ascii_isalpha (c) || c == '_' || c == ':' ||
         (!first && (g_ascii_isdigit (c) || c == '.' || c == '-'));
}

/* Writes the '&' at @s and what follows as XML will keep it; returns the
 * bytes used, or 0 when the buffer ends before that can be known. */
static gsize
filter_reference (const char *s,
                  const char *end,
                  gboolean    final,
                  GString    *out)
{
  const char *p = s + 1;

  if (p < end && *p == '#')
    {
      gboolean hex = p + 1 < end && (p[1] == 'x' || p[1] == 'X');

      p += hex ? 2 : 1;
      while (p < end && p - s < MAX_REF_NAME &&
             (hex ? g_ascii_isxdigit (*p) : g_ascii_isdigit (*p)))
        p++;
      if (p == end && !final && p - s < MAX_REF_NAME)
        return 0;
      if (p < end && *p == ';' && p > s + (hex ? 3 : 2))
        {
          g_string_append_len (out, s, p + 1 - s);
          return p + 1 - s;
        }
    }
  else
    {
      while (p < end && p - s <= MAX_REF_NAME && is_name_char (*p, p == s + 1))
        p++;
      if (p == end && !final && p - s <= MAX_REF_NAME)
        return 0;
      if (p < end && *p == ';' && p > s + 1)
        {
          g_autofree char *name = g_strndup (s + 1, p - s - 1);
          const htmlEntityDesc *html = NULL;

          if (xmlGetPredefinedEntity ((const xmlChar *) name) == NULL)
            html = htmlEntityLookup ((const xmlChar *) name);
          if (html != NULL)
            g_string_append_printf (out, "&#%u;", html->value);
          else
            g_string_append_len (out, s, p + 1 - s);
          return p + 1 - s;
        }
    }
  g_string_append (out, "&amp;");
  return 1;
}

/* Moves @in to @out, filtered; the start of a reference cut by the end of
 * @in stays in @in for the next call (unless @final). */
void
_seismo_opml_filter (GString  *in,
                     gboolean  final,
                     GString  *out)
{
  const char *s = in->str;
  const char *end = s + in->len;

  while (s < end)
    {
      const char *amp = memchr (s, '&', end - s);
      gsize used;

      if (amp == NULL)
        {
          g_string_append_len (out, s, end - s);
          s = end;
          break;
        }
      g_string_append_len (out, s, amp - s);
      s = amp;
      if ((used = filter_reference (s, end, final, out)) == 0)
        break;
      s += used;
    }
  g_string_erase (in, 0, s - in->str);
}
