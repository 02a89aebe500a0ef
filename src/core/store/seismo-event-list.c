/* seismo-event-list.c — the timeline as a lazy list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "seismo-event-list.h"

/* A GListModel over the store that never holds the whole timeline: it
 * knows how many events match, and reads them a page at a time in a worker
 * thread when the view asks for a row it does not have yet. Until a page
 * arrives the view gets placeholder events; when it arrives the model
 * announces the page as changed so the view binds the real rows.
 *
 * Pages are read by keyset from the page before when that one is loaded
 * (the usual case: scrolling), by offset otherwise (a scrollbar jump). Only
 * the most recently used pages stay in memory. */

#define DEFAULT_PAGE_SIZE 100
#define DEFAULT_MAX_PAGES 24

typedef struct
{
  GPtrArray *events; /* of SeismoEvent */
  guint64    used;   /* when it was last asked for, for eviction */
} Page;

struct _SeismoEventList
{
  GObject            parent_instance;

  SeismoStore       *store;
  SeismoEventFilter *filter;
  GHashTable        *pages;      /* page index -> Page */
  GQueue             wanted;     /* page indexes to read, newest request first */
  GCancellable      *cancellable;
  guint              n_items;
  guint              page_size;
  guint              max_pages;
  guint              generation; /* bumped on reload: late answers are dropped */
  guint64            clock;
  gboolean           reading;    /* a page read is running */
  gboolean           counting;   /* the first count is running */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SeismoEventList, seismo_event_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  LOADED,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  SeismoStore       *store;
  SeismoEventFilter *filter;
  guint              generation;
  guint              page;
  guint              offset;
  guint              limit;
  gboolean           has_cursor;
  SeismoEventCursor  cursor;
  gboolean           count;     /* also count the matching rows */
  guint              n_items;
  GPtrArray         *events;
} Read;

static void
read_free (gpointer data)
{
  Read *read = data;

  g_clear_object (&read->store);
  seismo_event_filter_free (read->filter);
  g_clear_pointer (&read->events, g_ptr_array_unref);
  g_free (read);
}

static void
page_free (gpointer data)
{
  Page *page = data;

  g_ptr_array_unref (page->events);
  g_free (page);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Read *read = task_data;
  GError *error = NULL;

  if (read->count &&
      !seismo_store_count_events (read->store, read->filter, &read->n_items, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  read->events = seismo_store_list_events (read->store, read->filter,
                                           read->has_cursor ? &read->cursor : NULL,
                                           read->offset, read->limit, &error);
  if (read->events == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void read_next (SeismoEventList *self);

static void
evict (SeismoEventList *self)
{
  while (g_hash_table_size (self->pages) > self->max_pages)
    {
      GHashTableIter iter;
      gpointer key, value;
      gpointer oldest_key = NULL;
      guint64 oldest = G_MAXUINT64;

      g_hash_table_iter_init (&iter, self->pages);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (((Page *) value)->used < oldest)
          {
            oldest = ((Page *) value)->used;
            oldest_key = key;
          }
      g_hash_table_remove (self->pages, oldest_key);
    }
}

static void
set_loading (SeismoEventList *self,
             gboolean         counting)
{
  if (self->counting == counting)
    return;
  self->counting = counting;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
read_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SeismoEventList *self = SEISMO_EVENT_LIST (object);
  Read *read = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  Page *page;

  if (read->generation != self->generation)
    return; /* a reload replaced this read; it is already reading anew */

  self->reading = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_queue_clear (&self->wanted);
          set_loading (self, FALSE);
          g_signal_emit (self, signals[FAILED], 0, error);
        }
      return;
    }

  page = g_new0 (Page, 1);
  page->events = g_steal_pointer (&read->events);
  page->used = ++self->clock;
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (read->page), page);

  if (read->count)
    {
      guint removed = self->n_items;

      self->n_items = read->n_items;
      set_loading (self, FALSE);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->n_items);
      if (removed != self->n_items)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
      g_signal_emit (self, signals[LOADED], 0);
    }
  else
    {
      guint start = read->page * self->page_size;
      guint count = MIN (self->page_size, self->n_items - MIN (start, self->n_items));

      /* Rows that were placeholders now have their event. */
      if (count > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), start, count, count);
    }

  evict (self);
  read_next (self);
}

static void
start_read (SeismoEventList *self,
            guint            page_index,
            gboolean         count)
{
  g_autoptr(GTask) task = NULL;
  Page *previous;
  Read *read;

  read = g_new0 (Read, 1);
  read->store = g_object_ref (self->store);
  read->filter = seismo_event_filter_copy (self->filter);
  read->generation = self->generation;
  read->page = page_index;
  read->limit = self->page_size;
  read->count = count;

  previous = page_index > 0 ? g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page_index - 1))
                            : NULL;
  if (previous != NULL && previous->events->len == self->page_size)
    {
      read->has_cursor = TRUE;
      read->cursor = seismo_event_get_cursor (g_ptr_array_index (previous->events,
                                                                 previous->events->len - 1));
    }
  else
    read->offset = page_index * self->page_size;

  self->reading = TRUE;
  task = g_task_new (self, self->cancellable, read_done_cb, NULL);
  g_task_set_source_tag (task, start_read);
  g_task_set_task_data (task, read, read_free);
  g_task_run_in_thread (task, read_thread);
}

static void
read_next (SeismoEventList *self)
{
  while (!self->reading && !g_queue_is_empty (&self->wanted))
    {
      guint page_index = GPOINTER_TO_UINT (g_queue_pop_head (&self->wanted));

      if (!g_hash_table_contains (self->pages, GUINT_TO_POINTER (page_index)) &&
          page_index * self->page_size < self->n_items)
        start_read (self, page_index, FALSE);
    }
}

static void
want_page (SeismoEventList *self,
           guint            page_index)
{
  gpointer key = GUINT_TO_POINTER (page_index);

  /* The latest request goes first: it is where the user is looking now. */
  g_queue_remove (&self->wanted, key);
  g_queue_push_head (&self->wanted, key);
  /* Do not let a fast fling queue up the whole table. */
  while (g_queue_get_length (&self->wanted) > self->max_pages / 2)
    g_queue_pop_tail (&self->wanted);
  read_next (self);
}

static GType
seismo_event_list_get_item_type (GListModel *model)
{
  return SEISMO_TYPE_EVENT;
}

static guint
seismo_event_list_get_n_items (GListModel *model)
{
  return SEISMO_EVENT_LIST (model)->n_items;
}

static gpointer
seismo_event_list_get_item (GListModel *model,
                            guint       position)
{
  SeismoEventList *self = SEISMO_EVENT_LIST (model);
  guint page_index;
  Page *page;

  if (position >= self->n_items)
    return NULL;

  page_index = position / self->page_size;
  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page_index));
  if (page != NULL && position % self->page_size < page->events->len)
    {
      page->used = ++self->clock;
      return g_object_ref (g_ptr_array_index (page->events, position % self->page_size));
    }

  if (page == NULL)
    want_page (self, page_index);
  /* A new one each time: list views tell rows apart by their item. */
  return seismo_event_new_placeholder ();
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = seismo_event_list_get_item_type;
  iface->get_n_items = seismo_event_list_get_n_items;
  iface->get_item = seismo_event_list_get_item;
}

static void
seismo_event_list_dispose (GObject *object)
{
  SeismoEventList *self = SEISMO_EVENT_LIST (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_queue_clear (&self->wanted);

  G_OBJECT_CLASS (seismo_event_list_parent_class)->dispose (object);
}

static void
seismo_event_list_finalize (GObject *object)
{
  SeismoEventList *self = SEISMO_EVENT_LIST (object);

  seismo_event_filter_free (self->filter);

  G_OBJECT_CLASS (seismo_event_list_parent_class)->finalize (object);
}

static void
seismo_event_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SeismoEventList *self = SEISMO_EVENT_LIST (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->counting);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seismo_event_list_class_init (SeismoEventListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = seismo_event_list_dispose;
  object_class->finalize = seismo_event_list_finalize;
  object_class->get_property = seismo_event_list_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SeismoEventList::loaded:
   *
   * The count and the first page are in, after a reload.
   */
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * SeismoEventList::failed:
   * @error: what the store said
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
seismo_event_list_init (SeismoEventList *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, page_free);
  self->page_size = DEFAULT_PAGE_SIZE;
  self->max_pages = DEFAULT_MAX_PAGES;
  self->filter = seismo_event_filter_new ();
  g_queue_init (&self->wanted);
}

/**
 * seismo_event_list_new:
 * @filter: (nullable): what to show; NULL for every event
 *
 * The model starts empty and fills itself from a worker thread.
 */
SeismoEventList *
seismo_event_list_new (SeismoStore             *store,
                       const SeismoEventFilter *filter)
{
  SeismoEventList *self;

  g_return_val_if_fail (SEISMO_IS_STORE (store), NULL);

  self = g_object_new (SEISMO_TYPE_EVENT_LIST, NULL);
  self->store = g_object_ref (store);
  if (filter != NULL)
    {
      seismo_event_filter_free (self->filter);
      self->filter = seismo_event_filter_copy (filter);
    }
  seismo_event_list_reload (self);
  return self;
}

/* For the benchmark and the tests: smaller pages, a tighter memory bound. */
void
seismo_event_list_set_paging (SeismoEventList *self,
                              guint            page_size,
                              guint            max_pages)
{
  g_return_if_fail (SEISMO_IS_EVENT_LIST (self));
  g_return_if_fail (page_size > 0 && max_pages >= 2);

  self->page_size = page_size;
  self->max_pages = max_pages;
  seismo_event_list_reload (self);
}

const SeismoEventFilter *
seismo_event_list_get_filter (SeismoEventList *self)
{
  g_return_val_if_fail (SEISMO_IS_EVENT_LIST (self), NULL);
  return self->filter;
}

void
seismo_event_list_set_filter (SeismoEventList         *self,
                              const SeismoEventFilter *filter)
{
  g_return_if_fail (SEISMO_IS_EVENT_LIST (self));
  g_return_if_fail (filter != NULL);

  if (seismo_event_filter_equal (self->filter, filter))
    return;
  seismo_event_filter_free (self->filter);
  self->filter = seismo_event_filter_copy (filter);
  seismo_event_list_reload (self);
}

/**
 * seismo_event_list_reload:
 *
 * Reads the count and the first page again (after a refresh, a filter
 * change). The old rows stay until the new ones are in.
 */
void
seismo_event_list_reload (SeismoEventList *self)
{
  g_return_if_fail (SEISMO_IS_EVENT_LIST (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;
  self->reading = FALSE;
  g_queue_clear (&self->wanted);
  g_hash_table_remove_all (self->pages);

  set_loading (self, TRUE);
  start_read (self, 0, TRUE);
}

gboolean
seismo_event_list_get_loading (SeismoEventList *self)
{
  g_return_val_if_fail (SEISMO_IS_EVENT_LIST (self), FALSE);
  return self->counting;
}

/* The position of an event among the loaded rows, or G_MAXUINT. */
guint
seismo_event_list_find (SeismoEventList *self,
                        gint64           event_id)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (SEISMO_IS_EVENT_LIST (self), G_MAXUINT);

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Page *page = value;

      for (guint i = 0; i < page->events->len; i++)
        if (seismo_event_get_id (g_ptr_array_index (page->events, i)) == event_id)
          return GPOINTER_TO_UINT (key) * self->page_size + i;
    }
  return G_MAXUINT;
}

/* How many events are held in memory now, for the tests and the benchmark. */
guint
seismo_event_list_get_n_cached (SeismoEventList *self)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_return_val_if_fail (SEISMO_IS_EVENT_LIST (self), 0);

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    n += ((Page *) value)->events->len;
  return n;
}
