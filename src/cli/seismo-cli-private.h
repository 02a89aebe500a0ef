/* seismo-cli-private.h — what the CLI's command files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "seismo-store.h"

G_BEGIN_DECLS

/* Exit statuses: the contract scripts rely on (see design/CLI.md). */
#define CLI_EXIT_OK    0
#define CLI_EXIT_ERROR 1
#define CLI_EXIT_USAGE 2

typedef struct
{
  const char  *db_path;  /* --db, or NULL for the default */
  SeismoStore *store;    /* opened on first use */
} SeismoCli;

typedef int (*SeismoCliRun) (SeismoCli  *cli,
                             int         argc,
                             char      **argv);

typedef struct
{
  const char   *group;    /* "events", or NULL for a one-word command */
  const char   *name;     /* "list" */
  const char   *args;     /* usage after the command words */
  const char   *summary;  /* one line for the usage text */
  SeismoCliRun  run;
} SeismoCliCommand;

SeismoStore *seismo_cli_store          (SeismoCli          *cli,
                                        GError            **error);
int          seismo_cli_fail           (GError             *error);
int          seismo_cli_fail_message   (const char         *format,
                                        ...) G_GNUC_PRINTF (1, 2);
int          seismo_cli_usage          (const char         *command,
                                        const char         *message);
/* Parses a command's options; on a usage error prints it and returns FALSE
 * with *status set to 2. */
gboolean     seismo_cli_parse_options  (const char         *command,
                                        const GOptionEntry *entries,
                                        int                *argc,
                                        char             ***argv,
                                        int                 min_args,
                                        int                 max_args,
                                        int                *status);
void         seismo_cli_print_json     (JsonNode           *node);
void         seismo_cli_json_string    (JsonBuilder        *builder,
                                        const char         *name,
                                        const char         *value);
void         seismo_cli_json_int       (JsonBuilder        *builder,
                                        const char         *name,
                                        gint64              value);
void         seismo_cli_json_bool      (JsonBuilder        *builder,
                                        const char         *name,
                                        gboolean            value);
char        *seismo_cli_format_date    (gint64              when,
                                        gboolean            utc);
gboolean     seismo_cli_parse_date     (const char         *text,
                                        gboolean            end_of_day,
                                        gint64             *when);
gboolean     seismo_cli_parse_id       (const char         *text,
                                        gint64             *id);
void         seismo_cli_progress       (gboolean            forced,
                                        const char         *format,
                                        ...) G_GNUC_PRINTF (2, 3);

/* The command tables, one per file; each ends with an all-zero entry. */
extern const SeismoCliCommand seismo_cli_base_commands[];
extern const SeismoCliCommand seismo_cli_sources_commands[];
extern const SeismoCliCommand seismo_cli_events_commands[];
extern const SeismoCliCommand seismo_cli_companies_commands[];
extern const SeismoCliCommand seismo_cli_notes_commands[];
extern const SeismoCliCommand seismo_cli_export_commands[];
extern const SeismoCliCommand seismo_cli_tags_commands[];
extern const SeismoCliCommand seismo_cli_refresh_commands[];
extern const SeismoCliCommand seismo_cli_opml_commands[];

int seismo_cli_parse_run (SeismoCli *cli, int argc, char **argv);
int seismo_cli_init_run  (SeismoCli *cli, int argc, char **argv);

G_END_DECLS
