/* seismo-date.c — feed dates to Unix seconds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Feeds write dates in RFC 822, W3C-DTF/RFC 3339 and many broken variants
 * of both. The handlers below are tried in the order the corpus oracle
 * tries them (W3C-DTF, RFC 822, ISO 8601 templates, asctime), so that the
 * same odd string gives the same instant here as there.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "seismo-parse-private.h"

#define MAX_PARTS 16

typedef struct
{
  const char *s;
  gsize       len;
} Span;

typedef struct
{
  const char *name;
  int         hours;
} ZoneName;

static const ZoneName zone_names[] = {
  { "ut", 0 }, { "gmt", 0 }, { "z", 0 }, { "adt", -3 }, { "ast", -4 }, { "at", -4 },
  { "edt", -4 }, { "est", -5 }, { "et", -5 }, { "cdt", -5 }, { "cst", -6 }, { "ct", -6 },
  { "mdt", -6 }, { "mst", -7 }, { "mt", -7 }, { "pdt", -7 }, { "pst", -8 }, { "pt", -8 },
  { "a", -1 }, { "n", 1 }, { "m", -12 }, { "y", 12 }, { "met", 1 }, { "mest", 2 },
};

static const char month_names[12][4] = {
  "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
};

static const char day_names[7][4] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

/* Days since 1970-01-01 of a proleptic Gregorian date; month may be out of
 * 1..12 and day out of range, which roll over the way mktime() does. */
static gint64
days_from_civil (gint64 y,
                 gint64 m,
                 gint64 d)
{
  gint64 era, yoe, doy, doe;

  m -= 1;
  y += m >= 0 ? m / 12 : -((11 - m) / 12);
  m = ((m % 12) + 12) % 12 + 1;
  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468 + (d - 1);
}

static int
days_in_month (gint64 y,
               int    m)
{
  static const int dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
    return 29;
  return dim[m - 1];
}

/* What Python's datetime() accepts. */
static gboolean
valid_datetime (gint64 y, gint64 mo, gint64 d, gint64 h, gint64 mi, gint64 s)
{
  return y >= 1 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 && d <= days_in_month (y, (int) mo)
         && h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 59;
}

static gint64
to_unix (gint64 y, gint64 mo, gint64 d, gint64 h, gint64 mi, gint64 s)
{
  return days_from_civil (y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}

static gboolean
is_space (char c)
{
  return c == ' ' || (c >= '\t' && c <= '\r');
}

static Span
span_strip (Span sp)
{
  while (sp.len > 0 && is_space (sp.s[0]))
    sp.s++, sp.len--;
  while (sp.len > 0 && is_space (sp.s[sp.len - 1]))
    sp.len--;
  return sp;
}

static Span
span_sub (Span  sp,
          gsize start,
          gsize end)
{
  Span r;

  start = MIN (start, sp.len);
  end = MIN (MAX (end, start), sp.len);
  r.s = sp.s + start;
  r.len = end - start;
  return r;
}

static gboolean
span_eq (Span        sp,
         const char *lit)
{
  return sp.len == strlen (lit) && memcmp (sp.s, lit, sp.len) == 0;
}

/* Python's int(): surrounding blanks, a sign, digits. */
static gboolean
py_int (Span    sp,
        gint64 *out)
{
  gint64 v = 0;
  gboolean neg = FALSE;
  gsize i = 0, digits = 0;

  sp = span_strip (sp);
  if (sp.len > 0 && (sp.s[0] == '+' || sp.s[0] == '-'))
    neg = sp.s[i++] == '-';
  for (; i < sp.len; i++)
    {
      if (sp.s[i] == '_' && digits > 0 && i + 1 < sp.len && g_ascii_isdigit (sp.s[i + 1]))
        continue;
      if (!g_ascii_isdigit (sp.s[i]))
        return FALSE;
      if (v < G_GINT64_CONSTANT (100000000000))
        v = v * 10 + (sp.s[i] - '0');
      digits++;
    }
  if (digits == 0)
    return FALSE;
  *out = neg ? -v : v;
  return TRUE;
}

/* int(float(x)): Python's float() syntax, truncated toward zero. */
static gboolean
py_int_of_float (Span    sp,
                 gint64 *out)
{
  char buf[64];
  char *end;
  double v;

  sp = span_strip (sp);
  if (sp.len == 0 || sp.len >= sizeof buf)
    return FALSE;
  memcpy (buf, sp.s, sp.len);
  buf[sp.len] = '\0';
  for (gsize i = 0; i < sp.len; i++)
    if (!g_ascii_isdigit (buf[i]) && strchr ("+-.eE", buf[i]) == NULL)
      return FALSE;
  v = g_ascii_strtod (buf, &end);
  if (*end != '\0' || v != v || v > 1e12 || v < -1e12)
    return FALSE;
  *out = (gint64) v;
  return TRUE;
}

/* str.split() without arguments. */
static gsize
split_ws (Span   sp,
          Span  *parts,
          gsize  max)
{
  gsize n = 0, i = 0;

  while (i < sp.len)
    {
      gsize start;

      while (i < sp.len && is_space (sp.s[i]))
        i++;
      if (i >= sp.len)
        break;
      start = i;
      while (i < sp.len && !is_space (sp.s[i]))
        i++;
      if (n == max)
        return max + 1;
      parts[n].s = sp.s + start;
      parts[n].len = i - start;
      n++;
    }
  return n;
}

/* str.split(sep, maxsplit); returns how many parts, max + 1 when more. */
static gsize
split_char (Span   sp,
            char   sep,
            gsize  maxsplit,
            Span  *parts,
            gsize  max)
{
  gsize n = 0, start = 0;

  for (gsize i = 0; i <= sp.len; i++)
    {
      if (i < sp.len && (sp.s[i] != sep || n == maxsplit))
        continue;
      if (n == max)
        return max + 1;
      parts[n].s = sp.s + start;
      parts[n].len = i - start;
      n++;
      start = i + 1;
    }
  return n;
}

static gboolean
zone_hours (Span  sp,
            int  *hours)
{
  for (gsize i = 0; i < G_N_ELEMENTS (zone_names); i++)
    if (span_eq (sp, zone_names[i].name))
      {
        *hours = zone_names[i].hours;
        return TRUE;
      }
  *hours = 0;
  return FALSE;
}

static int
month_of (Span sp)
{
  if (sp.len < 3)
    return 0;
  for (int i = 0; i < 12; i++)
    if (memcmp (sp.s, month_names[i], 3) == 0)
      return i + 1;
  return 0;
}

static gboolean
parse_w3dtf (const char *lower,
             gint64     *out)
{
  Span all = { lower, strlen (lower) };
  Span parts[MAX_PARTS + 2], date[3], tm[3], tz;
  gsize n, nd, nt;
  gint64 y, mo, d, h, mi, s, tzh = 0, tzm = 0;
  gsize loc;

  if (span_strip (all).len == 0)
    return FALSE;
  n = split_char (all, 't', G_MAXSIZE, parts, MAX_PARTS);
  if (n == 1)
    {
      n = split_ws (parts[0], parts, MAX_PARTS);
      if (n > MAX_PARTS)
        return FALSE;
      if (n == 1)
        {
          parts[1].s = "00:00:00z";
          parts[1].len = 9;
          n = 2;
        }
    }
  else if (n > 2)
    return FALSE;

  nd = split_char (parts[0], '-', 2, date, 3);
  if (date[0].len != 4)
    return FALSE;
  y = mo = d = 1;
  if (!py_int (date[0], &y) || (nd > 1 && !py_int (date[1], &mo))
      || (nd > 2 && !py_int (date[2], &d)))
    return FALSE;

  if (parts[1].len > 0 && parts[1].s[parts[1].len - 1] == 'z')
    {
      parts[1].len--;
      parts[n].s = "z";
      parts[n].len = 1;
      n++;
    }
  loc = parts[1].len;
  for (gsize i = 0; i < parts[1].len; i++)
    if (parts[1].s[i] == '-')
      {
        loc = i;
        break;
      }
  if (loc == parts[1].len)
    for (gsize i = 0; i < parts[1].len; i++)
      if (parts[1].s[i] == '+')
        {
          loc = i;
          break;
        }
  parts[n] = span_sub (parts[1], loc, parts[1].len);
  n++;
  parts[1] = span_sub (parts[1], 0, loc);

  nt = split_char (parts[1], ':', 2, tm, 3);
  tz = parts[2];
  if (tz.len > 0 && (tz.s[0] == '-' || tz.s[0] == '+'))
    {
      if (!py_int (span_sub (tz, 1, 3), &tzh) || !py_int (span_sub (tz, 4, tz.len), &tzm))
        return FALSE;
      if (tz.s[0] == '-')
        tzh = -tzh, tzm = -tzm;
    }
  else
    {
      int zh;

      zone_hours (tz, &zh);
      tzh = zh;
    }
  h = mi = s = 0;
  if (!py_int_of_float (tm[0], &h) || (nt > 1 && !py_int_of_float (tm[1], &mi))
      || (nt > 2 && !py_int_of_float (tm[2], &s)))
    return FALSE;
  if (!valid_datetime (y, mo, d, h, mi, s))
    return FALSE;
  *out = to_unix (y, mo, d, h, mi, s) - tzh * 3600 - tzm * 60;
  return TRUE;
}

static gboolean
parse_rfc822 (const char *lower,
              gint64     *out)
{
  Span all = { lower, strlen (lower) };
  Span raw[MAX_PARTS + 4], tp[4];
  Span *parts = raw + 1;
  Span tz;
  gsize n = split_ws (all, parts, MAX_PARTS);
  gint64 day, year, h = 0, mi = 0, s = 0, tzh = 0, tzm = 0;
  int month;
  gsize nt;
  char tzbuf[32];

  if (n > MAX_PARTS)
    return FALSE;
  if (n < 5)
    {
      parts[n].s = "00:00:00", parts[n].len = 8, n++;
      parts[n].s = "0000", parts[n].len = 4, n++;
    }
  if (n > 0 && parts[0].len >= 3)
    {
      gboolean is_day = FALSE;

      for (int i = 0; i < 7; i++)
        is_day |= memcmp (parts[0].s, day_names[i], 3) == 0;
      if (is_day)
        {
          const char *comma = memrchr (parts[0].s, ',', parts[0].len);

          /* "Fri,24 Nov 2023": the day hides behind the comma. */
          if (comma != NULL && parts[0].s[parts[0].len - 1] != ',')
            {
              parts[-1] = parts[0];
              parts[0].s = comma + 1;
              parts[0].len = parts[-1].s + parts[-1].len - (comma + 1);
              parts--;
              n++;
            }
          parts++;
          n--;
        }
    }
  if (n < 5)
    return FALSE;

  month = month_of (parts[1]);
  if (!py_int (parts[0], &day))
    {
      int swapped = month_of (parts[0]);

      if (swapped == 0 || !py_int (parts[1], &day))
        return FALSE;
      month = swapped;
    }
  if (month == 0)
    return FALSE;
  if (!py_int (parts[2], &year))
    return FALSE;
  if (parts[2].len <= 2)
    year += year < 90 ? 2000 : 1900;

  nt = split_char (parts[3], ':', G_MAXSIZE, tp, 3);
  if (nt > 3)
    return FALSE;
  if (!py_int (tp[0], &h) || (nt > 1 && !py_int (tp[1], &mi)) || (nt > 2 && !py_int (tp[2], &s)))
    return FALSE;

  tz = parts[4];
  if (tz.len >= 4 && memcmp (tz.s, "etc/", 4) == 0)
    tz = span_sub (tz, 4, tz.len);
  if (tz.len >= 3 && memcmp (tz.s, "gmt", 3) == 0)
    {
      gsize k = 0;

      for (gsize i = 3; i < tz.len && k < sizeof tzbuf - 1; i++)
        if (tz.s[i] != ':')
          tzbuf[k++] = tz.s[i];
      tzbuf[k] = '\0';
      if (k == 0)
        strcpy (tzbuf, "gmt"), k = 3;
      tz.s = tzbuf;
      tz.len = k;
    }
  if (tz.len > 0 && (tz.s[0] == '-' || tz.s[0] == '+'))
    {
      gboolean colon = memchr (tz.s, ':', tz.len) != NULL;

      if (!py_int (span_sub (tz, 1, 3), &tzh)
          || !py_int (span_sub (tz, colon ? 4 : 3, tz.len), &tzm))
        return FALSE;
      if (tz.s[0] == '-')
        tzh = -tzh, tzm = -tzm;
    }
  else
    {
      int zh;

      zone_hours (tz, &zh);
      tzh = zh;
    }
  if (!valid_datetime (year, month, day, h, mi, s))
    return FALSE;
  *out = to_unix (year, month, day, h, mi, s) - tzh * 3600 - tzm * 60;
  return TRUE;
}

static gboolean
take_digits (const char **p,
             int          n,
             gint64      *out)
{
  gint64 v = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *out = v;
  return TRUE;
}

/* One digit from @first, then any digit: the templates' [01]\d and [0123]\d. */
static gboolean
take_ranged (const char **p,
             const char  *first,
             int          n,
             gint64      *out)
{
  if (**p == '\0' || strchr (first, **p) == NULL)
    return FALSE;
  return take_digits (p, n, out);
}

/* The optional time that follows every ISO 8601 template. */
static void
iso_time (const char *p,
          gint64     *h,
          gint64     *mi,
          gint64     *s)
{
  const char *q = p;
  gint64 th = 0, tm = 0;

  if (*q == 'T')
    q++;
  if (!take_digits (&q, 2, h) || *q++ != ':' || !take_digits (&q, 2, mi))
    {
      *h = *mi = 0;
      return;
    }
  if (q[0] == ':' && g_ascii_isdigit (q[1]) && g_ascii_isdigit (q[2]))
    q++, take_digits (&q, 2, s);
  if (q[0] == '.' && g_ascii_isdigit (q[1]))
    for (q++; g_ascii_isdigit (*q); q++)
      ;
  if ((*q == '+' || *q == '-') && g_ascii_isdigit (q[1]) && g_ascii_isdigit (q[2]))
    {
      char sign = *q++;

      take_digits (&q, 2, &th);
      if (q[0] == ':' && g_ascii_isdigit (q[1]) && g_ascii_isdigit (q[2]))
        q++, take_digits (&q, 2, &tm);
      if (sign == '+')
        th = -th, tm = -tm;
      *h += th;
      *mi += tm;
    }
}

/* feedparser's ISO 8601 templates, in their order; those that would need
 * today's date are left out. Fields roll over like mktime(). */
static gboolean
parse_iso8601 (const char *text,
               gint64     *out)
{
  gint64 y = 0, mo = 0, d = 0, ord = 0, h = 0, mi = 0, s = 0;
  const char *p;

  for (int tmpl = 0; tmpl < 6; tmpl++)
    {
      p = text;
      y = mo = d = ord = 0;
      switch (tmpl)
        {
        case 0: /* YYYY-?MM-?DD */
          if (!take_digits (&p, 4, &y))
            continue;
          if (*p == '-' && (p[1] == '0' || p[1] == '1'))
            p++;
          if (!take_ranged (&p, "01", 2, &mo))
            continue;
          if (*p == '-' && strchr ("0123", p[1]) != NULL && p[1] != '\0')
            p++;
          if (!take_ranged (&p, "0123", 2, &d))
            continue;
          break;
        case 1: /* YYYY-MM */
          if (!take_digits (&p, 4, &y) || *p++ != '-' || !take_ranged (&p, "01", 2, &mo))
            continue;
          d = 1;
          break;
        case 2: /* YYYY-?OOO */
          if (!take_digits (&p, 4, &y))
            continue;
          if (*p == '-')
            p++;
          if (!take_ranged (&p, "0123", 3, &ord))
            continue;
          break;
        case 3: /* YY-?MM-?DD */
          if (!take_digits (&p, 2, &y))
            continue;
          if (*p == '-')
            p++;
          if (!take_ranged (&p, "01", 2, &mo))
            continue;
          if (*p == '-')
            p++;
          if (!take_ranged (&p, "0123", 2, &d))
            continue;
          y += 2000;
          break;
        case 4: /* YY-?OOO */
          if (!take_digits (&p, 2, &y))
            continue;
          if (*p == '-')
            p++;
          if (!take_ranged (&p, "0123", 3, &ord))
            continue;
          y += 2000;
          break;
        case 5: /* YYYY, or CC alone */
        default:
          if (take_digits (&p, 4, &y))
            mo = d = 1;
          else if (take_digits (&p, 2, &y) && *p == '\0')
            y = (y - 1) * 100 + 1, mo = d = 1;
          else
            continue;
          break;
        }
      if (ord != 0)
        mo = 1, d = ord;
      iso_time (p, &h, &mi, &s);
      *out = to_unix (y, mo, d, h, mi, s);
      return TRUE;
    }
  return FALSE;
}

/* "Sun Jan  4 16:29:06 2004" reordered into RFC 822. */
static gboolean
parse_asctime (const char *text,
               gint64     *out)
{
  Span all = { text, strlen (text) };
  Span p[7];
  gsize n = split_ws (all, p, 6);
  g_autofree char *rfc = NULL;
  char *lower;
  gboolean ok;

  if (n == 5)
    {
      p[5] = p[4];
      p[4].s = "+0000";
      p[4].len = 5;
      n = 6;
    }
  if (n != 6)
    return FALSE;
  rfc = g_strdup_printf ("%.*s %.*s %.*s %.*s %.*s %.*s",
                         (int) p[0].len, p[0].s, (int) p[2].len, p[2].s,
                         (int) p[1].len, p[1].s, (int) p[5].len, p[5].s,
                         (int) p[3].len, p[3].s, (int) p[4].len, p[4].s);
  lower = g_ascii_strdown (rfc, -1);
  ok = parse_rfc822 (lower, out);
  g_free (lower);
  return ok;
}

gint64
_seismo_date_parse (const char *text)
{
  g_autofree char *lower = NULL;
  gint64 t;

  if (text == NULL)
    return SEISMO_NO_DATE;
  while (is_space (*text))
    text++;
  if (*text == '\0' || strlen (text) > 256)
    return SEISMO_NO_DATE;
  lower = g_ascii_strdown (text, -1);
  g_strchomp (lower);
  if (parse_w3dtf (lower, &t) || parse_rfc822 (lower, &t) || parse_iso8601 (text, &t)
      || parse_asctime (text, &t))
    return t;
  return SEISMO_NO_DATE;
}

/* RFC 3339 and the ISO 8601 forms Python's datetime.fromisoformat() reads;
 * JSON Feed dates go through this before the lenient parser. */
gint64
_seismo_date_parse_iso (const char *text)
{
  const char *p = text;
  gint64 y, mo, d, h = 0, mi = 0, s = 0, oh = 0, om = 0;
  gboolean basic;

  if (text == NULL)
    return SEISMO_NO_DATE;
  while (is_space (*p))
    p++;
  if (!take_digits (&p, 4, &y))
    goto fallback;
  basic = *p != '-';
  if (!basic)
    p++;
  if (!take_digits (&p, 2, &mo) || (!basic && *p++ != '-') || !take_digits (&p, 2, &d))
    goto fallback;
  if (*p != '\0' && *p != '+' && *p != '-' && !g_ascii_isdigit (*p) && g_ascii_isdigit (p[1]))
    {
      p++; /* the separator: 'T', a space, or any other single character */
      if (!take_digits (&p, 2, &h))
        goto fallback;
      if (*p == ':' || g_ascii_isdigit (*p))
        {
          if (*p == ':')
            p++;
          if (!take_digits (&p, 2, &mi))
            goto fallback;
          if (*p == ':' || g_ascii_isdigit (*p))
            {
              if (*p == ':')
                p++;
              if (!take_digits (&p, 2, &s))
                goto fallback;
              if (*p == '.' || *p == ',')
                {
                  p++;
                  if (!g_ascii_isdigit (*p))
                    goto fallback;
                  while (g_ascii_isdigit (*p))
                    p++;
                }
            }
        }
      if (*p == 'Z' || *p == 'z')
        p++;
      else if (*p == '+' || *p == '-')
        {
          char sign = *p++;

          if (!take_digits (&p, 2, &oh))
            goto fallback;
          if (*p == ':')
            p++;
          if (g_ascii_isdigit (*p) && !take_digits (&p, 2, &om))
            goto fallback;
          if (sign == '-')
            oh = -oh, om = -om;
        }
    }
  while (is_space (*p))
    p++;
  if (*p != '\0' || !valid_datetime (y, mo, d, h, mi, s) || oh > 23 || oh < -23)
    goto fallback;
  return to_unix (y, mo, d, h, mi, s) - oh * 3600 - om * 60;

fallback:
  return _seismo_date_parse (text);
}

void
_seismo_date_format (gint64 t,
                     char   buf[32])
{
  gint64 days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
  gint64 secs = t - days * 86400;
  gint64 z = days + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  gint64 d = doy - (153 * mp + 2) / 5 + 1;
  gint64 m = mp < 10 ? mp + 3 : mp - 9;
  gint64 y = yoe + era * 400 + (m <= 2);

  g_snprintf (buf, 32, "%04" G_GINT64_FORMAT "-%02d-%02dT%02d:%02d:%02dZ",
              y, (int) m, (int) d, (int) (secs / 3600), (int) (secs / 60 % 60), (int) (secs % 60));
}
