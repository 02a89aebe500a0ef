/* seismo-xml-prepare.c — make a feed's XML safe and well-formed enough
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libxml2 never sees a DTD: we drop every DOCTYPE before parsing, so there
 * is nothing to load over the network, no external entity to read a file
 * through and no entity to expand a billion times. What feeds really use a
 * DOCTYPE for is simple text entities, and HTML entities (&hellip;) that
 * XML does not know; both are resolved here, in one linear pass whose
 * output is bounded. Bare '&' and '<' that XML would choke on become text.
 * Processing instructions are dropped (feedparser ignores them too), which
 * frees them to stand in for CDATA sections.
 */

#include "config.h"

#include <string.h>

#include "seismo-parse-private.h"

#define MAX_ENTITIES     64
#define MAX_ENTITY_VALUE 1024

typedef struct
{
  char *name;
  char *value;
} TextEntity;

typedef enum
{
  IN_TEXT,
  IN_TAG,
  IN_ATTR,
} State;

typedef struct
{
  const char *p;
  const char *end;
  GString    *out;
  GArray     *entities; /* of TextEntity */
  gsize       budget;   /* bytes entity expansion may still add */
  GString    *scratch;
  const char *text;
  GArray     *cdata;
} Prep;

static void
clear_entity (gpointer data)
{
  TextEntity *e = data;

  g_free (e->name);
  g_free (e->value);
}

static gboolean
starts_with (const Prep *prep,
             const char *lit)
{
  gsize n = strlen (lit);

  return (gsize) (prep->end - prep->p) >= n && memcmp (prep->p, lit, n) == 0;
}

/* Copies (or skips) up to and including @terminator, or to the end. */
static void
pass_through (Prep       *prep,
              const char *terminator,
              gboolean    copy)
{
  const char *hit = memmem (prep->p, prep->end - prep->p, terminator, strlen (terminator));
  const char *stop = hit != NULL ? hit + strlen (terminator) : prep->end;

  if (copy)
    g_string_append_len (prep->out, prep->p, stop - prep->p);
  prep->p = stop;
}

/* feedparser keeps an entity only when it is `name "text"` with no '&' or
 * '"' in the text, or a single character reference: such values cannot
 * refer to other entities, so they cannot blow up. */
static void
collect_entity (Prep       *prep,
                const char *decl,
                const char *decl_end)
{
  const char *p = decl, *name, *value, *close;
  TextEntity e;

  if (prep->entities->len >= MAX_ENTITIES || p >= decl_end || !g_ascii_isspace (*p))
    return;
  while (p < decl_end && g_ascii_isspace (*p))
    p++;
  for (name = p; p < decl_end && (g_ascii_isalnum (*p) || *p == '_'); p++)
    ;
  if (p == name || p >= decl_end || !g_ascii_isspace (*p))
    return;
  e.name = g_strndup (name, p - name);
  while (p < decl_end && g_ascii_isspace (*p))
    p++;
  if (p >= decl_end || *p != '"')
    goto reject;
  value = p + 1;
  close = memchr (value, '"', decl_end - value);
  if (close == NULL || close - value > MAX_ENTITY_VALUE)
    goto reject;
  if (memchr (value, '&', close - value) != NULL)
    {
      const char *q = value + 1;

      if (*value != '&' || *q != '#')
        goto reject;
      for (q++; q < close && (g_ascii_isalnum (*q) || *q == '_'); q++)
        ;
      if (q + 1 != close || *q != ';')
        goto reject;
    }
  e.value = g_strndup (value, close - value);
  g_array_append_val (prep->entities, e);
  return;

reject:
  g_free (e.name);
}

/* Skips a DOCTYPE with its internal subset; in the prolog (@netscape set)
 * it collects the safe entities too. */
static void
skip_doctype (Prep     *prep,
              gboolean *netscape)
{
  const char *p = prep->p + strlen ("<!DOCTYPE");
  const char *head_end;
  int bracket = 0;
  char quote = 0;

  for (; p < prep->end; p++)
    {
      if (quote != 0)
        {
          if (*p == quote)
            quote = 0;
        }
      else if (*p == '"' || *p == '\'')
        quote = *p;
      else if (*p == '[')
        bracket++;
      else if (*p == ']')
        bracket--;
      else if (*p == '<' && bracket > 0 && (gsize) (prep->end - p) > 8
               && memcmp (p, "<!ENTITY", 8) == 0)
        {
          const char *decl_end = memchr (p, '>', prep->end - p);

          if (decl_end == NULL)
            break;
          if (netscape != NULL)
            collect_entity (prep, p + 8, decl_end);
          p = decl_end;
        }
      else if (*p == '<' && bracket > 0 && (gsize) (prep->end - p) > 4
               && memcmp (p, "<!--", 4) == 0)
        {
          const char *c = g_strstr_len (p, prep->end - p, "-->");

          if (c == NULL)
            break;
          p = c + 2;
        }
      else if (*p == '>' && bracket <= 0)
        break;
    }
  head_end = memchr (prep->p, '>', prep->end - prep->p);
  if (head_end == NULL)
    head_end = prep->end;
  /* The oracle calls a DOCTYPE that mentions Netscape RSS 0.91. */
  for (const char *q = prep->p; netscape != NULL && q + 8 <= head_end; q++)
    if (g_ascii_strncasecmp (q, "netscape", 8) == 0)
      *netscape = TRUE;
  prep->p = p < prep->end ? p + 1 : prep->end;
}

/* Appends decoded text as XML character data. */
static void
append_escaped (GString    *out,
                const char *s,
                gsize       len,
                State       state)
{
  for (gsize i = 0; i < len; i++)
    {
      switch (s[i])
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '\r': g_string_append (out, "&#13;"); break;
        case '\f': g_string_append_c (out, ' '); break;
        case '"':
          g_string_append (out, state == IN_ATTR ? "&quot;" : "\"");
          break;
        case '\'':
          g_string_append (out, state == IN_ATTR ? "&apos;" : "'");
          break;
        default:
          g_string_append_c (out, s[i]);
        }
    }
}

static const TextEntity *
find_text_entity (const Prep *prep,
                  const char *name,
                  gsize       len)
{
  for (guint i = 0; i < prep->entities->len; i++)
    {
      const TextEntity *e = &g_array_index (prep->entities, TextEntity, i);

      if (strlen (e->name) == len && memcmp (e->name, name, len) == 0)
        return e;
    }
  return NULL;
}

static void
handle_reference (Prep  *prep,
                  State  state)
{
  static const char *const xml_names[] = { "amp;", "lt;", "gt;", "quot;", "apos;" };
  const char *name = prep->p + 1;
  gsize name_len = 0, n;

  while (name + name_len < prep->end && (g_ascii_isalnum (name[name_len]) || name[name_len] == '_')
         && name_len < 64)
    name_len++;

  for (gsize i = 0; i < G_N_ELEMENTS (xml_names); i++)
    if ((gsize) (prep->end - name) >= strlen (xml_names[i])
        && memcmp (name, xml_names[i], strlen (xml_names[i])) == 0)
      {
        n = strlen (xml_names[i]) + 1;
        g_string_append_len (prep->out, prep->p, n);
        prep->p += n;
        return;
      }

  if (name_len > 0 && name + name_len < prep->end && name[name_len] == ';')
    {
      const TextEntity *e = find_text_entity (prep, name, name_len);

      if (e != NULL && strlen (e->value) <= prep->budget)
        {
          prep->budget -= strlen (e->value);
          prep->p = name + name_len + 1;
          if (e->value[0] == '&')
            {
              g_string_truncate (prep->scratch, 0);
              _seismo_parse_char_ref (e->value, e->value + strlen (e->value), _SEISMO_REF_XML_TEXT,
                                      prep->scratch);
              append_escaped (prep->out, prep->scratch->str, prep->scratch->len, state);
            }
          else
            append_escaped (prep->out, e->value, strlen (e->value), state);
          return;
        }
    }

  g_string_truncate (prep->scratch, 0);
  n = _seismo_parse_char_ref (prep->p, prep->end,
                              state == IN_ATTR ? _SEISMO_REF_XML_ATTR : _SEISMO_REF_XML_TEXT,
                              prep->scratch);
  if (n == 0)
    {
      g_string_append (prep->out, "&amp;");
      prep->p++;
      return;
    }
  append_escaped (prep->out, prep->scratch->str, prep->scratch->len, state);
  prep->p += n;
}

static gboolean
is_name_start (guchar c)
{
  return g_ascii_isalpha (c) || c == '_' || c == ':' || c >= 0x80;
}

/* Everything up to the root element: XML declaration (dropped, we have
 * decoded the text already), comments, PIs and DOCTYPEs (dropped). */
static void
prepare_prolog (Prep     *prep,
                gboolean *netscape)
{
  while (prep->p < prep->end)
    {
      if (g_ascii_isspace (*prep->p))
        g_string_append_c (prep->out, *prep->p++);
      else if (starts_with (prep, "\xef\xbb\xbf"))
        prep->p += 3;
      else if (starts_with (prep, "<?xml") && prep->p + 5 < prep->end
               && (g_ascii_isspace (prep->p[5]) || prep->p[5] == '?'))
        pass_through (prep, "?>", FALSE);
      else if (starts_with (prep, "<?"))
        pass_through (prep, "?>", FALSE);
      else if (starts_with (prep, "<!--"))
        pass_through (prep, "-->", TRUE);
      else if (starts_with (prep, "<!DOCTYPE"))
        skip_doctype (prep, netscape);
      else
        return;
    }
}

/* Bytes that end a run of plain copying, per state: control characters
 * everywhere, and what each state has to look at. */
static guint8 stop_table[3][256];

static void
init_stop_tables (void)
{
  for (int state = IN_TEXT; state <= IN_ATTR; state++)
    {
      for (int c = 0; c < 0x20; c++)
        stop_table[state][c] = c != '\t' && c != '\n' && c != '\r';
      stop_table[state]['&'] = state != IN_TAG;
    }
  stop_table[IN_TEXT]['<'] = 1;
  stop_table[IN_TAG]['"'] = stop_table[IN_TAG]['\''] = stop_table[IN_TAG]['>'] = 1;
  stop_table[IN_ATTR]['"'] = stop_table[IN_ATTR]['\''] = stop_table[IN_ATTR]['<'] = 1;
}

/* <?sc N?>, where N indexes the CDATA spans. */
static void
append_cdata_marker (GString *out,
                     guint    index)
{
  char digits[16];
  int n = 0;

  for (guint i = index; n == 0 || i > 0; i /= 10)
    digits[n++] = (char) ('0' + i % 10);
  g_string_append (out, "<?" _SEISMO_CDATA_PI " ");
  while (n > 0)
    g_string_append_c (out, digits[--n]);
  g_string_append (out, "?>");
}

/* Handles a '<' in text; returns the new state. */
static State
text_markup (Prep *prep)
{
  if (starts_with (prep, "<!--"))
    pass_through (prep, "-->", TRUE);
  else if (starts_with (prep, "<![CDATA["))
    {
      const char *body = prep->p + 9;
      const char *close = memmem (body, prep->end - body, "]]>", 3);
      SeismoSpan span;

      /* An unfinished CDATA section is dropped, as feedparser does. */
      if (close == NULL)
        {
          prep->p = prep->end;
          return IN_TEXT;
        }
      span.offset = body - prep->text;
      span.length = close - body;
      append_cdata_marker (prep->out, prep->cdata->len);
      g_array_append_val (prep->cdata, span);
      prep->p = close + 3;
    }
  else if (starts_with (prep, "<?"))
    pass_through (prep, "?>", FALSE);
  else if (starts_with (prep, "<!DOCTYPE"))
    skip_doctype (prep, NULL);
  else if (starts_with (prep, "<!"))
    /* Other declarations in the body (an ENTITY…) are skipped up to their
     * '>', never parsed. */
    pass_through (prep, ">", FALSE);
  else if (prep->p + 1 < prep->end && (prep->p[1] == '/' || is_name_start (prep->p[1])))
    {
      g_string_append_c (prep->out, '<');
      prep->p++;
      return IN_TAG;
    }
  else
    {
      /* "1 < 2": text. */
      g_string_append (prep->out, "&lt;");
      prep->p++;
    }
  return IN_TEXT;
}

static void
prepare_body (Prep *prep)
{
  State state = IN_TEXT;
  char quote = 0;

  while (prep->p < prep->end)
    {
      const guint8 *table = stop_table[state];
      const char *run = prep->p;
      guchar c;

      while (prep->p < prep->end && !table[(guchar) *prep->p])
        prep->p++;
      g_string_append_len (prep->out, run, prep->p - run);
      if (prep->p >= prep->end)
        break;

      c = (guchar) *prep->p;
      if (c < 0x20)
        {
          /* Control characters are not XML; VT and FF still read as space. */
          if (c == '\v' || c == '\f')
            g_string_append_c (prep->out, ' ');
          prep->p++;
        }
      else if (c == '&')
        handle_reference (prep, state);
      else if (state == IN_TEXT)
        state = text_markup (prep);
      else if (state == IN_TAG)
        {
          if (c == '>')
            state = IN_TEXT;
          else
            {
              state = IN_ATTR;
              quote = (char) c;
            }
          g_string_append_c (prep->out, (char) c);
          prep->p++;
        }
      else if (c == '<')
        {
          g_string_append (prep->out, "&lt;");
          prep->p++;
        }
      else
        {
          if (c == (guchar) quote)
            state = IN_TAG;
          g_string_append_c (prep->out, (char) c);
          prep->p++;
        }
    }
}

GString *
_seismo_xml_prepare (const char *text,
                     gsize       length,
                     gboolean   *netscape,
                     GArray     *cdata)
{
  static gsize tables_ready = 0;
  Prep prep = { text, text + length, NULL, NULL, 0, NULL, text, cdata };

  if (g_once_init_enter (&tables_ready))
    {
      init_stop_tables ();
      g_once_init_leave (&tables_ready, 1);
    }
  *netscape = FALSE;
  prep.out = g_string_sized_new (length + length / 16 + 64);
  prep.entities = g_array_new (FALSE, FALSE, sizeof (TextEntity));
  g_array_set_clear_func (prep.entities, clear_entity);
  prep.scratch = g_string_new (NULL);
  /* Entity expansion may at most double a document (plus a little). */
  prep.budget = length + 4096;

  prepare_prolog (&prep, netscape);
  prepare_body (&prep);

  g_array_unref (prep.entities);
  g_string_free (prep.scratch, TRUE);
  return prep.out;
}
