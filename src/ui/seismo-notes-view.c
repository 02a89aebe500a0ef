/* seismo-notes-view.c — every note, searchable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "seismo-format.h"
#include "seismo-notes-view.h"

/* The analyst's notes in one place, most recently edited first: what each
 * is about (the event's title or the company's name), when, and its first
 * lines. Activating a note opens its event or its company. */
struct _SeismoNotesView
{
  GtkWidget       parent_instance;

  SeismoStore    *store;
  GListStore     *notes;
  GCancellable   *cancellable;

  GtkWidget      *toolbar;
  GtkSearchEntry *search_entry;
  GtkStack       *stack;
  GtkListBox     *list;
  AdwStatusPage  *empty_page;
};

G_DEFINE_FINAL_TYPE (SeismoNotesView, seismo_notes_view, GTK_TYPE_WIDGET)

enum {
  OPEN_EVENT,
  OPEN_COMPANY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The first lines of a note, as plain text for a subtitle. */
static char *
excerpt (const char *body)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(GStrv) lines = g_strsplit (body, "\n", 6);

  for (guint i = 0; lines[i] != NULL && text->len < 160; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (line[0] == '\0')
        continue;
      if (text->len > 0)
        g_string_append (text, " ");
      g_string_append (text, line);
    }
  if (text->len > 160)
    {
      const char *end = g_utf8_find_prev_char (text->str, text->str + 160);

      g_string_truncate (text, end - text->str);
      g_string_append (text, "…");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
note_row_new (gpointer item,
              gpointer user_data)
{
  SeismoNote *note = SEISMO_NOTE (item);
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *date = seismo_format_date (seismo_note_get_updated (note));
  g_autofree char *text = excerpt (seismo_note_get_body (note));
  g_autofree char *subtitle = NULL;
  GtkWidget *icon;

  subtitle = g_strdup_printf ("%s · %s", date, text);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), seismo_note_get_subject (note) ?: "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  icon = gtk_image_new_from_icon_name (seismo_note_get_company_slug (note) != NULL
                                         ? "system-users-symbolic" : "x-office-calendar-symbolic");
  gtk_widget_set_tooltip_text (icon, seismo_note_get_company_slug (note) != NULL
                                       ? _("A company’s note") : _("An event’s note"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static void
row_activated_cb (SeismoNotesView *self,
                  GtkListBoxRow   *row)
{
  g_autoptr(SeismoNote) note = g_list_model_get_item (G_LIST_MODEL (self->notes),
                                                      gtk_list_box_row_get_index (row));

  if (note == NULL)
    return;
  if (seismo_note_get_company_slug (note) != NULL)
    g_signal_emit (self, signals[OPEN_COMPANY], 0, seismo_note_get_company_slug (note));
  else
    g_signal_emit (self, signals[OPEN_EVENT], 0, seismo_note_get_event_id (note));
}

static gpointer
list_job (SeismoStore  *store,
          gpointer      data,
          GError      **error)
{
  return seismo_store_list_notes (store, data, error);
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SeismoNotesView) self = user_data;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  notes = seismo_store_run_finish (SEISMO_STORE (object), result, &error);
  if (notes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_status_page_set_icon_name (self->empty_page, "dialog-error-symbolic");
      adw_status_page_set_title (self->empty_page, _("Cannot Read the Notes"));
      adw_status_page_set_description (self->empty_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  g_list_store_splice (self->notes, 0, g_list_model_get_n_items (G_LIST_MODEL (self->notes)),
                       notes->pdata, notes->len);
  if (notes->len > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else
    {
      gboolean searching = search[0] != '\0';

      adw_status_page_set_icon_name (self->empty_page, searching ? "system-search-symbolic"
                                                                 : "document-edit-symbolic");
      adw_status_page_set_title (self->empty_page, searching ? _("No Results")
                                                             : _("No Notes Yet"));
      adw_status_page_set_description (self->empty_page,
                                       searching
                                         ? _("No note matches these words")
                                         : _("Notes you write on an event or a company appear here"));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
}

void
seismo_notes_view_reload (SeismoNotesView *self)
{
  const char *search;

  g_return_if_fail (SEISMO_IS_NOTES_VIEW (self));

  if (self->store == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  seismo_store_run_async (self->store, list_job, search[0] != '\0' ? g_strdup (search) : NULL,
                          g_free, (GDestroyNotify) g_ptr_array_unref, self->cancellable, listed_cb,
                          g_object_ref (self));
}

/* Shown again: a note may have been written since. */
static void
seismo_notes_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (seismo_notes_view_parent_class)->map (widget);
  seismo_notes_view_reload (SEISMO_NOTES_VIEW (widget));
}

static void
seismo_notes_view_dispose (GObject *object)
{
  SeismoNotesView *self = SEISMO_NOTES_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->notes);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEISMO_TYPE_NOTES_VIEW);

  G_OBJECT_CLASS (seismo_notes_view_parent_class)->dispose (object);
}

static void
seismo_notes_view_class_init (SeismoNotesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seismo_notes_view_dispose;
  widget_class->map = seismo_notes_view_map;

  signals[OPEN_EVENT] = g_signal_new ("open-event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[OPEN_COMPANY] = g_signal_new ("open-company", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                        G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/seismograph/Seismograph/seismo-notes-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SeismoNotesView, toolbar);
  gtk_widget_class_bind_template_child (widget_class, SeismoNotesView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SeismoNotesView, stack);
  gtk_widget_class_bind_template_child (widget_class, SeismoNotesView, list);
  gtk_widget_class_bind_template_child (widget_class, SeismoNotesView, empty_page);
}

static void
seismo_notes_view_init (SeismoNotesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->notes = g_list_store_new (SEISMO_TYPE_NOTE);
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->notes), note_row_new, NULL, NULL);
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (row_activated_cb), self);
  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (seismo_notes_view_reload), self);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

void
seismo_notes_view_set_store (SeismoNotesView *self,
                             SeismoStore     *store)
{
  g_return_if_fail (SEISMO_IS_NOTES_VIEW (self));

  if (g_set_object (&self->store, store))
    seismo_notes_view_reload (self);
}
