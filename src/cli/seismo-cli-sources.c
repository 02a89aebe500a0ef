/* seismo-cli-sources.c — sources commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "seismo-cli-private.h"
#include "seismo-json-api.h"
#include "seismo-probe.h"

static int
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
      seismo_cli_json_int (builder, "id", seismo_source_get_id (source));
      seismo_cli_json_string (builder, "kind", seismo_source_get_kind (source));
      seismo_cli_json_string (builder, "title", seismo_source_get_title (source));
      seismo_cli_json_string (builder, "url", seismo_source_get_url (source));
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder,
                                     seismo_source_status_to_string (seismo_source_get_status (source)));
      seismo_cli_json_string (builder, "error", seismo_source_get_error (source));
      seismo_cli_json_int (builder, "items", seismo_source_get_items (source));
      seismo_cli_json_bool (builder, "enabled", seismo_source_get_enabled (source));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  seismo_cli_print_json (root);
  return CLI_EXIT_OK;
}

typedef struct
{
  GMainLoop         *loop;
  SeismoProbeResult *result;
  GError            *error;
} Probing;

static void
probed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Probing *probing = user_data;

  probing->result = seismo_probe_finish (result, &probing->error);
  g_main_loop_quit (probing->loop);
}

/* Fetches the address once to learn what it is (or which feed the page
 * links to). Nothing is stored when that fails. */
static SeismoProbeResult *
probe (const char  *url,
       GError     **error)
{
  g_autoptr(SeismoFetcher) fetcher = seismo_fetcher_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Probing probing = { loop, NULL, NULL };

  seismo_probe_async (fetcher, url, NULL, probed_cb, &probing);
  g_main_loop_run (loop);
  if (probing.error != NULL)
    g_propagate_error (error, probing.error);
  return probing.result;
}

/* --map takes the mapping itself, or @FILE. */
static char *
read_mapping (const char  *spec,
              GError     **error)
{
  char *text = NULL;

  if (spec[0] != '@')
    return g_strdup (spec);
  if (!g_file_get_contents (spec + 1, &text, NULL, error))
    return NULL;
  return text;
}

static int
seismo_cli_sources_add (SeismoCli  *cli,
                        int         argc,
                        char      **argv)
{
  g_autofree char *kind = NULL, *title = NULL, *map = NULL, *mapping = NULL;
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("rss, atom, jsonfeed or json-api"), N_("K") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The source’s name"), N_("T") },
    { "map", 0, 0, G_OPTION_ARG_STRING, &map, N_("JSON API mapping (JSON, or @FILE)"), N_("SPEC") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(SeismoSource) source = NULL;
  g_autoptr(SeismoProbeResult) found = NULL;
  g_autoptr(GError) error = NULL;
  const char *url;
  gint64 id;
  int status;

  if (!seismo_cli_parse_options ("sources add", entries, &argc, &argv, 1, 1, &status))
    return status;
  if (kind != NULL && !seismo_source_kind_is_valid (kind))
    return seismo_cli_usage ("sources add", _("--kind is one of rss, atom, jsonfeed, json-api"));
  if (map != NULL && kind == NULL)
    kind = g_strdup ("json-api");
  if (g_strcmp0 (kind, "json-api") == 0 && map == NULL)
    return seismo_cli_usage ("sources add", _("a json-api source needs --map"));
  if (map != NULL && !g_str_equal (kind, "json-api"))
    return seismo_cli_usage ("sources add", _("--map is only for --kind json-api"));

  if (map != NULL)
    {
      g_autofree char *company = NULL;

      if ((mapping = read_mapping (map, &error)) == NULL ||
          !seismo_json_api_validate_mapping (mapping, &error))
        return seismo_cli_fail (g_steal_pointer (&error));
      company = seismo_json_api_mapping_dup_company (mapping);
      if (company != NULL)
        {
          g_autoptr(SeismoCompany) known = NULL;

          if (seismo_cli_store (cli, &error) == NULL ||
              (known = seismo_store_get_company (cli->store, company, 0, &error)) == NULL)
            return seismo_cli_fail (g_steal_pointer (&error));
        }
    }

  url = argv[1];
  if (kind == NULL)
    {
      g_autoptr(SeismoSource) check = seismo_source_new (url, "rss");

      /* Refuse what can never be a source before touching the network. */
      if (!g_str_has_prefix (url, "http://") && !g_str_has_prefix (url, "https://"))
        return seismo_cli_fail_message (_("“%s” is not a web address: a source needs an http:// "
                                          "or https:// URL"), url);
      if ((found = probe (url, &error)) == NULL)
        return seismo_cli_fail_message (_("Cannot add “%s”: %s"), url, error->message);
      url = found->url;
    }

  source = seismo_source_new (url, kind != NULL ? kind : found->kind);
  seismo_source_set_title (source, title != NULL ? title : found != NULL ? found->title : NULL);
  seismo_source_set_site_url (source, found != NULL ? found->site_url : NULL);
  seismo_source_set_mapping (source, mapping);

  if (seismo_cli_store (cli, &error) == NULL ||
      (id = seismo_store_add_source (cli->store, source, &error)) == 0)
    return seismo_cli_fail (g_steal_pointer (&error));
  if (found != NULL && !g_str_equal (found->url, argv[1]))
    g_print (_("Added source %" G_GINT64_FORMAT ": %s (the feed of %s)\n"), id, found->url, argv[1]);
  else
    g_print (_("Added source %" G_GINT64_FORMAT "\n"), id);
  return CLI_EXIT_OK;
}

static int
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

const SeismoCliCommand seismo_cli_sources_commands[] = {
  { "sources", "list", "[--json]",
    N_("List sources"), seismo_cli_sources_list },
  { "sources", "add", N_("URL [--kind K] [--title T] [--map SPEC]"),
    N_("Add a source"), seismo_cli_sources_add },
  { "sources", "remove", N_("ID"),
    N_("Remove a source and its items"), seismo_cli_sources_remove },
  { 0 }
};
