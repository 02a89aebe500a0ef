/* seismo-json-api.c — items from any JSON API, by a mapping
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "seismo-json-api.h"
#include "seismo-parse-private.h"

/* Hacker News search, Hugging Face model lists and GitHub releases are not
 * feeds, but each is a list of things with an id, a title, a link and a
 * date. A mapping (stored with the source) says where those are; the
 * mapping is checked when the source is added, so that a typo is an error
 * then and not an empty timeline later. */

#define MAX_DEPTH 256

static const char * const field_names[] = { "id", "title", "url", "date", "summary", "author" };

static gboolean
fail (GError    **error,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (GError    **error,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, SEISMO_PARSE_ERROR, SEISMO_PARSE_ERROR_INVALID, message);
  return FALSE;
}

static char *
as_path (const char *text)
{
  return text[0] == '$' ? g_strdup (text) : g_strconcat ("$.", text, NULL);
}

static gboolean
check_path (const char  *field,
            const char  *text,
            GError     **error)
{
  g_autoptr(JsonPath) path = json_path_new ();
  g_autofree char *full = as_path (text);
  g_autoptr(GError) local = NULL;

  if (!json_path_compile (path, full, &local))
    return fail (error, _("The mapping’s “%s” is not a valid JsonPath (%s): %s"), field, text,
                 local->message);
  return TRUE;
}

static JsonObject *
parse_mapping (const char  *mapping,
               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  JsonNode *root;

  if (mapping == NULL || !json_parser_load_from_data (parser, mapping, -1, &local))
    {
      fail (error, _("The mapping is not JSON: %s"),
            local != NULL ? local->message : _("there is none"));
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      fail (error, _("The mapping must be a JSON object"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

/* A field is a path, or a list of paths tried in turn. */
static gboolean
check_field (JsonObject  *mapping,
             const char  *field,
             GError     **error)
{
  JsonNode *node = json_object_get_member (mapping, field);

  if (node == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return check_path (field, json_node_get_string (node), error);
  if (JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) > 0)
    {
      JsonArray *paths = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (paths); i++)
        {
          JsonNode *element = json_array_get_element (paths, i);

          if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
            return fail (error, _("The mapping’s “%s” must be a path or a list of paths"), field);
          if (!check_path (field, json_node_get_string (element), error))
            return FALSE;
        }
      return TRUE;
    }
  return fail (error, _("The mapping’s “%s” must be a path or a list of paths"), field);
}

static gboolean
check_template (const char  *template,
                GError     **error)
{
  int open = 0;

  for (const char *p = template; *p != '\0'; p++)
    {
      if (*p == '{' && open++ > 0)
        break;
      if (*p == '}' && open-- == 0)
        break;
    }
  if (open != 0)
    return fail (error, _("The mapping’s “url_template” has unbalanced braces: %s"), template);
  return TRUE;
}

/**
 * seismo_json_api_validate_mapping:
 *
 * Checks a mapping before it is stored: JSON, the required fields, valid
 * JsonPaths, a sane template. The error says which field is wrong.
 */
gboolean
seismo_json_api_validate_mapping (const char  *mapping,
                                  GError     **error)
{
  g_autoptr(JsonObject) object = parse_mapping (mapping, error);
  const char *items, *template;
  JsonNode *skip;

  if (object == NULL)
    return FALSE;

  items = json_object_get_string_member_with_default (object, "items", NULL);
  if (items == NULL)
    return fail (error, _("The mapping needs “items”, the JsonPath of the list of items "
                          "(for example \"$.hits[*]\")"));
  if (!check_path ("items", items, error))
    return FALSE;
  if (!json_object_has_member (object, "title"))
    return fail (error, _("The mapping needs “title”, the path of an item’s title"));
  template = json_object_get_string_member_with_default (object, "url_template", NULL);
  if (!json_object_has_member (object, "id") && !json_object_has_member (object, "url") &&
      template == NULL)
    return fail (error, _("The mapping needs “id” or “url”, so that items can be told apart"));
  for (guint i = 0; i < G_N_ELEMENTS (field_names); i++)
    if (!check_field (object, field_names[i], error))
      return FALSE;
  if (template != NULL && !check_template (template, error))
    return FALSE;

  skip = json_object_get_member (object, "skip_if");
  if (skip != NULL && (!JSON_NODE_HOLDS_OBJECT (skip) ||
                       json_object_get_string_member_with_default (json_node_get_object (skip),
                                                                   "path", NULL) == NULL ||
                       !json_object_has_member (json_node_get_object (skip), "equals")))
    return fail (error, _("The mapping’s “skip_if” must be {\"path\": …, \"equals\": …}"));
  return TRUE;
}

/* The company slug a mapping ties every item to, or NULL. */
char *
seismo_json_api_mapping_dup_company (const char *mapping)
{
  g_autoptr(JsonObject) object = parse_mapping (mapping, NULL);

  if (object == NULL)
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (object, "company", NULL));
}

/* json-glib's parser recurses: refuse absurd nesting before it sees it. */
static gboolean
depth_ok (const char *data,
          gsize       length)
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
      else if ((c == '[' || c == '{') && ++depth > MAX_DEPTH)
        return FALSE;
      else if (c == ']' || c == '}')
        depth--;
    }
  return TRUE;
}

/* The first value a field's path (or paths) gives in @item, as text. */
static char *
field_text (JsonObject *mapping,
            const char *field,
            JsonNode   *item)
{
  JsonNode *spec = json_object_get_member (mapping, field);
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();

  if (spec == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_ARRAY (spec))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (spec)); i++)
      g_ptr_array_add (paths, (gpointer) json_array_get_string_element (json_node_get_array (spec), i));
  else
    g_ptr_array_add (paths, (gpointer) json_node_get_string (spec));

  for (guint i = 0; i < paths->len; i++)
    {
      g_autofree char *full = as_path (g_ptr_array_index (paths, i));
      g_autoptr(JsonNode) found = json_path_query (full, item, NULL);
      JsonArray *values;
      JsonNode *value;

      if (found == NULL || !JSON_NODE_HOLDS_ARRAY (found) ||
          json_array_get_length (values = json_node_get_array (found)) == 0)
        continue;
      value = json_array_get_element (values, 0);
      if (!JSON_NODE_HOLDS_VALUE (value))
        continue;
      switch (json_node_get_value_type (value))
        {
        case G_TYPE_STRING:
          if (json_node_get_string (value)[0] != '\0')
            return g_strdup (json_node_get_string (value));
          break;
        case G_TYPE_INT64:
          return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
        case G_TYPE_DOUBLE:
          return g_strdup_printf ("%.0f", json_node_get_double (value));
        default:
          break;
        }
    }
  return NULL;
}

static char *
expand_template (const char *template,
                 JsonNode   *item)
{
  GString *out = g_string_new (NULL);

  for (const char *p = template; *p != '\0'; p++)
    {
      const char *end;

      if (*p != '{' || (end = strchr (p, '}')) == NULL)
        {
          g_string_append_c (out, *p);
          continue;
        }
      {
        g_autofree char *name = g_strndup (p + 1, end - p - 1);
        g_autofree char *path = as_path (name);
        g_autoptr(JsonObject) spec = json_object_new ();
        g_autofree char *value = NULL;

        json_object_set_string_member (spec, "v", path);
        value = field_text (spec, "v", item);
        if (value == NULL)
          {
            g_string_free (out, TRUE);
            return NULL;
          }
        g_string_append_uri_escaped (out, value, "/:@-._~!$&'()*+,;=", TRUE);
      }
      p = end;
    }
  return g_string_free (out, FALSE);
}

static gboolean
skipped (JsonObject *mapping,
         JsonNode   *item)
{
  JsonNode *skip = json_object_get_member (mapping, "skip_if");
  JsonObject *rule;
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) found = NULL;
  JsonNode *equals;

  if (skip == NULL || !JSON_NODE_HOLDS_OBJECT (skip))
    return FALSE;
  rule = json_node_get_object (skip);
  path = as_path (json_object_get_string_member_with_default (rule, "path", "$"));
  equals = json_object_get_member (rule, "equals");
  found = json_path_query (path, item, NULL);
  if (found == NULL || json_array_get_length (json_node_get_array (found)) == 0 || equals == NULL)
    return FALSE;
  return json_node_equal (json_array_get_element (json_node_get_array (found), 0), equals);
}

static gint64
parse_date (const char *text)
{
  gint64 seconds;
  char *end = NULL;

  if (text == NULL)
    return SEISMO_NO_DATE;
  /* Epoch seconds (Algolia's created_at_i) or a date string. */
  seconds = g_ascii_strtoll (text, &end, 10);
  if (end != NULL && *end == '\0' && end != text)
    return seconds > 100000000000 ? seconds / 1000 : seconds;
  return _seismo_date_parse (text);
}

static JsonArray *
item_list (JsonNode   *root,
           const char *items_path)
{
  g_autofree char *full = as_path (items_path);
  g_autoptr(JsonNode) found = json_path_query (full, root, NULL);
  JsonArray *matches;

  if (found == NULL || !JSON_NODE_HOLDS_ARRAY (found))
    return NULL;
  matches = json_node_get_array (found);
  /* "$.hits" names the list itself; "$.hits[*]" its elements. */
  if (json_array_get_length (matches) == 1 && JSON_NODE_HOLDS_ARRAY (json_array_get_element (matches, 0)))
    return json_array_ref (json_node_get_array (json_array_get_element (matches, 0)));
  return json_array_ref (matches);
}

/**
 * seismo_json_api_parse:
 *
 * Reads a JSON API answer with a mapping. An answer that is not JSON (an
 * HTML error page, say) is a clear error, as is one the mapping finds no
 * list in.
 */
SeismoFeed *
seismo_json_api_parse (const char  *data,
                       gsize        length,
                       const char  *mapping,
                       GError     **error)
{
  g_autoptr(JsonObject) map = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(JsonArray) items = NULL;
  g_autoptr(SeismoFeed) feed = NULL;
  g_autoptr(GError) local = NULL;
  const char *template;

  if (!seismo_json_api_validate_mapping (mapping, error) ||
      (map = parse_mapping (mapping, error)) == NULL)
    return NULL;
  if (length == 0)
    {
      g_set_error (error, SEISMO_PARSE_ERROR, SEISMO_PARSE_ERROR_EMPTY, _("The answer is empty"));
      return NULL;
    }
  if (!depth_ok (data, length))
    {
      g_set_error (error, SEISMO_PARSE_ERROR, SEISMO_PARSE_ERROR_TOO_DEEP,
                   _("The JSON is nested more than %d levels deep"), MAX_DEPTH);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, length, &local))
    {
      gsize start = 0;

      while (start < length && g_ascii_isspace (data[start]))
        start++;
      g_set_error (error, SEISMO_PARSE_ERROR, SEISMO_PARSE_ERROR_NOT_A_FEED,
                   start < length && data[start] == '<'
                     ? _("The API answered with HTML, not JSON")
                     : _("The API’s answer is not valid JSON: %s"),
                   local->message);
      return NULL;
    }

  items = item_list (json_parser_get_root (parser),
                     json_object_get_string_member (map, "items"));
  if (items == NULL)
    {
      g_set_error (error, SEISMO_PARSE_ERROR, SEISMO_PARSE_ERROR_NOT_A_FEED,
                   _("The mapping’s “items” (%s) finds no list in the answer"),
                   json_object_get_string_member (map, "items"));
      return NULL;
    }

  template = json_object_get_string_member_with_default (map, "url_template", NULL);
  feed = seismo_feed_new (SEISMO_FEED_FORMAT_JSON);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      g_autoptr(SeismoFeedItem) item = NULL;
      g_autofree char *date = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node) || skipped (map, node))
        continue;
      item = seismo_feed_item_new ();
      item->id = field_text (map, "id", node);
      item->title = field_text (map, "title", node);
      item->link = field_text (map, "url", node);
      if (item->link == NULL && template != NULL)
        item->link = expand_template (template, node);
      item->summary = field_text (map, "summary", node);
      item->author = field_text (map, "author", node);
      date = field_text (map, "date", node);
      item->published = parse_date (date);
      if (item->title == NULL && item->link == NULL)
        continue;
      g_ptr_array_add (feed->items, g_steal_pointer (&item));
    }
  return g_steal_pointer (&feed);
}
