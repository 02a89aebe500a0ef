/* seismo-application.c — the Seismograph application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "seismo-application.h"
#include "seismograph-resources.h"
#include "seismo-starter-pack.h"
#include "seismo-updater.h"
#include "seismo-window.h"

/* The application opens the database (off the main thread: a first run
 * creates it and loads the starter pack) and hands it to its window. The
 * database is --db PATH, else $SEISMOGRAPH_DB, else the user data folder,
 * exactly as for seismograph-cli. */
struct _SeismoApplication
{
  AdwApplication  parent_instance;

  char           *db_path;
  SeismoStore    *store;
  GError         *open_error;
  GSettings      *settings;
  SeismoUpdater  *updater;
  gint64          started;
  gboolean        opening;
  gboolean        held;      /* running in the background */
};

G_DEFINE_FINAL_TYPE (SeismoApplication, seismo_application, ADW_TYPE_APPLICATION)

static void
show_store (SeismoApplication *self)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  for (GList *l = windows; l != NULL; l = l->next)
    if (SEISMO_IS_WINDOW (l->data))
      {
        if (self->store != NULL)
          seismo_window_set_store (SEISMO_WINDOW (l->data), self->store);
        else
          seismo_window_show_error (SEISMO_WINDOW (l->data), self->open_error);
      }
}

typedef struct
{
  char     *path;
  gboolean  is_default; /* the default folder is ours to create, as the CLI does */
} OpenData;

static void
open_data_free (gpointer data)
{
  OpenData *open = data;

  g_free (open->path);
  g_free (open);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *open = task_data;
  GError *error = NULL;
  SeismoStore *store;

  if (open->is_default)
    {
      g_autofree char *folder = g_path_get_dirname (open->path);

      g_mkdir_with_parents (folder, 0700);
    }

  store = seismo_starter_pack_open_store (open->path, &error);
  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

static void
open_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SeismoApplication *self = SEISMO_APPLICATION (object);

  self->opening = FALSE;
  self->store = g_task_propagate_pointer (G_TASK (result), &self->open_error);
  if (self->open_error != NULL)
    g_warning ("%s", self->open_error->message);
  else
    self->updater = seismo_updater_new (G_APPLICATION (self), self->store, self->settings);
  show_store (self);
  /* Catch up quietly with the sources that are due. */
  if (self->updater != NULL && g_settings_get_uint (self->settings, "refresh-interval") > 0 &&
      g_getenv ("SEISMOGRAPH_NO_AUTOREFRESH") == NULL)
    seismo_updater_refresh (self->updater, FALSE);
  g_application_release (G_APPLICATION (self));
}

static void
open_store (SeismoApplication *self)
{
  g_autoptr(GTask) task = NULL;
  OpenData *open = g_new0 (OpenData, 1);

  open->path = self->db_path != NULL ? g_strdup (self->db_path) : seismo_store_default_path ();
  open->is_default = self->db_path == NULL && g_getenv ("SEISMOGRAPH_DB") == NULL;
  self->opening = TRUE;
  g_application_hold (G_APPLICATION (self));
  task = g_task_new (self, NULL, open_done_cb, NULL);
  g_task_set_source_tag (task, open_store);
  g_task_set_task_data (task, open, open_data_free);
  g_task_run_in_thread (task, open_thread);
}

static void
seismo_application_activate (GApplication *app)
{
  SeismoApplication *self = SEISMO_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (seismo_window_new (self));
      if (self->store != NULL || self->open_error != NULL)
        show_store (self);
      else if (!self->opening)
        open_store (self);
    }
  gtk_window_present (window);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  SeismoApplication *self = SEISMO_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing each window lets it save its note and size first; the app
   * then ends by itself once the last save (which holds it) is done. */
  for (GList *l = g_list_copy (windows), *next; l != NULL; l = next)
    {
      next = l->next;
      gtk_window_close (GTK_WINDOW (l->data));
      g_list_free_1 (l);
    }
  if (self->held)
    {
      self->held = FALSE;
      g_application_release (G_APPLICATION (self));
    }
  if (self->updater != NULL)
    seismo_updater_cancel (self->updater);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  static const char *developers[] = { "The Seismograph developers", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_name (about, _("Seismograph"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_comments (about, _("Follow what the AI industry did this week: a timeline "
                                          "of events, a panel per company, and your notes."));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_developer_name (about, _("The Seismograph developers"));
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_website (about, "https://github.com/seismograph/seismograph");
  /* Translators: put your names here, one per line. */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_present (GTK_WINDOW (about));
}

static SeismoWindow *
present_window (SeismoApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    g_application_activate (G_APPLICATION (self));
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  gtk_window_present (window);
  return SEISMO_IS_WINDOW (window) ? SEISMO_WINDOW (window) : NULL;
}

/* From a notification: the event it was about. */
static void
open_event_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  SeismoWindow *window = present_window (SEISMO_APPLICATION (user_data));

  if (window != NULL)
    seismo_window_open_event (window, g_variant_get_int64 (parameter));
}

static void
show_unread_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  SeismoWindow *window = present_window (SEISMO_APPLICATION (user_data));

  if (window != NULL)
    seismo_window_show_filter (window, "unread", NULL);
}

static void
background_changed_cb (SeismoApplication *self)
{
  gboolean background = g_settings_get_boolean (self->settings, "run-in-background");

  if (background && !self->held)
    g_application_hold (G_APPLICATION (self));
  else if (!background && self->held)
    g_application_release (G_APPLICATION (self));
  self->held = background;
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_activated },
  { .name = "about", .activate = about_activated },
  { .name = "open-event", .activate = open_event_activated, .parameter_type = "x" },
  { .name = "show-unread", .activate = show_unread_activated },
};

static void
seismo_application_startup (GApplication *app)
{
  static const char * const quit_accels[] = { "<Control>q", NULL };
  SeismoApplication *self = SEISMO_APPLICATION (app);

  G_APPLICATION_CLASS (seismo_application_parent_class)->startup (app);

  self->settings = g_settings_new (APP_ID);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_window_set_default_icon_name (APP_ID);

  /* Keeps refreshing and notifying with the window closed, if asked to. */
  g_signal_connect_swapped (self->settings, "changed::run-in-background",
                            G_CALLBACK (background_changed_cb), self);
  background_changed_cb (self);
}

static int
seismo_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  SeismoApplication *self = SEISMO_APPLICATION (app);
  const char *db = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("seismograph %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (options, "db", "^&ay", &db))
    self->db_path = g_strdup (db);

  /* Another database is another app: do not hand over to a running one. */
  if (self->db_path != NULL || g_getenv ("SEISMOGRAPH_DB") != NULL)
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
  return -1;
}

static void
seismo_application_dispose (GObject *object)
{
  SeismoApplication *self = SEISMO_APPLICATION (object);

  g_clear_object (&self->updater);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (seismo_application_parent_class)->dispose (object);
}

static void
seismo_application_finalize (GObject *object)
{
  SeismoApplication *self = SEISMO_APPLICATION (object);

  g_free (self->db_path);
  g_clear_error (&self->open_error);

  G_OBJECT_CLASS (seismo_application_parent_class)->finalize (object);
}

static void
seismo_application_class_init (SeismoApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = seismo_application_dispose;
  object_class->finalize = seismo_application_finalize;
  app_class->activate = seismo_application_activate;
  app_class->startup = seismo_application_startup;
  app_class->handle_local_options = seismo_application_handle_local_options;

  /* A static library drops a resource nothing names: register it here,
   * before GtkApplication looks for style.css and the shortcuts window. */
  g_resources_register (seismograph_get_resource ());
}

static void
seismo_application_init (SeismoApplication *self)
{
  static const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Open this database file"), N_("PATH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    G_OPTION_ENTRY_NULL
  };

  self->started = g_get_monotonic_time ();
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

SeismoApplication *
seismo_application_new (void)
{
  return g_object_new (SEISMO_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/seismograph/Seismograph",
                       NULL);
}

/* NULL until the database is open. */
SeismoUpdater *
seismo_application_get_updater (SeismoApplication *self)
{
  g_return_val_if_fail (SEISMO_IS_APPLICATION (self), NULL);
  return self->updater;
}

/* NULL until the database is open. */
SeismoStore *
seismo_application_get_store (SeismoApplication *self)
{
  g_return_val_if_fail (SEISMO_IS_APPLICATION (self), NULL);
  return self->store;
}

GSettings *
seismo_application_get_settings (SeismoApplication *self)
{
  g_return_val_if_fail (SEISMO_IS_APPLICATION (self), NULL);
  return self->settings;
}

/* When the process started, for SEISMOGRAPH_PROFILE's time to first frame. */
gint64
seismo_application_get_started (SeismoApplication *self)
{
  g_return_val_if_fail (SEISMO_IS_APPLICATION (self), 0);
  return self->started;
}
