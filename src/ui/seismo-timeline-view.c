/* seismo-timeline-view.c — filters, events under day headers, and the detail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "seismo-event-detail.h"
#include "seismo-event-list.h"
#include "seismo-event-row.h"
#include "seismo-sidebar.h"
#include "seismo-timeline-view.h"

/* The Timeline: the sidebar's filter and the search make the filter of a
 * lazy event list; selecting a row shows it in the detail pane (and marks
 * it read, if the user wants that). On a narrow window the sidebar folds
 * away and the list and the detail take turns. */
struct _SeismoTimelineView
{
  GtkWidget          parent_instance;

  SeismoStore       *store;
  SeismoEventList   *events;
  GtkSingleSelection *selection;
  SeismoEventFilter *filter;
  GSettings         *settings;
  gboolean           narrow;
  gboolean           showing_detail;

  AdwFlap           *flap;
  SeismoSidebar     *sidebar;
  GtkPaned          *paned;
  GtkStack          *list_stack;
  GtkGridView       *list_view;
  AdwStatusPage     *empty_page;
  SeismoEventDetail *detail;
};

G_DEFINE_FINAL_TYPE (SeismoTimelineView, seismo_timeline_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FLAP_REVEALED,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
filter_is_default (const SeismoEventFilter *filter)
{
  return filter->company == NULL && filter->tag == NULL && filter->source_id == 0 &&
         !filter->unread && !filter->starred && !filter->has_note;
}

static void
update_visible_page (SeismoTimelineView *self)
{
  guint n;

  if (self->events == NULL || seismo_event_list_get_loading (self->events))
    {
      /* Keep showing the old rows while a reload reads the new ones. */
      if (self->events == NULL ||
          g_list_model_get_n_items (G_LIST_MODEL (self->events)) == 0)
        gtk_stack_set_visible_child_name (self->list_stack, "loading");
      return;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->events));
  if (n > 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }

  if (self->filter->search != NULL)
    {
      adw_status_page_set_icon_name (self->empty_page, "system-search-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Results"));
      adw_status_page_set_description (self->empty_page,
                                       _("No event matches these words. Try fewer or other words."));
    }
  else if (!filter_is_default (self->filter))
    {
      adw_status_page_set_icon_name (self->empty_page, "seismo-filter-symbolic");
      adw_status_page_set_title (self->empty_page, _("Nothing Here"));
      adw_status_page_set_description (self->empty_page,
                                       _("No event matches this filter. Pick “All” in the sidebar "
                                         "to see the whole timeline."));
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, "io.github.seismograph.Seismograph-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Events Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("Refresh to fetch the news from your sources, or add "
                                         "sources from the main menu."));
    }
  gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

static void
update_panes (SeismoTimelineView *self)
{
  GtkWidget *list = GTK_WIDGET (self->list_stack);
  GtkWidget *detail = GTK_WIDGET (self->detail);

  if (!self->narrow)
    {
      gtk_widget_set_visible (list, TRUE);
      gtk_widget_set_visible (detail, TRUE);
    }
  else
    {
      gtk_widget_set_visible (list, !self->showing_detail);
      gtk_widget_set_visible (detail, self->showing_detail);
    }
  seismo_event_detail_set_narrow (self->detail, self->narrow);
}

/* Rows */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (item, seismo_event_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  seismo_event_row_set_event (SEISMO_EVENT_ROW (gtk_list_item_get_child (item)),
                              gtk_list_item_get_item (item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  seismo_event_row_set_event (SEISMO_EVENT_ROW (gtk_list_item_get_child (item)), NULL);
}

/* Selection */

typedef struct
{
  gint64 id;
} MarkRead;

static gpointer
mark_read_job (SeismoStore  *store,
               gpointer      data,
               GError      **error)
{
  if (!seismo_store_set_event_flag (store, ((MarkRead *) data)->id, SEISMO_EVENT_FLAG_READ, TRUE,
                                    error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
mark_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SeismoTimelineView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (seismo_store_run_finish (SEISMO_STORE (object), result, &error) != NULL)
    seismo_sidebar_reload (self->sidebar);
}

static SeismoEvent *
selected_event (SeismoTimelineView *self)
{
  SeismoEvent *event;

  if (self->selection == NULL)
    return NULL;
  event = gtk_single_selection_get_selected_item (self->selection);
  if (event == NULL || seismo_event_get_placeholder (event))
    return NULL;
  return event;
}

static void
selection_changed_cb (SeismoTimelineView *self)
{
  SeismoEvent *event = selected_event (self);

  seismo_event_detail_show (self->detail, event);
  if (event == NULL)
    return;

  if (!seismo_event_get_read (event) &&
      (self->settings == NULL || g_settings_get_boolean (self->settings, "mark-read-on-select")))
    {
      MarkRead *mark = g_new0 (MarkRead, 1);

      mark->id = seismo_event_get_id (event);
      seismo_event_set_read (event, TRUE);
      seismo_store_run_async (self->store, mark_read_job, mark, g_free, NULL, NULL, mark_read_cb,
                              g_object_ref (self));
    }
}

static void
list_activate_cb (SeismoTimelineView *self,
                  guint               position)
{
  gtk_single_selection_set_selected (self->selection, position);
  if (self->narrow)
    {
      self->showing_detail = TRUE;
      update_panes (self);
    }
  else
    gtk_widget_child_focus (GTK_WIDGET (self->detail), GTK_DIR_TAB_FORWARD);
}

static void
detail_back_cb (SeismoTimelineView *self)
{
  self->showing_detail = FALSE;
  update_panes (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
detail_changed_cb (SeismoTimelineView *self)
{
  seismo_sidebar_reload (self->sidebar);
}

static void
events_loaded_cb (SeismoTimelineView *self)
{
  update_visible_page (self);
}

static void
events_failed_cb (SeismoTimelineView *self,
                  GError             *error)
{
  adw_status_page_set_icon_name (self->empty_page, "dialog-error-symbolic");
  adw_status_page_set_title (self->empty_page, _("Cannot Read the Timeline"));
  adw_status_page_set_description (self->empty_page, error->message);
  gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

static void
apply_filter (SeismoTimelineView *self)
{
  if (self->events == NULL)
    return;
  seismo_event_list_set_filter (self->events, self->filter);
  update_visible_page (self);
}

static void
sidebar_filter_changed_cb (SeismoTimelineView *self)
{
  seismo_sidebar_apply (self->sidebar, self->filter);
  apply_filter (self);
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

/* Keyboard */

static void
move_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SeismoTimelineView *self = SEISMO_TIMELINE_VIEW (widget);
  int step = g_variant_get_int32 (parameter);
  guint n, position;

  if (self->selection == NULL || (n = g_list_model_get_n_items (G_LIST_MODEL (self->selection))) == 0)
    return;
  position = gtk_single_selection_get_selected (self->selection);
  if (position == GTK_INVALID_LIST_POSITION)
    position = 0;
  else if (step < 0 && position > 0)
    position--;
  else if (step > 0 && position + 1 < n)
    position++;
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

static void
open_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SeismoTimelineView *self = SEISMO_TIMELINE_VIEW (widget);
  guint position = self->selection != NULL ? gtk_single_selection_get_selected (self->selection)
                                           : GTK_INVALID_LIST_POSITION;

  if (position != GTK_INVALID_LIST_POSITION)
    list_activate_cb (self, position);
}

static void
toggle_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SeismoTimelineView *self = SEISMO_TIMELINE_VIEW (widget);

  seismo_event_detail_toggle (self->detail, g_str_equal (action_name, "timeline.star")
                                              ? SEISMO_EVENT_FLAG_STARRED
                                              : SEISMO_EVENT_FLAG_READ);
}

static void
seismo_timeline_view_dispose (GObject *object)
{
  SeismoTimelineView *self = SEISMO_TIMELINE_VIEW (object);

  if (self->detail != NULL)
    seismo_event_detail_save_note (self->detail);
  if (self->settings != NULL)
    g_settings_set_int (self->settings, "detail-position", gtk_paned_get_position (self->paned));
  g_clear_object (&self->selection);
  g_clear_object (&self->events);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEISMO_TYPE_TIMELINE_VIEW);

  G_OBJECT_CLASS (seismo_timeline_view_parent_class)->dispose (object);
}

static void
seismo_timeline_view_finalize (GObject *object)
{
  seismo_event_filter_free (SEISMO_TIMELINE_VIEW (object)->filter);

  G_OBJECT_CLASS (seismo_timeline_view_parent_class)->finalize (object);
}

static void
seismo_timeline_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SeismoTimelineView *self = SEISMO_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_FLAP_REVEALED:
      g_value_set_boolean (value, adw_flap_get_reveal_flap (self->flap));
      break;
    case PROP_FOLDED:
      g_value_set_boolean (value, adw_flap_get_folded (self->flap));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seismo_timeline_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SeismoTimelineView *self = SEISMO_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_FLAP_REVEALED:
      adw_flap_set_reveal_flap (self->flap, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flap_notify_cb (SeismoTimelineView *self,
                GParamSpec         *pspec)
{
  if (g_str_equal (pspec->name, "reveal-flap"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLAP_REVEALED]);
  else if (g_str_equal (pspec->name, "folded"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
}

static void
seismo_timeline_view_class_init (SeismoTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seismo_timeline_view_dispose;
  object_class->finalize = seismo_timeline_view_finalize;
  object_class->get_property = seismo_timeline_view_get_property;
  object_class->set_property = seismo_timeline_view_set_property;

  properties[PROP_FLAP_REVEALED] =
    g_param_spec_boolean ("flap-revealed", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SEISMO_TYPE_SIDEBAR);
  g_type_ensure (SEISMO_TYPE_EVENT_DETAIL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/seismograph/Seismograph/seismo-timeline-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SeismoTimelineView, flap);
  gtk_widget_class_bind_template_child (widget_class, SeismoTimelineView, sidebar);
  gtk_widget_class_bind_template_child (widget_class, SeismoTimelineView, paned);
  gtk_widget_class_bind_template_child (widget_class, SeismoTimelineView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, SeismoTimelineView, list_view);
  gtk_widget_class_bind_template_child (widget_class, SeismoTimelineView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SeismoTimelineView, detail);

  gtk_widget_class_install_action (widget_class, "timeline.move", "i", move_activated);
  gtk_widget_class_install_action (widget_class, "timeline.open", NULL, open_activated);
  gtk_widget_class_install_action (widget_class, "timeline.star", NULL, toggle_activated);
  gtk_widget_class_install_action (widget_class, "timeline.toggle-read", NULL, toggle_activated);
}

static void
add_key (GtkShortcutController *controller,
         guint                  key,
         const char            *action,
         GVariant              *parameter)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (key, 0),
                                            gtk_named_action_new (action));

  if (parameter != NULL)
    gtk_shortcut_set_arguments (shortcut, parameter);
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

static void
seismo_timeline_view_init (SeismoTimelineView *self)
{
  GtkListItemFactory *factory;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = seismo_event_filter_new ();

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_grid_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  g_signal_connect_swapped (self->list_view, "activate", G_CALLBACK (list_activate_cb), self);

  /* Single keys act only while the list has the focus: typing "s" in the
   * note must not star the event. */
  keys = gtk_shortcut_controller_new ();
  add_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_j, "timeline.move", g_variant_new_int32 (1));
  add_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_k, "timeline.move", g_variant_new_int32 (-1));
  add_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_s, "timeline.star", NULL);
  add_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_m, "timeline.toggle-read", NULL);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), keys);

  g_signal_connect_swapped (self->sidebar, "filter-changed",
                            G_CALLBACK (sidebar_filter_changed_cb), self);
  g_signal_connect_swapped (self->detail, "back", G_CALLBACK (detail_back_cb), self);
  g_signal_connect_swapped (self->detail, "changed", G_CALLBACK (detail_changed_cb), self);
  g_signal_connect_swapped (self->detail, "reload-list", G_CALLBACK (seismo_timeline_view_reload),
                            self);
  g_signal_connect_swapped (self->flap, "notify", G_CALLBACK (flap_notify_cb), self);
  update_visible_page (self);
}

GtkWidget *
seismo_timeline_view_new (void)
{
  return g_object_new (SEISMO_TYPE_TIMELINE_VIEW, NULL);
}

void
seismo_timeline_view_set_store (SeismoTimelineView *self,
                                SeismoStore        *store,
                                GSettings          *settings)
{
  g_return_if_fail (SEISMO_IS_TIMELINE_VIEW (self));
  g_return_if_fail (SEISMO_IS_STORE (store));

  g_set_object (&self->settings, settings);
  if (settings != NULL)
    gtk_paned_set_position (self->paned, g_settings_get_int (settings, "detail-position"));

  g_set_object (&self->store, store);
  g_clear_object (&self->selection);
  g_clear_object (&self->events);

  self->events = seismo_event_list_new (store, self->filter);
  g_signal_connect_swapped (self->events, "loaded", G_CALLBACK (events_loaded_cb), self);
  g_signal_connect_swapped (self->events, "failed", G_CALLBACK (events_failed_cb), self);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->events)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);
  gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  seismo_sidebar_set_store (self->sidebar, store);
  seismo_event_detail_set_store (self->detail, store);
  update_visible_page (self);
}

/* After a refresh or an import: new counts, new rows. */
void
seismo_timeline_view_reload (SeismoTimelineView *self)
{
  g_return_if_fail (SEISMO_IS_TIMELINE_VIEW (self));

  if (self->events == NULL)
    return;
  seismo_event_list_reload (self->events);
  seismo_sidebar_reload (self->sidebar);
}

void
seismo_timeline_view_set_search (SeismoTimelineView *self,
                                 const char         *text)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (SEISMO_IS_TIMELINE_VIEW (self));

  stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_free (self->filter->search);
  self->filter->search = stripped[0] != '\0' ? g_steal_pointer (&stripped) : NULL;
  apply_filter (self);
}

void
seismo_timeline_view_set_narrow (SeismoTimelineView *self,
                                 gboolean            narrow)
{
  g_return_if_fail (SEISMO_IS_TIMELINE_VIEW (self));

  if (self->narrow == !!narrow)
    return;
  self->narrow = !!narrow;
  if (!narrow)
    self->showing_detail = FALSE;
  update_panes (self);
}

/* Shows the timeline of one sidebar filter ("company", "deepseek"). */
gboolean
seismo_timeline_view_select_filter (SeismoTimelineView *self,
                                    const char         *kind,
                                    const char         *key)
{
  g_return_val_if_fail (SEISMO_IS_TIMELINE_VIEW (self), FALSE);
  return seismo_sidebar_select (self->sidebar, kind, key);
}

GtkWidget *
seismo_timeline_view_get_list_view (SeismoTimelineView *self)
{
  g_return_val_if_fail (SEISMO_IS_TIMELINE_VIEW (self), NULL);
  return GTK_WIDGET (self->list_view);
}

SeismoEventDetail *
seismo_timeline_view_get_detail (SeismoTimelineView *self)
{
  g_return_val_if_fail (SEISMO_IS_TIMELINE_VIEW (self), NULL);
  return self->detail;
}

SeismoEventList *
seismo_timeline_view_get_events (SeismoTimelineView *self)
{
  g_return_val_if_fail (SEISMO_IS_TIMELINE_VIEW (self), NULL);
  return self->events;
}

SeismoSidebar *
seismo_timeline_view_get_sidebar (SeismoTimelineView *self)
{
  g_return_val_if_fail (SEISMO_IS_TIMELINE_VIEW (self), NULL);
  return self->sidebar;
}

GtkSingleSelection *
seismo_timeline_view_get_selection (SeismoTimelineView *self)
{
  g_return_val_if_fail (SEISMO_IS_TIMELINE_VIEW (self), NULL);
  return self->selection;
}

/**
 * seismo_timeline_view_open_event:
 *
 * Shows an event in the detail pane, and selects its row if the list has
 * it loaded (a notification or a company's timeline may name an event the
 * current filter hides).
 */
void
seismo_timeline_view_open_event (SeismoTimelineView *self,
                                 gint64              event_id)
{
  guint position;

  g_return_if_fail (SEISMO_IS_TIMELINE_VIEW (self));

  if (self->events == NULL)
    return;
  position = seismo_event_list_find (self->events, event_id);
  if (position != G_MAXUINT)
    {
      gtk_single_selection_set_selected (self->selection, position);
      gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                  position);
    }
  else
    {
      g_autoptr(SeismoEvent) stub = seismo_event_new (event_id, "", 0);

      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      seismo_event_detail_show (self->detail, stub);
    }
  if (self->narrow)
    {
      self->showing_detail = TRUE;
      update_panes (self);
    }
}
