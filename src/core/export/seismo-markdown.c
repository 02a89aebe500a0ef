/* seismo-markdown.c — notes to CommonMark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "seismo-markdown-private.h"

/* The export is a briefing: each event note under a heading with the
 * event's title, then a line with its date, companies and #tags, a list of
 * its source links, and the note exactly as written. Headings keep one
 * shape whatever the options, so a note's own "###" sub-headings nest under
 * the event's "##":
 *
 *   one file:  # Companies / ## <company> + note;  # Events / ## <event>
 *              grouped: # <company | tag | month> / ## <event>
 *              (by company, the company's note comes under its heading)
 *   a folder:  front matter; # <company> + note; ## <event>
 *              grouped by tag or month: ## <group> / ### <event>
 *
 * Events are in date order, oldest first, in every group; an event with
 * two companies (or tags) is under each. Rendering is pure: rows in,
 * strings out; seismo-markdown-write.c puts them on disk. */

G_DEFINE_QUARK (seismo-markdown-error-quark, seismo_markdown_error)

SeismoMarkdownOptions *
seismo_markdown_options_new (void)
{
  SeismoMarkdownOptions *options = g_new0 (SeismoMarkdownOptions, 1);

  options->since = SEISMO_FILTER_NO_DATE;
  options->until = SEISMO_FILTER_NO_DATE;
  return options;
}

SeismoMarkdownOptions *
seismo_markdown_options_copy (const SeismoMarkdownOptions *options)
{
  SeismoMarkdownOptions *copy;

  g_return_val_if_fail (options != NULL, NULL);

  copy = g_memdup2 (options, sizeof *options);
  copy->company = g_strdup (options->company);
  copy->tag = g_strdup (options->tag);
  if (copy->time_zone != NULL)
    g_time_zone_ref (copy->time_zone);
  return copy;
}

void
seismo_markdown_options_free (SeismoMarkdownOptions *options)
{
  if (options == NULL)
    return;
  g_free (options->company);
  g_free (options->tag);
  g_clear_pointer (&options->time_zone, g_time_zone_unref);
  g_free (options);
}

/* "company", "tag", "month" (and "none"), as the CLI's --group takes them. */
gboolean
seismo_markdown_group_from_string (const char          *text,
                                   SeismoMarkdownGroup *group)
{
  static const char * const names[] = { "none", "company", "tag", "month" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *group = i;
        return TRUE;
      }
  return FALSE;
}

void
seismo_markdown_file_free (SeismoMarkdownFile *file)
{
  if (file == NULL)
    return;
  g_free (file->name);
  if (file->text != NULL)
    g_string_free (file->text, TRUE);
  g_free (file);
}

typedef struct
{
  GTimeZone *time_zone;
  GString   *out;
} Render;

static char *
format_date (Render     *r,
             gint64      when,
             const char *format)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL || (local = g_date_time_to_timezone (utc, r->time_zone)) == NULL)
    return g_strdup ("");
  return g_date_time_format (local, format);
}

static void
heading (Render     *r,
         int         level,
         const char *text)
{
  g_autofree char *line = g_strstrip (g_strdup (text != NULL ? text : ""));

  for (int i = 0; i < level; i++)
    g_string_append_c (r->out, '#');
  g_string_append_c (r->out, ' ');
  seismo_markdown_append_text (r->out, line[0] != '\0' ? line : _("Untitled"));
  g_string_append (r->out, "\n\n");
}

static void
note_body (Render     *r,
           const char *body,
           gboolean    after_list)
{
  g_autofree char *closer = _seismo_markdown_unclosed (body);
  size_t len = strlen (body);

  /* CommonMark's own way to end a list before what would continue it. */
  if (after_list && _seismo_markdown_joins_list (body))
    g_string_append (r->out, "<!-- -->\n\n");
  g_string_append_len (r->out, body, len);
  if (len > 0 && body[len - 1] != '\n')
    g_string_append_c (r->out, '\n');
  if (closer != NULL)
    {
      g_string_append (r->out, closer);
      g_string_append_c (r->out, '\n');
    }
  g_string_append_c (r->out, '\n');
}

static void
event_block (Render           *r,
             SeismoExportNote *note,
             int               level)
{
  g_autofree char *date = format_date (r, note->date, "%Y-%m-%d");

  heading (r, level, note->subject);
  g_string_append (r->out, date);
  for (guint i = 0; note->company_names[i] != NULL; i++)
    {
      g_string_append (r->out, i == 0 ? " · " : ", ");
      seismo_markdown_append_text (r->out, note->company_names[i]);
    }
  for (guint i = 0; note->tags[i] != NULL; i++)
    {
      g_string_append (r->out, i == 0 ? " · #" : " #");
      seismo_markdown_append_text (r->out, note->tags[i]);
    }
  g_string_append (r->out, "\n\n");

  for (guint i = 0; i < note->links->len; i++)
    {
      SeismoExportLink *link = g_ptr_array_index (note->links, i);
      const char *text = link->title != NULL ? link->title
                       : link->source != NULL ? link->source : link->url;

      g_string_append (r->out, "- [");
      seismo_markdown_append_text (r->out, text);
      g_string_append (r->out, "](");
      seismo_markdown_append_destination (r->out, link->url);
      g_string_append_c (r->out, ')');
      if (link->title != NULL && link->source != NULL)
        {
          g_string_append (r->out, " — ");
          seismo_markdown_append_text (r->out, link->source);
        }
      g_string_append_c (r->out, '\n');
    }
  if (note->links->len > 0)
    g_string_append_c (r->out, '\n');

  note_body (r, note->body, note->links->len > 0);
}

typedef struct
{
  char             *key;       /* slug, tag or month */
  char             *sort_key;
  char             *title;
  SeismoExportNote *company_note;
  GPtrArray        *events;
  gboolean          last;  /* the group of events with no company or tag */
} Group;

static void
group_free (gpointer data)
{
  Group *group = data;

  g_free (group->key);
  g_free (group->sort_key);
  g_free (group->title);
  g_ptr_array_unref (group->events);
  g_free (group);
}

static int
group_compare (gconstpointer a,
               gconstpointer b)
{
  const Group *x = *(const Group * const *) a;
  const Group *y = *(const Group * const *) b;

  if (x->last != y->last)
    return x->last ? 1 : -1;
  return strcmp (x->sort_key, y->sort_key);
}

/* Sorted by a case-folded name (a month by its number), then by key, so
 * that the output does not depend on the locale: golden files and diffs
 * between two exports stay stable. */
static Group *
lookup_group (GHashTable *groups,
              const char *key,
              const char *title,
              const char *sort_by,
              gboolean    last)
{
  Group *group = g_hash_table_lookup (groups, key);

  if (group == NULL)
    {
      g_autofree char *folded = g_utf8_casefold (sort_by, -1);

      group = g_new0 (Group, 1);
      group->key = g_strdup (key);
      group->sort_key = g_strconcat (folded, "\x01", key, NULL);
      group->title = g_strdup (title);
      group->events = g_ptr_array_new ();
      group->last = last;
      g_hash_table_insert (groups, group->key, group);
    }
  return group;
}

/* Groups @notes' events (and, by company, company notes) for headings. */
static GPtrArray *
collect_groups (Render              *r,
                GPtrArray           *notes,
                SeismoMarkdownGroup  by)
{
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *sorted = g_ptr_array_new_with_free_func (group_free);
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < notes->len; i++)
    {
      SeismoExportNote *note = g_ptr_array_index (notes, i);

      if (note->event_id == 0)
        {
          if (by == SEISMO_MARKDOWN_GROUP_COMPANY)
            lookup_group (groups, note->company_slug, note->subject, note->subject,
                          FALSE)->company_note = note;
          continue;
        }
      if (by == SEISMO_MARKDOWN_GROUP_MONTH)
        {
          g_autofree char *key = format_date (r, note->date, "%Y-%m");
          g_autofree char *title = format_date (r, note->date, "%B %Y");

          g_ptr_array_add (lookup_group (groups, key, title, key, FALSE)->events, note);
          continue;
        }

      {
        const char * const *keys = by == SEISMO_MARKDOWN_GROUP_TAG
                                   ? (const char * const *) note->tags
                                   : (const char * const *) note->companies;
        const char * const *titles = by == SEISMO_MARKDOWN_GROUP_TAG
                                     ? (const char * const *) note->tags
                                     : (const char * const *) note->company_names;

        for (guint k = 0; keys[k] != NULL; k++)
          g_ptr_array_add (lookup_group (groups, keys[k], titles[k], titles[k], FALSE)->events,
                           note);
        if (keys[0] == NULL)
          g_ptr_array_add (lookup_group (groups, "", by == SEISMO_MARKDOWN_GROUP_TAG
                                                     ? _("No tag") : _("No company"),
                                         "", TRUE)->events,
                           note);
      }
    }

  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (sorted, value);
  g_ptr_array_sort (sorted, group_compare);
  return sorted;
}

static void
render_events (Render              *r,
               GPtrArray           *notes,
               SeismoMarkdownGroup  by,
               int                  level)
{
  g_autoptr(GPtrArray) groups = NULL;

  if (by == SEISMO_MARKDOWN_GROUP_NONE)
    {
      for (guint i = 0; i < notes->len; i++)
        {
          SeismoExportNote *note = g_ptr_array_index (notes, i);

          if (note->event_id != 0)
            event_block (r, note, level);
        }
      return;
    }

  groups = collect_groups (r, notes, by);
  for (guint i = 0; i < groups->len; i++)
    {
      Group *group = g_ptr_array_index (groups, i);

      heading (r, level, group->title);
      if (group->company_note != NULL)
        note_body (r, group->company_note->body, FALSE);
      for (guint e = 0; e < group->events->len; e++)
        event_block (r, g_ptr_array_index (group->events, e), level + 1);
    }
}

static SeismoMarkdownFile *
render_single (Render                      *r,
               GPtrArray                   *notes,
               const SeismoMarkdownOptions *options)
{
  SeismoMarkdownFile *file = g_new0 (SeismoMarkdownFile, 1);
  gboolean any_company = FALSE, any_event = FALSE;

  file->text = r->out = g_string_new (NULL);
  file->n_notes = notes->len;
  for (guint i = 0; i < notes->len; i++)
    {
      SeismoExportNote *note = g_ptr_array_index (notes, i);

      any_event |= note->event_id != 0;
      any_company |= note->event_id == 0;
    }

  if (options->group == SEISMO_MARKDOWN_GROUP_COMPANY)
    {
      render_events (r, notes, SEISMO_MARKDOWN_GROUP_COMPANY, 1);
      return file;
    }
  if (any_company)
    {
      heading (r, 1, _("Companies"));
      for (guint i = 0; i < notes->len; i++)
        {
          SeismoExportNote *note = g_ptr_array_index (notes, i);

          if (note->event_id == 0)
            {
              heading (r, 2, note->subject);
              note_body (r, note->body, FALSE);
            }
        }
    }
  if (options->group == SEISMO_MARKDOWN_GROUP_NONE && any_event)
    heading (r, 1, _("Events"));
  render_events (r, notes, options->group, options->group == SEISMO_MARKDOWN_GROUP_NONE ? 2 : 1);
  return file;
}

static void
yaml_list (GString    *out,
           const char *key,
           GPtrArray  *values)
{
  g_string_append_printf (out, "%s:", key);
  if (values->len == 0)
    g_string_append (out, " []");
  for (guint i = 0; i < values->len; i++)
    {
      g_string_append (out, "\n  - ");
      seismo_markdown_append_yaml_string (out, g_ptr_array_index (values, i));
    }
  g_string_append_c (out, '\n');
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Obsidian's properties: title, tags (without "#"), companies, the dates
 * the file's events span, and when it was written. */
static void
front_matter (Render                      *r,
              Group                       *group,
              const SeismoMarkdownOptions *options)
{
  g_autoptr(GPtrArray) companies = g_ptr_array_new ();
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 generated = options->generated != 0 ? options->generated
                                             : g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (generated);
  g_autofree char *stamp = when != NULL ? g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ")
                                        : g_strdup ("");
  guint first_other;

  if (!group->last)
    {
      g_ptr_array_add (companies, group->title);
      g_hash_table_add (seen, group->title);
    }
  first_other = companies->len;
  for (guint e = 0; e < group->events->len; e++)
    {
      SeismoExportNote *note = g_ptr_array_index (group->events, e);

      for (guint i = 0; note->company_names[i] != NULL; i++)
        if (g_hash_table_add (seen, note->company_names[i]))
          g_ptr_array_add (companies, note->company_names[i]);
      for (guint i = 0; note->tags[i] != NULL; i++)
        if (g_hash_table_add (seen, note->tags[i]))
          g_ptr_array_add (tags, note->tags[i]);
    }
  /* The file's company first, then the others it mentions, by name. */
  if (companies->len > first_other + 1)
    qsort (companies->pdata + first_other, companies->len - first_other, sizeof (gpointer),
           compare_strings);
  g_ptr_array_sort (tags, compare_strings);

  g_string_append (r->out, "---\ntitle: ");
  seismo_markdown_append_yaml_string (r->out, group->last ? _("Events without a company")
                                                          : group->title);
  g_string_append_c (r->out, '\n');
  yaml_list (r->out, "tags", tags);
  yaml_list (r->out, "companies", companies);
  if (group->events->len > 0)
    {
      SeismoExportNote *first = g_ptr_array_index (group->events, 0);
      SeismoExportNote *last = g_ptr_array_index (group->events, group->events->len - 1);
      g_autofree char *from = format_date (r, first->date, "%Y-%m-%d");
      g_autofree char *to = format_date (r, last->date, "%Y-%m-%d");

      g_string_append_printf (r->out, "date_from: %s\ndate_to: %s\n", from, to);
    }
  g_string_append_printf (r->out, "generated: %s\n---\n\n", stamp);
}

/* A company's slug as a file name: lower case, nothing but letters,
 * digits, "-" and "_"; unique among the export's files. */
static char *
file_name (GHashTable *used,
           const char *slug)
{
  g_autoptr(GString) name = g_string_new (NULL);
  char *unique;

  for (const char *p = slug; *p != '\0'; p++)
    g_string_append_c (name, g_ascii_isalnum (*p) || *p == '-' || *p == '_'
                               ? g_ascii_tolower (*p) : '-');
  if (name->len == 0)
    g_string_append (name, "company");
  unique = g_strconcat (name->str, ".md", NULL);
  for (guint n = 2; g_hash_table_contains (used, unique); n++)
    {
      g_free (unique);
      unique = g_strdup_printf ("%s-%u.md", name->str, n);
    }
  g_hash_table_add (used, unique);
  return g_strdup (unique);
}

/* One file per company; with a company filter, only that company's. Events
 * with no company go to "no-company.md". */
static void
render_split (Render                      *r,
              GPtrArray                   *notes,
              const SeismoMarkdownOptions *options,
              GPtrArray                   *files)
{
  g_autoptr(GPtrArray) groups = collect_groups (r, notes, SEISMO_MARKDOWN_GROUP_COMPANY);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  SeismoMarkdownGroup within = options->group == SEISMO_MARKDOWN_GROUP_COMPANY
                               ? SEISMO_MARKDOWN_GROUP_NONE : options->group;

  for (guint i = 0; i < groups->len; i++)
    {
      Group *group = g_ptr_array_index (groups, i);
      SeismoMarkdownFile *file;

      if (options->company != NULL && (group->last || !g_str_equal (group->key, options->company)))
        continue;

      file = g_new0 (SeismoMarkdownFile, 1);
      file->name = file_name (used, group->last ? "no-company" : group->key);
      file->text = r->out = g_string_new (NULL);
      file->n_notes = group->events->len + (group->company_note != NULL);
      g_ptr_array_add (files, file);

      front_matter (r, group, options);
      heading (r, 1, group->last ? _("Events without a company") : group->title);
      if (group->company_note != NULL)
        note_body (r, group->company_note->body, FALSE);
      render_events (r, group->events, within, 2);
    }
}

/**
 * seismo_markdown_render:
 * @notes: (element-type SeismoExportNote): as seismo_store_list_export_notes()
 *   returns them: event notes by date, then company notes
 *
 * Returns: (transfer full) (element-type SeismoMarkdownFile): one file
 *   named NULL, or with @options->split one per company, by company name
 */
GPtrArray *
seismo_markdown_render (GPtrArray                   *notes,
                        const SeismoMarkdownOptions *options)
{
  g_autoptr(GPtrArray) files = NULL;
  Render r = { NULL, NULL };

  g_return_val_if_fail (notes != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  files = g_ptr_array_new_with_free_func ((GDestroyNotify) seismo_markdown_file_free);
  r.time_zone = options->time_zone != NULL ? g_time_zone_ref (options->time_zone)
                                           : g_time_zone_new_local ();
  if (options->split)
    render_split (&r, notes, options, files);
  else
    g_ptr_array_add (files, render_single (&r, notes, options));
  g_time_zone_unref (r.time_zone);

  /* Each block ends with a blank line; the file, with its last line. */
  for (guint i = 0; i < files->len; i++)
    {
      GString *text = ((SeismoMarkdownFile *) g_ptr_array_index (files, i))->text;

      if (g_str_has_suffix (text->str, "\n\n"))
        g_string_truncate (text, text->len - 1);
    }
  return g_steal_pointer (&files);
}
