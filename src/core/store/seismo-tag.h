/* seismo-tag.h — a label on events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SEISMO_TYPE_TAG (seismo_tag_get_type ())

G_DECLARE_FINAL_TYPE (SeismoTag, seismo_tag, SEISMO, TAG, GObject)

SeismoTag   *seismo_tag_new              (gint64       id,
                                          const char  *name,
                                          const char  *color,
                                          const char  *description,
                                          guint        events,
                                          guint        unread);
gint64       seismo_tag_get_id           (SeismoTag   *self);
const char  *seismo_tag_get_name         (SeismoTag   *self);
const char  *seismo_tag_get_color        (SeismoTag   *self);
const char  *seismo_tag_get_description  (SeismoTag   *self);
guint        seismo_tag_get_events       (SeismoTag   *self);
guint        seismo_tag_get_unread       (SeismoTag   *self);

G_END_DECLS
