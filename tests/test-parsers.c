/* test-parsers.c — feed parsing beyond what the corpus covers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "seismo-feed.h"

/* Hostile inputs must finish in bounded time; this is generous enough for
 * AddressSanitizer on a busy machine and far below what unbounded work takes. */
#define HOSTILE_USEC (10 * G_USEC_PER_SEC)

static SeismoFeed *
parse_len (const char *doc,
           gsize       len,
           const char *base_url)
{
  g_autoptr(GError) error = NULL;
  SeismoFeed *feed = seismo_feed_parse (doc, len, base_url, &error);

  g_assert_no_error (error);
  g_assert_nonnull (feed);
  g_assert_nonnull (feed->items);
  return feed;
}

static SeismoFeed *
parse (const char *doc,
       const char *base_url)
{
  return parse_len (doc, strlen (doc), base_url);
}

static SeismoFeedItem *
item_at (SeismoFeed *feed,
         guint       i)
{
  g_assert_cmpuint (feed->items->len, >, i);
  return g_ptr_array_index (feed->items, i);
}

static char *
iso_date (gint64 t)
{
  g_autoptr(GDateTime) dt = NULL;

  if (t == SEISMO_NO_DATE)
    return NULL;
  dt = g_date_time_new_from_unix_utc (t);
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

/* ---- formats ---------------------------------------------------------- */

static const struct
{
  const char      *doc;
  SeismoFeedFormat format;
  guint            n_items;
} format_cases[] = {
  { "<rss version=\"2.0\"><channel><item/><item/></channel></rss>", SEISMO_FEED_FORMAT_RSS20, 2 },
  { "<rss><channel><item/></channel></rss>", SEISMO_FEED_FORMAT_RSS20, 1 },
  { "<rss version=\"0.91\"><channel><item/></channel></rss>", SEISMO_FEED_FORMAT_RSS09X, 1 },
  { "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" "
    "\"http://my.netscape.com/publish/formats/rss-0.91.dtd\"><rss version=\"2.0\"><channel/></rss>",
    SEISMO_FEED_FORMAT_RSS09X, 0 },
  { "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
    "xmlns=\"http://purl.org/rss/1.0/\"><channel/><item/><item/><item/></rdf:RDF>",
    SEISMO_FEED_FORMAT_RSS10, 3 },
  { "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
    "xmlns=\"http://my.netscape.com/rdf/simple/0.9/\"><channel/><item/></rdf:RDF>",
    SEISMO_FEED_FORMAT_RSS09X, 1 },
  { "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry/></feed>", SEISMO_FEED_FORMAT_ATOM10, 1 },
  { "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><entry/></feed>",
    SEISMO_FEED_FORMAT_ATOM03, 1 },
  { "<feed><entry/><entry/></feed>", SEISMO_FEED_FORMAT_ATOM03, 2 },
  { "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{}, {}]}",
    SEISMO_FEED_FORMAT_JSON, 2 },
  { "{\"version\": \"1.1\", \"items\": []}", SEISMO_FEED_FORMAT_JSON, 0 },
  { "\xef\xbb\xbf  {\"items\": [{\"id\": 1}]}", SEISMO_FEED_FORMAT_JSON, 1 },
  /* Not feeds: no error, format unknown, no items. */
  { "<!DOCTYPE html><html><head><title>Hi</title></head><body><p>Not a feed</p></body></html>",
    SEISMO_FEED_FORMAT_UNKNOWN, 0 },
  { "<html><body><item>an item in a web page</item></body></html>", SEISMO_FEED_FORMAT_UNKNOWN, 0 },
  { "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><item/></rdf:RDF>",
    SEISMO_FEED_FORMAT_UNKNOWN, 0 },
  { "{\"rss\": {\"channel\": {}}}", SEISMO_FEED_FORMAT_UNKNOWN, 0 },
  { "[1, 2, 3]", SEISMO_FEED_FORMAT_UNKNOWN, 0 },
  { "just some text", SEISMO_FEED_FORMAT_UNKNOWN, 0 },
};

static void
test_formats (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (format_cases); i++)
    {
      g_autoptr(SeismoFeed) feed = parse (format_cases[i].doc, NULL);

      g_test_message ("case %zu: %s", i, format_cases[i].doc);
      g_assert_cmpstr (seismo_feed_format_to_string (feed->format), ==,
                       seismo_feed_format_to_string (format_cases[i].format));
      g_assert_cmpuint (feed->items->len, ==, format_cases[i].n_items);
    }
}

static void
test_errors (void)
{
  static const struct
  {
    const char *doc;
    int         code;
  } cases[] = {
    { "", SEISMO_PARSE_ERROR_EMPTY },
    { " \n\t\r\n", SEISMO_PARSE_ERROR_EMPTY },
    { "\xef\xbb\xbf\n", SEISMO_PARSE_ERROR_EMPTY },
    { "{\"items\": [", SEISMO_PARSE_ERROR_INVALID },
    { "{\"title\": \"caf\xe9\", \"items\": []}", SEISMO_PARSE_ERROR_INVALID },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SeismoFeed) feed = seismo_feed_parse (cases[i].doc, strlen (cases[i].doc), NULL,
                                                      &error);

      g_test_message ("case %zu", i);
      g_assert_null (feed);
      g_assert_error (error, SEISMO_PARSE_ERROR, cases[i].code);
    }
}

/* ---- links and ids ------------------------------------------------------ */

static const struct
{
  const char *doc;
  const char *base_url;
  const char *feed_link;
  const char *item_link;
  const char *item_id;
} link_cases[] = {
  /* Without a base URL relative links stay as written. */
  { "<rss><channel><link>/blog/</link><item><link>2024/a.html</link></item></channel></rss>",
    NULL, "/blog/", "2024/a.html", NULL },
  { "<rss><channel><link>/blog/</link><item><link>2024/a.html</link></item></channel></rss>",
    "https://example.com/feeds/rss.xml", "https://example.com/blog/",
    "https://example.com/feeds/2024/a.html", NULL },
  { "<rss><channel><item><link>https://other.example/x?a=1&amp;b=2</link></item></channel></rss>",
    "https://example.com/feed", NULL, "https://other.example/x?a=1&b=2", NULL },
  { "<rss><channel><item><link>../up/./x</link></item></channel></rss>",
    "https://example.com/a/b/feed", NULL, "https://example.com/a/up/x", NULL },
  /* A permalink guid stands in for a missing link, and is resolved as one;
   * the id itself is never resolved against the URL the feed came from. */
  { "<rss><channel><item><guid>/p/1</guid></item></channel></rss>",
    "https://example.com/feed", NULL, "https://example.com/p/1", "/p/1" },
  { "<rss><channel><item><guid isPermaLink=\"false\">/p/1</guid></item></channel></rss>",
    "https://example.com/feed", NULL, NULL, "/p/1" },
  /* xml:base comes first, then the URL the feed came from. */
  { "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"/blog/\"><link href=\"./\"/>"
    "<entry xml:base=\"2024/\"><id>tag:x</id><link href=\"post.html\"/></entry></feed>",
    "https://example.com/feeds/atom.xml", "https://example.com/blog/",
    "https://example.com/blog/2024/post.html", "tag:x" },
  /* Atom ids are resolved against xml:base, as feedparser does. */
  { "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"http://a.example/dir/\">"
    "<entry><id>1</id></entry></feed>",
    NULL, NULL, "http://a.example/dir/1", "http://a.example/dir/1" },
  { "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"http://a.example/dir/\">"
    "<entry><id>tag:a,2024:1</id><link href=\"post.html\"/></entry></feed>",
    "https://b.example/feed", NULL, "http://a.example/dir/post.html", "tag:a,2024:1" },
  { "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"http://a.example/dir/\">"
    "<entry><id>urn:x</id><link rel=\"alternate\" type=\"text/html\" href=\"../b\"/>"
    "<link rel=\"self\" href=\"self.xml\"/><link rel=\"enclosure\" href=\"a.mp3\"/></entry></feed>",
    NULL, NULL, "http://a.example/b", "urn:x" },
  /* An Atom entry with no HTML link falls back on its id. */
  { "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>http://a.example/1</id>"
    "<link rel=\"alternate\" type=\"application/pdf\" href=\"1.pdf\"/></entry></feed>",
    "https://example.com/", NULL, "http://a.example/1", "http://a.example/1" },
  { "{\"items\": [{\"id\": 7, \"url\": \"posts/7\"}], \"home_page_url\": \"/\"}",
    "https://example.com/feed.json", "https://example.com/", "https://example.com/posts/7", "7" },
  { "{\"items\": [{\"id\": 7, \"url\": \"posts/7\"}]}", NULL, NULL, "posts/7", "7" },
};

static void
test_links (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (link_cases); i++)
    {
      g_autoptr(SeismoFeed) feed = parse (link_cases[i].doc, link_cases[i].base_url);
      SeismoFeedItem *item = item_at (feed, 0);

      g_test_message ("case %zu: %s", i, link_cases[i].doc);
      g_assert_cmpstr (feed->link, ==, link_cases[i].feed_link);
      g_assert_cmpstr (item->link, ==, link_cases[i].item_link);
      g_assert_cmpstr (item->id, ==, link_cases[i].item_id);
    }
}

static void
test_guid (void)
{
  const char *doc =
    "<rss><channel>"
    "<item><guid isPermaLink=\"false\">  tag:x,1  </guid><title>A</title></item>"
    "<item><title>B</title><link>http://x/b</link>"
    "<pubDate>Thu, 01 Jan 2004 19:48:21 GMT</pubDate></item>"
    "<item><title>B</title><link>http://x/b</link></item>"
    "<item><title>C</title></item>"
    "<item><description>only a description</description></item>"
    "<item><description>another description</description></item>"
    "</channel></rss>";
  g_autoptr(SeismoFeed) first = parse (doc, NULL);
  g_autoptr(SeismoFeed) second = parse (doc, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_cmpuint (first->items->len, ==, 6);
  for (guint i = 0; i < first->items->len; i++)
    {
      g_autofree char *a = seismo_feed_item_dup_guid (item_at (first, i));
      g_autofree char *b = seismo_feed_item_dup_guid (item_at (second, i));

      g_assert_cmpstr (a, ==, b);
      g_assert_false (g_hash_table_contains (seen, a));
      if (i == 0)
        g_assert_cmpstr (a, ==, "tag:x,1");
      else
        {
          g_assert_null (item_at (first, i)->id);
          g_assert_true (g_str_has_prefix (a, "sha1:"));
          g_assert_cmpuint (strlen (a), ==, 5 + 40);
        }
      g_hash_table_add (seen, g_steal_pointer (&a));
    }
}

/* ---- security ----------------------------------------------------------- */

static void
assert_bounded (const char *doc,
                gsize       len,
                int         expected_error)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SeismoFeed) feed = NULL;
  gint64 start = g_get_monotonic_time ();

  feed = seismo_feed_parse (doc, len, NULL, &error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, HOSTILE_USEC);
  if (expected_error >= 0)
    {
      g_assert_error (error, SEISMO_PARSE_ERROR, expected_error);
      g_assert_null (feed);
    }
  else
    {
      g_autofree char *json = NULL;

      g_assert_no_error (error);
      json = seismo_feed_to_corpus_json (feed);
      /* Whatever is recovered, it is not blown up. */
      g_assert_cmpuint (strlen (json), <, 4 * len + 4096);
    }
}

static void
test_billion_laughs (void)
{
  g_autoptr(GString) doc = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n"
                                         "<!ENTITY lol \"lol\">\n");
  g_autoptr(SeismoFeed) feed = NULL;

  for (int i = 1; i <= 9; i++)
    {
      g_string_append_printf (doc, "<!ENTITY lol%d \"", i);
      for (int k = 0; k < 10; k++)
        g_string_append_printf (doc, i == 1 ? "&lol;" : "&lol%d;", i - 1);
      g_string_append (doc, "\">\n");
    }
  g_string_append (doc, "]>\n<rss><channel><title>&lol9;</title>"
                        "<item><title>a &lol9; b</title><description>&lol9;</description></item>"
                        "</channel></rss>");
  assert_bounded (doc->str, doc->len, -1);

  feed = parse (doc->str, NULL);
  g_assert_null (strstr (item_at (feed, 0)->title, "lollol"));
}

/* Many references to one big (but flat) entity are capped too. */
static void
test_entity_amplification (void)
{
  g_autoptr(GString) doc = g_string_new ("<!DOCTYPE rss [<!ENTITY e \"");

  for (int i = 0; i < 1000; i++)
    g_string_append (doc, "xxxxxxxxxx");
  g_string_append (doc, "\">]><rss><channel><title>");
  for (int i = 0; i < 100000; i++)
    g_string_append (doc, "&e;");
  g_string_append (doc, "</title></channel></rss>");
  assert_bounded (doc->str, doc->len, -1);
}

static void
test_external_entities (void)
{
  static const char *const docs[] = {
    "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
    "<rss><channel><title>&xxe;</title><item><title>&xxe;</title>"
    "<description>&xxe;</description><link>&xxe;</link></item></channel></rss>",
    "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>"
    "<rss><channel><title>t</title></channel></rss>",
    "<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"file:///etc/passwd\">"
    "<rss><channel><title>t</title></channel></rss>",
    "<rss><channel><!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
    "<item><title>&xxe;</title></item></channel></rss>",
    "<rss xmlns:xi=\"http://www.w3.org/2001/XInclude\"><channel><item><title>"
    "<xi:include href=\"file:///etc/passwd\" parse=\"text\"/></title></item></channel></rss>",
    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"file:///etc/\"><entry>"
    "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">"
    "<iframe src=\"passwd\"/></div></content></entry></feed>",
  };
  g_autofree char *passwd = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/etc/passwd", &passwd, NULL, NULL) || *passwd == '\0')
    {
      g_test_skip ("no /etc/passwd to look for");
      return;
    }
  lines = g_strsplit (passwd, "\n", 2);

  for (gsize i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SeismoFeed) feed = seismo_feed_parse (docs[i], strlen (docs[i]), NULL, &error);
      g_autofree char *json = NULL;

      g_test_message ("case %zu", i);
      g_assert_no_error (error);
      json = seismo_feed_to_corpus_json (feed);
      g_assert_null (strstr (json, lines[0]));
      g_assert_null (strstr (json, ":/bin/"));
      g_assert_null (strstr (json, "/usr/sbin/nologin"));
    }
}

static void
test_deep_json (void)
{
  const gsize depth = 1000000;
  g_autoptr(GString) doc = g_string_sized_new (depth * 2 + 16);

  g_string_append (doc, "{\"items\": ");
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (doc, '[');
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (doc, ']');
  g_string_append_c (doc, '}');
  assert_bounded (doc->str, doc->len, SEISMO_PARSE_ERROR_TOO_DEEP);

  /* Unclosed, and with brackets hidden in strings that must not count. */
  g_string_assign (doc, "{\"title\": \"[[[[{{{{\", \"items\": [");
  for (gsize i = 0; i < depth; i++)
    g_string_append (doc, "{\"a\":");
  assert_bounded (doc->str, doc->len, SEISMO_PARSE_ERROR_TOO_DEEP);

  g_string_truncate (doc, 0);
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (doc, '[');
  assert_bounded (doc->str, doc->len, SEISMO_PARSE_ERROR_TOO_DEEP);
}

static void
test_deep_xml (void)
{
  const gsize depth = 1000000;
  g_autoptr(GString) doc = g_string_sized_new (depth * 8);

  g_string_append (doc, "<rss><channel><item><title>x</title>");
  for (gsize i = 0; i < depth; i++)
    g_string_append (doc, "<a>");
  for (gsize i = 0; i < depth; i++)
    g_string_append (doc, "</a>");
  g_string_append (doc, "</item></channel></rss>");
  assert_bounded (doc->str, doc->len, SEISMO_PARSE_ERROR_TOO_DEEP);
}

/* Deep or stray tags inside an HTML summary: linear, whichever path the
 * text takes. */
static void
test_deep_html (void)
{
  static const char *const openers[] = { "<div>", "<font>", "<script>" };

  for (gsize k = 0; k < G_N_ELEMENTS (openers); k++)
    {
      g_autoptr(GString) doc = g_string_new ("<rss><channel><item><description><![CDATA[");

      for (int i = 0; i < 100000; i++)
        g_string_append (doc, openers[k]);
      g_string_append (doc, "deep");
      for (int i = 0; i < 100000; i++)
        g_string_append (doc, "</x>");
      g_string_append (doc, "]]></description></item></channel></rss>");
      assert_bounded (doc->str, doc->len, -1);
    }
}

/* ---- encodings ------------------------------------------------------------ */

static const struct
{
  const char *bytes;
  gsize       len;
  const char *title;
} encoding_cases[] = {
#define CASE(b, t) { b, sizeof b - 1, t }
  CASE ("<?xml version=\"1.0\" encoding=\"gb2312\"?><rss><channel><title>"
        "\xc8\xcb\xb9\xa4\xd6\xc7\xc4\xdc</title></channel></rss>", "人工智能"),
  /* gb2312 is read as gb18030, which has these four-byte sequences. */
  CASE ("<?xml version=\"1.0\" encoding=\"GB2312\"?><rss><channel><title>"
        "\x81\x30\x8b\x38 \x94\x39\xfc\x36</title></channel></rss>", "Ā 😀"),
  CASE ("<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss><channel><title>"
        "\x93Quotes\x94 \x96 \x80 caf\xe9</title></channel></rss>", "“Quotes” – € café"),
  CASE ("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rss><channel><title>"
        "na\xefve</title></channel></rss>", "naïve"),
  /* Invalid UTF-8 makes the whole document windows-1252 … */
  CASE ("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><channel><title>"
        "caf\xc3\xa9 caf\xe9</title></channel></rss>", "cafÃ© café"),
  /* … and bytes windows-1252 lacks make it ISO-8859-2. */
  CASE ("<rss><channel><title>\x81 \xb1</title></channel></rss>", "\xc2\x81 ą"),
  CASE ("\xef\xbb\xbf<?xml version=\"1.0\"?><rss><channel><title>BOM \xe2\x9c\x93"
        "</title></channel></rss>", "BOM ✓"),
  CASE ("<?xml version=\"1.0\" encoding=\"x-no-such-charset\"?><rss><channel><title>"
        "\xe2\x9c\x93</title></channel></rss>", "✓"),
  /* UTF-16 with a BOM (LE, BE) and without one. */
  CASE ("\xff\xfe<\0r\0s\0s\0>\0<\0c\0h\0a\0n\0n\0e\0l\0>\0<\0t\0i\0t\0l\0e\0>\0"
        "\xfc\0\xac\x20<\0/\0t\0i\0t\0l\0e\0>\0<\0/\0c\0h\0a\0n\0n\0e\0l\0>\0<\0/\0r\0s\0s\0>\0",
        "ü€"),
  CASE ("\xfe\xff\0<\0r\0s\0s\0>\0<\0c\0h\0a\0n\0n\0e\0l\0>\0<\0t\0i\0t\0l\0e\0>"
        "\0\xfc\x20\xac\0<\0/\0t\0i\0t\0l\0e\0>\0<\0/\0c\0h\0a\0n\0n\0e\0l\0>\0<\0/\0r\0s\0s\0>",
        "ü€"),
  CASE ("<\0?\0x\0m\0l\0 \0v\0e\0r\0s\0i\0o\0n\0=\0\"\0\x31\0.\0\x30\0\"\0 \0e\0n\0c\0o\0d\0"
        "i\0n\0g\0=\0\"\0u\0t\0f\0-\0\x31\0\x36\0\"\0?\0>\0<\0r\0s\0s\0>\0<\0c\0h\0a\0n\0n\0e\0"
        "l\0>\0<\0t\0i\0t\0l\0e\0>\0\xe9\0<\0/\0t\0i\0t\0l\0e\0>\0<\0/\0c\0h\0a\0n\0n\0e\0l\0>"
        "\0<\0/\0r\0s\0s\0>\0", "é"),
#undef CASE
};

static void
test_encodings (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (encoding_cases); i++)
    {
      g_autoptr(SeismoFeed) feed = parse_len (encoding_cases[i].bytes, encoding_cases[i].len, NULL);

      g_test_message ("case %zu", i);
      g_assert_cmpint (feed->format, ==, SEISMO_FEED_FORMAT_RSS20);
      g_assert_cmpstr (feed->title, ==, encoding_cases[i].title);
    }
}

/* ---- text ---------------------------------------------------------------- */

static const struct
{
  const char *element; /* "description" (always HTML) or "title" */
  const char *content; /* as it is written in the XML */
  const char *text;
} text_cases[] = {
  { "description", "Wait&hellip; what?", "Wait… what?" },
  { "description", "a&nbsp;&nbsp; b", "a b" },
  { "description", "&amp;hellip; &amp;amp;", "… &" },
  { "description", "keep &doesnotexist; literally", "keep &doesnotexist; literally" },
  { "description", "&#8217; &#x2019; &#X2019; &#150;", "’ ’ ’ –" },
  { "description", "&lt;p&gt;One&lt;/p&gt;&lt;p&gt;Two&lt;br&gt;Three&lt;/p&gt;", "One Two Three" },
  { "description", "<![CDATA[H<sub>2</sub>O is <b>wet</b>]]>", "H2O is wet" },
  { "description", "<![CDATA[<script>alert(1)</script>safe<style>p{}</style>]]>", "safe" },
  { "description", "<![CDATA[a<!-- hidden -->b]]>", "ab" },
  { "description", "<![CDATA[1 < 2 &copy 2024 &copy=2]]>", "1 < 2 © 2024 ©=2" },
  { "description", "<![CDATA[<p>x<iframe src=\"y\">fallback</iframe></p>]]>", "xfallback" },
  { "description", "<![CDATA[<table><tr><td>a</td><td>b</td></tr></table>]]>", "a b" },
  { "description", "<![CDATA[<a href=\"x>y\" title='q'>link</a>]]>", "link" },
  { "description", "<p>inline <b>XHTML</b></p><p>naked</p>", "inline XHTML naked" },
  { "description", "tab\tnew\nline\u00a0nbsp\u2009thin", "tab new line nbsp\u2009thin" },
  /* RSS titles are HTML only when they look like it. */
  { "title", "1 &lt; 2", "1 < 2" },
  { "title", "AT&amp;amp;T", "AT&T" },
  { "title", "&lt;b&gt;bold&lt;/b&gt; title", "bold title" },
  { "title", "&lt;notatag&gt;x&lt;/notatag&gt;", "<notatag>x</notatag>" },
  { "title", "Fish & Chips &amp; more", "Fish & Chips & more" },
  { "title", "  spaced \n  out  ", "spaced out" },
};

static void
test_text (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (text_cases); i++)
    {
      g_autofree char *doc = g_strdup_printf ("<rss><channel><item><%s>%s</%s></item>"
                                              "</channel></rss>",
                                              text_cases[i].element, text_cases[i].content,
                                              text_cases[i].element);
      g_autoptr(SeismoFeed) feed = parse (doc, NULL);
      SeismoFeedItem *item = item_at (feed, 0);

      g_test_message ("case %zu: %s", i, doc);
      if (g_str_equal (text_cases[i].element, "title"))
        g_assert_cmpstr (item->title, ==, text_cases[i].text);
      else
        g_assert_cmpstr (item->summary, ==, text_cases[i].text);
    }
}

static void
test_atom_text (void)
{
  const char *doc =
    "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>"
    "<title type=\"text\">&lt;b&gt;not bold&lt;/b&gt;</title>"
    "<summary type=\"html\">&lt;p&gt;para&lt;/p&gt;&amp;amp;</summary>"
    "<author><name> Jane   Doe </name><email>jane@example.com</email></author>"
    "<author><name>Second</name></author></entry>"
    "<entry><title type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">A<br/>B"
    "<script>x</script></div></title>"
    "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">"
    "<p>1 &amp; 2</p></div></content><author><email>only@example.com</email></author></entry>"
    "</feed>";
  g_autoptr(SeismoFeed) feed = parse (doc, NULL);

  g_assert_cmpstr (item_at (feed, 0)->title, ==, "<b>not bold</b>");
  g_assert_cmpstr (item_at (feed, 0)->summary, ==, "para &");
  g_assert_cmpstr (item_at (feed, 0)->author, ==, "Jane Doe");
  g_assert_cmpstr (item_at (feed, 1)->title, ==, "A B");
  g_assert_cmpstr (item_at (feed, 1)->summary, ==, "1 & 2");
  g_assert_cmpstr (item_at (feed, 1)->author, ==, "only@example.com");
}

static void
test_rss_fields (void)
{
  const char *doc =
    "<rss xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
    "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
    "xmlns:media=\"http://search.yahoo.com/mrss/\" "
    "xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\"><channel>"
    "<title>Feed</title><image><title>Logo</title><link>http://x/logo</link></image>"
    "<item><author>jane@example.com (Jane Doe)</author><title>First</title><title>Second</title>"
    "<content:encoded><![CDATA[<p>full</p>]]></content:encoded></item>"
    "<item><dc:creator>Dee</dc:creator><media:title>Media</media:title>"
    "<description>desc</description><content:encoded>full</content:encoded></item>"
    "<item><itunes:author>Pod</itunes:author><dc:title>DC</dc:title>"
    "<pubDate>Thu, 01 Jan 2004 19:48:21 GMT</pubDate><dc:date>2004-01-02T00:00:00Z</dc:date></item>"
    "<item><author>bare@example.com</author>"
    "<source url=\"http://s/\"><title>Src</title></source></item>"
    "</channel></rss>";
  g_autoptr(SeismoFeed) feed = parse (doc, NULL);
  g_autofree char *published = NULL, *updated = NULL;

  g_assert_cmpstr (feed->title, ==, "Feed");
  g_assert_null (feed->link);
  g_assert_cmpuint (feed->items->len, ==, 4);
  g_assert_cmpstr (item_at (feed, 0)->author, ==, "Jane Doe");
  g_assert_cmpstr (item_at (feed, 0)->title, ==, "First");
  g_assert_cmpstr (item_at (feed, 0)->summary, ==, "full");
  g_assert_cmpstr (item_at (feed, 1)->author, ==, "Dee");
  g_assert_cmpstr (item_at (feed, 1)->title, ==, "Media");
  g_assert_cmpstr (item_at (feed, 1)->summary, ==, "desc");
  g_assert_cmpstr (item_at (feed, 2)->author, ==, "Pod");
  g_assert_cmpstr (item_at (feed, 2)->title, ==, "DC");
  published = iso_date (item_at (feed, 2)->published);
  updated = iso_date (item_at (feed, 2)->updated);
  g_assert_cmpstr (published, ==, "2004-01-01T19:48:21Z");
  g_assert_cmpstr (updated, ==, "2004-01-02T00:00:00Z");
  g_assert_cmpstr (item_at (feed, 3)->author, ==, "bare@example.com");
  g_assert_null (item_at (feed, 3)->title);
}

/* ---- dates ---------------------------------------------------------------- */

static const struct
{
  const char *text;
  const char *iso; /* NULL: no date */
} date_cases[] = {
  { "Thu, 01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z" },
  { "Thu, 1 Jan 2004 14:48:21 EST", "2004-01-01T19:48:21Z" },
  { "01 Jan 04 19:48 +0000", "2004-01-01T19:48:00Z" },
  { "Thu, 01 Jan 2004 21:18:21 +01:30", "2004-01-01T19:48:21Z" },
  { "Thu, 01 January 2004 12:48:21 PDT", "2004-01-01T19:48:21Z" },
  { "Mon, 01 Jan 2004 19:48:21 GMT", "2004-01-01T19:48:21Z" },
  { "Fri,02 Jan 2004 00:00:00 GMT", "2004-01-02T00:00:00Z" },
  { "Sun Jan  4 16:29:06 2004", "2004-01-04T16:29:06Z" },
  { "Thu, 01 Jan 2004 19:48:21", NULL },
  { "Sat, 31 Feb 2004 19:48:21 GMT", NULL },
  { "Seg, 24 Set 2018 10:00:00 GMT", NULL },
  { "2003-12-31T10:14:55Z", "2003-12-31T10:14:55Z" },
  { "2003-12-31T10:14:55.123456789+05:30", "2003-12-31T04:44:55Z" },
  { "2003-12-31t10:14:55-08:00", "2003-12-31T18:14:55Z" },
  { "2003-12-31 10:14:55", "2003-12-31T10:14:55Z" },
  { "2003-12-31", "2003-12-31T00:00:00Z" },
  { "2003-12", "2003-12-01T00:00:00Z" },
  { "2003", "2003-01-01T00:00:00Z" },
  { "2003-12-31T24:00:00Z", "2004-01-01T00:00:00Z" },
  { "  2004-02-29T12:00:00Z  ", "2004-02-29T12:00:00Z" },
  { "1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z" },
  { "1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z" },
  { "yesterday", NULL },
  { "", NULL },
};

static void
test_dates (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (date_cases); i++)
    {
      g_autofree char *doc = g_strdup_printf ("<rss><channel><item><pubDate>%s</pubDate>"
                                              "</item></channel></rss>", date_cases[i].text);
      g_autoptr(SeismoFeed) feed = parse (doc, NULL);
      g_autofree char *iso = iso_date (item_at (feed, 0)->published);

      g_test_message ("case %zu: %s", i, date_cases[i].text);
      g_assert_cmpstr (iso, ==, date_cases[i].iso);
      g_assert_cmpint (item_at (feed, 0)->updated, ==, SEISMO_NO_DATE);
    }
}

/* ---- JSON Feed and the corpus JSON --------------------------------------------- */

static void
test_json_feed (void)
{
  const char *doc =
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"  T  &amp; \","
    " \"home_page_url\": \"https://example.com/\", \"items\": ["
    " {\"id\": 42, \"url\": \"https://example.com/42\", \"title\": \"A &#8211; B\","
    "  \"content_html\": \"<p>Hello <b>world</b></p>\", \"content_text\": \"ignored\","
    "  \"date_published\": \"2024-01-02T03:04:05+01:00\","
    "  \"authors\": [{\"url\": \"x\"}, {\"name\": \" Ann \"}]},"
    " {\"id\": \"s\", \"summary\": \"<b>plain</b>\", \"author\": {\"name\": \"Old\"},"
    "  \"date_modified\": \"Thu, 01 Jan 2004 19:48:21 GMT\"},"
    " \"not an item\","
    " {\"id\": 1.5, \"content_text\": \"text\", \"date_published\": \"garbage\"}]}";
  g_autoptr(SeismoFeed) feed = parse (doc, NULL);
  g_autofree char *published = NULL, *updated = NULL;

  g_assert_cmpint (feed->format, ==, SEISMO_FEED_FORMAT_JSON);
  g_assert_cmpstr (feed->title, ==, "T &amp;");
  g_assert_cmpstr (feed->link, ==, "https://example.com/");
  g_assert_cmpuint (feed->items->len, ==, 3);
  g_assert_cmpstr (item_at (feed, 0)->id, ==, "42");
  g_assert_cmpstr (item_at (feed, 0)->title, ==, "A &#8211; B");
  g_assert_cmpstr (item_at (feed, 0)->summary, ==, "Hello world");
  g_assert_cmpstr (item_at (feed, 0)->author, ==, "Ann");
  published = iso_date (item_at (feed, 0)->published);
  g_assert_cmpstr (published, ==, "2024-01-02T02:04:05Z");
  g_assert_cmpstr (item_at (feed, 1)->summary, ==, "<b>plain</b>");
  g_assert_cmpstr (item_at (feed, 1)->author, ==, "Old");
  updated = iso_date (item_at (feed, 1)->updated);
  g_assert_cmpstr (updated, ==, "2004-01-01T19:48:21Z");
  g_assert_cmpstr (item_at (feed, 2)->id, ==, "1.5");
  g_assert_cmpstr (item_at (feed, 2)->summary, ==, "text");
  g_assert_cmpint (item_at (feed, 2)->published, ==, SEISMO_NO_DATE);
}

static void
test_corpus_json (void)
{
  g_autoptr(GString) doc = g_string_new ("<rss><channel><title>Q \"quoted\" \\ </title>"
                                         "<item><description>");
  g_autoptr(SeismoFeed) feed = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  JsonObject *root, *item;
  const char *summary;

  for (int i = 0; i < 150; i++)
    g_string_append (doc, "é✓");
  g_string_append (doc, "</description></item></channel></rss>");
  feed = parse (doc->str, NULL);
  g_assert_cmpuint (g_utf8_strlen (item_at (feed, 0)->summary, -1), ==, 300);

  json = seismo_feed_to_corpus_json (feed);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "rss20");
  g_assert_cmpstr (json_object_get_string_member (root, "title"), ==, "Q \"quoted\" \\");
  g_assert_true (json_object_get_null_member (root, "link"));
  item = json_array_get_object_element (json_object_get_array_member (root, "items"), 0);
  g_assert_true (json_object_get_null_member (item, "id"));
  g_assert_true (json_object_get_null_member (item, "published"));
  summary = json_object_get_string_member (item, "summary_text");
  g_assert_cmpint (g_utf8_strlen (summary, -1), ==, 200);
  g_assert_true (g_str_has_prefix (item_at (feed, 0)->summary, summary));
}

/* Broken XML is recovered, not rejected. */
static void
test_recovery (void)
{
  static const struct
  {
    const char *doc;
    const char *title;
    guint       n_items;
  } cases[] = {
    { "\n\n<?xml version=\"1.0\"?><rss><channel><title>late decl</title></channel></rss>",
      "late decl", 0 },
    { "<rss><channel><title>unclosed</title><item><title>i</title><item><title>j", "unclosed", 2 },
    { "<rss><channel><title>Q&A &amp; stuff</title><item/></channel></rss>", "Q&A & stuff", 1 },
    { "<rss><channel><title>a\x01" "b\x0c" "c</title></channel></rss>", "ab c", 0 },
    { "<rss><channel><title><![CDATA[cut", "", 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SeismoFeed) feed = parse (cases[i].doc, NULL);

      g_test_message ("case %zu: %s", i, cases[i].doc);
      g_assert_cmpint (feed->format, ==, SEISMO_FEED_FORMAT_RSS20);
      g_assert_cmpstr (feed->title, ==, cases[i].title);
      g_assert_cmpuint (feed->items->len, ==, cases[i].n_items);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/parsers/formats", test_formats);
  g_test_add_func ("/parsers/errors", test_errors);
  g_test_add_func ("/parsers/links", test_links);
  g_test_add_func ("/parsers/guid", test_guid);
  g_test_add_func ("/parsers/security/billion-laughs", test_billion_laughs);
  g_test_add_func ("/parsers/security/entity-amplification", test_entity_amplification);
  g_test_add_func ("/parsers/security/external-entities", test_external_entities);
  g_test_add_func ("/parsers/security/deep-json", test_deep_json);
  g_test_add_func ("/parsers/security/deep-xml", test_deep_xml);
  g_test_add_func ("/parsers/security/deep-html", test_deep_html);
  g_test_add_func ("/parsers/encodings", test_encodings);
  g_test_add_func ("/parsers/text", test_text);
  g_test_add_func ("/parsers/atom-text", test_atom_text);
  g_test_add_func ("/parsers/rss-fields", test_rss_fields);
  g_test_add_func ("/parsers/dates", test_dates);
  g_test_add_func ("/parsers/json-feed", test_json_feed);
  g_test_add_func ("/parsers/corpus-json", test_corpus_json);
  g_test_add_func ("/parsers/recovery", test_recovery);

  return g_test_run ();
}
