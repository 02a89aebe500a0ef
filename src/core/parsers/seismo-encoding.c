/* seismo-encoding.c — bytes of an XML feed to UTF-8
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Feeds lie about their encoding all the time. We follow one fixed chain
 * (declared, BOM, UTF-8, windows-1252, ISO-8859-2) where the first encoding
 * that decodes the whole document wins, the same chain as the corpus
 * oracle, so that what a reader sees does not depend on guessing.
 */

#include "config.h"

#include <string.h>

#include "seismo-parse-private.h"

/* 0x80..0x9F in windows-1252; 0 where Python's codec has no mapping. */
static const guint16 cp1252_high[32] = {
  0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
  0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

typedef enum
{
  ENC_UTF8,
  ENC_LATIN1,
  ENC_CP1252,
  ENC_ASCII,
  ENC_ICONV,
} EncKind;

guint32
_seismo_cp1252_c1 (guint32 c)
{
  if (c >= 0x80 && c <= 0x9F && cp1252_high[c - 0x80] != 0)
    return cp1252_high[c - 0x80];
  return c;
}

gboolean
_seismo_utf8_validate (const char *data,
                       gsize       length)
{
  const guchar *p = (const guchar *) data, *end = p + length;

  /* Feeds are mostly ASCII: skip it eight bytes at a time. g_utf8_validate()
   * would also do, but it stops at NUL, which Python's decoder allows. */
  while (p < end)
    {
      guint64 word;

      if (end - p >= 8)
        {
          memcpy (&word, p, 8);
          if ((word & G_GUINT64_CONSTANT (0x8080808080808080)) == 0)
            {
              p += 8;
              continue;
            }
        }
      if (*p < 0x80)
        {
          p++;
          continue;
        }
      {
        const char *next;
        gsize left = MIN ((gsize) (end - p), 4);

        /* One multi-byte sequence (at most 4 bytes, no NUL inside). */
        if (!g_utf8_validate_len ((const char *) p, left, &next) && next == (const char *) p)
          return FALSE;
        p = (const guchar *) next;
      }
    }
  return TRUE;
}

/* Python's codec registry ignores case, '-', '_' and spaces in names. */
static EncKind
classify_encoding (const char  *name,
                   const char **iconv_name)
{
  char key[32];
  gsize n = 0;

  for (const char *p = name; *p != '\0' && n < sizeof key - 1; p++)
    if (*p != '-' && *p != '_' && *p != ' ')
      key[n++] = g_ascii_tolower (*p);
  key[n] = '\0';
  *iconv_name = name;

  if (g_str_equal (key, "utf8") || g_str_equal (key, "u8") || g_str_equal (key, "utf")
      || g_str_equal (key, "cp65001"))
    return ENC_UTF8;
  if (g_str_equal (key, "latin1") || g_str_equal (key, "l1") || g_str_equal (key, "iso88591")
      || g_str_equal (key, "8859") || g_str_equal (key, "cp819") || g_str_equal (key, "latin")
      || g_str_equal (key, "iso8859") || g_str_equal (key, "iso885911987"))
    return ENC_LATIN1;
  if (g_str_equal (key, "cp1252") || g_str_equal (key, "windows1252"))
    return ENC_CP1252;
  if (g_str_equal (key, "ascii") || g_str_equal (key, "usascii") || g_str_equal (key, "646"))
    return ENC_ASCII;
  /* Without a BOM Python reads these little-endian, iconv big-endian. */
  if (g_str_equal (key, "utf16") || g_str_equal (key, "u16"))
    *iconv_name = "UTF-16LE";
  else if (g_str_equal (key, "utf32") || g_str_equal (key, "u32"))
    *iconv_name = "UTF-32LE";
  else if (g_str_equal (key, "cp037"))
    *iconv_name = "IBM037";
  return ENC_ICONV;
}

static char *
decode_single_byte (const guchar *data,
                    gsize         length,
                    EncKind       kind,
                    gsize        *out_length)
{
  GString *out = g_string_sized_new (length + length / 8 + 1);

  for (gsize i = 0; i < length; i++)
    {
      guint32 c = data[i];

      if (c < 0x80)
        {
          g_string_append_c (out, (char) c);
          continue;
        }
      if (kind == ENC_ASCII)
        goto fail;
      if (kind == ENC_CP1252 && c <= 0x9F)
        {
          c = cp1252_high[c - 0x80];
          if (c == 0)
            goto fail;
        }
      g_string_append_unichar (out, c);
    }
  *out_length = out->len;
  return g_string_free (out, FALSE);

fail:
  g_string_free (out, TRUE);
  return NULL;
}

/* Returns TRUE when @name decodes all of @data; *@owned is NULL when the
 * input can be used as it is. */
static gboolean
try_decode (const char  *name,
            const char  *data,
            gsize        length,
            char       **owned,
            gsize       *out_length)
{
  const char *iconv_name;
  EncKind kind = classify_encoding (name, &iconv_name);
  g_autoptr(GError) error = NULL;
  gsize written = 0;
  char *res;

  *owned = NULL;
  switch (kind)
    {
    case ENC_UTF8:
      *out_length = length;
      return _seismo_utf8_validate (data, length);
    case ENC_LATIN1:
    case ENC_CP1252:
    case ENC_ASCII:
      *owned = decode_single_byte ((const guchar *) data, length, kind, out_length);
      return *owned != NULL;
    case ENC_ICONV:
    default:
      res = g_convert (data, (gssize) length, "UTF-8", iconv_name, NULL, &written, &error);
      if (res == NULL)
        return FALSE;
      *owned = res;
      *out_length = written;
      return TRUE;
    }
}

/* The value of encoding="…" in an XML declaration on the first line, as
 * the oracle's pattern ^<\?.*encoding=['"](.*?)['"].*\?> finds it. */
static char *
sniff_declared_encoding (const char *data,
                         gsize       length)
{
  const char *nl = memchr (data, '\n', length);
  gsize line_len = nl != NULL ? (gsize) (nl - data) : length;
  g_autofree char *line = NULL;
  char *p;

  if (line_len < 2 || data[0] != '<' || data[1] != '?')
    return NULL;
  line = g_strndup (data, line_len);
  /* The greedy .* means the last encoding= on the line is taken. */
  for (p = g_strrstr (line, "encoding="); p != NULL;
       p = p > line ? g_strrstr_len (line, p - line, "encoding=") : NULL)
    {
      char *value = p + strlen ("encoding=");
      char *close;

      if (*value != '"' && *value != '\'')
        continue;
      value++;
      close = strpbrk (value, "\"'");
      if (close == NULL || strstr (close + 1, "?>") == NULL)
        continue;
      return g_ascii_strdown (value, close - value);
    }
  return NULL;
}

static gboolean
is_utf16_or_32_label (const char *enc)
{
  static const char *const labels[] = {
    "u16", "utf-16", "utf16", "utf_16", "u32", "utf-32", "utf32", "utf_32",
    "iso-10646-ucs-2", "iso-10646-ucs-4", "csucs4", "csunicode", "ucs-2", "ucs-4",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (enc, labels[i]))
      return TRUE;
  return FALSE;
}

static const char *
sniff_bom (const guchar **data,
           gsize         *length)
{
  const guchar *d = *data;
  gsize n = *length;
  const char *enc = NULL;
  gsize skip = 0;

  if (n >= 4 && memcmp (d, "\x00\x00\xfe\xff", 4) == 0)
    enc = "utf-32be", skip = 4;
  else if (n >= 4 && memcmp (d, "\xff\xfe\x00\x00", 4) == 0)
    enc = "utf-32le", skip = 4;
  else if (n >= 2 && d[0] == 0xfe && d[1] == 0xff)
    enc = "utf-16be", skip = 2;
  else if (n >= 2 && d[0] == 0xff && d[1] == 0xfe)
    enc = "utf-16le", skip = 2;
  else if (n >= 3 && memcmp (d, "\xef\xbb\xbf", 3) == 0)
    enc = "utf-8", skip = 3;
  else if (n >= 4 && memcmp (d, "\x4c\x6f\xa7\x94", 4) == 0)
    enc = "cp037";
  else if (n >= 4 && memcmp (d, "\x00\x3c\x00\x3f", 4) == 0)
    enc = "utf-16be";
  else if (n >= 4 && memcmp (d, "\x3c\x00\x3f\x00", 4) == 0)
    enc = "utf-16le";
  else if (n >= 4 && memcmp (d, "\x00\x00\x00\x3c", 4) == 0)
    enc = "utf-32be";
  else if (n >= 4 && memcmp (d, "\x3c\x00\x00\x00", 4) == 0)
    enc = "utf-32le";

  *data = d + skip;
  *length = n - skip;
  return enc;
}

void
_seismo_decode_xml_document (const char  *data,
                             gsize        length,
                             const char **out,
                             gsize       *out_length,
                             char       **owned,
                             gboolean    *utf8_repair)
{
  const guchar *bytes = (const guchar *) data;
  const char *bom_enc = sniff_bom (&bytes, &length);
  g_autofree char *declared = NULL;
  const char *candidates[6];
  gsize n_candidates = 0;

  data = (const char *) bytes;
  *owned = NULL;
  *utf8_repair = FALSE;

  /* The declaration is only looked for when the BOM's encoding reads the
   * whole document, as the oracle does. */
  if (bom_enc != NULL)
    {
      g_autofree char *tmp = NULL;
      gsize tmp_len = 0;

      if (try_decode (bom_enc, data, length, &tmp, &tmp_len))
        declared = sniff_declared_encoding (tmp != NULL ? tmp : data, tmp_len);
      if (declared != NULL && is_utf16_or_32_label (declared))
        {
          g_free (declared);
          declared = g_strdup (bom_enc);
        }
    }
  else
    declared = sniff_declared_encoding (data, length);

  if (declared != NULL && g_str_equal (declared, "gb2312"))
    {
      g_free (declared);
      declared = g_strdup ("gb18030");
    }

  candidates[n_candidates++] = declared != NULL && *declared != '\0' ? declared : "utf-8";
  if (bom_enc != NULL)
    candidates[n_candidates++] = bom_enc;
  candidates[n_candidates++] = "utf-8";
  candidates[n_candidates++] = "windows-1252";
  candidates[n_candidates++] = "iso-8859-2";

  for (gsize i = 0; i < n_candidates; i++)
    {
      gboolean tried = FALSE;

      for (gsize j = 0; j < i; j++)
        tried |= g_str_equal (candidates[i], candidates[j]);
      if (tried)
        continue;
      if (try_decode (candidates[i], data, length, owned, out_length))
        {
          *out = *owned != NULL ? *owned : data;
          *utf8_repair = g_str_equal (candidates[i], "utf-8");
          return;
        }
      g_clear_pointer (owned, g_free);
    }

  /* ISO-8859-2 maps every byte, so this is only reached if iconv lacks it. */
  *owned = decode_single_byte (bytes, length, ENC_LATIN1, out_length);
  *out = *owned;
}
