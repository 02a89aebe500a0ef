/* seismo-tags-page.c — Preferences: tags and the rules that set them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "seismo-tags-page.h"

/* Every tag, with how many events carry it: rename, recolour, merge into
 * another, delete (after saying how many events lose it); its rules
 * (keywords or a regular expression, checked before they are stored); and
 * "Apply rules to existing events", which shows what it would change
 * before changing it, and never touches what the user set by hand. */
struct _SeismoTagsPage
{
  AdwPreferencesPage   parent_instance;

  SeismoStore         *store;
  GPtrArray           *tags;        /* SeismoTag, as shown */
  GPtrArray           *rules;       /* SeismoRuleRow */
  GPtrArray           *rows;        /* the tag rows in tags_group */
  GCancellable        *cancellable;

  AdwPreferencesGroup *tags_group;
  AdwEntryRow         *new_row;
  GtkButton           *apply_button;
};

G_DEFINE_FINAL_TYPE (SeismoTagsPage, seismo_tags_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void reload (SeismoTagsPage *self);

static void
toast (SeismoTagsPage *self,
       const char     *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
}

/* Edits, each a store job that ends in a reload */

typedef enum
{
  OP_CREATE,
  OP_RENAME,
  OP_COLOR,
  OP_MERGE,
  OP_DELETE,
  OP_ADD_RULE,
  OP_REMOVE_RULE,
} Op;

typedef struct
{
  Op             op;
  char          *tag;
  char          *value;
  SeismoRuleRow  rule;
  gint64         rule_id;
  guint          n_events;
} Edit;

static void
edit_free (gpointer data)
{
  Edit *edit = data;

  g_free (edit->tag);
  g_free (edit->value);
  g_free (edit->rule.tag);
  g_free (edit->rule.kind);
  g_free (edit->rule.pattern);
  g_free (edit);
}

static gpointer
edit_job (SeismoStore  *store,
          gpointer      data,
          GError      **error)
{
  Edit *edit = data;
  gboolean ok = FALSE;

  switch (edit->op)
    {
    case OP_CREATE:
      ok = seismo_store_create_tag (store, edit->tag, NULL, error) != 0;
      break;
    case OP_RENAME:
      ok = seismo_store_rename_tag (store, edit->tag, edit->value, error);
      break;
    case OP_COLOR:
      ok = seismo_store_set_tag_color (store, edit->tag, edit->value, error);
      break;
    case OP_MERGE:
      ok = seismo_store_merge_tags (store, edit->tag, edit->value, &edit->n_events, error);
      break;
    case OP_DELETE:
      ok = seismo_store_delete_tag (store, edit->tag, &edit->n_events, error);
      break;
    case OP_ADD_RULE:
      ok = seismo_store_add_tag_rule (store, &edit->rule, error) != 0;
      break;
    case OP_REMOVE_RULE:
      ok = seismo_store_remove_tag_rule (store, edit->rule_id, error);
      break;
    default:
      g_assert_not_reached ();
    }
  return ok ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
edited_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SeismoTagsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (seismo_store_run_finish (SEISMO_STORE (object), result, &error) == NULL)
    toast (self, error->message);
  else
    g_signal_emit (self, signals[CHANGED], 0);
  reload (self);
}

static void
run_edit (SeismoTagsPage *self,
          Edit           *edit)
{
  seismo_store_run_async (self->store, edit_job, edit, edit_free, NULL, NULL, edited_cb,
                          g_object_ref (self));
}

static Edit *
edit_new (Op          op,
          const char *tag,
          const char *value)
{
  Edit *edit = g_new0 (Edit, 1);

  edit->op = op;
  edit->tag = g_strdup (tag);
  edit->value = g_strdup (value);
  return edit;
}

/* The widgets of one tag's row know their tag by this small struct,
 * passed as closure data. */
typedef struct
{
  SeismoTagsPage *self;
  char           *tag;
  gint64          rule_id;
  gboolean        regex;      /* the entry adds a regular expression, not keywords */
  AdwComboRow    *merge_row;
} Target;

static void
target_free (gpointer data,
             GClosure *closure)
{
  Target *target = data;

  g_free (target->tag);
  g_free (target);
}

static Target *
target_new (SeismoTagsPage *self,
            const char     *tag)
{
  Target *target = g_new0 (Target, 1);

  target->self = self;
  target->tag = g_strdup (tag);
  return target;
}

static void
rename_apply_cb (AdwEntryRow *row,
                 Target      *target)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (name[0] == '#')
    memmove (name, name + 1, strlen (name));
  if (name[0] != '\0' && g_strcmp0 (name, target->tag) != 0)
    run_edit (target->self, edit_new (OP_RENAME, target->tag, name));
}

static void
color_set_cb (GtkColorButton *button,
              Target         *target)
{
  GdkRGBA rgba;
  g_autofree char *hex = NULL;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  hex = g_strdup_printf ("#%02x%02x%02x", (int) (rgba.red * 255 + 0.5),
                         (int) (rgba.green * 255 + 0.5), (int) (rgba.blue * 255 + 0.5));
  run_edit (target->self, edit_new (OP_COLOR, target->tag, hex));
}

static void
rule_add_cb (AdwEntryRow *row,
             Target      *target)
{
  g_autofree char *pattern = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  gboolean regex = target->regex;
  Edit *edit;

  if (pattern[0] == '\0')
    return;
  edit = edit_new (OP_ADD_RULE, target->tag, NULL);
  edit->rule.tag = g_strdup (target->tag);
  edit->rule.kind = g_strdup (regex ? "regex" : "keywords");
  edit->rule.pattern = g_steal_pointer (&pattern);
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  run_edit (target->self, edit);
}

static void
rule_remove_cb (GtkButton *button,
                Target    *target)
{
  Edit *edit = edit_new (OP_REMOVE_RULE, target->tag, NULL);

  edit->rule_id = target->rule_id;
  run_edit (target->self, edit);
}

typedef struct
{
  SeismoTagsPage *self;
  Edit           *edit;
} Confirmation;

static void
confirmation_free (gpointer  data,
                   GClosure *closure)
{
  Confirmation *confirmation = data;

  g_clear_pointer (&confirmation->edit, edit_free);
  g_object_unref (confirmation->self);
  g_free (confirmation);
}

static void
confirm_cb (AdwMessageDialog *dialog,
            const char       *response,
            Confirmation     *confirmation)
{
  if (g_strcmp0 (response, "yes") == 0)
    run_edit (confirmation->self, g_steal_pointer (&confirmation->edit));
}

static void
confirm (SeismoTagsPage *self,
         const char     *heading,
         const char     *body,
         const char     *yes,
         Edit           *edit)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              heading, body);
  Confirmation *confirmation = g_new0 (Confirmation, 1);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "yes", yes,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "yes",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  confirmation->self = g_object_ref (self);
  confirmation->edit = edit;
  g_signal_connect_data (dialog, "response", G_CALLBACK (confirm_cb), confirmation,
                         confirmation_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static SeismoTag *
find_tag (SeismoTagsPage *self,
          const char     *name)
{
  for (guint i = 0; self->tags != NULL && i < self->tags->len; i++)
    if (g_str_equal (seismo_tag_get_name (g_ptr_array_index (self->tags, i)), name))
      return g_ptr_array_index (self->tags, i);
  return NULL;
}

static void
delete_clicked_cb (GtkButton *button,
                   Target    *target)
{
  SeismoTag *tag = find_tag (target->self, target->tag);
  guint events = tag != NULL ? seismo_tag_get_events (tag) : 0;
  g_autofree char *heading = g_strdup_printf (_("Delete #%s?"), target->tag);
  g_autofree char *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "It is on %u event; it and its rules go.",
                                                        "It is on %u events; it and its rules go.",
                                                        events), events);

  confirm (target->self, heading, body, _("_Delete"), edit_new (OP_DELETE, target->tag, NULL));
}

static void
merge_clicked_cb (GtkButton *button,
                  Target    *target)
{
  guint selected = adw_combo_row_get_selected (target->merge_row);
  GListModel *names = adw_combo_row_get_model (target->merge_row);
  g_autoptr(GtkStringObject) into = selected != GTK_INVALID_LIST_POSITION
                                      ? g_list_model_get_item (names, selected) : NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  const char *into_name;

  if (into == NULL)
    return;
  into_name = gtk_string_object_get_string (into) + 1; /* past the "#" */
  heading = g_strdup_printf (_("Merge #%s into #%s?"), target->tag, into_name);
  body = g_strdup_printf (_("Events tagged #%s get #%s instead, and #%s goes."), target->tag,
                          into_name, target->tag);
  confirm (target->self, heading, body, _("_Merge"), edit_new (OP_MERGE, target->tag, into_name));
}

static GtkWidget *
rule_row_new (SeismoTagsPage *self,
              SeismoRuleRow  *rule)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autoptr(GString) flags = g_string_new (g_str_equal (rule->kind, "regex")
                                             ? _("Regular expression") : _("Keywords"));
  g_autofree char *remove_name = g_strdup_printf (_("Remove the rule %s"), rule->pattern);
  Target *target = target_new (self, rule->tag);

  if (rule->negative)
    g_string_append_printf (flags, " · %s", _("excludes"));
  if (rule->weak)
    g_string_append_printf (flags, " · %s", _("weak"));
  if (rule->case_sensitive)
    g_string_append_printf (flags, " · %s", _("case-sensitive"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rule->pattern);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), flags->str);
  gtk_widget_add_css_class (row, "rule-row");
  target->rule_id = rule->id;
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove this rule"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_name, -1);
  g_signal_connect_data (remove, "clicked", G_CALLBACK (rule_remove_cb), target, target_free, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static GtkWidget *
tag_row_new (SeismoTagsPage *self,
             SeismoTag      *tag)
{
  const char *name = seismo_tag_get_name (tag);
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *rename = adw_entry_row_new ();
  GtkWidget *color_row = adw_action_row_new ();
  GtkWidget *color = gtk_color_button_new ();
  GtkWidget *merge = adw_combo_row_new ();
  GtkWidget *merge_button = gtk_button_new_with_mnemonic (_("_Merge"));
  GtkWidget *keywords = adw_entry_row_new ();
  GtkWidget *regex = adw_entry_row_new ();
  GtkWidget *delete_row = adw_action_row_new ();
  GtkWidget *delete = gtk_button_new_with_mnemonic (_("_Delete…"));
  g_autoptr(GtkStringList) others = gtk_string_list_new (NULL);
  g_autofree char *title = g_strconcat ("#", name, NULL);
  g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event",
                                                            "%u events", seismo_tag_get_events (tag)),
                                               seismo_tag_get_events (tag));
  Target *merge_target = target_new (self, name);
  GdkRGBA rgba;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rename), _("Name"));
  gtk_editable_set_text (GTK_EDITABLE (rename), name);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (rename), TRUE);
  g_signal_connect_data (rename, "apply", G_CALLBACK (rename_apply_cb), target_new (self, name),
                         target_free, 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), rename);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (color_row), _("Colour"));
  if (seismo_tag_get_color (tag) != NULL && gdk_rgba_parse (&rgba, seismo_tag_get_color (tag)))
    gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (color), &rgba);
  gtk_widget_set_valign (color, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (color), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Colour"), -1);
  g_signal_connect_data (color, "color-set", G_CALLBACK (color_set_cb), target_new (self, name),
                         target_free, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (color_row), color);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), color_row);

  for (guint i = 0; i < self->tags->len; i++)
    if (g_ptr_array_index (self->tags, i) != tag)
      {
        g_autofree char *other = g_strconcat ("#", seismo_tag_get_name (g_ptr_array_index (self->tags, i)),
                                              NULL);

        gtk_string_list_append (others, other);
      }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (merge), _("Merge into"));
  adw_combo_row_set_model (ADW_COMBO_ROW (merge), G_LIST_MODEL (others));
  merge_target->merge_row = ADW_COMBO_ROW (merge);
  gtk_widget_set_valign (merge_button, GTK_ALIGN_CENTER);
  g_signal_connect_data (merge_button, "clicked", G_CALLBACK (merge_clicked_cb), merge_target,
                         target_free, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (merge), merge_button);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), merge);

  for (guint i = 0; i < self->rules->len; i++)
    {
      SeismoRuleRow *rule = g_ptr_array_index (self->rules, i);

      if (g_str_equal (rule->tag, name))
        adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), rule_row_new (self, rule));
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (keywords),
                                 _("Add keywords, separated by commas"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (keywords), TRUE);
  g_signal_connect_data (keywords, "apply", G_CALLBACK (rule_add_cb), target_new (self, name),
                         target_free, 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), keywords);

  {
    Target *regex_target = target_new (self, name);

    regex_target->regex = TRUE;
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (regex), _("Add a regular expression"));
    adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (regex), TRUE);
    g_signal_connect_data (regex, "apply", G_CALLBACK (rule_add_cb), regex_target, target_free, 0);
    adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), regex);
  }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (delete_row), _("Delete the tag"));
  gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (delete, "destructive-action");
  g_signal_connect_data (delete, "clicked", G_CALLBACK (delete_clicked_cb), target_new (self, name),
                         target_free, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (delete_row), delete);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), delete_row);
  return expander;
}

/* Reading */

typedef struct
{
  GPtrArray *tags;
  GPtrArray *rules;
} Lists;

static void
lists_free (gpointer data)
{
  Lists *lists = data;

  g_clear_pointer (&lists->tags, g_ptr_array_unref);
  g_clear_pointer (&lists->rules, g_ptr_array_unref);
  g_free (lists);
}

static gpointer
lists_job (SeismoStore  *store,
           gpointer      data,
           GError      **error)
{
  Lists *lists = g_new0 (Lists, 1);

  if ((lists->tags = seismo_store_list_tags (store, error)) == NULL ||
      (lists->rules = seismo_store_list_tag_rules (store, error)) == NULL)
    {
      lists_free (lists);
      return NULL;
    }
  return lists;
}

static void
lists_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(SeismoTagsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  Lists *lists = seismo_store_run_finish (SEISMO_STORE (object), result, &error);

  if (lists == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->tags_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  self->tags = g_steal_pointer (&lists->tags);
  self->rules = g_steal_pointer (&lists->rules);
  lists_free (lists);

  for (guint i = 0; i < self->tags->len; i++)
    {
      GtkWidget *row = tag_row_new (self, g_ptr_array_index (self->tags, i));

      adw_preferences_group_add (self->tags_group, row);
      g_ptr_array_add (self->rows, row);
    }
}

static void
reload (SeismoTagsPage *self)
{
  seismo_store_run_async (self->store, lists_job, NULL, NULL, lists_free, self->cancellable,
                          lists_cb, g_object_ref (self));
}

static void
new_apply_cb (SeismoTagsPage *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_row))));

  if (name[0] == '#')
    memmove (name, name + 1, strlen (name));
  if (name[0] == '\0')
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->new_row), "");
  run_edit (self, edit_new (OP_CREATE, name, NULL));
}

/* Apply rules: a dry run first, so the user sees what would change. */

static void applied_cb (GObject *object, GAsyncResult *result, gpointer user_data);

static void
apply_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   SeismoTagsPage   *self)
{
  if (g_strcmp0 (response, "apply") != 0)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), TRUE);
      return;
    }
  seismo_store_apply_tag_rules_async (self->store, SEISMO_APPLY_RULES_DEFAULT, self->cancellable,
                                      applied_cb, g_object_ref (self));
}

static void
dry_run_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SeismoTagsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  SeismoApplyRulesStats stats = { 0 };
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (!seismo_store_apply_tag_rules_finish (SEISMO_STORE (object), result, &stats, &error))
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), TRUE);
      toast (self, error->message);
      return;
    }
  if (stats.tags_added == 0)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), TRUE);
      toast (self, _("The rules would change nothing"));
      return;
    }

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The rules add %u tag to %u of the %u events. Tags you "
                                       "set or removed yourself stay as they are.",
                                       "The rules add %u tags to %u of the %u events. Tags you "
                                       "set or removed yourself stay as they are.",
                                       stats.tags_added),
                          stats.tags_added, stats.events_changed, stats.events);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Apply the Rules?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "apply",
                                    _("_Apply"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (apply_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
applied_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SeismoTagsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  SeismoApplyRulesStats stats = { 0 };
  g_autofree char *message = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), TRUE);
  if (!seismo_store_apply_tag_rules_finish (SEISMO_STORE (object), result, &stats, &error))
    {
      toast (self, error->message);
      return;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event re-tagged",
                                          "%u events re-tagged", stats.events_changed),
                             stats.events_changed);
  toast (self, message);
  g_signal_emit (self, signals[CHANGED], 0);
  reload (self);
}

static void
apply_clicked_cb (SeismoTagsPage *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), FALSE);
  seismo_store_apply_tag_rules_async (self->store, SEISMO_APPLY_RULES_DRY_RUN, self->cancellable,
                                      dry_run_cb, g_object_ref (self));
}

static void
seismo_tags_page_dispose (GObject *object)
{
  SeismoTagsPage *self = SEISMO_TAGS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (seismo_tags_page_parent_class)->dispose (object);
}

static void
seismo_tags_page_class_init (SeismoTagsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seismo_tags_page_dispose;

  /**
   * SeismoTagsPage::changed:
   *
   * Tags or their links changed: the timeline reloads.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/seismograph/Seismograph/seismo-tags-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SeismoTagsPage, tags_group);
  gtk_widget_class_bind_template_child (widget_class, SeismoTagsPage, new_row);
  gtk_widget_class_bind_template_child (widget_class, SeismoTagsPage, apply_button);
}

static void
seismo_tags_page_init (SeismoTagsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (self->new_row, "apply", G_CALLBACK (new_apply_cb), self);
  g_signal_connect_swapped (self->apply_button, "clicked", G_CALLBACK (apply_clicked_cb), self);
}

SeismoTagsPage *
seismo_tags_page_new (SeismoStore *store)
{
  SeismoTagsPage *self = g_object_new (SEISMO_TYPE_TAGS_PAGE, NULL);

  self->store = g_object_ref (store);
  reload (self);
  return self;
}
