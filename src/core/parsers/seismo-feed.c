/* seismo-feed.c — the parsed-feed structs, parsing and their JSON form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * seismo_feed_parse() only decides between JSON and XML; the dialects are
 * read in seismo-parse-json.c and seismo-parse-xml.c.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libxml/parser.h>

#include "seismo-feed.h"
#include "seismo-parse-private.h"

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

static gboolean
is_blank_byte (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

SeismoFeed *
seismo_feed_parse (const char  *data,
                   gsize        length,
                   const char  *base_url,
                   GError     **error)
{
  static gsize xml_initialized = 0;
  gsize i = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* libxml2 wants its first initialisation on one thread. */
  if (g_once_init_enter (&xml_initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&xml_initialized, 1);
    }

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < length && is_blank_byte (data[i]))
    i++;
  if (i == length)
    {
      g_set_error_literal (error, SEISMO_PARSE_ERROR, SEISMO_PARSE_ERROR_EMPTY,
                           _("The feed is empty"));
      return NULL;
    }
  /* '[' is never XML; as JSON it is no feed, but a deep one is an error. */
  if (data[i] == '{' || data[i] == '[')
    return _seismo_parse_json (data, length, base_url, error);
  return _seismo_parse_xml (data, length, base_url, error);
}

static void
update_field (GChecksum  *sum,
              char        tag,
              const char *value)
{
  guchar head[2] = { (guchar) tag, value != NULL ? 1 : 0 };

  g_checksum_update (sum, head, sizeof head);
  if (value != NULL)
    g_checksum_update (sum, (const guchar *) value, strlen (value) + 1);
}

/* The item's id; failing that "sha1:" and the hex SHA-1 of its link, title
 * and published date, so that fetching the same feed again gives the same
 * guid. Each field is tagged and marked present or absent, so that moving
 * text from one field to another changes the hash. */
char *
seismo_feed_item_dup_guid (const SeismoFeedItem *item)
{
  g_autoptr(GChecksum) sum = NULL;
  g_autofree char *published = NULL;

  g_return_val_if_fail (item != NULL, NULL);

  if (item->id != NULL && *item->id != '\0')
    return g_strdup (item->id);

  sum = g_checksum_new (G_CHECKSUM_SHA1);
  if (item->published != SEISMO_NO_DATE)
    published = g_strdup_printf ("%" G_GINT64_FORMAT, item->published);
  update_field (sum, 'l', item->link);
  update_field (sum, 't', item->title);
  update_field (sum, 'p', published);
  /* Without link or title the summary is all that tells items apart. */
  if (item->link == NULL && item->title == NULL)
    update_field (sum, 's', item->summary);
  return g_strconcat ("sha1:", g_checksum_get_string (sum), NULL);
}

static void
append_json_string (GString    *out,
                    const char *s,
                    gssize      max_chars)
{
  g_autofree char *valid = NULL;

  if (s == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  if (!g_utf8_validate (s, -1, NULL))
    s = valid = g_utf8_make_valid (s, -1);
  g_string_append_c (out, '"');
  for (const char *p = s; *p != '\0' && max_chars != 0; p = g_utf8_next_char (p), max_chars--)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_len (out, p, g_utf8_next_char (p) - p);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_json_date (GString *out,
                  gint64   t)
{
  char buf[32];

  if (t == SEISMO_NO_DATE)
    {
      g_string_append (out, "null");
      return;
    }
  _seismo_date_format (t, buf);
  append_json_string (out, buf, -1);
}

char *
seismo_feed_to_corpus_json (const SeismoFeed *feed)
{
  GString *out;

  g_return_val_if_fail (feed != NULL, NULL);

  out = g_string_sized_new (256 + feed->items->len * 512);
  g_string_append (out, "{\n  \"format\": ");
  append_json_string (out, seismo_feed_format_to_string (feed->format), -1);
  g_string_append (out, ",\n  \"title\": ");
  append_json_string (out, feed->title, -1);
  g_string_append (out, ",\n  \"link\": ");
  append_json_string (out, feed->link, -1);
  g_string_append (out, ",\n  \"items\": [");
  for (guint i = 0; i < feed->items->len; i++)
    {
      const SeismoFeedItem *item = g_ptr_array_index (feed->items, i);

      g_string_append (out, i == 0 ? "\n    {\n      \"id\": " : ",\n    {\n      \"id\": ");
      append_json_string (out, item->id, -1);
      g_string_append (out, ",\n      \"title\": ");
      append_json_string (out, item->title, -1);
      g_string_append (out, ",\n      \"link\": ");
      append_json_string (out, item->link, -1);
      g_string_append (out, ",\n      \"published\": ");
      append_json_date (out, item->published);
      g_string_append (out, ",\n      \"updated\": ");
      append_json_date (out, item->updated);
      g_string_append (out, ",\n      \"author\": ");
      append_json_string (out, item->author, -1);
      g_string_append (out, ",\n      \"summary_text\": ");
      append_json_string (out, item->summary, 200);
      g_string_append (out, "\n    }");
    }
  g_string_append (out, feed->items->len > 0 ? "\n  ]\n}" : "]\n}");
  return g_string_free (out, FALSE);
}
