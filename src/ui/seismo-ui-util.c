/* seismo-ui-util.c — small things every view needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "seismo-ui-util.h"
#include "seismo-tag.h"
#include "seismo-window.h"

/* Links come from feeds: only http and https ever reach the browser, never
 * file:, javascript: or a custom scheme handler. */
gboolean
seismo_ui_uri_is_web (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  const char *scheme;

  if (uri == NULL || !g_utf8_validate (uri, -1, NULL))
    return FALSE;
  parsed = g_uri_parse (uri, G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (parsed == NULL || g_uri_get_host (parsed) == NULL || g_uri_get_host (parsed)[0] == '\0')
    return FALSE;
  scheme = g_uri_get_scheme (parsed);
  return g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0;
}

void
seismo_ui_open_uri (GtkWidget  *widget,
                    const char *uri)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (!seismo_ui_uri_is_web (uri))
    {
      seismo_ui_show_toast (widget, _("Only web links (http and https) open in the browser"));
      return;
    }
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

void
seismo_ui_show_toast (GtkWidget  *widget,
                      const char *message)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (SEISMO_IS_WINDOW (root))
    seismo_window_show_toast (SEISMO_WINDOW (root), message);
  else
    g_message ("%s", message);
}

/* The core reports; this decides how a user sees it: a toast naming what
 * failed, with the store's own words. */
void
seismo_ui_show_error (GtkWidget  *widget,
                      const char *title,
                      GError     *error)
{
  g_autofree char *message = g_strdup_printf ("%s: %s", title, error->message);

  g_warning ("%s", message);
  seismo_ui_show_toast (widget, message);
}

/* The widget's foreground colour, for what it draws itself. */
void
seismo_ui_widget_color (GtkWidget *widget,
                        GdkRGBA   *color)
{
  /* gtk_widget_get_color () is 4.10; this is its 4.8 spelling. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/* A CSS class for a tag's chips: "tag-" and the name's letters and digits,
 * with a hash so that names differing only in other characters differ. */
char *
seismo_ui_tag_class (const char *tag)
{
  g_autoptr(GString) name = g_string_new ("tag-");

  for (const char *p = tag; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (name, g_ascii_tolower (*p));
  g_string_append_printf (name, "-%08x", g_str_hash (tag));
  return g_string_free (g_steal_pointer (&name), FALSE);
}

/* Tags have colours the user picks: one style sheet for the display,
 * rewritten whenever the tag list is read, tints every chip of a tag. */
void
seismo_ui_set_tag_colors (GPtrArray *tags)
{
  static GtkCssProvider *provider;
  static char *loaded;
  g_autoptr(GString) css = g_string_new (NULL);
  GdkDisplay *display = gdk_display_get_default ();

  if (display == NULL)
    return;
  if (provider == NULL)
    {
      provider = gtk_css_provider_new ();
      gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }
  for (guint i = 0; i < tags->len; i++)
    {
      SeismoTag *tag = g_ptr_array_index (tags, i);
      g_autofree char *klass = seismo_ui_tag_class (seismo_tag_get_name (tag));
      GdkRGBA rgba;

      if (seismo_tag_get_color (tag) == NULL || !gdk_rgba_parse (&rgba, seismo_tag_get_color (tag)))
        continue;
      g_string_append_printf (css, ".chip.tag-chip.%s { background-color: alpha(rgb(%d,%d,%d), 0.28); }\n",
                              klass, (int) (rgba.red * 255), (int) (rgba.green * 255),
                              (int) (rgba.blue * 255));
    }
  /* Loading restyles every widget of every window: only when it changed. */
  if (g_strcmp0 (loaded, css->str) == 0)
    return;
  g_free (loaded);
  loaded = g_strdup (css->str);
  gtk_css_provider_load_from_data (provider, css->str, css->len);
}
