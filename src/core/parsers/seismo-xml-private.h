/* seismo-xml-private.h — what the files of the XML walker share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libxml/tree.h>

#include "seismo-parse-private.h"

G_BEGIN_DECLS

/* A field not set yet: any element may set it, whatever its depth. */
#define _SEISMO_XML_NO_DEPTH G_MAXINT

/* What an element means to us, whatever its namespace or case. */
typedef enum
{
  SEISMO_XML_OTHER,
  SEISMO_XML_CHANNEL,
  SEISMO_XML_ITEM,
  SEISMO_XML_IMAGE,
  SEISMO_XML_TEXTINPUT,
  SEISMO_XML_SOURCE,
  SEISMO_XML_TITLE,
  SEISMO_XML_MEDIA_TITLE,
  SEISMO_XML_LINK,
  SEISMO_XML_GUID,
  SEISMO_XML_PUBLISHED,
  SEISMO_XML_UPDATED,
  SEISMO_XML_AUTHOR,
  SEISMO_XML_DESCRIPTION,
  SEISMO_XML_ABSTRACT,
  SEISMO_XML_SUMMARY,
  SEISMO_XML_CONTENT,
  SEISMO_XML_CONTENT_HTML,
  SEISMO_XML_BODY,
} SeismoXmlElement;

typedef enum
{
  SEISMO_CONTENT_PLAIN,
  SEISMO_CONTENT_HTML,
  SEISMO_CONTENT_XHTML,
  SEISMO_CONTENT_XML,   /* some other …/xml or …+xml */
  SEISMO_CONTENT_TEXT,  /* some other text/… */
  SEISMO_CONTENT_OTHER, /* binary, so base64 */
} SeismoContentType;

typedef struct
{
  const char *xml;  /* xml:base alone: what ids resolve against */
  const char *full; /* xml:base over the feed's URL: what links resolve against */
} SeismoXmlBases;

/* The state feedparser keeps while it reads, as far as our fields need it. */
typedef struct
{
  SeismoFeed     *feed;
  SeismoHtmlText *html;
  GString        *raw;         /* scratch: an element's text */
  GString        *text_out;    /* scratch: that text, when HTML, as text */
  const char     *text;        /* the decoded document, which CDATA spans index */
  GArray         *cdata;       /* of SeismoSpan */
  gboolean        is_atom;     /* Atom text is never guessed to be HTML */
  gboolean        utf8_repair;
  gboolean        in_feed, in_source, in_image, in_textinput;
  int             title_depth; /* of the last non-empty title, or -1 */
  gboolean        feed_link_seen;

  /* The entry being read, and the depth each of its fields came from. */
  SeismoFeedItem *item;
  int             item_title_depth, item_id_depth, item_summary_depth;
  gboolean        item_link_seen, item_summary_set, item_has_content;
} SeismoXmlWalker;

/* seismo-xml-text.c: attributes and text of elements */
const char        *_seismo_xml_get_attr             (xmlNode    *el,
                                                     const char *name);
const char        *_seismo_xml_get_ns_attr          (xmlNode    *el,
                                                     const char *ns_uri,
                                                     const char *prefixed_name);
SeismoContentType  _seismo_xml_content_type         (const char        *attr,
                                                     SeismoContentType  fallback);
gboolean           _seismo_xml_has_non_div_element  (xmlNode *el,
                                                     int      depth);
void               _seismo_xml_append_all_text      (const SeismoXmlWalker *w,
                                                     GString               *out,
                                                     xmlNode               *el,
                                                     int                    depth);
char              *_seismo_xml_construct_text       (SeismoXmlWalker   *w,
                                                     xmlNode           *el,
                                                     SeismoContentType  fallback,
                                                     SeismoContentType *type_out,
                                                     gboolean          *raw_empty);
const char        *_seismo_xml_simple_text          (SeismoXmlWalker *w,
                                                     xmlNode         *el);

/* seismo-xml-fields.c: one handler per kind of field */
void               _seismo_xml_handle_title         (SeismoXmlWalker  *w,
                                                     xmlNode          *el,
                                                     int               depth,
                                                     SeismoXmlElement  kind);
void               _seismo_xml_handle_link          (SeismoXmlWalker *w,
                                                     xmlNode         *el,
                                                     SeismoXmlBases   bases);
void               _seismo_xml_handle_guid          (SeismoXmlWalker *w,
                                                     xmlNode         *el,
                                                     int              depth,
                                                     SeismoXmlBases   bases);
void               _seismo_xml_handle_date          (SeismoXmlWalker  *w,
                                                     xmlNode          *el,
                                                     SeismoXmlElement  kind);
void               _seismo_xml_handle_author        (SeismoXmlWalker *w,
                                                     xmlNode         *el);
void               _seismo_xml_handle_summary       (SeismoXmlWalker  *w,
                                                     xmlNode          *el,
                                                     int               depth,
                                                     SeismoXmlElement  kind);

G_END_DECLS
