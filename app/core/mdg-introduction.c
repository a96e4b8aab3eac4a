/* mdg-introduction.c: the organisations an inquiry is introduced to (つなぎ先), their states
 * over the months, and suggestions of whom to approach next. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mdg-error.h"
#include "mdg-i18n.h"
#include "mdg-introduction.h"
#include "mdg-store-private.h"

static const char *states[] = { "approached", "talks", "joined", "declined" };

void
mdg_introduction_free (MdgIntroduction *introduction)
{
  if (introduction == NULL)
    return;
  g_free (introduction->organisation);
  g_free (introduction->state);
  g_free (introduction);
}

gboolean
mdg_introduction_state_is_valid (const char *state)
{
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    if (g_strcmp0 (state, states[i]) == 0)
      return TRUE;
  return FALSE;
}

const char *
mdg_introduction_state_label (const char *state,
                              const char *language)
{
  const char *source = state;

  if (g_strcmp0 (state, "approached") == 0)
    source = N_("Approached");
  else if (g_strcmp0 (state, "talks") == 0)
    source = N_("In talks");
  else if (g_strcmp0 (state, "joined") == 0)
    source = N_("Joined");
  else if (g_strcmp0 (state, "declined") == 0)
    source = N_("Declined");
  return mdg_i18n_translate_in (language, source);
}

/* Introduces the inquiry to org in `state` (approached when NULL), or moves an existing
 * introduction to `state`; the change, dated `at` (Unix seconds), goes into the inquiry's
 * history in the same transaction. *changed is FALSE when it was in that state already. */
gboolean
mdg_introduction_set (MdgStore   *store,
                      MdgInquiry *inquiry,
                      MdgOrg     *org,
                      const char *state,
                      gint64      at,
                      gboolean   *changed,
                      GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *old = NULL;
  gboolean exists;
  int rc;

  g_return_val_if_fail (MDG_IS_STORE (store), FALSE);
  g_return_val_if_fail (MDG_IS_INQUIRY (inquiry), FALSE);
  g_return_val_if_fail (org != NULL, FALSE);

  if (changed != NULL)
    *changed = FALSE;
  if (state == NULL)
    state = "approached";
  if (!mdg_introduction_state_is_valid (state))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a state (approached, talks, joined, declined)", state);
      return FALSE;
    }
  if (!mdg_store_exec (store, "BEGIN IMMEDIATE", error))
    return FALSE;
  stmt = mdg_store_prepare (store,
                            "SELECT state FROM introduction WHERE inquiry_id = ? AND organisation_id = ?",
                            error);
  if (stmt == NULL)
    return mdg_store_rollback (store);
  sqlite3_bind_int64 (stmt, 1, mdg_inquiry_get_id (inquiry));
  sqlite3_bind_int64 (stmt, 2, org->id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      mdg_store_fail (store, rc, "reading the introductions", error);
      return mdg_store_rollback (store);
    }
  exists = rc == SQLITE_ROW;
  old = exists ? g_strdup ((const char *) sqlite3_column_text (stmt, 0)) : NULL;
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (g_strcmp0 (old, state) == 0)
    return mdg_store_exec (store, "COMMIT", error) || mdg_store_rollback (store);

  stmt = mdg_store_prepare (store,
                            exists ? "UPDATE introduction SET state = ?1, changed_at = ?2"
                                     " WHERE inquiry_id = ?3 AND organisation_id = ?4"
                                   : "INSERT INTO introduction (state, changed_at, approached_at,"
                                     " inquiry_id, organisation_id) VALUES (?1, ?2, ?2, ?3, ?4)",
                            error);
  if (stmt == NULL)
    return mdg_store_rollback (store);
  sqlite3_bind_text (stmt, 1, state, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, at);
  sqlite3_bind_int64 (stmt, 3, mdg_inquiry_get_id (inquiry));
  sqlite3_bind_int64 (stmt, 4, org->id);
  if (!mdg_store_step_done (store, stmt, "saving the introduction", error))
    return mdg_store_rollback (store);
  g_clear_pointer (&stmt, sqlite3_finalize);
  /* As a note keeps its author there, the history keeps the organisation in old_value. */
  stmt = mdg_store_prepare (store,
                            "INSERT INTO status_history (inquiry_id, at, field, old_value, new_value)"
                            " VALUES (?, ?, 'introduction', ?, ?)",
                            error);
  if (stmt == NULL)
    return mdg_store_rollback (store);
  sqlite3_bind_int64 (stmt, 1, mdg_inquiry_get_id (inquiry));
  sqlite3_bind_int64 (stmt, 2, at);
  sqlite3_bind_text (stmt, 3, org->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, state, -1, SQLITE_STATIC);
  if (!mdg_store_step_done (store, stmt, "saving the history", error)
      || !mdg_store_exec (store, "COMMIT", error))
    return mdg_store_rollback (store);
  if (changed != NULL)
    *changed = TRUE;
  return TRUE;
}

/* The inquiry's introductions in the order they were made. */
GPtrArray *
mdg_introduction_list (MdgStore   *store,
                       MdgInquiry *inquiry,
                       GError    **error)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_introduction_free);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (MDG_IS_STORE (store), NULL);
  g_return_val_if_fail (MDG_IS_INQUIRY (inquiry), NULL);

  stmt = mdg_store_prepare (store,
                            "SELECT i.id, i.organisation_id, o.name, i.state, i.approached_at,"
                            " i.changed_at FROM introduction i"
                            " JOIN organisation o ON o.id = i.organisation_id"
                            " WHERE i.inquiry_id = ? ORDER BY i.approached_at, i.id",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, mdg_inquiry_get_id (inquiry));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MdgIntroduction *introduction = g_new0 (MdgIntroduction, 1);

      introduction->id = sqlite3_column_int64 (stmt, 0);
      introduction->organisation_id = sqlite3_column_int64 (stmt, 1);
      introduction->organisation = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      introduction->state = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      introduction->approached_at = sqlite3_column_int64 (stmt, 4);
      introduction->changed_at = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (list, introduction);
    }
  if (rc != SQLITE_DONE)
    {
      mdg_store_fail (store, rc, "reading the introductions", error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

void
mdg_suggestion_free (MdgSuggestion *suggestion)
{
  if (suggestion == NULL)
    return;
  mdg_org_free (suggestion->org);
  g_free (suggestion->reason);
  g_free (suggestion);
}

/* The visitor's answer to the flow's step with this role, NULL when the flow has none. */
static const GPtrArray *
role_answer (MdgFlow    *flow,
             MdgInquiry *inquiry,
             MdgRole     role)
{
  const char *step_id = mdg_flow_get_role_id (flow, role);

  return step_id != NULL ? mdg_inquiry_get_answer (inquiry, step_id) : NULL;
}

/* Whether the visitor's answer to the step with `role` includes a choice the flow file marks
 * with `choice_role` (role="needs" on purposes, role="takes-offers" on kinds), so that a
 * center's own flow with its own ids still gets suggestions. */
static gboolean
answer_has_choice_role (MdgFlow         *flow,
                        const GPtrArray *answer,
                        MdgRole          role,
                        MdgChoiceRole    choice_role)
{
  MdgStep *step = mdg_flow_lookup_role (flow, role);

  for (guint i = 0; step != NULL && answer != NULL && i < answer->len; i++)
    {
      MdgChoice *choice = mdg_step_lookup_choice (step, g_ptr_array_index (answer, i));

      if (choice != NULL && mdg_choice_get_role (choice) == choice_role)
        return TRUE;
    }
  return FALSE;
}

/* Purposes whose visitors look for what others can offer. */
static gboolean
purpose_needs (MdgFlow    *flow,
               MdgInquiry *inquiry)
{
  return answer_has_choice_role (flow, role_answer (flow, inquiry, MDG_ROLE_PURPOSE),
                                 MDG_ROLE_PURPOSE, MDG_CHOICE_ROLE_NEEDS);
}

/* Kinds of organisation that run activities and so can take up an offer. */
static gboolean
kind_takes_offers (MdgFlow    *flow,
                   const char *kind)
{
  g_autoptr (GPtrArray) kinds = g_ptr_array_new ();

  if (kind != NULL)
    g_ptr_array_add (kinds, (gpointer) kind);
  return answer_has_choice_role (flow, kinds, MDG_ROLE_WHO, MDG_CHOICE_ROLE_TAKES_OFFERS);
}

static gboolean
answer_has (const GPtrArray *answer,
            const char      *id)
{
  for (guint i = 0; answer != NULL && i < answer->len; i++)
    if (g_str_equal (g_ptr_array_index (answer, i), id))
      return TRUE;
  return FALSE;
}

static void
add_reason (GString    *reason,
            const char *part)
{
  if (reason->len > 0)
    g_string_append (reason, " / ");
  g_string_append (reason, part);
}

/* Labels are looked up once per suggestion run: a translation switches the language. */
typedef struct
{
  MdgFlow *flow;
  MdgInquiry *inquiry;
  const char *area;
  const char *language;
  const char *separator;
  GHashTable *labels; /* "step\x1fid" → label, with the offer's wording for offers */
  GString *shared;    /* scratch for one organisation's reason */
  GString *met;
} Scoring;

static const char *
cached_label (Scoring    *scoring,
              const char *step_id,
              const char *id)
{
  g_autofree char *key = g_strconcat (step_id, "\x1f", id, NULL);
  char *label = g_hash_table_lookup (scoring->labels, key);

  if (label == NULL)
    {
      MdgChoice *choice = mdg_flow_lookup_choice (scoring->flow, step_id, id);
      const char *text = choice != NULL ? mdg_choice_get_label_in (choice, scoring->language) : id;

      if (g_strcmp0 (step_id, mdg_flow_get_role_id (scoring->flow, MDG_ROLE_OFFER)) == 0)
        label = g_strdup_printf (mdg_i18n_translate_in (scoring->language, N_("%s offered")), text);
      else
        label = g_strdup (text);
      g_hash_table_insert (scoring->labels, g_steal_pointer (&key), label);
    }
  return label;
}

static void
add_label (Scoring    *scoring,
           GString    *labels,
           const char *step_id,
           const char *id)
{
  if (labels->len > 0)
    g_string_append (labels, scoring->separator);
  g_string_append (labels, cached_label (scoring, step_id, id));
}

/* How well org fits: 3 for each shared theme, 2 for each offer meeting a need (the visitor's
 * offer taken up by a group that runs activities, or the organisation's offer for a visitor
 * who starts, seeks partners or proposes), 1 for the same area; with the reason. */
static guint
score_org (Scoring *scoring,
           MdgOrg  *org,
           GString *reason)
{
  const GPtrArray *themes = role_answer (scoring->flow, scoring->inquiry, MDG_ROLE_THEMES);
  const GPtrArray *offers = role_answer (scoring->flow, scoring->inquiry, MDG_ROLE_OFFER);
  GString *shared = g_string_truncate (scoring->shared, 0);
  GString *met = g_string_truncate (scoring->met, 0);
  guint score = 0;

  for (guint i = 0; org->themes[i] != NULL; i++)
    if (answer_has (themes, org->themes[i]))
      {
        score += 3;
        add_label (scoring, shared, mdg_flow_get_role_id (scoring->flow, MDG_ROLE_THEMES), org->themes[i]);
      }
  if (offers != NULL && offers->len > 0 && kind_takes_offers (scoring->flow, org->kind))
    for (guint i = 0; i < offers->len; i++)
      {
        score += 2;
        add_label (scoring, met, mdg_flow_get_role_id (scoring->flow, MDG_ROLE_OFFER), g_ptr_array_index (offers, i));
      }
  else if (purpose_needs (scoring->flow, scoring->inquiry))
    for (guint i = 0; org->offers[i] != NULL; i++)
      {
        score += 2;
        add_label (scoring, met, mdg_flow_get_role_id (scoring->flow, MDG_ROLE_OFFER), org->offers[i]);
      }
  if (shared->len > 0)
    add_reason (reason, shared->str);
  if (met->len > 0)
    add_reason (reason, met->str);
  if (scoring->area != NULL && *scoring->area != '\0' && org->area != NULL
      && strcmp (scoring->area, org->area) == 0)
    {
      score += 1;
      add_reason (reason, org->area);
    }
  return score;
}

static int
compare_suggestions (gconstpointer a,
                     gconstpointer b)
{
  const MdgSuggestion *x = *(MdgSuggestion *const *) a;
  const MdgSuggestion *y = *(MdgSuggestion *const *) b;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return strcmp (x->org->name, y->org->name);
}

/* The active organisations not yet approached for this inquiry that fit it at all, best
 * first; `area` (may be NULL) is the inquiry's ward or area. */
GPtrArray *
mdg_introduction_suggest (MdgStore   *store,
                          MdgFlow    *flow,
                          MdgInquiry *inquiry,
                          const char *area,
                          const char *language,
                          GError    **error)
{
  g_autoptr (GPtrArray) orgs = NULL;
  g_autoptr (GPtrArray) introductions = NULL;
  g_autoptr (GHashTable) approached = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GPtrArray) suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_suggestion_free);
  g_autoptr (GHashTable) labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GString) shared = g_string_new (NULL);
  g_autoptr (GString) met = g_string_new (NULL);
  Scoring scoring = { flow, inquiry, area, language, NULL, labels, shared, met };

  g_return_val_if_fail (MDG_IS_STORE (store), NULL);
  g_return_val_if_fail (MDG_IS_FLOW (flow), NULL);
  g_return_val_if_fail (MDG_IS_INQUIRY (inquiry), NULL);

  introductions = mdg_introduction_list (store, inquiry, error);
  if (introductions == NULL)
    return NULL;
  for (guint i = 0; i < introductions->len; i++)
    g_hash_table_add (approached,
                      &((MdgIntroduction *) g_ptr_array_index (introductions, i))->organisation_id);
  orgs = mdg_orgs_list (store, TRUE, error);
  if (orgs == NULL)
    return NULL;
  scoring.separator = mdg_i18n_translate_in (language, N_(", "));
  for (guint i = 0; i < orgs->len; i++)
    {
      MdgOrg *org = g_ptr_array_index (orgs, i);
      g_autoptr (GString) reason = g_string_new (NULL);
      guint score;
      MdgSuggestion *suggestion;

      if (g_hash_table_contains (approached, &org->id))
        continue;
      score = score_org (&scoring, org, reason);
      if (score == 0)
        continue;
      suggestion = g_new0 (MdgSuggestion, 1);
      suggestion->org = g_ptr_array_steal_index_fast (orgs, i--);
      suggestion->score = score;
      suggestion->reason = g_string_free (g_steal_pointer (&reason), FALSE);
      g_ptr_array_add (suggestions, suggestion);
    }
  g_ptr_array_sort (suggestions, compare_suggestions);
  return g_steal_pointer (&suggestions);
}
