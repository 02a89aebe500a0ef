/* seismo-cli-tags.c — managing tags and tag rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "seismo-cli-private.h"

/* "tags list / add / remove" live with the events commands; these manage
 * the vocabulary itself. A shell takes an unquoted "#3584e4" for a
 * comment, so a colour may be given without its "#". */

static char *
color_argument (const char *text)
{
  if (text == NULL || text[0] == '#' || text[0] == '\0')
    return g_strdup (text);
  return g_strconcat ("#", text, NULL);
}

static int
seismo_cli_tags_create (SeismoCli  *cli,
                        int         argc,
                        char      **argv)
{
  g_autofree char *color = NULL, *normalized = NULL;
  const GOptionEntry entries[] = {
    { "color", 0, 0, G_OPTION_ARG_STRING, &color, N_("The tag’s colour"), "#rrggbb" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  int status;

  if (!seismo_cli_parse_options ("tags create", entries, &argc, &argv, 1, 1, &status))
    return status;
  normalized = color_argument (color);
  if (seismo_cli_store (cli, &error) == NULL ||
      seismo_store_create_tag (cli->store, argv[1], normalized, &error) == 0)
    return seismo_cli_fail (g_steal_pointer (&error));
  return CLI_EXIT_OK;
}

static int
seismo_cli_tags_rename (SeismoCli  *cli,
                        int         argc,
                        char      **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  if (!seismo_cli_parse_options ("tags rename", NULL, &argc, &argv, 2, 2, &status))
    return status;
  if (seismo_cli_store (cli, &error) == NULL ||
      !seismo_store_rename_tag (cli->store, argv[1], argv[2], &error))
    return seismo_cli_fail (g_steal_pointer (&error));
  return CLI_EXIT_OK;
}

static int
seismo_cli_tags_merge (SeismoCli  *cli,
                       int         argc,
                       char      **argv)
{
  g_autoptr(GError) error = NULL;
  guint n_events = 0;
  int status;

  if (!seismo_cli_parse_options ("tags merge", NULL, &argc, &argv, 2, 2, &status))
    return status;
  if (seismo_cli_store (cli, &error) == NULL ||
      !seismo_store_merge_tags (cli->store, argv[1], argv[2], &n_events, &error))
    return seismo_cli_fail (g_steal_pointer (&error));
  g_print (g_dngettext (GETTEXT_PACKAGE, "Merged “%s” into “%s”, now on %u event\n",
                        "Merged “%s” into “%s”, now on %u events\n", n_events),
           argv[1], argv[2], n_events);
  return CLI_EXIT_OK;
}

static int
seismo_cli_tags_color (SeismoCli  *cli,
                       int         argc,
                       char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *color = NULL;
  int status;

  if (!seismo_cli_parse_options ("tags color", NULL, &argc, &argv, 2, 2, &status))
    return status;
  color = color_argument (argv[2]);
  if (seismo_cli_store (cli, &error) == NULL ||
      !seismo_store_set_tag_color (cli->store, argv[1], color, &error))
    return seismo_cli_fail (g_steal_pointer (&error));
  return CLI_EXIT_OK;
}

static int
seismo_cli_tags_delete (SeismoCli  *cli,
                        int         argc,
                        char      **argv)
{
  g_autoptr(GError) error = NULL;
  guint n_events = 0;
  int status;

  if (!seismo_cli_parse_options ("tags delete", NULL, &argc, &argv, 1, 1, &status))
    return status;
  if (seismo_cli_store (cli, &error) == NULL ||
      !seismo_store_delete_tag (cli->store, argv[1], &n_events, &error))
    return seismo_cli_fail (g_steal_pointer (&error));
  g_print (g_dngettext (GETTEXT_PACKAGE, "Deleted “%s”, which was on %u event\n",
                        "Deleted “%s”, which was on %u events\n", n_events),
           argv[1], n_events);
  return CLI_EXIT_OK;
}

static void
print_rules_json (GPtrArray *rules)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < rules->len; i++)
    {
      SeismoRuleRow *rule = g_ptr_array_index (rules, i);

      json_builder_begin_object (builder);
      seismo_cli_json_int (builder, "id", rule->id);
      seismo_cli_json_string (builder, "tag", rule->tag);
      seismo_cli_json_string (builder, "kind", rule->kind);
      seismo_cli_json_string (builder, "pattern", rule->pattern);
      seismo_cli_json_bool (builder, "case_sensitive", rule->case_sensitive);
      seismo_cli_json_bool (builder, "weak", rule->weak);
      seismo_cli_json_bool (builder, "negative", rule->negative);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  seismo_cli_print_json (root);
}

static int
seismo_cli_tags_rules (SeismoCli  *cli,
                       int         argc,
                       char      **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!seismo_cli_parse_options ("tags rules", entries, &argc, &argv, 0, 0, &status))
    return status;
  if (seismo_cli_store (cli, &error) == NULL ||
      (rules = seismo_store_list_tag_rules (cli->store, &error)) == NULL)
    return seismo_cli_fail (g_steal_pointer (&error));

  if (json)
    {
      print_rules_json (rules);
      return CLI_EXIT_OK;
    }
  for (guint i = 0; i < rules->len; i++)
    {
      SeismoRuleRow *rule = g_ptr_array_index (rules, i);

      /* Flags as letters: c(ase-sensitive), w(eak), n(egative). */
      g_print ("%5" G_GINT64_FORMAT "  %-16s %-8s %c%c%c  %s\n", rule->id, rule->tag, rule->kind,
               rule->case_sensitive ? 'c' : '-', rule->weak ? 'w' : '-',
               rule->negative ? 'n' : '-', rule->pattern);
    }
  return CLI_EXIT_OK;
}

static int
seismo_cli_tags_rule_add (SeismoCli  *cli,
                          int         argc,
                          char      **argv)
{
  g_autofree char *keywords = NULL, *regex = NULL;
  gboolean case_sensitive = FALSE, weak = FALSE, negative = FALSE;
  const GOptionEntry entries[] = {
    { "keywords", 0, 0, G_OPTION_ARG_STRING, &keywords,
      N_("Words or phrases, separated by commas"), N_("\"A, B\"") },
    { "regex", 0, 0, G_OPTION_ARG_STRING, &regex, N_("A regular expression"), N_("RE") },
    { "case-sensitive", 0, 0, G_OPTION_ARG_NONE, &case_sensitive, N_("Match case"), NULL },
    { "weak", 0, 0, G_OPTION_ARG_NONE, &weak, N_("A hit scores 1 instead of 3 in a title"),
      NULL },
    { "negative", 0, 0, G_OPTION_ARG_NONE, &negative,
      N_("Text this matches does not count for the tag"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  SeismoRuleRow rule = { 0 };
  gint64 id;
  int status;

  if (!seismo_cli_parse_options ("tags rule-add", entries, &argc, &argv, 1, 1, &status))
    return status;
  if ((keywords == NULL) == (regex == NULL))
    return seismo_cli_usage ("tags rule-add", _("give either --keywords or --regex"));

  rule.tag = argv[1];
  rule.kind = (char *) (keywords != NULL ? "keywords" : "regex");
  rule.pattern = keywords != NULL ? keywords : regex;
  rule.case_sensitive = case_sensitive;
  rule.weak = weak;
  rule.negative = negative;
  if (seismo_cli_store (cli, &error) == NULL ||
      (id = seismo_store_add_tag_rule (cli->store, &rule, &error)) == 0)
    return seismo_cli_fail (g_steal_pointer (&error));
  g_print (_("Added rule %" G_GINT64_FORMAT "\n"), id);
  return CLI_EXIT_OK;
}

static int
seismo_cli_tags_rule_remove (SeismoCli  *cli,
                             int         argc,
                             char      **argv)
{
  g_autoptr(GError) error = NULL;
  gint64 id;
  int status;

  if (!seismo_cli_parse_options ("tags rule-remove", NULL, &argc, &argv, 1, 1, &status))
    return status;
  if (!seismo_cli_parse_id (argv[1], &id))
    return seismo_cli_usage ("tags rule-remove", _("a RULE_ID is a number (see “tags rules”)"));
  if (seismo_cli_store (cli, &error) == NULL ||
      !seismo_store_remove_tag_rule (cli->store, id, &error))
    return seismo_cli_fail (g_steal_pointer (&error));
  return CLI_EXIT_OK;
}

static int
seismo_cli_tags_apply_rules (SeismoCli  *cli,
                             int         argc,
                             char      **argv)
{
  gboolean prune = FALSE, dry_run = FALSE;
  const GOptionEntry entries[] = {
    { "prune", 0, 0, G_OPTION_ARG_NONE, &prune,
      N_("Also remove rule tags the rules no longer give"), NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Count the changes, make none"), NULL },
    G_OPTION_ENTRY_NULL
  };
  SeismoApplyRulesStats stats = { 0 };
  g_autoptr(GError) error = NULL;
  int status;

  if (!seismo_cli_parse_options ("tags apply-rules", entries, &argc, &argv, 0, 0, &status))
    return status;
  if (seismo_cli_store (cli, &error) == NULL ||
      !seismo_store_apply_tag_rules (cli->store,
                                     (prune ? SEISMO_APPLY_RULES_PRUNE : 0) |
                                     (dry_run ? SEISMO_APPLY_RULES_DRY_RUN : 0),
                                     NULL, &stats, &error))
    return seismo_cli_fail (g_steal_pointer (&error));

  g_print (dry_run ? _("Events that would change: %u; tags added: %u; tags removed: %u\n")
                   : _("Events changed: %u; tags added: %u; tags removed: %u\n"),
           stats.events_changed, stats.tags_added, stats.tags_removed);
  return CLI_EXIT_OK;
}

const SeismoCliCommand seismo_cli_tags_commands[] = {
  { "tags", "create", N_("NAME [--color #rrggbb]"),
    N_("Create a tag"), seismo_cli_tags_create },
  { "tags", "rename", N_("OLD NEW"),
    N_("Rename a tag"), seismo_cli_tags_rename },
  { "tags", "merge", N_("FROM INTO"),
    N_("Move a tag’s events and rules to another tag"), seismo_cli_tags_merge },
  { "tags", "color", N_("TAG #rrggbb"),
    N_("Set a tag’s colour"), seismo_cli_tags_color },
  { "tags", "delete", N_("TAG"),
    N_("Delete a tag from every event"), seismo_cli_tags_delete },
  { "tags", "rules", "[--json]",
    N_("List the tag rules"), seismo_cli_tags_rules },
  { "tags", "rule-add", N_("TAG (--keywords \"A, B\" | --regex RE) [--case-sensitive] [--weak] "
                           "[--negative]"),
    N_("Add a tag rule"), seismo_cli_tags_rule_add },
  { "tags", "rule-remove", N_("RULE_ID"),
    N_("Remove a tag rule"), seismo_cli_tags_rule_remove },
  { "tags", "apply-rules", N_("[--prune] [--dry-run]"),
    N_("Run the tag rules over every event"), seismo_cli_tags_apply_rules },
  { 0 }
};
