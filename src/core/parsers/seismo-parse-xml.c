/* seismo-parse-xml.c — RSS 0.9x/1.0/2.0 and Atom 0.3/1.0
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One walker for every XML dialect, dispatching on (namespace, element)
 * the way feedparser does, so that the odd mixes real feeds contain (Atom
 * links in RSS, dc:* in Atom, items nested in items) all come out the same
 * way the corpus oracle reads them. libxml2 parses in recover mode, with
 * no network and never a DTD (see seismo-xml-prepare.c).
 */

#include "config.h"

#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "seismo-parse-private.h"

typedef enum
{
  NS_CORE, /* RSS, RSS 1.0, Atom: feedparser maps them all to no prefix */
  NS_DC,
  NS_DCTERMS,
  NS_CONTENT,
  NS_MEDIA,
  NS_ITUNES,
  NS_XHTML,
  NS_RDF,
  NS_OTHER,
} NsClass;

typedef enum
{
  EL_OTHER,
  EL_CHANNEL,
  EL_ITEM,
  EL_IMAGE,
  EL_TEXTINPUT,
  EL_SOURCE,
  EL_TITLE,
  EL_MEDIA_TITLE,
  EL_LINK,
  EL_GUID,
  EL_PUBLISHED,
  EL_UPDATED,
  EL_AUTHOR,
  EL_DESCRIPTION,
  EL_ABSTRACT,
  EL_SUMMARY,
  EL_CONTENT,
  EL_CONTENT_HTML,
  EL_BODY,
} ElKind;

typedef enum
{
  TYPE_PLAIN,
  TYPE_HTML,
  TYPE_XHTML,
  TYPE_XML,   /* some other …/xml or …+xml */
  TYPE_TEXT,  /* some other text/… */
  TYPE_OTHER, /* binary, so base64 */
} ContentType;

static const struct
{
  const char *uri;
  NsClass     ns;
} namespaces[] = {
  { "http://backend.userland.com/rss2", NS_CORE },
  { "http://backend.userland.com/rss", NS_CORE },
  { "http://blogs.law.harvard.edu/tech/rss", NS_CORE },
  { "http://purl.org/rss/1.0/", NS_CORE },
  { "http://my.netscape.com/rdf/simple/0.9/", NS_CORE },
  { "http://example.com/newformat#", NS_CORE },
  { "http://example.com/necho", NS_CORE },
  { "http://purl.org/echo/", NS_CORE },
  { "uri/of/echo/namespace#", NS_CORE },
  { "http://purl.org/pie/", NS_CORE },
  { "http://purl.org/atom/ns#", NS_CORE },
  { "http://www.w3.org/2005/Atom", NS_CORE },
  { "http://purl.org/rss/1.0/modules/rss091#", NS_CORE },
  { "http://purl.org/dc/elements/1.1/", NS_DC },
  { "http://purl.org/dc/terms/", NS_DCTERMS },
  { "http://purl.org/rss/1.0/modules/content/", NS_CONTENT },
  { "http://search.yahoo.com/mrss/", NS_MEDIA },
  { "http://search.yahoo.com/mrss", NS_MEDIA },
  { "http://www.itunes.com/DTDs/PodCast-1.0.dtd", NS_ITUNES },
  { "http://example.com/DTDs/PodCast-1.0.dtd", NS_ITUNES },
  { "http://www.w3.org/1999/xhtml", NS_XHTML },
  { "http://www.w3.org/1999/02/22-rdf-syntax-ns#", NS_RDF },
};

static const struct
{
  const char *prefix;
  NsClass     ns;
} prefixes[] = {
  { "dc", NS_DC }, { "dcterms", NS_DCTERMS }, { "content", NS_CONTENT }, { "media", NS_MEDIA },
  { "itunes", NS_ITUNES }, { "xhtml", NS_XHTML }, { "rdf", NS_RDF },
};

static const struct
{
  NsClass     ns;
  const char *name;
  ElKind      kind;
} elements[] = {
  { NS_CORE, "abstract", EL_ABSTRACT },
  { NS_CORE, "author", EL_AUTHOR },
  { NS_CORE, "body", EL_BODY },
  { NS_CORE, "channel", EL_CHANNEL },
  { NS_CORE, "content", EL_CONTENT },
  { NS_CORE, "description", EL_DESCRIPTION },
  { NS_CORE, "entry", EL_ITEM },
  { NS_CORE, "feed", EL_CHANNEL },
  { NS_CORE, "fullitem", EL_CONTENT_HTML },
  { NS_CORE, "guid", EL_GUID },
  { NS_CORE, "id", EL_GUID },
  { NS_CORE, "image", EL_IMAGE },
  { NS_CORE, "issued", EL_PUBLISHED },
  { NS_CORE, "item", EL_ITEM },
  { NS_CORE, "lastbuilddate", EL_UPDATED },
  { NS_CORE, "link", EL_LINK },
  { NS_CORE, "managingeditor", EL_AUTHOR },
  { NS_CORE, "modified", EL_UPDATED },
  { NS_CORE, "pubdate", EL_PUBLISHED },
  { NS_CORE, "published", EL_PUBLISHED },
  { NS_CORE, "source", EL_SOURCE },
  { NS_CORE, "summary", EL_SUMMARY },
  { NS_CORE, "textinput", EL_TEXTINPUT },
  { NS_CORE, "title", EL_TITLE },
  { NS_CORE, "updated", EL_UPDATED },
  { NS_DC, "author", EL_AUTHOR },
  { NS_DC, "creator", EL_AUTHOR },
  { NS_DC, "date", EL_UPDATED },
  { NS_DC, "description", EL_DESCRIPTION },
  { NS_DC, "title", EL_TITLE },
  { NS_DCTERMS, "issued", EL_PUBLISHED },
  { NS_DCTERMS, "modified", EL_UPDATED },
  { NS_CONTENT, "encoded", EL_CONTENT_HTML },
  { NS_MEDIA, "description", EL_DESCRIPTION },
  { NS_MEDIA, "title", EL_MEDIA_TITLE },
  { NS_ITUNES, "author", EL_AUTHOR },
  { NS_ITUNES, "summary", EL_SUMMARY },
  { NS_XHTML, "body", EL_BODY },
};

#define CACHE_SIZE    256
#define NS_CACHE_SIZE 8
#define NO_DEPTH      G_MAXINT

/* Element names are interned in the document's dictionary, so a name and
 * its namespace's class are enough to remember what an element is. */
typedef struct
{
  const xmlChar *name;
  NsClass        ns_class;
  ElKind         kind;
} CacheEntry;

typedef struct
{
  const char *xml;  /* xml:base alone: what ids resolve against */
  const char *full; /* xml:base over the feed's URL: what links resolve against */
} Bases;

typedef struct
{
  SeismoFeed     *feed;
  SeismoHtmlText *html;
  GString        *raw;
  GString        *text_out;
  gboolean        is_atom;
  gboolean        utf8_repair;
  gboolean        in_feed, in_source, in_image, in_textinput;
  int             title_depth;
  gboolean        feed_link_seen;

  SeismoFeedItem *item;
  int             item_title_depth, item_id_depth, item_summary_depth;
  gboolean        item_link_seen, item_summary_set, item_has_content;

  const char     *text;  /* the decoded document, which CDATA spans index */
  GArray         *cdata; /* of SeismoSpan */

  CacheEntry      cache[CACHE_SIZE];
  struct
  {
    const xmlNs *ns;
    NsClass      ns_class;
  } ns_cache[NS_CACHE_SIZE];
  guint           ns_cache_next;
} Walker;

static void walk_children (Walker *w, xmlNode *node, int depth, Bases bases);

static NsClass
classify_prefix (const char *prefix,
                 gsize       len)
{
  if (prefix == NULL)
    return NS_CORE;
  for (gsize i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (strlen (prefixes[i].prefix) == len && g_ascii_strncasecmp (prefix, prefixes[i].prefix, len) == 0)
      return prefixes[i].ns;
  return NS_OTHER;
}

/* A namespace feedparser does not know is read by the prefix the document
 * gave it, as feedparser does. */
static NsClass
classify_ns (const xmlNs *ns)
{
  const char *href = (const char *) ns->href;

  for (gsize i = 0; i < G_N_ELEMENTS (namespaces); i++)
    if (g_ascii_strcasecmp (href, namespaces[i].uri) == 0)
      return namespaces[i].ns;
  if (strstr (href, "backend.userland.com/rss") != NULL)
    return NS_CORE;
  return classify_prefix ((const char *) ns->prefix,
                          ns->prefix != NULL ? strlen ((const char *) ns->prefix) : 0);
}

static NsClass
cached_ns_class (Walker      *w,
                 const xmlNs *ns)
{
  guint slot;

  for (guint i = 0; i < NS_CACHE_SIZE; i++)
    if (w->ns_cache[i].ns == ns)
      return w->ns_cache[i].ns_class;
  slot = w->ns_cache_next++ % NS_CACHE_SIZE;
  w->ns_cache[slot].ns = ns;
  w->ns_cache[slot].ns_class = classify_ns (ns);
  return w->ns_cache[slot].ns_class;
}

static ElKind
classify_element (Walker  *w,
                  xmlNode *el)
{
  const char *local = (const char *) el->name;
  NsClass ns = NS_CORE;
  CacheEntry *entry;
  const char *colon;

  if (el->ns != NULL)
    ns = cached_ns_class (w, el->ns);
  else if ((colon = strchr (local, ':')) != NULL)
    {
      /* An undeclared prefix leaves "dc:creator" as the whole name. */
      ns = classify_prefix (local, colon - local);
      local = colon + 1;
    }

  entry = &w->cache[(((guintptr) el->name >> 3) ^ (guintptr) ns * 97) % CACHE_SIZE];
  if (entry->name == el->name && entry->ns_class == ns)
    return entry->kind;
  entry->name = el->name;
  entry->ns_class = ns;
  entry->kind = EL_OTHER;
  if (ns != NS_OTHER)
    for (gsize i = 0; i < G_N_ELEMENTS (elements); i++)
      if (elements[i].ns == ns && elements[i].name[0] == g_ascii_tolower (local[0])
          && g_ascii_strcasecmp (local, elements[i].name) == 0)
        {
          entry->kind = elements[i].kind;
          break;
        }
  return entry->kind;
}

static const char *
attr_text (const xmlAttr *a)
{
  for (const xmlNode *c = a->children; c != NULL; c = c->next)
    if (c->type == XML_TEXT_NODE && c->content != NULL)
      return (const char *) c->content;
  return "";
}

/* An attribute without a namespace; feedparser lowercases their names. */
static const char *
get_attr (xmlNode    *el,
          const char *name)
{
  for (const xmlAttr *a = el->properties; a != NULL; a = a->next)
    if (a->ns == NULL && g_ascii_strcasecmp ((const char *) a->name, name) == 0)
      return attr_text (a);
  return NULL;
}

static const char *
get_ns_attr (xmlNode    *el,
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
append_cdata (const Walker *w,
              GString      *out,
              const char   *index)
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
append_node_text (const Walker *w,
                  GString      *out,
                  xmlNode      *node)
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
append_direct_text (const Walker *w,
                    GString      *out,
                    xmlNode      *el)
{
  for (xmlNode *c = el->children; c != NULL; c = c->next)
    append_node_text (w, out, c);
}

static void
append_all_text (const Walker *w,
                 GString      *out,
                 xmlNode      *el,
                 int           depth)
{
  for (xmlNode *c = el->children; c != NULL; c = c->next)
    if (!append_node_text (w, out, c) && c->type == XML_ELEMENT_NODE && depth < _SEISMO_MAX_DEPTH)
      append_all_text (w, out, c, depth + 1);
}

/* Inline (X)HTML: text with the README's word breaks, scripts dropped. */
static void
append_markup_text (const Walker *w,
                    GString      *out,
                    xmlNode      *el,
                    int           depth)
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
static gboolean
has_non_div_element (xmlNode *el,
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
          || has_non_div_element (c, depth + 1))
        return TRUE;
    }
  return FALSE;
}

static ContentType
content_type (const char  *attr,
              ContentType  fallback)
{
  if (attr == NULL)
    return fallback;
  if (g_ascii_strcasecmp (attr, "text") == 0 || g_ascii_strcasecmp (attr, "plain") == 0
      || g_ascii_strcasecmp (attr, "text/plain") == 0)
    return TYPE_PLAIN;
  if (g_ascii_strcasecmp (attr, "html") == 0 || g_ascii_strcasecmp (attr, "text/html") == 0)
    return TYPE_HTML;
  if (g_ascii_strcasecmp (attr, "xhtml") == 0 || g_ascii_strcasecmp (attr, "application/xhtml+xml") == 0)
    return TYPE_XHTML;
  if (g_str_has_suffix (attr, "+xml") || g_str_has_suffix (attr, "/xml"))
    return TYPE_XML;
  if (g_ascii_strncasecmp (attr, "text/", 5) == 0)
    return TYPE_TEXT;
  return TYPE_OTHER;
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
static char *
construct_text (Walker      *w,
                xmlNode     *el,
                ContentType  fallback,
                ContentType *type_out,
                gboolean    *raw_empty)
{
  ContentType type = content_type (get_attr (el, "type"), fallback);
  const char *mode = get_attr (el, "mode");
  gboolean base64 = (mode != NULL && g_ascii_strcasecmp (mode, "base64") == 0) || type == TYPE_OTHER;
  gboolean markup = FALSE;
  GString *raw = w->raw;

  g_string_truncate (raw, 0);
  if (type == TYPE_XHTML || type == TYPE_XML)
    markup = TRUE;
  else if (has_non_div_element (el, 0))
    markup = TRUE, type = TYPE_XHTML;

  if (markup)
    append_markup_text (w, raw, el, 0);
  else
    append_all_text (w, raw, el, 0); /* text and, at most, <div>s */
  _seismo_strip_unicode_ws (raw);
  *raw_empty = raw->len == 0;

  if (base64 && !markup)
    decode_base64 (raw);
  if (!w->is_atom && type == TYPE_PLAIN && _seismo_looks_like_html (raw->str))
    type = TYPE_HTML;
  _seismo_fix_text (raw, w->utf8_repair);
  *type_out = type;

  if (!markup && (type == TYPE_HTML || type == TYPE_XHTML))
    {
      g_string_truncate (w->text_out, 0);
      _seismo_html_text_append (w->html, raw->str, raw->len, w->text_out);
      return _seismo_collapse_ws (w->text_out->str, w->text_out->len);
    }
  return _seismo_collapse_ws (raw->str, raw->len);
}

/* The stripped, cleaned text directly inside @el (links, ids, dates). */
static const char *
simple_text (Walker  *w,
             xmlNode *el)
{
  g_string_truncate (w->raw, 0);
  append_direct_text (w, w->raw, el);
  _seismo_strip_unicode_ws (w->raw);
  _seismo_fix_text (w->raw, w->utf8_repair);
  return w->raw->str;
}

static char *
nonempty_or_null (char *s)
{
  if (s != NULL && *s == '\0')
    g_clear_pointer (&s, g_free);
  return s;
}

/* Where feedparser's pop() stores: the entry, unless in a <source>. */
static SeismoFeedItem *
pop_item (Walker *w)
{
  return w->in_source ? NULL : w->item;
}

static gboolean
pop_feed (Walker *w)
{
  return w->item == NULL && w->in_feed && !w->in_source && !w->in_image && !w->in_textinput;
}

/* Where feedparser's _save() and links store: its _get_context(). */
static SeismoFeedItem *
save_item (Walker *w)
{
  return w->in_source || w->in_image || w->in_textinput ? NULL : w->item;
}

static gboolean
save_feed (Walker *w)
{
  return w->item == NULL && !w->in_source && !w->in_image && !w->in_textinput;
}

static void
handle_title (Walker  *w,
              xmlNode *el,
              int      depth,
              ElKind   kind)
{
  SeismoFeedItem *item = pop_item (w);
  gboolean feed = item == NULL && pop_feed (w);
  gboolean blocked = w->title_depth > -1 && w->title_depth <= depth;
  gboolean raw_empty = TRUE;
  ContentType type;
  char *text;

  if (!blocked && item != NULL && depth <= w->item_title_depth)
    {
      text = construct_text (w, el, TYPE_PLAIN, &type, &raw_empty);
      g_free (item->title);
      item->title = text;
      w->item_title_depth = depth;
    }
  else if (!blocked && feed)
    {
      text = construct_text (w, el, TYPE_PLAIN, &type, &raw_empty);
      g_free (w->feed->title);
      w->feed->title = text;
    }
  else
    {
      g_string_truncate (w->raw, 0);
      append_all_text (w, w->raw, el, 0);
      _seismo_strip_unicode_ws (w->raw);
      raw_empty = w->raw->len == 0;
    }
  /* media:title never stops a later <title>. */
  if (!raw_empty && kind != EL_MEDIA_TITLE)
    w->title_depth = depth;
}

static void
set_item_link (Walker         *w,
               SeismoFeedItem *item,
               const char     *link)
{
  g_free (item->link);
  item->link = nonempty_or_null (g_strdup (link));
  w->item_link_seen = TRUE;
}

static void
set_feed_link (Walker     *w,
               const char *link)
{
  g_free (w->feed->link);
  w->feed->link = nonempty_or_null (g_strdup (link));
  w->feed_link_seen = TRUE;
}

/* feedparser undoes "&b;=2" that a loose parse makes of "?a=1&b=2". */
static char *
fix_query_refs (const char *link,
                gboolean    unescape_amp)
{
  GString *out = g_string_new (NULL);

  for (const char *p = link; *p != '\0'; p++)
    {
      const char *q = p + 1;

      if (*p != '&')
        {
          g_string_append_c (out, *p);
          continue;
        }
      if (unescape_amp && g_str_has_prefix (p, "&amp;"))
        {
          g_string_append_c (out, '&');
          p += 4;
          continue;
        }
      while (g_ascii_isalnum (*q) || *q == '_')
        q++;
      g_string_append_len (out, p, q - p);
      p = (q > p + 1 && *q == ';') ? q : q - 1;
    }
  return g_string_free (out, FALSE);
}

static void
handle_link (Walker  *w,
             xmlNode *el,
             Bases    bases)
{
  const char *url = get_attr (el, "url"), *uri = get_attr (el, "uri"), *href = get_attr (el, "href");
  const char *rel = get_attr (el, "rel"), *type = get_attr (el, "type");
  const char *target = url != NULL ? url : uri != NULL ? uri : href;

  /* feedparser's _enforce_href(): any href, even empty, makes an Atom
   * link; url= and uri= only when they say something. */
  if (target == NULL || *target == '\0')
    target = href;
  if (target != NULL)
    {
      g_autofree char *resolved = NULL;
      ContentType ct;

      if (rel == NULL)
        rel = "alternate";
      ct = content_type (type != NULL ? type : (g_ascii_strcasecmp (rel, "self") == 0
                                                ? "application/atom+xml" : "text/html"),
                         TYPE_OTHER);
      if (g_ascii_strcasecmp (rel, "alternate") != 0 || (ct != TYPE_HTML && ct != TYPE_XHTML))
        return;
      resolved = _seismo_uri_resolve (bases.full, target);
      if (save_item (w) != NULL)
        set_item_link (w, save_item (w), resolved);
      else if (save_feed (w))
        set_feed_link (w, resolved);
      return;
    }

  if (pop_item (w) != NULL && !w->in_image)
    {
      g_autofree char *resolved = _seismo_uri_resolve (bases.full, simple_text (w, el));
      g_autofree char *fixed = fix_query_refs (resolved, TRUE);

      set_item_link (w, pop_item (w), fixed);
    }
  else if (pop_feed (w))
    {
      g_autofree char *resolved = _seismo_uri_resolve (bases.full, simple_text (w, el));
      g_autofree char *fixed = fix_query_refs (resolved, FALSE);

      set_feed_link (w, fixed);
    }
}

static void
handle_guid (Walker  *w,
             xmlNode *el,
             int      depth,
             Bases    bases)
{
  const char *permalink = get_attr (el, "ispermalink");
  gboolean is_link = permalink == NULL || g_str_equal (permalink, "true");
  g_autofree char *raw = g_strdup (simple_text (w, el));
  g_autofree char *id = NULL;
  SeismoFeedItem *item;

  /* Our ids resolve against xml:base only, never against where the feed
   * was fetched from: an id is the feed's name for an entry. */
  id = is_link && *raw != '\0' ? _seismo_uri_resolve (bases.xml, raw) : g_strdup (raw);
  item = pop_item (w);
  if (item != NULL && depth <= w->item_id_depth)
    {
      g_free (item->id);
      item->id = nonempty_or_null (g_strdup (id));
      w->item_id_depth = depth;
    }
  if (!is_link)
    return;
  /* A permalink guid (or any Atom id) is the link when there is none yet. */
  item = save_item (w);
  if (item != NULL && !w->item_link_seen)
    {
      g_autofree char *link = *raw != '\0' ? _seismo_uri_resolve (bases.full, raw) : g_strdup ("");

      set_item_link (w, item, link);
    }
  else if (item == NULL && save_feed (w) && !w->feed_link_seen)
    {
      g_autofree char *link = *raw != '\0' ? _seismo_uri_resolve (bases.full, raw) : g_strdup ("");

      set_feed_link (w, link);
    }
}

static void
handle_date (Walker  *w,
             xmlNode *el,
             ElKind   kind)
{
  SeismoFeedItem *item = save_item (w);
  gint64 t;

  if (item == NULL)
    return;
  /* The last one wins, even when it cannot be read. */
  t = _seismo_date_parse (simple_text (w, el));
  if (kind == EL_PUBLISHED)
    item->published = t;
  else
    item->updated = t;
}

static void
handle_author (Walker  *w,
               xmlNode *el)
{
  SeismoFeedItem *item = save_item (w);
  g_autofree char *name = NULL, *email = NULL, *candidate = NULL;
  gboolean structured = FALSE;

  if (item == NULL || item->author != NULL)
    return;
  for (xmlNode *c = el->children; c != NULL; c = c->next)
    {
      const char *local;

      if (c->type != XML_ELEMENT_NODE)
        continue;
      local = (const char *) c->name;
      if (strchr (local, ':') != NULL)
        local = strchr (local, ':') + 1;
      if (g_ascii_strcasecmp (local, "name") == 0)
        {
          g_free (name);
          name = g_strdup (simple_text (w, c));
          structured = TRUE;
        }
      else if (g_ascii_strcasecmp (local, "email") == 0)
        {
          g_free (email);
          email = g_strdup (simple_text (w, c));
          structured = TRUE;
        }
    }
  if (!structured)
    candidate = _seismo_author_from_text (simple_text (w, el));
  else if (name != NULL && *name != '\0')
    candidate = g_steal_pointer (&name);
  else if (email != NULL && *email != '\0')
    candidate = g_steal_pointer (&email);
  if (candidate != NULL)
    item->author = nonempty_or_null (_seismo_collapse_ws (candidate, strlen (candidate)));
}

static void
store_summary (Walker         *w,
               SeismoFeedItem *item,
               xmlNode        *el,
               int             depth,
               ContentType     fallback)
{
  ContentType type;
  gboolean raw_empty;

  w->item_summary_set = TRUE;
  if (depth > w->item_summary_depth)
    return;
  g_free (item->summary);
  item->summary = construct_text (w, el, fallback, &type, &raw_empty);
  w->item_summary_depth = depth;
}

static void
store_content (Walker         *w,
               SeismoFeedItem *item,
               xmlNode        *el,
               ContentType     fallback)
{
  ContentType type = content_type (get_attr (el, "type"), fallback);
  gboolean raw_empty;
  char *text;

  if (has_non_div_element (el, 0) && type != TYPE_XML)
    type = TYPE_XHTML;
  /* Only text-like content stands in for a missing summary. */
  if (w->item_summary_set || (type != TYPE_PLAIN && type != TYPE_HTML && type != TYPE_XHTML))
    return;
  text = construct_text (w, el, fallback, &type, &raw_empty);
  g_free (item->summary);
  item->summary = text;
  w->item_summary_set = TRUE;
}

static void
handle_summary (Walker  *w,
                xmlNode *el,
                int      depth,
                ElKind   kind)
{
  SeismoFeedItem *item = pop_item (w);

  if (item == NULL)
    return;
  switch (kind)
    {
    case EL_DESCRIPTION:
    case EL_SUMMARY:
      /* A second description/summary is read as content: the first wins. */
      if (w->item_summary_set && !w->item_has_content)
        {
          w->item_has_content = TRUE;
          store_content (w, item, el, TYPE_PLAIN);
        }
      else
        store_summary (w, item, el, depth, kind == EL_DESCRIPTION ? TYPE_HTML : TYPE_PLAIN);
      break;
    case EL_ABSTRACT:
      store_summary (w, item, el, depth, TYPE_PLAIN);
      break;
    case EL_CONTENT:
      w->item_has_content = TRUE;
      store_content (w, item, el, TYPE_PLAIN);
      break;
    case EL_CONTENT_HTML:
      w->item_has_content = TRUE;
      store_content (w, item, el, TYPE_HTML);
      break;
    case EL_BODY:
    default:
      store_content (w, item, el, TYPE_XHTML);
      break;
    }
}

static void
handle_item (Walker  *w,
             xmlNode *el,
             int      depth,
             Bases    bases)
{
  SeismoFeedItem *item = seismo_feed_item_new ();
  const char *about = get_ns_attr (el, "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf:about");

  g_ptr_array_add (w->feed->items, item);
  w->item = item;
  w->title_depth = -1;
  w->item_title_depth = w->item_id_depth = w->item_summary_depth = NO_DEPTH;
  w->item_link_seen = w->item_summary_set = w->item_has_content = FALSE;
  if (about != NULL)
    item->id = nonempty_or_null (g_strstrip (g_strdup (about)));

  walk_children (w, el, depth, bases);

  /* Like feedparser, an inner item's end ends the outer one too. */
  w->item = NULL;
  w->item_has_content = FALSE;
}

static void
handle_element (Walker  *w,
                xmlNode *el,
                int      depth,
                Bases    bases)
{
  const char *xml_base = get_ns_attr (el, (const char *) XML_XML_NAMESPACE, "xml:base");
  g_autofree char *xml_owned = NULL, *full_owned = NULL;
  ElKind kind;
  gboolean saved;

  if (depth > _SEISMO_MAX_DEPTH)
    return;
  if (xml_base != NULL && *xml_base != '\0')
    {
      bases.xml = xml_owned = _seismo_uri_join_base (bases.xml, xml_base);
      bases.full = full_owned = _seismo_uri_join_base (bases.full, xml_base);
    }

  kind = classify_element (w, el);
  switch (kind)
    {
    case EL_CHANNEL:
      w->in_feed = TRUE;
      walk_children (w, el, depth, bases);
      w->in_feed = FALSE;
      break;
    case EL_ITEM:
      handle_item (w, el, depth, bases);
      break;
    case EL_IMAGE:
    case EL_TEXTINPUT:
    case EL_SOURCE:
      {
        gboolean *flag = &w->in_image;

        if (kind == EL_TEXTINPUT)
          flag = &w->in_textinput;
        else if (kind == EL_SOURCE)
          flag = &w->in_source;
        saved = *flag;
        *flag = TRUE;
        w->title_depth = -1;
        walk_children (w, el, depth, bases);
        *flag = saved;
      }
      break;
    case EL_TITLE:
    case EL_MEDIA_TITLE:
      handle_title (w, el, depth, kind);
      break;
    case EL_LINK:
      handle_link (w, el, bases);
      break;
    case EL_GUID:
      handle_guid (w, el, depth, bases);
      break;
    case EL_PUBLISHED:
    case EL_UPDATED:
      handle_date (w, el, kind);
      break;
    case EL_AUTHOR:
      handle_author (w, el);
      break;
    case EL_DESCRIPTION:
    case EL_ABSTRACT:
    case EL_SUMMARY:
    case EL_CONTENT:
    case EL_CONTENT_HTML:
    case EL_BODY:
      handle_summary (w, el, depth, kind);
      break;
    case EL_OTHER:
    default:
      walk_children (w, el, depth, bases);
      break;
    }
}

static void
walk_children (Walker  *w,
               xmlNode *node,
               int      depth,
               Bases    bases)
{
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      handle_element (w, c, depth + 1, bases);
}

/* The format, from the root element and the namespaces it declares, in
 * the order feedparser settles it. */
static SeismoFeedFormat
detect_format (xmlNode  *root,
               gboolean  netscape)
{
  SeismoFeedFormat format = SEISMO_FEED_FORMAT_UNKNOWN;
  const char *local = (const char *) root->name;
  const char *version = get_attr (root, "version");

  if (strchr (local, ':') != NULL)
    local = strchr (local, ':') + 1;
  for (xmlNs *ns = root->nsDef; ns != NULL && format == SEISMO_FEED_FORMAT_UNKNOWN; ns = ns->next)
    {
      const char *href = (const char *) ns->href;

      if (ns->prefix == NULL && g_ascii_strcasecmp (href, "http://my.netscape.com/rdf/simple/0.9/") == 0)
        format = SEISMO_FEED_FORMAT_RSS09X;
      else if (g_ascii_strcasecmp (href, "http://purl.org/rss/1.0/") == 0)
        format = SEISMO_FEED_FORMAT_RSS10;
      else if (g_ascii_strcasecmp (href, "http://www.w3.org/2005/Atom") == 0)
        format = SEISMO_FEED_FORMAT_ATOM10;
    }

  if (g_ascii_strcasecmp (local, "rss") == 0)
    {
      if (format == SEISMO_FEED_FORMAT_RSS09X || format == SEISMO_FEED_FORMAT_RSS10)
        return format;
      if (netscape)
        return SEISMO_FEED_FORMAT_RSS09X;
      if (version != NULL && (g_str_equal (version, "0.91") || g_str_equal (version, "0.92")
                              || g_str_equal (version, "0.93") || g_str_equal (version, "0.94")))
        return SEISMO_FEED_FORMAT_RSS09X;
      return SEISMO_FEED_FORMAT_RSS20;
    }
  if (g_ascii_strcasecmp (local, "feed") == 0 && format == SEISMO_FEED_FORMAT_UNKNOWN)
    return SEISMO_FEED_FORMAT_ATOM03;
  return format;
}

SeismoFeed *
_seismo_parse_xml (const char  *data,
                   gsize        length,
                   const char  *base_url,
                   GError     **error)
{
  g_autofree char *owned = NULL;
  g_autoptr(GString) prepared = NULL;
  g_autoptr(SeismoFeed) feed = NULL;
  g_autoptr(SeismoHtmlText) html = NULL;
  g_autoptr(GString) raw = NULL;
  g_autoptr(GString) text_out = NULL;
  g_autoptr(GArray) cdata = NULL;
  const char *text;
  gsize text_len;
  gboolean utf8_repair, netscape;
  xmlDoc *doc;
  xmlNode *root;
  Walker *w;
  Bases bases = { NULL, base_url };

  _seismo_decode_xml_document (data, length, &text, &text_len, &owned, &utf8_repair);
  cdata = g_array_new (FALSE, FALSE, sizeof (SeismoSpan));
  prepared = _seismo_xml_prepare (text, text_len, &netscape, cdata);
  if (prepared->len > G_MAXINT)
    {
      g_set_error (error, SEISMO_PARSE_ERROR, SEISMO_PARSE_ERROR_INVALID, "Document too large");
      return NULL;
    }

  /* No NOENT, DTDLOAD or HUGE: nothing is expanded or fetched, and
   * libxml2's own depth limit stays on. */
  doc = xmlReadMemory (prepared->str, (int) prepared->len, NULL, "UTF-8",
                       XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR
                       | XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC
                       | XML_PARSE_COMPACT);
  feed = seismo_feed_new (SEISMO_FEED_FORMAT_UNKNOWN);
  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  if (root == NULL)
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      return g_steal_pointer (&feed);
    }
  feed->format = detect_format (root, netscape);
  if (feed->format == SEISMO_FEED_FORMAT_UNKNOWN)
    {
      xmlFreeDoc (doc);
      return g_steal_pointer (&feed);
    }

  html = _seismo_html_text_new ();
  raw = g_string_sized_new (1024);
  text_out = g_string_sized_new (1024);
  w = g_new0 (Walker, 1);
  w->feed = feed;
  w->html = html;
  w->raw = raw;
  w->text_out = text_out;
  w->is_atom = feed->format == SEISMO_FEED_FORMAT_ATOM10 || feed->format == SEISMO_FEED_FORMAT_ATOM03;
  w->utf8_repair = utf8_repair;
  w->text = text;
  w->cdata = cdata;
  w->title_depth = -1;
  handle_element (w, root, 1, bases);
  g_free (w);
  xmlFreeDoc (doc);
  return g_steal_pointer (&feed);
}
