/* seismo-cli-companies.c — companies commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "seismo-cli-private.h"

static int
seismo_cli_companies_list (SeismoCli  *cli,
                           int         argc,
                           char      **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GPtrArray) companies = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  int status;

  if (!seismo_cli_parse_options ("companies list", entries, &argc, &argv, 0, 0, &status))
    return status;
  if (seismo_cli_store (cli, &error) == NULL ||
      (companies = seismo_store_list_companies (cli->store, g_get_real_time () / G_USEC_PER_SEC,
                                                &error)) == NULL)
    return seismo_cli_fail (g_steal_pointer (&error));

  if (!json)
    {
      /* Translators: column headings of "companies list"; keep them short. */
      g_print ("%-18s %-28s %-9s %5s %5s %6s\n", _("SLUG"), _("NAME"), _("FOLLOWED"), _("7D"),
               _("30D"), _("ALL"));
      for (guint i = 0; i < companies->len; i++)
        {
          SeismoCompany *company = g_ptr_array_index (companies, i);

          g_print ("%-18s %-28s %-9s %5u %5u %6u\n", seismo_company_get_slug (company),
                   seismo_company_get_name (company),
                   seismo_company_get_followed (company) ? _("yes") : "",
                   seismo_company_get_events_7d (company), seismo_company_get_events_30d (company),
                   seismo_company_get_events_total (company));
        }
      return CLI_EXIT_OK;
    }

  json_builder_begin_array (builder);
  for (guint i = 0; i < companies->len; i++)
    {
      SeismoCompany *company = g_ptr_array_index (companies, i);

      json_builder_begin_object (builder);
      seismo_cli_json_string (builder, "slug", seismo_company_get_slug (company));
      seismo_cli_json_string (builder, "name", seismo_company_get_name (company));
      seismo_cli_json_bool (builder, "followed", seismo_company_get_followed (company));
      seismo_cli_json_int (builder, "events_7d", seismo_company_get_events_7d (company));
      seismo_cli_json_int (builder, "events_30d", seismo_company_get_events_30d (company));
      seismo_cli_json_int (builder, "events_total", seismo_company_get_events_total (company));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  seismo_cli_print_json (root);
  return CLI_EXIT_OK;
}

static int
set_followed (SeismoCli  *cli,
              const char *command,
              int         argc,
              char      **argv,
              gboolean    followed)
{
  g_autoptr(GError) error = NULL;
  int status;

  if (!seismo_cli_parse_options (command, NULL, &argc, &argv, 1, 1, &status))
    return status;
  if (seismo_cli_store (cli, &error) == NULL ||
      !seismo_store_set_followed (cli->store, argv[1], followed, &error))
    return seismo_cli_fail (g_steal_pointer (&error));
  return CLI_EXIT_OK;
}

static int
seismo_cli_companies_follow (SeismoCli  *cli,
                             int         argc,
                             char      **argv)
{
  return set_followed (cli, "companies follow", argc, argv, TRUE);
}

static int
seismo_cli_companies_unfollow (SeismoCli  *cli,
                               int         argc,
                               char      **argv)
{
  return set_followed (cli, "companies unfollow", argc, argv, FALSE);
}

const SeismoCliCommand seismo_cli_companies_commands[] = {
  { "companies", "list", "[--json]",
    N_("List companies"), seismo_cli_companies_list },
  { "companies", "follow", N_("SLUG"),
    N_("Follow a company"), seismo_cli_companies_follow },
  { "companies", "unfollow", N_("SLUG"),
    N_("Stop following a company"), seismo_cli_companies_unfollow },
  { 0 }
};
