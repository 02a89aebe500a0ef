/* seismo-opml.c — reading subscription lists (OPML 1.0 and 2.0)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libxml/parser.h>

#include "seismo-json-api.h"
#include "seismo-opml-private.h"

/* An OPML file comes from anywhere, so it is read as hostile: libxml2's
 * SAX push parser, fed in chunks, with handlers that use nothing a DTD
 * declares. getEntity knows only XML's five entities and userData is not
 * the parser context, so libxml2 never falls back to the declarations it
 * keeps; no external subset or parameter entity is loaded (no handler for
 * them, NOENT/DTDLOAD off, NONET on); DTD attribute defaults are ignored.
 * A billion laughs is a few bytes of unused DTD, an XXE reference an
 * undeclared entity that recover mode drops. Work and memory are linear in
 * the input, which is capped.
 *
 * Before libxml2 sees the bytes, seismo-opml-filter.c keeps what recover
 * mode would eat: a bare '&', an HTML entity. */

#define CHUNK_SIZE        (64 * 1024)
#define MAX_TEXT_BYTES    1024
#define MAX_NAME_BYTES    128
#define MAX_URL_BYTES     4096
#define MAX_MAPPING_BYTES (64 * 1024)

G_DEFINE_QUARK (seismo-opml-error-quark, seismo_opml_error)

typedef enum
{
  OPEN_OTHER,
  OPEN_HEAD,
  OPEN_HEAD_TITLE,
  OPEN_FOLDER,
} Open;

typedef struct
{
  xmlParserCtxt *ctxt;
  SeismoOpml    *opml;
  GString       *carry;        /* unfiltered bytes: a reference cut by a chunk's end */
  GString       *filtered;
  gboolean       no_filter;    /* UTF-16 or UCS-4: bytes are not ASCII */
  gsize          total;
  guint          depth;
  guint8         open[SEISMO_OPML_MAX_DEPTH + 1];
  guint          n_outlines;
  gboolean       seen_root;
  gboolean       not_opml;
  char          *root_name;    /* when the root is not <opml> */
  GPtrArray     *folders;      /* names of the open folder outlines */
  char          *folder_path;  /* GRefString of the first MAX_FOLDER_DEPTH, or NULL */
  gboolean       folder_dirty;
  GString       *head_title;
  GError        *error;        /* a limit we stopped on */
} Parser;

static void
outline_free (gpointer data)
{
  SeismoOpmlOutline *outline = data;

  g_free (outline->url);
  g_free (outline->title);
  g_free (outline->html_url);
  g_free (outline->kind);
  g_clear_pointer (&outline->folder, g_ref_string_release);
  g_free (outline->mapping);
  g_free (outline);
}

void
seismo_opml_free (SeismoOpml *opml)
{
  if (opml == NULL)
    return;
  g_free (opml->title);
  g_ptr_array_unref (opml->outlines);
  g_free (opml);
}

/* ---- Text from attributes ---------------------------------------------- */

/* Without entity substitution libxml2 hands out an attribute's '&' as
 * "&#38;" (and no other reference: no entity but the five XML ones
 * exists for it). */
static char *
attr_dup (const xmlChar *value,
          const xmlChar *end)
{
  GString *out = g_string_sized_new (end - value);

  for (const char *p = (const char *) value; p < (const char *) end; p++)
    {
      g_string_append_c (out, *p);
      if (*p == '&' && (const char *) end - p >= 5 && memcmp (p, "&#38;", 5) == 0)
        p += 4;
    }
  return g_string_free (out, FALSE);
}

/* Whitespace runs collapsed, controls dropped, trimmed, cut at @max bytes
 * on a character boundary; NULL when nothing is left. libxml2 hands out
 * valid UTF-8. */
static char *
clean_text (const char *text,
            gsize       length,
            gsize       max)
{
  g_autoptr(GString) out = g_string_sized_new (MIN (length, max) + 1);
  const char *end = text + length;
  gboolean space = FALSE;

  for (const char *p = text; p < end; p++)
    {
      guchar c = (guchar) *p;

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        space = out->len > 0;
      else if (c >= 0x20 && c != 0x7f)
        {
          if (out->len + (space ? 1 : 0) + 1 > max && (c & 0xc0) != 0x80)
            break;
          if (space)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, (char) c);
        }
    }
  if (out->len == 0 || !g_utf8_validate_len (out->str, out->len, NULL))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}


/* ---- SAX handlers ------------------------------------------------------ */

static void
stop (Parser     *p,
      int         code,
      const char *format,
      ...) G_GNUC_PRINTF (3, 4);

static void
stop (Parser     *p,
      int         code,
      const char *format,
      ...)
{
  va_list args;

  if (p->error == NULL && format != NULL)
    {
      va_start (args, format);
      p->error = g_error_new_valist (SEISMO_OPML_ERROR, code, format, args);
      va_end (args);
    }
  xmlStopParser (p->ctxt);
}

static gboolean
name_is (const xmlChar *name,
         const char    *expected)
{
  return g_ascii_strcasecmp ((const char *) name, expected) == 0;
}

typedef struct
{
  const xmlChar *value;
  const xmlChar *end;
} Attr;

enum { A_XML_URL, A_HTML_URL, A_TITLE, A_TEXT, A_TYPE, A_KIND, A_MAPPING, N_ATTRS };

/* Only the attributes written in the file: defaults from a DTD (the last
 * @nb_defaulted) are not the file's content. */
static void
read_attributes (const xmlChar **attributes,
                 int             n,
                 Attr           *attrs)
{
  static const char * const plain[] = { "xmlUrl", "htmlUrl", "title", "text", "type" };

  for (int i = 0; i < n; i++)
    {
      const xmlChar *name = attributes[5 * i];
      const xmlChar *prefix = attributes[5 * i + 1];
      const xmlChar *uri = attributes[5 * i + 2];
      int slot = -1;

      if (g_strcmp0 ((const char *) uri, SEISMO_OPML_NAMESPACE) == 0 ||
          (uri == NULL && g_strcmp0 ((const char *) prefix, "seismograph") == 0))
        slot = g_str_equal (name, "kind") ? A_KIND : g_str_equal (name, "mapping") ? A_MAPPING : -1;
      else if (uri == NULL && prefix == NULL)
        for (guint k = 0; k < G_N_ELEMENTS (plain); k++)
          if (name_is (name, plain[k]))
            slot = (int) k;
      if (slot >= 0 && attrs[slot].value == NULL)
        {
          attrs[slot].value = attributes[5 * i + 3];
          attrs[slot].end = attributes[5 * i + 4];
        }
    }
}

static char *
attr_text (const Attr *attr,
           gsize       max)
{
  g_autofree char *text = NULL;

  if (attr->value == NULL)
    return NULL;
  text = attr_dup (attr->value, attr->end);
  return clean_text (text, strlen (text), max);
}

static char *
http_url (const Attr *attr)
{
  g_autofree char *url = attr_text (attr, MAX_URL_BYTES + 1);
  g_autoptr(GUri) uri = NULL;

  if (url == NULL || strlen (url) > MAX_URL_BYTES || strchr (url, ' ') != NULL)
    return NULL;
  uri = g_uri_parse (url, G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (uri == NULL ||
      (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
       g_strcmp0 (g_uri_get_scheme (uri), "https") != 0) ||
      g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    return NULL;
  return g_steal_pointer (&url);
}

static const char *
current_folder (Parser *p)
{
  if (p->folder_dirty)
    {
      g_autoptr(GString) path = g_string_new (NULL);

      for (guint i = 0; i < MIN (p->folders->len, SEISMO_OPML_MAX_FOLDER_DEPTH); i++)
        {
          if (path->len > 0)
            g_string_append_c (path, '/');
          g_string_append (path, g_ptr_array_index (p->folders, i));
        }
      g_clear_pointer (&p->folder_path, g_ref_string_release);
      if (path->len > 0)
        p->folder_path = g_ref_string_new_len (path->str, (gssize) path->len);
      p->folder_dirty = FALSE;
    }
  return p->folder_path;
}

static char *
outline_kind (const Attr *attrs)
{
  g_autofree char *kind = attr_text (&attrs[A_KIND], 16);
  g_autofree char *type = attr_text (&attrs[A_TYPE], 16);

  if (kind != NULL && seismo_source_kind_is_valid (kind))
    return g_steal_pointer (&kind);
  if (type != NULL &&
      (g_ascii_strcasecmp (type, "rss") == 0 || g_ascii_strcasecmp (type, "atom") == 0))
    return g_ascii_strdown (type, -1);
  return NULL;
}

static void
add_feed (Parser     *p,
          const Attr *attrs)
{
  g_autofree char *url = http_url (&attrs[A_XML_URL]);
  g_autofree char *title = attr_text (&attrs[A_TITLE], MAX_TEXT_BYTES);
  SeismoOpmlOutline *outline;

  if (url == NULL)
    {
      p->opml->skipped++;
      return;
    }
  outline = g_new0 (SeismoOpmlOutline, 1);
  outline->kind = outline_kind (attrs);
  if (g_strcmp0 (outline->kind, "json-api") == 0)
    {
      const Attr *mapping = &attrs[A_MAPPING];
      gsize length = mapping->end - mapping->value;

      if (mapping->value != NULL && length <= MAX_MAPPING_BYTES)
        outline->mapping = attr_dup (mapping->value, mapping->end);
      if (outline->mapping == NULL || !seismo_json_api_validate_mapping (outline->mapping, NULL))
        {
          p->opml->invalid++;
          outline_free (outline);
          return;
        }
    }
  /* An untitled source is written with its URL as text: keep it untitled. */
  if (title == NULL)
    {
      title = attr_text (&attrs[A_TEXT], MAX_TEXT_BYTES);
      if (g_strcmp0 (title, url) == 0)
        g_clear_pointer (&title, g_free);
    }
  outline->url = g_steal_pointer (&url);
  outline->title = g_steal_pointer (&title);
  if (attrs[A_HTML_URL].value != NULL)
    outline->html_url = http_url (&attrs[A_HTML_URL]);
  if (current_folder (p) != NULL)
    outline->folder = g_ref_string_acquire (p->folder_path);
  g_ptr_array_add (p->opml->outlines, outline);
}

static Open
start_outline (Parser         *p,
               const xmlChar **attributes,
               int             n_attributes)
{
  Attr attrs[N_ATTRS] = { { NULL, NULL } };
  char *name;

  if (++p->n_outlines > SEISMO_OPML_MAX_OUTLINES)
    {
      stop (p, SEISMO_OPML_ERROR_TOO_LARGE, _("The OPML file has more than %d outlines"),
            SEISMO_OPML_MAX_OUTLINES);
      return OPEN_OTHER;
    }
  read_attributes (attributes, n_attributes, attrs);
  if (attrs[A_XML_URL].value != NULL)
    {
      add_feed (p, attrs);
      return OPEN_OTHER;
    }

  /* A folder. Its name may not hold our path separator. */
  name = attr_text (&attrs[A_TITLE], MAX_NAME_BYTES);
  if (name == NULL)
    name = attr_text (&attrs[A_TEXT], MAX_NAME_BYTES);
  if (name == NULL)
    return OPEN_OTHER;
  if (strchr (name, '/') != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (name, "/", -1);

      g_free (name);
      name = g_strjoinv ("\u2215", parts);
    }
  g_ptr_array_add (p->folders, name);
  p->folder_dirty = TRUE;
  return OPEN_FOLDER;
}

/* Recover mode hands out a start tag cut by the end of the file (or by
 * junk) with the attributes read so far: a URL cut in half. A start tag
 * that was read whole ends in '>' or "/>" where the parser stands. */
static gboolean
start_tag_complete (Parser *p)
{
  const xmlParserInput *input = p->ctxt->input;
  const xmlChar *cur = input->cur, *end = input->end;

  return cur < end && (cur[0] == '>' || (cur[0] == '/' && cur + 1 < end && cur[1] == '>'));
}

static void
start_element_cb (void           *user_data,
                  const xmlChar  *localname,
                  const xmlChar  *prefix,
                  const xmlChar  *uri,
                  int             nb_namespaces,
                  const xmlChar **namespaces,
                  int             nb_attributes,
                  int             nb_defaulted,
                  const xmlChar **attributes)
{
  Parser *p = user_data;
  gboolean in_head = p->depth >= 2 && p->open[2] == OPEN_HEAD;
  Open what = OPEN_OTHER;

  if (++p->depth > SEISMO_OPML_MAX_DEPTH)
    {
      stop (p, SEISMO_OPML_ERROR_TOO_DEEP, _("The OPML file nests elements deeper than %d levels"),
            SEISMO_OPML_MAX_DEPTH);
      return;
    }
  if (p->depth == 1)
    {
      p->seen_root = TRUE;
      if (!name_is (localname, "opml"))
        {
          p->not_opml = TRUE;
          p->root_name = clean_text ((const char *) localname,
                                     strlen ((const char *) localname), 64);
          stop (p, 0, NULL);
          return;
        }
    }
  else if (p->depth == 2 && name_is (localname, "head"))
    what = OPEN_HEAD;
  else if (p->depth == 3 && in_head && name_is (localname, "title"))
    what = OPEN_HEAD_TITLE;
  else if (!in_head && name_is (localname, "outline") && start_tag_complete (p))
    what = start_outline (p, attributes, nb_attributes - nb_defaulted);
  p->open[p->depth] = what;
}

static void
end_element_cb (void          *user_data,
                const xmlChar *localname,
                const xmlChar *prefix,
                const xmlChar *uri)
{
  Parser *p = user_data;

  if (p->depth == 0)
    return;
  if (p->depth <= SEISMO_OPML_MAX_DEPTH && p->open[p->depth] == OPEN_FOLDER)
    {
      g_ptr_array_set_size (p->folders, p->folders->len - 1);
      p->folder_dirty = TRUE;
    }
  p->depth--;
}

static void
characters_cb (void          *user_data,
               const xmlChar *text,
               int            length)
{
  Parser *p = user_data;

  if (p->depth == 3 && p->open[3] == OPEN_HEAD_TITLE && p->head_title->len < MAX_TEXT_BYTES * 4)
    g_string_append_len (p->head_title, (const char *) text, length);
}

static xmlEntity *
get_entity_cb (void          *user_data,
               const xmlChar *name)
{
  return xmlGetPredefinedEntity (name);
}

static void
error_cb (void     *user_data,
          xmlError *error)
{
  Parser *p = user_data;

  if (error->level >= XML_ERR_ERROR)
    p->opml->recovered = TRUE;
}

static gboolean
push (Parser     *p,
      const char *data,
      gsize       length,
      gboolean    final)
{
  static xmlSAXHandler sax = {
    .initialized = XML_SAX2_MAGIC,
    .startElementNs = start_element_cb,
    .endElementNs = end_element_cb,
    .characters = characters_cb,
    .cdataBlock = characters_cb,
    .getEntity = get_entity_cb,
    .serror = error_cb,
  };

  p->total += length;
  if (p->total > SEISMO_OPML_MAX_BYTES)
    {
      g_set_error (&p->error, SEISMO_OPML_ERROR, SEISMO_OPML_ERROR_TOO_LARGE,
                   _("The OPML file is larger than %d MiB"), SEISMO_OPML_MAX_BYTES / (1024 * 1024));
      return FALSE;
    }
  if (p->total == length && length >= 2)
    p->no_filter = data[0] == '\0' || data[1] == '\0' ||
                   (guchar) data[0] == 0xfe || (guchar) data[0] == 0xff;
  if (p->no_filter)
    g_string_append_len (p->filtered, data, length);
  else
    {
      g_string_append_len (p->carry, data, length);
      _seismo_opml_filter (p->carry, final, p->filtered);
    }

  /* The first bytes tell libxml2 the encoding: wait for four. */
  if (p->ctxt == NULL && (p->filtered->len >= 4 || final))
    {
      int first = (int) MIN (p->filtered->len, 4);

      p->ctxt = xmlCreatePushParserCtxt (&sax, p, p->filtered->str, first, NULL);
      if (p->ctxt == NULL)
        {
          g_set_error_literal (&p->error, SEISMO_OPML_ERROR, SEISMO_OPML_ERROR_FAILED,
                               _("Out of memory"));
          return FALSE;
        }
      xmlCtxtUseOptions (p->ctxt, XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |
                                  XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
      g_string_erase (p->filtered, 0, first);
    }
  if (p->ctxt == NULL)
    return TRUE;
  xmlParseChunk (p->ctxt, p->filtered->str, (int) p->filtered->len, final);
  g_string_truncate (p->filtered, 0);
  return p->error == NULL && !p->not_opml;
}

static void
parser_clear (Parser *p)
{
  /* Our handlers build no tree; a document here is the one libxml2 makes
   * to hold internal entity declarations "for SAX compatibility". Nothing
   * looks entities up in it (getEntity is ours, userData is not the
   * context), and freeing it is the caller's job. */
  if (p->ctxt != NULL && p->ctxt->myDoc != NULL)
    g_clear_pointer (&p->ctxt->myDoc, xmlFreeDoc);
  g_clear_pointer (&p->ctxt, xmlFreeParserCtxt);
  g_clear_pointer (&p->opml, seismo_opml_free);
  if (p->carry != NULL)
    g_string_free (p->carry, TRUE);
  if (p->filtered != NULL)
    g_string_free (p->filtered, TRUE);
  if (p->head_title != NULL)
    g_string_free (p->head_title, TRUE);
  g_clear_pointer (&p->folders, g_ptr_array_unref);
  g_clear_pointer (&p->folder_path, g_ref_string_release);
  g_free (p->root_name);
  g_clear_error (&p->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Parser, parser_clear)

static void
parser_init (Parser *p)
{
  static gsize initialized = 0;

  /* libxml2 wants its first initialisation on one thread. */
  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&initialized, 1);
    }
  memset (p, 0, sizeof *p);
  p->opml = g_new0 (SeismoOpml, 1);
  p->opml->outlines = g_ptr_array_new_with_free_func (outline_free);
  p->carry = g_string_new (NULL);
  p->filtered = g_string_new (NULL);
  p->head_title = g_string_new (NULL);
  p->folders = g_ptr_array_new_with_free_func (g_free);
}

static SeismoOpml *
finish (Parser  *p,
        GError **error)
{
  if (p->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&p->error));
      return NULL;
    }
  if (p->not_opml)
    {
      g_set_error (error, SEISMO_OPML_ERROR, SEISMO_OPML_ERROR_NOT_OPML,
                   _("This is not an OPML file: its root element is <%s>, not <opml>"),
                   p->root_name != NULL ? p->root_name : "?");
      return NULL;
    }
  if (!p->seen_root)
    {
      g_set_error_literal (error, SEISMO_OPML_ERROR, SEISMO_OPML_ERROR_NOT_OPML,
                           p->total == 0 ? _("This is not an OPML file: it is empty")
                                         : _("This is not an OPML file: it is not XML"));
      return NULL;
    }
  p->opml->title = clean_text (p->head_title->str, p->head_title->len, MAX_TEXT_BYTES);
  return g_steal_pointer (&p->opml);
}

/**
 * seismo_opml_parse:
 *
 * Reads an OPML document held in memory. See seismo-opml.h for what is
 * kept and what is refused.
 */
SeismoOpml *
seismo_opml_parse (const char  *data,
                   gsize        length,
                   GError     **error)
{
  g_auto(Parser) p = { 0 };
  gsize done = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parser_init (&p);
  do
    {
      gsize n = MIN (length - done, CHUNK_SIZE);

      if (!push (&p, data + done, n, done + n == length))
        break;
      done += n;
    }
  while (done < length);
  return finish (&p, error);
}

/**
 * seismo_opml_parse_stream:
 *
 * Reads an OPML document from @stream, chunk by chunk, to its end or to
 * SEISMO_OPML_MAX_BYTES. Does not close @stream.
 */
SeismoOpml *
seismo_opml_parse_stream (GInputStream  *stream,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_auto(Parser) p = { 0 };
  g_autofree char *buffer = NULL;
  gssize n;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parser_init (&p);
  buffer = g_malloc (CHUNK_SIZE);
  do
    {
      n = g_input_stream_read (stream, buffer, CHUNK_SIZE, cancellable, error);
      if (n < 0)
        return NULL;
    }
  while (push (&p, buffer, n, n == 0) && n > 0);
  return finish (&p, error);
}
