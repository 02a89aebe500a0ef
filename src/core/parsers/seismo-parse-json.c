/* seismo-parse-json.c — JSON Feed 1.0 and 1.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib's parser recurses once per nesting level, so the depth is
 * checked on the raw bytes first: a JSON Feed needs five levels, a hostile
 * document can have a million.
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "seismo-parse-private.h"

static gboolean
check_depth (const char  *data,
             gsize        length,
             GError     **error)
{
  gboolean in_string = FALSE;
  int depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > _SEISMO_MAX_DEPTH)
            {
              g_set_error (error, SEISMO_PARSE_ERROR, SEISMO_PARSE_ERROR_TOO_DEEP,
                           _("The feed is nested deeper than %d levels"), _SEISMO_MAX_DEPTH);
              return FALSE;
            }
        }
      else if (c == ']' || c == '}')
        depth--;
    }
  return TRUE;
}

/* Python's repr() of a float, which is what the oracle prints for a
 * numeric id: shortest round-trip digits, exponent outside 1e-4..1e16. */
static char *
python_float_repr (double v)
{
  char buf[64], digits[32];
  int exp10 = 0, n = 0;
  GString *out;

  if (!isfinite (v))
    return g_strdup (isnan (v) ? "nan" : v > 0 ? "inf" : "-inf");
  /* g_ascii_formatd(), not printf(): the app runs in the user's locale. */
  for (int prec = 0; prec < 17; prec++)
    {
      char format[16];

      g_snprintf (format, sizeof format, "%%.%de", prec);
      g_ascii_formatd (buf, sizeof buf, format, v);
      if (g_ascii_strtod (buf, NULL) == v)
        break;
    }
  out = g_string_new (NULL);
  for (const char *p = buf; *p != '\0' && *p != 'e'; p++)
    {
      if (*p == '-')
        g_string_append_c (out, '-');
      else if (g_ascii_isdigit (*p) && n < (int) sizeof digits - 1)
        digits[n++] = *p;
    }
  digits[n] = '\0';
  exp10 = atoi (strchr (buf, 'e') + 1);
  while (n > 1 && digits[n - 1] == '0')
    digits[--n] = '\0';
  if (exp10 < -4 || exp10 >= 16)
    {
      g_string_append_c (out, digits[0]);
      if (n > 1)
        g_string_append_printf (out, ".%s", digits + 1);
      g_string_append_printf (out, "e%c%02d", exp10 < 0 ? '-' : '+', ABS (exp10));
    }
  else if (exp10 < 0)
    {
      g_string_append (out, "0.");
      for (int i = -1; i > exp10; i--)
        g_string_append_c (out, '0');
      g_string_append (out, digits);
    }
  else
    {
      for (int i = 0; i <= exp10 || i < n; i++)
        {
          if (i == exp10 + 1)
            g_string_append_c (out, '.');
          g_string_append_c (out, i < n ? digits[i] : '0');
        }
      if (n <= exp10 + 1)
        g_string_append (out, ".0");
    }
  return g_string_free (out, FALSE);
}

static const char *
member_string (JsonObject *obj,
               const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* A string, or a number as Python's str() writes it; NULL for the rest. */
static char *
member_scalar (JsonObject *obj,
               const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (type == G_TYPE_DOUBLE)
    return python_float_repr (json_node_get_double (node));
  return NULL;
}

static char *
collapse_or_null (const char *s)
{
  char *text;

  if (s == NULL)
    return NULL;
  text = _seismo_collapse_ws (s, strlen (s));
  return text;
}

static char *
resolve (const char *base_url,
         char       *url)
{
  char *resolved;

  if (url == NULL || base_url == NULL)
    return url;
  resolved = _seismo_uri_resolve (base_url, url);
  g_free (url);
  return resolved;
}

static gboolean
is_blank (const char *s)
{
  for (; *s != '\0'; s = g_utf8_next_char (s))
    if (!g_unichar_isspace (g_utf8_get_char (s)))
      return FALSE;
  return TRUE;
}

static char *
author_name (JsonObject *item)
{
  JsonNode *authors = json_object_get_member (item, "authors");
  JsonNode *author = json_object_get_member (item, "author");

  if (authors != NULL && JSON_NODE_HOLDS_ARRAY (authors))
    {
      JsonArray *array = json_node_get_array (authors);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *a = json_array_get_element (array, i);
          const char *name;

          if (!JSON_NODE_HOLDS_OBJECT (a))
            continue;
          name = member_string (json_node_get_object (a), "name");
          if (name != NULL && !is_blank (name))
            return _seismo_take_nonempty (collapse_or_null (name));
        }
    }
  if (author != NULL && JSON_NODE_HOLDS_OBJECT (author))
    {
      const char *name = member_string (json_node_get_object (author), "name");

      return _seismo_take_nonempty (collapse_or_null (name));
    }
  return NULL;
}

static char *
summary_text (SeismoHtmlText *html,
              JsonObject     *item)
{
  const char *summary = member_string (item, "summary");
  const char *content_html = member_string (item, "content_html");
  const char *content_text = member_string (item, "content_text");

  /* JSON text fields are plain text; only content_html is HTML. */
  if (summary != NULL)
    return collapse_or_null (summary);
  if (content_html != NULL)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      _seismo_html_text_append (html, content_html, strlen (content_html), text);
      return _seismo_collapse_ws (text->str, text->len);
    }
  return collapse_or_null (content_text);
}

static gint64
member_date (JsonObject *item,
             const char *name)
{
  const char *s = member_string (item, name);

  return s != NULL ? _seismo_date_parse_iso (s) : SEISMO_NO_DATE;
}

static SeismoFeedItem *
parse_item (SeismoHtmlText *html,
            JsonObject     *obj,
            const char     *base_url)
{
  SeismoFeedItem *item = seismo_feed_item_new ();
  char *id = member_scalar (obj, "id");

  item->id = id != NULL ? _seismo_take_nonempty (g_strstrip (id)) : NULL;
  item->title = collapse_or_null (member_string (obj, "title"));
  item->link = resolve (base_url, _seismo_take_nonempty (member_scalar (obj, "url")));
  item->published = member_date (obj, "date_published");
  item->updated = member_date (obj, "date_modified");
  item->author = author_name (obj);
  item->summary = summary_text (html, obj);
  return item;
}

static gboolean
is_json_feed (JsonObject *doc)
{
  const char *version = member_string (doc, "version");
  JsonNode *items = json_object_get_member (doc, "items");

  if (version != NULL && (g_str_has_prefix (version, "https://jsonfeed.org/version/")
                          || g_str_has_prefix (version, "http://jsonfeed.org/version/")))
    return TRUE;
  /* Lenient, as the oracle: "version": "1.1" with items is a feed too. */
  return items != NULL && JSON_NODE_HOLDS_ARRAY (items);
}

SeismoFeed *
_seismo_parse_json (const char  *data,
                    gsize        length,
                    const char  *base_url,
                    GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(SeismoFeed) feed = NULL;
  g_autoptr(SeismoHtmlText) html = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root, *items;
  JsonObject *doc;

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    data += 3, length -= 3;
  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (error, SEISMO_PARSE_ERROR, SEISMO_PARSE_ERROR_INVALID,
                           _("The JSON feed is not UTF-8"));
      return NULL;
    }
  if (!check_depth (data, length, error))
    return NULL;
  parser = json_parser_new_immutable ();
  if (length > G_MAXSSIZE
      || !json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      g_set_error (error, SEISMO_PARSE_ERROR, SEISMO_PARSE_ERROR_INVALID,
                   _("The JSON feed cannot be read: %s"),
                   local_error != NULL ? local_error->message : _("it is too large"));
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) || !is_json_feed (json_node_get_object (root)))
    return seismo_feed_new (SEISMO_FEED_FORMAT_UNKNOWN);

  doc = json_node_get_object (root);
  feed = seismo_feed_new (SEISMO_FEED_FORMAT_JSON);
  feed->title = collapse_or_null (member_string (doc, "title"));
  feed->link = resolve (base_url, _seismo_take_nonempty (member_scalar (doc, "home_page_url")));
  items = json_object_get_member (doc, "items");
  if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
    return g_steal_pointer (&feed);

  html = _seismo_html_text_new ();
  for (guint i = 0; i < json_array_get_length (json_node_get_array (items)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (items), i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        g_ptr_array_add (feed->items, parse_item (html, json_node_get_object (node), base_url));
    }
  return g_steal_pointer (&feed);
}
