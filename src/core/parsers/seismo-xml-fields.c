/* seismo-xml-fields.c — where each element's value goes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * feedparser's rules for repeated and conflicting elements (which title
 * wins, when a guid is the link, when a description is really content) are
 * what the corpus oracle encodes, so they are kept here, one handler per
 * kind of field.
 */

#include "config.h"

#include <string.h>

#include "seismo-xml-private.h"

/* Where feedparser's pop() stores: the entry, unless in a <source>. */
static SeismoFeedItem *
pop_item (SeismoXmlWalker *w)
{
  return w->in_source ? NULL : w->item;
}

static gboolean
pop_feed (SeismoXmlWalker *w)
{
  return w->item == NULL && w->in_feed && !w->in_source && !w->in_image && !w->in_textinput;
}

/* Where feedparser's _save() and links store: its _get_context(). */
static SeismoFeedItem *
save_item (SeismoXmlWalker *w)
{
  return w->in_source || w->in_image || w->in_textinput ? NULL : w->item;
}

static gboolean
save_feed (SeismoXmlWalker *w)
{
  return w->item == NULL && !w->in_source && !w->in_image && !w->in_textinput;
}

void
_seismo_xml_handle_title (SeismoXmlWalker  *w,
                          xmlNode          *el,
                          int               depth,
                          SeismoXmlElement  kind)
{
  SeismoFeedItem *item = pop_item (w);
  gboolean feed = item == NULL && pop_feed (w);
  gboolean blocked = w->title_depth > -1 && w->title_depth <= depth;
  gboolean raw_empty = TRUE;
  SeismoContentType type;
  char *text;

  if (!blocked && item != NULL && depth <= w->item_title_depth)
    {
      text = _seismo_xml_construct_text (w, el, SEISMO_CONTENT_PLAIN, &type, &raw_empty);
      g_free (item->title);
      item->title = text;
      w->item_title_depth = depth;
    }
  else if (!blocked && feed)
    {
      text = _seismo_xml_construct_text (w, el, SEISMO_CONTENT_PLAIN, &type, &raw_empty);
      g_free (w->feed->title);
      w->feed->title = text;
    }
  else
    {
      g_string_truncate (w->raw, 0);
      _seismo_xml_append_all_text (w, w->raw, el, 0);
      _seismo_strip_unicode_ws (w->raw);
      raw_empty = w->raw->len == 0;
    }
  /* media:title never stops a later <title>. */
  if (!raw_empty && kind != SEISMO_XML_MEDIA_TITLE)
    w->title_depth = depth;
}

static void
set_item_link (SeismoXmlWalker *w,
               SeismoFeedItem  *item,
               const char      *link)
{
  g_free (item->link);
  item->link = _seismo_take_nonempty (g_strdup (link));
  w->item_link_seen = TRUE;
}

static void
set_feed_link (SeismoXmlWalker *w,
               const char      *link)
{
  g_free (w->feed->link);
  w->feed->link = _seismo_take_nonempty (g_strdup (link));
  w->feed_link_seen = TRUE;
}

/* feedparser undoes the "&b;=2" a loose parse makes of "?a=1&b=2", and
 * in entries it unescapes "&amp;" first. */
static char *
fix_query_refs (const char *link,
                gboolean    unescape_amp)
{
  g_autoptr(GString) unescaped = g_string_new (link);
  GString *out = g_string_sized_new (unescaped->len);

  if (unescape_amp)
    g_string_replace (unescaped, "&amp;", "&", 0);
  for (const char *p = unescaped->str; *p != '\0'; p++)
    {
      const char *q = p + 1;

      if (*p != '&')
        {
          g_string_append_c (out, *p);
          continue;
        }
      while (g_ascii_isalnum (*q) || *q == '_')
        q++;
      g_string_append_len (out, p, q - p);
      p = (q > p + 1 && *q == ';') ? q : q - 1;
    }
  return g_string_free (out, FALSE);
}

void
_seismo_xml_handle_link (SeismoXmlWalker *w,
                         xmlNode         *el,
                         SeismoXmlBases   bases)
{
  const char *url = _seismo_xml_get_attr (el, "url");
  const char *uri = _seismo_xml_get_attr (el, "uri");
  const char *href = _seismo_xml_get_attr (el, "href");
  const char *rel = _seismo_xml_get_attr (el, "rel");
  const char *type = _seismo_xml_get_attr (el, "type");
  const char *target = url != NULL ? url : uri != NULL ? uri : href;

  /* feedparser's _enforce_href(): any href, even empty, makes an Atom
   * link; url= and uri= only when they say something. */
  if (target == NULL || *target == '\0')
    target = href;
  if (target != NULL)
    {
      g_autofree char *resolved = NULL;
      SeismoContentType ct;

      if (rel == NULL)
        rel = "alternate";
      if (type == NULL)
        type = g_ascii_strcasecmp (rel, "self") == 0 ? "application/atom+xml" : "text/html";
      ct = _seismo_xml_content_type (type, SEISMO_CONTENT_OTHER);
      /* Only an alternate HTML link is the link; the last one wins. */
      if (g_ascii_strcasecmp (rel, "alternate") != 0
          || (ct != SEISMO_CONTENT_HTML && ct != SEISMO_CONTENT_XHTML))
        return;
      resolved = _seismo_uri_resolve (bases.full, target);
      if (save_item (w) != NULL)
        set_item_link (w, save_item (w), resolved);
      else if (save_feed (w))
        set_feed_link (w, resolved);
      return;
    }

  /* An RSS <link>: its text. */
  if (pop_item (w) != NULL && !w->in_image)
    {
      g_autofree char *resolved = _seismo_uri_resolve (bases.full,
                                                       _seismo_xml_simple_text (w, el));
      g_autofree char *fixed = fix_query_refs (resolved, TRUE);

      set_item_link (w, pop_item (w), fixed);
    }
  else if (pop_feed (w))
    {
      g_autofree char *resolved = _seismo_uri_resolve (bases.full,
                                                       _seismo_xml_simple_text (w, el));
      g_autofree char *fixed = fix_query_refs (resolved, FALSE);

      set_feed_link (w, fixed);
    }
}

void
_seismo_xml_handle_guid (SeismoXmlWalker *w,
                         xmlNode         *el,
                         int              depth,
                         SeismoXmlBases   bases)
{
  const char *permalink = _seismo_xml_get_attr (el, "ispermalink");
  gboolean is_link = permalink == NULL || g_str_equal (permalink, "true");
  g_autofree char *raw = g_strdup (_seismo_xml_simple_text (w, el));
  g_autofree char *id = NULL;
  SeismoFeedItem *item;

  /* Our ids resolve against xml:base only, never against where the feed
   * was fetched from: an id is the feed's name for an entry. */
  id = is_link && *raw != '\0' ? _seismo_uri_resolve (bases.xml, raw) : g_strdup (raw);
  item = pop_item (w);
  if (item != NULL && depth <= w->item_id_depth)
    {
      g_free (item->id);
      item->id = _seismo_take_nonempty (g_strdup (id));
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

void
_seismo_xml_handle_date (SeismoXmlWalker  *w,
                         xmlNode          *el,
                         SeismoXmlElement  kind)
{
  SeismoFeedItem *item = save_item (w);
  gint64 t;

  if (item == NULL)
    return;
  /* The last one wins, even when it cannot be read. */
  t = _seismo_date_parse (_seismo_xml_simple_text (w, el));
  if (kind == SEISMO_XML_PUBLISHED)
    item->published = t;
  else
    item->updated = t;
}

void
_seismo_xml_handle_author (SeismoXmlWalker *w,
                           xmlNode         *el)
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
          name = g_strdup (_seismo_xml_simple_text (w, c));
          structured = TRUE;
        }
      else if (g_ascii_strcasecmp (local, "email") == 0)
        {
          g_free (email);
          email = g_strdup (_seismo_xml_simple_text (w, c));
          structured = TRUE;
        }
    }
  if (!structured)
    candidate = _seismo_author_from_text (_seismo_xml_simple_text (w, el));
  else if (name != NULL && *name != '\0')
    candidate = g_steal_pointer (&name);
  else if (email != NULL && *email != '\0')
    candidate = g_steal_pointer (&email);
  if (candidate != NULL)
    item->author = _seismo_take_nonempty (_seismo_collapse_ws (candidate, strlen (candidate)));
}

static void
store_summary (SeismoXmlWalker   *w,
               SeismoFeedItem    *item,
               xmlNode           *el,
               int                depth,
               SeismoContentType  fallback)
{
  SeismoContentType type;
  gboolean raw_empty;

  w->item_summary_set = TRUE;
  if (depth > w->item_summary_depth)
    return;
  g_free (item->summary);
  item->summary = _seismo_xml_construct_text (w, el, fallback, &type, &raw_empty);
  w->item_summary_depth = depth;
}

static void
store_content (SeismoXmlWalker   *w,
               SeismoFeedItem    *item,
               xmlNode           *el,
               SeismoContentType  fallback)
{
  SeismoContentType type = _seismo_xml_content_type (_seismo_xml_get_attr (el, "type"),
                                                     fallback);
  gboolean raw_empty;
  char *text;

  if (_seismo_xml_has_non_div_element (el, 0) && type != SEISMO_CONTENT_XML)
    type = SEISMO_CONTENT_XHTML;
  /* Only text-like content stands in for a missing summary. */
  if (w->item_summary_set
      || (type != SEISMO_CONTENT_PLAIN && type != SEISMO_CONTENT_HTML
          && type != SEISMO_CONTENT_XHTML))
    return;
  text = _seismo_xml_construct_text (w, el, fallback, &type, &raw_empty);
  g_free (item->summary);
  item->summary = text;
  w->item_summary_set = TRUE;
}

void
_seismo_xml_handle_summary (SeismoXmlWalker  *w,
                            xmlNode          *el,
                            int               depth,
                            SeismoXmlElement  kind)
{
  SeismoFeedItem *item = pop_item (w);

  if (item == NULL)
    return;
  switch (kind)
    {
    case SEISMO_XML_DESCRIPTION:
    case SEISMO_XML_SUMMARY:
      /* A second description/summary is read as content: the first wins. */
      if (w->item_summary_set && !w->item_has_content)
        {
          w->item_has_content = TRUE;
          store_content (w, item, el, SEISMO_CONTENT_PLAIN);
        }
      else
        store_summary (w, item, el, depth,
                       kind == SEISMO_XML_DESCRIPTION ? SEISMO_CONTENT_HTML : SEISMO_CONTENT_PLAIN);
      break;
    case SEISMO_XML_ABSTRACT:
      store_summary (w, item, el, depth, SEISMO_CONTENT_PLAIN);
      break;
    case SEISMO_XML_CONTENT:
      w->item_has_content = TRUE;
      store_content (w, item, el, SEISMO_CONTENT_PLAIN);
      break;
    case SEISMO_XML_CONTENT_HTML:
      w->item_has_content = TRUE;
      store_content (w, item, el, SEISMO_CONTENT_HTML);
      break;
    case SEISMO_XML_BODY:
    default:
      store_content (w, item, el, SEISMO_CONTENT_XHTML);
      break;
    }
}

