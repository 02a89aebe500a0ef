/* seismo-uri.c — relative links against xml:base and the feed's URL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GUri rejects much of what feeds put in links (spaces, raw non-ASCII,
 * relative bases), so resolution is done on the strings, RFC 3986 §5.2,
 * with the few leniencies of Python's urljoin() that the oracle shows.
 */

#include "config.h"

#include <string.h>

#include "seismo-parse-private.h"

typedef struct
{
  const char *scheme;    /* without ':'; NULL if none */
  gsize       scheme_len;
  const char *authority; /* without "//"; NULL if none */
  gsize       authority_len;
  const char *path;
  gsize       path_len;
  const char *query;     /* with '?'; NULL if none */
  gsize       query_len;
  const char *fragment;  /* with '#'; NULL if none */
} UriParts;

/* Schemes whose URIs can be relative (Python's uses_relative). */
static const char *const relative_schemes[] = {
  "file", "ftp", "gopher", "http", "https", "imap", "mms", "nntp", "prospero",
  "rtsp", "rtspu", "sftp", "shttp", "svn", "svn+ssh", "wais", "ws", "wss",
};

/* Schemes an xml:base may switch to (feedparser's ACCEPTABLE_URI_SCHEMES). */
static const char *const base_schemes[] = {
  "file", "ftp", "gopher", "h323", "hdl", "http", "https", "imap", "magnet", "mailto",
  "mms", "news", "nntp", "prospero", "rsync", "rtsp", "rtspu", "sftp", "shttp", "sip",
  "sips", "snews", "svn", "svn+ssh", "telnet", "wais", "aim", "callto", "cvs",
  "facetime", "feed", "git", "gtalk", "irc", "ircs", "irc6", "itms", "msnim", "skype",
  "ssh", "smb", "ymsg",
};

static gboolean
scheme_in (const char        *scheme,
           gsize              len,
           const char *const *list,
           gsize              n)
{
  for (gsize i = 0; i < n; i++)
    if (strlen (list[i]) == len && g_ascii_strncasecmp (scheme, list[i], len) == 0)
      return TRUE;
  return FALSE;
}

static gsize
scheme_length (const char *s)
{
  gsize i = 0;

  if (!g_ascii_isalpha (s[0]))
    return 0;
  while (g_ascii_isalnum (s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')
    i++;
  return s[i] == ':' ? i : 0;
}

static void
split_uri (const char *s,
           UriParts   *u)
{
  gsize n = scheme_length (s);
  const char *p = s;

  memset (u, 0, sizeof *u);
  if (n > 0)
    {
      u->scheme = s;
      u->scheme_len = n;
      p = s + n + 1;
    }
  if (p[0] == '/' && p[1] == '/')
    {
      p += 2;
      u->authority = p;
      u->authority_len = strcspn (p, "/?#");
      p += u->authority_len;
    }
  u->path = p;
  u->path_len = strcspn (p, "?#");
  p += u->path_len;
  if (*p == '?')
    {
      u->query = p;
      u->query_len = strcspn (p, "#");
      p += u->query_len;
    }
  if (*p == '#')
    u->fragment = p;
}

typedef struct
{
  const char *s;
  gsize       len;
} Segment;

/* RFC 3986 §5.2.4, appending the result to @out. */
static void
append_without_dots (GString    *out,
                     const char *path,
                     gsize       len)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Segment));
  const char *p = path, *end = path + len;
  gboolean absolute = len > 0 && path[0] == '/';

  if (absolute)
    p++;
  while (p <= end)
    {
      const char *seg_end = memchr (p, '/', (gsize) (end - p));
      Segment seg = { p, (seg_end != NULL ? seg_end : end) - p };
      gboolean last = seg_end == NULL;
      gboolean dot = seg.len == 1 && p[0] == '.';
      gboolean dotdot = seg.len == 2 && p[0] == '.' && p[1] == '.';

      if (dotdot && stack->len > 0)
        g_array_set_size (stack, stack->len - 1);
      if (!dot && !dotdot)
        g_array_append_val (stack, seg);
      else if (last)
        {
          Segment empty = { p, 0 };

          g_array_append_val (stack, empty);
        }
      p += seg.len + 1;
    }
  if (absolute)
    g_string_append_c (out, '/');
  for (guint i = 0; i < stack->len; i++)
    {
      Segment *seg = &g_array_index (stack, Segment, i);

      if (i > 0)
        g_string_append_c (out, '/');
      g_string_append_len (out, seg->s, seg->len);
    }
}

char *
_seismo_uri_resolve (const char *base,
                     const char *ref)
{
  UriParts b, r;
  GString *out;
  const char *fixed = ref;
  gsize n;

  if (ref == NULL)
    return NULL;
  /* "http:///x" → "http://x", as feedparser's _urifixer does. */
  n = scheme_length (ref);
  if (n > 0 && strncmp (ref + n, "://", 3) == 0 && ref[n + 3] == '/')
    {
      g_autofree char *tmp = NULL;
      const char *rest = ref + n + 3;

      while (*rest == '/')
        rest++;
      tmp = g_strdup_printf ("%.*s://%s", (int) n, ref, rest);
      return _seismo_uri_resolve (base, tmp);
    }
  if (base == NULL || *base == '\0')
    return g_strdup (ref);

  split_uri (base, &b);
  split_uri (fixed, &r);
  if (b.scheme != NULL && !scheme_in (b.scheme, b.scheme_len, relative_schemes,
                                      G_N_ELEMENTS (relative_schemes)))
    return g_strdup (ref);
  if (r.scheme != NULL)
    {
      /* urljoin() reads "http:foo" against an http base as relative. */
      if (b.scheme == NULL || r.scheme_len != b.scheme_len
          || g_ascii_strncasecmp (r.scheme, b.scheme, r.scheme_len) != 0 || r.authority != NULL)
        return g_strdup (ref);
      fixed = ref + r.scheme_len + 1;
      split_uri (fixed, &r);
    }
  if (*fixed == '\0')
    return g_strdup (base);

  out = g_string_sized_new (strlen (base) + strlen (ref));
  if (b.scheme != NULL)
    g_string_append_len (out, b.scheme, b.scheme_len + 1);
  if (r.authority != NULL)
    {
      g_string_append (out, "//");
      g_string_append_len (out, r.authority, r.authority_len);
      append_without_dots (out, r.path, r.path_len);
      g_string_append (out, r.path + r.path_len);
      return g_string_free (out, FALSE);
    }
  if (b.authority != NULL)
    {
      g_string_append (out, "//");
      g_string_append_len (out, b.authority, b.authority_len);
    }
  if (r.path_len == 0)
    {
      g_string_append_len (out, b.path, b.path_len);
      if (r.query != NULL)
        g_string_append (out, r.query);
      else
        {
          if (b.query != NULL)
            g_string_append_len (out, b.query, b.query_len);
          if (r.fragment != NULL)
            g_string_append (out, r.fragment);
        }
      return g_string_free (out, FALSE);
    }
  if (r.path[0] == '/')
    append_without_dots (out, r.path, r.path_len);
  else
    {
      g_autoptr(GString) merged = g_string_new (NULL);
      const char *slash = g_strrstr_len (b.path, b.path_len, "/");

      if (b.authority != NULL && b.path_len == 0)
        g_string_append_c (merged, '/');
      else if (slash != NULL)
        g_string_append_len (merged, b.path, slash - b.path + 1);
      g_string_append_len (merged, r.path, r.path_len);
      append_without_dots (out, merged->str, merged->len);
    }
  g_string_append (out, r.path + r.path_len);
  return g_string_free (out, FALSE);
}

char *
_seismo_uri_join_base (const char *base,
                       const char *xml_base)
{
  g_autofree char *joined = NULL;
  const char *scheme;
  gsize n;

  if (xml_base == NULL || *xml_base == '\0')
    return base != NULL ? g_strdup (base) : NULL;
  if (base == NULL || *base == '\0')
    return _seismo_uri_resolve (NULL, xml_base);
  joined = _seismo_uri_resolve (base, xml_base);
  for (scheme = joined; g_ascii_isspace (*scheme); scheme++)
    ;
  n = strcspn (scheme, ":");
  if (scheme[n] != ':' || !scheme_in (scheme, n, base_schemes, G_N_ELEMENTS (base_schemes)))
    return g_strdup (base);
  return g_steal_pointer (&joined);
}
