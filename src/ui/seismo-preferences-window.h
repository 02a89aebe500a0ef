/* seismo-preferences-window.h — the app's settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SEISMO_TYPE_PREFERENCES_WINDOW (seismo_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (SeismoPreferencesWindow, seismo_preferences_window, SEISMO,
                      PREFERENCES_WINDOW, AdwPreferencesWindow)

SeismoPreferencesWindow *seismo_preferences_window_new      (GtkWindow               *parent,
                                                             GSettings               *settings);
void                     seismo_preferences_window_add_page (SeismoPreferencesWindow *self,
                                                             AdwPreferencesPage      *page);

G_END_DECLS
