/* seismo-url.c — canonical URLs, the key that joins copies of one article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "seismo-url.h"

/* The same article reaches us through several feeds: with and without
 * "www.", over http and https, with a newsletter's utm_* tail, a share
 * button's fbclid, or an anchor. The canonical form is an identity key,
 * never shown or fetched (the store keeps the original link for that), so
 * it may drop anything that does not change which article it names:
 *
 *  - scheme: http and https both become "https";
 *  - host: lower-cased, a trailing dot and one leading "www." removed
 *    (sites serve one and redirect the other; we chose to strip it because
 *    a feed and a share of one article often differ only there);
 *  - port: 80 and 443 removed, others kept;
 *  - user info and fragment removed;
 *  - path: percent-encoding normalised by GUri, trailing slashes removed;
 *  - query: tracking parameters removed, the rest kept in order.
 *
 * Other schemes (mailto:, urn:, …) and relative references are returned
 * trimmed but otherwise unchanged; NULL or blank input gives NULL. */

static const char * const tracking_params[] = {
  "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "twclid", "ttclid",
  "mc_cid", "mc_eid", "ref", "ref_src", "ref_url", "cmpid", "ocid", "sr_share",
  "igshid", "igsh", "_hsenc", "_hsmi", "mkt_tok", "smid", "xtor", "ncid",
  "guccounter", "guce_referrer", "guce_referrer_sig", "__twitter_impression",
  "__source", "srnd", "sref", "wt.mc_id", "soc_src", "soc_trk", "spm", "taid",
  "rss_source", "cid_source",
};

gboolean
seismo_url_is_tracking_param (const char *name)
{
  g_return_val_if_fail (name != NULL, FALSE);

  if (g_ascii_strncasecmp (name, "utm_", 4) == 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (tracking_params); i++)
    if (g_ascii_strcasecmp (name, tracking_params[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
param_is_tracking (const char *param,
                   gsize       len)
{
  g_autofree char *name = NULL;
  g_autofree char *decoded = NULL;
  const char *eq = memchr (param, '=', len);

  name = g_strndup (param, eq != NULL ? (gsize) (eq - param) : len);
  decoded = g_uri_unescape_string (name, NULL);
  return seismo_url_is_tracking_param (decoded != NULL ? decoded : name);
}

/* Keeps the order of what remains: some sites put the article id first. */
static char *
filter_query (const char *query)
{
  GString *out;
  const char *p = query;

  if (query == NULL || *query == '\0')
    return NULL;

  out = g_string_new (NULL);
  while (*p != '\0')
    {
      gsize len = strcspn (p, "&;");

      if (len > 0 && !param_is_tracking (p, len))
        {
          if (out->len > 0)
            g_string_append_c (out, '&');
          g_string_append_len (out, p, len);
        }
      p += len;
      if (*p != '\0')
        p++;
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static char *
canonical_host (const char *host)
{
  char *lower = g_ascii_strdown (host, -1);
  gsize len = strlen (lower);

  while (len > 0 && lower[len - 1] == '.')
    lower[--len] = '\0';
  if (g_str_has_prefix (lower, "www.") && len > 4)
    memmove (lower, lower + 4, len - 4 + 1);
  return lower;
}

char *
seismo_canonical_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;
  g_autofree char *query = NULL;
  const char *scheme;
  int port;
  gsize path_len;

  if (url == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (url));
  if (*trimmed == '\0')
    return NULL;

  /* SCHEME_NORMALIZE upper-cases percent escapes and punycodes hosts, so
   * two spellings of one URL compare equal byte for byte. */
  uri = g_uri_parse (trimmed,
                     G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED |
                     G_URI_FLAGS_SCHEME_NORMALIZE,
                     NULL);
  if (uri == NULL)
    return g_steal_pointer (&trimmed);

  scheme = g_uri_get_scheme (uri);
  if ((g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return g_steal_pointer (&trimmed);

  host = canonical_host (g_uri_get_host (uri));
  port = g_uri_get_port (uri);
  if (port == 80 || port == 443)
    port = -1;

  path = g_strdup (g_uri_get_path (uri));
  path_len = strlen (path);
  while (path_len > 0 && path[path_len - 1] == '/')
    path[--path_len] = '\0';

  query = filter_query (g_uri_get_query (uri));

  return g_uri_join (G_URI_FLAGS_ENCODED, "https", NULL, host, port, path, query, NULL);
}
