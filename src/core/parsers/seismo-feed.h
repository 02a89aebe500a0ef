/* seismo-feed.h — what a parsed feed looks like
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SEISMO_PARSE_ERROR (seismo_parse_error_quark ())

typedef enum
{
  SEISMO_PARSE_ERROR_EMPTY,      /* no bytes, or only whitespace */
  SEISMO_PARSE_ERROR_NOT_A_FEED, /* bytes parsed, but no feed root in them */
  SEISMO_PARSE_ERROR_TOO_DEEP,   /* nesting past what any feed needs */
  SEISMO_PARSE_ERROR_INVALID,    /* anything else we cannot recover */
} SeismoParseError;

typedef enum
{
  SEISMO_FEED_FORMAT_UNKNOWN,
  SEISMO_FEED_FORMAT_RSS20,
  SEISMO_FEED_FORMAT_RSS10,
  SEISMO_FEED_FORMAT_RSS09X,
  SEISMO_FEED_FORMAT_ATOM10,
  SEISMO_FEED_FORMAT_ATOM03,
  SEISMO_FEED_FORMAT_JSON,
} SeismoFeedFormat;

/* A date that was not given, or could not be read. */
#define SEISMO_NO_DATE G_MININT64

typedef struct
{
  char   *id;        /* raw guid / id / rdf:about, trimmed; NULL if absent or empty */
  char   *title;     /* plain text, whitespace collapsed; NULL if absent */
  char   *link;      /* absolute when a base was known; NULL if none */
  gint64  published; /* Unix seconds (UTC), or SEISMO_NO_DATE */
  gint64  updated;   /* Unix seconds (UTC), or SEISMO_NO_DATE */
  char   *author;    /* first author's name (or e-mail); NULL if none */
  char   *summary;   /* plain text, whitespace collapsed, not cut; NULL if none */
} SeismoFeedItem;

typedef struct
{
  SeismoFeedFormat  format;
  char             *title; /* plain text; NULL if absent */
  char             *link;  /* the site's HTML link; NULL if none */
  GPtrArray        *items; /* of SeismoFeedItem, in document order; never NULL */
} SeismoFeed;

GQuark           seismo_parse_error_quark      (void);

SeismoFeedItem  *seismo_feed_item_new          (void);
void             seismo_feed_item_free         (SeismoFeedItem *item);
char            *seismo_feed_item_dup_guid     (const SeismoFeedItem *item);

SeismoFeed      *seismo_feed_new               (SeismoFeedFormat format);
void             seismo_feed_free              (SeismoFeed *feed);
const char      *seismo_feed_format_to_string  (SeismoFeedFormat format);

/* Parse RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed 1.0/1.1 from bytes.
 * @base_url: the URL the bytes came from, or NULL; relative links are
 * resolved against xml:base first, then against it.
 * Never touches the network or the file system. A document that is not a
 * feed yields a feed of format UNKNOWN with no items and no error; only
 * input that cannot be read at all sets @error. */
SeismoFeed      *seismo_feed_parse             (const char  *data,
                                                gsize        length,
                                                const char  *base_url,
                                                GError     **error);

/* The normalized JSON of ../shared/corpus/README.md (summary cut to 200
 * code points), as a newly allocated UTF-8 string. */
char            *seismo_feed_to_corpus_json    (const SeismoFeed *feed);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeismoFeed, seismo_feed_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeismoFeedItem, seismo_feed_item_free)

G_END_DECLS
