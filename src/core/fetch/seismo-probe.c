/* seismo-probe.c — what is at an address a user wants to follow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "seismo-discover.h"
#include "seismo-feed.h"
#include "seismo-probe.h"

/* Adding a source fetches it once: the kind comes from the content (not
 * the extension), a blog's home page is followed to the feed it links to,
 * and a JSON API that is not a JSON Feed is sent back to the user for a
 * mapping. Parsing runs in a worker thread. */

typedef enum
{
  STEP_FIRST,  /* the address the user gave */
  STEP_LINKED, /* a feed the page linked to */
} Step;

typedef struct
{
  SeismoFetcher     *fetcher;
  char              *url;
  Step               step;
  SeismoFetchResult *fetched;
  GPtrArray         *links;   /* from the page, when it was HTML */
} Probe;

void
seismo_probe_result_free (SeismoProbeResult *result)
{
  if (result == NULL)
    return;
  g_free (result->url);
  g_free (result->kind);
  g_free (result->title);
  g_free (result->site_url);
  g_free (result);
}

static void
probe_free (gpointer data)
{
  Probe *probe = data;

  g_clear_object (&probe->fetcher);
  g_free (probe->url);
  g_clear_pointer (&probe->fetched, seismo_fetch_result_free);
  g_clear_pointer (&probe->links, g_ptr_array_unref);
  g_free (probe);
}

static const char *
kind_of (SeismoFeedFormat format)
{
  switch (format)
    {
    case SEISMO_FEED_FORMAT_ATOM10:
    case SEISMO_FEED_FORMAT_ATOM03:
      return "atom";
    case SEISMO_FEED_FORMAT_JSON:
      return "jsonfeed";
    case SEISMO_FEED_FORMAT_UNKNOWN:
      return NULL;
    default:
      return "rss";
    }
}

static gboolean
starts_with_json (const char *data,
                  gsize       length)
{
  gsize i = 0;

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (data[i]))
    i++;
  return i < length && (data[i] == '{' || data[i] == '[');
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Probe *probe = task_data;
  SeismoFetchResult *fetched = probe->fetched;
  g_autoptr(SeismoFeed) feed = NULL;
  SeismoProbeResult *result;
  const char *data;
  gsize length = 0;

  data = fetched->body != NULL ? g_bytes_get_data (fetched->body, &length) : "";
  feed = seismo_feed_parse (data, length, fetched->final_url, NULL);

  if (feed != NULL && feed->format != SEISMO_FEED_FORMAT_UNKNOWN)
    {
      result = g_new0 (SeismoProbeResult, 1);
      result->url = g_strdup (fetched->moved || probe->step == STEP_LINKED ? fetched->final_url
                                                                           : probe->url);
      result->kind = g_strdup (kind_of (feed->format));
      result->title = g_strdup (feed->title);
      result->site_url = g_strdup (feed->link);
      result->items = feed->items->len;
      g_task_return_pointer (task, result, (GDestroyNotify) seismo_probe_result_free);
      return;
    }

  if (probe->step == STEP_FIRST && starts_with_json (data, length))
    {
      g_task_return_new_error (task, SEISMO_PARSE_ERROR, SEISMO_PARSE_ERROR_NOT_A_FEED,
                               _("“%s” gives JSON that is not a JSON Feed: add it as a JSON API "
                                 "with a mapping (--map) that says where its items are"),
                               probe->url);
      return;
    }

  if (probe->step == STEP_FIRST)
    {
      probe->links = seismo_discover_feed_links (data, length, fetched->final_url);
      if (probe->links->len > 0)
        {
          g_task_return_pointer (task, NULL, NULL);
          return;
        }
    }

  g_task_return_new_error (task, SEISMO_PARSE_ERROR, SEISMO_PARSE_ERROR_NOT_A_FEED,
                           probe->step == STEP_FIRST
                             ? _("“%s” is neither a feed nor a page that links to one")
                             : _("“%s” links to a feed that cannot be read"),
                           probe->url);
}

static void fetched_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Probe *probe = g_task_get_task_data (task);
  GError *error = NULL;
  SeismoProbeResult *found = g_task_propagate_pointer (G_TASK (result), &error);
  GCancellable *cancellable;

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (found != NULL)
    {
      g_task_return_pointer (task, found, (GDestroyNotify) seismo_probe_result_free);
      return;
    }

  /* The page links to a feed: try the first one. */
  probe->step = STEP_LINKED;
  g_clear_pointer (&probe->fetched, seismo_fetch_result_free);
  cancellable = g_task_get_cancellable (task);
  seismo_fetcher_fetch_async (probe->fetcher, g_ptr_array_index (probe->links, 0), NULL, NULL,
                              cancellable, fetched_cb, g_steal_pointer (&task));
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Probe *probe = g_task_get_task_data (task);
  g_autoptr(GTask) reader = NULL;
  GError *error = NULL;

  probe->fetched = seismo_fetcher_fetch_finish (SEISMO_FETCHER (object), result, &error);
  if (probe->fetched == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  reader = g_task_new (NULL, g_task_get_cancellable (task), read_cb, g_object_ref (task));
  g_task_set_source_tag (reader, read_thread);
  g_task_set_task_data (reader, probe, NULL);
  g_task_run_in_thread (reader, read_thread);
}

void
seismo_probe_async (SeismoFetcher       *fetcher,
                    const char          *url,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Probe *probe;

  g_return_if_fail (SEISMO_IS_FETCHER (fetcher));
  g_return_if_fail (url != NULL);

  probe = g_new0 (Probe, 1);
  probe->fetcher = g_object_ref (fetcher);
  probe->url = g_strdup (url);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, seismo_probe_async);
  g_task_set_task_data (task, probe, probe_free);
  seismo_fetcher_fetch_async (fetcher, url, NULL, NULL, cancellable, fetched_cb,
                              g_steal_pointer (&task));
}

SeismoProbeResult *
seismo_probe_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
