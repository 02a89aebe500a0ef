/* test-refresh.c — the refresh pipeline against a SoupServer and a store in a temp dir
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "seismo-refresh.h"
#include "seismo-starter-pack.h"
#include "seismo-store-private.h"

/* Each test has its own GMainContext (pushed before the server, the
 * fetcher and the refresh exist), a database holding only the starter
 * pack's companies and tag rules, and a server on 127.0.0.1 (and on
 * 127.0.0.2–5, which Linux routes to the loopback too, for the tests that
 * need several hosts). Nothing reaches the internet. */

#define HOUR 3600
#define N_HOSTS 5
#define MIB (1024 * 1024)

typedef struct
{
  guint     status;
  char     *type;
  GBytes   *body;
  char     *etag;       /* answer 304 to a matching If-None-Match */
  char     *location;
  guint     delay_ms;   /* hold the answer this long */
  gboolean  huge;       /* stream a gigabyte */
  guint     hits;
} Route;

typedef struct
{
  GMainContext  *context;
  char          *dir;
  char          *path;
  SeismoStore   *store;
  SoupServer    *server;
  guint          port;
  SeismoFetcher *fetcher;
  SeismoRefresh *refresh;
  GHashTable    *routes;      /* path -> Route */
  gint64         now;

  /* Requests in flight, in all and per host (127.0.0.x), and the peaks. */
  guint          in_flight;
  guint          max_in_flight;
  GHashTable    *host_flight; /* host -> count */
  guint          max_host_flight;
  guint64        streamed;
} Fixture;

static void
route_free (gpointer data)
{
  Route *route = data;

  g_free (route->type);
  g_clear_pointer (&route->body, g_bytes_unref);
  g_free (route->etag);
  g_free (route->location);
  g_free (route);
}

static Route *
set_route (Fixture    *fixture,
           const char *path,
           guint       status,
           const char *type,
           const char *body,
           gssize      length)
{
  Route *route = g_new0 (Route, 1);

  route->status = status;
  route->type = g_strdup (type);
  if (body != NULL)
    route->body = g_bytes_new (body, length >= 0 ? (gsize) length : strlen (body));
  g_hash_table_replace (fixture->routes, g_strdup (path), route);
  return route;
}

/* Feeds */

static char *
rfc822 (gint64 when)
{
  static const char * const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char * const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (when);

  return g_strdup_printf ("%s, %02d %s %d %02d:%02d:%02d GMT",
                          days[g_date_time_get_day_of_week (date) - 1],
                          g_date_time_get_day_of_month (date),
                          months[g_date_time_get_month (date) - 1], g_date_time_get_year (date),
                          g_date_time_get_hour (date), g_date_time_get_minute (date),
                          g_date_time_get_second (date));
}

typedef struct
{
  const char *guid;
  const char *title;
  const char *link;
  const char *summary;
  int         hours_ago;
} FeedItem;

static char *
rss_of (Fixture        *fixture,
        const char     *title,
        const FeedItem *items,
        guint           n_items)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<rss version=\"2.0\"><channel>");

  g_string_append_printf (out, "<title>%s</title><link>https://example.com/</link>", title);
  for (guint i = 0; i < n_items; i++)
    {
      g_autofree char *date = rfc822 (fixture->now - items[i].hours_ago * HOUR);
      g_autofree char *t = g_markup_escape_text (items[i].title, -1);
      g_autofree char *l = g_markup_escape_text (items[i].link, -1);
      g_autofree char *s = g_markup_escape_text (items[i].summary != NULL ? items[i].summary : "",
                                                 -1);

      g_string_append_printf (out, "<item><guid>%s</guid><title>%s</title><link>%s</link>"
                              "<pubDate>%s</pubDate><description>%s</description></item>",
                              items[i].guid, t, l, date, s);
    }
  g_string_append (out, "</channel></rss>");
  return g_string_free (out, FALSE);
}

/* A name for the @i-th feed that the tokenizer keeps whole. */
static char *
letters (const char *prefix,
         guint       i)
{
  return g_strdup_printf ("%s%c%c", prefix, 'a' + i % 26, 'a' + (i / 26) % 26);
}

/* A word no other (name, i, k) gives, in letters only: the tokenizer
 * splits digits off and compares words by their first letters. */
static const char *
nonce (const char *name,
       guint       i,
       guint       k)
{
  static char words[8][12];
  static guint next;
  char *word = words[next++ % G_N_ELEMENTS (words)];
  guint32 state = g_str_hash (name) ^ (i * 2654435761u) ^ (k * 40503u);

  for (guint c = 0; c < 10; c++)
    {
      state = state * 1664525u + 1013904223u;
      word[c] = 'a' + (state >> 24) % 26;
    }
  word[10] = '\0';
  return word;
}

/* @n stories about nothing the matcher knows, and in words no other
 * shares (near-identical titles cluster, company or not): n items, n
 * events. */
static char *
filler_feed (Fixture    *fixture,
             const char *name,
             guint       n)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autofree FeedItem *items = g_new0 (FeedItem, n);

  for (guint i = 0; i < n; i++)
    {
      char *guid = g_strdup_printf ("%s-%u", name, i);
      char *title = g_strdup_printf ("%s %s %s", nonce (name, i, 0), nonce (name, i, 1),
                                     nonce (name, i, 2));
      char *link = g_strdup_printf ("https://town.example/%s/%u", name, i);
      char *summary = g_strdup_printf ("%s %s", nonce (name, i, 3), nonce (name, i, 4));

      g_ptr_array_add (strings, guid);
      g_ptr_array_add (strings, title);
      g_ptr_array_add (strings, link);
      g_ptr_array_add (strings, summary);
      items[i] = (FeedItem) { guid, title, link, summary, (int) i + 1 };
    }
  return rss_of (fixture, name, items, n);
}

static Route *
set_feed (Fixture    *fixture,
          const char *path,
          const char *feed,
          gboolean    conditional)
{
  Route *route = set_route (fixture, path, SOUP_STATUS_OK, "application/rss+xml", feed, -1);

  if (conditional)
    route->etag = g_strdup_printf ("\"%s-%x\"", path, g_str_hash (feed));
  return route;
}

/* The server */

typedef struct
{
  Fixture *fixture;
  char    *host;
} Flight;

static void
flight_free (gpointer  data,
             GClosure *closure)
{
  Flight *flight = data;

  g_free (flight->host);
  g_free (flight);
}

static void
flight_finished_cb (SoupServerMessage *msg,
                    Flight            *flight)
{
  Fixture *fixture = flight->fixture;
  guint load = GPOINTER_TO_UINT (g_hash_table_lookup (fixture->host_flight, flight->host));

  fixture->in_flight--;
  g_hash_table_insert (fixture->host_flight, g_strdup (flight->host), GUINT_TO_POINTER (load - 1));
}

static gboolean
unpause_cb (gpointer user_data)
{
  soup_server_message_unpause (user_data);
  return G_SOURCE_REMOVE;
}

typedef struct
{
  Fixture           *fixture;
  SoupServerMessage *msg;
  guint64            left;
  gboolean           done;
} Stream;

static void
stream_next_cb (SoupServerMessage *msg,
                Stream            *stream)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  gsize size = 65536;

  if (stream->done)
    return;
  if (stream->left == 0)
    {
      soup_message_body_complete (body);
      return;
    }
  size = MIN (size, stream->left);
  stream->left -= size;
  stream->fixture->streamed += size;
  soup_message_body_append_take (body, g_malloc0 (size), size);
}

static void
stream_finished_cb (SoupServerMessage *msg,
                    Stream            *stream)
{
  stream->done = TRUE;
}

static void
stream_free (gpointer  data,
             GObject  *msg)
{
  g_free (data);
}

static void
start_huge (Fixture           *fixture,
            SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  Stream *stream = g_new0 (Stream, 1);
  const char *head = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>";

  stream->fixture = fixture;
  stream->msg = msg;
  stream->left = (guint64) 1024 * MIB;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                     SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                         "application/rss+xml", NULL);
  soup_message_body_set_accumulate (body, FALSE);
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (stream_next_cb), stream);
  g_signal_connect (msg, "finished", G_CALLBACK (stream_finished_cb), stream);
  g_object_weak_ref (G_OBJECT (msg), stream_free, stream);
  soup_message_body_append (body, SOUP_MEMORY_COPY, head, strlen (head));
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  g_autofree char *key = NULL;
  Route *route;
  Flight *flight;
  guint load;

  key = g_uri_get_query (uri) != NULL ? g_strconcat (path, "?", g_uri_get_query (uri), NULL)
                                      : g_strdup (path);
  route = g_hash_table_lookup (fixture->routes, key);

  flight = g_new0 (Flight, 1);
  flight->fixture = fixture;
  flight->host = g_inet_address_to_string (g_inet_socket_address_get_address (
    G_INET_SOCKET_ADDRESS (soup_server_message_get_local_address (msg))));
  fixture->in_flight++;
  fixture->max_in_flight = MAX (fixture->max_in_flight, fixture->in_flight);
  load = GPOINTER_TO_UINT (g_hash_table_lookup (fixture->host_flight, flight->host)) + 1;
  g_hash_table_insert (fixture->host_flight, g_strdup (flight->host), GUINT_TO_POINTER (load));
  fixture->max_host_flight = MAX (fixture->max_host_flight, load);
  g_signal_connect_data (msg, "finished", G_CALLBACK (flight_finished_cb), flight, flight_free, 0);

  if (route == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  route->hits++;
  if (route->huge)
    {
      start_huge (fixture, msg);
      return;
    }
  if (route->delay_ms > 0)
    {
      g_autoptr(GSource) timer = g_timeout_source_new (route->delay_ms);

      soup_server_message_pause (msg);
      g_source_set_callback (timer, unpause_cb, g_object_ref (msg), g_object_unref);
      g_source_attach (timer, fixture->context);
    }
  if (route->location != NULL)
    soup_message_headers_replace (response, "Location", route->location);
  if (route->etag != NULL)
    {
      const char *sent = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                       "If-None-Match");

      soup_message_headers_replace (response, "ETag", route->etag);
      if (g_strcmp0 (sent, route->etag) == 0)
        {
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
          return;
        }
    }
  soup_server_message_set_status (msg, route->status, NULL);
  if (route->type != NULL)
    soup_message_headers_set_content_type (response, route->type, NULL);
  if (route->body != NULL)
    soup_message_body_append_bytes (soup_server_message_get_response_body (msg), route->body);
}

/* The fixture */

static void
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
copy_file (const char *from_dir,
           const char *to_dir,
           const char *name)
{
  g_autofree char *from = g_build_filename (from_dir, name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (from, &contents, NULL, &error);
  g_assert_no_error (error);
  write_file (to_dir, name, contents);
}

static void
listen_on (Fixture    *fixture,
           const char *address,
           guint       port)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr(GSocketAddress) socket_address = g_inet_socket_address_new (inet, port);
  g_autoptr(GError) error = NULL;

  soup_server_listen (fixture->server, socket_address, 0, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autofree char *starter = NULL;
  g_autofree char *shipped = g_build_filename (g_getenv ("SEISMO_DATA_DIR"), "starter", NULL);

  fixture->context = g_main_context_new ();
  g_main_context_push_thread_default (fixture->context);
  fixture->now = g_get_real_time () / G_USEC_PER_SEC;

  /* The companies and the tag rules, none of the sources (they are on the
   * internet) nor the starter events. */
  fixture->dir = g_dir_make_tmp ("test-refresh-XXXXXX", &error);
  g_assert_no_error (error);
  starter = g_build_filename (fixture->dir, "starter", NULL);
  g_assert_cmpint (g_mkdir (starter, 0700), ==, 0);
  copy_file (shipped, starter, "companies.json");
  copy_file (shipped, starter, "tags.json");
  write_file (starter, "sources.json", "[]");
  write_file (starter, "events.json", "[]");
  fixture->path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = seismo_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (seismo_starter_pack_load (fixture->store, starter, &error));
  g_assert_no_error (error);

  fixture->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, route_free);
  fixture->host_flight = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fixture->server = soup_server_new ("server-header", "test-refresh ", NULL);
  soup_server_add_handler (fixture->server, NULL, server_cb, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  fixture->port = g_uri_get_port (uris->data);
  if (data != NULL)
    for (guint i = 2; i <= N_HOSTS; i++)
      {
        g_autofree char *address = g_strdup_printf ("127.0.0.%u", i);

        listen_on (fixture, address, fixture->port);
      }

  fixture->fetcher = seismo_fetcher_new ();
  fixture->refresh = seismo_refresh_new (fixture->store, fixture->fetcher);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->refresh);
  g_clear_object (&fixture->fetcher);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  while (g_main_context_iteration (fixture->context, FALSE))
    ;
  g_clear_object (&fixture->store);
  g_main_context_pop_thread_default (fixture->context);
  g_main_context_unref (fixture->context);
  g_hash_table_unref (fixture->routes);
  g_hash_table_unref (fixture->host_flight);

  for (const char *suffix = ""; suffix != NULL;
       suffix = g_str_equal (suffix, "") ? "-wal" : g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *name = g_strconcat (fixture->path, suffix, NULL);

      g_remove (name);
    }
  {
    g_autofree char *starter = g_build_filename (fixture->dir, "starter", NULL);
    const char * const names[] = { "companies.json", "tags.json", "sources.json", "events.json" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *name = g_build_filename (starter, names[i], NULL);

        g_remove (name);
      }
    g_rmdir (starter);
  }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* Helpers */

static char *
url_of (Fixture    *fixture,
        const char *host,
        const char *path)
{
  return g_strdup_printf ("http://%s:%u%s", host != NULL ? host : "127.0.0.1", fixture->port, path);
}

static gint64
add_source_full (Fixture    *fixture,
                 const char *host,
                 const char *path,
                 const char *kind,
                 const char *mapping)
{
  g_autofree char *url = url_of (fixture, host, path);
  g_autoptr(SeismoSource) source = seismo_source_new (url, kind);
  g_autoptr(GError) error = NULL;
  gint64 id;

  seismo_source_set_mapping (source, mapping);
  id = seismo_store_add_source (fixture->store, source, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_source (Fixture    *fixture,
            const char *path)
{
  return add_source_full (fixture, NULL, path, "rss", NULL);
}

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
try_refresh (Fixture             *fixture,
             const gint64        *ids,
             guint                n_ids,
             gboolean             due,
             GCancellable        *cancellable,
             SeismoRefreshStats  *stats,
             GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  seismo_refresh_run_async (fixture->refresh, ids, n_ids, due, cancellable, refreshed_cb, &result);
  while (result == NULL)
    g_main_context_iteration (fixture->context, TRUE);
  return seismo_refresh_run_finish (fixture->refresh, result, stats, error);
}

static void
refresh (Fixture            *fixture,
         const gint64       *ids,
         guint               n_ids,
         gboolean            due,
         SeismoRefreshStats *stats)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (try_refresh (fixture, ids, n_ids, due, NULL, stats, &error));
  g_assert_no_error (error);
}

static gint64
count (Fixture    *fixture,
       const char *format,
       ...)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  g_assert_cmpint (sqlite3_prepare_v2 (fixture->store->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static SeismoSource *
get_source (Fixture *fixture,
            gint64   id)
{
  g_autoptr(GError) error = NULL;
  SeismoSource *source = seismo_store_get_source (fixture->store, id, &error);

  g_assert_no_error (error);
  return source;
}

static SeismoEvent *
event_of_item (Fixture    *fixture,
               const char *guid)
{
  g_autoptr(GError) error = NULL;
  gint64 id = count (fixture, "SELECT event_id FROM items WHERE guid = '%s'", guid);
  SeismoEvent *event;

  g_assert_cmpint (id, >, 0);
  event = seismo_store_get_event (fixture->store, id, &error);
  g_assert_no_error (error);
  return event;
}

static guint
search_count (Fixture    *fixture,
              const char *words)
{
  g_autoptr(SeismoEventFilter) filter = seismo_event_filter_new ();
  g_autoptr(GError) error = NULL;
  guint n = 0;

  filter->search = g_strdup (words);
  g_assert_true (seismo_store_count_events (fixture->store, filter, &n, &error));
  g_assert_no_error (error);
  return n;
}

static gboolean
strv_has (const char * const *strv,
          const char         *value)
{
  return strv != NULL && g_strv_contains (strv, value);
}

/* Tests */

/* A source's error is stored on it and touches nothing else. */
static void
test_error_isolated (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(SeismoRefreshStats) stats = { 0 };
  g_autofree char *a = filler_feed (fixture, "alpha", 3);
  g_autofree char *b = filler_feed (fixture, "bravo", 2);
  g_autofree char *c = filler_feed (fixture, "charlie", 2);
  g_autoptr(SeismoSource) source = NULL;
  gint64 id_a, id_b, id_c, items, events;

  set_feed (fixture, "/a", a, TRUE);
  set_feed (fixture, "/b", b, TRUE);
  id_a = add_source (fixture, "/a");
  id_b = add_source (fixture, "/b");
  refresh (fixture, NULL, 0, FALSE, &stats);
  g_assert_cmpuint (stats.sources, ==, 2);
  g_assert_cmpuint (stats.new_items, ==, 5);
  g_assert_cmpuint (stats.new_events, ==, 5);
  g_assert_cmpuint (stats.errors, ==, 0);
  items = count (fixture, "SELECT count(*) FROM items");
  events = count (fixture, "SELECT count(*) FROM events");

  /* b breaks; c is new. */
  set_route (fixture, "/b", SOUP_STATUS_INTERNAL_SERVER_ERROR, "text/plain", "oops", -1);
  set_feed (fixture, "/c", c, TRUE);
  id_c = add_source (fixture, "/c");
  seismo_refresh_stats_clear (&stats);
  refresh (fixture, NULL, 0, FALSE, &stats);
  g_assert_cmpuint (stats.sources, ==, 3);
  g_assert_cmpuint (stats.errors, ==, 1);
  g_assert_cmpuint (stats.not_modified, ==, 1);
  g_assert_cmpuint (stats.new_items, ==, 2);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM items"), ==, items + 2);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM events"), ==, events + 2);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM items WHERE source_id = %" G_GINT64_FORMAT,
                          id_b), ==, 2);

  source = get_source (fixture, id_b);
  g_assert_cmpint (seismo_source_get_status (source), ==, SEISMO_SOURCE_STATUS_ERROR);
  g_assert_cmpstr (seismo_source_get_error (source), ==, "HTTP 500 Internal Server Error");
  /* The validators of the last good answer stay. */
  g_assert_nonnull (seismo_source_get_etag (source));
  g_clear_object (&source);
  source = get_source (fixture, id_a);
  g_assert_cmpint (seismo_source_get_status (source), ==, SEISMO_SOURCE_STATUS_NOT_MODIFIED);
  g_assert_null (seismo_source_get_error (source));
  g_clear_object (&source);
  source = get_source (fixture, id_c);
  g_assert_cmpint (seismo_source_get_status (source), ==, SEISMO_SOURCE_STATUS_OK);
  g_clear_object (&source);

  /* Garbage instead of a feed: a readable error, the items stay. */
  set_route (fixture, "/b", SOUP_STATUS_OK, "application/rss+xml", "\x01\x02 not a feed", -1);
  seismo_refresh_stats_clear (&stats);
  refresh (fixture, &id_b, 1, FALSE, &stats);
  g_assert_cmpuint (stats.errors, ==, 1);
  source = get_source (fixture, id_b);
  g_assert_cmpint (seismo_source_get_status (source), ==, SEISMO_SOURCE_STATUS_ERROR);
  g_assert_nonnull (strstr (seismo_source_get_error (source), "not an RSS, Atom or JSON feed"));
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM items"), ==, items + 2);

  /* Back: the error goes. */
  set_feed (fixture, "/b", b, FALSE);
  seismo_refresh_stats_clear (&stats);
  refresh (fixture, &id_b, 1, FALSE, &stats);
  g_assert_cmpuint (stats.errors, ==, 0);
  g_assert_cmpuint (stats.new_items, ==, 0);
  g_clear_object (&source);
  source = get_source (fixture, id_b);
  g_assert_cmpint (seismo_source_get_status (source), ==, SEISMO_SOURCE_STATUS_OK);
  g_assert_null (seismo_source_get_error (source));
  g_assert_cmpuint (seismo_source_get_failures (source), ==, 0);
}

/* The store refusing one source's items (a trigger stands in for a full
 * disk or a corrupt page) loses that source's items, all of them, and
 * nothing of the others stored with it. */
static void
test_store_error (Fixture       *fixture,
                  gconstpointer  data)
{
  g_auto(SeismoRefreshStats) stats = { 0 };
  const FeedItem bad[] = {
    { "bad-1", "Quarterly ledger reconciliation notice", "https://ledger.example/1", NULL, 2 },
    { "bad-2", "Explosive bookkeeping anomaly", "https://ledger.example/2", NULL, 3 },
  };
  g_autofree char *bad_feed = rss_of (fixture, "Ledger", bad, G_N_ELEMENTS (bad));
  g_autoptr(SeismoSource) source = NULL;
  gint64 id_bad;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *path = g_strdup_printf ("/good/%u", i);
      g_autofree char *name = letters ("good", i);
      g_autofree char *feed = filler_feed (fixture, name, 3);

      set_feed (fixture, path, feed, TRUE);
      add_source (fixture, path);
    }
  set_feed (fixture, "/bad", bad_feed, TRUE);
  id_bad = add_source (fixture, "/bad");
  g_assert_true (_seismo_store_exec (fixture->store,
                                     "CREATE TEMP TRIGGER refuse BEFORE INSERT ON items"
                                     " WHEN NEW.title LIKE 'Explosive%'"
                                     " BEGIN SELECT RAISE (ABORT, 'disk I/O error'); END",
                                     NULL));

  refresh (fixture, NULL, 0, FALSE, &stats);
  g_assert_cmpuint (stats.sources, ==, 6);
  g_assert_cmpuint (stats.errors, ==, 1);
  g_assert_cmpuint (stats.new_items, ==, 15);
  g_assert_cmpuint (stats.new_events, ==, 15);
  g_assert_cmpuint (stats.new_event_ids->len, ==, 15);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM items"), ==, 15);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM events"), ==, 15);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM items WHERE source_id = %"
                                   G_GINT64_FORMAT, id_bad), ==, 0);
  source = get_source (fixture, id_bad);
  g_assert_cmpint (seismo_source_get_status (source), ==, SEISMO_SOURCE_STATUS_ERROR);
  g_assert_nonnull (strstr (seismo_source_get_error (source), "Cannot store the items"));
  /* No validators: the next refresh fetches it whole again. */
  g_assert_null (seismo_source_get_etag (source));
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM sources WHERE status = 'ok'"
                                   " AND kind != 'builtin'"), ==, 5);

  /* Once the store takes them, they come in. */
  g_assert_true (_seismo_store_exec (fixture->store, "DROP TRIGGER temp.refuse", NULL));
  seismo_refresh_stats_clear (&stats);
  refresh (fixture, NULL, 0, FALSE, &stats);
  g_assert_cmpuint (stats.errors, ==, 0);
  g_assert_cmpuint (stats.new_items, ==, 2);
  g_assert_cmpuint (stats.not_modified, ==, 5);
}

/* Unchanged feeds add nothing, whether the server answers 304 or the
 * whole feed again. */
static void
test_unchanged (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(SeismoRefreshStats) stats = { 0 };
  g_autofree char *plain = filler_feed (fixture, "plain", 4);
  g_autofree char *cond = filler_feed (fixture, "cond", 4);
  Route *plain_route = set_feed (fixture, "/plain", plain, FALSE);
  Route *cond_route = set_feed (fixture, "/cond", cond, TRUE);
  gint64 items, events;

  add_source (fixture, "/plain");
  add_source (fixture, "/cond");
  refresh (fixture, NULL, 0, FALSE, &stats);
  g_assert_cmpuint (stats.new_items, ==, 8);
  items = count (fixture, "SELECT count(*) FROM items");
  events = count (fixture, "SELECT count(*) FROM events");

  for (guint round = 0; round < 2; round++)
    {
      seismo_refresh_stats_clear (&stats);
      refresh (fixture, NULL, 0, FALSE, &stats);
      g_assert_cmpuint (stats.sources, ==, 2);
      g_assert_cmpuint (stats.new_items, ==, 0);
      g_assert_cmpuint (stats.new_events, ==, 0);
      g_assert_cmpuint (stats.not_modified, ==, 1);
      g_assert_cmpuint (stats.errors, ==, 0);
      g_assert_cmpuint (stats.new_event_ids->len, ==, 0);
    }
  g_assert_cmpuint (plain_route->hits, ==, 3);
  g_assert_cmpuint (cond_route->hits, ==, 3);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM items"), ==, items);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM events"), ==, events);
}

/* One story from two sources is one event with two items. */
static void
test_same_story (Fixture       *fixture,
                 gconstpointer  data)
{
  g_auto(SeismoRefreshStats) stats = { 0 };
  const FeedItem first[] = {
    { "w1-r1", "DeepSeek releases R1, an open reasoning model that rivals OpenAI o1",
      "https://news.example.com/2025/deepseek-r1?utm_source=rss&utm_medium=feed",
      "The Chinese lab DeepSeek published DeepSeek-R1 under the MIT licence.", 5 },
    { "w1-nvda", "Nvidia loses $593 billion in market value as DeepSeek rattles investors",
      "https://wire-one.example/markets/nvidia-record-loss",
      "Nvidia shares fell 17% on Monday after DeepSeek's cheap model rattled investors.", 3 },
  };
  const FeedItem second[] = {
    { "w2-r1", "DeepSeek's R1 reasoning model is out, and it is open",
      "https://news.example.com/2025/deepseek-r1",
      "DeepSeek-R1 matches OpenAI o1 on maths and code, its makers say.", 4 },
    { "w2-nvda", "Nvidia sheds $593 billion of market value as DeepSeek rattles investors",
      "https://wire-two.example/2025/01/27/nvidia-stock-plunge",
      "Nvidia stock plunged 17% in its worst day since 2020 as DeepSeek rattled investors.", 2 },
  };
  g_autofree char *feed_one = rss_of (fixture, "Wire one", first, G_N_ELEMENTS (first));
  g_autofree char *feed_two = rss_of (fixture, "Wire two", second, G_N_ELEMENTS (second));
  g_autoptr(SeismoEvent) r1 = NULL;
  g_autoptr(SeismoEvent) nvda = NULL;

  set_feed (fixture, "/one", feed_one, TRUE);
  set_feed (fixture, "/two", feed_two, TRUE);
  add_source (fixture, "/one");
  add_source (fixture, "/two");
  refresh (fixture, NULL, 0, FALSE, &stats);
  g_assert_cmpuint (stats.errors, ==, 0);
  g_assert_cmpuint (stats.new_items, ==, 4);
  g_assert_cmpuint (stats.new_events, ==, 2);
  g_assert_cmpuint (stats.new_event_ids->len, ==, 2);

  /* The same address, tracking parameters aside. */
  r1 = event_of_item (fixture, "w1-r1");
  g_assert_cmpint (seismo_event_get_id (r1), ==,
                   count (fixture, "SELECT event_id FROM items WHERE guid = 'w2-r1'"));
  g_assert_cmpuint (seismo_event_get_sources_count (r1), ==, 2);
  g_assert_cmpuint (seismo_event_get_items (r1)->len, ==, 2);
  /* The same happening, worded differently, at different addresses. */
  nvda = event_of_item (fixture, "w1-nvda");
  g_assert_cmpint (seismo_event_get_id (nvda), ==,
                   count (fixture, "SELECT event_id FROM items WHERE guid = 'w2-nvda'"));
  g_assert_cmpuint (seismo_event_get_sources_count (nvda), ==, 2);
  /* An event is as old as its first report. */
  g_assert_cmpint (seismo_event_get_published (r1), ==, fixture->now - 5 * HOUR);

  /* The joined item's words are searchable on the event (the full-text
   * row is rewritten at the end of the refresh). */
  g_assert_cmpint (search_count (fixture, "makers say"), ==, 1);
  g_assert_cmpint (search_count (fixture, "MIT licence"), ==, 1);
  g_assert_cmpint (search_count (fixture, "worst day since 2020"), ==, 1);
  g_assert_cmpint (search_count (fixture, "fell on Monday"), ==, 1);
}

/* Companies are matched and tags applied on ingest; what the user took off
 * stays off through later refreshes. */
static void
test_companies_and_tags (Fixture       *fixture,
                         gconstpointer  data)
{
  g_auto(SeismoRefreshStats) stats = { 0 };
  const FeedItem items[] = {
    { "r1", "DeepSeek-R1 released: an open-weights reasoning model",
      "https://lab.example/deepseek-r1",
      "DeepSeek open-sources the weights of its new reasoning model under MIT.", 3 },
  };
  const FeedItem later[] = {
    { "r1-b", "Hands-on with DeepSeek-R1, the open-weights reasoning model",
      "https://lab.example/deepseek-r1?utm_campaign=again",
      "We tried DeepSeek-R1 on maths and code.", 1 },
  };
  g_autofree char *feed = rss_of (fixture, "Lab", items, G_N_ELEMENTS (items));
  g_autofree char *other = rss_of (fixture, "Review", later, G_N_ELEMENTS (later));
  g_autoptr(SeismoEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  set_feed (fixture, "/lab", feed, TRUE);
  add_source (fixture, "/lab");
  refresh (fixture, NULL, 0, FALSE, &stats);
  event = event_of_item (fixture, "r1");
  id = seismo_event_get_id (event);
  g_assert_true (strv_has (seismo_event_get_companies (event), "deepseek"));
  g_assert_true (strv_has (seismo_event_get_tags (event), "model-release"));

  g_assert_true (seismo_store_remove_event_company (fixture->store, id, "deepseek", &error));
  g_assert_no_error (error);
  g_assert_true (seismo_store_remove_event_tag (fixture->store, id, "model-release", &error));
  g_assert_no_error (error);

  /* Another source reports it: its item joins, its matches do not undo the user. */
  set_feed (fixture, "/review", other, TRUE);
  add_source (fixture, "/review");
  seismo_refresh_stats_clear (&stats);
  refresh (fixture, NULL, 0, FALSE, &stats);
  g_assert_cmpuint (stats.new_items, ==, 1);
  g_assert_cmpuint (stats.new_events, ==, 0);
  g_clear_object (&event);
  event = event_of_item (fixture, "r1-b");
  g_assert_cmpint (seismo_event_get_id (event), ==, id);
  g_assert_false (strv_has (seismo_event_get_companies (event), "deepseek"));
  g_assert_false (strv_has (seismo_event_get_tags (event), "model-release"));
}

/* A failing source waits longer each time, and --due leaves it alone. */
static void
test_backoff (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(SeismoRefreshStats) stats = { 0 };
  g_autofree char *good = filler_feed (fixture, "good", 1);
  Route *bad_route = set_route (fixture, "/bad", SOUP_STATUS_SERVICE_UNAVAILABLE, "text/plain",
                                "busy", -1);
  Route *good_route = set_feed (fixture, "/good", good, FALSE);
  g_autoptr(SeismoSource) source = NULL;
  gint64 id_bad, first_wait, second_wait;

  id_bad = add_source (fixture, "/bad");
  add_source (fixture, "/good");

  refresh (fixture, NULL, 0, FALSE, &stats);
  source = get_source (fixture, id_bad);
  g_assert_cmpuint (seismo_source_get_failures (source), ==, 1);
  first_wait = seismo_source_get_retry_after (source) - seismo_source_get_last_fetch (source);
  g_assert_cmpint (first_wait, >=, seismo_source_get_interval (source));

  seismo_refresh_stats_clear (&stats);
  refresh (fixture, NULL, 0, FALSE, &stats);
  g_clear_object (&source);
  source = get_source (fixture, id_bad);
  g_assert_cmpuint (seismo_source_get_failures (source), ==, 2);
  second_wait = seismo_source_get_retry_after (source) - seismo_source_get_last_fetch (source);
  g_assert_cmpint (second_wait, >, first_wait);
  g_assert_cmpuint (bad_route->hits, ==, 2);

  /* Both were last fetched an interval ago: the good one is due, the bad
   * one still waits out its back-off. */
  g_assert_true (_seismo_store_exec (fixture->store,
                                     "UPDATE sources SET last_fetch = last_fetch - interval - 1",
                                     NULL));
  seismo_refresh_stats_clear (&stats);
  refresh (fixture, NULL, 0, TRUE, &stats);
  g_assert_cmpuint (stats.sources, ==, 1);
  g_assert_cmpuint (bad_route->hits, ==, 2);
  g_assert_cmpuint (good_route->hits, ==, 3);

  /* Nothing is due right after a refresh. */
  seismo_refresh_stats_clear (&stats);
  refresh (fixture, NULL, 0, TRUE, &stats);
  g_assert_cmpuint (stats.sources, ==, 0);

  /* Asked for by name, it is fetched whatever its back-off. */
  seismo_refresh_stats_clear (&stats);
  refresh (fixture, &id_bad, 1, TRUE, &stats);
  g_assert_cmpuint (bad_route->hits, ==, 3);
}

static void
test_only_source (Fixture       *fixture,
                  gconstpointer  data)
{
  g_auto(SeismoRefreshStats) stats = { 0 };
  g_autofree char *one = filler_feed (fixture, "one", 2);
  g_autofree char *two = filler_feed (fixture, "two", 2);
  Route *route_one = set_feed (fixture, "/one", one, FALSE);
  Route *route_two = set_feed (fixture, "/two", two, FALSE);
  gint64 id_two;

  add_source (fixture, "/one");
  id_two = add_source (fixture, "/two");
  g_assert_true (seismo_store_set_source_enabled (fixture->store, id_two, FALSE, NULL));

  /* Disabled sources are skipped, unless named. */
  refresh (fixture, NULL, 0, FALSE, &stats);
  g_assert_cmpuint (stats.sources, ==, 1);
  g_assert_cmpuint (route_one->hits, ==, 1);
  g_assert_cmpuint (route_two->hits, ==, 0);

  seismo_refresh_stats_clear (&stats);
  refresh (fixture, &id_two, 1, FALSE, &stats);
  g_assert_cmpuint (stats.sources, ==, 1);
  g_assert_cmpuint (stats.new_items, ==, 2);
  g_assert_cmpuint (route_one->hits, ==, 1);
  g_assert_cmpuint (route_two->hits, ==, 1);
}

/* Permanent moves update the source's address; temporary ones do not. */
static void
test_redirects (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(SeismoRefreshStats) stats = { 0 };
  const struct { const char *from; guint status; const char *to; gboolean moves; } moves[] = {
    { "/r301", SOUP_STATUS_MOVED_PERMANENTLY, "/new301", TRUE },
    { "/r308", SOUP_STATUS_PERMANENT_REDIRECT, "/new308", TRUE },
    { "/r302", SOUP_STATUS_FOUND, "/new302", FALSE },
    { "/r307", SOUP_STATUS_TEMPORARY_REDIRECT, "/new307", FALSE },
  };
  gint64 ids[G_N_ELEMENTS (moves)];
  gint64 loop;

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      g_autofree char *name = letters ("moved", i);
      g_autofree char *feed = filler_feed (fixture, name, 1);

      set_route (fixture, moves[i].from, moves[i].status, NULL, NULL, 0)->location =
        g_strdup (moves[i].to);
      set_feed (fixture, moves[i].to, feed, TRUE);
      ids[i] = add_source (fixture, moves[i].from);
    }
  set_route (fixture, "/loop", SOUP_STATUS_FOUND, NULL, NULL, 0)->location = g_strdup ("/loop2");
  set_route (fixture, "/loop2", SOUP_STATUS_FOUND, NULL, NULL, 0)->location = g_strdup ("/loop");
  loop = add_source (fixture, "/loop");

  refresh (fixture, NULL, 0, FALSE, &stats);
  g_assert_cmpuint (stats.new_items, ==, G_N_ELEMENTS (moves));
  g_assert_cmpuint (stats.errors, ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      g_autoptr(SeismoSource) source = get_source (fixture, ids[i]);
      g_autofree char *expected = url_of (fixture, NULL, moves[i].moves ? moves[i].to
                                                                        : moves[i].from);

      g_assert_cmpstr (seismo_source_get_url (source), ==, expected);
      g_assert_cmpint (seismo_source_get_status (source), ==, SEISMO_SOURCE_STATUS_OK);
    }
  {
    g_autoptr(SeismoSource) source = get_source (fixture, loop);

    g_assert_cmpint (seismo_source_get_status (source), ==, SEISMO_SOURCE_STATUS_ERROR);
    g_assert_nonnull (strstr (seismo_source_get_error (source), "loop"));
  }
}

/* 50 feeds on one host: never more than 6 at a time. */
static void
test_concurrency_host (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto(SeismoRefreshStats) stats = { 0 };

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *path = g_strdup_printf ("/feed/%u", i);
      g_autofree char *name = letters ("feed", i);
      g_autofree char *feed = filler_feed (fixture, name, 2);

      set_feed (fixture, path, feed, TRUE)->delay_ms = 30;
      add_source (fixture, path);
    }
  refresh (fixture, NULL, 0, FALSE, &stats);
  g_assert_cmpuint (stats.sources, ==, 50);
  g_assert_cmpuint (stats.errors, ==, 0);
  g_assert_cmpuint (stats.new_items, ==, 100);
  g_test_message ("at most %u requests at a time", fixture->max_in_flight);
  g_assert_cmpuint (fixture->max_in_flight, <=, 6);
  g_assert_cmpuint (fixture->max_in_flight, >=, 2);
}

/* 60 feeds on five hosts: 6 per host, 24 in all. */
static void
test_concurrency_overall (Fixture       *fixture,
                          gconstpointer  data)
{
  g_auto(SeismoRefreshStats) stats = { 0 };

  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *host = g_strdup_printf ("127.0.0.%u", 1 + i % N_HOSTS);
      g_autofree char *path = g_strdup_printf ("/feed/%u", i);
      g_autofree char *name = letters ("feed", i);
      g_autofree char *feed = filler_feed (fixture, name, 1);

      set_feed (fixture, path, feed, TRUE)->delay_ms = 150;
      add_source_full (fixture, host, path, "rss", NULL);
    }
  refresh (fixture, NULL, 0, FALSE, &stats);
  g_assert_cmpuint (stats.sources, ==, 60);
  g_assert_cmpuint (stats.errors, ==, 0);
  g_test_message ("at most %u requests at a time, %u on one host", fixture->max_in_flight,
                  fixture->max_host_flight);
  g_assert_cmpuint (fixture->max_host_flight, <=, 6);
  g_assert_cmpuint (fixture->max_in_flight, <=, 24);
  g_assert_cmpuint (fixture->max_in_flight, >, 6);
}

/* The presets of the starter pack, on answers shaped like the real APIs'. */
static char *
preset_mapping (const char *url_part)
{
  g_autofree char *path = g_build_filename (g_getenv ("SEISMO_DATA_DIR"), "starter",
                                            "sources.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *sources;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  sources = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (sources); i++)
    {
      JsonObject *source = json_array_get_object_element (sources, i);

      if (strstr (json_object_get_string_member (source, "url"), url_part) != NULL &&
          json_object_has_member (source, "mapping"))
        return json_to_string (json_object_get_member (source, "mapping"), FALSE);
    }
  g_assert_not_reached ();
}

static void
test_json_api (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(SeismoRefreshStats) stats = { 0 };
  g_autofree char *hn = preset_mapping ("hn.algolia.com");
  g_autofree char *hf = preset_mapping ("huggingface.co/api/models");
  g_autofree char *gh = preset_mapping ("api.github.com");
  g_autoptr(SeismoEvent) event = NULL;

  set_route (fixture, "/hn?query=deepseek", SOUP_STATUS_OK, "application/json; charset=utf-8",
             "{\"hits\": ["
             "{\"objectID\": \"42877231\", \"title\": \"DeepSeek-R1 is out\","
             " \"url\": \"https://api-docs.deepseek.com/news/news250120\","
             " \"created_at\": \"2025-01-20T12:30:00Z\", \"story_text\": null, \"points\": 900},"
             "{\"objectID\": \"42877232\", \"title\": \"Ask HN: Is DeepSeek's training cost real?\","
             " \"url\": null, \"created_at\": \"2025-01-27T08:00:00Z\","
             " \"story_text\": \"<p>The $5.6M figure …</p>\"}],"
             " \"nbHits\": 2, \"page\": 0}", -1);
  set_route (fixture, "/hf", SOUP_STATUS_OK, "application/json",
             "[{\"_id\": \"678dc6fff905d106be796d8a\", \"id\": \"deepseek-ai/DeepSeek-R1\","
             " \"likes\": 11000, \"downloads\": 1000000, \"pipeline_tag\": \"text-generation\","
             " \"createdAt\": \"2025-01-20T03:46:07.000Z\"},"
             "{\"_id\": \"678dc6fff905d106be796d8b\", \"id\": \"deepseek-ai/DeepSeek-R1-Zero\","
             " \"pipeline_tag\": \"text-generation\", \"createdAt\": \"2025-01-20T03:35:48.000Z\"}]",
             -1);
  set_route (fixture, "/gh", SOUP_STATUS_OK, "application/json",
             "[{\"id\": 196000001, \"tag_name\": \"v0.7.0\", \"name\": \"v0.7.0\", \"draft\": false,"
             " \"html_url\": \"https://github.com/vllm-project/vllm/releases/tag/v0.7.0\","
             " \"published_at\": \"2025-01-27T19:00:00Z\", \"body\": \"DeepSeek-R1 support\"},"
             "{\"id\": 196000002, \"tag_name\": \"v0.7.1\", \"name\": null, \"draft\": false,"
             " \"html_url\": \"https://github.com/vllm-project/vllm/releases/tag/v0.7.1\","
             " \"published_at\": \"2025-02-01T10:00:00Z\", \"body\": \"Fixes\"},"
             "{\"id\": 196000003, \"tag_name\": \"v0.8.0rc1\", \"name\": \"draft\", \"draft\": true,"
             " \"html_url\": \"https://github.com/vllm-project/vllm/releases/tag/untagged\","
             " \"published_at\": null, \"body\": \"\"}]", -1);
  add_source_full (fixture, NULL, "/hn?query=deepseek", "json-api", hn);
  add_source_full (fixture, NULL, "/hf", "json-api", hf);
  add_source_full (fixture, NULL, "/gh", "json-api", gh);

  refresh (fixture, NULL, 0, FALSE, &stats);
  g_assert_cmpuint (stats.errors, ==, 0);
  g_assert_cmpuint (stats.new_items, ==, 6);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM items WHERE guid = '42877232'"
                                   " AND url = 'https://news.ycombinator.com/item?id=42877232'"),
                   ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM items WHERE"
                                   " url = 'https://huggingface.co/deepseek-ai/DeepSeek-R1'"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM items WHERE title = 'v0.7.1'"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM items WHERE title = 'draft'"), ==, 0);
  event = event_of_item (fixture, "42877231");
  g_assert_true (strv_has (seismo_event_get_companies (event), "deepseek"));
  /* The kind stays json-api whatever the body looks like. */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM sources WHERE kind = 'json-api'"), ==, 3);
}

/* Hostile answers: each a per-source error or bounded work, never a crash,
 * never a loss, never a file's contents in the store. */
static char *
nested (gsize       depth,
        const char *open,
        const char *close,
        const char *prefix,
        const char *suffix)
{
  GString *out = g_string_sized_new (depth * 2 + 64);

  g_string_append (out, prefix);
  for (gsize i = 0; i < depth; i++)
    g_string_append (out, open);
  for (gsize i = 0; i < depth; i++)
    g_string_append (out, close);
  g_string_append (out, suffix);
  return g_string_free (out, FALSE);
}

static void
test_hostile (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(SeismoRefreshStats) stats = { 0 };
  g_autofree char *good = filler_feed (fixture, "good", 3);
  g_autofree char *fresh = filler_feed (fixture, "fresh", 2);
  g_autofree char *deep_json = nested (1000000, "[", "]", "", "");
  g_autofree char *deep_feed = nested (1000000, "{\"a\":", "}", "{\"version\": "
                                       "\"https://jsonfeed.org/version/1.1\", \"items\": [", "]}");
  g_autofree char *deep_xml = nested (100000, "<div>", "</div>",
                                      "<rss version=\"2.0\"><channel><item><title>x</title>"
                                      "<description>", "</description></item></channel></rss>");
  const char *laughs =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE rss [\n"
    " <!ENTITY lol \"lol\">\n"
    " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
    " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
    " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
    " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
    " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
    " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
    " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
    " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
    " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
    "]>\n"
    "<rss version=\"2.0\"><channel><title>&lol9;</title>"
    "<item><guid>laughs</guid><title>Laughs &lol9;</title><description>&lol9;</description></item>"
    "</channel></rss>";
  const char *xxe =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
    "<rss version=\"2.0\"><channel><title>Leak &xxe;</title>"
    "<item><guid>xxe</guid><title>Leak &xxe;</title><link>https://x.example/leak</link>"
    "<description>&xxe;</description></item></channel></rss>";
  const char *bad_utf8 =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<rss version=\"2.0\"><channel><title>Bad \xff\xfe bytes</title>"
    "<item><guid>utf8</guid><title>Caf\xe9 \xc3\x28 DeepSeek \xed\xa0\x80 news</title>"
    "<link>https://x.example/utf8</link><description>\xf8\x88\x80\x80\x80 text</description></item>"
    "</channel></rss>";
  g_autoptr(GString) long_cjk = g_string_new ("<rss version=\"2.0\"><channel><title>Long</title>"
                                               "<item><guid>long-cjk</guid><title>长文</title>"
                                               "<link>https://x.example/long</link><description>");
  const char *html = "<!DOCTYPE html><html><head><title>Sign in</title></head>"
                     "<body><form>Log in to continue</form></body></html>";
  struct { const char *path; const char *kind; const char *body; gssize length; } hostile[] = {
    { "/long", "rss", NULL, -1 },
    { "/laughs", "rss", laughs, -1 },
    { "/xxe", "rss", xxe, -1 },
    { "/utf8", "rss", bad_utf8, -1 },
    { "/deep-json", "jsonfeed", deep_json, -1 },
    { "/deep-feed", "jsonfeed", deep_feed, -1 },
    { "/deep-api", "json-api", deep_json, -1 },
    { "/deep-xml", "rss", deep_xml, -1 },
    { "/api-html", "json-api", html, -1 },
    { "/nul", "rss", "<rss>\0\0\0</rss>", 14 },
    { "/huge", "rss", NULL, 0 },
  };
  const char *mapping = "{\"items\": \"$[*]\", \"id\": \"$.id\", \"title\": \"$.title\"}";
  g_autofree char *passwd = NULL;
  gint64 items, events, start;

  for (guint i = 0; i < 6000; i++)
    g_string_append (long_cjk, "深度求索");
  g_string_append (long_cjk, "</description></item></channel></rss>");
  hostile[0].body = long_cjk->str;

  /* What is stored already must survive all of it. */
  set_feed (fixture, "/good", good, FALSE);
  add_source (fixture, "/good");
  refresh (fixture, NULL, 0, FALSE, &stats);
  items = count (fixture, "SELECT count(*) FROM items");
  events = count (fixture, "SELECT count(*) FROM events");
  g_assert_cmpint (items, ==, 3);

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      if (hostile[i].body != NULL)
        set_route (fixture, hostile[i].path, SOUP_STATUS_OK,
                   g_str_equal (hostile[i].kind, "rss") ? "application/rss+xml"
                                                        : "application/json",
                   hostile[i].body, hostile[i].length);
      else
        set_route (fixture, hostile[i].path, SOUP_STATUS_OK, NULL, NULL, 0)->huge = TRUE;
      add_source_full (fixture, NULL, hostile[i].path, hostile[i].kind,
                       g_str_equal (hostile[i].kind, "json-api") ? mapping : NULL);
    }
  set_feed (fixture, "/fresh", fresh, FALSE);
  add_source (fixture, "/fresh");

  start = g_get_monotonic_time ();
  seismo_refresh_stats_clear (&stats);
  refresh (fixture, NULL, 0, FALSE, &stats);
  g_test_message ("hostile refresh: %.2f s, %u errors, %" G_GUINT64_FORMAT " bytes streamed",
                  (g_get_monotonic_time () - start) / 1e6, stats.errors, fixture->streamed);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
  g_assert_cmpuint (stats.sources, ==, G_N_ELEMENTS (hostile) + 2);
  g_assert_cmpuint (fixture->streamed, <, 64 * MIB);

  /* The good feeds are fine; what was there is there. */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM items WHERE guid LIKE 'good-%%'"), ==, 3);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM items WHERE guid LIKE 'fresh-%%'"), ==, 2);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM events"), >=, events + 2);

  /* Each hostile source either failed with a readable error or stored
   * something sane. */
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *url = url_of (fixture, NULL, hostile[i].path);
      gint64 id = count (fixture, "SELECT id FROM sources WHERE url = '%s'", url);
      g_autoptr(SeismoSource) source = get_source (fixture, id);

      g_test_message ("%s: %s %s (%u items)", hostile[i].path,
                      seismo_source_status_to_string (seismo_source_get_status (source)),
                      seismo_source_get_error (source) != NULL ? seismo_source_get_error (source)
                                                               : "",
                      (guint) count (fixture, "SELECT count(*) FROM items WHERE source_id = %"
                                     G_GINT64_FORMAT, id));
      if (seismo_source_get_status (source) == SEISMO_SOURCE_STATUS_ERROR)
        {
          g_assert_nonnull (seismo_source_get_error (source));
          g_assert_true (g_utf8_validate (seismo_source_get_error (source), -1, NULL));
        }
    }
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM sources WHERE url LIKE '%%/huge'"
                                   " AND status = 'error' AND error LIKE '%%larger than 10 MiB%%'"),
                   ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM sources WHERE url LIKE '%%/api-html'"
                                   " AND status = 'error' AND error LIKE '%%HTML%%'"), ==, 1);

  /* No entity was expanded into the store: no laughs, no passwd. */
  g_assert_cmpint (count (fixture, "SELECT max(length(title) + length(coalesce(summary, '')))"
                                   " FROM items"), <, 10000);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM items WHERE title LIKE '%%lollollol%%'"
                                   " OR summary LIKE '%%lollollol%%'"), ==, 0);
  if (g_file_get_contents ("/etc/passwd", &passwd, NULL, NULL))
    {
      g_auto(GStrv) lines = g_strsplit (passwd, "\n", 2);

      g_assert_cmpint (count (fixture, "SELECT count(*) FROM items WHERE instr(title, '%s')"
                                       " OR instr(coalesce(summary, ''), '%s')", lines[0], lines[0]),
                       ==, 0);
      g_assert_cmpint (count (fixture, "SELECT count(*) FROM events WHERE instr(title, '%s')"
                                       " OR instr(coalesce(summary, ''), '%s')", lines[0], lines[0]),
                       ==, 0);
      g_assert_cmpint (count (fixture, "SELECT count(*) FROM sources WHERE"
                                       " instr(coalesce(title, ''), '%s')", lines[0]), ==, 0);
    }
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM items WHERE title LIKE '%%root:%%'"
                                   " OR summary LIKE '%%root:%%'"), ==, 0);

  /* Every stored text is UTF-8. */
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (fixture->store->db,
                                         "SELECT title, summary FROM items UNION ALL"
                                         " SELECT title, summary FROM events UNION ALL"
                                         " SELECT title, error FROM sources", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      for (int column = 0; column < 2; column++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, column);

          g_assert_true (text == NULL || g_utf8_validate (text, -1, NULL));
        }
    sqlite3_finalize (stmt);
  }

  /* Long text is cut to 4000 characters, whatever its script. */
  g_assert_cmpint (count (fixture, "SELECT max(length(summary)) FROM items"), <=, 4001);
  g_assert_cmpint (count (fixture, "SELECT max(length(summary)) FROM events"), <=, 1001);
  g_assert_cmpint (count (fixture, "SELECT length(summary) FROM items WHERE guid = 'long-cjk'"),
                   ==, 4001);

  /* And a second round changes nothing either. */
  items = count (fixture, "SELECT count(*) FROM items");
  events = count (fixture, "SELECT count(*) FROM events");
  seismo_refresh_stats_clear (&stats);
  refresh (fixture, NULL, 0, FALSE, &stats);
  g_assert_cmpuint (stats.new_items, ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM items"), ==, items);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM events"), ==, events);
}

/* Cancelling stops the refresh and blames no source for it. */
static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_auto(SeismoRefreshStats) stats = { 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GSource) timer = g_timeout_source_new (200);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *path = g_strdup_printf ("/slow/%u", i);
      g_autofree char *name = letters ("slow", i);
      g_autofree char *feed = filler_feed (fixture, name, 1);

      set_feed (fixture, path, feed, FALSE)->delay_ms = 5000;
      add_source (fixture, path);
    }
  g_source_set_callback (timer, cancel_cb, cancellable, NULL);
  g_source_attach (timer, fixture->context);
  g_assert_false (try_refresh (fixture, NULL, 0, FALSE, cancellable, &stats, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM sources WHERE status = 'error'"
                                   " OR failures > 0"), ==, 0);
  g_assert_false (seismo_refresh_is_running (fixture->refresh));

  /* And the next refresh runs. */
  g_clear_error (&error);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *path = g_strdup_printf ("/slow/%u", i);

      ((Route *) g_hash_table_lookup (fixture->routes, path))->delay_ms = 0;
    }
  refresh (fixture, NULL, 0, FALSE, &stats);
  g_assert_cmpuint (stats.new_items, ==, 10);
}

/* seismograph-cli refresh, end to end, against the same server. */
typedef struct
{
  gboolean  done;
  char     *out;
  char     *err;
  int       status;
} CliRun;

static void
communicated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CliRun *run = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &run->out, &run->err,
                                        &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (G_SUBPROCESS (object));
  run->done = TRUE;
}

static void
run_cli (Fixture    *fixture,
         CliRun     *run,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("SEISMO_CLI"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, fixture->path);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  /* The server answers on this context while the CLI runs. */
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated_cb, run);
  while (!run->done)
    g_main_context_iteration (fixture->context, TRUE);
}

static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *one = filler_feed (fixture, "cli-one", 3);
  g_autofree char *two = filler_feed (fixture, "cli-two", 2);
  CliRun run = { 0 };

  if (g_getenv ("SEISMO_CLI") == NULL)
    {
      g_test_skip ("SEISMO_CLI is not set");
      return;
    }
  set_feed (fixture, "/one", one, TRUE);
  set_feed (fixture, "/two", two, FALSE);
  set_route (fixture, "/gone", SOUP_STATUS_GONE, "text/plain", "gone", -1);
  add_source (fixture, "/one");
  add_source (fixture, "/two");
  add_source (fixture, "/gone");

  run_cli (fixture, &run, "refresh", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "fetched 3 sources: 5 new items, 5 new events, 1 errors\n");
  g_free (run.out);
  g_free (run.err);
  memset (&run, 0, sizeof run);

  run_cli (fixture, &run, "refresh", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "fetched 3 sources: 0 new items, 0 new events, 1 errors\n");
  g_free (run.out);
  g_free (run.err);
  memset (&run, 0, sizeof run);

  /* The error is there for the user to read. */
  run_cli (fixture, &run, "sources", "list", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"error\""));
  g_assert_nonnull (strstr (run.out, "removed for good"));
  g_free (run.out);
  g_free (run.err);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func, data) \
  g_test_add ("/refresh/" name, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("error-isolated", test_error_isolated, NULL);
  ADD ("store-error", test_store_error, NULL);
  ADD ("unchanged", test_unchanged, NULL);
  ADD ("same-story", test_same_story, NULL);
  ADD ("companies-and-tags", test_companies_and_tags, NULL);
  ADD ("backoff", test_backoff, NULL);
  ADD ("only-source", test_only_source, NULL);
  ADD ("redirects", test_redirects, NULL);
  ADD ("concurrency/host", test_concurrency_host, NULL);
  ADD ("concurrency/overall", test_concurrency_overall, "hosts");
  ADD ("json-api", test_json_api, NULL);
  ADD ("hostile", test_hostile, NULL);
  ADD ("cancel", test_cancel, NULL);
  ADD ("cli", test_cli, NULL);
#undef ADD
  return g_test_run ();
}
