/* seismo-fetcher.c — polite, bounded HTTP for feeds and APIs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "seismo-fetcher.h"

/* One SoupSession for every request, owned here and never global: at most 6
 * connections per host and 24 in all, so a thousand feeds queue politely.
 * Each fetch sends the stored validators (conditional GET), lets libsoup
 * decode gzip and deflate, follows at most 5 redirects itself (so that it
 * can tell a permanent move, and a loop), gives up after 30 seconds in all,
 * and stops reading past 10 MiB. */

#define DEFAULT_TIMEOUT 30
#define DEFAULT_MAX_BODY (10 * 1024 * 1024)
#define DEFAULT_MAX_REDIRECTS 5
#define CHUNK 65536

struct _SeismoFetcher
{
  GObject      parent_instance;

  SoupSession *session;
  char        *user_agent;
  guint        timeout;
  gsize        max_body;
  guint        max_redirects;
};

G_DEFINE_FINAL_TYPE (SeismoFetcher, seismo_fetcher, G_TYPE_OBJECT)

G_DEFINE_QUARK (seismo-fetch-error-quark, seismo_fetch_error)

typedef struct
{
  SeismoFetcher *fetcher;
  char          *url;
  char          *etag;
  char          *last_modified;
  GHashTable    *visited;
  SoupMessage   *message;
  GInputStream  *stream;
  GByteArray    *body;
  GCancellable  *cancellable;  /* ours: the caller's, or the deadline */
  gulong         cancelled_id;
  GCancellable  *caller;
  GSource       *deadline;
  guint          redirects;
  gboolean       permanent;
  gboolean       timed_out;
} Fetch;

void
seismo_fetch_result_free (SeismoFetchResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->body, g_bytes_unref);
  g_free (result->content_type);
  g_free (result->etag);
  g_free (result->last_modified);
  g_free (result->final_url);
  g_free (result);
}

static void
fetch_free (gpointer data)
{
  Fetch *fetch = data;

  if (fetch->deadline != NULL)
    g_source_destroy (fetch->deadline);
  g_clear_pointer (&fetch->deadline, g_source_unref);
  if (fetch->caller != NULL)
    g_cancellable_disconnect (fetch->caller, fetch->cancelled_id);
  g_clear_object (&fetch->caller);
  g_clear_object (&fetch->cancellable);
  g_clear_object (&fetch->message);
  g_clear_object (&fetch->stream);
  g_clear_pointer (&fetch->body, g_byte_array_unref);
  g_clear_pointer (&fetch->visited, g_hash_table_unref);
  g_clear_object (&fetch->fetcher);
  g_free (fetch->url);
  g_free (fetch->etag);
  g_free (fetch->last_modified);
  g_free (fetch);
}

static void send_request (GTask *task);

/* Errors say what happened in words a user can act on. */
static void
return_error (GTask  *task,
              GError *error)
{
  Fetch *fetch = g_task_get_task_data (task);

  if (fetch->timed_out)
    {
      g_clear_error (&error);
      g_task_return_new_error (task, SEISMO_FETCH_ERROR, SEISMO_FETCH_ERROR_TIMEOUT,
                               g_dngettext (GETTEXT_PACKAGE, "No complete answer within %u second",
                                            "No complete answer within %u seconds",
                                            fetch->fetcher->timeout),
                               fetch->fetcher->timeout);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      error->domain == SEISMO_FETCH_ERROR)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      g_task_return_new_error (task, SEISMO_FETCH_ERROR, SEISMO_FETCH_ERROR_TIMEOUT,
                               g_dngettext (GETTEXT_PACKAGE, "No answer within %u second",
                                            "No answer within %u seconds", fetch->fetcher->timeout),
                               fetch->fetcher->timeout);
      g_error_free (error);
      return;
    }
  g_task_return_new_error (task, SEISMO_FETCH_ERROR, SEISMO_FETCH_ERROR_NETWORK,
                           _("Cannot reach the server: %s"), error->message);
  g_error_free (error);
}

static char *
media_type (SoupMessage *message)
{
  const char *type = soup_message_headers_get_content_type (soup_message_get_response_headers (message),
                                                            NULL);

  return type != NULL ? g_ascii_strdown (type, -1) : NULL;
}

static void
return_result (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (fetch->message);
  SeismoFetchResult *result = g_new0 (SeismoFetchResult, 1);

  result->status = soup_message_get_status (fetch->message);
  result->not_modified = result->status == SOUP_STATUS_NOT_MODIFIED;
  if (fetch->body != NULL)
    result->body = g_byte_array_free_to_bytes (g_steal_pointer (&fetch->body));
  result->content_type = media_type (fetch->message);
  result->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
  result->last_modified = g_strdup (soup_message_headers_get_one (headers, "Last-Modified"));
  result->final_url = g_strdup (fetch->url);
  result->moved = fetch->redirects > 0 && fetch->permanent;
  /* A 304 keeps the validators we sent when it does not repeat them. */
  if (result->not_modified && result->etag == NULL)
    result->etag = g_strdup (fetch->etag);
  if (result->not_modified && result->last_modified == NULL)
    result->last_modified = g_strdup (fetch->last_modified);
  g_task_return_pointer (task, result, (GDestroyNotify) seismo_fetch_result_free);
}

static void
read_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), res, &error);
  if (chunk == NULL)
    {
      return_error (task, error);
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      g_input_stream_close_async (fetch->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      return_result (task);
      return;
    }
  if (fetch->body->len + g_bytes_get_size (chunk) > fetch->fetcher->max_body)
    {
      /* Stop reading: the rest is never downloaded. */
      g_cancellable_cancel (fetch->cancellable);
      g_task_return_new_error (task, SEISMO_FETCH_ERROR, SEISMO_FETCH_ERROR_TOO_LARGE,
                               _("The answer is larger than %zu MiB"),
                               fetch->fetcher->max_body / (1024 * 1024));
      return;
    }
  g_byte_array_append (fetch->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  g_input_stream_read_bytes_async (fetch->stream, CHUNK, G_PRIORITY_DEFAULT, fetch->cancellable,
                                   read_cb, g_steal_pointer (&task));
}

static gboolean
follow_redirect (GTask *task,
                 guint  status)
{
  Fetch *fetch = g_task_get_task_data (task);
  const char *location;
  g_autoptr(GUri) next = NULL;

  location = soup_message_headers_get_one (soup_message_get_response_headers (fetch->message),
                                           "Location");
  if (location == NULL)
    return FALSE;

  /* The redirect's own body is never read. */
  g_input_stream_close_async (fetch->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  g_clear_object (&fetch->stream);

  if (++fetch->redirects > fetch->fetcher->max_redirects)
    {
      g_task_return_new_error (task, SEISMO_FETCH_ERROR, SEISMO_FETCH_ERROR_REDIRECTS,
                               _("More than %u redirects"), fetch->fetcher->max_redirects);
      return TRUE;
    }
  next = g_uri_parse_relative (soup_message_get_uri (fetch->message), location,
                               SOUP_HTTP_URI_FLAGS, NULL);
  if (next == NULL || (g_strcmp0 (g_uri_get_scheme (next), "http") != 0 &&
                       g_strcmp0 (g_uri_get_scheme (next), "https") != 0))
    {
      g_task_return_new_error (task, SEISMO_FETCH_ERROR, SEISMO_FETCH_ERROR_REDIRECTS,
                               _("The server redirected to an address that is not a web page"));
      return TRUE;
    }

  g_free (fetch->url);
  fetch->url = g_uri_to_string (next);
  if (g_hash_table_contains (fetch->visited, fetch->url))
    {
      g_task_return_new_error (task, SEISMO_FETCH_ERROR, SEISMO_FETCH_ERROR_REDIRECTS,
                               _("The server redirects in a loop"));
      return TRUE;
    }
  fetch->permanent = fetch->permanent && (status == SOUP_STATUS_MOVED_PERMANENTLY ||
                                          status == SOUP_STATUS_PERMANENT_REDIRECT);
  send_request (g_object_ref (task));
  return TRUE;
}

static void
sent_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  GError *error = NULL;
  guint status;

  fetch->stream = soup_session_send_finish (SOUP_SESSION (object), res, &error);
  if (fetch->stream == NULL)
    {
      return_error (task, error);
      return;
    }

  status = soup_message_get_status (fetch->message);
  /* A redirect without a Location is an HTTP error like any other. */
  if (SOUP_STATUS_IS_REDIRECTION (status) && status != SOUP_STATUS_NOT_MODIFIED &&
      follow_redirect (task, status))
    return;

  if (status == SOUP_STATUS_NOT_MODIFIED)
    {
      g_input_stream_close_async (fetch->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      return_result (task);
      return;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      const char *reason = soup_message_get_reason_phrase (fetch->message);

      g_input_stream_close_async (fetch->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_task_return_new_error (task, SEISMO_FETCH_ERROR, SEISMO_FETCH_ERROR_HTTP,
                               status == SOUP_STATUS_GONE
                                 ? _("HTTP %u %s: the feed was removed for good")
                                 : _("HTTP %u %s"),
                               status, reason != NULL && reason[0] != '\0'
                                         ? reason : soup_status_get_phrase (status));
      return;
    }

  {
    goffset length = soup_message_headers_get_content_length (
      soup_message_get_response_headers (fetch->message));

    /* Refuse early when the server says the body is too large. */
    if (length > 0 && (guint64) length > fetch->fetcher->max_body &&
        soup_message_headers_get_one (soup_message_get_response_headers (fetch->message),
                                      "Content-Encoding") == NULL)
      {
        g_cancellable_cancel (fetch->cancellable);
        g_task_return_new_error (task, SEISMO_FETCH_ERROR, SEISMO_FETCH_ERROR_TOO_LARGE,
                                 _("The answer is larger than %zu MiB"),
                                 fetch->fetcher->max_body / (1024 * 1024));
        return;
      }
  }

  fetch->body = g_byte_array_new ();
  g_input_stream_read_bytes_async (fetch->stream, CHUNK, G_PRIORITY_DEFAULT, fetch->cancellable,
                                   read_cb, g_steal_pointer (&task));
}

static void
send_request (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  g_hash_table_add (fetch->visited, g_strdup (fetch->url));
  g_clear_object (&fetch->message);
  fetch->message = soup_message_new ("GET", fetch->url);
  if (fetch->message == NULL)
    {
      g_task_return_new_error (task, SEISMO_FETCH_ERROR, SEISMO_FETCH_ERROR_INVALID_URL,
                               _("“%s” is not a web address"), fetch->url);
      g_object_unref (task);
      return;
    }
  soup_message_add_flags (fetch->message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (fetch->message);
  soup_message_headers_replace (headers, "Accept",
                                "application/rss+xml, application/atom+xml, application/feed+json, "
                                "application/rdf+xml, application/json;q=0.9, application/xml;q=0.9, "
                                "text/xml;q=0.9, */*;q=0.5");
  if (fetch->etag != NULL)
    soup_message_headers_replace (headers, "If-None-Match", fetch->etag);
  if (fetch->last_modified != NULL)
    soup_message_headers_replace (headers, "If-Modified-Since", fetch->last_modified);

  soup_session_send_async (fetch->fetcher->session, fetch->message, G_PRIORITY_DEFAULT,
                           fetch->cancellable, sent_cb, task);
}

static gboolean
deadline_cb (gpointer user_data)
{
  Fetch *fetch = user_data;

  fetch->timed_out = TRUE;
  g_cancellable_cancel (fetch->cancellable);
  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *caller,
                     GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

static void
seismo_fetcher_dispose (GObject *object)
{
  SeismoFetcher *self = SEISMO_FETCHER (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (seismo_fetcher_parent_class)->dispose (object);
}

static void
seismo_fetcher_finalize (GObject *object)
{
  g_free (SEISMO_FETCHER (object)->user_agent);

  G_OBJECT_CLASS (seismo_fetcher_parent_class)->finalize (object);
}

static void
seismo_fetcher_class_init (SeismoFetcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = seismo_fetcher_dispose;
  object_class->finalize = seismo_fetcher_finalize;
}

static void
seismo_fetcher_init (SeismoFetcher *self)
{
  self->timeout = DEFAULT_TIMEOUT;
  self->max_body = DEFAULT_MAX_BODY;
  self->max_redirects = DEFAULT_MAX_REDIRECTS;
  self->user_agent = g_strdup_printf ("Seismograph/%s (+https://github.com/seismograph/seismograph)",
                                      PACKAGE_VERSION);
  self->session = soup_session_new_with_options ("max-conns", 24,
                                                 "max-conns-per-host", 6,
                                                 "timeout", self->timeout,
                                                 "idle-timeout", 60,
                                                 "user-agent", self->user_agent,
                                                 NULL);
}

SeismoFetcher *
seismo_fetcher_new (void)
{
  return g_object_new (SEISMO_TYPE_FETCHER, NULL);
}

/* For the tests: shorter timeouts and smaller caps. */
void
seismo_fetcher_set_limits (SeismoFetcher *self,
                           guint          timeout_seconds,
                           gsize          max_body,
                           guint          max_redirects)
{
  g_return_if_fail (SEISMO_IS_FETCHER (self));
  g_return_if_fail (timeout_seconds > 0 && max_body > 0);

  self->timeout = timeout_seconds;
  self->max_body = max_body;
  self->max_redirects = max_redirects;
  g_object_set (self->session, "timeout", timeout_seconds, NULL);
}

const char *
seismo_fetcher_get_user_agent (SeismoFetcher *self)
{
  g_return_val_if_fail (SEISMO_IS_FETCHER (self), NULL);
  return self->user_agent;
}

/**
 * seismo_fetcher_fetch_async:
 * @etag: (nullable): the ETag the source last sent
 * @last_modified: (nullable): its Last-Modified
 *
 * Fetches @url. A 304 is a result with not_modified set, not an error;
 * every other failure is a SEISMO_FETCH_ERROR with a readable message.
 */
void
seismo_fetcher_fetch_async (SeismoFetcher       *self,
                            const char          *url,
                            const char          *etag,
                            const char          *last_modified,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Fetch *fetch;

  g_return_if_fail (SEISMO_IS_FETCHER (self));
  g_return_if_fail (url != NULL);

  fetch = g_new0 (Fetch, 1);
  fetch->fetcher = g_object_ref (self);
  fetch->url = g_strdup (url);
  fetch->etag = g_strdup (etag);
  fetch->last_modified = g_strdup (last_modified);
  fetch->visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fetch->permanent = TRUE;
  fetch->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      fetch->caller = g_object_ref (cancellable);
      fetch->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                                   fetch->cancellable, NULL);
    }
  /* On the caller's context, as libsoup is: g_timeout_add_seconds() would
   * put it on the global default context, which a caller running its own
   * context (a test, a worker with a loop) may never iterate. */
  fetch->deadline = g_timeout_source_new_seconds (self->timeout);
  g_source_set_callback (fetch->deadline, deadline_cb, fetch, NULL);
  g_source_attach (fetch->deadline, g_main_context_get_thread_default ());

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, seismo_fetcher_fetch_async);
  g_task_set_task_data (task, fetch, fetch_free);
  g_task_set_check_cancellable (task, FALSE);
  send_request (g_steal_pointer (&task));
}

SeismoFetchResult *
seismo_fetcher_fetch_finish (SeismoFetcher  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
