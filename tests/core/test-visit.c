/* test-visit.c: the visit follows every branch of the default flow and keeps its answers. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>

#include "fixtures.h"
#include "mdg-contact.h"
#include "mdg-visit.h"

static char *
path_of (MdgVisit *visit)
{
  g_autoptr (GPtrArray) steps = mdg_visit_list_answered (visit);
  GString *path = g_string_new (NULL);

  for (guint i = 0; i < steps->len; i++)
    g_string_append_printf (path, "%s%s", i ? " " : "", mdg_step_get_id (g_ptr_array_index (steps, i)));
  return g_string_free (path, FALSE);
}

Test (visit, plain_path_skips_both_branches)
{
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (MdgVisit) visit = mdg_visit_new (flow);
  g_autofree char *path = NULL;

  fixture_answer_default (visit, "start");
  path = path_of (visit);
  cr_assert_str_eq (path, "purpose themes who stage details followup");
}

Test (visit, offer_branch_adds_offer_step)
{
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (MdgVisit) visit = mdg_visit_new (flow);
  g_autofree char *path = NULL;

  fixture_answer_default (visit, "offer");
  path = path_of (visit);
  cr_assert_str_eq (path, "purpose themes who offer stage details followup");
  cr_assert (mdg_visit_has_choice (visit, "offer", "space"));
}

Test (visit, propose_branch_adds_forms_step)
{
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (MdgVisit) visit = mdg_visit_new (flow);
  g_autofree char *path = NULL;

  fixture_answer_default (visit, "propose");
  path = path_of (visit);
  cr_assert_str_eq (path, "purpose themes who forms stage details followup");
}

Test (visit, contact_follow_up_adds_contact_step)
{
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (MdgVisit) visit = mdg_visit_new (flow);

  fixture_answer_default (visit, "join");
  cr_assert (mdg_visit_go_back (visit));
  cr_assert (mdg_visit_choose (visit, "contact"));
  cr_assert_str_eq (mdg_step_get_id (mdg_visit_get_step (visit)), "contact");
  mdg_visit_set_consent (visit, TRUE);
  cr_assert_not (mdg_visit_can_advance (visit), "consent without phone or e-mail");
  mdg_visit_set_contact_field (visit, MDG_CONTACT_PHONE, "045-123");
  cr_assert_not (mdg_visit_can_advance (visit), "a malformed phone number");
  mdg_visit_set_contact_field (visit, MDG_CONTACT_PHONE, "０４５－１２３－４５６７");
  cr_assert (mdg_visit_can_advance (visit));
  mdg_visit_set_contact_field (visit, MDG_CONTACT_PHONE, "045ー123ー4567"); /* kana-mode dash */
  cr_assert (mdg_visit_can_advance (visit));
  mdg_visit_set_contact_field (visit, MDG_CONTACT_PHONE, "045−123−4567"); /* minus sign */
  cr_assert (mdg_visit_can_advance (visit));
  cr_assert (mdg_visit_advance (visit));
  cr_assert_str_eq (mdg_step_get_id (mdg_visit_get_step (visit)), "review");
}

Test (visit, details_typed_without_consent_hold_the_page)
{
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (MdgVisit) visit = mdg_visit_new (flow);

  fixture_answer_default (visit, "join");
  cr_assert (mdg_visit_go_back (visit));
  cr_assert (mdg_visit_choose (visit, "contact"));
  cr_assert (mdg_visit_can_advance (visit), "every field is optional");
  mdg_visit_set_contact_field (visit, MDG_CONTACT_PHONE, "045-123-4567");
  cr_assert_not (mdg_visit_can_advance (visit), "a number typed without consent would be lost");
  mdg_visit_set_consent (visit, TRUE);
  cr_assert (mdg_visit_can_advance (visit));
  mdg_visit_set_consent (visit, FALSE);
  mdg_visit_set_contact_field (visit, MDG_CONTACT_PHONE, NULL);
  cr_assert (mdg_visit_can_advance (visit));
}

Test (visit, multi_choice_enforces_maximum)
{
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (MdgVisit) visit = mdg_visit_new (flow);

  mdg_visit_advance (visit);
  mdg_visit_choose (visit, "start");
  cr_assert_not (mdg_visit_can_advance (visit), "Next before any area is chosen");
  cr_assert (mdg_visit_toggle (visit, "children"));
  cr_assert (mdg_visit_toggle (visit, "education"));
  cr_assert (mdg_visit_toggle (visit, "elderly"));
  cr_assert_not (mdg_visit_toggle (visit, "work"), "a fourth area");
  cr_assert_eq (mdg_visit_get_answer (visit, "themes")->len, 3);
  cr_assert (mdg_visit_toggle (visit, "education")); /* off again */
  cr_assert (mdg_visit_toggle (visit, "work"));
  cr_assert (mdg_visit_has_choice (visit, "themes", "work"));
  cr_assert_not (mdg_visit_has_choice (visit, "themes", "education"));
}

Test (visit, answers_survive_a_language_switch)
{
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (MdgVisit) visit = mdg_visit_new (flow);

  fixture_answer_default (visit, "offer");
  mdg_visit_set_language (visit, "en");
  mdg_visit_set_language (visit, "ja");
  cr_assert_str_eq (mdg_visit_get_language (visit), "ja");
  cr_assert (mdg_visit_has_choice (visit, "purpose", "offer"));
  cr_assert (mdg_visit_has_choice (visit, "offer", "space"));
  cr_assert_str_eq (mdg_visit_get_text (visit, "details"), "子ども食堂を始めたい");
  cr_assert_str_eq (mdg_step_get_id (mdg_visit_get_step (visit)), "review");
}

Test (visit, change_from_review_opens_new_branch_then_returns)
{
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (MdgVisit) visit = mdg_visit_new (flow);
  g_autofree char *path = NULL;

  fixture_answer_default (visit, "start");
  cr_assert (mdg_visit_revisit (visit, "purpose"));
  cr_assert (mdg_visit_choose (visit, "offer"));
  cr_assert_str_eq (mdg_step_get_id (mdg_visit_get_step (visit)), "offer");
  cr_assert (mdg_visit_toggle (visit, "funds"));
  cr_assert (mdg_visit_advance (visit));
  cr_assert_str_eq (mdg_step_get_id (mdg_visit_get_step (visit)), "review");
  path = path_of (visit);
  cr_assert_str_eq (path, "purpose themes who offer stage details followup");

  cr_assert (mdg_visit_revisit (visit, "stage"));
  cr_assert (mdg_visit_choose (visit, "active"));
  cr_assert_str_eq (mdg_step_get_id (mdg_visit_get_step (visit)), "review");
}

Test (visit, reset_forgets_everything)
{
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (MdgVisit) visit = mdg_visit_new (flow);

  fixture_answer_default (visit, "propose");
  mdg_visit_set_consent (visit, TRUE);
  mdg_visit_set_contact_field (visit, MDG_CONTACT_NAME, "山田");
  mdg_visit_reset (visit);
  cr_assert_str_eq (mdg_step_get_id (mdg_visit_get_step (visit)), "welcome");
  cr_assert_null (mdg_visit_get_answer (visit, "purpose"));
  cr_assert_null (mdg_visit_get_text (visit, "details"));
  cr_assert_null (mdg_visit_get_contact (visit)->fields[MDG_CONTACT_NAME]);
  cr_assert_not (mdg_visit_get_contact (visit)->consent);
  cr_assert_not (mdg_visit_go_back (visit));
}

Test (visit, progress_counts_the_visitors_own_path)
{
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (MdgVisit) visit = mdg_visit_new (flow);
  guint total = 0;

  mdg_visit_advance (visit);
  cr_assert_eq (mdg_visit_get_position (visit, &total), 1);
  cr_assert_eq (total, 7); /* purpose themes who stage details followup review */
  mdg_visit_choose (visit, "offer");
  cr_assert_eq (mdg_visit_get_position (visit, &total), 2);
  cr_assert_eq (total, 8);
}

Test (visit, leaving_a_branch_drops_its_step)
{
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (MdgVisit) visit = mdg_visit_new (flow);
  g_autofree char *path = NULL;

  fixture_answer_default (visit, "offer");
  cr_assert (mdg_visit_revisit (visit, "purpose"));
  cr_assert (mdg_visit_choose (visit, "propose"));
  /* themes and who keep their answers; the branch now asks for forms instead of offer */
  cr_assert_str_eq (mdg_step_get_id (mdg_visit_get_step (visit)), "forms");
  cr_assert (mdg_visit_choose (visit, "subsidy"));
  cr_assert_str_eq (mdg_step_get_id (mdg_visit_get_step (visit)), "review");
  path = path_of (visit);
  cr_assert_str_eq (path, "purpose themes who forms stage details followup");
}

Test (visit, contact_details_survive_a_language_switch)
{
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (MdgVisit) visit = mdg_visit_new (flow);

  fixture_answer_default (visit, "join");
  cr_assert (mdg_visit_revisit (visit, "followup"));
  cr_assert (mdg_visit_choose (visit, "contact"));
  mdg_visit_set_consent (visit, TRUE);
  mdg_visit_set_contact_field (visit, MDG_CONTACT_NAME, "山田 花子");
  mdg_visit_set_contact_field (visit, MDG_CONTACT_EMAIL, "hanako@example.jp");
  mdg_visit_set_language (visit, "en");
  cr_assert_str_eq (mdg_step_get_id (mdg_visit_get_step (visit)), "contact");
  cr_assert (mdg_visit_get_contact (visit)->consent);
  cr_assert_str_eq (mdg_visit_get_contact (visit)->fields[MDG_CONTACT_NAME], "山田 花子");
  cr_assert_str_eq (mdg_visit_get_contact (visit)->fields[MDG_CONTACT_EMAIL], "hanako@example.jp");
  cr_assert_str_eq (mdg_visit_get_text (visit, "details"), "子ども食堂を始めたい");
  cr_assert (mdg_visit_advance (visit));
  cr_assert_str_eq (mdg_step_get_id (mdg_visit_get_step (visit)), "review");
}

/* Answers the current step with its `n`th choice (or the first where it has fewer), as a visitor
 * tapping forwards would; FALSE at the review. */
static gboolean
answer_forwards (MdgVisit *visit,
                 guint     n)
{
  MdgStep *step = mdg_visit_get_step (visit);
  GListModel *choices = mdg_step_get_choices (step);
  guint count = choices != NULL ? g_list_model_get_n_items (choices) : 0;
  g_autoptr (MdgChoice) picked = count > 0 ? g_list_model_get_item (choices, n < count ? n : 0) : NULL;
  const char *choice = picked != NULL ? mdg_choice_get_id (picked) : NULL;

  switch (mdg_step_get_kind (step))
    {
    case MDG_STEP_WELCOME:
    case MDG_STEP_TEXT:
      return mdg_visit_advance (visit);
    case MDG_STEP_SINGLE:
      return mdg_visit_choose (visit, choice);
    case MDG_STEP_MULTI:
      return mdg_visit_toggle (visit, choice) && mdg_visit_advance (visit);
    case MDG_STEP_CONTACT:
      mdg_visit_set_consent (visit, TRUE);
      mdg_visit_set_contact_field (visit, MDG_CONTACT_PHONE, "045-123-4567");
      return mdg_visit_advance (visit);
    default:
      return FALSE;
    }
}

/* Every way forwards through the default flow, each branch taken: the bar only ever moves on. */
Test (visit, progress_never_moves_backwards_on_any_forward_path)
{
  g_autoptr (MdgFlow) flow = fixture_default_flow ();

  for (guint n = 0; n < 12; n++)
    {
      g_autoptr (MdgVisit) visit = mdg_visit_new (flow);
      double last = 0;
      guint pages = 0;

      cr_assert (answer_forwards (visit, n)); /* past the welcome */
      while (mdg_step_get_kind (mdg_visit_get_step (visit)) != MDG_STEP_REVIEW)
        {
          double progress = mdg_visit_get_progress (visit);
          const char *id = mdg_step_get_id (mdg_visit_get_step (visit));

          cr_assert_gt (progress, last, "choice %u, %s: the bar went from %.3f to %.3f", n, id,
                        last, progress);
          last = progress;
          cr_assert (answer_forwards (visit, n), "choice %u: %s would not move on", n, id);
          cr_assert_lt (++pages, 20);
        }
      cr_assert_float_eq (mdg_visit_get_progress (visit), 1.0, 1e-9, "full at the review");
      cr_assert_gt (1.0, last);
    }
}
