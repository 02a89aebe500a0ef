/* seismo-event-row.c — one event in a timeline list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "seismo-event-row.h"
#include "seismo-format.h"
#include "seismo-ui-util.h"

/* A row shows the event's time, its first source and how many more
 * reported it, the title (bold while unread), company and tag chips, and
 * star and note marks. The first event of a day carries the day header,
 * since GTK 4.8 lists have no sections. Every text goes in as plain text:
 * feed titles are never taken for markup. */

#define MAX_CHIPS 5

struct _SeismoEventRow
{
  GtkWidget    parent_instance;

  SeismoEvent *event;
  gulong       notify_id;
  gulong       changed_id;

  GtkLabel    *day_label;
  GtkWidget   *body;        /* bound so that dispose_template unparents it */
  GtkLabel    *time_label;
  GtkLabel    *source_label;
  GtkLabel    *more_label;
  GtkLabel    *title_label;
  GtkBox      *chips_box;
  GtkImage    *star_image;
  GtkImage    *note_image;
};

G_DEFINE_FINAL_TYPE (SeismoEventRow, seismo_event_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EVENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_marks (SeismoEventRow *self)
{
  gboolean unread = self->event != NULL && !seismo_event_get_read (self->event) &&
                    !seismo_event_get_placeholder (self->event);

  if (unread)
    gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "unread");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "unread");
  gtk_widget_set_visible (GTK_WIDGET (self->star_image),
                          self->event != NULL && seismo_event_get_starred (self->event));
  gtk_widget_set_visible (GTK_WIDGET (self->note_image),
                          self->event != NULL && seismo_event_get_has_note (self->event));
}

static void
event_notify_cb (SeismoEventRow *self)
{
  update_marks (self);
}

/* The row's chips are kept from one event to the next, as the list
 * recycles rows: a new label per chip and per bind made scrolling and
 * reloading the timeline measurably slower. */
static void
set_chip (SeismoEventRow *self,
          guint           index,
          const char     *text,
          const char     *kind,
          const char     *tag_class)
{
  const char *classes[] = { "chip", kind, tag_class, NULL };
  GtkWidget *chip = gtk_widget_get_first_child (GTK_WIDGET (self->chips_box));

  for (guint i = 0; chip != NULL && i < index; i++)
    chip = gtk_widget_get_next_sibling (chip);
  if (chip == NULL)
    {
      chip = gtk_label_new (NULL);
      gtk_label_set_ellipsize (GTK_LABEL (chip), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (chip), 24);
      gtk_box_append (self->chips_box, chip);
    }
  gtk_label_set_text (GTK_LABEL (chip), text);
  gtk_widget_set_css_classes (chip, classes);
  gtk_widget_set_visible (chip, TRUE);
}

static void
fill_chips (SeismoEventRow *self)
{
  const char * const *names = seismo_event_get_company_names (self->event);
  const char * const *tags = seismo_event_get_tags (self->event);
  guint shown = 0, total = 0;
  GtkWidget *child;

  for (guint i = 0; names[i] != NULL; i++, total++)
    if (shown < MAX_CHIPS)
      set_chip (self, shown++, names[i], "company-chip", NULL);
  for (guint i = 0; tags[i] != NULL; i++, total++)
    if (shown < MAX_CHIPS)
      {
        g_autofree char *text = g_strconcat ("#", tags[i], NULL);
        g_autofree char *klass = seismo_ui_tag_class (tags[i]);

        set_chip (self, shown++, text, "tag-chip", klass);
      }
  if (total > shown)
    {
      g_autofree char *more = g_strdup_printf ("+%u", total - shown);

      set_chip (self, shown++, more, "more-chip", NULL);
    }

  /* the chips the last event needed beyond this one's */
  child = gtk_widget_get_first_child (GTK_WIDGET (self->chips_box));
  for (guint i = 0; child != NULL; i++, child = gtk_widget_get_next_sibling (child))
    if (i >= shown)
      gtk_widget_set_visible (child, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->chips_box), total > 0);
}

static void
update (SeismoEventRow *self)
{
  SeismoEvent *event = self->event;
  g_autofree char *time = NULL;
  g_autofree char *day = NULL;
  g_autofree char *more = NULL;
  g_autofree char *accessible = NULL;
  guint sources;

  if (event == NULL || seismo_event_get_placeholder (event))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->day_label), FALSE);
      gtk_label_set_text (self->time_label, "");
      gtk_label_set_text (self->source_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->more_label), FALSE);
      /* Keeps the row's height close to a real one while its page loads. */
      gtk_label_set_text (self->title_label, _("Loading…"));
      gtk_widget_set_visible (GTK_WIDGET (self->chips_box), FALSE);
      update_marks (self);
      return;
    }

  if (seismo_event_get_dated (event))
    {
      day = seismo_format_day (seismo_event_get_published (event),
                               g_get_real_time () / G_USEC_PER_SEC);
      if (seismo_event_get_time_known (event))
        time = seismo_format_time (seismo_event_get_published (event));
    }
  else
    day = g_strdup (_("No date"));
  gtk_label_set_text (self->day_label, day);
  gtk_widget_set_visible (GTK_WIDGET (self->day_label), seismo_event_get_first_of_day (event));
  gtk_label_set_text (self->time_label, time != NULL ? time : "");

  gtk_label_set_text (self->source_label, seismo_event_get_source (event) != NULL
                                            ? seismo_event_get_source (event)
                                            : _("Unknown source"));
  sources = seismo_event_get_sources_count (event);
  if (sources > 1)
    /* Translators: beside the first source of an event reported by several */
    more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+%u source", "+%u sources",
                                         sources - 1), sources - 1);
  gtk_label_set_text (self->more_label, more != NULL ? more : "");
  gtk_widget_set_visible (GTK_WIDGET (self->more_label), more != NULL);

  gtk_label_set_text (self->title_label, seismo_event_get_title (event)[0] != '\0'
                                           ? seismo_event_get_title (event)
                                           : _("Untitled"));
  fill_chips (self);
  update_marks (self);

  accessible = g_strdup_printf ("%s. %s %s%s%s", gtk_label_get_text (self->title_label),
                                gtk_label_get_text (self->source_label), time != NULL ? time : "",
                                seismo_event_get_read (event) ? "" : _(", unread"),
                                seismo_event_get_starred (event) ? _(", starred") : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}

static void
seismo_event_row_dispose (GObject *object)
{
  SeismoEventRow *self = SEISMO_EVENT_ROW (object);

  seismo_event_row_set_event (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEISMO_TYPE_EVENT_ROW);

  G_OBJECT_CLASS (seismo_event_row_parent_class)->dispose (object);
}

static void
seismo_event_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SeismoEventRow *self = SEISMO_EVENT_ROW (object);

  switch (prop_id)
    {
    case PROP_EVENT:
      g_value_set_object (value, self->event);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seismo_event_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SeismoEventRow *self = SEISMO_EVENT_ROW (object);

  switch (prop_id)
    {
    case PROP_EVENT:
      seismo_event_row_set_event (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seismo_event_row_class_init (SeismoEventRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seismo_event_row_dispose;
  object_class->get_property = seismo_event_row_get_property;
  object_class->set_property = seismo_event_row_set_property;

  properties[PROP_EVENT] =
    g_param_spec_object ("event", NULL, NULL, SEISMO_TYPE_EVENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/seismograph/Seismograph/seismo-event-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SeismoEventRow, day_label);
  gtk_widget_class_bind_template_child (widget_class, SeismoEventRow, body);
  gtk_widget_class_bind_template_child (widget_class, SeismoEventRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, SeismoEventRow, source_label);
  gtk_widget_class_bind_template_child (widget_class, SeismoEventRow, more_label);
  gtk_widget_class_bind_template_child (widget_class, SeismoEventRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, SeismoEventRow, chips_box);
  gtk_widget_class_bind_template_child (widget_class, SeismoEventRow, star_image);
  gtk_widget_class_bind_template_child (widget_class, SeismoEventRow, note_image);
  gtk_widget_class_set_css_name (widget_class, "eventrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
seismo_event_row_init (SeismoEventRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
seismo_event_row_new (void)
{
  return g_object_new (SEISMO_TYPE_EVENT_ROW, NULL);
}

SeismoEvent *
seismo_event_row_get_event (SeismoEventRow *self)
{
  g_return_val_if_fail (SEISMO_IS_EVENT_ROW (self), NULL);
  return self->event;
}

void
seismo_event_row_set_event (SeismoEventRow *self,
                            SeismoEvent    *event)
{
  g_return_if_fail (SEISMO_IS_EVENT_ROW (self));
  g_return_if_fail (event == NULL || SEISMO_IS_EVENT (event));

  if (self->event == event)
    return;
  if (self->event != NULL)
    {
      g_clear_signal_handler (&self->notify_id, self->event);
      g_clear_signal_handler (&self->changed_id, self->event);
    }
  g_set_object (&self->event, event);
  if (event != NULL)
    {
      self->notify_id = g_signal_connect_swapped (event, "notify", G_CALLBACK (event_notify_cb),
                                                  self);
      self->changed_id = g_signal_connect_swapped (event, "changed", G_CALLBACK (update), self);
    }
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT]);
}

/* The title as the row shows it, for the tests. */
const char *
seismo_event_row_get_title_text (SeismoEventRow *self)
{
  g_return_val_if_fail (SEISMO_IS_EVENT_ROW (self), NULL);
  return gtk_label_get_text (self->title_label);
}
