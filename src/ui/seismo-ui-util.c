/* seismo-ui-util.c — small things every view needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "seismo-ui-util.h"
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
