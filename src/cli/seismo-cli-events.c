/* seismo-cli-events.c — events and tags commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "seismo-cli-private.h"

#define DEFAULT_LIMIT 100

static void
add_strv (JsonBuilder        *builder,
          const char         *name,
          const char * const *values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static void
add_date (JsonBuilder *builder,
          const char  *name,
          gint64       when,
          gboolean     known)
{
  json_builder_set_member_name (builder, name);
  if (known)
    {
      g_autofree char *text = seismo_cli_format_date (when, TRUE);

      json_builder_add_string_value (builder, text);
    }
  else
    json_builder_add_null_value (builder);
}

/* The fields of design/CLI.md, in its order. */
static void
add_event_fields (JsonBuilder *builder,
                  SeismoEvent *event)
{
  seismo_cli_json_int (builder, "id", seismo_event_get_id (event));
  seismo_cli_json_string (builder, "title", seismo_event_get_title (event));
  add_date (builder, "published", seismo_event_get_published (event),
            seismo_event_get_dated (event));
  seismo_cli_json_string (builder, "url", seismo_event_get_url (event));
  seismo_cli_json_string (builder, "source", seismo_event_get_source (event));
  seismo_cli_json_int (builder, "sources_count", seismo_event_get_sources_count (event));
  add_strv (builder, "companies", seismo_event_get_companies (event));
  add_strv (builder, "tags", seismo_event_get_tags (event));
  seismo_cli_json_bool (builder, "read", seismo_event_get_read (event));
  seismo_cli_json_bool (builder, "starred", seismo_event_get_starred (event));
  seismo_cli_json_bool (builder, "has_note", seismo_event_get_has_note (event));
}

static char *
marks (SeismoEvent *event)
{
  GString *text = g_string_new (NULL);
  const char * const *companies = seismo_event_get_companies (event);
  const char * const *tags = seismo_event_get_tags (event);

  for (guint i = 0; companies[i] != NULL; i++)
    g_string_append_printf (text, " [%s]", companies[i]);
  for (guint i = 0; tags[i] != NULL; i++)
    g_string_append_printf (text, " #%s", tags[i]);
  if (seismo_event_get_starred (event))
    g_string_append (text, " ★");
  if (seismo_event_get_has_note (event))
    g_string_append (text, " ✎");
  return g_string_free (text, FALSE);
}

/* Local date and time for people; the date alone when that is all we know. */
static char *
event_date (SeismoEvent *event)
{
  g_autofree char *full = NULL;

  if (!seismo_event_get_dated (event))
    return g_strdup (_("no date"));
  full = seismo_cli_format_date (seismo_event_get_published (event), FALSE);
  if (!seismo_event_get_time_known (event))
    full[10] = '\0';
  return g_steal_pointer (&full);
}

static void
print_events (GPtrArray *events)
{
  for (guint i = 0; i < events->len; i++)
    {
      SeismoEvent *event = g_ptr_array_index (events, i);
      g_autofree char *date = event_date (event);
      g_autofree char *source = NULL;
      g_autofree char *extra = marks (event);

      if (seismo_event_get_sources_count (event) > 1)
        source = g_strdup_printf ("%s +%u", seismo_event_get_source (event) ?: "",
                                  seismo_event_get_sources_count (event) - 1);
      else
        source = g_strdup (seismo_event_get_source (event) ?: "");

      g_print ("%6" G_GINT64_FORMAT "  %-16s  %c %s  (%s)%s\n", seismo_event_get_id (event), date,
               seismo_event_get_read (event) ? ' ' : '*', seismo_event_get_title (event), source,
               extra);
    }
}

static int
seismo_cli_events_list (SeismoCli  *cli,
                        int         argc,
                        char      **argv)
{
  g_autofree char *company = NULL, *tag = NULL, *since = NULL, *until = NULL, *search = NULL;
  gint64 source_id = 0;
  int limit = DEFAULT_LIMIT;
  gboolean unread = FALSE, starred = FALSE, json = FALSE;
  const GOptionEntry entries[] = {
    { "company", 0, 0, G_OPTION_ARG_STRING, &company, N_("Only events of this company"), N_("SLUG") },
    { "tag", 0, 0, G_OPTION_ARG_STRING, &tag, N_("Only events with this tag"), N_("TAG") },
    { "source", 0, 0, G_OPTION_ARG_INT64, &source_id, N_("Only events from this source"), N_("ID") },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since, N_("From this date on"), N_("DATE") },
    { "until", 0, 0, G_OPTION_ARG_STRING, &until, N_("Up to this date"), N_("DATE") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Only events with these words"), N_("QUERY") },
    { "unread", 0, 0, G_OPTION_ARG_NONE, &unread, N_("Only unread events"), NULL },
    { "starred", 0, 0, G_OPTION_ARG_NONE, &starred, N_("Only starred events"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N events (0 for all; default 100)"), "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(SeismoEventFilter) filter = seismo_event_filter_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  SeismoEventCursor cursor;
  guint remaining;
  int status;

  if (!seismo_cli_parse_options ("events list", entries, &argc, &argv, 0, 0, &status))
    return status;
  if (limit < 0)
    return seismo_cli_usage ("events list", _("--limit must be 0 or more"));
  if ((since != NULL && !seismo_cli_parse_date (since, FALSE, &filter->since)) ||
      (until != NULL && !seismo_cli_parse_date (until, TRUE, &filter->until)))
    return seismo_cli_usage ("events list", _("a DATE is YYYY-MM-DD or RFC 3339"));
  if (seismo_cli_store (cli, &error) == NULL)
    return seismo_cli_fail (g_steal_pointer (&error));

  filter->company = g_steal_pointer (&company);
  filter->tag = g_steal_pointer (&tag);
  filter->source_id = source_id;
  filter->search = g_steal_pointer (&search);
  filter->unread = unread;
  filter->starred = starred;

  if (json)
    json_builder_begin_array (builder);

  /* Page through by keyset so that "--limit 0" never holds the whole
   * timeline in memory. */
  remaining = limit == 0 ? G_MAXUINT : (guint) limit;
  for (gboolean first = TRUE; remaining > 0; first = FALSE)
    {
      g_autoptr(GPtrArray) page = NULL;
      guint wanted = MIN (remaining, 500);

      page = seismo_store_list_events (cli->store, filter, first ? NULL : &cursor, 0, wanted,
                                       &error);
      if (page == NULL)
        return seismo_cli_fail (g_steal_pointer (&error));
      if (json)
        for (guint i = 0; i < page->len; i++)
          {
            json_builder_begin_object (builder);
            add_event_fields (builder, g_ptr_array_index (page, i));
            json_builder_end_object (builder);
          }
      else
        print_events (page);
      if (page->len < wanted)
        break;
      cursor = seismo_event_get_cursor (g_ptr_array_index (page, page->len - 1));
      remaining -= page->len;
    }

  if (json)
    {
      g_autoptr(JsonNode) root = NULL;

      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      seismo_cli_print_json (root);
    }
  return CLI_EXIT_OK;
}

static gboolean
parse_event_id (const char *command,
                const char *text,
                gint64     *id,
                int        *status)
{
  if (seismo_cli_parse_id (text, id))
    return TRUE;
  *status = seismo_cli_usage (command, _("an event ID is a positive number"));
  return FALSE;
}

static int
seismo_cli_events_show (SeismoCli  *cli,
                        int         argc,
                        char      **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(SeismoEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *items;
  gint64 id;
  int status;

  if (!seismo_cli_parse_options ("events show", entries, &argc, &argv, 1, 1, &status) ||
      !parse_event_id ("events show", argv[1], &id, &status))
    return status;
  if (seismo_cli_store (cli, &error) == NULL ||
      (event = seismo_store_get_event (cli->store, id, &error)) == NULL)
    return seismo_cli_fail (g_steal_pointer (&error));

  items = seismo_event_get_items (event);
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      add_event_fields (builder, event);
      json_builder_set_member_name (builder, "items");
      json_builder_begin_array (builder);
      for (guint i = 0; i < items->len; i++)
        {
          SeismoEventItem *item = g_ptr_array_index (items, i);

          json_builder_begin_object (builder);
          seismo_cli_json_int (builder, "id", item->id);
          seismo_cli_json_string (builder, "source", item->source);
          seismo_cli_json_string (builder, "title", item->title);
          seismo_cli_json_string (builder, "url", item->url);
          add_date (builder, "published", item->published, item->published != G_MININT64);
          seismo_cli_json_string (builder, "summary", item->summary);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      seismo_cli_json_string (builder, "note", seismo_event_get_note (event));
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      seismo_cli_print_json (root);
      return CLI_EXIT_OK;
    }

  {
    g_autofree char *date = event_date (event);
    g_autofree char *extra = marks (event);

    g_print ("%s\n%s%s\n", seismo_event_get_title (event), date, extra);
    if (seismo_event_get_summary (event) != NULL)
      g_print ("\n%s\n", seismo_event_get_summary (event));
    g_print ("\n");
    for (guint i = 0; i < items->len; i++)
      {
        SeismoEventItem *item = g_ptr_array_index (items, i);

        g_print ("  %s — %s\n    %s\n", item->source, item->title ?: "", item->url ?: "");
      }
    if (seismo_event_get_note (event) != NULL)
      g_print ("\n%s\n%s\n", _("Note:"), seismo_event_get_note (event));
  }
  return CLI_EXIT_OK;
}

static int
seismo_cli_events_mark (SeismoCli  *cli,
                        int         argc,
                        char      **argv)
{
  static const struct { const char *word; SeismoEventFlag flag; gboolean value; } marks_table[] = {
    { "read", SEISMO_EVENT_FLAG_READ, TRUE },
    { "unread", SEISMO_EVENT_FLAG_READ, FALSE },
    { "starred", SEISMO_EVENT_FLAG_STARRED, TRUE },
    { "unstarred", SEISMO_EVENT_FLAG_STARRED, FALSE },
  };
  g_autoptr(GError) error = NULL;
  gint64 id;
  int status;

  if (!seismo_cli_parse_options ("events mark", NULL, &argc, &argv, 2, 2, &status) ||
      !parse_event_id ("events mark", argv[1], &id, &status))
    return status;

  for (guint i = 0; i < G_N_ELEMENTS (marks_table); i++)
    if (g_str_equal (argv[2], marks_table[i].word))
      {
        if (seismo_cli_store (cli, &error) == NULL ||
            !seismo_store_set_event_flag (cli->store, id, marks_table[i].flag,
                                          marks_table[i].value, &error))
          return seismo_cli_fail (g_steal_pointer (&error));
        return CLI_EXIT_OK;
      }
  return seismo_cli_usage ("events mark", _("mark an event read, unread, starred or unstarred"));
}

static int
seismo_cli_events_split (SeismoCli  *cli,
                         int         argc,
                         char      **argv)
{
  g_autoptr(GError) error = NULL;
  gint64 item_id, event_id = 0;
  int status;

  if (!seismo_cli_parse_options ("events split", NULL, &argc, &argv, 1, 1, &status))
    return status;
  if (!seismo_cli_parse_id (argv[1], &item_id))
    return seismo_cli_usage ("events split", _("an item ID is a positive number"));
  if (seismo_cli_store (cli, &error) == NULL ||
      !seismo_store_split_item (cli->store, item_id, &event_id, &error))
    return seismo_cli_fail (g_steal_pointer (&error));
  g_print (_("Item %" G_GINT64_FORMAT " is now event %" G_GINT64_FORMAT "\n"), item_id, event_id);
  return CLI_EXIT_OK;
}

static int
seismo_cli_events_merge (SeismoCli  *cli,
                         int         argc,
                         char      **argv)
{
  g_autoptr(GError) error = NULL;
  gint64 from, into;
  int status;

  if (!seismo_cli_parse_options ("events merge", NULL, &argc, &argv, 2, 2, &status) ||
      !parse_event_id ("events merge", argv[1], &from, &status) ||
      !parse_event_id ("events merge", argv[2], &into, &status))
    return status;
  if (seismo_cli_store (cli, &error) == NULL ||
      !seismo_store_merge_events (cli->store, from, into, &error))
    return seismo_cli_fail (g_steal_pointer (&error));
  return CLI_EXIT_OK;
}

static int
seismo_cli_tags_list (SeismoCli  *cli,
                      int         argc,
                      char      **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  int status;

  if (!seismo_cli_parse_options ("tags list", entries, &argc, &argv, 0, 0, &status))
    return status;
  if (seismo_cli_store (cli, &error) == NULL ||
      (tags = seismo_store_list_tags (cli->store, &error)) == NULL)
    return seismo_cli_fail (g_steal_pointer (&error));

  if (!json)
    {
      for (guint i = 0; i < tags->len; i++)
        {
          SeismoTag *tag = g_ptr_array_index (tags, i);

          g_print ("%-20s %6u\n", seismo_tag_get_name (tag), seismo_tag_get_events (tag));
        }
      return CLI_EXIT_OK;
    }

  json_builder_begin_array (builder);
  for (guint i = 0; i < tags->len; i++)
    {
      SeismoTag *tag = g_ptr_array_index (tags, i);

      json_builder_begin_object (builder);
      seismo_cli_json_string (builder, "name", seismo_tag_get_name (tag));
      seismo_cli_json_string (builder, "color", seismo_tag_get_color (tag));
      seismo_cli_json_int (builder, "events", seismo_tag_get_events (tag));
      seismo_cli_json_int (builder, "unread", seismo_tag_get_unread (tag));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  {
    g_autoptr(JsonNode) root = json_builder_get_root (builder);

    seismo_cli_print_json (root);
  }
  return CLI_EXIT_OK;
}

static int
tag_event (SeismoCli  *cli,
           const char *command,
           int         argc,
           char      **argv,
           gboolean    add)
{
  g_autoptr(GError) error = NULL;
  gint64 id;
  int status;

  if (!seismo_cli_parse_options (command, NULL, &argc, &argv, 2, 2, &status) ||
      !parse_event_id (command, argv[1], &id, &status))
    return status;
  if (seismo_cli_store (cli, &error) == NULL ||
      !(add ? seismo_store_add_event_tag : seismo_store_remove_event_tag) (cli->store, id,
                                                                           argv[2], &error))
    return seismo_cli_fail (g_steal_pointer (&error));
  return CLI_EXIT_OK;
}

static int
seismo_cli_tags_add (SeismoCli  *cli,
                     int         argc,
                     char      **argv)
{
  return tag_event (cli, "tags add", argc, argv, TRUE);
}

static int
seismo_cli_tags_remove (SeismoCli  *cli,
                        int         argc,
                        char      **argv)
{
  return tag_event (cli, "tags remove", argc, argv, FALSE);
}

const SeismoCliCommand seismo_cli_events_commands[] = {
  { "events", "list", N_("[--company SLUG] [--tag TAG] [--source ID] [--since DATE] [--until DATE] "
                         "[--search QUERY] [--unread] [--starred] [--limit N] [--json]"),
    N_("List events, newest first"), seismo_cli_events_list },
  { "events", "show", N_("ID [--json]"),
    N_("Show an event with its items"), seismo_cli_events_show },
  { "events", "mark", N_("ID read|unread|starred|unstarred"),
    N_("Mark an event"), seismo_cli_events_mark },
  { "events", "split", N_("ITEM_ID"),
    N_("Make an item an event of its own"), seismo_cli_events_split },
  { "events", "merge", N_("ID INTO_ID"),
    N_("Merge an event into another"), seismo_cli_events_merge },
  { "tags", "list", "[--json]",
    N_("List tags"), seismo_cli_tags_list },
  { "tags", "add", N_("EVENT_ID TAG"),
    N_("Tag an event"), seismo_cli_tags_add },
  { "tags", "remove", N_("EVENT_ID TAG"),
    N_("Remove a tag from an event"), seismo_cli_tags_remove },
  { 0 }
};
