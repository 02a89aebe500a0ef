/* seismo-cli-notes.c — notes commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "seismo-cli-private.h"

/* "42" is event 42's note; "company:deepseek" is DeepSeek's. */
static gboolean
parse_target (const char  *text,
              gint64      *event_id,
              const char **company)
{
  *event_id = 0;
  *company = NULL;
  if (g_str_has_prefix (text, "company:") && text[strlen ("company:")] != '\0')
    {
      *company = text + strlen ("company:");
      return TRUE;
    }
  return seismo_cli_parse_id (text, event_id);
}

static char *
read_stdin (GError **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  guint8 buffer[65536];
  size_t n;

  while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
    g_byte_array_append (bytes, buffer, n);
  if (ferror (stdin))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("Cannot read the note from standard input"));
      return NULL;
    }
  if (memchr (bytes->data, '\0', bytes->len) != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The note contains NUL bytes; it is not text. Nothing was saved"));
      return NULL;
    }
  g_byte_array_append (bytes, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);
}

static int
seismo_cli_notes_set (SeismoCli  *cli,
                      int         argc,
                      char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *from_stdin = NULL;
  const char *company, *body;
  gint64 event_id;
  int status;

  if (!seismo_cli_parse_options ("notes set", NULL, &argc, &argv, 2, 2, &status))
    return status;
  if (!parse_target (argv[1], &event_id, &company))
    return seismo_cli_usage ("notes set", _("say which note: an event ID or company:SLUG"));

  body = argv[2];
  if (g_str_equal (body, "-"))
    {
      if ((from_stdin = read_stdin (&error)) == NULL)
        return seismo_cli_fail (g_steal_pointer (&error));
      body = from_stdin;
    }

  if (seismo_cli_store (cli, &error) == NULL ||
      !seismo_store_set_note (cli->store, event_id, company, body, &error))
    return seismo_cli_fail (g_steal_pointer (&error));
  return CLI_EXIT_OK;
}

static int
seismo_cli_notes_show (SeismoCli  *cli,
                       int         argc,
                       char      **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(SeismoNote) note = NULL;
  g_autoptr(GError) error = NULL;
  const char *company;
  gint64 event_id;
  int status;

  if (!seismo_cli_parse_options ("notes show", entries, &argc, &argv, 1, 1, &status))
    return status;
  if (!parse_target (argv[1], &event_id, &company))
    return seismo_cli_usage ("notes show", _("say which note: an event ID or company:SLUG"));
  if (seismo_cli_store (cli, &error) == NULL ||
      !seismo_store_get_note (cli->store, event_id, company, &note, &error))
    return seismo_cli_fail (g_steal_pointer (&error));

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "note");
      if (note != NULL)
        json_builder_add_string_value (builder, seismo_note_get_body (note));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "updated");
      if (note != NULL)
        {
          g_autofree char *date = seismo_cli_format_date (seismo_note_get_updated (note), TRUE);

          json_builder_add_string_value (builder, date);
        }
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      seismo_cli_print_json (root);
    }
  else if (note != NULL)
    {
      const char *body = seismo_note_get_body (note);

      fputs (body, stdout);
      if (!g_str_has_suffix (body, "\n"))
        fputc ('\n', stdout);
    }
  return CLI_EXIT_OK;
}

const SeismoCliCommand seismo_cli_notes_commands[] = {
  { "notes", "set", N_("(EVENT_ID | company:SLUG) (TEXT | -)"),
    N_("Write a note"), seismo_cli_notes_set },
  { "notes", "show", N_("(EVENT_ID | company:SLUG)"),
    N_("Print a note"), seismo_cli_notes_show },
  { 0 }
};
