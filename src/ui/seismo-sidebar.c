/* seismo-sidebar.c — the timeline's filters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "seismo-sidebar.h"
#include "seismo-sidebar-row.h"
#include "seismo-ui-util.h"

/* All, Unread, Starred, With notes; then the followed companies with their
 * unread counts, the tags, and the sources (marked when in error). The
 * counts are read in a worker thread; the selection survives a reload.
 *
 * A reload after a refresh mostly changes numbers: rows that stay where
 * they were are updated in place. Rows are made or updated FILL_CHUNK at a
 * time, between frames, so that a thousand sources never freeze the
 * window. */
#define FILL_CHUNK 24

typedef struct
{
  SeismoSidebarKind  kind;
  char              *key;
  gint64             id;
  char              *label;
  const char        *icon_name;
  guint              count;
  char              *warning;
} RowSpec;

struct _SeismoSidebar
{
  GtkWidget      parent_instance;

  SeismoStore   *store;
  GCancellable  *cancellable;
  GtkListBox    *list;
  GtkWidget     *scrolled;
  SeismoSidebarKind selected_kind;
  char          *selected_key;
  gboolean       filling;
  GArray        *plan;      /* RowSpec: the rows the list is being brought to */
  guint          plan_next; /* the first not yet applied */
  guint          fill_id;
};

G_DEFINE_FINAL_TYPE (SeismoSidebar, seismo_sidebar, GTK_TYPE_WIDGET)

enum {
  FILTER_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  SeismoTotals  totals;
  GPtrArray    *companies;
  GPtrArray    *tags;
  GPtrArray    *sources;
} Counts;

static void
counts_free (gpointer data)
{
  Counts *counts = data;

  g_clear_pointer (&counts->companies, g_ptr_array_unref);
  g_clear_pointer (&counts->tags, g_ptr_array_unref);
  g_clear_pointer (&counts->sources, g_ptr_array_unref);
  g_free (counts);
}

static gpointer
read_counts (SeismoStore  *store,
             gpointer      data,
             GError      **error)
{
  Counts *counts = g_new0 (Counts, 1);

  if (!seismo_store_get_totals (store, &counts->totals, error) ||
      (counts->companies = seismo_store_list_followed_companies (store, error)) == NULL ||
      (counts->tags = seismo_store_list_tags (store, error)) == NULL ||
      (counts->sources = seismo_store_list_sources (store, error)) == NULL)
    {
      counts_free (counts);
      return NULL;
    }
  return counts;
}

static void
row_spec_clear (gpointer data)
{
  RowSpec *spec = data;

  g_free (spec->key);
  g_free (spec->label);
  g_free (spec->warning);
}

static void
plan_row (SeismoSidebar     *self,
          SeismoSidebarKind  kind,
          const char        *key,
          gint64             id,
          const char        *label,
          const char        *icon_name,
          guint              count,
          const char        *warning)
{
  RowSpec spec = { kind, g_strdup (key), id, g_strdup (label), icon_name, count,
                   g_strdup (warning) };

  g_array_append_val (self->plan, spec);
}

static gboolean
row_matches (SeismoSidebarRow *row,
             const RowSpec    *spec)
{
  return seismo_sidebar_row_get_kind (row) == spec->kind &&
         g_strcmp0 (seismo_sidebar_row_get_key (row), spec->key) == 0;
}

/* Brings the next FILL_CHUNK rows of the list to the plan: a row in its
 * place is updated, anything else from there on is replaced. */
static gboolean
fill_chunk_cb (gpointer user_data)
{
  SeismoSidebar *self = user_data;
  guint end = MIN (self->plan->len, self->plan_next + FILL_CHUNK);
  GtkListBoxRow *old;

  self->filling = TRUE;
  for (; self->plan_next < end; self->plan_next++)
    {
      const RowSpec *spec = &g_array_index (self->plan, RowSpec, self->plan_next);
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, (int) self->plan_next);

      if (row != NULL && row_matches (SEISMO_SIDEBAR_ROW (row), spec))
        seismo_sidebar_row_set_label (SEISMO_SIDEBAR_ROW (row), spec->label);
      else
        {
          while ((old = gtk_list_box_get_row_at_index (self->list, (int) self->plan_next)) != NULL)
            gtk_list_box_remove (self->list, GTK_WIDGET (old));
          row = GTK_LIST_BOX_ROW (seismo_sidebar_row_new (spec->kind, spec->key, spec->id,
                                                          spec->label, spec->icon_name));
          gtk_list_box_append (self->list, GTK_WIDGET (row));
        }
      seismo_sidebar_row_set_count (SEISMO_SIDEBAR_ROW (row), spec->count);
      seismo_sidebar_row_set_warning (SEISMO_SIDEBAR_ROW (row), spec->warning);
      if (spec->kind == self->selected_kind && g_strcmp0 (spec->key, self->selected_key) == 0 &&
          !gtk_list_box_row_is_selected (row))
        gtk_list_box_select_row (self->list, row);
    }

  if (self->plan_next < self->plan->len)
    {
      self->filling = FALSE;
      return G_SOURCE_CONTINUE;
    }

  /* Done: what the plan no longer holds goes. */
  while ((old = gtk_list_box_get_row_at_index (self->list, (int) self->plan->len)) != NULL)
    gtk_list_box_remove (self->list, GTK_WIDGET (old));
  g_array_set_size (self->plan, 0);
  self->plan_next = 0;
  self->fill_id = 0;
  self->filling = FALSE;

  if (gtk_list_box_get_selected_row (self->list) == NULL)
    {
      /* What was selected is gone (an unfollowed company): back to All. */
      self->selected_kind = SEISMO_SIDEBAR_ALL;
      g_clear_pointer (&self->selected_key, g_free);
      self->filling = TRUE;
      gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, 0));
      self->filling = FALSE;
      g_signal_emit (self, signals[FILTER_CHANGED], 0);
    }
  return G_SOURCE_REMOVE;
}

static void
fill (SeismoSidebar *self,
      Counts        *counts)
{
  g_clear_handle_id (&self->fill_id, g_source_remove);
  g_array_set_size (self->plan, 0);
  self->plan_next = 0;

  plan_row (self, SEISMO_SIDEBAR_ALL, NULL, 0, _("All"), "view-list-symbolic", counts->totals.all,
            NULL);
  plan_row (self, SEISMO_SIDEBAR_UNREAD, NULL, 0, _("Unread"), "mail-unread-symbolic",
            counts->totals.unread, NULL);
  plan_row (self, SEISMO_SIDEBAR_STARRED, NULL, 0, _("Starred"), "starred-symbolic",
            counts->totals.starred, NULL);
  plan_row (self, SEISMO_SIDEBAR_NOTES, NULL, 0, _("With notes"), "document-edit-symbolic",
            counts->totals.with_notes, NULL);

  for (guint i = 0; i < counts->companies->len; i++)
    {
      SeismoCompany *company = g_ptr_array_index (counts->companies, i);

      if (seismo_company_get_followed (company))
        plan_row (self, SEISMO_SIDEBAR_COMPANY, seismo_company_get_slug (company), 0,
                  seismo_company_get_name (company), NULL, seismo_company_get_unread (company),
                  NULL);
    }
  seismo_ui_set_tag_colors (counts->tags);
  for (guint i = 0; i < counts->tags->len; i++)
    {
      SeismoTag *tag = g_ptr_array_index (counts->tags, i);
      g_autofree char *label = g_strconcat ("#", seismo_tag_get_name (tag), NULL);

      plan_row (self, SEISMO_SIDEBAR_TAG, seismo_tag_get_name (tag), 0, label, NULL,
                seismo_tag_get_events (tag), NULL);
    }
  for (guint i = 0; i < counts->sources->len; i++)
    {
      SeismoSource *source = g_ptr_array_index (counts->sources, i);
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, seismo_source_get_id (source));
      gboolean failing = seismo_source_get_status (source) == SEISMO_SOURCE_STATUS_ERROR;

      if (seismo_source_get_items (source) == 0 && !seismo_source_get_enabled (source))
        continue;
      plan_row (self, SEISMO_SIDEBAR_SOURCE, key, seismo_source_get_id (source),
                seismo_source_get_display_title (source), NULL, seismo_source_get_items (source),
                failing ? seismo_source_get_error (source) : NULL);
    }

  /* the first rows now, the rest between frames */
  if (fill_chunk_cb (self) == G_SOURCE_CONTINUE)
    self->fill_id = g_idle_add (fill_chunk_cb, self);
}

static void
counts_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SeismoSidebar) self = user_data;
  g_autoptr(GError) error = NULL;
  Counts *counts = seismo_store_run_finish (SEISMO_STORE (object), result, &error);

  if (counts == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot read the sidebar’s counts: %s", error->message);
      return;
    }
  fill (self, counts);
  counts_free (counts);
}

void
seismo_sidebar_reload (SeismoSidebar *self)
{
  g_return_if_fail (SEISMO_IS_SIDEBAR (self));

  if (self->store == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  seismo_store_run_async (self->store, read_counts, NULL, NULL, counts_free, self->cancellable,
                          counts_read_cb, g_object_ref (self));
}

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  SeismoSidebarKind kind = seismo_sidebar_row_get_kind (SEISMO_SIDEBAR_ROW (row));
  SeismoSidebarKind previous = before != NULL ? seismo_sidebar_row_get_kind (SEISMO_SIDEBAR_ROW (before))
                                              : SEISMO_SIDEBAR_ALL;
  const char *title = NULL;

  if (kind != previous || before == NULL)
    switch (kind)
      {
      case SEISMO_SIDEBAR_COMPANY:
        title = _("Companies");
        break;
      case SEISMO_SIDEBAR_TAG:
        title = _("Tags");
        break;
      case SEISMO_SIDEBAR_SOURCE:
        title = _("Sources");
        break;
      default:
        break;
      }

  if (title != NULL)
    {
      GtkWidget *label = gtk_label_new (title);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "sidebar-heading");
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_list_box_row_set_header (row, label);
    }
  else
    gtk_list_box_row_set_header (row, NULL);
}

static void
row_selected_cb (SeismoSidebar *self,
                 GtkListBoxRow *row)
{
  if (row == NULL || self->filling)
    return;
  self->selected_kind = seismo_sidebar_row_get_kind (SEISMO_SIDEBAR_ROW (row));
  g_free (self->selected_key);
  self->selected_key = g_strdup (seismo_sidebar_row_get_key (SEISMO_SIDEBAR_ROW (row)));
  g_signal_emit (self, signals[FILTER_CHANGED], 0);
}

static void
seismo_sidebar_dispose (GObject *object)
{
  SeismoSidebar *self = SEISMO_SIDEBAR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->fill_id, g_source_remove);
  g_clear_object (&self->store);
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);

  G_OBJECT_CLASS (seismo_sidebar_parent_class)->dispose (object);
}

static void
seismo_sidebar_finalize (GObject *object)
{
  g_free (SEISMO_SIDEBAR (object)->selected_key);
  g_array_unref (SEISMO_SIDEBAR (object)->plan);

  G_OBJECT_CLASS (seismo_sidebar_parent_class)->finalize (object);
}

static void
seismo_sidebar_class_init (SeismoSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seismo_sidebar_dispose;
  object_class->finalize = seismo_sidebar_finalize;

  /**
   * SeismoSidebar::filter-changed:
   *
   * The user picked another filter; seismo_sidebar_apply() says which.
   */
  signals[FILTER_CHANGED] = g_signal_new ("filter-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "seismosidebar");
}

static void
seismo_sidebar_init (SeismoSidebar *self)
{
  self->plan = g_array_new (FALSE, FALSE, sizeof (RowSpec));
  g_array_set_clear_func (self->plan, row_spec_clear);
  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_BROWSE);
  gtk_list_box_set_header_func (self->list, header_func, NULL, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Filters"), -1);
  g_signal_connect_swapped (self->list, "row-selected", G_CALLBACK (row_selected_cb), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), GTK_WIDGET (self->list));
}

void
seismo_sidebar_set_store (SeismoSidebar *self,
                          SeismoStore   *store)
{
  g_return_if_fail (SEISMO_IS_SIDEBAR (self));

  if (g_set_object (&self->store, store))
    seismo_sidebar_reload (self);
}

void
seismo_sidebar_apply (SeismoSidebar     *self,
                      SeismoEventFilter *filter)
{
  GtkListBoxRow *row;

  g_return_if_fail (SEISMO_IS_SIDEBAR (self));

  row = gtk_list_box_get_selected_row (self->list);
  if (row != NULL)
    seismo_sidebar_row_apply (SEISMO_SIDEBAR_ROW (row), filter);
}

/**
 * seismo_sidebar_select:
 * @kind: "all", "unread", "starred", "notes", "company", "tag" or "source"
 * @key: the company slug, tag name or source id
 *
 * Selects a filter as if the user had clicked it; FALSE if there is no
 * such row (yet).
 */
gboolean
seismo_sidebar_select (SeismoSidebar *self,
                       const char    *kind,
                       const char    *key)
{
  static const char * const kinds[] = { "all", "unread", "starred", "notes", "company", "tag",
                                        "source" };

  g_return_val_if_fail (SEISMO_IS_SIDEBAR (self), FALSE);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      SeismoSidebarRow *row;

      if (!SEISMO_IS_SIDEBAR_ROW (child))
        continue;
      row = SEISMO_SIDEBAR_ROW (child);
      if (g_strcmp0 (kinds[seismo_sidebar_row_get_kind (row)], kind) != 0)
        continue;
      if (key == NULL || g_strcmp0 (key, seismo_sidebar_row_get_key (row)) == 0)
        {
          gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (row));
          return TRUE;
        }
    }
  return FALSE;
}
