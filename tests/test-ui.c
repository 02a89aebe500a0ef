/* test-ui.c — the window as a user sees it, on the starter pack
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "seismo-application.h"
#include "seismo-event-row.h"
#include "seismo-sidebar.h"
#include "seismo-store-private.h"
#include "seismo-window.h"

/* One application and one window for the whole run, on a fresh database
 * in a temporary folder, driven through the same entry points as a user's
 * clicks and keys. Every test saves what the window shows as a PNG in the
 * build folder. */

static SeismoApplication *app;
static SeismoWindow *window;
static char *tmp_dir;

typedef gboolean (*Condition) (gpointer data);

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @condition holds; fails the test after 15 s. */
static void
wait_until (Condition  condition,
            gpointer   data,
            const char *what)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (15, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("Timed out waiting for %s", what);
  g_source_remove (id);
}

static gboolean
always_false (gpointer data)
{
  return FALSE;
}

/* Lets the window draw and settle for @ms milliseconds. */
static void
settle (guint ms)
{
  gboolean done = FALSE;
  guint id = g_timeout_add (ms, timeout_cb, &done);

  while (!done)
    g_main_context_iteration (NULL, TRUE);
  (void) id;
  (void) always_false;
}

static void
save_png (const char *name)
{
  GtkWidget *widget = GTK_WIDGET (window);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strdup_printf ("ui-%s.png", name);
  g_autofree char *path = g_build_filename (g_getenv ("SEISMO_BUILD_DIR") ?: ".", file, NULL);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  settle (200);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

static SeismoTimelineView *
timeline (void)
{
  return seismo_window_get_timeline_view (window);
}

static GListModel *
events (void)
{
  return G_LIST_MODEL (seismo_timeline_view_get_events (timeline ()));
}

static gboolean
list_loaded (gpointer data)
{
  SeismoEventList *list = seismo_timeline_view_get_events (timeline ());

  return list != NULL && !seismo_event_list_get_loading (list);
}

static void
wait_list (void)
{
  settle (50);
  wait_until (list_loaded, NULL, "the timeline");
}

static SeismoEvent *
event_at (guint position)
{
  for (;;)
    {
      SeismoEvent *event = g_list_model_get_item (events (), position);

      if (!seismo_event_get_placeholder (event))
        return event;
      g_object_unref (event);
      g_main_context_iteration (NULL, TRUE);
    }
}

static guint
count_in_store (const SeismoEventFilter *filter)
{
  guint n = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (seismo_store_count_events (seismo_window_get_store (window), filter, &n, &error));
  g_assert_no_error (error);
  return n;
}

/* The rows the list view made, in order. */
static GPtrArray *
visible_rows (void)
{
  GPtrArray *rows = g_ptr_array_new ();
  GtkWidget *list = GTK_WIDGET (seismo_timeline_view_get_list_view (timeline ()));

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);

      if (row != NULL && SEISMO_IS_EVENT_ROW (row) && gtk_widget_get_mapped (row))
        g_ptr_array_add (rows, row);
    }
  return rows;
}

static void
select_filter (const char *kind,
               const char *key)
{
  g_assert_true (seismo_window_show_filter (window, kind, key));
  wait_list ();
}

static void
test_day_headers (void)
{
  g_autoptr(GPtrArray) rows = NULL;
  guint headers = 0;
  gint64 previous = G_MAXINT64;

  select_filter ("all", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (events ()), >=, 40);
  g_assert_cmpuint (g_list_model_get_n_items (events ()), ==, count_in_store (NULL));

  /* Newest first, a header on the first event of each day. */
  for (guint i = 0; i < g_list_model_get_n_items (events ()); i++)
    {
      g_autoptr(SeismoEvent) event = event_at (i);

      g_assert_cmpint (seismo_event_get_published (event), <=, previous);
      previous = seismo_event_get_published (event);
      headers += seismo_event_get_first_of_day (event);
    }
  g_assert_cmpuint (headers, >=, 20);

  settle (300);
  rows = visible_rows ();
  g_assert_cmpuint (rows->len, >=, 5);
  {
    SeismoEventRow *first = g_ptr_array_index (rows, 0);

    g_assert_true (seismo_event_get_first_of_day (seismo_event_row_get_event (first)));
  }
  save_png ("timeline");
}

static void
test_filter_company (void)
{
  g_autoptr(SeismoEventFilter) filter = seismo_event_filter_new ();
  guint all = g_list_model_get_n_items (events ());

  select_filter ("company", "deepseek");
  filter->company = g_strdup ("deepseek");
  g_assert_cmpuint (g_list_model_get_n_items (events ()), ==, count_in_store (filter));
  g_assert_cmpuint (g_list_model_get_n_items (events ()), <, all);
  for (guint i = 0; i < g_list_model_get_n_items (events ()); i++)
    {
      g_autoptr(SeismoEvent) event = event_at (i);

      g_assert_true (g_strv_contains (seismo_event_get_companies (event), "deepseek"));
    }
  save_png ("company-deepseek");
}

static void
test_filter_tag (void)
{
  g_autoptr(SeismoEventFilter) filter = seismo_event_filter_new ();

  select_filter ("tag", "legal-ip");
  filter->tag = g_strdup ("legal-ip");
  g_assert_cmpuint (g_list_model_get_n_items (events ()), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (events ()), ==, count_in_store (filter));
  for (guint i = 0; i < g_list_model_get_n_items (events ()); i++)
    {
      g_autoptr(SeismoEvent) event = event_at (i);

      g_assert_true (g_strv_contains (seismo_event_get_tags (event), "legal-ip"));
    }
  save_png ("tag-legal-ip");
}

static void
test_search (void)
{
  gboolean found = FALSE;

  select_filter ("all", NULL);
  seismo_window_search (window, "distillation");
  settle (400); /* the search entry waits for typing to pause */
  wait_list ();
  g_assert_cmpuint (g_list_model_get_n_items (events ()), >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (events ()), <, 10);
  for (guint i = 0; i < g_list_model_get_n_items (events ()); i++)
    {
      g_autoptr(SeismoEvent) event = event_at (i);
      g_autofree char *text = g_strconcat (seismo_event_get_title (event), " ",
                                           seismo_event_get_summary (event) ?: "", NULL);

      /* The seed week's story: OpenAI and the White House on distillation. */
      if (strstr (text, "distill") != NULL && g_strv_contains (seismo_event_get_companies (event),
                                                                "deepseek"))
        found = TRUE;
    }
  g_assert_true (found);
  save_png ("search-distillation");
  seismo_window_search (window, "");
  settle (400);
  wait_list ();
}

static gboolean
detail_loaded (gpointer data)
{
  SeismoEvent *shown = seismo_event_detail_get_event (seismo_timeline_view_get_detail (timeline ()));

  return shown != NULL && seismo_event_get_id (shown) == *(gint64 *) data;
}

static void
test_select_shows_items (void)
{
  GtkSingleSelection *selection = seismo_timeline_view_get_selection (timeline ());
  SeismoEventDetail *detail = seismo_timeline_view_get_detail (timeline ());
  g_autoptr(SeismoEvent) event = NULL;
  gint64 id;

  select_filter ("company", "nvidia");
  event = event_at (0);
  id = seismo_event_get_id (event);
  g_assert_false (seismo_event_get_read (event));

  gtk_single_selection_set_selected (selection, 0);
  wait_until (detail_loaded, &id, "the event's detail");
  g_assert_cmpuint (seismo_event_detail_get_n_item_rows (detail), ==,
                    seismo_event_get_items (seismo_event_detail_get_event (detail))->len);
  g_assert_cmpuint (seismo_event_detail_get_n_item_rows (detail), >=, 1);
  /* Selecting marks read (the default preference). */
  g_assert_true (seismo_event_get_read (event));
  save_png ("detail");
}

typedef struct
{
  gint64      id;
  const char *body;
} NoteCheck;

static gboolean
note_stored (gpointer data)
{
  NoteCheck *check = data;
  g_autoptr(SeismoNote) note = NULL;

  if (!seismo_store_get_note (seismo_window_get_store (window), check->id, NULL, &note, NULL) ||
      note == NULL)
    return FALSE;
  return g_strcmp0 (seismo_note_get_body (note), check->body) == 0;
}

static void
test_note_editor (void)
{
  SeismoEventDetail *detail = seismo_timeline_view_get_detail (timeline ());
  GtkTextBuffer *buffer = seismo_event_detail_get_note_buffer (detail);
  SeismoEvent *shown = seismo_event_detail_get_event (detail);
  NoteCheck check = { 0, "Cost claim covers the final run only — *not* R&D <b>.\n" };
  GtkTextIter end;

  g_assert_nonnull (shown);
  check.id = seismo_event_get_id (shown);

  /* Typed a piece at a time, as a user does; saved after the pause. */
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert_interactive (buffer, &end, "Cost claim covers ", -1, TRUE);
  settle (100);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert_interactive (buffer, &end, "the final run only — *not* R&D <b>.\n", -1,
                                      TRUE);
  wait_until (note_stored, &check, "the note to be saved");
  settle (100);
  save_png ("note");
}

static gboolean
sidebar_has (gpointer data)
{
  return seismo_window_show_filter (window, "company", data);
}

static void
test_follow_adds_sidebar (void)
{
  g_autoptr(GError) error = NULL;

  /* xAI is not followed in the starter pack. */
  g_assert_false (seismo_window_show_filter (window, "company", "xai"));
  g_assert_true (seismo_store_set_followed (seismo_window_get_store (window), "xai", TRUE, &error));
  g_assert_no_error (error);
  seismo_window_reload (window);
  wait_until (sidebar_has, "xai", "xAI in the sidebar");
  wait_list ();
  save_png ("followed-xai");
}

static void
test_narrow (void)
{
  gtk_window_set_default_size (GTK_WINDOW (window), 420, 800);
  select_filter ("all", NULL);
  settle (500);
  save_png ("narrow");
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 820);
  settle (300);
}

/* Titles from feeds are text, never markup; long, right-to-left, emoji,
 * a source without a title and an event without a date all stay readable. */
static const char *const hostile_titles[] = {
  "<b>Bold</b> & <span foreground=\"red\">red</span> &amp; 1 < 2",
  "\u05d3\u05d9\u05e4\u05e1\u05d9\u05e7 \u05de\u05e9\u05d7\u05e8\u05e8\u05ea \u05de\u05d5\u05d3\u05dc R1",
  "\U0001f680 DeepSeek \U0001f92f NVIDIA \U0001f4c9 -17% \U0001f1fa\U0001f1f8",
};

static void
test_bad_input (void)
{
  SeismoStore *store = seismo_window_get_store (window);
  g_autoptr(GString) long_title = g_string_new (NULL);
  g_autoptr(SeismoSource) untitled = seismo_source_new ("https://untitled.example/feed", "rss");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 source_id, now = g_get_real_time () / G_USEC_PER_SEC;
  guint found = 0;

  while (g_utf8_strlen (long_title->str, -1) < 2000)
    g_string_append (long_title, "A very long headline about export controls and GPUs ");
  source_id = seismo_store_add_source (store, untitled, &error);
  g_assert_no_error (error);

  g_assert_true (seismo_store_begin (store, &error));
  for (guint i = 0; i < G_N_ELEMENTS (hostile_titles) + 2; i++)
    {
      const char *title = i < G_N_ELEMENTS (hostile_titles) ? hostile_titles[i]
                          : i == G_N_ELEMENTS (hostile_titles) ? long_title->str : "No date at all";
      g_autofree char *guid = g_strdup_printf ("hostile-%u", i);
      gboolean dated = i != G_N_ELEMENTS (hostile_titles) + 1;
      gint64 event = _seismo_store_new_event (store, title, NULL, NULL, now + 60 + i,
                                              dated ? SEISMO_DATED_EXACT : SEISMO_DATED_NONE,
                                              &error);

      g_assert_cmpint (_seismo_store_insert_item (store, source_id, event, guid, NULL, NULL, title,
                                                  NULL, NULL, dated ? now + 60 + i : G_MININT64,
                                                  G_MININT64, &error), >, 0);
      g_assert_true (_seismo_store_index_event (store, event, &error));
    }
  g_assert_true (seismo_store_commit (store, &error));
  g_assert_no_error (error);

  select_filter ("all", NULL);
  seismo_window_reload (window);
  wait_list ();
  gtk_widget_activate_action (GTK_WIDGET (seismo_timeline_view_get_list_view (timeline ())),
                              "list.scroll-to-item", "u", 0);
  settle (400);

  rows = visible_rows ();
  for (guint i = 0; i < rows->len; i++)
    {
      SeismoEvent *event = seismo_event_row_get_event (g_ptr_array_index (rows, i));

      for (guint t = 0; t < G_N_ELEMENTS (hostile_titles); t++)
        if (event != NULL && g_strcmp0 (seismo_event_get_title (event), hostile_titles[t]) == 0)
          {
            /* Shown exactly as the feed wrote it: markup is never parsed. */
            g_assert_cmpstr (seismo_event_row_get_title_text (g_ptr_array_index (rows, i)), ==,
                             hostile_titles[t]);
            found++;
          }
      /* No row may grow past a few lines, however long its title. */
      g_assert_cmpint (gtk_widget_get_height (g_ptr_array_index (rows, i)), <, 260);
    }
  g_assert_cmpuint (found, ==, G_N_ELEMENTS (hostile_titles));
  save_png ("bad-input");
}

static gboolean
window_ready (gpointer data)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (app));

  return SEISMO_IS_WINDOW (active) && seismo_window_get_store (SEISMO_WINDOW (active)) != NULL;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("seismo-ui-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (tmp_dir, "ui.db", NULL);
  g_setenv ("SEISMOGRAPH_DB", db, TRUE);
  g_setenv ("SEISMOGRAPH_NO_AUTOREFRESH", "1", TRUE);
  gtk_init ();
  adw_init ();

  app = seismo_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  wait_until (window_ready, NULL, "the window and its database");
  window = SEISMO_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 820);
  wait_list ();

  g_test_add_func ("/ui/day-headers", test_day_headers);
  g_test_add_func ("/ui/filter-company", test_filter_company);
  g_test_add_func ("/ui/filter-tag", test_filter_tag);
  g_test_add_func ("/ui/search", test_search);
  g_test_add_func ("/ui/select-shows-items", test_select_shows_items);
  g_test_add_func ("/ui/note-editor", test_note_editor);
  g_test_add_func ("/ui/follow-adds-sidebar", test_follow_adds_sidebar);
  g_test_add_func ("/ui/narrow", test_narrow);
  g_test_add_func ("/ui/bad-input", test_bad_input);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  settle (200);
  g_clear_object (&app);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_remove (db);
    g_remove (wal);
    g_remove (shm);
    g_rmdir (tmp_dir);
  }
  g_free (tmp_dir);
  return status;
}
