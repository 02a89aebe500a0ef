/* seismo-sources-dialog.c — add, switch off and remove sources, see their errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "seismo-format.h"
#include "seismo-probe.h"
#include "seismo-sources-dialog.h"

/* Every source by folder, with what its last fetch gave: the readable
 * error of a failing one, or how many items it brought. Adding fetches
 * the address once to learn what it is (a web page is followed to its
 * feed); nothing is stored if that fails, and the user is told why. */
struct _SeismoSourcesDialog
{
  AdwWindow            parent_instance;

  SeismoStore         *store;
  SeismoFetcher       *fetcher;
  GCancellable        *cancellable;
  GPtrArray           *groups;   /* the folder groups shown now */

  AdwToastOverlay     *toast_overlay;
  GtkToggleButton     *errors_button;
  AdwPreferencesPage  *page;
  AdwEntryRow         *url_row;
  GtkSpinner          *add_spinner;
};

G_DEFINE_FINAL_TYPE (SeismoSourcesDialog, seismo_sources_dialog, ADW_TYPE_WINDOW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void reload (SeismoSourcesDialog *self);

static void
toast (SeismoSourcesDialog *self,
       const char          *message)
{
  AdwToast *t = adw_toast_new (message);

  adw_toast_set_timeout (t, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

/* Store jobs */

typedef struct
{
  gint64        id;
  gboolean      enabled;
  SeismoSource *source;  /* to add */
} Change;

static void
change_free (gpointer data)
{
  Change *change = data;

  g_clear_object (&change->source);
  g_free (change);
}

static gpointer
enable_job (SeismoStore  *store,
            gpointer      data,
            GError      **error)
{
  Change *change = data;

  return seismo_store_set_source_enabled (store, change->id, change->enabled, error)
           ? GINT_TO_POINTER (TRUE) : NULL;
}

static gpointer
remove_job (SeismoStore  *store,
            gpointer      data,
            GError      **error)
{
  return seismo_store_remove_source (store, ((Change *) data)->id, error)
           ? GINT_TO_POINTER (TRUE) : NULL;
}

static gpointer
add_job (SeismoStore  *store,
         gpointer      data,
         GError      **error)
{
  gint64 id = seismo_store_add_source (store, ((Change *) data)->source, error);

  return id != 0 ? GINT_TO_POINTER (TRUE) : NULL;
}

static gpointer
list_job (SeismoStore  *store,
          gpointer      data,
          GError      **error)
{
  return seismo_store_list_sources (store, error);
}

static void
changed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SeismoSourcesDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (seismo_store_run_finish (SEISMO_STORE (object), result, &error) == NULL)
    {
      toast (self, error->message);
      reload (self);
      return;
    }
  g_signal_emit (self, signals[CHANGED], 0);
  reload (self);
}

static void
run_change (SeismoSourcesDialog *self,
            SeismoStoreJob       job,
            Change              *change)
{
  seismo_store_run_async (self->store, job, change, change_free, NULL, NULL, changed_cb,
                          g_object_ref (self));
}

/* Rows */

static void
enabled_cb (GtkSwitch  *toggle,
            GParamSpec *pspec,
            gpointer    user_data)
{
  SeismoSourcesDialog *self = SEISMO_SOURCES_DIALOG (gtk_widget_get_root (GTK_WIDGET (toggle)));
  Change *change = g_new0 (Change, 1);

  change->id = GPOINTER_TO_SIZE (user_data);
  change->enabled = gtk_switch_get_active (toggle);
  run_change (self, enable_job, change);
}

typedef struct
{
  SeismoSourcesDialog *self;
  gint64               id;
} Removal;

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    Removal          *removal)
{
  Change *change;

  if (g_strcmp0 (response, "remove") != 0)
    return;
  change = g_new0 (Change, 1);
  change->id = removal->id;
  run_change (removal->self, remove_job, change);
}

static void
remove_clicked_cb (GtkButton *button,
                   gpointer   user_data)
{
  SeismoSourcesDialog *self = SEISMO_SOURCES_DIALOG (gtk_widget_get_root (GTK_WIDGET (button)));
  AdwActionRow *row = ADW_ACTION_ROW (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                               ADW_TYPE_ACTION_ROW));
  g_autofree char *body = NULL;
  Removal *removal;
  GtkWidget *dialog;

  body = g_strdup_printf (_("“%s” and the items it brought will be removed. Events you wrote a "
                            "note on stay, with their links."),
                          adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Remove the Source?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  removal = g_new0 (Removal, 1);
  removal->self = self;
  removal->id = GPOINTER_TO_SIZE (user_data);
  g_signal_connect_data (dialog, "response", G_CALLBACK (remove_response_cb), removal,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
status_text (SeismoSource *source)
{
  gint64 when = seismo_source_get_last_fetch (source);
  g_autofree char *date = when > 0 ? seismo_format_date_time (when) : NULL;
  guint items = seismo_source_get_items (source);

  if (g_strcmp0 (seismo_source_get_kind (source), "builtin") == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Built in · %u item", "Built in · %u items",
                                         items), items);
  switch (seismo_source_get_status (source))
    {
    case SEISMO_SOURCE_STATUS_ERROR:
      return g_strdup_printf (_("Error: %s"), seismo_source_get_error (source) ?: _("unknown"));
    case SEISMO_SOURCE_STATUS_NEW:
      return g_strdup (_("Not fetched yet"));
    case SEISMO_SOURCE_STATUS_NOT_MODIFIED:
    case SEISMO_SOURCE_STATUS_OK:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item · fetched %s",
                                           "%u items · fetched %s", items),
                              items, date != NULL ? date : "");
    }
}

static GtkWidget *
source_row_new (SeismoSource *source)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *status = status_text (source);
  g_autofree char *subtitle = g_strdup_printf ("%s\n%s", seismo_source_get_url (source), status);
  g_autofree char *enabled_name = g_strdup_printf (_("Fetch %s"),
                                                   seismo_source_get_display_title (source));
  g_autofree char *remove_name = g_strdup_printf (_("Remove %s"),
                                                  seismo_source_get_display_title (source));
  gpointer id = GSIZE_TO_POINTER (seismo_source_get_id (source));

  /* Titles and errors come from the network: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), seismo_source_get_display_title (source));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);

  if (seismo_source_get_status (source) == SEISMO_SOURCE_STATUS_ERROR &&
      seismo_source_get_enabled (source))
    {
      GtkWidget *warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (warning, "warning");
      gtk_widget_set_tooltip_text (warning, seismo_source_get_error (source));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), warning);
    }

  if (g_strcmp0 (seismo_source_get_kind (source), "builtin") != 0)
    {
      GtkWidget *toggle = gtk_switch_new ();

      gtk_switch_set_active (GTK_SWITCH (toggle), seismo_source_get_enabled (source));
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      enabled_name, -1);
      g_signal_connect (toggle, "notify::active", G_CALLBACK (enabled_cb), id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
    }

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, remove_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_name, -1);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SeismoSourcesDialog) self = user_data;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GHashTable) by_folder = NULL;
  g_autoptr(GError) error = NULL;
  gboolean errors_only = gtk_toggle_button_get_active (self->errors_button);

  sources = seismo_store_run_finish (SEISMO_STORE (object), result, &error);
  if (sources == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);

  by_folder = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < sources->len; i++)
    {
      SeismoSource *source = g_ptr_array_index (sources, i);
      const char *folder = seismo_source_get_folder (source) != NULL
                             ? seismo_source_get_folder (source) : _("Other");
      AdwPreferencesGroup *group;

      if (errors_only && (seismo_source_get_status (source) != SEISMO_SOURCE_STATUS_ERROR ||
                          !seismo_source_get_enabled (source)))
        continue;
      group = g_hash_table_lookup (by_folder, folder);
      if (group == NULL)
        {
          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, folder);
          adw_preferences_page_add (self->page, group);
          g_ptr_array_add (self->groups, group);
          g_hash_table_insert (by_folder, (gpointer) g_intern_string (folder), group);
        }
      adw_preferences_group_add (group, source_row_new (source));
    }

  if (self->groups->len == 0)
    {
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

      adw_preferences_group_set_description (group, errors_only
                                                      ? _("Every source fetched without an error.")
                                                      : _("There are no sources yet."));
      adw_preferences_page_add (self->page, group);
      g_ptr_array_add (self->groups, group);
    }
}

static void
reload (SeismoSourcesDialog *self)
{
  if (self->store == NULL)
    return;
  seismo_store_run_async (self->store, list_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                          self->cancellable, listed_cb, g_object_ref (self));
}

/* Adding */

static void
added_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(SeismoSourcesDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->add_spinner), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->url_row), TRUE);
  if (seismo_store_run_finish (SEISMO_STORE (object), result, &error) == NULL)
    {
      toast (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), "");
  toast (self, _("Source added; it is fetched with the next refresh"));
  g_signal_emit (self, signals[CHANGED], 0);
  reload (self);
}

static void
probed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SeismoSourcesDialog) self = user_data;
  g_autoptr(SeismoProbeResult) found = NULL;
  g_autoptr(GError) error = NULL;
  Change *change;

  found = seismo_probe_finish (result, &error);
  if (found == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->add_spinner), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->url_row), TRUE);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  change = g_new0 (Change, 1);
  change->source = seismo_source_new (found->url, found->kind);
  seismo_source_set_title (change->source, found->title);
  seismo_source_set_site_url (change->source, found->site_url);
  seismo_store_run_async (self->store, add_job, change, change_free, NULL, NULL, added_cb,
                          g_object_ref (self));
}

static void
url_apply_cb (SeismoSourcesDialog *self)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));

  if (url[0] == '\0')
    return;
  if (!g_str_has_prefix (url, "http://") && !g_str_has_prefix (url, "https://"))
    {
      g_autofree char *with_scheme = g_strconcat ("https://", url, NULL);

      g_free (url);
      url = g_steal_pointer (&with_scheme);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->add_spinner), TRUE);
  gtk_spinner_set_spinning (self->add_spinner, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->url_row), FALSE);
  seismo_probe_async (self->fetcher, url, self->cancellable, probed_cb, g_object_ref (self));
}

static void
seismo_sources_dialog_dispose (GObject *object)
{
  SeismoSourcesDialog *self = SEISMO_SOURCES_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->fetcher);
  g_clear_pointer (&self->groups, g_ptr_array_unref);

  G_OBJECT_CLASS (seismo_sources_dialog_parent_class)->dispose (object);
}

static void
seismo_sources_dialog_class_init (SeismoSourcesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seismo_sources_dialog_dispose;

  /**
   * SeismoSourcesDialog::changed:
   *
   * A source was added, switched or removed: the timeline reloads.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/seismograph/Seismograph/seismo-sources-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SeismoSourcesDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SeismoSourcesDialog, errors_button);
  gtk_widget_class_bind_template_child (widget_class, SeismoSourcesDialog, page);
  gtk_widget_class_bind_template_child (widget_class, SeismoSourcesDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, SeismoSourcesDialog, add_spinner);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
seismo_sources_dialog_init (SeismoSourcesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->groups = g_ptr_array_new ();
  g_signal_connect_swapped (self->url_row, "apply", G_CALLBACK (url_apply_cb), self);
  g_signal_connect_swapped (self->url_row, "entry-activated", G_CALLBACK (url_apply_cb), self);
  g_signal_connect_swapped (self->errors_button, "toggled", G_CALLBACK (reload), self);
}

/**
 * seismo_sources_dialog_new:
 * @errors_only: open on the sources whose last fetch failed
 */
SeismoSourcesDialog *
seismo_sources_dialog_new (GtkWindow     *parent,
                           SeismoStore   *store,
                           SeismoFetcher *fetcher,
                           gboolean       errors_only)
{
  SeismoSourcesDialog *self = g_object_new (SEISMO_TYPE_SOURCES_DIALOG,
                                            "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  self->fetcher = fetcher != NULL ? g_object_ref (fetcher) : seismo_fetcher_new ();
  gtk_toggle_button_set_active (self->errors_button, errors_only);
  reload (self);
  return self;
}
