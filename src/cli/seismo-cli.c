/* seismo-cli.c — seismograph-cli, the headless face of the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "seismo-cli-private.h"
#include "seismo-starter-pack.h"

/* Scripts, cron jobs, benchmarks and tests drive the app through this
 * program, so its words, exit statuses and JSON are a contract
 * (design/CLI.md): one line on stderr and exit 1 on an error, a short usage
 * and exit 2 on a usage error, JSON on stdout with --json. */

/* Each file of commands brings its own table; usage lists them in this order. */
static const SeismoCliCommand * const tables[] = {
  seismo_cli_base_commands,
  seismo_cli_refresh_commands,
  seismo_cli_sources_commands,
  seismo_cli_events_commands,
  seismo_cli_tags_commands,
  seismo_cli_companies_commands,
  seismo_cli_notes_commands,
  seismo_cli_export_commands,
  seismo_cli_opml_commands,
};

#define FOR_EACH_COMMAND(command)                                            \
  for (guint t_ = 0; t_ < G_N_ELEMENTS (tables); t_++)                       \
    for (const SeismoCliCommand *command = tables[t_]; command->name != NULL; command++)

const SeismoCliCommand seismo_cli_base_commands[] = {
  { NULL, "init", "", N_("Create or migrate the database"), seismo_cli_init_run },
  { NULL, "parse", N_("FILE [--base-url URL]"), N_("Print a feed file as normalized JSON"),
    seismo_cli_parse_run },
  { 0 }
};

static char *
command_words (const SeismoCliCommand *command)
{
  if (command->group == NULL)
    return g_strdup (command->name);
  return g_strjoin (" ", command->group, command->name, NULL);
}

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n%s\n", _("Usage: seismograph-cli [--db PATH] COMMAND [ARGS]"),
           _("Commands:"));
  FOR_EACH_COMMAND (command)
    {
      g_autofree char *words = command_words (command);

      fprintf (out, "  %-18s %s\n", words, _(command->summary));
    }
  fprintf (out, "\n%s\n",
           _("The database is --db PATH, else $SEISMOGRAPH_DB, else "
             "$XDG_DATA_HOME/seismograph/seismograph.db."));
}

int
seismo_cli_fail (GError *error)
{
  g_printerr ("seismograph-cli: %s\n", error->message);
  g_error_free (error);
  return CLI_EXIT_ERROR;
}

int
seismo_cli_fail_message (const char *format,
                         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("seismograph-cli: %s\n", message);
  return CLI_EXIT_ERROR;
}

static const SeismoCliCommand *
find_command (const char *command)
{
  FOR_EACH_COMMAND (candidate)
    {
      g_autofree char *words = command_words (candidate);

      if (g_str_equal (words, command))
        return candidate;
    }
  return NULL;
}

int
seismo_cli_usage (const char *command,
                  const char *message)
{
  const SeismoCliCommand *found = command != NULL ? find_command (command) : NULL;

  if (message != NULL)
    g_printerr ("seismograph-cli: %s\n", message);
  if (found != NULL)
    g_printerr ("%s seismograph-cli [--db PATH] %s %s\n", _("Usage:"), command,
                found->args[0] != '\0' ? _(found->args) : "");
  else
    print_usage (stderr);
  return CLI_EXIT_USAGE;
}

gboolean
seismo_cli_parse_options (const char          *command,
                          const GOptionEntry  *entries,
                          int                 *argc,
                          char              ***argv,
                          int                  min_args,
                          int                  max_args,
                          int                 *status)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const SeismoCliCommand *found = find_command (command);
  g_autofree char *parameter = g_strdup_printf ("%s %s", command,
                                                found != NULL ? _(found->args) : "");

  context = g_option_context_new (parameter);
  g_option_context_set_help_enabled (context, TRUE);
  if (found != NULL)
    g_option_context_set_summary (context, _(found->summary));
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = seismo_cli_usage (command, error->message);
      return FALSE;
    }

  /* argv[0] is the command word; the rest are positional. Options after a
   * "--" are positional too (a note that starts with a dash). */
  for (int i = 1; i < *argc; i++)
    if (g_str_equal ((*argv)[i], "--"))
      {
        memmove (&(*argv)[i], &(*argv)[i + 1], (*argc - i) * sizeof (char *));
        (*argc)--;
        break;
      }

  if (*argc - 1 < min_args || (max_args >= 0 && *argc - 1 > max_args))
    {
      *status = seismo_cli_usage (command, *argc - 1 < min_args ? _("missing arguments")
                                                               : _("too many arguments"));
      return FALSE;
    }
  return TRUE;
}

SeismoStore *
seismo_cli_store (SeismoCli  *cli,
                  GError    **error)
{
  g_autofree char *path = NULL;

  if (cli->store != NULL)
    return cli->store;

  if (cli->db_path != NULL)
    path = g_strdup (cli->db_path);
  else
    {
      g_autofree char *folder = NULL;

      path = seismo_store_default_path ();
      folder = g_path_get_dirname (path);
      /* Only the default location is ours to create. */
      if (g_getenv ("SEISMOGRAPH_DB") == NULL && g_mkdir_with_parents (folder, 0700) != 0)
        {
          int saved = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("Cannot create the folder “%s”: %s"), folder, g_strerror (saved));
          return NULL;
        }
    }

  cli->store = seismo_starter_pack_open_store (path, error);
  return cli->store;
}

void
seismo_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
}

/* One member of the object being built; NULL strings are JSON null. */
void
seismo_cli_json_string (JsonBuilder *builder,
                        const char  *name,
                        const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
seismo_cli_json_int (JsonBuilder *builder,
                     const char  *name,
                     gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
seismo_cli_json_bool (JsonBuilder *builder,
                      const char  *name,
                      gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

/* RFC 3339 in UTC for JSON; local "YYYY-MM-DD HH:MM" for people. */
char *
seismo_cli_format_date (gint64   when,
                        gboolean utc)
{
  g_autoptr(GDateTime) date = utc ? g_date_time_new_from_unix_utc (when)
                                  : g_date_time_new_from_unix_local (when);

  if (date == NULL)
    return g_strdup ("");
  return g_date_time_format (date, utc ? "%Y-%m-%dT%H:%M:%SZ" : "%Y-%m-%d %H:%M");
}

/* DATE is YYYY-MM-DD (UTC midnight; with @end_of_day the next midnight,
 * so that "--until 2025-01-27" includes that day) or RFC 3339. */
gboolean
seismo_cli_parse_date (const char *text,
                       gboolean    end_of_day,
                       gint64     *when)
{
  g_autoptr(GDateTime) date = NULL;
  int y, m, d;
  char extra;

  if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &extra) == 3 && strlen (text) == 10)
    {
      date = g_date_time_new_utc (y, m, d, 0, 0, 0);
      if (date != NULL && end_of_day)
        {
          GDateTime *next = g_date_time_add_days (date, 1);

          g_date_time_unref (date);
          date = next;
        }
    }
  else
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

      date = g_date_time_new_from_iso8601 (text, utc);
    }

  if (date == NULL)
    return FALSE;
  *when = g_date_time_to_unix (date);
  return TRUE;
}

gboolean
seismo_cli_parse_id (const char *text,
                     gint64     *id)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64) value;
  return TRUE;
}

/* Progress goes to stderr, only on a terminal unless asked for. */
void
seismo_cli_progress (gboolean    forced,
                     const char *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (!forced && !isatty (STDERR_FILENO))
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("%s\n", message);
}

int
seismo_cli_init_run (SeismoCli  *cli,
                     int         argc,
                     char      **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  if (!seismo_cli_parse_options ("init", NULL, &argc, &argv, 0, 0, &status))
    return status;
  if (seismo_cli_store (cli, &error) == NULL)
    return seismo_cli_fail (g_steal_pointer (&error));
  g_print (_("Database ready: %s\n"), seismo_store_get_path (cli->store));
  return CLI_EXIT_OK;
}

/* Takes --db PATH (or --db=PATH) out of argv, wherever it is. */
static gboolean
take_db_option (int         *argc,
                char       **argv,
                const char **db_path)
{
  for (int i = 1; i < *argc; i++)
    {
      int used = 0;

      if (g_str_equal (argv[i], "--"))
        break;
      if (g_str_equal (argv[i], "--db"))
        {
          if (i + 1 >= *argc)
            return FALSE;
          *db_path = argv[i + 1];
          used = 2;
        }
      else if (g_str_has_prefix (argv[i], "--db="))
        {
          *db_path = argv[i] + strlen ("--db=");
          used = 1;
        }
      if (used > 0)
        {
          memmove (&argv[i], &argv[i + used], (*argc - i - used + 1) * sizeof (char *));
          *argc -= used;
          i--;
        }
    }
  return *db_path == NULL || (*db_path)[0] != '\0';
}

int
main (int    argc,
      char **argv)
{
  SeismoCli cli = { NULL, NULL };
  const SeismoCliCommand *command = NULL;
  g_autofree char *words = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("seismograph-cli");

  if (!take_db_option (&argc, argv, &cli.db_path))
    return seismo_cli_usage (NULL, _("--db needs a path"));

  if (argc < 2)
    return seismo_cli_usage (NULL, NULL);
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return CLI_EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("seismograph-cli %s\n", PACKAGE_VERSION);
      return CLI_EXIT_OK;
    }

  if (argc >= 3)
    {
      words = g_strjoin (" ", argv[1], argv[2], NULL);
      command = find_command (words);
    }
  if (command != NULL)
    status = command->run (&cli, argc - 2, argv + 2);
  else if ((command = find_command (argv[1])) != NULL && command->group == NULL)
    status = command->run (&cli, argc - 1, argv + 1);
  else
    {
      g_autofree char *message = g_strdup_printf (_("unknown command “%s”"),
                                                  words != NULL ? words : argv[1]);

      status = seismo_cli_usage (NULL, message);
    }

  g_clear_object (&cli.store);
  return status;
}
