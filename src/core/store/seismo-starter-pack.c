/* seismo-starter-pack.c — the curated data a new database starts with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "seismo-core-resources.h"
#include "seismo-starter-pack.h"
#include "seismo-store-private.h"

/* With no network at all, the first run still shows a real timeline: the
 * companies and their aliases, the default sources, the tag rules and the
 * events around the DeepSeek week, compiled into the binary as a resource.
 * Loading is idempotent — everything is keyed on its natural key (slug,
 * URL, tag name, item guid) and existing rows are left as the user made
 * them — and all-or-nothing: a malformed file rolls everything back. */

#define RESOURCE_DIR "/io/github/seismograph/Seismograph/starter/"
#define STARTER_SOURCE_URL "seismograph:starter-pack"

typedef struct
{
  SeismoStore *store;
  const char  *file; /* the file being read, for error messages */
  GError     **error;
} Loader;

static gboolean
malformed (Loader     *loader,
           const char *what)
{
  g_set_error (loader->error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID,
               _("The starter pack file “%s” is malformed: %s"), loader->file, what);
  return FALSE;
}

static JsonNode *
read_file (const char  *dir,
           const char  *name,
           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  if (dir == NULL)
    {
      g_autofree char *path = g_strconcat (RESOURCE_DIR, name, NULL);

      /* Named explicitly: a static library would otherwise drop the resource. */
      bytes = g_resource_lookup_data (seismo_core_get_resource (), path,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
    }
  else
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
    }

  if (bytes == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), &local_error))
    {
      g_set_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID,
                   _("Cannot read the starter pack file “%s”: %s"), name, local_error->message);
      return NULL;
    }
  return json_parser_steal_root (parser);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
member_bool (JsonObject *object,
             const char *name,
             gboolean    fallback)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fallback;
  return json_node_get_boolean (node);
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
element_object (JsonArray *array,
                guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gboolean
run (Loader       *loader,
     sqlite3_stmt *stmt)
{
  return stmt != NULL && _seismo_store_run (loader->store, stmt, loader->error);
}

static gboolean
load_companies (Loader    *loader,
                JsonArray *companies)
{
  SeismoStore *store = loader->store;

  for (guint i = 0; i < json_array_get_length (companies); i++)
    {
      JsonObject *company = element_object (companies, i);
      JsonArray *aliases;
      const char *slug, *name;
      sqlite3_stmt *stmt;
      gint64 id;

      if (company == NULL || (slug = member_string (company, "slug")) == NULL ||
          (name = member_string (company, "name")) == NULL)
        return malformed (loader, _("every company needs a “slug” and a “name”"));

      stmt = _seismo_store_prepare (store,
                                    "INSERT INTO companies (slug, name, description, homepage,"
                                    " followed) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                                    loader->error);
      if (stmt == NULL)
        return FALSE;
      _seismo_store_bind_text (stmt, 1, slug);
      _seismo_store_bind_text (stmt, 2, name);
      _seismo_store_bind_text (stmt, 3, member_string (company, "description"));
      _seismo_store_bind_text (stmt, 4, member_string (company, "homepage"));
      sqlite3_bind_int (stmt, 5, member_bool (company, "followed", FALSE));
      if (!run (loader, stmt) || (id = _seismo_store_company_id (store, slug, loader->error)) == 0)
        return FALSE;

      aliases = member_array (company, "aliases");
      for (guint j = 0; aliases != NULL && j < json_array_get_length (aliases); j++)
        {
          JsonObject *alias = element_object (aliases, j);
          const char *text, *mode;

          if (alias == NULL || (text = member_string (alias, "text")) == NULL ||
              (mode = member_string (alias, "mode")) == NULL)
            return malformed (loader, _("every alias needs a “text” and a “mode”"));
          stmt = _seismo_store_prepare (store,
                                        "INSERT OR IGNORE INTO company_aliases (company_id, text, mode)"
                                        " VALUES (?, ?, ?)",
                                        loader->error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          _seismo_store_bind_text (stmt, 2, text);
          _seismo_store_bind_text (stmt, 3, mode);
          if (!run (loader, stmt))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
load_sources (Loader    *loader,
              JsonArray *sources)
{
  for (guint i = 0; i < json_array_get_length (sources); i++)
    {
      JsonObject *source = element_object (sources, i);
      JsonNode *mapping_node;
      g_autofree char *mapping = NULL;
      const char *url, *kind;
      sqlite3_stmt *stmt;

      if (source == NULL || (url = member_string (source, "url")) == NULL ||
          (kind = member_string (source, "kind")) == NULL || !seismo_source_kind_is_valid (kind))
        return malformed (loader, _("every source needs a “url” and a valid “kind”"));

      mapping_node = json_object_get_member (source, "mapping");
      if (mapping_node != NULL && JSON_NODE_HOLDS_OBJECT (mapping_node))
        mapping = json_to_string (mapping_node, FALSE);

      stmt = _seismo_store_prepare (loader->store,
                                    "INSERT OR IGNORE INTO sources (url, kind, title, mapping, folder,"
                                    " enabled, created) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                    loader->error);
      if (stmt == NULL)
        return FALSE;
      _seismo_store_bind_text (stmt, 1, url);
      _seismo_store_bind_text (stmt, 2, kind);
      _seismo_store_bind_text (stmt, 3, member_string (source, "title"));
      _seismo_store_bind_text (stmt, 4, mapping);
      _seismo_store_bind_text (stmt, 5, member_string (source, "folder"));
      sqlite3_bind_int (stmt, 6, member_bool (source, "enabled", TRUE));
      sqlite3_bind_int64 (stmt, 7, g_get_real_time () / G_USEC_PER_SEC);
      if (!run (loader, stmt))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_tags (Loader     *loader,
           JsonObject *root)
{
  JsonArray *tags = member_array (root, "tags");
  JsonArray *rules = member_array (root, "rules");

  if (tags == NULL)
    return malformed (loader, _("there is no “tags” list"));

  for (guint i = 0; i < json_array_get_length (tags); i++)
    {
      JsonObject *tag = element_object (tags, i);
      const char *name;
      sqlite3_stmt *stmt;

      if (tag == NULL || (name = member_string (tag, "name")) == NULL)
        return malformed (loader, _("every tag needs a “name”"));
      stmt = _seismo_store_prepare (loader->store,
                                    "INSERT OR IGNORE INTO tags (name, color, description)"
                                    " VALUES (?, ?, ?)",
                                    loader->error);
      if (stmt == NULL)
        return FALSE;
      _seismo_store_bind_text (stmt, 1, name);
      _seismo_store_bind_text (stmt, 2, member_string (tag, "color"));
      _seismo_store_bind_text (stmt, 3, member_string (tag, "description"));
      if (!run (loader, stmt))
        return FALSE;
    }

  for (guint i = 0; rules != NULL && i < json_array_get_length (rules); i++)
    {
      JsonObject *rule = element_object (rules, i);
      const char *tag, *kind, *pattern;
      sqlite3_stmt *stmt;
      gint64 tag_id;

      if (rule == NULL || (tag = member_string (rule, "tag")) == NULL ||
          (kind = member_string (rule, "kind")) == NULL ||
          (pattern = member_string (rule, "pattern")) == NULL ||
          (!g_str_equal (kind, "regex") && !g_str_equal (kind, "keywords")))
        return malformed (loader, _("every rule needs a “tag”, a “kind” and a “pattern”"));
      if ((tag_id = _seismo_store_tag_id (loader->store, tag, FALSE, NULL)) == 0)
        return malformed (loader, _("a rule names a tag that is not in the “tags” list"));

      stmt = _seismo_store_prepare (loader->store,
                                    "INSERT OR IGNORE INTO tag_rules (tag_id, kind, pattern,"
                                    " case_sensitive, weak, negative) VALUES (?, ?, ?, ?, ?, ?)",
                                    loader->error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, tag_id);
      _seismo_store_bind_text (stmt, 2, kind);
      _seismo_store_bind_text (stmt, 3, pattern);
      sqlite3_bind_int (stmt, 4, member_bool (rule, "case_sensitive", FALSE));
      sqlite3_bind_int (stmt, 5, member_bool (rule, "weak", FALSE));
      sqlite3_bind_int (stmt, 6, member_bool (rule, "negative", FALSE));
      if (!run (loader, stmt))
        return FALSE;
    }
  return TRUE;
}

static gint64
starter_source (Loader *loader)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  stmt = _seismo_store_prepare (loader->store,
                                "INSERT OR IGNORE INTO sources (url, kind, title, enabled, status,"
                                " created) VALUES ('" STARTER_SOURCE_URL "', 'builtin', ?, 0, 'ok', ?)",
                                loader->error);
  if (stmt == NULL)
    return 0;
  _seismo_store_bind_text (stmt, 1, _("Starter pack"));
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
  if (!run (loader, stmt))
    return 0;

  stmt = _seismo_store_prepare (loader->store,
                                "SELECT id FROM sources WHERE url = '" STARTER_SOURCE_URL "'",
                                loader->error);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

static gboolean
link_names (Loader     *loader,
            gint64      event_id,
            JsonObject *event,
            gboolean    tags)
{
  JsonArray *names = member_array (event, tags ? "tags" : "companies");

  for (guint i = 0; names != NULL && i < json_array_get_length (names); i++)
    {
      const char *name = json_array_get_string_element (names, i);
      gint64 id;

      if (name == NULL)
        return malformed (loader, _("company and tag lists must hold names"));
      id = tags ? _seismo_store_tag_id (loader->store, name, FALSE, NULL)
                : _seismo_store_company_id (loader->store, name, NULL);
      if (id == 0)
        {
          g_autofree char *what = g_strdup_printf (tags ? _("unknown tag “%s”")
                                                        : _("unknown company “%s”"), name);
          return malformed (loader, what);
        }
      if (!_seismo_store_link_auto (loader->store, tags, event_id, id, loader->error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_event (Loader     *loader,
            gint64      source_id,
            JsonObject *event)
{
  g_autoptr(GDateTime) published = NULL;
  JsonArray *links = member_array (event, "links");
  const char *title = member_string (event, "title");
  const char *summary = member_string (event, "summary");
  const char *date = member_string (event, "published");
  gboolean day_only = FALSE;
  gint64 event_id = 0;

  if (title == NULL || date == NULL || links == NULL || json_array_get_length (links) == 0)
    return malformed (loader, _("every event needs a “title”, a “published” date and “links”"));
  if (strlen (date) == 10)
    {
      /* A day without a time: noon UTC keeps the day in most time zones. */
      g_autofree char *noon = g_strconcat (date, "T12:00:00Z", NULL);

      published = g_date_time_new_from_iso8601 (noon, NULL);
      day_only = TRUE;
    }
  else
    published = g_date_time_new_from_iso8601 (date, NULL);
  if (published == NULL)
    return malformed (loader, _("an event’s “published” is not an RFC 3339 date"));

  for (guint i = 0; i < json_array_get_length (links); i++)
    {
      JsonObject *link = element_object (links, i);
      const char *url = link != NULL ? member_string (link, "url") : NULL;
      gint64 item_id;

      if (url == NULL)
        return malformed (loader, _("every link needs a “url”"));

      /* The first link is the event's identity: when it is stored, the
       * event is already there and is left as the user made it. */
      if (i == 0)
        {
          sqlite3_stmt *stmt = _seismo_store_prepare (loader->store,
                                                      "SELECT 1 FROM items WHERE source_id = ?"
                                                      " AND guid = ?",
                                                      loader->error);
          gboolean known;

          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, source_id);
          _seismo_store_bind_text (stmt, 2, url);
          known = sqlite3_step (stmt) == SQLITE_ROW;
          sqlite3_reset (stmt);
          if (known)
            return TRUE;

          event_id = _seismo_store_new_event (loader->store, title, summary, url,
                                              g_date_time_to_unix (published),
                                              day_only ? SEISMO_DATED_DAY : SEISMO_DATED_EXACT,
                                              loader->error);
          if (event_id == 0)
            return FALSE;
        }

      item_id = _seismo_store_insert_item (loader->store, source_id, event_id, url, url, url,
                                           title, summary, member_string (link, "outlet"),
                                           g_date_time_to_unix (published), G_MININT64,
                                           loader->error);
      if (item_id < 0)
        return FALSE;
    }

  return link_names (loader, event_id, event, FALSE) &&
         link_names (loader, event_id, event, TRUE) &&
         _seismo_store_index_event (loader->store, event_id, loader->error);
}

static gboolean
load_all (Loader     *loader,
          const char *dir)
{
  g_autoptr(JsonNode) companies = NULL;
  g_autoptr(JsonNode) sources = NULL;
  g_autoptr(JsonNode) tags = NULL;
  g_autoptr(JsonNode) events = NULL;
  gint64 source_id;

  /* Read and parse all four before writing anything. */
  if ((companies = read_file (dir, "companies.json", loader->error)) == NULL ||
      (sources = read_file (dir, "sources.json", loader->error)) == NULL ||
      (tags = read_file (dir, "tags.json", loader->error)) == NULL ||
      (events = read_file (dir, "events.json", loader->error)) == NULL)
    return FALSE;

  loader->file = "companies.json";
  if (!JSON_NODE_HOLDS_ARRAY (companies))
    return malformed (loader, _("the top level must be a list"));
  if (!load_companies (loader, json_node_get_array (companies)))
    return FALSE;

  loader->file = "sources.json";
  if (!JSON_NODE_HOLDS_ARRAY (sources))
    return malformed (loader, _("the top level must be a list"));
  if (!load_sources (loader, json_node_get_array (sources)))
    return FALSE;

  loader->file = "tags.json";
  if (!JSON_NODE_HOLDS_OBJECT (tags))
    return malformed (loader, _("the top level must be an object"));
  if (!load_tags (loader, json_node_get_object (tags)))
    return FALSE;

  loader->file = "events.json";
  if (!JSON_NODE_HOLDS_ARRAY (events))
    return malformed (loader, _("the top level must be a list"));
  if ((source_id = starter_source (loader)) == 0)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (events)); i++)
    {
      JsonObject *event = element_object (json_node_get_array (events), i);

      if (event == NULL)
        return malformed (loader, _("every event must be an object"));
      if (!load_event (loader, source_id, event))
        return FALSE;
    }
  return TRUE;
}

/**
 * seismo_starter_pack_load:
 * @dir: (nullable): a folder holding companies.json, sources.json,
 *   tags.json and events.json, or NULL for the pack built into the program
 *
 * Loads the starter pack in one transaction. Loading it again changes
 * nothing.
 */
gboolean
seismo_starter_pack_load (SeismoStore  *store,
                          const char   *dir,
                          GError      **error)
{
  Loader loader = { store, NULL, error };
  gboolean ok;

  g_return_val_if_fail (SEISMO_IS_STORE (store), FALSE);

  if (!_seismo_store_write_begin (store, error))
    return FALSE;
  ok = load_all (&loader, dir);
  return _seismo_store_write_end (store, ok, error);
}

static void
remove_new_file (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_remove (name);
    }
}

/**
 * seismo_starter_pack_open_store:
 * @path: the database file
 *
 * Opens a database the way the app and the CLI do: a file that did not
 * exist is created and filled with the starter pack. If the pack cannot be
 * loaded, the new file is removed again rather than left half made.
 */
SeismoStore *
seismo_starter_pack_open_store (const char  *path,
                                GError     **error)
{
  gboolean existed = g_file_test (path, G_FILE_TEST_EXISTS);
  g_autoptr(SeismoStore) store = seismo_store_open (path, error);

  if (store == NULL)
    return NULL;
  if (seismo_store_get_created (store) && !seismo_starter_pack_load (store, NULL, error))
    {
      g_clear_object (&store);
      if (!existed)
        remove_new_file (path);
      return NULL;
    }
  return g_steal_pointer (&store);
}
