/* seismo-window.h — the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seismo-application.h"
#include "seismo-store.h"
#include "seismo-timeline-view.h"

G_BEGIN_DECLS

#define SEISMO_TYPE_WINDOW (seismo_window_get_type ())

G_DECLARE_FINAL_TYPE (SeismoWindow, seismo_window, SEISMO, WINDOW, AdwApplicationWindow)

SeismoWindow       *seismo_window_new               (SeismoApplication *app);
void                seismo_window_set_store         (SeismoWindow      *self,
                                                     SeismoStore       *store);
void                seismo_window_show_error        (SeismoWindow      *self,
                                                     const GError      *error);
void                seismo_window_show_toast        (SeismoWindow      *self,
                                                     const char        *message);
SeismoStore        *seismo_window_get_store         (SeismoWindow      *self);
void                seismo_window_reload            (SeismoWindow      *self);
void                seismo_window_search            (SeismoWindow      *self,
                                                     const char        *text);
void                seismo_window_open_event        (SeismoWindow      *self,
                                                     gint64             event_id);
gboolean            seismo_window_show_filter       (SeismoWindow      *self,
                                                     const char        *kind,
                                                     const char        *key);
SeismoTimelineView *seismo_window_get_timeline_view (SeismoWindow      *self);

G_END_DECLS
