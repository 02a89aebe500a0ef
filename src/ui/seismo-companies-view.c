/* seismo-companies-view.c — the companies as cards, and one company's panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "seismo-companies-view.h"
#include "seismo-ui-util.h"

/* The Companies view: a searchable grid of company cards, followed ones
 * first and the busiest first among them (or by activity alone, or by
 * name); a card opens the company's panel in place of the grid, and the
 * panel's back button (or Alt+←) returns to it.
 *
 * The companies and their 90-day activity are read together in a worker
 * thread. Cards and panel bind their follow switches to the same
 * SeismoCompany, and this view alone writes "followed" to the store, one
 * write per company at a time so that quick toggles land in order. The
 * grid is not re-sorted when a switch flips (a card must not jump away
 * from under the pointer); the next reload sorts it. */

#define N_DAYS 90

#define SORT_FOLLOWED 0
#define SORT_ACTIVE   1
#define SORT_NAME     2

struct _SeismoCompaniesView
{
  GtkWidget           parent_instance;

  SeismoStore        *store;
  GSettings          *settings;
  GCancellable       *cancellable;
  GListStore         *companies;   /* of SeismoCompany */
  GHashTable         *activities;  /* slug -> SeismoCompanyActivity */
  GHashTable         *writes;      /* slug -> 1 while written, 2 if toggled again meanwhile */
  GtkCustomSorter    *sorter;
  GtkCustomFilter    *filter;
  GtkFilterListModel *visible;
  char               *search;      /* casefolded, or NULL */
  char               *pending_slug; /* show_company() before the list was in */
  gboolean            loading;
  gboolean            loaded;
  gboolean            stale;       /* to read when next shown */
  gboolean            failed;
  gboolean            reverting;

  GtkStack           *stack;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *sort_dropdown;
  GtkStack           *grid_stack;
  GtkFlowBox         *flow_box;
  AdwStatusPage      *status_page;
  GtkWidget          *retry_button;
  SeismoCompanyPanel *panel;
};

G_DEFINE_FINAL_TYPE (SeismoCompaniesView, seismo_companies_view, GTK_TYPE_WIDGET)

enum {
  OPEN_EVENT,
  FOLLOWED_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void followed_notify_cb (SeismoCompaniesView *self,
                                GParamSpec          *pspec,
                                SeismoCompany       *company);

/* Sorting and searching */

static gint64
latest_of (SeismoCompaniesView *self,
           SeismoCompany       *company)
{
  SeismoCompanyActivity *activity = g_hash_table_lookup (self->activities,
                                                         seismo_company_get_slug (company));

  return activity != NULL ? activity->latest : 0;
}

/* Larger first. */
#define BY(a, b) G_STMT_START {                                               \
    if ((a) != (b))                                                           \
      return (a) > (b) ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;          \
  } G_STMT_END

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  SeismoCompaniesView *self = user_data;
  SeismoCompany *ca = SEISMO_COMPANY ((gpointer) a);
  SeismoCompany *cb = SEISMO_COMPANY ((gpointer) b);
  guint order = gtk_drop_down_get_selected (self->sort_dropdown);
  g_autofree char *na = NULL;
  g_autofree char *nb = NULL;

  if (order == SORT_FOLLOWED)
    BY (seismo_company_get_followed (ca), seismo_company_get_followed (cb));
  if (order != SORT_NAME)
    {
      BY (seismo_company_get_events_30d (ca), seismo_company_get_events_30d (cb));
      if (order == SORT_ACTIVE)
        BY (seismo_company_get_events_total (ca), seismo_company_get_events_total (cb));
      BY (latest_of (self, ca), latest_of (self, cb));
    }
  na = g_utf8_collate_key (seismo_company_get_name (ca), -1);
  nb = g_utf8_collate_key (seismo_company_get_name (cb), -1);
  return gtk_ordering_from_cmpfunc (strcmp (na, nb));
}

#undef BY

static gboolean
contains_casefolded (const char *text,
                     const char *needle)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;
  folded = g_utf8_casefold (text, -1);
  return strstr (folded, needle) != NULL;
}

/* By name, or by any name the matcher knows it by ("ChatGPT" finds OpenAI). */
static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  SeismoCompaniesView *self = user_data;
  SeismoCompany *company = item;
  const char * const *aliases;

  if (self->search == NULL)
    return TRUE;
  if (contains_casefolded (seismo_company_get_name (company), self->search))
    return TRUE;
  aliases = seismo_company_get_aliases (company);
  for (guint i = 0; aliases != NULL && aliases[i] != NULL; i++)
    if (contains_casefolded (aliases[i], self->search))
      return TRUE;
  return FALSE;
}

static void
update_page (SeismoCompaniesView *self)
{
  if (self->failed)
    return;
  if (!self->loaded)
    {
      gtk_stack_set_visible_child_name (self->grid_stack, "loading");
      return;
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (self->visible)) > 0)
    {
      gtk_stack_set_visible_child_name (self->grid_stack, "grid");
      return;
    }

  gtk_widget_set_visible (self->retry_button, FALSE);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->companies)) == 0)
    {
      adw_status_page_set_icon_name (self->status_page, "system-users-symbolic");
      adw_status_page_set_title (self->status_page, _("No Companies"));
      adw_status_page_set_description (self->status_page,
                                       _("This database has no companies to follow. A new "
                                         "database starts with the companies of the starter "
                                         "pack."));
    }
  else
    {
      adw_status_page_set_icon_name (self->status_page, "system-search-symbolic");
      adw_status_page_set_title (self->status_page, _("No Results"));
      adw_status_page_set_description (self->status_page,
                                       _("No company has that name. Try another name or a "
                                         "product, such as “ChatGPT”."));
    }
  gtk_stack_set_visible_child_name (self->grid_stack, "status");
}

static void
search_changed_cb (SeismoCompaniesView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->search, g_free);
  if (stripped[0] != '\0')
    self->search = g_utf8_casefold (stripped, -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_page (self);
}

static void
sort_changed_cb (SeismoCompaniesView *self)
{
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

/* Cards */

static GtkWidget *
create_card_cb (gpointer item,
                gpointer user_data)
{
  SeismoCompaniesView *self = user_data;
  SeismoCompany *company = item;
  GtkWidget *card = seismo_company_card_new ();

  seismo_company_card_set_company (SEISMO_COMPANY_CARD (card), company);
  seismo_company_card_set_activity (SEISMO_COMPANY_CARD (card),
                                    g_hash_table_lookup (self->activities,
                                                         seismo_company_get_slug (company)));
  return card;
}

static void
show_panel (SeismoCompaniesView *self,
            SeismoCompany       *company)
{
  seismo_company_panel_show (self->panel, company);
  gtk_stack_set_visible_child_name (self->stack, "panel");
}

static void
card_activated_cb (SeismoCompaniesView *self,
                   GtkFlowBoxChild     *child)
{
  SeismoCompanyCard *card = SEISMO_COMPANY_CARD (gtk_flow_box_child_get_child (child));

  show_panel (self, seismo_company_card_get_company (card));
}

static GtkFlowBoxChild *
find_child (SeismoCompaniesView *self,
            const char          *slug)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->flow_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      SeismoCompanyCard *card;

      if (!GTK_IS_FLOW_BOX_CHILD (child))
        continue;
      card = SEISMO_COMPANY_CARD (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child)));
      if (g_strcmp0 (seismo_company_get_slug (seismo_company_card_get_company (card)), slug) == 0)
        return GTK_FLOW_BOX_CHILD (child);
    }
  return NULL;
}

static void
panel_back_cb (SeismoCompaniesView *self)
{
  SeismoCompany *company = seismo_company_panel_get_company (self->panel);
  GtkFlowBoxChild *child;

  gtk_stack_set_visible_child_name (self->stack, "grid");
  /* Back on the card the user came from. */
  child = company != NULL ? find_child (self, seismo_company_get_slug (company)) : NULL;
  if (child != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (child));
}

static void
panel_open_event_cb (SeismoCompaniesView *self,
                     gint64               event_id)
{
  g_signal_emit (self, signals[OPEN_EVENT], 0, event_id);
}

/* Following */

typedef struct
{
  char     *slug;
  gboolean  followed;
} FollowWrite;

static void
follow_write_free (gpointer data)
{
  FollowWrite *write = data;

  g_free (write->slug);
  g_free (write);
}

static gpointer
follow_job (SeismoStore  *store,
            gpointer      data,
            GError      **error)
{
  FollowWrite *write = data;

  if (!seismo_store_set_followed (store, write->slug, write->followed, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static SeismoCompany *
find_company (SeismoCompaniesView *self,
              const char          *slug)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->companies));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SeismoCompany) company = g_list_model_get_item (G_LIST_MODEL (self->companies), i);

      if (g_str_equal (seismo_company_get_slug (company), slug))
        return company; /* the store keeps it alive */
    }
  return NULL;
}

static void write_followed (SeismoCompaniesView *self,
                            const char          *slug,
                            gboolean             followed);

typedef struct
{
  SeismoCompaniesView *self;
  char                *slug;
  gboolean             followed;
} FollowDone;

static void
followed_written_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  FollowDone *done = user_data;
  SeismoCompaniesView *self = done->self;
  g_autoptr(GError) error = NULL;
  SeismoCompany *company;
  gboolean ok, again;

  ok = seismo_store_run_finish (SEISMO_STORE (object), result, &error) != NULL;
  again = GPOINTER_TO_INT (g_hash_table_lookup (self->writes, done->slug)) == 2;
  g_hash_table_remove (self->writes, done->slug);
  company = self->companies != NULL ? find_company (self, done->slug) : NULL;

  if (!ok)
    {
      seismo_ui_show_error (GTK_WIDGET (self), _("Cannot change what you follow"), error);
      if (company != NULL && !again)
        {
          self->reverting = TRUE;
          seismo_company_set_followed (company, !done->followed);
          self->reverting = FALSE;
        }
    }
  /* The switch moved again while the store was written: write where it is now. */
  if (again && company != NULL && seismo_company_get_followed (company) != done->followed)
    write_followed (self, done->slug, seismo_company_get_followed (company));
  else if (ok)
    g_signal_emit (self, signals[FOLLOWED_CHANGED], 0);

  g_object_unref (done->self);
  g_free (done->slug);
  g_free (done);
}

static void
write_followed (SeismoCompaniesView *self,
                const char          *slug,
                gboolean             followed)
{
  FollowWrite *write;
  FollowDone *done;

  if (g_hash_table_contains (self->writes, slug))
    {
      g_hash_table_insert (self->writes, g_strdup (slug), GINT_TO_POINTER (2));
      return;
    }
  g_hash_table_insert (self->writes, g_strdup (slug), GINT_TO_POINTER (1));

  write = g_new0 (FollowWrite, 1);
  write->slug = g_strdup (slug);
  write->followed = followed;
  done = g_new0 (FollowDone, 1);
  done->self = g_object_ref (self);
  done->slug = g_strdup (slug);
  done->followed = followed;
  seismo_store_run_async (self->store, follow_job, write, follow_write_free, NULL, NULL,
                          followed_written_cb, done);
}

static void
followed_notify_cb (SeismoCompaniesView *self,
                    GParamSpec          *pspec,
                    SeismoCompany       *company)
{
  if (self->reverting || self->store == NULL)
    return;
  write_followed (self, seismo_company_get_slug (company), seismo_company_get_followed (company));
}

/* Loading */

typedef struct
{
  GPtrArray  *companies;
  GHashTable *activities;
} Loaded;

static void
loaded_free (gpointer data)
{
  Loaded *loaded = data;

  g_clear_pointer (&loaded->companies, g_ptr_array_unref);
  g_clear_pointer (&loaded->activities, g_hash_table_unref);
  g_free (loaded);
}

static gpointer
load_job (SeismoStore  *store,
          gpointer      data,
          GError      **error)
{
  Loaded *loaded = g_new0 (Loaded, 1);

  loaded->activities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) seismo_company_activity_free);
  loaded->companies = seismo_store_list_companies (store, g_get_real_time () / G_USEC_PER_SEC,
                                                   error);
  if (loaded->companies == NULL)
    {
      loaded_free (loaded);
      return NULL;
    }
  for (guint i = 0; i < loaded->companies->len; i++)
    {
      const char *slug = seismo_company_get_slug (g_ptr_array_index (loaded->companies, i));
      SeismoCompanyActivity *activity;

      activity = seismo_company_activity_read (store, slug, N_DAYS, FALSE, error);

      if (activity == NULL)
        {
          loaded_free (loaded);
          return NULL;
        }
      g_hash_table_insert (loaded->activities, g_strdup (slug), activity);
    }
  return loaded;
}

static void
disconnect_companies (SeismoCompaniesView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->companies));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SeismoCompany) company = g_list_model_get_item (G_LIST_MODEL (self->companies), i);

      g_signal_handlers_disconnect_by_func (company, followed_notify_cb, self);
    }
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SeismoCompaniesView) self = user_data;
  g_autoptr(GError) error = NULL;
  Loaded *loaded = seismo_store_run_finish (SEISMO_STORE (object), result, &error);
  SeismoCompany *shown = seismo_company_panel_get_company (self->panel);
  g_autofree char *pending = g_steal_pointer (&self->pending_slug);

  if (loaded == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  if (loaded == NULL)
    {
      self->failed = TRUE;
      adw_status_page_set_icon_name (self->status_page, "dialog-error-symbolic");
      adw_status_page_set_title (self->status_page, _("Cannot Read the Companies"));
      adw_status_page_set_description (self->status_page, error->message);
      gtk_widget_set_visible (self->retry_button, TRUE);
      gtk_stack_set_visible_child_name (self->grid_stack, "status");
      return;
    }

  self->failed = FALSE;
  self->loaded = TRUE;
  g_hash_table_unref (self->activities);
  self->activities = g_steal_pointer (&loaded->activities);
  disconnect_companies (self);
  for (guint i = 0; i < loaded->companies->len; i++)
    g_signal_connect_object (g_ptr_array_index (loaded->companies, i), "notify::followed",
                             G_CALLBACK (followed_notify_cb), self, G_CONNECT_SWAPPED);
  g_list_store_splice (self->companies, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->companies)),
                       loaded->companies->pdata, loaded->companies->len);
  loaded_free (loaded);
  update_page (self);

  /* The panel follows the new objects, or goes if its company went. */
  if (shown != NULL)
    {
      SeismoCompany *fresh = find_company (self, seismo_company_get_slug (shown));

      if (fresh != NULL)
        seismo_company_panel_show (self->panel, fresh); /* reads it all anew */
      else if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "panel"))
        gtk_stack_set_visible_child_name (self->stack, "grid");
    }
  if (pending != NULL)
    seismo_companies_view_show_company (self, pending);
}

static void load (SeismoCompaniesView *self);

/* Read on first sight, not at startup: the window opens on the Timeline. */
static void
seismo_companies_view_map (GtkWidget *widget)
{
  SeismoCompaniesView *self = SEISMO_COMPANIES_VIEW (widget);

  GTK_WIDGET_CLASS (seismo_companies_view_parent_class)->map (widget);
  if (self->stale)
    load (self);
}

static void
reload_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  seismo_companies_view_reload (SEISMO_COMPANIES_VIEW (widget));
}

static void
seismo_companies_view_dispose (GObject *object)
{
  SeismoCompaniesView *self = SEISMO_COMPANIES_VIEW (object);
  GtkWidget *child;

  if (self->panel != NULL)
    seismo_company_panel_save_note (self->panel);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->flow_box != NULL)
    gtk_flow_box_bind_model (self->flow_box, NULL, NULL, NULL, NULL);
  if (self->companies != NULL)
    disconnect_companies (self);
  g_clear_object (&self->visible);
  g_clear_object (&self->companies);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEISMO_TYPE_COMPANIES_VIEW);
  /* Template children without a bound field are not unparented by it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (seismo_companies_view_parent_class)->dispose (object);
}

static void
seismo_companies_view_finalize (GObject *object)
{
  SeismoCompaniesView *self = SEISMO_COMPANIES_VIEW (object);

  g_hash_table_unref (self->activities);
  g_hash_table_unref (self->writes);
  g_free (self->search);
  g_free (self->pending_slug);

  G_OBJECT_CLASS (seismo_companies_view_parent_class)->finalize (object);
}

static void
seismo_companies_view_class_init (SeismoCompaniesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seismo_companies_view_dispose;
  object_class->finalize = seismo_companies_view_finalize;
  widget_class->map = seismo_companies_view_map;

  /**
   * SeismoCompaniesView::open-event:
   * @event_id: the event picked in a company's timeline
   */
  signals[OPEN_EVENT] = g_signal_new ("open-event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * SeismoCompaniesView::followed-changed:
   *
   * The store now follows a company more or less: the sidebar reloads.
   */
  signals[FOLLOWED_CHANGED] = g_signal_new ("followed-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);

  g_type_ensure (SEISMO_TYPE_COMPANY_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/seismograph/Seismograph/seismo-companies-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SeismoCompaniesView, stack);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompaniesView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompaniesView, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompaniesView, grid_stack);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompaniesView, flow_box);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompaniesView, status_page);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompaniesView, retry_button);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompaniesView, panel);
  gtk_widget_class_install_action (widget_class, "companies.reload", NULL, reload_activated);
  gtk_widget_class_set_css_name (widget_class, "companiesview");
}

static void
seismo_companies_view_init (SeismoCompaniesView *self)
{
  g_autoptr(GtkSortListModel) sorted = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->activities = g_hash_table_new (g_str_hash, g_str_equal);
  self->writes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->companies = g_list_store_new (SEISMO_TYPE_COMPANY);
  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->companies)),
                                    GTK_SORTER (self->sorter));
  self->visible = gtk_filter_list_model_new (G_LIST_MODEL (g_steal_pointer (&sorted)),
                                             GTK_FILTER (self->filter));
  gtk_flow_box_bind_model (self->flow_box, G_LIST_MODEL (self->visible), create_card_cb, self,
                           NULL);

  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb),
                            self);
  g_signal_connect_swapped (self->sort_dropdown, "notify::selected", G_CALLBACK (sort_changed_cb),
                            self);
  g_signal_connect_swapped (self->flow_box, "child-activated", G_CALLBACK (card_activated_cb),
                            self);
  g_signal_connect_swapped (self->panel, "back", G_CALLBACK (panel_back_cb), self);
  g_signal_connect_swapped (self->panel, "open-event", G_CALLBACK (panel_open_event_cb), self);
  update_page (self);
}

GtkWidget *
seismo_companies_view_new (void)
{
  return g_object_new (SEISMO_TYPE_COMPANIES_VIEW, NULL);
}

void
seismo_companies_view_set_store (SeismoCompaniesView *self,
                                 SeismoStore         *store,
                                 GSettings           *settings)
{
  g_return_if_fail (SEISMO_IS_COMPANIES_VIEW (self));
  g_return_if_fail (SEISMO_IS_STORE (store));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  g_set_object (&self->settings, settings);
  g_set_object (&self->store, store);
  seismo_company_panel_set_store (self->panel, store);
  seismo_companies_view_reload (self);
}

static void
load (SeismoCompaniesView *self)
{
  self->stale = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  if (self->failed)
    {
      self->failed = FALSE;
      gtk_stack_set_visible_child_name (self->grid_stack, "loading");
    }
  seismo_store_run_async (self->store, load_job, NULL, NULL, loaded_free, self->cancellable,
                          loaded_cb, g_object_ref (self));
}

/* After a refresh, an import or a change elsewhere (the sidebar, the CLI):
 * now if the view is on screen, else when it is next shown. */
void
seismo_companies_view_reload (SeismoCompaniesView *self)
{
  g_return_if_fail (SEISMO_IS_COMPANIES_VIEW (self));

  if (self->store == NULL)
    return;
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) || self->pending_slug != NULL)
    load (self);
}

/**
 * seismo_companies_view_show_company:
 * @slug: the company to open
 *
 * Opens the company's panel; before the list is read, as soon as it is.
 */
void
seismo_companies_view_show_company (SeismoCompaniesView *self,
                                    const char          *slug)
{
  SeismoCompany *company;

  g_return_if_fail (SEISMO_IS_COMPANIES_VIEW (self));
  g_return_if_fail (slug != NULL);

  if (!self->loaded)
    {
      g_free (self->pending_slug);
      self->pending_slug = g_strdup (slug);
      if (self->stale && !self->loading)
        load (self);
      return;
    }
  company = find_company (self, slug);
  if (company == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("There is no company “%s”"), slug);

      seismo_ui_show_toast (GTK_WIDGET (self), message);
      return;
    }
  show_panel (self, company);
}

/* TRUE while the companies are read, and while they wait to be read when
 * the view is next shown. */
gboolean
seismo_companies_view_get_loading (SeismoCompaniesView *self)
{
  g_return_val_if_fail (SEISMO_IS_COMPANIES_VIEW (self), FALSE);
  return self->loading || self->stale;
}

/* The companies as the grid shows them: sorted and searched. */
GListModel *
seismo_companies_view_get_model (SeismoCompaniesView *self)
{
  g_return_val_if_fail (SEISMO_IS_COMPANIES_VIEW (self), NULL);
  return G_LIST_MODEL (self->visible);
}

SeismoCompanyCard *
seismo_companies_view_get_card (SeismoCompaniesView *self,
                                const char          *slug)
{
  GtkFlowBoxChild *child;

  g_return_val_if_fail (SEISMO_IS_COMPANIES_VIEW (self), NULL);

  child = find_child (self, slug);
  return child != NULL ? SEISMO_COMPANY_CARD (gtk_flow_box_child_get_child (child)) : NULL;
}

SeismoCompanyPanel *
seismo_companies_view_get_panel (SeismoCompaniesView *self)
{
  g_return_val_if_fail (SEISMO_IS_COMPANIES_VIEW (self), NULL);
  return self->panel;
}

gboolean
seismo_companies_view_get_showing_panel (SeismoCompaniesView *self)
{
  g_return_val_if_fail (SEISMO_IS_COMPANIES_VIEW (self), FALSE);
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "panel") == 0;
}

void
seismo_companies_view_set_search (SeismoCompaniesView *self,
                                  const char          *text)
{
  g_return_if_fail (SEISMO_IS_COMPANIES_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  search_changed_cb (self);
}
