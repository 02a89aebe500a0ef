/* seismo-store-tags.c — managing tags and tag rules, and re-tagging the timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "seismo-store-private.h"
#include "seismo-tagger.h"

/* Tag management keeps the promise of event_tags: a row with origin "user"
 * (present, or removed as a tombstone) is the user's decision and no
 * operation here drops or overrides it, except deleting the tag itself.
 * Rules are checked by the tagger that will run them before they are
 * stored; seismo-store-retag.c runs them over existing events. */

static const char *
strip_hash (const char *name)
{
  return name != NULL && name[0] == '#' ? name + 1 : name;
}

/* The rule of seismo-store-companies.c for names the user types. */
static gboolean
valid_tag_name (const char  *name,
                GError     **error)
{
  if (name == NULL || name[0] == '\0' || !g_utf8_validate (name, -1, NULL) ||
      g_utf8_strlen (name, -1) > 64 || strpbrk (name, " \t\r\n,#") != NULL)
    {
      g_set_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID,
                   _("“%s” is not a valid tag name: use up to 64 letters, digits or dashes, "
                     "without spaces, commas or “#”"),
                   name != NULL && g_utf8_validate (name, -1, NULL) ? name : "?");
      return FALSE;
    }
  return TRUE;
}

/* "#RRGGBB" or "#rrggbb", stored in lower case; NULL or "" for no colour. */
static gboolean
normalize_color (const char  *color,
                 char       **normalized,
                 GError     **error)
{
  *normalized = NULL;
  if (color == NULL || color[0] == '\0')
    return TRUE;
  if (strlen (color) != 7 || color[0] != '#')
    goto invalid;
  for (int i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      goto invalid;
  *normalized = g_ascii_strdown (color, -1);
  return TRUE;

invalid:
  g_set_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID,
               _("“%s” is not a colour: write it as #rrggbb, for example #3584e4"),
               g_utf8_validate (color, -1, NULL) ? color : "?");
  return FALSE;
}

static gboolean
run_with_ids (SeismoStore  *self,
              const char   *sql,
              gint64        a,
              gint64        b,
              GError      **error)
{
  sqlite3_stmt *stmt = _seismo_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a);
  if (sqlite3_bind_parameter_count (stmt) > 1)
    sqlite3_bind_int64 (stmt, 2, b);
  return _seismo_store_run (self, stmt, error);
}

static guint
count_events (SeismoStore *self,
              gint64       tag_id)
{
  sqlite3_stmt *stmt = _seismo_store_prepare (self,
                                              "SELECT count (*) FROM event_tags"
                                              " WHERE tag_id = ? AND removed = 0",
                                              NULL);
  guint count = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, tag_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

/**
 * seismo_store_create_tag:
 * @color: (nullable): "#rrggbb"
 *
 * Returns: the new tag's id, or 0 with @error set (also when a tag of
 *   that name, in any case, exists)
 */
gint64
seismo_store_create_tag (SeismoStore  *self,
                         const char   *name,
                         const char   *color,
                         GError      **error)
{
  g_autofree char *normalized = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  gboolean ok;

  g_return_val_if_fail (SEISMO_IS_STORE (self), 0);

  name = strip_hash (name);
  if (!valid_tag_name (name, error) || !normalize_color (color, &normalized, error))
    return 0;
  if (!_seismo_store_write_begin (self, error))
    return 0;
  ok = _seismo_store_tag_id (self, name, FALSE, NULL) == 0;
  if (!ok)
    g_set_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID,
                 _("There is already a tag “%s”"), name);
  if (ok)
    ok = (stmt = _seismo_store_prepare (self, "INSERT INTO tags (name, color) VALUES (?, ?)",
                                        error)) != NULL;
  if (ok)
    {
      _seismo_store_bind_text (stmt, 1, name);
      _seismo_store_bind_text (stmt, 2, normalized);
      ok = _seismo_store_run (self, stmt, error);
      id = sqlite3_last_insert_rowid (self->db);
    }
  return _seismo_store_write_end (self, ok, error) ? id : 0;
}

/**
 * seismo_store_rename_tag:
 *
 * Renames a tag, keeping its events, rules and colour. Changing only the
 * case is a rename; a name another tag has is an error: merge them instead.
 */
gboolean
seismo_store_rename_tag (SeismoStore  *self,
                         const char   *name,
                         const char   *new_name,
                         GError      **error)
{
  gint64 id = 0, other;
  gboolean ok;

  g_return_val_if_fail (SEISMO_IS_STORE (self), FALSE);

  name = strip_hash (name);
  new_name = strip_hash (new_name);
  if (!valid_tag_name (new_name, error) || !_seismo_store_write_begin (self, error))
    return FALSE;
  ok = (id = _seismo_store_tag_id (self, name, FALSE, error)) != 0;
  if (ok && (other = _seismo_store_tag_id (self, new_name, FALSE, NULL)) != 0 && other != id)
    {
      g_set_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID,
                   _("There is already a tag “%s”: merge “%s” into it instead"), new_name, name);
      ok = FALSE;
    }
  if (ok)
    {
      sqlite3_stmt *stmt = _seismo_store_prepare (self, "UPDATE tags SET name = ? WHERE id = ?",
                                                  error);

      ok = stmt != NULL;
      if (ok)
        {
          _seismo_store_bind_text (stmt, 1, new_name);
          sqlite3_bind_int64 (stmt, 2, id);
          ok = _seismo_store_run (self, stmt, error);
        }
    }
  return _seismo_store_write_end (self, ok, error);
}

/* A link's weight when both tags of a merge are on one event: a user's
 * "yes" beats a user's "no" (the merge says the two tags mean one thing,
 * and the user said yes to one of them), which beats any rule's link. */
#define LINK_RANK(t) \
  "(CASE WHEN " t ".origin = 'user' THEN 2 + (" t ".removed = 0) ELSE " t ".removed = 0 END)"

static const char * const merge_steps[] = {
  /* Events with both: INTO's row takes FROM's decision when it weighs more. */
  "UPDATE event_tags AS i SET origin = f.origin, removed = f.removed"
  " FROM event_tags AS f"
  " WHERE i.tag_id = ?2 AND f.tag_id = ?1 AND f.event_id = i.event_id"
  " AND " LINK_RANK ("f") " > " LINK_RANK ("i"),
  /* Events with FROM only: the row moves, decision and all. */
  "UPDATE OR IGNORE event_tags SET tag_id = ?2 WHERE tag_id = ?1",
  "UPDATE OR IGNORE tag_rules SET tag_id = ?2 WHERE tag_id = ?1",
  "UPDATE tags SET color = coalesce (color, (SELECT color FROM tags WHERE id = ?1)),"
  " description = coalesce (description, (SELECT description FROM tags WHERE id = ?1))"
  " WHERE id = ?2",
  /* What is left of FROM (rows INTO already had, duplicate rules) goes with it. */
  "DELETE FROM tags WHERE id = ?1",
};

/**
 * seismo_store_merge_tags:
 * @n_events: (out) (optional): how many events carry @into afterwards
 *
 * Moves every event and rule of @from to @into and deletes @from. An event
 * carrying both keeps one link; of two decisions on one event the user's
 * wins over a rule's, and a user's "yes" over a user's "no". @into keeps its
 * colour and description, or takes @from's when it has none.
 */
gboolean
seismo_store_merge_tags (SeismoStore  *self,
                         const char   *from,
                         const char   *into,
                         guint        *n_events,
                         GError      **error)
{
  gint64 from_id = 0, into_id = 0;
  gboolean ok;

  g_return_val_if_fail (SEISMO_IS_STORE (self), FALSE);

  from = strip_hash (from);
  into = strip_hash (into);
  if (!_seismo_store_write_begin (self, error))
    return FALSE;
  ok = (from_id = _seismo_store_tag_id (self, from, FALSE, error)) != 0 &&
       (into_id = _seismo_store_tag_id (self, into, FALSE, error)) != 0;
  if (ok && from_id == into_id)
    {
      g_set_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID,
                   _("Cannot merge the tag “%s” into itself"), from);
      ok = FALSE;
    }
  for (guint i = 0; ok && i < G_N_ELEMENTS (merge_steps); i++)
    ok = run_with_ids (self, merge_steps[i], from_id, into_id, error);
  if (ok && n_events != NULL)
    *n_events = count_events (self, into_id);
  return _seismo_store_write_end (self, ok, error);
}

/**
 * seismo_store_set_tag_color:
 * @color: (nullable): "#rrggbb", or NULL or "" for none
 */
gboolean
seismo_store_set_tag_color (SeismoStore  *self,
                            const char   *name,
                            const char   *color,
                            GError      **error)
{
  g_autofree char *normalized = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (SEISMO_IS_STORE (self), FALSE);

  if (!normalize_color (color, &normalized, error) || !_seismo_store_write_begin (self, error))
    return FALSE;
  ok = (id = _seismo_store_tag_id (self, strip_hash (name), FALSE, error)) != 0 &&
       (stmt = _seismo_store_prepare (self, "UPDATE tags SET color = ? WHERE id = ?",
                                      error)) != NULL;
  if (ok)
    {
      _seismo_store_bind_text (stmt, 1, normalized);
      sqlite3_bind_int64 (stmt, 2, id);
      ok = _seismo_store_run (self, stmt, error);
    }
  return _seismo_store_write_end (self, ok, error);
}

/**
 * seismo_store_delete_tag:
 * @n_events: (out) (optional): how many events carried the tag
 *
 * Deletes a tag, its links (the user's too) and its rules.
 */
gboolean
seismo_store_delete_tag (SeismoStore  *self,
                         const char   *name,
                         guint        *n_events,
                         GError      **error)
{
  gint64 id;
  guint count = 0;
  gboolean ok;

  g_return_val_if_fail (SEISMO_IS_STORE (self), FALSE);

  if (!_seismo_store_write_begin (self, error))
    return FALSE;
  ok = (id = _seismo_store_tag_id (self, strip_hash (name), FALSE, error)) != 0;
  if (ok)
    {
      count = count_events (self, id);
      ok = run_with_ids (self, "DELETE FROM tags WHERE id = ?", id, 0, error);
    }
  if (!_seismo_store_write_end (self, ok, error))
    return FALSE;
  if (n_events != NULL)
    *n_events = count;
  return TRUE;
}

static gboolean
blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text) && *text != ',')
      return FALSE;
  return TRUE;
}

/* A rule the tagger would refuse is refused here, with the tagger's reason. */
static gboolean
check_rule (const SeismoRuleRow  *rule,
            GError              **error)
{
  g_autoptr(SeismoTagger) tagger = seismo_tagger_new ();
  g_autoptr(GError) local = NULL;

  if (rule->kind == NULL ||
      (!g_str_equal (rule->kind, "keywords") && !g_str_equal (rule->kind, "regex")))
    {
      g_set_error_literal (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID,
                           _("A rule is either keywords or a regular expression"));
      return FALSE;
    }
  if (rule->pattern == NULL || !g_utf8_validate (rule->pattern, -1, NULL) ||
      blank (rule->pattern))
    {
      g_set_error_literal (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID,
                           _("A rule needs keywords or a regular expression"));
      return FALSE;
    }
  if (!seismo_tagger_add_rule (tagger, strip_hash (rule->tag), rule->kind, rule->pattern,
                               rule->case_sensitive, rule->weak, rule->negative, &local))
    {
      g_set_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID,
                   _("The rule is not valid: %s"), local->message);
      return FALSE;
    }
  return TRUE;
}

/* Writes @rule as a new row (@rule_id 0) or over row @rule_id. */
static gint64
write_rule (SeismoStore          *self,
            gint64                rule_id,
            const SeismoRuleRow  *rule,
            GError              **error)
{
  const char *tag = strip_hash (rule->tag);
  sqlite3_stmt *stmt;
  gint64 tag_id;
  gboolean taken;

  if ((tag_id = _seismo_store_tag_id (self, tag, FALSE, error)) == 0)
    return 0;
  stmt = _seismo_store_prepare (self,
                                "SELECT 1 FROM tag_rules WHERE tag_id = ? AND kind = ?"
                                " AND pattern = ? AND negative = ? AND id != ?",
                                error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, tag_id);
  _seismo_store_bind_text (stmt, 2, rule->kind);
  _seismo_store_bind_text (stmt, 3, rule->pattern);
  sqlite3_bind_int (stmt, 4, !!rule->negative);
  sqlite3_bind_int64 (stmt, 5, rule_id);
  taken = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (taken)
    {
      g_set_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_INVALID,
                   _("The tag “%s” already has this rule"), tag);
      return 0;
    }

  stmt = _seismo_store_prepare (self,
                                rule_id == 0
                                  ? "INSERT INTO tag_rules (tag_id, kind, pattern, case_sensitive,"
                                    " weak, negative) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                                  : "UPDATE tag_rules SET tag_id = ?1, kind = ?2, pattern = ?3,"
                                    " case_sensitive = ?4, weak = ?5, negative = ?6 WHERE id = ?7",
                                error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, tag_id);
  _seismo_store_bind_text (stmt, 2, rule->kind);
  _seismo_store_bind_text (stmt, 3, rule->pattern);
  sqlite3_bind_int (stmt, 4, !!rule->case_sensitive);
  sqlite3_bind_int (stmt, 5, !!rule->weak);
  sqlite3_bind_int (stmt, 6, !!rule->negative);
  if (rule_id != 0)
    sqlite3_bind_int64 (stmt, 7, rule_id);
  if (!_seismo_store_run (self, stmt, error))
    return 0;
  if (rule_id == 0)
    return sqlite3_last_insert_rowid (self->db);
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_NOT_FOUND,
                   _("There is no tag rule %" G_GINT64_FORMAT), rule_id);
      return 0;
    }
  return rule_id;
}

/**
 * seismo_store_add_tag_rule:
 * @rule: the rule; its tag must exist, its id is ignored
 *
 * Stores a rule after checking it the way the tagger will use it (a
 * regular expression that does not compile, or one that matches empty
 * text, is refused with the reason). Existing events are not re-tagged:
 * that is seismo_store_apply_tag_rules().
 *
 * Returns: the rule's id, or 0 with @error set
 */
gint64
seismo_store_add_tag_rule (SeismoStore          *self,
                           const SeismoRuleRow  *rule,
                           GError              **error)
{
  gint64 id = 0;

  g_return_val_if_fail (SEISMO_IS_STORE (self), 0);
  g_return_val_if_fail (rule != NULL, 0);

  if (!check_rule (rule, error) || !_seismo_store_write_begin (self, error))
    return 0;
  id = write_rule (self, 0, rule, error);
  return _seismo_store_write_end (self, id != 0, error) ? id : 0;
}

/* Replaces rule @rule->id with @rule, checked as seismo_store_add_tag_rule() does. */
gboolean
seismo_store_update_tag_rule (SeismoStore          *self,
                              const SeismoRuleRow  *rule,
                              GError              **error)
{
  gboolean ok;

  g_return_val_if_fail (SEISMO_IS_STORE (self), FALSE);
  g_return_val_if_fail (rule != NULL && rule->id > 0, FALSE);

  if (!check_rule (rule, error) || !_seismo_store_write_begin (self, error))
    return FALSE;
  ok = write_rule (self, rule->id, rule, error) != 0;
  return _seismo_store_write_end (self, ok, error);
}

gboolean
seismo_store_remove_tag_rule (SeismoStore  *self,
                              gint64        rule_id,
                              GError      **error)
{
  gboolean ok;

  g_return_val_if_fail (SEISMO_IS_STORE (self), FALSE);

  if (!_seismo_store_write_begin (self, error))
    return FALSE;
  ok = run_with_ids (self, "DELETE FROM tag_rules WHERE id = ?", rule_id, 0, error);
  if (ok && sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, SEISMO_STORE_ERROR, SEISMO_STORE_ERROR_NOT_FOUND,
                   _("There is no tag rule %" G_GINT64_FORMAT), rule_id);
      ok = FALSE;
    }
  return _seismo_store_write_end (self, ok, error);
}
