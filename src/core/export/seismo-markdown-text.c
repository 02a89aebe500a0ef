/* seismo-markdown-text.c — CommonMark and YAML escaping, and notes kept whole
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "seismo-markdown-private.h"

/* Titles, company names and tags come from feeds and users: any of them can
 * hold characters that CommonMark reads as markup. Escaping is minimal, so
 * that the raw file stays readable in Obsidian's editor: only what could
 * start markup is backslashed ("DeepSeek-R1" stays as it is, "C#" does not). */

/* "&amp;" or "&#38;" would be read as a character reference. */
static gboolean
entity_follows (const char *amp)
{
  const char *p = amp + 1;
  int n = 0;

  if (*p == '#')
    {
      p++;
      if (*p == 'x' || *p == 'X')
        for (p++; g_ascii_isxdigit (*p) && n < 7; p++)
          n++;
      else
        for (; g_ascii_isdigit (*p) && n < 8; p++)
          n++;
    }
  else
    for (; g_ascii_isalnum (*p) && n < 33; p++)
      n++;
  return n > 0 && *p == ';';
}

/* Inline text: one line, no markup. A "_" between two letters or digits
 * can neither open nor close emphasis, so "model_v2" stays unescaped. */
void
seismo_markdown_append_text (GString    *out,
                             const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    return;
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c < 0x20 || c == 0x7f)
        {
          g_string_append_c (out, ' ');
          continue;
        }
      switch (c)
        {
        case '\\': case '`': case '*': case '[': case ']': case '<': case '>':
        case '#': case '|': case '~':
          g_string_append_c (out, '\\');
          break;
        case '_':
          if (p == text || !g_ascii_isalnum (p[-1]) || !g_ascii_isalnum (p[1]))
            g_string_append_c (out, '\\');
          break;
        case '&':
          if (entity_follows (p))
            g_string_append_c (out, '\\');
          break;
        default:
          break;
        }
      g_string_append_c (out, c);
    }
}

/* A link destination: wrapped in <…> when it holds a space or a
 * parenthesis, "<" and ">" and control characters percent-encoded (they
 * are not valid in a URL anyway), "\" backslashed, and a character
 * reference ("&amp;") broken up, so that the parser gives back the same
 * URL. */
void
seismo_markdown_append_destination (GString    *out,
                                    const char *url)
{
  gboolean wrap = url[0] == '\0' || strpbrk (url, " ()") != NULL;

  if (wrap)
    g_string_append_c (out, '<');
  for (const char *p = url; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c == '<' || c == '>' || c < 0x20 || c == 0x7f || (c == ' ' && !wrap))
        g_string_append_printf (out, "%%%02X", c);
      else if (c == '&' && entity_follows (p))
        {
          /* cmark decodes references in a destination before it drops
           * backslashes, so "\\&amp;" does not survive; "&%61mp;" means the
           * same URL (RFC 3986 §6.2.2.2) to every parser. */
          g_string_append_c (out, '&');
          if (*++p == '#')
            g_string_append_c (out, *p++);
          g_string_append_printf (out, "%%%02X", (guchar) *p);
        }
      else
        {
          if (c == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, c);
        }
    }
  if (wrap)
    g_string_append_c (out, '>');
}

/* A YAML double-quoted scalar: safe whatever the text, including "---",
 * ": ", "#", a leading "&" or "*", and the Unicode line breaks YAML knows. */
void
seismo_markdown_append_yaml_string (GString    *out,
                                    const char *text)
{
  g_autofree char *valid = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", (char) c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f))
        g_string_append_printf (out, "\\x%02X", c);
      else if (c == 0x2028 || c == 0x2029 || c == 0xfeff)
        g_string_append_printf (out, "\\u%04X", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  g_string_append_c (out, '"');
}

/* A line's indentation, with tabs to the next multiple of 4. */
static int
indentation (const char *line,
             const char *end,
             const char **text)
{
  int width = 0;

  for (*text = line; *text < end && (**text == ' ' || **text == '\t'); (*text)++)
    width = **text == '\t' ? (width / 4 + 1) * 4 : width + 1;
  return width;
}

static gboolean
has_prefix_ci (const char *text,
               const char *end,
               const char *prefix)
{
  size_t n = strlen (prefix);

  return (size_t) (end - text) >= n && g_ascii_strncasecmp (text, prefix, n) == 0;
}

static gboolean
contains_ci (const char *text,
             const char *end,
             const char *needle)
{
  for (; text < end; text++)
    if (has_prefix_ci (text, end, needle))
      return TRUE;
  return FALSE;
}

static const char * const raw_tags[] = { "script", "pre", "style", "textarea" };
#define RAW_END "</raw>" /* any of the raw tags' closing tags */

/* The HTML blocks of CommonMark §4.6 kinds 1–5 run until an end marker,
 * across blank lines: returns the marker. Any other line starting with "<"
 * may begin a block (kinds 6–7) that runs to the next blank line: returns
 * "". Otherwise NULL. */
static const char *
html_block_end (const char *text,
                const char *end)
{
  if (has_prefix_ci (text, end, "<!--"))
    return "-->";
  if (has_prefix_ci (text, end, "<![CDATA["))
    return "]]>";
  if (has_prefix_ci (text, end, "<?"))
    return "?>";
  if (end - text > 2 && text[0] == '<' && text[1] == '!' && g_ascii_isalpha (text[2]))
    return ">";
  for (guint i = 0; i < G_N_ELEMENTS (raw_tags); i++)
    {
      size_t n = strlen (raw_tags[i]);

      if (has_prefix_ci (text + 1, end, raw_tags[i]) &&
          (text + 1 + n == end || strchr (" \t\r>", text[1 + n]) != NULL))
        return RAW_END;
    }
  return text < end && text[0] == '<' ? "" : NULL;
}

static gboolean
html_block_ends (const char *line,
                 const char *end,
                 const char *marker)
{
  if (g_str_equal (marker, RAW_END))
    {
      for (guint i = 0; i < G_N_ELEMENTS (raw_tags); i++)
        {
          g_autofree char *closing = g_strdup_printf ("</%s>", raw_tags[i]);

          if (contains_ci (line, end, closing))
            return TRUE;
        }
      return FALSE;
    }
  return contains_ci (line, end, marker);
}

static gboolean
thematic_break (const char *text,
                const char *end)
{
  int n = 0;

  if (text == end || strchr ("-*_", *text) == NULL)
    return FALSE;
  for (const char *p = text; p < end; p++)
    if (*p == *text)
      n++;
    else if (*p != ' ' && *p != '\t' && *p != '\r')
      return FALSE;
  return n >= 3;
}

/* A list item's content column, or 0 when the line does not start one. */
static int
list_item_offset (int         indent,
                  const char *text,
                  const char *end)
{
  const char *p = text;
  int spaces = 0;

  if (p < end && strchr ("-+*", *p) != NULL)
    p++;
  else
    {
      while (p < end && g_ascii_isdigit (*p) && p - text < 9)
        p++;
      if (p == text || p == end || (*p != '.' && *p != ')'))
        return 0;
      p++;
    }
  if (p < end && *p != ' ' && *p != '\t' && *p != '\r')
    return 0;
  while (p + spaces < end && p[spaces] == ' ')
    spaces++;
  if (spaces == 0 || spaces > 4 || p + spaces == end)
    spaces = 1;
  return indent + (p - text) + spaces;
}

static gboolean
blank_line (const char *text,
            const char *end)
{
  for (; text < end; text++)
    if (*text != ' ' && *text != '\t' && *text != '\r')
      return FALSE;
  return TRUE;
}

typedef struct
{
  char        fence;       /* the open fence's character, or 0 */
  size_t      fence_len;
  const char *html_end;    /* the open HTML block's end marker ("" for a blank line) */
  int         item_offset; /* the open top-level list item's content column, or 0 */
  gboolean    after_blank;
} Scan;

static void
scan_line (Scan       *scan,
           const char *line,
           const char *end)
{
  const char *text;
  int indent = indentation (line, end, &text);
  gboolean blank = blank_line (text, end);
  gboolean after_blank = scan->after_blank;

  scan->after_blank = blank;
  if (scan->fence != 0)
    {
      size_t n = 0;

      while (text + n < end && text[n] == scan->fence)
        n++;
      if (indent < 4 && n >= scan->fence_len && blank_line (text + n, end))
        scan->fence = 0;
      return;
    }
  if (scan->html_end != NULL)
    {
      if (scan->html_end[0] == '\0' ? blank : html_block_ends (line, end, scan->html_end))
        scan->html_end = NULL;
      return;
    }
  if (blank)
    return;
  /* Inside a list item, or indented code, or a paragraph's lazy line. */
  if ((scan->item_offset > 0 && indent >= scan->item_offset) || indent >= 4)
    {
      if (indent < scan->item_offset && after_blank)
        scan->item_offset = 0;
      return;
    }

  if ((*text == '`' || *text == '~'))
    {
      size_t n = 0;

      while (text + n < end && text[n] == *text)
        n++;
      if (n >= 3 && (*text == '~' || memchr (text + n, '`', end - text - n) == NULL))
        {
          scan->item_offset = 0;
          scan->fence = *text;
          scan->fence_len = n;
          return;
        }
    }
  if ((scan->html_end = html_block_end (text, end)) != NULL)
    {
      scan->item_offset = 0;
      /* The end marker may close the block on its opening line. */
      if (scan->html_end[0] != '\0' && html_block_ends (text + 2, end, scan->html_end))
        scan->html_end = NULL;
      return;
    }
  if (thematic_break (text, end))
    scan->item_offset = 0;
  else if (list_item_offset (indent, text, end) > 0)
    scan->item_offset = list_item_offset (indent, text, end);
  else if (after_blank)
    scan->item_offset = 0; /* not a lazy line: the item has ended */
}

/* A note is written exactly as the user wrote it, but a note that ends
 * inside a fenced code block or an HTML block would swallow every heading
 * after it. Returns the line that closes what the note leaves open, or
 * NULL. Only top-level blocks matter: the export's next heading closes any
 * list item or quote, and whatever is open inside them. When in doubt
 * (a line that may be inside a container or an HTML block) the scan
 * skips the line: a closing fence added where no fence is open would
 * itself open one. */
char *
_seismo_markdown_unclosed (const char *body)
{
  Scan scan = { 0, 0, NULL, 0, TRUE };
  const char *line = body;

  while (*line != '\0')
    {
      const char *end = strchr (line, '\n');

      if (end == NULL)
        end = line + strlen (line);
      scan_line (&scan, line, end);
      line = *end == '\0' ? end : end + 1;
    }

  if (scan.fence != 0)
    return g_strnfill (scan.fence_len, scan.fence);
  if (scan.html_end != NULL && scan.html_end[0] != '\0')
    return g_strdup (g_str_equal (scan.html_end, RAW_END) ? "</pre>" : scan.html_end);
  return NULL;
}

/* Whether a note placed after the sources list would be read as part of
 * it: its first line indented, or a "-" item continuing the list. */
gboolean
_seismo_markdown_joins_list (const char *body)
{
  const char *p = body;

  while (*p == '\n' || *p == '\r')
    p++;
  if (*p == ' ' || *p == '\t')
    return TRUE;
  return p[0] == '-' && (p[1] == ' ' || p[1] == '\t' || p[1] == '\n' || p[1] == '\r' ||
                         p[1] == '\0');
}
