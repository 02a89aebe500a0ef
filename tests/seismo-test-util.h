/* seismo-test-util.h — what several tests need: the CLI in a subprocess, temp folders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  int   status;
  char *out;
  char *err;
} SeismoTestRun;

void      seismo_test_run_clear     (SeismoTestRun       *run);

/* Runs $SEISMO_CLI [--db DB] ARGS… with @input (@input_len bytes, -1 for a
 * string; NUL bytes allowed) on stdin, in C.UTF-8 and UTC. */
void      seismo_test_cli_runv      (const char          *db,
                                     const char          *input,
                                     gssize               input_len,
                                     SeismoTestRun       *run,
                                     const char          *first,
                                     va_list              args);
/* An error: the exit status, one line "seismograph-cli: …" holding @words. */
void      seismo_test_assert_error  (const SeismoTestRun *run,
                                     int                  status,
                                     const char          *words);
JsonNode *seismo_test_parse_json    (const char          *text);
void      seismo_test_remove_tree   (const char          *dir);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SeismoTestRun, seismo_test_run_clear)

G_END_DECLS
