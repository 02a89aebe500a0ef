/* seismo-event-detail.c — everything about one event, and the user's note
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "seismo-event-detail.h"
#include "seismo-format.h"
#include "seismo-ui-util.h"

/* The detail pane shows the selected event with every item that reported
 * it, its summary, its companies and tags (which the user can change) and
 * the note editor. The note is saved a moment after typing stops, when
 * another event is shown, and when the pane goes away: a note is never
 * lost. Every edit goes to the store in a worker thread; the list row of
 * the event is updated in place. */

#define NOTE_SAVE_DELAY_MS 700

struct _SeismoEventDetail
{
  GtkWidget      parent_instance;

  SeismoStore   *store;
  SeismoEvent   *row_event;   /* the list's object, kept in step */
  SeismoEvent   *event;       /* the full event, with items */
  GCancellable  *cancellable;
  GListStore    *tag_names;   /* for completion */
  GListStore    *companies;   /* of SeismoCompany, for "Add a company" */
  GtkFilterListModel *company_matches; /* those the search finds */
  GtkCustomFilter *company_filter;
  guint          note_timeout;
  gboolean       note_dirty;
  gboolean       filling;

  GtkStack      *stack;
  GtkButton     *back_button;
  GtkToggleButton *read_button;
  GtkToggleButton *star_button;
  GtkButton     *open_button;
  GtkScrolledWindow *scrolled;
  GtkLabel      *title_label;
  GtkLabel      *meta_label;
  GtkLabel      *summary_label;
  GtkListBox    *items_list;
  GtkFlowBox    *companies_box;
  GtkFlowBox    *tags_box;
  GtkBox        *companies_heading;
  GtkBox        *tags_heading;
  GtkLabel      *note_status;
  GtkTextView   *note_view;
  GtkWidget     *add_company_button;
  GtkWidget     *company_list;
  GtkWidget     *company_search;
  GtkWidget     *tag_entry;
};

G_DEFINE_FINAL_TYPE (SeismoEventDetail, seismo_event_detail, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum
{
  EDIT_READ,
  EDIT_STAR,
  EDIT_ADD_COMPANY,
  EDIT_REMOVE_COMPANY,
  EDIT_ADD_TAG,
  EDIT_REMOVE_TAG,
  EDIT_NOTE,
  EDIT_NONE,
} EditKind;

typedef struct
{
  EditKind  kind;
  gint64    event_id;
  gboolean  value;
  char     *text;
} Edit;

static void
edit_free (gpointer data)
{
  Edit *edit = data;

  g_free (edit->text);
  g_free (edit);
}

/* Applies one edit and reads the event back, so the pane shows what the
 * store now holds. */
static gpointer
edit_job (SeismoStore  *store,
          gpointer      data,
          GError      **error)
{
  Edit *edit = data;
  gboolean ok = TRUE;

  switch (edit->kind)
    {
    case EDIT_READ:
      ok = seismo_store_set_event_flag (store, edit->event_id, SEISMO_EVENT_FLAG_READ,
                                        edit->value, error);
      break;
    case EDIT_STAR:
      ok = seismo_store_set_event_flag (store, edit->event_id, SEISMO_EVENT_FLAG_STARRED,
                                        edit->value, error);
      break;
    case EDIT_ADD_COMPANY:
      ok = seismo_store_add_event_company (store, edit->event_id, edit->text, error);
      break;
    case EDIT_REMOVE_COMPANY:
      ok = seismo_store_remove_event_company (store, edit->event_id, edit->text, error);
      break;
    case EDIT_ADD_TAG:
      ok = seismo_store_add_event_tag (store, edit->event_id, edit->text, error);
      break;
    case EDIT_REMOVE_TAG:
      ok = seismo_store_remove_event_tag (store, edit->event_id, edit->text, error);
      break;
    case EDIT_NOTE:
      ok = seismo_store_set_note (store, edit->event_id, NULL, edit->text, error);
      break;
    case EDIT_NONE:
    default:
      break;
    }
  if (!ok)
    return NULL;
  return seismo_store_get_event (store, edit->event_id, error);
}

static void fill (SeismoEventDetail *self);

static void
edit_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SeismoEventDetail) self = user_data;
  g_autoptr(SeismoEvent) event = NULL;
  g_autoptr(GError) error = NULL;

  event = seismo_store_run_finish (SEISMO_STORE (object), result, &error);
  if (event == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        seismo_ui_show_error (GTK_WIDGET (self), _("The change was not saved"), error);
      return;
    }

  /* Only if the pane still shows this event. */
  if (self->event == NULL || seismo_event_get_id (self->event) != seismo_event_get_id (event))
    return;

  g_set_object (&self->event, event);
  if (self->row_event != NULL)
    {
      seismo_event_set_read (self->row_event, seismo_event_get_read (event));
      seismo_event_set_starred (self->row_event, seismo_event_get_starred (event));
      seismo_event_set_has_note (self->row_event, seismo_event_get_has_note (event));
      seismo_event_update_labels (self->row_event, event);
    }
  fill (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
run_edit (SeismoEventDetail *self,
          EditKind           kind,
          gboolean           value,
          const char        *text)
{
  Edit *edit;

  if (self->store == NULL || self->event == NULL)
    return;
  edit = g_new0 (Edit, 1);
  edit->kind = kind;
  edit->event_id = seismo_event_get_id (self->event);
  edit->value = value;
  edit->text = g_strdup (text);
  seismo_store_run_async (self->store, edit_job, edit, edit_free, g_object_unref, NULL,
                          edit_done_cb, g_object_ref (self));
}

/* Notes */

static char *
note_text (SeismoEventDetail *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
note_saved_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SeismoEventDetail) self = user_data;
  g_autoptr(SeismoEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  GApplication *app = g_application_get_default ();

  event = seismo_store_run_finish (SEISMO_STORE (object), result, &error);
  if (app != NULL)
    g_application_release (app);

  if (event == NULL)
    {
      if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
        {
          gtk_label_set_text (self->note_status, _("Not saved"));
          seismo_ui_show_error (GTK_WIDGET (self), _("The note was not saved"), error);
        }
      else
        g_warning ("The note was not saved: %s", error->message);
      return;
    }

  if (self->row_event != NULL &&
      seismo_event_get_id (self->row_event) == seismo_event_get_id (event))
    seismo_event_set_has_note (self->row_event, seismo_event_get_has_note (event));
  if (self->event != NULL && seismo_event_get_id (self->event) == seismo_event_get_id (event) &&
      !self->note_dirty)
    gtk_label_set_text (self->note_status, _("Saved"));
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * seismo_event_detail_save_note:
 *
 * Saves the note now if it has unsaved changes. The application is held
 * until the save is done, so closing the window cannot lose it.
 */
void
seismo_event_detail_save_note (SeismoEventDetail *self)
{
  GApplication *app = g_application_get_default ();
  Edit *edit;

  g_return_if_fail (SEISMO_IS_EVENT_DETAIL (self));

  g_clear_handle_id (&self->note_timeout, g_source_remove);
  if (!self->note_dirty || self->store == NULL || self->event == NULL)
    return;

  self->note_dirty = FALSE;
  edit = g_new0 (Edit, 1);
  edit->kind = EDIT_NOTE;
  edit->event_id = seismo_event_get_id (self->event);
  edit->text = note_text (self);
  if (app != NULL)
    g_application_hold (app);
  gtk_label_set_text (self->note_status, _("Saving…"));
  seismo_store_run_async (self->store, edit_job, edit, edit_free, g_object_unref, NULL,
                          note_saved_cb, g_object_ref (self));
}

static gboolean
note_timeout_cb (gpointer user_data)
{
  SeismoEventDetail *self = user_data;

  self->note_timeout = 0;
  seismo_event_detail_save_note (self);
  return G_SOURCE_REMOVE;
}

static void
note_changed_cb (SeismoEventDetail *self)
{
  if (self->filling)
    return;
  self->note_dirty = TRUE;
  gtk_label_set_text (self->note_status, _("Edited"));
  g_clear_handle_id (&self->note_timeout, g_source_remove);
  self->note_timeout = g_timeout_add (NOTE_SAVE_DELAY_MS, note_timeout_cb, self);
}

/* Chips */

static void
remove_chip_clicked_cb (GtkButton *button,
                        gpointer   user_data)
{
  SeismoEventDetail *self = SEISMO_EVENT_DETAIL (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                                          SEISMO_TYPE_EVENT_DETAIL));
  const char *value = user_data;

  if (gtk_widget_is_ancestor (GTK_WIDGET (button), GTK_WIDGET (self->companies_box)))
    run_edit (self, EDIT_REMOVE_COMPANY, FALSE, value);
  else
    run_edit (self, EDIT_REMOVE_TAG, FALSE, value);
}

static GtkWidget *
chip_new (const char *label,
          const char *value,
          const char *css_class)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *text = gtk_label_new (label);
  GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");
  g_autofree char *remove_name = g_strdup_printf (_("Remove %s"), label);

  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 28);
  gtk_widget_add_css_class (box, "chip");
  gtk_widget_add_css_class (box, css_class);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "circular");
  gtk_widget_add_css_class (remove, "chip-remove");
  gtk_widget_set_tooltip_text (remove, remove_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_name, -1);
  g_signal_connect_data (remove, "clicked", G_CALLBACK (remove_chip_clicked_cb), g_strdup (value),
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), remove);
  return box;
}

static void
clear_flow (GtkFlowBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_flow_box_remove (box, child);
}

/* Items */

static void
item_activated_cb (AdwActionRow *row,
                   gpointer      user_data)
{
  seismo_ui_open_uri (GTK_WIDGET (row), user_data);
}

typedef struct
{
  SeismoEventDetail *self;
  gint64             item_id;
} Split;

static gpointer
split_job (SeismoStore  *store,
           gpointer      data,
           GError      **error)
{
  gint64 *event_id = g_new0 (gint64, 1);

  if (!seismo_store_split_item (store, ((Split *) data)->item_id, event_id, error))
    {
      g_free (event_id);
      return NULL;
    }
  return event_id;
}

static void
split_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SeismoEventDetail) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *event_id = seismo_store_run_finish (SEISMO_STORE (object), result, &error);

  if (event_id == NULL)
    {
      seismo_ui_show_error (GTK_WIDGET (self), _("Cannot split the event"), error);
      return;
    }
  seismo_ui_show_toast (GTK_WIDGET (self), _("The report is now an event of its own"));
  /* The timeline reloads; this pane keeps the event it shows, re-read. */
  g_signal_emit (self, signals[CHANGED], 0);
  g_signal_emit_by_name (self, "reload-list");
  if (self->event != NULL)
    {
      g_autoptr(SeismoEvent) shown = g_object_ref (self->event);

      seismo_event_detail_show (self, shown);
    }
}

static void
split_clicked_cb (GtkButton *button,
                  Split     *split)
{
  if (split->self->store == NULL)
    return;
  seismo_store_run_async (split->self->store, split_job, g_memdup2 (split, sizeof *split), g_free,
                          g_free, NULL, split_done_cb, g_object_ref (split->self));
}

static GtkWidget *
item_row_new (SeismoEventDetail *self,
              SeismoEventItem   *item,
              gboolean           time_known,
              gboolean           can_split)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GString) subtitle = g_string_new (item->source);

  /* Source · outlet or author · date */
  if (item->author != NULL && item->author[0] != '\0')
    g_string_append_printf (subtitle, " · %s", item->author);
  if (item->published != G_MININT64)
    {
      g_autofree char *when = time_known ? seismo_format_date_time (item->published)
                                         : seismo_format_date (item->published);

      g_string_append_printf (subtitle, " · %s", when);
    }

  /* Feed text is never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 item->title != NULL && item->title[0] != '\0' ? item->title
                                                                               : _("Untitled"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  if (seismo_ui_uri_is_web (item->url))
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("adw-external-link-symbolic");

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, item->url);
      g_signal_connect_data (row, "activated", G_CALLBACK (item_activated_cb),
                             g_strdup (item->url), (GClosureNotify) (void (*) (void)) g_free, 0);
    }
  if (can_split)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("edit-cut-symbolic");
      Split *split = g_new0 (Split, 1);

      split->self = self;
      split->item_id = item->id;
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Make this report an event of its own"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Split this report off"), -1);
      g_signal_connect_data (button, "clicked", G_CALLBACK (split_clicked_cb), split,
                             (GClosureNotify) (void (*) (void)) g_free, 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

static void
fill (SeismoEventDetail *self)
{
  SeismoEvent *event = self->event;
  const char * const *slugs = seismo_event_get_companies (event);
  const char * const *names = seismo_event_get_company_names (event);
  const char * const *tags = seismo_event_get_tags (event);
  GPtrArray *items = seismo_event_get_items (event);
  g_autofree char *date = NULL;
  g_autofree char *meta = NULL;
  GtkWidget *child;

  self->filling = TRUE;

  gtk_label_set_text (self->title_label, seismo_event_get_title (event)[0] != '\0'
                                           ? seismo_event_get_title (event) : _("Untitled"));
  if (!seismo_event_get_dated (event))
    date = g_strdup (_("No date"));
  else if (seismo_event_get_time_known (event))
    date = seismo_format_date_time (seismo_event_get_published (event));
  else
    date = seismo_format_day (seismo_event_get_published (event), 0);
  meta = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u source", "%s · %u sources",
                                       seismo_event_get_sources_count (event)),
                          date, seismo_event_get_sources_count (event));
  gtk_label_set_text (self->meta_label, meta);
  gtk_label_set_text (self->summary_label, seismo_event_get_summary (event) ?: "");
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label),
                          seismo_event_get_summary (event) != NULL &&
                          seismo_event_get_summary (event)[0] != '\0');

  gtk_toggle_button_set_active (self->read_button, seismo_event_get_read (event));
  gtk_toggle_button_set_active (self->star_button, seismo_event_get_starred (event));
  gtk_button_set_icon_name (GTK_BUTTON (self->star_button),
                            seismo_event_get_starred (event) ? "starred-symbolic"
                                                             : "non-starred-symbolic");
  gtk_widget_set_sensitive (GTK_WIDGET (self->open_button),
                            seismo_ui_uri_is_web (seismo_event_get_url (event)));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->items_list))) != NULL)
    gtk_list_box_remove (self->items_list, child);
  for (guint i = 0; items != NULL && i < items->len; i++)
    gtk_list_box_append (self->items_list, item_row_new (self, g_ptr_array_index (items, i),
                                                         seismo_event_get_time_known (event),
                                                         items->len > 1));
  gtk_widget_set_visible (GTK_WIDGET (self->items_list), items != NULL && items->len > 0);

  clear_flow (self->companies_box);
  for (guint i = 0; slugs[i] != NULL; i++)
    gtk_flow_box_append (self->companies_box, chip_new (names[i], slugs[i], "company-chip"));
  gtk_widget_set_visible (GTK_WIDGET (self->companies_box), slugs[0] != NULL);

  clear_flow (self->tags_box);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      g_autofree char *label = g_strconcat ("#", tags[i], NULL);

      g_autofree char *klass = seismo_ui_tag_class (tags[i]);
      GtkWidget *chip = chip_new (label, tags[i], "tag-chip");

      gtk_widget_add_css_class (chip, klass);
      gtk_flow_box_append (self->tags_box, chip);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->tags_box), tags[0] != NULL);

  self->filling = FALSE;
}

static void
fill_note (SeismoEventDetail *self)
{
  self->filling = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view),
                            seismo_event_get_note (self->event) ?: "", -1);
  gtk_label_set_text (self->note_status, "");
  self->filling = FALSE;
}

static void
event_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SeismoEventDetail) self = user_data;
  g_autoptr(SeismoEvent) event = NULL;
  g_autoptr(GError) error = NULL;

  event = seismo_store_run_finish (SEISMO_STORE (object), result, &error);
  if (event == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        seismo_ui_show_error (GTK_WIDGET (self), _("Cannot show the event"), error);
      return;
    }
  g_set_object (&self->event, event);
  fill (self);
  fill_note (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);
  gtk_stack_set_visible_child_name (self->stack, "event");
}

static gpointer
read_event_job (SeismoStore  *store,
                gpointer      data,
                GError      **error)
{
  return seismo_store_get_event (store, *(gint64 *) data, error);
}

/* Flags */

static void
read_toggled_cb (SeismoEventDetail *self)
{
  if (self->filling || self->event == NULL)
    return;
  if (self->row_event != NULL)
    seismo_event_set_read (self->row_event, gtk_toggle_button_get_active (self->read_button));
  run_edit (self, EDIT_READ, gtk_toggle_button_get_active (self->read_button), NULL);
}

static void
star_toggled_cb (SeismoEventDetail *self)
{
  gboolean starred = gtk_toggle_button_get_active (self->star_button);

  gtk_button_set_icon_name (GTK_BUTTON (self->star_button),
                            starred ? "starred-symbolic" : "non-starred-symbolic");
  if (self->filling || self->event == NULL)
    return;
  if (self->row_event != NULL)
    seismo_event_set_starred (self->row_event, starred);
  run_edit (self, EDIT_STAR, starred, NULL);
}

static void
open_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SeismoEventDetail *self = SEISMO_EVENT_DETAIL (widget);

  if (self->event != NULL)
    seismo_ui_open_uri (widget, seismo_event_get_url (self->event));
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  g_signal_emit_by_name (widget, "back");
}

/* Adding companies and tags */

typedef struct
{
  GPtrArray *companies;
  GPtrArray *tags;
} Choices;

static void
choices_free (gpointer data)
{
  Choices *choices = data;

  g_clear_pointer (&choices->companies, g_ptr_array_unref);
  g_clear_pointer (&choices->tags, g_ptr_array_unref);
  g_free (choices);
}

static gpointer
read_choices_job (SeismoStore  *store,
                  gpointer      data,
                  GError      **error)
{
  Choices *choices = g_new0 (Choices, 1);

  choices->companies = seismo_store_list_companies (store, g_get_real_time () / G_USEC_PER_SEC,
                                                    error);
  if (choices->companies != NULL)
    choices->tags = seismo_store_list_tags (store, error);
  if (choices->tags == NULL)
    {
      choices_free (choices);
      return NULL;
    }
  return choices;
}

static void
company_chosen_cb (GtkListBox    *list,
                   GtkListBoxRow *row,
                   gpointer       user_data)
{
  SeismoEventDetail *self = user_data;
  g_autoptr(SeismoCompany) company = g_list_model_get_item (G_LIST_MODEL (self->company_matches),
                                                            gtk_list_box_row_get_index (row));

  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->add_company_button));
  if (company != NULL)
    run_edit (self, EDIT_ADD_COMPANY, FALSE, seismo_company_get_slug (company));
}

static GtkWidget *
company_row_new (gpointer item,
                 gpointer user_data)
{
  GtkWidget *label = gtk_label_new (seismo_company_get_name (SEISMO_COMPANY (item)));
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  return row;
}

static void
choices_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SeismoEventDetail) self = user_data;
  g_autoptr(GError) error = NULL;
  Choices *choices = seismo_store_run_finish (SEISMO_STORE (object), result, &error);

  if (choices == NULL)
    return;

  g_list_store_splice (self->companies, 0, g_list_model_get_n_items (G_LIST_MODEL (self->companies)),
                       choices->companies->pdata, choices->companies->len);

  g_list_store_remove_all (self->tag_names);
  for (guint i = 0; i < choices->tags->len; i++)
    {
      g_autoptr(GtkStringObject) name =
        gtk_string_object_new (seismo_tag_get_name (g_ptr_array_index (choices->tags, i)));

      g_list_store_append (self->tag_names, name);
    }
  choices_free (choices);
}

static void
load_choices (SeismoEventDetail *self)
{
  if (self->store != NULL)
    seismo_store_run_async (self->store, read_choices_job, NULL, NULL, choices_free, NULL,
                            choices_read_cb, g_object_ref (self));
}

static gboolean
company_filter_func (gpointer item,
                     gpointer user_data)
{
  SeismoEventDetail *self = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->company_search));
  g_autofree char *haystack = NULL;
  g_autofree char *needle = NULL;

  if (text[0] == '\0')
    return TRUE;
  haystack = g_utf8_casefold (seismo_company_get_name (SEISMO_COMPANY (item)), -1);
  needle = g_utf8_casefold (text, -1);
  return strstr (haystack, needle) != NULL;
}

static void
company_search_changed_cb (SeismoEventDetail *self)
{
  gtk_filter_changed (GTK_FILTER (self->company_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
tag_entry_activate_cb (SeismoEventDetail *self)
{
  g_autofree char *tag = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->tag_entry))));

  if (tag[0] == '\0')
    return;
  run_edit (self, EDIT_ADD_TAG, FALSE, tag);
  gtk_editable_set_text (GTK_EDITABLE (self->tag_entry), "");
}

static void
build_adders (SeismoEventDetail *self)
{
  GtkWidget *popover_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *content = adw_button_content_new ();
  GtkEntryCompletion *completion;
  GtkListStore *store;

  /* "+ Company": a searchable list of every company. */
  self->company_search = gtk_search_entry_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->company_search),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search companies"), -1);
  self->company_filter = gtk_custom_filter_new (company_filter_func, self, NULL);
  self->company_matches = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->companies)),
                                                     GTK_FILTER (g_object_ref (self->company_filter)));
  self->company_list = gtk_list_box_new ();
  gtk_list_box_bind_model (GTK_LIST_BOX (self->company_list), G_LIST_MODEL (self->company_matches),
                           company_row_new, NULL, NULL);
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (self->company_list), TRUE);
  gtk_widget_add_css_class (self->company_list, "navigation-sidebar");
  g_signal_connect (self->company_list, "row-activated", G_CALLBACK (company_chosen_cb), self);
  g_signal_connect_swapped (self->company_search, "search-changed",
                            G_CALLBACK (company_search_changed_cb), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->company_list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 260);
  gtk_box_append (GTK_BOX (popover_box), self->company_search);
  gtk_box_append (GTK_BOX (popover_box), scrolled);
  gtk_popover_set_child (GTK_POPOVER (popover), popover_box);

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Company"));
  self->add_company_button = gtk_menu_button_new ();
  gtk_menu_button_set_child (GTK_MENU_BUTTON (self->add_company_button), content);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->add_company_button), popover);
  gtk_widget_add_css_class (self->add_company_button, "flat");
  gtk_widget_set_tooltip_text (self->add_company_button, _("Add a company"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_company_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add a company"), -1);
  gtk_box_append (self->companies_heading, self->add_company_button);

  /* A tag entry that completes existing tags; a new name makes a new tag. */
  self->tag_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->tag_entry), _("Add tag…"));
  gtk_editable_set_width_chars (GTK_EDITABLE (self->tag_entry), 14);
  gtk_entry_set_icon_from_icon_name (GTK_ENTRY (self->tag_entry), GTK_ENTRY_ICON_PRIMARY,
                                     "list-add-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->tag_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Add a tag"), -1);
  store = gtk_list_store_new (1, G_TYPE_STRING);
  completion = gtk_entry_completion_new ();
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (store));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_inline_completion (completion, TRUE);
  gtk_entry_set_completion (GTK_ENTRY (self->tag_entry), completion);
  g_object_unref (completion);
  g_object_unref (store);
  g_signal_connect_swapped (self->tag_entry, "activate", G_CALLBACK (tag_entry_activate_cb), self);
  gtk_box_append (self->tags_heading, self->tag_entry);
}

/* Keeps the completion's GtkListStore in step with the tag names. */
static void
tag_names_changed_cb (SeismoEventDetail *self)
{
  GtkEntryCompletion *completion = gtk_entry_get_completion (GTK_ENTRY (self->tag_entry));
  GtkListStore *store = GTK_LIST_STORE (gtk_entry_completion_get_model (completion));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tag_names));

  gtk_list_store_clear (store);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkStringObject) name = g_list_model_get_item (G_LIST_MODEL (self->tag_names), i);

      gtk_list_store_insert_with_values (store, NULL, -1, 0, gtk_string_object_get_string (name), -1);
    }
}

static void
seismo_event_detail_dispose (GObject *object)
{
  SeismoEventDetail *self = SEISMO_EVENT_DETAIL (object);

  seismo_event_detail_save_note (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->row_event);
  g_clear_object (&self->event);
  g_clear_object (&self->store);
  g_clear_object (&self->tag_names);
  g_clear_object (&self->company_matches);
  g_clear_object (&self->company_filter);
  g_clear_object (&self->companies);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEISMO_TYPE_EVENT_DETAIL);

  G_OBJECT_CLASS (seismo_event_detail_parent_class)->dispose (object);
}

static void
seismo_event_detail_class_init (SeismoEventDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seismo_event_detail_dispose;

  /**
   * SeismoEventDetail::changed:
   *
   * The user changed the event (flags, companies, tags or note).
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * SeismoEventDetail::back:
   *
   * On a narrow window, the user asked to go back to the list.
   */
  g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 0);
  /**
   * SeismoEventDetail::reload-list:
   *
   * The events themselves changed (a split): the list must be read again.
   */
  g_signal_new ("reload-list", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/seismograph/Seismograph/seismo-event-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, SeismoEventDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, SeismoEventDetail, back_button);
  gtk_widget_class_bind_template_child (widget_class, SeismoEventDetail, read_button);
  gtk_widget_class_bind_template_child (widget_class, SeismoEventDetail, star_button);
  gtk_widget_class_bind_template_child (widget_class, SeismoEventDetail, open_button);
  gtk_widget_class_bind_template_child (widget_class, SeismoEventDetail, scrolled);
  gtk_widget_class_bind_template_child (widget_class, SeismoEventDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, SeismoEventDetail, meta_label);
  gtk_widget_class_bind_template_child (widget_class, SeismoEventDetail, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SeismoEventDetail, items_list);
  gtk_widget_class_bind_template_child (widget_class, SeismoEventDetail, companies_box);
  gtk_widget_class_bind_template_child (widget_class, SeismoEventDetail, tags_box);
  gtk_widget_class_bind_template_child (widget_class, SeismoEventDetail, companies_heading);
  gtk_widget_class_bind_template_child (widget_class, SeismoEventDetail, tags_heading);
  gtk_widget_class_bind_template_child (widget_class, SeismoEventDetail, note_status);
  gtk_widget_class_bind_template_child (widget_class, SeismoEventDetail, note_view);
  gtk_widget_class_install_action (widget_class, "detail.open", NULL, open_activated);
  gtk_widget_class_install_action (widget_class, "detail.back", NULL, back_activated);
  gtk_widget_class_set_css_name (widget_class, "eventdetail");
}

static void
seismo_event_detail_init (SeismoEventDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->tag_names = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  self->companies = g_list_store_new (SEISMO_TYPE_COMPANY);
  build_adders (self);
  g_signal_connect_swapped (self->tag_names, "items-changed", G_CALLBACK (tag_names_changed_cb),
                            self);
  g_signal_connect_swapped (self->read_button, "toggled", G_CALLBACK (read_toggled_cb), self);
  g_signal_connect_swapped (self->star_button, "toggled", G_CALLBACK (star_toggled_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->note_view), "changed",
                            G_CALLBACK (note_changed_cb), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->read_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Read"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->star_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Star"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->open_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open in browser"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->back_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back"), -1);
}

GtkWidget *
seismo_event_detail_new (void)
{
  return g_object_new (SEISMO_TYPE_EVENT_DETAIL, NULL);
}

void
seismo_event_detail_set_store (SeismoEventDetail *self,
                               SeismoStore       *store)
{
  g_return_if_fail (SEISMO_IS_EVENT_DETAIL (self));

  if (g_set_object (&self->store, store))
    load_choices (self);
}

/**
 * seismo_event_detail_show:
 * @event: (nullable): the list's event, or NULL for none
 *
 * Shows an event: the previous one's note is saved first.
 */
void
seismo_event_detail_show (SeismoEventDetail *self,
                          SeismoEvent       *event)
{
  gint64 *id;

  g_return_if_fail (SEISMO_IS_EVENT_DETAIL (self));

  seismo_event_detail_save_note (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  g_set_object (&self->row_event, event);
  g_clear_object (&self->event);
  if (event == NULL || seismo_event_get_placeholder (event) || self->store == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  self->cancellable = g_cancellable_new ();
  id = g_new (gint64, 1);
  *id = seismo_event_get_id (event);
  seismo_store_run_async (self->store, read_event_job, id, g_free, g_object_unref,
                          self->cancellable, event_read_cb, g_object_ref (self));
}

SeismoEvent *
seismo_event_detail_get_event (SeismoEventDetail *self)
{
  g_return_val_if_fail (SEISMO_IS_EVENT_DETAIL (self), NULL);
  return self->event;
}

void
seismo_event_detail_set_narrow (SeismoEventDetail *self,
                                gboolean           narrow)
{
  g_return_if_fail (SEISMO_IS_EVENT_DETAIL (self));
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), narrow);
}

/* For the keyboard: s stars, m toggles read. */
void
seismo_event_detail_toggle (SeismoEventDetail *self,
                            SeismoEventFlag    flag)
{
  GtkToggleButton *button;

  g_return_if_fail (SEISMO_IS_EVENT_DETAIL (self));

  if (self->event == NULL)
    return;
  button = flag == SEISMO_EVENT_FLAG_STARRED ? self->star_button : self->read_button;
  gtk_toggle_button_set_active (button, !gtk_toggle_button_get_active (button));
}

/* Called after the list marked the shown event read on its own. */
void
seismo_event_detail_sync_flags (SeismoEventDetail *self)
{
  g_return_if_fail (SEISMO_IS_EVENT_DETAIL (self));

  if (self->row_event == NULL || self->event == NULL)
    return;
  self->filling = TRUE;
  gtk_toggle_button_set_active (self->read_button, seismo_event_get_read (self->row_event));
  self->filling = FALSE;
}

/* What the user types into: the tests type here too. */
GtkTextBuffer *
seismo_event_detail_get_note_buffer (SeismoEventDetail *self)
{
  g_return_val_if_fail (SEISMO_IS_EVENT_DETAIL (self), NULL);
  return gtk_text_view_get_buffer (self->note_view);
}

guint
seismo_event_detail_get_n_item_rows (SeismoEventDetail *self)
{
  guint n = 0;

  g_return_val_if_fail (SEISMO_IS_EVENT_DETAIL (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->items_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += GTK_IS_LIST_BOX_ROW (child);
  return n;
}
