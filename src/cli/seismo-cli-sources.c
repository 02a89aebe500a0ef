/* seismo-cli-sources.c — sources commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "seismo-cli-private.h"

int
seismo_cli_sources_list (SeismoCli  *cli,
                         int         argc,
                         char      **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  int status;

  if (!seismo_cli_parse_options ("sources list", entries, &argc, &argv, 0, 0, &status))
    return status;
  if (seismo_cli_store (cli, &error) == NULL ||
      (sources = seismo_store_list_sources (cli->store, &error)) == NULL)
    return seismo_cli_fail (g_steal_pointer (&error));

  if (!json)
    {
      for (guint i = 0; i < sources->len; i++)
        {
          SeismoSource *source = g_ptr_array_index (sources, i);
          const char *state = seismo_source_get_enabled (source)
                                ? seismo_source_status_to_string (seismo_source_get_status (source))
                                : _("disabled");

          g_print ("%4" G_GINT64_FORMAT "  %-8s  %-12s  %6u  %s\n      %s\n",
                   seismo_source_get_id (source), seismo_source_get_kind (source), state,
                   seismo_source_get_items (source), seismo_source_get_display_title (source),
                   seismo_source_get_url (source));
          if (seismo_source_get_error (source) != NULL)
            g_print ("      %s\n", seismo_source_get_error (source));
        }
      return CLI_EXIT_OK;
    }

  json_builder_begin_array (builder);
  for (guint i = 0; i < sources->len; i++)
    {
      SeismoSource *source = g_ptr_array_index (sources, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, seismo_source_get_id (source));
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, seismo_source_get_kind (source));
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, seismo_source_get_title (source));
      json_builder_set_member_name (builder, "url");
      json_builder_add_string_value (builder, seismo_source_get_url (source));
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder,
                                     seismo_source_status_to_string (seismo_source_get_status (source)));
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, seismo_source_get_error (source));
      json_builder_set_member_name (builder, "items");
      json_builder_add_int_value (builder, seismo_source_get_items (source));
      json_builder_set_member_name (builder, "enabled");
      json_builder_add_boolean_value (builder, seismo_source_get_enabled (source));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  seismo_cli_print_json (root);
  return CLI_EXIT_OK;
}

/* Without a fetch, the URL is the only hint; the refresh reads the format
 * from the content anyway. */
static const char *
guess_kind (const char *url)
{
  if (g_str_has_suffix (url, ".atom") || strstr (url, "/atom") != NULL)
    return "atom";
  if (g_str_has_suffix (url, ".json"))
    return "jsonfeed";
  return "rss";
}

int
seismo_cli_sources_add (SeismoCli  *cli,
                        int         argc,
                        char      **argv)
{
  g_autofree char *kind = NULL, *title = NULL, *map = NULL;
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("rss, atom, jsonfeed or json-api"), N_("K") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The source’s name"), N_("T") },
    { "map", 0, 0, G_OPTION_ARG_STRING, &map, N_("JSON API mapping (JSON, or @FILE)"), N_("SPEC") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(SeismoSource) source = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int status;

  if (!seismo_cli_parse_options ("sources add", entries, &argc, &argv, 1, 1, &status))
    return status;
  if (kind != NULL && !seismo_source_kind_is_valid (kind))
    return seismo_cli_usage ("sources add", _("--kind is one of rss, atom, jsonfeed, json-api"));
  if (map != NULL && kind == NULL)
    kind = g_strdup ("json-api");

  source = seismo_source_new (argv[1], kind != NULL ? kind : guess_kind (argv[1]));
  seismo_source_set_title (source, title);
  seismo_source_set_mapping (source, map);

  if (seismo_cli_store (cli, &error) == NULL ||
      (id = seismo_store_add_source (cli->store, source, &error)) == 0)
    return seismo_cli_fail (g_steal_pointer (&error));
  g_print (_("Added source %" G_GINT64_FORMAT "\n"), id);
  return CLI_EXIT_OK;
}

int
seismo_cli_sources_remove (SeismoCli  *cli,
                           int         argc,
                           char      **argv)
{
  g_autoptr(GError) error = NULL;
  gint64 id;
  int status;

  if (!seismo_cli_parse_options ("sources remove", NULL, &argc, &argv, 1, 1, &status))
    return status;
  if (!seismo_cli_parse_id (argv[1], &id))
    return seismo_cli_usage ("sources remove", _("a source ID is a positive number"));
  if (seismo_cli_store (cli, &error) == NULL ||
      !seismo_store_remove_source (cli->store, id, &error))
    return seismo_cli_fail (g_steal_pointer (&error));
  return CLI_EXIT_OK;
}
