/* seismo-html-text.c — HTML fragments to plain text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Titles and summaries arrive as HTML more often than not, and the app
 * only ever shows them as plain text (the rules are the corpus README's).
 * Most fragments are text with plain tags, which a short scan handles; the
 * rest (scripts, CDATA, unclosed tags…) goes to libxml2's HTML parser. We
 * resolve character references ourselves either way, because libxml2 only
 * knows the 253 HTML 4 names and HTML 5 has 2231.
 */

#include "config.h"

#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include "seismo-parse-private.h"

/* Deeper HTML than this is hostile; libxml2 would scan its whole element
 * stack on every stray end tag. */
#define MAX_HTML_DEPTH 256

#define NAME_CACHE_SIZE 64

typedef enum
{
  TAG_INLINE,
  TAG_BLOCK,
  TAG_DROP,
} TagKind;

struct _SeismoHtmlText
{
  htmlParserCtxtPtr  ctxt;
  GString           *buf;
  GString           *out;
  int                skip;
  int                depth;
  /* Tag names are interned in the context's dictionary, which lives as
   * long as we do, so their kind can be remembered by address. */
  struct
  {
    const xmlChar *name;
    TagKind        kind;
  } names[NAME_CACHE_SIZE];
};

/* A tag that starts or ends one of these reads as a word break. */
static const char *const block_tags[] = {
  "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
  "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
  "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td",
  "tfoot", "th", "thead", "tr", "ul",
};

static int
compare_name (const void *key,
              const void *member)
{
  return strcmp (key, *(const char *const *) member);
}

gboolean
_seismo_name_in (const char        *name,
                 gsize              len,
                 const char *const *table,
                 gsize              n)
{
  char lower[24];

  if (len == 0 || len >= sizeof lower)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    lower[i] = g_ascii_tolower (name[i]);
  lower[len] = '\0';
  return bsearch (lower, table, n, sizeof table[0], compare_name) != NULL;
}

gboolean
_seismo_is_html_block_tag (const char *name)
{
  return _seismo_name_in (name, strlen (name), block_tags, G_N_ELEMENTS (block_tags));
}

static gboolean
is_drop_tag (const char *name)
{
  return g_ascii_strcasecmp (name, "script") == 0 || g_ascii_strcasecmp (name, "style") == 0
         || g_ascii_strcasecmp (name, "applet") == 0;
}

void
_seismo_append_html_codepoint (GString *out,
                               guint32  c)
{
  if (c == 0 || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
    c = 0xFFFD;
  c = _seismo_cp1252_c1 (c);
  /* What Python's html.unescape() drops. */
  if ((c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r') || (c >= 0x7F && c <= 0x9F)
      || (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE)
    return;
  g_string_append_unichar (out, c);
}

/* XML keeps C1 controls as they are (feedparser maps them later, after
 * its double-encoding repair) and has no place for most C0 ones. */
static void
append_xml_codepoint (GString *out,
                      guint32  c)
{
  if (c == 0 || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
    c = 0xFFFD;
  if ((c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r') || c == 0xFFFE || c == 0xFFFF)
    return;
  g_string_append_unichar (out, c);
}

gsize
_seismo_parse_char_ref (const char       *s,
                        const char       *end,
                        SeismoRefContext  context,
                        GString          *out)
{
  const char *p = s + 1;
  const SeismoHtmlEntity *ent = NULL;
  gsize name_len;

  g_assert (*s == '&');
  if (p < end && *p == '#')
    {
      gboolean hex = p + 1 < end && (p[1] == 'x' || p[1] == 'X');
      const char *digits = p + (hex ? 2 : 1);
      guint32 c = 0;

      for (p = digits; p < end && (hex ? g_ascii_isxdigit (*p) : g_ascii_isdigit (*p)); p++)
        if (c <= 0x10FFFF)
          c = c * (hex ? 16 : 10) + (guint32) (hex ? g_ascii_xdigit_value (*p) : *p - '0');
      if (p == digits)
        return 0;
      if (p < end && *p == ';')
        p++;
      if (context == _SEISMO_REF_HTML)
        _seismo_append_html_codepoint (out, c);
      else
        append_xml_codepoint (out, c);
      return (gsize) (p - s);
    }

  name_len = 0;
  while (p + name_len < end && g_ascii_isalnum (p[name_len]) && name_len < 32)
    name_len++;
  if (name_len == 0)
    return 0;
  if (p + name_len < end && p[name_len] == ';')
    ent = _seismo_html_entity_lookup (p, name_len);
  if (ent != NULL)
    name_len++;
  else
    {
      /* Legacy names (&amp &copy …) also work without the ';', as a prefix. */
      for (name_len = MIN (name_len, 6); name_len >= 2; name_len--)
        {
          ent = _seismo_html_entity_lookup (p, name_len);
          if (ent != NULL && ent->legacy)
            break;
          ent = NULL;
        }
      if (ent == NULL)
        return 0;
      if (context == _SEISMO_REF_XML_ATTR && p + name_len < end
          && (g_ascii_isalnum (p[name_len]) || p[name_len] == '='))
        return 0;
    }
  g_string_append_unichar (out, ent->cp[0]);
  if (ent->cp[1] != 0)
    g_string_append_unichar (out, ent->cp[1]);
  return name_len + 1;
}

/* HTML without tags: only its references need resolving. */
static void
append_decoded (GString    *out,
                const char *s,
                gsize       len)
{
  const char *end = s + len;

  while (s < end)
    {
      const char *amp = memchr (s, '&', (gsize) (end - s));
      gsize n;

      if (amp == NULL)
        {
          g_string_append_len (out, s, end - s);
          return;
        }
      g_string_append_len (out, s, amp - s);
      n = _seismo_parse_char_ref (amp, end, _SEISMO_REF_HTML, out);
      if (n == 0)
        {
          g_string_append_c (out, '&');
          n = 1;
        }
      s = amp + n;
    }
}

static TagKind
tag_kind (SeismoHtmlText *self,
          const xmlChar  *name)
{
  guint slot = (guint) (((guintptr) name >> 3) % NAME_CACHE_SIZE);

  if (self->names[slot].name != name)
    {
      self->names[slot].name = name;
      if (is_drop_tag ((const char *) name))
        self->names[slot].kind = TAG_DROP;
      else if (_seismo_is_html_block_tag ((const char *) name))
        self->names[slot].kind = TAG_BLOCK;
      else
        self->names[slot].kind = TAG_INLINE;
    }
  return self->names[slot].kind;
}

static void
start_element_cb (void           *user_data,
                  const xmlChar  *name,
                  const xmlChar **attrs)
{
  SeismoHtmlText *self = user_data;

  if (++self->depth > MAX_HTML_DEPTH)
    {
      xmlStopParser (self->ctxt);
      return;
    }
  switch (tag_kind (self, name))
    {
    case TAG_DROP:
      self->skip++;
      break;
    case TAG_BLOCK:
      g_string_append_c (self->out, ' ');
      break;
    case TAG_INLINE:
    default:
      break;
    }
}

static void
end_element_cb (void          *user_data,
                const xmlChar *name)
{
  SeismoHtmlText *self = user_data;

  self->depth--;
  switch (tag_kind (self, name))
    {
    case TAG_DROP:
      self->skip = MAX (self->skip - 1, 0);
      break;
    case TAG_BLOCK:
      g_string_append_c (self->out, ' ');
      break;
    case TAG_INLINE:
    default:
      break;
    }
}

static void
characters_cb (void          *user_data,
               const xmlChar *text,
               int            len)
{
  SeismoHtmlText *self = user_data;

  if (self->skip == 0)
    g_string_append_len (self->out, (const char *) text, len);
}

SeismoHtmlText *
_seismo_html_text_new (void)
{
  SeismoHtmlText *self = g_new0 (SeismoHtmlText, 1);
  htmlSAXHandler *sax;

  self->ctxt = htmlNewParserCtxt ();
  self->buf = g_string_new (NULL);
  if (self->ctxt == NULL)
    return self;
  sax = (htmlSAXHandler *) self->ctxt->sax;
  memset (sax, 0, sizeof *sax);
  sax->initialized = 1;
  sax->startElement = start_element_cb;
  sax->endElement = end_element_cb;
  sax->characters = characters_cb;
  sax->ignorableWhitespace = characters_cb;
  sax->cdataBlock = characters_cb;
  self->ctxt->userData = self;
  return self;
}

void
_seismo_html_text_free (SeismoHtmlText *self)
{
  if (self == NULL)
    return;
  if (self->ctxt != NULL)
    htmlFreeParserCtxt (self->ctxt);
  g_string_free (self->buf, TRUE);
  g_free (self);
}

/* References become characters (markup-significant ones re-escaped) and a
 * '<' that cannot start a tag becomes text, so the HTML parser only ever
 * sees &amp; and &lt;. */
static void
prepare_html (GString    *buf,
              const char *s,
              gsize       len)
{
  const char *end = s + len, *run = s, *p = s;

  g_string_truncate (buf, 0);
  while (p < end)
    {
      if (*p != '&' && *p != '<')
        {
          p++;
          continue;
        }
      g_string_append_len (buf, run, p - run);
      if (*p == '&')
        {
          gsize before = buf->len;
          gsize n = _seismo_parse_char_ref (p, end, _SEISMO_REF_HTML, buf);

          if (n == 0)
            {
              g_string_append (buf, "&amp;");
              n = 1;
            }
          else if (buf->len == before + 1 && (buf->str[before] == '&' || buf->str[before] == '<'))
            {
              const char *esc = buf->str[before] == '&' ? "&amp;" : "&lt;";

              g_string_truncate (buf, before);
              g_string_append (buf, esc);
            }
          p += n;
        }
      else
        {
          gboolean tag = p + 1 < end
                         && (g_ascii_isalpha (p[1]) || p[1] == '/' || p[1] == '?'
                             || (p[1] == '!' && p + 2 < end
                                 && (g_ascii_isalpha (p[2]) || p[2] == '-' || p[2] == '[')));

          g_string_append (buf, tag ? "<" : "&lt;");
          p++;
        }
      run = p;
    }
  g_string_append_len (buf, run, p - run);
}

/* Elements whose content is not plain markup; fragments with them go to
 * libxml2. */
static gboolean
is_special_tag (const char *name,
                gsize       len)
{
  static const char *const special[] = {
    "applet", "iframe", "noembed", "noframes", "noscript", "plaintext", "script", "style",
    "template", "textarea", "title", "xmp",
  };

  return _seismo_name_in (name, len, special, G_N_ELEMENTS (special));
}

static gboolean
is_html_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static const char *
skip_tag_name (const char *p,
               const char *end)
{
  while (p < end && !is_html_space (*p) && *p != '/' && *p != '>')
    p++;
  return p;
}

/* Skips attributes the way an HTML tokenizer reads them (quotes count only
 * after '='); returns the tag's '>', or NULL if it has none. */
static const char *
skip_attributes (const char *p,
                 const char *end)
{
  while (p < end)
    {
      while (p < end && (is_html_space (*p) || *p == '/'))
        p++;
      if (p >= end || *p == '>')
        break;
      while (p < end && !is_html_space (*p) && *p != '/' && *p != '>' && *p != '=')
        p++;
      while (p < end && is_html_space (*p))
        p++;
      if (p >= end || *p != '=')
        continue;
      for (p++; p < end && is_html_space (*p); p++)
        ;
      if (p < end && (*p == '"' || *p == '\''))
        {
          const char *close = memchr (p + 1, *p, end - p - 1);

          if (close == NULL)
            return NULL;
          p = close + 1;
        }
      else
        while (p < end && !is_html_space (*p) && *p != '>')
          p++;
    }
  return p < end ? p : NULL;
}

/* The common case, text with plain tags (<p>, <a href="…">, <br/>, a
 * comment), takes a few instructions a byte here, where libxml2 takes a
 * hundred. Anything else returns FALSE, leaving @out as it was. */
static gboolean
append_simple_html (const char *s,
                    gsize       len,
                    GString    *out)
{
  const char *p = s, *end = s + len, *run = s;
  gsize start_len = out->len;

  while (p < end)
    {
      const char *name, *q;
      gboolean closing;

      if (*p != '<' && *p != '&')
        {
          p++;
          continue;
        }
      g_string_append_len (out, run, p - run);
      if (*p == '&')
        {
          gsize n = _seismo_parse_char_ref (p, end, _SEISMO_REF_HTML, out);

          if (n == 0)
            {
              g_string_append_c (out, '&');
              n = 1;
            }
          run = p += n;
          continue;
        }
      if (p + 4 <= end && memcmp (p, "<!--", 4) == 0)
        {
          q = memmem (p + 4, end - p - 4, "-->", 3);
          if (q == NULL)
            goto bail;
          run = p = q + 3;
          continue;
        }
      closing = p + 1 < end && p[1] == '/';
      name = p + 1 + closing;
      if (name >= end || !g_ascii_isalpha (*name))
        {
          if (closing || (name < end && (*name == '!' || *name == '?')))
            goto bail;
          /* "1 < 2" is text. */
          g_string_append_c (out, '<');
          run = ++p;
          continue;
        }
      q = skip_tag_name (name, end);
      if (is_special_tag (name, q - name))
        goto bail;
      if (_seismo_name_in (name, q - name, block_tags, G_N_ELEMENTS (block_tags)))
        g_string_append_c (out, ' ');
      q = skip_attributes (q, end);
      if (q == NULL)
        goto bail;
      run = p = q + 1;
    }
  g_string_append_len (out, run, p - run);
  return TRUE;

bail:
  g_string_truncate (out, start_len);
  return FALSE;
}

/* The rest goes through libxml2's HTML parser. */
static void
append_with_libxml2 (SeismoHtmlText *self,
                     const char     *html,
                     gsize           len,
                     GString        *out)
{
  xmlParserInputBufferPtr input;
  xmlParserInputPtr stream;

  prepare_html (self->buf, html, len);
  if (self->buf->len > G_MAXINT)
    return;

  /* htmlCtxtReadMemory() would run the input through a UTF-8 to UTF-8
   * "conversion"; it is UTF-8 already. (A static buffer would save the
   * copy, but libxml2 2.9 re-reads text when it shrinks one.) */
  htmlCtxtReset (self->ctxt);
  input = xmlParserInputBufferCreateMem (self->buf->str, (int) self->buf->len,
                                         XML_CHAR_ENCODING_NONE);
  if (input == NULL)
    return;
  stream = xmlNewIOInputStream (self->ctxt, input, XML_CHAR_ENCODING_NONE);
  if (stream == NULL)
    {
      xmlFreeParserInputBuffer (input);
      return;
    }
  inputPush (self->ctxt, stream);
  htmlCtxtUseOptions (self->ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING
                                  | HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC);
  self->ctxt->charset = XML_CHAR_ENCODING_UTF8;
  self->out = out;
  self->skip = 0;
  self->depth = 0;
  htmlParseDocument (self->ctxt);
  self->out = NULL;
}

void
_seismo_html_text_append (SeismoHtmlText *self,
                          const char     *html,
                          gsize           len,
                          GString        *out)
{
  if (memchr (html, '<', len) == NULL)
    append_decoded (out, html, len);
  else if (!append_simple_html (html, len, out) && self->ctxt != NULL)
    append_with_libxml2 (self, html, len, out);
}

