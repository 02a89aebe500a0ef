/* seismo-preferences-window.c — the app's settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "seismo-preferences-window.h"

/* Every row writes its GSettings key at once (GNOME preferences have no
 * OK button); the lists of watched tags and words are written when the
 * user applies the entry. */
struct _SeismoPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwComboRow          *interval_row;
  GtkSwitch            *background_switch;
  GtkSwitch            *read_switch;
  GtkSwitch            *notify_switch;
  AdwEntryRow          *tags_row;
  AdwEntryRow          *keywords_row;
};

G_DEFINE_FINAL_TYPE (SeismoPreferencesWindow, seismo_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

/* The combo's choices, in minutes; 0 is never. */
static const guint intervals[] = { 0, 15, 30, 60, 120, 360 };

static void
interval_selected_cb (SeismoPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->interval_row);

  if (selected < G_N_ELEMENTS (intervals))
    g_settings_set_uint (self->settings, "refresh-interval", intervals[selected]);
}

static void
show_interval (SeismoPreferencesWindow *self)
{
  guint minutes = g_settings_get_uint (self->settings, "refresh-interval");
  guint best = 0;

  /* A value set elsewhere shows as the nearest choice. */
  for (guint i = 0; i < G_N_ELEMENTS (intervals); i++)
    if (ABS ((int) intervals[i] - (int) minutes) < ABS ((int) intervals[best] - (int) minutes))
      best = i;
  adw_combo_row_set_selected (self->interval_row, best);
}

static char *
join_list (GSettings  *settings,
           const char *key)
{
  g_auto(GStrv) values = g_settings_get_strv (settings, key);

  return g_strjoinv (", ", values);
}

static void
apply_list (AdwEntryRow *row,
            GSettings   *settings,
            const char  *key)
{
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (row)), ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) values = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *value = g_strstrip (parts[i]);

      if (value[0] == '#')
        value++;
      if (value[0] != '\0')
        g_strv_builder_add (builder, value);
    }
  values = g_strv_builder_end (builder);
  g_settings_set_strv (settings, key, (const char * const *) values);
}

static void
tags_apply_cb (SeismoPreferencesWindow *self)
{
  apply_list (self->tags_row, self->settings, "watched-tags");
}

static void
keywords_apply_cb (SeismoPreferencesWindow *self)
{
  apply_list (self->keywords_row, self->settings, "watched-keywords");
}

static void
seismo_preferences_window_dispose (GObject *object)
{
  SeismoPreferencesWindow *self = SEISMO_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (seismo_preferences_window_parent_class)->dispose (object);
}

static void
seismo_preferences_window_class_init (SeismoPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seismo_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/seismograph/Seismograph/seismo-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SeismoPreferencesWindow, interval_row);
  gtk_widget_class_bind_template_child (widget_class, SeismoPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, SeismoPreferencesWindow, read_switch);
  gtk_widget_class_bind_template_child (widget_class, SeismoPreferencesWindow, notify_switch);
  gtk_widget_class_bind_template_child (widget_class, SeismoPreferencesWindow, tags_row);
  gtk_widget_class_bind_template_child (widget_class, SeismoPreferencesWindow, keywords_row);
}

static void
seismo_preferences_window_init (SeismoPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

SeismoPreferencesWindow *
seismo_preferences_window_new (GtkWindow *parent,
                               GSettings *settings)
{
  SeismoPreferencesWindow *self;
  g_autofree char *tags = NULL;
  g_autofree char *keywords = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SEISMO_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);

  show_interval (self);
  g_signal_connect_swapped (self->interval_row, "notify::selected",
                            G_CALLBACK (interval_selected_cb), self);
  g_settings_bind (settings, "run-in-background", self->background_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "mark-read-on-select", self->read_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "notifications", self->notify_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_object_bind_property (self->notify_switch, "active", self->tags_row, "sensitive",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->notify_switch, "active", self->keywords_row, "sensitive",
                          G_BINDING_SYNC_CREATE);

  tags = join_list (settings, "watched-tags");
  keywords = join_list (settings, "watched-keywords");
  gtk_editable_set_text (GTK_EDITABLE (self->tags_row), tags);
  gtk_editable_set_text (GTK_EDITABLE (self->keywords_row), keywords);
  g_signal_connect_swapped (self->tags_row, "apply", G_CALLBACK (tags_apply_cb), self);
  g_signal_connect_swapped (self->keywords_row, "apply", G_CALLBACK (keywords_apply_cb), self);
  return self;
}

/* For the tag management page that issue 5 adds. */
void
seismo_preferences_window_add_page (SeismoPreferencesWindow *self,
                                    AdwPreferencesPage      *page)
{
  g_return_if_fail (SEISMO_IS_PREFERENCES_WINDOW (self));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), page);
}
