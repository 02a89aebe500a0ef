/* seismo-export-dialog.c — notes to Markdown, with the user's choices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "seismo-export-dialog.h"
#include "seismo-markdown.h"

/* The options of the Markdown export (grouping, one file per company,
 * company, tag and dates), then a file chooser: a file, or a folder when
 * each company gets its own file. The export runs in a worker thread and
 * writes nothing unless it can write everything; a folder that already
 * holds files of the same names is only replaced after the user says so. */
struct _SeismoExportDialog
{
  AdwWindow             parent_instance;

  SeismoStore          *store;
  GPtrArray            *companies;    /* SeismoCompany, in the combo's order after "All" */
  GPtrArray            *tags;         /* SeismoTag, likewise */
  char                 *preset_company;
  GtkFileChooserNative *chooser;

  AdwToastOverlay      *toast_overlay;
  GtkButton            *export_button;
  AdwComboRow          *group_row;
  GtkSwitch            *split_switch;
  AdwComboRow          *company_row;
  AdwComboRow          *tag_row;
  AdwEntryRow          *since_row;
  AdwEntryRow          *until_row;
};

G_DEFINE_FINAL_TYPE (SeismoExportDialog, seismo_export_dialog, ADW_TYPE_WINDOW)

static void
toast (SeismoExportDialog *self,
       const char         *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* Choices */

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
choices_job (SeismoStore  *store,
             gpointer      data,
             GError      **error)
{
  Choices *choices = g_new0 (Choices, 1);

  if ((choices->companies = seismo_store_list_companies (store, 0, error)) == NULL ||
      (choices->tags = seismo_store_list_tags (store, error)) == NULL)
    {
      choices_free (choices);
      return NULL;
    }
  return choices;
}

static void
choices_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SeismoExportDialog) self = user_data;
  g_autoptr(GtkStringList) companies = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) tags = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  Choices *choices;
  guint preset = 0;

  choices = seismo_store_run_finish (SEISMO_STORE (object), result, &error);
  if (choices == NULL)
    {
      toast (self, error->message);
      return;
    }

  gtk_string_list_append (companies, _("All companies"));
  for (guint i = 0; i < choices->companies->len; i++)
    {
      SeismoCompany *company = g_ptr_array_index (choices->companies, i);

      gtk_string_list_append (companies, seismo_company_get_name (company));
      if (g_strcmp0 (seismo_company_get_slug (company), self->preset_company) == 0)
        preset = i + 1;
    }
  gtk_string_list_append (tags, _("All tags"));
  for (guint i = 0; i < choices->tags->len; i++)
    {
      g_autofree char *name = g_strconcat ("#", seismo_tag_get_name (g_ptr_array_index (choices->tags, i)),
                                           NULL);

      gtk_string_list_append (tags, name);
    }

  self->companies = g_steal_pointer (&choices->companies);
  self->tags = g_steal_pointer (&choices->tags);
  choices_free (choices);
  adw_combo_row_set_model (self->company_row, G_LIST_MODEL (companies));
  adw_combo_row_set_model (self->tag_row, G_LIST_MODEL (tags));
  adw_combo_row_set_selected (self->company_row, preset);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), TRUE);
}

/* Exporting */

static gboolean
read_date (AdwEntryRow *row,
           gboolean     end_of_day,
           gint64      *when)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr(GDateTime) date = NULL;
  int y, m, d;

  *when = SEISMO_FILTER_NO_DATE;
  if (text[0] == '\0')
    return TRUE;
  if (sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
      (date = g_date_time_new_local (y, m, d, 0, 0, 0)) == NULL)
    return FALSE;
  if (end_of_day)
    {
      GDateTime *next = g_date_time_add_days (date, 1);

      g_date_time_unref (date);
      date = next;
    }
  *when = g_date_time_to_unix (date);
  return TRUE;
}

static SeismoMarkdownOptions *
read_options (SeismoExportDialog *self)
{
  SeismoMarkdownOptions *options = seismo_markdown_options_new ();
  guint company = adw_combo_row_get_selected (self->company_row);
  guint tag = adw_combo_row_get_selected (self->tag_row);

  options->group = (SeismoMarkdownGroup) adw_combo_row_get_selected (self->group_row);
  options->split = gtk_switch_get_active (self->split_switch);
  if (self->companies != NULL && company > 0 && company <= self->companies->len)
    options->company = g_strdup (seismo_company_get_slug (g_ptr_array_index (self->companies,
                                                                             company - 1)));
  if (self->tags != NULL && tag > 0 && tag <= self->tags->len)
    options->tag = g_strdup (seismo_tag_get_name (g_ptr_array_index (self->tags, tag - 1)));
  read_date (self->since_row, FALSE, &options->since);
  read_date (self->until_row, TRUE, &options->until);
  return options;
}

static void export_to (SeismoExportDialog    *self,
                       const char            *path,
                       SeismoMarkdownOptions *options);

typedef struct
{
  SeismoExportDialog    *self;
  char                  *path;
  SeismoMarkdownOptions *options;
} Pending;

static void
pending_free (Pending *pending)
{
  g_object_unref (pending->self);
  g_free (pending->path);
  seismo_markdown_options_free (pending->options);
  g_free (pending);
}

static void
replace_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Pending          *pending)
{
  if (g_strcmp0 (response, "replace") == 0)
    {
      pending->options->overwrite = TRUE;
      export_to (pending->self, pending->path, pending->options);
    }
}

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Pending *pending = user_data;
  SeismoExportDialog *self = pending->self;
  g_autoptr(GError) error = NULL;
  guint n_notes = 0, n_files = 0;

  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), TRUE);
  if (!seismo_markdown_export_finish (SEISMO_STORE (object), result, &n_notes, &n_files, &error))
    {
      if (g_error_matches (error, SEISMO_MARKDOWN_ERROR, SEISMO_MARKDOWN_ERROR_EXISTS))
        {
          GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Replace the Files?"),
                                                      error->message);

          adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                            "replace", _("_Replace"), NULL);
          adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                                      ADW_RESPONSE_DESTRUCTIVE);
          adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
          g_signal_connect_data (dialog, "response", G_CALLBACK (replace_response_cb), pending,
                                 (GClosureNotify) (void (*) (void)) pending_free, 0);
          gtk_window_present (GTK_WINDOW (dialog));
          return;
        }
      toast (self, error->message);
      pending_free (pending);
      return;
    }

  {
    g_autofree char *message = NULL;
    GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

    message = n_files > 1
      ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u note to %u files",
                                      "Exported %u notes to %u files", n_notes), n_notes, n_files)
      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u note", "Exported %u notes",
                                      n_notes), n_notes);
    pending_free (pending);
    /* Done: tell the window, which outlives this dialog. */
    if (parent != NULL)
      gtk_widget_activate_action (GTK_WIDGET (parent), "win.toast", "s", message);
    gtk_window_close (GTK_WINDOW (self));
  }
}

static void
export_to (SeismoExportDialog    *self,
           const char            *path,
           SeismoMarkdownOptions *options)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->self = g_object_ref (self);
  pending->path = g_strdup (path);
  pending->options = seismo_markdown_options_copy (options);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
  seismo_markdown_export_async (self->store, pending->options, pending->path, NULL, exported_cb,
                                pending);
}

static void
chooser_response_cb (SeismoExportDialog *self,
                     int                 response)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(SeismoMarkdownOptions) options = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      toast (self, _("Choose a local file or folder"));
      return;
    }
  options = read_options (self);
  export_to (self, path, options);
}

static void
export_clicked_cb (SeismoExportDialog *self)
{
  gboolean split = gtk_switch_get_active (self->split_switch);
  gint64 since, until;

  if (!read_date (self->since_row, FALSE, &since) || !read_date (self->until_row, TRUE, &until))
    {
      toast (self, _("Write dates as YYYY-MM-DD, for example 2025-01-20"));
      return;
    }

  self->chooser = gtk_file_chooser_native_new (split ? _("Export Notes to a Folder")
                                                     : _("Export Notes"),
                                               GTK_WINDOW (self),
                                               split ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                     : GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (!split)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("notes.md"));
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
seismo_export_dialog_dispose (GObject *object)
{
  SeismoExportDialog *self = SEISMO_EXPORT_DIALOG (object);

  g_clear_object (&self->chooser);
  g_clear_object (&self->store);
  g_clear_pointer (&self->companies, g_ptr_array_unref);
  g_clear_pointer (&self->tags, g_ptr_array_unref);

  G_OBJECT_CLASS (seismo_export_dialog_parent_class)->dispose (object);
}

static void
seismo_export_dialog_finalize (GObject *object)
{
  g_free (SEISMO_EXPORT_DIALOG (object)->preset_company);

  G_OBJECT_CLASS (seismo_export_dialog_parent_class)->finalize (object);
}

static void
seismo_export_dialog_class_init (SeismoExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seismo_export_dialog_dispose;
  object_class->finalize = seismo_export_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/seismograph/Seismograph/seismo-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SeismoExportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SeismoExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, SeismoExportDialog, group_row);
  gtk_widget_class_bind_template_child (widget_class, SeismoExportDialog, split_switch);
  gtk_widget_class_bind_template_child (widget_class, SeismoExportDialog, company_row);
  gtk_widget_class_bind_template_child (widget_class, SeismoExportDialog, tag_row);
  gtk_widget_class_bind_template_child (widget_class, SeismoExportDialog, since_row);
  gtk_widget_class_bind_template_child (widget_class, SeismoExportDialog, until_row);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
seismo_export_dialog_init (SeismoExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (export_clicked_cb), self);
}

/**
 * seismo_export_dialog_new:
 * @company: (nullable): a company slug to preselect ("Export this
 *   company's notes")
 */
SeismoExportDialog *
seismo_export_dialog_new (GtkWindow   *parent,
                          SeismoStore *store,
                          const char  *company)
{
  SeismoExportDialog *self = g_object_new (SEISMO_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  self->preset_company = g_strdup (company);
  seismo_store_run_async (store, choices_job, NULL, NULL, choices_free, NULL, choices_cb,
                          g_object_ref (self));
  return self;
}
