/* seismo-sidebar-row.c — one filter in the timeline's sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "seismo-sidebar-row.h"

/* A row knows which filter it stands for, so that selecting it can set
 * the timeline's filter without looking anything up by its label. */
struct _SeismoSidebarRow
{
  GtkListBoxRow      parent_instance;

  SeismoSidebarKind  kind;
  char              *key;
  gint64             id;
  GtkLabel          *label;
  GtkLabel          *count;
  GtkImage          *warning;
};

G_DEFINE_FINAL_TYPE (SeismoSidebarRow, seismo_sidebar_row, GTK_TYPE_LIST_BOX_ROW)

static void
seismo_sidebar_row_finalize (GObject *object)
{
  SeismoSidebarRow *self = SEISMO_SIDEBAR_ROW (object);

  g_free (self->key);

  G_OBJECT_CLASS (seismo_sidebar_row_parent_class)->finalize (object);
}

static void
seismo_sidebar_row_class_init (SeismoSidebarRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = seismo_sidebar_row_finalize;
}

static void
seismo_sidebar_row_init (SeismoSidebarRow *self)
{
}

GtkWidget *
seismo_sidebar_row_new (SeismoSidebarKind  kind,
                        const char        *key,
                        gint64             id,
                        const char        *label,
                        const char        *icon_name)
{
  SeismoSidebarRow *self = g_object_new (SEISMO_TYPE_SIDEBAR_ROW, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);

  self->kind = kind;
  self->key = g_strdup (key);
  self->id = id;

  if (icon_name != NULL)
    gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon_name));

  self->label = GTK_LABEL (gtk_label_new (label));
  gtk_label_set_xalign (self->label, 0);
  gtk_label_set_ellipsize (self->label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->label));

  self->warning = GTK_IMAGE (gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  gtk_widget_add_css_class (GTK_WIDGET (self->warning), "warning");
  gtk_widget_set_visible (GTK_WIDGET (self->warning), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->warning));

  self->count = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->count), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->count), "numeric");
  gtk_widget_add_css_class (GTK_WIDGET (self->count), "caption");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->count));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return GTK_WIDGET (self);
}

SeismoSidebarKind
seismo_sidebar_row_get_kind (SeismoSidebarRow *self)
{
  g_return_val_if_fail (SEISMO_IS_SIDEBAR_ROW (self), SEISMO_SIDEBAR_ALL);
  return self->kind;
}

const char *
seismo_sidebar_row_get_key (SeismoSidebarRow *self)
{
  g_return_val_if_fail (SEISMO_IS_SIDEBAR_ROW (self), NULL);
  return self->key;
}

gint64
seismo_sidebar_row_get_id (SeismoSidebarRow *self)
{
  g_return_val_if_fail (SEISMO_IS_SIDEBAR_ROW (self), 0);
  return self->id;
}

/* "DeepSeek, 16": what a screen reader says of the row. */
static void
update_accessible_label (SeismoSidebarRow *self)
{
  const char *count = gtk_label_get_text (self->count);
  g_autofree char *accessible = NULL;

  accessible = *count != '\0' ? g_strdup_printf ("%s, %s", gtk_label_get_text (self->label), count)
                               : g_strdup (gtk_label_get_text (self->label));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}

void
seismo_sidebar_row_set_label (SeismoSidebarRow *self,
                              const char       *label)
{
  g_return_if_fail (SEISMO_IS_SIDEBAR_ROW (self));

  if (g_strcmp0 (gtk_label_get_text (self->label), label) == 0)
    return;
  gtk_label_set_text (self->label, label);
  update_accessible_label (self);
}

void
seismo_sidebar_row_set_count (SeismoSidebarRow *self,
                              guint             count)
{
  g_autofree char *text = NULL;

  g_return_if_fail (SEISMO_IS_SIDEBAR_ROW (self));

  text = count > 0 ? g_strdup_printf ("%u", count) : g_strdup ("");
  if (g_strcmp0 (gtk_label_get_text (self->count), text) == 0)
    return;
  gtk_label_set_text (self->count, text);
  update_accessible_label (self);
}

void
seismo_sidebar_row_set_warning (SeismoSidebarRow *self,
                                const char       *warning)
{
  g_return_if_fail (SEISMO_IS_SIDEBAR_ROW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->warning), warning != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), warning);
}

void
seismo_sidebar_row_apply (SeismoSidebarRow  *self,
                          SeismoEventFilter *filter)
{
  g_return_if_fail (SEISMO_IS_SIDEBAR_ROW (self));

  g_clear_pointer (&filter->company, g_free);
  g_clear_pointer (&filter->tag, g_free);
  filter->source_id = 0;
  filter->unread = filter->starred = filter->has_note = FALSE;

  switch (self->kind)
    {
    case SEISMO_SIDEBAR_ALL:
      break;
    case SEISMO_SIDEBAR_UNREAD:
      filter->unread = TRUE;
      break;
    case SEISMO_SIDEBAR_STARRED:
      filter->starred = TRUE;
      break;
    case SEISMO_SIDEBAR_NOTES:
      filter->has_note = TRUE;
      break;
    case SEISMO_SIDEBAR_COMPANY:
      filter->company = g_strdup (self->key);
      break;
    case SEISMO_SIDEBAR_TAG:
      filter->tag = g_strdup (self->key);
      break;
    case SEISMO_SIDEBAR_SOURCE:
      filter->source_id = self->id;
      break;
    default:
      g_assert_not_reached ();
    }
}
