/* test-fetch.c — the fetcher against a SoupServer on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "seismo-fetcher.h"
#include "seismo-refresh.h"

/* Every test runs its own GMainContext, pushed as the thread default before
 * the server and the fetcher are made, so nothing here may lean on the
 * global default context (the app's and the CLI's). */

#define ETAG "\"v1-abc\""
#define LAST_MODIFIED "Mon, 20 Jan 2025 12:00:00 GMT"
#define MIB (1024 * 1024)

typedef struct
{
  GMainContext  *context;
  SoupServer    *server;
  char          *base;
  SeismoFetcher *fetcher;

  /* What the server saw last. */
  char          *if_none_match;
  char          *if_modified_since;
  char          *user_agent;
  guint          hits;

  /* What /huge and the drips wrote, and whether the client went away. */
  guint64        streamed;
  gboolean       stream_finished;
} Fixture;

/* A body the server writes in chunks, pausing between them. */
typedef struct
{
  Fixture           *fixture;
  SoupServerMessage *msg;
  guint64            left;      /* bytes still to write; G_MAXUINT64 for forever */
  gsize              chunk;
  guint              delay_ms;
  char              *suffix;
  GSource           *timer;
  gboolean           done;
} Stream;

static char *
rss (guint       n_items,
     const char *title)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<rss version=\"2.0\"><channel>");

  g_string_append_printf (out, "<title>%s</title><link>https://example.com/</link>", title);
  for (guint i = 0; i < n_items; i++)
    g_string_append_printf (out,
                            "<item><title>DeepSeek story %u</title>"
                            "<link>https://example.com/story/%u</link>"
                            "<guid>story-%u</guid>"
                            "<pubDate>Mon, 20 Jan 2025 %02u:00:00 GMT</pubDate>"
                            "<description>DeepSeek-R1 and NVIDIA, item %u.</description></item>",
                            i, i, i, i % 24, i);
  g_string_append (out, "</channel></rss>");
  return g_string_free (out, FALSE);
}

static GBytes *
gzip (const void *data,
      gsize       length)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  const guint8 *in = data;
  gsize left = length;
  GConverterResult result;

  do
    {
      guint8 buffer[16384];
      gsize read = 0, written = 0;
      g_autoptr(GError) error = NULL;

      result = g_converter_convert (G_CONVERTER (compressor), in, left, buffer, sizeof buffer,
                                    G_CONVERTER_INPUT_AT_END, &read, &written, &error);
      g_assert_no_error (error);
      in += read;
      left -= read;
      g_byte_array_append (out, buffer, written);
    }
  while (result != G_CONVERTER_FINISHED);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *type,
         const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  if (type != NULL)
    soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg), type,
                                           NULL);
  soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_COPY, body,
                            strlen (body));
}

static void
redirect (SoupServerMessage *msg,
          guint              status,
          const char        *location)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location",
                                location);
}

/* Streaming */

static void stream_next (Stream *stream);

static gboolean
stream_timer_cb (gpointer user_data)
{
  Stream *stream = user_data;

  g_clear_pointer (&stream->timer, g_source_unref);
  stream_next (stream);
  soup_server_message_unpause (stream->msg);
  return G_SOURCE_REMOVE;
}

static void
stream_next (Stream *stream)
{
  SoupMessageBody *body = soup_server_message_get_response_body (stream->msg);
  gsize size;
  g_autofree char *chunk = NULL;

  if (stream->done)
    return;
  if (stream->left == 0)
    {
      if (stream->suffix != NULL)
        soup_message_body_append (body, SOUP_MEMORY_COPY, stream->suffix, strlen (stream->suffix));
      soup_message_body_complete (body);
      return;
    }
  size = MIN (stream->chunk, stream->left);
  chunk = g_malloc (size);
  memset (chunk, ' ', size);
  if (stream->left != G_MAXUINT64)
    stream->left -= size;
  stream->fixture->streamed += size;
  soup_message_body_append (body, SOUP_MEMORY_TAKE, g_steal_pointer (&chunk), size);
}

static void
wrote_chunk_cb (SoupServerMessage *msg,
                Stream            *stream)
{
  if (stream->done || stream->timer != NULL)
    return;
  if (stream->delay_ms == 0)
    {
      stream_next (stream);
      return;
    }
  soup_server_message_pause (msg);
  stream->timer = g_timeout_source_new (stream->delay_ms);
  g_source_set_callback (stream->timer, stream_timer_cb, stream, NULL);
  g_source_attach (stream->timer, stream->fixture->context);
}

static void
stream_finished_cb (SoupServerMessage *msg,
                    Stream            *stream)
{
  stream->done = TRUE;
  stream->fixture->stream_finished = TRUE;
  if (stream->timer != NULL)
    {
      g_source_destroy (stream->timer);
      g_clear_pointer (&stream->timer, g_source_unref);
    }
}

static void
stream_free (gpointer  data,
             GObject  *msg)
{
  Stream *stream = data;

  if (stream->timer != NULL)
    g_source_destroy (stream->timer);
  g_clear_pointer (&stream->timer, g_source_unref);
  g_free (stream->suffix);
  g_free (stream);
}

/* @prefix is written first (the start of a feed), then @left spaces, then
 * @suffix. */
static void
start_stream (Fixture           *fixture,
              SoupServerMessage *msg,
              const char        *prefix,
              const char        *suffix,
              guint64            left,
              gsize              chunk,
              guint              delay_ms)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  Stream *stream = g_new0 (Stream, 1);

  stream->fixture = fixture;
  stream->msg = msg;
  stream->left = left;
  stream->chunk = chunk;
  stream->delay_ms = delay_ms;
  stream->suffix = g_strdup (suffix);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                     SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                         "application/rss+xml", NULL);
  /* Keep nothing: a gigabyte goes through, not into, the server. */
  soup_message_body_set_accumulate (body, FALSE);
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (wrote_chunk_cb), stream);
  g_signal_connect (msg, "finished", G_CALLBACK (stream_finished_cb), stream);
  g_object_weak_ref (G_OBJECT (msg), stream_free, stream);
  soup_message_body_append (body, SOUP_MEMORY_COPY, prefix, strlen (prefix));
}

/* A message that is answered only after @delay_ms, or never (0). */
static gboolean
unpause_cb (gpointer user_data)
{
  SoupServerMessage *msg = user_data;

  soup_server_message_unpause (msg);
  g_object_unref (msg);
  return G_SOURCE_REMOVE;
}

static void
delay (Fixture           *fixture,
       SoupServerMessage *msg,
       guint              delay_ms)
{
  soup_server_message_pause (msg);
  if (delay_ms > 0)
    {
      g_autoptr(GSource) timer = g_timeout_source_new (delay_ms);

      g_source_set_callback (timer, unpause_cb, g_object_ref (msg), NULL);
      g_source_attach (timer, fixture->context);
    }
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  g_autofree char *feed = rss (3, "Test feed");

  fixture->hits++;
  g_free (fixture->if_none_match);
  fixture->if_none_match = g_strdup (soup_message_headers_get_one (request, "If-None-Match"));
  g_free (fixture->if_modified_since);
  fixture->if_modified_since = g_strdup (soup_message_headers_get_one (request,
                                                                       "If-Modified-Since"));
  g_free (fixture->user_agent);
  fixture->user_agent = g_strdup (soup_message_headers_get_one (request, "User-Agent"));

  if (g_str_equal (path, "/rss") || g_str_equal (path, "/lm-only"))
    {
      gboolean with_etag = g_str_equal (path, "/rss");

      if ((with_etag && g_strcmp0 (fixture->if_none_match, ETAG) == 0) ||
          (!with_etag && g_strcmp0 (fixture->if_modified_since, LAST_MODIFIED) == 0))
        {
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
          return;
        }
      if (with_etag)
        soup_message_headers_replace (response, "ETag", ETAG);
      soup_message_headers_replace (response, "Last-Modified", LAST_MODIFIED);
      respond (msg, SOUP_STATUS_OK, "application/rss+xml; charset=utf-8", feed);
    }
  else if (g_str_equal (path, "/as-html"))
    respond (msg, SOUP_STATUS_OK, "text/html", feed);
  else if (g_str_equal (path, "/as-octet"))
    respond (msg, SOUP_STATUS_OK, "application/octet-stream", feed);
  else if (g_str_equal (path, "/no-type"))
    respond (msg, SOUP_STATUS_OK, NULL, feed);
  else if (g_str_equal (path, "/gzip") || g_str_equal (path, "/gzip-bomb"))
    {
      g_autoptr(GBytes) body = NULL;

      if (g_str_equal (path, "/gzip"))
        body = gzip (feed, strlen (feed));
      else
        {
          g_autofree char *spaces = g_malloc (4 * MIB);

          memset (spaces, ' ', 4 * MIB);
          body = gzip (spaces, 4 * MIB);
        }
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_replace (response, "Content-Encoding", "gzip");
      soup_message_headers_set_content_type (response, "application/rss+xml", NULL);
      soup_message_body_append_bytes (soup_server_message_get_response_body (msg), body);
    }
  else if (g_str_equal (path, "/empty-feed"))
    {
      g_autofree char *empty = rss (0, "Nothing yet");

      respond (msg, SOUP_STATUS_OK, "application/rss+xml", empty);
    }
  else if (g_str_equal (path, "/empty-body"))
    respond (msg, SOUP_STATUS_OK, "application/rss+xml", "");
  else if (g_str_equal (path, "/html") || g_str_equal (path, "/api-html"))
    respond (msg, SOUP_STATUS_OK, "text/html",
             "<!DOCTYPE html>\n<html><head><title>Blog</title></head>"
             "<body><h1>Our blog</h1><p>Read our posts.</p></body></html>");
  else if (g_str_equal (path, "/bad-xml"))
    respond (msg, SOUP_STATUS_OK, "application/xml", "<<<< not >>> xml &&& at all ]]>");
  else if (g_str_equal (path, "/truncated-xml"))
    {
      feed[strlen (feed) - 60] = '\0';
      respond (msg, SOUP_STATUS_OK, "application/rss+xml", feed);
    }
  else if (g_str_equal (path, "/api"))
    respond (msg, SOUP_STATUS_OK, "application/json",
             "{\"hits\": [{\"objectID\": \"1\", \"title\": \"DeepSeek-R1 is out\","
             " \"url\": \"https://example.com/r1\", \"created_at\": \"2025-01-20T12:00:00Z\"}]}");
  else if (g_str_equal (path, "/r301"))
    redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, "/rss");
  else if (g_str_equal (path, "/r302"))
    redirect (msg, SOUP_STATUS_FOUND, "/rss");
  else if (g_str_equal (path, "/r307"))
    redirect (msg, SOUP_STATUS_TEMPORARY_REDIRECT, "/rss");
  else if (g_str_equal (path, "/r308"))
    redirect (msg, SOUP_STATUS_PERMANENT_REDIRECT, "/rss");
  else if (g_str_equal (path, "/mixed"))
    redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, "/r302");
  else if (g_str_has_prefix (path, "/chain/"))
    {
      guint n = (guint) g_ascii_strtoull (path + strlen ("/chain/"), NULL, 10);
      g_autofree char *next = n > 1 ? g_strdup_printf ("/chain/%u", n - 1) : g_strdup ("/rss");

      redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, next);
    }
  else if (g_str_equal (path, "/loop-a"))
    redirect (msg, SOUP_STATUS_FOUND, "/loop-b");
  else if (g_str_equal (path, "/loop-b"))
    redirect (msg, SOUP_STATUS_FOUND, "/loop-a");
  else if (g_str_equal (path, "/self"))
    redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, "/self");
  else if (g_str_equal (path, "/to-file"))
    redirect (msg, SOUP_STATUS_FOUND, "file:///etc/passwd");
  else if (g_str_equal (path, "/no-location"))
    soup_server_message_set_status (msg, SOUP_STATUS_MOVED_PERMANENTLY, NULL);
  else if (g_str_equal (path, "/410"))
    respond (msg, SOUP_STATUS_GONE, "text/html", "<html>gone</html>");
  else if (g_str_equal (path, "/500"))
    respond (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "text/plain", "oops");
  else if (g_str_equal (path, "/hang"))
    delay (fixture, msg, 0);
  else if (g_str_equal (path, "/slow-headers"))
    {
      respond (msg, SOUP_STATUS_OK, "application/rss+xml", feed);
      delay (fixture, msg, 600);
    }
  else if (g_str_equal (path, "/slow-body"))
    {
      /* About 0.9 s in all, under a 2 s timeout; each pause under it too. */
      feed[strlen (feed) - strlen ("</channel></rss>")] = '\0';
      start_stream (fixture, msg, feed, "</channel></rss>", 6 * 10, 10, 150);
    }
  else if (g_str_equal (path, "/drip"))
    start_stream (fixture, msg, "<rss version=\"2.0\"><channel>", NULL, G_MAXUINT64, 16, 300);
  else if (g_str_equal (path, "/big-length"))
    {
      g_autofree char *big = g_malloc (2 * MIB + 1);

      memset (big, ' ', 2 * MIB);
      big[2 * MIB] = '\0';
      respond (msg, SOUP_STATUS_OK, "application/rss+xml", big);
    }
  else if (g_str_equal (path, "/big-chunked"))
    start_stream (fixture, msg, "<rss version=\"2.0\"><channel>", NULL, 2 * MIB, 65536, 0);
  else if (g_str_equal (path, "/huge"))
    start_stream (fixture, msg, "<rss version=\"2.0\"><channel>", NULL, (guint64) 1024 * MIB,
                  65536, 0);
  else
    respond (msg, SOUP_STATUS_NOT_FOUND, "text/html", "<html>not here</html>");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  fixture->context = g_main_context_new ();
  g_main_context_push_thread_default (fixture->context);

  fixture->server = soup_server_new ("server-header", "test-fetch ", NULL);
  soup_server_add_handler (fixture->server, NULL, server_cb, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  g_assert_nonnull (uris);
  fixture->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));

  fixture->fetcher = seismo_fetcher_new ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->fetcher);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  while (g_main_context_iteration (fixture->context, FALSE))
    ;
  g_main_context_pop_thread_default (fixture->context);
  g_main_context_unref (fixture->context);
  g_free (fixture->base);
  g_free (fixture->if_none_match);
  g_free (fixture->if_modified_since);
  g_free (fixture->user_agent);
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static SeismoFetchResult *
fetch (Fixture     *fixture,
       const char  *path,
       const char  *etag,
       const char  *last_modified,
       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *url = g_strconcat (fixture->base, path, NULL);

  seismo_fetcher_fetch_async (fixture->fetcher, url, etag, last_modified, NULL, fetched_cb,
                              &result);
  while (result == NULL)
    g_main_context_iteration (fixture->context, TRUE);
  return seismo_fetcher_fetch_finish (fixture->fetcher, result, error);
}

/* The table */

#define NO_ERROR (-1)
#define NO_PARSE (-1)

typedef struct
{
  const char *path;
  guint       timeout;      /* seconds; 0: the default */
  gsize       max_body;     /* 0: the default */
  int         error;        /* a SeismoFetchError, or NO_ERROR */
  const char *message;      /* in the error's message */
  guint       status;
  gboolean    moved;
  const char *final_path;
  const char *content_type;
  const char *kind;         /* how the body is parsed; NULL: as a feed */
  const char *mapping;
  int         items;        /* NO_PARSE, or how many items the body gives */
  int         parse_error;  /* a SeismoParseError, or NO_ERROR */
  const char *parse_message;
} FetchCase;

#define HN_MAPPING "{\"items\": \"$.hits[*]\", \"id\": \"$.objectID\", \"title\": \"$.title\"," \
                   " \"url\": \"$.url\", \"date\": \"$.created_at\"}"

static const FetchCase cases[] = {
  { "/rss", .error = NO_ERROR, .status = 200, .final_path = "/rss",
    .content_type = "application/rss+xml", .items = 3, .parse_error = NO_ERROR },
  { "/as-html", .error = NO_ERROR, .status = 200, .content_type = "text/html",
    .items = 3, .parse_error = NO_ERROR },
  { "/as-octet", .error = NO_ERROR, .status = 200, .content_type = "application/octet-stream",
    .items = 3, .parse_error = NO_ERROR },
  { "/no-type", .error = NO_ERROR, .status = 200, .items = 3, .parse_error = NO_ERROR },
  { "/gzip", .error = NO_ERROR, .status = 200, .items = 3, .parse_error = NO_ERROR },
  { "/empty-feed", .error = NO_ERROR, .status = 200, .items = 0, .parse_error = NO_ERROR },
  { "/slow-headers", .timeout = 2, .error = NO_ERROR, .status = 200, .items = 3,
    .parse_error = NO_ERROR },
  { "/slow-body", .timeout = 2, .error = NO_ERROR, .status = 200, .items = 3,
    .parse_error = NO_ERROR },
  { "/api", .error = NO_ERROR, .status = 200, .kind = "json-api", .mapping = HN_MAPPING,
    .items = 1, .parse_error = NO_ERROR },
  { "/empty-body", .error = NO_ERROR, .status = 200, .items = NO_PARSE,
    .parse_error = SEISMO_PARSE_ERROR_EMPTY, .parse_message = "empty" },
  { "/empty-body", .error = NO_ERROR, .status = 200, .kind = "json-api", .mapping = HN_MAPPING,
    .items = NO_PARSE, .parse_error = SEISMO_PARSE_ERROR_EMPTY, .parse_message = "empty" },
  { "/html", .error = NO_ERROR, .status = 200, .items = NO_PARSE,
    .parse_error = SEISMO_PARSE_ERROR_NOT_A_FEED, .parse_message = "web page, not a feed" },
  { "/api-html", .error = NO_ERROR, .status = 200, .kind = "json-api", .mapping = HN_MAPPING,
    .items = NO_PARSE, .parse_error = SEISMO_PARSE_ERROR_NOT_A_FEED,
    .parse_message = "answered with HTML" },
  { "/bad-xml", .error = NO_ERROR, .status = 200, .items = NO_PARSE,
    .parse_error = SEISMO_PARSE_ERROR_NOT_A_FEED, .parse_message = "not an RSS, Atom or JSON" },

  { "/r301", .error = NO_ERROR, .status = 200, .moved = TRUE, .final_path = "/rss", .items = 3,
    .parse_error = NO_ERROR },
  { "/r308", .error = NO_ERROR, .status = 200, .moved = TRUE, .final_path = "/rss", .items = 3,
    .parse_error = NO_ERROR },
  { "/r302", .error = NO_ERROR, .status = 200, .moved = FALSE, .final_path = "/rss", .items = 3,
    .parse_error = NO_ERROR },
  { "/r307", .error = NO_ERROR, .status = 200, .moved = FALSE, .final_path = "/rss", .items = 3,
    .parse_error = NO_ERROR },
  { "/mixed", .error = NO_ERROR, .status = 200, .moved = FALSE, .final_path = "/rss",
    .items = NO_PARSE, .parse_error = NO_ERROR },
  { "/chain/5", .error = NO_ERROR, .status = 200, .moved = TRUE, .final_path = "/rss",
    .items = NO_PARSE, .parse_error = NO_ERROR },
  { "/chain/6", .error = SEISMO_FETCH_ERROR_REDIRECTS, .message = "More than 5 redirects" },
  { "/loop-a", .error = SEISMO_FETCH_ERROR_REDIRECTS, .message = "loop" },
  { "/self", .error = SEISMO_FETCH_ERROR_REDIRECTS, .message = "loop" },
  { "/to-file", .error = SEISMO_FETCH_ERROR_REDIRECTS, .message = "not a web page" },
  { "/no-location", .error = SEISMO_FETCH_ERROR_HTTP, .message = "301" },

  { "/404", .error = SEISMO_FETCH_ERROR_HTTP, .message = "HTTP 404 Not Found" },
  { "/410", .error = SEISMO_FETCH_ERROR_HTTP, .message = "removed for good" },
  { "/500", .error = SEISMO_FETCH_ERROR_HTTP, .message = "HTTP 500" },
  { "/hang", .timeout = 1, .error = SEISMO_FETCH_ERROR_TIMEOUT, .message = "within 1 second" },
  { "/drip", .timeout = 1, .error = SEISMO_FETCH_ERROR_TIMEOUT, .message = "within 1 second" },
  { "/big-length", .max_body = MIB, .error = SEISMO_FETCH_ERROR_TOO_LARGE, .message = "1 MiB" },
  { "/big-chunked", .max_body = MIB, .error = SEISMO_FETCH_ERROR_TOO_LARGE, .message = "1 MiB" },
  { "/gzip-bomb", .max_body = MIB, .error = SEISMO_FETCH_ERROR_TOO_LARGE, .message = "1 MiB" },
};

static void
test_case (Fixture       *fixture,
           gconstpointer  data)
{
  const FetchCase *c = data;
  g_autoptr(SeismoFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  if (c->timeout > 0 || c->max_body > 0)
    seismo_fetcher_set_limits (fixture->fetcher, c->timeout > 0 ? c->timeout : 30,
                               c->max_body > 0 ? c->max_body : 10 * MIB, 5);

  result = fetch (fixture, c->path, NULL, NULL, &error);
  if (c->error != NO_ERROR)
    {
      g_assert_error (error, SEISMO_FETCH_ERROR, c->error);
      g_assert_nonnull (strstr (error->message, c->message));
      g_assert_null (result);
      /* A timeout is the timeout, not the 30 s default nor a hang. */
      if (c->timeout > 0)
        g_assert_cmpint (g_get_monotonic_time () - start, <, (c->timeout + 2) * G_USEC_PER_SEC);
      return;
    }

  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->status, ==, c->status);
  g_assert_false (result->not_modified);
  g_assert_nonnull (result->body);
  g_assert_cmpint (result->moved, ==, c->moved);
  if (c->final_path != NULL)
    {
      g_autofree char *final = g_strconcat (fixture->base, c->final_path, NULL);

      g_assert_cmpstr (result->final_url, ==, final);
    }
  if (c->content_type != NULL)
    g_assert_cmpstr (result->content_type, ==, c->content_type);

  if (c->items != NO_PARSE || c->parse_error != NO_ERROR)
    {
      g_autoptr(SeismoFeed) feed = NULL;

      feed = seismo_refresh_parse_body (c->kind != NULL ? c->kind : "rss", c->mapping,
                                        result->body, result->final_url, &error);
      if (c->parse_error != NO_ERROR)
        {
          g_assert_error (error, SEISMO_PARSE_ERROR, c->parse_error);
          g_assert_nonnull (strstr (error->message, c->parse_message));
          g_assert_null (feed);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_cmpuint (feed->items->len, ==, (guint) c->items);
        }
    }
}

/* The validators of the first answer go back with the second, which the
 * server answers 304 without a body. */
static void
test_conditional (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *path = data;
  gboolean with_etag = g_str_equal (path, "/rss");
  g_autoptr(SeismoFetchResult) first = NULL;
  g_autoptr(SeismoFetchResult) second = NULL;
  g_autoptr(GError) error = NULL;

  first = fetch (fixture, path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->status, ==, 200);
  g_assert_null (fixture->if_none_match);
  g_assert_null (fixture->if_modified_since);
  g_assert_cmpstr (first->etag, ==, with_etag ? ETAG : NULL);
  g_assert_cmpstr (first->last_modified, ==, LAST_MODIFIED);

  second = fetch (fixture, path, first->etag, first->last_modified, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fixture->if_none_match, ==, with_etag ? ETAG : NULL);
  g_assert_cmpstr (fixture->if_modified_since, ==, LAST_MODIFIED);
  g_assert_cmpuint (second->status, ==, 304);
  g_assert_true (second->not_modified);
  g_assert_null (second->body);
  /* Kept, so that the third fetch is conditional too. */
  g_assert_cmpstr (second->etag, ==, first->etag);
  g_assert_cmpstr (second->last_modified, ==, LAST_MODIFIED);
}

static void
test_user_agent (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(SeismoFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = fetch (fixture, "/rss", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (fixture->user_agent, "Seismograph/" PACKAGE_VERSION));
  g_assert_cmpstr (fixture->user_agent, ==, seismo_fetcher_get_user_agent (fixture->fetcher));
}

/* A gigabyte stops at the cap: the fetcher neither keeps it nor reads on. */
static void
test_huge (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(SeismoFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 deadline;

  result = fetch (fixture, "/huge", NULL, NULL, &error);
  g_assert_error (error, SEISMO_FETCH_ERROR, SEISMO_FETCH_ERROR_TOO_LARGE);
  g_assert_null (result);

  /* The connection is dropped, so the server stops writing soon. */
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!fixture->stream_finished && g_get_monotonic_time () < deadline)
    g_main_context_iteration (fixture->context, TRUE);
  g_assert_true (fixture->stream_finished);
  g_test_message ("streamed %" G_GUINT64_FORMAT " bytes in %.2f s", fixture->streamed,
                  (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpuint (fixture->streamed, <, 64 * MIB);

  /* The fetcher still works afterwards. */
  g_clear_error (&error);
  result = fetch (fixture, "/rss", NULL, NULL, &error);
  g_assert_no_error (error);
}

/* A caller's cancel ends the fetch at once, as a cancel. */
static void
cancelled_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **error = user_data;

  g_assert_null (seismo_fetcher_fetch_finish (SEISMO_FETCHER (object), result, error));
}

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
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *url = g_strconcat (fixture->base, "/hang", NULL);
  g_autoptr(GSource) timer = g_timeout_source_new (100);
  GError *error = NULL;

  g_source_set_callback (timer, cancel_cb, cancellable, NULL);
  g_source_attach (timer, fixture->context);
  seismo_fetcher_fetch_async (fixture->fetcher, url, NULL, NULL, cancellable, cancelled_cb,
                              &error);
  while (error == NULL)
    g_main_context_iteration (fixture->context, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/fetch/case%s%s", cases[i].path,
                                               cases[i].kind != NULL ? "/as-json-api" : "");

      g_test_add (name, Fixture, &cases[i], fixture_set_up, test_case, fixture_tear_down);
    }
  g_test_add ("/fetch/conditional/etag", Fixture, "/rss", fixture_set_up, test_conditional,
              fixture_tear_down);
  g_test_add ("/fetch/conditional/last-modified", Fixture, "/lm-only", fixture_set_up,
              test_conditional, fixture_tear_down);
  g_test_add ("/fetch/user-agent", Fixture, NULL, fixture_set_up, test_user_agent,
              fixture_tear_down);
  g_test_add ("/fetch/huge", Fixture, NULL, fixture_set_up, test_huge, fixture_tear_down);
  g_test_add ("/fetch/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);
  return g_test_run ();
}
