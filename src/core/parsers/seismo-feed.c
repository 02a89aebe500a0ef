/* seismo-feed.c — the parsed-feed structs and their JSON form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "seismo-feed.h"

G_DEFINE_QUARK (seismo-parse-error-quark, seismo_parse_error)

SeismoFeedItem *
seismo_feed_item_new (void)
{
  SeismoFeedItem *item = g_new0 (SeismoFeedItem, 1);

  item->published = SEISMO_NO_DATE;
  item->updated = SEISMO_NO_DATE;
  return item;
}

void
seismo_feed_item_free (SeismoFeedItem *item)
{
  if (item == NULL)
    return;
  g_free (item->id);
  g_free (item->title);
  g_free (item->link);
  g_free (item->author);
  g_free (item->summary);
  g_free (item);
}

SeismoFeed *
seismo_feed_new (SeismoFeedFormat format)
{
  SeismoFeed *feed = g_new0 (SeismoFeed, 1);

  feed->format = format;
  feed->items = g_ptr_array_new_with_free_func ((GDestroyNotify) seismo_feed_item_free);
  return feed;
}

void
seismo_feed_free (SeismoFeed *feed)
{
  if (feed == NULL)
    return;
  g_free (feed->title);
  g_free (feed->link);
  g_ptr_array_unref (feed->items);
  g_free (feed);
}

const char *
seismo_feed_format_to_string (SeismoFeedFormat format)
{
  switch (format)
    {
    case SEISMO_FEED_FORMAT_RSS20: return "rss20";
    case SEISMO_FEED_FORMAT_RSS10: return "rss10";
    case SEISMO_FEED_FORMAT_RSS09X: return "rss09x";
    case SEISMO_FEED_FORMAT_ATOM10: return "atom10";
    case SEISMO_FEED_FORMAT_ATOM03: return "atom03";
    case SEISMO_FEED_FORMAT_JSON: return "json";
    case SEISMO_FEED_FORMAT_UNKNOWN:
    default:
      return "unknown";
    }
}
