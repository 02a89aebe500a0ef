/* seismo-probe.h — what is at an address a user wants to follow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "seismo-fetcher.h"

G_BEGIN_DECLS

typedef struct
{
  char *url;      /* the feed's address: the one given, a permanent move, or a page's feed link */
  char *kind;     /* rss, atom or jsonfeed */
  char *title;    /* the feed's own title, or NULL */
  char *site_url;
  guint items;
} SeismoProbeResult;

void               seismo_probe_result_free (SeismoProbeResult *result);

void               seismo_probe_async       (SeismoFetcher        *fetcher,
                                             const char           *url,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
SeismoProbeResult *seismo_probe_finish      (GAsyncResult         *result,
                                             GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeismoProbeResult, seismo_probe_result_free)

G_END_DECLS
