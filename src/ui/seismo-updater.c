/* seismo-updater.c — refreshes on demand and on a timer, and notifies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "seismo-refresh.h"
#include "seismo-updater.h"

/* The application owns one updater: the fetcher (and so the one
 * SoupSession), the refresh, the timer of the "refresh-interval" setting,
 * and the desktop notifications of new events about what the user
 * follows. Windows only listen to it, so a refresh started in one window
 * shows its progress in every window, and keeps running (and notifying)
 * with no window at all when the app runs in the background. */

struct _SeismoUpdater
{
  GObject         parent_instance;

  GApplication   *app;        /* unowned: the app owns us */
  SeismoStore    *store;
  GSettings      *settings;
  SeismoFetcher  *fetcher;
  SeismoRefresh  *refresh;
  GCancellable   *cancellable;
  guint           timer_id;
  guint           done;
  guint           total;
  gboolean        by_user;
};

G_DEFINE_FINAL_TYPE (SeismoUpdater, seismo_updater, G_TYPE_OBJECT)

enum {
  STARTED,
  PROGRESS,
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  GArray *event_ids;
  GStrv   tags;
  GStrv   keywords;
} Notify;

static void
notify_free (gpointer data)
{
  Notify *notify = data;

  g_array_unref (notify->event_ids);
  g_strfreev (notify->tags);
  g_strfreev (notify->keywords);
  g_free (notify);
}

/* What a notification shows: how many, and the newest few. */
#define NOTIFY_SHOWN 3

typedef struct
{
  guint      total;
  GPtrArray *shown;  /* of SeismoEvent, newest first */
} Picked;

static void
picked_free (gpointer data)
{
  Picked *picked = data;

  g_ptr_array_unref (picked->shown);
  g_free (picked);
}

static gpointer
notify_job (SeismoStore  *store,
            gpointer      data,
            GError      **error)
{
  Notify *notify = data;
  GPtrArray *events;
  Picked *picked;

  events = seismo_store_take_notifications (store, notify->event_ids,
                                            (const char * const *) notify->tags,
                                            (const char * const *) notify->keywords, error);
  if (events == NULL)
    return NULL;
  /* A big refresh finds thousands: drop them here, not on the main loop. */
  picked = g_new0 (Picked, 1);
  picked->total = events->len;
  if (events->len > NOTIFY_SHOWN)
    g_ptr_array_remove_range (events, NOTIFY_SHOWN, events->len - NOTIFY_SHOWN);
  picked->shown = events;
  return picked;
}

/* One event: its title. Several: how many, about whom. Clicking opens the
 * event, or the timeline. */
static void
notify_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SeismoUpdater) self = user_data;
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GIcon) icon = NULL;
  Picked *picked;
  GPtrArray *events;

  picked = seismo_store_run_finish (SEISMO_STORE (object), result, &error);
  if (picked == NULL)
    {
      g_warning ("Cannot pick the events to notify: %s", error->message);
      return;
    }
  events = picked->shown;
  if (picked->total == 0 || self->app == NULL)
    {
      picked_free (picked);
      return;
    }

  if (picked->total == 1)
    {
      SeismoEvent *event = g_ptr_array_index (events, 0);
      const char * const *names = seismo_event_get_company_names (event);
      g_autofree char *title = names[0] != NULL ? g_strdup_printf (_("New about %s"), names[0])
                                                : g_strdup (_("New event"));

      notification = g_notification_new (title);
      g_notification_set_body (notification, seismo_event_get_title (event));
      g_notification_set_default_action_and_target (notification, "app.open-event", "x",
                                                    seismo_event_get_id (event));
    }
  else
    {
      g_autoptr(GString) body = g_string_new (NULL);
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new event",
                                                             "%u new events", picked->total),
                                                picked->total);

      for (guint i = 0; i < events->len; i++)
        g_string_append_printf (body, "%s%s", i > 0 ? "\n" : "",
                                seismo_event_get_title (g_ptr_array_index (events, i)));
      if (picked->total > events->len)
        g_string_append_printf (body, "\n%s", _("…and more in the timeline"));
      notification = g_notification_new (title);
      g_notification_set_body (notification, body->str);
      g_notification_set_default_action (notification, "app.show-unread");
    }
  icon = g_themed_icon_new (APP_ID);
  g_notification_set_icon (notification, icon);
  g_application_send_notification (self->app, "new-events", notification);
  picked_free (picked);
}

static void
notify_new (SeismoUpdater *self,
            GArray        *event_ids)
{
  Notify *notify;

  if (event_ids == NULL || event_ids->len == 0)
    return;
  if (self->settings != NULL && !g_settings_get_boolean (self->settings, "notifications"))
    return;

  notify = g_new0 (Notify, 1);
  notify->event_ids = g_array_ref (event_ids);
  notify->tags = self->settings != NULL ? g_settings_get_strv (self->settings, "watched-tags")
                                        : NULL;
  notify->keywords = self->settings != NULL
                       ? g_settings_get_strv (self->settings, "watched-keywords") : NULL;
  seismo_store_run_async (self->store, notify_job, notify, notify_free, picked_free, NULL,
                          notify_done_cb,
                          g_object_ref (self));
}

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SeismoUpdater) self = user_data;
  SeismoRefreshStats stats = { 0 };
  g_autoptr(GError) error = NULL;

  seismo_refresh_run_finish (SEISMO_REFRESH (object), result, &stats, &error);
  g_clear_object (&self->cancellable);
  if (error == NULL)
    notify_new (self, stats.new_event_ids);
  g_signal_emit (self, signals[FINISHED], 0, &stats, error, self->by_user);
  seismo_refresh_stats_clear (&stats);
}

static void
progress_cb (SeismoUpdater *self,
             guint          done,
             guint          total)
{
  self->done = done;
  self->total = total;
  g_signal_emit (self, signals[PROGRESS], 0, done, total);
}

static gboolean
timer_cb (gpointer user_data)
{
  SeismoUpdater *self = user_data;

  seismo_updater_refresh (self, FALSE);
  return G_SOURCE_CONTINUE;
}

static void
interval_changed_cb (SeismoUpdater *self)
{
  guint minutes = self->settings != NULL ? g_settings_get_uint (self->settings, "refresh-interval")
                                         : 0;

  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (minutes > 0)
    self->timer_id = g_timeout_add_seconds (minutes * 60, timer_cb, self);
}

static void
seismo_updater_dispose (GObject *object)
{
  SeismoUpdater *self = SEISMO_UPDATER (object);

  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->refresh);
  g_clear_object (&self->fetcher);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (seismo_updater_parent_class)->dispose (object);
}

static void
seismo_updater_class_init (SeismoUpdaterClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = seismo_updater_dispose;

  signals[STARTED] = g_signal_new ("started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  /**
   * SeismoUpdater::finished:
   * @stats: (type gpointer): the SeismoRefreshStats
   * @error: (nullable): why the refresh could not run at all
   * @by_user: whether the user asked for it (errors deserve a toast then)
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_POINTER,
                                    G_TYPE_ERROR, G_TYPE_BOOLEAN);
}

static void
seismo_updater_init (SeismoUpdater *self)
{
}

SeismoUpdater *
seismo_updater_new (GApplication *app,
                    SeismoStore  *store,
                    GSettings    *settings)
{
  SeismoUpdater *self;

  g_return_val_if_fail (SEISMO_IS_STORE (store), NULL);

  self = g_object_new (SEISMO_TYPE_UPDATER, NULL);
  self->app = app;
  self->store = g_object_ref (store);
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;
  self->fetcher = seismo_fetcher_new ();
  self->refresh = seismo_refresh_new (store, self->fetcher);
  g_signal_connect_swapped (self->refresh, "progress", G_CALLBACK (progress_cb), self);
  if (settings != NULL)
    g_signal_connect_object (settings, "changed::refresh-interval",
                             G_CALLBACK (interval_changed_cb), self, G_CONNECT_SWAPPED);
  interval_changed_cb (self);
  return self;
}

/**
 * seismo_updater_refresh:
 * @by_user: the user asked (every enabled source); otherwise only the
 *   sources that are due, quietly
 */
void
seismo_updater_refresh (SeismoUpdater *self,
                        gboolean       by_user)
{
  g_return_if_fail (SEISMO_IS_UPDATER (self));

  if (seismo_refresh_is_running (self->refresh))
    return;
  self->by_user = by_user;
  self->done = self->total = 0;
  self->cancellable = g_cancellable_new ();
  seismo_refresh_run_async (self->refresh, NULL, 0, !by_user, self->cancellable, refreshed_cb,
                            g_object_ref (self));
  g_signal_emit (self, signals[STARTED], 0);
}

void
seismo_updater_cancel (SeismoUpdater *self)
{
  g_return_if_fail (SEISMO_IS_UPDATER (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

gboolean
seismo_updater_is_running (SeismoUpdater *self,
                           guint         *done,
                           guint         *total)
{
  g_return_val_if_fail (SEISMO_IS_UPDATER (self), FALSE);

  if (done != NULL)
    *done = self->done;
  if (total != NULL)
    *total = self->total;
  return seismo_refresh_is_running (self->refresh);
}

SeismoFetcher *
seismo_updater_get_fetcher (SeismoUpdater *self)
{
  g_return_val_if_fail (SEISMO_IS_UPDATER (self), NULL);
  return self->fetcher;
}
