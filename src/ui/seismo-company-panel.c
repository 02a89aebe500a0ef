/* seismo-company-panel.c — everything about one company
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "seismo-bar-chart.h"
#include "seismo-company-card.h"
#include "seismo-company-panel.h"
#include "seismo-event-row.h"
#include "seismo-format.h"
#include "seismo-ui-util.h"

/* A company's panel: who it is (description, homepage, the names the
 * matcher knows it by), a follow switch, its weekly activity, the tags on
 * its events, the user's note on it, and its own timeline, a lazy list of
 * the same rows as the Timeline. On a wide window the timeline sits beside
 * the rest; on a narrow one a leaflet folds them into two pages.
 *
 * The note is saved a moment after typing stops, when another company is
 * shown, when the panel is left or unmapped and when it goes away; the
 * application is held until the write is done. A save still running when
 * the same company is shown again wins over what the store said before it
 * landed, so an old read never overwrites newer text. */

#define NOTE_SAVE_DELAY_MS 700
#define N_WEEKS 26

struct _SeismoCompanyPanel
{
  GtkWidget        parent_instance;

  SeismoStore     *store;
  SeismoCompany   *company;
  SeismoEventList *events;
  GCancellable    *cancellable;
  GBinding        *follow_binding;
  GHashTable      *pending_notes; /* slug -> PendingNote, saves not yet done */
  guint            note_serial;
  guint            note_timeout;
  guint            folded_idle;
  gboolean         note_dirty;
  gboolean         filling;
  gboolean         loading;

  GtkLabel        *title_label;
  GtkWidget       *page_switcher;
  GtkToggleButton *about_toggle;
  GtkToggleButton *timeline_toggle;
  AdwLeaflet      *leaflet;
  GtkScrolledWindow *about_scrolled;
  GtkLabel        *name_label;
  GtkLabel        *description_label;
  GtkLinkButton   *homepage_button;
  GtkSwitch       *follow_switch;
  GtkWidget       *aliases_box;
  GtkLabel        *aliases_label;
  SeismoBarChart  *chart;
  GtkLabel        *chart_total_label;
  GtkLabel        *chart_start_label;
  GtkLabel        *chart_end_label;
  GtkLabel        *chart_caption;
  GtkFlowBox      *tags_box;
  GtkLabel        *tags_empty_label;
  GtkLabel        *note_status;
  GtkTextView     *note_view;
  GtkButton       *export_button;
  GtkLabel        *count_label;
  GtkStack        *timeline_stack;
  GtkGridView     *list_view;
  AdwStatusPage   *empty_page;
};

G_DEFINE_FINAL_TYPE (SeismoCompanyPanel, seismo_company_panel, GTK_TYPE_WIDGET)

enum {
  OPEN_EVENT,
  BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char  *body;
  guint  serial;
} PendingNote;

static void
pending_note_free (gpointer data)
{
  PendingNote *pending = data;

  g_free (pending->body);
  g_free (pending);
}

/* Reading the details */

typedef struct
{
  SeismoCompanyActivity *weeks;
  GPtrArray             *tags;
  SeismoNote            *note;
} Details;

static void
details_free (gpointer data)
{
  Details *details = data;

  g_clear_pointer (&details->weeks, seismo_company_activity_free);
  g_clear_pointer (&details->tags, g_ptr_array_unref);
  g_clear_object (&details->note);
  g_free (details);
}

static gpointer
read_details_job (SeismoStore  *store,
                  gpointer      data,
                  GError      **error)
{
  const char *slug = data;
  Details *details = g_new0 (Details, 1);

  if ((details->weeks = seismo_company_activity_read (store, slug, N_WEEKS, TRUE, error)) == NULL ||
      (details->tags = seismo_store_list_company_tags (store, slug, error)) == NULL ||
      !seismo_store_get_note (store, 0, slug, &details->note, error))
    {
      details_free (details);
      return NULL;
    }
  return details;
}

static GtkWidget *
tag_chip_new (SeismoTag *tag)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *name = g_strconcat ("#", seismo_tag_get_name (tag), NULL);
  g_autofree char *count = g_strdup_printf ("%u", seismo_tag_get_events (tag));
  g_autofree char *tooltip = NULL;
  GtkWidget *name_label = gtk_label_new (name);
  GtkWidget *count_label = gtk_label_new (count);

  /* Translators: a tag chip's tooltip: "4 events tagged #policy" */
  tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event tagged %s",
                                          "%u events tagged %s", seismo_tag_get_events (tag)),
                             seismo_tag_get_events (tag), name);
  gtk_label_set_ellipsize (GTK_LABEL (name_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (name_label), 24);
  gtk_widget_add_css_class (count_label, "numeric");
  gtk_widget_add_css_class (count_label, "dim-label");
  gtk_widget_add_css_class (box, "chip");
  gtk_widget_add_css_class (box, "tag-chip");
  {
    g_autofree char *klass = seismo_ui_tag_class (seismo_tag_get_name (tag));

    gtk_widget_add_css_class (box, klass);
  }
  gtk_widget_set_halign (box, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (box, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_box_append (GTK_BOX (box), name_label);
  gtk_box_append (GTK_BOX (box), count_label);
  return box;
}

static void
fill_tags (SeismoCompanyPanel *self,
           GPtrArray          *tags)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box))) != NULL)
    gtk_flow_box_remove (self->tags_box, child);
  for (guint i = 0; i < tags->len; i++)
    gtk_flow_box_append (self->tags_box, tag_chip_new (g_ptr_array_index (tags, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->tags_box), tags->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->tags_empty_label), tags->len == 0);
}

static void
fill_chart (SeismoCompanyPanel          *self,
            const SeismoCompanyActivity *weeks)
{
  g_autofree char *start = seismo_format_date (weeks->until - (gint64) weeks->buckets->len
                                                              * 7 * 24 * 60 * 60);
  g_autofree char *end = seismo_format_date (weeks->until - 1);
  g_autofree char *total = NULL;
  g_autofree char *description = NULL;
  guint events = 0;

  for (guint i = 0; i < weeks->buckets->len; i++)
    events += g_array_index (weeks->buckets, guint, i);

  seismo_bar_chart_set_weeks (self->chart, weeks->buckets, weeks->until);
  gtk_label_set_text (self->chart_start_label, start);
  gtk_label_set_text (self->chart_end_label, weeks->recent ? _("This week") : end);
  total = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", events), events);
  gtk_label_set_text (self->chart_total_label, total);

  /* Say why the chart stops in the past: see seismo_company_activity_read(). */
  if (weeks->latest == 0)
    gtk_label_set_text (self->chart_caption, _("No events yet."));
  else if (!weeks->recent)
    {
      g_autofree char *caption = NULL;

      caption = g_strdup_printf (_("Nothing in the last %u weeks: these are the %u weeks up to "
                                   "its latest event."), N_WEEKS, N_WEEKS);
      gtk_label_set_text (self->chart_caption, caption);
    }
  else
    gtk_label_set_text (self->chart_caption, "");
  gtk_widget_set_visible (GTK_WIDGET (self->chart_caption),
                          gtk_label_get_text (self->chart_caption)[0] != '\0');
  description = seismo_bar_chart_describe (self->chart);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->chart_total_label), description);
}

static char *note_text (SeismoCompanyPanel *self);

/* Leaves the buffer (and the cursor in it) alone when nothing changed. */
static void
set_note_text (SeismoCompanyPanel *self,
               const char         *body)
{
  g_autofree char *current = note_text (self);

  if (g_strcmp0 (current, body != NULL ? body : "") == 0)
    return;
  self->filling = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), body != NULL ? body : "",
                            -1);
  self->filling = FALSE;
}

static void
details_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SeismoCompanyPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  Details *details = seismo_store_run_finish (SEISMO_STORE (object), result, &error);
  PendingNote *pending;

  if (details == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          self->loading = FALSE;
          gtk_label_set_text (self->note_status, _("Cannot read the note"));
          seismo_ui_show_error (GTK_WIDGET (self), _("Cannot show the company"), error);
        }
      return;
    }

  self->loading = FALSE;
  fill_chart (self, details->weeks);
  fill_tags (self, details->tags);

  /* Never replace what the user is typing, and prefer a save still on its
   * way to what the store held before it. */
  if (!self->note_dirty)
    {
      pending = g_hash_table_lookup (self->pending_notes, seismo_company_get_slug (self->company));
      if (pending != NULL)
        set_note_text (self, pending->body);
      else
        set_note_text (self, details->note != NULL ? seismo_note_get_body (details->note) : NULL);
      gtk_label_set_text (self->note_status, "");
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->note_view), TRUE);
  details_free (details);
}

static void
load_details (SeismoCompanyPanel *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store == NULL || self->company == NULL)
    return;
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  seismo_store_run_async (self->store, read_details_job,
                          g_strdup (seismo_company_get_slug (self->company)), g_free, details_free,
                          self->cancellable, details_read_cb, g_object_ref (self));
}

/* The note */

typedef struct
{
  char  *slug;
  char  *body;
  guint  serial;
} NoteSave;

static void
note_save_free (gpointer data)
{
  NoteSave *save = data;

  g_free (save->slug);
  g_free (save->body);
  g_free (save);
}

static gpointer
save_note_job (SeismoStore  *store,
               gpointer      data,
               GError      **error)
{
  NoteSave *save = data;

  if (!seismo_store_set_note (store, 0, save->slug, save->body, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static char *
note_text (SeismoCompanyPanel *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
showing (SeismoCompanyPanel *self,
         const char         *slug)
{
  return self->company != NULL && g_strcmp0 (seismo_company_get_slug (self->company), slug) == 0;
}

typedef struct
{
  SeismoCompanyPanel *self;
  char               *slug;
  guint               serial;
} NoteSaved;

static void
note_saved_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  NoteSaved *saved = user_data;
  SeismoCompanyPanel *self = saved->self;
  g_autoptr(GError) error = NULL;
  GApplication *app = g_application_get_default ();
  PendingNote *pending;
  gboolean ok;

  ok = seismo_store_run_finish (SEISMO_STORE (object), result, &error) != NULL;
  if (app != NULL)
    g_application_release (app);

  pending = g_hash_table_lookup (self->pending_notes, saved->slug);
  if (pending != NULL && pending->serial == saved->serial)
    g_hash_table_remove (self->pending_notes, saved->slug);

  if (!ok)
    {
      if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
        seismo_ui_show_error (GTK_WIDGET (self), _("The note was not saved"), error);
      else
        g_warning ("The note on %s was not saved: %s", saved->slug, error->message);
      /* Still on screen: the next change or leaving the panel tries again. */
      if (showing (self, saved->slug))
        {
          self->note_dirty = TRUE;
          gtk_label_set_text (self->note_status, _("Not saved"));
        }
    }
  else if (showing (self, saved->slug) && !self->note_dirty)
    gtk_label_set_text (self->note_status, _("Saved"));

  g_object_unref (saved->self);
  g_free (saved->slug);
  g_free (saved);
}

/**
 * seismo_company_panel_save_note:
 *
 * Saves the note now if it has unsaved changes. The application is held
 * until the write is done, so closing the window cannot lose it.
 */
void
seismo_company_panel_save_note (SeismoCompanyPanel *self)
{
  GApplication *app = g_application_get_default ();
  PendingNote *pending;
  NoteSaved *saved;
  NoteSave *save;

  g_return_if_fail (SEISMO_IS_COMPANY_PANEL (self));

  g_clear_handle_id (&self->note_timeout, g_source_remove);
  if (!self->note_dirty || self->store == NULL || self->company == NULL)
    return;

  self->note_dirty = FALSE;
  save = g_new0 (NoteSave, 1);
  save->slug = g_strdup (seismo_company_get_slug (self->company));
  save->body = note_text (self);
  save->serial = ++self->note_serial;

  pending = g_new0 (PendingNote, 1);
  pending->body = g_strdup (save->body);
  pending->serial = save->serial;
  g_hash_table_replace (self->pending_notes, g_strdup (save->slug), pending);

  saved = g_new0 (NoteSaved, 1);
  saved->self = g_object_ref (self);
  saved->slug = g_strdup (save->slug);
  saved->serial = save->serial;

  if (app != NULL)
    g_application_hold (app);
  gtk_label_set_text (self->note_status, _("Saving…"));
  seismo_store_run_async (self->store, save_note_job, save, note_save_free, NULL, NULL,
                          note_saved_cb, saved);
}

static gboolean
note_timeout_cb (gpointer user_data)
{
  SeismoCompanyPanel *self = user_data;

  self->note_timeout = 0;
  seismo_company_panel_save_note (self);
  return G_SOURCE_REMOVE;
}

static void
note_changed_cb (SeismoCompanyPanel *self)
{
  if (self->filling || self->company == NULL)
    return;
  self->note_dirty = TRUE;
  gtk_label_set_text (self->note_status, _("Edited"));
  g_clear_handle_id (&self->note_timeout, g_source_remove);
  self->note_timeout = g_timeout_add (NOTE_SAVE_DELAY_MS, note_timeout_cb, self);
}

/* The timeline */

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

static void
update_timeline (SeismoCompanyPanel *self)
{
  guint n;
  g_autofree char *count = NULL;

  if (self->events == NULL || seismo_event_list_get_loading (self->events))
    {
      gtk_stack_set_visible_child_name (self->timeline_stack, "loading");
      gtk_label_set_text (self->count_label, "");
      return;
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->events));
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", n), n);
  gtk_label_set_text (self->count_label, count);
  if (n > 0)
    {
      gtk_stack_set_visible_child_name (self->timeline_stack, "list");
      return;
    }
  adw_status_page_set_icon_name (self->empty_page, "io.github.seismograph.Seismograph-symbolic");
  adw_status_page_set_title (self->empty_page, _("No Events Yet"));
  adw_status_page_set_description (self->empty_page,
                                   _("No story on the timeline mentions this company yet."));
  gtk_stack_set_visible_child_name (self->timeline_stack, "empty");
}

static void
events_failed_cb (SeismoCompanyPanel *self,
                  GError             *error)
{
  adw_status_page_set_icon_name (self->empty_page, "dialog-error-symbolic");
  adw_status_page_set_title (self->empty_page, _("Cannot Read the Timeline"));
  adw_status_page_set_description (self->empty_page, error->message);
  gtk_label_set_text (self->count_label, "");
  gtk_stack_set_visible_child_name (self->timeline_stack, "empty");
}

static void
list_activate_cb (SeismoCompanyPanel *self,
                  guint               position)
{
  g_autoptr(SeismoEvent) event = NULL;

  if (self->events == NULL)
    return;
  event = g_list_model_get_item (G_LIST_MODEL (self->events), position);
  if (event != NULL && !seismo_event_get_placeholder (event))
    g_signal_emit (self, signals[OPEN_EVENT], 0, seismo_event_get_id (event));
}

/* The rest */

static gboolean
homepage_activate_cb (GtkLinkButton      *button,
                      SeismoCompanyPanel *self)
{
  seismo_ui_open_uri (GTK_WIDGET (button), gtk_link_button_get_uri (button));
  return GDK_EVENT_STOP;
}

/* "openai.com" for "https://www.openai.com/". */
static char *
homepage_label (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_PARSE_RELAXED, NULL);
  const char *host = parsed != NULL ? g_uri_get_host (parsed) : NULL;

  if (host == NULL || host[0] == '\0')
    return g_strdup (uri);
  if (g_str_has_prefix (host, "www."))
    host += 4;
  return g_strdup (host);
}

static void
fill_aliases (SeismoCompanyPanel *self)
{
  const char * const *aliases = seismo_company_get_aliases (self->company);
  g_autofree char *name = g_utf8_casefold (seismo_company_get_name (self->company), -1);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; aliases != NULL && aliases[i] != NULL; i++)
    {
      g_autofree char *alias = g_utf8_casefold (aliases[i], -1);

      if (g_str_equal (alias, name))
        continue;
      if (text->len > 0)
        /* Translators: between two names of a company */
        g_string_append (text, _(", "));
      g_string_append (text, aliases[i]);
    }
  gtk_label_set_text (self->aliases_label, text->str);
  gtk_widget_set_visible (self->aliases_box, text->len > 0);
}

static void
fill (SeismoCompanyPanel *self)
{
  SeismoCompany *company = self->company;
  const char *description = seismo_company_get_description (company);
  const char *homepage = seismo_company_get_homepage (company);
  g_autofree char *follow = NULL;

  gtk_label_set_text (self->title_label, seismo_company_get_name (company));
  gtk_label_set_text (self->name_label, seismo_company_get_name (company));
  gtk_label_set_text (self->description_label, description != NULL ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label),
                          description != NULL && description[0] != '\0');
  if (seismo_ui_uri_is_web (homepage))
    {
      g_autofree char *label = homepage_label (homepage);

      gtk_link_button_set_uri (self->homepage_button, homepage);
      gtk_button_set_label (GTK_BUTTON (self->homepage_button), label);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->homepage_button), homepage);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->homepage_button), seismo_ui_uri_is_web (homepage));
  fill_aliases (self);

  /* Translators: the accessible name of the follow switch: "Follow DeepSeek" */
  follow = g_strdup_printf (_("Follow %s"), seismo_company_get_name (company));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->follow_switch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, follow, -1);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->export_button),
                                          g_variant_new_string (seismo_company_get_slug (company)));
}

/* The leaflet folds while it is being allocated: showing the page
 * switcher right then would leave it without an allocation for that frame,
 * so it shows on the next turn of the main loop. */
static gboolean
update_folded_cb (gpointer user_data)
{
  SeismoCompanyPanel *self = user_data;
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  self->folded_idle = 0;
  gtk_widget_set_visible (self->page_switcher, folded);
  gtk_widget_set_visible (GTK_WIDGET (self->title_label), folded);
  return G_SOURCE_REMOVE;
}

static void
folded_cb (SeismoCompanyPanel *self)
{
  if (self->folded_idle == 0)
    self->folded_idle = g_idle_add (update_folded_cb, self);
}

static void
page_toggled_cb (SeismoCompanyPanel *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet,
                                      gtk_toggle_button_get_active (self->timeline_toggle)
                                        ? "timeline" : "about");
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SeismoCompanyPanel *self = SEISMO_COMPANY_PANEL (widget);

  seismo_company_panel_save_note (self);
  g_signal_emit (self, signals[BACK], 0);
}

static void
seismo_company_panel_unmap (GtkWidget *widget)
{
  seismo_company_panel_save_note (SEISMO_COMPANY_PANEL (widget));

  GTK_WIDGET_CLASS (seismo_company_panel_parent_class)->unmap (widget);
}

static void
seismo_company_panel_dispose (GObject *object)
{
  SeismoCompanyPanel *self = SEISMO_COMPANY_PANEL (object);
  GtkWidget *child;

  /* The buffer still holds the text: the last chance to save it. */
  if (self->note_view != NULL)
    seismo_company_panel_save_note (self);
  g_clear_handle_id (&self->note_timeout, g_source_remove);
  g_clear_handle_id (&self->folded_idle, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->follow_binding, g_binding_unbind);
  if (self->list_view != NULL)
    gtk_grid_view_set_model (self->list_view, NULL);
  g_clear_object (&self->events);
  g_clear_object (&self->company);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEISMO_TYPE_COMPANY_PANEL);
  /* Template children without a bound field are not unparented by it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (seismo_company_panel_parent_class)->dispose (object);
}

static void
seismo_company_panel_finalize (GObject *object)
{
  g_hash_table_unref (SEISMO_COMPANY_PANEL (object)->pending_notes);

  G_OBJECT_CLASS (seismo_company_panel_parent_class)->finalize (object);
}

static void
seismo_company_panel_class_init (SeismoCompanyPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seismo_company_panel_dispose;
  object_class->finalize = seismo_company_panel_finalize;
  widget_class->unmap = seismo_company_panel_unmap;

  /**
   * SeismoCompanyPanel::open-event:
   * @event_id: the event the user picked in the company's timeline
   */
  signals[OPEN_EVENT] = g_signal_new ("open-event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * SeismoCompanyPanel::back:
   *
   * The user wants the grid of companies again; the note is saved.
   */
  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (SEISMO_TYPE_BAR_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/seismograph/Seismograph/seismo-company-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, SeismoCompanyPanel, title_label);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompanyPanel, page_switcher);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompanyPanel, about_toggle);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompanyPanel, timeline_toggle);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompanyPanel, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompanyPanel, about_scrolled);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompanyPanel, name_label);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompanyPanel, description_label);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompanyPanel, homepage_button);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompanyPanel, follow_switch);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompanyPanel, aliases_box);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompanyPanel, aliases_label);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompanyPanel, chart);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompanyPanel, chart_total_label);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompanyPanel, chart_start_label);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompanyPanel, chart_end_label);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompanyPanel, chart_caption);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompanyPanel, tags_box);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompanyPanel, tags_empty_label);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompanyPanel, note_status);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompanyPanel, note_view);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompanyPanel, export_button);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompanyPanel, count_label);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompanyPanel, timeline_stack);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompanyPanel, list_view);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompanyPanel, empty_page);

  gtk_widget_class_install_action (widget_class, "panel.back", NULL, back_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "panel.back",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Back, 0, "panel.back", NULL);
  gtk_widget_class_set_css_name (widget_class, "companypanel");
}

static void
seismo_company_panel_init (SeismoCompanyPanel *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->pending_notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, pending_note_free);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_grid_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  g_signal_connect_swapped (self->list_view, "activate", G_CALLBACK (list_activate_cb), self);
  g_signal_connect (self->homepage_button, "activate-link",
                            G_CALLBACK (homepage_activate_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->note_view), "changed",
                            G_CALLBACK (note_changed_cb), self);
  g_signal_connect_swapped (self->timeline_toggle, "toggled", G_CALLBACK (page_toggled_cb), self);
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (folded_cb), self);
}

GtkWidget *
seismo_company_panel_new (void)
{
  return g_object_new (SEISMO_TYPE_COMPANY_PANEL, NULL);
}

void
seismo_company_panel_set_store (SeismoCompanyPanel *self,
                                SeismoStore        *store)
{
  g_return_if_fail (SEISMO_IS_COMPANY_PANEL (self));
  g_return_if_fail (SEISMO_IS_STORE (store));

  if (self->store == store)
    return;
  seismo_company_panel_save_note (self);
  g_set_object (&self->store, store);
  gtk_grid_view_set_model (self->list_view, NULL);
  g_clear_object (&self->events);
}

/**
 * seismo_company_panel_show:
 * @company: the company, as the grid holds it: the follow switch is bound
 *   to it, so the card and the panel always agree
 *
 * Shows @company and reads its details, its timeline and its note. The
 * note of the company shown before is saved first.
 */
void
seismo_company_panel_show (SeismoCompanyPanel *self,
                           SeismoCompany      *company)
{
  g_autoptr(SeismoEventFilter) filter = seismo_event_filter_new ();
  gboolean same;

  g_return_if_fail (SEISMO_IS_COMPANY_PANEL (self));
  g_return_if_fail (SEISMO_IS_COMPANY (company));
  g_return_if_fail (self->store != NULL);

  same = showing (self, seismo_company_get_slug (company));
  seismo_company_panel_save_note (self);
  g_clear_pointer (&self->follow_binding, g_binding_unbind);
  g_set_object (&self->company, company);
  self->follow_binding = g_object_bind_property (company, "followed", self->follow_switch, "active",
                                                 G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  fill (self);

  if (!same)
    {
      g_autoptr(GPtrArray) none = g_ptr_array_new ();

      /* Another company: nothing of the last one may show meanwhile. */
      seismo_bar_chart_set_weeks (self->chart, NULL, 0);
      gtk_label_set_text (self->chart_total_label, "");
      gtk_label_set_text (self->chart_start_label, "");
      gtk_label_set_text (self->chart_end_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->chart_caption), FALSE);
      fill_tags (self, none);
      gtk_widget_set_visible (GTK_WIDGET (self->tags_empty_label), FALSE);
      set_note_text (self, NULL);
      gtk_label_set_text (self->note_status, "");
      gtk_widget_set_sensitive (GTK_WIDGET (self->note_view), FALSE);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->about_scrolled), 0);
      gtk_toggle_button_set_active (self->about_toggle, TRUE);
      adw_leaflet_set_visible_child_name (self->leaflet, "about");
    }

  filter->company = g_strdup (seismo_company_get_slug (company));
  if (self->events == NULL)
    {
      g_autoptr(GtkNoSelection) selection = NULL;

      self->events = seismo_event_list_new (self->store, filter);
      g_signal_connect_swapped (self->events, "loaded", G_CALLBACK (update_timeline), self);
      g_signal_connect_swapped (self->events, "failed", G_CALLBACK (events_failed_cb), self);
      selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->events)));
      gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
    }
  else if (same)
    seismo_event_list_reload (self->events);
  else
    seismo_event_list_set_filter (self->events, filter);
  update_timeline (self);
  load_details (self);
}

/* After a refresh: new events, counts and tags; the note stays as typed. */
void
seismo_company_panel_reload (SeismoCompanyPanel *self)
{
  g_return_if_fail (SEISMO_IS_COMPANY_PANEL (self));

  if (self->company == NULL || self->events == NULL)
    return;
  seismo_event_list_reload (self->events);
  update_timeline (self);
  load_details (self);
}

SeismoCompany *
seismo_company_panel_get_company (SeismoCompanyPanel *self)
{
  g_return_val_if_fail (SEISMO_IS_COMPANY_PANEL (self), NULL);
  return self->company;
}

/* TRUE until the details and the note of the company shown are in. */
gboolean
seismo_company_panel_get_loading (SeismoCompanyPanel *self)
{
  g_return_val_if_fail (SEISMO_IS_COMPANY_PANEL (self), FALSE);
  return self->loading || self->events == NULL || seismo_event_list_get_loading (self->events);
}

SeismoEventList *
seismo_company_panel_get_events (SeismoCompanyPanel *self)
{
  g_return_val_if_fail (SEISMO_IS_COMPANY_PANEL (self), NULL);
  return self->events;
}

GtkWidget *
seismo_company_panel_get_list_view (SeismoCompanyPanel *self)
{
  g_return_val_if_fail (SEISMO_IS_COMPANY_PANEL (self), NULL);
  return GTK_WIDGET (self->list_view);
}

GtkTextView *
seismo_company_panel_get_note_view (SeismoCompanyPanel *self)
{
  g_return_val_if_fail (SEISMO_IS_COMPANY_PANEL (self), NULL);
  return self->note_view;
}

SeismoBarChart *
seismo_company_panel_get_chart (SeismoCompanyPanel *self)
{
  g_return_val_if_fail (SEISMO_IS_COMPANY_PANEL (self), NULL);
  return self->chart;
}

GtkFlowBox *
seismo_company_panel_get_tags_box (SeismoCompanyPanel *self)
{
  g_return_val_if_fail (SEISMO_IS_COMPANY_PANEL (self), NULL);
  return self->tags_box;
}
