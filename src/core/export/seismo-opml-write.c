/* seismo-opml-write.c — writing the sources as OPML 2.0
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libxml/xmlwriter.h>

#include "seismo-opml.h"

/* The export is what another reader (or a later Seismograph) imports, so
 * it must be well-formed whatever a title holds: libxml2's writer escapes,
 * and characters XML 1.0 cannot carry at all (most C0 controls) are
 * dropped first. Folders become nested outlines; see seismo-opml.h for the
 * attributes of our namespace. */

typedef struct
{
  SeismoSource  *source;
  char         **folders;  /* the folder path's non-empty parts */
} Entry;

static void
entry_clear (gpointer data)
{
  g_strfreev (((Entry *) data)->folders);
}

/* Root sources first, then folders by name; a folder's own sources before
 * its subfolders. The sort is stable: within a folder, the store's order. */
static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  char **x = ((const Entry *) a)->folders, **y = ((const Entry *) b)->folders;

  for (; *x != NULL && *y != NULL; x++, y++)
    {
      int c = strcmp (*x, *y);

      if (c != 0)
        return c;
    }
  return (*x != NULL) - (*y != NULL);
}

static char *
xml_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString *out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
        {
          if (c != 0xfffe && c != 0xffff)
            g_string_append_len (out, p, g_utf8_next_char (p) - p);
        }
    }
  return g_string_free (out, FALSE);
}

static char **
split_folder (const char *folder)
{
  g_auto(GStrv) parts = g_strsplit (folder != NULL ? folder : "", "/", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = xml_text (g_strstrip (parts[i]));

      if (part[0] != '\0')
        g_strv_builder_add (builder, part);
    }
  return g_strv_builder_end (builder);
}

static int
attribute (xmlTextWriter *writer,
           const char    *name,
           const char    *value)
{
  g_autofree char *text = NULL;

  if (value == NULL)
    return 0;
  text = xml_text (value);
  return xmlTextWriterWriteAttribute (writer, BAD_CAST name, BAD_CAST text);
}

static int
element (xmlTextWriter *writer,
         const char    *name,
         const char    *value)
{
  g_autofree char *text = xml_text (value);

  return xmlTextWriterWriteElement (writer, BAD_CAST name, BAD_CAST text);
}

static gboolean
write_source (xmlTextWriter *writer,
              SeismoSource  *source)
{
  const char *kind = seismo_source_get_kind (source);
  gboolean ok;

  ok = xmlTextWriterStartElement (writer, BAD_CAST "outline") >= 0 &&
       attribute (writer, "type", g_strcmp0 (kind, "atom") == 0 ? "atom" : "rss") >= 0 &&
       attribute (writer, "text", seismo_source_get_display_title (source)) >= 0 &&
       attribute (writer, "title", seismo_source_get_title (source)) >= 0 &&
       attribute (writer, "xmlUrl", seismo_source_get_url (source)) >= 0 &&
       attribute (writer, "htmlUrl", seismo_source_get_site_url (source)) >= 0;
  if (ok && (g_strcmp0 (kind, "jsonfeed") == 0 || g_strcmp0 (kind, "json-api") == 0))
    ok = attribute (writer, "seismograph:kind", kind) >= 0;
  if (ok && g_strcmp0 (kind, "json-api") == 0)
    ok = attribute (writer, "seismograph:mapping", seismo_source_get_mapping (source)) >= 0;
  return ok && xmlTextWriterEndElement (writer) >= 0;
}

/* RFC 822, as OPML 2.0 wants, in English whatever the locale. */
static char *
rfc822_date (GDateTime *date)
{
  static const char * const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char * const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  g_autoptr(GDateTime) utc = g_date_time_to_utc (date);

  return g_strdup_printf ("%s, %02d %s %04d %02d:%02d:%02d GMT",
                          days[g_date_time_get_day_of_week (utc) - 1],
                          g_date_time_get_day_of_month (utc),
                          months[g_date_time_get_month (utc) - 1],
                          g_date_time_get_year (utc), g_date_time_get_hour (utc),
                          g_date_time_get_minute (utc), g_date_time_get_second (utc));
}

static gboolean
write_head (xmlTextWriter *writer,
            const char    *title,
            GDateTime     *created)
{
  g_autoptr(GDateTime) now = created != NULL ? g_date_time_ref (created)
                                             : g_date_time_new_now_utc ();
  g_autofree char *date = rfc822_date (now);

  return xmlTextWriterStartDocument (writer, NULL, "UTF-8", NULL) >= 0 &&
         xmlTextWriterStartElement (writer, BAD_CAST "opml") >= 0 &&
         attribute (writer, "version", "2.0") >= 0 &&
         attribute (writer, "xmlns:seismograph", SEISMO_OPML_NAMESPACE) >= 0 &&
         xmlTextWriterStartElement (writer, BAD_CAST "head") >= 0 &&
         element (writer, "title", title) >= 0 &&
         element (writer, "dateCreated", date) >= 0 &&
         element (writer, "docs", "http://opml.org/spec2.opml") >= 0 &&
         xmlTextWriterEndElement (writer) >= 0 &&
         xmlTextWriterStartElement (writer, BAD_CAST "body") >= 0;
}

/* Closes the folders @entry is not in, opens those it is in. */
static gboolean
enter_folders (xmlTextWriter  *writer,
               char          **open,
               guint          *n_open,
               const Entry    *entry)
{
  guint common = 0, n = g_strv_length (entry->folders);
  gboolean ok = TRUE;

  while (common < *n_open && common < n && g_str_equal (open[common], entry->folders[common]))
    common++;
  for (; ok && *n_open > common; (*n_open)--)
    ok = xmlTextWriterEndElement (writer) >= 0;
  for (; ok && *n_open < n; (*n_open)++)
    {
      open[*n_open] = entry->folders[*n_open];
      ok = xmlTextWriterStartElement (writer, BAD_CAST "outline") >= 0 &&
           attribute (writer, "text", open[*n_open]) >= 0 &&
           attribute (writer, "title", open[*n_open]) >= 0;
    }
  return ok;
}

/**
 * seismo_opml_write:
 * @sources: (element-type SeismoSource): what to write, in order
 * @title: (nullable): the head's title
 * @created: (nullable): the head's dateCreated; NULL for now
 *
 * Returns: (transfer full): the OPML 2.0 document, UTF-8, with a NUL
 *   after its last byte (not counted in its size)
 */
GBytes *
seismo_opml_write (GPtrArray   *sources,
                   const char  *title,
                   GDateTime   *created,
                   GError     **error)
{
  g_autoptr(GArray) entries = NULL;
  g_autofree char **open = NULL;
  xmlBuffer *buffer;
  xmlTextWriter *writer;
  guint n_open = 0, depth = 0;
  gboolean ok;
  GBytes *bytes = NULL;

  g_return_val_if_fail (sources != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  entries = g_array_sized_new (FALSE, TRUE, sizeof (Entry), sources->len);
  g_array_set_clear_func (entries, entry_clear);
  for (guint i = 0; i < sources->len; i++)
    {
      SeismoSource *source = g_ptr_array_index (sources, i);
      Entry entry = { source, NULL };

      if (g_strcmp0 (seismo_source_get_kind (source), "builtin") == 0)
        continue;
      entry.folders = split_folder (seismo_source_get_folder (source));
      depth = MAX (depth, g_strv_length (entry.folders));
      g_array_append_val (entries, entry);
    }
  g_array_sort (entries, compare_entries);
  open = g_new0 (char *, depth + 1);

  buffer = xmlBufferCreate ();
  writer = buffer != NULL ? xmlNewTextWriterMemory (buffer, 0) : NULL;
  ok = writer != NULL &&
       xmlTextWriterSetIndent (writer, 1) >= 0 &&
       xmlTextWriterSetIndentString (writer, BAD_CAST "  ") >= 0 &&
       write_head (writer, title, created);
  for (guint i = 0; ok && i < entries->len; i++)
    {
      const Entry *entry = &g_array_index (entries, Entry, i);

      ok = enter_folders (writer, open, &n_open, entry) && write_source (writer, entry->source);
    }
  /* Closes the folders, body and opml. */
  ok = ok && xmlTextWriterEndDocument (writer) >= 0;
  if (writer != NULL)
    xmlFreeTextWriter (writer);
  if (ok)
    bytes = g_bytes_new_take (g_strndup ((const char *) xmlBufferContent (buffer),
                                         xmlBufferLength (buffer)),
                              xmlBufferLength (buffer));
  else
    g_set_error_literal (error, SEISMO_OPML_ERROR, SEISMO_OPML_ERROR_FAILED,
                         _("Cannot write the OPML document: out of memory"));
  if (buffer != NULL)
    xmlBufferFree (buffer);
  return bytes;
}
