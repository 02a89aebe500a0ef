/* seismo-opml.h — subscription lists in and out (OPML 1.0 and 2.0)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "seismo-store.h"

G_BEGIN_DECLS

/* Every function here is plain and blocking, with no main-loop state: the
 * UI runs them in a GTask thread (seismo_store_run_async), the CLI directly.
 *
 * What we write: OPML 2.0, sources grouped by folder into nested outlines
 * ("AI/Labs" is <outline text="AI"><outline text="Labs">…). Every feed
 * outline has type (atom for Atom, rss for the rest: what other readers
 * expect), text, title, xmlUrl and, when known, htmlUrl. What other readers
 * cannot know goes in attributes of our namespace SEISMO_OPML_NAMESPACE,
 * declared on <opml> with the prefix "seismograph":
 *
 *   seismograph:kind     "jsonfeed" or "json-api" (rss and atom need no more)
 *   seismograph:mapping  a json-api source's mapping, the JSON text as stored
 *
 * What we read: any OPML 1.0/2.0, leniently (libxml2's recover mode; a
 * bare '&' in a URL is kept, HTML entities such as &eacute; are known). An
 * outline with an xmlUrl is a source; one without is a folder for the
 * outlines inside it. Nothing in the file is executed, fetched or loaded:
 * no DTD, no external entity, no entity declared in the file is expanded,
 * no type="include" is followed; attribute defaults from a DTD are ignored.
 * Only http and https feeds are kept, the rest are counted. */

#define SEISMO_OPML_NAMESPACE "https://seismograph.github.io/ns/opml/1"

/* Bounds on what a file may make us do. */
#define SEISMO_OPML_MAX_BYTES        (32 * 1024 * 1024)
#define SEISMO_OPML_MAX_OUTLINES     100000
#define SEISMO_OPML_MAX_DEPTH        64   /* nested elements; deeper is an error */
#define SEISMO_OPML_MAX_FOLDER_DEPTH 16   /* folder levels kept; deeper feeds go in the 16th */

#define SEISMO_OPML_ERROR (seismo_opml_error_quark ())

typedef enum
{
  SEISMO_OPML_ERROR_NOT_OPML,   /* empty, not XML, or XML whose root is not <opml> */
  SEISMO_OPML_ERROR_TOO_LARGE,  /* more than SEISMO_OPML_MAX_BYTES or _MAX_OUTLINES */
  SEISMO_OPML_ERROR_TOO_DEEP,   /* nested deeper than SEISMO_OPML_MAX_DEPTH */
  SEISMO_OPML_ERROR_FAILED,     /* libxml2 could not write (out of memory) */
} SeismoOpmlError;

/* One source as the file describes it. Strings are UTF-8, trimmed, with
 * whitespace runs collapsed (except @mapping, kept as written). */
typedef struct
{
  char *url;       /* xmlUrl, http:// or https:// */
  char *title;     /* title, else text; NULL when both are empty */
  char *html_url;  /* htmlUrl when it is http(s), else NULL */
  char *kind;      /* "rss", "atom", "jsonfeed" or "json-api"; NULL when the file says nothing */
  char *folder;    /* names of the enclosing outlines joined by '/' ("AI/Labs"), or NULL */
  char *mapping;   /* seismograph:mapping of a json-api source, or NULL */
} SeismoOpmlOutline;

typedef struct
{
  char      *title;      /* <head><title>, or NULL */
  GPtrArray *outlines;   /* SeismoOpmlOutline, in document order; duplicates kept */
  guint      skipped;    /* outlines whose xmlUrl is not an http(s) address */
  guint      invalid;    /* json-api outlines without a valid mapping */
  gboolean   recovered;  /* the XML was broken (truncated…): this is what could be read */
} SeismoOpml;

typedef struct
{
  guint added;     /* new sources */
  guint existing;  /* already in the store, or listed twice in the file */
  guint skipped;   /* not http(s) */
  guint invalid;   /* json-api without a valid mapping */
  gboolean recovered;
} SeismoOpmlImportStats;

GQuark      seismo_opml_error_quark  (void);

void        seismo_opml_free         (SeismoOpml             *opml);

SeismoOpml *seismo_opml_parse        (const char             *data,
                                      gsize                   length,
                                      GError                **error);
SeismoOpml *seismo_opml_parse_stream (GInputStream           *stream,
                                      GCancellable           *cancellable,
                                      GError                **error);

/* New SeismoSources, enabled, ready for seismo_store_import_sources: the
 * kind is the outline's, else "rss" (the refresh reads the real format). */
GPtrArray  *seismo_opml_to_sources   (const SeismoOpml       *opml);

/* OPML 2.0 for @sources (SeismoSource; "builtin" ones are left out), with
 * @title and @created (NULL: now) in the head. The bytes are followed by a
 * NUL that their size does not count. */
GBytes     *seismo_opml_write        (GPtrArray              *sources,
                                      const char             *title,
                                      GDateTime              *created,
                                      GError                **error);

/* The whole import: parse @stream, add its sources in one transaction. */
gboolean    seismo_opml_import       (SeismoStore            *store,
                                      GInputStream           *stream,
                                      GCancellable           *cancellable,
                                      SeismoOpmlImportStats  *stats,
                                      GError                **error);
/* The whole export: every source of @store as OPML 2.0. */
GBytes     *seismo_opml_export       (SeismoStore            *store,
                                      GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeismoOpml, seismo_opml_free)

G_END_DECLS
