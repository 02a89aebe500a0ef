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
#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "seismo-xml-private.h"

#define RDF_NS "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

/* What libxml2 allows without XML_PARSE_HUGE, which we do not pass. */
#define LIBXML2_MAX_DEPTH 256

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
  { RDF_NS, NS_RDF },
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
  NsClass           ns;
  const char       *name;
  SeismoXmlElement  kind;
} elements[] = {
  { NS_CORE, "abstract", SEISMO_XML_ABSTRACT },
  { NS_CORE, "author", SEISMO_XML_AUTHOR },
  { NS_CORE, "body", SEISMO_XML_BODY },
  { NS_CORE, "channel", SEISMO_XML_CHANNEL },
  { NS_CORE, "content", SEISMO_XML_CONTENT },
  { NS_CORE, "description", SEISMO_XML_DESCRIPTION },
  { NS_CORE, "entry", SEISMO_XML_ITEM },
  { NS_CORE, "feed", SEISMO_XML_CHANNEL },
  { NS_CORE, "fullitem", SEISMO_XML_CONTENT_HTML },
  { NS_CORE, "guid", SEISMO_XML_GUID },
  { NS_CORE, "id", SEISMO_XML_GUID },
  { NS_CORE, "image", SEISMO_XML_IMAGE },
  { NS_CORE, "issued", SEISMO_XML_PUBLISHED },
  { NS_CORE, "item", SEISMO_XML_ITEM },
  { NS_CORE, "lastbuilddate", SEISMO_XML_UPDATED },
  { NS_CORE, "link", SEISMO_XML_LINK },
  { NS_CORE, "managingeditor", SEISMO_XML_AUTHOR },
  { NS_CORE, "modified", SEISMO_XML_UPDATED },
  { NS_CORE, "pubdate", SEISMO_XML_PUBLISHED },
  { NS_CORE, "published", SEISMO_XML_PUBLISHED },
  { NS_CORE, "source", SEISMO_XML_SOURCE },
  { NS_CORE, "summary", SEISMO_XML_SUMMARY },
  { NS_CORE, "textinput", SEISMO_XML_TEXTINPUT },
  { NS_CORE, "title", SEISMO_XML_TITLE },
  { NS_CORE, "updated", SEISMO_XML_UPDATED },
  { NS_DC, "author", SEISMO_XML_AUTHOR },
  { NS_DC, "creator", SEISMO_XML_AUTHOR },
  { NS_DC, "date", SEISMO_XML_UPDATED },
  { NS_DC, "description", SEISMO_XML_DESCRIPTION },
  { NS_DC, "title", SEISMO_XML_TITLE },
  { NS_DCTERMS, "issued", SEISMO_XML_PUBLISHED },
  { NS_DCTERMS, "modified", SEISMO_XML_UPDATED },
  { NS_CONTENT, "encoded", SEISMO_XML_CONTENT_HTML },
  { NS_MEDIA, "description", SEISMO_XML_DESCRIPTION },
  { NS_MEDIA, "title", SEISMO_XML_MEDIA_TITLE },
  { NS_ITUNES, "author", SEISMO_XML_AUTHOR },
  { NS_ITUNES, "summary", SEISMO_XML_SUMMARY },
  { NS_XHTML, "body", SEISMO_XML_BODY },
};

#define CACHE_SIZE    256
#define NS_CACHE_SIZE 8

/* Element names are interned in the document's dictionary, so a name and
 * its namespace's class are enough to remember what an element is. */
typedef struct
{
  const xmlChar    *name;
  NsClass           ns_class;
  SeismoXmlElement  kind;
} CacheEntry;

/* The walker, and the memory of what element names mean. */
typedef struct
{
  SeismoXmlWalker walker;
  CacheEntry      cache[CACHE_SIZE];
  struct
  {
    const xmlNs *ns;
    NsClass      ns_class;
  } ns_cache[NS_CACHE_SIZE];
  guint           ns_cache_next;
} Dispatcher;

static void walk_children (Dispatcher *d, xmlNode *node, int depth, SeismoXmlBases bases);

static NsClass
classify_prefix (const char *prefix,
                 gsize       len)
{
  if (prefix == NULL)
    return NS_CORE;
  for (gsize i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (strlen (prefixes[i].prefix) == len
        && g_ascii_strncasecmp (prefix, prefixes[i].prefix, len) == 0)
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
cached_ns_class (Dispatcher  *d,
                 const xmlNs *ns)
{
  guint slot;

  for (guint i = 0; i < NS_CACHE_SIZE; i++)
    if (d->ns_cache[i].ns == ns)
      return d->ns_cache[i].ns_class;
  slot = d->ns_cache_next++ % NS_CACHE_SIZE;
  d->ns_cache[slot].ns = ns;
  d->ns_cache[slot].ns_class = classify_ns (ns);
  return d->ns_cache[slot].ns_class;
}

static SeismoXmlElement
classify_element (Dispatcher *d,
                  xmlNode    *el)
{
  const char *local = (const char *) el->name;
  NsClass ns = NS_CORE;
  CacheEntry *entry;
  const char *colon;

  if (el->ns != NULL)
    ns = cached_ns_class (d, el->ns);
  else if ((colon = strchr (local, ':')) != NULL)
    {
      /* An undeclared prefix leaves "dc:creator" as the whole name. */
      ns = classify_prefix (local, colon - local);
      local = colon + 1;
    }

  entry = &d->cache[(((guintptr) el->name >> 3) ^ (guintptr) ns * 97) % CACHE_SIZE];
  if (entry->name == el->name && entry->ns_class == ns)
    return entry->kind;
  entry->name = el->name;
  entry->ns_class = ns;
  entry->kind = SEISMO_XML_OTHER;
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

static void
handle_item (Dispatcher     *d,
             xmlNode        *el,
             int             depth,
             SeismoXmlBases  bases)
{
  SeismoXmlWalker *w = &d->walker;
  SeismoFeedItem *item = seismo_feed_item_new ();
  const char *about = _seismo_xml_get_ns_attr (el, RDF_NS, "rdf:about");

  g_ptr_array_add (w->feed->items, item);
  w->item = item;
  w->title_depth = -1;
  w->item_title_depth = w->item_id_depth = w->item_summary_depth = _SEISMO_XML_NO_DEPTH;
  w->item_link_seen = w->item_summary_set = w->item_has_content = FALSE;
  if (about != NULL)
    item->id = _seismo_take_nonempty (g_strstrip (g_strdup (about)));

  walk_children (d, el, depth, bases);

  /* Like feedparser, an inner item's end ends the outer one too. */
  w->item = NULL;
  w->item_has_content = FALSE;
}

static void
handle_element (Dispatcher     *d,
                xmlNode        *el,
                int             depth,
                SeismoXmlBases  bases)
{
  const char *xml_base = _seismo_xml_get_ns_attr (el, (const char *) XML_XML_NAMESPACE,
                                                  "xml:base");
  g_autofree char *xml_owned = NULL, *full_owned = NULL;
  SeismoXmlElement kind;
  gboolean saved;

  if (depth > _SEISMO_MAX_DEPTH)
    return;
  if (xml_base != NULL && *xml_base != '\0')
    {
      bases.xml = xml_owned = _seismo_uri_join_base (bases.xml, xml_base);
      bases.full = full_owned = _seismo_uri_join_base (bases.full, xml_base);
    }

  kind = classify_element (d, el);
  switch (kind)
    {
    case SEISMO_XML_CHANNEL:
      d->walker.in_feed = TRUE;
      walk_children (d, el, depth, bases);
      d->walker.in_feed = FALSE;
      break;
    case SEISMO_XML_ITEM:
      handle_item (d, el, depth, bases);
      break;
    case SEISMO_XML_IMAGE:
    case SEISMO_XML_TEXTINPUT:
    case SEISMO_XML_SOURCE:
      {
        gboolean *flag = &d->walker.in_image;

        if (kind == SEISMO_XML_TEXTINPUT)
          flag = &d->walker.in_textinput;
        else if (kind == SEISMO_XML_SOURCE)
          flag = &d->walker.in_source;
        saved = *flag;
        *flag = TRUE;
        d->walker.title_depth = -1;
        walk_children (d, el, depth, bases);
        *flag = saved;
      }
      break;
    case SEISMO_XML_TITLE:
    case SEISMO_XML_MEDIA_TITLE:
      _seismo_xml_handle_title (&d->walker, el, depth, kind);
      break;
    case SEISMO_XML_LINK:
      _seismo_xml_handle_link (&d->walker, el, bases);
      break;
    case SEISMO_XML_GUID:
      _seismo_xml_handle_guid (&d->walker, el, depth, bases);
      break;
    case SEISMO_XML_PUBLISHED:
    case SEISMO_XML_UPDATED:
      _seismo_xml_handle_date (&d->walker, el, kind);
      break;
    case SEISMO_XML_AUTHOR:
      _seismo_xml_handle_author (&d->walker, el);
      break;
    case SEISMO_XML_DESCRIPTION:
    case SEISMO_XML_ABSTRACT:
    case SEISMO_XML_SUMMARY:
    case SEISMO_XML_CONTENT:
    case SEISMO_XML_CONTENT_HTML:
    case SEISMO_XML_BODY:
      _seismo_xml_handle_summary (&d->walker, el, depth, kind);
      break;
    case SEISMO_XML_OTHER:
    default:
      walk_children (d, el, depth, bases);
      break;
    }
}

static void
walk_children (Dispatcher     *d,
               xmlNode        *node,
               int             depth,
               SeismoXmlBases  bases)
{
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE)
      handle_element (d, c, depth + 1, bases);
}

/* The format, from the root element and the namespaces it declares, in
 * the order feedparser settles it. */
static SeismoFeedFormat
detect_format (xmlNode  *root,
               gboolean  netscape)
{
  SeismoFeedFormat format = SEISMO_FEED_FORMAT_UNKNOWN;
  const char *local = (const char *) root->name;
  const char *version = _seismo_xml_get_attr (root, "version");

  if (strchr (local, ':') != NULL)
    local = strchr (local, ':') + 1;
  for (xmlNs *ns = root->nsDef; ns != NULL && format == SEISMO_FEED_FORMAT_UNKNOWN; ns = ns->next)
    {
      const char *href = (const char *) ns->href;

      if (ns->prefix == NULL
          && g_ascii_strcasecmp (href, "http://my.netscape.com/rdf/simple/0.9/") == 0)
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

/* libxml2 over the prepared text: recover mode, and no NOENT, DTDLOAD or
 * HUGE, so nothing is expanded or fetched and its depth limit stays on. */
static xmlDoc *
read_document (GString  *prepared,
               GError  **error)
{
  xmlParserCtxt *ctxt;
  gboolean too_deep;
  xmlDoc *doc;

  if (prepared->len > G_MAXINT)
    {
      g_set_error_literal (error, SEISMO_PARSE_ERROR, SEISMO_PARSE_ERROR_INVALID,
                           _("The feed is too large"));
      return NULL;
    }
  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error_literal (error, SEISMO_PARSE_ERROR, SEISMO_PARSE_ERROR_INVALID,
                           _("Out of memory"));
      return NULL;
    }
  doc = xmlCtxtReadMemory (ctxt, prepared->str, (int) prepared->len, NULL, "UTF-8",
                           XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR
                           | XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC | XML_PARSE_COMPACT);
  /* Recover mode would hand back the part before the limit as if it were
   * the document; a feed that deep is hostile, so say so instead. */
  too_deep = ctxt->lastError.code == XML_ERR_INTERNAL_ERROR && ctxt->lastError.message != NULL
             && strstr (ctxt->lastError.message, "depth") != NULL;
  xmlFreeParserCtxt (ctxt);
  if (too_deep)
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      g_set_error (error, SEISMO_PARSE_ERROR, SEISMO_PARSE_ERROR_TOO_DEEP,
                   _("The feed is nested deeper than %d levels"), LIBXML2_MAX_DEPTH);
    }
  return doc;
}

static void
walk_document (SeismoFeed *feed,
               xmlNode    *root,
               const char *text,
               GArray     *cdata,
               gboolean    utf8_repair,
               const char *base_url)
{
  g_autoptr(SeismoHtmlText) html = _seismo_html_text_new ();
  g_autoptr(GString) raw = g_string_sized_new (1024);
  g_autoptr(GString) text_out = g_string_sized_new (1024);
  g_autofree Dispatcher *d = g_new0 (Dispatcher, 1);
  SeismoXmlBases bases = { NULL, base_url };

  d->walker.feed = feed;
  d->walker.html = html;
  d->walker.raw = raw;
  d->walker.text_out = text_out;
  d->walker.is_atom = feed->format == SEISMO_FEED_FORMAT_ATOM10
                      || feed->format == SEISMO_FEED_FORMAT_ATOM03;
  d->walker.utf8_repair = utf8_repair;
  d->walker.text = text;
  d->walker.cdata = cdata;
  d->walker.title_depth = -1;
  handle_element (d, root, 1, bases);
}

SeismoFeed *
_seismo_parse_xml (const char  *data,
                   gsize        length,
                   const char  *base_url,
                   GError     **error)
{
  g_autofree char *owned = NULL;
  g_autoptr(GString) prepared = NULL;
  g_autoptr(GArray) cdata = g_array_new (FALSE, FALSE, sizeof (SeismoSpan));
  g_autoptr(SeismoFeed) feed = NULL;
  const char *text;
  gsize text_len;
  gboolean utf8_repair, netscape;
  xmlDoc *doc;
  xmlNode *root;

  _seismo_decode_xml_document (data, length, &text, &text_len, &owned, &utf8_repair);
  prepared = _seismo_xml_prepare (text, text_len, &netscape, cdata);
  doc = read_document (prepared, error);
  if (doc == NULL && error != NULL && *error != NULL)
    return NULL;

  feed = seismo_feed_new (SEISMO_FEED_FORMAT_UNKNOWN);
  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  if (root != NULL)
    feed->format = detect_format (root, netscape);
  /* Not a feed: no items, and no error either. */
  if (feed->format != SEISMO_FEED_FORMAT_UNKNOWN)
    walk_document (feed, root, text, cdata, utf8_repair, base_url);
  g_clear_pointer (&doc, xmlFreeDoc);
  return g_steal_pointer (&feed);
}
