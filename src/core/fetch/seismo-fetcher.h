/* seismo-fetcher.h — polite, bounded HTTP for feeds and APIs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SEISMO_FETCH_ERROR (seismo_fetch_error_quark ())

typedef enum
{
  SEISMO_FETCH_ERROR_INVALID_URL,
  SEISMO_FETCH_ERROR_NETWORK,    /* no connection, DNS, TLS … */
  SEISMO_FETCH_ERROR_TIMEOUT,
  SEISMO_FETCH_ERROR_HTTP,       /* a 4xx or 5xx answer */
  SEISMO_FETCH_ERROR_TOO_LARGE,
  SEISMO_FETCH_ERROR_REDIRECTS,  /* too many, or a loop */
} SeismoFetchError;

/* What one fetch brought back. */
typedef struct
{
  guint    status;        /* the final HTTP status */
  GBytes  *body;          /* NULL when not modified */
  char    *content_type;  /* without parameters, lower case; NULL if none */
  char    *etag;
  char    *last_modified;
  char    *final_url;     /* after redirects */
  gboolean moved;         /* every redirect was permanent: final_url is the new address */
  gboolean not_modified;  /* 304 */
} SeismoFetchResult;

void seismo_fetch_result_free (SeismoFetchResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeismoFetchResult, seismo_fetch_result_free)

#define SEISMO_TYPE_FETCHER (seismo_fetcher_get_type ())

G_DECLARE_FINAL_TYPE (SeismoFetcher, seismo_fetcher, SEISMO, FETCHER, GObject)

GQuark             seismo_fetch_error_quark       (void);

SeismoFetcher     *seismo_fetcher_new             (void);
void               seismo_fetcher_set_limits      (SeismoFetcher        *self,
                                                   guint                 timeout_seconds,
                                                   gsize                 max_body,
                                                   guint                 max_redirects);
const char        *seismo_fetcher_get_user_agent  (SeismoFetcher        *self);

void               seismo_fetcher_fetch_async     (SeismoFetcher        *self,
                                                   const char           *url,
                                                   const char           *etag,
                                                   const char           *last_modified,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
SeismoFetchResult *seismo_fetcher_fetch_finish    (SeismoFetcher        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
