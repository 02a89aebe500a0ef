/* seismo-window.c — the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "seismo-application.h"
#include "seismo-companies-view.h"
#include "seismo-export-dialog.h"
#include "seismo-notes-view.h"
#include "seismo-preferences-window.h"
#include "seismo-progress-pie.h"
#include "seismo-refresh.h"
#include "seismo-sources-dialog.h"
#include "seismo-tags-page.h"
#include "seismo-ui-util.h"
#include "seismo-timeline-view.h"
#include "seismo-window.h"
#include "seismo-window-private.h"

/* The window: a header bar with the view switcher (Timeline, Companies,
 * Notes), search, refresh and the main menu; the views below. It shows a
 * spinner until the application has opened the database, and a clear error
 * page (and dialog) if that failed. Its size, the panes and the visible view
 * are remembered. */

#define NARROW_WIDTH 860

struct _SeismoWindow
{
  AdwApplicationWindow  parent_instance;

  SeismoStore          *store;
  GSettings            *settings;
  SeismoUpdater        *updater;
  gboolean              profiled;
  /* progress shown at most every PROGRESS_INTERVAL ms: a frame per source
   * would cost a thousand-source refresh more than its parsing */
  guint                 progress_id;
  gboolean              progress_pending;
  guint                 progress_done;
  guint                 progress_total;
  /* SEISMOGRAPH_PROFILE=refresh: the longest main-loop gap during a refresh */
  guint                 stall_tick_id;
  guint                 profile_timeout_id; /* the refresh to start, or the report */
  gint64                stall_last;
  gint64                stall_worst;
  gint64                stall_worst_fetching; /* before the refresh finished */
  gint64                stall_finished;
  gint64                stall_since;

  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  AdwViewSwitcherTitle *switcher_title;
  GtkToggleButton      *sidebar_button;
  GtkButton            *refresh_button;
  GtkStack             *refresh_stack;
  SeismoProgressPie    *refresh_pie;
  GtkLabel             *refresh_label;
  GtkToggleButton      *search_button;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *main_stack;
  AdwStatusPage        *error_page;
  AdwViewStack         *view_stack;
  SeismoTimelineView   *timeline_view;
  SeismoCompaniesView  *companies_view;
  SeismoNotesView      *notes_view;
};

G_DEFINE_FINAL_TYPE (SeismoWindow, seismo_window, ADW_TYPE_APPLICATION_WINDOW)

/* A note or a link names a company: show its panel. */
static void
open_company_cb (SeismoWindow *self,
                 const char   *slug)
{
  adw_view_stack_set_visible_child_name (self->view_stack, "companies");
  seismo_companies_view_show_company (self->companies_view, slug);
}

static void
followed_changed_cb (SeismoWindow *self)
{
  seismo_sidebar_reload (seismo_timeline_view_get_sidebar (self->timeline_view));
}

static void
update_narrow (SeismoWindow *self)
{
  int width = 0, height = 0;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  seismo_timeline_view_set_narrow (self->timeline_view, width > 0 && width < NARROW_WIDTH);
}

static void
search_changed_cb (SeismoWindow *self)
{
  seismo_timeline_view_set_search (self->timeline_view,
                                   gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
search_mode_cb (SeismoWindow *self)
{
  if (gtk_search_bar_get_search_mode (self->search_bar))
    {
      adw_view_stack_set_visible_child_name (self->view_stack, "timeline");
      gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
view_changed_cb (SeismoWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  gtk_widget_set_visible (GTK_WIDGET (self->sidebar_button), g_strcmp0 (name, "timeline") == 0);
  if (self->settings != NULL && name != NULL)
    g_settings_set_string (self->settings, "view", name);
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SeismoWindow *self = SEISMO_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
view_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SeismoWindow *self = SEISMO_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, g_variant_get_string (parameter, NULL));
}

/* Refresh */

static void
set_refreshing (SeismoWindow *self,
                gboolean      refreshing,
                guint         done,
                guint         total)
{
  g_autofree char *tooltip = NULL;
  g_autofree char *count = NULL;

  gtk_stack_set_visible_child_name (self->refresh_stack, refreshing ? "busy" : "idle");
  seismo_progress_pie_set_fraction (self->refresh_pie,
                                    refreshing && total > 0 ? (double) done / total : 0.0);
  gtk_widget_set_visible (GTK_WIDGET (self->refresh_label), refreshing && total > 0);
  if (refreshing && total > 0)
    {
      count = g_strdup_printf ("%u/%u", done, total);
      tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Refreshing %u of %u source",
                                              "Refreshing %u of %u sources", total),
                                 done, total);
    }
  else if (refreshing)
    tooltip = g_strdup (_("Refreshing…"));
  else
    tooltip = g_strdup (_("Refresh (Ctrl+R)"));
  gtk_label_set_text (self->refresh_label, count != NULL ? count : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->refresh_button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->refresh_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  refreshing ? tooltip : _("Refresh"), -1);
}

#define PROGRESS_INTERVAL 250

static void
updater_started_cb (SeismoWindow *self)
{
  g_clear_handle_id (&self->progress_id, g_source_remove);
  self->progress_pending = FALSE;
  set_refreshing (self, TRUE, 0, 0);
}

static gboolean
progress_timeout_cb (gpointer user_data)
{
  SeismoWindow *self = user_data;

  self->progress_id = 0;
  if (self->progress_pending)
    {
      self->progress_pending = FALSE;
      set_refreshing (self, TRUE, self->progress_done, self->progress_total);
      self->progress_id = g_timeout_add (PROGRESS_INTERVAL, progress_timeout_cb, self);
    }
  return G_SOURCE_REMOVE;
}

static void
updater_progress_cb (SeismoWindow *self,
                     guint         done,
                     guint         total)
{
  self->progress_done = done;
  self->progress_total = total;
  if (self->progress_id != 0)
    {
      self->progress_pending = TRUE;
      return;
    }
  set_refreshing (self, TRUE, done, total);
  self->progress_id = g_timeout_add (PROGRESS_INTERVAL, progress_timeout_cb, self);
}

/* The main loop should run every millisecond it is idle: a longer gap
 * between two ticks is a moment the window could not answer. */
static gboolean
stall_tick_cb (gpointer user_data)
{
  SeismoWindow *self = user_data;
  gint64 now = g_get_monotonic_time ();

  if (self->stall_last != 0)
    self->stall_worst = MAX (self->stall_worst, now - self->stall_last);
  self->stall_last = now;
  return G_SOURCE_CONTINUE;
}

/* Three seconds after the refresh, so that the reload it causes counts too. */
static gboolean
stall_report_cb (gpointer user_data)
{
  SeismoWindow *self = user_data;

  self->profile_timeout_id = 0;
  g_clear_handle_id (&self->stall_tick_id, g_source_remove);
  g_printerr ("seismograph: refresh took %.2f s, longest main-loop stall %.1f ms"
              " (%.1f ms while refreshing, %.1f ms showing the result)\n",
              (self->stall_finished - self->stall_since) / (double) G_USEC_PER_SEC,
              MAX (self->stall_worst_fetching, self->stall_worst) / 1000.0,
              self->stall_worst_fetching / 1000.0, self->stall_worst / 1000.0);
  g_application_quit (g_application_get_default ());
  return G_SOURCE_REMOVE;
}

static void
updater_finished_cb (SeismoWindow       *self,
                     SeismoRefreshStats *stats,
                     GError             *error,
                     gboolean            by_user)
{
  if (self->stall_tick_id != 0 && self->profile_timeout_id == 0)
    {
      /* what follows (the reload) is measured apart */
      self->stall_finished = g_get_monotonic_time ();
      self->stall_worst_fetching = self->stall_worst;
      self->stall_worst = 0;
      self->profile_timeout_id = g_timeout_add_seconds (3, stall_report_cb, self);
    }
  g_clear_handle_id (&self->progress_id, g_source_remove);
  self->progress_pending = FALSE;
  set_refreshing (self, FALSE, 0, 0);
  seismo_window_reload (self);

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        seismo_ui_show_error (GTK_WIDGET (self), _("Cannot refresh"), error);
      return;
    }
  if (!by_user)
    return;

  if (stats->errors > 0)
    {
      g_autofree char *message = NULL;
      AdwToast *toast;

      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u new event; %u source could not be refreshed",
                                              "%u new events; %u sources could not be refreshed",
                                              stats->errors),
                                 stats->new_events, stats->errors);
      toast = adw_toast_new (message);
      adw_toast_set_button_label (toast, _("_Details"));
      adw_toast_set_action_name (toast, "win.show-sources-in-error");
      adw_toast_set_timeout (toast, 8);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
  else
    {
      g_autofree char *message = stats->new_events > 0
        ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new event", "%u new events",
                                        stats->new_events), stats->new_events)
        : g_strdup (_("Nothing new"));

      seismo_window_show_toast (self, message);
    }
}

static void
refresh_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SeismoWindow *self = SEISMO_WINDOW (widget);

  if (self->updater == NULL)
    return;
  /* While refreshing, the same button stops it. */
  if (seismo_updater_is_running (self->updater, NULL, NULL))
    seismo_updater_cancel (self->updater);
  else
    seismo_updater_refresh (self->updater, TRUE);
}

static void
open_sources (SeismoWindow *self,
              gboolean      errors_only)
{
  SeismoSourcesDialog *dialog;

  if (self->store == NULL)
    return;
  dialog = seismo_sources_dialog_new (GTK_WINDOW (self), self->store,
                                      self->updater != NULL
                                        ? seismo_updater_get_fetcher (self->updater) : NULL,
                                      errors_only);
  g_signal_connect_object (dialog, "changed", G_CALLBACK (seismo_window_reload), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
preferences_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SeismoWindow *self = SEISMO_WINDOW (widget);
  SeismoPreferencesWindow *preferences;

  if (self->settings == NULL)
    return;
  preferences = seismo_preferences_window_new (GTK_WINDOW (self), self->settings);
  if (self->store != NULL)
    {
      SeismoTagsPage *tags = seismo_tags_page_new (self->store);

      g_signal_connect_object (tags, "changed", G_CALLBACK (seismo_window_reload), self,
                               G_CONNECT_SWAPPED);
      seismo_preferences_window_add_page (preferences, ADW_PREFERENCES_PAGE (tags));
    }
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
export_notes_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SeismoWindow *self = SEISMO_WINDOW (widget);
  SeismoExportDialog *dialog;

  if (self->store == NULL)
    return;
  dialog = seismo_export_dialog_new (GTK_WINDOW (self), self->store,
                                     parameter != NULL ? g_variant_get_string (parameter, NULL)
                                                       : NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
toast_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  seismo_window_show_toast (SEISMO_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
sources_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  open_sources (SEISMO_WINDOW (widget), FALSE);
}

static void
show_errors_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  open_sources (SEISMO_WINDOW (widget), TRUE);
}

static gboolean
profile_refresh_cb (gpointer user_data)
{
  SeismoWindow *self = user_data;

  self->profile_timeout_id = 0;
  self->stall_since = self->stall_last = g_get_monotonic_time ();
  self->stall_tick_id = g_timeout_add (1, stall_tick_cb, self);
  seismo_updater_refresh (self->updater, TRUE);
  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                SeismoWindow  *self)
{
  GApplication *app = g_application_get_default ();

  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, self);
  if (SEISMO_IS_APPLICATION (app))
    g_printerr ("seismograph: first frame after %.1f ms\n",
                (g_get_monotonic_time () - seismo_application_get_started (SEISMO_APPLICATION (app)))
                / 1000.0);

  /* bench/bench-refresh.py --app: once the window has settled, refresh
   * every source and watch the main loop */
  if (g_strcmp0 (g_getenv ("SEISMOGRAPH_PROFILE"), "refresh") == 0 && self->updater != NULL)
    self->profile_timeout_id = g_timeout_add_seconds (2, profile_refresh_cb, self);
}

static void
seismo_window_map (GtkWidget *widget)
{
  SeismoWindow *self = SEISMO_WINDOW (widget);

  GTK_WIDGET_CLASS (seismo_window_parent_class)->map (widget);

  /* SEISMOGRAPH_PROFILE=1 prints the time to the first frame (bench/);
   * =refresh also refreshes, prints the longest stall and quits. */
  if (!self->profiled && (g_strcmp0 (g_getenv ("SEISMOGRAPH_PROFILE"), "1") == 0 ||
                          g_strcmp0 (g_getenv ("SEISMOGRAPH_PROFILE"), "refresh") == 0))
    {
      self->profiled = TRUE;
      g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                        G_CALLBACK (after_paint_cb), self);
    }
}

static gboolean
seismo_window_close_request (GtkWindow *window)
{
  SeismoWindow *self = SEISMO_WINDOW (window);
  int width, height;

  seismo_event_detail_save_note (seismo_timeline_view_get_detail (self->timeline_view));
  if (self->settings != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window))
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }
  return GTK_WINDOW_CLASS (seismo_window_parent_class)->close_request (window);
}

static void
seismo_window_dispose (GObject *object)
{
  SeismoWindow *self = SEISMO_WINDOW (object);

  if (self->updater != NULL)
    g_signal_handlers_disconnect_by_data (self->updater, self);
  g_clear_handle_id (&self->stall_tick_id, g_source_remove);
  g_clear_handle_id (&self->profile_timeout_id, g_source_remove);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_object (&self->updater);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (seismo_window_parent_class)->dispose (object);
}

static void
seismo_window_class_init (SeismoWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = seismo_window_dispose;
  widget_class->map = seismo_window_map;
  window_class->close_request = seismo_window_close_request;

  g_type_ensure (SEISMO_TYPE_TIMELINE_VIEW);
  g_type_ensure (SEISMO_TYPE_COMPANIES_VIEW);
  g_type_ensure (SEISMO_TYPE_NOTES_VIEW);
  g_type_ensure (SEISMO_TYPE_PROGRESS_PIE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/seismograph/Seismograph/seismo-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SeismoWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SeismoWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, SeismoWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, SeismoWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, SeismoWindow, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, SeismoWindow, refresh_stack);
  gtk_widget_class_bind_template_child (widget_class, SeismoWindow, refresh_pie);
  gtk_widget_class_bind_template_child (widget_class, SeismoWindow, refresh_label);
  gtk_widget_class_bind_template_child (widget_class, SeismoWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, SeismoWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, SeismoWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SeismoWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, SeismoWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, SeismoWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SeismoWindow, timeline_view);
  gtk_widget_class_bind_template_child (widget_class, SeismoWindow, companies_view);
  gtk_widget_class_bind_template_child (widget_class, SeismoWindow, notes_view);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_activated);
  gtk_widget_class_install_action (widget_class, "win.show-sources-in-error", NULL,
                                   show_errors_activated);
  gtk_widget_class_install_action (widget_class, "win.sources", NULL, sources_activated);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_activated);
  gtk_widget_class_install_action (widget_class, "win.export-notes", NULL, export_notes_activated);
  gtk_widget_class_install_action (widget_class, "win.export-company-notes", "s",
                                   export_notes_activated);
  gtk_widget_class_install_action (widget_class, "win.import-opml", NULL,
                                   _seismo_window_import_opml);
  gtk_widget_class_install_action (widget_class, "win.export-opml", NULL,
                                   _seismo_window_export_opml);
  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.refresh", NULL);
  gtk_widget_class_install_action (widget_class, "win.view", "s", view_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  /* A text field takes "/" first, so this only starts a search elsewhere. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_slash, 0, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "win.view", "s",
                                       "timeline");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK, "win.view", "s",
                                       "companies");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_CONTROL_MASK, "win.view", "s",
                                       "notes");
}

static void
seismo_window_init (SeismoWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_object_bind_property (self->timeline_view, "flap-revealed", self->sidebar_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb),
                            self);
  g_signal_connect_swapped (self->search_bar, "notify::search-mode-enabled",
                            G_CALLBACK (search_mode_cb), self);
  g_signal_connect_swapped (self->view_stack, "notify::visible-child", G_CALLBACK (view_changed_cb),
                            self);
  g_signal_connect (self, "notify::default-width", G_CALLBACK (update_narrow), NULL);
  g_signal_connect_swapped (self->notes_view, "open-event", G_CALLBACK (seismo_window_open_event),
                            self);
  g_signal_connect_swapped (self->notes_view, "open-company", G_CALLBACK (open_company_cb), self);
  g_signal_connect_swapped (self->companies_view, "open-event",
                            G_CALLBACK (seismo_window_open_event), self);
  g_signal_connect_swapped (self->companies_view, "followed-changed",
                            G_CALLBACK (followed_changed_cb), self);
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
}

SeismoWindow *
seismo_window_new (SeismoApplication *app)
{
  SeismoWindow *self = g_object_new (SEISMO_TYPE_WINDOW, "application", app, NULL);
  GSettings *settings = seismo_application_get_settings (app);

  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  update_narrow (self);
  return self;
}

void
seismo_window_set_store (SeismoWindow *self,
                         SeismoStore  *store)
{
  GtkApplication *app;

  g_return_if_fail (SEISMO_IS_WINDOW (self));
  g_return_if_fail (SEISMO_IS_STORE (store));

  g_set_object (&self->store, store);
  seismo_timeline_view_set_store (self->timeline_view, store, self->settings);
  seismo_companies_view_set_store (self->companies_view, store, self->settings);
  seismo_notes_view_set_store (self->notes_view, store);

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (SEISMO_IS_APPLICATION (app) &&
      g_set_object (&self->updater, seismo_application_get_updater (SEISMO_APPLICATION (app))) &&
      self->updater != NULL)
    {
      guint done, total;

      g_signal_connect_swapped (self->updater, "started", G_CALLBACK (updater_started_cb), self);
      g_signal_connect_swapped (self->updater, "progress", G_CALLBACK (updater_progress_cb), self);
      g_signal_connect_swapped (self->updater, "finished", G_CALLBACK (updater_finished_cb), self);
      if (seismo_updater_is_running (self->updater, &done, &total))
        set_refreshing (self, TRUE, done, total);
    }
  if (self->settings != NULL)
    {
      g_autofree char *view = g_settings_get_string (self->settings, "view");

      if (adw_view_stack_get_child_by_name (self->view_stack, view) != NULL)
        adw_view_stack_set_visible_child_name (self->view_stack, view);
    }
  gtk_stack_set_visible_child_name (self->main_stack, "views");
}

static void
error_dialog_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          SeismoWindow     *self)
{
  if (g_strcmp0 (response, "quit") == 0)
    gtk_window_close (GTK_WINDOW (self));
}

/* The database could not be opened: say why, in the window and in a
 * dialog, and touch nothing. */
void
seismo_window_show_error (SeismoWindow *self,
                          const GError *error)
{
  AdwMessageDialog *dialog;

  g_return_if_fail (SEISMO_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->sidebar_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->switcher_title), FALSE);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Cannot Open the Database"),
                                                       error->message));
  adw_message_dialog_add_responses (dialog, "close", _("_Close"), "quit", _("_Quit"), NULL);
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  g_signal_connect (dialog, "response", G_CALLBACK (error_dialog_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
seismo_window_show_toast (SeismoWindow *self,
                          const char   *message)
{
  AdwToast *toast;

  g_return_if_fail (SEISMO_IS_WINDOW (self));

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

SeismoTimelineView *
seismo_window_get_timeline_view (SeismoWindow *self)
{
  g_return_val_if_fail (SEISMO_IS_WINDOW (self), NULL);
  return self->timeline_view;
}

SeismoStore *
seismo_window_get_store (SeismoWindow *self)
{
  g_return_val_if_fail (SEISMO_IS_WINDOW (self), NULL);
  return self->store;
}

/* After a refresh or an import: every view reads the store again. */
void
seismo_window_reload (SeismoWindow *self)
{
  g_return_if_fail (SEISMO_IS_WINDOW (self));

  if (self->store == NULL)
    return;
  seismo_timeline_view_reload (self->timeline_view);
  seismo_companies_view_reload (self->companies_view);
  seismo_notes_view_reload (self->notes_view);
}


/* Shows one event in the timeline's detail pane, wherever it is. */
void
seismo_window_open_event (SeismoWindow *self,
                          gint64        event_id)
{
  g_return_if_fail (SEISMO_IS_WINDOW (self));

  if (self->store == NULL)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, "timeline");
  seismo_timeline_view_open_event (self->timeline_view, event_id);
}

gboolean
seismo_window_show_filter (SeismoWindow *self,
                           const char   *kind,
                           const char   *key)
{
  g_return_val_if_fail (SEISMO_IS_WINDOW (self), FALSE);

  adw_view_stack_set_visible_child_name (self->view_stack, "timeline");
  return seismo_timeline_view_select_filter (self->timeline_view, kind, key);
}

/* Searches the timeline as if the user typed @text in the search bar. */
void
seismo_window_search (SeismoWindow *self,
                      const char   *text)
{
  g_return_if_fail (SEISMO_IS_WINDOW (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
}
