/* seismo-discover.c — the feeds a web page links to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <libxml/HTMLparser.h>

#include "seismo-discover.h"

/* Users paste the address of a blog, not of its feed. The page's
 * <link rel="alternate" type="application/rss+xml" href="…"> says where
 * the feed is; the HTML parser runs with no network and no entities. */

static const char * const feed_types[] = {
  "application/rss+xml", "application/atom+xml", "application/feed+json",
  "application/rdf+xml", "application/json", NULL
};

static gboolean
has_token (const char *list,
           const char *token)
{
  g_auto(GStrv) tokens = g_strsplit_set (list, " \t\r\n", -1);

  for (guint i = 0; tokens[i] != NULL; i++)
    if (g_ascii_strcasecmp (tokens[i], token) == 0)
      return TRUE;
  return FALSE;
}

static void
collect (xmlNode    *node,
         const char *base_url,
         GPtrArray  *links,
         guint       depth)
{
  /* Links live in <head>; a page nested absurdly deep has nothing for us. */
  if (depth > 64)
    return;
  for (; node != NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (g_ascii_strcasecmp ((const char *) node->name, "link") == 0)
        {
          g_autofree char *rel = (char *) xmlGetProp (node, (const xmlChar *) "rel");
          g_autofree char *type = (char *) xmlGetProp (node, (const xmlChar *) "type");
          g_autofree char *href = (char *) xmlGetProp (node, (const xmlChar *) "href");
          g_autofree char *lower = type != NULL ? g_ascii_strdown (g_strstrip (type), -1) : NULL;

          if (rel != NULL && href != NULL && lower != NULL && has_token (rel, "alternate") &&
              g_strv_contains (feed_types, lower))
            {
              g_autoptr(GUri) resolved = NULL;
              g_autoptr(GUri) base = base_url != NULL ? g_uri_parse (base_url,
                                                                     G_URI_FLAGS_PARSE_RELAXED,
                                                                     NULL)
                                                      : NULL;

              resolved = base != NULL ? g_uri_parse_relative (base, g_strstrip (href),
                                                               G_URI_FLAGS_PARSE_RELAXED, NULL)
                                      : g_uri_parse (g_strstrip (href), G_URI_FLAGS_PARSE_RELAXED,
                                                     NULL);
              if (resolved != NULL &&
                  (g_strcmp0 (g_uri_get_scheme (resolved), "http") == 0 ||
                   g_strcmp0 (g_uri_get_scheme (resolved), "https") == 0))
                {
                  char *url = g_uri_to_string (resolved);

                  if (!g_ptr_array_find_with_equal_func (links, url, g_str_equal, NULL))
                    g_ptr_array_add (links, url);
                  else
                    g_free (url);
                }
            }
        }
      collect (node->children, base_url, links, depth + 1);
    }
}

/**
 * seismo_discover_feed_links:
 * @base_url: (nullable): the page's address, for relative links
 *
 * Returns: (transfer full) (element-type utf8): the absolute http(s)
 * addresses of the feeds the page announces, in page order.
 */
GPtrArray *
seismo_discover_feed_links (const char *html,
                            gsize       length,
                            const char *base_url)
{
  GPtrArray *links = g_ptr_array_new_with_free_func (g_free);
  htmlDocPtr doc;

  if (html == NULL || length == 0 || length > G_MAXINT)
    return links;
  doc = htmlReadMemory (html, (int) length, base_url, NULL,
                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_NONET | HTML_PARSE_COMPACT);
  if (doc == NULL)
    return links;
  collect (xmlDocGetRootElement (doc), base_url, links, 0);
  xmlFreeDoc (doc);
  return links;
}
