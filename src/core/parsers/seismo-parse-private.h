/* seismo-parse-private.h — internals shared by the feed parsers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "seismo-feed.h"

G_BEGIN_DECLS

/* Past this many open arrays/objects (JSON) or elements (XML: deeper ones
 * are ignored) a document is hostile, not a feed. */
#define _SEISMO_MAX_DEPTH 128

/* ---- seismo-encoding.c ------------------------------------------------ */

/* Decodes a whole XML document to UTF-8 following the corpus README's
 * fallback chain. *@out points into @data or into *@owned (freed by the
 * caller). @utf8_repair is set when the chosen encoding was the literal
 * "utf-8", which is when feedparser repairs double-encoded text. */
void        _seismo_decode_xml_document  (const char  *data,
                                          gsize        length,
                                          const char **out,
                                          gsize       *out_length,
                                          char       **owned,
                                          gboolean    *utf8_repair);
/* windows-1252's meaning of a C1 control, or @c itself. */
guint32     _seismo_cp1252_c1            (guint32 c);
/* UTF-8 as Python's strict decoder takes it: NUL bytes are allowed. */
gboolean    _seismo_utf8_validate        (const char *data,
                                          gsize       length);

/* ---- seismo-html-entities.c (generated) ------------------------------ */

typedef struct
{
  const char *name;    /* without the ';' */
  guint32     cp[2];   /* second is 0 for most */
  gboolean    legacy;  /* may appear without ';' */
  gboolean    html4;   /* also in HTML 4, which "looks like HTML" accepts */
} SeismoHtmlEntity;

const SeismoHtmlEntity *_seismo_html_entity_lookup (const char *name,
                                                    gsize       len);

/* ---- seismo-html-text.c ----------------------------------------------- */

typedef enum
{
  _SEISMO_REF_HTML,      /* HTML text: legacy refs decode without ';' */
  _SEISMO_REF_XML_TEXT,  /* as HTML, but &#128; stays U+0080 for later repair */
  _SEISMO_REF_XML_ATTR,  /* as XML text, and no legacy ref before alnum or '=' */
} SeismoRefContext;

typedef struct _SeismoHtmlText SeismoHtmlText;

SeismoHtmlText *_seismo_html_text_new   (void);
void            _seismo_html_text_free  (SeismoHtmlText *self);
/* Is @name (any case, @len bytes) in @table, sorted and lower case? */
gboolean        _seismo_name_in         (const char        *name,
                                         gsize              len,
                                         const char *const *table,
                                         gsize              n);
/* Appends the plain text of an HTML fragment to @out, not collapsed. */
void            _seismo_html_text_append (SeismoHtmlText *self,
                                          const char     *html,
                                          gsize           len,
                                          GString        *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SeismoHtmlText, _seismo_html_text_free)

/* Parses the character reference at @s (which points at '&'). Returns the
 * number of bytes it spans and writes its UTF-8 expansion to @out, or
 * returns 0 when it is no reference (a bare or unknown '&…'). */
gsize       _seismo_parse_char_ref       (const char       *s,
                                          const char       *end,
                                          SeismoRefContext  context,
                                          GString          *out);
/* Writes code point @c as UTF-8, mapping what HTML maps (C1 controls as
 * windows-1252, NUL/surrogates/out of range to U+FFFD). */
void        _seismo_append_html_codepoint (GString *out,
                                           guint32  c);
gboolean    _seismo_is_html_block_tag    (const char *name);

/* ---- seismo-text.c ---------------------------------------------------- */

/* feedparser's guess whether an RSS title is HTML (README "Text fields"). */
gboolean    _seismo_looks_like_html      (const char *s);
/* Collapses the README's whitespace set (TAB LF VT FF CR SPACE NBSP) to
 * single spaces and trims; returns a new string, never NULL. */
char       *_seismo_collapse_ws          (const char *s,
                                          gsize       len);
/* Python's str.strip() set, in place on a GString. */
void        _seismo_strip_unicode_ws     (GString *s);
/* feedparser's clean-ups of every element value: text that was UTF-8 read
 * as Latin-1 is repaired (@utf8_repair), then C1 controls are mapped as
 * windows-1252. Works in place. */
void        _seismo_fix_text             (GString  *s,
                                          gboolean  utf8_repair);
/* The name in an RSS author ("me@x.com (Jane)" gives "Jane"), else the
 * address; NULL if neither. */
char       *_seismo_author_from_text     (const char *text);
/* Frees an empty @s and returns NULL; returns any other @s. */
char       *_seismo_take_nonempty        (char *s);

/* ---- seismo-date.c ---------------------------------------------------- */

/* Unix seconds of an RFC 822, W3C-DTF/RFC 3339 or asctime() date, and of
 * their usual broken forms, read as the corpus oracle reads them; or
 * SEISMO_NO_DATE. */
gint64      _seismo_date_parse           (const char *text);
/* The same, trying strict ISO 8601 first (JSON Feed dates). */
gint64      _seismo_date_parse_iso       (const char *text);
/* "YYYY-MM-DDTHH:MM:SSZ" */
void        _seismo_date_format          (gint64 t,
                                          char   buf[32]);

/* ---- seismo-uri.c ----------------------------------------------------- */

/* RFC 3986 reference resolution; @base may be NULL or relative, in which
 * case the result is resolved as far as it can be, lexically. */
char       *_seismo_uri_resolve          (const char *base,
                                          const char *ref);
/* xml:base stacking: @xml_base resolved against @base, except that, like
 * feedparser, a result that is relative or has an unusual scheme leaves
 * @base in force. */
char       *_seismo_uri_join_base        (const char *base,
                                          const char *xml_base);

/* ---- seismo-xml-prepare.c --------------------------------------------- */

typedef struct
{
  gsize offset;
  gsize length;
} SeismoSpan;

/* The target of the processing instructions that stand in for CDATA. */
#define _SEISMO_CDATA_PI "sc"

/* The document with DOCTYPEs and PIs dropped, entities resolved and stray
 * '&'/'<' escaped: what libxml2 gets to see. Each CDATA section becomes
 * <?sc N?>, N indexing @cdata (spans of @text), because libxml2 reads
 * CDATA a character at a time and feeds are mostly CDATA. */
GString    *_seismo_xml_prepare          (const char *text,
                                          gsize       length,
                                          gboolean   *netscape,
                                          GArray     *cdata);

/* ---- seismo-parse-xml.c / seismo-parse-json.c ------------------------ */

SeismoFeed *_seismo_parse_xml            (const char  *data,
                                          gsize        length,
                                          const char  *base_url,
                                          GError     **error);
SeismoFeed *_seismo_parse_json           (const char  *data,
                                          gsize        length,
                                          const char  *base_url,
                                          GError     **error);

G_END_DECLS
