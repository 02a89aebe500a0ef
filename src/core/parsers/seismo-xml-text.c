/* seismo-xml-text.c — the text of feed elements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A title or a summary can be plain text, escaped HTML, inline XHTML or
 * base64; whatever it is, it comes out of here as plain text with its
 * whitespace collapsed, the way the corpus README describes.
 */

#include "config.h"

#include <string.h>

#include "seismo-xml-private.h"

static const char *
attr_text (const xmlAttr *a)
{
  for (const xmlNode *c = a->children; c != NULL; c = c->next)
    if (c->type == XML_TEXT_NODE && c->content != NULL)
      return (const char *) c->content;
  return "";
}

/* An attribute without a namespace; feedparser lowercases their names. */
const char *
_seismo_xml_get_attr (xmlNode    *el,
                      const char *name)
{
  for (const xmlAttr *a = el->properties; a != NULL; a = a->next)
    if (a->ns == NULL && g_ascii_strcasecmp ((const char *) a->name, name) == 0)
      return attr_text (a);
  return NULL;
}

const char *
_seismo_xml_get_ns_attr (xmlNode    *el,
                         const char *ns_uri,
                         const char *prefixed_name)
{
  const char *local = strchr (prefixed_name, ':') + 1;

  for (const xmlAttr *a = el->properties; a != NULL; a = a->next)
    {
      if (a->ns != NULL && g_str_equal ((const char *) a->ns->href, ns_uri)
          && g_ascii_strcasecmp ((const char *) a->name, local) == 0)
        return attr_text (a);
      if (a->ns == NULL && g_ascii_strcasecmp ((const char *) a->name, prefixed_name) == 0)
        return attr_text (a);
    }
  return NULL;
}

/* CDATA sections come back from seismo-xml-prepare.c as <?sc N?>. Their
 * line ends get the normalization XML would have given them. */
static void
append_cdata (const SeismoXmlWalker *w,
              GString               *out,
              const char            *index)
{
  guint64 i = g_ascii_strtoull (index, NULL, 10);
  const SeismoSpan *span;
  const char *p, *end, *run;

  if (i >= w->cdata->len)
    return;
  span = &g_array_index (w->cdata, SeismoSpan, i);
  p = w->text + span->offset;
  end = p + span->length;
  while (p < end)
    {
      for (run = p; p < end && ((guchar) *p >= 0x20 || *p == '\t' || *p == '\n'); p++)
        ;
      g_string_append_len (out, run, p - run);
      if (p >= end)
        break;
      if (*p == '\r')
        {
          g_string_append_c (out, '\n');
          if (p + 1 < end && p[1] == '\n')
            p++;
        }
      else if (*p == '\v' || *p == '\f')
        g_string_append_c (out, ' ');
      p++;
    }
}

/* Appends @node's own text: a text node, or a CDATA stand-in. */
static gboolean
append_node_text (const SeismoXmlWalker *w,
                  GString               *out,
                  xmlNode               *node)
{
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    {
      if (node->content != NULL)
        g_string_append (out, (const char *) node->content);
      return TRUE;
    }
  if (node->type == XML_PI_NODE)
    {
      if (node->content != NULL && g_str_equal ((const char *) node->name, _SEISMO_CDATA_PI))
        append_cdata (w, out, (const char *) node->content);
      return TRUE;
    }
  return FALSE;
}

static void
append_direct_text (const SeismoXmlWalker *w,
                    GString               *out,
                    xmlNode               *el)
{
  for (xmlNode *c = el->children; c != NULL; c = c->next)
    append_node_text (w, out, c);
}

void
_seismo_xml_append_all_text (const SeismoXmlWalker *w,
                             GString               *out,
                             xmlNode               *el,
                             int                    depth)
{
  for (xmlNode *c = el->children; c != NULL; c = c->next)
    if (!append_node_text (w, out, c) && c->type == XML_ELEMENT_NODE && depth < _SEISMO_MAX_DEPTH)
      _seismo_xml_append_all_text (w, out, c, depth + 1);
}

/* Inline (X)HTML: text with the README's word breaks, scripts dropped. */
static void
append_markup_text (const SeismoXmlWalker *w,
                    GString               *out,
                    xmlNode               *el,
                    int                    depth)
{
  for (xmlNode *c = el->children; c != NULL; c = c->next)
    {
      if (append_node_text (w, out, c))
        continue;
      if (c->type == XML_ELEMENT_NODE && depth < _SEISMO_MAX_DEPTH)
        {
          const char *name = (const char *) c->name;
          const char *colon = strchr (name, ':');
          gboolean block;

          if (colon != NULL)
            name = colon + 1;
          if (g_ascii_strcasecmp (name, "script") == 0 || g_ascii_strcasecmp (name, "style") == 0
              || g_ascii_strcasecmp (name, "applet") == 0)
            continue;
          block = _seismo_is_html_block_tag (name);
          if (block)
            g_string_append_c (out, ' ');
          append_markup_text (w, out, c, depth + 1);
          if (block)
            g_string_append_c (out, ' ');
        }
    }
}

/* Markup that is only <div>s does not make text HTML (TypePad's habit). */
gboolean
_seismo_xml_has_non_div_element (xmlNode *el,
                                 int      depth)
{
  for (xmlNode *c = el->children; c != NULL; c = c->next)
    {
      const char *name;

      if (c->type != XML_ELEMENT_NODE)
        continue;
      name = (const char *) c->name;
      if (strchr (name, ':') != NULL)
        name = strchr (name, ':') + 1;
      if (g_ascii_strcasecmp (name, "div") != 0 || depth >= _SEISMO_MAX_DEPTH
          || _seismo_xml_has_non_div_element (c, depth + 1))
        return TRUE;
    }
  return FALSE;
}

SeismoContentType
_seismo_xml_content_type (const char        *attr,
                          SeismoContentType  fallback)
{
  if (attr == NULL)
    return fallback;
  if (g_ascii_strcasecmp (attr, "text") == 0 || g_ascii_strcasecmp (attr, "plain") == 0
      || g_ascii_strcasecmp (attr, "text/plain") == 0)
    return SEISMO_CONTENT_PLAIN;
  if (g_ascii_strcasecmp (attr, "html") == 0 || g_ascii_strcasecmp (attr, "text/html") == 0)
    return SEISMO_CONTENT_HTML;
  if (g_ascii_strcasecmp (attr, "xhtml") == 0
      || g_ascii_strcasecmp (attr, "application/xhtml+xml") == 0)
    return SEISMO_CONTENT_XHTML;
  if (g_str_has_suffix (attr, "+xml") || g_str_has_suffix (attr, "/xml"))
    return SEISMO_CONTENT_XML;
  if (g_ascii_strncasecmp (attr, "text/", 5) == 0)
    return SEISMO_CONTENT_TEXT;
  return SEISMO_CONTENT_OTHER;
}

static void
decode_base64 (GString *s)
{
  g_autofree guchar *bytes = NULL;
  gsize len = 0;

  bytes = g_base64_decode (s->str, &len);
  if (bytes != NULL && _seismo_utf8_validate ((const char *) bytes, len))
    {
      g_string_truncate (s, 0);
      g_string_append_len (s, (const char *) bytes, len);
    }
}

/* Reads a text construct (title, description, content…) into w->raw and
 * returns its plain text; *type_out is its final type. */
char *
_seismo_xml_construct_text (SeismoXmlWalker   *w,
                            xmlNode           *el,
                            SeismoContentType  fallback,
                            SeismoContentType *type_out,
                            gboolean          *raw_empty)
{
  SeismoContentType type = _seismo_xml_content_type (_seismo_xml_get_attr (el, "type"),
                                                     fallback);
  const char *mode = _seismo_xml_get_attr (el, "mode");
  /* Atom 0.3: mode="base64", or any type that is not text. */
  gboolean base64 = (mode != NULL && g_ascii_strcasecmp (mode, "base64") == 0)
                    || type == SEISMO_CONTENT_OTHER;
  gboolean markup = FALSE;
  GString *raw = w->raw;

  g_string_truncate (raw, 0);
  if (type == SEISMO_CONTENT_XHTML || type == SEISMO_CONTENT_XML)
    markup = TRUE;
  else if (_seismo_xml_has_non_div_element (el, 0))
    markup = TRUE, type = SEISMO_CONTENT_XHTML;

  if (markup)
    append_markup_text (w, raw, el, 0);
  else
    _seismo_xml_append_all_text (w, raw, el, 0); /* text and, at most, <div>s */
  _seismo_strip_unicode_ws (raw);
  *raw_empty = raw->len == 0;

  if (base64 && !markup)
    decode_base64 (raw);
  if (!w->is_atom && type == SEISMO_CONTENT_PLAIN && _seismo_looks_like_html (raw->str))
    type = SEISMO_CONTENT_HTML;
  _seismo_fix_text (raw, w->utf8_repair);
  *type_out = type;

  if (!markup && (type == SEISMO_CONTENT_HTML || type == SEISMO_CONTENT_XHTML))
    {
      g_string_truncate (w->text_out, 0);
      _seismo_html_text_append (w->html, raw->str, raw->len, w->text_out);
      return _seismo_collapse_ws (w->text_out->str, w->text_out->len);
    }
  return _seismo_collapse_ws (raw->str, raw->len);
}

/* The stripped, cleaned text directly inside @el (links, ids, dates). */
const char *
_seismo_xml_simple_text (SeismoXmlWalker *w,
                         xmlNode         *el)
{
  g_string_truncate (w->raw, 0);
  append_direct_text (w, w->raw, el);
  _seismo_strip_unicode_ws (w->raw);
  _seismo_fix_text (w->raw, w->utf8_repair);
  return w->raw->str;
}

