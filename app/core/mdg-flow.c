/* mdg-flow.c: loads a flow file and refuses one that a visitor could get stuck in. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mdg-core-resources.h"
#include "mdg-error.h"
#include "mdg-flow.h"
#include "mdg-i18n.h"

#define DEFAULT_FLOW_RESOURCE RESOURCE_PREFIX "/flow.xml"

/* What a center's flow may need, with room to spare; beyond that a file is a mistake, and
 * refusing it early keeps the loader and every page fast. */
#define MAX_FILE_BYTES (1024 * 1024)
#define MAX_STEPS 200
#define MAX_CHOICES 50   /* per step */
#define MAX_BRANCHES 50  /* per step */
#define MAX_PARAS 20     /* per info card */
#define MAX_ATTRIBUTE 64 /* bytes of an id, a kind, a version, a reference */
#define MAX_DESK_LABEL 40 /* characters of a choice's desk label: it names a list cell */
#define MAX_LABEL 1000   /* characters of a question, a choice, a button, a title or a paragraph */
#define MAX_QUOTE 40     /* characters of an offending value a message quotes */
#define MAX_MESSAGE 300  /* characters of a whole message */

struct _MdgFlow
{
  GObject parent_instance;

  char *name; /* the file, as errors name it */
  char *version;
  GListStore *steps;
  GHashTable *by_id; /* step id → MdgStep, borrowed from steps */
  GHashTable *position; /* MdgStep → its index in steps + 1 */
  MdgStep *by_role[MDG_ROLE_N]; /* borrowed from steps */
};

G_DEFINE_FINAL_TYPE (MdgFlow, mdg_flow, G_TYPE_OBJECT)

typedef enum
{
  TEXT_NONE,
  TEXT_QUESTION,
  TEXT_BUTTON,
  TEXT_CHOICE,
  TEXT_INFO_TITLE,
  TEXT_INFO_PARA,
} TextTarget;

typedef struct
{
  MdgFlow *flow;
  MdgStep *step; /* the step being read */
  gboolean in_info;
  gboolean seen_flow;
  TextTarget target;
  GString *text;
  char *choice_id;
  char *choice_next;
  char *choice_desk;
  MdgChoiceRole choice_role;
  int choice_line;
} ParseState;

/* The kind each role needs, and the roles without which the program cannot work. */
static const struct
{
  guint kinds; /* bits of MdgStepKind */
  const char *kinds_name;
  gboolean required;
} roles[MDG_ROLE_N] = {
#define KIND(k) (1u << MDG_STEP_##k)
#define CHOICES (KIND (SINGLE) | KIND (MULTI))
  [MDG_ROLE_WELCOME] = { KIND (WELCOME), "welcome", FALSE },
  [MDG_ROLE_PURPOSE] = { CHOICES, "single or multi", TRUE },
  [MDG_ROLE_THEMES] = { CHOICES, "single or multi", FALSE },
  [MDG_ROLE_WHO] = { CHOICES, "single or multi", FALSE },
  [MDG_ROLE_STAGE] = { CHOICES, "single or multi", FALSE },
  [MDG_ROLE_DETAILS] = { KIND (TEXT), "text", FALSE },
  [MDG_ROLE_FOLLOWUP] = { KIND (SINGLE), "single", TRUE },
  [MDG_ROLE_CONTACT] = { KIND (CONTACT), "contact", FALSE },
  [MDG_ROLE_OFFER] = { CHOICES, "single or multi", FALSE },
  [MDG_ROLE_FORMS] = { CHOICES, "single or multi", FALSE },
  [MDG_ROLE_REVIEW] = { KIND (REVIEW), "review", FALSE },
  [MDG_ROLE_DONE] = { KIND (DONE), "done", FALSE },
#undef CHOICES
#undef KIND
};

static void
mdg_flow_finalize (GObject *object)
{
  MdgFlow *self = MDG_FLOW (object);

  g_free (self->name);
  g_free (self->version);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->position, g_hash_table_unref);
  g_clear_object (&self->steps);
  G_OBJECT_CLASS (mdg_flow_parent_class)->finalize (object);
}

static void
mdg_flow_class_init (MdgFlowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mdg_flow_finalize;
}

static void
mdg_flow_init (MdgFlow *self)
{
  self->steps = g_list_store_new (MDG_TYPE_STEP);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->position = g_hash_table_new (NULL, NULL);
}

static int
current_line (GMarkupParseContext *context)
{
  int line = 0, column = 0;

  /* GMarkup reports a start tag once it has read the character after it; if that was the
   * newline, the tag itself stands on the line before. */
  g_markup_parse_context_get_position (context, &line, &column);
  return column <= 1 && line > 1 ? line - 1 : line;
}

/* Appends at most max characters of text, with an ellipsis if it had more. */
static void
append_prefix (GString    *out,
               const char *text,
               gsize       bytes,
               guint       max)
{
  const char *end = text + bytes;
  const char *p = text;

  for (guint n = 0; p < end && n < max; n++)
    p = g_utf8_find_next_char (p, end) != NULL ? g_utf8_find_next_char (p, end) : end;
  g_string_append_len (out, text, p - text);
  if (p < end)
    g_string_append (out, "…");
}

/* A message quotes at most a short prefix of each value in “…”, and is short as a whole, so a
 * 10 MB id gives a line a person can read (and a page that paints). Takes message. */
static char *
shorten (char *message)
{
  GString *out = g_string_new (NULL);
  const char *p = message;
  const char *open;

  if (!g_utf8_validate (message, -1, NULL))
    {
      char *valid = g_utf8_make_valid (message, -1);

      g_free (message);
      message = valid;
      p = message;
    }
  while ((open = strstr (p, "“")) != NULL)
    {
      const char *inside = open + strlen ("“");
      const char *close = strstr (inside, "”");

      if (close == NULL)
        break;
      g_string_append_len (out, p, inside - p);
      append_prefix (out, inside, close - inside, MAX_QUOTE);
      p = close;
    }
  g_string_append (out, p);
  g_free (message);
  if (g_utf8_strlen (out->str, -1) <= MAX_MESSAGE)
    return g_string_free (out, FALSE);
  {
    GString *cut = g_string_new (NULL);

    append_prefix (cut, out->str, out->len, MAX_MESSAGE);
    g_string_free (out, TRUE);
    return g_string_free (cut, FALSE);
  }
}

G_GNUC_PRINTF (4, 5)
static void
set_error (GError    **error,
           const char *name,
           int         line,
           const char *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  message = shorten (message);
  g_set_error (error, MDG_ERROR, MDG_ERROR_FLOW_INVALID, "%s:%d: %s", name, line, message);
}

/* Texts are compared with the catalog after the same whitespace folding xgettext does. */
static char *
fold_whitespace (const char *text)
{
  g_auto (GStrv) words = g_strsplit_set (text, " \t\r\n", -1);
  GString *folded = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (folded->len > 0)
        g_string_append_c (folded, ' ');
      g_string_append (folded, words[i]);
    }
  return g_string_free (folded, FALSE);
}

/* Attribute errors from GMarkup, given the file and line like every other error. */
static gboolean
relocate (GError             **error,
          const char          *file,
          GMarkupParseContext *context,
          GError             **local_error)
{
  set_error (error, file, current_line (context), "%s", (*local_error)->message);
  g_clear_error (local_error);
  return FALSE;
}

#define COLLECT(element, ...)                                                                  \
  (g_markup_collect_attributes (element, names, values, &local_error, __VA_ARGS__)           \
   || relocate (error, file, context, &local_error))

static gboolean
parse_role (ParseState *state,
            MdgStep    *step,
            const char *name,
            int         line,
            GError    **error)
{
  const char *id = mdg_step_get_id (step);
  MdgStepKind kind = mdg_step_get_kind (step);
  MdgRole role = MDG_ROLE_NONE;
  MdgStep *first;

  if (!mdg_role_from_string (name, &role))
    {
      set_error (error, state->flow->name, line, "step “%s” has an unknown role “%s”", id, name);
      return FALSE;
    }
  if ((roles[role].kinds & (1u << kind)) == 0)
    {
      set_error (error, state->flow->name, line,
                 "step “%s” has the role “%s”, which needs a %s step, not %s", id, name,
                 roles[role].kinds_name, mdg_step_kind_to_string (kind));
      return FALSE;
    }
  first = state->flow->by_role[role];
  if (first != NULL)
    {
      set_error (error, state->flow->name, line,
                 "step “%s” has the role “%s” of step “%s” (line %d); a role belongs to one step",
                 id, name, mdg_step_get_id (first), mdg_step_get_line (first));
      return FALSE;
    }
  mdg_step_set_role (step, role);
  state->flow->by_role[role] = step;
  return TRUE;
}

static gboolean
parse_choice_role (ParseState *state,
                   const char *id,
                   const char *name,
                   int         line,
                   GError    **error)
{
  const char *step_id = mdg_step_get_id (state->step);
  MdgChoiceRole role = MDG_CHOICE_ROLE_NONE;
  GListModel *choices = mdg_step_get_choices (state->step);
  MdgRole step_role;

  if (!mdg_choice_role_from_string (name, &role))
    {
      set_error (error, state->flow->name, line,
                 "choice “%s” in step “%s” has an unknown role “%s”", id, step_id, name);
      return FALSE;
    }
  /* qr, contact and now belong to the follow-up step, one choice each; needs to the purpose
   * step and takes-offers to the who step, on as many choices as fit. */
  step_role = role == MDG_CHOICE_ROLE_NEEDS          ? MDG_ROLE_PURPOSE
              : role == MDG_CHOICE_ROLE_TAKES_OFFERS ? MDG_ROLE_WHO
                                                     : MDG_ROLE_FOLLOWUP;
  if (mdg_step_get_role (state->step) != step_role)
    {
      set_error (error, state->flow->name, line,
                 "choice “%s” in step “%s” has the role “%s”, which only the step with the "
                 "role “%s” may give", id, step_id, name, mdg_role_to_string (step_role));
      return FALSE;
    }
  for (guint i = 0; step_role == MDG_ROLE_FOLLOWUP && i < g_list_model_get_n_items (choices); i++)
    {
      g_autoptr (MdgChoice) other = g_list_model_get_item (choices, i);

      if (mdg_choice_get_role (other) == role)
        {
          set_error (error, state->flow->name, line,
                     "choice “%s” in step “%s” has the role “%s” of choice “%s”", id, step_id,
                     name, mdg_choice_get_id (other));
          return FALSE;
        }
    }
  state->choice_role = role;
  return TRUE;
}

static gboolean
parse_step (ParseState          *state,
            const char         **names,
            const char         **values,
            GMarkupParseContext *context,
            GError             **error)
{
  const char *id = NULL, *kind_name = NULL, *next = NULL, *max = NULL, *role = NULL;
  const char *file = state->flow->name;
  g_autoptr (GError) local_error = NULL;
  int line = current_line (context);
  MdgStepKind kind;
  g_autoptr (MdgStep) step = NULL;

  if (!COLLECT ("step", G_MARKUP_COLLECT_STRING, "id", &id,
                G_MARKUP_COLLECT_STRING, "kind", &kind_name,
                G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "next", &next,
                G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "max", &max,
                G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "role", &role,
                G_MARKUP_COLLECT_INVALID))
    return FALSE;

  if (g_list_model_get_n_items (G_LIST_MODEL (state->flow->steps)) == MAX_STEPS)
    {
      set_error (error, state->flow->name, line,
                 "more than %d steps (step “%s”); a flow has at most %d", MAX_STEPS, id, MAX_STEPS);
      return FALSE;
    }
  if (!mdg_step_kind_from_string (kind_name, &kind))
    {
      set_error (error, state->flow->name, line, "step “%s” has an unknown kind “%s”", id,
                 kind_name);
      return FALSE;
    }
  if (g_hash_table_contains (state->flow->by_id, id))
    {
      MdgStep *first = g_hash_table_lookup (state->flow->by_id, id);

      set_error (error, state->flow->name, line, "duplicate step id “%s” (first on line %d)", id,
                 mdg_step_get_line (first));
      return FALSE;
    }

  step = mdg_step_new (id, kind, line);
  if (role != NULL && !parse_role (state, step, role, line, error))
    return FALSE;
  if (next != NULL)
    mdg_step_set_next (step, next);
  if (max != NULL)
    {
      guint64 value = 0;

      if (!g_ascii_string_to_unsigned (max, 10, 1, G_MAXUINT16, &value, NULL))
        {
          set_error (error, state->flow->name, line, "step “%s” has an invalid max “%s”", id, max);
          return FALSE;
        }
      mdg_step_set_max (step, value);
    }

  g_hash_table_insert (state->flow->position, step,
                       GUINT_TO_POINTER (g_list_model_get_n_items (G_LIST_MODEL (state->flow->steps)) + 1));
  g_list_store_append (state->flow->steps, step);
  g_hash_table_insert (state->flow->by_id, (char *) mdg_step_get_id (step), step);
  state->step = step;
  return TRUE;
}

static void
start_element (GMarkupParseContext *context,
               const char          *element,
               const char         **names,
               const char         **values,
               gpointer             user_data,
               GError             **error)
{
  ParseState *state = user_data;
  const char *file = state->flow->name;
  g_autoptr (GError) local_error = NULL;
  int line = current_line (context);
  const char *parent = NULL;
  const GSList *stack = g_markup_parse_context_get_element_stack (context);

  if (stack->next != NULL)
    parent = stack->next->data;
  for (guint i = 0; names[i] != NULL; i++)
    if (strlen (values[i]) > MAX_ATTRIBUTE)
      {
        set_error (error, file, line, "%s=“%s” in <%s> is too long (%zu bytes; at most %d)",
                   names[i], values[i], element, strlen (values[i]), MAX_ATTRIBUTE);
        return;
      }

  if (g_str_equal (element, "flow") && parent == NULL)
    {
      const char *version = NULL;

      if (COLLECT ("flow", G_MARKUP_COLLECT_STRING, "version", &version, G_MARKUP_COLLECT_INVALID))
        state->flow->version = g_strdup (version);
      state->seen_flow = TRUE;
      return;
    }
  if (g_str_equal (element, "step") && g_strcmp0 (parent, "flow") == 0)
    {
      parse_step (state, names, values, context, error);
      return;
    }
  if (state->step != NULL && g_strcmp0 (parent, "step") == 0)
    {
      if (g_str_equal (element, "question") || g_str_equal (element, "button"))
        {
          if (COLLECT (element, G_MARKUP_COLLECT_INVALID, NULL))
            state->target = g_str_equal (element, "question") ? TEXT_QUESTION : TEXT_BUTTON;
          return;
        }
      if (g_str_equal (element, "choice"))
        {
          const char *id = NULL, *next = NULL, *role = NULL, *desk = NULL;

          if (!COLLECT ("choice", G_MARKUP_COLLECT_STRING, "id", &id,
                        G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "next", &next,
                        G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "role", &role,
                        G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "desk", &desk,
                        G_MARKUP_COLLECT_INVALID))
            return;
          if (g_list_model_get_n_items (mdg_step_get_choices (state->step)) == MAX_CHOICES)
            {
              set_error (error, file, line, "step “%s” has more than %d choices",
                         mdg_step_get_id (state->step), MAX_CHOICES);
              return;
            }
          if (mdg_step_lookup_choice (state->step, id) != NULL)
            {
              set_error (error, file, line, "duplicate choice id “%s” in step “%s”", id,
                         mdg_step_get_id (state->step));
              return;
            }
          state->choice_role = MDG_CHOICE_ROLE_NONE;
          if (role != NULL && !parse_choice_role (state, id, role, line, error))
            return;
          if (desk != NULL && (*desk == '\0' || g_utf8_strlen (desk, -1) > MAX_DESK_LABEL))
            {
              set_error (error, file, line,
                         "choice “%s” in step “%s” has a desk label that is empty or longer than %d "
                         "characters", id, mdg_step_get_id (state->step), MAX_DESK_LABEL);
              return;
            }
          state->choice_id = g_strdup (id);
          state->choice_next = g_strdup (next);
          state->choice_desk = g_strdup (desk);
          state->choice_line = line;
          state->target = TEXT_CHOICE;
          return;
        }
      if (g_str_equal (element, "branch"))
        {
          const char *when = NULL, *is = NULL, *to = NULL;

          if (mdg_step_get_branches (state->step)->len == MAX_BRANCHES)
            {
              set_error (error, file, line, "step “%s” has more than %d branches",
                         mdg_step_get_id (state->step), MAX_BRANCHES);
              return;
            }
          if (COLLECT ("branch", G_MARKUP_COLLECT_STRING, "when", &when,
                       G_MARKUP_COLLECT_STRING, "is", &is,
                       G_MARKUP_COLLECT_STRING, "to", &to, G_MARKUP_COLLECT_INVALID))
            mdg_step_add_branch (state->step, when, is, to, line);
          return;
        }
      if (g_str_equal (element, "info") && !state->in_info)
        {
          if (COLLECT ("info", G_MARKUP_COLLECT_INVALID, NULL))
            state->in_info = TRUE;
          return;
        }
    }
  if (state->in_info && g_strcmp0 (parent, "info") == 0
      && (g_str_equal (element, "title") || g_str_equal (element, "para")))
    {
      if (g_str_equal (element, "para") && mdg_step_get_n_info_paras (state->step) == MAX_PARAS)
        {
          set_error (error, file, line, "the <info> of step “%s” has more than %d paragraphs",
                     mdg_step_get_id (state->step), MAX_PARAS);
          return;
        }
      if (COLLECT (element, G_MARKUP_COLLECT_INVALID, NULL))
        state->target = g_str_equal (element, "title") ? TEXT_INFO_TITLE : TEXT_INFO_PARA;
      return;
    }

  if (parent != NULL)
    set_error (error, file, line, "unknown element <%s> in <%s>", element, parent);
  else
    set_error (error, file, line, "unknown element <%s>: a flow file starts with <flow>", element);
}

static void
end_element (GMarkupParseContext *context,
             const char          *element,
             gpointer             user_data,
             GError             **error)
{
  ParseState *state = user_data;
  g_autofree char *text = fold_whitespace (state->text->str);
  const char *file = state->flow->name;
  int line = current_line (context);
  TextTarget target = state->target;

  g_string_truncate (state->text, 0);
  state->target = TEXT_NONE;

  if (target != TEXT_NONE && *text == '\0')
    {
      set_error (error, file, target == TEXT_CHOICE ? state->choice_line : line,
                 "<%s> in step “%s” has no label", element, mdg_step_get_id (state->step));
      return;
    }

  if (target != TEXT_NONE && g_utf8_strlen (text, -1) > MAX_LABEL)
    {
      set_error (error, file, target == TEXT_CHOICE ? state->choice_line : line,
                 "<%s> in step “%s” is too long (“%s”; at most %d characters)", element,
                 mdg_step_get_id (state->step), text, MAX_LABEL);
      return;
    }
  switch (target)
    {
    case TEXT_QUESTION:
      mdg_step_set_question (state->step, text);
      break;
    case TEXT_BUTTON:
      mdg_step_set_button (state->step, text);
      break;
    case TEXT_INFO_TITLE:
      mdg_step_set_info_title (state->step, text);
      break;
    case TEXT_INFO_PARA:
      mdg_step_add_info_para (state->step, text);
      break;
    case TEXT_CHOICE:
      {
        g_autoptr (MdgChoice) choice = mdg_choice_new (state->choice_id, text, state->choice_next);

        mdg_choice_set_role (choice, state->choice_role);
        mdg_choice_set_desk_label (choice, state->choice_desk);
        mdg_step_add_choice (state->step, choice);
        g_clear_pointer (&state->choice_id, g_free);
        g_clear_pointer (&state->choice_next, g_free);
        g_clear_pointer (&state->choice_desk, g_free);
      }
      break;
    case TEXT_NONE:
      if (g_str_equal (element, "step"))
        state->step = NULL;
      else if (g_str_equal (element, "info"))
        state->in_info = FALSE;
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
text (GMarkupParseContext *context,
      const char          *text,
      gsize                length,
      gpointer             user_data,
      GError             **error)
{
  ParseState *state = user_data;

  if (state->target != TEXT_NONE)
    {
      /* Whitespace folds later; a label this many bytes is too long whatever it holds. */
      if (state->text->len + length > MAX_LABEL * 8)
        {
          set_error (error, state->flow->name, current_line (context),
                     "a text in step “%s” is too long (at most %d characters)",
                     mdg_step_get_id (state->step), MAX_LABEL);
          return;
        }
      g_string_append_len (state->text, text, length);
      return;
    }
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (text[i]))
      {
        set_error (error, state->flow->name, current_line (context),
                   "unexpected text “%.*s”", (int) MIN (length - i, 20), text + i);
        return;
      }
}

/* The step that follows `step` when no branch or choice says otherwise. */
static MdgStep *
default_next (MdgFlow *self,
              MdgStep *step)
{
  guint position = GPOINTER_TO_UINT (g_hash_table_lookup (self->position, step));
  g_autoptr (MdgStep) following = NULL;

  if (mdg_step_get_next (step) != NULL)
    return g_hash_table_lookup (self->by_id, mdg_step_get_next (step));
  if (mdg_step_get_kind (step) == MDG_STEP_DONE || position == 0)
    return NULL;
  /* position is the index + 1, so it is the index of the step below. */
  following = g_list_model_get_item (G_LIST_MODEL (self->steps), position);
  return following; /* the store keeps its own reference, or NULL past the end */
}

static gboolean
uses_default_next (MdgStep *step)
{
  GListModel *choices = mdg_step_get_choices (step);
  guint n = g_list_model_get_n_items (choices);

  if (mdg_step_get_kind (step) != MDG_STEP_SINGLE || n == 0)
    return TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (MdgChoice) choice = g_list_model_get_item (choices, i);

      if (mdg_choice_get_next (choice) == NULL)
        return TRUE;
    }
  return FALSE;
}

/* Every step a visitor may go to from `step`, whatever they answered. */
static GPtrArray *
successors (MdgFlow *self,
            MdgStep *step)
{
  GPtrArray *result = g_ptr_array_new ();
  const GPtrArray *branches = mdg_step_get_branches (step);
  GListModel *choices = mdg_step_get_choices (step);

  for (guint i = 0; i < branches->len; i++)
    {
      const MdgBranch *branch = g_ptr_array_index (branches, i);
      g_ptr_array_add (result, g_hash_table_lookup (self->by_id, branch->to));
    }
  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    {
      g_autoptr (MdgChoice) choice = g_list_model_get_item (choices, i);

      if (mdg_choice_get_next (choice) != NULL)
        g_ptr_array_add (result, g_hash_table_lookup (self->by_id, mdg_choice_get_next (choice)));
    }
  if (uses_default_next (step) && default_next (self, step) != NULL)
    g_ptr_array_add (result, default_next (self, step));
  return result;
}

static MdgStep *
find_kind (MdgFlow    *self,
           MdgStepKind kind)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->steps));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (MdgStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), i);

      if (mdg_step_get_kind (step) == kind)
        return step;
    }
  return NULL;
}

static gboolean
check_reference (MdgFlow    *self,
                 const char *target,
                 const char *what,
                 MdgStep    *step,
                 int         line,
                 GError    **error)
{
  if (target == NULL || g_hash_table_contains (self->by_id, target))
    return TRUE;
  set_error (error, self->name, line, "%s in step “%s” leads to an unknown step “%s”", what,
             mdg_step_get_id (step), target);
  return FALSE;
}

static gboolean
check_step (MdgFlow *self,
            MdgStep *step,
            MdgStep *done,
            GError **error)
{
  const char *id = mdg_step_get_id (step);
  MdgStepKind kind = mdg_step_get_kind (step);
  GListModel *choices = mdg_step_get_choices (step);
  guint n_choices = g_list_model_get_n_items (choices);
  const GPtrArray *branches = mdg_step_get_branches (step);
  int line = mdg_step_get_line (step);
  g_autoptr (GPtrArray) next = NULL;

  if (*mdg_step_get_question (step) == '\0')
    {
      set_error (error, self->name, line, "step “%s” has no <question>", id);
      return FALSE;
    }
  if ((kind == MDG_STEP_SINGLE || kind == MDG_STEP_MULTI) && n_choices == 0)
    {
      set_error (error, self->name, line, "step “%s” has no choices", id);
      return FALSE;
    }
  if (!(kind == MDG_STEP_SINGLE || kind == MDG_STEP_MULTI) && n_choices > 0)
    {
      set_error (error, self->name, line, "a %s step (“%s”) takes no choices",
                 mdg_step_kind_to_string (kind), id);
      return FALSE;
    }
  if ((kind == MDG_STEP_WELCOME || kind == MDG_STEP_REVIEW || kind == MDG_STEP_DONE)
      && mdg_step_get_button (step) == NULL)
    {
      set_error (error, self->name, line, "step “%s” has no <button>", id);
      return FALSE;
    }
  if (kind == MDG_STEP_TEXT && mdg_step_get_max (step) == 0)
    mdg_step_set_max (step, 400);
  if (!check_reference (self, mdg_step_get_next (step), "next", step, line, error))
    return FALSE;
  for (guint i = 0; i < n_choices; i++)
    {
      g_autoptr (MdgChoice) choice = g_list_model_get_item (choices, i);

      if (!check_reference (self, mdg_choice_get_next (choice), "a choice", step, line, error))
        return FALSE;
    }
  for (guint i = 0; i < branches->len; i++)
    {
      const MdgBranch *branch = g_ptr_array_index (branches, i);
      MdgStep *when = g_hash_table_lookup (self->by_id, branch->when);

      if (!check_reference (self, branch->to, "a branch", step, branch->line, error))
        return FALSE;
      if (when == NULL)
        {
          set_error (error, self->name, branch->line,
                     "a branch in step “%s” asks about an unknown step “%s”", id, branch->when);
          return FALSE;
        }
      if (mdg_step_lookup_choice (when, branch->is) == NULL)
        {
          set_error (error, self->name, branch->line,
                     "a branch in step “%s” asks for choice “%s”, which step “%s” does not have",
                     id, branch->is, branch->when);
          return FALSE;
        }
    }
  next = successors (self, step);
  if (kind != MDG_STEP_DONE && next->len == 0)
    {
      set_error (error, self->name, line, "step “%s” leads nowhere", id);
      return FALSE;
    }
  if (kind != MDG_STEP_REVIEW && g_ptr_array_find (next, done, NULL))
    {
      set_error (error, self->name, line,
                 "step “%s” leads to the done step; only the review may, after Send", id);
      return FALSE;
    }
  return TRUE;
}

/* Depth-first, with a stack of its own so a long flow cannot exhaust the program's: grey steps
 * are on the current path, so reaching one again is a cycle. Each step and edge is seen once. */
typedef struct
{
  MdgStep *step;
  GPtrArray *next;
  guint i;
} Frame;

static void
frame_clear (Frame *frame)
{
  g_clear_pointer (&frame->next, g_ptr_array_unref);
}

static gboolean
visit_graph (MdgFlow    *self,
             MdgStep    *first,
             GHashTable *colour,
             GError    **error)
{
  g_autoptr (GArray) stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  Frame start = { first, successors (self, first), 0 };

  g_array_set_clear_func (stack, (GDestroyNotify) frame_clear);
  g_hash_table_insert (colour, first, GINT_TO_POINTER (1));
  g_array_append_val (stack, start);
  while (stack->len > 0)
    {
      Frame *top = &g_array_index (stack, Frame, stack->len - 1);
      MdgStep *target;
      int seen;

      if (top->i == top->next->len)
        {
          g_hash_table_insert (colour, top->step, GINT_TO_POINTER (2));
          g_array_set_size (stack, stack->len - 1);
          continue;
        }
      target = g_ptr_array_index (top->next, top->i++);
      seen = GPOINTER_TO_INT (g_hash_table_lookup (colour, target));
      if (seen == 1)
        {
          set_error (error, self->name, mdg_step_get_line (top->step),
                     "step “%s” leads back to step “%s”, a cycle", mdg_step_get_id (top->step),
                     mdg_step_get_id (target));
          return FALSE;
        }
      if (seen == 0)
        {
          Frame frame = { target, successors (self, target), 0 };

          g_hash_table_insert (colour, target, GINT_TO_POINTER (1));
          g_array_append_val (stack, frame);
        }
    }
  return TRUE;
}

static gboolean
check_flow (MdgFlow *self,
            GError **error)
{
  g_autoptr (GHashTable) colour = g_hash_table_new (NULL, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->steps));
  g_autoptr (MdgStep) first = NULL;
  MdgStep *done;
  static const MdgStepKind once[] = { MDG_STEP_WELCOME, MDG_STEP_REVIEW, MDG_STEP_DONE };

  if (n == 0)
    {
      set_error (error, self->name, 1, "the flow has no steps");
      return FALSE;
    }
  first = g_list_model_get_item (G_LIST_MODEL (self->steps), 0);
  if (mdg_step_get_kind (first) != MDG_STEP_WELCOME)
    {
      set_error (error, self->name, mdg_step_get_line (first),
                 "the first step (“%s”) must be the welcome", mdg_step_get_id (first));
      return FALSE;
    }
  for (guint k = 0; k < G_N_ELEMENTS (once); k++)
    {
      guint count = 0;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr (MdgStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), i);

          if (mdg_step_get_kind (step) == once[k] && ++count == 2)
            {
              set_error (error, self->name, mdg_step_get_line (step),
                         "a second %s step (“%s”); a flow has one",
                         mdg_step_kind_to_string (once[k]), mdg_step_get_id (step));
              return FALSE;
            }
        }
      if (count == 0)
        {
          set_error (error, self->name, 1, "the flow has no %s step",
                     mdg_step_kind_to_string (once[k]));
          return FALSE;
        }
    }
  done = find_kind (self, MDG_STEP_DONE);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (MdgStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), i);

      if (!check_step (self, step, done, error))
        return FALSE;
    }
  if (default_next (self, find_kind (self, MDG_STEP_REVIEW)) != done)
    {
      set_error (error, self->name, mdg_step_get_line (find_kind (self, MDG_STEP_REVIEW)),
                 "the review step must lead to the done step");
      return FALSE;
    }
  if (!visit_graph (self, first, colour, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (MdgStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), i);

      if (!g_hash_table_contains (colour, step))
        {
          set_error (error, self->name, mdg_step_get_line (step),
                     "step “%s” cannot be reached from the welcome", mdg_step_get_id (step));
          return FALSE;
        }
    }
  /* Last, so that a flow broken in other ways is told about those first. */
  for (guint r = MDG_ROLE_NONE + 1; r < MDG_ROLE_N; r++)
    if (roles[r].required && self->by_role[r] == NULL)
      {
        set_error (error, self->name, 1, "the flow has no step with the role “%s”",
                   mdg_role_to_string (r));
        return FALSE;
      }
  return TRUE;
}

MdgFlow *
mdg_flow_new_from_data (const char *data,
                        gssize      length,
                        const char *name,
                        GError    **error)
{
  static const GMarkupParser parser = { start_element, end_element, text, NULL, NULL };
  g_autoptr (MdgFlow) self = g_object_new (MDG_TYPE_FLOW, NULL);
  g_autoptr (GMarkupParseContext) context = NULL;
  g_autoptr (GString) buffer = g_string_new (NULL);
  GError *local_error = NULL;
  ParseState state = { self, NULL, FALSE, FALSE, TEXT_NONE, buffer, NULL, NULL, NULL,
                       MDG_CHOICE_ROLE_NONE, 0 };

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self->name = g_strdup (name);
  if ((length < 0 ? strlen (data) : (gsize) length) > MAX_FILE_BYTES)
    {
      set_error (error, name, 1, "the flow is larger than %d KB; a flow file is far smaller",
                 MAX_FILE_BYTES / 1024);
      return NULL;
    }
  context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &state, NULL);
  if (!g_markup_parse_context_parse (context, data, length, &local_error)
      || !g_markup_parse_context_end_parse (context, &local_error))
    {
      g_free (state.choice_id);
      g_free (state.choice_next);
      g_free (state.choice_desk);
      if (local_error->domain == MDG_ERROR)
        g_propagate_error (error, local_error);
      else
        {
          set_error (error, name, current_line (context), "%s", local_error->message);
          g_error_free (local_error);
        }
      return NULL;
    }
  if (!state.seen_flow)
    {
      set_error (error, name, 1, "not a flow file: no <flow> element");
      return NULL;
    }
  if (!check_flow (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* Reads at most MAX_FILE_BYTES, from a regular file only: a device or a pipe named by mistake
 * (/dev/zero) is refused at once instead of read without end. */
MdgFlow *
mdg_flow_new_from_file (GFile   *file,
                        GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GFileInputStream) stream = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info != NULL && g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_FLOW_INVALID,
                   "%s: cannot be read: not a regular file", name);
      return NULL;
    }
  if (info != NULL && g_file_info_get_size (info) > MAX_FILE_BYTES)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_FLOW_INVALID,
                   "%s: the flow is larger than %d KB; a flow file is far smaller", name,
                   MAX_FILE_BYTES / 1024);
      return NULL;
    }
  if (info != NULL)
    stream = g_file_read (file, NULL, &local_error);
  if (stream != NULL)
    {
      /* One byte more than allowed tells a file that grew since it was measured. */
      contents = g_malloc (MAX_FILE_BYTES + 2);
      if (!g_input_stream_read_all (G_INPUT_STREAM (stream), contents, MAX_FILE_BYTES + 1, &length,
                                    NULL, &local_error))
        g_clear_object (&stream);
    }
  if (stream == NULL)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_FLOW_INVALID, "%s: cannot be read: %s", name,
                   local_error->message);
      return NULL;
    }
  contents[length] = '\0';
  return mdg_flow_new_from_data (contents, length, name, error);
}

/* The flow built into the program, data/flow.xml. */
MdgFlow *
mdg_flow_new_default (GError **error)
{
  g_autoptr (GBytes) bytes = g_resource_lookup_data (mdg_core_get_resource (), DEFAULT_FLOW_RESOURCE,
                                                     G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  g_assert (data != NULL);
  return mdg_flow_new_from_data (data, length, "flow.xml (built in)", error);
}

const char *
mdg_flow_get_version (MdgFlow *self)
{
  g_return_val_if_fail (MDG_IS_FLOW (self), NULL);
  return self->version;
}

GListModel *
mdg_flow_get_steps (MdgFlow *self)
{
  g_return_val_if_fail (MDG_IS_FLOW (self), NULL);
  return G_LIST_MODEL (self->steps);
}

MdgStep *
mdg_flow_lookup_step (MdgFlow    *self,
                      const char *step_id)
{
  g_return_val_if_fail (MDG_IS_FLOW (self), NULL);
  return step_id != NULL ? g_hash_table_lookup (self->by_id, step_id) : NULL;
}

MdgChoice *
mdg_flow_lookup_choice (MdgFlow    *self,
                        const char *step_id,
                        const char *choice_id)
{
  MdgStep *step = mdg_flow_lookup_step (self, step_id);

  return step != NULL ? mdg_step_lookup_choice (step, choice_id) : NULL;
}

/* The step with this role, or NULL if the flow gives it to none (required roles always exist).
 * self may be NULL, for the staff's views of a kiosk whose flow file could not be loaded. */
MdgStep *
mdg_flow_lookup_role (MdgFlow *self,
                      MdgRole  role)
{
  g_return_val_if_fail (self == NULL || MDG_IS_FLOW (self), NULL);
  g_return_val_if_fail (role > MDG_ROLE_NONE && role < MDG_ROLE_N, NULL);
  return self != NULL ? self->by_role[role] : NULL;
}

/* The id under which answers to the step with this role are kept, or NULL. */
const char *
mdg_flow_get_role_id (MdgFlow *self,
                      MdgRole  role)
{
  MdgStep *step = mdg_flow_lookup_role (self, role);

  return step != NULL ? mdg_step_get_id (step) : NULL;
}

/* What the program does with the follow-up choice choice_id (as an inquiry keeps it). */
MdgChoiceRole
mdg_flow_get_followup_role (MdgFlow    *self,
                            const char *choice_id)
{
  MdgStep *step = mdg_flow_lookup_role (self, MDG_ROLE_FOLLOWUP);
  MdgChoice *choice = step != NULL && choice_id != NULL ? mdg_step_lookup_choice (step, choice_id)
                                                        : NULL;

  return choice != NULL ? mdg_choice_get_role (choice) : MDG_CHOICE_ROLE_NONE;
}

MdgStep *
mdg_flow_get_first_step (MdgFlow *self)
{
  g_autoptr (MdgStep) first = NULL;

  g_return_val_if_fail (MDG_IS_FLOW (self), NULL);

  first = g_list_model_get_item (G_LIST_MODEL (self->steps), 0);
  return first; /* the store keeps its own reference */
}

MdgStep *
mdg_flow_get_review_step (MdgFlow *self)
{
  g_return_val_if_fail (MDG_IS_FLOW (self), NULL);
  return find_kind (self, MDG_STEP_REVIEW);
}

MdgStep *
mdg_flow_get_done_step (MdgFlow *self)
{
  g_return_val_if_fail (MDG_IS_FLOW (self), NULL);
  return find_kind (self, MDG_STEP_DONE);
}

/* Where the visitor goes after `step`, given their answers so far. */
MdgStep *
mdg_flow_next_step (MdgFlow      *self,
                    MdgStep      *step,
                    MdgAnswerFunc answered,
                    gpointer      user_data)
{
  const GPtrArray *branches;
  GListModel *choices;

  g_return_val_if_fail (MDG_IS_FLOW (self), NULL);
  g_return_val_if_fail (MDG_IS_STEP (step), NULL);

  branches = mdg_step_get_branches (step);
  for (guint i = 0; i < branches->len; i++)
    {
      const MdgBranch *branch = g_ptr_array_index (branches, i);

      if (answered (branch->when, branch->is, user_data))
        return g_hash_table_lookup (self->by_id, branch->to);
    }
  choices = mdg_step_get_choices (step);
  if (mdg_step_get_kind (step) == MDG_STEP_SINGLE)
    for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
      {
        g_autoptr (MdgChoice) choice = g_list_model_get_item (choices, i);

        if (mdg_choice_get_next (choice) != NULL
            && answered (mdg_step_get_id (step), mdg_choice_get_id (choice), user_data))
          return g_hash_table_lookup (self->by_id, mdg_choice_get_next (choice));
      }
  return default_next (self, step);
}

static char *
describe_choices (MdgFlow         *self,
                  const char      *step_id,
                  const GPtrArray *choice_ids,
                  const char      *language,
                  gboolean         desk)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; choice_ids != NULL && i < choice_ids->len; i++)
    {
      const char *id = g_ptr_array_index (choice_ids, i);
      MdgChoice *choice = self != NULL ? mdg_flow_lookup_choice (self, step_id, id) : NULL;

      if (i > 0)
        g_string_append (text, mdg_i18n_translate_in (language, N_(", ")));
      if (choice == NULL)
        g_string_append (text, id);
      else
        g_string_append (text, desk ? mdg_choice_get_desk_label_in (choice, language)
                                    : mdg_choice_get_label_in (choice, language));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* An answer's labels in `language`, joined; a choice the flow does not have shows its id, so an
 * inquiry recorded under an older flow still says what was chosen (self may be NULL: all ids). */
char *
mdg_flow_describe_answer (MdgFlow         *self,
                          const char      *step_id,
                          const GPtrArray *choice_ids,
                          const char      *language)
{
  g_return_val_if_fail (self == NULL || MDG_IS_FLOW (self), NULL);
  return describe_choices (self, step_id, choice_ids, language, FALSE);
}

/* The same in the desk's short labels (desk="…" in the flow file). */
char *
mdg_flow_describe_answer_for_desk (MdgFlow         *self,
                                   const char      *step_id,
                                   const GPtrArray *choice_ids,
                                   const char      *language)
{
  g_return_val_if_fail (self == NULL || MDG_IS_FLOW (self), NULL);
  return describe_choices (self, step_id, choice_ids, language, TRUE);
}
