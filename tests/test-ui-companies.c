/* test-ui-companies.c — the Companies view as a user sees it, on the starter pack
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "seismograph-resources.h"
#include "seismo-companies-view.h"
#include "seismo-event-list.h"
#include "seismo-starter-pack.h"

/* One window holding the view, on a fresh starter-pack database in a
 * temporary folder, for the whole run: the cards, following, searching,
 * the DeepSeek panel with its timeline, tags and note. What the view shows
 * is saved as PNGs in the build folder. */

static GtkWindow *window;
static SeismoCompaniesView *view;
static SeismoStore *store;
static char *tmp_dir;
static guint followed_changes;
static gint64 opened_event;

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

typedef gboolean (*Condition) (gconstpointer data);

/* Runs the main loop until @condition holds; fails after 10 s. */
static void
wait_until (Condition      condition,
            gconstpointer  data,
            const char    *what)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("Timed out waiting for %s", what);
  g_source_remove (id);
}

static void
settle (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

static gboolean
is_true (gconstpointer data)
{
  return *(const gboolean *) data;
}

/* Until a frame was laid out and drawn: a snapshot between a resize and
 * the next layout finds widgets without an allocation. */
static void
wait_painted (void)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  gboolean painted = FALSE;
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);

  gtk_widget_queue_draw (GTK_WIDGET (window));
  wait_until (is_true, &painted, "a frame");
  g_signal_handler_disconnect (clock, id);
}

static void
save_png (const char *name)
{
  GtkWidget *widget = GTK_WIDGET (window);
  int width, height;
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strdup_printf ("ui-companies-%s.png", name);
  g_autofree char *path = g_build_filename (g_getenv ("SEISMO_BUILD_DIR") ?: ".", file, NULL);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  settle (150);
  wait_painted ();
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

static gboolean
view_loaded (gconstpointer data)
{
  return !seismo_companies_view_get_loading (view);
}

static gboolean
window_allocated (gconstpointer data)
{
  return gtk_widget_get_width (GTK_WIDGET (window)) > 0;
}

static gboolean
view_narrow (gconstpointer data)
{
  int width = gtk_widget_get_width (GTK_WIDGET (view));

  return width > 0 && width <= 360;
}

static gboolean
followed_changed (gconstpointer data)
{
  return followed_changes > GPOINTER_TO_UINT (data);
}

static gboolean
panel_loaded (gconstpointer data)
{
  return seismo_companies_view_get_showing_panel (view) &&
         !seismo_company_panel_get_loading (seismo_companies_view_get_panel (view));
}

static gboolean
store_follows (gconstpointer data)
{
  const char *slug = data;
  g_autoptr(SeismoCompany) company = seismo_store_get_company (store, slug, 0, NULL);
  SeismoCompanyCard *card = seismo_companies_view_get_card (view, slug);

  return company != NULL &&
         seismo_company_get_followed (company) ==
           gtk_switch_get_active (seismo_company_card_get_follow_switch (card));
}

static char *
stored_note (const char *slug)
{
  g_autoptr(SeismoNote) note = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (seismo_store_get_note (store, 0, slug, &note, &error));
  g_assert_no_error (error);
  return note != NULL ? g_strdup (seismo_note_get_body (note)) : NULL;
}

static gboolean
note_stored (gconstpointer data)
{
  g_autofree char *body = stored_note ("deepseek");

  return g_strcmp0 (body, data) == 0;
}

static SeismoEvent *
newest_event_of (const char *slug)
{
  g_autoptr(SeismoEventFilter) filter = seismo_event_filter_new ();
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  filter->company = g_strdup (slug);
  events = seismo_store_list_events (store, filter, NULL, 0, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  return g_object_ref (g_ptr_array_index (events, 0));
}

/* Every company has a card; followed ones come first. */
static void
test_cards (void)
{
  g_autoptr(GPtrArray) companies = NULL;
  g_autoptr(SeismoEvent) newest = newest_event_of ("deepseek");
  g_autoptr(GError) error = NULL;
  GListModel *model = seismo_companies_view_get_model (view);
  SeismoCompanyCard *card;
  gboolean in_followed = TRUE;

  companies = seismo_store_list_companies (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, companies->len);
  g_assert_cmpuint (companies->len, >, 10);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SeismoCompany) company = g_list_model_get_item (model, i);

      if (!seismo_company_get_followed (company))
        in_followed = FALSE;
      else
        g_assert_true (in_followed); /* no followed company after an unfollowed one */
      g_assert_nonnull (seismo_companies_view_get_card (view, seismo_company_get_slug (company)));
    }

  card = seismo_companies_view_get_card (view, "deepseek");
  g_assert_nonnull (card);
  g_assert_cmpstr (seismo_company_card_get_headline (card), ==, seismo_event_get_title (newest));
  g_assert_true (gtk_switch_get_active (seismo_company_card_get_follow_switch (card)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (card), "card"));

  save_png ("grid");
}

/* The switch writes the store; quick toggles land in the order made. */
static void
test_follow (void)
{
  SeismoCompanyCard *card = seismo_companies_view_get_card (view, "huggingface");
  GtkSwitch *toggle;
  guint before = followed_changes;

  g_assert_nonnull (card);
  toggle = seismo_company_card_get_follow_switch (card);
  g_assert_false (gtk_switch_get_active (toggle));

  gtk_switch_set_active (toggle, TRUE);
  wait_until (followed_changed, GUINT_TO_POINTER (before), "followed-changed");
  g_assert_true (store_follows ("huggingface"));
  g_assert_true (seismo_company_get_followed (seismo_company_card_get_company (card)));

  gtk_switch_set_active (toggle, FALSE);
  gtk_switch_set_active (toggle, TRUE);
  gtk_switch_set_active (toggle, FALSE);
  wait_until (store_follows, "huggingface", "the last toggle to land");
  settle (300); /* nothing written after it */
  g_assert_true (store_follows ("huggingface"));
  {
    g_autoptr(SeismoCompany) company = seismo_store_get_company (store, "huggingface", 0, NULL);

    g_assert_false (seismo_company_get_followed (company));
  }
}

static void
test_search (void)
{
  GListModel *model = seismo_companies_view_get_model (view);
  g_autoptr(SeismoCompany) first = NULL;

  seismo_companies_view_set_search (view, "  DEEPs ");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  first = g_list_model_get_item (model, 0);
  g_assert_cmpstr (seismo_company_get_slug (first), ==, "deepseek");

  seismo_companies_view_set_search (view, "no such company at all");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  save_png ("no-results");

  seismo_companies_view_set_search (view, "");
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 10);
}

static void
open_event_cb (SeismoCompaniesView *sender,
               gint64               event_id)
{
  opened_event = event_id;
}

/* The DeepSeek panel: its own timeline, its tags, its chart. */
static void
test_panel (void)
{
  SeismoCompanyPanel *panel = seismo_companies_view_get_panel (view);
  g_autoptr(SeismoEventFilter) filter = seismo_event_filter_new ();
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autoptr(SeismoEvent) first = NULL;
  GtkFlowBox *tags_box = seismo_company_panel_get_tags_box (panel);
  GListModel *events;
  guint n = 0, n_chips = 0;

  seismo_companies_view_show_company (view, "deepseek");
  wait_until (panel_loaded, NULL, "the DeepSeek panel");
  g_assert_cmpstr (seismo_company_get_slug (seismo_company_panel_get_company (panel)), ==,
                   "deepseek");

  filter->company = g_strdup ("deepseek");
  g_assert_true (seismo_store_count_events (store, filter, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, >=, 10); /* the starter pack's DeepSeek week */
  events = G_LIST_MODEL (seismo_company_panel_get_events (panel));
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SeismoEvent) event = g_list_model_get_item (events, i);

      if (seismo_event_get_placeholder (event))
        continue;
      g_assert_true (g_strv_contains (seismo_event_get_companies (event), "deepseek"));
    }

  tags = seismo_store_list_company_tags (store, "deepseek", &error);
  g_assert_no_error (error);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (tags_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    n_chips++;
  g_assert_cmpuint (n_chips, ==, tags->len);
  g_assert_cmpuint (n_chips, >, 0);

  description = seismo_bar_chart_describe (seismo_company_panel_get_chart (panel));
  g_test_message ("chart: %s", description);
  g_assert_nonnull (strstr (description, "events in"));
  g_assert_nonnull (strstr (description, "most in the week of"));

  /* Activating a row asks the window to open the event. */
  first = g_list_model_get_item (events, 0);
  opened_event = 0;
  gtk_widget_activate_action (GTK_WIDGET (seismo_company_panel_get_list_view (panel)),
                              "list.activate-item", "u", 0);
  g_assert_cmpint (opened_event, ==, seismo_event_get_id (first));

  save_png ("panel");
}

/* Typing is stored after the pause, and leaving saves at once. */
static void
test_note (void)
{
  SeismoCompanyPanel *panel = seismo_companies_view_get_panel (view);
  GtkWidget *note_view = GTK_WIDGET (seismo_company_panel_get_note_view (panel));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (note_view));
  const char *first = "Cost claim is for the final run only.";
  const char *second = "Cost claim is for the final run only.\n\nWatch the export-control angle.";
  GtkTextIter end;

  g_assert_true (gtk_widget_get_sensitive (note_view));
  gtk_text_buffer_set_text (buffer, first, -1);
  settle (100);
  g_assert_null (stored_note ("deepseek")); /* not while typing */
  wait_until (note_stored, first, "the note to be saved after the pause");

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, second + strlen (first), -1);
  gtk_widget_activate_action (GTK_WIDGET (panel), "panel.back", NULL);
  g_assert_false (seismo_companies_view_get_showing_panel (view));
  wait_until (note_stored, second, "the note to be saved on leaving");

  /* Back again: the panel reads what was saved. */
  seismo_companies_view_show_company (view, "deepseek");
  wait_until (panel_loaded, NULL, "the DeepSeek panel again");
  {
    GtkTextIter start;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (text, ==, second);
  }
  gtk_widget_activate_action (GTK_WIDGET (panel), "panel.back", NULL);
}

/* A phone-sized window: one column of cards; the panel folds its two
 * halves into pages. */
static void
test_narrow (void)
{
  gtk_window_set_default_size (window, 360, 720);
  wait_until (view_narrow, NULL, "the narrow window");
  save_png ("narrow");

  seismo_companies_view_show_company (view, "openai");
  wait_until (panel_loaded, NULL, "the OpenAI panel");
  settle (300);
  save_png ("narrow-panel");
  gtk_widget_activate_action (GTK_WIDGET (seismo_companies_view_get_panel (view)), "panel.back",
                              NULL);
}

/* Closing the window right after typing loses nothing. */
static void
test_close (void)
{
  SeismoCompanyPanel *panel = seismo_companies_view_get_panel (view);
  const char *text = "Written just before closing.";

  seismo_companies_view_show_company (view, "deepseek");
  wait_until (panel_loaded, NULL, "the DeepSeek panel");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (seismo_company_panel_get_note_view (panel)),
                            text, -1);
  gtk_window_destroy (window);
  window = NULL;
  wait_until (note_stored, text, "the note to be saved on closing");
}

static void
followed_changed_cb (void)
{
  followed_changes++;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GtkCssProvider) css = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 77;
    }
  adw_init ();
  /* Screenshots of the end state, not of a slide half-way. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  g_resources_register (seismograph_get_resource ());
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/seismograph/Seismograph/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  tmp_dir = g_dir_make_tmp ("seismo-ui-companies-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (tmp_dir, "seismograph.db", NULL);
  store = seismo_starter_pack_open_store (path, &error);
  g_assert_no_error (error);

  window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (window, 1100, 760);
  view = SEISMO_COMPANIES_VIEW (seismo_companies_view_new ());
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (view));
  g_signal_connect (view, "followed-changed", G_CALLBACK (followed_changed_cb), NULL);
  g_signal_connect (view, "open-event", G_CALLBACK (open_event_cb), NULL);
  seismo_companies_view_set_store (view, store, NULL);
  gtk_window_present (window);
  wait_until (view_loaded, NULL, "the companies");
  wait_until (window_allocated, NULL, "the window to be laid out");

  g_test_add_func ("/ui-companies/cards", test_cards);
  g_test_add_func ("/ui-companies/follow", test_follow);
  g_test_add_func ("/ui-companies/search", test_search);
  g_test_add_func ("/ui-companies/panel", test_panel);
  g_test_add_func ("/ui-companies/note", test_note);
  g_test_add_func ("/ui-companies/narrow", test_narrow);
  g_test_add_func ("/ui-companies/close", test_close);
  status = g_test_run ();

  if (window != NULL)
    gtk_window_destroy (window);
  settle (100);
  g_clear_object (&store);
  remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
