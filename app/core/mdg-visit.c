/* mdg-visit.c: one visitor's way through the flow and their answers, until sent or wiped. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "mdg-i18n.h"
#include "mdg-visit.h"

struct _MdgVisit
{
  GObject parent_instance;

  MdgFlow *flow;
  char *language;
  GPtrArray *path;     /* MdgStep*, borrowed from the flow; the last is the current step */
  GHashTable *answers; /* step id → GPtrArray of choice ids */
  GHashTable *texts;   /* step id → text */
  MdgContact contact;
  gboolean reviewing;  /* a change from the review page returns there */
  char *channel;       /* NULL at the kiosk; how staff are taking it down otherwise */
  char *entered_by;    /* who among staff is typing, or NULL */
};

G_DEFINE_FINAL_TYPE (MdgVisit, mdg_visit, G_TYPE_OBJECT)

enum { PROP_0, PROP_STEP, PROP_LANGUAGE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Overwrite before freeing: a wiped visit leaves no text behind in the heap. */
static void
wipe_string (gpointer data)
{
  char *text = data;

  if (text != NULL)
    {
      memset (text, 0, strlen (text));
      g_free (text);
    }
}

static void
mdg_visit_dispose (GObject *object)
{
  MdgVisit *self = MDG_VISIT (object);

  mdg_visit_reset (self);
  g_clear_object (&self->flow);
  G_OBJECT_CLASS (mdg_visit_parent_class)->dispose (object);
}

static void
mdg_visit_finalize (GObject *object)
{
  MdgVisit *self = MDG_VISIT (object);

  g_free (self->language);
  g_free (self->channel);
  g_free (self->entered_by);
  g_clear_pointer (&self->path, g_ptr_array_unref);
  g_clear_pointer (&self->answers, g_hash_table_unref);
  g_clear_pointer (&self->texts, g_hash_table_unref);
  G_OBJECT_CLASS (mdg_visit_parent_class)->finalize (object);
}

static void
mdg_visit_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  MdgVisit *self = MDG_VISIT (object);

  switch (prop_id)
    {
    case PROP_STEP:
      g_value_set_object (value, mdg_visit_get_step (self));
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_visit_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  MdgVisit *self = MDG_VISIT (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      mdg_visit_set_language (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_visit_class_init (MdgVisitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mdg_visit_dispose;
  object_class->finalize = mdg_visit_finalize;
  object_class->get_property = mdg_visit_get_property;
  object_class->set_property = mdg_visit_set_property;

  properties[PROP_STEP] = g_param_spec_object ("step", NULL, NULL, MDG_TYPE_STEP,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, "ja",
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                     | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Answers changed without the step changing (a toggle, a typed character). */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mdg_visit_init (MdgVisit *self)
{
  self->language = g_strdup ("ja");
  self->path = g_ptr_array_new ();
  self->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, wipe_string);
}

MdgVisit *
mdg_visit_new (MdgFlow *flow)
{
  MdgVisit *self;

  g_return_val_if_fail (MDG_IS_FLOW (flow), NULL);

  self = g_object_new (MDG_TYPE_VISIT, NULL);
  self->flow = g_object_ref (flow);
  g_ptr_array_add (self->path, mdg_flow_get_first_step (flow));
  return self;
}

MdgFlow *
mdg_visit_get_flow (MdgVisit *self)
{
  g_return_val_if_fail (MDG_IS_VISIT (self), NULL);
  return self->flow;
}

MdgStep *
mdg_visit_get_step (MdgVisit *self)
{
  g_return_val_if_fail (MDG_IS_VISIT (self), NULL);
  return self->path->len > 0 ? g_ptr_array_index (self->path, self->path->len - 1) : NULL;
}

const char *
mdg_visit_get_language (MdgVisit *self)
{
  g_return_val_if_fail (MDG_IS_VISIT (self), NULL);
  return self->language;
}

void
mdg_visit_set_language (MdgVisit   *self,
                        const char *language)
{
  g_return_if_fail (MDG_IS_VISIT (self));
  g_return_if_fail (mdg_i18n_is_supported (language));

  if (g_strcmp0 (self->language, language) == 0)
    return;
  g_free (self->language);
  self->language = g_strdup (language);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

static gboolean
answered_cb (const char *step_id,
             const char *choice_id,
             gpointer    user_data)
{
  return mdg_visit_has_choice (user_data, step_id, choice_id);
}

static void
push_step (MdgVisit *self,
           MdgStep  *step)
{
  g_ptr_array_add (self->path, step);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
}

static gboolean
step_has_answer (MdgVisit *self,
                 MdgStep  *step)
{
  const GPtrArray *answer = mdg_visit_get_answer (self, mdg_step_get_id (step));

  switch (mdg_step_get_kind (step))
    {
    case MDG_STEP_SINGLE:
    case MDG_STEP_MULTI:
      return answer != NULL && answer->len > 0;
    default:
      return TRUE;
    }
}

/* The steps a visitor with these answers passes through, from the welcome to the review. */
static GPtrArray *
walk (MdgVisit *self)
{
  GPtrArray *steps = g_ptr_array_new ();
  MdgStep *step = mdg_flow_get_first_step (self->flow);
  MdgStep *review = mdg_flow_get_review_step (self->flow);

  while (step != NULL)
    {
      g_ptr_array_add (steps, step);
      if (step == review)
        break;
      step = mdg_flow_next_step (self->flow, step, answered_cb, self);
    }
  return steps;
}

gboolean
mdg_visit_has_choice (MdgVisit   *self,
                      const char *step_id,
                      const char *choice_id)
{
  const GPtrArray *answer = mdg_visit_get_answer (self, step_id);

  if (answer == NULL)
    return FALSE;
  for (guint i = 0; i < answer->len; i++)
    if (g_str_equal (g_ptr_array_index (answer, i), choice_id))
      return TRUE;
  return FALSE;
}

const GPtrArray *
mdg_visit_get_answer (MdgVisit   *self,
                      const char *step_id)
{
  g_return_val_if_fail (MDG_IS_VISIT (self), NULL);
  return g_hash_table_lookup (self->answers, step_id);
}

static GPtrArray *
ensure_answer (MdgVisit   *self,
               const char *step_id)
{
  GPtrArray *answer = g_hash_table_lookup (self->answers, step_id);

  if (answer == NULL)
    {
      answer = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (self->answers, g_strdup (step_id), answer);
    }
  return answer;
}

/* A single-choice step takes the answer and moves on. */
gboolean
mdg_visit_choose (MdgVisit   *self,
                  const char *choice_id)
{
  MdgStep *step;
  GPtrArray *answer;

  g_return_val_if_fail (MDG_IS_VISIT (self), FALSE);

  step = mdg_visit_get_step (self);
  if (mdg_step_get_kind (step) != MDG_STEP_SINGLE || mdg_step_lookup_choice (step, choice_id) == NULL)
    return FALSE;

  answer = ensure_answer (self, mdg_step_get_id (step));
  g_ptr_array_set_size (answer, 0);
  g_ptr_array_add (answer, g_strdup (choice_id));
  g_signal_emit (self, signals[CHANGED], 0);
  return mdg_visit_advance (self);
}

/* A multi-choice step: on, or off; FALSE when the step's maximum is already reached. */
gboolean
mdg_visit_toggle (MdgVisit   *self,
                  const char *choice_id)
{
  MdgStep *step;
  GPtrArray *answer;
  guint max;

  g_return_val_if_fail (MDG_IS_VISIT (self), FALSE);

  step = mdg_visit_get_step (self);
  if (mdg_step_get_kind (step) != MDG_STEP_MULTI || mdg_step_lookup_choice (step, choice_id) == NULL)
    return FALSE;

  answer = ensure_answer (self, mdg_step_get_id (step));
  for (guint i = 0; i < answer->len; i++)
    if (g_str_equal (g_ptr_array_index (answer, i), choice_id))
      {
        g_ptr_array_remove_index (answer, i);
        g_signal_emit (self, signals[CHANGED], 0);
        return TRUE;
      }
  max = mdg_step_get_max (step);
  if (max > 0 && answer->len >= max)
    return FALSE;
  g_ptr_array_add (answer, g_strdup (choice_id));
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

void
mdg_visit_set_text (MdgVisit   *self,
                    const char *step_id,
                    const char *text)
{
  g_return_if_fail (MDG_IS_VISIT (self));
  g_return_if_fail (step_id != NULL);

  if (g_strcmp0 (g_hash_table_lookup (self->texts, step_id), text) == 0)
    return;
  if (text == NULL || *text == '\0')
    g_hash_table_remove (self->texts, step_id);
  else
    g_hash_table_insert (self->texts, g_strdup (step_id), g_strdup (text));
  g_signal_emit (self, signals[CHANGED], 0);
}

const char *
mdg_visit_get_text (MdgVisit   *self,
                    const char *step_id)
{
  g_return_val_if_fail (MDG_IS_VISIT (self), NULL);
  return g_hash_table_lookup (self->texts, step_id);
}

const MdgContact *
mdg_visit_get_contact (MdgVisit *self)
{
  g_return_val_if_fail (MDG_IS_VISIT (self), NULL);
  return &self->contact;
}

void
mdg_visit_set_contact_field (MdgVisit        *self,
                             MdgContactField  field,
                             const char      *value)
{
  g_return_if_fail (MDG_IS_VISIT (self));
  g_return_if_fail (field < MDG_CONTACT_N_FIELDS);

  if (g_strcmp0 (self->contact.fields[field], value) == 0)
    return;
  wipe_string (self->contact.fields[field]);
  self->contact.fields[field] = value != NULL && *value != '\0' ? g_strdup (value) : NULL;
  g_signal_emit (self, signals[CHANGED], 0);
}

void
mdg_visit_set_consent (MdgVisit *self,
                       gboolean  consent)
{
  g_return_if_fail (MDG_IS_VISIT (self));

  if (self->contact.consent == !!consent)
    return;
  self->contact.consent = !!consent;
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Whether Next may be tapped on the current step. */
gboolean
mdg_visit_can_advance (MdgVisit *self)
{
  MdgStep *step;
  const char *text;
  const MdgContact *contact = &self->contact;

  g_return_val_if_fail (MDG_IS_VISIT (self), FALSE);

  step = mdg_visit_get_step (self);
  switch (mdg_step_get_kind (step))
    {
    case MDG_STEP_WELCOME:
      return TRUE;
    case MDG_STEP_SINGLE:
    case MDG_STEP_MULTI:
      return step_has_answer (self, step);
    case MDG_STEP_TEXT:
      text = mdg_visit_get_text (self, mdg_step_get_id (step));
      return text == NULL || g_utf8_strlen (text, -1) <= (glong) mdg_step_get_max (step);
    case MDG_STEP_CONTACT:
      /* Without consent nothing is kept: details typed anyway would be lost without a word. */
      if (!contact->consent)
        return !mdg_contact_has_any (contact);
      return mdg_contact_is_storable (contact);
    case MDG_STEP_REVIEW:
    case MDG_STEP_DONE:
    default:
      return FALSE;
    }
}

/* Next: to the following step, or straight back to the review after a change. */
gboolean
mdg_visit_advance (MdgVisit *self)
{
  MdgStep *step, *next;

  g_return_val_if_fail (MDG_IS_VISIT (self), FALSE);

  step = mdg_visit_get_step (self);
  if (!mdg_visit_can_advance (self))
    return FALSE;

  if (self->reviewing)
    {
      g_autoptr (GPtrArray) steps = walk (self);
      guint at = 0;

      /* The new answer may open a step never seen (purpose → offer): go there first. */
      g_ptr_array_find (steps, step, &at);
      for (guint i = at + 1; i < steps->len; i++)
        {
          next = g_ptr_array_index (steps, i);
          if (mdg_step_get_kind (next) == MDG_STEP_REVIEW)
            self->reviewing = FALSE;
          if (mdg_step_get_kind (next) == MDG_STEP_REVIEW
              || (mdg_step_is_question (next)
                  && (!g_hash_table_contains (self->answers, mdg_step_get_id (next))
                      || !step_has_answer (self, next))))
            {
              ensure_answer (self, mdg_step_get_id (next));
              push_step (self, next);
              return TRUE;
            }
        }
      g_assert_not_reached ();
    }

  next = mdg_flow_next_step (self->flow, step, answered_cb, self);
  if (next == NULL)
    return FALSE;
  if (mdg_step_is_question (next) || mdg_step_get_kind (next) == MDG_STEP_REVIEW)
    ensure_answer (self, mdg_step_get_id (next));
  push_step (self, next);
  return TRUE;
}

gboolean
mdg_visit_go_back (MdgVisit *self)
{
  g_return_val_if_fail (MDG_IS_VISIT (self), FALSE);

  if (self->path->len <= 1)
    return FALSE;
  g_ptr_array_remove_index (self->path, self->path->len - 1);
  self->reviewing = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
  return TRUE;
}

/* From the review page: change one answer, then come back to the review. */
gboolean
mdg_visit_revisit (MdgVisit   *self,
                   const char *step_id)
{
  MdgStep *step;

  g_return_val_if_fail (MDG_IS_VISIT (self), FALSE);

  step = mdg_flow_lookup_step (self->flow, step_id);
  if (step == NULL || !mdg_step_is_question (step)
      || mdg_step_get_kind (mdg_visit_get_step (self)) != MDG_STEP_REVIEW)
    return FALSE;
  self->reviewing = TRUE;
  push_step (self, step);
  return TRUE;
}

/* After the inquiry has been committed: the done page, with no way back into the answers. */
void
mdg_visit_finish (MdgVisit *self)
{
  g_return_if_fail (MDG_IS_VISIT (self));

  g_ptr_array_set_size (self->path, 0);
  self->reviewing = FALSE;
  push_step (self, mdg_flow_get_done_step (self->flow));
}

/* Start over: every answer and every typed character is gone. */
void
mdg_visit_reset (MdgVisit *self)
{
  g_return_if_fail (MDG_IS_VISIT (self));

  g_hash_table_remove_all (self->answers);
  g_hash_table_remove_all (self->texts);
  for (guint i = 0; i < MDG_CONTACT_N_FIELDS; i++)
    mdg_visit_set_contact_field (self, i, NULL);
  mdg_contact_clear (&self->contact);
  self->reviewing = FALSE;
  if (self->flow == NULL)
    return;
  g_ptr_array_set_size (self->path, 0);
  push_step (self, mdg_flow_get_first_step (self->flow));
}

/* Nothing chosen, typed or consented to: no visit is under way. */
gboolean
mdg_visit_is_untouched (MdgVisit *self)
{
  g_return_val_if_fail (MDG_IS_VISIT (self), FALSE);

  if (g_hash_table_size (self->answers) > 0 || g_hash_table_size (self->texts) > 0
      || self->contact.consent)
    return FALSE;
  for (guint i = 0; i < MDG_CONTACT_N_FIELDS; i++)
    if (self->contact.fields[i] != NULL && *self->contact.fields[i] != '\0')
      return FALSE;
  return TRUE;
}

/* Where the visitor is, counting question pages only, and how many lie ahead to the review. */
guint
mdg_visit_get_position (MdgVisit *self,
                        guint    *total)
{
  g_autoptr (GPtrArray) steps = NULL;
  MdgStep *current;
  guint position = 0, count = 0;

  g_return_val_if_fail (MDG_IS_VISIT (self), 0);

  steps = walk (self);
  current = mdg_visit_get_step (self);
  for (guint i = 0; i < steps->len; i++)
    {
      MdgStep *step = g_ptr_array_index (steps, i);

      if (mdg_step_get_kind (step) == MDG_STEP_WELCOME)
        continue;
      count++;
      if (step == current)
        position = count;
    }
  if (mdg_step_get_kind (current) == MDG_STEP_DONE)
    position = count;
  if (total != NULL)
    *total = count;
  return position;
}

/* How far along the visitor is, from 0 to 1 at the review: what the progress bar shows. The
 * path counts only the branches already opened, so an answer that opens one adds a step ahead
 * and behind alike: position p of n becomes p + 1 of n + 1, which is still further along, and
 * the bar never moves backwards while the visitor goes forwards. */
double
mdg_visit_get_progress (MdgVisit *self)
{
  guint total = 0;
  guint position;

  g_return_val_if_fail (MDG_IS_VISIT (self), 0);

  position = mdg_visit_get_position (self, &total);
  return total > 0 ? (double) position / total : 0;
}

/* The question steps on the visitor's way, in order: what the review shows and the store keeps. */
GPtrArray *
mdg_visit_list_answered (MdgVisit *self)
{
  g_autoptr (GPtrArray) steps = NULL;
  GPtrArray *answered = g_ptr_array_new ();

  g_return_val_if_fail (MDG_IS_VISIT (self), answered);

  steps = walk (self);
  for (guint i = 0; i < steps->len; i++)
    {
      MdgStep *step = g_ptr_array_index (steps, i);

      if (mdg_step_is_question (step))
        g_ptr_array_add (answered, step);
    }
  return answered;
}

static void
answer_free (gpointer data)
{
  MdgAnswer *answer = data;

  g_free (answer->step_id);
  g_ptr_array_unref (answer->choices);
  g_free (answer);
}

void
mdg_answers_free (MdgAnswers *answers)
{
  if (answers == NULL)
    return;
  g_free (answers->language);
  g_free (answers->flow_version);
  g_free (answers->followup);
  g_free (answers->channel);
  g_free (answers->entered_by);
  wipe_string (answers->details);
  g_ptr_array_unref (answers->answers);
  if (answers->contact != NULL)
    {
      for (guint i = 0; i < MDG_CONTACT_N_FIELDS; i++)
        g_clear_pointer (&answers->contact->fields[i], wipe_string);
      g_free (answers->contact);
    }
  g_free (answers);
}

/* The text the desk shows as the visitor's own words. */
static const char *
snapshot_details (MdgVisit  *self,
                  GPtrArray *steps)
{
  MdgStep *details = mdg_flow_lookup_role (self->flow, MDG_ROLE_DETAILS);

  if (details != NULL && g_ptr_array_find (steps, details, NULL))
    return mdg_visit_get_text (self, mdg_step_get_id (details));
  for (guint i = 0; i < steps->len; i++)
    if (mdg_step_get_kind (g_ptr_array_index (steps, i)) == MDG_STEP_TEXT)
      return mdg_visit_get_text (self, mdg_step_get_id (g_ptr_array_index (steps, i)));
  return NULL;
}

/* Everything the store keeps of this visit, copied in one pass over the way taken. */
MdgAnswers *
mdg_visit_snapshot (MdgVisit *self)
{
  g_autoptr (GPtrArray) steps = NULL;
  MdgAnswers *answers;
  const GPtrArray *followup;

  g_return_val_if_fail (MDG_IS_VISIT (self), NULL);

  steps = mdg_visit_list_answered (self);
  answers = g_new0 (MdgAnswers, 1);
  answers->language = g_strdup (self->language);
  answers->channel = g_strdup (self->channel);
  answers->entered_by = g_strdup (self->entered_by);
  answers->flow_version = g_strdup (mdg_flow_get_version (self->flow));
  answers->details = g_strdup (snapshot_details (self, steps));
  answers->answers = g_ptr_array_new_with_free_func (answer_free);
  followup = mdg_visit_get_answer (self, mdg_flow_get_role_id (self->flow, MDG_ROLE_FOLLOWUP));
  if (followup != NULL && followup->len > 0)
    answers->followup = g_strdup (g_ptr_array_index (followup, 0));
  for (guint i = 0; i < steps->len; i++)
    {
      MdgStep *step = g_ptr_array_index (steps, i);
      const GPtrArray *given = mdg_visit_get_answer (self, mdg_step_get_id (step));
      MdgAnswer *answer;

      if (mdg_step_get_kind (step) == MDG_STEP_CONTACT && mdg_contact_is_storable (&self->contact))
        {
          answers->contact = g_new0 (MdgContact, 1);
          answers->contact->consent = self->contact.consent;
          for (guint f = 0; f < MDG_CONTACT_N_FIELDS; f++)
            answers->contact->fields[f] = g_strdup (self->contact.fields[f]);
        }
      if (given == NULL)
        continue;
      answer = g_new0 (MdgAnswer, 1);
      answer->step_id = g_strdup (mdg_step_get_id (step));
      answer->choices = g_ptr_array_new_full (given->len, g_free);
      for (guint j = 0; j < given->len; j++)
        g_ptr_array_add (answer->choices, g_strdup (g_ptr_array_index (given, j)));
      g_ptr_array_add (answers->answers, answer);
    }
  return answers;
}

/* Staff taking an inquiry down (代理入力): how it came in and who types it. Both outlive Start
 * over, for the next inquiry the same person takes; a kiosk's visit never sets them. */
void
mdg_visit_set_taken_by (MdgVisit   *self,
                        const char *channel,
                        const char *entered_by)
{
  char *new_channel, *new_by;

  g_return_if_fail (MDG_IS_VISIT (self));

  /* Either may be the visit's own string: copy both before letting the old ones go. */
  new_channel = g_strdup (channel);
  new_by = entered_by != NULL && *entered_by != '\0' ? g_strdup (entered_by) : NULL;
  g_free (self->channel);
  self->channel = new_channel;
  g_free (self->entered_by);
  self->entered_by = new_by;
}

const char *
mdg_visit_get_channel (MdgVisit *self)
{
  g_return_val_if_fail (MDG_IS_VISIT (self), NULL);
  return self->channel;
}

const char *
mdg_visit_get_entered_by (MdgVisit *self)
{
  g_return_val_if_fail (MDG_IS_VISIT (self), NULL);
  return self->entered_by;
}
