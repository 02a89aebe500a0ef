/* bench-server.c — serves a folder of feeds from memory, with validators
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <stdio.h>

/* The other end of bench-refresh.py: every file of --dir is read once and
 * served at /NAME from memory, with an ETag and a Last-Modified, and a 304
 * (no body) to a request that sends them back, as a well-behaved feed host
 * does. It listens on 127.0.0.1 (and on 127.0.0.2… with --hosts, to spread
 * the feeds over several hosts), prints the port on stdout, and runs until
 * its stdin closes; then it prints how many 200s and 304s it gave. */

typedef struct
{
  GBytes *body;
  char   *type;
  char   *etag;
} File;

typedef struct
{
  GHashTable *files;          /* "/name" -> File */
  char       *last_modified;
  guint       full;
  guint       not_modified;
} Server;

static void
file_free (gpointer data)
{
  File *file = data;

  g_bytes_unref (file->body);
  g_free (file->type);
  g_free (file->etag);
  g_free (file);
}

static const char *
type_of (const char *name)
{
  if (g_str_has_suffix (name, ".json"))
    return "application/feed+json";
  if (g_str_has_suffix (name, ".atom"))
    return "application/atom+xml";
  if (g_str_has_suffix (name, ".xml"))
    return "application/rss+xml";
  return "text/plain";
}

static void
server_cb (SoupServer        *soup,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Server *server = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  File *file = g_hash_table_lookup (server->files, path);
  const char *if_none_match, *if_modified_since;

  if (file == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  soup_message_headers_replace (response, "ETag", file->etag);
  soup_message_headers_replace (response, "Last-Modified", server->last_modified);
  if_none_match = soup_message_headers_get_one (request, "If-None-Match");
  if_modified_since = soup_message_headers_get_one (request, "If-Modified-Since");
  /* RFC 9110: If-None-Match, when sent, decides alone. */
  if (if_none_match != NULL ? g_strcmp0 (if_none_match, file->etag) == 0
                            : g_strcmp0 (if_modified_since, server->last_modified) == 0)
    {
      server->not_modified++;
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }
  server->full++;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (response, file->type, NULL);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), file->body);
}

static gboolean
load (Server      *server,
      const char  *dir,
      GError     **error)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, error);
  const char *name;

  if (folder == NULL)
    return FALSE;
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *checksum = NULL;
      char *contents;
      gsize length;
      File *file;

      if (!g_file_get_contents (path, &contents, &length, error))
        return FALSE;
      file = g_new0 (File, 1);
      file->body = g_bytes_new_take (contents, length);
      file->type = g_strdup (type_of (name));
      checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA1, file->body);
      file->etag = g_strdup_printf ("\"%.16s\"", checksum);
      g_hash_table_insert (server->files, g_strconcat ("/", name, NULL), file);
    }
  return TRUE;
}

static gboolean
stdin_closed_cb (GIOChannel   *channel,
                 GIOCondition  condition,
                 gpointer      user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  int port = 0, hosts = 1;
  const GOptionEntry entries[] = {
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Folder of feeds to serve", "DIR" },
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port (0: any free one)", "PORT" },
    { "hosts", 0, 0, G_OPTION_ARG_INT, &hosts, "Listen on 127.0.0.1 … 127.0.0.N", "N" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— serve feeds for the benchmarks");
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupServer) soup = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GIOChannel) input = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoslist(GUri) uris = NULL;
  Server server = { 0 };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || dir == NULL || hosts < 1 ||
      hosts > 250)
    {
      g_printerr ("bench-server: %s\n", error != NULL ? error->message : "--dir DIR is required");
      return 2;
    }

  server.files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, file_free);
  server.last_modified = soup_date_time_to_string (now, SOUP_DATE_HTTP);
  if (!load (&server, dir, &error))
    {
      g_printerr ("bench-server: %s\n", error->message);
      return 1;
    }

  soup = soup_server_new ("server-header", "bench-server ", NULL);
  soup_server_add_handler (soup, NULL, server_cb, &server, NULL);
  for (int h = 1; h <= hosts; h++)
    {
      g_autofree char *address = g_strdup_printf ("127.0.0.%d", h);
      g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
      g_autoptr(GSocketAddress) socket_address = g_inet_socket_address_new (inet, port);

      if (!soup_server_listen (soup, socket_address, 0, &error))
        {
          g_printerr ("bench-server: %s\n", error->message);
          return 1;
        }
      if (port == 0)
        {
          uris = soup_server_get_uris (soup);
          port = g_uri_get_port (uris->data);
        }
    }
  g_print ("%d\n", port);
  fflush (stdout);

  /* Runs until stdin closes, then says what it served. */
  loop = g_main_loop_new (NULL, FALSE);
  input = g_io_channel_unix_new (0);
  g_io_add_watch (input, G_IO_IN | G_IO_HUP | G_IO_ERR, stdin_closed_cb, loop);
  g_main_loop_run (loop);
  g_print ("served %u full, %u not modified\n", server.full, server.not_modified);

  g_hash_table_unref (server.files);
  g_free (server.last_modified);
  return 0;
}
