/* seismo-records.h — the row types the store hands out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "seismo-company.h"
#include "seismo-event.h"
#include "seismo-note.h"
#include "seismo-source.h"
#include "seismo-tag.h"

G_BEGIN_DECLS

/* The counts beside the sidebar's fixed filters. */
typedef struct
{
  guint all;
  guint unread;
  guint starred;
  guint with_notes;
} SeismoTotals;

G_END_DECLS
