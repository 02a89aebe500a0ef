/* seismo-company-card.c — one company in the Companies grid
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "seismo-company-card.h"
#include "seismo-format.h"
#include "seismo-sparkline.h"

/* A card shows a company's name, its events this week, its latest
 * headline (plain text, never markup), a 90-day sparkline and a follow
 * switch. The switch is bound to the company's "followed" property; the
 * view that owns the companies writes the change to the store, so a card
 * never talks to the store itself. */

#define DAY (24 * 60 * 60)

struct _SeismoCompanyCard
{
  GtkWidget        parent_instance;

  SeismoCompany   *company;
  GBinding        *follow_binding;

  GtkLabel        *name_label;
  GtkLabel        *week_label;
  GtkSwitch       *follow_switch;
  GtkLabel        *headline_label;
  SeismoSparkline *sparkline;
  GtkLabel        *window_label;
  GtkLabel        *total_label;
};

G_DEFINE_FINAL_TYPE (SeismoCompanyCard, seismo_company_card, GTK_TYPE_WIDGET)

/* Activity */

/* The start of the day (or of the Monday-to-Sunday week) after the one
 * @when falls in, in local time: buckets then line up with the days and
 * weeks a user reads on a calendar. Buckets are fixed lengths counted back
 * from there, so across a daylight-saving change the older ones are off by
 * an hour, which a sparkline cannot show anyway. */
static gint64
end_of_bucket (gint64   when,
               gboolean weekly)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (when);
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) next = NULL;
  int days = 1;

  if (local == NULL)
    return when;
  if (weekly)
    days = 8 - g_date_time_get_day_of_week (local);
  midnight = g_date_time_new_local (g_date_time_get_year (local), g_date_time_get_month (local),
                                    g_date_time_get_day_of_month (local), 0, 0, 0);
  next = g_date_time_add_days (midnight, days);
  return g_date_time_to_unix (next);
}

/* The newest event exactly as the company's timeline orders them, so the
 * card's headline is the first row of its panel. */
static gboolean
read_latest (SeismoStore            *store,
             const char             *slug,
             SeismoCompanyActivity  *activity,
             GError                **error)
{
  g_autoptr(SeismoEventFilter) filter = seismo_event_filter_new ();
  g_autoptr(GPtrArray) events = NULL;
  SeismoEvent *event;

  filter->company = g_strdup (slug);
  events = seismo_store_list_events (store, filter, NULL, 0, 1, error);
  if (events == NULL)
    return FALSE;
  if (events->len == 0)
    return TRUE;
  event = g_ptr_array_index (events, 0);
  activity->latest = seismo_event_get_published (event);
  activity->latest_title = g_strdup (seismo_event_get_title (event));
  return TRUE;
}

static guint
sum (GArray *buckets)
{
  guint total = 0;

  for (guint i = 0; i < buckets->len; i++)
    total += g_array_index (buckets, guint, i);
  return total;
}

/**
 * seismo_company_activity_read:
 * @n_buckets: how many days (or weeks, when @weekly) to count
 *
 * Reads a company's events per day or per week, in the calling (worker)
 * thread. The buckets end today (this week) when the company had any
 * event in them. When it had none there but has older events, they end on
 * the day (week) of its latest event instead: a starter pack from 2025
 * seen in 2026 would otherwise be a row of flat lines. That is honest only
 * if the user is told, so @recent says which one it is and the caption
 * under the chart names the end date ("90 days to 7 Aug 2025").
 */
SeismoCompanyActivity *
seismo_company_activity_read (SeismoStore  *store,
                              const char   *slug,
                              guint         n_buckets,
                              gboolean      weekly,
                              GError      **error)
{
  g_autoptr(SeismoCompanyActivity) activity = g_new0 (SeismoCompanyActivity, 1);
  guint seconds = weekly ? 7 * DAY : DAY;

  g_return_val_if_fail (SEISMO_IS_STORE (store), NULL);
  g_return_val_if_fail (slug != NULL && n_buckets > 0, NULL);

  if (!read_latest (store, slug, activity, error))
    return NULL;
  activity->recent = TRUE;
  activity->until = end_of_bucket (g_get_real_time () / G_USEC_PER_SEC, weekly);
  activity->buckets = seismo_store_company_activity (store, slug, activity->until, n_buckets,
                                                     seconds, error);
  if (activity->buckets == NULL)
    return NULL;

  if (activity->latest != 0 && sum (activity->buckets) == 0)
    {
      g_clear_pointer (&activity->buckets, g_array_unref);
      activity->recent = FALSE;
      activity->until = end_of_bucket (activity->latest, weekly);
      activity->buckets = seismo_store_company_activity (store, slug, activity->until, n_buckets,
                                                         seconds, error);
      if (activity->buckets == NULL)
        return NULL;
    }
  return g_steal_pointer (&activity);
}

void
seismo_company_activity_free (SeismoCompanyActivity *activity)
{
  if (activity == NULL)
    return;
  g_clear_pointer (&activity->buckets, g_array_unref);
  g_free (activity->latest_title);
  g_free (activity);
}

/* The card */

static void
update_accessible (SeismoCompanyCard *self)
{
  g_autoptr(GString) text = g_string_new (gtk_label_get_text (self->name_label));

  if (self->company == NULL)
    return;
  if (seismo_company_get_followed (self->company))
    g_string_append (g_string_append (text, ", "), _("followed"));
  g_string_append_printf (text, ". %s.", gtk_label_get_text (self->week_label));
  if (!gtk_widget_has_css_class (GTK_WIDGET (self->headline_label), "dim-label"))
    /* Translators: a card's description for screen readers: "Latest: <headline>" */
    g_string_append_printf (text, " %s %s", _("Latest:"),
                            gtk_label_get_text (self->headline_label));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text->str,
                                  -1);
}

static void
followed_cb (SeismoCompanyCard *self)
{
  update_accessible (self);
}

/* A headline comes from a feed: plain text only. */
static void
set_headline (SeismoCompanyCard *self,
              const char        *headline)
{
  if (headline != NULL && headline[0] != '\0')
    {
      gtk_label_set_text (self->headline_label, headline);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->headline_label), headline);
      gtk_widget_remove_css_class (GTK_WIDGET (self->headline_label), "dim-label");
    }
  else
    {
      gtk_label_set_text (self->headline_label, _("No events yet"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->headline_label), NULL);
      gtk_widget_add_css_class (GTK_WIDGET (self->headline_label), "dim-label");
    }
}

static void
fill (SeismoCompanyCard *self)
{
  SeismoCompany *company = self->company;
  const char *headline = seismo_company_get_latest_title (company);
  g_autofree char *week = NULL;
  g_autofree char *follow = NULL;
  guint events_7d = seismo_company_get_events_7d (company);

  gtk_label_set_text (self->name_label, seismo_company_get_name (company));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_label), seismo_company_get_name (company));
  if (events_7d == 0)
    week = g_strdup (_("No events this week"));
  else
    week = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event this week",
                                         "%u events this week", events_7d),
                            events_7d);
  gtk_label_set_text (self->week_label, week);

  set_headline (self, headline);

  /* Translators: the accessible name of a card's switch: "Follow DeepSeek" */
  follow = g_strdup_printf (_("Follow %s"), seismo_company_get_name (company));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->follow_switch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, follow, -1);
  update_accessible (self);
}

static void
seismo_company_card_dispose (GObject *object)
{
  SeismoCompanyCard *self = SEISMO_COMPANY_CARD (object);
  GtkWidget *child;

  seismo_company_card_set_company (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEISMO_TYPE_COMPANY_CARD);
  /* Template children without a bound field are not unparented by it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (seismo_company_card_parent_class)->dispose (object);
}

static void
seismo_company_card_class_init (SeismoCompanyCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seismo_company_card_dispose;

  g_type_ensure (SEISMO_TYPE_SPARKLINE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/seismograph/Seismograph/seismo-company-card.ui");
  gtk_widget_class_bind_template_child (widget_class, SeismoCompanyCard, name_label);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompanyCard, week_label);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompanyCard, follow_switch);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompanyCard, headline_label);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompanyCard, sparkline);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompanyCard, window_label);
  gtk_widget_class_bind_template_child (widget_class, SeismoCompanyCard, total_label);
  gtk_widget_class_set_css_name (widget_class, "companycard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
seismo_company_card_init (SeismoCompanyCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sparkline), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Activity"), -1);
}

GtkWidget *
seismo_company_card_new (void)
{
  return g_object_new (SEISMO_TYPE_COMPANY_CARD, NULL);
}

SeismoCompany *
seismo_company_card_get_company (SeismoCompanyCard *self)
{
  g_return_val_if_fail (SEISMO_IS_COMPANY_CARD (self), NULL);
  return self->company;
}

void
seismo_company_card_set_company (SeismoCompanyCard *self,
                                 SeismoCompany     *company)
{
  g_return_if_fail (SEISMO_IS_COMPANY_CARD (self));
  g_return_if_fail (company == NULL || SEISMO_IS_COMPANY (company));

  if (self->company == company)
    return;
  if (self->company != NULL)
    {
      g_clear_pointer (&self->follow_binding, g_binding_unbind);
      g_signal_handlers_disconnect_by_func (self->company, followed_cb, self);
    }
  g_set_object (&self->company, company);
  if (company == NULL)
    return;

  self->follow_binding = g_object_bind_property (company, "followed", self->follow_switch, "active",
                                                 G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (company, "notify::followed", G_CALLBACK (followed_cb), self);
  fill (self);
}

/**
 * seismo_company_card_set_activity:
 * @activity: (nullable): the last 90 days, or NULL while they are read
 */
void
seismo_company_card_set_activity (SeismoCompanyCard           *self,
                                  const SeismoCompanyActivity *activity)
{
  g_autofree char *window = NULL;
  g_autofree char *total = NULL;
  g_autofree char *description = NULL;
  guint n, events;

  g_return_if_fail (SEISMO_IS_COMPANY_CARD (self));

  seismo_sparkline_set_series (self->sparkline, activity != NULL ? activity->buckets : NULL);
  if (activity == NULL)
    {
      gtk_label_set_text (self->window_label, "");
      gtk_label_set_text (self->total_label, "");
      return;
    }

  if (activity->latest_title != NULL)
    {
      set_headline (self, activity->latest_title);
      update_accessible (self);
    }

  n = activity->buckets->len;
  events = seismo_sparkline_get_total (self->sparkline);
  if (activity->latest == 0)
    window = g_strdup (_("No events yet"));
  else if (activity->recent)
    /* Translators: under a card's sparkline */
    window = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last %u day", "Last %u days", n), n);
  else
    {
      g_autofree char *last = seismo_format_date (activity->until - 1);

      /* Translators: under a card's sparkline when the company has been quiet
       * lately: the days before its latest event, "90 days to 7 Aug 2025" */
      window = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day to %s", "%u days to %s", n),
                                n, last);
    }
  gtk_label_set_text (self->window_label, window);

  if (activity->latest != 0)
    total = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", events),
                             events);
  gtk_label_set_text (self->total_label, total != NULL ? total : "");

  description = total != NULL ? g_strdup_printf ("%s, %s", window, total) : g_strdup (window);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sparkline),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

GtkSwitch *
seismo_company_card_get_follow_switch (SeismoCompanyCard *self)
{
  g_return_val_if_fail (SEISMO_IS_COMPANY_CARD (self), NULL);
  return self->follow_switch;
}

const char *
seismo_company_card_get_headline (SeismoCompanyCard *self)
{
  g_return_val_if_fail (SEISMO_IS_COMPANY_CARD (self), NULL);
  return gtk_label_get_text (self->headline_label);
}
